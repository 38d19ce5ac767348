//! A batch on Azure OpenAI: resource-scoped routes (`/openai/files`, `/openai/batches`), the
//! global-batch deployment named as each line's `model`, an API key.
//!
//! Runs offline against an in-process mock server by default. Set `AZURE_OPENAI_ENDPOINT`,
//! `AZURE_OPENAI_API_KEY` and `AZURE_OPENAI_DEPLOYMENT` (a global-batch deployment; and
//! optionally `OPENAI_API_VERSION`) for Azure OpenAI.
//!
//! ```text
//! cargo run -p openai-azure-files --example azure_batch
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::time::Duration;

use core_http::Error;
use core_http::kit::{PollOptions, UploadSource};
use openai_files::{Batches, Files, batch_input_jsonl};
use openai_types::batches::{BatchEndpoint, BatchInputLine, CreateBatchRequest};
use openai_types::embeddings::{EmbeddingRequest, EmbeddingResponse};
use openai_types::files::{FilePurpose, FileUploadParams};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    // On Azure, `model` names the deployment.
    let setup = common::azure("text-embedding-3-small-batch").await?;
    let texts = ["ownership", "borrowing", "lifetimes"];
    let requests: Vec<EmbeddingRequest> = texts
        .iter()
        .map(|t| EmbeddingRequest::new(&setup.model, *t))
        .collect();
    let jsonl = batch_input_jsonl(
        requests
            .iter()
            .zip(texts)
            .map(|(request, text)| BatchInputLine::new(text, BatchEndpoint::Embeddings, request)),
    )?;
    let input = Files::new(&setup.http)
        .create(
            UploadSource::bytes(jsonl).file_name("embeddings.jsonl"),
            &FileUploadParams::new(FilePurpose::Batch),
        )
        .await?;
    let batches = Batches::new(&setup.http);
    let batch = batches
        .create(&CreateBatchRequest::new(
            &input.id,
            BatchEndpoint::Embeddings,
        ))
        .await?;
    let batch = batches
        .wait(
            &batch.id,
            &PollOptions::new()
                .default_interval(Duration::from_secs(10))
                .timeout(Duration::from_secs(24 * 3600)),
        )
        .await?;
    println!("batch {} ended {}", batch.id, batch.status);
    if let Some(output) = &batch.output_file_id {
        let mut lines = batches.output_lines(output).await?;
        while let Some(line) = lines.next().await {
            let line = line?;
            if let Some(Ok(embedding)) = line.decode_body::<EmbeddingResponse>() {
                println!(
                    "{}: {} dimensions",
                    line.custom_id,
                    embedding.vectors().first().map_or(0, |v| v.len())
                );
            }
        }
    }
    Ok(())
}
