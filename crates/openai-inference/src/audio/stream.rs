//! [`TranscriptionStream`] and [`SpeechEventStream`]: the audio event streams.

use std::pin::Pin;
use std::task::{Context, Poll};

use core_http::http::HeaderMap;
use core_http::kit::{EventStream, StreamSpec};
use core_http::{Error, ResponseMeta, SseResponse};
use futures_core::Stream;
use openai_types::audio::{
    DiarizedTranscription, SpeechStreamEvent, SpeechUsage, Transcription, TranscriptionAccumulator,
    TranscriptionStreamEvent,
};

/// Transcription events: `transcript.text.done` is the last one (the service follows it with
/// `data: [DONE]`, which is read while the stream drains; a stream without it ends as well).
const TRANSCRIPTION_EVENTS: StreamSpec<TranscriptionStreamEvent> =
    StreamSpec::json("transcription stream")
        .final_event(|event| matches!(event, TranscriptionStreamEvent::TextDone(_)))
        .end_label("`transcript.text.done` event");

/// Speech events: `speech.audio.done` is the last one.
const SPEECH_EVENTS: StreamSpec<SpeechStreamEvent> = StreamSpec::json("speech event stream")
    .final_event(|event| matches!(event, SpeechStreamEvent::AudioDone(_)))
    .end_label("`speech.audio.done` event");

/// A transcription streamed as server-sent events (`stream: true`).
///
/// Yields each [`TranscriptionStreamEvent`] as it arrives — text deltas, speaker segments,
/// the final `transcript.text.done`, and events this SDK does not know (kept as raw JSON) —
/// and folds it into a [`TranscriptionAccumulator`], so [`snapshot`](Self::snapshot) has the
/// text received so far, also after an error.
///
/// The stream ends after `transcript.text.done`. It fails (and then ends) when the body stops
/// before it (`ErrorKind::Stream`, "stream ended before its `transcript.text.done` event after
/// N events"), on an error event (`ErrorKind::Api` without a status), on an event that does
/// not decode (`ErrorKind::Decode` naming the JSON path), or when nothing arrives for the idle
/// timeout (`Timeout(StreamIdle)`). Nothing is retried once the stream exists; dropping it
/// closes the connection.
#[derive(Debug)]
#[must_use = "a stream does nothing unless polled"]
pub struct TranscriptionStream {
    decoder: EventStream<TranscriptionStreamEvent>,
    accumulator: TranscriptionAccumulator,
}

impl TranscriptionStream {
    pub(crate) fn new(response: SseResponse) -> Self {
        TranscriptionStream {
            decoder: EventStream::new(response, TRANSCRIPTION_EVENTS),
            accumulator: TranscriptionAccumulator::new(),
        }
    }

    /// The next event, without importing a `StreamExt` trait. `None` once the stream ended.
    pub async fn next(&mut self) -> Option<Result<TranscriptionStreamEvent, Error>> {
        std::future::poll_fn(|cx| self.poll_event(cx)).await
    }

    fn poll_event(
        &mut self,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<TranscriptionStreamEvent, Error>>> {
        let polled = self.decoder.poll_item(cx);
        if let Poll::Ready(Some(Ok(event))) = &polled {
            self.accumulator.push(event);
        }
        polled
    }

    /// Status, headers and request id of the streaming response.
    pub fn meta(&self) -> &ResponseMeta {
        self.decoder.meta()
    }

    /// The request id of the response.
    pub fn request_id(&self) -> Option<&str> {
        self.decoder.request_id()
    }

    /// The response headers (rate limits, processing time, …).
    pub fn headers(&self) -> &HeaderMap {
        &self.decoder.meta().headers
    }

    /// True once the stream ended (final event, error or end of body).
    pub fn is_finished(&self) -> bool {
        self.decoder.is_finished()
    }

    /// Events with data received so far (keep-alives excluded).
    pub fn events_seen(&self) -> u64 {
        self.decoder.events_seen()
    }

    /// The transcription as received so far (text, log probabilities, usage once done):
    /// always available, also after an error.
    pub fn snapshot(&self) -> Transcription {
        self.accumulator.snapshot()
    }

    /// The speaker segments and text received so far (`diarized_json` streams).
    pub fn diarized_snapshot(&self) -> DiarizedTranscription {
        self.accumulator.diarized_snapshot()
    }

    /// The accumulator holding every event received so far.
    pub fn accumulated(&self) -> &TranscriptionAccumulator {
        &self.accumulator
    }

    /// Reads the rest of the stream and returns the transcription, keeping the stream so
    /// [`snapshot`](Self::snapshot) still works when this fails.
    ///
    /// Fails on any stream error, and when the stream ended without `transcript.text.done`.
    pub async fn drain(&mut self) -> Result<Transcription, Error> {
        while let Some(event) = self.next().await {
            event?;
        }
        self.accumulator.clone().finish().map_err(|e| {
            let err = Error::stream(format!("incomplete transcription stream: {e}"));
            match self.decoder.request_id() {
                Some(id) => err.with_request_id(id),
                None => err,
            }
            .with_source(e)
        })
    }

    /// Reads the rest of the stream and returns the transcription (see
    /// [`drain`](Self::drain), which keeps the snapshot on failure).
    pub async fn into_transcription(mut self) -> Result<Transcription, Error> {
        self.drain().await
    }
}

impl Stream for TranscriptionStream {
    type Item = Result<TranscriptionStreamEvent, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_event(cx)
    }
}

/// Speech streamed as server-sent events (`stream_format: "sse"`).
///
/// Yields each [`SpeechStreamEvent`] as it arrives: `speech.audio.delta` events with base64
/// audio ([`SpeechAudioDelta::decode_audio`](openai_types::audio::SpeechAudioDelta::decode_audio)),
/// then `speech.audio.done` with usage, which ends the stream; events this SDK does not know
/// are kept as raw JSON. The audio is not kept: memory stays bounded. Errors end the stream
/// as for [`TranscriptionStream`]; [`audio_events`](Self::audio_events) and
/// [`audio_bytes`](Self::audio_bytes) say how much arrived before.
#[derive(Debug)]
#[must_use = "a stream does nothing unless polled"]
pub struct SpeechEventStream {
    decoder: EventStream<SpeechStreamEvent>,
    audio_events: u64,
    audio_bytes: u64,
    usage: Option<SpeechUsage>,
}

impl SpeechEventStream {
    pub(crate) fn new(response: SseResponse) -> Self {
        SpeechEventStream {
            decoder: EventStream::new(response, SPEECH_EVENTS),
            audio_events: 0,
            audio_bytes: 0,
            usage: None,
        }
    }

    /// The next event; `None` once the stream ended.
    pub async fn next(&mut self) -> Option<Result<SpeechStreamEvent, Error>> {
        std::future::poll_fn(|cx| self.poll_event(cx)).await
    }

    fn poll_event(
        &mut self,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<SpeechStreamEvent, Error>>> {
        let polled = self.decoder.poll_item(cx);
        match &polled {
            Poll::Ready(Some(Ok(SpeechStreamEvent::AudioDelta(delta)))) => {
                self.audio_events += 1;
                // Base64 length to decoded length, without decoding (padding subtracted).
                let text = delta.audio.trim_end();
                let padding = text.bytes().rev().take_while(|b| *b == b'=').count();
                self.audio_bytes += (text.len() / 4 * 3).saturating_sub(padding) as u64;
            }
            Poll::Ready(Some(Ok(SpeechStreamEvent::AudioDone(done)))) => {
                self.usage.clone_from(&done.usage);
            }
            _ => {}
        }
        polled
    }

    /// Status, headers and request id of the streaming response.
    pub fn meta(&self) -> &ResponseMeta {
        self.decoder.meta()
    }

    /// The request id of the response.
    pub fn request_id(&self) -> Option<&str> {
        self.decoder.request_id()
    }

    /// True once the stream ended (final event, error or end of body).
    pub fn is_finished(&self) -> bool {
        self.decoder.is_finished()
    }

    /// Events with data received so far (keep-alives excluded).
    pub fn events_seen(&self) -> u64 {
        self.decoder.events_seen()
    }

    /// `speech.audio.delta` events received so far.
    pub fn audio_events(&self) -> u64 {
        self.audio_events
    }

    /// Audio bytes carried by the delta events so far (their decoded length).
    pub fn audio_bytes(&self) -> u64 {
        self.audio_bytes
    }

    /// Usage, once `speech.audio.done` arrived.
    pub fn usage(&self) -> Option<&SpeechUsage> {
        self.usage.as_ref()
    }
}

impl Stream for SpeechEventStream {
    type Item = Result<SpeechStreamEvent, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_event(cx)
    }
}
