//! The tool loop on Responses: create → run the requested function (and custom) tools → send
//! their outputs back → repeat.

use core_http::Error;
use core_http::kit::join_all;
use openai_types::responses::{
    InputItem, Item, Response, ResponseCreateRequest, ResponseInput, ResponseStreamEvent,
};
use openai_types::toolbox::{RunnableTool, Toolbox};

use crate::Responses;

/// What happened to one tool call.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ResponsesToolCallRecord {
    /// The round (1-based response number) that requested it.
    pub round: u32,
    /// The call id (`call_id`), which its output answers.
    pub call_id: String,
    /// The tool name.
    pub name: String,
    /// The arguments (function tools) or the free-form input (custom tools) as the model
    /// sent them.
    pub arguments: String,
    /// Whether it was a custom tool call (free-form input) rather than a function call.
    pub custom: bool,
    /// What was sent back to the model.
    pub output: String,
    /// Whether the call failed (unknown tool, bad arguments, handler error).
    pub failed: bool,
}

/// The result of a tool loop.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ResponsesToolRun {
    /// The last response received.
    pub response: Response,
    /// Responses created.
    pub rounds: u32,
    /// Every tool call executed, in order.
    pub calls: Vec<ResponsesToolCallRecord>,
    /// When the request had `store: false`: the whole conversation replayed in the last
    /// request (the request's input, every output item and every tool output). Empty when the
    /// responses were chained with `previous_response_id`.
    pub items: Vec<InputItem>,
}

impl ResponsesToolRun {
    /// The final answer's text.
    pub fn output_text(&self) -> String {
        self.response.output_text()
    }

    /// True when the loop ended with an answer; false when it stopped at the round limit with
    /// tool calls still requested (they were not executed).
    pub fn is_final(&self) -> bool {
        pending_calls(&self.response).is_empty()
    }
}

/// Runs responses with tools until the model answers without calling any.
///
/// Each round creates a response; its function calls (and custom tool calls) run
/// concurrently through the [`Toolbox`], and their outputs go back as
/// `function_call_output` (`custom_tool_call_output`) items:
/// - chained with `previous_response_id` (the service keeps the context), or
/// - in the request's `conversation`, when it has one (the conversation keeps the calls), or
/// - when the request has `store: false` (nothing is kept on the service), by replaying the
///   whole conversation as input: the original input, every output item (reasoning included)
///   and the tool outputs.
///
/// The loop stops at a response without tool calls or after `max_rounds` responses. An
/// unknown tool, arguments that are not valid JSON, or a handler error are answered to the
/// model as text (it can correct itself) and recorded as failed. A custom tool's handler
/// receives its free-form input as a JSON string; declare the custom tool in the request's
/// `tools` and register a [`RunnableTool`] with the same name to run it.
///
/// ```
/// # #![allow(clippy::unwrap_used)]
/// use openai_sdk::tools::{ResponsesToolRunner, RunnableTool, ToolError};
/// use openai_sdk::responses::ResponseCreateRequest;
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
/// let request = ResponseCreateRequest::new("gpt-4.1-mini", "get_weather for Paris?");
/// let run = ResponsesToolRunner::new([weather]).run(&client.responses(), &request).await?;
/// assert!(run.is_final());
/// assert_eq!(run.rounds, 2);
/// assert_eq!(run.output_text(), "Tool output received: sunny in mock-city");
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct ResponsesToolRunner {
    tools: Toolbox,
    max_rounds: u32,
}

/// One requested call: (call id, name, arguments or input, custom).
type PendingCall = (String, String, String, bool);

fn pending_calls(response: &Response) -> Vec<PendingCall> {
    response
        .output
        .iter()
        .filter_map(|item| match item {
            Item::FunctionCall(call) => Some((
                call.call_id.clone(),
                call.name.clone(),
                call.arguments.clone(),
                false,
            )),
            Item::CustomToolCall(call) => Some((
                call.call_id.clone(),
                call.name.clone(),
                call.input.clone(),
                true,
            )),
            _ => None,
        })
        .collect()
}

impl ResponsesToolRunner {
    /// Default limit of responses per run.
    pub const DEFAULT_MAX_ROUNDS: u32 = 10;

    /// A runner for `tools`.
    pub fn new(tools: impl IntoIterator<Item = RunnableTool>) -> Self {
        Self::with_toolbox(tools.into_iter().collect())
    }

    /// A runner for the tools of `toolbox`.
    pub fn with_toolbox(toolbox: Toolbox) -> Self {
        ResponsesToolRunner {
            tools: toolbox,
            max_rounds: Self::DEFAULT_MAX_ROUNDS,
        }
    }

    /// Sets the maximum number of responses (at least 1).
    #[must_use]
    pub fn max_rounds(mut self, rounds: u32) -> Self {
        self.max_rounds = rounds.max(1);
        self
    }

    /// The tools.
    pub fn toolbox(&self) -> &Toolbox {
        &self.tools
    }

    /// Runs the loop with whole responses. The request is not modified; when it has no
    /// `tools`, the toolbox's function definitions are sent.
    pub async fn run(
        &self,
        responses: &Responses<'_>,
        request: &ResponseCreateRequest,
    ) -> Result<ResponsesToolRun, Error> {
        self.run_inner::<fn(&ResponseStreamEvent)>(responses, request, None)
            .await
    }

    /// Runs the loop with streamed responses, handing every event of every round to
    /// `on_event` as it arrives (e.g. to print text live).
    pub async fn run_streaming<F>(
        &self,
        responses: &Responses<'_>,
        request: &ResponseCreateRequest,
        on_event: F,
    ) -> Result<ResponsesToolRun, Error>
    where
        F: FnMut(&ResponseStreamEvent),
    {
        self.run_inner(responses, request, Some(on_event)).await
    }

    async fn run_inner<F>(
        &self,
        responses: &Responses<'_>,
        request: &ResponseCreateRequest,
        mut on_event: Option<F>,
    ) -> Result<ResponsesToolRun, Error>
    where
        F: FnMut(&ResponseStreamEvent),
    {
        let mut request = request.clone();
        if request.tools.is_none() && !self.tools.is_empty() {
            request.tools = Some(self.tools.responses_tools());
        }
        let replay = request.store == Some(false);
        let mut items: Vec<InputItem> = Vec::new();
        if replay {
            items = match request.input.take() {
                None => Vec::new(),
                Some(ResponseInput::Text(text)) => vec![InputItem::user(text)],
                Some(ResponseInput::Items(items)) => items,
                Some(other) => {
                    return Err(Error::invalid_request(format!(
                        "cannot replay an input of this shape with `store: false`: {other:?}"
                    )));
                }
            };
            request.input = Some(ResponseInput::Items(items.clone()));
        }
        let mut calls = Vec::new();
        let mut round = 0;
        loop {
            round += 1;
            let response = match on_event.as_mut() {
                None => responses.create(&request).await?,
                Some(on_event) => {
                    let mut stream = responses.create_stream(&request).await?;
                    while let Some(event) = stream.next().await {
                        on_event(&event?);
                    }
                    stream.drain().await?
                }
            };
            let pending = pending_calls(&response);
            if pending.is_empty() || round >= self.max_rounds {
                return Ok(ResponsesToolRun {
                    response,
                    rounds: round,
                    calls,
                    items,
                });
            }
            let outcomes = join_all(
                pending
                    .iter()
                    .map(|(_, name, arguments, custom)| self.execute(name, arguments, *custom))
                    .collect(),
            )
            .await;
            let mut outputs = Vec::with_capacity(pending.len());
            for ((call_id, name, arguments, custom), (output, failed)) in
                pending.into_iter().zip(outcomes)
            {
                outputs.push(if custom {
                    InputItem::custom_tool_call_output(call_id.clone(), output.clone())
                } else {
                    InputItem::function_call_output(call_id.clone(), output.clone())
                });
                calls.push(ResponsesToolCallRecord {
                    round,
                    call_id,
                    name,
                    arguments,
                    custom,
                    output,
                    failed,
                });
            }
            if replay {
                items.extend(response.output.iter().cloned());
                items.extend(outputs);
                request.input = Some(ResponseInput::Items(items.clone()));
            } else if request.conversation.is_some() {
                // The conversation already holds the calls (the service refuses
                // `previous_response_id` together with `conversation`).
                request.input = Some(ResponseInput::Items(outputs));
            } else {
                request.previous_response_id = Some(response.id.clone());
                request.input = Some(ResponseInput::Items(outputs));
            }
        }
    }

    /// Runs one call; returns the text for the model and whether it failed.
    async fn execute(&self, name: &str, arguments: &str, custom: bool) -> (String, bool) {
        let result = if custom {
            // Free-form input reaches the handler as a JSON string.
            let input = serde_json::Value::String(arguments.to_owned()).to_string();
            self.tools.call(name, &input).await
        } else {
            self.tools.call(name, arguments).await
        };
        match result {
            Ok(output) => (output, false),
            Err(e) if self.tools.contains(name) && !is_argument_error(&*e) => {
                (format!("Error: {e}"), true)
            }
            Err(e) => (e.to_string(), true),
        }
    }
}

/// Whether a tool error came from the arguments (sent as is) rather than the handler (sent as
/// `Error: …`).
fn is_argument_error(err: &(dyn std::error::Error + Send + Sync)) -> bool {
    let text = err.to_string();
    text.starts_with("Invalid JSON arguments:") || text.starts_with("invalid arguments:")
}
