//! Image generation, as a URL and as base64.
//! Run: `cargo run -p openai-azure-inference --example images`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use openai_inference::Images;
use openai_types::images::{ImageGenerationRequest, ImageResponseFormat, ImageSize};

#[tokio::main]
async fn main() -> Result<(), openai_inference::Error> {
    let setup = common::openai("dall-e-3").await?;
    let images = Images::new(&setup.http);
    let request = ImageGenerationRequest::new("a lighthouse at dawn, watercolor")
        .model(&setup.model)
        .size(ImageSize::S1024x1024);

    let by_url = images.generate(&request).await?;
    println!("url: {}", by_url.data[0].url.as_deref().unwrap_or("-"));

    let inline = images
        .generate(
            &request
                .clone()
                .response_format(ImageResponseFormat::B64Json),
        )
        .await?;
    let b64 = inline.data[0].b64_json.as_deref().unwrap_or_default();
    println!("base64 image: {} characters", b64.len());
    Ok(())
}
