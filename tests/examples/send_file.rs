//! Send a file in a conversation: ask Crisp for an upload URL, upload the file there, then send a file message
//! that points at it.
//!
//! Crisp answers the URL request at once, without the URL: the signed upload URL comes in the
//! `bucket:url:upload:generated` event (a web hook or the RTM socket), which gives back the request's `id`. The
//! event carries `url.signed` (where to PUT the bytes) and `url.resource` (the file's public URL, which the
//! message points at). This example asks for the URL, then sends the message for a file already uploaded to
//! `FILE_URL`.
//!
//! Run: `CRISP_IDENTIFIER=... CRISP_KEY=... CRISP_WEBSITE_ID=... CRISP_SESSION_ID=... FILE_URL=https://... cargo run -p workspace-tests --example send_file`

mod common;

use crisp_client::types::{
    BucketFile, BucketResource, BucketUrlRequest, FileMessage, FileMessageContent, MessageFrom,
    NewMessage,
};
use crisp_client::Error;

#[tokio::main]
async fn main() -> Result<(), Error> {
    let client = common::client()?;
    let website_id = common::env("CRISP_WEBSITE_ID")?;
    let session_id = common::env("CRISP_SESSION_ID")?;

    let request = BucketUrlRequest {
        namespace: Some("upload".into()),
        id: Some("invoice-2026-12".into()),
        file: Some(BucketFile {
            name: Some("invoice.pdf".into()),
            type_: Some("application/pdf".into()),
        }),
        resource: Some(BucketResource {
            type_: Some("website".into()),
            id: Some(website_id.clone()),
        }),
    };
    client.generate_bucket_url(&request).await?;
    println!("upload URL requested; it arrives in the bucket:url:upload:generated event (id invoice-2026-12)");

    let url = common::env("FILE_URL")?;
    let file = FileMessage::new(
        MessageFrom::Operator,
        "chat".into(),
        FileMessageContent {
            name: "invoice.pdf".into(),
            url,
            type_: "application/pdf".into(),
        },
    );
    let sent = client
        .send_conversation_message(&website_id, &session_id, &NewMessage::File(file))
        .await?;
    println!("sent file message {}", sent.fingerprint);
    Ok(())
}
