//! Responses: create (plain, streamed, background), retrieve (and resume a stream), cancel,
//! delete, input items, input token counts and compaction.
//!
//! What a response answers, decided from the items it sees (the chain of
//! `previous_response_id`, or the conversation's items, followed by its own input):
//!
//! 1. The last user message contains `[fail]`: status `failed` with
//!    `error = {code: "server_error", message}` and no output.
//! 2. On Azure routes, a last user message containing `[content_filter]` is rejected with
//!    Azure's `400 content_filter` error.
//! 3. The trailing items are function calls and their outputs (`function_call_output`): one
//!    message `Tool output received: <outputs joined by "; ">`.
//! 4. The last user message contains `[refuse]`: one message with a `refusal` part.
//! 5. The last item is a user message, the request has `function` tools and `tool_choice` is
//!    not `"none"`: `function_call` items. Called are the functions whose names the message
//!    mentions, or every function tool when it mentions none; `tool_choice: {"type":
//!    "function", "name"}` calls only that one; `parallel_tool_calls: false` keeps the first.
//!    Arguments hold a placeholder for each required parameter of the function's schema
//!    (`"mock-<name>"`, `1`, `true`, the first `enum` value…).
//! 6. Otherwise text: with `text.format` `json_schema` a minimal JSON instance of the schema,
//!    with `json_object` `{"echo": "<user text>"}`, else `Echo: <text of the last user
//!    message>`, followed by ` (N earlier items)` when the response saw items before its own
//!    input.
//!
//! `reasoning.effort` (other than `none`) adds a `reasoning` item first (with
//! `encrypted_content` when `include` asks for `reasoning.encrypted_content`) and reasoning
//! tokens (minimal 8, low 16, medium 32, high 64, xhigh 128). `max_output_tokens` (at least 16, as on
//! the service) cuts the text at that many tokens, reasoning included: status `incomplete`,
//! `incomplete_details.reason = "max_output_tokens"`.
//!
//! Usage: a token is a whitespace-separated word; `input_tokens` counts the instructions and
//! every item seen, `cached_tokens` the items that came before the response's own input (as if
//! the chain were cached), `output_tokens` the output text, function-call argument fragments
//! (8 characters each) and reasoning tokens.
//!
//! Streams (`stream: true`) send `event: <type>` + `data: <json>` with `sequence_number` from
//! 0, as the service does, and end with `response.completed` (`.incomplete`, `.failed`) — no
//! `[DONE]`. A last user message containing `[stream_error]` makes a stream stop after half of
//! the first message's deltas with an `error` event (the stored response is `failed`); without
//! `stream` such a request gets a `500 server_error`.
//!
//! Background (`background: true`): the response is `queued`; each `GET /responses/{id}`
//! advances it one state (`queued` → `in_progress` → final); `cancel` makes a queued or
//! in-progress one `cancelled` (cancelling a finished one returns it unchanged; a response
//! that is not a background one answers `400`). With `stream: true` as well, the whole
//! lifecycle is streamed at once (`response.queued` after `response.created`) and its events
//! are kept: `GET /responses/{id}?stream=true&starting_after=N` replays the ones after `N`.
//!
//! `store: false` responses (other than background ones) are not kept: retrieving them or
//! naming them in `previous_response_id` fails as on the service.

use base64::Engine as _;
use serde_json::{Value, json};

use super::{Obj, Reply, Request, Store, created_at, item_text, items_tokens, normalize_items};
use crate::api::ApiReply;
use crate::assistants::{deleted, opt_metadata};
use crate::front::Style;
use crate::inference::{
    bool_field, content_filter_error, content_filter_results, count_tokens, fnv1a, fragments,
    int_field, invalid_type, invalid_value, missing, placeholder, tokens, truncate,
};

/// A stored response and what its JSON does not show.
#[derive(Debug)]
pub(in crate::responses) struct StoredResponse {
    obj: Obj,
    /// The request's own input items.
    input: Vec<Value>,
    /// The items seen before the input (previous responses or the conversation).
    context: Vec<Value>,
    /// What the response ends as; shown once it is final.
    outcome: Outcome,
    background: bool,
    /// Events of a background stream, for resuming.
    events: Option<Vec<Value>>,
    conversation: Option<String>,
}

impl StoredResponse {
    pub(in crate::responses) fn id(&self) -> &str {
        self.obj
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
    }

    fn status(&self) -> &str {
        self.obj
            .get("status")
            .and_then(Value::as_str)
            .unwrap_or_default()
    }

    /// The response's own input and output items.
    pub(in crate::responses) fn items(&self) -> impl Iterator<Item = &Value> {
        let output = self.obj.get("output").and_then(Value::as_array);
        self.input.iter().chain(output.into_iter().flatten())
    }

    /// Everything a follow-up response sees: context, input and output.
    fn history(&self) -> Vec<Value> {
        let mut items = self.context.clone();
        items.extend(self.input.iter().cloned());
        if let Some(Value::Array(output)) = self.obj.get("output") {
            items.extend(output.iter().cloned());
        }
        items
    }
}

#[derive(Debug, Clone)]
struct Outcome {
    output: Vec<Value>,
    status: &'static str,
    incomplete: Option<&'static str>,
    error: Option<Value>,
    usage: Value,
    /// Stop the stream with an `error` event.
    stream_error: bool,
}

const MARK_FAIL: &str = "[fail]";
const MARK_REFUSE: &str = "[refuse]";
const MARK_STREAM_ERROR: &str = "[stream_error]";
const MARK_CONTENT_FILTER: &str = "[content_filter]";

const SERVER_ERROR: &str = "An error occurred while processing your request. You can retry your \
                            request, or contact us through our help center at \
                            help.openai.com if the error persists.";

/// A validated create request, checked before anything is stored.
struct Params {
    model: String,
    instructions: Option<String>,
    previous: Option<String>,
    conversation: Option<String>,
    stream: bool,
    background: bool,
    store: bool,
    max_output_tokens: Option<u64>,
    tools: Vec<Value>,
    /// `(name, parameters schema)` of the function tools.
    functions: Functions,
    tool_choice: Value,
    parallel: bool,
    format: Value,
    effort: Option<String>,
    obfuscation: bool,
    /// `include` asks for `reasoning.encrypted_content`.
    encrypted_reasoning: bool,
    echo: Obj,
}

fn opt_str(body: &Obj, key: &str) -> Result<Option<String>, ApiReply> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(invalid_type(key, "a string", other)),
    }
}

fn opt_bool(body: &Obj, key: &str, default: bool) -> Result<bool, ApiReply> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(default),
        _ => bool_field(body, key),
    }
}

/// `conversation`: an id or `{"id": ...}`.
fn conversation_param(body: &Obj) -> Result<Option<String>, ApiReply> {
    match body.get("conversation") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(id)) => Ok(Some(id.clone())),
        Some(Value::Object(o)) => match o.get("id") {
            Some(Value::String(id)) => Ok(Some(id.clone())),
            None | Some(Value::Null) => Err(missing("conversation.id")),
            Some(other) => Err(invalid_type("conversation.id", "a string", other)),
        },
        Some(other) => Err(invalid_type("conversation", "a string or an object", other)),
    }
}

/// The model: required; Azure's dated API names the missing deployment its own way.
fn model(req: &Request<'_, '_>, body: &Obj) -> Result<String, ApiReply> {
    let absent = body.get("model").is_none_or(Value::is_null);
    if absent && req.ctx.style == Style::AzureResource {
        return Err(ApiReply::Json {
            status: 400,
            headers: Vec::new(),
            body: json!({"error": {"message": "Missed model deployment"}}),
        });
    }
    req.ctx.model(body)
}

impl Params {
    fn parse(body: &Obj, req: &Request<'_, '_>) -> Result<Self, ApiReply> {
        let model = model(req, body)?;
        let previous = opt_str(body, "previous_response_id")?;
        let conversation = conversation_param(body)?;
        if previous.is_some() && conversation.is_some() {
            return Err(ApiReply::error(
                400,
                "Mutually exclusive parameters: Ensure you are only providing one of: \
                 'previous_response_id' or 'conversation'.",
                "invalid_request_error",
                None,
                Some("mutually_exclusive_parameters"),
            ));
        }
        let has_prompt = body.get("prompt").is_some_and(|p| !p.is_null());
        if body.get("input").is_none_or(Value::is_null)
            && previous.is_none()
            && conversation.is_none()
            && !has_prompt
        {
            return Err(missing("input"));
        }
        let instructions = opt_str(body, "instructions")?;
        let stream = opt_bool(body, "stream", false)?;
        let background = opt_bool(body, "background", false)?;
        let store = opt_bool(body, "store", true)?;
        let max_output_tokens = match body.get("max_output_tokens") {
            None | Some(Value::Null) => None,
            Some(_) => Some(int_field(body, "max_output_tokens", 16, 16, u64::MAX)?),
        };
        let (tools, functions) = tools(body)?;
        let tool_choice = tool_choice(body, &functions)?;
        let parallel = opt_bool(body, "parallel_tool_calls", true)?;
        let format = text_format(body)?;
        let effort = match body.get("reasoning") {
            None | Some(Value::Null) => None,
            Some(Value::Object(r)) => opt_str(r, "effort")?,
            Some(other) => return Err(invalid_type("reasoning", "an object", other)),
        };
        if let Some(e) = &effort {
            if !matches!(
                e.as_str(),
                "none" | "minimal" | "low" | "medium" | "high" | "xhigh"
            ) {
                return Err(invalid_value(
                    "reasoning.effort",
                    format!(
                        "Invalid value: '{e}'. Supported values are: 'none', 'minimal', 'low', \
                         'medium', 'high', and 'xhigh'."
                    ),
                ));
            }
        }
        let encrypted_reasoning = include(body)?
            .iter()
            .any(|v| v == "reasoning.encrypted_content");
        let obfuscation = match body.get("stream_options") {
            None | Some(Value::Null) => true,
            Some(_) if !stream => {
                return Err(invalid_value(
                    "stream_options",
                    "The 'stream_options' parameter is only allowed when 'stream' is enabled."
                        .into(),
                ));
            }
            Some(Value::Object(o)) => o.get("include_obfuscation") != Some(&Value::Bool(false)),
            Some(other) => return Err(invalid_type("stream_options", "an object", other)),
        };
        let echo = echo_fields(body)?;
        Ok(Self {
            model,
            instructions,
            previous,
            conversation,
            stream,
            background,
            store,
            max_output_tokens,
            tools,
            functions,
            tool_choice,
            parallel,
            format,
            effort,
            obfuscation,
            encrypted_reasoning,
            echo,
        })
    }

    /// A plain request's parameters: what a scripted reply's response object shows.
    fn scripted(model: &str) -> Self {
        Self {
            model: model.to_owned(),
            instructions: None,
            previous: None,
            conversation: None,
            stream: false,
            background: false,
            store: true,
            max_output_tokens: None,
            tools: Vec::new(),
            functions: Vec::new(),
            tool_choice: json!("auto"),
            parallel: true,
            format: json!({"type": "text"}),
            effort: None,
            obfuscation: true,
            encrypted_reasoning: false,
            echo: echo_fields(&Obj::new()).unwrap_or_default(),
        }
    }

    /// The response object before it has run.
    fn object(&self, id: &str, created: u64, azure_style: Style) -> Obj {
        let mut obj = Obj::new();
        obj.insert("id".into(), json!(id));
        obj.insert("object".into(), json!("response"));
        obj.insert("created_at".into(), json!(created));
        obj.insert(
            "status".into(),
            json!(if self.background {
                "queued"
            } else {
                "in_progress"
            }),
        );
        obj.insert("background".into(), json!(self.background));
        obj.insert("completed_at".into(), Value::Null);
        if let Some(conversation) = &self.conversation {
            obj.insert("conversation".into(), json!({ "id": conversation }));
        }
        match azure_style {
            Style::AzureV1 | Style::AzureResource => {
                obj.insert("content_filters".into(), Value::Null);
            }
            Style::OpenAi | Style::AzureDeployment => {}
        }
        obj.insert("error".into(), Value::Null);
        obj.insert("frequency_penalty".into(), json!(0.0));
        obj.insert("incomplete_details".into(), Value::Null);
        obj.insert("instructions".into(), json!(self.instructions));
        obj.insert("max_output_tokens".into(), json!(self.max_output_tokens));
        obj.insert("model".into(), json!(self.model));
        obj.insert("output".into(), json!([]));
        obj.insert("parallel_tool_calls".into(), json!(self.parallel));
        obj.insert("presence_penalty".into(), json!(0.0));
        obj.insert("previous_response_id".into(), json!(self.previous));
        obj.insert(
            "reasoning".into(),
            json!({"effort": self.effort, "summary": null}),
        );
        obj.insert("store".into(), json!(self.store));
        obj.insert(
            "text".into(),
            json!({"format": self.format, "verbosity": "medium"}),
        );
        obj.insert("tool_choice".into(), self.tool_choice.clone());
        obj.insert("tools".into(), Value::Array(self.tools.clone()));
        obj.insert("usage".into(), Value::Null);
        obj.extend(self.echo.clone());
        obj
    }
}

/// The request fields a response object shows as sent (with the service's defaults).
fn echo_fields(body: &Obj) -> Result<Obj, ApiReply> {
    let mut echo = Obj::new();
    echo.insert(
        "metadata".into(),
        opt_metadata(body)?.unwrap_or_else(|| json!({})),
    );
    for (key, default) in [
        ("temperature", json!(1.0)),
        ("top_p", json!(1.0)),
        ("user", Value::Null),
        ("safety_identifier", Value::Null),
        ("prompt_cache_key", Value::Null),
        ("prompt_cache_retention", Value::Null),
        ("max_tool_calls", Value::Null),
        ("truncation", json!("disabled")),
        ("top_logprobs", json!(0)),
        ("service_tier", json!("auto")),
    ] {
        let value = body.get(key).filter(|v| !v.is_null()).cloned();
        echo.insert(key.into(), value.unwrap_or(default));
    }
    if let Some(prompt) = body.get("prompt").filter(|p| !p.is_null()) {
        echo.insert("prompt".into(), prompt.clone());
    }
    Ok(echo)
}

/// `tools` as the response shows them, and the function tools among them.
/// `(name, parameters schema)` of each function tool.
type Functions = Vec<(String, Value)>;

/// The `include` body field: known values only.
fn include(body: &Obj) -> Result<Vec<String>, ApiReply> {
    let list = match body.get("include") {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(list)) => list,
        Some(other) => return Err(invalid_type("include", "an array", other)),
    };
    let mut out = Vec::new();
    for (i, value) in list.iter().enumerate() {
        let Value::String(v) = value else {
            return Err(invalid_type(&format!("include[{i}]"), "a string", value));
        };
        let pair = [("include".to_owned(), v.clone())];
        super::check_include(&pair)?;
        out.push(v.clone());
    }
    Ok(out)
}

fn tools(body: &Obj) -> Result<(Vec<Value>, Functions), ApiReply> {
    let list = match body.get("tools") {
        None | Some(Value::Null) => return Ok((Vec::new(), Vec::new())),
        Some(Value::Array(list)) => list,
        Some(other) => return Err(invalid_type("tools", "an array", other)),
    };
    let mut shown = Vec::new();
    let mut functions = Vec::new();
    for (i, tool) in list.iter().enumerate() {
        let param = format!("tools[{i}]");
        let Value::Object(tool) = tool else {
            return Err(invalid_type(&param, "an object", tool));
        };
        let mut tool = tool.clone();
        match tool.get("type") {
            Some(Value::String(t)) if t == "function" => {
                let name = match tool.get("name") {
                    Some(Value::String(n)) if !n.is_empty() => n.clone(),
                    _ => return Err(missing(&format!("{param}.name"))),
                };
                let params = tool.get("parameters").cloned().unwrap_or(Value::Null);
                tool.entry("description").or_insert(Value::Null);
                tool.entry("parameters").or_insert(Value::Null);
                tool.entry("strict").or_insert(json!(true));
                functions.push((name, params));
            }
            Some(Value::String(_)) => {}
            None | Some(Value::Null) => return Err(missing(&format!("{param}.type"))),
            Some(other) => return Err(invalid_type(&format!("{param}.type"), "a string", other)),
        }
        shown.push(Value::Object(tool));
    }
    Ok((shown, functions))
}

fn tool_choice(body: &Obj, functions: &[(String, Value)]) -> Result<Value, ApiReply> {
    match body.get("tool_choice") {
        None | Some(Value::Null) => Ok(json!("auto")),
        Some(Value::String(s)) if matches!(s.as_str(), "none" | "auto" | "required") => {
            Ok(json!(s))
        }
        Some(Value::String(s)) => Err(invalid_value(
            "tool_choice",
            format!("Invalid value: '{s}'. Supported values are: 'none', 'auto', and 'required'."),
        )),
        Some(Value::Object(o)) => {
            if o.get("type").and_then(Value::as_str) == Some("function") {
                let name = o
                    .get("name")
                    .and_then(Value::as_str)
                    .ok_or_else(|| missing("tool_choice.name"))?;
                if !functions.iter().any(|(n, _)| n == name) {
                    return Err(invalid_value(
                        "tool_choice",
                        format!("Tool choice 'function' not found in 'tools' parameter: '{name}'."),
                    ));
                }
            }
            Ok(Value::Object(o.clone()))
        }
        Some(other) => Err(invalid_type("tool_choice", "a string or an object", other)),
    }
}

/// `text.format`, defaulting to `{"type": "text"}`; `json_schema` needs `name` and `schema`.
fn text_format(body: &Obj) -> Result<Value, ApiReply> {
    let format = match body.get("text") {
        None | Some(Value::Null) => None,
        Some(Value::Object(t)) => t.get("format").filter(|f| !f.is_null()),
        Some(other) => return Err(invalid_type("text", "an object", other)),
    };
    let Some(format) = format else {
        return Ok(json!({"type": "text"}));
    };
    let Value::Object(f) = format else {
        return Err(invalid_type("text.format", "an object", format));
    };
    match f.get("type").and_then(Value::as_str) {
        Some("text" | "json_object") => Ok(format.clone()),
        Some("json_schema") => {
            for key in ["name", "schema"] {
                if f.get(key).is_none_or(Value::is_null) {
                    return Err(missing(&format!("text.format.{key}")));
                }
            }
            let mut f = f.clone();
            f.entry("description").or_insert(Value::Null);
            f.entry("strict").or_insert(json!(false));
            Ok(Value::Object(f))
        }
        Some(other) => Err(invalid_value(
            "text.format.type",
            format!(
                "Invalid value: '{other}'. Supported values are: 'text', 'json_object', and \
                 'json_schema'."
            ),
        )),
        None => Err(missing("text.format.type")),
    }
}

/// The items a request names as what came before: a stored previous response's history or a
/// conversation's items.
fn context(
    store: &Store,
    previous: Option<&str>,
    conversation: Option<&str>,
) -> Result<Vec<Value>, ApiReply> {
    if let Some(prev) = previous {
        return match store.responses.iter().find(|r| r.id() == prev) {
            Some(r) => Ok(r.history()),
            None => Err(ApiReply::error(
                400,
                format!("Previous response with id '{prev}' not found."),
                "invalid_request_error",
                Some("previous_response_id"),
                Some("previous_response_not_found"),
            )),
        };
    }
    if let Some(conv) = conversation {
        let i = store.conversation(conv)?;
        return Ok(store.conversations[i].items.clone());
    }
    Ok(Vec::new())
}

/// The text of the last user message among `items` ("" when there is none).
fn last_user_text(items: &[Value]) -> String {
    items
        .iter()
        .rev()
        .find(|i| i.get("role").and_then(Value::as_str) == Some("user"))
        .map(item_text)
        .unwrap_or_default()
}

fn reasoning_tokens(effort: Option<&str>) -> u64 {
    match effort {
        Some("minimal") => 8,
        Some("low") => 16,
        Some("medium") => 32,
        Some("high") => 64,
        Some("xhigh") => 128,
        _ => 0,
    }
}

/// A response's `usage` object.
pub(crate) fn usage(input: u64, cached: u64, output: u64, reasoning: u64) -> Value {
    json!({
        "input_tokens": input,
        "input_tokens_details": {"cached_tokens": cached},
        "output_tokens": output,
        "output_tokens_details": {"reasoning_tokens": reasoning},
        "total_tokens": input + output,
    })
}

/// An assistant `message` output item with one `output_text` part.
pub(crate) fn text_message(id: &str, text: &str, status: &str) -> Value {
    json!({
        "id": id,
        "type": "message",
        "status": status,
        "content": [{"type": "output_text", "annotations": [], "logprobs": [], "text": text}],
        "role": "assistant",
    })
}

/// Decides the output (rules in the module docs).
fn plan(
    store: &mut Store,
    params: &Params,
    context: &[Value],
    input: &[Value],
    azure: bool,
) -> Result<Outcome, ApiReply> {
    let all: Vec<Value> = context.iter().chain(input).cloned().collect();
    let user_text = last_user_text(&all);
    let input_tokens =
        (params.instructions.as_deref().map_or(0, count_tokens) + items_tokens(&all)).max(1);
    let cached = items_tokens(context).min(input_tokens);
    let usage =
        |output_tokens: u64, reasoning: u64| usage(input_tokens, cached, output_tokens, reasoning);
    if user_text.contains(MARK_FAIL) {
        return Ok(Outcome {
            output: Vec::new(),
            status: "failed",
            incomplete: None,
            error: Some(json!({"code": "server_error", "message": SERVER_ERROR})),
            usage: Value::Null,
            stream_error: false,
        });
    }
    if azure && user_text.contains(MARK_CONTENT_FILTER) {
        return Err(content_filter_error());
    }
    let stream_error = user_text.contains(MARK_STREAM_ERROR);
    let reasoning = reasoning_tokens(params.effort.as_deref());
    let mut output = Vec::new();
    if reasoning > 0 {
        let id = store.next_id("rs_");
        let mut item = json!({"id": id, "type": "reasoning", "summary": []});
        if params.encrypted_reasoning {
            item["encrypted_content"] = json!(
                base64::engine::general_purpose::STANDARD.encode(format!("mock-reasoning:{id}"))
            );
        }
        output.push(item);
    }
    let last_type = all
        .last()
        .and_then(|i| i.get("type"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    let last_is_user = all
        .last()
        .is_some_and(|i| i.get("role").and_then(Value::as_str) == Some("user"));
    let tool_outputs: Vec<String> = all
        .iter()
        .rev()
        .take_while(|i| {
            matches!(
                i.get("type").and_then(Value::as_str),
                Some("function_call_output" | "function_call")
            )
        })
        .filter(|i| i.get("type").and_then(Value::as_str) == Some("function_call_output"))
        .map(item_text)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let calls = if last_is_user && params.tool_choice != "none" {
        chosen_functions(params, &user_text)
    } else {
        Vec::new()
    };
    let mut output_tokens = reasoning;
    let mut status = "completed";
    let mut incomplete = None;
    if !calls.is_empty() {
        for (name, schema) in calls {
            let args = if schema.is_object() {
                placeholder(&schema, "value", 0)
            } else {
                json!({})
            }
            .to_string();
            output_tokens += fragments(&args).len() as u64;
            output.push(json!({
                "id": store.next_id("fc_"),
                "type": "function_call",
                "status": "completed",
                "arguments": args,
                "call_id": store.next_id("call_"),
                "name": name,
            }));
        }
    } else if user_text.contains(MARK_REFUSE) && last_type != "function_call_output" {
        let refusal = "I'm sorry, but I can't assist with that request.";
        output_tokens += count_tokens(refusal);
        output.push(json!({
            "id": store.next_id("msg_"),
            "type": "message",
            "status": "completed",
            "content": [{"type": "refusal", "refusal": refusal}],
            "role": "assistant",
        }));
    } else {
        let text = if last_type == "function_call_output" {
            format!("Tool output received: {}", tool_outputs.join("; "))
        } else {
            match params.format.get("type").and_then(Value::as_str) {
                Some("json_schema") => {
                    let schema = params.format.get("schema").unwrap_or(&Value::Null);
                    placeholder(schema, "value", 0).to_string()
                }
                Some("json_object") => json!({ "echo": user_text }).to_string(),
                _ if context.is_empty() => format!("Echo: {user_text}"),
                _ => format!("Echo: {user_text} ({} earlier items)", context.len()),
            }
        };
        let budget = params
            .max_output_tokens
            .map(|max| max.saturating_sub(reasoning));
        let (text, cut) = truncate(&text, budget);
        if cut {
            status = "incomplete";
            incomplete = Some("max_output_tokens");
        }
        output_tokens += count_tokens(&text);
        let status = if cut { "incomplete" } else { "completed" };
        output.push(text_message(&store.next_id("msg_"), &text, status));
    }
    Ok(Outcome {
        output,
        status,
        incomplete,
        error: None,
        usage: usage(output_tokens, reasoning),
        stream_error,
    })
}

/// The functions to call for `user_text` (rules in the module docs).
fn chosen_functions(params: &Params, user_text: &str) -> Vec<(String, Value)> {
    let forced = params
        .tool_choice
        .get("name")
        .and_then(Value::as_str)
        .filter(|_| params.tool_choice.get("type").and_then(Value::as_str) == Some("function"));
    let mut chosen: Vec<(String, Value)> = match forced {
        Some(name) => params
            .functions
            .iter()
            .filter(|(n, _)| n == name)
            .cloned()
            .collect(),
        None => {
            let mentioned: Vec<(String, Value)> = params
                .functions
                .iter()
                .filter(|(n, _)| user_text.contains(n.as_str()))
                .cloned()
                .collect();
            if mentioned.is_empty() {
                params.functions.clone()
            } else {
                mentioned
            }
        }
    };
    if !params.parallel {
        chosen.truncate(1);
    }
    chosen
}

pub(super) fn create(store: &mut Store, req: &Request<'_, '_>) -> Reply {
    let body = req.body()?;
    let params = Params::parse(&body, req)?;
    let context = context(
        store,
        params.previous.as_deref(),
        params.conversation.as_deref(),
    )?;
    let input = match body.get("input") {
        None | Some(Value::Null) => Vec::new(),
        Some(input) => normalize_items(store, input, "input")?,
    };
    let outcome = plan(store, &params, &context, &input, req.ctx.style.is_azure())?;
    if outcome.stream_error && !params.stream {
        return Err(ApiReply::error(
            500,
            SERVER_ERROR,
            "server_error",
            None,
            Some("server_error"),
        ));
    }
    let id = store.next_id("resp_");
    let obj = params.object(&id, req.created(), req.ctx.style);
    let mut stored = StoredResponse {
        obj,
        input,
        context,
        outcome,
        background: params.background,
        events: None,
        conversation: params.conversation.clone(),
    };
    let reply = if params.stream {
        let events = stream_events(&mut stored, params.obfuscation, |r| {
            finalize(store, r, req);
        });
        let reply = sse(&events);
        if params.background {
            stored.events = Some(events);
        }
        reply
    } else if params.background {
        ApiReply::ok(Value::Object(stored.obj.clone()))
    } else {
        finalize(store, &mut stored, req);
        ApiReply::ok(Value::Object(stored.obj.clone()))
    };
    if params.store || params.background {
        store.responses.push(stored);
    }
    Ok(reply)
}

/// Makes `r` final: output, status, usage; appends to its conversation.
fn finalize(store: &mut Store, r: &mut StoredResponse, req: &Request<'_, '_>) {
    settle(r, req.created(), req.ctx.style);
    if r.outcome.status != "failed" {
        if let Some(conv) = &r.conversation {
            if let Ok(i) = store.conversation(conv) {
                let items = &mut store.conversations[i].items;
                items.extend(r.input.iter().cloned());
                items.extend(r.outcome.output.iter().cloned());
            }
        }
    }
}

/// Writes `r`'s outcome into its object: status, output, usage, error, completion time.
fn settle(r: &mut StoredResponse, completed_at: u64, style: Style) {
    let outcome = r.outcome.clone();
    let obj = &mut r.obj;
    obj.insert("status".into(), json!(outcome.status));
    obj.insert("output".into(), Value::Array(outcome.output.clone()));
    obj.insert("usage".into(), outcome.usage);
    obj.insert("error".into(), outcome.error.unwrap_or(Value::Null));
    obj.insert(
        "incomplete_details".into(),
        outcome
            .incomplete
            .map_or(Value::Null, |reason| json!({ "reason": reason })),
    );
    if outcome.status == "completed" {
        obj.insert("completed_at".into(), json!(completed_at));
    }
    if obj.get("service_tier") == Some(&json!("auto")) {
        obj.insert("service_tier".into(), json!("default"));
    }
    if style == Style::AzureV1 && obj.contains_key("content_filters") {
        let filters = |source: &str| {
            json!({
                "blocked": false,
                "source_type": source,
                "content_filter_raw": [],
                "content_filter_results": content_filter_results(),
                "content_filter_offsets": {"check_offset": 0, "start_offset": 0, "end_offset": 0},
            })
        };
        obj.insert(
            "content_filters".into(),
            json!([filters("prompt"), filters("completion")]),
        );
    }
}

/// Numbered stream events.
#[derive(Default)]
struct Events(Vec<Value>);

impl Events {
    fn push(&mut self, kind: &str, mut data: Value) {
        data["type"] = json!(kind);
        data["sequence_number"] = json!(self.0.len());
        self.0.push(data);
    }
}

fn sse(events: &[Value]) -> ApiReply {
    ApiReply::Sse {
        events: events
            .iter()
            .map(|e| {
                let kind = e.get("type").and_then(Value::as_str).map(str::to_owned);
                (kind, e.to_string())
            })
            .collect(),
    }
}

/// Padding that evens out delta sizes, like the service's `obfuscation` field.
fn obfuscation(seed: &str, delta: &str) -> String {
    const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut h = fnv1a(seed.as_bytes());
    (0..16usize.saturating_sub(delta.chars().count()))
        .map(|_| {
            h = h.rotate_left(7).wrapping_mul(0x0100_0000_01b3);
            CHARS[(h % CHARS.len() as u64) as usize] as char
        })
        .collect()
}

/// Runs `r` to its end and returns the events of the whole lifecycle; `finalize` makes the
/// response final (and, for a stored one, updates its conversation).
fn stream_events(
    r: &mut StoredResponse,
    obfuscate: bool,
    mut finalize: impl FnMut(&mut StoredResponse),
) -> Vec<Value> {
    let mut ev = Events::default();
    let snapshot = |obj: &Obj| Value::Object(obj.clone());
    ev.push("response.created", json!({ "response": snapshot(&r.obj) }));
    if r.background {
        ev.push("response.queued", json!({ "response": snapshot(&r.obj) }));
        r.obj.insert("status".into(), json!("in_progress"));
    }
    ev.push(
        "response.in_progress",
        json!({ "response": snapshot(&r.obj) }),
    );
    let with_obfuscation = |mut data: Value, seed: String, delta: &str| {
        if obfuscate {
            data["obfuscation"] = json!(obfuscation(&seed, delta));
        }
        data
    };
    let mut interrupted = r.outcome.stream_error
        && !r
            .outcome
            .output
            .iter()
            .any(|i| i.get("type").and_then(Value::as_str) == Some("message"));
    for (index, item) in r.outcome.output.clone().into_iter().enumerate() {
        if interrupted {
            break;
        }
        let item_id = item.get("id").cloned().unwrap_or(Value::Null);
        let kind = item.get("type").and_then(Value::as_str).unwrap_or_default();
        match kind {
            "function_call" => {
                let mut added = item.clone();
                added["status"] = json!("in_progress");
                added["arguments"] = json!("");
                ev.push(
                    "response.output_item.added",
                    json!({"output_index": index, "item": added}),
                );
                let args = item
                    .get("arguments")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                for piece in fragments(args) {
                    let seed = format!("{item_id}{}", ev.0.len());
                    let data = json!({"item_id": item_id, "output_index": index, "delta": piece});
                    ev.push(
                        "response.function_call_arguments.delta",
                        with_obfuscation(data, seed, &piece),
                    );
                }
                ev.push(
                    "response.function_call_arguments.done",
                    json!({"item_id": item_id, "output_index": index, "arguments": args, "name": item.get("name")}),
                );
            }
            "message" => {
                let mut added = item.clone();
                added["status"] = json!("in_progress");
                added["content"] = json!([]);
                ev.push(
                    "response.output_item.added",
                    json!({"output_index": index, "item": added}),
                );
                let part = item
                    .get("content")
                    .and_then(|c| c.get(0))
                    .cloned()
                    .unwrap_or(Value::Null);
                let refusal = part.get("type").and_then(Value::as_str) == Some("refusal");
                let (field, kind_prefix, empty) = if refusal {
                    (
                        "refusal",
                        "response.refusal",
                        json!({"type": "refusal", "refusal": ""}),
                    )
                } else {
                    (
                        "text",
                        "response.output_text",
                        json!({"type": "output_text", "annotations": [], "logprobs": [], "text": ""}),
                    )
                };
                let at = json!({"item_id": item_id, "output_index": index, "content_index": 0});
                let with = |extra: Value| {
                    let mut data = at.clone();
                    if let (Some(d), Value::Object(e)) = (data.as_object_mut(), extra) {
                        d.extend(e);
                    }
                    data
                };
                ev.push(
                    "response.content_part.added",
                    with(json!({ "part": empty })),
                );
                let text = part
                    .get(field)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned();
                let pieces = tokens(&text);
                let stop_after = r.outcome.stream_error.then(|| pieces.len().div_ceil(2));
                for (k, piece) in pieces.iter().enumerate() {
                    if stop_after == Some(k) {
                        break;
                    }
                    let mut data = with(json!({ "delta": piece }));
                    if !refusal {
                        // Refusal deltas carry neither logprobs nor padding on the service.
                        data["logprobs"] = json!([]);
                        let seed = format!("{item_id}{}", ev.0.len());
                        data = with_obfuscation(data, seed, piece);
                    }
                    ev.push(&format!("{kind_prefix}.delta"), data);
                }
                if stop_after.is_some() {
                    interrupted = true;
                    break;
                }
                let mut done = with(json!({ field: text }));
                if !refusal {
                    done["logprobs"] = json!([]);
                }
                ev.push(&format!("{kind_prefix}.done"), done);
                ev.push("response.content_part.done", with(json!({ "part": part })));
            }
            _ => {
                ev.push(
                    "response.output_item.added",
                    json!({"output_index": index, "item": item}),
                );
            }
        }
        ev.push(
            "response.output_item.done",
            json!({"output_index": index, "item": item}),
        );
    }
    if interrupted {
        r.outcome = Outcome {
            output: Vec::new(),
            status: "failed",
            incomplete: None,
            error: Some(json!({"code": "server_error", "message": SERVER_ERROR})),
            usage: Value::Null,
            stream_error: true,
        };
        finalize(r);
        ev.push(
            "error",
            json!({"code": "server_error", "message": SERVER_ERROR, "param": null}),
        );
        return ev.0;
    }
    finalize(r);
    let terminal = match r.outcome.status {
        "incomplete" => "response.incomplete",
        "failed" => "response.failed",
        _ => "response.completed",
    };
    ev.push(terminal, json!({ "response": snapshot(&r.obj) }));
    ev.0
}

/// A completed response outside the store, for scripted replies: a plain request's response
/// object with `output` and `usage`, or (`stream`) the events of its whole lifecycle.
pub(crate) fn scripted(
    model: &str,
    id: &str,
    output: Vec<Value>,
    usage: Value,
    stream: bool,
) -> ApiReply {
    let created = created_at(0);
    let mut r = StoredResponse {
        obj: Params::scripted(model).object(id, created, Style::OpenAi),
        input: Vec::new(),
        context: Vec::new(),
        outcome: Outcome {
            output,
            status: "completed",
            incomplete: None,
            error: None,
            usage,
            stream_error: false,
        },
        background: false,
        events: None,
        conversation: None,
    };
    let settle = |r: &mut StoredResponse| settle(r, created, Style::OpenAi);
    if stream {
        sse(&stream_events(&mut r, true, settle))
    } else {
        settle(&mut r);
        ApiReply::ok(Value::Object(r.obj))
    }
}

/// One step of a background response: `queued` → `in_progress` → final.
fn advance(store: &mut Store, i: usize, req: &Request<'_, '_>) {
    match store.responses[i].status() {
        "queued" => {
            store.responses[i]
                .obj
                .insert("status".into(), json!("in_progress"));
        }
        "in_progress" => {
            // Take the response out so finalizing can touch the conversations.
            let mut r = store.responses.remove(i);
            finalize(store, &mut r, req);
            store.responses.insert(i, r);
        }
        _ => {}
    }
}

pub(super) fn retrieve(store: &mut Store, req: &Request<'_, '_>, id: &str) -> Reply {
    let i = store.response(id)?;
    let stream = match req.query_value("stream") {
        None => false,
        Some("true") => true,
        Some("false") => false,
        Some(other) => {
            return Err(invalid_value(
                "stream",
                format!("Invalid value: '{other}'. Expected a boolean."),
            ));
        }
    };
    if !stream {
        if req.query_value("starting_after").is_some() {
            return Err(invalid_value(
                "starting_after",
                "'starting_after' is only allowed when 'stream' is true.".into(),
            ));
        }
        super::check_include(req.query)?;
        if store.responses[i].background {
            advance(store, i, req);
        }
        return Ok(ApiReply::ok(Value::Object(store.responses[i].obj.clone())));
    }
    let after = match req.query_value("starting_after") {
        None => None,
        Some(raw) => Some(raw.parse::<u64>().map_err(|_| {
            invalid_type(
                "starting_after",
                "an integer",
                &Value::String(raw.to_owned()),
            )
        })?),
    };
    let Some(events) = &store.responses[i].events else {
        return Err(ApiReply::invalid(
            "stream",
            format!(
                "Response '{id}' cannot be streamed: only responses created with \
                 'background': true and 'stream': true can be."
            ),
        ));
    };
    let rest: Vec<Value> = events
        .iter()
        .filter(|e| {
            let seq = e.get("sequence_number").and_then(Value::as_u64);
            after.is_none_or(|n| seq.is_some_and(|s| s > n))
        })
        .cloned()
        .collect();
    Ok(sse(&rest))
}

pub(super) fn delete(store: &mut Store, id: &str) -> Reply {
    let i = store.response(id)?;
    store.responses.remove(i);
    Ok(deleted(id, "response.deleted"))
}

pub(super) fn cancel(store: &mut Store, id: &str) -> Reply {
    let i = store.response(id)?;
    let r = &mut store.responses[i];
    if !r.background {
        return Err(ApiReply::error(
            400,
            "Cannot cancel a synchronous response.",
            "invalid_request_error",
            None,
            None,
        ));
    }
    if matches!(r.status(), "queued" | "in_progress") {
        r.obj.insert("status".into(), json!("cancelled"));
    }
    Ok(ApiReply::ok(Value::Object(r.obj.clone())))
}

pub(super) fn input_items(store: &mut Store, req: &Request<'_, '_>, id: &str) -> Reply {
    let i = store.response(id)?;
    req.paginate(store.responses[i].input.clone())
}

/// `POST /responses/input_tokens`: instructions + prior items + input, plus 8 per tool and the
/// words of its description.
pub(super) fn input_tokens(store: &mut Store, req: &Request<'_, '_>) -> Reply {
    let body = req.body()?;
    let previous = opt_str(&body, "previous_response_id")?;
    let conversation = conversation_param(&body)?;
    let instructions = opt_str(&body, "instructions")?;
    let (tools, _) = tools(&body)?;
    let prior = context(store, previous.as_deref(), conversation.as_deref())?;
    let input = match body.get("input") {
        None | Some(Value::Null) => 0,
        Some(Value::String(s)) => count_tokens(s),
        Some(Value::Array(items)) => items_tokens(items),
        Some(other) => return Err(invalid_type("input", "a string or an array", other)),
    };
    let tool_tokens: u64 = tools
        .iter()
        .map(|t| {
            8 + t
                .get("description")
                .and_then(Value::as_str)
                .map_or(0, count_tokens)
        })
        .sum();
    let total = instructions.as_deref().map_or(0, count_tokens)
        + items_tokens(&prior)
        + input
        + tool_tokens;
    Ok(ApiReply::ok(
        json!({"object": "response.input_tokens", "input_tokens": total}),
    ))
}

/// `POST /responses/compact`: keeps the user messages and replaces everything else with one
/// `compaction` item.
pub(super) fn compact(store: &mut Store, req: &Request<'_, '_>) -> Reply {
    let body = req.body()?;
    // Required, as on the service, though the compaction does not depend on it.
    model(req, &body)?;
    let previous = opt_str(&body, "previous_response_id")?;
    let instructions = opt_str(&body, "instructions")?;
    let prior = context(store, previous.as_deref(), None)?;
    let input = match body.get("input") {
        None | Some(Value::Null) => Vec::new(),
        Some(input) => normalize_items(store, input, "input")?,
    };
    let all: Vec<Value> = prior.into_iter().chain(input).collect();
    let (kept, dropped): (Vec<Value>, Vec<Value>) = all
        .into_iter()
        .partition(|i| i.get("role").and_then(Value::as_str) == Some("user"));
    let input_tokens = (instructions.as_deref().map_or(0, count_tokens)
        + items_tokens(&kept)
        + items_tokens(&dropped))
    .max(1);
    let output_tokens = dropped.len() as u64 + 1;
    let summary = format!("mock-compaction of {} items", dropped.len());
    let mut output = kept;
    output.push(json!({
        "id": store.next_id("cmp_"),
        "type": "compaction",
        "encrypted_content": base64::engine::general_purpose::STANDARD.encode(summary),
    }));
    Ok(ApiReply::ok(json!({
        "id": store.next_id("resp_"),
        "object": "response.compaction",
        "created_at": created_at(req.ctx.n),
        "output": output,
        "usage": {
            "input_tokens": input_tokens,
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens": output_tokens,
            "output_tokens_details": {"reasoning_tokens": 0},
            "total_tokens": input_tokens + output_tokens,
        },
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn obfuscation_pads_deltas_to_sixteen_characters() {
        assert_eq!(obfuscation("a", "Hello").len(), 11);
        assert_eq!(obfuscation("a", "Hello"), obfuscation("a", "Hello"));
        assert_ne!(obfuscation("a", "Hello"), obfuscation("b", "Hello"));
        assert_eq!(obfuscation("a", "a delta longer than sixteen"), "");
    }

    #[test]
    fn reasoning_effort_sets_the_token_count() {
        assert_eq!(reasoning_tokens(None), 0);
        assert_eq!(reasoning_tokens(Some("none")), 0);
        assert_eq!(reasoning_tokens(Some("medium")), 32);
    }
}
