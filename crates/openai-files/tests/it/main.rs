//! Integration tests of openai-files against the loopback mock (and the shared recordings).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod azure;
mod batches;
mod recordings;
mod support;
mod uploads;
mod wire;
