//! [`Download`]: a binary response body (file content, generated speech) read as it arrives.

use std::fmt;
use std::path::Path;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_core::Stream;
use http_body::Body;
use tokio::io::{AsyncWrite, AsyncWriteExt};

use crate::body::ResponseBody;
use crate::error::Error;
use crate::request::ResponseMeta;

/// A response body read from the connection as it is polled: a [`Stream`] of [`Bytes`] chunks
/// with an inherent [`next`](Self::next).
///
/// Nothing is buffered beyond the chunk in hand unless asked: pipe the chunks somewhere as they
/// arrive, write them to a file ([`write_to_file`](Self::write_to_file)) or any async writer
/// ([`write_to`](Self::write_to)), or collect them ([`bytes`](Self::bytes), bounded by the
/// call's `max_response_bytes`). HTTP errors come from the call that returned it; a connection
/// that breaks, or stays silent past the idle timeout or the total deadline, ends the stream
/// with an `Err` item carrying the request id. Dropping it closes the connection.
#[must_use = "streams do nothing unless polled"]
pub struct Download {
    body: ResponseBody,
    meta: ResponseMeta,
    max_bytes: u64,
    received: u64,
    done: bool,
}

impl fmt::Debug for Download {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Download")
            .field("request_id", &self.meta.request_id)
            .field("content_type", &self.content_type())
            .field("received", &self.received)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl Download {
    pub(crate) fn new(body: ResponseBody, meta: ResponseMeta, max_bytes: u64) -> Self {
        Download {
            body,
            meta,
            max_bytes,
            received: 0,
            done: false,
        }
    }

    /// Status, headers, request id and attempts of the response.
    pub fn meta(&self) -> &ResponseMeta {
        &self.meta
    }

    /// The request id (`x-request-id`, else Azure's `apim-request-id`).
    pub fn request_id(&self) -> Option<&str> {
        self.meta.request_id.as_deref()
    }

    /// The content type the service sent (`audio/mpeg`, `application/octet-stream`, …).
    pub fn content_type(&self) -> Option<&str> {
        self.meta.header("content-type")
    }

    /// The length the service announced (`Content-Length`), when it sent one.
    pub fn content_length(&self) -> Option<u64> {
        self.meta.header("content-length")?.trim().parse().ok()
    }

    /// Bytes received so far.
    pub fn bytes_received(&self) -> u64 {
        self.received
    }

    /// The next chunk; `None` at the end. After an error the stream ends.
    pub async fn next(&mut self) -> Option<Result<Bytes, Error>> {
        std::future::poll_fn(|cx| self.poll_chunk(cx)).await
    }

    fn poll_chunk(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Bytes, Error>>> {
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
                Poll::Ready(Some(Err(mut err))) => {
                    self.done = true;
                    // Free the connection now rather than when the stream is dropped.
                    self.body = ResponseBody::empty();
                    err.set_request_id_if_absent(self.meta.request_id.as_deref());
                    if err.attempts() == 0 {
                        err.set_attempts(self.meta.attempts);
                    }
                    return Poll::Ready(Some(Err(err)));
                }
                Poll::Ready(Some(Ok(frame))) => {
                    // Trailers carry no content; empty data frames are skipped.
                    if let Ok(data) = frame.into_data() {
                        if !data.is_empty() {
                            self.received += data.len() as u64;
                            return Poll::Ready(Some(Ok(data)));
                        }
                    }
                }
            }
        }
    }

    /// Reads the rest into memory, failing (before reading, when the length is announced)
    /// past the call's `max_response_bytes`. Prefer the stream or
    /// [`write_to_file`](Self::write_to_file) for large bodies.
    pub async fn bytes(self) -> Result<Bytes, Error> {
        let Download {
            body,
            meta,
            max_bytes,
            received,
            ..
        } = self;
        let limit = max_bytes.saturating_sub(received);
        body.collect_bytes_max(limit).await.map_err(|mut err| {
            err.set_request_id_if_absent(meta.request_id.as_deref());
            err
        })
    }

    /// Writes the rest to `writer` chunk by chunk as it arrives, flushes it, and returns the
    /// number of bytes written. A failed write is an [`Io`](crate::ErrorKind::Io) error.
    pub async fn write_to<W: AsyncWrite + Unpin + ?Sized>(
        &mut self,
        writer: &mut W,
    ) -> Result<u64, Error> {
        let mut written = 0u64;
        while let Some(chunk) = self.next().await {
            let chunk = chunk?;
            writer
                .write_all(&chunk)
                .await
                .map_err(|e| self.io_error("writing the response body failed".into(), e))?;
            written += chunk.len() as u64;
        }
        writer
            .flush()
            .await
            .map_err(|e| self.io_error("flushing the response body failed".into(), e))?;
        Ok(written)
    }

    /// Creates (or truncates) the file at `path` and writes the body into it as it arrives
    /// (never holding more than one chunk); returns the number of bytes written. An
    /// [`Io`](crate::ErrorKind::Io) error names the file when it cannot be created or
    /// written; after a stream error the file holds what arrived before it.
    pub async fn write_to_file(mut self, path: impl AsRef<Path>) -> Result<u64, Error> {
        let path = path.as_ref();
        let mut file = tokio::fs::File::create(path)
            .await
            .map_err(|e| self.io_error(format!("cannot create `{}`", path.display()), e))?;
        let written = self.write_to(&mut file).await?;
        file.sync_all()
            .await
            .map_err(|e| self.io_error(format!("cannot write `{}`", path.display()), e))?;
        Ok(written)
    }

    fn io_error(&self, message: String, err: std::io::Error) -> Error {
        let mut out = Error::io(message).with_source(err);
        out.set_request_id_if_absent(self.meta.request_id.as_deref());
        out
    }
}

impl Stream for Download {
    type Item = Result<Bytes, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_chunk(cx)
    }
}
