//! Retry layer behaviour over the in-memory transport, in virtual time.

use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use core_http::http::{Request, Response};
use core_http::test_util::{MockResponse, MockTransport};
use core_http::{
    Error, ErrorKind, HttpClient, Jitter, RequestBody, RequestOptions, ResponseBody, RetryBudget,
    RetryConfig, Scope, StatusClass, TimeoutKind,
};
use serde_json::{Value, json};
use tokio::time::Instant;

use crate::support::builder;

fn client(mock: &MockTransport) -> HttpClient {
    builder(mock).build().unwrap()
}

async fn post(client: &HttpClient) -> Result<Value, Error> {
    client
        .post("/chat/completions", Scope::Deployment("gpt-4o"))
        .json(&json!({"model": "gpt-4o"}))
        .send_json()
        .await
}

fn ok() -> MockResponse {
    MockResponse::json(200, &json!({"ok": true}))
}

fn retry_counts(mock: &MockTransport) -> Vec<String> {
    mock.requests()
        .iter()
        .map(|r| {
            r.header("x-stainless-retry-count")
                .unwrap_or("-")
                .to_owned()
        })
        .collect()
}

/// A persistent 500 is attempted exactly 3 times, then fails with 500.
#[tokio::test(start_paused = true)]
async fn three_attempts_then_internal_server_error() {
    let mock = MockTransport::new();
    mock.fallback(MockResponse::json(
        500,
        &json!({"error": {"message": "boom"}}),
    ));
    let started = Instant::now();
    let err = post(&client(&mock)).await.unwrap_err();
    assert_eq!(mock.request_count(), 3);
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500));
    assert_eq!(
        err.api_error().unwrap().status_class(),
        Some(StatusClass::InternalServer)
    );
    assert_eq!(err.attempts(), 3);
    // Backoff with jitter 1.0: 0.5 s then 1 s.
    assert_eq!(started.elapsed(), Duration::from_millis(1500));
}

/// Retried statuses vs final ones.
#[tokio::test(start_paused = true)]
async fn status_sets() {
    for status in [408u16, 409, 429, 500, 502, 503, 504] {
        let mock = MockTransport::new();
        mock.push(MockResponse::new(status)).push(ok());
        post(&client(&mock)).await.unwrap();
        assert_eq!(mock.request_count(), 2, "{status} is retried");
    }
    for status in [400u16, 401, 403, 404, 422] {
        let mock = MockTransport::new();
        mock.push(MockResponse::new(status)).push(ok());
        let err = post(&client(&mock)).await.unwrap_err();
        assert_eq!(mock.request_count(), 1, "{status} is final");
        assert_eq!(err.status().unwrap().as_u16(), status);
        assert_eq!(err.attempts(), 1);
    }
}

/// `x-should-retry` both ways.
#[tokio::test(start_paused = true)]
async fn x_should_retry_both_ways() {
    let mock = MockTransport::new();
    mock.push(MockResponse::new(400).header("x-should-retry", "true"))
        .push(ok());
    post(&client(&mock)).await.unwrap();
    assert_eq!(mock.request_count(), 2);

    let mock = MockTransport::new();
    mock.push(MockResponse::new(503).header("x-should-retry", "false"))
        .push(ok());
    let err = post(&client(&mock)).await.unwrap_err();
    assert_eq!(mock.request_count(), 1);
    assert!(!err.is_retryable());
}

async fn waited_for(headers: &[(&str, &str)]) -> Duration {
    let mock = MockTransport::new();
    let mut first = MockResponse::new(429);
    for (k, v) in headers {
        first = first.header(k, v);
    }
    mock.push(first).push(ok());
    let started = Instant::now();
    post(&client(&mock)).await.unwrap();
    assert_eq!(mock.request_count(), 2);
    started.elapsed()
}

/// Exact server-directed delays, no jitter.
#[tokio::test(start_paused = true)]
async fn server_delays_are_exact() {
    assert_eq!(
        waited_for(&[("retry-after-ms", "1500")]).await,
        Duration::from_millis(1500)
    );
    assert_eq!(
        waited_for(&[("retry-after", "2")]).await,
        Duration::from_secs(2)
    );
    assert_eq!(
        waited_for(&[("retry-after", "1.5")]).await,
        Duration::from_millis(1500)
    );
    assert_eq!(
        waited_for(&[("retry-after-ms", "250"), ("retry-after", "9")]).await,
        Duration::from_millis(250)
    );
    assert_eq!(
        waited_for(&[("x-ms-retry-after-ms", "1500")]).await,
        Duration::from_millis(1500)
    );
}

/// Server delays are not jittered even with a low jitter source.
#[tokio::test(start_paused = true)]
async fn no_jitter_on_server_delay() {
    let mock = MockTransport::new();
    mock.push(MockResponse::new(429).header("retry-after-ms", "1500"))
        .push(ok());
    let client = builder(&mock)
        .retry_config(RetryConfig::default().jitter(Jitter::fixed(0.75)))
        .build()
        .unwrap();
    let started = Instant::now();
    post(&client).await.unwrap();
    assert_eq!(started.elapsed(), Duration::from_millis(1500));
}

/// An HTTP date ~3 s ahead.
#[tokio::test(start_paused = true)]
async fn http_date() {
    let when = SystemTime::now() + Duration::from_secs(4);
    let date = fmt_http_date(when);
    let waited = waited_for(&[("retry-after", &date)]).await;
    // Whole-second resolution of HTTP dates: between 3 and 4 s.
    assert!(
        waited > Duration::from_secs(3) && waited <= Duration::from_secs(4),
        "{waited:?}"
    );
}

fn fmt_http_date(t: SystemTime) -> String {
    let secs = t.duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs() as i64;
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // civil_from_days (H. Hinnant).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "Thu, {d:02} {} {y} {:02}:{:02}:{:02} GMT",
        months[(m - 1) as usize],
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// A server delay above 120 s means no retry; the cap is configurable.
#[tokio::test(start_paused = true)]
async fn cap_refuses_long_delays() {
    let mock = MockTransport::new();
    mock.push(MockResponse::new(429).header("retry-after", "121"))
        .push(ok());
    let started = Instant::now();
    let err = post(&client(&mock)).await.unwrap_err();
    assert_eq!(mock.request_count(), 1);
    assert_eq!(started.elapsed(), Duration::ZERO);
    assert_eq!(err.retry_after(), Some(Duration::from_secs(121)));

    let mock = MockTransport::new();
    mock.push(MockResponse::new(429).header("retry-after", "121"))
        .push(ok());
    let client = builder(&mock)
        .retry_config(
            RetryConfig::default()
                .jitter(Jitter::fixed(1.0))
                .max_server_delay(Duration::from_secs(300)),
        )
        .build()
        .unwrap();
    let started = Instant::now();
    post(&client).await.unwrap();
    assert_eq!(started.elapsed(), Duration::from_secs(121));
}

/// Invalid server delays fall back to jittered backoff within
/// [0.75, 1] × 0.5 s·2ⁿ.
#[tokio::test(start_paused = true)]
async fn fallback_backoff_and_jitter_bounds() {
    assert_eq!(
        waited_for(&[("retry-after", "0")]).await,
        Duration::from_millis(500)
    );
    assert_eq!(
        waited_for(&[("retry-after", "soon")]).await,
        Duration::from_millis(500)
    );
    assert_eq!(
        waited_for(&[("retry-after-ms", "-5")]).await,
        Duration::from_millis(500)
    );

    for jitter in [0.75, 0.9, 1.0] {
        let mock = MockTransport::new();
        mock.fallback(MockResponse::new(503));
        let client = builder(&mock)
            .retry_config(
                RetryConfig::default()
                    .max_retries(3)
                    .jitter(Jitter::fixed(jitter)),
            )
            .build()
            .unwrap();
        let started = Instant::now();
        post(&client).await.unwrap_err();
        let expected = Duration::from_secs_f64((0.5 + 1.0 + 2.0) * jitter);
        let waited = started.elapsed();
        assert!(
            waited.abs_diff(expected) < Duration::from_millis(2),
            "{waited:?} vs {expected:?}"
        );
    }
}

/// Retry-count on every attempt; a caller value is never overwritten.
#[tokio::test(start_paused = true)]
async fn retry_count_header() {
    let mock = MockTransport::new();
    mock.fallback(MockResponse::new(500));
    post(&client(&mock)).await.unwrap_err();
    assert_eq!(retry_counts(&mock), ["0", "1", "2"]);

    let mock = MockTransport::new();
    mock.fallback(MockResponse::new(500));
    client(&mock)
        .post("/chat/completions", Scope::Resource)
        .header("x-stainless-retry-count", "7")
        .send()
        .await
        .unwrap_err();
    assert_eq!(retry_counts(&mock), ["7", "7", "7"]);
}

/// Connection failures are retried; when retries run out the kind
/// says what happened and the cause is attached.
#[tokio::test(start_paused = true)]
async fn transport_failures() {
    let mock = MockTransport::new();
    mock.push_error(|| Error::connect("refused"))
        .push_error(|| Error::io("reset"))
        .push(ok());
    post(&client(&mock)).await.unwrap();
    assert_eq!(mock.request_count(), 3);

    let mock = MockTransport::new();
    for _ in 0..3 {
        mock.push_error(|| {
            Error::connect("refused")
                .with_source(std::io::Error::from(std::io::ErrorKind::ConnectionRefused))
        });
    }
    let err = post(&client(&mock)).await.unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Connect));
    assert!(std::error::Error::source(&err).is_some());
    assert_eq!(err.attempts(), 3);

    let mock = MockTransport::new();
    mock.fallback(MockResponse::new(200).delay(Duration::from_secs(3600)));
    let err = client(&mock)
        .get("/models", Scope::Resource)
        .options(&RequestOptions::default().timeout(Duration::from_secs(1)))
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.timeout_kind(), Some(TimeoutKind::Attempt));
    assert_eq!(err.attempts(), 3);
}

/// A one-shot body is never retried.
#[tokio::test(start_paused = true)]
async fn one_shot_body_not_retried() {
    let mock = MockTransport::new();
    mock.fallback(MockResponse::new(503));
    let chunks = OneChunk(Some(Bytes::from_static(b"file bytes")));
    let err = client(&mock)
        .post("/files", Scope::Resource)
        .body(
            RequestBody::stream(chunks, Some(10)),
            "application/octet-stream",
        )
        .send()
        .await
        .unwrap_err();
    assert_eq!(mock.request_count(), 1);
    assert_eq!(err.attempts(), 1);
    let sent = &mock.requests()[0];
    assert!(sent.one_shot);
    assert_eq!(sent.body, "file bytes");
}

struct OneChunk(Option<Bytes>);
impl futures_core::Stream for OneChunk {
    type Item = std::io::Result<Bytes>;
    fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Poll::Ready(self.0.take().map(Ok))
    }
}

/// Per-request max_retries replaces the client value, including 0.
#[tokio::test(start_paused = true)]
async fn per_request_max_retries() {
    for (retries, expected) in [(0u32, 1usize), (4, 5)] {
        let mock = MockTransport::new();
        mock.fallback(MockResponse::new(500));
        let client = client(&mock);
        client
            .get("/models", Scope::Resource)
            .options(&RequestOptions::default().max_retries(retries))
            .send()
            .await
            .unwrap_err();
        assert_eq!(mock.request_count(), expected);
        // The client value still applies to the next call.
        let before = mock.request_count();
        client
            .get("/models", Scope::Resource)
            .send()
            .await
            .unwrap_err();
        assert_eq!(mock.request_count() - before, 3);
    }
    let mock = MockTransport::new();
    mock.fallback(MockResponse::new(500));
    builder(&mock)
        .max_retries(0)
        .build()
        .unwrap()
        .get("/m", Scope::Resource)
        .send()
        .await
        .unwrap_err();
    assert_eq!(mock.request_count(), 1);
}

/// A retried response's body is dropped before the backoff sleep.
#[tokio::test(start_paused = true)]
async fn retried_body_released_before_sleep() {
    let dropped_at = Arc::new(Mutex::new(Vec::new()));
    let calls = Arc::new(AtomicUsize::new(0));
    let transport = DropProbeTransport {
        dropped_at: dropped_at.clone(),
        calls: calls.clone(),
    };
    let client = HttpClient::builder()
        .transport(transport)
        .retry_config(RetryConfig::default().jitter(Jitter::fixed(1.0)))
        .build()
        .unwrap();
    let started = Instant::now();
    let resp = client.get("/models", Scope::Resource).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    let drops = dropped_at.lock().unwrap().clone();
    // The 503's body was dropped at t=0, before the 0.5 s sleep.
    assert_eq!(
        drops.first().map(|t| t.duration_since(started)),
        Some(Duration::ZERO)
    );
    assert_eq!(started.elapsed(), Duration::from_millis(500));
}

#[derive(Clone)]
struct DropProbeTransport {
    dropped_at: Arc<Mutex<Vec<Instant>>>,
    calls: Arc<AtomicUsize>,
}

struct ProbeBody(Arc<Mutex<Vec<Instant>>>);

impl Drop for ProbeBody {
    fn drop(&mut self) {
        self.0.lock().unwrap().push(Instant::now());
    }
}

impl http_body::Body for ProbeBody {
    type Data = Bytes;
    type Error = Error;
    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Error>>> {
        // The error body is read (a prefix, inside the attempt) and then released at once.
        Poll::Ready(None)
    }
}

impl tower::Service<Request<RequestBody>> for DropProbeTransport {
    type Response = Response<ResponseBody>;
    type Error = Error;
    type Future =
        Pin<Box<dyn std::future::Future<Output = Result<Response<ResponseBody>, Error>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, _req: Request<RequestBody>) -> Self::Future {
        let n = self.calls.fetch_add(1, Ordering::SeqCst);
        let probe = ProbeBody(self.dropped_at.clone());
        Box::pin(async move {
            let status = if n == 0 { 503 } else { 200 };
            let mut resp = Response::new(ResponseBody::new(probe));
            *resp.status_mut() = core_http::http::StatusCode::from_u16(status).unwrap();
            Ok(resp)
        })
    }
}

/// Retry budget: once the client-wide bucket is empty, failures are returned without retry.
#[tokio::test(start_paused = true)]
async fn retry_budget_exhaustion() {
    let mock = MockTransport::new();
    mock.fallback(MockResponse::new(503));
    let client = builder(&mock)
        .retry_config(
            RetryConfig::default()
                .jitter(Jitter::fixed(1.0))
                .budget(Some(RetryBudget::with_capacity(10))),
        )
        .build()
        .unwrap();
    // Call 1: two retries cost 5 + 5 = 10 tokens.
    client.get("/m", Scope::Resource).send().await.unwrap_err();
    assert_eq!(mock.request_count(), 3);
    // Call 2: the bucket is empty, so no retry; clones of the client share the bucket.
    let err = client
        .clone()
        .get("/m", Scope::Resource)
        .send()
        .await
        .unwrap_err();
    assert_eq!(mock.request_count(), 4);
    assert_eq!(err.attempts(), 1);
    // A success refunds one token: not enough for a retry (cost 5) yet.
    mock.push(ok());
    client.get("/m", Scope::Resource).send().await.unwrap();
    client.get("/m", Scope::Resource).send().await.unwrap_err();
    assert_eq!(mock.request_count(), 6);
}

/// Without a budget, every call gets its full retries.
#[tokio::test(start_paused = true)]
async fn no_budget_means_no_limit() {
    let mock = MockTransport::new();
    mock.fallback(MockResponse::new(503));
    let client = builder(&mock)
        .retry_config(
            RetryConfig::default()
                .jitter(Jitter::fixed(1.0))
                .budget(None),
        )
        .build()
        .unwrap();
    for _ in 0..50 {
        client.get("/m", Scope::Resource).send().await.unwrap_err();
    }
    assert_eq!(mock.request_count(), 150);
}

/// The opt-in azure-core profile (3 retries, azcore statuses and delays).
#[tokio::test(start_paused = true)]
async fn azure_core_profile() {
    let mock = MockTransport::new();
    mock.fallback(MockResponse::new(503));
    let client = builder(&mock)
        .retry_config(RetryConfig::azure_core().jitter(Jitter::fixed(1.0)))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = client.get("/m", Scope::Resource).send().await.unwrap_err();
    assert_eq!(err.attempts(), 4);
    // 0.8 + 2.4 + 5.6 s.
    assert_eq!(started.elapsed(), Duration::from_millis(8800));

    let mock = MockTransport::new();
    mock.push(MockResponse::new(409)).push(ok());
    let client = builder(&mock)
        .retry_config(RetryConfig::azure_core())
        .build()
        .unwrap();
    client.get("/m", Scope::Resource).send().await.unwrap_err();
    assert_eq!(mock.request_count(), 1, "azcore does not retry 409");
}

/// A body that counts how often it is serialized.
struct CountingBody {
    serializations: AtomicUsize,
}

impl serde::Serialize for CountingBody {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.serializations.fetch_add(1, Ordering::SeqCst);
        ["a long conversation", "ends here"].serialize(serializer)
    }
}

/// The request body is serialized once per call: two retries re-send the same bytes, they
/// do not serialize the typed request again.
#[tokio::test(start_paused = true)]
async fn request_body_is_serialized_once_across_retries() {
    let mock = MockTransport::new();
    mock.push(MockResponse::new(500))
        .push(MockResponse::new(503))
        .push(ok());
    let body = CountingBody {
        serializations: AtomicUsize::new(0),
    };
    client(&mock)
        .post("/responses", Scope::Resource)
        .json(&body)
        .send_json::<Value>()
        .await
        .unwrap();
    assert_eq!(mock.request_count(), 3);
    assert_eq!(body.serializations.load(Ordering::SeqCst), 1);
    let sent: Vec<Bytes> = mock.requests().into_iter().map(|r| r.body).collect();
    assert_eq!(
        sent[0],
        Bytes::from_static(br#"["a long conversation","ends here"]"#)
    );
    assert!(
        sent.iter().all(|b| *b == sent[0]),
        "every attempt sends the same bytes"
    );
}
