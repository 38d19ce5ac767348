//! OpenAI and Azure OpenAI Responses and Conversations, on one [`core_http::HttpClient`].
//!
//! The Responses API is the API OpenAI recommends for new work: one call takes text, images,
//! files and tool outputs, and answers with output items (messages, tool calls, reasoning).
//! Conversations store items across responses.
//!
//! Each resource is a small handle borrowing the client — [`Responses`], [`Conversations`],
//! [`ConversationItems`] — made with `new(&http)`, optionally given handle-wide
//! [`RequestOptions`] with `with_options`. Request/response operations return a [`Call`]:
//! `.await` it for the value, or `.with_response().await` for the value and its
//! [`ResponseMeta`] (request id, rate limits); `.options(..)` sets per-call options.
//!
//! # Operations
//!
//! | handle | method | route |
//! | --- | --- | --- |
//! | [`Responses`] | [`create`](Responses::create), [`create_stream`](Responses::create_stream) | `POST /responses` |
//! | [`Responses`] | [`retrieve`](Responses::retrieve), [`retrieve_stream`](Responses::retrieve_stream) | `GET /responses/{id}` (`?stream=true&starting_after=N`) |
//! | [`Responses`] | [`delete`](Responses::delete) | `DELETE /responses/{id}` |
//! | [`Responses`] | [`cancel`](Responses::cancel) | `POST /responses/{id}/cancel` |
//! | [`Responses`] | [`input_items`](Responses::input_items), [`input_items_all`](Responses::input_items_all) | `GET /responses/{id}/input_items` |
//! | [`Responses`] | [`input_tokens`](Responses::input_tokens) | `POST /responses/input_tokens` |
//! | [`Responses`] | [`compact`](Responses::compact) | `POST /responses/compact` |
//! | [`Conversations`] | [`create`](Conversations::create), [`retrieve`](Conversations::retrieve), [`update`](Conversations::update), [`delete`](Conversations::delete) | `/conversations`, `/conversations/{id}` |
//! | [`ConversationItems`] | [`create`](ConversationItems::create), [`list`](ConversationItems::list), [`list_all`](ConversationItems::list_all), [`retrieve`](ConversationItems::retrieve), [`delete`](ConversationItems::delete) | `/conversations/{id}/items…` |
//!
//! Helpers:
//! - streams: [`ResponseStream`] (events plus a live [`snapshot`](ResponseStream::snapshot))
//!   and [`ResumableResponseStream`], which re-opens a background response's stream after a
//!   dropped connection and delivers every event exactly once;
//! - background responses: [`Responses::create_background_and_poll`] and [`Responses::poll`];
//! - the tool loop: [`ResponsesToolRunner`] with a [`Toolbox`] of [`RunnableTool`]s;
//! - structured outputs: [`parse_response`] and, with the `schemars` feature,
//!   `Responses::parse::<T>()` and `text_format_for::<T>()`.
//!
//! # Azure
//!
//! On Azure's v1 API ([`core_http::Endpoint::azure_v1`]) the routes are
//! `{endpoint}/openai/v1/responses…` and `{endpoint}/openai/v1/conversations…`, and the
//! request's `model` names the deployment (in the body, never in the path). Microsoft's guide
//! to the Responses API on Azure states that the v1 API is required for the latest features
//! (<https://learn.microsoft.com/azure/foundry/openai/how-to/responses>). Azure's earlier dated
//! preview API ([`core_http::Endpoint::azure`] with `2025-03-01-preview` or a later preview)
//! serves the Responses operations resource-scoped at
//! `{endpoint}/openai/responses?api-version=…`, also with the deployment in `model`;
//! Conversations are served on v1 only.
//!
//! # Example
//!
//! ```
//! # #![allow(clippy::unwrap_used)]
//! use core_http::{Credential, Endpoint, HttpClient};
//! use openai_responses::Responses;
//! use openai_types::responses::ResponseCreateRequest;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), core_http::Error> {
//! # let server = openai_mock::MockServer::start().await;
//! // In production: Endpoint::openai("https://api.openai.com/v1") and your key.
//! let http = HttpClient::builder()
//!     .endpoint(Endpoint::openai(server.base_url())?)
//!     .credential(Credential::openai_key("sk-test"))
//!     .build()?;
//!
//! let request = ResponseCreateRequest::new("gpt-4.1-mini", "Hello").instructions("Be brief.");
//! let response = Responses::new(&http).create(&request).await?;
//! assert_eq!(response.output_text(), "Echo: Hello");
//! # Ok(()) }
//! ```

mod conversations;
mod pages;
mod responses;
mod stream;
mod structured;
mod telemetry;
mod tools;

pub use conversations::{ConversationItems, Conversations};
pub use pages::ItemStream;
pub use responses::Responses;
pub use stream::{DEFAULT_MAX_RESUMES, ResponseStream, ResumableResponseStream};
pub use structured::parse_response;
#[cfg(feature = "schemars")]
pub use structured::text_format_for;
pub use tools::{ResponsesToolCallRecord, ResponsesToolRun, ResponsesToolRunner};

pub use openai_types::toolbox::{RunnableTool, ToolError, ToolFuture, ToolHandler, Toolbox};

/// Re-exported: the error type of every call, the per-call options, and the kit types that
/// appear in this crate's signatures.
pub use core_http::kit::{Call, PollOptions, PollProgress};
pub use core_http::{Error, ErrorKind, RequestOptions, ResponseMeta};

/// JSON body fields the Responses operations set themselves: `stream` (chosen by `create` or
/// `create_stream`). Refused in a request's `extra` fields and in per-call `extra_body`.
pub(crate) const OWNED_FIELDS: &[&str] = &["stream"];
