//! Chat streams: the stream contract (terminator, keep-alives, error events, snapshots).

use std::pin::Pin;
use std::time::Duration;

use core_http::{ErrorKind, RequestOptions, TimeoutKind};
use futures_core::Stream;
use openai_inference::Chat;
use openai_mock::{MockServer, Reply, SseEvent};
use openai_types::chat::{ChatCompletionRequest, ChatMessage, StreamOptions, Tool};
use serde_json::json;

use crate::support::{self, chunk, hello, only_wire, text_chunk};

/// With `include_usage` the last chunk has `choices: []` and the usage,
/// which the accumulated completion carries. The body says `"stream": true`.
#[tokio::test]
async fn include_usage_stream_accumulates_text_and_usage() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let request = ChatCompletionRequest::new("gpt-4o-mini", [ChatMessage::user("one two three")])
        .stream_options(StreamOptions::include_usage());

    let mut stream = Chat::new(&http).create_stream(&request).await.unwrap();
    assert_eq!(stream.request_id(), Some("req_1"));
    assert!(stream.headers().contains_key("content-type"));
    let mut chunks = Vec::new();
    while let Some(chunk) = stream.next().await {
        chunks.push(chunk.unwrap());
    }
    assert!(stream.is_finished());

    let last = chunks.last().unwrap();
    assert!(last.choices.is_empty());
    let usage = last.usage.clone().unwrap();
    let text: String = chunks.iter().filter_map(|c| c.delta_text()).collect();
    assert_eq!(text, "Echo: one two three");

    let completion = stream.into_completion().await.unwrap();
    assert_eq!(completion.first_content(), Some("Echo: one two three"));
    assert_eq!(completion.usage.as_ref(), Some(&*usage));
    insta::assert_json_snapshot!("chat_stream_include_usage_request", only_wire(&server));
    insta::assert_json_snapshot!("chat_stream_include_usage_completion", completion);
}

/// Two tool calls whose fragments interleave rebuild correctly.
#[tokio::test]
async fn two_interleaved_tool_calls_rebuild() {
    let server = MockServer::start().await;
    server.on("POST", "/v1/chat/completions").respond(Reply::sse([
        chunk(json!([{"index": 0, "delta": {"role": "assistant", "tool_calls": [
            {"index": 0, "id": "call_a", "type": "function", "function": {"name": "get_weather", "arguments": ""}}
        ]}}])),
        chunk(json!([{"index": 0, "delta": {"tool_calls": [
            {"index": 1, "id": "call_b", "type": "function", "function": {"name": "get_time", "arguments": "{\"tz\":"}}
        ]}}])),
        chunk(json!([{"index": 0, "delta": {"tool_calls": [
            {"index": 0, "function": {"arguments": "{\"city\":"}}
        ]}}])),
        chunk(json!([{"index": 0, "delta": {"tool_calls": [
            {"index": 1, "function": {"arguments": "\"UTC\"}"}}
        ]}}])),
        chunk(json!([{"index": 0, "delta": {"tool_calls": [
            {"index": 0, "function": {"arguments": "\"Paris\"}"}}
        ]}}])),
        chunk(json!([{"index": 0, "delta": {}, "finish_reason": "tool_calls"}])),
    ]));
    let http = support::openai(&server);
    let request = hello("gpt-4o-mini").tools(vec![
        Tool::function("get_weather", "Weather", Some(json!({"type": "object"}))),
        Tool::function("get_time", "Time", Some(json!({"type": "object"}))),
    ]);

    let completion = Chat::new(&http)
        .create_stream(&request)
        .await
        .unwrap()
        .into_completion()
        .await
        .unwrap();

    let calls = completion.first_tool_calls();
    assert_eq!(calls.len(), 2);
    assert_eq!(calls[0].id(), Some("call_a"));
    assert_eq!(
        calls[0].as_function().unwrap().arguments,
        r#"{"city":"Paris"}"#
    );
    assert_eq!(calls[1].as_function().unwrap().name, "get_time");
    assert_eq!(calls[1].as_function().unwrap().arguments, r#"{"tz":"UTC"}"#);
    insta::assert_json_snapshot!("chat_stream_interleaved_tool_calls", completion);
}

/// EOF before `[DONE]` is an error naming the events seen, and the
/// snapshot keeps what arrived.
#[tokio::test]
async fn truncated_stream_is_an_error_and_keeps_the_snapshot() {
    let server = MockServer::start().await;
    server
        .on("POST", "/v1/chat/completions")
        .respond(Reply::sse_truncated([text_chunk("Hel"), text_chunk("lo")]));
    let http = support::openai(&server);

    let mut stream = Chat::new(&http)
        .create_stream(&hello("gpt-4o-mini"))
        .await
        .unwrap();
    assert_eq!(
        stream.next().await.unwrap().unwrap().delta_text(),
        Some("Hel")
    );
    assert_eq!(
        stream.next().await.unwrap().unwrap().delta_text(),
        Some("lo")
    );
    let err = stream.next().await.unwrap().unwrap_err();

    assert!(matches!(err.kind(), ErrorKind::Stream));
    assert_eq!(err.request_id(), Some("req_1"));
    insta::assert_snapshot!("chat_stream_truncated_display", err.to_string());
    assert!(
        stream.next().await.is_none(),
        "the stream ends after an error"
    );
    assert_eq!(stream.snapshot().first_content(), Some("Hello"));
    // `drain` fails too, and the snapshot survives it.
    assert!(stream.drain().await.is_err());
    assert_eq!(stream.snapshot().first_content(), Some("Hello"));
}

/// `event: error` fails the stream with an API error (no status).
#[tokio::test]
async fn error_event_fails_the_stream_with_an_api_error() {
    let server = MockServer::start().await;
    server.on("POST", "/v1/chat/completions").respond(Reply::sse_error_event(
        [text_chunk("partial")],
        json!({"error": {"message": "The server had an error", "type": "server_error", "code": "server_error"}}),
    ));
    let http = support::openai(&server);

    let mut stream = Chat::new(&http)
        .create_stream(&hello("gpt-4o-mini"))
        .await
        .unwrap();
    stream.next().await.unwrap().unwrap();
    let err = stream.next().await.unwrap().unwrap_err();

    let api = err.api_error().expect("an API error");
    assert_eq!(api.status(), None);
    assert_eq!(api.message(), Some("The server had an error"));
    assert_eq!(err.code(), Some("server_error"));
    assert!(stream.next().await.is_none());
    assert_eq!(stream.snapshot().first_content(), Some("partial"));
    insta::assert_snapshot!("chat_stream_error_event_display", err.to_string());
}

/// A plain data event carrying `{"error": ...}` also fails the stream.
#[tokio::test]
async fn error_payload_without_event_name_fails_the_stream() {
    let server = MockServer::start().await;
    server
        .on("POST", "/v1/chat/completions")
        .respond(Reply::sse([
            text_chunk("a"),
            SseEvent::json(&json!({"error": {"message": "overloaded", "type": "server_error"}})),
            text_chunk("never seen"),
        ]));
    let http = support::openai(&server);

    let mut stream = Chat::new(&http)
        .create_stream(&hello("gpt-4o-mini"))
        .await
        .unwrap();
    stream.next().await.unwrap().unwrap();
    let err = stream.next().await.unwrap().unwrap_err();
    assert_eq!(err.message(), Some("overloaded"));
    assert_eq!(err.status(), None);
    assert!(stream.next().await.is_none());
}

/// Comments and empty `data:` are keep-alives, not chunks; a
/// content delta that is literally "error" is just text.
#[tokio::test]
async fn keepalives_are_skipped() {
    let server = MockServer::start().await;
    let done = SseEvent::done().to_bytes();
    let word = text_chunk("error").to_bytes();
    let finish = chunk(json!([{"index": 0, "delta": {}, "finish_reason": "stop"}])).to_bytes();
    server
        .on("POST", "/v1/chat/completions")
        .respond(Reply::sse_raw([
            (
                Duration::ZERO,
                bytes::Bytes::from_static(b": keep-alive\n\n"),
            ),
            (Duration::ZERO, bytes::Bytes::from_static(b"data:\n\n")),
            (Duration::ZERO, word),
            (Duration::ZERO, finish),
            (Duration::ZERO, done),
        ]));
    let http = support::openai(&server);

    let completion = Chat::new(&http)
        .create_stream(&hello("gpt-4o-mini"))
        .await
        .unwrap()
        .into_completion()
        .await
        .unwrap();
    assert_eq!(completion.first_content(), Some("error"));
}

/// A stall mid-stream past the idle timeout is `Timeout(StreamIdle)`,
/// not retried, and the snapshot keeps the text received.
#[tokio::test(start_paused = true)]
async fn idle_timeout_mid_stream_keeps_the_snapshot() {
    let server = MockServer::start().await;
    server
        .on("POST", "/v1/chat/completions")
        .respond(Reply::sse([
            text_chunk("slow"),
            text_chunk(" answer").after(Duration::from_secs(120)),
        ]));
    let http = support::openai(&server);
    let chat = Chat::new(&http)
        .with_options(RequestOptions::default().idle_timeout(Duration::from_secs(10)));

    let mut stream = chat.create_stream(&hello("gpt-4o-mini")).await.unwrap();
    stream.next().await.unwrap().unwrap();
    let err = stream.next().await.unwrap().unwrap_err();

    assert_eq!(err.timeout_kind(), Some(TimeoutKind::StreamIdle));
    assert_eq!(stream.snapshot().first_content(), Some("slow"));
    assert_eq!(server.requests().len(), 1, "a stream is never retried");
}

/// Errors before the first event are returned by `create_stream` itself, after retries.
#[tokio::test(start_paused = true)]
async fn http_errors_and_retries_happen_before_the_stream() {
    let server = MockServer::start().await;
    server.on("POST", "/v1/chat/completions").respond_seq([
        Reply::rate_limited(100),
        Reply::error(400, "invalid_request_error", None, "bad"),
    ]);
    let http = support::openai(&server);

    let err = Chat::new(&http)
        .create_stream(&hello("gpt-4o-mini"))
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(err.attempts(), 2);
}

/// A chunk that does not decode fails the stream with a message naming the JSON path.
#[tokio::test]
async fn malformed_chunk_names_the_json_path() {
    let server = MockServer::start().await;
    server.on("POST", "/v1/chat/completions").respond(Reply::sse([SseEvent::json(
        &json!({"id": "c", "object": "chat.completion.chunk", "created": "yesterday", "model": "m", "choices": []}),
    )]));
    let http = support::openai(&server);

    let mut stream = Chat::new(&http)
        .create_stream(&hello("gpt-4o-mini"))
        .await
        .unwrap();
    let err = stream.next().await.unwrap().unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Decode));
    assert!(err.to_string().contains("`created`"), "{err}");
}

/// The stream is a `futures_core::Stream` (usable with any combinator library).
#[tokio::test]
async fn implements_futures_stream() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let mut stream = Chat::new(&http)
        .create_stream(&hello("gpt-4o-mini"))
        .await
        .unwrap();
    let mut count = 0;
    while let Some(item) = std::future::poll_fn(|cx| Pin::new(&mut stream).poll_next(cx)).await {
        item.unwrap();
        count += 1;
    }
    assert!(count >= 3);
    assert_eq!(stream.snapshot().first_content(), Some("Echo: Hello there"));
}

/// `[DONE]` ends the stream; what follows is never parsed.
#[tokio::test]
async fn nothing_after_done_is_parsed() {
    let server = MockServer::start().await;
    let finish = chunk(json!([{"index": 0, "delta": {"content": "ok"}, "finish_reason": "stop"}]));
    server
        .on("POST", "/v1/chat/completions")
        .respond(Reply::sse_raw([
            (Duration::ZERO, finish.to_bytes()),
            (Duration::ZERO, SseEvent::done().to_bytes()),
            (
                Duration::ZERO,
                bytes::Bytes::from_static(b"data: {not json\n\n"),
            ),
        ]));
    let http = support::openai(&server);

    let mut stream = Chat::new(&http)
        .create_stream(&hello("gpt-4o-mini"))
        .await
        .unwrap();
    assert!(stream.next().await.unwrap().is_ok());
    assert!(stream.next().await.is_none());
    assert!(stream.is_finished());
    assert_eq!(stream.events_seen(), 2);
    assert_eq!(
        stream.into_completion().await.unwrap().first_content(),
        Some("ok")
    );
}
