//! Inboxes: the list of inboxes, ordering several at once, and an inbox's whole life (create, check, read,
//! save, delete) with its routing conditions, each accepted by Prism with its answer decoded.

use crisp_client::types::{
    Inbox, InboxCondition, InboxConditionModel, InboxConditionOperator, InboxOrder, InboxOrders,
};

use super::{Ctx, USER, WEBSITE};

const INBOX: &str = "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d";
const OTHER_INBOX: &str = "1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e";
const TEAM: &str = "3f6c1d2e-8a9b-4c7d-b5e4-0f1a2b3c4d5e";

pub async fn call(ctx: &Ctx<'_>) {
    let client = &ctx.client;
    ctx.accepted("listInboxes", client.list_inboxes(WEBSITE, 1).await);
    let orders = InboxOrders {
        orders: vec![
            InboxOrder {
                inbox_id: OTHER_INBOX.into(),
                order: 1,
            },
            InboxOrder {
                inbox_id: INBOX.into(),
                order: 2,
            },
        ],
    };
    ctx.accepted(
        "batchOrderInboxes",
        client.batch_order_inboxes(WEBSITE, &orders).await,
    );
    let billing = Inbox {
        name: Some("Billing".into()),
        emoji: Some("💳".into()),
        order: Some(2),
        operators: Some(vec![USER.into()]),
        teams: Some(vec![TEAM.into()]),
        conditions: Some(vec![InboxCondition {
            model: Some(InboxConditionModel::Session),
            criterion: Some("segments".into()),
            operator: Some(InboxConditionOperator::Eq),
            query: Some(vec!["billing".into(), "refund".into()]),
        }]),
        operator: Some("or".into()),
        ..Inbox::default()
    };
    ctx.accepted(
        "createNewInbox",
        client.create_new_inbox(WEBSITE, &billing).await,
    );
    ctx.accepted(
        "checkInboxExists",
        client.check_inbox_exists(WEBSITE, INBOX).await,
    );
    ctx.accepted("getInbox", client.get_inbox(WEBSITE, INBOX).await);
    let renamed = Inbox {
        name: Some("Billing & refunds".into()),
        ..billing
    };
    ctx.accepted(
        "saveInbox",
        client.save_inbox(WEBSITE, INBOX, &renamed).await,
    );
    ctx.accepted("deleteInbox", client.delete_inbox(WEBSITE, INBOX).await);
}
