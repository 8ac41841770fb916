//! Crisp's web hooks end to end on loopback: the axum endpoint of `examples/crisp_webhooks.rs` receives POSTs
//! signed as Crisp signs them (the HMAC-SHA256 of `[<timestamp>;<body>]`, computed here with the `hmac` crate,
//! not by the code under test), verifies them, and hands the bot's task the typed event: a `message:send` with its
//! text content, an event the crate does not know as `Event::Other`. A forged or stale delivery is refused
//! with 401 before it is read.

#[allow(dead_code)]
#[path = "../examples/crisp_webhooks.rs"]
mod example;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crisp_client::types::MessageContent;
use crisp_client::webhooks::{Event, Secret, Verifier};
use hmac::{Hmac, Mac};
use serde_json::json;
use sha2::Sha256;
use tokio::sync::mpsc;

const SECRET: &str = "a hook's signing secret";

/// The endpoint on a loopback port, and the events it hands on.
async fn endpoint() -> (String, mpsc::Receiver<Event>) {
    let (sender, receiver) = mpsc::channel(16);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a loopback port");
    let url = format!(
        "http://{}/crisp",
        listener.local_addr().expect("an address")
    );
    let router = example::router(Verifier::new(Secret::new(SECRET)), sender);
    tokio::spawn(async move { axum::serve(listener, router).await });
    (url, receiver)
}

/// Milliseconds since the epoch, `ago` before now.
fn timestamp(ago: Duration) -> String {
    let at = SystemTime::now() - ago;
    at.duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_millis()
        .to_string()
}

/// POSTs `body` as Crisp would, signed with `secret` at `timestamp`; the answer's status.
async fn deliver(url: &str, body: &serde_json::Value, secret: &str, timestamp: &str) -> u16 {
    let body = serde_json::to_vec(body).expect("JSON");
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(format!("[{timestamp};").as_bytes());
    mac.update(&body);
    mac.update(b"]");
    let signature: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    reqwest::Client::new()
        .post(url)
        .header("content-type", "application/json")
        .header("x-crisp-request-timestamp", timestamp)
        .header("x-crisp-signature", signature)
        .body(body)
        .send()
        .await
        .expect("the endpoint answers")
        .status()
        .as_u16()
}

fn message_send() -> serde_json::Value {
    json!({
        "website_id": "8c842203-7ed8-4e29-a608-7cf78a7d2fcc",
        "event": "message:send",
        "timestamp": 1_767_225_600_000_i64,
        "data": {
            "website_id": "8c842203-7ed8-4e29-a608-7cf78a7d2fcc",
            "session_id": "session_700c65e1-85e2-465a-b9ac-ecb5ec2c9881",
            "type": "text",
            "from": "user",
            "origin": "chat",
            "content": "Where is my order?",
            "fingerprint": 163_408_124_014_582_i64,
            "timestamp": 1_767_225_600_000_i64,
            "user": { "nickname": "Jane", "user_id": "session_700c65e1" }
        }
    })
}

#[tokio::test]
async fn a_signed_message_reaches_the_bot_typed_with_its_text() {
    let (url, mut events) = endpoint().await;
    let status = deliver(&url, &message_send(), SECRET, &timestamp(Duration::ZERO)).await;
    assert_eq!(status, 200);
    let event = events.recv().await.expect("an event");
    let Event::MessageSend(sent) = event else {
        panic!("{event:?}")
    };
    assert_eq!(sent.website_id, "8c842203-7ed8-4e29-a608-7cf78a7d2fcc");
    let MessageContent::Text(text) = &sent.data.content else {
        panic!("{:?}", sent.data.content)
    };
    assert_eq!(text.content, "Where is my order?");
}

#[tokio::test]
async fn an_event_the_crate_does_not_know_arrives_with_its_name_and_json() {
    let (url, mut events) = endpoint().await;
    let body = json!({ "website_id": "w", "event": "robot:dreamt", "timestamp": 1, "data": { "of": "sheep" } });
    let status = deliver(&url, &body, SECRET, &timestamp(Duration::ZERO)).await;
    assert_eq!(status, 200);
    assert_eq!(
        events.recv().await.expect("an event"),
        Event::Other {
            name: "robot:dreamt".into(),
            body
        }
    );
}

#[tokio::test]
async fn a_forged_or_stale_delivery_is_refused_before_it_is_read() {
    let (url, mut events) = endpoint().await;
    let now = timestamp(Duration::ZERO);
    assert_eq!(
        deliver(&url, &message_send(), "another secret", &now).await,
        401
    );
    let stale = timestamp(Duration::from_secs(3600));
    assert_eq!(deliver(&url, &message_send(), SECRET, &stale).await, 401);
    assert!(events.try_recv().is_err(), "nothing reached the bot");
}
