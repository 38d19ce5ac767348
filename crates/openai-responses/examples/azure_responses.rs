//! Responses on Azure OpenAI's v1 API (`{endpoint}/openai/v1/responses`): the deployment name
//! goes in `model`, with an API key and then with a Microsoft Entra ID token.
//! Run: `cargo run -p openai-azure-responses --example azure_responses` (for the real service set
//! AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_DEPLOYMENT and AZURE_OPENAI_API_KEY and/or
//! AZURE_OPENAI_AD_TOKEN, e.g. from `az account get-access-token --resource https://ai.azure.com`).

mod common;

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use core_http::{AccessToken, Error, Secret, TokenCredential, TokenFuture};
use openai_responses::Responses;
use openai_types::responses::ResponseCreateRequest;

/// A credential reading a token from the environment; swap in azure-identity or your own.
#[derive(Debug)]
struct EnvToken;

impl TokenCredential for EnvToken {
    fn get_token<'a>(&'a self, scopes: &'a [&'a str]) -> TokenFuture<'a> {
        Box::pin(async move {
            // The client asks for the scope of the v1 endpoint.
            println!("token requested for {scopes:?}");
            let token =
                std::env::var("AZURE_OPENAI_AD_TOKEN").unwrap_or_else(|_| "mock-token".into());
            if token.is_empty() {
                return Err(Error::credential("AZURE_OPENAI_AD_TOKEN is empty"));
            }
            Ok(AccessToken::new(
                Secret::new(token),
                SystemTime::now() + Duration::from_secs(3600),
            ))
        })
    }
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    // 1. An API key (`api-key` header).
    let setup = common::azure_v1("gpt-4.1-mini", common::azure_key()).await?;
    let request = ResponseCreateRequest::new(&setup.model, "Hello from Azure with a key");
    let response = Responses::new(&setup.http).create(&request).await?;
    println!("[key] {}", response.output_text());

    // 2. An Entra ID token (`Authorization: Bearer …`), fetched and cached by the client.
    let setup = common::azure_v1("gpt-4.1-mini", Some(common::token(Arc::new(EnvToken)))).await?;
    let request = ResponseCreateRequest::new(&setup.model, "Hello from Azure with a token");
    let stream = Responses::new(&setup.http).create_stream(&request).await?;
    let response = stream.into_response().await?;
    println!("[entra] {}", response.output_text());
    Ok(())
}
