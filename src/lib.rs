//! A typed Rust SDK for **OpenAI** and **Azure OpenAI**: one [`Client`] for Responses and
//! Conversations, chat completions, embeddings, images, audio, moderations, files, uploads,
//! vector stores and batches (and, with the `assistants` feature, the retired Assistants API).
//!
//! ```
//! use openai_sdk::Client;
//! use openai_sdk::responses::ResponseCreateRequest;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), openai_sdk::Error> {
//! # let server = openai_mock::MockServer::start().await;
//! # let client = Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
//! # /*
//! let client = Client::from_env()?; // OPENAI_API_KEY, or AZURE_OPENAI_ENDPOINT + a key
//! # */
//! let request = ResponseCreateRequest::new("gpt-4.1-mini", "Say hi");
//! let response = client.responses().create(&request).await?;
//! println!("{}", response.output_text());
//! # Ok(()) }
//! ```
//!
//! The package is `openai-azure-sdk` on crates.io; in code the library is `openai_sdk`.
//!
//! # Modules
//!
//! | module | what is in it | client accessor |
//! | --- | --- | --- |
//! | [`responses`] | Responses: create, stream (resumable), background, tools, structured output | `client.responses()` |
//! | [`conversations`] | Conversations and their items | `client.conversations()` |
//! | [`chat`] | chat completions, streams, the accumulator | `client.chat()` |
//! | [`completions`] | legacy text completions | `client.completions()` |
//! | [`embeddings`] | embeddings, batched, base64 decoded to `f32` | `client.embeddings()` |
//! | [`images`] | generation, edits, variations, Azure batch operations | `client.images()` |
//! | [`audio`] | transcriptions, translations, speech | `client.audio()` |
//! | [`models`] / [`moderations`] | model listing; moderation | `client.models()` / `client.moderations()` |
//! | [`files`] / [`uploads`] | files; large files in parts | `client.files()` / `client.uploads()` |
//! | [`vector_stores`] / [`batches`] | vector stores and search; batches | `client.vector_stores()` / `client.batches()` |
//! | [`tools`] | tools your code runs, the tool loops, structured outputs | — |
//! | [`shared`], [`types`] | usage, errors, list pages; every wire type | — |
//! | [`http`] | raw requests for endpoints not modelled yet, custom transports | `client.http()` |
//! | [`prelude`] | the imports most programs need | — |
//! | `assistants`, `threads`, `messages`, `runs`, `run_steps` | the Assistants API (feature `assistants`) | `client.assistants()`, … |
//! | `mock` | the loopback mock server for your tests (feature `mock`) | — |
//!
//! Every call returns a [`Call`]: `.await` it for the value, or `.with_response()` for the
//! value and its [`ResponseMeta`] (request id, rate limits). Every failure is one [`Error`]
//! with `status()`, `request_id()`, `code()` and `is_retryable()`.
//!
//! # Configuration
//!
//! [`Client::from_env`] reads the variables the official SDKs read; [`Client::builder`]
//! configures Azure (v1 or dated API, `api-key` or Entra ID through [`TokenCredential`]),
//! timeouts, retries, proxies and extra root certificates. The repository README covers
//! Azure, streaming, tools, testing with the mock, observability and the cargo features.

// The README's examples are compiled and run as doc tests too.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

mod client;

pub use client::{Client, ClientBuilder};

pub use core_http::kit::{Call, PollOptions, PollProgress, RateLimits, UploadSource};
pub use core_http::{
    AccessToken, ApiError, Credential, DEFAULT_MAX_RESPONSE_BYTES, Endpoint, Error, ErrorKind,
    FnTokenCredential, Jitter, KeyCredential, RequestOptions, ResponseMeta, RetryBudget,
    RetryConfig, RetryProfile, Secret, StaticTokenCredential, StatusClass, TimeoutKind, Timeouts,
    TokenCredential, TokenFuture,
};
/// The Azure SDK for Rust's credentials (`azure_identity`) as the client's Entra ID credential
/// (feature `azure-identity`), and the `azure_core` version it adapts.
#[cfg(feature = "azure-identity")]
pub use core_http::{AzureCredential, azure_core};
#[cfg(feature = "inference")]
pub use openai_inference::api_error_object;

/// Raw requests, for endpoints this SDK does not model yet, and the pieces to build custom
/// transports: `client.http().get(..)`, `.post(..)` with a [`Scope`](http::Scope).
///
/// ```no_run
/// # async fn run(client: openai_sdk::Client) -> Result<(), openai_sdk::Error> {
/// use openai_sdk::http::Scope;
/// let fine_tunes: serde_json::Value = client
///     .http()
///     .get("/fine_tuning/jobs", Scope::Resource)
///     .send_json()
///     .await?;
/// # let _ = fine_tunes; Ok(()) }
/// ```
pub mod http {
    pub use core_http::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
    pub use core_http::kit::{EventStream, StreamSpec};
    pub use core_http::multipart::{Form, Part};
    pub use core_http::sse::{DEFAULT_MAX_EVENT_BYTES, SseError, SseEvent, SseParser};
    pub use core_http::{
        BoxTransport, ByteStream, HttpClient, HttpClientBuilder, RequestBody, RequestBuilder,
        ResponseBody, Scope, SseResponse, SseStream, decode_json, request_id_from_headers,
    };
}

/// The OpenTelemetry API the `metrics` feature records with: name `Meter` and `global`
/// through this path so the versions match
/// ([`ClientBuilder::meter`](crate::ClientBuilder::meter)).
#[cfg(feature = "metrics")]
pub use core_http::telemetry::opentelemetry;

/// The imports most programs need: `use openai_sdk::prelude::*;`.
pub mod prelude {
    pub use crate::{Client, Error, ErrorKind, RequestOptions, ResponseMeta};
    #[cfg(feature = "inference")]
    pub use openai_types::chat::{ChatCompletionRequest, ChatMessage};
    #[cfg(feature = "inference")]
    pub use openai_types::embeddings::EmbeddingRequest;
    #[cfg(feature = "responses")]
    pub use openai_types::responses::{InputItem, ResponseCreateRequest};
}

/// Every wire type, as in the `openai-types` crate.
pub use openai_types as types;

/// Shared wire objects: usage, error objects, metadata, list pages, content filter results.
pub mod shared {
    pub use openai_types::shared::*;
}

/// Chat completions: request and response types, the stream, the accumulator.
#[cfg(feature = "inference")]
pub mod chat {
    pub use openai_inference::{Chat, ChatCompletionStream};
    pub use openai_types::chat::*;
}

/// Legacy text completions.
#[cfg(feature = "inference")]
pub mod completions {
    pub use openai_inference::{CompletionStream, Completions};
    pub use openai_types::completions::*;
}

/// Embeddings, with base64 transport decoded to `Vec<f32>`.
#[cfg(feature = "inference")]
pub mod embeddings {
    pub use openai_inference::Embeddings;
    pub use openai_types::embeddings::*;
}

/// Image generation, edits, variations and Azure's batch image operation.
#[cfg(feature = "inference")]
pub mod images {
    pub use openai_inference::{ImageGenerationPoller, Images};
    pub use openai_types::images::*;
}

/// Audio: transcriptions (json, verbose with word and segment timestamps, diarized, text
/// formats, streamed), translations, and speech (audio bytes as they arrive, or events).
#[cfg(feature = "inference")]
pub mod audio {
    pub use openai_inference::{
        Audio, Speech, SpeechAudioStream, SpeechEventStream, TranscriptionStream, Transcriptions,
        Translations,
    };
    pub use openai_types::audio::*;
}

/// Model listing and lookup.
#[cfg(feature = "inference")]
pub mod models {
    pub use openai_inference::Models;
    pub use openai_types::models::*;
}

/// Moderations: text, text lists and images classified against the usage policies.
#[cfg(feature = "inference")]
pub mod moderations {
    pub use openai_inference::Moderations;
    pub use openai_types::moderations::*;
}

/// Tools your code runs when a model calls them ([`RunnableTool`](tools::RunnableTool),
/// typed or JSON, in a [`Toolbox`](tools::Toolbox): the same tools serve the Responses tool
/// loop, the chat tool loop and the assistants run loop), and structured outputs.
pub mod tools {
    #[cfg(feature = "schemars")]
    pub use openai_inference::response_format_for;
    #[cfg(feature = "inference")]
    pub use openai_inference::{ToolCallRecord, ToolRun, ToolRunner, parse_structured, run_tools};
    #[cfg(feature = "responses")]
    pub use openai_responses::{ResponsesToolCallRecord, ResponsesToolRun, ResponsesToolRunner};
    pub use openai_types::toolbox::{RunnableTool, ToolError, ToolFuture, ToolHandler, Toolbox};
}

/// Responses: create (whole, streamed, in the background), retrieve, resume a stream, cancel,
/// delete, input items, token counts, compaction; the tool loop and structured outputs.
#[cfg(feature = "responses")]
pub mod responses {
    #[cfg(feature = "schemars")]
    pub use openai_responses::text_format_for;
    pub use openai_responses::{
        DEFAULT_MAX_RESUMES, ItemStream, ResponseStream, Responses, ResponsesToolCallRecord,
        ResponsesToolRun, ResponsesToolRunner, ResumableResponseStream, parse_response,
    };
    pub use openai_types::responses::*;
}

/// Conversations and their items (used with a response's `conversation`).
#[cfg(feature = "responses")]
pub mod conversations {
    pub use openai_responses::{ConversationItems, Conversations, ItemStream};
    pub use openai_types::conversations::*;
}

/// Assistants (feature `assistants`, not on by default). OpenAI retired the Assistants API on
/// 2026-08-26 and Azure OpenAI deprecated it too (Microsoft's Assistants documentation gives
/// its retirement date): new code should use `openai_sdk::responses` and
/// `openai_sdk::conversations`; this module remains for servers that still implement the
/// Assistants API.
///
/// Assistants (v2 by default; the v1 file operations are reachable with
/// [`AssistantsApiVersion::V1`](assistants::AssistantsApiVersion)).
#[cfg(feature = "assistants")]
pub mod assistants {
    pub use openai_assistants::{
        AssistantEventStream, Assistants, AssistantsApiVersion, ItemStream, PollOptions,
        RunToolsOptions, StreamOutcome, execute_tool_calls,
    };
    pub use openai_types::assistant_stream::*;
    pub use openai_types::assistants::*;
}

/// Threads of an assistant conversation.
#[cfg(feature = "assistants")]
pub mod threads {
    pub use openai_assistants::Threads;
    pub use openai_types::threads::*;
}

/// Messages of a thread.
#[cfg(feature = "assistants")]
pub mod messages {
    pub use openai_assistants::Messages;
    pub use openai_types::messages::*;
}

/// Runs of an assistant on a thread: create, poll, stream, submit tool outputs.
#[cfg(feature = "assistants")]
pub mod runs {
    pub use openai_assistants::Runs;
    pub use openai_types::runs::*;
}

/// Steps of a run.
#[cfg(feature = "assistants")]
pub mod run_steps {
    pub use openai_assistants::RunSteps;
    pub use openai_types::run_steps::*;
}

/// Files: upload (streamed from disk), list, retrieve, delete, content as a byte stream.
#[cfg(feature = "files")]
pub mod files {
    pub use openai_files::{FileContent, Files, ItemStream, JsonlLines, MAX_LINE_BYTES};
    pub use openai_types::files::*;
}

/// Uploads: large files in parts ([`Uploads::upload_file_in_parts`](uploads::Uploads::upload_file_in_parts)).
#[cfg(feature = "files")]
pub mod uploads {
    pub use openai_files::{MAX_PART_SIZE, PART_ATTEMPTS, Uploads};
    pub use openai_types::uploads::*;
}

/// Vector stores: stores, search, their files and file batches.
#[cfg(feature = "files")]
pub mod vector_stores {
    pub use openai_files::{
        UPLOAD_CONCURRENCY, VectorStoreFileBatches, VectorStoreFiles, VectorStores,
    };
    pub use openai_types::vector_stores::*;
}

/// Batches: JSONL input from typed requests, polling, typed output lines.
#[cfg(feature = "files")]
pub mod batches {
    pub use openai_files::{BatchOutputLines, Batches, batch_input_jsonl};
    pub use openai_types::batches::*;
}

/// The loopback mock server (`openai-mock`), for your own tests.
#[cfg(feature = "mock")]
pub use openai_mock as mock;
