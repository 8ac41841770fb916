//! Availability: the website's status and each operator's availability.

use super::{Ctx, WEBSITE};

pub async fn call(ctx: &Ctx<'_>) {
    let client = &ctx.client;
    ctx.accepted(
        "getWebsiteAvailabilityStatus",
        client.get_website_availability_status(WEBSITE).await,
    );
    ctx.accepted(
        "listWebsiteOperatorAvailabilities",
        client.list_website_operator_availabilities(WEBSITE).await,
    );
}
