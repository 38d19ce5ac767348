//! End-to-end tests of openai-inference against the loopback `openai-mock` server, in OpenAI
//! and Azure modes. One test binary; one module per area.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod audio;
mod azure;
mod cancellation;
mod chat;
mod completions;
mod embeddings;
mod images;
mod lro;
mod models;
mod moderations;
mod streaming;
#[cfg(feature = "schemars")]
mod structured;
mod support;
mod tools;
