//! Plan Subscriptions: the account's active plan subscriptions, one website's (read, subscribed, unsubscribed),
//! its bill period, and coupons (checked, redeemed).

use crisp_client::types::{
    ChangeBillPeriodForWebsitePlanSubscriptionRequest, PlanSubscriptionBillPeriod,
    RedeemCouponForWebsitePlanSubscriptionRequest, SubscribeWebsiteToPlanRequest,
};

use super::{Ctx, WEBSITE};

/// A plan identifier shaped like Crisp's.
const PLAN: &str = "8678bb3b-4d68-4e2b-a8ea-ae3fb3e2c5f4";

pub async fn call(ctx: &Ctx<'_>) {
    let client = &ctx.client;
    ctx.accepted(
        "listAllActivePlanSubscriptions",
        client.list_all_active_plan_subscriptions().await,
    );
    ctx.accepted(
        "getPlanSubscriptionForWebsite",
        client.get_plan_subscription_for_website(WEBSITE).await,
    );
    let subscribe = SubscribeWebsiteToPlanRequest {
        plan_id: PLAN.into(),
    };
    ctx.accepted(
        "subscribeWebsiteToPlan",
        client.subscribe_website_to_plan(WEBSITE, &subscribe).await,
    );
    let period = ChangeBillPeriodForWebsitePlanSubscriptionRequest {
        period: PlanSubscriptionBillPeriod::Yearly,
    };
    ctx.accepted(
        "changeBillPeriodForWebsitePlanSubscription",
        client
            .change_bill_period_for_website_plan_subscription(WEBSITE, &period)
            .await,
    );
    ctx.accepted(
        "checkCouponAvailabilityForWebsitePlanSubscription",
        client
            .check_coupon_availability_for_website_plan_subscription(WEBSITE, "SPRING-2026")
            .await,
    );
    let redeem = RedeemCouponForWebsitePlanSubscriptionRequest {
        code: "SPRING-2026".into(),
    };
    ctx.accepted(
        "redeemCouponForWebsitePlanSubscription",
        client
            .redeem_coupon_for_website_plan_subscription(WEBSITE, &redeem)
            .await,
    );
    ctx.accepted(
        "unsubscribePlanFromWebsite",
        client.unsubscribe_plan_from_website(WEBSITE).await,
    );
}
