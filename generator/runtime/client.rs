//! The client, its builder and the path every request takes: built by the operation, authorised, sent
//! (again, as the retry policy allows), read within the answer limit and traced.

use std::time::Duration;

use reqwest::header::{HeaderValue, USER_AGENT};
use tracing::Instrument;

use crate::answer::Unread;
use crate::call::Call;
use crate::credentials::Credentials;
use crate::{Error, RequestInfo, RetryPolicy};

/// `User-Agent` sent unless the builder is given another.
pub const DEFAULT_USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// Whole-request timeout unless the builder is given another.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The largest successful answer a call reads unless the builder is given another limit: far above what a
/// JSON API sends, and far below what a runaway server could make the client hold.
pub const DEFAULT_MAX_ANSWER_SIZE: u64 = 32 * 1024 * 1024;

/// A client of the API. Cheap to clone: clones share one connection pool.
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

    /// A client that gives up on each request after `timeout`, for the calls made through it; the connection
    /// pool is shared.
    pub fn with_timeout(&self, timeout: Duration) -> Self {
        Self {
            timeout,
            ..self.clone()
        }
    }

    /// A client that retries as `retry` says, for the calls made through it; the connection pool is shared.
    pub fn with_retry_policy(&self, retry: RetryPolicy) -> Self {
        Self {
            retry,
            ..self.clone()
        }
    }

    /// A client that reads successful answers of up to `bytes`, for the calls made through it (a large
    /// export, say); the connection pool is shared. See [`ClientBuilder::max_answer_size`].
    pub fn with_max_answer_size(&self, bytes: u64) -> Self {
        Self {
            max_answer_size: bytes,
            ..self.clone()
        }
    }

    #[only_if(whole_answers)]
    /// Sends the request an operation built and decodes the answer with `decode`. Every method of every
    /// operation returns this one future, so the crate has one request path to compile, not one per method;
    /// a request that could not be built fails here, before anything is sent.
    pub(crate) async fn execute<T>(
        &self,
        call: Result<Call, Error>,
        decode: impl FnOnce(crate::whole_answer::Answer) -> Result<T, Error>,
    ) -> Result<T, Error> {
        decode(self.send(call?).await?)
    }

    #[only_if(numbered_pages, offset_pages, item_cursor_pages, answer_cursor_pages, link_pages)]
    /// [`execute`](Self::execute) on a client of its own (a clone: it shares the connection pool), so the
    /// future borrows nothing: a paged stream fetches each page so, and owns no borrow of the caller's client.
    pub(crate) async fn execute_owned<T>(
        self,
        call: Result<Call, Error>,
        decode: impl FnOnce(crate::whole_answer::Answer) -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.execute(call, decode).await
    }

    #[only_if(whole_answers)]
    /// Sends a request, again as the [`RetryPolicy`] allows, and reads the whole answer.
    pub(crate) async fn send(&self, mut call: Call) -> Result<crate::whole_answer::Answer, Error> {
        let limit = self.max_answer_size;
        let (status, headers, body, request) = self
            .attempts(&mut call, true, |request| {
                crate::whole_answer::read_answer(request, limit)
            })
            .await?;
        Ok(crate::whole_answer::Answer {
            operation: call.operation,
            status,
            headers,
            body,
            request,
        })
    }

    #[only_if(streaming)]
    /// Sends the request an operation built, again as the [`RetryPolicy`] allows, and hands its successful
    /// answer to `finish` unread, to be read as it arrives. The whole-request timeout does not apply (a
    /// stream may last for hours); each read waits at most the timeout the client was built with.
    pub(crate) async fn open<T>(
        &self,
        call: Result<Call, Error>,
        finish: impl FnOnce(crate::streaming::Opened) -> T,
    ) -> Result<T, Error> {
        let mut call = call?;
        let (status, headers, body, request) = self
            .attempts(&mut call, false, crate::answer::open_answer)
            .await?;
        match body {
            Ok(response) => Ok(finish(crate::streaming::Opened {
                client: self.clone(),
                operation: call.operation,
                status,
                headers,
                response,
                request,
            })),
            Err(body) => Err(Error::from_status(
                call.operation,
                status,
                headers,
                &body,
                request,
            )),
        }
    }

    #[only_if(event_streams)]
    /// Opens an event stream (see [`open`](Self::open)): its events' data decoded by `decode`, up to an event
    /// whose data is `sentinel`. A stream whose method may be repeated resumes where it dropped.
    pub(crate) async fn open_events<T: Send + 'static, R>(
        &self,
        call: Result<Call, Error>,
        decode: crate::streaming::DecodeEvent<T>,
        sentinel: Option<&'static str>,
        finish: impl FnOnce(crate::Response<crate::Items<'static, crate::ServerEvent<T>>>) -> R,
    ) -> Result<R, Error> {
        let call = call?;
        let resume = call.again();
        self.open(Ok(call), |opened| {
            finish(opened.events(resume, decode, sentinel))
        })
        .await
    }

    #[only_if(event_streams, line_streams)]
    /// The most bytes of a successful answer the client reads, which bounds one item of a stream too.
    pub(crate) fn max_answer_size(&self) -> u64 {
        self.max_answer_size
    }

    #[only_if(event_streams)]
    /// The retry policy, which also rules whether and when a dropped event stream is resumed.
    pub(crate) fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }

    /// Sends a request, again as the [`RetryPolicy`] allows, each answer read by `read`. Each call is a
    /// `tracing` span (operation, method, path template, final status, attempts), each attempt a span within
    /// it; credentials never appear in them. `whole` says whether the timeout bounds the whole exchange.
    async fn attempts<B, Fut>(
        &self,
        call: &mut Call,
        whole: bool,
        read: impl Fn(reqwest::RequestBuilder) -> Fut,
    ) -> Result<(reqwest::StatusCode, reqwest::header::HeaderMap, B, RequestInfo), Error>
    where
        Fut: std::future::Future<
            Output = Result<(reqwest::StatusCode, reqwest::header::HeaderMap, B), Unread>,
        >,
    {
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
            let resendable = call.sent_once.is_none();
            let mut attempt = 1;
            loop {
                let request = self.request(call, &url, whole)?;
                let sent = read(request)
                    .instrument(tracing::debug_span!("attempt", attempt))
                    .await;
                let retry = match &sent {
                    Ok((status, headers, _)) => {
                        self.retry
                            .delay_after_status(&call.method, *status, headers, attempt)
                    }
                    Err(Unread::Failed(error)) => {
                        self.retry.delay_after_failure(&call.method, error, attempt)
                    }
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
                    client_method: call.client_method,
                    method: call.method.clone(),
                    url: call.url(&self.base_url),
                    attempts: attempt,
                    timeout: self.timeout,
                };
                return match sent {
                    Ok((status, headers, body)) => {
                        span.record("status", status.as_u16());
                        Ok((status, headers, body, request))
                    }
                    Err(Unread::Failed(error)) => {
                        Err(Error::transport(call.operation, request, error))
                    }
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

    /// One attempt's request: authorised, with the call's query, headers and body, and the timeout when it
    /// bounds the `whole` exchange.
    fn request(
        &self,
        call: &mut Call,
        url: &str,
        whole: bool,
    ) -> Result<reqwest::RequestBuilder, Error> {
        let mut request = self
            .http
            .request(call.method.clone(), url)
            .header(USER_AGENT, self.user_agent.clone());
        if whole {
            request = request.timeout(self.timeout);
        }
        let request = self
            .credentials
            .authorize(call.operation, call.security, request)?;
        Ok(call.add_to(request))
    }
}

/// Configures and validates a [`Client`]. The setters of the API's credentials are beside the others.
#[derive(Debug)]
pub struct ClientBuilder {
    base_url: String,
    timeout: Duration,
    connect_timeout: Option<Duration>,
    retry: RetryPolicy,
    user_agent: String,
    http_client: Option<reqwest::Client>,
    max_answer_size: u64,
    pub(crate) credentials: Credentials,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self {
            base_url: crate::DEFAULT_BASE_URL.to_string(),
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
    /// Sends requests to `base_url` instead of [`DEFAULT_BASE_URL`](crate::DEFAULT_BASE_URL) (a test server,
    /// a proxy).
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// Gives up on a request after `timeout` (connecting, sending and reading the answer). An answer read as
    /// it arrives (an event stream, a download) may last longer: each of its reads waits at most `timeout`.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Gives up on connecting after `timeout` (the whole-request timeout still applies).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Retries failed requests as `retry` says instead of [`RetryPolicy::default`]; [`RetryPolicy::none`]
    /// sends every request once.
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

    /// Sends requests through `http_client` (proxies, custom TLS roots, connection limits). The timeout,
    /// retry policy and user agent set here still apply to every request; a connect timeout belongs on that
    /// client.
    pub fn http_client(mut self, http_client: reqwest::Client) -> Self {
        self.http_client = Some(http_client);
        self
    }

    /// Checks the configuration and creates the client.
    ///
    /// Fails with [`Error::Config`] when the base URL is not an absolute `http` or `https` URL, the timeout
    /// is zero, the user agent or a credential is not a valid header value, or the credentials the API
    /// requires are missing.
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
            return Err(Error::Config(
                "the timeout must be longer than zero".to_string(),
            ));
        }
        let user_agent = HeaderValue::from_str(&self.user_agent).map_err(|_| {
            Error::Config(format!(
                "the user agent `{}` is not a valid header value",
                self.user_agent
            ))
        })?;
        let mut credentials = self.credentials;
        credentials.prepare()?;
        credentials.check_required()?;
        let http = match (self.http_client, self.connect_timeout) {
            (Some(_), Some(_)) => {
                return Err(Error::Config(
                    "a connect timeout cannot be added to a caller's HTTP client; set it on that client"
                        .to_string(),
                ))
            }
            (Some(http), None) => http,
            (None, connect_timeout) => {
                let mut http = reqwest::Client::builder();
                // Answers read as they arrive (event streams, downloads) are not bounded by the timeout as a
                // whole; each of their reads is. Other crates' requests do not pay for a timer per read.
                if crate::READS_AS_IT_ARRIVES {
                    http = http.read_timeout(self.timeout);
                }
                if let Some(timeout) = connect_timeout {
                    http = http.connect_timeout(timeout);
                }
                http.build().map_err(|err| {
                    Error::Config(format!("cannot create the HTTP client: {err}"))
                })?
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
