//! Bucket on the wire: asking for an upload URL sends the request's namespace, identifier, file and resource
//! as JSON (only the fields set), and Crisp's acknowledgment, which carries no URL (that comes in a
//! `bucket:url:<namespace>:generated` event), decodes as `()`; a refused request is an error with its reason.

use crisp_client::types::{BucketFile, BucketResource, BucketUrlRequest};
use serde_json::json;
use wiremock::matchers::body_json;
use wiremock::{MockServer, ResponseTemplate};

use super::{client, crisp};

const WEBSITE: &str = "8c842203-7ed8-4e29-a608-7cf78a7d2fcc";
const USER: &str = "a4b2c1d0-2f3e-4d5c-8b7a-6e5f4d3c2b1a";

/// Crisp's acknowledgment: the URL is not in it.
fn requested() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({ "error": false, "reason": "requested" }))
}

#[tokio::test]
async fn an_upload_url_request_sends_its_file_and_resource_and_the_acknowledgment_decodes() {
    let server = MockServer::start().await;
    crisp("POST", "/bucket/url/generate")
        .and(body_json(json!({
            "namespace": "upload",
            "id": "upload-7f3c2a91",
            "file": { "name": "invoice-2026-03.pdf", "type": "application/pdf" },
            "resource": { "type": "website", "id": WEBSITE }
        })))
        .respond_with(requested())
        .expect(1)
        .mount(&server)
        .await;
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
    let answer = client(&server)
        .generate_bucket_url_with_response(&request)
        .await
        .expect("requested");
    assert_eq!(answer.status(), 200);
}

#[tokio::test]
async fn only_the_fields_set_are_sent_and_unexpected_answer_data_is_ignored() {
    let server = MockServer::start().await;
    crisp("POST", "/bucket/url/generate")
        .and(body_json(json!({
            "namespace": "avatar",
            "file": { "name": "marie.jpg", "type": "image/jpeg" },
            "resource": { "type": "user", "id": USER }
        })))
        // An answer with data the operation does not declare: `()` ignores it.
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "error": false,
            "reason": "requested",
            "data": { "queued": true }
        })))
        .expect(1)
        .mount(&server)
        .await;
    let request = BucketUrlRequest {
        namespace: Some("avatar".into()),
        file: Some(BucketFile {
            name: Some("marie.jpg".into()),
            type_: Some("image/jpeg".into()),
        }),
        resource: Some(BucketResource {
            type_: Some("user".into()),
            id: Some(USER.into()),
        }),
        ..BucketUrlRequest::default()
    };
    client(&server)
        .generate_bucket_url(&request)
        .await
        .expect("requested");
}

#[tokio::test]
async fn a_refused_upload_url_request_is_an_error_with_its_reason() {
    let server = MockServer::start().await;
    crisp("POST", "/bucket/url/generate")
        .and(body_json(json!({
            "namespace": "upload",
            "id": "upload-0",
            "file": { "name": "setup.exe", "type": "application/x-msdownload" }
        })))
        .respond_with(
            ResponseTemplate::new(400)
                .set_body_json(json!({ "error": true, "reason": "invalid_data" })),
        )
        .expect(1)
        .mount(&server)
        .await;
    let request = BucketUrlRequest {
        namespace: Some("upload".into()),
        id: Some("upload-0".into()),
        file: Some(BucketFile {
            name: Some("setup.exe".into()),
            type_: Some("application/x-msdownload".into()),
        }),
        resource: None,
    };
    let err = client(&server)
        .generate_bucket_url(&request)
        .await
        .expect_err("400 is an error");
    assert_eq!(err.status(), Some(400));
    assert_eq!(err.reason(), Some("invalid_data"));
}
