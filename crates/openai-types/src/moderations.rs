//! Moderations: `POST /moderations` classifies text and images against the usage policies.
//!
//! Categories and scores are open maps: the known categories have accessors, and categories the
//! service adds later are kept (and serialized back) under their wire names.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// What to classify: one text, several texts, or a list of text and image parts (omni models).
///
/// ```
/// use openai_types::moderations::{ModerationInput, ModerationInputPart};
///
/// let input = ModerationInput::from(vec![
///     ModerationInputPart::text("a caption"),
///     ModerationInputPart::image_url("data:image/png;base64,iVBORw0KGgo="),
/// ]);
/// assert_eq!(
///     serde_json::to_string(&input).unwrap(),
///     r#"[{"type":"text","text":"a caption"},{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]"#
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum ModerationInput {
    /// One text.
    Text(String),
    /// Several texts, one result each.
    Texts(Vec<String>),
    /// Text and image parts, classified together (one result).
    Parts(Vec<ModerationInputPart>),
}

impl From<&str> for ModerationInput {
    fn from(text: &str) -> Self {
        Self::Text(text.to_owned())
    }
}

impl From<String> for ModerationInput {
    fn from(text: String) -> Self {
        Self::Text(text)
    }
}

impl From<Vec<String>> for ModerationInput {
    fn from(texts: Vec<String>) -> Self {
        Self::Texts(texts)
    }
}

impl From<Vec<&str>> for ModerationInput {
    fn from(texts: Vec<&str>) -> Self {
        Self::Texts(texts.into_iter().map(str::to_owned).collect())
    }
}

impl<const N: usize> From<[&str; N]> for ModerationInput {
    fn from(texts: [&str; N]) -> Self {
        Self::Texts(texts.iter().map(|t| (*t).to_owned()).collect())
    }
}

impl From<Vec<ModerationInputPart>> for ModerationInput {
    fn from(parts: Vec<ModerationInputPart>) -> Self {
        Self::Parts(parts)
    }
}

tagged_enum! {
    /// One part of a multimodal moderation input.
    pub enum ModerationInputPart {
        /// A text.
        Text(ModerationTextPart) = "text",
        /// An image by URL or data URL.
        ImageUrl(ModerationImagePart) = "image_url",
    }
}

impl ModerationInputPart {
    /// A text part.
    pub fn text(text: impl Into<String>) -> Self {
        Self::Text(ModerationTextPart { text: text.into() })
    }

    /// An image part: an `https` URL or a `data:image/...;base64,...` URL.
    pub fn image_url(url: impl Into<String>) -> Self {
        Self::ImageUrl(ModerationImagePart {
            image_url: ModerationImageUrl { url: url.into() },
        })
    }
}

/// A text part of a moderation input.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ModerationTextPart {
    /// The text.
    #[serde(default)]
    pub text: String,
}

/// An image part of a moderation input.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ModerationImagePart {
    /// The image location.
    #[serde(default)]
    pub image_url: ModerationImageUrl,
}

/// The location of an image to classify.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ModerationImageUrl {
    /// An `https` URL or a base64 data URL.
    #[serde(default)]
    pub url: String,
}

/// Parameters for `POST /moderations`.
///
/// ```
/// use openai_types::moderations::ModerationRequest;
///
/// let request = ModerationRequest::new("some text").model("omni-moderation-latest");
/// assert_eq!(
///     serde_json::to_string(&request).unwrap(),
///     r#"{"input":"some text","model":"omni-moderation-latest"}"#
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ModerationRequest {
    /// What to classify.
    pub input: ModerationInput,
    /// Model id (default `omni-moderation-latest`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// Parameters this release does not model, sent as top-level fields (set with
    /// [`extra`](Self::extra); a `null` value sends an explicit `null`; do not repeat modeled
    /// fields).
    #[serde(flatten, default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl ModerationRequest {
    /// Classify `input` with the default model.
    pub fn new(input: impl Into<ModerationInput>) -> Self {
        Self {
            extra: serde_json::Map::new(),
            input: input.into(),
            model: None,
        }
    }
}

setters! { ModerationRequest { model: String } }

/// The response of `POST /moderations`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ModerationResponse {
    /// Request id (`modr-...`).
    #[serde(default)]
    pub id: String,
    /// The model used.
    #[serde(default)]
    pub model: String,
    /// One result per input text (one for a multimodal input).
    #[serde(default)]
    pub results: Vec<ModerationResult>,
}

impl ModerationResponse {
    /// Whether any result is flagged.
    pub fn any_flagged(&self) -> bool {
        self.results.iter().any(|r| r.flagged)
    }
}

/// The classification of one input.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ModerationResult {
    /// Whether any category is flagged.
    #[serde(default)]
    pub flagged: bool,
    /// Per-category verdicts.
    #[serde(default)]
    pub categories: ModerationCategories,
    /// Per-category scores (0.0..=1.0).
    #[serde(default)]
    pub category_scores: ModerationCategoryScores,
    /// Per-category input types that were scored (omni models).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category_applied_input_types: Option<ModerationAppliedInputTypes>,
}

string_enum! {
    /// The kind of input a category was scored on.
    pub enum ModerationInputType {
        /// Text.
        Text = "text",
        /// Image.
        Image = "image",
    }
}

/// Generates one accessor per known category on a map type.
macro_rules! category_accessors {
    ($ty:ty, $ret:ty, $get:ident; $($method:ident = $key:literal),+ $(,)?) => {
        impl $ty {
            $(
                #[doc = concat!("The `", $key, "` category.")]
                pub fn $method(&self) -> $ret {
                    self.$get($key)
                }
            )+
        }
    };
}

macro_rules! known_categories {
    ($ty:ty, $ret:ty, $get:ident) => {
        category_accessors! { $ty, $ret, $get;
            harassment = "harassment",
            harassment_threatening = "harassment/threatening",
            hate = "hate",
            hate_threatening = "hate/threatening",
            illicit = "illicit",
            illicit_violent = "illicit/violent",
            self_harm = "self-harm",
            self_harm_intent = "self-harm/intent",
            self_harm_instructions = "self-harm/instructions",
            sexual = "sexual",
            sexual_minors = "sexual/minors",
            violence = "violence",
            violence_graphic = "violence/graphic",
        }
    };
}

/// Per-category verdicts, keyed by wire name (`self-harm/intent`).
///
/// `null` values (a category the model does not score) are kept as `None`.
///
/// ```
/// use openai_types::moderations::ModerationCategories;
///
/// let c: ModerationCategories =
///     serde_json::from_str(r#"{"violence":true,"illicit":null,"new-category":false}"#).unwrap();
/// assert!(c.violence());
/// assert!(!c.illicit());
/// assert_eq!(c.get("new-category"), Some(false));
/// assert_eq!(c.flagged().collect::<Vec<_>>(), ["violence"]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ModerationCategories(BTreeMap<String, Option<bool>>);

impl ModerationCategories {
    /// The verdict for `category` (`None` when absent or `null`).
    pub fn get(&self, category: &str) -> Option<bool> {
        self.0.get(category).copied().flatten()
    }

    fn is(&self, category: &str) -> bool {
        self.get(category).unwrap_or(false)
    }

    /// The names of the flagged categories.
    pub fn flagged(&self) -> impl Iterator<Item = &str> {
        self.0
            .iter()
            .filter(|(_, v)| **v == Some(true))
            .map(|(k, _)| k.as_str())
    }

    /// Every category with its verdict, in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Option<bool>)> {
        self.0.iter().map(|(k, v)| (k.as_str(), *v))
    }

    /// The underlying map.
    pub fn into_inner(self) -> BTreeMap<String, Option<bool>> {
        self.0
    }
}

known_categories!(ModerationCategories, bool, is);

/// Per-category scores (0.0..=1.0), keyed by wire name.
///
/// ```
/// use openai_types::moderations::ModerationCategoryScores;
///
/// let s: ModerationCategoryScores = serde_json::from_str(r#"{"violence":0.75}"#).unwrap();
/// assert_eq!(s.violence(), Some(0.75));
/// assert_eq!(s.hate(), None);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ModerationCategoryScores(BTreeMap<String, f64>);

impl ModerationCategoryScores {
    /// The score of `category`.
    pub fn get(&self, category: &str) -> Option<f64> {
        self.0.get(category).copied()
    }

    /// Every category with its score, in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, f64)> {
        self.0.iter().map(|(k, v)| (k.as_str(), *v))
    }

    /// The category with the highest score.
    pub fn max(&self) -> Option<(&str, f64)> {
        self.iter().max_by(|a, b| a.1.total_cmp(&b.1))
    }

    /// The underlying map.
    pub fn into_inner(self) -> BTreeMap<String, f64> {
        self.0
    }
}

known_categories!(ModerationCategoryScores, Option<f64>, get);

/// Per-category input types that were scored, keyed by wire name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ModerationAppliedInputTypes(BTreeMap<String, Vec<ModerationInputType>>);

impl ModerationAppliedInputTypes {
    /// The input types scored for `category`.
    pub fn get(&self, category: &str) -> Option<&[ModerationInputType]> {
        self.0.get(category).map(Vec::as_slice)
    }

    /// Every category with its input types, in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[ModerationInputType])> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// The underlying map.
    pub fn into_inner(self) -> BTreeMap<String, Vec<ModerationInputType>> {
        self.0
    }
}

known_categories!(
    ModerationAppliedInputTypes,
    Option<&[ModerationInputType]>,
    get
);

crate::macros::extra_setter! { ModerationRequest }
