//! [`Call`]: one request/response operation, awaited for its value or, with
//! [`Call::with_response`], for its value and the response metadata.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;

use bytes::Bytes;
use serde::de::DeserializeOwned;

use crate::error::{Error, decode_json};
use crate::options::RequestOptions;
use crate::request::{RequestBuilder, ResponseMeta};
use crate::telemetry::{GenAiResponse, Observer};

/// Turns a successful response body into the operation's value.
pub type Decoder<T> = fn(Bytes, &ResponseMeta) -> Result<T, Error>;

// Built once and moved into its future: boxing the builder would cost an allocation per call.
#[allow(clippy::large_enum_variant)]
enum State<T> {
    Ready(RequestBuilder, Decoder<T>),
    Failed(Error),
}

/// A prepared call: `.await` it for the value, or call [`with_response`](Self::with_response)
/// first to get the value together with its [`ResponseMeta`] (status, request id, headers,
/// rate limits, processing time).
///
/// Nothing is sent until it is awaited. Per-call [`options`](Self::options) layer over the
/// handle's options, which layer over the client's settings (call > handle > client).
///
/// ```no_run
/// use core_http::kit::Call;
/// use core_http::{HttpClient, Scope};
///
/// # async fn run(http: HttpClient) -> Result<(), core_http::Error> {
/// let call: Call<serde_json::Value> = Call::json(http.get("/models", Scope::Resource));
/// let (models, meta) = call.with_response().await?;
/// println!("{} models, request id {:?}", models["data"].as_array().map_or(0, Vec::len), meta.request_id);
/// println!("remaining requests: {:?}", meta.rate_limits().remaining_requests);
/// # Ok(()) }
/// ```
#[must_use = "a call does nothing until it is awaited"]
pub struct Call<T> {
    state: State<T>,
    observe: Option<Observer<T>>,
}

impl<T> fmt::Debug for Call<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.state {
            State::Ready(builder, _) => f.debug_tuple("Call").field(builder).finish(),
            State::Failed(err) => f.debug_tuple("Call").field(err).finish(),
        }
    }
}

impl<T: DeserializeOwned> Call<T> {
    /// A call whose successful body is the JSON of `T`.
    pub fn json(builder: RequestBuilder) -> Self {
        Self::new(builder, |bytes, meta| {
            decode_json(&bytes, meta.request_id.as_deref())
        })
    }
}

impl<T> Call<T> {
    /// A call whose successful body is turned into `T` by `decode`.
    pub fn new(builder: RequestBuilder, decode: Decoder<T>) -> Self {
        Call {
            state: State::Ready(builder, decode),
            observe: None,
        }
    }

    /// A call that fails with `err` when awaited (a parameter refused before sending).
    pub fn fail(err: Error) -> Self {
        Call {
            state: State::Failed(err),
            observe: None,
        }
    }

    /// The call `build` returns, or a call that fails with its error: lets an operation
    /// check its parameters with `?` (e.g. [`path_segment`](super::path_segment)) and still
    /// return a `Call`.
    pub fn try_build(build: impl FnOnce() -> Result<Call<T>, Error>) -> Self {
        build().unwrap_or_else(Call::fail)
    }

    /// Options for this call only, layered over the handle's and the client's.
    pub fn options(mut self, options: &RequestOptions) -> Self {
        if let State::Ready(builder, decode) = self.state {
            self.state = State::Ready(builder.options(options), decode);
        }
        self
    }

    /// Fills the call's [`GenAiResponse`] from the decoded value (response id, model, finish
    /// reasons, token usage) for telemetry. Called only when a subscriber takes the call's
    /// span or a meter records its metrics (see [`crate::telemetry`]).
    pub fn observe(mut self, observer: Observer<T>) -> Self {
        self.observe = Some(observer);
        self
    }

    /// Sends the call and returns its value with the response metadata.
    pub async fn with_response(self) -> Result<(T, ResponseMeta), Error> {
        match self.state {
            State::Failed(err) => Err(err),
            State::Ready(builder, decode) => {
                let (bytes, meta, mut telemetry) = builder.send_bytes_observed().await?;
                let result = crate::request::decode_success(bytes, meta, decode);
                if telemetry.is_active() {
                    match (&result, self.observe) {
                        (Ok((value, _)), Some(observe)) => {
                            let mut response = GenAiResponse::default();
                            observe(value, &mut response);
                            telemetry.succeed(Some(&response));
                        }
                        (Ok(_), None) => telemetry.succeed(None),
                        (Err(err), _) => telemetry.fail(err),
                    }
                }
                result
            }
        }
    }
}

impl<T: Send + 'static> IntoFuture for Call<T> {
    type Output = Result<T, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<T, Error>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { self.with_response().await.map(|(value, _)| value) })
    }
}
