//! The tool-calling run loop's pieces: [`ToolHandlers`] (your async functions by name) and
//! [`RunToolsOptions`]. The loop itself is `Runs::run_tools`.

use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use core_http::Error;
use openai_types::runs::{RequiredFunctionCall, RequiredToolCall, ToolOutput};

use core_http::kit::{PollOptions, join_all};

type HandlerFuture = Pin<Box<dyn Future<Output = Result<String, String>> + Send>>;
type Handler = Arc<dyn Fn(RequiredFunctionCall) -> HandlerFuture + Send + Sync>;

/// Your async tool functions, by function name, for `Runs::run_tools`.
///
/// A handler receives the call (its `id`, `function.name` and `function.arguments` — a JSON
/// string written by the model, so parse and validate it) and returns the output string to
/// submit. When a handler returns `Err(e)`, the text of `e` is submitted as the output so the
/// model can react (as openai-node's `runTools` does); a call to a function with no handler is
/// answered the same way, naming the functions that exist. Several calls of one
/// `requires_action` run concurrently.
///
/// ```
/// use openai_assistants::ToolHandlers;
///
/// let handlers = ToolHandlers::new()
///     .function("get_weather", |call| async move {
///         let args: serde_json::Value = serde_json::from_str(&call.function.arguments)
///             .map_err(|e| format!("bad arguments: {e}"))?;
///         Ok::<_, String>(format!("22C and sunny in {}", args["city"]))
///     });
/// assert!(handlers.contains("get_weather"));
/// ```
#[derive(Clone, Default)]
pub struct ToolHandlers {
    handlers: BTreeMap<String, Handler>,
}

impl fmt::Debug for ToolHandlers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ToolHandlers")
            .field("functions", &self.handlers.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl ToolHandlers {
    /// No handlers yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers `handler` for function `name` (replacing an earlier one).
    pub fn function<F, Fut, O, E>(mut self, name: impl Into<String>, handler: F) -> Self
    where
        F: Fn(RequiredFunctionCall) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<O, E>> + Send + 'static,
        O: Into<String> + 'static,
        E: fmt::Display + 'static,
    {
        let handler = Arc::new(handler);
        self.handlers.insert(
            name.into(),
            Arc::new(move |call| {
                let fut = handler(call);
                Box::pin(async move { fut.await.map(Into::into).map_err(|e| e.to_string()) })
            }),
        );
        self
    }

    /// Whether a handler is registered for `name`.
    pub fn contains(&self, name: &str) -> bool {
        self.handlers.contains_key(name)
    }

    /// Runs the handlers for `calls` concurrently and returns one output per call, in order.
    ///
    /// Fails only for a call that cannot be answered at all: an unknown tool kind without an
    /// id.
    pub async fn execute(&self, calls: &[RequiredToolCall]) -> Result<Vec<ToolOutput>, Error> {
        let mut ids = Vec::with_capacity(calls.len());
        let mut futures: Vec<HandlerFuture> = Vec::with_capacity(calls.len());
        for call in calls {
            match call {
                RequiredToolCall::Function(call) => {
                    ids.push(call.id.clone());
                    futures.push(match self.handlers.get(&call.function.name) {
                        Some(handler) => handler(call.clone()),
                        None => {
                            let message = format!(
                                "error: no function named `{}`; available functions: {}",
                                call.function.name,
                                self.names()
                            );
                            Box::pin(async move { Err(message) })
                        }
                    });
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
                        Err("error: this client cannot run tool calls of this kind".to_owned())
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
                Err(message) => ToolOutput::new(id, message),
            })
            .collect())
    }

    fn names(&self) -> String {
        if self.handlers.is_empty() {
            return "(none)".to_owned();
        }
        self.handlers
            .keys()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", ")
    }
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
    /// (virtual) time, and outputs keep the call order.
    #[tokio::test(start_paused = true)]
    async fn handlers_run_concurrently_in_call_order() {
        let handlers = ToolHandlers::new()
            .function("slow", |call: RequiredFunctionCall| async move {
                tokio::time::sleep(Duration::from_millis(100)).await;
                Ok::<_, String>(format!("slow:{}", call.function.arguments))
            })
            .function("fails", |_call| async { Err::<String, _>("boom") });
        let started = tokio::time::Instant::now();
        let outputs = handlers
            .execute(&[
                call("c1", "slow", "1"),
                call("c2", "slow", "2"),
                call("c3", "fails", "{}"),
                call("c4", "missing", "{}"),
            ])
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
                    "error: no function named `missing`; available functions: fails, slow"
                ),
            ]
        );
    }
}
