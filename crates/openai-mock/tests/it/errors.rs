//! Validation like the service: auth, api-version, routes, body parsing, required fields — each
//! with the service's error shape and a request id.

use openai_mock::MockServer;
use serde_json::{Value, json};

use crate::support::{Resp, azure_post, client, keys, openai_post, send};

/// `{"error": {message, type, param, code}}` with the given status, code and param.
fn assert_openai_error(resp: &Resp, status: u16, code: Option<&str>, param: Option<&str>) {
    assert_eq!(resp.status, status, "{}", resp.text());
    assert!(resp.header("x-request-id").unwrap().starts_with("req_"));
    assert!(
        resp.header("content-type")
            .unwrap()
            .starts_with("application/json")
    );
    let body = resp.json();
    assert_eq!(keys(&body), ["error"]);
    let error = &body["error"];
    assert_eq!(keys(error), ["code", "message", "param", "type"]);
    assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert_eq!(error["type"], "invalid_request_error");
    assert_eq!(error["code"].as_str(), code, "{error}");
    assert_eq!(error["param"].as_str(), param, "{error}");
}

/// Azure's gateway shape: `{"error": {"code": "<status>", "message"}}` plus `apim-request-id`.
fn assert_azure_gateway_error(resp: &Resp, status: u16) {
    assert_eq!(resp.status, status, "{}", resp.text());
    let body = resp.json();
    assert_eq!(keys(&body["error"]), ["code", "message"]);
    assert_eq!(body["error"]["code"], status.to_string());
    let id = resp.header("x-request-id").unwrap();
    assert_eq!(resp.header("apim-request-id"), Some(id));
}

async fn post_raw(server: &MockServer, path: &str, headers: &[(&str, &str)], body: &str) -> Resp {
    send(
        &client(),
        "POST",
        &server.url(path),
        headers,
        Some(body.to_owned().into()),
    )
    .await
    .unwrap()
}

const CHAT: &str = r#"{"model":"m","messages":[{"role":"user","content":"hi"}]}"#;

#[tokio::test]
async fn openai_routes_need_a_bearer_token() {
    let server = MockServer::start().await;
    for headers in [
        &[][..],
        &[("authorization", "Bearer ")][..],
        &[("authorization", "Basic abc")][..],
        &[("api-key", "azure-style-key")][..],
    ] {
        let resp = post_raw(&server, "/v1/chat/completions", headers, CHAT).await;
        assert_openai_error(&resp, 401, None, None);
    }
    let ok = post_raw(
        &server,
        "/v1/chat/completions",
        &[("authorization", "Bearer x")],
        CHAT,
    )
    .await;
    assert_eq!(ok.status, 200);
}

#[tokio::test]
async fn a_configured_openai_key_must_match_and_is_never_echoed() {
    let server = MockServer::builder()
        .openai_api_key("sk-right")
        .start()
        .await;
    let wrong = post_raw(
        &server,
        "/v1/chat/completions",
        &[("authorization", "Bearer sk-wrong-canary")],
        CHAT,
    )
    .await;
    assert_openai_error(&wrong, 401, Some("invalid_api_key"), None);
    assert!(!wrong.text().contains("canary"));
    let right = post_raw(
        &server,
        "/v1/chat/completions",
        &[("authorization", "Bearer sk-right")],
        CHAT,
    )
    .await;
    assert_eq!(right.status, 200);
    // The recorded requests hold no secret either.
    let recorded = serde_json::to_string(&server.requests()).unwrap();
    assert!(
        !recorded.contains("canary") && !recorded.contains("sk-right"),
        "{recorded}"
    );
}

#[tokio::test]
async fn azure_routes_take_api_key_or_bearer() {
    let server = MockServer::builder()
        .azure_api_key("az-right")
        .start()
        .await;
    let path = "/openai/deployments/gpt/chat/completions?api-version=2024-10-21";
    let missing = post_raw(&server, path, &[], CHAT).await;
    assert_azure_gateway_error(&missing, 401);
    let wrong = post_raw(&server, path, &[("api-key", "az-wrong")], CHAT).await;
    assert_azure_gateway_error(&wrong, 401);
    let key = post_raw(&server, path, &[("api-key", "az-right")], CHAT).await;
    assert_eq!(key.status, 200, "{}", key.text());
    let bearer = post_raw(
        &server,
        path,
        &[("authorization", "Bearer entra-token")],
        CHAT,
    )
    .await;
    assert_eq!(bearer.status, 200);
    assert_eq!(
        bearer.header("apim-request-id"),
        bearer.header("x-request-id")
    );
}

#[tokio::test]
async fn azure_dated_routes_require_api_version_like_the_service() {
    let server = MockServer::start().await;
    for path in [
        "/openai/deployments/gpt/chat/completions",
        "/openai/models",
        "/openai/images/generations:submit",
    ] {
        let resp = post_raw(&server, path, &[("api-key", "k")], CHAT).await;
        // Azure answers a missing api-version with 404 "Resource not found".
        assert_azure_gateway_error(&resp, 404);
        assert_eq!(resp.json()["error"]["message"], "Resource not found");
    }
    // The v1 API needs none.
    let v1 = azure_post(
        &server,
        "/openai/v1/chat/completions",
        json!({"model": "my-deployment", "messages": [{"role": "user", "content": "hi"}]}),
    )
    .await;
    assert_eq!(v1.status, 200, "{}", v1.text());
    assert_eq!(v1.json()["model"], "my-deployment");
}

#[tokio::test]
async fn api_version_check_can_be_turned_off() {
    let server = MockServer::builder()
        .require_api_version(false)
        .start()
        .await;
    let resp = post_raw(
        &server,
        "/openai/deployments/gpt/chat/completions",
        &[("api-key", "k")],
        CHAT,
    )
    .await;
    assert_eq!(resp.status, 200, "{}", resp.text());
}

#[tokio::test]
async fn unknown_routes_are_404_in_each_style() {
    let server = MockServer::start().await;
    let auth = [("authorization", "Bearer k")];
    let resp = post_raw(&server, "/v1/nope", &auth, "{}").await;
    assert_openai_error(&resp, 404, None, None);
    assert_eq!(
        resp.json()["error"]["message"],
        "Invalid URL (POST /v1/nope)"
    );
    let outside = post_raw(&server, "/elsewhere", &auth, "{}").await;
    assert_openai_error(&outside, 404, None, None);
    // Wrong method on a known path.
    let get = send(
        &client(),
        "GET",
        &server.url("/v1/chat/completions"),
        &auth,
        None,
    )
    .await
    .unwrap();
    assert_openai_error(&get, 404, None, None);

    let azure = post_raw(
        &server,
        "/openai/deployments/d/unknown?api-version=2024-10-21",
        &[("api-key", "k")],
        "{}",
    )
    .await;
    assert_azure_gateway_error(&azure, 404);
    // Deployment-scoped operations do not exist at resource level, and vice versa.
    let resource_chat = post_raw(
        &server,
        "/openai/chat/completions?api-version=2024-10-21",
        &[("api-key", "k")],
        CHAT,
    )
    .await;
    assert_azure_gateway_error(&resource_chat, 404);
}

#[tokio::test]
async fn malformed_json_is_a_clear_400() {
    let server = MockServer::start().await;
    let resp = post_raw(
        &server,
        "/v1/chat/completions",
        &[
            ("authorization", "Bearer k"),
            ("content-type", "application/json"),
        ],
        r#"{"model": "m", "messages": [}"#,
    )
    .await;
    assert_openai_error(&resp, 400, None, None);
    let message = resp.json()["error"]["message"].as_str().unwrap().to_owned();
    assert!(
        message.contains("could not parse the JSON body"),
        "{message}"
    );
    // The raw text is still recorded for the test to look at.
    let recorded = server.requests();
    assert_eq!(recorded[0].json, None);
    assert_eq!(
        recorded[0].text.as_deref(),
        Some(r#"{"model": "m", "messages": [}"#)
    );

    let not_object = openai_post(&server, "/chat/completions", json!([1, 2])).await;
    assert_openai_error(&not_object, 400, Some("invalid_type"), None);
}

#[tokio::test]
async fn broken_multipart_is_a_400() {
    let server = MockServer::start().await;
    let resp = post_raw(
        &server,
        "/v1/images/edits",
        &[
            ("authorization", "Bearer k"),
            ("content-type", "multipart/form-data; boundary=abc"),
        ],
        "--abc\r\nno headers end",
    )
    .await;
    assert_openai_error(&resp, 400, None, None);
    let no_boundary = post_raw(
        &server,
        "/v1/images/edits",
        &[
            ("authorization", "Bearer k"),
            ("content-type", "multipart/form-data"),
        ],
        "x",
    )
    .await;
    assert_openai_error(&no_boundary, 400, None, None);
}

#[tokio::test]
async fn required_fields_are_checked_per_route() {
    let server = MockServer::start().await;
    let cases: [(&str, Value, &str); 8] = [
        (
            "/chat/completions",
            json!({"messages": [{"role": "user", "content": "x"}]}),
            "model",
        ),
        ("/chat/completions", json!({"model": "m"}), "messages"),
        (
            "/chat/completions",
            json!({"model": "m", "messages": [{"content": "x"}]}),
            "messages[0].role",
        ),
        ("/completions", json!({"model": "m"}), "prompt"),
        ("/embeddings", json!({"model": "m"}), "input"),
        ("/embeddings", json!({"input": "x"}), "model"),
        (
            "/images/generations",
            json!({"model": "dall-e-3"}),
            "prompt",
        ),
        (
            "/audio/speech",
            json!({"model": "tts-1", "voice": "alloy"}),
            "input",
        ),
    ];
    for (path, body, param) in cases {
        let resp = openai_post(&server, path, body).await;
        assert_openai_error(&resp, 400, Some("missing_required_parameter"), Some(param));
    }
    let wrong_type = openai_post(
        &server,
        "/chat/completions",
        json!({"model": "m", "messages": "hi"}),
    )
    .await;
    assert_openai_error(&wrong_type, 400, Some("invalid_type"), Some("messages"));
    let empty = openai_post(
        &server,
        "/chat/completions",
        json!({"model": "m", "messages": []}),
    )
    .await;
    assert_openai_error(&empty, 400, Some("empty_array"), Some("messages"));
    let n = openai_post(
        &server,
        "/chat/completions",
        json!({"model": "m", "messages": [{"role": "user", "content": "x"}], "n": 0}),
    )
    .await;
    assert_openai_error(&n, 400, Some("invalid_value"), Some("n"));
    let stream_options = openai_post(
        &server,
        "/chat/completions",
        json!({"model": "m", "messages": [{"role": "user", "content": "x"}],
               "stream_options": {"include_usage": true}}),
    )
    .await;
    assert_openai_error(
        &stream_options,
        400,
        Some("invalid_value"),
        Some("stream_options"),
    );
    let empty_input = openai_post(&server, "/embeddings", json!({"model": "m", "input": ""})).await;
    assert_openai_error(&empty_input, 400, None, Some("input"));
    let format = openai_post(
        &server,
        "/embeddings",
        json!({"model": "m", "input": "x", "encoding_format": "int8"}),
    )
    .await;
    assert_openai_error(&format, 400, Some("invalid_value"), Some("encoding_format"));
}

#[tokio::test]
async fn azure_deployment_routes_do_not_need_a_model() {
    let server = MockServer::start().await;
    let resp = azure_post(
        &server,
        "/openai/deployments/my%20chat/chat/completions?api-version=2024-10-21",
        json!({"messages": [{"role": "user", "content": "hi"}]}),
    )
    .await;
    assert_eq!(resp.status, 200, "{}", resp.text());
    assert_eq!(resp.json()["model"], "my chat");
    let v1 = azure_post(
        &server,
        "/openai/v1/chat/completions",
        json!({"messages": [{"role": "user", "content": "hi"}]}),
    )
    .await;
    assert_openai_error(&v1, 400, Some("missing_required_parameter"), Some("model"));
}

/// Bad input never crashes a handler: every route answers odd bodies with a status (a panic
/// would drop the connection instead).
#[tokio::test]
async fn odd_bodies_get_answers_not_dropped_connections() {
    let server = MockServer::start().await;
    let routes = [
        "/chat/completions",
        "/completions",
        "/embeddings",
        "/images/generations",
        "/images/edits",
        "/audio/speech",
        "/audio/transcriptions",
        "/assistants",
        "/threads",
        "/files",
    ];
    let bodies = [
        json!(null),
        json!(42),
        json!("text"),
        json!({}),
        json!({"model": null, "messages": null, "prompt": null, "input": null}),
        json!({"model": 7, "messages": [1, "x", null], "n": -1, "stream": "yes"}),
        json!({"model": "m", "messages": [{"role": "user", "content": {"odd": true}}],
               "tools": [{"type": "function", "function": {"name": "f", "parameters": {"type": ["null"], "required": "x"}}}],
               "tool_choice": 5, "max_tokens": 0}),
        json!({"model": "m", "prompt": [[1, "a"]], "input": [[], [1.5]], "dimensions": 0,
               "encoding_format": null, "stream_options": "x"}),
        json!({"model": "m", "prompt": "", "n": 1_000_000, "response_format": 3, "voice": null}),
    ];
    for route in routes {
        for body in &bodies {
            let resp = openai_post(&server, route, body.clone()).await;
            assert!(
                (200..500).contains(&resp.status),
                "{route} {body}: {} {}",
                resp.status,
                resp.text()
            );
        }
    }
}
