//! Assistants (Assistants API v2): the assistant object, its tools and tool resources, the
//! `tool_choice` and `response_format` options shared with runs, and the create/modify requests.
//!
//! The v1 `assistant.file` object is kept for servers and recordings that still speak v1.
//! Every wire enum and union here is open (see the crate docs).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::shared::{ListItem, Metadata};

/// The same types as chat completions use, re-exported here because assistants share the wire
/// shapes: function definitions, reasoning effort and the response format objects.
pub use crate::chat::{
    FunctionDefinition, FunctionName, JsonObjectFormat, JsonSchemaFormat, JsonSchemaSpec,
    ReasoningEffort, ResponseFormat, TextFormat,
};

/// Implements `Serialize`/`Deserialize` for a `{Mode(open string enum), Object(open union)}` pair:
/// JSON strings go to the first variant, objects to the second, anything else is an error.
macro_rules! string_or_object {
    ($name:ident { $mode:ident($mode_ty:ty), $object:ident($object_ty:ty) }) => {
        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    Self::$mode(value) => value.serialize(serializer),
                    Self::$object(value) => value.serialize(serializer),
                }
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let raw = serde_json::Value::deserialize(deserializer)?;
                match raw {
                    serde_json::Value::String(value) => {
                        Ok(Self::$mode(<$mode_ty>::from(value.as_str())))
                    }
                    serde_json::Value::Object(_) => <$object_ty>::deserialize(raw)
                        .map(Self::$object)
                        .map_err(serde::de::Error::custom),
                    _ => Err(serde::de::Error::custom(concat!(
                        "expected a string or an object for ",
                        stringify!($name)
                    ))),
                }
            }
        }
    };
}

/// An assistant (`object: "assistant"`): a model, instructions and tools that runs use.
///
/// ```
/// use openai_types::assistants::{Assistant, AssistantTool};
///
/// let a: Assistant = serde_json::from_str(r#"{
///     "id": "asst_1", "object": "assistant", "created_at": 1, "name": "Tutor",
///     "description": null, "model": "gpt-4o", "instructions": null,
///     "tools": [{"type": "code_interpreter"}], "metadata": {}
/// }"#).unwrap();
/// assert!(matches!(a.tools[0], AssistantTool::CodeInterpreter(_)));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Assistant {
    /// The assistant id (`asst_...`).
    pub id: String,
    /// Always `assistant`.
    #[serde(default = "assistant_object")]
    pub object: String,
    /// Creation time, Unix seconds.
    #[serde(default)]
    pub created_at: i64,
    /// Display name (up to 256 characters).
    #[serde(default)]
    pub name: Option<String>,
    /// Description (up to 512 characters).
    #[serde(default)]
    pub description: Option<String>,
    /// Model (or Azure deployment) the assistant uses.
    #[serde(default)]
    pub model: String,
    /// System instructions.
    #[serde(default)]
    pub instructions: Option<String>,
    /// Enabled tools (up to 128).
    #[serde(default)]
    pub tools: Vec<AssistantTool>,
    /// Files and vector stores the tools use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_resources: Option<ToolResources>,
    /// Caller-defined key/value pairs.
    #[serde(default)]
    pub metadata: Option<Metadata>,
    /// Sampling temperature (0..=2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temperature: Option<f64>,
    /// Nucleus sampling mass (0..=1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_p: Option<f64>,
    /// Output format: `"auto"` or a format object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_format: Option<AssistantResponseFormat>,
    /// Reasoning effort for reasoning models.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning_effort: Option<ReasoningEffort>,
    /// Assistants v1 only: attached file ids (v2 uses `tool_resources`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_ids: Option<Vec<String>>,
}

fn assistant_object() -> String {
    "assistant".to_owned()
}

impl ListItem for Assistant {
    fn list_id(&self) -> &str {
        &self.id
    }
}

tagged_enum! {
    /// A tool enabled on an assistant or a run.
    ///
    /// ```
    /// use openai_types::assistants::{AssistantTool, FunctionDefinition};
    ///
    /// let tools = [
    ///     AssistantTool::code_interpreter(),
    ///     AssistantTool::file_search(),
    ///     AssistantTool::function(FunctionDefinition::new("get_weather")),
    /// ];
    /// for tool in &tools {
    ///     match tool {
    ///         AssistantTool::Function(f) => println!("function {}", f.function.name),
    ///         other => println!("{} tool", other.kind()),
    ///     }
    /// }
    /// ```
    pub enum AssistantTool {
        /// Runs Python in a sandbox.
        CodeInterpreter(CodeInterpreterTool) = "code_interpreter",
        /// Searches the attached vector stores.
        FileSearch(FileSearchTool) = "file_search",
        /// A function the caller implements (the run stops with `requires_action`).
        Function(FunctionTool) = "function",
    }
}

impl AssistantTool {
    /// The code interpreter tool.
    pub fn code_interpreter() -> Self {
        Self::CodeInterpreter(CodeInterpreterTool::default())
    }

    /// The file search tool with service defaults.
    pub fn file_search() -> Self {
        Self::FileSearch(FileSearchTool::default())
    }

    /// A function tool.
    pub fn function(function: FunctionDefinition) -> Self {
        Self::Function(FunctionTool { function })
    }
}

/// The code interpreter tool (no options).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CodeInterpreterTool {}

/// The file search tool and its optional overrides.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FileSearchTool {
    /// Overrides of the search defaults.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_search: Option<FileSearchToolOptions>,
}

impl FileSearchTool {
    /// File search with these overrides.
    pub fn with_options(options: FileSearchToolOptions) -> Self {
        Self {
            file_search: Some(options),
        }
    }
}

/// Overrides for the file search tool.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FileSearchToolOptions {
    /// Maximum results to return (1..=50; default 20 for gpt-4* models).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_num_results: Option<u32>,
    /// Ranking settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ranking_options: Option<FileSearchRankingOptions>,
}

impl FileSearchToolOptions {
    /// No overrides.
    pub fn new() -> Self {
        Self::default()
    }
}

setters! {
    FileSearchToolOptions {
        copy max_num_results: u32,
        ranking_options: FileSearchRankingOptions,
    }
}

/// How file search ranks results. Also reported back in run step details.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FileSearchRankingOptions {
    /// The ranker (`auto` when unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ranker: Option<FileSearchRanker>,
    /// Minimum score (0..=1) of a result.
    #[serde(default)]
    pub score_threshold: f64,
}

impl FileSearchRankingOptions {
    /// Results scoring at least `score_threshold`, ranked by the default ranker.
    pub fn new(score_threshold: f64) -> Self {
        Self {
            ranker: None,
            score_threshold,
        }
    }
}

setters! {
    FileSearchRankingOptions {
        ranker: FileSearchRanker,
    }
}

string_enum! {
    /// The ranker used by file search.
    pub enum FileSearchRanker {
        /// The service picks.
        Auto = "auto",
        /// The ranker of 2024-08-21.
        Default20240821 = "default_2024_08_21",
    }
}

/// A function tool: the definition the model sees.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FunctionTool {
    /// The function.
    pub function: FunctionDefinition,
}

/// Files and vector stores made available to an assistant's, thread's or run's tools.
///
/// Used in responses and in requests; unset fields are omitted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ToolResources {
    /// Files for the code interpreter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_interpreter: Option<CodeInterpreterResources>,
    /// Vector stores for file search.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_search: Option<FileSearchResources>,
}

impl ToolResources {
    /// No resources.
    pub fn new() -> Self {
        Self::default()
    }
}

setters! {
    ToolResources {
        code_interpreter: CodeInterpreterResources,
        file_search: FileSearchResources,
    }
}

/// Files the code interpreter can read (up to 20).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CodeInterpreterResources {
    /// File ids.
    #[serde(default)]
    pub file_ids: Vec<String>,
}

impl CodeInterpreterResources {
    /// These files.
    pub fn new(file_ids: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Self {
            file_ids: file_ids.into_iter().map(Into::into).collect(),
        }
    }
}

/// Vector stores for file search: existing ids, or (in create requests) stores to create.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FileSearchResources {
    /// Ids of attached vector stores (at most 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vector_store_ids: Option<Vec<String>>,
    /// Create requests only: vector stores to create from files and attach (at most 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vector_stores: Option<Vec<NewVectorStore>>,
}

impl FileSearchResources {
    /// Attach existing vector stores.
    pub fn vector_store_ids(ids: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Self {
            vector_store_ids: Some(ids.into_iter().map(Into::into).collect()),
            vector_stores: None,
        }
    }

    /// Create vector stores and attach them.
    pub fn new_vector_stores(stores: impl IntoIterator<Item = NewVectorStore>) -> Self {
        Self {
            vector_store_ids: None,
            vector_stores: Some(stores.into_iter().collect()),
        }
    }
}

/// A vector store created together with an assistant or thread.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NewVectorStore {
    /// Files to add.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_ids: Option<Vec<String>>,
    /// How files are split into chunks (`auto` when unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chunking_strategy: Option<ChunkingStrategy>,
    /// Caller-defined key/value pairs for the store.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
}

impl NewVectorStore {
    /// A store holding these files.
    pub fn from_files(file_ids: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Self {
            file_ids: Some(file_ids.into_iter().map(Into::into).collect()),
            ..Self::default()
        }
    }
}

setters! {
    NewVectorStore {
        chunking_strategy: ChunkingStrategy,
        metadata: Metadata,
    }
}

tagged_enum! {
    /// How a vector store splits files into chunks.
    pub enum ChunkingStrategy {
        /// Service defaults (800-token chunks, 400 overlap).
        Auto(AutoChunking) = "auto",
        /// Fixed sizes.
        Static(StaticChunking) = "static",
    }
}

/// The `auto` chunking strategy (no options).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AutoChunking {}

/// The `static` chunking strategy.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StaticChunking {
    /// Chunk sizes (the wire field is `static`).
    #[serde(rename = "static")]
    pub config: StaticChunkingConfig,
}

/// Chunk sizes of the `static` strategy.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StaticChunkingConfig {
    /// Tokens per chunk (100..=4096).
    pub max_chunk_size_tokens: u32,
    /// Tokens shared by neighbouring chunks (at most half the chunk size).
    pub chunk_overlap_tokens: u32,
}

impl ChunkingStrategy {
    /// The `auto` strategy.
    pub fn auto() -> Self {
        Self::Auto(AutoChunking::default())
    }

    /// Fixed-size chunks.
    pub fn fixed(max_chunk_size_tokens: u32, chunk_overlap_tokens: u32) -> Self {
        Self::Static(StaticChunking {
            config: StaticChunkingConfig {
                max_chunk_size_tokens,
                chunk_overlap_tokens,
            },
        })
    }
}

string_enum! {
    /// The string form of `tool_choice`.
    pub enum ToolChoiceMode {
        /// Never call tools; write a message.
        None = "none",
        /// The model decides (the default).
        Auto = "auto",
        /// Call at least one tool before answering.
        Required = "required",
    }
}

/// Which tool, if any, a run must call: a mode string or one named tool.
///
/// ```
/// use openai_types::assistants::AssistantToolChoice;
///
/// let forced = AssistantToolChoice::function("get_weather");
/// assert_eq!(
///     serde_json::to_string(&forced).unwrap(),
///     r#"{"type":"function","function":{"name":"get_weather"}}"#
/// );
/// assert_eq!(serde_json::to_string(&AssistantToolChoice::auto()).unwrap(), r#""auto""#);
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum AssistantToolChoice {
    /// `"none"`, `"auto"`, `"required"` (or a newer mode string).
    Mode(ToolChoiceMode),
    /// `{"type": ...}` naming one tool.
    Tool(NamedToolChoice),
}

string_or_object!(AssistantToolChoice {
    Mode(ToolChoiceMode),
    Tool(NamedToolChoice)
});

impl AssistantToolChoice {
    /// `"none"`.
    pub fn none() -> Self {
        Self::Mode(ToolChoiceMode::None)
    }

    /// `"auto"`.
    pub fn auto() -> Self {
        Self::Mode(ToolChoiceMode::Auto)
    }

    /// `"required"`.
    pub fn required() -> Self {
        Self::Mode(ToolChoiceMode::Required)
    }

    /// Force the function called `name`.
    pub fn function(name: impl Into<String>) -> Self {
        Self::Tool(NamedToolChoice::Function(NamedFunctionChoice {
            function: FunctionName { name: name.into() },
        }))
    }

    /// Force the code interpreter.
    pub fn code_interpreter() -> Self {
        Self::Tool(NamedToolChoice::CodeInterpreter(
            CodeInterpreterChoice::default(),
        ))
    }

    /// Force file search.
    pub fn file_search() -> Self {
        Self::Tool(NamedToolChoice::FileSearch(FileSearchChoice::default()))
    }
}

tagged_enum! {
    /// One named tool the model must call.
    pub enum NamedToolChoice {
        /// A function, by name.
        Function(NamedFunctionChoice) = "function",
        /// The code interpreter.
        CodeInterpreter(CodeInterpreterChoice) = "code_interpreter",
        /// File search.
        FileSearch(FileSearchChoice) = "file_search",
    }
}

/// Payload of the `code_interpreter` tool choice (no fields).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CodeInterpreterChoice {}

/// Payload of the `file_search` tool choice (no fields).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FileSearchChoice {}

/// A forced function call.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NamedFunctionChoice {
    /// The function to call.
    pub function: FunctionName,
}

string_enum! {
    /// The string form of an assistants `response_format`.
    pub enum ResponseFormatMode {
        /// The model decides (the default).
        Auto = "auto",
    }
}

/// The output format of an assistant or run: `"auto"` or a format object.
///
/// ```
/// use openai_types::assistants::AssistantResponseFormat;
///
/// let f: AssistantResponseFormat = serde_json::from_str(r#""auto""#).unwrap();
/// assert_eq!(f, AssistantResponseFormat::auto());
/// let f: AssistantResponseFormat = serde_json::from_str(r#"{"type":"json_object"}"#).unwrap();
/// assert_eq!(f, AssistantResponseFormat::json_object());
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum AssistantResponseFormat {
    /// `"auto"` (or a newer mode string).
    Mode(ResponseFormatMode),
    /// `{"type": "text" | "json_object" | "json_schema", ...}`.
    Format(ResponseFormat),
}

string_or_object!(AssistantResponseFormat {
    Mode(ResponseFormatMode),
    Format(ResponseFormat)
});

impl AssistantResponseFormat {
    /// `"auto"`.
    pub fn auto() -> Self {
        Self::Mode(ResponseFormatMode::Auto)
    }

    /// `{"type": "text"}`.
    pub fn text() -> Self {
        Self::Format(ResponseFormat::Text(TextFormat::default()))
    }

    /// `{"type": "json_object"}` (JSON mode; instruct the model to write JSON too).
    pub fn json_object() -> Self {
        Self::Format(ResponseFormat::json_object())
    }

    /// `{"type": "json_schema", "json_schema": {"name", "schema", "strict": true}}` (Structured
    /// Outputs). Build a [`ResponseFormat`] yourself for other settings.
    pub fn json_schema(name: impl Into<String>, schema: serde_json::Value) -> Self {
        Self::Format(ResponseFormat::json_schema(name, schema))
    }
}

impl From<ResponseFormat> for AssistantResponseFormat {
    fn from(format: ResponseFormat) -> Self {
        Self::Format(format)
    }
}

/// Parameters for `POST /assistants`.
///
/// ```
/// use openai_types::assistants::{AssistantTool, CreateAssistantRequest};
///
/// let request = CreateAssistantRequest::new("gpt-4o")
///     .name("Math Tutor")
///     .instructions("Write and run code to answer math questions.")
///     .tools(vec![AssistantTool::code_interpreter()]);
/// assert_eq!(
///     serde_json::to_value(&request).unwrap()["tools"][0]["type"],
///     "code_interpreter"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreateAssistantRequest {
    /// Model (or Azure deployment) to use.
    pub model: String,
    /// Display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// System instructions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instructions: Option<String>,
    /// Reasoning effort (reasoning models).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reasoning_effort: Option<ReasoningEffort>,
    /// Tools to enable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tools: Option<Vec<AssistantTool>>,
    /// Files and vector stores for the tools.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tool_resources: Option<ToolResources>,
    /// Caller-defined key/value pairs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// Sampling temperature.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub temperature: Option<f64>,
    /// Nucleus sampling mass.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub top_p: Option<f64>,
    /// Output format.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_format: Option<AssistantResponseFormat>,
    /// Parameters this release does not model, sent as top-level fields (set with
    /// [`extra`](Self::extra); a `null` value sends an explicit `null`; do not repeat modeled
    /// fields).
    #[serde(flatten, default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl CreateAssistantRequest {
    /// An assistant on `model`; everything else optional.
    pub fn new(model: impl Into<String>) -> Self {
        Self {
            extra: serde_json::Map::new(),
            model: model.into(),
            name: None,
            description: None,
            instructions: None,
            reasoning_effort: None,
            tools: None,
            tool_resources: None,
            metadata: None,
            temperature: None,
            top_p: None,
            response_format: None,
        }
    }
}

setters! {
    CreateAssistantRequest {
        name: String,
        description: String,
        instructions: String,
        reasoning_effort: ReasoningEffort,
        tools: Vec<AssistantTool>,
        tool_resources: ToolResources,
        metadata: Metadata,
        temperature: f64,
        top_p: f64,
        response_format: AssistantResponseFormat,
    }
}

/// Parameters for `POST /assistants/{id}`: only the fields set are changed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ModifyAssistantRequest {
    /// New model.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// New reasoning effort.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reasoning_effort: Option<ReasoningEffort>,
    /// New name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// New instructions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instructions: Option<String>,
    /// Replaces the tool list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tools: Option<Vec<AssistantTool>>,
    /// Replaces the tool resources.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tool_resources: Option<ToolResources>,
    /// Replaces the metadata.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// New temperature.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub temperature: Option<f64>,
    /// New nucleus sampling mass.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub top_p: Option<f64>,
    /// New output format.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_format: Option<AssistantResponseFormat>,
    /// Parameters this release does not model, sent as top-level fields (set with
    /// [`extra`](Self::extra); a `null` value sends an explicit `null`; do not repeat modeled
    /// fields).
    #[serde(flatten, default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl ModifyAssistantRequest {
    /// A request that changes nothing yet.
    pub fn new() -> Self {
        Self::default()
    }
}

setters! {
    ModifyAssistantRequest {
        model: String,
        reasoning_effort: ReasoningEffort,
        name: String,
        description: String,
        instructions: String,
        tools: Vec<AssistantTool>,
        tool_resources: ToolResources,
        metadata: Metadata,
        temperature: f64,
        top_p: f64,
        response_format: AssistantResponseFormat,
    }
}

/// Assistants v1: a file attached to an assistant (`object: "assistant.file"`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AssistantFile {
    /// The file id.
    pub id: String,
    /// Always `assistant.file`.
    #[serde(default = "assistant_file_object")]
    pub object: String,
    /// Attach time, Unix seconds.
    #[serde(default)]
    pub created_at: i64,
    /// The assistant the file belongs to.
    #[serde(default)]
    pub assistant_id: String,
}

fn assistant_file_object() -> String {
    "assistant.file".to_owned()
}

impl ListItem for AssistantFile {
    fn list_id(&self) -> &str {
        &self.id
    }
}

/// Assistants v1: parameters for `POST /assistants/{id}/files`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreateAssistantFileRequest {
    /// The file to attach (purpose `assistants`).
    pub file_id: String,
    /// Parameters this release does not model, sent as top-level fields (set with
    /// [`extra`](Self::extra); a `null` value sends an explicit `null`; do not repeat modeled
    /// fields).
    #[serde(flatten, default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl CreateAssistantFileRequest {
    /// Attach `file_id`.
    pub fn new(file_id: impl Into<String>) -> Self {
        Self {
            extra: serde_json::Map::new(),
            file_id: file_id.into(),
        }
    }
}

crate::macros::extra_setter! { CreateAssistantRequest, ModifyAssistantRequest, CreateAssistantFileRequest }
