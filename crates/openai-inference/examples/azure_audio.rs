//! Audio on Azure OpenAI: a verbose transcription with word and segment timestamps on a
//! Whisper deployment, and speech written to `speech.mp3` on a TTS deployment.
//! Run: `cargo run -p openai-azure-inference --example azure_audio [-- audio.mp3]` (set
//! AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY, AZURE_OPENAI_DEPLOYMENT (Whisper),
//! AZURE_OPENAI_TTS_DEPLOYMENT and OPENAI_API_VERSION for the real service).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use openai_inference::Audio;
use openai_types::audio::{SpeechRequest, TimestampGranularity, TranscriptionRequest, Voice};

#[tokio::main]
async fn main() -> Result<(), openai_inference::Error> {
    let setup = common::azure("whisper").await?;
    let audio = Audio::new(&setup.http);

    // On Azure `model` is the deployment: …/openai/deployments/{model}/audio/transcriptions.
    let request = TranscriptionRequest::new(&setup.model)
        .timestamp_granularities([TimestampGranularity::Word, TimestampGranularity::Segment]);
    let transcription = audio
        .transcriptions()
        .create_verbose(common::audio_input(), &request)
        .await?;
    println!("Transcription: {}", transcription.text);
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

    let tts = std::env::var("AZURE_OPENAI_TTS_DEPLOYMENT").unwrap_or_else(|_| "tts".to_owned());
    let path = if setup.mock.is_some() {
        let dir = std::env::temp_dir().join(format!("azure-audio-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        dir.join("speech.mp3")
    } else {
        std::path::PathBuf::from("speech.mp3")
    };
    let written = audio
        .speech()
        .create(&SpeechRequest::new(
            tts,
            "Hello from Azure OpenAI.",
            Voice::Alloy,
        ))
        .await?
        .write_to_file(&path)
        .await?;
    println!("wrote {written} bytes to {}", path.display());
    Ok(())
}
