//! Legacy completions: echo, multiple prompts × n, default max_tokens, streams.

use openai_mock::MockServer;
use serde_json::json;

use crate::support::openai_post;

#[tokio::test]
async fn completes_each_prompt_n_times() {
    let server = MockServer::start().await;
    let body = openai_post(
        &server,
        "/completions",
        json!({"model": "gpt-3.5-turbo-instruct", "prompt": ["Say a", "Say b"], "n": 2, "echo": true}),
    )
    .await
    .json();
    assert_eq!(body["object"], "text_completion");
    let texts: Vec<&str> = body["choices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "Say a Echo: Say a",
            "Say a Echo (choice 1): Say a",
            "Say b Echo: Say b",
            "Say b Echo (choice 1): Say b"
        ]
    );
    assert_eq!(body["choices"][3]["index"], 3);
    assert_eq!(body["usage"]["prompt_tokens"], 4);
}

#[tokio::test]
async fn max_tokens_defaults_to_16_like_the_service() {
    let server = MockServer::start().await;
    let long = "w ".repeat(40);
    let body = openai_post(
        &server,
        "/completions",
        json!({"model": "m", "prompt": long}),
    )
    .await
    .json();
    assert_eq!(body["choices"][0]["finish_reason"], "length");
    assert_eq!(body["usage"]["completion_tokens"], 16);
    let short = openai_post(
        &server,
        "/completions",
        json!({"model": "m", "prompt": [1, 2, 3], "max_tokens": 100}),
    )
    .await
    .json();
    assert_eq!(short["choices"][0]["text"], " Echo: tokens[1,2,3]");
    assert_eq!(short["choices"][0]["finish_reason"], "stop");
}

#[tokio::test]
async fn stream_reassembles_and_ends_with_done() {
    let server = MockServer::start().await;
    let resp = openai_post(
        &server,
        "/completions",
        json!({"model": "m", "prompt": "Once upon", "stream": true, "echo": true,
               "stream_options": {"include_usage": true}}),
    )
    .await;
    let chunks = resp.sse_chunks();
    let text: String = chunks
        .iter()
        .filter_map(|c| c["choices"].get(0).and_then(|c| c["text"].as_str()))
        .collect();
    assert_eq!(text, "Once upon Echo: Once upon");
    assert!(chunks.iter().all(|c| c["object"] == "text_completion"));
    assert_eq!(chunks.last().unwrap()["choices"], json!([]));
    assert_eq!(chunks.last().unwrap()["usage"]["completion_tokens"], 3);
    assert_eq!(
        chunks[chunks.len() - 2]["choices"][0]["finish_reason"],
        "stop"
    );
}
