//! One chat completion. Run: `cargo run -p openai-azure-inference --example chat`
//! (set OPENAI_API_KEY to talk to the real service).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use openai_inference::Chat;
use openai_types::chat::{ChatCompletionRequest, ChatMessage};

#[tokio::main]
async fn main() -> Result<(), openai_inference::Error> {
    let setup = common::openai("gpt-4o-mini").await?;

    // A request is a plain value: required fields in `new`, the rest via setters.
    let request = ChatCompletionRequest::new(
        &setup.model,
        [
            ChatMessage::system("You are a concise assistant."),
            ChatMessage::user("Name three primary colors."),
        ],
    )
    .max_completion_tokens(100u32);

    // `Chat` borrows the client; errors carry status, code and request id.
    let completion = Chat::new(&setup.http).create(&request).await?;

    println!("{}", completion.first_content().unwrap_or("(no text)"));
    if let Some(usage) = &completion.usage {
        println!(
            "tokens: {} in, {} out",
            usage.prompt_tokens, usage.completion_tokens
        );
    }
    Ok(())
}
