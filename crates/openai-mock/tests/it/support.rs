//! Helpers: a raw hyper client, response capture, SSE splitting, shared-file loading.

use std::path::PathBuf;

use bytes::Bytes;
use http::HeaderMap;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use openai_mock::MockServer;
use serde_json::Value;

pub(crate) type HttpClient = Client<HttpConnector, Full<Bytes>>;

/// A fresh client per test (pooled connections belong to the test's runtime).
pub(crate) fn client() -> HttpClient {
    Client::builder(TokioExecutor::new()).build_http()
}

/// A fully read response.
#[derive(Debug)]
pub(crate) struct Resp {
    pub(crate) status: u16,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

impl Resp {
    pub(crate) fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub(crate) fn text(&self) -> String {
        String::from_utf8(self.body.to_vec()).unwrap()
    }

    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }

    /// The `data:` payloads of a `text/event-stream` body, checking the service's framing:
    /// every event is exactly `data: <payload>\n\n`.
    pub(crate) fn sse_data(&self) -> Vec<String> {
        assert!(
            self.header("content-type")
                .unwrap()
                .starts_with("text/event-stream"),
            "{:?}",
            self.headers
        );
        let text = self.text();
        assert!(text.ends_with("\n\n"), "stream must end with a blank line");
        text.split_terminator("\n\n")
            .map(|event| {
                let payload = event
                    .strip_prefix("data: ")
                    .unwrap_or_else(|| panic!("event without `data: ` prefix: {event:?}"));
                assert!(
                    !payload.contains('\n'),
                    "one data line per event: {event:?}"
                );
                payload.to_owned()
            })
            .collect()
    }

    /// The JSON chunks of a chat/completions stream, asserting it ends with `[DONE]`.
    pub(crate) fn sse_chunks(&self) -> Vec<Value> {
        let mut data = self.sse_data();
        assert_eq!(data.pop().as_deref(), Some("[DONE]"));
        data.iter()
            .map(|d| serde_json::from_str(d).unwrap())
            .collect()
    }
}

/// Sends a request and reads the whole response.
pub(crate) async fn send(
    client: &HttpClient,
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<Bytes>,
) -> Result<Resp, String> {
    let mut builder = http::Request::builder().method(method).uri(url);
    for (k, v) in headers {
        builder = builder.header(*k, *v);
    }
    let request = builder.body(Full::new(body.unwrap_or_default())).unwrap();
    let response = client
        .request(request)
        .await
        .map_err(|e| format!("request: {e:?}"))?;
    let (parts, body) = response.into_parts();
    let body = body
        .collect()
        .await
        .map_err(|e| format!("body: {e:?}"))?
        .to_bytes();
    Ok(Resp {
        status: parts.status.as_u16(),
        headers: parts.headers,
        body,
    })
}

const OPENAI_AUTH: (&str, &str) = ("authorization", "Bearer sk-test-key");
const JSON: (&str, &str) = ("content-type", "application/json");

/// `POST {server}/v1{path}` with a bearer token and a JSON body.
pub(crate) async fn openai_post(server: &MockServer, path: &str, body: Value) -> Resp {
    let url = format!("{}{path}", server.base_url());
    send(
        &client(),
        "POST",
        &url,
        &[OPENAI_AUTH, JSON],
        Some(body.to_string().into()),
    )
    .await
    .unwrap()
}

/// `GET {server}/v1{path}` with a bearer token.
pub(crate) async fn openai_get(server: &MockServer, path: &str) -> Resp {
    let url = format!("{}{path}", server.base_url());
    send(&client(), "GET", &url, &[OPENAI_AUTH], None)
        .await
        .unwrap()
}

/// `POST {server}{path_and_query}` with an `api-key` and a JSON body.
pub(crate) async fn azure_post(server: &MockServer, path_and_query: &str, body: Value) -> Resp {
    let url = server.url(path_and_query);
    send(
        &client(),
        "POST",
        &url,
        &[("api-key", "azure-test-key"), JSON],
        Some(body.to_string().into()),
    )
    .await
    .unwrap()
}

/// `GET` an absolute URL with an `api-key`.
pub(crate) async fn azure_get(url: &str) -> Resp {
    send(
        &client(),
        "GET",
        url,
        &[("api-key", "azure-test-key")],
        None,
    )
    .await
    .unwrap()
}

/// A multipart body with text fields and one file field.
pub(crate) fn multipart(
    boundary: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, &str, &[u8])>,
) -> Bytes {
    let mut out = Vec::new();
    for (name, value) in fields {
        out.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some((name, filename, data)) = file {
        out.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; \
                 filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        out.extend_from_slice(data);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    out.into()
}

/// A path under the shared directory, or `None` (with a notice) when it is absent.
pub(crate) fn shared(relative: &str) -> Option<PathBuf> {
    let path =
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/")).join(relative);
    if path.exists() {
        Some(path)
    } else {
        eprintln!("SKIP: {} is absent", path.display());
        None
    }
}

/// The `body` of a recorded real response (`testdata/real/<relative>`).
pub(crate) fn recording(relative: &str) -> Option<Value> {
    let path = shared(&format!("testdata/real/{relative}"))?;
    let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    Some(file["body"].clone())
}

/// The sorted keys of a JSON object.
pub(crate) fn keys(value: &Value) -> Vec<String> {
    let mut keys: Vec<String> = value
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {value}"))
        .keys()
        .cloned()
        .collect();
    keys.sort();
    keys
}

/// A chat request with one user message.
pub(crate) fn chat_request(text: &str) -> Value {
    serde_json::json!({
        "model": "gpt-4o-mini",
        "messages": [{"role": "user", "content": text}],
    })
}

/// `DELETE {server}/v1{path}` with a bearer token.
pub(crate) async fn openai_delete(server: &MockServer, path: &str) -> Resp {
    let url = format!("{}{path}", server.base_url());
    send(&client(), "DELETE", &url, &[OPENAI_AUTH], None)
        .await
        .unwrap()
}

/// `POST {server}/v1{path}` with a bearer token and a multipart body (boundary `b0undary`).
pub(crate) async fn openai_multipart(
    server: &MockServer,
    path: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, &str, &[u8])>,
) -> Resp {
    let url = format!("{}{path}", server.base_url());
    send(
        &client(),
        "POST",
        &url,
        &[
            OPENAI_AUTH,
            ("content-type", "multipart/form-data; boundary=b0undary"),
        ],
        Some(multipart("b0undary", fields, file)),
    )
    .await
    .unwrap()
}

/// Uploads `data` to the Files API and returns the file object.
pub(crate) async fn upload_file(
    server: &MockServer,
    filename: &str,
    purpose: &str,
    data: &[u8],
) -> Value {
    let resp = openai_multipart(
        server,
        "/files",
        &[("purpose", purpose)],
        Some(("file", filename, data)),
    )
    .await;
    assert_eq!(resp.status, 200, "{}", resp.text());
    resp.json()
}
