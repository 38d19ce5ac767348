//! Request and response bodies: [`RequestBody`] (replayable or one-shot) and [`ResponseBody`]
//! (with the idle timeout built in).
//!
//! Why the idle timeout lives on the body and not in a layer: the body is
//! polled after the service future has resolved, so a layer-level timeout can never see a
//! silent stream. Every `ResponseBody` the stack returns carries the idle limit of its call.

use std::fmt;
use std::future::Future as _;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use futures_core::Stream;
use http_body::{Body, Frame, SizeHint};
use tokio::time::{Instant, Sleep};

use crate::error::{Error, TimeoutKind};

/// The most a body collector reserves up front, whatever `content-length` claims: a server
/// (or a proxy) can announce any length, and memory must follow the bytes that arrive.
pub(crate) const MAX_PREALLOCATION: usize = 64 * 1024;

/// Default cap on a buffered (non-streaming) response body: 256 MiB.
///
/// The largest legitimate JSON response is an embeddings response for the largest request
/// the API accepts: 2048 inputs × 3072 dimensions (`text-embedding-3-large`) × at most
/// 24 bytes per float as JSON text (`-0.0123456789012345678,`) ≈ 151 MB (as base64: 2048 ×
/// 16 KiB = 32 MiB). 256 MiB leaves room above that; a body past it is an error, never a
/// silent truncation.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 256 * 1024 * 1024;

/// A one-shot stream of body chunks (uploads read from a file or socket).
pub type ByteStream = Pin<Box<dyn Stream<Item = std::io::Result<Bytes>> + Send + 'static>>;

/// The body of an outgoing request.
///
/// `Empty` and `Bytes` are replayable, so the retry layer can re-send them; a `Stream` can be
/// sent once only, so a request carrying one is never retried.
#[derive(Default)]
#[non_exhaustive]
pub enum RequestBody {
    /// No body.
    #[default]
    Empty,
    /// A buffered body (JSON, buffered multipart). Cheap to clone.
    Bytes(Bytes),
    /// A one-shot stream with an optional known length.
    Stream {
        /// The chunks.
        stream: ByteStream,
        /// The total length, when known (sent as `content-length`).
        content_length: Option<u64>,
    },
}

impl RequestBody {
    /// A body from a one-shot stream.
    pub fn stream(
        stream: impl Stream<Item = std::io::Result<Bytes>> + Send + 'static,
        content_length: Option<u64>,
    ) -> Self {
        RequestBody::Stream {
            stream: Box::pin(stream),
            content_length,
        }
    }

    /// A copy for a retry; `None` for one-shot streams.
    pub fn try_clone(&self) -> Option<Self> {
        match self {
            RequestBody::Empty => Some(RequestBody::Empty),
            RequestBody::Bytes(b) => Some(RequestBody::Bytes(b.clone())),
            RequestBody::Stream { .. } => None,
        }
    }

    /// True for bodies that carry no bytes at all.
    pub fn is_empty(&self) -> bool {
        match self {
            RequestBody::Empty => true,
            RequestBody::Bytes(b) => b.is_empty(),
            RequestBody::Stream { content_length, .. } => *content_length == Some(0),
        }
    }
}

impl From<Bytes> for RequestBody {
    fn from(b: Bytes) -> Self {
        RequestBody::Bytes(b)
    }
}

impl From<Vec<u8>> for RequestBody {
    fn from(b: Vec<u8>) -> Self {
        RequestBody::Bytes(b.into())
    }
}

impl From<crate::multipart::MultipartBody> for RequestBody {
    fn from(body: crate::multipart::MultipartBody) -> Self {
        match body {
            crate::multipart::MultipartBody::Buffered(bytes) => RequestBody::Bytes(bytes),
            crate::multipart::MultipartBody::Streaming {
                stream,
                content_length,
            } => RequestBody::Stream {
                stream,
                content_length,
            },
        }
    }
}

impl fmt::Debug for RequestBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Lengths only: bodies are never printed.
        match self {
            RequestBody::Empty => f.write_str("RequestBody::Empty"),
            RequestBody::Bytes(b) => write!(f, "RequestBody::Bytes({} bytes)", b.len()),
            RequestBody::Stream { content_length, .. } => {
                write!(f, "RequestBody::Stream(length {content_length:?})")
            }
        }
    }
}

impl Body for RequestBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, std::io::Error>>> {
        let this = self.get_mut();
        match this {
            RequestBody::Empty => Poll::Ready(None),
            RequestBody::Bytes(b) => {
                if b.is_empty() {
                    Poll::Ready(None)
                } else {
                    Poll::Ready(Some(Ok(Frame::data(std::mem::take(b)))))
                }
            }
            RequestBody::Stream { stream, .. } => match stream.as_mut().poll_next(cx) {
                Poll::Ready(Some(Ok(chunk))) => Poll::Ready(Some(Ok(Frame::data(chunk)))),
                Poll::Ready(Some(Err(e))) => Poll::Ready(Some(Err(e))),
                Poll::Ready(None) => Poll::Ready(None),
                Poll::Pending => Poll::Pending,
            },
        }
    }

    fn is_end_stream(&self) -> bool {
        match self {
            RequestBody::Empty => true,
            RequestBody::Bytes(b) => b.is_empty(),
            RequestBody::Stream { .. } => false,
        }
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            RequestBody::Empty => SizeHint::with_exact(0),
            RequestBody::Bytes(b) => SizeHint::with_exact(b.len() as u64),
            RequestBody::Stream {
                content_length: Some(n),
                ..
            } => SizeHint::with_exact(*n),
            RequestBody::Stream { .. } => SizeHint::default(),
        }
    }
}

type DynBody = Pin<Box<dyn Body<Data = Bytes, Error = Error> + Send + 'static>>;

/// The body of a response, with an idle timeout between reads.
///
/// Implements [`http_body::Body`] with our [`Error`]: a silence longer than the idle limit
/// yields [`TimeoutKind::StreamIdle`]. Use [`ResponseBody::collect_bytes`] to buffer it.
pub struct ResponseBody {
    kind: BodyKind,
    idle: Option<Duration>,
    /// The idle timer, kept across reads: re-arming it moves its deadline later, which tokio
    /// does without touching the timer wheel, where a fresh `Sleep` per wait would cost an
    /// allocation and a wheel insert and removal for every frame of a stream.
    sleep: Option<Pin<Box<Sleep>>>,
    /// Whether `sleep` counts from the current wait; data arriving disarms it.
    armed: bool,
    /// The call's total deadline, when one is set: the body ends with
    /// [`TimeoutKind::Total`] when it passes, however steadily data arrives.
    deadline: Option<BodyDeadline>,
}

struct BodyDeadline {
    sleep: Pin<Box<Sleep>>,
    limit: Duration,
    status: Option<http::StatusCode>,
    attempts: u32,
}

enum BodyKind {
    Full(Option<Bytes>),
    Dyn(DynBody),
}

impl ResponseBody {
    /// An empty body.
    pub fn empty() -> Self {
        Self::from_bytes(Bytes::new())
    }

    /// A body that is already in memory.
    pub fn from_bytes(bytes: impl Into<Bytes>) -> Self {
        let bytes = bytes.into();
        ResponseBody {
            kind: BodyKind::Full((!bytes.is_empty()).then_some(bytes)),
            idle: None,
            sleep: None,
            armed: false,
            deadline: None,
        }
    }

    /// Wraps any body whose error is already our [`Error`] (custom transports, tests).
    pub fn new(body: impl Body<Data = Bytes, Error = Error> + Send + 'static) -> Self {
        ResponseBody {
            kind: BodyKind::Dyn(Box::pin(body)),
            idle: None,
            sleep: None,
            armed: false,
            deadline: None,
        }
    }

    /// Sets the idle limit between reads; `None` disables it.
    pub fn set_idle_timeout(&mut self, idle: Option<Duration>) {
        self.idle = idle;
        self.sleep = None;
        self.armed = false;
    }

    /// Ends the body with [`TimeoutKind::Total`] at `at`; `limit` is the configured total
    /// timeout the error names, `status` the response status and `attempts` the requests
    /// sent, which it reports.
    pub(crate) fn set_deadline(
        &mut self,
        at: Instant,
        limit: Duration,
        status: Option<http::StatusCode>,
        attempts: u32,
    ) {
        self.deadline = Some(BodyDeadline {
            sleep: Box::pin(tokio::time::sleep_until(at)),
            limit,
            status,
            attempts,
        });
    }

    /// The current idle limit.
    pub fn idle_timeout(&self) -> Option<Duration> {
        self.idle
    }

    /// True when the whole body is already in memory.
    pub fn is_buffered(&self) -> bool {
        matches!(self.kind, BodyKind::Full(_))
    }

    /// Reads the whole body into memory.
    ///
    /// Memory follows the bytes that arrive, not the length the server announces. Use
    /// [`ResponseBody::collect_bytes_max`] to also cap the size.
    pub async fn collect_bytes(self) -> Result<Bytes, Error> {
        let mut body = self;
        let mut out = Collected::default();
        body.read_into(&mut out, usize::MAX).await?;
        Ok(out.finish())
    }

    /// Reads the whole body into memory, failing with [`crate::ErrorKind::Decode`] as soon as
    /// it grows past `max` bytes (the message names the limit). A body that announces a
    /// longer `content-length` fails before anything is read.
    pub async fn collect_bytes_max(self, max: u64) -> Result<Bytes, Error> {
        let max_usize = usize::try_from(max).unwrap_or(usize::MAX);
        if self.size_hint().lower() > max {
            return Err(body_too_large(max));
        }
        let mut body = self;
        let mut out = Collected::default();
        let longer = body.read_into(&mut out, max_usize).await?;
        if longer {
            return Err(body_too_large(max));
        }
        Ok(out.finish())
    }

    /// Reads at most `limit` bytes and stops there: the rest is never read (dropping the
    /// body closes the connection instead of draining it). Returns the bytes kept and
    /// whether the body had more. On a failure mid-read the bytes read so far are kept in
    /// `out` for the caller.
    pub(crate) async fn read_prefix(
        &mut self,
        out: &mut Collected,
        limit: usize,
    ) -> Result<bool, Error> {
        self.read_into(out, limit).await
    }

    /// Reads into `out` until the end or until `limit` bytes are kept; returns true when the
    /// body had more than `limit` bytes (it then stops reading).
    async fn read_into(&mut self, out: &mut Collected, limit: usize) -> Result<bool, Error> {
        if let BodyKind::Full(bytes) = &mut self.kind {
            let b = bytes.take().unwrap_or_default();
            let room = limit - out.len().min(limit);
            let longer = b.len() > room;
            out.push(if longer { b.slice(..room) } else { b }, 0);
            return Ok(longer);
        }
        // A known length sizes the buffer once, but only up to a small fixed amount: the
        // length is the server's claim, not bytes we have.
        let expected = usize::try_from(self.size_hint().lower())
            .unwrap_or(usize::MAX)
            .min(limit)
            .min(MAX_PREALLOCATION);
        let mut this = Pin::new(self);
        while let Some(frame) = std::future::poll_fn(|cx| this.as_mut().poll_frame(cx)).await {
            let Ok(data) = frame?.into_data() else {
                continue; // trailers
            };
            let room = limit - out.len().min(limit);
            if data.len() > room {
                out.push(data.slice(..room), expected);
                return Ok(true);
            }
            out.push(data, expected);
        }
        Ok(false)
    }
}

fn body_too_large(max: u64) -> Error {
    Error::decode(format!(
        "the response body is larger than the {max}-byte limit (max_response_bytes)"
    ))
}

/// Bytes collected from a body: one chunk (the common case) is kept without copying.
#[derive(Default)]
pub(crate) struct Collected {
    first: Option<Bytes>,
    buf: BytesMut,
}

impl Collected {
    fn len(&self) -> usize {
        self.first.as_ref().map_or(0, Bytes::len) + self.buf.len()
    }

    fn push(&mut self, data: Bytes, expected: usize) {
        if data.is_empty() {
            return;
        }
        match self.first.take() {
            None if self.buf.is_empty() => self.first = Some(data),
            None => self.buf.extend_from_slice(&data),
            Some(f) => {
                self.buf.reserve(expected.max(f.len() + data.len()));
                self.buf.extend_from_slice(&f);
                self.buf.extend_from_slice(&data);
            }
        }
    }

    /// The bytes collected.
    pub(crate) fn finish(self) -> Bytes {
        self.first.unwrap_or_else(|| self.buf.freeze())
    }
}

impl Default for ResponseBody {
    fn default() -> Self {
        Self::empty()
    }
}

impl From<Bytes> for ResponseBody {
    fn from(b: Bytes) -> Self {
        Self::from_bytes(b)
    }
}

impl fmt::Debug for ResponseBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match &self.kind {
            BodyKind::Full(b) => format!("buffered {} bytes", b.as_ref().map_or(0, Bytes::len)),
            BodyKind::Dyn(_) => "streaming".to_owned(),
        };
        f.debug_struct("ResponseBody")
            .field("kind", &kind)
            .field("idle_timeout", &self.idle)
            .field("deadline", &self.deadline.as_ref().map(|d| d.limit))
            .finish()
    }
}

impl Body for ResponseBody {
    type Data = Bytes;
    type Error = Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Error>>> {
        let this = self.get_mut();
        if let Some(deadline) = &mut this.deadline {
            if deadline.sleep.as_mut().poll(cx).is_ready() {
                let mut err = Error::timeout_after(TimeoutKind::Total, deadline.limit);
                err.set_last_status(deadline.status);
                err.set_attempts(deadline.attempts);
                this.deadline = None;
                this.sleep = None;
                this.kind = BodyKind::Full(None); // drop the connection
                return Poll::Ready(Some(Err(err)));
            }
        }
        let polled = match &mut this.kind {
            BodyKind::Full(bytes) => return Poll::Ready(bytes.take().map(|b| Ok(Frame::data(b)))),
            BodyKind::Dyn(body) => body.as_mut().poll_frame(cx),
        };
        match polled {
            Poll::Ready(frame) => {
                this.armed = false; // data (or the end) arrived: the idle clock restarts
                if frame.is_none() {
                    this.sleep = None; // the end: release the timer entry now
                }
                Poll::Ready(frame)
            }
            Poll::Pending => {
                let Some(idle) = this.idle else {
                    return Poll::Pending;
                };
                let sleep = match &mut this.sleep {
                    Some(sleep) => {
                        if !this.armed {
                            sleep.as_mut().reset(tokio::time::Instant::now() + idle);
                        }
                        sleep
                    }
                    None => this.sleep.insert(Box::pin(tokio::time::sleep(idle))),
                };
                this.armed = true;
                match sleep.as_mut().poll(cx) {
                    Poll::Ready(()) => {
                        this.sleep = None;
                        this.armed = false;
                        this.kind = BodyKind::Full(None); // drop the stalled body
                        Poll::Ready(Some(Err(Error::timeout_after(
                            TimeoutKind::StreamIdle,
                            idle,
                        ))))
                    }
                    Poll::Pending => Poll::Pending,
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        match &self.kind {
            BodyKind::Full(b) => b.is_none(),
            BodyKind::Dyn(body) => body.is_end_stream(),
        }
    }

    fn size_hint(&self) -> SizeHint {
        match &self.kind {
            BodyKind::Full(b) => SizeHint::with_exact(b.as_ref().map_or(0, Bytes::len) as u64),
            BodyKind::Dyn(body) => body.size_hint(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::{Chunk, ChunkBody};

    #[tokio::test]
    async fn request_body_clone_rules() {
        assert!(RequestBody::Empty.try_clone().is_some());
        let b = RequestBody::from(Bytes::from_static(b"{}"));
        assert!(matches!(b.try_clone(), Some(RequestBody::Bytes(x)) if x == "{}"));
        let s = RequestBody::stream(ChunkStream(Some(Bytes::from_static(b"x"))), Some(1));
        assert!(s.try_clone().is_none());
        assert_eq!(format!("{s:?}"), "RequestBody::Stream(length Some(1))");
        let collected = http_body_util::BodyExt::collect(s)
            .await
            .unwrap()
            .to_bytes();
        assert_eq!(collected, "x");
    }

    struct ChunkStream(Option<Bytes>);
    impl Stream for ChunkStream {
        type Item = std::io::Result<Bytes>;
        fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
            Poll::Ready(self.0.take().map(Ok))
        }
    }

    /// The idle timer restarts with every chunk and fires on silence.
    #[tokio::test(start_paused = true)]
    async fn idle_timeout_between_reads() {
        let chunks = vec![
            Chunk::Data(Bytes::from_static(b"a")),
            Chunk::Delay(Duration::from_millis(900)),
            Chunk::Data(Bytes::from_static(b"b")),
            Chunk::Delay(Duration::from_millis(900)),
            Chunk::Data(Bytes::from_static(b"c")),
        ];
        let mut ok = ResponseBody::new(ChunkBody::new(chunks.clone()));
        ok.set_idle_timeout(Some(Duration::from_secs(1)));
        assert_eq!(ok.collect_bytes().await.unwrap(), "abc");

        let mut stalled = ResponseBody::new(ChunkBody::new(vec![
            Chunk::Data(Bytes::from_static(b"a")),
            Chunk::Delay(Duration::from_secs(5)),
            Chunk::Data(Bytes::from_static(b"b")),
        ]));
        stalled.set_idle_timeout(Some(Duration::from_secs(1)));
        let started = tokio::time::Instant::now();
        let err = stalled.collect_bytes().await.unwrap_err();
        assert_eq!(err.timeout_kind(), Some(TimeoutKind::StreamIdle));
        assert_eq!(started.elapsed(), Duration::from_secs(1));
        assert_eq!(
            err.to_string(),
            "stream idle timeout: no data received within 1s"
        );
    }

    #[tokio::test]
    async fn read_prefix_keeps_the_prefix_and_stops() {
        let mut body = ResponseBody::new(ChunkBody::new(vec![
            Chunk::Data(Bytes::from_static(b"hello ")),
            Chunk::Data(Bytes::from_static(b"world")),
            Chunk::Io("never read".to_owned()),
        ]));
        let mut kept = Collected::default();
        let longer = body.read_prefix(&mut kept, 8).await.unwrap();
        assert!(longer);
        assert_eq!(kept.finish(), "hello wo");
        let mut kept = Collected::default();
        let longer = ResponseBody::from_bytes("abc")
            .read_prefix(&mut kept, 8)
            .await
            .unwrap();
        assert_eq!((kept.finish().as_ref(), longer), (&b"abc"[..], false));
    }

    /// A body that claims an enormous length and sends a few bytes.
    struct Liar(Option<Bytes>, u64);
    impl Body for Liar {
        type Data = Bytes;
        type Error = Error;
        fn poll_frame(
            mut self: Pin<&mut Self>,
            _: &mut Context<'_>,
        ) -> Poll<Option<Result<Frame<Bytes>, Error>>> {
            Poll::Ready(self.0.take().map(|b| Ok(Frame::data(b))))
        }
        fn size_hint(&self) -> SizeHint {
            SizeHint::with_exact(self.1)
        }
    }

    #[tokio::test]
    async fn claimed_lengths_reserve_nothing_large() {
        for claim in [1u64 << 40, 1u64 << 62, u64::MAX] {
            let body = ResponseBody::new(Liar(Some(Bytes::from_static(b"{}")), claim));
            assert_eq!(body.collect_bytes().await.unwrap(), "{}");
            // Over a cap, the claim alone fails the call, naming the limit.
            let body = ResponseBody::new(Liar(Some(Bytes::from_static(b"{}")), claim));
            let err = body.collect_bytes_max(1024).await.unwrap_err();
            assert_eq!(
                err.to_string(),
                "the response body is larger than the 1024-byte limit (max_response_bytes)"
            );
        }
    }

    #[tokio::test]
    async fn collect_bytes_max_counts_what_arrives() {
        let chunks = || {
            ChunkBody::new(vec![
                Chunk::Data(Bytes::from_static(b"0123")),
                Chunk::Data(Bytes::from_static(b"4567")),
            ])
        };
        let ok = ResponseBody::new(chunks()).collect_bytes_max(8).await;
        assert_eq!(ok.unwrap(), "01234567");
        let err = ResponseBody::new(chunks())
            .collect_bytes_max(7)
            .await
            .unwrap_err();
        assert!(matches!(err.kind(), crate::ErrorKind::Decode));
        assert!(err.to_string().contains("7-byte limit"), "{err}");
    }

    /// The total deadline ends a body that keeps sending, with the status it answered.
    #[tokio::test(start_paused = true)]
    async fn deadline_ends_a_steady_body() {
        let mut chunks = Vec::new();
        for _ in 0..20 {
            chunks.push(Chunk::Data(Bytes::from_static(b"x")));
            chunks.push(Chunk::Delay(Duration::from_secs(1)));
        }
        let mut body = ResponseBody::new(ChunkBody::new(chunks));
        body.set_idle_timeout(Some(Duration::from_secs(5)));
        let started = Instant::now();
        body.set_deadline(
            started + Duration::from_secs(3),
            Duration::from_secs(3),
            Some(http::StatusCode::OK),
            1,
        );
        let err = body.collect_bytes().await.unwrap_err();
        assert_eq!(err.timeout_kind(), Some(TimeoutKind::Total));
        assert_eq!(started.elapsed(), Duration::from_secs(3));
        assert_eq!(
            err.to_string(),
            "request exceeded its total deadline of 3s (last status 200 OK)"
        );
    }
}
