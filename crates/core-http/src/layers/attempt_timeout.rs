//! Layer 6 (per attempt): the attempt timeout, and the idle limit on the response body.
//!
//! Innermost layer above the transport, so it measures the network exchange only (not token
//! acquisition). It bounds the time to response headers; for buffered (non-streaming) calls it
//! also reads the whole body inside the attempt, so a slow or broken body is a retryable
//! attempt failure (behaviors §12 items 22-23, node v7 semantics). Streams get only the idle
//! limit, which lives on the body because the body is polled after this layer has returned.

use std::task::{Context, Poll};
use std::time::Duration;

use http::{Request, Response};
use tower::Service;

use super::{BoxFuture, CallConfig};
use crate::body::{RequestBody, ResponseBody};
use crate::error::{Error, TimeoutKind, request_id_from_headers};

#[derive(Clone)]
pub(crate) struct AttemptTimeout<S> {
    inner: S,
    attempt: Duration,
    idle: Duration,
}

impl<S> AttemptTimeout<S> {
    pub(crate) fn new(inner: S, attempt: Duration, idle: Duration) -> Self {
        AttemptTimeout {
            inner,
            attempt,
            idle,
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
        let fut = self.inner.call(req);
        Box::pin(async move {
            let exchange = async move {
                let mut resp = fut.await?;
                resp.body_mut().set_idle_timeout(Some(idle));
                if buffer && !resp.body().is_buffered() {
                    let (parts, body) = resp.into_parts();
                    // The headers arrived: a body failure still names the response's id.
                    let bytes = body.collect_bytes().await.map_err(|mut e| {
                        e.set_request_id_if_absent(request_id_from_headers(&parts.headers));
                        e
                    })?;
                    resp = Response::from_parts(parts, ResponseBody::from_bytes(bytes));
                    resp.body_mut().set_idle_timeout(Some(idle));
                }
                Ok(resp)
            };
            match tokio::time::timeout(limit, exchange).await {
                Ok(result) => result,
                Err(_) => Err(Error::timeout_after(TimeoutKind::Attempt, limit)),
            }
        })
    }
}
