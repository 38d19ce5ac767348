//! End-to-end tests of `openai-assistants` against the in-process `openai-mock` server, in
//! OpenAI and Azure modes. One binary; one module per topic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod filters;
mod pagination;
mod polling;
mod scenario;
mod streaming;
mod support;
mod versions;
mod wire;
