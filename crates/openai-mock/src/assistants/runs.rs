//! Runs, run steps and run event streams.
//!
//! The state machine advances one transition per `GET /threads/{t}/runs/{r}` (the reply shows
//! the state after the transition); nothing depends on wall time:
//!
//! | from | to | when |
//! | --- | --- | --- |
//! | (create) | `queued` | always |
//! | `queued` | `in_progress` | next poll; sets `started_at` |
//! | `in_progress` | `failed` | instructions contain `[fail]`; `last_error` = `server_error` |
//! | `in_progress` | `expired` | instructions contain `[expire]` |
//! | `in_progress` | `requires_action` | the run calls functions (below) and no outputs were submitted yet; adds an in-progress `tool_calls` step |
//! | `in_progress` | `completed` | otherwise; adds the assistant's message and a `message_creation` step, sets `usage` |
//! | `requires_action` | `queued` | `submit_tool_outputs` with exactly the pending call ids; completes the `tool_calls` step |
//! | `queued`, `in_progress`, `requires_action` | `cancelling` | `cancel` |
//! | `cancelling` | `cancelled` | next poll |
//!
//! A run calls one function per `function` tool in its tools (the run's, else the assistant's),
//! narrowed by `tool_choice` (`"none"`: no calls; `{"type": "function", "function": {"name"}}`:
//! that one) and by `parallel_tool_calls: false` (the first only). The reply text is
//! `Echo: <last user message text>`, followed by ` (tool outputs: name=output, ...)` when outputs
//! were submitted. Terminal runs clear `expires_at`, as the service does.
//!
//! With `"stream": true` the same transitions run to the next resting state (terminal or
//! `requires_action`) inside the request and their events are the SSE body, ending with
//! `event: done` / `data: [DONE]`.

use serde_json::{Value, json};

use super::resources::{NewMessage, NewThread, message_obj, response_format, text_part};
use super::{
    ASSISTANTS_PAGE, ApiReply, Ctx, Message, Obj, RUN_TTL, Reply, Store, invalid_type, missing,
    obj_id, opt_array, opt_metadata, opt_num, opt_object, opt_str, opt_tools, paginate, req_str,
    str_field,
};

/// One run and the bookkeeping its JSON does not show.
#[derive(Debug)]
pub(super) struct Run {
    pub(super) obj: Obj,
    /// The functions the run will call: `(name, JSON schema of the parameters)`.
    planned: Vec<(String, Value)>,
    /// Calls waiting for outputs: `(call id, function name)`.
    pending: Vec<(String, String)>,
    /// Submitted outputs: `(function name, output)`.
    outputs: Vec<(String, String)>,
    submitted: bool,
    tool_step: Option<String>,
}

/// `(event name, data)` in emission order.
type Events = Vec<(String, Value)>;

const ACTIVE: [&str; 4] = ["queued", "in_progress", "requires_action", "cancelling"];

/// The id of `thread_id`'s active run, if any (the service allows one at a time).
pub(super) fn active_run(store: &Store, thread_id: &str) -> Option<String> {
    store
        .runs
        .iter()
        .find(|r| {
            str_field(&r.obj, "thread_id") == thread_id
                && ACTIVE.contains(&str_field(&r.obj, "status"))
        })
        .map(|r| obj_id(&r.obj).to_owned())
}

fn run_index(store: &Store, thread_id: &str, run_id: &str) -> Result<usize, ApiReply> {
    store.thread(thread_id)?;
    store
        .runs
        .iter()
        .position(|r| obj_id(&r.obj) == run_id && str_field(&r.obj, "thread_id") == thread_id)
        .ok_or_else(|| ApiReply::not_found("run", run_id))
}

fn run_reply(store: &Store, i: usize) -> ApiReply {
    ApiReply::ok(Value::Object(store.runs[i].obj.clone()))
        .with_header("openai-poll-after-ms", store.poll_after())
}

fn sse(events: Events) -> ApiReply {
    let mut out: Vec<(Option<String>, String)> = events
        .into_iter()
        .map(|(name, data)| (Some(name), data.to_string()))
        .collect();
    out.push((Some("done".to_owned()), "[DONE]".to_owned()));
    ApiReply::Sse { events: out }
}

fn opt_bool(body: &Obj, key: &str) -> Result<Option<bool>, ApiReply> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(other) => Err(invalid_type(key, "a boolean", other)),
    }
}

/// `max_prompt_tokens` / `max_completion_tokens`: integers of at least 256 (spec).
fn opt_token_limit(body: &Obj, key: &str) -> Result<Value, ApiReply> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(Value::Null),
        Some(v @ Value::Number(n)) if n.as_u64().is_some_and(|n| n >= 256) => Ok(v.clone()),
        Some(Value::Number(_)) => Err(ApiReply::invalid(
            key,
            format!("Invalid '{key}': expected an integer of at least 256."),
        )),
        Some(other) => Err(invalid_type(key, "an integer", other)),
    }
}

/// A validated run request (create run, create thread and run), checked before anything is
/// stored so a rejected request leaves no trace.
struct RunParams {
    assistant_id: String,
    obj_fields: Obj,
    instructions: String,
    stream: bool,
    planned: Vec<(String, Value)>,
}

impl RunParams {
    fn parse(store: &Store, body: &Obj) -> Result<Self, ApiReply> {
        let assistant_id = req_str(body, "assistant_id")?;
        let assistant = &store.assistants[store.assistant(&assistant_id)?].obj;
        let inherit = |key: &str| assistant.get(key).cloned().unwrap_or(Value::Null);

        let mut instructions = match opt_str(body, "instructions")? {
            Some(s) => s,
            None => inherit("instructions")
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        };
        if let Some(extra) = opt_str(body, "additional_instructions")? {
            if !instructions.is_empty() {
                instructions.push('\n');
            }
            instructions.push_str(&extra);
        }
        let tools = opt_tools(body)?.unwrap_or_else(|| inherit("tools"));
        let tool_choice = match body.get("tool_choice") {
            None | Some(Value::Null) => json!("auto"),
            Some(Value::String(s)) if matches!(s.as_str(), "none" | "auto" | "required") => {
                json!(s)
            }
            Some(v @ Value::Object(_)) => v.clone(),
            Some(other) => {
                return Err(invalid_type(
                    "tool_choice",
                    "'none', 'auto', 'required' or an object",
                    other,
                ));
            }
        };
        let parallel = opt_bool(body, "parallel_tool_calls")?.unwrap_or(true);
        let mut fields = Obj::new();
        let model = opt_str(body, "model")?.map_or_else(|| inherit("model"), Value::String);
        fields.insert("model".into(), model);
        fields.insert(
            "instructions".into(),
            if instructions.is_empty() && inherit("instructions").is_null() {
                Value::Null
            } else {
                json!(instructions)
            },
        );
        fields.insert(
            "tool_resources".into(),
            opt_object(body, "tool_resources")?
                .map_or_else(|| inherit("tool_resources"), |o| Value::Object(o.clone())),
        );
        fields.insert(
            "metadata".into(),
            opt_metadata(body)?.unwrap_or_else(|| json!({})),
        );
        fields.insert(
            "temperature".into(),
            opt_num(body, "temperature", 0.0, 2.0)?.unwrap_or_else(|| inherit("temperature")),
        );
        fields.insert(
            "top_p".into(),
            opt_num(body, "top_p", 0.0, 1.0)?.unwrap_or_else(|| inherit("top_p")),
        );
        fields.insert(
            "reasoning_effort".into(),
            opt_str(body, "reasoning_effort")?
                .map_or_else(|| inherit("reasoning_effort"), Value::String),
        );
        fields.insert(
            "max_completion_tokens".into(),
            opt_token_limit(body, "max_completion_tokens")?,
        );
        fields.insert(
            "max_prompt_tokens".into(),
            opt_token_limit(body, "max_prompt_tokens")?,
        );
        fields.insert(
            "truncation_strategy".into(),
            opt_object(body, "truncation_strategy")?.map_or_else(
                || json!({ "type": "auto", "last_messages": null }),
                |o| Value::Object(o.clone()),
            ),
        );
        fields.insert(
            "response_format".into(),
            response_format(body)?.unwrap_or_else(|| inherit("response_format")),
        );
        fields.insert("tool_choice".into(), tool_choice.clone());
        fields.insert("parallel_tool_calls".into(), json!(parallel));
        let planned = plan_calls(&tools, &tool_choice, parallel);
        fields.insert("tools".into(), tools);
        Ok(Self {
            assistant_id,
            obj_fields: fields,
            instructions,
            stream: opt_bool(body, "stream")?.unwrap_or(false),
            planned,
        })
    }

    /// Stores a `queued` run on `thread_id`; returns its index and the creation events.
    fn start(self, store: &mut Store, thread_id: &str) -> (usize, Events) {
        let id = store.next_id("run_");
        let created_at = store.now();
        let mut obj = Obj::new();
        obj.insert("id".into(), json!(id));
        obj.insert("object".into(), json!("thread.run"));
        obj.insert("created_at".into(), json!(created_at));
        obj.insert("assistant_id".into(), json!(self.assistant_id));
        obj.insert("thread_id".into(), json!(thread_id));
        obj.insert("status".into(), json!("queued"));
        obj.insert("started_at".into(), Value::Null);
        obj.insert("expires_at".into(), json!(created_at + RUN_TTL));
        for key in ["cancelled_at", "failed_at", "completed_at"] {
            obj.insert(key.into(), Value::Null);
        }
        obj.insert("required_action".into(), Value::Null);
        obj.insert("last_error".into(), Value::Null);
        obj.insert("incomplete_details".into(), Value::Null);
        obj.insert("usage".into(), Value::Null);
        obj.extend(self.obj_fields);
        let run = Value::Object(obj.clone());
        store.runs.push(Run {
            obj,
            planned: self.planned,
            pending: Vec::new(),
            outputs: Vec::new(),
            submitted: false,
            tool_step: None,
        });
        let events = vec![
            ("thread.run.created".to_owned(), run.clone()),
            ("thread.run.queued".to_owned(), run),
        ];
        (store.runs.len() - 1, events)
    }
}

/// The functions a run will call (see the module docs).
fn plan_calls(tools: &Value, tool_choice: &Value, parallel: bool) -> Vec<(String, Value)> {
    if tool_choice == "none" {
        return Vec::new();
    }
    let forced = tool_choice
        .get("function")
        .and_then(|f| f.get("name"))
        .and_then(Value::as_str);
    let mut calls: Vec<(String, Value)> = tools
        .as_array()
        .into_iter()
        .flatten()
        .filter(|t| t.get("type").and_then(Value::as_str) == Some("function"))
        .filter_map(|t| {
            let function = t.get("function")?;
            let name = function.get("name")?.as_str()?;
            let params = function.get("parameters").cloned().unwrap_or(Value::Null);
            Some((name.to_owned(), params))
        })
        .filter(|(name, _)| forced.is_none_or(|f| f == name))
        .collect();
    if !parallel {
        calls.truncate(1);
    }
    calls
}

/// `400 invalid_thread` unless the run has something to answer.
fn check_runnable(has_user_message: bool, instructions: &str) -> Result<(), ApiReply> {
    if has_user_message || !instructions.is_empty() {
        Ok(())
    } else {
        Err(ApiReply::error(
            400,
            "Run creation requires a Thread with a user message or an assistant with instructions.",
            "invalid_request_error",
            None,
            Some("invalid_thread"),
        ))
    }
}

pub(super) fn create_run(store: &mut Store, ctx: &Ctx<'_, '_>, thread_id: &str) -> Reply {
    store.thread(thread_id)?;
    let params = RunParams::parse(store, ctx.body)?;
    let mut extra = Vec::new();
    for (i, m) in opt_array(ctx.body, "additional_messages")?
        .into_iter()
        .flatten()
        .enumerate()
    {
        let param = format!("additional_messages[{i}]");
        let Value::Object(m) = m else {
            return Err(invalid_type(&param, "an object", m));
        };
        extra.push(NewMessage::parse(m, &format!("{param}."))?);
    }
    if let Some(run) = active_run(store, thread_id) {
        return Err(ApiReply::invalid(
            "thread_id",
            format!("Thread {thread_id} already has an active run {run}."),
        ));
    }
    let has_user = extra.iter().any(NewMessage::is_user)
        || store
            .messages
            .iter()
            .any(|m| str_field(&m.obj, "thread_id") == thread_id && is_user(m));
    check_runnable(has_user, &params.instructions)?;
    for m in extra {
        m.insert(store, thread_id);
    }
    let stream = params.stream;
    let (i, events) = params.start(store, thread_id);
    Ok(finish(store, i, events, stream))
}

pub(super) fn create_thread_and_run(store: &mut Store, ctx: &Ctx<'_, '_>) -> Reply {
    let params = RunParams::parse(store, ctx.body)?;
    let thread = match opt_object(ctx.body, "thread")? {
        Some(t) => NewThread::parse(t)?,
        None => NewThread::parse(&Obj::new())?,
    };
    check_runnable(thread.has_user_message(), &params.instructions)?;
    let stream = params.stream;
    let thread = thread.insert(store);
    let mut events = vec![("thread.created".to_owned(), Value::Object(thread.clone()))];
    let (i, more) = params.start(store, obj_id(&thread));
    events.extend(more);
    Ok(finish(store, i, events, stream))
}

/// The reply to a request that changed run `i`: the run object, or for a stream the events up
/// to the next resting state.
fn finish(store: &mut Store, i: usize, mut events: Events, stream: bool) -> ApiReply {
    if !stream {
        return run_reply(store, i);
    }
    // Each transition leaves queued/in_progress/cancelling, so this ends within three steps;
    // the bound only guards against a future edit that breaks that.
    for _ in 0..8 {
        if !matches!(
            str_field(&store.runs[i].obj, "status"),
            "queued" | "in_progress" | "cancelling"
        ) {
            break;
        }
        events.extend(advance(store, i));
    }
    sse(events)
}

pub(super) fn poll_run(store: &mut Store, thread_id: &str, run_id: &str) -> Reply {
    let i = run_index(store, thread_id, run_id)?;
    advance(store, i);
    Ok(run_reply(store, i))
}

pub(super) fn list_runs(store: &mut Store, ctx: &Ctx<'_, '_>, thread_id: &str) -> Reply {
    store.thread(thread_id)?;
    let items = store
        .runs
        .iter()
        .filter(|r| str_field(&r.obj, "thread_id") == thread_id)
        .map(|r| Value::Object(r.obj.clone()))
        .collect();
    paginate(ctx.req, items, ASSISTANTS_PAGE)
}

pub(super) fn modify_run(
    store: &mut Store,
    ctx: &Ctx<'_, '_>,
    thread_id: &str,
    run_id: &str,
) -> Reply {
    let i = run_index(store, thread_id, run_id)?;
    if let Some(metadata) = opt_metadata(ctx.body)? {
        store.runs[i].obj.insert("metadata".into(), metadata);
    }
    Ok(run_reply(store, i))
}

pub(super) fn cancel_run(store: &mut Store, thread_id: &str, run_id: &str) -> Reply {
    let i = run_index(store, thread_id, run_id)?;
    let status = str_field(&store.runs[i].obj, "status").to_owned();
    if !matches!(
        status.as_str(),
        "queued" | "in_progress" | "requires_action"
    ) {
        return Err(ApiReply::invalid(
            "run_id",
            format!("Cannot cancel run with status '{status}'."),
        ));
    }
    let run = &mut store.runs[i].obj;
    run.insert("status".into(), json!("cancelling"));
    run.insert("required_action".into(), Value::Null);
    Ok(run_reply(store, i))
}

pub(super) fn submit_tool_outputs(
    store: &mut Store,
    ctx: &Ctx<'_, '_>,
    thread_id: &str,
    run_id: &str,
) -> Reply {
    let i = run_index(store, thread_id, run_id)?;
    let status = str_field(&store.runs[i].obj, "status").to_owned();
    if status != "requires_action" {
        return Err(ApiReply::invalid(
            "run_id",
            format!("Runs in status \"{status}\" do not accept tool outputs."),
        ));
    }
    let Some(list) = opt_array(ctx.body, "tool_outputs")? else {
        return Err(missing("tool_outputs"));
    };
    let stream = opt_bool(ctx.body, "stream")?.unwrap_or(false);
    let mut given: Vec<(String, String)> = Vec::new();
    for (n, item) in list.iter().enumerate() {
        let param = format!("tool_outputs[{n}]");
        let Value::Object(item) = item else {
            return Err(invalid_type(&param, "an object", item));
        };
        let id = match item.get("tool_call_id") {
            Some(Value::String(s)) => s.clone(),
            None | Some(Value::Null) => return Err(missing(&format!("{param}.tool_call_id"))),
            Some(other) => {
                return Err(invalid_type(
                    &format!("{param}.tool_call_id"),
                    "a string",
                    other,
                ));
            }
        };
        let output = match item.get("output") {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) => s.clone(),
            Some(other) => return Err(invalid_type(&format!("{param}.output"), "a string", other)),
        };
        given.push((id, output));
    }
    let run = &store.runs[i];
    let mut expected: Vec<&str> = run.pending.iter().map(|(id, _)| id.as_str()).collect();
    let mut got: Vec<&str> = given.iter().map(|(id, _)| id.as_str()).collect();
    expected.sort_unstable();
    got.sort_unstable();
    if expected != got {
        return Err(ApiReply::invalid(
            "tool_outputs",
            format!("Expected tool outputs for call_ids {expected:?}, got {got:?}"),
        ));
    }

    let now = store.now();
    let run = &mut store.runs[i];
    let outputs: Vec<(String, String)> = run
        .pending
        .iter()
        .map(|(id, name)| {
            let output = given
                .iter()
                .find(|(g, _)| g == id)
                .map(|(_, o)| o.clone())
                .unwrap_or_default();
            (name.clone(), output)
        })
        .collect();
    let call_outputs: Vec<(String, String)> = given;
    run.outputs = outputs;
    run.submitted = true;
    run.pending.clear();
    run.obj.insert("status".into(), json!("queued"));
    run.obj.insert("required_action".into(), Value::Null);
    let step_id = run.tool_step.clone();

    let mut events = Events::new();
    if let Some(step) = step_id.and_then(|s| store.steps.iter_mut().find(|o| obj_id(o) == s)) {
        if let Some(calls) = step
            .get_mut("step_details")
            .and_then(|d| d.get_mut("tool_calls"))
            .and_then(Value::as_array_mut)
        {
            for call in calls {
                let id = call.get("id").and_then(Value::as_str).unwrap_or_default();
                let output = call_outputs
                    .iter()
                    .find(|(g, _)| g == id)
                    .map(|(_, o)| o.clone());
                if let Some(function) = call.get_mut("function").and_then(Value::as_object_mut) {
                    function.insert("output".into(), json!(output));
                }
            }
        }
        step.insert("status".into(), json!("completed"));
        step.insert("completed_at".into(), json!(now));
        events.push((
            "thread.run.step.completed".to_owned(),
            Value::Object(step.clone()),
        ));
    }
    events.push((
        "thread.run.queued".to_owned(),
        Value::Object(store.runs[i].obj.clone()),
    ));
    Ok(finish(store, i, events, stream))
}

// ---------------------------------------------------------------------------------------------
// Transitions.

/// Moves run `i` one step along the state machine; returns the events that step emitted.
fn advance(store: &mut Store, i: usize) -> Events {
    let status = str_field(&store.runs[i].obj, "status").to_owned();
    match status.as_str() {
        "queued" => {
            let now = store.now();
            let run = &mut store.runs[i].obj;
            run.insert("status".into(), json!("in_progress"));
            if run.get("started_at").is_none_or(Value::is_null) {
                run.insert("started_at".into(), json!(now));
            }
            vec![event(&store.runs[i].obj, "thread.run.in_progress")]
        }
        "in_progress" => {
            let instructions = str_field(&store.runs[i].obj, "instructions").to_owned();
            let run = &store.runs[i];
            if instructions.contains("[fail]") {
                fail(store, i)
            } else if instructions.contains("[expire]") {
                let run = &mut store.runs[i].obj;
                run.insert("status".into(), json!("expired"));
                vec![event(run, "thread.run.expired")]
            } else if !run.submitted && !run.planned.is_empty() {
                require_action(store, i)
            } else {
                complete(store, i)
            }
        }
        "cancelling" => {
            let now = store.now();
            let run = &mut store.runs[i];
            end(&mut run.obj, "cancelled", "cancelled_at", now);
            let open_step = run
                .tool_step
                .clone()
                .and_then(|id| store.steps.iter_mut().find(|s| obj_id(s) == id))
                .filter(|s| str_field(s, "status") == "in_progress");
            if let Some(step) = open_step {
                step.insert("status".into(), json!("cancelled"));
                step.insert("cancelled_at".into(), json!(now));
            }
            vec![event(&store.runs[i].obj, "thread.run.cancelled")]
        }
        _ => Vec::new(),
    }
}

fn event(obj: &Obj, name: &str) -> (String, Value) {
    (name.to_owned(), Value::Object(obj.clone()))
}

/// Puts a run into a terminal `status`, stamping `stamp` and clearing `expires_at`.
fn end(run: &mut Obj, status: &str, stamp: &str, now: u64) {
    run.insert("status".into(), json!(status));
    run.insert(stamp.into(), json!(now));
    run.insert("expires_at".into(), Value::Null);
    run.insert("required_action".into(), Value::Null);
}

fn fail(store: &mut Store, i: usize) -> Events {
    let now = store.now();
    let run = &mut store.runs[i].obj;
    end(run, "failed", "failed_at", now);
    run.insert(
        "last_error".into(),
        json!({ "code": "server_error", "message": "Sorry, something went wrong." }),
    );
    vec![event(run, "thread.run.failed")]
}

fn require_action(store: &mut Store, i: usize) -> Events {
    let thread_id = str_field(&store.runs[i].obj, "thread_id").to_owned();
    let user_text = last_user_text(store, &thread_id);
    let planned = store.runs[i].planned.clone();
    let calls: Vec<(String, String, String)> = planned
        .iter()
        .map(|(name, params)| {
            let args = arguments_for(params, &user_text);
            (store.next_id("call_"), name.clone(), args)
        })
        .collect();
    let prompt = prompt_tokens(store, i);
    let completion: usize = calls.iter().map(|(_, _, a)| words(a)).sum();
    let details = json!({
        "type": "tool_calls",
        "tool_calls": calls.iter().map(|(id, name, args)| json!({
            "id": id,
            "type": "function",
            "function": { "name": name, "arguments": args, "output": null },
        })).collect::<Vec<_>>(),
    });
    let step = new_step(store, i, "tool_calls", details);
    let step_id = obj_id(&step).to_owned();
    let mut announced = step.clone();
    announced.insert(
        "step_details".into(),
        json!({ "type": "tool_calls", "tool_calls": [] }),
    );
    let mut events = vec![
        event(&announced, "thread.run.step.created"),
        event(&announced, "thread.run.step.in_progress"),
    ];
    for (index, (id, name, args)) in calls.iter().enumerate() {
        let delta = |call: Value| {
            (
                "thread.run.step.delta".to_owned(),
                json!({
                    "id": step_id,
                    "object": "thread.run.step.delta",
                    "delta": { "step_details": { "type": "tool_calls", "tool_calls": [call] } },
                }),
            )
        };
        events.push(delta(json!({
            "index": index, "id": id, "type": "function",
            "function": { "name": name, "arguments": "", "output": null },
        })));
        events.push(delta(json!({
            "index": index, "type": "function", "function": { "arguments": args },
        })));
    }
    if let Some(s) = store.steps.iter_mut().find(|s| obj_id(s) == step_id) {
        s.insert("usage".into(), usage(prompt, completion));
    }
    let run = &mut store.runs[i];
    run.pending = calls
        .iter()
        .map(|(id, name, _)| (id.clone(), name.clone()))
        .collect();
    run.tool_step = Some(step_id);
    run.obj.insert("status".into(), json!("requires_action"));
    run.obj.insert(
        "required_action".into(),
        json!({
            "type": "submit_tool_outputs",
            "submit_tool_outputs": {
                "tool_calls": calls.iter().map(|(id, name, args)| json!({
                    "id": id,
                    "type": "function",
                    "function": { "name": name, "arguments": args },
                })).collect::<Vec<_>>(),
            },
        }),
    );
    events.push(event(&run.obj, "thread.run.requires_action"));
    events
}

fn complete(store: &mut Store, i: usize) -> Events {
    let run_id = obj_id(&store.runs[i].obj).to_owned();
    let thread_id = str_field(&store.runs[i].obj, "thread_id").to_owned();
    let assistant_id = str_field(&store.runs[i].obj, "assistant_id").to_owned();
    let mut text = format!("Echo: {}", last_user_text(store, &thread_id));
    let outputs = &store.runs[i].outputs;
    if !outputs.is_empty() {
        let list: Vec<String> = outputs.iter().map(|(n, o)| format!("{n}={o}")).collect();
        text.push_str(&format!(" (tool outputs: {})", list.join(", ")));
    }
    let prompt = prompt_tokens(store, i);

    let msg_id = store.next_id("msg_");
    let step = new_step(
        store,
        i,
        "message_creation",
        json!({ "type": "message_creation", "message_creation": { "message_id": msg_id } }),
    );
    let step_id = obj_id(&step).to_owned();
    let mut events = vec![
        event(&step, "thread.run.step.created"),
        event(&step, "thread.run.step.in_progress"),
    ];

    let created_at = store.now();
    let mut msg = message_obj(
        &msg_id,
        created_at,
        &thread_id,
        "assistant",
        (Some(&assistant_id), Some(&run_id)),
        Vec::new(),
        json!([]),
        json!({}),
    );
    msg.insert("status".into(), json!("in_progress"));
    msg.insert("completed_at".into(), Value::Null);
    events.push(event(&msg, "thread.message.created"));
    events.push(event(&msg, "thread.message.in_progress"));
    for (n, piece) in pieces(&text).into_iter().enumerate() {
        let mut part = json!({ "value": piece });
        if n == 0 {
            // The service sends `annotations` only with the first piece.
            part["annotations"] = json!([]);
        }
        events.push((
            "thread.message.delta".to_owned(),
            json!({
                "id": msg_id,
                "object": "thread.message.delta",
                "delta": { "content": [{ "index": 0, "type": "text", "text": part }] },
            }),
        ));
    }
    let done_at = store.now();
    msg.insert("status".into(), json!("completed"));
    msg.insert("completed_at".into(), json!(done_at));
    msg.insert("content".into(), json!([text_part(&text)]));
    events.push(event(&msg, "thread.message.completed"));
    store.messages.push(Message {
        obj: msg,
        file_ids: Vec::new(),
    });

    let step_usage = usage(prompt, words(&text));
    if let Some(s) = store.steps.iter_mut().find(|s| obj_id(s) == step_id) {
        s.insert("status".into(), json!("completed"));
        s.insert("completed_at".into(), json!(done_at));
        s.insert("usage".into(), step_usage);
        events.push(event(s, "thread.run.step.completed"));
    }

    let total = run_usage(store, &run_id);
    let run = &mut store.runs[i].obj;
    end(run, "completed", "completed_at", done_at);
    run.insert("usage".into(), total);
    events.push(event(run, "thread.run.completed"));
    events
}

/// Stores a new in-progress step of run `i`; returns it.
fn new_step(store: &mut Store, i: usize, kind: &str, details: Value) -> Obj {
    let id = store.next_id("step_");
    let created_at = store.now();
    let run = &store.runs[i].obj;
    let mut step = Obj::new();
    step.insert("id".into(), json!(id));
    step.insert("object".into(), json!("thread.run.step"));
    step.insert("created_at".into(), json!(created_at));
    step.insert("run_id".into(), json!(obj_id(run)));
    step.insert("assistant_id".into(), json!(str_field(run, "assistant_id")));
    step.insert("thread_id".into(), json!(str_field(run, "thread_id")));
    step.insert("type".into(), json!(kind));
    step.insert("status".into(), json!("in_progress"));
    for key in [
        "cancelled_at",
        "completed_at",
        "failed_at",
        "last_error",
        "usage",
    ] {
        step.insert(key.into(), Value::Null);
    }
    step.insert(
        "expires_at".into(),
        run.get("expires_at").cloned().unwrap_or(Value::Null),
    );
    step.insert("step_details".into(), details);
    store.steps.push(step.clone());
    step
}

// ---------------------------------------------------------------------------------------------
// Derived content.

fn is_user(m: &Message) -> bool {
    str_field(&m.obj, "role") == "user"
}

fn message_text(m: &Message) -> String {
    m.obj
        .get("content")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|part| part.get("text")?.get("value")?.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn last_user_text(store: &Store, thread_id: &str) -> String {
    store
        .messages
        .iter()
        .rev()
        .find(|m| str_field(&m.obj, "thread_id") == thread_id && is_user(m))
        .map(message_text)
        .unwrap_or_default()
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Words of the instructions and of every message in the run's thread: a stand-in token count.
fn prompt_tokens(store: &Store, i: usize) -> usize {
    let run = &store.runs[i].obj;
    let thread_id = str_field(run, "thread_id");
    words(str_field(run, "instructions"))
        + store
            .messages
            .iter()
            .filter(|m| str_field(&m.obj, "thread_id") == thread_id)
            .map(|m| words(&message_text(m)))
            .sum::<usize>()
}

fn usage(prompt: usize, completion: usize) -> Value {
    json!({
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
        "prompt_token_details": { "cached_tokens": 0 },
        "completion_tokens_details": { "reasoning_tokens": 0 },
    })
}

/// The sum of the usage of the run's steps.
fn run_usage(store: &Store, run_id: &str) -> Value {
    let (mut prompt, mut completion) = (0, 0);
    for step in store
        .steps
        .iter()
        .filter(|s| str_field(s, "run_id") == run_id)
    {
        let count = |k: &str| {
            step.get("usage")
                .and_then(|u| u.get(k))
                .and_then(Value::as_u64)
                .unwrap_or(0)
        };
        prompt += count("prompt_tokens");
        completion += count("completion_tokens");
    }
    let (prompt, completion) = (prompt as usize, completion as usize);
    usage(prompt, completion)
}

/// Function arguments from the parameters schema: strings get the user's text, numbers 1,
/// booleans true, enums their first value.
fn arguments_for(params: &Value, user_text: &str) -> String {
    let mut args = Obj::new();
    if let Some(props) = params.get("properties").and_then(Value::as_object) {
        for (name, schema) in props {
            let value = if let Some(first) = schema
                .get("enum")
                .and_then(Value::as_array)
                .and_then(|e| e.first())
            {
                first.clone()
            } else {
                match schema.get("type").and_then(Value::as_str) {
                    Some("string") => json!(user_text),
                    Some("number" | "integer") => json!(1),
                    Some("boolean") => json!(true),
                    Some("array") => json!([]),
                    Some("object") => json!({}),
                    _ => Value::Null,
                }
            };
            args.insert(name.clone(), value);
        }
    }
    Value::Object(args).to_string()
}

/// Splits text into word pieces the way the service streams it (`"The"`, `" solution"`, ...).
fn pieces(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (n, word) in text.split(' ').enumerate() {
        if n == 0 {
            out.push(word.to_owned());
        } else {
            out.push(format!(" {word}"));
        }
    }
    out.retain(|p| !p.is_empty());
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Run steps.

pub(super) fn list_steps(
    store: &mut Store,
    ctx: &Ctx<'_, '_>,
    thread_id: &str,
    run_id: &str,
) -> Reply {
    run_index(store, thread_id, run_id)?;
    let items = store
        .steps
        .iter()
        .filter(|s| str_field(s, "run_id") == run_id)
        .map(|s| Value::Object(s.clone()))
        .collect();
    paginate(ctx.req, items, ASSISTANTS_PAGE)
}

pub(super) fn get_step(store: &mut Store, thread_id: &str, run_id: &str, step_id: &str) -> Reply {
    run_index(store, thread_id, run_id)?;
    store
        .steps
        .iter()
        .find(|s| obj_id(s) == step_id && str_field(s, "run_id") == run_id)
        .map(|s| ApiReply::ok(Value::Object(s.clone())))
        .ok_or_else(|| ApiReply::not_found("run step", step_id))
}
