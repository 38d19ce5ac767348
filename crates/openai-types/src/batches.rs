//! Batches: asynchronous bulk requests (`/batches`) and the JSONL line formats of their input and
//! output files.
//!
//! A batch runs the requests of an uploaded JSONL file (purpose `batch`) against one endpoint.
//! [`BatchInputLine`] writes the lines of that file from ordinary request types;
//! [`parse_batch_output_line`] and [`parse_batch_output`] read the lines of the output and error
//! files. Everything here is pure: reading and uploading files is the caller's or the client's
//! business.

use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::files::FileExpiresAfter;
use crate::shared::{ListItem, Metadata};

string_enum! {
    /// The endpoint every request of a batch is sent to (also the `url` of each input line).
    ///
    /// Azure OpenAI reports its own paths (`/chat/completions`); they are kept as `Unknown` and
    /// round-trip unchanged.
    pub enum BatchEndpoint {
        /// `/v1/responses`.
        Responses = "/v1/responses",
        /// `/v1/chat/completions`.
        ChatCompletions = "/v1/chat/completions",
        /// `/v1/embeddings`.
        Embeddings = "/v1/embeddings",
        /// `/v1/completions`.
        Completions = "/v1/completions",
        /// `/v1/moderations`.
        Moderations = "/v1/moderations",
        /// `/v1/images/generations`.
        ImageGenerations = "/v1/images/generations",
        /// `/v1/images/edits`.
        ImageEdits = "/v1/images/edits",
        /// `/v1/videos`.
        Videos = "/v1/videos",
    }
}

string_enum! {
    /// The time frame within which a batch is processed.
    pub enum CompletionWindow {
        /// 24 hours (the only window offered today).
        Hours24 = "24h",
    }
}

string_enum! {
    /// The state of a batch.
    pub enum BatchStatus {
        /// The input file is being validated.
        Validating = "validating",
        /// Validation failed; see `errors`.
        Failed = "failed",
        /// Requests are running.
        InProgress = "in_progress",
        /// Requests are done; results are being written.
        Finalizing = "finalizing",
        /// Done; results are in `output_file_id` and `error_file_id`.
        Completed = "completed",
        /// Not finished within the completion window; finished requests are still returned.
        Expired = "expired",
        /// Being cancelled (up to 10 minutes).
        Cancelling = "cancelling",
        /// Cancelled; finished requests are still returned.
        Cancelled = "cancelled",
    }
}

impl BatchStatus {
    /// Whether the batch will not change state any more.
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            Self::Failed | Self::Completed | Self::Expired | Self::Cancelled
        )
    }
}

/// A batch (`object: "batch"`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Batch {
    /// The batch id (`batch_...`).
    pub id: String,
    /// Always `batch`.
    #[serde(default = "batch_object")]
    pub object: String,
    /// The endpoint the requests go to.
    pub endpoint: BatchEndpoint,
    /// The model of the requests, once known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// Validation errors of the input file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<BatchErrors>,
    /// The input file.
    #[serde(default)]
    pub input_file_id: String,
    /// The processing time frame.
    pub completion_window: CompletionWindow,
    /// The state of the batch.
    pub status: BatchStatus,
    /// The file of successful results (JSONL, see [`BatchOutputLine`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_file_id: Option<String>,
    /// The file of failed requests (JSONL, see [`BatchOutputLine`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_file_id: Option<String>,
    /// Creation time, Unix seconds.
    #[serde(default)]
    pub created_at: i64,
    /// When processing started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_progress_at: Option<i64>,
    /// When the batch expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<i64>,
    /// When finalizing started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finalizing_at: Option<i64>,
    /// When the batch completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_at: Option<i64>,
    /// When the batch failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed_at: Option<i64>,
    /// When the batch expired.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expired_at: Option<i64>,
    /// When cancelling started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancelling_at: Option<i64>,
    /// When the batch was cancelled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancelled_at: Option<i64>,
    /// Request counts by outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_counts: Option<BatchRequestCounts>,
    /// Token usage so far (newer batches).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<BatchUsage>,
    /// Caller-defined key/value pairs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
}

fn batch_object() -> String {
    "batch".to_owned()
}

impl ListItem for Batch {
    fn list_id(&self) -> &str {
        &self.id
    }
}

/// Validation errors of a batch's input file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BatchErrors {
    /// Always `list`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
    /// The errors.
    #[serde(default)]
    pub data: Vec<BatchError>,
}

/// One validation error of a batch's input file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BatchError {
    /// Error code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Human-readable description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The offending parameter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub param: Option<String>,
    /// The offending line of the input file (1-based).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
}

/// Request counts of a batch.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BatchRequestCounts {
    /// All requests.
    #[serde(default)]
    pub total: u64,
    /// Requests that completed.
    #[serde(default)]
    pub completed: u64,
    /// Requests that failed.
    #[serde(default)]
    pub failed: u64,
}

/// Token usage of a batch.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BatchUsage {
    /// Input tokens.
    #[serde(default)]
    pub input_tokens: u64,
    /// Breakdown of the input tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_tokens_details: Option<BatchInputTokensDetails>,
    /// Output tokens.
    #[serde(default)]
    pub output_tokens: u64,
    /// Breakdown of the output tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_tokens_details: Option<BatchOutputTokensDetails>,
    /// Input plus output tokens.
    #[serde(default)]
    pub total_tokens: u64,
}

/// Breakdown of a batch's input tokens.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BatchInputTokensDetails {
    /// Tokens served from the prompt cache.
    #[serde(default)]
    pub cached_tokens: u64,
}

/// Breakdown of a batch's output tokens.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BatchOutputTokensDetails {
    /// Reasoning tokens.
    #[serde(default)]
    pub reasoning_tokens: u64,
}

/// Parameters for `POST /batches`.
///
/// ```
/// use openai_types::batches::{BatchEndpoint, CreateBatchRequest};
///
/// let request = CreateBatchRequest::new("file-abc", BatchEndpoint::ChatCompletions);
/// assert_eq!(
///     serde_json::to_string(&request).unwrap(),
///     r#"{"input_file_id":"file-abc","endpoint":"/v1/chat/completions","completion_window":"24h"}"#
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreateBatchRequest {
    /// The uploaded JSONL file (purpose `batch`).
    pub input_file_id: String,
    /// The endpoint of every request in the file.
    pub endpoint: BatchEndpoint,
    /// The processing time frame (`24h`).
    pub completion_window: CompletionWindow,
    /// Caller-defined key/value pairs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// Expiry policy of the output and error files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_expires_after: Option<FileExpiresAfter>,
    /// Parameters this release does not model, sent as top-level fields (set with
    /// [`extra`](Self::extra); a `null` value sends an explicit `null`; do not repeat modeled
    /// fields).
    #[serde(flatten, default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl CreateBatchRequest {
    /// A batch of `input_file_id` against `endpoint`, within 24 hours.
    pub fn new(input_file_id: impl Into<String>, endpoint: BatchEndpoint) -> Self {
        Self {
            extra: serde_json::Map::new(),
            input_file_id: input_file_id.into(),
            endpoint,
            completion_window: CompletionWindow::Hours24,
            metadata: None,
            output_expires_after: None,
        }
    }
}

impl CreateBatchRequest {
    /// Sets `completion_window` (`24h` by default).
    #[must_use]
    pub fn completion_window(mut self, window: CompletionWindow) -> Self {
        self.completion_window = window;
        self
    }
}

setters! {
    CreateBatchRequest {
        metadata: Metadata,
        output_expires_after: FileExpiresAfter,
    }
}

/// Query parameters of `GET /batches` (no `order`, no `before`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct BatchListParams {
    /// Return batches after this id.
    pub after: Option<String>,
    /// Page size (1..=100, default 20).
    pub limit: Option<u32>,
}

impl BatchListParams {
    /// No parameters: the service defaults apply.
    pub fn new() -> Self {
        Self::default()
    }

    /// The query pairs to append to the URL, skipping unset fields.
    ///
    /// ```
    /// use openai_types::batches::BatchListParams;
    ///
    /// let q = BatchListParams::new().limit(10).after("batch_1").to_query();
    /// assert_eq!(q, vec![("after", "batch_1".to_owned()), ("limit", "10".to_owned())]);
    /// ```
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut query = Vec::with_capacity(2);
        if let Some(after) = &self.after {
            query.push(("after", after.clone()));
        }
        if let Some(limit) = self.limit {
            query.push(("limit", limit.to_string()));
        }
        query
    }

    /// The same page size for the page after `after`.
    #[must_use]
    pub fn next_page(&self, after: impl Into<String>) -> Self {
        Self {
            after: Some(after.into()),
            limit: self.limit,
        }
    }
}

setters! { BatchListParams { after: String, copy limit: u32 } }

// ---------------------------------------------------------------------------------------------
// JSONL lines
// ---------------------------------------------------------------------------------------------

/// One line of a batch input file: `{"custom_id", "method": "POST", "url", "body"}`.
///
/// The body is any serializable request, borrowed, so existing request types are reused as they
/// are. Azure OpenAI batch files use paths without the version prefix (`/chat/completions`) and a
/// deployment name as `model`; pass such a path with `BatchEndpoint::from("/chat/completions")`.
///
/// ```
/// use openai_types::batches::{BatchEndpoint, BatchInputLine};
/// use openai_types::chat::{ChatCompletionRequest, ChatMessage};
///
/// let request = ChatCompletionRequest::new("gpt-4o-mini", [ChatMessage::user("Hi")]);
/// let line = BatchInputLine::new("req-1", BatchEndpoint::ChatCompletions, &request);
/// assert_eq!(
///     line.to_jsonl_line().unwrap(),
///     concat!(
///         r#"{"custom_id":"req-1","method":"POST","url":"/v1/chat/completions","#,
///         r#""body":{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}}"#,
///         "\n"
///     )
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct BatchInputLine<'a, B: Serialize + ?Sized> {
    /// The caller's id of this request, unique within the file; output lines repeat it.
    pub custom_id: String,
    /// Always `POST`.
    pub method: &'static str,
    /// The endpoint path; must equal the batch's endpoint.
    pub url: BatchEndpoint,
    /// The request body.
    pub body: &'a B,
}

impl<'a, B: Serialize + ?Sized> BatchInputLine<'a, B> {
    /// A `POST` of `body` to `endpoint`, identified by `custom_id`.
    pub fn new(custom_id: impl Into<String>, endpoint: BatchEndpoint, body: &'a B) -> Self {
        Self {
            custom_id: custom_id.into(),
            method: "POST",
            url: endpoint,
            body,
        }
    }

    /// The line as compact JSON followed by `\n`, ready to append to a JSONL file.
    ///
    /// Fails only if the body's `Serialize` implementation fails (for example a map with
    /// non-string keys).
    pub fn to_jsonl_line(&self) -> Result<String, serde_json::Error> {
        let mut line = serde_json::to_string(self)?;
        line.push('\n');
        Ok(line)
    }
}

/// One line of a batch output or error file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BatchOutputLine {
    /// The service's id of this result (`batch_req_...`).
    #[serde(default)]
    pub id: String,
    /// The `custom_id` of the input line.
    #[serde(default)]
    pub custom_id: String,
    /// The HTTP response, when the request was sent (it may still be an error status).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<BatchResponse>,
    /// Why the request could not be sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<BatchRequestError>,
}

impl BatchOutputLine {
    /// Whether the request got a 2xx response.
    pub fn is_success(&self) -> bool {
        self.response
            .as_ref()
            .is_some_and(|r| (200..300).contains(&r.status_code))
    }

    /// Decodes the response body as `T` (`None` when there is no response).
    ///
    /// ```
    /// use openai_types::batches::parse_batch_output_line;
    /// use openai_types::embeddings::EmbeddingResponse;
    ///
    /// let line = parse_batch_output_line(
    ///     1,
    ///     r#"{"id":"batch_req_1","custom_id":"a","response":{"status_code":200,"request_id":"r","body":{"object":"list","data":[],"model":"m"}},"error":null}"#,
    /// ).unwrap();
    /// let body: EmbeddingResponse = line.decode_body().unwrap().unwrap();
    /// assert_eq!(body.model, "m");
    /// ```
    pub fn decode_body<T: DeserializeOwned>(&self) -> Option<Result<T, serde_json::Error>> {
        self.response.as_ref().map(|r| T::deserialize(&r.body))
    }
}

/// The HTTP response of one batched request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BatchResponse {
    /// HTTP status code.
    #[serde(default)]
    pub status_code: u16,
    /// The request id (as in the `x-request-id` header).
    #[serde(default)]
    pub request_id: String,
    /// The JSON body; decode with [`BatchOutputLine::decode_body`].
    #[serde(default)]
    pub body: serde_json::Value,
}

/// Why a batched request was not sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BatchRequestError {
    /// Error code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Human-readable description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// A line of a batch output file that is not a valid [`BatchOutputLine`].
#[derive(Debug)]
#[non_exhaustive]
pub struct BatchLineError {
    /// The line number as given to the parser (1-based in [`parse_batch_output`]).
    pub line_number: usize,
    /// The JSON error.
    pub source: serde_json::Error,
}

impl fmt::Display for BatchLineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "batch output line {}: {}", self.line_number, self.source)
    }
}

impl std::error::Error for BatchLineError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// Parses one line of a batch output or error file; the error names `line_number`.
///
/// ```
/// use openai_types::batches::parse_batch_output_line;
///
/// let err = parse_batch_output_line(7, "{not json").unwrap_err();
/// assert_eq!(err.line_number, 7);
/// assert!(err.to_string().starts_with("batch output line 7: "));
/// ```
pub fn parse_batch_output_line(
    line_number: usize,
    line: &str,
) -> Result<BatchOutputLine, BatchLineError> {
    serde_json::from_str(line.trim_end_matches(['\r', '\n'])).map_err(|source| BatchLineError {
        line_number,
        source,
    })
}

/// Parses a whole batch output or error file, one result per non-blank line, numbered from 1.
///
/// ```
/// use openai_types::batches::parse_batch_output;
///
/// let text = "{\"id\":\"a\",\"custom_id\":\"1\"}\n\n{\"id\":\"b\",\"custom_id\":\"2\"}\n";
/// let lines: Vec<_> = parse_batch_output(text).collect::<Result<_, _>>().unwrap();
/// assert_eq!(lines.len(), 2);
/// ```
pub fn parse_batch_output(
    text: &str,
) -> impl Iterator<Item = Result<BatchOutputLine, BatchLineError>> + '_ {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| parse_batch_output_line(i + 1, line))
}

crate::macros::extra_setter! { CreateBatchRequest }
