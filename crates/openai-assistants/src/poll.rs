//! [`PollOptions`]: how `Runs::poll` and the `*_and_poll` helpers wait for a run.

use std::time::Duration;

use core_http::http::HeaderMap;

/// The delay between polls when neither the caller nor the server names one (openai-python's
/// default).
pub const DEFAULT_POLL_INTERVAL: Duration = Duration::from_secs(1);

/// The default limit on the total time spent polling one run: longer than the 10 minutes after
/// which the service expires an unfinished run, so only a misbehaving server hits it.
pub const DEFAULT_POLL_TIMEOUT: Duration = Duration::from_secs(30 * 60);

/// How to wait for a run to reach a terminal state or `requires_action`.
///
/// Between polls the helper sleeps for [`interval`](Self::interval) when set, else for the
/// server's `openai-poll-after-ms` hint from the last response, else for
/// [`DEFAULT_POLL_INTERVAL`] — the openai-python rule (an explicit interval wins over the
/// server's hint). The whole wait is bounded by [`timeout`](Self::timeout); when the next sleep
/// would cross it, polling stops with a [`core_http::TimeoutKind::Total`] error.
///
/// ```
/// use std::time::Duration;
/// use openai_assistants::PollOptions;
///
/// let opts = PollOptions::new().timeout(Duration::from_secs(120));
/// assert_eq!(opts.interval, None); // follow the server's openai-poll-after-ms
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct PollOptions {
    /// A fixed delay between polls that overrides the server's hint. `None`: use the hint.
    pub interval: Option<Duration>,
    /// Total time allowed for polling; `None` waits as long as the run takes.
    pub timeout: Option<Duration>,
}

impl Default for PollOptions {
    fn default() -> Self {
        PollOptions {
            interval: None,
            timeout: Some(DEFAULT_POLL_TIMEOUT),
        }
    }
}

impl PollOptions {
    /// Server-paced polling with the default timeout.
    pub fn new() -> Self {
        Self::default()
    }

    /// Polls every `interval`, ignoring the server's hint.
    pub fn interval(mut self, interval: Duration) -> Self {
        self.interval = Some(interval);
        self
    }

    /// Gives up after `timeout` in total.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Waits without a total limit.
    pub fn no_timeout(mut self) -> Self {
        self.timeout = None;
        self
    }

    /// The delay before the next poll, given the last response's headers.
    pub(crate) fn next_delay(&self, headers: &HeaderMap) -> Duration {
        self.interval
            .or_else(|| poll_after(headers))
            .unwrap_or(DEFAULT_POLL_INTERVAL)
    }
}

/// `openai-poll-after-ms`, when it is a whole number of milliseconds.
pub(crate) fn poll_after(headers: &HeaderMap) -> Option<Duration> {
    headers
        .get("openai-poll-after-ms")?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .map(Duration::from_millis)
}

#[cfg(test)]
mod tests {
    use super::*;
    use core_http::http::HeaderValue;

    #[test]
    fn explicit_interval_beats_header_beats_default() {
        let mut headers = HeaderMap::new();
        assert_eq!(
            PollOptions::new().next_delay(&headers),
            DEFAULT_POLL_INTERVAL
        );
        headers.insert("openai-poll-after-ms", HeaderValue::from_static("250"));
        assert_eq!(
            PollOptions::new().next_delay(&headers),
            Duration::from_millis(250)
        );
        assert_eq!(
            PollOptions::new()
                .interval(Duration::from_millis(40))
                .next_delay(&headers),
            Duration::from_millis(40)
        );
        headers.insert("openai-poll-after-ms", HeaderValue::from_static("soon"));
        assert_eq!(
            PollOptions::new().next_delay(&headers),
            DEFAULT_POLL_INTERVAL
        );
    }
}
