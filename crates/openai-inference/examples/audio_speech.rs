//! Text to speech written to `speech.mp3` as the audio arrives (bounded memory), then the
//! same text as speech events.
//! Run: `cargo run -p openai-azure-inference --example audio_speech` (set OPENAI_API_KEY for the
//! real service, which writes `speech.mp3` in the current directory; on the mock it goes to
//! a temporary directory).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use openai_inference::Audio;
use openai_types::audio::{SpeechRequest, SpeechStreamEvent, Voice};

#[tokio::main]
async fn main() -> Result<(), openai_inference::Error> {
    let setup = common::openai("gpt-4o-mini-tts").await?;
    let speech = Audio::new(&setup.http).speech();
    let request = SpeechRequest::new(
        &setup.model,
        "Today is a wonderful day to build something people love!",
        Voice::Coral,
    )
    .instructions("Speak in a cheerful and positive tone.");

    let path = if setup.mock.is_some() {
        let dir = std::env::temp_dir().join(format!("audio-speech-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        dir.join("speech.mp3")
    } else {
        std::path::PathBuf::from("speech.mp3")
    };
    let audio = speech.create(&request).await?;
    println!(
        "content type {:?}, request id {:?}",
        audio.content_type(),
        audio.request_id()
    );
    let written = audio.write_to_file(&path).await?;
    println!("wrote {written} bytes to {}", path.display());

    // The same speech as events with base64 audio chunks (not for tts-1 / tts-1-hd).
    let mut events = speech.create_stream_events(&request).await?;
    while let Some(event) = events.next().await {
        if let SpeechStreamEvent::AudioDone(done) = event? {
            println!(
                "events: {} audio bytes, usage {:?}",
                events.audio_bytes(),
                done.usage
            );
        }
    }
    Ok(())
}
