//! One request as an operation describes it: method, path, query, headers and body, before the client adds
//! its credentials, user agent and timeout. Each operation's `*_request` function builds one, checking its
//! arguments, so a request that could not be sent fails before anything goes out.

use reqwest::header::HeaderValue;

/// A part of a request that can be sent only once (a multipart form streams its parts): a call that has one
/// is not retried.
type SentOnce = Box<dyn FnOnce(reqwest::RequestBuilder) -> reqwest::RequestBuilder + Send>;

/// One request as an operation describes it, before credentials are added.
pub(crate) struct Call {
    /// The operation's id in the spec.
    pub(crate) operation: &'static str,
    /// The `Client` method that makes the call, for errors.
    pub(crate) client_method: &'static str,
    pub(crate) method: reqwest::Method,
    pub(crate) path: String,
    /// The spec's path template (`/website/{website_id}`), for tracing.
    pub(crate) path_template: &'static str,
    /// The alternatives of credentials the operation accepts; empty when it needs none.
    pub(crate) security: &'static [&'static [crate::credentials::Scheme]],
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: Vec<(&'static str, HeaderValue)>,
    /// The content type and the bytes of a body that can be sent again on a retry.
    pub(crate) body: Option<(&'static str, bytes::Bytes)>,
    pub(crate) sent_once: Option<SentOnce>,
}

impl Call {
    /// A request for `operation` (its spec id), made by `client_method`, to `path` (already percent-encoded).
    pub(crate) fn new(
        operation: &'static str,
        client_method: &'static str,
        method: reqwest::Method,
        path: String,
        path_template: &'static str,
        security: &'static [&'static [crate::credentials::Scheme]],
    ) -> Self {
        Self {
            operation,
            client_method,
            method,
            path,
            path_template,
            security,
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            sent_once: None,
        }
    }

    #[only_if(query)]
    /// Adds `name=value` to the query string (percent-encoded when sent).
    pub(crate) fn query(&mut self, name: &'static str, value: impl std::fmt::Display) {
        self.query.push((name.to_string(), value.to_string()));
    }

    #[only_if(query_json)]
    /// Adds `name=<value as JSON>` to the query string, for values with no simpler form.
    pub(crate) fn query_json(
        &mut self,
        name: &'static str,
        value: &impl serde::Serialize,
    ) -> Result<(), crate::Error> {
        let text = serde_json::to_string(value).map_err(|source| crate::Error::Encode {
            operation: self.operation,
            source,
        })?;
        self.query.push((name.to_string(), text));
        Ok(())
    }

    #[only_if(query_object)]
    /// Adds an object's properties to the query string: `property=value` pairs (`explode`), one
    /// `name=p1,v1,p2,v2` pair, or `name[property]=value` pairs (`deep`). Null properties are left out.
    pub(crate) fn query_object(
        &mut self,
        name: &'static str,
        value: &impl serde::Serialize,
        deep: bool,
        explode: bool,
    ) -> Result<(), crate::Error> {
        let pairs = crate::params::object_pairs(self.operation, name, value)?;
        if deep {
            self.query.extend(
                pairs
                    .into_iter()
                    .map(|(key, value)| (format!("{name}[{key}]"), value)),
            );
        } else if explode {
            self.query.extend(pairs);
        } else {
            let joined: Vec<String> = pairs
                .into_iter()
                .flat_map(|(key, value)| [key, value])
                .collect();
            self.query.push((name.to_string(), joined.join(",")));
        }
        Ok(())
    }

    #[only_if(headers)]
    /// Adds a header; a value a header cannot carry (such as CR or LF) is refused before sending.
    pub(crate) fn header(
        &mut self,
        name: &'static str,
        value: impl std::fmt::Display,
    ) -> Result<(), crate::Error> {
        let value =
            HeaderValue::from_str(&value.to_string()).map_err(|_| crate::Error::InvalidArgument {
                name,
                reason: "not a valid header value".to_string(),
            })?;
        self.headers.push((name, value));
        Ok(())
    }

    #[only_if(cookies)]
    /// Adds a cookie; names and values with `;`, `,`, whitespace or control characters are refused.
    pub(crate) fn cookie(
        &mut self,
        name: &'static str,
        value: impl std::fmt::Display,
    ) -> Result<(), crate::Error> {
        let value = value.to_string();
        let bad = |c: char| c.is_ascii_control() || c.is_whitespace() || c == ';' || c == ',';
        let invalid = || crate::Error::InvalidArgument {
            name,
            reason: "not a valid cookie value".to_string(),
        };
        if value.contains(bad) {
            return Err(invalid());
        }
        let header = HeaderValue::from_str(&format!("{name}={value}")).map_err(|_| invalid())?;
        self.headers.push(("cookie", header));
        Ok(())
    }

    #[only_if(json_body)]
    /// Sends `body` as JSON, under `content_type` (`application/json`, or a `+json` type such as
    /// `application/merge-patch+json`, which tells the server how to apply it).
    pub(crate) fn json_body<T: serde::Serialize + ?Sized>(
        &mut self,
        content_type: &'static str,
        body: &T,
    ) -> Result<(), crate::Error> {
        let bytes = serde_json::to_vec(body).map_err(|source| crate::Error::Encode {
            operation: self.operation,
            source,
        })?;
        self.body = Some((content_type, bytes.into()));
        Ok(())
    }

    #[only_if(form_body)]
    /// Sends `body` as `application/x-www-form-urlencoded` (flat objects only).
    pub(crate) fn form_body<T: serde::Serialize + ?Sized>(
        &mut self,
        body: &T,
    ) -> Result<(), crate::Error> {
        let text = serde_urlencoded::to_string(body).map_err(|err| crate::Error::InvalidArgument {
            name: "body",
            reason: format!("cannot be form-encoded: {err}"),
        })?;
        self.body = Some(("application/x-www-form-urlencoded", text.into()));
        Ok(())
    }

    #[only_if(bytes_body)]
    /// Sends `body` as it is, under `content_type`.
    pub(crate) fn bytes_body(&mut self, content_type: &'static str, body: Vec<u8>) {
        self.body = Some((content_type, body.into()));
    }

    #[only_if(multipart_body)]
    /// Sends `form` as `multipart/form-data` (reqwest writes the boundary). Its parts are streamed, so the
    /// call is sent once, whatever the retry policy.
    pub(crate) fn multipart_body(&mut self, form: reqwest::multipart::Form) {
        self.sent_once = Some(Box::new(move |request| request.multipart(form)));
    }

    #[only_if(link_pages)]
    /// The same call sent to `link` instead (the next page of a listing, as the answer before named it,
    /// query included); `None` leaves it as it is. A link outside `base_url` is refused.
    pub(crate) fn follow(mut self, base_url: &str, link: Option<&str>) -> Result<Self, crate::Error> {
        if let Some(link) = link {
            self.path = crate::links::path_under(base_url, link)?;
            self.query.clear();
        }
        Ok(self)
    }

    #[only_if(event_streams)]
    /// The same call, to send again when an event stream is resumed; `None` when its body can be sent only
    /// once.
    pub(crate) fn again(&self) -> Option<Self> {
        if self.sent_once.is_some() {
            return None;
        }
        Some(Self {
            method: self.method.clone(),
            path: self.path.clone(),
            query: self.query.clone(),
            headers: self.headers.clone(),
            body: self.body.clone(),
            sent_once: None,
            ..*self
        })
    }

    #[only_if(event_streams, accept_streams)]
    /// Sets the header `name` (a lower-case name) to `value`, replacing what the call had; a value a header
    /// cannot carry leaves the call without it.
    pub(crate) fn replace_header(&mut self, name: &'static str, value: &str) {
        self.headers.retain(|(held, _)| *held != name);
        if let Ok(value) = HeaderValue::from_str(value) {
            self.headers.push((name, value));
        }
    }

    #[only_if(accept_streams)]
    /// The call an operation built, asking for its answer as `media_type` (`Accept`): for the method that
    /// reads as a stream an answer the operation may also send whole.
    pub(crate) fn accepting(built: Result<Self, crate::Error>, media_type: &str) -> Result<Self, crate::Error> {
        built.map(|mut call| {
            call.replace_header("accept", media_type);
            call
        })
    }

    /// The call's query, headers and body added to `request`; what can be sent only once is taken.
    pub(crate) fn add_to(&mut self, mut request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        if !self.query.is_empty() {
            request = request.query(&self.query);
        }
        for (name, value) in &self.headers {
            request = request.header(*name, value.clone());
        }
        if let Some((content_type, body)) = &self.body {
            request = request
                .header(reqwest::header::CONTENT_TYPE, *content_type)
                .body(body.clone());
        }
        if let Some(once) = self.sent_once.take() {
            request = once(request);
        }
        request
    }

    /// The URL with its query string, for errors and tracing.
    pub(crate) fn url(&self, base_url: &str) -> String {
        let url = format!("{base_url}{}", self.path);
        if self.query.is_empty() {
            url
        } else {
            reqwest::Url::parse_with_params(&url, &self.query).map_or(url, String::from)
        }
    }
}

#[only_if(json_part)]
/// A multipart part holding `value` as JSON, the default for object fields of a multipart body.
pub(crate) fn json_part(
    operation: &'static str,
    value: &impl serde::Serialize,
) -> Result<reqwest::multipart::Part, crate::Error> {
    let text =
        serde_json::to_string(value).map_err(|source| crate::Error::Encode { operation, source })?;
    reqwest::multipart::Part::text(text)
        .mime_str("application/json")
        .map_err(|err| crate::Error::InvalidArgument {
            name: "body",
            reason: err.to_string(),
        })
}
