//! Client-side bad input: each is a clear local error before anything is sent (the mock
//! records nothing), never a panic.

use openai_mock::{MockServer, Reply};
use openai_sdk::chat::{ChatCompletionRequest, ChatMessage};
use openai_sdk::{Client, Error, ErrorKind};

use crate::support::{MODES, Mode, assert_healthy, chat};

fn build_err(builder: openai_sdk::ClientBuilder) -> Error {
    builder.build().map(|_| ()).unwrap_err()
}

fn assert_invalid(err: &Error, needle: &str) {
    assert!(matches!(err.kind(), ErrorKind::InvalidRequest), "{err:?}");
    assert!(err.to_string().starts_with("invalid request: "), "{err}");
    assert!(
        err.to_string().contains(needle),
        "{err} should mention {needle:?}"
    );
    assert_eq!(err.attempts(), 0, "nothing was sent");
}

/// Endpoints that are not URLs, carry credentials or a query, lack a host, or use a scheme
/// other than http(s).
#[tokio::test]
async fn invalid_endpoint_urls() {
    let cases = [
        ("not a url", "not a valid URL"),
        ("", "not a valid URL"),
        ("ftp://example.com/v1", "must start with https://"),
        ("example.com/v1", "not a valid URL"),
        (
            "https://user:pw@example.com/v1",
            "must not contain credentials",
        ),
        ("https://example.com/v1?x=1", "must not contain a query"),
        (
            "https://example.com/v1#frag",
            "must not contain a query or fragment",
        ),
        ("https:///v1", "not a valid URL"),
    ];
    for (url, needle) in cases {
        let err = build_err(Client::builder().base_url(url).api_key("sk-x"));
        assert!(
            matches!(err.kind(), ErrorKind::InvalidRequest),
            "{url}: {err:?}"
        );
        assert!(err.to_string().contains(needle), "{url}: {err}");
        let err = build_err(
            Client::builder()
                .azure_endpoint(url)
                .api_version("2024-10-21")
                .azure_api_key("k"),
        );
        assert!(
            matches!(err.kind(), ErrorKind::InvalidRequest),
            "azure {url}: {err:?}"
        );
    }
}

/// Plain http is refused for non-loopback hosts (credentials would travel in clear text),
/// allowed for loopback, and allowed elsewhere only on explicit request.
#[tokio::test]
async fn plain_http_only_to_loopback() {
    for url in [
        "http://example.com/v1",
        "http://10.0.0.1:8080/v1",
        "http://127.0.0.1.example.com/v1",
    ] {
        let err = build_err(Client::builder().base_url(url).api_key("sk-x"));
        assert_invalid(&err, "refusing plain http:// to the non-loopback host");
        Client::builder()
            .base_url(url)
            .api_key("sk-x")
            .allow_insecure_connection(true)
            .build()
            .unwrap();
    }
    for url in [
        "http://localhost:1/v1",
        "http://127.0.0.1:1/v1",
        "http://[::1]:1/v1",
    ] {
        Client::builder()
            .base_url(url)
            .api_key("sk-x")
            .build()
            .unwrap();
    }
    let err = build_err(
        Client::builder()
            .azure_endpoint("http://myres.openai.azure.com")
            .api_version("2024-10-21")
            .azure_api_key("k"),
    );
    assert_invalid(&err, "refusing plain http");
}

/// An empty, blank or newline-containing key fails at build time with
/// `InvalidRequest` (bad configuration, nothing sent); the message says why without echoing
/// the key.
#[tokio::test]
async fn empty_and_newline_keys() {
    for key in ["", "   ", "sk-abc\ndef", "sk-abc\r\n", "sk-\0nul"] {
        let err = build_err(Client::builder().api_key(key));
        assert!(
            matches!(err.kind(), ErrorKind::InvalidRequest),
            "{key:?}: {err:?}"
        );
        assert!(!err.to_string().contains("sk-abc"), "{err}");
        let err = build_err(
            Client::builder()
                .azure_endpoint("https://r.openai.azure.com")
                .api_version("2024-10-21")
                .azure_api_key(key),
        );
        assert!(
            matches!(err.kind(), ErrorKind::InvalidRequest),
            "azure {key:?}: {err:?}"
        );
    }
    let err = build_err(Client::builder().api_key("sk-x").organization("org\nx"));
    assert_invalid(&err, "organization is not a valid header value");
}

/// Conflicting configuration is refused with the reason; an Azure endpoint that names a route
/// is refused with the fix.
#[tokio::test]
async fn conflicting_configuration_is_refused_with_the_reason() {
    let err = build_err(
        Client::builder()
            .base_url("https://a.example/v1")
            .azure_endpoint("https://r.openai.azure.com")
            .api_key("k"),
    );
    assert_invalid(&err, "conflicting endpoints");
    let err = build_err(
        Client::builder()
            .azure_endpoint("https://r.openai.azure.com")
            .api_version("v")
            .azure_api_key("k")
            .azure_ad_token("t"),
    );
    assert_invalid(
        &err,
        "conflicting credentials: azure_api_key, azure_ad_token",
    );
    let err = build_err(Client::builder().api_key("k").without_credentials());
    assert_invalid(&err, "without_credentials() conflicts");
    let err = build_err(Client::builder().api_key("k").deployment("d"));
    assert_invalid(&err, "Azure endpoints only");
    let err = build_err(
        Client::builder()
            .azure_endpoint("https://r.openai.azure.com/openai/deployments/gpt-4o/chat/completions")
            .api_version("2024-10-21")
            .azure_api_key("k"),
    );
    assert_invalid(
        &err,
        "not a route: remove `/openai/deployments/gpt-4o/chat/completions`",
    );
    let err = build_err(
        Client::builder()
            .api_key("k")
            .timeout(std::time::Duration::ZERO),
    );
    assert_invalid(&err, "timeouts must be greater than zero");
    let err = build_err(
        Client::builder()
            .api_key("k")
            .default_header("bad header", "v"),
    );
    assert_invalid(&err, "invalid default header name");
    let err = build_err(Client::builder().api_key("k").proxy("::not a proxy::"));
    assert_invalid(&err, "proxy URL is not valid");
}

/// Deployment names that need encoding are percent-encoded into one path segment; an empty
/// deployment and the dot segments `.` and `..` (which a normalizing proxy would resolve into
/// another route) are refused before sending.
#[tokio::test]
async fn deployment_names_are_one_encoded_segment_and_dot_segments_are_refused() {
    let server = MockServer::start().await;
    let client = Mode::Azure.client(&server);
    for (name, encoded) in [
        ("my dep", "my%20dep"),
        ("a/b", "a%2Fb"),
        ("q?x=1#f", "q%3Fx%3D1%23f"),
        ("ünï", "%C3%BCn%C3%AF"),
        ("...", "..."),
    ] {
        server.clear_requests();
        let path = format!("/openai/deployments/{encoded}/chat/completions");
        server.on("POST", &path).respond(Reply::json(
            200,
            serde_json::json!({"id": "c", "object": "chat.completion", "created": 1, "model": "m", "choices": []}),
        ));
        let request = ChatCompletionRequest::new(name, [ChatMessage::user("hi")]);
        let result = client.chat().create(&request).await;
        let sent = server.requests();
        assert_eq!(sent.len(), 1, "{name}");
        assert_eq!(sent[0].path, path, "{name}");
        result.unwrap();
    }
    server.clear_requests();
    let err = client
        .chat()
        .create(&ChatCompletionRequest::new("", [ChatMessage::user("hi")]))
        .await
        .unwrap_err();
    assert_invalid(&err, "a deployment name is required on Azure");
    for dots in [".", ".."] {
        let err = client
            .chat()
            .create(&ChatCompletionRequest::new(dots, [ChatMessage::user("hi")]))
            .await
            .unwrap_err();
        assert_invalid(&err, "`deployment` must not be `.` or `..`");
        let err = client.models().retrieve(dots).await.unwrap_err();
        assert_invalid(&err, "`model` must not be `.` or `..`");
    }
    assert!(server.requests().is_empty());
    assert_healthy(&client, Mode::Azure).await;
}

/// Fields the operation owns (`stream`, the routing `model`) smuggled through a request's
/// extra fields or the call's `extra_body` are refused locally.
#[tokio::test]
async fn conflicting_request_fields_are_refused_before_sending() {
    for mode in MODES {
        let server = MockServer::start().await;
        let client = mode.client(&server);
        let mut request = chat("hi");
        request.extra.insert("stream".into(), true.into());
        let err = client.chat().create(&request).await.unwrap_err();
        assert_invalid(&err, "`stream` is set by the operation itself");
        let err = client.chat().create_stream(&request).await.unwrap_err();
        assert_invalid(&err, "`stream` is set by the operation itself");
        let smuggled = openai_sdk::RequestOptions::default().extra_body_field("stream", false);
        let err = client
            .chat()
            .with_options(smuggled)
            .create_stream(&chat("hi"))
            .await
            .unwrap_err();
        assert_invalid(&err, "`stream` is set by the operation itself");
        let err = client
            .chat()
            .create(&chat("hi"))
            .options(&openai_sdk::RequestOptions::default().extra_body_field("model", "other"))
            .await
            .unwrap_err();
        assert_invalid(&err, "`model` is set by the operation itself");
        assert!(server.requests().is_empty(), "{mode:?}");
        let headers = openai_sdk::RequestOptions::default().header("bad\nname", "v");
        let err = client
            .chat()
            .with_options(headers)
            .create(&chat("hi"))
            .await
            .unwrap_err();
        assert_invalid(&err, "invalid header name");
        assert!(server.requests().is_empty(), "{mode:?}");
    }
}

/// A huge request body (32 MiB of prompt) is sent intact, once, without extra copies
/// failing; the service's 413 comes back as a typed, non-retried API error whose `Display`
/// does not echo the body. (No client-side size limit: see docs/reliability.md.)
#[tokio::test]
async fn huge_request_body_is_sent_intact_and_413_is_typed() {
    let mode = Mode::OpenAi;
    let server = MockServer::start().await;
    let client = mode.client(&server);
    let big = "a".repeat(32 * 1024 * 1024);
    let completion = client.chat().create(&chat(&big)).await.unwrap();
    assert_eq!(
        completion.first_content().map(str::len),
        Some(big.len() + "Echo: ".len())
    );
    server
        .on("POST", &mode.chat_path())
        .respond_seq([Reply::error(
            413,
            "invalid_request_error",
            Some("request_too_large"),
            "Request too large",
        )]);
    server.clear_requests();
    let err = client.chat().create(&chat(&big)).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(413));
    assert_eq!(server.requests().len(), 1, "413 is not retried");
    assert!(err.to_string().len() < 300, "{}", err.to_string().len());
    assert_healthy(&client, mode).await;
}
