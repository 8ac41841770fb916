//! Answers are bounded: a success body is read only up to the client's limit (its builder's
//! `max_answer_size`, or `with_max_answer_size` for some calls), so a server sending an endless body, or
//! announcing gigabytes, cannot make the client hold more than about the limit; an error body is kept up to
//! `MAX_ERROR_BODY` and the rest is not read. The servers are raw TCP on loopback, since no mock server sends
//! a body without end.

use std::time::{Duration, Instant};

use crisp_client::types::Tier;
use crisp_client::{Client, Error, RetryPolicy, DEFAULT_MAX_ANSWER_SIZE, MAX_ERROR_BODY};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// How one connection is answered.
#[derive(Clone, Copy)]
enum Answer {
    /// A status line and a chunked body that never ends.
    Endless(u16),
    /// A success announcing a body of this many bytes, which never comes.
    Announced(u64),
    /// A success whose JSON body is exactly this many bytes.
    Exactly(usize),
}

/// A loopback server answering every connection as `answer`; its base URL.
async fn serve(answer: Answer) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
    let url = format!("http://{}", listener.local_addr().expect("its address"));
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut request = vec![0u8; 16 * 1024];
                let _ = socket.read(&mut request).await;
                let _ = write_answer(&mut socket, answer).await;
            });
        }
    });
    url
}

async fn write_answer(socket: &mut tokio::net::TcpStream, answer: Answer) -> std::io::Result<()> {
    match answer {
        Answer::Endless(status) => {
            let head = format!("HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            socket.write_all(head.as_bytes()).await?;
            let piece = vec![b' '; 64 * 1024];
            let chunk = [
                format!("{:x}\r\n", piece.len()).into_bytes(),
                piece,
                b"\r\n".to_vec(),
            ]
            .concat();
            loop {
                socket.write_all(&chunk).await?;
            }
        }
        Answer::Announced(size) => {
            let head = format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {size}\r\n\r\n");
            socket.write_all(head.as_bytes()).await?;
            tokio::time::sleep(Duration::from_secs(30)).await;
            Ok(())
        }
        Answer::Exactly(size) => {
            let wrapper = r#"{"error":false,"reason":"resolved","data":{"name":""}}"#;
            let name = "a".repeat(size - wrapper.len());
            let body =
                format!(r#"{{"error":false,"reason":"resolved","data":{{"name":"{name}"}}}}"#);
            assert_eq!(body.len(), size);
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {size}\r\n\r\n"
            );
            socket.write_all(head.as_bytes()).await?;
            socket.write_all(body.as_bytes()).await
        }
    }
}

fn client(url: &str) -> Client {
    Client::builder()
        .basic_auth("7c3ef21c-1e04-41ce-8c06-5605c346f73e", "key")
        .tier(Tier::Plugin)
        .base_url(url)
        .retry_policy(RetryPolicy::none())
        .timeout(Duration::from_secs(60))
        .build()
        .expect("valid configuration")
}

/// The resident memory of this process, in bytes (Linux).
fn resident_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let kib: u64 = status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|value| value.parse().ok())
        .expect("VmRSS in kB");
    kib * 1024
}

#[tokio::test]
async fn an_endless_body_stops_at_the_default_limit_with_memory_near_it() {
    let url = serve(Answer::Endless(200)).await;
    let before = resident_bytes();
    let started = Instant::now();
    let err = client(&url)
        .get_website("w1")
        .await
        .expect_err("an endless answer cannot be read");
    let grown = resident_bytes().saturating_sub(before);
    match &err {
        Error::TooLarge {
            size,
            limit,
            operation,
            ..
        } => {
            assert_eq!(*limit, DEFAULT_MAX_ANSWER_SIZE);
            assert!(
                *size > *limit && *size <= *limit + 64 * 1024 + 64,
                "stopped at the first chunk past it: {size}"
            );
            assert_eq!(*operation, "getWebsite");
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
    assert!(
        err.to_string().contains("over the limit of 33554432"),
        "{err}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "it fails as soon as the limit is passed, not at the timeout"
    );
    assert!(
        grown < 3 * DEFAULT_MAX_ANSWER_SIZE,
        "the process grew by {grown} bytes reading an endless answer with a {DEFAULT_MAX_ANSWER_SIZE}-byte limit"
    );
}

#[tokio::test]
async fn an_announced_size_over_the_limit_fails_before_anything_is_read() {
    let url = serve(Answer::Announced(8 * 1024 * 1024 * 1024)).await;
    let started = Instant::now();
    let err = client(&url)
        .get_website("w1")
        .await
        .expect_err("8 GB is over the limit");
    match err {
        Error::TooLarge { size, limit, .. } => {
            assert_eq!(
                (size, limit),
                (8 * 1024 * 1024 * 1024, DEFAULT_MAX_ANSWER_SIZE)
            );
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "the body that never comes is not waited for"
    );
}

#[tokio::test]
async fn an_answer_just_under_a_limit_set_per_call_decodes_and_one_byte_more_fails() {
    let limit = 256 * 1024;
    let under = serve(Answer::Exactly(limit as usize - 1)).await;
    let website = client(&under)
        .with_max_answer_size(limit)
        .get_website("w1")
        .await
        .expect("just under the limit");
    assert_eq!(
        website.name.map(|name| name.len()),
        Some(limit as usize - 1 - 54)
    );

    let exactly = serve(Answer::Exactly(limit as usize)).await;
    client(&exactly)
        .with_max_answer_size(limit)
        .get_website("w1")
        .await
        .expect("a body of exactly the limit is read");

    let over = serve(Answer::Exactly(limit as usize + 1)).await;
    let err = client(&over)
        .with_max_answer_size(limit)
        .get_website("w1")
        .await
        .expect_err("one byte over");
    assert!(
        matches!(err, Error::TooLarge { size, .. } if size == limit + 1),
        "{err:?}"
    );

    // The builder's limit applies to every call of the client it builds.
    let built = Client::builder()
        .basic_auth("id", "key")
        .tier(Tier::Plugin)
        .base_url(&over)
        .max_answer_size(limit)
        .build()
        .expect("valid configuration");
    assert!(matches!(
        built.get_website("w1").await,
        Err(Error::TooLarge { .. })
    ));
}

#[tokio::test]
async fn an_endless_error_body_is_cut_at_max_error_body_and_not_read_further() {
    let url = serve(Answer::Endless(500)).await;
    let started = Instant::now();
    let err = client(&url).get_website("w1").await.expect_err("a 500");
    assert_eq!(err.status(), Some(500));
    assert_eq!(err.body().map(str::len), Some(MAX_ERROR_BODY));
    assert!(started.elapsed() < Duration::from_secs(30));
}
