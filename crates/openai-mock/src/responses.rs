//! Stateful in-memory Responses API (`/responses…`) and Conversations API (`/conversations…`).
//!
//! Invariants:
//! - Deterministic: ids come from per-prefix counters (`resp_…`, `msg_…`, `fc_…`, `conv_…`),
//!   `created_at` is [`CREATED_BASE`] plus the request number, text derives from the input
//!   (rules in [`create`]).
//! - Every response keeps its own input items, the items it saw before them (from
//!   `previous_response_id` or `conversation`) and its output, so a follow-up sees the whole
//!   chain while `input_items` lists only the response's own input, as on the service.
//! - `item_reference` input items resolve to the stored item they name (a response's input or
//!   output, or a conversation item); an unknown id is a `404`.
//! - Background responses advance one state per `GET /responses/{id}` (`queued` →
//!   `in_progress` → final), never with wall time, like Assistants runs.
//! - The lock is held only for in-memory work; a poisoned lock is recovered, never a panic.
//!
//! Azure: the same operations on `/openai/v1/…` (`model` names the deployment), and the
//! Responses operations on the dated `/openai/responses…` with an `api-version` of
//! `2025-03-01-preview` or a later preview. Conversations are served on the v1 routes only.

mod conversations;
mod create;

pub(crate) use create::{scripted, text_message, usage};

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard};

use serde_json::{Map, Value, json};

use crate::api::{ApiReply, ApiRequest};
use crate::assistants::{ASSISTANTS_PAGE, paginate};
use crate::front::{Style, azure_gateway_error};
use crate::inference::{CREATED_BASE, Ctx, count_tokens, invalid_type, missing};

/// A JSON object as stored.
type Obj = Map<String, Value>;

/// A handler result: `Err` carries the error reply so `?` can short-circuit validation.
type Reply = Result<ApiReply, ApiReply>;

/// The oldest Azure dated `api-version` that serves the Responses API.
const AZURE_FIRST_VERSION: &str = "2025-03-01";

/// The values `include` accepts (`IncludeEnum`).
const INCLUDE_VALUES: [&str; 8] = [
    "file_search_call.results",
    "web_search_call.results",
    "web_search_call.action.sources",
    "message.input_image.image_url",
    "computer_call_output.output.image_url",
    "code_interpreter_call.outputs",
    "reasoning.encrypted_content",
    "message.output_text.logprobs",
];

/// The state behind `/responses` and `/conversations`.
#[derive(Debug, Default)]
pub(crate) struct ResponsesState {
    store: Mutex<Store>,
}

impl ResponsesState {
    /// Answers a Responses or Conversations request; `None` for any other path.
    pub(crate) fn handle(
        &self,
        ctx: &Ctx<'_>,
        method: &str,
        op: &str,
        query: &[(String, String)],
    ) -> Option<ApiReply> {
        let segments: Vec<&str> = op.trim_start_matches('/').split('/').collect();
        let root = segments.first().copied().unwrap_or_default();
        if !matches!(root, "responses" | "conversations") {
            return None;
        }
        match ctx.style {
            Style::OpenAi | Style::AzureV1 => {}
            // Azure's dated API serves Responses (resource-scoped) but not Conversations.
            Style::AzureResource if root == "responses" => {
                if let Some(version) = ctx.api_version {
                    if !serves_responses(version) {
                        return Some(azure_gateway_error(404, "404", "Resource not found"));
                    }
                }
            }
            Style::AzureResource | Style::AzureDeployment => return None,
        }
        let req = Request {
            ctx,
            method,
            path: op,
            query,
        };
        let mut store = self.lock();
        Some(match route(&mut store, &req, &segments) {
            Ok(reply) | Err(reply) => reply,
        })
    }

    fn lock(&self) -> MutexGuard<'_, Store> {
        self.store
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// `2025-03-01-preview` and later previews serve Responses on Azure's dated API.
fn serves_responses(version: &str) -> bool {
    version.ends_with("-preview") && version.get(..10).is_some_and(|d| d >= AZURE_FIRST_VERSION)
}

/// One request as the handlers see it.
struct Request<'a, 'b> {
    ctx: &'a Ctx<'b>,
    method: &'a str,
    path: &'a str,
    query: &'a [(String, String)],
}

impl Request<'_, '_> {
    fn query_value(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as an object (`{}` without a body).
    fn body(&self) -> Result<Obj, ApiReply> {
        self.ctx.body()
    }

    fn created(&self) -> u64 {
        self.ctx.created()
    }

    /// Pages `items` (creation order) by `limit`, `order`, `after` (default 20 newest first).
    fn paginate(&self, items: Vec<Value>) -> Reply {
        check_include(self.query)?;
        let api = ApiRequest {
            method: self.method,
            path: self.path,
            query: self.query,
            json: None,
            form: &[],
            azure: self.ctx.style.is_azure(),
        };
        paginate(&api, items, ASSISTANTS_PAGE)
    }
}

/// `include` / `include[]` query values must be known ones.
fn check_include(query: &[(String, String)]) -> Result<(), ApiReply> {
    for (k, v) in query {
        if (k == "include" || k == "include[]") && !INCLUDE_VALUES.contains(&v.as_str()) {
            return Err(ApiReply::error(
                400,
                format!(
                    "Invalid value: '{v}'. Supported values are: {}.",
                    INCLUDE_VALUES
                        .iter()
                        .map(|s| format!("'{s}'"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                "invalid_request_error",
                Some("include"),
                Some("invalid_value"),
            ));
        }
    }
    Ok(())
}

/// Everything the mock remembers.
#[derive(Debug, Default)]
struct Store {
    counters: BTreeMap<&'static str, u64>,
    responses: Vec<create::StoredResponse>,
    conversations: Vec<Conversation>,
}

#[derive(Debug)]
struct Conversation {
    obj: Obj,
    items: Vec<Value>,
}

impl Store {
    /// The next id for `prefix`: fixed width, so ids sort like their creation order.
    fn next_id(&mut self, prefix: &'static str) -> String {
        let n = self.counters.entry(prefix).or_insert(0);
        *n += 1;
        format!("{prefix}mock{n:044x}")
    }

    /// A stored item by id: response inputs and outputs, then conversation items.
    fn find_item(&self, id: &str) -> Option<Value> {
        let has_id = |v: &&Value| v.get("id").and_then(Value::as_str) == Some(id);
        self.responses
            .iter()
            .find_map(|r| r.items().find(has_id).cloned())
            .or_else(|| {
                self.conversations
                    .iter()
                    .find_map(|c| c.items.iter().find(has_id).cloned())
            })
    }

    fn response(&self, id: &str) -> Result<usize, ApiReply> {
        self.responses
            .iter()
            .position(|r| r.id() == id)
            .ok_or_else(|| response_not_found(id))
    }

    fn conversation(&self, id: &str) -> Result<usize, ApiReply> {
        self.conversations
            .iter()
            .position(|c| c.obj.get("id").and_then(Value::as_str) == Some(id))
            .ok_or_else(|| {
                ApiReply::error(
                    404,
                    format!("Conversation with id '{id}' not found."),
                    "invalid_request_error",
                    None,
                    None,
                )
            })
    }
}

fn response_not_found(id: &str) -> ApiReply {
    ApiReply::error(
        404,
        format!("Response with id '{id}' not found."),
        "invalid_request_error",
        None,
        None,
    )
}

/// Which handler a path names, with the methods it accepts.
fn route(store: &mut Store, req: &Request<'_, '_>, seg: &[&str]) -> Reply {
    let method = req.method;
    let allowed: &[&str] = match seg {
        ["responses"] => match method {
            "POST" => return create::create(store, req),
            _ => &["POST"],
        },
        ["responses", "input_tokens"] => match method {
            "POST" => return create::input_tokens(store, req),
            _ => &["POST"],
        },
        ["responses", "compact"] => match method {
            "POST" => return create::compact(store, req),
            _ => &["POST"],
        },
        ["responses", id] => match method {
            "GET" => return create::retrieve(store, req, id),
            "DELETE" => return create::delete(store, id),
            _ => &["GET", "DELETE"],
        },
        ["responses", id, "cancel"] => match method {
            "POST" => return create::cancel(store, id),
            _ => &["POST"],
        },
        ["responses", id, "input_items"] => match method {
            "GET" => return create::input_items(store, req, id),
            _ => &["GET"],
        },
        ["conversations"] => match method {
            "POST" => return conversations::create(store, req),
            _ => &["POST"],
        },
        ["conversations", id] => match method {
            "GET" => return conversations::retrieve(store, id),
            "POST" => return conversations::update(store, req, id),
            "DELETE" => return conversations::delete(store, id),
            _ => &["GET", "POST", "DELETE"],
        },
        ["conversations", id, "items"] => match method {
            "GET" => return conversations::list_items(store, req, id),
            "POST" => return conversations::add_items(store, req, id),
            _ => &["GET", "POST"],
        },
        ["conversations", id, "items", item] => match method {
            "GET" => return conversations::get_item(store, req, id, item),
            "DELETE" => return conversations::delete_item(store, id, item),
            _ => &["GET", "DELETE"],
        },
        _ => {
            return Err(ApiReply::error(
                404,
                format!("Invalid URL ({method} {})", req.path),
                "invalid_request_error",
                None,
                None,
            ));
        }
    };
    Err(ApiReply::error(
        405,
        format!(
            "Invalid method for URL ({method} {}): allowed methods are {}.",
            req.path,
            allowed.join(", ")
        ),
        "invalid_request_error",
        None,
        None,
    )
    .with_header("allow", allowed.join(", ")))
}

// ---------------------------------------------------------------------------------------------
// Input items.

/// Turns `input` (a string or an array of items) into stored items: easy messages
/// (`{role, content}`) become `message` items with `input_text` (or `output_text` for the
/// assistant) parts, and every item gets an id and a status.
fn normalize_items(store: &mut Store, input: &Value, param: &str) -> Result<Vec<Value>, ApiReply> {
    match input {
        Value::String(text) => Ok(vec![message_item(store, "user", json!(text))]),
        Value::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                out.push(input_item(store, item, &format!("{param}[{i}]"))?);
            }
            Ok(out)
        }
        other => Err(invalid_type(param, "a string or an array", other)),
    }
}

fn message_item(store: &mut Store, role: &str, content: Value) -> Value {
    let content = match content {
        Value::String(text) => {
            let part = if role == "assistant" {
                json!({"type": "output_text", "text": text, "annotations": [], "logprobs": []})
            } else {
                json!({"type": "input_text", "text": text})
            };
            json!([part])
        }
        other => other,
    };
    json!({
        "id": store.next_id("msg_"),
        "type": "message",
        "status": "completed",
        "content": content,
        "role": role,
    })
}

fn input_item(store: &mut Store, item: &Value, param: &str) -> Result<Value, ApiReply> {
    let Value::Object(obj) = item else {
        return Err(invalid_type(param, "an object", item));
    };
    let kind = match obj.get("type") {
        None | Some(Value::Null) => "message",
        Some(Value::String(s)) => s.as_str(),
        Some(other) => return Err(invalid_type(&format!("{param}.type"), "a string", other)),
    };
    let with_id = |store: &mut Store, prefix: &'static str| {
        let mut obj = obj.clone();
        if obj.get("id").is_none_or(Value::is_null) {
            obj.insert("id".into(), json!(store.next_id(prefix)));
        }
        if !obj.contains_key("status") {
            obj.insert("status".into(), json!("completed"));
        }
        Value::Object(obj)
    };
    match kind {
        "message" => {
            let role = match obj.get("role") {
                Some(Value::String(r))
                    if matches!(r.as_str(), "user" | "assistant" | "system" | "developer") =>
                {
                    r.clone()
                }
                None | Some(Value::Null) => return Err(missing(&format!("{param}.role"))),
                Some(other) => {
                    return Err(ApiReply::error(
                        400,
                        format!(
                            "Invalid value: {other}. Supported values are: 'assistant', \
                             'system', 'developer', and 'user'."
                        ),
                        "invalid_request_error",
                        Some(&format!("{param}.role")),
                        Some("invalid_value"),
                    ));
                }
            };
            let content = match obj.get("content") {
                Some(c @ (Value::String(_) | Value::Array(_))) => c.clone(),
                None | Some(Value::Null) => return Err(missing(&format!("{param}.content"))),
                Some(other) => {
                    return Err(invalid_type(
                        &format!("{param}.content"),
                        "a string or an array",
                        other,
                    ));
                }
            };
            let mut item = message_item(store, &role, content);
            if let Some(id) = obj.get("id").filter(|v| v.is_string()) {
                item["id"] = id.clone();
            }
            Ok(item)
        }
        "function_call_output" => {
            for key in ["call_id", "output"] {
                if obj.get(key).is_none_or(Value::is_null) {
                    return Err(missing(&format!("{param}.{key}")));
                }
            }
            Ok(with_id(store, "fc_"))
        }
        "function_call" => {
            for key in ["call_id", "name", "arguments"] {
                if obj.get(key).is_none_or(Value::is_null) {
                    return Err(missing(&format!("{param}.{key}")));
                }
            }
            Ok(with_id(store, "fc_"))
        }
        // A reference stands for a stored item (a response's input or output, or a
        // conversation item), as on the service.
        "item_reference" => {
            let id = match obj.get("id") {
                Some(Value::String(id)) => id,
                None | Some(Value::Null) => return Err(missing(&format!("{param}.id"))),
                Some(other) => return Err(invalid_type(&format!("{param}.id"), "a string", other)),
            };
            store.find_item(id).ok_or_else(|| {
                ApiReply::error(
                    404,
                    format!("Item with id '{id}' not found."),
                    "invalid_request_error",
                    Some(&format!("{param}.id")),
                    None,
                )
            })
        }
        _ => Ok(with_id(store, "item_")),
    }
}

/// The text of an item for token counts and answers: message text parts, refusals, function
/// call arguments and outputs.
fn item_text(item: &Value) -> String {
    let text_of = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Array(parts) => parts
            .iter()
            .filter_map(|p| {
                p.get("text")
                    .or_else(|| p.get("refusal"))
                    .and_then(Value::as_str)
            })
            .collect::<Vec<_>>()
            .join(" "),
        _ => String::new(),
    };
    match item.get("type").and_then(Value::as_str) {
        Some("function_call") => item
            .get("arguments")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        Some("function_call_output") => item.get("output").map(text_of).unwrap_or_default(),
        _ => item.get("content").map(text_of).unwrap_or_default(),
    }
}

fn items_tokens(items: &[Value]) -> u64 {
    items.iter().map(|i| count_tokens(&item_text(i))).sum()
}

/// `created_at` for request `n`.
fn created_at(n: u64) -> u64 {
    CREATED_BASE + n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn azure_previews_from_march_2025_serve_responses() {
        assert!(serves_responses("2025-03-01-preview"));
        assert!(serves_responses("2025-04-01-preview"));
        assert!(!serves_responses("2025-02-01-preview"));
        assert!(!serves_responses("2024-10-21"));
        assert!(!serves_responses("2025-06-01"));
        assert!(!serves_responses("x-preview"));
    }

    #[test]
    fn item_text_reads_messages_calls_and_outputs() {
        assert_eq!(
            item_text(
                &json!({"role": "user", "content": [{"type": "input_text", "text": "a"}, {"type": "refusal", "refusal": "b"}]})
            ),
            "a b"
        );
        assert_eq!(
            item_text(&json!({"type": "function_call", "arguments": "{}"})),
            "{}"
        );
        assert_eq!(
            item_text(&json!({"type": "function_call_output", "output": "out"})),
            "out"
        );
        assert_eq!(
            item_text(&json!({"role": "user", "content": "plain"})),
            "plain"
        );
    }
}
