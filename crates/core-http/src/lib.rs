//! HTTP layer of the openai-sdk workspace: knows HTTP, not OpenAI.
//!
//! Every service crate sends through one [`HttpClient`]: hyper 1 + hyper-rustls under a small
//! tower stack whose error type is our [`Error`]. The crate owns the transport, the endpoint
//! model (OpenAI and the two Azure URL shapes), credentials, retries, timeouts, tracing, the
//! error type, request building, multipart encoding and server-sent events.
//!
//! # The stack (outermost → innermost)
//!
//! ```text
//!  RequestBuilder::send*()        JSON serialized once; RequestOptions → request extensions
//!   ├─ Trace            per call     one span "openai.request"; no headers, no bodies
//!   ├─ Deadline         per call     optional total deadline (cuts backoff sleeps)
//!   ├─ Retry            per call     408/409/429/5xx, connect errors, timeouts; retry-after;
//!   │                                backoff 0.5 s·2ⁿ ≤ 8 s × [0.75, 1]; client-wide budget
//!   ├─ Auth             per attempt  Bearer / api-key / Entra token, endpoint origin only
//!   ├─ Headers          per attempt  User-Agent, X-Stainless-*, Accept, defaults
//!   ├─ AttemptTimeout   per attempt  time to headers (whole body for buffered calls)
//!   └─ HyperTransport                pooled hyper client, rustls (ring), ALPN h1/h2, proxy,
//!                                    connect timeout; or any tower service you supply
//!  ◀─ every status comes back as a response; RequestBuilder maps non-2xx to Error::Api
//! ```
//!
//! Rules the stack keeps: a response is never retried once the caller has its body (streams
//! are never replayed); one-shot upload bodies are never retried; redirects are not followed
//! (a 3xx is an error, so credentials never travel to another origin); secrets live in
//! [`Secret`] and sensitive header values, and never reach `Debug`, `Display` or tracing.
//!
//! # Example
//!
//! ```no_run
//! use std::time::Duration;
//! use core_http::{Credential, Endpoint, HttpClient, RequestOptions, Scope, Secret};
//!
//! # async fn run() -> Result<(), core_http::Error> {
//! let client = HttpClient::builder()
//!     .endpoint(Endpoint::azure("https://my-resource.openai.azure.com", "2024-10-21")?)
//!     .credential(Credential::azure_key(Secret::new("...")))
//!     .build()?;
//!
//! let reply: serde_json::Value = client
//!     .post("/chat/completions", Scope::Deployment("gpt-4o-prod"))
//!     .operation("chat.completions.create")
//!     .json(&serde_json::json!({"messages": [{"role": "user", "content": "hi"}]}))
//!     .options(&RequestOptions::default().timeout(Duration::from_secs(20)))
//!     .send_json()
//!     .await?;
//! # let _ = reply; Ok(()) }
//! ```

mod auth;
mod body;
mod client;
mod endpoint;
mod error;
mod json_write;
pub mod kit;
pub(crate) mod layers;
pub mod multipart;
mod options;
mod request;
mod secret;
mod single_flight;
pub mod sse;
mod sse_stream;
pub mod telemetry;
#[cfg(any(test, feature = "test-util"))]
pub mod test_util;
mod transport;

#[cfg(feature = "azure-identity")]
pub use auth::azure::AzureCredential;
pub use auth::token::{
    AccessToken, FnTokenCredential, StaticTokenCredential, TokenCredential, TokenFuture,
};
pub use auth::{Credential, KeyCredential};
/// The Azure SDK for Rust's core crate, at the version [`AzureCredential`] adapts (feature
/// `azure-identity`): its `credentials::TokenCredential` is what `azure_identity` implements.
#[cfg(feature = "azure-identity")]
pub use azure_core;
pub use body::{ByteStream, DEFAULT_MAX_RESPONSE_BYTES, RequestBody, ResponseBody};
pub use client::{BoxTransport, HttpClient, HttpClientBuilder};
pub use endpoint::{
    AZURE_AI_SCOPE, AZURE_COGNITIVE_SERVICES_SCOPE, Endpoint, OPENAI_BASE_URL, Scope,
    is_azure_v1_url,
};
pub use error::{
    ApiError, Error, ErrorKind, MAX_ERROR_BODY_BYTES, StatusClass, TimeoutKind, decode_json,
    request_id_from_headers,
};
pub use options::{Jitter, RequestOptions, RetryBudget, RetryConfig, RetryProfile, Timeouts};
pub use request::{RequestBuilder, ResponseMeta};
pub use secret::Secret;
pub use sse_stream::{SseResponse, SseStream};

/// Re-exported so callers can name methods, status codes and headers without a direct
/// dependency on `http`.
pub use http;
