//! Azure OpenAI with a Microsoft Entra ID token instead of an API key. Implement
//! `TokenCredential` over your identity library; the client caches and refreshes the token.
//! Run: `cargo run -p openai-azure-inference --example azure_entra_token` (for the real service set
//! AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_AD_TOKEN, e.g. from
//! `az account get-access-token --resource https://cognitiveservices.azure.com`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use core_http::{AccessToken, Error, Secret, TokenCredential, TokenFuture};
use openai_inference::Chat;
use openai_types::chat::{ChatCompletionRequest, ChatMessage};

/// A credential reading a token from the environment; swap in azure-identity or your own.
#[derive(Debug)]
struct EnvToken;

impl TokenCredential for EnvToken {
    fn get_token<'a>(&'a self, scopes: &'a [&'a str]) -> TokenFuture<'a> {
        Box::pin(async move {
            // The scope is https://cognitiveservices.azure.com/.default for the dated API.
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
async fn main() -> Result<(), openai_inference::Error> {
    let setup = common::azure_with_token("gpt-4o-mini", Arc::new(EnvToken)).await?;
    let request = ChatCompletionRequest::new(&setup.model, [ChatMessage::user("Hi with a token")]);

    // The token goes in `Authorization: Bearer …`, fetched before the first attempt.
    let completion = Chat::new(&setup.http).create(&request).await?;
    println!("{}", completion.first_content().unwrap_or_default());
    Ok(())
}
