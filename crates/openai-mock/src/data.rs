//! Stateful in-memory Uploads (`/uploads…`), Vector stores (`/vector_stores…`) and Batches
//! (`/batches…`) APIs, reading and writing the files of the Files API.
//!
//! Invariants:
//! - Deterministic: ids come from per-prefix counters (`upload_mock…`, `vs_mock…`), `created_at`
//!   is the request's `CREATED_BASE + n`, search scores derive from the stored text only.
//! - Processing (vector store files, file batches, batches) advances only when polled, never
//!   with wall time: every retrieve is one step, and
//!   [`MockServerBuilder::processing_polls`](crate::MockServerBuilder::processing_polls) says
//!   how many retrieves still answer `in_progress`.
//! - Bytes are kept in memory: upload parts are zero-copy slices of the received request
//!   bodies until completion copies them once into the new file (then the parts are dropped).
//! - The lock is never held while a batch runs its lines through the other handlers.

mod batches;
mod search;
mod uploads;
mod vector_stores;

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard};

use serde_json::{Map, Value, json};

use crate::api::{ApiReply, ApiRequest};
use crate::assistants::{ASSISTANTS_PAGE, PageLimits, paginate};
use crate::inference::Ctx;

/// A JSON object as stored.
type Obj = Map<String, Value>;

/// A handler result: `Err` carries the error reply so `?` can short-circuit validation.
type Reply = Result<ApiReply, ApiReply>;

/// Default `openai-poll-after-ms` sent with objects that are still processing.
const DEFAULT_POLL_AFTER_MS: u64 = 1000;

/// The state behind `/uploads`, `/vector_stores` and `/batches`.
#[derive(Debug)]
pub(crate) struct DataState {
    store: Mutex<Store>,
    /// Retrieves that still answer `in_progress` before processing finishes.
    polls: u32,
    poll_after_ms: u64,
}

impl DataState {
    pub(crate) fn new(polls: u32, poll_after_ms: Option<u64>) -> Self {
        Self {
            store: Mutex::new(Store::default()),
            polls,
            poll_after_ms: poll_after_ms.unwrap_or(DEFAULT_POLL_AFTER_MS),
        }
    }

    /// Answers an Uploads, Vector stores or Batches request; `None` for any other path.
    pub(crate) fn handle(
        &self,
        ctx: &Ctx<'_>,
        method: &str,
        op: &str,
        query: &[(String, String)],
    ) -> Option<ApiReply> {
        let segments: Vec<&str> = op.trim_start_matches('/').split('/').collect();
        let root = segments.first().copied().unwrap_or_default();
        if !matches!(root, "uploads" | "vector_stores" | "batches") {
            return None;
        }
        let req = Request {
            ctx,
            method,
            path: op,
            query,
        };
        let reply = match root {
            "uploads" => uploads::route(self, &req, &segments),
            "vector_stores" => vector_stores::route(self, &req, &segments),
            _ => batches::route(self, &req, &segments),
        };
        Some(match reply {
            Ok(reply) | Err(reply) => reply,
        })
    }

    fn lock(&self) -> MutexGuard<'_, Store> {
        self.store
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Adds the `openai-poll-after-ms` hint to a reply about an object still processing.
    fn with_poll_hint(&self, reply: ApiReply) -> ApiReply {
        reply.with_header("openai-poll-after-ms", self.poll_after_ms.to_string())
    }
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

    fn body(&self) -> Result<Obj, ApiReply> {
        self.ctx.body()
    }

    fn created(&self) -> u64 {
        self.ctx.created()
    }

    fn azure(&self) -> bool {
        self.ctx.style.is_azure()
    }

    /// Pages `items` (creation order) by `limit`, `order`, `after`, `before`.
    fn paginate(&self, items: Vec<Value>, limits: PageLimits) -> Reply {
        let api = ApiRequest {
            method: self.method,
            path: self.path,
            query: self.query,
            json: None,
            form: self.ctx.form,
            azure: self.azure(),
        };
        paginate(&api, items, limits)
    }

    fn page(&self, items: Vec<Value>) -> Reply {
        self.paginate(items, ASSISTANTS_PAGE)
    }
}

/// Everything the mock remembers, in creation order.
#[derive(Debug, Default)]
struct Store {
    counters: BTreeMap<&'static str, u64>,
    uploads: Vec<uploads::Upload>,
    vector_stores: Vec<vector_stores::VectorStore>,
    batches: Vec<batches::Batch>,
}

impl Store {
    /// The next id for `prefix`: fixed width, so ids sort like their creation order.
    fn next_id(&mut self, prefix: &'static str) -> String {
        let n = self.counters.entry(prefix).or_insert(0);
        *n += 1;
        format!("{prefix}mock{n:024}")
    }
}

/// `405` with an `allow` header, worded like the service.
fn method_not_allowed(req: &Request<'_, '_>, allowed: &[&str]) -> ApiReply {
    ApiReply::error(
        405,
        format!(
            "Invalid method for URL ({} {}): allowed methods are {}.",
            req.method,
            req.path,
            allowed.join(", ")
        ),
        "invalid_request_error",
        None,
        None,
    )
    .with_header("allow", allowed.join(", "))
}

fn invalid_url(req: &Request<'_, '_>) -> ApiReply {
    ApiReply::error(
        404,
        format!("Invalid URL ({} {})", req.method, req.path),
        "invalid_request_error",
        None,
        None,
    )
}

fn str_field<'a>(obj: &'a Obj, key: &str) -> &'a str {
    obj.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// `{id, object, deleted: true}`.
fn deleted(id: &str, object: &str) -> ApiReply {
    ApiReply::ok(json!({"id": id, "object": object, "deleted": true}))
}
