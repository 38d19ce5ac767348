//! Vector stores, their files and file batches, and search.
//!
//! A file added to a store is `in_progress` for [`DataState::polls`] retrieves (of the file,
//! its batch or its store), then `completed` — or `failed` with `unsupported_file` when its
//! bytes are not UTF-8 text. The store's `status`, `file_counts` and `usage_bytes` are computed
//! from its files. Search scores each chunk of every completed file by term overlap with the
//! query (the fraction of the query's non-stopword terms the chunk contains, 0..1).

use serde_json::{Value, json};

use super::search::{self, chunks, query_terms, rewrite, score};
use super::{DataState, Obj, Reply, Request, deleted, invalid_url, method_not_allowed, str_field};
use crate::api::ApiReply;
use crate::assistants::opt_metadata;
use crate::inference::{invalid_type, invalid_value, missing};

const DEFAULT_MAX_CHUNK: u64 = 800;
const DEFAULT_OVERLAP: u64 = 400;

#[derive(Debug)]
pub(super) struct VectorStore {
    obj: Obj,
    files: Vec<VsFile>,
    batches: Vec<FileBatch>,
}

#[derive(Debug)]
struct VsFile {
    obj: Obj,
    filename: String,
    /// The file's text, `None` when it is not UTF-8 (the file then fails).
    text: Option<String>,
    chunks: Vec<String>,
    polls_left: u32,
}

#[derive(Debug)]
struct FileBatch {
    obj: Obj,
    file_ids: Vec<String>,
}

pub(super) fn route(state: &DataState, req: &Request<'_, '_>, seg: &[&str]) -> Reply {
    let m = req.method;
    match seg {
        ["vector_stores"] => match m {
            "GET" => list(state, req),
            "POST" => create(state, req),
            _ => Err(method_not_allowed(req, &["GET", "POST"])),
        },
        ["vector_stores", id] => match m {
            "GET" => retrieve(state, id),
            "POST" => modify(state, req, id),
            "DELETE" => delete(state, id),
            _ => Err(method_not_allowed(req, &["GET", "POST", "DELETE"])),
        },
        ["vector_stores", id, "search"] => match m {
            "POST" => search(state, req, id),
            _ => Err(method_not_allowed(req, &["POST"])),
        },
        ["vector_stores", id, "files"] => match m {
            "GET" => list_files(state, req, id, None),
            "POST" => create_file(state, req, id),
            _ => Err(method_not_allowed(req, &["GET", "POST"])),
        },
        ["vector_stores", id, "files", f] => match m {
            "GET" => retrieve_file(state, id, f),
            "POST" => update_file(state, req, id, f),
            "DELETE" => delete_file(state, id, f),
            _ => Err(method_not_allowed(req, &["GET", "POST", "DELETE"])),
        },
        ["vector_stores", id, "files", f, "content"] => match m {
            "GET" => file_content(state, id, f),
            _ => Err(method_not_allowed(req, &["GET"])),
        },
        ["vector_stores", id, "file_batches"] => match m {
            "POST" => create_batch(state, req, id),
            _ => Err(method_not_allowed(req, &["POST"])),
        },
        ["vector_stores", id, "file_batches", b] => match m {
            "GET" => retrieve_batch(state, id, b),
            _ => Err(method_not_allowed(req, &["GET"])),
        },
        ["vector_stores", id, "file_batches", b, "cancel"] => match m {
            "POST" => cancel_batch(state, id, b),
            _ => Err(method_not_allowed(req, &["POST"])),
        },
        ["vector_stores", id, "file_batches", b, "files"] => match m {
            "GET" => list_files(state, req, id, Some(b)),
            _ => Err(method_not_allowed(req, &["GET"])),
        },
        _ => Err(invalid_url(req)),
    }
}

// ---- validation helpers ---------------------------------------------------------------------

/// `chunking_strategy`: `auto` (or absent) or `static` with its limits; returns the object
/// stored on files (always the resolved `static` form, as the service reports).
fn chunking(body: &Obj, param: &str) -> Result<Value, ApiReply> {
    let (max, overlap) = match body.get("chunking_strategy") {
        None | Some(Value::Null) => (DEFAULT_MAX_CHUNK, DEFAULT_OVERLAP),
        Some(Value::Object(cs)) => match cs.get("type").and_then(Value::as_str) {
            Some("auto") => (DEFAULT_MAX_CHUNK, DEFAULT_OVERLAP),
            Some("static") => {
                let stat = cs
                    .get("static")
                    .ok_or_else(|| missing(&format!("{param}.static")))?;
                let num = |k: &str| {
                    stat.get(k)
                        .and_then(Value::as_u64)
                        .ok_or_else(|| missing(&format!("{param}.static.{k}")))
                };
                let max = num("max_chunk_size_tokens")?;
                let overlap = num("chunk_overlap_tokens")?;
                if !(100..=4096).contains(&max) {
                    return Err(invalid_value(
                        &format!("{param}.static.max_chunk_size_tokens"),
                        format!(
                            "Invalid 'max_chunk_size_tokens': expected a value between 100 and \
                             4096, got {max}."
                        ),
                    ));
                }
                if overlap > max / 2 {
                    return Err(invalid_value(
                        &format!("{param}.static.chunk_overlap_tokens"),
                        "Invalid 'chunk_overlap_tokens': must not exceed half of \
                         'max_chunk_size_tokens'."
                            .into(),
                    ));
                }
                (max, overlap)
            }
            Some(other) => {
                return Err(invalid_value(
                    &format!("{param}.type"),
                    format!("Invalid value: '{other}'. Supported values are: 'auto' and 'static'."),
                ));
            }
            None => return Err(missing(&format!("{param}.type"))),
        },
        Some(other) => return Err(invalid_type(param, "an object", other)),
    };
    Ok(json!({
        "type": "static",
        "static": {"max_chunk_size_tokens": max, "chunk_overlap_tokens": overlap},
    }))
}

/// `attributes`: at most 16 keys with string, number or boolean values.
fn attributes(body: &Obj) -> Result<Option<Value>, ApiReply> {
    match body.get("attributes") {
        None => Ok(None),
        Some(Value::Null) => Ok(Some(json!({}))),
        Some(Value::Object(map)) => {
            if map.len() > 16 {
                return Err(invalid_value(
                    "attributes",
                    "Invalid 'attributes': at most 16 keys are allowed.".into(),
                ));
            }
            for (k, v) in map {
                if !(v.is_string() || v.is_number() || v.is_boolean()) {
                    return Err(invalid_type(
                        &format!("attributes.{k}"),
                        "a string, number or boolean",
                        v,
                    ));
                }
            }
            Ok(Some(Value::Object(map.clone())))
        }
        Some(other) => Err(invalid_type("attributes", "an object", other)),
    }
}

fn string_list(body: &Obj, key: &str) -> Result<Vec<String>, ApiReply> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, v)| {
                v.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| invalid_type(&format!("{key}[{i}]"), "a string", v))
            })
            .collect(),
        Some(other) => Err(invalid_type(key, "an array", other)),
    }
}

/// A file to attach: its id, the file's name and bytes (looked up before taking our lock).
struct NewFile {
    id: String,
    filename: String,
    text: Option<String>,
    attributes: Value,
    chunking: Value,
}

fn load_file(
    req: &Request<'_, '_>,
    id: &str,
    attributes: Value,
    chunking: Value,
) -> Result<NewFile, ApiReply> {
    let (obj, data) = req
        .ctx
        .shared
        .assistants
        .file_data(id)
        .ok_or_else(|| ApiReply::not_found("file", id))?;
    Ok(NewFile {
        id: id.to_owned(),
        filename: str_field(&obj, "filename").to_owned(),
        text: String::from_utf8(data.to_vec()).ok(),
        attributes,
        chunking,
    })
}

// ---- state ----------------------------------------------------------------------------------

fn find<'a>(stores: &'a mut [VectorStore], id: &str) -> Result<&'a mut VectorStore, ApiReply> {
    stores
        .iter_mut()
        .find(|v| str_field(&v.obj, "id") == id)
        .ok_or_else(|| ApiReply::not_found("vector store", id))
}

impl VsFile {
    fn status(&self) -> &str {
        str_field(&self.obj, "status")
    }

    /// One poll: `in_progress` for the configured number of polls, then the final state.
    fn advance(&mut self) {
        if self.status() != "in_progress" {
            return;
        }
        if self.polls_left > 0 {
            self.polls_left -= 1;
            return;
        }
        match &self.text {
            Some(text) => {
                self.obj.insert("status".into(), json!("completed"));
                self.obj.insert("usage_bytes".into(), json!(text.len()));
            }
            None => {
                self.obj.insert("status".into(), json!("failed"));
                self.obj.insert(
                    "last_error".into(),
                    json!({"code": "unsupported_file", "message": "The file type is not supported."}),
                );
            }
        }
    }
}

fn counts<'a>(files: impl Iterator<Item = &'a VsFile>) -> Value {
    let mut c = [0u64; 4];
    let mut total = 0;
    for f in files {
        total += 1;
        match f.status() {
            "in_progress" => c[0] += 1,
            "completed" => c[1] += 1,
            "failed" => c[2] += 1,
            _ => c[3] += 1,
        }
    }
    json!({"in_progress": c[0], "completed": c[1], "failed": c[2], "cancelled": c[3], "total": total})
}

impl VectorStore {
    /// The store object with its computed fields.
    fn view(&mut self) -> Value {
        let busy = self.files.iter().any(|f| f.status() == "in_progress");
        let usage: u64 = self
            .files
            .iter()
            .filter_map(|f| f.obj.get("usage_bytes").and_then(Value::as_u64))
            .sum();
        self.obj.insert(
            "status".into(),
            json!(if busy { "in_progress" } else { "completed" }),
        );
        self.obj
            .insert("file_counts".into(), counts(self.files.iter()));
        self.obj.insert("usage_bytes".into(), json!(usage));
        Value::Object(self.obj.clone())
    }

    fn busy(&self) -> bool {
        self.files.iter().any(|f| f.status() == "in_progress")
    }

    fn file(&mut self, id: &str) -> Result<usize, ApiReply> {
        self.files
            .iter()
            .position(|f| str_field(&f.obj, "id") == id)
            .ok_or_else(|| ApiReply::not_found("vector store file", id))
    }

    fn batch(&self, id: &str) -> Result<usize, ApiReply> {
        self.batches
            .iter()
            .position(|b| str_field(&b.obj, "id") == id)
            .ok_or_else(|| ApiReply::not_found("vector store file batch", id))
    }

    fn batch_view(&mut self, i: usize) -> Value {
        let ids = &self.batches[i].file_ids;
        let files: Vec<&VsFile> = self
            .files
            .iter()
            .filter(|f| ids.iter().any(|id| id == str_field(&f.obj, "id")))
            .collect();
        let busy = files.iter().any(|f| f.status() == "in_progress");
        let cancelled = str_field(&self.batches[i].obj, "status") == "cancelled";
        let counts = counts(files.into_iter());
        let obj = &mut self.batches[i].obj;
        if !cancelled {
            obj.insert(
                "status".into(),
                json!(if busy { "in_progress" } else { "completed" }),
            );
        }
        obj.insert("file_counts".into(), counts);
        Value::Object(obj.clone())
    }

    /// Attaches (or re-attaches) a file, `in_progress` for `polls` polls.
    fn attach(&mut self, file: NewFile, created_at: u64, polls: u32) -> usize {
        let vs_id = str_field(&self.obj, "id").to_owned();
        let max = file.chunking["static"]["max_chunk_size_tokens"]
            .as_u64()
            .unwrap_or(DEFAULT_MAX_CHUNK) as usize;
        let overlap = file.chunking["static"]["chunk_overlap_tokens"]
            .as_u64()
            .unwrap_or(DEFAULT_OVERLAP) as usize;
        let mut obj = Obj::new();
        obj.insert("id".into(), json!(file.id));
        obj.insert("object".into(), json!("vector_store.file"));
        obj.insert("usage_bytes".into(), json!(0));
        obj.insert("created_at".into(), json!(created_at));
        obj.insert("vector_store_id".into(), json!(vs_id));
        obj.insert("status".into(), json!("in_progress"));
        obj.insert("last_error".into(), Value::Null);
        obj.insert("chunking_strategy".into(), file.chunking);
        obj.insert("attributes".into(), file.attributes);
        let mut vs_file = VsFile {
            obj,
            filename: file.filename,
            chunks: file
                .text
                .as_deref()
                .map(|t| chunks(t, max, overlap))
                .unwrap_or_default(),
            text: file.text,
            polls_left: polls,
        };
        if polls == 0 {
            vs_file.advance();
        }
        self.files.retain(|f| str_field(&f.obj, "id") != file.id);
        self.files.push(vs_file);
        self.files.len() - 1
    }
}

// ---- vector stores --------------------------------------------------------------------------

fn create(state: &DataState, req: &Request<'_, '_>) -> Reply {
    let body = req.body()?;
    let name = opt_string(&body, "name")?;
    let description = opt_string(&body, "description")?;
    let metadata = opt_metadata(&body)?.unwrap_or_else(|| json!({}));
    let chunking = chunking(&body, "chunking_strategy")?;
    let expires_after = expires_after(&body)?;
    let files = string_list(&body, "file_ids")?
        .iter()
        .map(|id| load_file(req, id, json!({}), chunking.clone()))
        .collect::<Result<Vec<_>, _>>()?;
    let created_at = req.created();
    let mut store = state.lock();
    let id = store.next_id("vs_");
    let mut obj = Obj::new();
    obj.insert("id".into(), json!(id));
    obj.insert("object".into(), json!("vector_store"));
    obj.insert("created_at".into(), json!(created_at));
    obj.insert("name".into(), json!(name));
    obj.insert("description".into(), json!(description));
    obj.insert("usage_bytes".into(), json!(0));
    obj.insert("file_counts".into(), json!({}));
    obj.insert("status".into(), json!("completed"));
    set_expiry(&mut obj, expires_after, created_at);
    obj.insert("last_active_at".into(), json!(created_at));
    obj.insert("metadata".into(), metadata);
    let mut vs = VectorStore {
        obj,
        files: Vec::new(),
        batches: Vec::new(),
    };
    for file in files {
        vs.attach(file, created_at, state.polls);
    }
    let view = vs.view();
    let busy = vs.busy();
    store.vector_stores.push(vs);
    Ok(hint(state, busy, ApiReply::ok(view)))
}

fn hint(state: &DataState, busy: bool, reply: ApiReply) -> ApiReply {
    if busy {
        state.with_poll_hint(reply)
    } else {
        reply
    }
}

fn opt_string(body: &Obj, key: &str) -> Result<Option<String>, ApiReply> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(invalid_type(key, "a string", other)),
    }
}

/// `expires_after`: `{anchor: "last_active_at", days: 1..=365}`.
fn expires_after(body: &Obj) -> Result<Option<Value>, ApiReply> {
    match body.get("expires_after") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(e)) => {
            if e.get("anchor").and_then(Value::as_str) != Some("last_active_at") {
                return Err(invalid_value(
                    "expires_after.anchor",
                    "Invalid 'expires_after.anchor': supported values are: 'last_active_at'."
                        .into(),
                ));
            }
            match e.get("days").and_then(Value::as_u64) {
                Some(d) if (1..=365).contains(&d) => Ok(Some(Value::Object(e.clone()))),
                _ => Err(invalid_value(
                    "expires_after.days",
                    "Invalid 'expires_after.days': expected an integer between 1 and 365.".into(),
                )),
            }
        }
        Some(other) => Err(invalid_type("expires_after", "an object", other)),
    }
}

fn set_expiry(obj: &mut Obj, expires_after: Option<Value>, last_active: u64) {
    let at = expires_after
        .as_ref()
        .and_then(|e| e.get("days"))
        .and_then(Value::as_u64)
        .map(|d| last_active + d * 86_400);
    obj.insert("expires_after".into(), expires_after.unwrap_or(Value::Null));
    obj.insert("expires_at".into(), json!(at));
}

fn retrieve(state: &DataState, id: &str) -> Reply {
    let mut store = state.lock();
    let vs = find(&mut store.vector_stores, id)?;
    vs.files.iter_mut().for_each(VsFile::advance);
    let view = vs.view();
    Ok(hint(state, vs.busy(), ApiReply::ok(view)))
}

fn modify(state: &DataState, req: &Request<'_, '_>, id: &str) -> Reply {
    let body = req.body()?;
    let name = opt_string(&body, "name")?;
    let metadata = opt_metadata(&body)?;
    let expires = expires_after(&body)?;
    let mut store = state.lock();
    let vs = find(&mut store.vector_stores, id)?;
    if let Some(name) = name {
        vs.obj.insert("name".into(), json!(name));
    }
    if let Some(metadata) = metadata {
        vs.obj.insert("metadata".into(), metadata);
    }
    if body.contains_key("expires_after") {
        let last = vs
            .obj
            .get("last_active_at")
            .and_then(Value::as_u64)
            .unwrap_or(0);
        set_expiry(&mut vs.obj, expires, last);
    }
    Ok(ApiReply::ok(vs.view()))
}

fn delete(state: &DataState, id: &str) -> Reply {
    let mut store = state.lock();
    find(&mut store.vector_stores, id)?;
    store
        .vector_stores
        .retain(|v| str_field(&v.obj, "id") != id);
    Ok(deleted(id, "vector_store.deleted"))
}

fn list(state: &DataState, req: &Request<'_, '_>) -> Reply {
    let mut store = state.lock();
    let items = store
        .vector_stores
        .iter_mut()
        .map(VectorStore::view)
        .collect();
    req.page(items)
}

// ---- files ----------------------------------------------------------------------------------

fn create_file(state: &DataState, req: &Request<'_, '_>, vs_id: &str) -> Reply {
    let body = req.body()?;
    let file_id = match body.get("file_id") {
        None | Some(Value::Null) => return Err(missing("file_id")),
        Some(Value::String(s)) => s.clone(),
        Some(other) => return Err(invalid_type("file_id", "a string", other)),
    };
    let attrs = attributes(&body)?.unwrap_or_else(|| json!({}));
    let chunking = chunking(&body, "chunking_strategy")?;
    // The store must exist before the file is looked up, as the service checks.
    find(&mut state.lock().vector_stores, vs_id)?;
    let file = load_file(req, &file_id, attrs, chunking)?;
    let mut store = state.lock();
    let vs = find(&mut store.vector_stores, vs_id)?;
    let i = vs.attach(file, req.created(), state.polls);
    let obj = Value::Object(vs.files[i].obj.clone());
    let busy = vs.files[i].status() == "in_progress";
    Ok(hint(state, busy, ApiReply::ok(obj)))
}

fn retrieve_file(state: &DataState, vs_id: &str, id: &str) -> Reply {
    let mut store = state.lock();
    let vs = find(&mut store.vector_stores, vs_id)?;
    let i = vs.file(id)?;
    vs.files[i].advance();
    let busy = vs.files[i].status() == "in_progress";
    Ok(hint(
        state,
        busy,
        ApiReply::ok(Value::Object(vs.files[i].obj.clone())),
    ))
}

fn update_file(state: &DataState, req: &Request<'_, '_>, vs_id: &str, id: &str) -> Reply {
    let body = req.body()?;
    let attrs = attributes(&body)?.ok_or_else(|| missing("attributes"))?;
    let mut store = state.lock();
    let vs = find(&mut store.vector_stores, vs_id)?;
    let i = vs.file(id)?;
    vs.files[i].obj.insert("attributes".into(), attrs);
    Ok(ApiReply::ok(Value::Object(vs.files[i].obj.clone())))
}

fn delete_file(state: &DataState, vs_id: &str, id: &str) -> Reply {
    let mut store = state.lock();
    let vs = find(&mut store.vector_stores, vs_id)?;
    let i = vs.file(id)?;
    vs.files.remove(i);
    Ok(deleted(id, "vector_store.file.deleted"))
}

fn file_content(state: &DataState, vs_id: &str, id: &str) -> Reply {
    let mut store = state.lock();
    let vs = find(&mut store.vector_stores, vs_id)?;
    let i = vs.file(id)?;
    let data: Vec<Value> = vs.files[i]
        .text
        .iter()
        .filter(|_| vs.files[i].status() == "completed")
        .map(|t| json!({"type": "text", "text": t}))
        .collect();
    Ok(ApiReply::ok(json!({
        "object": "vector_store.file_content.page",
        "data": data,
        "has_more": false,
        "next_page": null,
    })))
}

/// Lists a store's files (or a batch's), optionally `filter`ed by status.
fn list_files(state: &DataState, req: &Request<'_, '_>, vs_id: &str, batch: Option<&str>) -> Reply {
    let filter = req.query_value("filter");
    if let Some(f) = filter {
        if !["in_progress", "completed", "failed", "cancelled"].contains(&f) {
            return Err(invalid_value(
                "filter",
                format!(
                    "Invalid value: '{f}'. Supported values are: 'in_progress', 'completed', \
                     'failed' and 'cancelled'."
                ),
            ));
        }
    }
    let mut store = state.lock();
    let vs = find(&mut store.vector_stores, vs_id)?;
    let ids: Option<Vec<String>> = match batch {
        Some(b) => Some(vs.batches[vs.batch(b)?].file_ids.clone()),
        None => None,
    };
    let items = vs
        .files
        .iter()
        .filter(|f| {
            ids.as_ref()
                .is_none_or(|ids| ids.iter().any(|i| i == str_field(&f.obj, "id")))
        })
        .filter(|f| filter.is_none_or(|s| f.status() == s))
        .map(|f| Value::Object(f.obj.clone()))
        .collect();
    req.page(items)
}

// ---- file batches ---------------------------------------------------------------------------

fn create_batch(state: &DataState, req: &Request<'_, '_>, vs_id: &str) -> Reply {
    let body = req.body()?;
    let attrs = attributes(&body)?.unwrap_or_else(|| json!({}));
    let chunking = chunking(&body, "chunking_strategy")?;
    let mut wanted: Vec<(String, Value, Value)> = string_list(&body, "file_ids")?
        .into_iter()
        .map(|id| (id, attrs.clone(), chunking.clone()))
        .collect();
    match body.get("files") {
        None | Some(Value::Null) => {}
        Some(Value::Array(files)) => {
            for (i, f) in files.iter().enumerate() {
                let param = format!("files[{i}]");
                let Some(f) = f.as_object() else {
                    return Err(invalid_type(&param, "an object", f));
                };
                let id = f
                    .get("file_id")
                    .and_then(Value::as_str)
                    .ok_or_else(|| missing(&format!("{param}.file_id")))?;
                let a = attributes(f)?.unwrap_or_else(|| attrs.clone());
                let c = if f.contains_key("chunking_strategy") {
                    self::chunking(f, &format!("{param}.chunking_strategy"))?
                } else {
                    chunking.clone()
                };
                wanted.push((id.to_owned(), a, c));
            }
        }
        Some(other) => return Err(invalid_type("files", "an array", other)),
    }
    if wanted.is_empty() {
        return Err(missing("file_ids"));
    }
    find(&mut state.lock().vector_stores, vs_id)?;
    let files = wanted
        .into_iter()
        .map(|(id, a, c)| load_file(req, &id, a, c))
        .collect::<Result<Vec<_>, _>>()?;
    let created_at = req.created();
    let mut store = state.lock();
    let batch_id = store.next_id("vsfb_");
    let vs = find(&mut store.vector_stores, vs_id)?;
    let file_ids: Vec<String> = files.iter().map(|f| f.id.clone()).collect();
    for file in files {
        vs.attach(file, created_at, state.polls);
    }
    let mut obj = Obj::new();
    obj.insert("id".into(), json!(batch_id));
    obj.insert("object".into(), json!("vector_store.file_batch"));
    obj.insert("created_at".into(), json!(created_at));
    obj.insert("status".into(), json!("in_progress"));
    obj.insert("vector_store_id".into(), json!(vs_id));
    obj.insert("file_counts".into(), json!({}));
    vs.batches.push(FileBatch { obj, file_ids });
    let i = vs.batches.len() - 1;
    let view = vs.batch_view(i);
    let busy = view["status"] == "in_progress";
    Ok(hint(state, busy, ApiReply::ok(view)))
}

fn retrieve_batch(state: &DataState, vs_id: &str, id: &str) -> Reply {
    let mut store = state.lock();
    let vs = find(&mut store.vector_stores, vs_id)?;
    let i = vs.batch(id)?;
    let ids = vs.batches[i].file_ids.clone();
    for f in vs.files.iter_mut() {
        if ids.iter().any(|id| id == str_field(&f.obj, "id")) {
            f.advance();
        }
    }
    let view = vs.batch_view(i);
    let busy = view["status"] == "in_progress";
    Ok(hint(state, busy, ApiReply::ok(view)))
}

fn cancel_batch(state: &DataState, vs_id: &str, id: &str) -> Reply {
    let mut store = state.lock();
    let vs = find(&mut store.vector_stores, vs_id)?;
    let i = vs.batch(id)?;
    if vs.batch_view(i)["status"] != "in_progress" {
        return Err(ApiReply::error(
            400,
            format!("Cannot cancel vector store file batch {id}: it is no longer in progress."),
            "invalid_request_error",
            None,
            None,
        ));
    }
    let ids = vs.batches[i].file_ids.clone();
    for f in vs.files.iter_mut() {
        if f.status() == "in_progress" && ids.iter().any(|id| id == str_field(&f.obj, "id")) {
            f.obj.insert("status".into(), json!("cancelled"));
        }
    }
    vs.batches[i]
        .obj
        .insert("status".into(), json!("cancelled"));
    Ok(ApiReply::ok(vs.batch_view(i)))
}

// ---- search ---------------------------------------------------------------------------------

fn search(state: &DataState, req: &Request<'_, '_>, vs_id: &str) -> Reply {
    let body = req.body()?;
    let queries: Vec<String> = match body.get("query") {
        None | Some(Value::Null) => return Err(missing("query")),
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) if !items.is_empty() => items
            .iter()
            .enumerate()
            .map(|(i, v)| {
                v.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| invalid_type(&format!("query[{i}]"), "a string", v))
            })
            .collect::<Result<_, _>>()?,
        Some(other) => return Err(invalid_type("query", "a string or an array", other)),
    };
    let max_results = match body.get("max_num_results") {
        None | Some(Value::Null) => 10,
        Some(v) => match v.as_u64() {
            Some(n) if (1..=50).contains(&n) => n as usize,
            _ => {
                return Err(invalid_value(
                    "max_num_results",
                    format!(
                        "Invalid 'max_num_results': expected an integer between 1 and 50, got {v}."
                    ),
                ));
            }
        },
    };
    let threshold = match body
        .get("ranking_options")
        .and_then(|r| r.get("score_threshold"))
    {
        None | Some(Value::Null) => 0.0,
        Some(v) => match v.as_f64() {
            Some(t) if (0.0..=1.0).contains(&t) => t,
            _ => {
                return Err(invalid_value(
                    "ranking_options.score_threshold",
                    "Invalid 'score_threshold': expected a number between 0 and 1.".into(),
                ));
            }
        },
    };
    let filter = match body.get("filters") {
        None | Some(Value::Null) => None,
        Some(f) => {
            search::check_filter(f, "filters")?;
            Some(f.clone())
        }
    };
    let rewrite_query = match body.get("rewrite_query") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(other) => return Err(invalid_type("rewrite_query", "a boolean", other)),
    };
    let search_query: Vec<String> = if rewrite_query {
        queries.iter().map(|q| rewrite(q)).collect()
    } else {
        queries.clone()
    };
    let terms: Vec<String> = {
        let mut all: Vec<String> = Vec::new();
        for q in &queries {
            for t in query_terms(q) {
                if !all.contains(&t) {
                    all.push(t);
                }
            }
        }
        all
    };
    let mut store = state.lock();
    let vs = find(&mut store.vector_stores, vs_id)?;
    let mut hits: Vec<(f64, Value)> = Vec::new();
    for f in vs.files.iter().filter(|f| f.status() == "completed") {
        let attrs = f
            .obj
            .get("attributes")
            .cloned()
            .unwrap_or_else(|| json!({}));
        if filter
            .as_ref()
            .is_some_and(|flt| !search::matches(flt, &attrs))
        {
            continue;
        }
        for chunk in &f.chunks {
            let s = score(&terms, chunk);
            if s > 0.0 && s >= threshold {
                hits.push((
                    s,
                    json!({
                        "file_id": str_field(&f.obj, "id"),
                        "filename": f.filename,
                        "score": s,
                        "attributes": attrs,
                        "content": [{"type": "text", "text": chunk}],
                    }),
                ));
            }
        }
    }
    // Stable: equal scores keep file and chunk order.
    hits.sort_by(|a, b| b.0.total_cmp(&a.0));
    let data: Vec<Value> = hits.into_iter().take(max_results).map(|h| h.1).collect();
    Ok(ApiReply::ok(json!({
        "object": "vector_store.search_results.page",
        "search_query": search_query,
        "data": data,
        "has_more": false,
        "next_page": null,
    })))
}
