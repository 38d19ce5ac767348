//! The canary test: a recognizable key and token go through every error path and
//! stream with all tracing captured at TRACE; neither may appear in any output.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use core_http::test_util::{MockResponse, MockTransport};
use core_http::{
    AccessToken, Credential, Endpoint, Error, HttpClient, KeyCredential, RequestOptions, Scope,
    Secret, StaticTokenCredential, TokenCredential, TokenFuture,
};
use serde_json::json;

const CANARY_KEY: &str = "sk-canary-7f3a9c";
const CANARY_TOKEN: &str = "eyJcanary-token-51d2";

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
    fn get_token<'a>(&'a self, _: &'a [&'a str]) -> TokenFuture<'a> {
        Box::pin(async {
            Ok(AccessToken::new(
                Secret::new(CANARY_TOKEN),
                SystemTime::now() + Duration::from_secs(3600),
            ))
        })
    }
}

/// No secret in Debug, Display, errors or traces.
#[tokio::test(start_paused = true)]
async fn canary_never_leaks() {
    let capture = Capture::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(capture.clone())
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    // Parallel tests without a subscriber can leave a callsite with a stale "never" interest
    // if they register it while this dispatcher is being installed (tracing-core race).
    tracing::callsite::rebuild_interest_cache();
    let mut printed: Vec<String> = Vec::new();

    let mock = MockTransport::new();
    mock.push(
        MockResponse::json(500, &json!({"error": {"message": "boom"}}))
            .header("x-request-id", "req_a"),
    )
    .push(MockResponse::json(
        401,
        &json!({"error": {"message": "bad key", "code": "invalid_api_key"}}),
    ))
    .push_error(|| Error::connect("refused"))
    .push_error(|| Error::connect("refused"))
    .push_error(|| Error::connect("refused"))
    .push(MockResponse::new(200).delay(Duration::from_secs(5)))
    .push(MockResponse::new(200).chunk("data: {\"n\":1}\n\n").stall())
    .push(MockResponse::json(200, &json!({"not": "expected"})));
    let key = KeyCredential::new(Secret::new(CANARY_KEY));
    let builder = HttpClient::builder()
        .transport(mock.clone())
        .credential(Credential::openai_key(key.clone()).organization("org-canary-visible"));
    printed.push(format!("{builder:?}"));
    let client = builder.build().unwrap();
    printed.push(format!("{client:?} {key:?}"));

    let calls: Vec<Result<serde_json::Value, Error>> = vec![
        client
            .post("/chat/completions", Scope::Deployment("m"))
            .operation("chat.completions.create")
            .json(&json!({"k": 1}))
            .options(&RequestOptions::default().max_retries(0))
            .send_json()
            .await,
        client.get("/models", Scope::Resource).send_json().await,
        client.get("/models", Scope::Resource).send_json().await,
        client
            .get("/models", Scope::Resource)
            .options(
                &RequestOptions::default()
                    .timeout(Duration::from_secs(1))
                    .max_retries(0),
            )
            .send_json()
            .await,
    ];
    for result in calls {
        let err = result.unwrap_err();
        printed.push(format!(
            "{err} | {err:?} | {:?}",
            std::error::Error::source(&err)
        ));
    }
    let mut sse = client
        .get("/stream", Scope::Resource)
        .options(&RequestOptions::default().idle_timeout(Duration::from_millis(100)))
        .send_sse()
        .await
        .unwrap();
    printed.push(format!("{sse:?}"));
    sse.events.next_event().await.unwrap().unwrap();
    let err = sse.events.next_event().await.unwrap().unwrap_err();
    printed.push(format!("{err} {err:?}"));
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Expected {
        id: String,
    }
    let err = client
        .get("/x", Scope::Resource)
        .send_json::<Expected>()
        .await
        .unwrap_err();
    printed.push(format!("{err} {err:?}"));

    // Token credentials and bad-key errors.
    let token_client = HttpClient::builder()
        .transport(mock.clone())
        .endpoint(Endpoint::azure("https://r.openai.azure.com", "v").unwrap())
        .credential(Credential::token(Arc::new(CanaryToken)))
        .build()
        .unwrap();
    mock.push(MockResponse::new(403));
    let err = token_client
        .get("/files", Scope::Resource)
        .send()
        .await
        .unwrap_err();
    printed.push(format!("{err} {err:?} {token_client:?}"));
    printed.push(format!(
        "{:?}",
        Credential::token(Arc::new(StaticTokenCredential::new(CANARY_TOKEN)))
    ));
    printed.push(format!(
        "{:?}",
        Credential::azure_key(Secret::new(CANARY_KEY))
    ));
    let err = HttpClient::builder()
        .transport(mock.clone())
        .credential(Credential::openai_key(Secret::new(format!(
            "{CANARY_KEY}\n"
        ))))
        .build()
        .unwrap_err();
    printed.push(format!("{err} {err:?}"));
    let err = key
        .update(Secret::new(format!("{CANARY_KEY}\r")))
        .unwrap_err();
    printed.push(format!("{err} {err:?}"));

    // The key really was sent (so the test can fail), and every header carrying it was
    // marked sensitive.
    let sent = mock.requests();
    assert!(
        sent.iter()
            .any(|r| r.header("authorization") == Some(&format!("Bearer {CANARY_KEY}")))
    );
    assert!(
        sent.iter()
            .any(|r| r.header("authorization") == Some(&format!("Bearer {CANARY_TOKEN}")))
    );
    for r in &sent {
        printed.push(format!("{:?}", r.headers));
    }

    let traces = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(
        traces.contains("openai.request"),
        "tracing was captured: {traces}"
    );
    assert!(traces.contains("retrying request"));
    assert!(traces.contains("chat.completions.create"));
    assert!(
        printed.iter().any(|p| p.contains("org-canary-visible")),
        "Debug output was captured"
    );
    for text in printed.iter().chain(std::iter::once(&traces)) {
        for secret in [CANARY_KEY, CANARY_TOKEN, "canary-7f3a9c", "canary-token"] {
            assert!(!text.contains(secret), "secret leaked in: {text}");
        }
    }
}
