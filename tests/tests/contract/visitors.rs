//! Visitors: counts, the first page of visitors, the map (whole and around a center), a session token, and
//! the blocked visitors (all, one rule, clearing a rule).

use crisp_client::types::PinpointVisitorsOnMapOptions;

use super::{Ctx, WEBSITE};

pub async fn call(ctx: &Ctx<'_>) {
    let client = &ctx.client;
    ctx.accepted("countVisitors", client.count_visitors(WEBSITE).await);
    ctx.accepted("listVisitors", client.list_visitors(WEBSITE, 1).await);
    let around_paris = PinpointVisitorsOnMapOptions {
        center_longitude: Some(2.3522),
        center_latitude: Some(48.8566),
        center_radius: Some(50_000),
    };
    for options in [PinpointVisitorsOnMapOptions::default(), around_paris] {
        ctx.accepted(
            "pinpointVisitorsOnMap",
            client.pinpoint_visitors_on_map(WEBSITE, &options).await,
        );
    }
    ctx.accepted(
        "getSessionIdentifierFromToken",
        client
            .get_session_identifier_from_token(WEBSITE, "d3c17241-1327-47d7-9d8e-b89ff7bd2904")
            .await,
    );
    ctx.accepted(
        "countBlockedVisitors",
        client.count_blocked_visitors(WEBSITE).await,
    );
    ctx.accepted(
        "countBlockedVisitorsInRule",
        client
            .count_blocked_visitors_in_rule(WEBSITE, "email")
            .await,
    );
    ctx.accepted(
        "clearBlockedVisitorsInRule",
        client.clear_blocked_visitors_in_rule(WEBSITE, "ip").await,
    );
}
