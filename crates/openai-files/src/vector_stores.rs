//! [`VectorStores`]: `/vector_stores` — stores, search, their files
//! ([`VectorStoreFiles`]) and file batches ([`VectorStoreFileBatches`]).

use core_http::http::Method;
use core_http::kit::{
    Call, Handle, PollOptions, UploadSource, path_segment, poll_until, try_join_bounded,
};
use core_http::{Error, RequestOptions, Scope};
use openai_types::files::{FilePurpose, FileUploadParams};
use openai_types::shared::{DeletionStatus, ListPage, ListParams};
use openai_types::vector_stores::{
    CreateVectorStoreFileBatchRequest, CreateVectorStoreFileRequest, CreateVectorStoreRequest,
    UpdateVectorStoreFileAttributesRequest, UpdateVectorStoreRequest, VectorStore, VectorStoreFile,
    VectorStoreFileBatch, VectorStoreFileBatchStatus, VectorStoreFileContentPage,
    VectorStoreFileListParams, VectorStoreFileStatus, VectorStoreSearchRequest,
    VectorStoreSearchResultsPage,
};

use crate::files::Files;
use crate::pages::{ItemStream, page_call, start_request};

/// How many files [`VectorStoreFileBatches::upload_and_poll`] uploads at once.
pub const UPLOAD_CONCURRENCY: usize = 4;

/// The `/vector_stores` resource (resource-scoped on Azure: `/openai/vector_stores`).
///
/// ```
/// # #![allow(clippy::unwrap_used)]
/// use openai_sdk::{PollOptions, UploadSource};
/// use openai_sdk::vector_stores::{CreateVectorStoreRequest, VectorStoreSearchRequest};
/// # #[tokio::main(flavor = "current_thread", start_paused = true)]
/// # async fn main() -> Result<(), openai_sdk::Error> {
/// # let server = openai_mock::MockServer::start().await;
/// # let client = openai_sdk::Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
/// let stores = client.vector_stores();
/// let store = stores.create(&CreateVectorStoreRequest::new().name("docs")).await?;
/// let text = UploadSource::bytes(b"Rust has no garbage collector.".to_vec()).file_name("rust.txt");
/// stores.files(&store.id).upload_and_poll(text, &PollOptions::new()).await?;
/// let hits = stores.search(&store.id, &VectorStoreSearchRequest::new("garbage collector")).await?;
/// assert_eq!(hits.data[0].filename, "rust.txt");
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct VectorStores<'c> {
    handle: Handle<'c>,
}

core_http::resource_handle!(VectorStores);

fn store_path(vector_store_id: &str) -> Result<String, Error> {
    Ok(format!(
        "/vector_stores/{}",
        path_segment(vector_store_id, "vector_store_id")?
    ))
}

impl<'c> VectorStores<'c> {
    /// Creates a vector store (`POST /vector_stores`), optionally with files.
    pub fn create(&self, request: &CreateVectorStoreRequest) -> Call<VectorStore> {
        Call::json(
            start_request(
                &self.handle,
                Method::POST,
                "/vector_stores",
                Scope::Resource,
                "vector_stores.create",
            )
            .json(request),
        )
    }

    /// One vector store (`GET /vector_stores/{vector_store_id}`).
    pub fn retrieve(&self, vector_store_id: &str) -> Call<VectorStore> {
        Call::try_build(|| {
            Ok(Call::json(start_request(
                &self.handle,
                Method::GET,
                &store_path(vector_store_id)?,
                Scope::Resource,
                "vector_stores.retrieve",
            )))
        })
    }

    /// Updates name, expiry or metadata (`POST /vector_stores/{vector_store_id}`).
    pub fn update(
        &self,
        vector_store_id: &str,
        request: &UpdateVectorStoreRequest,
    ) -> Call<VectorStore> {
        Call::try_build(|| {
            Ok(Call::json(
                start_request(
                    &self.handle,
                    Method::POST,
                    &store_path(vector_store_id)?,
                    Scope::Resource,
                    "vector_stores.update",
                )
                .json(request),
            ))
        })
    }

    /// One page of vector stores (`GET /vector_stores`).
    pub fn list(&self, params: &ListParams) -> Call<ListPage<VectorStore>> {
        page_call(&self.handle, "/vector_stores", "vector_stores.list", params)
    }

    /// Every vector store, page by page.
    pub fn list_all(&self, params: &ListParams) -> ItemStream<'c, VectorStore> {
        ItemStream::new(
            self.handle.clone(),
            Ok("/vector_stores".to_owned()),
            "vector_stores.list",
            params.clone(),
        )
    }

    /// Deletes a vector store (`DELETE /vector_stores/{vector_store_id}`); its files stay.
    pub fn delete(&self, vector_store_id: &str) -> Call<DeletionStatus> {
        Call::try_build(|| {
            Ok(Call::json(start_request(
                &self.handle,
                Method::DELETE,
                &store_path(vector_store_id)?,
                Scope::Resource,
                "vector_stores.delete",
            )))
        })
    }

    /// Searches a vector store (`POST /vector_stores/{vector_store_id}/search`): the best
    /// chunks of its completed files with scores, filtered by attributes when asked.
    pub fn search(
        &self,
        vector_store_id: &str,
        request: &VectorStoreSearchRequest,
    ) -> Call<VectorStoreSearchResultsPage> {
        Call::try_build(|| {
            let path = format!("{}/search", store_path(vector_store_id)?);
            Ok(Call::json(
                start_request(
                    &self.handle,
                    Method::POST,
                    &path,
                    Scope::Resource,
                    "vector_stores.search",
                )
                .json(request),
            ))
        })
    }

    /// The files of one vector store.
    pub fn files(&self, vector_store_id: &str) -> VectorStoreFiles<'c> {
        VectorStoreFiles {
            handle: self.handle.clone(),
            vector_store_id: vector_store_id.to_owned(),
        }
    }

    /// The file batches of one vector store.
    pub fn file_batches(&self, vector_store_id: &str) -> VectorStoreFileBatches<'c> {
        VectorStoreFileBatches {
            handle: self.handle.clone(),
            vector_store_id: vector_store_id.to_owned(),
        }
    }
}

/// A path under one vector store; its id is checked on every call.
fn sub_path(vector_store_id: &str, rest: &str) -> Result<String, Error> {
    Ok(format!("{}{rest}", store_path(vector_store_id)?))
}

/// The files of one vector store: `/vector_stores/{vector_store_id}/files`, from
/// [`VectorStores::files`].
#[derive(Clone, Debug)]
pub struct VectorStoreFiles<'c> {
    handle: Handle<'c>,
    vector_store_id: String,
}

impl<'c> VectorStoreFiles<'c> {
    /// The same handle with `options` layered over its own (later settings win).
    #[must_use]
    pub fn with_options(mut self, options: RequestOptions) -> Self {
        self.handle = self.handle.with_options(&options);
        self
    }

    fn file_path(&self, file_id: &str, rest: &str) -> Result<String, Error> {
        let file = path_segment(file_id, "file_id")?;
        sub_path(&self.vector_store_id, &format!("/files/{file}{rest}"))
    }

    /// Adds an uploaded file (`POST …/files`) with its attributes and chunking strategy.
    /// Processing continues on the service; see [`create_and_poll`](Self::create_and_poll).
    pub fn create(&self, request: &CreateVectorStoreFileRequest) -> Call<VectorStoreFile> {
        Call::try_build(|| {
            let path = sub_path(&self.vector_store_id, "/files")?;
            Ok(Call::json(
                start_request(
                    &self.handle,
                    Method::POST,
                    &path,
                    Scope::Resource,
                    "vector_stores.files.create",
                )
                .json(request),
            ))
        })
    }

    /// One file of the store (`GET …/files/{file_id}`).
    pub fn retrieve(&self, file_id: &str) -> Call<VectorStoreFile> {
        Call::try_build(|| {
            Ok(Call::json(start_request(
                &self.handle,
                Method::GET,
                &self.file_path(file_id, "")?,
                Scope::Resource,
                "vector_stores.files.retrieve",
            )))
        })
    }

    /// Replaces a file's attributes (`POST …/files/{file_id}`).
    pub fn update(
        &self,
        file_id: &str,
        request: &UpdateVectorStoreFileAttributesRequest,
    ) -> Call<VectorStoreFile> {
        Call::try_build(|| {
            Ok(Call::json(
                start_request(
                    &self.handle,
                    Method::POST,
                    &self.file_path(file_id, "")?,
                    Scope::Resource,
                    "vector_stores.files.update",
                )
                .json(request),
            ))
        })
    }

    /// One page of the store's files (`GET …/files`), filtered by status when set.
    pub fn list(&self, params: &VectorStoreFileListParams) -> Call<ListPage<VectorStoreFile>> {
        match sub_path(&self.vector_store_id, "/files") {
            Ok(path) => page_call(&self.handle, &path, "vector_stores.files.list", params),
            Err(err) => Call::fail(err),
        }
    }

    /// Every file of the store, page by page, keeping the status filter.
    pub fn list_all(&self, params: &VectorStoreFileListParams) -> ItemStream<'c, VectorStoreFile> {
        ItemStream::new(
            self.handle.clone(),
            sub_path(&self.vector_store_id, "/files"),
            "vector_stores.files.list",
            params.clone(),
        )
    }

    /// Removes a file from the store (`DELETE …/files/{file_id}`); the file itself stays.
    pub fn delete(&self, file_id: &str) -> Call<DeletionStatus> {
        Call::try_build(|| {
            Ok(Call::json(start_request(
                &self.handle,
                Method::DELETE,
                &self.file_path(file_id, "")?,
                Scope::Resource,
                "vector_stores.files.delete",
            )))
        })
    }

    /// The parsed text of a file in the store (`GET …/files/{file_id}/content`).
    pub fn content(&self, file_id: &str) -> Call<VectorStoreFileContentPage> {
        Call::try_build(|| {
            Ok(Call::json(start_request(
                &self.handle,
                Method::GET,
                &self.file_path(file_id, "/content")?,
                Scope::Resource,
                "vector_stores.files.content",
            )))
        })
    }

    /// Waits until a file has left `in_progress` (`completed`, `failed` or `cancelled`),
    /// retrieving it as `options` says (the service's `openai-poll-after-ms` hint paces the
    /// polls unless a fixed interval is set).
    pub async fn poll(
        &self,
        file_id: &str,
        options: &PollOptions,
    ) -> Result<VectorStoreFile, Error> {
        let (file, _) = poll_until(
            options,
            || self.retrieve(file_id).with_response(),
            |file: &VectorStoreFile| file.status != VectorStoreFileStatus::InProgress,
            |file| file.status.as_str(),
        )
        .await?;
        Ok(file)
    }

    /// [`create`](Self::create), then [`poll`](Self::poll) until processing ends.
    pub async fn create_and_poll(
        &self,
        request: &CreateVectorStoreFileRequest,
        options: &PollOptions,
    ) -> Result<VectorStoreFile, Error> {
        let file = self.create(request).await?;
        if file.status != VectorStoreFileStatus::InProgress {
            return Ok(file);
        }
        self.poll(&file.id, options).await
    }

    /// Uploads `file` (`POST /files`, purpose `assistants`), adds it to the store and waits
    /// until it is processed.
    pub async fn upload_and_poll(
        &self,
        file: impl Into<UploadSource>,
        options: &PollOptions,
    ) -> Result<VectorStoreFile, Error> {
        // Refuse a bad store id before uploading anything.
        sub_path(&self.vector_store_id, "/files")?;
        let uploaded = Files::from_handle(self.handle.clone())
            .create(file, &FileUploadParams::new(FilePurpose::Assistants))
            .await?;
        self.create_and_poll(&CreateVectorStoreFileRequest::new(uploaded.id), options)
            .await
    }
}

/// The file batches of one vector store: `/vector_stores/{vector_store_id}/file_batches`,
/// from [`VectorStores::file_batches`].
#[derive(Clone, Debug)]
pub struct VectorStoreFileBatches<'c> {
    handle: Handle<'c>,
    vector_store_id: String,
}

impl<'c> VectorStoreFileBatches<'c> {
    /// The same handle with `options` layered over its own (later settings win).
    #[must_use]
    pub fn with_options(mut self, options: RequestOptions) -> Self {
        self.handle = self.handle.with_options(&options);
        self
    }

    fn batch_path(&self, batch_id: &str, rest: &str) -> Result<String, Error> {
        let batch = path_segment(batch_id, "batch_id")?;
        sub_path(
            &self.vector_store_id,
            &format!("/file_batches/{batch}{rest}"),
        )
    }

    /// Adds several files at once (`POST …/file_batches`).
    pub fn create(
        &self,
        request: &CreateVectorStoreFileBatchRequest,
    ) -> Call<VectorStoreFileBatch> {
        Call::try_build(|| {
            let path = sub_path(&self.vector_store_id, "/file_batches")?;
            Ok(Call::json(
                start_request(
                    &self.handle,
                    Method::POST,
                    &path,
                    Scope::Resource,
                    "vector_stores.file_batches.create",
                )
                .json(request),
            ))
        })
    }

    /// One batch (`GET …/file_batches/{batch_id}`).
    pub fn retrieve(&self, batch_id: &str) -> Call<VectorStoreFileBatch> {
        Call::try_build(|| {
            Ok(Call::json(start_request(
                &self.handle,
                Method::GET,
                &self.batch_path(batch_id, "")?,
                Scope::Resource,
                "vector_stores.file_batches.retrieve",
            )))
        })
    }

    /// Cancels the processing of a batch's remaining files
    /// (`POST …/file_batches/{batch_id}/cancel`).
    pub fn cancel(&self, batch_id: &str) -> Call<VectorStoreFileBatch> {
        Call::try_build(|| {
            Ok(Call::json(start_request(
                &self.handle,
                Method::POST,
                &self.batch_path(batch_id, "/cancel")?,
                Scope::Resource,
                "vector_stores.file_batches.cancel",
            )))
        })
    }

    /// One page of a batch's files (`GET …/file_batches/{batch_id}/files`).
    pub fn list_files(
        &self,
        batch_id: &str,
        params: &VectorStoreFileListParams,
    ) -> Call<ListPage<VectorStoreFile>> {
        match self.batch_path(batch_id, "/files") {
            Ok(path) => page_call(
                &self.handle,
                &path,
                "vector_stores.file_batches.list_files",
                params,
            ),
            Err(err) => Call::fail(err),
        }
    }

    /// Every file of a batch, page by page.
    pub fn list_files_all(
        &self,
        batch_id: &str,
        params: &VectorStoreFileListParams,
    ) -> ItemStream<'c, VectorStoreFile> {
        ItemStream::new(
            self.handle.clone(),
            self.batch_path(batch_id, "/files"),
            "vector_stores.file_batches.list_files",
            params.clone(),
        )
    }

    /// Waits until a batch has left `in_progress`, retrieving it as `options` says.
    pub async fn poll(
        &self,
        batch_id: &str,
        options: &PollOptions,
    ) -> Result<VectorStoreFileBatch, Error> {
        let (batch, _) = poll_until(
            options,
            || self.retrieve(batch_id).with_response(),
            |batch: &VectorStoreFileBatch| batch.status != VectorStoreFileBatchStatus::InProgress,
            |batch| batch.status.as_str(),
        )
        .await?;
        Ok(batch)
    }

    /// [`create`](Self::create), then [`poll`](Self::poll) until processing ends.
    pub async fn create_and_poll(
        &self,
        request: &CreateVectorStoreFileBatchRequest,
        options: &PollOptions,
    ) -> Result<VectorStoreFileBatch, Error> {
        let batch = self.create(request).await?;
        if batch.status != VectorStoreFileBatchStatus::InProgress {
            return Ok(batch);
        }
        self.poll(&batch.id, options).await
    }

    /// Uploads `files` (purpose `assistants`, [`UPLOAD_CONCURRENCY`] at a time; the first
    /// failure stops the rest), adds them to the store as one batch and waits until it is
    /// processed.
    pub async fn upload_and_poll(
        &self,
        files: impl IntoIterator<Item = UploadSource>,
        options: &PollOptions,
    ) -> Result<VectorStoreFileBatch, Error> {
        sub_path(&self.vector_store_id, "/file_batches")?;
        let uploader = Files::from_handle(self.handle.clone());
        let params = FileUploadParams::new(FilePurpose::Assistants);
        let uploads = files.into_iter().map(|file| {
            let call = uploader.create(file, &params);
            async move { call.await.map(|file| file.id) }
        });
        let ids = try_join_bounded(uploads, UPLOAD_CONCURRENCY).await?;
        self.create_and_poll(
            &CreateVectorStoreFileBatchRequest::from_file_ids(ids),
            options,
        )
        .await
    }
}
