#![only_if(byte_uploads)]
//! Binary request bodies: bytes in memory, which a retry sends again, or a stream of chunks read as they are
//! sent (a large file, a pipe), which is sent once whatever the retry policy, since it cannot be read twice.

use futures::stream::TryStream;

/// A binary request body. From bytes in memory (`Vec<u8>`, `bytes::Bytes`, a `String` or a static slice,
/// with `.into()`), or from a stream of chunks with [`Upload::from_stream`].
pub struct Upload {
    body: Body,
}

/// What an upload holds.
enum Body {
    /// Bytes in memory: sent again, intact, on a retry.
    Whole(bytes::Bytes),
    /// A stream: sent once, as it is read.
    Streamed(reqwest::Body),
}

impl Upload {
    /// A body read from `stream` as it is sent, chunk by chunk, never held whole; a chunk that fails ends the
    /// request with that error. A request with a streamed body is sent once, whatever the retry policy.
    pub fn from_stream<S>(stream: S) -> Self
    where
        S: TryStream + Send + 'static,
        S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
        bytes::Bytes: From<S::Ok>,
    {
        Self {
            body: Body::Streamed(reqwest::Body::wrap_stream(stream)),
        }
    }

    /// How many bytes the body holds, when it is in memory.
    pub fn len(&self) -> Option<usize> {
        match &self.body {
            Body::Whole(bytes) => Some(bytes.len()),
            Body::Streamed(_) => None,
        }
    }

    /// Whether the body is in memory and empty.
    pub fn is_empty(&self) -> bool {
        self.len() == Some(0)
    }

    /// Puts the body on `call`, under `content_type`.
    pub(crate) fn send_with(self, call: &mut crate::call::Call, content_type: &'static str) {
        match self.body {
            Body::Whole(bytes) => call.body = Some((content_type, bytes)),
            Body::Streamed(body) => {
                call.sent_once = Some(Box::new(move |request| {
                    request
                        .header(reqwest::header::CONTENT_TYPE, content_type)
                        .body(body)
                }));
            }
        }
    }
}

impl From<bytes::Bytes> for Upload {
    fn from(bytes: bytes::Bytes) -> Self {
        Self {
            body: Body::Whole(bytes),
        }
    }
}

impl From<Vec<u8>> for Upload {
    fn from(bytes: Vec<u8>) -> Self {
        bytes::Bytes::from(bytes).into()
    }
}

impl From<String> for Upload {
    fn from(text: String) -> Self {
        bytes::Bytes::from(text).into()
    }
}

impl From<&'static [u8]> for Upload {
    fn from(bytes: &'static [u8]) -> Self {
        bytes::Bytes::from_static(bytes).into()
    }
}

impl From<&'static str> for Upload {
    fn from(text: &'static str) -> Self {
        bytes::Bytes::from_static(text.as_bytes()).into()
    }
}

impl std::fmt::Debug for Upload {
    /// The size, never the bytes (an upload may be a secret document).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.body {
            Body::Whole(bytes) => write!(f, "Upload({} bytes)", bytes.len()),
            Body::Streamed(_) => f.write_str("Upload(stream)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_in_memory_know_their_size_and_a_stream_does_not() {
        assert_eq!(Upload::from(vec![1, 2, 3]).len(), Some(3));
        assert!(Upload::from("").is_empty());
        let chunks = futures::stream::iter([Ok::<_, std::io::Error>(bytes::Bytes::from("a"))]);
        let streamed = Upload::from_stream(chunks);
        assert_eq!(streamed.len(), None);
        assert_eq!(format!("{streamed:?}"), "Upload(stream)");
        assert_eq!(format!("{:?}", Upload::from("secret")), "Upload(6 bytes)");
    }
}
