//! Layer 2 (per call): the optional total deadline across all attempts and backoff sleeps.
//!
//! Outside retry so it can cut a backoff sleep; inside trace so the span records it. Off unless
//! the client or the call sets a total timeout (the official SDKs time each attempt only). It
//! bounds the exchange here and hands the same instant to the response body, so a stream read
//! after the stack has returned still ends with `Timeout(Total)` when the deadline passes.

use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use http::{Request, Response};
use tokio::time::Instant;
use tower::Service;

use super::{BoxFuture, CallConfig, CallProgress, Either};
use crate::body::{RequestBody, ResponseBody};
use crate::error::{Error, TimeoutKind};

#[derive(Clone)]
pub(crate) struct Deadline<S> {
    inner: S,
    default: Option<Duration>,
}

impl<S> Deadline<S> {
    pub(crate) fn new(inner: S, default: Option<Duration>) -> Self {
        Deadline { inner, default }
    }
}

impl<S> Service<Request<RequestBody>> for Deadline<S>
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

    fn call(&mut self, mut req: Request<RequestBody>) -> Self::Future {
        let limit = req
            .extensions()
            .get::<CallConfig>()
            .and_then(|c| c.total_timeout)
            .or(self.default);
        let Some(limit) = limit else {
            // The common case: no deadline, no timer, no extra state.
            return Either::Plain {
                inner: self.inner.call(req),
            };
        };
        let at = Instant::now() + limit;
        let progress = Arc::new(CallProgress::default());
        req.extensions_mut().insert(progress.clone());
        let fut = self.inner.call(req);
        Either::Boxed {
            inner: Box::pin(async move {
                match tokio::time::timeout_at(at, fut).await {
                    Ok(Ok(mut resp)) => {
                        let status = resp.status();
                        resp.body_mut()
                            .set_deadline(at, limit, Some(status), progress.sent());
                        Ok(resp)
                    }
                    Ok(Err(err)) => Err(err),
                    Err(_) => {
                        // Say how far the call got: requests sent and the last status seen.
                        let mut err = Error::timeout_after(TimeoutKind::Total, limit);
                        err.set_attempts(progress.sent());
                        err.set_last_status(progress.last_status());
                        Err(err)
                    }
                }
            }),
        }
    }
}
