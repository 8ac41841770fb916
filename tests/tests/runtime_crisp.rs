//! The generated client's runtime under faults, against wiremock on loopback: retries with backoff and
//! `Retry-After`, the rule for non-idempotent requests, attempt limits, timeouts (per client and per call),
//! pagination streams, status and headers on success, and tracing output that never shows credentials.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crisp_client::types::{CreateWebsiteRequest, ListConversationsOptions, Tier};
use crisp_client::{Client, Error, RetryPolicy};
use futures::StreamExt;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const IDENTIFIER: &str = "7c3ef21c-1e04-41ce-8c06-5605c346f73e";
const KEY: &str = "s3cr3t-key-never-logged";

/// Fast retries, so the tests take milliseconds: 3 attempts, 10 ms base delay.
fn quick_retries() -> RetryPolicy {
    RetryPolicy::new(3, Duration::from_millis(10), Duration::from_secs(5))
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .basic_auth(IDENTIFIER, KEY)
        .tier(Tier::Plugin)
        .base_url(server.uri())
        .retry_policy(quick_retries())
        .build()
        .expect("valid configuration")
}

/// Answers the first `http_method` request with `first` and every later one with `then`.
async fn once_then(
    server: &MockServer,
    http_method: &str,
    first: ResponseTemplate,
    then: ResponseTemplate,
) {
    Mock::given(method(http_method))
        .respond_with(first)
        .up_to_n_times(1)
        .mount(server)
        .await;
    Mock::given(method(http_method))
        .respond_with(then)
        .mount(server)
        .await;
}

fn acme() -> CreateWebsiteRequest {
    CreateWebsiteRequest {
        name: "Acme".into(),
        domain: "acme.example".into(),
    }
}

fn website() -> ResponseTemplate {
    ResponseTemplate::new(200)
        .set_body_json(json!({ "error": false, "reason": "resolved", "data": { "name": "Acme" } }))
}

#[tokio::test]
async fn a_503_then_200_succeeds_on_the_second_attempt() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/website/w1"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/website/w1"))
        .respond_with(website())
        .expect(1)
        .mount(&server)
        .await;
    let website = client(&server).get_website("w1").await.expect("retried");
    assert_eq!(website.name.as_deref(), Some("Acme"));
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let server = MockServer::start().await;
    let asks_for_a_second = ResponseTemplate::new(429).insert_header("Retry-After", "1");
    once_then(&server, "GET", asks_for_a_second, website()).await;
    let started = Instant::now();
    client(&server).get_website("w1").await.expect("retried");
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "waited {:?}, not the second the server asked for",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_post_answered_500_is_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500))
        .expect(1)
        .mount(&server)
        .await;
    let body = acme();
    let err = client(&server)
        .create_website(&body)
        .await
        .expect_err("500");
    assert_eq!(err.request().map(|r| r.attempts), Some(1));
    assert!(
        err.is_retryable(),
        "a 500 may pass later; the client just may not resend a POST"
    );
}

#[tokio::test]
async fn a_post_is_resent_intact_when_the_server_asks() {
    let server = MockServer::start().await;
    let added = ResponseTemplate::new(201)
        .set_body_json(json!({ "error": false, "reason": "added", "data": {} }));
    let asks_again = ResponseTemplate::new(429).insert_header("Retry-After", "0");
    once_then(&server, "POST", asks_again, added).await;
    let body = CreateWebsiteRequest {
        name: "Acmé ☕".into(),
        domain: "acme.example".into(),
    };
    client(&server).create_website(&body).await.expect("resent");
    let requests = server.received_requests().await.unwrap_or_default();
    assert_eq!(requests.len(), 2);
    assert_eq!(
        requests[0].body, requests[1].body,
        "the same bytes both times"
    );
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&requests[1].body).ok(),
        Some(json!({ "name": "Acmé ☕", "domain": "acme.example" }))
    );
}

#[tokio::test]
async fn attempts_stop_at_the_maximum() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("x-request-id", "r-42"))
        .expect(3 + 1) // three attempts under the default policy, then one under `none()`
        .mount(&server)
        .await;
    let err = client(&server).get_website("w1").await.expect_err("503");
    let request = err.request().expect("request info");
    assert_eq!(request.attempts, 3);
    assert_eq!(request.method, "GET");
    assert_eq!(request.url, format!("{}/website/w1", server.uri()));
    assert_eq!(
        err.headers()
            .and_then(|h| h.get("x-request-id"))
            .map(|v| v.as_bytes()),
        Some(&b"r-42"[..])
    );
    assert!(err.is_retryable());

    let none = client(&server).with_retry_policy(RetryPolicy::none());
    let err = none.get_website("w1").await.expect_err("503");
    assert_eq!(err.request().map(|r| r.attempts), Some(1));
}

#[tokio::test]
async fn a_refused_post_is_retried_because_it_never_reached_the_server() {
    let uri = workspace_tests::refusing_url();
    let client = Client::builder()
        .basic_auth(IDENTIFIER, KEY)
        .tier(Tier::Plugin)
        .base_url(uri)
        .retry_policy(quick_retries())
        .build()
        .expect("valid");
    let body = acme();
    let err = client
        .create_website(&body)
        .await
        .expect_err("nobody listens");
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(err.request().map(|r| r.attempts), Some(3));
    assert!(err.is_retryable());
}

#[tokio::test]
async fn timeouts_apply_per_client_and_per_call() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(website().set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let patient = client(&server).with_retry_policy(RetryPolicy::none());
    let err = patient
        .with_timeout(Duration::from_millis(100))
        .get_website("w1")
        .await
        .expect_err("times out");
    assert!(err.is_timeout() && err.is_retryable(), "{err:?}");

    let impatient = Client::builder()
        .basic_auth(IDENTIFIER, KEY)
        .tier(Tier::Plugin)
        .base_url(server.uri())
        .timeout(Duration::from_millis(100))
        .connect_timeout(Duration::from_millis(100))
        .retry_policy(RetryPolicy::new(
            2,
            Duration::from_millis(1),
            Duration::from_millis(1),
        ))
        .build()
        .expect("valid");
    let err = impatient.get_website("w1").await.expect_err("times out");
    assert!(err.is_timeout(), "{err:?}");
    assert_eq!(
        err.request().map(|r| r.attempts),
        Some(2),
        "a GET timeout is retried"
    );

    let conflicting = Client::builder()
        .basic_auth(IDENTIFIER, KEY)
        .tier(Tier::Plugin)
        .http_client(reqwest::Client::new())
        .connect_timeout(Duration::from_secs(1))
        .build();
    assert!(matches!(conflicting, Err(Error::Config(_))));
}

fn page(sessions: &[&str]) -> ResponseTemplate {
    let items: Vec<_> = sessions
        .iter()
        .map(|s| json!({ "session_id": s, "website_id": "w1" }))
        .collect();
    ResponseTemplate::new(200)
        .set_body_json(json!({ "error": false, "reason": "listed", "data": items }))
}

#[tokio::test]
async fn pages_stream_until_the_first_empty_page() {
    let server = MockServer::start().await;
    for (number, sessions) in [
        (1, &["s1", "s2"][..]),
        (2, &["s3", "s4"]),
        (3, &["s5"]),
        (4, &[]),
    ] {
        Mock::given(method("GET"))
            .and(path(format!("/website/w1/conversations/{number}")))
            .respond_with(page(sessions))
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = client(&server);
    let options = ListConversationsOptions::default();
    let sessions: Vec<String> = client
        .list_conversations_stream("w1", &options)
        .map(|item| item.expect("listed").session_id)
        .collect()
        .await;
    assert_eq!(sessions, ["s1", "s2", "s3", "s4", "s5"]);
}

#[tokio::test]
async fn an_error_on_page_two_comes_after_page_one() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/website/w1/conversations/1"))
        .respond_with(page(&["s1", "s2"]))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/website/w1/conversations/2"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({ "error": true, "reason": "website_not_found" })),
        )
        .mount(&server)
        .await;
    let client = client(&server);
    let options = ListConversationsOptions::default();
    let items: Vec<Result<String, Error>> = client
        .list_conversations_stream("w1", &options)
        .map(|item| item.map(|c| c.session_id))
        .collect()
        .await;
    assert_eq!(items.len(), 3, "two items, then the error, then the end");
    assert_eq!(items[0].as_deref().ok(), Some("s1"));
    assert_eq!(items[1].as_deref().ok(), Some("s2"));
    let err = items[2].as_ref().expect_err("page 2 failed");
    assert_eq!(err.reason(), Some("website_not_found"));
}

#[tokio::test]
async fn success_can_come_with_status_and_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(website().insert_header("x-ratelimit-remaining", "41"))
        .mount(&server)
        .await;
    let response = client(&server)
        .get_website_with_response("w1")
        .await
        .expect("found");
    assert_eq!(response.status(), 200);
    assert_eq!(
        response
            .headers()
            .get("x-ratelimit-remaining")
            .map(|v| v.as_bytes()),
        Some(&b"41"[..])
    );
    assert_eq!(response.into_value().name.as_deref(), Some("Acme"));
}

/// Collects everything a `tracing` subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut buffer) = self.0.lock() {
            buffer.extend_from_slice(bytes);
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn traces_name_calls_and_attempts_but_never_credentials() {
    let server = MockServer::start().await;
    once_then(&server, "GET", ResponseTemplate::new(503), website()).await;
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    client(&server).get_website("w1").await.expect("retried");

    let bytes = captured.0.lock().map(|b| b.clone()).unwrap_or_default();
    let log = String::from_utf8_lossy(&bytes);
    assert!(log.contains("operation=\"getWebsite\""), "{log}");
    assert!(log.contains("path=\"/website/{website_id}\""), "{log}");
    assert!(log.contains("retrying"), "{log}");
    assert!(log.contains("attempt=2"), "{log}");
    assert!(log.contains("status=200"), "{log}");
    use base64::Engine;
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{IDENTIFIER}:{KEY}"));
    for secret in [KEY, basic.as_str()] {
        assert!(!log.contains(secret), "the log shows a credential:\n{log}");
    }
}

#[tokio::test]
async fn answers_of_the_wrong_shape_size_or_syntax_are_decode_errors() {
    let server = MockServer::start().await;
    let huge = format!(
        "{{\"error\": false, \"data\": [{}0]}}",
        "1234567890,".repeat(1_000_000)
    );
    let answers = [
        (
            "/website/shape",
            ResponseTemplate::new(200).set_body_json(json!({ "data": { "name": 7 } })),
        ),
        (
            "/website/truncated",
            ResponseTemplate::new(200).set_body_string("{\"data\": {\"name\": \"Ac"),
        ),
        (
            "/website/huge",
            ResponseTemplate::new(200).set_body_string(huge.clone()),
        ),
        (
            "/website/html",
            ResponseTemplate::new(200).set_body_string("<html>maintenance</html>"),
        ),
    ];
    for (route, answer) in answers {
        Mock::given(method("GET"))
            .and(path(route))
            .respond_with(answer)
            .mount(&server)
            .await;
    }
    let client = client(&server);
    for id in ["shape", "truncated", "huge", "html"] {
        let err = client.get_website(id).await.expect_err("not a website");
        assert!(
            matches!(err, Error::Decode { status: 200, .. }),
            "{id}: {err:?}"
        );
        let kept = err.body().map_or(0, str::len);
        assert!(
            kept <= crisp_client::MAX_ERROR_BODY,
            "{id}: {kept} bytes kept"
        );
    }
    assert!(huge.len() > 10 * 1024 * 1024);
}
