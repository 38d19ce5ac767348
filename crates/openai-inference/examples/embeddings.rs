//! Embeddings: base64 on the wire by default (decoded to f32), and batching a long list.
//! Run: `cargo run -p openai-azure-inference --example embeddings`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use openai_inference::Embeddings;
use openai_types::embeddings::{EmbeddingRequest, EmbeddingVector};

#[tokio::main]
async fn main() -> Result<(), openai_inference::Error> {
    let setup = common::openai("text-embedding-3-small").await?;
    let embeddings = Embeddings::new(&setup.http);

    // No encoding_format: the client requests base64 (4x smaller) and decodes it exactly.
    let one = embeddings
        .create(&EmbeddingRequest::new(
            &setup.model,
            "The food was delicious.",
        ))
        .await?;
    if let EmbeddingVector::Float(vector) = &one.data[0].embedding {
        println!(
            "{} dimensions, first values {:?}",
            vector.len(),
            &vector[..3.min(vector.len())]
        );
    }

    // A long list: 3 requests of 40 inputs, at most 2 in flight, results in input order.
    let documents: Vec<String> = (0..100).map(|i| format!("document number {i}")).collect();
    let template = EmbeddingRequest::new(&setup.model, "").dimensions(256u32);
    let all = embeddings
        .create_batched(&template, &documents, 40, 2)
        .await?;
    println!(
        "{} embeddings, {} prompt tokens",
        all.data.len(),
        all.usage.map_or(0, |u| u.prompt_tokens)
    );
    Ok(())
}
