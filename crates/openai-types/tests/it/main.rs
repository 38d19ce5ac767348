//! Integration tests of `openai-types`, one binary (B.1): every module below is a test group.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod assistant_stream;
mod assistants;
mod helpers;

mod inference_accumulate;
mod inference_forward_compat;
mod inference_real;
mod inference_requests;
mod inference_spec_examples;
mod responses_forward_compat;
mod responses_real;
mod responses_requests;
mod responses_spec_examples;
mod responses_stream;
mod support_selftest;

mod audio;
mod batches;
mod uploads_moderations;
mod vector_stores;
