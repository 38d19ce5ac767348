//! [`Completions`]: legacy text completions, `POST /completions`, whole or streamed.

use std::pin::Pin;
use std::task::{Context, Poll};

use core_http::http::{HeaderMap, Method};
use core_http::kit::{Call, EventStream, Handle, StreamSpec, Streaming, refuse_owned_fields};
use core_http::{Error, RequestBuilder, Scope, SseResponse};
use futures_core::Stream;
use openai_types::completions::{
    Completion, CompletionAccumulator, CompletionChunk, CompletionRequest,
};

use crate::OWNED_FIELDS;

/// Legacy text completions (`gpt-3.5-turbo-instruct`, `davinci-002`; on Azure
/// `/openai/deployments/{model}/completions`).
///
/// ```
/// # #![allow(clippy::unwrap_used)]
/// use openai_sdk::completions::CompletionRequest;
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), openai_sdk::Error> {
/// # let server = openai_mock::MockServer::start().await;
/// # let client = openai_sdk::Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
/// let request = CompletionRequest::new("gpt-3.5-turbo-instruct", "Say hi");
/// let completion = client.completions().create(&request).await?;
/// assert!(completion.first_text().is_some_and(|t| t.contains("Say hi")));
///
/// let stream = client.completions().create_stream(&request).await?;
/// let streamed = stream.into_completion().await?;
/// assert_eq!(streamed.first_text(), completion.first_text());
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Completions<'c> {
    handle: Handle<'c>,
}

core_http::resource_handle!(Completions);

impl<'c> Completions<'c> {
    fn request(&self, request: &CompletionRequest) -> RequestBuilder {
        self.handle
            .request(
                Method::POST,
                "/completions",
                Scope::Deployment(&request.model),
                "completions.create",
            )
            .model(&request.model)
            .gen_ai(crate::telemetry::completion_request(request))
            .owns_fields(OWNED_FIELDS)
    }

    /// Sends `request` and returns the whole completion (`.with_response()` adds the
    /// response metadata).
    pub fn create(&self, request: &CompletionRequest) -> Call<Completion> {
        if let Err(err) = refuse_owned_fields(&request.extra, OWNED_FIELDS) {
            return Call::fail(err);
        }
        Call::json(self.request(request).json(request))
            .observe(crate::telemetry::completion_response)
    }

    /// Sends `request` with `"stream": true`; same contract as
    /// [`Chat::create_stream`](crate::Chat::create_stream).
    pub async fn create_stream(
        &self,
        request: &CompletionRequest,
    ) -> Result<CompletionStream, Error> {
        refuse_owned_fields(&request.extra, OWNED_FIELDS)?;
        let response = self
            .request(request)
            .json(&Streaming::new(request))
            .send_sse()
            .await?;
        Ok(CompletionStream::new(response))
    }
}

/// A legacy completion streamed as server-sent events; the same contract as
/// [`ChatCompletionStream`](crate::ChatCompletionStream), folding chunks into a
/// [`CompletionAccumulator`].
#[derive(Debug)]
#[must_use = "a stream does nothing unless polled"]
pub struct CompletionStream {
    decoder: EventStream<CompletionChunk>,
    accumulator: CompletionAccumulator,
}

impl CompletionStream {
    fn new(response: SseResponse) -> Self {
        CompletionStream {
            decoder: EventStream::new(
                response,
                StreamSpec::json("completion stream")
                    .observe(crate::telemetry::completion_response),
            ),
            accumulator: CompletionAccumulator::new(),
        }
    }

    /// The next chunk; `None` once the stream ended.
    pub async fn next(&mut self) -> Option<Result<CompletionChunk, Error>> {
        std::future::poll_fn(|cx| self.poll_chunk(cx)).await
    }

    fn poll_chunk(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<CompletionChunk, Error>>> {
        let polled = self.decoder.poll_item(cx);
        if let Poll::Ready(Some(Ok(chunk))) = &polled {
            self.accumulator.push(chunk);
        }
        polled
    }

    /// The request id of the response.
    pub fn request_id(&self) -> Option<&str> {
        self.decoder.request_id()
    }

    /// The response headers.
    pub fn meta(&self) -> &core_http::ResponseMeta {
        self.decoder.meta()
    }

    /// The response headers (rate limits, processing time, …).
    pub fn headers(&self) -> &HeaderMap {
        &self.decoder.meta().headers
    }

    /// True once the stream ended.
    pub fn is_finished(&self) -> bool {
        self.decoder.is_finished()
    }

    /// Events with data received so far (keep-alives excluded, `[DONE]` included).
    pub fn events_seen(&self) -> u64 {
        self.decoder.events_seen()
    }

    /// The completion as received so far (also after an error).
    pub fn snapshot(&self) -> Completion {
        self.accumulator.snapshot()
    }

    /// The accumulator holding every chunk received so far.
    pub fn accumulated(&self) -> &CompletionAccumulator {
        &self.accumulator
    }

    /// Reads the rest of the stream and returns the completion, keeping the snapshot on
    /// failure.
    pub async fn drain(&mut self) -> Result<Completion, Error> {
        while let Some(chunk) = self.next().await {
            chunk?;
        }
        self.accumulator.clone().finish().map_err(|e| {
            let err = Error::stream(format!("incomplete completion stream: {e}"));
            match self.decoder.request_id() {
                Some(id) => err.with_request_id(id),
                None => err,
            }
            .with_source(e)
        })
    }

    /// Reads the rest of the stream and returns the completion.
    pub async fn into_completion(mut self) -> Result<Completion, Error> {
        self.drain().await
    }
}

impl Stream for CompletionStream {
    type Item = Result<CompletionChunk, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_chunk(cx)
    }
}
