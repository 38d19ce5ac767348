//! Translation of speech in any language to English: as JSON, as verbose JSON with timed
//! segments, and as SubRip subtitles.
//! Run: `cargo run -p openai-azure-inference --example audio_translation [-- german.mp3]`
//! (set OPENAI_API_KEY for the real service).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use openai_inference::Audio;
use openai_types::audio::{TranslationRequest, TranslationResponseFormat};

#[tokio::main]
async fn main() -> Result<(), openai_inference::Error> {
    let setup = common::openai("whisper-1").await?;
    let translations = Audio::new(&setup.http).translations();
    let request = TranslationRequest::new(&setup.model);

    let translation = translations.create(common::audio_input(), &request).await?;
    println!("English: {}", translation.text);

    let verbose = translations
        .create_verbose(common::audio_input(), &request)
        .await?;
    for segment in verbose.segments.as_deref().unwrap_or_default() {
        println!(
            "[{:.2} - {:.2}] {}",
            segment.start,
            segment.end,
            segment.text.trim()
        );
    }

    // Plain-text formats come back as a String.
    let srt = translations
        .create_text(
            common::audio_input(),
            &request,
            TranslationResponseFormat::Srt,
        )
        .await?;
    println!("SubRip:\n{srt}");
    Ok(())
}
