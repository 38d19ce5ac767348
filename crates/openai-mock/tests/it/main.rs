//! The mock's own end-to-end tests: plain hyper requests against a running `MockServer`, no SDK,
//! so the mock is trustworthy independently of the clients it is used to test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod assistants_wiring;
mod audio;
mod azure;
mod batches;
mod chat;
mod completions;
mod embeddings;
mod errors;
mod faults;
mod files_uploads;
mod images;
mod moderations;
mod recordings;
mod responses;
mod scripting;
mod server;
mod spec;
mod vector_stores;
