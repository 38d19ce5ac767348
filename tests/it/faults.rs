//! The fault matrix: each fault the service or the network can throw, through
//! `openai_sdk::Client` against `openai-mock`, in OpenAI and Azure modes. Each test asserts
//! whether the call was retried, how many attempts the mock saw, the virtual delay, the
//! error kind and its `Display`, the request id, and that the SAME client then succeeds.
//!
//! Paused time with the mock on the test's runtime: delays are virtual and
//! exact; jitter is fixed at 1.0, so backoff is 0.5 s then 1 s.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use openai_mock::{MockServer, Reply};
use openai_sdk::TokenFuture;
use openai_sdk::{AccessToken, ErrorKind, Secret, TimeoutKind, TokenCredential};
use serde_json::json;
use tokio::time::Instant;

use crate::support::{MODES, Mode, assert_healthy, chat, elapsed};

/// How many requests the mock saw on `path`.
fn hits(server: &MockServer, path: &str) -> usize {
    server.requests().iter().filter(|r| r.path == path).count()
}

/// Scripts `replies` on the chat route, sends one chat completion, and returns the outcome,
/// the virtual time it took and how many attempts reached the mock.
async fn chat_once(
    server: &MockServer,
    client: &openai_sdk::Client,
    mode: Mode,
    replies: Vec<Reply>,
) -> (
    Result<openai_sdk::chat::ChatCompletion, openai_sdk::Error>,
    Duration,
    usize,
) {
    server.clear_requests();
    server.on("POST", &mode.chat_path()).respond_seq(replies);
    let start = Instant::now();
    let result = client.chat().create(&chat("hello")).await;
    let took = elapsed(start);
    let attempts = hits(server, &mode.chat_path());
    (result, took, attempts)
}

/// A 429 with `retry-after-ms` is retried after exactly that delay.
#[tokio::test(start_paused = true)]
async fn rate_limited_retry_after_ms() {
    for mode in MODES {
        let server = MockServer::start().await;
        let client = mode.client(&server);
        let (result, took, attempts) =
            chat_once(&server, &client, mode, vec![Reply::rate_limited(1500)]).await;
        assert_eq!(result.unwrap().first_content(), Some("Echo: hello"));
        assert_eq!(
            (attempts, took),
            (2, Duration::from_millis(1500)),
            "{mode:?}"
        );
        assert_healthy(&client, mode).await;
    }
}

/// `retry-after` in whole and in fractional seconds.
#[tokio::test(start_paused = true)]
async fn rate_limited_retry_after_seconds() {
    for mode in MODES {
        for (value, expected) in [("2", 2000), ("1.5", 1500)] {
            let server = MockServer::start().await;
            let client = mode.client(&server);
            let reply = Reply::error(429, "requests", Some("rate_limit_exceeded"), "slow down")
                .header("retry-after", value);
            let (result, took, attempts) = chat_once(&server, &client, mode, vec![reply]).await;
            result.unwrap();
            assert_eq!(attempts, 2, "{mode:?} {value}");
            assert_eq!(took, Duration::from_millis(expected), "{mode:?} {value}");
            assert_healthy(&client, mode).await;
        }
    }
}

/// An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) for `t`.
fn http_date(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).unwrap().as_secs();
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][(days % 7) as usize];
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "{weekday}, {day:02} {} {year} {:02}:{:02}:{:02} GMT",
        months[(month - 1) as usize],
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[test]
fn http_date_formats_known_instants() {
    let t = UNIX_EPOCH + Duration::from_secs(784_111_777);
    assert_eq!(http_date(t), "Sun, 06 Nov 1994 08:49:37 GMT");
    assert_eq!(http_date(UNIX_EPOCH), "Thu, 01 Jan 1970 00:00:00 GMT");
}

/// `retry-after` as an HTTP date ~3 s ahead. The date has one-second
/// resolution and is measured against the wall clock, so the wait lies in (2 s, 3 s].
#[tokio::test(start_paused = true)]
async fn rate_limited_retry_after_http_date() {
    for mode in MODES {
        let server = MockServer::start().await;
        let client = mode.client(&server);
        let when = http_date(SystemTime::now() + Duration::from_secs(3));
        let reply = Reply::error(429, "requests", None, "later").header("retry-after", when);
        let (result, took, attempts) = chat_once(&server, &client, mode, vec![reply]).await;
        result.unwrap();
        assert_eq!(attempts, 2);
        assert!(
            took > Duration::from_secs(1) && took <= Duration::from_secs(3),
            "{mode:?}: {took:?}"
        );
        assert_healthy(&client, mode).await;
    }
}

/// `retry-after-ms` beats `retry-after`; Azure's
/// `x-ms-retry-after-ms` is honoured when it is the only millisecond header.
#[tokio::test(start_paused = true)]
async fn rate_limited_header_precedence() {
    for mode in MODES {
        let server = MockServer::start().await;
        let client = mode.client(&server);
        let both = Reply::error(429, "requests", None, "both")
            .header("retry-after-ms", "250")
            .header("retry-after", "7");
        let ms = Reply::error(429, "requests", None, "azure").header("x-ms-retry-after-ms", "800");
        let (result, took, attempts) = chat_once(&server, &client, mode, vec![both, ms]).await;
        result.unwrap();
        assert_eq!(
            (attempts, took),
            (3, Duration::from_millis(1050)),
            "{mode:?}"
        );
        assert_healthy(&client, mode).await;
    }
}

/// A server delay above the 120 s cap is not waited for: the 429 comes
/// back at once, with the delay the server asked for and the request id.
#[tokio::test(start_paused = true)]
async fn rate_limited_above_cap_is_not_retried() {
    for mode in MODES {
        let server = MockServer::start().await;
        let client = mode.client(&server);
        let (result, took, attempts) =
            chat_once(&server, &client, mode, vec![Reply::rate_limited(121_000)]).await;
        let err = result.unwrap_err();
        assert_eq!((attempts, took), (1, Duration::ZERO), "{mode:?}");
        assert_eq!(err.status().map(|s| s.as_u16()), Some(429));
        assert_eq!(err.code(), Some("rate_limit_exceeded"));
        assert_eq!(err.retry_after(), Some(Duration::from_secs(121)));
        assert_eq!(err.attempts(), 1);
        let id = err.request_id().unwrap().to_owned();
        assert!(id.starts_with("req_"), "{id}");
        assert_eq!(
            err.to_string(),
            format!(
                "openai api error 429 Too Many Requests (rate_limit_exceeded): Rate limit \
                 reached for requests. Please try again in 121000ms. [request id {id}]"
            )
        );
        assert_healthy(&client, mode).await;
    }
}

/// A 500/502/503/504 storm is attempted 3 times with backoff
/// 0.5 s + 1 s, then fails with that status, the last request id and the attempt count.
#[tokio::test(start_paused = true)]
async fn server_error_storms_exhaust_retries() {
    for mode in MODES {
        for status in [500u16, 502, 503, 504] {
            let server = MockServer::start().await;
            let client = mode.client(&server);
            let storm = Reply::error(status, "server_error", None, "The server had an error");
            let (result, took, attempts) = chat_once(
                &server,
                &client,
                mode,
                vec![storm.clone(), storm.clone(), storm],
            )
            .await;
            let err = result.unwrap_err();
            assert_eq!(attempts, 3, "{mode:?} {status}");
            assert_eq!(took, Duration::from_millis(1500), "{mode:?} {status}");
            assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
            assert!(matches!(err.kind(), ErrorKind::Api(_)));
            assert_eq!(err.attempts(), 3);
            assert_eq!(err.request_id(), Some("req_3"), "the last attempt's id");
            let reason = openai_sdk::http::StatusCode::from_u16(status)
                .unwrap()
                .canonical_reason()
                .unwrap();
            assert_eq!(
                err.to_string(),
                format!(
                    "openai api error {status} {reason}: The server had an error \
                     [request id req_3, after 3 attempts]"
                )
            );
            assert_healthy(&client, mode).await;
        }
    }
}

/// 408 and 409 are retried (and succeed on the next attempt).
#[tokio::test(start_paused = true)]
async fn request_timeout_and_conflict_are_retried() {
    for mode in MODES {
        for status in [408u16, 409] {
            let server = MockServer::start().await;
            let client = mode.client(&server);
            let reply = Reply::error(status, "invalid_request_error", None, "try again");
            let (result, took, attempts) = chat_once(&server, &client, mode, vec![reply]).await;
            assert_eq!(result.unwrap().first_content(), Some("Echo: hello"));
            assert_eq!(
                (attempts, took),
                (2, Duration::from_millis(500)),
                "{mode:?} {status}"
            );
            assert_healthy(&client, mode).await;
        }
    }
}

/// 400/401/403/404/422 are returned at once.
#[tokio::test(start_paused = true)]
async fn client_errors_are_not_retried() {
    for mode in MODES {
        for status in [400u16, 401, 403, 404, 422] {
            let server = MockServer::start().await;
            let client = mode.client(&server);
            let reply = Reply::error(status, "invalid_request_error", Some("bad"), "no");
            let (result, took, attempts) = chat_once(&server, &client, mode, vec![reply]).await;
            let err = result.unwrap_err();
            assert_eq!((attempts, took), (1, Duration::ZERO), "{mode:?} {status}");
            assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
            assert_eq!(err.code(), Some("bad"));
            assert!(err.request_id().is_some());
            assert_healthy(&client, mode).await;
        }
    }
}

/// `x-should-retry: true` retries a 400; `false` stops a 503.
#[tokio::test(start_paused = true)]
async fn x_should_retry_overrides_the_status() {
    for mode in MODES {
        let server = MockServer::start().await;
        let client = mode.client(&server);
        let retry_400 = Reply::error(400, "invalid_request_error", None, "transient")
            .header("x-should-retry", "true");
        let (result, took, attempts) = chat_once(&server, &client, mode, vec![retry_400]).await;
        result.unwrap();
        assert_eq!(
            (attempts, took),
            (2, Duration::from_millis(500)),
            "{mode:?}"
        );

        let stop_503 =
            Reply::error(503, "server_error", None, "final").header("x-should-retry", "false");
        let (result, took, attempts) = chat_once(&server, &client, mode, vec![stop_503]).await;
        let err = result.unwrap_err();
        assert_eq!((attempts, took), (1, Duration::ZERO), "{mode:?}");
        assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
        assert_healthy(&client, mode).await;
    }
}

/// Connection refused is retried under the same budget, then is
/// `ErrorKind::Connect` with the cause attached. The same client works once a server listens
/// on that port.
#[tokio::test(start_paused = true)]
async fn connection_refused() {
    for mode in MODES {
        // Reserve a free port, then close it so connecting is refused.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let origin = format!("http://127.0.0.1:{port}");
        let builder = match mode {
            Mode::OpenAi => openai_sdk::Client::builder()
                .base_url(format!("{origin}/v1"))
                .api_key("sk-test"),
            Mode::Azure => openai_sdk::Client::builder()
                .azure_endpoint(origin)
                .api_version(crate::support::AZURE_API_VERSION)
                .azure_api_key("k"),
        };
        let client = builder
            .retry_config(openai_sdk::RetryConfig::default().jitter(openai_sdk::Jitter::fixed(1.0)))
            .build()
            .unwrap();
        let start = Instant::now();
        let err = client.chat().create(&chat("hello")).await.unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::Connect),
            "{mode:?}: {err:?}"
        );
        assert_eq!(err.attempts(), 3);
        assert_eq!(elapsed(start), Duration::from_millis(1500));
        assert!(err.to_string().ends_with("[after 3 attempts]"), "{err}");
        assert!(std::error::Error::source(&err).is_some(), "cause attached");
        assert!(err.request_id().is_none());

        let server = MockServer::builder().port(port).start().await;
        assert_healthy(&client, mode).await;
        drop(server);
    }
}

/// A connection dropped before the response headers is retried; a
/// storm of them ends as a transport error after 3 attempts.
#[tokio::test(start_paused = true)]
async fn reset_before_headers() {
    for mode in MODES {
        let server = MockServer::start().await;
        let client = mode.client(&server);
        let (result, took, attempts) =
            chat_once(&server, &client, mode, vec![Reply::close_before_headers()]).await;
        assert_eq!(result.unwrap().first_content(), Some("Echo: hello"));
        assert_eq!(
            (attempts, took),
            (2, Duration::from_millis(500)),
            "{mode:?}"
        );

        let storm = vec![Reply::close_before_headers(); 3];
        let (result, took, attempts) = chat_once(&server, &client, mode, storm).await;
        let err = result.unwrap_err();
        assert_eq!(
            (attempts, took),
            (3, Duration::from_millis(1500)),
            "{mode:?}"
        );
        assert!(
            matches!(err.kind(), ErrorKind::Io | ErrorKind::Connect),
            "{mode:?}: {err:?}"
        );
        assert_eq!(err.attempts(), 3);
        assert!(err.to_string().ends_with("[after 3 attempts]"), "{err}");
        assert_healthy(&client, mode).await;
    }
}

/// A non-streamed body cut mid-JSON is read inside the attempt, so it is retried.
#[tokio::test(start_paused = true)]
async fn reset_mid_json_body_is_retried() {
    for mode in MODES {
        let server = MockServer::start().await;
        let client = mode.client(&server);
        let body = json!({"id": "chatcmpl-cut", "object": "chat.completion", "created": 1,
            "model": "m", "choices": []});
        let cut = Reply::json(200, body).close_after_bytes(20);
        let (result, took, attempts) = chat_once(&server, &client, mode, vec![cut]).await;
        assert_eq!(result.unwrap().first_content(), Some("Echo: hello"));
        assert_eq!(
            (attempts, took),
            (2, Duration::from_millis(500)),
            "{mode:?}"
        );

        let cuts = vec![Reply::invalid_json().close_after_bytes(10); 3];
        let (result, _, attempts) = chat_once(&server, &client, mode, cuts).await;
        let err = result.unwrap_err();
        assert_eq!(attempts, 3);
        assert!(matches!(err.kind(), ErrorKind::Io), "{mode:?}: {err:?}");
        assert!(err.request_id().is_some(), "{err:?}");
        assert_healthy(&client, mode).await;
    }
}

/// Invalid JSON with a 200 is a decode error, not retried (the service did answer).
#[tokio::test(start_paused = true)]
async fn invalid_json_is_a_decode_error() {
    for mode in MODES {
        let server = MockServer::start().await;
        let client = mode.client(&server);
        let (result, took, attempts) =
            chat_once(&server, &client, mode, vec![Reply::invalid_json()]).await;
        let err = result.unwrap_err();
        assert_eq!((attempts, took), (1, Duration::ZERO));
        assert!(matches!(err.kind(), ErrorKind::Decode), "{err:?}");
        let id = err.request_id().unwrap().to_owned();
        assert_eq!(
            err.to_string(),
            format!(
                "failed to decode ChatCompletion at `object`: status 200 OK, content type application/json, body `{{\"id\": \"chatcmpl-broken\", \"object\": \"chat.comp` [request id {id}]"
            )
        );
        assert_eq!(err.attempts(), 1);
        assert!(std::error::Error::source(&err).is_some());
        assert_healthy(&client, mode).await;
    }
}

/// JSON of the wrong shape: the decode error names the JSON path.
#[tokio::test(start_paused = true)]
async fn wrong_shape_names_the_path() {
    for mode in MODES {
        let server = MockServer::start().await;
        let client = mode.client(&server);
        let wrong = Reply::json(
            200,
            json!({"id": "c", "object": "chat.completion", "created": 1, "model": "m",
                "choices": [{"index": 0, "finish_reason": "stop",
                    "message": {"role": "assistant", "content": ["not", "a", "string"]}}]}),
        );
        let (result, _, attempts) = chat_once(&server, &client, mode, vec![wrong]).await;
        let err = result.unwrap_err();
        assert_eq!(attempts, 1);
        assert!(matches!(err.kind(), ErrorKind::Decode));
        let id = err.request_id().unwrap().to_owned();
        assert_eq!(
            err.to_string(),
            format!(
                "failed to decode ChatCompletion at `choices[0].message.content`: status 200 OK, content type application/json, body `{{\"choices\":[{{\"finish_reason\":\"stop\",\"index\":0,\"message\":{{\"content\":[\"not\",\"a\",\"string\"],\"role\":\"assistant\"}}}}],\"created\":…` [request id {id}]"
            )
        );
        assert_healthy(&client, mode).await;
    }
}

/// Bytes that are not UTF-8 inside a JSON string: a decode error, never a panic.
#[tokio::test(start_paused = true)]
async fn invalid_utf8_is_a_decode_error() {
    for mode in MODES {
        let server = MockServer::start().await;
        let client = mode.client(&server);
        let (result, _, attempts) =
            chat_once(&server, &client, mode, vec![Reply::invalid_utf8()]).await;
        let err = result.unwrap_err();
        assert_eq!(attempts, 1);
        assert!(matches!(err.kind(), ErrorKind::Decode), "{err:?}");
        assert!(
            err.to_string()
                .starts_with("failed to decode ChatCompletion"),
            "{err}"
        );
        assert!(err.request_id().is_some());
        assert_healthy(&client, mode).await;
    }
}

/// A proxy's HTML 502 is retried like any 5xx; when it persists, the
/// page text (one line, capped) is the message.
#[tokio::test(start_paused = true)]
async fn html_502_from_a_proxy() {
    for mode in MODES {
        let server = MockServer::start().await;
        let client = mode.client(&server);
        let (result, took, attempts) =
            chat_once(&server, &client, mode, vec![Reply::html_502()]).await;
        result.unwrap();
        assert_eq!((attempts, took), (2, Duration::from_millis(500)));

        let storm = vec![Reply::html_502(); 3];
        let (result, _, attempts) = chat_once(&server, &client, mode, storm).await;
        let err = result.unwrap_err();
        assert_eq!(attempts, 3);
        assert_eq!(err.status().map(|s| s.as_u16()), Some(502));
        let display = err.to_string();
        assert!(
            display.starts_with(
                "openai api error 502 Bad Gateway: <html> <head><title>502 Bad Gateway</title>"
            ),
            "{display}"
        );
        assert!(
            !display.contains('\n') && !display.contains('\r'),
            "{display}"
        );
        assert!(display.ends_with(", after 3 attempts]"), "{display}");
        assert_healthy(&client, mode).await;
    }
}

/// Headers that never come hit the attempt timeout, which is
/// retried; three timeouts cost 3 × 10 s plus 1.5 s of backoff.
#[tokio::test(start_paused = true)]
async fn headers_never_come_attempt_timeout() {
    for mode in MODES {
        let server = MockServer::start().await;
        let client = mode
            .builder(&server)
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap();
        let hang = Reply::json(200, json!({})).delay(Duration::from_secs(3600));
        let (result, took, attempts) = chat_once(
            &server,
            &client,
            mode,
            vec![hang.clone(), hang.clone(), hang],
        )
        .await;
        let err = result.unwrap_err();
        assert_eq!(err.timeout_kind(), Some(TimeoutKind::Attempt), "{err:?}");
        assert_eq!(
            (attempts, took),
            (3, Duration::from_millis(31_500)),
            "{mode:?}"
        );
        assert_eq!(
            err.to_string(),
            "request timed out waiting for the response within 10s [after 3 attempts]"
        );
        assert_healthy(&client, mode).await;
    }
}

/// A non-streamed body that stalls trips the idle timeout inside the
/// attempt and is retried.
#[tokio::test(start_paused = true)]
async fn stalled_json_body_idle_timeout_is_retried() {
    for mode in MODES {
        let server = MockServer::start().await;
        let client = mode
            .builder(&server)
            .idle_timeout(Duration::from_secs(2))
            .build()
            .unwrap();
        let stall = Reply::sse_raw([
            (Duration::ZERO, "{\"id\": \"chatcmpl-slow\","),
            (Duration::from_secs(3600), "}"),
        ]);
        let (result, took, attempts) = chat_once(&server, &client, mode, vec![stall]).await;
        assert_eq!(result.unwrap().first_content(), Some("Echo: hello"));
        assert_eq!(
            (attempts, took),
            (2, Duration::from_millis(2500)),
            "{mode:?}"
        );
        assert_healthy(&client, mode).await;
    }
}

/// A total deadline cuts a backoff sleep short: 503s at 0 s and 0.5 s, then the 1 s backoff
/// is cut at the 1 s deadline.
#[tokio::test(start_paused = true)]
async fn total_deadline_cuts_the_backoff() {
    for mode in MODES {
        let server = MockServer::start().await;
        let client = mode
            .builder(&server)
            .total_timeout(Duration::from_secs(1))
            .build()
            .unwrap();
        let storm = vec![Reply::error(503, "server_error", None, "busy"); 3];
        let (result, took, attempts) = chat_once(&server, &client, mode, storm).await;
        let err = result.unwrap_err();
        assert_eq!(err.timeout_kind(), Some(TimeoutKind::Total), "{err:?}");
        assert_eq!((attempts, took), (2, Duration::from_secs(1)), "{mode:?}");
        assert!(
            err.to_string()
                .starts_with("request exceeded its total deadline of 1s"),
            "{err}"
        );
        server.clear_scripts();
        assert_healthy(&client, mode).await;
    }
}

/// Counts `get_token` calls; each token is distinct so the test can tell them apart.
#[derive(Debug, Default)]
struct CountingToken(AtomicUsize);

impl TokenCredential for CountingToken {
    fn get_token<'a>(&'a self, _scopes: &'a [&'a str]) -> TokenFuture<'a> {
        let n = self.0.fetch_add(1, Ordering::SeqCst) + 1;
        Box::pin(async move {
            Ok(AccessToken::new(
                Secret::new(format!("entra-token-{n}")),
                SystemTime::now() + Duration::from_secs(3600),
            ))
        })
    }
}

/// A 401 on a token-authenticated call drops the cached token (no
/// retry); the next call fetches a fresh one and succeeds.
#[tokio::test(start_paused = true)]
async fn unauthorized_with_token_invalidates_the_cache() {
    let server = MockServer::start().await;
    let tokens = Arc::new(CountingToken::default());
    let client = openai_sdk::Client::builder()
        .azure_endpoint(server.azure_endpoint())
        .api_version(crate::support::AZURE_API_VERSION)
        .token_credential(tokens.clone())
        .build()
        .unwrap();
    assert_healthy(&client, Mode::Azure).await;
    assert_healthy(&client, Mode::Azure).await;
    assert_eq!(tokens.0.load(Ordering::SeqCst), 1, "cached between calls");

    let unauthorized = Reply::json(
        401,
        json!({"error": {"code": "401", "message": "Access denied due to invalid token."}}),
    );
    let (result, _, attempts) = chat_once(&server, &client, Mode::Azure, vec![unauthorized]).await;
    let err = result.unwrap_err();
    assert_eq!(attempts, 1, "a 401 is not retried");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    assert!(err.request_id().is_some());
    assert_healthy(&client, Mode::Azure).await;
    assert_eq!(
        tokens.0.load(Ordering::SeqCst),
        2,
        "refreshed after the 401"
    );
}

/// A custom rate-limit reply: Azure answers 429 with `retry-after` only; the client waits and
/// succeeds (both modes see the same behavior).
#[tokio::test(start_paused = true)]
async fn azure_shaped_429_with_retry_after() {
    let server = MockServer::start().await;
    let client = Mode::Azure.client(&server);
    let reply = Reply::json(
        429,
        json!({"error": {"code": "429", "message": "Requests to the ChatCompletions_Create Operation have exceeded call rate limit."}}),
    )
    .header("retry-after", "1")
    .header("x-ms-retry-after-ms", "400");
    let (result, took, attempts) = chat_once(&server, &client, Mode::Azure, vec![reply]).await;
    result.unwrap();
    assert_eq!((attempts, took), (2, Duration::from_millis(400)));
}
