//! Background responses: poll one to its end, and stream another that survives a dropped
//! connection (it is re-opened from the last sequence number, no event lost or repeated).
//! Run: `cargo run -p openai-azure-responses --example responses_background`.

mod common;

use std::time::Duration;

use openai_responses::{DEFAULT_MAX_RESUMES, PollOptions, Responses};
use openai_types::responses::{ResponseCreateRequest, ResponseStreamEvent};

#[tokio::main]
async fn main() -> Result<(), openai_responses::Error> {
    let setup = common::openai("gpt-4.1-mini").await?;
    let responses = Responses::new(&setup.http);

    // 1. Create with `background: true` and poll until it is finished.
    let interval = if setup.is_mock() { 10 } else { 1000 };
    let options = PollOptions::new()
        .interval(Duration::from_millis(interval))
        .timeout(Duration::from_secs(600))
        .on_progress(|p| println!("  poll {}: {}", p.polls, p.status));
    let request = ResponseCreateRequest::new(&setup.model, "Summarize the history of Rust.");
    let response = responses
        .create_background_and_poll(&request, &options)
        .await?;
    println!("[polled] {:?}: {}", response.status, response.output_text());

    // 2. Stream a background response; a dropped connection is resumed transparently.
    let request = ResponseCreateRequest::new(&setup.model, "Write a short poem.").background(true);
    let mut stream = responses
        .create_stream_resumable(&request, DEFAULT_MAX_RESUMES)
        .await?;
    let mut text = String::new();
    while let Some(event) = stream.next().await {
        if let ResponseStreamEvent::OutputTextDelta(delta) = event? {
            text.push_str(&delta.delta);
        }
    }
    println!(
        "[streamed] {text} (response {:?}, resumed {} time(s))",
        stream.response_id(),
        stream.resumes()
    );

    // 3. A queued response can be cancelled.
    let queued = responses
        .create(&ResponseCreateRequest::new(&setup.model, "Never mind.").background(true))
        .await?;
    let cancelled = responses.cancel(&queued.id).await?;
    println!("[cancelled] {} is {:?}", cancelled.id, cancelled.status);
    Ok(())
}
