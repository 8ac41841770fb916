//! Website Connect: the website's RTM endpoints.

use super::{Ctx, WEBSITE};

pub async fn call(ctx: &Ctx<'_>) {
    ctx.accepted(
        "getWebsiteConnectEndpoints",
        ctx.client.get_website_connect_endpoints(WEBSITE).await,
    );
}
