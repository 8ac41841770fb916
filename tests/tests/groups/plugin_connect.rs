//! Plugin Connect on the wire: the plugin's account, the session check (200 is `true`, 404 `false`), the websites
//! subscribed to the plugin (one page, every page as a stream, and those changed since a date, with their query
//! flags sent as 1 or 0) and the RTM endpoints; answers shaped after the Node SDK's `PluginConnectWebsite` and
//! `PluginConnectEndpoints`, with nulls, missing fields and settings maps of mixed values.

use crisp_client::types::Flag;
use futures::TryStreamExt;
use serde_json::{json, Value};
use wiremock::matchers::query_param;
use wiremock::{MockServer, ResponseTemplate};

use super::{client, crisp, envelope};

const PLUGIN: &str = "c64f3595-adee-425a-8d3a-89d47f7ed6bb";
const WEBSITE: &str = "8c842203-7ed8-4e29-a608-7cf78a7d2fcc";
const OTHER_WEBSITE: &str = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

/// A subscribed website as Crisp lists it with `include_plan=1`.
fn configured_website() -> Value {
    json!({
        "website_id": WEBSITE,
        "price": 9.99,
        "token": "9b6d1d6c58e4c3a8f9d2b7e1a0c4f5e3",
        "settings": {
            "channel": "#support",
            "notify": true,
            "max_messages": 50,
            "tags": ["vip", "billing"],
            "workspace": { "team_id": "T024BE7LD" },
            "signature": null
        },
        "plan": { "id": "7b6a5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d", "name": "Pro", "trialing": false }
    })
}

#[tokio::test]
async fn the_connect_account_names_the_plugin() {
    let server = MockServer::start().await;
    crisp("GET", "/plugin/connect/account")
        .respond_with(envelope(json!({ "plugin_id": PLUGIN })))
        .expect(1)
        .mount(&server)
        .await;
    let account = client(&server).get_connect_account().await.expect("found");
    assert_eq!(account.plugin_id.as_deref(), Some(PLUGIN));
}

#[tokio::test]
async fn the_session_check_is_true_on_200_false_on_404_and_an_error_otherwise() {
    let server = MockServer::start().await;
    crisp("HEAD", "/plugin/connect/session")
        .respond_with(ResponseTemplate::new(200))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    crisp("HEAD", "/plugin/connect/session")
        .respond_with(ResponseTemplate::new(404))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    crisp("HEAD", "/plugin/connect/session")
        .respond_with(ResponseTemplate::new(401))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    assert!(client
        .check_connect_session_validity()
        .await
        .expect("200 is an answer"));
    assert!(!client
        .check_connect_session_validity()
        .await
        .expect("404 is an answer, not an error"));
    let err = client
        .check_connect_session_validity()
        .await
        .expect_err("401 is an error");
    assert_eq!(err.status(), Some(401));
}

#[tokio::test]
async fn a_page_of_websites_sends_its_flags_and_decodes_settings_plans_and_nulls() {
    let server = MockServer::start().await;
    crisp("GET", "/plugin/connect/websites/all/1")
        .and(query_param("filter_configured", "1"))
        .and(query_param("include_plan", "1"))
        .respond_with(envelope(json!([
            configured_website(),
            // Not configured yet, on no paid plan: null settings and plan, no price nor token, and a field
            // the client does not know.
            {
                "website_id": OTHER_WEBSITE,
                "settings": null,
                "plan": null,
                "installed_by": "a4b2c1d0-2f3e-4d5c-8b7a-6e5f4d3c2b1a"
            }
        ])))
        .expect(1)
        .mount(&server)
        .await;
    let websites = client(&server)
        .list_all_connect_websites(1, Flag::Yes, Flag::Yes)
        .await
        .expect("listed");
    assert_eq!(websites.len(), 2);
    let configured = &websites[0];
    assert_eq!(configured.website_id.as_deref(), Some(WEBSITE));
    assert_eq!(configured.price, Some(9.99));
    assert_eq!(
        configured.token.as_deref(),
        Some("9b6d1d6c58e4c3a8f9d2b7e1a0c4f5e3")
    );
    let settings = configured.settings.as_ref().expect("settings sent");
    assert_eq!(settings.get("channel"), Some(&json!("#support")));
    assert_eq!(settings.get("notify"), Some(&json!(true)));
    assert_eq!(settings.get("max_messages"), Some(&json!(50)));
    assert_eq!(settings.get("tags"), Some(&json!(["vip", "billing"])));
    assert_eq!(settings["workspace"]["team_id"], json!("T024BE7LD"));
    assert_eq!(settings.get("signature"), Some(&Value::Null));
    let plan = configured.plan.as_ref().expect("plan sent");
    assert_eq!(plan.name.as_deref(), Some("Pro"));
    assert_eq!(plan.trialing, Some(false));
    assert_eq!(
        configured.difference, None,
        "only listConnectWebsitesSince sends it"
    );
    let bare = &websites[1];
    assert_eq!(bare.website_id.as_deref(), Some(OTHER_WEBSITE));
    assert_eq!(bare.settings, None);
    assert_eq!(bare.plan, None);
    assert_eq!(bare.price, None);
    assert_eq!(bare.token, None);
}

#[tokio::test]
async fn every_website_is_streamed_page_after_page_until_an_empty_page() {
    let server = MockServer::start().await;
    let pages = [
        json!([configured_website(), { "website_id": OTHER_WEBSITE }]),
        json!([{ "website_id": "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a" }]),
        json!([]),
    ];
    for (index, page) in pages.into_iter().enumerate() {
        crisp(
            "GET",
            &format!("/plugin/connect/websites/all/{}", index + 1),
        )
        .and(query_param("filter_configured", "0"))
        .and(query_param("include_plan", "0"))
        .respond_with(envelope(page))
        .expect(1)
        .mount(&server)
        .await;
    }
    let client = client(&server);
    let websites: Vec<_> = client
        .list_all_connect_websites_stream(Flag::No, Flag::No)
        .try_collect()
        .await
        .expect("every page listed");
    let ids: Vec<_> = websites
        .iter()
        .map(|website| website.website_id.as_deref().expect("sent"))
        .collect();
    assert_eq!(
        ids,
        [
            WEBSITE,
            OTHER_WEBSITE,
            "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a"
        ]
    );
}

#[tokio::test]
async fn websites_changed_since_a_date_send_the_date_and_say_what_changed() {
    let server = MockServer::start().await;
    crisp("GET", "/plugin/connect/websites/since")
        .and(query_param("date_since", "2026-03-01T00:00:00Z"))
        .and(query_param("filter_configured", "0"))
        .and(query_param("include_plan", "1"))
        .respond_with(envelope(json!([
            {
                "website_id": WEBSITE,
                "settings": { "channel": "#support" },
                "plan": { "id": "7b6a5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d", "name": "Pro", "trialing": true },
                "difference": "updated"
            },
            { "website_id": OTHER_WEBSITE, "settings": null, "difference": "removed" }
        ])))
        .expect(1)
        .mount(&server)
        .await;
    let changed = client(&server)
        .list_connect_websites_since("2026-03-01T00:00:00Z", Flag::No, Flag::Yes)
        .await
        .expect("listed");
    assert_eq!(changed.len(), 2);
    assert_eq!(changed[0].difference.as_deref(), Some("updated"));
    assert_eq!(
        changed[0].plan.as_ref().and_then(|plan| plan.trialing),
        Some(true)
    );
    assert_eq!(changed[1].website_id.as_deref(), Some(OTHER_WEBSITE));
    assert_eq!(changed[1].difference.as_deref(), Some("removed"));
    assert_eq!(changed[1].settings, None);
}

#[tokio::test]
async fn the_rtm_endpoints_decode_with_and_without_a_rescue() {
    let server = MockServer::start().await;
    crisp("GET", "/plugin/connect/endpoints")
        .respond_with(envelope(json!({
            "socket": { "app": "wss://plugin.relay.crisp.chat/" },
            "rescue": { "socket": { "app": "wss://plugin.relay.rescue.crisp.chat/" } }
        })))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", "/plugin/connect/endpoints")
        .respond_with(envelope(
            json!({ "socket": { "app": "wss://plugin.relay.crisp.chat/" }, "rescue": null }),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let endpoints = client.get_plugin_connect_endpoints().await.expect("found");
    assert_eq!(
        endpoints.socket.and_then(|socket| socket.app).as_deref(),
        Some("wss://plugin.relay.crisp.chat/")
    );
    assert_eq!(
        endpoints
            .rescue
            .and_then(|rescue| rescue.socket)
            .and_then(|socket| socket.app)
            .as_deref(),
        Some("wss://plugin.relay.rescue.crisp.chat/")
    );
    let without_rescue = client.get_plugin_connect_endpoints().await.expect("found");
    assert!(without_rescue.socket.is_some());
    assert_eq!(without_rescue.rescue, None);
}
