//! People: a contact's whole life as a support bot drives it (create, check, read, save, update, remove), the
//! profile list searched with every query parameter (the filters as JSON text), the person's conversations,
//! campaigns, timeline events, custom data of mixed types and email subscription, the suggested segments, data
//! keys and events, and import and export; each call accepted by Prism with its answer decoded.

use std::collections::BTreeMap;

use crisp_client::types::{
    DataValue, DeleteSuggestedPeopleDataKeyRequest, DeleteSuggestedPeopleEventRequest,
    DeleteSuggestedPeopleSegmentRequest, Geolocation, ListPeopleProfilesOptions, PeopleDataUpdate,
    PeopleEvent, PeopleFilter, PeopleProfileCompany, PeopleProfileEmployment,
    PeopleProfileImportSetup, PeopleProfileImportSetupMapping, PeopleProfileImportSetupOptions,
    PeopleProfilePerson, PeopleProfileSocial, PeopleProfileUpdate, PeopleSortOrder,
    PeopleSubscriptionUpdate, SearchOperator,
};
use serde_json::json;

use super::{Ctx, PEOPLE, WEBSITE};

pub async fn call(ctx: &Ctx<'_>) {
    let client = &ctx.client;
    ctx.accepted(
        "getPeopleStatistics",
        client.get_people_statistics(WEBSITE).await,
    );
    suggestions(ctx).await;

    let search = ListPeopleProfilesOptions {
        sort_field: Some("person.nickname".into()),
        sort_order: Some(PeopleSortOrder::Descending),
        search_operator: Some(SearchOperator::Or),
        search_filter: Some(vec![
            PeopleFilter {
                model: "people".into(),
                criterion: "segments".into(),
                operator: "eq".into(),
                query: vec!["vip".into(), "trial".into()],
            },
            PeopleFilter {
                model: "people".into(),
                criterion: "email".into(),
                operator: "has".into(),
                query: vec!["@acme-inc.com".into()],
            },
        ]),
        search_text: Some("Jane Doe".into()),
    };
    ctx.accepted(
        "listPeopleProfiles",
        client.list_people_profiles(WEBSITE, 1, &search).await,
    );

    let contact = PeopleProfileUpdate {
        email: Some("jane.doe@acme-inc.com".into()),
        person: Some(PeopleProfilePerson {
            nickname: Some("Jane Doe".into()),
            phone: Some("+33 6 12 34 56 78".into()),
            timezone: Some(-60),
            locales: Some(vec!["fr".into(), "en".into()]),
            profiles: Some(vec![PeopleProfileSocial {
                type_: Some("twitter".into()),
                handle: Some("janedoe".into()),
                url: Some("https://twitter.com/janedoe".into()),
            }]),
            employment: Some(PeopleProfileEmployment {
                name: Some("Acme Inc.".into()),
                title: Some("Head of Support".into()),
                ..PeopleProfileEmployment::default()
            }),
            geolocation: Some(Geolocation {
                country: Some("FR".into()),
                city: Some("Nantes".into()),
                ..Geolocation::default()
            }),
            ..PeopleProfilePerson::default()
        }),
        company: Some(PeopleProfileCompany {
            name: Some("Acme Inc.".into()),
            domain: Some("acme-inc.com".into()),
            url: Some("https://acme-inc.com/".into()),
            ..PeopleProfileCompany::default()
        }),
        segments: Some(vec!["trial".into(), "chat".into()]),
        notepad: Some("Asked about the annual plan.".into()),
        active: Some(1_764_000_000_000),
    };
    ctx.accepted(
        "addNewPeopleProfile",
        client.add_new_people_profile(WEBSITE, &contact).await,
    );
    ctx.accepted(
        "checkPeopleProfileExists",
        client.check_people_profile_exists(WEBSITE, PEOPLE).await,
    );
    ctx.accepted(
        "getPeopleProfile",
        client.get_people_profile(WEBSITE, PEOPLE).await,
    );
    ctx.accepted(
        "savePeopleProfile",
        client.save_people_profile(WEBSITE, PEOPLE, &contact).await,
    );
    let upgraded = PeopleProfileUpdate {
        segments: Some(vec!["customer".into(), "vip".into()]),
        ..PeopleProfileUpdate::default()
    };
    ctx.accepted(
        "updatePeopleProfile",
        client
            .update_people_profile(WEBSITE, PEOPLE, &upgraded)
            .await,
    );

    ctx.accepted(
        "listPeopleConversations",
        client.list_people_conversations(WEBSITE, PEOPLE, 1).await,
    );
    ctx.accepted(
        "listPeopleCampaigns",
        client.list_people_campaigns(WEBSITE, PEOPLE, 1).await,
    );
    let event = PeopleEvent {
        text: Some("Added item to basket".into()),
        data: Some(BTreeMap::from([
            ("price".to_string(), json!(10.99)),
            ("currency".to_string(), json!("USD")),
            ("quantity".to_string(), json!(2)),
        ])),
        color: Some("red".into()),
        timestamp: None,
    };
    ctx.accepted(
        "addPeopleEvent",
        client.add_people_event(WEBSITE, PEOPLE, &event).await,
    );
    ctx.accepted(
        "listPeopleEvents",
        client.list_people_events(WEBSITE, PEOPLE, 1).await,
    );

    ctx.accepted(
        "getPeopleData",
        client.get_people_data(WEBSITE, PEOPLE).await,
    );
    let data = PeopleDataUpdate {
        data: BTreeMap::from([
            ("plan".to_string(), DataValue::String("pro".into())),
            ("seats".to_string(), DataValue::Integer(12)),
            ("subscribed".to_string(), DataValue::Boolean(true)),
            ("mrr".to_string(), DataValue::Number(49.5)),
            ("churn_reason".to_string(), DataValue::Any(json!(null))),
        ]),
    };
    ctx.accepted(
        "savePeopleData",
        client.save_people_data(WEBSITE, PEOPLE, &data).await,
    );
    let signup = PeopleDataUpdate {
        data: BTreeMap::from([("signup".to_string(), DataValue::String("finished".into()))]),
    };
    ctx.accepted(
        "updatePeopleData",
        client.update_people_data(WEBSITE, PEOPLE, &signup).await,
    );

    ctx.accepted(
        "getPeopleSubscriptionStatus",
        client.get_people_subscription_status(WEBSITE, PEOPLE).await,
    );
    ctx.accepted(
        "updatePeopleSubscriptionStatus",
        client
            .update_people_subscription_status(
                WEBSITE,
                PEOPLE,
                &PeopleSubscriptionUpdate { email: Some(false) },
            )
            .await,
    );

    ctx.accepted(
        "exportPeopleProfiles",
        client.export_people_profiles(WEBSITE).await,
    );
    let import = PeopleProfileImportSetup {
        url: Some("https://files.acme-inc.com/exports/contacts-2026-01.csv".into()),
        mapping: Some(vec![
            PeopleProfileImportSetupMapping {
                column: Some(1),
                field: Some("email".into()),
            },
            PeopleProfileImportSetupMapping {
                column: Some(2),
                field: Some("person.nickname".into()),
            },
        ]),
        options: Some(PeopleProfileImportSetupOptions {
            column_separator: Some(";".into()),
            skip_header: Some(true),
        }),
    };
    ctx.accepted(
        "importPeopleProfiles",
        client.import_people_profiles(WEBSITE, &import).await,
    );

    ctx.accepted(
        "removePeopleProfile",
        client.remove_people_profile(WEBSITE, PEOPLE).await,
    );
}

/// The segments, data keys and events Crisp suggests: listed, then one of each no longer suggested.
async fn suggestions(ctx: &Ctx<'_>) {
    let client = &ctx.client;
    ctx.accepted(
        "listSuggestedPeopleSegments",
        client.list_suggested_people_segments(WEBSITE, 1).await,
    );
    ctx.accepted(
        "deleteSuggestedPeopleSegment",
        client
            .delete_suggested_people_segment(
                WEBSITE,
                &DeleteSuggestedPeopleSegmentRequest {
                    segment: "old-trial".into(),
                },
            )
            .await,
    );
    ctx.accepted(
        "listSuggestedPeopleDataKeys",
        client.list_suggested_people_data_keys(WEBSITE, 1).await,
    );
    ctx.accepted(
        "deleteSuggestedPeopleDataKey",
        client
            .delete_suggested_people_data_key(
                WEBSITE,
                &DeleteSuggestedPeopleDataKeyRequest {
                    key: "legacy_plan".into(),
                },
            )
            .await,
    );
    ctx.accepted(
        "listSuggestedPeopleEvents",
        client.list_suggested_people_events(WEBSITE, 1).await,
    );
    ctx.accepted(
        "deleteSuggestedPeopleEvent",
        client
            .delete_suggested_people_event(
                WEBSITE,
                &DeleteSuggestedPeopleEventRequest {
                    text: "Visited pricing (old)".into(),
                },
            )
            .await,
    );
}
