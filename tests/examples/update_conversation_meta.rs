//! Update a conversation's meta: what a support bot learns about the visitor (their name, email, the segments
//! they belong to, custom data) goes into the conversation's sidebar.
//!
//! Run: `CRISP_IDENTIFIER=... CRISP_KEY=... CRISP_WEBSITE_ID=... CRISP_SESSION_ID=... cargo run -p workspace-tests --example update_conversation_meta`

mod common;

use std::collections::BTreeMap;

use crisp_client::types::{ConversationMeta, DataValue};
use crisp_client::Error;

#[tokio::main]
async fn main() -> Result<(), Error> {
    let client = common::client()?;
    let website_id = common::env("CRISP_WEBSITE_ID")?;
    let session_id = common::env("CRISP_SESSION_ID")?;

    let data = BTreeMap::from([
        ("plan".to_string(), DataValue::String("pro".into())),
        ("seats".to_string(), DataValue::Integer(12)),
        ("trial".to_string(), DataValue::Boolean(false)),
    ]);
    // Only the metas given are changed; the others stay as they are.
    let meta = ConversationMeta {
        nickname: Some("Jane Doe".into()),
        email: Some("jane@example.com".into()),
        segments: Some(vec!["customer".into(), "vip".into()]),
        data: Some(data),
        ..ConversationMeta::default()
    };
    client
        .update_conversation_metas(&website_id, &session_id, &meta)
        .await?;

    let meta = client
        .get_conversation_meta(&website_id, &session_id)
        .await?;
    println!(
        "{:?} <{:?}> in {:?}",
        meta.nickname, meta.email, meta.segments
    );
    Ok(())
}
