//! The response object and the other answers of the Responses API.

use serde::{Deserialize, Serialize};

use super::*;
use crate::shared::{ListItem, ListPage};

/// A model response: `POST /responses`, `GET /responses/{id}`, `POST /responses/{id}/cancel`,
/// and the payload of the `response.*` lifecycle stream events.
///
/// Besides the output, the service echoes the request's settings (`instructions`, `tools`,
/// `temperature`, ...).
///
/// ```
/// use openai_types::responses::{Response, ResponseStatus};
///
/// let body = r#"{"id":"resp_1","object":"response","created_at":1741965097,"status":"completed",
///   "model":"gpt-4o","output":[{"type":"message","id":"msg_1","status":"completed","role":"assistant",
///   "content":[{"type":"output_text","text":"Hi there!","annotations":[]}]}],
///   "parallel_tool_calls":true,"tools":[],"usage":{"input_tokens":5,"output_tokens":3,"total_tokens":8}}"#;
/// let response: Response = serde_json::from_str(body).unwrap();
/// assert_eq!(response.status, Some(ResponseStatus::Completed));
/// assert_eq!(response.output_text(), "Hi there!");
/// assert_eq!(response.usage.unwrap().total_tokens, 8);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Response {
    /// Response id (`resp_...`).
    #[serde(default)]
    pub id: String,
    /// Always `response`.
    #[serde(default)]
    pub object: String,
    /// Creation time, Unix seconds.
    #[serde(default)]
    pub created_at: u64,
    /// Lifecycle status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ResponseStatus>,
    /// Completion time, Unix seconds (when finished).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_at: Option<u64>,
    /// Whether the response ran in the background.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background: Option<bool>,
    /// The error, when `status` is `failed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ResponseError>,
    /// Why the response is incomplete, when `status` is `incomplete`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incomplete_details: Option<IncompleteDetails>,
    /// The instructions in effect: the request's string, or the items of a prompt template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructions: Option<ResponseInput>,
    /// Output token limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_output_tokens: Option<u64>,
    /// Built-in tool call limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_tool_calls: Option<u64>,
    /// The model that produced the response.
    #[serde(default)]
    pub model: String,
    /// Output items, in order: messages, tool calls, reasoning, ...
    #[serde(default)]
    pub output: Vec<OutputItem>,
    /// Convenience copy of the output text, set by some SDKs and proxies (the service itself
    /// does not send it; use [`output_text`](Self::output_text)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_text: Option<String>,
    /// Whether the model may call tools in parallel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parallel_tool_calls: Option<bool>,
    /// The previous response of a multi-turn conversation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_response_id: Option<String>,
    /// The conversation this response belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation: Option<ResponseConversation>,
    /// The prompt template used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt: Option<Prompt>,
    /// Prompt cache key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_cache_key: Option<String>,
    /// Prompt cache retention policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_cache_retention: Option<PromptCacheRetention>,
    /// Prompt cache options in effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_cache_options: Option<PromptCacheOptions>,
    /// Reasoning settings in effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<Reasoning>,
    /// Stable per-end-user id for abuse detection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safety_identifier: Option<String>,
    /// The tier that served the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_tier: Option<ServiceTier>,
    /// Whether the response is stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store: Option<bool>,
    /// Sampling temperature in effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temperature: Option<f64>,
    /// Text output settings in effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<TextConfig>,
    /// Tool choice in effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_choice: Option<ToolChoice>,
    /// Tools available to the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tools: Option<Vec<Tool>>,
    /// Number of most likely tokens returned per position.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_logprobs: Option<u64>,
    /// Nucleus sampling mass in effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_p: Option<f64>,
    /// Truncation strategy in effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub truncation: Option<Truncation>,
    /// Token usage (absent until the response finishes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<ResponseUsage>,
    /// Legacy end-user id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Key/value pairs attached to the response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// Moderation results, when moderation was requested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moderation: Option<Moderation>,
    /// Frequency penalty in effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency_penalty: Option<f64>,
    /// Presence penalty in effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presence_penalty: Option<f64>,
    /// Who pays for the response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing: Option<Billing>,
    /// Per-tool usage (image generation tokens, web search requests), as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_usage: Option<serde_json::Value>,
    /// Azure: content filter results (sent as `null` when there are none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_filters: Option<serde_json::Value>,
}

impl Response {
    /// All `output_text` parts of all output messages, concatenated in order without a separator
    /// (as the official SDKs compute `output_text`).
    pub fn output_text(&self) -> String {
        let mut text = String::new();
        for item in &self.output {
            if let Item::Message(message) = item {
                if let MessageContent::Parts(parts) = &message.content {
                    for part in parts {
                        if let ContentPart::OutputText(part) = part {
                            text.push_str(&part.text);
                        }
                    }
                }
            }
        }
        text
    }

    /// The function calls of the output, in order.
    ///
    /// ```
    /// # use openai_types::responses::Response;
    /// # let response = Response::default();
    /// for call in response.function_calls() {
    ///     println!("{} {}({})", call.call_id, call.name, call.arguments);
    /// }
    /// ```
    pub fn function_calls(&self) -> impl Iterator<Item = &FunctionCall> {
        self.output.iter().filter_map(Item::as_function_call)
    }

    /// The first refusal of the output, if the model refused.
    pub fn refusal(&self) -> Option<&str> {
        self.output
            .iter()
            .filter_map(Item::as_message)
            .find_map(Message::refusal)
    }

    /// Whether the response reached a final state (completed, failed, incomplete or cancelled).
    pub fn is_finished(&self) -> bool {
        matches!(
            self.status,
            Some(
                ResponseStatus::Completed
                    | ResponseStatus::Failed
                    | ResponseStatus::Incomplete
                    | ResponseStatus::Cancelled
            )
        )
    }
}

/// Who is billed for a response.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Billing {
    /// The payer (`developer`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer: Option<String>,
}

string_enum! {
    /// The lifecycle status of a response.
    pub enum ResponseStatus {
        /// Finished normally.
        Completed = "completed",
        /// Stopped early (see `incomplete_details`).
        Incomplete = "incomplete",
        /// Failed (see `error`).
        Failed = "failed",
        /// Being generated.
        InProgress = "in_progress",
        /// Waiting to start (background mode).
        Queued = "queued",
        /// Cancelled (background mode).
        Cancelled = "cancelled",
    }
}

string_enum! {
    /// What the service does when the input exceeds the model's context window.
    pub enum Truncation {
        /// Drop items from the start of the conversation.
        Auto = "auto",
        /// Fail with an error (the default).
        Disabled = "disabled",
    }
}

/// Why a response is incomplete.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IncompleteDetails {
    /// The reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<IncompleteReason>,
}

string_enum! {
    /// Why a response stopped early.
    pub enum IncompleteReason {
        /// `max_output_tokens` was reached.
        MaxOutputTokens = "max_output_tokens",
        /// A content filter stopped the output.
        ContentFilter = "content_filter",
    }
}

/// The conversation a response belongs to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseConversation {
    /// The conversation id (`conv_...`).
    #[serde(default)]
    pub id: String,
}

/// `DELETE /responses/{id}`: the deletion status.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseDeleted {
    /// Id of the deleted response.
    #[serde(default)]
    pub id: String,
    /// Always `response.deleted`.
    #[serde(default)]
    pub object: String,
    /// Whether it was deleted.
    #[serde(default)]
    pub deleted: bool,
}

/// `GET /responses/{id}/input_items`: one page of the items that were the response's input.
pub type ResponseItemList = ListPage<Item>;

impl ListItem for Item {
    /// The item's id; items without an id (never the case in a stored list) give `""`, which
    /// stops pagination.
    fn list_id(&self) -> &str {
        item_id(self).unwrap_or("")
    }
}

/// The `id` of any item, known or unknown, without re-encoding it.
pub(crate) fn item_id(item: &Item) -> Option<&str> {
    match item {
        Item::Message(i) => i.id.as_deref(),
        Item::CompactionTrigger(_) => None,
        Item::ItemReference(i) => Some(&i.id),
        Item::Program(i) => Some(&i.id),
        Item::ProgramOutput(i) => Some(&i.id),
        Item::FileSearchCall(i) => Some(&i.id),
        Item::ComputerCall(i) => Some(&i.id),
        Item::ComputerCallOutput(i) => i.id.as_deref(),
        Item::WebSearchCall(i) => Some(&i.id),
        Item::FunctionCall(i) => i.id.as_deref(),
        Item::FunctionCallOutput(i) => i.id.as_deref(),
        Item::ToolSearchCall(i) => i.id.as_deref(),
        Item::ToolSearchOutput(i) => i.id.as_deref(),
        Item::AdditionalTools(i) => i.id.as_deref(),
        Item::Reasoning(i) => Some(&i.id),
        Item::Compaction(i) => i.id.as_deref(),
        Item::ImageGenerationCall(i) => Some(&i.id),
        Item::CodeInterpreterCall(i) => Some(&i.id),
        Item::LocalShellCall(i) => Some(&i.id),
        Item::LocalShellCallOutput(i) => Some(&i.id),
        Item::ShellCall(i) => i.id.as_deref(),
        Item::ShellCallOutput(i) => i.id.as_deref(),
        Item::ApplyPatchCall(i) => i.id.as_deref(),
        Item::ApplyPatchCallOutput(i) => i.id.as_deref(),
        Item::McpListTools(i) => Some(&i.id),
        Item::McpApprovalRequest(i) => Some(&i.id),
        Item::McpApprovalResponse(i) => i.id.as_deref(),
        Item::McpCall(i) => Some(&i.id),
        Item::CustomToolCallOutput(i) => i.id.as_deref(),
        Item::CustomToolCall(i) => i.id.as_deref(),
        Item::Unknown(obj) => obj.raw().get("id").and_then(serde_json::Value::as_str),
    }
}

/// `POST /responses/input_tokens`: the token count of an input.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InputTokenCount {
    /// Always `response.input_tokens`.
    #[serde(default)]
    pub object: String,
    /// Number of input tokens.
    #[serde(default)]
    pub input_tokens: u64,
}

/// `POST /responses/compact`: the compacted conversation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CompactedResponse {
    /// Compaction id.
    #[serde(default)]
    pub id: String,
    /// Always `response.compaction`.
    #[serde(default)]
    pub object: String,
    /// The compacted items: pass them as the `input` of the next request.
    #[serde(default)]
    pub output: Vec<OutputItem>,
    /// Creation time, Unix seconds.
    #[serde(default)]
    pub created_at: u64,
    /// Token usage of the compaction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<ResponseUsage>,
}
