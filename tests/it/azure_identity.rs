//! `AzureCredential` through the facade against the mock's Azure endpoint: an `azure_core`
//! credential (a fake standing in for `azure_identity`) is asked for the Cognitive Services
//! scope once and its token goes out as Bearer, with no `api-key`.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use openai_mock::MockServer;
use openai_sdk::azure_core::credentials::{AccessToken, TokenCredential, TokenRequestOptions};
use openai_sdk::azure_core::time::{Duration, OffsetDateTime};
use openai_sdk::{AzureCredential, Client, azure_core};

use crate::support::{AZURE_API_VERSION, Mode, assert_healthy};

#[derive(Debug, Default)]
struct FakeAzureCredential {
    scopes: Mutex<Vec<String>>,
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
        self.scopes.lock().unwrap().push(scopes.join(" "));
        Box::pin(async {
            Ok(AccessToken::new(
                "entra-token",
                OffsetDateTime::now_utc() + Duration::hours(1),
            ))
        })
    }
}

#[tokio::test]
async fn azure_sdk_credential_token_is_sent_as_bearer() {
    let server = MockServer::start().await;
    let fake = Arc::new(FakeAzureCredential::default());
    let client = Client::builder()
        .azure_endpoint(server.azure_endpoint())
        .api_version(AZURE_API_VERSION)
        .token_credential(AzureCredential::shared(fake.clone()))
        .build()
        .unwrap();
    assert_healthy(&client, Mode::Azure).await;
    assert_healthy(&client, Mode::Azure).await;
    assert_eq!(
        *fake.scopes.lock().unwrap(),
        ["https://cognitiveservices.azure.com/.default"]
    );
    for req in server.requests() {
        assert_eq!(req.header("authorization"), Some("<present>"));
        assert_eq!(req.header("api-key"), None);
    }
}
