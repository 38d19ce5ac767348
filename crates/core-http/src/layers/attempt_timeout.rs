//! Layer 6 (per attempt): the attempt timeout, and the idle limit on the response body.
//!
//! Innermost layer above the transport, so it measures the network exchange only (not token
//! acquisition). It bounds the time to response headers; for buffered (non-streaming) calls it
//! also reads the whole body inside the attempt, so a slow or broken body is a retryable
//! attempt failure, up to the call's body size
//! cap. Error (non-2xx) bodies are read here for every call, streams included, up to a small
//! prefix. Successful streams get only the idle limit, which lives on the body because the
//! body is polled after this layer has returned.

use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::time::Instant;

use http::{Request, Response};
use tower::Service;

use super::{BoxFuture, CallConfig, CallProgress};
use crate::body::{Collected, RequestBody, ResponseBody};
use crate::error::{Error, TimeoutKind, request_id_from_headers};

/// How much of an error (non-2xx) body is read; the rest is never read.
pub(crate) const ERROR_BODY_READ_LIMIT: usize = 64 * 1024;

#[derive(Clone)]
pub(crate) struct AttemptTimeout<S> {
    inner: S,
    attempt: Duration,
    idle: Duration,
    max_response_bytes: u64,
}

impl<S> AttemptTimeout<S> {
    pub(crate) fn new(
        inner: S,
        attempt: Duration,
        idle: Duration,
        max_response_bytes: u64,
    ) -> Self {
        AttemptTimeout {
            inner,
            attempt,
            idle,
            max_response_bytes,
        }
    }
}

impl<S> Service<Request<RequestBody>> for AttemptTimeout<S>
where
    S: Service<Request<RequestBody>, Response = Response<ResponseBody>, Error = Error>
        + Send
        + 'static,
    S::Future: Send + 'static,
{
    type Response = Response<ResponseBody>;
    type Error = Error;
    type Future = BoxFuture<Result<Response<ResponseBody>, Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<RequestBody>) -> Self::Future {
        let cfg = req.extensions().get::<CallConfig>();
        let limit = cfg.and_then(|c| c.attempt_timeout).unwrap_or(self.attempt);
        let idle = cfg.and_then(|c| c.idle_timeout).unwrap_or(self.idle);
        let buffer = cfg.is_some_and(|c| c.buffer_body);
        let max_body = cfg
            .and_then(|c| c.max_response_bytes)
            .unwrap_or(self.max_response_bytes);
        let progress = req.extensions().get::<Arc<CallProgress>>().cloned();
        if let Some(p) = &progress {
            p.record_sent();
        }
        let fut = self.inner.call(req);
        Box::pin(async move {
            let timed_out = || Error::timeout_after(TimeoutKind::Attempt, limit);
            let deadline = Instant::now() + limit;
            let mut resp = tokio::time::timeout_at(deadline, fut)
                .await
                .map_err(|_| timed_out())??;
            if let Some(p) = &progress {
                p.record_status(resp.status());
            }
            resp.body_mut().set_idle_timeout(Some(idle));
            if resp.body().is_buffered() {
                return Ok(resp);
            }
            let (parts, mut body) = resp.into_parts();
            if !parts.status.is_success() {
                // An error body is read here, under this attempt's limits, and only up to a
                // small prefix: whatever the server does with the rest (drip it, send
                // gigabytes) the attempt ends in time and the status is kept. Dropping the
                // unread rest closes the connection instead of draining it.
                let mut kept = Collected::default();
                let _ = tokio::time::timeout_at(
                    deadline,
                    body.read_prefix(&mut kept, ERROR_BODY_READ_LIMIT),
                )
                .await;
                drop(body);
                let mut resp = Response::from_parts(parts, ResponseBody::from_bytes(kept.finish()));
                resp.body_mut().set_idle_timeout(Some(idle));
                return Ok(resp);
            }
            if !buffer {
                return Ok(Response::from_parts(parts, body));
            }
            // The headers arrived: a body failure still names the response's id.
            let bytes = tokio::time::timeout_at(deadline, body.collect_bytes_max(max_body))
                .await
                .map_err(|_| timed_out())?
                .map_err(|mut e| {
                    e.set_request_id_if_absent(request_id_from_headers(&parts.headers));
                    e
                })?;
            let mut resp = Response::from_parts(parts, ResponseBody::from_bytes(bytes));
            resp.body_mut().set_idle_timeout(Some(idle));
            Ok(resp)
        })
    }
}
