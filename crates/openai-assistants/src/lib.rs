//! The Assistants API of OpenAI and Azure OpenAI: assistants, threads, messages, runs, run
//! steps and files, on one [`core_http::HttpClient`].
//!
//! Each resource is a small handle that borrows the client — [`Assistants`], [`Threads`],
//! [`Messages`], [`Runs`], [`RunSteps`], [`Files`] — built directly (`Runs::new(&http)`) or from
//! an [`AssistantsClient`], which carries settings shared by all of them. Methods take request
//! values from [`openai_types`] by reference and return the decoded model.
//!
//! # What every call does
//!
//! - **Routes are resource-scoped**: `https://api.openai.com/v1/threads/…`, and on Azure
//!   `{endpoint}/openai/threads/…?api-version=…` — never under `/deployments/`, even when the client has a deployment configured.
//! - **`OpenAI-Beta: assistants=v2`** on every call ([`AssistantsApiVersion`]), set in one place.
//!   A caller's own `OpenAI-Beta` header (through [`RequestOptions`]) wins.
//! - **Per-call options**: every handle has `with_options(RequestOptions)`, which returns a
//!   handle whose calls carry those options (timeout, retries, headers, query, extra body
//!   fields). Handles are cheap, so "per call" is `runs.clone().with_options(o).create(..)`.
//! - **Ids** are percent-encoded into the path; an empty id is refused before sending.
//!
//! # Assistants v1 and v2
//!
//! Current services speak Assistants v2. Six file operations on assistants and messages
//! exist only in v1, where they are reachable after selecting [`AssistantsApiVersion::V1`] (the
//! header becomes `assistants=v1`). In v2 they return an `InvalidRequest` error without sending
//! anything, because v2 replaced them: files reach an assistant's or thread's tools through
//! `tool_resources` (`code_interpreter.file_ids`, `file_search.vector_store_ids`), and a
//! message names its files in `attachments`. Both v2 fields are modelled in [`openai_types`].
//!
//! # Operations
//!
//! | resource | operations | HTTP |
//! | --- | --- | --- |
//! | [`Assistants`] | `create`, `retrieve`, `update`, `delete`, `list`, `list_all` | `/assistants[/{id}]` |
//! | [`Assistants`] (v1) | `create_file`, `retrieve_file`, `delete_file`, `list_files`, `list_files_all` | `/assistants/{id}/files[/{file}]` |
//! | [`Threads`] | `create`, `retrieve`, `update`, `delete`, `create_and_run` | `/threads[/{id}]` |
//! | [`Messages`] | `create`, `retrieve`, `update`, `delete`, `list`, `list_all`; v1: `retrieve_file`, `list_files`, `list_files_all` | `/threads/{id}/messages[/{msg}[/files]]` |
//! | [`Runs`] | `create` (+ `_stream`, `_and_poll`), `retrieve`, `poll`, `update`, `list`, `list_all`, `cancel`, `submit_tool_outputs` (+ `_stream`, `_and_poll`), `run_tools`, `create_thread_and_run` (+ `_stream`, `_poll`) | `/threads/{id}/runs[/{run}]`, `/threads/runs` |
//! | [`RunSteps`] | `retrieve`, `list`, `list_all` | `/threads/{id}/runs/{run}/steps[/{step}]` |
//! | [`Files`] (from `openai-files`) | `create`, `retrieve`, `delete`, `list`, `list_all`, `content` | `/files[/{file}[/content]]` |
//!
//! Streaming runs, polling, auto-pagination and the tool-calling loop come on top.
//!
//! # Example
//!
//! ```no_run
//! use core_http::{Credential, Endpoint, HttpClient};
//! use openai_assistants::{AssistantsClient, PollOptions, RunToolsOptions};
//! use openai_types::toolbox::{RunnableTool, Toolbox};
//! use openai_types::assistants::{AssistantTool, CreateAssistantRequest, FunctionDefinition};
//! use openai_types::messages::CreateMessageRequest;
//! use openai_types::runs::CreateRunRequest;
//! use openai_types::shared::{ListParams, SortOrder};
//! use openai_types::threads::CreateThreadRequest;
//!
//! # async fn run() -> Result<(), core_http::Error> {
//! let http = HttpClient::builder()
//!     .endpoint(Endpoint::openai("https://api.openai.com/v1")?)
//!     .credential(Credential::openai_key("sk-..."))
//!     .build()?;
//! let client = AssistantsClient::new(&http);
//!
//! let assistant = client
//!     .assistants()
//!     .create(
//!         &CreateAssistantRequest::new("gpt-4o-mini")
//!             .instructions("Answer weather questions with the tool.")
//!             .tools(vec![AssistantTool::function(FunctionDefinition::new("get_weather"))]),
//!     )
//!     .await?;
//! let thread = client
//!     .threads()
//!     .create(&CreateThreadRequest::new().messages(vec![CreateMessageRequest::user(
//!         "What's the weather in Paris?",
//!     )]))
//!     .await?;
//! let run = client
//!     .runs()
//!     .create_and_poll(&thread.id, &CreateRunRequest::new(&assistant.id), &PollOptions::new())
//!     .await?;
//! let handlers = Toolbox::new().with(RunnableTool::new(
//!     "get_weather",
//!     "Current weather for a city",
//!     serde_json::json!({"type": "object", "properties": {"city": {"type": "string"}}}),
//!     |_args: serde_json::Value| async { Ok::<_, String>(r#"{"temperature_c": 22}"#) },
//! ));
//! let run = client.runs().run_tools(&thread.id, run, &handlers, &RunToolsOptions::new()).await?;
//! println!("run ended {}", run.status);
//!
//! let mut messages = client.messages().list_all(&thread.id, &ListParams::new().order(SortOrder::Asc));
//! while let Some(message) = messages.next().await {
//!     let message = message?;
//!     println!("{}: {}", message.role, message.text());
//! }
//! # Ok(()) }
//! ```

mod assistants;
mod ctx;
mod messages;
mod pagination;

mod run_steps;
mod runs;
mod stream;
mod threads;
mod tools;

pub use assistants::Assistants;
pub use core_http::kit::{
    Call, DEFAULT_POLL_INTERVAL, DEFAULT_POLL_TIMEOUT, PollOptions, UploadSource,
};
pub use messages::Messages;
/// Files live in `openai-files`; re-exported here because assistants upload their files
/// through them.
pub use openai_files::{FileContent, Files};
pub use openai_types::toolbox::{RunnableTool, Toolbox};
pub use pagination::ItemStream;
pub use run_steps::RunSteps;
pub use runs::Runs;
pub use stream::{AssistantEventStream, StreamOutcome};
pub use threads::Threads;
pub use tools::{RunToolsOptions, execute_tool_calls};

use core_http::{HttpClient, RequestOptions};

use crate::ctx::Ctx;

/// Which Assistants API the calls select with the `OpenAI-Beta` header.
///
/// ```
/// use openai_assistants::AssistantsApiVersion;
///
/// assert_eq!(AssistantsApiVersion::default(), AssistantsApiVersion::V2);
/// assert_eq!(AssistantsApiVersion::V1.beta_header_value(), "assistants=v1");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AssistantsApiVersion {
    /// The deprecated v1 API (`assistants=v1`): the only one with assistant files and message
    /// files. Select it only for a service that still serves v1.
    V1,
    /// The current API (`assistants=v2`): `tool_resources`, `attachments`, vector stores.
    #[default]
    V2,
}

impl AssistantsApiVersion {
    /// The `OpenAI-Beta` header value: `assistants=v1` or `assistants=v2`.
    pub fn beta_header_value(self) -> &'static str {
        match self {
            AssistantsApiVersion::V1 => "assistants=v1",
            AssistantsApiVersion::V2 => "assistants=v2",
        }
    }
}

/// The name of the header that selects the Assistants API version.
pub const OPENAI_BETA_HEADER: &str = ctx::OPENAI_BETA;

/// All Assistants resources on one client, with shared settings: the API version and options
/// that every handle it gives out starts with.
///
/// This is the client-level place for [`AssistantsApiVersion`]: set it once here and every
/// handle inherits it (each handle can still override it with its own `api_version`).
///
/// ```
/// use core_http::{Endpoint, HttpClient};
/// use openai_assistants::{AssistantsApiVersion, AssistantsClient};
///
/// # fn main() -> Result<(), core_http::Error> {
/// let http = HttpClient::builder().endpoint(Endpoint::openai("http://127.0.0.1:1/v1")?).build()?;
/// let legacy = AssistantsClient::new(&http).api_version(AssistantsApiVersion::V1);
/// let _assistants = legacy.assistants(); // sends OpenAI-Beta: assistants=v1
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct AssistantsClient<'c> {
    ctx: Ctx<'c>,
}

impl<'c> AssistantsClient<'c> {
    /// Assistants v2 on `http`, no extra options.
    pub fn new(http: &'c HttpClient) -> Self {
        AssistantsClient {
            ctx: Ctx::new(http),
        }
    }

    /// Selects the API version for every handle given out from now on.
    pub fn api_version(mut self, version: AssistantsApiVersion) -> Self {
        self.ctx.version = version;
        self
    }

    /// Layers `options` over the current ones for every handle given out from now on.
    pub fn with_options(mut self, options: RequestOptions) -> Self {
        self.ctx.merge_options(&options);
        self
    }

    /// The selected API version.
    pub fn version(&self) -> AssistantsApiVersion {
        self.ctx.version
    }

    /// The underlying HTTP client.
    pub fn http(&self) -> &'c HttpClient {
        self.ctx.http()
    }

    /// `/assistants`.
    pub fn assistants(&self) -> Assistants<'c> {
        Assistants::from_ctx(self.ctx.clone())
    }

    /// `/threads`.
    pub fn threads(&self) -> Threads<'c> {
        Threads::from_ctx(self.ctx.clone())
    }

    /// `/threads/{thread_id}/messages`.
    pub fn messages(&self) -> Messages<'c> {
        Messages::from_ctx(self.ctx.clone())
    }

    /// `/threads/{thread_id}/runs` and `/threads/runs`.
    pub fn runs(&self) -> Runs<'c> {
        Runs::from_ctx(self.ctx.clone())
    }

    /// `/threads/{thread_id}/runs/{run_id}/steps`.
    pub fn run_steps(&self) -> RunSteps<'c> {
        RunSteps::from_ctx(self.ctx.clone())
    }

    /// `/files` (from `openai-files`): the client's options apply, but no `OpenAI-Beta`
    /// header, which only Assistants calls carry.
    pub fn files(&self) -> Files<'c> {
        Files::new(self.ctx.http()).with_options(self.ctx.options().clone())
    }
}
