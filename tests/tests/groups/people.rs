//! People end to end: the contact tasks of a support bot on the wire. A contact is created (the answer gives
//! its `people_id`), checked, changed, replaced, read back as a realistic `PeopleProfile` (nested person,
//! company and geolocation, nulls, missing fields, 64-bit timestamps) and removed, also by email; profiles
//! are listed and searched with every query parameter (the filters as JSON text), page after page; events
//! are added and listed with the person's conversations and campaigns; custom data of mixed types is saved,
//! updated and read back with integers kept as integers; the email subscription, the statistics, the
//! suggested segments, data keys and events, export and import. Every request is pinned exactly.

use std::collections::BTreeMap;

use crisp_client::types::{
    DataValue, DeleteSuggestedPeopleDataKeyRequest, DeleteSuggestedPeopleEventRequest,
    DeleteSuggestedPeopleSegmentRequest, ListPeopleProfilesOptions, PeopleDataUpdate, PeopleEvent,
    PeopleFilter, PeopleProfileCompany, PeopleProfileImportSetup, PeopleProfileImportSetupMapping,
    PeopleProfileImportSetupOptions, PeopleProfilePerson, PeopleProfileUpdate, PeopleSortOrder,
    PeopleSubscriptionUpdate, SearchOperator,
};
use futures::TryStreamExt;
use serde_json::{json, Value};
use wiremock::matchers::{body_json, query_param, query_param_is_missing};
use wiremock::{MockServer, Request, ResponseTemplate};

use super::{client, crisp, done, envelope};

const WEBSITE: &str = "8c842203-7ed8-4e29-a608-7cf78a7d2fcc";
const PEOPLE: &str = "c5e3a4e1-5a64-4c08-9d54-e6a1f9e2d0b4";
const OTHER_PEOPLE: &str = "eee8759d-52db-48e5-982d-3426e3566ce0";
/// Milliseconds since the epoch, beyond 2^32 as every Crisp timestamp is.
const LAST_ACTIVE: i64 = 1_764_012_345_678;
const CREATED: i64 = 1_700_000_000_000;

fn people_path(rest: &str) -> String {
    format!("/website/{WEBSITE}/people/{rest}")
}

/// Matches a request whose query parameter `name` is JSON text equal to `expected`.
fn query_json(name: &'static str, expected: Value) -> impl Fn(&Request) -> bool {
    move |request: &Request| {
        request
            .url
            .query_pairs()
            .find(|(key, _)| key == name)
            .and_then(|(_, text)| serde_json::from_str::<Value>(&text).ok())
            .is_some_and(|value| value == expected)
    }
}

/// Matches a request whose query has exactly these parameter names, each once.
fn query_names(expected: &'static [&'static str]) -> impl Fn(&Request) -> bool {
    move |request: &Request| {
        let mut names: Vec<String> = request
            .url
            .query_pairs()
            .map(|(key, _)| key.into_owned())
            .collect();
        names.sort();
        let mut wanted: Vec<&str> = expected.to_vec();
        wanted.sort_unstable();
        names == wanted
    }
}

fn no_body(request: &Request) -> bool {
    request.body.is_empty()
}

/// Jane's profile as Crisp answers it: nested person, company and geolocation, with the nulls the API sends
/// for fields never filled and some fields missing altogether (`person.description`, `company.description`,
/// the company's region and coordinates).
fn jane_profile() -> Value {
    json!({
        "people_id": PEOPLE,
        "email": "jane.doe@acme-inc.com",
        "person": {
            "nickname": "Jane Doe",
            "avatar": null,
            "gender": "female",
            "phone": "+33 6 12 34 56 78",
            "address": null,
            "website": "https://janedoe.dev",
            "timezone": -60,
            "profiles": [
                { "type": "twitter", "handle": "janedoe", "url": "https://twitter.com/janedoe" },
                { "type": "linkedin", "handle": "jane-doe" }
            ],
            "employment": {
                "name": "Acme Inc.",
                "domain": "acme-inc.com",
                "title": "Head of Support",
                "role": "customer_service",
                "seniority": null
            },
            "geolocation": {
                "country": "FR",
                "region": "Pays de la Loire",
                "city": "Nantes",
                "coordinates": { "latitude": 47.2184, "longitude": -1.5536 }
            },
            "locales": ["fr", "en"]
        },
        "company": {
            "name": "Acme Inc.",
            "legal_name": "Acme Incorporated SAS",
            "domain": "acme-inc.com",
            "url": "https://acme-inc.com/",
            "timezone": -60,
            "phones": [],
            "emails": ["support@acme-inc.com"],
            "geolocation": { "country": "FR", "city": "Paris" },
            "metrics": { "employees": 250, "market_cap": null, "raised": 12_500_000, "arr": 3_400_000.5 },
            "tags": ["saas", "b2b"]
        },
        "segments": ["customer", "vip"],
        "notepad": null,
        "active": { "now": false, "last": LAST_ACTIVE },
        "score": 87,
        "created_at": CREATED,
        "updated_at": LAST_ACTIVE
    })
}

#[tokio::test]
async fn a_contact_is_created_changed_read_back_and_removed() {
    let server = MockServer::start().await;
    crisp("POST", &people_path("profile"))
        .and(body_json(json!({
            "email": "jane.doe@acme-inc.com",
            "person": { "nickname": "Jane Doe", "phone": "+33 6 12 34 56 78", "locales": ["fr", "en"] },
            "company": { "name": "Acme Inc.", "domain": "acme-inc.com" },
            "segments": ["trial", "chat"]
        })))
        .respond_with(envelope(json!({ "people_id": PEOPLE })))
        .expect(1)
        .mount(&server)
        .await;
    crisp("HEAD", &people_path(&format!("profile/{PEOPLE}")))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", &people_path(&format!("profile/{PEOPLE}")))
        .and(body_json(json!({
            "segments": ["customer", "vip"],
            "notepad": "Upgraded to the annual plan.",
            "active": LAST_ACTIVE
        })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("PUT", &people_path(&format!("profile/{PEOPLE}")))
        .and(body_json(json!({
            "email": "jane.doe@acme-inc.com",
            "person": { "nickname": "Jane Doe" }
        })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", &people_path(&format!("profile/{PEOPLE}")))
        .respond_with(envelope(jane_profile()))
        .expect(1)
        .mount(&server)
        .await;
    crisp("DELETE", &people_path(&format!("profile/{PEOPLE}")))
        .and(no_body)
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);

    let new_contact = PeopleProfileUpdate {
        email: Some("jane.doe@acme-inc.com".into()),
        person: Some(PeopleProfilePerson {
            nickname: Some("Jane Doe".into()),
            phone: Some("+33 6 12 34 56 78".into()),
            locales: Some(vec!["fr".into(), "en".into()]),
            ..PeopleProfilePerson::default()
        }),
        company: Some(PeopleProfileCompany {
            name: Some("Acme Inc.".into()),
            domain: Some("acme-inc.com".into()),
            ..PeopleProfileCompany::default()
        }),
        segments: Some(vec!["trial".into(), "chat".into()]),
        ..PeopleProfileUpdate::default()
    };
    let created = client
        .add_new_people_profile(WEBSITE, &new_contact)
        .await
        .expect("created");
    let people_id = created.people_id.expect("the answer names the new profile");
    assert_eq!(people_id, PEOPLE);

    assert!(client
        .check_people_profile_exists(WEBSITE, &people_id)
        .await
        .expect("200 means it exists"));
    let upgrade = PeopleProfileUpdate {
        segments: Some(vec!["customer".into(), "vip".into()]),
        notepad: Some("Upgraded to the annual plan.".into()),
        active: Some(LAST_ACTIVE),
        ..PeopleProfileUpdate::default()
    };
    client
        .update_people_profile(WEBSITE, &people_id, &upgrade)
        .await
        .expect("updated");
    let replacement = PeopleProfileUpdate {
        email: Some("jane.doe@acme-inc.com".into()),
        person: Some(PeopleProfilePerson {
            nickname: Some("Jane Doe".into()),
            ..PeopleProfilePerson::default()
        }),
        ..PeopleProfileUpdate::default()
    };
    client
        .save_people_profile(WEBSITE, &people_id, &replacement)
        .await
        .expect("saved");

    let profile = client
        .get_people_profile(WEBSITE, &people_id)
        .await
        .expect("the profile decodes");
    assert_eq!(profile.people_id.as_deref(), Some(PEOPLE));
    assert_eq!(profile.email.as_deref(), Some("jane.doe@acme-inc.com"));
    assert_eq!(profile.notepad, None, "a null notepad");
    assert_eq!(profile.score, Some(87));
    assert_eq!(profile.created_at, Some(CREATED));
    assert_eq!(profile.updated_at, Some(LAST_ACTIVE));
    let active = profile.active.expect("active");
    assert_eq!((active.now, active.last), (Some(false), Some(LAST_ACTIVE)));
    assert_eq!(
        profile.segments,
        Some(vec!["customer".to_string(), "vip".to_string()])
    );

    let person = profile.person.expect("person");
    assert_eq!(person.nickname.as_deref(), Some("Jane Doe"));
    assert_eq!((person.avatar, person.address), (None, None), "nulls");
    assert_eq!(person.description, None, "missing");
    assert_eq!(person.timezone, Some(-60));
    let socials = person.profiles.expect("profiles");
    assert_eq!(socials.len(), 2);
    assert_eq!(socials[0].type_.as_deref(), Some("twitter"));
    assert_eq!(socials[1].handle.as_deref(), Some("jane-doe"));
    assert_eq!(socials[1].url, None, "missing");
    let employment = person.employment.expect("employment");
    assert_eq!(employment.title.as_deref(), Some("Head of Support"));
    assert_eq!(employment.seniority, None, "null");
    let geolocation = person.geolocation.expect("geolocation");
    assert_eq!(geolocation.country.as_deref(), Some("FR"));
    assert_eq!(geolocation.city.as_deref(), Some("Nantes"));
    let coordinates = geolocation.coordinates.expect("coordinates");
    assert_eq!(coordinates.latitude, Some(47.2184));
    assert_eq!(coordinates.longitude, Some(-1.5536));
    assert_eq!(
        person.locales,
        Some(vec!["fr".to_string(), "en".to_string()])
    );

    let company = profile.company.expect("company");
    assert_eq!(company.legal_name.as_deref(), Some("Acme Incorporated SAS"));
    assert_eq!(company.phones, Some(vec![]));
    assert_eq!(company.description, None, "missing");
    let company_geolocation = company.geolocation.expect("company geolocation");
    assert_eq!(company_geolocation.city.as_deref(), Some("Paris"));
    assert_eq!(company_geolocation.region, None, "missing");
    assert_eq!(company_geolocation.coordinates, None, "missing");
    let metrics = company.metrics.expect("metrics");
    assert_eq!(metrics.employees, Some(250));
    assert_eq!(metrics.market_cap, None, "null");
    assert_eq!(
        metrics.raised,
        Some(12_500_000.0),
        "an integer read as a number"
    );
    assert_eq!(metrics.arr, Some(3_400_000.5));
    assert_eq!(
        company.tags,
        Some(vec!["saas".to_string(), "b2b".to_string()])
    );

    client
        .remove_people_profile(WEBSITE, &people_id)
        .await
        .expect("removed");
}

#[tokio::test]
async fn a_contact_is_found_by_email_and_a_missing_one_is_told_apart() {
    let server = MockServer::start().await;
    // The people_id argument may be an email: it is sent as one path segment, its `@` encoded.
    let by_email = people_path("profile/jane.doe%40acme-inc.com");
    crisp("HEAD", &by_email)
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", &by_email)
        .respond_with(envelope(
            json!({ "people_id": PEOPLE, "email": "jane.doe@acme-inc.com" }),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let missing = people_path("profile/ghost%40example.com");
    crisp("HEAD", &missing)
        .respond_with(ResponseTemplate::new(404))
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", &missing)
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({ "error": true, "reason": "people_not_found", "data": {} })),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);

    assert!(client
        .check_people_profile_exists(WEBSITE, "jane.doe@acme-inc.com")
        .await
        .expect("200"));
    let jane = client
        .get_people_profile(WEBSITE, "jane.doe@acme-inc.com")
        .await
        .expect("found by email");
    assert_eq!(jane.people_id.as_deref(), Some(PEOPLE));
    assert_eq!(jane.person, None, "missing");

    assert!(!client
        .check_people_profile_exists(WEBSITE, "ghost@example.com")
        .await
        .expect("404 is an answer, not an error"));
    let error = client
        .get_people_profile(WEBSITE, "ghost@example.com")
        .await
        .expect_err("404 is an error for a read");
    assert_eq!(error.status(), Some(404));
    assert_eq!(error.reason(), Some("people_not_found"));
}

#[tokio::test]
async fn profiles_are_searched_with_every_query_parameter_page_after_page() {
    let server = MockServer::start().await;
    let filters = json!([
        { "model": "people", "criterion": "segments", "operator": "eq", "query": ["vip", "trial"] },
        { "model": "people", "criterion": "email", "operator": "has", "query": ["@acme-inc.com"] }
    ]);
    let every = &[
        "sort_field",
        "sort_order",
        "search_operator",
        "search_filter",
        "search_text",
    ];
    let searched = |page: u32| {
        crisp("GET", &people_path(&format!("profiles/{page}")))
            .and(query_param("sort_field", "person.nickname"))
            .and(query_param("sort_order", "descending"))
            .and(query_param("search_operator", "or"))
            .and(query_json("search_filter", filters.clone()))
            .and(query_param("search_text", "Jane Doe"))
            .and(query_names(every))
    };
    searched(1)
        .respond_with(envelope(json!([
            jane_profile(),
            // A profile barely filled: nulls for the parts Crisp has nothing on, the rest missing.
            { "people_id": OTHER_PEOPLE, "email": "john@acme-inc.com", "person": null, "company": null,
              "segments": ["vip"], "active": null }
        ])))
        .expect(1)
        .mount(&server)
        .await;
    searched(2)
        .respond_with(envelope(json!([
            { "people_id": "0b4e2f8c-9a1d-4c3e-8f7a-6d5c4b3a2e1f", "email": "jo@acme-inc.com",
              "person": { "nickname": "Jo" }, "created_at": CREATED }
        ])))
        .expect(1)
        .mount(&server)
        .await;
    searched(3)
        .respond_with(envelope(json!([])))
        .expect(1)
        .mount(&server)
        .await;
    // With no options, no query parameter is sent at all.
    crisp("GET", &people_path("profiles/1"))
        .and(query_param_is_missing("sort_field"))
        .and(query_param_is_missing("sort_order"))
        .and(query_param_is_missing("search_operator"))
        .and(query_param_is_missing("search_filter"))
        .and(query_param_is_missing("search_text"))
        .and(query_names(&[]))
        .respond_with(envelope(json!([{ "people_id": PEOPLE }])))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);

    let search = ListPeopleProfilesOptions {
        sort_field: Some("person.nickname".into()),
        sort_order: Some(PeopleSortOrder::Descending),
        search_operator: Some(SearchOperator::Or),
        search_filter: Some(vec![
            PeopleFilter {
                model: "people".into(),
                criterion: "segments".into(),
                operator: "eq".into(),
                query: vec!["vip".into(), "trial".into()],
            },
            PeopleFilter {
                model: "people".into(),
                criterion: "email".into(),
                operator: "has".into(),
                query: vec!["@acme-inc.com".into()],
            },
        ]),
        search_text: Some("Jane Doe".into()),
    };
    let found: Vec<_> = client
        .list_people_profiles_stream(WEBSITE, &search)
        .try_collect()
        .await
        .expect("three pages, the last empty");
    let ids: Vec<Option<&str>> = found.iter().map(|p| p.people_id.as_deref()).collect();
    assert_eq!(
        ids,
        [
            Some(PEOPLE),
            Some(OTHER_PEOPLE),
            Some("0b4e2f8c-9a1d-4c3e-8f7a-6d5c4b3a2e1f")
        ]
    );
    assert_eq!(
        found[0].person.as_ref().and_then(|p| p.nickname.as_deref()),
        Some("Jane Doe")
    );
    assert_eq!(found[1].person, None, "null");
    assert_eq!(found[1].active, None, "null");
    assert_eq!(found[1].score, None, "missing");
    assert_eq!(found[2].created_at, Some(CREATED));

    let first_page = client
        .list_people_profiles(WEBSITE, 1, &ListPeopleProfilesOptions::default())
        .await
        .expect("an unfiltered page");
    assert_eq!(first_page.len(), 1);
}

#[tokio::test]
async fn a_sort_order_the_client_does_not_know_is_sent_as_given() {
    let server = MockServer::start().await;
    crisp("GET", &people_path("profiles/1"))
        .and(query_param("sort_order", "relevance"))
        .and(query_param("search_operator", "xor"))
        .and(query_names(&["sort_order", "search_operator"]))
        .respond_with(envelope(json!([])))
        .expect(1)
        .mount(&server)
        .await;
    let options = ListPeopleProfilesOptions {
        sort_order: Some(PeopleSortOrder::from("relevance")),
        search_operator: Some(SearchOperator::from("xor")),
        ..ListPeopleProfilesOptions::default()
    };
    assert_eq!(
        options.sort_order,
        Some(PeopleSortOrder::Other("relevance".into()))
    );
    let page = client(&server)
        .list_people_profiles(WEBSITE, 1, &options)
        .await
        .expect("an empty page");
    assert!(page.is_empty());
}

#[tokio::test]
async fn an_event_is_added_and_the_timeline_conversations_and_campaigns_are_listed() {
    let server = MockServer::start().await;
    crisp("POST", &people_path(&format!("events/{PEOPLE}")))
        .and(body_json(json!({
            "text": "Added item to basket",
            "data": { "price": 10.99, "currency": "USD", "quantity": 2 },
            "color": "red"
        })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", &people_path(&format!("events/{PEOPLE}/list/1")))
        .respond_with(envelope(json!([
            { "text": "Added item to basket",
              "data": { "price": 10.99, "currency": "USD", "quantity": 2, "sku": null },
              "color": "red", "timestamp": LAST_ACTIVE },
            { "text": "Signed up", "timestamp": CREATED },
            { "text": "Opened the app", "data": null, "color": null, "timestamp": CREATED + 86_400_000 }
        ])))
        .expect(1)
        .mount(&server)
        .await;
    crisp(
        "GET",
        &people_path(&format!("conversations/{PEOPLE}/list/1")),
    )
    .respond_with(envelope(json!([
        "session_700c65e1-85e2-465a-b9ac-ecb5ec2c9881",
        "session_1f0e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b"
    ])))
    .expect(1)
    .mount(&server)
    .await;
    crisp("GET", &people_path(&format!("campaigns/{PEOPLE}/list/1")))
        .respond_with(envelope(json!([
            { "campaign_id": "9b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e", "type": "automated",
              "name": "Welcome series", "created_at": CREATED, "updated_at": CREATED + 1,
              "dispatched_at": LAST_ACTIVE, "occurred_at": LAST_ACTIVE + 5_000,
              "statistics": ["delivered", "opened", "clicked"] },
            { "campaign_id": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "type": "one-shot",
              "name": "Black Friday", "statistics": null }
        ])))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);

    let event = PeopleEvent {
        text: Some("Added item to basket".into()),
        data: Some(BTreeMap::from([
            ("price".to_string(), json!(10.99)),
            ("currency".to_string(), json!("USD")),
            ("quantity".to_string(), json!(2)),
        ])),
        color: Some("red".into()),
        timestamp: None,
    };
    client
        .add_people_event(WEBSITE, PEOPLE, &event)
        .await
        .expect("added");

    let timeline = client
        .list_people_events(WEBSITE, PEOPLE, 1)
        .await
        .expect("the events decode");
    assert_eq!(timeline.len(), 3);
    assert_eq!(timeline[0].timestamp, Some(LAST_ACTIVE));
    let details = timeline[0].data.as_ref().expect("details");
    assert_eq!(details["quantity"], json!(2));
    assert!(details["quantity"].is_i64(), "an integer stays an integer");
    assert_eq!(details["price"], json!(10.99));
    assert_eq!(details["sku"], Value::Null);
    assert_eq!(timeline[1].data, None, "missing");
    assert_eq!(timeline[1].color, None, "missing");
    assert_eq!(timeline[2].data, None, "null");
    assert_eq!(timeline[2].timestamp, Some(CREATED + 86_400_000));

    let conversations = client
        .list_people_conversations(WEBSITE, PEOPLE, 1)
        .await
        .expect("session ids");
    assert_eq!(
        conversations,
        [
            "session_700c65e1-85e2-465a-b9ac-ecb5ec2c9881",
            "session_1f0e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b"
        ]
    );

    let campaigns = client
        .list_people_campaigns(WEBSITE, PEOPLE, 1)
        .await
        .expect("the campaigns decode");
    assert_eq!(campaigns.len(), 2);
    assert_eq!(campaigns[0].type_.as_deref(), Some("automated"));
    assert_eq!(campaigns[0].occurred_at, Some(LAST_ACTIVE + 5_000));
    assert_eq!(
        campaigns[0].statistics.as_deref(),
        Some(&["delivered".to_string(), "opened".into(), "clicked".into()][..])
    );
    assert_eq!(campaigns[1].statistics, None, "null");
    assert_eq!(campaigns[1].dispatched_at, None, "missing");
}

#[tokio::test]
async fn custom_data_of_mixed_types_is_saved_updated_and_read_back() {
    let server = MockServer::start().await;
    // `body_json` compares JSON values, where 12 and 12.0 differ: the integers go out as integers.
    crisp("PUT", &people_path(&format!("data/{PEOPLE}")))
        .and(body_json(json!({
            "data": {
                "plan": "pro",
                "seats": 12,
                "signup_at": LAST_ACTIVE,
                "mrr": 49.5,
                "subscribed": true,
                "churn_reason": null
            }
        })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", &people_path(&format!("data/{PEOPLE}")))
        .and(body_json(
            json!({ "data": { "signup": "finished", "seats": 13 } }),
        ))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", &people_path(&format!("data/{PEOPLE}")))
        .respond_with(envelope(json!({
            "data": {
                "plan": "pro",
                "seats": 13,
                "signup_at": LAST_ACTIVE,
                "mrr": 49.5,
                "subscribed": false,
                "zip": "04210",
                "churn_reason": null,
                "features": ["sso", "api"]
            }
        })))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);

    let saved = PeopleDataUpdate {
        data: BTreeMap::from([
            ("plan".to_string(), DataValue::String("pro".into())),
            ("seats".to_string(), DataValue::Integer(12)),
            ("signup_at".to_string(), DataValue::Integer(LAST_ACTIVE)),
            ("mrr".to_string(), DataValue::Number(49.5)),
            ("subscribed".to_string(), DataValue::Boolean(true)),
            ("churn_reason".to_string(), DataValue::Any(Value::Null)),
        ]),
    };
    client
        .save_people_data(WEBSITE, PEOPLE, &saved)
        .await
        .expect("saved");
    let changed = PeopleDataUpdate {
        data: BTreeMap::from([
            ("signup".to_string(), DataValue::String("finished".into())),
            ("seats".to_string(), DataValue::Integer(13)),
        ]),
    };
    client
        .update_people_data(WEBSITE, PEOPLE, &changed)
        .await
        .expect("updated");

    let data = client
        .get_people_data(WEBSITE, PEOPLE)
        .await
        .expect("the data decodes")
        .data
        .expect("the values");
    assert_eq!(data["plan"], DataValue::String("pro".into()));
    assert_eq!(data["seats"], DataValue::Integer(13), "not a float");
    assert_eq!(data["signup_at"], DataValue::Integer(LAST_ACTIVE));
    assert_eq!(data["mrr"], DataValue::Number(49.5));
    assert_eq!(data["subscribed"], DataValue::Boolean(false));
    assert_eq!(
        data["zip"],
        DataValue::String("04210".into()),
        "digits in a text stay text"
    );
    assert_eq!(data["churn_reason"], DataValue::Any(Value::Null));
    assert_eq!(data["features"], DataValue::Any(json!(["sso", "api"])));
    assert_eq!(data.len(), 8);
}

#[tokio::test]
async fn the_email_subscription_is_read_and_turned_off() {
    let server = MockServer::start().await;
    crisp("GET", &people_path(&format!("subscription/{PEOPLE}")))
        .respond_with(envelope(json!({ "email": true })))
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", &people_path(&format!("subscription/{PEOPLE}")))
        .and(body_json(json!({ "email": false })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let status = client
        .get_people_subscription_status(WEBSITE, PEOPLE)
        .await
        .expect("the status decodes");
    assert_eq!(status.email, Some(true));
    client
        .update_people_subscription_status(
            WEBSITE,
            PEOPLE,
            &PeopleSubscriptionUpdate { email: Some(false) },
        )
        .await
        .expect("unsubscribed");
}

#[tokio::test]
async fn statistics_and_suggestions_are_read_and_stale_suggestions_deleted() {
    let server = MockServer::start().await;
    crisp("GET", &people_path("stats"))
        .respond_with(envelope(json!({ "total": 5_000_000_123_i64 })))
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", &people_path("suggest/segments/1"))
        .respond_with(envelope(json!([
            { "segment": "vip", "count": 1204 },
            { "segment": "old-trial", "count": null },
            { "segment": "churned" }
        ])))
        .expect(1)
        .mount(&server)
        .await;
    crisp("DELETE", &people_path("suggest/segment"))
        .and(body_json(json!({ "segment": "old-trial" })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", &people_path("suggest/data/1"))
        .respond_with(envelope(
            json!([{ "key": "plan", "count": 3310 }, { "key": "legacy_plan", "count": 2 }]),
        ))
        .expect(1)
        .mount(&server)
        .await;
    crisp("DELETE", &people_path("suggest/data"))
        .and(body_json(json!({ "key": "legacy_plan" })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", &people_path("suggest/events/1"))
        .respond_with(envelope(
            json!([{ "text": "Added item to basket", "count": 871 }]),
        ))
        .expect(1)
        .mount(&server)
        .await;
    crisp("DELETE", &people_path("suggest/event"))
        .and(body_json(json!({ "text": "Visited pricing (old)" })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);

    let stats = client
        .get_people_statistics(WEBSITE)
        .await
        .expect("the statistics decode");
    assert_eq!(stats.total, Some(5_000_000_123));

    let segments = client
        .list_suggested_people_segments(WEBSITE, 1)
        .await
        .expect("the segments decode");
    assert_eq!(segments.len(), 3);
    assert_eq!(segments[0].segment.as_deref(), Some("vip"));
    assert_eq!(segments[0].count, Some(1204));
    assert_eq!(segments[1].count, None, "null");
    assert_eq!(segments[2].count, None, "missing");
    client
        .delete_suggested_people_segment(
            WEBSITE,
            &DeleteSuggestedPeopleSegmentRequest {
                segment: "old-trial".into(),
            },
        )
        .await
        .expect("deleted");

    let keys = client
        .list_suggested_people_data_keys(WEBSITE, 1)
        .await
        .expect("the keys decode");
    assert_eq!(keys[1].key.as_deref(), Some("legacy_plan"));
    assert_eq!(keys[0].count, Some(3310));
    client
        .delete_suggested_people_data_key(
            WEBSITE,
            &DeleteSuggestedPeopleDataKeyRequest {
                key: "legacy_plan".into(),
            },
        )
        .await
        .expect("deleted");

    let events = client
        .list_suggested_people_events(WEBSITE, 1)
        .await
        .expect("the events decode");
    assert_eq!(events[0].text.as_deref(), Some("Added item to basket"));
    assert_eq!(events[0].count, Some(871));
    client
        .delete_suggested_people_event(
            WEBSITE,
            &DeleteSuggestedPeopleEventRequest {
                text: "Visited pricing (old)".into(),
            },
        )
        .await
        .expect("deleted");
}

#[tokio::test]
async fn profiles_are_exported_and_imported_from_a_csv_file() {
    let server = MockServer::start().await;
    crisp("POST", &people_path("export/profiles"))
        .and(no_body)
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("POST", &people_path("import/profiles"))
        .and(body_json(json!({
            "url": "https://files.acme-inc.com/exports/contacts-2026-01.csv",
            "mapping": [
                { "column": 1, "field": "email" },
                { "column": 2, "field": "person.nickname" }
            ],
            "options": { "column_separator": ";", "skip_header": true }
        })))
        .respond_with(envelope(
            json!({ "import_id": "4f3e2d1c-0b9a-4876-9543-210fedcba987" }),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);

    client
        .export_people_profiles(WEBSITE)
        .await
        .expect("export started");
    let setup = PeopleProfileImportSetup {
        url: Some("https://files.acme-inc.com/exports/contacts-2026-01.csv".into()),
        mapping: Some(vec![
            PeopleProfileImportSetupMapping {
                column: Some(1),
                field: Some("email".into()),
            },
            PeopleProfileImportSetupMapping {
                column: Some(2),
                field: Some("person.nickname".into()),
            },
        ]),
        options: Some(PeopleProfileImportSetupOptions {
            column_separator: Some(";".into()),
            skip_header: Some(true),
        }),
    };
    let import = client
        .import_people_profiles(WEBSITE, &setup)
        .await
        .expect("import started");
    assert_eq!(
        import.import_id.as_deref(),
        Some("4f3e2d1c-0b9a-4876-9543-210fedcba987")
    );
}
