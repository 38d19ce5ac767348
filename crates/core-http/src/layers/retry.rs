//! Layer 3 (per call): the retry loop with openai-python's rules and a client-wide budget.
//!
//! Rules: retry connection failures, connect/attempt timeouts,
//! 408/409/429/≥500, `x-should-retry` overrides; wait the server's delay when
//! 0 < delay ≤ cap, else `min(0.5 s·2ⁿ, 8 s) × jitter`; stamp `x-stainless-retry-count` on every
//! attempt unless the caller set it; never retry a one-shot body; release a retried response's
//! body before sleeping. Classification is the pure [`super::classify`]; delays come from
//! [`super::backoff`].
//!
//! Why a hand-written loop and not `tower::retry::Retry`: tower skips the policy entirely when
//! a request cannot be cloned, so a one-shot upload would get neither an attempt count nor a
//! budget refund; and the loop clones the request only while a retry is still possible, so
//! the last attempt costs nothing extra.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::task::{Context, Poll};
use std::time::SystemTime;

use http::{HeaderName, HeaderValue, Request, Response};
use tower::{Service, ServiceExt};

use super::backoff::backoff;
use super::classify::{Decision, classify_error, classify_status_with};
use super::{Attempts, BoxFuture, CallConfig, CallProgress, RetryVerdict};
use crate::body::{RequestBody, ResponseBody};
use crate::error::{Error, ErrorKind};
use crate::options::{RetryBudget, RetryConfig};

pub(crate) const RETRY_COUNT: HeaderName = HeaderName::from_static("x-stainless-retry-count");

/// The retry count as a header value: static text for the usual counts (no allocation per
/// attempt), formatted only past them.
fn retry_count_value(retries: u32) -> HeaderValue {
    const SMALL: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
    match SMALL.get(retries as usize) {
        Some(text) => HeaderValue::from_static(text),
        None => HeaderValue::from(retries),
    }
}

/// The shared token bucket behind [`RetryBudget`].
#[derive(Debug)]
pub(crate) struct TokenBucket {
    cfg: RetryBudget,
    tokens: AtomicU32,
}

impl TokenBucket {
    pub(crate) fn new(cfg: RetryBudget) -> Self {
        TokenBucket {
            tokens: AtomicU32::new(cfg.capacity),
            cfg,
        }
    }

    fn withdraw(&self, cost: u32) -> bool {
        self.tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| t.checked_sub(cost))
            .is_ok()
    }

    fn refund(&self) {
        let cap = self.cfg.capacity;
        let add = self.cfg.success_refund;
        let _ = self
            .tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| {
                Some(t.saturating_add(add).min(cap))
            });
    }

    #[cfg(test)]
    pub(crate) fn available(&self) -> u32 {
        self.tokens.load(Ordering::Acquire)
    }
}

#[derive(Clone)]
pub(crate) struct Retry<S> {
    inner: S,
    cfg: Arc<RetryConfig>,
    budget: Option<Arc<TokenBucket>>,
}

impl<S> Retry<S> {
    pub(crate) fn new(inner: S, cfg: Arc<RetryConfig>, budget: Option<Arc<TokenBucket>>) -> Self {
        Retry { inner, cfg, budget }
    }
}

pub(crate) fn clone_request(req: &Request<RequestBody>) -> Option<Request<RequestBody>> {
    let body = req.body().try_clone()?;
    let mut out = Request::new(body);
    *out.method_mut() = req.method().clone();
    *out.uri_mut() = req.uri().clone();
    *out.version_mut() = req.version();
    *out.headers_mut() = req.headers().clone();
    *out.extensions_mut() = req.extensions().clone();
    Some(out)
}

impl<S> Service<Request<RequestBody>> for Retry<S>
where
    S: Service<Request<RequestBody>, Response = Response<ResponseBody>, Error = Error>
        + Clone
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

    fn call(&mut self, mut req: Request<RequestBody>) -> Self::Future {
        // The clone goes back into `self`; the service that reported ready handles this call.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let cfg = self.cfg.clone();
        let budget = self.budget.clone();
        Box::pin(async move {
            let max = req
                .extensions()
                .get::<CallConfig>()
                .and_then(|c| c.max_retries)
                .unwrap_or(cfg.max_retries);
            let stamp_count = !req.headers().contains_key(&RETRY_COUNT);
            // Counts the requests the transport was actually given (a credential failure
            // before sending counts none); the deadline layer may have put it there already.
            let progress = match req.extensions().get::<Arc<CallProgress>>() {
                Some(p) => p.clone(),
                None => {
                    let p = Arc::new(CallProgress::default());
                    req.extensions_mut().insert(p.clone());
                    p
                }
            };
            let mut retries: u32 = 0;
            let mut first = true;
            loop {
                if stamp_count {
                    req.headers_mut()
                        .insert(RETRY_COUNT, retry_count_value(retries));
                }
                // Keep a copy only while another attempt is possible.
                let next = if retries < max {
                    clone_request(&req)
                } else {
                    None
                };
                let outcome = if first {
                    first = false;
                    inner.call(req).await
                } else {
                    match ServiceExt::<Request<RequestBody>>::ready(&mut inner).await {
                        Ok(svc) => svc.call(req).await,
                        Err(e) => Err(e),
                    }
                };
                let attempts = progress.sent();
                let decision = match &outcome {
                    Ok(resp) => classify_status_with(
                        cfg.profile,
                        resp.status(),
                        resp.headers(),
                        cfg.max_server_delay,
                        SystemTime::now(),
                    ),
                    Err(err) => classify_error(err),
                };
                let (server_delay, reason) = match decision {
                    Decision::Done => {
                        if let Some(b) = &budget {
                            b.refund();
                        }
                        return stamp(outcome, attempts, false);
                    }
                    Decision::DontRetry => return stamp(outcome, attempts, false),
                    Decision::Retry {
                        server_delay,
                        reason,
                    } => (server_delay, reason),
                };
                let Some(next_req) = next else {
                    return stamp(outcome, attempts, true);
                };
                if let Some(b) = &budget {
                    let is_timeout =
                        matches!(&outcome, Err(e) if matches!(e.kind(), ErrorKind::Timeout(_)));
                    let cost = if is_timeout {
                        b.cfg.timeout_cost
                    } else {
                        b.cfg.retry_cost
                    };
                    if !b.withdraw(cost) {
                        tracing::warn!(
                            attempt = attempts,
                            reason,
                            "retry budget exhausted; not retrying"
                        );
                        return stamp(outcome, attempts, true);
                    }
                }
                let delay = server_delay.unwrap_or_else(|| backoff(&cfg, retries));
                // Release the failed attempt (and its connection) before sleeping.
                drop(outcome);
                tracing::info!(
                    attempt = attempts,
                    reason,
                    delay_ms = delay.as_millis() as u64,
                    server_delay = server_delay.is_some(),
                    "retrying request"
                );
                tokio::time::sleep(delay).await;
                retries += 1;
                req = next_req;
            }
        })
    }
}

/// Records on the outcome how many attempts it took and whether the retry policy classified
/// it as retryable, so `Error::is_retryable` reports the decision this client applied.
fn stamp(
    outcome: Result<Response<ResponseBody>, Error>,
    attempts: u32,
    retryable: bool,
) -> Result<Response<ResponseBody>, Error> {
    match outcome {
        Ok(mut resp) => {
            resp.extensions_mut().insert(Attempts(attempts));
            resp.extensions_mut().insert(RetryVerdict(retryable));
            Ok(resp)
        }
        Err(mut err) => {
            err.set_attempts(attempts);
            err.set_retryable(retryable);
            Err(err)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_count_values() {
        for n in [0, 1, 9, 10, 123] {
            assert_eq!(retry_count_value(n), n.to_string().as_str());
        }
    }

    #[test]
    fn token_bucket_withdraw_and_refund() {
        let b = TokenBucket::new(RetryBudget {
            capacity: 12,
            retry_cost: 5,
            timeout_cost: 10,
            success_refund: 1,
        });
        assert!(b.withdraw(5));
        assert!(b.withdraw(5));
        assert!(!b.withdraw(5));
        assert_eq!(b.available(), 2);
        for _ in 0..20 {
            b.refund();
        }
        assert_eq!(b.available(), 12);
    }
}
