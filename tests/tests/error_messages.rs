//! What an error says, as a user reads it (`Display`), snapshotted: the client method that made the call, the
//! status and the reason the body names, how many attempts the retry policy spent, how long a timeout was,
//! what a refused connection ran into, and where in the answer a value did not decode.

use std::time::Duration;

use crisp_client::types::{ListConversationsOptions, Tier};
use crisp_client::{Client, RetryPolicy};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(base_url: &str) -> Client {
    Client::builder()
        .basic_auth("identifier", "key")
        .tier(Tier::Plugin)
        .base_url(base_url)
        .retry_policy(RetryPolicy::new(
            3,
            Duration::from_millis(1),
            Duration::from_millis(5),
        ))
        .build()
        .expect("client")
}

#[tokio::test]
async fn a_status_error_names_the_method_the_reason_and_the_attempts() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/website/w1"))
        .respond_with(
            ResponseTemplate::new(503)
                .set_body_json(json!({ "error": true, "reason": "service_unavailable" })),
        )
        .mount(&server)
        .await;
    let err = client(&server.uri())
        .get_website("w1")
        .await
        .expect_err("503");
    insta::assert_snapshot!(
        err.to_string(),
        @"`get_website` failed with HTTP 503: service_unavailable after 3 attempts"
    );
}

#[tokio::test]
async fn a_timeout_says_how_long_it_waited() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/website/w1"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let err = client(&server.uri())
        .with_retry_policy(RetryPolicy::none())
        .with_timeout(Duration::from_millis(50))
        .get_website("w1")
        .await
        .expect_err("too slow");
    insta::assert_snapshot!(err.to_string(), @"`get_website` timed out after 50ms");
}

#[tokio::test]
async fn a_refused_connection_says_what_it_ran_into() {
    let err = client(&workspace_tests::refusing_url())
        .with_retry_policy(RetryPolicy::none())
        .get_website("w1")
        .await
        .expect_err("nobody listens");
    let shown = err.to_string();
    assert!(
        shown.starts_with("`get_website` failed: error sending request"),
        "{shown}"
    );
    assert!(
        shown.to_lowercase().contains("connection refused"),
        "the cause beneath reqwest's message is shown: {shown}"
    );
}

#[tokio::test]
async fn a_value_that_does_not_decode_is_named_by_its_path() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/website/w1/conversations/1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "error": false,
            "reason": "listed",
            "data": [
                { "session_id": "s1", "website_id": "w1" },
                { "session_id": "s2", "website_id": "w1", "status": "yesterday" }
            ]
        })))
        .mount(&server)
        .await;
    let err = client(&server.uri())
        .list_conversations("w1", 1, &ListConversationsOptions::default())
        .await
        .expect_err("a string is no status");
    insta::assert_snapshot!(
        err.to_string(),
        @r#"cannot decode the answer of `list_conversations` (HTTP 200) at `data[1].status`: invalid type: string "yesterday", expected i64"#
    );
}
