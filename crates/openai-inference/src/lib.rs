//! OpenAI and Azure OpenAI inference: chat, legacy completions, embeddings, images, audio and
//! models, on one [`core_http::HttpClient`].
//!
//! Each resource is a small handle borrowing the client — [`Chat`], [`Completions`],
//! [`Embeddings`], [`Images`], [`Audio`], [`Models`] — made with `new(&http)`, optionally given per-call
//! [`RequestOptions`] with `with_options`, and called with a `&Request` value from
//! [`openai_types`] (so a request can be re-sent without cloning). Methods return the model
//! type itself; metadata comes from the error, or from the stream for streamed calls.
//!
//! # Operations
//!
//! | handle | method | route (OpenAI / Azure) |
//! | --- | --- | --- |
//! | [`Chat`] | [`create`](Chat::create), [`create_stream`](Chat::create_stream) | `POST /chat/completions` / deployment |
//! | [`Completions`] | [`create`](Completions::create), [`create_stream`](Completions::create_stream) | `POST /completions` / deployment |
//! | [`Embeddings`] | [`create`](Embeddings::create), [`create_batched`](Embeddings::create_batched) | `POST /embeddings` / deployment |
//! | [`Images`] | [`generate`](Images::generate) | `POST /images/generations` / deployment |
//! | [`Images`] | [`edit`](Images::edit) | `POST /images/edits` (multipart) / deployment |
//! | [`Images`] | [`create_variation`](Images::create_variation) | `POST /images/variations` (multipart) / resource |
//! | [`Images`] | [`begin_batch_generation`](Images::begin_batch_generation), [`batch_generation_status`](Images::batch_generation_status) | Azure only: `POST /openai/images/generations:submit`, `GET /openai/operations/images/{id}` |
//! | [`Transcriptions`] ([`Audio::transcriptions`]) | [`create`](Transcriptions::create), [`create_verbose`](Transcriptions::create_verbose), [`create_diarized`](Transcriptions::create_diarized), [`create_text`](Transcriptions::create_text), [`create_stream`](Transcriptions::create_stream) | `POST /audio/transcriptions` (multipart) / deployment |
//! | [`Translations`] ([`Audio::translations`]) | [`create`](Translations::create), [`create_verbose`](Translations::create_verbose), [`create_text`](Translations::create_text) | `POST /audio/translations` (multipart) / deployment |
//! | [`Speech`] ([`Audio::speech`]) | [`create`](Speech::create) (audio bytes as they arrive), [`create_stream_events`](Speech::create_stream_events) | `POST /audio/speech` / deployment |
//! | [`Models`] | [`list`](Models::list), [`retrieve`](Models::retrieve) | `GET /models`, `GET /models/{id}` / resource |
//! | [`Moderations`] | [`create`](Moderations::create) | `POST /moderations` / resource |
//!
//! Helpers: [`ToolRunner`] / [`run_tools`] (the tool-calling loop, streamed or not),
//! [`parse_structured`] and, with the `schemars` feature, `response_format_for::<T>()`
//! (structured outputs), [`api_error_object`] (Azure content-filter details of an error).
//!
//! # Azure
//!
//! The same handles work against Azure OpenAI: build the client with
//! [`core_http::Endpoint::azure`] (dated API, `api-version` on every call) or
//! [`core_http::Endpoint::azure_v1`]. On the dated API, deployment-scoped operations (chat,
//! completions, embeddings, image generations and edits, audio) go to
//! `/openai/deployments/{model}/...` where `model` is the request's `model` — unless the
//! endpoint was given a fixed deployment with [`core_http::Endpoint::with_deployment`], which
//! then wins. Everything else is resource-scoped (`/openai/models`, ...), as in
//! openai-python.
//!
//! # Streams
//!
//! [`ChatCompletionStream`], [`CompletionStream`], [`TranscriptionStream`],
//! [`SpeechEventStream`] and [`SpeechAudioStream`] (speech audio bytes) are named types
//! implementing `futures_core::Stream` with an inherent `next()`. HTTP errors and retries happen
//! before the stream is returned; a stream that ends before its end (`[DONE]`, or the final
//! event of transcription and speech events), carries an error event, or stalls past the idle
//! timeout yields an error, and the snapshots ([`ChatCompletionStream::snapshot`],
//! [`TranscriptionStream::snapshot`]) still hold everything received.
//!
//! # Example
//!
//! ```
//! # #![allow(clippy::unwrap_used)]
//! use std::time::Duration;
//! use core_http::{Credential, Endpoint, HttpClient, RequestOptions};
//! use openai_inference::Chat;
//! use openai_types::chat::{ChatCompletionRequest, ChatMessage};
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
//! let request = ChatCompletionRequest::new(
//!     "gpt-4o-mini",
//!     [ChatMessage::system("Be brief."), ChatMessage::user("Hello")],
//! );
//! let reply = Chat::new(&http)
//!     .with_options(RequestOptions::default().timeout(Duration::from_secs(20)))
//!     .create(&request)
//!     .await?;
//! println!("{}", reply.first_content().unwrap_or_default());
//! # Ok(()) }
//! ```

mod audio;
mod chat;
mod completions;
mod embeddings;
mod images;
mod models;
mod moderations;
mod structured;
mod telemetry;
mod tools;

pub use audio::{
    Audio, Speech, SpeechAudioStream, SpeechEventStream, TranscriptionStream, Transcriptions,
    Translations,
};
pub use chat::{Chat, ChatCompletionStream};
pub use completions::{CompletionStream, Completions};
pub use embeddings::Embeddings;
pub use images::{ImageGenerationPoller, Images};
pub use models::Models;
pub use moderations::Moderations;
pub use openai_types::toolbox::{RunnableTool, ToolError, ToolFuture, ToolHandler, Toolbox};
pub use structured::parse_structured;
#[cfg(feature = "schemars")]
pub use structured::response_format_for;
pub use tools::{ToolCallRecord, ToolRun, ToolRunner, run_tools};

/// Re-exported: the error type of every call, the per-call options, and the kit types that
/// appear in this crate's signatures.
pub use core_http::kit::{Call, PollOptions, UploadSource};
pub use core_http::{Error, ErrorKind, RequestOptions, ResponseMeta};

/// JSON body fields every inference operation sets itself: `stream` (chosen by `create` or
/// `create_stream`) and `model` (which picks the deployment route on Azure). Refused in a
/// request's `extra` fields and in per-call `extra_body`.
pub(crate) const OWNED_FIELDS: &[&str] = &["stream", "model"];

/// The service's error object of an API error, typed: for an Azure content-filter rejection
/// (`err.code() == Some("content_filter")`) its `innererror.content_filter_result` holds the
/// categories that fired.
///
/// `None` when `err` is not an API error or its body is not a JSON error object.
///
/// ```
/// # #![allow(clippy::unwrap_used)]
/// use core_http::Error;
/// use core_http::http::{HeaderMap, StatusCode};
///
/// let body = r#"{"error":{"code":"content_filter","message":"filtered","status":400,
///   "innererror":{"code":"ResponsibleAIPolicyViolation",
///     "content_filter_result":{"hate":{"filtered":true,"severity":"high"}}}}}"#;
/// let err = Error::from_response(StatusCode::BAD_REQUEST, HeaderMap::new(), body.into());
/// assert_eq!(err.code(), Some("content_filter"));
/// let object = openai_inference::api_error_object(&err).unwrap();
/// let hate = object.content_filter_result().unwrap().hate.as_ref().unwrap();
/// assert!(hate.filtered);
/// ```
pub fn api_error_object(err: &Error) -> Option<openai_types::shared::ErrorObject> {
    let api = err.api_error()?;
    let body = api.body();
    if let Ok(whole) = serde_json::from_slice::<openai_types::shared::ErrorResponse>(body) {
        return Some(whole.error);
    }
    // Stream error events may carry a bare error object.
    serde_json::from_slice::<openai_types::shared::ErrorObject>(body).ok()
}
