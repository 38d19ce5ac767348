//! [`FileContent`]: a file's bytes as they arrive, and [`JsonlLines`]: the same split into
//! lines with bounded memory.

use std::fmt;
use std::path::Path;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::{Bytes, BytesMut};
use core_http::{Error, ResponseBody};
use futures_core::Stream;
use http_body::Body;
use tokio::io::AsyncWriteExt;

/// The content of a file as it arrives from the connection: a [`Stream`] of [`Bytes`] chunks.
///
/// Nothing is buffered beyond one chunk unless asked: [`write_to_file`](Self::write_to_file)
/// copies chunk by chunk to disk; [`bytes`](Self::bytes) reads it whole (bounded by
/// `max_response_bytes`). HTTP errors come from the call that returned it; a connection that
/// breaks or stalls mid-body (idle timeout) is an `Err` item, after which the stream ends.
#[must_use = "streams do nothing unless polled"]
pub struct FileContent {
    body: ResponseBody,
    request_id: Option<String>,
    content_length: Option<u64>,
    max_bytes: u64,
    done: bool,
}

impl fmt::Debug for FileContent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileContent")
            .field("request_id", &self.request_id)
            .field("content_length", &self.content_length)
            .finish_non_exhaustive()
    }
}

impl FileContent {
    pub(crate) fn new(response: core_http::http::Response<ResponseBody>, max_bytes: u64) -> Self {
        let headers = response.headers();
        let request_id = core_http::request_id_from_headers(headers).map(str::to_owned);
        let content_length = headers
            .get("content-length")
            .and_then(|v| v.to_str().ok()?.parse().ok());
        FileContent {
            body: response.into_body(),
            request_id,
            content_length,
            max_bytes,
            done: false,
        }
    }

    /// The next chunk; `None` at the end of the file.
    pub async fn next(&mut self) -> Option<Result<Bytes, Error>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// The response's request id.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The size announced by the server (`Content-Length`), when it sent one.
    pub fn content_length(&self) -> Option<u64> {
        self.content_length
    }

    /// Reads the whole content into memory, failing (before reading, when the server
    /// announces it) once it grows past the handle's `max_response_bytes` option, or 256 MiB
    /// when the handle sets none ([`Files::content_bytes`](crate::Files::content_bytes) also
    /// honours the client-wide setting). Prefer [`write_to_file`](Self::write_to_file) or the
    /// stream for large files.
    pub async fn bytes(self) -> Result<Bytes, Error> {
        let request_id = self.request_id;
        self.body
            .collect_bytes_max(self.max_bytes)
            .await
            .map_err(|err| with_request_id(err, request_id.as_deref()))
    }

    /// Writes the content to `path` (created or truncated) chunk by chunk, so memory stays at
    /// one chunk whatever the file size, and returns the number of bytes written.
    pub async fn write_to_file(mut self, path: impl AsRef<Path>) -> Result<u64, Error> {
        let path = path.as_ref();
        let io_err = |e: std::io::Error| {
            Error::invalid_request(format!("cannot write `{}`: {e}", path.display())).with_source(e)
        };
        let mut file = tokio::fs::File::create(path).await.map_err(io_err)?;
        let mut written = 0u64;
        while let Some(chunk) = self.next().await {
            let chunk = chunk?;
            file.write_all(&chunk).await.map_err(io_err)?;
            written += chunk.len() as u64;
        }
        file.flush().await.map_err(io_err)?;
        Ok(written)
    }

    /// The content split into lines (see [`JsonlLines`]).
    pub fn lines(self) -> JsonlLines {
        JsonlLines::new(self)
    }
}

impl Stream for FileContent {
    type Item = Result<Bytes, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        loop {
            if self.done {
                return Poll::Ready(None);
            }
            match Pin::new(&mut self.body).poll_frame(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => {
                    self.done = true;
                    return Poll::Ready(None);
                }
                Poll::Ready(Some(Err(err))) => {
                    self.done = true;
                    let err = with_request_id(err, self.request_id.as_deref());
                    return Poll::Ready(Some(Err(err)));
                }
                Poll::Ready(Some(Ok(frame))) => {
                    // Trailers carry no content; empty data frames are skipped.
                    if let Ok(data) = frame.into_data() {
                        if !data.is_empty() {
                            return Poll::Ready(Some(Ok(data)));
                        }
                    }
                }
            }
        }
    }
}

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
    fn new(content: FileContent) -> Self {
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
                let err = with_request_id(err, this.content.request_id.as_deref());
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
