//! The server-sent events of a streamed response (`stream: true`).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::*;

/// Emitted when there is a partial audio response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseAudioDeltaEvent {
    /// A sequence number for this chunk of the stream response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
    /// A chunk of Base64 encoded response audio bytes.
    #[serde(default)]
    pub delta: String,
}

/// Emitted when the audio response is complete.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseAudioDoneEvent {
    /// The sequence number of the delta.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// Emitted when there is a partial transcript of audio.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseAudioTranscriptDeltaEvent {
    /// The partial transcript of the audio response.
    #[serde(default)]
    pub delta: String,
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// Emitted when the full audio transcript is completed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseAudioTranscriptDoneEvent {
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// Emitted when a partial code snippet is streamed by the code interpreter.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseCodeInterpreterCallCodeDeltaEvent {
    /// The index of the output item in the response for which the code is being streamed.
    #[serde(default)]
    pub output_index: u64,
    /// The unique identifier of the code interpreter tool call item.
    #[serde(default)]
    pub item_id: String,
    /// The partial code snippet being streamed by the code interpreter.
    #[serde(default)]
    pub delta: String,
    /// The sequence number of this event, used to order streaming events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// Emitted when the code snippet is finalized by the code interpreter.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseCodeInterpreterCallCodeDoneEvent {
    /// The index of the output item in the response for which the code is finalized.
    #[serde(default)]
    pub output_index: u64,
    /// The unique identifier of the code interpreter tool call item.
    #[serde(default)]
    pub item_id: String,
    /// The final code snippet output by the code interpreter.
    #[serde(default)]
    pub code: String,
    /// The sequence number of this event, used to order streaming events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// Emitted when the code interpreter call is completed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseCodeInterpreterCallCompletedEvent {
    /// The index of the output item in the response for which the code interpreter call is completed.
    #[serde(default)]
    pub output_index: u64,
    /// The unique identifier of the code interpreter tool call item.
    #[serde(default)]
    pub item_id: String,
    /// The sequence number of this event, used to order streaming events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// Emitted when a code interpreter call is in progress.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseCodeInterpreterCallInProgressEvent {
    /// The index of the output item in the response for which the code interpreter call is in progress.
    #[serde(default)]
    pub output_index: u64,
    /// The unique identifier of the code interpreter tool call item.
    #[serde(default)]
    pub item_id: String,
    /// The sequence number of this event, used to order streaming events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// Emitted when the code interpreter is actively interpreting the code snippet.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseCodeInterpreterCallInterpretingEvent {
    /// The index of the output item in the response for which the code interpreter is interpreting code.
    #[serde(default)]
    pub output_index: u64,
    /// The unique identifier of the code interpreter tool call item.
    #[serde(default)]
    pub item_id: String,
    /// The sequence number of this event, used to order streaming events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// Emitted when the model response is complete.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseCompletedEvent {
    /// Properties of the completed response.
    #[serde(default)]
    pub response: Box<Response>,
    /// The sequence number for this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// Emitted when a new content part is added.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseContentPartAddedEvent {
    /// The ID of the output item that the content part was added to.
    #[serde(default)]
    pub item_id: String,
    /// The index of the output item that the content part was added to.
    #[serde(default)]
    pub output_index: u64,
    /// The index of the content part that was added.
    #[serde(default)]
    pub content_index: u64,
    /// The content part that was added.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<ContentPart>,
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// Emitted when a content part is done.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseContentPartDoneEvent {
    /// The ID of the output item that the content part was added to.
    #[serde(default)]
    pub item_id: String,
    /// The index of the output item that the content part was added to.
    #[serde(default)]
    pub output_index: u64,
    /// The index of the content part that is done.
    #[serde(default)]
    pub content_index: u64,
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
    /// The content part that is done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<ContentPart>,
}

/// An event that is emitted when a response is created.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseCreatedEvent {
    /// The response that was created.
    #[serde(default)]
    pub response: Box<Response>,
    /// The sequence number for this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// Emitted when an error occurs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseErrorEvent {
    /// The error code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The error message.
    #[serde(default)]
    pub message: String,
    /// The error parameter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub param: Option<String>,
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// Emitted when a file search call is completed (results found).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseFileSearchCallCompletedEvent {
    /// The index of the output item that the file search call is initiated.
    #[serde(default)]
    pub output_index: u64,
    /// The ID of the output item that the file search call is initiated.
    #[serde(default)]
    pub item_id: String,
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// Emitted when a file search call is initiated.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseFileSearchCallInProgressEvent {
    /// The index of the output item that the file search call is initiated.
    #[serde(default)]
    pub output_index: u64,
    /// The ID of the output item that the file search call is initiated.
    #[serde(default)]
    pub item_id: String,
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// Emitted when a file search is currently searching.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseFileSearchCallSearchingEvent {
    /// The index of the output item that the file search call is searching.
    #[serde(default)]
    pub output_index: u64,
    /// The ID of the output item that the file search call is initiated.
    #[serde(default)]
    pub item_id: String,
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// Emitted when there is a partial function-call arguments delta.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseFunctionCallArgumentsDeltaEvent {
    /// The ID of the output item that the function-call arguments delta is added to.
    #[serde(default)]
    pub item_id: String,
    /// The index of the output item that the function-call arguments delta is added to.
    #[serde(default)]
    pub output_index: u64,
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
    /// The function-call arguments delta that is added.
    #[serde(default)]
    pub delta: String,
}

/// Emitted when function-call arguments are finalized.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseFunctionCallArgumentsDoneEvent {
    /// The ID of the item.
    #[serde(default)]
    pub item_id: String,
    /// The name of the function that was called.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The index of the output item.
    #[serde(default)]
    pub output_index: u64,
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
    /// The function-call arguments.
    #[serde(default)]
    pub arguments: String,
}

/// A streaming event that indicated a shell command was added to a tool call.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseShellCallCommandAddedEvent {
    /// The sequence number of the event that was emitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
    /// The index of the output item that was updated.
    #[serde(default)]
    pub output_index: u64,
    /// The index of the shell command that was added.
    #[serde(default)]
    pub command_index: u64,
    /// The shell command that was added.
    #[serde(default)]
    pub command: String,
}

/// A streaming event that indicated a shell command was incrementally updated.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseShellCallCommandDeltaEvent {
    /// The sequence number of the event that was emitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
    /// The index of the output item that was updated.
    #[serde(default)]
    pub output_index: u64,
    /// The index of the shell command that was updated.
    #[serde(default)]
    pub command_index: u64,
    /// The shell command delta that was appended.
    #[serde(default)]
    pub delta: String,
    /// An obfuscation string that was added to pad the event payload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub obfuscation: Option<String>,
}

/// A streaming event that indicated a shell command was completed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseShellCallCommandDoneEvent {
    /// The sequence number of the event that was emitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
    /// The index of the output item that was updated.
    #[serde(default)]
    pub output_index: u64,
    /// The index of the shell command that was completed.
    #[serde(default)]
    pub command_index: u64,
    /// The final shell command that was emitted.
    #[serde(default)]
    pub command: String,
}

/// A delta of stdout/stderr emitted while a shell call was running.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ShellCallOutputDelta {
    /// The stdout delta that was emitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stdout: Option<String>,
    /// The stderr delta that was emitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stderr: Option<String>,
}

/// A streaming event that indicated shell call output was incrementally added.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseShellCallOutputContentDeltaEvent {
    /// The sequence number of the event that was emitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
    /// The ID of the output item that was updated.
    #[serde(default)]
    pub item_id: String,
    /// The index of the output item that was updated.
    #[serde(default)]
    pub output_index: u64,
    /// The index of the shell command that produced output.
    #[serde(default)]
    pub command_index: u64,
    /// The stdout/stderr delta that was emitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delta: Option<ShellCallOutputDelta>,
}

/// Indicates that the shell call exceeded its configured time limit.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ShellCallTimeoutOutcome {}

/// Indicates that the shell commands finished and returned an exit code.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ShellCallExitOutcome {
    /// Exit code from the shell process.
    #[serde(default)]
    pub exit_code: i64,
}

tagged_enum! {
    /// Represents either an exit outcome (with an exit code) or a timeout outcome for a shell call output chunk.
    pub enum ShellCallOutcome {
        /// `timeout`.
        Timeout(ShellCallTimeoutOutcome) = "timeout",
        /// `exit`.
        Exit(ShellCallExitOutcome) = "exit",
    }
}

/// The content of a shell tool call output that was emitted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ShellCallOutputContent {
    /// The standard output that was captured.
    #[serde(default)]
    pub stdout: String,
    /// The standard error output that was captured.
    #[serde(default)]
    pub stderr: String,
    /// Represents either an exit outcome (with an exit code) or a timeout outcome for a shell call output chunk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<ShellCallOutcome>,
    /// The identifier of the actor that created the item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
}

/// A streaming event that indicated shell call output was completed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseShellCallOutputContentDoneEvent {
    /// The sequence number of the event that was emitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
    /// The ID of the output item that was updated.
    #[serde(default)]
    pub item_id: String,
    /// The index of the output item that was updated.
    #[serde(default)]
    pub output_index: u64,
    /// The index of the shell command that produced output.
    #[serde(default)]
    pub command_index: u64,
    /// The output contents emitted for the shell command.
    #[serde(default)]
    pub output: Vec<ShellCallOutputContent>,
}

/// Emitted when the response is in progress.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseInProgressEvent {
    /// The response that is in progress.
    #[serde(default)]
    pub response: Box<Response>,
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// An event that is emitted when a response fails.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseFailedEvent {
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
    /// The response that failed.
    #[serde(default)]
    pub response: Box<Response>,
}

/// An event that is emitted when a response finishes as incomplete.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseIncompleteEvent {
    /// The response that was incomplete.
    #[serde(default)]
    pub response: Box<Response>,
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// Emitted when a new output item is added.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseOutputItemAddedEvent {
    /// The index of the output item that was added.
    #[serde(default)]
    pub output_index: u64,
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
    /// The output item that was added.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<Item>,
}

/// Emitted when an output item is marked done.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseOutputItemDoneEvent {
    /// The index of the output item that was marked done.
    #[serde(default)]
    pub output_index: u64,
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
    /// The output item that was marked done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<Item>,
}

/// Emitted when a new reasoning summary part is added.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseReasoningSummaryPartAddedEvent {
    /// The ID of the item this summary part is associated with.
    #[serde(default)]
    pub item_id: String,
    /// The index of the output item this summary part is associated with.
    #[serde(default)]
    pub output_index: u64,
    /// The index of the summary part within the reasoning summary.
    #[serde(default)]
    pub summary_index: u64,
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
    /// The summary part that was added.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<ContentPart>,
}

string_enum! {
    /// The completion status of the summary part.
    pub enum ReasoningSummaryPartStatus {
        /// `incomplete`.
        Incomplete = "incomplete",
    }
}

/// Emitted when a reasoning summary part is completed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseReasoningSummaryPartDoneEvent {
    /// The ID of the item this summary part is associated with.
    #[serde(default)]
    pub item_id: String,
    /// The index of the output item this summary part is associated with.
    #[serde(default)]
    pub output_index: u64,
    /// The index of the summary part within the reasoning summary.
    #[serde(default)]
    pub summary_index: u64,
    /// The completion status of the summary part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ReasoningSummaryPartStatus>,
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
    /// The completed summary part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<ContentPart>,
}

/// Emitted when a delta is added to a reasoning summary text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseReasoningSummaryTextDeltaEvent {
    /// The ID of the item this summary text delta is associated with.
    #[serde(default)]
    pub item_id: String,
    /// The index of the output item this summary text delta is associated with.
    #[serde(default)]
    pub output_index: u64,
    /// The index of the summary part within the reasoning summary.
    #[serde(default)]
    pub summary_index: u64,
    /// The text delta that was added to the summary.
    #[serde(default)]
    pub delta: String,
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// Emitted when a reasoning summary text is completed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseReasoningSummaryTextDoneEvent {
    /// The ID of the item this summary text is associated with.
    #[serde(default)]
    pub item_id: String,
    /// The index of the output item this summary text is associated with.
    #[serde(default)]
    pub output_index: u64,
    /// The index of the summary part within the reasoning summary.
    #[serde(default)]
    pub summary_index: u64,
    /// The full text of the completed reasoning summary.
    #[serde(default)]
    pub text: String,
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// Emitted when a delta is added to a reasoning text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseReasoningTextDeltaEvent {
    /// The ID of the item this reasoning text delta is associated with.
    #[serde(default)]
    pub item_id: String,
    /// The index of the output item this reasoning text delta is associated with.
    #[serde(default)]
    pub output_index: u64,
    /// The index of the reasoning content part this delta is associated with.
    #[serde(default)]
    pub content_index: u64,
    /// The text delta that was added to the reasoning content.
    #[serde(default)]
    pub delta: String,
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// Emitted when a reasoning text is completed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseReasoningTextDoneEvent {
    /// The ID of the item this reasoning text is associated with.
    #[serde(default)]
    pub item_id: String,
    /// The index of the output item this reasoning text is associated with.
    #[serde(default)]
    pub output_index: u64,
    /// The index of the reasoning content part.
    #[serde(default)]
    pub content_index: u64,
    /// The full text of the completed reasoning content.
    #[serde(default)]
    pub text: String,
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// Emitted when there is a partial refusal text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseRefusalDeltaEvent {
    /// The ID of the output item that the refusal text is added to.
    #[serde(default)]
    pub item_id: String,
    /// The index of the output item that the refusal text is added to.
    #[serde(default)]
    pub output_index: u64,
    /// The index of the content part that the refusal text is added to.
    #[serde(default)]
    pub content_index: u64,
    /// The refusal text that is added.
    #[serde(default)]
    pub delta: String,
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// Emitted when refusal text is finalized.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseRefusalDoneEvent {
    /// The ID of the output item that the refusal text is finalized.
    #[serde(default)]
    pub item_id: String,
    /// The index of the output item that the refusal text is finalized.
    #[serde(default)]
    pub output_index: u64,
    /// The index of the content part that the refusal text is finalized.
    #[serde(default)]
    pub content_index: u64,
    /// The refusal text that is finalized.
    #[serde(default)]
    pub refusal: String,
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// One of the most likely tokens at a position.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseTopLogProb {
    /// A possible text token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    /// The log probability of this token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logprob: Option<f64>,
    /// The UTF-8 bytes of the token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bytes: Option<Vec<u64>>,
}

/// A logprob is the logarithmic probability that the model assigns to producing a particular token at a given position in the sequence.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseLogProb {
    /// A possible text token.
    #[serde(default)]
    pub token: String,
    /// The log probability of this token.
    #[serde(default)]
    pub logprob: f64,
    /// The log probabilities of up to 20 of the most likely tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_logprobs: Option<Vec<ResponseTopLogProb>>,
    /// The UTF-8 bytes of the token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bytes: Option<Vec<u64>>,
}

/// Emitted when there is an additional text delta.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseTextDeltaEvent {
    /// The ID of the output item that the text delta was added to.
    #[serde(default)]
    pub item_id: String,
    /// The index of the output item that the text delta was added to.
    #[serde(default)]
    pub output_index: u64,
    /// The index of the content part that the text delta was added to.
    #[serde(default)]
    pub content_index: u64,
    /// The text delta that was added.
    #[serde(default)]
    pub delta: String,
    /// The sequence number for this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
    /// The log probabilities of the tokens in the delta.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logprobs: Option<Vec<ResponseLogProb>>,
}

/// A `response.output_text.delta` event whose strings borrow from the received event text.
///
/// What [`ResponseStreamEventRef`] lends for the stream's most frequent event: `item_id` is
/// borrowed, and so is `delta` unless it contained JSON escapes (then it is unescaped into an
/// owned string). [`into_owned`](Self::into_owned) gives the owned event.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ResponseTextDeltaRef<'a> {
    /// The ID of the output item that the text delta was added to.
    #[serde(default, borrow)]
    pub item_id: Cow<'a, str>,
    /// The index of the output item that the text delta was added to.
    #[serde(default)]
    pub output_index: u64,
    /// The index of the content part that the text delta was added to.
    #[serde(default)]
    pub content_index: u64,
    /// The text delta that was added.
    #[serde(default, borrow)]
    pub delta: Cow<'a, str>,
    /// The sequence number for this event.
    #[serde(default)]
    pub sequence_number: Option<u64>,
    /// The log probabilities of the tokens in the delta.
    #[serde(default)]
    pub logprobs: Option<Vec<ResponseLogProb>>,
}

impl ResponseTextDeltaRef<'_> {
    /// The owned event.
    pub fn into_owned(self) -> ResponseTextDeltaEvent {
        ResponseTextDeltaEvent {
            item_id: self.item_id.into_owned(),
            output_index: self.output_index,
            content_index: self.content_index,
            delta: self.delta.into_owned(),
            sequence_number: self.sequence_number,
            logprobs: self.logprobs,
        }
    }
}

/// A streamed Responses event, with text deltas borrowed from the received bytes.
///
/// Yielded by the borrowing `next_ref` of a response stream: the same events as
/// [`ResponseStreamEvent`], but `response.output_text.delta` comes as a
/// [`ResponseTextDeltaRef`] that allocates nothing for its id and (escape-free) text.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum ResponseStreamEventRef<'a> {
    /// `response.output_text.delta`, borrowed.
    OutputTextDelta(ResponseTextDeltaRef<'a>),
    /// Every other event, owned.
    Event(ResponseStreamEvent),
}

impl ResponseStreamEventRef<'_> {
    /// The text this event adds to an output text part (`response.output_text.delta`).
    pub fn text_delta(&self) -> Option<&str> {
        match self {
            ResponseStreamEventRef::OutputTextDelta(d) => Some(&d.delta),
            ResponseStreamEventRef::Event(ResponseStreamEvent::OutputTextDelta(d)) => {
                Some(&d.delta)
            }
            ResponseStreamEventRef::Event(_) => None,
        }
    }

    /// The owned event.
    pub fn into_owned(self) -> ResponseStreamEvent {
        match self {
            ResponseStreamEventRef::OutputTextDelta(d) => {
                ResponseStreamEvent::OutputTextDelta(d.into_owned())
            }
            ResponseStreamEventRef::Event(e) => e,
        }
    }
}

/// Emitted when text content is finalized.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseTextDoneEvent {
    /// The ID of the output item that the text content is finalized.
    #[serde(default)]
    pub item_id: String,
    /// The index of the output item that the text content is finalized.
    #[serde(default)]
    pub output_index: u64,
    /// The index of the content part that the text content is finalized.
    #[serde(default)]
    pub content_index: u64,
    /// The text content that is finalized.
    #[serde(default)]
    pub text: String,
    /// The sequence number for this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
    /// The log probabilities of the tokens in the delta.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logprobs: Option<Vec<ResponseLogProb>>,
}

/// Emitted when a web search call is completed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseWebSearchCallCompletedEvent {
    /// The index of the output item that the web search call is associated with.
    #[serde(default)]
    pub output_index: u64,
    /// Unique ID for the output item associated with the web search call.
    #[serde(default)]
    pub item_id: String,
    /// The sequence number of the web search call being processed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// Emitted when a web search call is initiated.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseWebSearchCallInProgressEvent {
    /// The index of the output item that the web search call is associated with.
    #[serde(default)]
    pub output_index: u64,
    /// Unique ID for the output item associated with the web search call.
    #[serde(default)]
    pub item_id: String,
    /// The sequence number of the web search call being processed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// Emitted when a web search call is executing.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseWebSearchCallSearchingEvent {
    /// The index of the output item that the web search call is associated with.
    #[serde(default)]
    pub output_index: u64,
    /// Unique ID for the output item associated with the web search call.
    #[serde(default)]
    pub item_id: String,
    /// The sequence number of the web search call being processed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// Emitted when an image generation tool call has completed and the final image is available.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseImageGenCallCompletedEvent {
    /// The index of the output item in the response's output array.
    #[serde(default)]
    pub output_index: u64,
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
    /// The unique identifier of the image generation item being processed.
    #[serde(default)]
    pub item_id: String,
}

/// Emitted when an image generation tool call is actively generating an image (intermediate state).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseImageGenCallGeneratingEvent {
    /// The index of the output item in the response's output array.
    #[serde(default)]
    pub output_index: u64,
    /// The unique identifier of the image generation item being processed.
    #[serde(default)]
    pub item_id: String,
    /// The sequence number of the image generation item being processed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// Emitted when an image generation tool call is in progress.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseImageGenCallInProgressEvent {
    /// The index of the output item in the response's output array.
    #[serde(default)]
    pub output_index: u64,
    /// The unique identifier of the image generation item being processed.
    #[serde(default)]
    pub item_id: String,
    /// The sequence number of the image generation item being processed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// Emitted when a partial image is available during image generation streaming.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseImageGenCallPartialImageEvent {
    /// The index of the output item in the response's output array.
    #[serde(default)]
    pub output_index: u64,
    /// The unique identifier of the image generation item being processed.
    #[serde(default)]
    pub item_id: String,
    /// The sequence number of the image generation item being processed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
    /// 0-based index for the partial image (backend is 1-based, but this is 0-based for the user).
    #[serde(default)]
    pub partial_image_index: u64,
    /// Base64-encoded partial image data, suitable for rendering as an image.
    #[serde(default)]
    pub partial_image_b64: String,
    /// The image size that was used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<String>,
    /// The image quality that was used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality: Option<String>,
    /// The background setting that was used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background: Option<String>,
    /// The output format that was used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_format: Option<String>,
}

/// Emitted when there is a delta (partial update) to the arguments of an MCP tool call.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseMcpCallArgumentsDeltaEvent {
    /// The index of the output item in the response's output array.
    #[serde(default)]
    pub output_index: u64,
    /// The unique identifier of the MCP tool call item being processed.
    #[serde(default)]
    pub item_id: String,
    /// A JSON string containing the partial update to the arguments for the MCP tool call.
    #[serde(default)]
    pub delta: String,
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// Emitted when the arguments for an MCP tool call are finalized.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseMcpCallArgumentsDoneEvent {
    /// The index of the output item in the response's output array.
    #[serde(default)]
    pub output_index: u64,
    /// The unique identifier of the MCP tool call item being processed.
    #[serde(default)]
    pub item_id: String,
    /// A JSON string containing the finalized arguments for the MCP tool call.
    #[serde(default)]
    pub arguments: String,
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// Emitted when an MCP tool call has completed successfully.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseMcpCallCompletedEvent {
    /// The ID of the MCP tool call item that completed.
    #[serde(default)]
    pub item_id: String,
    /// The index of the output item that completed.
    #[serde(default)]
    pub output_index: u64,
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// Emitted when an MCP tool call has failed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseMcpCallFailedEvent {
    /// The ID of the MCP tool call item that failed.
    #[serde(default)]
    pub item_id: String,
    /// The index of the output item that failed.
    #[serde(default)]
    pub output_index: u64,
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// Emitted when an MCP tool call is in progress.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseMcpCallInProgressEvent {
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
    /// The index of the output item in the response's output array.
    #[serde(default)]
    pub output_index: u64,
    /// The unique identifier of the MCP tool call item being processed.
    #[serde(default)]
    pub item_id: String,
}

/// Emitted when the list of available MCP tools has been successfully retrieved.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseMcpListToolsCompletedEvent {
    /// The ID of the MCP tool call item that produced this output.
    #[serde(default)]
    pub item_id: String,
    /// The index of the output item that was processed.
    #[serde(default)]
    pub output_index: u64,
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// Emitted when the attempt to list available MCP tools has failed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseMcpListToolsFailedEvent {
    /// The ID of the MCP tool call item that failed.
    #[serde(default)]
    pub item_id: String,
    /// The index of the output item that failed.
    #[serde(default)]
    pub output_index: u64,
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// Emitted when the system is in the process of retrieving the list of available MCP tools.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseMcpListToolsInProgressEvent {
    /// The ID of the MCP tool call item that is being processed.
    #[serde(default)]
    pub item_id: String,
    /// The index of the output item that is being processed.
    #[serde(default)]
    pub output_index: u64,
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// Emitted when an annotation is added to output text content.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseOutputTextAnnotationAddedEvent {
    /// The unique identifier of the item to which the annotation is being added.
    #[serde(default)]
    pub item_id: String,
    /// The index of the output item in the response's output array.
    #[serde(default)]
    pub output_index: u64,
    /// The index of the content part within the output item.
    #[serde(default)]
    pub content_index: u64,
    /// The index of the annotation within the content part.
    #[serde(default)]
    pub annotation_index: u64,
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
    /// The annotation object being added.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotation: Option<Annotation>,
}

/// Emitted when a response is queued and waiting to be processed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseQueuedEvent {
    /// The full response object that is queued.
    #[serde(default)]
    pub response: Box<Response>,
    /// The sequence number for this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
}

/// Event representing a delta (partial update) to the input of a custom tool call.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseCustomToolCallInputDeltaEvent {
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
    /// The index of the output this delta applies to.
    #[serde(default)]
    pub output_index: u64,
    /// Unique identifier for the API item associated with this event.
    #[serde(default)]
    pub item_id: String,
    /// The incremental input data (delta) for the custom tool call.
    #[serde(default)]
    pub delta: String,
}

/// Event indicating that input for a custom tool call is complete.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseCustomToolCallInputDoneEvent {
    /// The sequence number of this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<u64>,
    /// The index of the output this event applies to.
    #[serde(default)]
    pub output_index: u64,
    /// Unique identifier for the API item associated with this event.
    #[serde(default)]
    pub item_id: String,
    /// The complete input data for the custom tool call.
    #[serde(default)]
    pub input: String,
}

tagged_enum! {
    /// One event of a streamed response (`stream: true`), keyed by `type`.
    pub enum ResponseStreamEvent {
        /// `response.audio.delta`.
        AudioDelta(ResponseAudioDeltaEvent) = "response.audio.delta",
        /// `response.audio.done`.
        AudioDone(ResponseAudioDoneEvent) = "response.audio.done",
        /// `response.audio.transcript.delta`.
        AudioTranscriptDelta(ResponseAudioTranscriptDeltaEvent) = "response.audio.transcript.delta",
        /// `response.audio.transcript.done`.
        AudioTranscriptDone(ResponseAudioTranscriptDoneEvent) = "response.audio.transcript.done",
        /// `response.code_interpreter_call_code.delta`.
        CodeInterpreterCallCodeDelta(ResponseCodeInterpreterCallCodeDeltaEvent) = "response.code_interpreter_call_code.delta",
        /// `response.code_interpreter_call_code.done`.
        CodeInterpreterCallCodeDone(ResponseCodeInterpreterCallCodeDoneEvent) = "response.code_interpreter_call_code.done",
        /// `response.code_interpreter_call.completed`.
        CodeInterpreterCallCompleted(ResponseCodeInterpreterCallCompletedEvent) = "response.code_interpreter_call.completed",
        /// `response.code_interpreter_call.in_progress`.
        CodeInterpreterCallInProgress(ResponseCodeInterpreterCallInProgressEvent) = "response.code_interpreter_call.in_progress",
        /// `response.code_interpreter_call.interpreting`.
        CodeInterpreterCallInterpreting(ResponseCodeInterpreterCallInterpretingEvent) = "response.code_interpreter_call.interpreting",
        /// `response.completed`.
        Completed(ResponseCompletedEvent) = "response.completed",
        /// `response.content_part.added`.
        ContentPartAdded(Box<ResponseContentPartAddedEvent>) = "response.content_part.added",
        /// `response.content_part.done`.
        ContentPartDone(Box<ResponseContentPartDoneEvent>) = "response.content_part.done",
        /// `response.created`.
        Created(ResponseCreatedEvent) = "response.created",
        /// `error`.
        Error(ResponseErrorEvent) = "error",
        /// `response.file_search_call.completed`.
        FileSearchCallCompleted(ResponseFileSearchCallCompletedEvent) = "response.file_search_call.completed",
        /// `response.file_search_call.in_progress`.
        FileSearchCallInProgress(ResponseFileSearchCallInProgressEvent) = "response.file_search_call.in_progress",
        /// `response.file_search_call.searching`.
        FileSearchCallSearching(ResponseFileSearchCallSearchingEvent) = "response.file_search_call.searching",
        /// `response.function_call_arguments.delta`.
        FunctionCallArgumentsDelta(ResponseFunctionCallArgumentsDeltaEvent) = "response.function_call_arguments.delta",
        /// `response.function_call_arguments.done`.
        FunctionCallArgumentsDone(ResponseFunctionCallArgumentsDoneEvent) = "response.function_call_arguments.done",
        /// `response.shell_call_command.added`.
        ShellCallCommandAdded(ResponseShellCallCommandAddedEvent) = "response.shell_call_command.added",
        /// `response.shell_call_command.delta`.
        ShellCallCommandDelta(ResponseShellCallCommandDeltaEvent) = "response.shell_call_command.delta",
        /// `response.shell_call_command.done`.
        ShellCallCommandDone(ResponseShellCallCommandDoneEvent) = "response.shell_call_command.done",
        /// `response.shell_call_output_content.delta`.
        ShellCallOutputContentDelta(ResponseShellCallOutputContentDeltaEvent) = "response.shell_call_output_content.delta",
        /// `response.shell_call_output_content.done`.
        ShellCallOutputContentDone(ResponseShellCallOutputContentDoneEvent) = "response.shell_call_output_content.done",
        /// `response.in_progress`.
        InProgress(ResponseInProgressEvent) = "response.in_progress",
        /// `response.failed`.
        Failed(ResponseFailedEvent) = "response.failed",
        /// `response.incomplete`.
        Incomplete(ResponseIncompleteEvent) = "response.incomplete",
        /// `response.output_item.added`.
        OutputItemAdded(Box<ResponseOutputItemAddedEvent>) = "response.output_item.added",
        /// `response.output_item.done`.
        OutputItemDone(Box<ResponseOutputItemDoneEvent>) = "response.output_item.done",
        /// `response.reasoning_summary_part.added`.
        ReasoningSummaryPartAdded(Box<ResponseReasoningSummaryPartAddedEvent>) = "response.reasoning_summary_part.added",
        /// `response.reasoning_summary_part.done`.
        ReasoningSummaryPartDone(Box<ResponseReasoningSummaryPartDoneEvent>) = "response.reasoning_summary_part.done",
        /// `response.reasoning_summary_text.delta`.
        ReasoningSummaryTextDelta(ResponseReasoningSummaryTextDeltaEvent) = "response.reasoning_summary_text.delta",
        /// `response.reasoning_summary_text.done`.
        ReasoningSummaryTextDone(ResponseReasoningSummaryTextDoneEvent) = "response.reasoning_summary_text.done",
        /// `response.reasoning_text.delta`.
        ReasoningTextDelta(ResponseReasoningTextDeltaEvent) = "response.reasoning_text.delta",
        /// `response.reasoning_text.done`.
        ReasoningTextDone(ResponseReasoningTextDoneEvent) = "response.reasoning_text.done",
        /// `response.refusal.delta`.
        RefusalDelta(ResponseRefusalDeltaEvent) = "response.refusal.delta",
        /// `response.refusal.done`.
        RefusalDone(ResponseRefusalDoneEvent) = "response.refusal.done",
        /// `response.output_text.delta`.
        OutputTextDelta(ResponseTextDeltaEvent) = "response.output_text.delta",
        /// `response.output_text.done`.
        OutputTextDone(ResponseTextDoneEvent) = "response.output_text.done",
        /// `response.web_search_call.completed`.
        WebSearchCallCompleted(ResponseWebSearchCallCompletedEvent) = "response.web_search_call.completed",
        /// `response.web_search_call.in_progress`.
        WebSearchCallInProgress(ResponseWebSearchCallInProgressEvent) = "response.web_search_call.in_progress",
        /// `response.web_search_call.searching`.
        WebSearchCallSearching(ResponseWebSearchCallSearchingEvent) = "response.web_search_call.searching",
        /// `response.image_generation_call.completed`.
        ImageGenerationCallCompleted(ResponseImageGenCallCompletedEvent) = "response.image_generation_call.completed",
        /// `response.image_generation_call.generating`.
        ImageGenerationCallGenerating(ResponseImageGenCallGeneratingEvent) = "response.image_generation_call.generating",
        /// `response.image_generation_call.in_progress`.
        ImageGenerationCallInProgress(ResponseImageGenCallInProgressEvent) = "response.image_generation_call.in_progress",
        /// `response.image_generation_call.partial_image`.
        ImageGenerationCallPartialImage(Box<ResponseImageGenCallPartialImageEvent>) = "response.image_generation_call.partial_image",
        /// `response.mcp_call_arguments.delta`.
        McpCallArgumentsDelta(ResponseMcpCallArgumentsDeltaEvent) = "response.mcp_call_arguments.delta",
        /// `response.mcp_call_arguments.done`.
        McpCallArgumentsDone(ResponseMcpCallArgumentsDoneEvent) = "response.mcp_call_arguments.done",
        /// `response.mcp_call.completed`.
        McpCallCompleted(ResponseMcpCallCompletedEvent) = "response.mcp_call.completed",
        /// `response.mcp_call.failed`.
        McpCallFailed(ResponseMcpCallFailedEvent) = "response.mcp_call.failed",
        /// `response.mcp_call.in_progress`.
        McpCallInProgress(ResponseMcpCallInProgressEvent) = "response.mcp_call.in_progress",
        /// `response.mcp_list_tools.completed`.
        McpListToolsCompleted(ResponseMcpListToolsCompletedEvent) = "response.mcp_list_tools.completed",
        /// `response.mcp_list_tools.failed`.
        McpListToolsFailed(ResponseMcpListToolsFailedEvent) = "response.mcp_list_tools.failed",
        /// `response.mcp_list_tools.in_progress`.
        McpListToolsInProgress(ResponseMcpListToolsInProgressEvent) = "response.mcp_list_tools.in_progress",
        /// `response.output_text.annotation.added`.
        OutputTextAnnotationAdded(Box<ResponseOutputTextAnnotationAddedEvent>) = "response.output_text.annotation.added",
        /// `response.queued`.
        Queued(ResponseQueuedEvent) = "response.queued",
        /// `response.custom_tool_call_input.delta`.
        CustomToolCallInputDelta(ResponseCustomToolCallInputDeltaEvent) = "response.custom_tool_call_input.delta",
        /// `response.custom_tool_call_input.done`.
        CustomToolCallInputDone(ResponseCustomToolCallInputDoneEvent) = "response.custom_tool_call_input.done",
    }
}

impl ResponseStreamEvent {
    /// The event's position in the stream (starts at 0, increases by one per event); read from
    /// the raw JSON for unknown event types.
    pub fn sequence_number(&self) -> Option<u64> {
        match self {
            Self::AudioDelta(event) => event.sequence_number,
            Self::AudioDone(event) => event.sequence_number,
            Self::AudioTranscriptDelta(event) => event.sequence_number,
            Self::AudioTranscriptDone(event) => event.sequence_number,
            Self::CodeInterpreterCallCodeDelta(event) => event.sequence_number,
            Self::CodeInterpreterCallCodeDone(event) => event.sequence_number,
            Self::CodeInterpreterCallCompleted(event) => event.sequence_number,
            Self::CodeInterpreterCallInProgress(event) => event.sequence_number,
            Self::CodeInterpreterCallInterpreting(event) => event.sequence_number,
            Self::Completed(event) => event.sequence_number,
            Self::ContentPartAdded(event) => event.sequence_number,
            Self::ContentPartDone(event) => event.sequence_number,
            Self::Created(event) => event.sequence_number,
            Self::Error(event) => event.sequence_number,
            Self::FileSearchCallCompleted(event) => event.sequence_number,
            Self::FileSearchCallInProgress(event) => event.sequence_number,
            Self::FileSearchCallSearching(event) => event.sequence_number,
            Self::FunctionCallArgumentsDelta(event) => event.sequence_number,
            Self::FunctionCallArgumentsDone(event) => event.sequence_number,
            Self::ShellCallCommandAdded(event) => event.sequence_number,
            Self::ShellCallCommandDelta(event) => event.sequence_number,
            Self::ShellCallCommandDone(event) => event.sequence_number,
            Self::ShellCallOutputContentDelta(event) => event.sequence_number,
            Self::ShellCallOutputContentDone(event) => event.sequence_number,
            Self::InProgress(event) => event.sequence_number,
            Self::Failed(event) => event.sequence_number,
            Self::Incomplete(event) => event.sequence_number,
            Self::OutputItemAdded(event) => event.sequence_number,
            Self::OutputItemDone(event) => event.sequence_number,
            Self::ReasoningSummaryPartAdded(event) => event.sequence_number,
            Self::ReasoningSummaryPartDone(event) => event.sequence_number,
            Self::ReasoningSummaryTextDelta(event) => event.sequence_number,
            Self::ReasoningSummaryTextDone(event) => event.sequence_number,
            Self::ReasoningTextDelta(event) => event.sequence_number,
            Self::ReasoningTextDone(event) => event.sequence_number,
            Self::RefusalDelta(event) => event.sequence_number,
            Self::RefusalDone(event) => event.sequence_number,
            Self::OutputTextDelta(event) => event.sequence_number,
            Self::OutputTextDone(event) => event.sequence_number,
            Self::WebSearchCallCompleted(event) => event.sequence_number,
            Self::WebSearchCallInProgress(event) => event.sequence_number,
            Self::WebSearchCallSearching(event) => event.sequence_number,
            Self::ImageGenerationCallCompleted(event) => event.sequence_number,
            Self::ImageGenerationCallGenerating(event) => event.sequence_number,
            Self::ImageGenerationCallInProgress(event) => event.sequence_number,
            Self::ImageGenerationCallPartialImage(event) => event.sequence_number,
            Self::McpCallArgumentsDelta(event) => event.sequence_number,
            Self::McpCallArgumentsDone(event) => event.sequence_number,
            Self::McpCallCompleted(event) => event.sequence_number,
            Self::McpCallFailed(event) => event.sequence_number,
            Self::McpCallInProgress(event) => event.sequence_number,
            Self::McpListToolsCompleted(event) => event.sequence_number,
            Self::McpListToolsFailed(event) => event.sequence_number,
            Self::McpListToolsInProgress(event) => event.sequence_number,
            Self::OutputTextAnnotationAdded(event) => event.sequence_number,
            Self::Queued(event) => event.sequence_number,
            Self::CustomToolCallInputDelta(event) => event.sequence_number,
            Self::CustomToolCallInputDone(event) => event.sequence_number,
            Self::Unknown(obj) => obj
                .raw()
                .get("sequence_number")
                .and_then(serde_json::Value::as_u64),
        }
    }

    /// The response carried by a lifecycle event (`response.created`, `response.in_progress`,
    /// `response.queued`, `response.completed`, `response.failed`, `response.incomplete`).
    pub fn response(&self) -> Option<&Response> {
        match self {
            Self::Created(event) => Some(&event.response),
            Self::InProgress(event) => Some(&event.response),
            Self::Queued(event) => Some(&event.response),
            Self::Completed(event) => Some(&event.response),
            Self::Failed(event) => Some(&event.response),
            Self::Incomplete(event) => Some(&event.response),
            _ => None,
        }
    }

    /// Whether this event ends the stream (`response.completed`, `response.failed`,
    /// `response.incomplete` or `error`).
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            Self::Completed(_) | Self::Failed(_) | Self::Incomplete(_) | Self::Error(_)
        )
    }
}

impl ShellCallOutputContent {
    /// The captured output of a command that exited with `exit_code`.
    pub fn exited(stdout: impl Into<String>, stderr: impl Into<String>, exit_code: i64) -> Self {
        Self {
            stdout: stdout.into(),
            stderr: stderr.into(),
            outcome: Some(ShellCallOutcome::Exit(ShellCallExitOutcome { exit_code })),
            created_by: None,
        }
    }

    /// The captured output of a command that timed out.
    pub fn timed_out(stdout: impl Into<String>, stderr: impl Into<String>) -> Self {
        Self {
            stdout: stdout.into(),
            stderr: stderr.into(),
            outcome: Some(ShellCallOutcome::Timeout(ShellCallTimeoutOutcome {})),
            created_by: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every streamed event is built and moved a few times: the union stays as small as its
    /// delta events (the rare events carrying whole items or parts are boxed; before: 248
    /// bytes, moved with a `memcpy` call at every step).
    #[test]
    fn stream_events_stay_small() {
        use std::mem::size_of;
        let sizes = [
            ("ResponseStreamEvent", size_of::<ResponseStreamEvent>(), 112),
            (
                "ResponseStreamEventRef",
                size_of::<ResponseStreamEventRef<'static>>(),
                112,
            ),
        ];
        for (name, size, limit) in sizes {
            assert!(size <= limit, "{name} is {size} bytes (limit {limit})");
        }
    }
}
