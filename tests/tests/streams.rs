//! A paged listing read the way a caller would write it, with nothing imported but the crate: the options
//! passed as a temporary, the stream kept in a variable and read with its own `next`, collected with `all`
//! or the re-exported `TryStreamExt`, spawned on a task as it is, and returned by a function whose client is
//! gone.

use crisp_client::types::ListConversationsOptions;
use crisp_client::Client;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn three_pages() -> MockServer {
    let server = MockServer::start().await;
    for (number, sessions) in [(1, &["s1", "s2"][..]), (2, &["s3"]), (3, &[])] {
        let items: Vec<_> = sessions
            .iter()
            .map(|s| json!({ "session_id": s, "website_id": "w1" }))
            .collect();
        Mock::given(method("GET"))
            .and(path(format!("/website/w1/conversations/{number}")))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!({ "error": false, "reason": "listed", "data": items })),
            )
            .mount(&server)
            .await;
    }
    server
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .basic_auth("identifier", "key")
        .tier(crisp_client::types::Tier::Plugin)
        .base_url(server.uri())
        .build()
        .expect("client")
}

#[tokio::test]
async fn a_stream_is_read_with_next_and_nothing_else_imported() -> Result<(), crisp_client::Error> {
    let server = three_pages().await;
    let client = client(&server);

    let mut conversations =
        client.list_conversations_stream("w1", &ListConversationsOptions::default());
    let mut sessions = Vec::new();
    while let Some(conversation) = conversations.next().await {
        sessions.push(conversation?.session_id);
    }
    assert_eq!(sessions, ["s1", "s2", "s3"]);

    let all = client
        .list_conversations_stream("w1", &Default::default())
        .all()
        .await?;
    assert_eq!(all.len(), 3);

    use crisp_client::TryStreamExt;
    let collected: Vec<_> = client
        .list_conversations_stream("w1", &Default::default())
        .try_collect()
        .await?;
    assert_eq!(collected.len(), 3);

    // The stream owns its arguments and a handle on the client, and is `Send`: a task can read it, with
    // nothing moved in but the stream.
    let stream = client.list_conversations_stream(&String::from("w1"), &Default::default());
    let task = tokio::spawn(stream.all());
    assert_eq!(task.await.expect("the task runs")?.len(), 3);
    Ok(())
}

/// A stream borrows nothing: a function may make a client, open a stream on it and return the stream, the
/// client gone; the pages still come.
#[tokio::test]
async fn a_stream_outlives_the_client_it_came_from() -> Result<(), crisp_client::Error> {
    fn sessions_of(
        server: &MockServer,
    ) -> crisp_client::Items<'static, crisp_client::types::Conversation> {
        let client = client(server);
        client.list_conversations_stream("w1", &Default::default())
    }
    let server = three_pages().await;
    let mut conversations = sessions_of(&server);
    let mut sessions = Vec::new();
    while let Some(conversation) = conversations.next().await {
        sessions.push(conversation?.session_id);
    }
    assert_eq!(sessions, ["s1", "s2", "s3"]);
    Ok(())
}
