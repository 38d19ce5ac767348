//! One event of a streamed chat completion (`object: "chat.completion.chunk"`).

use std::borrow::Cow;

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
/// Not kept: the random `obfuscation` padding the service adds to each chunk (it carries no
/// information, so it is skipped while parsing instead of being copied into a `String` per
/// chunk). The large, rarely present parts (`usage`, log probabilities, filter results, audio,
/// Azure context) are boxed so a chunk stays small to build and move.
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
    #[serde(default, deserialize_with = "crate::shared::object_name::deserialize")]
    pub object: Cow<'static, str>,
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
    pub usage: Option<Box<CompletionUsage>>,
    /// Backend configuration fingerprint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system_fingerprint: Option<String>,
    /// The tier that served the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_tier: Option<ServiceTier>,
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
    pub logprobs: Option<Box<ChoiceLogprobs>>,
    /// Azure: content filter results so far.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_filter_results: Option<Box<ContentFilterResults>>,
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
    pub function_call: Option<Box<FunctionCallDelta>>,
    /// Audio fragment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio: Option<Box<AudioDelta>>,
    /// Citations (web search).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotations: Option<Vec<Annotation>>,
    /// Azure On Your Data context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Box<AzureMessageContext>>,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chat::{ChatCompletion, ChatCompletionMessage, Choice};

    /// Chunks are built and moved once per streamed event: keep them small (the rare, large
    /// parts are boxed). Before boxing: chunk 384, choice 680, delta 328, message 320 bytes;
    /// after: 184, 192, 144, 144 (a completion keeps its usage inline: one per request).
    #[test]
    fn hot_types_stay_small() {
        use std::mem::size_of;
        let sizes = [
            ("ChatCompletionChunk", size_of::<ChatCompletionChunk>(), 200),
            ("ChunkChoice", size_of::<ChunkChoice>(), 224),
            ("ChunkDelta", size_of::<ChunkDelta>(), 160),
            ("ChatCompletion", size_of::<ChatCompletion>(), 400),
            ("Choice", size_of::<Choice>(), 224),
            (
                "ChatCompletionMessage",
                size_of::<ChatCompletionMessage>(),
                160,
            ),
        ];
        for (name, size, limit) in sizes {
            assert!(size <= limit, "{name} is {size} bytes (limit {limit})");
        }
    }

    #[test]
    fn obfuscation_padding_is_skipped_and_object_borrows() {
        let chunk: ChatCompletionChunk = serde_json::from_str(
            r#"{"id":"c","object":"chat.completion.chunk","created":1,"model":"m",
                "choices":[],"obfuscation":"k2Zp"}"#,
        )
        .unwrap();
        assert!(matches!(chunk.object, std::borrow::Cow::Borrowed(_)));
        let again = serde_json::to_value(&chunk).unwrap();
        assert!(again.get("obfuscation").is_none());
    }
}
