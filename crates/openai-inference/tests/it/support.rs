//! Clients for the mock and the normalization used by wire snapshots.

use std::sync::Arc;

use core_http::{Credential, Endpoint, HttpClient, Jitter, RetryConfig, StaticTokenCredential};
use openai_mock::{MockServer, RecordedRequest, SseEvent};
use openai_types::chat::{ChatCompletionRequest, ChatMessage};
use serde_json::{Value, json};

/// The Azure api-version every Azure test client uses.
pub(crate) const API_VERSION: &str = "2024-10-21";

/// Deterministic retries (fixed jitter) so timed tests do not depend on randomness.
fn retries() -> RetryConfig {
    RetryConfig::default().jitter(Jitter::fixed(1.0))
}

/// An OpenAI-style client for `server`.
pub(crate) fn openai(server: &MockServer) -> HttpClient {
    HttpClient::builder()
        .endpoint(Endpoint::openai(server.base_url()).unwrap())
        .credential(Credential::openai_key("sk-test-key"))
        .retry_config(retries())
        .build()
        .unwrap()
}

/// An Azure (dated API) client with an API key; the request's `model` names the deployment.
pub(crate) fn azure(server: &MockServer) -> HttpClient {
    azure_with(
        server,
        Endpoint::azure(server.azure_endpoint(), API_VERSION).unwrap(),
    )
}

/// An Azure client fixed to one deployment.
pub(crate) fn azure_fixed(server: &MockServer, deployment: &str) -> HttpClient {
    azure_with(
        server,
        Endpoint::azure(server.azure_endpoint(), API_VERSION)
            .unwrap()
            .with_deployment(deployment),
    )
}

fn azure_with(_server: &MockServer, endpoint: Endpoint) -> HttpClient {
    HttpClient::builder()
        .endpoint(endpoint)
        .credential(Credential::azure_key("azure-test-key"))
        .retry_config(retries())
        .build()
        .unwrap()
}

/// An Azure client authenticated with an Entra ID token (Bearer), no API key.
pub(crate) fn azure_entra(server: &MockServer) -> HttpClient {
    HttpClient::builder()
        .endpoint(Endpoint::azure(server.azure_endpoint(), API_VERSION).unwrap())
        .credential(Credential::token(Arc::new(StaticTokenCredential::new(
            "entra-test-token",
        ))))
        .retry_config(retries())
        .build()
        .unwrap()
}

/// The stable part of a recorded request: method, path, sorted query, which credential
/// headers were present (never their values), content type, and the body.
pub(crate) fn wire(request: &RecordedRequest) -> Value {
    let mut out = json!({
        "method": request.method,
        "path": request.path,
        "query": request.query,
        "authorization": request.header("authorization").is_some(),
        "api-key": request.header("api-key").is_some(),
    });
    if let Some(ct) = request.header("content-type") {
        // The multipart boundary is random.
        let ct = ct.split(';').next().unwrap_or(ct).to_owned();
        out["content-type"] = json!(ct);
    }
    if let Some(body) = &request.json {
        out["body"] = body.clone();
    }
    if !request.parts.is_empty() {
        out["parts"] = serde_json::to_value(&request.parts).unwrap();
    }
    out
}

/// The only recorded request, normalized.
pub(crate) fn only_wire(server: &MockServer) -> Value {
    let sent = server.requests();
    assert_eq!(sent.len(), 1, "expected exactly one request: {sent:#?}");
    wire(&sent[0])
}

/// A one-message chat request.
pub(crate) fn hello(model: &str) -> ChatCompletionRequest {
    ChatCompletionRequest::new(model, [ChatMessage::user("Hello there")])
}

/// A scripted chat chunk event with the given choices.
pub(crate) fn chunk(choices: Value) -> SseEvent {
    SseEvent::json(&json!({
        "id": "chatcmpl-scripted",
        "object": "chat.completion.chunk",
        "created": 1_700_000_000,
        "model": "gpt-4o-mini",
        "choices": choices,
    }))
}

/// A scripted content delta for choice 0.
pub(crate) fn text_chunk(text: &str) -> SseEvent {
    chunk(json!([{"index": 0, "delta": {"content": text}, "finish_reason": null}]))
}
