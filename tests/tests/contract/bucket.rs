//! Bucket: asking for an upload URL for a file to send in a conversation (the URL itself comes in an event).

use crisp_client::types::{BucketFile, BucketResource, BucketUrlRequest};

use super::{Ctx, WEBSITE};

pub async fn call(ctx: &Ctx<'_>) {
    let client = &ctx.client;
    let request = BucketUrlRequest {
        namespace: Some("upload".into()),
        id: Some("upload-7f3c2a91".into()),
        file: Some(BucketFile {
            name: Some("invoice-2026-03.pdf".into()),
            type_: Some("application/pdf".into()),
        }),
        resource: Some(BucketResource {
            type_: Some("website".into()),
            id: Some(WEBSITE.into()),
        }),
    };
    ctx.accepted(
        "generateBucketURL",
        client.generate_bucket_url(&request).await,
    );
}
