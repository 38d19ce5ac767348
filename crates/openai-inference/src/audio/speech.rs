//! [`SpeechAudioStream`]: generated speech as the bytes arrive.

use std::fmt;
use std::path::Path;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::{Bytes, BytesMut};
use core_http::http::Response;
use core_http::{Error, ResponseBody, ResponseMeta};
use futures_core::Stream;
use http_body::Body;
use tokio::io::{AsyncWrite, AsyncWriteExt};

/// The audio of a speech request, read from the connection as it is polled: a [`Stream`] of
/// [`Bytes`] chunks with an inherent [`next`](Self::next).
///
/// Nothing is buffered beyond the chunk in hand, so a long text costs the same memory as a
/// short one. Pipe the chunks to a player or a socket as they arrive, write them to a file
/// ([`write_to_file`](Self::write_to_file)) or any async writer
/// ([`write_to`](Self::write_to)), or collect them ([`bytes`](Self::bytes)).
///
/// A connection that breaks, or stays silent past the idle timeout, ends the stream with an
/// `Err` item carrying the request id; the bytes received before it were already yielded.
/// Dropping the stream closes the connection.
#[must_use = "streams do nothing unless polled"]
pub struct SpeechAudioStream {
    body: ResponseBody,
    meta: ResponseMeta,
    received: u64,
    done: bool,
}

impl fmt::Debug for SpeechAudioStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SpeechAudioStream")
            .field("request_id", &self.meta.request_id)
            .field("content_type", &self.content_type())
            .field("received", &self.received)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl SpeechAudioStream {
    pub(crate) fn new(response: Response<ResponseBody>) -> Self {
        let (parts, body) = response.into_parts();
        SpeechAudioStream {
            body,
            meta: ResponseMeta::new(parts.status, parts.headers),
            received: 0,
            done: false,
        }
    }

    /// Status, headers and request id of the response. Its `attempts` reads 1: retries made
    /// before the headers arrived are not counted for a streamed body.
    pub fn meta(&self) -> &ResponseMeta {
        &self.meta
    }

    /// The request id (`x-request-id`, else Azure's `apim-request-id`).
    pub fn request_id(&self) -> Option<&str> {
        self.meta.request_id.as_deref()
    }

    /// The audio's content type as the service sent it (`audio/mpeg`, `audio/wav`, …).
    pub fn content_type(&self) -> Option<&str> {
        self.meta.header("content-type")
    }

    /// The length the service announced (`Content-Length`), when it sent one (speech is
    /// usually sent chunked, without one).
    pub fn content_length(&self) -> Option<u64> {
        self.meta.header("content-length")?.trim().parse().ok()
    }

    /// Bytes received so far.
    pub fn bytes_received(&self) -> u64 {
        self.received
    }

    /// The next chunk of audio; `None` at the end. After an error the stream ends.
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
                Poll::Ready(Some(Err(err))) => {
                    self.done = true;
                    // Free the connection now rather than when the stream is dropped.
                    self.body = ResponseBody::empty();
                    let err = match (&self.meta.request_id, err.request_id()) {
                        (Some(id), None) => err.with_request_id(id.clone()),
                        _ => err,
                    };
                    return Poll::Ready(Some(Err(err)));
                }
                Poll::Ready(Some(Ok(frame))) => {
                    // Trailers carry no audio; empty data frames are skipped.
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

    /// Reads the rest of the audio into memory.
    pub async fn bytes(mut self) -> Result<Bytes, Error> {
        let mut out = BytesMut::new();
        while let Some(chunk) = self.next().await {
            out.extend_from_slice(&chunk?);
        }
        Ok(out.freeze())
    }

    /// Writes the rest of the audio to `writer` chunk by chunk as it arrives, flushes it, and
    /// returns the number of bytes written.
    ///
    /// A failed write is an [`Io`](core_http::ErrorKind::Io) error; the stream is left where
    /// it stopped.
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
                .map_err(|e| self.io_error("writing the speech audio failed", e))?;
            written += chunk.len() as u64;
        }
        writer
            .flush()
            .await
            .map_err(|e| self.io_error("flushing the speech audio failed", e))?;
        Ok(written)
    }

    /// Creates (or truncates) the file at `path`, writes the audio into it as it arrives
    /// (never holding more than one chunk), and returns the number of bytes written.
    ///
    /// Errors: [`Io`](core_http::ErrorKind::Io) naming the file when it cannot be created or
    /// written, and the stream's own errors (a broken connection, the idle timeout). The file
    /// then holds what arrived before the failure.
    pub async fn write_to_file(mut self, path: impl AsRef<Path>) -> Result<u64, Error> {
        let path = path.as_ref();
        let mut file = tokio::fs::File::create(path).await.map_err(|e| {
            self.io_error(
                format!("cannot create the speech file `{}`", path.display()),
                e,
            )
        })?;
        let written = self.write_to(&mut file).await?;
        file.sync_all().await.map_err(|e| {
            self.io_error(
                format!("cannot write the speech file `{}`", path.display()),
                e,
            )
        })?;
        Ok(written)
    }

    fn io_error(
        &self,
        message: impl Into<std::borrow::Cow<'static, str>>,
        err: std::io::Error,
    ) -> Error {
        let out = Error::io(message).with_source(err);
        match &self.meta.request_id {
            Some(id) => out.with_request_id(id.clone()),
            None => out,
        }
    }
}

impl Stream for SpeechAudioStream {
    type Item = Result<Bytes, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_chunk(cx)
    }
}
