//! Request and response options: usage, errors, reasoning and text settings, prompts, includes,
//! moderation and prompt caching.

use serde::{Deserialize, Serialize};

use super::*;

/// A detailed breakdown of the input tokens.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InputTokensDetails {
    /// The number of tokens that were retrieved from the cache.
    #[serde(default)]
    pub cached_tokens: u64,
    /// The number of input tokens that were written to the cache.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache_write_tokens: Option<u64>,
}

/// A detailed breakdown of the output tokens.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OutputTokensDetails {
    /// The number of reasoning tokens.
    #[serde(default)]
    pub reasoning_tokens: u64,
}

/// Represents token usage details including input tokens, output tokens, a breakdown of output tokens, and the total tokens used.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseUsage {
    /// The number of input tokens.
    #[serde(default)]
    pub input_tokens: u64,
    /// A detailed breakdown of the input tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_tokens_details: Option<InputTokensDetails>,
    /// The number of output tokens.
    #[serde(default)]
    pub output_tokens: u64,
    /// A detailed breakdown of the output tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_tokens_details: Option<OutputTokensDetails>,
    /// The total number of tokens used.
    #[serde(default)]
    pub total_tokens: u64,
}

string_enum! {
    /// The error code for the response.
    pub enum ResponseErrorCode {
        /// `server_error`.
        ServerError = "server_error",
        /// `rate_limit_exceeded`.
        RateLimitExceeded = "rate_limit_exceeded",
        /// `invalid_prompt`.
        InvalidPrompt = "invalid_prompt",
        /// `data_residency_mismatch`.
        DataResidencyMismatch = "data_residency_mismatch",
        /// `bio_policy`.
        BioPolicy = "bio_policy",
        /// `vector_store_timeout`.
        VectorStoreTimeout = "vector_store_timeout",
        /// `invalid_image`.
        InvalidImage = "invalid_image",
        /// `invalid_image_format`.
        InvalidImageFormat = "invalid_image_format",
        /// `invalid_base64_image`.
        InvalidBase64Image = "invalid_base64_image",
        /// `invalid_image_url`.
        InvalidImageUrl = "invalid_image_url",
        /// `image_too_large`.
        ImageTooLarge = "image_too_large",
        /// `image_too_small`.
        ImageTooSmall = "image_too_small",
        /// `image_parse_error`.
        ImageParseError = "image_parse_error",
        /// `image_content_policy_violation`.
        ImageContentPolicyViolation = "image_content_policy_violation",
        /// `invalid_image_mode`.
        InvalidImageMode = "invalid_image_mode",
        /// `image_file_too_large`.
        ImageFileTooLarge = "image_file_too_large",
        /// `unsupported_image_media_type`.
        UnsupportedImageMediaType = "unsupported_image_media_type",
        /// `empty_image_file`.
        EmptyImageFile = "empty_image_file",
        /// `failed_to_download_image`.
        FailedToDownloadImage = "failed_to_download_image",
        /// `image_file_not_found`.
        ImageFileNotFound = "image_file_not_found",
    }
}

/// An error object returned when the model fails to generate a Response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseError {
    /// The error code for the response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<ResponseErrorCode>,
    /// A human-readable description of the error.
    #[serde(default)]
    pub message: String,
}

string_enum! {
    /// A summary of the reasoning performed by the model.
    pub enum ReasoningSummary {
        /// `auto`.
        Auto = "auto",
        /// `concise`.
        Concise = "concise",
        /// `detailed`.
        Detailed = "detailed",
    }
}

string_enum! {
    /// Controls which reasoning items are rendered back to the model on later turns.
    pub enum ReasoningContext {
        /// `auto`.
        Auto = "auto",
        /// `current_turn`.
        CurrentTurn = "current_turn",
        /// `all_turns`.
        AllTurns = "all_turns",
    }
}

/// **gpt-5 and o-series models only** Configuration options for reasoning models.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Reasoning {
    /// Controls the reasoning execution mode for the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<serde_json::Value>,
    /// How hard the model thinks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effort: Option<ReasoningEffort>,
    /// A summary of the reasoning performed by the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<ReasoningSummary>,
    /// Controls which reasoning items are rendered back to the model on later turns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<ReasoningContext>,
    /// **Deprecated:** use `summary` instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generate_summary: Option<ReasoningSummary>,
}

/// Default response format.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TextFormatText {}

/// JSON Schema response format.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct JsonSchemaFormat {
    /// A description of what the response format is for, used by the model to determine how to respond in the format.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The name of the response format.
    #[serde(default)]
    pub name: String,
    /// The schema for the response format, described as a JSON Schema object.
    #[serde(default)]
    pub schema: serde_json::Value,
    /// Whether to enable strict schema adherence when generating the output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strict: Option<bool>,
}

/// JSON object response format.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct JsonObjectFormat {}

tagged_enum! {
    /// An object specifying the format that the model must output.
    pub enum TextFormat {
        /// `text`.
        Text(TextFormatText) = "text",
        /// `json_schema`.
        JsonSchema(JsonSchemaFormat) = "json_schema",
        /// `json_object`.
        JsonObject(JsonObjectFormat) = "json_object",
    }
}

/// Configuration options for a text response from the model.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TextConfig {
    /// An object specifying the format that the model must output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<TextFormat>,
    /// Answer length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verbosity: Option<Verbosity>,
}

/// Reference to a prompt template and its variables.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Prompt {
    /// The unique identifier of the prompt template to use.
    #[serde(default)]
    pub id: String,
    /// Optional version of the prompt template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Values substituted into the template: strings, or input text/image/file parts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variables: Option<serde_json::Map<String, serde_json::Value>>,
}

/// Options for streaming responses.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StreamOptions {
    /// When true, stream obfuscation will be enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_obfuscation: Option<bool>,
}

string_enum! {
    /// Specify additional output data to include in the model response.
    pub enum Include {
        /// `file_search_call.results`.
        FileSearchCallResults = "file_search_call.results",
        /// `web_search_call.results`.
        WebSearchCallResults = "web_search_call.results",
        /// `web_search_call.action.sources`.
        WebSearchCallActionSources = "web_search_call.action.sources",
        /// `message.input_image.image_url`.
        MessageInputImageImageUrl = "message.input_image.image_url",
        /// `computer_call_output.output.image_url`.
        ComputerCallOutputOutputImageUrl = "computer_call_output.output.image_url",
        /// `code_interpreter_call.outputs`.
        CodeInterpreterCallOutputs = "code_interpreter_call.outputs",
        /// `reasoning.encrypted_content`.
        ReasoningEncryptedContent = "reasoning.encrypted_content",
        /// `message.output_text.logprobs`.
        MessageOutputTextLogprobs = "message.output_text.logprobs",
    }
}

string_enum! {
    /// How moderation results are used.
    pub enum ModerationMode {
        /// `score`.
        Score = "score",
        /// `block`.
        Block = "block",
    }
}

/// The moderation policy for the response input.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ModerationConfigParam {
    /// How the moderation results are used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<ModerationMode>,
}

/// The policy to apply to moderated response input and output.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ModerationPolicyParam {
    /// The moderation policy for the response input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<ModerationConfigParam>,
    /// The moderation policy for the response output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<ModerationConfigParam>,
}

/// Configuration for running moderation on the input and output of this response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ModerationParam {
    /// The moderation model to use for moderated completions, e.g.
    #[serde(default)]
    pub model: String,
    /// The policy to apply to moderated response input and output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<ModerationPolicyParam>,
}

/// A moderation result produced for the response input or output.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ModerationResultBody {
    /// The moderation model that produced this result.
    #[serde(default)]
    pub model: String,
    /// A boolean indicating whether the content was flagged by any category.
    #[serde(default)]
    pub flagged: bool,
    /// A dictionary of moderation categories to booleans, True if the input is flagged under this category.
    #[serde(default)]
    pub categories: serde_json::Value,
    /// A dictionary of moderation categories to scores.
    #[serde(default)]
    pub category_scores: serde_json::Value,
    /// Which modalities of input are reflected by the score for each category.
    #[serde(default)]
    pub category_applied_input_types: serde_json::Value,
}

/// An error produced while attempting moderation for the response input or output.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ModerationErrorBody {
    /// The error code.
    #[serde(default)]
    pub code: String,
    /// The error message.
    #[serde(default)]
    pub message: String,
}

tagged_enum! {
    /// Moderation for the response input.
    pub enum ModerationInput {
        /// `moderation_result`.
        ModerationResult(ModerationResultBody) = "moderation_result",
        /// `error`.
        Error(ModerationErrorBody) = "error",
    }
}

tagged_enum! {
    /// Moderation for the response output.
    pub enum ModerationOutput {
        /// `moderation_result`.
        ModerationResult(ModerationResultBody) = "moderation_result",
        /// `error`.
        Error(ModerationErrorBody) = "error",
    }
}

/// Moderation results or errors for the response input and output.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Moderation {
    /// Moderation for the response input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<ModerationInput>,
    /// Moderation for the response output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<ModerationOutput>,
}

/// A context management strategy (`type`) and its settings.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ContextManagementParam {
    /// The strategy (`compaction`, ...); the wire field is `type`.
    #[serde(rename = "type", default)]
    pub kind: String,
    /// Token threshold at which compaction should be triggered for this entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compact_threshold: Option<u64>,
}

string_enum! {
    /// How long cached prompt prefixes are kept.
    pub enum PromptCacheTtl {
        /// `30m`.
        V30m = "30m",
    }
}

string_enum! {
    /// How prompt caching is applied.
    pub enum PromptCacheMode {
        /// `implicit`.
        Implicit = "implicit",
        /// `explicit`.
        Explicit = "explicit",
    }
}

/// The prompt-caching options that were applied to the response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PromptCacheOptions {
    /// The minimum lifetime applied to each cache breakpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttl: Option<PromptCacheTtl>,
    /// Whether implicit prompt-cache breakpoints were enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<PromptCacheMode>,
}

/// Options for prompt caching.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PromptCacheOptionsParam {
    /// The minimum lifetime applied to every implicit and explicit cache breakpoint written by the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttl: Option<PromptCacheTtl>,
    /// Controls whether OpenAI automatically creates an implicit cache breakpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<PromptCacheMode>,
}
