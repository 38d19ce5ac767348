//! Uploads: large files sent in parts (`POST /uploads`, `/uploads/{id}/parts`,
//! `/uploads/{id}/complete`, `/uploads/{id}/cancel`).
//!
//! An upload is created with the final size and MIME type, receives parts of up to 64 MB each
//! (multipart, field `data`; the HTTP client sends the bytes), and is completed with the ordered
//! part ids, which creates a regular [`FileObject`].

use serde::{Deserialize, Serialize};

use crate::files::{FileExpiresAfter, FileObject, FilePurpose};

string_enum! {
    /// The state of an upload.
    pub enum UploadStatus {
        /// Accepting parts.
        Pending = "pending",
        /// Completed; `file` holds the created file.
        Completed = "completed",
        /// Cancelled by the caller.
        Cancelled = "cancelled",
        /// Not completed within an hour of creation.
        Expired = "expired",
    }
}

/// Parameters for `POST /uploads`.
///
/// ```
/// use openai_types::files::FilePurpose;
/// use openai_types::uploads::CreateUploadRequest;
///
/// let request = CreateUploadRequest::new("train.jsonl", FilePurpose::FineTune, 2_000_000, "text/jsonl");
/// assert_eq!(
///     serde_json::to_string(&request).unwrap(),
///     r#"{"filename":"train.jsonl","purpose":"fine-tune","bytes":2000000,"mime_type":"text/jsonl"}"#
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreateUploadRequest {
    /// The name of the file to create.
    pub filename: String,
    /// What the file is for.
    pub purpose: FilePurpose,
    /// Total size in bytes; the parts must add up to exactly this.
    pub bytes: u64,
    /// MIME type of the file (must be one the purpose accepts).
    pub mime_type: String,
    /// Expiry policy of the created file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_after: Option<FileExpiresAfter>,
    /// Parameters this release does not model, sent as top-level fields (set with
    /// [`extra`](Self::extra); a `null` value sends an explicit `null`; do not repeat modeled
    /// fields).
    #[serde(flatten, default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl CreateUploadRequest {
    /// Every required field.
    pub fn new(
        filename: impl Into<String>,
        purpose: FilePurpose,
        bytes: u64,
        mime_type: impl Into<String>,
    ) -> Self {
        Self {
            extra: serde_json::Map::new(),
            filename: filename.into(),
            purpose,
            bytes,
            mime_type: mime_type.into(),
            expires_after: None,
        }
    }
}

setters! { CreateUploadRequest { expires_after: FileExpiresAfter } }

/// An upload (`object: "upload"`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Upload {
    /// The upload id (`upload_...`).
    pub id: String,
    /// Always `upload`.
    #[serde(default = "upload_object")]
    pub object: String,
    /// Total size in bytes.
    #[serde(default)]
    pub bytes: u64,
    /// Creation time, Unix seconds.
    #[serde(default)]
    pub created_at: i64,
    /// When the upload expires if not completed, Unix seconds.
    #[serde(default)]
    pub expires_at: i64,
    /// The name of the file to create.
    #[serde(default)]
    pub filename: String,
    /// What the file is for.
    pub purpose: FilePurpose,
    /// The state of the upload.
    pub status: UploadStatus,
    /// The created file, once completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<FileObject>,
}

fn upload_object() -> String {
    "upload".to_owned()
}

/// One received part of an upload (`object: "upload.part"`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UploadPart {
    /// The part id (`part_...`), used to complete the upload.
    pub id: String,
    /// Always `upload.part`.
    #[serde(default)]
    pub object: String,
    /// Creation time, Unix seconds.
    #[serde(default)]
    pub created_at: i64,
    /// The upload this part belongs to.
    #[serde(default)]
    pub upload_id: String,
}

/// Parameters for `POST /uploads/{upload_id}/complete`.
///
/// ```
/// use openai_types::uploads::CompleteUploadRequest;
///
/// let request = CompleteUploadRequest::new(["part_1", "part_2"]).md5("9e107d9d372bb6826bd81d3542a419d6");
/// assert_eq!(
///     serde_json::to_string(&request).unwrap(),
///     r#"{"part_ids":["part_1","part_2"],"md5":"9e107d9d372bb6826bd81d3542a419d6"}"#
/// );
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CompleteUploadRequest {
    /// The part ids, in file order.
    pub part_ids: Vec<String>,
    /// Hex MD5 of the whole file, checked by the service when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub md5: Option<String>,
    /// Parameters this release does not model, sent as top-level fields (set with
    /// [`extra`](Self::extra); a `null` value sends an explicit `null`; do not repeat modeled
    /// fields).
    #[serde(flatten, default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl CompleteUploadRequest {
    /// Completes with these parts, in order.
    pub fn new(part_ids: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Self {
            extra: serde_json::Map::new(),
            part_ids: part_ids.into_iter().map(Into::into).collect(),
            md5: None,
        }
    }
}

setters! { CompleteUploadRequest { md5: String } }

crate::macros::extra_setter! { CreateUploadRequest, CompleteUploadRequest }
