//! Structured outputs: the answer as a Rust type, with a strict JSON schema generated from it.
//! Run: `cargo run -p openai-azure-responses --example responses_structured --features schemars`.

mod common;

use openai_responses::Responses;
use openai_types::responses::ResponseCreateRequest;

#[derive(Debug, serde::Deserialize, schemars::JsonSchema)]
#[allow(dead_code)]
struct City {
    name: String,
    country: String,
    population: u64,
    landmarks: Vec<String>,
}

#[tokio::main]
async fn main() -> Result<(), openai_responses::Error> {
    let setup = common::openai("gpt-4.1-mini").await?;
    let request = ResponseCreateRequest::new(&setup.model, "Describe the largest city of Japan.");
    // Refusals, cut-short answers and JSON of another shape are clear errors.
    let city: City = Responses::new(&setup.http).parse(&request).await?;
    println!("{city:#?}");
    Ok(())
}
