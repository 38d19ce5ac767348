//! [`AssistantEventStream`]: a streamed run, as typed events keyed by the SSE `event:` name.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use core_http::kit::{EventStream, StreamSpec};
use core_http::sse::SseEvent;
use core_http::{Error, ResponseMeta, SseResponse};
use futures_core::Stream;
use openai_types::assistant_stream::AssistantStreamEvent;
use openai_types::messages::{Message, MessageDeltaAccumulator};
use openai_types::runs::{Run, RunStatus};

/// The events of a streamed run (`create_stream`, `submit_tool_outputs_stream`,
/// `create_thread_and_run_stream`), in order.
///
/// - the SSE `event:` name selects the [`AssistantStreamEvent`] variant; names this release
///   does not know arrive as [`AssistantStreamEvent::Unknown`] with the raw JSON;
/// - `event: done` (data `[DONE]`) ends the stream normally: [`next`](Self::next) returns
///   `None` and `Done` itself is not yielded;
/// - `event: error` (or a `{"error": …}` payload) is returned as an `Err` and ends the stream;
/// - the body ending before `done` is an error ([`core_http::ErrorKind::Stream`]), never a
///   silently short run;
/// - empty keep-alive events are skipped.
///
/// HTTP errors (401, 404, 429 …) and retries happen before the stream is returned, so they come
/// from the `await` of the method that created it. Dropping the stream closes the connection;
/// the run itself continues on the service.
///
/// ```no_run
/// # async fn demo(http: &core_http::HttpClient) -> Result<(), core_http::Error> {
/// use openai_assistants::Runs;
/// use openai_types::assistant_stream::AssistantStreamEvent;
/// use openai_types::messages::MessageDeltaAccumulator;
/// use openai_types::runs::CreateRunRequest;
///
/// let mut stream = Runs::new(http).create_stream("thread_abc", &CreateRunRequest::new("asst_abc")).await?;
/// let mut messages = MessageDeltaAccumulator::new();
/// while let Some(event) = stream.next().await {
///     let event = event?;
///     messages.push_event(&event);
///     if let AssistantStreamEvent::ThreadMessageDelta(delta) = &event {
///         // print text as it arrives
/// #       let _ = delta;
///     }
/// }
/// for message in messages.messages() {
///     println!("{}", message.text());
/// }
/// # Ok(()) }
/// ```
#[must_use = "streams do nothing unless polled"]
pub struct AssistantEventStream {
    inner: EventStream<AssistantStreamEvent>,
}

impl fmt::Debug for AssistantEventStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AssistantEventStream")
            .field("request_id", &self.inner.request_id())
            .finish_non_exhaustive()
    }
}

/// Where a drained stream left the run: returned by
/// [`AssistantEventStream::until_requires_action_or_done`].
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct StreamOutcome {
    /// The last run snapshot the stream carried (`thread.run.*` event): `requires_action`, a
    /// terminal state, or `None` if the stream had no run event.
    pub run: Option<Run>,
    /// The messages the stream created or extended, folded from their deltas.
    pub messages: Vec<Message>,
    /// How many events were read.
    pub events: u64,
}

/// Assistant run events are keyed by their SSE `event:` name.
fn decode_event(event: &SseEvent) -> Result<AssistantStreamEvent, Error> {
    let name = event.event();
    AssistantStreamEvent::from_sse(name, event.data()).map_err(|e| {
        Error::decode(format!(
            "the `{name}` event of the assistants stream does not match its schema: {e}"
        ))
        .with_source(e)
    })
}

const SPEC: StreamSpec<AssistantStreamEvent> =
    StreamSpec::with_decoder("assistants run stream", decode_event).end_label("`done` event");

impl AssistantEventStream {
    pub(crate) fn new(response: SseResponse) -> Self {
        AssistantEventStream {
            inner: EventStream::new(response, SPEC),
        }
    }

    /// The next event; `None` after `done` (or after an error was returned).
    pub async fn next(&mut self) -> Option<Result<AssistantStreamEvent, Error>> {
        self.inner.next().await
    }

    /// The request id of the streaming response (`x-request-id`, or Azure's `apim-request-id`).
    pub fn request_id(&self) -> Option<&str> {
        self.inner.request_id()
    }

    /// Status, headers and request id of the streaming response.
    pub fn meta(&self) -> &ResponseMeta {
        self.inner.meta()
    }

    /// Reads events until the run needs tool outputs (`thread.run.requires_action`) or the stream
    /// ends, and returns the last run snapshot plus the messages folded from their deltas.
    ///
    /// The service ends a stream after `requires_action`; submit the outputs with
    /// `Runs::submit_tool_outputs_stream` to continue. Stream errors are returned as `Err`.
    pub async fn until_requires_action_or_done(&mut self) -> Result<StreamOutcome, Error> {
        let mut outcome = StreamOutcome::default();
        let mut messages = MessageDeltaAccumulator::new();
        while let Some(event) = self.next().await {
            let event = event?;
            outcome.events += 1;
            messages.push_event(&event);
            if let Some(message) = event.message() {
                // Completed messages carry the authoritative content.
                messages.start(message);
            }
            if let Some(run) = event.run() {
                let stop = run.status == RunStatus::RequiresAction;
                outcome.run = Some(run.clone());
                if stop {
                    break;
                }
            }
        }
        outcome.messages = messages.into_messages();
        Ok(outcome)
    }
}

impl Stream for AssistantEventStream {
    type Item = Result<AssistantStreamEvent, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().inner.poll_item(cx)
    }
}
