//! Tools the model may call, the calls it makes, and how the caller steers the choice.

use serde::{Deserialize, Serialize};

use super::EmptyObject;

tagged_enum! {
    /// A tool the model may call (`tools[]` in the request).
    pub enum Tool {
        /// A function with a JSON-schema parameter list.
        Function(FunctionTool) = "function",
        /// A custom tool taking free-form text input (optionally constrained by a grammar).
        Custom(CustomTool) = "custom",
    }
}

impl Tool {
    /// A function tool. `parameters` is a JSON Schema object (`None` for no parameters).
    ///
    /// ```
    /// use openai_types::chat::Tool;
    /// use serde_json::json;
    ///
    /// let tool = Tool::function(
    ///     "get_weather",
    ///     "Current weather for a city",
    ///     Some(json!({"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]})),
    /// );
    /// assert_eq!(serde_json::to_value(&tool).unwrap()["function"]["name"], "get_weather");
    /// ```
    pub fn function(
        name: impl Into<String>,
        description: impl Into<String>,
        parameters: Option<serde_json::Value>,
    ) -> Self {
        let mut function = FunctionDefinition::new(name);
        function.description = Some(description.into());
        function.parameters = parameters;
        Self::Function(FunctionTool { function })
    }

    /// Sets `strict` on a function tool: with `true` the model's arguments always match the
    /// schema (structured outputs; the schema must then list every property as required and set
    /// `additionalProperties: false`). Other tools are returned unchanged.
    ///
    /// ```
    /// use openai_types::chat::Tool;
    /// use serde_json::json;
    ///
    /// let schema = json!({"type": "object", "properties": {}, "additionalProperties": false});
    /// let tool = Tool::function("now", "The current time", Some(schema)).strict(true);
    /// assert_eq!(serde_json::to_value(&tool).unwrap()["function"]["strict"], true);
    /// ```
    #[must_use]
    pub fn strict(mut self, strict: bool) -> Self {
        if let Self::Function(tool) = &mut self {
            tool.function.strict = Some(strict);
        }
        self
    }
}

/// The payload of [`Tool::Function`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FunctionTool {
    /// The function.
    pub function: FunctionDefinition,
}

impl FunctionTool {
    /// Wraps a function definition.
    pub fn new(function: FunctionDefinition) -> Self {
        Self { function }
    }
}

/// A function the model may call (also the item type of the legacy `functions` list).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FunctionDefinition {
    /// Function name (a-z, A-Z, 0-9, underscores and dashes, at most 64 characters).
    pub name: String,
    /// What the function does; the model uses it to decide when to call it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// A JSON Schema object describing the arguments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameters: Option<serde_json::Value>,
    /// Whether the model must follow the schema exactly (structured outputs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strict: Option<bool>,
}

impl FunctionDefinition {
    /// A function with only a name.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            description: None,
            parameters: None,
            strict: None,
        }
    }
}

setters! { FunctionDefinition { description: String, parameters: serde_json::Value, strict: bool } }

/// The payload of [`Tool::Custom`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CustomTool {
    /// The tool.
    pub custom: CustomToolDefinition,
}

/// A custom tool: the model sends free-form text as its input.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CustomToolDefinition {
    /// Tool name.
    pub name: String,
    /// What the tool does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Input format; unconstrained text when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<CustomToolFormat>,
}

impl CustomTool {
    /// A custom tool taking unconstrained text.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            custom: CustomToolDefinition {
                name: name.into(),
                description: None,
                format: None,
            },
        }
    }
}

tagged_enum! {
    /// The input format of a custom tool.
    pub enum CustomToolFormat {
        /// Unconstrained text.
        Text(EmptyObject) = "text",
        /// Text matching a grammar.
        Grammar(GrammarFormat) = "grammar",
    }
}

/// The payload of [`CustomToolFormat::Grammar`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GrammarFormat {
    /// The grammar.
    pub grammar: Grammar,
}

/// A grammar constraining custom tool input.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Grammar {
    /// The grammar text.
    pub definition: String,
    /// Its syntax.
    pub syntax: GrammarSyntax,
}

string_enum! {
    /// Syntax of a custom tool grammar.
    pub enum GrammarSyntax {
        /// Lark.
        Lark = "lark",
        /// A regular expression.
        Regex = "regex",
    }
}

tagged_enum! {
    /// A tool call made by the model (`message.tool_calls[]`), also sent back in assistant
    /// messages of the next request.
    pub enum ToolCall {
        /// A function call.
        Function(FunctionToolCall) = "function",
        /// A custom tool call.
        Custom(CustomToolCall) = "custom",
    }
}

impl ToolCall {
    /// The call id, which the `tool` message answering it must repeat.
    pub fn id(&self) -> Option<&str> {
        match self {
            Self::Function(call) => Some(&call.id),
            Self::Custom(call) => Some(&call.id),
            Self::Unknown(obj) => obj.raw().get("id").and_then(serde_json::Value::as_str),
        }
    }

    /// The function call, if this is one.
    pub fn as_function(&self) -> Option<&FunctionCall> {
        match self {
            Self::Function(call) => Some(&call.function),
            _ => None,
        }
    }

    /// `(id, name, arguments)` of a function call (`None` for other kinds of call): what
    /// running the function and answering with [`ChatMessage::tool`](super::ChatMessage::tool)
    /// takes. `arguments` is the JSON text the model wrote (parse and validate it yourself).
    ///
    /// ```
    /// use openai_types::chat::{FunctionToolCall, ToolCall};
    ///
    /// let call = ToolCall::from(FunctionToolCall::new("call_1", "add", r#"{"a":1,"b":2}"#));
    /// assert_eq!(call.function_parts(), Some(("call_1", "add", r#"{"a":1,"b":2}"#)));
    /// ```
    pub fn function_parts(&self) -> Option<(&str, &str, &str)> {
        match self {
            Self::Function(call) => Some((&call.id, &call.function.name, &call.function.arguments)),
            _ => None,
        }
    }
}

/// The payload of [`ToolCall::Function`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FunctionToolCall {
    /// Call id.
    pub id: String,
    /// Function name and JSON-encoded arguments.
    pub function: FunctionCall,
}

impl FunctionToolCall {
    /// A function call (used to replay history in a request).
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        arguments: impl Into<String>,
    ) -> Self {
        Self {
            id: id.into(),
            function: FunctionCall {
                name: name.into(),
                arguments: arguments.into(),
            },
        }
    }
}

/// A function name plus its arguments as a JSON string (as generated by the model: it may not
/// be valid JSON; parse and validate it yourself).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FunctionCall {
    /// Function name.
    pub name: String,
    /// Arguments, JSON-encoded.
    pub arguments: String,
}

/// The payload of [`ToolCall::Custom`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CustomToolCall {
    /// Call id.
    pub id: String,
    /// Tool name and input.
    pub custom: CustomCall,
}

/// A custom tool name plus the text input the model produced.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CustomCall {
    /// Tool name.
    pub name: String,
    /// The input text.
    pub input: String,
}

string_enum! {
    /// The kind of a tool call (in stream deltas, where it is not a union tag because only the
    /// first fragment carries it).
    pub enum ToolCallType {
        /// A function call.
        Function = "function",
        /// A custom tool call.
        Custom = "custom",
    }
}

/// One fragment of a tool call in a stream chunk, keyed by `index`: the first fragment has `id`,
/// `type` and the function name; later ones carry more `arguments` text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ToolCallDelta {
    /// Position of the call in the message's `tool_calls`.
    pub index: u32,
    /// Call id (first fragment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Call kind (first fragment).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ToolCallType>,
    /// Function name and/or an arguments fragment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub function: Option<FunctionCallDelta>,
    /// Custom tool name and/or an input fragment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom: Option<CustomCallDelta>,
}

/// A fragment of a function call (also the legacy `delta.function_call`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FunctionCallDelta {
    /// Function name (usually only in the first fragment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The next piece of the JSON arguments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arguments: Option<String>,
}

/// A fragment of a custom tool call.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CustomCallDelta {
    /// Tool name (usually only in the first fragment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The next piece of the input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
}

string_enum! {
    /// `tool_choice` as a plain mode.
    pub enum ToolChoiceMode {
        /// Never call a tool.
        None = "none",
        /// The model decides.
        Auto = "auto",
        /// The model must call at least one tool.
        Required = "required",
    }
}

/// How the model chooses tools: a mode, or a specific tool / allowed subset.
///
/// ```
/// use openai_types::chat::ToolChoice;
///
/// assert_eq!(serde_json::to_string(&ToolChoice::required()).unwrap(), r#""required""#);
/// assert_eq!(
///     serde_json::to_string(&ToolChoice::function("lookup")).unwrap(),
///     r#"{"type":"function","function":{"name":"lookup"}}"#
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum ToolChoice {
    /// `"none"`, `"auto"`, `"required"`.
    Mode(ToolChoiceMode),
    /// An object form: a named function/custom tool or an allowed-tools subset.
    Named(NamedToolChoice),
}

impl ToolChoice {
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
    /// Force a call to the function `name`.
    pub fn function(name: impl Into<String>) -> Self {
        Self::Named(NamedToolChoice::Function(NamedFunction::new(name)))
    }
}

impl From<ToolChoiceMode> for ToolChoice {
    fn from(mode: ToolChoiceMode) -> Self {
        Self::Mode(mode)
    }
}

impl From<NamedToolChoice> for ToolChoice {
    fn from(named: NamedToolChoice) -> Self {
        Self::Named(named)
    }
}

tagged_enum! {
    /// The object forms of `tool_choice`.
    pub enum NamedToolChoice {
        /// `{"type": "function", "function": {"name": ..}}`.
        Function(NamedFunction) = "function",
        /// `{"type": "custom", "custom": {"name": ..}}`.
        Custom(NamedCustom) = "custom",
        /// Restrict the model to a subset of the tools.
        AllowedTools(AllowedToolsChoice) = "allowed_tools",
    }
}

/// The payload of [`NamedToolChoice::Function`]: `{"function": {"name": ..}}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NamedFunction {
    /// The function to call.
    pub function: FunctionName,
}

impl NamedFunction {
    /// Names a function tool.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            function: FunctionName { name: name.into() },
        }
    }
}

/// The payload of [`NamedToolChoice::Custom`]: `{"custom": {"name": ..}}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NamedCustom {
    /// The custom tool to call.
    pub custom: FunctionName,
}

impl NamedCustom {
    /// Names a custom tool.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            custom: FunctionName { name: name.into() },
        }
    }
}

/// `{"name": ..}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FunctionName {
    /// The name.
    pub name: String,
}

/// The payload of [`NamedToolChoice::AllowedTools`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AllowedToolsChoice {
    /// The subset and mode.
    pub allowed_tools: AllowedTools,
}

/// A subset of the request's tools the model may use.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AllowedTools {
    /// `auto` (may call one of them) or `required` (must).
    pub mode: AllowedToolsMode,
    /// Tool references such as `{"type": "function", "function": {"name": "f"}}`.
    pub tools: Vec<serde_json::Value>,
}

string_enum! {
    /// Mode of an allowed-tools choice.
    pub enum AllowedToolsMode {
        /// The model may call one of the allowed tools.
        Auto = "auto",
        /// The model must call one of them.
        Required = "required",
    }
}

string_enum! {
    /// Legacy `function_call` as a plain mode.
    pub enum FunctionCallMode {
        /// Never call a function.
        None = "none",
        /// The model decides.
        Auto = "auto",
    }
}

/// Legacy `function_call` request parameter (superseded by `tool_choice`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum FunctionCallOption {
    /// `"none"` or `"auto"`.
    Mode(FunctionCallMode),
    /// `{"name": ..}`: force this function.
    Named(FunctionName),
}

impl FunctionCallOption {
    /// Force a call to the function `name`.
    pub fn named(name: impl Into<String>) -> Self {
        Self::Named(FunctionName { name: name.into() })
    }
}
