//! Files: the uploaded-file object, its purpose and status, list filters and upload parameters.
//!
//! Uploads are `multipart/form-data`; this module only describes the text fields
//! ([`FileUploadParams::form_fields`]). The HTTP crate adds the file part itself.

use serde::{Deserialize, Serialize};

use crate::shared::{ListItem, SortOrder};

string_enum! {
    /// What a file is for. Decides which APIs may use it and how the service validates it.
    ///
    /// ```
    /// use openai_types::files::FilePurpose;
    ///
    /// let purpose = FilePurpose::from("assistants");
    /// match &purpose {
    ///     FilePurpose::Assistants | FilePurpose::AssistantsOutput => println!("assistants file"),
    ///     other => println!("purpose {}", other.as_str()),
    /// }
    /// ```
    pub enum FilePurpose {
        /// Input for the Assistants API (code interpreter, file search, message attachments).
        Assistants = "assistants",
        /// A file produced by an assistant (code interpreter output).
        AssistantsOutput = "assistants_output",
        /// Input of the Batch API.
        Batch = "batch",
        /// Output of the Batch API.
        BatchOutput = "batch_output",
        /// Training data for fine-tuning.
        FineTune = "fine-tune",
        /// Results of a fine-tuning job.
        FineTuneResults = "fine-tune-results",
        /// Images for vision fine-tuning.
        Vision = "vision",
        /// Any file the caller wants to keep (flexible purpose).
        UserData = "user_data",
        /// Data sets for evals.
        Evals = "evals",
    }
}

string_enum! {
    /// Processing state of an uploaded file (deprecated by OpenAI, still sent by both services).
    pub enum FileStatus {
        /// Uploaded, not processed yet.
        Uploaded = "uploaded",
        /// Validated and ready to use.
        Processed = "processed",
        /// Validation failed; see `status_details`.
        Error = "error",
        /// Azure: waiting to be processed.
        Pending = "pending",
        /// Azure: being processed.
        Running = "running",
        /// Azure: being deleted.
        Deleting = "deleting",
        /// Azure: deleted.
        Deleted = "deleted",
    }
}

string_enum! {
    /// The timestamp an upload's expiry is counted from.
    pub enum FileExpirationAnchor {
        /// The file's creation time (the only anchor the service accepts today).
        CreatedAt = "created_at",
    }
}

/// A file stored by the service (`object: "file"`).
///
/// ```
/// use openai_types::files::{FileObject, FilePurpose};
///
/// let file: FileObject = serde_json::from_str(
///     r#"{"id":"file-1","object":"file","bytes":12,"created_at":1,"filename":"a.txt","purpose":"assistants"}"#,
/// ).unwrap();
/// assert_eq!(file.purpose, FilePurpose::Assistants);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FileObject {
    /// The file id (`file-...` on OpenAI, `assistant-...` or `file-...` on Azure).
    pub id: String,
    /// Always `file`.
    #[serde(default = "file_object")]
    pub object: String,
    /// Size in bytes.
    #[serde(default)]
    pub bytes: u64,
    /// Upload time, Unix seconds.
    #[serde(default)]
    pub created_at: i64,
    /// When the file expires, Unix seconds (only for uploads with an expiry policy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<i64>,
    /// The name given at upload.
    #[serde(default)]
    pub filename: String,
    /// What the file is for.
    pub purpose: FilePurpose,
    /// Processing state. Deprecated by OpenAI, still present on the wire.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<FileStatus>,
    /// Why validation failed, for fine-tuning files. Deprecated by OpenAI, still present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_details: Option<String>,
}

fn file_object() -> String {
    "file".to_owned()
}

impl ListItem for FileObject {
    fn list_id(&self) -> &str {
        &self.id
    }
}

/// Query parameters of `GET /files`: an optional purpose filter plus pagination.
///
/// The files list has no `before` cursor.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct FileListParams {
    /// Only files with this purpose.
    pub purpose: Option<FilePurpose>,
    /// Page size (the service allows up to 10,000).
    pub limit: Option<u32>,
    /// Sort order by `created_at`.
    pub order: Option<SortOrder>,
    /// Return files after this id.
    pub after: Option<String>,
}

impl FileListParams {
    /// No filter: the service defaults apply.
    pub fn new() -> Self {
        Self::default()
    }

    /// The query pairs to append to the URL, skipping unset fields.
    ///
    /// ```
    /// use openai_types::files::{FileListParams, FilePurpose};
    ///
    /// let q = FileListParams::new().purpose(FilePurpose::Assistants).limit(50u32).to_query();
    /// assert_eq!(q, vec![("purpose", "assistants".to_owned()), ("limit", "50".to_owned())]);
    /// ```
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut query = Vec::with_capacity(4);
        if let Some(purpose) = &self.purpose {
            query.push(("purpose", purpose.as_str().to_owned()));
        }
        if let Some(limit) = self.limit {
            query.push(("limit", limit.to_string()));
        }
        if let Some(order) = &self.order {
            query.push(("order", order.as_str().to_owned()));
        }
        if let Some(after) = &self.after {
            query.push(("after", after.clone()));
        }
        query
    }

    /// The same filter and page size for the page after `after`.
    #[must_use]
    pub fn next_page(&self, after: impl Into<String>) -> Self {
        Self {
            after: Some(after.into()),
            ..self.clone()
        }
    }
}

setters! {
    FileListParams {
        purpose: FilePurpose,
        copy limit: u32,
        order: SortOrder,
        after: String,
    }
}

/// When an uploaded file expires: `seconds` after the `anchor` timestamp.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FileExpiresAfter {
    /// The timestamp the expiry counts from.
    pub anchor: FileExpirationAnchor,
    /// Seconds after the anchor (the service accepts 3600..=2592000).
    pub seconds: u64,
}

impl FileExpiresAfter {
    /// Expire `seconds` after creation.
    pub fn after_creation(seconds: u64) -> Self {
        Self {
            anchor: FileExpirationAnchor::CreatedAt,
            seconds,
        }
    }
}

/// The non-file fields of `POST /files` (multipart). The file bytes travel separately.
///
/// `filename` names the file part; when unset, the HTTP client picks a default name.
///
/// ```
/// use openai_types::files::{FileExpiresAfter, FilePurpose, FileUploadParams};
///
/// let params = FileUploadParams::new(FilePurpose::Assistants)
///     .filename("notes.txt")
///     .expires_after(FileExpiresAfter::after_creation(3600));
/// assert_eq!(
///     params.form_fields(),
///     vec![
///         ("purpose".to_owned(), "assistants".to_owned()),
///         ("expires_after[anchor]".to_owned(), "created_at".to_owned()),
///         ("expires_after[seconds]".to_owned(), "3600".to_owned()),
///     ]
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct FileUploadParams {
    /// What the file is for (required).
    pub purpose: FilePurpose,
    /// The file name sent in the file part's `Content-Disposition`.
    pub filename: Option<String>,
    /// Expiry policy for the upload.
    pub expires_after: Option<FileExpiresAfter>,
}

impl FileUploadParams {
    /// An upload for `purpose`; everything else optional.
    pub fn new(purpose: FilePurpose) -> Self {
        Self {
            purpose,
            filename: None,
            expires_after: None,
        }
    }

    /// The text parts of the multipart body, in order, nested fields in bracket notation
    /// (`expires_after[anchor]`), as the official SDKs send them.
    pub fn form_fields(&self) -> Vec<(String, String)> {
        let mut fields = vec![("purpose".to_owned(), self.purpose.as_str().to_owned())];
        if let Some(expiry) = &self.expires_after {
            fields.push((
                "expires_after[anchor]".to_owned(),
                expiry.anchor.as_str().to_owned(),
            ));
            fields.push((
                "expires_after[seconds]".to_owned(),
                expiry.seconds.to_string(),
            ));
        }
        fields
    }
}

setters! {
    FileUploadParams {
        filename: String,
        expires_after: FileExpiresAfter,
    }
}
