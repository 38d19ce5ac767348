//! One response, a follow-up chained with `previous_response_id`, the response metadata,
//! input items and token counting.
//! Run: `cargo run -p openai-azure-responses --example responses` (set OPENAI_API_KEY for the real
//! service; otherwise the in-process mock answers).

mod common;

use openai_responses::Responses;
use openai_types::responses::{InputTokenCountRequest, ItemListParams, ResponseCreateRequest};

#[tokio::main]
async fn main() -> Result<(), openai_responses::Error> {
    let setup = common::openai("gpt-4.1-mini").await?;
    let responses = Responses::new(&setup.http);

    let request = ResponseCreateRequest::new(&setup.model, "Name one Rust feature.")
        .instructions("Answer in one short sentence.");
    let (first, meta) = responses.create(&request).with_response().await?;
    println!("[{}] {}", first.id, first.output_text());
    println!(
        "request id {:?}, status {:?}",
        meta.request_id, first.status
    );
    if let Some(usage) = &first.usage {
        println!(
            "tokens: {} in, {} out",
            usage.input_tokens, usage.output_tokens
        );
    }

    // The service keeps the context: only the new input is sent.
    let next = ResponseCreateRequest::new(&setup.model, "And another one?")
        .previous_response_id(first.id.clone());
    let second = responses.create(&next).await?;
    println!("[{}] {}", second.id, second.output_text());

    let items = responses
        .input_items(&second.id, &ItemListParams::new().limit(10))
        .await?;
    println!("the second response had {} input item(s)", items.data.len());

    let count = responses
        .input_tokens(&InputTokenCountRequest::new(
            &setup.model,
            "How many tokens is this?",
        ))
        .await?;
    println!("input tokens: {}", count.input_tokens);

    responses.delete(&first.id).await?;
    responses.delete(&second.id).await?;
    Ok(())
}
