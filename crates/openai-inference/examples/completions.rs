//! Legacy text completions, whole and streamed.
//! Run: `cargo run -p openai-azure-inference --example completions`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use openai_inference::Completions;
use openai_types::completions::CompletionRequest;

#[tokio::main]
async fn main() -> Result<(), openai_inference::Error> {
    let setup = common::openai("gpt-3.5-turbo-instruct").await?;
    let completions = Completions::new(&setup.http);
    let request = CompletionRequest::new(&setup.model, "Say this is a test").max_tokens(16u32);

    let whole = completions.create(&request).await?;
    println!("whole:    {}", whole.first_text().unwrap_or_default());

    // The same request streamed; `into_completion` folds the chunks back together.
    let streamed = completions
        .create_stream(&request)
        .await?
        .into_completion()
        .await?;
    println!("streamed: {}", streamed.first_text().unwrap_or_default());
    Ok(())
}
