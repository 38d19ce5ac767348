//! OpenAI and Azure OpenAI files, uploads, vector stores and batches on one
//! [`core_http::HttpClient`]: the file-backed resources around Responses, chat and embeddings.
//!
//! Each resource is a small handle borrowing the client — [`Files`], [`Uploads`],
//! [`VectorStores`] (with [`VectorStoreFiles`] and [`VectorStoreFileBatches`]), [`Batches`] —
//! made with `new(&http)`, given handle-wide [`RequestOptions`] with `with_options`.
//! Request/response operations return a [`Call`]: `.await` it for the value, or
//! `.with_response().await` for the value and its [`ResponseMeta`]. `list(&params)` returns
//! one page, `list_all(&params)` an [`ItemStream`] of every item across pages.
//!
//! # Operations
//!
//! | handle | methods | route |
//! | --- | --- | --- |
//! | [`Files`] | `create` (multipart, streamed from disk), `list`/`list_all`, `retrieve`, `delete`, `content` (a byte stream) | `/files…` |
//! | [`Uploads`] | `create`, `add_part`, `complete`, `cancel`, [`upload_file_in_parts`](Uploads::upload_file_in_parts) | `/uploads…` |
//! | [`VectorStores`] | `create`, `retrieve`, `update`, `list`/`list_all`, `delete`, `search` | `/vector_stores…` |
//! | [`VectorStoreFiles`] | `create`, `retrieve`, `update`, `list`/`list_all`, `delete`, `content`, `poll`, `create_and_poll`, `upload_and_poll` | `/vector_stores/{id}/files…` |
//! | [`VectorStoreFileBatches`] | `create`, `retrieve`, `cancel`, `list_files`/`list_files_all`, `poll`, `create_and_poll`, `upload_and_poll` | `/vector_stores/{id}/file_batches…` |
//! | [`Batches`] | `create`, `retrieve`, `list`/`list_all`, `cancel`, `wait`, `output_lines` | `/batches…` |
//!
//! Helpers: [`batch_input_jsonl`] (typed requests → JSONL), [`BatchOutputLines`] (typed
//! results, one line in memory at a time), [`FileContent::write_to_file`].
//!
//! # Azure
//!
//! Every route is resource-scoped: `{endpoint}/openai/files…`, `/openai/batches…`,
//! `/openai/vector_stores…` (with `api-version`, or under `/openai/v1/` on the v1 API), never
//! under a deployment, with a key or an Entra ID token. In a batch input file the `model` of
//! each line names the (global-batch) deployment.
//!
//! Vector store calls send `OpenAI-Beta: assistants=v2`, as the official SDKs do (a caller's
//! own `OpenAI-Beta` in the options wins); files, uploads and batches send none.

mod batches;
mod content;
mod files;
mod pages;
mod uploads;
mod vector_stores;

pub use batches::{BatchOutputLines, Batches, batch_input_jsonl};
pub use content::{FileContent, JsonlLines, MAX_LINE_BYTES};
pub use files::Files;
pub use pages::ItemStream;
pub use uploads::{MAX_PART_SIZE, PART_ATTEMPTS, Uploads};
pub use vector_stores::{
    UPLOAD_CONCURRENCY, VectorStoreFileBatches, VectorStoreFiles, VectorStores,
};

/// Re-exported: the error type of every call, the options, and the kit types that appear in
/// this crate's signatures.
pub use core_http::kit::{Call, PollOptions, UploadSource};
pub use core_http::{Error, ErrorKind, RequestOptions, ResponseMeta};
