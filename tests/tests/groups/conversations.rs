//! Conversations end to end: the 51 methods of the group that `e2e_crisp.rs` does not already pin (suggestions,
//! spam, one conversation's existence, state, routing, inbox, metas, relations, participants, one message and
//! its marks, pages, events, files, blocking, verification, transcripts, co-browsing, calls, tools, plugin
//! widgets with the two `x-methods` twins on one route, reminders and reports), each with its request pinned on
//! the wire and a realistic answer decoded. Received messages decode whatever their `type` (an unknown one is
//! kept as JSON), with nulls and missing fields, and the message stream walks back by the oldest timestamp.

use std::collections::BTreeMap;

use crisp_client::types::{
    AbortOngoingCallSessionForConversationRequest, BlockIncomingMessagesForConversationRequest,
    BrowsingAssist, BrowsingPoint, CallSignaling, ComposeMessage, ComposeMessageType,
    ConversationMeta, ConversationState, ConversationUnreadMark, DataValue,
    DeleteSuggestedConversationDataKeyRequest, DeleteSuggestedConversationSegmentRequest,
    DeliverWidgetButtonActionForConversationRequest, EditedMessageContent,
    IdentityVerificationRedeem, IdentityVerificationRequest, IdentityVerificationRequestMethod,
    InitiateNewCallSessionForConversationRequest, InitiateNewCallSessionForConversationRequestMode,
    ListConversationMessagesOptions, Message, MessageContent, MessageFile, MessageFrom,
    MessageUser, MessageUserType, MessagesReceipt, ParticipantType, ReportConversationRequest,
    RequestEmailTranscriptForConversationRequest, RequestToolCallForConversationRequest,
    ScheduleReminderForConversationRequest, SendActionToExistingBrowsingSessionRequest,
    SubmitSpamConversationDecisionRequest, UpdateConversationInboxRequest,
    UpdateConversationOpenStateRequest, UpdateMessageInConversationRequest,
    UpdateVerifyStatusForConversationRequest, WidgetDataEdit, WidgetDataFetch,
};
use futures::StreamExt;
use serde_json::{json, Value};
use wiremock::matchers::{body_json, body_string, query_param, query_param_is_missing};
use wiremock::{MockServer, ResponseTemplate};

use super::{client, crisp, done, envelope};

const WEBSITE: &str = "8c842203-7ed8-4e29-a608-7cf78a7d2fcc";
const SESSION: &str = "session_700c65e1-85e2-465a-b9ac-ecb5ec2c9881";
const OPERATOR: &str = "a4b2c1d0-2f3e-4d5c-8b7a-6e5f4d3c2b1a";
const PLUGIN: &str = "c64f3595-adee-425a-8d3a-89d47f7ed6bb";
/// A message fingerprint beyond 2^53, where a JSON double would lose digits.
const FINGERPRINT: i64 = 9_007_199_254_740_993;

/// The path of `rest` under the website.
fn website(rest: &str) -> String {
    format!("/website/{WEBSITE}{rest}")
}

/// The path of `rest` under the conversation.
fn conversation(rest: &str) -> String {
    format!("/website/{WEBSITE}/conversation/{SESSION}{rest}")
}

/// The operator making a change, as the SDK's `ConversationMessageUser`.
fn operator() -> MessageUser {
    MessageUser {
        type_: Some(MessageUserType::Website),
        user_id: Some(OPERATOR.into()),
        nickname: Some("Valerian Saliou".into()),
        avatar: None,
    }
}

/// Mounts `pages` as pages 1, 2, ... of the listing at `prefix`, then an empty page after them. Page 1 is asked
/// for exactly twice (by the plain method, then by its stream), every other page exactly once (by the stream).
async fn mount_pages(server: &MockServer, prefix: &str, pages: Vec<Value>) {
    for (number, page) in (1_u64..).zip(pages.into_iter().chain([json!([])])) {
        crisp("GET", &format!("{prefix}/{number}"))
            .respond_with(envelope(page))
            .expect(if number == 1 { 2 } else { 1 })
            .named(format!("page {number} of {prefix}"))
            .mount(server)
            .await;
    }
}

/// The fingerprints of `messages`, in order.
fn fingerprints(messages: &[Message]) -> Vec<Option<i64>> {
    messages.iter().map(|message| message.fingerprint).collect()
}

#[tokio::test]
async fn a_page_of_messages_of_every_type_decodes_with_nulls_missing_fields_and_an_unknown_type() {
    let server = MockServer::start().await;
    crisp("GET", &conversation("/messages"))
        .and(query_param("timestamp_around", "1764000000000"))
        .and(query_param_is_missing("timestamp_before"))
        .and(query_param_is_missing("timestamp_after"))
        .respond_with(envelope(json!([
            {
                "session_id": SESSION, "website_id": WEBSITE, "type": "text", "from": "user", "origin": "chat",
                "content": "Hi, where is my order? https://shop.example.com/orders/1042",
                "preview": [{
                    "url": "https://shop.example.com/orders/1042", "website": "shop.example.com",
                    "title": "Order #1042", "preview": { "excerpt": "Shipped", "image": null }, "stamped": true
                }],
                "mentions": [], "read": "chat", "delivered": "", "edited": false, "translated": false,
                "automated": null, "stamped": true,
                "ignored": { "email": { "type": "bounce", "reason": "mailbox_full" } },
                "fingerprint": FINGERPRINT, "timestamp": 1_764_000_000_000_i64,
                "user": { "type": "participant", "user_id": "session_700c65e1", "nickname": "Jane Doe", "avatar": null },
                "references": [{ "type": "url", "name": "Order", "target": "https://shop.example.com/orders/1042" }],
                "original": { "original_id": "3f9b2c1e-7a6d-4e5f-8a9b-0c1d2e3f4a5b" },
                "properties": { "order_id": "1042", "items": 3, "total": 89.9, "vip": true }
            },
            {
                "type": "note", "from": "operator", "origin": "chat", "content": "Refund approved",
                "mentions": [OPERATOR], "user": null, "read": null, "preview": null,
                "fingerprint": 170_000_000_000_002_i64, "timestamp": 1_764_000_000_002_i64
            },
            {
                "type": "file", "from": "user", "origin": "chat",
                "content": { "name": "invoice.pdf", "url": "https://storage.crisp.chat/users/upload/invoice.pdf", "type": "application/pdf" },
                "fingerprint": 170_000_000_000_003_i64
            },
            {
                "type": "animation", "from": "operator", "origin": "chat",
                "content": { "url": "https://media.giphy.com/media/thanks.gif", "type": "image/gif" }
            },
            {
                "type": "audio", "from": "user", "origin": "urn:crisp.im:whatsapp:0",
                "content": { "url": "https://storage.crisp.chat/users/audio/note.webm", "type": "audio/webm", "duration": 12 }
            },
            {
                "type": "picker", "from": "operator", "origin": "chat",
                "content": {
                    "id": "rating", "text": "How was it?", "required": true,
                    "choices": [
                        { "value": "good", "label": "Good", "selected": true, "icon": null,
                          "action": { "type": "link", "target": "https://shop.example.com/thanks" } },
                        { "value": "bad", "label": "Bad", "selected": false }
                    ]
                }
            },
            {
                "type": "field", "from": "operator", "origin": "chat",
                "content": { "id": "email", "text": "Your email?", "explain": "We will write back", "value": null, "required": true }
            },
            {
                "type": "carousel", "from": "operator", "origin": "chat",
                "content": {
                    "text": "Our plans",
                    "targets": [{
                        "title": "Pro", "description": "For teams", "image": null,
                        "actions": [{ "label": "Buy", "url": "https://shop.example.com/pro" }]
                    }]
                }
            },
            {
                "type": "event", "from": "user", "origin": "chat",
                "content": { "namespace": "state:resolved", "text": null }
            },
            {
                "type": "call", "from": "operator", "origin": "chat",
                "content": { "mode": "video", "duration": 315 },
                "fingerprint": 170_000_000_000_010_i64, "timestamp": 1_764_000_000_010_i64
            }
        ])))
        .expect(1)
        .mount(&server)
        .await;
    let options = ListConversationMessagesOptions {
        timestamp_around: Some(1_764_000_000_000),
        ..ListConversationMessagesOptions::default()
    };
    let messages = client(&server)
        .list_conversation_messages(WEBSITE, SESSION, &options)
        .await
        .expect("every message decodes");
    assert_eq!(messages.len(), 10);

    let text = &messages[0];
    assert_eq!(text.fingerprint, Some(FINGERPRINT));
    assert_eq!(text.timestamp, Some(1_764_000_000_000));
    assert_eq!(text.from, Some(MessageFrom::User));
    assert_eq!(text.automated, None, "null is absent");
    let MessageContent::Text(content) = &text.content else {
        panic!("a text message, got {:?}", text.content)
    };
    assert!(content.content.starts_with("Hi, where is my order?"));
    let preview = &text.preview.as_ref().expect("a preview")[0];
    assert_eq!(preview.title.as_deref(), Some("Order #1042"));
    let information = preview.preview.as_ref().expect("what it shows");
    assert_eq!(information.image, None);
    let ignored = text.ignored.as_ref().expect("ignored on email");
    assert_eq!(ignored["email"].reason.as_deref(), Some("mailbox_full"));
    let user = text.user.as_ref().expect("the visitor");
    assert_eq!(user.type_, Some(MessageUserType::Participant));
    assert_eq!(
        text.original
            .as_ref()
            .and_then(|o| o.original_id.as_deref()),
        Some("3f9b2c1e-7a6d-4e5f-8a9b-0c1d2e3f4a5b")
    );
    let properties = text.properties.as_ref().expect("custom properties");
    assert_eq!(properties["order_id"], DataValue::String("1042".into()));
    assert_eq!(properties["items"], DataValue::Integer(3));
    assert_eq!(properties["total"], DataValue::Number(89.9));
    assert_eq!(properties["vip"], DataValue::Boolean(true));

    let note = &messages[1];
    let MessageContent::Note(content) = &note.content else {
        panic!("a note, got {:?}", note.content)
    };
    assert_eq!(content.content, "Refund approved");
    assert_eq!(note.mentions, Some(vec![OPERATOR.to_string()]));
    assert_eq!(
        (&note.user, &note.read, &note.preview),
        (&None, &None, &None)
    );

    let MessageContent::File(file) = &messages[2].content else {
        panic!("a file, got {:?}", messages[2].content)
    };
    assert_eq!(file.content.name.as_deref(), Some("invoice.pdf"));
    assert_eq!(file.content.type_.as_deref(), Some("application/pdf"));
    assert_eq!(messages[2].timestamp, None, "a missing timestamp is absent");

    let animation = &messages[3];
    let MessageContent::Animation(content) = &animation.content else {
        panic!("an animation, got {:?}", animation.content)
    };
    assert_eq!(content.content.type_.as_deref(), Some("image/gif"));
    assert_eq!(
        (animation.fingerprint, animation.session_id.as_deref()),
        (None, None)
    );

    let MessageContent::Audio(audio) = &messages[4].content else {
        panic!("a recording, got {:?}", messages[4].content)
    };
    assert_eq!(audio.content.duration, Some(12));
    assert_eq!(
        messages[4].origin.as_deref(),
        Some("urn:crisp.im:whatsapp:0")
    );

    let MessageContent::Picker(picker) = &messages[5].content else {
        panic!("a picker, got {:?}", messages[5].content)
    };
    let choices = picker.content.choices.as_ref().expect("choices");
    assert_eq!(choices.len(), 2);
    assert_eq!(choices[0].selected, Some(true));
    assert_eq!(choices[0].icon, None);
    let action = choices[0].action.as_ref().expect("a link");
    assert_eq!(
        action.target.as_deref(),
        Some("https://shop.example.com/thanks")
    );
    assert_eq!(choices[1].action, None);

    let MessageContent::Field(field) = &messages[6].content else {
        panic!("a field, got {:?}", messages[6].content)
    };
    assert_eq!(field.content.explain.as_deref(), Some("We will write back"));
    assert_eq!(field.content.value, None);

    let MessageContent::Carousel(carousel) = &messages[7].content else {
        panic!("a carousel, got {:?}", messages[7].content)
    };
    let targets = carousel.content.targets.as_ref().expect("cards");
    assert_eq!(targets[0].title.as_deref(), Some("Pro"));
    let actions = targets[0].actions.as_ref().expect("links");
    assert_eq!(
        actions[0].url.as_deref(),
        Some("https://shop.example.com/pro")
    );

    let MessageContent::Event(event) = &messages[8].content else {
        panic!("an event, got {:?}", messages[8].content)
    };
    assert_eq!(event.content.namespace.as_deref(), Some("state:resolved"));
    assert_eq!(event.content.text, None);

    let call = &messages[9];
    let MessageContent::Other(raw) = &call.content else {
        panic!(
            "a type the client does not know is kept as JSON, got {:?}",
            call.content
        )
    };
    assert_eq!(raw["type"], "call");
    assert_eq!(raw["content"], json!({ "mode": "video", "duration": 315 }));
    assert_eq!(call.fingerprint, Some(170_000_000_000_010));
    assert_eq!(call.from, Some(MessageFrom::Operator));
}

#[tokio::test]
async fn the_message_stream_walks_back_from_the_oldest_timestamp_of_each_page_until_an_empty_page()
{
    let server = MockServer::start().await;
    let message = |fingerprint: i64, timestamp: Option<i64>| {
        let mut message = json!({ "type": "text", "from": "user", "origin": "chat", "content": "Hello", "fingerprint": fingerprint });
        if let Some(timestamp) = timestamp {
            message["timestamp"] = json!(timestamp);
        }
        message
    };
    // The latest page: its smallest timestamp is not its first item's.
    crisp("GET", &conversation("/messages"))
        .and(query_param_is_missing("timestamp_before"))
        .respond_with(envelope(json!([
            message(5, Some(1_764_000_500_000)),
            message(4, Some(1_764_000_400_000)),
            message(6, Some(1_764_000_600_000)),
        ])))
        .expect(1)
        .mount(&server)
        .await;
    // A page with a message without a timestamp, which cannot be the cursor.
    crisp("GET", &conversation("/messages"))
        .and(query_param("timestamp_before", "1764000400000"))
        .respond_with(envelope(json!([
            message(2, Some(1_764_000_200_000)),
            message(3, None),
            message(1, Some(1_764_000_100_000)),
        ])))
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", &conversation("/messages"))
        .and(query_param("timestamp_before", "1764000100000"))
        .respond_with(envelope(json!([])))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let options = ListConversationMessagesOptions::default();
    let messages: Vec<Message> = client
        .list_conversation_messages_stream(WEBSITE, SESSION, &options)
        .map(|message| message.expect("each page decodes"))
        .collect()
        .await;
    assert_eq!(
        fingerprints(&messages),
        [5, 4, 6, 2, 3, 1].map(Some),
        "the pages, newest first, each in the server's order"
    );
}

#[tokio::test]
async fn one_message_is_read_as_a_file_with_its_original_then_edited_and_removed() {
    let server = MockServer::start().await;
    let path = conversation(&format!("/message/{FINGERPRINT}"));
    let original = "3f9b2c1e-7a6d-4e5f-8a9b-0c1d2e3f4a5b";
    crisp("GET", &path)
        .respond_with(envelope(json!({
            "session_id": SESSION, "website_id": WEBSITE, "type": "file", "from": "operator", "origin": "chat",
            "content": { "name": "return-label.pdf", "url": "https://storage.crisp.chat/users/upload/return-label.pdf", "type": "application/pdf" },
            "fingerprint": FINGERPRINT, "timestamp": 1_764_000_000_000_i64, "read": "chat", "delivered": "chat",
            "user": { "user_id": OPERATOR, "nickname": "Valerian Saliou" },
            "original": { "original_id": original }
        })))
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", &conversation(&format!("/original/{original}")))
        .respond_with(envelope(json!({
            "website_id": WEBSITE, "session_id": SESSION, "original_id": original, "type": "full",
            "headers": {
                "From": "Jane Doe <jane.doe@example.com>", "X-Spam-Score": 0.4,
                "Received": ["from mx1.example.com", "from mx2.example.com"], "X-Priority": null
            },
            "content": "<p>Here is the <b>label</b></p>", "timestamp": 1_764_000_000_000_i64
        })))
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", &path)
        .and(body_json(json!({ "content": {
            "name": "return-label-v2.pdf", "url": "https://storage.crisp.chat/users/upload/return-label-v2.pdf", "type": "application/pdf"
        } })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", &path)
        .and(body_json(
            json!({ "content": "Here is your return label." }),
        ))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("DELETE", &path)
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let message = client
        .get_message_in_conversation(WEBSITE, SESSION, FINGERPRINT)
        .await
        .expect("the message");
    assert_eq!(message.fingerprint, Some(FINGERPRINT));
    assert_eq!(message.from, Some(MessageFrom::Operator));
    assert_eq!(message.user.and_then(|user| user.type_), None);
    let MessageContent::File(file) = message.content else {
        panic!("a file message, got {:?}", message.content)
    };
    assert_eq!(file.content.name.as_deref(), Some("return-label.pdf"));
    assert_eq!(
        file.content.url.as_deref(),
        Some("https://storage.crisp.chat/users/upload/return-label.pdf")
    );
    let original_id = message.original.and_then(|o| o.original_id);
    let first = client
        .get_original_message_in_conversation(
            WEBSITE,
            SESSION,
            original_id
                .as_deref()
                .expect("the message names its original"),
        )
        .await
        .expect("the original");
    assert_eq!(first.type_.as_deref(), Some("full"));
    assert_eq!(
        first.content.as_deref(),
        Some("<p>Here is the <b>label</b></p>")
    );
    assert_eq!(first.timestamp, Some(1_764_000_000_000));
    let headers = first.headers.expect("the email's headers");
    assert_eq!(headers["X-Spam-Score"], json!(0.4));
    assert_eq!(headers["Received"][1], "from mx2.example.com");
    assert_eq!(headers["X-Priority"], Value::Null);
    let new_file = MessageFile {
        name: Some("return-label-v2.pdf".into()),
        url: Some("https://storage.crisp.chat/users/upload/return-label-v2.pdf".into()),
        type_: Some("application/pdf".into()),
    };
    for content in [
        EditedMessageContent::MessageFile(new_file),
        EditedMessageContent::String("Here is your return label.".into()),
    ] {
        client
            .update_message_in_conversation(
                WEBSITE,
                SESSION,
                FINGERPRINT,
                &UpdateMessageInConversationRequest { content },
            )
            .await
            .expect("edited");
    }
    client
        .remove_message_in_conversation(WEBSITE, SESSION, FINGERPRINT)
        .await
        .expect("removed");
}

#[tokio::test]
async fn typing_read_delivered_unread_and_open_marks_send_their_bodies() {
    let server = MockServer::start().await;
    crisp("PATCH", &conversation("/compose"))
        .and(body_json(json!({ "type": "start", "from": "operator", "excerpt": "Let me check your ord", "stealth": false })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", &conversation("/compose"))
        .and(body_json(json!({ "type": "stop", "from": "operator" })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", &conversation("/read"))
        .and(body_json(json!({ "from": "operator", "origin": "chat", "fingerprints": [FINGERPRINT, 170_000_000_000_002_i64] })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", &conversation("/delivered"))
        .and(body_json(
            json!({ "from": "user", "origin": "urn:crisp.im:messenger:0" }),
        ))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", &conversation("/unread"))
        .and(body_json(json!({ "from": "operator" })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", &conversation("/open"))
        .and(body_json(json!({ "opened": true })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let mut start = ComposeMessage::new(ComposeMessageType::Start, MessageFrom::Operator);
    start.excerpt = Some("Let me check your ord".into());
    start.stealth = Some(false);
    let stop = ComposeMessage::new(ComposeMessageType::Stop, MessageFrom::Operator);
    for compose in [start, stop] {
        client
            .compose_message_in_conversation(WEBSITE, SESSION, &compose)
            .await
            .expect("typing shown");
    }
    let mut read = MessagesReceipt::new(MessageFrom::Operator, "chat".into());
    read.fingerprints = Some(vec![FINGERPRINT, 170_000_000_000_002]);
    client
        .mark_messages_read_in_conversation(WEBSITE, SESSION, &read)
        .await
        .expect("read");
    let delivered = MessagesReceipt::new(MessageFrom::User, "urn:crisp.im:messenger:0".into());
    client
        .mark_messages_delivered_in_conversation(WEBSITE, SESSION, &delivered)
        .await
        .expect("delivered");
    let unread = ConversationUnreadMark {
        from: MessageFrom::Operator,
    };
    client
        .mark_conversation_as_unread(WEBSITE, SESSION, &unread)
        .await
        .expect("unread");
    client
        .update_conversation_open_state(
            WEBSITE,
            SESSION,
            &UpdateConversationOpenStateRequest { opened: true },
        )
        .await
        .expect("opened");
}

#[tokio::test]
async fn suggested_segments_and_data_keys_are_streamed_and_deleted() {
    let server = MockServer::start().await;
    mount_pages(
        &server,
        &website("/conversations/suggest/segments"),
        vec![
            json!([{ "segment": "refund", "count": 4_294_967_296_i64 }, { "segment": "vip" }]),
            json!([{ "segment": "black-friday-2025", "count": 12 }]),
        ],
    )
    .await;
    mount_pages(
        &server,
        &website("/conversations/suggest/data"),
        vec![json!([{ "key": "order_id", "count": 37 }, { "key": null, "count": null }])],
    )
    .await;
    crisp("DELETE", &website("/conversations/suggest/segment"))
        .and(body_json(json!({ "segment": "black-friday-2025" })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("DELETE", &website("/conversations/suggest/data"))
        .and(body_json(json!({ "key": "order_id" })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let first = client
        .list_suggested_conversation_segments(WEBSITE, 1)
        .await
        .expect("page 1");
    assert_eq!(first.len(), 2);
    let segments: Vec<_> = client
        .list_suggested_conversation_segments_stream(WEBSITE)
        .map(|segment| segment.expect("decodes"))
        .collect()
        .await;
    let names: Vec<_> = segments.iter().map(|s| s.segment.as_deref()).collect();
    assert_eq!(
        names,
        [Some("refund"), Some("vip"), Some("black-friday-2025")]
    );
    assert_eq!(segments[0].count, Some(4_294_967_296));
    assert_eq!(segments[1].count, None);
    let keys = client
        .list_suggested_conversation_data_keys(WEBSITE, 1)
        .await
        .expect("page 1");
    assert_eq!(keys[0].key.as_deref(), Some("order_id"));
    assert_eq!(keys[0].count, Some(37));
    assert_eq!((keys[1].key.as_deref(), keys[1].count), (None, None));
    let streamed = client
        .list_suggested_conversation_data_keys_stream(WEBSITE)
        .count()
        .await;
    assert_eq!(streamed, 2, "page 1, then the empty page 2");
    client
        .delete_suggested_conversation_segment(
            WEBSITE,
            &DeleteSuggestedConversationSegmentRequest {
                segment: "black-friday-2025".into(),
            },
        )
        .await
        .expect("segment deleted");
    client
        .delete_suggested_conversation_data_key(
            WEBSITE,
            &DeleteSuggestedConversationDataKeyRequest {
                key: "order_id".into(),
            },
        )
        .await
        .expect("data key deleted");
}

#[tokio::test]
async fn spam_conversations_are_streamed_resolved_and_decided() {
    let server = MockServer::start().await;
    let spam = "2b1e8c3a-54f6-4c2d-9d7e-0a1b2c3d4e5f";
    mount_pages(
        &server,
        &website("/conversations/spams"),
        vec![json!([
            {
                "spam_id": spam, "type": "email", "reason": "gibberish",
                "metadata": { "score": 9.7, "rules": ["BAYES_99", "URIBL_BLOCKED"], "blocked": true, "from": null },
                "headers": { "Subject": "You won!", "X-Spam-Score": 12 },
                "timestamp": 1_764_000_000_000_i64
            },
            { "spam_id": "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a", "type": "chat", "reason": null, "headers": null }
        ])],
    )
    .await;
    crisp(
        "GET",
        &website(&format!("/conversations/spam/{spam}/content")),
    )
    .respond_with(envelope(json!({
        "spam_id": spam, "type": "email", "reason": "gibberish", "timestamp": 1_764_000_000_000_i64,
        "content": { "subject": "You won!", "text": "Claim your prize", "attachments": [] }
    })))
    .expect(1)
    .mount(&server)
    .await;
    crisp(
        "POST",
        &website(&format!("/conversations/spam/{spam}/decision")),
    )
    .and(body_json(json!({ "action": "reject" })))
    .respond_with(done())
    .expect(1)
    .mount(&server)
    .await;
    let client = client(&server);
    let first = client
        .list_spam_conversations(WEBSITE, 1)
        .await
        .expect("page 1");
    let metadata = first[0].metadata.as_ref().expect("what the filter saw");
    assert_eq!(metadata["score"], json!(9.7));
    assert_eq!(metadata["rules"], json!(["BAYES_99", "URIBL_BLOCKED"]));
    assert_eq!(metadata["blocked"], json!(true));
    assert_eq!(metadata["from"], Value::Null);
    let headers = first[0].headers.as_ref().expect("email headers");
    assert_eq!(headers["X-Spam-Score"], json!(12));
    assert_eq!(first[0].timestamp, Some(1_764_000_000_000));
    assert_eq!(
        (&first[1].reason, &first[1].headers, &first[1].metadata),
        (&None, &None, &None)
    );
    let streamed: Vec<_> = client
        .list_spam_conversations_stream(WEBSITE)
        .map(|item| item.expect("decodes").spam_id)
        .collect()
        .await;
    assert_eq!(streamed.len(), 2);
    assert_eq!(streamed[0].as_deref(), Some(spam));
    let content = client
        .resolve_spam_conversation_content(WEBSITE, spam)
        .await
        .expect("the content");
    assert_eq!(content.reason.as_deref(), Some("gibberish"));
    assert_eq!(content.content["subject"], "You won!");
    client
        .submit_spam_conversation_decision(
            WEBSITE,
            spam,
            &SubmitSpamConversationDecisionRequest {
                action: "reject".into(),
            },
        )
        .await
        .expect("decided");
}

#[tokio::test]
async fn a_conversation_is_checked_initiated_and_removed() {
    let server = MockServer::start().await;
    crisp("HEAD", &conversation(""))
        .respond_with(ResponseTemplate::new(200))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    crisp("HEAD", &conversation(""))
        .respond_with(ResponseTemplate::new(404))
        .expect(1)
        .mount(&server)
        .await;
    crisp("POST", &conversation("/initiate"))
        .and(body_string(""))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("DELETE", &conversation(""))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    assert!(client
        .check_conversation_exists(WEBSITE, SESSION)
        .await
        .expect("200"));
    client
        .initiate_conversation_with_existing_session(WEBSITE, SESSION)
        .await
        .expect("initiated");
    client
        .remove_conversation(WEBSITE, SESSION)
        .await
        .expect("removed");
    assert!(!client
        .check_conversation_exists(WEBSITE, SESSION)
        .await
        .expect("404 is an answer, not an error"));
}

#[tokio::test]
async fn state_routing_inbox_metas_relations_and_participants_of_a_conversation() {
    let server = MockServer::start().await;
    crisp("GET", &conversation("/state"))
        .respond_with(envelope(json!({ "state": "archived" })))
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", &conversation("/routing"))
        .respond_with(envelope(json!({ "assigned": { "user_id": OPERATOR } })))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", &conversation("/routing"))
        .respond_with(envelope(json!({ "assigned": null })))
        .expect(1)
        .mount(&server)
        .await;
    let inbox = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    crisp("PATCH", &conversation("/inbox"))
        .and(body_json(json!({ "inbox_id": inbox })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", &conversation("/inbox"))
        .and(body_json(json!({ "inbox_id": null })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", &conversation("/meta"))
        .and(body_json(json!({
            "nickname": "Jane Doe",
            "email": "jane.doe@example.com",
            "subject": "Refund for order #1042",
            "segments": ["customer", "refund"],
            "data": { "order_id": "1042", "items": 3, "total": 89.9, "vip": true }
        })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", &conversation("/relations"))
        .respond_with(envelope(json!({
            "conversations": { "parent": null, "children": ["session_1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d"] }
        })))
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", &conversation("/participants"))
        .respond_with(envelope(json!({ "participants": [
            { "type": "email", "target": "jane.doe@example.com" },
            { "type": "phone", "target": "+33612345678" }
        ] })))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let state = client
        .get_conversation_state(WEBSITE, SESSION)
        .await
        .expect("the state");
    assert_eq!(
        state.state,
        Some(ConversationState::Other("archived".into())),
        "a state the client does not know is kept"
    );
    let assigned = client
        .get_conversation_routing_assign(WEBSITE, SESSION)
        .await
        .expect("assigned");
    let user = assigned.assigned.and_then(|a| a.user_id);
    assert_eq!(user.as_deref(), Some(OPERATOR));
    let unassigned = client
        .get_conversation_routing_assign(WEBSITE, SESSION)
        .await
        .expect("unassigned");
    assert_eq!(unassigned.assigned, None);
    for inbox_id in [Some(inbox.to_string()), None] {
        client
            .update_conversation_inbox(
                WEBSITE,
                SESSION,
                &UpdateConversationInboxRequest { inbox_id },
            )
            .await
            .expect("moved");
    }
    let metas = ConversationMeta {
        nickname: Some("Jane Doe".into()),
        email: Some("jane.doe@example.com".into()),
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
    client
        .update_conversation_metas(WEBSITE, SESSION, &metas)
        .await
        .expect("only the metas given are sent");
    let relations = client
        .get_conversation_relations(WEBSITE, SESSION)
        .await
        .expect("relations");
    let related = relations.conversations.expect("related conversations");
    assert_eq!(related.parent, None);
    assert_eq!(related.children.map(|c| c.len()), Some(1));
    let participants = client
        .get_conversation_participants(WEBSITE, SESSION)
        .await
        .expect("participants")
        .participants
        .expect("a list");
    assert_eq!(participants[0].type_, ParticipantType::Email);
    assert_eq!(
        participants[1].type_,
        ParticipantType::Other("phone".into()),
        "a participant type the client does not know is kept"
    );
}

#[tokio::test]
async fn pages_events_and_files_of_a_conversation_are_streamed() {
    let server = MockServer::start().await;
    mount_pages(
        &server,
        &conversation("/pages"),
        vec![
            json!([{
                "page_title": "Checkout", "page_url": "https://shop.example.com/checkout",
                "page_referrer": "https://www.google.com/", "timestamp": 1_764_000_000_000_i64
            }]),
            json!([{ "page_title": "Home", "page_url": "https://shop.example.com/", "page_referrer": null }]),
        ],
    )
    .await;
    mount_pages(
        &server,
        &conversation("/events"),
        vec![json!([{
            "text": "Order placed", "color": "green", "timestamp": 1_764_000_000_000_i64,
            "data": { "order_id": 1042, "total": 89.9, "coupon": null, "items": ["shoes", "socks"], "gift": false }
        }, { "text": "Cart abandoned", "color": null, "data": null }])],
    )
    .await;
    mount_pages(
        &server,
        &conversation("/files"),
        vec![json!([{
            "name": "invoice.pdf", "type": "application/pdf",
            "url": "https://storage.crisp.chat/users/upload/invoice.pdf",
            "fingerprint": FINGERPRINT, "timestamp": 1_764_000_000_000_i64
        }])],
    )
    .await;
    let client = client(&server);
    let pages = client
        .list_conversation_pages(WEBSITE, SESSION, 1)
        .await
        .expect("page 1");
    assert_eq!(
        pages[0].page_referrer.as_deref(),
        Some("https://www.google.com/")
    );
    assert_eq!(pages[0].timestamp, Some(1_764_000_000_000));
    let all_pages: Vec<_> = client
        .list_conversation_pages_stream(WEBSITE, SESSION)
        .map(|page| page.expect("decodes").page_title)
        .collect()
        .await;
    assert_eq!(
        all_pages,
        [Some("Checkout".to_string()), Some("Home".to_string())]
    );
    let events = client
        .list_conversation_events(WEBSITE, SESSION, 1)
        .await
        .expect("page 1");
    let data = events[0].data.as_ref().expect("the event's data");
    assert_eq!(data["order_id"], json!(1042));
    assert_eq!(data["total"], json!(89.9));
    assert_eq!(data["coupon"], Value::Null);
    assert_eq!(data["items"], json!(["shoes", "socks"]));
    assert_eq!(data["gift"], json!(false));
    assert_eq!((&events[1].color, &events[1].data), (&None, &None));
    assert_eq!(
        client
            .list_conversation_events_stream(WEBSITE, SESSION)
            .count()
            .await,
        2
    );
    let files = client
        .list_conversation_files(WEBSITE, SESSION, 1)
        .await
        .expect("page 1");
    assert_eq!(files[0].fingerprint, Some(FINGERPRINT));
    assert_eq!(files[0].type_.as_deref(), Some("application/pdf"));
    let streamed: Vec<_> = client
        .list_conversation_files_stream(WEBSITE, SESSION)
        .map(|file| file.expect("decodes").name)
        .collect()
        .await;
    assert_eq!(streamed, [Some("invoice.pdf".to_string())]);
}

#[tokio::test]
async fn blocking_and_identity_verification_of_the_visitor() {
    let server = MockServer::start().await;
    crisp("GET", &conversation("/block"))
        .respond_with(envelope(json!({ "blocked": false })))
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", &conversation("/block"))
        .and(body_json(json!({
            "blocked": true,
            "user": { "type": "website", "user_id": OPERATOR, "nickname": "Valerian Saliou" },
            "origin": "chat"
        })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", &conversation("/verify"))
        .respond_with(envelope(json!({
            "verified": true,
            "verifications": [
                { "identity": "email", "method": "link", "annotation": "jane.doe@example.com" },
                { "identity": "urn:acme:customer", "method": "token", "annotation": null }
            ]
        })))
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", &conversation("/verify"))
        .and(body_json(json!({ "verified": false })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("POST", &conversation("/verify/identity"))
        .and(body_json(
            json!({ "identity": "email", "method": "link", "recipient": "jane.doe@example.com" }),
        ))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("PUT", &conversation("/verify/identity/link"))
        .and(body_json(json!({ "identity": "phone", "token": "b1946ac92492d2347c6235b4d2611184", "recipient": "+33612345678" })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let block = client
        .get_block_status_for_conversation(WEBSITE, SESSION)
        .await
        .expect("block status");
    assert_eq!(block.blocked, Some(false));
    let blocking = BlockIncomingMessagesForConversationRequest {
        blocked: true,
        user: Some(operator()),
        origin: Some("chat".into()),
    };
    client
        .block_incoming_messages_for_conversation(WEBSITE, SESSION, &blocking)
        .await
        .expect("blocked");
    let verify = client
        .get_verify_status_for_conversation(WEBSITE, SESSION)
        .await
        .expect("verify status");
    assert_eq!(verify.verified, Some(true));
    let verifications = verify.verifications.expect("how");
    assert_eq!(verifications[0].method.as_deref(), Some("link"));
    assert_eq!(
        verifications[1].identity.as_deref(),
        Some("urn:acme:customer")
    );
    assert_eq!(verifications[1].annotation, None);
    client
        .update_verify_status_for_conversation(
            WEBSITE,
            SESSION,
            &UpdateVerifyStatusForConversationRequest { verified: false },
        )
        .await
        .expect("unverified");
    let request = IdentityVerificationRequest {
        identity: Some("email".into()),
        method: Some(IdentityVerificationRequestMethod::Link),
        recipient: Some("jane.doe@example.com".into()),
    };
    client
        .request_identity_verification_for_conversation(WEBSITE, SESSION, &request)
        .await
        .expect("link sent");
    let redeem = IdentityVerificationRedeem {
        identity: Some("phone".into()),
        token: Some("b1946ac92492d2347c6235b4d2611184".into()),
        recipient: Some("+33612345678".into()),
    };
    client
        .redeem_identity_verification_link_for_conversation(WEBSITE, SESSION, &redeem)
        .await
        .expect("redeemed");
}

#[tokio::test]
async fn transcript_purge_and_feedback_requests() {
    let server = MockServer::start().await;
    crisp("POST", &conversation("/transcript"))
        .and(body_json(
            json!({ "to": "user", "email": "jane.doe@example.com" }),
        ))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("POST", &conversation("/transcript"))
        .and(body_json(json!({ "to": "operator" })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("POST", &conversation("/purge"))
        .and(body_string(""))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("POST", &conversation("/feedback"))
        .and(body_string(""))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    for (to, email) in [("user", Some("jane.doe@example.com")), ("operator", None)] {
        let body = RequestEmailTranscriptForConversationRequest {
            to: to.into(),
            email: email.map(str::to_string),
        };
        client
            .request_email_transcript_for_conversation(WEBSITE, SESSION, &body)
            .await
            .expect("transcript requested");
    }
    client
        .request_chatbox_binding_purge_for_conversation(WEBSITE, SESSION)
        .await
        .expect("purged");
    client
        .request_user_feedback_for_conversation(WEBSITE, SESSION)
        .await
        .expect("feedback requested");
}

#[tokio::test]
async fn a_browsing_session_is_listed_started_driven_and_assisted() {
    let server = MockServer::start().await;
    let browsing = "e1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8";
    crisp("GET", &conversation("/browsing"))
        .respond_with(envelope(json!([
            {
                "browsing_id": browsing, "browsing_token": "c3f1e0a9b8d7",
                "useragent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15"
            },
            { "browsing_id": "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", "browsing_token": null }
        ])))
        .expect(1)
        .mount(&server)
        .await;
    crisp("POST", &conversation("/browsing"))
        .and(body_string(""))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", &conversation(&format!("/browsing/{browsing}")))
        .and(body_json(json!({ "action": "start" })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp(
        "PATCH",
        &conversation(&format!("/browsing/{browsing}/assist")),
    )
    .and(body_json(
        json!({ "action": "click", "click": { "x": 640, "y": 360 }, "scroll": { "y": 1200 } }),
    ))
    .respond_with(done())
    .expect(1)
    .mount(&server)
    .await;
    let client = client(&server);
    let sessions = client
        .list_browsing_sessions_for_conversation(WEBSITE, SESSION)
        .await
        .expect("sessions");
    assert_eq!(sessions.len(), 2);
    assert_eq!(sessions[0].browsing_token.as_deref(), Some("c3f1e0a9b8d7"));
    assert_eq!(
        (&sessions[1].browsing_token, &sessions[1].useragent),
        (&None, &None)
    );
    client
        .initiate_browsing_session_for_conversation(WEBSITE, SESSION)
        .await
        .expect("started");
    client
        .send_action_to_existing_browsing_session(
            WEBSITE,
            SESSION,
            browsing,
            &SendActionToExistingBrowsingSessionRequest {
                action: "start".into(),
            },
        )
        .await
        .expect("driven");
    let assist = BrowsingAssist {
        action: Some("click".into()),
        click: Some(BrowsingPoint {
            x: Some(640),
            y: Some(360),
        }),
        scroll: Some(BrowsingPoint {
            x: None,
            y: Some(1200),
        }),
        mouse: None,
    };
    client
        .assist_existing_browsing_session(WEBSITE, SESSION, browsing, &assist)
        .await
        .expect("assisted");
}

#[tokio::test]
async fn a_call_is_started_read_signaled_and_aborted() {
    let server = MockServer::start().await;
    let call = "7f6e5d4c-3b2a-4190-8877-665544332211";
    crisp("POST", &conversation("/call"))
        .and(body_json(json!({
            "mode": "video",
            "user": { "type": "website", "user_id": OPERATOR, "nickname": "Valerian Saliou" },
            "origin": "chat"
        })))
        .respond_with(envelope(json!({ "call_id": call })))
        .expect(1)
        .mount(&server)
        .await;
    crisp("GET", &conversation("/call"))
        .respond_with(envelope(json!({ "call_id": call })))
        .expect(1)
        .mount(&server)
        .await;
    let offer =
        json!({ "type": "offer", "sdp": "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\n" });
    crisp("PATCH", &conversation(&format!("/call/{call}")))
        .and(body_json(json!({ "type": "sdp", "payload": offer })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("DELETE", &conversation(&format!("/call/{call}")))
        .and(body_json(json!({ "origin": "chat" })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let started = client
        .initiate_new_call_session_for_conversation(
            WEBSITE,
            SESSION,
            &InitiateNewCallSessionForConversationRequest {
                mode: InitiateNewCallSessionForConversationRequestMode::Video,
                user: Some(operator()),
                origin: Some("chat".into()),
            },
        )
        .await
        .expect("started");
    assert_eq!(started.call_id.as_deref(), Some(call));
    let ongoing = client
        .get_ongoing_call_session_for_conversation(WEBSITE, SESSION)
        .await
        .expect("ongoing");
    assert_eq!(ongoing, started);
    let signaling = CallSignaling {
        type_: Some("sdp".into()),
        payload: offer,
    };
    client
        .transmit_signaling_on_ongoing_call_session(WEBSITE, SESSION, call, &signaling)
        .await
        .expect("signaled");
    let abort = AbortOngoingCallSessionForConversationRequest {
        user: None,
        origin: Some("chat".into()),
    };
    client
        .abort_ongoing_call_session_for_conversation(WEBSITE, SESSION, call, &abort)
        .await
        .expect("aborted");
}

#[tokio::test]
async fn a_tool_call_answers_free_json() {
    let server = MockServer::start().await;
    crisp("POST", &conversation("/tool"))
        .and(body_json(json!({ "command": "translate", "payload": { "locale": "fr", "fingerprints": [FINGERPRINT] } })))
        .respond_with(envelope(json!({ "status": "queued", "results": [{ "locale": "fr", "ok": true }], "eta": null })))
        .expect(1)
        .mount(&server)
        .await;
    crisp("POST", &conversation("/tool"))
        .and(body_json(json!({ "command": "summarize" })))
        .respond_with(envelope(json!("A refund was asked for and approved.")))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let translate = RequestToolCallForConversationRequest {
        command: "translate".into(),
        payload: Some(BTreeMap::from([
            ("locale".to_string(), json!("fr")),
            ("fingerprints".to_string(), json!([FINGERPRINT])),
        ])),
    };
    let answer = client
        .request_tool_call_for_conversation(WEBSITE, SESSION, &translate)
        .await
        .expect("an object");
    assert_eq!(answer["status"], "queued");
    assert_eq!(answer["results"][0]["ok"], true);
    let summarize = RequestToolCallForConversationRequest {
        command: "summarize".into(),
        payload: None,
    };
    let answer = client
        .request_tool_call_for_conversation(WEBSITE, SESSION, &summarize)
        .await
        .expect("a text");
    assert_eq!(answer, json!("A refund was asked for and approved."));
}

#[tokio::test]
async fn widget_button_and_the_data_fetch_and_edit_twins_share_one_route() {
    let server = MockServer::start().await;
    let widget = |action: &str| conversation(&format!("/widget/{PLUGIN}/{action}"));
    let asked = |correlation_id: &str| {
        envelope(
            json!({ "correlation_id": correlation_id, "strategy": { "attempts": 3, "exhaustion": 30 } }),
        )
    };
    crisp("POST", &widget("button"))
        .and(body_json(json!({ "section_id": "orders", "item_id": "refund", "data": { "order_id": "1042" }, "value": "full" })))
        .respond_with(asked("9a8b7c6d-button"))
        .expect(1)
        .mount(&server)
        .await;
    // A fetch sends `data` and no `value`; an edit sends `value` and no `data`: each mock only matches its own.
    crisp("POST", &widget("data"))
        .and(body_json(json!({ "section_id": "orders", "item_id": "last_order", "data": { "order_id": "1042", "expand": true } })))
        .respond_with(asked("9a8b7c6d-fetch"))
        .expect(1)
        .mount(&server)
        .await;
    crisp("POST", &widget("data"))
        .and(body_json(json!({ "section_id": "customer", "item_id": "shipping_address", "value": "12 rue de Rivoli, 75001 Paris" })))
        .respond_with(envelope(json!({ "correlation_id": "9a8b7c6d-edit", "strategy": null })))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let button = DeliverWidgetButtonActionForConversationRequest {
        section_id: "orders".into(),
        item_id: "refund".into(),
        data: BTreeMap::from([("order_id".to_string(), json!("1042"))]),
        value: Some("full".into()),
    };
    let clicked = client
        .deliver_widget_button_action_for_conversation(WEBSITE, SESSION, PLUGIN, &button)
        .await
        .expect("clicked");
    assert_eq!(clicked.correlation_id.as_deref(), Some("9a8b7c6d-button"));
    let fetch = WidgetDataFetch {
        section_id: "orders".into(),
        item_id: "last_order".into(),
        data: BTreeMap::from([
            ("order_id".to_string(), json!("1042")),
            ("expand".to_string(), json!(true)),
        ]),
    };
    let fetched = client
        .deliver_widget_data_fetch_action_for_conversation(WEBSITE, SESSION, PLUGIN, &fetch)
        .await
        .expect("fetched");
    assert_eq!(fetched.correlation_id.as_deref(), Some("9a8b7c6d-fetch"));
    let strategy = fetched.strategy.expect("how it is tried");
    assert_eq!(
        (strategy.attempts, strategy.exhaustion),
        (Some(3), Some(30))
    );
    let edit = WidgetDataEdit {
        section_id: "customer".into(),
        item_id: "shipping_address".into(),
        value: "12 rue de Rivoli, 75001 Paris".into(),
    };
    let edited = client
        .deliver_widget_data_edit_action_for_conversation(WEBSITE, SESSION, PLUGIN, &edit)
        .await
        .expect("edited");
    assert_eq!(edited.correlation_id.as_deref(), Some("9a8b7c6d-edit"));
    assert_eq!(edited.strategy, None);
}

#[tokio::test]
async fn a_reminder_is_scheduled_and_the_conversation_reported() {
    let server = MockServer::start().await;
    crisp("POST", &conversation("/reminder"))
        .and(body_json(json!({
            "date": "2026-03-02T09:00:00Z",
            "note": "Check that the refund went through",
            "user": { "type": "website", "user_id": OPERATOR, "nickname": "Valerian Saliou" },
            "origin": "chat"
        })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("POST", &conversation("/report"))
        .and(body_json(json!({ "flag": "abuse" })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let reminder = ScheduleReminderForConversationRequest {
        date: "2026-03-02T09:00:00Z".into(),
        note: "Check that the refund went through".into(),
        user: Some(operator()),
        origin: Some("chat".into()),
    };
    client
        .schedule_reminder_for_conversation(WEBSITE, SESSION, &reminder)
        .await
        .expect("scheduled");
    client
        .report_conversation(
            WEBSITE,
            SESSION,
            &ReportConversationRequest {
                flag: "abuse".into(),
            },
        )
        .await
        .expect("reported");
}
