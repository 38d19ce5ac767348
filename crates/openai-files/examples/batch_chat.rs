//! The Batch API end to end: typed chat requests → JSONL → upload → batch → wait → typed
//! results keyed by `custom_id`, read one line at a time.
//!
//! Runs offline against an in-process mock server by default; set `OPENAI_API_KEY` for
//! api.openai.com (a real batch can take up to 24 hours).
//!
//! ```text
//! cargo run -p openai-azure-files --example batch_chat
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::time::Duration;

use core_http::Error;
use core_http::kit::{PollOptions, UploadSource};
use openai_files::{Batches, Files, batch_input_jsonl};
use openai_types::batches::{BatchEndpoint, BatchInputLine, CreateBatchRequest};
use openai_types::chat::{ChatCompletion, ChatCompletionRequest, ChatMessage};
use openai_types::files::{FilePurpose, FileUploadParams};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    let setup = common::openai("gpt-4o-mini").await?;
    let questions = [
        "What is Rust?",
        "What is a borrow checker?",
        "Name a Rust web framework.",
    ];
    let requests: Vec<ChatCompletionRequest> = questions
        .iter()
        .map(|q| ChatCompletionRequest::new(&setup.model, [ChatMessage::user(*q)]))
        .collect();
    let jsonl = batch_input_jsonl(requests.iter().enumerate().map(|(i, request)| {
        BatchInputLine::new(
            format!("question-{i}"),
            BatchEndpoint::ChatCompletions,
            request,
        )
    }))?;

    let input = Files::new(&setup.http)
        .create(
            UploadSource::bytes(jsonl).file_name("questions.jsonl"),
            &FileUploadParams::new(FilePurpose::Batch),
        )
        .await?;
    let batches = Batches::new(&setup.http);
    let batch = batches
        .create(&CreateBatchRequest::new(
            &input.id,
            BatchEndpoint::ChatCompletions,
        ))
        .await?;
    println!("batch {} is {}", batch.id, batch.status);

    let poll = PollOptions::new()
        .default_interval(Duration::from_secs(10))
        .timeout(Duration::from_secs(24 * 3600))
        .on_progress(|p| println!("  … {} after {:?}", p.status, p.elapsed));
    let batch = batches.wait(&batch.id, &poll).await?;
    println!("batch {} ended {}", batch.id, batch.status);

    if let Some(output) = &batch.output_file_id {
        let mut lines = batches.output_lines(output).await?;
        while let Some(line) = lines.next().await {
            let line = line?;
            match line.decode_body::<ChatCompletion>() {
                Some(Ok(reply)) if line.is_success() => {
                    println!(
                        "{}: {}",
                        line.custom_id,
                        reply.first_content().unwrap_or_default()
                    )
                }
                _ => println!("{}: failed ({:?})", line.custom_id, line.error),
            }
        }
    }
    if let Some(errors) = &batch.error_file_id {
        let failed = batches.output_lines(errors).await?.try_collect().await?;
        println!("{} requests failed", failed.len());
    }
    Ok(())
}
