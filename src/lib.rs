#![doc = include_str!("../README.md")]

mod client;

pub use client::{Client, ClientBuilder};

/// The HTTP layer: the endpoint model, credentials, retries, timeouts, raw requests.
pub use core_http;
pub use core_http::{
    AccessToken, ApiError, Credential, Endpoint, Error, ErrorKind, KeyCredential, RequestOptions,
    RetryConfig, Secret, StaticTokenCredential, TimeoutKind, Timeouts, TokenCredential,
};

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
    pub use openai_inference::{ImageFile, ImageGenerationPoller, Images};
    pub use openai_types::images::*;
}

/// Model listing and lookup.
#[cfg(feature = "inference")]
pub mod models {
    pub use openai_inference::Models;
    pub use openai_types::models::*;
}

/// Tool calling with async handlers, and structured outputs.
#[cfg(feature = "inference")]
pub mod tools {
    #[cfg(feature = "schemars")]
    pub use openai_inference::response_format_for;
    pub use openai_inference::{
        RunnableTool, ToolCallRecord, ToolError, ToolFuture, ToolHandler, ToolRun, ToolRunner,
        parse_structured, run_tools,
    };
}

/// Assistants (v2 by default; the v1 file operations are reachable with
/// [`AssistantsApiVersion::V1`](assistants::AssistantsApiVersion)).
#[cfg(feature = "assistants")]
pub mod assistants {
    pub use openai_assistants::{
        AssistantEventStream, Assistants, AssistantsApiVersion, ItemStream, PollOptions,
        RunToolsOptions, StreamOutcome, ToolHandlers,
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

/// Files: upload (streamed from disk), list, retrieve, delete, content.
#[cfg(feature = "assistants")]
pub mod files {
    pub use openai_assistants::{FileContentStream, FileInput, Files};
    pub use openai_types::files::*;
}

/// The loopback mock server (`openai-mock`), for your own tests.
#[cfg(feature = "mock")]
pub use openai_mock as mock;
