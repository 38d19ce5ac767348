//! Wire types for OpenAI and Azure OpenAI.
//!
//! No HTTP, no async runtime, no I/O: only serde types and pure helpers, so the crate builds fast
//! and can be used with any transport. Every type round-trips through `serde_json`.
//!
//! Forward compatibility rules, applied everywhere:
//! - unknown JSON fields are ignored (no `deny_unknown_fields`);
//! - every wire enum is open: unknown values decode into `Unknown(UnknownValue)` and serialize
//!   back byte for byte;
//! - every tagged union is open: unknown members decode into `Unknown(UnknownObject)`, which keeps
//!   the raw JSON object.

#[macro_use]
mod macros;
mod unknown;

pub mod chat;
pub mod completions;
pub mod embeddings;
pub mod images;
pub mod models;
pub mod moderations;
#[cfg(feature = "schemars")]
pub mod schema;
pub mod shared;
pub mod toolbox;

pub mod assistant_stream;
pub mod assistants;
pub mod audio;
pub mod batches;
pub mod files;
pub mod messages;
pub mod run_steps;
pub mod runs;
pub mod threads;
pub mod uploads;
pub mod vector_stores;

pub mod conversations;
pub mod responses;

pub use unknown::{UnknownObject, UnknownValue};
