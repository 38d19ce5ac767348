//! [`Files`]: upload (multipart, from memory or streamed from disk), list, retrieve, delete and
//! download files.

use crate::ctx::handle_methods;
use std::fmt;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use core_http::http::Method;
use core_http::multipart::{DEFAULT_FILE_NAME, Form, Part};
use core_http::{Error, ResponseBody};
use futures_core::Stream;
use http_body::Body;
use openai_types::files::{FileListParams, FileObject, FileUploadParams};
use openai_types::shared::{DeletionStatus, ListPage};

use crate::ctx::{Ctx, seg};
use crate::pagination::{ItemStream, paginate};

/// What to upload: bytes already in memory, or a file on disk that is streamed in chunks while
/// the request is sent (never loaded whole).
///
/// The file part's name is [`FileUploadParams::filename`] when set, else the path's basename,
/// else `upload` (openai-python's default); its Content-Type is guessed from that name's
/// extension, else `application/octet-stream` (behaviors §12 item 74).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FileInput {
    /// In-memory content.
    Bytes(Bytes),
    /// A regular file, opened when the upload starts and streamed from disk.
    Path(PathBuf),
}

impl FileInput {
    /// In-memory content.
    pub fn bytes(bytes: impl Into<Bytes>) -> Self {
        FileInput::Bytes(bytes.into())
    }

    /// A file on disk.
    pub fn path(path: impl Into<PathBuf>) -> Self {
        FileInput::Path(path.into())
    }
}

impl From<Bytes> for FileInput {
    fn from(bytes: Bytes) -> Self {
        FileInput::Bytes(bytes)
    }
}

impl From<Vec<u8>> for FileInput {
    fn from(bytes: Vec<u8>) -> Self {
        FileInput::Bytes(bytes.into())
    }
}

impl From<&'static [u8]> for FileInput {
    fn from(bytes: &'static [u8]) -> Self {
        FileInput::Bytes(Bytes::from_static(bytes))
    }
}

impl From<PathBuf> for FileInput {
    fn from(path: PathBuf) -> Self {
        FileInput::Path(path)
    }
}

impl From<&Path> for FileInput {
    fn from(path: &Path) -> Self {
        FileInput::Path(path.to_owned())
    }
}

/// The `/files` resource.
///
/// Files are not versioned like the Assistants beta, but these calls still carry the
/// `OpenAI-Beta` header, as the seed's `AssistantsClient` sent it on every call (the service
/// ignores it on `/files`).
///
/// ```no_run
/// # async fn demo(http: &core_http::HttpClient) -> Result<(), core_http::Error> {
/// use openai_assistants::{FileInput, Files};
/// use openai_types::files::{FilePurpose, FileUploadParams};
///
/// let files = Files::new(http);
/// let uploaded = files
///     .upload(FileInput::path("report.pdf"), &FileUploadParams::new(FilePurpose::Assistants))
///     .await?;
/// let mut content = files.content_stream(&uploaded.id).await?;
/// while let Some(chunk) = content.next().await {
///     let chunk = chunk?;
///     println!("{} bytes", chunk.len());
/// }
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Files<'c> {
    ctx: Ctx<'c>,
}

handle_methods!(Files);

impl<'c> Files<'c> {
    /// `POST /files` as `multipart/form-data`: the text fields (`purpose`, `expires_after[…]`)
    /// then the `file` part (seed: `uploadFile`).
    ///
    /// An upload from a path is streamed and therefore sent once, never retried (its body
    /// cannot be replayed); an in-memory upload is retried like any request.
    pub async fn upload(
        &self,
        file: impl Into<FileInput>,
        params: &FileUploadParams,
    ) -> Result<FileObject, Error> {
        let part = match file.into() {
            FileInput::Bytes(bytes) => Part::bytes("file", bytes).file_name(
                params
                    .filename
                    .clone()
                    .unwrap_or_else(|| DEFAULT_FILE_NAME.to_owned()),
            ),
            FileInput::Path(path) => {
                let part = Part::file("file", &path).map_err(|e| {
                    Error::io(format!("cannot open `{}` for upload: {e}", path.display()))
                        .with_source(e)
                })?;
                match &params.filename {
                    Some(name) => part.file_name(name.clone()),
                    None => part,
                }
            }
        };
        let mut form = Form::new();
        for (name, value) in params.form_fields() {
            form = form.text(name, value);
        }
        self.ctx
            .request(Method::POST, "/files", "files.create")
            .multipart(form.part(part))
            .send_json()
            .await
    }

    /// `GET /files`: one page, optionally filtered by purpose (seed: `listFiles`).
    pub async fn list(&self, params: &FileListParams) -> Result<ListPage<FileObject>, Error> {
        self.ctx
            .get_query("/files", "files.list", params.to_query())
            .await
    }

    /// Every file, page by page, keeping the purpose filter (see [`ItemStream`]).
    pub fn list_all(&self, params: FileListParams) -> ItemStream<'c, FileObject> {
        paginate(
            self.ctx.clone(),
            Ok("/files".to_owned()),
            "files.list",
            params,
        )
    }

    /// `GET /files/{file_id}` (seed: `getFile`).
    pub async fn retrieve(&self, file_id: &str) -> Result<FileObject, Error> {
        let path = format!("/files/{}", seg(file_id, "file_id")?);
        self.ctx.get(&path, "files.retrieve").await
    }

    /// `DELETE /files/{file_id}` (seed: `deleteFile`).
    pub async fn delete(&self, file_id: &str) -> Result<DeletionStatus, Error> {
        let path = format!("/files/{}", seg(file_id, "file_id")?);
        self.ctx.delete(&path, "files.delete").await
    }

    /// `GET /files/{file_id}/content`, read whole (seed: `getFileContent`). For large files
    /// prefer [`content_stream`](Self::content_stream).
    pub async fn content(&self, file_id: &str) -> Result<Bytes, Error> {
        let path = format!("/files/{}/content", seg(file_id, "file_id")?);
        let (bytes, _meta) = self
            .ctx
            .request(Method::GET, &path, "files.content")
            .send_bytes()
            .await?;
        Ok(bytes)
    }

    /// `GET /files/{file_id}/content` as a stream of body chunks, read from the connection as
    /// the stream is polled (nothing is buffered beyond one chunk). HTTP errors come from this
    /// `await`; a connection that breaks or stalls mid-body (idle timeout) is an `Err` item.
    pub async fn content_stream(&self, file_id: &str) -> Result<FileContentStream, Error> {
        let path = format!("/files/{}/content", seg(file_id, "file_id")?);
        let response = self
            .ctx
            .request(Method::GET, &path, "files.content")
            .send()
            .await?;
        let headers = response.headers();
        let request_id = core_http::request_id_from_headers(headers).map(str::to_owned);
        let content_length = headers
            .get("content-length")
            .and_then(|v| v.to_str().ok()?.parse().ok());
        Ok(FileContentStream {
            body: response.into_body(),
            request_id,
            content_length,
            done: false,
        })
    }
}

/// The content of a file as it arrives: a [`Stream`] of [`Bytes`] chunks.
#[must_use = "streams do nothing unless polled"]
pub struct FileContentStream {
    body: ResponseBody,
    request_id: Option<String>,
    content_length: Option<u64>,
    done: bool,
}

impl fmt::Debug for FileContentStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileContentStream")
            .field("request_id", &self.request_id)
            .field("content_length", &self.content_length)
            .finish_non_exhaustive()
    }
}

impl FileContentStream {
    /// The next chunk; `None` at the end of the file. After an error the stream ends.
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
}

impl Stream for FileContentStream {
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
                    let err = match (&self.request_id, err.request_id()) {
                        (Some(id), None) => err.with_request_id(id.clone()),
                        _ => err,
                    };
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
