//! Runs: one execution of an assistant on a thread. The run object, its status machine, the
//! action it may require (tool outputs), usage, and the create/modify/submit requests.
//!
//! `stream` is not a request field: the client's `create` and `create_stream` methods decide it,
//! so the two can never disagree.

use serde::{Deserialize, Serialize};

use crate::assistants::{
    AssistantResponseFormat, AssistantTool, AssistantToolChoice, ReasoningEffort, ToolResources,
};
use crate::messages::CreateMessageRequest;
use crate::shared::{CompletionTokensDetails, ListItem, Metadata, PromptTokensDetails};

/// A function name and its JSON-encoded arguments; the same type chat completions use.
pub use crate::chat::FunctionCall;

string_enum! {
    /// Where a run is in its lifecycle.
    ///
    /// `queued` → `in_progress` → (`requires_action` ↔ `in_progress`)* → a terminal state
    /// ([`is_terminal`](Self::is_terminal)). Poll or stream until then.
    ///
    /// ```
    /// use openai_types::runs::RunStatus;
    ///
    /// match RunStatus::from("requires_action") {
    ///     RunStatus::RequiresAction => println!("submit tool outputs"),
    ///     status if status.is_terminal() => println!("done: {status}"),
    ///     other => println!("still running ({})", other.as_str()),
    /// }
    /// ```
    pub enum RunStatus {
        /// Waiting to start.
        Queued = "queued",
        /// Running.
        InProgress = "in_progress",
        /// Paused until the caller submits tool outputs (see `required_action`).
        RequiresAction = "requires_action",
        /// A cancel was requested.
        Cancelling = "cancelling",
        /// Cancelled.
        Cancelled = "cancelled",
        /// Failed; see `last_error`.
        Failed = "failed",
        /// Finished.
        Completed = "completed",
        /// Ended at a token limit; see `incomplete_details`.
        Incomplete = "incomplete",
        /// Not finished (or tool outputs not submitted) before `expires_at`.
        Expired = "expired",
    }
}

impl RunStatus {
    /// Whether the run can no longer change: `cancelled`, `failed`, `completed`, `incomplete` or
    /// `expired`.
    ///
    /// `requires_action` is not terminal (the run resumes after tool outputs), and neither is a
    /// status this release does not know: callers polling on it keep polling, bounded by their own
    /// timeout, rather than stopping early on a state that may still change.
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            Self::Cancelled | Self::Failed | Self::Completed | Self::Incomplete | Self::Expired
        )
    }
}

string_enum! {
    /// Error codes of a failed run or run step.
    pub enum RunErrorCode {
        /// The service failed.
        ServerError = "server_error",
        /// A rate limit was hit.
        RateLimitExceeded = "rate_limit_exceeded",
        /// The prompt was rejected.
        InvalidPrompt = "invalid_prompt",
    }
}

string_enum! {
    /// Why a run ended as `incomplete`.
    pub enum RunIncompleteReason {
        /// `max_completion_tokens` was reached.
        MaxCompletionTokens = "max_completion_tokens",
        /// `max_prompt_tokens` was reached.
        MaxPromptTokens = "max_prompt_tokens",
    }
}

string_enum! {
    /// How a thread is truncated to fit the context window.
    pub enum TruncationType {
        /// The service drops messages from the middle as needed.
        Auto = "auto",
        /// Keep only the `last_messages` most recent messages.
        LastMessages = "last_messages",
    }
}

/// A run (`object: "thread.run"`).
///
/// ```
/// use openai_types::runs::{Run, RunStatus};
///
/// let run: Run = serde_json::from_str(r#"{
///     "id": "run_1", "object": "thread.run", "created_at": 1, "thread_id": "thread_1",
///     "assistant_id": "asst_1", "status": "completed", "model": "gpt-4o", "tools": [],
///     "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}
/// }"#).unwrap();
/// assert!(run.status.is_terminal());
/// assert_eq!(run.usage.unwrap().total_tokens, 15);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Run {
    /// The run id (`run_...`).
    pub id: String,
    /// Always `thread.run`.
    #[serde(default = "run_object")]
    pub object: String,
    /// Creation time, Unix seconds.
    #[serde(default)]
    pub created_at: i64,
    /// The thread being run.
    #[serde(default)]
    pub thread_id: String,
    /// The assistant running it.
    #[serde(default)]
    pub assistant_id: String,
    /// Lifecycle state.
    pub status: RunStatus,
    /// What the caller must do for the run to continue (`requires_action` only).
    #[serde(default)]
    pub required_action: Option<RequiredAction>,
    /// Why the run failed.
    #[serde(default)]
    pub last_error: Option<RunError>,
    /// When the run expires, Unix seconds.
    #[serde(default)]
    pub expires_at: Option<i64>,
    /// When the run started, Unix seconds.
    #[serde(default)]
    pub started_at: Option<i64>,
    /// When the run was cancelled, Unix seconds.
    #[serde(default)]
    pub cancelled_at: Option<i64>,
    /// When the run failed, Unix seconds.
    #[serde(default)]
    pub failed_at: Option<i64>,
    /// When the run completed, Unix seconds.
    #[serde(default)]
    pub completed_at: Option<i64>,
    /// Why the run is incomplete.
    #[serde(default)]
    pub incomplete_details: Option<RunIncompleteDetails>,
    /// The model used.
    #[serde(default)]
    pub model: String,
    /// The instructions used.
    #[serde(default)]
    pub instructions: Option<String>,
    /// The tools used.
    #[serde(default)]
    pub tools: Vec<AssistantTool>,
    /// The tool resources used (sent by current servers though not in the spec's run object).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_resources: Option<ToolResources>,
    /// Caller-defined key/value pairs.
    #[serde(default)]
    pub metadata: Option<Metadata>,
    /// Token usage; `null` until the run is terminal.
    #[serde(default)]
    pub usage: Option<RunUsage>,
    /// Sampling temperature used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temperature: Option<f64>,
    /// Nucleus sampling mass used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_p: Option<f64>,
    /// Prompt token limit over the whole run.
    #[serde(default)]
    pub max_prompt_tokens: Option<u64>,
    /// Completion token limit over the whole run.
    #[serde(default)]
    pub max_completion_tokens: Option<u64>,
    /// How the thread was truncated.
    #[serde(default)]
    pub truncation_strategy: Option<TruncationStrategy>,
    /// Which tool the model had to call.
    #[serde(default)]
    pub tool_choice: Option<AssistantToolChoice>,
    /// Whether parallel function calls were allowed (absent in v1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parallel_tool_calls: Option<bool>,
    /// The output format.
    #[serde(default)]
    pub response_format: Option<AssistantResponseFormat>,
    /// Reasoning effort used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning_effort: Option<ReasoningEffort>,
    /// Assistants v1 only: file ids.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_ids: Option<Vec<String>>,
}

fn run_object() -> String {
    "thread.run".to_owned()
}

impl Run {
    /// The tool calls the run waits for, when it `requires_action` (empty otherwise).
    pub fn required_tool_calls(&self) -> &[RequiredToolCall] {
        match &self.required_action {
            Some(RequiredAction::SubmitToolOutputs(action)) => {
                &action.submit_tool_outputs.tool_calls
            }
            _ => &[],
        }
    }
}

impl ListItem for Run {
    fn list_id(&self) -> &str {
        &self.id
    }
}

tagged_enum! {
    /// What a paused run needs from the caller.
    pub enum RequiredAction {
        /// Run the listed function calls and submit their outputs.
        SubmitToolOutputs(SubmitToolOutputsAction) = "submit_tool_outputs",
    }
}

/// The `submit_tool_outputs` action.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SubmitToolOutputsAction {
    /// The calls to answer.
    pub submit_tool_outputs: SubmitToolOutputs,
}

/// The calls a run waits for.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SubmitToolOutputs {
    /// One entry per call; answer each by its id.
    #[serde(default)]
    pub tool_calls: Vec<RequiredToolCall>,
}

tagged_enum! {
    /// A tool call a run waits for.
    pub enum RequiredToolCall {
        /// A function call.
        Function(RequiredFunctionCall) = "function",
    }
}

impl RequiredToolCall {
    /// The call id to answer with (from the raw object for unknown kinds).
    pub fn id(&self) -> Option<&str> {
        match self {
            Self::Function(call) => Some(&call.id),
            Self::Unknown(raw) => raw.raw().get("id").and_then(serde_json::Value::as_str),
        }
    }
}

/// A function call a run waits for.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RequiredFunctionCall {
    /// The call id; echo it as `tool_call_id`.
    pub id: String,
    /// The function and its arguments.
    pub function: FunctionCall,
}

/// Why a run or run step failed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RunError {
    /// Machine-readable code.
    pub code: RunErrorCode,
    /// Human-readable message.
    #[serde(default)]
    pub message: String,
}

/// Why a run is incomplete.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RunIncompleteDetails {
    /// The token limit that was reached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<RunIncompleteReason>,
}

/// Token usage of a run or run step.
///
/// The Assistants API spells the prompt breakdown `prompt_token_details` (no `s`, unlike chat
/// completions); this type keeps that spelling on the wire and also accepts the chat spelling.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RunUsage {
    /// Completion tokens over the run (or step).
    #[serde(default)]
    pub completion_tokens: u64,
    /// Prompt tokens over the run (or step).
    #[serde(default)]
    pub prompt_tokens: u64,
    /// Sum of both.
    #[serde(default)]
    pub total_tokens: u64,
    /// Breakdown of the prompt tokens (newer servers).
    #[serde(
        default,
        alias = "prompt_tokens_details",
        skip_serializing_if = "Option::is_none"
    )]
    pub prompt_token_details: Option<PromptTokensDetails>,
    /// Breakdown of the completion tokens (newer servers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completion_tokens_details: Option<CompletionTokensDetails>,
}

/// How the thread is truncated before a run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TruncationStrategy {
    /// The strategy.
    #[serde(rename = "type")]
    pub kind: TruncationType,
    /// Messages kept with `last_messages`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_messages: Option<u32>,
}

impl TruncationStrategy {
    /// Let the service truncate.
    pub fn auto() -> Self {
        Self {
            kind: TruncationType::Auto,
            last_messages: None,
        }
    }

    /// Keep only the `n` most recent messages.
    pub fn last_messages(n: u32) -> Self {
        Self {
            kind: TruncationType::LastMessages,
            last_messages: Some(n),
        }
    }
}

/// Parameters for `POST /threads/{thread_id}/runs`.
///
/// ```
/// use openai_types::assistants::AssistantToolChoice;
/// use openai_types::messages::CreateMessageRequest;
/// use openai_types::runs::{CreateRunRequest, TruncationStrategy};
///
/// let request = CreateRunRequest::new("asst_1")
///     .additional_instructions("Address the user as Jane.")
///     .additional_messages(vec![CreateMessageRequest::user("One more thing...")])
///     .tool_choice(AssistantToolChoice::required())
///     .truncation_strategy(TruncationStrategy::last_messages(10))
///     .max_completion_tokens(512u64);
/// let json = serde_json::to_value(&request).unwrap();
/// assert_eq!(json["tool_choice"], "required");
/// assert!(json.get("stream").is_none());
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreateRunRequest {
    /// The assistant to run.
    pub assistant_id: String,
    /// Overrides the assistant's model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// Overrides the assistant's reasoning effort.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning_effort: Option<ReasoningEffort>,
    /// Replaces the assistant's instructions for this run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructions: Option<String>,
    /// Appended to the instructions for this run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_instructions: Option<String>,
    /// Messages added to the thread before the run starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_messages: Option<Vec<CreateMessageRequest>>,
    /// Replaces the assistant's tools for this run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tools: Option<Vec<AssistantTool>>,
    /// Caller-defined key/value pairs.
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

impl CreateRunRequest {
    /// Run `assistant_id` with its own settings.
    pub fn new(assistant_id: impl Into<String>) -> Self {
        Self {
            extra: serde_json::Map::new(),
            assistant_id: assistant_id.into(),
            model: None,
            reasoning_effort: None,
            instructions: None,
            additional_instructions: None,
            additional_messages: None,
            tools: None,
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
    CreateRunRequest {
        model: String,
        reasoning_effort: ReasoningEffort,
        instructions: String,
        additional_instructions: String,
        additional_messages: Vec<CreateMessageRequest>,
        tools: Vec<AssistantTool>,
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

/// Parameters for `POST /threads/{thread_id}/runs/{run_id}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ModifyRunRequest {
    /// Replaces the metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// Parameters this release does not model, sent as top-level fields (set with
    /// [`extra`](Self::extra); a `null` value sends an explicit `null`; do not repeat modeled
    /// fields).
    #[serde(flatten, default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl ModifyRunRequest {
    /// A request that changes nothing yet.
    pub fn new() -> Self {
        Self::default()
    }
}

setters! {
    ModifyRunRequest {
        metadata: Metadata,
    }
}

/// Parameters for `POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs`.
///
/// ```
/// use openai_types::runs::{SubmitToolOutputsRequest, ToolOutput};
///
/// let request = SubmitToolOutputsRequest::new([ToolOutput::new("call_1", "22C")]);
/// assert_eq!(
///     serde_json::to_string(&request).unwrap(),
///     r#"{"tool_outputs":[{"tool_call_id":"call_1","output":"22C"}]}"#
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SubmitToolOutputsRequest {
    /// One output per required tool call.
    pub tool_outputs: Vec<ToolOutput>,
    /// Parameters this release does not model, sent as top-level fields (set with
    /// [`extra`](Self::extra); a `null` value sends an explicit `null`; do not repeat modeled
    /// fields).
    #[serde(flatten, default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl SubmitToolOutputsRequest {
    /// Submit these outputs.
    pub fn new(tool_outputs: impl IntoIterator<Item = ToolOutput>) -> Self {
        Self {
            extra: serde_json::Map::new(),
            tool_outputs: tool_outputs.into_iter().collect(),
        }
    }
}

/// The output of one tool call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ToolOutput {
    /// The `id` of the required tool call.
    pub tool_call_id: String,
    /// What the tool returned (any string; JSON is common).
    pub output: String,
}

impl ToolOutput {
    /// The `output` of call `tool_call_id`.
    pub fn new(tool_call_id: impl Into<String>, output: impl Into<String>) -> Self {
        Self {
            tool_call_id: tool_call_id.into(),
            output: output.into(),
        }
    }
}

crate::macros::extra_setter! { CreateRunRequest, ModifyRunRequest, SubmitToolOutputsRequest }
