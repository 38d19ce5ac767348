//! The chat completion request and its option types.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::message::{ChatMessage, MessageContent};
use super::tool::{FunctionCallOption, FunctionDefinition, Tool, ToolChoice};
use crate::shared::Metadata;

/// Parameters for `POST /chat/completions`.
///
/// `stream` is not a field: the client's `create` and `create_stream` set it, so the two can never
/// disagree. Optional fields are omitted unless set. Parameters this release does not model can be
/// sent through [`extra`](Self::extra).
///
/// ```
/// use openai_types::chat::{ChatCompletionRequest, ChatMessage, ReasoningEffort, StreamOptions};
///
/// let request = ChatCompletionRequest::new("o3-mini", [ChatMessage::user("2+2?")])
///     .reasoning_effort(ReasoningEffort::Low)
///     .stop(["\n\n"])
///     .stream_options(StreamOptions::include_usage());
/// let json = serde_json::to_string(&request).unwrap();
/// assert_eq!(
///     json,
///     r#"{"model":"o3-mini","messages":[{"role":"user","content":"2+2?"}],"reasoning_effort":"low","stop":["\n\n"],"stream_options":{"include_usage":true}}"#
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ChatCompletionRequest {
    /// Model id (OpenAI) or deployment's model (Azure uses the deployment in the path).
    pub model: String,
    /// The conversation so far.
    pub messages: Vec<ChatMessage>,
    /// Audio output settings (with `modalities: ["text", "audio"]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audio: Option<AudioOutput>,
    /// -2.0..=2.0: penalize tokens by how often they already appeared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub frequency_penalty: Option<f64>,
    /// Legacy: how functions are called (use `tool_choice`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub function_call: Option<FunctionCallOption>,
    /// Legacy: functions the model may call (use `tools`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub functions: Option<Vec<FunctionDefinition>>,
    /// Token id (as a string) → bias in -100..=100.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logit_bias: Option<BTreeMap<String, i32>>,
    /// Return log probabilities of the output tokens.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logprobs: Option<bool>,
    /// Upper bound on generated tokens, reasoning tokens included.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_completion_tokens: Option<u32>,
    /// Legacy upper bound on generated tokens (not accepted by reasoning models).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_tokens: Option<u32>,
    /// Key/value pairs stored with the completion (with `store: true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// Output modalities (`text`, `audio`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modalities: Option<Vec<Modality>>,
    /// How many choices to generate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n: Option<u32>,
    /// Allow several tool calls in one turn.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parallel_tool_calls: Option<bool>,
    /// Predicted output, to speed up regeneration of mostly known text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prediction: Option<Prediction>,
    /// -2.0..=2.0: penalize tokens that already appeared at all.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub presence_penalty: Option<f64>,
    /// Groups requests sharing a prefix for better cache hits (replaces `user` for caching).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prompt_cache_key: Option<String>,
    /// Prompt cache retention policy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prompt_cache_retention: Option<PromptCacheRetention>,
    /// Reasoning effort for reasoning models.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reasoning_effort: Option<ReasoningEffort>,
    /// Output format: text, JSON object, or JSON matching a schema.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_format: Option<ResponseFormat>,
    /// A stable per-end-user id for abuse detection (replaces `user`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub safety_identifier: Option<String>,
    /// Best-effort determinism.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seed: Option<i64>,
    /// Processing tier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_tier: Option<ServiceTier>,
    /// Up to 4 sequences where generation stops.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stop: Option<StopSequences>,
    /// Store the completion for distillation/evals.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub store: Option<bool>,
    /// Streaming options (only meaningful for streamed calls).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stream_options: Option<StreamOptions>,
    /// 0.0..=2.0 sampling temperature.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub temperature: Option<f64>,
    /// Which tool the model calls.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tool_choice: Option<ToolChoice>,
    /// Tools the model may call.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tools: Option<Vec<Tool>>,
    /// 0..=20 most likely tokens to return per position (needs `logprobs: true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub top_logprobs: Option<u8>,
    /// Nucleus sampling mass.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub top_p: Option<f64>,
    /// Legacy end-user id (see `safety_identifier`, `prompt_cache_key`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Answer length for models that support it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verbosity: Option<Verbosity>,
    /// Web search settings (search-preview models).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub web_search_options: Option<WebSearchOptions>,
    /// Azure On Your Data: data sources to ground the answer in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_sources: Option<Vec<AzureDataSource>>,
    /// Parameters this release does not model, sent as top-level fields (set with
    /// [`extra`](Self::extra); a key here overrides nothing: do not repeat modeled fields).
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl ChatCompletionRequest {
    /// The two fields every request needs; everything else is optional.
    pub fn new(model: impl Into<String>, messages: impl IntoIterator<Item = ChatMessage>) -> Self {
        Self {
            model: model.into(),
            messages: messages.into_iter().collect(),
            audio: None,
            frequency_penalty: None,
            function_call: None,
            functions: None,
            logit_bias: None,
            logprobs: None,
            max_completion_tokens: None,
            max_tokens: None,
            metadata: None,
            modalities: None,
            n: None,
            parallel_tool_calls: None,
            prediction: None,
            presence_penalty: None,
            prompt_cache_key: None,
            prompt_cache_retention: None,
            reasoning_effort: None,
            response_format: None,
            safety_identifier: None,
            seed: None,
            service_tier: None,
            stop: None,
            store: None,
            stream_options: None,
            temperature: None,
            tool_choice: None,
            tools: None,
            top_logprobs: None,
            top_p: None,
            user: None,
            verbosity: None,
            web_search_options: None,
            data_sources: None,
            extra: serde_json::Map::new(),
        }
    }

    /// Appends a message.
    #[must_use]
    pub fn message(mut self, message: ChatMessage) -> Self {
        self.messages.push(message);
        self
    }

    /// Sets a parameter this release does not model (sent verbatim as a top-level field; an
    /// explicit `null` is sent as `null`).
    #[must_use]
    pub fn extra(mut self, key: impl Into<String>, value: serde_json::Value) -> Self {
        self.extra.insert(key.into(), value);
        self
    }
}

crate::macros::setters! { ChatCompletionRequest {
    audio: AudioOutput,
    frequency_penalty: f64,
    function_call: FunctionCallOption,
    functions: Vec<FunctionDefinition>,
    logit_bias: BTreeMap<String, i32>,
    logprobs: bool,
    copy max_completion_tokens: u32,
    copy max_tokens: u32,
    metadata: Metadata,
    modalities: Vec<Modality>,
    copy n: u32,
    parallel_tool_calls: bool,
    prediction: Prediction,
    presence_penalty: f64,
    prompt_cache_key: String,
    prompt_cache_retention: PromptCacheRetention,
    reasoning_effort: ReasoningEffort,
    response_format: ResponseFormat,
    safety_identifier: String,
    copy seed: i64,
    service_tier: ServiceTier,
    stop: StopSequences,
    store: bool,
    stream_options: StreamOptions,
    temperature: f64,
    tool_choice: ToolChoice,
    tools: Vec<Tool>,
    copy top_logprobs: u8,
    top_p: f64,
    user: String,
    verbosity: Verbosity,
    web_search_options: WebSearchOptions,
    data_sources: Vec<AzureDataSource>,
} }

string_enum! {
    /// Processing tier of a request (and the tier that actually served a response).
    pub enum ServiceTier {
        /// The project's default setting.
        Auto = "auto",
        /// Standard processing.
        Default = "default",
        /// Cheaper, slower, may be unavailable.
        Flex = "flex",
        /// Scale tier.
        Scale = "scale",
        /// Priority processing.
        Priority = "priority",
        /// Fast processing.
        Fast = "fast",
    }
}

string_enum! {
    /// How hard a reasoning model thinks.
    pub enum ReasoningEffort {
        /// No reasoning.
        None = "none",
        /// Minimal.
        Minimal = "minimal",
        /// Low.
        Low = "low",
        /// Medium (the usual default).
        Medium = "medium",
        /// High.
        High = "high",
        /// Extra high.
        XHigh = "xhigh",
        /// Maximum.
        Max = "max",
    }
}

string_enum! {
    /// Answer verbosity.
    pub enum Verbosity {
        /// Concise.
        Low = "low",
        /// Medium.
        Medium = "medium",
        /// Detailed.
        High = "high",
    }
}

string_enum! {
    /// An output modality.
    pub enum Modality {
        /// Text.
        Text = "text",
        /// Audio.
        Audio = "audio",
    }
}

string_enum! {
    /// A built-in voice for audio output.
    pub enum Voice {
        /// Alloy.
        Alloy = "alloy",
        /// Ash.
        Ash = "ash",
        /// Ballad.
        Ballad = "ballad",
        /// Coral.
        Coral = "coral",
        /// Echo.
        Echo = "echo",
        /// Fable.
        Fable = "fable",
        /// Nova.
        Nova = "nova",
        /// Onyx.
        Onyx = "onyx",
        /// Sage.
        Sage = "sage",
        /// Shimmer.
        Shimmer = "shimmer",
        /// Verse.
        Verse = "verse",
        /// Marin.
        Marin = "marin",
        /// Cedar.
        Cedar = "cedar",
    }
}

string_enum! {
    /// Encoding of audio output.
    pub enum AudioFormat {
        /// WAV.
        Wav = "wav",
        /// AAC.
        Aac = "aac",
        /// MP3.
        Mp3 = "mp3",
        /// FLAC.
        Flac = "flac",
        /// Opus.
        Opus = "opus",
        /// Raw 16-bit PCM.
        Pcm16 = "pcm16",
    }
}

string_enum! {
    /// Prompt cache retention policy.
    pub enum PromptCacheRetention {
        /// Keep cached prefixes in memory only.
        InMemory = "in_memory",
        /// Extended caching, up to 24 hours.
        Hours24 = "24h",
    }
}

string_enum! {
    /// How much web context a search-preview model retrieves.
    pub enum SearchContextSize {
        /// Least context.
        Low = "low",
        /// Default.
        Medium = "medium",
        /// Most context.
        High = "high",
    }
}

/// Audio output settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AudioOutput {
    /// Voice (a value this release does not know: `Voice::from("name")`).
    pub voice: Voice,
    /// Encoding.
    pub format: AudioFormat,
}

impl AudioOutput {
    /// Voice and encoding.
    pub fn new(voice: Voice, format: AudioFormat) -> Self {
        Self { voice, format }
    }
}

/// Where generation stops: one sequence or a list (at most 4).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum StopSequences {
    /// One sequence.
    One(String),
    /// Several sequences.
    Many(Vec<String>),
}

impl From<&str> for StopSequences {
    fn from(stop: &str) -> Self {
        Self::One(stop.to_owned())
    }
}

impl From<String> for StopSequences {
    fn from(stop: String) -> Self {
        Self::One(stop)
    }
}

impl From<Vec<String>> for StopSequences {
    fn from(stops: Vec<String>) -> Self {
        Self::Many(stops)
    }
}

impl<const N: usize> From<[&str; N]> for StopSequences {
    fn from(stops: [&str; N]) -> Self {
        Self::Many(stops.iter().map(|s| (*s).to_owned()).collect())
    }
}

/// Streaming options.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StreamOptions {
    /// Send a last chunk with `usage` and empty `choices`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_usage: Option<bool>,
    /// Pad chunks with an `obfuscation` field against side-channel attacks (default on; turn
    /// off to save bandwidth on trusted links). The padding is skipped when chunks are parsed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_obfuscation: Option<bool>,
}

impl StreamOptions {
    /// `{"include_usage": true}`: the final chunk carries the token usage.
    pub fn include_usage() -> Self {
        Self {
            include_usage: Some(true),
            include_obfuscation: None,
        }
    }
}

crate::macros::tagged_enum! {
    /// The output format.
    pub enum ResponseFormat {
        /// Free text (default).
        Text(TextFormat) = "text",
        /// Any valid JSON object (older JSON mode; tell the model to produce JSON).
        JsonObject(JsonObjectFormat) = "json_object",
        /// JSON matching a schema (structured outputs).
        JsonSchema(JsonSchemaFormat) = "json_schema",
    }
}

impl ResponseFormat {
    /// `{"type": "json_schema", "json_schema": {"name", "schema", "strict": true}}`.
    pub fn json_schema(name: impl Into<String>, schema: serde_json::Value) -> Self {
        Self::JsonSchema(JsonSchemaFormat {
            json_schema: JsonSchemaSpec {
                name: name.into(),
                description: None,
                schema: Some(schema),
                strict: Some(true),
            },
        })
    }

    /// `{"type": "json_object"}`.
    pub fn json_object() -> Self {
        Self::JsonObject(JsonObjectFormat {})
    }

    /// Sets the schema's `description` (what the output is for; the model reads it). Formats
    /// other than `json_schema` are returned unchanged.
    ///
    /// ```
    /// use openai_types::chat::ResponseFormat;
    /// use serde_json::json;
    ///
    /// let format = ResponseFormat::json_schema("city", json!({"type": "object"}))
    ///     .description("A city and its country")
    ///     .strict(false);
    /// assert_eq!(
    ///     serde_json::to_value(&format).unwrap(),
    ///     json!({"type": "json_schema", "json_schema": {"name": "city",
    ///         "description": "A city and its country", "schema": {"type": "object"}, "strict": false}})
    /// );
    /// ```
    #[must_use]
    pub fn description(mut self, description: impl Into<String>) -> Self {
        if let Self::JsonSchema(format) = &mut self {
            format.json_schema.description = Some(description.into());
        }
        self
    }

    /// Sets the schema's `strict` flag ([`json_schema`](Self::json_schema) starts `true`).
    /// Formats other than `json_schema` are returned unchanged.
    #[must_use]
    pub fn strict(mut self, strict: bool) -> Self {
        if let Self::JsonSchema(format) = &mut self {
            format.json_schema.strict = Some(strict);
        }
        self
    }
}

/// The (empty) payload of [`ResponseFormat::Text`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextFormat {}

/// The (empty) payload of [`ResponseFormat::JsonObject`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonObjectFormat {}

/// The payload of [`ResponseFormat::JsonSchema`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct JsonSchemaFormat {
    /// The schema and its settings.
    pub json_schema: JsonSchemaSpec,
}

/// A named JSON schema for structured outputs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct JsonSchemaSpec {
    /// Schema name.
    pub name: String,
    /// What the output is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The JSON Schema.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<serde_json::Value>,
    /// Enforce the schema exactly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strict: Option<bool>,
}

tagged_enum! {
    /// Predicted output.
    pub enum Prediction {
        /// Text the answer will mostly repeat.
        Content(PredictedContent) = "content",
    }
}

impl Prediction {
    /// Predicted text.
    pub fn content(content: impl Into<MessageContent>) -> Self {
        Self::Content(PredictedContent {
            content: content.into(),
        })
    }
}

/// The payload of [`Prediction::Content`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PredictedContent {
    /// Text or text parts.
    pub content: MessageContent,
}

/// Web search settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WebSearchOptions {
    /// Approximate user location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_location: Option<WebSearchUserLocation>,
    /// How much context to retrieve.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_context_size: Option<SearchContextSize>,
}

setters! { WebSearchOptions { user_location: WebSearchUserLocation, search_context_size: SearchContextSize } }

/// `{"type": "approximate", "approximate": {...}}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WebSearchUserLocation {
    /// Always `approximate` today.
    #[serde(rename = "type")]
    pub kind: String,
    /// The location.
    pub approximate: WebSearchLocation,
}

impl WebSearchUserLocation {
    /// An approximate location.
    pub fn approximate(location: WebSearchLocation) -> Self {
        Self {
            kind: "approximate".to_owned(),
            approximate: location,
        }
    }
}

/// An approximate location (all fields free text).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WebSearchLocation {
    /// ISO country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// IANA time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
}

setters! { WebSearchLocation { country: String, region: String, city: String, timezone: String } }

tagged_enum! {
    #[allow(clippy::large_enum_variant)] // built once per request; boxing would hurt ergonomics
    /// Azure On Your Data: a source the answer is grounded in (`data_sources[]`).
    pub enum AzureDataSource {
        /// An Azure AI Search index.
        AzureSearch(AzureSearchDataSource) = "azure_search",
        /// An Azure Cosmos DB for MongoDB vCore index.
        AzureCosmosDb(AzureCosmosDbDataSource) = "azure_cosmos_db",
    }
}

/// The payload of [`AzureDataSource::AzureSearch`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AzureSearchDataSource {
    /// Connection and retrieval settings.
    pub parameters: AzureSearchParameters,
}

impl AzureSearchDataSource {
    /// A search index with authentication.
    pub fn new(
        endpoint: impl Into<String>,
        index_name: impl Into<String>,
        authentication: OnYourDataAuthentication,
    ) -> Self {
        Self {
            parameters: AzureSearchParameters {
                endpoint: endpoint.into(),
                index_name: index_name.into(),
                authentication,
                top_n_documents: None,
                in_scope: None,
                strictness: None,
                role_information: None,
                query_type: None,
                semantic_configuration: None,
                filter: None,
                fields_mapping: None,
                embedding_dependency: None,
            },
        }
    }
}

/// Azure AI Search settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AzureSearchParameters {
    /// `https://<service>.search.windows.net`.
    pub endpoint: String,
    /// Index name.
    pub index_name: String,
    /// How Azure OpenAI authenticates to the index.
    pub authentication: OnYourDataAuthentication,
    /// Documents to retrieve.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_n_documents: Option<u32>,
    /// Answer only from the data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_scope: Option<bool>,
    /// 1..=5 relevance filter strictness.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strictness: Option<u8>,
    /// Instructions about the assistant's role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_information: Option<String>,
    /// `simple`, `semantic`, `vector`, `vector_simple_hybrid`, `vector_semantic_hybrid`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query_type: Option<String>,
    /// Semantic configuration name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub semantic_configuration: Option<String>,
    /// OData search filter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
    /// Index field mapping (free-form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields_mapping: Option<serde_json::Value>,
    /// Vectorization source (free-form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embedding_dependency: Option<serde_json::Value>,
}

/// The payload of [`AzureDataSource::AzureCosmosDb`]. Its parameters are kept as JSON: the
/// shape (database, container, index, field mapping, embedding dependency) changes between API
/// versions.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AzureCosmosDbDataSource {
    /// Connection and retrieval settings (contains a connection string: never logged).
    pub parameters: serde_json::Value,
}

impl AzureCosmosDbDataSource {
    /// Wraps the parameters object.
    pub fn new(parameters: serde_json::Value) -> Self {
        Self { parameters }
    }
}

impl fmt::Debug for AzureCosmosDbDataSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The parameters embed a connection string.
        f.debug_struct("AzureCosmosDbDataSource")
            .field("parameters", &"<redacted>")
            .finish()
    }
}

/// How Azure OpenAI authenticates to an On Your Data source. `Debug` never prints keys,
/// connection strings or tokens.
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub enum OnYourDataAuthentication {
    /// `{"type": "api_key", "key": ..}`.
    ApiKey(String),
    /// `{"type": "connection_string", "connection_string": ..}`.
    ConnectionString(String),
    /// `{"type": "system_assigned_managed_identity"}`.
    SystemAssignedManagedIdentity,
    /// `{"type": "user_assigned_managed_identity", "managed_identity_resource_id": ..}`.
    UserAssignedManagedIdentity(String),
    /// `{"type": "access_token", "access_token": ..}`.
    AccessToken(String),
    /// A method this release does not know, kept verbatim.
    Unknown(crate::UnknownObject),
}

impl fmt::Debug for OnYourDataAuthentication {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ApiKey(_) => f.write_str("ApiKey(<redacted>)"),
            Self::ConnectionString(_) => f.write_str("ConnectionString(<redacted>)"),
            Self::SystemAssignedManagedIdentity => f.write_str("SystemAssignedManagedIdentity"),
            Self::UserAssignedManagedIdentity(id) => f
                .debug_tuple("UserAssignedManagedIdentity")
                .field(id)
                .finish(),
            Self::AccessToken(_) => f.write_str("AccessToken(<redacted>)"),
            Self::Unknown(obj) => {
                write!(f, "Unknown({:?}, <redacted>)", obj.kind().unwrap_or(""))
            }
        }
    }
}

impl Serialize for OnYourDataAuthentication {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let (kind, field) = match self {
            Self::ApiKey(v) => ("api_key", Some(("key", v))),
            Self::ConnectionString(v) => ("connection_string", Some(("connection_string", v))),
            Self::SystemAssignedManagedIdentity => ("system_assigned_managed_identity", None),
            Self::UserAssignedManagedIdentity(v) => (
                "user_assigned_managed_identity",
                Some(("managed_identity_resource_id", v)),
            ),
            Self::AccessToken(v) => ("access_token", Some(("access_token", v))),
            Self::Unknown(obj) => return obj.serialize(serializer),
        };
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("type", kind)?;
        if let Some((name, value)) = field {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for OnYourDataAuthentication {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let raw = serde_json::Value::deserialize(deserializer)?;
        let text = |name: &str| -> Result<String, D::Error> {
            raw.get(name)
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned)
                .ok_or_else(|| D::Error::custom(format!("missing string field `{name}`")))
        };
        match raw.get("type").and_then(serde_json::Value::as_str) {
            Some("api_key") => text("key").map(Self::ApiKey),
            Some("connection_string") => text("connection_string").map(Self::ConnectionString),
            Some("system_assigned_managed_identity") => Ok(Self::SystemAssignedManagedIdentity),
            Some("user_assigned_managed_identity") => {
                text("managed_identity_resource_id").map(Self::UserAssignedManagedIdentity)
            }
            Some("access_token") => text("access_token").map(Self::AccessToken),
            _ if raw.is_object() => Ok(Self::Unknown(crate::UnknownObject::new(raw))),
            _ => Err(D::Error::custom(
                "expected a JSON object for OnYourDataAuthentication",
            )),
        }
    }
}
