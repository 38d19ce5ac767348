//! [`ResponseStream`] and [`ResumableResponseStream`]: a streamed response as a named `Stream`
//! of events.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use core_http::kit::{EventStream, StreamSpec, decode_event_json};
use core_http::sse::SseEvent;
use core_http::{Error, ErrorKind, ResponseMeta, SseResponse, TimeoutKind};
use futures_core::Stream;
use openai_types::responses::{
    Response, ResponseAccumulateError, ResponseAccumulator, ResponseStreamEvent,
    ResponseStreamEventRef, ResponseTextDeltaRef,
};

use crate::Responses;

/// Responses streams end with their terminal event (`response.completed`, `.failed`,
/// `.incomplete`), not with `[DONE]`; an `error` event ends them with an error.
pub(crate) const SPEC: StreamSpec<Decoded> =
    StreamSpec::with_decoder("response stream", decode_general)
        .fast_path(decode_fast)
        .final_event(Decoded::is_terminal)
        .end_label("final `response.completed` / `failed` / `incomplete` event")
        .observe(observe);

/// What the event decoder hands the stream: a text delta still as its event (decoded owned or
/// borrowed by the caller), or any other event decoded.
#[derive(Debug)]
pub(crate) enum Decoded {
    TextDelta(SseEvent),
    Event(ResponseStreamEvent),
}

impl Decoded {
    fn is_terminal(&self) -> bool {
        matches!(self, Decoded::Event(e) if e.is_terminal())
    }
}

fn observe(decoded: &Decoded, out: &mut core_http::telemetry::GenAiResponse) {
    if let Decoded::Event(e) = decoded {
        crate::telemetry::event(e, out);
    }
}

fn decode_general(event: &SseEvent) -> Result<Decoded, Error> {
    decode_event_json(event).map(Decoded::Event)
}

/// The high-volume deltas, straight from the event text. The open union reads every event
/// into a JSON tree first to find its `type`; when the data starts with the `type` of a delta
/// (the service always writes it first), the delta struct is decoded directly instead. Text
/// deltas are only recognised here, and decoded by the stream (owned, or borrowed for
/// `next_ref`). Anything else, and a delta that does not decode this way, returns `None` and
/// takes the general path (same result, and its errors name the failing field). An event taken
/// here is a delta, not an error object, so the stream skips its search for an `error` member.
fn decode_fast(event: SseEvent) -> Result<Decoded, SseEvent> {
    let data = event.data();
    // Matching whole prefixes (name, closing quote and the comma that continues the object)
    // reads each payload's head once; an escaped name never matches and goes the general way.
    let Some(rest) = data.strip_prefix(r#"{"type":"response."#) else {
        return Err(event);
    };
    let decoded = match rest.as_bytes().first() {
        Some(b'o') if rest.starts_with(r#"output_text.delta","#) => {
            return Ok(Decoded::TextDelta(event));
        }
        Some(b'f') if rest.starts_with(r#"function_call_arguments.delta","#) => {
            serde_json::from_str(data)
                .ok()
                .map(ResponseStreamEvent::FunctionCallArgumentsDelta)
        }
        Some(b'r') if rest.starts_with(r#"reasoning_summary_text.delta","#) => {
            serde_json::from_str(data)
                .ok()
                .map(ResponseStreamEvent::ReasoningSummaryTextDelta)
        }
        Some(b'r') if rest.starts_with(r#"reasoning_text.delta","#) => serde_json::from_str(data)
            .ok()
            .map(ResponseStreamEvent::ReasoningTextDelta),
        Some(b'r') if rest.starts_with(r#"refusal.delta","#) => serde_json::from_str(data)
            .ok()
            .map(ResponseStreamEvent::RefusalDelta),
        _ => None,
    };
    match decoded {
        Some(decoded) => Ok(Decoded::Event(decoded)),
        None => Err(event),
    }
}

/// A text delta the fast path recognised, decoded owned; if it does not decode as the delta
/// struct, the general path decides (and its error names the failing field).
fn decode_text_delta(raw: &SseEvent) -> Result<ResponseStreamEvent, Error> {
    match serde_json::from_str(raw.data()) {
        Ok(delta) => Ok(ResponseStreamEvent::OutputTextDelta(delta)),
        Err(_) => decode_event_json(raw),
    }
}

/// Folds an owned event into the stream's accumulator and remembers the response id.
fn fold(
    accumulator: &mut ResponseAccumulator,
    response_id: &mut Option<String>,
    event: &ResponseStreamEvent,
) {
    if response_id.is_none() {
        *response_id = event
            .response()
            .filter(|r| !r.id.is_empty())
            .map(|r| r.id.clone());
    }
    accumulator.push(event);
}

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
/// use openai_sdk::responses::{ResponseCreateRequest, ResponseStreamEvent};
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), openai_sdk::Error> {
/// # let server = openai_mock::MockServer::start().await;
/// # let client = openai_sdk::Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
/// let request = ResponseCreateRequest::new("gpt-4.1-mini", "one two three");
/// let mut stream = client.responses().create_stream(&request).await?;
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
    decoder: EventStream<Decoded>,
    accumulator: ResponseAccumulator,
    response_id: Option<String>,
    /// The event the last `next_ref` text delta borrows from.
    lent: Option<SseEvent>,
}

impl ResponseStream {
    pub(crate) fn new(response: SseResponse) -> Self {
        ResponseStream {
            decoder: EventStream::new(response, SPEC),
            accumulator: ResponseAccumulator::new(),
            response_id: None,
            lent: None,
        }
    }

    /// The next event, without importing a `StreamExt` trait. `None` once the stream ended.
    pub async fn next(&mut self) -> Option<Result<ResponseStreamEvent, Error>> {
        std::future::poll_fn(|cx| self.poll_event(cx)).await
    }

    /// The next event, with text deltas borrowed from the received bytes: the same events as
    /// [`next`](Self::next), but `response.output_text.delta` comes as a
    /// [`ResponseTextDeltaRef`] whose id and (escape-free) text are not copied. The borrow ends
    /// at the next call; [`ResponseStreamEventRef::into_owned`] keeps an event. Both methods
    /// feed the same accumulator, and may be mixed.
    ///
    /// ```
    /// # #![allow(clippy::unwrap_used)]
    /// use openai_sdk::responses::ResponseCreateRequest;
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), openai_sdk::Error> {
    /// # let server = openai_mock::MockServer::start().await;
    /// # let client = openai_sdk::Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
    /// let request = ResponseCreateRequest::new("gpt-4.1-mini", "one two three");
    /// let mut stream = client.responses().create_stream(&request).await?;
    /// let mut text = String::new();
    /// while let Some(event) = stream.next_ref().await {
    ///     if let Some(delta) = event?.text_delta() {
    ///         text.push_str(delta);
    ///     }
    /// }
    /// assert_eq!(text, "Echo: one two three");
    /// assert_eq!(stream.snapshot().output_text(), text);
    /// # Ok(()) }
    /// ```
    pub async fn next_ref(&mut self) -> Option<Result<ResponseStreamEventRef<'_>, Error>> {
        let decoded = match std::future::poll_fn(|cx| self.decoder.poll_item(cx)).await? {
            Ok(decoded) => decoded,
            Err(err) => return Some(Err(err)),
        };
        let event = match decoded {
            Decoded::Event(event) => event,
            Decoded::TextDelta(raw) => {
                let raw: &SseEvent = self.lent.insert(raw);
                match serde_json::from_str::<ResponseTextDeltaRef<'_>>(raw.data()) {
                    Ok(delta) => {
                        let event = ResponseStreamEventRef::OutputTextDelta(delta);
                        self.accumulator.push_ref(&event);
                        return Some(Ok(event));
                    }
                    Err(_) => match decode_event_json::<ResponseStreamEvent>(raw) {
                        Ok(event) => event,
                        Err(err) => return Some(Err(self.decoder.fail_with(err))),
                    },
                }
            }
        };
        // Field by field: `self.lent` may still be lent out on the path that returned above.
        fold(&mut self.accumulator, &mut self.response_id, &event);
        Some(Ok(ResponseStreamEventRef::Event(event)))
    }

    fn poll_event(
        &mut self,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<ResponseStreamEvent, Error>>> {
        let event = match std::task::ready!(self.decoder.poll_item(cx)) {
            None => return Poll::Ready(None),
            Some(Err(err)) => return Poll::Ready(Some(Err(err))),
            Some(Ok(Decoded::Event(event))) => event,
            Some(Ok(Decoded::TextDelta(raw))) => match decode_text_delta(&raw) {
                Ok(event) => event,
                Err(err) => return Poll::Ready(Some(Err(self.decoder.fail_with(err)))),
            },
        };
        fold(&mut self.accumulator, &mut self.response_id, &event);
        Poll::Ready(Some(Ok(event)))
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

#[cfg(test)]
mod tests {
    use core_http::sse::{DEFAULT_MAX_EVENT_BYTES, SseParser};

    use super::*;

    fn events(text: &str) -> Vec<SseEvent> {
        let mut parser = SseParser::new(DEFAULT_MAX_EVENT_BYTES);
        parser.feed(text.to_owned().into());
        let mut out = Vec::new();
        while let Some(event) = parser.next_event() {
            out.push(event.unwrap());
        }
        out
    }

    /// What the stream yields for a non-error event: the fast path, else the general decoder.
    fn decode_event(event: &SseEvent) -> Result<ResponseStreamEvent, Error> {
        match decode_fast(event.clone()) {
            Ok(Decoded::Event(event)) => Ok(event),
            Ok(Decoded::TextDelta(raw)) => decode_text_delta(&raw),
            Err(event) => decode_event_json(&event),
        }
    }

    /// The fast path (owned and, for text deltas, borrowed) must give exactly what the general
    /// decoder gives.
    fn assert_same(event: &SseEvent) {
        let fast = decode_event(event).unwrap();
        let general: ResponseStreamEvent = decode_event_json(event).unwrap();
        assert_eq!(fast, general, "{}", event.data());
        if let Ok(Decoded::TextDelta(raw)) = decode_fast(event.clone()) {
            let lent: ResponseTextDeltaRef<'_> = serde_json::from_str(raw.data()).unwrap();
            let lent = ResponseStreamEventRef::OutputTextDelta(lent);
            assert_eq!(lent.text_delta(), general_text(&general));
            assert_eq!(lent.into_owned(), general, "{}", event.data());
        }
    }

    fn general_text(event: &ResponseStreamEvent) -> Option<&str> {
        match event {
            ResponseStreamEvent::OutputTextDelta(d) => Some(&d.delta),
            _ => None,
        }
    }

    #[test]
    fn the_fast_path_takes_only_a_plain_leading_delta_type() {
        let cases = [
            (r#"{"type":"response.output_text.delta","delta":"a"}"#, true),
            (r#"{"type":"response.refusal.delta","delta":"a"}"#, true),
            (r#"{"type":"response.completed","response":{}}"#, false),
            (r#"{"type":"response.output_text.done","text":"a"}"#, false),
            (
                r#"{"sequence_number":1,"type":"response.output_text.delta"}"#,
                false,
            ),
            (
                r#"{ "type":"response.output_text.delta","delta":"a"}"#,
                false,
            ),
            (
                r#"{"type":"response.output_text\u002edelta","delta":"a"}"#,
                false,
            ),
            (r#"{"type":"response.output_text.delta"}"#, false),
            (
                r#"{"type":"response.output_text.deltas","delta":"a"}"#,
                false,
            ),
            // Not decodable as the delta: the general path names the field.
            (
                r#"{"type":"response.function_call_arguments.delta","delta":7}"#,
                false,
            ),
        ];
        for (data, fast) in cases {
            let parsed = events(&format!("data: {data}\n\n"));
            assert_eq!(decode_fast(parsed[0].clone()).is_ok(), fast, "{data}");
        }
    }

    #[test]
    fn deltas_decode_the_same_on_the_fast_path() {
        let text = concat!(
            "event: response.output_text.delta\n",
            r#"data: {"type":"response.output_text.delta","sequence_number":4,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"caf\u00e9 \"q\"\n","logprobs":[],"obfuscation":"lOokrPj8"}"#,
            "\n\n",
            r#"data: {"type":"response.output_text.delta","sequence_number":5,"item_id":"msg_1","output_index":0,"content_index":0,"delta":" x","logprobs":[{"token":" x","logprob":-0.25,"bytes":[32,120],"top_logprobs":[]}]}"#,
            "\n\n",
            r#"data: {"type":"response.function_call_arguments.delta","sequence_number":6,"item_id":"fc_1","output_index":1,"delta":"{\"a\":","obfuscation":"z"}"#,
            "\n\n",
            r#"data: {"type":"response.reasoning_summary_text.delta","sequence_number":7,"item_id":"rs_1","output_index":0,"summary_index":0,"delta":"Think"}"#,
            "\n\n",
            r#"data: {"type":"response.reasoning_text.delta","sequence_number":8,"item_id":"rs_1","output_index":0,"content_index":0,"delta":"Hm"}"#,
            "\n\n",
            r#"data: {"type":"response.refusal.delta","sequence_number":9,"item_id":"msg_2","output_index":2,"content_index":0,"delta":"No"}"#,
            "\n\n",
            // Not a fast-path layout: the general decoder still reads it.
            r#"data: {"sequence_number":10,"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":"!"}"#,
            "\n\n",
        );
        let events = events(text);
        assert_eq!(events.len(), 7);
        for event in &events {
            assert_same(event);
        }
        match decode_event(&events[0]).unwrap() {
            ResponseStreamEvent::OutputTextDelta(d) => {
                assert_eq!(d.delta, "café \"q\"\n");
                assert_eq!(d.sequence_number, Some(4));
            }
            other => panic!("not a text delta: {other:?}"),
        }
    }

    #[test]
    fn a_malformed_delta_fails_with_the_general_error() {
        let events = events(concat!(
            r#"data: {"type":"response.output_text.delta","sequence_number":"four","delta":"a"}"#,
            "\n\n",
        ));
        let fast = decode_event(&events[0]).unwrap_err();
        let general = decode_event_json::<ResponseStreamEvent>(&events[0]).unwrap_err();
        assert_eq!(fast.to_string(), general.to_string());
    }

    /// Every event of the recorded Responses streams decodes the same on both paths.
    #[test]
    fn recorded_streams_decode_the_same_on_the_fast_path() {
        let dir = std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/testdata/real/responses_stream"
        ));
        let Ok(entries) = std::fs::read_dir(dir) else {
            assert!(
                std::env::var_os("CI").is_none(),
                "{} not found and CI is set",
                dir.display()
            );
            println!("NOTICE: {} not found; skipping", dir.display());
            return;
        };
        let mut deltas = 0;
        for entry in entries {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "sse") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for event in events(&text) {
                if event.event() == "error" || event.data().trim().is_empty() {
                    continue;
                }
                if decode_event_json::<ResponseStreamEvent>(&event).is_err() {
                    continue; // not decodable on either path (checked by the types' tests)
                }
                deltas += usize::from(decode_fast(event.clone()).is_ok());
                assert_same(&event);
            }
        }
        assert!(deltas > 100, "only {deltas} deltas in the recordings");
    }
}
