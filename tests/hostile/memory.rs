//! Memory follows configuration, never a server's claims: a `content-length` of 1 TiB or 2^62
//! reserves nothing large (no abort), a buffered body over the cap fails naming it, and a
//! 256 MiB error body costs a small fixed prefix.

use std::time::{Duration, Instant};

use openai_sdk::chat::{ChatCompletionRequest, ChatMessage};
use openai_sdk::{Error, ErrorKind, RequestOptions};

use crate::server::{Hostile, MODEL, MODES, Mode, head, write};
use crate::{allocated, peak_allocated, serial};

const TIB: u64 = 1 << 40;
const TWO_POW_62: u64 = 1 << 62;
const MIB: usize = 1024 * 1024;

fn chat() -> ChatCompletionRequest {
    ChatCompletionRequest::new(MODEL, [ChatMessage::user("hi")])
}

/// Peak memory growth while `run` ran, in bytes (an upper bound: the process-wide peak
/// is not reset between tests, so a higher earlier peak can only overstate it).
async fn peak_growth<F: std::future::Future<Output = ()>>(run: F) -> usize {
    let base = allocated();
    run.await;
    peak_allocated().saturating_sub(base)
}

/// A server answering every request with `status` and a `content-length` of `claim`, then a
/// few real bytes, then closing.
async fn claiming(status: &'static str, claim: u64) -> Hostile {
    Hostile::start(move |_, mut socket| async move {
        let length = claim.to_string();
        let mut bytes = head(
            status,
            &[
                ("content-type", "application/json"),
                ("content-length", &length),
            ],
        );
        bytes.extend_from_slice(br#"{"id":"chatcmpl-1","object":"chat.completion""#);
        write(&mut socket, &bytes).await;
    })
    .await
}

/// A huge `content-length` on a success, with the body cap lifted so only the
/// pre-allocation bound stands between the claim and the allocator: the call fails when the
/// connection closes short, having reserved next to nothing.
async fn claim_on_success(claim: u64) {
    let _serial = serial().await;
    for mode in MODES {
        let server = claiming("200 OK", claim).await;
        let client = mode.builder(&server).max_retries(0).build().unwrap();
        let options = RequestOptions::default().max_response_bytes(u64::MAX);
        let mut result: Option<Result<_, Error>> = None;
        let growth = peak_growth(async {
            result = Some(client.chat().with_options(options).create(&chat()).await);
        })
        .await;
        let err = result.unwrap().unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Io), "{mode:?}: {err:?}");
        assert_eq!(
            err.to_string(),
            "the connection broke while reading the response body [request id req_hostile]"
        );
        eprintln!("{mode:?}: content-length {claim}: peak growth {growth} bytes");
        assert!(growth < MIB, "{mode:?}: peak grew by {growth} bytes");
        assert_eq!(server.requests().len(), 1);
    }
}

#[tokio::test]
async fn tib_content_length_on_a_success_reserves_nothing_large() {
    claim_on_success(TIB).await;
}

#[tokio::test]
async fn two_pow_62_content_length_on_a_success_reserves_nothing_large() {
    claim_on_success(TWO_POW_62).await;
}

/// With the default cap, a claim over it fails at once with an error naming the limit.
#[tokio::test]
async fn claim_over_the_body_cap_fails_naming_the_limit() {
    let _serial = serial().await;
    for mode in MODES {
        for claim in [TIB, TWO_POW_62] {
            let server = claiming("200 OK", claim).await;
            let client = mode.builder(&server).max_retries(0).build().unwrap();
            let err = client.chat().create(&chat()).await.unwrap_err();
            assert!(matches!(err.kind(), ErrorKind::Decode), "{err:?}");
            assert_eq!(
                err.to_string(),
                "the response body is larger than the 268435456-byte limit (max_response_bytes) [request id req_hostile]"
            );
            assert_eq!(err.attempts(), 1);
        }
    }
}

/// The cap set on the client, and per call, both apply to what actually arrives.
#[tokio::test]
async fn body_cap_client_wide_and_per_call() {
    let _serial = serial().await;
    let server = Hostile::start(|_, mut socket| async move {
        let body = format!(
            r#"{{"object":"list","data":[],"model":"m","pad":"{}"}}"#,
            "x".repeat(4096)
        );
        let mut bytes = head(
            "200 OK",
            &[
                ("content-type", "application/json"),
                ("transfer-encoding", "chunked"),
            ],
        );
        bytes.extend_from_slice(format!("{:x}\r\n{body}\r\n0\r\n\r\n", body.len()).as_bytes());
        write(&mut socket, &bytes).await;
    })
    .await;
    let client = Mode::OpenAi
        .builder(&server)
        .max_retries(0)
        .max_response_bytes(1024)
        .build()
        .unwrap();
    let err = client.models().list().await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "the response body is larger than the 1024-byte limit (max_response_bytes) [request id req_hostile]"
    );
    // Per call, the limit can be raised (or lowered) for one request.
    let roomy = RequestOptions::default().max_response_bytes(1 << 20);
    let list = client.models().with_options(roomy).list().await.unwrap();
    assert!(list.data.is_empty());
}

/// A 1 TiB claim on an error status: the body is read only up to a small prefix.
#[tokio::test]
async fn tib_content_length_on_an_error_status() {
    let _serial = serial().await;
    for mode in MODES {
        let server = claiming("500 Internal Server Error", TIB).await;
        let client = mode.builder(&server).max_retries(0).build().unwrap();
        let mut result = None;
        let growth = peak_growth(async {
            result = Some(client.chat().create(&chat()).await);
        })
        .await;
        let err = result.unwrap().unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(500), "{err:?}");
        assert!(growth < MIB, "{mode:?}: peak grew by {growth} bytes");
    }
}

#[cfg(feature = "assistants")]
/// A 1 TiB claim on buffered file content (`files().content`).
#[tokio::test]
async fn tib_content_length_on_file_content() {
    let _serial = serial().await;
    for mode in MODES {
        let server = claiming("200 OK", TIB).await;
        let client = mode.builder(&server).max_retries(0).build().unwrap();
        let content = client.files().content("file-1").await.unwrap();
        let err = content.bytes().await.unwrap_err();
        assert_eq!(
            err.to_string(),
            "the response body is larger than the 268435456-byte limit (max_response_bytes) [request id req_hostile]"
        );
        let options = RequestOptions::default().max_response_bytes(u64::MAX);
        let mut result = None;
        let growth = peak_growth(async {
            let files = client.files().with_options(options);
            result = Some(match files.content("file-1").await {
                Ok(content) => content.bytes().await,
                Err(err) => Err(err),
            });
        })
        .await;
        assert!(matches!(result.unwrap().unwrap_err().kind(), ErrorKind::Io));
        assert!(growth < MIB, "{mode:?}: peak grew by {growth} bytes");
    }
}

/// A 500 whose body is 256 MiB, sent as fast as the socket takes it: the client keeps a
/// 64 KiB prefix, drops the connection, and reports the 500.
#[tokio::test]
async fn error_body_of_256_mib_costs_a_small_prefix() {
    let _serial = serial().await;
    const BODY: u64 = 256 * 1024 * 1024;
    for mode in MODES {
        let server = Hostile::start(|_, mut socket| async move {
            let length = BODY.to_string();
            let head = head(
                "500 Internal Server Error",
                &[("content-type", "text/plain"), ("content-length", &length)],
            );
            if !write(&mut socket, &head).await {
                return;
            }
            let chunk = vec![b'e'; 64 * 1024];
            let mut sent = 0u64;
            while sent < BODY {
                if !write(&mut socket, &chunk).await {
                    return; // the client hung up: it did not drain the rest
                }
                sent += chunk.len() as u64;
            }
        })
        .await;
        let client = mode.builder(&server).max_retries(0).build().unwrap();
        let started = Instant::now();
        let mut result = None;
        let growth = peak_growth(async {
            result = Some(client.chat().create(&chat()).await);
        })
        .await;
        let took = started.elapsed();
        let err = result.unwrap().unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(500));
        let api = err.api_error().unwrap();
        assert!(api.body_truncated());
        eprintln!("{mode:?}: 256 MiB error body: peak growth {growth} bytes, error after {took:?}");
        assert!(growth < 4 * MIB, "{mode:?}: peak grew by {growth} bytes");
        assert!(took < Duration::from_secs(10), "{mode:?}: took {took:?}");
    }
}
