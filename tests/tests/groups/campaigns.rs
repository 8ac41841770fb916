//! Campaigns end to end: every method of the `campaigns` module puts exactly the request Crisp expects on the
//! wire (method, path, no query, the JSON body or none) and decodes answers shaped after the Node SDK's
//! `WebsiteCampaign*` interfaces: whole campaigns and templates, lists where the API sends nulls or leaves
//! fields out, campaign and statistic kinds the client has no name for, 64-bit millisecond timestamps, and
//! the free-form `data` of a statistic with mixed values. A missing campaign or template is `false` for the
//! HEAD checks and an error naming Crisp's reason for the others.

use crisp_client::types::{
    Campaign, CampaignFilter, CampaignFlow, CampaignOptions, CampaignRecipients, CampaignSender,
    CampaignTemplate, CreateNewCampaignRequest, CreateNewCampaignTemplateRequest,
};
use futures::TryStreamExt;
use serde_json::json;
use wiremock::matchers::{body_json, body_string};
use wiremock::{MockServer, Request, ResponseTemplate};

use super::{client, crisp, done, envelope};

const WEBSITE: &str = "8c842203-7ed8-4e29-a608-7cf78a7d2fcc";
const CAMPAIGN: &str = "b3f1a0c2-6d4e-4f8a-9c1b-2e7d5a3f8c90";
const TEMPLATE: &str = "e9d8c7b6-a5f4-4e3d-8c2b-1a0f9e8d7c6b";
const OPERATOR: &str = "a4b2c1d0-2f3e-4d5c-8b7a-6e5f4d3c2b1a";
const PERSON: &str = "c5e3a4e1-5a64-4c08-9d54-e6a1f9e2d0b4";

/// The request has no query string.
fn no_query(request: &Request) -> bool {
    request.url.query().is_none()
}

/// `/website/{WEBSITE}{rest}`.
fn at(rest: &str) -> String {
    format!("/website/{WEBSITE}{rest}")
}

#[tokio::test]
async fn campaign_lists_decode_with_nulls_missing_fields_unknown_kinds_and_64_bit_timestamps() {
    let server = MockServer::start().await;
    crisp("GET", &at("/campaigns/list/1"))
        .and(no_query)
        .and(body_string(""))
        .respond_with(envelope(json!([
            {
                "campaign_id": CAMPAIGN,
                "type": "one-shot",
                "format": "markdown",
                "name": "Spring sale",
                "subject": "20% off everything until Sunday",
                "tag": "promotions",
                "ready": true,
                "dispatched": true,
                "running": false,
                "progress": 100,
                "targets": 1520,
                "reached": 1498,
                "created_at": 1_741_600_000_000_i64,
                "updated_at": 1_741_700_000_000_i64,
                "dispatched_at": 1_741_650_000_000_i64
            },
            {
                "campaign_id": "0d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                "type": "drip",
                "name": "Onboarding",
                "subject": null,
                "tag": null,
                "ready": false,
                "progress": 37.5,
                "created_at": 1_735_689_600_000_i64,
                "updated_at": 1_735_689_600_000_i64,
                "dispatched_at": null
            }
        ])))
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", &at("/campaigns/tags"))
        .and(no_query)
        .and(body_string(""))
        .respond_with(envelope(json!(["promotions", "onboarding", "newsletter"])))
        .expect(1)
        .mount(&server)
        .await;

    let client = client(&server);
    let campaigns = client
        .list_campaigns(WEBSITE, 1)
        .await
        .expect("the page decodes");
    assert_eq!(campaigns.len(), 2);
    let sale = &campaigns[0];
    assert_eq!(sale.campaign_id.as_deref(), Some(CAMPAIGN));
    assert_eq!(sale.type_.as_deref(), Some("one-shot"));
    assert_eq!(sale.dispatched, Some(true));
    assert_eq!(sale.progress, Some(100.0));
    assert_eq!((sale.targets, sale.reached), (Some(1520), Some(1498)));
    assert_eq!(sale.created_at, Some(1_741_600_000_000));
    assert_eq!(sale.dispatched_at, Some(1_741_650_000_000));
    let onboarding = &campaigns[1];
    assert_eq!(
        onboarding.type_.as_deref(),
        Some("drip"),
        "a kind of campaign the SDK does not list is kept as sent"
    );
    assert_eq!(onboarding.subject, None, "null is no subject");
    assert_eq!(onboarding.tag, None);
    assert_eq!(onboarding.dispatched_at, None);
    assert_eq!(onboarding.format, None, "a missing field is None");
    assert_eq!(onboarding.targets, None);
    assert_eq!(onboarding.progress, Some(37.5));

    let tags = client
        .list_campaign_tags(WEBSITE)
        .await
        .expect("the tags decode");
    assert_eq!(tags, ["promotions", "onboarding", "newsletter"]);
}

#[tokio::test]
async fn the_campaign_stream_reads_pages_until_an_empty_one() {
    let server = MockServer::start().await;
    crisp("GET", &at("/campaigns/list/1"))
        .and(no_query)
        .respond_with(envelope(json!([
            { "campaign_id": "c-1", "name": "Spring sale", "created_at": 1, "updated_at": 2 },
            { "campaign_id": "c-2", "name": "Summer sale", "created_at": 3, "updated_at": 4 }
        ])))
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", &at("/campaigns/list/2"))
        .and(no_query)
        .respond_with(envelope(json!([
            { "campaign_id": "c-3", "name": "Black Friday", "created_at": 5, "updated_at": 6 }
        ])))
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", &at("/campaigns/list/3"))
        .and(no_query)
        .respond_with(envelope(json!([])))
        .expect(1)
        .mount(&server)
        .await;

    let client = client(&server);
    let names: Vec<Option<String>> = client
        .list_campaigns_stream(WEBSITE)
        .map_ok(|campaign| campaign.name)
        .try_collect()
        .await
        .expect("every page decodes");
    assert_eq!(
        names,
        [
            Some("Spring sale".to_string()),
            Some("Summer sale".to_string()),
            Some("Black Friday".to_string())
        ]
    );
}

#[tokio::test]
async fn a_template_is_listed_created_checked_read_saved_updated_and_removed() {
    let server = MockServer::start().await;
    let path = at(&format!("/campaigns/template/{TEMPLATE}"));
    crisp("GET", &at("/campaigns/templates/2"))
        .and(no_query)
        .and(body_string(""))
        .respond_with(envelope(json!([
            {
                "template_id": TEMPLATE,
                "type": "newsletter",
                "name": "Monthly newsletter",
                "format": "markdown",
                "created_at": 1_741_600_000_000_i64,
                "updated_at": 1_741_700_000_000_i64
            },
            { "template_id": "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d", "name": "Plain", "format": null }
        ])))
        .expect(1)
        .mount(&server)
        .await;
    crisp("POST", &at("/campaigns/template"))
        .and(no_query)
        .and(body_json(
            json!({ "format": "markdown", "name": "Monthly newsletter" }),
        ))
        .respond_with(envelope(json!({ "template_id": TEMPLATE })))
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
            "template_id": TEMPLATE,
            "type": "newsletter",
            "name": "Monthly newsletter",
            "format": "markdown",
            "content": "# What's new\n\nHello {{ user.nickname }}!",
            "created_at": 1_741_600_000_000_i64,
            "updated_at": 1_741_700_000_000_i64
        })))
        .expect(1)
        .mount(&server)
        .await;
    crisp("PUT", &path)
        .and(no_query)
        .and(body_json(json!({
            "type": "newsletter",
            "name": "Monthly newsletter",
            "format": "html",
            "content": "<h1>What's new</h1>"
        })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", &path)
        .and(no_query)
        .and(body_json(json!({ "name": "Newsletter (March)" })))
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
    let templates = client
        .list_campaign_templates(WEBSITE, 2)
        .await
        .expect("the page decodes");
    assert_eq!(templates.len(), 2);
    assert_eq!(templates[0].template_id.as_deref(), Some(TEMPLATE));
    assert_eq!(templates[0].updated_at, Some(1_741_700_000_000));
    assert_eq!(templates[1].format, None, "null is no format");
    assert_eq!(templates[1].created_at, None, "a missing field is None");

    let new = CreateNewCampaignTemplateRequest {
        format: "markdown".into(),
        name: "Monthly newsletter".into(),
    };
    let created = client
        .create_new_campaign_template(WEBSITE, &new)
        .await
        .expect("the new template decodes");
    assert_eq!(created.template_id.as_deref(), Some(TEMPLATE));
    assert!(client
        .check_campaign_template_exists(WEBSITE, TEMPLATE)
        .await
        .expect("HEAD answers"));
    let template = client
        .get_campaign_template(WEBSITE, TEMPLATE)
        .await
        .expect("the template decodes");
    assert_eq!(template.name.as_deref(), Some("Monthly newsletter"));
    assert_eq!(template.format.as_deref(), Some("markdown"));
    assert_eq!(
        template.content.as_deref(),
        Some("# What's new\n\nHello {{ user.nickname }}!")
    );
    assert_eq!(template.created_at, Some(1_741_600_000_000));

    let whole = CampaignTemplate {
        type_: Some("newsletter".into()),
        name: Some("Monthly newsletter".into()),
        format: Some("html".into()),
        content: Some("<h1>What's new</h1>".into()),
        ..CampaignTemplate::default()
    };
    client
        .save_campaign_template(WEBSITE, TEMPLATE, &whole)
        .await
        .expect("saved");
    let rename = CampaignTemplate {
        name: Some("Newsletter (March)".into()),
        ..CampaignTemplate::default()
    };
    client
        .update_campaign_template(WEBSITE, TEMPLATE, &rename)
        .await
        .expect("updated");
    client
        .remove_campaign_template(WEBSITE, TEMPLATE)
        .await
        .expect("removed");
}

/// A whole one-shot campaign as `getCampaign` answers it.
fn spring_sale_json() -> serde_json::Value {
    json!({
        "campaign_id": CAMPAIGN,
        "type": "one-shot",
        "format": "markdown",
        "name": "Spring sale",
        "subject": "20% off everything until Sunday",
        "tag": "promotions",
        "ready": true,
        "dispatched": false,
        "running": false,
        "progress": 0,
        "targets": 1520,
        "reached": 0,
        "created_at": 1_741_600_000_000_i64,
        "updated_at": 1_741_700_000_000_i64,
        "sender": { "user_id": OPERATOR },
        "recipients": {
            "type": "filter",
            "segments": [],
            "people": null,
            "filter": [
                { "model": "people", "criterion": "segments", "operator": "eq", "query": ["customer"] },
                { "model": "people", "criterion": "data.orders", "operator": "gte", "query": [3] }
            ]
        },
        "flow": {
            "launch_event": null,
            "assert_filter": [],
            "deliver_once": true
        },
        "message": "Hi {{ user.nickname }}, our spring sale ends on Sunday: **20% off**.",
        "options": {
            "deliver_to_chatbox": true,
            "deliver_to_email": true,
            "sender_name_website": false,
            "sender_email_reply": true,
            "tracking": true
        },
        "statistics": { "opened": 0, "clicked": 0, "unsubscribed": 0 }
    })
}

#[tokio::test]
async fn a_campaign_is_created_configured_tested_dispatched_paused_resumed_and_removed() {
    let server = MockServer::start().await;
    let path = at(&format!("/campaign/{CAMPAIGN}"));
    crisp("POST", &at("/campaign"))
        .and(no_query)
        .and(body_json(
            json!({ "type": "one-shot", "name": "Spring sale" }),
        ))
        .respond_with(envelope(json!({ "campaign_id": CAMPAIGN })))
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
        .respond_with(envelope(spring_sale_json()))
        .expect(1)
        .mount(&server)
        .await;
    crisp("PUT", &path)
        .and(no_query)
        .and(body_json(json!({
            "type": "one-shot",
            "format": "markdown",
            "name": "Spring sale",
            "subject": "20% off everything until Sunday",
            "tag": "promotions",
            "sender": { "user_id": OPERATOR },
            "recipients": { "type": "people", "people": [PERSON] },
            "flow": { "deliver_once": true, "deliver_delay": 3600 },
            "message": "Hi {{ user.nickname }}, our spring sale ends on Sunday.",
            "options": { "deliver_to_chatbox": false, "deliver_to_email": true, "tracking": true }
        })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", &path)
        .and(no_query)
        .and(body_json(json!({
            "subject": "Last days of our spring sale",
            "recipients": {
                "type": "filter",
                "filter": [{ "model": "people", "criterion": "segments", "operator": "eq", "query": ["customer"] }]
            }
        })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    for action in ["test", "dispatch", "pause", "resume"] {
        crisp("POST", &format!("{path}/{action}"))
            .and(no_query)
            .and(body_string(""))
            .respond_with(done())
            .expect(1)
            .mount(&server)
            .await;
    }
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
    let new = CreateNewCampaignRequest {
        type_: "one-shot".into(),
        name: "Spring sale".into(),
    };
    let created = client
        .create_new_campaign(WEBSITE, &new)
        .await
        .expect("the new campaign decodes");
    assert_eq!(created.campaign_id.as_deref(), Some(CAMPAIGN));
    assert!(client
        .check_campaign_exists(WEBSITE, CAMPAIGN)
        .await
        .expect("HEAD answers"));

    let campaign = client
        .get_campaign(WEBSITE, CAMPAIGN)
        .await
        .expect("the campaign decodes");
    assert_eq!(campaign.name.as_deref(), Some("Spring sale"));
    assert_eq!(campaign.ready, Some(true));
    assert_eq!(campaign.updated_at, Some(1_741_700_000_000));
    assert_eq!(campaign.dispatched_at, None, "not dispatched yet");
    let sender = campaign.sender.expect("a sender");
    assert_eq!(sender.user_id.as_deref(), Some(OPERATOR));
    let recipients = campaign.recipients.expect("recipients");
    assert_eq!(recipients.type_.as_deref(), Some("filter"));
    assert_eq!(recipients.segments, Some(vec![]));
    assert_eq!(recipients.people, None, "null is no people");
    let filter = recipients.filter.expect("a filter");
    assert_eq!(filter.len(), 2);
    assert_eq!(filter[0].criterion.as_deref(), Some("segments"));
    assert_eq!(filter[0].query, Some(vec![json!("customer")]));
    assert_eq!(
        filter[1].query,
        Some(vec![json!(3)]),
        "a filter compares with any JSON value"
    );
    let flow = campaign.flow.expect("a flow");
    assert_eq!(flow.launch_event, None);
    assert_eq!(flow.deliver_once, Some(true));
    assert_eq!(flow.deliver_delay, None);
    let options = campaign.options.expect("options");
    assert_eq!(options.deliver_to_email, Some(true));
    assert_eq!(options.sender_name_website, Some(false));
    assert_eq!(campaign.statistics.expect("statistics").opened, Some(0));

    let whole = Campaign {
        type_: Some("one-shot".into()),
        format: Some("markdown".into()),
        name: Some("Spring sale".into()),
        subject: Some("20% off everything until Sunday".into()),
        tag: Some("promotions".into()),
        sender: Some(CampaignSender {
            user_id: Some(OPERATOR.into()),
        }),
        recipients: Some(CampaignRecipients {
            type_: Some("people".into()),
            people: Some(vec![PERSON.into()]),
            ..CampaignRecipients::default()
        }),
        flow: Some(CampaignFlow {
            deliver_once: Some(true),
            deliver_delay: Some(3600),
            ..CampaignFlow::default()
        }),
        message: Some("Hi {{ user.nickname }}, our spring sale ends on Sunday.".into()),
        options: Some(CampaignOptions {
            deliver_to_chatbox: Some(false),
            deliver_to_email: Some(true),
            tracking: Some(true),
            ..CampaignOptions::default()
        }),
        ..Campaign::default()
    };
    client
        .save_campaign(WEBSITE, CAMPAIGN, &whole)
        .await
        .expect("saved");
    let change = Campaign {
        subject: Some("Last days of our spring sale".into()),
        recipients: Some(CampaignRecipients {
            type_: Some("filter".into()),
            filter: Some(vec![CampaignFilter {
                model: Some("people".into()),
                criterion: Some("segments".into()),
                operator: Some("eq".into()),
                query: Some(vec![json!("customer")]),
            }]),
            ..CampaignRecipients::default()
        }),
        ..Campaign::default()
    };
    client
        .update_campaign(WEBSITE, CAMPAIGN, &change)
        .await
        .expect("updated");
    client
        .test_campaign(WEBSITE, CAMPAIGN)
        .await
        .expect("test sent");
    client
        .dispatch_campaign(WEBSITE, CAMPAIGN)
        .await
        .expect("dispatched");
    client
        .pause_campaign(WEBSITE, CAMPAIGN)
        .await
        .expect("paused");
    client
        .resume_campaign(WEBSITE, CAMPAIGN)
        .await
        .expect("resumed");
    client
        .remove_campaign(WEBSITE, CAMPAIGN)
        .await
        .expect("removed");
}

#[tokio::test]
async fn recipients_and_statistics_decode_with_geolocation_and_mixed_data() {
    let server = MockServer::start().await;
    crisp("GET", &at(&format!("/campaign/{CAMPAIGN}/recipients/1")))
        .and(no_query)
        .and(body_string(""))
        .respond_with(envelope(json!([
            {
                "people_id": PERSON,
                "email": "valerian@acme.example",
                "person": { "nickname": "Valerian Saliou", "avatar": "https://avatars.acme.example/valerian.png" },
                "subscribed": true
            },
            {
                "people_id": "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b",
                "email": "jane.doe@example.org",
                "person": { "nickname": "Jane Doe", "avatar": null },
                "subscribed": false
            },
            { "people_id": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "email": "no.profile@example.org" }
        ])))
        .expect(1)
        .mount(&server)
        .await;
    crisp(
        "GET",
        &at(&format!("/campaign/{CAMPAIGN}/statistics/clicked/1")),
    )
    .and(no_query)
    .and(body_string(""))
    .respond_with(envelope(json!([
        {
            "type": "clicked",
            "profile": {
                "people_id": PERSON,
                "email": "valerian@acme.example",
                "person": {
                    "nickname": "Valerian Saliou",
                    "avatar": "https://avatars.acme.example/valerian.png",
                    "geolocation": {
                        "country": "FR",
                        "region": "Brittany",
                        "city": "Nantes",
                        "coordinates": { "latitude": 47.2184, "longitude": -1.5536 }
                    }
                }
            },
            "data": {
                "url": "https://acme.example/sale?utm_source=crisp",
                "clicks": 3,
                "mobile": false,
                "ratio": 0.75,
                "tags": ["sale", "spring"],
                "referrer": null
            },
            "created_at": 1_741_660_000_000_i64,
            "updated_at": 1_741_660_500_000_i64
        },
        {
            "type": "forwarded",
            "profile": { "people_id": "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b", "person": { "geolocation": null } },
            "data": null,
            "created_at": 1_741_670_000_000_i64
        }
    ])))
    .expect(1)
    .mount(&server)
    .await;

    let client = client(&server);
    let recipients = client
        .list_campaign_recipients(WEBSITE, CAMPAIGN, 1)
        .await
        .expect("the recipients decode");
    assert_eq!(recipients.len(), 3);
    assert_eq!(
        recipients[0].email.as_deref(),
        Some("valerian@acme.example")
    );
    let person = recipients[0].person.as_ref().expect("a person");
    assert_eq!(person.nickname.as_deref(), Some("Valerian Saliou"));
    assert_eq!(recipients[0].subscribed, Some(true));
    assert_eq!(recipients[1].subscribed, Some(false));
    let jane = recipients[1].person.as_ref().expect("a person");
    assert_eq!(jane.avatar, None, "null is no avatar");
    assert_eq!(recipients[2].person, None, "a missing person is None");
    assert_eq!(recipients[2].subscribed, None);

    let statistics = client
        .list_campaign_statistics(WEBSITE, CAMPAIGN, "clicked", 1)
        .await
        .expect("the statistics decode");
    assert_eq!(statistics.len(), 2);
    let click = &statistics[0];
    assert_eq!(click.type_.as_deref(), Some("clicked"));
    assert_eq!(click.created_at, Some(1_741_660_000_000));
    let profile = click.profile.as_ref().expect("a profile");
    assert_eq!(profile.people_id.as_deref(), Some(PERSON));
    let geolocation = profile
        .person
        .as_ref()
        .and_then(|person| person.geolocation.as_ref())
        .expect("a geolocation");
    assert_eq!(geolocation.city.as_deref(), Some("Nantes"));
    let coordinates = geolocation.coordinates.as_ref().expect("coordinates");
    assert_eq!(coordinates.latitude, Some(47.2184));
    assert_eq!(coordinates.longitude, Some(-1.5536));
    let data = click.data.as_ref().expect("data");
    assert_eq!(
        data["url"],
        json!("https://acme.example/sale?utm_source=crisp")
    );
    assert_eq!(data["clicks"], json!(3));
    assert_eq!(data["mobile"], json!(false));
    assert_eq!(data["ratio"], json!(0.75));
    assert_eq!(data["tags"], json!(["sale", "spring"]));
    assert_eq!(
        data["referrer"],
        json!(null),
        "a null value stays in the map"
    );
    let forwarded = &statistics[1];
    assert_eq!(
        forwarded.type_.as_deref(),
        Some("forwarded"),
        "an action the SDK does not list is kept as sent"
    );
    assert_eq!(forwarded.data, None, "null data is None");
    assert_eq!(forwarded.updated_at, None);
    let person = forwarded
        .profile
        .as_ref()
        .and_then(|profile| profile.person.as_ref())
        .expect("a person");
    assert_eq!(person.geolocation, None);
}

#[tokio::test]
async fn a_missing_campaign_or_template_is_false_to_check_and_an_error_to_read() {
    let server = MockServer::start().await;
    let campaign = at("/campaign/0f0f0f0f-0000-4000-8000-000000000000");
    let template = at("/campaigns/template/0f0f0f0f-0000-4000-8000-000000000000");
    let not_found = |reason: &str| {
        ResponseTemplate::new(404)
            .set_body_json(json!({ "error": true, "reason": reason, "data": {} }))
    };
    crisp("HEAD", &campaign)
        .respond_with(ResponseTemplate::new(404))
        .expect(1)
        .mount(&server)
        .await;
    crisp("HEAD", &template)
        .respond_with(ResponseTemplate::new(404))
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", &campaign)
        .respond_with(not_found("campaign_not_found"))
        .expect(1)
        .mount(&server)
        .await;
    crisp("POST", &format!("{campaign}/dispatch"))
        .respond_with(not_found("campaign_not_found"))
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", &template)
        .respond_with(not_found("template_not_found"))
        .expect(1)
        .mount(&server)
        .await;

    let client = client(&server);
    let id = "0f0f0f0f-0000-4000-8000-000000000000";
    assert!(!client
        .check_campaign_exists(WEBSITE, id)
        .await
        .expect("404 is an answer"));
    assert!(!client
        .check_campaign_template_exists(WEBSITE, id)
        .await
        .expect("404 is an answer"));
    let error = client
        .get_campaign(WEBSITE, id)
        .await
        .expect_err("a missing campaign is an error");
    assert_eq!(error.status(), Some(404));
    assert_eq!(error.reason(), Some("campaign_not_found"));
    let error = client
        .dispatch_campaign(WEBSITE, id)
        .await
        .expect_err("a missing campaign cannot be dispatched");
    assert_eq!(error.reason(), Some("campaign_not_found"));
    let error = client
        .get_campaign_template(WEBSITE, id)
        .await
        .expect_err("a missing template is an error");
    assert_eq!(error.reason(), Some("template_not_found"));
}
