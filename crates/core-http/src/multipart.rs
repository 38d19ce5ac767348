//! `multipart/form-data` request bodies, for file uploads and image edits.
//!
//! This module owns the wire encoding of forms: part
//! headers, name escaping, the boundary, the filename and Content-Type defaults, and streaming
//! files from disk. It knows nothing about OpenAI routes; service crates build a [`Form`] and
//! the request layer sends [`Form::into_body`].
//!
//! Layout choices, copied from openai-python/httpx so servers see what they already accept:
//!
//! - text fields are written before file parts, each group in insertion order;
//! - nested objects are flattened with brackets, `expires_after[anchor]`
//!   ([`Form::text_nested`]), arrays as `key[]` ([`Form::text_array`]);
//! - every file part carries a filename (the path's basename, or `"upload"` for bare bytes)
//!   and a Content-Type (explicit, else guessed from the filename's extension, else
//!   `application/octet-stream`);
//! - in quoted names and filenames `"` becomes `%22`, `\` becomes `\\`, and control characters
//!   (CR and LF included) become `%XX`, so no value can break out of its header line.
//!
//! A form whose parts are all in memory becomes one buffered body ([`MultipartBody::Buffered`]),
//! which the retry layer may resend. A form with a file part streams it from disk in chunks at
//! send time and is one-shot ([`MultipartBody::Streaming`]); its exact length is still known, so
//! servers get a `Content-Length`.
//!
//! # Example
//!
//! ```
//! use core_http::multipart::{Form, MultipartBody, Part};
//!
//! let form = Form::new()
//!     .text("purpose", "fine-tune")
//!     .text_nested("expires_after", [("anchor", "created_at"), ("seconds", "3600")])
//!     .part(Part::bytes("file", &b"{\"prompt\":\"hi\"}\n"[..]).file_name("train.jsonl"));
//! let content_type = form.content_type();
//! assert!(content_type.starts_with("multipart/form-data; boundary="));
//! // No file part, so the body is buffered (and retry-safe).
//! let body = form.into_body();
//! assert!(matches!(&body, MultipartBody::Buffered(bytes) if bytes.ends_with(b"--\r\n")));
//! ```

use std::collections::VecDeque;
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::io;
use std::path::Path;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};

use bytes::{Bytes, BytesMut};
use futures_core::Stream;

/// Filename used for a bytes part that was given none (openai-python/httpx's default).
pub const DEFAULT_FILE_NAME: &str = "upload";

/// Bytes read from a file per stream item.
const FILE_CHUNK: usize = 128 * 1024;

/// A `multipart/form-data` form under construction.
pub struct Form {
    boundary: String,
    fields: Vec<(String, String)>,
    parts: Vec<Part>,
}

impl Default for Form {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for Form {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Field names and part summaries only: values can be large prompts.
        f.debug_struct("Form")
            .field("boundary", &self.boundary)
            .field(
                "fields",
                &self.fields.iter().map(|(name, _)| name).collect::<Vec<_>>(),
            )
            .field("parts", &self.parts)
            .finish()
    }
}

impl Form {
    /// An empty form with a fresh random boundary.
    pub fn new() -> Self {
        Form {
            boundary: random_boundary(),
            fields: Vec::new(),
            parts: Vec::new(),
        }
    }

    /// Replaces the random boundary with a fixed one, for reproducible bodies in tests and
    /// snapshots.
    ///
    /// The boundary must be 1 to 70 characters from `A-Z a-z 0-9 ' + _ - .` (a subset of RFC
    /// 2046's that needs no quoting in the Content-Type header); otherwise this returns an
    /// [`io::ErrorKind::InvalidInput`] error. It must not occur inside any part's content.
    pub fn with_boundary(mut self, boundary: impl Into<String>) -> io::Result<Self> {
        let boundary = boundary.into();
        let valid = (1..=70).contains(&boundary.len())
            && boundary
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"'+_-.".contains(&b));
        if !valid {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "multipart boundary must be 1-70 characters of A-Z a-z 0-9 ' + _ - .",
            ));
        }
        self.boundary = boundary;
        Ok(self)
    }

    /// The boundary separating the parts.
    pub fn boundary(&self) -> &str {
        &self.boundary
    }

    /// Adds a text field. Text fields are written before all file parts.
    pub fn text(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.fields.push((name.into(), value.into()));
        self
    }

    /// Adds one text field per `(key, value)` named `name[key]`: how nested objects such as
    /// `expires_after: {anchor, seconds}` are sent (openai-python's bracket flattening).
    pub fn text_nested<I, K, V>(mut self, name: &str, fields: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: Into<String>,
    {
        for (key, value) in fields {
            self.fields
                .push((format!("{name}[{}]", key.as_ref()), value.into()));
        }
        self
    }

    /// Adds one text field named `name[]` per value: how arrays are sent
    /// (e.g. `timestamp_granularities[]`).
    pub fn text_array<I, V>(mut self, name: &str, values: I) -> Self
    where
        I: IntoIterator<Item = V>,
        V: Into<String>,
    {
        for value in values {
            self.fields.push((format!("{name}[]"), value.into()));
        }
        self
    }

    /// Adds a file part (bytes or a file on disk). Parts keep their insertion order.
    pub fn part(mut self, part: Part) -> Self {
        self.parts.push(part);
        self
    }

    /// The request's `Content-Type` header value, `multipart/form-data; boundary=...`.
    pub fn content_type(&self) -> String {
        format!("multipart/form-data; boundary={}", self.boundary)
    }

    /// Encodes the form: buffered when every part is in memory, streaming when a part is a
    /// file.
    pub fn into_body(self) -> MultipartBody {
        let boundary = self.boundary;
        let mut segments = Vec::new();
        let mut buf = BytesMut::new();
        for (name, value) in &self.fields {
            write_part_head(&mut buf, &boundary, name, None, None);
            buf.extend_from_slice(value.as_bytes());
            buf.extend_from_slice(b"\r\n");
        }
        for part in self.parts {
            let file_name = part.file_name.as_deref().unwrap_or(DEFAULT_FILE_NAME);
            let content_type = match &part.content_type {
                Some(explicit) => explicit.as_str(),
                None => guess_content_type(file_name),
            };
            write_part_head(
                &mut buf,
                &boundary,
                &part.name,
                Some(file_name),
                Some(content_type),
            );
            segments.push(Segment::Bytes(buf.split().freeze()));
            segments.push(match part.body {
                // Kept as its own segment: no copy when streaming.
                PartBody::Bytes(bytes) => Segment::Bytes(bytes),
                PartBody::File { file, len } => Segment::File {
                    file,
                    len,
                    name: file_name.into(),
                },
                PartBody::Stream { stream, len } => Segment::Stream {
                    stream,
                    len,
                    name: file_name.into(),
                },
            });
            buf.extend_from_slice(b"\r\n");
        }
        buf.extend_from_slice(b"--");
        buf.extend_from_slice(boundary.as_bytes());
        buf.extend_from_slice(b"--\r\n");
        segments.push(Segment::Bytes(buf.freeze()));
        segments.retain(|segment| segment.len() > 0);

        let content_length = segments.iter().map(Segment::len).sum();
        if segments.iter().all(|s| matches!(s, Segment::Bytes(_))) {
            let mut body = BytesMut::with_capacity(usize::try_from(content_length).unwrap_or(0));
            for segment in &segments {
                if let Segment::Bytes(bytes) = segment {
                    body.extend_from_slice(bytes);
                }
            }
            return MultipartBody::Buffered(body.freeze());
        }
        MultipartBody::Streaming {
            stream: Box::pin(BodyStream {
                segments: segments.into(),
                reader: None,
                streaming: None,
            }),
            content_length: Some(content_length),
        }
    }
}

/// One file part of a [`Form`]: in-memory bytes or a file streamed from disk.
pub struct Part {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    body: PartBody,
}

enum PartBody {
    Bytes(Bytes),
    /// A one-shot stream of exactly `len` bytes (an async reader).
    Stream {
        stream: crate::body::ByteStream,
        len: u64,
    },
    /// Opened when the part was made; read in chunks at send time.
    File {
        file: std::fs::File,
        len: u64,
    },
}

impl fmt::Debug for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (kind, len) = match &self.body {
            PartBody::Bytes(bytes) => ("bytes", bytes.len() as u64),
            PartBody::File { len, .. } => ("file", *len),
            PartBody::Stream { len, .. } => ("stream", *len),
        };
        f.debug_struct("Part")
            .field("name", &self.name)
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("kind", &kind)
            .field("len", &len)
            .finish()
    }
}

impl Part {
    /// A part holding `bytes`, sent with filename `"upload"` unless [`Part::file_name`] sets
    /// one.
    pub fn bytes(name: impl Into<String>, bytes: impl Into<Bytes>) -> Part {
        Part {
            name: name.into(),
            file_name: None,
            content_type: None,
            body: PartBody::Bytes(bytes.into()),
        }
    }

    /// A part streamed from the file at `path`, named by the path's basename.
    ///
    /// The file is opened and its length read now (so a missing file fails here, and the
    /// body's `Content-Length` is exact); its content is read in chunks only while the request
    /// is sent, never loaded whole. Opening is a quick blocking call. Only regular files are
    /// accepted. If the file shrinks before it is sent the body stream fails with
    /// [`io::ErrorKind::UnexpectedEof`]; if it grows, only the original length is sent.
    pub fn file(name: impl Into<String>, path: impl AsRef<Path>) -> io::Result<Part> {
        let path = path.as_ref();
        let file = std::fs::File::open(path)?;
        let metadata = file.metadata()?;
        if !metadata.is_file() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "multipart file part: not a regular file",
            ));
        }
        Ok(Part {
            name: name.into(),
            file_name: path
                .file_name()
                .map(|base| base.to_string_lossy().into_owned()),
            content_type: None,
            body: PartBody::File {
                file,
                len: metadata.len(),
            },
        })
    }

    /// A part streamed from `stream`, which must yield exactly `len` bytes (the body's
    /// `Content-Length` is announced up front; a shorter or longer stream fails the upload).
    /// Sent with filename `"upload"` unless [`Part::file_name`] sets one.
    pub fn stream(
        name: impl Into<String>,
        stream: impl Stream<Item = io::Result<Bytes>> + Send + 'static,
        len: u64,
    ) -> Part {
        Part {
            name: name.into(),
            file_name: None,
            content_type: None,
            body: PartBody::Stream {
                stream: Box::pin(stream),
                len,
            },
        }
    }

    /// Sets the filename sent in `Content-Disposition` (and used to guess the Content-Type).
    pub fn file_name(mut self, file_name: impl Into<String>) -> Self {
        self.file_name = Some(file_name.into());
        self
    }

    /// Sets the part's Content-Type instead of guessing it. Control characters are dropped so
    /// the value stays on its header line.
    pub fn content_type(mut self, mime: impl Into<String>) -> Self {
        let mut mime = mime.into();
        mime.retain(|c| !c.is_control());
        self.content_type = Some(mime);
        self
    }
}

/// The encoded body of a [`Form`].
pub enum MultipartBody {
    /// The whole body in memory: safe to send again on retry.
    Buffered(Bytes),
    /// At least one part is read from disk while sending: one-shot, never retried.
    Streaming {
        /// The body, in order. An `Err` item means a file could not be read (or shrank).
        stream: Pin<Box<dyn Stream<Item = io::Result<Bytes>> + Send>>,
        /// The exact body length when known (always, for files opened by [`Part::file`]).
        content_length: Option<u64>,
    },
}

impl MultipartBody {
    /// The body's length in bytes, when known.
    pub fn content_length(&self) -> Option<u64> {
        match self {
            MultipartBody::Buffered(bytes) => Some(bytes.len() as u64),
            MultipartBody::Streaming { content_length, .. } => *content_length,
        }
    }
}

impl fmt::Debug for MultipartBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MultipartBody::Buffered(bytes) => f
                .debug_struct("Buffered")
                .field("len", &bytes.len())
                .finish(),
            MultipartBody::Streaming { content_length, .. } => f
                .debug_struct("Streaming")
                .field("content_length", content_length)
                .finish_non_exhaustive(),
        }
    }
}

/// Content-Type for a filename, from its extension (case-insensitive);
/// `application/octet-stream` when unknown.
///
/// A small table covering what the OpenAI endpoints take (files, batches, assistants
/// retrieval, audio, images); unlisted types are better set explicitly with
/// [`Part::content_type`].
pub fn guess_content_type(file_name: &str) -> &'static str {
    let Some((_, ext)) = file_name.rsplit_once('.') else {
        return "application/octet-stream";
    };
    match ext.to_ascii_lowercase().as_str() {
        "jsonl" => "application/jsonl",
        "json" => "application/json",
        "txt" => "text/plain",
        "md" | "markdown" => "text/markdown",
        "csv" => "text/csv",
        "html" | "htm" => "text/html",
        "css" => "text/css",
        "xml" => "application/xml",
        "py" => "text/x-python",
        "js" | "mjs" => "text/javascript",
        "ts" => "application/typescript",
        "c" | "h" => "text/x-c",
        "cpp" | "cc" | "hpp" => "text/x-c++",
        "cs" => "text/x-csharp",
        "java" => "text/x-java",
        "go" => "text/x-golang",
        "rb" => "text/x-ruby",
        "php" => "text/x-php",
        "sh" => "application/x-sh",
        "tex" => "text/x-tex",
        "pdf" => "application/pdf",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "zip" => "application/zip",
        "tar" => "application/x-tar",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "mp3" | "mpga" => "audio/mpeg",
        "wav" => "audio/wav",
        "m4a" => "audio/mp4",
        "ogg" | "oga" => "audio/ogg",
        "flac" => "audio/flac",
        "mp4" => "video/mp4",
        "mpeg" => "video/mpeg",
        "webm" => "video/webm",
        _ => "application/octet-stream",
    }
}

/// Writes `--boundary` and one part's headers, through the blank line.
fn write_part_head(
    buf: &mut BytesMut,
    boundary: &str,
    name: &str,
    file_name: Option<&str>,
    content_type: Option<&str>,
) {
    buf.extend_from_slice(b"--");
    buf.extend_from_slice(boundary.as_bytes());
    buf.extend_from_slice(b"\r\nContent-Disposition: form-data; name=\"");
    push_escaped(buf, name);
    buf.extend_from_slice(b"\"");
    if let Some(file_name) = file_name {
        buf.extend_from_slice(b"; filename=\"");
        push_escaped(buf, file_name);
        buf.extend_from_slice(b"\"");
    }
    buf.extend_from_slice(b"\r\n");
    if let Some(content_type) = content_type {
        buf.extend_from_slice(b"Content-Type: ");
        buf.extend_from_slice(content_type.as_bytes());
        buf.extend_from_slice(b"\r\n");
    }
    buf.extend_from_slice(b"\r\n");
}

/// Appends `value` for use inside a quoted header parameter (httpx's HTML5 escaping, plus DEL).
fn push_escaped(buf: &mut BytesMut, value: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in value.as_bytes() {
        match b {
            b'"' => buf.extend_from_slice(b"%22"),
            b'\\' => buf.extend_from_slice(b"\\\\"),
            0x00..=0x1F | 0x7F => {
                buf.extend_from_slice(&[b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xF)]]);
            }
            _ => buf.extend_from_slice(&[b]),
        }
    }
}

/// 32 hex digits that differ per form and per process: std's per-thread random hash keys
/// over a process-wide counter, the time and the process id (no extra crate).
fn random_boundary() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_nanos());
    let half = |salt: u8| {
        // Each `RandomState::new()` has different keys, so the two halves are independent.
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u64(count);
        hasher.write_u128(nanos);
        hasher.write_u32(std::process::id());
        hasher.write_u8(salt);
        hasher.finish()
    };
    format!("{:016x}{:016x}", half(0), half(1))
}

/// A piece of the encoded body.
enum Segment {
    Bytes(Bytes),
    File {
        file: std::fs::File,
        len: u64,
        /// The part's file name, for errors.
        name: Arc<str>,
    },
    Stream {
        stream: crate::body::ByteStream,
        len: u64,
        /// The part's file name, for errors.
        name: Arc<str>,
    },
}

/// A file part that could not be sent as announced: read failed, or the file changed size
/// after the upload started. Its `Display` names the file and the cause.
#[derive(Debug)]
pub(crate) struct UploadError {
    file: Arc<str>,
    cause: String,
}

impl std::fmt::Display for UploadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "uploading file `{}` failed: {}", self.file, self.cause)
    }
}

impl std::error::Error for UploadError {}

fn upload_error(kind: io::ErrorKind, file: &Arc<str>, cause: String) -> io::Error {
    io::Error::new(
        kind,
        UploadError {
            file: file.clone(),
            cause,
        },
    )
}

impl Segment {
    fn len(&self) -> u64 {
        match self {
            Segment::Bytes(bytes) => bytes.len() as u64,
            Segment::File { len, .. } | Segment::Stream { len, .. } => *len,
        }
    }
}

/// The file part being read.
struct FileReader {
    file: tokio::fs::File,
    /// Bytes still owed, so the body matches the announced length.
    remaining: u64,
    /// The length announced when the upload started.
    len: u64,
    name: Arc<str>,
    buf: BytesMut,
}

/// Streams the segments in order, reading files in [`FILE_CHUNK`] pieces.
struct BodyStream {
    segments: VecDeque<Segment>,
    reader: Option<FileReader>,
    /// The stream part being read, with the bytes it still owes.
    streaming: Option<(crate::body::ByteStream, u64, Arc<str>)>,
}

impl Stream for BodyStream {
    type Item = io::Result<Bytes>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(reader) = &mut this.reader {
                if reader.remaining == 0 {
                    // All announced bytes are sent; one more byte means the file grew and
                    // the server would get a silently cut copy.
                    let mut probe = [0u8; 1];
                    let mut read_buf = tokio::io::ReadBuf::new(&mut probe);
                    match tokio::io::AsyncRead::poll_read(
                        Pin::new(&mut reader.file),
                        cx,
                        &mut read_buf,
                    ) {
                        Poll::Pending => return Poll::Pending,
                        Poll::Ready(Ok(())) if read_buf.filled().is_empty() => {
                            this.reader = None;
                            continue;
                        }
                        Poll::Ready(Ok(())) => {
                            let err = upload_error(
                                io::ErrorKind::InvalidData,
                                &reader.name,
                                format!(
                                    "the file grew while uploading (it had {} bytes when the upload started)",
                                    reader.len
                                ),
                            );
                            this.stop();
                            return Poll::Ready(Some(Err(err)));
                        }
                        Poll::Ready(Err(e)) => {
                            let err = upload_error(e.kind(), &reader.name, e.to_string());
                            this.stop();
                            return Poll::Ready(Some(Err(err)));
                        }
                    }
                }
                let want =
                    usize::try_from(reader.remaining).map_or(FILE_CHUNK, |r| r.min(FILE_CHUNK));
                reader.buf.resize(want, 0);
                let mut read_buf = tokio::io::ReadBuf::new(&mut reader.buf[..want]);
                let polled =
                    tokio::io::AsyncRead::poll_read(Pin::new(&mut reader.file), cx, &mut read_buf);
                let read = read_buf.filled().len();
                match polled {
                    Poll::Pending => return Poll::Pending,
                    Poll::Ready(Err(e)) => {
                        let err = upload_error(e.kind(), &reader.name, e.to_string());
                        this.stop();
                        return Poll::Ready(Some(Err(err)));
                    }
                    Poll::Ready(Ok(())) if read == 0 => {
                        let err = upload_error(
                            io::ErrorKind::UnexpectedEof,
                            &reader.name,
                            format!(
                                "the file shrank while uploading: {} of {} bytes missing",
                                reader.remaining, reader.len
                            ),
                        );
                        this.stop();
                        return Poll::Ready(Some(Err(err)));
                    }
                    Poll::Ready(Ok(())) => {
                        reader.remaining -= read as u64;
                        reader.buf.truncate(read);
                        return Poll::Ready(Some(Ok(reader.buf.split().freeze())));
                    }
                }
            }
            if let Some((stream, remaining, name)) = &mut this.streaming {
                match stream.as_mut().poll_next(cx) {
                    Poll::Pending => return Poll::Pending,
                    Poll::Ready(Some(Ok(chunk))) => {
                        let len = chunk.len() as u64;
                        if len > *remaining {
                            let err = upload_error(
                                io::ErrorKind::InvalidData,
                                name,
                                "the reader yielded more bytes than its declared length".to_owned(),
                            );
                            this.stop();
                            return Poll::Ready(Some(Err(err)));
                        }
                        *remaining -= len;
                        return Poll::Ready(Some(Ok(chunk)));
                    }
                    Poll::Ready(Some(Err(err))) => {
                        let err = upload_error(err.kind(), name, err.to_string());
                        this.stop();
                        return Poll::Ready(Some(Err(err)));
                    }
                    Poll::Ready(None) if *remaining > 0 => {
                        let err = upload_error(
                            io::ErrorKind::UnexpectedEof,
                            name,
                            format!("the reader ended early: {} bytes missing", *remaining),
                        );
                        this.stop();
                        return Poll::Ready(Some(Err(err)));
                    }
                    Poll::Ready(None) => {
                        this.streaming = None;
                        continue;
                    }
                }
            }
            match this.segments.pop_front() {
                None => return Poll::Ready(None),
                Some(Segment::Stream { stream, len, name }) => {
                    this.streaming = Some((stream, len, name));
                }
                Some(Segment::Bytes(bytes)) => return Poll::Ready(Some(Ok(bytes))),
                Some(Segment::File { file, len, name }) => {
                    this.reader = Some(FileReader {
                        file: tokio::fs::File::from_std(file),
                        remaining: len,
                        len,
                        name,
                        buf: BytesMut::new(),
                    });
                }
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.segments.len(), None)
    }
}

impl BodyStream {
    /// Ends the stream after an error: the body can no longer match its length.
    fn stop(&mut self) {
        self.reader = None;
        self.streaming = None;
        self.segments.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A uniquely named file under the temp dir, removed on drop.
    struct TempFile(std::path::PathBuf);

    impl TempFile {
        fn new(suffix: &str, content: &[u8]) -> TempFile {
            static NEXT: AtomicU64 = AtomicU64::new(0);
            let path = std::env::temp_dir().join(format!(
                "core-http-multipart-{}-{}-{}",
                std::process::id(),
                NEXT.fetch_add(1, Ordering::Relaxed),
                suffix
            ));
            std::fs::write(&path, content).unwrap();
            TempFile(path)
        }
    }

    impl Drop for TempFile {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }

    fn buffered(form: Form) -> Bytes {
        match form.into_body() {
            MultipartBody::Buffered(body) => body,
            other => panic!("expected a buffered body, got {other:?}"),
        }
    }

    /// Drains a streaming body; returns its length, the chunks, and the first error if any.
    async fn drain(body: MultipartBody) -> (Option<u64>, Vec<Bytes>, Option<io::Error>) {
        let MultipartBody::Streaming {
            mut stream,
            content_length,
        } = body
        else {
            panic!("expected a streaming body");
        };
        let mut chunks = Vec::new();
        while let Some(item) =
            std::future::poll_fn(|cx: &mut Context<'_>| stream.as_mut().poll_next(cx)).await
        {
            match item {
                Ok(chunk) => chunks.push(chunk),
                Err(err) => {
                    // The stream ends after an error.
                    let next =
                        std::future::poll_fn(|cx: &mut Context<'_>| stream.as_mut().poll_next(cx))
                            .await;
                    assert!(next.is_none());
                    return (content_length, chunks, Some(err));
                }
            }
        }
        (content_length, chunks, None)
    }

    /// Exact wire layout. Text fields (nested with brackets)
    /// come first, then file parts with filename and Content-Type; unnamed bytes are
    /// "upload" with application/octet-stream.
    #[test]
    fn buffered_form_exact_layout() {
        let form = Form::new()
            .with_boundary("BOUNDARY")
            .unwrap()
            .part(Part::bytes("file", &b"{\"a\":1}\n"[..]).file_name("train.jsonl"))
            .text("purpose", "fine-tune")
            .text_nested(
                "expires_after",
                [("anchor", "created_at"), ("seconds", "3600")],
            )
            .text_array("timestamp_granularities", ["word", "segment"])
            .part(Part::bytes("extra", Bytes::from_static(b"\x00\x01")));
        assert_eq!(
            form.content_type(),
            "multipart/form-data; boundary=BOUNDARY"
        );
        let body = buffered(form);
        let expected = concat!(
            "--BOUNDARY\r\n",
            "Content-Disposition: form-data; name=\"purpose\"\r\n\r\n",
            "fine-tune\r\n",
            "--BOUNDARY\r\n",
            "Content-Disposition: form-data; name=\"expires_after[anchor]\"\r\n\r\n",
            "created_at\r\n",
            "--BOUNDARY\r\n",
            "Content-Disposition: form-data; name=\"expires_after[seconds]\"\r\n\r\n",
            "3600\r\n",
            "--BOUNDARY\r\n",
            "Content-Disposition: form-data; name=\"timestamp_granularities[]\"\r\n\r\n",
            "word\r\n",
            "--BOUNDARY\r\n",
            "Content-Disposition: form-data; name=\"timestamp_granularities[]\"\r\n\r\n",
            "segment\r\n",
            "--BOUNDARY\r\n",
            "Content-Disposition: form-data; name=\"file\"; filename=\"train.jsonl\"\r\n",
            "Content-Type: application/jsonl\r\n\r\n",
            "{\"a\":1}\n\r\n",
            "--BOUNDARY\r\n",
            "Content-Disposition: form-data; name=\"extra\"; filename=\"upload\"\r\n",
            "Content-Type: application/octet-stream\r\n\r\n",
            "\u{0}\u{1}\r\n",
            "--BOUNDARY--\r\n",
        );
        assert_eq!(std::str::from_utf8(&body).unwrap(), expected);
    }

    #[test]
    fn empty_form_is_just_the_closing_boundary() {
        let body = buffered(Form::new().with_boundary("b").unwrap());
        assert_eq!(&body[..], b"--b--\r\n");
    }

    /// Content-Type guessed from the extension, else octet-stream;
    /// an explicit one wins.
    #[test]
    fn content_type_guessing() {
        for (name, mime) in [
            ("batch.jsonl", "application/jsonl"),
            ("Photo.JPG", "image/jpeg"),
            ("a.jpeg", "image/jpeg"),
            ("mask.png", "image/png"),
            ("speech.mp3", "audio/mpeg"),
            ("clip.m4a", "audio/mp4"),
            ("notes.md", "text/markdown"),
            ("report.pdf", "application/pdf"),
            ("archive.tar.gz", "application/octet-stream"),
            ("README", "application/octet-stream"),
            ("upload", "application/octet-stream"),
            ("trailing.", "application/octet-stream"),
        ] {
            assert_eq!(guess_content_type(name), mime, "{name}");
        }
        let body = buffered(
            Form::new().with_boundary("b").unwrap().part(
                Part::bytes("image", &b"x"[..])
                    .file_name("a.png")
                    .content_type("image/x-custom"),
            ),
        );
        assert!(
            body.windows(30)
                .any(|w| w == b"Content-Type: image/x-custom\r\n")
        );
    }

    /// Names, filenames and content types cannot break out of their header line.
    #[test]
    fn names_and_filenames_are_escaped() {
        let body = buffered(
            Form::new()
                .with_boundary("b")
                .unwrap()
                .text("a\"b\r\nX-Injected: 1", "v")
                .part(
                    Part::bytes("f", &b""[..])
                        .file_name("evil\"\\\n.png")
                        .content_type("text/plain\r\nX-Injected: 2"),
                ),
        );
        let text = std::str::from_utf8(&body).unwrap();
        assert!(
            text.contains("name=\"a%22b%0D%0AX-Injected: 1\"\r\n"),
            "{text}"
        );
        assert!(
            text.contains("filename=\"evil%22\\\\%0A.png\"\r\n"),
            "{text}"
        );
        assert!(
            text.contains("Content-Type: text/plainX-Injected: 2\r\n"),
            "{text}"
        );
        assert!(!text.contains("\nX-Injected"), "{text}");
        // Non-ASCII names pass through as UTF-8 (like browsers and httpx).
        let body = buffered(Form::new().with_boundary("b").unwrap().text("näme", "v"));
        assert!(
            std::str::from_utf8(&body)
                .unwrap()
                .contains("name=\"näme\"")
        );
    }

    #[test]
    fn boundaries_are_unique_and_validated() {
        let a = Form::new();
        let b = Form::new();
        assert_ne!(a.boundary(), b.boundary());
        assert_eq!(a.boundary().len(), 32);
        assert!(a.boundary().bytes().all(|c| c.is_ascii_hexdigit()));
        for bad in ["", "has space", "semi;colon", "quote\"", &"x".repeat(71)] {
            let err = Form::new().with_boundary(bad).unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::InvalidInput, "{bad:?}");
        }
        assert!(Form::new().with_boundary("a-Z_0.9'+").is_ok());
    }

    /// A file over 1 MiB is streamed from disk in several chunks, under its basename with a
    /// guessed Content-Type; the announced length equals the bytes produced.
    #[tokio::test]
    async fn file_part_streams_in_chunks_with_exact_length() {
        let content: Vec<u8> = (0..(1024 * 1024 + 12_345u32))
            .map(|i| (i % 251) as u8)
            .collect();
        let file = TempFile::new("train.jsonl", &content);
        let part = Part::file("file", &file.0).unwrap();
        let base = file.0.file_name().unwrap().to_str().unwrap().to_owned();
        let form = Form::new()
            .with_boundary("B")
            .unwrap()
            .part(part)
            .text("purpose", "batch");
        let (length, chunks, err) = drain(form.into_body()).await;
        assert!(err.is_none(), "{err:?}");
        assert!(chunks.len() > 4, "only {} chunks", chunks.len());
        assert!(chunks.iter().all(|c| c.len() <= FILE_CHUNK));
        let body: Vec<u8> = chunks.concat();
        assert_eq!(length, Some(body.len() as u64));
        let mut expected = format!(
            "--B\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n\
             --B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{base}\"\r\n\
             Content-Type: application/jsonl\r\n\r\n"
        )
        .into_bytes();
        expected.extend_from_slice(&content);
        expected.extend_from_slice(b"\r\n--B--\r\n");
        assert!(
            body == expected,
            "streamed body differs from the expected layout"
        );
    }

    /// A file that shrinks or grows after the part was made fails the stream instead of
    /// sending a body other than the file; the error names the file and what happened.
    #[tokio::test]
    async fn file_changing_size_keeps_length_honest() {
        let file = TempFile::new("data.bin", &[7u8; 300_000]);
        let part = Part::file("file", &file.0).unwrap();
        std::fs::OpenOptions::new()
            .write(true)
            .open(&file.0)
            .unwrap()
            .set_len(1000)
            .unwrap();
        let (_, chunks, err) = drain(Form::new().part(part).into_body()).await;
        let err = err.unwrap();
        assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof);
        let base = file.0.file_name().unwrap().to_str().unwrap().to_owned();
        assert_eq!(
            err.to_string(),
            format!(
                "uploading file `{base}` failed: the file shrank while uploading: 299000 of 300000 bytes missing"
            )
        );
        assert!(chunks.iter().map(Bytes::len).sum::<usize>() < 300_000);

        let file = TempFile::new("grow.bin", &[1u8; 10]);
        let part = Part::file("file", &file.0).unwrap().file_name("g.bin");
        std::fs::write(&file.0, [2u8; 20]).unwrap();
        let form = Form::new().with_boundary("B").unwrap().part(part);
        let (_, _, err) = drain(form.into_body()).await;
        let err = err.unwrap();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        assert_eq!(
            err.to_string(),
            "uploading file `g.bin` failed: the file grew while uploading (it had 10 bytes when the upload started)"
        );
    }

    #[test]
    fn file_part_errors() {
        let missing = std::env::temp_dir().join("core-http-multipart-does-not-exist.bin");
        assert_eq!(
            Part::file("file", &missing).unwrap_err().kind(),
            io::ErrorKind::NotFound
        );
        assert_eq!(
            Part::file("file", std::env::temp_dir()).unwrap_err().kind(),
            io::ErrorKind::InvalidInput
        );
    }

    #[test]
    fn debug_output_is_compact() {
        let form = Form::new()
            .with_boundary("B")
            .unwrap()
            .text("prompt", "a very long prompt")
            .part(Part::bytes("file", vec![0u8; 5000]));
        let debug = format!("{form:?}");
        assert!(!debug.contains("a very long prompt"), "{debug}");
        assert!(debug.contains("len: 5000"), "{debug}");
        assert_eq!(format!("{:?}", form.into_body()), "Buffered { len: 5194 }");
    }
}
