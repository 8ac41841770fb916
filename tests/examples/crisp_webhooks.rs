//! A Crisp web hook endpoint on axum: each POST is verified on its raw bytes (`webhooks::verify`), read into a
//! typed event (`webhooks::parse`) and handed to the bot's own task, and Crisp gets its 200 at once, whatever the
//! bot does with the event. An event this crate does not know arrives as `Event::Other` and is logged.
//!
//! Run: `CRISP_HOOK_SECRET=... cargo run -p workspace-tests --example crisp_webhooks`, then point a plugin's
//! web hook at `http://<this host>:8080/crisp`. (`crisp-client` needs its `webhooks` feature.)

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use crisp_client::types::MessageContent;
use crisp_client::webhooks::{self, Event, Secret, Verifier};
use tokio::sync::mpsc;

/// The endpoint: `POST /crisp`, verified with `verifier`, each event sent to `events`.
pub fn router(verifier: Verifier, events: mpsc::Sender<Event>) -> Router {
    Router::new()
        .route("/crisp", post(receive))
        .with_state((Arc::new(verifier), events))
}

async fn receive(
    State((verifier, events)): State<(Arc<Verifier>, mpsc::Sender<Event>)>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    if let Err(why) = webhooks::verify(&verifier, &headers, &body) {
        eprintln!("refused a web hook: {why}");
        return StatusCode::UNAUTHORIZED;
    }
    match webhooks::parse(&headers, &body) {
        Ok(event) => {
            // Handled by the bot's task; Crisp only waits for the status.
            let _ = events.try_send(event);
            StatusCode::OK
        }
        Err(why) => {
            eprintln!("unreadable web hook: {why}");
            StatusCode::BAD_REQUEST
        }
    }
}

/// What the bot does with each event.
async fn handle(mut events: mpsc::Receiver<Event>) {
    while let Some(event) = events.recv().await {
        match event {
            Event::MessageSend(sent) => match &sent.data.content {
                MessageContent::Text(text) => println!("a visitor wrote: {}", text.content),
                other => println!("a visitor sent {other:?}"),
            },
            Event::Other { name, .. } => println!("an event this crate does not know: {name}"),
            event => println!("{}", event.name()),
        }
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let secret = std::env::var("CRISP_HOOK_SECRET").map_err(|_| "set CRISP_HOOK_SECRET")?;
    let (sender, receiver) = mpsc::channel(1024);
    tokio::spawn(handle(receiver));
    let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await?;
    axum::serve(listener, router(Verifier::new(Secret::new(secret)), sender)).await?;
    Ok(())
}
