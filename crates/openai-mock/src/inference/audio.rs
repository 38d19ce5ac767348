//! Audio: transcriptions and translations (multipart upload → text) and speech (JSON → audio
//! bytes).
//!
//! Transcripts describe the upload (`Mock transcription of <file name> (<size> bytes).`), so a
//! test can check which file arrived. Timing is derived from the text: each word lasts half a
//! second and segments hold three words (diarized segments alternate speakers `A` and `B`). Speech returns a valid silent WAV for `wav`, raw silence
//! for `pcm`, and for other formats the format's content type over a few placeholder bytes (not
//! playable audio).

use bytes::Bytes;
use serde_json::{Value, json};

use super::{Ctx, invalid_value, missing};
use crate::api::ApiReply;

/// Seconds of audio each transcript word stands for.
const WORD_SECONDS: f64 = 0.5;

/// Words per segment of `verbose_json` / `diarized_json` transcripts.
const SEGMENT_WORDS: usize = 3;

/// Multipart values of `name` and `name[]` (array fields), in order.
fn form_list(ctx: &Ctx<'_>, name: &str) -> Vec<String> {
    let array = format!("{name}[]");
    ctx.form
        .iter()
        .filter(|f| f.filename.is_none() && (f.name == name || f.name == array))
        .map(|f| f.text())
        .collect()
}

/// `HH:MM:SS<sep>mmm`.
fn timestamp(seconds: f64, sep: char) -> String {
    let ms = (seconds * 1000.0).round() as u64;
    format!(
        "{:02}:{:02}:{:02}{sep}{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

/// Seconds of audio `text` stands for (at least one).
pub(crate) fn transcript_duration(text: &str) -> f64 {
    (text.split_whitespace().count() as f64 * WORD_SECONDS).max(1.0)
}

/// One timed segment of a transcript: `(start, end, text)`, word timing from [`WORD_SECONDS`].
fn segments(text: &str) -> Vec<(f64, f64, String)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .chunks(SEGMENT_WORDS)
        .enumerate()
        .map(|(i, chunk)| {
            let start = (i * SEGMENT_WORDS) as f64 * WORD_SECONDS;
            let end = start + chunk.len() as f64 * WORD_SECONDS;
            (start, end, chunk.join(" "))
        })
        .collect()
}

/// Deterministic log-probabilities for the transcript's tokens.
fn logprobs(text: &str) -> Vec<Value> {
    super::tokens(text)
        .into_iter()
        .map(|t| {
            let lp = -((super::fnv1a(t.as_bytes()) % 1000) as f64) / 10_000.0;
            json!({"token": t, "logprob": lp, "bytes": t.as_bytes()})
        })
        .collect()
}

/// `usage`: token counts for the `gpt-4o*` transcription models, seconds for the others.
pub(crate) fn transcription_usage(model: &str, text: &str, duration: f64) -> Value {
    if model.starts_with("gpt-") {
        let input = (duration * 10.0).ceil() as u64;
        let output = super::count_tokens(text);
        json!({
            "type": "tokens",
            "total_tokens": input + output,
            "input_tokens": input,
            "input_token_details": {"text_tokens": 0, "audio_tokens": input},
            "output_tokens": output,
        })
    } else {
        json!({"type": "duration", "seconds": duration.ceil() as u64})
    }
}

pub(super) fn transcribe(ctx: &Ctx<'_>, task: &str) -> Result<ApiReply, ApiReply> {
    let file = ctx
        .form
        .iter()
        .find(|f| f.name == "file" && f.filename.is_some())
        .ok_or_else(|| missing("file"))?;
    let model = ctx.form_model()?;
    let translation = task == "translation";
    if let Some(language) = ctx.form_text("language") {
        if language.len() != 2 || !language.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(ApiReply::error(
                400,
                format!(
                    "Invalid language '{language}'. Language parameter must be specified in \
                     ISO-639-1 format."
                ),
                "invalid_request_error",
                Some("language"),
                Some("invalid_language_format"),
            ));
        }
    }
    let text = format!(
        "Mock {task} of {} ({} bytes).",
        file.filename.as_deref().unwrap_or("upload"),
        file.data.len()
    );
    let format = ctx
        .form_text("response_format")
        .unwrap_or_else(|| "json".into());
    let supported: &[&str] = if translation {
        &["json", "text", "srt", "verbose_json", "vtt"]
    } else {
        &[
            "json",
            "text",
            "srt",
            "verbose_json",
            "vtt",
            "diarized_json",
        ]
    };
    if !supported.contains(&format.as_str()) {
        return Err(invalid_value(
            "response_format",
            format!(
                "Invalid value for 'response_format': '{format}'. Supported values are: {}.",
                supported
                    .iter()
                    .map(|s| format!("'{s}'"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    let granularities = form_list(ctx, "timestamp_granularities");
    for g in &granularities {
        if g != "word" && g != "segment" {
            return Err(invalid_value(
                "timestamp_granularities",
                format!("Invalid value: '{g}'. Supported values are: 'word' and 'segment'."),
            ));
        }
    }
    if !granularities.is_empty() && format != "verbose_json" {
        return Err(invalid_value(
            "timestamp_granularities",
            "timestamp_granularities is only supported with response_format 'verbose_json'.".into(),
        ));
    }
    let include = form_list(ctx, "include");
    for i in &include {
        if i != "logprobs" {
            return Err(invalid_value(
                "include",
                format!("Invalid value: '{i}'. Supported values are: 'logprobs'."),
            ));
        }
    }
    let with_logprobs = !include.is_empty();
    if with_logprobs && (format != "json" || !model.starts_with("gpt-")) {
        return Err(invalid_value(
            "include",
            "logprobs are only available with response_format 'json' and the gpt-4o \
             transcription models."
                .into(),
        ));
    }
    let stream = matches!(ctx.form_text("stream").as_deref(), Some("true"));
    let words: Vec<&str> = text.split_whitespace().collect();
    let duration = transcript_duration(&text);
    let usage = transcription_usage(&model, &text, duration);
    if stream {
        if translation || model == "whisper-1" {
            return Err(invalid_value(
                "stream",
                format!("Streaming is not supported for the model '{model}'."),
            ));
        }
        return Ok(transcript_stream(&text, &format, with_logprobs, usage));
    }
    let segs = segments(&text);
    let plain = |body: String| ApiReply::Bytes {
        status: 200,
        content_type: "text/plain; charset=utf-8".into(),
        body: Bytes::from(body),
    };
    Ok(match format.as_str() {
        "text" => plain(format!("{text}\n")),
        "srt" => plain(
            segs.iter()
                .enumerate()
                .map(|(i, (start, end, t))| {
                    format!(
                        "{}\n{} --> {}\n{t}\n\n",
                        i + 1,
                        timestamp(*start, ','),
                        timestamp(*end, ',')
                    )
                })
                .collect(),
        ),
        "vtt" => plain(format!(
            "WEBVTT\n\n{}",
            segs.iter()
                .map(|(start, end, t)| format!(
                    "{} --> {}\n{t}\n\n",
                    timestamp(*start, '.'),
                    timestamp(*end, '.')
                ))
                .collect::<String>()
        )),
        "verbose_json" => {
            let mut body = json!({
                "task": if translation { "translate" } else { "transcribe" },
                "language": "english",
                "duration": duration,
                "text": text,
            });
            if granularities.is_empty() || granularities.iter().any(|g| g == "segment") {
                body["segments"] = segs
                    .iter()
                    .enumerate()
                    .map(|(i, (start, end, t))| {
                        json!({
                            "id": i, "seek": 0, "start": start, "end": end,
                            "text": format!(" {t}"),
                            "tokens": t.split_whitespace().map(|w| super::fnv1a(w.as_bytes()) % 50_000).collect::<Vec<_>>(),
                            "temperature": 0.0, "avg_logprob": -0.25, "compression_ratio": 1.0,
                            "no_speech_prob": 0.001
                        })
                    })
                    .collect();
            }
            if granularities.iter().any(|g| g == "word") {
                body["words"] = words
                    .iter()
                    .enumerate()
                    .map(|(i, w)| {
                        let start = i as f64 * WORD_SECONDS;
                        json!({
                            "word": w.trim_matches(|c: char| !c.is_alphanumeric()),
                            "start": start,
                            "end": start + WORD_SECONDS,
                        })
                    })
                    .collect();
            }
            if !translation {
                body["usage"] = usage;
            }
            ApiReply::ok(body)
        }
        "diarized_json" => ApiReply::ok(json!({
            "text": text,
            "segments": diarized(&segs),
            "usage": usage,
        })),
        _ => {
            let mut body = json!({"text": text});
            if with_logprobs {
                body["logprobs"] = Value::Array(logprobs(&text));
            }
            if !translation {
                body["usage"] = usage;
            }
            ApiReply::ok(body)
        }
    })
}

/// Diarized segments: speakers `A` and `B` take turns, one segment each.
fn diarized(segs: &[(f64, f64, String)]) -> Vec<Value> {
    segs.iter()
        .enumerate()
        .map(|(i, (start, end, t))| {
            json!({
                "type": "transcript.text.segment",
                "text": format!(" {t}"),
                "speaker": if i % 2 == 0 { "A" } else { "B" },
                "start": start,
                "end": end,
                "id": format!("seg_{i}"),
            })
        })
        .collect()
}

/// A transcription stream as the service frames it: `data:`-only events (one
/// `transcript.text.delta` per token, or one `transcript.text.segment` per segment for
/// `diarized_json`), `transcript.text.done` with `usage`, then `data: [DONE]`.
pub(crate) fn transcript_stream(
    text: &str,
    format: &str,
    with_logprobs: bool,
    usage: Value,
) -> ApiReply {
    let mut events: Vec<(Option<String>, String)> = Vec::new();
    if format == "diarized_json" {
        for seg in diarized(&segments(text)) {
            events.push((None, seg.to_string()));
        }
    } else {
        let lps = logprobs(text);
        for (i, token) in super::tokens(text).into_iter().enumerate() {
            let mut event = json!({"type": "transcript.text.delta", "delta": token});
            if with_logprobs {
                event["logprobs"] = json!([lps[i]]);
            }
            events.push((None, event.to_string()));
        }
    }
    let mut done = json!({"type": "transcript.text.done", "text": text, "usage": usage});
    if with_logprobs {
        done["logprobs"] = Value::Array(logprobs(text));
    }
    events.push((None, done.to_string()));
    events.push((None, "[DONE]".to_owned()));
    ApiReply::Sse { events }
}

pub(super) fn speech(ctx: &Ctx<'_>) -> Result<ApiReply, ApiReply> {
    let body = ctx.body()?;
    let input = body
        .get("input")
        .and_then(Value::as_str)
        .ok_or_else(|| missing("input"))?;
    if body.get("voice").is_none_or(Value::is_null) {
        return Err(missing("voice"));
    }
    let model = ctx.model(&body)?;
    let format = body
        .get("response_format")
        .and_then(Value::as_str)
        .unwrap_or("mp3");
    let sse = match body.get("stream_format") {
        None | Some(Value::Null) => false,
        Some(Value::String(f)) if f == "audio" => false,
        Some(Value::String(f)) if f == "sse" => true,
        Some(other) => {
            return Err(invalid_value(
                "stream_format",
                format!("Invalid value: {other}. Supported values are: 'sse' and 'audio'."),
            ));
        }
    };
    if sse && model.starts_with("tts-1") {
        return Err(invalid_value(
            "stream_format",
            format!("stream_format 'sse' is not supported for the model '{model}'."),
        ));
    }
    // 100 samples of silence per input character, 24 kHz mono 16-bit like the service's PCM.
    let samples = input.chars().count().max(1) * 100;
    let data = match format {
        "wav" => wav(samples),
        "pcm" => vec![0; samples * 2],
        "mp3" => placeholder(b"ID3", samples),
        "opus" => placeholder(b"OggS", samples),
        "aac" => placeholder(b"\xff\xf1", samples),
        "flac" => placeholder(b"fLaC", samples),
        _ => Vec::new(),
    };
    let Some(content_type) = speech_content_type(format) else {
        return Err(invalid_value(
            "response_format",
            format!("Invalid value for 'response_format': '{format}'."),
        ));
    };
    if sse {
        return Ok(speech_stream(input, &data));
    }
    Ok(ApiReply::Bytes {
        status: 200,
        content_type: content_type.into(),
        body: Bytes::from(data),
    })
}

/// The content type speech in `format` (a `response_format` value) is served with.
pub(crate) fn speech_content_type(format: &str) -> Option<&'static str> {
    Some(match format {
        "wav" => "audio/wav",
        "pcm" => "audio/pcm",
        "mp3" => "audio/mpeg",
        "opus" => "audio/opus",
        "aac" => "audio/aac",
        "flac" => "audio/flac",
        _ => return None,
    })
}

/// Bytes of audio per `speech.audio.delta` event.
const SPEECH_CHUNK: usize = 4096;

/// `speech.audio.delta` events carrying the audio in base64 chunks, then `speech.audio.done`
/// with usage (`data:`-only events).
fn speech_stream(input: &str, audio: &[u8]) -> ApiReply {
    use base64::Engine as _;
    let mut events: Vec<(Option<String>, String)> = audio
        .chunks(SPEECH_CHUNK)
        .map(|chunk| {
            let b64 = base64::engine::general_purpose::STANDARD.encode(chunk);
            (
                None,
                json!({"type": "speech.audio.delta", "audio": b64}).to_string(),
            )
        })
        .collect();
    let input_tokens = super::count_tokens(input);
    let output_tokens = audio.len().div_ceil(SPEECH_CHUNK) as u64;
    events.push((
        None,
        json!({
            "type": "speech.audio.done",
            "usage": {
                "input_tokens": input_tokens,
                "output_tokens": output_tokens,
                "total_tokens": input_tokens + output_tokens,
            }
        })
        .to_string(),
    ));
    ApiReply::Sse { events }
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
