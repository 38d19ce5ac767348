//! Vector stores: indexed collections of files for file search (`/vector_stores`), their files
//! and file batches, and direct search.
//!
//! Lists use the shared cursor envelope ([`ListPage`](crate::shared::ListPage)); deletions answer
//! with [`DeletionStatus`](crate::shared::DeletionStatus) (`vector_store.deleted`,
//! `vector_store.file.deleted`).

use std::collections::BTreeMap;

use serde::de::Deserializer;
use serde::{Deserialize, Serialize, Serializer};

use crate::UnknownObject;
pub use crate::assistants::{AutoChunking, ChunkingStrategy, StaticChunking, StaticChunkingConfig};
use crate::shared::{ListItem, ListParams, Metadata, SortOrder};

// ---------------------------------------------------------------------------------------------
// Vector store
// ---------------------------------------------------------------------------------------------

string_enum! {
    /// The state of a vector store.
    pub enum VectorStoreStatus {
        /// Expired by its expiry policy; no longer usable.
        Expired = "expired",
        /// Files are still being processed.
        InProgress = "in_progress",
        /// Ready to use.
        Completed = "completed",
    }
}

string_enum! {
    /// The timestamp a vector store's expiry counts from.
    pub enum VectorStoreExpirationAnchor {
        /// The last time the store was used.
        LastActiveAt = "last_active_at",
    }
}

/// When a vector store expires: `days` after the `anchor` timestamp.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VectorStoreExpiresAfter {
    /// The timestamp the expiry counts from.
    pub anchor: VectorStoreExpirationAnchor,
    /// Days after the anchor (1..=365).
    pub days: u32,
}

impl VectorStoreExpiresAfter {
    /// Expire `days` after the last use.
    pub fn days_after_last_active(days: u32) -> Self {
        Self {
            anchor: VectorStoreExpirationAnchor::LastActiveAt,
            days,
        }
    }
}

/// File counts of a vector store or file batch, by processing state.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VectorStoreFileCounts {
    /// Being processed.
    #[serde(default)]
    pub in_progress: u64,
    /// Processed.
    #[serde(default)]
    pub completed: u64,
    /// Failed to process.
    #[serde(default)]
    pub failed: u64,
    /// Cancelled.
    #[serde(default)]
    pub cancelled: u64,
    /// All files.
    #[serde(default)]
    pub total: u64,
}

/// A vector store (`object: "vector_store"`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VectorStore {
    /// The id (`vs_...`).
    pub id: String,
    /// Always `vector_store`.
    #[serde(default = "vector_store_object")]
    pub object: String,
    /// Creation time, Unix seconds.
    #[serde(default)]
    pub created_at: i64,
    /// The name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Bytes used by the store's files.
    #[serde(default)]
    pub usage_bytes: u64,
    /// File counts by state.
    #[serde(default)]
    pub file_counts: VectorStoreFileCounts,
    /// The state of the store.
    pub status: VectorStoreStatus,
    /// The expiry policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_after: Option<VectorStoreExpiresAfter>,
    /// When the store expires, Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<i64>,
    /// When the store was last used, Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_active_at: Option<i64>,
    /// Caller-defined key/value pairs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
}

fn vector_store_object() -> String {
    "vector_store".to_owned()
}

impl ListItem for VectorStore {
    fn list_id(&self) -> &str {
        &self.id
    }
}

/// Parameters for `POST /vector_stores`; every field is optional.
///
/// ```
/// use openai_types::vector_stores::{ChunkingStrategy, CreateVectorStoreRequest, VectorStoreExpiresAfter};
///
/// let request = CreateVectorStoreRequest::new()
///     .name("docs")
///     .file_ids(["file-1", "file-2"])
///     .chunking_strategy(ChunkingStrategy::fixed(800, 400))
///     .expires_after(VectorStoreExpiresAfter::days_after_last_active(7));
/// assert_eq!(
///     serde_json::to_string(&request).unwrap(),
///     concat!(
///         r#"{"name":"docs","file_ids":["file-1","file-2"],"#,
///         r#""expires_after":{"anchor":"last_active_at","days":7},"#,
///         r#""chunking_strategy":{"type":"static","static":{"max_chunk_size_tokens":800,"chunk_overlap_tokens":400}}}"#
///     )
/// );
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreateVectorStoreRequest {
    /// The name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Files to add (up to 500).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_ids: Option<Vec<String>>,
    /// The expiry policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_after: Option<VectorStoreExpiresAfter>,
    /// How files are split into chunks (`auto` when unset); applies to `file_ids`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chunking_strategy: Option<ChunkingStrategy>,
    /// Caller-defined key/value pairs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// Parameters this release does not model, sent as top-level fields (set with
    /// [`extra`](Self::extra); a `null` value sends an explicit `null`; do not repeat modeled
    /// fields).
    #[serde(flatten, default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl CreateVectorStoreRequest {
    /// An empty store with service defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `file_ids`.
    #[must_use]
    pub fn file_ids(mut self, ids: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.file_ids = Some(ids.into_iter().map(Into::into).collect());
        self
    }
}

setters! {
    CreateVectorStoreRequest {
        name: String,
        description: String,
        expires_after: VectorStoreExpiresAfter,
        chunking_strategy: ChunkingStrategy,
        metadata: Metadata,
    }
}

/// Parameters for `POST /vector_stores/{vector_store_id}` (modify); unset fields are unchanged.
///
/// ```
/// use openai_types::vector_stores::UpdateVectorStoreRequest;
///
/// let request = UpdateVectorStoreRequest::new().name("renamed").clear_expires_after();
/// assert_eq!(
///     serde_json::to_string(&request).unwrap(),
///     r#"{"name":"renamed","expires_after":null}"#
/// );
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UpdateVectorStoreRequest {
    /// The new name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The new description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The new expiry policy; `Some(None)` sends `null`, which removes the policy.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub expires_after: Option<Option<VectorStoreExpiresAfter>>,
    /// The new metadata (replaces the old map).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// Parameters this release does not model, sent as top-level fields (set with
    /// [`extra`](Self::extra); a `null` value sends an explicit `null`; do not repeat modeled
    /// fields).
    #[serde(flatten, default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

fn double_option<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}

impl UpdateVectorStoreRequest {
    /// No changes yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets a new expiry policy.
    #[must_use]
    pub fn expires_after(mut self, policy: VectorStoreExpiresAfter) -> Self {
        self.expires_after = Some(Some(policy));
        self
    }

    /// Removes the expiry policy (sends `expires_after: null`).
    #[must_use]
    pub fn clear_expires_after(mut self) -> Self {
        self.expires_after = Some(None);
        self
    }
}

setters! {
    UpdateVectorStoreRequest {
        name: String,
        description: String,
        metadata: Metadata,
    }
}

/// Query parameters of `GET /vector_stores` (limit, order, after, before).
pub type VectorStoreListParams = ListParams;

// ---------------------------------------------------------------------------------------------
// File attributes
// ---------------------------------------------------------------------------------------------

/// One attribute value of a vector store file: a string, a number or a boolean.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum AttributeValue {
    /// A string (up to 512 characters).
    String(String),
    /// A number.
    #[serde(serialize_with = "serialize_number")]
    Number(f64),
    /// A boolean.
    Bool(bool),
}

/// Writes whole numbers without a fraction (`2024`, not `2024.0`), as users write them.
fn serialize_number<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    // Whole numbers within ±2^53 are exactly representable as both f64 and i64.
    const EXACT: f64 = 9_007_199_254_740_992.0;
    if value.fract() == 0.0 && value.abs() <= EXACT {
        serializer.serialize_i64(*value as i64)
    } else {
        serializer.serialize_f64(*value)
    }
}

impl From<&str> for AttributeValue {
    fn from(value: &str) -> Self {
        Self::String(value.to_owned())
    }
}

impl From<String> for AttributeValue {
    fn from(value: String) -> Self {
        Self::String(value)
    }
}

impl From<f64> for AttributeValue {
    fn from(value: f64) -> Self {
        Self::Number(value)
    }
}

impl From<i64> for AttributeValue {
    fn from(value: i64) -> Self {
        // Attribute numbers are JSON numbers (doubles) on the service side too.
        Self::Number(value as f64)
    }
}

impl From<bool> for AttributeValue {
    fn from(value: bool) -> Self {
        Self::Bool(value)
    }
}

/// Up to 16 attributes of a vector store file, usable in search filters.
///
/// ```
/// use openai_types::vector_stores::{AttributeValue, FileAttributes};
///
/// let attributes: FileAttributes = [("author", AttributeValue::from("Ada")), ("year", 1843.into())]
///     .into_iter()
///     .collect();
/// assert_eq!(serde_json::to_string(&attributes).unwrap(), r#"{"author":"Ada","year":1843}"#);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FileAttributes(BTreeMap<String, AttributeValue>);

impl FileAttributes {
    /// No attributes.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds or replaces one attribute, returning the previous value.
    pub fn insert(
        &mut self,
        key: impl Into<String>,
        value: impl Into<AttributeValue>,
    ) -> Option<AttributeValue> {
        self.0.insert(key.into(), value.into())
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&AttributeValue> {
        self.0.get(key)
    }

    /// Number of attributes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no attributes.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The attributes in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &AttributeValue)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }
}

impl<K: Into<String>, V: Into<AttributeValue>> FromIterator<(K, V)> for FileAttributes {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Self(
            iter.into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Vector store files
// ---------------------------------------------------------------------------------------------

string_enum! {
    /// The processing state of a file in a vector store (also the `filter` of file lists).
    pub enum VectorStoreFileStatus {
        /// Being processed.
        InProgress = "in_progress",
        /// Processed and searchable.
        Completed = "completed",
        /// Processing was cancelled.
        Cancelled = "cancelled",
        /// Processing failed; see `last_error`.
        Failed = "failed",
    }
}

string_enum! {
    /// Why a vector store file failed.
    pub enum VectorStoreFileErrorCode {
        /// A service error.
        ServerError = "server_error",
        /// The file type is not supported.
        UnsupportedFile = "unsupported_file",
        /// The file is malformed.
        InvalidFile = "invalid_file",
    }
}

/// The error of a failed vector store file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VectorStoreFileError {
    /// Error code.
    pub code: VectorStoreFileErrorCode,
    /// Human-readable description.
    #[serde(default)]
    pub message: String,
}

/// A file in a vector store (`object: "vector_store.file"`).
///
/// `chunking_strategy` is `static` for files chunked by this service version; files chunked
/// before chunking strategies existed report `{"type": "other"}`, kept as
/// [`ChunkingStrategy::Unknown`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VectorStoreFile {
    /// The file id (`file-...`).
    pub id: String,
    /// Always `vector_store.file`.
    #[serde(default = "vector_store_file_object")]
    pub object: String,
    /// Bytes used in the store (may differ from the file size).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage_bytes: Option<u64>,
    /// When the file was added, Unix seconds.
    #[serde(default)]
    pub created_at: i64,
    /// The vector store.
    #[serde(default)]
    pub vector_store_id: String,
    /// The processing state.
    pub status: VectorStoreFileStatus,
    /// Why processing failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<VectorStoreFileError>,
    /// How the file was chunked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chunking_strategy: Option<ChunkingStrategy>,
    /// The file's attributes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<FileAttributes>,
}

fn vector_store_file_object() -> String {
    "vector_store.file".to_owned()
}

impl ListItem for VectorStoreFile {
    fn list_id(&self) -> &str {
        &self.id
    }
}

/// Parameters for `POST /vector_stores/{vector_store_id}/files` (also one entry of a file
/// batch's `files`).
///
/// ```
/// use openai_types::vector_stores::CreateVectorStoreFileRequest;
///
/// let request = CreateVectorStoreFileRequest::new("file-1").attribute("lang", "en");
/// assert_eq!(
///     serde_json::to_string(&request).unwrap(),
///     r#"{"file_id":"file-1","attributes":{"lang":"en"}}"#
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreateVectorStoreFileRequest {
    /// The file to add.
    pub file_id: String,
    /// Attributes of the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<FileAttributes>,
    /// How the file is split into chunks (`auto` when unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chunking_strategy: Option<ChunkingStrategy>,
    /// Parameters this release does not model, sent as top-level fields (set with
    /// [`extra`](Self::extra); a `null` value sends an explicit `null`; do not repeat modeled
    /// fields).
    #[serde(flatten, default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl CreateVectorStoreFileRequest {
    /// Adds `file_id`.
    pub fn new(file_id: impl Into<String>) -> Self {
        Self {
            extra: serde_json::Map::new(),
            file_id: file_id.into(),
            attributes: None,
            chunking_strategy: None,
        }
    }

    /// Adds one attribute.
    #[must_use]
    pub fn attribute(mut self, key: impl Into<String>, value: impl Into<AttributeValue>) -> Self {
        self.attributes
            .get_or_insert_with(FileAttributes::new)
            .insert(key, value);
        self
    }
}

setters! {
    CreateVectorStoreFileRequest {
        attributes: FileAttributes,
        chunking_strategy: ChunkingStrategy,
    }
}

/// Parameters for `POST /vector_stores/{vector_store_id}/files/{file_id}` (update attributes).
///
/// `attributes: None` sends `null`, which removes every attribute.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UpdateVectorStoreFileAttributesRequest {
    /// The new attributes (replace the old ones).
    #[serde(default)]
    pub attributes: Option<FileAttributes>,
    /// Parameters this release does not model, sent as top-level fields (set with
    /// [`extra`](Self::extra); a `null` value sends an explicit `null`; do not repeat modeled
    /// fields).
    #[serde(flatten, default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl UpdateVectorStoreFileAttributesRequest {
    /// Replace the attributes with `attributes`.
    pub fn new(attributes: FileAttributes) -> Self {
        Self {
            extra: serde_json::Map::new(),
            attributes: Some(attributes),
        }
    }

    /// Remove every attribute.
    pub fn clear() -> Self {
        Self {
            attributes: None,
            extra: serde_json::Map::new(),
        }
    }
}

/// Query parameters of `GET /vector_stores/{id}/files` and
/// `GET /vector_stores/{id}/file_batches/{batch_id}/files`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct VectorStoreFileListParams {
    /// Page size (1..=100, default 20).
    pub limit: Option<u32>,
    /// Sort order by `created_at`.
    pub order: Option<SortOrder>,
    /// Return files after this id.
    pub after: Option<String>,
    /// Return files before this id.
    pub before: Option<String>,
    /// Only files in this state.
    pub filter: Option<VectorStoreFileStatus>,
}

impl VectorStoreFileListParams {
    /// No parameters: the service defaults apply.
    pub fn new() -> Self {
        Self::default()
    }

    /// The query pairs to append to the URL, skipping unset fields.
    ///
    /// ```
    /// use openai_types::vector_stores::{VectorStoreFileListParams, VectorStoreFileStatus};
    ///
    /// let q = VectorStoreFileListParams::new().filter(VectorStoreFileStatus::Failed).limit(5).to_query();
    /// assert_eq!(q, vec![("limit", "5".to_owned()), ("filter", "failed".to_owned())]);
    /// ```
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut query = crate::shared::list::paging_query(
            self.limit,
            self.order.as_ref(),
            self.after.as_deref(),
            self.before.as_deref(),
        );
        if let Some(filter) = &self.filter {
            query.push(("filter", filter.as_str().to_owned()));
        }
        query
    }

    /// The same page size, order and filter for the page after `after` (`before` dropped).
    #[must_use]
    pub fn next_page(&self, after: impl Into<String>) -> Self {
        Self {
            after: Some(after.into()),
            before: None,
            ..self.clone()
        }
    }
}

setters! {
    VectorStoreFileListParams {
        copy limit: u32,
        order: SortOrder,
        after: String,
        before: String,
        filter: VectorStoreFileStatus,
    }
}

/// One page of a vector store file's parsed content
/// (`GET /vector_stores/{id}/files/{file_id}/content`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VectorStoreFileContentPage {
    /// Always `vector_store.file_content.page`.
    #[serde(default)]
    pub object: String,
    /// The content chunks.
    #[serde(default)]
    pub data: Vec<FileContentChunk>,
    /// Whether more content follows.
    #[serde(default)]
    pub has_more: bool,
    /// The cursor of the next page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_page: Option<String>,
}

/// One chunk of parsed file content.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FileContentChunk {
    /// The content type (`text`).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// File batches
// ---------------------------------------------------------------------------------------------

string_enum! {
    /// The state of a vector store file batch.
    pub enum VectorStoreFileBatchStatus {
        /// Files are being processed.
        InProgress = "in_progress",
        /// Every file was processed.
        Completed = "completed",
        /// The batch was cancelled.
        Cancelled = "cancelled",
        /// The batch failed.
        Failed = "failed",
    }
}

/// A batch of files added to a vector store (`object: "vector_store.file_batch"`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VectorStoreFileBatch {
    /// The batch id (`vsfb_...`).
    pub id: String,
    /// `vector_store.file_batch` (the spec also names `vector_store.files_batch`).
    #[serde(default)]
    pub object: String,
    /// Creation time, Unix seconds.
    #[serde(default)]
    pub created_at: i64,
    /// The vector store.
    #[serde(default)]
    pub vector_store_id: String,
    /// The state of the batch.
    pub status: VectorStoreFileBatchStatus,
    /// File counts by state.
    #[serde(default)]
    pub file_counts: VectorStoreFileCounts,
}

/// Parameters for `POST /vector_stores/{vector_store_id}/file_batches`: either `file_ids` (with
/// shared attributes and chunking) or `files` (each with its own).
///
/// ```
/// use openai_types::vector_stores::{CreateVectorStoreFileBatchRequest, CreateVectorStoreFileRequest};
///
/// let by_id = CreateVectorStoreFileBatchRequest::from_file_ids(["file-1", "file-2"]);
/// assert_eq!(serde_json::to_string(&by_id).unwrap(), r#"{"file_ids":["file-1","file-2"]}"#);
///
/// let each = CreateVectorStoreFileBatchRequest::from_files([
///     CreateVectorStoreFileRequest::new("file-1").attribute("lang", "en"),
/// ]);
/// assert_eq!(
///     serde_json::to_string(&each).unwrap(),
///     r#"{"files":[{"file_id":"file-1","attributes":{"lang":"en"}}]}"#
/// );
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreateVectorStoreFileBatchRequest {
    /// Files to add, sharing `attributes` and `chunking_strategy`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_ids: Option<Vec<String>>,
    /// Files to add, each with its own attributes and chunking.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files: Option<Vec<CreateVectorStoreFileRequest>>,
    /// How files are chunked (`auto` when unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chunking_strategy: Option<ChunkingStrategy>,
    /// Attributes of every file in `file_ids`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<FileAttributes>,
    /// Parameters this release does not model, sent as top-level fields (set with
    /// [`extra`](Self::extra); a `null` value sends an explicit `null`; do not repeat modeled
    /// fields).
    #[serde(flatten, default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl CreateVectorStoreFileBatchRequest {
    /// A batch of file ids.
    pub fn from_file_ids(ids: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Self {
            file_ids: Some(ids.into_iter().map(Into::into).collect()),
            ..Self::default()
        }
    }

    /// A batch of files with per-file settings.
    pub fn from_files(files: impl IntoIterator<Item = CreateVectorStoreFileRequest>) -> Self {
        Self {
            files: Some(files.into_iter().collect()),
            ..Self::default()
        }
    }
}

setters! {
    CreateVectorStoreFileBatchRequest {
        chunking_strategy: ChunkingStrategy,
        attributes: FileAttributes,
    }
}

/// Query parameters of `GET /vector_stores/{id}/file_batches/{batch_id}/files`.
pub type VectorStoreFileBatchListParams = VectorStoreFileListParams;

// ---------------------------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------------------------

/// A search query: one text or several.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum SearchQuery {
    /// One query.
    Text(String),
    /// Several queries.
    Texts(Vec<String>),
}

impl From<&str> for SearchQuery {
    fn from(text: &str) -> Self {
        Self::Text(text.to_owned())
    }
}

impl From<String> for SearchQuery {
    fn from(text: String) -> Self {
        Self::Text(text)
    }
}

impl From<Vec<String>> for SearchQuery {
    fn from(texts: Vec<String>) -> Self {
        Self::Texts(texts)
    }
}

impl<const N: usize> From<[&str; N]> for SearchQuery {
    fn from(texts: [&str; N]) -> Self {
        Self::Texts(texts.iter().map(|t| (*t).to_owned()).collect())
    }
}

string_enum! {
    /// The operator of a comparison filter.
    pub enum ComparisonOperator {
        /// Equal.
        Eq = "eq",
        /// Not equal.
        Ne = "ne",
        /// Greater than.
        Gt = "gt",
        /// Greater than or equal.
        Gte = "gte",
        /// Less than.
        Lt = "lt",
        /// Less than or equal.
        Lte = "lte",
        /// In a list.
        In = "in",
        /// Not in a list.
        Nin = "nin",
    }
}

string_enum! {
    /// How a compound filter combines its filters.
    pub enum CompoundOperator {
        /// Every filter matches.
        And = "and",
        /// At least one filter matches.
        Or = "or",
    }
}

/// A scalar of a filter value list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum FilterScalar {
    /// A string.
    String(String),
    /// A number.
    #[serde(serialize_with = "serialize_number")]
    Number(f64),
}

impl From<&str> for FilterScalar {
    fn from(value: &str) -> Self {
        Self::String(value.to_owned())
    }
}

impl From<String> for FilterScalar {
    fn from(value: String) -> Self {
        Self::String(value)
    }
}

impl From<f64> for FilterScalar {
    fn from(value: f64) -> Self {
        Self::Number(value)
    }
}

/// The value a comparison filter compares an attribute with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum FilterValue {
    /// A string.
    String(String),
    /// A number.
    #[serde(serialize_with = "serialize_number")]
    Number(f64),
    /// A boolean.
    Bool(bool),
    /// A list (for `in` and `nin`).
    List(Vec<FilterScalar>),
}

impl From<&str> for FilterValue {
    fn from(value: &str) -> Self {
        Self::String(value.to_owned())
    }
}

impl From<String> for FilterValue {
    fn from(value: String) -> Self {
        Self::String(value)
    }
}

impl From<f64> for FilterValue {
    fn from(value: f64) -> Self {
        Self::Number(value)
    }
}

impl From<i64> for FilterValue {
    fn from(value: i64) -> Self {
        Self::Number(value as f64)
    }
}

impl From<bool> for FilterValue {
    fn from(value: bool) -> Self {
        Self::Bool(value)
    }
}

impl<T: Into<FilterScalar>> From<Vec<T>> for FilterValue {
    fn from(values: Vec<T>) -> Self {
        Self::List(values.into_iter().map(Into::into).collect())
    }
}

/// Compares one attribute with a value: `{"type": "eq", "key": ..., "value": ...}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ComparisonFilter {
    /// The operator (the wire field `type`).
    #[serde(rename = "type")]
    pub operator: ComparisonOperator,
    /// The attribute key.
    pub key: String,
    /// The value to compare with.
    pub value: FilterValue,
}

/// Combines filters: `{"type": "and" | "or", "filters": [...]}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CompoundFilter {
    /// The operator (the wire field `type`).
    #[serde(rename = "type")]
    pub operator: CompoundOperator,
    /// The combined filters (comparisons or nested compounds).
    pub filters: Vec<SearchFilter>,
}

/// An attribute filter: a comparison, or a compound of filters.
///
/// Keyed by `type`: the comparison operators (`eq`, `ne`, `gt`, `gte`, `lt`, `lte`, `in`, `nin`)
/// select [`ComparisonFilter`], `and`/`or` select [`CompoundFilter`], and any other type is kept
/// verbatim as `Unknown`.
///
/// ```
/// use openai_types::vector_stores::SearchFilter;
///
/// let filter = SearchFilter::and([
///     SearchFilter::eq("lang", "en"),
///     SearchFilter::or([SearchFilter::gte("year", 2020), SearchFilter::is_in("tag", vec!["a", "b"])]),
/// ]);
/// assert_eq!(
///     serde_json::to_string(&filter).unwrap(),
///     concat!(
///         r#"{"type":"and","filters":[{"type":"eq","key":"lang","value":"en"},"#,
///         r#"{"type":"or","filters":[{"type":"gte","key":"year","value":2020},"#,
///         r#"{"type":"in","key":"tag","value":["a","b"]}]}]}"#
///     )
/// );
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum SearchFilter {
    /// Compares one attribute.
    Comparison(ComparisonFilter),
    /// Combines filters.
    Compound(CompoundFilter),
    /// A filter this version of the SDK does not know, kept verbatim.
    Unknown(UnknownObject),
}

impl SearchFilter {
    /// A comparison filter.
    pub fn compare(
        operator: ComparisonOperator,
        key: impl Into<String>,
        value: impl Into<FilterValue>,
    ) -> Self {
        Self::Comparison(ComparisonFilter {
            operator,
            key: key.into(),
            value: value.into(),
        })
    }

    /// `key == value`.
    pub fn eq(key: impl Into<String>, value: impl Into<FilterValue>) -> Self {
        Self::compare(ComparisonOperator::Eq, key, value)
    }

    /// `key != value`.
    pub fn ne(key: impl Into<String>, value: impl Into<FilterValue>) -> Self {
        Self::compare(ComparisonOperator::Ne, key, value)
    }

    /// `key > value`.
    pub fn gt(key: impl Into<String>, value: impl Into<FilterValue>) -> Self {
        Self::compare(ComparisonOperator::Gt, key, value)
    }

    /// `key >= value`.
    pub fn gte(key: impl Into<String>, value: impl Into<FilterValue>) -> Self {
        Self::compare(ComparisonOperator::Gte, key, value)
    }

    /// `key < value`.
    pub fn lt(key: impl Into<String>, value: impl Into<FilterValue>) -> Self {
        Self::compare(ComparisonOperator::Lt, key, value)
    }

    /// `key <= value`.
    pub fn lte(key: impl Into<String>, value: impl Into<FilterValue>) -> Self {
        Self::compare(ComparisonOperator::Lte, key, value)
    }

    /// `key` is one of `values`.
    pub fn is_in(key: impl Into<String>, values: impl Into<FilterValue>) -> Self {
        Self::compare(ComparisonOperator::In, key, values)
    }

    /// `key` is none of `values`.
    pub fn not_in(key: impl Into<String>, values: impl Into<FilterValue>) -> Self {
        Self::compare(ComparisonOperator::Nin, key, values)
    }

    /// Every filter matches.
    pub fn and(filters: impl IntoIterator<Item = SearchFilter>) -> Self {
        Self::Compound(CompoundFilter {
            operator: CompoundOperator::And,
            filters: filters.into_iter().collect(),
        })
    }

    /// At least one filter matches.
    pub fn or(filters: impl IntoIterator<Item = SearchFilter>) -> Self {
        Self::Compound(CompoundFilter {
            operator: CompoundOperator::Or,
            filters: filters.into_iter().collect(),
        })
    }

    /// The `type` of this filter, as on the wire.
    pub fn kind(&self) -> &str {
        match self {
            Self::Comparison(filter) => filter.operator.as_str(),
            Self::Compound(filter) => filter.operator.as_str(),
            Self::Unknown(raw) => raw.kind().unwrap_or(""),
        }
    }
}

impl From<ComparisonFilter> for SearchFilter {
    fn from(filter: ComparisonFilter) -> Self {
        Self::Comparison(filter)
    }
}

impl From<CompoundFilter> for SearchFilter {
    fn from(filter: CompoundFilter) -> Self {
        Self::Compound(filter)
    }
}

impl Serialize for SearchFilter {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Comparison(filter) => filter.serialize(serializer),
            Self::Compound(filter) => filter.serialize(serializer),
            Self::Unknown(raw) => raw.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for SearchFilter {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = serde_json::Value::deserialize(deserializer)?;
        if !raw.is_object() {
            return Err(serde::de::Error::custom(
                "expected a JSON object for SearchFilter",
            ));
        }
        let kind = raw.get("type").and_then(serde_json::Value::as_str);
        let compound = kind.map(CompoundOperator::from);
        let comparison = kind.map(ComparisonOperator::from);
        if matches!(compound, Some(CompoundOperator::And | CompoundOperator::Or)) {
            CompoundFilter::deserialize(raw)
                .map(Self::Compound)
                .map_err(serde::de::Error::custom)
        } else if matches!(comparison, Some(op) if !matches!(op, ComparisonOperator::Unknown(_))) {
            ComparisonFilter::deserialize(raw)
                .map(Self::Comparison)
                .map_err(serde::de::Error::custom)
        } else {
            Ok(Self::Unknown(UnknownObject::new(raw)))
        }
    }
}

string_enum! {
    /// The ranker of a vector store search.
    pub enum SearchRanker {
        /// No reranking.
        None = "none",
        /// The service's current default.
        Auto = "auto",
        /// The ranker of 2024-11-15.
        Default20241115 = "default-2024-11-15",
    }
}

/// Ranking options of a vector store search.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SearchRankingOptions {
    /// The ranker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ranker: Option<SearchRanker>,
    /// Minimum score (0.0..=1.0) of returned results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score_threshold: Option<f64>,
}

impl SearchRankingOptions {
    /// Service defaults.
    pub fn new() -> Self {
        Self::default()
    }
}

setters! { SearchRankingOptions { ranker: SearchRanker, score_threshold: f64 } }

/// Parameters for `POST /vector_stores/{vector_store_id}/search`.
///
/// ```
/// use openai_types::vector_stores::{SearchFilter, SearchRankingOptions, VectorStoreSearchRequest};
///
/// let request = VectorStoreSearchRequest::new("refund policy")
///     .filters(SearchFilter::eq("lang", "en"))
///     .ranking_options(SearchRankingOptions::new().score_threshold(0.5))
///     .max_num_results(5);
/// assert_eq!(
///     serde_json::to_string(&request).unwrap(),
///     concat!(
///         r#"{"query":"refund policy","filters":{"type":"eq","key":"lang","value":"en"},"#,
///         r#""ranking_options":{"score_threshold":0.5},"max_num_results":5}"#
///     )
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VectorStoreSearchRequest {
    /// What to search for.
    pub query: SearchQuery,
    /// Attribute filter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filters: Option<SearchFilter>,
    /// Ranking options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ranking_options: Option<SearchRankingOptions>,
    /// Let the service rewrite the query for search.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rewrite_query: Option<bool>,
    /// Maximum results (1..=50, default 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_num_results: Option<u32>,
    /// Parameters this release does not model, sent as top-level fields (set with
    /// [`extra`](Self::extra); a `null` value sends an explicit `null`; do not repeat modeled
    /// fields).
    #[serde(flatten, default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl VectorStoreSearchRequest {
    /// A search for `query`.
    pub fn new(query: impl Into<SearchQuery>) -> Self {
        Self {
            extra: serde_json::Map::new(),
            query: query.into(),
            filters: None,
            ranking_options: None,
            rewrite_query: None,
            max_num_results: None,
        }
    }
}

setters! {
    VectorStoreSearchRequest {
        filters: SearchFilter,
        ranking_options: SearchRankingOptions,
        copy rewrite_query: bool,
        copy max_num_results: u32,
    }
}

/// One page of search results (`object: "vector_store.search_results.page"`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VectorStoreSearchResultsPage {
    /// Always `vector_store.search_results.page`.
    #[serde(default)]
    pub object: String,
    /// The queries that were run (rewritten when `rewrite_query` was set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_query: Option<SearchQuery>,
    /// The results, best first.
    #[serde(default)]
    pub data: Vec<VectorStoreSearchResult>,
    /// Whether more results follow.
    #[serde(default)]
    pub has_more: bool,
    /// The cursor of the next page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_page: Option<String>,
}

/// One search result: a file with its matching chunks.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VectorStoreSearchResult {
    /// The file id.
    #[serde(default)]
    pub file_id: String,
    /// The file name.
    #[serde(default)]
    pub filename: String,
    /// Similarity score, 0.0..=1.0.
    #[serde(default)]
    pub score: f64,
    /// The file's attributes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<FileAttributes>,
    /// The matching chunks.
    #[serde(default)]
    pub content: Vec<SearchResultContent>,
}

string_enum! {
    /// The type of a search result chunk.
    pub enum SearchResultContentType {
        /// Text.
        Text = "text",
    }
}

/// One matching chunk of a search result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SearchResultContent {
    /// The chunk type (the wire field `type`).
    #[serde(rename = "type")]
    pub kind: SearchResultContentType,
    /// The chunk text.
    #[serde(default)]
    pub text: String,
}

crate::macros::extra_setter! { CreateVectorStoreRequest, UpdateVectorStoreRequest, CreateVectorStoreFileRequest, UpdateVectorStoreFileAttributesRequest, CreateVectorStoreFileBatchRequest, VectorStoreSearchRequest }
