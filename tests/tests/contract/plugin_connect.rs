//! Plugin Connect: what the plugin token in use is connected to: its account, whether its session is valid, the
//! websites subscribed to the plugin (a page of all of them, and those changed since a date) and its RTM
//! endpoints.

use crisp_client::types::Flag;

use super::Ctx;

pub async fn call(ctx: &Ctx<'_>) {
    let client = &ctx.client;
    ctx.accepted("getConnectAccount", client.get_connect_account().await);
    ctx.accepted(
        "checkConnectSessionValidity",
        client.check_connect_session_validity().await,
    );
    ctx.accepted(
        "listAllConnectWebsites",
        client
            .list_all_connect_websites(1, Flag::Yes, Flag::Yes)
            .await,
    );
    ctx.accepted(
        "listConnectWebsitesSince",
        client
            .list_connect_websites_since("2026-01-01T00:00:00Z", Flag::No, Flag::Yes)
            .await,
    );
    ctx.accepted(
        "getPluginConnectEndpoints",
        client.get_plugin_connect_endpoints().await,
    );
}
