//! What a successful response says besides its body: rate limits and processing time, read
//! from [`ResponseMeta`]'s headers.

use std::time::Duration;

use http::{HeaderMap, StatusCode};

use crate::request::ResponseMeta;

/// The `x-ratelimit-*` headers of a response, parsed.
///
/// OpenAI sends limits and remaining counts as integers and resets as durations such as
/// `1s`, `6m0s` or `20ms`; Azure sends the remaining counts. Missing or unparsable headers are
/// `None`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RateLimits {
    /// `x-ratelimit-limit-requests`.
    pub limit_requests: Option<u64>,
    /// `x-ratelimit-limit-tokens`.
    pub limit_tokens: Option<u64>,
    /// `x-ratelimit-remaining-requests`.
    pub remaining_requests: Option<u64>,
    /// `x-ratelimit-remaining-tokens`.
    pub remaining_tokens: Option<u64>,
    /// `x-ratelimit-reset-requests`: until the request budget is full again.
    pub reset_requests: Option<Duration>,
    /// `x-ratelimit-reset-tokens`: until the token budget is full again.
    pub reset_tokens: Option<Duration>,
}

impl RateLimits {
    /// Reads the rate-limit headers.
    pub fn from_headers(headers: &HeaderMap) -> Self {
        let int = |name: &str| header(headers, name)?.parse::<u64>().ok();
        let reset = |name: &str| parse_reset(header(headers, name)?);
        RateLimits {
            limit_requests: int("x-ratelimit-limit-requests"),
            limit_tokens: int("x-ratelimit-limit-tokens"),
            remaining_requests: int("x-ratelimit-remaining-requests"),
            remaining_tokens: int("x-ratelimit-remaining-tokens"),
            reset_requests: reset("x-ratelimit-reset-requests"),
            reset_tokens: reset("x-ratelimit-reset-tokens"),
        }
    }
}

fn header<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    Some(headers.get(name)?.to_str().ok()?.trim())
}

/// Parses a reset duration: `1h2m3.5s`, `6m0s`, `20ms`, `0.5s`, or plain seconds (`12`).
fn parse_reset(text: &str) -> Option<Duration> {
    if let Ok(seconds) = text.parse::<f64>() {
        return (seconds.is_finite() && seconds >= 0.0)
            .then(|| Duration::try_from_secs_f64(seconds).ok())
            .flatten();
    }
    let mut total = 0.0f64;
    let mut rest = text;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if digits == 0 {
            return None;
        }
        let value: f64 = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        let (scale, unit_len) = if rest.starts_with("ms") {
            (0.001, 2)
        } else if rest.starts_with('h') {
            (3600.0, 1)
        } else if rest.starts_with('m') {
            (60.0, 1)
        } else if rest.starts_with('s') {
            (1.0, 1)
        } else {
            return None;
        };
        total += value * scale;
        rest = &rest[unit_len..];
    }
    Duration::try_from_secs_f64(total).ok()
}

impl ResponseMeta {
    /// Metadata for a response with `status` and `headers` (for custom transports and tests).
    pub fn new(status: StatusCode, headers: HeaderMap) -> Self {
        ResponseMeta {
            status,
            request_id: crate::error::request_id_from_headers(&headers).map(str::to_owned),
            attempts: 1,
            headers,
        }
    }

    #[cfg(test)]
    pub(crate) fn for_tests(status: StatusCode, headers: HeaderMap) -> Self {
        Self::new(status, headers)
    }

    /// A response header as text (`None` when absent or not visible ASCII).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)?.to_str().ok()
    }

    /// The parsed `x-ratelimit-*` headers.
    pub fn rate_limits(&self) -> RateLimits {
        RateLimits::from_headers(&self.headers)
    }

    /// How long the service says it worked on the request (`openai-processing-ms`).
    pub fn processing_time(&self) -> Option<Duration> {
        let ms: f64 = self.header("openai-processing-ms")?.trim().parse().ok()?;
        (ms.is_finite() && ms >= 0.0)
            .then(|| Duration::try_from_secs_f64(ms / 1000.0).ok())
            .flatten()
    }

    /// The model that served the request, when the service names it in a header
    /// (`openai-model`).
    pub fn model(&self) -> Option<&str> {
        self.header("openai-model")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    #[test]
    fn rate_limit_headers_parse() {
        let mut headers = HeaderMap::new();
        for (name, value) in [
            ("x-ratelimit-limit-requests", "10000"),
            ("x-ratelimit-limit-tokens", "2000000"),
            ("x-ratelimit-remaining-requests", "9999"),
            ("x-ratelimit-remaining-tokens", "1999985"),
            ("x-ratelimit-reset-requests", "6ms"),
            ("x-ratelimit-reset-tokens", "1m2.5s"),
            ("openai-processing-ms", "412"),
            ("x-request-id", "req_1"),
        ] {
            headers.insert(name, HeaderValue::from_static(value));
        }
        let meta = ResponseMeta::new(StatusCode::OK, headers);
        assert_eq!(
            meta.rate_limits(),
            RateLimits {
                limit_requests: Some(10000),
                limit_tokens: Some(2_000_000),
                remaining_requests: Some(9999),
                remaining_tokens: Some(1_999_985),
                reset_requests: Some(Duration::from_millis(6)),
                reset_tokens: Some(Duration::from_millis(62_500)),
            }
        );
        assert_eq!(meta.processing_time(), Some(Duration::from_millis(412)));
        assert_eq!(meta.request_id.as_deref(), Some("req_1"));
    }

    #[test]
    fn reset_formats() {
        assert_eq!(parse_reset("1h2m3s"), Some(Duration::from_secs(3723)));
        assert_eq!(parse_reset("6m0s"), Some(Duration::from_secs(360)));
        assert_eq!(parse_reset("0.5s"), Some(Duration::from_millis(500)));
        assert_eq!(parse_reset("12"), Some(Duration::from_secs(12)));
        assert_eq!(parse_reset(""), None);
        assert_eq!(parse_reset("soon"), None);
        assert_eq!(parse_reset("5d"), None);
        assert_eq!(parse_reset("-1"), None);
    }
}
