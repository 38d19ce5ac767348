//! The tower stack, outermost → innermost:
//!
//! ```text
//!  RequestBuilder::send()            serialize once; per-call config into request extensions
//!   ├─ 1 Trace            per call     span "openai.request" (operation, method, path, model,
//!   │                                  status, attempts, request id, latency)
//!   ├─ 2 Deadline         per call     optional total budget incl. retries, backoff and the
//!   │                                  stream body (handed to the ResponseBody)
//!   ├─ 3 Retry            per call     policy + client-wide budget, x-stainless-retry-count
//!   │ ┌──────────── everything below runs once per attempt ────────────┐
//!   ├─ 4 Auth             credential for the endpoint origin only, sensitive headers, 401 handling
//!   ├─ 5 Headers          defaults if not present, User-Agent, x-stainless-*
//!   ├─ 6 AttemptTimeout   time to headers, to the full body for buffered calls (size-capped)
//!   │                     and to an error body's 64 KiB prefix for every call; idle limit
//!   └─ 7 transport        HyperTransport or a user-supplied tower service
//!  ◀─ Response<ResponseBody> for ANY status; RequestBuilder maps non-2xx to Error::Api
//! ```
//!
//! Why this order: trace outermost sees every attempt and never a request carrying the secret
//! (auth is added further in); the deadline sits outside retry so it can cut a backoff sleep;
//! retry sits outside everything per-attempt so each attempt re-runs auth (tokens can expire),
//! gets fresh headers and its own timeout; the attempt timeout is innermost so it measures the
//! network exchange, not token acquisition.
//!
//! Per-call data (operation name, overrides from [`crate::RequestOptions`]) travels in the
//! request extensions as a [`CallConfig`]; layers read it instead of being rebuilt per call.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

pub(crate) mod attempt_timeout;
pub(crate) mod backoff;
pub(crate) mod classify;
pub(crate) mod deadline;
pub(crate) mod headers;
pub(crate) mod retry;
pub(crate) mod trace;

/// A boxed, sendable future: the layers keep state across `.await`, so they use async blocks.
pub(crate) type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

pin_project_lite::pin_project! {
    /// One of two futures. Layers whose common case only passes the call through (trace with
    /// no subscriber, deadline with no total timeout) return the inner future as `Plain`
    /// instead of boxing it again: one allocation and one dynamic poll less per call.
    #[project = EitherProj]
    pub(crate) enum Either<A, B> {
        Plain { #[pin] inner: A },
        Boxed { #[pin] inner: B },
    }
}

impl<A, B> Future for Either<A, B>
where
    A: Future,
    B: Future<Output = A::Output>,
{
    type Output = A::Output;

    fn poll(
        self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        match self.project() {
            EitherProj::Plain { inner } => inner.poll(cx),
            EitherProj::Boxed { inner } => inner.poll(cx),
        }
    }
}

/// Per-call settings carried in the request extensions.
#[derive(Clone, Debug, Default)]
pub(crate) struct CallConfig {
    /// Tracing name, e.g. `chat.completions.create`.
    pub(crate) operation: &'static str,
    /// Model / deployment, for tracing only.
    pub(crate) model: Option<Arc<str>>,
    /// The GenAI description of the request (GenAI operations only), for telemetry.
    pub(crate) gen_ai: Option<crate::telemetry::GenAiRequest>,
    pub(crate) max_retries: Option<u32>,
    pub(crate) attempt_timeout: Option<Duration>,
    pub(crate) idle_timeout: Option<Duration>,
    pub(crate) total_timeout: Option<Duration>,
    /// Read the whole body inside the attempt (non-streaming calls), so body failures are
    /// retried and the attempt timeout covers the body.
    pub(crate) buffer_body: bool,
    /// Cap on a buffered body for this call (the client's when `None`).
    pub(crate) max_response_bytes: Option<u64>,
}

/// What one call has done so far, shared by the layers of that call: how many requests the
/// transport was given and the last status seen. Layers that end a call early (the total
/// deadline) read it so their error still tells how far the call got.
#[derive(Debug, Default)]
pub(crate) struct CallProgress {
    sent: std::sync::atomic::AtomicU32,
    last_status: std::sync::atomic::AtomicU16,
}

impl CallProgress {
    pub(crate) fn record_sent(&self) {
        self.sent.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    pub(crate) fn record_status(&self, status: http::StatusCode) {
        self.last_status
            .store(status.as_u16(), std::sync::atomic::Ordering::Relaxed);
    }

    /// Requests handed to the transport.
    pub(crate) fn sent(&self) -> u32 {
        self.sent.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The status of the last response whose headers arrived.
    pub(crate) fn last_status(&self) -> Option<http::StatusCode> {
        let code = self.last_status.load(std::sync::atomic::Ordering::Relaxed);
        http::StatusCode::from_u16(code).ok()
    }
}

/// Number of attempts made, stamped on the final response by the retry layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Attempts(pub(crate) u32);

/// Whether the retry layer classified the final outcome of a call as retryable under the
/// client's own retry configuration (true also when the attempts or the budget ran out).
#[derive(Clone, Copy, Debug)]
pub(crate) struct RetryVerdict(pub(crate) bool);
