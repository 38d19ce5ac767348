//! Chat completions, non-streamed: wire request, decoded response, options, errors.

use std::time::Duration;

use core_http::{ErrorKind, RequestOptions, StatusClass};
use openai_inference::Chat;
use openai_mock::{MockServer, Reply};
use openai_types::chat::{ChatMessage, ReasoningEffort};
use serde_json::json;

use crate::support::{self, hello, only_wire};

/// The request goes to `/v1/chat/completions` with a Bearer key, the body is the request as
/// serialized (no `stream` field), and the answer decodes into `ChatCompletion`.
#[tokio::test]
async fn create_sends_the_request_and_decodes_the_completion() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let request = hello("gpt-4o-mini")
        .message(ChatMessage::assistant("Hi!"))
        .message(ChatMessage::user("What is 2+2?"))
        .temperature(0.5)
        .reasoning_effort(ReasoningEffort::Low);

    let completion = Chat::new(&http).create(&request).await.unwrap();

    assert_eq!(completion.first_content(), Some("Echo: What is 2+2?"));
    insta::assert_json_snapshot!("chat_create_openai_request", only_wire(&server));
    insta::assert_json_snapshot!("chat_create_openai_response", completion);
}

/// Per-call options: headers, query and extra body fields reach the wire; the handle's
/// options apply to each call made through it.
#[tokio::test]
async fn with_options_adds_headers_query_and_body_fields() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let chat = Chat::new(&http).with_options(
        RequestOptions::default()
            .timeout(Duration::from_secs(20))
            .max_retries(0)
            .header("x-trace-id", "trace-1")
            .query("feature", "beta")
            .extra_body_field("prompt_cache_key", "k1"),
    );

    chat.create(&hello("gpt-4o-mini")).await.unwrap();

    let sent = &server.requests()[0];
    assert_eq!(sent.header("x-trace-id"), Some("trace-1"));
    assert_eq!(sent.query_value("feature"), Some("beta"));
    assert_eq!(sent.json.as_ref().unwrap()["prompt_cache_key"], "k1");
    assert!(sent.json.as_ref().unwrap().get("stream").is_none());
}

/// `stream` belongs to the method: an extra `stream` field is rejected before sending.
#[tokio::test]
async fn stream_in_extra_fields_is_rejected_locally() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let request = hello("gpt-4o-mini").extra("stream", json!(true));

    let err = Chat::new(&http).create(&request).await.unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::InvalidRequest));
    let err = Chat::new(&http).create_stream(&request).await.unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::InvalidRequest));
    assert!(server.requests().is_empty());
}

/// A 404 is not retried and comes back typed: status class, code, message, request id
///.
#[tokio::test]
async fn http_errors_are_typed_and_not_retried() {
    let server = MockServer::start().await;
    server
        .on("POST", "/v1/chat/completions")
        .respond(Reply::error(
            404,
            "invalid_request_error",
            Some("model_not_found"),
            "The model `gpt-9` does not exist",
        ));
    let http = support::openai(&server);

    let err = Chat::new(&http).create(&hello("gpt-9")).await.unwrap_err();

    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(
        err.api_error().unwrap().status_class(),
        Some(StatusClass::NotFound)
    );
    assert_eq!(err.code(), Some("model_not_found"));
    assert_eq!(err.request_id(), Some("req_1"));
    assert_eq!(server.requests().len(), 1);
    insta::assert_snapshot!("chat_create_404_display", err.to_string());
}

/// A 429 with `retry-after-ms` is retried after that delay, then succeeds, through the inference handle.
#[tokio::test(start_paused = true)]
async fn rate_limit_is_retried_before_returning() {
    let server = MockServer::start().await;
    server
        .on("POST", "/v1/chat/completions")
        .respond_seq([Reply::rate_limited(1500)]);
    let http = support::openai(&server);
    let started = tokio::time::Instant::now();

    let completion = Chat::new(&http)
        .create(&hello("gpt-4o-mini"))
        .await
        .unwrap();

    assert_eq!(completion.first_content(), Some("Echo: Hello there"));
    assert!(started.elapsed() >= Duration::from_millis(1500));
    assert_eq!(server.requests().len(), 2);
}
