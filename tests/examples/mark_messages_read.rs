//! Mark a conversation's messages as read by the operator side, as a support bot does once it has handled
//! them, so they stop showing as unread in the Crisp inbox.
//!
//! Run: `CRISP_IDENTIFIER=... CRISP_KEY=... CRISP_WEBSITE_ID=... CRISP_SESSION_ID=... cargo run -p workspace-tests --example mark_messages_read`

mod common;

use crisp_client::types::{ListConversationMessagesOptions, MessageFrom, MessagesReceipt};
use crisp_client::Error;

#[tokio::main]
async fn main() -> Result<(), Error> {
    let client = common::client()?;
    let website_id = common::env("CRISP_WEBSITE_ID")?;
    let session_id = common::env("CRISP_SESSION_ID")?;

    // The latest messages the visitor sent.
    let messages = client
        .list_conversation_messages(
            &website_id,
            &session_id,
            &ListConversationMessagesOptions::default(),
        )
        .await?;
    let fingerprints: Vec<i64> = messages
        .iter()
        .filter(|message| message.from == Some(MessageFrom::User))
        .filter_map(|message| message.fingerprint)
        .collect();

    // Read by the operators, in the chat; leaving `fingerprints` out marks every message.
    let mut read = MessagesReceipt::new(MessageFrom::Operator, "chat".into());
    read.fingerprints = Some(fingerprints.clone());
    client
        .mark_messages_read_in_conversation(&website_id, &session_id, &read)
        .await?;
    println!("marked {} messages as read", fingerprints.len());
    Ok(())
}
