//! The tools a response may use, and `tool_choice`.

use serde::{Deserialize, Serialize};

use super::*;

string_enum! {
    /// Who may call a tool: the model directly, or programs it writes.
    pub enum CallableToolAllowedCaller {
        /// `direct`.
        Direct = "direct",
        /// `programmatic`.
        Programmatic = "programmatic",
    }
}

/// Defines a function in your own code the model can choose to call.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FunctionTool {
    /// The name of the function to call.
    #[serde(default)]
    pub name: String,
    /// A description of the function.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// A JSON schema object describing the parameters of the function.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameters: Option<serde_json::Value>,
    /// A JSON schema object describing the JSON value encoded in string outputs for this function.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_schema: Option<serde_json::Value>,
    /// Whether strict parameter validation is enforced for this function tool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strict: Option<bool>,
    /// Whether this function is deferred and loaded via tool search.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub defer_loading: Option<bool>,
    /// The tool invocation context(s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_callers: Option<Vec<CallableToolAllowedCaller>>,
}

string_enum! {
    /// The file search ranker.
    pub enum RankerVersionType {
        /// `auto`.
        Auto = "auto",
        /// `default-2024-11-15`.
        Default20241115 = "default-2024-11-15",
    }
}

/// Weights of hybrid (semantic plus keyword) file search.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HybridSearchOptions {
    /// The weight of the embedding in the reciprocal ranking fusion.
    #[serde(default)]
    pub embedding_weight: f64,
    /// The weight of the text in the reciprocal ranking fusion.
    #[serde(default)]
    pub text_weight: f64,
}

/// Ranking options of the file search tool.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RankingOptions {
    /// The ranker to use for the file search.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ranker: Option<RankerVersionType>,
    /// The score threshold for the file search, a number between 0 and 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score_threshold: Option<f64>,
    /// Weights that control how reciprocal rank fusion balances semantic embedding matches versus sparse keyword matches when hybrid search is enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hybrid_search: Option<HybridSearchOptions>,
}

/// A tool that searches for relevant content from uploaded files.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FileSearchTool {
    /// The IDs of the vector stores to search.
    #[serde(default)]
    pub vector_store_ids: Vec<String>,
    /// The maximum number of results to return.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_num_results: Option<u64>,
    /// Ranking options for search.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ranking_options: Option<RankingOptions>,
    /// A filter to apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filters: Option<serde_json::Value>,
}

/// A tool that controls a virtual computer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ComputerTool {}

string_enum! {
    /// The environment of a computer use tool.
    pub enum ComputerEnvironment {
        /// `windows`.
        Windows = "windows",
        /// `mac`.
        Mac = "mac",
        /// `linux`.
        Linux = "linux",
        /// `ubuntu`.
        Ubuntu = "ubuntu",
        /// `browser`.
        Browser = "browser",
    }
}

/// A tool that controls a virtual computer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ComputerUsePreviewTool {
    /// The type of computer environment to control.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<ComputerEnvironment>,
    /// The width of the computer display.
    #[serde(default)]
    pub display_width: u64,
    /// The height of the computer display.
    #[serde(default)]
    pub display_height: u64,
}

/// Filters for the search.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WebSearchToolFilters {
    /// Allowed domains for the search.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_domains: Option<Vec<String>>,
}

/// The approximate location of the user.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WebSearchApproximateLocation {
    /// The two-letter ISO country code of the user, e.g.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Free text input for the region of the user, e.g.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Free text input for the city of the user, e.g.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// The IANA timezone of the user, e.g.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// Always `approximate`; the wire field is `type`.
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "type")]
    pub kind: Option<String>,
}

string_enum! {
    /// High level guidance for the amount of context window space to use for the search.
    pub enum SearchContextSize {
        /// `low`.
        Low = "low",
        /// `medium`.
        Medium = "medium",
        /// `high`.
        High = "high",
    }
}

/// Search the Internet for sources related to the prompt.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WebSearchTool {
    /// Allow live internet access for web search.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_web_access: Option<bool>,
    /// Filters for the search.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filters: Option<WebSearchToolFilters>,
    /// The approximate location of the user, to localize results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_location: Option<WebSearchApproximateLocation>,
    /// High level guidance for the amount of context window space to use for the search.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_context_size: Option<SearchContextSize>,
    /// Content types to search (`text`, `image`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_content_types: Option<Vec<SearchContentType>>,
    /// How many tokens of search results to return to the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_token_budget: Option<String>,
}

string_enum! {
    /// Identifier for service connectors, like those available in ChatGPT.
    pub enum McpConnectorId {
        /// `connector_dropbox`.
        ConnectorDropbox = "connector_dropbox",
        /// `connector_gmail`.
        ConnectorGmail = "connector_gmail",
        /// `connector_googlecalendar`.
        ConnectorGooglecalendar = "connector_googlecalendar",
        /// `connector_googledrive`.
        ConnectorGoogledrive = "connector_googledrive",
        /// `connector_microsoftteams`.
        ConnectorMicrosoftteams = "connector_microsoftteams",
        /// `connector_outlookcalendar`.
        ConnectorOutlookcalendar = "connector_outlookcalendar",
        /// `connector_outlookemail`.
        ConnectorOutlookemail = "connector_outlookemail",
        /// `connector_sharepoint`.
        ConnectorSharepoint = "connector_sharepoint",
    }
}

/// Give the model access to additional tools via remote Model Context Protocol (MCP) servers.
///
/// `authorization` and `headers` carry credentials: `Debug` shows only whether they are set
/// (and the header names), never their values.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct McpTool {
    /// A label for this MCP server, used to identify it in tool calls.
    #[serde(default)]
    pub server_label: String,
    /// The URL for the MCP server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_url: Option<String>,
    /// Identifier for service connectors, like those available in ChatGPT.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connector_id: Option<McpConnectorId>,
    /// The Secure MCP Tunnel ID to use instead of a direct server URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tunnel_id: Option<String>,
    /// An OAuth access token that can be used with a remote MCP server, either with a custom MCP server URL or a service connector.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorization: Option<String>,
    /// Optional description of the MCP server, used to provide more context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_description: Option<String>,
    /// Optional HTTP headers to send to the MCP server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<BTreeMap<String, String>>,
    /// List of allowed tool names or a filter object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_tools: Option<serde_json::Value>,
    /// The tool invocation context(s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_callers: Option<Vec<CallableToolAllowedCaller>>,
    /// Specify which of the MCP server's tools require approval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub require_approval: Option<serde_json::Value>,
    /// Whether this MCP tool is deferred and discovered via tool search.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub defer_loading: Option<bool>,
}

/// A tool that runs Python code to help generate a response to a prompt.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CodeInterpreterTool {
    /// The container: an existing container id, or one created automatically.
    #[serde(default)]
    pub container: CodeInterpreterContainer,
    /// The tool invocation context(s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_callers: Option<Vec<CallableToolAllowedCaller>>,
}

/// Lets the model write programs that call tools.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProgrammaticToolCallingTool {}

string_enum! {
    /// The quality of the generated image.
    pub enum ImageGenerationQuality {
        /// `low`.
        Low = "low",
        /// `medium`.
        Medium = "medium",
        /// `high`.
        High = "high",
        /// `auto`.
        Auto = "auto",
    }
}

string_enum! {
    /// The output format of the generated image.
    pub enum ImageGenerationOutputFormat {
        /// `png`.
        Png = "png",
        /// `webp`.
        Webp = "webp",
        /// `jpeg`.
        Jpeg = "jpeg",
    }
}

string_enum! {
    /// Moderation level for the generated image.
    pub enum ImageGenerationModeration {
        /// `auto`.
        Auto = "auto",
        /// `low`.
        Low = "low",
    }
}

string_enum! {
    /// Set the background of the generated image.
    pub enum ImageGenerationBackground {
        /// `transparent`.
        Transparent = "transparent",
        /// `opaque`.
        Opaque = "opaque",
        /// `auto`.
        Auto = "auto",
    }
}

string_enum! {
    /// Control how much effort the model will exert to match the style and features, especially facial features, of input images.
    pub enum InputFidelity {
        /// `high`.
        High = "high",
        /// `low`.
        Low = "low",
    }
}

/// Optional mask for inpainting.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImageGenerationMask {
    /// Base64-encoded mask image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
    /// File ID for the mask image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_id: Option<String>,
}

string_enum! {
    /// Whether the image generation tool generates or edits.
    pub enum ImageGenerationAction {
        /// `generate`.
        Generate = "generate",
        /// `edit`.
        Edit = "edit",
        /// `auto`.
        Auto = "auto",
    }
}

/// A tool that generates images using the GPT image models.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImageGenerationTool {
    /// The image model (`gpt-image-1`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// The quality of the generated image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality: Option<ImageGenerationQuality>,
    /// The size of the generated images.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<String>,
    /// The output format of the generated image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_format: Option<ImageGenerationOutputFormat>,
    /// Compression level for the output image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_compression: Option<u64>,
    /// Moderation level for the generated image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moderation: Option<ImageGenerationModeration>,
    /// Set the background of the generated image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background: Option<ImageGenerationBackground>,
    /// Control how much effort the model will exert to match the style and features, especially facial features, of input images.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_fidelity: Option<InputFidelity>,
    /// Optional mask for inpainting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_image_mask: Option<ImageGenerationMask>,
    /// Number of partial images to generate in streaming mode, from 0 (default value) to 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial_images: Option<u64>,
    /// Whether to generate a new image or edit an existing image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<ImageGenerationAction>,
    /// Number of images to generate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n: Option<u64>,
}

/// A tool that allows the model to execute shell commands in a local environment.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LocalShellTool {}

string_enum! {
    /// Memory limit of a container.
    pub enum ContainerMemoryLimit {
        /// `1g`.
        V1g = "1g",
        /// `4g`.
        V4g = "4g",
        /// `16g`.
        V16g = "16g",
        /// `64g`.
        V64g = "64g",
    }
}

/// No network access from the container.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ContainerNetworkDisabled {}

/// A secret injected for requests to one domain.
///
/// `Debug` never shows `value`.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ContainerDomainSecret {
    /// The domain associated with the secret.
    #[serde(default)]
    pub domain: String,
    /// The name of the secret to inject for the domain.
    #[serde(default)]
    pub name: String,
    /// The secret value to inject for the domain.
    #[serde(default)]
    pub value: String,
}

/// Network access restricted to listed domains.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ContainerNetworkAllowlist {
    /// A list of allowed domains when type is `allowlist`.
    #[serde(default)]
    pub allowed_domains: Vec<String>,
    /// Optional domain-scoped secrets for allowlisted domains.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_secrets: Option<Vec<ContainerDomainSecret>>,
}

tagged_enum! {
    /// Network access policy for the container.
    pub enum ContainerNetworkPolicy {
        /// `disabled`.
        Disabled(ContainerNetworkDisabled) = "disabled",
        /// `allowlist`.
        Allowlist(ContainerNetworkAllowlist) = "allowlist",
    }
}

/// A stored skill, by id.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SkillReference {
    /// The ID of the referenced skill.
    #[serde(default)]
    pub skill_id: String,
    /// Optional skill version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

string_enum! {
    /// The media type of the inline skill payload.
    pub enum InlineSkillMediaType {
        /// `application/zip`.
        ApplicationZip = "application/zip",
    }
}

/// Inline skill payload
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InlineSkillSource {
    /// Always `base64`; the wire field is `type`.
    #[serde(rename = "type", default = "kind_base64")]
    pub kind: String,
    /// The media type of the inline skill payload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<InlineSkillMediaType>,
    /// Base64-encoded skill zip bundle.
    #[serde(default)]
    pub data: String,
}

impl Default for InlineSkillSource {
    fn default() -> Self {
        Self {
            kind: kind_base64(),
            media_type: Default::default(),
            data: Default::default(),
        }
    }
}

fn kind_base64() -> String {
    "base64".to_owned()
}

/// A skill given inline.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InlineSkill {
    /// The name of the skill.
    #[serde(default)]
    pub name: String,
    /// The description of the skill.
    #[serde(default)]
    pub description: String,
    /// Inline skill payload
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<InlineSkillSource>,
}

tagged_enum! {
    /// The `skill` of ContainerAuto.
    pub enum ContainerSkill {
        /// `skill_reference`.
        SkillReference(SkillReference) = "skill_reference",
        /// `inline`.
        Inline(InlineSkill) = "inline",
    }
}

/// A container created for the request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ContainerAuto {
    /// An optional list of uploaded files to make available to your code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_ids: Option<Vec<String>>,
    /// The memory limit for the container.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_limit: Option<ContainerMemoryLimit>,
    /// Network access policy for the container.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_policy: Option<ContainerNetworkPolicy>,
    /// An optional list of skills referenced by id or inline data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skills: Option<Vec<ContainerSkill>>,
}

tagged_enum! {
    /// The `environment` of ShellTool.
    pub enum ShellToolEnvironment {
        /// `container_auto`.
        ContainerAuto(ContainerAuto) = "container_auto",
        /// `local`.
        Local(LocalEnvironment) = "local",
        /// `container_reference`.
        ContainerReference(ContainerReference) = "container_reference",
    }
}

/// A tool that allows the model to execute shell commands.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ShellTool {
    /// Where commands run: a new container, an existing one, or the caller's machine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<ShellToolEnvironment>,
    /// The tool invocation context(s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_callers: Option<Vec<CallableToolAllowedCaller>>,
}

/// Unconstrained free-form text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CustomTextFormat {}

string_enum! {
    /// Syntax of a custom tool grammar.
    pub enum GrammarSyntax {
        /// `lark`.
        Lark = "lark",
        /// `regex`.
        Regex = "regex",
    }
}

/// A grammar defined by the user.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CustomGrammarFormat {
    /// The syntax of the grammar definition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub syntax: Option<GrammarSyntax>,
    /// The grammar definition.
    #[serde(default)]
    pub definition: String,
}

tagged_enum! {
    /// The input format for the custom tool.
    pub enum CustomToolFormat {
        /// `text`.
        Text(CustomTextFormat) = "text",
        /// `grammar`.
        Grammar(CustomGrammarFormat) = "grammar",
    }
}

/// A custom tool that processes input using a specified format.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CustomTool {
    /// The name of the custom tool, used to identify it in tool calls.
    #[serde(default)]
    pub name: String,
    /// Optional description of the custom tool, used to provide more context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The input format for the custom tool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<CustomToolFormat>,
    /// Whether this tool should be deferred and discovered via tool search.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub defer_loading: Option<bool>,
    /// The tool invocation context(s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_callers: Option<Vec<CallableToolAllowedCaller>>,
}

/// A function inside a tool namespace.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NamespaceFunctionTool {
    /// Function name.
    #[serde(default)]
    pub name: String,
    /// What the function does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// A JSON Schema object describing the arguments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameters: Option<serde_json::Value>,
    /// Whether to enforce strict parameter validation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strict: Option<bool>,
    /// A JSON Schema describing the JSON value encoded in string outputs for this function tool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_schema: Option<serde_json::Value>,
    /// Whether this function should be deferred and discovered via tool search.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub defer_loading: Option<bool>,
    /// The tool invocation context(s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_callers: Option<Vec<CallableToolAllowedCaller>>,
}

tagged_enum! {
    /// A function or custom tool that belongs to a namespace.
    pub enum NamespaceToolMember {
        /// `function`.
        Function(NamespaceFunctionTool) = "function",
        /// `custom`.
        Custom(CustomTool) = "custom",
    }
}

/// Groups function/custom tools under a shared namespace.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NamespaceTool {
    /// The namespace name used in tool calls (for example, `crm`).
    #[serde(default)]
    pub name: String,
    /// A description of the namespace shown to the model.
    #[serde(default)]
    pub description: String,
    /// The function/custom tools available inside this namespace.
    #[serde(default)]
    pub tools: Vec<NamespaceToolMember>,
}

/// Hosted or BYOT tool search configuration for deferred tools.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ToolSearchTool {
    /// Whether tool search is executed by the server or by the client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub execution: Option<ToolSearchExecutionType>,
    /// Description shown to the model for a client-executed tool search tool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Parameter schema for a client-executed tool search tool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameters: Option<serde_json::Value>,
}

/// The approximate location of the user, for web search.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ApproximateLocation {
    /// The two-letter ISO country code of the user, e.g.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Free text input for the region of the user, e.g.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Free text input for the city of the user, e.g.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// The IANA timezone of the user, e.g.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// Always `approximate`; the wire field is `type`.
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "type")]
    pub kind: Option<String>,
}

string_enum! {
    /// Content types a web search returns.
    pub enum SearchContentType {
        /// `text`.
        Text = "text",
        /// `image`.
        Image = "image",
    }
}

/// This tool searches the web for relevant results to use in a response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WebSearchPreviewTool {
    /// The user's location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_location: Option<ApproximateLocation>,
    /// High level guidance for the amount of context window space to use for the search.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_context_size: Option<SearchContextSize>,
    /// Content types to search (`text`, `image`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_content_types: Option<Vec<SearchContentType>>,
}

/// Allows the assistant to create, delete, or update files using unified diffs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ApplyPatchTool {
    /// The tool invocation context(s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_callers: Option<Vec<CallableToolAllowedCaller>>,
}

tagged_enum! {
    /// A tool the model may use.
    pub enum Tool {
        /// One of your functions (`function`).
        Function(FunctionTool) = "function",
        /// Search uploaded files (vector stores) (`file_search`).
        FileSearch(FileSearchTool) = "file_search",
        /// Computer use (`computer`).
        Computer(ComputerTool) = "computer",
        /// Computer use (preview) (`computer_use_preview`).
        ComputerUsePreview(ComputerUsePreviewTool) = "computer_use_preview",
        /// Web search (`web_search`).
        WebSearch(WebSearchTool) = "web_search",
        /// Tools of a remote MCP server or service connector (`mcp`).
        Mcp(McpTool) = "mcp",
        /// Run Python code in a container (`code_interpreter`).
        CodeInterpreter(CodeInterpreterTool) = "code_interpreter",
        /// Let the model write programs that call tools (`programmatic_tool_calling`).
        ProgrammaticToolCalling(ProgrammaticToolCallingTool) = "programmatic_tool_calling",
        /// Generate images (`image_generation`).
        ImageGeneration(ImageGenerationTool) = "image_generation",
        /// Run commands in your local shell (`local_shell`).
        LocalShell(LocalShellTool) = "local_shell",
        /// Run shell commands in a container or locally (`shell`).
        Shell(ShellTool) = "shell",
        /// One of your custom tools, with free-form or grammar-constrained input (`custom`).
        Custom(CustomTool) = "custom",
        /// A group of functions under a namespace (`namespace`).
        Namespace(NamespaceTool) = "namespace",
        /// Let the model search deferred tools (`tool_search`).
        ToolSearch(ToolSearchTool) = "tool_search",
        /// Web search (preview) (`web_search_preview`).
        WebSearchPreview(WebSearchPreviewTool) = "web_search_preview",
        /// `web_search_2025_08_26`: the web search tool pinned to that version.
        WebSearch20250826(WebSearchTool20250826) = "web_search_2025_08_26",
        /// `web_search_preview_2025_03_11`: the web search preview tool pinned to that version.
        WebSearchPreview20250311(WebSearchPreviewTool20250311) = "web_search_preview_2025_03_11",
        /// Create, update and delete files with patches (`apply_patch`).
        ApplyPatch(ApplyPatchTool) = "apply_patch",
    }
}

string_enum! {
    /// Constrains the tools available to the model to a pre-defined set.
    pub enum ToolChoiceAllowedMode {
        /// `auto`.
        Auto = "auto",
        /// `required`.
        Required = "required",
    }
}

/// Constrains the tools available to the model to a pre-defined set.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ToolChoiceAllowed {
    /// Constrains the tools available to the model to a pre-defined set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<ToolChoiceAllowedMode>,
    /// A list of tool definitions that the model should be allowed to call.
    #[serde(default)]
    pub tools: Vec<serde_json::Value>,
}

/// Use this option to force the model to call a specific function.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ToolChoiceFunction {
    /// The name of the function to call.
    #[serde(default)]
    pub name: String,
}

/// Use this option to force the model to call a specific tool on a remote MCP server.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ToolChoiceMcp {
    /// The label of the MCP server to use.
    #[serde(default)]
    pub server_label: String,
    /// The name of the tool to call on the server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// Use this option to force the model to call a specific custom tool.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ToolChoiceCustom {
    /// The name of the custom tool to call.
    #[serde(default)]
    pub name: String,
}

/// Forces the model to call the apply_patch tool when executing a tool call.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ApplyPatchChoice {}

/// Forces the model to call the shell tool when a tool call is required.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ShellChoice {}

/// Forces the model to use programmatic tool calling.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProgrammaticToolCallingChoice {}

impl Tool {
    /// A function tool: name, description and a JSON Schema for the arguments.
    ///
    /// The Responses API enforces the schema strictly unless `strict` is `false` (unlike Chat
    /// Completions); chain [`strict`](Self::strict) to say so explicitly.
    ///
    /// ```
    /// use openai_types::responses::Tool;
    ///
    /// let tool = Tool::function("get_time", "Current time", serde_json::json!({"type": "object", "properties": {}}))
    ///     .strict(true);
    /// assert_eq!(serde_json::to_value(&tool).unwrap()["strict"], true);
    /// ```
    pub fn function(
        name: impl Into<String>,
        description: impl Into<String>,
        parameters: serde_json::Value,
    ) -> Self {
        Self::Function(FunctionTool {
            name: name.into(),
            description: Some(description.into()),
            parameters: Some(parameters),
            ..FunctionTool::default()
        })
    }

    /// Sets `strict` on a function tool (other tools are returned unchanged).
    #[must_use]
    pub fn strict(mut self, strict: bool) -> Self {
        if let Self::Function(function) = &mut self {
            function.strict = Some(strict);
        }
        self
    }

    /// A custom tool taking free-form text input.
    pub fn custom(name: impl Into<String>, description: impl Into<String>) -> Self {
        Self::Custom(CustomTool {
            name: name.into(),
            description: Some(description.into()),
            ..CustomTool::default()
        })
    }

    /// A custom tool whose input must match a grammar.
    pub fn custom_with_grammar(
        name: impl Into<String>,
        description: impl Into<String>,
        syntax: GrammarSyntax,
        definition: impl Into<String>,
    ) -> Self {
        Self::Custom(CustomTool {
            name: name.into(),
            description: Some(description.into()),
            format: Some(CustomToolFormat::Grammar(CustomGrammarFormat {
                syntax: Some(syntax),
                definition: definition.into(),
            })),
            ..CustomTool::default()
        })
    }

    /// The web search tool with default settings.
    pub fn web_search() -> Self {
        Self::WebSearch(WebSearchTool::default())
    }

    /// The file search tool over these vector stores.
    pub fn file_search(vector_store_ids: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Self::FileSearch(FileSearchTool {
            vector_store_ids: vector_store_ids.into_iter().map(Into::into).collect(),
            ..FileSearchTool::default()
        })
    }

    /// The code interpreter tool in an automatically created container.
    pub fn code_interpreter() -> Self {
        Self::CodeInterpreter(CodeInterpreterTool {
            container: CodeInterpreterContainer::auto(),
            allowed_callers: None,
        })
    }

    /// The image generation tool with default settings.
    pub fn image_generation() -> Self {
        Self::ImageGeneration(ImageGenerationTool::default())
    }

    /// A remote MCP server.
    pub fn mcp(server_label: impl Into<String>, server_url: impl Into<String>) -> Self {
        Self::Mcp(McpTool::server(server_label, server_url))
    }

    /// The tool's name, for function and custom tools.
    pub fn name(&self) -> Option<&str> {
        match self {
            Self::Function(tool) => Some(&tool.name),
            Self::Custom(tool) => Some(&tool.name),
            _ => None,
        }
    }
}

impl McpTool {
    /// A remote MCP server by URL.
    pub fn server(server_label: impl Into<String>, server_url: impl Into<String>) -> Self {
        Self {
            server_label: server_label.into(),
            server_url: Some(server_url.into()),
            ..Self::default()
        }
    }

    /// A service connector (Gmail, Google Drive, ...), authorized with an OAuth access token.
    pub fn connector(
        server_label: impl Into<String>,
        connector_id: McpConnectorId,
        authorization: impl Into<String>,
    ) -> Self {
        Self {
            server_label: server_label.into(),
            connector_id: Some(connector_id),
            authorization: Some(authorization.into()),
            ..Self::default()
        }
    }

    /// Adds an HTTP header sent to the MCP server (typically authentication).
    #[must_use]
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers
            .get_or_insert_with(BTreeMap::new)
            .insert(name.into(), value.into());
        self
    }

    /// Sets which tools need approval: `"always"`, `"never"`, or a filter object.
    #[must_use]
    pub fn require_approval(mut self, value: impl Into<serde_json::Value>) -> Self {
        self.require_approval = Some(value.into());
        self
    }

    /// Restricts the tools the model may use to these names.
    #[must_use]
    pub fn allowed_tools(mut self, names: impl IntoIterator<Item = impl Into<String>>) -> Self {
        let names: Vec<serde_json::Value> = names
            .into_iter()
            .map(|name| serde_json::Value::String(name.into()))
            .collect();
        self.allowed_tools = Some(serde_json::Value::Array(names));
        self
    }
}

setters! { McpTool {
    server_description: String,
    authorization: String,
} }

impl std::fmt::Debug for McpTool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers: Option<Vec<(&str, &str)>> = self.headers.as_ref().map(|headers| {
            headers
                .keys()
                .map(|name| (name.as_str(), "<redacted>"))
                .collect()
        });
        f.debug_struct("McpTool")
            .field("server_label", &self.server_label)
            .field("server_url", &self.server_url)
            .field("connector_id", &self.connector_id)
            .field("tunnel_id", &self.tunnel_id)
            .field(
                "authorization",
                &self.authorization.as_ref().map(|_| "<redacted>"),
            )
            .field("server_description", &self.server_description)
            .field("headers", &headers)
            .field("allowed_tools", &self.allowed_tools)
            .field("allowed_callers", &self.allowed_callers)
            .field("require_approval", &self.require_approval)
            .field("defer_loading", &self.defer_loading)
            .finish()
    }
}

string_enum! {
    /// How the model chooses tools.
    pub enum ToolChoiceMode {
        /// Never call a tool.
        None = "none",
        /// The model decides.
        Auto = "auto",
        /// Call at least one tool.
        Required = "required",
    }
}

string_enum! {
    /// A built-in tool that can be forced with `{"type": "<tool>"}`.
    pub enum HostedToolType {
        /// File search.
        FileSearch = "file_search",
        /// Web search preview.
        WebSearchPreview = "web_search_preview",
        /// Web search preview (2025-03-11).
        WebSearchPreview20250311 = "web_search_preview_2025_03_11",
        /// Computer use.
        Computer = "computer",
        /// Computer use preview.
        ComputerUsePreview = "computer_use_preview",
        /// Computer use.
        ComputerUse = "computer_use",
        /// Image generation.
        ImageGeneration = "image_generation",
        /// Code interpreter.
        CodeInterpreter = "code_interpreter",
    }
}

tagged_enum! {
    /// A specific tool, or a restricted set of tools, the model must use.
    pub enum SpecificToolChoice {
        /// Only these tools, in `auto` or `required` mode.
        AllowedTools(ToolChoiceAllowed) = "allowed_tools",
        /// This function.
        Function(ToolChoiceFunction) = "function",
        /// This custom tool.
        Custom(ToolChoiceCustom) = "custom",
        /// A tool of this MCP server.
        Mcp(ToolChoiceMcp) = "mcp",
        /// The apply patch tool.
        ApplyPatch(ApplyPatchChoice) = "apply_patch",
        /// The shell tool.
        Shell(ShellChoice) = "shell",
        /// Programmatic tool calling.
        ProgrammaticToolCalling(ProgrammaticToolCallingChoice) = "programmatic_tool_calling",
    }
}

/// The `tool_choice` of a request: a mode (`none`, `auto`, `required`) or a specific tool.
///
/// ```
/// use openai_types::responses::{ToolChoice, ToolChoiceMode};
///
/// assert_eq!(serde_json::to_value(ToolChoice::from(ToolChoiceMode::Required)).unwrap(), "required");
/// assert_eq!(
///     serde_json::to_value(ToolChoice::function("get_weather")).unwrap(),
///     serde_json::json!({"type": "function", "name": "get_weather"})
/// );
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum ToolChoice {
    /// `none`, `auto` or `required`.
    Mode(ToolChoiceMode),
    /// A specific tool or a restricted set.
    Specific(SpecificToolChoice),
    /// A built-in tool (`{"type": "file_search"}`, ...).
    Hosted(HostedToolType),
}

impl ToolChoice {
    /// Force a call of this function.
    pub fn function(name: impl Into<String>) -> Self {
        Self::Specific(SpecificToolChoice::Function(ToolChoiceFunction {
            name: name.into(),
        }))
    }

    /// Force a call of this custom tool.
    pub fn custom(name: impl Into<String>) -> Self {
        Self::Specific(SpecificToolChoice::Custom(ToolChoiceCustom {
            name: name.into(),
        }))
    }

    /// Restrict the model to these tools (given as tool definitions like
    /// `{"type": "function", "name": "get_weather"}`), in `auto` or `required` mode.
    pub fn allowed_tools(
        mode: ToolChoiceAllowedMode,
        tools: impl IntoIterator<Item = serde_json::Value>,
    ) -> Self {
        Self::Specific(SpecificToolChoice::AllowedTools(ToolChoiceAllowed {
            mode: Some(mode),
            tools: tools.into_iter().collect(),
        }))
    }

    /// Force a tool of this MCP server (any tool when `name` is `None`).
    pub fn mcp(server_label: impl Into<String>, name: Option<String>) -> Self {
        Self::Specific(SpecificToolChoice::Mcp(ToolChoiceMcp {
            server_label: server_label.into(),
            name,
        }))
    }
}

impl From<ToolChoiceMode> for ToolChoice {
    fn from(mode: ToolChoiceMode) -> Self {
        Self::Mode(mode)
    }
}

impl From<SpecificToolChoice> for ToolChoice {
    fn from(choice: SpecificToolChoice) -> Self {
        Self::Specific(choice)
    }
}

impl Serialize for ToolChoice {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Mode(mode) => mode.serialize(serializer),
            Self::Specific(choice) => choice.serialize(serializer),
            Self::Hosted(kind) => {
                use serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("type", kind.as_str())?;
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for ToolChoice {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::String(mode) => Ok(Self::Mode(ToolChoiceMode::from(mode))),
            serde_json::Value::Object(object) => {
                let hosted = match object.get("type").and_then(serde_json::Value::as_str) {
                    Some(kind) => match HostedToolType::from(kind) {
                        HostedToolType::Unknown(_) => None,
                        known => Some(known),
                    },
                    _ => None,
                };
                match hosted {
                    Some(kind) => Ok(Self::Hosted(kind)),
                    None => serde_json::from_value(serde_json::Value::Object(object))
                        .map(Self::Specific)
                        .map_err(D::Error::custom),
                }
            }
            _ => Err(D::Error::custom("expected a tool choice string or object")),
        }
    }
}

/// The container of the code interpreter tool.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum CodeInterpreterContainer {
    /// An existing container, by id.
    Id(String),
    /// A container created for the request (`{"type": "auto", ...}`).
    Auto(AutoContainer),
}

impl CodeInterpreterContainer {
    /// A container created automatically, with no files.
    pub fn auto() -> Self {
        Self::Auto(AutoContainer::default())
    }

    /// A container created automatically, with these uploaded files.
    pub fn auto_with_files(file_ids: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Self::Auto(AutoContainer {
            file_ids: Some(file_ids.into_iter().map(Into::into).collect()),
            ..AutoContainer::default()
        })
    }
}

impl Default for CodeInterpreterContainer {
    fn default() -> Self {
        Self::auto()
    }
}

/// Settings of an automatically created code interpreter container.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AutoContainer {
    /// Always `auto`; the wire field is `type`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Uploaded files to make available to the code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_ids: Option<Vec<String>>,
    /// Memory limit of the container.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_limit: Option<ContainerMemoryLimit>,
    /// Network access policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_policy: Option<ContainerNetworkPolicy>,
}

impl Default for AutoContainer {
    fn default() -> Self {
        Self {
            kind: "auto".to_owned(),
            file_ids: None,
            memory_limit: None,
            network_policy: None,
        }
    }
}

/// The web search tool pinned to version `2025-08-26` (same settings as [`WebSearchTool`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct WebSearchTool20250826(pub WebSearchTool);

/// The web search preview tool pinned to version `2025-03-11` (same settings as
/// [`WebSearchPreviewTool`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct WebSearchPreviewTool20250311(pub WebSearchPreviewTool);

impl FileSearchTool {
    /// Searches these vector stores.
    pub fn new(vector_store_ids: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Self {
            vector_store_ids: vector_store_ids.into_iter().map(Into::into).collect(),
            ..Self::default()
        }
    }
}

setters! { FileSearchTool {
    copy max_num_results: u64,
    ranking_options: RankingOptions,
    /// A comparison (`{"type": "eq", "key": ..., "value": ...}`) or compound
    /// (`{"type": "and", "filters": [...]}`) filter on file attributes.
    filters: serde_json::Value,
} }

setters! { RankingOptions {
    ranker: RankerVersionType,
    copy score_threshold: f64,
    hybrid_search: HybridSearchOptions,
} }

impl WebSearchTool {
    /// The web search tool with default settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// Restricts results to these domains.
    #[must_use]
    pub fn allowed_domains(mut self, domains: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.filters = Some(WebSearchToolFilters {
            allowed_domains: Some(domains.into_iter().map(Into::into).collect()),
        });
        self
    }
}

setters! { WebSearchTool {
    external_web_access: bool,
    user_location: WebSearchApproximateLocation,
    search_context_size: SearchContextSize,
} }

impl WebSearchApproximateLocation {
    /// An approximate location; set the parts you know.
    pub fn new() -> Self {
        Self {
            kind: Some("approximate".to_owned()),
            ..Self::default()
        }
    }
}

setters! { WebSearchApproximateLocation {
    /// Two-letter ISO country code.
    country: String,
    region: String,
    city: String,
    /// IANA time zone (`Europe/Paris`).
    timezone: String,
} }

impl ContainerDomainSecret {
    /// A secret sent as `name` to requests for `domain`.
    pub fn new(
        domain: impl Into<String>,
        name: impl Into<String>,
        value: impl Into<String>,
    ) -> Self {
        Self {
            domain: domain.into(),
            name: name.into(),
            value: value.into(),
        }
    }
}

impl std::fmt::Debug for ContainerDomainSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ContainerDomainSecret")
            .field("domain", &self.domain)
            .field("name", &self.name)
            .field("value", &"<redacted>")
            .finish()
    }
}
