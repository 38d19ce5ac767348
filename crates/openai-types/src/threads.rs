//! Threads: the conversation object, its create/modify requests, and the create-thread-and-run
//! request that does both in one call.

use serde::{Deserialize, Serialize};

use crate::assistants::{
    AssistantResponseFormat, AssistantTool, AssistantToolChoice, ToolResources,
};
use crate::messages::CreateMessageRequest;
use crate::runs::TruncationStrategy;
use crate::shared::Metadata;

/// A conversation (`object: "thread"`) that runs append messages to.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Thread {
    /// The thread id (`thread_...`).
    pub id: String,
    /// Always `thread`.
    #[serde(default = "thread_object")]
    pub object: String,
    /// Creation time, Unix seconds.
    #[serde(default)]
    pub created_at: i64,
    /// Files and vector stores for the tools of runs on this thread.
    #[serde(default)]
    pub tool_resources: Option<ToolResources>,
    /// Caller-defined key/value pairs.
    #[serde(default)]
    pub metadata: Option<Metadata>,
}

fn thread_object() -> String {
    "thread".to_owned()
}

/// Parameters for `POST /threads`; also the `thread` of [`CreateThreadAndRunRequest`].
///
/// ```
/// use openai_types::messages::CreateMessageRequest;
/// use openai_types::threads::CreateThreadRequest;
///
/// let request = CreateThreadRequest::new()
///     .messages(vec![CreateMessageRequest::user("Hello")]);
/// assert_eq!(
///     serde_json::to_string(&request).unwrap(),
///     r#"{"messages":[{"role":"user","content":"Hello"}]}"#
/// );
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreateThreadRequest {
    /// Messages to start the thread with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messages: Option<Vec<CreateMessageRequest>>,
    /// Files and vector stores for the tools (vector stores may be created inline).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_resources: Option<ToolResources>,
    /// Caller-defined key/value pairs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// Parameters this release does not model, sent as top-level fields (set with
    /// [`extra`](Self::extra); a `null` value sends an explicit `null`; do not repeat modeled
    /// fields).
    #[serde(flatten, default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl CreateThreadRequest {
    /// An empty thread.
    pub fn new() -> Self {
        Self::default()
    }
}

setters! {
    CreateThreadRequest {
        messages: Vec<CreateMessageRequest>,
        tool_resources: ToolResources,
        metadata: Metadata,
    }
}

/// Parameters for `POST /threads/{thread_id}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ModifyThreadRequest {
    /// Replaces the tool resources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_resources: Option<ToolResources>,
    /// Replaces the metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// Parameters this release does not model, sent as top-level fields (set with
    /// [`extra`](Self::extra); a `null` value sends an explicit `null`; do not repeat modeled
    /// fields).
    #[serde(flatten, default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl ModifyThreadRequest {
    /// A request that changes nothing yet.
    pub fn new() -> Self {
        Self::default()
    }
}

setters! {
    ModifyThreadRequest {
        tool_resources: ToolResources,
        metadata: Metadata,
    }
}

/// Parameters for `POST /threads/runs`: create a thread and run an assistant on it.
///
/// ```
/// use openai_types::messages::CreateMessageRequest;
/// use openai_types::threads::{CreateThreadAndRunRequest, CreateThreadRequest};
///
/// let request = CreateThreadAndRunRequest::new("asst_1")
///     .thread(CreateThreadRequest::new().messages(vec![CreateMessageRequest::user("Hi")]));
/// assert_eq!(serde_json::to_value(&request).unwrap()["thread"]["messages"][0]["content"], "Hi");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreateThreadAndRunRequest {
    /// The assistant to run.
    pub assistant_id: String,
    /// The thread to create (empty when unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread: Option<CreateThreadRequest>,
    /// Overrides the assistant's model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// Replaces the assistant's instructions for this run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructions: Option<String>,
    /// Replaces the assistant's tools for this run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tools: Option<Vec<AssistantTool>>,
    /// Tool resources for the run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_resources: Option<ToolResources>,
    /// Caller-defined key/value pairs (of the run).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// Sampling temperature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temperature: Option<f64>,
    /// Nucleus sampling mass.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_p: Option<f64>,
    /// Prompt token limit over the whole run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_prompt_tokens: Option<u64>,
    /// Completion token limit over the whole run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_completion_tokens: Option<u64>,
    /// How to truncate the thread.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub truncation_strategy: Option<TruncationStrategy>,
    /// Which tool the model must call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_choice: Option<AssistantToolChoice>,
    /// Whether the model may call functions in parallel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parallel_tool_calls: Option<bool>,
    /// The output format.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_format: Option<AssistantResponseFormat>,
    /// Parameters this release does not model, sent as top-level fields (set with
    /// [`extra`](Self::extra); a `null` value sends an explicit `null`; do not repeat modeled
    /// fields).
    #[serde(flatten, default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl CreateThreadAndRunRequest {
    /// Run `assistant_id` on a new thread.
    pub fn new(assistant_id: impl Into<String>) -> Self {
        Self {
            extra: serde_json::Map::new(),
            assistant_id: assistant_id.into(),
            thread: None,
            model: None,
            instructions: None,
            tools: None,
            tool_resources: None,
            metadata: None,
            temperature: None,
            top_p: None,
            max_prompt_tokens: None,
            max_completion_tokens: None,
            truncation_strategy: None,
            tool_choice: None,
            parallel_tool_calls: None,
            response_format: None,
        }
    }
}

setters! {
    CreateThreadAndRunRequest {
        thread: CreateThreadRequest,
        model: String,
        instructions: String,
        tools: Vec<AssistantTool>,
        tool_resources: ToolResources,
        metadata: Metadata,
        temperature: f64,
        top_p: f64,
        copy max_prompt_tokens: u64,
        copy max_completion_tokens: u64,
        truncation_strategy: TruncationStrategy,
        tool_choice: AssistantToolChoice,
        parallel_tool_calls: bool,
        response_format: AssistantResponseFormat,
    }
}

crate::macros::extra_setter! { CreateThreadRequest, ModifyThreadRequest, CreateThreadAndRunRequest }
