//! Batch end to end: every bulk action on the wire, its body pinned exactly. Conversations are resolved (some,
//! or all), unresolved, read (a whole inbox), unread, reported, blocked, assigned and unassigned (`assigned:
//! null`), moved to an inbox or out of any (`inbox_id: null`); on the three routes two methods share
//! (`/batch/remove`, `/batch/data`, `/batch/segments`) the conversation variant sends `sessions` and the people
//! variant sends `people`, picked by id or by a search, with custom data of mixed types (integers kept as
//! integers, 64-bit ones too, booleans, texts, a null). Crisp answers none of them with data; an error status
//! still comes back with its reason.

use std::collections::BTreeMap;

use crisp_client::types::{
    BatchBlock, BatchConversations, BatchConversationsData, BatchConversationsSegments, BatchInbox,
    BatchPeopleFilter, BatchPeopleSearch, BatchPeopleSelection, BatchRemovePeopleRequest,
    BatchReport, BatchRouting, BatchRoutingAssigned, BatchUpdatePeopleDataRequest,
    BatchUpdatePeopleSegmentsRequest, DataValue,
};
use serde_json::{json, Value};
use wiremock::matchers::body_json;
use wiremock::{MockServer, ResponseTemplate};

use super::{client, crisp, done};

const WEBSITE: &str = "8c842203-7ed8-4e29-a608-7cf78a7d2fcc";
const SESSION: &str = "session_700c65e1-85e2-465a-b9ac-ecb5ec2c9881";
const OTHER_SESSION: &str = "session_1f0e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b";
const INBOX: &str = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
const USER: &str = "a4b2c1d0-2f3e-4d5c-8b7a-6e5f4d3c2b1a";
const PEOPLE: &str = "c5e3a4e1-5a64-4c08-9d54-e6a1f9e2d0b4";
const OTHER_PEOPLE: &str = "eee8759d-52db-48e5-982d-3426e3566ce0";

fn batch_path(action: &str) -> String {
    format!("/website/{WEBSITE}/batch/{action}")
}

fn sessions() -> Vec<String> {
    vec![SESSION.to_string(), OTHER_SESSION.to_string()]
}

#[tokio::test]
async fn conversations_are_resolved_unresolved_read_and_unread_in_bulk() {
    let server = MockServer::start().await;
    let both = json!({ "sessions": [SESSION, OTHER_SESSION] });
    crisp("PATCH", &batch_path("resolve"))
        .and(body_json(both.clone()))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    // Without `sessions`, every conversation is resolved: the body is an empty object, not nulls.
    crisp("PATCH", &batch_path("resolve"))
        .and(body_json(json!({})))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", &batch_path("unresolve"))
        .and(body_json(both.clone()))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", &batch_path("read"))
        .and(body_json(json!({ "inbox_id": INBOX })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", &batch_path("unread"))
        .and(body_json(
            json!({ "inbox_id": INBOX, "sessions": [SESSION] }),
        ))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);

    let picked = BatchConversations {
        inbox_id: None,
        sessions: Some(sessions()),
    };
    client
        .batch_resolve_conversations(WEBSITE, &picked)
        .await
        .expect("resolved");
    client
        .batch_resolve_conversations(WEBSITE, &BatchConversations::default())
        .await
        .expect("all resolved");
    client
        .batch_unresolve_conversations(WEBSITE, &picked)
        .await
        .expect("unresolved");
    let whole_inbox = BatchConversations {
        inbox_id: Some(INBOX.into()),
        sessions: None,
    };
    client
        .batch_read_conversations(WEBSITE, &whole_inbox)
        .await
        .expect("read");
    let one_in_inbox = BatchConversations {
        inbox_id: Some(INBOX.into()),
        sessions: Some(vec![SESSION.into()]),
    };
    client
        .batch_unread_conversations(WEBSITE, &one_in_inbox)
        .await
        .expect("unread");
}

#[tokio::test]
async fn conversations_are_reported_blocked_routed_and_moved_in_bulk() {
    let server = MockServer::start().await;
    crisp("POST", &batch_path("report"))
        .and(body_json(
            json!({ "sessions": [SESSION, OTHER_SESSION], "flag": "spam" }),
        ))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", &batch_path("block"))
        .and(body_json(
            json!({ "sessions": [SESSION, OTHER_SESSION], "blocked": true }),
        ))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", &batch_path("routing"))
        .and(body_json(json!({
            "sessions": [SESSION, OTHER_SESSION],
            "assigned": { "user_id": USER }
        })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    // Unassigning sends `assigned: null`, which Crisp reads as "nobody", rather than leaving it out.
    crisp("PATCH", &batch_path("routing"))
        .and(body_json(
            json!({ "sessions": [OTHER_SESSION], "assigned": null }),
        ))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", &batch_path("inbox"))
        .and(body_json(
            json!({ "sessions": [SESSION, OTHER_SESSION], "inbox_id": INBOX }),
        ))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", &batch_path("inbox"))
        .and(body_json(
            json!({ "sessions": [SESSION], "inbox_id": null }),
        ))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);

    let report = BatchReport {
        sessions: sessions(),
        flag: "spam".into(),
    };
    client
        .batch_report_conversations(WEBSITE, &report)
        .await
        .expect("reported");
    let block = BatchBlock {
        sessions: sessions(),
        blocked: true,
    };
    client
        .batch_block_conversations(WEBSITE, &block)
        .await
        .expect("blocked");
    let assign = BatchRouting {
        sessions: sessions(),
        assigned: Some(BatchRoutingAssigned {
            user_id: USER.into(),
        }),
    };
    client
        .batch_routing_conversations(WEBSITE, &assign)
        .await
        .expect("assigned");
    let unassign = BatchRouting {
        sessions: vec![OTHER_SESSION.into()],
        assigned: None,
    };
    client
        .batch_routing_conversations(WEBSITE, &unassign)
        .await
        .expect("unassigned");
    let move_in = BatchInbox {
        sessions: sessions(),
        inbox_id: Some(INBOX.into()),
    };
    client
        .batch_inbox_conversations(WEBSITE, &move_in)
        .await
        .expect("moved to the inbox");
    let move_out = BatchInbox {
        sessions: vec![SESSION.into()],
        inbox_id: None,
    };
    client
        .batch_inbox_conversations(WEBSITE, &move_out)
        .await
        .expect("moved out of any inbox");
}

#[tokio::test]
async fn shared_routes_take_the_conversations_or_the_people_variant() {
    let server = MockServer::start().await;
    let by_id = json!({ "profiles": [PEOPLE, OTHER_PEOPLE] });
    let by_search = json!({
        "search": {
            "filter": [
                { "model": "people", "criterion": "segments", "operator": "eq", "query": ["trial"] },
                { "model": "people", "criterion": "data.seats", "operator": "gte", "query": [10] }
            ],
            "operator": "and"
        }
    });

    crisp("PATCH", &batch_path("remove"))
        .and(body_json(json!({ "sessions": [SESSION, OTHER_SESSION] })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", &batch_path("remove"))
        .and(body_json(json!({ "people": by_id.clone() })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    // `body_json` compares JSON values, where 48213 and 48213.0 differ: integers go out as integers.
    crisp("PATCH", &batch_path("data"))
        .and(body_json(json!({
            "sessions": [SESSION, OTHER_SESSION],
            "data": { "order_id": 48_213, "priority": "high", "escalated": true, "refund": 19.99 }
        })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", &batch_path("data"))
        .and(body_json(json!({
            "people": by_search.clone(),
            "data": {
                "plan": "pro",
                "subscribed": true,
                "seats": 25,
                "renews_at": 1_767_225_600_000_i64,
                "churn_reason": null
            }
        })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", &batch_path("segments"))
        .and(body_json(json!({
            "sessions": [SESSION, OTHER_SESSION],
            "segments": ["refund", "priority"]
        })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", &batch_path("segments"))
        .and(body_json(
            json!({ "people": by_id, "segments": ["customer", "vip"] }),
        ))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);

    let picked = BatchConversations {
        inbox_id: None,
        sessions: Some(sessions()),
    };
    let profiles = BatchPeopleSelection {
        profiles: Some(vec![PEOPLE.into(), OTHER_PEOPLE.into()]),
        search: None,
    };
    let trials = BatchPeopleSelection {
        profiles: None,
        search: Some(BatchPeopleSearch {
            filter: Some(vec![
                BatchPeopleFilter {
                    model: "people".into(),
                    criterion: "segments".into(),
                    operator: "eq".into(),
                    query: vec![json!("trial")],
                },
                BatchPeopleFilter {
                    model: "people".into(),
                    criterion: "data.seats".into(),
                    operator: "gte".into(),
                    query: vec![json!(10)],
                },
            ]),
            operator: Some("and".into()),
        }),
    };

    client
        .batch_remove_conversations(WEBSITE, &picked)
        .await
        .expect("conversations removed");
    client
        .batch_remove_people(
            WEBSITE,
            &BatchRemovePeopleRequest {
                people: profiles.clone(),
            },
        )
        .await
        .expect("people removed");

    let conversations_data = BatchConversationsData {
        sessions: sessions(),
        data: BTreeMap::from([
            ("order_id".to_string(), DataValue::Integer(48_213)),
            ("priority".to_string(), DataValue::String("high".into())),
            ("escalated".to_string(), DataValue::Boolean(true)),
            ("refund".to_string(), DataValue::Number(19.99)),
        ]),
    };
    client
        .batch_update_conversations_data(WEBSITE, &conversations_data)
        .await
        .expect("conversations data set");
    let people_data = BatchUpdatePeopleDataRequest {
        people: trials,
        data: BTreeMap::from([
            ("plan".to_string(), DataValue::String("pro".into())),
            ("subscribed".to_string(), DataValue::Boolean(true)),
            ("seats".to_string(), DataValue::Integer(25)),
            (
                "renews_at".to_string(),
                DataValue::Integer(1_767_225_600_000),
            ),
            ("churn_reason".to_string(), DataValue::Any(Value::Null)),
        ]),
    };
    client
        .batch_update_people_data(WEBSITE, &people_data)
        .await
        .expect("people data set");

    let conversations_segments = BatchConversationsSegments {
        sessions: sessions(),
        segments: vec!["refund".into(), "priority".into()],
    };
    client
        .batch_update_conversations_segments(WEBSITE, &conversations_segments)
        .await
        .expect("conversations segments set");
    let people_segments = BatchUpdatePeopleSegmentsRequest {
        people: profiles,
        segments: vec!["customer".into(), "vip".into()],
    };
    client
        .batch_update_people_segments(WEBSITE, &people_segments)
        .await
        .expect("people segments set");
}

#[tokio::test]
async fn a_refused_batch_comes_back_with_crisps_reason() {
    let server = MockServer::start().await;
    crisp("PATCH", &batch_path("remove"))
        .and(body_json(json!({ "people": { "profiles": [PEOPLE] } })))
        .respond_with(ResponseTemplate::new(402).set_body_json(
            json!({ "error": true, "reason": "subscription_upgrade_required", "data": {} }),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let body = BatchRemovePeopleRequest {
        people: BatchPeopleSelection {
            profiles: Some(vec![PEOPLE.into()]),
            search: None,
        },
    };
    let error = client(&server)
        .batch_remove_people(WEBSITE, &body)
        .await
        .expect_err("402 is an error");
    assert_eq!(error.status(), Some(402));
    assert_eq!(error.reason(), Some("subscription_upgrade_required"));
}
