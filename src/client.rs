//! [`Client`] and [`ClientBuilder`]: wiring only. Every behavior lives in `core-http` and the
//! service crates; this file turns user configuration (code or environment) into one
//! [`HttpClient`] and hands out the resource handles.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use core_http::{
    BoxTransport, Credential, Endpoint, Error, HttpClient, HttpClientBuilder, KeyCredential,
    RequestBody, ResponseBody, RetryConfig, Secret, StaticTokenCredential, Timeouts,
    TokenCredential, is_azure_v1_url,
};

/// The OpenAI / Azure OpenAI client. Cheap to clone: clones share one connection pool.
///
/// ```
/// # fn main() -> Result<(), openai_sdk::Error> {
/// // api.openai.com with a key from code (or use `Client::from_env()`). Building connects
/// // nowhere: the first request does.
/// let client = openai_sdk::Client::new("sk-...")?;
/// # let _ = client; Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Client {
    http: HttpClient,
    #[cfg(feature = "assistants")]
    assistants_version: openai_assistants::AssistantsApiVersion,
}

impl Client {
    /// A client for `https://api.openai.com/v1` with an API key (sent as `Authorization: Bearer`).
    pub fn new(api_key: impl Into<Secret>) -> Result<Self, Error> {
        Self::builder().api_key(api_key.into()).build()
    }

    /// A client configured from the environment, like the official SDKs.
    ///
    /// Azure when `AZURE_OPENAI_ENDPOINT` is set: the v1 API, or the dated API when
    /// `OPENAI_API_VERSION` is set; `AZURE_OPENAI_AD_TOKEN` (preferred) or
    /// `AZURE_OPENAI_API_KEY`. Otherwise OpenAI:
    /// `OPENAI_API_KEY` (required), `OPENAI_BASE_URL`, `OPENAI_ORG_ID`, `OPENAI_PROJECT_ID`.
    /// Setting both `OPENAI_BASE_URL` and `AZURE_OPENAI_ENDPOINT` is an error, because the
    /// two name different services.
    pub fn from_env() -> Result<Self, Error> {
        ClientBuilder::from_env()?.build()
    }

    /// A builder for every other configuration (Azure, custom base URLs, timeouts, ...).
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The HTTP client underneath: an escape hatch for endpoints this SDK does not model yet.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), openai_sdk::Error> {
    /// # let server = openai_mock::MockServer::start().await;
    /// # let client = openai_sdk::Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
    /// use openai_sdk::http::Scope;
    /// let batches: serde_json::Value = client.http().get("/batches", Scope::Resource).send_json().await?;
    /// assert_eq!(batches["object"], "list");
    /// # Ok(()) }
    /// ```
    pub fn http(&self) -> &HttpClient {
        &self.http
    }
}

/// One accessor per resource: each builds a cheap handle borrowing this client.
#[cfg(feature = "inference")]
impl Client {
    /// Chat completions (`create`, `create_stream`).
    pub fn chat(&self) -> openai_inference::Chat<'_> {
        openai_inference::Chat::new(&self.http)
    }

    /// Legacy text completions.
    pub fn completions(&self) -> openai_inference::Completions<'_> {
        openai_inference::Completions::new(&self.http)
    }

    /// Embeddings.
    pub fn embeddings(&self) -> openai_inference::Embeddings<'_> {
        openai_inference::Embeddings::new(&self.http)
    }

    /// Images (generation, edits, variations, Azure batch operations).
    pub fn images(&self) -> openai_inference::Images<'_> {
        openai_inference::Images::new(&self.http)
    }

    /// Audio: transcriptions (json, verbose with word and segment timestamps, diarized, text
    /// formats, streamed), translations, and speech (audio bytes as they arrive, or events).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), openai_sdk::Error> {
    /// # let server = openai_mock::MockServer::start().await;
    /// # let client = openai_sdk::Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
    /// use openai_sdk::UploadSource;
    /// use openai_sdk::audio::{TimestampGranularity, TranscriptionRequest};
    ///
    /// let request = TranscriptionRequest::new("whisper-1")
    ///     .timestamp_granularities([TimestampGranularity::Word, TimestampGranularity::Segment]);
    /// let file = UploadSource::bytes(vec![0u8; 16]).file_name("hello.wav"); // or a path
    /// let transcription = client.audio().transcriptions().create_verbose(file, &request).await?;
    /// for segment in transcription.segments.as_deref().unwrap_or_default() {
    ///     println!("{:.2}-{:.2}: {}", segment.start, segment.end, segment.text);
    /// }
    /// # assert!(transcription.text.contains("hello.wav"));
    /// # Ok(()) }
    /// ```
    pub fn audio(&self) -> openai_inference::Audio<'_> {
        openai_inference::Audio::new(&self.http)
    }

    /// Models.
    pub fn models(&self) -> openai_inference::Models<'_> {
        openai_inference::Models::new(&self.http)
    }

    /// Moderations.
    pub fn moderations(&self) -> openai_inference::Moderations<'_> {
        openai_inference::Moderations::new(&self.http)
    }
}

#[cfg(feature = "responses")]
impl Client {
    /// Responses (`create`, `create_stream`, `retrieve`, background polling, resumable
    /// streams, the tool loop, structured outputs).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), openai_sdk::Error> {
    /// # let server = openai_mock::MockServer::start().await;
    /// use openai_sdk::responses::ResponseCreateRequest;
    ///
    /// let client = openai_sdk::Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
    /// let response = client
    ///     .responses()
    ///     .create(&ResponseCreateRequest::new("gpt-4.1-mini", "Hello"))
    ///     .await?;
    /// assert_eq!(response.output_text(), "Echo: Hello");
    /// # Ok(()) }
    /// ```
    pub fn responses(&self) -> openai_responses::Responses<'_> {
        openai_responses::Responses::new(&self.http)
    }

    /// Conversations and, through [`items`](openai_responses::Conversations::items), their
    /// items.
    pub fn conversations(&self) -> openai_responses::Conversations<'_> {
        openai_responses::Conversations::new(&self.http)
    }
}

#[cfg(feature = "assistants")]
impl Client {
    /// Assistants.
    pub fn assistants(&self) -> openai_assistants::Assistants<'_> {
        openai_assistants::Assistants::new(&self.http).api_version(self.assistants_version)
    }

    /// Threads.
    pub fn threads(&self) -> openai_assistants::Threads<'_> {
        openai_assistants::Threads::new(&self.http).api_version(self.assistants_version)
    }

    /// Messages of threads.
    pub fn messages(&self) -> openai_assistants::Messages<'_> {
        openai_assistants::Messages::new(&self.http).api_version(self.assistants_version)
    }

    /// Runs.
    pub fn runs(&self) -> openai_assistants::Runs<'_> {
        openai_assistants::Runs::new(&self.http).api_version(self.assistants_version)
    }

    /// Run steps.
    pub fn run_steps(&self) -> openai_assistants::RunSteps<'_> {
        openai_assistants::RunSteps::new(&self.http).api_version(self.assistants_version)
    }
}

#[cfg(feature = "files")]
impl Client {
    /// Files (`create` streamed from disk, `list`, `retrieve`, `delete`, `content`).
    pub fn files(&self) -> openai_files::Files<'_> {
        openai_files::Files::new(&self.http)
    }

    /// Uploads (large files in parts).
    pub fn uploads(&self) -> openai_files::Uploads<'_> {
        openai_files::Uploads::new(&self.http)
    }

    /// Vector stores, their files and file batches, search.
    pub fn vector_stores(&self) -> openai_files::VectorStores<'_> {
        openai_files::VectorStores::new(&self.http)
    }

    /// Batches.
    pub fn batches(&self) -> openai_files::Batches<'_> {
        openai_files::Batches::new(&self.http)
    }
}

/// Which service the builder targets; chosen by the first service-selecting setter.
#[derive(Clone, Debug, Default)]
enum Target {
    #[default]
    OpenAi,
    BaseUrl(String),
    Azure(String),
    AzureV1(String),
}

impl Target {
    /// The target with any `user:password@` part of its URL replaced by `***@`.
    fn redacted(&self) -> Target {
        fn redact(url: &str) -> String {
            let start = url.find("://").map_or(0, |i| i + 3);
            let end = url[start..]
                .find(['/', '?', '#'])
                .map_or(url.len(), |i| start + i);
            match url[start..end].rfind('@') {
                Some(at) => format!("{}***{}", &url[..start], &url[start + at..]),
                None => url.to_owned(),
            }
        }
        match self {
            Target::OpenAi => Target::OpenAi,
            Target::BaseUrl(url) => Target::BaseUrl(redact(url)),
            Target::Azure(url) => Target::Azure(redact(url)),
            Target::AzureV1(url) => Target::AzureV1(redact(url)),
        }
    }
}

/// Configures a [`Client`]. Owned-`self` setters; [`ClientBuilder::build`] validates everything
/// and reports conflicts (two services, two credentials) as `InvalidRequest` errors.
///
/// ```
/// # fn main() -> Result<(), openai_sdk::Error> {
/// use std::time::Duration;
/// let azure = openai_sdk::Client::builder()
///     .azure_endpoint("https://my-resource.openai.azure.com")
///     .api_version("2024-10-21")
///     .azure_api_key("...")
///     .timeout(Duration::from_secs(30))
///     .max_retries(3)
///     .build()?;
/// # let _ = azure; Ok(()) }
/// ```
#[derive(Default)]
pub struct ClientBuilder {
    targets: Vec<Target>,
    api_version: Option<String>,
    deployment: Option<String>,
    allow_insecure: bool,
    credentials: Vec<(&'static str, Credential)>,
    organization: Option<String>,
    project: Option<String>,
    token_scope: Option<String>,
    no_credential: bool,
    #[cfg(feature = "assistants")]
    assistants_version: openai_assistants::AssistantsApiVersion,
    http: HttpClientBuilder,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Credentials print as their kind only; `Credential`'s own Debug is redacted too.
        let credentials: Vec<&str> = self.credentials.iter().map(|(name, _)| *name).collect();
        // A URL can carry a secret as user-info (`https://key@host`); `build` rejects it,
        // but Debug runs before that.
        let targets: Vec<Target> = self.targets.iter().map(Target::redacted).collect();
        f.debug_struct("ClientBuilder")
            .field("targets", &targets)
            .field("api_version", &self.api_version)
            .field("deployment", &self.deployment)
            .field("credentials", &credentials)
            .field("http", &self.http)
            .finish_non_exhaustive()
    }
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// A credential variable: `None` when unset; set but blank is an error naming it (an empty
/// export is a mistake to report, not a missing setting to guess around).
fn env_secret(name: &str) -> Result<Option<String>, Error> {
    match std::env::var_os(name) {
        None => Ok(None),
        Some(value) => match value.into_string() {
            Ok(v) if !v.trim().is_empty() => Ok(Some(v)),
            Ok(_) => Err(Error::invalid_request(format!(
                "{name} is set but empty: set it to your key, or unset it"
            ))),
            Err(_) => Err(Error::invalid_request(format!(
                "{name} is set but is not valid UTF-8"
            ))),
        },
    }
}

impl ClientBuilder {
    /// Starts from the environment variables read by [`Client::from_env`]; later setters
    /// override them.
    pub fn from_env() -> Result<Self, Error> {
        let mut builder = ClientBuilder::default();
        let base_url = env("OPENAI_BASE_URL");
        if let Some(endpoint) = env("AZURE_OPENAI_ENDPOINT") {
            if base_url.is_some() {
                return Err(Error::invalid_request(
                    "both OPENAI_BASE_URL and AZURE_OPENAI_ENDPOINT are set; unset one of them \
                     (they select different services)",
                ));
            }
            builder = builder.azure_endpoint(endpoint);
            if let Some(version) = env("OPENAI_API_VERSION") {
                builder = builder.api_version(version);
            }
            // Precedence of openai-python v3: an AD token wins over an API key.
            let token = env_secret("AZURE_OPENAI_AD_TOKEN")?;
            let key = env_secret("AZURE_OPENAI_API_KEY")?;
            if let Some(token) = token {
                builder = builder.azure_ad_token(token);
            } else if let Some(key) = key {
                builder = builder.azure_api_key(key);
            } else {
                return Err(Error::invalid_request(
                    "AZURE_OPENAI_ENDPOINT is set but neither AZURE_OPENAI_AD_TOKEN nor \
                     AZURE_OPENAI_API_KEY is",
                ));
            }
        } else {
            if let Some(url) = base_url {
                builder = builder.base_url(url);
            }
            match env_secret("OPENAI_API_KEY")? {
                Some(key) => builder = builder.api_key(key),
                // An Azure key without its endpoint would be sent to api.openai.com.
                None if env("AZURE_OPENAI_API_KEY").is_some() => {
                    return Err(Error::invalid_request(
                        "AZURE_OPENAI_API_KEY is set but AZURE_OPENAI_ENDPOINT is not: set \
                         AZURE_OPENAI_ENDPOINT to your resource URL \
                         (https://<resource>.openai.azure.com) to use Azure OpenAI, or \
                         OPENAI_API_KEY for OpenAI",
                    ));
                }
                None => {
                    return Err(Error::invalid_request(
                        "missing credentials: set OPENAI_API_KEY (or AZURE_OPENAI_ENDPOINT with \
                         AZURE_OPENAI_API_KEY for Azure)",
                    ));
                }
            }
        }
        if let Some(org) = env("OPENAI_ORG_ID") {
            builder = builder.organization(org);
        }
        if let Some(project) = env("OPENAI_PROJECT_ID") {
            builder = builder.project(project);
        }
        Ok(builder)
    }

    // ---- service selection -------------------------------------------------------------

    /// Targets any OpenAI-compatible server at `url` (e.g. `http://localhost:8080/v1`); the
    /// model goes in the body, the key as `Authorization: Bearer`. Default:
    /// `https://api.openai.com/v1`.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.targets.push(Target::BaseUrl(url.into()));
        self
    }

    /// Targets an Azure OpenAI resource (`https://<resource>.openai.azure.com`).
    ///
    /// Without an [`api_version`](Self::api_version) (or with a URL ending in `/openai/v1`)
    /// this is Azure's v1 API, which Microsoft recommends: OpenAI-shaped routes under
    /// `/openai/v1/`, the deployment name in `model`. With an api-version it is the dated API:
    /// deployment-scoped routes under `/openai/deployments/{deployment}` and `api-version` on
    /// every request. A URL that names a route (`…/openai/deployments/…`) is refused.
    pub fn azure_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.targets.push(Target::Azure(endpoint.into()));
        self
    }

    /// Targets an Azure OpenAI resource through its `/openai/v1/` API: OpenAI-shaped routes,
    /// the deployment name in `model`, no `api-version` unless set.
    pub fn azure_v1_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.targets.push(Target::AzureV1(endpoint.into()));
        self
    }

    /// The Azure `api-version` (a string on purpose: new versions need no SDK release).
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.api_version = Some(version.into());
        self
    }

    /// Azure: sends every deployment-scoped request to this deployment instead of the
    /// request's `model`.
    pub fn deployment(mut self, deployment: impl Into<String>) -> Self {
        self.deployment = Some(deployment.into());
        self
    }

    /// Allows plain `http://` to a non-loopback host (credentials then travel unencrypted).
    /// Loopback hosts never need this.
    pub fn allow_insecure_connection(mut self, allow: bool) -> Self {
        self.allow_insecure = allow;
        self
    }

    // ---- credentials -------------------------------------------------------------------

    /// An OpenAI API key, sent as `Authorization: Bearer`. Use a [`KeyCredential`] to rotate
    /// it at runtime.
    pub fn api_key(mut self, key: impl Into<KeyCredential>) -> Self {
        self.credentials
            .push(("api_key", Credential::openai_key(key.into())));
        self
    }

    /// An Azure API key, sent as `api-key` (never also as `Authorization`).
    pub fn azure_api_key(mut self, key: impl Into<KeyCredential>) -> Self {
        self.credentials
            .push(("azure_api_key", Credential::azure_key(key.into())));
        self
    }

    /// A fixed Microsoft Entra ID token (`AZURE_OPENAI_AD_TOKEN`), sent as Bearer. It is not
    /// refreshed: prefer [`ClientBuilder::token_credential`] for long-lived clients.
    pub fn azure_ad_token(mut self, token: impl Into<Secret>) -> Self {
        let credential: Arc<dyn TokenCredential> = Arc::new(StaticTokenCredential::new(token));
        self.credentials
            .push(("azure_ad_token", Credential::token(credential)));
        self
    }

    /// A Microsoft Entra ID token source; tokens are cached, refreshed ahead of expiry and
    /// dropped on a 401.
    pub fn token_credential(mut self, credential: Arc<dyn TokenCredential>) -> Self {
        self.credentials
            .push(("token_credential", Credential::token(credential)));
        self
    }

    /// The Entra scope requested from a token credential (default:
    /// `https://cognitiveservices.azure.com/.default` for Azure OpenAI resources, dated and v1
    /// API alike; `https://ai.azure.com/.default` for a v1 endpoint on an Azure AI Foundry
    /// host).
    pub fn token_scope(mut self, scope: impl Into<String>) -> Self {
        self.token_scope = Some(scope.into());
        self
    }

    /// The Assistants API generation every assistants handle speaks (default v2, which current
    /// servers serve; v1 unlocks the assistant-file and message-file operations).
    #[cfg(feature = "assistants")]
    pub fn assistants_api_version(
        mut self,
        version: openai_assistants::AssistantsApiVersion,
    ) -> Self {
        self.assistants_version = version;
        self
    }

    /// Sends no credential at all (local OpenAI-compatible servers that need none).
    pub fn without_credentials(mut self) -> Self {
        self.no_credential = true;
        self
    }

    /// `OpenAI-Organization` header on every request.
    pub fn organization(mut self, organization: impl Into<String>) -> Self {
        self.organization = Some(organization.into());
        self
    }

    /// `OpenAI-Project` header on every request.
    pub fn project(mut self, project: impl Into<String>) -> Self {
        self.project = Some(project.into());
        self
    }

    // ---- transport, timeouts, retries ---------------------------------------------------

    /// Connect timeout (default 5 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.http = self.http.connect_timeout(timeout);
        self
    }

    /// Per-attempt timeout until the response headers (default 600 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.http = self.http.timeout(timeout);
        self
    }

    /// Longest silence between body reads, e.g. between stream events (default 600 s).
    pub fn idle_timeout(mut self, timeout: Duration) -> Self {
        self.http = self.http.idle_timeout(timeout);
        self
    }

    /// A deadline for a whole call (default none): every attempt, every backoff sleep and,
    /// for streaming calls, the stream itself. When it passes, the call or the stream ends
    /// with [`TimeoutKind::Total`](crate::TimeoutKind::Total); a stream's
    /// `snapshot()` keeps what arrived before.
    pub fn total_timeout(mut self, timeout: Duration) -> Self {
        self.http = self.http.total_timeout(timeout);
        self
    }

    /// Largest body a non-streaming response may have, in bytes (default 256 MiB, above
    /// the largest response the API legitimately sends: see
    /// [`DEFAULT_MAX_RESPONSE_BYTES`](crate::DEFAULT_MAX_RESPONSE_BYTES)). A
    /// longer body fails the call with an error naming the limit; per call, use
    /// [`RequestOptions::max_response_bytes`](crate::RequestOptions::max_response_bytes).
    /// Streams are not capped. Whatever a `content-length` header claims, the client never
    /// reserves more than a small fixed buffer ahead of the bytes that arrive.
    pub fn max_response_bytes(mut self, max: u64) -> Self {
        self.http = self.http.max_response_bytes(max);
        self
    }

    /// Replaces every timeout at once.
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.http = self.http.timeouts(timeouts);
        self
    }

    /// Retries after the first attempt (default 2).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.http = self.http.max_retries(retries);
        self
    }

    /// Replaces the retry configuration (backoff, server-delay cap, retry budget).
    pub fn retry_config(mut self, retry: RetryConfig) -> Self {
        self.http = self.http.retry_config(retry);
        self
    }

    /// A header sent on every request unless the request sets it.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.http = self.http.default_header(name, value);
        self
    }

    /// Appends `suffix` (e.g. `my-app/1.2`) to the `User-Agent`.
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.http = self.http.user_agent_suffix(suffix);
        self
    }

    /// Sends requests through this HTTP proxy (overrides `HTTPS_PROXY`/`NO_PROXY`).
    pub fn proxy(mut self, url: impl AsRef<str>) -> Self {
        self.http = self.http.proxy(url);
        self
    }

    /// Ignores the proxy environment variables.
    pub fn no_proxy(mut self) -> Self {
        self.http = self.http.no_proxy();
        self
    }

    /// Trusts an extra root certificate (PEM or DER): a corporate CA, or a test server's
    /// self-signed certificate such as `openai-mock`'s.
    pub fn add_root_certificate(mut self, certificate: impl AsRef<[u8]>) -> Self {
        self.http = self.http.add_root_certificate(certificate);
        self
    }

    /// Speaks HTTP/2 without TLS negotiation (h2c), multiplexing every call over one
    /// connection; only for plain-HTTP servers known to accept it (local gateways, mocks).
    pub fn http2_prior_knowledge(mut self, on: bool) -> Self {
        self.http = self.http.http2_prior_knowledge(on);
        self
    }

    /// Replaces the transport with any tower service (recording, testing, custom stacks);
    /// the SDK's auth, retry, timeout and tracing layers still run above it.
    pub fn transport<S>(mut self, service: S) -> Self
    where
        S: tower::Service<
                http::Request<RequestBody>,
                Response = http::Response<ResponseBody>,
                Error = Error,
            > + Clone
            + Send
            + Sync
            + 'static,
        S::Future: Send + 'static,
    {
        self.http = self.http.transport(service);
        self
    }

    /// Adds your own tower layer around the transport (runs once per attempt).
    pub fn transport_layer<L>(mut self, layer: L) -> Self
    where
        L: tower::Layer<BoxTransport> + Send + 'static,
        L::Service: tower::Service<
                http::Request<RequestBody>,
                Response = http::Response<ResponseBody>,
                Error = Error,
            > + Clone
            + Send
            + Sync
            + 'static,
        <L::Service as tower::Service<http::Request<RequestBody>>>::Future: Send + 'static,
    {
        self.http = self.http.transport_layer(layer);
        self
    }

    /// Records the GenAI client metrics (`gen_ai.client.token.usage`,
    /// `gen_ai.client.operation.duration`) with `meter` instead of the global meter
    /// provider's (`metrics` feature).
    ///
    /// ```
    /// # fn run() -> Result<(), openai_sdk::Error> {
    /// use openai_sdk::opentelemetry::global;
    ///
    /// let client = openai_sdk::Client::builder()
    ///     .api_key("sk-test")
    ///     .meter(global::meter("my-service"))
    ///     .build()?;
    /// # let _ = client; Ok(()) }
    /// ```
    #[cfg(feature = "metrics")]
    pub fn meter(mut self, meter: core_http::telemetry::opentelemetry::metrics::Meter) -> Self {
        self.http = self.http.meter(meter);
        self
    }

    /// Validates the configuration and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        if self.targets.len() > 1 {
            return Err(Error::invalid_request(
                "conflicting endpoints: choose one of base_url, azure_endpoint and \
                 azure_v1_endpoint",
            ));
        }
        if self.credentials.len() > 1 {
            let names: Vec<&str> = self.credentials.iter().map(|(name, _)| *name).collect();
            return Err(Error::invalid_request(format!(
                "conflicting credentials: {} are all set; set exactly one",
                names.join(", ")
            )));
        }
        if self.no_credential && !self.credentials.is_empty() {
            return Err(Error::invalid_request(
                "without_credentials() conflicts with the credential also set",
            ));
        }
        let target = self.targets.into_iter().next().unwrap_or_default();
        let azure = matches!(target, Target::Azure(_) | Target::AzureV1(_));
        let mut endpoint = match target {
            Target::OpenAi => Endpoint::default(),
            Target::BaseUrl(url) => Endpoint::openai(url)?,
            // No api-version, or a URL ending in /openai/v1: the v1 API, which Microsoft
            // recommends for new work. An api-version selects the dated API.
            Target::Azure(url) if self.api_version.is_some() && !is_azure_v1_url(&url) => {
                let version = self.api_version.clone().unwrap_or_default();
                Endpoint::azure(url, version)?
            }
            Target::Azure(url) | Target::AzureV1(url) => {
                let endpoint = Endpoint::azure_v1(url)?;
                match &self.api_version {
                    Some(version) => endpoint.with_api_version(version.clone()),
                    None => endpoint,
                }
            }
        };
        if !azure && self.api_version.is_some() {
            return Err(Error::invalid_request(
                "api_version applies to Azure endpoints only",
            ));
        }
        if let Some(deployment) = self.deployment {
            if !azure {
                return Err(Error::invalid_request(
                    "deployment applies to Azure endpoints only; OpenAI takes the model in \
                     the request",
                ));
            }
            endpoint = endpoint.with_deployment(deployment);
        }
        endpoint = endpoint.allow_insecure(self.allow_insecure);

        let mut credential = match self.credentials.into_iter().next() {
            Some((_, credential)) => credential,
            None if self.no_credential => Credential::none(),
            None => {
                return Err(Error::invalid_request(
                    "missing credentials: set an API key (api_key / azure_api_key), an Entra \
                     token (azure_ad_token / token_credential), or call without_credentials()",
                ));
            }
        };
        if let Some(org) = self.organization {
            credential = credential.organization(org);
        }
        if let Some(project) = self.project {
            credential = credential.project(project);
        }
        if let Some(scope) = self.token_scope {
            credential = credential.scope(scope);
        }
        let http = self
            .http
            .endpoint(endpoint)
            .credential(credential)
            .build()?;
        Ok(Client {
            http,
            #[cfg(feature = "assistants")]
            assistants_version: self.assistants_version,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(result: Result<Client, Error>) -> String {
        result.map(|_| ()).unwrap_err().to_string()
    }

    #[test]
    fn conflicting_endpoints_are_rejected() {
        let err = message(
            Client::builder()
                .base_url("http://127.0.0.1:1/v1")
                .azure_endpoint("https://r.openai.azure.com")
                .api_key("k")
                .build(),
        );
        assert!(err.contains("conflicting endpoints"), "{err}");
    }

    #[test]
    fn conflicting_credentials_are_rejected_without_echoing_secrets() {
        let err = message(
            Client::builder()
                .azure_endpoint("https://r.openai.azure.com")
                .api_version("2024-10-21")
                .azure_api_key("secret-key-123")
                .azure_ad_token("secret-token-456")
                .build(),
        );
        assert!(err.contains("azure_api_key, azure_ad_token"), "{err}");
        assert!(!err.contains("secret-"), "{err}");
    }

    #[test]
    fn azure_without_api_version_is_the_v1_api() {
        let v1 = Client::builder()
            .azure_endpoint("https://r.openai.azure.com")
            .azure_api_key("k")
            .build()
            .unwrap();
        assert!(v1.http().endpoint().is_azure_v1());
        let pasted = Client::builder()
            .azure_endpoint("https://r.openai.azure.com/openai/v1/")
            .api_version("preview")
            .azure_api_key("k")
            .build()
            .unwrap();
        assert!(pasted.http().endpoint().is_azure_v1());
        let dated = Client::builder()
            .azure_endpoint("https://r.openai.azure.com/openai")
            .api_version("2024-10-21")
            .azure_api_key("k")
            .build()
            .unwrap();
        assert!(!dated.http().endpoint().is_azure_v1());
        assert_eq!(
            dated.http().endpoint().base_url(),
            "https://r.openai.azure.com"
        );
        let err = message(
            Client::builder()
                .azure_endpoint("https://r.openai.azure.com/openai/deployments/gpt-4o")
                .api_version("2024-10-21")
                .azure_api_key("k")
                .build(),
        );
        assert!(
            err.contains("not a route: remove `/openai/deployments/gpt-4o`"),
            "{err}"
        );
        let v1 = Client::builder()
            .azure_v1_endpoint("https://r.openai.azure.com")
            .azure_api_key("k")
            .build()
            .unwrap();
        assert!(v1.http().endpoint().is_azure_v1());
    }

    #[test]
    fn missing_credentials_are_a_clear_error() {
        let err = message(Client::builder().build());
        assert!(err.contains("missing credentials"), "{err}");
        Client::builder()
            .base_url("http://127.0.0.1:8080/v1")
            .without_credentials()
            .build()
            .unwrap();
    }

    #[test]
    fn openai_only_settings_are_checked() {
        let err = message(Client::builder().api_key("k").deployment("d").build());
        assert!(err.contains("Azure endpoints only"), "{err}");
        let err = message(Client::builder().api_key("k").api_version("v").build());
        assert!(err.contains("Azure endpoints only"), "{err}");
    }

    /// Mistakes caught at build time, each with a message naming the fix.
    #[test]
    fn configuration_mistakes_name_the_fix() {
        let err = message(
            Client::builder()
                .base_url("http://10.1.2.3:8080/v1")
                .api_key("k")
                .build(),
        );
        assert!(
            err.contains("refusing plain http:// to the non-loopback host 10.1.2.3")
                && err.contains("`.allow_insecure_connection(true)`"),
            "{err}"
        );
        Client::builder()
            .base_url("http://10.1.2.3:8080/v1")
            .api_key("k")
            .allow_insecure_connection(true)
            .build()
            .unwrap();
        let err = message(
            Client::builder()
                .base_url("https://api.openai.com")
                .api_key("k")
                .build(),
        );
        assert_eq!(
            err,
            "invalid request: the base URL https://api.openai.com lacks the API version path: \
             use https://api.openai.com/v1"
        );
        let err = message(Client::builder().api_key("  ").build());
        assert_eq!(err, "invalid request: the API key is empty");
    }

    /// A key meant for the other service: an Azure resource key given through `api_key` goes
    /// out as `api-key`; an `sk-` key on Azure and an Azure key on api.openai.com are refused.
    #[test]
    fn keys_for_the_other_service() {
        let client = Client::builder()
            .azure_endpoint("https://r.openai.azure.com")
            .api_key("0123abcd")
            .build()
            .unwrap();
        assert!(client.http().endpoint().is_azure());
        let err = message(
            Client::builder()
                .azure_endpoint("https://r.openai.azure.com")
                .api_key("sk-proj-canary")
                .build(),
        );
        assert!(
            err.contains("an OpenAI secret key (sk-…) is configured for the Azure endpoint")
                && !err.contains("canary"),
            "{err}"
        );
        let err = message(Client::builder().azure_api_key("0123abcd").build());
        assert!(
            err.contains("an Azure API key (`azure_api_key`, AZURE_OPENAI_API_KEY) is configured for https://api.openai.com"),
            "{err}"
        );
    }

    #[test]
    fn debug_redacts_user_info_in_urls() {
        let builder = Client::builder()
            .base_url("https://user:sk-canary-url@example.com/v1?x=@y")
            .azure_endpoint("https://sk-canary-az@r.openai.azure.com");
        let debug = format!("{builder:?}");
        assert!(!debug.contains("sk-canary"), "{debug}");
        assert!(debug.contains("https://***@example.com/v1?x=@y"), "{debug}");
    }

    #[test]
    fn debug_output_holds_no_secret() {
        let builder = Client::builder().api_key("sk-canary-debug");
        assert!(!format!("{builder:?}").contains("sk-canary"));
        let client = builder.build().unwrap();
        assert!(!format!("{client:?}").contains("sk-canary"));
    }
}
