//! Moderations: a text, a list of texts, and text with an image, each classified with typed
//! categories, scores and the input types each category was applied to.
//!
//! Runs offline against an in-process mock server by default; set `OPENAI_API_KEY` for
//! api.openai.com.
//!
//! ```text
//! cargo run -p openai-azure-inference --example moderations
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use core_http::Error;
use openai_inference::Moderations;
use openai_types::moderations::{ModerationInputPart, ModerationRequest};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    let setup = common::openai("omni-moderation-latest").await?;
    let moderations = Moderations::new(&setup.http);

    let requests = [
        ModerationRequest::new("I will attack them tomorrow").model(setup.model.as_str()),
        ModerationRequest::new(vec!["have a nice day".to_owned(), "you idiot".to_owned()])
            .model(setup.model.as_str()),
        ModerationRequest::new(vec![
            ModerationInputPart::text("look at this"),
            ModerationInputPart::image_url("https://example.com/cat.png"),
        ])
        .model(setup.model.as_str()),
    ];
    for request in &requests {
        let response = moderations.create(request).await?;
        for (i, result) in response.results.iter().enumerate() {
            let flagged: Vec<&str> = result.categories.flagged().collect();
            let top = result.category_scores.max();
            println!(
                "result {i}: flagged {} {flagged:?}, top score {top:?}",
                result.flagged
            );
        }
    }
    Ok(())
}
