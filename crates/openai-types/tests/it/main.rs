//! Integration tests of `openai-types`, one binary (B.1): every module below is a test group.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod assistant_stream;
mod assistants;

mod support_selftest;
