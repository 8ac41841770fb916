//! Settings on the wire: the website's settings decode with every part (audit, contact, inbox, emails,
//! chatbox and its page, country, locale and IP rules), nulls, missing parts and fields the client does not
//! know; an update sends only the parts it carries, `false` included.

use crisp_client::types::{
    WebsiteSettingsAudit, WebsiteSettingsChatbox, WebsiteSettingsContact, WebsiteSettingsEmails,
    WebsiteSettingsInbox, WebsiteSettingsUpdate,
};
use serde_json::json;
use wiremock::matchers::body_json;
use wiremock::MockServer;

use super::{client, crisp, done, envelope};

#[tokio::test]
async fn the_settings_decode_every_part_with_nulls_and_unknown_fields() {
    let server = MockServer::start().await;
    crisp("GET", "/website/w1/settings")
        .respond_with(envelope(json!({
            "website_id": "8c842203-7ed8-4e29-a608-7cf78a7d2fcc",
            "name": "Acme",
            "domain": "acme.example",
            "domain_alternates": ["help.acme.example", "acme.dev"],
            "logo": null,
            "audit": { "log": true },
            "contact": {
                "email": "support@acme.example",
                "phone": "+33 1 23 45 67 89",
                "messenger": null,
                "twitter": "acme"
            },
            "inbox": { "lock_removal": false, "force_operator_token": true, "locale": "fr" },
            "emails": { "rating": true, "transcript": true, "enrich": true, "junk_filter": true },
            "chatbox": {
                "tile": "default",
                "wait_game": false,
                "website_logo": true,
                "last_operator_face": false,
                "ongoing_operator_face": true,
                "activity_metrics": true,
                "availability_tooltip": true,
                "hide_on_mobile": false,
                "email_visitors": true,
                "force_identify": false,
                "file_transfer": true,
                "overlay_search": true,
                "helpdesk_link": true,
                "helpdesk_only": false,
                "status_health_dead": true,
                "check_domain": false,
                "color_theme": "blue",
                "text_theme": "default",
                "welcome_message": "default",
                "locale": "en",
                "allowed_pages": [],
                "blocked_pages": ["status/*/", "docs.acme.example/*"],
                "blocked_countries": ["IT"],
                "blocked_locales": ["fa", "he"],
                "blocked_ips": ["8.8.8.8", "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "192.168.1.1/24"],
                "new_setting_nobody_knows": { "enabled": true, "level": 3 }
            }
        })))
        .expect(1)
        .mount(&server)
        .await;

    let settings = client(&server)
        .get_website_settings("w1")
        .await
        .expect("the settings decode");

    assert_eq!(
        settings.website_id.as_deref(),
        Some("8c842203-7ed8-4e29-a608-7cf78a7d2fcc"),
        "the wire name is website_id"
    );
    assert_eq!(settings.name.as_deref(), Some("Acme"));
    assert_eq!(settings.logo, None, "null is None");
    assert_eq!(
        settings.domain_alternates.as_deref(),
        Some(&["help.acme.example".to_string(), "acme.dev".to_string()][..])
    );
    assert_eq!(settings.audit.and_then(|audit| audit.log), Some(true));
    let contact = settings.contact.expect("the contact is there");
    assert_eq!(contact.email.as_deref(), Some("support@acme.example"));
    assert_eq!(contact.messenger, None);
    assert_eq!(contact.whatsapp, None, "missing is None");
    let inbox = settings.inbox.expect("the inbox is there");
    assert_eq!(inbox.force_operator_token, Some(true));
    assert_eq!(inbox.locale.as_deref(), Some("fr"));
    let emails = settings.emails.expect("the emails are there");
    assert_eq!(emails.junk_filter, Some(true));
    assert_eq!(emails.trackers, None);
    let chatbox = settings.chatbox.expect("the chatbox is there");
    assert_eq!(chatbox.color_theme.as_deref(), Some("blue"));
    assert_eq!(chatbox.website_logo, Some(true));
    assert_eq!(chatbox.hide_on_mobile, Some(false));
    assert_eq!(chatbox.allowed_pages.as_deref(), Some(&[][..]));
    assert_eq!(
        chatbox.blocked_countries.as_deref(),
        Some(&["IT".to_string()][..])
    );
    assert_eq!(
        chatbox.blocked_ips.as_ref().map(Vec::len),
        Some(3),
        "IPv4, IPv6 and CIDR rules"
    );
    assert_eq!(chatbox.mode_initial, None);
}

#[tokio::test]
async fn settings_missing_their_parts_decode() {
    let server = MockServer::start().await;
    crisp("GET", "/website/w1/settings")
        .respond_with(envelope(json!({
            "website_id": "8c842203-7ed8-4e29-a608-7cf78a7d2fcc",
            "name": "Acme",
            "domain": "acme.example",
            "chatbox": null
        })))
        .expect(1)
        .mount(&server)
        .await;

    let settings = client(&server)
        .get_website_settings("w1")
        .await
        .expect("sparse settings decode");
    assert_eq!(settings.domain.as_deref(), Some("acme.example"));
    assert_eq!(settings.chatbox, None);
    assert_eq!(settings.contact, None);
    assert_eq!(settings.domain_alternates, None);
}

#[tokio::test]
async fn an_update_sends_only_the_parts_it_carries() {
    let server = MockServer::start().await;
    crisp("PATCH", "/website/w1/settings")
        .and(body_json(json!({
            "name": "Acme Support",
            "domain_alternates": ["help.acme.example"],
            "audit": { "log": false },
            "contact": { "email": "support@acme.example", "phone": "+33 1 23 45 67 89" },
            "inbox": { "lock_removal": true },
            "emails": { "transcript": true, "junk_filter": false },
            "chatbox": {
                "color_theme": "blue",
                "locale": "fr",
                "hide_on_mobile": false,
                "blocked_pages": ["https://acme.example/checkout/*"],
                "blocked_ips": ["203.0.113.0/24"]
            }
        })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;

    let update = WebsiteSettingsUpdate {
        name: Some("Acme Support".into()),
        domain_alternates: Some(vec!["help.acme.example".into()]),
        audit: Some(WebsiteSettingsAudit { log: Some(false) }),
        contact: Some(WebsiteSettingsContact {
            email: Some("support@acme.example".into()),
            phone: Some("+33 1 23 45 67 89".into()),
            ..WebsiteSettingsContact::default()
        }),
        inbox: Some(WebsiteSettingsInbox {
            lock_removal: Some(true),
            ..WebsiteSettingsInbox::default()
        }),
        emails: Some(WebsiteSettingsEmails {
            transcript: Some(true),
            junk_filter: Some(false),
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
    client(&server)
        .update_website_settings("w1", &update)
        .await
        .expect("updated");
}
