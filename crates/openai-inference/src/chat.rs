//! [`Chat`]: `POST /chat/completions`, whole or streamed.

mod stream;

pub use stream::ChatCompletionStream;

use core_http::{Error, HttpClient, RequestOptions, Scope};
use openai_types::chat::{ChatCompletion, ChatCompletionRequest};

use crate::body::{Streaming, reject_stream_extra, to_json};

/// Chat completions (`POST /chat/completions`; on Azure
/// `/openai/deployments/{model}/chat/completions`).
///
/// A cheap handle borrowing the HTTP client; make one per call site or keep it around.
/// On Azure the request's `model` names the deployment unless the client's endpoint has a
/// fixed deployment ([`core_http::Endpoint::with_deployment`]).
///
/// ```
/// # #![allow(clippy::unwrap_used)]
/// use openai_inference::Chat;
/// use openai_types::chat::{ChatCompletionRequest, ChatMessage};
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), core_http::Error> {
/// # let server = openai_mock::MockServer::start().await;
/// # let http = core_http::HttpClient::builder().endpoint(core_http::Endpoint::openai(server.base_url())?).credential(core_http::Credential::openai_key("sk-test")).build()?;
/// let request = ChatCompletionRequest::new("gpt-4o-mini", [ChatMessage::user("Hello")]);
/// let completion = Chat::new(&http).create(&request).await?;
/// assert_eq!(completion.first_content(), Some("Echo: Hello"));
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Chat<'c> {
    http: &'c HttpClient,
    options: RequestOptions,
}

impl<'c> Chat<'c> {
    /// A handle on `http`.
    pub fn new(http: &'c HttpClient) -> Self {
        Chat {
            http,
            options: RequestOptions::default(),
        }
    }

    /// Per-call options (timeout, retries, headers, query, extra body fields) for every call
    /// made through this handle.
    #[must_use]
    pub fn with_options(mut self, options: RequestOptions) -> Self {
        self.options = options;
        self
    }

    /// The HTTP client this handle sends through.
    pub fn http(&self) -> &'c HttpClient {
        self.http
    }

    /// The per-call options of this handle.
    pub fn options(&self) -> &RequestOptions {
        &self.options
    }

    /// Sends `request` and returns the whole completion.
    ///
    /// Errors: HTTP failures as [`core_http::ErrorKind::Api`] (after the retries the client
    /// allows), an Azure content-filter rejection included (`err.code() ==
    /// Some("content_filter")`; see [`crate::api_error_object`] for the typed details).
    pub async fn create(&self, request: &ChatCompletionRequest) -> Result<ChatCompletion, Error> {
        reject_stream_extra(&request.extra)?;
        self.http
            .post("/chat/completions", Scope::Deployment(&request.model))
            .operation("chat.completions.create")
            .model(&request.model)
            .json_bytes(to_json(request)?)
            .options(&self.options)
            .send_json()
            .await
    }

    /// Sends `request` with `"stream": true` and returns the stream once the response
    /// headers arrived.
    ///
    /// HTTP errors and retries happen here, before the stream exists; once it exists nothing
    /// is retried (that would duplicate tokens). The caller's request is not modified.
    ///
    /// ```
    /// # #![allow(clippy::unwrap_used)]
    /// use openai_inference::Chat;
    /// use openai_types::chat::{ChatCompletionRequest, ChatMessage, StreamOptions};
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), core_http::Error> {
    /// # let server = openai_mock::MockServer::start().await;
    /// # let http = core_http::HttpClient::builder().endpoint(core_http::Endpoint::openai(server.base_url())?).credential(core_http::Credential::openai_key("sk-test")).build()?;
    /// let request = ChatCompletionRequest::new("gpt-4o-mini", [ChatMessage::user("Hi there")])
    ///     .stream_options(StreamOptions::include_usage());
    /// let mut stream = Chat::new(&http).create_stream(&request).await?;
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
        reject_stream_extra(&request.extra)?;
        let body = to_json(&Streaming {
            request,
            stream: true,
        })?;
        let response = self
            .http
            .post("/chat/completions", Scope::Deployment(&request.model))
            .operation("chat.completions.create")
            .model(&request.model)
            .json_bytes(body)
            .options(&self.options)
            .send_sse()
            .await?;
        Ok(ChatCompletionStream::new(response))
    }
}
