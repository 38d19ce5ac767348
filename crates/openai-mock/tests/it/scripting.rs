//! Scripted replies: sequences, fall-back, `times`, headers, delays, SSE transcripts, and the
//! recorded requests behind them.

use std::time::Duration;

use openai_mock::{MockServer, Reply, SseEvent};
use serde_json::json;

use crate::support::{chat_request, client, openai_get, openai_post, send};

/// `retry-after-ms` and `retry-after` on a 429.
#[tokio::test]
async fn a_sequence_then_the_default_behavior() {
    let server = MockServer::start().await;
    server.on("POST", "/v1/chat/completions").respond_seq([
        Reply::rate_limited(1500),
        Reply::json(200, json!({"id": "chatcmpl-fixture"})),
    ]);
    let first = openai_post(&server, "/chat/completions", chat_request("a")).await;
    assert_eq!(first.status, 429);
    assert_eq!(first.header("retry-after-ms"), Some("1500"));
    assert_eq!(first.header("retry-after"), Some("2"));
    assert_eq!(first.json()["error"]["code"], "rate_limit_exceeded");
    assert_eq!(first.header("x-request-id"), Some("req_1"));
    let second = openai_post(&server, "/chat/completions", chat_request("b")).await;
    assert_eq!(second.json()["id"], "chatcmpl-fixture");
    let third = openai_post(&server, "/chat/completions", chat_request("c")).await;
    assert_eq!(third.json()["choices"][0]["message"]["content"], "Echo: c");

    let sent = server.requests();
    assert_eq!(sent.len(), 3);
    assert_eq!(
        sent[1].json.as_ref().unwrap()["messages"][0]["content"],
        "b"
    );
    server.clear_requests();
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn times_and_method_matching_and_clear() {
    let server = MockServer::start().await;
    server
        .on(http::Method::GET, "/v1/models")
        .times(2)
        .respond(Reply::error(503, "server_error", None, "overloaded"));
    // A different method on the same path is not scripted.
    assert_eq!(openai_post(&server, "/models", json!({})).await.status, 404);
    assert_eq!(openai_get(&server, "/models").await.status, 503);
    assert_eq!(openai_get(&server, "/models").await.status, 503);
    assert_eq!(openai_get(&server, "/models").await.status, 200);

    server.on("GET", "/v1/models").respond(Reply::empty(500));
    server.clear_scripts();
    assert_eq!(openai_get(&server, "/models").await.status, 200);
}

#[tokio::test]
async fn scripts_replace_the_service_including_auth_and_keep_custom_headers() {
    let server = MockServer::start().await;
    server.on("POST", "/v1/embeddings").respond(
        Reply::json(200, json!({"ok": true}))
            .header("x-request-id", "req_custom")
            .header("x-should-retry", "false")
            .header("bad header name", "dropped"),
    );
    let resp = send(
        &client(),
        "POST",
        &format!("{}/embeddings", server.base_url()),
        &[],
        None,
    )
    .await
    .unwrap();
    assert_eq!(resp.status, 200);
    assert_eq!(resp.header("x-request-id"), Some("req_custom"));
    assert_eq!(resp.header("x-should-retry"), Some("false"));
    assert_eq!(server.requests()[0].header("authorization"), None);
}

#[tokio::test]
async fn azure_scripts_also_get_apim_request_id() {
    let server = MockServer::start().await;
    let path = "/openai/deployments/d/chat/completions";
    server.on("POST", path).respond(Reply::json(200, json!({})));
    let resp = send(
        &client(),
        "POST",
        &server.url(&format!("{path}?api-version=x")),
        &[],
        None,
    )
    .await
    .unwrap();
    assert_eq!(resp.header("apim-request-id"), Some("req_1"));
    assert_eq!(server.requests()[0].query_value("api-version"), Some("x"));
}

#[tokio::test(start_paused = true)]
async fn delays_and_pauses_are_virtual_time() {
    let server = MockServer::start().await;
    server.on("POST", "/v1/chat/completions").respond(
        Reply::sse([
            SseEvent::json(&json!({"n": 1})),
            SseEvent::json(&json!({"n": 2})).after(Duration::from_secs(10)),
        ])
        .delay(Duration::from_secs(5))
        .chunk_delay(Duration::from_secs(1)),
    );
    let started = tokio::time::Instant::now();
    let resp = openai_post(&server, "/chat/completions", chat_request("x")).await;
    let elapsed = started.elapsed();
    // 5 s before headers, then 10 s + 1 s before event 2, 1 s before [DONE].
    assert!(
        elapsed >= Duration::from_secs(17) && elapsed < Duration::from_secs(18),
        "{elapsed:?}"
    );
    assert_eq!(
        resp.text(),
        "data: {\"n\":1}\n\ndata: {\"n\":2}\n\ndata: [DONE]\n\n"
    );
}

#[tokio::test]
async fn sse_events_with_names_ids_and_raw_chunks() {
    let server = MockServer::start().await;
    server
        .on("POST", "/v1/threads/runs")
        .respond(Reply::sse_truncated([
            SseEvent::json(&json!({"id": "run_1"}))
                .event("thread.run.created")
                .id("1"),
            SseEvent::done().event("done"),
        ]));
    let resp = openai_post(&server, "/threads/runs", json!({})).await;
    assert_eq!(
        resp.text(),
        "event: thread.run.created\nid: 1\ndata: {\"id\":\"run_1\"}\n\nevent: done\ndata: [DONE]\n\n"
    );
    assert_eq!(resp.header("cache-control"), Some("no-cache"));

    server
        .on("POST", "/v1/completions")
        .respond(Reply::sse_raw([
            (Duration::ZERO, &b"data: {\"a\""[..]),
            (Duration::ZERO, &b":1}\r\n\r\n: comment\n\n"[..]),
        ]));
    let raw = openai_post(&server, "/completions", json!({})).await;
    assert_eq!(raw.text(), "data: {\"a\":1}\r\n\r\n: comment\n\n");
}

#[tokio::test]
async fn recorded_requests_are_sorted_and_secret_free() {
    let server = MockServer::start().await;
    send(
        &client(),
        "GET",
        &format!("{}/models?b=2&a=x%20y", server.base_url()),
        &[
            ("Authorization", "Bearer sk-canary-value"),
            ("X-Custom", "v"),
            ("OpenAI-Beta", "assistants=v2"),
        ],
        None,
    )
    .await
    .unwrap();
    let rec = &server.requests()[0];
    assert_eq!(rec.method, "GET");
    assert_eq!(rec.path, "/v1/models");
    assert_eq!(
        rec.query,
        [
            ("a".to_owned(), "x y".to_owned()),
            ("b".to_owned(), "2".to_owned())
        ]
    );
    let names: Vec<&str> = rec.headers.iter().map(|(k, _)| k.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    assert!(names.contains(&"openai-beta") && names.contains(&"x-custom"));
    assert_eq!(rec.header("authorization"), Some("<present>"));
    assert_eq!(rec.body_bytes(), 0);
    let serialized = serde_json::to_string(rec).unwrap();
    assert!(!serialized.contains("canary"), "{serialized}");
    assert!(!format!("{rec:?}").contains("canary"));
    // Empty body views are left out of the serialized form.
    let value: serde_json::Value = serde_json::from_str(&serialized).unwrap();
    assert_eq!(
        crate::support::keys(&value),
        ["headers", "method", "path", "query"]
    );
}
