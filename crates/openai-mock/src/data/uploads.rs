//! Uploads: `POST /uploads`, `POST /uploads/{id}/parts`, `POST /uploads/{id}/complete`,
//! `POST /uploads/{id}/cancel`.
//!
//! Parts are kept as the received bytes (slices of the request body, not copies); completing
//! copies them once, in the order of `part_ids`, into a new file of the Files API and drops
//! them. The mock keeps everything in memory, so it suits test-sized uploads (megabytes), not
//! the service's 8 GB limit.

use bytes::{Bytes, BytesMut};
use serde_json::{Value, json};

use super::{DataState, Obj, Reply, Request, invalid_url, method_not_allowed, str_field};
use crate::api::ApiReply;
use crate::inference::{invalid_type, invalid_value, missing};

/// Seconds until an upload expires, as the service reports.
const UPLOAD_TTL: u64 = 3600;

/// The largest upload the service accepts (8 GB).
const MAX_BYTES: u64 = 8 * 1024 * 1024 * 1024;

#[derive(Debug)]
pub(super) struct Upload {
    obj: Obj,
    /// `(part id, bytes)` in the order they arrived.
    parts: Vec<(String, Bytes)>,
}

pub(super) fn route(state: &DataState, req: &Request<'_, '_>, seg: &[&str]) -> Reply {
    match (seg, req.method) {
        (["uploads"], "POST") => create(state, req),
        (["uploads"], _) => Err(method_not_allowed(req, &["POST"])),
        (["uploads", id, "parts"], "POST") => add_part(state, req, id),
        (["uploads", id, "complete"], "POST") => complete(state, req, id),
        (["uploads", id, "cancel"], "POST") => cancel(state, id),
        (["uploads", _, "parts" | "complete" | "cancel"], _) => {
            Err(method_not_allowed(req, &["POST"]))
        }
        _ => Err(invalid_url(req)),
    }
}

fn create(state: &DataState, req: &Request<'_, '_>) -> Reply {
    let body = req.body()?;
    let text = |name: &str| match body.get(name) {
        None | Some(Value::Null) => Err(missing(name)),
        Some(Value::String(s)) => Ok(s.clone()),
        Some(other) => Err(invalid_type(name, "a string", other)),
    };
    let filename = text("filename")?;
    let purpose = text("purpose")?;
    let mime_type = text("mime_type")?;
    let bytes = match body.get("bytes") {
        None | Some(Value::Null) => return Err(missing("bytes")),
        Some(v) => match v.as_u64() {
            Some(n) if n <= MAX_BYTES => n,
            Some(_) => {
                return Err(invalid_value(
                    "bytes",
                    "Invalid 'bytes': uploads are limited to 8 GB.".into(),
                ));
            }
            None => return Err(invalid_type("bytes", "an integer", v)),
        },
    };
    if ![
        "assistants",
        "batch",
        "fine-tune",
        "vision",
        "user_data",
        "evals",
    ]
    .contains(&purpose.as_str())
    {
        return Err(invalid_value(
            "purpose",
            format!(
                "Invalid value: '{purpose}'. Supported values are: 'assistants', 'batch', \
                 'fine-tune', 'vision', 'user_data' and 'evals'."
            ),
        ));
    }
    if mime_type.is_empty() {
        return Err(invalid_value(
            "mime_type",
            "Invalid 'mime_type': empty string.".into(),
        ));
    }
    let mut store = state.lock();
    let id = store.next_id("upload_");
    let created_at = req.created();
    let mut obj = Obj::new();
    obj.insert("id".into(), json!(id));
    obj.insert("object".into(), json!("upload"));
    obj.insert("bytes".into(), json!(bytes));
    obj.insert("created_at".into(), json!(created_at));
    obj.insert("filename".into(), json!(filename));
    obj.insert("purpose".into(), json!(purpose));
    obj.insert("status".into(), json!("pending"));
    obj.insert("expires_at".into(), json!(created_at + UPLOAD_TTL));
    store.uploads.push(Upload {
        obj: obj.clone(),
        parts: Vec::new(),
    });
    Ok(ApiReply::ok(Value::Object(obj)))
}

fn find<'a>(uploads: &'a mut [Upload], id: &str) -> Result<&'a mut Upload, ApiReply> {
    uploads
        .iter_mut()
        .find(|u| str_field(&u.obj, "id") == id)
        .ok_or_else(|| ApiReply::not_found("upload", id))
}

fn require_pending(upload: &Upload) -> Result<(), ApiReply> {
    let status = str_field(&upload.obj, "status");
    if status == "pending" {
        Ok(())
    } else {
        Err(ApiReply::error(
            400,
            format!(
                "Upload {} is already {status}; only pending uploads accept this operation.",
                str_field(&upload.obj, "id")
            ),
            "invalid_request_error",
            None,
            None,
        ))
    }
}

fn add_part(state: &DataState, req: &Request<'_, '_>, id: &str) -> Reply {
    let data = req
        .ctx
        .form
        .iter()
        .find(|f| f.name == "data")
        .ok_or_else(|| missing("data"))?
        .data
        .clone();
    let mut store = state.lock();
    let part_id = store.next_id("part_");
    let upload = find(&mut store.uploads, id)?;
    require_pending(upload)?;
    upload.parts.push((part_id.clone(), data));
    Ok(ApiReply::ok(json!({
        "id": part_id,
        "object": "upload.part",
        "created_at": req.created(),
        "upload_id": id,
    })))
}

fn complete(state: &DataState, req: &Request<'_, '_>, id: &str) -> Reply {
    let body = req.body()?;
    let part_ids: Vec<String> = match body.get("part_ids") {
        None | Some(Value::Null) => return Err(missing("part_ids")),
        Some(Value::Array(ids)) => ids
            .iter()
            .enumerate()
            .map(|(i, v)| {
                v.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| invalid_type(&format!("part_ids[{i}]"), "a string", v))
            })
            .collect::<Result<_, _>>()?,
        Some(other) => return Err(invalid_type("part_ids", "an array", other)),
    };
    let md5 = match body.get("md5") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.to_ascii_lowercase()),
        Some(other) => return Err(invalid_type("md5", "a string", other)),
    };
    let mut store = state.lock();
    let upload = find(&mut store.uploads, id)?;
    require_pending(upload)?;
    let mut total = 0usize;
    let mut ordered = Vec::with_capacity(part_ids.len());
    for part_id in &part_ids {
        let Some((_, data)) = upload.parts.iter().find(|(p, _)| p == part_id) else {
            return Err(invalid_value(
                "part_ids",
                format!("Part {part_id} does not belong to upload {id}."),
            ));
        };
        total += data.len();
        ordered.push(data);
    }
    let expected = upload.obj.get("bytes").and_then(Value::as_u64).unwrap_or(0);
    if total as u64 != expected {
        return Err(ApiReply::invalid(
            "bytes",
            format!(
                "The number of bytes uploaded ({total}) does not match the number of bytes \
                 declared when the upload was created ({expected})."
            ),
        ));
    }
    let mut assembled = BytesMut::with_capacity(total);
    for data in ordered {
        assembled.extend_from_slice(data);
    }
    let assembled = assembled.freeze();
    if let Some(md5) = md5 {
        let actual = super::search::md5_hex(&assembled);
        if actual != md5 {
            return Err(ApiReply::invalid(
                "md5",
                format!("The md5 checksum {md5} does not match the uploaded bytes ({actual})."),
            ));
        }
    }
    upload.parts.clear();
    let filename = str_field(&upload.obj, "filename").to_owned();
    let purpose = str_field(&upload.obj, "purpose").to_owned();
    let file = req
        .ctx
        .shared
        .assistants
        .add_file(&filename, &purpose, assembled, req.azure());
    upload.obj.insert("status".into(), json!("completed"));
    upload.obj.insert("file".into(), Value::Object(file));
    Ok(ApiReply::ok(Value::Object(upload.obj.clone())))
}

fn cancel(state: &DataState, id: &str) -> Reply {
    let mut store = state.lock();
    let upload = find(&mut store.uploads, id)?;
    require_pending(upload)?;
    upload.parts.clear();
    upload.obj.insert("status".into(), json!("cancelled"));
    Ok(ApiReply::ok(Value::Object(upload.obj.clone())))
}
