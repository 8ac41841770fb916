//! Batch: every action on many conversations at once (resolve, unresolve, read, unread, remove, report, block,
//! assign, move to an inbox, set data and segments) and on many people, picked by id or by a search (remove,
//! set data and segments), including the three routes two SDK methods share; each accepted by Prism.

use std::collections::BTreeMap;

use crisp_client::types::{
    BatchBlock, BatchConversations, BatchConversationsData, BatchConversationsSegments, BatchInbox,
    BatchPeopleFilter, BatchPeopleSearch, BatchPeopleSelection, BatchRemovePeopleRequest,
    BatchReport, BatchRouting, BatchRoutingAssigned, BatchUpdatePeopleDataRequest,
    BatchUpdatePeopleSegmentsRequest, DataValue,
};
use serde_json::json;

use super::{Ctx, PEOPLE, SESSION, USER, WEBSITE};

const OTHER_SESSION: &str = "session_1f0e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b";
const INBOX: &str = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
const OTHER_PEOPLE: &str = "eee8759d-52db-48e5-982d-3426e3566ce0";

pub async fn call(ctx: &Ctx<'_>) {
    let client = &ctx.client;
    let sessions = || vec![SESSION.to_string(), OTHER_SESSION.to_string()];
    let picked = BatchConversations {
        inbox_id: None,
        sessions: Some(sessions()),
    };
    let whole_inbox = BatchConversations {
        inbox_id: Some(INBOX.into()),
        sessions: None,
    };
    ctx.accepted(
        "batchResolveConversations",
        client.batch_resolve_conversations(WEBSITE, &picked).await,
    );
    ctx.accepted(
        "batchUnresolveConversations",
        client.batch_unresolve_conversations(WEBSITE, &picked).await,
    );
    ctx.accepted(
        "batchReadConversations",
        client.batch_read_conversations(WEBSITE, &whole_inbox).await,
    );
    ctx.accepted(
        "batchUnreadConversations",
        client.batch_unread_conversations(WEBSITE, &picked).await,
    );
    ctx.accepted(
        "batchRemoveConversations",
        client.batch_remove_conversations(WEBSITE, &picked).await,
    );
    let report = BatchReport {
        sessions: sessions(),
        flag: "spam".into(),
    };
    ctx.accepted(
        "batchReportConversations",
        client.batch_report_conversations(WEBSITE, &report).await,
    );
    let block = BatchBlock {
        sessions: sessions(),
        blocked: true,
    };
    ctx.accepted(
        "batchBlockConversations",
        client.batch_block_conversations(WEBSITE, &block).await,
    );
    let assign = BatchRouting {
        sessions: sessions(),
        assigned: Some(BatchRoutingAssigned {
            user_id: USER.into(),
        }),
    };
    ctx.accepted(
        "batchRoutingConversations",
        client.batch_routing_conversations(WEBSITE, &assign).await,
    );
    let move_to = BatchInbox {
        sessions: sessions(),
        inbox_id: Some(INBOX.into()),
    };
    ctx.accepted(
        "batchInboxConversations",
        client.batch_inbox_conversations(WEBSITE, &move_to).await,
    );
    let conversations_data = BatchConversationsData {
        sessions: sessions(),
        data: BTreeMap::from([
            ("order_id".to_string(), DataValue::Integer(48_213)),
            ("priority".to_string(), DataValue::String("high".into())),
            ("escalated".to_string(), DataValue::Boolean(true)),
        ]),
    };
    ctx.accepted(
        "batchUpdateConversationsData",
        client
            .batch_update_conversations_data(WEBSITE, &conversations_data)
            .await,
    );
    let conversations_segments = BatchConversationsSegments {
        sessions: sessions(),
        segments: vec!["refund".into(), "priority".into()],
    };
    ctx.accepted(
        "batchUpdateConversationsSegments",
        client
            .batch_update_conversations_segments(WEBSITE, &conversations_segments)
            .await,
    );

    let by_id = BatchPeopleSelection {
        profiles: Some(vec![PEOPLE.into(), OTHER_PEOPLE.into()]),
        search: None,
    };
    let by_search = BatchPeopleSelection {
        profiles: None,
        search: Some(BatchPeopleSearch {
            filter: Some(vec![BatchPeopleFilter {
                model: "people".into(),
                criterion: "segments".into(),
                operator: "eq".into(),
                query: vec![json!("trial")],
            }]),
            operator: Some("and".into()),
        }),
    };
    ctx.accepted(
        "batchRemovePeople",
        client
            .batch_remove_people(
                WEBSITE,
                &BatchRemovePeopleRequest {
                    people: by_id.clone(),
                },
            )
            .await,
    );
    let people_data = BatchUpdatePeopleDataRequest {
        people: by_search,
        data: BTreeMap::from([
            ("plan".to_string(), DataValue::String("pro".into())),
            ("subscribed".to_string(), DataValue::Boolean(true)),
        ]),
    };
    ctx.accepted(
        "batchUpdatePeopleData",
        client.batch_update_people_data(WEBSITE, &people_data).await,
    );
    let people_segments = BatchUpdatePeopleSegmentsRequest {
        people: by_id,
        segments: vec!["customer".into(), "vip".into()],
    };
    ctx.accepted(
        "batchUpdatePeopleSegments",
        client
            .batch_update_people_segments(WEBSITE, &people_segments)
            .await,
    );
}
