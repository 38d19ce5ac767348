//! Batches: `POST /batches`, `GET /batches`, `GET /batches/{id}`, `POST /batches/{id}/cancel`.
//!
//! A batch advances one state per retrieve: `validating` → `in_progress` (or `failed` when the
//! input file is malformed, with `errors.data[{code, line, message}]`) → `finalizing` (after
//! [`DataState::polls`] more retrieves) → `completed`. Completing runs every input line through
//! the mock's own handlers in-process (chat completions, completions, embeddings, moderations,
//! responses), writes the `200` answers to the output file and the others to the error file.
//! Line `i` (0-based) is answered as if it were request number `n × 10000 + i + 1`, `n` being
//! the retrieve that completed the batch, so ids and `created` differ between lines and stay
//! deterministic. On Azure each line's `body.model` names the deployment.

use bytes::Bytes;
use serde_json::{Value, json};

use super::{DataState, Obj, Reply, Request, invalid_url, method_not_allowed, str_field};
use crate::api::ApiReply;
use crate::assistants::opt_metadata;
use crate::front::Style;
use crate::inference::{self, Ctx, invalid_type, invalid_value, missing};

/// Endpoints a batch may target (without the `/v1` prefix).
const ENDPOINTS: [&str; 5] = [
    "/responses",
    "/chat/completions",
    "/embeddings",
    "/completions",
    "/moderations",
];

/// Seconds in the only completion window, `24h`.
const WINDOW: u64 = 86_400;

#[derive(Debug)]
pub(super) struct Batch {
    obj: Obj,
    /// Valid input lines, filled by validation.
    lines: Vec<Obj>,
    /// Retrieves left in `in_progress`.
    polls_left: u32,
    /// `output_expires_after[seconds]`, applied to the output and error files.
    output_expiry: Option<u64>,
    /// Set while a retrieve runs the lines outside the lock.
    running: bool,
}

pub(super) fn route(state: &DataState, req: &Request<'_, '_>, seg: &[&str]) -> Reply {
    match (seg, req.method) {
        (["batches"], "POST") => create(state, req),
        (["batches"], "GET") => list(state, req),
        (["batches"], _) => Err(method_not_allowed(req, &["GET", "POST"])),
        (["batches", id], "GET") => retrieve(state, req, id),
        (["batches", _], _) => Err(method_not_allowed(req, &["GET"])),
        (["batches", id, "cancel"], "POST") => cancel(state, req, id),
        (["batches", _, "cancel"], _) => Err(method_not_allowed(req, &["POST"])),
        _ => Err(invalid_url(req)),
    }
}

/// `/v1/chat/completions` and `/chat/completions` name the same endpoint.
fn normalize(endpoint: &str) -> &str {
    endpoint.strip_prefix("/v1").unwrap_or(endpoint)
}

fn create(state: &DataState, req: &Request<'_, '_>) -> Reply {
    let body = req.body()?;
    let text = |name: &str| match body.get(name) {
        None | Some(Value::Null) => Err(missing(name)),
        Some(Value::String(s)) => Ok(s.clone()),
        Some(other) => Err(invalid_type(name, "a string", other)),
    };
    let input_file_id = text("input_file_id")?;
    let endpoint = text("endpoint")?;
    let window = text("completion_window")?;
    if !ENDPOINTS.contains(&normalize(&endpoint)) {
        return Err(invalid_value(
            "endpoint",
            format!(
                "Invalid value: '{endpoint}'. Supported values are: '/v1/responses', \
                 '/v1/chat/completions', '/v1/embeddings', '/v1/completions' and \
                 '/v1/moderations'."
            ),
        ));
    }
    if window != "24h" {
        return Err(invalid_value(
            "completion_window",
            format!("Invalid value: '{window}'. Supported values are: '24h'."),
        ));
    }
    let metadata = opt_metadata(&body)?.unwrap_or(Value::Null);
    let output_expiry = match body.get("output_expires_after") {
        None | Some(Value::Null) => None,
        Some(Value::Object(o)) => {
            if o.get("anchor").and_then(Value::as_str) != Some("created_at") {
                return Err(invalid_value(
                    "output_expires_after.anchor",
                    "Invalid 'output_expires_after.anchor': supported values are: 'created_at'."
                        .into(),
                ));
            }
            match o.get("seconds").and_then(Value::as_u64) {
                Some(s) if (3600..=2_592_000).contains(&s) => Some(s),
                _ => {
                    return Err(invalid_value(
                        "output_expires_after.seconds",
                        "Invalid 'output_expires_after.seconds': expected an integer between \
                         3600 and 2592000."
                            .into(),
                    ));
                }
            }
        }
        Some(other) => return Err(invalid_type("output_expires_after", "an object", other)),
    };
    let (file, _) = req
        .ctx
        .shared
        .assistants
        .file_data(&input_file_id)
        .ok_or_else(|| ApiReply::not_found("file", &input_file_id))?;
    if str_field(&file, "purpose") != "batch" {
        return Err(invalid_value(
            "input_file_id",
            format!(
                "The file {input_file_id} has purpose '{}'; batch input files need purpose \
                 'batch'.",
                str_field(&file, "purpose")
            ),
        ));
    }
    let created_at = req.created();
    let mut store = state.lock();
    let id = store.next_id("batch_");
    let mut obj = Obj::new();
    obj.insert("id".into(), json!(id));
    obj.insert("object".into(), json!("batch"));
    obj.insert("endpoint".into(), json!(endpoint));
    obj.insert("model".into(), Value::Null);
    obj.insert("errors".into(), Value::Null);
    obj.insert("input_file_id".into(), json!(input_file_id));
    obj.insert("completion_window".into(), json!(window));
    obj.insert("status".into(), json!("validating"));
    obj.insert("output_file_id".into(), Value::Null);
    obj.insert("error_file_id".into(), Value::Null);
    obj.insert("created_at".into(), json!(created_at));
    obj.insert("in_progress_at".into(), Value::Null);
    obj.insert("expires_at".into(), json!(created_at + WINDOW));
    for key in [
        "finalizing_at",
        "completed_at",
        "failed_at",
        "expired_at",
        "cancelling_at",
        "cancelled_at",
    ] {
        obj.insert(key.into(), Value::Null);
    }
    obj.insert(
        "request_counts".into(),
        json!({"total": 0, "completed": 0, "failed": 0}),
    );
    obj.insert("usage".into(), usage(0, 0));
    obj.insert("metadata".into(), metadata);
    store.batches.push(Batch {
        obj: obj.clone(),
        lines: Vec::new(),
        polls_left: state.polls,
        output_expiry,
        running: false,
    });
    Ok(state.with_poll_hint(ApiReply::ok(Value::Object(obj))))
}

fn usage(input: u64, output: u64) -> Value {
    json!({
        "input_tokens": input,
        "output_tokens": output,
        "total_tokens": input + output,
        "input_tokens_details": {"cached_tokens": 0},
        "output_tokens_details": {"reasoning_tokens": 0},
    })
}

fn list(state: &DataState, req: &Request<'_, '_>) -> Reply {
    let store = state.lock();
    let items = store
        .batches
        .iter()
        .map(|b| Value::Object(b.obj.clone()))
        .collect();
    req.page(items)
}

fn find<'a>(batches: &'a mut [Batch], id: &str) -> Result<&'a mut Batch, ApiReply> {
    batches
        .iter_mut()
        .find(|b| str_field(&b.obj, "id") == id)
        .ok_or_else(|| ApiReply::not_found("batch", id))
}

fn reply(state: &DataState, obj: &Obj) -> ApiReply {
    let done = matches!(
        str_field(obj, "status"),
        "completed" | "failed" | "cancelled" | "expired"
    );
    let reply = ApiReply::ok(Value::Object(obj.clone()));
    if done {
        reply
    } else {
        state.with_poll_hint(reply)
    }
}

fn retrieve(state: &DataState, req: &Request<'_, '_>, id: &str) -> Reply {
    let now = req.created();
    let (lines, expiry) = {
        let mut store = state.lock();
        let batch = find(&mut store.batches, id)?;
        if batch.running {
            return Ok(reply(state, &batch.obj));
        }
        match str_field(&batch.obj, "status") {
            "validating" => {
                let input = str_field(&batch.obj, "input_file_id").to_owned();
                let endpoint = str_field(&batch.obj, "endpoint").to_owned();
                let data = req
                    .ctx
                    .shared
                    .assistants
                    .file_data(&input)
                    .map(|(_, d)| d)
                    .unwrap_or_default();
                match validate(&data, &endpoint) {
                    Ok(lines) => {
                        let model = lines
                            .first()
                            .and_then(|l| l.get("body"))
                            .and_then(|b| b.get("model"))
                            .cloned()
                            .unwrap_or(Value::Null);
                        batch.obj.insert("model".into(), model);
                        batch.obj.insert(
                            "request_counts".into(),
                            json!({"total": lines.len(), "completed": 0, "failed": 0}),
                        );
                        batch.lines = lines;
                        set(&mut batch.obj, "in_progress", "in_progress_at", now);
                    }
                    Err(errors) => {
                        batch
                            .obj
                            .insert("errors".into(), json!({"object": "list", "data": errors}));
                        set(&mut batch.obj, "failed", "failed_at", now);
                    }
                }
                return Ok(reply(state, &batch.obj));
            }
            "in_progress" => {
                if batch.polls_left > 0 {
                    batch.polls_left -= 1;
                } else {
                    set(&mut batch.obj, "finalizing", "finalizing_at", now);
                }
                return Ok(reply(state, &batch.obj));
            }
            "cancelling" => {
                set(&mut batch.obj, "cancelled", "cancelled_at", now);
                return Ok(reply(state, &batch.obj));
            }
            "finalizing" => {
                batch.running = true;
                (std::mem::take(&mut batch.lines), batch.output_expiry)
            }
            _ => return Ok(reply(state, &batch.obj)),
        }
    };
    // Run the lines with no lock held: they go through the other handlers.
    let outcome = run_lines(state, req, &lines);
    let assistants = &req.ctx.shared.assistants;
    let azure = req.azure();
    let output_file = (!outcome.output.is_empty()).then(|| {
        assistants.add_file_expiring(
            &format!("{id}_output.jsonl"),
            "batch_output",
            Bytes::from(outcome.output),
            azure,
            expiry,
        )
    });
    let error_file = (!outcome.errors.is_empty()).then(|| {
        assistants.add_file_expiring(
            &format!("{id}_error.jsonl"),
            "batch_output",
            Bytes::from(outcome.errors),
            azure,
            expiry,
        )
    });
    let mut store = state.lock();
    let batch = find(&mut store.batches, id)?;
    batch.running = false;
    let file_id = |f: &Option<Obj>| f.as_ref().map(|o| json!(str_field(o, "id")));
    batch.obj.insert(
        "output_file_id".into(),
        file_id(&output_file).unwrap_or(Value::Null),
    );
    batch.obj.insert(
        "error_file_id".into(),
        file_id(&error_file).unwrap_or(Value::Null),
    );
    batch.obj.insert(
        "request_counts".into(),
        json!({
            "total": lines.len(),
            "completed": outcome.completed,
            "failed": outcome.failed,
        }),
    );
    batch.obj.insert(
        "usage".into(),
        usage(outcome.input_tokens, outcome.output_tokens),
    );
    set(&mut batch.obj, "completed", "completed_at", now);
    Ok(reply(state, &batch.obj))
}

fn set(obj: &mut Obj, status: &str, at: &str, now: u64) {
    obj.insert("status".into(), json!(status));
    obj.insert(at.into(), json!(now));
}

fn cancel(state: &DataState, req: &Request<'_, '_>, id: &str) -> Reply {
    let mut store = state.lock();
    let batch = find(&mut store.batches, id)?;
    match str_field(&batch.obj, "status") {
        "validating" | "in_progress" | "finalizing" if !batch.running => {
            set(&mut batch.obj, "cancelling", "cancelling_at", req.created());
            Ok(reply(state, &batch.obj))
        }
        other => Err(ApiReply::error(
            409,
            format!("Cannot cancel a batch with status '{other}'."),
            "invalid_request_error",
            None,
            None,
        )),
    }
}

/// Parses the JSONL input; every problem is reported with its 1-based line.
fn validate(data: &[u8], endpoint: &str) -> Result<Vec<Obj>, Vec<Value>> {
    let mut lines = Vec::new();
    let mut errors = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let text = String::from_utf8_lossy(data);
    let err = |code: &str, line: usize, message: String| json!({"code": code, "line": line, "message": message, "param": null});
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        if raw.trim().is_empty() {
            continue;
        }
        let Ok(Value::Object(obj)) = serde_json::from_str::<Value>(raw) else {
            errors.push(err(
                "invalid_json_line",
                line,
                "This line is not parseable as valid JSON.".into(),
            ));
            continue;
        };
        let Some(custom_id) = obj.get("custom_id").and_then(Value::as_str) else {
            errors.push(err(
                "missing_custom_id",
                line,
                "The line is missing a string 'custom_id'.".into(),
            ));
            continue;
        };
        if seen.iter().any(|s| s == custom_id) {
            errors.push(err(
                "duplicate_custom_id",
                line,
                format!("The custom_id '{custom_id}' is used by more than one line."),
            ));
            continue;
        }
        seen.push(custom_id.to_owned());
        if obj.get("method").and_then(Value::as_str) != Some("POST") {
            errors.push(err(
                "invalid_method",
                line,
                "Only the POST method is supported.".into(),
            ));
            continue;
        }
        let url = obj.get("url").and_then(Value::as_str).unwrap_or("");
        if normalize(url) != normalize(endpoint) {
            errors.push(err(
                "mismatched_endpoint",
                line,
                format!("The URL '{url}' does not match the batch endpoint '{endpoint}'."),
            ));
            continue;
        }
        if !obj.get("body").is_some_and(Value::is_object) {
            errors.push(err(
                "missing_body",
                line,
                "The line is missing an object 'body'.".into(),
            ));
            continue;
        }
        lines.push(obj);
    }
    if lines.is_empty() && errors.is_empty() {
        errors.push(err(
            "empty_file",
            0,
            "The input file has no requests.".into(),
        ));
    }
    if errors.is_empty() {
        Ok(lines)
    } else {
        Err(errors)
    }
}

#[derive(Default)]
struct Outcome {
    output: Vec<u8>,
    errors: Vec<u8>,
    completed: u64,
    failed: u64,
    input_tokens: u64,
    output_tokens: u64,
}

fn run_lines(state: &DataState, req: &Request<'_, '_>, lines: &[Obj]) -> Outcome {
    let shared = req.ctx.shared;
    let style = if req.azure() {
        Style::AzureV1
    } else {
        Style::OpenAi
    };
    let mut out = Outcome::default();
    for (i, line) in lines.iter().enumerate() {
        let n = req.ctx.n * 10_000 + i as u64 + 1;
        let body = line.get("body").cloned().unwrap_or_else(|| json!({}));
        let url = line.get("url").and_then(Value::as_str).unwrap_or("");
        let op = normalize(url);
        let ctx = Ctx {
            shared,
            style,
            deployment: None,
            n,
            api_version: None,
            json: Some(&body),
            form: &[],
        };
        let answer = if body.get("stream") == Some(&Value::Bool(true)) {
            ApiReply::invalid("stream", "Streaming is not supported in batches.")
        } else if op == "/responses" {
            shared
                .responses
                .handle(&ctx, "POST", op, &[])
                .unwrap_or_else(|| ApiReply::invalid("url", "Unknown endpoint."))
        } else {
            inference::handle(&ctx, "POST", op)
                .unwrap_or_else(|| ApiReply::invalid("url", "Unknown endpoint."))
        };
        let (status, answer) = match answer {
            ApiReply::Json { status, body, .. } => (status, body),
            _ => (
                500,
                json!({"error": {"message": "The handler did not answer JSON.", "type": "server_error", "param": null, "code": null}}),
            ),
        };
        let batch_req_id = state.lock().next_id("batch_req_");
        let record = json!({
            "id": batch_req_id,
            "custom_id": line.get("custom_id").cloned().unwrap_or(Value::Null),
            "response": {
                "status_code": status,
                "request_id": format!("req_{n}"),
                "body": answer,
            },
            "error": null,
        });
        let target = if status == 200 {
            out.completed += 1;
            let u = answer.get("usage");
            let num = |k: &str| {
                u.and_then(|u| u.get(k))
                    .and_then(Value::as_u64)
                    .unwrap_or(0)
            };
            out.input_tokens += num("prompt_tokens") + num("input_tokens");
            out.output_tokens += num("completion_tokens") + num("output_tokens");
            &mut out.output
        } else {
            out.failed += 1;
            &mut out.errors
        };
        target.extend_from_slice(record.to_string().as_bytes());
        target.push(b'\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_reports_lines() {
        let good = br#"{"custom_id":"a","method":"POST","url":"/v1/embeddings","body":{}}"#;
        assert_eq!(validate(good, "/v1/embeddings").unwrap().len(), 1);
        let bad = b"{\"custom_id\":\"a\",\"method\":\"POST\",\"url\":\"/v1/embeddings\",\"body\":{}}\nnot json\n{\"custom_id\":\"a\",\"method\":\"POST\",\"url\":\"/v1/embeddings\",\"body\":{}}\n";
        let errors = validate(bad, "/v1/embeddings").unwrap_err();
        assert_eq!(errors[0]["code"], "invalid_json_line");
        assert_eq!(errors[0]["line"], 2);
        assert_eq!(errors[1]["code"], "duplicate_custom_id");
        assert_eq!(errors[1]["line"], 3);
        assert_eq!(
            validate(b"", "/v1/embeddings").unwrap_err()[0]["code"],
            "empty_file"
        );
        let wrong = br#"{"custom_id":"a","method":"POST","url":"/v1/completions","body":{}}"#;
        assert_eq!(
            validate(wrong, "/v1/embeddings").unwrap_err()[0]["code"],
            "mismatched_endpoint"
        );
    }
}
