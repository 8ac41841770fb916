//! Plugin Subscriptions: the plugins a website subscribes to (listed for the account and for one website,
//! subscribed, read, unsubscribed), their settings (read, replaced, merged), usage bills (listed, reported), the
//! provenance attestation, and payloads forwarded to the plugin's channel or dispatched as events.

use std::collections::BTreeMap;

use crisp_client::types::{
    PluginChannelForward, PluginEventDispatch, PluginUsage, SubscribeWebsiteToPluginRequest,
};
use serde_json::{json, Value};

use super::{Ctx, PLUGIN, WEBSITE};

/// A JSON object as the free-form maps the crate takes.
fn object(value: Value) -> BTreeMap<String, Value> {
    serde_json::from_value(value).expect("a JSON object")
}

pub async fn call(ctx: &Ctx<'_>) {
    let client = &ctx.client;
    ctx.accepted(
        "listAllActivePluginSubscriptions",
        client.list_all_active_plugin_subscriptions().await,
    );
    ctx.accepted(
        "listSubscriptionsForWebsite",
        client.list_subscriptions_for_website(WEBSITE).await,
    );
    let subscribe = SubscribeWebsiteToPluginRequest {
        plugin_id: PLUGIN.into(),
    };
    ctx.accepted(
        "subscribeWebsiteToPlugin",
        client
            .subscribe_website_to_plugin(WEBSITE, &subscribe)
            .await,
    );
    ctx.accepted(
        "getSubscriptionDetails",
        client.get_subscription_details(WEBSITE, PLUGIN).await,
    );
    ctx.accepted(
        "getSubscriptionSettings",
        client.get_subscription_settings(WEBSITE, PLUGIN).await,
    );
    let settings = object(json!({
        "channel": "#support",
        "notify_on_new_conversation": true,
        "workspace": { "team_id": "T024BE7LD", "name": "Acme Support" }
    }));
    ctx.accepted(
        "saveSubscriptionSettings",
        client
            .save_subscription_settings(WEBSITE, PLUGIN, &settings)
            .await,
    );
    let change = object(json!({ "notify_on_new_conversation": false }));
    ctx.accepted(
        "updateSubscriptionSettings",
        client
            .update_subscription_settings(WEBSITE, PLUGIN, &change)
            .await,
    );
    ctx.accepted(
        "getPluginUsageBills",
        client.get_plugin_usage_bills(WEBSITE, PLUGIN).await,
    );
    let usage = PluginUsage {
        name: Some("Translated messages".into()),
        units: Some(120),
        price: Some(0.05),
    };
    ctx.accepted(
        "reportPluginUsageToBill",
        client
            .report_plugin_usage_to_bill(WEBSITE, PLUGIN, &usage)
            .await,
    );
    ctx.accepted(
        "getPluginAttestProvenance",
        client.get_plugin_attest_provenance(WEBSITE, PLUGIN).await,
    );
    let forward = PluginChannelForward {
        namespace: Some("ticket".into()),
        identifier: Some("ticket-4821".into()),
        payload: Some(object(json!({ "status": "closed", "agent": "Marie" }))),
    };
    ctx.accepted(
        "forwardPluginPayloadToChannel",
        client
            .forward_plugin_payload_to_channel(WEBSITE, PLUGIN, &forward)
            .await,
    );
    let event = PluginEventDispatch {
        name: Some("order_shipped".into()),
        data: Some(object(json!({ "order_id": "A-10293", "carrier": "UPS" }))),
    };
    ctx.accepted(
        "dispatchPluginEvent",
        client.dispatch_plugin_event(WEBSITE, PLUGIN, &event).await,
    );
    ctx.accepted(
        "unsubscribePluginFromWebsite",
        client
            .unsubscribe_plugin_from_website(WEBSITE, PLUGIN)
            .await,
    );
}
