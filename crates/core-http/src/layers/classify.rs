//! Pure retry classification: `(status, headers) | error → Decision`, and server-delay parsing.
//!
//! No I/O and no clock reads (the caller passes `now`), so every retry rule is a table
//! test here. Used by the retry layer and by [`crate::Error::is_retryable`], so the two can never
//! disagree.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::{HeaderMap, StatusCode};

use crate::error::{Error, ErrorKind, TimeoutKind};
use crate::options::RetryProfile;

/// openai-python v3's `MAX_RETRY_AFTER_DELAY`: a longer server delay means "do not retry".
pub(crate) const DEFAULT_MAX_SERVER_DELAY: Duration = Duration::from_secs(120);

/// What the retry layer should do with one outcome.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Decision {
    /// Success: stop, the call is done.
    Done,
    /// A failure that must not be retried.
    DontRetry,
    /// A retryable failure; `server_delay` is the server's requested wait, when valid.
    Retry {
        server_delay: Option<Duration>,
        reason: &'static str,
    },
}

/// Statuses retried without an `x-should-retry` header: 408, 409, 429 and ≥ 500.
pub(crate) fn retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 409 | 429) || status.is_server_error()
}

/// azcore's status set: 408, 429, 500, 502, 503, 504.
fn azure_core_retryable(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 429 | 500 | 502 | 503 | 504)
}

/// Classifies a response with the OpenAI rules.
pub(crate) fn classify_status(
    status: StatusCode,
    headers: &HeaderMap,
    max_server_delay: Duration,
    now: SystemTime,
) -> Decision {
    classify_status_with(RetryProfile::OpenAi, status, headers, max_server_delay, now)
}

/// Classifies a response under `profile`. Azure core ignores `x-should-retry` and retries
/// only its own status set.
pub(crate) fn classify_status_with(
    profile: RetryProfile,
    status: StatusCode,
    headers: &HeaderMap,
    max_server_delay: Duration,
    now: SystemTime,
) -> Decision {
    if status.is_success() {
        return Decision::Done;
    }
    let cap = max_server_delay.as_secs_f64();
    let delay = server_delay(headers, now);
    // A finite server delay above the cap wins even over `x-should-retry: true` (py v3).
    if let Some(d) = delay {
        if d.is_finite() && d > cap {
            return Decision::DontRetry;
        }
    }
    let forced = match (profile, headers.get("x-should-retry").map(|v| v.as_bytes())) {
        (RetryProfile::AzureCore, _) => None,
        (_, Some(b"true")) => Some(true),
        (_, Some(b"false")) => Some(false),
        _ => None,
    };
    let status_retryable = match profile {
        RetryProfile::AzureCore => azure_core_retryable(status),
        _ => retryable_status(status),
    };
    let (retry, reason) = match forced {
        Some(value) => (value, "x-should-retry"),
        None => (status_retryable, status_reason(status)),
    };
    if !retry {
        return Decision::DontRetry;
    }
    let server_delay = delay
        .filter(|d| d.is_finite() && *d > 0.0 && *d <= cap)
        .and_then(|d| Duration::try_from_secs_f64(d).ok());
    Decision::Retry {
        server_delay,
        reason,
    }
}

fn status_reason(status: StatusCode) -> &'static str {
    match status.as_u16() {
        408 => "status 408",
        409 => "status 409",
        429 => "status 429",
        _ => "server error status",
    }
}

/// Classifies a transport failure: connection failures, connect
/// and attempt timeouts and broken exchanges before the caller saw a response are retried.
///
/// An idle timeout counts too: inside the stack it can only come from reading a buffered
/// (non-streaming) body, which openai-python retries; a stalled stream is never seen here,
/// because streams are read after the stack has returned.
pub(crate) fn classify_error(err: &Error) -> Decision {
    let reason = match err.kind() {
        ErrorKind::Connect => "connection failed",
        ErrorKind::Io => "connection broke",
        ErrorKind::Timeout(TimeoutKind::Connect) => "connect timeout",
        ErrorKind::Timeout(TimeoutKind::Attempt) => "attempt timeout",
        ErrorKind::Timeout(TimeoutKind::StreamIdle) => "body read timeout",
        _ => return Decision::DontRetry,
    };
    Decision::Retry {
        server_delay: None,
        reason,
    }
}

/// The server-requested delay in seconds, unvalidated (may be negative, zero or huge).
///
/// Order: `retry-after-ms`, `x-ms-retry-after-ms` (both milliseconds, fractions allowed), then
/// `retry-after` as seconds (fractions allowed) or as an HTTP date measured from `now`
///. The first header that parses wins.
pub(crate) fn server_delay(headers: &HeaderMap, now: SystemTime) -> Option<f64> {
    for name in ["retry-after-ms", "x-ms-retry-after-ms"] {
        if let Some(ms) = header_f64(headers, name) {
            return Some(ms / 1000.0);
        }
    }
    if let Some(secs) = header_f64(headers, "retry-after") {
        return Some(secs);
    }
    let text = headers.get("retry-after")?.to_str().ok()?;
    let when = parse_http_date(text)?;
    Some(match when.duration_since(now) {
        Ok(ahead) => ahead.as_secs_f64(),
        Err(behind) => -behind.duration().as_secs_f64(),
    })
}

fn header_f64(headers: &HeaderMap, name: &str) -> Option<f64> {
    let value = headers.get(name)?.to_str().ok()?.trim();
    // Rust's parser also takes "inf"/"NaN"; the callers' finiteness checks handle those.
    value.parse::<f64>().ok()
}

/// Parses an HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`; the weekday is optional).
pub(crate) fn parse_http_date(text: &str) -> Option<SystemTime> {
    let text = text.trim();
    let rest = match text.find(',') {
        Some(i) => &text[i + 1..],
        None => text,
    };
    let mut parts = rest.split_whitespace();
    let day: i64 = parts.next()?.parse().ok()?;
    let month = month_number(parts.next()?)?;
    let year: i64 = parts.next()?.parse().ok()?;
    let mut clock = parts.next()?.split(':');
    let hour: i64 = clock.next()?.parse().ok()?;
    let minute: i64 = clock.next()?.parse().ok()?;
    let second: i64 = clock.next()?.parse().ok()?;
    if clock.next().is_some() {
        return None;
    }
    match parts.next() {
        None | Some("GMT") | Some("UTC") | Some("+0000") | Some("-0000") => {}
        Some(_) => return None,
    }
    if !(1..=31).contains(&day)
        || !(0..=23).contains(&hour)
        || !(0..=59).contains(&minute)
        || !(0..=60).contains(&second)
        || !(1970..=9999).contains(&year)
    {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + hour * 3_600 + minute * 60 + second;
    let secs = u64::try_from(secs).ok()?;
    UNIX_EPOCH.checked_add(Duration::from_secs(secs))
}

fn month_number(name: &str) -> Option<i64> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = name.get(..3)?.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| *m == lower)
        .map(|i| i as i64 + 1)
}

/// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn h(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut m = HeaderMap::new();
        for (k, v) in pairs {
            m.insert(*k, HeaderValue::from_str(v).unwrap());
        }
        m
    }

    fn now() -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(784_111_777) // Sun, 06 Nov 1994 08:49:37 GMT
    }

    fn decide(status: u16, headers: &[(&'static str, &str)]) -> Decision {
        classify_status(
            StatusCode::from_u16(status).unwrap(),
            &h(headers),
            DEFAULT_MAX_SERVER_DELAY,
            now(),
        )
    }

    fn delay_of(d: Decision) -> Option<Duration> {
        match d {
            Decision::Retry { server_delay, .. } => server_delay,
            other => panic!("expected retry, got {other:?}"),
        }
    }

    /// The retried and the final status sets.
    #[test]
    fn status_sets() {
        for s in [408, 409, 429, 500, 501, 502, 503, 504, 599] {
            assert!(matches!(decide(s, &[]), Decision::Retry { .. }), "{s}");
        }
        for s in [400, 401, 403, 404, 422, 302, 413] {
            assert_eq!(decide(s, &[]), Decision::DontRetry, "{s}");
        }
        assert_eq!(decide(200, &[]), Decision::Done);
        assert_eq!(decide(204, &[("x-should-retry", "true")]), Decision::Done);
    }

    /// `x-should-retry` overrides both ways, exact lowercase compare.
    #[test]
    fn x_should_retry() {
        assert!(matches!(
            decide(400, &[("x-should-retry", "true")]),
            Decision::Retry { .. }
        ));
        assert_eq!(
            decide(503, &[("x-should-retry", "false")]),
            Decision::DontRetry
        );
        // Not an exact match: ignored, the status decides.
        assert_eq!(
            decide(400, &[("x-should-retry", "True")]),
            Decision::DontRetry
        );
        assert!(matches!(
            decide(503, &[("x-should-retry", "FALSE")]),
            Decision::Retry { .. }
        ));
    }

    /// Each header form and their precedence.
    #[test]
    fn server_delay_forms() {
        let ms = |d: Decision| delay_of(d).map(|d| d.as_millis());
        assert_eq!(ms(decide(429, &[("retry-after-ms", "1500")])), Some(1500));
        assert_eq!(ms(decide(429, &[("retry-after", "2")])), Some(2000));
        assert_eq!(ms(decide(429, &[("retry-after", "1.5")])), Some(1500));
        assert_eq!(
            ms(decide(429, &[("x-ms-retry-after-ms", "1500")])),
            Some(1500)
        );
        // retry-after-ms wins over retry-after.
        assert_eq!(
            ms(decide(
                429,
                &[("retry-after-ms", "250"), ("retry-after", "9")]
            )),
            Some(250)
        );
        // x-ms-retry-after-ms is checked after retry-after-ms, before retry-after.
        assert_eq!(
            ms(decide(
                429,
                &[("retry-after-ms", "250"), ("x-ms-retry-after-ms", "700")]
            )),
            Some(250)
        );
        assert_eq!(
            ms(decide(
                429,
                &[("x-ms-retry-after-ms", "700"), ("retry-after", "9")]
            )),
            Some(700)
        );
    }

    /// An HTTP date is measured from now.
    #[test]
    fn http_date() {
        let d = decide(429, &[("retry-after", "Sun, 06 Nov 1994 08:49:40 GMT")]);
        assert_eq!(delay_of(d), Some(Duration::from_secs(3)));
        assert_eq!(
            parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"),
            Some(UNIX_EPOCH)
        );
        assert_eq!(
            parse_http_date("29 Feb 2024 12:00:00 GMT"),
            Some(UNIX_EPOCH + Duration::from_secs(1_709_208_000))
        );
        assert_eq!(parse_http_date("yesterday"), None);
        assert_eq!(parse_http_date("Sun, 06 Foo 1994 08:49:40 GMT"), None);
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 25:49:40 GMT"), None);
    }

    /// A server delay above the cap means no retry, even with
    /// `x-should-retry: true`; the cap is configurable.
    #[test]
    fn cap() {
        assert_eq!(decide(429, &[("retry-after", "121")]), Decision::DontRetry);
        assert_eq!(
            decide(429, &[("retry-after", "121"), ("x-should-retry", "true")]),
            Decision::DontRetry
        );
        assert_eq!(
            delay_of(decide(429, &[("retry-after", "120")])),
            Some(Duration::from_secs(120))
        );
        let custom = classify_status(
            StatusCode::TOO_MANY_REQUESTS,
            &h(&[("retry-after", "121")]),
            Duration::from_secs(300),
            now(),
        );
        assert_eq!(delay_of(custom), Some(Duration::from_secs(121)));
    }

    /// 0, negative, NaN, unparseable and past dates fall back to backoff.
    #[test]
    fn fallbacks() {
        for v in [
            "0",
            "-3",
            "NaN",
            "soon",
            "inf",
            "Sun, 06 Nov 1994 08:49:30 GMT",
        ] {
            assert_eq!(delay_of(decide(429, &[("retry-after", v)])), None, "{v}");
        }
        assert_eq!(delay_of(decide(503, &[("retry-after-ms", "0")])), None);
    }

    /// The azure-core profile's status set, no `x-should-retry`, and
    /// its 60 s server-delay cap.
    #[test]
    fn azure_core_statuses() {
        let az = |status: u16, headers: &[(&'static str, &str)]| {
            classify_status_with(
                RetryProfile::AzureCore,
                StatusCode::from_u16(status).unwrap(),
                &h(headers),
                Duration::from_secs(60),
                now(),
            )
        };
        for s in [408, 429, 500, 502, 503, 504] {
            assert!(matches!(az(s, &[]), Decision::Retry { .. }), "{s}");
        }
        for s in [409, 501, 505, 400, 404] {
            assert_eq!(az(s, &[]), Decision::DontRetry, "{s}");
        }
        assert_eq!(az(400, &[("x-should-retry", "true")]), Decision::DontRetry);
        assert_eq!(az(429, &[("retry-after", "61")]), Decision::DontRetry);
        assert_eq!(
            delay_of(az(429, &[("x-ms-retry-after-ms", "1500")])),
            Some(Duration::from_millis(1500))
        );
    }

    /// Transport failures before a response are retried; others not.
    #[test]
    fn errors() {
        for e in [
            Error::connect("refused"),
            Error::io("reset"),
            Error::timeout(TimeoutKind::Connect),
            Error::timeout(TimeoutKind::Attempt),
            Error::timeout(TimeoutKind::StreamIdle),
        ] {
            assert!(matches!(classify_error(&e), Decision::Retry { .. }), "{e}");
        }
        for e in [
            Error::timeout(TimeoutKind::Total),
            Error::invalid_request("x"),
            Error::credential("x"),
            Error::decode("x"),
        ] {
            assert_eq!(classify_error(&e), Decision::DontRetry, "{e}");
        }
    }
}
