//! [`ResponseStream`] and [`ResumableResponseStream`]: a streamed response as a named `Stream`
//! of events.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use core_http::kit::{EventStream, StreamSpec};
use core_http::{Error, ErrorKind, ResponseMeta, SseResponse, TimeoutKind};
use futures_core::Stream;
use openai_types::responses::{
    Response, ResponseAccumulateError, ResponseAccumulator, ResponseStreamEvent,
};

use crate::Responses;

/// Responses streams end with their terminal event (`response.completed`, `.failed`,
/// `.incomplete`), not with `[DONE]`; an `error` event ends them with an error.
pub(crate) const SPEC: StreamSpec<ResponseStreamEvent> = StreamSpec::json("response stream")
    .final_event(ResponseStreamEvent::is_terminal)
    .end_label("final `response.completed` / `failed` / `incomplete` event");

/// How many times a [`ResumableResponseStream`] re-opens a broken stream by default.
pub const DEFAULT_MAX_RESUMES: u32 = 3;

/// A response streamed as server-sent events (`event: <type>` + `data: <json>`, each with a
/// `sequence_number`).
///
/// Yields each [`ResponseStreamEvent`] as it arrives — event types this release does not know
/// included, as `ResponseStreamEvent::Unknown` — and folds it into a [`ResponseAccumulator`],
/// so [`snapshot`](Self::snapshot) has everything received so far, also after an error.
///
/// The stream ends after `response.completed`, `response.failed` or `response.incomplete`
/// (there is no `[DONE]`). It fails (and then ends) when the body stops before one of them
/// (`ErrorKind::Stream`), on an `error` event (`ErrorKind::Api` without a status, with the
/// event's code and message), or when no byte arrives for the idle timeout
/// (`Timeout(StreamIdle)`). Nothing is retried once the stream exists; a background response's
/// stream can be picked up again with [`Responses::retrieve_stream`] from
/// [`last_sequence_number`](Self::last_sequence_number), which
/// [`ResumableResponseStream`] does for you.
///
/// ```
/// # #![allow(clippy::unwrap_used)]
/// use openai_responses::Responses;
/// use openai_types::responses::{ResponseCreateRequest, ResponseStreamEvent};
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), core_http::Error> {
/// # let server = openai_mock::MockServer::start().await;
/// # let http = core_http::HttpClient::builder().endpoint(core_http::Endpoint::openai(server.base_url())?).credential(core_http::Credential::openai_key("sk-test")).build()?;
/// let request = ResponseCreateRequest::new("gpt-4.1-mini", "one two three");
/// let mut stream = Responses::new(&http).create_stream(&request).await?;
/// let mut text = String::new();
/// while let Some(event) = stream.next().await {
///     if let ResponseStreamEvent::OutputTextDelta(delta) = event? {
///         text.push_str(&delta.delta);
///     }
/// }
/// assert_eq!(text, "Echo: one two three");
/// assert_eq!(stream.into_response().await?.output_text(), text);
/// # Ok(()) }
/// ```
#[derive(Debug)]
#[must_use = "a stream does nothing unless polled"]
pub struct ResponseStream {
    decoder: EventStream<ResponseStreamEvent>,
    accumulator: ResponseAccumulator,
    response_id: Option<String>,
}

impl ResponseStream {
    pub(crate) fn new(response: SseResponse) -> Self {
        ResponseStream {
            decoder: EventStream::new(response, SPEC),
            accumulator: ResponseAccumulator::new(),
            response_id: None,
        }
    }

    /// The next event, without importing a `StreamExt` trait. `None` once the stream ended.
    pub async fn next(&mut self) -> Option<Result<ResponseStreamEvent, Error>> {
        std::future::poll_fn(|cx| self.poll_event(cx)).await
    }

    fn poll_event(
        &mut self,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<ResponseStreamEvent, Error>>> {
        let polled = self.decoder.poll_item(cx);
        if let Poll::Ready(Some(Ok(event))) = &polled {
            if self.response_id.is_none() {
                self.response_id = event
                    .response()
                    .filter(|r| !r.id.is_empty())
                    .map(|r| r.id.clone());
            }
            self.accumulator.push(event);
        }
        polled
    }

    /// Status, headers and request id of the streaming response.
    pub fn meta(&self) -> &ResponseMeta {
        self.decoder.meta()
    }

    /// The request id of the streaming response.
    pub fn request_id(&self) -> Option<&str> {
        self.decoder.request_id()
    }

    /// True once the stream ended (terminal event, error or end of body).
    pub fn is_finished(&self) -> bool {
        self.decoder.is_finished()
    }

    /// The `sequence_number` of the last event received (resume after it with
    /// [`Responses::retrieve_stream`]).
    pub fn last_sequence_number(&self) -> Option<u64> {
        self.accumulator.last_sequence_number()
    }

    /// The response id, once a lifecycle event (`response.created`, …) carried it.
    pub fn response_id(&self) -> Option<&str> {
        self.response_id.as_deref()
    }

    /// The response as received so far: always available, also after an error.
    pub fn snapshot(&self) -> Response {
        self.accumulator.snapshot()
    }

    /// The accumulator holding every event received so far.
    pub fn accumulated(&self) -> &ResponseAccumulator {
        &self.accumulator
    }

    /// Reads the rest of the stream and returns the response it describes, keeping the stream
    /// so [`snapshot`](Self::snapshot) still works when this fails.
    ///
    /// A `response.failed` or `response.incomplete` ending is not an error here: the returned
    /// response says so in its `status`, `error` and `incomplete_details`, as
    /// [`Responses::create`] would. Stream errors and a body that ends early are errors.
    pub async fn drain(&mut self) -> Result<Response, Error> {
        while let Some(event) = self.next().await {
            event?;
        }
        finish(&self.accumulator, self.request_id())
    }

    /// Reads the rest of the stream and returns the response it describes (see
    /// [`drain`](Self::drain), which keeps the snapshot on failure).
    pub async fn into_response(mut self) -> Result<Response, Error> {
        self.drain().await
    }
}

fn finish(accumulator: &ResponseAccumulator, request_id: Option<&str>) -> Result<Response, Error> {
    accumulator
        .clone()
        .finish()
        .map_err(|e: ResponseAccumulateError| {
            let err = Error::stream(format!("incomplete response stream: {e}"));
            match request_id {
                Some(id) => err.with_request_id(id),
                None => err,
            }
            .with_source(e)
        })
}

impl Stream for ResponseStream {
    type Item = Result<ResponseStreamEvent, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_event(cx)
    }
}

type Reopen<'c> = Pin<Box<dyn Future<Output = Result<ResponseStream, Error>> + Send + 'c>>;

enum State<'c> {
    // Boxed: a stream is large next to the re-open future, and is replaced once per re-open.
    Streaming(Box<ResponseStream>),
    Reopening(Reopen<'c>),
    Done,
}

/// A background response's stream that survives dropped connections.
///
/// When the connection breaks before the terminal event (the body ends early, the transport
/// fails, or it stays silent past the idle timeout), the stream is re-opened with
/// `GET /responses/{id}?stream=true&starting_after=<last sequence number>` — at most
/// `max_resumes` times for the whole stream — and reading continues. Events are delivered exactly once:
/// anything at or below the last sequence number already delivered is skipped. An `error`
/// event, an HTTP error when re-opening, or running out of resumes ends the stream with that
/// error; [`snapshot`](Self::snapshot) keeps everything received.
///
/// Only background responses (`background: true`) can be resumed: the service keeps their
/// events. Made by [`Responses::create_stream_resumable`] and
/// [`Responses::retrieve_stream_resumable`].
#[must_use = "a stream does nothing unless polled"]
pub struct ResumableResponseStream<'c> {
    responses: Responses<'c>,
    state: State<'c>,
    accumulator: ResponseAccumulator,
    response_id: Option<String>,
    last: Option<u64>,
    resumes: u32,
    max_resumes: u32,
    meta: Option<ResponseMeta>,
}

impl fmt::Debug for ResumableResponseStream<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResumableResponseStream")
            .field("response_id", &self.response_id)
            .field("last_sequence_number", &self.last)
            .field("resumes", &self.resumes)
            .field("max_resumes", &self.max_resumes)
            .finish_non_exhaustive()
    }
}

impl<'c> ResumableResponseStream<'c> {
    pub(crate) fn new(
        responses: Responses<'c>,
        first: ResponseStream,
        response_id: Option<String>,
        starting_after: Option<u64>,
        max_resumes: u32,
    ) -> Self {
        let meta = Some(first.meta().clone());
        ResumableResponseStream {
            responses,
            state: State::Streaming(Box::new(first)),
            accumulator: ResponseAccumulator::new(),
            response_id,
            last: starting_after,
            resumes: 0,
            max_resumes,
            meta,
        }
    }

    /// The next event, delivered once; `None` after the terminal event (or an error).
    pub async fn next(&mut self) -> Option<Result<ResponseStreamEvent, Error>> {
        std::future::poll_fn(|cx| self.poll_event(cx)).await
    }

    /// The response id (known from the first lifecycle event).
    pub fn response_id(&self) -> Option<&str> {
        self.response_id.as_deref()
    }

    /// The `sequence_number` of the last event delivered.
    pub fn last_sequence_number(&self) -> Option<u64> {
        self.last
    }

    /// How many times the stream was re-opened.
    pub fn resumes(&self) -> u32 {
        self.resumes
    }

    /// Status, headers and request id of the connection currently (or last) read.
    pub fn meta(&self) -> Option<&ResponseMeta> {
        match &self.state {
            State::Streaming(stream) => Some(stream.meta()),
            _ => self.meta.as_ref(),
        }
    }

    /// The response as received so far, across every connection.
    pub fn snapshot(&self) -> Response {
        self.accumulator.snapshot()
    }

    /// Reads the rest of the stream and returns the response it describes (see
    /// [`ResponseStream::drain`]).
    pub async fn drain(&mut self) -> Result<Response, Error> {
        while let Some(event) = self.next().await {
            event?;
        }
        let request_id = self.meta().and_then(|m| m.request_id.clone());
        finish(&self.accumulator, request_id.as_deref())
    }

    /// Reads the rest of the stream and returns the response it describes.
    pub async fn into_response(mut self) -> Result<Response, Error> {
        self.drain().await
    }

    fn poll_event(
        &mut self,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<ResponseStreamEvent, Error>>> {
        loop {
            match &mut self.state {
                State::Done => return Poll::Ready(None),
                State::Reopening(reopen) => match reopen.as_mut().poll(cx) {
                    Poll::Pending => return Poll::Pending,
                    Poll::Ready(Ok(stream)) => {
                        self.meta = Some(stream.meta().clone());
                        self.state = State::Streaming(Box::new(stream));
                    }
                    Poll::Ready(Err(err)) => {
                        self.state = State::Done;
                        return Poll::Ready(Some(Err(err)));
                    }
                },
                State::Streaming(stream) => match stream.poll_event(cx) {
                    Poll::Pending => return Poll::Pending,
                    Poll::Ready(None) => {
                        self.state = State::Done;
                        return Poll::Ready(None);
                    }
                    Poll::Ready(Some(Ok(event))) => {
                        let seq = event.sequence_number();
                        if let (Some(seq), Some(last)) = (seq, self.last) {
                            if seq <= last {
                                continue; // already delivered before the cut
                            }
                        }
                        if seq.is_some() {
                            self.last = seq;
                        }
                        if let Some(response) = event.response() {
                            if self.response_id.is_none() && !response.id.is_empty() {
                                self.response_id = Some(response.id.clone());
                            }
                        }
                        self.accumulator.push(&event);
                        return Poll::Ready(Some(Ok(event)));
                    }
                    Poll::Ready(Some(Err(err))) => {
                        let id = match (&self.response_id, is_connection_loss(&err)) {
                            (Some(id), true) if self.resumes < self.max_resumes => id.clone(),
                            _ => {
                                self.state = State::Done;
                                return Poll::Ready(Some(Err(err)));
                            }
                        };
                        self.resumes += 1;
                        let responses = self.responses.clone();
                        let after = self.last;
                        self.state = State::Reopening(Box::pin(async move {
                            responses.retrieve_stream(&id, after).await
                        }));
                    }
                },
            }
        }
    }
}

/// Whether a stream error means the connection was lost (worth re-opening), as opposed to an
/// error the service reported or a payload that did not decode.
fn is_connection_loss(err: &Error) -> bool {
    matches!(
        err.kind(),
        ErrorKind::Stream | ErrorKind::Io | ErrorKind::Timeout(TimeoutKind::StreamIdle)
    )
}

impl Stream for ResumableResponseStream<'_> {
    type Item = Result<ResponseStreamEvent, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_event(cx)
    }
}
