//! Layer 2 (per call): the optional total deadline across all attempts and backoff sleeps.
//!
//! Outside retry so it can cut a backoff sleep; inside trace so the span records it. Off unless
//! the client or the call sets a total timeout (the official SDKs time each attempt only). For
//! streaming calls it covers the exchange up to the response headers; the stream itself is
//! guarded by the idle timeout.

use std::task::{Context, Poll};
use std::time::Duration;

use http::{Request, Response};
use tower::Service;

use super::{BoxFuture, CallConfig, Either};
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

    fn call(&mut self, req: Request<RequestBody>) -> Self::Future {
        let limit = req
            .extensions()
            .get::<CallConfig>()
            .and_then(|c| c.total_timeout)
            .or(self.default);
        let fut = self.inner.call(req);
        match limit {
            // The common case: no deadline, no timer, no extra state.
            None => Either::Plain { inner: fut },
            Some(limit) => Either::Boxed {
                inner: Box::pin(async move {
                    match tokio::time::timeout(limit, fut).await {
                        Ok(result) => result,
                        Err(_) => Err(Error::timeout_after(TimeoutKind::Total, limit)),
                    }
                }),
            },
        }
    }
}
