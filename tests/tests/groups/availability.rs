//! Availability on the wire: the website's status with a 64-bit millisecond `since`, and each operator's
//! availability, with `for` in seconds, a status the client has no name for, a null `time` and a missing one.

use serde_json::json;
use wiremock::MockServer;

use super::{client, crisp, envelope};

#[tokio::test]
async fn the_website_status_carries_a_64_bit_since() {
    let server = MockServer::start().await;
    crisp("GET", "/website/w1/availability/status")
        .respond_with(envelope(
            json!({ "status": "online", "since": 1_764_586_800_000_i64 }),
        ))
        .expect(1)
        .mount(&server)
        .await;

    let status = client(&server)
        .get_website_availability_status("w1")
        .await
        .expect("the status decodes");
    assert_eq!(status.status.as_deref(), Some("online"));
    assert_eq!(status.since, Some(1_764_586_800_000));
}

#[tokio::test]
async fn operator_availabilities_decode_times_nulls_and_unknown_statuses() {
    let server = MockServer::start().await;
    crisp("GET", "/website/w1/availability/operators")
        .respond_with(envelope(json!([
            {
                "user_id": "a4b2c1d0-2f3e-4d5c-8b7a-6e5f4d3c2b1a",
                "type": "online",
                "time": { "for": 3600, "since": 1_764_586_800_000_i64 }
            },
            {
                "user_id": "f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b",
                "type": "do_not_disturb",
                "time": null
            },
            { "user_id": "0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e", "type": "offline" }
        ])))
        .expect(1)
        .mount(&server)
        .await;

    let operators = client(&server)
        .list_website_operator_availabilities("w1")
        .await
        .expect("the availabilities decode");
    assert_eq!(operators.len(), 3);
    assert_eq!(operators[0].type_.as_deref(), Some("online"));
    let time = operators[0].time.as_ref().expect("the time is there");
    assert_eq!(time.for_, Some(3600), "`for` is read into for_");
    assert_eq!(time.since, Some(1_764_586_800_000));
    assert_eq!(
        operators[1].type_.as_deref(),
        Some("do_not_disturb"),
        "a status the client does not know comes back as sent"
    );
    assert_eq!(operators[1].time, None, "null is None");
    assert_eq!(operators[2].time, None, "missing is None");
}
