//! [`FileContent`]: a file's bytes as they arrive, and [`JsonlLines`]: the same split into
//! lines with bounded memory.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::{Bytes, BytesMut};
use core_http::Error;
use futures_core::Stream;

/// The content of a file as it arrives from the connection: the kit's
/// [`Download`](core_http::kit::Download) (a [`Stream`] of [`Bytes`] chunks with `next`,
/// `bytes`, `write_to` and `write_to_file`). Its lines: [`JsonlLines::new`].
pub type FileContent = core_http::kit::Download;

/// The longest line [`JsonlLines`] accepts (a batch output line holds one response body).
pub const MAX_LINE_BYTES: usize = 64 * 1024 * 1024;

/// The lines of a [`FileContent`], numbered from 1, read as the stream is polled.
///
/// Memory holds one line plus one chunk: a line is cut out as soon as its `\n` arrives. The
/// line terminator (`\n` or `\r\n`) is removed. A line longer than [`MAX_LINE_BYTES`] is an
/// error naming its number.
#[must_use = "streams do nothing unless polled"]
pub struct JsonlLines {
    content: FileContent,
    buf: BytesMut,
    line_number: usize,
    ended: bool,
}

impl fmt::Debug for JsonlLines {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JsonlLines")
            .field("line_number", &self.line_number)
            .field("buffered", &self.buf.len())
            .finish_non_exhaustive()
    }
}

impl JsonlLines {
    /// The lines of `content`.
    pub fn new(content: FileContent) -> Self {
        JsonlLines {
            content,
            buf: BytesMut::new(),
            line_number: 0,
            ended: false,
        }
    }

    /// The next line with its number (1-based); `None` at the end.
    pub async fn next(&mut self) -> Option<Result<(usize, Bytes), Error>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// The request id of the content response.
    pub fn request_id(&self) -> Option<&str> {
        self.content.request_id()
    }

    fn cut(&mut self, end: usize, skip: usize) -> (usize, Bytes) {
        let mut line = self.buf.split_to(end);
        let _ = self.buf.split_to(skip);
        if line.last() == Some(&b'\r') {
            line.truncate(line.len() - 1);
        }
        self.line_number += 1;
        (self.line_number, line.freeze())
    }
}

impl Stream for JsonlLines {
    type Item = Result<(usize, Bytes), Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if let Some(end) = memchr::memchr(b'\n', &this.buf) {
                return Poll::Ready(Some(Ok(this.cut(end, 1))));
            }
            if this.ended {
                if this.buf.is_empty() {
                    return Poll::Ready(None);
                }
                let len = this.buf.len();
                return Poll::Ready(Some(Ok(this.cut(len, 0))));
            }
            if this.buf.len() > MAX_LINE_BYTES {
                this.ended = true;
                this.buf.clear();
                let err = Error::decode(format!(
                    "line {} is longer than {MAX_LINE_BYTES} bytes",
                    this.line_number + 1
                ));
                let err = with_request_id(err, this.content.request_id());
                return Poll::Ready(Some(Err(err)));
            }
            match Pin::new(&mut this.content).poll_next(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => this.ended = true,
                Poll::Ready(Some(Err(err))) => {
                    this.ended = true;
                    this.buf.clear();
                    return Poll::Ready(Some(Err(err)));
                }
                Poll::Ready(Some(Ok(chunk))) => this.buf.extend_from_slice(&chunk),
            }
        }
    }
}

/// `err` with `request_id` attached unless it already names one.
pub(crate) fn with_request_id(err: Error, request_id: Option<&str>) -> Error {
    match (err.request_id(), request_id) {
        (None, Some(id)) => err.with_request_id(id),
        _ => err,
    }
}
