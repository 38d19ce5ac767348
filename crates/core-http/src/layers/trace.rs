//! Layer 1 (per call): one tracing span per logical call.
//!
//! Outermost so the span covers every attempt and backoff sleep and records the final status,
//! attempt count, request id and latency. It never records headers or bodies, and it never
//! holds a request carrying a credential (auth is added further in).

use std::task::{Context, Poll};

use http::{Request, Response};
use tower::Service;
use tracing::Instrument;

use super::{Attempts, BoxFuture, CallConfig, Either};
use crate::body::{RequestBody, ResponseBody};
use crate::error::{Error, request_id_from_headers};

#[derive(Clone)]
pub(crate) struct Trace<S> {
    inner: S,
}

impl<S> Trace<S> {
    pub(crate) fn new(inner: S) -> Self {
        Trace { inner }
    }
}

impl<S> Service<Request<RequestBody>> for Trace<S>
where
    S: Service<Request<RequestBody>, Response = Response<ResponseBody>, Error = Error>
        + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
{
    type Response = Response<ResponseBody>;
    type Error = Error;
    type Future = Either<S::Future, BoxFuture<Result<Response<ResponseBody>, Error>>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<RequestBody>) -> Self::Future {
        let (operation, model) = match req.extensions().get::<CallConfig>() {
            Some(cfg) => (cfg.operation, cfg.model.clone()),
            None => ("", None),
        };
        let span = tracing::info_span!(
            "openai.request",
            "otel.kind" = "client",
            "http.request.method" = %req.method(),
            "url.path" = req.uri().path(),
            "openai.operation" = operation,
            "gen_ai.request.model" = model.as_deref(),
            "http.response.status_code" = tracing::field::Empty,
            "openai.request_id" = tracing::field::Empty,
            "openai.attempts" = tracing::field::Empty,
            "latency_ms" = tracing::field::Empty,
        );
        // Nobody listening (no subscriber, or one that filters this span and our debug
        // events out): skip the clock reads, the recording and the instrumented wrapper.
        if span.is_disabled() && !tracing::enabled!(tracing::Level::DEBUG) {
            return Either::Plain {
                inner: self.inner.call(req),
            };
        }
        let fut = span.in_scope(|| self.inner.call(req));
        let record_span = span.clone();
        Either::Boxed {
            inner: Box::pin(
                async move {
                    let started = tokio::time::Instant::now();
                    let result = fut.await;
                    let span = record_span;
                    span.record("latency_ms", started.elapsed().as_millis() as u64);
                    match &result {
                        Ok(resp) => {
                            span.record("http.response.status_code", resp.status().as_u16());
                            if let Some(id) = request_id_from_headers(resp.headers()) {
                                span.record("openai.request_id", id);
                            }
                            if let Some(Attempts(n)) = resp.extensions().get::<Attempts>() {
                                span.record("openai.attempts", *n);
                            }
                            tracing::debug!(status = resp.status().as_u16(), "response received");
                        }
                        Err(err) => {
                            span.record("openai.attempts", err.attempts());
                            if let Some(id) = err.request_id() {
                                span.record("openai.request_id", id);
                            }
                            tracing::debug!(error = %err, "request failed");
                        }
                    }
                    result
                }
                .instrument(span),
            ),
        }
    }
}
