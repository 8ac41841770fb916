//! Contract test against an independent validating server: Stoplight Prism (`@stoplight/prism-cli`, pinned in
//! `workspace_tests::prism`) mocks the effective spec the client was generated from (`generated-client/openapi.json`)
//! with request validation on. Every one of the 14 operations, called through `crisp-client`, must be accepted
//! (2xx), and Prism's answer, made up from the response schemas, must decode into the typed result. Dynamic
//! answers (random schema-valid data) are decoded over several rounds. Plain `reqwest` requests that break the
//! contract prove that validation is on.

use crisp_client::types::{
    CreateWebsiteRequest, DeleteWebsiteRequest, DeleteWebsiteRequestVerify,
    DeleteWebsiteRequestVerifyMethod, Flag, ListConversationMessagesOptions,
    ListConversationsOptions, ListConversationsSearchType, MessageFrom, MessageUser, NewMessage,
    NoteMessage, NoteMessageType, Participant, ParticipantType, PickerMessage,
    PickerMessageContent, PickerMessageContentChoicesItem, PickerMessageType,
    SaveConversationParticipantsRequest, TextMessage, TextMessageType,
    UpdateConversationRoutingRequest, UpdateConversationRoutingRequestAssigned,
    UpdateConversationStateRequest, UpdateConversationStateRequestState,
};
use crisp_client::{Client, Error};
use workspace_tests::prism::{Answers, Prism};
use workspace_tests::workspace_root;

/// Rounds of calls against the dynamic mock, each with fresh random answers.
const DYNAMIC_ROUNDS: usize = 5;

fn start(answers: Answers) -> Prism {
    let spec = workspace_root().join("generated-client/openapi.json");
    Prism::start(&spec, answers).unwrap_or_else(|err| panic!("{err}"))
}

fn client(prism: &Prism) -> Client {
    Client::builder()
        .basic_auth("7c3ef21c-1e04-41ce-8c06-5605c346f73e", "contract-test-key")
        .tier(crisp_client::types::Tier::Plugin)
        .base_url(&prism.base_url)
        .build()
        .expect("valid configuration")
}

/// Panics with the operation, the error and what Prism said about the request.
fn accepted<T>(prism: &Prism, operation: &str, result: Result<T, Error>) -> T {
    result.unwrap_or_else(|err| {
        panic!(
            "{operation} was not accepted or its answer did not decode: {err}\nbody: {:?}\nprism log:\n{}",
            err.body(),
            prism.log_text()
        )
    })
}

/// Calls all 14 operations with realistic arguments; every call must succeed and decode.
async fn call_every_operation(prism: &Prism) {
    let client = client(prism);
    let website = "8c842203-7ed8-4e29-a608-7cf78a7d2fcc";
    let session = "session_700c65e1-85e2-465a-b9ac-ecb5ec2c9881";

    accepted(
        prism,
        "checkWebsite",
        client.check_website("acme.example").await,
    );
    let body = CreateWebsiteRequest {
        name: "Acme".into(),
        domain: "acme.example".into(),
    };
    accepted(prism, "createWebsite", client.create_website(&body).await);
    accepted(prism, "getWebsite", client.get_website(website).await);
    let verify = DeleteWebsiteRequest {
        verify: DeleteWebsiteRequestVerify {
            method: DeleteWebsiteRequestVerifyMethod::Password,
            secret: "correct horse battery staple".into(),
        },
    };
    accepted(
        prism,
        "deleteWebsite",
        client.delete_website(website, &verify).await,
    );
    accepted(
        prism,
        "abortDeleteWebsite",
        client.abort_delete_website(website).await,
    );

    let options = ListConversationsOptions {
        per_page: Some(20),
        include_empty: Some(Flag::No),
        filter_unread: Some(Flag::Yes),
        filter_assigned: Some("a4b2c1d0-user".into()),
        filter_date_start: Some("2026-01-01T00:00:00Z".into()),
        order_date_updated: Some(Flag::Yes),
        search_type: Some(ListConversationsSearchType::Text),
        search_query: Some("refund & return".into()),
        ..ListConversationsOptions::default()
    };
    accepted(
        prism,
        "listConversations",
        client.list_conversations(website, 1, &options).await,
    );
    accepted(
        prism,
        "createConversation",
        client.create_conversation(website).await,
    );
    accepted(
        prism,
        "getConversation",
        client.get_conversation(website, session).await,
    );
    let before = ListConversationMessagesOptions {
        timestamp_before: Some(1_764_000_000_000),
        ..ListConversationMessagesOptions::default()
    };
    accepted(
        prism,
        "listConversationMessages",
        client
            .list_conversation_messages(website, session, &before)
            .await,
    );
    for message in messages() {
        accepted(
            prism,
            "sendConversationMessage",
            client
                .send_conversation_message(website, session, &message)
                .await,
        );
    }
    let mut state =
        UpdateConversationStateRequest::new(UpdateConversationStateRequestState::Resolved);
    state.origin = Some("chat".into());
    accepted(
        prism,
        "updateConversationState",
        client
            .update_conversation_state(website, session, &state)
            .await,
    );
    let assign = UpdateConversationRoutingRequest {
        assigned: Some(UpdateConversationRoutingRequestAssigned {
            user_id: "a4b2c1d0-user".into(),
        }),
        silent: Some(true),
    };
    accepted(
        prism,
        "updateConversationRouting",
        client
            .update_conversation_routing(website, session, &assign)
            .await,
    );
    accepted(
        prism,
        "updateConversationRouting (unassign)",
        client
            .update_conversation_routing(
                website,
                session,
                &UpdateConversationRoutingRequest::new(None),
            )
            .await,
    );
    accepted(
        prism,
        "getConversationMeta",
        client.get_conversation_meta(website, session).await,
    );
    let mut participants = SaveConversationParticipantsRequest::new(vec![Participant {
        type_: ParticipantType::Email,
        target: "jane@example.com".into(),
    }]);
    participants.user = Some(MessageUser {
        nickname: Some("Support bot".into()),
        ..MessageUser::default()
    });
    accepted(
        prism,
        "saveConversationParticipants",
        client
            .save_conversation_participants(website, session, &participants)
            .await,
    );
}

/// A text message, a note with mentions and a picker: three shapes of `content`.
fn messages() -> Vec<NewMessage> {
    let text = TextMessage::new(
        MessageFrom::Operator,
        "chat".into(),
        TextMessageType::Text,
        "Hello! How can we help?".into(),
    );
    let mut note = NoteMessage::new(
        MessageFrom::Operator,
        "chat".into(),
        NoteMessageType::Note,
        "Customer asked for a refund".into(),
    );
    note.mentions = Some(vec!["a4b2c1d0-user".into()]);
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
        PickerMessageType::Picker,
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

#[tokio::test(flavor = "multi_thread")]
async fn every_operation_is_accepted_and_its_static_answer_decodes() {
    let prism = start(Answers::Static);
    call_every_operation(&prism).await;
    let log = prism.log_path().to_path_buf();
    assert!(log.exists(), "Prism logs to {}", log.display());
    drop(prism);
    assert!(!log.exists(), "a passing test leaves no log behind");
}

#[tokio::test(flavor = "multi_thread")]
async fn random_schema_valid_answers_decode() {
    let prism = start(Answers::Dynamic);
    for _ in 0..DYNAMIC_ROUNDS {
        call_every_operation(&prism).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn requests_that_break_the_contract_are_rejected() {
    let prism = start(Answers::Static);
    let http = reqwest::Client::new();
    let url = |path: &str| format!("{}{path}", prism.base_url);

    let bad_state = http
        .patch(url("/website/w1/conversation/s1/state"))
        .basic_auth("id", Some("key"))
        .header("X-Crisp-Tier", "plugin")
        .json(&serde_json::json!({ "state": "bogus" }))
        .send()
        .await
        .expect("prism answers");
    assert_eq!(bad_state.status(), 422, "an unknown enum value is refused");
    let violations = bad_state
        .headers()
        .get("sl-violations")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(violations.contains("state"), "{violations}");

    let no_auth = http
        .get(url("/website/w1"))
        .send()
        .await
        .expect("prism answers");
    assert_eq!(
        no_auth.status(),
        401,
        "a request without credentials is refused"
    );

    let no_domain = http
        .head(url("/website"))
        .basic_auth("id", Some("key"))
        .header("X-Crisp-Tier", "plugin")
        .send()
        .await
        .expect("prism answers");
    assert_eq!(no_domain.status(), 422, "checkWebsite needs its domain");
}
