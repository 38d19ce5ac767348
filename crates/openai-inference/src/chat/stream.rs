//! [`ChatCompletionStream`]: a streamed chat completion as a named `Stream` of chunks.

use std::pin::Pin;
use std::task::{Context, Poll};

use core_http::http::HeaderMap;
use core_http::{Error, SseResponse};
use futures_core::Stream;
use openai_types::chat::{ChatCompletion, ChatCompletionAccumulator, ChatCompletionChunk};

use core_http::kit::{EventStream, StreamSpec};

const SPEC: StreamSpec<ChatCompletionChunk> =
    StreamSpec::json("chat completion stream").observe(crate::telemetry::chat_chunk);

/// A chat completion streamed as server-sent events.
///
/// Yields each [`ChatCompletionChunk`] as it arrives (Azure's filter-only chunks included:
/// they are valid chunks with empty `choices`) and folds it into a
/// [`ChatCompletionAccumulator`], so [`snapshot`](Self::snapshot) has everything received so
/// far — also after an error.
///
/// The stream ends after `data: [DONE]`. It fails (and then ends) when the body stops
/// before `[DONE]` (`ErrorKind::Stream`, "stream ended before its \[DONE\] terminator after N
/// events"), on an `event: error` or a `{"error": ...}` payload (`ErrorKind::Api` without a
/// status), or when no byte arrives for the idle timeout (`Timeout(StreamIdle)`). Nothing is
/// retried once the stream exists.
///
/// After `[DONE]` the end of the body is awaited briefly (at most 200 ms) so the connection
/// returns to the pool. Dropping the stream earlier drops the response body: the connection is
/// closed and the service stops generating. There is no background task.
///
/// ```
/// # #![allow(clippy::unwrap_used)]
/// use openai_sdk::chat::{ChatCompletionRequest, ChatMessage};
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), openai_sdk::Error> {
/// # let server = openai_mock::MockServer::start().await;
/// # let client = openai_sdk::Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
/// let request = ChatCompletionRequest::new("gpt-4o-mini", [ChatMessage::user("one two")]);
/// let stream = client.chat().create_stream(&request).await?;
/// let completion = stream.into_completion().await?;
/// assert_eq!(completion.first_content(), Some("Echo: one two"));
/// # Ok(()) }
/// ```
#[derive(Debug)]
#[must_use = "a stream does nothing unless polled"]
pub struct ChatCompletionStream {
    decoder: EventStream<ChatCompletionChunk>,
    accumulator: ChatCompletionAccumulator,
}

impl ChatCompletionStream {
    pub(crate) fn new(response: SseResponse) -> Self {
        ChatCompletionStream {
            decoder: EventStream::new(response, SPEC),
            accumulator: ChatCompletionAccumulator::new(),
        }
    }

    /// The next chunk, without importing a `StreamExt` trait. `None` once the stream ended.
    pub async fn next(&mut self) -> Option<Result<ChatCompletionChunk, Error>> {
        std::future::poll_fn(|cx| self.poll_chunk(cx)).await
    }

    fn poll_chunk(
        &mut self,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<ChatCompletionChunk, Error>>> {
        let polled = self.decoder.poll_item(cx);
        if let Poll::Ready(Some(Ok(chunk))) = &polled {
            self.accumulator.push(chunk);
        }
        polled
    }

    /// The request id of the response (`x-request-id`, else Azure's `apim-request-id`).
    pub fn request_id(&self) -> Option<&str> {
        self.decoder.request_id()
    }

    /// Status, headers and request id of the streaming response.
    pub fn meta(&self) -> &core_http::ResponseMeta {
        self.decoder.meta()
    }

    /// The response headers (rate limits, processing time, …).
    pub fn headers(&self) -> &HeaderMap {
        &self.decoder.meta().headers
    }

    /// True once the stream ended (terminator, error or end of body).
    pub fn is_finished(&self) -> bool {
        self.decoder.is_finished()
    }

    /// Events with data received so far (keep-alives excluded, `[DONE]` included).
    pub fn events_seen(&self) -> u64 {
        self.decoder.events_seen()
    }

    /// The completion as received so far: always available, also after an error.
    pub fn snapshot(&self) -> ChatCompletion {
        self.accumulator.snapshot()
    }

    /// The accumulator holding every chunk received so far.
    pub fn accumulated(&self) -> &ChatCompletionAccumulator {
        &self.accumulator
    }

    /// Reads the rest of the stream and returns the completion it describes, keeping the
    /// stream so [`snapshot`](Self::snapshot) still works when this fails.
    ///
    /// Fails on any stream error, and when the chunks do not make a complete completion (a
    /// choice without `finish_reason`, a tool call without id, name or arguments).
    pub async fn drain(&mut self) -> Result<ChatCompletion, Error> {
        while let Some(chunk) = self.next().await {
            chunk?;
        }
        self.accumulator.clone().finish().map_err(|e| {
            let err = Error::stream(format!("incomplete chat completion stream: {e}"));
            match self.decoder.request_id() {
                Some(id) => err.with_request_id(id),
                None => err,
            }
            .with_source(e)
        })
    }

    /// Reads the rest of the stream and returns the completion it describes (see
    /// [`drain`](Self::drain), which keeps the snapshot on failure).
    pub async fn into_completion(mut self) -> Result<ChatCompletion, Error> {
        self.drain().await
    }
}

impl Stream for ChatCompletionStream {
    type Item = Result<ChatCompletionChunk, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_chunk(cx)
    }
}
