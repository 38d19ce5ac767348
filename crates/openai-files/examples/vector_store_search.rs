//! Vector stores: create one, upload files and wait for processing, search with an attribute
//! filter, then clean up. (The store's id is what a Responses `file_search` tool takes.)
//!
//! Runs offline against an in-process mock server by default; set `OPENAI_API_KEY` for
//! api.openai.com.
//!
//! ```text
//! cargo run -p openai-azure-files --example vector_store_search
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use core_http::Error;
use core_http::kit::{PollOptions, UploadSource};
use openai_files::{Files, VectorStores};
use openai_types::vector_stores::{
    CreateVectorStoreFileRequest, CreateVectorStoreRequest, SearchFilter, VectorStoreSearchRequest,
};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    let setup = common::openai("gpt-4o-mini").await?;
    let stores = VectorStores::new(&setup.http);
    let files = Files::new(&setup.http);
    let poll = PollOptions::new().on_progress(|p| println!("  … {} ({:?})", p.status, p.elapsed));

    let store = stores
        .create(&CreateVectorStoreRequest::new().name("languages"))
        .await?;
    println!("created {}", store.id);

    // One file with attributes, added then polled.
    let rust = files
        .create(
            UploadSource::bytes(
                &b"Rust manages memory with ownership and borrowing, not a garbage collector."[..],
            )
            .file_name("rust.txt"),
            &openai_types::files::FileUploadParams::new(
                openai_types::files::FilePurpose::Assistants,
            ),
        )
        .await?;
    let added = stores
        .files(&store.id)
        .create_and_poll(
            &CreateVectorStoreFileRequest::new(&rust.id).attribute("lang", "rust"),
            &poll,
        )
        .await?;
    println!("{} is {}", added.id, added.status);

    // Several files in one batch: uploaded, added and polled together.
    let batch = stores
        .file_batches(&store.id)
        .upload_and_poll(
            [
                UploadSource::bytes(&b"Go has a concurrent garbage collector and goroutines."[..])
                    .file_name("go.txt"),
                UploadSource::bytes(
                    &b"Java runs on a virtual machine with a garbage collector."[..],
                )
                .file_name("java.txt"),
            ],
            &poll,
        )
        .await?;
    println!(
        "batch {}: {} files completed",
        batch.id, batch.file_counts.completed
    );

    for request in [
        VectorStoreSearchRequest::new("garbage collector").max_num_results(5),
        VectorStoreSearchRequest::new("memory").filters(SearchFilter::eq("lang", "rust")),
    ] {
        let results = stores.search(&store.id, &request).await?;
        println!("search {:?}:", request.query);
        for hit in &results.data {
            println!("  {:.2} {}", hit.score, hit.filename);
        }
    }

    stores.delete(&store.id).await?;
    println!("deleted {}", store.id);
    Ok(())
}
