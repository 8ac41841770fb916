//! Campaigns: the campaign and template lists and tags, a template's and a campaign's whole life (create,
//! check, read, save, update, remove), dispatching, pausing, resuming and testing a campaign, and its
//! recipients and statistics, each accepted by Prism with its answer decoded.

use crisp_client::types::{
    Campaign, CampaignFilter, CampaignFlow, CampaignOptions, CampaignRecipients, CampaignSender,
    CampaignTemplate, CreateNewCampaignRequest, CreateNewCampaignTemplateRequest,
};
use serde_json::json;

use super::{Ctx, USER, WEBSITE};

const CAMPAIGN: &str = "b3f1a0c2-6d4e-4f8a-9c1b-2e7d5a3f8c90";
const TEMPLATE: &str = "e9d8c7b6-a5f4-4e3d-8c2b-1a0f9e8d7c6b";

pub async fn call(ctx: &Ctx<'_>) {
    let client = &ctx.client;
    ctx.accepted("listCampaigns", client.list_campaigns(WEBSITE, 1).await);
    ctx.accepted("listCampaignTags", client.list_campaign_tags(WEBSITE).await);
    ctx.accepted(
        "listCampaignTemplates",
        client.list_campaign_templates(WEBSITE, 1).await,
    );
    templates(ctx).await;
    campaigns(ctx).await;
    ctx.accepted(
        "listCampaignRecipients",
        client.list_campaign_recipients(WEBSITE, CAMPAIGN, 1).await,
    );
    ctx.accepted(
        "listCampaignStatistics",
        client
            .list_campaign_statistics(WEBSITE, CAMPAIGN, "clicked", 1)
            .await,
    );
}

async fn templates(ctx: &Ctx<'_>) {
    let client = &ctx.client;
    let new = CreateNewCampaignTemplateRequest {
        format: "markdown".into(),
        name: "Monthly newsletter".into(),
    };
    ctx.accepted(
        "createNewCampaignTemplate",
        client.create_new_campaign_template(WEBSITE, &new).await,
    );
    ctx.accepted(
        "checkCampaignTemplateExists",
        client
            .check_campaign_template_exists(WEBSITE, TEMPLATE)
            .await,
    );
    ctx.accepted(
        "getCampaignTemplate",
        client.get_campaign_template(WEBSITE, TEMPLATE).await,
    );
    let whole = CampaignTemplate {
        type_: Some("newsletter".into()),
        name: Some("Monthly newsletter".into()),
        format: Some("markdown".into()),
        content: Some(
            "# What's new in March\n\nHello {{ user.nickname }}, here is the news.".into(),
        ),
        ..CampaignTemplate::default()
    };
    ctx.accepted(
        "saveCampaignTemplate",
        client
            .save_campaign_template(WEBSITE, TEMPLATE, &whole)
            .await,
    );
    let rename = CampaignTemplate {
        name: Some("Newsletter (March)".into()),
        ..CampaignTemplate::default()
    };
    ctx.accepted(
        "updateCampaignTemplate",
        client
            .update_campaign_template(WEBSITE, TEMPLATE, &rename)
            .await,
    );
    ctx.accepted(
        "removeCampaignTemplate",
        client.remove_campaign_template(WEBSITE, TEMPLATE).await,
    );
}

async fn campaigns(ctx: &Ctx<'_>) {
    let client = &ctx.client;
    let new = CreateNewCampaignRequest {
        type_: "one-shot".into(),
        name: "Spring sale".into(),
    };
    ctx.accepted(
        "createNewCampaign",
        client.create_new_campaign(WEBSITE, &new).await,
    );
    ctx.accepted(
        "checkCampaignExists",
        client.check_campaign_exists(WEBSITE, CAMPAIGN).await,
    );
    ctx.accepted("getCampaign", client.get_campaign(WEBSITE, CAMPAIGN).await);
    ctx.accepted(
        "saveCampaign",
        client
            .save_campaign(WEBSITE, CAMPAIGN, &spring_sale())
            .await,
    );
    let retag = Campaign {
        subject: Some("Last days of our spring sale".into()),
        tag: Some("promotions".into()),
        ..Campaign::default()
    };
    ctx.accepted(
        "updateCampaign",
        client.update_campaign(WEBSITE, CAMPAIGN, &retag).await,
    );
    ctx.accepted(
        "testCampaign",
        client.test_campaign(WEBSITE, CAMPAIGN).await,
    );
    ctx.accepted(
        "dispatchCampaign",
        client.dispatch_campaign(WEBSITE, CAMPAIGN).await,
    );
    ctx.accepted(
        "pauseCampaign",
        client.pause_campaign(WEBSITE, CAMPAIGN).await,
    );
    ctx.accepted(
        "resumeCampaign",
        client.resume_campaign(WEBSITE, CAMPAIGN).await,
    );
    ctx.accepted(
        "removeCampaign",
        client.remove_campaign(WEBSITE, CAMPAIGN).await,
    );
}

/// A whole one-shot campaign, sent by email and in the chatbox to the people of one segment.
fn spring_sale() -> Campaign {
    Campaign {
        type_: Some("one-shot".into()),
        format: Some("markdown".into()),
        name: Some("Spring sale".into()),
        subject: Some("20% off everything until Sunday".into()),
        tag: Some("promotions".into()),
        sender: Some(CampaignSender {
            user_id: Some(USER.into()),
        }),
        recipients: Some(CampaignRecipients {
            type_: Some("filter".into()),
            filter: Some(vec![CampaignFilter {
                model: Some("people".into()),
                criterion: Some("segments".into()),
                operator: Some("eq".into()),
                query: Some(vec![json!("customer")]),
            }]),
            ..CampaignRecipients::default()
        }),
        flow: Some(CampaignFlow {
            deliver_once: Some(true),
            ..CampaignFlow::default()
        }),
        message: Some(
            "Hi {{ user.nickname }}, our spring sale ends on Sunday: **20% off**.".into(),
        ),
        options: Some(CampaignOptions {
            deliver_to_chatbox: Some(true),
            deliver_to_email: Some(true),
            sender_name_website: Some(false),
            sender_email_reply: Some(true),
            tracking: Some(true),
        }),
        ..Campaign::default()
    }
}
