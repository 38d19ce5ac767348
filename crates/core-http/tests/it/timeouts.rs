//! Timeouts of each kind, each saying which one fired. Virtual
//! time over the in-memory transport; the connect timeout needs a real socket.

use std::time::Duration;

use core_http::test_util::{MockResponse, MockTransport};
use core_http::{Error, Jitter, RequestOptions, RetryConfig, Scope, TimeoutKind};
use serde_json::{Value, json};
use tokio::time::Instant;

use crate::support::builder;

/// The attempt timeout (600 s default) fires per attempt and is
/// retried; the error says `Attempt`.
#[tokio::test(start_paused = true)]
async fn attempt_timeout_default_and_retried() {
    let mock = MockTransport::new();
    mock.fallback(MockResponse::new(200).delay(Duration::from_secs(10_000)));
    let client = builder(&mock).build().unwrap();
    let started = Instant::now();
    let err = client
        .get("/models", Scope::Resource)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.timeout_kind(), Some(TimeoutKind::Attempt));
    assert_eq!(err.attempts(), 3);
    // 3 × 600 s plus backoff 0.5 s + 1 s.
    assert_eq!(started.elapsed(), Duration::from_millis(1_801_500));
    assert_eq!(
        err.to_string(),
        "request timed out waiting for the response within 600s [after 3 attempts]"
    );
}

/// For buffered calls the attempt timeout covers the body too, and the
/// slow attempt is retried.
#[tokio::test(start_paused = true)]
async fn attempt_timeout_covers_buffered_body() {
    let mock = MockTransport::new();
    mock.push(
        MockResponse::new(200)
            .chunk("{\"a\":")
            .chunk_delay(Duration::from_millis(600))
            .chunk("1")
            .chunk_delay(Duration::from_millis(600))
            .chunk("}"),
    )
    .push(MockResponse::json(200, &json!({"a": 2})));
    let client = builder(&mock)
        .timeout(Duration::from_secs(1))
        .build()
        .unwrap();
    let started = Instant::now();
    let v: Value = client.get("/x", Scope::Resource).send_json().await.unwrap();
    assert_eq!(v, json!({"a": 2}));
    assert_eq!(mock.request_count(), 2);
    assert_eq!(started.elapsed(), Duration::from_millis(1500));
}

/// A read (idle) timeout in a non-streaming body is retried.
#[tokio::test(start_paused = true)]
async fn body_idle_timeout_retried_for_buffered_calls() {
    let mock = MockTransport::new();
    mock.push(MockResponse::new(200).chunk("{").stall())
        .push(MockResponse::json(200, &json!({"ok": 1})));
    let client = builder(&mock)
        .idle_timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let v: Value = client.get("/x", Scope::Resource).send_json().await.unwrap();
    assert_eq!(v["ok"], 1);
    assert_eq!(mock.request_count(), 2);
}

/// A stall in the middle of a stream is surfaced, not retried.
#[tokio::test(start_paused = true)]
async fn stream_idle_timeout_surfaces() {
    let mock = MockTransport::new();
    mock.push(
        MockResponse::new(200)
            .header("content-type", "text/event-stream")
            .header("x-request-id", "req_stream")
            .chunk("data: {\"n\":1}\n\n")
            .stall(),
    );
    let client = builder(&mock).build().unwrap();
    let mut resp = client
        .post("/chat/completions", Scope::Deployment("m"))
        .json(&json!({"stream": true}))
        .options(&RequestOptions::default().idle_timeout(Duration::from_millis(250)))
        .send_sse()
        .await
        .unwrap();
    assert_eq!(resp.meta.request_id.as_deref(), Some("req_stream"));
    assert_eq!(
        resp.events.next_event().await.unwrap().unwrap().data(),
        "{\"n\":1}"
    );
    let started = Instant::now();
    let err = resp.events.next_event().await.unwrap().unwrap_err();
    assert_eq!(started.elapsed(), Duration::from_millis(250));
    assert_eq!(err.timeout_kind(), Some(TimeoutKind::StreamIdle));
    assert_eq!(err.request_id(), Some("req_stream"));
    assert!(resp.events.next_event().await.is_none());
    assert_eq!(mock.request_count(), 1);
}

/// The total deadline cuts a backoff sleep and says `Total`.
#[tokio::test(start_paused = true)]
async fn total_deadline_cuts_backoff() {
    let mock = MockTransport::new();
    mock.fallback(MockResponse::new(503));
    let client = builder(&mock)
        .total_timeout(Duration::from_millis(1200))
        .build()
        .unwrap();
    let started = Instant::now();
    let err: Error = client.get("/x", Scope::Resource).send().await.unwrap_err();
    // Attempt 1 at 0 s, sleep 0.5 s, attempt 2, sleep 1 s cut at 1.2 s.
    assert_eq!(started.elapsed(), Duration::from_millis(1200));
    assert_eq!(err.timeout_kind(), Some(TimeoutKind::Total));
    assert!(!err.is_retryable());
    assert_eq!(mock.request_count(), 2);
    // It says how far the call got: two requests sent, the last one answered 503.
    assert_eq!(
        err.to_string(),
        "request exceeded its total deadline of 1.2s (last status 503 Service Unavailable) [after 2 attempts]"
    );
    assert_eq!(err.attempts(), 2);
    assert_eq!(err.last_status().map(|s| s.as_u16()), Some(503));

    // Per-request total deadline on a client without one.
    let mock = MockTransport::new();
    mock.fallback(MockResponse::new(503));
    let client = builder(&mock)
        .retry_config(RetryConfig::default().jitter(Jitter::fixed(1.0)))
        .build()
        .unwrap();
    let err = client
        .get("/x", Scope::Resource)
        .options(&RequestOptions::default().total_timeout(Duration::from_millis(100)))
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.timeout_kind(), Some(TimeoutKind::Total));
}

/// `x-stainless-read-timeout` reflects the timeout; callers can override.
#[tokio::test(start_paused = true)]
async fn read_timeout_header() {
    let mock = MockTransport::new();
    mock.fallback(MockResponse::new(200));
    let client = builder(&mock).build().unwrap();
    client.get("/a", Scope::Resource).send().await.unwrap();
    client
        .get("/b", Scope::Resource)
        .options(&RequestOptions::default().timeout(Duration::from_millis(20_500)))
        .send()
        .await
        .unwrap();
    client
        .get("/c", Scope::Resource)
        .header("x-stainless-read-timeout", "5")
        .send()
        .await
        .unwrap();
    let values: Vec<String> = mock
        .requests()
        .iter()
        .map(|r| r.header("x-stainless-read-timeout").unwrap().to_owned())
        .collect();
    assert_eq!(values, ["600", "20.5", "5"]);
}

/// The connect timeout (here 200 ms, real time) bounds TCP + TLS; a
/// server that accepts but never answers the TLS handshake trips it.
#[tokio::test]
async fn connect_timeout_fires_on_silent_tls_server() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((s, _)) = listener.accept().await {
            held.push(s); // keep the socket open, never speak
        }
    });
    let client = core_http::HttpClient::builder()
        .endpoint(
            core_http::Endpoint::openai(format!("https://127.0.0.1:{}", addr.port())).unwrap(),
        )
        .no_proxy()
        .connect_timeout(Duration::from_millis(200))
        .max_retries(0)
        .build()
        .unwrap();
    let err = client
        .get("/models", Scope::Resource)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.timeout_kind(), Some(TimeoutKind::Connect), "{err:?}");
    assert!(err.is_retryable());
    assert_eq!(
        err.to_string(),
        "connect timeout: no connection established within 200ms"
    );
}
