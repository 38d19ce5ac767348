//! The `{"error": {...}}` body the services return on failure (wire shape only; the SDK's
//! `Error` type lives in `core-http`).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::content_filter::ContentFilterResults;

/// A whole error body: `{"error": {...}}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ErrorResponse {
    /// The error itself.
    pub error: ErrorObject,
}

/// The error object inside an error body (and inside failed runs, batch image operations and
/// stream `error` events).
///
/// Shapes seen in practice: OpenAI sends `{message, type, param, code}` with `type`, `param` and
/// `code` possibly `null`; Azure sometimes omits `type`/`param`, sends `code` as a string holding a
/// number (`"429"`), and adds `status` and `innererror` on content-filter rejections.
///
/// ```
/// use openai_types::shared::ErrorResponse;
///
/// let body = r#"{"error":{"message":"Rate limited","type":"requests","param":null,"code":"rate_limit_exceeded"}}"#;
/// let parsed: ErrorResponse = serde_json::from_str(body).unwrap();
/// assert!(parsed.error.code.as_ref().is_some_and(|c| c.is("rate_limit_exceeded")));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ErrorObject {
    /// Human-readable message.
    #[serde(default)]
    pub message: String,
    /// The error class (`invalid_request_error`, `server_error`, ...); the wire field is `type`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The request parameter the error is about, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub param: Option<String>,
    /// A machine-readable code: a string, or (rarely) a number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<ErrorCode>,
    /// Azure: the HTTP status repeated in the body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// Azure: details of a content-filter rejection.
    ///
    /// The service sends `innererror`; the 2024-10-21 spec documents `inner_error`, which is
    /// accepted too (serialized back as `innererror`).
    #[serde(
        default,
        alias = "inner_error",
        skip_serializing_if = "Option::is_none"
    )]
    pub innererror: Option<InnerError>,
}

impl ErrorObject {
    /// Whether this is an Azure content-filter rejection (`code == "content_filter"`).
    pub fn is_content_filter(&self) -> bool {
        self.code.as_ref().is_some_and(|c| c.is("content_filter"))
    }

    /// The typed filter categories of an Azure content-filter rejection.
    pub fn content_filter_result(&self) -> Option<&ContentFilterResults> {
        self.innererror.as_ref()?.content_filter_result.as_ref()
    }
}

/// An error `code`: usually a string (`"model_not_found"`, Azure's `"429"`), sometimes a JSON
/// number. Both forms serialize back as they came.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum ErrorCode {
    /// A string code.
    Text(String),
    /// A numeric code.
    Number(serde_json::Number),
}

impl ErrorCode {
    /// Whether the code, as text, equals `code` (`ErrorCode::Number(429)` is `"429"`).
    pub fn is(&self, code: &str) -> bool {
        match self {
            Self::Text(text) => text == code,
            Self::Number(number) => number.to_string() == code,
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Text(text) => f.write_str(text),
            Self::Number(number) => write!(f, "{number}"),
        }
    }
}

impl From<&str> for ErrorCode {
    fn from(code: &str) -> Self {
        Self::Text(code.to_owned())
    }
}

string_enum! {
    /// The code inside an Azure `innererror`.
    pub enum InnerErrorCode {
        /// The prompt or completion violated a content filter rule.
        ResponsibleAiPolicyViolation = "ResponsibleAIPolicyViolation",
    }
}

/// Azure's `innererror`: why a content filter rejected the request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InnerError {
    /// The inner code, typically `ResponsibleAIPolicyViolation`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<InnerErrorCode>,
    /// Per-category results. The service sends `content_filter_result` (singular); the spec's
    /// `content_filter_results` is accepted too (serialized back singular).
    #[serde(
        default,
        alias = "content_filter_results",
        skip_serializing_if = "Option::is_none"
    )]
    pub content_filter_result: Option<ContentFilterResults>,
    /// DALL-E: the prompt after the service revised it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revised_prompt: Option<String>,
}
