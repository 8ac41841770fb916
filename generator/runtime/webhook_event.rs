#![only_if(webhooks)]
//! Reading a webhook request: which event it carries (named in its body or a header, as the API does) and its
//! payload, typed. An event the crate does not know is kept with its name and JSON rather than refused, so a
//! service keeps working when the API adds one.

use serde_json::Value;

/// Why a webhook request could not be read.
#[derive(Debug)]
pub enum ParseError {
    /// The body is not JSON.
    NotJson(serde_json::Error),
    /// The request does not name its event where the API puts it (`where_` says where that is).
    NoEventName { where_: &'static str },
    /// The body is not the payload its event has: `path` says where in the body (`data.content`).
    Payload {
        event: String,
        path: String,
        source: serde_json::Error,
    },
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotJson(source) => write!(f, "the webhook's body is not JSON: {source}"),
            Self::NoEventName { where_ } => {
                write!(f, "the webhook does not name its event ({where_})")
            }
            Self::Payload {
                event,
                path,
                source,
            } if path.is_empty() => write!(f, "the payload of `{event}` does not decode: {source}"),
            Self::Payload {
                event,
                path,
                source,
            } => write!(
                f,
                "the payload of `{event}` does not decode at `{path}`: {source}"
            ),
        }
    }
}

impl std::error::Error for ParseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::NotJson(source) | Self::Payload { source, .. } => Some(source),
            Self::NoEventName { .. } => None,
        }
    }
}

/// The body as JSON.
pub(crate) fn json(body: &[u8]) -> Result<Value, ParseError> {
    serde_json::from_slice(body).map_err(ParseError::NotJson)
}

/// The text at `pointer` in the body, if it is a string there.
pub(crate) fn text_at(body: &Value, pointer: &str) -> Option<String> {
    body.pointer(pointer)
        .and_then(Value::as_str)
        .map(str::to_owned)
}

#[only_if(webhook_body_names)]
/// The event's name, a string in the body at `pointer`.
pub(crate) fn name_in_body(body: &Value, pointer: &'static str) -> Result<String, ParseError> {
    text_at(body, pointer).ok_or(ParseError::NoEventName { where_: pointer })
}

#[only_if(webhook_header_names)]
/// The event's name, the header `name`.
pub(crate) fn name_in_header(
    headers: &reqwest::header::HeaderMap,
    name: &'static str,
) -> Result<String, ParseError> {
    headers
        .get(name)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned)
        .ok_or(ParseError::NoEventName { where_: name })
}

/// The payload of `event`, decoded from the body.
pub(crate) fn payload<T: serde::de::DeserializeOwned>(
    event: &str,
    body: Value,
) -> Result<T, ParseError> {
    serde_path_to_error::deserialize(body).map_err(|error| {
        let path = match error.path().to_string() {
            root if root == "." => String::new(),
            path => path,
        };
        ParseError::Payload {
            event: event.to_owned(),
            path,
            source: error.into_inner(),
        }
    })
}
