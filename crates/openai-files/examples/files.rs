//! Files: upload from memory and streamed from disk, list by purpose (all pages), retrieve,
//! download whole and as a stream of chunks, delete.
//!
//! Runs offline against an in-process mock server by default. Set `OPENAI_API_KEY` for
//! api.openai.com.
//!
//! ```text
//! cargo run -p openai-azure-files --example files
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use core_http::Error;
use core_http::kit::UploadSource;
use openai_files::Files;
use openai_types::files::{FileListParams, FilePurpose, FileUploadParams};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    let setup = common::openai("gpt-4o-mini").await?;
    let files = Files::new(&setup.http);

    // From memory.
    let small = files
        .create(
            UploadSource::bytes(&b"hello from memory\n"[..]),
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
        .create(
            UploadSource::path(&path),
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
        &FileListParams::new()
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
        Ok(content) => {
            let bytes = content.bytes().await?;
            println!("content: {:?}", String::from_utf8_lossy(&bytes));
        }
        Err(err) if err.status().map(|s| s.as_u16()) == Some(400) => {
            println!("content not downloadable here: {err}")
        }
        Err(err) => return Err(err),
    }
    match files.content(&large.id).await {
        Ok(mut stream) => {
            let (mut chunks, mut total) = (0, 0);
            while let Some(chunk) = stream.next().await {
                let chunk = chunk?;
                chunks += 1;
                total += chunk.len();
            }
            println!("streamed {total} bytes in {chunks} chunks");
            // Or straight to disk, one chunk in memory at a time.
            let out =
                std::env::temp_dir().join(format!("openai-sdk-files-copy-{}", std::process::id()));
            let written = files.content(&large.id).await?.write_to_file(&out).await?;
            let _ = std::fs::remove_file(&out);
            println!("wrote {written} bytes to disk");
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
