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

/// The Azure endpoint settings: `AZURE_OPENAI_ENDPOINT`, `OPENAI_API_VERSION` (default
/// 2024-10-21) and `AZURE_OPENAI_DEPLOYMENT` (the example's default otherwise).
fn azure_endpoint(deployment: &str) -> Option<(Endpoint, String)> {
    let endpoint = env("AZURE_OPENAI_ENDPOINT")?;
    let version = env("OPENAI_API_VERSION").unwrap_or_else(|| "2024-10-21".to_owned());
    let deployment = env("AZURE_OPENAI_DEPLOYMENT").unwrap_or_else(|| deployment.to_owned());
    Some((Endpoint::azure(endpoint, version).ok()?, deployment))
}

/// Azure with an API key: `AZURE_OPENAI_ENDPOINT` + `AZURE_OPENAI_API_KEY`, else the mock.
pub(crate) async fn azure(default_deployment: &str) -> Result<Setup, Error> {
    if let (Some((endpoint, model)), Some(key)) = (
        azure_endpoint(default_deployment),
        env("AZURE_OPENAI_API_KEY"),
    ) {
        let http = HttpClient::builder()
            .endpoint(endpoint)
            .credential(Credential::azure_key(Secret::new(key)))
            .build()?;
        println!("(using Azure OpenAI)");
        return Ok(Setup {
            http,
            model,
            mock: None,
        });
    }
    let mock = MockServer::start().await;
    let http = HttpClient::builder()
        .endpoint(Endpoint::azure(mock.azure_endpoint(), "2024-10-21")?)
        .credential(Credential::azure_key("azure-mock-key"))
        .build()?;
    println!(
        "(Azure variables not set: using the in-process mock at {})",
        mock.azure_endpoint()
    );
    Ok(Setup {
        http,
        model: default_deployment.to_owned(),
        mock: Some(mock),
    })
}

/// Azure with an Entra ID token credential: `AZURE_OPENAI_ENDPOINT` (the credential supplies
/// the token), else the mock.
pub(crate) async fn azure_with_token(
    default_deployment: &str,
    credential: Arc<dyn TokenCredential>,
) -> Result<Setup, Error> {
    if let Some((endpoint, model)) = azure_endpoint(default_deployment) {
        let http = HttpClient::builder()
            .endpoint(endpoint)
            .credential(Credential::token(credential))
            .build()?;
        println!("(using Azure OpenAI with an Entra ID token)");
        return Ok(Setup {
            http,
            model,
            mock: None,
        });
    }
    let mock = MockServer::start().await;
    let http = HttpClient::builder()
        .endpoint(Endpoint::azure(mock.azure_endpoint(), "2024-10-21")?)
        .credential(Credential::token(credential))
        .build()?;
    println!("(AZURE_OPENAI_ENDPOINT not set: using the in-process mock)");
    Ok(Setup {
        http,
        model: default_deployment.to_owned(),
        mock: Some(mock),
    })
}
