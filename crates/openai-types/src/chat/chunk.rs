//! One event of a streamed chat completion (`object: "chat.completion.chunk"`).

use serde::{Deserialize, Serialize};

use super::request::ServiceTier;
use super::response::{Annotation, AzureMessageContext, ChatRole, ChoiceLogprobs, FinishReason};
use super::tool::{FunctionCallDelta, ToolCallDelta};
use crate::shared::{CompletionUsage, ContentFilterResults, PromptFilterResult};

/// A streamed chat completion chunk.
///
/// Shapes to expect besides ordinary deltas: a last chunk with `choices: []` and `usage`
/// (`stream_options.include_usage`), and on Azure a first chunk with empty `id`/`model`, no
/// choices and `prompt_filter_results`, plus trailing chunks whose choices have no `delta` but
/// carry `content_filter_results`. Every field therefore defaults when absent.
///
/// ```
/// use openai_types::chat::ChatCompletionChunk;
///
/// let data = r#"{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m",
///   "choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}"#;
/// let chunk: ChatCompletionChunk = serde_json::from_str(data).unwrap();
/// assert_eq!(chunk.delta_text(), Some("Hel"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ChatCompletionChunk {
    /// Completion id (same on every chunk; empty on Azure filter chunks).
    #[serde(default)]
    pub id: String,
    /// `chat.completion.chunk` (empty on Azure filter chunks).
    #[serde(default)]
    pub object: String,
    /// Unix seconds.
    #[serde(default)]
    pub created: u64,
    /// The model.
    #[serde(default)]
    pub model: String,
    /// Choice deltas; empty on usage-only and prompt-filter chunks.
    #[serde(default)]
    pub choices: Vec<ChunkChoice>,
    /// Token usage (last chunk, with `include_usage`; `null` on the others).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<CompletionUsage>,
    /// Backend configuration fingerprint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system_fingerprint: Option<String>,
    /// The tier that served the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_tier: Option<ServiceTier>,
    /// Random padding against length side channels; carries no information.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub obfuscation: Option<String>,
    /// Azure: content filter results for the prompt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_filter_results: Option<Vec<PromptFilterResult>>,
}

impl ChatCompletionChunk {
    /// The choice with `index`, if this chunk has it.
    pub fn choice(&self, index: u32) -> Option<&ChunkChoice> {
        self.choices.iter().find(|c| c.index == index)
    }

    /// The content fragment of choice 0.
    pub fn delta_text(&self) -> Option<&str> {
        self.choice(0)?.delta_text()
    }

    /// The refusal fragment of choice 0.
    pub fn delta_refusal(&self) -> Option<&str> {
        self.choice(0)?.delta.as_ref()?.refusal.as_deref()
    }

    /// The finish reason of choice 0, on the chunk that ends it.
    pub fn finish_reason(&self) -> Option<&FinishReason> {
        self.choice(0)?.finish_reason.as_ref()
    }

    /// Whether this is an Azure annotation-only chunk (empty `id`): prompt filter results or
    /// asynchronous output filter results, with no text.
    pub fn is_azure_filter_chunk(&self) -> bool {
        self.id.is_empty() && self.choices.iter().all(|c| c.delta.is_none())
    }
}

/// One choice's part of a chunk.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ChunkChoice {
    /// Which choice this continues.
    #[serde(default)]
    pub index: u32,
    /// The new fragment; absent on Azure's trailing content-filter chunks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delta: Option<ChunkDelta>,
    /// Set on the chunk that ends this choice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finish_reason: Option<FinishReason>,
    /// Log probabilities of this fragment's tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logprobs: Option<ChoiceLogprobs>,
    /// Azure: content filter results so far.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_filter_results: Option<ContentFilterResults>,
}

impl ChunkChoice {
    /// The content fragment.
    pub fn delta_text(&self) -> Option<&str> {
        self.delta.as_ref()?.content.as_deref()
    }
}

/// The fragment of the message carried by one chunk.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ChunkDelta {
    /// The role (first chunk).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<ChatRole>,
    /// Next piece of text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// Next piece of a refusal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refusal: Option<String>,
    /// Tool call fragments, keyed by their `index`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_calls: Option<Vec<ToolCallDelta>>,
    /// Legacy function call fragment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub function_call: Option<FunctionCallDelta>,
    /// Audio fragment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio: Option<AudioDelta>,
    /// Citations (web search).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotations: Option<Vec<Annotation>>,
    /// Azure On Your Data context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<AzureMessageContext>,
}

/// A fragment of audio output.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AudioDelta {
    /// Audio id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Next piece of base64 audio.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<String>,
    /// Next piece of the transcript.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transcript: Option<String>,
    /// Expiry of the audio id (unix seconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<u64>,
}
