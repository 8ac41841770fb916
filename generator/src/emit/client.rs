//! `src/client.rs`: the `Client`, its builder, the credentials it sends and the one function every operation
//! goes through (`send`). Helpers are emitted only when some operation uses them, so the crate has no dead code.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::{doc_opt, ident, raw_literal};
use crate::ir::{
    Api, ApiKeyLocation, BodyEncoding, ParamEncoding, ParamLocation, Returns, SecurityKind,
    SecurityScheme, ValueShape,
};

/// What the operations of an API need from the runtime.
struct Uses {
    path_params: bool,
    query: bool,
    query_json: bool,
    query_object: bool,
    /// Path, header or cookie values arranged by a style (`Parts`, `Style`).
    styled: bool,
    styled_path: bool,
    styled_object: bool,
    headers: bool,
    cookies: bool,
    json_body: bool,
    form_body: bool,
    bytes_body: bool,
    multipart_body: bool,
    json_part: bool,
    json_answer: bool,
    exists: bool,
    nothing: bool,
    text: bool,
    bytes_answer: bool,
    json_at_answer: bool,
}

impl Uses {
    fn of(api: &Api) -> Self {
        let params = || api.operations.iter().flat_map(|op| op.params.iter());
        let returns = |f: fn(&Returns) -> bool| api.operations.iter().any(|op| f(&op.returns));
        let bodies = |encoding| {
            api.operations
                .iter()
                .any(|op| op.body.as_ref().is_some_and(|b| b.encoding == encoding))
        };
        Self {
            path_params: params().any(|p| p.location == ParamLocation::Path),
            query: params().any(|p| p.location == ParamLocation::Query),
            query_json: params()
                .any(|p| p.location == ParamLocation::Query && p.encoding == ParamEncoding::Json),
            query_object: params().any(|p| {
                matches!(
                    p.encoding,
                    ParamEncoding::ObjectExploded
                        | ParamEncoding::ObjectJoined
                        | ParamEncoding::DeepObject
                )
            }),
            styled: params().any(|p| matches!(p.encoding, ParamEncoding::Styled { .. })),
            styled_path: params().any(|p| {
                p.location == ParamLocation::Path
                    && matches!(p.encoding, ParamEncoding::Styled { .. })
            }),
            styled_object: params().any(|p| {
                matches!(
                    p.encoding,
                    ParamEncoding::Styled {
                        shape: ValueShape::Object,
                        ..
                    }
                )
            }),
            headers: params().any(|p| p.location == ParamLocation::Header),
            cookies: params().any(|p| p.location == ParamLocation::Cookie),
            json_body: bodies(BodyEncoding::Json),
            form_body: bodies(BodyEncoding::Form),
            bytes_body: bodies(BodyEncoding::Bytes) || bodies(BodyEncoding::Text),
            multipart_body: api.operations.iter().any(|op| {
                matches!(
                    op.body.as_ref().map(|b| &b.encoding),
                    Some(BodyEncoding::Multipart(_))
                )
            }),
            json_part: api.operations.iter().any(|op| {
                matches!(
                    op.body.as_ref().map(|b| &b.encoding),
                    Some(BodyEncoding::Multipart(form)) if super::multipart::needs_json_part(form)
                )
            }),
            json_answer: returns(|r| matches!(r, Returns::Json(_))),
            exists: returns(|r| matches!(r, Returns::Exists)),
            nothing: returns(|r| matches!(r, Returns::Nothing)),
            text: returns(|r| matches!(r, Returns::Text)),
            bytes_answer: returns(|r| matches!(r, Returns::Bytes)),
            json_at_answer: returns(|r| matches!(r, Returns::JsonAt { .. })),
        }
    }
}

/// Writes `src/client.rs`.
pub fn emit(api: &Api) -> TokenStream {
    let uses = Uses::of(api);
    let title = &api.title;
    let client_doc = raw_literal(&format!(
        " A client for {title}. Cheap to clone: clones share one connection pool."
    ));
    let base_url = emit_base_url(api);
    let credentials = emit_credentials(api);
    let builder = emit_builder(api);
    let call = emit_call(&uses);
    let has_secrets = api.security_schemes.iter().any(|s| {
        !matches!(
            s.kind,
            SecurityKind::ApiKey {
                values: Some(_),
                ..
            }
        )
    });
    let base64_engine = uses_http_basic(api).then(|| {
        quote!(
            use base64::Engine as _;
        )
    });
    let redacted = has_secrets.then(|| {
        quote! {
            /// What debug output shows instead of a secret.
            const REDACTED: &str = "<redacted>";
        }
    });
    let answer = emit_answer(&uses);
    let path_segment = uses.path_params.then(emit_path_segment);
    let styles = emit_styles(&uses);
    let query = uses.query.then(|| {
        quote!(if !call.query.is_empty() {
            request = request.query(&call.query);
        })
    });
    let headers = (uses.headers || uses.cookies).then(|| {
        quote! {
            for (name, value) in &call.headers {
                request = request.header(*name, value.clone());
            }
        }
    });
    let body = (uses.json_body || uses.form_body || uses.bytes_body).then(|| {
        quote! {
            if let Some((content_type, body)) = &call.body {
                request = request.header(reqwest::header::CONTENT_TYPE, *content_type).body(body.clone());
            }
        }
    });
    let multipart = uses.multipart_body.then(|| {
        quote! {
            if let Some(form) = call.multipart.take() {
                request = request.multipart(form);
            }
        }
    });
    let request_url = if uses.query {
        quote! {
            if call.query.is_empty() {
                url
            } else {
                reqwest::Url::parse_with_params(&url, &call.query).map_or(url, String::from)
            }
        }
    } else {
        quote!(url)
    };
    let resendable = if uses.multipart_body {
        quote!(call.multipart.is_none())
    } else {
        quote!(true)
    };
    quote! {
        //! The client, its builder, the credentials it sends and the path every request takes.

        use std::fmt;
        use std::time::Duration;

        #base64_engine
        use reqwest::header::{HeaderMap, HeaderValue, USER_AGENT};
        use tracing::Instrument;

        use crate::error::RequestInfo;
        use crate::{Error, RetryPolicy};

        #base_url

        /// `User-Agent` sent unless the builder is given another.
        pub const DEFAULT_USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

        /// Whole-request timeout unless the builder is given another.
        pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

        /// The largest successful answer a call reads unless the builder is given another limit: far above what a
        /// JSON API sends, and far below what a runaway server could make the client hold.
        pub const DEFAULT_MAX_ANSWER_SIZE: u64 = 32 * 1024 * 1024;

        #redacted

        #[doc = #client_doc]
        ///
        /// Create one with [`Client::builder`].
        #[derive(Clone, Debug)]
        pub struct Client {
            http: reqwest::Client,
            base_url: String,
            user_agent: HeaderValue,
            timeout: Duration,
            retry: RetryPolicy,
            max_answer_size: u64,
            credentials: Credentials,
        }

        impl Client {
            /// Starts configuring a client.
            pub fn builder() -> ClientBuilder {
                ClientBuilder::default()
            }

            /// The base URL every request path is appended to.
            pub fn base_url(&self) -> &str {
                &self.base_url
            }

            /// A client that gives up on each request after `timeout`, for the calls made through it; the
            /// connection pool is shared.
            pub fn with_timeout(&self, timeout: Duration) -> Self {
                Self { timeout, ..self.clone() }
            }

            /// A client that retries as `retry` says, for the calls made through it; the connection pool is
            /// shared.
            pub fn with_retry_policy(&self, retry: RetryPolicy) -> Self {
                Self { retry, ..self.clone() }
            }

            /// A client that reads successful answers of up to `bytes`, for the calls made through it (a large
            /// export, say); the connection pool is shared. See [`ClientBuilder::max_answer_size`].
            pub fn with_max_answer_size(&self, bytes: u64) -> Self {
                Self { max_answer_size: bytes, ..self.clone() }
            }

            /// Sends the request an operation built and decodes the answer with `decode`. Every method of every
            /// operation returns this one future, so the crate has one request path to compile, not one per
            /// method; a request that could not be built fails here, before anything is sent.
            pub(crate) async fn execute<T>(
                &self,
                call: Result<Call, Error>,
                decode: impl FnOnce(Answer) -> Result<T, Error>,
            ) -> Result<T, Error> {
                decode(self.send(call?).await?)
            }

            /// Sends a request, again as the [`RetryPolicy`] allows, and reads the whole answer. Each call is a
            /// `tracing` span (operation, method, path template, final status, attempts), each attempt a span
            /// within it; credentials never appear in them.
            pub(crate) async fn send(&self, mut call: Call) -> Result<Answer, Error> {
                let span = tracing::info_span!(
                    "call",
                    operation = call.operation,
                    method = %call.method,
                    path = call.path_template,
                    status = tracing::field::Empty,
                    attempts = tracing::field::Empty,
                );
                async move {
                    let url = format!("{}{}", self.base_url, call.path);
                    let resendable = #resendable;
                    let mut attempt = 1;
                    loop {
                        let request = self.request(&mut call, &url)?;
                        let sent = read_answer(request, self.max_answer_size)
                            .instrument(tracing::debug_span!("attempt", attempt))
                            .await;
                        let retry = match &sent {
                            Ok((status, headers, _)) => {
                                self.retry.delay_after_status(&call.method, *status, headers, attempt)
                            }
                            Err(Unread::Failed(error)) => self.retry.delay_after_failure(&call.method, error, attempt),
                            Err(Unread::TooLarge { .. }) => None,
                        };
                        if let Some(delay) = retry.filter(|_| resendable) {
                            tracing::debug!(attempt, delay_ms = delay.as_millis() as u64, "retrying");
                            tokio::time::sleep(delay).await;
                            attempt += 1;
                            continue;
                        }
                        let span = tracing::Span::current();
                        span.record("attempts", attempt);
                        let request = RequestInfo {
                            method: call.method.clone(),
                            url: #request_url,
                            attempts: attempt,
                        };
                        return match sent {
                            Ok((status, headers, body)) => {
                                span.record("status", status.as_u16());
                                Ok(Answer { operation: call.operation, status, headers, body, request })
                            }
                            Err(Unread::Failed(error)) => Err(Error::transport(call.operation, request, error)),
                            Err(Unread::TooLarge { size, limit }) => Err(Error::TooLarge {
                                operation: call.operation,
                                size,
                                limit,
                                request: Box::new(request),
                            }),
                        };
                    }
                }
                .instrument(span)
                .await
            }

            /// One attempt's request: authorised, with the call's query, headers and body.
            fn request(&self, call: &mut Call, url: &str) -> Result<reqwest::RequestBuilder, Error> {
                let mut request = self
                    .http
                    .request(call.method.clone(), url)
                    .timeout(self.timeout)
                    .header(USER_AGENT, self.user_agent.clone());
                request = self.credentials.authorize(call.operation, call.security, request)?;
                #query
                #headers
                #body
                #multipart
                Ok(request)
            }
        }

        /// Why an answer was not read.
        enum Unread {
            /// Sending or receiving failed.
            Failed(reqwest::Error),
            /// A successful answer announced (`Content-Length`) or reached `size` bytes, more than `limit`.
            TooLarge { size: u64, limit: u64 },
        }

        /// Sends a request and reads its answer: a successful one whole, up to `limit` bytes (a larger one fails
        /// as soon as its `Content-Length` or the bytes read so far pass the limit, so a runaway server cannot
        /// make the client hold more); an error's body up to [`MAX_ERROR_BODY`](crate::MAX_ERROR_BODY) bytes,
        /// the rest left unread.
        async fn read_answer(
            request: reqwest::RequestBuilder,
            limit: u64,
        ) -> Result<(reqwest::StatusCode, HeaderMap, bytes::Bytes), Unread> {
            let mut response = request.send().await.map_err(Unread::Failed)?;
            let status = response.status();
            let headers = std::mem::take(response.headers_mut());
            let success = status.is_success();
            let cap = if success { limit } else { crate::MAX_ERROR_BODY as u64 };
            if let Some(size) = response.content_length().filter(|size| success && *size > limit) {
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
                    let room = usize::try_from(cap).unwrap_or(usize::MAX).saturating_sub(body.len());
                    body.extend_from_slice(&chunk[..room.min(chunk.len())]);
                    break;
                }
                body.extend_from_slice(&chunk);
            }
            Ok((status, headers, body.freeze()))
        }

        /// A decoded answer with its HTTP status and headers, from the `*_with_response` methods.
        #[derive(Debug, Clone)]
        pub struct Response<T> {
            status: u16,
            headers: HeaderMap,
            value: T,
        }

        impl<T> Response<T> {
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

        #builder
        #credentials
        #call
        #answer
        #path_segment
        #styles
    }
}

fn emit_base_url(api: &Api) -> TokenStream {
    match &api.default_base_url {
        Some(url) => {
            let doc = raw_literal(&format!(" Base URL from the spec's first server: `{url}`."));
            quote! {
                #[doc = #doc]
                pub const DEFAULT_BASE_URL: &str = #url;
            }
        }
        None => quote! {
            /// The spec names no server, so the builder must be given a base URL.
            pub const DEFAULT_BASE_URL: &str = "";
        },
    }
}

fn emit_builder(api: &Api) -> TokenStream {
    let setters = api.security_schemes.iter().map(emit_setter);
    let requirement_check = emit_requirement_check(api);
    quote! {
        /// Configures and validates a [`Client`].
        #[derive(Debug)]
        pub struct ClientBuilder {
            base_url: String,
            timeout: Duration,
            connect_timeout: Option<Duration>,
            retry: RetryPolicy,
            user_agent: String,
            http_client: Option<reqwest::Client>,
            max_answer_size: u64,
            credentials: Credentials,
        }

        impl Default for ClientBuilder {
            fn default() -> Self {
                Self {
                    base_url: DEFAULT_BASE_URL.to_string(),
                    timeout: DEFAULT_TIMEOUT,
                    connect_timeout: None,
                    retry: RetryPolicy::default(),
                    user_agent: DEFAULT_USER_AGENT.to_string(),
                    http_client: None,
                    max_answer_size: DEFAULT_MAX_ANSWER_SIZE,
                    credentials: Credentials::default(),
                }
            }
        }

        impl ClientBuilder {
            #(#setters)*

            /// Sends requests to `base_url` instead of [`DEFAULT_BASE_URL`] (a test server, a proxy).
            pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
                self.base_url = base_url.into();
                self
            }

            /// Gives up on a request after `timeout` (connecting, sending and reading the answer).
            pub fn timeout(mut self, timeout: Duration) -> Self {
                self.timeout = timeout;
                self
            }

            /// Gives up on connecting after `timeout` (the whole-request timeout still applies).
            pub fn connect_timeout(mut self, timeout: Duration) -> Self {
                self.connect_timeout = Some(timeout);
                self
            }

            /// Retries failed requests as `retry` says instead of [`RetryPolicy::default`];
            /// [`RetryPolicy::none`] sends every request once.
            pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
                self.retry = retry;
                self
            }

            /// Sends `user_agent` as the `User-Agent` header instead of [`DEFAULT_USER_AGENT`].
            pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
                self.user_agent = user_agent.into();
                self
            }

            /// Reads successful answers of up to `bytes` instead of [`DEFAULT_MAX_ANSWER_SIZE`]; a larger answer
            /// fails the call with [`Error::TooLarge`] as soon as its `Content-Length` or the bytes read pass the
            /// limit. Error answers keep [`MAX_ERROR_BODY`](crate::MAX_ERROR_BODY) bytes of their body.
            pub fn max_answer_size(mut self, bytes: u64) -> Self {
                self.max_answer_size = bytes;
                self
            }

            /// Sends requests through `http_client` (proxies, custom TLS roots, connection limits).
            /// The timeout, retry policy and user agent set here still apply to every request; a connect
            /// timeout belongs on that client.
            pub fn http_client(mut self, http_client: reqwest::Client) -> Self {
                self.http_client = Some(http_client);
                self
            }

            /// Checks the configuration and creates the client.
            ///
            /// Fails with [`Error::Config`] when the base URL is not an absolute `http` or `https` URL, the
            /// timeout is zero, the user agent or a credential is not a valid header value, or the credentials
            /// the API requires are missing.
            pub fn build(self) -> Result<Client, Error> {
                let base_url = self.base_url.trim_end_matches('/').to_string();
                match reqwest::Url::parse(&base_url) {
                    Ok(url) if matches!(url.scheme(), "http" | "https") && !url.cannot_be_a_base() => {}
                    _ => {
                        return Err(Error::Config(format!(
                            "the base URL `{base_url}` is not an absolute http or https URL"
                        )))
                    }
                }
                if self.timeout.is_zero() {
                    return Err(Error::Config("the timeout must be longer than zero".to_string()));
                }
                let user_agent = HeaderValue::from_str(&self.user_agent)
                    .map_err(|_| Error::Config(format!("the user agent `{}` is not a valid header value", self.user_agent)))?;
                let mut credentials = self.credentials;
                credentials.prepare()?;
                #requirement_check
                let http = match (self.http_client, self.connect_timeout) {
                    (Some(_), Some(_)) => {
                        return Err(Error::Config(
                            "a connect timeout cannot be added to a caller's HTTP client; set it on that client".to_string(),
                        ))
                    }
                    (Some(http), None) => http,
                    (None, connect_timeout) => {
                        let mut http = reqwest::Client::builder();
                        if let Some(timeout) = connect_timeout {
                            http = http.connect_timeout(timeout);
                        }
                        http.build()
                            .map_err(|err| Error::Config(format!("cannot create the HTTP client: {err}")))?
                    }
                };
                Ok(Client {
                    http,
                    base_url,
                    user_agent,
                    timeout: self.timeout,
                    retry: self.retry,
                    max_answer_size: self.max_answer_size,
                    credentials,
                })
            }
        }
    }
}

/// `build()` refuses a client that could not make any call the spec secures by default.
/// Whether the spec secures operations by default, so `build()` must see credentials.
fn requires_credentials(api: &Api) -> bool {
    !api.default_security.is_empty() && api.default_security.iter().all(|r| !r.0.is_empty())
}

fn emit_requirement_check(api: &Api) -> TokenStream {
    let requirements = &api.default_security;
    if !requires_credentials(api) {
        return TokenStream::new();
    }
    let alternatives = requirements.iter().map(|r| {
        let variants =
            r.0.iter()
                .map(|i| scheme_variant(&api.security_schemes[*i]));
        quote!(&[#(#variants),*])
    });
    let needed = requirements
        .iter()
        .map(|r| {
            r.0.iter()
                .map(|i| format!("`{}`", api.security_schemes[*i].setter))
                .collect::<Vec<_>>()
                .join(" and ")
        })
        .collect::<Vec<_>>()
        .join(", or ");
    let message = format!("missing credentials: this API needs {needed} on the builder");
    quote! {
        if !credentials.satisfies_any(&[#(#alternatives),*]) {
            return Err(Error::Config(#message.to_string()));
        }
    }
}

fn emit_setter(scheme: &SecurityScheme) -> TokenStream {
    let setter = ident(&scheme.setter);
    let field = ident(&scheme.field);
    let docs = doc_opt(scheme.docs.as_deref());
    let (how, signature, value) = match &scheme.kind {
        SecurityKind::HttpBasic => (
            " Sent as HTTP Basic authentication (`Authorization: Basic ...`).".to_string(),
            quote!(username: impl Into<String>, password: impl Into<String>),
            quote!((username.into(), password.into())),
        ),
        SecurityKind::Bearer => (
            " Sent as `Authorization: Bearer <token>`.".to_string(),
            quote!(token: impl Into<String>),
            quote!(token.into()),
        ),
        SecurityKind::ApiKey {
            location,
            name,
            values,
        } => {
            let place = match location {
                ApiKeyLocation::Header => "header",
                ApiKeyLocation::Query => "query parameter",
                ApiKeyLocation::Cookie => "cookie",
            };
            let how = format!(" Sent as the `{name}` {place}.");
            match values {
                Some(enum_name) => {
                    let enum_name = ident(enum_name);
                    (how, quote!(value: crate::types::#enum_name), quote!(value))
                }
                None => (how, quote!(key: impl Into<String>), quote!(key.into())),
            }
        }
    };
    let how = raw_literal(&how);
    quote! {
        #docs
        ///
        #[doc = #how]
        pub fn #setter(mut self, #signature) -> Self {
            self.credentials.#field = Some(#value);
            self
        }
    }
}

fn scheme_variant(scheme: &SecurityScheme) -> TokenStream {
    let variant = ident(&scheme.variant);
    quote!(Scheme::#variant)
}

fn emit_credentials(api: &Api) -> TokenStream {
    let schemes = &api.security_schemes;
    let fields = schemes.iter().map(|s| {
        let field = ident(&s.field);
        let ty = match &s.kind {
            SecurityKind::HttpBasic => quote!((String, String)),
            SecurityKind::ApiKey {
                values: Some(enum_name),
                ..
            } => {
                let enum_name = ident(enum_name);
                quote!(crate::types::#enum_name)
            }
            SecurityKind::Bearer | SecurityKind::ApiKey { values: None, .. } => quote!(String),
        };
        let header = authorization_field(s).map(|header| {
            quote! {
                /// The `Authorization` header, encoded once by `prepare` (marked sensitive).
                #header: Option<HeaderValue>,
            }
        });
        quote!(#field: Option<#ty>, #header)
    });
    let debug_fields = schemes.iter().map(|s| {
        let field = ident(&s.field);
        let name = &s.field;
        match &s.kind {
            SecurityKind::HttpBasic => {
                quote!(.field(#name, &self.#field.as_ref().map(|(username, _)| (username, REDACTED))))
            }
            SecurityKind::ApiKey { values: Some(_), .. } => quote!(.field(#name, &self.#field)),
            SecurityKind::Bearer | SecurityKind::ApiKey { values: None, .. } => {
                quote!(.field(#name, &self.#field.as_ref().map(|_| REDACTED)))
            }
        }
    });
    let variants = schemes.iter().map(|s| {
        let variant = ident(&s.variant);
        let doc = raw_literal(&format!(" `{}` in the spec.", s.spec_name));
        quote!(#[doc = #doc] #variant,)
    });
    let has_arms = schemes.iter().map(|s| {
        let variant = scheme_variant(s);
        let field = ident(&s.field);
        quote!(#variant => self.#field.is_some(),)
    });
    let apply_arms = schemes.iter().map(emit_apply_arm);
    let satisfies_any = requires_credentials(api).then(|| {
        quote! {
            /// Whether every scheme of at least one alternative is configured.
            fn satisfies_any(&self, alternatives: &[&[Scheme]]) -> bool {
                alternatives.iter().any(|schemes| schemes.iter().all(|scheme| self.has(*scheme)))
            }
        }
    });
    // With no schemes `apply` has no arms, and its request is never read.
    let request = if schemes.is_empty() {
        quote!(_request)
    } else {
        quote!(request)
    };
    let validations = schemes.iter().map(emit_validation);
    quote! {
        /// The credentials a client sends. `Debug` never shows a secret.
        #[derive(Clone, Default)]
        struct Credentials {
            #(#fields)*
        }

        impl fmt::Debug for Credentials {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct("Credentials")
                    #(#debug_fields)*
                    .finish()
            }
        }

        /// The security schemes of the spec; an operation lists which of them it accepts.
        #[derive(Clone, Copy, Debug)]
        pub(crate) enum Scheme {
            #(#variants)*
        }

        impl Credentials {
            fn has(&self, scheme: Scheme) -> bool {
                match scheme {
                    #(#has_arms)*
                }
            }

            #satisfies_any

            /// Adds the credentials of the first alternative the client can satisfy.
            fn authorize(
                &self,
                operation: &'static str,
                alternatives: &[&[Scheme]],
                mut request: reqwest::RequestBuilder,
            ) -> Result<reqwest::RequestBuilder, Error> {
                if alternatives.is_empty() {
                    return Ok(request);
                }
                let schemes = alternatives
                    .iter()
                    .find(|schemes| schemes.iter().all(|scheme| self.has(*scheme)))
                    .ok_or(Error::MissingCredentials { operation })?;
                for scheme in schemes.iter() {
                    request = self.apply(*scheme, request);
                }
                Ok(request)
            }

            fn apply(&self, scheme: Scheme, #request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
                match scheme {
                    #(#apply_arms)*
                }
            }

            /// Rejects values that could never be sent (empty secrets, characters a header cannot carry), and
            /// encodes the `Authorization` headers once, so a request only copies them.
            fn prepare(&mut self) -> Result<(), Error> {
                #(#validations)*
                Ok(())
            }
        }
    }
}

fn emit_apply_arm(scheme: &SecurityScheme) -> TokenStream {
    let variant = scheme_variant(scheme);
    let field = ident(&scheme.field);
    let add = match &scheme.kind {
        SecurityKind::HttpBasic | SecurityKind::Bearer => {
            let header = authorization_field(scheme);
            return quote! {
                #variant => match &self.#header {
                    Some(header) => request.header(reqwest::header::AUTHORIZATION, header.clone()),
                    None => request,
                },
            };
        }
        SecurityKind::ApiKey {
            location,
            name,
            values,
        } => {
            let text = quote!(value.as_str());
            match location {
                ApiKeyLocation::Header if values.is_some() => quote!(request.header(#name, #text)),
                ApiKeyLocation::Header => quote! {
                    match HeaderValue::from_str(#text) {
                        Ok(mut header) => {
                            header.set_sensitive(true);
                            request.header(#name, header)
                        }
                        Err(_) => request,
                    }
                },
                ApiKeyLocation::Query => quote!(request.query(&[(#name, #text)])),
                ApiKeyLocation::Cookie => {
                    let format = format!("{name}={{}}");
                    quote!(request.header(reqwest::header::COOKIE, format!(#format, #text)))
                }
            }
        }
    };
    quote! {
        #variant => match &self.#field {
            Some(value) => #add,
            None => request,
        },
    }
}

/// HTTP Basic credentials are base64-encoded by the `base64` crate.
pub(crate) fn uses_http_basic(api: &Api) -> bool {
    api.security_schemes
        .iter()
        .any(|s| matches!(s.kind, SecurityKind::HttpBasic))
}

/// The field holding a scheme's prepared `Authorization` header, when it has one (lowering names it).
fn authorization_field(scheme: &SecurityScheme) -> Option<Ident> {
    scheme.authorization_field.as_deref().map(ident)
}

fn emit_validation(scheme: &SecurityScheme) -> TokenStream {
    let field = ident(&scheme.field);
    let setter = &scheme.setter;
    let set_header = authorization_field(scheme).map(|header| {
        let (prefix, value) = match scheme.kind {
            SecurityKind::HttpBasic => ("Basic", "encoded"),
            _ => ("Bearer", "value"),
        };
        let format = format!("{prefix} {{{value}}}");
        let invalid = format!("`{setter}` cannot be sent as an `Authorization` header");
        quote! {
            let mut header = HeaderValue::try_from(format!(#format))
                .map_err(|_| Error::Config(#invalid.to_string()))?;
            header.set_sensitive(true);
            self.#header = Some(header);
        }
    });
    match &scheme.kind {
        SecurityKind::HttpBasic => {
            let empty = format!("`{setter}` needs a non-empty username and password");
            let colon = format!("the `{setter}` username cannot contain `:`");
            quote! {
                if let Some((username, password)) = &self.#field {
                    if username.is_empty() || password.is_empty() {
                        return Err(Error::Config(#empty.to_string()));
                    }
                    if username.contains(':') {
                        return Err(Error::Config(#colon.to_string()));
                    }
                    let encoded = base64::engine::general_purpose::STANDARD
                        .encode(format!("{username}:{password}"));
                    #set_header
                }
            }
        }
        SecurityKind::ApiKey {
            values: Some(_), ..
        } => TokenStream::new(),
        SecurityKind::Bearer | SecurityKind::ApiKey { .. } => {
            let message =
                format!("`{setter}` needs a non-empty value made of visible ASCII characters");
            quote! {
                if let Some(value) = &self.#field {
                    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_graphic() || b == b' ') {
                        return Err(Error::Config(#message.to_string()));
                    }
                    #set_header
                }
            }
        }
    }
}

fn emit_call(uses: &Uses) -> TokenStream {
    let query_field = uses
        .query
        .then(|| quote!(pub(crate) query: Vec<(String, String)>,));
    let query_init = uses.query.then(|| quote!(query: Vec::new(),));
    let header_field = (uses.headers || uses.cookies)
        .then(|| quote!(pub(crate) headers: Vec<(&'static str, HeaderValue)>,));
    let header_init = (uses.headers || uses.cookies).then(|| quote!(headers: Vec::new(),));
    let body_field = (uses.json_body || uses.form_body || uses.bytes_body)
        .then(|| quote!(pub(crate) body: Option<(&'static str, bytes::Bytes)>,));
    let body_init =
        (uses.json_body || uses.form_body || uses.bytes_body).then(|| quote!(body: None,));
    let multipart_field = uses
        .multipart_body
        .then(|| quote!(pub(crate) multipart: Option<reqwest::multipart::Form>,));
    let multipart_init = uses.multipart_body.then(|| quote!(multipart: None,));
    let multipart_fn = uses.multipart_body.then(|| {
        quote! {
            /// Sends `form` as `multipart/form-data` (reqwest writes the boundary).
            pub(crate) fn multipart_body(&mut self, form: reqwest::multipart::Form) {
                self.multipart = Some(form);
            }
        }
    });
    let json_part_fn = uses.json_part.then(|| {
        quote! {
            /// A multipart part holding `value` as JSON, the default for object fields of a multipart body.
            pub(crate) fn json_part(
                operation: &'static str,
                value: &impl serde::Serialize,
            ) -> Result<reqwest::multipart::Part, Error> {
                let text = serde_json::to_string(value).map_err(|source| Error::Encode { operation, source })?;
                reqwest::multipart::Part::text(text)
                    .mime_str("application/json")
                    .map_err(|err| Error::InvalidArgument { name: "body", reason: err.to_string() })
            }
        }
    });
    let query_fn = uses.query.then(|| {
        quote! {
            /// Adds `name=value` to the query string (percent-encoded when sent).
            pub(crate) fn query(&mut self, name: &'static str, value: impl fmt::Display) {
                self.query.push((name.to_string(), value.to_string()));
            }
        }
    });
    let query_json_fn = uses.query_json.then(|| {
        quote! {
            /// Adds `name=<value as JSON>` to the query string, for values with no simpler form.
            pub(crate) fn query_json(&mut self, name: &'static str, value: &impl serde::Serialize) -> Result<(), Error> {
                let text = serde_json::to_string(value)
                    .map_err(|source| Error::Encode { operation: self.operation, source })?;
                self.query.push((name.to_string(), text));
                Ok(())
            }
        }
    });
    let query_object_fn = uses.query_object.then(|| {
        quote! {
            /// Adds an object's properties to the query string: `property=value` pairs (`explode`), one
            /// `name=p1,v1,p2,v2` pair, or `name[property]=value` pairs (`deep`). Null properties are left out.
            pub(crate) fn query_object(
                &mut self,
                name: &'static str,
                value: &impl serde::Serialize,
                deep: bool,
                explode: bool,
            ) -> Result<(), Error> {
                let pairs = object_pairs(self.operation, name, value)?;
                if deep {
                    self.query.extend(pairs.into_iter().map(|(key, value)| (format!("{name}[{key}]"), value)));
                } else if explode {
                    self.query.extend(pairs);
                } else {
                    let joined: Vec<String> = pairs.into_iter().flat_map(|(key, value)| [key, value]).collect();
                    self.query.push((name.to_string(), joined.join(",")));
                }
                Ok(())
            }
        }
    });
    let header_fn = uses.headers.then(|| {
        quote! {
            /// Adds a header; a value a header cannot carry (such as CR or LF) is refused before sending.
            pub(crate) fn header(&mut self, name: &'static str, value: impl fmt::Display) -> Result<(), Error> {
                let value = HeaderValue::from_str(&value.to_string()).map_err(|_| Error::InvalidArgument {
                    name,
                    reason: "not a valid header value".to_string(),
                })?;
                self.headers.push((name, value));
                Ok(())
            }
        }
    });
    let cookie_fn = uses.cookies.then(|| {
        quote! {
            /// Adds a cookie; names and values with `;`, `,`, whitespace or control characters are refused.
            pub(crate) fn cookie(&mut self, name: &'static str, value: impl fmt::Display) -> Result<(), Error> {
                let value = value.to_string();
                let bad = |c: char| c.is_ascii_control() || c.is_whitespace() || c == ';' || c == ',';
                if value.contains(bad) {
                    return Err(Error::InvalidArgument { name, reason: "not a valid cookie value".to_string() });
                }
                let header = HeaderValue::from_str(&format!("{name}={value}")).map_err(|_| Error::InvalidArgument {
                    name,
                    reason: "not a valid cookie value".to_string(),
                })?;
                self.headers.push(("cookie", header));
                Ok(())
            }
        }
    });
    let json_fn = uses.json_body.then(|| {
        quote! {
            /// Sends `body` as JSON.
            pub(crate) fn json_body(&mut self, body: &impl serde::Serialize) -> Result<(), Error> {
                let bytes = serde_json::to_vec(body).map_err(|source| Error::Encode { operation: self.operation, source })?;
                self.body = Some(("application/json", bytes.into()));
                Ok(())
            }
        }
    });
    let form_fn = uses.form_body.then(|| {
        quote! {
            /// Sends `body` as `application/x-www-form-urlencoded` (flat objects only).
            pub(crate) fn form_body(&mut self, body: &impl serde::Serialize) -> Result<(), Error> {
                let text = serde_urlencoded::to_string(body).map_err(|err| Error::InvalidArgument {
                    name: "body",
                    reason: format!("cannot be form-encoded: {err}"),
                })?;
                self.body = Some(("application/x-www-form-urlencoded", text.into()));
                Ok(())
            }
        }
    });
    let bytes_fn = uses.bytes_body.then(|| {
        quote! {
            /// Sends `body` as it is, under `content_type`.
            pub(crate) fn bytes_body(&mut self, content_type: &'static str, body: Vec<u8>) {
                self.body = Some((content_type, body.into()));
            }
        }
    });
    quote! {
        /// One request as an operation describes it, before credentials are added.
        pub(crate) struct Call {
            pub(crate) operation: &'static str,
            pub(crate) method: reqwest::Method,
            pub(crate) path: String,
            /// The spec's path template (`/website/{website_id}`), for tracing.
            pub(crate) path_template: &'static str,
            pub(crate) security: &'static [&'static [Scheme]],
            #query_field
            #header_field
            #body_field
            #multipart_field
        }

        impl Call {
            /// A request for `operation` (its spec id, used in errors) to `path` (already percent-encoded).
            pub(crate) fn new(
                operation: &'static str,
                method: reqwest::Method,
                path: String,
                path_template: &'static str,
                security: &'static [&'static [Scheme]],
            ) -> Self {
                Self { operation, method, path, path_template, security, #query_init #header_init #body_init #multipart_init }
            }

            #multipart_fn
            #query_fn
            #query_json_fn
            #query_object_fn
            #header_fn
            #cookie_fn
            #json_fn
            #form_fn
            #bytes_fn
        }

        #json_part_fn
    }
}

fn emit_answer(uses: &Uses) -> TokenStream {
    let json = uses.json_answer.then(|| {
        quote! {
            /// Decodes a successful JSON answer; an empty body decodes as JSON `null`.
            pub(crate) fn json<T: serde::de::DeserializeOwned>(self) -> Result<Response<T>, Error> {
                let answer = self.success()?;
                let body: &[u8] = if answer.body.iter().all(u8::is_ascii_whitespace) { b"null" } else { &answer.body };
                let value = serde_json::from_slice(body).map_err(|source| answer.decode_error(source))?;
                Ok(answer.respond(value))
            }
        }
    });
    let json_at = uses.json_at_answer.then(|| {
        quote! {
            /// Decodes the part of a successful JSON answer at `pointer`; a missing or null part (or an empty
            /// body) decodes from `empty`.
            pub(crate) fn json_at<T: serde::de::DeserializeOwned>(
                self,
                pointer: &str,
                empty: &str,
            ) -> Result<Response<T>, Error> {
                let answer = self.success()?;
                let part = if answer.body.iter().all(u8::is_ascii_whitespace) {
                    None
                } else {
                    crate::pointer::decode_at(&answer.body, pointer).map_err(|source| answer.decode_error(source))?
                };
                let value = match part {
                    Some(value) => value,
                    None => serde_json::from_str(empty).map_err(|source| answer.decode_error(source))?,
                };
                Ok(answer.respond(value))
            }
        }
    });
    let exists = uses.exists.then(|| {
        quote! {
            /// `true` for a success status, `false` for 404 Not Found.
            pub(crate) fn exists(self) -> Result<Response<bool>, Error> {
                if self.status == reqwest::StatusCode::NOT_FOUND {
                    return Ok(self.respond(false));
                }
                self.success().map(|answer| answer.respond(true))
            }
        }
    });
    let nothing = uses.nothing.then(|| {
        quote! {
            /// Checks the status and ignores any body.
            pub(crate) fn nothing(self) -> Result<Response<()>, Error> {
                self.success().map(|answer| answer.respond(()))
            }
        }
    });
    let text = uses.text.then(|| {
        quote! {
            /// A successful answer as text (invalid UTF-8 is replaced, never an error).
            pub(crate) fn text(self) -> Result<Response<String>, Error> {
                let answer = self.success()?;
                let text = String::from_utf8_lossy(&answer.body).into_owned();
                Ok(answer.respond(text))
            }
        }
    });
    let bytes = uses.bytes_answer.then(|| {
        quote! {
            /// A successful answer's raw bytes.
            pub(crate) fn bytes(self) -> Result<Response<Vec<u8>>, Error> {
                let answer = self.success()?;
                let bytes = answer.body.to_vec();
                Ok(answer.respond(bytes))
            }
        }
    });
    let decode_error = (uses.json_answer || uses.json_at_answer).then(|| {
        quote! {
            /// The error for a success body that does not decode.
            fn decode_error(&self, source: serde_json::Error) -> Error {
                Error::decode(self.operation, self.status, source, &self.body, self.request.clone())
            }
        }
    });
    quote! {
        /// A whole answer, read before it is judged, so errors can show the body.
        pub(crate) struct Answer {
            operation: &'static str,
            status: reqwest::StatusCode,
            headers: HeaderMap,
            body: bytes::Bytes,
            request: RequestInfo,
        }

        impl Answer {
            /// The answer itself when its status is a success, else [`Error::Status`].
            fn success(self) -> Result<Self, Error> {
                if self.status.is_success() {
                    Ok(self)
                } else {
                    Err(Error::from_status(self.operation, self.status, self.headers, &self.body, self.request))
                }
            }

            /// The value decoded from this answer, with its status and headers.
            fn respond<T>(self, value: T) -> Response<T> {
                Response { status: self.status.as_u16(), headers: self.headers, value }
            }

            #decode_error

            #json
            #json_at
            #exists
            #nothing
            #text
            #bytes
        }
    }
}

/// `object_pairs`, and the `Parts`/`Style` machinery for styled path, header and cookie values.
fn emit_styles(uses: &Uses) -> TokenStream {
    let object_pairs = (uses.query_object || uses.styled_object).then(|| {
        quote! {
            /// An object argument's properties as `(name, text)` pairs, in order; null properties are left out.
            pub(crate) fn object_pairs(
                operation: &'static str,
                name: &'static str,
                value: &impl serde::Serialize,
            ) -> Result<Vec<(String, String)>, Error> {
                let value = serde_json::to_value(value).map_err(|source| Error::Encode { operation, source })?;
                let serde_json::Value::Object(properties) = value else {
                    return Err(Error::InvalidArgument { name, reason: "expected an object".to_string() });
                };
                Ok(properties
                    .into_iter()
                    .filter(|(_, value)| !value.is_null())
                    .map(|(key, value)| match value {
                        serde_json::Value::String(text) => (key, text),
                        other => (key, other.to_string()),
                    })
                    .collect())
            }
        }
    });
    let styled = uses.styled.then(|| {
        quote! {
            /// A parameter value broken into what a style arranges. Which shapes occur depends on the spec.
            #[allow(dead_code)]
            pub(crate) enum Parts {
                Scalar(String),
                List(Vec<String>),
                Object(Vec<(String, String)>),
            }

            /// The RFC 6570 styles OpenAPI allows in paths, headers and cookies.
            #[derive(Clone, Copy, PartialEq, Eq)]
            pub(crate) enum Style {
                /// `a,b`; objects `k,v` or, exploded, `k=v`.
                Simple,
                /// `.a,b` or, exploded, `.a.b`.
                Label,
                /// `;name=a,b` or, exploded, `;name=a;name=b` and, for objects, `;k=v`.
                Matrix,
            }

            /// Arranges `parts` the way `style` and `explode` say (OpenAPI's style tables).
            pub(crate) fn styled(name: &str, parts: Parts, style: Style, explode: bool) -> String {
                let (lead, exploded_separator) = match style {
                    Style::Simple => ("", ","),
                    Style::Label => (".", "."),
                    Style::Matrix => (";", ";"),
                };
                let separator = if explode { exploded_separator } else { "," };
                match (parts, style) {
                    (Parts::Scalar(value), Style::Matrix) => format!(";{name}={value}"),
                    (Parts::Scalar(value), _) => format!("{lead}{value}"),
                    (Parts::List(items), Style::Matrix) if explode => {
                        items.iter().map(|item| format!(";{name}={item}")).collect()
                    }
                    (Parts::List(items), Style::Matrix) => format!(";{name}={}", items.join(",")),
                    (Parts::List(items), _) => format!("{lead}{}", items.join(separator)),
                    (Parts::Object(pairs), Style::Matrix) if explode => {
                        pairs.iter().map(|(key, value)| format!(";{key}={value}")).collect()
                    }
                    (Parts::Object(pairs), _) if explode => {
                        let pairs: Vec<String> = pairs.iter().map(|(key, value)| format!("{key}={value}")).collect();
                        format!("{lead}{}", pairs.join(separator))
                    }
                    (Parts::Object(pairs), style) => {
                        let flat: Vec<String> = pairs.into_iter().flat_map(|(key, value)| [key, value]).collect();
                        let prefix = if style == Style::Matrix { format!(";{name}=") } else { lead.to_string() };
                        format!("{prefix}{}", flat.join(","))
                    }
                }
            }
        }
    });
    let path_styled = uses.styled_path.then(|| {
        quote! {
            /// A styled value as one path segment: every part is percent-encoded before it is arranged, so
            /// no value can add a `/`; the segments that would change the path's meaning are refused.
            pub(crate) fn path_styled(
                name: &'static str,
                parts: Parts,
                style: Style,
                explode: bool,
            ) -> Result<String, Error> {
                let encode = |text: String| percent_encoding::utf8_percent_encode(&text, SEGMENT).to_string();
                let parts = match parts {
                    Parts::Scalar(value) => Parts::Scalar(encode(value)),
                    Parts::List(items) => Parts::List(items.into_iter().map(encode).collect()),
                    Parts::Object(pairs) => {
                        Parts::Object(pairs.into_iter().map(|(key, value)| (encode(key), encode(value))).collect())
                    }
                };
                let segment = styled(&encode(name.to_string()), parts, style, explode);
                if segment.is_empty() || segment == "." || segment == ".." {
                    return Err(Error::InvalidArgument {
                        name,
                        reason: format!("`{segment}` cannot be a path segment"),
                    });
                }
                Ok(segment)
            }
        }
    });
    quote! {
        #object_pairs
        #styled
        #path_styled
    }
}

fn emit_path_segment() -> TokenStream {
    quote! {
        /// Everything but RFC 3986 unreserved characters is percent-encoded in a path segment.
        const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
            .remove(b'-')
            .remove(b'.')
            .remove(b'_')
            .remove(b'~');

        /// Encodes `value` as exactly one path segment: `/` cannot escape it, and the values that would
        /// change the path's meaning (empty, `.` and `..`) are refused.
        pub(crate) fn path_segment(name: &'static str, value: impl fmt::Display) -> Result<String, Error> {
            let value = value.to_string();
            if value.is_empty() || value == "." || value == ".." {
                return Err(Error::InvalidArgument {
                    name,
                    reason: format!("`{value}` cannot be a path segment"),
                });
            }
            Ok(percent_encoding::utf8_percent_encode(&value, SEGMENT).to_string())
        }
    }
}
