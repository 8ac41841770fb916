//! What the generated client costs over a hand-written `reqwest` call: the same 1,000 `GET /website/{id}`
//! requests (Basic credentials, tier header, user agent, JSON envelope decoded into a typed website) against a
//! loopback server that answers instantly, once through `crisp-client` and once by hand. Prints both times and
//! their ratio; the target is at most 1.05.
//!
//! Run: `cargo bench -p workspace-tests --bench client_overhead`. Wall time on a shared 2-core machine moves by
//! several percent between runs, so rounds are paired and the median ratio is printed;
//! `scripts/bench-client-instructions` counts instructions instead, which do not depend on machine load.

use std::time::{Duration, Instant};

use crisp_client::types::{Tier, Website};
use crisp_client::{Client, RetryPolicy};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const REQUESTS: usize = 1_000;
const ROUNDS: usize = 31;
/// Rounds of one side with `--only`.
const ONLY_ROUNDS: usize = 5;
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
    // Warm both connection pools, then run rounds that pair the two, alternating which goes first so neither
    // profits from running second. Each round gives one ratio; the median of them is the figure, because it
    // ignores the rounds that a burst of machine load spoiled for one side only.
    // `--only generated` or `--only by-hand`: one side alone, for counting instructions under callgrind
    // (`scripts/bench-client-instructions`), which this machine class measures far more steadily than time.
    let args: Vec<String> = std::env::args().collect();
    if let Some(side) = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1))
    {
        for _ in 0..ONLY_ROUNDS {
            match side.as_str() {
                "generated" => generated(&client).await,
                _ => by_hand(&http, &base).await,
            };
        }
        return;
    }
    generated(&client).await;
    by_hand(&http, &base).await;
    let mut rounds = Vec::with_capacity(ROUNDS);
    for round in 0..ROUNDS {
        let (ours, theirs) = if round % 2 == 0 {
            let ours = generated(&client).await;
            (ours, by_hand(&http, &base).await)
        } else {
            let theirs = by_hand(&http, &base).await;
            (generated(&client).await, theirs)
        };
        rounds.push((ours, theirs));
    }
    let per_request = |total: Duration| total.as_secs_f64() * 1e6 / REQUESTS as f64;
    let median = |mut values: Vec<f64>| {
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    let ours = median(rounds.iter().map(|r| per_request(r.0)).collect());
    let theirs = median(rounds.iter().map(|r| per_request(r.1)).collect());
    let ratio = median(
        rounds
            .iter()
            .map(|r| r.0.as_secs_f64() / r.1.as_secs_f64())
            .collect(),
    );
    println!("{REQUESTS} requests per round, {ROUNDS} rounds, medians");
    println!("crisp-client:         {ours:8.1} µs per request");
    println!("hand-written reqwest: {theirs:8.1} µs per request");
    println!("ratio: {ratio:.3} (target: at most 1.05)");
}
