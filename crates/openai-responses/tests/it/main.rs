//! End-to-end tests of openai-responses against the loopback `openai-mock` server, in OpenAI,
//! Azure v1 and Azure dated-preview modes. One test binary; one module per area.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod azure;
mod background;
mod conversations;
mod operations;
mod resume;
mod streaming;
#[cfg(feature = "schemars")]
mod structured;
mod support;
mod tools;
