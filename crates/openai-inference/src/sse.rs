//! The stream contract shared by chat and legacy completions (behaviors §5, §12 items 48-54):
//! SSE events in, decoded chunks out.
//!
//! - `data: [DONE]` ends the stream. The body's end usually follows within microseconds; it is
//!   awaited for at most [`DRAIN_GRACE`] so the connection goes back to the pool (events after
//!   `[DONE]` are discarded unparsed), otherwise the body is dropped and the connection closed.
//! - `event: error`, or a JSON payload with a truthy top-level `error`, ends it with an API
//!   error without status.
//! - Empty `data:` is a keep-alive and is skipped.
//! - EOF before `[DONE]` is a [`ErrorKind::Stream`](core_http::ErrorKind::Stream) error
//!   naming how many events arrived; an idle stall is `Timeout(StreamIdle)` (from core-http).
//!
//! The hot path decodes each event straight from its text with `serde_json::from_str`: no
//! intermediate `String` or `Value`, no boxing, no task or channel between socket and caller.

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use core_http::http::HeaderMap;
use core_http::{Error, ResponseMeta, SseResponse, SseStream};
use serde::de::DeserializeOwned;
use tokio::time::Sleep;

/// How long the end of the body is awaited after `[DONE]` before the connection is given up.
pub(crate) const DRAIN_GRACE: Duration = Duration::from_millis(200);

/// Events read (and discarded) after `[DONE]` before the connection is given up.
const MAX_EVENTS_AFTER_DONE: u32 = 8;

/// Decodes the JSON chunks of one streamed response.
pub(crate) struct ChunkDecoder<T> {
    /// `None` once the stream ended (terminator, error or EOF): dropping it frees the body.
    events: Option<SseStream>,
    meta: ResponseMeta,
    /// Events that carried data (keep-alives excluded).
    events_seen: u64,
    /// Set after `[DONE]`: the deadline for the body's end (one allocation per stream).
    draining: Option<Pin<Box<Sleep>>>,
    /// Events discarded after `[DONE]`.
    after_done: u32,
    _chunk: PhantomData<fn() -> T>,
}

impl<T> std::fmt::Debug for ChunkDecoder<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChunkDecoder")
            .field("request_id", &self.meta.request_id)
            .field("events_seen", &self.events_seen)
            .field("finished", &self.events.is_none())
            .finish()
    }
}

impl<T: DeserializeOwned> ChunkDecoder<T> {
    pub(crate) fn new(response: SseResponse) -> Self {
        let SseResponse { meta, events, .. } = response;
        ChunkDecoder {
            events: Some(events),
            meta,
            events_seen: 0,
            draining: None,
            after_done: 0,
            _chunk: PhantomData,
        }
    }

    pub(crate) fn request_id(&self) -> Option<&str> {
        self.meta.request_id.as_deref()
    }

    pub(crate) fn headers(&self) -> &HeaderMap {
        &self.meta.headers
    }

    pub(crate) fn events_seen(&self) -> u64 {
        self.events_seen
    }

    pub(crate) fn is_finished(&self) -> bool {
        self.events.is_none() || self.draining.is_some()
    }

    fn fail(&mut self, mut err: Error) -> Poll<Option<Result<T, Error>>> {
        self.events = None;
        if err.request_id().is_none() {
            if let Some(id) = &self.meta.request_id {
                err = err.with_request_id(id.clone());
            }
        }
        Poll::Ready(Some(Err(err)))
    }

    /// The next chunk; `None` after `[DONE]` (and forever after an error).
    pub(crate) fn poll_chunk(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<T, Error>>> {
        loop {
            let Some(events) = self.events.as_mut() else {
                return Poll::Ready(None);
            };
            if let Some(deadline) = self.draining.as_mut() {
                match events.poll_event(cx) {
                    Poll::Ready(Some(Ok(_))) if self.after_done < MAX_EVENTS_AFTER_DONE => {
                        self.after_done += 1;
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
                    let seen = self.events_seen;
                    return self.fail(Error::stream_truncated(seen));
                }
            };
            let data = event.data_bytes();
            if data.is_empty() {
                continue; // keep-alive (behaviors §12 item 49)
            }
            self.events_seen += 1;
            if data.as_ref() == b"[DONE]" {
                self.draining = Some(Box::pin(tokio::time::sleep(DRAIN_GRACE)));
                continue;
            }
            if event.event() == "error" || has_error_member(data) {
                let err = Error::from_stream_error_event(data, self.meta.request_id.as_deref());
                return self.fail(err);
            }
            // `from_str` on the event's text: the SSE layer already guarantees UTF-8, and
            // serde_json's `str` reader then skips re-validating every key and string (on the
            // byte reader that was ~9% of a streamed chunk's decode).
            return match serde_json::from_str::<T>(event.data()) {
                Ok(chunk) => Poll::Ready(Some(Ok(chunk))),
                // Slow path only on failure: re-decode to name the JSON path in the error.
                Err(_) => match core_http::decode_json::<T>(data, self.request_id()) {
                    Ok(chunk) => Poll::Ready(Some(Ok(chunk))),
                    Err(err) => self.fail(err),
                },
            };
        }
    }
}

/// Whether a data payload is an error object (`{"error": {...}}` with a truthy `error`).
///
/// A byte search keeps the common case free: only payloads containing `"error"` are parsed a
/// second time, and then only to look at the top-level key (a content delta that is literally
/// the word "error" is parsed, found harmless, and decoded as a chunk).
fn has_error_member(data: &[u8]) -> bool {
    // Built once: `memmem::find` builds a searcher per call, which cost more than the
    // search itself on every streamed event.
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
        assert!(!has_error_member(
            br#"{"id":"x","choices":[{"index":0,"delta":{"content":"error"}}]}"#
        ));
        assert!(!has_error_member(br#"{"id":"x"}"#));
        assert!(!has_error_member(b"not json \"error\""));
    }
}
