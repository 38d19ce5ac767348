//! Azure's DALL-E 2 batch image generation: submit, then poll the long-running operation.
//! Run: `cargo run -p openai-azure-inference --example azure_batch_images` (real service: set the
//! Azure variables and OPENAI_API_VERSION=2023-06-01-preview on a resource that still has it).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::time::Duration;

use openai_inference::{Images, PollOptions};
use openai_types::images::{ImageGenerationRequest, ImageSize};

#[tokio::main]
async fn main() -> Result<(), openai_inference::Error> {
    let setup = common::azure("dall-e-2").await?;
    let images = Images::new(&setup.http);
    let request = ImageGenerationRequest::new("a watercolor fox in the snow")
        .n(2u32)
        .size(ImageSize::S512x512);

    // 202 + operation-location; the poller follows it.
    let poller = images.begin_batch_generation(&request).await?;
    println!("operation {} is {}", poller.id(), poller.status());

    // Waits `retry-after` when the service sends it, else 1 s; gives up after 2 minutes.
    // Dropping this future simply stops polling (no background task).
    let result = poller
        .poll_options(PollOptions::new().timeout(Duration::from_secs(120)))
        .poll_until_done()
        .await?;
    for image in &result.data {
        println!("image: {}", image.url.as_deref().unwrap_or("(base64)"));
    }
    Ok(())
}
