//! [`HttpClient`] and [`HttpClientBuilder`]: validation and assembly of the tower stack.
//!
//! `build()` checks everything once (URL, scheme rule, credential, header values, timeouts)
//! and assembles the layers of the stack around the transport as one concrete type (only a
//! custom or user-layered transport is boxed), so the per-call clone of the stack copies
//! `Arc`s instead of allocating. The client is an `Arc` inside: clones share the connection
//! pool, the retry budget and the token cache.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::{HeaderMap, HeaderName, HeaderValue, Method, Request, Response};
use tower::util::BoxCloneSyncService;
use tower::{Layer, Service};

use crate::auth::{Auth, Credential};
use crate::body::{RequestBody, ResponseBody};
use crate::endpoint::{Endpoint, Scope};
use crate::error::Error;
use crate::layers::attempt_timeout::AttemptTimeout;
use crate::layers::deadline::Deadline;
use crate::layers::headers::{Headers, platform_headers};
use crate::layers::retry::{Retry, TokenBucket};
use crate::layers::trace::Trace;
use crate::options::{RetryConfig, Timeouts};
use crate::request::RequestBuilder;
use crate::telemetry::ClientTelemetry;
use crate::transport::{HyperTransport, ProxySetting, TransportOptions, parse_certificates};

/// A type-erased transport: what [`HttpClientBuilder::transport`] boxes a custom service into,
/// and what a layer given to [`HttpClientBuilder::transport_layer`] wraps.
///
/// A tower `Service<Request<RequestBody>>` answering `Response<ResponseBody>` or [`Error`];
/// clone it freely.
#[derive(Clone)]
pub struct BoxTransport(BoxCloneSyncService<Request<RequestBody>, Response<ResponseBody>, Error>);

impl BoxTransport {
    /// Boxes `service`.
    pub fn new<S>(service: S) -> Self
    where
        S: Service<Request<RequestBody>, Response = Response<ResponseBody>, Error = Error>
            + Clone
            + Send
            + Sync
            + 'static,
        S::Future: Send + 'static,
    {
        BoxTransport(BoxCloneSyncService::new(service))
    }
}

impl std::fmt::Debug for BoxTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BoxTransport")
    }
}

impl Service<Request<RequestBody>> for BoxTransport {
    type Response = Response<ResponseBody>;
    type Error = Error;
    type Future =
        <BoxCloneSyncService<Request<RequestBody>, Response<ResponseBody>, Error> as Service<
            Request<RequestBody>,
        >>::Future;

    fn poll_ready(
        &mut self,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), Error>> {
        self.0.poll_ready(cx)
    }

    fn call(&mut self, req: Request<RequestBody>) -> Self::Future {
        self.0.call(req)
    }
}

/// The transport under the SDK's layers: the default hyper transport called directly (no box
/// to clone and no boxed future per call), or a custom / user-layered one behind a box.
#[derive(Clone)]
pub(crate) enum Transport {
    Hyper(HyperTransport),
    Boxed(BoxTransport),
}

impl Service<Request<RequestBody>> for Transport {
    type Response = Response<ResponseBody>;
    type Error = Error;
    type Future = crate::layers::BoxFuture<Result<Response<ResponseBody>, Error>>;

    fn poll_ready(
        &mut self,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), Error>> {
        match self {
            Transport::Hyper(t) => t.poll_ready(cx),
            Transport::Boxed(t) => t.poll_ready(cx),
        }
    }

    fn call(&mut self, req: Request<RequestBody>) -> Self::Future {
        match self {
            Transport::Hyper(t) => t.call(req),
            Transport::Boxed(t) => t.call(req),
        }
    }
}

/// The whole stack, as a concrete type: cloning it per call copies a few `Arc`s, where a
/// boxed service would allocate a box (and box every future it returns).
type Stack = Trace<Deadline<Retry<Auth<Headers<AttemptTimeout<Transport>>>>>>;

/// The HTTP client every service crate sends through. Cheap to clone.
///
/// ```no_run
/// use core_http::{Credential, Endpoint, HttpClient, Scope, Secret};
/// # async fn run() -> Result<(), core_http::Error> {
/// let client = HttpClient::builder()
///     .endpoint(Endpoint::default())
///     .credential(Credential::openai_key(Secret::new("sk-...")))
///     .build()?;
/// let models: serde_json::Value = client
///     .get("/models", Scope::Resource)
///     .operation("models.list")
///     .send_json()
///     .await?;
/// # let _ = models; Ok(()) }
/// ```
#[derive(Clone)]
pub struct HttpClient {
    inner: Arc<ClientInner>,
}

struct ClientInner {
    service: Stack,
    /// Headers a request ends up with (defaults + content type and length, credential, retry count,
    /// read timeout, organization, project): request header maps start at this capacity
    /// so the layers' inserts never regrow and rehash them.
    header_capacity: usize,
    endpoint: Endpoint,
    credential_kind: &'static str,
    timeouts: Timeouts,
    retry: RetryConfig,
    max_response_bytes: u64,
}

impl fmt::Debug for HttpClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpClient")
            .field("endpoint", &self.inner.endpoint)
            .field("credential", &self.inner.credential_kind)
            .field("timeouts", &self.inner.timeouts)
            .field("retry", &self.inner.retry)
            .finish()
    }
}

impl HttpClient {
    /// Starts a builder.
    pub fn builder() -> HttpClientBuilder {
        HttpClientBuilder::default()
    }

    /// The endpoint requests go to.
    pub fn endpoint(&self) -> &Endpoint {
        &self.inner.endpoint
    }

    /// The client-wide timeouts.
    pub fn timeouts(&self) -> &Timeouts {
        &self.inner.timeouts
    }

    /// The client-wide limit on a response body read into memory.
    pub fn max_response_bytes(&self) -> u64 {
        self.inner.max_response_bytes
    }

    /// The client-wide retry configuration.
    pub fn retry_config(&self) -> &RetryConfig {
        &self.inner.retry
    }

    /// Starts a request to `path` (e.g. `/chat/completions`) under `scope`.
    pub fn request(&self, method: Method, path: &str, scope: Scope<'_>) -> RequestBuilder {
        let url = self.inner.endpoint.route(path, scope);
        RequestBuilder::new(self.clone(), method, url)
    }

    /// A `GET` request.
    pub fn get(&self, path: &str, scope: Scope<'_>) -> RequestBuilder {
        self.request(Method::GET, path, scope)
    }

    /// A `POST` request.
    pub fn post(&self, path: &str, scope: Scope<'_>) -> RequestBuilder {
        self.request(Method::POST, path, scope)
    }

    /// A `DELETE` request.
    pub fn delete(&self, path: &str, scope: Scope<'_>) -> RequestBuilder {
        self.request(Method::DELETE, path, scope)
    }

    /// A clone of the full stack, for one call.
    pub(crate) fn service(&self) -> Stack {
        self.inner.service.clone()
    }

    /// The capacity a request's header map starts with.
    pub(crate) fn header_capacity(&self) -> usize {
        self.inner.header_capacity
    }
}

/// Configures an [`HttpClient`]. Owned-`self` setters; [`HttpClientBuilder::build`] validates.
pub struct HttpClientBuilder {
    endpoint: Option<Endpoint>,
    credential: Credential,
    timeouts: Timeouts,
    retry: RetryConfig,
    default_headers: Vec<(String, String)>,
    user_agent_suffix: Option<String>,
    proxy: Result<ProxySetting, Error>,
    root_certs: Vec<Vec<u8>>,
    http2_prior_knowledge: bool,
    pool_idle_timeout: Duration,
    pool_max_idle_per_host: usize,
    max_response_bytes: u64,
    transport: Option<BoxTransport>,
    transport_layers: Vec<Box<dyn FnOnce(BoxTransport) -> BoxTransport + Send>>,
    #[cfg(feature = "metrics")]
    meter: Option<opentelemetry::metrics::Meter>,
}

impl Default for HttpClientBuilder {
    fn default() -> Self {
        HttpClientBuilder {
            endpoint: None,
            credential: Credential::none(),
            timeouts: Timeouts::default(),
            retry: RetryConfig::default(),
            default_headers: Vec::new(),
            user_agent_suffix: None,
            proxy: Ok(ProxySetting::Env),
            root_certs: Vec::new(),
            http2_prior_knowledge: false,
            pool_idle_timeout: Duration::from_secs(90),
            pool_max_idle_per_host: usize::MAX,
            max_response_bytes: crate::body::DEFAULT_MAX_RESPONSE_BYTES,
            transport: None,
            transport_layers: Vec::new(),
            #[cfg(feature = "metrics")]
            meter: None,
        }
    }
}

impl fmt::Debug for HttpClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpClientBuilder")
            .field("endpoint", &self.endpoint)
            .field("credential", &self.credential)
            .field("timeouts", &self.timeouts)
            .field("retry", &self.retry)
            .field("default_headers", &self.default_headers.len())
            .field("custom_transport", &self.transport.is_some())
            .finish_non_exhaustive()
    }
}

impl HttpClientBuilder {
    /// Sets the endpoint (default: `https://api.openai.com/v1`).
    pub fn endpoint(mut self, endpoint: Endpoint) -> Self {
        self.endpoint = Some(endpoint);
        self
    }

    /// Sets the credential (default: none).
    pub fn credential(mut self, credential: Credential) -> Self {
        self.credential = credential;
        self
    }

    /// Replaces all timeouts.
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// Sets the connect timeout (default 5 s).
    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.timeouts.connect = d;
        self
    }

    /// Caps the body of every buffered (non-streaming) response, in bytes; default
    /// [`DEFAULT_MAX_RESPONSE_BYTES`](crate::DEFAULT_MAX_RESPONSE_BYTES) (256 MiB, above the
    /// largest response the API legitimately sends). A longer body fails the call with an
    /// error naming the limit. [`RequestOptions::max_response_bytes`](crate::RequestOptions)
    /// overrides it per call. Streams are not capped; error bodies are always read only up
    /// to a small prefix (64 KiB), whatever this says.
    ///
    /// Memory follows the bytes that arrive: a `content-length` header never makes the
    /// client reserve more than a small fixed buffer up front.
    pub fn max_response_bytes(mut self, max: u64) -> Self {
        self.max_response_bytes = max;
        self
    }

    /// Sets the per-attempt timeout (default 600 s).
    pub fn timeout(mut self, d: Duration) -> Self {
        self.timeouts.attempt = d;
        self
    }

    /// Sets a total deadline for every call (default none): all attempts, backoff sleeps
    /// and, for streaming calls, the stream body too. When it passes, the call (or the
    /// stream, with the events already received still yours) ends with
    /// [`TimeoutKind::Total`](crate::TimeoutKind::Total), which names the limit, the requests
    /// sent and the last status seen. [`RequestOptions::total_timeout`](crate::RequestOptions)
    /// sets it per call.
    pub fn total_timeout(mut self, d: Duration) -> Self {
        self.timeouts.total = Some(d);
        self
    }

    /// Sets the idle timeout between body reads (default 600 s).
    pub fn idle_timeout(mut self, d: Duration) -> Self {
        self.timeouts.idle = d;
        self
    }

    /// Sets the number of retries (default 2).
    pub fn max_retries(mut self, n: u32) -> Self {
        self.retry.max_retries = n;
        self
    }

    /// Replaces the retry configuration.
    pub fn retry_config(mut self, retry: RetryConfig) -> Self {
        self.retry = retry;
        self
    }

    /// Adds a header sent on every request unless the request sets it (validated by `build`).
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.default_headers.push((name.into(), value.into()));
        self
    }

    /// Appends `suffix` to the `User-Agent` (e.g. `my-app/1.2`).
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent_suffix = Some(suffix.into());
        self
    }

    /// Sends every non-loopback request through this HTTP proxy (`http://host:port`,
    /// credentials in the URL become `Proxy-Authorization`). Overrides the environment.
    pub fn proxy(mut self, url: impl AsRef<str>) -> Self {
        self.proxy = url
            .as_ref()
            .parse::<http::Uri>()
            .map(ProxySetting::Url)
            .map_err(|e| Error::invalid_request("the proxy URL is not valid").with_source(e));
        self
    }

    /// Ignores `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY` (read by default).
    pub fn no_proxy(mut self) -> Self {
        self.proxy = Ok(ProxySetting::Disabled);
        self
    }

    /// Trusts an extra root certificate (DER, or PEM with one or more certificates), e.g. a
    /// corporate proxy's CA or a test server's self-signed certificate.
    pub fn add_root_certificate(mut self, cert: impl AsRef<[u8]>) -> Self {
        self.root_certs.push(cert.as_ref().to_vec());
        self
    }

    /// Speaks HTTP/2 without negotiation (h2c on `http://`, h2 on TLS). Default off: ALPN picks.
    pub fn http2_prior_knowledge(mut self, on: bool) -> Self {
        self.http2_prior_knowledge = on;
        self
    }

    /// How long an idle pooled connection is kept (default 90 s).
    pub fn pool_idle_timeout(mut self, d: Duration) -> Self {
        self.pool_idle_timeout = d;
        self
    }

    /// Most idle connections kept per host (default unlimited).
    pub fn pool_max_idle_per_host(mut self, n: usize) -> Self {
        self.pool_max_idle_per_host = n;
        self
    }

    /// Replaces the transport with any tower service (tests, recording, custom stacks).
    /// The SDK's layers still run above it.
    pub fn transport<S>(mut self, service: S) -> Self
    where
        S: Service<Request<RequestBody>, Response = Response<ResponseBody>, Error = Error>
            + Clone
            + Send
            + Sync
            + 'static,
        S::Future: Send + 'static,
    {
        self.transport = Some(BoxTransport::new(service));
        self
    }

    /// Wraps the transport (default or custom) in your own tower layer. It runs once per
    /// attempt, below the SDK's layers, and sees the final wire request (credential included:
    /// do not log headers there). Layers added later wrap earlier ones.
    pub fn transport_layer<L>(mut self, layer: L) -> Self
    where
        L: Layer<BoxTransport> + Send + 'static,
        L::Service: Service<Request<RequestBody>, Response = Response<ResponseBody>, Error = Error>
            + Clone
            + Send
            + Sync
            + 'static,
        <L::Service as Service<Request<RequestBody>>>::Future: Send + 'static,
    {
        self.transport_layers
            .push(Box::new(move |inner| BoxTransport::new(layer.layer(inner))));
        self
    }

    /// The meter the GenAI client metrics (`gen_ai.client.token.usage`,
    /// `gen_ai.client.operation.duration`) are recorded with; by default the global meter
    /// provider's meter `openai-azure-sdk`, taken when the client is built (so install your
    /// provider before building the client).
    ///
    /// ```
    /// # fn run() -> Result<(), core_http::Error> {
    /// use core_http::telemetry::opentelemetry::global;
    ///
    /// let client = core_http::HttpClient::builder()
    ///     .meter(global::meter("my-service"))
    ///     .build()?;
    /// # let _ = client; Ok(()) }
    /// ```
    #[cfg(feature = "metrics")]
    pub fn meter(mut self, meter: opentelemetry::metrics::Meter) -> Self {
        self.meter = Some(meter);
        self
    }

    /// Validates the configuration and assembles the stack.
    pub fn build(self) -> Result<HttpClient, Error> {
        let endpoint = self.endpoint.unwrap_or_default();
        endpoint.validate()?;
        let t = &self.timeouts;
        if t.connect.is_zero() || t.attempt.is_zero() || t.idle.is_zero() {
            return Err(Error::invalid_request("timeouts must be greater than zero"));
        }
        if t.total.is_some_and(|d| d.is_zero()) {
            return Err(Error::invalid_request(
                "the total timeout must be greater than zero",
            ));
        }
        let auth = self.credential.resolve(&endpoint)?;
        let mut defaults: HeaderMap = platform_headers(self.user_agent_suffix.as_deref())?;
        for (name, value) in &self.default_headers {
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(|e| {
                Error::invalid_request(format!("invalid default header name `{name}`"))
                    .with_source(e)
            })?;
            let value = HeaderValue::from_str(value).map_err(|e| {
                Error::invalid_request(format!("invalid value for default header `{name}`"))
                    .with_source(e)
            })?;
            defaults.insert(name, value);
        }
        let transport = match self.transport {
            Some(custom) => Transport::Boxed(custom),
            None => {
                let mut extra_roots = Vec::new();
                for cert in &self.root_certs {
                    extra_roots.extend(parse_certificates(cert)?);
                }
                Transport::Hyper(HyperTransport::new(&TransportOptions {
                    connect_timeout: t.connect,
                    pool_idle_timeout: self.pool_idle_timeout,
                    pool_max_idle_per_host: self.pool_max_idle_per_host,
                    http2_prior_knowledge: self.http2_prior_knowledge,
                    proxy: self.proxy?,
                    extra_roots,
                })?)
            }
        };
        // User layers wrap the transport in a box; without them it stays unboxed.
        let transport = if self.transport_layers.is_empty() {
            transport
        } else {
            let mut boxed = match transport {
                Transport::Hyper(hyper) => BoxTransport::new(hyper),
                Transport::Boxed(boxed) => boxed,
            };
            for wrap in self.transport_layers {
                boxed = wrap(boxed);
            }
            Transport::Boxed(boxed)
        };
        let per_attempt =
            AttemptTimeout::new(transport, t.attempt, t.idle, self.max_response_bytes);
        let header_capacity = defaults.len() + 7;
        let per_attempt = Headers::new(per_attempt, Arc::new(defaults), t.attempt);
        let per_attempt = Auth::new(per_attempt, auth);
        let budget = self
            .retry
            .budget
            .clone()
            .map(|b| Arc::new(TokenBucket::new(b)));
        let per_call = Retry::new(per_attempt, Arc::new(self.retry.clone()), budget);
        let per_call = Deadline::new(per_call, t.total);
        #[allow(unused_mut)]
        let mut telemetry = ClientTelemetry::new(&endpoint);
        #[cfg(feature = "metrics")]
        {
            let meter = self
                .meter
                .unwrap_or_else(|| opentelemetry::global::meter("openai-azure-sdk"));
            telemetry.instruments = Some(crate::telemetry::metrics::Instruments::new(&meter));
        }
        let per_call = Trace::new(per_call, Arc::new(telemetry));
        Ok(HttpClient {
            inner: Arc::new(ClientInner {
                service: per_call,
                header_capacity,
                credential_kind: self.credential.kind_name(),
                endpoint,
                timeouts: self.timeouts,
                retry: self.retry,
                max_response_bytes: self.max_response_bytes,
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::MockTransport;

    fn assert_send<T: Send>(_: &T) {}
    fn assert_send_sync<T: Send + Sync + 'static>() {}

    /// Callers spawn SDK futures and share clients and errors across tasks.
    #[test]
    fn public_types_and_futures_are_send() {
        assert_send_sync::<HttpClient>();
        assert_send_sync::<Error>();
        assert_send_sync::<Credential>();
        assert_send_sync::<Endpoint>();
        let client = HttpClient::builder()
            .transport(MockTransport::new())
            .build()
            .unwrap();
        assert_send(
            &client
                .get("/x", Scope::Resource)
                .send_json::<serde_json::Value>(),
        );
        assert_send(&client.get("/x", Scope::Resource).send_bytes());
        assert_send(&client.get("/x", Scope::Resource).send_sse());
        assert_send(&client.get("/x", Scope::Resource).send());
    }

    #[test]
    fn build_validates_configuration() {
        let mock = MockTransport::new();
        let base = || HttpClient::builder().transport(mock.clone());
        assert!(base().timeout(Duration::ZERO).build().is_err());
        assert!(base().total_timeout(Duration::ZERO).build().is_err());
        assert!(base().default_header("bad name", "v").build().is_err());
        assert!(base().default_header("x-ok", "bad\nvalue").build().is_err());
        assert!(base().user_agent_suffix("a\nb").build().is_err());
        assert!(
            base()
                .endpoint(Endpoint::openai("http://10.0.0.1/v1").unwrap())
                .build()
                .is_err()
        );
        assert!(HttpClient::builder().proxy("not a url\n").build().is_err());
        assert!(
            HttpClient::builder()
                .add_root_certificate(b"")
                .build()
                .is_err()
        );
        let client = base()
            .credential(Credential::openai_key("sk-secret-1"))
            .build()
            .unwrap();
        let debug = format!("{client:?}");
        assert!(
            debug.contains("openai-key") && !debug.contains("sk-secret-1"),
            "{debug}"
        );
        assert_eq!(client.endpoint().base_url(), crate::OPENAI_BASE_URL);
    }
}
