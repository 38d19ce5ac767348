//! A streamed transcription: text deltas printed as they arrive, then the final text and
//! usage.
//! Run: `cargo run -p openai-azure-inference --example audio_transcription_stream [-- audio.mp3]`
//! (set OPENAI_API_KEY for the real service; `whisper-1` does not stream).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::io::Write as _;

use openai_inference::Audio;
use openai_types::audio::{TranscriptionRequest, TranscriptionStreamEvent};

#[tokio::main]
async fn main() -> Result<(), openai_inference::Error> {
    let setup = common::openai("gpt-4o-mini-transcribe").await?;
    let request = TranscriptionRequest::new(&setup.model);

    let mut stream = Audio::new(&setup.http)
        .transcriptions()
        .create_stream(common::audio_input(), &request)
        .await?;
    while let Some(event) = stream.next().await {
        match event {
            Ok(TranscriptionStreamEvent::TextDelta(delta)) => {
                print!("{}", delta.delta);
                std::io::stdout().flush().ok();
            }
            Ok(TranscriptionStreamEvent::TextDone(done)) => {
                println!("\ndone: {} (usage: {:?})", done.text, done.usage);
            }
            Ok(_) => {}
            Err(err) => {
                // The text that arrived before the error is kept.
                println!("\nstream failed after {:?}: {err}", stream.snapshot().text);
                return Err(err);
            }
        }
    }
    Ok(())
}
