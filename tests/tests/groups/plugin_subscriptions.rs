//! Plugin Subscriptions on the wire: every method of the group sends the request Crisp expects (method, path,
//! credentials, JSON body) and decodes Crisp's answers, shaped after the Node SDK's `PluginSubscription`,
//! `PluginSubscriptionSettings` and go-crisp-api's usage bill and provenance: with nulls, missing optional
//! fields, free-form settings maps of mixed values and fields the client does not know.

use std::collections::BTreeMap;

use crisp_client::types::{
    Envelope, PluginChannelForward, PluginEventDispatch, PluginUsage,
    SubscribeWebsiteToPluginRequest,
};
use serde_json::{json, Value};
use wiremock::matchers::body_json;
use wiremock::{MockServer, ResponseTemplate};

use super::{client, crisp, done, envelope};

const WEBSITE: &str = "8c842203-7ed8-4e29-a608-7cf78a7d2fcc";
const PLUGIN: &str = "c64f3595-adee-425a-8d3a-89d47f7ed6bb";
const OTHER_WEBSITE: &str = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

fn object(value: Value) -> BTreeMap<String, Value> {
    serde_json::from_value(value).expect("a JSON object")
}

/// A subscription as Crisp sends it, every field set.
fn slack() -> Value {
    json!({
        "id": PLUGIN,
        "urn": "urn:crisp.im:slack:0",
        "type": "integration",
        "category": "team",
        "name": "Slack",
        "summary": "Reply to your customers from Slack.",
        "price": 0,
        "plans": [
            { "id": "2a1c4e3b-9f0d-4c5e-8b7a-6d5c4b3a2f1e", "name": "Free", "price": 0 },
            { "id": "7b6a5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d", "name": "Pro", "price": 9.99 }
        ],
        "icon": "https://storage.crisp.chat/plugins/slack/icon.png",
        "website_url": "https://slack.com/",
        "contact_url": "https://crisp.chat/en/contact/",
        "terms_url": "https://crisp.chat/en/terms/",
        "privacy_url": "https://crisp.chat/en/privacy/",
        "help_url": "https://help.crisp.chat/en/article/slack-integration/",
        "video_url": "https://www.youtube.com/watch?v=8a3L4JzR0xQ",
        "configurable": true,
        "since": "2024-03-08T17:01:49.366Z",
        "active": true,
        "bill_period": "monthly",
        "bill_valid_until": "2026-04-08T17:01:49.366Z",
        "website_id": WEBSITE,
        "card_id": "card_1PqR2sT3uV4wX5yZ"
    })
}

#[tokio::test]
async fn active_subscriptions_decode_with_nulls_and_missing_fields() {
    let server = MockServer::start().await;
    crisp("GET", "/plugins/subscription")
        .respond_with(envelope(json!([
            slack(),
            // A free plugin without plans, card or video: nulls and missing fields, plus a field the client
            // does not know.
            {
                "id": "f5b2a8d1-6c3e-4f7a-9b0d-2e1c3a4b5d6f",
                "urn": "urn:acme:translate:0",
                "type": "integration",
                "name": "Translate",
                "price": 0,
                "plans": null,
                "video_url": null,
                "card_id": null,
                "configurable": false,
                "active": true,
                "website_id": OTHER_WEBSITE,
                "rating": { "stars": 4.5, "count": 1203 }
            }
        ])))
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", &format!("/plugins/subscription/{WEBSITE}"))
        .respond_with(envelope(json!([slack()])))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);

    let all = client
        .list_all_active_plugin_subscriptions()
        .await
        .expect("listed");
    assert_eq!(all.len(), 2);
    let slack = &all[0];
    assert_eq!(slack.id.as_deref(), Some(PLUGIN));
    assert_eq!(slack.urn.as_deref(), Some("urn:crisp.im:slack:0"));
    assert_eq!(slack.type_.as_deref(), Some("integration"));
    assert_eq!(slack.price, Some(0.0));
    let plans = slack.plans.as_ref().expect("plans sent");
    assert_eq!(plans.len(), 2);
    assert_eq!(plans[1].name.as_deref(), Some("Pro"));
    assert_eq!(plans[1].price, Some(9.99));
    assert_eq!(slack.configurable, Some(true));
    assert_eq!(slack.bill_period.as_deref(), Some("monthly"));
    assert_eq!(
        slack.bill_valid_until.as_deref(),
        Some("2026-04-08T17:01:49.366Z")
    );
    assert_eq!(slack.card_id.as_deref(), Some("card_1PqR2sT3uV4wX5yZ"));
    let translate = &all[1];
    assert_eq!(translate.name.as_deref(), Some("Translate"));
    assert_eq!(translate.plans, None, "null plans");
    assert_eq!(translate.video_url, None, "null video");
    assert_eq!(translate.card_id, None, "null card");
    assert_eq!(translate.summary, None, "missing summary");
    assert_eq!(translate.since, None, "missing since");
    assert_eq!(translate.website_id.as_deref(), Some(OTHER_WEBSITE));

    let website = client
        .list_subscriptions_for_website(WEBSITE)
        .await
        .expect("listed");
    assert_eq!(website.len(), 1);
    assert_eq!(website[0], all[0]);
}

#[tokio::test]
async fn an_account_without_subscriptions_gets_an_empty_list_from_null_data() {
    let server = MockServer::start().await;
    crisp("GET", "/plugins/subscription")
        .respond_with(envelope(Value::Null))
        .expect(1)
        .mount(&server)
        .await;
    let all = client(&server)
        .list_all_active_plugin_subscriptions()
        .await
        .expect("listed");
    assert!(all.is_empty());
}

#[tokio::test]
async fn subscribing_reading_and_unsubscribing_a_plugin() {
    let server = MockServer::start().await;
    crisp("POST", &format!("/plugins/subscription/{WEBSITE}"))
        .and(body_json(json!({ "plugin_id": PLUGIN })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", &format!("/plugins/subscription/{WEBSITE}/{PLUGIN}"))
        .respond_with(envelope(slack()))
        .expect(1)
        .mount(&server)
        .await;
    crisp(
        "DELETE",
        &format!("/plugins/subscription/{WEBSITE}/{PLUGIN}"),
    )
    .respond_with(done())
    .expect(1)
    .mount(&server)
    .await;
    let client = client(&server);

    let subscribe = SubscribeWebsiteToPluginRequest {
        plugin_id: PLUGIN.into(),
    };
    client
        .subscribe_website_to_plugin(WEBSITE, &subscribe)
        .await
        .expect("subscribed");
    let details = client
        .get_subscription_details(WEBSITE, PLUGIN)
        .await
        .expect("found");
    assert_eq!(details.name.as_deref(), Some("Slack"));
    assert_eq!(details.active, Some(true));
    assert_eq!(details.website_id.as_deref(), Some(WEBSITE));
    assert_eq!(
        details.help_url.as_deref(),
        Some("https://help.crisp.chat/en/article/slack-integration/")
    );
    client
        .unsubscribe_plugin_from_website(WEBSITE, PLUGIN)
        .await
        .expect("unsubscribed");
}

#[tokio::test]
async fn a_subscription_that_does_not_exist_is_an_error_with_its_reason() {
    let server = MockServer::start().await;
    crisp("GET", &format!("/plugins/subscription/{WEBSITE}/{PLUGIN}"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({ "error": true, "reason": "subscription_not_found" })),
        )
        .expect(1)
        .mount(&server)
        .await;
    let err = client(&server)
        .get_subscription_details(WEBSITE, PLUGIN)
        .await
        .expect_err("404 is an error");
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.reason(), Some("subscription_not_found"));
    let body: Envelope = err.body_json().expect("the error envelope");
    assert!(body.error);
}

#[tokio::test]
async fn settings_are_read_with_mixed_maps_then_replaced_and_merged() {
    let server = MockServer::start().await;
    let settings = json!({
        "channel": "#support",
        "notify_on_new_conversation": true,
        "max_messages": 50,
        "threshold": 0.75,
        "muted_operators": ["a4b2c1d0-2f3e-4d5c-8b7a-6e5f4d3c2b1a"],
        "workspace": { "team_id": "T024BE7LD", "name": "Acme Support" },
        "signature": null
    });
    crisp(
        "GET",
        &format!("/plugins/subscription/{WEBSITE}/{PLUGIN}/settings"),
    )
    .respond_with(envelope(json!({
        "plugin_id": PLUGIN,
        "website_id": WEBSITE,
        "token": "9b6d1d6c58e4c3a8f9d2b7e1a0c4f5e3",
        "schema": {
            "type": "object",
            "properties": {
                "channel": { "type": "string" },
                "notify_on_new_conversation": { "type": "boolean" }
            },
            "required": ["channel"]
        },
        "settings": settings,
        "settings_form_url": "https://slack.plugins.crisp.chat/settings/",
        "callback_url": null
    })))
    .expect(1)
    .mount(&server)
    .await;
    let replaced = json!({
        "channel": "#customers",
        "notify_on_new_conversation": false,
        "workspace": { "team_id": "T024BE7LD", "name": "Acme Support" }
    });
    crisp(
        "PUT",
        &format!("/plugins/subscription/{WEBSITE}/{PLUGIN}/settings"),
    )
    .and(body_json(replaced.clone()))
    .respond_with(done())
    .expect(1)
    .mount(&server)
    .await;
    crisp(
        "PATCH",
        &format!("/plugins/subscription/{WEBSITE}/{PLUGIN}/settings"),
    )
    .and(body_json(json!({ "max_messages": 100, "signature": null })))
    .respond_with(done())
    .expect(1)
    .mount(&server)
    .await;
    let client = client(&server);

    let read = client
        .get_subscription_settings(WEBSITE, PLUGIN)
        .await
        .expect("read");
    assert_eq!(read.plugin_id.as_deref(), Some(PLUGIN));
    assert_eq!(
        read.token.as_deref(),
        Some("9b6d1d6c58e4c3a8f9d2b7e1a0c4f5e3")
    );
    let schema = read.schema.as_ref().expect("schema sent");
    assert_eq!(schema["required"], json!(["channel"]));
    let values = read.settings.as_ref().expect("settings sent");
    assert_eq!(values.get("channel"), Some(&json!("#support")));
    assert_eq!(values.get("notify_on_new_conversation"), Some(&json!(true)));
    assert_eq!(values.get("max_messages"), Some(&json!(50)));
    assert_eq!(values.get("threshold"), Some(&json!(0.75)));
    assert_eq!(values["workspace"]["team_id"], json!("T024BE7LD"));
    assert_eq!(
        values.get("signature"),
        Some(&Value::Null),
        "a null value is kept"
    );
    assert_eq!(
        read.settings_form_url.as_deref(),
        Some("https://slack.plugins.crisp.chat/settings/")
    );
    assert_eq!(read.callback_url, None, "null callback");

    client
        .save_subscription_settings(WEBSITE, PLUGIN, &object(replaced))
        .await
        .expect("saved");
    client
        .update_subscription_settings(
            WEBSITE,
            PLUGIN,
            &object(json!({ "max_messages": 100, "signature": null })),
        )
        .await
        .expect("updated");
}

#[tokio::test]
async fn usage_bills_are_listed_and_usage_is_reported() {
    let server = MockServer::start().await;
    crisp(
        "GET",
        &format!("/plugins/subscription/{WEBSITE}/{PLUGIN}/bill/usage"),
    )
    .respond_with(envelope(json!([
        { "name": "Translated messages", "units": 4_200_000_000_u64, "price": 12.6 },
        { "name": "SMS sent", "units": 3 }
    ])))
    .expect(1)
    .mount(&server)
    .await;
    crisp(
        "POST",
        &format!("/plugins/subscription/{WEBSITE}/{PLUGIN}/bill/usage"),
    )
    .and(body_json(
        json!({ "name": "Translated messages", "units": 120, "price": 0.05 }),
    ))
    .respond_with(done())
    .expect(1)
    .mount(&server)
    .await;
    let client = client(&server);

    let bills = client
        .get_plugin_usage_bills(WEBSITE, PLUGIN)
        .await
        .expect("listed");
    assert_eq!(
        bills,
        vec![
            PluginUsage {
                name: Some("Translated messages".into()),
                units: Some(4_200_000_000),
                price: Some(12.6),
            },
            PluginUsage {
                name: Some("SMS sent".into()),
                units: Some(3),
                price: None,
            },
        ]
    );
    let usage = PluginUsage {
        name: Some("Translated messages".into()),
        units: Some(120),
        price: Some(0.05),
    };
    client
        .report_plugin_usage_to_bill(WEBSITE, PLUGIN, &usage)
        .await
        .expect("reported");
}

#[tokio::test]
async fn the_provenance_attestation_decodes_with_its_signature() {
    let server = MockServer::start().await;
    crisp(
        "GET",
        &format!("/plugins/subscription/{WEBSITE}/{PLUGIN}/attest/provenance"),
    )
    .respond_with(envelope(json!({
        "payload": {
            "website": { "website_id": WEBSITE },
            "user": { "user_id": "a4b2c1d0-2f3e-4d5c-8b7a-6e5f4d3c2b1a", "role": "owner" },
            "plugin": { "plugin_id": PLUGIN }
        },
        "signed": "3f1c5e7a9b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a"
    })))
    .expect(1)
    .mount(&server)
    .await;
    let provenance = client(&server)
        .get_plugin_attest_provenance(WEBSITE, PLUGIN)
        .await
        .expect("attested");
    let payload = provenance.payload.expect("payload sent");
    assert_eq!(
        payload.website.and_then(|w| w.website_id).as_deref(),
        Some(WEBSITE)
    );
    let user = payload.user.expect("user sent");
    assert_eq!(
        user.user_id.as_deref(),
        Some("a4b2c1d0-2f3e-4d5c-8b7a-6e5f4d3c2b1a")
    );
    assert_eq!(user.role.as_deref(), Some("owner"));
    assert_eq!(
        payload.plugin.and_then(|p| p.plugin_id).as_deref(),
        Some(PLUGIN)
    );
    assert_eq!(
        provenance.signed.as_deref(),
        Some("3f1c5e7a9b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a")
    );
}

#[tokio::test]
async fn payloads_are_forwarded_to_the_channel_and_events_dispatched() {
    let server = MockServer::start().await;
    crisp(
        "POST",
        &format!("/plugins/subscription/{WEBSITE}/{PLUGIN}/channel"),
    )
    .and(body_json(json!({
        "namespace": "ticket",
        "identifier": "ticket-4821",
        "payload": { "status": "closed", "agent": "Marie", "messages": 12 }
    })))
    .respond_with(done())
    .expect(1)
    .mount(&server)
    .await;
    crisp(
        "POST",
        &format!("/plugins/subscription/{WEBSITE}/{PLUGIN}/event"),
    )
    .and(body_json(json!({
        "name": "order_shipped",
        "data": { "order_id": "A-10293", "carrier": "UPS", "parcels": 2 }
    })))
    .respond_with(done())
    .expect(1)
    .mount(&server)
    .await;
    crisp(
        "POST",
        &format!("/plugins/subscription/{WEBSITE}/{PLUGIN}/event"),
    )
    // Only what was set goes on the wire: no `data` key for an event without data.
    .and(body_json(json!({ "name": "cart_abandoned" })))
    .respond_with(done())
    .expect(1)
    .mount(&server)
    .await;
    let client = client(&server);

    let forward = PluginChannelForward {
        namespace: Some("ticket".into()),
        identifier: Some("ticket-4821".into()),
        payload: Some(object(
            json!({ "status": "closed", "agent": "Marie", "messages": 12 }),
        )),
    };
    client
        .forward_plugin_payload_to_channel(WEBSITE, PLUGIN, &forward)
        .await
        .expect("forwarded");
    let shipped = PluginEventDispatch {
        name: Some("order_shipped".into()),
        data: Some(object(
            json!({ "order_id": "A-10293", "carrier": "UPS", "parcels": 2 }),
        )),
    };
    client
        .dispatch_plugin_event(WEBSITE, PLUGIN, &shipped)
        .await
        .expect("dispatched");
    let abandoned = PluginEventDispatch {
        name: Some("cart_abandoned".into()),
        data: None,
    };
    client
        .dispatch_plugin_event(WEBSITE, PLUGIN, &abandoned)
        .await
        .expect("dispatched");
}
