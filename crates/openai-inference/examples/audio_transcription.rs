//! Transcription in verbose format with word and segment timestamps: prints each word and
//! each segment with its times.
//! Run: `cargo run -p openai-azure-inference --example audio_transcription [-- path/to/audio.mp3]`
//! (set OPENAI_API_KEY for the real service; without a path, one second of silence is sent).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use openai_inference::Audio;
use openai_types::audio::{TimestampGranularity, TranscriptionRequest};

#[tokio::main]
async fn main() -> Result<(), openai_inference::Error> {
    let setup = common::openai("whisper-1").await?;
    let request = TranscriptionRequest::new(&setup.model)
        .timestamp_granularities([TimestampGranularity::Word, TimestampGranularity::Segment]);

    // `create_verbose` sends `response_format=verbose_json` and returns its typed body.
    let transcription = Audio::new(&setup.http)
        .transcriptions()
        .create_verbose(common::audio_input(), &request)
        .await?;

    println!(
        "Transcription ({}, {:.2} s): {}",
        transcription.language, transcription.duration, transcription.text
    );
    for word in transcription.words.as_deref().unwrap_or_default() {
        println!(
            "Word: {}, Start: {:.2}, End: {:.2}",
            word.word, word.start, word.end
        );
    }
    for segment in transcription.segments.as_deref().unwrap_or_default() {
        println!(
            "Segment: {}, Start: {:.2}, End: {:.2}",
            segment.text.trim(),
            segment.start,
            segment.end
        );
    }
    Ok(())
}
