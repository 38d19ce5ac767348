//! openai-sdk: a typed Rust SDK for OpenAI and Azure OpenAI.
//!
//! This facade only wires the workspace crates together behind one [`Client`]; see the
//! README for the guided tour.

mod client;

pub use client::{Client, ClientBuilder};
pub use core_http;
pub use core_http::{
    AccessToken, ApiError, Credential, Endpoint, Error, ErrorKind, KeyCredential, RequestOptions,
    RetryConfig, Secret, StaticTokenCredential, TimeoutKind, Timeouts, TokenCredential,
};
