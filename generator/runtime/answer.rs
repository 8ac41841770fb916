//! Answers: read whole (within a limit) before they are judged, so an error can show the body, then decoded
//! into what the operation's method returns.

use reqwest::header::HeaderMap;

use crate::{Error, RequestInfo};

/// A decoded answer with its HTTP status and headers, from the `*_with_response` methods.
#[derive(Debug, Clone)]
pub struct Response<T> {
    status: u16,
    headers: HeaderMap,
    value: T,
}

impl<T> Response<T> {
    #[only_if(streaming)]
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

/// Sends a request and reads its answer: a successful one whole, up to `limit` bytes (a larger one fails as
/// soon as its `Content-Length` or the bytes read so far pass the limit, so a runaway server cannot make the
/// client hold more); an error's body up to [`MAX_ERROR_BODY`](crate::MAX_ERROR_BODY) bytes, the rest left
/// unread.
pub(crate) async fn read_answer(
    request: reqwest::RequestBuilder,
    limit: u64,
) -> Result<(reqwest::StatusCode, HeaderMap, bytes::Bytes), Unread> {
    let mut response = request.send().await.map_err(Unread::Failed)?;
    let status = response.status();
    let headers = std::mem::take(response.headers_mut());
    let body = read_body(response, status.is_success(), limit).await?;
    Ok((status, headers, body))
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
async fn read_body(
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

/// A whole answer, read before it is judged, so errors can show the body.
pub(crate) struct Answer {
    pub(crate) operation: &'static str,
    pub(crate) status: reqwest::StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: bytes::Bytes,
    pub(crate) request: RequestInfo,
}

impl Answer {
    /// The answer itself when its status is a success, else [`Error::Status`].
    fn success(self) -> Result<Self, Error> {
        if self.status.is_success() {
            Ok(self)
        } else {
            Err(Error::from_status(
                self.operation,
                self.status,
                self.headers,
                &self.body,
                self.request,
            ))
        }
    }

    /// The value decoded from this answer, with its status and headers.
    fn respond<T>(self, value: T) -> Response<T> {
        Response {
            status: self.status.as_u16(),
            headers: self.headers,
            value,
        }
    }

    #[only_if(json_answer, json_at_answer, answer_cursor_pages, link_pages, items_within)]
    /// Whether the body is empty or only whitespace, which decodes as "nothing" rather than failing.
    fn is_blank(&self) -> bool {
        self.body.iter().all(u8::is_ascii_whitespace)
    }

    #[only_if(json_answer, json_at_answer, answer_cursor_pages, link_pages, items_within)]
    /// The error for a success body that does not decode at `path`.
    fn decode_error(&self, path: String, source: serde_json::Error) -> Error {
        Error::decode(
            self.operation,
            self.status,
            path,
            source,
            &self.body,
            self.request.clone(),
        )
    }

    #[only_if(json_answer)]
    /// Decodes a successful JSON answer; an empty body decodes as JSON `null`.
    pub(crate) fn json<T: serde::de::DeserializeOwned>(self) -> Result<Response<T>, Error> {
        let answer = self.success()?;
        let body: &[u8] = if answer.is_blank() {
            b"null"
        } else {
            &answer.body
        };
        let value = decode_json(body)
            .map_err(|(path, source)| answer.decode_error(path, source))?;
        Ok(answer.respond(value))
    }

    #[only_if(json_at_answer)]
    /// Decodes the part of a successful JSON answer at `pointer`; a missing or null part (or an empty body)
    /// decodes from `empty`.
    pub(crate) fn json_at<T: serde::de::DeserializeOwned>(
        self,
        pointer: &str,
        empty: &str,
    ) -> Result<Response<T>, Error> {
        let answer = self.success()?;
        let part = if answer.is_blank() {
            None
        } else {
            crate::pointer::decode_at(&answer.body, pointer)
                .map_err(|(path, source)| answer.decode_error(path, source))?
        };
        let value = match part {
            Some(value) => value,
            None => serde_json::from_str(empty)
                .map_err(|source| answer.decode_error(String::new(), source))?,
        };
        Ok(answer.respond(value))
    }

    #[only_if(items_within)]
    /// The list at `pointer` in a successful answer (a page of a listing whose answer holds more than the
    /// list); a missing or null list is empty.
    pub(crate) fn items<T: serde::de::DeserializeOwned>(self, pointer: &str) -> Result<Vec<T>, Error> {
        let answer = self.success()?;
        Ok(answer.part(pointer)?.unwrap_or_default())
    }

    #[only_if(answer_cursor_pages, link_pages, items_within)]
    /// The value at `pointer` in a successful answer, `None` when it is missing or null (or the body empty).
    fn part<T: serde::de::DeserializeOwned>(&self, pointer: &str) -> Result<Option<T>, Error> {
        if self.is_blank() {
            return Ok(None);
        }
        crate::pointer::decode_at(&self.body, pointer)
            .map_err(|(path, source)| self.decode_error(path, source))
    }

    #[only_if(answer_cursor_pages)]
    /// A page of a listing whose answer holds the next page's cursor: the items at `items` (a JSON pointer,
    /// empty for the whole body) and the cursor at `next`. A missing, null or empty cursor means this page
    /// is the last.
    pub(crate) fn cursor_page<T, C>(
        self,
        items: &str,
        next: &str,
    ) -> Result<crate::pages::Page<T, Option<C>>, Error>
    where
        T: serde::de::DeserializeOwned,
        C: serde::de::DeserializeOwned,
    {
        let answer = self.success()?;
        let items = answer.part(items)?.unwrap_or_default();
        let cursor = match answer.part::<serde_json::Value>(next)? {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(text)) if text.is_empty() => None,
            Some(value) => Some(
                serde_json::from_value(value)
                    .map_err(|source| answer.decode_error(next.to_owned(), source))?,
            ),
        };
        Ok(crate::pages::Page {
            items,
            next: cursor.map(Some),
        })
    }

    #[only_if(header_link_pages)]
    /// A page of a listing whose `Link` header names the next page: the items at `items` (a JSON pointer,
    /// empty for the whole body) and the `rel="next"` URL.
    pub(crate) fn link_page_from_header<T: serde::de::DeserializeOwned>(
        self,
        items: &str,
    ) -> Result<crate::pages::Page<T, Option<String>>, Error> {
        let answer = self.success()?;
        let items = answer.part(items)?.unwrap_or_default();
        let next = crate::link_header::next_in_header(&answer.headers);
        Ok(crate::pages::Page {
            items,
            next: next.map(Some),
        })
    }

    #[only_if(body_link_pages)]
    /// A page of a listing whose body names the next page's URL at `next` (a JSON pointer): the items at
    /// `items`; a missing, null or empty URL means this page is the last.
    pub(crate) fn link_page_from_body<T: serde::de::DeserializeOwned>(
        self,
        items: &str,
        next: &str,
    ) -> Result<crate::pages::Page<T, Option<String>>, Error> {
        let answer = self.success()?;
        let items = answer.part(items)?.unwrap_or_default();
        let next = answer
            .part::<String>(next)?
            .filter(|link| !link.is_empty());
        Ok(crate::pages::Page {
            items,
            next: next.map(Some),
        })
    }

    #[only_if(exists)]
    /// `true` for a success status, `false` for 404 Not Found.
    pub(crate) fn exists(self) -> Result<Response<bool>, Error> {
        if self.status == reqwest::StatusCode::NOT_FOUND {
            return Ok(self.respond(false));
        }
        self.success().map(|answer| answer.respond(true))
    }

    #[only_if(nothing)]
    /// Checks the status and ignores any body.
    pub(crate) fn nothing(self) -> Result<Response<()>, Error> {
        self.success().map(|answer| answer.respond(()))
    }

    #[only_if(text)]
    /// A successful answer as text (invalid UTF-8 is replaced, never an error).
    pub(crate) fn text(self) -> Result<Response<String>, Error> {
        let answer = self.success()?;
        let text = String::from_utf8_lossy(&answer.body).into_owned();
        Ok(answer.respond(text))
    }

    #[only_if(bytes_answer)]
    /// A successful answer's raw bytes.
    pub(crate) fn bytes(self) -> Result<Response<Vec<u8>>, Error> {
        let answer = self.success()?;
        let bytes = answer.body.to_vec();
        Ok(answer.respond(bytes))
    }
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
