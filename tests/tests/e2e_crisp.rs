//! End to end: every method of the generated `crisp-client` against a real HTTP server on loopback
//! (wiremock), checking what goes on the wire (method, path, credentials, content type, body) and what the
//! caller gets back, including errors.

use std::time::Duration;

use base64::Engine;
use crisp_client::types::{
    ConversationState, CreateWebsiteRequest, DeleteWebsiteRequest, DeleteWebsiteRequestVerify,
    DeleteWebsiteRequestVerifyMethod, Envelope, FileMessage, FileMessageContent, Flag,
    ListConversationMessagesOptions, ListConversationsOptions, MessageContent, MessageFrom,
    NewMessage, Participant, ParticipantType, SaveConversationParticipantsRequest, TextMessage,
    Tier, UpdateConversationRoutingRequest, UpdateConversationRoutingRequestAssigned,
    UpdateConversationStateRequest,
};
use crisp_client::{Client, Error};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockBuilder, MockServer, ResponseTemplate};

const IDENTIFIER: &str = "7c3ef21c-1e04-41ce-8c06-5605c346f73e";
const KEY: &str = "s3cr3t-key-never-shown";

fn client(server: &MockServer) -> Client {
    Client::builder()
        .basic_auth(IDENTIFIER, KEY)
        .tier(Tier::Plugin)
        .base_url(server.uri())
        .build()
        .expect("valid configuration")
}

/// A mock that only matches a request carrying Crisp's credentials.
fn crisp(http_method: &str, request_path: &str) -> MockBuilder {
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{IDENTIFIER}:{KEY}"));
    Mock::given(method(http_method))
        .and(path(request_path))
        .and(header("authorization", format!("Basic {basic}").as_str()))
        .and(header("x-crisp-tier", "plugin"))
        .and(header("user-agent", concat!("crisp-client/", "0.1.0")))
}

fn envelope(data: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(200)
        .set_body_json(json!({ "error": false, "reason": "resolved", "data": data }))
}

#[tokio::test]
async fn check_website_is_true_on_200_and_false_on_404() {
    let server = MockServer::start().await;
    crisp("HEAD", "/website")
        .and(query_param("domain", "acme.example"))
        .respond_with(ResponseTemplate::new(200))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    crisp("HEAD", "/website")
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let client = client(&server);
    assert!(client.check_website("acme.example").await.expect("200"));
    assert!(!client
        .check_website("acme.example")
        .await
        .expect("404 is an answer, not an error"));
}

#[tokio::test]
async fn create_website_sends_its_json_body() {
    let server = MockServer::start().await;
    crisp("POST", "/website")
        .and(header("content-type", "application/json"))
        .and(body_json(
            json!({ "name": "Acme", "domain": "acme.example" }),
        ))
        .respond_with(ResponseTemplate::new(201).set_body_json(
            json!({ "error": false, "reason": "added", "data": { "website_id": "w1" } }),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let body = CreateWebsiteRequest {
        name: "Acme".into(),
        domain: "acme.example".into(),
    };
    let website = client(&server)
        .create_website(&body)
        .await
        .expect("created");
    assert_eq!(website.website_id.as_deref(), Some("w1"));
}

#[tokio::test]
async fn get_website_decodes_the_answer() {
    let server = MockServer::start().await;
    crisp("GET", "/website/w1")
        .respond_with(envelope(
            json!({ "website_id": "w1", "name": "Acme", "verified": true }),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    // The request is built when the method is called, so the future borrows only the client: the argument
    // can be gone before the future is awaited.
    let answer = {
        let website_id = String::from("w1");
        client.get_website(&website_id)
    };
    let website = answer.await.expect("found");
    assert_eq!(website.name.as_deref(), Some("Acme"));
    assert_eq!(website.verified, Some(true));
}

#[tokio::test]
async fn delete_website_and_abort_deletion() {
    let server = MockServer::start().await;
    crisp("DELETE", "/website/w1")
        .and(header("content-type", "application/json"))
        .and(body_json(
            json!({ "verify": { "method": "password", "secret": "hunter2" } }),
        ))
        .respond_with(envelope(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    crisp("DELETE", "/website/w1/expunge")
        .respond_with(envelope(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let body = DeleteWebsiteRequest {
        verify: DeleteWebsiteRequestVerify {
            method: DeleteWebsiteRequestVerifyMethod::Password,
            secret: "hunter2".into(),
        },
    };
    client
        .delete_website("w1", &body)
        .await
        .expect("deleted, with a body on DELETE");
    client.abort_delete_website("w1").await.expect("aborted");
}

#[tokio::test]
async fn list_conversations_puts_the_page_in_the_path() {
    let server = MockServer::start().await;
    crisp("GET", "/website/w1/conversations/2")
        .and(query_param("per_page", "20"))
        .and(query_param("filter_unread", "1"))
        .and(query_param("search_type", "text"))
        .and(query_param("search_query", "refund & return"))
        .respond_with(envelope(json!([
            { "session_id": "s1", "website_id": "w1", "state": "resolved" },
            { "session_id": "s2", "website_id": "w1", "state": "snoozed" }
        ])))
        .expect(1)
        .mount(&server)
        .await;
    let options = ListConversationsOptions {
        per_page: Some(20),
        filter_unread: Some(Flag::Yes),
        search_type: Some("text".into()),
        search_query: Some("refund & return".into()),
        ..ListConversationsOptions::default()
    };
    let conversations = client(&server)
        .list_conversations("w1", 2, &options)
        .await
        .expect("listed");
    assert_eq!(conversations.len(), 2);
    assert_eq!(conversations[0].state, Some(ConversationState::Resolved));
    assert_eq!(
        conversations[1].state,
        Some(ConversationState::Other("snoozed".into())),
        "a state the client does not know yet is kept"
    );
}

#[tokio::test]
async fn conversation_reads() {
    let server = MockServer::start().await;
    crisp("POST", "/website/w1/conversation")
        .respond_with(envelope(json!({ "session_id": "session_1" })))
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", "/website/w1/conversation/session_1")
        .respond_with(envelope(
            json!({ "session_id": "session_1", "website_id": "w1", "state": "pending", "created_at": 1_700_000_000_000_i64 }),
        ))
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", "/website/w1/conversation/session_1/messages")
        .and(query_param("timestamp_before", "1700000000000"))
        .respond_with(envelope(
            json!([{ "fingerprint": 9_007_199_254_740_993_u64, "type": "text", "from": "user", "content": "Hi" }]),
        ))
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", "/website/w1/conversation/session_1/meta")
        .respond_with(envelope(json!({
            "nickname": "Jane",
            "segments": ["vip"],
            "data": { "plan": "pro", "seats": 3, "trial": false },
            "device": { "timezone": -120, "geolocation": { "coordinates": { "latitude": 48.85 } } }
        })))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let created = client.create_conversation("w1").await.expect("created");
    assert_eq!(created.session_id, "session_1");
    let conversation = client
        .get_conversation("w1", "session_1")
        .await
        .expect("found");
    assert_eq!(conversation.state, Some(ConversationState::Pending));
    assert_eq!(conversation.created_at, Some(1_700_000_000_000));
    let options = ListConversationMessagesOptions {
        timestamp_before: Some(1_700_000_000_000),
        ..ListConversationMessagesOptions::default()
    };
    let messages = client
        .list_conversation_messages("w1", "session_1", &options)
        .await
        .expect("listed");
    assert_eq!(messages[0].fingerprint, Some(9_007_199_254_740_993));
    match &messages[0].content {
        MessageContent::Text(text) => assert_eq!(text.content, "Hi"),
        other => panic!("a text message, got {other:?}"),
    }
    assert_eq!(messages[0].from, Some(MessageFrom::User));
    let meta = client
        .get_conversation_meta("w1", "session_1")
        .await
        .expect("found");
    assert_eq!(meta.segments, Some(vec!["vip".to_string()]));
    let data = meta.data.expect("custom data");
    assert_eq!(data.len(), 3);
    let timezone = meta.device.and_then(|device| device.timezone);
    assert_eq!(timezone, Some(-120));
}

#[tokio::test]
async fn send_conversation_message_sends_its_json_body() {
    let server = MockServer::start().await;
    crisp("POST", "/website/w1/conversation/session_1/message")
        .and(header("content-type", "application/json"))
        .and(body_json(
            json!({ "type": "text", "from": "operator", "origin": "chat", "content": "Hello!" }),
        ))
        .respond_with(envelope(json!({ "fingerprint": 163_239_623_707_965_u64 })))
        .expect(1)
        .mount(&server)
        .await;
    // The variant decides the tag: `TextMessage` has no `type` to fill, and converts into the union.
    let text = TextMessage::new(MessageFrom::Operator, "chat".into(), "Hello!".into());
    let sent = client(&server)
        .send_conversation_message("w1", "session_1", &text.into())
        .await
        .expect("sent");
    assert_eq!(sent.fingerprint, 163_239_623_707_965);
}

#[tokio::test]
async fn update_conversation_state_sends_a_typed_enum() {
    let server = MockServer::start().await;
    crisp("PATCH", "/website/w1/conversation/session_1/state")
        .and(header("content-type", "application/json"))
        .and(body_json(json!({ "state": "resolved" })))
        .respond_with(envelope(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    let body = UpdateConversationStateRequest::new(ConversationState::Resolved);
    client(&server)
        .update_conversation_state("w1", "session_1", &body)
        .await
        .expect("updated");
}

#[tokio::test]
async fn update_routing_and_save_participants() {
    let server = MockServer::start().await;
    crisp("PATCH", "/website/w1/conversation/session_1/routing")
        .and(body_json(
            json!({ "assigned": { "user_id": "u1" }, "silent": true }),
        ))
        .respond_with(envelope(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", "/website/w1/conversation/session_1/routing")
        .and(body_json(json!({ "assigned": null })))
        .respond_with(envelope(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    crisp("PUT", "/website/w1/conversation/session_1/participants")
        .and(body_json(
            json!({ "participants": [{ "type": "email", "target": "jane@example.com" }] }),
        ))
        .respond_with(envelope(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let assign = UpdateConversationRoutingRequest {
        assigned: Some(UpdateConversationRoutingRequestAssigned {
            user_id: "u1".into(),
        }),
        silent: Some(true),
    };
    client
        .update_conversation_routing("w1", "session_1", &assign)
        .await
        .expect("routed");
    client
        .update_conversation_routing(
            "w1",
            "session_1",
            &UpdateConversationRoutingRequest::new(None),
        )
        .await
        .expect("unassigned");
    let participant = Participant {
        type_: ParticipantType::Email,
        target: "jane@example.com".into(),
    };
    let body = SaveConversationParticipantsRequest::new(vec![participant]);
    client
        .save_conversation_participants("w1", "session_1", &body)
        .await
        .expect("saved");
}

#[tokio::test]
async fn path_values_are_encoded_as_one_segment() {
    let server = MockServer::start().await;
    crisp("GET", "/website/a%2F..%2Fb")
        .respond_with(envelope(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", "/website/caf%C3%A9%20%3F%23")
        .respond_with(envelope(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    client.get_website("a/../b").await.expect("encoded");
    client.get_website("café ?#").await.expect("encoded");
    for bad in ["", ".", ".."] {
        let err = client
            .get_website(bad)
            .await
            .expect_err("refused before sending");
        assert!(
            matches!(
                err,
                Error::InvalidArgument {
                    name: "website_id",
                    ..
                }
            ),
            "{err:?}"
        );
    }
}

#[tokio::test]
async fn error_status_carries_status_and_crisp_reason() {
    let server = MockServer::start().await;
    crisp("GET", "/website/missing")
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({ "error": true, "reason": "website_not_found", "data": {} })),
        )
        .mount(&server)
        .await;
    let err = client(&server)
        .get_website("missing")
        .await
        .expect_err("404");
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.reason(), Some("website_not_found"));
    assert!(matches!(err, Error::Status { status: 404, .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "`get_website` failed with HTTP 404: website_not_found"
    );
    let envelope: Envelope = err.body_json().expect("errors carry the envelope");
    assert!(envelope.error);
}

#[tokio::test]
async fn non_json_answers_are_errors_not_panics() {
    let server = MockServer::start().await;
    crisp("GET", "/website/bad-gateway")
        .respond_with(ResponseTemplate::new(502).set_body_string("<html>Bad Gateway</html>"))
        .mount(&server)
        .await;
    crisp("GET", "/website/garbled")
        .respond_with(ResponseTemplate::new(200).set_body_string("{\"data\": tru"))
        .mount(&server)
        .await;
    crisp("HEAD", "/website")
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    let client = client(&server);

    let err = client.get_website("bad-gateway").await.expect_err("502");
    assert_eq!(err.status(), Some(502));
    assert_eq!(err.reason(), None);
    assert_eq!(err.body(), Some("<html>Bad Gateway</html>"));

    let err = client
        .get_website("garbled")
        .await
        .expect_err("truncated JSON");
    assert!(matches!(err, Error::Decode { status: 200, .. }), "{err:?}");
    assert_eq!(err.body(), Some("{\"data\": tru"));

    let err = client
        .check_website("acme.example")
        .await
        .expect_err("HEAD 500 is neither yes nor no");
    assert_eq!(err.status(), Some(500));
}

#[tokio::test]
async fn a_missing_data_field_decodes_as_empty() {
    let server = MockServer::start().await;
    crisp("GET", "/website/w1")
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "error": false, "reason": "resolved" })),
        )
        .mount(&server)
        .await;
    crisp("GET", "/website/w1/conversations/1")
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let client = client(&server);
    let website = client
        .get_website("w1")
        .await
        .expect("no data is an empty website");
    assert_eq!(website, crisp_client::types::Website::default());
    let conversations = client
        .list_conversations("w1", 1, &ListConversationsOptions::default())
        .await
        .expect("an empty body is an empty page");
    assert!(conversations.is_empty());
}

#[tokio::test]
async fn messages_of_every_type_are_typed_on_the_wire() {
    let server = MockServer::start().await;
    crisp("POST", "/website/w1/conversation/s1/message")
        .and(body_json(json!({
            "from": "operator",
            "origin": "chat",
            "stealth": true,
            "type": "file",
            "content": { "name": "invoice.pdf", "url": "https://files.example/i.pdf", "type": "application/pdf" }
        })))
        .respond_with(envelope(json!({ "fingerprint": 1 })))
        .expect(1)
        .mount(&server)
        .await;
    let content = FileMessageContent {
        name: "invoice.pdf".into(),
        url: "https://files.example/i.pdf".into(),
        type_: "application/pdf".into(),
    };
    let mut file = FileMessage::new(MessageFrom::Operator, "chat".into(), content);
    file.stealth = Some(true);
    let sent = client(&server)
        .send_conversation_message("w1", "s1", &NewMessage::File(file))
        .await
        .expect("sent");
    assert_eq!(sent.fingerprint, 1);
}

#[tokio::test]
async fn a_server_that_does_not_answer_in_time_is_a_timeout() {
    let server = MockServer::start().await;
    crisp("GET", "/website/slow")
        .respond_with(envelope(json!({})).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let client = Client::builder()
        .basic_auth(IDENTIFIER, KEY)
        .tier(Tier::Plugin)
        .base_url(server.uri())
        .timeout(Duration::from_millis(200))
        .build()
        .expect("valid configuration");
    let err = client.get_website("slow").await.expect_err("times out");
    assert!(err.is_timeout(), "{err:?}");
}

#[tokio::test]
async fn a_refused_connection_is_a_transport_error() {
    let uri = workspace_tests::refusing_url();
    let client = Client::builder()
        .basic_auth(IDENTIFIER, KEY)
        .tier(Tier::Plugin)
        .base_url(uri)
        .build()
        .expect("valid");
    let err = client.get_website("w1").await.expect_err("nobody listens");
    assert!(
        matches!(
            err,
            Error::Transport {
                operation: "getWebsite",
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn debug_output_never_shows_the_key() {
    let builder = Client::builder()
        .basic_auth(IDENTIFIER, KEY)
        .tier(Tier::Website);
    let shown = format!("{builder:?}");
    assert!(!shown.contains(KEY), "{shown}");
    assert!(shown.contains("<redacted>"), "{shown}");
    let client = builder.build().expect("valid");
    let shown = format!("{client:?}");
    assert!(!shown.contains(KEY), "{shown}");
    assert!(
        shown.contains(IDENTIFIER) && shown.contains("Website"),
        "{shown}"
    );
}

#[test]
fn build_validates_the_configuration() {
    let config_error = |result: Result<Client, Error>| match result {
        Err(Error::Config(message)) => message,
        other => panic!("expected a configuration error, got {other:?}"),
    };
    let message = config_error(Client::builder().basic_auth(IDENTIFIER, KEY).build());
    assert!(message.contains("`basic_auth` and `tier`"), "{message}");
    let message = config_error(Client::builder().tier(Tier::Plugin).build());
    assert!(message.contains("missing credentials"), "{message}");
    let message = config_error(
        Client::builder()
            .basic_auth(IDENTIFIER, "")
            .tier(Tier::User)
            .build(),
    );
    assert!(message.contains("non-empty"), "{message}");
    let message = config_error(
        Client::builder()
            .basic_auth("a:b", KEY)
            .tier(Tier::User)
            .build(),
    );
    assert!(message.contains(":"), "{message}");
    let valid = || {
        Client::builder()
            .basic_auth(IDENTIFIER, KEY)
            .tier(Tier::User)
    };
    assert!(config_error(valid().base_url("ftp://example.com").build()).contains("base URL"));
    assert!(config_error(valid().base_url("not a url").build()).contains("base URL"));
    assert!(config_error(valid().timeout(Duration::ZERO).build()).contains("timeout"));
    assert!(config_error(valid().user_agent("bad\r\nagent").build()).contains("user agent"));

    let client = valid().build().expect("defaults are valid");
    assert_eq!(client.base_url(), "https://api.crisp.chat/v1");
    assert_eq!(crisp_client::DEFAULT_USER_AGENT, "crisp-client/0.1.0");
}
