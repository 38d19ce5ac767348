//! Chat on Azure OpenAI with an API key: the request's `model` names the deployment, and the
//! answer carries content filter results.
//! Run: `cargo run -p openai-azure-inference --example azure_chat` (set AZURE_OPENAI_ENDPOINT,
//! AZURE_OPENAI_API_KEY, AZURE_OPENAI_DEPLOYMENT and OPENAI_API_VERSION for the real service).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use openai_inference::{Chat, api_error_object};
use openai_types::chat::{ChatCompletionRequest, ChatMessage};

#[tokio::main]
async fn main() -> Result<(), openai_inference::Error> {
    let setup = common::azure("gpt-4o-mini").await?;
    // On Azure `model` is the deployment name (…/openai/deployments/{model}/chat/completions).
    let request = ChatCompletionRequest::new(&setup.model, [ChatMessage::user("Hello, Azure!")]);

    match Chat::new(&setup.http).create(&request).await {
        Ok(completion) => {
            println!("{}", completion.first_content().unwrap_or_default());
            let filters = completion
                .first_choice()
                .and_then(|c| c.content_filter_results.as_ref());
            if let Some(hate) = filters.and_then(|f| f.hate.as_ref()) {
                println!(
                    "hate filter: filtered={} severity={:?}",
                    hate.filtered, hate.severity
                );
            }
            Ok(())
        }
        // A prompt rejected by the content filter is a 400 with code `content_filter`.
        Err(err) if err.code() == Some("content_filter") => {
            let details = api_error_object(&err);
            println!(
                "blocked by the content filter: {:?}",
                details.and_then(|d| d.innererror)
            );
            Ok(())
        }
        Err(err) => Err(err),
    }
}
