//! [`Audio`]: transcriptions and translations (multipart uploads), and speech (JSON in, audio
//! bytes or audio events out).

mod speech;
mod stream;

pub use speech::SpeechAudioStream;
pub use stream::{SpeechEventStream, TranscriptionStream};

use core_http::http::Method;
use core_http::kit::{Call, Handle, UploadSource, refuse_owned_fields};
use core_http::multipart::Form;
use core_http::{Error, RequestBuilder, ResponseMeta, Scope};
use openai_types::audio::{
    AudioResponseFormat, DiarizedTranscription, SpeechRequest, SpeechStreamFormat, Transcription,
    TranscriptionRequest, Translation, TranslationRequest, TranslationResponseFormat,
    VerboseTranscription, VerboseTranslation,
};

/// JSON body fields a speech operation sets itself: `model` (the deployment route on Azure),
/// `stream_format` (chosen by `create` or `create_stream_events`) and `stream`.
const SPEECH_OWNED_FIELDS: &[&str] = &["stream", "model", "stream_format"];

/// Audio: speech to text ([`transcriptions`](Self::transcriptions),
/// [`translations`](Self::translations)) and text to speech ([`speech`](Self::speech)).
///
/// Routes: `POST /audio/transcriptions`, `/audio/translations` and `/audio/speech`; on Azure
/// `/openai/deployments/{model}/audio/...`, where `model` is the request's model unless the
/// endpoint has a fixed deployment ([`core_http::Endpoint::with_deployment`]).
///
/// Each result format has its own method, so the format sent and the type returned always
/// agree: `create` → [`Transcription`] (`json`), `create_verbose` → [`VerboseTranscription`]
/// (`verbose_json`, with words and segments), `create_diarized` → [`DiarizedTranscription`]
/// (`diarized_json`), `create_text` → `String` (`text`, `srt`, `vtt`). The method sends its
/// format; a request whose `response_format` names a different one is refused before
/// anything is sent.
///
/// ```
/// # #![allow(clippy::unwrap_used)]
/// use openai_sdk::UploadSource;
/// use openai_sdk::audio::{TimestampGranularity, TranscriptionRequest};
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), openai_sdk::Error> {
/// # let server = openai_mock::MockServer::start().await;
/// # let client = openai_sdk::Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
/// # let wav = vec![0u8; 64];
/// let request = TranscriptionRequest::new("whisper-1")
///     .timestamp_granularities([TimestampGranularity::Word, TimestampGranularity::Segment]);
/// let audio = UploadSource::bytes(wav).file_name("meeting.wav"); // or UploadSource::path(..)
/// let transcription = client.audio().transcriptions().create_verbose(audio, &request).await?;
/// for word in transcription.words.as_deref().unwrap_or_default() {
///     println!("{} [{:.2}s - {:.2}s]", word.word, word.start, word.end);
/// }
/// # assert!(transcription.text.contains("meeting.wav"));
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Audio<'c> {
    handle: Handle<'c>,
}

core_http::resource_handle!(Audio);

impl<'c> Audio<'c> {
    /// Speech to text in the spoken language (`POST /audio/transcriptions`).
    pub fn transcriptions(&self) -> Transcriptions<'c> {
        Transcriptions {
            handle: self.handle.clone(),
        }
    }

    /// Speech to English text (`POST /audio/translations`).
    pub fn translations(&self) -> Translations<'c> {
        Translations {
            handle: self.handle.clone(),
        }
    }

    /// Text to speech (`POST /audio/speech`).
    pub fn speech(&self) -> Speech<'c> {
        Speech {
            handle: self.handle.clone(),
        }
    }
}

/// Form fields a transcription or translation sets itself; the handle's extra body fields
/// may not name them.
const UPLOAD_OWNED_FIELDS: &[&str] = &["model", "stream", "response_format", "file"];

/// The multipart form of a transcription or translation: the request's text fields, the
/// handle's extra body fields (parameters this SDK does not model), then the audio file as the
/// `file` part (as the official SDKs send it).
///
/// Extra fields become text parts: a string as is, an array as one `name[]` part per item,
/// anything else as its JSON text.
fn upload_form(
    fields: Vec<(&'static str, String)>,
    extra: Option<&serde_json::Map<String, serde_json::Value>>,
    file: UploadSource,
) -> Result<Form, Error> {
    let mut form = Form::new();
    for (name, value) in fields {
        form = form.text(name, value);
    }
    if let Some(extra) = extra {
        refuse_owned_fields(extra, UPLOAD_OWNED_FIELDS)?;
        for (name, value) in extra {
            form = match value {
                serde_json::Value::Array(items) => {
                    form.text_array(name, items.iter().map(form_text))
                }
                other => form.text(name.clone(), form_text(other)),
            };
        }
    }
    Ok(form.part(file.into_part("file")?))
}

/// A JSON value as a multipart text value: strings without quotes, the rest as JSON text.
fn form_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// The format a method sends: the request's must be unset or the same.
fn agree<F: PartialEq + std::fmt::Display>(
    requested: Option<&F>,
    sent: &F,
    method: &str,
) -> Result<(), Error> {
    match requested {
        Some(requested) if requested != sent => Err(Error::invalid_request(format!(
            "`response_format` is `{}` but `{method}` sends `{}`; use the method for that \
             format or leave `response_format` unset",
            requested, sent
        ))),
        _ => Ok(()),
    }
}

/// A successful plain-text body (`text`, `srt`, `vtt`) as a `String`.
fn decode_text(bytes: bytes::Bytes, meta: &ResponseMeta) -> Result<String, Error> {
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        let err = Error::decode("the plain-text response body is not valid UTF-8").with_source(e);
        match &meta.request_id {
            Some(id) => err.with_request_id(id.clone()),
            None => err,
        }
    })
}

/// Transcriptions (`POST /audio/transcriptions`, multipart): audio to text in its language.
///
/// The audio comes from an [`UploadSource`]: a path (streamed from disk, never read whole;
/// such a request is sent once, never retried), bytes (retried like any request) or an async
/// reader. A missing file is an `InvalidRequest` error before anything is sent.
///
/// Parameters this SDK does not model go in the handle's extra body fields
/// (`with_options(RequestOptions::default().extra_body_field("name", value))`), sent as text
/// parts; `model`, `stream`, `response_format` and `file` are refused there. Extra body fields
/// given to one call ([`Call::options`]) do not reach a multipart body.
///
/// Made with [`Audio::transcriptions`].
#[derive(Clone, Debug)]
pub struct Transcriptions<'c> {
    handle: Handle<'c>,
}

core_http::resource_handle!(Transcriptions);

impl<'c> Transcriptions<'c> {
    fn request(
        &self,
        request: &TranscriptionRequest,
        form: Form,
        operation: &'static str,
    ) -> RequestBuilder {
        self.handle
            .request(
                Method::POST,
                "/audio/transcriptions",
                Scope::Deployment(&request.model),
                operation,
            )
            .model(&request.model)
            .multipart(form)
    }

    /// The form for `request` sent with `format` and `stream` (the method decides both).
    fn form(
        &self,
        request: &TranscriptionRequest,
        file: UploadSource,
        format: Option<AudioResponseFormat>,
        stream: bool,
    ) -> Result<Form, Error> {
        let mut sent = request.clone();
        if format.is_some() {
            sent.response_format = format;
        }
        sent.stream = stream.then_some(true);
        let extra = self.handle.options().extra_body.as_ref();
        upload_form(sent.form_fields(), extra, file)
    }

    fn call<T>(
        &self,
        file: UploadSource,
        request: &TranscriptionRequest,
        format: AudioResponseFormat,
        method: &'static str,
        build: fn(RequestBuilder) -> Call<T>,
    ) -> Call<T> {
        Call::try_build(|| {
            agree(request.response_format.as_ref(), &format, method)?;
            refuse_stream(request.stream)?;
            let form = self.form(request, file, Some(format), false)?;
            Ok(build(self.request(
                request,
                form,
                "audio.transcriptions.create",
            )))
        })
    }

    /// Transcribes `file` as `json`: the text, plus log probabilities (with
    /// `include: [logprobs]`) and usage.
    ///
    /// Errors: `InvalidRequest` before sending when the request's `response_format` is set to
    /// another format or `stream` is `true` (use [`create_stream`](Self::create_stream)), or
    /// when a path source cannot be read; HTTP failures as [`core_http::ErrorKind::Api`].
    ///
    /// ```
    /// # #![allow(clippy::unwrap_used)]
    /// use openai_sdk::UploadSource;
    /// use openai_sdk::audio::TranscriptionRequest;
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), openai_sdk::Error> {
    /// # let server = openai_mock::MockServer::start().await;
    /// # let client = openai_sdk::Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
    /// let audio = UploadSource::bytes(vec![0u8; 32]).file_name("hello.mp3");
    /// let (transcription, meta) = client.audio()
    ///     .transcriptions()
    ///     .create(audio, &TranscriptionRequest::new("gpt-4o-mini-transcribe"))
    ///     .with_response()
    ///     .await?;
    /// assert_eq!(transcription.text, "Mock transcription of hello.mp3 (32 bytes).");
    /// assert!(meta.request_id.is_some());
    /// # Ok(()) }
    /// ```
    pub fn create(
        &self,
        file: impl Into<UploadSource>,
        request: &TranscriptionRequest,
    ) -> Call<Transcription> {
        self.call(
            file.into(),
            request,
            AudioResponseFormat::Json,
            "create",
            Call::json,
        )
    }

    /// Transcribes `file` as `verbose_json`: language, duration, segments (with their
    /// timestamps and decoding statistics) and, with `timestamp_granularities: [word]`, every
    /// word with its start and end.
    ///
    /// Errors as for [`create`](Self::create).
    pub fn create_verbose(
        &self,
        file: impl Into<UploadSource>,
        request: &TranscriptionRequest,
    ) -> Call<VerboseTranscription> {
        self.call(
            file.into(),
            request,
            AudioResponseFormat::VerboseJson,
            "create_verbose",
            Call::json,
        )
    }

    /// Transcribes `file` as `diarized_json`: the text split into segments labelled with
    /// their speaker (diarizing models such as `gpt-4o-transcribe-diarize`; known speakers
    /// with `known_speaker_names` and `known_speaker_references`).
    ///
    /// Errors as for [`create`](Self::create).
    pub fn create_diarized(
        &self,
        file: impl Into<UploadSource>,
        request: &TranscriptionRequest,
    ) -> Call<DiarizedTranscription> {
        self.call(
            file.into(),
            request,
            AudioResponseFormat::DiarizedJson,
            "create_diarized",
            Call::json,
        )
    }

    /// Transcribes `file` in a plain-text `format` — `text`, `srt` (SubRip) or `vtt` (WebVTT)
    /// — and returns the body as sent. A format this SDK does not know
    /// ([`AudioResponseFormat::Unknown`]) is sent as is and its body returned as text.
    ///
    /// Errors: `InvalidRequest` before sending for the JSON formats (`json`, `verbose_json`,
    /// `diarized_json`: use their typed methods), and as for [`create`](Self::create).
    ///
    /// ```
    /// # #![allow(clippy::unwrap_used)]
    /// use openai_sdk::UploadSource;
    /// use openai_sdk::audio::{AudioResponseFormat, TranscriptionRequest};
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), openai_sdk::Error> {
    /// # let server = openai_mock::MockServer::start().await;
    /// # let client = openai_sdk::Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
    /// let audio = UploadSource::bytes(vec![0u8; 32]).file_name("talk.wav");
    /// let srt = client.audio()
    ///     .transcriptions()
    ///     .create_text(audio, &TranscriptionRequest::new("whisper-1"), AudioResponseFormat::Srt)
    ///     .await?;
    /// assert!(srt.starts_with("1\n00:00:00,000 --> "));
    /// # Ok(()) }
    /// ```
    pub fn create_text(
        &self,
        file: impl Into<UploadSource>,
        request: &TranscriptionRequest,
        format: AudioResponseFormat,
    ) -> Call<String> {
        if matches!(
            format,
            AudioResponseFormat::Json
                | AudioResponseFormat::VerboseJson
                | AudioResponseFormat::DiarizedJson
        ) {
            return Call::fail(Error::invalid_request(format!(
                "`create_text` returns plain text; `{}` is a JSON format (use `create`, \
                 `create_verbose` or `create_diarized`)",
                format.as_str()
            )));
        }
        self.call(file.into(), request, format, "create_text", |builder| {
            Call::new(builder, decode_text)
        })
    }

    /// Transcribes `file` with `stream: true` and returns the event stream once the response
    /// headers arrived: `transcript.text.delta` events (or `transcript.text.segment` for
    /// `diarized_json`), then `transcript.text.done` with the whole text and usage.
    ///
    /// The request's `response_format` is sent as set (`json` by default); `whisper-1` does
    /// not stream. HTTP errors happen here, before the stream exists; nothing is retried once
    /// it exists.
    ///
    /// ```
    /// # #![allow(clippy::unwrap_used)]
    /// use openai_sdk::UploadSource;
    /// use openai_sdk::audio::{TranscriptionRequest, TranscriptionStreamEvent};
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), openai_sdk::Error> {
    /// # let server = openai_mock::MockServer::start().await;
    /// # let client = openai_sdk::Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
    /// let audio = UploadSource::bytes(vec![0u8; 8]).file_name("a.wav");
    /// let request = TranscriptionRequest::new("gpt-4o-mini-transcribe");
    /// let mut stream = client.audio().transcriptions().create_stream(audio, &request).await?;
    /// while let Some(event) = stream.next().await {
    ///     if let TranscriptionStreamEvent::TextDelta(delta) = event? {
    ///         print!("{}", delta.delta);
    ///     }
    /// }
    /// assert_eq!(stream.snapshot().text, "Mock transcription of a.wav (8 bytes).");
    /// # Ok(()) }
    /// ```
    pub async fn create_stream(
        &self,
        file: impl Into<UploadSource>,
        request: &TranscriptionRequest,
    ) -> Result<TranscriptionStream, Error> {
        let form = self.form(request, file.into(), None, true)?;
        let response = self
            .request(request, form, "audio.transcriptions.create_stream")
            .send_sse()
            .await?;
        Ok(TranscriptionStream::new(response))
    }
}

/// `stream: true` belongs to `create_stream`; the other methods decode one body.
fn refuse_stream(stream: Option<bool>) -> Result<(), Error> {
    if stream == Some(true) {
        return Err(Error::invalid_request(
            "`stream` is set by the operation itself; use `create_stream` for a streamed \
             transcription",
        ));
    }
    Ok(())
}

/// Translations (`POST /audio/translations`, multipart): audio in any language to English
/// text.
///
/// Uploads and extra parameters as for [`Transcriptions`]. Made with
/// [`Audio::translations`].
#[derive(Clone, Debug)]
pub struct Translations<'c> {
    handle: Handle<'c>,
}

core_http::resource_handle!(Translations);

impl<'c> Translations<'c> {
    fn call<T>(
        &self,
        file: UploadSource,
        request: &TranslationRequest,
        format: TranslationResponseFormat,
        method: &'static str,
        build: fn(RequestBuilder) -> Call<T>,
    ) -> Call<T> {
        Call::try_build(|| {
            agree(request.response_format.as_ref(), &format, method)?;
            let mut sent = request.clone();
            sent.response_format = Some(format);
            let extra = self.handle.options().extra_body.as_ref();
            let form = upload_form(sent.form_fields(), extra, file)?;
            Ok(build(
                self.handle
                    .request(
                        Method::POST,
                        "/audio/translations",
                        Scope::Deployment(&request.model),
                        "audio.translations.create",
                    )
                    .model(&request.model)
                    .multipart(form),
            ))
        })
    }

    /// Translates `file` to English as `json` (the text).
    ///
    /// Errors: `InvalidRequest` before sending when the request's `response_format` names
    /// another format or a path source cannot be read; HTTP failures as
    /// [`core_http::ErrorKind::Api`].
    ///
    /// ```
    /// # #![allow(clippy::unwrap_used)]
    /// use openai_sdk::UploadSource;
    /// use openai_sdk::audio::TranslationRequest;
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), openai_sdk::Error> {
    /// # let server = openai_mock::MockServer::start().await;
    /// # let client = openai_sdk::Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
    /// let audio = UploadSource::bytes(vec![0u8; 16]).file_name("german.m4a");
    /// let translation = client.audio()
    ///     .translations()
    ///     .create(audio, &TranslationRequest::new("whisper-1"))
    ///     .await?;
    /// assert_eq!(translation.text, "Mock translation of german.m4a (16 bytes).");
    /// # Ok(()) }
    /// ```
    pub fn create(
        &self,
        file: impl Into<UploadSource>,
        request: &TranslationRequest,
    ) -> Call<Translation> {
        self.call(
            file.into(),
            request,
            TranslationResponseFormat::Json,
            "create",
            Call::json,
        )
    }

    /// Translates `file` to English as `verbose_json`: language, duration and timed segments.
    pub fn create_verbose(
        &self,
        file: impl Into<UploadSource>,
        request: &TranslationRequest,
    ) -> Call<VerboseTranslation> {
        self.call(
            file.into(),
            request,
            TranslationResponseFormat::VerboseJson,
            "create_verbose",
            Call::json,
        )
    }

    /// Translates `file` to English in a plain-text `format` (`text`, `srt`, `vtt`, or a
    /// format this SDK does not know) and returns the body as sent.
    ///
    /// Errors: `InvalidRequest` before sending for the JSON formats (`json`, `verbose_json`).
    pub fn create_text(
        &self,
        file: impl Into<UploadSource>,
        request: &TranslationRequest,
        format: TranslationResponseFormat,
    ) -> Call<String> {
        if matches!(
            format,
            TranslationResponseFormat::Json | TranslationResponseFormat::VerboseJson
        ) {
            return Call::fail(Error::invalid_request(format!(
                "`create_text` returns plain text; `{}` is a JSON format (use `create` or \
                 `create_verbose`)",
                format.as_str()
            )));
        }
        self.call(file.into(), request, format, "create_text", |builder| {
            Call::new(builder, decode_text)
        })
    }
}

/// Text to speech (`POST /audio/speech`).
///
/// [`create`](Self::create) returns the audio as a byte stream, read from the connection as
/// it arrives (memory stays bounded whatever the length), which can go to a file
/// ([`SpeechAudioStream::write_to_file`]), any async writer, or be collected.
/// [`create_stream_events`](Self::create_stream_events) asks for `stream_format: "sse"` and
/// yields typed [`SpeechStreamEvent`](openai_types::audio::SpeechStreamEvent)s with base64
/// audio chunks.
///
/// Made with [`Audio::speech`].
#[derive(Clone, Debug)]
pub struct Speech<'c> {
    handle: Handle<'c>,
}

core_http::resource_handle!(Speech);

impl<'c> Speech<'c> {
    fn request(&self, request: &SpeechRequest, operation: &'static str) -> RequestBuilder {
        self.handle
            .request(
                Method::POST,
                "/audio/speech",
                Scope::Deployment(&request.model),
                operation,
            )
            .model(&request.model)
            .owns_fields(SPEECH_OWNED_FIELDS)
    }

    /// Generates speech and returns the audio body as it arrives, once the response headers
    /// are in (HTTP errors and retries happen before that).
    ///
    /// Errors: `InvalidRequest` before sending when `stream_format` is `sse` (use
    /// [`create_stream_events`](Self::create_stream_events)) or the request's extra fields
    /// (or the call's `extra_body`) set `model`, `stream` or `stream_format`.
    ///
    /// ```
    /// # #![allow(clippy::unwrap_used)]
    /// use openai_sdk::audio::{SpeechRequest, SpeechResponseFormat, Voice};
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), openai_sdk::Error> {
    /// # let server = openai_mock::MockServer::start().await;
    /// # let client = openai_sdk::Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
    /// # let dir = std::env::temp_dir().join(format!("speech-doc-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir).unwrap();
    /// let request = SpeechRequest::new("gpt-4o-mini-tts", "Today is a wonderful day.", Voice::Coral)
    ///     .response_format(SpeechResponseFormat::Wav);
    /// let audio = client.audio().speech().create(&request).await?;
    /// assert_eq!(audio.content_type(), Some("audio/wav"));
    /// let written = audio.write_to_file(dir.join("speech.wav")).await?;
    /// assert!(written > 44);
    /// # std::fs::remove_dir_all(&dir).ok();
    /// # Ok(()) }
    /// ```
    pub async fn create(&self, request: &SpeechRequest) -> Result<SpeechAudioStream, Error> {
        refuse_owned_fields(&request.extra, SPEECH_OWNED_FIELDS)?;
        if request.stream_format == Some(SpeechStreamFormat::Sse) {
            return Err(Error::invalid_request(
                "`stream_format` is `sse`: use `create_stream_events` for speech events",
            ));
        }
        let response = self
            .request(request, "audio.speech.create")
            .json(request)
            .send_download()
            .await?;
        Ok(response)
    }

    /// Generates speech as server-sent events (`stream_format: "sse"`, set by this method):
    /// `speech.audio.delta` events carrying base64 audio, then `speech.audio.done` with
    /// usage. Not supported by `tts-1` and `tts-1-hd`.
    ///
    /// Errors: `InvalidRequest` before sending when `stream_format` is `audio`, or the
    /// request's extra fields set `model`, `stream` or `stream_format`.
    ///
    /// ```
    /// # #![allow(clippy::unwrap_used)]
    /// use openai_sdk::audio::{SpeechRequest, SpeechStreamEvent, Voice};
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), openai_sdk::Error> {
    /// # let server = openai_mock::MockServer::start().await;
    /// # let client = openai_sdk::Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
    /// let request = SpeechRequest::new("gpt-4o-mini-tts", "Hello!", Voice::Alloy);
    /// let mut events = client.audio().speech().create_stream_events(&request).await?;
    /// let mut audio = Vec::new();
    /// while let Some(event) = events.next().await {
    ///     if let SpeechStreamEvent::AudioDelta(delta) = event? {
    ///         audio.extend(delta.decode_audio().unwrap());
    ///     }
    /// }
    /// assert!(!audio.is_empty());
    /// assert!(events.usage().is_some());
    /// # Ok(()) }
    /// ```
    pub async fn create_stream_events(
        &self,
        request: &SpeechRequest,
    ) -> Result<SpeechEventStream, Error> {
        refuse_owned_fields(&request.extra, SPEECH_OWNED_FIELDS)?;
        if request.stream_format == Some(SpeechStreamFormat::Audio) {
            return Err(Error::invalid_request(
                "`stream_format` is `audio`: use `create` for the audio bytes",
            ));
        }
        let mut sent = request.clone();
        sent.stream_format = Some(SpeechStreamFormat::Sse);
        let response = self
            .request(request, "audio.speech.create_stream_events")
            .json(&sent)
            .send_sse()
            .await?;
        Ok(SpeechEventStream::new(response))
    }
}
