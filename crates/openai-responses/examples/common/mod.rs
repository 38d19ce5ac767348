//! Shared setup for the examples: the real service when its environment variables are set,
//! otherwise an in-process `openai-mock` server, so every example runs offline.
#![allow(dead_code)]

use std::sync::Arc;

use core_http::{Credential, Endpoint, Error, HttpClient, Secret, TokenCredential};
use openai_mock::MockServer;

/// A client plus what the example should send as `model` (a deployment name on Azure).
pub(crate) struct Setup {
    pub(crate) http: HttpClient,
    pub(crate) model: String,
    /// Keeps the mock running for as long as the example needs it.
    pub(crate) mock: Option<MockServer>,
}

impl Setup {
    /// Whether the example talks to the in-process mock.
    pub(crate) fn is_mock(&self) -> bool {
        self.mock.is_some()
    }
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// OpenAI: `OPENAI_API_KEY` (and optionally `OPENAI_BASE_URL`, `OPENAI_MODEL`), else the mock.
pub(crate) async fn openai(default_model: &str) -> Result<Setup, Error> {
    let model = env("OPENAI_MODEL").unwrap_or_else(|| default_model.to_owned());
    if let Some(key) = env("OPENAI_API_KEY") {
        let base = env("OPENAI_BASE_URL").unwrap_or_else(|| core_http::OPENAI_BASE_URL.to_owned());
        let http = HttpClient::builder()
            .endpoint(Endpoint::openai(base)?)
            .credential(Credential::openai_key(Secret::new(key)))
            .build()?;
        println!("(using the real service)");
        return Ok(Setup {
            http,
            model,
            mock: None,
        });
    }
    let mock = MockServer::start().await;
    let http = HttpClient::builder()
        .endpoint(Endpoint::openai(mock.base_url())?)
        .credential(Credential::openai_key("sk-mock"))
        .build()?;
    println!(
        "(OPENAI_API_KEY not set: using the in-process mock at {})",
        mock.base_url()
    );
    Ok(Setup {
        http,
        model,
        mock: Some(mock),
    })
}

/// Azure v1 (`{endpoint}/openai/v1/…`) with `credential`: `AZURE_OPENAI_ENDPOINT` and
/// `AZURE_OPENAI_DEPLOYMENT` (the example's default otherwise), else the mock.
pub(crate) async fn azure_v1(
    default_deployment: &str,
    credential: Option<Credential>,
) -> Result<Setup, Error> {
    let deployment =
        env("AZURE_OPENAI_DEPLOYMENT").unwrap_or_else(|| default_deployment.to_owned());
    if let (Some(endpoint), Some(credential)) = (env("AZURE_OPENAI_ENDPOINT"), credential.clone()) {
        let http = HttpClient::builder()
            .endpoint(Endpoint::azure_v1(endpoint)?)
            .credential(credential)
            .build()?;
        println!("(using Azure OpenAI v1)");
        return Ok(Setup {
            http,
            model: deployment,
            mock: None,
        });
    }
    let mock = MockServer::start().await;
    let http = HttpClient::builder()
        .endpoint(Endpoint::azure_v1(mock.azure_endpoint())?)
        .credential(credential.unwrap_or_else(|| Credential::azure_key("azure-mock-key")))
        .build()?;
    println!(
        "(Azure variables not set: using the in-process mock at {}/openai/v1)",
        mock.azure_endpoint()
    );
    Ok(Setup {
        http,
        model: deployment,
        mock: Some(mock),
    })
}

/// The Azure API key credential from `AZURE_OPENAI_API_KEY`, when set.
pub(crate) fn azure_key() -> Option<Credential> {
    env("AZURE_OPENAI_API_KEY").map(|key| Credential::azure_key(Secret::new(key)))
}

/// A token credential (Entra ID).
pub(crate) fn token(credential: Arc<dyn TokenCredential>) -> Credential {
    Credential::token(credential)
}
