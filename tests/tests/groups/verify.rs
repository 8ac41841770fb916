//! Verify on the wire: the identity verification settings are read and switched on and off (`false` is sent,
//! not left out), the secret key is read and rolled with a bodiless POST.

use crisp_client::types::VerifySettingsUpdate;
use serde_json::json;
use wiremock::matchers::body_json;
use wiremock::{MockServer, Request};

use super::{client, crisp, done, envelope};

#[tokio::test]
async fn verify_settings_are_read_then_switched_on_and_off() {
    let server = MockServer::start().await;
    crisp("GET", "/website/w1/verify/settings")
        .respond_with(envelope(json!({ "enabled": false })))
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", "/website/w1/verify/settings")
        .and(body_json(json!({ "enabled": true })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", "/website/w1/verify/settings")
        .and(body_json(json!({ "enabled": false })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);

    let settings = client
        .get_verify_settings("w1")
        .await
        .expect("the settings decode");
    assert_eq!(settings.enabled, Some(false));
    for enabled in [true, false] {
        client
            .update_verify_settings(
                "w1",
                &VerifySettingsUpdate {
                    enabled: Some(enabled),
                },
            )
            .await
            .expect("updated");
    }
}

#[tokio::test]
async fn the_verify_key_is_read_and_rolled_without_a_body() {
    let server = MockServer::start().await;
    crisp("GET", "/website/w1/verify/key")
        .respond_with(envelope(json!({
            "secret": "3d2f6c0b8a1e4f7d9c5b2a6e8f1d3c7b"
        })))
        .expect(1)
        .mount(&server)
        .await;
    crisp("POST", "/website/w1/verify/key")
        .and(|request: &Request| request.body.is_empty())
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);

    let key = client.get_verify_key("w1").await.expect("the key decodes");
    assert_eq!(
        key.secret.as_deref(),
        Some("3d2f6c0b8a1e4f7d9c5b2a6e8f1d3c7b")
    );
    client.roll_verify_key("w1").await.expect("rolled");
}

#[tokio::test]
async fn a_verify_key_answer_without_data_is_an_empty_key() {
    let server = MockServer::start().await;
    crisp("GET", "/website/w1/verify/key")
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;

    let key = client(&server)
        .get_verify_key("w1")
        .await
        .expect("an answer without data decodes");
    assert_eq!(key.secret, None);
}
