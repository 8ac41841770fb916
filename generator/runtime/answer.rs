//! Answers: what every method returns with its status and headers (`Response`), how bodies are read within
//! the client's limit, and how JSON is decoded so that a failure names where it is.

use reqwest::header::HeaderMap;

/// A decoded answer with its HTTP status and headers, from the `*_with_response` methods.
#[derive(Debug, Clone)]
pub struct Response<T> {
    status: u16,
    headers: HeaderMap,
    value: T,
}

impl<T> Response<T> {
    /// A value with the status and headers of the answer it came from.
    pub(crate) fn new(status: u16, headers: HeaderMap, value: T) -> Self {
        Self {
            status,
            headers,
            value,
        }
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The answer's headers (rate-limit counters, request ids, caching).
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The decoded value.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The decoded value, dropping status and headers.
    pub fn into_value(self) -> T {
        self.value
    }
}

/// Why an answer was not read.
pub(crate) enum Unread {
    /// Sending or receiving failed.
    Failed(reqwest::Error),
    /// A successful answer announced (`Content-Length`) or reached `size` bytes, more than `limit`.
    TooLarge { size: u64, limit: u64 },
}

#[only_if(streaming)]
/// Sends a request whose successful answer is read as it arrives: the answer is kept open, unread, once its
/// head arrived; an error's body is read like any other.
pub(crate) async fn open_answer(
    request: reqwest::RequestBuilder,
) -> Result<(reqwest::StatusCode, HeaderMap, Result<reqwest::Response, bytes::Bytes>), Unread> {
    let mut response = request.send().await.map_err(Unread::Failed)?;
    let status = response.status();
    let headers = std::mem::take(response.headers_mut());
    if status.is_success() {
        return Ok((status, headers, Ok(response)));
    }
    let body = read_body(response, false, 0).await?;
    Ok((status, headers, Err(body)))
}

/// The body of an answer: a successful one whole, up to `limit` bytes; an error's up to
/// [`MAX_ERROR_BODY`](crate::MAX_ERROR_BODY) bytes.
pub(crate) async fn read_body(
    mut response: reqwest::Response,
    success: bool,
    limit: u64,
) -> Result<bytes::Bytes, Unread> {
    let cap = if success {
        limit
    } else {
        crate::MAX_ERROR_BODY as u64
    };
    if let Some(size) = response
        .content_length()
        .filter(|size| success && *size > limit)
    {
        return Err(Unread::TooLarge { size, limit });
    }
    let expected = response.content_length().unwrap_or(0).min(cap);
    let mut body = bytes::BytesMut::with_capacity(usize::try_from(expected).unwrap_or(0));
    while let Some(chunk) = response.chunk().await.map_err(Unread::Failed)? {
        let size = (body.len() + chunk.len()) as u64;
        if size > cap {
            if success {
                return Err(Unread::TooLarge { size, limit });
            }
            let room = usize::try_from(cap)
                .unwrap_or(usize::MAX)
                .saturating_sub(body.len());
            body.extend_from_slice(&chunk[..room.min(chunk.len())]);
            break;
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

#[only_if(json_answer, event_streams, line_streams)]
/// Decodes JSON as it is; only a body that fails is decoded again, tracking where the failing value is
/// (`data[3].created_at`, empty for the whole body), so a successful decoding pays nothing for the path.
pub(crate) fn decode_json<T: serde::de::DeserializeOwned>(
    body: &[u8],
) -> Result<T, (String, serde_json::Error)> {
    serde_json::from_slice(body).map_err(|first| {
        let tracked =
            serde_path_to_error::deserialize::<_, T>(&mut serde_json::Deserializer::from_slice(body));
        match tracked {
            Err(error) => (path_text(error.path()), error.into_inner()),
            // Decoding is deterministic; should it not be, the first error is the one to report.
            Ok(_) => (String::new(), first),
        }
    })
}

#[only_if(json_answer, event_streams, line_streams)]
/// A path as `serde_path_to_error` tracked it, empty for the whole body.
fn path_text(path: &serde_path_to_error::Path) -> String {
    match path.to_string() {
        root if root == "." => String::new(),
        path => path,
    }
}
