//! Audio: speech to text (`POST /audio/transcriptions`, `POST /audio/translations`) and text to
//! speech (`POST /audio/speech`).
//!
//! Transcription and translation requests are `multipart/form-data`: this module describes their
//! text fields ([`TranscriptionRequest::form_fields`], [`TranslationRequest::form_fields`]); the
//! HTTP client adds the audio file part. Speech requests are JSON ([`SpeechRequest`]).
//!
//! Which result type to decode depends on the requested format: `json` gives a [`Transcription`],
//! `verbose_json` a [`VerboseTranscription`], `diarized_json` a [`DiarizedTranscription`], and
//! `text`, `srt` and `vtt` a plain-text body (see [`AudioResponseFormat::is_plain_text`]).

use serde::de::Deserializer;
use serde::{Deserialize, Serialize, Serializer};

use crate::shared::base64::{Base64Error, decode_base64};

// ---------------------------------------------------------------------------------------------
// Request enums
// ---------------------------------------------------------------------------------------------

string_enum! {
    /// The body format of a transcription.
    pub enum AudioResponseFormat {
        /// `{"text": ...}` ([`Transcription`]).
        Json = "json",
        /// The text alone, as `text/plain`.
        Text = "text",
        /// SubRip subtitles, as `text/plain`.
        Srt = "srt",
        /// Text with language, duration, segments and words ([`VerboseTranscription`]).
        VerboseJson = "verbose_json",
        /// WebVTT subtitles, as `text/plain`.
        Vtt = "vtt",
        /// Text with speaker segments ([`DiarizedTranscription`]).
        DiarizedJson = "diarized_json",
    }
}

impl AudioResponseFormat {
    /// Whether the service answers with a plain-text body (`text`, `srt`, `vtt`) instead of JSON.
    ///
    /// ```
    /// use openai_types::audio::AudioResponseFormat;
    ///
    /// assert!(AudioResponseFormat::Srt.is_plain_text());
    /// assert!(!AudioResponseFormat::VerboseJson.is_plain_text());
    /// ```
    pub fn is_plain_text(&self) -> bool {
        matches!(self, Self::Text | Self::Srt | Self::Vtt)
    }
}

string_enum! {
    /// The body format of a translation.
    pub enum TranslationResponseFormat {
        /// `{"text": ...}` ([`Translation`]).
        Json = "json",
        /// The text alone, as `text/plain`.
        Text = "text",
        /// SubRip subtitles, as `text/plain`.
        Srt = "srt",
        /// Text with language, duration and segments ([`VerboseTranslation`]).
        VerboseJson = "verbose_json",
        /// WebVTT subtitles, as `text/plain`.
        Vtt = "vtt",
    }
}

impl TranslationResponseFormat {
    /// Whether the service answers with a plain-text body (`text`, `srt`, `vtt`) instead of JSON.
    pub fn is_plain_text(&self) -> bool {
        matches!(self, Self::Text | Self::Srt | Self::Vtt)
    }
}

string_enum! {
    /// Timestamp detail of a `verbose_json` transcription.
    pub enum TimestampGranularity {
        /// Per-word timestamps (`words`).
        Word = "word",
        /// Per-segment timestamps (`segments`, the default).
        Segment = "segment",
    }
}

string_enum! {
    /// Extra information to include in a transcription.
    pub enum TranscriptionInclude {
        /// Token log probabilities (`gpt-4o-transcribe` family, `json` format).
        Logprobs = "logprobs",
    }
}

/// How the audio is cut into chunks before transcription.
///
/// Sent as the text `auto`, or as the JSON text of the `server_vad` object.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum TranscriptionChunkingStrategy {
    /// The service normalizes loudness and picks boundaries with voice activity detection.
    Auto,
    /// Voice activity detection with explicit parameters.
    ServerVad(ServerVadConfig),
    /// A strategy this version of the SDK does not know, sent verbatim.
    Unknown(serde_json::Value),
}

impl TranscriptionChunkingStrategy {
    /// Server-side voice activity detection with the service defaults.
    pub fn server_vad() -> Self {
        Self::ServerVad(ServerVadConfig::default())
    }

    /// The multipart field value: `auto`, or the JSON text of the object.
    pub fn form_value(&self) -> String {
        match self {
            Self::Auto => "auto".to_owned(),
            Self::ServerVad(_) | Self::Unknown(_) => serde_json::to_string(self)
                // Serializing a map of plain values cannot fail; keep a valid fallback anyway.
                .unwrap_or_else(|_| "auto".to_owned()),
        }
    }
}

impl From<ServerVadConfig> for TranscriptionChunkingStrategy {
    fn from(config: ServerVadConfig) -> Self {
        Self::ServerVad(config)
    }
}

/// Parameters of the `server_vad` chunking strategy; unset fields use the service defaults.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ServerVadConfig {
    /// Milliseconds of audio kept before detected speech (default 300).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix_padding_ms: Option<u32>,
    /// Milliseconds of silence that end speech (default 200).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub silence_duration_ms: Option<u32>,
    /// Detection threshold, 0.0..=1.0 (default 0.5); higher needs louder audio.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<f64>,
}

impl ServerVadConfig {
    /// Service defaults.
    pub fn new() -> Self {
        Self::default()
    }
}

setters! {
    ServerVadConfig {
        copy prefix_padding_ms: u32,
        copy silence_duration_ms: u32,
        threshold: f64,
    }
}

impl Serialize for TranscriptionChunkingStrategy {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Auto => serializer.serialize_str("auto"),
            Self::ServerVad(config) => crate::macros::Tagged {
                kind: "server_vad",
                inner: config,
            }
            .serialize(serializer),
            Self::Unknown(raw) => raw.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for TranscriptionChunkingStrategy {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = serde_json::Value::deserialize(deserializer)?;
        match raw.as_str() {
            Some("auto") => return Ok(Self::Auto),
            Some(_) => return Ok(Self::Unknown(raw)),
            None => {}
        }
        if raw.get("type").and_then(serde_json::Value::as_str) == Some("server_vad") {
            return ServerVadConfig::deserialize(raw)
                .map(Self::ServerVad)
                .map_err(serde::de::Error::custom);
        }
        Ok(Self::Unknown(raw))
    }
}

// ---------------------------------------------------------------------------------------------
// Transcription and translation requests (multipart)
// ---------------------------------------------------------------------------------------------

/// The text fields of `POST /audio/transcriptions`; the audio file travels as its own part.
///
/// [`form_fields`](Self::form_fields) lists the multipart text parts.
///
/// ```
/// use openai_types::audio::{AudioResponseFormat, TimestampGranularity, TranscriptionRequest};
///
/// let request = TranscriptionRequest::new("whisper-1")
///     .language("en")
///     .response_format(AudioResponseFormat::VerboseJson)
///     .timestamp_granularities([TimestampGranularity::Word, TimestampGranularity::Segment])
///     .temperature(0.2);
/// let fields = request.form_fields();
/// assert_eq!(fields[0], ("model", "whisper-1".to_owned()));
/// assert!(fields.contains(&("timestamp_granularities[]", "word".to_owned())));
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct TranscriptionRequest {
    /// Model id (`whisper-1`, `gpt-4o-transcribe`, `gpt-4o-mini-transcribe`,
    /// `gpt-4o-transcribe-diarize`, ...).
    pub model: String,
    /// How the audio is chunked (required by the diarizing model for audio over 30 seconds).
    pub chunking_strategy: Option<TranscriptionChunkingStrategy>,
    /// Extra information to return (`logprobs`).
    pub include: Option<Vec<TranscriptionInclude>>,
    /// Words or phrases that guide the transcription (newer models).
    pub keywords: Option<Vec<String>>,
    /// Names of up to 4 known speakers, matched with `known_speaker_references` (diarization).
    pub known_speaker_names: Option<Vec<String>>,
    /// Audio samples of the known speakers as data URLs (`data:audio/wav;base64,...`), 2 to 10
    /// seconds each, in the order of `known_speaker_names`.
    pub known_speaker_references: Option<Vec<String>>,
    /// Input language, ISO-639-1 (`en`); improves accuracy and latency.
    pub language: Option<String>,
    /// Possible input languages, ISO-639-1 (newer models).
    pub languages: Option<Vec<String>>,
    /// Text that guides style or continues a previous segment (same language as the audio).
    pub prompt: Option<String>,
    /// Body format of the result.
    pub response_format: Option<AudioResponseFormat>,
    /// Stream the result as server-sent events (ignored by `whisper-1`).
    pub stream: Option<bool>,
    /// Sampling temperature 0.0..=1.0.
    pub temperature: Option<f64>,
    /// Timestamp detail for `verbose_json`.
    pub timestamp_granularities: Option<Vec<TimestampGranularity>>,
}

impl TranscriptionRequest {
    /// A transcription with `model`; everything else optional.
    pub fn new(model: impl Into<String>) -> Self {
        Self {
            model: model.into(),
            chunking_strategy: None,
            include: None,
            keywords: None,
            known_speaker_names: None,
            known_speaker_references: None,
            language: None,
            languages: None,
            prompt: None,
            response_format: None,
            stream: None,
            temperature: None,
            timestamp_granularities: None,
        }
    }

    /// Sets `include`.
    #[must_use]
    pub fn include(mut self, values: impl IntoIterator<Item = TranscriptionInclude>) -> Self {
        self.include = Some(values.into_iter().collect());
        self
    }

    /// Sets `keywords`.
    #[must_use]
    pub fn keywords(mut self, values: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.keywords = Some(values.into_iter().map(Into::into).collect());
        self
    }

    /// Sets `known_speaker_names`.
    #[must_use]
    pub fn known_speaker_names(
        mut self,
        values: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        self.known_speaker_names = Some(values.into_iter().map(Into::into).collect());
        self
    }

    /// Sets `known_speaker_references` (data URLs).
    #[must_use]
    pub fn known_speaker_references(
        mut self,
        values: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        self.known_speaker_references = Some(values.into_iter().map(Into::into).collect());
        self
    }

    /// Sets `languages`.
    #[must_use]
    pub fn languages(mut self, values: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.languages = Some(values.into_iter().map(Into::into).collect());
        self
    }

    /// Sets `timestamp_granularities`.
    #[must_use]
    pub fn timestamp_granularities(
        mut self,
        values: impl IntoIterator<Item = TimestampGranularity>,
    ) -> Self {
        self.timestamp_granularities = Some(values.into_iter().collect());
        self
    }

    /// The text parts of the multipart body, in order, without the file part.
    ///
    /// Like the official SDKs: `model` first, then the set fields in alphabetical order; arrays
    /// become one part per item named with a `[]` suffix (`include[]`,
    /// `timestamp_granularities[]`, `known_speaker_names[]`, `known_speaker_references[]`, ...);
    /// `chunking_strategy` is `auto` or the JSON text of the `server_vad` object; booleans and
    /// numbers are their JSON text (`true`, `0.2`).
    pub fn form_fields(&self) -> Vec<(&'static str, String)> {
        let mut fields = vec![("model", self.model.clone())];
        if let Some(strategy) = &self.chunking_strategy {
            fields.push(("chunking_strategy", strategy.form_value()));
        }
        push_all(&mut fields, "include[]", self.include.as_deref(), |v| {
            v.as_str().to_owned()
        });
        push_all(
            &mut fields,
            "keywords[]",
            self.keywords.as_deref(),
            Clone::clone,
        );
        push_all(
            &mut fields,
            "known_speaker_names[]",
            self.known_speaker_names.as_deref(),
            Clone::clone,
        );
        push_all(
            &mut fields,
            "known_speaker_references[]",
            self.known_speaker_references.as_deref(),
            Clone::clone,
        );
        if let Some(language) = &self.language {
            fields.push(("language", language.clone()));
        }
        push_all(
            &mut fields,
            "languages[]",
            self.languages.as_deref(),
            Clone::clone,
        );
        if let Some(prompt) = &self.prompt {
            fields.push(("prompt", prompt.clone()));
        }
        if let Some(format) = &self.response_format {
            fields.push(("response_format", format.as_str().to_owned()));
        }
        if let Some(stream) = self.stream {
            fields.push(("stream", stream.to_string()));
        }
        if let Some(temperature) = self.temperature {
            fields.push(("temperature", temperature.to_string()));
        }
        push_all(
            &mut fields,
            "timestamp_granularities[]",
            self.timestamp_granularities.as_deref(),
            |v| v.as_str().to_owned(),
        );
        fields
    }
}

setters! {
    TranscriptionRequest {
        chunking_strategy: TranscriptionChunkingStrategy,
        language: String,
        prompt: String,
        response_format: AudioResponseFormat,
        copy stream: bool,
        temperature: f64,
    }
}

fn push_all<T>(
    fields: &mut Vec<(&'static str, String)>,
    name: &'static str,
    values: Option<&[T]>,
    text: impl Fn(&T) -> String,
) {
    for value in values.unwrap_or_default() {
        fields.push((name, text(value)));
    }
}

/// The text fields of `POST /audio/translations` (audio to English text); the audio file travels
/// as its own part.
///
/// ```
/// use openai_types::audio::{TranslationRequest, TranslationResponseFormat};
///
/// let request = TranslationRequest::new("whisper-1").response_format(TranslationResponseFormat::Srt);
/// assert_eq!(
///     request.form_fields(),
///     vec![("model", "whisper-1".to_owned()), ("response_format", "srt".to_owned())]
/// );
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct TranslationRequest {
    /// Model id (`whisper-1`).
    pub model: String,
    /// English text that guides style or continues a previous segment.
    pub prompt: Option<String>,
    /// Body format of the result.
    pub response_format: Option<TranslationResponseFormat>,
    /// Sampling temperature 0.0..=1.0.
    pub temperature: Option<f64>,
}

impl TranslationRequest {
    /// A translation with `model`; everything else optional.
    pub fn new(model: impl Into<String>) -> Self {
        Self {
            model: model.into(),
            prompt: None,
            response_format: None,
            temperature: None,
        }
    }

    /// The text parts of the multipart body, in order (`model`, then the set fields in
    /// alphabetical order, as the official SDKs send them), without the file part.
    pub fn form_fields(&self) -> Vec<(&'static str, String)> {
        let mut fields = vec![("model", self.model.clone())];
        if let Some(prompt) = &self.prompt {
            fields.push(("prompt", prompt.clone()));
        }
        if let Some(format) = &self.response_format {
            fields.push(("response_format", format.as_str().to_owned()));
        }
        if let Some(temperature) = self.temperature {
            fields.push(("temperature", temperature.to_string()));
        }
        fields
    }
}

setters! {
    TranslationRequest {
        prompt: String,
        response_format: TranslationResponseFormat,
        temperature: f64,
    }
}

// ---------------------------------------------------------------------------------------------
// Transcription results
// ---------------------------------------------------------------------------------------------

tagged_enum! {
    /// What a transcription was billed for: tokens (`gpt-4o-transcribe` family) or seconds of
    /// audio (`whisper-1`).
    pub enum TranscriptionUsage {
        /// Billed by tokens.
        Tokens(TranscriptionTokenUsage) = "tokens",
        /// Billed by input duration.
        Duration(TranscriptionDurationUsage) = "duration",
    }
}

/// Token usage of a transcription.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TranscriptionTokenUsage {
    /// Input tokens billed.
    #[serde(default)]
    pub input_tokens: u64,
    /// Breakdown of the input tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_token_details: Option<TranscriptionInputTokenDetails>,
    /// Output tokens generated.
    #[serde(default)]
    pub output_tokens: u64,
    /// Input plus output tokens.
    #[serde(default)]
    pub total_tokens: u64,
}

/// Breakdown of the input tokens of a transcription.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TranscriptionInputTokenDetails {
    /// Text (prompt) tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_tokens: Option<u64>,
    /// Audio tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio_tokens: Option<u64>,
}

/// Duration usage of a transcription.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TranscriptionDurationUsage {
    /// Seconds of input audio billed.
    #[serde(default)]
    pub seconds: f64,
}

/// The log probability of one transcribed token.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TranscriptionLogprob {
    /// The token.
    #[serde(default)]
    pub token: String,
    /// Its log probability.
    #[serde(default)]
    pub logprob: f64,
    /// The token's UTF-8 bytes.
    #[serde(default)]
    pub bytes: Vec<u8>,
}

/// A language detected in the audio.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TranscriptionLanguage {
    /// The language code.
    #[serde(default)]
    pub code: String,
}

/// A `json` transcription.
///
/// ```
/// use openai_types::audio::{Transcription, TranscriptionUsage};
///
/// let t: Transcription = serde_json::from_str(
///     r#"{"text":"Hello.","usage":{"type":"duration","seconds":2}}"#,
/// ).unwrap();
/// assert!(matches!(t.usage, Some(TranscriptionUsage::Duration(_))));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Transcription {
    /// The transcribed text.
    #[serde(default)]
    pub text: String,
    /// Languages detected in the audio (newer models; empty when none was reliable).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub languages: Option<Vec<TranscriptionLanguage>>,
    /// Token log probabilities (with `include: ["logprobs"]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logprobs: Option<Vec<TranscriptionLogprob>>,
    /// What the request was billed for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<TranscriptionUsage>,
}

/// A `verbose_json` transcription: text with language, duration, segments and words.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VerboseTranscription {
    /// Always `transcribe`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<String>,
    /// The language of the audio (a name such as `english`).
    #[serde(default)]
    pub language: String,
    /// Seconds of input audio.
    #[serde(default)]
    pub duration: f64,
    /// The transcribed text.
    #[serde(default)]
    pub text: String,
    /// Words with timestamps (with `timestamp_granularities: ["word"]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub words: Option<Vec<TranscriptionWord>>,
    /// Segments with timestamps and decoding statistics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segments: Option<Vec<TranscriptionSegment>>,
    /// What the request was billed for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<TranscriptionUsage>,
}

/// One word of a `verbose_json` transcription.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TranscriptionWord {
    /// The word.
    #[serde(default)]
    pub word: String,
    /// Start, in seconds.
    #[serde(default)]
    pub start: f64,
    /// End, in seconds.
    #[serde(default)]
    pub end: f64,
}

/// One segment of a `verbose_json` transcription or translation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TranscriptionSegment {
    /// Segment index.
    #[serde(default)]
    pub id: i64,
    /// Seek offset of the segment.
    #[serde(default)]
    pub seek: i64,
    /// Start, in seconds.
    #[serde(default)]
    pub start: f64,
    /// End, in seconds.
    #[serde(default)]
    pub end: f64,
    /// The segment's text.
    #[serde(default)]
    pub text: String,
    /// Token ids of the text.
    #[serde(default)]
    pub tokens: Vec<u32>,
    /// Temperature used for this segment.
    #[serde(default)]
    pub temperature: f64,
    /// Average log probability; below -1 the decoding likely failed.
    #[serde(default)]
    pub avg_logprob: f64,
    /// Compression ratio; above 2.4 the decoding likely failed.
    #[serde(default)]
    pub compression_ratio: f64,
    /// Probability that the segment has no speech.
    #[serde(default)]
    pub no_speech_prob: f64,
}

/// A `diarized_json` transcription: text plus speaker segments.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DiarizedTranscription {
    /// Always `transcribe`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<String>,
    /// Seconds of input audio (not always sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<f64>,
    /// The whole transcript.
    #[serde(default)]
    pub text: String,
    /// Segments with speaker labels, in time order.
    #[serde(default)]
    pub segments: Vec<DiarizedSegment>,
    /// What the request was billed for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<TranscriptionUsage>,
}

/// One speaker segment of a diarized transcription.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DiarizedSegment {
    /// Always `transcript.text.segment`.
    #[serde(rename = "type", default = "segment_type")]
    pub kind: String,
    /// Segment id (`seg_0`).
    #[serde(default)]
    pub id: String,
    /// Start, in seconds.
    #[serde(default)]
    pub start: f64,
    /// End, in seconds.
    #[serde(default)]
    pub end: f64,
    /// The segment's text.
    #[serde(default)]
    pub text: String,
    /// Speaker label: a known speaker name, or `A`, `B`, ... in order of appearance.
    #[serde(default)]
    pub speaker: String,
}

fn segment_type() -> String {
    "transcript.text.segment".to_owned()
}

impl From<TranscriptTextSegment> for DiarizedSegment {
    fn from(event: TranscriptTextSegment) -> Self {
        Self {
            kind: segment_type(),
            id: event.id,
            start: event.start,
            end: event.end,
            text: event.text,
            speaker: event.speaker,
        }
    }
}

/// A `json` translation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Translation {
    /// The English text.
    #[serde(default)]
    pub text: String,
}

/// A `verbose_json` translation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VerboseTranslation {
    /// Always `translate`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<String>,
    /// The output language (always `english`).
    #[serde(default)]
    pub language: String,
    /// Seconds of input audio.
    #[serde(default)]
    pub duration: f64,
    /// The English text.
    #[serde(default)]
    pub text: String,
    /// Segments with timestamps and decoding statistics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segments: Option<Vec<TranscriptionSegment>>,
}

/// A transcription body decoded according to the requested format.
///
/// The service answers `json`, `verbose_json` and `diarized_json` with JSON and `text`, `srt` and
/// `vtt` with plain text; [`from_body`](Self::from_body) picks the matching type.
///
/// ```
/// use openai_types::audio::{AudioResponseFormat, TranscriptionResponse};
///
/// let srt = "1\n00:00:00,000 --> 00:00:02,000\nHello.\n";
/// let body = TranscriptionResponse::from_body(Some(&AudioResponseFormat::Srt), srt).unwrap();
/// assert_eq!(body.text(), srt);
///
/// let json = TranscriptionResponse::from_body(None, r#"{"text":"Hello."}"#).unwrap();
/// assert!(matches!(json, TranscriptionResponse::Json(_)));
/// assert_eq!(json.text(), "Hello.");
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum TranscriptionResponse {
    /// `json` (also the default when no format was requested).
    Json(Transcription),
    /// `verbose_json`.
    Verbose(VerboseTranscription),
    /// `diarized_json`.
    Diarized(DiarizedTranscription),
    /// `text`, `srt` or `vtt`: the body as sent.
    PlainText(String),
    /// A format this version of the SDK does not know: the body as JSON when it parses, else
    /// as a string.
    Other(serde_json::Value),
}

impl TranscriptionResponse {
    /// Decodes `body` as the type that `format` produces (`None` means the default, `json`).
    pub fn from_body(
        format: Option<&AudioResponseFormat>,
        body: &str,
    ) -> Result<Self, serde_json::Error> {
        Ok(match format.unwrap_or(&AudioResponseFormat::Json) {
            AudioResponseFormat::Json => Self::Json(serde_json::from_str(body)?),
            AudioResponseFormat::VerboseJson => Self::Verbose(serde_json::from_str(body)?),
            AudioResponseFormat::DiarizedJson => Self::Diarized(serde_json::from_str(body)?),
            AudioResponseFormat::Text | AudioResponseFormat::Srt | AudioResponseFormat::Vtt => {
                Self::PlainText(body.to_owned())
            }
            AudioResponseFormat::Unknown(_) => Self::Other(
                serde_json::from_str(body)
                    .unwrap_or_else(|_| serde_json::Value::String(body.to_owned())),
            ),
        })
    }

    /// The transcribed text (for subtitle formats, the whole subtitle file).
    pub fn text(&self) -> &str {
        match self {
            Self::Json(t) => &t.text,
            Self::Verbose(t) => &t.text,
            Self::Diarized(t) => &t.text,
            Self::PlainText(text) => text,
            Self::Other(value) => value
                .as_str()
                .or_else(|| value.get("text").and_then(serde_json::Value::as_str))
                .unwrap_or(""),
        }
    }
}

/// A translation body decoded according to the requested format.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum TranslationResponse {
    /// `json` (also the default when no format was requested).
    Json(Translation),
    /// `verbose_json`.
    Verbose(VerboseTranslation),
    /// `text`, `srt` or `vtt`: the body as sent.
    PlainText(String),
    /// A format this version of the SDK does not know: the body as JSON when it parses, else
    /// as a string.
    Other(serde_json::Value),
}

impl TranslationResponse {
    /// Decodes `body` as the type that `format` produces (`None` means the default, `json`).
    pub fn from_body(
        format: Option<&TranslationResponseFormat>,
        body: &str,
    ) -> Result<Self, serde_json::Error> {
        Ok(match format.unwrap_or(&TranslationResponseFormat::Json) {
            TranslationResponseFormat::Json => Self::Json(serde_json::from_str(body)?),
            TranslationResponseFormat::VerboseJson => Self::Verbose(serde_json::from_str(body)?),
            TranslationResponseFormat::Text
            | TranslationResponseFormat::Srt
            | TranslationResponseFormat::Vtt => Self::PlainText(body.to_owned()),
            TranslationResponseFormat::Unknown(_) => Self::Other(
                serde_json::from_str(body)
                    .unwrap_or_else(|_| serde_json::Value::String(body.to_owned())),
            ),
        })
    }

    /// The translated text (for subtitle formats, the whole subtitle file).
    pub fn text(&self) -> &str {
        match self {
            Self::Json(t) => &t.text,
            Self::Verbose(t) => &t.text,
            Self::PlainText(text) => text,
            Self::Other(value) => value
                .as_str()
                .or_else(|| value.get("text").and_then(serde_json::Value::as_str))
                .unwrap_or(""),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Transcription stream
// ---------------------------------------------------------------------------------------------

tagged_enum! {
    /// One server-sent event of a streamed transcription (`stream: true`).
    ///
    /// The stream ends with `data: [DONE]`, which is not an event.
    pub enum TranscriptionStreamEvent {
        /// More text.
        TextDelta(TranscriptTextDelta) = "transcript.text.delta",
        /// The complete text, with usage; the last event.
        TextDone(TranscriptTextDone) = "transcript.text.done",
        /// A completed speaker segment (diarized transcriptions).
        TextSegment(TranscriptTextSegment) = "transcript.text.segment",
    }
}

/// `transcript.text.delta`: more text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TranscriptTextDelta {
    /// The new text.
    #[serde(default)]
    pub delta: String,
    /// Log probabilities of the delta's tokens (with `include: ["logprobs"]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logprobs: Option<Vec<TranscriptionLogprob>>,
    /// The diarized segment this delta belongs to (diarizing model).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment_id: Option<String>,
}

/// `transcript.text.done`: the complete transcription.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TranscriptTextDone {
    /// The complete text.
    #[serde(default)]
    pub text: String,
    /// Languages detected in the audio (newer models).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub languages: Option<Vec<TranscriptionLanguage>>,
    /// Log probabilities of every token (with `include: ["logprobs"]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logprobs: Option<Vec<TranscriptionLogprob>>,
    /// What the request was billed for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<TranscriptionUsage>,
}

/// `transcript.text.segment`: a completed speaker segment.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TranscriptTextSegment {
    /// Segment id.
    #[serde(default)]
    pub id: String,
    /// Start, in seconds.
    #[serde(default)]
    pub start: f64,
    /// End, in seconds.
    #[serde(default)]
    pub end: f64,
    /// The segment's text.
    #[serde(default)]
    pub text: String,
    /// Speaker label.
    #[serde(default)]
    pub speaker: String,
}

/// Folds a transcription stream into the transcription it describes.
///
/// Deltas append text and log probabilities, segments are collected, and the final
/// `transcript.text.done` event replaces the text with the service's complete text and adds
/// usage. Unknown events are ignored.
///
/// ```
/// use openai_types::audio::{TranscriptionAccumulator, TranscriptionStreamEvent};
///
/// let mut acc = TranscriptionAccumulator::new();
/// for data in [
///     r#"{"type":"transcript.text.delta","delta":"Hello"}"#,
///     r#"{"type":"transcript.text.delta","delta":" world"}"#,
///     r#"{"type":"transcript.text.done","text":"Hello world","usage":{"type":"tokens","input_tokens":1,"output_tokens":2,"total_tokens":3}}"#,
/// ] {
///     acc.push(&serde_json::from_str::<TranscriptionStreamEvent>(data).unwrap());
/// }
/// assert!(acc.is_done());
/// let transcription = acc.finish().unwrap();
/// assert_eq!(transcription.text, "Hello world");
/// assert!(transcription.usage.is_some());
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TranscriptionAccumulator {
    text: String,
    logprobs: Option<Vec<TranscriptionLogprob>>,
    languages: Option<Vec<TranscriptionLanguage>>,
    segments: Vec<DiarizedSegment>,
    usage: Option<TranscriptionUsage>,
    done: bool,
}

impl TranscriptionAccumulator {
    /// An empty accumulator.
    pub fn new() -> Self {
        Self::default()
    }

    /// Folds one event in.
    pub fn push(&mut self, event: &TranscriptionStreamEvent) {
        match event {
            TranscriptionStreamEvent::TextDelta(delta) => {
                self.text.push_str(&delta.delta);
                if let Some(logprobs) = &delta.logprobs {
                    self.logprobs
                        .get_or_insert_with(Vec::new)
                        .extend(logprobs.iter().cloned());
                }
            }
            TranscriptionStreamEvent::TextSegment(segment) => {
                self.segments.push(segment.clone().into());
            }
            TranscriptionStreamEvent::TextDone(done) => {
                // The done event is authoritative: it carries the full text and logprobs.
                self.text.clone_from(&done.text);
                if done.logprobs.is_some() {
                    self.logprobs.clone_from(&done.logprobs);
                }
                if done.languages.is_some() {
                    self.languages.clone_from(&done.languages);
                }
                if done.usage.is_some() {
                    self.usage.clone_from(&done.usage);
                }
                self.done = true;
            }
            TranscriptionStreamEvent::Unknown(_) => {}
        }
    }

    /// Whether the `transcript.text.done` event was seen.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// The text so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The log probabilities so far, when the stream carries them.
    pub fn logprobs(&self) -> Option<&[TranscriptionLogprob]> {
        self.logprobs.as_deref()
    }

    /// Usage, once the done event arrived.
    pub fn usage(&self) -> Option<&TranscriptionUsage> {
        self.usage.as_ref()
    }

    /// The speaker segments so far (diarized streams).
    pub fn segments(&self) -> &[DiarizedSegment] {
        &self.segments
    }

    /// The transcription as accumulated so far.
    pub fn snapshot(&self) -> Transcription {
        Transcription {
            text: self.text.clone(),
            languages: self.languages.clone(),
            logprobs: self.logprobs.clone(),
            usage: self.usage.clone(),
        }
    }

    /// The diarized transcription as accumulated so far (segments plus text and usage).
    pub fn diarized_snapshot(&self) -> DiarizedTranscription {
        DiarizedTranscription {
            task: None,
            duration: None,
            text: self.text.clone(),
            segments: self.segments.clone(),
            usage: self.usage.clone(),
        }
    }

    /// The final transcription, or an error when the stream ended before its done event.
    pub fn finish(self) -> Result<Transcription, IncompleteTranscription> {
        if !self.done {
            return Err(IncompleteTranscription {
                partial_text: self.text,
            });
        }
        Ok(Transcription {
            text: self.text,
            languages: self.languages,
            logprobs: self.logprobs,
            usage: self.usage,
        })
    }
}

/// A transcription stream ended without its `transcript.text.done` event.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct IncompleteTranscription {
    /// The text received before the stream ended.
    pub partial_text: String,
}

impl std::fmt::Display for IncompleteTranscription {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "transcription stream ended without transcript.text.done after {} characters",
            self.partial_text.len()
        )
    }
}

impl std::error::Error for IncompleteTranscription {}

// ---------------------------------------------------------------------------------------------
// Speech
// ---------------------------------------------------------------------------------------------

string_enum! {
    /// A built-in text-to-speech voice.
    pub enum Voice {
        /// `alloy`.
        Alloy = "alloy",
        /// `ash`.
        Ash = "ash",
        /// `ballad`.
        Ballad = "ballad",
        /// `coral`.
        Coral = "coral",
        /// `echo`.
        Echo = "echo",
        /// `fable`.
        Fable = "fable",
        /// `onyx`.
        Onyx = "onyx",
        /// `nova`.
        Nova = "nova",
        /// `sage`.
        Sage = "sage",
        /// `shimmer`.
        Shimmer = "shimmer",
        /// `verse`.
        Verse = "verse",
        /// `marin`.
        Marin = "marin",
        /// `cedar`.
        Cedar = "cedar",
    }
}

/// The voice of a speech request: a built-in name or a custom voice id.
///
/// ```
/// use openai_types::audio::{SpeechVoice, Voice};
///
/// assert_eq!(serde_json::to_string(&SpeechVoice::from(Voice::Coral)).unwrap(), r#""coral""#);
/// assert_eq!(serde_json::to_string(&SpeechVoice::custom("voice_1234")).unwrap(), r#"{"id":"voice_1234"}"#);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum SpeechVoice {
    /// A built-in voice (or a newer name, kept as [`Voice::Unknown`]).
    Named(Voice),
    /// A custom voice.
    Custom(CustomVoice),
}

impl SpeechVoice {
    /// A custom voice by id (`voice_...`).
    pub fn custom(id: impl Into<String>) -> Self {
        Self::Custom(CustomVoice { id: id.into() })
    }
}

impl From<Voice> for SpeechVoice {
    fn from(voice: Voice) -> Self {
        Self::Named(voice)
    }
}

impl From<&str> for SpeechVoice {
    fn from(name: &str) -> Self {
        Self::Named(Voice::from(name))
    }
}

impl From<String> for SpeechVoice {
    fn from(name: String) -> Self {
        Self::Named(Voice::from(name))
    }
}

/// A reference to a custom voice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CustomVoice {
    /// The voice id (`voice_1234`).
    pub id: String,
}

string_enum! {
    /// The audio container/codec of generated speech.
    pub enum SpeechResponseFormat {
        /// MP3 (the default).
        Mp3 = "mp3",
        /// Opus in Ogg.
        Opus = "opus",
        /// AAC.
        Aac = "aac",
        /// FLAC (lossless).
        Flac = "flac",
        /// WAV (uncompressed, with header).
        Wav = "wav",
        /// Raw 24 kHz 16-bit signed little-endian mono samples.
        Pcm = "pcm",
    }
}

string_enum! {
    /// How streamed speech is delivered.
    pub enum SpeechStreamFormat {
        /// The raw audio bytes as the body (the default).
        Audio = "audio",
        /// Server-sent events carrying base64 audio ([`SpeechStreamEvent`]).
        Sse = "sse",
    }
}

/// Parameters for `POST /audio/speech` (a JSON body; the answer is audio bytes, or server-sent
/// events with `stream_format: "sse"`).
///
/// ```
/// use openai_types::audio::{SpeechRequest, SpeechResponseFormat, Voice};
///
/// let request = SpeechRequest::new("gpt-4o-mini-tts", "Hello!", Voice::Coral)
///     .response_format(SpeechResponseFormat::Wav)
///     .speed(1.25);
/// assert_eq!(
///     serde_json::to_string(&request).unwrap(),
///     r#"{"model":"gpt-4o-mini-tts","input":"Hello!","voice":"coral","response_format":"wav","speed":1.25}"#
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct SpeechRequest {
    /// Model id (`tts-1`, `tts-1-hd`, `gpt-4o-mini-tts`, ...).
    pub model: String,
    /// The text to speak (up to 4096 characters).
    pub input: String,
    /// The voice.
    pub voice: SpeechVoice,
    /// How to speak (tone, pace, accent); not supported by `tts-1` and `tts-1-hd`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instructions: Option<String>,
    /// The audio format.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_format: Option<SpeechResponseFormat>,
    /// Speed, 0.25..=4.0 (default 1.0).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speed: Option<f64>,
    /// Raw audio or server-sent events.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stream_format: Option<SpeechStreamFormat>,
    /// Parameters this release does not model, sent as top-level fields.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl SpeechRequest {
    /// Model, text and voice.
    pub fn new(
        model: impl Into<String>,
        input: impl Into<String>,
        voice: impl Into<SpeechVoice>,
    ) -> Self {
        Self {
            model: model.into(),
            input: input.into(),
            voice: voice.into(),
            instructions: None,
            response_format: None,
            speed: None,
            stream_format: None,
            extra: serde_json::Map::new(),
        }
    }

    /// Adds a parameter this release does not model.
    #[must_use]
    pub fn extra(mut self, key: impl Into<String>, value: serde_json::Value) -> Self {
        self.extra.insert(key.into(), value);
        self
    }
}

setters! {
    SpeechRequest {
        instructions: String,
        response_format: SpeechResponseFormat,
        speed: f64,
        stream_format: SpeechStreamFormat,
    }
}

tagged_enum! {
    /// One server-sent event of streamed speech (`stream_format: "sse"`).
    pub enum SpeechStreamEvent {
        /// A chunk of audio.
        AudioDelta(SpeechAudioDelta) = "speech.audio.delta",
        /// All audio was sent; carries usage.
        AudioDone(SpeechAudioDone) = "speech.audio.done",
    }
}

/// `speech.audio.delta`: a chunk of base64 audio in the requested format.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SpeechAudioDelta {
    /// Base64 of the audio bytes.
    #[serde(default)]
    pub audio: String,
}

impl SpeechAudioDelta {
    /// The audio bytes of this chunk.
    ///
    /// ```
    /// use openai_types::audio::SpeechStreamEvent;
    ///
    /// let event: SpeechStreamEvent =
    ///     serde_json::from_str(r#"{"type":"speech.audio.delta","audio":"AAEC"}"#).unwrap();
    /// if let SpeechStreamEvent::AudioDelta(delta) = event {
    ///     assert_eq!(delta.decode_audio().unwrap(), [0, 1, 2]);
    /// }
    /// ```
    pub fn decode_audio(&self) -> Result<Vec<u8>, Base64Error> {
        decode_base64(&self.audio)
    }
}

/// `speech.audio.done`: the end of the audio.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SpeechAudioDone {
    /// Token usage of the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<SpeechUsage>,
}

/// Token usage of a speech request.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SpeechUsage {
    /// Input tokens.
    #[serde(default)]
    pub input_tokens: u64,
    /// Output (audio) tokens.
    #[serde(default)]
    pub output_tokens: u64,
    /// Input plus output tokens.
    #[serde(default)]
    pub total_tokens: u64,
}
