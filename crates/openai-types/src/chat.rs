//! Chat completions: `POST /chat/completions` (OpenAI) and
//! `POST /openai/deployments/{deployment}/chat/completions` (Azure).
//!
//! - [`ChatCompletionRequest`]: what to send (no `stream` field: the client method decides).
//! - [`ChatCompletion`]: the non-streamed answer; [`ChatCompletionChunk`]: one streamed event.
//! - [`ChatCompletionAccumulator`]: folds chunks into the [`ChatCompletion`] they describe.
//!
//! ```
//! use openai_types::chat::{ChatCompletionRequest, ChatMessage};
//!
//! let request = ChatCompletionRequest::new(
//!     "gpt-4o-mini",
//!     [ChatMessage::system("Be brief."), ChatMessage::user("Hi")],
//! )
//! .temperature(0.2)
//! .max_completion_tokens(256u32);
//! let json = serde_json::to_value(&request).unwrap();
//! assert_eq!(json["messages"][1]["role"], "user");
//! assert!(json.get("stream").is_none());
//! ```

mod accumulate;
mod chunk;
mod message;
mod request;
mod response;
mod tool;

pub use accumulate::{AccumulateError, ChatCompletionAccumulator};
pub use chunk::{AudioDelta, ChatCompletionChunk, ChunkChoice, ChunkDelta};
pub use message::{
    AssistantAudioRef, AssistantMessage, ChatMessage, ContentPart, DeveloperMessage, FileInput,
    FilePart, FunctionMessage, ImageDetail, ImageUrl, ImageUrlPart, InputAudio, InputAudioFormat,
    InputAudioPart, MessageContent, RefusalPart, SystemMessage, TextPart, ToolMessage, UserMessage,
};
pub use request::{
    AudioFormat, AudioOutput, AzureCosmosDbDataSource, AzureDataSource, AzureSearchDataSource,
    AzureSearchParameters, ChatCompletionRequest, JsonObjectFormat, JsonSchemaFormat,
    JsonSchemaSpec, Modality, OnYourDataAuthentication, PredictedContent, Prediction,
    PromptCacheRetention, ReasoningEffort, ResponseFormat, SearchContextSize, ServiceTier,
    StopSequences, StreamOptions, TextFormat, Verbosity, Voice, WebSearchLocation,
    WebSearchOptions, WebSearchUserLocation,
};
pub use response::{
    Annotation, AzureMessageContext, ChatCompletion, ChatCompletionMessage, ChatRole, Choice,
    ChoiceLogprobs, DataSourceCitation, FinishReason, MessageAudio, TokenLogprob, TopLogprob,
    UrlCitation, UrlCitationAnnotation,
};
pub use tool::{
    AllowedTools, AllowedToolsChoice, AllowedToolsMode, CustomCall, CustomCallDelta, CustomTool,
    CustomToolCall, CustomToolDefinition, CustomToolFormat, FunctionCall, FunctionCallDelta,
    FunctionCallMode, FunctionCallOption, FunctionDefinition, FunctionName, FunctionTool,
    FunctionToolCall, Grammar, GrammarFormat, GrammarSyntax, NamedCustom, NamedFunction,
    NamedToolChoice, Tool, ToolCall, ToolCallDelta, ToolCallType, ToolChoice, ToolChoiceMode,
};

use serde::{Deserialize, Serialize};

/// An object with no fields besides its `type` tag (`{"type": "text"}`), used as the payload of
/// such union members.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmptyObject {}
