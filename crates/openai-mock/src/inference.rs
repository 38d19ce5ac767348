//! Default behavior of the stateless routes: chat and legacy completions, embeddings, images
//! (plus Azure's DALL-E 2 batch operation), audio and models.
//!
//! Everything is deterministic: ids and `created` derive from the request number, text from the
//! request itself (see the crate docs' "Default behavior" for the rules), so two runs of a test
//! see byte-identical replies.

mod audio;
mod chat;
mod completions;
mod embeddings;
mod images;
mod moderations;

use std::collections::HashMap;
use std::sync::Mutex;

use bytes::Bytes;
use serde_json::{Map, Value, json};

use crate::api::{ApiReply, FormField};
use crate::front::Style;
use crate::server::Shared;

pub(crate) use audio::{
    speech_content_type, transcript_duration, transcript_stream, transcription_usage,
};
pub(crate) use chat::{
    Choice, Head, completion, content_filter_error, fragments, placeholder, stream_chunks,
};
pub(crate) use images::{ImageOperation, poll_image_operation, submit_image_operation};

/// `created` of a reply is this plus the request number (2025-01-01T00:00:00Z + n seconds).
pub(crate) const CREATED_BASE: u64 = 1_735_689_600;

/// Everything a handler knows about the request beyond its path.
pub(crate) struct Ctx<'a> {
    pub(crate) shared: &'a Shared,
    pub(crate) style: Style,
    /// The deployment named in an Azure deployment route.
    pub(crate) deployment: Option<&'a str>,
    /// The request number (1-based); ids derive from it.
    pub(crate) n: u64,
    pub(crate) api_version: Option<&'a str>,
    pub(crate) json: Option<&'a Value>,
    pub(crate) form: &'a [FormField],
}

impl Ctx<'_> {
    /// The JSON body as an object (`{}` when there was no body).
    pub(crate) fn body(&self) -> Result<Map<String, Value>, ApiReply> {
        match self.json {
            None => Ok(Map::new()),
            Some(Value::Object(map)) => Ok(map.clone()),
            Some(other) => Err(ApiReply::error(
                400,
                format!(
                    "Invalid type for the request body: expected an object, but got {} instead.",
                    kind(other)
                ),
                "invalid_request_error",
                None,
                Some("invalid_type"),
            )),
        }
    }

    /// The model: the deployment on Azure deployment routes, else the required `model` field.
    pub(crate) fn model(&self, body: &Map<String, Value>) -> Result<String, ApiReply> {
        if let Some(deployment) = self.deployment {
            return Ok(deployment.to_owned());
        }
        match body.get("model") {
            None | Some(Value::Null) => Err(missing("model")),
            Some(Value::String(s)) if s.is_empty() => Err(invalid_value(
                "model",
                "Invalid 'model': empty string. Expected a string with minimum length 1."
                    .to_owned(),
            )),
            Some(Value::String(s)) => Ok(s.clone()),
            Some(other) => Err(invalid_type("model", "a string", other)),
        }
    }

    /// The model when it is optional (images), with a default.
    fn model_or(&self, body: &Map<String, Value>, default: &str) -> Result<String, ApiReply> {
        match (self.deployment, body.get("model")) {
            (None, None | Some(Value::Null)) => Ok(default.to_owned()),
            _ => self.model(body),
        }
    }

    pub(crate) fn created(&self) -> u64 {
        CREATED_BASE + self.n
    }

    /// Azure replies carry content-filter annotations.
    fn azure(&self) -> bool {
        self.style.is_azure()
    }

    /// The text value of multipart field `name`.
    fn form_text(&self, name: &str) -> Option<String> {
        self.form
            .iter()
            .find(|f| f.name == name && f.filename.is_none())
            .map(FormField::text)
    }

    /// The model of a multipart request: the deployment, else the required `model` field.
    fn form_model(&self) -> Result<String, ApiReply> {
        match self.deployment {
            Some(d) => Ok(d.to_owned()),
            None => self.form_text("model").ok_or_else(|| missing("model")),
        }
    }
}

/// Images served under `/v1/mock-files/` and pending Azure image operations.
#[derive(Debug, Default)]
pub(crate) struct InferenceState {
    files: Mutex<HashMap<String, Bytes>>,
    pub(crate) operations: Mutex<HashMap<String, ImageOperation>>,
}

impl InferenceState {
    pub(crate) fn store_file(&self, name: String, data: Bytes) {
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(name, data);
    }

    /// `GET /v1/mock-files/{name}`.
    pub(crate) fn file(&self, method: &str, name: &str) -> ApiReply {
        let found = (method == "GET")
            .then(|| {
                self.files
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .get(name)
                    .cloned()
            })
            .flatten();
        match found {
            Some(body) => ApiReply::Bytes {
                status: 200,
                content_type: "image/png".into(),
                body,
            },
            None => ApiReply::error(
                404,
                format!("No mock file named '{name}'."),
                "invalid_request_error",
                None,
                None,
            ),
        }
    }
}

/// The inference routes; `None` when `op` is not one of them.
pub(crate) fn handle(ctx: &Ctx<'_>, method: &str, op: &str) -> Option<ApiReply> {
    let reply = match (method, op) {
        ("POST", "/chat/completions") => chat::create(ctx),
        ("POST", "/completions") => completions::create(ctx),
        ("POST", "/embeddings") => embeddings::create(ctx),
        ("POST", "/images/generations") => images::generate(ctx),
        ("POST", "/images/edits") => images::edit(ctx, true),
        ("POST", "/images/variations") => images::edit(ctx, false),
        ("POST", "/audio/transcriptions") => audio::transcribe(ctx, "transcription"),
        ("POST", "/audio/translations") => audio::transcribe(ctx, "translation"),
        ("POST", "/audio/speech") => audio::speech(ctx),
        ("POST", "/moderations") => moderations::create(ctx),
        ("GET", "/models") => models_list(),
        ("GET", _) if op.starts_with("/models/") => model_get(&op["/models/".len()..]),
        _ => return None,
    };
    Some(reply.unwrap_or_else(|e| e))
}

const MODELS: [(&str, &str); 8] = [
    ("gpt-4o-mini", "system"),
    ("gpt-4o", "system"),
    ("gpt-3.5-turbo-instruct", "system"),
    ("text-embedding-3-small", "system"),
    ("text-embedding-3-large", "system"),
    ("dall-e-3", "system"),
    ("whisper-1", "openai-internal"),
    ("tts-1", "openai-internal"),
];

fn model_object(id: &str, owned_by: &str) -> Value {
    json!({"id": id, "object": "model", "created": 1_698_785_189u64, "owned_by": owned_by})
}

fn models_list() -> Result<ApiReply, ApiReply> {
    let data: Vec<Value> = MODELS.iter().map(|(id, o)| model_object(id, o)).collect();
    Ok(ApiReply::ok(json!({"object": "list", "data": data})))
}

fn model_get(id: &str) -> Result<ApiReply, ApiReply> {
    let id = crate::front::percent_decode(id);
    match MODELS.iter().find(|(m, _)| *m == id) {
        Some((m, o)) => Ok(ApiReply::ok(model_object(m, o))),
        None => Err(ApiReply::error(
            404,
            format!("The model '{id}' does not exist"),
            "invalid_request_error",
            Some("model"),
            Some("model_not_found"),
        )),
    }
}

// ---- shared helpers -------------------------------------------------------------------------

pub(crate) fn missing(param: &str) -> ApiReply {
    ApiReply::error(
        400,
        format!("Missing required parameter: '{param}'."),
        "invalid_request_error",
        Some(param),
        Some("missing_required_parameter"),
    )
}

pub(crate) fn invalid_type(param: &str, expected: &str, got: &Value) -> ApiReply {
    ApiReply::error(
        400,
        format!(
            "Invalid type for '{param}': expected {expected}, but got {} instead.",
            kind(got)
        ),
        "invalid_request_error",
        Some(param),
        Some("invalid_type"),
    )
}

pub(crate) fn invalid_value(param: &str, message: String) -> ApiReply {
    ApiReply::error(
        400,
        message,
        "invalid_request_error",
        Some(param),
        Some("invalid_value"),
    )
}

/// How the service names a JSON value's type in messages.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a decimal",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// An optional integer field within `min..=max` (`default` when absent or null).
pub(crate) fn int_field(
    body: &Map<String, Value>,
    name: &str,
    default: u64,
    min: u64,
    max: u64,
) -> Result<u64, ApiReply> {
    match body.get(name) {
        None | Some(Value::Null) => Ok(default),
        Some(v) => match v.as_u64() {
            Some(x) if (min..=max).contains(&x) => Ok(x),
            Some(x) if x > max => Err(invalid_value(
                name,
                format!(
                    "Invalid '{name}': integer above maximum value. Expected a value <= {max}, but got {x} instead."
                ),
            )),
            Some(x) => Err(invalid_value(
                name,
                format!(
                    "Invalid '{name}': integer below minimum value. Expected a value >= {min}, but got {x} instead."
                ),
            )),
            None if v.is_i64() => Err(invalid_value(
                name,
                format!(
                    "Invalid '{name}': integer below minimum value. Expected a value >= {min}, but got {v} instead."
                ),
            )),
            None => Err(invalid_type(name, "an integer", v)),
        },
    }
}

/// The first of `names` that is set, as a token limit (`None` when none is set).
fn max_tokens(body: &Map<String, Value>, names: &[&str]) -> Result<Option<u64>, ApiReply> {
    for name in names {
        if body.get(*name).is_some_and(|v| !v.is_null()) {
            return int_field(body, name, 1, 1, u64::MAX).map(Some);
        }
    }
    Ok(None)
}

/// An optional boolean field (`false` when absent or null).
pub(crate) fn bool_field(body: &Map<String, Value>, name: &str) -> Result<bool, ApiReply> {
    match body.get(name) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(other) => Err(invalid_type(name, "a boolean", other)),
    }
}

/// `stream_options.include_usage`, rejecting `stream_options` on a non-stream request like
/// the service does.
fn include_usage(body: &Map<String, Value>, stream: bool) -> Result<bool, ApiReply> {
    match body.get("stream_options") {
        None | Some(Value::Null) => Ok(false),
        Some(_) if !stream => Err(invalid_value(
            "stream_options",
            "The 'stream_options' parameter is only allowed when 'stream' is enabled.".into(),
        )),
        Some(Value::Object(o)) => Ok(o.get("include_usage") == Some(&Value::Bool(true))),
        Some(other) => Err(invalid_type("stream_options", "an object", other)),
    }
}

/// Splits text into "tokens" the way deltas arrive: each word with its leading whitespace
/// (`"Echo: hi there"` → `["Echo:", " hi", " there"]`).
pub(crate) fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if in_word {
                out.push(&text[start..i]);
                start = i;
                in_word = false;
            }
        } else {
            in_word = true;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Token count used in `usage` (at least 1 for non-empty text).
pub(crate) fn count_tokens(text: &str) -> u64 {
    tokens(text).len() as u64
}

/// Cuts `text` to at most `max` tokens; `true` when it was cut.
pub(crate) fn truncate(text: &str, max: Option<u64>) -> (String, bool) {
    let pieces = tokens(text);
    match max {
        Some(max) if (pieces.len() as u64) > max => (pieces[..max as usize].concat(), true),
        _ => (text.to_owned(), false),
    }
}

/// The `usage` object chat replies carry, with the detail objects the service sends.
pub(crate) fn chat_usage(prompt: u64, completion: u64) -> Value {
    json!({
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
        "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
        "completion_tokens_details": {
            "reasoning_tokens": 0,
            "audio_tokens": 0,
            "accepted_prediction_tokens": 0,
            "rejected_prediction_tokens": 0
        }
    })
}

/// Azure's per-category content filter verdicts, all "safe".
pub(crate) fn content_filter_results() -> Value {
    let safe = json!({"filtered": false, "severity": "safe"});
    json!({
        "hate": safe,
        "self_harm": safe,
        "sexual": safe,
        "violence": safe,
    })
}

/// Azure's `prompt_filter_results` for `prompts` prompts.
pub(crate) fn prompt_filter_results(prompts: usize) -> Value {
    Value::Array(
        (0..prompts)
            .map(|i| json!({"prompt_index": i, "content_filter_results": content_filter_results()}))
            .collect(),
    )
}

/// FNV-1a, to seed deterministic outputs from request text.
pub(crate) fn fnv1a(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// SSE events for one JSON chunk each, then `[DONE]`.
pub(crate) fn sse(chunks: Vec<Value>) -> ApiReply {
    let mut events: Vec<(Option<String>, String)> =
        chunks.into_iter().map(|c| (None, c.to_string())).collect();
    events.push((None, "[DONE]".to_owned()));
    ApiReply::Sse { events }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_leading_whitespace() {
        assert_eq!(tokens("Echo: hi  there"), ["Echo:", " hi", "  there"]);
        assert_eq!(tokens(" lead"), [" lead"]);
        assert_eq!(tokens(""), Vec::<&str>::new());
        assert_eq!(tokens("a\n\nb "), ["a", "\n\nb", " "]);
        assert_eq!(truncate("a b c", Some(2)), ("a b".to_owned(), true));
        assert_eq!(truncate("a b", Some(2)), ("a b".to_owned(), false));
    }
}
