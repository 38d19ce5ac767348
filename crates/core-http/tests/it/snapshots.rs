//! Insta snapshots of the wire requests for OpenAI and Azure routes, and of error `Display`
//! lines.

use std::time::Duration;

use core_http::multipart::{Form, Part};
use core_http::test_util::{MockResponse, MockTransport};
use core_http::{Credential, Endpoint, Error, HttpClient, RequestOptions, Scope, Secret};
use serde_json::json;

use crate::support::{builder, normalize};

/// The OpenAI chat request as sent (headers, body, options merged).
#[tokio::test]
async fn openai_chat_request_wire() {
    let mock = MockTransport::new();
    mock.fallback(MockResponse::json(200, &json!({"id": "x"})));
    let client = HttpClient::builder()
        .transport(mock.clone())
        .credential(Credential::openai_key(Secret::new("sk-x")).organization("org-1"))
        .default_header("x-app", "demo")
        .build()
        .unwrap();
    let opts = RequestOptions::default()
        .header("x-trace", "t-1")
        .query("trace", "on")
        .extra_body_field("reasoning_effort", "low");
    let _: serde_json::Value = client
        .post("/chat/completions", Scope::Deployment("gpt-4o"))
        .operation("chat.completions.create")
        .model("gpt-4o")
        .json(&json!({"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]}))
        .options(&opts)
        .send_json()
        .await
        .unwrap();
    insta::assert_json_snapshot!("openai_chat_request", normalize(&mock.requests()[0]));
}

/// Azure deployment route, resource route, GET without a
/// content type, api-key, api-version.
#[tokio::test]
async fn azure_requests_wire() {
    let mock = MockTransport::new();
    mock.fallback(MockResponse::json(200, &json!({})));
    let client = HttpClient::builder()
        .transport(mock.clone())
        .endpoint(Endpoint::azure("https://r.openai.azure.com/", "2024-10-21").unwrap())
        .credential(Credential::azure_key(Secret::new("azure-key")))
        .build()
        .unwrap();
    client
        .post("/embeddings", Scope::Deployment("text embedding/3"))
        .json(&json!({"model": "text embedding/3", "input": "x"}))
        .send_bytes()
        .await
        .unwrap();
    client
        .get("/files", Scope::Resource)
        .query("purpose", "batch")
        .send_bytes()
        .await
        .unwrap();
    let form = Form::new()
        .text("purpose", "fine-tune")
        .part(Part::bytes("file", &b"{}\n"[..]).file_name("train.jsonl"));
    client
        .post("/files", Scope::Resource)
        .multipart(form)
        .send_bytes()
        .await
        .unwrap();
    let reqs = mock.requests();
    insta::assert_json_snapshot!("azure_embeddings_request", normalize(&reqs[0]));
    insta::assert_json_snapshot!("azure_files_list_request", normalize(&reqs[1]));
    insta::assert_json_snapshot!("azure_files_upload_request", normalize(&reqs[2]));
}

/// JSON bodies go out as exactly the bytes serde_json writes (core-http has its own writer),
/// with or without `extra_body` merged in.
#[tokio::test]
async fn json_bodies_are_serde_json_bytes() {
    let mock = MockTransport::new();
    mock.fallback(MockResponse::json(200, &json!({})));
    let client = builder(&mock).build().unwrap();
    let body = json!({
        "model": "gpt-4o",
        "input": "He said \"hi\"\\n\tthen left.\u{1} 日本 😀 \u{7f}".repeat(40),
        "temperature": 0.7,
        "seed": -1,
        "n": 1e300,
    });
    client
        .post("/responses", Scope::Resource)
        .json(&body)
        .send_bytes()
        .await
        .unwrap();
    let opts = RequestOptions::default().extra_body_field("extra", "a\tb");
    client
        .post("/responses", Scope::Resource)
        .json(&body)
        .options(&opts)
        .send_bytes()
        .await
        .unwrap();
    let reqs = mock.requests();
    assert_eq!(reqs[0].body, serde_json::to_vec(&body).unwrap());
    let mut merged = body.clone();
    merged["extra"] = json!("a\tb");
    assert_eq!(reqs[1].body, serde_json::to_vec(&merged).unwrap());
}

/// A body that cannot be JSON fails before anything is sent, with the writer's reason as
/// the error's source.
#[tokio::test]
async fn unserializable_body_is_an_invalid_request_with_its_reason() {
    let mock = MockTransport::new();
    mock.fallback(MockResponse::json(200, &json!({})));
    let client = builder(&mock).build().unwrap();
    let body = std::collections::BTreeMap::from([(vec![1u8], 1)]);
    let err = client
        .post("/responses", Scope::Resource)
        .json(&body)
        .send_bytes()
        .await
        .unwrap_err();
    assert!(matches!(err.kind(), core_http::ErrorKind::InvalidRequest));
    assert!(
        err.to_string()
            .contains("the request body could not be serialized to JSON"),
        "{err}"
    );
    let source = std::error::Error::source(&err).map(|s| s.to_string());
    assert_eq!(source.as_deref(), Some("key must be a string"));
    assert_eq!(mock.request_count(), 0);
}

/// Error `Display` lines, produced by real flows where possible.
#[tokio::test(start_paused = true)]
async fn error_display_lines() {
    let mut lines = Vec::new();

    let mock = MockTransport::new();
    mock.fallback(
        MockResponse::json(
            429,
            &json!({"error": {"message": "Rate limit reached for gpt-4o", "type": "requests", "code": "rate_limit_exceeded"}}),
        )
        .header("x-request-id", "req_8f2c")
        .header("retry-after-ms", "10"),
    );
    let err = builder(&mock)
        .build()
        .unwrap()
        .get("/m", Scope::Resource)
        .send()
        .await
        .unwrap_err();
    lines.push(err.to_string());

    let mock = MockTransport::new();
    mock.fallback(MockResponse::new(200).delay(Duration::from_secs(30)));
    let err = builder(&mock)
        .timeout(Duration::from_secs(20))
        .max_retries(0)
        .build()
        .unwrap()
        .get("/m", Scope::Resource)
        .send()
        .await
        .unwrap_err();
    lines.push(err.to_string());

    let mock = MockTransport::new();
    mock.fallback(
        MockResponse::json(200, &json!({"choices": [{"index": "zero"}]}))
            .header("x-request-id", "req_1"),
    );
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct ChatCompletion {
        choices: Vec<Choice>,
    }
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Choice {
        index: u32,
    }
    let err = builder(&mock)
        .build()
        .unwrap()
        .get("/m", Scope::Resource)
        .send_json::<ChatCompletion>()
        .await
        .unwrap_err();
    lines.push(err.to_string());

    lines.push(
        Error::stream_truncated(41)
            .with_request_id("req_8f2c")
            .to_string(),
    );
    lines.push(
        Error::from_stream_error_event(
            br#"{"error":{"message":"The server had an error","code":"server_error"}}"#,
            Some("req_s"),
        )
        .to_string(),
    );

    let mock = MockTransport::new();
    mock.fallback(MockResponse::new(502).chunk("<html>\n  <h1>502 Bad Gateway</h1>\n</html>"));
    let err = builder(&mock)
        .max_retries(0)
        .build()
        .unwrap()
        .get("/m", Scope::Resource)
        .send()
        .await
        .unwrap_err();
    lines.push(err.to_string());

    lines.push(
        Endpoint::openai("http://example.com")
            .map(|e| e.allow_insecure(false))
            .and_then(|e| HttpClient::builder().endpoint(e).build().map(|_| ()))
            .unwrap_err()
            .to_string(),
    );
    lines.push(Error::connect("failed to connect to api.openai.com:443").to_string());

    insta::assert_snapshot!("error_display_lines", lines.join("\n"));
}
