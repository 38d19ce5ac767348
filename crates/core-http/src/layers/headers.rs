//! Layer 5 (per attempt): default headers, inserted only where the request has none.
//!
//! `User-Agent: OpenAI/Rust <ver>`, the `X-Stainless-*` platform headers, `Accept`, the
//! client's default headers and `x-stainless-read-timeout`.
//! Everything constant is computed once at build time; per attempt this is a few map lookups.
//! Headers set by the SDK or the caller always win ("if not present").

use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use http::{HeaderMap, HeaderName, HeaderValue, Request, Response};
use tower::Service;

use super::CallConfig;
use crate::body::{RequestBody, ResponseBody};
use crate::error::Error;

pub(crate) const READ_TIMEOUT: HeaderName = HeaderName::from_static("x-stainless-read-timeout");

/// The package version sent in `User-Agent` and `X-Stainless-Package-Version`.
pub(crate) const VERSION: &str = env!("CARGO_PKG_VERSION");

#[derive(Clone)]
pub(crate) struct Headers<S> {
    inner: S,
    defaults: Arc<HeaderMap>,
    default_read_timeout: Duration,
    read_timeout_value: HeaderValue,
}

impl<S> Headers<S> {
    pub(crate) fn new(inner: S, defaults: Arc<HeaderMap>, read_timeout: Duration) -> Self {
        Headers {
            inner,
            defaults,
            default_read_timeout: read_timeout,
            read_timeout_value: seconds_value(read_timeout),
        }
    }
}

/// Seconds as python's `str(float)` would print a whole or fractional value: `600`, `1.5`.
pub(crate) fn seconds_value(d: Duration) -> HeaderValue {
    let text = if d.subsec_nanos() == 0 {
        d.as_secs().to_string()
    } else {
        let s = format!("{:.3}", d.as_secs_f64());
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    };
    HeaderValue::from_str(&text).unwrap_or(HeaderValue::from_static("0"))
}

/// The constant default headers (platform, user agent, accept) plus the client's own.
pub(crate) fn platform_headers(user_agent_suffix: Option<&str>) -> Result<HeaderMap, Error> {
    const USER_AGENT: &str = concat!("OpenAI/Rust ", env!("CARGO_PKG_VERSION"));
    let mut h = HeaderMap::new();
    let ua = match user_agent_suffix.filter(|s| !s.is_empty()) {
        None => HeaderValue::from_static(USER_AGENT),
        Some(suffix) => HeaderValue::from_str(&format!("{USER_AGENT} {suffix}"))
            .map_err(|e| Error::invalid_request("invalid user agent suffix").with_source(e))?,
    };
    h.insert(http::header::USER_AGENT, ua);
    h.insert(
        http::header::ACCEPT,
        HeaderValue::from_static("application/json"),
    );
    // Static values where the text is known at compile time: cloning and dropping them per
    // request is then free (no reference count to touch).
    let pairs: [(&'static str, HeaderValue); 7] = [
        ("x-stainless-lang", HeaderValue::from_static("rust")),
        (
            "x-stainless-package-version",
            HeaderValue::from_static(VERSION),
        ),
        ("x-stainless-os", os_name()),
        ("x-stainless-arch", arch_name()),
        ("x-stainless-runtime", HeaderValue::from_static("rust")),
        // The compiler version is not known at run time without a build script.
        (
            "x-stainless-runtime-version",
            HeaderValue::from_static("unknown"),
        ),
        ("x-stainless-async", HeaderValue::from_static("async:tokio")),
    ];
    for (name, value) in pairs {
        h.insert(HeaderName::from_static(name), value);
    }
    Ok(h)
}

fn os_name() -> HeaderValue {
    let known = match std::env::consts::OS {
        "linux" => "Linux",
        "macos" => "MacOS",
        "windows" => "Windows",
        "freebsd" => "FreeBSD",
        "openbsd" => "OpenBSD",
        "ios" => "iOS",
        "android" => "Android",
        "" => "Unknown",
        other => return dynamic_value(format!("Other:{other}")),
    };
    HeaderValue::from_static(known)
}

fn arch_name() -> HeaderValue {
    let known = match std::env::consts::ARCH {
        "x86_64" => "x64",
        "x86" => "x32",
        "aarch64" => "arm64",
        "arm" => "arm",
        "" => "unknown",
        other => return dynamic_value(format!("other:{other}")),
    };
    HeaderValue::from_static(known)
}

fn dynamic_value(text: String) -> HeaderValue {
    HeaderValue::from_str(&text).unwrap_or(HeaderValue::from_static("unknown"))
}

impl<S> Service<Request<RequestBody>> for Headers<S>
where
    S: Service<Request<RequestBody>, Response = Response<ResponseBody>, Error = Error>,
{
    type Response = Response<ResponseBody>;
    type Error = Error;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: Request<RequestBody>) -> Self::Future {
        let read_timeout = req
            .extensions()
            .get::<CallConfig>()
            .and_then(|c| c.attempt_timeout)
            .filter(|d| *d != self.default_read_timeout);
        let headers = req.headers_mut();
        for (name, value) in self.defaults.iter() {
            if !headers.contains_key(name) {
                headers.insert(name.clone(), value.clone());
            }
        }
        if !headers.contains_key(&READ_TIMEOUT) {
            let value = match read_timeout {
                Some(d) => seconds_value(d),
                None => self.read_timeout_value.clone(),
            };
            headers.insert(READ_TIMEOUT, value);
        }
        self.inner.call(req)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_timeout_formatting() {
        assert_eq!(seconds_value(Duration::from_secs(600)), "600");
        assert_eq!(seconds_value(Duration::from_millis(1500)), "1.5");
    }

    /// User agent and platform headers.
    #[test]
    fn platform_headers_are_sent() {
        let h = platform_headers(Some("my-app/1.0")).unwrap();
        assert_eq!(
            h["user-agent"],
            format!("OpenAI/Rust {VERSION} my-app/1.0").as_str()
        );
        assert_eq!(h["accept"], "application/json");
        for name in [
            "x-stainless-lang",
            "x-stainless-package-version",
            "x-stainless-os",
            "x-stainless-arch",
            "x-stainless-runtime",
            "x-stainless-runtime-version",
        ] {
            assert!(h.contains_key(name), "{name}");
        }
        assert!(platform_headers(Some("bad\nsuffix")).is_err());
    }
}
