//! The tool-calling loop: chat → run the requested tools → send their results → repeat.
//!
//! Semantics follow openai-node's `runTools`: at most 10 chat completions
//! by default; every tool call gets a `tool` message answer, in call order; several calls of
//! one turn run concurrently; an unknown function is answered with
//! `Invalid tool_call: "<name>". Available options are: ... Please try again`; arguments that
//! are not valid JSON are answered with the parse error. One deliberate difference: a handler
//! error is sent to the model as `Error: <message>` (so it can recover or explain) instead of
//! aborting the loop; the failure is also recorded in [`ToolRun::calls`].

use core_http::Error;
use openai_types::chat::{
    ChatCompletion, ChatCompletionChunk, ChatCompletionRequest, ChatMessage, Tool, ToolCall,
};
use openai_types::toolbox::{RunnableTool, Toolbox};

use crate::Chat;
use core_http::kit::join_all;

/// What happened to one tool call.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ToolCallRecord {
    /// The round (1-based chat completion number) that requested it.
    pub round: u32,
    /// The call id.
    pub id: String,
    /// The function name.
    pub name: String,
    /// The arguments as the model sent them.
    pub arguments: String,
    /// What was sent back to the model.
    pub output: String,
    /// Whether the call failed (unknown tool, bad arguments, handler error).
    pub failed: bool,
}

/// The result of a tool loop.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ToolRun {
    /// The last completion received.
    pub completion: ChatCompletion,
    /// The whole conversation: the request's messages, every assistant turn (the last one
    /// included) and every tool answer. Send it again to continue.
    pub messages: Vec<ChatMessage>,
    /// Chat completions made.
    pub rounds: u32,
    /// Every tool call executed, in order.
    pub calls: Vec<ToolCallRecord>,
}

impl ToolRun {
    /// The final answer's text (choice 0).
    pub fn content(&self) -> Option<&str> {
        self.completion.first_content()
    }

    /// True when the loop ended with an answer; false when it stopped at the round limit
    /// with tool calls still requested (they were not executed).
    pub fn is_final(&self) -> bool {
        self.completion.first_tool_calls().is_empty()
    }
}

/// Runs chat completions with tools until the model answers without calling any.
///
/// ```
/// # #![allow(clippy::unwrap_used)]
/// use openai_sdk::tools::{RunnableTool, ToolError, ToolRunner};
/// use openai_sdk::chat::{ChatCompletionRequest, ChatMessage};
/// use serde_json::json;
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), openai_sdk::Error> {
/// # let server = openai_mock::MockServer::start().await;
/// # let client = openai_sdk::Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
/// let weather = RunnableTool::new(
///     "get_weather",
///     "Current weather for a city",
///     json!({"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}),
///     |args: serde_json::Value| async move {
///         Ok::<_, ToolError>(format!("sunny in {}", args["city"].as_str().unwrap_or("?")))
///     },
/// );
/// let request = ChatCompletionRequest::new("gpt-4o-mini", [ChatMessage::user("get_weather for Paris?")]);
/// let run = ToolRunner::new([weather]).run(&client.chat(), &request).await?;
/// assert!(run.is_final());
/// assert_eq!(run.rounds, 2);
/// assert!(run.content().unwrap().contains("sunny in mock-city"));
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct ToolRunner {
    tools: Toolbox,
    max_rounds: u32,
}

impl ToolRunner {
    /// Default limit of chat completions per run (openai-node's `maxChatCompletions`).
    pub const DEFAULT_MAX_ROUNDS: u32 = 10;

    /// A runner for `tools`.
    pub fn new(tools: impl IntoIterator<Item = RunnableTool>) -> Self {
        ToolRunner {
            tools: tools.into_iter().collect(),
            max_rounds: Self::DEFAULT_MAX_ROUNDS,
        }
    }

    /// Sets the maximum number of chat completions (at least 1).
    #[must_use]
    pub fn max_rounds(mut self, rounds: u32) -> Self {
        self.max_rounds = rounds.max(1);
        self
    }

    /// The tools' definitions (what the request's `tools` gets when it has none).
    pub fn tool_definitions(&self) -> Vec<Tool> {
        self.tools.chat_tools()
    }

    /// Runs the loop with non-streamed completions. The request is not modified; when it has
    /// no `tools`, the runner's definitions are sent.
    pub async fn run(
        &self,
        chat: &Chat<'_>,
        request: &ChatCompletionRequest,
    ) -> Result<ToolRun, Error> {
        self.run_inner::<fn(&ChatCompletionChunk)>(chat, request, None)
            .await
    }

    /// Runs the loop with streamed completions, handing every chunk of every round to
    /// `on_chunk` as it arrives (e.g. to print text live); each round's stream is accumulated
    /// into its completion.
    pub async fn run_streaming<F>(
        &self,
        chat: &Chat<'_>,
        request: &ChatCompletionRequest,
        on_chunk: F,
    ) -> Result<ToolRun, Error>
    where
        F: FnMut(&ChatCompletionChunk),
    {
        self.run_inner(chat, request, Some(on_chunk)).await
    }

    async fn run_inner<F>(
        &self,
        chat: &Chat<'_>,
        request: &ChatCompletionRequest,
        mut on_chunk: Option<F>,
    ) -> Result<ToolRun, Error>
    where
        F: FnMut(&ChatCompletionChunk),
    {
        let mut request = request.clone();
        if request.tools.is_none() && !self.tools.is_empty() {
            request.tools = Some(self.tool_definitions());
        }
        let mut calls = Vec::new();
        let mut round = 0;
        loop {
            round += 1;
            let completion = match on_chunk.as_mut() {
                None => chat.create(&request).await?,
                Some(on_chunk) => {
                    let mut stream = chat.create_stream(&request).await?;
                    while let Some(chunk) = stream.next().await {
                        on_chunk(&chunk?);
                    }
                    stream.drain().await?
                }
            };
            let message = completion
                .choices
                .iter()
                .find(|c| c.index == 0)
                .and_then(|c| c.message.clone());
            if let Some(message) = message {
                request.messages.push(ChatMessage::from(message));
            }
            let tool_calls = completion.first_tool_calls();
            if tool_calls.is_empty() || round >= self.max_rounds {
                return Ok(ToolRun {
                    completion,
                    messages: request.messages,
                    rounds: round,
                    calls,
                });
            }
            let outcomes =
                join_all(tool_calls.iter().map(|call| self.execute(call)).collect()).await;
            for (call, (output, failed)) in tool_calls.iter().zip(outcomes) {
                let id = call.id().unwrap_or_default().to_owned();
                let (name, arguments) = match call.as_function() {
                    Some(f) => (f.name.clone(), f.arguments.clone()),
                    None => (String::new(), String::new()),
                };
                request
                    .messages
                    .push(ChatMessage::tool(id.clone(), output.clone()));
                calls.push(ToolCallRecord {
                    round,
                    id,
                    name,
                    arguments,
                    output,
                    failed,
                });
            }
        }
    }

    /// Runs one call; returns the text for the model and whether it failed.
    async fn execute(&self, call: &ToolCall) -> (String, bool) {
        let Some(function) = call.as_function() else {
            return (
                "Invalid tool_call: only function tools are supported by this runner".to_owned(),
                true,
            );
        };
        match self.tools.call(&function.name, &function.arguments).await {
            Ok(output) => (output, false),
            Err(e) if self.tools.contains(&function.name) && !is_argument_error(&*e) => {
                (format!("Error: {e}"), true)
            }
            Err(e) => (e.to_string(), true),
        }
    }
}

/// Whether a tool error came from the arguments (sent as is) rather than the handler
/// (sent as `Error: …`).
fn is_argument_error(err: &(dyn std::error::Error + Send + Sync)) -> bool {
    let text = err.to_string();
    text.starts_with("Invalid JSON arguments:") || text.starts_with("invalid arguments:")
}

/// Shorthand for [`ToolRunner::new`]`(tools).max_rounds(max_rounds).run(chat, request)`.
pub async fn run_tools(
    chat: &Chat<'_>,
    request: &ChatCompletionRequest,
    tools: impl IntoIterator<Item = RunnableTool>,
    max_rounds: u32,
) -> Result<ToolRun, Error> {
    ToolRunner::new(tools)
        .max_rounds(max_rounds)
        .run(chat, request)
        .await
}
