//! Messages, tool outputs and the `input` of a request, with constructors for the common items.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};

use super::*;

/// A message: user, system or developer input, or an assistant answer.
///
/// The same type serves input messages (whose `content` may be a plain string) and the
/// assistant messages of a response's `output` (whose content is a list of
/// [`ContentPart::OutputText`] and [`ContentPart::Refusal`] parts).
///
/// ```
/// use openai_types::responses::{ContentPart, InputItem, Message, MessageRole};
///
/// let item = InputItem::user("Describe this picture");
/// assert_eq!(
///     serde_json::to_value(&item).unwrap(),
///     serde_json::json!({"type": "message", "role": "user", "content": "Describe this picture"})
/// );
/// let with_image = Message::new(
///     MessageRole::User,
///     vec![
///         ContentPart::input_text("What is this?"),
///         ContentPart::input_image_url("https://example.com/cat.png"),
///     ],
/// );
/// assert_eq!(with_image.text(), "What is this?");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Message {
    /// The item id (set by the service; omit it in new input).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Who wrote the message.
    #[serde(default)]
    pub role: MessageRole,
    /// A string, or a list of content parts.
    #[serde(default)]
    pub content: MessageContent,
    /// Whether the message is complete (output messages, stored items).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ItemStatus>,
    /// For models that narrate their work: whether this is commentary or the final answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<MessagePhase>,
}

impl Message {
    /// A message with the given role and content.
    pub fn new(role: MessageRole, content: impl Into<MessageContent>) -> Self {
        Self {
            id: None,
            role,
            content: content.into(),
            status: None,
            phase: None,
        }
    }

    /// All text of the message joined without separator: the string content, or the
    /// `input_text`, `output_text` and `text` parts in order.
    pub fn text(&self) -> String {
        match &self.content {
            MessageContent::Text(text) => text.clone(),
            MessageContent::Parts(parts) => parts
                .iter()
                .filter(|part| {
                    matches!(
                        part,
                        ContentPart::InputText(_)
                            | ContentPart::OutputText(_)
                            | ContentPart::Text(_)
                    )
                })
                .filter_map(ContentPart::text)
                .collect(),
        }
    }

    /// The refusal text of an assistant message, if the model refused.
    pub fn refusal(&self) -> Option<&str> {
        match &self.content {
            MessageContent::Parts(parts) => parts.iter().find_map(|part| match part {
                ContentPart::Refusal(refusal) => Some(refusal.refusal.as_str()),
                _ => None,
            }),
            MessageContent::Text(_) => None,
        }
    }
}

string_enum! {
    /// The author of a message.
    #[derive(Default)]
    pub enum MessageRole {
        /// The end user (the default).
        #[default]
        User = "user",
        /// The model.
        Assistant = "assistant",
        /// System instructions.
        System = "system",
        /// Developer instructions (take precedence over user messages).
        Developer = "developer",
        /// A tool.
        Tool = "tool",
        /// A critic model.
        Critic = "critic",
        /// A discriminator model.
        Discriminator = "discriminator",
        /// The role is not known.
        Unspecified = "unknown",
    }
}

string_enum! {
    /// Whether an assistant message is intermediate commentary or the final answer.
    pub enum MessagePhase {
        /// Commentary while working.
        Commentary = "commentary",
        /// The final answer.
        FinalAnswer = "final_answer",
    }
}

/// The content of a [`Message`]: a plain string or a list of parts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum MessageContent {
    /// Plain text (input messages only).
    Text(String),
    /// Typed parts: text, images, files, audio, output text, refusals, ...
    Parts(Vec<ContentPart>),
}

impl Default for MessageContent {
    fn default() -> Self {
        Self::Parts(Vec::new())
    }
}

impl From<&str> for MessageContent {
    fn from(text: &str) -> Self {
        Self::Text(text.to_owned())
    }
}

impl From<String> for MessageContent {
    fn from(text: String) -> Self {
        Self::Text(text)
    }
}

impl From<Vec<ContentPart>> for MessageContent {
    fn from(parts: Vec<ContentPart>) -> Self {
        Self::Parts(parts)
    }
}

impl ContentPart {
    /// An `input_text` part.
    pub fn input_text(text: impl Into<String>) -> Self {
        Self::InputText(InputText {
            text: text.into(),
            ..InputText::default()
        })
    }

    /// An `input_image` part referring to a URL (or a `data:` URL).
    pub fn input_image_url(url: impl Into<String>) -> Self {
        Self::InputImage(InputImage {
            image_url: Some(url.into()),
            detail: Some(ImageDetail::Auto),
            ..InputImage::default()
        })
    }

    /// An `input_image` part referring to an uploaded file.
    pub fn input_image_file(file_id: impl Into<String>) -> Self {
        Self::InputImage(InputImage {
            file_id: Some(file_id.into()),
            detail: Some(ImageDetail::Auto),
            ..InputImage::default()
        })
    }

    /// An `input_file` part referring to an uploaded file.
    pub fn input_file_id(file_id: impl Into<String>) -> Self {
        Self::InputFile(InputFile {
            file_id: Some(file_id.into()),
            ..InputFile::default()
        })
    }

    /// An `input_file` part with inline content (`data:` URL or base64) and a file name.
    pub fn input_file_data(filename: impl Into<String>, file_data: impl Into<String>) -> Self {
        Self::InputFile(InputFile {
            filename: Some(filename.into()),
            file_data: Some(file_data.into()),
            ..InputFile::default()
        })
    }

    /// An `input_audio` part with base64 audio data.
    pub fn input_audio(data: impl Into<String>, format: InputAudioFormat) -> Self {
        Self::InputAudio(InputAudioPart {
            input_audio: Some(InputAudioData {
                data: data.into(),
                format: Some(format),
            }),
        })
    }

    /// The text of an `input_text`, `output_text`, `text`, `summary_text` or `reasoning_text`
    /// part.
    pub fn text(&self) -> Option<&str> {
        match self {
            Self::InputText(part) => Some(&part.text),
            Self::OutputText(part) => Some(&part.text),
            Self::Text(part) => Some(&part.text),
            Self::SummaryText(part) => Some(&part.text),
            Self::ReasoningText(part) => Some(&part.text),
            _ => None,
        }
    }
}

/// The output of a function or custom tool call sent back to the model: a string, or a list of
/// text, image and file parts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum ToolOutput {
    /// Text (often JSON).
    Text(String),
    /// Text, image and file parts.
    Parts(Vec<ContentPart>),
}

impl Default for ToolOutput {
    fn default() -> Self {
        Self::Text(String::new())
    }
}

impl From<&str> for ToolOutput {
    fn from(text: &str) -> Self {
        Self::Text(text.to_owned())
    }
}

impl From<String> for ToolOutput {
    fn from(text: String) -> Self {
        Self::Text(text)
    }
}

impl From<Vec<ContentPart>> for ToolOutput {
    fn from(parts: Vec<ContentPart>) -> Self {
        Self::Parts(parts)
    }
}

impl Item {
    /// A user message with text content.
    pub fn user(text: impl Into<String>) -> Self {
        Self::Message(Message::new(MessageRole::User, text.into()))
    }

    /// A system message with text content.
    pub fn system(text: impl Into<String>) -> Self {
        Self::Message(Message::new(MessageRole::System, text.into()))
    }

    /// A developer message with text content.
    pub fn developer(text: impl Into<String>) -> Self {
        Self::Message(Message::new(MessageRole::Developer, text.into()))
    }

    /// An assistant message with text content (to replay an earlier answer).
    pub fn assistant(text: impl Into<String>) -> Self {
        Self::Message(Message::new(MessageRole::Assistant, text.into()))
    }

    /// A message with the given role and content parts.
    pub fn message(role: MessageRole, parts: impl IntoIterator<Item = ContentPart>) -> Self {
        Self::Message(Message::new(
            role,
            MessageContent::Parts(parts.into_iter().collect()),
        ))
    }

    /// The result of a function call, answering the call with this `call_id`.
    pub fn function_call_output(call_id: impl Into<String>, output: impl Into<ToolOutput>) -> Self {
        Self::FunctionCallOutput(FunctionCallOutput {
            call_id: call_id.into(),
            output: output.into(),
            ..FunctionCallOutput::default()
        })
    }

    /// The result of a custom tool call, answering the call with this `call_id`.
    pub fn custom_tool_call_output(
        call_id: impl Into<String>,
        output: impl Into<ToolOutput>,
    ) -> Self {
        Self::CustomToolCallOutput(CustomToolCallOutput {
            call_id: call_id.into(),
            output: output.into(),
            ..CustomToolCallOutput::default()
        })
    }

    /// The screenshot answering a computer call.
    pub fn computer_call_output(call_id: impl Into<String>, image_url: impl Into<String>) -> Self {
        Self::ComputerCallOutput(ComputerCallOutput {
            call_id: call_id.into(),
            output: Some(ComputerScreenshotImage {
                image_url: Some(image_url.into()),
                ..ComputerScreenshotImage::default()
            }),
            ..ComputerCallOutput::default()
        })
    }

    /// The output of a local shell call (answering the `local_shell_call` with this id).
    pub fn local_shell_call_output(id: impl Into<String>, output: impl Into<String>) -> Self {
        Self::LocalShellCallOutput(LocalShellCallOutput {
            id: id.into(),
            output: output.into(),
            status: None,
        })
    }

    /// The output of the commands of a shell call, one entry per command.
    pub fn shell_call_output(
        call_id: impl Into<String>,
        output: impl IntoIterator<Item = ShellCallOutputContent>,
    ) -> Self {
        Self::ShellCallOutput(ShellCallOutput {
            call_id: call_id.into(),
            output: output.into_iter().collect(),
            ..ShellCallOutput::default()
        })
    }

    /// The result of applying a patch: `completed` or `failed`, with an optional log.
    pub fn apply_patch_call_output(
        call_id: impl Into<String>,
        status: ApplyPatchCallOutputStatus,
        output: Option<String>,
    ) -> Self {
        Self::ApplyPatchCallOutput(ApplyPatchCallOutput {
            call_id: call_id.into(),
            status: Some(status),
            output,
            ..ApplyPatchCallOutput::default()
        })
    }

    /// A reference to a stored item, by id.
    pub fn item_reference(id: impl Into<String>) -> Self {
        Self::ItemReference(ItemReference {
            id: id.into(),
            ..ItemReference::default()
        })
    }

    /// An answer to an MCP approval request.
    pub fn mcp_approval_response(approval_request_id: impl Into<String>, approve: bool) -> Self {
        Self::McpApprovalResponse(McpApprovalResponse {
            approval_request_id: approval_request_id.into(),
            approve,
            ..McpApprovalResponse::default()
        })
    }

    /// A reasoning item replayed from an earlier, unstored response (`store: false` with
    /// `include: ["reasoning.encrypted_content"]`).
    pub fn reasoning(id: impl Into<String>, encrypted_content: impl Into<String>) -> Self {
        Self::Reasoning(ReasoningItem {
            id: id.into(),
            encrypted_content: Some(encrypted_content.into()),
            ..ReasoningItem::default()
        })
    }

    /// The item id, when it has one (stored items always do; new input items usually do not).
    pub fn id(&self) -> Option<&str> {
        response::item_id(self).filter(|id| !id.is_empty())
    }

    /// The message, if this item is one.
    pub fn as_message(&self) -> Option<&Message> {
        match self {
            Self::Message(message) => Some(message),
            _ => None,
        }
    }

    /// The function call, if this item is one.
    pub fn as_function_call(&self) -> Option<&FunctionCall> {
        match self {
            Self::FunctionCall(call) => Some(call),
            _ => None,
        }
    }
}

/// The `input` of a request: a string (one user message) or a list of items.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum ResponseInput {
    /// One user message.
    Text(String),
    /// A list of items: messages, tool outputs, replayed output items, references, ...
    Items(Vec<InputItem>),
}

impl<'de> Deserialize<'de> for ResponseInput {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::String(text) => Ok(Self::Text(text)),
            serde_json::Value::Array(items) => items
                .into_iter()
                .map(input_item_from_value)
                .collect::<Result<Vec<_>, _>>()
                .map(Self::Items)
                .map_err(D::Error::custom),
            _ => Err(D::Error::custom(
                "expected a string or a list of input items",
            )),
        }
    }
}

/// Decodes one input item, accepting the shorthand forms without a `type`: a message
/// (`{"role", "content"}`) and an item reference (`{"id"}`).
fn input_item_from_value(mut value: serde_json::Value) -> Result<InputItem, serde_json::Error> {
    if let Some(object) = value.as_object_mut() {
        if !object.contains_key("type") || object.get("type").is_some_and(|t| t.is_null()) {
            let kind = if object.contains_key("role") {
                "message"
            } else {
                "item_reference"
            };
            object.insert("type".to_owned(), kind.into());
        }
    }
    serde_json::from_value(value)
}

impl Default for ResponseInput {
    fn default() -> Self {
        Self::Items(Vec::new())
    }
}

impl From<&str> for ResponseInput {
    fn from(text: &str) -> Self {
        Self::Text(text.to_owned())
    }
}

impl From<String> for ResponseInput {
    fn from(text: String) -> Self {
        Self::Text(text)
    }
}

impl From<Vec<InputItem>> for ResponseInput {
    fn from(items: Vec<InputItem>) -> Self {
        Self::Items(items)
    }
}

impl<const N: usize> From<[InputItem; N]> for ResponseInput {
    fn from(items: [InputItem; N]) -> Self {
        Self::Items(items.into())
    }
}

impl From<InputItem> for ResponseInput {
    fn from(item: InputItem) -> Self {
        Self::Items(vec![item])
    }
}
