//! Images: `POST /images/generations`, `/images/edits`, `/images/variations`, and Azure's
//! DALL-E 2 batch operation (`POST /openai/images/generations:submit` →
//! `GET /openai/operations/images/{id}`).
//!
//! Every image is a valid 1×1 PNG whose colour derives from the prompt. `url` replies point at
//! this server (`/v1/mock-files/img_<request>_<k>.png`, served without credentials, like a
//! signed blob URL); `b64_json` replies carry the PNG inline. An Azure operation answers
//! `running` for the configured number of polls, then `succeeded` — or `failed` with
//! `error.code = "contentFilter"` when the prompt contains `[fail]`.

use base64::Engine as _;
use bytes::Bytes;
use serde_json::{Map, Value, json};

use super::{Ctx, fnv1a, int_field, invalid_value, missing};
use crate::api::ApiReply;
use crate::png;

/// One submitted Azure batch image generation.
#[derive(Debug, Clone)]
pub(crate) struct ImageOperation {
    prompt: String,
    count: u64,
    b64: bool,
    created: u64,
    polls: u32,
}

pub(super) fn generate(ctx: &Ctx<'_>) -> Result<ApiReply, ApiReply> {
    let body = ctx.body()?;
    let model = ctx.model_or(&body, "dall-e-2")?;
    let prompt = prompt(&body)?;
    let count = int_field(&body, "n", 1, 1, 10)?;
    let b64 = response_format(&body, model.starts_with("gpt-image"))?;
    let mut out = json!({
        "created": ctx.created(),
        "data": images(ctx, &prompt, count, b64, model.contains("dall-e-3")),
    });
    if model.starts_with("gpt-image") {
        out["usage"] = image_usage(&prompt);
    }
    Ok(ApiReply::ok(out))
}

/// `/images/edits` (`with_prompt`) and `/images/variations`: multipart with an `image` file.
pub(super) fn edit(ctx: &Ctx<'_>, with_prompt: bool) -> Result<ApiReply, ApiReply> {
    let image = ctx
        .form
        .iter()
        .find(|f| (f.name == "image" || f.name == "image[]") && f.filename.is_some());
    let Some(image) = image else {
        return Err(missing("image"));
    };
    let prompt = if with_prompt {
        ctx.form_text("prompt")
            .filter(|p| !p.is_empty())
            .ok_or_else(|| missing("prompt"))?
    } else {
        format!(
            "variation of {}",
            image.filename.as_deref().unwrap_or("image")
        )
    };
    let model = match ctx.form_model() {
        Ok(model) => model,
        Err(_) => "dall-e-2".to_owned(),
    };
    let mut fields = Map::new();
    for name in ["n", "response_format"] {
        if let Some(text) = ctx.form_text(name) {
            let value = text.parse::<u64>().map_or(json!(text), |n| json!(n));
            fields.insert(name.to_owned(), value);
        }
    }
    let count = int_field(&fields, "n", 1, 1, 10)?;
    let b64 = response_format(&fields, model.starts_with("gpt-image"))?;
    let mut out = json!({
        "created": ctx.created(),
        "data": images(ctx, &prompt, count, b64, false),
    });
    if model.starts_with("gpt-image") {
        out["usage"] = image_usage(&prompt);
    }
    Ok(ApiReply::ok(out))
}

fn prompt(body: &Map<String, Value>) -> Result<String, ApiReply> {
    match body.get("prompt") {
        None | Some(Value::Null) => Err(missing("prompt")),
        Some(Value::String(s)) if s.is_empty() => Err(invalid_value(
            "prompt",
            "Invalid 'prompt': empty string. Expected a string with minimum length 1.".into(),
        )),
        Some(Value::String(s)) => Ok(s.clone()),
        Some(other) => Err(super::invalid_type("prompt", "a string", other)),
    }
}

/// `true` for `b64_json`.
fn response_format(body: &Map<String, Value>, default_b64: bool) -> Result<bool, ApiReply> {
    match body.get("response_format") {
        None | Some(Value::Null) => Ok(default_b64),
        Some(Value::String(s)) if s == "url" => Ok(false),
        Some(Value::String(s)) if s == "b64_json" => Ok(true),
        Some(other) => Err(invalid_value(
            "response_format",
            format!(
                "Invalid value for 'response_format': {other}. Supported values are: 'url' and \
                 'b64_json'."
            ),
        )),
    }
}

fn image_usage(prompt: &str) -> Value {
    let text = super::count_tokens(prompt);
    json!({
        "input_tokens": text,
        "input_tokens_details": {"text_tokens": text, "image_tokens": 0},
        "output_tokens": 1,
        "total_tokens": text + 1,
    })
}

fn images(ctx: &Ctx<'_>, prompt: &str, count: u64, b64: bool, revised: bool) -> Vec<Value> {
    let hash = fnv1a(prompt.as_bytes()).to_le_bytes();
    let png = Bytes::from(png::one_pixel([hash[0], hash[1], hash[2]]));
    (0..count)
        .map(|k| {
            let mut item = if b64 {
                json!({"b64_json": base64::engine::general_purpose::STANDARD.encode(&png)})
            } else {
                let name = format!("img_{}_{k}.png", ctx.n);
                let url = format!("{}/v1/mock-files/{name}", ctx.shared.origin);
                ctx.shared.inference.store_file(name, png.clone());
                json!({"url": url})
            };
            if revised {
                item["revised_prompt"] = json!(prompt);
            }
            item
        })
        .collect()
}

/// `POST /openai/images/generations:submit` → `202` + `operation-location`.
pub(crate) fn submit_image_operation(ctx: &Ctx<'_>) -> ApiReply {
    let run = || -> Result<ApiReply, ApiReply> {
        let body = ctx.body()?;
        let prompt = prompt(&body)?;
        let count = int_field(&body, "n", 1, 1, 10)?;
        let b64 = response_format(&body, false)?;
        let id = operation_id(ctx.n);
        let op = ImageOperation {
            prompt,
            count,
            b64,
            created: ctx.created(),
            polls: 0,
        };
        ctx.shared
            .inference
            .operations
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id.clone(), op);
        let version = ctx.api_version.unwrap_or("2023-06-01-preview");
        let location = format!(
            "{}/openai/operations/images/{id}?api-version={version}",
            ctx.shared.origin
        );
        let reply = ApiReply::Json {
            status: 202,
            headers: vec![("operation-location".into(), location)],
            body: json!({"id": id, "status": "notRunning"}),
        };
        Ok(with_retry_after(ctx, reply))
    };
    run().unwrap_or_else(|e| e)
}

/// `GET /openai/operations/images/{id}`: `running` for the configured number of polls, then the
/// terminal state.
pub(crate) fn poll_image_operation(ctx: &Ctx<'_>, id: &str) -> ApiReply {
    let op = {
        let mut ops = ctx
            .shared
            .inference
            .operations
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        match ops.get_mut(id) {
            Some(op) => {
                op.polls += 1;
                op.clone()
            }
            None => {
                return ApiReply::Json {
                    status: 404,
                    headers: Vec::new(),
                    body: json!({"error": {
                        "code": "NotFound",
                        "message": format!("The operation '{id}' was not found."),
                    }}),
                };
            }
        }
    };
    if op.polls <= ctx.shared.config.image_running_polls {
        let reply = ApiReply::ok(json!({"created": op.created, "id": id, "status": "running"}));
        return with_retry_after(ctx, reply);
    }
    if op.prompt.contains("[fail]") {
        return ApiReply::ok(json!({
            "created": op.created,
            "id": id,
            "status": "failed",
            "error": {
                "code": "contentFilter",
                "message": "Your task failed as a result of our safety system.",
            },
        }));
    }
    ApiReply::ok(json!({
        "created": op.created,
        "expires": op.created + 86_400,
        "id": id,
        "result": {
            "created": op.created,
            "data": images(ctx, &op.prompt, op.count, op.b64, false),
        },
        "status": "succeeded",
    }))
}

fn with_retry_after(ctx: &Ctx<'_>, reply: ApiReply) -> ApiReply {
    match ctx.shared.config.image_retry_after {
        Some(secs) => reply.with_header("retry-after", secs.to_string()),
        None => reply,
    }
}

/// A UUID-shaped id derived from the request number.
fn operation_id(n: u64) -> String {
    format!("{:08x}-0000-4000-8000-{:012x}", n as u32, n)
}
