//! Azure specifics: filter annotations, the leading filter-only stream chunk, the DALL-E 2
//! batch operation (submit → poll → result).

use openai_mock::MockServer;
use serde_json::{Value, json};

use crate::support::{azure_get, azure_post, keys};

const CHAT: &str = "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21";

fn safe_filters() -> Value {
    let safe = json!({"filtered": false, "severity": "safe"});
    json!({"hate": safe, "self_harm": safe, "sexual": safe, "violence": safe})
}

#[tokio::test]
async fn chat_carries_prompt_and_content_filter_results() {
    let server = MockServer::start().await;
    let resp = azure_post(
        &server,
        CHAT,
        json!({"messages": [{"role": "user", "content": "hi"}]}),
    )
    .await;
    assert_eq!(resp.status, 200);
    assert_eq!(resp.header("apim-request-id"), resp.header("x-request-id"));
    let body = resp.json();
    assert_eq!(body["model"], "gpt-4o");
    assert_eq!(
        body["prompt_filter_results"],
        json!([{"prompt_index": 0, "content_filter_results": safe_filters()}])
    );
    assert_eq!(body["choices"][0]["content_filter_results"], safe_filters());
    assert_eq!(body["choices"][0]["message"]["content"], "Echo: hi");
}

/// The leading filter-only chunk.
#[tokio::test]
async fn stream_starts_with_the_filter_only_chunk() {
    let server = MockServer::start().await;
    let chunks = azure_post(
        &server,
        CHAT,
        json!({"messages": [{"role": "user", "content": "hi there"}], "stream": true}),
    )
    .await
    .sse_chunks();
    let first = &chunks[0];
    assert_eq!(
        keys(first),
        [
            "choices",
            "created",
            "id",
            "model",
            "object",
            "prompt_filter_results"
        ]
    );
    assert_eq!(
        (
            &first["id"],
            &first["object"],
            &first["model"],
            &first["created"],
            &first["choices"]
        ),
        (&json!(""), &json!(""), &json!(""), &json!(0), &json!([]))
    );
    // Role chunk: empty filter results; content chunks: full; finish: empty.
    assert_eq!(chunks[1]["choices"][0]["content_filter_results"], json!({}));
    assert_eq!(
        chunks[2]["choices"][0]["content_filter_results"],
        safe_filters()
    );
    let last = chunks.last().unwrap();
    assert_eq!(last["choices"][0]["finish_reason"], "stop");
    assert_eq!(last["choices"][0]["content_filter_results"], json!({}));
}

#[tokio::test]
async fn completions_and_embeddings_on_deployments() {
    let server = MockServer::start().await;
    let completion = azure_post(
        &server,
        "/openai/deployments/instruct/completions?api-version=2024-10-21",
        json!({"prompt": "Hello", "max_tokens": 5}),
    )
    .await
    .json();
    assert_eq!(completion["model"], "instruct");
    assert!(completion["prompt_filter_results"].is_array());
    assert_eq!(
        completion["choices"][0]["content_filter_results"],
        safe_filters()
    );

    let embedding = azure_post(
        &server,
        "/openai/deployments/embed/embeddings?api-version=2024-10-21",
        json!({"input": "Hello", "dimensions": 4}),
    )
    .await
    .json();
    assert_eq!(
        embedding["data"][0]["embedding"].as_array().unwrap().len(),
        4
    );
}

/// 202 + `operation-location`, `retry-after`, then
/// `running` → `succeeded` with `result.data[]`.
#[tokio::test]
async fn batch_image_operation_runs_then_succeeds() {
    let server = MockServer::start().await;
    let submit = azure_post(
        &server,
        "/openai/images/generations:submit?api-version=2023-06-01-preview",
        json!({"prompt": "a watercolor fox", "n": 1, "size": "256x256"}),
    )
    .await;
    assert_eq!(submit.status, 202, "{}", submit.text());
    assert_eq!(submit.header("retry-after"), Some("1"));
    let body = submit.json();
    assert_eq!(body["status"], "notRunning");
    let id = body["id"].as_str().unwrap();
    let location = submit.header("operation-location").unwrap().to_owned();
    assert_eq!(
        location,
        server.url(&format!(
            "/openai/operations/images/{id}?api-version=2023-06-01-preview"
        ))
    );

    let running = azure_get(&location).await;
    assert_eq!(running.json()["status"], "running");
    assert_eq!(running.header("retry-after"), Some("1"));
    let done = azure_get(&location).await;
    assert!(done.header("retry-after").is_none());
    let done = done.json();
    assert_eq!(done["status"], "succeeded");
    assert_eq!(done["id"], id);
    assert!(done["expires"].as_u64().unwrap() > done["created"].as_u64().unwrap());
    let url = done["result"]["data"][0]["url"].as_str().unwrap();
    let image = crate::support::send(&crate::support::client(), "GET", url, &[], None)
        .await
        .unwrap();
    assert!(image.body.starts_with(b"\x89PNG"));
    // Terminal state is sticky.
    assert_eq!(azure_get(&location).await.json()["status"], "succeeded");
}

/// `failed` with `error.code = contentFilter`.
#[tokio::test]
async fn batch_image_operation_fails_on_the_marker_and_pacing_is_configurable() {
    let server = MockServer::builder()
        .image_operation_running_polls(0)
        .image_operation_retry_after(None)
        .start()
        .await;
    let submit = azure_post(
        &server,
        "/openai/images/generations:submit?api-version=2023-06-01-preview",
        json!({"prompt": "something [fail]"}),
    )
    .await;
    assert!(submit.header("retry-after").is_none());
    let location = submit.header("operation-location").unwrap().to_owned();
    let failed = azure_get(&location).await.json();
    assert_eq!(failed["status"], "failed");
    assert_eq!(failed["error"]["code"], "contentFilter");

    let unknown = azure_get(&server.url(
        "/openai/operations/images/00000000-0000-0000-0000-000000000000?api-version=2023-06-01-preview",
    ))
    .await;
    assert_eq!(unknown.status, 404);
}

/// Azure's content-filter 400 with `innererror`.
#[tokio::test]
async fn content_filter_marker_gets_azures_400() {
    let server = MockServer::start().await;
    let resp = azure_post(
        &server,
        CHAT,
        json!({"messages": [{"role": "user", "content": "violent [content_filter] text"}]}),
    )
    .await;
    assert_eq!(resp.status, 400);
    let error = &resp.json()["error"];
    assert_eq!(error["code"], "content_filter");
    assert_eq!(error["param"], "prompt");
    assert_eq!(error["status"], 400);
    assert_eq!(error["type"], Value::Null);
    assert_eq!(error["innererror"]["code"], "ResponsibleAIPolicyViolation");
    assert_eq!(
        error["innererror"]["content_filter_result"]["violence"],
        json!({"filtered": true, "severity": "medium"})
    );
    if let Some(real) = crate::support::recording(
        "errors/azure-400-content_filter-innererror-gpt4-2023-12-01-preview.json",
    ) {
        assert_eq!(keys(error), keys(&real["error"]));
        assert_eq!(
            keys(&error["innererror"]),
            keys(&real["error"]["innererror"])
        );
    }
    // OpenAI routes have no such filter.
    let openai = crate::support::openai_post(
        &server,
        "/chat/completions",
        crate::support::chat_request("[content_filter]"),
    )
    .await;
    assert_eq!(openai.status, 200);
}

/// Trailing asynchronous-filter chunks after the finish.
#[tokio::test]
async fn async_filter_marker_appends_filter_only_chunks() {
    let server = MockServer::start().await;
    let chunks = azure_post(
        &server,
        CHAT,
        json!({"messages": [{"role": "user", "content": "[async_filter] hi"}], "stream": true}),
    )
    .await
    .sse_chunks();
    let last = chunks.last().unwrap();
    assert_eq!(
        (&last["id"], &last["object"], &last["created"]),
        (&json!(""), &json!(""), &json!(0))
    );
    let choice = &last["choices"][0];
    assert!(choice.get("delta").is_none());
    assert_eq!(choice["content_filter_results"], safe_filters());
    // The finish chunk comes before it.
    assert_eq!(
        chunks[chunks.len() - 2]["choices"][0]["finish_reason"],
        "stop"
    );
}
