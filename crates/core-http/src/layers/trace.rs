//! Layer 1 (per call): one tracing span per logical call.
//!
//! Outermost so the span covers every attempt and backoff sleep and records the final status,
//! attempt count, request id and latency. It never records headers or bodies, and it never
//! holds a request carrying a credential (auth is added further in).

use std::task::{Context, Poll};

use http::{Request, Response};
use tower::Service;
use tracing::Instrument;

use std::borrow::Cow;
use std::sync::Arc;

use super::{Attempts, BoxFuture, CallConfig, Either};
use crate::body::{RequestBody, ResponseBody};
use crate::error::{Error, request_id_from_headers};
use crate::telemetry::{CallTelemetry, ClientTelemetry, error_type, record_error, span_name};

#[derive(Clone)]
pub(crate) struct Trace<S> {
    inner: S,
    telemetry: Arc<ClientTelemetry>,
}

impl<S> Trace<S> {
    pub(crate) fn new(inner: S, telemetry: Arc<ClientTelemetry>) -> Self {
        Trace { inner, telemetry }
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
        let cfg = req.extensions().get::<CallConfig>();
        let operation = cfg.map_or("", |c| c.operation);
        let model = cfg.and_then(|c| c.model.as_deref());
        let gen_ai = cfg.and_then(|c| c.gen_ai.as_ref());
        // Every field is declared here (a span's fields are fixed when it is created); the
        // GenAI ones are filled below and once the response is decoded (see `telemetry`).
        let span = tracing::info_span!(
            "openai.request",
            "otel.kind" = "client",
            "otel.name" = tracing::field::Empty,
            "otel.status_code" = tracing::field::Empty,
            "http.request.method" = %req.method(),
            "url.path" = req.uri().path(),
            "openai.operation" = operation,
            "gen_ai.request.model" = model,
            "http.response.status_code" = tracing::field::Empty,
            "openai.request_id" = tracing::field::Empty,
            "openai.attempts" = tracing::field::Empty,
            "latency_ms" = tracing::field::Empty,
            "server.address" = tracing::field::Empty,
            "server.port" = tracing::field::Empty,
            "error.type" = tracing::field::Empty,
            "gen_ai.operation.name" = tracing::field::Empty,
            "gen_ai.provider.name" = tracing::field::Empty,
            "gen_ai.request.temperature" = tracing::field::Empty,
            "gen_ai.request.top_p" = tracing::field::Empty,
            "gen_ai.request.max_tokens" = tracing::field::Empty,
            "gen_ai.request.frequency_penalty" = tracing::field::Empty,
            "gen_ai.request.presence_penalty" = tracing::field::Empty,
            "gen_ai.request.seed" = tracing::field::Empty,
            "gen_ai.request.stop_sequences" = tracing::field::Empty,
            "gen_ai.request.choice.count" = tracing::field::Empty,
            "gen_ai.response.id" = tracing::field::Empty,
            "gen_ai.response.model" = tracing::field::Empty,
            "gen_ai.response.finish_reasons" = tracing::field::Empty,
            "gen_ai.usage.input_tokens" = tracing::field::Empty,
            "gen_ai.usage.output_tokens" = tracing::field::Empty,
        );
        #[cfg(feature = "metrics")]
        let metrics = match gen_ai {
            Some(g) if self.telemetry.metrics_enabled() => {
                Some(Box::new(crate::telemetry::metrics::PendingCall::new(
                    self.telemetry.clone(),
                    g.operation_name(),
                    cfg.and_then(|c| c.model.clone()),
                )))
            }
            _ => None,
        };
        #[cfg(feature = "metrics")]
        let metrics_on = metrics.is_some();
        #[cfg(not(feature = "metrics"))]
        let metrics_on = false;
        // Nobody listening (no subscriber, or one that filters this span and our debug
        // events out) and no meter: skip the clock reads, the recording and the
        // instrumented wrapper.
        if span.is_disabled() && !metrics_on && !tracing::enabled!(tracing::Level::DEBUG) {
            return Either::Plain {
                inner: self.inner.call(req),
            };
        }
        let span_on = !span.is_disabled();
        if span_on {
            self.telemetry.record(&span);
            if let Some(g) = gen_ai {
                g.record(&span);
                span.record("otel.name", span_name(g.operation_name(), model));
            }
        }
        let keep_span = span_on && gen_ai.is_some();
        let mut telemetry = CallTelemetry::new(
            keep_span.then(|| span.clone()),
            #[cfg(feature = "metrics")]
            metrics,
        );
        let fut = span.in_scope(|| self.inner.call(req));
        let record_span = span.clone();
        Either::Boxed {
            inner: Box::pin(
                async move {
                    let started = tokio::time::Instant::now();
                    let mut result = fut.await;
                    let span = record_span;
                    span.record("latency_ms", started.elapsed().as_millis() as u64);
                    match &mut result {
                        Ok(resp) => {
                            let status = resp.status();
                            span.record("http.response.status_code", status.as_u16());
                            if let Some(id) = request_id_from_headers(resp.headers()) {
                                span.record("openai.request_id", id);
                            }
                            if let Some(Attempts(n)) = resp.extensions().get::<Attempts>() {
                                span.record("openai.attempts", *n);
                            }
                            tracing::debug!(status = status.as_u16(), "response received");
                            if status.is_success() {
                                // The decoder (or the stream) finishes the record.
                                if telemetry.is_active() {
                                    resp.extensions_mut().insert(telemetry);
                                }
                            } else {
                                let kind = Cow::Owned(status.as_str().to_owned());
                                record_error(&span, &kind);
                                telemetry.fail_as(kind);
                            }
                        }
                        Err(err) => {
                            span.record("openai.attempts", err.attempts());
                            if let Some(id) = err.request_id() {
                                span.record("openai.request_id", id);
                            }
                            let kind = error_type(err);
                            record_error(&span, &kind);
                            telemetry.fail_as(kind);
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
