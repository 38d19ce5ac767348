//! A streamed response: print text deltas as they arrive, then read the accumulated response.
//! Run: `cargo run -p openai-azure-responses --example responses_stream`.

mod common;

use std::io::Write;

use openai_responses::Responses;
use openai_types::responses::{ResponseCreateRequest, ResponseStreamEvent};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let setup = common::openai("gpt-4.1-mini").await?;
    let request = ResponseCreateRequest::new(&setup.model, "Write a haiku about crabs.");
    let mut stream = Responses::new(&setup.http).create_stream(&request).await?;
    while let Some(event) = stream.next().await {
        match event? {
            ResponseStreamEvent::OutputTextDelta(delta) => {
                print!("{}", delta.delta);
                std::io::stdout().flush()?;
            }
            ResponseStreamEvent::Completed(_) => println!("\n[completed]"),
            // Tool progress, reasoning summaries, event types newer than this SDK, ...
            _ => {}
        }
    }
    let response = stream.drain().await?;
    println!(
        "{} events, response {} ({:?})",
        stream.last_sequence_number().map_or(0, |n| n + 1),
        response.id,
        response.status
    );
    Ok(())
}
