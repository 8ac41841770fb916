//! What the generated client costs over a hand-written `reqwest` call: the same 1,000 `GET /website/{id}`
//! requests (Basic credentials, tier header, user agent, JSON envelope decoded into a typed website) against a
//! loopback server that answers instantly, once through `crisp-client` and once by hand. Prints both times and
//! their ratio; the target is at most 1.05.
//!
//! Run: `cargo bench -p workspace-tests --bench client_overhead`.

use std::time::{Duration, Instant};

use crisp_client::types::{Tier, Website};
use crisp_client::{Client, RetryPolicy};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const REQUESTS: usize = 1_000;
const ROUNDS: usize = 15;
const BODY: &str = r#"{"error":false,"reason":"resolved","data":{"website_id":"w1","name":"Acme","domain":"acme.example","logo":"https://acme.example/logo.png","verified":true}}"#;

/// A keep-alive HTTP/1.1 server that answers every request with `BODY`.
async fn serve(listener: TcpListener) {
    let response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{BODY}",
        BODY.len()
    );
    loop {
        let Ok((mut socket, _)) = listener.accept().await else {
            return;
        };
        let response = response.clone();
        tokio::spawn(async move {
            let mut buffer = vec![0u8; 8192];
            let mut pending = Vec::new();
            loop {
                let Ok(read) = socket.read(&mut buffer).await else {
                    return;
                };
                if read == 0 {
                    return;
                }
                pending.extend_from_slice(&buffer[..read]);
                while let Some(end) = pending.windows(4).position(|w| w == b"\r\n\r\n") {
                    pending.drain(..end + 4);
                    if socket.write_all(response.as_bytes()).await.is_err() {
                        return;
                    }
                }
            }
        });
    }
}

#[derive(serde::Deserialize)]
struct Envelope {
    data: Website,
}

async fn generated(client: &Client) -> Duration {
    let started = Instant::now();
    for _ in 0..REQUESTS {
        let website = client.get_website("w1").await.expect("answers");
        std::hint::black_box(website);
    }
    started.elapsed()
}

async fn by_hand(http: &reqwest::Client, base: &str) -> Duration {
    let started = Instant::now();
    for _ in 0..REQUESTS {
        let body = http
            .get(format!("{base}/website/w1"))
            .basic_auth("identifier", Some("key"))
            .header("X-Crisp-Tier", "plugin")
            .header("User-Agent", "bench/1")
            .timeout(Duration::from_secs(30))
            .send()
            .await
            .expect("answers")
            .bytes()
            .await
            .expect("reads");
        let envelope: Envelope = serde_json::from_slice(&body).expect("decodes");
        std::hint::black_box(envelope.data);
    }
    started.elapsed()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    tokio::spawn(serve(listener));
    let client = Client::builder()
        .basic_auth("identifier", "key")
        .tier(Tier::Plugin)
        .base_url(&base)
        .retry_policy(RetryPolicy::default())
        .build()
        .expect("valid");
    let http = reqwest::Client::new();
    // Warm both connection pools, then keep the best of several alternating rounds of each.
    generated(&client).await;
    by_hand(&http, &base).await;
    let mut best = (Duration::MAX, Duration::MAX);
    for _ in 0..ROUNDS {
        best.0 = best.0.min(generated(&client).await);
        best.1 = best.1.min(by_hand(&http, &base).await);
    }
    let per_request = |total: Duration| total.as_secs_f64() * 1e6 / REQUESTS as f64;
    println!("{REQUESTS} requests, best of {ROUNDS} rounds");
    println!(
        "crisp-client:         {:8.1} µs per request",
        per_request(best.0)
    );
    println!(
        "hand-written reqwest: {:8.1} µs per request",
        per_request(best.1)
    );
    println!(
        "ratio: {:.3} (target: at most 1.05)",
        best.0.as_secs_f64() / best.1.as_secs_f64()
    );
}
