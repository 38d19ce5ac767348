//! Plain configuration values: [`RequestOptions`] (per call), [`Timeouts`], [`RetryConfig`],
//! [`RetryBudget`] and [`Jitter`].
//!
//! These are the second and third of the three configuration layers
//! (environment → client builder → per-request options). They are inert data: the layers read
//! them; nothing here does I/O. Defaults follow openai-python v3.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Map, Value};

/// Per-call overrides: timeouts, retries, extra headers, query and body fields.
///
/// Values set here win over the client's configuration for this call only.
///
/// ```
/// use std::time::Duration;
/// use core_http::RequestOptions;
/// let opts = RequestOptions::default()
///     .timeout(Duration::from_secs(20))
///     .max_retries(0)
///     .header("x-trace", "abc")
///     .extra_body_field("reasoning_effort", "low");
/// assert_eq!(opts.max_retries, Some(0));
/// ```
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct RequestOptions {
    /// Per-attempt timeout (time to response headers; whole body for buffered calls; an
    /// error response's body for every call).
    pub timeout: Option<Duration>,
    /// Total deadline for the whole call: every attempt, every backoff sleep and, for
    /// streaming calls, the stream itself. When it passes the call (or the stream) ends with
    /// [`TimeoutKind::Total`](crate::TimeoutKind::Total); events already received stay
    /// yours.
    pub total_timeout: Option<Duration>,
    /// Longest silence allowed between two body reads.
    pub idle_timeout: Option<Duration>,
    /// Retries after the first attempt (0 disables retries for this call).
    pub max_retries: Option<u32>,
    /// Largest response body a buffered (non-streaming) call accepts, in bytes; a longer
    /// body is an error naming the limit. Default: the client's, which defaults to
    /// [`DEFAULT_MAX_RESPONSE_BYTES`](crate::DEFAULT_MAX_RESPONSE_BYTES) (256 MiB).
    /// Streams are not capped (they are not held in memory).
    pub max_response_bytes: Option<u64>,
    /// Extra headers; they win over the SDK's own and the client's default headers.
    pub headers: Vec<(String, String)>,
    /// Extra query parameters, appended after the SDK's.
    pub query: Vec<(String, String)>,
    /// Extra top-level JSON body fields (parameters newer than our types). Ignored for
    /// non-JSON bodies.
    pub extra_body: Option<Map<String, Value>>,
}

impl RequestOptions {
    /// Sets the per-attempt timeout.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sets a total deadline for the whole call: retries, backoff and, for streaming calls,
    /// the stream itself (which then ends with [`TimeoutKind::Total`](crate::TimeoutKind::Total)).
    pub fn total_timeout(mut self, timeout: Duration) -> Self {
        self.total_timeout = Some(timeout);
        self
    }

    /// Sets the idle timeout between body reads (streams).
    pub fn idle_timeout(mut self, timeout: Duration) -> Self {
        self.idle_timeout = Some(timeout);
        self
    }

    /// Sets the number of retries for this call.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// Caps the body of a buffered response for this call (bytes).
    pub fn max_response_bytes(mut self, max: u64) -> Self {
        self.max_response_bytes = Some(max);
        self
    }

    /// Adds a header (validated when the request is sent).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Adds a query parameter.
    pub fn query(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((key.into(), value.into()));
        self
    }

    /// Replaces the extra body fields.
    pub fn extra_body(mut self, fields: Map<String, Value>) -> Self {
        self.extra_body = Some(fields);
        self
    }

    /// Adds one extra body field.
    pub fn extra_body_field(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        self.extra_body
            .get_or_insert_with(Map::new)
            .insert(key.into(), value.into());
        self
    }

    /// Layers `other` over `self`: scalar fields set in `other` win; lists are appended; body
    /// fields are merged key by key.
    pub fn merge(mut self, other: &RequestOptions) -> Self {
        self.timeout = other.timeout.or(self.timeout);
        self.total_timeout = other.total_timeout.or(self.total_timeout);
        self.idle_timeout = other.idle_timeout.or(self.idle_timeout);
        self.max_retries = other.max_retries.or(self.max_retries);
        self.max_response_bytes = other.max_response_bytes.or(self.max_response_bytes);
        self.headers.extend(other.headers.iter().cloned());
        self.query.extend(other.query.iter().cloned());
        if let Some(extra) = &other.extra_body {
            let target = self.extra_body.get_or_insert_with(Map::new);
            for (k, v) in extra {
                target.insert(k.clone(), v.clone());
            }
        }
        self
    }
}

/// Client-wide timeouts.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Timeouts {
    /// TCP + TLS + proxy handshake. Default 5 s.
    pub connect: Duration,
    /// One attempt, until the response headers (and the whole body for buffered calls).
    /// Default 600 s.
    pub attempt: Duration,
    /// Longest silence between two body reads (the "read timeout"). Default 600 s.
    pub idle: Duration,
    /// Optional total deadline for the whole call: all attempts, backoff sleeps and the body
    /// of a stream. Default none.
    pub total: Option<Duration>,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(5),
            attempt: Duration::from_secs(600),
            idle: Duration::from_secs(600),
            total: None,
        }
    }
}

impl Timeouts {
    /// Sets the connect timeout.
    pub fn connect(mut self, d: Duration) -> Self {
        self.connect = d;
        self
    }
    /// Sets the per-attempt timeout.
    pub fn attempt(mut self, d: Duration) -> Self {
        self.attempt = d;
        self
    }
    /// Sets the idle (read) timeout.
    pub fn idle(mut self, d: Duration) -> Self {
        self.idle = d;
        self
    }
    /// Sets the total deadline.
    pub fn total(mut self, d: Option<Duration>) -> Self {
        self.total = d;
        self
    }
}

/// Retry rules of openai-python v3.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct RetryConfig {
    /// Retries after the first attempt. Default 2 (so at most 3 attempts).
    pub max_retries: u32,
    /// Backoff before the first retry, doubled each time. Default 0.5 s.
    pub initial_delay: Duration,
    /// Cap of the computed backoff. Default 8 s.
    pub max_delay: Duration,
    /// Longest server-requested delay honoured; a longer one means "do not retry". Default 120 s.
    pub max_server_delay: Duration,
    /// Jitter multiplier source, in [0.75, 1]. Default random.
    pub jitter: Jitter,
    /// Client-wide retry budget; `None` disables it. Default [`RetryBudget::default`].
    pub budget: Option<RetryBudget>,
    /// Which SDK's rules to follow. Default [`RetryProfile::OpenAi`].
    pub profile: RetryProfile,
}

/// The family of retry rules.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum RetryProfile {
    /// openai-python v3: 408/409/429/≥500, `x-should-retry`, backoff `min(initial·2ⁿ, max)` ×
    /// [0.75, 1].
    #[default]
    OpenAi,
    /// azcore (Go): 408/429/500/502/503/504 only, no `x-should-retry`, backoff
    /// `(2ⁿ⁺¹ − 1)·initial` × [0.8, 1.3) capped at `max_delay`.
    /// Use [`RetryConfig::azure_core`] for its defaults.
    AzureCore,
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig {
            max_retries: 2,
            initial_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(8),
            max_server_delay: crate::layers::classify::DEFAULT_MAX_SERVER_DELAY,
            jitter: Jitter::default(),
            budget: Some(RetryBudget::default()),
            profile: RetryProfile::OpenAi,
        }
    }
}

impl RetryConfig {
    /// The azcore (Go) profile: 3 retries, 0.8 s base delay, 60 s cap; a server delay above
    /// 60 s means no retry.
    pub fn azure_core() -> Self {
        RetryConfig {
            max_retries: 3,
            initial_delay: Duration::from_millis(800),
            max_delay: Duration::from_secs(60),
            max_server_delay: Duration::from_secs(60),
            profile: RetryProfile::AzureCore,
            ..Self::default()
        }
    }

    /// Sets the number of retries.
    pub fn max_retries(mut self, n: u32) -> Self {
        self.max_retries = n;
        self
    }
    /// Sets the first backoff delay.
    pub fn initial_delay(mut self, d: Duration) -> Self {
        self.initial_delay = d;
        self
    }
    /// Sets the backoff cap.
    pub fn max_delay(mut self, d: Duration) -> Self {
        self.max_delay = d;
        self
    }
    /// Sets the longest server-requested delay that is honoured.
    pub fn max_server_delay(mut self, d: Duration) -> Self {
        self.max_server_delay = d;
        self
    }
    /// Replaces the jitter source (e.g. [`Jitter::fixed`] in tests).
    pub fn jitter(mut self, jitter: Jitter) -> Self {
        self.jitter = jitter;
        self
    }
    /// Sets or disables (`None`) the client-wide retry budget.
    pub fn budget(mut self, budget: Option<RetryBudget>) -> Self {
        self.budget = budget;
        self
    }
}

/// A client-wide token bucket that limits retries (AWS SDK style), so a struggling service
/// does not get a retry storm from one process.
///
/// The bucket starts full. A retry withdraws `retry_cost` tokens (`timeout_cost` when the
/// failure was a timeout); a successful call refunds `success_refund`. When the bucket cannot
/// pay, the failure is returned instead of retried.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryBudget {
    /// Bucket size. Default 500.
    pub capacity: u32,
    /// Cost of retrying after an HTTP or connection failure. Default 5.
    pub retry_cost: u32,
    /// Cost of retrying after a timeout. Default 10.
    pub timeout_cost: u32,
    /// Tokens returned per successful call. Default 1.
    pub success_refund: u32,
}

impl Default for RetryBudget {
    fn default() -> Self {
        RetryBudget {
            capacity: 500,
            retry_cost: 5,
            timeout_cost: 10,
            success_refund: 1,
        }
    }
}

impl RetryBudget {
    /// A budget with the given capacity and default costs.
    pub fn with_capacity(capacity: u32) -> Self {
        RetryBudget {
            capacity,
            ..Self::default()
        }
    }
}

/// Source of the backoff jitter multiplier, clamped to the profile's range ([0.75, 1] for
/// OpenAI, [0.8, 1.3] for azure-core).
#[derive(Clone)]
pub struct Jitter(JitterInner);

#[derive(Clone)]
enum JitterInner {
    Random,
    Fixed(f64),
    Custom(Arc<dyn Fn() -> f64 + Send + Sync>),
}

impl Jitter {
    /// openai-python's `1 - 0.25 * random()`.
    pub fn random() -> Self {
        Jitter(JitterInner::Random)
    }

    /// Always the same multiplier: deterministic delays for tests and simulations.
    pub fn fixed(multiplier: f64) -> Self {
        Jitter(JitterInner::Fixed(multiplier))
    }

    /// A custom source.
    pub fn from_fn(f: impl Fn() -> f64 + Send + Sync + 'static) -> Self {
        Jitter(JitterInner::Custom(Arc::new(f)))
    }

    /// Draws one multiplier for the OpenAI profile.
    pub fn sample(&self) -> f64 {
        self.sample_for(RetryProfile::OpenAi)
    }

    /// Draws one multiplier for `profile` (random draws use that profile's range).
    pub fn sample_for(&self, profile: RetryProfile) -> f64 {
        match &self.0 {
            JitterInner::Random => match profile {
                RetryProfile::OpenAi => 1.0 - 0.25 * crate::layers::backoff::random_unit(),
                RetryProfile::AzureCore => 0.8 + 0.5 * crate::layers::backoff::random_unit(),
            },
            JitterInner::Fixed(m) => *m,
            JitterInner::Custom(f) => f(),
        }
    }
}

impl Default for Jitter {
    fn default() -> Self {
        Self::random()
    }
}

impl fmt::Debug for Jitter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            JitterInner::Random => f.write_str("Jitter::Random"),
            JitterInner::Fixed(m) => write!(f, "Jitter::Fixed({m})"),
            JitterInner::Custom(_) => f.write_str("Jitter::Custom"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The documented defaults.
    #[test]
    fn defaults_match_openai_python() {
        let t = Timeouts::default();
        assert_eq!(t.connect, Duration::from_secs(5));
        assert_eq!(t.attempt, Duration::from_secs(600));
        assert_eq!(t.idle, Duration::from_secs(600));
        assert_eq!(t.total, None);
        let r = RetryConfig::default();
        assert_eq!(r.max_retries, 2);
        assert_eq!(r.initial_delay, Duration::from_millis(500));
        assert_eq!(r.max_delay, Duration::from_secs(8));
        assert_eq!(r.max_server_delay, Duration::from_secs(120));
    }

    #[test]
    fn merge_layers_options() {
        let base = RequestOptions::default()
            .timeout(Duration::from_secs(1))
            .max_retries(5)
            .header("a", "1")
            .extra_body_field("x", 1);
        let over = RequestOptions::default()
            .max_retries(0)
            .header("b", "2")
            .extra_body_field("x", 2)
            .extra_body_field("y", true);
        let merged = base.merge(&over);
        assert_eq!(merged.timeout, Some(Duration::from_secs(1)));
        assert_eq!(merged.max_retries, Some(0));
        assert_eq!(merged.headers.len(), 2);
        let extra = merged.extra_body.unwrap();
        assert_eq!(extra["x"], 2);
        assert_eq!(extra["y"], true);
    }
}
