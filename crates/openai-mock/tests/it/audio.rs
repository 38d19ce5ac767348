//! Audio: transcription and translation formats, timestamp granularities, logprobs, the
//! transcription and speech streams, and the Azure deployment and v1 routes.

use base64::Engine as _;
use openai_mock::{MockServer, Reply};
use serde_json::{Value, json};

use crate::spec::assert_conforms;
use crate::support::{Resp, azure_post, client, keys, multipart, openai_post, recording, send};

const AUDIO: &[u8] = b"RIFF0000WAVEdata";

async fn transcribe(server: &MockServer, path: &str, fields: &[(&str, &str)]) -> Resp {
    send(
        &client(),
        "POST",
        &server.url(path),
        &[
            ("authorization", "Bearer k"),
            ("api-key", "k"),
            ("content-type", "multipart/form-data; boundary=zz"),
        ],
        Some(multipart("zz", fields, Some(("file", "hello.wav", AUDIO)))),
    )
    .await
    .unwrap()
}

const TEXT: &str = "Mock transcription of hello.wav (16 bytes).";

#[tokio::test]
async fn transcription_formats() {
    let server = MockServer::start().await;
    let path = "/v1/audio/transcriptions";
    let json_body = transcribe(&server, path, &[("model", "whisper-1")])
        .await
        .json();
    assert_eq!(json_body["text"], TEXT);
    assert_eq!(json_body["usage"]["type"], "duration");
    if let Some(real) = recording("audio/openai-transcription-json-whisper1.json") {
        assert_eq!(keys(&json_body), keys(&real));
    }
    let text = transcribe(
        &server,
        path,
        &[("model", "whisper-1"), ("response_format", "text")],
    )
    .await;
    assert_eq!(
        text.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    assert_eq!(text.text(), format!("{TEXT}\n"));
    let srt = transcribe(
        &server,
        path,
        &[("model", "whisper-1"), ("response_format", "srt")],
    )
    .await
    .text();
    assert_eq!(
        srt,
        "1\n00:00:00,000 --> 00:00:01,500\nMock transcription of\n\n\
         2\n00:00:01,500 --> 00:00:03,000\nhello.wav (16 bytes).\n\n"
    );
    let vtt = transcribe(
        &server,
        path,
        &[("model", "whisper-1"), ("response_format", "vtt")],
    )
    .await
    .text();
    assert!(vtt.starts_with("WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nMock transcription of\n\n"));

    let verbose = transcribe(
        &server,
        path,
        &[
            ("model", "whisper-1"),
            ("response_format", "verbose_json"),
            ("timestamp_granularities[]", "word"),
            ("timestamp_granularities[]", "segment"),
        ],
    )
    .await
    .json();
    assert_conforms(&verbose, "CreateTranscriptionResponseVerboseJson");
    assert_eq!(verbose["duration"], 3.0);
    assert_eq!(verbose["words"][3]["word"], "hello.wav");
    assert_eq!(verbose["words"][4]["word"], "16");
    assert_eq!(verbose["words"][3]["start"], 1.5);
    assert_eq!(verbose["segments"].as_array().unwrap().len(), 2);
    if let Some(real) =
        recording("audio/openai-transcription-verbose_json-words-segments-whisper1.json")
    {
        assert_eq!(keys(&verbose), keys(&real));
        assert_eq!(keys(&verbose["segments"][0]), keys(&real["segments"][0]));
        assert_eq!(keys(&verbose["words"][0]), keys(&real["words"][0]));
    }
    let words_only = transcribe(
        &server,
        path,
        &[
            ("model", "whisper-1"),
            ("response_format", "verbose_json"),
            ("timestamp_granularities[]", "word"),
        ],
    )
    .await
    .json();
    assert!(words_only.get("segments").is_none());
    assert!(words_only["words"].is_array());

    let diarized = transcribe(
        &server,
        path,
        &[
            ("model", "gpt-4o-transcribe-diarize"),
            ("response_format", "diarized_json"),
        ],
    )
    .await
    .json();
    assert_eq!(diarized["segments"][0]["speaker"], "A");
    assert_eq!(diarized["segments"][1]["speaker"], "B");
    assert_eq!(diarized["usage"]["type"], "tokens");
    if let Some(real) = recording("audio/openai-transcription-diarized_json.json") {
        assert_eq!(keys(&diarized), keys(&real));
        assert_eq!(keys(&diarized["segments"][0]), keys(&real["segments"][0]));
        assert_eq!(keys(&diarized["usage"]), keys(&real["usage"]));
    }
    let logprobs = transcribe(
        &server,
        path,
        &[
            ("model", "gpt-4o-mini-transcribe"),
            ("include[]", "logprobs"),
        ],
    )
    .await
    .json();
    assert_eq!(logprobs["logprobs"][0]["token"], "Mock");
    assert_eq!(logprobs["logprobs"][0]["bytes"], json!(b"Mock"));
    if let Some(real) = recording("audio/openai-transcription-include-logprobs.json") {
        assert_eq!(keys(&logprobs), keys(&real));
    }

    for bad in [
        vec![("model", "whisper-1"), ("response_format", "xml")],
        vec![
            ("model", "whisper-1"),
            ("timestamp_granularities[]", "word"),
        ],
        vec![("model", "whisper-1"), ("include[]", "logprobs")],
        vec![("model", "whisper-1"), ("language", "english please")],
        vec![("model", "whisper-1"), ("stream", "true")],
    ] {
        let resp = transcribe(&server, path, &bad).await;
        assert_eq!(resp.status, 400, "{bad:?}: {}", resp.text());
    }
    let language = transcribe(
        &server,
        path,
        &[("model", "whisper-1"), ("language", "not a language")],
    )
    .await
    .json();
    assert_eq!(language["error"]["code"], "invalid_language_format");
}

#[tokio::test]
async fn transcription_streams_like_the_service() {
    let server = MockServer::start().await;
    let resp = transcribe(
        &server,
        "/v1/audio/transcriptions",
        &[
            ("model", "gpt-4o-mini-transcribe"),
            ("stream", "true"),
            ("include[]", "logprobs"),
        ],
    )
    .await;
    let data = resp.sse_data();
    assert_eq!(data.last().unwrap(), "[DONE]");
    let events: Vec<Value> = data[..data.len() - 1]
        .iter()
        .map(|d| serde_json::from_str(d).unwrap())
        .collect();
    let deltas: String = events[..events.len() - 1]
        .iter()
        .map(|e| {
            assert_eq!(e["type"], "transcript.text.delta");
            assert!(e["logprobs"][0]["logprob"].is_number());
            e["delta"].as_str().unwrap()
        })
        .collect();
    assert_eq!(deltas, TEXT);
    let done = events.last().unwrap();
    assert_eq!(done["type"], "transcript.text.done");
    assert_eq!(done["text"], TEXT);
    assert_eq!(done["usage"]["type"], "tokens");
    assert!(done["usage"]["total_tokens"].as_u64().unwrap() > 0);

    let diarized = transcribe(
        &server,
        "/v1/audio/transcriptions",
        &[
            ("model", "gpt-4o-transcribe-diarize"),
            ("stream", "true"),
            ("response_format", "diarized_json"),
        ],
    )
    .await
    .sse_data();
    let first: Value = serde_json::from_str(&diarized[0]).unwrap();
    assert_eq!(first["type"], "transcript.text.segment");
    assert_eq!(first["id"], "seg_0");
}

#[tokio::test]
async fn translations() {
    let server = MockServer::start().await;
    let path = "/v1/audio/translations";
    let body = transcribe(&server, path, &[("model", "whisper-1")])
        .await
        .json();
    assert_eq!(
        body,
        json!({"text": "Mock translation of hello.wav (16 bytes)."})
    );
    if let Some(real) = recording("audio/openai-translation-json-whisper1.json") {
        assert_eq!(keys(&body), keys(&real));
    }
    let verbose = transcribe(
        &server,
        path,
        &[("model", "whisper-1"), ("response_format", "verbose_json")],
    )
    .await
    .json();
    assert_eq!(verbose["task"], "translate");
    for format in ["text", "srt", "vtt"] {
        let resp = transcribe(
            &server,
            path,
            &[("model", "whisper-1"), ("response_format", format)],
        )
        .await;
        assert_eq!(resp.status, 200, "{format}");
        assert!(resp.text().contains("hello.wav"));
    }
    let diarized = transcribe(
        &server,
        path,
        &[("model", "whisper-1"), ("response_format", "diarized_json")],
    )
    .await;
    assert_eq!(diarized.status, 400);
}

#[tokio::test]
async fn speech_formats_and_sse() {
    let server = MockServer::start().await;
    for (format, content_type) in [
        ("mp3", "audio/mpeg"),
        ("opus", "audio/opus"),
        ("aac", "audio/aac"),
        ("flac", "audio/flac"),
        ("wav", "audio/wav"),
        ("pcm", "audio/pcm"),
    ] {
        let resp = openai_post(
            &server,
            "/audio/speech",
            json!({"model": "gpt-4o-mini-tts", "input": "hi", "voice": "alloy", "response_format": format}),
        )
        .await;
        assert_eq!(resp.status, 200);
        assert_eq!(resp.header("content-type"), Some(content_type), "{format}");
        assert!(!resp.body.is_empty());
    }
    let pcm = openai_post(
        &server,
        "/audio/speech",
        json!({"model": "gpt-4o-mini-tts", "input": "hello world", "voice": "alloy", "response_format": "pcm"}),
    )
    .await
    .body;
    let stream = openai_post(
        &server,
        "/audio/speech",
        json!({"model": "gpt-4o-mini-tts", "input": "hello world", "voice": "alloy", "response_format": "pcm", "stream_format": "sse"}),
    )
    .await;
    let events: Vec<Value> = stream
        .sse_data()
        .iter()
        .map(|d| serde_json::from_str(d).unwrap())
        .collect();
    let mut audio = Vec::new();
    for e in &events[..events.len() - 1] {
        assert_eq!(e["type"], "speech.audio.delta");
        audio.extend(
            base64::engine::general_purpose::STANDARD
                .decode(e["audio"].as_str().unwrap())
                .unwrap(),
        );
    }
    assert_eq!(audio, pcm.to_vec());
    let done = events.last().unwrap();
    assert_eq!(done["type"], "speech.audio.done");
    assert_eq!(
        done["usage"]["total_tokens"],
        done["usage"]["input_tokens"].as_u64().unwrap()
            + done["usage"]["output_tokens"].as_u64().unwrap()
    );
    let tts1 = openai_post(
        &server,
        "/audio/speech",
        json!({"model": "tts-1", "input": "x", "voice": "alloy", "stream_format": "sse"}),
    )
    .await;
    assert_eq!(tts1.status, 400);
}

#[tokio::test]
async fn azure_routes_and_scripted_errors() {
    let server = MockServer::start().await;
    let deployment = transcribe(
        &server,
        "/openai/deployments/whisper/audio/transcriptions?api-version=2024-10-21",
        &[("response_format", "verbose_json")],
    )
    .await;
    assert_eq!(deployment.status, 200, "{}", deployment.text());
    assert!(deployment.header("apim-request-id").is_some());
    if let Some(real) = recording("audio/azure-transcription-verbose_json-whisper-2024-10-21.json")
    {
        let mine = deployment.json();
        for key in keys(&real) {
            assert!(mine.get(&key).is_some(), "missing {key}");
        }
    }
    let v1 = transcribe(
        &server,
        "/openai/v1/audio/translations",
        &[("model", "whisper")],
    )
    .await;
    assert_eq!(v1.status, 200);
    let speech = azure_post(
        &server,
        "/openai/deployments/tts/audio/speech?api-version=2025-03-01-preview",
        json!({"input": "x", "voice": "alloy", "response_format": "wav"}),
    )
    .await;
    assert_eq!(speech.header("content-type"), Some("audio/wav"));
    // Resource-style audio (not under a deployment) does not exist on Azure.
    let resource = azure_post(
        &server,
        "/openai/audio/speech?api-version=2024-10-21",
        json!({}),
    )
    .await;
    assert_eq!(resource.status, 404);

    server.on("POST", "/v1/audio/transcriptions").respond(Reply::json(
        400,
        json!({"error": {"message": "bad audio", "type": "invalid_request_error", "param": "file", "code": null}}),
    ));
    let scripted = transcribe(
        &server,
        "/v1/audio/transcriptions",
        &[("model", "whisper-1")],
    )
    .await;
    assert_eq!(scripted.status, 400);
    assert_eq!(scripted.json()["error"]["param"], "file");
}
