//! End-to-end and layer tests of core-http, as one test binary.
//!
//! Layer behaviour runs against the in-memory transport with paused time; end-to-end tests run a
//! small server on 127.0.0.1 on the same runtime with real (short) time limits.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod auth;
#[cfg(feature = "azure-identity")]
mod azure_identity;
mod e2e;
mod retries;
mod secrets;
mod snapshots;
mod sse_vectors;
mod support;
mod timeouts;
