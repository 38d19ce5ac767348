//! Integration tests of openai-files against the loopback mock (and the shared recordings).

mod batches;
mod recordings;
mod support;
mod uploads;
mod wire;
