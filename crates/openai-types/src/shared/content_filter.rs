//! Azure OpenAI content-filter annotations (`content_filter_results`, `prompt_filter_results`).
//!
//! OpenAI never sends these; Azure adds them to chat and legacy completions (per choice and per
//! prompt), to stream chunks, to DALL-E results and to content-filter error bodies.

use serde::{Deserialize, Serialize};

use super::error::ErrorCode;

/// Filter results for one prompt or one choice. Every category is optional: which ones appear
/// depends on the deployment's filter configuration and on the API version.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ContentFilterResults {
    /// Hate and fairness.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hate: Option<ContentFilterSeverityResult>,
    /// Sexual content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sexual: Option<ContentFilterSeverityResult>,
    /// Violence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub violence: Option<ContentFilterSeverityResult>,
    /// Self-harm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_harm: Option<ContentFilterSeverityResult>,
    /// Profanity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profanity: Option<ContentFilterDetectedResult>,
    /// Jailbreak attempts (prompt only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jailbreak: Option<ContentFilterDetectedResult>,
    /// Indirect prompt attacks embedded in documents (prompt only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indirect_attack: Option<ContentFilterDetectedResult>,
    /// Known third-party text (completion only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protected_material_text: Option<ContentFilterDetectedResult>,
    /// Known public source code (completion only), with a citation when found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protected_material_code: Option<ContentFilterDetectedWithCitationResult>,
    /// Customer block lists that matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_blocklists: Option<CustomBlocklistResults>,
    /// Set when the filter itself failed to run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ContentFilterError>,
}

impl ContentFilterResults {
    /// Whether any category reports `filtered: true`.
    pub fn any_filtered(&self) -> bool {
        let severities = [&self.hate, &self.sexual, &self.violence, &self.self_harm];
        let detections = [
            &self.profanity,
            &self.jailbreak,
            &self.indirect_attack,
            &self.protected_material_text,
        ];
        severities.iter().flat_map(|r| r.iter()).any(|r| r.filtered)
            || detections.iter().flat_map(|r| r.iter()).any(|r| r.filtered)
            || self
                .protected_material_code
                .as_ref()
                .is_some_and(|r| r.filtered)
            || self
                .custom_blocklists
                .as_ref()
                .is_some_and(CustomBlocklistResults::filtered)
    }
}

string_enum! {
    /// Severity of a harm category.
    pub enum ContentFilterSeverity {
        /// Nothing harmful.
        Safe = "safe",
        /// Low severity.
        Low = "low",
        /// Medium severity.
        Medium = "medium",
        /// High severity.
        High = "high",
    }
}

/// A severity-graded category (hate, sexual, violence, self-harm).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ContentFilterSeverityResult {
    /// Whether the content was blocked for this category.
    #[serde(default)]
    pub filtered: bool,
    /// The graded severity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<ContentFilterSeverity>,
}

/// A detected/not-detected category (profanity, jailbreak, protected material text, ...).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ContentFilterDetectedResult {
    /// Whether the content was blocked for this category.
    #[serde(default)]
    pub filtered: bool,
    /// Whether the category was detected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detected: Option<bool>,
}

/// Protected material code: detection plus where the code comes from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ContentFilterDetectedWithCitationResult {
    /// Whether the content was blocked.
    #[serde(default)]
    pub filtered: bool,
    /// Whether protected code was detected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detected: Option<bool>,
    /// Source of the detected code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation: Option<ContentFilterCitation>,
}

/// Where detected protected code comes from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ContentFilterCitation {
    /// Repository URL (the wire field is upper-case `URL`).
    #[serde(rename = "URL", default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// License of the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
}

/// Customer block list results. Older API versions send a bare list of matches, newer ones an
/// object with an overall flag and `details`; both decode and serialize back in their own form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum CustomBlocklistResults {
    /// `{"filtered": bool, "details": [...]}`.
    Summary {
        /// Whether any block list filtered the content.
        #[serde(default)]
        filtered: bool,
        /// Per-list results.
        #[serde(default)]
        details: Vec<CustomBlocklistDetail>,
    },
    /// `[{"filtered": bool, "id": "..."}]`.
    List(Vec<CustomBlocklistDetail>),
}

impl CustomBlocklistResults {
    /// Whether any block list filtered the content.
    pub fn filtered(&self) -> bool {
        match self {
            Self::Summary { filtered, details } => *filtered || details.iter().any(|d| d.filtered),
            Self::List(details) => details.iter().any(|d| d.filtered),
        }
    }
}

/// One customer block list's result.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CustomBlocklistDetail {
    /// Whether this list filtered the content.
    #[serde(default)]
    pub filtered: bool,
    /// The block list id.
    #[serde(default)]
    pub id: String,
}

/// Azure: filter results for one prompt of the request (`prompt_filter_results[]`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PromptFilterResult {
    /// Which prompt (for chat, always 0).
    #[serde(default)]
    pub prompt_index: u32,
    /// The results for that prompt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_filter_results: Option<ContentFilterResults>,
}

/// Why the content filter could not run (`content_filter_results.error`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ContentFilterError {
    /// Machine-readable code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<ErrorCode>,
    /// Human-readable message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}
