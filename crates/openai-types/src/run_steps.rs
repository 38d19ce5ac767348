//! Run steps: what a run did, one step at a time (write a message, or call tools), and the
//! streamed `thread.run.step.delta` payload.
//!
//! Step details, tool calls and code interpreter outputs are open tagged unions; the v1
//! `retrieval` tool call, for example, decodes as `Unknown` and round-trips unchanged.

use serde::{Deserialize, Serialize};

use crate::assistants::FileSearchRankingOptions;
use crate::runs::{RunError, RunUsage};
use crate::shared::{ListItem, ListParams, Metadata, SortOrder};

string_enum! {
    /// The kind of a run step.
    pub enum RunStepType {
        /// The step wrote a message.
        MessageCreation = "message_creation",
        /// The step called tools.
        ToolCalls = "tool_calls",
    }
}

string_enum! {
    /// Lifecycle state of a run step.
    pub enum RunStepStatus {
        /// Running.
        InProgress = "in_progress",
        /// Cancelled with its run.
        Cancelled = "cancelled",
        /// Failed; see `last_error`.
        Failed = "failed",
        /// Finished.
        Completed = "completed",
        /// Expired with its run.
        Expired = "expired",
    }
}

/// A step of a run (`object: "thread.run.step"`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RunStep {
    /// The step id (`step_...`).
    pub id: String,
    /// Always `thread.run.step`.
    #[serde(default = "run_step_object")]
    pub object: String,
    /// Creation time, Unix seconds.
    #[serde(default)]
    pub created_at: i64,
    /// The assistant of the run.
    #[serde(default)]
    pub assistant_id: String,
    /// The thread of the run.
    #[serde(default)]
    pub thread_id: String,
    /// The run.
    #[serde(default)]
    pub run_id: String,
    /// The kind of step (mirrors `step_details`).
    #[serde(rename = "type")]
    pub kind: RunStepType,
    /// Lifecycle state.
    pub status: RunStepStatus,
    /// What the step did.
    pub step_details: StepDetails,
    /// Why the step failed.
    #[serde(default)]
    pub last_error: Option<RunError>,
    /// When the step expired (the spec's spelling).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expired_at: Option<i64>,
    /// When the step expires (the spelling both services actually send).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<i64>,
    /// When the step was cancelled.
    #[serde(default)]
    pub cancelled_at: Option<i64>,
    /// When the step failed.
    #[serde(default)]
    pub failed_at: Option<i64>,
    /// When the step completed.
    #[serde(default)]
    pub completed_at: Option<i64>,
    /// Caller-defined key/value pairs (in the spec; the services omit it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// Token usage; `null` while in progress.
    #[serde(default)]
    pub usage: Option<RunUsage>,
}

fn run_step_object() -> String {
    "thread.run.step".to_owned()
}

impl ListItem for RunStep {
    fn list_id(&self) -> &str {
        &self.id
    }
}

tagged_enum! {
    /// What a run step did.
    pub enum StepDetails {
        /// Wrote a message.
        MessageCreation(MessageCreationDetails) = "message_creation",
        /// Called tools.
        ToolCalls(ToolCallsDetails) = "tool_calls",
    }
}

/// A message-creation step.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MessageCreationDetails {
    /// The message written.
    pub message_creation: MessageCreation,
}

/// The message a step wrote.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MessageCreation {
    /// Its id.
    pub message_id: String,
}

/// A tool-calls step.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ToolCallsDetails {
    /// The calls made.
    #[serde(default)]
    pub tool_calls: Vec<StepToolCall>,
}

tagged_enum! {
    /// A tool call made by a run step.
    pub enum StepToolCall {
        /// Code interpreter.
        CodeInterpreter(CodeInterpreterCall) = "code_interpreter",
        /// File search.
        FileSearch(FileSearchCall) = "file_search",
        /// A function (its output once submitted).
        Function(FunctionToolCall) = "function",
    }
}

/// A code interpreter call.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CodeInterpreterCall {
    /// The call id.
    pub id: String,
    /// Code and outputs.
    pub code_interpreter: CodeInterpreterDetails,
}

/// The code run and what it produced.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CodeInterpreterDetails {
    /// The code.
    #[serde(default)]
    pub input: String,
    /// Logs and images.
    #[serde(default)]
    pub outputs: Vec<CodeInterpreterOutput>,
}

tagged_enum! {
    /// An output of the code interpreter.
    pub enum CodeInterpreterOutput {
        /// Text output.
        Logs(LogsOutput) = "logs",
        /// A generated image.
        Image(ImageOutput) = "image",
    }
}

/// Text output of the code interpreter.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LogsOutput {
    /// The text.
    #[serde(default)]
    pub logs: String,
}

/// An image produced by the code interpreter.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImageOutput {
    /// The image file.
    pub image: ImageOutputFile,
}

/// The file of a generated image.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImageOutputFile {
    /// The file id.
    pub file_id: String,
}

/// A file search call.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FileSearchCall {
    /// The call id.
    pub id: String,
    /// Ranking and results (results only when requested with `include[]`).
    #[serde(default)]
    pub file_search: FileSearchCallDetails,
}

/// What a file search call used and found.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FileSearchCallDetails {
    /// The ranking used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ranking_options: Option<FileSearchRankingOptions>,
    /// The results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub results: Option<Vec<FileSearchResult>>,
}

/// One file search result.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FileSearchResult {
    /// The file id.
    #[serde(default)]
    pub file_id: String,
    /// The file name.
    #[serde(default)]
    pub file_name: String,
    /// Relevance, 0..=1.
    #[serde(default)]
    pub score: f64,
    /// Matched content (only when requested).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<Vec<FileSearchResultContent>>,
}

string_enum! {
    /// Kind of a file search result content item.
    pub enum FileSearchResultContentType {
        /// Text.
        Text = "text",
    }
}

/// A piece of matched content.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FileSearchResultContent {
    /// The kind.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<FileSearchResultContentType>,
    /// The text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// A function call made by a step.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FunctionToolCall {
    /// The call id.
    pub id: String,
    /// The function, its arguments and (once submitted) output.
    pub function: FunctionCallDetails,
}

/// A function call and its output.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FunctionCallDetails {
    /// The function's name.
    pub name: String,
    /// Arguments as a JSON string.
    #[serde(default)]
    pub arguments: String,
    /// The submitted output; `null` until submitted.
    #[serde(default)]
    pub output: Option<String>,
}

/// The payload of a `thread.run.step.delta` stream event.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RunStepDelta {
    /// The step id.
    pub id: String,
    /// Always `thread.run.step.delta`.
    #[serde(default = "run_step_delta_object")]
    pub object: String,
    /// The change.
    #[serde(default)]
    pub delta: RunStepDeltaBody,
}

fn run_step_delta_object() -> String {
    "thread.run.step.delta".to_owned()
}

/// The fields of a step that changed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RunStepDeltaBody {
    /// Changed details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step_details: Option<StepDetailsDelta>,
}

tagged_enum! {
    /// Streamed step details.
    pub enum StepDetailsDelta {
        /// The message being written.
        MessageCreation(MessageCreationDelta) = "message_creation",
        /// Tool call fragments.
        ToolCalls(ToolCallsDelta) = "tool_calls",
    }
}

/// A message-creation fragment.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MessageCreationDelta {
    /// The message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_creation: Option<MessageCreationDeltaRef>,
}

/// The message, as streamed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MessageCreationDeltaRef {
    /// Its id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
}

/// Tool call fragments.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ToolCallsDelta {
    /// Fragments, each naming the call `index` it extends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_calls: Option<Vec<StepToolCallDelta>>,
}

tagged_enum! {
    /// A fragment of one step tool call.
    pub enum StepToolCallDelta {
        /// Code interpreter: code appended, outputs added.
        CodeInterpreter(CodeInterpreterCallDelta) = "code_interpreter",
        /// File search.
        FileSearch(FileSearchCallDelta) = "file_search",
        /// Function: arguments appended.
        Function(FunctionToolCallDelta) = "function",
    }
}

/// A code interpreter call fragment.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CodeInterpreterCallDelta {
    /// The call it extends.
    #[serde(default)]
    pub index: u32,
    /// The call id (first fragment only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Code and outputs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_interpreter: Option<CodeInterpreterDetailsDelta>,
}

/// Code to append and outputs to add.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CodeInterpreterDetailsDelta {
    /// Code fragment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// Outputs, each with its `index`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outputs: Option<Vec<CodeInterpreterOutputDelta>>,
}

tagged_enum! {
    /// A streamed code interpreter output.
    pub enum CodeInterpreterOutputDelta {
        /// Text output.
        Logs(LogsOutputDelta) = "logs",
        /// A generated image.
        Image(ImageOutputDelta) = "image",
    }
}

/// Streamed text output.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LogsOutputDelta {
    /// The output it sets.
    #[serde(default)]
    pub index: u32,
    /// The text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logs: Option<String>,
}

/// A streamed image output.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImageOutputDelta {
    /// The output it sets.
    #[serde(default)]
    pub index: u32,
    /// The image file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<ImageOutputFileDelta>,
}

/// The file of a streamed image.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImageOutputFileDelta {
    /// The file id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_id: Option<String>,
}

/// A file search call fragment.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FileSearchCallDelta {
    /// The call it extends.
    #[serde(default)]
    pub index: u32,
    /// The call id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The search details so far (the spec leaves this object open; kept as raw JSON).
    #[serde(default, skip_serializing_if = "serde_json::Value::is_null")]
    pub file_search: serde_json::Value,
}

/// A function call fragment.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FunctionToolCallDelta {
    /// The call it extends.
    #[serde(default)]
    pub index: u32,
    /// The call id (first fragment only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Name, argument fragment, output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub function: Option<FunctionCallDetailsDelta>,
}

/// A function call, as streamed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FunctionCallDetailsDelta {
    /// The function's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Argument fragment to append.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arguments: Option<String>,
    /// The output, once submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
}

string_enum! {
    /// Extra run step data to ask for (`include[]`).
    pub enum RunStepInclude {
        /// The content of each file search result (otherwise only ids, names and scores).
        FileSearchResultContent = "step_details.tool_calls[*].file_search.results[*].content",
    }
}

/// Query parameters of `GET /threads/{thread_id}/runs/{run_id}/steps`: paging plus `include[]`.
///
/// ```
/// use openai_types::run_steps::{RunStepInclude, RunStepListParams};
///
/// let q = RunStepListParams::new().limit(5).include([RunStepInclude::FileSearchResultContent]).to_query();
/// assert_eq!(q, vec![
///     ("limit", "5".to_owned()),
///     ("include[]", "step_details.tool_calls[*].file_search.results[*].content".to_owned()),
/// ]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RunStepListParams {
    /// Page size (1..=100, default 20).
    pub limit: Option<u32>,
    /// Sort order by `created_at`.
    pub order: Option<SortOrder>,
    /// Return items after this id (forward cursor).
    pub after: Option<String>,
    /// Return items before this id (backward cursor).
    pub before: Option<String>,
    /// Extra data to include in each step.
    pub include: Vec<RunStepInclude>,
}

impl RunStepListParams {
    /// No parameters: the service defaults apply.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the extra data to include (replacing any set before).
    #[must_use]
    pub fn include(mut self, include: impl IntoIterator<Item = RunStepInclude>) -> Self {
        self.include = include.into_iter().collect();
        self
    }

    /// The query pairs to append to the URL, in a stable order, skipping unset fields; each
    /// `include` value is its own `include[]` pair, as the official SDKs send them.
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut query = crate::shared::list::paging_query(
            self.limit,
            self.order.as_ref(),
            self.after.as_deref(),
            self.before.as_deref(),
        );
        for include in &self.include {
            query.push(("include[]", include.as_str().to_owned()));
        }
        query
    }

    /// The same page size, order and includes for the page after `after` (`before` dropped).
    #[must_use]
    pub fn next_page(&self, after: impl Into<String>) -> Self {
        Self {
            after: Some(after.into()),
            before: None,
            ..self.clone()
        }
    }
}

setters! {
    RunStepListParams {
        copy limit: u32,
        order: SortOrder,
        after: String,
        before: String,
    }
}

/// The plain paging parameters, no filter.
impl From<ListParams> for RunStepListParams {
    fn from(params: ListParams) -> Self {
        Self {
            limit: params.limit,
            order: params.order,
            after: params.after,
            before: params.before,
            include: Vec::new(),
        }
    }
}
