//! `AzureCredential` (feature `azure-identity`) over a fake `azure_core` credential: the scope
//! it is asked for, the token as Bearer on an Azure endpoint, the expiry it reports honoured,
//! its errors as credential errors. No network: the fake stands in for `azure_identity`.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use core_http::azure_core;
use core_http::azure_core::credentials::{AccessToken, TokenCredential, TokenRequestOptions};
use core_http::azure_core::time::OffsetDateTime;
use core_http::test_util::{MockResponse, MockTransport};
use core_http::{AzureCredential, Credential, Endpoint, ErrorKind, HttpClient, Scope};

/// What `azure_identity`'s credentials do, without Entra: a new token per call (`tok-1`,
/// `tok-2`, …) valid for `lifetime`, and every scope list it was asked for.
#[derive(Debug)]
struct FakeAzureCredential {
    lifetime: Duration,
    fail: bool,
    scopes: Mutex<Vec<Vec<String>>>,
}

impl FakeAzureCredential {
    fn new(lifetime: Duration) -> Arc<Self> {
        Arc::new(FakeAzureCredential {
            lifetime,
            fail: false,
            scopes: Mutex::new(Vec::new()),
        })
    }

    fn calls(&self) -> Vec<Vec<String>> {
        self.scopes.lock().unwrap().clone()
    }
}

// The trait is declared with `#[async_trait]`; this is the signature it expands to.
impl TokenCredential for FakeAzureCredential {
    fn get_token<'life0, 'life1, 'life2, 'life3, 'async_trait>(
        &'life0 self,
        scopes: &'life1 [&'life2 str],
        _options: Option<TokenRequestOptions<'life3>>,
    ) -> Pin<Box<dyn Future<Output = azure_core::Result<AccessToken>> + Send + 'async_trait>>
    where
        'life0: 'async_trait,
        'life1: 'async_trait,
        'life2: 'async_trait,
        'life3: 'async_trait,
        Self: 'async_trait,
    {
        let n = {
            let mut calls = self.scopes.lock().unwrap();
            calls.push(scopes.iter().map(|s| s.to_string()).collect());
            calls.len()
        };
        let (fail, lifetime) = (self.fail, self.lifetime);
        Box::pin(async move {
            if fail {
                return Err(azure_core::Error::with_message(
                    azure_core::error::ErrorKind::Credential,
                    "DeveloperToolsCredential: no developer tool is signed in",
                ));
            }
            let expires_on = OffsetDateTime::now_utc() + lifetime;
            Ok(AccessToken::new(format!("tok-{n}"), expires_on))
        })
    }
}

fn client(mock: &MockTransport, fake: Arc<FakeAzureCredential>) -> HttpClient {
    HttpClient::builder()
        .transport(mock.clone())
        .endpoint(Endpoint::azure_v1("https://r.openai.azure.com").unwrap())
        .credential(Credential::token(AzureCredential::shared(fake)))
        .build()
        .unwrap()
}

async fn send(client: &HttpClient) {
    client.get("/models", Scope::Resource).send().await.unwrap();
}

/// The endpoint's scope is asked for, the token goes out as Bearer (never `api-key`), and one
/// token serves every call while it is valid.
#[tokio::test(start_paused = true)]
async fn scope_requested_and_token_sent_as_bearer() {
    let mock = MockTransport::new();
    mock.fallback(MockResponse::new(200));
    let fake = FakeAzureCredential::new(Duration::from_secs(3600));
    let client = client(&mock, fake.clone());
    send(&client).await;
    send(&client).await;
    assert_eq!(
        fake.calls(),
        [vec![
            "https://cognitiveservices.azure.com/.default".to_owned()
        ]]
    );
    for req in mock.requests() {
        assert_eq!(req.header("authorization"), Some("Bearer tok-1"));
        assert!(req.headers.get("authorization").unwrap().is_sensitive());
        assert_eq!(req.header("api-key"), None);
    }
}

/// The expiry the Azure credential reports is the one the cache keeps: the token is reused
/// until then and replaced, without a failed call, once it has passed.
#[tokio::test(start_paused = true)]
async fn reported_expiry_is_honoured() {
    let mock = MockTransport::new();
    mock.fallback(MockResponse::new(200));
    let fake = FakeAzureCredential::new(Duration::from_secs(3600));
    let client = client(&mock, fake.clone());
    send(&client).await;
    // Well inside the validity (and before the refresh window): the same token.
    tokio::time::advance(Duration::from_secs(1800)).await;
    send(&client).await;
    assert_eq!(fake.calls().len(), 1);
    // Past the reported expiry: a new token before the request goes out.
    tokio::time::advance(Duration::from_secs(1801)).await;
    send(&client).await;
    assert_eq!(fake.calls().len(), 2);
    let auth: Vec<_> = mock
        .requests()
        .iter()
        .map(|r| r.header("authorization").unwrap().to_owned())
        .collect();
    assert_eq!(auth, ["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"]);
}

/// A configured scope replaces the endpoint's; an Azure error is a credential error that
/// keeps the Azure message as its source, and nothing is sent.
#[tokio::test(start_paused = true)]
async fn configured_scope_and_azure_errors() {
    let mock = MockTransport::new();
    mock.fallback(MockResponse::new(200));
    let fake = FakeAzureCredential::new(Duration::from_secs(3600));
    let scoped = HttpClient::builder()
        .transport(mock.clone())
        .endpoint(Endpoint::azure_v1("https://p.services.ai.azure.com").unwrap())
        .credential(Credential::token(AzureCredential::shared(fake.clone())))
        .build()
        .unwrap();
    send(&scoped).await;
    assert_eq!(
        fake.calls(),
        [vec!["https://ai.azure.com/.default".to_owned()]]
    );

    let failing = Arc::new(FakeAzureCredential {
        lifetime: Duration::from_secs(3600),
        fail: true,
        scopes: Mutex::new(Vec::new()),
    });
    let before = mock.requests().len();
    let err = client(&mock, failing)
        .get("/models", Scope::Resource)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Credential), "{err:?}");
    assert!(
        err.to_string()
            .contains("the Azure credential could not get a token"),
        "{err}"
    );
    let source = std::error::Error::source(&err).map(|s| s.to_string());
    assert!(
        source.is_some_and(|s| s.contains("no developer tool is signed in")),
        "{err:?}"
    );
    assert_eq!(mock.requests().len(), before);
}
