//! [`Uploads`]: `/uploads` — a large file sent in parts, and [`Uploads::upload_file_in_parts`].

use std::io::SeekFrom;
use std::path::Path;

use core_http::http::Method;
use core_http::kit::{Call, Handle, UploadSource, path_segment, try_join_bounded};
use core_http::multipart::Form;
use core_http::{Error, ErrorKind, Scope};
use openai_types::files::{FileObject, FilePurpose};
use openai_types::uploads::{CompleteUploadRequest, CreateUploadRequest, Upload, UploadPart};
use tokio::io::{AsyncReadExt, AsyncSeekExt};

/// The largest part the service accepts (64 MiB).
pub const MAX_PART_SIZE: u64 = 64 * 1024 * 1024;

/// How many times [`Uploads::upload_file_in_parts`] sends one part before giving up.
pub const PART_ATTEMPTS: u32 = 3;

/// The `/uploads` resource: create an upload, add parts, complete (or cancel) it.
///
/// [`upload_file_in_parts`](Self::upload_file_in_parts) does all of it for a file on disk.
#[derive(Clone, Debug)]
pub struct Uploads<'c> {
    handle: Handle<'c>,
}

core_http::resource_handle!(Uploads);

fn upload_path(upload_id: &str, rest: &str) -> Result<String, Error> {
    Ok(format!(
        "/uploads/{}{rest}",
        path_segment(upload_id, "upload_id")?
    ))
}

impl<'c> Uploads<'c> {
    /// Starts an upload (`POST /uploads`) of `bytes` bytes; parts must add up to exactly that.
    pub fn create(&self, request: &CreateUploadRequest) -> Call<Upload> {
        Call::json(
            self.handle
                .request(Method::POST, "/uploads", Scope::Resource, "uploads.create")
                .json(request),
        )
    }

    /// Adds one part (`POST /uploads/{upload_id}/parts`, multipart field `data`; at most
    /// 64 MiB). A part from a path or reader is streamed and sent once; bytes are retried.
    pub fn add_part(&self, upload_id: &str, data: impl Into<UploadSource>) -> Call<UploadPart> {
        Call::try_build(|| {
            let path = upload_path(upload_id, "/parts")?;
            let part = data.into().into_part("data")?;
            Ok(Call::json(
                self.handle
                    .request(Method::POST, &path, Scope::Resource, "uploads.add_part")
                    .multipart(Form::new().part(part)),
            ))
        })
    }

    /// Completes an upload (`POST /uploads/{upload_id}/complete`) with the part ids in file
    /// order (and optionally the whole file's MD5, which the service checks); the answer
    /// carries the created file in `file`.
    pub fn complete(&self, upload_id: &str, request: &CompleteUploadRequest) -> Call<Upload> {
        Call::try_build(|| {
            let path = upload_path(upload_id, "/complete")?;
            Ok(Call::json(
                self.handle
                    .request(Method::POST, &path, Scope::Resource, "uploads.complete")
                    .json(request),
            ))
        })
    }

    /// Cancels an upload (`POST /uploads/{upload_id}/cancel`); no part can be added after.
    pub fn cancel(&self, upload_id: &str) -> Call<Upload> {
        Call::try_build(|| {
            let path = upload_path(upload_id, "/cancel")?;
            Ok(Call::json(self.handle.request(
                Method::POST,
                &path,
                Scope::Resource,
                "uploads.cancel",
            )))
        })
    }

    /// Uploads the file at `path` through the Uploads API and returns the created file.
    ///
    /// The file is cut into parts of `part_size` bytes (the last one shorter; at most
    /// [`MAX_PART_SIZE`]), sent with at most `parallelism` parts in flight. Each part is read
    /// from its range of the file as it is sent, in 64 KiB chunks, so memory stays small and
    /// bounded whatever the file size (never more than `parallelism × part_size`). A part
    /// that fails with a retryable error (a 5xx, 429, connection or timeout failure) is sent
    /// again from disk, up to [`PART_ATTEMPTS`] times in all; the other parts are not
    /// re-sent. The upload is completed with the part ids in file order. No MD5 is sent
    /// (computing it would read the whole file once more); use [`create`](Self::create),
    /// [`add_part`](Self::add_part) and [`complete`](Self::complete) with
    /// [`CompleteUploadRequest::md5`] to have the service check one.
    ///
    /// When a part fails for good, the upload is cancelled (best effort) and the part's
    /// error returned.
    ///
    /// ```
    /// # #![allow(clippy::unwrap_used)]
    /// use openai_sdk::files::FilePurpose;
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), openai_sdk::Error> {
    /// # let server = openai_mock::MockServer::start().await;
    /// # let client = openai_sdk::Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
    /// # let dir = std::env::temp_dir().join(format!("openai-files-doc-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir).unwrap();
    /// let path = dir.join("train.jsonl");
    /// std::fs::write(&path, "{\"prompt\":\"a\"}\n".repeat(1000)).unwrap();
    /// let file = client.uploads()
    ///     .upload_file_in_parts(&path, FilePurpose::FineTune, "text/jsonl", 4096, 2)
    ///     .await?;
    /// assert_eq!(file.bytes, 15_000);
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// # Ok(()) }
    /// ```
    pub async fn upload_file_in_parts(
        &self,
        path: impl AsRef<Path>,
        purpose: FilePurpose,
        mime_type: &str,
        part_size: u64,
        parallelism: usize,
    ) -> Result<FileObject, Error> {
        let path = path.as_ref();
        if part_size == 0 || part_size > MAX_PART_SIZE {
            return Err(Error::invalid_request(format!(
                "`part_size` must be between 1 and {MAX_PART_SIZE} bytes"
            )));
        }
        let len = tokio::fs::metadata(path)
            .await
            .map_err(|e| read_error(path, e))?
            .len();
        let file_name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(core_http::multipart::DEFAULT_FILE_NAME);
        let upload = self
            .create(&CreateUploadRequest::new(
                file_name, purpose, len, mime_type,
            ))
            .await?;
        let parts = len.div_ceil(part_size);
        let sends = (0..parts).map(|index| {
            let offset = index * part_size;
            let size = part_size.min(len - offset);
            self.send_part(&upload.id, path, offset, size)
        });
        let part_ids = match try_join_bounded(sends, parallelism).await {
            Ok(ids) => ids,
            Err(err) => {
                // Best effort: the part's error is the one worth reporting.
                let _ = self.cancel(&upload.id).await;
                return Err(err);
            }
        };
        let completed = self
            .complete(&upload.id, &CompleteUploadRequest::new(part_ids))
            .await?;
        completed.file.ok_or_else(|| {
            Error::decode(format!(
                "the completed upload `{}` carries no file (status `{}`)",
                completed.id, completed.status
            ))
        })
    }

    /// Sends bytes `offset..offset + size` of `path` as one part, retrying retryable failures.
    async fn send_part(
        &self,
        upload_id: &str,
        path: &Path,
        offset: u64,
        size: u64,
    ) -> Result<String, Error> {
        let mut attempt = 1;
        loop {
            let source = open_range(path, offset, size).await?;
            match self.add_part(upload_id, source).await {
                Ok(part) => return Ok(part.id),
                Err(err) if attempt < PART_ATTEMPTS && part_is_retryable(&err) => attempt += 1,
                Err(err) => return Err(err),
            }
        }
    }
}

/// Whether sending the part again may succeed.
fn part_is_retryable(err: &Error) -> bool {
    if let Some(status) = err.status() {
        return status.is_server_error() || status.as_u16() == 429 || status.as_u16() == 408;
    }
    matches!(
        err.kind(),
        ErrorKind::Io | ErrorKind::Connect | ErrorKind::Timeout(_)
    )
}

fn read_error(path: &Path, e: std::io::Error) -> Error {
    Error::invalid_request(format!(
        "cannot read the file to upload `{}`: {e}",
        path.display()
    ))
    .with_source(e)
}

/// The bytes `offset..offset + size` of `path` as a streamed source.
async fn open_range(path: &Path, offset: u64, size: u64) -> Result<UploadSource, Error> {
    let mut file = tokio::fs::File::open(path)
        .await
        .map_err(|e| read_error(path, e))?;
    file.seek(SeekFrom::Start(offset))
        .await
        .map_err(|e| read_error(path, e))?;
    Ok(UploadSource::reader(file.take(size), size)
        .file_name("part")
        .content_type("application/octet-stream"))
}
