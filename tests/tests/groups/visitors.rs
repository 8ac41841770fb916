//! Visitors on the wire: counts; a page of visitors with nested geolocation, nulls and missing fields, and the
//! stream that walks the pages until an empty one; the map, whole (no query) or around a center (three query
//! parameters); a session token; the blocked visitors, counted in all and per rule (a bare number), and cleared.

use crisp_client::types::PinpointVisitorsOnMapOptions;
use futures::TryStreamExt;
use serde_json::json;
use wiremock::matchers::{query_param, query_param_is_missing};
use wiremock::MockServer;

use super::{client, crisp, done, envelope};

const SESSION: &str = "session_700c65e1-85e2-465a-b9ac-ecb5ec2c9881";
const OTHER_SESSION: &str = "session_2f1e0d9c-8b7a-4c6d-9e5f-4a3b2c1d0e9f";

/// A visitor as Crisp lists it: every field, a nested page and geolocation.
fn full_visitor() -> serde_json::Value {
    json!({
        "session_id": SESSION,
        "inbox_id": "5f3c1a2b-9d8e-4f7a-b6c5-d4e3f2a1b0c9",
        "nickname": "visitor8c3f2",
        "email": "john.smith@example.com",
        "avatar": "https://avatar.crisp.chat/visitors/8c3f2.png",
        "useragent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
        "initiated": true,
        "active": true,
        "last_page": { "page_title": "Pricing - Acme", "page_url": "https://acme.example/pricing" },
        "geolocation": {
            "country": "FR",
            "region": "Île-de-France",
            "city": "Paris",
            "coordinates": { "latitude": 48.8566, "longitude": 2.3522 }
        },
        "timezone": -120,
        "capabilities": ["browsing", "call"],
        "locales": ["fr", "en"]
    })
}

#[tokio::test]
async fn visitors_are_counted() {
    let server = MockServer::start().await;
    crisp("GET", "/website/w1/visitors/count")
        .respond_with(envelope(
            json!({ "count": 42, "active": 7, "limited": false }),
        ))
        .expect(1)
        .mount(&server)
        .await;

    let count = client(&server)
        .count_visitors("w1")
        .await
        .expect("the count decodes");
    assert_eq!(count.count, Some(42));
    assert_eq!(count.active, Some(7));
    assert_eq!(count.limited, Some(false));
}

#[tokio::test]
async fn a_page_of_visitors_decodes_nested_places_nulls_and_missing_fields() {
    let server = MockServer::start().await;
    crisp("GET", "/website/w1/visitors/list/1")
        .respond_with(envelope(json!([
            full_visitor(),
            {
                "session_id": OTHER_SESSION,
                "nickname": null,
                "email": null,
                "avatar": null,
                "initiated": false,
                "active": false,
                "geolocation": { "country": "DE", "coordinates": null },
                "capabilities": []
            }
        ])))
        .expect(1)
        .mount(&server)
        .await;

    let visitors = client(&server)
        .list_visitors("w1", 1)
        .await
        .expect("the page decodes");

    assert_eq!(visitors.len(), 2);
    let john = &visitors[0];
    assert_eq!(john.session_id.as_deref(), Some(SESSION));
    assert_eq!(john.email.as_deref(), Some("john.smith@example.com"));
    assert_eq!(john.initiated, Some(true));
    assert_eq!(john.timezone, Some(-120), "a negative offset decodes");
    let page = john.last_page.as_ref().expect("the last page is there");
    assert_eq!(
        page.page_url.as_deref(),
        Some("https://acme.example/pricing")
    );
    let place = john.geolocation.as_ref().expect("the place is there");
    assert_eq!(place.city.as_deref(), Some("Paris"));
    let coordinates = place.coordinates.as_ref().expect("coordinates are there");
    assert_eq!(coordinates.latitude, Some(48.8566));
    assert_eq!(coordinates.longitude, Some(2.3522));
    assert_eq!(
        john.capabilities.as_deref(),
        Some(&["browsing".to_string(), "call".to_string()][..])
    );

    let anonymous = &visitors[1];
    assert_eq!(anonymous.nickname, None, "null is None");
    assert_eq!(anonymous.email, None);
    assert_eq!(anonymous.last_page, None, "missing is None");
    assert_eq!(anonymous.timezone, None);
    let place = anonymous.geolocation.as_ref().expect("the place is there");
    assert_eq!(place.country.as_deref(), Some("DE"));
    assert_eq!(place.coordinates, None);
    assert_eq!(anonymous.capabilities.as_deref(), Some(&[][..]));
}

#[tokio::test]
async fn the_visitor_stream_reads_pages_until_an_empty_one() {
    let server = MockServer::start().await;
    crisp("GET", "/website/w1/visitors/list/1")
        .respond_with(envelope(json!([full_visitor()])))
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", "/website/w1/visitors/list/2")
        .respond_with(envelope(json!([{ "session_id": OTHER_SESSION }])))
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", "/website/w1/visitors/list/3")
        .respond_with(envelope(json!([])))
        .expect(1)
        .mount(&server)
        .await;

    let client = client(&server);
    let sessions: Vec<Option<String>> = client
        .list_visitors_stream("w1")
        .map_ok(|visitor| visitor.session_id)
        .try_collect()
        .await
        .expect("every page decodes");
    assert_eq!(
        sessions,
        vec![Some(SESSION.to_string()), Some(OTHER_SESSION.to_string())]
    );
}

#[tokio::test]
async fn the_map_is_asked_whole_or_around_a_center() {
    let server = MockServer::start().await;
    crisp("GET", "/website/w1/visitors/map")
        .and(query_param_is_missing("center_longitude"))
        .and(query_param_is_missing("center_latitude"))
        .and(query_param_is_missing("center_radius"))
        .respond_with(envelope(json!([
            {
                "visitors": { "count": 1240, "threshold": 100 },
                "geolocation": {
                    "country": "US",
                    "coordinates": { "latitude": 37.7749, "longitude": -122.4194 }
                }
            }
        ])))
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", "/website/w1/visitors/map")
        .and(query_param("center_longitude", "2.3522"))
        .and(query_param("center_latitude", "48.8566"))
        .and(query_param("center_radius", "50000"))
        .respond_with(envelope(json!([
            {
                "visitors": {
                    "count": 2,
                    "threshold": 100,
                    "sessions": [
                        {
                            "session_id": SESSION,
                            "nickname": "visitor8c3f2",
                            "email": "john.smith@example.com",
                            "initiated": true,
                            "active": true,
                            "last_page": { "page_title": "Pricing - Acme", "page_url": "https://acme.example/pricing" },
                            "timezone": -60,
                            "capabilities": ["browsing"],
                            "locales": ["fr"]
                        },
                        { "session_id": OTHER_SESSION, "nickname": null, "avatar": null }
                    ]
                },
                "geolocation": { "country": "FR", "region": "Île-de-France", "city": "Paris" }
            }
        ])))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);

    let world = client
        .pinpoint_visitors_on_map("w1", &PinpointVisitorsOnMapOptions::default())
        .await
        .expect("the whole map decodes");
    assert_eq!(world.len(), 1);
    let crowd = world[0].visitors.as_ref().expect("visitors are there");
    assert_eq!(crowd.count, Some(1240));
    assert_eq!(crowd.sessions, None, "above the threshold, no sessions");
    let coordinates = world[0]
        .geolocation
        .as_ref()
        .and_then(|place| place.coordinates.as_ref())
        .expect("coordinates are there");
    assert_eq!(coordinates.longitude, Some(-122.4194));

    let around_paris = PinpointVisitorsOnMapOptions {
        center_longitude: Some(2.3522),
        center_latitude: Some(48.8566),
        center_radius: Some(50_000),
    };
    let paris = client
        .pinpoint_visitors_on_map("w1", &around_paris)
        .await
        .expect("the area decodes");
    let sessions = paris[0]
        .visitors
        .as_ref()
        .and_then(|visitors| visitors.sessions.as_ref())
        .expect("sessions are listed");
    assert_eq!(sessions.len(), 2);
    assert_eq!(sessions[0].session_id.as_deref(), Some(SESSION));
    assert_eq!(sessions[0].timezone, Some(-60));
    assert_eq!(
        sessions[0]
            .last_page
            .as_ref()
            .and_then(|page| page.page_title.as_deref()),
        Some("Pricing - Acme")
    );
    assert_eq!(sessions[1].nickname, None);
    assert_eq!(
        paris[0]
            .geolocation
            .as_ref()
            .and_then(|place| place.city.as_deref()),
        Some("Paris")
    );
}

#[tokio::test]
async fn a_session_token_resolves_to_its_session() {
    let server = MockServer::start().await;
    crisp(
        "GET",
        "/website/w1/visitors/token/d3c17241-1327-47d7-9d8e-b89ff7bd2904",
    )
    .respond_with(envelope(json!({ "session_id": SESSION })))
    .expect(1)
    .mount(&server)
    .await;

    let token = client(&server)
        .get_session_identifier_from_token("w1", "d3c17241-1327-47d7-9d8e-b89ff7bd2904")
        .await
        .expect("the token decodes");
    assert_eq!(token.session_id.as_deref(), Some(SESSION));
}

#[tokio::test]
async fn blocked_visitors_are_counted_in_all_and_per_rule_and_cleared() {
    let server = MockServer::start().await;
    crisp("GET", "/website/w1/visitors/blocked")
        .respond_with(envelope(json!({ "rule": ["ip", "email"], "blocked": 12 })))
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", "/website/w1/visitors/blocked/email")
        .respond_with(envelope(json!(5)))
        .expect(1)
        .mount(&server)
        .await;
    crisp("DELETE", "/website/w1/visitors/blocked/ip")
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);

    let blocked = client
        .count_blocked_visitors("w1")
        .await
        .expect("the count decodes");
    assert_eq!(
        blocked.rule.as_deref(),
        Some(&["ip".to_string(), "email".to_string()][..])
    );
    assert_eq!(blocked.blocked, Some(12));
    assert_eq!(
        client
            .count_blocked_visitors_in_rule("w1", "email")
            .await
            .expect("a bare number decodes"),
        5
    );
    client
        .clear_blocked_visitors_in_rule("w1", "ip")
        .await
        .expect("cleared");
}
