//! Audio: transcriptions, translations and speech against the mock in OpenAI and Azure mode —
//! wire snapshots of every operation, decoded responses, every real recording through the
//! client, streams that fail keeping what arrived, and bounded memory for a 200 MiB upload
//! and a large speech body (measured in a child process, away from the mock's buffers).

use std::path::{Path, PathBuf};
use std::time::Duration;

use core_http::{Credential, Endpoint, ErrorKind, HttpClient, RequestOptions};
use openai_inference::{Audio, UploadSource};
use openai_mock::{MockServer, Reply, SseEvent};
use openai_types::audio::{
    AudioResponseFormat, SpeechRequest, SpeechResponseFormat, SpeechStreamEvent,
    SpeechStreamFormat, SpeechVoice, TimestampGranularity, TranscriptionChunkingStrategy,
    TranscriptionInclude, TranscriptionRequest, TranscriptionStreamEvent, TranslationRequest,
    TranslationResponseFormat, Voice,
};
use serde_json::{Value, json};

use crate::support::{self, wire};

const MIB: u64 = 1024 * 1024;

/// A short upload; the mock only needs a named file part.
fn clip(name: &str) -> UploadSource {
    UploadSource::bytes(b"RIFF\x24\0\0\0WAVEfmt ".to_vec()).file_name(name)
}

/// A verbose request with both timestamp granularities (repeated `timestamp_granularities[]`).
fn verbose_request(model: &str) -> TranscriptionRequest {
    TranscriptionRequest::new(model)
        .language("en")
        .prompt("A meeting about audio.")
        .temperature(0.2)
        .timestamp_granularities([TimestampGranularity::Word, TimestampGranularity::Segment])
}

/// Every operation once, in order, for the wire snapshots of one mode.
async fn every_operation(http: &HttpClient, [whisper, transcribe, diarize, tts]: [&str; 4]) {
    let audio = Audio::new(http);
    let transcriptions = audio.transcriptions();
    transcriptions
        .create(
            clip("json.wav"),
            &TranscriptionRequest::new(transcribe).include([TranscriptionInclude::Logprobs]),
        )
        .await
        .unwrap();
    transcriptions
        .create_verbose(clip("verbose.wav"), &verbose_request(transcribe))
        .await
        .unwrap();
    transcriptions
        .create_diarized(
            clip("diarized.wav"),
            &TranscriptionRequest::new(diarize)
                .chunking_strategy(TranscriptionChunkingStrategy::Auto)
                .known_speaker_names(["agent", "customer"])
                .known_speaker_references([
                    "data:audio/wav;base64,AAAA",
                    "data:audio/wav;base64,BBBB",
                ]),
        )
        .await
        .unwrap();
    transcriptions
        .create_text(
            clip("subtitles.wav"),
            &TranscriptionRequest::new(transcribe),
            AudioResponseFormat::Srt,
        )
        .await
        .unwrap();
    transcriptions
        .create_stream(clip("stream.wav"), &TranscriptionRequest::new(transcribe))
        .await
        .unwrap()
        .into_transcription()
        .await
        .unwrap();
    let translations = audio.translations();
    translations
        .create(
            clip("german.wav"),
            &TranslationRequest::new(whisper).prompt("Guten Tag"),
        )
        .await
        .unwrap();
    translations
        .create_verbose(
            clip("german.wav"),
            &TranslationRequest::new(whisper).temperature(0.0),
        )
        .await
        .unwrap();
    translations
        .create_text(
            clip("german.wav"),
            &TranslationRequest::new(whisper),
            TranslationResponseFormat::Vtt,
        )
        .await
        .unwrap();
    let speech = audio.speech();
    speech
        .create(
            &SpeechRequest::new(tts, "Hello there", Voice::Coral)
                .instructions("Cheerful")
                .response_format(SpeechResponseFormat::Wav)
                .speed(1.25),
        )
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let mut events = speech
        .create_stream_events(&SpeechRequest::new(
            tts,
            "Hi",
            SpeechVoice::custom("voice_1234"),
        ))
        .await
        .unwrap();
    while let Some(event) = events.next().await {
        event.unwrap();
    }
}

/// OpenAI: multipart field names and order (model first, then the set fields alphabetically,
/// arrays as repeated `name[]`, the file last), the format each method sends, `stream=true`
/// only for the stream, speech as JSON.
#[tokio::test]
async fn openai_wire_of_every_operation() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    every_operation(
        &http,
        [
            "whisper-1",
            "gpt-4o-transcribe",
            "gpt-4o-transcribe-diarize",
            "gpt-4o-mini-tts",
        ],
    )
    .await;
    let sent: Vec<Value> = server.requests().iter().map(wire).collect();
    assert_eq!(sent.len(), 10);
    let verbose = &server.requests()[1];
    let granularities: Vec<_> = verbose
        .parts
        .iter()
        .filter(|p| p.name == "timestamp_granularities[]")
        .map(|p| p.text.clone().unwrap())
        .collect();
    assert_eq!(granularities, ["word", "segment"]);
    insta::assert_json_snapshot!("audio_openai_requests", sent);
}

/// Azure (dated API): every operation on its deployment route with `api-version` and the key.
#[tokio::test]
async fn azure_wire_of_every_operation() {
    let server = MockServer::start().await;
    let http = support::azure(&server);
    // Deployments named after their models (the mock picks behaviour from the name).
    every_operation(
        &http,
        [
            "whisper",
            "gpt-4o-transcribe",
            "gpt-4o-transcribe-diarize",
            "gpt-4o-mini-tts",
        ],
    )
    .await;
    let requests = server.requests();
    for request in &requests {
        assert!(
            request.path.starts_with("/openai/deployments/"),
            "{}",
            request.path
        );
        assert_eq!(
            request.query_value("api-version"),
            Some(support::API_VERSION)
        );
    }
    let sent: Vec<Value> = requests.iter().map(wire).collect();
    insta::assert_json_snapshot!("audio_azure_requests", sent);
}

/// Azure v1, a fixed deployment, and Entra ID tokens.
#[tokio::test]
async fn azure_v1_fixed_deployment_and_entra() {
    let server = MockServer::start().await;
    let v1 = HttpClient::builder()
        .endpoint(Endpoint::azure_v1(server.azure_endpoint()).unwrap())
        .credential(Credential::azure_key("azure-test-key"))
        .build()
        .unwrap();
    let transcription = Audio::new(&v1)
        .transcriptions()
        .create(clip("v1.wav"), &TranscriptionRequest::new("whisper-dep"))
        .await
        .unwrap();
    assert_eq!(
        transcription.text,
        "Mock transcription of v1.wav (16 bytes)."
    );
    let fixed = support::azure_fixed(&server, "fixed-tts");
    let audio = Audio::new(&fixed)
        .speech()
        .create(&SpeechRequest::new("ignored", "Hi", Voice::Alloy))
        .await
        .unwrap();
    assert_eq!(audio.content_type(), Some("audio/mpeg"));
    let entra = support::azure_entra(&server);
    Audio::new(&entra)
        .translations()
        .create(clip("fr.wav"), &TranslationRequest::new("whisper-dep"))
        .await
        .unwrap();
    let paths: Vec<_> = server
        .requests()
        .iter()
        .map(|r| {
            (
                r.path.clone(),
                r.header("api-key").is_some(),
                r.header("authorization").is_some(),
            )
        })
        .collect();
    assert_eq!(
        paths,
        [
            ("/openai/v1/audio/transcriptions".to_owned(), true, false),
            (
                "/openai/deployments/fixed-tts/audio/speech".to_owned(),
                true,
                false
            ),
            (
                "/openai/deployments/whisper-dep/audio/translations".to_owned(),
                false,
                true
            ),
        ]
    );
}

/// The deployment enters the path as one encoded segment; `..` is refused before sending.
#[tokio::test]
async fn azure_deployment_names_are_one_path_segment() {
    let server = MockServer::start().await;
    let http = support::azure(&server);
    let err = Audio::new(&http)
        .transcriptions()
        .create(clip("a.wav"), &TranscriptionRequest::new(".."))
        .await
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::InvalidRequest), "{err}");
    assert!(server.requests().is_empty());
}

/// Typed results from the mock: verbose (words and segments with times), diarized, text
/// formats and translations.
#[tokio::test]
async fn decoded_responses() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let transcriptions = Audio::new(&http).transcriptions();

    let verbose = transcriptions
        .create_verbose(clip("meeting.wav"), &verbose_request("whisper-1"))
        .await
        .unwrap();
    let words = verbose.words.as_deref().unwrap();
    assert_eq!(words.len(), 6);
    assert_eq!(
        (words[1].word.as_str(), words[1].start, words[1].end),
        ("transcription", 0.5, 1.0)
    );
    let segments = verbose.segments.as_deref().unwrap();
    assert_eq!(segments.len(), 2);
    assert_eq!((segments[1].start, segments[1].end), (1.5, 3.0));
    insta::assert_json_snapshot!("audio_verbose_transcription", verbose);

    let diarized = transcriptions
        .create_diarized(
            clip("call.wav"),
            &TranscriptionRequest::new("gpt-4o-transcribe-diarize"),
        )
        .await
        .unwrap();
    let speakers: Vec<_> = diarized
        .segments
        .iter()
        .map(|s| s.speaker.as_str())
        .collect();
    assert_eq!(speakers, ["A", "B"]);
    insta::assert_json_snapshot!("audio_diarized_transcription", diarized);

    let vtt = transcriptions
        .create_text(
            clip("talk.wav"),
            &TranscriptionRequest::new("whisper-1"),
            AudioResponseFormat::Vtt,
        )
        .await
        .unwrap();
    assert!(
        vtt.starts_with("WEBVTT\n\n00:00:00.000 --> 00:00:01.500\n"),
        "{vtt}"
    );
    let text = transcriptions
        .create_text(
            clip("talk.wav"),
            &TranscriptionRequest::new("whisper-1").response_format(AudioResponseFormat::Text),
            AudioResponseFormat::Text,
        )
        .await
        .unwrap();
    assert_eq!(text, "Mock transcription of talk.wav (16 bytes).\n");

    let (translation, meta) = Audio::new(&http)
        .translations()
        .create_verbose(clip("de.wav"), &TranslationRequest::new("whisper-1"))
        .with_response()
        .await
        .unwrap();
    assert_eq!(translation.task.as_deref(), Some("translate"));
    assert_eq!(translation.text, "Mock translation of de.wav (16 bytes).");
    assert!(meta.request_id.is_some());
}

/// The API shape keeps format and return type in agreement: a disagreeing `response_format`,
/// a JSON format for `create_text`, `stream: true` outside `create_stream`, owned speech
/// fields in `extra` and the wrong `stream_format` are refused before anything is sent.
#[tokio::test]
async fn refusals_before_sending() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let audio = Audio::new(&http);
    let srt = TranscriptionRequest::new("whisper-1").response_format(AudioResponseFormat::Srt);
    let mut errors = vec![
        audio
            .transcriptions()
            .create(clip("a.wav"), &srt)
            .await
            .unwrap_err(),
        audio
            .transcriptions()
            .create_verbose(
                clip("a.wav"),
                &TranscriptionRequest::new("whisper-1")
                    .response_format(AudioResponseFormat::DiarizedJson),
            )
            .await
            .unwrap_err(),
        audio
            .transcriptions()
            .create_text(
                clip("a.wav"),
                &TranscriptionRequest::new("whisper-1"),
                AudioResponseFormat::VerboseJson,
            )
            .await
            .unwrap_err(),
        audio
            .transcriptions()
            .create_text(clip("a.wav"), &srt, AudioResponseFormat::Vtt)
            .await
            .unwrap_err(),
        audio
            .transcriptions()
            .create(
                clip("a.wav"),
                &TranscriptionRequest::new("gpt-4o-transcribe").stream(true),
            )
            .await
            .unwrap_err(),
        audio
            .translations()
            .create_text(
                clip("a.wav"),
                &TranslationRequest::new("whisper-1"),
                TranslationResponseFormat::Json,
            )
            .await
            .unwrap_err(),
        audio
            .transcriptions()
            .create(
                UploadSource::path("/nonexistent/openai-inference/audio.wav"),
                &TranscriptionRequest::new("whisper-1"),
            )
            .await
            .unwrap_err(),
    ];
    let speech = audio.speech();
    let tts = || SpeechRequest::new("gpt-4o-mini-tts", "Hi", Voice::Alloy);
    errors.push(
        speech
            .create(&tts().extra("model", json!("other")))
            .await
            .unwrap_err(),
    );
    errors.push(
        speech
            .create(&tts().stream_format(SpeechStreamFormat::Sse))
            .await
            .unwrap_err(),
    );
    errors.push(
        speech
            .create_stream_events(&tts().stream_format(SpeechStreamFormat::Audio))
            .await
            .unwrap_err(),
    );
    let with_extra = RequestOptions::default().extra_body_field("stream_format", "sse");
    errors.push(
        speech
            .with_options(with_extra)
            .create(&tts())
            .await
            .unwrap_err(),
    );
    for err in &errors {
        assert!(matches!(err.kind(), ErrorKind::InvalidRequest), "{err}");
    }
    assert_eq!(
        errors[0].to_string(),
        "invalid request: `response_format` is `srt` but `create` sends `json`; use the method \
         for that format or leave `response_format` unset"
    );
    assert!(server.requests().is_empty(), "{:?}", server.requests());
}

/// The handle's extra body fields travel as text parts (arrays as `name[]`); fields the
/// operation sets are refused before sending.
#[tokio::test]
async fn extra_fields_become_text_parts() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let extra = RequestOptions::default()
        .extra_body_field("future_flag", true)
        .extra_body_field("hints", json!(["a", "b"]))
        .extra_body_field("note", "plain");
    let transcriptions = Audio::new(&http).transcriptions().with_options(extra);
    transcriptions
        .create(clip("x.wav"), &TranscriptionRequest::new("whisper-1"))
        .await
        .unwrap();
    let parts: Vec<(String, Option<String>)> = server.requests()[0]
        .parts
        .iter()
        .map(|p| (p.name.clone(), p.text.clone()))
        .collect();
    let text = |name: &str, value: &str| (name.to_owned(), Some(value.to_owned()));
    assert_eq!(
        parts,
        [
            text("model", "whisper-1"),
            text("response_format", "json"),
            text("future_flag", "true"),
            text("hints[]", "a"),
            text("hints[]", "b"),
            text("note", "plain"),
            ("file".to_owned(), None),
        ]
    );
    for owned in ["model", "response_format", "stream", "file"] {
        let err = Audio::new(&http)
            .translations()
            .with_options(RequestOptions::default().extra_body_field(owned, "x"))
            .create(clip("x.wav"), &TranslationRequest::new("whisper-1"))
            .await
            .unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::InvalidRequest), "{err}");
    }
    assert_eq!(server.requests().len(), 1);
}

/// An API error keeps the service's code and parameter.
#[tokio::test]
async fn api_errors_keep_the_service_details() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let err = Audio::new(&http)
        .transcriptions()
        .create(
            clip("a.wav"),
            &TranscriptionRequest::new("whisper-1").language("english please"),
        )
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(err.code(), Some("invalid_language_format"));
    assert!(err.request_id().is_some());
}

/// The stream folds into the transcription; a diarized stream keeps its speaker segments.
#[tokio::test]
async fn transcription_streams_accumulate() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let transcriptions = Audio::new(&http).transcriptions();
    let mut stream = transcriptions
        .create_stream(
            clip("s.wav"),
            &TranscriptionRequest::new("gpt-4o-mini-transcribe")
                .include([TranscriptionInclude::Logprobs]),
        )
        .await
        .unwrap();
    let mut deltas = String::new();
    while let Some(event) = stream.next().await {
        if let TranscriptionStreamEvent::TextDelta(delta) = event.unwrap() {
            deltas.push_str(&delta.delta);
        }
    }
    assert!(stream.is_finished());
    let done = stream.drain().await.unwrap();
    assert_eq!(deltas, done.text);
    assert!(done.logprobs.is_some_and(|l| !l.is_empty()));
    assert!(done.usage.is_some());

    let mut diarized = transcriptions
        .create_stream(
            clip("call.wav"),
            &TranscriptionRequest::new("gpt-4o-transcribe-diarize")
                .response_format(AudioResponseFormat::DiarizedJson),
        )
        .await
        .unwrap();
    diarized.drain().await.unwrap();
    assert_eq!(diarized.diarized_snapshot().segments.len(), 2);
    let sent = &server.requests()[1];
    let stream_field = sent.parts.iter().find(|p| p.name == "stream").unwrap();
    assert_eq!(stream_field.text.as_deref(), Some("true"));
}

fn delta(text: &str) -> SseEvent {
    SseEvent::json(&json!({"type": "transcript.text.delta", "delta": text}))
}

/// A stream cut before `transcript.text.done`, or ended by an error event, fails and keeps
/// the text that arrived; unknown events are yielded, not dropped.
#[tokio::test]
async fn stream_errors_keep_what_arrived() {
    let server = MockServer::start().await;
    let path = "/v1/audio/transcriptions";
    server.on("POST", path).respond_seq([
        Reply::sse_truncated([
            delta("Hello"),
            SseEvent::json(&json!({"type": "transcript.text.future", "x": 1})),
            delta(" wor"),
        ]),
        Reply::sse_error_event(
            [delta("Partial")],
            json!({"message": "the audio could not be decoded", "code": "audio_error"}),
        ),
    ]);
    let http = support::openai(&server);
    let transcriptions = Audio::new(&http).transcriptions();
    let request = TranscriptionRequest::new("gpt-4o-mini-transcribe");

    let mut cut = transcriptions
        .create_stream(clip("a.wav"), &request)
        .await
        .unwrap();
    let mut unknown = 0;
    let err = loop {
        match cut.next().await.unwrap() {
            Ok(TranscriptionStreamEvent::Unknown(_)) => unknown += 1,
            Ok(_) => {}
            Err(err) => break err,
        }
    };
    assert_eq!(unknown, 1);
    assert!(matches!(err.kind(), ErrorKind::Stream), "{err:?}");
    assert_eq!(
        err.to_string(),
        "stream ended before its `transcript.text.done` event after 3 events [request id req_1]"
    );
    assert_eq!(cut.snapshot().text, "Hello wor");
    assert!(cut.next().await.is_none());
    let incomplete = cut.drain().await.unwrap_err();
    assert!(
        incomplete
            .to_string()
            .contains("incomplete transcription stream")
    );

    let mut failed = transcriptions
        .create_stream(clip("a.wav"), &request)
        .await
        .unwrap();
    let err = failed.drain().await.unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Api(_)), "{err:?}");
    assert_eq!(err.code(), Some("audio_error"));
    assert_eq!(failed.snapshot().text, "Partial");
}

/// Speech events: deltas decode to the audio bytes, `speech.audio.done` ends the stream with
/// usage; a cut stream fails keeping the count of what arrived.
#[tokio::test]
async fn speech_event_streams() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let speech = Audio::new(&http).speech();
    let request = SpeechRequest::new("gpt-4o-mini-tts", "Hello", Voice::Alloy)
        .response_format(SpeechResponseFormat::Pcm);
    let mut events = speech.create_stream_events(&request).await.unwrap();
    let mut audio = Vec::new();
    while let Some(event) = events.next().await {
        if let SpeechStreamEvent::AudioDelta(delta) = event.unwrap() {
            audio.extend(delta.decode_audio().unwrap());
        }
    }
    assert_eq!(audio.len(), 1000); // 100 samples of 16 bits per character
    assert_eq!(events.audio_bytes(), 1000);
    assert!(events.usage().is_some());
    assert_eq!(
        server.requests()[0].json.as_ref().unwrap()["stream_format"],
        "sse"
    );

    server
        .on("POST", "/v1/audio/speech")
        .respond(Reply::sse_truncated([
            SseEvent::json(&json!({"type": "speech.audio.delta", "audio": "AAECAw=="})),
            SseEvent::json(&json!({"type": "speech.audio.delta", "audio": "BAU="})),
        ]));
    let mut cut = speech.create_stream_events(&request).await.unwrap();
    let mut last = None;
    while let Some(event) = cut.next().await {
        last = Some(event);
    }
    let err = last.unwrap().unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Stream), "{err:?}");
    assert_eq!((cut.audio_events(), cut.audio_bytes()), (2, 6));
    assert!(cut.usage().is_none());
}

/// A speech body that breaks mid-way yields the bytes that arrived, then an error with the
/// request id; `write_to_file` leaves the received prefix in the file.
#[tokio::test]
async fn speech_body_errors_keep_what_arrived() {
    let server = MockServer::start().await;
    server.on("POST", "/v1/audio/speech").respond_seq([
        Reply::bytes(200, "audio/mpeg", vec![7u8; 100_000]).close_after_bytes(40_000),
        Reply::bytes(200, "audio/mpeg", vec![7u8; 100_000]).close_after_bytes(40_000),
    ]);
    let http = support::openai(&server);
    let speech = Audio::new(&http).speech();
    let request = SpeechRequest::new("tts-1", "Hi", Voice::Echo);

    let mut body = speech.create(&request).await.unwrap();
    let mut received = 0;
    let err = loop {
        match body.next().await.unwrap() {
            Ok(chunk) => received += chunk.len() as u64,
            Err(err) => break err,
        }
    };
    assert_eq!(received, body.bytes_received());
    assert!(received <= 40_000, "{received}");
    assert!(err.request_id().is_some(), "{err:?}");
    assert!(body.next().await.is_none());

    let dir = temp_dir("speech-cut");
    let path = dir.join("cut.mp3");
    let err = speech
        .create(&request)
        .await
        .unwrap()
        .write_to_file(&path)
        .await
        .unwrap_err();
    assert!(!matches!(err.kind(), ErrorKind::InvalidRequest), "{err:?}");
    assert!(std::fs::metadata(&path).unwrap().len() <= 40_000);
}

/// Speech in every format: the content type the service sent, the bytes as sent (a valid
/// WAV header for `wav`), written to a file.
#[tokio::test]
async fn speech_in_every_format_to_a_file() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let speech = Audio::new(&http).speech();
    let dir = temp_dir("speech-formats");
    for (format, content_type) in [
        (SpeechResponseFormat::Mp3, "audio/mpeg"),
        (SpeechResponseFormat::Opus, "audio/opus"),
        (SpeechResponseFormat::Aac, "audio/aac"),
        (SpeechResponseFormat::Flac, "audio/flac"),
        (SpeechResponseFormat::Wav, "audio/wav"),
        (SpeechResponseFormat::Pcm, "audio/pcm"),
    ] {
        let request = SpeechRequest::new("gpt-4o-mini-tts", "Hello world", Voice::Nova)
            .response_format(format.clone());
        let audio = speech.create(&request).await.unwrap();
        assert_eq!(audio.content_type(), Some(content_type));
        let path = dir.join(&format!("speech.{format}"));
        let written = audio.write_to_file(&path).await.unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(bytes.len() as u64, written);
        if format == SpeechResponseFormat::Wav {
            assert_eq!(&bytes[..4], b"RIFF");
            assert_eq!(&bytes[8..12], b"WAVE");
            assert_eq!(bytes.len(), 44 + 11 * 100 * 2);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Every recording through the client
// ---------------------------------------------------------------------------------------------

/// The recordings of real audio responses, when the shared data is present (in CI it must be).
fn recordings() -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/testdata/real/audio"
    ));
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{} is missing in CI",
        dir.display()
    );
    eprintln!("NOTICE: {} not found; skipping", dir.display());
    None
}

/// Every key of `expected` is in `actual` with the same value (numbers compared as `f64`).
fn assert_covers(expected: &Value, actual: &Value, path: &str) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, value) in e {
                let inner = a
                    .get(key)
                    .unwrap_or_else(|| panic!("{path}.{key} missing from {actual}"));
                assert_covers(value, inner, &format!("{path}.{key}"));
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            assert_eq!(e.len(), a.len(), "{path}: length");
            for (i, (e, a)) in e.iter().zip(a).enumerate() {
                assert_covers(e, a, &format!("{path}[{i}]"));
            }
        }
        (Value::Number(e), Value::Number(a)) => {
            assert_eq!(e.as_f64(), a.as_f64(), "{path}");
        }
        _ => assert_eq!(expected, actual, "{path}"),
    }
}

/// The recorded status, headers and body as a scripted reply.
fn replay(recording: &Value) -> Reply {
    let status = u16::try_from(recording["status"].as_u64().unwrap()).unwrap();
    let headers = recording["headers"].as_object().unwrap();
    let content_type = headers["content-type"].as_str().unwrap();
    let body = &recording["body"];
    let mut reply = match body {
        Value::Null => {
            let len = usize::try_from(recording["body_bytes"].as_u64().unwrap()).unwrap();
            Reply::bytes(status, content_type, vec![0x55u8; len])
        }
        Value::String(text) => Reply::text(status, content_type, text.clone()),
        json => Reply::json(status, json.clone()),
    };
    for (name, value) in headers {
        if name != "content-type" && name != "transfer-encoding" {
            reply = reply.header(name.clone(), value.as_str().unwrap());
        }
    }
    reply
}

/// Every `.json` recording decodes through the operation that asks for its format, and the
/// typed value keeps every recorded field.
#[tokio::test]
async fn every_recording_decodes_through_the_client() {
    let Some(dir) = recordings() else { return };
    let server = MockServer::start().await;
    let openai = support::openai(&server);
    let azure = support::azure(&server);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json") && !n.ends_with(".meta.json"))
        .collect();
    names.sort();
    assert!(names.len() >= 20, "{names:?}");
    for name in &names {
        let recording: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join(name)).unwrap()).unwrap();
        let endpoint = recording["endpoint"].as_str().unwrap();
        let is_azure = name.starts_with("azure-");
        let (http, model) = if is_azure {
            (&azure, "whisper")
        } else {
            (&openai, "whisper-1")
        };
        let route = endpoint
            .split_whitespace()
            .nth(1)
            .unwrap()
            .split('?')
            .next()
            .unwrap();
        server.on("POST", route).respond(replay(&recording));
        let audio = Audio::new(http);
        let body = &recording["body"];
        let upload = clip("recorded.wav");
        let decoded: Value = if name.contains("speech") {
            let request = SpeechRequest::new("gpt-4o-mini-tts", "Hello", Voice::Alloy);
            let stream = audio.speech().create(&request).await.unwrap();
            let content_type = recording["headers"]["content-type"].as_str().unwrap();
            assert_eq!(stream.content_type(), Some(content_type), "{name}");
            let bytes = stream.bytes().await.unwrap();
            assert_eq!(
                bytes.len() as u64,
                recording["body_bytes"].as_u64().unwrap(),
                "{name}"
            );
            continue;
        } else if recording["status"] != 200 {
            let err = audio
                .transcriptions()
                .create(upload, &TranscriptionRequest::new(model))
                .await
                .unwrap_err();
            assert_eq!(err.status().map(|s| s.as_u16()), Some(400), "{name}");
            assert_eq!(err.code(), body["error"]["code"].as_str(), "{name}");
            assert_eq!(err.message(), body["error"]["message"].as_str(), "{name}");
            continue;
        } else if name.contains("translation") {
            let t = audio
                .translations()
                .create(upload, &TranslationRequest::new(model))
                .await
                .unwrap();
            serde_json::to_value(t).unwrap()
        } else if name.contains("verbose_json") {
            let t = audio
                .transcriptions()
                .create_verbose(upload, &TranscriptionRequest::new(model))
                .await
                .unwrap();
            serde_json::to_value(t).unwrap()
        } else if name.contains("diarized") || name.contains("chunking_strategy") {
            let t = audio
                .transcriptions()
                .create_diarized(
                    upload,
                    &TranscriptionRequest::new(model)
                        .chunking_strategy(TranscriptionChunkingStrategy::server_vad()),
                )
                .await
                .unwrap();
            serde_json::to_value(t).unwrap()
        } else if let Some(format) = ["srt", "vtt", "text"]
            .into_iter()
            .find(|f| name.contains(f))
        {
            let text = audio
                .transcriptions()
                .create_text(
                    upload,
                    &TranscriptionRequest::new(model),
                    AudioResponseFormat::from(format),
                )
                .await
                .unwrap();
            Value::String(text)
        } else {
            let t = audio
                .transcriptions()
                .create(upload, &TranscriptionRequest::new(model))
                .await
                .unwrap();
            serde_json::to_value(t).unwrap()
        };
        assert_covers(body, &decoded, name);
        server.clear_scripts();
    }
}

/// Every recorded transcription stream decodes through `create_stream` and folds into the
/// text of its `transcript.text.done`.
#[tokio::test]
async fn every_recorded_stream_decodes_through_the_client() {
    let Some(dir) = recordings() else { return };
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".sse"))
        .collect();
    names.sort();
    assert!(names.len() >= 3, "{names:?}");
    for name in &names {
        let raw = std::fs::read(dir.join(name)).unwrap();
        let done: Value = String::from_utf8_lossy(&raw)
            .lines()
            .filter_map(|l| l.strip_prefix("data: "))
            .filter_map(|d| serde_json::from_str::<Value>(d).ok())
            .find(|v| v["type"] == "transcript.text.done")
            .unwrap();
        let segments = String::from_utf8_lossy(&raw)
            .matches("\"transcript.text.segment\"")
            .count();
        server
            .on("POST", "/v1/audio/transcriptions")
            .respond(Reply::sse_raw([(Duration::ZERO, raw)]));
        let mut stream = Audio::new(&http)
            .transcriptions()
            .create_stream(
                clip("r.wav"),
                &TranscriptionRequest::new("gpt-4o-mini-transcribe"),
            )
            .await
            .unwrap();
        let transcription = stream.drain().await.unwrap();
        assert_eq!(transcription.text, done["text"].as_str().unwrap(), "{name}");
        assert_covers(
            &done["usage"],
            &serde_json::to_value(&transcription.usage).unwrap(),
            name,
        );
        if let Some(logprobs) = done.get("logprobs") {
            assert_covers(
                logprobs,
                &serde_json::to_value(&transcription.logprobs).unwrap(),
                name,
            );
        }
        assert_eq!(
            stream.diarized_snapshot().segments.len(),
            segments,
            "{name}"
        );
        server.clear_scripts();
    }
}

// ---------------------------------------------------------------------------------------------
// Bounded memory, measured in a child process
// ---------------------------------------------------------------------------------------------

/// A temporary directory removed when dropped, also when the test fails (the memory tests
/// write large files).
struct TempDir(PathBuf);

impl TempDir {
    fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

fn temp_dir(label: &str) -> TempDir {
    let dir = std::env::temp_dir().join(format!(
        "openai-inference-audio-{label}-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    TempDir(dir)
}

fn proc_status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs [`memory_child`] in a fresh copy of this test binary, so the peak memory it measures
/// is the client's alone (the mock in this process holds whole request bodies).
async fn run_child(mode: &str, base_url: &str, path: &Path) -> String {
    let exe = std::env::current_exe().unwrap();
    let (mode, base_url, path) = (mode.to_owned(), base_url.to_owned(), path.to_owned());
    let output = tokio::task::spawn_blocking(move || {
        std::process::Command::new(exe)
            .args([
                "audio::memory_child",
                "--exact",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("AUDIO_MEMORY_CHILD", mode)
            .env("AUDIO_MEMORY_BASE_URL", base_url)
            .env("AUDIO_MEMORY_PATH", path)
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "child failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains("MEMORY_CHILD_OK"), "{stdout}\n{stderr}");
    stdout
}

/// The client side of the memory tests, run only by [`run_child`] (which sets the
/// environment); asserts the process's peak resident memory grew by less than 48 MiB.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "run by the bounded-memory tests in a child process"]
async fn memory_child() {
    let (Ok(mode), Ok(base_url), Ok(path)) = (
        std::env::var("AUDIO_MEMORY_CHILD"),
        std::env::var("AUDIO_MEMORY_BASE_URL"),
        std::env::var("AUDIO_MEMORY_PATH"),
    ) else {
        eprintln!("NOTICE: memory_child runs only as a child of the bounded-memory tests");
        return;
    };
    let Some(before) = proc_status_kib("VmRSS:") else {
        eprintln!("NOTICE: no /proc; skipping");
        println!("MEMORY_CHILD_OK");
        return;
    };
    let http = HttpClient::builder()
        .endpoint(Endpoint::openai(base_url).unwrap())
        .credential(Credential::openai_key("sk-test-key"))
        .build()
        .unwrap();
    let audio = Audio::new(&http);
    match mode.as_str() {
        "upload" => {
            let transcription = audio
                .transcriptions()
                .create(
                    UploadSource::path(&path),
                    &TranscriptionRequest::new("whisper-1"),
                )
                .await
                .unwrap();
            println!("transcript: {}", transcription.text);
        }
        "speech" => {
            let written = audio
                .speech()
                .create(&SpeechRequest::new("tts-1", "long text", Voice::Onyx))
                .await
                .unwrap()
                .write_to_file(&path)
                .await
                .unwrap();
            println!("written: {written}");
        }
        other => panic!("unknown mode {other}"),
    }
    let peak = proc_status_kib("VmHWM:").unwrap();
    let growth_mib = peak.saturating_sub(before) / 1024;
    println!("peak resident memory grew by {growth_mib} MiB (from {before} KiB to {peak} KiB)");
    assert!(growth_mib < 48, "the client buffered: {growth_mib} MiB");
    println!("MEMORY_CHILD_OK");
}

/// A 200 MiB file (sparse on disk) is streamed from disk: the mock receives every byte as
/// the `file` part, and the client's peak memory stays far below the file's size.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_200_mib_upload_streams_with_bounded_memory() {
    const SIZE: u64 = 200 * MIB;
    let server = MockServer::start().await;
    let dir = temp_dir("upload");
    let path = dir.join("long.wav");
    std::fs::File::create(&path).unwrap().set_len(SIZE).unwrap();

    let stdout = run_child("upload", &server.base_url(), &path).await;
    eprintln!("{stdout}");
    assert!(
        stdout.contains(&format!("Mock transcription of long.wav ({SIZE} bytes).")),
        "{stdout}"
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert!(requests[0].body_bytes() as u64 > SIZE);
    let file = requests[0].parts.iter().find(|p| p.name == "file").unwrap();
    assert_eq!(file.size as u64, SIZE);
    assert_eq!(file.filename.as_deref(), Some("long.wav"));
    assert_eq!(file.content_type.as_deref(), Some("audio/wav"));
}

/// A 128 MiB speech body goes to a file chunk by chunk: the file has every byte and the
/// client's peak memory stays far below the body's size.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_speech_body_streams_to_a_file_with_bounded_memory() {
    const SIZE: usize = 128 * 1024 * 1024;
    let server = MockServer::start().await;
    server.on("POST", "/v1/audio/speech").respond(Reply::bytes(
        200,
        "audio/mpeg",
        vec![0x2au8; SIZE],
    ));
    let dir = temp_dir("speech");
    let path = dir.join("speech.mp3");

    let stdout = run_child("speech", &server.base_url(), &path).await;
    eprintln!("{stdout}");
    assert!(stdout.contains(&format!("written: {SIZE}")), "{stdout}");
    assert_eq!(std::fs::metadata(&path).unwrap().len(), SIZE as u64);
}
