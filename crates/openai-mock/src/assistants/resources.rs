//! Assistants, v1 assistant files, threads, messages, v1 message files and uploaded files: the
//! plain CRUD part of the state (runs live in `runs`).
//!
//! Object shapes follow the real recordings in `shared/testdata/real/assistants` key for key;
//! messages carry the spec's `status`/`completed_at`/`incomplete_*` keys as the streamed ones do.

use bytes::Bytes;
use serde_json::{Value, json};

use super::{
    ASSISTANTS_PAGE, ApiReply, Assistant, Ctx, FILES_PAGE, Message, Obj, Reply, Store, StoredFile,
    deleted, invalid_type, missing, obj_id, opt_array, opt_metadata, opt_num, opt_object, opt_str,
    opt_tools, paginate, req_str, str_field,
};

// ---------------------------------------------------------------------------------------------
// Assistants.

pub(super) fn create_assistant(store: &mut Store, ctx: &Ctx<'_, '_>) -> Reply {
    let body = ctx.body;
    let model = req_str(body, "model")?;
    let fields = AssistantFields::parse(body)?;
    let file_ids = v1_file_ids(store, body)?;
    let id = store.next_id("asst_");
    let created_at = store.now();
    let mut obj = Obj::new();
    obj.insert("id".into(), json!(id));
    obj.insert("object".into(), json!("assistant"));
    obj.insert("created_at".into(), json!(created_at));
    obj.insert("name".into(), Value::Null);
    obj.insert("description".into(), Value::Null);
    obj.insert("model".into(), json!(model));
    obj.insert("instructions".into(), Value::Null);
    obj.insert("tools".into(), json!([]));
    obj.insert("top_p".into(), json!(1.0));
    obj.insert("temperature".into(), json!(1.0));
    obj.insert("reasoning_effort".into(), Value::Null);
    obj.insert("tool_resources".into(), json!({}));
    obj.insert("metadata".into(), json!({}));
    obj.insert("response_format".into(), json!("auto"));
    fields.apply(&mut obj);
    let files = file_ids.into_iter().map(|f| (f, created_at)).collect();
    store.assistants.push(Assistant {
        obj: obj.clone(),
        files,
    });
    Ok(ApiReply::ok(Value::Object(obj)))
}

/// The optional, modifiable assistant fields, validated before anything is stored.
struct AssistantFields(Vec<(&'static str, Value)>);

impl AssistantFields {
    fn parse(body: &Obj) -> Result<Self, ApiReply> {
        let mut set = Vec::new();
        for key in [
            "model",
            "name",
            "description",
            "instructions",
            "reasoning_effort",
        ] {
            if body.contains_key(key) {
                let value = opt_str(body, key)?.map_or(Value::Null, Value::String);
                if key == "model" && value.is_null() {
                    return Err(missing("model"));
                }
                set.push((key, value));
            }
        }
        if let Some(tools) = opt_tools(body)? {
            set.push(("tools", tools));
        }
        if let Some(resources) = opt_object(body, "tool_resources")? {
            set.push(("tool_resources", Value::Object(resources.clone())));
        }
        if let Some(metadata) = opt_metadata(body)? {
            set.push(("metadata", metadata));
        }
        if let Some(t) = opt_num(body, "temperature", 0.0, 2.0)? {
            set.push(("temperature", t));
        }
        if let Some(p) = opt_num(body, "top_p", 0.0, 1.0)? {
            set.push(("top_p", p));
        }
        if let Some(format) = response_format(body)? {
            set.push(("response_format", format));
        }
        Ok(Self(set))
    }

    fn apply(self, obj: &mut Obj) {
        for (key, value) in self.0 {
            obj.insert(key.into(), value);
        }
    }
}

/// `response_format`: `"auto"` or an object such as `{"type": "json_object"}`.
pub(super) fn response_format(body: &Obj) -> Result<Option<Value>, ApiReply> {
    match body.get("response_format") {
        None | Some(Value::Null) => Ok(None),
        Some(v @ Value::String(s)) if s == "auto" => Ok(Some(v.clone())),
        Some(v @ Value::Object(o)) if o.get("type").and_then(Value::as_str).is_some() => {
            Ok(Some(v.clone()))
        }
        Some(other) => Err(invalid_type(
            "response_format",
            "'auto' or an object with a 'type'",
            other,
        )),
    }
}

/// The v1 `file_ids` body field (assistant create): every id must name an uploaded file.
fn v1_file_ids(store: &Store, body: &Obj) -> Result<Vec<String>, ApiReply> {
    let mut ids = Vec::new();
    for (i, v) in opt_array(body, "file_ids")?
        .into_iter()
        .flatten()
        .enumerate()
    {
        let Value::String(id) = v else {
            return Err(invalid_type(&format!("file_ids[{i}]"), "a string", v));
        };
        store.file(id)?;
        ids.push(id.clone());
    }
    Ok(ids)
}

pub(super) fn list_assistants(store: &mut Store, ctx: &Ctx<'_, '_>) -> Reply {
    let items = store
        .assistants
        .iter()
        .map(|a| Value::Object(a.obj.clone()))
        .collect();
    paginate(ctx.req, items, ASSISTANTS_PAGE)
}

pub(super) fn get_assistant(store: &mut Store, id: &str) -> Reply {
    let i = store.assistant(id)?;
    Ok(ApiReply::ok(Value::Object(store.assistants[i].obj.clone())))
}

pub(super) fn modify_assistant(store: &mut Store, ctx: &Ctx<'_, '_>, id: &str) -> Reply {
    let i = store.assistant(id)?;
    let fields = AssistantFields::parse(ctx.body)?;
    let obj = &mut store.assistants[i].obj;
    fields.apply(obj);
    Ok(ApiReply::ok(Value::Object(obj.clone())))
}

pub(super) fn delete_assistant(store: &mut Store, id: &str) -> Reply {
    let i = store.assistant(id)?;
    store.assistants.remove(i);
    Ok(deleted(id, "assistant.deleted"))
}

// ---------------------------------------------------------------------------------------------
// v1 assistant files (`assistant.file`): v2 replaced them with `tool_resources`, but the v1
// operations still exist, so they are kept as a per-assistant list of uploaded file ids.

fn assistant_file(assistant_id: &str, file_id: &str, created_at: u64) -> Value {
    json!({
        "id": file_id,
        "object": "assistant.file",
        "created_at": created_at,
        "assistant_id": assistant_id,
    })
}

pub(super) fn create_assistant_file(store: &mut Store, ctx: &Ctx<'_, '_>, id: &str) -> Reply {
    let i = store.assistant(id)?;
    let file_id = req_str(ctx.body, "file_id")?;
    store.file(&file_id)?;
    if let Some((_, at)) = store.assistants[i]
        .files
        .iter()
        .find(|(f, _)| *f == file_id)
    {
        return Ok(ApiReply::ok(assistant_file(id, &file_id, *at)));
    }
    let at = store.now();
    store.assistants[i].files.push((file_id.clone(), at));
    Ok(ApiReply::ok(assistant_file(id, &file_id, at)))
}

pub(super) fn list_assistant_files(store: &mut Store, ctx: &Ctx<'_, '_>, id: &str) -> Reply {
    let i = store.assistant(id)?;
    let items = store.assistants[i]
        .files
        .iter()
        .map(|(f, at)| assistant_file(id, f, *at))
        .collect();
    paginate(ctx.req, items, ASSISTANTS_PAGE)
}

pub(super) fn get_assistant_file(store: &mut Store, id: &str, file_id: &str) -> Reply {
    let i = store.assistant(id)?;
    store.assistants[i]
        .files
        .iter()
        .find(|(f, _)| f == file_id)
        .map(|(f, at)| ApiReply::ok(assistant_file(id, f, *at)))
        .ok_or_else(|| ApiReply::not_found("assistant file", file_id))
}

pub(super) fn delete_assistant_file(store: &mut Store, id: &str, file_id: &str) -> Reply {
    let i = store.assistant(id)?;
    let files = &mut store.assistants[i].files;
    let at = files
        .iter()
        .position(|(f, _)| f == file_id)
        .ok_or_else(|| ApiReply::not_found("assistant file", file_id))?;
    files.remove(at);
    Ok(deleted(file_id, "assistant.file.deleted"))
}

// ---------------------------------------------------------------------------------------------
// Threads.

/// A validated `POST /threads` body (also the `thread` of create-thread-and-run).
pub(super) struct NewThread {
    messages: Vec<NewMessage>,
    tool_resources: Value,
    metadata: Value,
}

impl NewThread {
    pub(super) fn parse(body: &Obj) -> Result<Self, ApiReply> {
        let mut messages = Vec::new();
        for (i, m) in opt_array(body, "messages")?
            .into_iter()
            .flatten()
            .enumerate()
        {
            let param = format!("messages[{i}]");
            let Value::Object(m) = m else {
                return Err(invalid_type(&param, "an object", m));
            };
            messages.push(NewMessage::parse(m, &format!("{param}."))?);
        }
        Ok(Self {
            messages,
            tool_resources: opt_object(body, "tool_resources")?
                .map_or_else(|| json!({}), |o| Value::Object(o.clone())),
            metadata: opt_metadata(body)?.unwrap_or_else(|| json!({})),
        })
    }

    /// Whether any initial message is a user message (a run needs one, or instructions).
    pub(super) fn has_user_message(&self) -> bool {
        self.messages.iter().any(|m| m.role == "user")
    }

    /// Stores the thread and its messages; returns the thread object.
    pub(super) fn insert(self, store: &mut Store) -> Obj {
        let id = store.next_id("thread_");
        let created_at = store.now();
        let mut obj = Obj::new();
        obj.insert("id".into(), json!(id));
        obj.insert("object".into(), json!("thread"));
        obj.insert("created_at".into(), json!(created_at));
        obj.insert("metadata".into(), self.metadata);
        obj.insert("tool_resources".into(), self.tool_resources);
        store.threads.push(obj.clone());
        for m in self.messages {
            m.insert(store, &id);
        }
        obj
    }
}

pub(super) fn create_thread(store: &mut Store, body: &Obj) -> Result<Value, ApiReply> {
    let thread = NewThread::parse(body)?;
    Ok(Value::Object(thread.insert(store)))
}

pub(super) fn get_thread(store: &mut Store, id: &str) -> Reply {
    let i = store.thread(id)?;
    Ok(ApiReply::ok(Value::Object(store.threads[i].clone())))
}

pub(super) fn modify_thread(store: &mut Store, ctx: &Ctx<'_, '_>, id: &str) -> Reply {
    let i = store.thread(id)?;
    let metadata = opt_metadata(ctx.body)?;
    let resources = opt_object(ctx.body, "tool_resources")?.cloned();
    let obj = &mut store.threads[i];
    if let Some(metadata) = metadata {
        obj.insert("metadata".into(), metadata);
    }
    if let Some(resources) = resources {
        obj.insert("tool_resources".into(), Value::Object(resources));
    }
    Ok(ApiReply::ok(Value::Object(obj.clone())))
}

pub(super) fn delete_thread(store: &mut Store, id: &str) -> Reply {
    let i = store.thread(id)?;
    store.threads.remove(i);
    store
        .messages
        .retain(|m| str_field(&m.obj, "thread_id") != id);
    store.runs.retain(|r| str_field(&r.obj, "thread_id") != id);
    store.steps.retain(|s| str_field(s, "thread_id") != id);
    Ok(deleted(id, "thread.deleted"))
}

// ---------------------------------------------------------------------------------------------
// Messages.

/// A validated message body (`POST /threads/{t}/messages`, initial thread messages,
/// `additional_messages`).
pub(super) struct NewMessage {
    role: String,
    content: Vec<Value>,
    attachments: Value,
    metadata: Value,
    file_ids: Vec<String>,
}

impl NewMessage {
    /// Validates `body`; `prefix` names its place in the request for error `param`s.
    pub(super) fn parse(body: &Obj, prefix: &str) -> Result<Self, ApiReply> {
        let p = |k: &str| format!("{prefix}{k}");
        let role = match body.get("role") {
            None | Some(Value::Null) => return Err(missing(&p("role"))),
            Some(Value::String(r)) if r == "user" || r == "assistant" => r.clone(),
            Some(Value::String(r)) => {
                return Err(ApiReply::error(
                    400,
                    format!("Invalid value: '{r}'. Supported values are: 'user' and 'assistant'."),
                    "invalid_request_error",
                    Some(&p("role")),
                    Some("invalid_value"),
                ));
            }
            Some(other) => return Err(invalid_type(&p("role"), "a string", other)),
        };
        let content = match body.get("content") {
            None | Some(Value::Null) => return Err(missing(&p("content"))),
            Some(Value::String(s)) => vec![text_part(s)],
            Some(Value::Array(parts)) if !parts.is_empty() => parts
                .iter()
                .enumerate()
                .map(|(i, part)| content_part(part, &p(&format!("content[{i}]"))))
                .collect::<Result<_, _>>()?,
            Some(Value::Array(_)) => {
                return Err(ApiReply::error(
                    400,
                    format!(
                        "Invalid '{}': empty array. Expected an array with minimum length 1, but got an empty array instead.",
                        p("content")
                    ),
                    "invalid_request_error",
                    Some(&p("content")),
                    Some("empty_array"),
                ));
            }
            Some(other) => {
                return Err(invalid_type(&p("content"), "a string or an array", other));
            }
        };
        let mut file_ids = Vec::new();
        let attachments = opt_array(body, "attachments")?.cloned().unwrap_or_default();
        for (i, a) in attachments.iter().enumerate() {
            let param = p(&format!("attachments[{i}].file_id"));
            match a.get("file_id") {
                Some(Value::String(f)) => file_ids.push(f.clone()),
                Some(other) => return Err(invalid_type(&param, "a string", other)),
                None => return Err(missing(&param)),
            }
        }
        for (i, f) in opt_array(body, "file_ids")?
            .into_iter()
            .flatten()
            .enumerate()
        {
            match f {
                Value::String(f) if !file_ids.contains(f) => file_ids.push(f.clone()),
                Value::String(_) => {}
                other => {
                    return Err(invalid_type(
                        &p(&format!("file_ids[{i}]")),
                        "a string",
                        other,
                    ));
                }
            }
        }
        Ok(Self {
            role,
            content,
            attachments: Value::Array(attachments),
            metadata: opt_metadata(body)?.unwrap_or_else(|| json!({})),
            file_ids,
        })
    }

    pub(super) fn is_user(&self) -> bool {
        self.role == "user"
    }

    /// Stores the message in `thread_id`; returns it.
    pub(super) fn insert(self, store: &mut Store, thread_id: &str) -> Obj {
        let id = store.next_id("msg_");
        let created_at = store.now();
        let obj = message_obj(
            &id,
            created_at,
            thread_id,
            &self.role,
            (None, None),
            self.content,
            self.attachments,
            self.metadata,
        );
        store.messages.push(Message {
            obj: obj.clone(),
            file_ids: self.file_ids,
        });
        obj
    }
}

/// `{"type": "text", "text": {"value": .., "annotations": []}}`.
pub(super) fn text_part(text: &str) -> Value {
    json!({ "type": "text", "text": { "value": text, "annotations": [] } })
}

fn content_part(part: &Value, param: &str) -> Result<Value, ApiReply> {
    match part.get("type").and_then(Value::as_str) {
        Some("text") => match part.get("text") {
            Some(Value::String(s)) => Ok(text_part(s)),
            Some(other) => Err(invalid_type(&format!("{param}.text"), "a string", other)),
            None => Err(missing(&format!("{param}.text"))),
        },
        Some(kind @ ("image_file" | "image_url")) => {
            if part.get(kind).is_some_and(Value::is_object) {
                Ok(part.clone())
            } else {
                Err(missing(&format!("{param}.{kind}")))
            }
        }
        Some(other) => Err(ApiReply::error(
            400,
            format!(
                "Invalid value: '{other}'. Supported values are: 'image_file', 'image_url', and 'text'."
            ),
            "invalid_request_error",
            Some(&format!("{param}.type")),
            Some("invalid_value"),
        )),
        None => Err(missing(&format!("{param}.type"))),
    }
}

/// A message object with every key the service sends (the spec's `MessageObject`); messages
/// created through the API are born `completed`.
#[allow(clippy::too_many_arguments)]
pub(super) fn message_obj(
    id: &str,
    created_at: u64,
    thread_id: &str,
    role: &str,
    (assistant_id, run_id): (Option<&str>, Option<&str>),
    content: Vec<Value>,
    attachments: Value,
    metadata: Value,
) -> Obj {
    let mut obj = Obj::new();
    obj.insert("id".into(), json!(id));
    obj.insert("object".into(), json!("thread.message"));
    obj.insert("created_at".into(), json!(created_at));
    obj.insert("assistant_id".into(), json!(assistant_id));
    obj.insert("thread_id".into(), json!(thread_id));
    obj.insert("run_id".into(), json!(run_id));
    obj.insert("status".into(), json!("completed"));
    obj.insert("incomplete_details".into(), Value::Null);
    obj.insert("incomplete_at".into(), Value::Null);
    obj.insert("completed_at".into(), json!(created_at));
    obj.insert("role".into(), json!(role));
    obj.insert("content".into(), Value::Array(content));
    obj.insert("attachments".into(), attachments);
    obj.insert("metadata".into(), metadata);
    obj
}

pub(super) fn create_message(store: &mut Store, ctx: &Ctx<'_, '_>, thread_id: &str) -> Reply {
    store.thread(thread_id)?;
    let message = NewMessage::parse(ctx.body, "")?;
    if let Some(run) = super::runs::active_run(store, thread_id) {
        return Err(ApiReply::invalid(
            "thread_id",
            format!("Can't add messages to {thread_id} while a run {run} is active."),
        ));
    }
    Ok(ApiReply::ok(Value::Object(
        message.insert(store, thread_id),
    )))
}

pub(super) fn list_messages(store: &mut Store, ctx: &Ctx<'_, '_>, thread_id: &str) -> Reply {
    store.thread(thread_id)?;
    let run_id = ctx.req.query_value("run_id");
    let items = store
        .messages
        .iter()
        .filter(|m| str_field(&m.obj, "thread_id") == thread_id)
        .filter(|m| run_id.is_none_or(|r| str_field(&m.obj, "run_id") == r))
        .map(|m| Value::Object(m.obj.clone()))
        .collect();
    paginate(ctx.req, items, ASSISTANTS_PAGE)
}

pub(super) fn get_message(store: &mut Store, thread_id: &str, id: &str) -> Reply {
    let i = store.message(thread_id, id)?;
    Ok(ApiReply::ok(Value::Object(store.messages[i].obj.clone())))
}

pub(super) fn modify_message(
    store: &mut Store,
    ctx: &Ctx<'_, '_>,
    thread_id: &str,
    id: &str,
) -> Reply {
    let i = store.message(thread_id, id)?;
    let metadata = opt_metadata(ctx.body)?;
    let obj = &mut store.messages[i].obj;
    if let Some(metadata) = metadata {
        obj.insert("metadata".into(), metadata);
    }
    Ok(ApiReply::ok(Value::Object(obj.clone())))
}

pub(super) fn delete_message(store: &mut Store, thread_id: &str, id: &str) -> Reply {
    let i = store.message(thread_id, id)?;
    store.messages.remove(i);
    Ok(deleted(id, "thread.message.deleted"))
}

// ---------------------------------------------------------------------------------------------
// v1 message files (`thread.message.file`), derived from the message's attachments.

fn message_file(message: &Obj, file_id: &str) -> Value {
    json!({
        "id": file_id,
        "object": "thread.message.file",
        "created_at": message.get("created_at").cloned().unwrap_or(Value::Null),
        "message_id": obj_id(message),
    })
}

pub(super) fn list_message_files(
    store: &mut Store,
    ctx: &Ctx<'_, '_>,
    thread_id: &str,
    id: &str,
) -> Reply {
    let m = &store.messages[store.message(thread_id, id)?];
    let items = m.file_ids.iter().map(|f| message_file(&m.obj, f)).collect();
    paginate(ctx.req, items, ASSISTANTS_PAGE)
}

pub(super) fn get_message_file(
    store: &mut Store,
    thread_id: &str,
    id: &str,
    file_id: &str,
) -> Reply {
    let m = &store.messages[store.message(thread_id, id)?];
    if m.file_ids.iter().any(|f| f == file_id) {
        Ok(ApiReply::ok(message_file(&m.obj, file_id)))
    } else {
        Err(ApiReply::not_found("message file", file_id))
    }
}

// ---------------------------------------------------------------------------------------------
// Files.

/// Purposes accepted on upload: the spec's `CreateFileRequest.purpose` values.
const PURPOSES: [&str; 6] = [
    "assistants",
    "batch",
    "fine-tune",
    "vision",
    "user_data",
    "evals",
];

pub(super) fn upload_file(store: &mut Store, ctx: &Ctx<'_, '_>) -> Reply {
    let Some(file) = ctx.req.form_field("file") else {
        return Err(missing("file"));
    };
    let Some(purpose) = ctx.req.form_field("purpose").map(|f| f.text()) else {
        return Err(missing("purpose"));
    };
    if !PURPOSES.contains(&purpose.as_str()) {
        return Err(ApiReply::error(
            400,
            format!(
                "'{purpose}' is not one of {} - 'purpose'",
                PURPOSES.map(|p| format!("'{p}'")).join(", ")
            ),
            "invalid_request_error",
            Some("purpose"),
            Some("invalid_value"),
        ));
    }
    let expires_after = expires_after(ctx)?;
    let filename = file.filename.clone().unwrap_or_else(|| "upload".to_owned());
    let obj = insert_file(
        store,
        &filename,
        &purpose,
        file.data.clone(),
        ctx.req.azure,
        expires_after,
    );
    Ok(ApiReply::ok(Value::Object(obj)))
}

/// `expires_after[anchor]` (only `created_at`) and `expires_after[seconds]` (one hour to 30
/// days), as multipart fields; the number of seconds when given.
fn expires_after(ctx: &Ctx<'_, '_>) -> Result<Option<u64>, ApiReply> {
    let anchor = ctx
        .req
        .form_field("expires_after[anchor]")
        .map(|f| f.text());
    let seconds = ctx
        .req
        .form_field("expires_after[seconds]")
        .map(|f| f.text());
    match (anchor, seconds) {
        (None, None) => Ok(None),
        (Some(a), _) if a != "created_at" => Err(ApiReply::error(
            400,
            format!("Invalid value: '{a}'. Supported values are: 'created_at'."),
            "invalid_request_error",
            Some("expires_after.anchor"),
            Some("invalid_value"),
        )),
        (None, Some(_)) => Err(missing("expires_after.anchor")),
        (Some(_), None) => Err(missing("expires_after.seconds")),
        (Some(_), Some(s)) => match s.trim().parse::<u64>() {
            Ok(n) if (3600..=2_592_000).contains(&n) => Ok(Some(n)),
            _ => Err(ApiReply::error(
                400,
                format!(
                    "Invalid 'expires_after.seconds': expected an integer between 3600 and \
                     2592000, got '{s}'."
                ),
                "invalid_request_error",
                Some("expires_after.seconds"),
                Some("invalid_value"),
            )),
        },
    }
}

/// Stores a file and returns its object (also used for uploads and batch output files).
pub(super) fn insert_file(
    store: &mut Store,
    filename: &str,
    purpose: &str,
    data: Bytes,
    azure: bool,
    expires_after: Option<u64>,
) -> Obj {
    // Azure names uploaded files `assistant-…` (see the recorded Azure file objects).
    let id = store.next_id(if azure { "assistant-" } else { "file-" });
    let created_at = store.now();
    let mut obj = Obj::new();
    obj.insert("object".into(), json!("file"));
    obj.insert("id".into(), json!(id));
    obj.insert("purpose".into(), json!(purpose));
    obj.insert("filename".into(), json!(filename));
    obj.insert("bytes".into(), json!(data.len()));
    obj.insert("created_at".into(), json!(created_at));
    // Recent recordings carry `expires_at` only for files that expire.
    if let Some(seconds) = expires_after {
        obj.insert("expires_at".into(), json!(created_at + seconds));
    }
    obj.insert("status".into(), json!("processed"));
    obj.insert("status_details".into(), Value::Null);
    store.files.push(StoredFile {
        obj: obj.clone(),
        data,
    });
    obj
}

pub(super) fn list_files(store: &mut Store, ctx: &Ctx<'_, '_>) -> Reply {
    let purpose = ctx.req.query_value("purpose");
    let items = store
        .files
        .iter()
        .filter(|f| purpose.is_none_or(|p| str_field(&f.obj, "purpose") == p))
        .map(|f| Value::Object(f.obj.clone()))
        .collect();
    paginate(ctx.req, items, FILES_PAGE)
}

pub(super) fn get_file(store: &mut Store, id: &str) -> Reply {
    let i = store.file(id)?;
    Ok(ApiReply::ok(Value::Object(store.files[i].obj.clone())))
}

pub(super) fn delete_file(store: &mut Store, id: &str) -> Reply {
    let i = store.file(id)?;
    store.files.remove(i);
    // The service answers `object: "file"` here, not `file.deleted`.
    Ok(deleted(id, "file"))
}

pub(super) fn file_content(store: &mut Store, id: &str) -> Reply {
    let i = store.file(id)?;
    Ok(ApiReply::Bytes {
        status: 200,
        content_type: "application/octet-stream".to_owned(),
        body: store.files[i].data.clone(),
    })
}
