//! What the per-group end-to-end tests share: a client with Crisp's credentials pointed at a wiremock server,
//! a mock that only matches requests carrying those credentials, and Crisp's answer envelope.

use base64::Engine;
use crisp_client::types::Tier;
use crisp_client::Client;
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockBuilder, MockServer, ResponseTemplate};

pub mod analytics;
pub mod availability;
pub mod batch;
pub mod bucket;
pub mod campaigns;
pub mod conversations;
pub mod helpdesk;
pub mod inboxes;
pub mod media;
pub mod operators;
pub mod people;
pub mod plan_subscriptions;
pub mod plugin_connect;
pub mod plugin_subscriptions;
pub mod settings;
pub mod teams;
pub mod verify;
pub mod visitors;
pub mod website_connect;

pub const IDENTIFIER: &str = "7c3ef21c-1e04-41ce-8c06-5605c346f73e";
pub const KEY: &str = "s3cr3t-key-never-shown";

/// A client with a plugin token, pointed at `server`.
pub fn client(server: &MockServer) -> Client {
    Client::builder()
        .basic_auth(IDENTIFIER, KEY)
        .tier(Tier::Plugin)
        .base_url(server.uri())
        .build()
        .expect("valid configuration")
}

/// A mock of `http_method request_path` that only matches a request carrying Crisp's credentials.
pub fn crisp(http_method: &str, request_path: &str) -> MockBuilder {
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{IDENTIFIER}:{KEY}"));
    Mock::given(method(http_method))
        .and(path(request_path))
        .and(header("authorization", format!("Basic {basic}").as_str()))
        .and(header("x-crisp-tier", "plugin"))
}

/// Crisp's answer with `data`.
pub fn envelope(data: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(200)
        .set_body_json(json!({ "error": false, "reason": "resolved", "data": data }))
}

/// Crisp's answer to an action: no `data`.
pub fn done() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({ "error": false, "reason": "updated" }))
}
