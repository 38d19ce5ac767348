//! [`EventStream`]: the one decoder behind every streamed operation (chat and completion
//! chunks, assistant run events, Responses events, transcription events).
//!
//! The rules every stream keeps, whatever its event type:
//! - an event whose data is empty or only whitespace is a keep-alive and is skipped;
//! - `data: [DONE]` (or an `event: done`) ends the stream normally and is not yielded;
//!   an event the [`StreamSpec`] calls final (e.g. `response.completed`) is yielded and then
//!   ends it;
//! - after the end, the rest of the body is awaited briefly (at most [`DRAIN_GRACE`] and a few
//!   events, none of them parsed) so the connection can go back to the pool; otherwise the
//!   body is dropped and the connection closed;
//! - `event: error`, or a payload whose top-level `error` member is set, ends the stream with
//!   an API error (no status) carrying the service's code and message;
//! - a payload that does not decode is a `Decode` error naming the JSON path;
//! - the body ending before the end is a `Stream` error naming how many events arrived;
//! - a silent body is a `Timeout(StreamIdle)` (from the response body's idle timer);
//! - every error carries the request id, and the stream yields nothing after an error.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures_core::Stream;
use serde::de::DeserializeOwned;
use tokio::time::Sleep;

use crate::error::{Error, decode_json};
use crate::request::ResponseMeta;
use crate::sse::SseEvent;
use crate::sse_stream::{SseResponse, SseStream};
use crate::telemetry::{CallTelemetry, GenAiResponse, Observer};

/// How long the end of the body is awaited after the stream's end before the connection is
/// given up.
pub const DRAIN_GRACE: Duration = Duration::from_millis(200);

/// Events read (and discarded unparsed) after the end before the connection is given up.
const MAX_EVENTS_AFTER_END: u32 = 8;

/// What a stream's events are and how it ends.
///
/// ```
/// use core_http::kit::StreamSpec;
///
/// #[derive(serde::Deserialize)]
/// struct Chunk { text: String }
///
/// // Chunks end with `data: [DONE]`.
/// const CHUNKS: StreamSpec<Chunk> = StreamSpec::json("chunk stream");
/// // Typed events whose last one is `finished` (no `[DONE]` follows).
/// #[derive(serde::Deserialize)]
/// struct Event { r#type: String }
/// const EVENTS: StreamSpec<Event> = StreamSpec::json("event stream")
///     .final_event(|e: &Event| e.r#type == "finished")
///     .end_label("`finished` event");
/// # let _ = (CHUNKS, EVENTS);
/// ```
pub struct StreamSpec<T> {
    name: &'static str,
    end_label: &'static str,
    decode: fn(&SseEvent) -> Result<T, Error>,
    fast: Option<fn(SseEvent) -> Result<T, SseEvent>>,
    is_final: fn(&T) -> bool,
    observe: Option<Observer<T>>,
}

impl<T> Clone for StreamSpec<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for StreamSpec<T> {}

impl<T> fmt::Debug for StreamSpec<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StreamSpec")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

fn never<T>(_: &T) -> bool {
    false
}

impl<T: DeserializeOwned> StreamSpec<T> {
    /// Events whose data is the JSON of `T` (whatever the SSE event name); the stream ends at
    /// `data: [DONE]`. `name` appears in error messages ("chat completion stream").
    pub const fn json(name: &'static str) -> Self {
        StreamSpec {
            name,
            end_label: "[DONE] terminator",
            decode: decode_event_json::<T>,
            fast: None,
            is_final: never::<T>,
            observe: None,
        }
    }
}

impl<T> StreamSpec<T> {
    /// Events decoded by `decode`, which sees the whole event (name and data).
    pub const fn with_decoder(
        name: &'static str,
        decode: fn(&SseEvent) -> Result<T, Error>,
    ) -> Self {
        StreamSpec {
            name,
            end_label: "[DONE] terminator",
            decode,
            fast: None,
            is_final: never::<T>,
            observe: None,
        }
    }

    /// A cheaper decoder tried first, for a stream's high-volume events: when it returns an
    /// item, that item is the event, and the payload is not searched for an error member (so
    /// it must only accept event kinds that are never error objects, e.g. text deltas whose
    /// `type` it checked); handing the event back sends it through the checks and the decoder
    /// as usual. It takes the event by value so an item may keep it (to be decoded later, or
    /// borrowed from) without a copy. An event named `error` never reaches it.
    pub const fn fast_path(mut self, fast: fn(SseEvent) -> Result<T, SseEvent>) -> Self {
        self.fast = Some(fast);
        self
    }

    /// The stream also ends normally after an event for which `is_final` is true (that event
    /// is yielded); use it for services that send no `[DONE]`.
    pub const fn final_event(mut self, is_final: fn(&T) -> bool) -> Self {
        self.is_final = is_final;
        self
    }

    /// Names the normal end in the error for a body that ends too early ("stream ended before
    /// its {label} after N events"); `"[DONE] terminator"` by default.
    pub const fn end_label(mut self, label: &'static str) -> Self {
        self.end_label = label;
        self
    }

    /// Fills the stream's [`GenAiResponse`] from each event (response id, model, finish
    /// reasons, token usage) for telemetry, recorded when the stream ends. Called only when a
    /// subscriber takes the call's span or a meter records its metrics (see
    /// [`crate::telemetry`]).
    pub const fn observe(mut self, observer: Observer<T>) -> Self {
        self.observe = Some(observer);
        self
    }

    /// The name used in error messages.
    pub fn name(&self) -> &'static str {
        self.name
    }
}

/// Decodes an event's data as JSON: the fast path reads the already-validated text; only on
/// failure is it decoded again to name the JSON path in the error.
pub fn decode_event_json<T: DeserializeOwned>(event: &SseEvent) -> Result<T, Error> {
    match serde_json::from_str::<T>(event.data()) {
        Ok(value) => Ok(value),
        Err(_) => decode_json::<T>(event.data_bytes(), None),
    }
}

/// A decoded event stream: `Stream<Item = Result<T, Error>>` plus the response metadata.
///
/// Built by service crates from [`RequestBuilder::send_sse`](crate::RequestBuilder::send_sse)
/// and a [`StreamSpec`]; the rules it keeps are listed in the module docs. Dropping it closes
/// the connection.
pub struct EventStream<T> {
    /// `None` once the stream ended: dropping it frees the body.
    events: Option<SseStream>,
    meta: ResponseMeta,
    spec: StreamSpec<T>,
    events_seen: u64,
    /// Set after the end: the deadline for the body's end.
    draining: Option<Pin<Box<Sleep>>>,
    after_end: u32,
    /// Finished at the end (or the error) of the stream.
    telemetry: CallTelemetry,
    /// What the events said so far, for `telemetry` (filled only while it is active).
    observed: GenAiResponse,
}

impl<T> fmt::Debug for EventStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventStream")
            .field("stream", &self.spec.name)
            .field("request_id", &self.meta.request_id)
            .field("events_seen", &self.events_seen)
            .field("finished", &self.is_finished())
            .finish()
    }
}

impl<T> EventStream<T> {
    /// Decodes the events of `response` as `spec` says.
    pub fn new(response: SseResponse, spec: StreamSpec<T>) -> Self {
        let SseResponse {
            meta,
            events,
            telemetry,
            ..
        } = response;
        EventStream {
            events: Some(events),
            meta,
            spec,
            events_seen: 0,
            draining: None,
            after_end: 0,
            telemetry,
            observed: GenAiResponse::default(),
        }
    }

    /// Status, headers and request id of the streaming response.
    pub fn meta(&self) -> &ResponseMeta {
        &self.meta
    }

    /// The request id of the streaming response.
    pub fn request_id(&self) -> Option<&str> {
        self.meta.request_id.as_deref()
    }

    /// Events that carried data so far (keep-alives excluded, the terminator included).
    pub fn events_seen(&self) -> u64 {
        self.events_seen
    }

    /// True once the stream reached its end, an error, or the end of the body.
    pub fn is_finished(&self) -> bool {
        self.events.is_none() || self.draining.is_some()
    }

    /// The next item; `None` after the end (and forever after an error).
    pub async fn next(&mut self) -> Option<Result<T, Error>> {
        std::future::poll_fn(|cx| self.poll_item(cx)).await
    }

    fn fail(&mut self, err: Error) -> Poll<Option<Result<T, Error>>> {
        Poll::Ready(Some(Err(self.fail_with(err))))
    }

    /// Ends the stream with `err`, completed as the stream's own errors are (request id,
    /// attempts, telemetry): for a caller that decodes an item further itself (e.g. borrowed
    /// from its event) and finds it malformed. Returns the error to hand to the user.
    pub fn fail_with(&mut self, mut err: Error) -> Error {
        self.events = None;
        self.draining = None;
        err.set_request_id_if_absent(self.meta.request_id.as_deref());
        if err.attempts() == 0 {
            // The request that opened the stream was sent: say how many attempts it took.
            err.set_attempts(self.meta.attempts);
        }
        self.telemetry.fail(&err);
        err
    }

    fn end(&mut self) {
        self.draining = Some(Box::pin(tokio::time::sleep(DRAIN_GRACE)));
        if self.telemetry.is_active() {
            let observed = std::mem::take(&mut self.observed);
            let observed = self.spec.observe.is_some().then_some(&observed);
            self.telemetry.succeed(observed);
        }
    }

    /// Poll-based core of [`next`](Self::next) and the `Stream` impl.
    pub fn poll_item(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<T, Error>>> {
        loop {
            let Some(events) = self.events.as_mut() else {
                return Poll::Ready(None);
            };
            if let Some(deadline) = self.draining.as_mut() {
                match events.poll_event(cx) {
                    Poll::Ready(Some(Ok(_))) if self.after_end < MAX_EVENTS_AFTER_END => {
                        self.after_end += 1;
                        continue;
                    }
                    Poll::Pending if deadline.as_mut().poll(cx).is_pending() => {
                        return Poll::Pending;
                    }
                    // EOF (the connection is reusable), an error, too much trailing data, or
                    // the grace ran out: drop the body either way.
                    _ => {
                        self.events = None;
                        self.draining = None;
                        return Poll::Ready(None);
                    }
                }
            }
            let event = match events.poll_event(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Some(Ok(event))) => event,
                Poll::Ready(Some(Err(err))) => return self.fail(err),
                Poll::Ready(None) => {
                    let err = Error::stream(format!(
                        "stream ended before its {} after {} events",
                        self.spec.end_label, self.events_seen
                    ));
                    return self.fail(err);
                }
            };
            let data = event.data_bytes();
            if data.iter().all(u8::is_ascii_whitespace) {
                continue; // keep-alive
            }
            self.events_seen += 1;
            let name = event.event();
            if data.as_ref() == b"[DONE]" || name == "done" {
                self.end();
                continue;
            }
            let event = match self.spec.fast {
                Some(fast) if name != "error" => match fast(event) {
                    Ok(item) => return self.accept(item),
                    Err(event) => event,
                },
                _ => event,
            };
            let data = event.data_bytes();
            if event.event() == "error" || has_error_member(data) {
                let err = Error::from_stream_error_event(data, self.meta.request_id.as_deref());
                return self.fail(err);
            }
            return match (self.spec.decode)(&event) {
                Ok(item) => self.accept(item),
                Err(err) => self.fail(err),
            };
        }
    }

    /// Yields a decoded item: telemetry, and the end of the stream after its final event.
    fn accept(&mut self, item: T) -> Poll<Option<Result<T, Error>>> {
        if let Some(observe) = self.spec.observe {
            if self.telemetry.is_active() {
                observe(&item, &mut self.observed);
            }
        }
        if (self.spec.is_final)(&item) {
            self.end();
        }
        Poll::Ready(Some(Ok(item)))
    }
}

impl<T> Stream for EventStream<T> {
    type Item = Result<T, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        // `EventStream` holds no self-references: it is `Unpin`.
        self.get_mut().poll_item(cx)
    }
}

/// Whether a data payload is an error object: a top-level `error` member that is set (not
/// `null` or `false`).
///
/// A byte search keeps the common case free: only payloads containing `"error"` are parsed a
/// second time, and then only for the top-level key.
pub(crate) fn has_error_member(data: &[u8]) -> bool {
    // Built once: a searcher per call cost more than the search on every streamed event.
    static ERROR_KEY: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"\"error\""));
    if ERROR_KEY.find(data).is_none() {
        return false;
    }
    #[derive(serde::Deserialize)]
    struct Probe {
        #[serde(default)]
        error: Option<serde_json::Value>,
    }
    match serde_json::from_slice::<Probe>(data) {
        Ok(Probe { error: Some(value) }) => !matches!(
            value,
            serde_json::Value::Null | serde_json::Value::Bool(false)
        ),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::has_error_member;

    #[test]
    fn error_member_detection() {
        assert!(has_error_member(br#"{"error":{"message":"boom"}}"#));
        assert!(has_error_member(br#"{"error":"boom"}"#));
        assert!(!has_error_member(br#"{"error":null,"id":"x"}"#));
        assert!(!has_error_member(br#"{"error":false}"#));
        assert!(!has_error_member(
            br#"{"id":"x","choices":[{"index":0,"delta":{"content":"error"}}]}"#
        ));
        assert!(!has_error_member(br#"{"response":{"error":{"code":"x"}}}"#));
        assert!(!has_error_member(b"not json \"error\""));
    }
}
