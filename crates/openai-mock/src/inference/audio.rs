//! Audio: transcriptions and translations (multipart upload → text) and speech (JSON → audio
//! bytes).
//!
//! Transcripts describe the upload (`Mock transcription of <file name> (<size> bytes).`), so a
//! test can check which file arrived. Speech returns a valid silent WAV for `wav`, raw silence
//! for `pcm`, and for other formats the format's content type over a few placeholder bytes (not
//! playable audio).

use bytes::Bytes;
use serde_json::{Value, json};

use super::{Ctx, invalid_value, missing};
use crate::api::ApiReply;

pub(super) fn transcribe(ctx: &Ctx<'_>, task: &str) -> Result<ApiReply, ApiReply> {
    let file = ctx
        .form
        .iter()
        .find(|f| f.name == "file" && f.filename.is_some())
        .ok_or_else(|| missing("file"))?;
    ctx.form_model()?;
    let text = format!(
        "Mock {task} of {} ({} bytes).",
        file.filename.as_deref().unwrap_or("upload"),
        file.data.len()
    );
    let format = ctx
        .form_text("response_format")
        .unwrap_or_else(|| "json".into());
    let plain = |body: String, content_type: &str| ApiReply::Bytes {
        status: 200,
        content_type: content_type.into(),
        body: Bytes::from(body),
    };
    Ok(match format.as_str() {
        "json" => ApiReply::ok(json!({"text": text})),
        "text" => plain(format!("{text}\n"), "text/plain; charset=utf-8"),
        "srt" => plain(
            format!("1\n00:00:00,000 --> 00:00:01,000\n{text}\n\n"),
            "text/plain; charset=utf-8",
        ),
        "vtt" => plain(
            format!("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n{text}\n\n"),
            "text/plain; charset=utf-8",
        ),
        "verbose_json" => ApiReply::ok(json!({
            "task": if task == "translation" { "translate" } else { "transcribe" },
            "language": "english",
            "duration": 1.0,
            "text": text,
            "segments": [{
                "id": 0, "seek": 0, "start": 0.0, "end": 1.0, "text": text, "tokens": [],
                "temperature": 0.0, "avg_logprob": 0.0, "compression_ratio": 1.0,
                "no_speech_prob": 0.0
            }],
        })),
        other => {
            return Err(invalid_value(
                "response_format",
                format!(
                    "Invalid value for 'response_format': '{other}'. Supported values are: \
                     'json', 'text', 'srt', 'verbose_json' and 'vtt'."
                ),
            ));
        }
    })
}

pub(super) fn speech(ctx: &Ctx<'_>) -> Result<ApiReply, ApiReply> {
    let body = ctx.body()?;
    ctx.model(&body)?;
    let input = body
        .get("input")
        .and_then(Value::as_str)
        .ok_or_else(|| missing("input"))?;
    if body.get("voice").is_none_or(Value::is_null) {
        return Err(missing("voice"));
    }
    let format = body
        .get("response_format")
        .and_then(Value::as_str)
        .unwrap_or("mp3");
    // 100 samples of silence per input character, 24 kHz mono 16-bit like the service's PCM.
    let samples = input.chars().count().max(1) * 100;
    let (content_type, data) = match format {
        "wav" => ("audio/wav", wav(samples)),
        "pcm" => ("audio/pcm", vec![0; samples * 2]),
        "mp3" => ("audio/mpeg", placeholder(b"ID3", samples)),
        "opus" => ("audio/opus", placeholder(b"OggS", samples)),
        "aac" => ("audio/aac", placeholder(b"\xff\xf1", samples)),
        "flac" => ("audio/flac", placeholder(b"fLaC", samples)),
        other => {
            return Err(invalid_value(
                "response_format",
                format!("Invalid value for 'response_format': '{other}'."),
            ));
        }
    };
    Ok(ApiReply::Bytes {
        status: 200,
        content_type: content_type.into(),
        body: Bytes::from(data),
    })
}

fn placeholder(magic: &[u8], samples: usize) -> Vec<u8> {
    let mut out = magic.to_vec();
    out.resize(magic.len() + samples / 10, 0);
    out
}

/// A RIFF/WAVE file of `samples` silent 16-bit mono samples at 24 kHz.
fn wav(samples: usize) -> Vec<u8> {
    let data_len = (samples * 2) as u32;
    let mut out = Vec::with_capacity(44 + samples * 2);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + data_len).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes()); // PCM
    out.extend_from_slice(&1u16.to_le_bytes()); // mono
    out.extend_from_slice(&24_000u32.to_le_bytes());
    out.extend_from_slice(&48_000u32.to_le_bytes()); // byte rate
    out.extend_from_slice(&2u16.to_le_bytes()); // block align
    out.extend_from_slice(&16u16.to_le_bytes());
    out.extend_from_slice(b"data");
    out.extend_from_slice(&data_len.to_le_bytes());
    out.resize(44 + samples * 2, 0);
    out
}
