//! Images: generation (`POST /images/generations`), edit and variation parameters (multipart),
//! the images response, and Azure's DALL-E 2 batch operation types.

use serde::{Deserialize, Serialize};

use std::fmt;

use crate::shared::{Base64Error, ContentFilterResults, ErrorObject, decode_base64};

crate::macros::string_enum! {
    /// Image size (`WIDTHxHEIGHT`, or `auto`). Other sizes: `ImageSize::from("2048x2048")`.
    pub enum ImageSize {
        /// The model picks.
        Auto = "auto",
        /// 256x256 (DALL-E 2).
        S256x256 = "256x256",
        /// 512x512 (DALL-E 2).
        S512x512 = "512x512",
        /// 1024x1024.
        S1024x1024 = "1024x1024",
        /// 1536x1024 landscape (GPT image models).
        S1536x1024 = "1536x1024",
        /// 1024x1536 portrait (GPT image models).
        S1024x1536 = "1024x1536",
        /// 1792x1024 landscape (DALL-E 3).
        S1792x1024 = "1792x1024",
        /// 1024x1792 portrait (DALL-E 3).
        S1024x1792 = "1024x1792",
    }
}

string_enum! {
    /// Image quality.
    pub enum ImageQuality {
        /// The model picks.
        Auto = "auto",
        /// DALL-E 3 standard.
        Standard = "standard",
        /// DALL-E 3 high definition.
        Hd = "hd",
        /// GPT image low.
        Low = "low",
        /// GPT image medium.
        Medium = "medium",
        /// GPT image high.
        High = "high",
    }
}

string_enum! {
    /// DALL-E 3 style.
    pub enum ImageStyle {
        /// Hyper-real, dramatic.
        Vivid = "vivid",
        /// More natural.
        Natural = "natural",
    }
}

string_enum! {
    /// How DALL-E returns images (GPT image models always return base64).
    pub enum ImageResponseFormat {
        /// A URL valid for 60 minutes.
        Url = "url",
        /// Base64 image bytes.
        B64Json = "b64_json",
    }
}

string_enum! {
    /// Background of GPT image output.
    pub enum ImageBackground {
        /// The model picks.
        Auto = "auto",
        /// Transparent (png/webp).
        Transparent = "transparent",
        /// Opaque.
        Opaque = "opaque",
    }
}

string_enum! {
    /// Content moderation level for GPT image models.
    pub enum ImageModeration {
        /// Default filtering.
        Auto = "auto",
        /// Less restrictive filtering.
        Low = "low",
    }
}

string_enum! {
    /// Output file format of GPT image models.
    pub enum ImageOutputFormat {
        /// PNG.
        Png = "png",
        /// JPEG.
        Jpeg = "jpeg",
        /// WebP.
        Webp = "webp",
    }
}

string_enum! {
    /// How closely an edit matches the input images' features.
    pub enum InputFidelity {
        /// Higher fidelity.
        High = "high",
        /// Lower fidelity.
        Low = "low",
    }
}

/// Parameters for `POST /images/generations`.
///
/// ```
/// use openai_types::images::{ImageGenerationRequest, ImageSize};
///
/// let request = ImageGenerationRequest::new("a lighthouse at dawn")
///     .model("dall-e-3")
///     .size(ImageSize::S1024x1792);
/// assert_eq!(
///     serde_json::to_string(&request).unwrap(),
///     r#"{"prompt":"a lighthouse at dawn","model":"dall-e-3","size":"1024x1792"}"#
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ImageGenerationRequest {
    /// What to draw.
    pub prompt: String,
    /// Model id (defaults to `dall-e-2` server-side; Azure uses the deployment).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// Number of images (DALL-E 3: 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n: Option<u32>,
    /// Quality.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quality: Option<ImageQuality>,
    /// URL or base64 (DALL-E only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_format: Option<ImageResponseFormat>,
    /// Output file format (GPT image models).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output_format: Option<ImageOutputFormat>,
    /// 0..=100 compression for jpeg/webp (GPT image models).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output_compression: Option<u8>,
    /// Size.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<ImageSize>,
    /// Moderation level (GPT image models).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moderation: Option<ImageModeration>,
    /// Background (GPT image models).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub background: Option<ImageBackground>,
    /// Style (DALL-E 3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub style: Option<ImageStyle>,
    /// End-user id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Parameters this release does not model, sent as top-level fields (set with
    /// [`extra`](Self::extra); a `null` value sends an explicit `null`; do not repeat modeled
    /// fields).
    #[serde(flatten, default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl ImageGenerationRequest {
    /// A request with only the prompt.
    pub fn new(prompt: impl Into<String>) -> Self {
        Self {
            extra: serde_json::Map::new(),
            prompt: prompt.into(),
            model: None,
            n: None,
            quality: None,
            response_format: None,
            output_format: None,
            output_compression: None,
            size: None,
            moderation: None,
            background: None,
            style: None,
            user: None,
        }
    }
}

setters! { ImageGenerationRequest {
    model: String,
    copy n: u32,
    quality: ImageQuality,
    response_format: ImageResponseFormat,
    output_format: ImageOutputFormat,
    copy output_compression: u8,
    size: ImageSize,
    moderation: ImageModeration,
    background: ImageBackground,
    style: ImageStyle,
    user: String,
} }

fn push<T: ToString>(fields: &mut Vec<(String, String)>, name: &str, value: Option<&T>) {
    if let Some(value) = value {
        fields.push((name.to_owned(), value.to_string()));
    }
}

/// The text fields of `POST /images/edits` (multipart). The image(s) and optional mask are
/// file parts the client adds; [`form_fields`](Self::form_fields) gives the rest.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ImageEditParams {
    /// What to change.
    pub prompt: String,
    /// Model id.
    pub model: Option<String>,
    /// Number of images.
    pub n: Option<u32>,
    /// Size.
    pub size: Option<ImageSize>,
    /// Quality.
    pub quality: Option<ImageQuality>,
    /// URL or base64 (DALL-E 2 only).
    pub response_format: Option<ImageResponseFormat>,
    /// Output file format (GPT image models).
    pub output_format: Option<ImageOutputFormat>,
    /// 0..=100 compression for jpeg/webp.
    pub output_compression: Option<u8>,
    /// Background.
    pub background: Option<ImageBackground>,
    /// Input fidelity (GPT image models).
    pub input_fidelity: Option<InputFidelity>,
    /// End-user id.
    pub user: Option<String>,
}

impl ImageEditParams {
    /// Parameters with only the prompt.
    pub fn new(prompt: impl Into<String>) -> Self {
        Self {
            prompt: prompt.into(),
            model: None,
            n: None,
            size: None,
            quality: None,
            response_format: None,
            output_format: None,
            output_compression: None,
            background: None,
            input_fidelity: None,
            user: None,
        }
    }

    /// The multipart text fields, in a stable order, omitting unset ones.
    ///
    /// ```
    /// use openai_types::images::ImageEditParams;
    ///
    /// let fields = ImageEditParams::new("add a hat").n(2u32).form_fields();
    /// assert_eq!(fields, [("prompt".to_string(), "add a hat".to_string()), ("n".to_string(), "2".to_string())]);
    /// ```
    pub fn form_fields(&self) -> Vec<(String, String)> {
        let mut fields = vec![("prompt".to_owned(), self.prompt.clone())];
        push(&mut fields, "model", self.model.as_ref());
        push(&mut fields, "n", self.n.as_ref());
        push(&mut fields, "size", self.size.as_ref());
        push(&mut fields, "quality", self.quality.as_ref());
        push(
            &mut fields,
            "response_format",
            self.response_format.as_ref(),
        );
        push(&mut fields, "output_format", self.output_format.as_ref());
        push(
            &mut fields,
            "output_compression",
            self.output_compression.as_ref(),
        );
        push(&mut fields, "background", self.background.as_ref());
        push(&mut fields, "input_fidelity", self.input_fidelity.as_ref());
        push(&mut fields, "user", self.user.as_ref());
        fields
    }
}

setters! { ImageEditParams {
    model: String,
    copy n: u32,
    size: ImageSize,
    quality: ImageQuality,
    response_format: ImageResponseFormat,
    output_format: ImageOutputFormat,
    copy output_compression: u8,
    background: ImageBackground,
    input_fidelity: InputFidelity,
    user: String,
} }

/// The text fields of `POST /images/variations` (multipart, DALL-E 2). The image is a file
/// part the client adds.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct ImageVariationParams {
    /// Model id.
    pub model: Option<String>,
    /// Number of images.
    pub n: Option<u32>,
    /// URL or base64.
    pub response_format: Option<ImageResponseFormat>,
    /// Size (256, 512 or 1024 square).
    pub size: Option<ImageSize>,
    /// End-user id.
    pub user: Option<String>,
}

impl ImageVariationParams {
    /// No parameters set.
    pub fn new() -> Self {
        Self::default()
    }

    /// The multipart text fields, in a stable order, omitting unset ones.
    pub fn form_fields(&self) -> Vec<(String, String)> {
        let mut fields = Vec::new();
        push(&mut fields, "model", self.model.as_ref());
        push(&mut fields, "n", self.n.as_ref());
        push(
            &mut fields,
            "response_format",
            self.response_format.as_ref(),
        );
        push(&mut fields, "size", self.size.as_ref());
        push(&mut fields, "user", self.user.as_ref());
        fields
    }
}

setters! { ImageVariationParams {
    model: String,
    copy n: u32,
    response_format: ImageResponseFormat,
    size: ImageSize,
    user: String,
} }

/// The response of image generation, edit and variation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImagesResponse {
    /// Unix seconds.
    #[serde(default)]
    pub created: u64,
    /// The images.
    #[serde(default)]
    pub data: Vec<Image>,
    /// Background used (GPT image models).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background: Option<ImageBackground>,
    /// Output format used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_format: Option<ImageOutputFormat>,
    /// Size used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<ImageSize>,
    /// Quality used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality: Option<ImageQuality>,
    /// Token usage (GPT image models).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<ImagesUsage>,
}

/// One generated image: a URL or base64 data.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Image {
    /// Image URL (`response_format: url`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Base64 image bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub b64_json: Option<String>,
    /// The prompt after the service rewrote it (DALL-E 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revised_prompt: Option<String>,
    /// Azure: content filter results for the image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_filter_results: Option<ContentFilterResults>,
    /// Azure: content filter results for the prompt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_filter_results: Option<ContentFilterResults>,
}

impl Image {
    /// The image file bytes (PNG, JPEG or WebP, per the request's `output_format`), decoded from
    /// `b64_json`.
    ///
    /// GPT image models always answer in base64; DALL-E models only with
    /// `response_format: b64_json`. An image that came back as a URL is an
    /// [`ImageBytesError::Url`] (download `url` yourself, or ask for
    /// [`ImageResponseFormat::B64Json`]); malformed base64 is an
    /// [`ImageBytesError::InvalidBase64`]. Nothing here panics on what the service sent.
    ///
    /// ```
    /// use openai_types::images::{ImageBytesError, ImagesResponse};
    ///
    /// let body = r#"{"created":1,"data":[{"b64_json":"iVBORw0KGgo="},{"url":"https://example.com/a.png"}]}"#;
    /// let images: ImagesResponse = serde_json::from_str(body).unwrap();
    /// assert_eq!(images.data[0].bytes().unwrap(), b"\x89PNG\r\n\x1a\n");
    /// assert!(matches!(images.data[1].bytes(), Err(ImageBytesError::Url(url)) if url.ends_with("a.png")));
    /// ```
    pub fn bytes(&self) -> Result<Vec<u8>, ImageBytesError> {
        match (&self.b64_json, &self.url) {
            (Some(b64), _) => decode_base64(b64).map_err(ImageBytesError::InvalidBase64),
            (None, Some(url)) => Err(ImageBytesError::Url(url.clone())),
            (None, None) => Err(ImageBytesError::Missing),
        }
    }
}

/// Why [`Image::bytes`] could not return the image bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ImageBytesError {
    /// The service returned the image as a URL (`response_format: url`, the DALL-E default),
    /// not inline.
    Url(String),
    /// The image has neither `b64_json` nor `url` (for example, filtered out).
    Missing,
    /// `b64_json` is not valid standard base64.
    InvalidBase64(Base64Error),
}

impl fmt::Display for ImageBytesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // The URL is a signed download link: not repeated in messages that may be logged.
            Self::Url(_) => f.write_str(
                "the image was returned as a URL, not inline base64 \
                 (download `url`, or request response_format b64_json)",
            ),
            Self::Missing => f.write_str("the image has neither b64_json nor url"),
            Self::InvalidBase64(err) => write!(f, "invalid image b64_json: {err}"),
        }
    }
}

impl std::error::Error for ImageBytesError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::InvalidBase64(err) => Some(err),
            _ => None,
        }
    }
}

/// Token usage of GPT image models.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImagesUsage {
    /// Input tokens (text and images).
    #[serde(default)]
    pub input_tokens: u64,
    /// Output (image) tokens.
    #[serde(default)]
    pub output_tokens: u64,
    /// Total.
    #[serde(default)]
    pub total_tokens: u64,
    /// Input breakdown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_tokens_details: Option<ImageTokensDetails>,
    /// Output breakdown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_tokens_details: Option<ImageTokensDetails>,
}

/// Text/image token breakdown.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImageTokensDetails {
    /// Text tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_tokens: Option<u64>,
    /// Image tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_tokens: Option<u64>,
}

string_enum! {
    /// State of an Azure batch image operation. Terminal: `succeeded`, `failed`, `canceled`.
    pub enum AzureOperationStatus {
        /// Queued.
        NotRunning = "notRunning",
        /// In progress.
        Running = "running",
        /// Done; `result` holds the images.
        Succeeded = "succeeded",
        /// Canceled.
        Canceled = "canceled",
        /// Failed; `error` says why (e.g. `contentFilter`).
        Failed = "failed",
    }
}

impl AzureOperationStatus {
    /// Whether polling should stop. Unknown values are not terminal.
    pub fn is_terminal(&self) -> bool {
        matches!(self, Self::Succeeded | Self::Failed | Self::Canceled)
    }
}

/// Azure DALL-E 2 batch image operation (`POST /openai/images/generations:submit`, then
/// `GET /openai/operations/images/{id}`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AzureImageOperation {
    /// Operation id.
    #[serde(default)]
    pub id: String,
    /// Unix seconds (absent in the submit response).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<u64>,
    /// Unix seconds after which the result is deleted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<u64>,
    /// State.
    pub status: AzureOperationStatus,
    /// The images, once `succeeded`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<ImagesResponse>,
    /// Why it failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorObject>,
}

impl Default for AzureOperationStatus {
    /// `notRunning`: what a just-submitted operation reports.
    fn default() -> Self {
        Self::NotRunning
    }
}

crate::macros::extra_setter! { ImageGenerationRequest }
