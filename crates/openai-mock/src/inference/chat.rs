//! `POST /chat/completions`, streaming and not.
//!
//! Rules (also in the crate docs):
//! - Text: choice 0 says `Echo: <text of the last user message>`, choice `i > 0` says
//!   `Echo (choice i): <text>`; `max_completion_tokens`/`max_tokens` cut it (finish `length`).
//! - After a `tool` message (the last message has role `tool`), the answer is text:
//!   `Tool output received: <contents of the trailing tool messages, joined by "; ">`.
//! - Tool calls, when `tools` are given: `tool_choice` `"required"` or naming a function calls
//!   it (required: the functions the last user message mentions, else the first tool);
//!   `"auto"` or no `tool_choice` calls every function whose name appears in the last user
//!   message (none mentioned → text); `"none"` → text. `parallel_tool_calls: false` keeps only
//!   the first call. Arguments are JSON built from the function's `parameters` schema: each
//!   required property gets a placeholder (`"mock-<name>"` strings, `1`, `true`, first `enum`
//!   value, `[]`, nested objects filled the same way).
//! - Azure only: a last user message containing `[content_filter]` is rejected with Azure's
//!   `400 content_filter` body (with `innererror`); with `[async_filter]`, a stream ends with
//!   asynchronous-filter chunks (empty `id`/`object`/`model`, `created: 0`, choices without
//!   `delta` but with `content_filter_results`).

use serde_json::{Map, Value, json};

use super::{
    Ctx, bool_field, chat_usage, content_filter_results, count_tokens, include_usage, int_field,
    invalid_type, invalid_value, max_tokens, missing, prompt_filter_results, sse, tokens, truncate,
};
use crate::api::ApiReply;

enum Answer {
    /// Echo this user text (`Echo: …`).
    Echo(String),
    /// Answer with exactly this text.
    Text(String),
    Tools(Vec<(String, String)>),
}

pub(super) fn create(ctx: &Ctx<'_>) -> Result<ApiReply, ApiReply> {
    let body = ctx.body()?;
    let model = ctx.model(&body)?;
    let messages = match body.get("messages") {
        None | Some(Value::Null) => return Err(missing("messages")),
        Some(Value::Array(m)) if m.is_empty() => {
            return Err(ApiReply::error(
                400,
                "Invalid 'messages': empty array. Expected an array with minimum length 1, but \
                 got an empty array instead.",
                "invalid_request_error",
                Some("messages"),
                Some("empty_array"),
            ));
        }
        Some(Value::Array(m)) => m,
        Some(other) => return Err(invalid_type("messages", "an array", other)),
    };
    for (i, message) in messages.iter().enumerate() {
        match message.get("role") {
            Some(Value::String(_)) => {}
            None => return Err(missing(&format!("messages[{i}].role"))),
            Some(other) => {
                return Err(invalid_type(
                    &format!("messages[{i}].role"),
                    "a string",
                    other,
                ));
            }
        }
    }
    let n = int_field(&body, "n", 1, 1, 128)?;
    let stream = bool_field(&body, "stream")?;
    let include_usage = include_usage(&body, stream)?;
    let max = max_tokens(&body, &["max_completion_tokens", "max_tokens"])?;
    let user_text = last_user_text(messages);
    if ctx.azure() && user_text.contains(CONTENT_FILTER_MARKER) {
        return Err(content_filter_error());
    }
    let async_filter = ctx.azure() && user_text.contains(ASYNC_FILTER_MARKER);
    let answer = plan(&body, messages)?;
    let prompt_tokens = messages
        .iter()
        .map(|m| count_tokens(&content_text(m.get("content"))))
        .sum::<u64>()
        .max(1);

    let text_choice = |text: String| {
        let (text, cut) = truncate(&text, max);
        Choice {
            text: Some(text),
            pieces: None,
            calls: Vec::new(),
            finish: if cut { "length" } else { "stop" }.to_owned(),
        }
    };
    let choices: Vec<Choice> = (0..n as usize)
        .map(|i| match &answer {
            Answer::Echo(text) if i == 0 => text_choice(format!("Echo: {text}")),
            Answer::Echo(text) => text_choice(format!("Echo (choice {i}): {text}")),
            Answer::Text(text) => text_choice(text.clone()),
            Answer::Tools(calls) => Choice {
                text: None,
                pieces: None,
                calls: calls
                    .iter()
                    .enumerate()
                    .map(|(k, (name, args))| {
                        let id = format!("call_r{}c{i}t{k}", ctx.n);
                        (id, name.clone(), args.clone())
                    })
                    .collect(),
                finish: "tool_calls".to_owned(),
            },
        })
        .collect();
    let completion_tokens: u64 = choices.iter().map(Choice::tokens).sum();
    let id = format!("chatcmpl-mock{}", ctx.n);
    let head = Head {
        id: &id,
        created: ctx.created(),
        model: &model,
        azure: ctx.azure(),
    };
    let usage = chat_usage(prompt_tokens, completion_tokens);
    if stream {
        let usage = include_usage.then_some(usage);
        Ok(sse(stream_chunks(&head, &choices, usage, async_filter)))
    } else {
        Ok(ApiReply::ok(completion(&head, &choices, usage)))
    }
}

/// What every completion and chunk repeats: identity, and whether to add Azure's filter results.
pub(crate) struct Head<'a> {
    pub(crate) id: &'a str,
    pub(crate) created: u64,
    pub(crate) model: &'a str,
    pub(crate) azure: bool,
}

/// One choice of an answer.
pub(crate) struct Choice {
    pub(crate) text: Option<String>,
    /// How a stream splits `text` (by default, word by word).
    pub(crate) pieces: Option<Vec<String>>,
    /// `(id, name, arguments)`.
    pub(crate) calls: Vec<(String, String, String)>,
    pub(crate) finish: String,
}

/// A `chat.completion` object.
pub(crate) fn completion(head: &Head<'_>, choices: &[Choice], usage: Value) -> Value {
    let mut out = json!({
        "id": head.id,
        "object": "chat.completion",
        "created": head.created,
        "model": head.model,
        "choices": choices.iter().enumerate().map(|(i, c)| c.full(head.azure, i)).collect::<Vec<_>>(),
        "usage": usage,
        "system_fingerprint": "fp_mock",
    });
    if head.azure {
        out["prompt_filter_results"] = prompt_filter_results(1);
    } else {
        out["service_tier"] = json!("default");
    }
    out
}

impl Choice {
    pub(crate) fn tokens(&self) -> u64 {
        let text = self.text.as_deref().map_or(0, count_tokens);
        let calls: u64 = self
            .calls
            .iter()
            .map(|(_, _, args)| fragments(args).len() as u64 + 1)
            .sum();
        text + calls
    }

    fn full(&self, azure: bool, index: usize) -> Value {
        let mut message = json!({
            "role": "assistant",
            "content": self.text,
            "refusal": null,
            "annotations": [],
        });
        if !self.calls.is_empty() {
            message["tool_calls"] = self
                .calls
                .iter()
                .map(|(id, name, args)| {
                    json!({"id": id, "type": "function", "function": {"name": name, "arguments": args}})
                })
                .collect();
        }
        let mut choice = json!({
            "index": index,
            "message": message,
            "logprobs": null,
            "finish_reason": self.finish,
        });
        if azure {
            choice["content_filter_results"] = content_filter_results();
        }
        choice
    }
}

/// The `chat.completion.chunk`s that stream `choices` (without the `[DONE]` sentinel): a role
/// chunk, content (or tool call) deltas, a finish chunk per choice, then a usage-only chunk
/// when `usage` is given.
pub(crate) fn stream_chunks(
    head: &Head<'_>,
    choices: &[Choice],
    usage: Option<Value>,
    async_filter: bool,
) -> Vec<Value> {
    let (id, model, created, azure) = (head.id, head.model, head.created, head.azure);
    let with_usage = usage.is_some();
    let chunk = |choice: Value| {
        let mut c = json!({
            "id": id,
            "object": "chat.completion.chunk",
            "created": created,
            "model": model,
            "system_fingerprint": "fp_mock",
            "choices": [choice],
        });
        if with_usage {
            c["usage"] = Value::Null;
        }
        c
    };
    let delta = |index: usize, delta: Value, finish: Option<&str>, filtered: bool| {
        let mut choice = json!({
            "index": index,
            "delta": delta,
            "logprobs": null,
            "finish_reason": finish,
        });
        if azure {
            choice["content_filter_results"] = if filtered {
                content_filter_results()
            } else {
                json!({})
            };
        }
        chunk(choice)
    };
    let mut chunks = Vec::new();
    if azure {
        // Azure's leading chunk: only the prompt's filter results.
        chunks.push(json!({
            "choices": [],
            "created": 0,
            "id": "",
            "model": "",
            "object": "",
            "prompt_filter_results": prompt_filter_results(1),
        }));
    }
    for (i, choice) in choices.iter().enumerate() {
        match &choice.text {
            Some(text) => {
                chunks.push(delta(
                    i,
                    json!({"role": "assistant", "content": "", "refusal": null}),
                    None,
                    false,
                ));
                let pieces = match &choice.pieces {
                    Some(pieces) => pieces.iter().map(String::as_str).collect(),
                    None => tokens(text),
                };
                for piece in pieces {
                    chunks.push(delta(i, json!({"content": piece}), None, true));
                }
            }
            None => {
                chunks.push(delta(
                    i,
                    json!({"role": "assistant", "content": null, "refusal": null}),
                    None,
                    false,
                ));
                for (k, (call_id, name, args)) in choice.calls.iter().enumerate() {
                    chunks.push(delta(
                        i,
                        json!({"tool_calls": [{
                            "index": k,
                            "id": call_id,
                            "type": "function",
                            "function": {"name": name, "arguments": ""},
                        }]}),
                        None,
                        false,
                    ));
                    for fragment in fragments(args) {
                        chunks.push(delta(
                            i,
                            json!({"tool_calls": [{"index": k, "function": {"arguments": fragment}}]}),
                            None,
                            false,
                        ));
                    }
                }
            }
        }
        chunks.push(delta(i, json!({}), Some(&choice.finish), false));
    }
    if async_filter {
        // Azure's asynchronous filter reports after the finish: no delta, empty identity.
        for (i, choice) in choices.iter().enumerate() {
            let end = choice.text.as_deref().map_or(0, str::len);
            chunks.push(json!({
                "choices": [{
                    "content_filter_offsets": {"check_offset": 0, "start_offset": 0, "end_offset": end},
                    "content_filter_results": content_filter_results(),
                    "finish_reason": null,
                    "index": i,
                }],
                "created": 0,
                "id": "",
                "model": "",
                "object": "",
            }));
        }
    }
    if let Some(usage) = usage {
        chunks.push(json!({
            "id": id,
            "object": "chat.completion.chunk",
            "created": created,
            "model": model,
            "system_fingerprint": "fp_mock",
            "choices": [],
            "usage": usage,
        }));
    }
    chunks
}

/// Argument text in pieces of at most 8 characters, as the service streams them.
pub(crate) fn fragments(args: &str) -> Vec<String> {
    let chars: Vec<char> = args.chars().collect();
    chars.chunks(8).map(|c| c.iter().collect()).collect()
}

/// On Azure routes, a last user message containing this is rejected like a filtered prompt.
const CONTENT_FILTER_MARKER: &str = "[content_filter]";
/// On Azure routes, a streamed answer to a message containing this ends with asynchronous
/// content-filter chunks.
const ASYNC_FILTER_MARKER: &str = "[async_filter]";

/// Azure's 400 for a prompt its content filter blocked (shape recorded from the service).
pub(crate) fn content_filter_error() -> ApiReply {
    let mut result = content_filter_results();
    result["violence"] = json!({"filtered": true, "severity": "medium"});
    ApiReply::Json {
        status: 400,
        headers: Vec::new(),
        body: json!({"error": {
            "message": "The response was filtered due to the prompt triggering Azure OpenAI's \
                        content management policy. Please modify your prompt and retry.",
            "type": null,
            "param": "prompt",
            "code": "content_filter",
            "status": 400,
            "innererror": {
                "code": "ResponsibleAIPolicyViolation",
                "content_filter_result": result,
            },
        }}),
    }
}

/// The text of the last user message ("" when there is none).
fn last_user_text(messages: &[Value]) -> String {
    messages
        .iter()
        .rev()
        .find(|m| m.get("role").and_then(Value::as_str) == Some("user"))
        .map(|m| content_text(m.get("content")))
        .unwrap_or_default()
}

/// Decides between text and tool calls (rules in the module docs).
fn plan(body: &Map<String, Value>, messages: &[Value]) -> Result<Answer, ApiReply> {
    let tools = match body.get("tools") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(tools)) => tools.clone(),
        Some(other) => return Err(invalid_type("tools", "an array", other)),
    };
    let mut functions = Vec::new();
    for (i, tool) in tools.iter().enumerate() {
        let function = tool.get("function");
        match function.and_then(|f| f.get("name")).and_then(Value::as_str) {
            Some(name) => functions.push((
                name.to_owned(),
                function.and_then(|f| f.get("parameters")).cloned(),
            )),
            None if tool.get("type").and_then(Value::as_str) == Some("function") => {
                return Err(missing(&format!("tools[{i}].function.name")));
            }
            // Non-function tools (e.g. custom) are accepted and never called.
            None => {}
        }
    }
    let tool_choice = body.get("tool_choice").filter(|v| !v.is_null());
    if tools.is_empty() && tool_choice.is_some() {
        return Err(invalid_value(
            "tool_choice",
            "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are \
             specified."
                .into(),
        ));
    }
    let last = messages.last();
    let last_role = last.and_then(|m| m.get("role")).and_then(Value::as_str);
    if last_role == Some("tool") {
        let outputs: Vec<String> = messages
            .iter()
            .rev()
            .take_while(|m| m.get("role").and_then(Value::as_str) == Some("tool"))
            .map(|m| content_text(m.get("content")))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        return Ok(Answer::Text(format!(
            "Tool output received: {}",
            outputs.join("; ")
        )));
    }
    let user_text = last_user_text(messages);
    let last_user = if last_role == Some("user") {
        user_text.as_str()
    } else {
        ""
    };
    let mentioned: Vec<&(String, Option<Value>)> = functions
        .iter()
        .filter(|(name, _)| !name.is_empty() && last_user.contains(name.as_str()))
        .collect();
    let chosen: Vec<&(String, Option<Value>)> = match tool_choice {
        None => mentioned,
        Some(Value::String(s)) if s == "auto" => mentioned,
        Some(Value::String(s)) if s == "none" => Vec::new(),
        Some(Value::String(s)) if s == "required" => {
            if mentioned.is_empty() {
                functions.iter().take(1).collect()
            } else {
                mentioned
            }
        }
        Some(Value::Object(o)) => {
            let name = o
                .get("function")
                .and_then(|f| f.get("name"))
                .and_then(Value::as_str)
                .ok_or_else(|| missing("tool_choice.function.name"))?;
            match functions.iter().find(|(n, _)| n == name) {
                Some(f) => vec![f],
                None => {
                    return Err(invalid_value(
                        "tool_choice",
                        format!(
                            "Invalid value for 'tool_choice': function '{name}' is not one of \
                             the functions in 'tools'."
                        ),
                    ));
                }
            }
        }
        Some(other) => {
            return Err(invalid_value(
                "tool_choice",
                format!(
                    "Invalid value for 'tool_choice': {other}. Supported values are: 'none', \
                     'auto', 'required', or an object naming a function."
                ),
            ));
        }
    };
    if chosen.is_empty() {
        return Ok(Answer::Echo(user_text));
    }
    let parallel = body.get("parallel_tool_calls") != Some(&Value::Bool(false));
    let take = if parallel { chosen.len() } else { 1 };
    Ok(Answer::Tools(
        chosen
            .into_iter()
            .take(take)
            .map(|(name, params)| {
                let args = params
                    .as_ref()
                    .map_or_else(|| json!({}), |schema| placeholder_object(schema, 0));
                (name.clone(), args.to_string())
            })
            .collect(),
    ))
}

/// The text of a message `content`: a string, or the `text` parts of an array joined by
/// spaces.
pub(super) fn content_text(content: Option<&Value>) -> String {
    match content {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(parts)) => parts
            .iter()
            .filter_map(|p| p.get("text").and_then(Value::as_str))
            .collect::<Vec<_>>()
            .join(" "),
        _ => String::new(),
    }
}

/// An object with a placeholder for every required property of `schema`.
fn placeholder_object(schema: &Value, depth: usize) -> Value {
    let mut out = Map::new();
    let props = schema.get("properties").and_then(Value::as_object);
    if let Some(required) = schema.get("required").and_then(Value::as_array) {
        for name in required.iter().filter_map(Value::as_str) {
            let prop = props.and_then(|p| p.get(name)).unwrap_or(&Value::Null);
            out.insert(name.to_owned(), placeholder(prop, name, depth + 1));
        }
    }
    Value::Object(out)
}

pub(crate) fn placeholder(schema: &Value, name: &str, depth: usize) -> Value {
    if depth > 8 {
        return Value::Null;
    }
    if let Some(first) = schema
        .get("enum")
        .and_then(Value::as_array)
        .and_then(|e| e.first())
    {
        return first.clone();
    }
    if let Some(value) = schema.get("const") {
        return value.clone();
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(first) = schema
            .get(key)
            .and_then(Value::as_array)
            .and_then(|a| a.first())
        {
            return placeholder(first, name, depth + 1);
        }
    }
    let ty = match schema.get("type") {
        Some(Value::String(t)) => t.as_str(),
        Some(Value::Array(types)) => types
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null")
            .unwrap_or("null"),
        _ if schema.get("properties").is_some() => "object",
        _ => "string",
    };
    match ty {
        "integer" => json!(1),
        "number" => json!(1.5),
        "boolean" => json!(true),
        "null" => Value::Null,
        "array" => {
            let min = schema.get("minItems").and_then(Value::as_u64).unwrap_or(0);
            let item = schema.get("items").unwrap_or(&Value::Null);
            Value::Array(
                (0..min.min(4))
                    .map(|_| placeholder(item, name, depth + 1))
                    .collect(),
            )
        }
        "object" => placeholder_object(schema, depth),
        _ => json!(format!("mock-{name}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_follow_the_schema() {
        let schema = json!({
            "type": "object",
            "properties": {
                "location": {"type": "string"},
                "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
                "days": {"type": "integer"},
                "opts": {"type": "object", "properties": {"x": {"type": ["boolean", "null"]}}, "required": ["x"]},
                "tags": {"type": "array", "items": {"type": "string"}, "minItems": 1},
                "optional": {"type": "string"}
            },
            "required": ["location", "unit", "days", "opts", "tags"]
        });
        assert_eq!(
            placeholder_object(&schema, 0),
            json!({
                "location": "mock-location",
                "unit": "celsius",
                "days": 1,
                "opts": {"x": true},
                "tags": ["mock-tags"]
            })
        );
        assert_eq!(placeholder_object(&json!({"type": "object"}), 0), json!({}));
    }

    #[test]
    fn fragments_reassemble() {
        let args = r#"{"location":"mock-location","ü":1}"#;
        let parts = fragments(args);
        assert!(parts.len() > 2);
        assert_eq!(parts.concat(), args);
    }
}
