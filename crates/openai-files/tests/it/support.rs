//! Shared helpers: clients for the mock in OpenAI and Azure mode, the request normalizer used
//! by the wire snapshots, and the location of the shared recordings.

use std::path::PathBuf;

use core_http::{Credential, Endpoint, HttpClient};
use openai_mock::{MockServer, RecordedRequest};
use serde_json::{Map, Value, json};

/// The Azure api-version the tests use.
pub(crate) const AZURE_API_VERSION: &str = "2025-04-01-preview";

/// Which service shape a test talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    OpenAi,
    Azure,
}

pub(crate) const MODES: [Mode; 2] = [Mode::OpenAi, Mode::Azure];

impl Mode {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Mode::OpenAi => "openai",
            Mode::Azure => "azure",
        }
    }

    /// The path prefix of resource-scoped routes in this mode.
    pub(crate) fn prefix(self) -> &'static str {
        match self {
            Mode::OpenAi => "/v1",
            Mode::Azure => "/openai",
        }
    }
}

/// A client for `server` in `mode`. Retries off: the mock never fails unless scripted to.
pub(crate) fn client(server: &MockServer, mode: Mode) -> HttpClient {
    let builder = HttpClient::builder().max_retries(0);
    let builder = match mode {
        Mode::OpenAi => builder
            .endpoint(Endpoint::openai(server.base_url()).unwrap())
            .credential(Credential::openai_key("sk-test-key")),
        Mode::Azure => builder
            .endpoint(Endpoint::azure(server.azure_endpoint(), AZURE_API_VERSION).unwrap())
            .credential(Credential::azure_key("azure-test-key")),
    };
    builder.build().unwrap()
}

/// The parts of a recorded request a wire snapshot pins: method, path, sorted query, whether
/// credentials were sent (never their value), the beta header, the content type (without the
/// random multipart boundary) and the body (JSON or multipart parts).
pub(crate) fn normalize(req: &RecordedRequest) -> Value {
    let mut out = Map::new();
    out.insert("method".into(), json!(req.method));
    out.insert("path".into(), json!(req.path));
    if !req.query.is_empty() {
        out.insert(
            "query".into(),
            Value::Array(req.query.iter().map(|(k, v)| json!([k, v])).collect()),
        );
    }
    let auth = if req.header("api-key").is_some() {
        "api-key"
    } else if req.header("authorization").is_some() {
        "bearer"
    } else {
        "none"
    };
    out.insert("auth".into(), json!(auth));
    out.insert("openai-beta".into(), json!(req.header("openai-beta")));
    if let Some(ct) = req.header("content-type") {
        let ct = ct.split(';').next().unwrap_or(ct).trim();
        out.insert("content-type".into(), json!(ct));
    }
    if let Some(body) = &req.json {
        out.insert("body".into(), body.clone());
    }
    if !req.parts.is_empty() {
        out.insert("parts".into(), serde_json::to_value(&req.parts).unwrap());
    }
    Value::Object(out)
}

/// The last request the server received.
pub(crate) fn last_request(server: &MockServer) -> RecordedRequest {
    server.requests().pop().expect("at least one request")
}

/// `testdata/real/<folder>` of the shared material beside the repository. Absent: a notice
/// and `None` (the test skips) — unless `CI` is set, where it is a failure.
pub(crate) fn recordings(folder: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/testdata/real"
    ))
    .join(folder);
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{} is missing and CI is set",
        dir.display()
    );
    eprintln!("NOTICE: {} not found; skipping", dir.display());
    None
}
