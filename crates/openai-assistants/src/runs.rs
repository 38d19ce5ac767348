//! [`Runs`]: create (plain, streamed, polled), retrieve, update, list, cancel and answer runs;
//! create a thread and run it; the polling helper and the tool-calling loop.

use crate::ctx::handle_methods;
use core_http::Error;
use core_http::http::Method;
use core_http::kit::Call;
use openai_types::runs::{
    CreateRunRequest, ModifyRunRequest, Run, RunStatus, SubmitToolOutputsRequest,
};
use openai_types::shared::{ListPage, ListParams};
use openai_types::threads::CreateThreadAndRunRequest;
use serde::Serialize;

use crate::ctx::Ctx;
use crate::pagination::{ItemStream, paginate};
use crate::stream::AssistantEventStream;
use crate::tools::{RunToolsOptions, execute_tool_calls};
use core_http::kit::path_segment;
use core_http::kit::{PollOptions, Polling};
use openai_types::toolbox::Toolbox;

/// The `/threads/{thread_id}/runs` resource (and `/threads/runs`). Every method takes the
/// thread id first.
///
/// Three ways to follow a run:
/// - **poll**: [`create_and_poll`](Self::create_and_poll) / [`poll`](Self::poll) wait until the
///   run is terminal or `requires_action`, pacing themselves by the server's
///   `openai-poll-after-ms` ([`PollOptions`]);
/// - **stream**: [`create_stream`](Self::create_stream) returns an [`AssistantEventStream`];
/// - **tools**: [`run_tools`](Self::run_tools) answers `requires_action` with your handlers
///   until the run is done.
///
/// ```no_run
/// # async fn demo(http: &core_http::HttpClient) -> Result<(), core_http::Error> {
/// use openai_assistants::{PollOptions, Runs, RunToolsOptions};
/// use openai_types::runs::CreateRunRequest;
/// use openai_types::toolbox::{RunnableTool, Toolbox};
///
/// let runs = Runs::new(http);
/// let run = runs.create_and_poll("thread_abc", &CreateRunRequest::new("asst_abc"), &PollOptions::new()).await?;
/// let tools = Toolbox::new().with(RunnableTool::new(
///     "get_weather",
///     "Current weather for a city",
///     serde_json::json!({"type": "object", "properties": {"city": {"type": "string"}}}),
///     |_args: serde_json::Value| async { Ok::<_, String>(r#"{"temperature_c": 22}"#) },
/// ));
/// let run = runs.run_tools("thread_abc", run, &tools, &RunToolsOptions::new()).await?;
/// println!("run {} ended {}", run.id, run.status);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Runs<'c> {
    ctx: Ctx<'c>,
}

handle_methods!(Runs);

impl<'c> Runs<'c> {
    /// `POST /threads/{thread_id}/runs`. Returns the run as created
    /// (usually `queued`); follow it with [`poll`](Self::poll) or use
    /// [`create_and_poll`](Self::create_and_poll) / [`create_stream`](Self::create_stream).
    pub fn create(&self, thread_id: &str, request: &CreateRunRequest) -> Call<Run> {
        Call::try_build(|| {
            let path = runs_path(thread_id)?;
            Ok(self.ctx.post(&path, "threads.runs.create", request))
        })
    }

    /// `POST /threads/{thread_id}/runs` with `"stream": true`: the run's events.
    pub async fn create_stream(
        &self,
        thread_id: &str,
        request: &CreateRunRequest,
    ) -> Result<AssistantEventStream, Error> {
        let path = runs_path(thread_id)?;
        self.stream(&path, "threads.runs.create_stream", request)
            .await
    }

    /// Creates a run, then [`poll`](Self::poll)s it until it is terminal or `requires_action`.
    pub async fn create_and_poll(
        &self,
        thread_id: &str,
        request: &CreateRunRequest,
        poll: &PollOptions,
    ) -> Result<Run, Error> {
        let run = self.create(thread_id, request).await?;
        self.poll(thread_id, &run.id, poll).await
    }

    /// `GET /threads/{thread_id}/runs/{run_id}`.
    pub fn retrieve(&self, thread_id: &str, run_id: &str) -> Call<Run> {
        Call::try_build(|| {
            let path = run_path(thread_id, run_id)?;
            Ok(self.ctx.get(&path, "threads.runs.retrieve"))
        })
    }

    /// `POST /threads/{thread_id}/runs/{run_id}`: metadata only.
    pub fn update(&self, thread_id: &str, run_id: &str, request: &ModifyRunRequest) -> Call<Run> {
        Call::try_build(|| {
            let path = run_path(thread_id, run_id)?;
            Ok(self.ctx.post(&path, "threads.runs.update", request))
        })
    }

    /// `GET /threads/{thread_id}/runs`: one page.
    pub fn list(&self, thread_id: &str, params: &ListParams) -> Call<ListPage<Run>> {
        Call::try_build(|| {
            let path = runs_path(thread_id)?;
            Ok(self
                .ctx
                .get_query(&path, "threads.runs.list", params.to_query()))
        })
    }

    /// Every run of a thread, page by page (see [`ItemStream`]).
    pub fn list_all(&self, thread_id: &str, params: &ListParams) -> ItemStream<'c, Run> {
        paginate(
            self.ctx.clone(),
            runs_path(thread_id),
            "threads.runs.list",
            params.clone(),
        )
    }

    /// `POST /threads/{thread_id}/runs/{run_id}/cancel`. The run comes back
    /// `cancelling`; [`poll`](Self::poll) it to see `cancelled`.
    pub fn cancel(&self, thread_id: &str, run_id: &str) -> Call<Run> {
        Call::try_build(|| {
            let path = format!("{}/cancel", run_path(thread_id, run_id)?);
            Ok(self.ctx.post_empty(&path, "threads.runs.cancel"))
        })
    }

    /// `POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs`.
    pub fn submit_tool_outputs(
        &self,
        thread_id: &str,
        run_id: &str,
        request: &SubmitToolOutputsRequest,
    ) -> Call<Run> {
        Call::try_build(|| {
            let path = format!("{}/submit_tool_outputs", run_path(thread_id, run_id)?);
            Ok(self
                .ctx
                .post(&path, "threads.runs.submit_tool_outputs", request))
        })
    }

    /// `submit_tool_outputs` with `"stream": true`: the continued run's events.
    pub async fn submit_tool_outputs_stream(
        &self,
        thread_id: &str,
        run_id: &str,
        request: &SubmitToolOutputsRequest,
    ) -> Result<AssistantEventStream, Error> {
        let path = format!("{}/submit_tool_outputs", run_path(thread_id, run_id)?);
        self.stream(&path, "threads.runs.submit_tool_outputs_stream", request)
            .await
    }

    /// Submits tool outputs, then [`poll`](Self::poll)s the run.
    pub async fn submit_tool_outputs_and_poll(
        &self,
        thread_id: &str,
        run_id: &str,
        request: &SubmitToolOutputsRequest,
        poll: &PollOptions,
    ) -> Result<Run, Error> {
        let run = self.submit_tool_outputs(thread_id, run_id, request).await?;
        self.poll(thread_id, &run.id, poll).await
    }

    /// `POST /threads/runs`: create a thread and run it in one request.
    pub fn create_thread_and_run(&self, request: &CreateThreadAndRunRequest) -> Call<Run> {
        self.ctx
            .post("/threads/runs", "threads.create_and_run", request)
    }

    /// `POST /threads/runs` with `"stream": true` (the first event is `thread.created`).
    pub async fn create_thread_and_run_stream(
        &self,
        request: &CreateThreadAndRunRequest,
    ) -> Result<AssistantEventStream, Error> {
        self.stream("/threads/runs", "threads.create_and_run_stream", request)
            .await
    }

    /// Creates a thread and run, then [`poll`](Self::poll)s the run.
    pub async fn create_thread_and_run_poll(
        &self,
        request: &CreateThreadAndRunRequest,
        poll: &PollOptions,
    ) -> Result<Run, Error> {
        let run = self.create_thread_and_run(request).await?;
        self.poll(&run.thread_id, &run.id, poll).await
    }

    /// Retrieves the run until it is terminal (`completed`, `failed`, `cancelled`, `expired`,
    /// `incomplete`) or `requires_action`, and returns that snapshot.
    ///
    /// The first retrieve is immediate. Between retrieves it sleeps as [`PollOptions`] says
    /// (explicit interval, else the server's `openai-poll-after-ms`, else 1 s). Statuses this
    /// release does not know keep it polling. When the next sleep would pass the timeout it
    /// returns a [`TimeoutKind::Total`](core_http::TimeoutKind::Total) error. Each retrieve carries
    /// `X-Stainless-Poll-Helper: true` (and `X-Stainless-Custom-Poll-Interval` with an explicit
    /// interval), as openai-python sends.
    pub async fn poll(
        &self,
        thread_id: &str,
        run_id: &str,
        options: &PollOptions,
    ) -> Result<Run, Error> {
        let path = run_path(thread_id, run_id)?;
        let mut polling = Polling::new(options);
        loop {
            let mut request = self
                .ctx
                .request(Method::GET, &path, "threads.runs.poll")
                .header("x-stainless-poll-helper", "true");
            if let Some(interval) = options.fixed_interval() {
                request = request.header(
                    "x-stainless-custom-poll-interval",
                    &interval.as_millis().to_string(),
                );
            }
            let (run, meta) = polling
                .bounded(request.send_json_with_meta::<Run>())
                .await?;
            if run.status == RunStatus::RequiresAction || run.status.is_terminal() {
                return Ok(run);
            }
            polling.wait(&meta, run.status.as_str()).await?;
        }
    }

    /// The tool-calling loop: while `run` is `requires_action`, runs `handlers` for its tool
    /// calls (concurrently when there are several), submits the outputs and follows the run —
    /// by polling, or by streaming with [`RunToolsOptions::streaming`] — until it is terminal.
    ///
    /// `run` may be in any state: a run that is still `queued`/`in_progress` is polled first, a
    /// terminal one is returned as is. Gives up with an `InvalidRequest` error after
    /// [`RunToolsOptions::max_rounds`] rounds. Returns the final run; read its messages with
    /// `Messages::list`.
    pub async fn run_tools(
        &self,
        thread_id: &str,
        run: Run,
        handlers: &Toolbox,
        options: &RunToolsOptions,
    ) -> Result<Run, Error> {
        let mut run = run;
        let mut rounds: u32 = 0;
        loop {
            if run.status.is_terminal() {
                return Ok(run);
            }
            if run.status != RunStatus::RequiresAction {
                run = self.poll(thread_id, &run.id, &options.poll).await?;
                continue;
            }
            rounds += 1;
            if rounds > options.max_rounds {
                return Err(Error::invalid_request(format!(
                    "run {} still requires tool outputs after {} rounds (RunToolsOptions::max_rounds)",
                    run.id, options.max_rounds
                )));
            }
            let outputs = execute_tool_calls(handlers, run.required_tool_calls()).await?;
            let request = SubmitToolOutputsRequest::new(outputs);
            if options.streaming {
                let mut events = self
                    .submit_tool_outputs_stream(thread_id, &run.id, &request)
                    .await?;
                let outcome = events.until_requires_action_or_done().await?;
                run = match outcome.run {
                    Some(next) => next,
                    // No run event at all: look the run up rather than guess.
                    None => self.poll(thread_id, &run.id, &options.poll).await?,
                };
            } else {
                let submitted = self
                    .submit_tool_outputs(thread_id, &run.id, &request)
                    .await?;
                run = self.poll(thread_id, &submitted.id, &options.poll).await?;
            }
        }
    }

    /// Sends `body` with `"stream": true` added and wraps the event stream.
    async fn stream<B: Serialize + ?Sized>(
        &self,
        path: &str,
        operation: &'static str,
        body: &B,
    ) -> Result<AssistantEventStream, Error> {
        let mut json = match serde_json::to_value(body) {
            Ok(serde_json::Value::Object(map)) => map,
            Ok(_) => {
                return Err(Error::invalid_request(
                    "a streaming request body must be a JSON object",
                ));
            }
            Err(e) => {
                return Err(Error::invalid_request(
                    "the request body could not be serialized to JSON",
                )
                .with_source(e));
            }
        };
        json.insert("stream".to_owned(), serde_json::Value::Bool(true));
        let response = self
            .ctx
            .request(Method::POST, path, operation)
            .header("accept", "text/event-stream")
            .json(&json)
            .send_sse()
            .await?;
        Ok(AssistantEventStream::new(response))
    }
}

fn runs_path(thread_id: &str) -> Result<String, Error> {
    Ok(format!(
        "/threads/{}/runs",
        path_segment(thread_id, "thread_id")?
    ))
}

fn run_path(thread_id: &str, run_id: &str) -> Result<String, Error> {
    Ok(format!(
        "{}/{}",
        runs_path(thread_id)?,
        path_segment(run_id, "run_id")?
    ))
}
