//! Stateful in-memory Assistants v2 and Files API: assistants (and the v1 assistant
//! files), threads, messages (and v1 message files), runs with their state machine, run steps,
//! run event streams and uploaded files.
//!
//! Invariants:
//! - Everything is deterministic: ids come from per-prefix counters (`asst_000…1`), and every
//!   timestamp comes from a logical clock that starts at [`EPOCH`] and ticks once per reading, so
//!   snapshots are stable and ordering by `created_at` equals ordering by creation.
//! - Runs advance only when polled (`GET /threads/{t}/runs/{r}`), never with wall time, so tests
//!   under `tokio::time::pause` see the same sequence as real-time ones (rules in [`runs`]).
//! - A streamed run and a polled run go through the same transition code; the stream is just
//!   the list of events those transitions emitted, so a `GET` after a stream sees the same state.
//! - The lock is held only for in-memory work and a poisoned lock is recovered, never a panic.
//!
//! Azure requests (`ApiRequest::azure`) get the same behavior; only uploaded files are named
//! `assistant-…` instead of `file-…`, as on the service.
//!
//! Lists use cursor pagination (`limit`, `order`, `after`, `before`). A cursor that does not name
//! an object of the listed collection is answered with `400` (param `after`/`before`) rather than
//! an empty page, so a test that pages with a stale cursor fails loudly instead of silently
//! stopping early.

mod resources;
mod runs;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard};

use bytes::Bytes;
use serde_json::{Map, Value, json};

use crate::api::{ApiReply, ApiRequest};

/// The first `created_at` the logical clock hands out (2023-11-14T22:13:20Z).
const EPOCH: u64 = 1_700_000_000;

/// Seconds after creation at which an active run (and its steps) would expire, as the service
/// reports in `expires_at`.
const RUN_TTL: u64 = 600;

/// Default of the `openai-poll-after-ms` header sent with every run object.
const DEFAULT_POLL_AFTER_MS: u64 = 1000;

/// A JSON object as stored.
pub(crate) type Obj = Map<String, Value>;

/// A handler result: `Err` carries the error reply so `?` can short-circuit validation.
type Reply = Result<ApiReply, ApiReply>;

/// The state behind `/assistants`, `/threads` and `/files`.
#[derive(Debug)]
pub(crate) struct AssistantsState {
    store: Mutex<Store>,
}

impl AssistantsState {
    /// An empty state with the clock at [`EPOCH`].
    pub(crate) fn new() -> Self {
        Self {
            store: Mutex::new(Store::default()),
        }
    }

    /// Sets the `openai-poll-after-ms` value sent with run objects (default 1000).
    pub(crate) fn set_poll_after_ms(&self, ms: u64) {
        self.lock().poll_after_ms = Some(ms);
    }

    /// Answers a request under `/assistants`, `/threads` or `/files`; `None` for any other path.
    pub(crate) fn handle(&self, req: &ApiRequest<'_>) -> Option<ApiReply> {
        let segments: Vec<&str> = req.path.trim_start_matches('/').split('/').collect();
        let root = segments.first().copied().unwrap_or_default();
        if !matches!(root, "assistants" | "threads" | "files") {
            return None;
        }
        let body = match body_object(req) {
            Ok(body) => body,
            Err(reply) => return Some(reply),
        };
        let mut store = self.lock();
        let ctx = Ctx { req, body: &body };
        let reply = match route(&mut store, &ctx, &segments) {
            Ok(reply) | Err(reply) => reply,
        };
        Some(reply)
    }

    /// A stored file's object and bytes, for the APIs that read files (uploads, batches,
    /// vector stores).
    pub(crate) fn file_data(&self, id: &str) -> Option<(Obj, Bytes)> {
        let store = self.lock();
        let i = store.file(id).ok()?;
        Some((store.files[i].obj.clone(), store.files[i].data.clone()))
    }

    /// Stores a file created by another API (a completed upload, a batch's output) and returns
    /// its object.
    pub(crate) fn add_file(&self, filename: &str, purpose: &str, data: Bytes, azure: bool) -> Obj {
        self.add_file_expiring(filename, purpose, data, azure, None)
    }

    /// Like [`add_file`](Self::add_file), expiring `expires_after` seconds after creation.
    pub(crate) fn add_file_expiring(
        &self,
        filename: &str,
        purpose: &str,
        data: Bytes,
        azure: bool,
        expires_after: Option<u64>,
    ) -> Obj {
        resources::insert_file(
            &mut self.lock(),
            filename,
            purpose,
            data,
            azure,
            expires_after,
        )
    }

    fn lock(&self) -> MutexGuard<'_, Store> {
        // A panic elsewhere while holding the lock leaves consistent-enough test state; serving
        // it beats turning every later request into a panic.
        self.store
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Default for AssistantsState {
    fn default() -> Self {
        Self::new()
    }
}

/// One request as the route handlers see it: the request plus its body as an object (`{}` when
/// the request had none, as for `POST .../cancel`).
struct Ctx<'a, 'b> {
    req: &'a ApiRequest<'b>,
    body: &'a Obj,
}

fn body_object(req: &ApiRequest<'_>) -> Result<Obj, ApiReply> {
    match req.json {
        None | Some(Value::Null) => Ok(Obj::new()),
        Some(Value::Object(map)) => Ok(map.clone()),
        Some(other) => Err(ApiReply::error(
            400,
            format!(
                "Invalid type for request body: expected an object, but got {} instead.",
                type_name(other)
            ),
            "invalid_request_error",
            None,
            Some("invalid_type"),
        )),
    }
}

/// Everything the mock remembers, in creation order (which is also `created_at` order).
#[derive(Debug, Default)]
struct Store {
    counters: BTreeMap<&'static str, u64>,
    ticks: u64,
    poll_after_ms: Option<u64>,
    assistants: Vec<Assistant>,
    files: Vec<StoredFile>,
    threads: Vec<Obj>,
    messages: Vec<Message>,
    runs: Vec<runs::Run>,
    steps: Vec<Obj>,
}

#[derive(Debug)]
struct Assistant {
    obj: Obj,
    /// v1 assistant files: `(file id, created_at)`, in attach order.
    files: Vec<(String, u64)>,
}

#[derive(Debug)]
struct StoredFile {
    obj: Obj,
    data: Bytes,
}

#[derive(Debug)]
struct Message {
    obj: Obj,
    /// v1 message files: attachment file ids plus a v1 `file_ids` body field.
    file_ids: Vec<String>,
}

impl Store {
    /// The next id for `prefix`, e.g. `asst_000000000000000000000001`; fixed width so ids sort
    /// like their creation order.
    fn next_id(&mut self, prefix: &'static str) -> String {
        let n = self.counters.entry(prefix).or_insert(0);
        *n += 1;
        format!("{prefix}{n:024}")
    }

    /// Reads the logical clock; every reading is one second later than the previous one.
    fn now(&mut self) -> u64 {
        let t = EPOCH + self.ticks;
        self.ticks += 1;
        t
    }

    fn poll_after(&self) -> String {
        self.poll_after_ms
            .unwrap_or(DEFAULT_POLL_AFTER_MS)
            .to_string()
    }

    fn assistant(&self, id: &str) -> Result<usize, ApiReply> {
        self.assistants
            .iter()
            .position(|a| obj_id(&a.obj) == id)
            .ok_or_else(|| ApiReply::not_found("assistant", id))
    }

    fn thread(&self, id: &str) -> Result<usize, ApiReply> {
        self.threads
            .iter()
            .position(|t| obj_id(t) == id)
            .ok_or_else(|| ApiReply::not_found("thread", id))
    }

    fn file(&self, id: &str) -> Result<usize, ApiReply> {
        self.files
            .iter()
            .position(|f| obj_id(&f.obj) == id)
            .ok_or_else(|| ApiReply::not_found("file", id))
    }

    fn message(&self, thread_id: &str, id: &str) -> Result<usize, ApiReply> {
        self.thread(thread_id)?;
        self.messages
            .iter()
            .position(|m| obj_id(&m.obj) == id && str_field(&m.obj, "thread_id") == thread_id)
            .ok_or_else(|| ApiReply::not_found("message", id))
    }
}

/// Which handler a path names, with the methods it accepts.
fn route(store: &mut Store, ctx: &Ctx<'_, '_>, seg: &[&str]) -> Reply {
    let method = ctx.req.method;
    let allowed: &[&str] = match seg {
        ["assistants"] => match method {
            "GET" => return resources::list_assistants(store, ctx),
            "POST" => return resources::create_assistant(store, ctx),
            _ => &["GET", "POST"],
        },
        ["assistants", a] => match method {
            "GET" => return resources::get_assistant(store, a),
            "POST" => return resources::modify_assistant(store, ctx, a),
            "DELETE" => return resources::delete_assistant(store, a),
            _ => &["GET", "POST", "DELETE"],
        },
        ["assistants", a, "files"] => match method {
            "GET" => return resources::list_assistant_files(store, ctx, a),
            "POST" => return resources::create_assistant_file(store, ctx, a),
            _ => &["GET", "POST"],
        },
        ["assistants", a, "files", f] => match method {
            "GET" => return resources::get_assistant_file(store, a, f),
            "DELETE" => return resources::delete_assistant_file(store, a, f),
            _ => &["GET", "DELETE"],
        },
        ["threads"] => match method {
            "POST" => return resources::create_thread(store, ctx.body).map(ApiReply::ok),
            _ => &["POST"],
        },
        ["threads", "runs"] if method == "POST" => return runs::create_thread_and_run(store, ctx),
        ["threads", t] => match method {
            "GET" => return resources::get_thread(store, t),
            "POST" => return resources::modify_thread(store, ctx, t),
            "DELETE" => return resources::delete_thread(store, t),
            _ => &["GET", "POST", "DELETE"],
        },
        ["threads", t, "messages"] => match method {
            "GET" => return resources::list_messages(store, ctx, t),
            "POST" => return resources::create_message(store, ctx, t),
            _ => &["GET", "POST"],
        },
        ["threads", t, "messages", m] => match method {
            "GET" => return resources::get_message(store, t, m),
            "POST" => return resources::modify_message(store, ctx, t, m),
            "DELETE" => return resources::delete_message(store, t, m),
            _ => &["GET", "POST", "DELETE"],
        },
        ["threads", t, "messages", m, "files"] => match method {
            "GET" => return resources::list_message_files(store, ctx, t, m),
            _ => &["GET"],
        },
        ["threads", t, "messages", m, "files", f] => match method {
            "GET" => return resources::get_message_file(store, t, m, f),
            _ => &["GET"],
        },
        ["threads", t, "runs"] => match method {
            "GET" => return runs::list_runs(store, ctx, t),
            "POST" => return runs::create_run(store, ctx, t),
            _ => &["GET", "POST"],
        },
        ["threads", t, "runs", r] => match method {
            "GET" => return runs::poll_run(store, t, r),
            "POST" => return runs::modify_run(store, ctx, t, r),
            _ => &["GET", "POST"],
        },
        ["threads", t, "runs", r, "cancel"] => match method {
            "POST" => return runs::cancel_run(store, t, r),
            _ => &["POST"],
        },
        ["threads", t, "runs", r, "submit_tool_outputs"] => match method {
            "POST" => return runs::submit_tool_outputs(store, ctx, t, r),
            _ => &["POST"],
        },
        ["threads", t, "runs", r, "steps"] => match method {
            "GET" => return runs::list_steps(store, ctx, t, r),
            _ => &["GET"],
        },
        ["threads", t, "runs", r, "steps", s] => match method {
            "GET" => return runs::get_step(store, t, r, s),
            _ => &["GET"],
        },
        ["files"] => match method {
            "GET" => return resources::list_files(store, ctx),
            "POST" => return resources::upload_file(store, ctx),
            _ => &["GET", "POST"],
        },
        ["files", f] => match method {
            "GET" => return resources::get_file(store, f),
            "DELETE" => return resources::delete_file(store, f),
            _ => &["GET", "DELETE"],
        },
        ["files", f, "content"] => match method {
            "GET" => return resources::file_content(store, f),
            _ => &["GET"],
        },
        _ => {
            return Err(ApiReply::error(
                404,
                format!("Invalid URL ({method} {})", ctx.req.path),
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
            ctx.req.path,
            allowed.join(", ")
        ),
        "invalid_request_error",
        None,
        None,
    )
    .with_header("allow", allowed.join(", ")))
}

// ---------------------------------------------------------------------------------------------
// Small JSON helpers shared by the handlers.

fn obj_id(obj: &Obj) -> &str {
    str_field(obj, "id")
}

fn str_field<'a>(obj: &'a Obj, key: &str) -> &'a str {
    obj.get(key).and_then(Value::as_str).unwrap_or_default()
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `400 invalid_type`, worded like the service ("Invalid type for 'x': expected a string, but
/// got a number instead.").
fn invalid_type(param: &str, expected: &str, got: &Value) -> ApiReply {
    ApiReply::error(
        400,
        format!(
            "Invalid type for '{param}': expected {expected}, but got {} instead.",
            type_name(got)
        ),
        "invalid_request_error",
        Some(param),
        Some("invalid_type"),
    )
}

fn missing(param: &str) -> ApiReply {
    ApiReply::error(
        400,
        format!("Missing required parameter: '{param}'."),
        "invalid_request_error",
        Some(param),
        Some("missing_required_parameter"),
    )
}

/// An optional string field (`null` counts as absent).
fn opt_str(body: &Obj, key: &str) -> Result<Option<String>, ApiReply> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(invalid_type(key, "a string", other)),
    }
}

fn req_str(body: &Obj, key: &str) -> Result<String, ApiReply> {
    opt_str(body, key)?.ok_or_else(|| missing(key))
}

/// An optional number within `lo..=hi`.
fn opt_num(body: &Obj, key: &str, lo: f64, hi: f64) -> Result<Option<Value>, ApiReply> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v @ Value::Number(n)) => {
            let x = n.as_f64().unwrap_or(f64::NAN);
            if (lo..=hi).contains(&x) {
                Ok(Some(v.clone()))
            } else {
                Err(ApiReply::error(
                    400,
                    format!("Invalid '{key}': must be between {lo} and {hi}, got {x}."),
                    "invalid_request_error",
                    Some(key),
                    Some("invalid_value"),
                ))
            }
        }
        Some(other) => Err(invalid_type(key, "a number", other)),
    }
}

fn opt_array<'a>(body: &'a Obj, key: &str) -> Result<Option<&'a Vec<Value>>, ApiReply> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Array(a)) => Ok(Some(a)),
        Some(other) => Err(invalid_type(key, "an array", other)),
    }
}

fn opt_object<'a>(body: &'a Obj, key: &str) -> Result<Option<&'a Obj>, ApiReply> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(o)) => Ok(Some(o)),
        Some(other) => Err(invalid_type(key, "an object", other)),
    }
}

/// `metadata`: at most 16 string pairs, keys up to 64 and values up to 512 characters.
pub(crate) fn opt_metadata(body: &Obj) -> Result<Option<Value>, ApiReply> {
    let Some(map) = opt_object(body, "metadata")? else {
        return Ok(None);
    };
    if map.len() > 16 {
        return Err(ApiReply::invalid(
            "metadata",
            "Invalid 'metadata': too many properties. Expected an object with at most 16 properties.",
        ));
    }
    for (k, v) in map {
        let param = format!("metadata.{k}");
        let Value::String(s) = v else {
            return Err(invalid_type(&param, "a string", v));
        };
        if k.chars().count() > 64 || s.chars().count() > 512 {
            return Err(ApiReply::invalid(
                &param,
                format!("Invalid '{param}': keys are limited to 64 and values to 512 characters."),
            ));
        }
    }
    Ok(Some(Value::Object(map.clone())))
}

/// `tools`: objects with a known `type`; function tools need `function.name`.
fn opt_tools(body: &Obj) -> Result<Option<Value>, ApiReply> {
    let Some(tools) = opt_array(body, "tools")? else {
        return Ok(None);
    };
    if tools.len() > 128 {
        return Err(ApiReply::invalid(
            "tools",
            "Invalid 'tools': maximum 128 tools allowed.",
        ));
    }
    for (i, tool) in tools.iter().enumerate() {
        let param = format!("tools[{i}]");
        let Value::Object(tool) = tool else {
            return Err(invalid_type(&param, "an object", tool));
        };
        match tool.get("type").and_then(Value::as_str) {
            Some("code_interpreter" | "file_search") => {}
            Some("function") => {
                let name = tool
                    .get("function")
                    .and_then(|f| f.get("name"))
                    .and_then(Value::as_str);
                if name.is_none_or(str::is_empty) {
                    return Err(missing(&format!("{param}.function.name")));
                }
            }
            Some(other) => {
                return Err(ApiReply::error(
                    400,
                    format!(
                        "Invalid value: '{other}'. Supported values are: 'code_interpreter', 'function', and 'file_search'."
                    ),
                    "invalid_request_error",
                    Some(&format!("{param}.type")),
                    Some("invalid_value"),
                ));
            }
            None => return Err(missing(&format!("{param}.type"))),
        }
    }
    Ok(Some(Value::Array(tools.clone())))
}

/// Deleted-object acknowledgement, `{id, object: "<kind>.deleted", deleted: true}`.
pub(crate) fn deleted(id: &str, object: &str) -> ApiReply {
    ApiReply::ok(json!({ "id": id, "object": object, "deleted": true }))
}

// ---------------------------------------------------------------------------------------------
// Cursor pagination.

/// Limits of one list endpoint: the spec gives `/files` a default and maximum of 10 000 and
/// every Assistants list 20 and 100.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PageLimits {
    default: usize,
    max: usize,
}

pub(crate) const ASSISTANTS_PAGE: PageLimits = PageLimits {
    default: 20,
    max: 100,
};
const FILES_PAGE: PageLimits = PageLimits {
    default: 10_000,
    max: 10_000,
};

/// Pages `items` (in creation order) by the request's `limit`, `order`, `after` and `before`.
///
/// `after` keeps the items that come after the cursor in the requested order, `before` the ones
/// that come before it (the page nearest to the cursor); `has_more` says whether more items
/// follow in the direction of travel.
pub(crate) fn paginate(req: &ApiRequest<'_>, items: Vec<Value>, limits: PageLimits) -> Reply {
    let limit = match req.query_value("limit") {
        None => limits.default,
        Some(raw) => match raw.parse::<usize>() {
            Ok(n) if (1..=limits.max).contains(&n) => n,
            Ok(_) | Err(_) => {
                return Err(ApiReply::error(
                    400,
                    format!(
                        "Invalid 'limit': expected an integer between 1 and {}, got '{raw}'.",
                        limits.max
                    ),
                    "invalid_request_error",
                    Some("limit"),
                    Some("invalid_value"),
                ));
            }
        },
    };
    let mut items = items;
    match req.query_value("order").unwrap_or("desc") {
        "desc" => items.reverse(),
        "asc" => {}
        other => {
            return Err(ApiReply::error(
                400,
                format!("Invalid value: '{other}'. Supported values are: 'asc' and 'desc'."),
                "invalid_request_error",
                Some("order"),
                Some("invalid_value"),
            ));
        }
    }
    let position = |param: &str, id: &str, items: &[Value]| {
        items
            .iter()
            .position(|v| v.get("id").and_then(Value::as_str) == Some(id))
            .ok_or_else(|| {
                ApiReply::error(
                    400,
                    format!("Invalid '{param}': no object with id '{id}' in this list."),
                    "invalid_request_error",
                    Some(param),
                    Some("invalid_cursor"),
                )
            })
    };
    let mut lo = 0;
    let mut hi = items.len();
    if let Some(after) = req.query_value("after") {
        lo = position("after", after, &items)? + 1;
    }
    let before = req.query_value("before");
    if let Some(before) = before {
        hi = position("before", before, &items)?;
    }
    let window = if lo < hi { &items[lo..hi] } else { &[][..] };
    let has_more = window.len() > limit;
    let page: Vec<Value> = if before.is_some() && req.query_value("after").is_none() {
        window[window.len().saturating_sub(limit)..].to_vec()
    } else {
        window[..window.len().min(limit)].to_vec()
    };
    let first_id = page.first().and_then(|v| v.get("id")).cloned();
    let last_id = page.last().and_then(|v| v.get("id")).cloned();
    Ok(ApiReply::ok(json!({
        "object": "list",
        "data": page,
        "first_id": first_id,
        "last_id": last_id,
        "has_more": has_more,
    })))
}
