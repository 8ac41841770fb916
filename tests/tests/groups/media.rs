//! Media on the wire: asking for a page of animations sends the page in the path, `list_id` and the search as
//! JSON text in the query (as the Node SDK does), and Crisp's acknowledgment, which carries no animations (they
//! come in a `media:animation:listed` event), decodes as `()`; a refused search is an error with its reason.

use std::collections::BTreeMap;

use serde_json::{json, Value};
use wiremock::matchers::query_param;
use wiremock::{MockServer, ResponseTemplate};

use super::{client, crisp, done};

fn search(value: Value) -> BTreeMap<String, Value> {
    serde_json::from_value(value).expect("a JSON object")
}

#[tokio::test]
async fn an_animation_search_sends_its_page_list_id_and_query_as_json_text() {
    let server = MockServer::start().await;
    crisp("GET", "/media/animation/list/2")
        .and(query_param("list_id", "1712345678"))
        // The object's keys in order, as compact JSON, once percent-decoded.
        .and(query_param(
            "search_query",
            r#"{"text":"thank you & bye","type":"gif"}"#,
        ))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    let answer = client(&server)
        .list_animation_medias_with_response(
            2,
            "1712345678",
            &search(json!({ "type": "gif", "text": "thank you & bye" })),
        )
        .await
        .expect("requested");
    assert_eq!(answer.status(), 200);
}

#[tokio::test]
async fn a_refused_animation_search_is_an_error_with_its_reason() {
    let server = MockServer::start().await;
    crisp("GET", "/media/animation/list/1")
        .and(query_param("list_id", "7"))
        .and(query_param("search_query", r#"{"type":"gif"}"#))
        .respond_with(
            ResponseTemplate::new(400)
                .set_body_json(json!({ "error": true, "reason": "invalid_data" })),
        )
        .expect(1)
        .mount(&server)
        .await;
    let err = client(&server)
        .list_animation_medias(1, "7", &search(json!({ "type": "gif" })))
        .await
        .expect_err("400 is an error");
    assert_eq!(err.status(), Some(400));
    assert_eq!(err.reason(), Some("invalid_data"));
}
