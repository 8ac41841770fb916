//! Analytics on the wire: a query goes out whole (the `type` and `if` keywords under their wire names, office
//! hours per weekday, a filter map with mixed values) and the series of points decodes, with fractional values,
//! null and missing fields.

use crisp_client::types::{
    AnalyticsQuery, AnalyticsQueryDate, AnalyticsQueryDays, AnalyticsQueryHours, AnalyticsQueryIf,
    AnalyticsQueryThen,
};
use serde_json::json;
use wiremock::matchers::body_json;
use wiremock::MockServer;

use super::{client, crisp, envelope};

fn office() -> AnalyticsQueryHours {
    AnalyticsQueryHours {
        hour_from: "09:00".into(),
        hour_to: "18:00".into(),
    }
}

#[tokio::test]
async fn a_query_goes_out_whole_and_its_points_decode() {
    let server = MockServer::start().await;
    crisp("POST", "/website/w1/analytics/generate")
        .and(body_json(json!({
            "metric": "conversation",
            "type": "response_time",
            "aggregator": "average",
            "split_by": "segment",
            "filter": { "segment": ["vip", "trial"], "inbox_id": null, "min_messages": 2, "unread": false },
            "date": {
                "from": "2026-01-01T00:00:00.000Z",
                "to": "2026-01-31T23:59:59.999Z",
                "split": "daily",
                "timezone": "Europe/Paris",
                "days": {
                    "monday": { "hour_from": "09:00", "hour_to": "18:00" },
                    "friday": { "hour_from": "09:00", "hour_to": "18:00" }
                }
            },
            "if": { "metric": "conversation_state", "split_by": "state" },
            "then": { "type": "total", "filter": { "state": "resolved" } },
            "raw_export": false
        })))
        .respond_with(envelope(json!([
            {
                "period": "2026-01-01T00:00:00.000Z",
                "value": 182.5,
                "split_by": "vip",
                "hits": 14,
                "unique_hits": 11,
                "sum_value": 2555.0,
                "sum_hits": 14
            },
            { "period": "2026-01-02T00:00:00.000Z", "value": 0, "split_by": null, "hits": 0 }
        ])))
        .expect(1)
        .mount(&server)
        .await;

    let mut date = AnalyticsQueryDate::new(
        "2026-01-01T00:00:00.000Z".into(),
        "2026-01-31T23:59:59.999Z".into(),
        "daily".into(),
        "Europe/Paris".into(),
    );
    date.days = Some(AnalyticsQueryDays {
        monday: Some(office()),
        friday: Some(office()),
        ..AnalyticsQueryDays::default()
    });
    let mut query = AnalyticsQuery::new("conversation".into(), "response_time".into(), date);
    query.aggregator = Some("average".into());
    query.split_by = Some("segment".into());
    query.filter = json!({ "segment": ["vip", "trial"], "inbox_id": null, "min_messages": 2, "unread": false });
    query.if_ = Some(AnalyticsQueryIf {
        metric: "conversation_state".into(),
        split_by: "state".into(),
    });
    query.then = Some(AnalyticsQueryThen {
        type_: Some("total".into()),
        filter: json!({ "state": "resolved" }),
    });
    query.raw_export = Some(false);

    let points = client(&server)
        .generate_analytics("w1", &query)
        .await
        .expect("the points decode");

    assert_eq!(points.len(), 2);
    assert_eq!(
        points[0].period.as_deref(),
        Some("2026-01-01T00:00:00.000Z")
    );
    assert_eq!(
        points[0].value,
        Some(182.5),
        "an average keeps its fraction"
    );
    assert_eq!(points[0].split_by.as_deref(), Some("vip"));
    assert_eq!(points[0].unique_hits, Some(11));
    assert_eq!(points[0].sum_value, Some(2555.0));
    assert_eq!(points[1].value, Some(0.0), "an integer is a number");
    assert_eq!(points[1].split_by, None, "null is None");
    assert_eq!(points[1].sum_hits, None, "missing is None");
}

#[tokio::test]
async fn a_minimal_query_sends_only_what_is_required() {
    let server = MockServer::start().await;
    crisp("POST", "/website/w1/analytics/generate")
        .and(body_json(json!({
            "metric": "visitor_visit",
            "type": "unique",
            "date": {
                "from": "2026-01-01T00:00:00.000Z",
                "to": "2026-01-08T00:00:00.000Z",
                "split": "all",
                "timezone": "UTC"
            }
        })))
        .respond_with(envelope(json!([{ "value": 3180 }])))
        .expect(1)
        .mount(&server)
        .await;

    let query = AnalyticsQuery::new(
        "visitor_visit".into(),
        "unique".into(),
        AnalyticsQueryDate::new(
            "2026-01-01T00:00:00.000Z".into(),
            "2026-01-08T00:00:00.000Z".into(),
            "all".into(),
            "UTC".into(),
        ),
    );
    let points = client(&server)
        .generate_analytics("w1", &query)
        .await
        .expect("the point decodes");
    assert_eq!(points.len(), 1);
    assert_eq!(points[0].value, Some(3180.0));
    assert_eq!(points[0].period, None);
}
