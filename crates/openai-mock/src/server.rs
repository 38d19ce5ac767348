//! [`MockServer`]: the listener, its connection tasks, and the state they share.
//!
//! The accept loop and every connection run as tasks on the runtime that called `start`, so a
//! test's `tokio::time::pause` also governs the server's delays. Dropping the server aborts the
//! accept task, which owns the connection tasks in a `JoinSet`, so they end with it.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

use crate::inference::InferenceState;
use crate::record::RecordedRequest;
use crate::script::{RouteScript, Scripts};
use crate::tls::Tls;

/// Server options; see [`MockServerBuilder`].
#[derive(Clone)]
pub(crate) struct Config {
    pub(crate) tls: bool,
    pub(crate) port: u16,
    pub(crate) openai_api_key: Option<String>,
    pub(crate) azure_api_key: Option<String>,
    pub(crate) require_api_version: bool,
    pub(crate) image_retry_after: Option<u64>,
    pub(crate) image_running_polls: u32,
    pub(crate) run_poll_after_ms: Option<u64>,
    pub(crate) processing_polls: u32,
    pub(crate) processing_poll_after_ms: Option<u64>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            tls: false,
            port: 0,
            openai_api_key: None,
            azure_api_key: None,
            require_api_version: true,
            image_retry_after: Some(1),
            image_running_polls: 1,
            run_poll_after_ms: None,
            processing_polls: 1,
            processing_poll_after_ms: None,
        }
    }
}

/// State shared by every connection of one server.
pub(crate) struct Shared {
    pub(crate) config: Config,
    /// `http://127.0.0.1:PORT` (or `https://`), for absolute URLs in replies.
    pub(crate) origin: String,
    requests_seen: AtomicU64,
    connections: AtomicUsize,
    recorded: Mutex<Vec<RecordedRequest>>,
    pub(crate) scripts: Arc<Scripts>,
    pub(crate) inference: InferenceState,
    pub(crate) assistants: crate::assistants::AssistantsState,
    pub(crate) responses: crate::responses::ResponsesState,
    pub(crate) data: crate::data::DataState,
}

impl Shared {
    /// The next request number, from 1; request ids and generated object ids derive from it.
    pub(crate) fn next_request(&self) -> u64 {
        self.requests_seen.fetch_add(1, Ordering::Relaxed) + 1
    }

    pub(crate) fn record(&self, request: RecordedRequest) {
        self.recorded
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(request);
    }
}

/// A running mock of the OpenAI and Azure OpenAI HTTP APIs on `127.0.0.1`.
///
/// Start one per test with [`MockServer::start`] (or [`MockServer::builder`] for TLS and
/// credentials), point a client at [`base_url`](Self::base_url) or
/// [`azure_endpoint`](Self::azure_endpoint), optionally script replies with [`on`](Self::on), and
/// assert on [`requests`](Self::requests). The server stops when the value is dropped.
///
/// ```no_run
/// # async fn demo() {
/// let server = openai_mock::MockServer::start().await;
/// println!("OpenAI base URL: {}", server.base_url()); // http://127.0.0.1:PORT/v1
/// println!("Azure endpoint:  {}", server.azure_endpoint()); // http://127.0.0.1:PORT
/// # }
/// ```
pub struct MockServer {
    shared: Arc<Shared>,
    addr: SocketAddr,
    tls: Option<Tls>,
    accept: JoinHandle<()>,
}

impl std::fmt::Debug for MockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockServer")
            .field("addr", &self.addr)
            .field("tls", &self.tls.is_some())
            .finish_non_exhaustive()
    }
}

impl MockServer {
    /// Starts a plain-HTTP server on `127.0.0.1` with an ephemeral port and default options.
    ///
    /// # Panics
    ///
    /// When called outside a Tokio runtime or when no loopback port can be bound; use
    /// [`MockServerBuilder::try_start`] to get the error instead.
    pub async fn start() -> Self {
        Self::builder().start().await
    }

    /// Options: TLS, expected credentials, `api-version` checking, image-operation pacing.
    pub fn builder() -> MockServerBuilder {
        MockServerBuilder::default()
    }

    /// The OpenAI-style base URL, `http://127.0.0.1:PORT/v1` (`https://` with TLS).
    pub fn base_url(&self) -> String {
        format!("{}/v1", self.shared.origin)
    }

    /// The Azure-style endpoint, `http://127.0.0.1:PORT` (clients add `/openai/...`).
    pub fn azure_endpoint(&self) -> String {
        self.shared.origin.clone()
    }

    /// An absolute URL for `path` on this server, e.g. `url("/v1/models")`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.shared.origin)
    }

    /// The bound socket address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The server certificate as PEM, when started with TLS.
    pub fn tls_certificate_pem(&self) -> Option<&str> {
        self.tls.as_ref().map(|t| t.pem.as_str())
    }

    /// The server certificate as DER, when started with TLS (add it to a client's root store).
    pub fn tls_certificate_der(&self) -> Option<&[u8]> {
        self.tls.as_ref().map(|t| t.der.as_slice())
    }

    /// Every request received so far, oldest first (scripted, default and rejected ones alike).
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared
            .recorded
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Forgets the recorded requests (ids and server state are kept).
    pub fn clear_requests(&self) {
        self.shared
            .recorded
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    /// How many connections the server has accepted: a client that reuses connections keeps
    /// this at 1 across requests.
    pub fn connection_count(&self) -> usize {
        self.shared.connections.load(Ordering::Relaxed)
    }

    /// Scripts replies for requests with this method and exact path (no query), overriding the
    /// default behavior; see [`RouteScript`].
    ///
    /// `method` is any method name (`"POST"` or `http::Method::POST`). Scripted replies are
    /// served before authentication and validation: the script *is* the service for matching
    /// requests (they are still recorded).
    ///
    /// ```no_run
    /// # async fn demo() {
    /// use openai_mock::{MockServer, Reply};
    /// let server = MockServer::start().await;
    /// server
    ///     .on("POST", "/v1/embeddings")
    ///     .respond_seq([Reply::html_502(), Reply::rate_limited(200)]);
    /// # }
    /// ```
    pub fn on(&self, method: impl AsRef<str>, path: &str) -> RouteScript {
        RouteScript::new(self.shared.scripts.clone(), method.as_ref(), path)
    }

    /// Removes every scripted reply, restoring the default behavior.
    pub fn clear_scripts(&self) {
        self.shared.scripts.clear();
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

/// Options for a [`MockServer`]; finish with [`start`](Self::start).
///
/// ```no_run
/// # async fn demo() {
/// let server = openai_mock::MockServer::builder()
///     .tls(true)
///     .azure_api_key("test-azure-key")
///     .start()
///     .await;
/// let pem = server.tls_certificate_pem().expect("TLS was requested");
/// # let _ = pem;
/// # }
/// ```
#[derive(Clone, Default)]
pub struct MockServerBuilder {
    config: Config,
}

impl std::fmt::Debug for MockServerBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Expected keys are test secrets, but still secrets: show presence only.
        let c = &self.config;
        f.debug_struct("MockServerBuilder")
            .field("tls", &c.tls)
            .field("port", &c.port)
            .field(
                "openai_api_key",
                &c.openai_api_key.as_ref().map(|_| "<set>"),
            )
            .field("azure_api_key", &c.azure_api_key.as_ref().map(|_| "<set>"))
            .field("require_api_version", &c.require_api_version)
            .field("image_retry_after", &c.image_retry_after)
            .field("image_running_polls", &c.image_running_polls)
            .field("processing_polls", &c.processing_polls)
            .finish_non_exhaustive()
    }
}

impl MockServerBuilder {
    /// Serves HTTPS with a fresh self-signed certificate (HTTP/2 via ALPN, and HTTP/1.1).
    pub fn tls(mut self, enabled: bool) -> Self {
        self.config.tls = enabled;
        self
    }

    /// Binds this port instead of an ephemeral one (the binary's `--port`).
    pub fn port(mut self, port: u16) -> Self {
        self.config.port = port;
        self
    }

    /// Accepts only `Authorization: Bearer <key>` on OpenAI routes (default: any non-empty
    /// bearer token).
    pub fn openai_api_key(mut self, key: impl Into<String>) -> Self {
        self.config.openai_api_key = Some(key.into());
        self
    }

    /// Accepts only `api-key: <key>` on Azure routes (default: any non-empty key). Bearer
    /// tokens (Entra ID) are still accepted on Azure routes whatever their value.
    pub fn azure_api_key(mut self, key: impl Into<String>) -> Self {
        self.config.azure_api_key = Some(key.into());
        self
    }

    /// Whether Azure dated routes (`/openai/...` except `/openai/v1/...`) reject requests
    /// without `api-version` (default `true`, like the service).
    pub fn require_api_version(mut self, required: bool) -> Self {
        self.config.require_api_version = required;
        self
    }

    /// The `retry-after` (seconds) sent with Azure image-operation replies that are not
    /// finished yet; `None` sends no header (default `Some(1)`).
    pub fn image_operation_retry_after(mut self, seconds: Option<u64>) -> Self {
        self.config.image_retry_after = seconds;
        self
    }

    /// How many polls of an Azure image operation answer `running` before it finishes
    /// (default 1).
    pub fn image_operation_running_polls(mut self, polls: u32) -> Self {
        self.config.image_running_polls = polls;
        self
    }

    /// The `openai-poll-after-ms` hint sent with Assistants run objects (default 1000), which
    /// SDK polling helpers honour.
    pub fn run_poll_after_ms(mut self, ms: u64) -> Self {
        self.config.run_poll_after_ms = Some(ms);
        self
    }

    /// How many retrieves of a vector store file (or its file batch or store) and of a batch in
    /// `in_progress` still answer `in_progress` before processing moves on (default 1; 0 makes
    /// vector store files complete when added).
    pub fn processing_polls(mut self, polls: u32) -> Self {
        self.config.processing_polls = polls;
        self
    }

    /// The `openai-poll-after-ms` hint sent with vector store, file batch and batch objects
    /// that are still processing (default 1000).
    pub fn processing_poll_after_ms(mut self, ms: u64) -> Self {
        self.config.processing_poll_after_ms = Some(ms);
        self
    }

    /// Binds `127.0.0.1` and starts serving on the current Tokio runtime.
    ///
    /// # Panics
    ///
    /// Outside a Tokio runtime, or when binding fails; see [`try_start`](Self::try_start).
    pub async fn start(self) -> MockServer {
        match self.try_start().await {
            Ok(server) => server,
            // A test helper that cannot listen has nothing useful to return; say why loudly.
            #[allow(clippy::panic)]
            Err(e) => panic!("openai-mock: cannot start the server: {e}"),
        }
    }

    /// Like [`start`](Self::start), but returns binding and certificate errors.
    ///
    /// # Panics
    ///
    /// Outside a Tokio runtime (the server's tasks are spawned on the caller's runtime).
    pub async fn try_start(self) -> std::io::Result<MockServer> {
        let listener = TcpListener::bind(("127.0.0.1", self.config.port)).await?;
        let addr = listener.local_addr()?;
        let tls = if self.config.tls {
            Some(Tls::self_signed().map_err(std::io::Error::other)?)
        } else {
            None
        };
        let scheme = if tls.is_some() { "https" } else { "http" };
        let assistants = crate::assistants::AssistantsState::new();
        if let Some(ms) = self.config.run_poll_after_ms {
            assistants.set_poll_after_ms(ms);
        }
        let data = crate::data::DataState::new(
            self.config.processing_polls,
            self.config.processing_poll_after_ms,
        );
        let shared = Arc::new(Shared {
            origin: format!("{scheme}://{addr}"),
            config: self.config,
            requests_seen: AtomicU64::new(0),
            connections: AtomicUsize::new(0),
            recorded: Mutex::new(Vec::new()),
            scripts: Arc::new(Scripts::default()),
            inference: InferenceState::default(),
            assistants,
            responses: crate::responses::ResponsesState::default(),
            data,
        });
        let accept = tokio::spawn(accept_loop(listener, shared.clone(), tls.clone()));
        Ok(MockServer {
            shared,
            addr,
            tls,
            accept,
        })
    }
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>, tls: Option<Tls>) {
    // Owned here so that aborting this task (MockServer::drop) also aborts every connection.
    let mut connections = JoinSet::new();
    loop {
        while connections.try_join_next().is_some() {}
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors and the like: back off instead of spinning.
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        shared.connections.fetch_add(1, Ordering::Relaxed);
        let _ = stream.set_nodelay(true);
        connections.spawn(serve_connection(stream, shared.clone(), tls.clone()));
    }
}

async fn serve_connection(stream: TcpStream, shared: Arc<Shared>, tls: Option<Tls>) {
    let service = service_fn(move |req| crate::front::handle(shared.clone(), req));
    let builder = auto::Builder::new(TokioExecutor::new());
    // Connection errors (client went away, scripted drops) end this connection only.
    let _ = match tls {
        Some(tls) => match tls.acceptor.accept(stream).await {
            Ok(stream) => {
                builder
                    .serve_connection(TokioIo::new(stream), service)
                    .await
            }
            Err(_) => return,
        },
        None => {
            builder
                .serve_connection(TokioIo::new(stream), service)
                .await
        }
    };
}
