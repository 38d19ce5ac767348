//! Files: upload from memory and streamed from disk, list by purpose (all pages), retrieve,
//! download whole and as a stream of chunks, delete.
//!
//! Runs offline against an in-process mock server by default. Set `OPENAI_API_KEY` for
//! api.openai.com, or `AZURE_OPENAI_ENDPOINT` and `AZURE_OPENAI_API_KEY` (and optionally
//! `OPENAI_API_VERSION`) for Azure OpenAI.
//!
//! ```text
//! cargo run -p openai-assistants --example files
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Duration;

use core_http::{Credential, Endpoint, Error, HttpClient};
use openai_assistants::{FileInput, Files, PollOptions};
use openai_mock::MockServer;
use openai_types::files::{FileListParams, FilePurpose, FileUploadParams};

/// A client for the real service when the environment names one, else for a mock started here.
/// Also returns the model (or Azure deployment) and how to poll.
async fn connect() -> Result<(HttpClient, String, PollOptions, Option<MockServer>), Error> {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    if let (Some(endpoint), Some(key)) = (env("AZURE_OPENAI_ENDPOINT"), env("AZURE_OPENAI_API_KEY"))
    {
        let version = env("OPENAI_API_VERSION").unwrap_or_else(|| "2024-05-01-preview".to_owned());
        let http = HttpClient::builder()
            .endpoint(Endpoint::azure(endpoint, version)?)
            .credential(Credential::azure_key(key))
            .build()?;
        let deployment = env("AZURE_OPENAI_DEPLOYMENT").unwrap_or_else(|| "gpt-4o-mini".to_owned());
        return Ok((http, deployment, PollOptions::new(), None));
    }
    if let Some(key) = env("OPENAI_API_KEY") {
        let http = HttpClient::builder()
            .endpoint(Endpoint::openai(core_http::OPENAI_BASE_URL)?)
            .credential(Credential::openai_key(key))
            .build()?;
        let model = env("OPENAI_MODEL").unwrap_or_else(|| "gpt-4o-mini".to_owned());
        return Ok((http, model, PollOptions::new(), None));
    }
    println!("(no OPENAI_API_KEY / AZURE_OPENAI_* set: using an in-process mock server)");
    let server = MockServer::start().await;
    let http = HttpClient::builder()
        .endpoint(Endpoint::openai(server.base_url())?)
        .credential(Credential::openai_key("sk-mock"))
        .build()?;
    // The mock advances a run one state per poll; no need to wait its 1 s hint.
    let poll = PollOptions::new().interval(Duration::from_millis(10));
    Ok((http, "gpt-4o-mini".to_owned(), poll, Some(server)))
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    let (http, _model, _poll, _server) = connect().await?;
    let files = Files::new(&http);

    // From memory.
    let small = files
        .upload(
            FileInput::bytes(&b"hello from memory\n"[..]),
            &FileUploadParams::new(FilePurpose::Assistants).filename("hello.txt"),
        )
        .await?;
    println!(
        "uploaded {} {} ({} bytes)",
        small.id, small.filename, small.bytes
    );

    // From disk: the file is streamed in chunks while the request is sent, never loaded whole.
    let path = std::env::temp_dir().join(format!(
        "openai-sdk-files-example-{}.txt",
        std::process::id()
    ));
    std::fs::write(&path, "line\n".repeat(50_000))
        .map_err(|e| Error::io(format!("cannot write {}: {e}", path.display())))?;
    let large = files
        .upload(
            FileInput::path(&path),
            &FileUploadParams::new(FilePurpose::Assistants),
        )
        .await;
    let _ = std::fs::remove_file(&path);
    let large = large?;
    println!(
        "uploaded {} {} ({} bytes)",
        large.id, large.filename, large.bytes
    );

    // Every assistants file, following pages of 2.
    let mut all = files.list_all(
        FileListParams::new()
            .purpose(FilePurpose::Assistants)
            .limit(2u32),
    );
    while let Some(file) = all.next().await {
        let file = file?;
        println!("listed {} {}", file.id, file.filename);
    }

    let again = files.retrieve(&small.id).await?;
    println!("retrieved {} created at {}", again.id, again.created_at);

    // Downloads. The real service refuses to return the content of `assistants` uploads (only
    // outputs such as `assistants_output` or batch results are downloadable), so a 400 here is
    // reported rather than fatal.
    match files.content(&small.id).await {
        Ok(bytes) => println!("content: {:?}", String::from_utf8_lossy(&bytes)),
        Err(err) if err.status().map(|s| s.as_u16()) == Some(400) => {
            println!("content not downloadable here: {err}")
        }
        Err(err) => return Err(err),
    }
    match files.content_stream(&large.id).await {
        Ok(mut stream) => {
            let (mut chunks, mut total) = (0, 0);
            while let Some(chunk) = stream.next().await {
                let chunk = chunk?;
                chunks += 1;
                total += chunk.len();
            }
            println!("streamed {total} bytes in {chunks} chunks");
        }
        Err(err) if err.status().map(|s| s.as_u16()) == Some(400) => {
            println!("content not downloadable here: {err}")
        }
        Err(err) => return Err(err),
    }

    for id in [&small.id, &large.id] {
        let status = files.delete(id).await?;
        println!("deleted {}: {}", status.id, status.deleted);
    }
    Ok(())
}
