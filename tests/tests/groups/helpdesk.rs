//! The Helpdesk group end to end against wiremock: every method of `crisp_client::helpdesk` puts exactly the
//! request the Node SDK (`WebsiteHelpdesk`) sends on the wire (method, path, query, JSON body or none), and
//! answers shaped after the SDK's interfaces decode: the helpdesk, its locales, public pages, content tree
//! (searched with every filter, and walked page by page by the `_stream` companions up to the first empty
//! page), history, feedback, redirections, settings and domain; with nulls, missing optional fields, 64-bit
//! timestamps and a content type the client does not know.

use crisp_client::types::{
    AddHelpdeskLocaleRequest, AddHelpdeskRedirectionRequest, CancelHelpdeskHistoryChangeRequest,
    DeleteHelpdeskRequest, GenerateHelpdeskDomainSetupFlowOptions, HelpdeskContentStatistics,
    HelpdeskContentType, HelpdeskExternalImport, HelpdeskRemoveVerify, HelpdeskSettings,
    HelpdeskSettingsAccess, HelpdeskSettingsBehavior, HelpdeskSettingsService, HelpdeskTreeAuthor,
    HelpdeskTreeEntry, HelpdeskTreeMetadata, HelpdeskTreePathMove, HelpdeskTreePathUpdate,
    HelpdeskTreeState, InitializeHelpdeskRequest, ListHelpdeskHistoryChangesOptions,
    ListHelpdeskLocaleFeedbacksOptions, ListHelpdeskTreeOptions,
    MapHelpdeskLocaleFeedbackRatingsOptions, RequestHelpdeskDomainChangeRequest,
    SaveHelpdeskTreeContentRequest,
};
use crisp_client::Error;
use futures::TryStreamExt;
use serde_json::json;
use wiremock::matchers::{body_json, query_param};
use wiremock::{MockServer, Request, ResponseTemplate};

use super::{client, crisp, done, envelope};

/// Matches a request whose query holds exactly `expected` (in any order) and nothing else.
fn exact_query(expected: &[(&str, &str)]) -> impl Fn(&Request) -> bool + Send + Sync + 'static {
    let mut expected: Vec<(String, String)> = expected
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    expected.sort();
    move |request: &Request| {
        let mut sent: Vec<(String, String)> = request
            .url
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        sent.sort();
        sent == expected
    }
}

/// Matches a request that carries no query at all.
fn no_query(request: &Request) -> bool {
    request.url.query().is_none()
}

/// Matches a request that carries no body, as the SDK sends `null` for the actions without one.
fn no_body(request: &Request) -> bool {
    request.body.is_empty()
}

#[tokio::test]
async fn helpdesk_is_checked_initialized_resolved_and_deleted_with_its_verification() {
    let server = MockServer::start().await;
    crisp("HEAD", "/website/w1/helpdesk")
        .respond_with(ResponseTemplate::new(404))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    crisp("POST", "/website/w1/helpdesk")
        .and(body_json(
            json!({ "name": "Acme Help Center", "domain_basic": "acme" }),
        ))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", "/website/w1/helpdesk")
        .and(no_query)
        .respond_with(envelope(json!({
            "name": "Acme Help Center",
            "url": "https://acme.crisp.help/"
        })))
        .expect(1)
        .mount(&server)
        .await;
    crisp("DELETE", "/website/w1/helpdesk")
        .and(body_json(json!({
            "verify": { "method": "password", "secret": "correct horse battery staple" }
        })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);

    assert!(
        !client
            .check_helpdesk_exists("w1")
            .await
            .expect("404 is an answer, not an error"),
        "no helpdesk yet"
    );
    crisp("HEAD", "/website/w1/helpdesk")
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    client
        .initialize_helpdesk(
            "w1",
            &InitializeHelpdeskRequest {
                name: "Acme Help Center".into(),
                domain_basic: "acme".into(),
            },
        )
        .await
        .expect("initialized");
    assert!(client.check_helpdesk_exists("w1").await.expect("200"));
    let helpdesk = client.resolve_helpdesk("w1").await.expect("resolved");
    assert_eq!(helpdesk.name.as_deref(), Some("Acme Help Center"));
    assert_eq!(helpdesk.url.as_deref(), Some("https://acme.crisp.help/"));
    client
        .delete_helpdesk(
            "w1",
            &DeleteHelpdeskRequest {
                verify: HelpdeskRemoveVerify {
                    method: "password".into(),
                    secret: "correct horse battery staple".into(),
                },
            },
        )
        .await
        .expect("deleted");
}

#[tokio::test]
async fn a_missing_helpdesk_is_a_status_error_with_crisps_reason() {
    let server = MockServer::start().await;
    crisp("GET", "/website/w1/helpdesk")
        .respond_with(
            ResponseTemplate::new(404).set_body_json(
                json!({ "error": true, "reason": "helpdesk_not_found", "data": {} }),
            ),
        )
        .expect(1)
        .mount(&server)
        .await;
    let err = client(&server)
        .resolve_helpdesk("w1")
        .await
        .expect_err("404 on a GET is an error");
    assert!(matches!(err, Error::Status { .. }), "{err:?}");
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.reason(), Some("helpdesk_not_found"));
}

#[tokio::test]
async fn locales_are_listed_added_checked_resolved_and_deleted() {
    let server = MockServer::start().await;
    crisp("GET", "/website/w1/helpdesk/locales/1")
        .and(no_query)
        .respond_with(envelope(json!([
            {
                "locale_id": "6f0a8c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b",
                "locale": "en",
                "url": "https://acme.crisp.help/en/",
                "statistics": {
                    "articles": { "entries": 42, "groups": 6 },
                    "guides": { "entries": 3, "groups": 1 },
                    "references": { "entries": 0, "groups": 0 },
                    "news": { "entries": 7 }
                }
            },
            {
                "locale_id": "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e",
                "locale": "fr",
                "url": null,
                "statistics": null
            }
        ])))
        .expect(1)
        .mount(&server)
        .await;
    crisp("POST", "/website/w1/helpdesk/locale")
        .and(body_json(json!({ "locale": "de" })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("HEAD", "/website/w1/helpdesk/locale/de")
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", "/website/w1/helpdesk/locale/de")
        .respond_with(envelope(json!({
            "locale_id": "9c8b7a6f-5e4d-4c3b-2a1f-0e9d8c7b6a5f",
            "locale": "de",
            "url": "https://acme.crisp.help/de/"
        })))
        .expect(1)
        .mount(&server)
        .await;
    crisp("DELETE", "/website/w1/helpdesk/locale/de")
        .and(no_body)
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);

    let locales = client.list_helpdesk_locales("w1", 1).await.expect("listed");
    assert_eq!(locales.len(), 2);
    let english = &locales[0];
    assert_eq!(english.locale.as_deref(), Some("en"));
    let statistics = english.statistics.as_ref().expect("statistics sent");
    assert_eq!(
        statistics.articles,
        Some(HelpdeskContentStatistics {
            entries: Some(42),
            groups: Some(6),
        })
    );
    assert_eq!(
        statistics.news.as_ref().and_then(|news| news.groups),
        None,
        "a missing count is None"
    );
    assert_eq!(locales[1].url, None, "null is None");
    assert_eq!(locales[1].statistics, None, "null is None");

    client
        .add_helpdesk_locale(
            "w1",
            &AddHelpdeskLocaleRequest {
                locale: "de".into(),
            },
        )
        .await
        .expect("added");
    assert!(client
        .check_helpdesk_locale_exists("w1", "de")
        .await
        .expect("200"));
    let german = client
        .resolve_helpdesk_locale("w1", "de")
        .await
        .expect("resolved");
    assert_eq!(
        german.locale_id.as_deref(),
        Some("9c8b7a6f-5e4d-4c3b-2a1f-0e9d8c7b6a5f")
    );
    assert_eq!(german.statistics, None, "a missing field is None");
    client
        .delete_helpdesk_locale("w1", "de")
        .await
        .expect("deleted");
}

#[tokio::test]
async fn public_pages_are_listed_and_resolved_by_entity() {
    let server = MockServer::start().await;
    crisp("GET", "/website/w1/helpdesk/page/list/en/guides/2")
        .and(no_query)
        .respond_with(envelope(json!([
            {
                "entity_id": "0f1e4c86-3b2a-4d6f-9e8c-7a5b4c3d2e1f",
                "title": "Getting started with the chatbox",
                "tree_path": "getting-started/chatbox",
                "url": "https://acme.crisp.help/en/guide/getting-started-with-the-chatbox-1abc2de/"
            },
            { "entity_id": "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d", "title": "Untitled draft" }
        ])))
        .expect(1)
        .mount(&server)
        .await;
    crisp(
        "GET",
        "/website/w1/helpdesk/page/entity/en/guides/0f1e4c86-3b2a-4d6f-9e8c-7a5b4c3d2e1f",
    )
    .respond_with(envelope(json!({
        "entity_id": "0f1e4c86-3b2a-4d6f-9e8c-7a5b4c3d2e1f",
        "title": "Getting started with the chatbox",
        "tree_path": "getting-started/chatbox",
        "url": null
    })))
    .expect(1)
    .mount(&server)
    .await;
    let client = client(&server);

    let pages = client
        .list_helpdesk_pages("w1", "en", &HelpdeskContentType::Guides, 2)
        .await
        .expect("listed");
    assert_eq!(pages.len(), 2);
    assert_eq!(
        pages[0].tree_path.as_deref(),
        Some("getting-started/chatbox")
    );
    assert_eq!(pages[1].url, None, "a page without a URL yet");
    let page = client
        .resolve_helpdesk_page_entity(
            "w1",
            "en",
            &HelpdeskContentType::Guides,
            "0f1e4c86-3b2a-4d6f-9e8c-7a5b4c3d2e1f",
        )
        .await
        .expect("resolved");
    assert_eq!(
        page.title.as_deref(),
        Some("Getting started with the chatbox")
    );
    assert_eq!(page.url, None, "null is None");
}

#[tokio::test]
async fn searching_the_tree_sends_search_title_and_every_filter() {
    let server = MockServer::start().await;
    crisp("GET", "/website/w1/helpdesk/tree/list/en/articles/1")
        .and(query_param("sub_path", "getting-started"))
        .and(query_param("search_title", "install & setup"))
        .and(query_param("filter_date_start", "2025-01-01T00:00:00.000Z"))
        .and(query_param("filter_date_end", "2025-06-30T23:59:59.999Z"))
        .and(exact_query(&[
            ("sub_path", "getting-started"),
            ("search_title", "install & setup"),
            ("filter_date_start", "2025-01-01T00:00:00.000Z"),
            ("filter_date_end", "2025-06-30T23:59:59.999Z"),
        ]))
        .respond_with(envelope(json!([
            {
                "type": "category",
                "slug": "getting-started",
                "title": "Getting started",
                "state": { "published": true, "hidden": false, "featured": false },
                "children": [
                    {
                        "type": "article",
                        "slug": "install-the-chatbox",
                        "title": "How to install & setup the chatbox",
                        "state": { "published": true, "hidden": false, "featured": true },
                        "children": []
                    },
                    {
                        "type": "article",
                        "slug": "setup-wordpress",
                        "title": "Setup on WordPress",
                        "state": { "published": false, "hidden": null }
                    }
                ]
            }
        ])))
        .expect(1)
        .mount(&server)
        .await;
    // The same page without options: no query at all.
    crisp("GET", "/website/w1/helpdesk/tree/list/en/articles/1")
        .and(no_query)
        .respond_with(envelope(json!([])))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);

    let found = client
        .list_helpdesk_tree(
            "w1",
            "en",
            &HelpdeskContentType::Articles,
            1,
            &ListHelpdeskTreeOptions {
                sub_path: Some("getting-started".into()),
                search_title: Some("install & setup".into()),
                filter_date_start: Some("2025-01-01T00:00:00.000Z".into()),
                filter_date_end: Some("2025-06-30T23:59:59.999Z".into()),
            },
        )
        .await
        .expect("searched");
    assert_eq!(found.len(), 1);
    let category = &found[0];
    assert_eq!(category.type_.as_deref(), Some("category"));
    let children = category.children.as_ref().expect("children sent");
    assert_eq!(
        children[0],
        HelpdeskTreeEntry {
            type_: Some("article".into()),
            slug: Some("install-the-chatbox".into()),
            title: Some("How to install & setup the chatbox".into()),
            state: Some(HelpdeskTreeState {
                published: Some(true),
                hidden: Some(false),
                featured: Some(true),
            }),
            children: Some(vec![]),
        }
    );
    assert_eq!(
        children[1].state,
        Some(HelpdeskTreeState {
            published: Some(false),
            hidden: None,
            featured: None,
        }),
        "null and missing flags are None"
    );
    assert_eq!(children[1].children, None);

    let everything = client
        .list_helpdesk_tree(
            "w1",
            "en",
            &HelpdeskContentType::Articles,
            1,
            &ListHelpdeskTreeOptions::default(),
        )
        .await
        .expect("listed");
    assert!(everything.is_empty());
}

#[tokio::test]
async fn tree_stream_walks_pages_with_its_filters_until_an_empty_page() {
    let server = MockServer::start().await;
    let filters = [("search_title", "billing"), ("sub_path", "account")];
    let entry = |slug: &str| json!({ "type": "article", "slug": slug, "title": slug });
    for (page, body) in [
        (1, json!([entry("billing-invoices"), entry("billing-vat")])),
        (2, json!([entry("billing-refunds")])),
        (3, json!([])),
    ] {
        crisp(
            "GET",
            &format!("/website/w1/helpdesk/tree/list/fr/news/{page}"),
        )
        .and(exact_query(&filters))
        .respond_with(envelope(body))
        .expect(1)
        .mount(&server)
        .await;
    }
    crisp("GET", "/website/w1/helpdesk/tree/list/fr/news/4")
        .respond_with(envelope(json!([entry("never-read")])))
        .expect(0)
        .mount(&server)
        .await;
    let client = client(&server);
    let options = ListHelpdeskTreeOptions {
        search_title: Some("billing".into()),
        sub_path: Some("account".into()),
        ..Default::default()
    };

    let entries: Vec<HelpdeskTreeEntry> = client
        .list_helpdesk_tree_stream("w1", "fr", &HelpdeskContentType::News, &options)
        .try_collect()
        .await
        .expect("every page read");
    let slugs: Vec<&str> = entries
        .iter()
        .filter_map(|entry| entry.slug.as_deref())
        .collect();
    assert_eq!(
        slugs,
        ["billing-invoices", "billing-vat", "billing-refunds"]
    );
}

#[tokio::test]
async fn tree_stream_ends_with_the_error_after_the_items_before_it() {
    let server = MockServer::start().await;
    crisp("GET", "/website/w1/helpdesk/tree/list/en/articles/1")
        .respond_with(envelope(json!([{ "slug": "first" }])))
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", "/website/w1/helpdesk/tree/list/en/articles/2")
        .respond_with(
            ResponseTemplate::new(403)
                .set_body_json(json!({ "error": true, "reason": "not_allowed", "data": {} })),
        )
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", "/website/w1/helpdesk/tree/list/en/articles/3")
        .respond_with(envelope(json!([{ "slug": "never-read" }])))
        .expect(0)
        .mount(&server)
        .await;
    let client = client(&server);
    let options = ListHelpdeskTreeOptions::default();
    let read: Vec<Result<HelpdeskTreeEntry, Error>> = futures::StreamExt::collect(
        client.list_helpdesk_tree_stream("w1", "en", &HelpdeskContentType::Articles, &options),
    )
    .await;
    assert_eq!(read.len(), 2, "one item, then the error, then nothing");
    assert_eq!(
        read[0].as_ref().expect("page 1").slug.as_deref(),
        Some("first")
    );
    let err = read[1].as_ref().expect_err("page 2 is refused");
    assert_eq!(err.status(), Some(403));
    assert_eq!(err.reason(), Some("not_allowed"));
}

#[tokio::test]
async fn every_other_stream_walks_its_pages_until_an_empty_page() {
    let server = MockServer::start().await;
    let pages = [
        ("/website/w1/helpdesk/locales", json!({ "locale": "en" })),
        (
            "/website/w1/helpdesk/page/list/en/references",
            json!({ "title": "API" }),
        ),
        (
            "/website/w1/helpdesk/history/changes",
            json!({ "change_id": "c1" }),
        ),
        (
            "/website/w1/helpdesk/feedback/list/en/articles",
            json!({ "rating": "helpful" }),
        ),
        (
            "/website/w1/helpdesk/redirections",
            json!({ "redirection_id": "r1" }),
        ),
    ];
    for (prefix, item) in &pages {
        for (page, body) in [(1, json!([item, item])), (2, json!([item])), (3, json!([]))] {
            crisp("GET", &format!("{prefix}/{page}"))
                .and(no_query)
                .respond_with(envelope(body))
                .expect(1)
                .mount(&server)
                .await;
        }
    }
    let client = client(&server);

    let locales: Vec<_> = client
        .list_helpdesk_locales_stream("w1")
        .try_collect()
        .await
        .expect("locales");
    assert_eq!(locales.len(), 3);
    assert_eq!(locales[2].locale.as_deref(), Some("en"));
    let references = HelpdeskContentType::References;
    let pages: Vec<_> = client
        .list_helpdesk_pages_stream("w1", "en", &references)
        .try_collect()
        .await
        .expect("pages");
    assert_eq!(pages.len(), 3);
    assert_eq!(pages[0].title.as_deref(), Some("API"));
    let history_filters = ListHelpdeskHistoryChangesOptions::default();
    let changes: Vec<_> = client
        .list_helpdesk_history_changes_stream("w1", &history_filters)
        .try_collect()
        .await
        .expect("changes");
    assert_eq!(changes.len(), 3);
    assert_eq!(changes[1].change_id.as_deref(), Some("c1"));
    let articles = HelpdeskContentType::Articles;
    let feedback_filters = ListHelpdeskLocaleFeedbacksOptions::default();
    let feedbacks: Vec<_> = client
        .list_helpdesk_locale_feedbacks_stream("w1", "en", &articles, &feedback_filters)
        .try_collect()
        .await
        .expect("feedbacks");
    assert_eq!(feedbacks.len(), 3);
    assert_eq!(feedbacks[0].rating.as_deref(), Some("helpful"));
    let redirections: Vec<_> = client
        .list_helpdesk_redirections_stream("w1")
        .try_collect()
        .await
        .expect("redirections");
    assert_eq!(redirections.len(), 3);
    assert_eq!(redirections[2].redirection_id.as_deref(), Some("r1"));
}

#[tokio::test]
async fn a_tree_entry_is_created_resolved_moved_repositioned_and_deleted() {
    let server = MockServer::start().await;
    // A tree path is one path segment: its `/` is percent-encoded.
    let entry = "/website/w1/helpdesk/tree/path/en/articles/getting-started%2Finstall-the-chatbox";
    crisp("POST", entry)
        .and(no_body)
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", entry)
        .respond_with(envelope(json!({
            "type": "article",
            "slug": "install-the-chatbox",
            "title": "Install the chatbox",
            "state": { "published": false, "hidden": false, "featured": false }
        })))
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", entry)
        .and(body_json(json!({
            "action": "move",
            "path": { "to": "setup/install-the-chatbox" }
        })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    let moved = "/website/w1/helpdesk/tree/path/en/articles/setup%2Finstall-the-chatbox";
    crisp("PATCH", moved)
        .and(body_json(json!({ "action": "position", "position": 2 })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("DELETE", moved)
        .and(no_body)
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let articles = HelpdeskContentType::Articles;

    client
        .create_helpdesk_tree_path("w1", "en", &articles, "getting-started/install-the-chatbox")
        .await
        .expect("created");
    let resolved = client
        .resolve_helpdesk_tree_path("w1", "en", &articles, "getting-started/install-the-chatbox")
        .await
        .expect("resolved");
    assert_eq!(resolved.slug.as_deref(), Some("install-the-chatbox"));
    assert_eq!(
        resolved.state.and_then(|state| state.published),
        Some(false)
    );
    assert_eq!(resolved.children, None, "an article has no children");
    let mut move_it = HelpdeskTreePathUpdate::new("move".into());
    move_it.path = Some(HelpdeskTreePathMove {
        to: "setup/install-the-chatbox".into(),
    });
    client
        .update_helpdesk_tree_path(
            "w1",
            "en",
            &articles,
            "getting-started/install-the-chatbox",
            &move_it,
        )
        .await
        .expect("moved");
    let mut reposition = HelpdeskTreePathUpdate::new("position".into());
    reposition.position = Some(2);
    client
        .update_helpdesk_tree_path(
            "w1",
            "en",
            &articles,
            "setup/install-the-chatbox",
            &reposition,
        )
        .await
        .expect("repositioned");
    client
        .delete_helpdesk_tree_path("w1", "en", &articles, "setup/install-the-chatbox")
        .await
        .expect("deleted");
}

#[tokio::test]
async fn a_tree_entrys_content_metadata_and_page_are_read_and_written() {
    let server = MockServer::start().await;
    let markdown = "# Install the chatbox\n\nPaste the snippet before `</head>`.";
    crisp(
        "GET",
        "/website/w1/helpdesk/tree/content/en/articles/install-the-chatbox",
    )
    .respond_with(envelope(json!({ "content": "# Install\n\nOld text." })))
    .expect(1)
    .mount(&server)
    .await;
    crisp(
        "PUT",
        "/website/w1/helpdesk/tree/content/en/articles/install-the-chatbox",
    )
    .and(body_json(json!({ "content": markdown })))
    .respond_with(done())
    .expect(1)
    .mount(&server)
    .await;
    crisp(
        "GET",
        "/website/w1/helpdesk/tree/metadata/en/articles/install-the-chatbox",
    )
    .respond_with(envelope(json!({
        "format": "markdown",
        "title": "Install",
        "description": null,
        "state": { "published": true, "hidden": false, "featured": false },
        "author": { "user_id": "a4b2c1d0-2f3e-4d5c-8b7a-6e5f4d3c2b1a" },
        "color": null
    })))
    .expect(1)
    .mount(&server)
    .await;
    crisp(
        "PATCH",
        "/website/w1/helpdesk/tree/metadata/en/articles/install-the-chatbox",
    )
    .and(body_json(json!({
        "title": "Install the chatbox",
        "description": "Add Crisp to your website in two minutes.",
        "state": { "featured": true },
        "image": "https://image.crisp.chat/helpdesk/install.png"
    })))
    .respond_with(done())
    .expect(1)
    .mount(&server)
    .await;
    crisp(
        "GET",
        "/website/w1/helpdesk/tree/page/en/articles/install-the-chatbox",
    )
    .respond_with(envelope(json!({
        "title": "Install the chatbox",
        "url": "https://acme.crisp.help/en/article/install-the-chatbox-1x2y3z/"
    })))
    .expect(1)
    .mount(&server)
    .await;
    let client = client(&server);
    let articles = HelpdeskContentType::Articles;
    let slug = "install-the-chatbox";

    let content = client
        .resolve_helpdesk_tree_content("w1", "en", &articles, slug)
        .await
        .expect("content");
    assert_eq!(content.content.as_deref(), Some("# Install\n\nOld text."));
    client
        .save_helpdesk_tree_content(
            "w1",
            "en",
            &articles,
            slug,
            &SaveHelpdeskTreeContentRequest {
                content: markdown.into(),
            },
        )
        .await
        .expect("saved");
    let metadata = client
        .resolve_helpdesk_tree_metadata("w1", "en", &articles, slug)
        .await
        .expect("metadata");
    assert_eq!(
        metadata,
        HelpdeskTreeMetadata {
            format: Some("markdown".into()),
            title: Some("Install".into()),
            description: None,
            state: Some(HelpdeskTreeState {
                published: Some(true),
                hidden: Some(false),
                featured: Some(false),
            }),
            author: Some(HelpdeskTreeAuthor {
                user_id: Some("a4b2c1d0-2f3e-4d5c-8b7a-6e5f4d3c2b1a".into()),
            }),
            color: None,
            image: None,
        }
    );
    client
        .update_helpdesk_tree_metadata(
            "w1",
            "en",
            &articles,
            slug,
            &HelpdeskTreeMetadata {
                title: Some("Install the chatbox".into()),
                description: Some("Add Crisp to your website in two minutes.".into()),
                state: Some(HelpdeskTreeState {
                    featured: Some(true),
                    ..Default::default()
                }),
                image: Some("https://image.crisp.chat/helpdesk/install.png".into()),
                ..Default::default()
            },
        )
        .await
        .expect("metadata updated, only the fields given");
    let page = client
        .resolve_helpdesk_tree_page("w1", "en", &articles, slug)
        .await
        .expect("page");
    assert_eq!(
        page.url.as_deref(),
        Some("https://acme.crisp.help/en/article/install-the-chatbox-1x2y3z/")
    );
}

#[tokio::test]
async fn history_changes_are_filtered_resolved_and_cancelled() {
    let server = MockServer::start().await;
    let change = json!({
        "change_id": "9b1c7e2f4a6d8c0e3b5a7f9d1c2e4a6b8d0f2c4e",
        "message": "Update article: Install the chatbox",
        "author": { "email": "jane@acme.example", "name": "Jane Doe" },
        "edits": { "insertions": 12, "deletions": 3 },
        "created_at": 1_735_689_600_123_i64,
        "files": [
            {
                "change": "modified",
                "path": "en/articles/getting-started/install-the-chatbox",
                "metadata": { "title": "Install the chatbox", "format": "markdown" },
                "content": "# Install the chatbox"
            },
            { "change": "deleted", "path": "en/articles/old-install", "metadata": null, "content": null }
        ]
    });
    crisp("GET", "/website/w1/helpdesk/history/changes/1")
        .and(query_param("filter_locale", "en"))
        .and(query_param("filter_type", "articles"))
        .and(query_param(
            "filter_tree_path",
            "getting-started/install-the-chatbox",
        ))
        .and(exact_query(&[
            ("filter_locale", "en"),
            ("filter_type", "articles"),
            ("filter_tree_path", "getting-started/install-the-chatbox"),
        ]))
        .respond_with(envelope(json!([change])))
        .expect(1)
        .mount(&server)
        .await;
    crisp(
        "GET",
        "/website/w1/helpdesk/history/change/9b1c7e2f4a6d8c0e3b5a7f9d1c2e4a6b8d0f2c4e",
    )
    .respond_with(envelope(change.clone()))
    .expect(1)
    .mount(&server)
    .await;
    crisp(
        "DELETE",
        "/website/w1/helpdesk/history/change/9b1c7e2f4a6d8c0e3b5a7f9d1c2e4a6b8d0f2c4e",
    )
    .and(body_json(json!({ "action": "revert" })))
    .respond_with(done())
    .expect(1)
    .mount(&server)
    .await;
    let client = client(&server);

    let changes = client
        .list_helpdesk_history_changes(
            "w1",
            1,
            &ListHelpdeskHistoryChangesOptions {
                filter_locale: Some("en".into()),
                filter_type: Some("articles".into()),
                filter_tree_path: Some("getting-started/install-the-chatbox".into()),
            },
        )
        .await
        .expect("listed");
    assert_eq!(changes.len(), 1);
    let resolved = client
        .resolve_helpdesk_history_change("w1", "9b1c7e2f4a6d8c0e3b5a7f9d1c2e4a6b8d0f2c4e")
        .await
        .expect("resolved");
    assert_eq!(resolved, changes[0]);
    assert_eq!(
        resolved.created_at,
        Some(1_735_689_600_123),
        "a 64-bit timestamp"
    );
    assert_eq!(
        resolved.author.as_ref().and_then(|a| a.email.as_deref()),
        Some("jane@acme.example")
    );
    let edits = resolved.edits.as_ref().expect("edits sent");
    assert_eq!((edits.insertions, edits.deletions), (Some(12), Some(3)));
    let files = resolved.files.as_ref().expect("files sent");
    assert_eq!(
        files[0].metadata.as_ref().and_then(|m| m.format.as_deref()),
        Some("markdown")
    );
    assert_eq!(files[1].change.as_deref(), Some("deleted"));
    assert_eq!(
        (&files[1].metadata, &files[1].content),
        (&None, &None),
        "nulls are None"
    );
    client
        .cancel_helpdesk_history_change(
            "w1",
            "9b1c7e2f4a6d8c0e3b5a7f9d1c2e4a6b8d0f2c4e",
            &CancelHelpdeskHistoryChangeRequest {
                action: "revert".into(),
            },
        )
        .await
        .expect("cancelled");
}

#[tokio::test]
async fn content_is_refreshed_imported_and_exported() {
    let server = MockServer::start().await;
    crisp("POST", "/website/w1/helpdesk/refresh/en/articles")
        .and(no_body)
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("POST", "/website/w1/helpdesk/import/en/articles")
        .and(body_json(json!({
            "helpdesk_url": "https://help.acme.example/",
            "detect_locales": true,
            "other_locales": ["fr", "de"]
        })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("POST", "/website/w1/helpdesk/import/fr/guides")
        .and(body_json(
            json!({ "helpdesk_url": "https://help.acme.example/fr/" }),
        ))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("POST", "/website/w1/helpdesk/export/en/articles")
        .and(no_body)
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let articles = HelpdeskContentType::Articles;

    client
        .request_helpdesk_content_refresh("w1", "en", &articles)
        .await
        .expect("refresh queued");
    client
        .import_external_helpdesk_to_locale(
            "w1",
            "en",
            &articles,
            &HelpdeskExternalImport {
                helpdesk_url: "https://help.acme.example/".into(),
                detect_locales: Some(true),
                other_locales: Some(vec!["fr".into(), "de".into()]),
            },
        )
        .await
        .expect("import queued");
    client
        .import_external_helpdesk_to_locale(
            "w1",
            "fr",
            &HelpdeskContentType::Guides,
            &HelpdeskExternalImport::new("https://help.acme.example/fr/".into()),
        )
        .await
        .expect("import without the optional fields");
    client
        .export_helpdesk_locale_articles("w1", "en", &articles)
        .await
        .expect("export requested");
}

#[tokio::test]
async fn feedback_ratings_and_feedbacks_are_read_over_a_date_range() {
    let server = MockServer::start().await;
    let range = [
        ("filter_date_start", "2025-05-01T00:00:00.000Z"),
        ("filter_date_end", "2025-05-31T23:59:59.999Z"),
    ];
    crisp("GET", "/website/w1/helpdesk/feedback/ratings/en/articles")
        .and(query_param("filter_date_start", "2025-05-01T00:00:00.000Z"))
        .and(query_param("filter_date_end", "2025-05-31T23:59:59.999Z"))
        .and(exact_query(&range))
        .respond_with(envelope(
            json!({ "ratings": { "helpful": 128, "unhelpful": 9 } }),
        ))
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", "/website/w1/helpdesk/feedback/list/en/articles/1")
        .and(query_param("filter_date_start", "2025-05-01T00:00:00.000Z"))
        .and(query_param("filter_date_end", "2025-05-31T23:59:59.999Z"))
        .and(exact_query(&range))
        .respond_with(envelope(json!([
            {
                "rating": "unhelpful",
                "comment": "The WordPress steps are out of date.",
                "article": {
                    "article_id": "0f1e4c86-3b2a-4d6f-9e8c-7a5b4c3d2e1f",
                    "title": "Setup on WordPress",
                    "url": "https://acme.crisp.help/en/article/setup-on-wordpress-1q2w3e/"
                },
                "session": {
                    "session_id": "session_700c65e1-85e2-465a-b9ac-ecb5ec2c9881",
                    "nickname": "Marie",
                    "email": "marie@example.org",
                    "avatar": null,
                    "geolocation": {
                        "country": "FR",
                        "region": "Pays de la Loire",
                        "city": "Nantes",
                        "coordinates": { "latitude": 47.2184, "longitude": -1.5536 }
                    },
                    "assigned": { "user_id": "a4b2c1d0-2f3e-4d5c-8b7a-6e5f4d3c2b1a" }
                },
                "created_at": 1_746_094_210_000_i64
            },
            { "rating": "helpful", "comment": null, "session": null, "created_at": 1_746_180_610_000_i64 }
        ])))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let articles = HelpdeskContentType::Articles;

    let ratings = client
        .map_helpdesk_locale_feedback_ratings(
            "w1",
            "en",
            &articles,
            &MapHelpdeskLocaleFeedbackRatingsOptions {
                filter_date_start: Some("2025-05-01T00:00:00.000Z".into()),
                filter_date_end: Some("2025-05-31T23:59:59.999Z".into()),
            },
        )
        .await
        .expect("ratings")
        .ratings
        .expect("ratings sent");
    assert_eq!((ratings.helpful, ratings.unhelpful), (Some(128), Some(9)));
    let feedbacks = client
        .list_helpdesk_locale_feedbacks(
            "w1",
            "en",
            &articles,
            1,
            &ListHelpdeskLocaleFeedbacksOptions {
                filter_date_start: Some("2025-05-01T00:00:00.000Z".into()),
                filter_date_end: Some("2025-05-31T23:59:59.999Z".into()),
            },
        )
        .await
        .expect("feedbacks");
    assert_eq!(feedbacks.len(), 2);
    let first = &feedbacks[0];
    assert_eq!(first.created_at, Some(1_746_094_210_000));
    assert_eq!(
        first.article.as_ref().and_then(|a| a.title.as_deref()),
        Some("Setup on WordPress")
    );
    let session = first.session.as_ref().expect("session sent");
    assert_eq!(session.avatar, None, "null is None");
    let geolocation = session.geolocation.as_ref().expect("geolocation sent");
    assert_eq!(geolocation.city.as_deref(), Some("Nantes"));
    assert_eq!(
        geolocation.coordinates.as_ref().and_then(|c| c.longitude),
        Some(-1.5536)
    );
    assert_eq!(
        session.assigned.as_ref().and_then(|a| a.user_id.as_deref()),
        Some("a4b2c1d0-2f3e-4d5c-8b7a-6e5f4d3c2b1a")
    );
    let second = &feedbacks[1];
    assert_eq!(second.rating.as_deref(), Some("helpful"));
    assert_eq!(
        (&second.comment, &second.session, &second.article),
        (&None, &None, &None)
    );
}

#[tokio::test]
async fn redirections_are_listed_added_checked_resolved_and_deleted() {
    let server = MockServer::start().await;
    let id = "3d6a8f1e-2c4b-4e7a-9f0d-5b8c1a2e3f4d";
    crisp("GET", "/website/w1/helpdesk/redirections/1")
        .and(no_query)
        .respond_with(envelope(json!([
            {
                "redirection_id": "7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a0b",
                "path": "/en/article/old-pricing-9z8y7x/",
                "target": "/en/article/pricing-1a2b3c/",
                "created_at": 1_704_067_200_000_i64,
                "updated_at": null
            }
        ])))
        .expect(1)
        .mount(&server)
        .await;
    crisp("POST", "/website/w1/helpdesk/redirection")
        .and(body_json(json!({
            "path": "/en/article/old-install-guide-1x2y3z/",
            "target": "https://acme.example/docs/install"
        })))
        .respond_with(envelope(json!({ "redirection_id": id })))
        .expect(1)
        .mount(&server)
        .await;
    let one = format!("/website/w1/helpdesk/redirection/{id}");
    crisp("HEAD", &one)
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", &one)
        .respond_with(envelope(json!({
            "redirection_id": id,
            "path": "/en/article/old-install-guide-1x2y3z/",
            "target": "https://acme.example/docs/install",
            "created_at": 1_735_689_600_000_i64,
            "updated_at": 1_735_776_000_000_i64
        })))
        .expect(1)
        .mount(&server)
        .await;
    crisp("DELETE", &one)
        .and(no_body)
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);

    let listed = client
        .list_helpdesk_redirections("w1", 1)
        .await
        .expect("listed");
    assert_eq!(listed[0].created_at, Some(1_704_067_200_000));
    assert_eq!(listed[0].updated_at, None, "null is None");
    let added = client
        .add_helpdesk_redirection(
            "w1",
            &AddHelpdeskRedirectionRequest {
                path: "/en/article/old-install-guide-1x2y3z/".into(),
                target: "https://acme.example/docs/install".into(),
            },
        )
        .await
        .expect("added");
    let added_id = added.redirection_id.expect("the new id");
    assert_eq!(added_id, id);
    assert!(client
        .check_helpdesk_redirection_exists("w1", &added_id)
        .await
        .expect("200"));
    let resolved = client
        .resolve_helpdesk_redirection("w1", &added_id)
        .await
        .expect("resolved");
    assert_eq!(
        resolved.target.as_deref(),
        Some("https://acme.example/docs/install")
    );
    assert_eq!(resolved.updated_at, Some(1_735_776_000_000));
    client
        .delete_helpdesk_redirection("w1", &added_id)
        .await
        .expect("deleted");
}

#[tokio::test]
async fn settings_are_resolved_and_saved_with_only_the_fields_given() {
    let server = MockServer::start().await;
    crisp("GET", "/website/w1/helpdesk/settings")
        .respond_with(envelope(json!({
            "name": "Acme Help Center",
            "appearance": {
                "color": { "mode": "light", "mode_changeable": true },
                "logos": {
                    "favicon": "https://image.crisp.chat/helpdesk/favicon.png",
                    "header": "https://image.crisp.chat/helpdesk/header.png",
                    "footer": null
                },
                "banner": null
            },
            "localization": {
                "writing_locale": "en",
                "translated_automatic": false,
                "translated_locales_readonly": false
            },
            "section": { "articles": "Articles", "guides": "Guides", "news": "What's new" },
            "behavior": {
                "frequently_read": true,
                "show_category_images": true,
                "show_chatbox": true,
                "ask_feedback": true,
                "report_incorrect": false,
                "serve_markdown": true,
                "agent_chat_bar": true,
                "agent_copy_button": true,
                "table_of_contents": true,
                "locale_picker": true,
                "refer_link": false,
                "forbid_indexing": false,
                "status_health_dead": false
            },
            "service": { "mcp_server": false },
            "include": { "html": "<script async src=\"https://cdn.acme.example/analytics.js\"></script>" },
            "access": { "restrict_mode": "none", "password": null, "jwt_secret": null }
        })))
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", "/website/w1/helpdesk/settings")
        .and(body_json(json!({
            "behavior": { "forbid_indexing": true, "ask_feedback": false },
            "service": { "mcp_server": true },
            "access": { "restrict_mode": "password", "password": "letmein-2025" }
        })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);

    let settings = client
        .resolve_helpdesk_settings("w1")
        .await
        .expect("resolved");
    assert_eq!(settings.name.as_deref(), Some("Acme Help Center"));
    let appearance = settings.appearance.as_ref().expect("appearance sent");
    assert_eq!(appearance.banner, None, "null is None");
    assert_eq!(
        appearance.color.as_ref().and_then(|c| c.mode.as_deref()),
        Some("light")
    );
    assert_eq!(
        appearance.logos.as_ref().and_then(|l| l.footer.as_deref()),
        None
    );
    let section = settings.section.as_ref().expect("section sent");
    assert_eq!(section.news.as_deref(), Some("What's new"));
    assert_eq!(section.references, None, "a missing field is None");
    let behavior = settings.behavior.as_ref().expect("behavior sent");
    assert_eq!(behavior.serve_markdown, Some(true));
    assert_eq!(behavior.status_health_dead, Some(false));
    assert_eq!(
        settings.access,
        Some(HelpdeskSettingsAccess {
            restrict_mode: Some("none".into()),
            password: None,
            jwt_secret: None,
        })
    );

    client
        .save_helpdesk_settings(
            "w1",
            &HelpdeskSettings {
                behavior: Some(HelpdeskSettingsBehavior {
                    forbid_indexing: Some(true),
                    ask_feedback: Some(false),
                    ..Default::default()
                }),
                service: Some(HelpdeskSettingsService {
                    mcp_server: Some(true),
                }),
                access: Some(HelpdeskSettingsAccess {
                    restrict_mode: Some("password".into()),
                    password: Some("letmein-2025".into()),
                    jwt_secret: None,
                }),
                ..Default::default()
            },
        )
        .await
        .expect("saved");
}

#[tokio::test]
async fn domain_is_resolved_changed_and_its_setup_flow_generated() {
    let server = MockServer::start().await;
    crisp("GET", "/website/w1/helpdesk/domain")
        .respond_with(envelope(json!({
            "root": "crisp.help",
            "basic": "acme",
            "custom": null,
            "verified": false
        })))
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", "/website/w1/helpdesk/domain")
        .and(body_json(json!({ "custom": "help.acme.example" })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", "/website/w1/helpdesk/domain")
        .and(body_json(json!({ "basic": "acme-support" })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", "/website/w1/helpdesk/domain/setup")
        .and(query_param("custom", "help.acme.example"))
        .and(exact_query(&[("custom", "help.acme.example")]))
        .respond_with(envelope(json!({
            "custom": "help.acme.example",
            "setup": {
                "records": [
                    {
                        "type": "CNAME",
                        "query": "help.acme.example",
                        "name": "help",
                        "value": "helpdesk.crisp.help"
                    },
                    { "type": "TXT", "name": "_crisp-verify.help", "value": "crisp-verify=5b9c2d" }
                ]
            }
        })))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);

    let domain = client
        .resolve_helpdesk_domain("w1")
        .await
        .expect("resolved");
    assert_eq!(domain.basic.as_deref(), Some("acme"));
    assert_eq!(domain.custom, None, "no custom domain yet");
    assert_eq!(domain.verified, Some(false));
    client
        .request_helpdesk_domain_change(
            "w1",
            &RequestHelpdeskDomainChangeRequest {
                custom: Some("help.acme.example".into()),
                ..Default::default()
            },
        )
        .await
        .expect("custom domain requested, the subdomain left out");
    client
        .request_helpdesk_domain_change(
            "w1",
            &RequestHelpdeskDomainChangeRequest {
                basic: Some("acme-support".into()),
                ..Default::default()
            },
        )
        .await
        .expect("subdomain changed, the custom domain left out");
    let flow = client
        .generate_helpdesk_domain_setup_flow(
            "w1",
            &GenerateHelpdeskDomainSetupFlowOptions {
                custom: Some("help.acme.example".into()),
            },
        )
        .await
        .expect("setup flow");
    assert_eq!(flow.custom.as_deref(), Some("help.acme.example"));
    let records = flow
        .setup
        .and_then(|setup| setup.records)
        .expect("records sent");
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].type_.as_deref(), Some("CNAME"));
    assert_eq!(records[0].value.as_deref(), Some("helpdesk.crisp.help"));
    assert_eq!(records[1].query, None, "a missing field is None");
}

#[tokio::test]
async fn a_content_type_the_client_does_not_know_is_kept_and_sent_as_is() {
    let decoded: HelpdeskContentType =
        serde_json::from_value(json!("faqs")).expect("any string decodes");
    assert_eq!(decoded, HelpdeskContentType::Other("faqs".into()));
    let known: HelpdeskContentType =
        serde_json::from_value(json!("references")).expect("a known value decodes");
    assert_eq!(known, HelpdeskContentType::References);

    let server = MockServer::start().await;
    crisp("GET", "/website/w1/helpdesk/page/list/en/faqs/1")
        .respond_with(envelope(
            json!([{ "entity_id": "e1", "title": "Is there a free plan?" }]),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let pages = client(&server)
        .list_helpdesk_pages("w1", "en", &decoded, 1)
        .await
        .expect("listed");
    assert_eq!(pages[0].title.as_deref(), Some("Is there a free plan?"));
}

#[tokio::test]
async fn empty_answers_decode_to_empty_values() {
    let server = MockServer::start().await;
    crisp("GET", "/website/w1/helpdesk/locale/en")
        .respond_with(envelope(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", "/website/w1/helpdesk/tree/path/en/articles/install")
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "error": false, "reason": "resolved" })),
        )
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", "/website/w1/helpdesk/redirections/1")
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "error": false, "reason": "resolved" })),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);

    let locale = client
        .resolve_helpdesk_locale("w1", "en")
        .await
        .expect("an empty object decodes");
    assert_eq!(locale, Default::default());
    let entry = client
        .resolve_helpdesk_tree_path("w1", "en", &HelpdeskContentType::Articles, "install")
        .await
        .expect("an answer without data is empty");
    assert_eq!(entry, HelpdeskTreeEntry::default());
    let redirections = client
        .list_helpdesk_redirections("w1", 1)
        .await
        .expect("a list answer without data is empty");
    assert!(redirections.is_empty());
}
