//! Analytics: daily conversation counts over a month, split by segment, in office hours only.

use crisp_client::types::{
    AnalyticsQuery, AnalyticsQueryDate, AnalyticsQueryDays, AnalyticsQueryHours,
};
use serde_json::json;

use super::{Ctx, WEBSITE};

pub async fn call(ctx: &Ctx<'_>) {
    let office = || AnalyticsQueryHours {
        hour_from: "09:00".into(),
        hour_to: "18:00".into(),
    };
    let mut date = AnalyticsQueryDate::new(
        "2026-01-01T00:00:00.000Z".into(),
        "2026-01-31T23:59:59.999Z".into(),
        "daily".into(),
        "Europe/Paris".into(),
    );
    date.days = Some(AnalyticsQueryDays {
        monday: Some(office()),
        tuesday: Some(office()),
        wednesday: Some(office()),
        thursday: Some(office()),
        friday: Some(office()),
        ..AnalyticsQueryDays::default()
    });
    let mut query = AnalyticsQuery::new("conversation".into(), "total".into(), date);
    query.split_by = Some("segment".into());
    query.filter = json!({ "segment": ["vip"] });
    ctx.accepted(
        "generateAnalytics",
        ctx.client.generate_analytics(WEBSITE, &query).await,
    );
}
