//! The Helpdesk group against Prism: every operation of `crisp_client::helpdesk` (the helpdesk, its locales,
//! public pages, content tree, history, feedback, import and export, redirections, settings and domain),
//! called once with the arguments and options a real caller would send, so that Prism validates the path,
//! query and body of each and the answer decodes into the typed result.

use crisp_client::types::{
    AddHelpdeskLocaleRequest, AddHelpdeskRedirectionRequest, CancelHelpdeskHistoryChangeRequest,
    DeleteHelpdeskRequest, GenerateHelpdeskDomainSetupFlowOptions, HelpdeskContentType,
    HelpdeskExternalImport, HelpdeskRemoveVerify, HelpdeskSettings, HelpdeskSettingsAppearance,
    HelpdeskSettingsBehavior, HelpdeskSettingsColor, HelpdeskSettingsLocalization,
    HelpdeskTreeAuthor, HelpdeskTreeMetadata, HelpdeskTreePathMove, HelpdeskTreePathUpdate,
    HelpdeskTreeState, InitializeHelpdeskRequest, ListHelpdeskHistoryChangesOptions,
    ListHelpdeskLocaleFeedbacksOptions, ListHelpdeskTreeOptions,
    MapHelpdeskLocaleFeedbackRatingsOptions, RequestHelpdeskDomainChangeRequest,
    SaveHelpdeskTreeContentRequest,
};

use super::{Ctx, USER, WEBSITE};

/// A locale of the helpdesk.
const LOCALE: &str = "en";
/// A page's path in the content tree: a category, then the article's slug.
const TREE_PATH: &str = "getting-started/install-the-chatbox";
/// A published page's `entity_id`.
const ENTITY: &str = "0f1e4c86-3b2a-4d6f-9e8c-7a5b4c3d2e1f";
/// A change of the helpdesk's history.
const CHANGE: &str = "9b1c7e2f4a6d8c0e3b5a7f9d1c2e4a6b8d0f2c4e";
/// A redirection of the helpdesk.
const REDIRECTION: &str = "3d6a8f1e-2c4b-4e7a-9f0d-5b8c1a2e3f4d";

pub async fn call(ctx: &Ctx<'_>) {
    let client = &ctx.client;
    let articles = HelpdeskContentType::Articles;

    // The helpdesk itself.
    ctx.accepted(
        "checkHelpdeskExists",
        client.check_helpdesk_exists(WEBSITE).await,
    );
    ctx.accepted("resolveHelpdesk", client.resolve_helpdesk(WEBSITE).await);
    ctx.accepted(
        "initializeHelpdesk",
        client
            .initialize_helpdesk(
                WEBSITE,
                &InitializeHelpdeskRequest {
                    name: "Acme Help Center".into(),
                    domain_basic: "acme".into(),
                },
            )
            .await,
    );
    ctx.accepted(
        "deleteHelpdesk",
        client
            .delete_helpdesk(
                WEBSITE,
                &DeleteHelpdeskRequest {
                    verify: HelpdeskRemoveVerify {
                        method: "password".into(),
                        secret: "correct horse battery staple".into(),
                    },
                },
            )
            .await,
    );

    // Locales.
    ctx.accepted(
        "listHelpdeskLocales",
        client.list_helpdesk_locales(WEBSITE, 1).await,
    );
    ctx.accepted(
        "addHelpdeskLocale",
        client
            .add_helpdesk_locale(
                WEBSITE,
                &AddHelpdeskLocaleRequest {
                    locale: "fr".into(),
                },
            )
            .await,
    );
    ctx.accepted(
        "checkHelpdeskLocaleExists",
        client.check_helpdesk_locale_exists(WEBSITE, LOCALE).await,
    );
    ctx.accepted(
        "resolveHelpdeskLocale",
        client.resolve_helpdesk_locale(WEBSITE, LOCALE).await,
    );
    ctx.accepted(
        "deleteHelpdeskLocale",
        client.delete_helpdesk_locale(WEBSITE, "fr").await,
    );

    // Public pages.
    ctx.accepted(
        "listHelpdeskPages",
        client
            .list_helpdesk_pages(WEBSITE, LOCALE, &articles, 1)
            .await,
    );
    ctx.accepted(
        "resolveHelpdeskPageEntity",
        client
            .resolve_helpdesk_page_entity(WEBSITE, LOCALE, &HelpdeskContentType::Guides, ENTITY)
            .await,
    );

    // The content tree: a search in it, then one entry's path, content, metadata and page.
    ctx.accepted(
        "listHelpdeskTree",
        client
            .list_helpdesk_tree(
                WEBSITE,
                LOCALE,
                &articles,
                1,
                &ListHelpdeskTreeOptions {
                    sub_path: Some("getting-started".into()),
                    search_title: Some("install".into()),
                    filter_date_start: Some("2025-01-01T00:00:00.000Z".into()),
                    filter_date_end: Some("2025-06-30T23:59:59.999Z".into()),
                },
            )
            .await,
    );
    ctx.accepted(
        "createHelpdeskTreePath",
        client
            .create_helpdesk_tree_path(WEBSITE, LOCALE, &articles, TREE_PATH)
            .await,
    );
    ctx.accepted(
        "resolveHelpdeskTreePath",
        client
            .resolve_helpdesk_tree_path(WEBSITE, LOCALE, &articles, TREE_PATH)
            .await,
    );
    let mut move_entry = HelpdeskTreePathUpdate::new("move".into());
    move_entry.path = Some(HelpdeskTreePathMove {
        to: "setup/install-the-chatbox".into(),
    });
    ctx.accepted(
        "updateHelpdeskTreePath",
        client
            .update_helpdesk_tree_path(WEBSITE, LOCALE, &articles, TREE_PATH, &move_entry)
            .await,
    );
    ctx.accepted(
        "resolveHelpdeskTreeContent",
        client
            .resolve_helpdesk_tree_content(WEBSITE, LOCALE, &articles, TREE_PATH)
            .await,
    );
    ctx.accepted(
        "saveHelpdeskTreeContent",
        client
            .save_helpdesk_tree_content(
                WEBSITE,
                LOCALE,
                &articles,
                TREE_PATH,
                &SaveHelpdeskTreeContentRequest {
                    content: "# Install the chatbox\n\nPaste the snippet before `</head>`.".into(),
                },
            )
            .await,
    );
    ctx.accepted(
        "resolveHelpdeskTreeMetadata",
        client
            .resolve_helpdesk_tree_metadata(WEBSITE, LOCALE, &articles, TREE_PATH)
            .await,
    );
    ctx.accepted(
        "updateHelpdeskTreeMetadata",
        client
            .update_helpdesk_tree_metadata(
                WEBSITE,
                LOCALE,
                &articles,
                TREE_PATH,
                &HelpdeskTreeMetadata {
                    format: Some("markdown".into()),
                    title: Some("Install the chatbox".into()),
                    description: Some("Add Crisp to your website in two minutes.".into()),
                    state: Some(HelpdeskTreeState {
                        published: Some(true),
                        hidden: Some(false),
                        featured: Some(true),
                    }),
                    author: Some(HelpdeskTreeAuthor {
                        user_id: Some(USER.into()),
                    }),
                    color: Some("#1972F5".into()),
                    image: Some("https://image.crisp.chat/helpdesk/install.png".into()),
                },
            )
            .await,
    );
    ctx.accepted(
        "resolveHelpdeskTreePage",
        client
            .resolve_helpdesk_tree_page(WEBSITE, LOCALE, &articles, TREE_PATH)
            .await,
    );
    ctx.accepted(
        "deleteHelpdeskTreePath",
        client
            .delete_helpdesk_tree_path(WEBSITE, LOCALE, &articles, "setup/install-the-chatbox")
            .await,
    );

    // History.
    ctx.accepted(
        "listHelpdeskHistoryChanges",
        client
            .list_helpdesk_history_changes(
                WEBSITE,
                1,
                &ListHelpdeskHistoryChangesOptions {
                    filter_locale: Some(LOCALE.into()),
                    filter_type: Some("articles".into()),
                    filter_tree_path: Some(TREE_PATH.into()),
                },
            )
            .await,
    );
    ctx.accepted(
        "resolveHelpdeskHistoryChange",
        client
            .resolve_helpdesk_history_change(WEBSITE, CHANGE)
            .await,
    );
    ctx.accepted(
        "cancelHelpdeskHistoryChange",
        client
            .cancel_helpdesk_history_change(
                WEBSITE,
                CHANGE,
                &CancelHelpdeskHistoryChangeRequest {
                    action: "revert".into(),
                },
            )
            .await,
    );

    // Refresh, feedback, import and export of a locale's content.
    ctx.accepted(
        "requestHelpdeskContentRefresh",
        client
            .request_helpdesk_content_refresh(WEBSITE, LOCALE, &articles)
            .await,
    );
    ctx.accepted(
        "mapHelpdeskLocaleFeedbackRatings",
        client
            .map_helpdesk_locale_feedback_ratings(
                WEBSITE,
                LOCALE,
                &articles,
                &MapHelpdeskLocaleFeedbackRatingsOptions {
                    filter_date_start: Some("2025-05-01T00:00:00.000Z".into()),
                    filter_date_end: Some("2025-05-31T23:59:59.999Z".into()),
                },
            )
            .await,
    );
    ctx.accepted(
        "listHelpdeskLocaleFeedbacks",
        client
            .list_helpdesk_locale_feedbacks(
                WEBSITE,
                LOCALE,
                &articles,
                1,
                &ListHelpdeskLocaleFeedbacksOptions {
                    filter_date_start: Some("2025-05-01T00:00:00.000Z".into()),
                    filter_date_end: Some("2025-05-31T23:59:59.999Z".into()),
                },
            )
            .await,
    );
    ctx.accepted(
        "importExternalHelpdeskToLocale",
        client
            .import_external_helpdesk_to_locale(
                WEBSITE,
                LOCALE,
                &articles,
                &HelpdeskExternalImport {
                    helpdesk_url: "https://help.acme.example/".into(),
                    detect_locales: Some(true),
                    other_locales: Some(vec!["fr".into(), "de".into()]),
                },
            )
            .await,
    );
    ctx.accepted(
        "exportHelpdeskLocaleArticles",
        client
            .export_helpdesk_locale_articles(WEBSITE, LOCALE, &articles)
            .await,
    );

    // Redirections.
    ctx.accepted(
        "listHelpdeskRedirections",
        client.list_helpdesk_redirections(WEBSITE, 1).await,
    );
    ctx.accepted(
        "addHelpdeskRedirection",
        client
            .add_helpdesk_redirection(
                WEBSITE,
                &AddHelpdeskRedirectionRequest {
                    path: "/en/article/old-install-guide-1x2y3z/".into(),
                    target: "/en/article/install-the-chatbox-4a5b6c/".into(),
                },
            )
            .await,
    );
    ctx.accepted(
        "checkHelpdeskRedirectionExists",
        client
            .check_helpdesk_redirection_exists(WEBSITE, REDIRECTION)
            .await,
    );
    ctx.accepted(
        "resolveHelpdeskRedirection",
        client
            .resolve_helpdesk_redirection(WEBSITE, REDIRECTION)
            .await,
    );
    ctx.accepted(
        "deleteHelpdeskRedirection",
        client
            .delete_helpdesk_redirection(WEBSITE, REDIRECTION)
            .await,
    );

    // Settings.
    ctx.accepted(
        "resolveHelpdeskSettings",
        client.resolve_helpdesk_settings(WEBSITE).await,
    );
    ctx.accepted(
        "saveHelpdeskSettings",
        client
            .save_helpdesk_settings(
                WEBSITE,
                &HelpdeskSettings {
                    name: Some("Acme Help Center".into()),
                    appearance: Some(HelpdeskSettingsAppearance {
                        color: Some(HelpdeskSettingsColor {
                            mode: Some("dark".into()),
                            mode_changeable: Some(true),
                        }),
                        ..Default::default()
                    }),
                    localization: Some(HelpdeskSettingsLocalization {
                        writing_locale: Some(LOCALE.into()),
                        translated_automatic: Some(true),
                        translated_locales_readonly: Some(false),
                    }),
                    behavior: Some(HelpdeskSettingsBehavior {
                        ask_feedback: Some(true),
                        show_chatbox: Some(true),
                        forbid_indexing: Some(false),
                        ..Default::default()
                    }),
                    ..Default::default()
                },
            )
            .await,
    );

    // Domain.
    ctx.accepted(
        "resolveHelpdeskDomain",
        client.resolve_helpdesk_domain(WEBSITE).await,
    );
    ctx.accepted(
        "requestHelpdeskDomainChange",
        client
            .request_helpdesk_domain_change(
                WEBSITE,
                &RequestHelpdeskDomainChangeRequest {
                    basic: Some("acme".into()),
                    custom: Some("help.acme.example".into()),
                },
            )
            .await,
    );
    ctx.accepted(
        "generateHelpdeskDomainSetupFlow",
        client
            .generate_helpdesk_domain_setup_flow(
                WEBSITE,
                &GenerateHelpdeskDomainSetupFlowOptions {
                    custom: Some("help.acme.example".into()),
                },
            )
            .await,
    );
}
