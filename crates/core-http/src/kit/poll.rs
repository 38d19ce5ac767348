//! Waiting for long-running operations: one poll loop for every service (runs, image
//! operations, batches, vector store files, background responses).

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use http::HeaderMap;
use tokio::time::Instant;

use crate::error::{Error, TimeoutKind};
use crate::request::ResponseMeta;

/// The wait between polls when neither the caller nor the server names one.
pub const DEFAULT_POLL_INTERVAL: Duration = Duration::from_secs(1);

/// The default limit on the total time spent polling one operation.
pub const DEFAULT_POLL_TIMEOUT: Duration = Duration::from_secs(30 * 60);

/// What a progress callback is told after each poll.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct PollProgress<'a> {
    /// Polls made so far (1 after the first).
    pub polls: u32,
    /// Time since polling started.
    pub elapsed: Duration,
    /// The status the operation reported (its wire value, e.g. `in_progress`).
    pub status: &'a str,
    /// The wait before the next poll.
    pub next_delay: Duration,
}

type ProgressFn = Arc<dyn Fn(PollProgress<'_>) + Send + Sync>;

/// How to wait for a long-running operation.
///
/// Between polls the wait is: the fixed [`interval`](Self::interval) when set (it overrides the
/// server), else the server's hint from the last response — `openai-poll-after-ms`, then
/// `retry-after-ms`, `x-ms-retry-after-ms` and `retry-after` (seconds or an HTTP date), read
/// by the same function the retry layer uses — else the [`default_interval`](Self::default_interval)
/// (1 s unless the operation says otherwise). The whole wait is bounded by
/// [`timeout`](Self::timeout) (30 min by default): when the next wait would cross it, polling
/// stops with a [`TimeoutKind::Total`] error. Polling runs in the caller's task, so dropping
/// its future stops it (the operation itself continues on the service).
///
/// ```
/// use std::time::Duration;
/// use core_http::kit::PollOptions;
///
/// let options = PollOptions::new()
///     .timeout(Duration::from_secs(120))
///     .on_progress(|p| println!("{} after {:?}", p.status, p.elapsed));
/// assert_eq!(options.fixed_interval(), None); // follow the server's hints
/// ```
#[derive(Clone)]
pub struct PollOptions {
    interval: Option<Duration>,
    default_interval: Duration,
    timeout: Option<Duration>,
    on_progress: Option<ProgressFn>,
}

impl Default for PollOptions {
    fn default() -> Self {
        PollOptions {
            interval: None,
            default_interval: DEFAULT_POLL_INTERVAL,
            timeout: Some(DEFAULT_POLL_TIMEOUT),
            on_progress: None,
        }
    }
}

impl fmt::Debug for PollOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PollOptions")
            .field("interval", &self.interval)
            .field("default_interval", &self.default_interval)
            .field("timeout", &self.timeout)
            .field("on_progress", &self.on_progress.is_some())
            .finish()
    }
}

impl PollOptions {
    /// Server-paced polling with the default interval and timeout.
    pub fn new() -> Self {
        Self::default()
    }

    /// Polls every `interval`, ignoring the server's hints.
    pub fn interval(mut self, interval: Duration) -> Self {
        self.interval = Some(interval);
        self
    }

    /// The wait used when the server gives no hint (and no fixed interval is set).
    pub fn default_interval(mut self, interval: Duration) -> Self {
        self.default_interval = interval;
        self
    }

    /// Gives up after `timeout` in total.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Waits as long as the operation takes.
    pub fn no_timeout(mut self) -> Self {
        self.timeout = None;
        self
    }

    /// Calls `callback` after every poll that did not finish the operation.
    pub fn on_progress(
        mut self,
        callback: impl Fn(PollProgress<'_>) + Send + Sync + 'static,
    ) -> Self {
        self.on_progress = Some(Arc::new(callback));
        self
    }

    /// The fixed interval, when one is set.
    pub fn fixed_interval(&self) -> Option<Duration> {
        self.interval
    }

    /// The total limit, when one is set.
    pub fn total_timeout(&self) -> Option<Duration> {
        self.timeout
    }

    /// The wait before the next poll, given the last response's headers.
    pub fn next_delay(&self, headers: &HeaderMap) -> Duration {
        self.interval
            .or_else(|| poll_hint(headers))
            .unwrap_or(self.default_interval)
    }
}

/// The delay a response asks for before the next poll: `openai-poll-after-ms`, then the
/// retry-after family (`retry-after-ms`, `x-ms-retry-after-ms`, `retry-after` in seconds or as
/// an HTTP date). Zero, negative and unparsable values are ignored.
pub fn poll_hint(headers: &HeaderMap) -> Option<Duration> {
    let ms = headers
        .get("openai-poll-after-ms")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<f64>().ok())
        .map(|ms| ms / 1000.0);
    let seconds =
        ms.or_else(|| crate::layers::classify::server_delay(headers, SystemTime::now()))?;
    if seconds.is_finite() && seconds > 0.0 {
        Duration::try_from_secs_f64(seconds).ok()
    } else {
        None
    }
}

/// The state of one polling loop: when it started, how many polls it made.
///
/// Service crates drive it: fetch the state, stop when it is final, otherwise
/// [`wait`](Self::wait) (which sleeps the right delay or fails with the timeout) and fetch
/// again under [`bounded`](Self::bounded), so a slow poll cannot outlive the limit.
#[derive(Debug)]
pub struct Polling<'o> {
    options: &'o PollOptions,
    started: Instant,
    polls: u32,
}

impl<'o> Polling<'o> {
    /// Starts the clock.
    pub fn new(options: &'o PollOptions) -> Self {
        Polling {
            options,
            started: Instant::now(),
            polls: 0,
        }
    }

    /// Polls made so far.
    pub fn polls(&self) -> u32 {
        self.polls
    }

    /// Records a poll that did not finish the operation, tells the progress callback, and
    /// sleeps until the next one: `Err(Timeout(Total))` when that would cross the limit.
    pub async fn wait(&mut self, meta: &ResponseMeta, status: &str) -> Result<(), Error> {
        self.polls += 1;
        let delay = self.options.next_delay(&meta.headers);
        if let Some(callback) = &self.options.on_progress {
            callback(PollProgress {
                polls: self.polls,
                elapsed: self.started.elapsed(),
                status,
                next_delay: delay,
            });
        }
        if let Some(limit) = self.options.timeout {
            if self.started.elapsed() + delay > limit {
                return Err(self.timed_out(limit, meta.request_id.as_deref()));
            }
        }
        tokio::time::sleep(delay).await;
        Ok(())
    }

    /// Runs one poll under the remaining time, so the limit also bounds a slow response.
    pub async fn bounded<T>(
        &self,
        poll: impl Future<Output = Result<T, Error>>,
    ) -> Result<T, Error> {
        match self.options.timeout {
            None => poll.await,
            Some(limit) => match tokio::time::timeout_at(self.started + limit, poll).await {
                Ok(result) => result,
                Err(_) => Err(self.timed_out(limit, None)),
            },
        }
    }

    fn timed_out(&self, limit: Duration, request_id: Option<&str>) -> Error {
        let mut err = Error::timeout_after(TimeoutKind::Total, limit);
        err.set_request_id_if_absent(request_id);
        err
    }
}

/// Polls with `fetch` until `is_done` says the state is final, and returns that state with the
/// metadata of the response that carried it. The first fetch is immediate.
///
/// `status` names the state for progress callbacks (its wire value).
pub async fn poll_until<T, F, Fut>(
    options: &PollOptions,
    mut fetch: F,
    is_done: impl Fn(&T) -> bool,
    status: impl Fn(&T) -> &str,
) -> Result<(T, ResponseMeta), Error>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<(T, ResponseMeta), Error>>,
{
    let mut polling = Polling::new(options);
    loop {
        let (state, meta) = polling.bounded(fetch()).await?;
        if is_done(&state) {
            return Ok((state, meta));
        }
        polling.wait(&meta, status(&state)).await?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::{HeaderValue, StatusCode};
    use std::sync::Mutex;

    fn meta(headers: &[(&'static str, &'static str)]) -> ResponseMeta {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.insert(*name, HeaderValue::from_static(value));
        }
        ResponseMeta::for_tests(StatusCode::OK, map)
    }

    #[test]
    fn fixed_interval_beats_server_hint_beats_default() {
        let none = HeaderMap::new();
        let opts = PollOptions::new();
        assert_eq!(opts.next_delay(&none), DEFAULT_POLL_INTERVAL);
        let m = meta(&[("openai-poll-after-ms", "250"), ("retry-after", "9")]);
        assert_eq!(opts.next_delay(&m.headers), Duration::from_millis(250));
        let m = meta(&[("x-ms-retry-after-ms", "1500")]);
        assert_eq!(opts.next_delay(&m.headers), Duration::from_millis(1500));
        let m = meta(&[("retry-after", "3")]);
        assert_eq!(opts.next_delay(&m.headers), Duration::from_secs(3));
        let m = meta(&[("retry-after-ms", "-5")]);
        assert_eq!(opts.next_delay(&m.headers), DEFAULT_POLL_INTERVAL);
        let m = meta(&[("openai-poll-after-ms", "soon")]);
        assert_eq!(opts.next_delay(&m.headers), DEFAULT_POLL_INTERVAL);
        let fixed = PollOptions::new().interval(Duration::from_millis(40));
        let m = meta(&[("openai-poll-after-ms", "250")]);
        assert_eq!(fixed.next_delay(&m.headers), Duration::from_millis(40));
        let slow = PollOptions::new().default_interval(Duration::from_secs(2));
        assert_eq!(slow.next_delay(&none), Duration::from_secs(2));
    }

    #[test]
    fn http_date_hint_is_understood() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "retry-after",
            HeaderValue::from_static("Fri, 01 Jan 2100 00:00:00 GMT"),
        );
        let delay = poll_hint(&headers).unwrap();
        assert!(delay > Duration::from_secs(365 * 24 * 3600), "{delay:?}");
        // A date in the past asks for no wait: the default applies.
        headers.insert(
            "retry-after",
            HeaderValue::from_static("Thu, 01 Jan 1970 00:00:00 GMT"),
        );
        assert_eq!(poll_hint(&headers), None);
    }

    #[tokio::test(start_paused = true)]
    async fn polls_until_done_following_hints_and_reports_progress() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        let options = PollOptions::new().on_progress(move |p| {
            log.lock()
                .unwrap()
                .push((p.polls, p.status.to_owned(), p.next_delay));
        });
        let mut states = vec!["done", "running", "queued"];
        let started = Instant::now();
        let (state, _) = poll_until(
            &options,
            || {
                let next = states.pop().unwrap();
                async move { Ok((next, meta(&[("openai-poll-after-ms", "300")]))) }
            },
            |s| *s == "done",
            |s| s,
        )
        .await
        .unwrap();
        assert_eq!(state, "done");
        assert_eq!(started.elapsed(), Duration::from_millis(600));
        assert_eq!(
            *seen.lock().unwrap(),
            [
                (1, "queued".to_owned(), Duration::from_millis(300)),
                (2, "running".to_owned(), Duration::from_millis(300)),
            ]
        );
    }

    #[tokio::test(start_paused = true)]
    async fn stops_when_the_next_wait_would_cross_the_timeout() {
        let options = PollOptions::new()
            .interval(Duration::from_secs(2))
            .timeout(Duration::from_secs(5));
        let started = Instant::now();
        let err = poll_until(
            &options,
            || async { Ok(("running", meta(&[("x-request-id", "req_7")]))) },
            |_| false,
            |s| s,
        )
        .await
        .unwrap_err();
        assert_eq!(err.timeout_kind(), Some(TimeoutKind::Total));
        assert_eq!(err.request_id(), Some("req_7"));
        // Polls at 0 s, 2 s and 4 s; a fourth wait would end at 6 s.
        assert_eq!(started.elapsed(), Duration::from_secs(4));
    }

    #[tokio::test(start_paused = true)]
    async fn a_slow_poll_is_cut_at_the_limit() {
        let options = PollOptions::new().timeout(Duration::from_secs(3));
        let started = Instant::now();
        let err = poll_until(
            &options,
            || async {
                tokio::time::sleep(Duration::from_secs(60)).await;
                Ok(("running", meta(&[])))
            },
            |_| false,
            |s| s,
        )
        .await
        .unwrap_err();
        assert_eq!(err.timeout_kind(), Some(TimeoutKind::Total));
        assert_eq!(started.elapsed(), Duration::from_secs(3));
    }
}
