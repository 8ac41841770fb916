//! Plan Subscriptions on the wire: the account's active plan subscriptions, one website's subscription (read,
//! subscribed, its bill period changed, unsubscribed) and coupons (checked with `code` in the query, redeemed
//! with it in the body); answers shaped after the Node SDK's `PlanSubscription` and `PlanSubscriptionCoupon`,
//! with nulls, missing fields and a bill period the client does not know.

use crisp_client::types::{
    ChangeBillPeriodForWebsitePlanSubscriptionRequest, PlanSubscriptionBillPeriod,
    RedeemCouponForWebsitePlanSubscriptionRequest, SubscribeWebsiteToPlanRequest,
};
use serde_json::{json, Value};
use wiremock::matchers::{body_json, query_param};
use wiremock::{MockServer, ResponseTemplate};

use super::{client, crisp, done, envelope};

const WEBSITE: &str = "8c842203-7ed8-4e29-a608-7cf78a7d2fcc";
const OTHER_WEBSITE: &str = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
const PLAN: &str = "8678bb3b-4d68-4e2b-a8ea-ae3fb3e2c5f4";
const USER: &str = "a4b2c1d0-2f3e-4d5c-8b7a-6e5f4d3c2b1a";

/// A website's plan subscription as Crisp sends it, every field set.
fn unlimited() -> Value {
    json!({
        "id": PLAN,
        "name": "Unlimited",
        "price": 95,
        "trial_days": 14,
        "since": "2024-09-12T08:30:00.000Z",
        "trialing": false,
        "trial_end": "2024-09-26T08:30:00.000Z",
        "trial_end_date": "2024-09-26",
        "bill_period": "monthly",
        "bill_valid_until": "2026-04-12T08:30:00.000Z",
        "active": true,
        "sandbox": false,
        "website": {
            "id": WEBSITE,
            "name": "Acme",
            "domain": "acme.example",
            "logo": "https://storage.crisp.chat/users/avatar/website/acme.png"
        },
        "coupon_redeemed": true,
        "card_id": "card_1PqR2sT3uV4wX5yZ",
        "owner": {
            "user_id": USER,
            "email": "marie.dupont@acme.example",
            "first_name": "Marie",
            "last_name": "Dupont"
        }
    })
}

#[tokio::test]
async fn active_plan_subscriptions_decode_with_nulls_missing_fields_and_an_unknown_bill_period() {
    let server = MockServer::start().await;
    crisp("GET", "/plans/subscription")
        .respond_with(envelope(json!([
            unlimited(),
            // In its trial, with a bill period this client does not know, no card nor owner yet.
            {
                "id": "3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9",
                "name": "Essentials",
                "price": 45.5,
                "trialing": true,
                "trial_end": "2026-04-01T00:00:00.000Z",
                "bill_period": "quarterly",
                "active": true,
                "website": { "id": OTHER_WEBSITE, "name": "Acme Labs", "domain": "labs.acme.example", "logo": null },
                "card_id": null,
                "owner": null,
                "seats": 4
            }
        ])))
        .expect(1)
        .mount(&server)
        .await;
    let plans = client(&server)
        .list_all_active_plan_subscriptions()
        .await
        .expect("listed");
    assert_eq!(plans.len(), 2);
    let unlimited = &plans[0];
    assert_eq!(unlimited.id.as_deref(), Some(PLAN));
    assert_eq!(unlimited.price, Some(95.0));
    assert_eq!(unlimited.trial_days, Some(14));
    assert_eq!(
        unlimited.bill_period,
        Some(PlanSubscriptionBillPeriod::Monthly)
    );
    assert_eq!(unlimited.coupon_redeemed, Some(true));
    assert_eq!(unlimited.sandbox, Some(false));
    let website = unlimited.website.as_ref().expect("website sent");
    assert_eq!(website.domain.as_deref(), Some("acme.example"));
    let owner = unlimited.owner.as_ref().expect("owner sent");
    assert_eq!(owner.email.as_deref(), Some("marie.dupont@acme.example"));
    assert_eq!(owner.first_name.as_deref(), Some("Marie"));

    let essentials = &plans[1];
    assert_eq!(essentials.price, Some(45.5));
    assert_eq!(essentials.trialing, Some(true));
    assert_eq!(
        essentials.bill_period,
        Some(PlanSubscriptionBillPeriod::Other("quarterly".into())),
        "an unknown bill period is kept as sent"
    );
    assert_eq!(
        essentials
            .bill_period
            .as_ref()
            .map(|period| period.as_str()),
        Some("quarterly")
    );
    assert_eq!(
        essentials
            .website
            .as_ref()
            .and_then(|website| website.logo.as_deref()),
        None,
        "null logo"
    );
    assert_eq!(essentials.card_id, None, "null card");
    assert_eq!(essentials.owner, None, "null owner");
    assert_eq!(essentials.since, None, "missing since");
    assert_eq!(essentials.trial_days, None, "missing trial days");
}

#[tokio::test]
async fn a_website_is_subscribed_read_moved_to_yearly_billing_and_unsubscribed() {
    let server = MockServer::start().await;
    let path = format!("/plans/subscription/{WEBSITE}");
    crisp("POST", &path)
        .and(body_json(json!({ "plan_id": PLAN })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", &path)
        .respond_with(envelope(unlimited()))
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", &format!("{path}/bill/period"))
        .and(body_json(json!({ "period": "yearly" })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("DELETE", &path)
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);

    let subscribe = SubscribeWebsiteToPlanRequest {
        plan_id: PLAN.into(),
    };
    client
        .subscribe_website_to_plan(WEBSITE, &subscribe)
        .await
        .expect("subscribed");
    let subscription = client
        .get_plan_subscription_for_website(WEBSITE)
        .await
        .expect("found");
    assert_eq!(subscription.name.as_deref(), Some("Unlimited"));
    assert_eq!(subscription.active, Some(true));
    assert_eq!(
        subscription
            .website
            .and_then(|website| website.id)
            .as_deref(),
        Some(WEBSITE)
    );
    let yearly = ChangeBillPeriodForWebsitePlanSubscriptionRequest {
        period: PlanSubscriptionBillPeriod::Yearly,
    };
    client
        .change_bill_period_for_website_plan_subscription(WEBSITE, &yearly)
        .await
        .expect("changed");
    client
        .unsubscribe_plan_from_website(WEBSITE)
        .await
        .expect("unsubscribed");
}

#[tokio::test]
async fn a_coupon_is_checked_with_its_code_in_the_query_then_redeemed() {
    let server = MockServer::start().await;
    let path = format!("/plans/subscription/{WEBSITE}/coupon");
    crisp("GET", &path)
        .and(query_param("code", "SPRING 2026+10%"))
        .respond_with(envelope(json!({
            "code": "SPRING 2026+10%",
            "policy": { "rebate_percent": 10.5, "trial_days": 30 },
            "redeem_limit": 500,
            "expire_at": "2026-06-30T23:59:59.000Z"
        })))
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", &path)
        .and(body_json(json!({ "code": "SPRING 2026+10%" })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);

    // The code has a space, a plus and a percent sign: they arrive as written, once decoded.
    let coupon = client
        .check_coupon_availability_for_website_plan_subscription(WEBSITE, "SPRING 2026+10%")
        .await
        .expect("found");
    assert_eq!(coupon.code.as_deref(), Some("SPRING 2026+10%"));
    let policy = coupon.policy.expect("policy sent");
    assert_eq!(policy.rebate_percent, Some(10.5));
    assert_eq!(policy.trial_days, Some(30));
    assert_eq!(coupon.redeem_limit, Some(500));
    assert_eq!(
        coupon.expire_at.as_deref(),
        Some("2026-06-30T23:59:59.000Z")
    );

    let redeem = RedeemCouponForWebsitePlanSubscriptionRequest {
        code: "SPRING 2026+10%".into(),
    };
    client
        .redeem_coupon_for_website_plan_subscription(WEBSITE, &redeem)
        .await
        .expect("redeemed");
}

#[tokio::test]
async fn a_coupon_without_policy_nor_limit_decodes_and_an_unknown_one_is_an_error() {
    let server = MockServer::start().await;
    let path = format!("/plans/subscription/{WEBSITE}/coupon");
    crisp("GET", &path)
        .and(query_param("code", "WELCOME"))
        .respond_with(envelope(
            json!({ "code": "WELCOME", "policy": null, "expire_at": null }),
        ))
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", &path)
        .and(query_param("code", "EXPIRED2019"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({ "error": true, "reason": "coupon_not_found" })),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let welcome = client
        .check_coupon_availability_for_website_plan_subscription(WEBSITE, "WELCOME")
        .await
        .expect("found");
    assert_eq!(welcome.code.as_deref(), Some("WELCOME"));
    assert_eq!(welcome.policy, None);
    assert_eq!(welcome.redeem_limit, None);
    assert_eq!(welcome.expire_at, None);
    let err = client
        .check_coupon_availability_for_website_plan_subscription(WEBSITE, "EXPIRED2019")
        .await
        .expect_err("404 is an error");
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.reason(), Some("coupon_not_found"));
}
