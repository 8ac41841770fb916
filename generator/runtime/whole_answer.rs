#![only_if(whole_answers)]
//! Answers read whole (within a limit) before they are judged, so an error can show the body, then decoded
//! into what the operation's method returns: every method's but an event or line stream's.

use reqwest::header::HeaderMap;

/// Sends a request and reads its answer: a successful one whole, up to `limit` bytes (a larger one fails as
/// soon as its `Content-Length` or the bytes read so far pass the limit, so a runaway server cannot make the
/// client hold more); an error's body up to [`MAX_ERROR_BODY`](crate::MAX_ERROR_BODY) bytes, the rest left
/// unread.
pub(crate) async fn read_answer(
    request: reqwest::RequestBuilder,
    limit: u64,
) -> Result<(reqwest::StatusCode, HeaderMap, bytes::Bytes), crate::answer::Unread> {
    let mut response = request.send().await.map_err(crate::answer::Unread::Failed)?;
    let status = response.status();
    let headers = std::mem::take(response.headers_mut());
    let body = crate::answer::read_body(response, status.is_success(), limit).await?;
    Ok((status, headers, body))
}

/// A whole answer, read before it is judged, so errors can show the body.
pub(crate) struct Answer {
    pub(crate) operation: &'static str,
    pub(crate) status: reqwest::StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: bytes::Bytes,
    pub(crate) request: crate::RequestInfo,
}

impl Answer {
    /// The answer itself when its status is a success, else [`Error::Status`](crate::Error::Status).
    fn success(self) -> Result<Self, crate::Error> {
        if self.status.is_success() {
            Ok(self)
        } else {
            Err(crate::Error::from_status(
                self.operation,
                self.status,
                self.headers,
                &self.body,
                self.request,
            ))
        }
    }

    /// The value decoded from this answer, with its status and headers.
    fn respond<T>(self, value: T) -> crate::Response<T> {
        crate::Response::new(self.status.as_u16(), self.headers, value)
    }

    #[only_if(json_answer, json_at_answer, answer_cursor_pages, link_pages, items_within)]
    /// Whether the body is empty or only whitespace, which decodes as "nothing" rather than failing.
    fn is_blank(&self) -> bool {
        self.body.iter().all(u8::is_ascii_whitespace)
    }

    #[only_if(json_answer, json_at_answer, answer_cursor_pages, link_pages, items_within)]
    /// The error for a success body that does not decode at `path`.
    fn decode_error(&self, path: String, source: serde_json::Error) -> crate::Error {
        crate::Error::decode(
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
    pub(crate) fn json<T: serde::de::DeserializeOwned>(self) -> Result<crate::Response<T>, crate::Error> {
        let answer = self.success()?;
        let body: &[u8] = if answer.is_blank() {
            b"null"
        } else {
            &answer.body
        };
        let value = crate::answer::decode_json(body)
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
    ) -> Result<crate::Response<T>, crate::Error> {
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
    pub(crate) fn items<T: serde::de::DeserializeOwned>(self, pointer: &str) -> Result<Vec<T>, crate::Error> {
        let answer = self.success()?;
        Ok(answer.part(pointer)?.unwrap_or_default())
    }

    #[only_if(answer_cursor_pages, link_pages, items_within)]
    /// The value at `pointer` in a successful answer, `None` when it is missing or null (or the body empty).
    fn part<T: serde::de::DeserializeOwned>(&self, pointer: &str) -> Result<Option<T>, crate::Error> {
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
    ) -> Result<crate::pages::Page<T, Option<C>>, crate::Error>
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
    ) -> Result<crate::pages::Page<T, Option<String>>, crate::Error> {
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
    ) -> Result<crate::pages::Page<T, Option<String>>, crate::Error> {
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
    pub(crate) fn exists(self) -> Result<crate::Response<bool>, crate::Error> {
        if self.status == reqwest::StatusCode::NOT_FOUND {
            return Ok(self.respond(false));
        }
        self.success().map(|answer| answer.respond(true))
    }

    #[only_if(nothing)]
    /// Checks the status and ignores any body.
    pub(crate) fn nothing(self) -> Result<crate::Response<()>, crate::Error> {
        self.success().map(|answer| answer.respond(()))
    }

    #[only_if(text)]
    /// A successful answer as text (invalid UTF-8 is replaced, never an error).
    pub(crate) fn text(self) -> Result<crate::Response<String>, crate::Error> {
        let answer = self.success()?;
        let text = String::from_utf8_lossy(&answer.body).into_owned();
        Ok(answer.respond(text))
    }

    #[only_if(bytes_answer)]
    /// A successful answer's raw bytes.
    pub(crate) fn bytes(self) -> Result<crate::Response<Vec<u8>>, crate::Error> {
        let answer = self.success()?;
        let bytes = answer.body.to_vec();
        Ok(answer.respond(bytes))
    }
}
