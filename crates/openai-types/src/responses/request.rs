//! The request bodies of the Responses API.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::*;

/// Parameters for `POST /responses`.
///
/// Optional fields are omitted unless set. Parameters this release does not model can be sent
/// through [`extra`](Self::extra).
///
/// ```
/// use openai_types::responses::{Include, Reasoning, ReasoningEffort, ResponseCreateRequest, TextConfig, TextFormat};
///
/// let request = ResponseCreateRequest::new("o4-mini", "Solve 2x+1=5")
///     .reasoning(Reasoning::effort(ReasoningEffort::Low))
///     .include([Include::ReasoningEncryptedContent])
///     .store(false)
///     .text(TextConfig::format(TextFormat::json_schema(
///         "answer",
///         serde_json::json!({"type": "object", "properties": {"x": {"type": "number"}}}),
///     )));
/// let json = serde_json::to_value(&request).unwrap();
/// assert_eq!(json["reasoning"]["effort"], "low");
/// assert_eq!(json["text"]["format"]["type"], "json_schema");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseCreateRequest {
    /// Model id (OpenAI) or deployment name (Azure).
    pub model: String,
    /// A string (one user message) or a list of items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<ResponseInput>,
    /// System (developer) instructions; not carried over by `previous_response_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructions: Option<String>,
    /// Tools the model may use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tools: Option<Vec<Tool>>,
    /// Which tool the model uses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_choice: Option<ToolChoice>,
    /// Allow several tool calls in one turn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parallel_tool_calls: Option<bool>,
    /// Upper bound on generated tokens, reasoning tokens included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_output_tokens: Option<u64>,
    /// Upper bound on built-in tool calls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_tool_calls: Option<u64>,
    /// 0.0..=2.0 sampling temperature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temperature: Option<f64>,
    /// Nucleus sampling mass.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_p: Option<f64>,
    /// 0..=20 most likely tokens to return per position.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_logprobs: Option<u8>,
    /// Text output settings: format (text, JSON object, JSON schema) and verbosity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<TextConfig>,
    /// Reasoning settings (effort, summary).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<Reasoning>,
    /// What to do when the input exceeds the context window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub truncation: Option<Truncation>,
    /// Store the response for later retrieval (the service default is `true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store: Option<bool>,
    /// Run in the background (poll with `GET /responses/{id}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background: Option<bool>,
    /// Continue from this response (its output becomes part of the context).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_response_id: Option<String>,
    /// The conversation this response belongs to: items are read from and added to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation: Option<ConversationRef>,
    /// Additional output data to include.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include: Option<Vec<Include>>,
    /// Key/value pairs attached to the response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// A prompt template and its variables.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt: Option<Prompt>,
    /// Groups requests sharing a prefix for better cache hits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_cache_key: Option<String>,
    /// Prompt cache retention policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_cache_retention: Option<PromptCacheRetention>,
    /// Prompt cache options (time to live, mode).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_cache_options: Option<PromptCacheOptionsParam>,
    /// Moderate the input and output with this moderation model and policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moderation: Option<ModerationParam>,
    /// Context management strategies (such as automatic compaction).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context_management: Option<Vec<ContextManagementParam>>,
    /// A stable per-end-user id for abuse detection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safety_identifier: Option<String>,
    /// Processing tier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_tier: Option<ServiceTier>,
    /// Stream the response as server-sent events (usually set by the client method).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream: Option<bool>,
    /// Streaming options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream_options: Option<StreamOptions>,
    /// Legacy end-user id (see `safety_identifier`, `prompt_cache_key`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Parameters this release does not model, sent as top-level fields (set with
    /// [`extra`](Self::extra); do not repeat modeled fields here).
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl ResponseCreateRequest {
    /// The model and the input; everything else is optional.
    pub fn new(model: impl Into<String>, input: impl Into<ResponseInput>) -> Self {
        Self {
            model: model.into(),
            input: Some(input.into()),
            instructions: None,
            tools: None,
            tool_choice: None,
            parallel_tool_calls: None,
            max_output_tokens: None,
            max_tool_calls: None,
            temperature: None,
            top_p: None,
            top_logprobs: None,
            text: None,
            reasoning: None,
            truncation: None,
            store: None,
            background: None,
            previous_response_id: None,
            conversation: None,
            include: None,
            metadata: None,
            prompt: None,
            prompt_cache_key: None,
            prompt_cache_retention: None,
            prompt_cache_options: None,
            moderation: None,
            context_management: None,
            safety_identifier: None,
            service_tier: None,
            stream: None,
            stream_options: None,
            user: None,
            extra: serde_json::Map::new(),
        }
    }

    /// Appends an input item (a string input becomes a user message first).
    #[must_use]
    pub fn item(mut self, item: impl Into<InputItem>) -> Self {
        let items = match self.input.take() {
            None => Vec::new(),
            Some(ResponseInput::Items(items)) => items,
            Some(ResponseInput::Text(text)) => vec![InputItem::user(text)],
        };
        let mut items = items;
        items.push(item.into());
        self.input = Some(ResponseInput::Items(items));
        self
    }

    /// Appends a tool.
    #[must_use]
    pub fn tool(mut self, tool: impl Into<Tool>) -> Self {
        self.tools.get_or_insert_with(Vec::new).push(tool.into());
        self
    }

    /// Sets the tools.
    #[must_use]
    pub fn tools(mut self, tools: impl IntoIterator<Item = Tool>) -> Self {
        self.tools = Some(tools.into_iter().collect());
        self
    }

    /// Sets the extra output data to include.
    #[must_use]
    pub fn include(mut self, include: impl IntoIterator<Item = Include>) -> Self {
        self.include = Some(include.into_iter().collect());
        self
    }

    /// Sets a parameter this release does not model (sent verbatim as a top-level field).
    #[must_use]
    pub fn extra(mut self, key: impl Into<String>, value: serde_json::Value) -> Self {
        self.extra.insert(key.into(), value);
        self
    }
}

setters! { ResponseCreateRequest {
    input: ResponseInput,
    instructions: String,
    tool_choice: ToolChoice,
    parallel_tool_calls: bool,
    copy max_output_tokens: u64,
    copy max_tool_calls: u64,
    temperature: f64,
    top_p: f64,
    copy top_logprobs: u8,
    text: TextConfig,
    reasoning: Reasoning,
    truncation: Truncation,
    store: bool,
    background: bool,
    previous_response_id: String,
    conversation: ConversationRef,
    metadata: Metadata,
    prompt: Prompt,
    prompt_cache_key: String,
    prompt_cache_retention: PromptCacheRetention,
    prompt_cache_options: PromptCacheOptionsParam,
    moderation: ModerationParam,
    context_management: Vec<ContextManagementParam>,
    safety_identifier: String,
    service_tier: ServiceTier,
    stream: bool,
    stream_options: StreamOptions,
    user: String,
} }

/// The `conversation` of a request: a conversation id, or `{"id": ...}`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConversationRef {
    /// The id as a bare string (what this SDK sends).
    Id(String),
    /// The id inside an object.
    Object(ResponseConversation),
}

impl ConversationRef {
    /// The conversation id.
    pub fn id(&self) -> &str {
        match self {
            Self::Id(id) => id,
            Self::Object(object) => &object.id,
        }
    }
}

impl From<&str> for ConversationRef {
    fn from(id: &str) -> Self {
        Self::Id(id.to_owned())
    }
}

impl From<String> for ConversationRef {
    fn from(id: String) -> Self {
        Self::Id(id)
    }
}

impl Serialize for ConversationRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Id(id) => serializer.serialize_str(id),
            Self::Object(object) => object.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for ConversationRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::String(id) => Ok(Self::Id(id)),
            value @ serde_json::Value::Object(_) => serde_json::from_value(value)
                .map(Self::Object)
                .map_err(D::Error::custom),
            _ => Err(D::Error::custom("expected a conversation id or object")),
        }
    }
}

impl Reasoning {
    /// Reasoning settings with only an effort.
    pub fn effort(effort: ReasoningEffort) -> Self {
        Self {
            effort: Some(effort),
            ..Self::default()
        }
    }

    /// Adds a reasoning summary setting.
    #[must_use]
    pub fn with_summary(mut self, summary: ReasoningSummary) -> Self {
        self.summary = Some(summary);
        self
    }
}

impl TextConfig {
    /// Text settings with only an output format.
    pub fn format(format: TextFormat) -> Self {
        Self {
            format: Some(format),
            verbosity: None,
        }
    }

    /// Text settings with only a verbosity.
    pub fn verbosity(verbosity: Verbosity) -> Self {
        Self {
            format: None,
            verbosity: Some(verbosity),
        }
    }

    /// Adds a verbosity.
    #[must_use]
    pub fn with_verbosity(mut self, verbosity: Verbosity) -> Self {
        self.verbosity = Some(verbosity);
        self
    }
}

impl TextFormat {
    /// Plain text output (the default).
    pub fn text() -> Self {
        Self::Text(TextFormatText::default())
    }

    /// Any valid JSON object (mention JSON in the instructions).
    pub fn json_object() -> Self {
        Self::JsonObject(JsonObjectFormat::default())
    }

    /// JSON matching `schema`, with strict adherence.
    pub fn json_schema(name: impl Into<String>, schema: serde_json::Value) -> Self {
        Self::JsonSchema(JsonSchemaFormat::new(name, schema).strict(true))
    }

    /// Sets the schema's `description` (what the output is for; the model reads it). Formats
    /// other than `json_schema` are returned unchanged.
    ///
    /// ```
    /// use openai_types::responses::TextFormat;
    /// use serde_json::json;
    ///
    /// let format = TextFormat::json_schema("city", json!({"type": "object"}))
    ///     .description("A city and its country")
    ///     .strict(false);
    /// let json = serde_json::to_value(&format).unwrap();
    /// assert_eq!((json["description"].as_str(), json["strict"].as_bool()), (Some("A city and its country"), Some(false)));
    /// ```
    #[must_use]
    pub fn description(mut self, description: impl Into<String>) -> Self {
        if let Self::JsonSchema(format) = &mut self {
            format.description = Some(description.into());
        }
        self
    }

    /// Sets the schema's `strict` flag ([`json_schema`](Self::json_schema) starts `true`).
    /// Formats other than `json_schema` are returned unchanged.
    #[must_use]
    pub fn strict(mut self, strict: bool) -> Self {
        if let Self::JsonSchema(format) = &mut self {
            format.strict = Some(strict);
        }
        self
    }
}

impl JsonSchemaFormat {
    /// A named schema (strictness unset: the service default applies).
    pub fn new(name: impl Into<String>, schema: serde_json::Value) -> Self {
        Self {
            description: None,
            name: name.into(),
            schema,
            strict: None,
        }
    }
}

setters! { JsonSchemaFormat { description: String, strict: bool } }

impl Prompt {
    /// A prompt template by id (latest version, no variables).
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            version: None,
            variables: None,
        }
    }

    /// Sets one template variable (a string, or an input text/image/file part as JSON).
    #[must_use]
    pub fn variable(
        mut self,
        name: impl Into<String>,
        value: impl Into<serde_json::Value>,
    ) -> Self {
        self.variables
            .get_or_insert_with(serde_json::Map::new)
            .insert(name.into(), value.into());
        self
    }
}

setters! { Prompt { version: String } }

/// Parameters for `POST /responses/input_tokens`: counts the input tokens a request would use.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InputTokenCountRequest {
    /// Model id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// The input to count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<ResponseInput>,
    /// Instructions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructions: Option<String>,
    /// Count on top of this response's context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_response_id: Option<String>,
    /// Count on top of this conversation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation: Option<ConversationRef>,
    /// Tools.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tools: Option<Vec<Tool>>,
    /// Tool choice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_choice: Option<ToolChoice>,
    /// Parallel tool calls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parallel_tool_calls: Option<bool>,
    /// Text settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<TextConfig>,
    /// Reasoning settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<Reasoning>,
    /// Truncation strategy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub truncation: Option<Truncation>,
    /// Parameters this release does not model.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl InputTokenCountRequest {
    /// A count of `input` for `model`.
    pub fn new(model: impl Into<String>, input: impl Into<ResponseInput>) -> Self {
        Self {
            model: Some(model.into()),
            input: Some(input.into()),
            ..Self::default()
        }
    }
}

setters! { InputTokenCountRequest {
    instructions: String,
    previous_response_id: String,
    conversation: ConversationRef,
    tools: Vec<Tool>,
    tool_choice: ToolChoice,
    parallel_tool_calls: bool,
    text: TextConfig,
    reasoning: Reasoning,
    truncation: Truncation,
} }

/// Parameters for `POST /responses/compact`: compacts a long conversation into fewer items.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CompactRequest {
    /// Model id.
    pub model: String,
    /// The conversation to compact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<ResponseInput>,
    /// Compact this response's context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_response_id: Option<String>,
    /// Instructions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructions: Option<String>,
    /// Prompt cache key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_cache_key: Option<String>,
    /// Prompt cache retention policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_cache_retention: Option<PromptCacheRetention>,
    /// Processing tier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_tier: Option<ServiceTier>,
    /// Parameters this release does not model.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl CompactRequest {
    /// Compacts `input` with `model`.
    pub fn new(model: impl Into<String>, input: impl Into<ResponseInput>) -> Self {
        Self {
            model: model.into(),
            input: Some(input.into()),
            ..Self::default()
        }
    }
}

setters! { CompactRequest {
    previous_response_id: String,
    instructions: String,
    prompt_cache_key: String,
    prompt_cache_retention: PromptCacheRetention,
    service_tier: ServiceTier,
} }

impl StreamOptions {
    /// Turns the random `obfuscation` padding of stream events on or off (off saves bandwidth
    /// on trusted networks).
    pub fn include_obfuscation(include: bool) -> Self {
        Self {
            include_obfuscation: Some(include),
        }
    }
}

impl ContextManagementParam {
    /// Automatic compaction once the context reaches `compact_threshold` tokens.
    pub fn compaction(compact_threshold: u64) -> Self {
        Self {
            kind: "compaction".to_owned(),
            compact_threshold: Some(compact_threshold),
        }
    }
}

impl ModerationParam {
    /// Moderation with this model (`omni-moderation-latest`, ...) and the default policy.
    pub fn new(model: impl Into<String>) -> Self {
        Self {
            model: model.into(),
            policy: None,
        }
    }
}

/// Query parameters of `GET /responses/{id}`.
///
/// ```
/// use openai_types::responses::{Include, ResponseRetrieveParams};
///
/// let query = ResponseRetrieveParams::new()
///     .include([Include::FileSearchCallResults])
///     .stream(true)
///     .starting_after(41)
///     .to_query();
/// assert_eq!(
///     query,
///     vec![
///         ("include[]", "file_search_call.results".to_owned()),
///         ("stream", "true".to_owned()),
///         ("starting_after", "41".to_owned()),
///     ]
/// );
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResponseRetrieveParams {
    /// Additional output data to include.
    pub include: Vec<Include>,
    /// Stream the response (a background response still being generated) as events.
    pub stream: Option<bool>,
    /// When streaming, resume after the event with this `sequence_number`.
    pub starting_after: Option<u64>,
    /// When streaming, whether delta events carry `obfuscation` padding.
    pub include_obfuscation: Option<bool>,
}

impl ResponseRetrieveParams {
    /// No parameters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the additional output data to include.
    #[must_use]
    pub fn include(mut self, include: impl IntoIterator<Item = Include>) -> Self {
        self.include = include.into_iter().collect();
        self
    }

    /// The query pairs, in a stable order, skipping unset fields. Lists repeat the key with
    /// brackets (`include[]=a&include[]=b`), as the official SDKs send them.
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut query: Vec<(&'static str, String)> = self
            .include
            .iter()
            .map(|include| ("include[]", include.as_str().to_owned()))
            .collect();
        if let Some(stream) = self.stream {
            query.push(("stream", stream.to_string()));
        }
        if let Some(starting_after) = self.starting_after {
            query.push(("starting_after", starting_after.to_string()));
        }
        if let Some(include_obfuscation) = self.include_obfuscation {
            query.push(("include_obfuscation", include_obfuscation.to_string()));
        }
        query
    }
}

setters! { ResponseRetrieveParams {
    copy stream: bool,
    copy starting_after: u64,
    copy include_obfuscation: bool,
} }

/// Query parameters of the item lists: `GET /responses/{id}/input_items` and
/// `GET /conversations/{id}/items`.
///
/// ```
/// use openai_types::responses::{Include, ItemListParams};
/// use openai_types::shared::SortOrder;
///
/// let params = ItemListParams::new().limit(50).order(SortOrder::Asc).include([Include::ReasoningEncryptedContent]);
/// let next = params.next_page("msg_9");
/// assert_eq!(
///     next.to_query(),
///     vec![
///         ("limit", "50".to_owned()),
///         ("order", "asc".to_owned()),
///         ("after", "msg_9".to_owned()),
///         ("include[]", "reasoning.encrypted_content".to_owned()),
///     ]
/// );
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ItemListParams {
    /// Page size (1..=100; the service default is 20).
    pub limit: Option<u32>,
    /// Sort order.
    pub order: Option<crate::shared::SortOrder>,
    /// Return items after this id.
    pub after: Option<String>,
    /// Additional output data to include.
    pub include: Vec<Include>,
}

impl ItemListParams {
    /// No parameters: the service defaults apply.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the additional output data to include.
    #[must_use]
    pub fn include(mut self, include: impl IntoIterator<Item = Include>) -> Self {
        self.include = include.into_iter().collect();
        self
    }

    /// The parameters of the next page: the same settings, `after` set to the cursor (see
    /// [`ListPage::next_cursor`](crate::shared::ListPage::next_cursor)).
    #[must_use]
    pub fn next_page(&self, after: impl Into<String>) -> Self {
        Self {
            after: Some(after.into()),
            ..self.clone()
        }
    }

    /// The query pairs, in a stable order, skipping unset fields (`include[]` repeated).
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut query = Vec::with_capacity(3 + self.include.len());
        if let Some(limit) = self.limit {
            query.push(("limit", limit.to_string()));
        }
        if let Some(order) = &self.order {
            query.push(("order", order.as_str().to_owned()));
        }
        if let Some(after) = &self.after {
            query.push(("after", after.clone()));
        }
        query.extend(
            self.include
                .iter()
                .map(|include| ("include[]", include.as_str().to_owned())),
        );
        query
    }
}

setters! { ItemListParams {
    copy limit: u32,
    order: crate::shared::SortOrder,
    after: String,
} }
