//! Audio: every recorded transcription, translation and speech response decodes without loss;
//! recorded transcription streams fold into their done event; multipart form fields keep the
//! official order; unknown values and events round-trip.

use openai_types::audio::{
    AudioResponseFormat, DiarizedTranscription, ServerVadConfig, SpeechRequest,
    SpeechResponseFormat, SpeechStreamEvent, SpeechStreamFormat, SpeechVoice, TimestampGranularity,
    Transcription, TranscriptionAccumulator, TranscriptionChunkingStrategy, TranscriptionInclude,
    TranscriptionRequest, TranscriptionResponse, TranscriptionStreamEvent, TranscriptionUsage,
    Translation, TranslationRequest, TranslationResponse, TranslationResponseFormat,
    VerboseTranscription, Voice,
};
use openai_types::shared::ErrorResponse;
use openai_types::shared::encode_base64;
use serde_json::{Value, json};

use crate::support::{
    assert_round_trip, openai_spec, real_records, real_sse, sse_data, validate_against,
};

#[derive(Default)]
struct Counts {
    json: usize,
    verbose: usize,
    diarized: usize,
    translation: usize,
    plain_text: usize,
    speech: usize,
    error: usize,
}

#[test]
fn real_audio_recordings_decode_without_loss() {
    let records = real_records("audio");
    let mut counts = Counts::default();
    for (name, record) in &records {
        let body = &record["body"];
        let endpoint = record["endpoint"].as_str().unwrap_or("");
        let status = record["status"].as_u64().unwrap_or(0);
        if status >= 400 {
            // The transcription error body also carries the (zero) usage of the failed call.
            let error: ErrorResponse = assert_round_trip(name, body, &["usage"]);
            assert!(!error.error.message.is_empty(), "{name}");
            counts.error += 1;
        } else if endpoint.ends_with("/audio/speech") {
            assert!(body.is_null(), "{name}: speech bodies are binary");
            assert!(record["body_bytes"].as_u64().unwrap_or(0) > 0, "{name}");
            let content_type = record["headers"]["content-type"].as_str().unwrap_or("");
            assert!(
                content_type.starts_with("audio/") || content_type.starts_with("text/event-stream"),
                "{name}: {content_type}"
            );
            counts.speech += 1;
        } else if let Value::String(text) = body {
            // `text`, `srt` and `vtt` answer plain text, not JSON.
            assert!(!text.trim().is_empty(), "{name}");
            assert!(
                serde_json::from_str::<Value>(text).is_err(),
                "{name}: {text:?}"
            );
            let content_type = record["headers"]["content-type"].as_str().unwrap_or("");
            assert!(content_type.starts_with("text/plain"), "{name}");
            if name.contains("-srt-") {
                assert!(text.contains(" --> ") && text.starts_with('1'), "{name}");
            }
            if name.contains("-vtt-") {
                assert!(text.starts_with("WEBVTT"), "{name}");
            }
            counts.plain_text += 1;
        } else if endpoint.contains("/audio/translations") {
            let translation: Translation = assert_round_trip(name, body, &[]);
            assert!(!translation.text.is_empty(), "{name}");
            counts.translation += 1;
        } else if body.get("duration").is_some() && body.get("language").is_some() {
            let verbose: VerboseTranscription = assert_round_trip(name, body, &[]);
            assert!(verbose.duration > 0.0, "{name}");
            assert!(
                verbose.words.is_some() || verbose.segments.is_some(),
                "{name}: no timestamps"
            );
            for segment in verbose.segments.iter().flatten() {
                assert!(segment.end >= segment.start, "{name}");
                assert!(!segment.tokens.is_empty(), "{name}");
            }
            for word in verbose.words.iter().flatten() {
                assert!(word.end >= word.start && !word.word.is_empty(), "{name}");
            }
            counts.verbose += 1;
        } else if body["segments"][0].get("speaker").is_some() {
            let diarized: DiarizedTranscription = assert_round_trip(name, body, &[]);
            assert!(diarized.segments.len() >= 3, "{name}");
            assert!(diarized.segments.iter().all(|s| !s.speaker.is_empty()));
            assert!(matches!(
                diarized.usage,
                Some(TranscriptionUsage::Tokens(_))
            ));
            counts.diarized += 1;
        } else {
            let transcription: Transcription = assert_round_trip(name, body, &[]);
            assert!(!transcription.text.is_empty(), "{name}");
            if let Some(logprobs) = &transcription.logprobs {
                assert!(
                    logprobs
                        .iter()
                        .all(|l| l.logprob <= 0.0 && !l.bytes.is_empty())
                );
            }
            counts.json += 1;
        }
    }
    if !records.is_empty() {
        assert!(records.len() >= 22, "{} audio recordings", records.len());
        assert!(counts.json >= 4, "json {}", counts.json);
        assert!(counts.verbose >= 4, "verbose {}", counts.verbose);
        assert!(counts.diarized >= 2, "diarized {}", counts.diarized);
        assert!(counts.translation >= 1);
        assert_eq!(counts.plain_text, 3);
        assert!(counts.speech >= 6);
        assert_eq!(counts.error, 1);
    }
}

#[test]
fn real_usage_variants_are_typed() {
    for (name, record) in real_records("audio") {
        let body = &record["body"];
        let Some(usage) = body.get("usage") else {
            continue;
        };
        let usage: TranscriptionUsage = serde_json::from_value(usage.clone()).unwrap();
        match usage {
            TranscriptionUsage::Tokens(tokens) => {
                assert_eq!(
                    tokens.total_tokens,
                    tokens.input_tokens + tokens.output_tokens,
                    "{name}"
                );
                assert!(tokens.input_token_details.unwrap().audio_tokens.is_some());
            }
            TranscriptionUsage::Duration(duration) => assert!(duration.seconds >= 0.0),
            other => panic!("{name}: unexpected usage {other:?}"),
        }
    }
}

#[test]
fn real_transcription_streams_decode_and_accumulate() {
    let streams = real_sse("audio");
    for (name, text) in &streams {
        let mut acc = TranscriptionAccumulator::new();
        let mut done = None;
        let mut segments = 0;
        let mut deltas = 0;
        for (i, data) in sse_data(text).iter().enumerate() {
            let value: Value = serde_json::from_str(data).unwrap();
            let event: TranscriptionStreamEvent =
                assert_round_trip(&format!("{name} event {i}"), &value, &[]);
            assert_eq!(event.kind(), value["type"].as_str().unwrap());
            match &event {
                TranscriptionStreamEvent::TextDelta(_) => deltas += 1,
                TranscriptionStreamEvent::TextSegment(_) => segments += 1,
                TranscriptionStreamEvent::TextDone(event) => done = Some(event.clone()),
                other => panic!("{name}: unknown event {other:?}"),
            }
            if done.is_none() {
                acc.push(&event);
            }
        }
        let done = done.unwrap_or_else(|| panic!("{name}: no done event"));
        assert!(!acc.is_done());
        if deltas > 0 {
            // The deltas alone add up to the final text and logprobs.
            let snapshot = acc.snapshot();
            assert_eq!(snapshot.text, done.text, "{name}");
            assert_eq!(snapshot.logprobs, done.logprobs, "{name}");
        }
        assert_eq!(acc.segments().len(), segments, "{name}");
        acc.push(&TranscriptionStreamEvent::TextDone(done.clone()));
        assert!(acc.is_done());
        assert_eq!(acc.usage(), done.usage.as_ref());
        let diarized = acc.diarized_snapshot();
        let transcription = acc.finish().unwrap();
        assert_eq!(transcription.text, done.text, "{name}");
        assert_eq!(transcription.logprobs, done.logprobs, "{name}");
        assert_eq!(transcription.usage, done.usage, "{name}");
        assert!(transcription.usage.is_some(), "{name}");
        if segments > 0 {
            assert_eq!(diarized.segments.len(), segments);
            let joined: String = diarized.segments.iter().map(|s| s.text.as_str()).collect();
            assert_eq!(joined.trim(), done.text, "{name}");
        }
    }
    if !streams.is_empty() {
        assert_eq!(streams.len(), 3);
    }
}

#[test]
fn accumulator_without_done_event_is_incomplete() {
    let mut acc = TranscriptionAccumulator::new();
    acc.push(
        &serde_json::from_value(json!({"type": "transcript.text.delta", "delta": "Hel"})).unwrap(),
    );
    acc.push(&serde_json::from_value(json!({"type": "transcript.text.future", "x": 1})).unwrap());
    assert_eq!(acc.text(), "Hel");
    let err = acc.finish().unwrap_err();
    assert_eq!(err.partial_text, "Hel");
    assert!(err.to_string().contains("transcript.text.done"));
}

/// The multipart text fields keep the official SDKs' names and order.
#[test]
fn transcription_form_fields_order() {
    let request = TranscriptionRequest::new("gpt-4o-transcribe-diarize")
        .temperature(0.2)
        .timestamp_granularities([TimestampGranularity::Word, TimestampGranularity::Segment])
        .stream(true)
        .response_format(AudioResponseFormat::DiarizedJson)
        .prompt("Names: Ada, Grace")
        .language("en")
        .languages(["en", "fr"])
        .keywords(["diarization"])
        .known_speaker_references(["data:audio/wav;base64,AAAA", "data:audio/wav;base64,BBBB"])
        .known_speaker_names(["agent", "customer"])
        .include([TranscriptionInclude::Logprobs])
        .chunking_strategy(
            ServerVadConfig::new()
                .prefix_padding_ms(300)
                .silence_duration_ms(500)
                .threshold(0.6),
        );
    let fields: Vec<String> = request
        .form_fields()
        .into_iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect();
    insta::assert_snapshot!("audio_transcription_form_fields", fields.join("\n"));

    let auto = TranscriptionRequest::new("whisper-1")
        .chunking_strategy(TranscriptionChunkingStrategy::Auto)
        .form_fields();
    assert_eq!(
        auto,
        vec![
            ("model", "whisper-1".to_owned()),
            ("chunking_strategy", "auto".to_owned())
        ]
    );
    assert_eq!(
        TranscriptionRequest::new("whisper-1").form_fields(),
        vec![("model", "whisper-1".to_owned())]
    );

    let translation = TranslationRequest::new("whisper-1")
        .temperature(0.5)
        .response_format(TranslationResponseFormat::VerboseJson)
        .prompt("Technical talk");
    assert_eq!(
        translation.form_fields(),
        vec![
            ("model", "whisper-1".to_owned()),
            ("prompt", "Technical talk".to_owned()),
            ("response_format", "verbose_json".to_owned()),
            ("temperature", "0.5".to_owned()),
        ]
    );
}

#[test]
fn chunking_strategy_round_trips() {
    for raw in [
        json!("auto"),
        json!({"type": "server_vad", "threshold": 0.5, "prefix_padding_ms": 300}),
        json!({"type": "semantic_vad", "eagerness": "low"}),
        json!("manual"),
    ] {
        let strategy: TranscriptionChunkingStrategy = serde_json::from_value(raw.clone()).unwrap();
        assert_eq!(serde_json::to_value(&strategy).unwrap(), raw);
    }
    assert!(matches!(
        serde_json::from_value::<TranscriptionChunkingStrategy>(json!("semantic")).unwrap(),
        TranscriptionChunkingStrategy::Unknown(_)
    ));
    assert!(
        serde_json::from_value::<TranscriptionChunkingStrategy>(
            json!({"type": "server_vad", "threshold": "high"})
        )
        .is_err()
    );
    let form = TranscriptionChunkingStrategy::server_vad().form_value();
    assert_eq!(form, r#"{"type":"server_vad"}"#);
}

#[test]
fn speech_request_serializes() {
    let request = SpeechRequest::new("gpt-4o-mini-tts", "Hello there.", Voice::Marin)
        .instructions("Cheerful.")
        .response_format(SpeechResponseFormat::Opus)
        .speed(1.5)
        .stream_format(SpeechStreamFormat::Sse)
        .extra("future_option", json!(true));
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        json!({
            "model": "gpt-4o-mini-tts", "input": "Hello there.", "voice": "marin",
            "instructions": "Cheerful.", "response_format": "opus", "speed": 1.5,
            "stream_format": "sse", "future_option": true
        })
    );
    let custom = SpeechRequest::new("gpt-4o-mini-tts", "x", SpeechVoice::custom("voice_1234"));
    assert_eq!(
        serde_json::to_value(&custom).unwrap()["voice"],
        json!({"id": "voice_1234"})
    );
    let newer = SpeechRequest::new("tts-1", "x", "aurora");
    assert_eq!(
        serde_json::to_value(&newer).unwrap()["voice"],
        json!("aurora")
    );
    for voice in [
        "alloy", "ash", "ballad", "coral", "echo", "fable", "onyx", "nova", "sage", "shimmer",
        "verse", "marin", "cedar",
    ] {
        assert!(!matches!(Voice::from(voice), Voice::Unknown(_)), "{voice}");
    }
    let decoded: SpeechVoice = serde_json::from_value(json!({"id": "voice_9"})).unwrap();
    assert_eq!(decoded, SpeechVoice::custom("voice_9"));
}

#[test]
fn speech_stream_events_decode_audio() {
    let audio: Vec<u8> = (0..=255u8).collect();
    let delta: SpeechStreamEvent = serde_json::from_value(
        json!({"type": "speech.audio.delta", "audio": encode_base64(&audio)}),
    )
    .unwrap();
    let SpeechStreamEvent::AudioDelta(delta) = delta else {
        panic!("not a delta");
    };
    assert_eq!(delta.decode_audio().unwrap(), audio);

    let done_raw = json!({"type": "speech.audio.done",
        "usage": {"input_tokens": 14, "output_tokens": 101, "total_tokens": 115}});
    let done: SpeechStreamEvent = assert_round_trip("done", &done_raw, &[]);
    let SpeechStreamEvent::AudioDone(done) = done else {
        panic!("not done");
    };
    assert_eq!(done.usage.unwrap().total_tokens, 115);

    let unknown_raw = json!({"type": "speech.audio.marker", "at_ms": 1200});
    let unknown: SpeechStreamEvent = serde_json::from_value(unknown_raw.clone()).unwrap();
    assert!(matches!(unknown, SpeechStreamEvent::Unknown(_)));
    assert_eq!(unknown.kind(), "speech.audio.marker");
    assert_eq!(serde_json::to_value(&unknown).unwrap(), unknown_raw);

    let bad: SpeechStreamEvent =
        serde_json::from_value(json!({"type": "speech.audio.delta", "audio": "not base64!"}))
            .unwrap();
    let SpeechStreamEvent::AudioDelta(bad) = bad else {
        panic!("not a delta");
    };
    assert!(bad.decode_audio().is_err());
}

#[test]
fn unknown_audio_values_round_trip() {
    let raw = json!({
        "text": "hi",
        "usage": {"type": "characters", "characters": 2},
        "logprobs": [{"token": "hi", "logprob": -0.5, "bytes": [104, 105]}]
    });
    let transcription: Transcription = assert_round_trip("unknown usage", &raw, &[]);
    let usage = transcription.usage.as_ref().unwrap();
    assert!(matches!(usage, TranscriptionUsage::Unknown(_)));
    assert_eq!(usage.kind(), "characters");

    let event_raw = json!({"type": "transcript.text.language", "language": "en"});
    let event: TranscriptionStreamEvent = assert_round_trip("unknown event", &event_raw, &[]);
    assert!(matches!(event, TranscriptionStreamEvent::Unknown(_)));

    let format = AudioResponseFormat::from("markdown");
    assert_eq!(serde_json::to_value(&format).unwrap(), json!("markdown"));
    assert!(!format.is_plain_text());
    for known in [
        "json",
        "text",
        "srt",
        "verbose_json",
        "vtt",
        "diarized_json",
    ] {
        assert!(!matches!(
            AudioResponseFormat::from(known),
            AudioResponseFormat::Unknown(_)
        ));
    }
    assert_eq!(
        TranscriptionRequest::new("m")
            .response_format("markdown")
            .include([TranscriptionInclude::from("words")])
            .form_fields(),
        vec![
            ("model", "m".to_owned()),
            ("include[]", "words".to_owned()),
            ("response_format", "markdown".to_owned())
        ]
    );
    let voice: Voice = serde_json::from_value(json!("aurora")).unwrap();
    assert_eq!(voice.as_str(), "aurora");
}

/// The body of every recorded transcription decodes by its requested format.
#[test]
fn real_bodies_decode_by_requested_format() {
    let mut decoded = 0;
    for (name, record) in real_records("audio") {
        let endpoint = record["endpoint"].as_str().unwrap_or("");
        let body = &record["body"];
        if record["status"].as_u64() != Some(200) || body.is_null() {
            continue;
        }
        let (text, plain) = match body {
            Value::String(text) => (text.clone(), true),
            other => (serde_json::to_string(other).unwrap(), false),
        };
        if endpoint.contains("/audio/translations") {
            let response = TranslationResponse::from_body(None, &text).unwrap();
            assert!(matches!(response, TranslationResponse::Json(_)), "{name}");
            assert_eq!(response.text(), body["text"].as_str().unwrap());
            decoded += 1;
            continue;
        }
        let format = if plain {
            ["srt", "vtt", "text"]
                .into_iter()
                .find(|f| name.contains(&format!("-{f}-")))
                .map(AudioResponseFormat::from)
                .unwrap()
        } else if body.get("language").is_some() {
            AudioResponseFormat::VerboseJson
        } else if body["segments"][0].get("speaker").is_some() {
            AudioResponseFormat::DiarizedJson
        } else {
            AudioResponseFormat::Json
        };
        let response = TranscriptionResponse::from_body(Some(&format), &text)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        match (&format, &response) {
            (AudioResponseFormat::Json, TranscriptionResponse::Json(_))
            | (AudioResponseFormat::VerboseJson, TranscriptionResponse::Verbose(_))
            | (AudioResponseFormat::DiarizedJson, TranscriptionResponse::Diarized(_)) => {
                assert_eq!(response.text(), body["text"].as_str().unwrap(), "{name}");
            }
            (_, TranscriptionResponse::PlainText(body_text)) => {
                assert!(format.is_plain_text());
                assert_eq!(body_text, &text, "{name}");
            }
            other => panic!("{name}: {other:?}"),
        }
        decoded += 1;
    }
    if openai_spec().is_some() {
        assert!(decoded >= 15, "{decoded}");
    }
    // A JSON format with a non-JSON body is an error; an unknown format keeps the body.
    assert!(TranscriptionResponse::from_body(None, "Hello").is_err());
    let other =
        TranscriptionResponse::from_body(Some(&AudioResponseFormat::from("md")), "# Hi").unwrap();
    assert_eq!(other.text(), "# Hi");
    let other = TranslationResponse::from_body(
        Some(&TranslationResponseFormat::from("jsonl")),
        r#"{"text":"Hi"}"#,
    )
    .unwrap();
    assert_eq!(other.text(), "Hi");
}

#[test]
fn speech_request_matches_spec() {
    let Some(spec) = openai_spec() else {
        return;
    };
    for request in [
        SpeechRequest::new("tts-1", "Hi", Voice::Alloy),
        SpeechRequest::new("gpt-4o-mini-tts", "Hi", SpeechVoice::custom("voice_1"))
            .instructions("Slowly.")
            .response_format(SpeechResponseFormat::Pcm)
            .speed(0.25)
            .stream_format(SpeechStreamFormat::Audio),
    ] {
        let value = serde_json::to_value(&request).unwrap();
        validate_against(spec, "#/components/schemas/CreateSpeechRequest", &value)
            .unwrap_or_else(|e| panic!("{value}: {e:#?}"));
    }
}
