//! Teams end to end: every method of the `teams` module puts exactly the request Crisp expects on the wire
//! (method, path, no query, the JSON team or no body) and decodes answers shaped after the Node SDK's
//! `WebsiteTeam` interface: with nulls, missing fields and 64-bit millisecond timestamps. A missing team is
//! `false` for the HEAD check and an error naming Crisp's reason when read.

use crisp_client::types::Team;
use futures::TryStreamExt;
use serde_json::json;
use wiremock::matchers::{body_json, body_string};
use wiremock::{MockServer, Request, ResponseTemplate};

use super::{client, crisp, done, envelope};

const WEBSITE: &str = "8c842203-7ed8-4e29-a608-7cf78a7d2fcc";
const TEAM: &str = "3f6c1d2e-8a9b-4c7d-b5e4-0f1a2b3c4d5e";
const ALICE: &str = "a4b2c1d0-2f3e-4d5c-8b7a-6e5f4d3c2b1a";
const BOB: &str = "0f9e8d7c-6b5a-4f3e-9d2c-1b0a9f8e7d6c";

/// The request has no query string.
fn no_query(request: &Request) -> bool {
    request.url.query().is_none()
}

#[tokio::test]
async fn a_team_is_created_checked_read_saved_and_deleted() {
    let server = MockServer::start().await;
    let path = format!("/website/{WEBSITE}/team/{TEAM}");
    crisp("POST", &format!("/website/{WEBSITE}/team"))
        .and(no_query)
        .and(body_json(
            json!({ "name": "Billing", "emoji": "💳", "operators": [ALICE, BOB] }),
        ))
        .respond_with(envelope(json!({ "team_id": TEAM })))
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
    crisp("GET", &path)
        .and(no_query)
        .and(body_string(""))
        .respond_with(envelope(json!({
            "team_id": TEAM,
            "name": "Billing",
            "emoji": "💳",
            "operators": [ALICE, BOB],
            "created_at": 1_741_600_000_000_i64,
            "updated_at": 1_741_700_000_000_i64
        })))
        .expect(1)
        .mount(&server)
        .await;
    crisp("PUT", &path)
        .and(no_query)
        .and(body_json(
            json!({ "name": "Billing & refunds", "emoji": "💸", "operators": [ALICE] }),
        ))
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
    let billing = Team {
        name: Some("Billing".into()),
        emoji: Some("💳".into()),
        operators: Some(vec![ALICE.into(), BOB.into()]),
        ..Team::default()
    };
    let created = client
        .create_new_team(WEBSITE, &billing)
        .await
        .expect("the new team decodes");
    assert_eq!(created.team_id.as_deref(), Some(TEAM));
    assert!(client
        .check_team_exists(WEBSITE, TEAM)
        .await
        .expect("HEAD answers"));
    let team = client
        .get_team(WEBSITE, TEAM)
        .await
        .expect("the team decodes");
    assert_eq!(team.team_id.as_deref(), Some(TEAM));
    assert_eq!(team.name.as_deref(), Some("Billing"));
    assert_eq!(team.emoji.as_deref(), Some("💳"));
    assert_eq!(
        team.operators,
        Some(vec![ALICE.to_string(), BOB.to_string()])
    );
    assert_eq!(team.created_at, Some(1_741_600_000_000));
    assert_eq!(team.updated_at, Some(1_741_700_000_000));

    let saved = Team {
        name: Some("Billing & refunds".into()),
        emoji: Some("💸".into()),
        operators: Some(vec![ALICE.into()]),
        ..Team::default()
    };
    client
        .save_team(WEBSITE, TEAM, &saved)
        .await
        .expect("saved");
    client.delete_team(WEBSITE, TEAM).await.expect("deleted");
}

#[tokio::test]
async fn the_team_list_decodes_nulls_and_missing_fields_and_streams_until_an_empty_page() {
    let server = MockServer::start().await;
    crisp("GET", &format!("/website/{WEBSITE}/teams/list/1"))
        .and(no_query)
        .and(body_string(""))
        .respond_with(envelope(json!([
            {
                "team_id": TEAM,
                "name": "Billing",
                "emoji": "💳",
                "operators": [ALICE, BOB],
                "created_at": 1_741_600_000_000_i64,
                "updated_at": 1_741_700_000_000_i64
            },
            { "team_id": "6d5c4b3a-2f1e-4d0c-9b8a-7f6e5d4c3b2a", "name": "Night shift", "emoji": null, "operators": [] }
        ])))
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", &format!("/website/{WEBSITE}/teams/list/2"))
        .and(no_query)
        .respond_with(envelope(json!([])))
        .expect(1)
        .mount(&server)
        .await;

    let client = client(&server);
    let teams: Vec<Team> = client
        .list_teams_stream(WEBSITE)
        .try_collect()
        .await
        .expect("every page decodes");
    assert_eq!(teams.len(), 2);
    assert_eq!(teams[0].name.as_deref(), Some("Billing"));
    assert_eq!(teams[0].operators.as_ref().map(Vec::len), Some(2));
    assert_eq!(teams[0].updated_at, Some(1_741_700_000_000));
    let night = &teams[1];
    assert_eq!(night.name.as_deref(), Some("Night shift"));
    assert_eq!(night.emoji, None, "null is no emoji");
    assert_eq!(
        night.operators,
        Some(vec![]),
        "an empty team has no operators"
    );
    assert_eq!(night.created_at, None, "a missing field is None");
}

#[tokio::test]
async fn a_missing_team_is_false_to_check_and_an_error_to_read() {
    let server = MockServer::start().await;
    let path = format!("/website/{WEBSITE}/team/{TEAM}");
    crisp("HEAD", &path)
        .respond_with(ResponseTemplate::new(404))
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", &path)
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({ "error": true, "reason": "team_not_found", "data": {} })),
        )
        .expect(1)
        .mount(&server)
        .await;

    let client = client(&server);
    assert!(!client
        .check_team_exists(WEBSITE, TEAM)
        .await
        .expect("404 is an answer"));
    let error = client
        .get_team(WEBSITE, TEAM)
        .await
        .expect_err("a missing team is an error");
    assert_eq!(error.status(), Some(404));
    assert_eq!(error.reason(), Some("team_not_found"));
}
