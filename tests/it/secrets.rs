//! The canary test: an API key `sk-canary-…` and an Entra token canary
//! drive every path through the facade — success, each error kind, streams, retries — with
//! all `tracing` output captured at TRACE. Neither canary may appear in any log line, nor in
//! the `Debug`/`Display` of clients, builders, requests, streams or errors. Credentials never
//! go to a host other than the configured one (redirects and foreign URLs included).

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use openai_mock::{MockServer, Reply, SseEvent};
use openai_sdk::http::Scope;
use openai_sdk::images::ImageGenerationRequest;
use openai_sdk::{AccessToken, Client, ErrorKind, RetryConfig, Secret, TokenCredential};
use openai_sdk::{Jitter, TokenFuture};
use serde_json::json;

use crate::support::{AZURE_API_VERSION, MODEL, Mode, chat, content_chunk};

const CANARY_KEY: &str = "sk-canary-5e1f0b7d2a";
const CANARY_TOKEN: &str = "eyJcanary-entra-token-93c4";
/// Fragments that would betray a partial leak (a cut or re-encoded canary).
const FRAGMENTS: [&str; 4] = ["canary-5e1f", "5e1f0b7d2a", "canary-entra", "token-93c4"];

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Capture {
    type Writer = Capture;
    fn make_writer(&'a self) -> Capture {
        self.clone()
    }
}

#[derive(Debug)]
struct CanaryToken;

impl TokenCredential for CanaryToken {
    fn get_token<'a>(&'a self, _scopes: &'a [&'a str]) -> TokenFuture<'a> {
        Box::pin(async {
            Ok(AccessToken::new(
                Secret::new(CANARY_TOKEN),
                SystemTime::now() + Duration::from_secs(3600),
            ))
        })
    }
}

/// A credential that fails; its error must not carry a token either.
#[derive(Debug)]
struct EmptyToken;

impl TokenCredential for EmptyToken {
    fn get_token<'a>(&'a self, _scopes: &'a [&'a str]) -> TokenFuture<'a> {
        Box::pin(async {
            Ok(AccessToken::new(
                Secret::new(""),
                SystemTime::now() + Duration::from_secs(3600),
            ))
        })
    }
}

/// Records `Display`, `Debug` and the `source()` chain of an outcome.
fn record<T: std::fmt::Debug>(printed: &mut Vec<String>, result: &Result<T, openai_sdk::Error>) {
    match result {
        Ok(value) => printed.push(format!("{value:?}")),
        Err(err) => {
            let mut text = format!("{err} | {err:?} | {err:#}");
            let mut source = std::error::Error::source(err);
            while let Some(cause) = source {
                text.push_str(&format!(" <- {cause} {cause:?}"));
                source = cause.source();
            }
            printed.push(text);
        }
    }
}

/// The canaries never leak.
#[tokio::test(start_paused = true)]
async fn canaries_never_appear_in_logs_debug_display_or_errors() {
    let capture = Capture::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(capture.clone())
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    // Other tests of this binary run in parallel without a subscriber: a callsite they
    // register while this dispatcher is being installed can keep a stale "never" interest
    // (tracing-core caches interest per callsite globally). Recompute it now that ours is in.
    tracing::callsite::rebuild_interest_cache();
    let mut printed: Vec<String> = Vec::new();
    let mut kinds: Vec<&'static str> = Vec::new();

    // ---- OpenAI with the canary key; the mock accepts only that exact key, so every
    // success below proves the key really was sent.
    let server = MockServer::builder()
        .openai_api_key(CANARY_KEY)
        .start()
        .await;
    let builder = Client::builder()
        .base_url(server.base_url())
        .api_key(CANARY_KEY)
        .organization("org-visible")
        .timeout(Duration::from_secs(5))
        .idle_timeout(Duration::from_secs(5))
        .retry_config(RetryConfig::default().jitter(Jitter::fixed(1.0)));
    printed.push(format!("{builder:?}"));
    let client = builder.build().unwrap();
    printed.push(format!("{client:?} {:?}", client.http()));
    let path = Mode::OpenAi.chat_path();
    let request = chat("hello");
    printed.push(format!("{request:?} {:?}", client.chat()));

    // Success, with a retry on the way (500 then the default reply).
    server
        .on("POST", &path)
        .respond_seq([Reply::error(500, "server_error", None, "boom")]);
    record(
        &mut printed,
        &client.chat().create(&request).await.map(|c| c.id),
    );
    // A successful stream, then each stream failure.
    let stream = client.chat().create_stream(&request).await.unwrap();
    printed.push(format!("{stream:?}"));
    record(&mut printed, &stream.into_completion().await.map(|c| c.id));
    let cases: Vec<(&'static str, Reply)> = vec![
        (
            "api",
            Reply::error(
                401,
                "invalid_request_error",
                Some("invalid_api_key"),
                "Incorrect API key provided: sk-canar**********7d2a.",
            ),
        ),
        ("api", Reply::rate_limited(500_000)),
        ("decode", Reply::invalid_json()),
        ("decode", Reply::invalid_utf8()),
        (
            "timeout",
            Reply::json(200, json!({})).delay(Duration::from_secs(60)),
        ),
        ("io", Reply::close_before_headers()),
    ];
    for (kind, reply) in cases {
        server.on("POST", &path).respond(reply);
        let result = client.chat().create(&request).await;
        assert!(result.is_err(), "{kind}");
        kinds.push(kind);
        record(&mut printed, &result.map(|c| c.id));
        server.clear_scripts();
    }
    let stream_faults = vec![
        Reply::sse_truncated([SseEvent::json(&content_chunk("a"))]),
        Reply::sse_error_event(
            [SseEvent::json(&content_chunk("a"))],
            json!({"error": {"message": "bad"}}),
        ),
        Reply::sse_close_mid_event([
            SseEvent::json(&content_chunk("a")),
            SseEvent::json(&content_chunk("b")),
        ]),
        Reply::sse([SseEvent::json(&content_chunk("a")).after(Duration::from_secs(60))]),
    ];
    for reply in stream_faults {
        server.on("POST", &path).respond_seq([reply]);
        let mut stream = client.chat().create_stream(&request).await.unwrap();
        let result = stream.drain().await;
        assert!(result.is_err());
        kinds.push("stream");
        record(&mut printed, &result.map(|c| c.id));
        printed.push(format!("{stream:?} {:?}", stream.snapshot()));
    }
    // Connection refused (Connect) with the canary client configuration.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let refused = Client::builder()
        .base_url(format!("http://127.0.0.1:{port}/v1"))
        .api_key(CANARY_KEY)
        .build()
        .unwrap();
    let result = refused.chat().create(&request).await;
    assert!(matches!(
        result.as_ref().unwrap_err().kind(),
        ErrorKind::Connect
    ));
    kinds.push("connect");
    record(&mut printed, &result.map(|c| c.id));
    // Local errors that are given the canary: a URL with it as user-info, a key with a
    // newline, and a request with a bad header value.
    for builder in [
        Client::builder()
            .base_url(format!("https://{CANARY_KEY}@example.com/v1"))
            .api_key("k"),
        Client::builder().api_key(format!("{CANARY_KEY}\n")),
        Client::builder()
            .api_key(CANARY_KEY)
            .azure_ad_token(CANARY_TOKEN),
        Client::builder()
            .azure_endpoint(format!("https://x:{CANARY_TOKEN}@r.openai.azure.com"))
            .api_version("v")
            .azure_api_key("k"),
    ] {
        printed.push(format!("{builder:?}"));
        let result = builder.build();
        assert!(result.is_err());
        kinds.push("invalid");
        record(&mut printed, &result.map(|_| ()));
    }
    let result = client
        .chat()
        .with_options(openai_sdk::RequestOptions::default().header("x-bad", "a\nb"))
        .create(&request)
        .await;
    record(&mut printed, &result.map(|c| c.id));

    // ---- Azure with the Entra canary token.
    let azure = MockServer::start().await;
    let builder = Client::builder()
        .azure_endpoint(azure.azure_endpoint())
        .api_version(AZURE_API_VERSION)
        .token_credential(Arc::new(CanaryToken))
        .retry_config(RetryConfig::default().jitter(Jitter::fixed(1.0)));
    printed.push(format!("{builder:?}"));
    let token_client = builder.build().unwrap();
    printed.push(format!("{token_client:?}"));
    let azure_path = Mode::Azure.chat_path();
    azure.on("POST", &azure_path).respond_seq([
        Reply::error(503, "server_error", None, "retry me"),
        Reply::json(
            401,
            json!({"error": {"code": "401", "message": "Access denied due to invalid token."}}),
        ),
    ]);
    let result = token_client.chat().create(&request).await;
    kinds.push("api");
    record(&mut printed, &result.map(|c| c.id));
    record(
        &mut printed,
        &token_client.chat().create(&request).await.map(|c| c.id),
    );
    let stream = token_client.chat().create_stream(&request).await.unwrap();
    record(&mut printed, &stream.into_completion().await.map(|c| c.id));
    assert_eq!(
        azure.requests().last().unwrap().header("authorization"),
        Some("<present>")
    );
    let empty = Client::builder()
        .azure_endpoint(azure.azure_endpoint())
        .api_version(AZURE_API_VERSION)
        .token_credential(Arc::new(EmptyToken))
        .build()
        .unwrap();
    let result = empty.chat().create(&request).await;
    assert!(matches!(
        result.as_ref().unwrap_err().kind(),
        ErrorKind::Credential
    ));
    kinds.push("credential");
    record(&mut printed, &result.map(|c| c.id));
    let static_token = Client::builder()
        .azure_endpoint(azure.azure_endpoint())
        .api_version(AZURE_API_VERSION)
        .azure_ad_token(CANARY_TOKEN);
    printed.push(format!("{static_token:?}"));
    printed.push(format!("{:?}", static_token.build().unwrap()));
    for r in server.requests().iter().chain(azure.requests().iter()) {
        printed.push(format!("{r:?}"));
    }

    let traces = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    // The capture works and saw the interesting paths (so the test can fail).
    assert!(traces.contains("openai.request"), "{traces}");
    assert!(traces.contains("retrying request"), "{traces}");
    assert!(traces.lines().count() > 20, "{traces}");
    assert!(
        printed.iter().any(|p| p.contains("org-visible")),
        "Debug output was captured"
    );
    for kind in [
        "api",
        "decode",
        "timeout",
        "io",
        "stream",
        "connect",
        "invalid",
        "credential",
    ] {
        assert!(kinds.contains(&kind), "{kind} path was driven");
    }
    for text in printed.iter().chain(std::iter::once(&traces)) {
        for secret in [CANARY_KEY, CANARY_TOKEN].iter().chain(FRAGMENTS.iter()) {
            assert!(!text.contains(secret), "secret {secret} leaked in: {text}");
        }
    }
}

/// Credentials never reach another host. A redirect to a second
/// server is not followed (it is an error carrying the 3xx), an image URL on that server is
/// never fetched, and an Azure `operation-location` pointing there is not polled.
#[tokio::test(start_paused = true)]
async fn credentials_never_go_to_another_host() {
    let other = MockServer::start().await;
    for mode in [Mode::OpenAi, Mode::Azure] {
        let server = MockServer::start().await;
        let client = mode.client(&server);
        for status in [301u16, 302, 307, 308] {
            server.on("POST", &mode.chat_path()).respond_seq([
                Reply::empty(status).header("location", other.url("/v1/chat/completions"))
            ]);
            let err = client.chat().create(&chat("hi")).await.unwrap_err();
            assert_eq!(err.status().map(|s| s.as_u16()), Some(status), "{mode:?}");
            assert_eq!(err.attempts(), 1);
        }
        let images_path = match mode {
            Mode::OpenAi => "/v1/images/generations".to_owned(),
            Mode::Azure => format!("/openai/deployments/{MODEL}/images/generations"),
        };
        server.on("POST", &images_path).respond(Reply::json(
            200,
            json!({"created": 1, "data": [{"url": other.url("/v1/mock-files/stolen.png")}]}),
        ));
        let images = client
            .images()
            .generate(&ImageGenerationRequest::new("a cat").model(MODEL))
            .await
            .unwrap();
        assert!(
            images.data[0]
                .url
                .as_deref()
                .unwrap()
                .starts_with(&other.url("/"))
        );
    }
    // Azure: an operation-location on another host is not followed; the poller reads the
    // operation from the client's own endpoint by id.
    let server = MockServer::start().await;
    let client = Mode::Azure.client(&server);
    server
        .on("POST", "/openai/images/generations:submit")
        .respond(
            Reply::json(
                202,
                json!({"id": "op-1", "status": "notRunning", "created": 1}),
            )
            .header(
                "operation-location",
                other.url("/openai/operations/images/op-1?api-version=x"),
            ),
        );
    server
        .on("GET", "/openai/operations/images/op-1")
        .respond(Reply::json(
            200,
            json!({"id": "op-1", "status": "succeeded", "created": 1,
            "result": {"created": 1, "data": [{"url": "https://example/x.png"}]}}),
        ));
    let poller = client
        .images()
        .begin_batch_generation(&ImageGenerationRequest::new("a cat"))
        .await
        .unwrap();
    let done = poller.poll_until_done().await.unwrap();
    assert_eq!(done.data.len(), 1);

    assert!(
        other.requests().is_empty(),
        "the other host saw {:?}",
        other.requests()
    );
    // Raw requests are routed under the endpoint too: a path cannot name another origin.
    let err = client
        .http()
        .get(&format!("@{}/v1/models", other.addr()), Scope::Resource)
        .send_json::<serde_json::Value>()
        .await;
    let _ = err;
    assert!(
        other.requests().is_empty(),
        "the other host saw {:?}",
        other.requests()
    );
}
