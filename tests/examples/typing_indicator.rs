//! Show the visitor that the operator side is typing while a bot prepares its answer, then stop.
//!
//! Run: `CRISP_IDENTIFIER=... CRISP_KEY=... CRISP_WEBSITE_ID=... CRISP_SESSION_ID=... cargo run -p workspace-tests --example typing_indicator`

mod common;

use std::time::Duration;

use crisp_client::types::{
    ComposeMessage, ComposeMessageType, MessageFrom, NewMessage, TextMessage,
};
use crisp_client::Error;

#[tokio::main]
async fn main() -> Result<(), Error> {
    let client = common::client()?;
    let website_id = common::env("CRISP_WEBSITE_ID")?;
    let session_id = common::env("CRISP_SESSION_ID")?;

    let mut typing = ComposeMessage::new(ComposeMessageType::Start, MessageFrom::Operator);
    typing.excerpt = Some("Let me check".into());
    client
        .compose_message_in_conversation(&website_id, &session_id, &typing)
        .await?;

    tokio::time::sleep(Duration::from_secs(2)).await; // the bot works out its answer

    let stop = ComposeMessage::new(ComposeMessageType::Stop, MessageFrom::Operator);
    client
        .compose_message_in_conversation(&website_id, &session_id, &stop)
        .await?;
    let answer = TextMessage::new(
        MessageFrom::Operator,
        "chat".into(),
        "Your order ships tomorrow.".into(),
    );
    let sent = client
        .send_conversation_message(&website_id, &session_id, &NewMessage::Text(answer))
        .await?;
    println!("answered with message {}", sent.fingerprint);
    Ok(())
}
