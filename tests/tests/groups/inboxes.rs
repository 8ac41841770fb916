//! Inboxes end to end: every method of the `inboxes` module puts exactly the request Crisp expects on the
//! wire (method, path, no query, the JSON inbox or orders, or no body) and decodes answers shaped after the
//! Node SDK's `WebsiteInbox` interface: routing conditions with every known model and operator and ones the
//! client does not know (kept as `Other`), nulls, missing fields and 64-bit millisecond timestamps. A missing
//! inbox is `false` for the HEAD check and an error naming Crisp's reason when read.

use crisp_client::types::{
    Inbox, InboxCondition, InboxConditionModel, InboxConditionOperator, InboxOrder, InboxOrders,
};
use futures::TryStreamExt;
use serde_json::json;
use wiremock::matchers::{body_json, body_string};
use wiremock::{MockServer, Request, ResponseTemplate};

use super::{client, crisp, done, envelope};

const WEBSITE: &str = "8c842203-7ed8-4e29-a608-7cf78a7d2fcc";
const INBOX: &str = "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d";
const SALES: &str = "1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e";
const TEAM: &str = "3f6c1d2e-8a9b-4c7d-b5e4-0f1a2b3c4d5e";
const ALICE: &str = "a4b2c1d0-2f3e-4d5c-8b7a-6e5f4d3c2b1a";
const BOB: &str = "0f9e8d7c-6b5a-4f3e-9d2c-1b0a9f8e7d6c";

/// The request has no query string.
fn no_query(request: &Request) -> bool {
    request.url.query().is_none()
}

/// The billing inbox, routing conversations of the `billing` or `refund` segments, as a client writes it.
fn billing() -> Inbox {
    Inbox {
        name: Some("Billing".into()),
        emoji: Some("💳".into()),
        order: Some(2),
        operators: Some(vec![ALICE.into()]),
        teams: Some(vec![TEAM.into()]),
        conditions: Some(vec![
            InboxCondition {
                model: Some(InboxConditionModel::Session),
                criterion: Some("segments".into()),
                operator: Some(InboxConditionOperator::Eq),
                query: Some(vec!["billing".into(), "refund".into()]),
            },
            InboxCondition {
                model: Some(InboxConditionModel::Session),
                criterion: Some("data.amount".into()),
                operator: Some(InboxConditionOperator::Gte),
                query: Some(vec!["100".into()]),
            },
        ]),
        operator: Some("or".into()),
        ..Inbox::default()
    }
}

/// [`billing`] on the wire.
fn billing_json() -> serde_json::Value {
    json!({
        "name": "Billing",
        "emoji": "💳",
        "order": 2,
        "operators": [ALICE],
        "teams": [TEAM],
        "conditions": [
            { "model": "session", "criterion": "segments", "operator": "eq", "query": ["billing", "refund"] },
            { "model": "session", "criterion": "data.amount", "operator": "gte", "query": ["100"] }
        ],
        "operator": "or"
    })
}

#[tokio::test]
async fn an_inbox_is_created_checked_read_saved_and_deleted() {
    let server = MockServer::start().await;
    let path = format!("/website/{WEBSITE}/inbox/{INBOX}");
    crisp("POST", &format!("/website/{WEBSITE}/inbox"))
        .and(no_query)
        .and(body_json(billing_json()))
        .respond_with(envelope(json!({ "inbox_id": INBOX })))
        .expect(1)
        .mount(&server)
        .await;
    crisp("HEAD", &path)
        .and(no_query)
        .and(body_string(""))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    let mut stored = billing_json();
    stored["inbox_id"] = json!(INBOX);
    stored["team_operators"] = json!([BOB]);
    stored["created_at"] = json!(1_741_600_000_000_i64);
    stored["updated_at"] = json!(1_741_700_000_000_i64);
    crisp("GET", &path)
        .and(no_query)
        .and(body_string(""))
        .respond_with(envelope(stored))
        .expect(1)
        .mount(&server)
        .await;
    let mut renamed_json = billing_json();
    renamed_json["name"] = json!("Billing & refunds");
    renamed_json["conditions"][1]["operator"] = json!("lt");
    crisp("PUT", &path)
        .and(no_query)
        .and(body_json(renamed_json))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("DELETE", &path)
        .and(no_query)
        .and(body_string(""))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "error": false, "reason": "deleted" })),
        )
        .expect(1)
        .mount(&server)
        .await;

    let client = client(&server);
    let created = client
        .create_new_inbox(WEBSITE, &billing())
        .await
        .expect("the new inbox decodes");
    assert_eq!(created.inbox_id.as_deref(), Some(INBOX));
    assert!(client
        .check_inbox_exists(WEBSITE, INBOX)
        .await
        .expect("HEAD answers"));
    let inbox = client
        .get_inbox(WEBSITE, INBOX)
        .await
        .expect("the inbox decodes");
    assert_eq!(inbox.inbox_id.as_deref(), Some(INBOX));
    assert_eq!(inbox.team_operators, Some(vec![BOB.to_string()]));
    assert_eq!(inbox.created_at, Some(1_741_600_000_000));
    assert_eq!(inbox.updated_at, Some(1_741_700_000_000));
    assert_eq!(
        Inbox {
            inbox_id: None,
            team_operators: None,
            created_at: None,
            updated_at: None,
            ..inbox
        },
        billing(),
        "what was written comes back"
    );

    let mut renamed = billing();
    renamed.name = Some("Billing & refunds".into());
    if let Some(conditions) = renamed.conditions.as_mut() {
        conditions[1].operator = Some(InboxConditionOperator::Lt);
    }
    client
        .save_inbox(WEBSITE, INBOX, &renamed)
        .await
        .expect("saved");
    client.delete_inbox(WEBSITE, INBOX).await.expect("deleted");
}

#[tokio::test]
async fn inboxes_are_ordered_in_one_batch() {
    let server = MockServer::start().await;
    crisp("PATCH", &format!("/website/{WEBSITE}/inboxes/batch/order"))
        .and(no_query)
        .and(body_json(json!({
            "orders": [
                { "inbox_id": SALES, "order": 1 },
                { "inbox_id": INBOX, "order": 2 }
            ]
        })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;

    let orders = InboxOrders {
        orders: vec![
            InboxOrder {
                inbox_id: SALES.into(),
                order: 1,
            },
            InboxOrder {
                inbox_id: INBOX.into(),
                order: 2,
            },
        ],
    };
    client(&server)
        .batch_order_inboxes(WEBSITE, &orders)
        .await
        .expect("ordered");
}

#[tokio::test]
async fn the_inbox_list_keeps_unknown_models_and_operators_and_decodes_nulls() {
    let server = MockServer::start().await;
    crisp("GET", &format!("/website/{WEBSITE}/inboxes/list/1"))
        .and(no_query)
        .and(body_string(""))
        .respond_with(envelope(json!([
            {
                "inbox_id": SALES,
                "name": "Sales",
                "emoji": "🤝",
                "order": 1,
                "operators": [ALICE, BOB],
                "teams": [],
                "team_operators": [],
                "conditions": [
                    { "model": "session", "criterion": "segments", "operator": "neq", "query": ["spam"] },
                    { "model": "people", "criterion": "company.name", "operator": "contains", "query": ["Acme"] }
                ],
                "operator": "and",
                "created_at": 1_735_689_600_000_i64,
                "updated_at": 1_741_700_000_000_i64
            },
            {
                "inbox_id": INBOX,
                "name": "Billing",
                "emoji": null,
                "order": 2,
                "conditions": [{ "model": "session", "criterion": "segments", "operator": "lte", "query": null }],
                "operator": null
            }
        ])))
        .expect(2) // once read directly, once by the stream
        .mount(&server)
        .await;
    crisp("GET", &format!("/website/{WEBSITE}/inboxes/list/2"))
        .and(no_query)
        .respond_with(envelope(json!([])))
        .expect(1)
        .mount(&server)
        .await;

    let client = client(&server);
    let inboxes = client
        .list_inboxes(WEBSITE, 1)
        .await
        .expect("the page decodes");
    assert_eq!(inboxes.len(), 2);
    let sales = &inboxes[0];
    assert_eq!(sales.name.as_deref(), Some("Sales"));
    assert_eq!(sales.order, Some(1));
    assert_eq!(sales.teams, Some(vec![]));
    assert_eq!(sales.created_at, Some(1_735_689_600_000));
    let conditions = sales.conditions.as_ref().expect("conditions");
    assert_eq!(conditions[0].model, Some(InboxConditionModel::Session));
    assert_eq!(conditions[0].operator, Some(InboxConditionOperator::Neq));
    assert_eq!(conditions[0].query, Some(vec!["spam".to_string()]));
    assert_eq!(
        conditions[1].model,
        Some(InboxConditionModel::Other("people".into())),
        "a model the client does not know is kept"
    );
    assert_eq!(
        conditions[1].operator,
        Some(InboxConditionOperator::Other("contains".into())),
        "an operator the client does not know is kept"
    );
    assert_eq!(sales.operator.as_deref(), Some("and"));
    let billing = &inboxes[1];
    assert_eq!(billing.emoji, None, "null is no emoji");
    assert_eq!(billing.operator, None);
    assert_eq!(billing.operators, None, "a missing field is None");
    assert_eq!(billing.created_at, None);
    let condition = &billing.conditions.as_ref().expect("conditions")[0];
    assert_eq!(condition.operator, Some(InboxConditionOperator::Lte));
    assert_eq!(condition.query, None);

    let streamed: Vec<Inbox> = client
        .list_inboxes_stream(WEBSITE)
        .try_collect()
        .await
        .expect("every page decodes");
    assert_eq!(
        streamed, inboxes,
        "the stream reads page 1, then stops at the empty page 2"
    );
}

#[tokio::test]
async fn a_missing_inbox_is_false_to_check_and_an_error_to_read() {
    let server = MockServer::start().await;
    let path = format!("/website/{WEBSITE}/inbox/{INBOX}");
    crisp("HEAD", &path)
        .respond_with(ResponseTemplate::new(404))
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", &path)
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({ "error": true, "reason": "inbox_not_found", "data": {} })),
        )
        .expect(1)
        .mount(&server)
        .await;

    let client = client(&server);
    assert!(!client
        .check_inbox_exists(WEBSITE, INBOX)
        .await
        .expect("404 is an answer"));
    let error = client
        .get_inbox(WEBSITE, INBOX)
        .await
        .expect_err("a missing inbox is an error");
    assert_eq!(error.status(), Some(404));
    assert_eq!(error.reason(), Some("inbox_not_found"));
}
