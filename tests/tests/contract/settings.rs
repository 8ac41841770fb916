//! Settings: the website's settings, read and partly updated (name, contact, emails and chatbox rules).

use crisp_client::types::{
    WebsiteSettingsChatbox, WebsiteSettingsContact, WebsiteSettingsEmails, WebsiteSettingsUpdate,
};

use super::{Ctx, WEBSITE};

pub async fn call(ctx: &Ctx<'_>) {
    let client = &ctx.client;
    ctx.accepted(
        "getWebsiteSettings",
        client.get_website_settings(WEBSITE).await,
    );
    let update = WebsiteSettingsUpdate {
        name: Some("Acme Support".into()),
        domain_alternates: Some(vec!["help.acme.example".into()]),
        contact: Some(WebsiteSettingsContact {
            email: Some("support@acme.example".into()),
            phone: Some("+33 1 23 45 67 89".into()),
            ..WebsiteSettingsContact::default()
        }),
        emails: Some(WebsiteSettingsEmails {
            transcript: Some(true),
            junk_filter: Some(true),
            ..WebsiteSettingsEmails::default()
        }),
        chatbox: Some(WebsiteSettingsChatbox {
            color_theme: Some("blue".into()),
            locale: Some("fr".into()),
            hide_on_mobile: Some(false),
            blocked_pages: Some(vec!["https://acme.example/checkout/*".into()]),
            blocked_ips: Some(vec!["203.0.113.0/24".into()]),
            ..WebsiteSettingsChatbox::default()
        }),
        ..WebsiteSettingsUpdate::default()
    };
    ctx.accepted(
        "updateWebsiteSettings",
        client.update_website_settings(WEBSITE, &update).await,
    );
}
