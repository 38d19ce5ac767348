//! Thread messages: the message object and its content parts and annotations, the create/modify
//! requests, the streamed `thread.message.delta` payload, and the v1 `thread.message.file` object.
//!
//! Content parts and annotations are open tagged unions; their streamed deltas carry an `index`
//! that says which part (or annotation) they extend. [`MessageDeltaAccumulator`] folds them.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::assistants::CodeInterpreterTool;
use crate::shared::{ListItem, ListParams, Metadata, SortOrder};

/// Image resolution; the same type chat completions use.
pub use crate::chat::ImageDetail;

string_enum! {
    /// Who wrote a message.
    pub enum MessageRole {
        /// The end user (or the caller on their behalf).
        User = "user",
        /// The assistant.
        Assistant = "assistant",
    }
}

string_enum! {
    /// Lifecycle state of a message.
    pub enum MessageStatus {
        /// Being written by a run.
        InProgress = "in_progress",
        /// Ended early; see `incomplete_details`.
        Incomplete = "incomplete",
        /// Finished.
        Completed = "completed",
    }
}

string_enum! {
    /// Why a message ended early.
    pub enum MessageIncompleteReason {
        /// The content filter stopped it.
        ContentFilter = "content_filter",
        /// A token limit was reached.
        MaxTokens = "max_tokens",
        /// The run was cancelled.
        RunCancelled = "run_cancelled",
        /// The run expired.
        RunExpired = "run_expired",
        /// The run failed.
        RunFailed = "run_failed",
    }
}

/// A message in a thread (`object: "thread.message"`).
///
/// ```
/// use openai_types::messages::{Message, MessageContent};
///
/// let m: Message = serde_json::from_str(r#"{
///     "id": "msg_1", "object": "thread.message", "created_at": 1, "thread_id": "thread_1",
///     "role": "assistant", "assistant_id": "asst_1", "run_id": "run_1", "metadata": {},
///     "content": [{"type": "text", "text": {"value": "Hi", "annotations": []}}]
/// }"#).unwrap();
/// assert_eq!(m.text(), "Hi");
/// assert!(matches!(m.content[0], MessageContent::Text(_)));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Message {
    /// The message id (`msg_...`).
    pub id: String,
    /// Always `thread.message`.
    #[serde(default = "message_object")]
    pub object: String,
    /// Creation time, Unix seconds.
    #[serde(default)]
    pub created_at: i64,
    /// The thread the message belongs to.
    #[serde(default)]
    pub thread_id: String,
    /// Lifecycle state (absent in v1 and some Azure lists).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<MessageStatus>,
    /// Why the message is incomplete.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incomplete_details: Option<MessageIncompleteDetails>,
    /// When the message was completed, Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_at: Option<i64>,
    /// When the message was marked incomplete, Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incomplete_at: Option<i64>,
    /// The author.
    pub role: MessageRole,
    /// Text, images and refusals, in order.
    #[serde(default)]
    pub content: Vec<MessageContent>,
    /// The assistant that wrote it, for assistant messages.
    #[serde(default)]
    pub assistant_id: Option<String>,
    /// The run that wrote it, for assistant messages.
    #[serde(default)]
    pub run_id: Option<String>,
    /// Files attached to the message and the tools they are for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
    /// Assistants v1 only: attached file ids.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_ids: Option<Vec<String>>,
    /// Caller-defined key/value pairs.
    #[serde(default)]
    pub metadata: Option<Metadata>,
}

fn message_object() -> String {
    "thread.message".to_owned()
}

impl Default for Message {
    fn default() -> Self {
        Self {
            id: String::new(),
            object: message_object(),
            created_at: 0,
            thread_id: String::new(),
            status: None,
            incomplete_details: None,
            completed_at: None,
            incomplete_at: None,
            role: MessageRole::Assistant,
            content: Vec::new(),
            assistant_id: None,
            run_id: None,
            attachments: None,
            file_ids: None,
            metadata: None,
        }
    }
}

impl Message {
    /// All text parts joined with `\n` (annotations markers included, as the service wrote them).
    pub fn text(&self) -> String {
        let texts: Vec<&str> = self
            .content
            .iter()
            .filter_map(|part| match part {
                MessageContent::Text(text) => Some(text.text.value.as_str()),
                _ => None,
            })
            .collect();
        texts.join("\n")
    }
}

impl ListItem for Message {
    fn list_id(&self) -> &str {
        &self.id
    }
}

/// Why a message is incomplete.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MessageIncompleteDetails {
    /// The reason.
    pub reason: MessageIncompleteReason,
}

tagged_enum! {
    /// One part of a message's content.
    pub enum MessageContent {
        /// Text with annotations.
        Text(TextContent) = "text",
        /// An image stored as a file.
        ImageFile(ImageFileContent) = "image_file",
        /// An image on the web.
        ImageUrl(ImageUrlContent) = "image_url",
        /// The model declined to answer.
        Refusal(RefusalContent) = "refusal",
    }
}

/// A text part.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TextContent {
    /// The text and its annotations.
    pub text: Text,
}

/// Text with the annotations that point into it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Text {
    /// The text.
    #[serde(default)]
    pub value: String,
    /// Citations and file paths, each naming the span of `value` it annotates.
    #[serde(default)]
    pub annotations: Vec<Annotation>,
}

/// An image part that refers to an uploaded file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImageFileContent {
    /// The file.
    pub image_file: ImageFile,
}

impl ImageFileContent {
    /// The image in `file_id` (purpose `vision`).
    pub fn new(file_id: impl Into<String>) -> Self {
        Self {
            image_file: ImageFile {
                file_id: file_id.into(),
                detail: None,
            },
        }
    }
}

/// An uploaded image file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImageFile {
    /// The file id.
    pub file_id: String,
    /// Resolution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<ImageDetail>,
}

/// An image part that refers to a URL.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImageUrlContent {
    /// The URL.
    pub image_url: ImageUrl,
}

impl ImageUrlContent {
    /// The image at `url`.
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            image_url: ImageUrl {
                url: url.into(),
                detail: None,
            },
        }
    }
}

/// A web image.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImageUrl {
    /// The URL.
    pub url: String,
    /// Resolution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<ImageDetail>,
}

/// A refusal part.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RefusalContent {
    /// The model's explanation.
    pub refusal: String,
}

tagged_enum! {
    /// A note attached to a span of message text.
    pub enum Annotation {
        /// A citation of a file found by file search.
        FileCitation(FileCitationAnnotation) = "file_citation",
        /// A path to a file the code interpreter produced.
        FilePath(FilePathAnnotation) = "file_path",
    }
}

/// A citation of a file, e.g. `【4:0†source】`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FileCitationAnnotation {
    /// The annotated text (the citation marker).
    #[serde(default)]
    pub text: String,
    /// The cited file.
    pub file_citation: FileCitation,
    /// Start of the span in `value` (characters).
    #[serde(default)]
    pub start_index: u32,
    /// End of the span in `value` (characters).
    #[serde(default)]
    pub end_index: u32,
}

/// The file a citation points to.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FileCitation {
    /// The file id.
    #[serde(default)]
    pub file_id: String,
    /// The quoted text (v1 and Azure; current OpenAI servers omit it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

/// A path to a generated file, e.g. `sandbox:/mnt/data/plot.png`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FilePathAnnotation {
    /// The annotated text (the path).
    #[serde(default)]
    pub text: String,
    /// The generated file.
    pub file_path: FilePath,
    /// Start of the span in `value` (characters).
    #[serde(default)]
    pub start_index: u32,
    /// End of the span in `value` (characters).
    #[serde(default)]
    pub end_index: u32,
}

/// A generated file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FilePath {
    /// The file id.
    #[serde(default)]
    pub file_id: String,
}

/// A file attached to a message and the tools that may use it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Attachment {
    /// The file id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_id: Option<String>,
    /// Tools the file is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tools: Option<Vec<AttachmentTool>>,
}

impl Attachment {
    /// Attach `file_id` for these tools.
    pub fn new(
        file_id: impl Into<String>,
        tools: impl IntoIterator<Item = AttachmentTool>,
    ) -> Self {
        Self {
            file_id: Some(file_id.into()),
            tools: Some(tools.into_iter().collect()),
        }
    }
}

tagged_enum! {
    /// A tool an attachment is for.
    pub enum AttachmentTool {
        /// The code interpreter.
        CodeInterpreter(CodeInterpreterTool) = "code_interpreter",
        /// File search.
        FileSearch(FileSearchAttachment) = "file_search",
    }
}

impl AttachmentTool {
    /// For the code interpreter.
    pub fn code_interpreter() -> Self {
        Self::CodeInterpreter(CodeInterpreterTool::default())
    }

    /// For file search.
    pub fn file_search() -> Self {
        Self::FileSearch(FileSearchAttachment::default())
    }
}

/// Payload of the `file_search` attachment tool (no options).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FileSearchAttachment {}

/// The content of a new message: a string or a list of parts.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum MessageInput {
    /// Plain text.
    Text(String),
    /// Text and image parts.
    Parts(Vec<MessageInputPart>),
}

impl Serialize for MessageInput {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Text(text) => text.serialize(serializer),
            Self::Parts(parts) => parts.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for MessageInput {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = serde_json::Value::deserialize(deserializer)?;
        match raw {
            serde_json::Value::String(text) => Ok(Self::Text(text)),
            serde_json::Value::Array(_) => Vec::<MessageInputPart>::deserialize(raw)
                .map(Self::Parts)
                .map_err(serde::de::Error::custom),
            _ => Err(serde::de::Error::custom(
                "expected a string or an array of content parts for MessageInput",
            )),
        }
    }
}

impl From<&str> for MessageInput {
    fn from(text: &str) -> Self {
        Self::Text(text.to_owned())
    }
}

impl From<String> for MessageInput {
    fn from(text: String) -> Self {
        Self::Text(text)
    }
}

impl From<Vec<MessageInputPart>> for MessageInput {
    fn from(parts: Vec<MessageInputPart>) -> Self {
        Self::Parts(parts)
    }
}

tagged_enum! {
    /// One part of a new message's content.
    pub enum MessageInputPart {
        /// Text.
        Text(InputText) = "text",
        /// An uploaded image.
        ImageFile(ImageFileContent) = "image_file",
        /// A web image.
        ImageUrl(ImageUrlContent) = "image_url",
    }
}

impl MessageInputPart {
    /// A text part.
    pub fn text(text: impl Into<String>) -> Self {
        Self::Text(InputText { text: text.into() })
    }

    /// An uploaded image.
    pub fn image_file(file_id: impl Into<String>) -> Self {
        Self::ImageFile(ImageFileContent::new(file_id))
    }

    /// A web image.
    pub fn image_url(url: impl Into<String>) -> Self {
        Self::ImageUrl(ImageUrlContent::new(url))
    }
}

/// A text part of a new message (a plain string, unlike the response's `text` object).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InputText {
    /// The text.
    pub text: String,
}

/// Parameters for `POST /threads/{thread_id}/messages`; also the items of a new thread's
/// `messages` and of a run's `additional_messages`.
///
/// ```
/// use openai_types::messages::{Attachment, AttachmentTool, CreateMessageRequest};
///
/// let message = CreateMessageRequest::user("Summarize the attached file.")
///     .attachments(vec![Attachment::new("file-1", [AttachmentTool::file_search()])]);
/// let json = serde_json::to_value(&message).unwrap();
/// assert_eq!(json["role"], "user");
/// assert_eq!(json["attachments"][0]["tools"][0]["type"], "file_search");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreateMessageRequest {
    /// The author.
    pub role: MessageRole,
    /// Text or parts.
    pub content: MessageInput,
    /// Files for the message's tools.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
    /// Caller-defined key/value pairs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// Parameters this release does not model, sent as top-level fields (set with
    /// [`extra`](Self::extra); a `null` value sends an explicit `null`; do not repeat modeled
    /// fields).
    #[serde(flatten, default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl CreateMessageRequest {
    /// A message from `role` with `content`.
    pub fn new(role: MessageRole, content: impl Into<MessageInput>) -> Self {
        Self {
            extra: serde_json::Map::new(),
            role,
            content: content.into(),
            attachments: None,
            metadata: None,
        }
    }

    /// A user message.
    pub fn user(content: impl Into<MessageInput>) -> Self {
        Self::new(MessageRole::User, content)
    }

    /// An assistant message (to seed a conversation).
    pub fn assistant(content: impl Into<MessageInput>) -> Self {
        Self::new(MessageRole::Assistant, content)
    }
}

setters! {
    CreateMessageRequest {
        attachments: Vec<Attachment>,
        metadata: Metadata,
    }
}

/// Parameters for `POST /threads/{thread_id}/messages/{message_id}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ModifyMessageRequest {
    /// Replaces the metadata.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// Parameters this release does not model, sent as top-level fields (set with
    /// [`extra`](Self::extra); a `null` value sends an explicit `null`; do not repeat modeled
    /// fields).
    #[serde(flatten, default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl ModifyMessageRequest {
    /// A request that changes nothing yet.
    pub fn new() -> Self {
        Self::default()
    }
}

setters! {
    ModifyMessageRequest {
        metadata: Metadata,
    }
}

/// Assistants v1: a file attached to a message (`object: "thread.message.file"`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MessageFile {
    /// The file id.
    pub id: String,
    /// Always `thread.message.file`.
    #[serde(default = "message_file_object")]
    pub object: String,
    /// Attach time, Unix seconds.
    #[serde(default)]
    pub created_at: i64,
    /// The message the file belongs to.
    #[serde(default)]
    pub message_id: String,
}

fn message_file_object() -> String {
    "thread.message.file".to_owned()
}

impl ListItem for MessageFile {
    fn list_id(&self) -> &str {
        &self.id
    }
}

/// The payload of a `thread.message.delta` stream event: what changed in message `id`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MessageDelta {
    /// The message id.
    pub id: String,
    /// Always `thread.message.delta`.
    #[serde(default = "message_delta_object")]
    pub object: String,
    /// The change.
    #[serde(default)]
    pub delta: MessageDeltaBody,
}

fn message_delta_object() -> String {
    "thread.message.delta".to_owned()
}

/// The fields of a message that changed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MessageDeltaBody {
    /// The author, when it is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<MessageRole>,
    /// Content fragments, each naming the part `index` it extends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<Vec<MessageDeltaContent>>,
}

tagged_enum! {
    /// A fragment of one content part.
    pub enum MessageDeltaContent {
        /// More text (and annotations) for a text part.
        Text(TextDeltaContent) = "text",
        /// An image file part.
        ImageFile(ImageFileDeltaContent) = "image_file",
        /// An image URL part.
        ImageUrl(ImageUrlDeltaContent) = "image_url",
        /// More refusal text.
        Refusal(RefusalDeltaContent) = "refusal",
    }
}

impl MessageDeltaContent {
    /// Index of the content part this fragment extends (`None` for an unknown member without
    /// a numeric `index`).
    pub fn index(&self) -> Option<u32> {
        match self {
            Self::Text(part) => Some(part.index),
            Self::ImageFile(part) => Some(part.index),
            Self::ImageUrl(part) => Some(part.index),
            Self::Refusal(part) => Some(part.index),
            Self::Unknown(raw) => raw_index(raw.raw()),
        }
    }
}

fn raw_index(raw: &serde_json::Value) -> Option<u32> {
    raw.get("index")
        .and_then(serde_json::Value::as_u64)
        .and_then(|i| u32::try_from(i).ok())
}

/// A text fragment.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TextDeltaContent {
    /// The content part it extends.
    #[serde(default)]
    pub index: u32,
    /// The fragment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<TextDelta>,
}

/// Text to append and annotations to add.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TextDelta {
    /// Text to append.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Annotations (each with the annotation `index` it sets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotations: Option<Vec<AnnotationDelta>>,
}

/// An image file fragment.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImageFileDeltaContent {
    /// The content part it sets.
    #[serde(default)]
    pub index: u32,
    /// The image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_file: Option<ImageFileDelta>,
}

/// Fields of an image file part.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImageFileDelta {
    /// The file id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_id: Option<String>,
    /// Resolution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<ImageDetail>,
}

/// An image URL fragment.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImageUrlDeltaContent {
    /// The content part it sets.
    #[serde(default)]
    pub index: u32,
    /// The image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<ImageUrlDelta>,
}

/// Fields of an image URL part.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImageUrlDelta {
    /// The URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Resolution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<ImageDetail>,
}

/// A refusal fragment.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RefusalDeltaContent {
    /// The content part it extends.
    #[serde(default)]
    pub index: u32,
    /// Refusal text to append.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refusal: Option<String>,
}

tagged_enum! {
    /// An annotation as streamed: every field optional, keyed by `index`.
    pub enum AnnotationDelta {
        /// A file citation.
        FileCitation(FileCitationDelta) = "file_citation",
        /// A file path.
        FilePath(FilePathDelta) = "file_path",
    }
}

impl AnnotationDelta {
    /// Index of the annotation this fragment sets.
    pub fn index(&self) -> Option<u32> {
        match self {
            Self::FileCitation(a) => Some(a.index),
            Self::FilePath(a) => Some(a.index),
            Self::Unknown(raw) => raw_index(raw.raw()),
        }
    }
}

/// A streamed file citation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FileCitationDelta {
    /// The annotation index.
    #[serde(default)]
    pub index: u32,
    /// The annotated text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The cited file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_citation: Option<FileCitationDeltaRef>,
    /// Span start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_index: Option<u32>,
    /// Span end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_index: Option<u32>,
}

/// The cited file, as streamed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FileCitationDeltaRef {
    /// The file id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_id: Option<String>,
    /// The quoted text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

/// A streamed file path.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FilePathDelta {
    /// The annotation index.
    #[serde(default)]
    pub index: u32,
    /// The annotated text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The generated file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_path: Option<FilePathDeltaRef>,
    /// Span start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_index: Option<u32>,
    /// Span end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_index: Option<u32>,
}

/// The generated file, as streamed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FilePathDeltaRef {
    /// The file id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_id: Option<String>,
}

/// Folds `thread.message.delta` events into message snapshots.
///
/// Pure: feed it events from any source. For each message id it keeps one [`Message`]:
/// `thread.message.created`/`in_progress` events set the snapshot's fields (content already
/// accumulated is kept), each delta appends text and refusal fragments to the content part at
/// its `index` (creating the part on first sight), sets image parts, and adds annotations by
/// their own `index` (a new index is appended, a known one is filled in). Events for other
/// messages are kept apart; messages stay in the order first seen.
///
/// [`snapshot`](Self::snapshot) works at any point, so a stream that fails half way loses nothing
/// already received. Completion events are not applied: use the `thread.message.completed`
/// payload itself when it arrives; the accumulator is for the messages still being written.
///
/// ```
/// use openai_types::assistant_stream::AssistantStreamEvent;
/// use openai_types::messages::MessageDeltaAccumulator;
///
/// let mut acc = MessageDeltaAccumulator::new();
/// for (event, data) in [
///     ("thread.message.delta", r#"{"id":"msg_1","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"value":"Hel"}}]}}"#),
///     ("thread.message.delta", r#"{"id":"msg_1","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"value":"lo"}}]}}"#),
/// ] {
///     acc.push_event(&AssistantStreamEvent::from_sse(event, data).unwrap());
/// }
/// assert_eq!(acc.snapshot("msg_1").unwrap().text(), "Hello");
/// ```
#[derive(Clone, Debug, Default)]
pub struct MessageDeltaAccumulator {
    messages: Vec<Message>,
}

impl MessageDeltaAccumulator {
    /// An empty accumulator.
    pub fn new() -> Self {
        Self::default()
    }

    /// Applies the events this accumulator cares about (message created/in_progress/delta) and
    /// ignores the others.
    pub fn push_event(&mut self, event: &crate::assistant_stream::AssistantStreamEvent) {
        use crate::assistant_stream::AssistantStreamEvent as E;
        match event {
            E::ThreadMessageCreated(message) | E::ThreadMessageInProgress(message) => {
                self.start(message)
            }
            E::ThreadMessageDelta(delta) => self.push_delta(delta),
            _ => {}
        }
    }

    /// Sets the snapshot of `message.id` from a full message, keeping content accumulated so far
    /// when the message carries none yet.
    pub fn start(&mut self, message: &Message) {
        let slot = self.message_mut(&message.id);
        let content = std::mem::take(&mut slot.content);
        *slot = message.clone();
        if slot.content.is_empty() {
            slot.content = content;
        }
    }

    /// Applies one delta.
    pub fn push_delta(&mut self, delta: &MessageDelta) {
        let message = self.message_mut(&delta.id);
        if let Some(role) = &delta.delta.role {
            message.role = role.clone();
        }
        for part in delta.delta.content.iter().flatten() {
            let Some(index) = part.index() else { continue };
            apply_content_delta(&mut message.content, index as usize, part);
        }
    }

    /// The current snapshot of message `id`.
    pub fn snapshot(&self, id: &str) -> Option<&Message> {
        self.messages.iter().find(|m| m.id == id)
    }

    /// All snapshots, in the order the messages were first seen.
    pub fn messages(&self) -> &[Message] {
        &self.messages
    }

    /// Takes the snapshots out.
    pub fn into_messages(self) -> Vec<Message> {
        self.messages
    }

    fn message_mut(&mut self, id: &str) -> &mut Message {
        let position = match self.messages.iter().position(|m| m.id == id) {
            Some(position) => position,
            None => {
                self.messages.push(Message {
                    id: id.to_owned(),
                    ..Message::default()
                });
                self.messages.len() - 1
            }
        };
        &mut self.messages[position]
    }
}

/// Grows `parts` so `index` exists; filler parts are empty text (the service never skips an
/// index, but a lost event must not make us panic or misplace later parts).
fn part_slot(parts: &mut Vec<MessageContent>, index: usize, fresh: MessageContent) -> usize {
    while parts.len() < index {
        parts.push(MessageContent::Text(TextContent::default()));
    }
    if parts.len() == index {
        parts.push(fresh);
    }
    index
}

fn apply_content_delta(parts: &mut Vec<MessageContent>, index: usize, delta: &MessageDeltaContent) {
    match delta {
        MessageDeltaContent::Text(d) => {
            let i = part_slot(parts, index, MessageContent::Text(TextContent::default()));
            if !matches!(parts[i], MessageContent::Text(_)) {
                parts[i] = MessageContent::Text(TextContent::default());
            }
            if let (MessageContent::Text(part), Some(text)) = (&mut parts[i], &d.text) {
                if let Some(value) = &text.value {
                    part.text.value.push_str(value);
                }
                for annotation in text.annotations.iter().flatten() {
                    apply_annotation_delta(&mut part.text.annotations, annotation);
                }
            }
        }
        MessageDeltaContent::Refusal(d) => {
            let i = part_slot(
                parts,
                index,
                MessageContent::Refusal(RefusalContent::default()),
            );
            if !matches!(parts[i], MessageContent::Refusal(_)) {
                parts[i] = MessageContent::Refusal(RefusalContent::default());
            }
            if let (MessageContent::Refusal(part), Some(refusal)) = (&mut parts[i], &d.refusal) {
                part.refusal.push_str(refusal);
            }
        }
        MessageDeltaContent::ImageFile(d) => {
            let fresh = MessageContent::ImageFile(ImageFileContent::default());
            let i = part_slot(parts, index, fresh.clone());
            if !matches!(parts[i], MessageContent::ImageFile(_)) {
                parts[i] = fresh;
            }
            if let (MessageContent::ImageFile(part), Some(image)) = (&mut parts[i], &d.image_file) {
                if let Some(file_id) = &image.file_id {
                    part.image_file.file_id.clone_from(file_id);
                }
                if image.detail.is_some() {
                    part.image_file.detail.clone_from(&image.detail);
                }
            }
        }
        MessageDeltaContent::ImageUrl(d) => {
            let fresh = MessageContent::ImageUrl(ImageUrlContent::default());
            let i = part_slot(parts, index, fresh.clone());
            if !matches!(parts[i], MessageContent::ImageUrl(_)) {
                parts[i] = fresh;
            }
            if let (MessageContent::ImageUrl(part), Some(image)) = (&mut parts[i], &d.image_url) {
                if let Some(url) = &image.url {
                    part.image_url.url.clone_from(url);
                }
                if image.detail.is_some() {
                    part.image_url.detail.clone_from(&image.detail);
                }
            }
        }
        MessageDeltaContent::Unknown(raw) => {
            // Kept verbatim, replacing the slot: we cannot know how an unknown part accumulates.
            let part = MessageContent::Unknown(without_index(raw));
            let i = part_slot(parts, index, part.clone());
            parts[i] = part;
        }
    }
}

fn apply_annotation_delta(annotations: &mut Vec<Annotation>, delta: &AnnotationDelta) {
    let Some(index) = delta.index().map(|i| i as usize) else {
        return;
    };
    let same_kind = annotations
        .get(index)
        .is_some_and(|a| !matches!(delta, AnnotationDelta::Unknown(_)) && a.kind() == delta.kind());
    let slot = if same_kind {
        index
    } else {
        let fresh = match delta {
            AnnotationDelta::FileCitation(_) => {
                Annotation::FileCitation(FileCitationAnnotation::default())
            }
            AnnotationDelta::FilePath(_) => Annotation::FilePath(FilePathAnnotation::default()),
            // Unknown kinds are kept verbatim (minus the delta-only `index`); the newest wins.
            AnnotationDelta::Unknown(raw) => Annotation::Unknown(without_index(raw)),
        };
        if index < annotations.len() {
            annotations[index] = fresh;
            index
        } else {
            annotations.push(fresh);
            annotations.len() - 1
        }
    };
    match (&mut annotations[slot], delta) {
        (Annotation::FileCitation(a), AnnotationDelta::FileCitation(d)) => {
            if let Some(text) = &d.text {
                a.text.push_str(text);
            }
            if let Some(citation) = &d.file_citation {
                if let Some(file_id) = &citation.file_id {
                    a.file_citation.file_id.clone_from(file_id);
                }
                if citation.quote.is_some() {
                    a.file_citation.quote.clone_from(&citation.quote);
                }
            }
            a.start_index = d.start_index.unwrap_or(a.start_index);
            a.end_index = d.end_index.unwrap_or(a.end_index);
        }
        (Annotation::FilePath(a), AnnotationDelta::FilePath(d)) => {
            if let Some(text) = &d.text {
                a.text.push_str(text);
            }
            if let Some(file_id) = d.file_path.as_ref().and_then(|f| f.file_id.as_ref()) {
                a.file_path.file_id.clone_from(file_id);
            }
            a.start_index = d.start_index.unwrap_or(a.start_index);
            a.end_index = d.end_index.unwrap_or(a.end_index);
        }
        _ => {}
    }
}

/// A streamed unknown member as a full one: the same object without the delta-only `index`.
fn without_index(raw: &crate::UnknownObject) -> crate::UnknownObject {
    let mut value = raw.raw().clone();
    if let Some(object) = value.as_object_mut() {
        object.remove("index");
    }
    crate::UnknownObject::new(value)
}

/// Query parameters of `GET /threads/{thread_id}/messages`: paging plus the `run_id` filter.
///
/// ```
/// use openai_types::messages::MessageListParams;
/// use openai_types::shared::SortOrder;
///
/// let q = MessageListParams::new().run_id("run_abc").order(SortOrder::Asc).to_query();
/// assert_eq!(q, vec![("order", "asc".to_owned()), ("run_id", "run_abc".to_owned())]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct MessageListParams {
    /// Page size (1..=100, default 20).
    pub limit: Option<u32>,
    /// Sort order by `created_at`.
    pub order: Option<SortOrder>,
    /// Return items after this id (forward cursor).
    pub after: Option<String>,
    /// Return items before this id (backward cursor).
    pub before: Option<String>,
    /// Only the messages created by this run.
    pub run_id: Option<String>,
}

impl MessageListParams {
    /// No parameters: the service defaults apply.
    pub fn new() -> Self {
        Self::default()
    }

    /// The query pairs to append to the URL, in a stable order, skipping unset fields.
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut query = crate::shared::list::paging_query(
            self.limit,
            self.order.as_ref(),
            self.after.as_deref(),
            self.before.as_deref(),
        );
        if let Some(run_id) = &self.run_id {
            query.push(("run_id", run_id.clone()));
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
    MessageListParams {
        copy limit: u32,
        order: SortOrder,
        after: String,
        before: String,
        run_id: String,
    }
}

/// The plain paging parameters, no filter.
impl From<ListParams> for MessageListParams {
    fn from(params: ListParams) -> Self {
        Self {
            limit: params.limit,
            order: params.order,
            after: params.after,
            before: params.before,
            run_id: None,
        }
    }
}

crate::macros::extra_setter! { CreateMessageRequest, ModifyMessageRequest }
