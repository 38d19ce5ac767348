//! The non-streamed chat completion.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::message::ChatMessage;
use super::request::ServiceTier;
use super::tool::{FunctionCall, ToolCall};
use crate::shared::{CompletionUsage, ContentFilterResults, Metadata, PromptFilterResult};

/// A chat completion (`object: "chat.completion"`).
///
/// ```
/// use openai_types::chat::ChatCompletion;
///
/// let body = r#"{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o",
///   "choices":[{"index":0,"message":{"role":"assistant","content":"Hi!"},"finish_reason":"stop"}]}"#;
/// let completion: ChatCompletion = serde_json::from_str(body).unwrap();
/// assert_eq!(completion.first_content(), Some("Hi!"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ChatCompletion {
    /// Completion id.
    #[serde(default)]
    pub id: String,
    /// Always `chat.completion`.
    #[serde(default, deserialize_with = "crate::shared::object_name::deserialize")]
    pub object: Cow<'static, str>,
    /// Unix seconds.
    #[serde(default)]
    pub created: u64,
    /// The model that answered.
    #[serde(default)]
    pub model: String,
    /// One choice per `n`.
    #[serde(default)]
    pub choices: Vec<Choice>,
    /// Token usage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<CompletionUsage>,
    /// Backend configuration fingerprint (deprecated by OpenAI, still sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system_fingerprint: Option<String>,
    /// The tier that served the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_tier: Option<ServiceTier>,
    /// Metadata stored with the completion (stored completions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// Azure: content filter results for the prompt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_filter_results: Option<Vec<PromptFilterResult>>,
}

impl ChatCompletion {
    /// The choice with `index == 0` (not necessarily `choices[0]`).
    pub fn first_choice(&self) -> Option<&Choice> {
        self.choices.iter().find(|c| c.index == 0)
    }

    /// The message of the first choice (absent when, on Azure, the content filter blocked it).
    pub fn first_message(&self) -> Option<&ChatCompletionMessage> {
        self.first_choice()?.message.as_ref()
    }

    /// The first choice's message as the assistant message of the next request: content (or
    /// `null` when the turn only called tools), refusal, tool calls, legacy function call and
    /// audio reference. Push it onto the history, then answer each tool call.
    ///
    /// ```
    /// use openai_types::chat::{ChatCompletion, ChatMessage};
    ///
    /// let body = r#"{"id":"c","object":"chat.completion","created":1,"model":"m","choices":[
    ///   {"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,
    ///    "tool_calls":[{"id":"call_1","type":"function",
    ///                   "function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]}}]}"#;
    /// let completion: ChatCompletion = serde_json::from_str(body).unwrap();
    ///
    /// let mut history = vec![ChatMessage::user("Weather in Paris?")];
    /// history.extend(completion.assistant_message());
    /// for call in completion.first_tool_calls() {
    ///     if let Some((id, name, arguments)) = call.function_parts() {
    ///         assert_eq!((name, arguments), ("get_weather", r#"{"city":"Paris"}"#));
    ///         history.push(ChatMessage::tool(id, "21°C, sunny"));
    ///     }
    /// }
    /// assert_eq!(
    ///     serde_json::to_value(&history[1]).unwrap(),
    ///     serde_json::json!({"role": "assistant", "content": null, "tool_calls": [{"id": "call_1",
    ///         "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}}]})
    /// );
    /// ```
    pub fn assistant_message(&self) -> Option<ChatMessage> {
        self.first_message().cloned().map(ChatMessage::from)
    }

    /// The text of the first choice, if it has any.
    pub fn first_content(&self) -> Option<&str> {
        self.first_choice()?.message.as_ref()?.content.as_deref()
    }

    /// The refusal of the first choice, if the model refused.
    pub fn first_refusal(&self) -> Option<&str> {
        self.first_choice()?.message.as_ref()?.refusal.as_deref()
    }

    /// The tool calls of the first choice (empty if none).
    pub fn first_tool_calls(&self) -> &[ToolCall] {
        self.first_choice()
            .and_then(|c| c.message.as_ref())
            .and_then(|m| m.tool_calls.as_deref())
            .unwrap_or(&[])
    }
}

/// One answer of a chat completion.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Choice {
    /// Position among the `n` choices.
    #[serde(default)]
    pub index: u32,
    /// The answer. Azure omits it when the content filter blocked the output
    /// (`finish_reason: "content_filter"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<ChatCompletionMessage>,
    /// Why generation stopped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finish_reason: Option<FinishReason>,
    /// Token log probabilities (with `logprobs: true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logprobs: Option<Box<ChoiceLogprobs>>,
    /// Azure: content filter results for this output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_filter_results: Option<Box<ContentFilterResults>>,
}

string_enum! {
    /// Why the model stopped generating.
    ///
    /// ```
    /// use openai_types::chat::FinishReason;
    ///
    /// fn describe(reason: &FinishReason) -> &'static str {
    ///     match reason {
    ///         FinishReason::Stop => "done",
    ///         FinishReason::Length => "truncated",
    ///         other => match other.as_str() {
    ///             "some_future_reason" => "new",
    ///             _ => "other",
    ///         },
    ///     }
    /// }
    /// assert_eq!(describe(&FinishReason::from("length")), "truncated");
    /// ```
    pub enum FinishReason {
        /// Natural end or a stop sequence.
        Stop = "stop",
        /// `max_tokens`/`max_completion_tokens` or the context limit.
        Length = "length",
        /// The model called tools.
        ToolCalls = "tool_calls",
        /// Output omitted by a content filter.
        ContentFilter = "content_filter",
        /// Legacy: the model called a function.
        FunctionCall = "function_call",
    }
}

string_enum! {
    /// The author of a message.
    pub enum ChatRole {
        /// Developer instructions.
        Developer = "developer",
        /// System instructions.
        System = "system",
        /// The end user.
        User = "user",
        /// The model.
        Assistant = "assistant",
        /// A tool result.
        Tool = "tool",
        /// Legacy function result.
        Function = "function",
    }
}

impl Default for ChatRole {
    /// `assistant`: the only role a response message has.
    fn default() -> Self {
        Self::Assistant
    }
}

/// The model's message in a completion.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ChatCompletionMessage {
    /// Always `assistant`.
    #[serde(default)]
    pub role: ChatRole,
    /// The text (absent or null when the model only called tools or refused).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// The refusal message, if the model refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refusal: Option<String>,
    /// Tool calls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_calls: Option<Vec<ToolCall>>,
    /// Citations (web search).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotations: Option<Vec<Annotation>>,
    /// Legacy function call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub function_call: Option<Box<FunctionCall>>,
    /// Audio output (with the `audio` modality).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio: Option<Box<MessageAudio>>,
    /// Azure On Your Data: citations and the detected intent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Box<AzureMessageContext>>,
}

/// Audio produced by the model.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MessageAudio {
    /// Id to reference this audio in later turns.
    #[serde(default)]
    pub id: String,
    /// Unix seconds after which the id can no longer be referenced.
    #[serde(default)]
    pub expires_at: u64,
    /// Base64 audio in the requested format.
    #[serde(default)]
    pub data: String,
    /// Transcript of the audio.
    #[serde(default)]
    pub transcript: String,
}

tagged_enum! {
    /// An annotation on the message text.
    pub enum Annotation {
        /// A web citation.
        UrlCitation(UrlCitationAnnotation) = "url_citation",
    }
}

/// The payload of [`Annotation::UrlCitation`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UrlCitationAnnotation {
    /// The citation.
    pub url_citation: UrlCitation,
}

/// A cited web page and the text range citing it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UrlCitation {
    /// First character of the citing text.
    #[serde(default)]
    pub start_index: u32,
    /// One past the last character.
    #[serde(default)]
    pub end_index: u32,
    /// Page URL.
    #[serde(default)]
    pub url: String,
    /// Page title.
    #[serde(default)]
    pub title: String,
}

/// Azure On Your Data context on an assistant message.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AzureMessageContext {
    /// Retrieved documents used for the answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citations: Option<Vec<DataSourceCitation>>,
    /// The detected intent (a JSON-encoded list of queries), to pass to the next turn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intent: Option<String>,
    /// Retrieved documents with their filter reasons (when `include_contexts` asks for them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all_retrieved_documents: Option<Vec<serde_json::Value>>,
}

/// A document cited by an On Your Data answer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DataSourceCitation {
    /// Document content.
    #[serde(default)]
    pub content: String,
    /// Title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// File path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filepath: Option<String>,
    /// Chunk id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chunk_id: Option<String>,
}

/// Log probabilities of a choice's tokens.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ChoiceLogprobs {
    /// Per content token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<Vec<TokenLogprob>>,
    /// Per refusal token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refusal: Option<Vec<TokenLogprob>>,
}

/// One output token with its log probability and the most likely alternatives.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TokenLogprob {
    /// The token.
    #[serde(default)]
    pub token: String,
    /// Its log probability.
    #[serde(default)]
    pub logprob: f64,
    /// UTF-8 bytes of the token (tokens can split characters); null for special tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bytes: Option<Vec<u8>>,
    /// The `top_logprobs` most likely tokens at this position.
    #[serde(default)]
    pub top_logprobs: Vec<TopLogprob>,
}

/// An alternative token at one position.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TopLogprob {
    /// The token.
    #[serde(default)]
    pub token: String,
    /// Its log probability.
    #[serde(default)]
    pub logprob: f64,
    /// UTF-8 bytes of the token; null for special tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bytes: Option<Vec<u8>>,
}
