//! [`Files`]: upload (multipart, from memory or streamed from disk), list, retrieve, delete and
//! download files.

use crate::ctx::handle_methods;
use core_http::kit::Call;
use std::fmt;

use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use core_http::http::Method;
use core_http::kit::UploadSource;
use core_http::multipart::Form;
use core_http::{Error, ResponseBody};
use futures_core::Stream;
use http_body::Body;
use openai_types::files::{FileListParams, FileObject, FileUploadParams};
use openai_types::shared::{DeletionStatus, ListPage};

use crate::ctx::Ctx;
use crate::pagination::{ItemStream, paginate};
use core_http::kit::path_segment;

/// The `/files` resource.
///
/// Files are not versioned like the Assistants beta, but these calls still carry the
/// `OpenAI-Beta` header, as the seed's `AssistantsClient` sent it on every call (the service
/// ignores it on `/files`).
///
/// ```no_run
/// # async fn demo(http: &core_http::HttpClient) -> Result<(), core_http::Error> {
/// use core_http::kit::UploadSource;
/// use openai_assistants::Files;
/// use openai_types::files::{FilePurpose, FileUploadParams};
///
/// let files = Files::new(http);
/// let uploaded = files
///     .upload(UploadSource::path("report.pdf"), &FileUploadParams::new(FilePurpose::Assistants))
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
    pub fn upload(
        &self,
        file: impl Into<UploadSource>,
        params: &FileUploadParams,
    ) -> Call<FileObject> {
        Call::try_build(|| {
            let mut source: UploadSource = file.into();
            if let Some(name) = &params.filename {
                source = source.file_name(name.clone());
            }
            let part = source.into_part("file")?;
            let mut form = Form::new();
            for (name, value) in params.form_fields() {
                form = form.text(name, value);
            }
            Ok(Call::json(
                self.ctx
                    .request(Method::POST, "/files", "files.create")
                    .multipart(form.part(part)),
            ))
        })
    }

    /// `GET /files`: one page, optionally filtered by purpose (seed: `listFiles`).
    pub fn list(&self, params: &FileListParams) -> Call<ListPage<FileObject>> {
        self.ctx
            .get_query("/files", "files.list", params.to_query())
    }

    /// Every file, page by page, keeping the purpose filter (see [`ItemStream`]).
    pub fn list_all(&self, params: &FileListParams) -> ItemStream<'c, FileObject> {
        paginate(
            self.ctx.clone(),
            Ok("/files".to_owned()),
            "files.list",
            params.clone(),
        )
    }

    /// `GET /files/{file_id}` (seed: `getFile`).
    pub fn retrieve(&self, file_id: &str) -> Call<FileObject> {
        Call::try_build(|| {
            let path = format!("/files/{}", path_segment(file_id, "file_id")?);
            Ok(self.ctx.get(&path, "files.retrieve"))
        })
    }

    /// `DELETE /files/{file_id}` (seed: `deleteFile`).
    pub fn delete(&self, file_id: &str) -> Call<DeletionStatus> {
        Call::try_build(|| {
            let path = format!("/files/{}", path_segment(file_id, "file_id")?);
            Ok(self.ctx.delete(&path, "files.delete"))
        })
    }

    /// `GET /files/{file_id}/content`, read whole (seed: `getFileContent`). For large files
    /// prefer [`content_stream`](Self::content_stream).
    pub async fn content(&self, file_id: &str) -> Result<Bytes, Error> {
        let path = format!("/files/{}/content", path_segment(file_id, "file_id")?);
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
        let path = format!("/files/{}/content", path_segment(file_id, "file_id")?);
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
