//! Credentials on the wire.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use core_http::test_util::{MockResponse, MockTransport};
use core_http::{
    AccessToken, Credential, Endpoint, ErrorKind, HttpClient, KeyCredential, Scope, Secret,
    TokenCredential, TokenFuture,
};
use serde_json::json;

use crate::support::builder;

/// Bearer key, sensitive; empty key rejected at build time.
#[tokio::test]
async fn openai_bearer_and_empty_key() {
    let mock = MockTransport::new();
    mock.fallback(MockResponse::new(200));
    let client = builder(&mock).build().unwrap();
    client.get("/models", Scope::Resource).send().await.unwrap();
    let req = &mock.requests()[0];
    let auth = req.headers.get("authorization").unwrap();
    assert_eq!(auth, "Bearer sk-test-key");
    assert!(auth.is_sensitive());
    assert!(req.headers.get("api-key").is_none());

    for bad in ["", "  ", "sk-with\nnewline"] {
        let err = HttpClient::builder()
            .transport(mock.clone())
            .credential(Credential::openai_key(Secret::new(bad)))
            .build()
            .unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::InvalidRequest), "{bad:?}");
        assert!(!err.to_string().contains("newline\n"));
    }
}

/// Organization/project only when configured.
#[tokio::test]
async fn organization_and_project_headers() {
    let mock = MockTransport::new();
    mock.fallback(MockResponse::new(200));
    builder(&mock)
        .build()
        .unwrap()
        .get("/m", Scope::Resource)
        .send()
        .await
        .unwrap();
    HttpClient::builder()
        .transport(mock.clone())
        .credential(
            Credential::openai_key(Secret::new("k"))
                .organization("org-1")
                .project("proj-1"),
        )
        .build()
        .unwrap()
        .get("/m", Scope::Resource)
        .send()
        .await
        .unwrap();
    let reqs = mock.requests();
    assert!(reqs[0].header("openai-organization").is_none());
    assert!(reqs[0].header("openai-project").is_none());
    assert_eq!(reqs[1].header("openai-organization"), Some("org-1"));
    assert_eq!(reqs[1].header("openai-project"), Some("proj-1"));
}

/// An Azure key goes in `api-key`, never in `Authorization`.
#[tokio::test]
async fn azure_key_header_only() {
    let mock = MockTransport::new();
    mock.fallback(MockResponse::new(200));
    let client = HttpClient::builder()
        .transport(mock.clone())
        .endpoint(Endpoint::azure("https://r.openai.azure.com", "2024-10-21").unwrap())
        .credential(Credential::azure_key(Secret::new("azkey")))
        .build()
        .unwrap();
    client
        .post("/chat/completions", Scope::Deployment("dep"))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    let req = &mock.requests()[0];
    assert_eq!(req.header("api-key"), Some("azkey"));
    assert!(req.headers.get("api-key").unwrap().is_sensitive());
    assert!(req.header("authorization").is_none());
}

/// Key rotation: a `KeyCredential` clone updated at runtime changes the next request's key.
#[tokio::test]
async fn key_rotation_without_rebuilding() {
    let mock = MockTransport::new();
    mock.fallback(MockResponse::new(200));
    let key = KeyCredential::new(Secret::new("key-1"));
    let client = HttpClient::builder()
        .transport(mock.clone())
        .endpoint(Endpoint::azure("https://r.openai.azure.com", "v").unwrap())
        .credential(Credential::azure_key(key.clone()))
        .build()
        .unwrap();
    client.get("/files", Scope::Resource).send().await.unwrap();
    key.update(Secret::new("key-2")).unwrap();
    client.get("/files", Scope::Resource).send().await.unwrap();
    assert!(key.update(Secret::new("")).is_err());
    client.get("/files", Scope::Resource).send().await.unwrap();
    let keys: Vec<String> = mock
        .requests()
        .iter()
        .map(|r| r.header("api-key").unwrap().to_owned())
        .collect();
    assert_eq!(keys, ["key-1", "key-2", "key-2"]);
}

/// Records the scopes it was asked for and issues `tok-N`.
#[derive(Debug, Default)]
struct Recording {
    calls: AtomicU32,
    claims_calls: AtomicU32,
    scopes: Mutex<Vec<String>>,
}

impl TokenCredential for Recording {
    fn get_token<'a>(&'a self, scopes: &'a [&'a str]) -> TokenFuture<'a> {
        Box::pin(async move {
            self.scopes
                .lock()
                .unwrap()
                .extend(scopes.iter().map(|s| s.to_string()));
            let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
            Ok(AccessToken::new(
                Secret::new(format!("tok-{n}")),
                SystemTime::now() + Duration::from_secs(3600),
            ))
        })
    }

    fn get_token_with_claims<'a>(
        &'a self,
        scopes: &'a [&'a str],
        claims: &'a str,
    ) -> TokenFuture<'a> {
        assert_eq!(claims, "eyJjbGFpbXMiOnt9fQ==");
        self.claims_calls.fetch_add(1, Ordering::SeqCst);
        self.get_token(scopes)
    }
}

fn token_client(mock: &MockTransport, endpoint: Endpoint, cred: &Arc<Recording>) -> HttpClient {
    HttpClient::builder()
        .transport(mock.clone())
        .endpoint(endpoint)
        .credential(Credential::token(cred.clone()))
        .retry_config(core_http::RetryConfig::default().jitter(core_http::Jitter::fixed(1.0)))
        .build()
        .unwrap()
}

/// Every attempt (retries included) carries the Bearer token; the
/// default scope depends on the API shape and is configurable.
#[tokio::test(start_paused = true)]
async fn token_per_attempt_and_scopes() {
    let mock = MockTransport::new();
    mock.push(MockResponse::new(503))
        .push(MockResponse::new(200));
    let cred = Arc::new(Recording::default());
    let client = token_client(
        &mock,
        Endpoint::azure("https://r.openai.azure.com", "2024-10-21").unwrap(),
        &cred,
    );
    client.get("/files", Scope::Resource).send().await.unwrap();
    for req in mock.requests() {
        assert_eq!(req.header("authorization"), Some("Bearer tok-1"));
        assert!(req.headers.get("authorization").unwrap().is_sensitive());
        assert!(req.header("api-key").is_none());
    }
    assert_eq!(
        cred.calls.load(Ordering::SeqCst),
        1,
        "cached across attempts"
    );
    assert_eq!(
        *cred.scopes.lock().unwrap(),
        ["https://cognitiveservices.azure.com/.default"]
    );

    let v1 = Arc::new(Recording::default());
    let mock = MockTransport::new();
    mock.fallback(MockResponse::new(200));
    token_client(
        &mock,
        Endpoint::azure_v1("https://r.openai.azure.com").unwrap(),
        &v1,
    )
    .get("/models", Scope::Resource)
    .send()
    .await
    .unwrap();
    assert_eq!(
        *v1.scopes.lock().unwrap(),
        ["https://cognitiveservices.azure.com/.default"]
    );

    let custom = Arc::new(Recording::default());
    HttpClient::builder()
        .transport(mock.clone())
        .endpoint(Endpoint::azure_v1("https://r.openai.azure.com").unwrap())
        .credential(Credential::token(custom.clone()).scope("api://custom/.default"))
        .build()
        .unwrap()
        .get("/models", Scope::Resource)
        .send()
        .await
        .unwrap();
    assert_eq!(*custom.scopes.lock().unwrap(), ["api://custom/.default"]);
}

/// A 401 drops the cached token (the next call gets a new one) and is
/// returned without retry.
#[tokio::test(start_paused = true)]
async fn invalidates_token() {
    let mock = MockTransport::new();
    mock.push(MockResponse::new(401))
        .push(MockResponse::new(200));
    let cred = Arc::new(Recording::default());
    let client = token_client(
        &mock,
        Endpoint::azure("https://r.openai.azure.com", "v").unwrap(),
        &cred,
    );
    let err = client
        .get("/files", Scope::Resource)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status().unwrap().as_u16(), 401);
    assert_eq!(mock.request_count(), 1);
    client.get("/files", Scope::Resource).send().await.unwrap();
    let auths: Vec<String> = mock
        .requests()
        .iter()
        .map(|r| r.header("authorization").unwrap().to_owned())
        .collect();
    assert_eq!(auths, ["Bearer tok-1", "Bearer tok-2"]);
}

/// A CAE `insufficient_claims` challenge is answered once with a token
/// for the claims; a second challenge is returned.
#[tokio::test(start_paused = true)]
async fn cae_challenge_resent_once() {
    let challenge =
        r#"Bearer realm="", error="insufficient_claims", claims="eyJjbGFpbXMiOnt9fQ==""#;
    let mock = MockTransport::new();
    mock.push(MockResponse::new(401).header("www-authenticate", challenge))
        .push(MockResponse::json(200, &json!({"ok": true})));
    let cred = Arc::new(Recording::default());
    let client = token_client(
        &mock,
        Endpoint::azure("https://r.openai.azure.com", "v").unwrap(),
        &cred,
    );
    let v: serde_json::Value = client
        .post("/files", Scope::Resource)
        .json(&json!({"a": 1}))
        .send_json()
        .await
        .unwrap();
    assert_eq!(v["ok"], true);
    let reqs = mock.requests();
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[1].header("authorization"), Some("Bearer tok-2"));
    assert_eq!(reqs[1].body, reqs[0].body);
    assert_eq!(cred.claims_calls.load(Ordering::SeqCst), 1);

    let mock = MockTransport::new();
    mock.fallback(MockResponse::new(401).header("www-authenticate", challenge));
    let err = token_client(
        &mock,
        Endpoint::azure("https://r.openai.azure.com", "v").unwrap(),
        &Arc::new(Recording::default()),
    )
    .get("/files", Scope::Resource)
    .send()
    .await
    .unwrap_err();
    assert_eq!(err.status().unwrap().as_u16(), 401);
    assert_eq!(mock.request_count(), 2, "re-sent exactly once");
}

/// Redirects are never followed, so credentials never reach another
/// origin; the 3xx is returned as an error.
#[tokio::test]
async fn redirect_not_followed() {
    let mock = MockTransport::new();
    mock.fallback(MockResponse::new(302).header("location", "https://evil.example.com/steal"));
    let err = builder(&mock)
        .build()
        .unwrap()
        .get("/models", Scope::Resource)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status().unwrap().as_u16(), 302);
    assert_eq!(mock.request_count(), 1);
    assert_eq!(
        err.headers().unwrap().get("location").unwrap(),
        "https://evil.example.com/steal"
    );
}

/// A credential that fails surfaces as `ErrorKind::Credential` and nothing is sent.
#[tokio::test]
async fn failing_token_credential() {
    #[derive(Debug)]
    struct Broken;
    impl TokenCredential for Broken {
        fn get_token<'a>(&'a self, _: &'a [&'a str]) -> TokenFuture<'a> {
            Box::pin(async {
                Err(core_http::Error::credential(
                    "identity endpoint unreachable",
                ))
            })
        }
    }
    let mock = MockTransport::new();
    mock.fallback(MockResponse::new(200));
    let err = HttpClient::builder()
        .transport(mock.clone())
        .credential(Credential::token(Arc::new(Broken)))
        .build()
        .unwrap()
        .get("/m", Scope::Resource)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Credential));
    assert_eq!(
        err.to_string(),
        "credential error: identity endpoint unreachable"
    );
    assert_eq!(mock.request_count(), 0);
    // Nothing was sent, and the error says so.
    assert_eq!(err.attempts(), 0);
}
