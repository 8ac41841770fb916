//! Errors of the client: one type for every call. It tells apart what the caller can fix (configuration,
//! arguments), what the network did (transport, timeout), what the server said (an error status, with the
//! reason its body names) and what the server sent that the client could not read.

use std::fmt;

/// The largest part of an answer's body kept in an error.
pub const MAX_ERROR_BODY: usize = 64 * 1024;

/// Why a call failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The client's configuration is invalid (reported by `ClientBuilder::build`).
    Config(String),
    /// An argument cannot be sent as given (an empty path segment, a header value with a line break).
    InvalidArgument {
        /// The parameter's name in the spec.
        name: &'static str,
        /// Why it cannot be sent.
        reason: String,
    },
    /// The operation needs credentials the client was not given.
    MissingCredentials {
        /// The operation's id in the spec.
        operation: &'static str,
    },
    /// The request body could not be encoded as JSON.
    Encode {
        /// The operation's id in the spec.
        operation: &'static str,
        /// What serde_json reported.
        source: serde_json::Error,
    },
    /// The request timed out (on its last attempt).
    Timeout {
        /// The operation's id in the spec.
        operation: &'static str,
        /// What reqwest reported (without the URL).
        source: reqwest::Error,
        /// The request and how many attempts it took.
        request: Box<RequestInfo>,
    },
    /// A successful answer was larger than the client reads
    /// ([`ClientBuilder::max_answer_size`](crate::ClientBuilder::max_answer_size)); reading stopped there.
    TooLarge {
        /// The operation's id in the spec.
        operation: &'static str,
        /// The size the answer announced (`Content-Length`), or the bytes read when reading stopped.
        size: u64,
        /// The limit it passed.
        limit: u64,
        /// The request and how many attempts it took.
        request: Box<RequestInfo>,
    },
    /// The request could not be sent or the answer could not be read (DNS, connection, TLS).
    Transport {
        /// The operation's id in the spec.
        operation: &'static str,
        /// What reqwest reported (without the URL).
        source: reqwest::Error,
        /// The request and how many attempts it took.
        request: Box<RequestInfo>,
    },
    /// The server answered with an error status (on the last attempt).
    Status {
        /// The operation's id in the spec.
        operation: &'static str,
        /// The HTTP status code.
        status: u16,
        /// The error's name from the body, when the body has one.
        reason: Option<String>,
        /// The body, cut at [`MAX_ERROR_BODY`] bytes, invalid UTF-8 replaced.
        body: String,
        /// The answer's headers (`Retry-After`, rate-limit counters, request ids).
        headers: Box<reqwest::header::HeaderMap>,
        /// The request and how many attempts it took.
        request: Box<RequestInfo>,
    },
    /// The server answered with success but a body that does not match the spec.
    Decode {
        /// The operation's id in the spec.
        operation: &'static str,
        /// The HTTP status code.
        status: u16,
        /// Where in the body the value that failed is (`data[3].created_at`); empty for the body itself.
        path: String,
        /// What serde_json reported.
        source: serde_json::Error,
        /// The body, cut at [`MAX_ERROR_BODY`] bytes, invalid UTF-8 replaced.
        body: String,
        /// The request and how many attempts it took.
        request: Box<RequestInfo>,
    },
}

/// The request behind an error: what was asked of whom, by which method of the client, and how many attempts
/// were made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestInfo {
    /// The `Client` method that made the call (`list_conversations`).
    pub client_method: &'static str,
    /// The HTTP method.
    pub method: reqwest::Method,
    /// The URL with its query string. Credentials are never part of it: they travel in headers, and
    /// query-string keys are left out.
    pub url: String,
    /// How many times the request was sent.
    pub attempts: u32,
    /// How long each attempt was given.
    pub timeout: std::time::Duration,
}

impl RequestInfo {
    /// ` after N attempts`, when the retry policy spent more than one.
    fn attempts_spent(&self) -> String {
        match self.attempts {
            0 | 1 => String::new(),
            attempts => format!(" after {attempts} attempts"),
        }
    }
}

impl Error {
    /// The HTTP status of the answer, when there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Status { status, .. } | Self::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The error's name as the server's body gave it, when it did.
    pub fn reason(&self) -> Option<&str> {
        match self {
            Self::Status { reason, .. } => reason.as_deref(),
            _ => None,
        }
    }

    /// The body of the answer, when there was one.
    pub fn body(&self) -> Option<&str> {
        match self {
            Self::Status { body, .. } | Self::Decode { body, .. } => Some(body),
            _ => None,
        }
    }

    /// The body of an error status decoded as `T` (the type the spec declares for that status), or `None`
    /// when this is not a status error or the body is not a `T`.
    pub fn body_json<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        match self {
            Self::Status { body, .. } => serde_json::from_str(body).ok(),
            _ => None,
        }
    }

    /// The answer's headers, for an error status.
    pub fn headers(&self) -> Option<&reqwest::header::HeaderMap> {
        match self {
            Self::Status { headers, .. } => Some(headers),
            _ => None,
        }
    }

    /// The request behind the error (method, URL, attempts), when one was sent.
    pub fn request(&self) -> Option<&RequestInfo> {
        match self {
            Self::Timeout { request, .. }
            | Self::TooLarge { request, .. }
            | Self::Transport { request, .. }
            | Self::Status { request, .. }
            | Self::Decode { request, .. } => Some(request),
            _ => None,
        }
    }

    /// Whether the request timed out.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Self::Timeout { .. })
    }

    /// Whether the same request may succeed later (a timeout, a failed connection, or a status such as 429
    /// or 503). The client has already retried as its [`RetryPolicy`](crate::RetryPolicy) allows.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Timeout { .. } => true,
            Self::Transport { source, .. } => source.is_connect() || source.is_request(),
            Self::Status { status, .. } => crate::retry::is_retryable_status(*status),
            _ => false,
        }
    }

    /// A failure to send or receive. The URL is dropped from reqwest's message: it could carry a key.
    pub(crate) fn transport(
        operation: &'static str,
        request: RequestInfo,
        source: reqwest::Error,
    ) -> Self {
        let source = source.without_url();
        let request = Box::new(request);
        if source.is_timeout() {
            Self::Timeout {
                operation,
                source,
                request,
            }
        } else {
            Self::Transport {
                operation,
                source,
                request,
            }
        }
    }

    /// An error status, with the reason its body names.
    pub(crate) fn from_status(
        operation: &'static str,
        status: reqwest::StatusCode,
        headers: reqwest::header::HeaderMap,
        body: &[u8],
        request: RequestInfo,
    ) -> Self {
        Self::Status {
            operation,
            status: status.as_u16(),
            reason: reason_of(body, crate::ERROR_REASON_POINTER),
            body: excerpt(body),
            headers: Box::new(headers),
            request: Box::new(request),
        }
    }

    /// A body that does not decode, with where in it the failing value is.
    pub(crate) fn decode(
        operation: &'static str,
        status: reqwest::StatusCode,
        path: String,
        source: serde_json::Error,
        body: &[u8],
        request: RequestInfo,
    ) -> Self {
        Self::Decode {
            operation,
            status: status.as_u16(),
            path,
            source,
            body: excerpt(body),
            request: Box::new(request),
        }
    }
}

impl fmt::Display for Error {
    /// Says what happened in the terms of the call: the client method, the status and reason, where in the
    /// body a value did not decode, how long a timeout was, what a failed connection ran into, and how many
    /// attempts the retry policy spent.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Config(message) => write!(f, "invalid client configuration: {message}"),
            Self::InvalidArgument { name, reason } => {
                write!(f, "invalid value for `{name}`: {reason}")
            }
            Self::MissingCredentials { operation } => {
                write!(f, "`{operation}` needs credentials the client was not given")
            }
            Self::Encode { operation, source } => {
                write!(f, "cannot encode the request of `{operation}`: {source}")
            }
            Self::Timeout { request, .. } => write!(
                f,
                "`{}` timed out after {:?}{}",
                request.client_method,
                request.timeout,
                request.attempts_spent()
            ),
            Self::TooLarge {
                size,
                limit,
                request,
                ..
            } => write!(
                f,
                "the answer of `{}` is larger than the client reads: {size} bytes, over the limit of {limit}",
                request.client_method
            ),
            Self::Transport {
                source, request, ..
            } => write!(
                f,
                "`{}` failed{}: {}",
                request.client_method,
                request.attempts_spent(),
                causes(source)
            ),
            Self::Status {
                status,
                reason,
                request,
                ..
            } => {
                write!(
                    f,
                    "`{}` failed with HTTP {status}",
                    request.client_method
                )?;
                if let Some(reason) = reason {
                    write!(f, ": {reason}")?;
                }
                f.write_str(&request.attempts_spent())
            }
            Self::Decode {
                status,
                path,
                source,
                request,
                ..
            } => {
                write!(
                    f,
                    "cannot decode the answer of `{}` (HTTP {status})",
                    request.client_method
                )?;
                if path.is_empty() {
                    write!(f, ": {source}")
                } else {
                    write!(f, " at `{path}`: {}", without_position(source))
                }
            }
        }
    }
}

/// serde_json's message without its " at line 1 column 136" suffix, for when the JSON path already says
/// where (a column in a minified body helps nobody).
fn without_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    match text.strip_suffix(&position) {
        Some(message) => message.to_owned(),
        None => text,
    }
}

/// An error and each error beneath it (`error sending request: client error (Connect): tcp connect error:
/// Connection refused`), since the first alone rarely says what went wrong.
fn causes(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.ends_with(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Encode { source, .. } | Self::Decode { source, .. } => Some(source),
            Self::Timeout { source, .. } | Self::Transport { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The error's name from a JSON error body, at `pointer` (the spec's `x-error-reason`), when the spec says
/// where errors are named and the body has a string there.
fn reason_of(body: &[u8], pointer: Option<&str>) -> Option<String> {
    let body: serde_json::Value = serde_json::from_slice(body).ok()?;
    body.pointer(pointer?)?.as_str().map(str::to_string)
}

/// The start of a body, for an error: at most [`MAX_ERROR_BODY`] bytes, invalid UTF-8 replaced.
fn excerpt(body: &[u8]) -> String {
    String::from_utf8_lossy(&body[..body.len().min(MAX_ERROR_BODY)]).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reason_is_read_only_where_the_spec_says() {
        let body = br#"{"reason": "website_not_found", "data": {}}"#;
        assert_eq!(
            reason_of(body, Some("/reason")).as_deref(),
            Some("website_not_found")
        );
        assert_eq!(reason_of(body, None), None);
        assert_eq!(reason_of(body, Some("/data")), None);
        assert_eq!(reason_of(b"<html>", Some("/reason")), None);
    }

    #[test]
    fn causes_are_listed_once_each() {
        let inner = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "connection refused");
        let outer = std::io::Error::other(inner);
        assert_eq!(causes(&outer), "connection refused");
        #[derive(Debug)]
        struct Wrapper(std::io::Error);
        impl fmt::Display for Wrapper {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("error sending request")
            }
        }
        impl std::error::Error for Wrapper {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                Some(&self.0)
            }
        }
        let wrapped = Wrapper(std::io::Error::new(
            std::io::ErrorKind::ConnectionRefused,
            "tcp connect error",
        ));
        assert_eq!(
            causes(&wrapped),
            "error sending request: tcp connect error"
        );
    }

    #[test]
    fn an_excerpt_is_cut_at_the_limit_and_keeps_invalid_utf8_readable() {
        let long = vec![b'a'; MAX_ERROR_BODY + 10];
        assert_eq!(excerpt(&long).len(), MAX_ERROR_BODY);
        assert_eq!(excerpt(b"ok \xff"), "ok \u{fffd}");
    }
}
