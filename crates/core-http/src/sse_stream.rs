//! [`SseStream`]: the async half of server-sent events (body + parser + idle timeout).
//!
//! The framing rules live in the pure, synchronous [`crate::sse::SseParser`]; this type feeds
//! it from a [`ResponseBody`] (which carries the idle timeout) and maps parser errors into our
//! [`Error`]. Stream termination (`[DONE]`, error events, truncation) is decided by the service
//! crates, which know the payloads.

use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use http_body::Body;

use crate::body::ResponseBody;
use crate::error::Error;
use crate::request::ResponseMeta;
use crate::sse::{SseError, SseEvent, SseParser};

impl From<SseError> for Error {
    fn from(err: SseError) -> Self {
        Error::stream(err.to_string()).with_source(err)
    }
}

/// A successful streaming response: its metadata and its events.
#[derive(Debug)]
#[non_exhaustive]
pub struct SseResponse {
    /// Status, headers and request id.
    pub meta: ResponseMeta,
    /// The events.
    pub events: SseStream,
    /// The call's telemetry record, finished by the stream's end.
    pub(crate) telemetry: crate::telemetry::CallTelemetry,
}

/// Events of a `text/event-stream` body, in order.
///
/// Each body read is bounded by the idle timeout ([`crate::TimeoutKind::StreamIdle`]), and one
/// event by the size cap. After an error the stream ends. At EOF, an event without its
/// terminating blank line is discarded (WHATWG rule). Errors carry the request id.
pub struct SseStream {
    body: ResponseBody,
    parser: SseParser,
    request_id: Option<String>,
    /// Requests the call sent, stamped on errors raised while reading (0 = unknown).
    attempts: u32,
    done: bool,
}

impl std::fmt::Debug for SseStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SseStream")
            .field("request_id", &self.request_id)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl SseStream {
    /// Parses `body` as server-sent events with the given per-event size cap.
    pub fn new(body: ResponseBody, request_id: Option<String>, max_event_bytes: usize) -> Self {
        SseStream {
            body,
            parser: SseParser::new(max_event_bytes),
            request_id,
            attempts: 0,
            done: false,
        }
    }

    /// Records how many requests the call sent, for errors raised while reading.
    pub(crate) fn set_attempts(&mut self, attempts: u32) {
        self.attempts = attempts;
    }

    /// The request id of the response, for errors raised by the caller (e.g. truncation).
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The next event; `None` at the end of the body.
    pub async fn next_event(&mut self) -> Option<Result<SseEvent, Error>> {
        std::future::poll_fn(|cx| self.poll_event(cx)).await
    }

    fn fail(&mut self, mut err: Error) -> Poll<Option<Result<SseEvent, Error>>> {
        self.done = true;
        err.set_request_id_if_absent(self.request_id.as_deref());
        if err.attempts() == 0 {
            err.set_attempts(self.attempts);
        }
        Poll::Ready(Some(Err(err)))
    }

    /// Poll-based core shared by [`SseStream::next_event`] and the `Stream` impl.
    pub fn poll_event(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<SseEvent, Error>>> {
        loop {
            if self.done {
                return Poll::Ready(None);
            }
            match self.parser.next_event() {
                Some(Ok(event)) => return Poll::Ready(Some(Ok(event))),
                Some(Err(e)) => return self.fail(e.into()),
                None => {}
            }
            match Pin::new(&mut self.body).poll_frame(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => {
                    // EOF: pending data of an unterminated event is discarded.
                    self.done = true;
                    return Poll::Ready(None);
                }
                Poll::Ready(Some(Err(e))) => return self.fail(e),
                Poll::Ready(Some(Ok(frame))) => {
                    if let Ok(data) = frame.into_data() {
                        self.parser.feed(data);
                    }
                }
            }
        }
    }
}

impl Stream for SseStream {
    type Item = Result<SseEvent, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_event(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::{Chunk, ChunkBody};
    use bytes::Bytes;
    use std::time::Duration;

    fn body(chunks: Vec<Chunk>, idle: Option<Duration>) -> ResponseBody {
        let mut b = ResponseBody::new(ChunkBody::new(chunks));
        b.set_idle_timeout(idle);
        b
    }

    #[tokio::test(start_paused = true)]
    async fn events_across_chunks_then_eof_discards_partial() {
        let mut s = SseStream::new(
            body(
                vec![
                    Chunk::Data(Bytes::from_static(b"data: a\n")),
                    Chunk::Delay(Duration::from_millis(10)),
                    Chunk::Data(Bytes::from_static(b"\ndata: b\r\n\r\ndata: partial")),
                ],
                Some(Duration::from_secs(1)),
            ),
            Some("req_1".into()),
            1024,
        );
        assert_eq!(s.next_event().await.unwrap().unwrap().data(), "a");
        assert_eq!(s.next_event().await.unwrap().unwrap().data(), "b");
        assert!(s.next_event().await.is_none());
        assert!(s.next_event().await.is_none());
    }

    /// A stall mid-stream surfaces as StreamIdle with the request id.
    #[tokio::test(start_paused = true)]
    async fn idle_timeout_mid_stream() {
        let mut s = SseStream::new(
            body(
                vec![
                    Chunk::Data(Bytes::from_static(b"data: a\n\n")),
                    Chunk::Stall,
                ],
                Some(Duration::from_millis(200)),
            ),
            Some("req_2".into()),
            1024,
        );
        assert_eq!(s.next_event().await.unwrap().unwrap().data(), "a");
        let started = tokio::time::Instant::now();
        let err = s.next_event().await.unwrap().unwrap_err();
        assert_eq!(started.elapsed(), Duration::from_millis(200));
        assert_eq!(err.timeout_kind(), Some(crate::TimeoutKind::StreamIdle));
        assert_eq!(err.request_id(), Some("req_2"));
        assert!(s.next_event().await.is_none());
    }

    /// The event-size cap maps to ErrorKind::Stream.
    #[tokio::test]
    async fn event_too_large_is_a_stream_error() {
        let mut s = SseStream::new(
            body(vec![Chunk::Data(Bytes::from(vec![b'x'; 100]))], None),
            None,
            16,
        );
        let err = s.next_event().await.unwrap().unwrap_err();
        assert!(matches!(err.kind(), crate::ErrorKind::Stream));
        assert!(std::error::Error::source(&err).is_some());
    }
}
