//! [`UploadSource`]: what a file upload reads from — a path streamed from disk, bytes in
//! memory, or an async reader of known length — for every multipart operation (files, image
//! edits and variations, audio, upload parts).

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::{Bytes, BytesMut};
use futures_core::Stream;
use tokio::io::AsyncRead;

use crate::body::ByteStream;
use crate::error::Error;
use crate::multipart::Part;

/// Bytes read from a reader per body chunk.
const READ_CHUNK: usize = 64 * 1024;

enum Source {
    Path(PathBuf),
    Bytes(Bytes),
    Reader { stream: ByteStream, len: u64 },
}

/// The content of one uploaded file, with its file name and content type.
///
/// - [`path`](Self::path): opened when the request is built (a missing or unreadable file is
///   an `InvalidRequest` error naming it, before anything is sent) and streamed from disk in
///   chunks while sending, never loaded whole; such a request is sent once, never retried.
/// - [`bytes`](Self::bytes): in memory; the request can be retried.
/// - [`reader`](Self::reader): any `AsyncRead` yielding exactly the given length; sent once.
///
/// The file name defaults to the path's base name (or `upload`); the content type is guessed
/// from the file name's extension unless set.
///
/// ```
/// use core_http::kit::UploadSource;
///
/// let from_disk = UploadSource::path("speech.mp3");
/// assert_eq!(from_disk.file_name_or_default(), "speech.mp3");
/// let in_memory = UploadSource::bytes(b"a,b\n1,2\n".to_vec()).file_name("table.csv");
/// assert_eq!(in_memory.len(), Some(8));
/// ```
pub struct UploadSource {
    source: Source,
    file_name: Option<String>,
    content_type: Option<String>,
}

impl fmt::Debug for UploadSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never the content.
        let kind = match &self.source {
            Source::Path(path) => format!("path {}", path.display()),
            Source::Bytes(bytes) => format!("{} bytes in memory", bytes.len()),
            Source::Reader { len, .. } => format!("reader of {len} bytes"),
        };
        f.debug_struct("UploadSource")
            .field("source", &kind)
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .finish()
    }
}

impl UploadSource {
    /// The file at `path`, streamed from disk when the request is sent.
    pub fn path(path: impl AsRef<Path>) -> Self {
        UploadSource {
            source: Source::Path(path.as_ref().to_path_buf()),
            file_name: None,
            content_type: None,
        }
    }

    /// Bytes in memory (sent with file name `upload` unless [`file_name`](Self::file_name)
    /// sets one; the service often uses the extension to tell the format).
    pub fn bytes(bytes: impl Into<Bytes>) -> Self {
        UploadSource {
            source: Source::Bytes(bytes.into()),
            file_name: None,
            content_type: None,
        }
    }

    /// An async reader that yields exactly `len` bytes (the length is announced up front; a
    /// reader that yields fewer or more fails the upload).
    pub fn reader(reader: impl AsyncRead + Send + 'static, len: u64) -> Self {
        UploadSource {
            source: Source::Reader {
                stream: Box::pin(ReaderStream {
                    reader: Box::pin(reader),
                    buf: BytesMut::new(),
                    done: false,
                }),
                len,
            },
            file_name: None,
            content_type: None,
        }
    }

    /// Sets the file name sent with the content.
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// Sets the content type instead of guessing it from the file name.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The file name that will be sent: the one set, else the path's base name, else `upload`.
    pub fn file_name_or_default(&self) -> &str {
        if let Some(name) = &self.file_name {
            return name;
        }
        if let Source::Path(path) = &self.source {
            if let Some(base) = path.file_name().and_then(|b| b.to_str()) {
                return base;
            }
        }
        crate::multipart::DEFAULT_FILE_NAME
    }

    /// The length, when known without touching the disk.
    pub fn len(&self) -> Option<u64> {
        match &self.source {
            Source::Path(_) => None,
            Source::Bytes(bytes) => Some(bytes.len() as u64),
            Source::Reader { len, .. } => Some(*len),
        }
    }

    /// True for an in-memory source with no bytes.
    pub fn is_empty(&self) -> bool {
        self.len() == Some(0)
    }

    /// True when a request carrying this source can be sent again (bytes in memory).
    pub fn is_replayable(&self) -> bool {
        matches!(self.source, Source::Bytes(_))
    }

    /// The multipart part for form field `field`. Opens a path source now: a missing or
    /// unreadable file is an `InvalidRequest` error naming the file.
    pub fn into_part(self, field: &str) -> Result<Part, Error> {
        let file_name = self.file_name_or_default().to_owned();
        let part = match self.source {
            Source::Path(path) => Part::file(field, &path).map_err(|e| {
                Error::invalid_request(format!(
                    "cannot read the file to upload `{}`: {e}",
                    path.display()
                ))
                .with_source(e)
            })?,
            Source::Bytes(bytes) => Part::bytes(field, bytes),
            Source::Reader { stream, len } => Part::stream(field, stream, len),
        };
        let part = part.file_name(file_name);
        Ok(match self.content_type {
            Some(content_type) => part.content_type(content_type),
            None => part,
        })
    }
}

impl From<&Path> for UploadSource {
    fn from(path: &Path) -> Self {
        UploadSource::path(path)
    }
}

impl From<PathBuf> for UploadSource {
    fn from(path: PathBuf) -> Self {
        UploadSource::path(path)
    }
}

impl From<&str> for UploadSource {
    /// A path.
    fn from(path: &str) -> Self {
        UploadSource::path(path)
    }
}

impl From<Bytes> for UploadSource {
    fn from(bytes: Bytes) -> Self {
        UploadSource::bytes(bytes)
    }
}

impl From<Vec<u8>> for UploadSource {
    fn from(bytes: Vec<u8>) -> Self {
        UploadSource::bytes(bytes)
    }
}

/// An `AsyncRead` as a stream of chunks.
struct ReaderStream {
    reader: Pin<Box<dyn AsyncRead + Send>>,
    buf: BytesMut,
    done: bool,
}

impl Stream for ReaderStream {
    type Item = io::Result<Bytes>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.done {
            return Poll::Ready(None);
        }
        this.buf.resize(READ_CHUNK, 0);
        let mut read_buf = tokio::io::ReadBuf::new(&mut this.buf[..]);
        match this.reader.as_mut().poll_read(cx, &mut read_buf) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Err(err)) => {
                this.done = true;
                Poll::Ready(Some(Err(err)))
            }
            Poll::Ready(Ok(())) => {
                let read = read_buf.filled().len();
                if read == 0 {
                    this.done = true;
                    return Poll::Ready(None);
                }
                this.buf.truncate(read);
                Poll::Ready(Some(Ok(this.buf.split().freeze())))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::multipart::{Form, MultipartBody};

    async fn collect(body: MultipartBody) -> io::Result<Vec<u8>> {
        match body {
            MultipartBody::Buffered(bytes) => Ok(bytes.to_vec()),
            MultipartBody::Streaming { mut stream, .. } => {
                let mut out = Vec::new();
                while let Some(chunk) =
                    std::future::poll_fn(|cx| stream.as_mut().poll_next(cx)).await
                {
                    out.extend_from_slice(&chunk?);
                }
                Ok(out)
            }
        }
    }

    #[test]
    fn a_missing_file_is_an_invalid_request_naming_it() {
        let err = UploadSource::path("/definitely/not/here.wav")
            .into_part("file")
            .unwrap_err();
        assert!(matches!(err.kind(), crate::ErrorKind::InvalidRequest));
        assert!(
            err.to_string().starts_with(
                "invalid request: cannot read the file to upload `/definitely/not/here.wav`:"
            ),
            "{err}"
        );
    }

    #[test]
    fn names_and_types() {
        assert_eq!(
            UploadSource::path("/tmp/a/b.png").file_name_or_default(),
            "b.png"
        );
        assert_eq!(
            UploadSource::bytes(vec![1, 2]).file_name_or_default(),
            "upload"
        );
        let source = UploadSource::bytes(vec![1]).file_name("x.bin");
        assert_eq!(source.file_name_or_default(), "x.bin");
        assert!(source.is_replayable());
        assert!(!UploadSource::path("x").is_replayable());
        let debug = format!("{:?}", UploadSource::bytes(b"secret".to_vec()));
        assert!(!debug.contains("secret"), "{debug}");
    }

    #[tokio::test]
    async fn a_reader_streams_its_exact_length() {
        let data = vec![7u8; 200_000];
        let part = UploadSource::reader(std::io::Cursor::new(data.clone()), 200_000)
            .file_name("x.bin")
            .into_part("file")
            .unwrap();
        let form = Form::new().with_boundary("b").unwrap().part(part);
        let body = form.into_body();
        assert!(matches!(body, MultipartBody::Streaming { .. }));
        let bytes = collect(body).await.unwrap();
        assert!(bytes.windows(data.len()).any(|w| w == data.as_slice()));

        let short = UploadSource::reader(std::io::Cursor::new(vec![1u8; 10]), 11)
            .into_part("file")
            .unwrap();
        let body = Form::new().part(short).into_body();
        let err = collect(body).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof);
    }
}
