//! Tools your code runs when a model calls them: one abstraction for every tool loop (chat
//! completions, assistant runs, Responses).
//!
//! A [`RunnableTool`] is a function tool's definition (name, description, JSON Schema of its
//! arguments, `strict`) plus the async handler that runs it. A [`Toolbox`] holds tools by name
//! and answers a call — name and JSON arguments as the model wrote them — with the text to send
//! back, or an error message the model can read and react to.
//!
//! Handlers are plain async closures. The typed form decodes the arguments into your type
//! first (a mismatch goes back to the model as an error, not a panic):
//!
//! ```
//! use openai_types::toolbox::{RunnableTool, ToolError, Toolbox};
//!
//! #[derive(serde::Deserialize)]
//! struct Weather { city: String }
//!
//! let weather = RunnableTool::typed_with_schema(
//!     "get_weather",
//!     "Current weather for a city",
//!     serde_json::json!({"type": "object", "properties": {"city": {"type": "string"}},
//!                        "required": ["city"], "additionalProperties": false}),
//!     |args: Weather| async move { Ok::<_, ToolError>(format!("22C in {}", args.city)) },
//! )
//! .strict(true);
//! let toolbox = Toolbox::new().with(weather);
//! # futures_lite_block_on(async {
//! let answer = toolbox.call("get_weather", r#"{"city":"Paris"}"#).await;
//! assert_eq!(answer.unwrap(), "22C in Paris");
//! let unknown = toolbox.call("get_time", "{}").await.unwrap_err();
//! assert_eq!(unknown.to_string(),
//!     r#"Invalid tool_call: "get_time". Available options are: "get_weather". Please try again"#);
//! # });
//! # fn futures_lite_block_on<F: std::future::Future>(f: F) -> F::Output {
//! #     let waker = std::task::Waker::noop();
//! #     let mut cx = std::task::Context::from_waker(&waker);
//! #     let mut f = std::pin::pin!(f);
//! #     loop { if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
//! # }
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::chat::{FunctionDefinition, FunctionTool, Tool};

/// The error a tool handler may return (any error type, or a `String`).
pub type ToolError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// The future a [`ToolHandler`] returns: the text for the model, or an error.
pub type ToolFuture = Pin<Box<dyn Future<Output = Result<String, ToolError>> + Send + 'static>>;

/// Runs one tool call: parsed JSON arguments in, the text for the model out.
///
/// Implemented for every `Fn(serde_json::Value) -> impl Future<Output = Result<impl Into<String>, E>>`.
pub trait ToolHandler: Send + Sync {
    /// Runs the tool with the call's arguments.
    fn call(&self, arguments: Value) -> ToolFuture;
}

impl<F, Fut, O, E> ToolHandler for F
where
    F: Fn(Value) -> Fut + Send + Sync,
    Fut: Future<Output = Result<O, E>> + Send + 'static,
    O: Into<String>,
    E: Into<ToolError>,
{
    fn call(&self, arguments: Value) -> ToolFuture {
        let future = self(arguments);
        Box::pin(async move { future.await.map(Into::into).map_err(Into::into) })
    }
}

/// A function tool the model may call, with the handler that runs it.
#[derive(Clone)]
pub struct RunnableTool {
    name: String,
    description: Option<String>,
    parameters: Value,
    strict: Option<bool>,
    handler: Arc<dyn ToolHandler>,
}

impl fmt::Debug for RunnableTool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RunnableTool")
            .field("name", &self.name)
            .field("description", &self.description)
            .field("strict", &self.strict)
            .finish_non_exhaustive()
    }
}

impl RunnableTool {
    /// A function tool: its name, what it does, a JSON Schema for its arguments, and a handler
    /// that receives the arguments as JSON.
    pub fn new(
        name: impl Into<String>,
        description: impl Into<String>,
        parameters: Value,
        handler: impl ToolHandler + 'static,
    ) -> Self {
        RunnableTool {
            name: name.into(),
            description: Some(description.into()),
            parameters,
            strict: None,
            handler: Arc::new(handler),
        }
    }

    /// A function tool whose handler takes its arguments decoded into `Args`; `parameters` is
    /// the JSON Schema of `Args`. Arguments that do not decode are answered with the decode
    /// error (the model can correct itself); the handler is not called.
    pub fn typed_with_schema<Args, F, Fut, O, E>(
        name: impl Into<String>,
        description: impl Into<String>,
        parameters: Value,
        handler: F,
    ) -> Self
    where
        Args: DeserializeOwned + Send + 'static,
        F: Fn(Args) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<O, E>> + Send + 'static,
        O: Into<String>,
        E: Into<ToolError>,
    {
        let handler = move |arguments: Value| {
            let decoded = serde_json::from_value::<Args>(arguments);
            let future = decoded.map(&handler);
            async move {
                match future {
                    Ok(future) => future.await.map(Into::into).map_err(Into::into),
                    Err(e) => Err(ToolError::from(format!("invalid arguments: {e}"))),
                }
            }
        };
        Self::new(name, description, parameters, handler)
    }

    /// A function tool whose arguments are `Args`, with the JSON Schema generated from the type
    /// (strict-mode compatible: every property required, no additional properties).
    ///
    /// ```
    /// # #[cfg(feature = "schemars")] {
    /// use openai_types::toolbox::{RunnableTool, ToolError};
    ///
    /// #[derive(serde::Deserialize, schemars::JsonSchema)]
    /// struct Weather { city: String }
    ///
    /// let tool = RunnableTool::typed("get_weather", "Current weather", |args: Weather| async move {
    ///     Ok::<_, ToolError>(format!("22C in {}", args.city))
    /// });
    /// assert_eq!(tool.parameters()["required"][0], "city");
    /// # }
    /// ```
    #[cfg(feature = "schemars")]
    pub fn typed<Args, F, Fut, O, E>(
        name: impl Into<String>,
        description: impl Into<String>,
        handler: F,
    ) -> Self
    where
        Args: DeserializeOwned + schemars::JsonSchema + Send + 'static,
        F: Fn(Args) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<O, E>> + Send + 'static,
        O: Into<String>,
        E: Into<ToolError>,
    {
        let schema = crate::schema::strict_schema_for::<Args>();
        Self::typed_with_schema(name, description, schema, handler).strict(true)
    }

    /// Sets `strict` (the model must follow the schema exactly).
    #[must_use]
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = Some(strict);
        self
    }

    /// The function name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What the tool does, for the model.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The JSON Schema of the arguments.
    pub fn parameters(&self) -> &Value {
        &self.parameters
    }

    /// Whether strict schema adherence was requested.
    pub fn is_strict(&self) -> Option<bool> {
        self.strict
    }

    /// The function definition (name, description, parameters, strict).
    pub fn function_definition(&self) -> FunctionDefinition {
        let mut definition = FunctionDefinition::new(self.name.clone());
        definition.description = self.description.clone();
        definition.parameters = Some(self.parameters.clone());
        definition.strict = self.strict;
        definition
    }

    /// The chat completions tool entry for this tool.
    pub fn chat_tool(&self) -> Tool {
        Tool::Function(FunctionTool::new(self.function_definition()))
    }

    /// The Responses API tool entry for this tool (a `function` tool with the same name,
    /// description, schema and `strict`).
    ///
    /// ```
    /// use openai_types::responses::Tool;
    /// use openai_types::toolbox::{RunnableTool, ToolError};
    ///
    /// let tool = RunnableTool::new("now", "The time", serde_json::json!({"type": "object"}),
    ///     |_: serde_json::Value| async { Ok::<_, ToolError>("noon") }).strict(true);
    /// let Tool::Function(function) = tool.responses_tool() else { unreachable!() };
    /// assert_eq!((function.name.as_str(), function.strict), ("now", Some(true)));
    /// ```
    pub fn responses_tool(&self) -> crate::responses::Tool {
        crate::responses::Tool::Function(crate::responses::FunctionTool {
            name: self.name.clone(),
            description: self.description.clone(),
            parameters: Some(self.parameters.clone()),
            strict: self.strict,
            ..crate::responses::FunctionTool::default()
        })
    }

    /// Runs the tool with the arguments as the model wrote them (a JSON text; empty means
    /// `{}`). Invalid JSON is an error naming the problem.
    pub fn call(&self, arguments: &str) -> ToolFuture {
        let parsed = if arguments.trim().is_empty() {
            Ok(Value::Object(serde_json::Map::new()))
        } else {
            serde_json::from_str::<Value>(arguments)
        };
        match parsed {
            Ok(value) => self.handler.call(value),
            Err(e) => {
                let message = format!("Invalid JSON arguments: {e}");
                Box::pin(async move { Err(ToolError::from(message)) })
            }
        }
    }
}

/// Tools by name: what a tool loop hands each call to.
#[derive(Clone, Debug, Default)]
pub struct Toolbox {
    tools: BTreeMap<String, RunnableTool>,
}

impl Toolbox {
    /// An empty toolbox.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `tool` (replacing one with the same name).
    #[must_use]
    pub fn with(mut self, tool: RunnableTool) -> Self {
        self.add(tool);
        self
    }

    /// Adds `tool` (replacing one with the same name).
    pub fn add(&mut self, tool: RunnableTool) {
        self.tools.insert(tool.name.clone(), tool);
    }

    /// The tool named `name`.
    pub fn get(&self, name: &str) -> Option<&RunnableTool> {
        self.tools.get(name)
    }

    /// Whether a tool named `name` exists.
    pub fn contains(&self, name: &str) -> bool {
        self.tools.contains_key(name)
    }

    /// The tools, by name.
    pub fn iter(&self) -> impl Iterator<Item = &RunnableTool> {
        self.tools.values()
    }

    /// How many tools there are.
    pub fn len(&self) -> usize {
        self.tools.len()
    }

    /// True when there are no tools.
    pub fn is_empty(&self) -> bool {
        self.tools.is_empty()
    }

    /// The chat completions tool entries of every tool.
    pub fn chat_tools(&self) -> Vec<Tool> {
        self.tools.values().map(RunnableTool::chat_tool).collect()
    }

    /// The Responses API tool entries of every tool.
    pub fn responses_tools(&self) -> Vec<crate::responses::Tool> {
        self.tools
            .values()
            .map(RunnableTool::responses_tool)
            .collect()
    }

    /// Answers one call: runs the tool named `name` with `arguments` (JSON text). An unknown
    /// name is an error listing the tools that exist, in the wording the official SDKs use.
    pub fn call(&self, name: &str, arguments: &str) -> ToolFuture {
        match self.tools.get(name) {
            Some(tool) => tool.call(arguments),
            None => {
                let names: Vec<String> = self.tools.keys().map(|n| format!("\"{n}\"")).collect();
                let message = format!(
                    "Invalid tool_call: \"{name}\". Available options are: {}. Please try again",
                    names.join(", ")
                );
                Box::pin(async move { Err(ToolError::from(message)) })
            }
        }
    }
}

impl FromIterator<RunnableTool> for Toolbox {
    fn from_iter<I: IntoIterator<Item = RunnableTool>>(iter: I) -> Self {
        let mut toolbox = Toolbox::new();
        for tool in iter {
            toolbox.add(tool);
        }
        toolbox
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block_on<F: Future>(f: F) -> F::Output {
        let waker = std::task::Waker::noop();
        let mut cx = std::task::Context::from_waker(waker);
        let mut f = std::pin::pin!(f);
        loop {
            if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) {
                return v;
            }
        }
    }

    #[derive(serde::Deserialize)]
    struct Add {
        a: i64,
        b: i64,
    }

    fn toolbox() -> Toolbox {
        Toolbox::new()
            .with(RunnableTool::typed_with_schema(
                "add",
                "Adds two numbers",
                serde_json::json!({"type": "object"}),
                |args: Add| async move { Ok::<_, ToolError>((args.a + args.b).to_string()) },
            ))
            .with(RunnableTool::new(
                "fail",
                "Always fails",
                serde_json::json!({"type": "object"}),
                |_: Value| async move { Err::<String, _>("disk full") },
            ))
    }

    #[test]
    fn typed_calls_decode_their_arguments() {
        let tools = toolbox();
        assert_eq!(
            block_on(tools.call("add", r#"{"a":2,"b":3}"#)).unwrap(),
            "5"
        );
        let err = block_on(tools.call("add", r#"{"a":"x"}"#)).unwrap_err();
        assert!(err.to_string().starts_with("invalid arguments:"), "{err}");
        let err = block_on(tools.call("add", "{not json")).unwrap_err();
        assert!(
            err.to_string().starts_with("Invalid JSON arguments:"),
            "{err}"
        );
    }

    #[test]
    fn failures_and_unknown_tools_become_messages() {
        let tools = toolbox();
        assert_eq!(
            block_on(tools.call("fail", "")).unwrap_err().to_string(),
            "disk full"
        );
        assert_eq!(
            block_on(tools.call("nope", "{}")).unwrap_err().to_string(),
            r#"Invalid tool_call: "nope". Available options are: "add", "fail". Please try again"#
        );
    }

    #[test]
    fn definitions_carry_strict_and_schema() {
        let tool = toolbox().get("add").unwrap().clone().strict(true);
        let definition = tool.function_definition();
        assert_eq!(definition.name, "add");
        assert_eq!(definition.strict, Some(true));
        assert_eq!(definition.description.as_deref(), Some("Adds two numbers"));
    }
}
