//! The tool-calling run loop's pieces: [`execute_tool_calls`] (answers calls from a
//! [`Toolbox`], the tool abstraction every tool loop of this SDK shares) and
//! [`RunToolsOptions`]. The loop itself is `Runs::run_tools`.

use core_http::Error;
use openai_types::runs::{RequiredToolCall, ToolOutput};
use openai_types::toolbox::{ToolError, ToolFuture, Toolbox};

use core_http::kit::{PollOptions, join_all};

/// Answers the tool calls of a `requires_action` run with the tools in `toolbox`, running
/// several calls concurrently, and returns one output per call, in order.
///
/// A tool's failure (an error from its handler, arguments that do not decode, a name with no
/// tool) is submitted as the output text, so the model can react (as openai-node's `runTools`
/// does). Fails only for a call that cannot be answered at all: a tool kind this SDK does not
/// know, without an id.
pub async fn execute_tool_calls(
    toolbox: &Toolbox,
    calls: &[RequiredToolCall],
) -> Result<Vec<ToolOutput>, Error> {
    let mut ids = Vec::with_capacity(calls.len());
    let mut futures: Vec<ToolFuture> = Vec::with_capacity(calls.len());
    for call in calls {
        match call {
            RequiredToolCall::Function(call) => {
                ids.push(call.id.clone());
                futures.push(toolbox.call(&call.function.name, &call.function.arguments));
            }
            other => {
                let Some(id) = other.id() else {
                    return Err(Error::invalid_request(
                        "the run requires a tool call of a kind this SDK does not know, \
                         without an id to answer it",
                    ));
                };
                ids.push(id.to_owned());
                futures.push(Box::pin(async {
                    Err(ToolError::from(
                        "error: this client cannot run tool calls of this kind",
                    ))
                }));
            }
        }
    }
    let results = join_all(futures).await;
    Ok(ids
        .into_iter()
        .zip(results)
        .map(|(id, result)| match result {
            Ok(output) => ToolOutput::new(id, output),
            Err(err) => ToolOutput::new(id, err.to_string()),
        })
        .collect())
}

/// How `Runs::run_tools` continues a run after submitting tool outputs.
///
/// ```
/// use std::time::Duration;
/// use openai_assistants::{PollOptions, RunToolsOptions};
///
/// let opts = RunToolsOptions::new()
///     .streaming(true)
///     .max_rounds(5)
///     .poll(PollOptions::new().timeout(Duration::from_secs(300)));
/// assert!(opts.streaming);
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct RunToolsOptions {
    /// Submit outputs with `submit_tool_outputs_stream` and follow the events (`true`), or with
    /// `submit_tool_outputs` and poll (`false`, the default).
    pub streaming: bool,
    /// How to poll (polling mode, and runs handed in before they are resting).
    pub poll: PollOptions,
    /// The most `requires_action` rounds answered before giving up (default 10, like
    /// openai-node's `maxChatCompletions`), so a model that keeps calling tools cannot loop
    /// forever.
    pub max_rounds: u32,
}

impl Default for RunToolsOptions {
    fn default() -> Self {
        RunToolsOptions {
            streaming: false,
            poll: PollOptions::default(),
            max_rounds: 10,
        }
    }
}

impl RunToolsOptions {
    /// Polling mode, default limits.
    pub fn new() -> Self {
        Self::default()
    }

    /// Chooses streaming (`true`) or polling (`false`).
    pub fn streaming(mut self, streaming: bool) -> Self {
        self.streaming = streaming;
        self
    }

    /// Sets the polling options.
    pub fn poll(mut self, poll: PollOptions) -> Self {
        self.poll = poll;
        self
    }

    /// Sets the round limit.
    pub fn max_rounds(mut self, max_rounds: u32) -> Self {
        self.max_rounds = max_rounds;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn call(id: &str, name: &str, args: &str) -> RequiredToolCall {
        serde_json::from_value(serde_json::json!({
            "id": id, "type": "function", "function": {"name": name, "arguments": args}
        }))
        .unwrap()
    }

    /// Handlers of one round run concurrently: two 100 ms handlers finish in 100 ms of
    /// (virtual) time, and outputs keep the call order; failures become the output text.
    #[tokio::test(start_paused = true)]
    async fn handlers_run_concurrently_in_call_order() {
        use openai_types::toolbox::RunnableTool;
        let schema = serde_json::json!({"type": "object"});
        let toolbox = Toolbox::new()
            .with(RunnableTool::new(
                "slow",
                "waits",
                schema.clone(),
                |args: serde_json::Value| async move {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    Ok::<_, String>(format!("slow:{args}"))
                },
            ))
            .with(RunnableTool::new(
                "fails",
                "fails",
                schema,
                |_: serde_json::Value| async { Err::<String, _>("boom") },
            ));
        let started = tokio::time::Instant::now();
        let outputs = execute_tool_calls(
            &toolbox,
            &[
                call("c1", "slow", "1"),
                call("c2", "slow", "2"),
                call("c3", "fails", "{}"),
                call("c4", "missing", "{}"),
            ],
        )
        .await
        .unwrap();
        assert_eq!(started.elapsed(), Duration::from_millis(100));
        let pairs: Vec<(&str, &str)> = outputs
            .iter()
            .map(|o| (o.tool_call_id.as_str(), o.output.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("c1", "slow:1"),
                ("c2", "slow:2"),
                ("c3", "boom"),
                (
                    "c4",
                    r#"Invalid tool_call: "missing". Available options are: "fails", "slow". Please try again"#
                ),
            ]
        );
    }
}
