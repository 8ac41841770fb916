//! Website Connect on the wire: the RTM endpoints decode with their rescue endpoints, and without them.

use serde_json::json;
use wiremock::MockServer;

use super::{client, crisp, envelope};

#[tokio::test]
async fn the_rtm_endpoints_decode_with_their_rescue() {
    let server = MockServer::start().await;
    crisp("GET", "/website/w1/connect/endpoints")
        .respond_with(envelope(json!({
            "socket": {
                "app": "wss://app.relay.crisp.chat/",
                "stream": "wss://stream.relay.crisp.chat/"
            },
            "rescue": {
                "socket": {
                    "app": "wss://app.relay.rescue.crisp.chat/",
                    "stream": "wss://stream.relay.rescue.crisp.chat/"
                }
            }
        })))
        .expect(1)
        .mount(&server)
        .await;

    let endpoints = client(&server)
        .get_website_connect_endpoints("w1")
        .await
        .expect("the endpoints decode");
    let socket = endpoints.socket.as_ref().expect("the socket is there");
    assert_eq!(socket.app.as_deref(), Some("wss://app.relay.crisp.chat/"));
    assert_eq!(
        socket.stream.as_deref(),
        Some("wss://stream.relay.crisp.chat/")
    );
    let rescue = endpoints
        .rescue
        .as_ref()
        .and_then(|rescue| rescue.socket.as_ref())
        .expect("the rescue socket is there");
    assert_eq!(
        rescue.app.as_deref(),
        Some("wss://app.relay.rescue.crisp.chat/")
    );
}

#[tokio::test]
async fn rtm_endpoints_without_a_rescue_or_a_stream_decode() {
    let server = MockServer::start().await;
    crisp("GET", "/website/w1/connect/endpoints")
        .respond_with(envelope(json!({
            "socket": { "app": "wss://app.relay.crisp.chat/", "stream": null },
            "rescue": null
        })))
        .expect(1)
        .mount(&server)
        .await;

    let endpoints = client(&server)
        .get_website_connect_endpoints("w1")
        .await
        .expect("the endpoints decode");
    let socket = endpoints.socket.expect("the socket is there");
    assert_eq!(socket.app.as_deref(), Some("wss://app.relay.crisp.chat/"));
    assert_eq!(socket.stream, None);
    assert_eq!(endpoints.rescue, None);
}
