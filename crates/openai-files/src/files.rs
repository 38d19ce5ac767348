//! [`Files`]: `/files` — upload (streamed from disk), list, retrieve, delete, content.

use bytes::Bytes;
use core_http::http::Method;
use core_http::kit::{Call, Handle, UploadSource, path_segment};
use core_http::multipart::Form;
use core_http::{Error, Scope};
use openai_types::files::{FileListParams, FileObject, FileUploadParams};
use openai_types::shared::{DeletionStatus, ListPage};

use crate::content::FileContent;
use crate::pages::{ItemStream, page_call};

/// The `/files` resource (resource-scoped on Azure: `/openai/files`).
///
/// ```
/// # #![allow(clippy::unwrap_used)]
/// use openai_sdk::UploadSource;
/// use openai_sdk::files::{FilePurpose, FileUploadParams};
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), openai_sdk::Error> {
/// # let server = openai_mock::MockServer::start().await;
/// # let client = openai_sdk::Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
/// let files = client.files();
/// let file = files
///     .create(
///         UploadSource::bytes(b"hello".to_vec()).file_name("hello.txt"),
///         &FileUploadParams::new(FilePurpose::Assistants),
///     )
///     .await?;
/// let bytes = files.content(&file.id).await?.bytes().await?;
/// assert_eq!(&bytes[..], b"hello");
/// files.delete(&file.id).await?;
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Files<'c> {
    handle: Handle<'c>,
}

core_http::resource_handle!(Files);

fn file_path(file_id: &str) -> Result<String, Error> {
    Ok(format!("/files/{}", path_segment(file_id, "file_id")?))
}

impl<'c> Files<'c> {
    /// Uploads a file (`POST /files`, multipart): the text fields (`purpose`,
    /// `expires_after[…]`) then the `file` part.
    ///
    /// A path is streamed from disk (never loaded whole) and such a request is sent once,
    /// never retried, because its body cannot be replayed; bytes in memory are retried like
    /// any request. A missing file is an `InvalidRequest` error before anything is sent.
    pub fn create(
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
                self.handle
                    .request(Method::POST, "/files", Scope::Resource, "files.create")
                    .multipart(form.part(part)),
            ))
        })
    }

    /// One page of files (`GET /files`), filtered by purpose when set.
    pub fn list(&self, params: &FileListParams) -> Call<ListPage<FileObject>> {
        page_call(&self.handle, "/files", "files.list", params)
    }

    /// Every file, page by page, keeping the purpose filter and page size.
    pub fn list_all(&self, params: &FileListParams) -> ItemStream<'c, FileObject> {
        ItemStream::new(
            self.handle.clone(),
            Ok("/files".to_owned()),
            "files.list",
            params.clone(),
        )
    }

    /// One file's metadata (`GET /files/{file_id}`).
    pub fn retrieve(&self, file_id: &str) -> Call<FileObject> {
        Call::try_build(|| {
            Ok(Call::json(self.handle.request(
                Method::GET,
                &file_path(file_id)?,
                Scope::Resource,
                "files.retrieve",
            )))
        })
    }

    /// Deletes a file (`DELETE /files/{file_id}`).
    pub fn delete(&self, file_id: &str) -> Call<DeletionStatus> {
        Call::try_build(|| {
            Ok(Call::json(self.handle.request(
                Method::DELETE,
                &file_path(file_id)?,
                Scope::Resource,
                "files.delete",
            )))
        })
    }

    /// The file's content (`GET /files/{file_id}/content`) read whole into memory, as a
    /// [`Call`]: the body is read inside the attempt (so a body that breaks is retried) and
    /// bounded by `max_response_bytes` from the client, handle or call (256 MiB by default).
    /// For large files prefer [`content`](Self::content).
    pub fn content_bytes(&self, file_id: &str) -> Call<Bytes> {
        Call::try_build(|| {
            let path = format!("{}/content", file_path(file_id)?);
            Ok(Call::new(
                self.handle
                    .request(Method::GET, &path, Scope::Resource, "files.content"),
                |bytes, _meta| Ok(bytes),
            ))
        })
    }

    /// The file's content (`GET /files/{file_id}/content`) as a stream of chunks read from
    /// the connection as it is polled; [`FileContent::write_to_file`] and
    /// [`FileContent::bytes`] consume it. HTTP errors come from this `await`; only the
    /// exchange up to the headers is retried.
    pub async fn content(&self, file_id: &str) -> Result<FileContent, Error> {
        let path = format!("{}/content", file_path(file_id)?);
        self.handle
            .request(Method::GET, &path, Scope::Resource, "files.content")
            .send_download()
            .await
    }
}
