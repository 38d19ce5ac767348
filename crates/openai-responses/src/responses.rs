//! [`Responses`]: `/responses` and its sub-resources.

use core_http::http::Method;
use core_http::kit::{
    Call, Handle, PollOptions, Streaming, path_segment, poll_until, refuse_owned_fields,
};
use core_http::{Error, RequestBuilder, Scope};
use openai_types::responses::{
    CompactRequest, CompactedResponse, InputTokenCount, InputTokenCountRequest, ItemListParams,
    Response, ResponseCreateRequest, ResponseDeleted, ResponseItemList, ResponseRetrieveParams,
};

use crate::OWNED_FIELDS;
use crate::pages::ItemStream;
use crate::stream::{ResponseStream, ResumableResponseStream};

/// The Responses API (`/responses`; on Azure v1 `/openai/v1/responses`, on Azure's dated
/// preview API `/openai/responses?api-version=…`).
///
/// A cheap handle borrowing the HTTP client. On Azure the request's `model` names the
/// deployment; it travels in the body and never changes the route.
///
/// ```
/// # #![allow(clippy::unwrap_used)]
/// use openai_sdk::responses::ResponseCreateRequest;
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), openai_sdk::Error> {
/// # let server = openai_mock::MockServer::start().await;
/// # let client = openai_sdk::Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
/// let responses = client.responses();
/// let first = responses.create(&ResponseCreateRequest::new("gpt-4.1-mini", "Hi")).await?;
/// // Continue the conversation from the stored response.
/// let next = ResponseCreateRequest::new("gpt-4.1-mini", "And again").previous_response_id(first.id.clone());
/// let (second, meta) = responses.create(&next).with_response().await?;
/// assert_eq!(second.output_text(), "Echo: And again (2 earlier items)");
/// assert!(meta.request_id.is_some());
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Responses<'c> {
    handle: Handle<'c>,
}

core_http::resource_handle!(Responses);

fn response_path(id: &str, rest: &str) -> Result<String, Error> {
    Ok(format!(
        "/responses/{}{rest}",
        path_segment(id, "response_id")?
    ))
}

impl<'c> Responses<'c> {
    fn create_request(&self, request: &ResponseCreateRequest) -> RequestBuilder {
        self.handle
            .request(
                Method::POST,
                "/responses",
                Scope::Resource,
                "responses.create",
            )
            .model(&request.model)
            .gen_ai(crate::telemetry::request(request))
            .owns_fields(OWNED_FIELDS)
    }

    /// Creates a response and returns it whole; `.with_response()` on the returned [`Call`]
    /// gives the response metadata too.
    ///
    /// A response that `failed` or is `incomplete` is returned as is (see its `status`,
    /// `error` and `incomplete_details`); HTTP failures are errors. `stream` in the request
    /// (its field, its `extra` fields or the call's `extra_body`) is refused before sending:
    /// use [`create_stream`](Self::create_stream).
    pub fn create(&self, request: &ResponseCreateRequest) -> Call<Response> {
        Call::try_build(|| {
            refuse_stream(request)?;
            Ok(Call::json(self.create_request(request).json(request))
                .observe(crate::telemetry::response))
        })
    }

    /// Creates a response with `"stream": true` and returns the event stream once the
    /// response headers arrived. HTTP errors and retries happen here; once the stream exists
    /// nothing is retried. The caller's request is not modified.
    pub async fn create_stream(
        &self,
        request: &ResponseCreateRequest,
    ) -> Result<ResponseStream, Error> {
        refuse_stream(request)?;
        let response = self
            .create_request(request)
            .json(&Streaming::new(request))
            .send_sse()
            .await?;
        Ok(ResponseStream::new(response))
    }

    /// Creates a background response (`background: true` is required) with a stream that is
    /// re-opened after a dropped connection, at most `max_resumes` times in all (see
    /// [`ResumableResponseStream`]; [`DEFAULT_MAX_RESUMES`](crate::DEFAULT_MAX_RESUMES) is a
    /// sensible value).
    ///
    /// ```
    /// # #![allow(clippy::unwrap_used)]
    /// use openai_sdk::responses::{DEFAULT_MAX_RESUMES, ResponseCreateRequest};
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), openai_sdk::Error> {
    /// # let server = openai_mock::MockServer::start().await;
    /// # let client = openai_sdk::Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
    /// let request = ResponseCreateRequest::new("gpt-4.1-mini", "a long essay").background(true);
    /// let stream = client.responses().create_stream_resumable(&request, DEFAULT_MAX_RESUMES).await?;
    /// let response = stream.into_response().await?;
    /// assert_eq!(response.output_text(), "Echo: a long essay");
    /// # Ok(()) }
    /// ```
    pub async fn create_stream_resumable(
        &self,
        request: &ResponseCreateRequest,
        max_resumes: u32,
    ) -> Result<ResumableResponseStream<'c>, Error> {
        if request.background != Some(true) {
            return Err(Error::invalid_request(
                "only background responses can be resumed: set `background: true`",
            ));
        }
        let first = self.create_stream(request).await?;
        Ok(ResumableResponseStream::new(
            self.clone(),
            first,
            None,
            None,
            max_resumes,
        ))
    }

    /// Retrieves a response (a background one advances as it is polled).
    ///
    /// `params.stream` must not be `true` here: use [`retrieve_stream`](Self::retrieve_stream)
    /// for the streamed form.
    pub fn retrieve(&self, id: &str, params: &ResponseRetrieveParams) -> Call<Response> {
        Call::try_build(|| {
            if params.stream == Some(true) {
                return Err(Error::invalid_request(
                    "`stream: true` is set by `retrieve_stream`; use it for a streamed retrieval",
                ));
            }
            let path = response_path(id, "")?;
            let mut builder =
                self.handle
                    .request(Method::GET, &path, Scope::Resource, "responses.retrieve");
            for (key, value) in params.to_query() {
                builder = builder.query(key, value);
            }
            Ok(Call::json(builder))
        })
    }

    /// Streams a background response that was created with `stream: true`, replaying the
    /// events after `starting_after` (every event when `None`): the way to pick a stream up
    /// again after a dropped connection.
    pub async fn retrieve_stream(
        &self,
        id: &str,
        starting_after: Option<u64>,
    ) -> Result<ResponseStream, Error> {
        let path = response_path(id, "")?;
        let mut params = ResponseRetrieveParams::new().stream(true);
        params.starting_after = starting_after;
        let mut builder = self.handle.request(
            Method::GET,
            &path,
            Scope::Resource,
            "responses.retrieve_stream",
        );
        for (key, value) in params.to_query() {
            builder = builder.query(key, value);
        }
        Ok(ResponseStream::new(builder.send_sse().await?))
    }

    /// [`retrieve_stream`](Self::retrieve_stream) that re-opens the stream after a dropped
    /// connection, at most `max_resumes` times in all (see [`ResumableResponseStream`]).
    pub async fn retrieve_stream_resumable(
        &self,
        id: &str,
        starting_after: Option<u64>,
        max_resumes: u32,
    ) -> Result<ResumableResponseStream<'c>, Error> {
        let first = self.retrieve_stream(id, starting_after).await?;
        Ok(ResumableResponseStream::new(
            self.clone(),
            first,
            Some(id.to_owned()),
            starting_after,
            max_resumes,
        ))
    }

    /// Deletes a stored response.
    pub fn delete(&self, id: &str) -> Call<ResponseDeleted> {
        Call::try_build(|| {
            let path = response_path(id, "")?;
            Ok(Call::json(self.handle.request(
                Method::DELETE,
                &path,
                Scope::Resource,
                "responses.delete",
            )))
        })
    }

    /// Cancels a background response that is still queued or in progress (the answer is the
    /// response, `cancelled`; a finished one comes back unchanged).
    pub fn cancel(&self, id: &str) -> Call<Response> {
        Call::try_build(|| {
            let path = response_path(id, "/cancel")?;
            Ok(Call::json(self.handle.request(
                Method::POST,
                &path,
                Scope::Resource,
                "responses.cancel",
            )))
        })
    }

    /// One page of the items that were a response's input.
    pub fn input_items(&self, id: &str, params: &ItemListParams) -> Call<ResponseItemList> {
        Call::try_build(|| {
            let path = response_path(id, "/input_items")?;
            let mut builder = self.handle.request(
                Method::GET,
                &path,
                Scope::Resource,
                "responses.input_items.list",
            );
            for (key, value) in params.to_query() {
                builder = builder.query(key, value);
            }
            Ok(Call::json(builder))
        })
    }

    /// Every input item of a response, page after page (see [`ItemStream`]).
    pub fn input_items_all(&self, id: &str, params: &ItemListParams) -> ItemStream<'c> {
        let responses = self.clone();
        let id = id.to_owned();
        ItemStream::new(params.clone(), move |page| responses.input_items(&id, page))
    }

    /// Counts the input tokens a request would use.
    pub fn input_tokens(&self, request: &InputTokenCountRequest) -> Call<InputTokenCount> {
        let mut builder = self.handle.request(
            Method::POST,
            "/responses/input_tokens",
            Scope::Resource,
            "responses.input_tokens",
        );
        if let Some(model) = &request.model {
            builder = builder.model(model);
        }
        Call::json(builder.json(request))
    }

    /// Compacts a long conversation into fewer items (pass the result's `output` as the next
    /// request's `input`).
    pub fn compact(&self, request: &CompactRequest) -> Call<CompactedResponse> {
        Call::json(
            self.handle
                .request(
                    Method::POST,
                    "/responses/compact",
                    Scope::Resource,
                    "responses.compact",
                )
                .model(&request.model)
                .json(request),
        )
    }

    /// Polls a response until it is finished (completed, failed, incomplete or cancelled),
    /// following the server's poll hints, the interval and the timeout of `options`.
    ///
    /// ```
    /// # #![allow(clippy::unwrap_used)]
    /// use std::time::Duration;
    /// use openai_sdk::PollOptions;
    /// use openai_sdk::responses::{ResponseCreateRequest, ResponseStatus};
    /// # #[tokio::main(flavor = "current_thread", start_paused = true)]
    /// # async fn main() -> Result<(), openai_sdk::Error> {
    /// # let server = openai_mock::MockServer::start().await;
    /// # let client = openai_sdk::Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
    /// let request = ResponseCreateRequest::new("gpt-4.1-mini", "Write a report");
    /// let options = PollOptions::new().interval(Duration::from_millis(500));
    /// let response = client.responses().create_background_and_poll(&request, &options).await?;
    /// assert_eq!(response.status, Some(ResponseStatus::Completed));
    /// # Ok(()) }
    /// ```
    pub async fn poll(&self, id: &str, options: &PollOptions) -> Result<Response, Error> {
        path_segment(id, "response_id")?;
        let params = ResponseRetrieveParams::new();
        let (response, _meta) = poll_until(
            options,
            || self.retrieve(id, &params).with_response(),
            Response::is_finished,
            status_of,
        )
        .await?;
        Ok(response)
    }

    /// Creates the response with `background: true` (the caller's request is not modified)
    /// and [`poll`](Self::poll)s it to a final status.
    pub async fn create_background_and_poll(
        &self,
        request: &ResponseCreateRequest,
        options: &PollOptions,
    ) -> Result<Response, Error> {
        let mut request = request.clone();
        request.background = Some(true);
        let created = self.create(&request).await?;
        if created.is_finished() {
            return Ok(created);
        }
        self.poll(&created.id, options).await
    }

    /// Creates a response whose text is JSON matching `T` (a strict `json_schema`
    /// `text.format` generated from the type, replacing any format of the request) and
    /// returns it decoded. Errors are those of [`parse_response`](crate::parse_response):
    /// refusal, incomplete or failed response, JSON that does not match `T`.
    ///
    /// ```
    /// # #![allow(clippy::unwrap_used)]
    /// use openai_sdk::responses::ResponseCreateRequest;
    ///
    /// #[derive(serde::Deserialize, schemars::JsonSchema)]
    /// struct City { name: String, population: u64 }
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), openai_sdk::Error> {
    /// # let server = openai_mock::MockServer::start().await;
    /// # let client = openai_sdk::Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
    /// let request = ResponseCreateRequest::new("gpt-4.1-mini", "The largest city of France?");
    /// let city: City = client.responses().parse(&request).await?;
    /// # let _ = (city.name, city.population);
    /// # Ok(()) }
    /// ```
    #[cfg(feature = "schemars")]
    pub async fn parse<T>(&self, request: &ResponseCreateRequest) -> Result<T, Error>
    where
        T: serde::de::DeserializeOwned + schemars::JsonSchema,
    {
        let mut request = request.clone();
        let format = crate::structured::text_format_for::<T>();
        match request.text.as_mut() {
            Some(text) => text.format = Some(format),
            None => request.text = Some(openai_types::responses::TextConfig::format(format)),
        }
        let response = self.create(&request).await?;
        crate::structured::parse_response(&response)
    }
}

fn status_of(response: &Response) -> &str {
    response.status.as_ref().map_or("unknown", |s| s.as_str())
}

/// `stream` belongs to the method: refused as a field and among the extra fields.
fn refuse_stream(request: &ResponseCreateRequest) -> Result<(), Error> {
    if request.stream.is_some() {
        return Err(Error::invalid_request(
            "`stream` is set by the operation itself (`create` or `create_stream`); leave it unset",
        ));
    }
    refuse_owned_fields(&request.extra, OWNED_FIELDS)
}
