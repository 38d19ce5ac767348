//! Clients for the mock and the normalization used by wire snapshots.

use std::sync::Arc;

use core_http::{Credential, Endpoint, HttpClient, Jitter, RetryConfig, StaticTokenCredential};
use openai_mock::{MockServer, RecordedRequest};
use serde_json::{Value, json};

/// The Azure dated preview api-version that serves the Responses API.
pub(crate) const PREVIEW_VERSION: &str = "2025-03-01-preview";

/// Deterministic retries (fixed jitter) so timed tests do not depend on randomness.
fn retries() -> RetryConfig {
    RetryConfig::default().jitter(Jitter::fixed(1.0))
}

fn build(endpoint: Endpoint, credential: Credential) -> HttpClient {
    HttpClient::builder()
        .endpoint(endpoint)
        .credential(credential)
        .retry_config(retries())
        .build()
        .unwrap()
}

/// The service styles every wire test runs in.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Mode {
    OpenAi,
    AzureV1,
}

impl Mode {
    pub(crate) const ALL: [Mode; 2] = [Mode::OpenAi, Mode::AzureV1];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Mode::OpenAi => "openai",
            Mode::AzureV1 => "azure_v1",
        }
    }

    pub(crate) fn client(self, server: &MockServer) -> HttpClient {
        match self {
            Mode::OpenAi => openai(server),
            Mode::AzureV1 => azure_v1(server),
        }
    }
}

/// An OpenAI-style client for `server`.
pub(crate) fn openai(server: &MockServer) -> HttpClient {
    build(
        Endpoint::openai(server.base_url()).unwrap(),
        Credential::openai_key("sk-test-key"),
    )
}

/// An Azure v1 client with an API key; the request's `model` names the deployment.
pub(crate) fn azure_v1(server: &MockServer) -> HttpClient {
    build(
        Endpoint::azure_v1(server.azure_endpoint()).unwrap(),
        Credential::azure_key("azure-test-key"),
    )
}

/// An Azure v1 client authenticated with an Entra ID token (Bearer), no API key.
pub(crate) fn azure_v1_entra(server: &MockServer) -> HttpClient {
    build(
        Endpoint::azure_v1(server.azure_endpoint()).unwrap(),
        Credential::token(Arc::new(StaticTokenCredential::new("entra-test-token"))),
    )
}

/// An Azure client on the dated API with `version`.
pub(crate) fn azure_dated(server: &MockServer, version: &str) -> HttpClient {
    build(
        Endpoint::azure(server.azure_endpoint(), version).unwrap(),
        Credential::azure_key("azure-test-key"),
    )
}

/// The stable part of a recorded request: method, path, query, which credential headers were
/// present (never their values), the accept and content types, and the body.
pub(crate) fn wire(request: &RecordedRequest) -> Value {
    let mut out = json!({
        "method": request.method,
        "path": request.path,
        "query": request.query,
        "authorization": request.header("authorization").is_some(),
        "api-key": request.header("api-key").is_some(),
    });
    if let Some(ct) = request.header("content-type") {
        out["content-type"] = json!(ct);
    }
    if let Some(accept) = request.header("accept") {
        out["accept"] = json!(accept);
    }
    if let Some(body) = &request.json {
        out["body"] = body.clone();
    }
    out
}

/// Every recorded request, normalized.
pub(crate) fn wires(server: &MockServer) -> Vec<Value> {
    server.requests().iter().map(wire).collect()
}

/// The only recorded request, normalized.
pub(crate) fn only_wire(server: &MockServer) -> Value {
    let sent = server.requests();
    assert_eq!(sent.len(), 1, "expected exactly one request: {sent:#?}");
    wire(&sent[0])
}
