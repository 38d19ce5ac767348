//! Conversations: create (with up to 20 initial items), retrieve, update metadata, delete, and
//! their items (add up to 20 at a time, list with pagination, retrieve, delete).
//!
//! A response created with `conversation` sees the conversation's items first and, once it is
//! final (and not `failed`), appends its input and output items to it.

use serde_json::{Value, json};

use super::{Conversation, Obj, Reply, Request, Store, created_at, normalize_items};
use crate::api::ApiReply;
use crate::assistants::{deleted, opt_metadata};
use crate::inference::{invalid_type, missing};

/// At most this many items per create / add request (spec).
const MAX_ITEMS: usize = 20;

fn items_param(body: &Obj, required: bool) -> Result<Option<&Value>, ApiReply> {
    match body.get("items") {
        None | Some(Value::Null) if required => Err(missing("items")),
        None | Some(Value::Null) => Ok(None),
        Some(v @ Value::Array(items)) if items.len() <= MAX_ITEMS => Ok(Some(v)),
        Some(Value::Array(items)) => Err(ApiReply::error(
            400,
            format!(
                "Invalid 'items': array too long. Expected an array with maximum length \
                 {MAX_ITEMS}, but got an array with length {} instead.",
                items.len()
            ),
            "invalid_request_error",
            Some("items"),
            Some("array_above_max_length"),
        )),
        Some(other) => Err(invalid_type("items", "an array", other)),
    }
}

pub(super) fn create(store: &mut Store, req: &Request<'_, '_>) -> Reply {
    let body = req.body()?;
    let metadata = opt_metadata(&body)?.unwrap_or_else(|| json!({}));
    let items = match items_param(&body, false)? {
        Some(items) => normalize_items(store, items, "items")?,
        None => Vec::new(),
    };
    let mut obj = Obj::new();
    obj.insert("id".into(), json!(store.next_id("conv_")));
    obj.insert("object".into(), json!("conversation"));
    obj.insert("created_at".into(), json!(created_at(req.ctx.n)));
    obj.insert("metadata".into(), metadata);
    let reply = ApiReply::ok(Value::Object(obj.clone()));
    store.conversations.push(Conversation { obj, items });
    Ok(reply)
}

pub(super) fn retrieve(store: &mut Store, id: &str) -> Reply {
    let i = store.conversation(id)?;
    Ok(ApiReply::ok(Value::Object(
        store.conversations[i].obj.clone(),
    )))
}

pub(super) fn update(store: &mut Store, req: &Request<'_, '_>, id: &str) -> Reply {
    let i = store.conversation(id)?;
    let body = req.body()?;
    let metadata = opt_metadata(&body)?.ok_or_else(|| missing("metadata"))?;
    let obj = &mut store.conversations[i].obj;
    obj.insert("metadata".into(), metadata);
    Ok(ApiReply::ok(Value::Object(obj.clone())))
}

pub(super) fn delete(store: &mut Store, id: &str) -> Reply {
    let i = store.conversation(id)?;
    store.conversations.remove(i);
    Ok(deleted(id, "conversation.deleted"))
}

pub(super) fn add_items(store: &mut Store, req: &Request<'_, '_>, id: &str) -> Reply {
    let i = store.conversation(id)?;
    super::check_include(req.query)?;
    let body = req.body()?;
    let Some(items) = items_param(&body, true)? else {
        return Err(missing("items"));
    };
    let added = normalize_items(store, items, "items")?;
    store.conversations[i].items.extend(added.iter().cloned());
    let first_id = added.first().and_then(|v| v.get("id")).cloned();
    let last_id = added.last().and_then(|v| v.get("id")).cloned();
    Ok(ApiReply::ok(json!({
        "object": "list",
        "data": added,
        "first_id": first_id,
        "last_id": last_id,
        "has_more": false,
    })))
}

pub(super) fn list_items(store: &mut Store, req: &Request<'_, '_>, id: &str) -> Reply {
    let i = store.conversation(id)?;
    req.paginate(store.conversations[i].items.clone())
}

fn item_index(store: &Store, conv: usize, item_id: &str) -> Result<usize, ApiReply> {
    store.conversations[conv]
        .items
        .iter()
        .position(|v| v.get("id").and_then(Value::as_str) == Some(item_id))
        .ok_or_else(|| {
            ApiReply::error(
                404,
                format!("Item with id '{item_id}' not found."),
                "invalid_request_error",
                None,
                None,
            )
        })
}

pub(super) fn get_item(store: &mut Store, req: &Request<'_, '_>, id: &str, item: &str) -> Reply {
    let i = store.conversation(id)?;
    super::check_include(req.query)?;
    let k = item_index(store, i, item)?;
    Ok(ApiReply::ok(store.conversations[i].items[k].clone()))
}

/// Deleting an item answers with the conversation, as the service does.
pub(super) fn delete_item(store: &mut Store, id: &str, item: &str) -> Reply {
    let i = store.conversation(id)?;
    let k = item_index(store, i, item)?;
    store.conversations[i].items.remove(k);
    Ok(ApiReply::ok(Value::Object(
        store.conversations[i].obj.clone(),
    )))
}
