//! The facade's integration tests: the reliability and security suite, one binary
//!. Every test drives `openai_sdk::Client` against `openai_mock::MockServer` on
//! 127.0.0.1; time-based ones run under paused Tokio time with the mock on the same runtime.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

#[cfg(feature = "azure-identity")]
mod azure_identity;
mod bad_input;
mod configuration;
mod faults;
mod files_family;
mod fuzzish;
mod load;
mod mock_replies;
mod observability;
mod path_segments;
mod secrets;
mod soak;
mod stream_rules;
mod streams;
