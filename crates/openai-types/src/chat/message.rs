//! Request messages (`messages[]`), keyed by `role`, and their content parts.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::response::ChatCompletionMessage;
use super::tool::{FunctionCall, ToolCall};
use crate::UnknownObject;

/// One message of the conversation sent to the model, keyed by its `role`.
///
/// Build messages with the constructors; roles the SDK does not know yet can still be received
/// (`Unknown`, kept verbatim).
///
/// ```
/// use openai_types::chat::{ChatMessage, ContentPart};
///
/// let messages = [
///     ChatMessage::developer("Answer in French."),
///     ChatMessage::user(vec![
///         ContentPart::text("What is in this picture?"),
///         ContentPart::image_url("https://example.com/cat.png"),
///     ]),
///     ChatMessage::tool("call_1", "{\"temp\": 21}"),
/// ];
/// assert_eq!(serde_json::to_value(&messages[2]).unwrap()["tool_call_id"], "call_1");
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum ChatMessage {
    /// Instructions that take priority over user messages (replaces `system` for o1+ models).
    Developer(DeveloperMessage),
    /// System instructions.
    System(SystemMessage),
    /// End-user input.
    User(UserMessage),
    /// A previous model answer (history), possibly with tool calls.
    Assistant(AssistantMessage),
    /// The result of a tool call.
    Tool(ToolMessage),
    /// Legacy: the result of a function call.
    Function(FunctionMessage),
    /// A role this version of the SDK does not know, kept verbatim.
    Unknown(UnknownObject),
}

impl ChatMessage {
    /// A developer message.
    pub fn developer(content: impl Into<MessageContent>) -> Self {
        Self::Developer(DeveloperMessage {
            content: content.into(),
            name: None,
        })
    }

    /// A system message.
    pub fn system(content: impl Into<MessageContent>) -> Self {
        Self::System(SystemMessage {
            content: content.into(),
            name: None,
        })
    }

    /// A user message: text or content parts.
    pub fn user(content: impl Into<MessageContent>) -> Self {
        Self::User(UserMessage {
            content: content.into(),
            name: None,
        })
    }

    /// An assistant message with text content.
    pub fn assistant(content: impl Into<MessageContent>) -> Self {
        Self::Assistant(AssistantMessage {
            content: Some(content.into()),
            ..AssistantMessage::default()
        })
    }

    /// An assistant message carrying only tool calls (replaying the model's turn).
    pub fn assistant_tool_calls(tool_calls: impl IntoIterator<Item = ToolCall>) -> Self {
        Self::Assistant(AssistantMessage {
            tool_calls: Some(tool_calls.into_iter().collect()),
            ..AssistantMessage::default()
        })
    }

    /// The answer to the tool call `tool_call_id`.
    pub fn tool(tool_call_id: impl Into<String>, content: impl Into<MessageContent>) -> Self {
        Self::Tool(ToolMessage {
            content: content.into(),
            tool_call_id: tool_call_id.into(),
        })
    }

    /// The wire role.
    pub fn role(&self) -> &str {
        match self {
            Self::Developer(_) => "developer",
            Self::System(_) => "system",
            Self::User(_) => "user",
            Self::Assistant(_) => "assistant",
            Self::Tool(_) => "tool",
            Self::Function(_) => "function",
            Self::Unknown(obj) => obj
                .raw()
                .get("role")
                .and_then(serde_json::Value::as_str)
                .unwrap_or(""),
        }
    }
}

/// A model answer becomes an assistant message of the next request (content, refusal, tool
/// calls, legacy function call and audio reference are kept).
impl From<ChatCompletionMessage> for ChatMessage {
    fn from(message: ChatCompletionMessage) -> Self {
        Self::Assistant(AssistantMessage {
            content: message.content.map(MessageContent::Text),
            refusal: message.refusal,
            name: None,
            audio: message
                .audio
                .map(|audio| AssistantAudioRef { id: audio.id }),
            tool_calls: message.tool_calls,
            function_call: message.function_call.map(|call| *call),
        })
    }
}

#[derive(Serialize)]
struct Roled<'a, T: Serialize> {
    role: &'static str,
    #[serde(flatten)]
    inner: &'a T,
}

impl Serialize for ChatMessage {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        fn roled<S: Serializer, T: Serialize>(
            s: S,
            role: &'static str,
            inner: &T,
        ) -> Result<S::Ok, S::Error> {
            Roled { role, inner }.serialize(s)
        }
        match self {
            Self::Developer(m) => roled(serializer, "developer", m),
            Self::System(m) => roled(serializer, "system", m),
            Self::User(m) => roled(serializer, "user", m),
            Self::Assistant(m) => roled(serializer, "assistant", m),
            Self::Tool(m) => roled(serializer, "tool", m),
            Self::Function(m) => roled(serializer, "function", m),
            Self::Unknown(obj) => obj.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for ChatMessage {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = serde_json::Value::deserialize(deserializer)?;
        fn parse<T: serde::de::DeserializeOwned, E: serde::de::Error>(
            raw: serde_json::Value,
        ) -> Result<T, E> {
            T::deserialize(raw).map_err(E::custom)
        }
        let role = raw.get("role").and_then(serde_json::Value::as_str);
        match role {
            Some("developer") => parse(raw).map(Self::Developer),
            Some("system") => parse(raw).map(Self::System),
            Some("user") => parse(raw).map(Self::User),
            Some("assistant") => parse(raw).map(Self::Assistant),
            Some("tool") => parse(raw).map(Self::Tool),
            Some("function") => parse(raw).map(Self::Function),
            _ if raw.is_object() => Ok(Self::Unknown(UnknownObject::new(raw))),
            _ => Err(D::Error::custom("expected a JSON object for ChatMessage")),
        }
    }
}

/// Message content: a plain string or a list of typed parts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum MessageContent {
    /// Plain text.
    Text(String),
    /// Typed parts (text, images, audio, files, refusals).
    Parts(Vec<ContentPart>),
}

impl MessageContent {
    /// All text of the content: the string, or the text parts concatenated.
    pub fn text(&self) -> String {
        match self {
            Self::Text(text) => text.clone(),
            Self::Parts(parts) => parts
                .iter()
                .filter_map(|p| match p {
                    ContentPart::Text(t) => Some(t.text.as_str()),
                    _ => None,
                })
                .collect(),
        }
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

tagged_enum! {
    /// One part of a message's content.
    pub enum ContentPart {
        /// Text.
        Text(TextPart) = "text",
        /// An image by URL or data URL (user messages).
        ImageUrl(ImageUrlPart) = "image_url",
        /// Base64 audio (user messages).
        InputAudio(InputAudioPart) = "input_audio",
        /// A file by id or inline data (user messages).
        File(FilePart) = "file",
        /// A refusal (assistant messages).
        Refusal(RefusalPart) = "refusal",
    }
}

impl ContentPart {
    /// A text part.
    pub fn text(text: impl Into<String>) -> Self {
        Self::Text(TextPart { text: text.into() })
    }

    /// An image part (URL or `data:` URL), detail left to the service.
    pub fn image_url(url: impl Into<String>) -> Self {
        Self::ImageUrl(ImageUrlPart {
            image_url: ImageUrl {
                url: url.into(),
                detail: None,
            },
        })
    }

    /// An image part with an explicit detail level.
    pub fn image_url_with_detail(url: impl Into<String>, detail: ImageDetail) -> Self {
        Self::ImageUrl(ImageUrlPart {
            image_url: ImageUrl {
                url: url.into(),
                detail: Some(detail),
            },
        })
    }

    /// A base64-encoded audio clip.
    pub fn input_audio(data: impl Into<String>, format: InputAudioFormat) -> Self {
        Self::InputAudio(InputAudioPart {
            input_audio: InputAudio {
                data: data.into(),
                format,
            },
        })
    }

    /// A previously uploaded file.
    pub fn file_id(file_id: impl Into<String>) -> Self {
        Self::File(FilePart {
            file: FileInput {
                file_id: Some(file_id.into()),
                ..FileInput::default()
            },
        })
    }

    /// An inline file (`file_data` is a base64 data URL).
    pub fn file_data(filename: impl Into<String>, file_data: impl Into<String>) -> Self {
        Self::File(FilePart {
            file: FileInput {
                filename: Some(filename.into()),
                file_data: Some(file_data.into()),
                file_id: None,
            },
        })
    }
}

/// The payload of [`ContentPart::Text`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TextPart {
    /// The text.
    pub text: String,
}

/// The payload of [`ContentPart::ImageUrl`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImageUrlPart {
    /// The image.
    pub image_url: ImageUrl,
}

/// An image reference.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImageUrl {
    /// `https://` URL or `data:image/...;base64,` URL.
    pub url: String,
    /// Resolution the model looks at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<ImageDetail>,
}

string_enum! {
    /// Image detail level.
    pub enum ImageDetail {
        /// The service decides.
        Auto = "auto",
        /// Low resolution (cheaper).
        Low = "low",
        /// High resolution.
        High = "high",
    }
}

/// The payload of [`ContentPart::InputAudio`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InputAudioPart {
    /// The clip.
    pub input_audio: InputAudio,
}

/// A base64 audio clip.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InputAudio {
    /// Base64 audio bytes.
    pub data: String,
    /// Encoding.
    pub format: InputAudioFormat,
}

string_enum! {
    /// Encoding of input audio.
    pub enum InputAudioFormat {
        /// WAV.
        Wav = "wav",
        /// MP3.
        Mp3 = "mp3",
    }
}

/// The payload of [`ContentPart::File`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FilePart {
    /// The file.
    pub file: FileInput,
}

/// A file given by id or inline.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FileInput {
    /// File name (inline files).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    /// Base64 data URL (inline files).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_data: Option<String>,
    /// Id of an uploaded file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_id: Option<String>,
}

/// The payload of [`ContentPart::Refusal`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RefusalPart {
    /// The refusal text.
    pub refusal: String,
}

/// A `developer` message.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeveloperMessage {
    /// Text or text parts.
    pub content: MessageContent,
    /// Optional participant name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A `system` message.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SystemMessage {
    /// Text or text parts.
    pub content: MessageContent,
    /// Optional participant name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A `user` message.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UserMessage {
    /// Text or parts (text, image, audio, file).
    pub content: MessageContent,
    /// Optional participant name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// An `assistant` message (conversation history).
///
/// `content` is always sent: `null` when the turn only called tools (or only refused), as the
/// official SDKs replay a model turn; some OpenAI-compatible servers reject the message without
/// the key.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AssistantMessage {
    /// Text or parts (text, refusal); `None` (sent as `null`) when the turn only called tools.
    #[serde(default)]
    pub content: Option<MessageContent>,
    /// The model's refusal, if it refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refusal: Option<String>,
    /// Optional participant name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A previous audio answer, by id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio: Option<AssistantAudioRef>,
    /// Tool calls the model made in this turn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_calls: Option<Vec<ToolCall>>,
    /// Legacy function call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub function_call: Option<FunctionCall>,
}

/// Reference to a previous audio answer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AssistantAudioRef {
    /// The audio id from the earlier response.
    pub id: String,
}

/// A `tool` message: the result of one tool call.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ToolMessage {
    /// The result (text or text parts).
    pub content: MessageContent,
    /// The `id` of the call this answers.
    pub tool_call_id: String,
}

/// Legacy `function` message: the result of a function call.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FunctionMessage {
    /// The result.
    pub content: Option<String>,
    /// The function that produced it.
    pub name: String,
}

impl FunctionMessage {
    /// A function result.
    pub fn new(name: impl Into<String>, content: impl Into<String>) -> Self {
        Self {
            content: Some(content.into()),
            name: name.into(),
        }
    }
}

impl From<FunctionMessage> for ChatMessage {
    fn from(message: FunctionMessage) -> Self {
        Self::Function(message)
    }
}
