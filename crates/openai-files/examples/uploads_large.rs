//! A large file through the Uploads API: cut into parts, a few in flight at once, each read
//! from disk as it is sent (memory stays small whatever the size), completed in order.
//!
//! Runs offline against an in-process mock server by default; set `OPENAI_API_KEY` for
//! api.openai.com.
//!
//! ```text
//! cargo run -p openai-azure-files --example uploads_large
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use core_http::Error;
use openai_files::Uploads;
use openai_types::files::FilePurpose;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    let setup = common::openai("gpt-4o-mini").await?;
    // 20,000 JSONL lines (about 1 MB); real uploads go up to 8 GB.
    let path = std::env::temp_dir().join(format!(
        "openai-sdk-uploads-example-{}.jsonl",
        std::process::id()
    ));
    let line = "{\"messages\":[{\"role\":\"user\",\"content\":\"hello\"},{\"role\":\"assistant\",\"content\":\"hi\"}]}\n";
    std::fs::write(&path, line.repeat(20_000))
        .map_err(|e| Error::io(format!("cannot write {}: {e}", path.display())))?;

    // Parts of 256 KiB, 3 at a time (the service allows parts up to 64 MiB).
    let file = Uploads::new(&setup.http)
        .upload_file_in_parts(&path, FilePurpose::FineTune, "text/jsonl", 256 * 1024, 3)
        .await;
    let _ = std::fs::remove_file(&path);
    let file = file?;
    println!(
        "created {} {} ({} bytes)",
        file.id, file.filename, file.bytes
    );
    Ok(())
}
