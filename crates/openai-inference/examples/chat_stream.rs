//! Streams a chat answer token by token, then shows the accumulated completion and usage.
//! Run: `cargo run -p openai-azure-inference --example chat_stream`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::io::Write;

use openai_inference::Chat;
use openai_types::chat::{ChatCompletionRequest, ChatMessage, StreamOptions};

#[tokio::main]
async fn main() -> Result<(), openai_inference::Error> {
    let setup = common::openai("gpt-4o-mini").await?;
    let request = ChatCompletionRequest::new(
        &setup.model,
        [ChatMessage::user("Write a haiku about streaming data.")],
    )
    // Ask for a final usage-only chunk.
    .stream_options(StreamOptions::include_usage());

    // HTTP errors (and retries) happen here, before the first chunk.
    let mut stream = Chat::new(&setup.http).create_stream(&request).await?;
    println!("request id: {}", stream.request_id().unwrap_or("-"));

    while let Some(chunk) = stream.next().await {
        match chunk {
            Ok(chunk) => {
                print!("{}", chunk.delta_text().unwrap_or_default());
                std::io::stdout().flush().ok();
            }
            Err(err) => {
                // Nothing received is lost: the snapshot has the text so far.
                eprintln!("\nstream failed: {err}");
                eprintln!("partial: {:?}", stream.snapshot().first_content());
                return Err(err);
            }
        }
    }
    println!();

    let completion = stream.snapshot();
    if let Some(usage) = completion.usage {
        println!("total tokens: {}", usage.total_tokens);
    }
    Ok(())
}
