//! [`Chat`]: `POST /chat/completions`, whole or streamed.

mod stream;

pub use stream::ChatCompletionStream;

use core_http::http::Method;
use core_http::kit::{Call, Handle, Streaming, refuse_owned_fields};
use core_http::{Error, RequestBuilder, Scope};
use openai_types::chat::{ChatCompletion, ChatCompletionRequest};

use crate::{OWNED_FIELDS, telemetry};

/// Chat completions (`POST /chat/completions`; on Azure
/// `/openai/deployments/{model}/chat/completions`).
///
/// A cheap handle borrowing the HTTP client; make one per call site or keep it around.
/// On Azure the request's `model` names the deployment unless the client's endpoint has a
/// fixed deployment ([`core_http::Endpoint::with_deployment`]).
///
/// ```
/// # #![allow(clippy::unwrap_used)]
/// use openai_sdk::chat::{ChatCompletionRequest, ChatMessage};
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), openai_sdk::Error> {
/// # let server = openai_mock::MockServer::start().await;
/// # let client = openai_sdk::Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
/// let request = ChatCompletionRequest::new("gpt-4o-mini", [ChatMessage::user("Hello")]);
/// let completion = client.chat().create(&request).await?;
/// assert_eq!(completion.first_content(), Some("Echo: Hello"));
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Chat<'c> {
    handle: Handle<'c>,
}

core_http::resource_handle!(Chat);

impl<'c> Chat<'c> {
    fn request(&self, request: &ChatCompletionRequest) -> RequestBuilder {
        self.handle
            .request(
                Method::POST,
                "/chat/completions",
                Scope::Deployment(&request.model),
                "chat.completions.create",
            )
            .model(&request.model)
            .gen_ai(telemetry::chat_request(request))
            .owns_fields(OWNED_FIELDS)
    }

    /// Sends `request` and returns the whole completion; `.with_response()` on the returned
    /// [`Call`] gives the response metadata too (request id, rate limits, processing time).
    ///
    /// Errors: HTTP failures as [`core_http::ErrorKind::Api`] (after the retries the client
    /// allows), an Azure content-filter rejection included (`err.code() ==
    /// Some("content_filter")`; see [`crate::api_error_object`] for the typed details).
    /// `stream` or `model` in the request's extra fields (or the call's `extra_body`) are
    /// refused before sending: the method decides them.
    ///
    /// ```
    /// # #![allow(clippy::unwrap_used)]
    /// use openai_sdk::chat::{ChatCompletionRequest, ChatMessage};
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), openai_sdk::Error> {
    /// # let server = openai_mock::MockServer::start().await;
    /// # let client = openai_sdk::Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
    /// let request = ChatCompletionRequest::new("gpt-4o-mini", [ChatMessage::user("Hello")]);
    /// let (completion, meta) = client.chat().create(&request).with_response().await?;
    /// assert_eq!(completion.first_content(), Some("Echo: Hello"));
    /// assert!(meta.request_id.is_some());
    /// # Ok(()) }
    /// ```
    pub fn create(&self, request: &ChatCompletionRequest) -> Call<ChatCompletion> {
        if let Err(err) = refuse_owned_fields(&request.extra, OWNED_FIELDS) {
            return Call::fail(err);
        }
        Call::json(self.request(request).json(request)).observe(telemetry::chat_response)
    }

    /// Sends `request` with `"stream": true` and returns the stream once the response
    /// headers arrived.
    ///
    /// HTTP errors and retries happen here, before the stream exists; once it exists nothing
    /// is retried (that would duplicate tokens). The caller's request is not modified.
    ///
    /// ```
    /// # #![allow(clippy::unwrap_used)]
    /// use openai_sdk::chat::{ChatCompletionRequest, ChatMessage, StreamOptions};
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), openai_sdk::Error> {
    /// # let server = openai_mock::MockServer::start().await;
    /// # let client = openai_sdk::Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
    /// let request = ChatCompletionRequest::new("gpt-4o-mini", [ChatMessage::user("Hi there")])
    ///     .stream_options(StreamOptions::include_usage());
    /// let mut stream = client.chat().create_stream(&request).await?;
    /// let mut text = String::new();
    /// while let Some(chunk) = stream.next().await {
    ///     text.push_str(chunk?.delta_text().unwrap_or_default());
    /// }
    /// assert_eq!(text, "Echo: Hi there");
    /// assert!(stream.snapshot().usage.is_some());
    /// # Ok(()) }
    /// ```
    pub async fn create_stream(
        &self,
        request: &ChatCompletionRequest,
    ) -> Result<ChatCompletionStream, Error> {
        refuse_owned_fields(&request.extra, OWNED_FIELDS)?;
        let response = self
            .request(request)
            .json(&Streaming::new(request))
            .send_sse()
            .await?;
        Ok(ChatCompletionStream::new(response))
    }
}
