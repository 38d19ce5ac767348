//! Request and response bodies: [`RequestBody`] (replayable or one-shot) and [`ResponseBody`]
//! (with the idle timeout built in).
//!
//! Why the idle timeout lives on the body and not in a layer (design B.8 rule 7): the body is
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
use tokio::time::Sleep;

use crate::error::{Error, TimeoutKind};

/// A one-shot stream of body chunks (uploads read from a file or socket).
pub type ByteStream = Pin<Box<dyn Stream<Item = std::io::Result<Bytes>> + Send + 'static>>;

/// The body of an outgoing request.
///
/// `Empty` and `Bytes` are replayable, so the retry layer can re-send them; a `Stream` can be
/// sent once only, so a request carrying one is never retried (behaviors §12 item 15).
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
        }
    }

    /// Wraps any body whose error is already our [`Error`] (custom transports, tests).
    pub fn new(body: impl Body<Data = Bytes, Error = Error> + Send + 'static) -> Self {
        ResponseBody {
            kind: BodyKind::Dyn(Box::pin(body)),
            idle: None,
            sleep: None,
            armed: false,
        }
    }

    /// Sets the idle limit between reads; `None` disables it.
    pub fn set_idle_timeout(&mut self, idle: Option<Duration>) {
        self.idle = idle;
        self.sleep = None;
        self.armed = false;
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
    pub async fn collect_bytes(self) -> Result<Bytes, Error> {
        self.collect_limited(usize::MAX).await.map(|(b, _)| b)
    }

    /// Reads up to `limit` bytes (more is read and dropped, to release the connection);
    /// returns the kept bytes and whether the body was longer.
    pub(crate) async fn collect_limited(mut self, limit: usize) -> Result<(Bytes, bool), Error> {
        if let BodyKind::Full(bytes) = &mut self.kind {
            let b = bytes.take().unwrap_or_default();
            let longer = b.len() > limit;
            return Ok((if longer { b.slice(..limit) } else { b }, longer));
        }
        // With a known length (content-length), the buffer is sized once instead of
        // doubling through reallocations and copies of a large body.
        let expected = usize::try_from(self.size_hint().lower())
            .unwrap_or(0)
            .min(limit);
        let mut first: Option<Bytes> = None;
        let mut buf = BytesMut::new();
        let mut longer = false;
        let mut this = Pin::new(&mut self);
        while let Some(frame) = std::future::poll_fn(|cx| this.as_mut().poll_frame(cx)).await {
            let Ok(data) = frame?.into_data() else {
                continue; // trailers
            };
            let kept = first.as_ref().map_or(0, Bytes::len) + buf.len();
            if kept >= limit {
                longer |= !data.is_empty();
                continue;
            }
            let room = limit - kept;
            let data = if data.len() > room {
                longer = true;
                data.slice(..room)
            } else {
                data
            };
            // One chunk (the common case) is returned without copying.
            match first.take() {
                None if buf.is_empty() => first = Some(data),
                None => buf.extend_from_slice(&data),
                Some(f) => {
                    buf.reserve(expected.max(f.len() + data.len()));
                    buf.extend_from_slice(&f);
                    buf.extend_from_slice(&data);
                }
            }
        }
        Ok((first.unwrap_or_else(|| buf.freeze()), longer))
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

    /// behaviors §12 item 20/22: the idle timer restarts with every chunk and fires on silence.
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
    async fn collect_limited_keeps_the_prefix() {
        let body = ResponseBody::new(ChunkBody::new(vec![
            Chunk::Data(Bytes::from_static(b"hello ")),
            Chunk::Data(Bytes::from_static(b"world")),
        ]));
        let (kept, longer) = body.collect_limited(8).await.unwrap();
        assert_eq!(kept, "hello wo");
        assert!(longer);
        let (kept, longer) = ResponseBody::from_bytes("abc")
            .collect_limited(8)
            .await
            .unwrap();
        assert_eq!((kept.as_ref(), longer), (&b"abc"[..], false));
    }
}
