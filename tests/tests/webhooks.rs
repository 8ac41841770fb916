//! Webhooks, generated for any spec: the pets fixture declares three (`webhooks`, OpenAPI 3.1) named by the
//! `X-Pet-Event` header and split by the body's `action` (`x-webhook-event`), and its client's
//! `webhooks::parse` reads each request into its typed `Event`, keeps an unknown event with its name and JSON,
//! and says what is wrong with a request it cannot read.

use pets_client::webhooks::{parse, Event, ParseError};
use reqwest::header::{HeaderMap, HeaderValue};
use serde_json::json;

fn named(event: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(
        "x-pet-event",
        HeaderValue::from_str(event).expect("a header value"),
    );
    headers
}

fn body(value: serde_json::Value) -> Vec<u8> {
    serde_json::to_vec(&value).expect("JSON")
}

#[test]
fn an_event_and_its_action_choose_the_typed_variant() {
    let pet = json!({ "id": 7, "name": "Rex" });
    let arrived = parse(
        &named("pet"),
        &body(json!({ "action": "arrived", "pet": pet })),
    )
    .expect("parsed");
    let Event::PetArrived(arrived) = arrived else {
        panic!("{arrived:?}")
    };
    assert_eq!((arrived.pet.id, arrived.pet.name.as_str()), (7, "Rex"));

    let changed = parse(
        &named("pet"),
        &body(json!({ "action": "renamed", "pet": pet })),
    )
    .expect("parsed");
    assert!(matches!(&changed, Event::PetChanged(e) if e.action.as_deref() == Some("renamed")));
    assert_eq!(changed.name(), "pet");

    let ping = parse(
        &named("ping"),
        &body(json!({ "zen": "Keep it logically awesome." })),
    )
    .expect("parsed");
    assert!(
        matches!(ping, Event::Ping(p) if p.zen.as_deref() == Some("Keep it logically awesome."))
    );
}

#[test]
fn an_unknown_event_is_kept_with_its_name_and_json() {
    let payload = json!({ "action": "groomed", "pet": { "id": 1 } });
    let event = parse(&named("grooming"), &body(payload.clone())).expect("kept, not refused");
    assert_eq!(
        event,
        Event::Other {
            name: "grooming".into(),
            body: payload
        }
    );
    assert_eq!(event.name(), "grooming");
}

#[test]
fn a_request_that_cannot_be_read_says_why() {
    let no_name = parse(&HeaderMap::new(), b"{}").expect_err("no event header");
    assert!(matches!(no_name, ParseError::NoEventName { .. }));
    assert!(no_name.to_string().contains("X-Pet-Event"), "{no_name}");

    let not_json = parse(&named("pet"), b"<xml/>").expect_err("not JSON");
    assert!(matches!(not_json, ParseError::NotJson(_)));

    let wrong = parse(
        &named("pet"),
        &body(json!({ "action": "arrived", "pet": { "id": "seven", "name": "Rex" } })),
    )
    .expect_err("an id is a number");
    assert!(
        wrong
            .to_string()
            .starts_with("the payload of `pet` does not decode at `pet.id`"),
        "{wrong}"
    );
}
