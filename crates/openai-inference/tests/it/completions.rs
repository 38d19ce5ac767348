//! Legacy completions: whole and streamed.

use core_http::ErrorKind;
use openai_inference::Completions;
use openai_mock::{MockServer, Reply, SseEvent};
use openai_types::completions::CompletionRequest;
use serde_json::json;

use crate::support::{self, only_wire};

#[tokio::test]
async fn create_sends_the_request_and_decodes_the_completion() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let request =
        CompletionRequest::new("gpt-3.5-turbo-instruct", "Say this is a test").max_tokens(7u32);

    let completion = Completions::new(&http).create(&request).await.unwrap();

    assert!(
        completion
            .first_text()
            .unwrap()
            .contains("Say this is a test")
    );
    insta::assert_json_snapshot!("completions_create_request", only_wire(&server));
    insta::assert_json_snapshot!("completions_create_response", completion);
}

/// The streamed completion accumulates to the same text as the whole one; the body says
/// `"stream": true`.
#[tokio::test]
async fn stream_accumulates_to_the_same_text() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let request = CompletionRequest::new("gpt-3.5-turbo-instruct", "Say hi");
    let completions = Completions::new(&http);

    let whole = completions.create(&request).await.unwrap();
    let mut stream = completions.create_stream(&request).await.unwrap();
    let mut pieces = 0;
    while let Some(chunk) = stream.next().await {
        chunk.unwrap();
        pieces += 1;
    }
    let streamed = stream.into_completion().await.unwrap();

    assert!(pieces > 1);
    assert_eq!(streamed.first_text(), whole.first_text());
    let sent = server.requests();
    assert_eq!(sent[1].json.as_ref().unwrap()["stream"], true);
    assert!(sent[0].json.as_ref().unwrap().get("stream").is_none());
}

/// The same truncation contract as chat.
#[tokio::test]
async fn truncated_stream_keeps_the_snapshot() {
    let server = MockServer::start().await;
    server
        .on("POST", "/v1/completions")
        .respond(Reply::sse_truncated([SseEvent::json(&json!({
            "id": "cmpl-1", "object": "text_completion", "created": 1, "model": "m",
            "choices": [{"index": 0, "text": "partial", "finish_reason": null}]
        }))]));
    let http = support::openai(&server);

    let mut stream = Completions::new(&http)
        .create_stream(&CompletionRequest::new("m", "x"))
        .await
        .unwrap();
    stream.next().await.unwrap().unwrap();
    let err = stream.next().await.unwrap().unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Stream));
    assert_eq!(stream.snapshot().first_text(), Some("partial"));
}
