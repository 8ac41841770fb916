//! A paged listing read the way a caller would write it, with nothing imported but the crate: the options
//! passed as a temporary, the stream kept in a variable and read with its own `next`, collected with `all`
//! or the re-exported `TryStreamExt`, and moved into a spawned task.

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

    // The stream owns its arguments and is `Send`: a task can read it.
    let task = tokio::spawn({
        let client = client.clone();
        async move {
            client
                .list_conversations_stream(&String::from("w1"), &Default::default())
                .all()
                .await
        }
    });
    assert_eq!(task.await.expect("the task runs")?.len(), 3);
    Ok(())
}
