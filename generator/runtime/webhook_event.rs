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
    /// No thread could be started to decode the payload on (the system is out of threads or memory).
    NoThread(std::io::Error),
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
            Self::NoThread(source) => {
                write!(f, "no thread could be started to decode the webhook: {source}")
            }
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
            Self::NoThread(source) => Some(source),
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

/// The stack the payload is decoded on. serde's derived code for a large API's payloads (GitHub's issue events
/// nest hundreds of fields) needs more than the 2 MiB of a tokio worker thread in an unoptimised build: 4 to
/// 8 MiB for GitHub's `issues`.
const DECODING_STACK: usize = 64 * 1024 * 1024;

/// The payload of `event`, decoded from the body, on a thread of its own with a stack that large payloads fit
/// in (see [`DECODING_STACK`]), and boxed there, so it never passes through the caller's stack whole; the
/// thread is joined before this returns.
pub(crate) fn payload<T: serde::de::DeserializeOwned + Send>(
    event: &str,
    body: Value,
) -> Result<Box<T>, ParseError> {
    let decoded = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("webhook payload".into())
            .stack_size(DECODING_STACK)
            .spawn_scoped(scope, || serde_path_to_error::deserialize::<_, Box<T>>(body))
            .map(|decoding| decoding.join())
    });
    let decoded = match decoded {
        Ok(Ok(decoded)) => decoded,
        // serde's derived code does not panic; if it ever did, the panic is the caller's, as if decoded here.
        Ok(Err(panic)) => std::panic::resume_unwind(panic),
        Err(source) => return Err(ParseError::NoThread(source)),
    };
    decoded.map_err(|error| {
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
