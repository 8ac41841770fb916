//! Answers read as they arrive, end to end: the streaming fixture's client (`tests/chat-client`, generated
//! from the OpenAPI 3.2 document `tests/corpus/streaming/chat.yaml`) against loopback servers that write
//! their answers in awkward pieces (an event split across reads, data over several lines, comments, CRLF),
//! drop connections mid-stream, and check what arrives of a streamed upload. Plus the 3.2 methods on the wire:
//! QUERY with a body, an additional operation (PURGE) and a `querystring` parameter.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chat_client::types::{
    AccountEvent, ChatMessage, ChatMessageRole, CompletionRequest, FollowEventsOptions,
    ListModelsOptions, LogLineLevel, ModelFilter, SearchQuery,
};
use chat_client::{Client, RetryPolicy, Upload};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// How a scripted answer ends.
#[derive(Clone, Copy)]
enum End {
    /// The last chunk of the chunked encoding is written: the body is complete.
    Complete,
    /// The connection is closed mid-body, as a network failure would.
    Dropped,
}

/// One scripted answer: its content type, the pieces of its body (each written apart, so the client reads
/// them separately), and how it ends.
struct Script {
    content_type: &'static str,
    pieces: Vec<&'static [u8]>,
    end: End,
    /// How long the server waits after each piece.
    pause: Duration,
}

/// The pause after each piece of most scripts: long enough for the client to read each piece apart.
const PAUSE: Duration = Duration::from_millis(15);

/// A loopback server that answers its n-th connection with the n-th script and keeps each request's head.
struct Server {
    url: String,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    async fn start(scripts: Vec<Script>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&requests);
        tokio::spawn(async move {
            for script in scripts {
                let Ok((socket, _)) = listener.accept().await else {
                    return;
                };
                answer(socket, script, &seen).await;
            }
        });
        Self { url, requests }
    }

    fn requests(&self) -> Vec<String> {
        self.requests.lock().expect("requests").clone()
    }

    fn client(&self) -> Client {
        Client::builder()
            .base_url(&self.url)
            .bearer("token")
            .retry_policy(RetryPolicy::new(
                3,
                Duration::from_millis(1),
                Duration::from_millis(5),
            ))
            .build()
            .expect("client")
    }
}

/// Reads a request's head (and a body of `Content-Length` bytes), then writes `script` with the chunked
/// encoding, one HTTP chunk per piece and a pause after each. The head, lower-cased, is kept in `seen` before
/// the answer starts.
async fn answer(mut socket: TcpStream, script: Script, seen: &Mutex<Vec<String>>) {
    let mut received = Vec::new();
    let mut buffer = [0_u8; 4096];
    while !received.windows(4).any(|w| w == b"\r\n\r\n") {
        let Ok(read) = socket.read(&mut buffer).await else {
            return;
        };
        if read == 0 {
            break;
        }
        received.extend_from_slice(&buffer[..read]);
    }
    let head = String::from_utf8_lossy(&received).to_ascii_lowercase();
    let head_end = head.find("\r\n\r\n").map_or(head.len(), |at| at + 4);
    let length: usize = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .and_then(|value| value.trim().parse().ok())
        .unwrap_or(0);
    seen.lock().expect("requests").push(head);
    let mut body = received.len().saturating_sub(head_end);
    while body < length {
        match socket.read(&mut buffer).await {
            Ok(0) | Err(_) => break,
            Ok(read) => body += read,
        }
    }
    let pause = script.pause;
    let start = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: {}\r\ntransfer-encoding: chunked\r\n\r\n",
        script.content_type
    );
    let _ = socket.write_all(start.as_bytes()).await;
    for piece in script.pieces {
        let mut chunk = format!("{:x}\r\n", piece.len()).into_bytes();
        chunk.extend_from_slice(piece);
        chunk.extend_from_slice(b"\r\n");
        let _ = socket.write_all(&chunk).await;
        let _ = socket.flush().await;
        tokio::time::sleep(pause).await;
    }
    if let End::Complete = script.end {
        let _ = socket.write_all(b"0\r\n\r\n").await;
    }
    let _ = socket.shutdown().await;
}

fn completion_request() -> CompletionRequest {
    CompletionRequest::new(
        "small".into(),
        vec![ChatMessage {
            role: ChatMessageRole::User,
            content: "Hello?".into(),
        }],
    )
}

#[tokio::test]
async fn a_completion_arrives_as_typed_events_split_anyhow_up_to_its_sentinel(
) -> Result<(), chat_client::Error> {
    let server = Server::start(vec![Script {
        content_type: "text/event-stream",
        pieces: vec![
            b": connected\r\n\r\ndata: {\"id\":\"c1\",\"del",
            b"ta\":\"Hel\"}\r",
            b"\n\r\nevent: chunk\nid: 7\ndata: {\"id\":\"c1\",\"delta\":\"lo\",\r\ndata: \"finish_reason\":\"stop\"}\r\n",
            b"\r\ndata: [DONE]\n\ndata: {\"id\":\"after the sentinel\",\"delta\":\"\"}\n\n",
        ],
        end: End::Complete,
        pause: PAUSE,
    }])
    .await;
    let client = server.client();

    let mut events = client.stream_completion(&completion_request()).await?;
    let first = events.next().await.expect("a first event")?;
    assert_eq!((first.event.as_deref(), first.id.as_deref()), (None, None));
    assert_eq!(first.data.delta, "Hel");
    let second = events.next().await.expect("a second event")?;
    assert_eq!(second.event.as_deref(), Some("chunk"));
    assert_eq!(second.id.as_deref(), Some("7"));
    assert_eq!(second.data.delta, "lo");
    assert_eq!(
        second
            .data
            .finish_reason
            .map(|reason| reason.to_string())
            .as_deref(),
        Some("stop")
    );
    assert!(events.next().await.is_none(), "the stream ends at [DONE]");

    let requests = server.requests();
    assert!(
        requests[0].starts_with("post /chat/completions "),
        "{requests:?}"
    );
    assert!(requests[0].contains("authorization: bearer token"));
    Ok(())
}

/// Events told apart by their names (a 3.2 `itemSchema` whose `oneOf` gives each `event` its data): each
/// decodes as its name says, an unnamed event is a `message`, a name the spec does not list is kept with
/// its data, and data that does not fit its name is an error item the stream goes on after.
#[tokio::test]
async fn events_of_several_kinds_decode_by_their_names() -> Result<(), chat_client::Error> {
    use chat_client::types::StreamMessageResponseEvent as Event;
    let server = Server::start(vec![Script {
        content_type: "text/event-stream",
        pieces: vec![
            b"event: message_start\ndata: {\"id\":\"m1\",\"model\":\"small\"}\n\n",
            b"event: ping\ndata: still here\n\nevent: content_delta\ndata: {\"index\":0,\"te",
            b"xt\":\"Hel\"}\n\nevent: content_delta\ndata: {\"index\":\"zero\"}\n\n",
            b"event: citation\ndata: {\"url\":\"x\"}\n\ndata: unnamed\n\n",
            b"event: message_stop\ndata: {\"stop_reason\":\"end\"}\n\n",
        ],
        end: End::Complete,
        pause: PAUSE,
    }])
    .await;
    let mut events = server
        .client()
        .stream_message(&completion_request())
        .await?;
    let data = |item: Option<Result<chat_client::ServerEvent<Event>, chat_client::Error>>| {
        item.expect("an event").expect("decodes").data
    };
    match data(events.next().await) {
        Event::MessageStart(start) => {
            assert_eq!((start.id.as_str(), start.model.as_str()), ("m1", "small"))
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(data(events.next().await), Event::Ping("still here".into()));
    match data(events.next().await) {
        Event::ContentDelta(delta) => assert_eq!((delta.index, delta.text.as_str()), (0, "Hel")),
        other => panic!("{other:?}"),
    }
    let bad = events
        .next()
        .await
        .expect("an item")
        .expect_err("an index that is no integer");
    assert!(bad.to_string().contains("index"), "{bad}");
    assert_eq!(
        data(events.next().await),
        Event::Other {
            event: "citation".into(),
            data: "{\"url\":\"x\"}".into()
        }
    );
    assert_eq!(
        data(events.next().await),
        Event::Other {
            event: "message".into(),
            data: "unnamed".into()
        }
    );
    assert_eq!(
        data(events.next().await),
        Event::MessageStop(serde_json::json!({ "stop_reason": "end" }))
    );
    assert!(events.next().await.is_none());
    Ok(())
}

/// An operation whose answer may come whole (JSON) or streamed (events) has a method for each: the second
/// asks for the stream with `Accept`; what else tells the server to stream (here `stream: true`) is the
/// caller's.
#[tokio::test]
async fn a_completion_may_be_asked_for_whole_or_as_a_stream() -> Result<(), chat_client::Error> {
    let server = Server::start(vec![
        Script {
            content_type: "application/json",
            pieces: vec![b"{\"id\":\"c2\",\"text\":\"Hello\"}"],
            end: End::Complete,
            pause: PAUSE,
        },
        Script {
            content_type: "text/event-stream",
            pieces: vec![
                b"data: {\"id\":\"c3\",\"delta\":\"Hel\"}\n\n",
                b"data: {\"id\":\"c3\",\"delta\":\"lo\"}\n\ndata: [DONE]\n\n",
            ],
            end: End::Complete,
            pause: PAUSE,
        },
    ])
    .await;
    let client = server.client();

    let whole = client.create_completion(&completion_request()).await?;
    assert_eq!((whole.id.as_str(), whole.text.as_str()), ("c2", "Hello"));

    let mut request = completion_request();
    request.stream = Some(true);
    let mut events = client.create_completion_events(&request).await?;
    let mut text = String::new();
    while let Some(event) = events.next().await {
        text.push_str(&event?.data.delta);
    }
    assert_eq!(text, "Hello");

    let requests = server.requests();
    assert!(
        requests[0].starts_with("post /completions "),
        "{requests:?}"
    );
    assert!(!requests[0].contains("text/event-stream"), "{requests:?}");
    assert!(
        requests[1].starts_with("post /completions "),
        "{requests:?}"
    );
    assert!(
        requests[1].contains("\r\naccept: text/event-stream\r\n")
            && !requests[1].contains("accept: */*"),
        "{requests:?}"
    );
    Ok(())
}

#[tokio::test]
async fn a_dropped_get_stream_resumes_with_the_last_event_id() -> Result<(), chat_client::Error> {
    let server = Server::start(vec![
        Script {
            content_type: "text/event-stream",
            pieces: vec![
                b"retry: 5\nid: 41\ndata: {\"type\":\"completion_finished\",\"completion_id\":\"c1\"}\n\n",
                b"id: 42\ndata: {\"type\":\"quota_warn",
            ],
            end: End::Dropped,
            pause: PAUSE,
        },
        Script {
            content_type: "text/event-stream",
            pieces: vec![
                b"id: 42\ndata: {\"type\":\"quota_warning\",\"used_percent\":91}\n\n",
                b"id: 43\ndata: {\"type\":\"billing_changed\",\"plan\":\"gold\"}\n\n",
            ],
            end: End::Complete,
            pause: PAUSE,
        },
    ])
    .await;
    let client = server.client();

    let options = FollowEventsOptions {
        topic: Some("usage".into()),
    };
    let events = client.follow_events(&options).await?.all().await?;
    let ids: Vec<_> = events.iter().map(|e| e.id.as_deref()).collect();
    assert_eq!(ids, [Some("41"), Some("42"), Some("43")]);
    assert!(
        matches!(&events[0].data, AccountEvent::CompletionFinished(e) if e.completion_id == "c1")
    );
    assert!(matches!(&events[1].data, AccountEvent::QuotaWarning(w) if w.used_percent == 91));
    assert!(
        matches!(&events[2].data, AccountEvent::UnknownEvent(e) if e.type_.as_deref() == Some("billing_changed")),
        "an event type the client does not know decodes as the defaultMapping's variant: {:?}",
        events[2].data
    );

    let requests = server.requests();
    assert_eq!(requests.len(), 2, "{requests:?}");
    assert!(requests[0].starts_with("get /events?topic=usage "));
    assert!(!requests[0].contains("last-event-id"));
    assert!(requests[1].starts_with("get /events?topic=usage "));
    assert!(
        requests[1].contains("last-event-id: 41\r\n"),
        "{}",
        requests[1]
    );
    Ok(())
}

#[tokio::test]
async fn a_dropped_post_stream_is_not_resumed() -> Result<(), chat_client::Error> {
    let server = Server::start(vec![Script {
        content_type: "text/event-stream",
        pieces: vec![
            b"data: {\"id\":\"c1\",\"delta\":\"Hel\"}\n\n",
            b"data: {\"id\"",
        ],
        end: End::Dropped,
        pause: PAUSE,
    }])
    .await;
    let client = server.client();

    let mut events = client.stream_completion(&completion_request()).await?;
    assert_eq!(events.next().await.expect("an event")?.data.delta, "Hel");
    let error = events
        .next()
        .await
        .expect("the drop")
        .expect_err("an error");
    assert!(!error.is_timeout(), "{error}");
    assert!(events.next().await.is_none(), "the error ends the stream");
    assert_eq!(server.requests().len(), 1, "a POST is sent once");
    Ok(())
}

#[tokio::test]
async fn text_events_stay_text() -> Result<(), chat_client::Error> {
    let server = Server::start(vec![Script {
        content_type: "text/event-stream",
        pieces: vec![
            b"data: maintenance at 10:00\ndata: (UTC)\n\n",
            b"event: all-clear\ndata: done",
        ],
        end: End::Complete,
        pause: PAUSE,
    }])
    .await;
    let notices = server.client().watch_notices().await?.all().await?;
    let texts: Vec<_> = notices
        .iter()
        .map(|n| (n.event.as_deref(), n.data.as_str()))
        .collect();
    assert_eq!(
        texts,
        [
            (None, "maintenance at 10:00\n(UTC)"),
            (Some("all-clear"), "done")
        ],
        "a last event without its blank line arrives"
    );
    Ok(())
}

#[tokio::test]
async fn json_lines_arrive_typed_and_a_bad_line_is_an_error_item_the_stream_goes_on_after() {
    let server = Server::start(vec![Script {
        content_type: "application/jsonl",
        pieces: vec![
            b"{\"at\":1,\"level\":\"info\",\"message\":\"up\"}\r\n{\"at\":2,\"lev",
            b"el\":\"warn\",\"message\":\"slow\"}\n\nnot json\n",
            b"{\"at\":3,\"level\":\"error\",\"message\":\"down\"}",
        ],
        end: End::Complete,
        pause: PAUSE,
    }])
    .await;
    let mut lines = server.client().tail_logs().await.expect("opened");
    let mut read = Vec::new();
    while let Some(line) = lines.next().await {
        read.push(line.map(|line| (line.at, line.level, line.message)));
    }
    assert_eq!(read.len(), 4, "{read:?}");
    assert_eq!(
        read[0].as_ref().ok(),
        Some(&(1, LogLineLevel::Info, "up".to_string()))
    );
    assert_eq!(
        read[1].as_ref().ok(),
        Some(&(2, LogLineLevel::Warn, "slow".to_string()))
    );
    let error = read[2].as_ref().expect_err("the bad line");
    assert_eq!(error.body(), Some("not json"), "{error}");
    assert_eq!(
        read[3].as_ref().ok(),
        Some(&(3, LogLineLevel::Error, "down".to_string())),
        "a last line without its newline arrives"
    );
}

#[tokio::test]
async fn a_json_text_sequence_arrives_typed() -> Result<(), chat_client::Error> {
    let server = Server::start(vec![Script {
        content_type: "application/json-seq",
        pieces: vec![
            b"\x1e{\"at\":1,\"level\":\"debug\",\n \"message\":\"a\"}\n\x1e{\"at\":2,",
            b"\"level\":\"info\",\"message\":\"b\"}\n",
        ],
        end: End::Complete,
        pause: PAUSE,
    }])
    .await;
    let lines = server
        .client()
        .export_logs("2026-12-02")
        .await?
        .all()
        .await?;
    let messages: Vec<_> = lines.iter().map(|l| l.message.as_str()).collect();
    assert_eq!(messages, ["a", "b"]);
    assert!(server.requests()[0].starts_with("get /logs/export?day=2026-12-02 "));
    Ok(())
}

#[tokio::test]
async fn a_download_arrives_chunk_by_chunk_and_whole() -> Result<(), chat_client::Error> {
    let pieces: Vec<&'static [u8]> = vec![b"first part, ", b"second part, ", b"last part"];
    let scripts = (0..2)
        .map(|_| Script {
            content_type: "application/octet-stream",
            pieces: pieces.clone(),
            end: End::Complete,
            pause: PAUSE,
        })
        .collect();
    let server = Server::start(scripts).await;
    let client = server.client();

    let mut chunks = client.download_file_stream("f 1").await?;
    let mut streamed = Vec::new();
    let mut count = 0;
    while let Some(chunk) = chunks.next().await {
        streamed.extend_from_slice(&chunk?);
        count += 1;
    }
    assert_eq!(streamed, b"first part, second part, last part");
    assert!(count > 1, "read as it arrived, in {count} chunks");
    assert_eq!(client.download_file("f 1").await?, streamed);
    assert!(server.requests()[0].starts_with("get /files/f%201/content "));
    Ok(())
}

/// What an axum server received: method, path and query, and body.
type Received = Arc<Mutex<Vec<(String, String, Vec<u8>)>>>;

/// A loopback server that records every request and answers with `status` and `body` as JSON.
async fn recording_server(status: u16, body: &'static str) -> (String, Received) {
    let received: Received = Arc::default();
    let seen = Arc::clone(&received);
    let app = axum::Router::new().fallback(
        move |method: axum::http::Method, uri: axum::http::Uri, body_bytes: axum::body::Bytes| {
            let seen = Arc::clone(&seen);
            async move {
                seen.lock().expect("received").push((
                    method.to_string(),
                    uri.to_string(),
                    body_bytes.to_vec(),
                ));
                axum::response::Response::builder()
                    .status(status)
                    .header("content-type", "application/json")
                    .body(axum::body::Body::from(body))
                    .expect("a response")
            }
        },
    );
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, received)
}

fn client_for(url: &str) -> Client {
    Client::builder()
        .base_url(url)
        .bearer("token")
        .build()
        .expect("client")
}

#[tokio::test]
async fn an_upload_is_sent_from_a_stream_or_from_memory() -> Result<(), chat_client::Error> {
    let (url, received) = recording_server(204, "").await;
    let client = client_for(&url);

    let pieces =
        ["stream", "ed ", "bytes"].map(|piece| Ok::<_, std::io::Error>(bytes::Bytes::from(piece)));
    client
        .upload_file("f1", Upload::from_stream(futures::stream::iter(pieces)))
        .await?;
    client
        .upload_file("f1", b"in memory".to_vec().into())
        .await?;

    let received = received.lock().expect("received").clone();
    assert_eq!(
        received[0],
        (
            "PUT".into(),
            "/files/f1/content".into(),
            b"streamed bytes".to_vec()
        )
    );
    assert_eq!(received[1].2, b"in memory");
    Ok(())
}

#[tokio::test]
async fn query_purge_and_a_querystring_go_out_as_the_3_2_document_says(
) -> Result<(), chat_client::Error> {
    let (url, received) = recording_server(200, r#"[{"id":"c1","delta":"hi"}]"#).await;
    let client = client_for(&url);

    let found = client
        .search_completions(&SearchQuery {
            limit: Some(5),
            ..SearchQuery::new("greeting".into())
        })
        .await?;
    assert_eq!(found[0].delta, "hi");
    client.purge_cache().await?;
    let options = ListModelsOptions {
        filter: Some(ModelFilter {
            owner: Some("team a".into()),
            family: None,
        }),
    };
    client.list_models(&options).await?;

    let received = received.lock().expect("received").clone();
    assert_eq!(received[0].0, "QUERY");
    assert_eq!(received[0].1, "/search");
    let body: serde_json::Value = serde_json::from_slice(&received[0].2).expect("a JSON body");
    assert_eq!(body, serde_json::json!({"text": "greeting", "limit": 5}));
    assert_eq!(
        (received[1].0.as_str(), received[1].1.as_str()),
        ("PURGE", "/cache")
    );
    assert_eq!(
        (received[2].0.as_str(), received[2].1.as_str()),
        ("GET", "/models?owner=team+a")
    );
    Ok(())
}

#[tokio::test]
async fn a_stream_may_outlast_the_timeout_but_not_a_silence_longer_than_it(
) -> Result<(), chat_client::Error> {
    let chunk: &'static [u8] = b"data: {\"id\":\"c1\",\"delta\":\".\"}\n\n";
    let server = Server::start(vec![
        Script {
            content_type: "text/event-stream",
            pieces: vec![chunk; 6],
            end: End::Complete,
            pause: Duration::from_millis(100),
        },
        Script {
            content_type: "text/event-stream",
            pieces: vec![chunk],
            end: End::Complete,
            pause: Duration::from_secs(3),
        },
    ])
    .await;
    let client = Client::builder()
        .base_url(&server.url)
        .bearer("token")
        .timeout(Duration::from_millis(350))
        .build()?;

    let started = std::time::Instant::now();
    let events = client
        .stream_completion(&completion_request())
        .await?
        .all()
        .await?;
    assert_eq!(events.len(), 6);
    assert!(
        started.elapsed() > Duration::from_millis(500),
        "the stream lasted longer than the timeout: {:?}",
        started.elapsed()
    );

    let mut silent = client.stream_completion(&completion_request()).await?;
    assert!(silent.next().await.expect("the first event").is_ok());
    let stalled = silent.next().await.expect("an error").expect_err("a stall");
    assert!(stalled.is_timeout(), "{stalled}");
    Ok(())
}

#[tokio::test]
async fn a_stream_resumes_after_the_time_the_server_asked_for() -> Result<(), chat_client::Error> {
    let server = Server::start(vec![
        Script {
            content_type: "text/event-stream",
            pieces: vec![
                b"retry: 300\nid: 1\ndata: {\"type\":\"quota_warning\",\"used_percent\":1}\n\n",
            ],
            end: End::Dropped,
            pause: PAUSE,
        },
        Script {
            content_type: "text/event-stream",
            pieces: vec![b"id: 2\ndata: {\"type\":\"quota_warning\",\"used_percent\":2}\n\n"],
            end: End::Complete,
            pause: PAUSE,
        },
    ])
    .await;
    // The policy's own backoff would wait a millisecond at most; the server asks for 300.
    let client = Client::builder()
        .base_url(&server.url)
        .bearer("token")
        .retry_policy(RetryPolicy::new(
            3,
            Duration::from_millis(1),
            Duration::from_secs(2),
        ))
        .build()?;

    let mut events = client
        .follow_events(&FollowEventsOptions::default())
        .await?;
    assert!(events.next().await.expect("the first event").is_ok());
    let dropped_at = std::time::Instant::now();
    let second = events.next().await.expect("the event after resuming")?;
    assert_eq!(second.id.as_deref(), Some("2"));
    assert!(
        dropped_at.elapsed() >= Duration::from_millis(300),
        "resumed after {:?}",
        dropped_at.elapsed()
    );
    Ok(())
}
