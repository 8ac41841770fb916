//! Conversations: the list, one conversation, its messages, metas, state, routing and participants, and every
//! other route of the SDK's `WebsiteConversation` (suggestions, spam, message marks, pages, events, files,
//! blocking, verification, transcripts, co-browsing, calls, tools, plugin widgets, reminders and reports).

use std::collections::BTreeMap;

use crisp_client::types::{
    AbortOngoingCallSessionForConversationRequest, BlockIncomingMessagesForConversationRequest,
    BrowsingAssist, BrowsingPoint, CallSignaling, ComposeMessage, ComposeMessageType,
    ConversationMeta, ConversationState, ConversationUnreadMark, DataValue,
    DeleteSuggestedConversationDataKeyRequest, DeleteSuggestedConversationSegmentRequest,
    DeliverWidgetButtonActionForConversationRequest, EditedMessageContent, Flag,
    IdentityVerificationRedeem, IdentityVerificationRequest, IdentityVerificationRequestMethod,
    InitiateNewCallSessionForConversationRequest, InitiateNewCallSessionForConversationRequestMode,
    ListConversationMessagesOptions, ListConversationsOptions, ListConversationsSearchType,
    MessageFrom, MessageUser, MessageUserType, MessagesReceipt, NewMessage, NoteMessage,
    Participant, ParticipantType, PickerMessage, PickerMessageContent,
    PickerMessageContentChoicesItem, ReportConversationRequest,
    RequestEmailTranscriptForConversationRequest, RequestToolCallForConversationRequest,
    SaveConversationParticipantsRequest, ScheduleReminderForConversationRequest,
    SendActionToExistingBrowsingSessionRequest, SubmitSpamConversationDecisionRequest, TextMessage,
    UpdateConversationInboxRequest, UpdateConversationOpenStateRequest,
    UpdateConversationRoutingRequest, UpdateConversationRoutingRequestAssigned,
    UpdateConversationStateRequest, UpdateMessageInConversationRequest,
    UpdateVerifyStatusForConversationRequest, WidgetDataEdit, WidgetDataFetch,
};
use serde_json::json;

use super::{Ctx, PLUGIN, SESSION, USER, WEBSITE};

/// A message's fingerprint, as Crisp makes them (beyond 2^32).
const FINGERPRINT: i64 = 170_000_000_012_345;
const SPAM: &str = "2b1e8c3a-54f6-4c2d-9d7e-0a1b2c3d4e5f";
const BROWSING: &str = "e1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8";
const CALL: &str = "7f6e5d4c-3b2a-4190-8877-665544332211";
const INBOX: &str = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";

pub async fn call(ctx: &Ctx<'_>) {
    let client = &ctx.client;
    let options = ListConversationsOptions {
        per_page: Some(20),
        include_empty: Some(Flag::No),
        filter_unread: Some(Flag::Yes),
        filter_assigned: Some(USER.into()),
        filter_date_start: Some("2026-01-01T00:00:00Z".into()),
        order_date_updated: Some(Flag::Yes),
        search_type: Some(ListConversationsSearchType::Text),
        search_query: Some("refund & return".into()),
        ..ListConversationsOptions::default()
    };
    ctx.accepted(
        "listConversations",
        client.list_conversations(WEBSITE, 1, &options).await,
    );
    ctx.accepted(
        "createConversation",
        client.create_conversation(WEBSITE).await,
    );
    ctx.accepted(
        "getConversation",
        client.get_conversation(WEBSITE, SESSION).await,
    );
    let before = ListConversationMessagesOptions {
        timestamp_before: Some(1_764_000_000_000),
        ..ListConversationMessagesOptions::default()
    };
    ctx.accepted(
        "listConversationMessages",
        client
            .list_conversation_messages(WEBSITE, SESSION, &before)
            .await,
    );
    for message in messages() {
        ctx.accepted(
            "sendConversationMessage",
            client
                .send_conversation_message(WEBSITE, SESSION, &message)
                .await,
        );
    }
    let mut state = UpdateConversationStateRequest::new(ConversationState::Resolved);
    state.origin = Some("chat".into());
    ctx.accepted(
        "updateConversationState",
        client
            .update_conversation_state(WEBSITE, SESSION, &state)
            .await,
    );
    let assign = UpdateConversationRoutingRequest {
        assigned: Some(UpdateConversationRoutingRequestAssigned {
            user_id: USER.into(),
        }),
        silent: Some(true),
    };
    ctx.accepted(
        "updateConversationRouting",
        client
            .update_conversation_routing(WEBSITE, SESSION, &assign)
            .await,
    );
    ctx.accepted(
        "updateConversationRouting",
        client
            .update_conversation_routing(
                WEBSITE,
                SESSION,
                &UpdateConversationRoutingRequest::new(None),
            )
            .await,
    );
    ctx.accepted(
        "getConversationMeta",
        client.get_conversation_meta(WEBSITE, SESSION).await,
    );
    let mut participants = SaveConversationParticipantsRequest::new(vec![Participant {
        type_: ParticipantType::Email,
        target: "jane@example.com".into(),
    }]);
    participants.user = Some(MessageUser {
        nickname: Some("Support bot".into()),
        ..MessageUser::default()
    });
    ctx.accepted(
        "saveConversationParticipants",
        client
            .save_conversation_participants(WEBSITE, SESSION, &participants)
            .await,
    );
    suggestions_and_spam(ctx).await;
    one_conversation(ctx).await;
    messages_and_marks(ctx).await;
    history(ctx).await;
    blocking_and_verification(ctx).await;
    browsing_and_calls(ctx).await;
    tools_widgets_and_reminders(ctx).await;
}

/// A text message, a note with mentions and a picker: three shapes of `content`.
fn messages() -> Vec<NewMessage> {
    let text = TextMessage::new(
        MessageFrom::Operator,
        "chat".into(),
        "Hello! How can we help?".into(),
    );
    let mut note = NoteMessage::new(
        MessageFrom::Operator,
        "chat".into(),
        "Customer asked for a refund".into(),
    );
    note.mentions = Some(vec![USER.into()]);
    let choice = |value: &str, label: &str| PickerMessageContentChoicesItem {
        value: value.into(),
        label: label.into(),
        selected: false,
        icon: None,
        action: None,
    };
    let picker = PickerMessage::new(
        MessageFrom::Operator,
        "chat".into(),
        PickerMessageContent {
            id: "rating".into(),
            text: "How was it?".into(),
            choices: vec![choice("good", "Good"), choice("bad", "Bad")],
            required: Some(true),
        },
    );
    vec![
        NewMessage::Text(text),
        NewMessage::Note(note),
        NewMessage::Picker(picker),
    ]
}

/// An operator, as named on changes they make.
fn operator() -> MessageUser {
    MessageUser {
        type_: Some(MessageUserType::Website),
        user_id: Some(USER.into()),
        nickname: Some("Valerian Saliou".into()),
        avatar: Some("https://avatars.example.com/valerian.png".into()),
    }
}

/// Suggested segments and data keys, and conversations held as spam.
async fn suggestions_and_spam(ctx: &Ctx<'_>) {
    let client = &ctx.client;
    ctx.accepted(
        "listSuggestedConversationSegments",
        client
            .list_suggested_conversation_segments(WEBSITE, 1)
            .await,
    );
    ctx.accepted(
        "deleteSuggestedConversationSegment",
        client
            .delete_suggested_conversation_segment(
                WEBSITE,
                &DeleteSuggestedConversationSegmentRequest {
                    segment: "black-friday-2025".into(),
                },
            )
            .await,
    );
    ctx.accepted(
        "listSuggestedConversationDataKeys",
        client
            .list_suggested_conversation_data_keys(WEBSITE, 1)
            .await,
    );
    ctx.accepted(
        "deleteSuggestedConversationDataKey",
        client
            .delete_suggested_conversation_data_key(
                WEBSITE,
                &DeleteSuggestedConversationDataKeyRequest {
                    key: "order_id".into(),
                },
            )
            .await,
    );
    ctx.accepted(
        "listSpamConversations",
        client.list_spam_conversations(WEBSITE, 1).await,
    );
    ctx.accepted(
        "resolveSpamConversationContent",
        client
            .resolve_spam_conversation_content(WEBSITE, SPAM)
            .await,
    );
    ctx.accepted(
        "submitSpamConversationDecision",
        client
            .submit_spam_conversation_decision(
                WEBSITE,
                SPAM,
                &SubmitSpamConversationDecisionRequest {
                    action: "accept".into(),
                },
            )
            .await,
    );
}

/// One conversation: whether it exists, starting it, its state, routing, inbox, metas, relations and
/// participants, opening it and removing it.
async fn one_conversation(ctx: &Ctx<'_>) {
    let client = &ctx.client;
    ctx.accepted(
        "checkConversationExists",
        client.check_conversation_exists(WEBSITE, SESSION).await,
    );
    ctx.accepted(
        "initiateConversationWithExistingSession",
        client
            .initiate_conversation_with_existing_session(WEBSITE, SESSION)
            .await,
    );
    ctx.accepted(
        "getConversationState",
        client.get_conversation_state(WEBSITE, SESSION).await,
    );
    ctx.accepted(
        "getConversationRoutingAssign",
        client
            .get_conversation_routing_assign(WEBSITE, SESSION)
            .await,
    );
    for inbox in [Some(INBOX.to_string()), None] {
        ctx.accepted(
            "updateConversationInbox",
            client
                .update_conversation_inbox(
                    WEBSITE,
                    SESSION,
                    &UpdateConversationInboxRequest { inbox_id: inbox },
                )
                .await,
        );
    }
    let metas = ConversationMeta {
        nickname: Some("Jane Doe".into()),
        email: Some("jane.doe@example.com".into()),
        phone: Some("+33 6 12 34 56 78".into()),
        subject: Some("Refund for order #1042".into()),
        segments: Some(vec!["customer".into(), "refund".into()]),
        data: Some(BTreeMap::from([
            ("order_id".to_string(), DataValue::String("1042".into())),
            ("items".to_string(), DataValue::Integer(3)),
            ("total".to_string(), DataValue::Number(89.9)),
            ("vip".to_string(), DataValue::Boolean(true)),
        ])),
        ..ConversationMeta::default()
    };
    ctx.accepted(
        "updateConversationMetas",
        client
            .update_conversation_metas(WEBSITE, SESSION, &metas)
            .await,
    );
    ctx.accepted(
        "getConversationRelations",
        client.get_conversation_relations(WEBSITE, SESSION).await,
    );
    ctx.accepted(
        "getConversationParticipants",
        client.get_conversation_participants(WEBSITE, SESSION).await,
    );
    ctx.accepted(
        "updateConversationOpenState",
        client
            .update_conversation_open_state(
                WEBSITE,
                SESSION,
                &UpdateConversationOpenStateRequest { opened: true },
            )
            .await,
    );
    ctx.accepted(
        "removeConversation",
        client.remove_conversation(WEBSITE, SESSION).await,
    );
}

/// One message (read, edited, removed), typing, read, delivered and unread marks, and an original message.
async fn messages_and_marks(ctx: &Ctx<'_>) {
    let client = &ctx.client;
    ctx.accepted(
        "getMessageInConversation",
        client
            .get_message_in_conversation(WEBSITE, SESSION, FINGERPRINT)
            .await,
    );
    let edited = UpdateMessageInConversationRequest {
        content: EditedMessageContent::String("Hello! How can we help you today?".into()),
    };
    ctx.accepted(
        "updateMessageInConversation",
        client
            .update_message_in_conversation(WEBSITE, SESSION, FINGERPRINT, &edited)
            .await,
    );
    ctx.accepted(
        "removeMessageInConversation",
        client
            .remove_message_in_conversation(WEBSITE, SESSION, FINGERPRINT)
            .await,
    );
    let mut compose = ComposeMessage::new(ComposeMessageType::Start, MessageFrom::Operator);
    compose.excerpt = Some("Let me check your ord".into());
    ctx.accepted(
        "composeMessageInConversation",
        client
            .compose_message_in_conversation(WEBSITE, SESSION, &compose)
            .await,
    );
    let mut read = MessagesReceipt::new(MessageFrom::Operator, "chat".into());
    read.fingerprints = Some(vec![FINGERPRINT, FINGERPRINT + 1]);
    ctx.accepted(
        "markMessagesReadInConversation",
        client
            .mark_messages_read_in_conversation(WEBSITE, SESSION, &read)
            .await,
    );
    ctx.accepted(
        "markMessagesDeliveredInConversation",
        client
            .mark_messages_delivered_in_conversation(
                WEBSITE,
                SESSION,
                &MessagesReceipt::new(MessageFrom::User, "chat".into()),
            )
            .await,
    );
    ctx.accepted(
        "markConversationAsUnread",
        client
            .mark_conversation_as_unread(
                WEBSITE,
                SESSION,
                &ConversationUnreadMark {
                    from: MessageFrom::Operator,
                },
            )
            .await,
    );
    ctx.accepted(
        "getOriginalMessageInConversation",
        client
            .get_original_message_in_conversation(
                WEBSITE,
                SESSION,
                "3f9b2c1e-7a6d-4e5f-8a9b-0c1d2e3f4a5b",
            )
            .await,
    );
}

/// The pages the visitor browsed, their events and the files sent.
async fn history(ctx: &Ctx<'_>) {
    let client = &ctx.client;
    ctx.accepted(
        "listConversationPages",
        client.list_conversation_pages(WEBSITE, SESSION, 1).await,
    );
    ctx.accepted(
        "listConversationEvents",
        client.list_conversation_events(WEBSITE, SESSION, 1).await,
    );
    ctx.accepted(
        "listConversationFiles",
        client.list_conversation_files(WEBSITE, SESSION, 1).await,
    );
}

/// Blocking the visitor, and verifying their identity.
async fn blocking_and_verification(ctx: &Ctx<'_>) {
    let client = &ctx.client;
    ctx.accepted(
        "getBlockStatusForConversation",
        client
            .get_block_status_for_conversation(WEBSITE, SESSION)
            .await,
    );
    let block = BlockIncomingMessagesForConversationRequest {
        blocked: true,
        user: Some(operator()),
        origin: Some("chat".into()),
    };
    ctx.accepted(
        "blockIncomingMessagesForConversation",
        client
            .block_incoming_messages_for_conversation(WEBSITE, SESSION, &block)
            .await,
    );
    ctx.accepted(
        "getVerifyStatusForConversation",
        client
            .get_verify_status_for_conversation(WEBSITE, SESSION)
            .await,
    );
    ctx.accepted(
        "updateVerifyStatusForConversation",
        client
            .update_verify_status_for_conversation(
                WEBSITE,
                SESSION,
                &UpdateVerifyStatusForConversationRequest { verified: true },
            )
            .await,
    );
    let request = IdentityVerificationRequest {
        identity: Some("email".into()),
        method: Some(IdentityVerificationRequestMethod::Link),
        recipient: Some("jane.doe@example.com".into()),
    };
    ctx.accepted(
        "requestIdentityVerificationForConversation",
        client
            .request_identity_verification_for_conversation(WEBSITE, SESSION, &request)
            .await,
    );
    let redeem = IdentityVerificationRedeem {
        identity: Some("email".into()),
        token: Some("b1946ac92492d2347c6235b4d2611184".into()),
        recipient: Some("jane.doe@example.com".into()),
    };
    ctx.accepted(
        "redeemIdentityVerificationLinkForConversation",
        client
            .redeem_identity_verification_link_for_conversation(WEBSITE, SESSION, &redeem)
            .await,
    );
    let transcript = RequestEmailTranscriptForConversationRequest {
        to: "user".into(),
        email: Some("jane.doe@example.com".into()),
    };
    ctx.accepted(
        "requestEmailTranscriptForConversation",
        client
            .request_email_transcript_for_conversation(WEBSITE, SESSION, &transcript)
            .await,
    );
    ctx.accepted(
        "requestChatboxBindingPurgeForConversation",
        client
            .request_chatbox_binding_purge_for_conversation(WEBSITE, SESSION)
            .await,
    );
    ctx.accepted(
        "requestUserFeedbackForConversation",
        client
            .request_user_feedback_for_conversation(WEBSITE, SESSION)
            .await,
    );
}

/// Co-browsing sessions, and audio and video calls.
async fn browsing_and_calls(ctx: &Ctx<'_>) {
    let client = &ctx.client;
    ctx.accepted(
        "listBrowsingSessionsForConversation",
        client
            .list_browsing_sessions_for_conversation(WEBSITE, SESSION)
            .await,
    );
    ctx.accepted(
        "initiateBrowsingSessionForConversation",
        client
            .initiate_browsing_session_for_conversation(WEBSITE, SESSION)
            .await,
    );
    ctx.accepted(
        "sendActionToExistingBrowsingSession",
        client
            .send_action_to_existing_browsing_session(
                WEBSITE,
                SESSION,
                BROWSING,
                &SendActionToExistingBrowsingSessionRequest {
                    action: "start".into(),
                },
            )
            .await,
    );
    let assist = BrowsingAssist {
        action: Some("click".into()),
        click: Some(BrowsingPoint {
            x: Some(640),
            y: Some(360),
        }),
        ..BrowsingAssist::default()
    };
    ctx.accepted(
        "assistExistingBrowsingSession",
        client
            .assist_existing_browsing_session(WEBSITE, SESSION, BROWSING, &assist)
            .await,
    );
    let call = InitiateNewCallSessionForConversationRequest {
        mode: InitiateNewCallSessionForConversationRequestMode::Video,
        user: Some(operator()),
        origin: Some("chat".into()),
    };
    ctx.accepted(
        "initiateNewCallSessionForConversation",
        client
            .initiate_new_call_session_for_conversation(WEBSITE, SESSION, &call)
            .await,
    );
    ctx.accepted(
        "getOngoingCallSessionForConversation",
        client
            .get_ongoing_call_session_for_conversation(WEBSITE, SESSION)
            .await,
    );
    let signaling = CallSignaling {
        type_: Some("sdp".into()),
        payload: json!({ "type": "offer", "sdp": "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\n" }),
    };
    ctx.accepted(
        "transmitSignalingOnOngoingCallSession",
        client
            .transmit_signaling_on_ongoing_call_session(WEBSITE, SESSION, CALL, &signaling)
            .await,
    );
    let abort = AbortOngoingCallSessionForConversationRequest {
        user: Some(operator()),
        origin: Some("chat".into()),
    };
    ctx.accepted(
        "abortOngoingCallSessionForConversation",
        client
            .abort_ongoing_call_session_for_conversation(WEBSITE, SESSION, CALL, &abort)
            .await,
    );
}

/// A tool call, a plugin's widget (button, data fetch, data edit), a reminder and a report.
async fn tools_widgets_and_reminders(ctx: &Ctx<'_>) {
    let client = &ctx.client;
    let tool = RequestToolCallForConversationRequest {
        command: "translate".into(),
        payload: Some(BTreeMap::from([("locale".to_string(), json!("fr"))])),
    };
    ctx.accepted(
        "requestToolCallForConversation",
        client
            .request_tool_call_for_conversation(WEBSITE, SESSION, &tool)
            .await,
    );
    let order = BTreeMap::from([("order_id".to_string(), json!("1042"))]);
    let button = DeliverWidgetButtonActionForConversationRequest {
        section_id: "orders".into(),
        item_id: "refund".into(),
        data: order.clone(),
        value: None,
    };
    ctx.accepted(
        "deliverWidgetButtonActionForConversation",
        client
            .deliver_widget_button_action_for_conversation(WEBSITE, SESSION, PLUGIN, &button)
            .await,
    );
    let fetch = WidgetDataFetch {
        section_id: "orders".into(),
        item_id: "last_order".into(),
        data: order,
    };
    ctx.accepted(
        "deliverWidgetDataFetchActionForConversation",
        client
            .deliver_widget_data_fetch_action_for_conversation(WEBSITE, SESSION, PLUGIN, &fetch)
            .await,
    );
    let edit = WidgetDataEdit {
        section_id: "customer".into(),
        item_id: "shipping_address".into(),
        value: "12 rue de Rivoli, 75001 Paris".into(),
    };
    ctx.accepted(
        "deliverWidgetDataEditActionForConversation",
        client
            .deliver_widget_data_edit_action_for_conversation(WEBSITE, SESSION, PLUGIN, &edit)
            .await,
    );
    let reminder = ScheduleReminderForConversationRequest {
        date: "2026-03-02T09:00:00Z".into(),
        note: "Check that the refund went through".into(),
        user: Some(operator()),
        origin: Some("chat".into()),
    };
    ctx.accepted(
        "scheduleReminderForConversation",
        client
            .schedule_reminder_for_conversation(WEBSITE, SESSION, &reminder)
            .await,
    );
    ctx.accepted(
        "reportConversation",
        client
            .report_conversation(
                WEBSITE,
                SESSION,
                &ReportConversationRequest {
                    flag: "spam".into(),
                },
            )
            .await,
    );
}
