//! Soak mode: mixed traffic with injected faults for `OPENAI_SDK_SOAK_SECS`
//! seconds (default 3, what CI runs), then a table of outcomes by kind on stderr.
//!
//! ```sh
//! OPENAI_SDK_SOAK_SECS=600 cargo test --release --test it soak -- --nocapture
//! ```
//!
//! Real time: the point is many interleavings, not exact delays. Faults are scripted onto
//! random routes while 16 workers send chat, streamed chat, embeddings and model calls.
//! Properties: nothing panics, every error is one of the kinds a fault can cause, traffic
//! keeps succeeding, and after the run the client is healthy and no socket is left.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use openai_mock::{MockServer, Reply, SseEvent};
use openai_sdk::Jitter;
use openai_sdk::embeddings::EmbeddingRequest;
use openai_sdk::{Client, ErrorKind, RetryConfig};
use serde_json::json;

use crate::support::{Rng, chat, content_chunk};

fn fault(rng: &mut Rng) -> Reply {
    match rng.below(12) {
        0 => Reply::rate_limited(20),
        1 => Reply::error(500, "server_error", None, "soak 500"),
        2 => Reply::html_502(),
        3 => Reply::error(503, "server_error", None, "soak").header("x-should-retry", "false"),
        4 => Reply::close_before_headers(),
        5 => Reply::invalid_json(),
        6 => Reply::invalid_utf8(),
        7 => Reply::json(200, json!({})).delay(Duration::from_millis(400)),
        8 => Reply::sse_truncated([SseEvent::json(&content_chunk("cut"))]),
        9 => Reply::sse_error_event(
            [SseEvent::json(&content_chunk("x"))],
            json!({"error": {"message": "soak stream error"}}),
        ),
        10 => Reply::sse_close_mid_event([
            SseEvent::json(&content_chunk("a")),
            SseEvent::json(&content_chunk("b")),
        ]),
        _ => Reply::error(400, "invalid_request_error", Some("soak"), "not retried"),
    }
}

fn kind_name(err: &openai_sdk::Error) -> String {
    match err.kind() {
        ErrorKind::Api(_) => match err.status() {
            Some(status) => format!("api {}", status.as_u16()),
            None => "api (in stream)".to_owned(),
        },
        ErrorKind::Timeout(kind) => format!("timeout {kind:?}"),
        ErrorKind::Connect => "connect".to_owned(),
        ErrorKind::Io => "io".to_owned(),
        ErrorKind::Decode => "decode".to_owned(),
        ErrorKind::Stream => "stream".to_owned(),
        ErrorKind::InvalidRequest => "invalid request".to_owned(),
        ErrorKind::Credential => "credential".to_owned(),
        _ => "other".to_owned(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn soak_mixed_traffic_with_faults() {
    let secs: u64 = std::env::var("OPENAI_SDK_SOAK_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let server = Arc::new(MockServer::start().await);
    let port = server.addr().port();
    let client = Client::builder()
        .base_url(server.base_url())
        .api_key("sk-soak")
        .timeout(Duration::from_millis(200))
        .idle_timeout(Duration::from_millis(200))
        .retry_config(RetryConfig::default().jitter(Jitter::fixed(0.1)))
        .build()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(secs);
    let tally: Arc<Mutex<BTreeMap<String, u64>>> = Arc::default();

    // The fault injector: every few milliseconds, one fault on a random route.
    let injector = {
        let server = server.clone();
        tokio::spawn(async move {
            let mut rng = Rng::new(0x50A7);
            let routes = ["/v1/chat/completions", "/v1/embeddings", "/v1/models"];
            while Instant::now() < deadline {
                let route = *rng.pick(&routes);
                let method = if route == "/v1/models" { "GET" } else { "POST" };
                server.on(method, route).respond_seq([fault(&mut rng)]);
                tokio::time::sleep(Duration::from_millis(3)).await;
            }
        })
    };

    let mut workers = tokio::task::JoinSet::new();
    for worker in 0..16u64 {
        let client = client.clone();
        let tally = tally.clone();
        workers.spawn(async move {
            let mut rng = Rng::new(worker);
            while Instant::now() < deadline {
                let op = rng.below(4);
                let result: Result<(), openai_sdk::Error> = match op {
                    0 => client.chat().create(&chat("soak")).await.map(|_| ()),
                    1 => match client.chat().create_stream(&chat("soak stream")).await {
                        Ok(mut stream) => stream.drain().await.map(|_| ()),
                        Err(e) => Err(e),
                    },
                    2 => client
                        .embeddings()
                        .create(&EmbeddingRequest::new("text-embedding-3-small", "soak"))
                        .await
                        .map(|_| ()),
                    _ => client.models().list().await.map(|_| ()),
                };
                let key = match &result {
                    Ok(()) => "ok".to_owned(),
                    Err(err) => {
                        // Every error is one a fault can cause, and prints one line.
                        assert!(!err.to_string().contains('\n'), "{err}");
                        assert!(
                            !matches!(
                                err.kind(),
                                ErrorKind::InvalidRequest | ErrorKind::Credential
                            ),
                            "{err:?}"
                        );
                        kind_name(err)
                    }
                };
                *tally.lock().unwrap().entry(key).or_default() += 1;
            }
        });
    }
    while let Some(joined) = workers.join_next().await {
        joined.unwrap();
    }
    injector.await.unwrap();
    server.clear_scripts();
    client.chat().create(&chat("after soak")).await.unwrap();

    let tally = tally.lock().unwrap().clone();
    let total: u64 = tally.values().sum();
    let mut report = format!(
        "soak: {secs} s, {total} calls, {} connections\n",
        server.connection_count()
    );
    for (kind, n) in &tally {
        report.push_str(&format!("  {kind:<24} {n:>8}\n"));
    }
    eprint!("{report}");
    assert!(tally.get("ok").copied().unwrap_or(0) > 0, "{report}");
    assert!(tally.len() > 2, "faults were seen: {report}");

    drop(client);
    drop(server);
    for _ in 0..300 {
        if crate::support::open_sockets_on_port(port) == Some(0) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    if let Some(n) = crate::support::open_sockets_on_port(port) {
        assert_eq!(n, 0, "sockets left after the soak");
    }
}
