//! An error status whose body drips one byte a second, forever, on every streamed
//! operation: the body is read inside the attempt, so the call ends at the attempt timeout
//! with the status it got (and the first bytes of the body), not never.

use std::time::Duration;

use openai_sdk::completions::CompletionRequest;
#[cfg(feature = "assistants")]
use openai_sdk::runs::CreateRunRequest;
use openai_sdk::{Client, Error, ErrorKind};
use tokio::time::Instant;

use crate::serial;
use crate::server::{Hostile, MODEL, MODES, Mode, drip, head};

const ATTEMPT: Duration = Duration::from_secs(30);

async fn dripping_400() -> Hostile {
    Hostile::start(|_, socket| async move {
        let head = head(
            "400 Bad Request",
            &[
                ("content-type", "application/json"),
                ("content-length", "1000000"),
            ],
        );
        drip(
            socket,
            head,
            br#"{"error":{"message":"slow","code":"slow"}}"#,
            Duration::from_secs(1),
        )
        .await;
    })
    .await
}

/// Timeouts set as a careful user would: each byte arrives well within the idle limit, so
/// only the attempt timeout can end the read.
fn client(mode: Mode, server: &Hostile) -> Client {
    mode.builder(server)
        .timeout(ATTEMPT)
        .idle_timeout(Duration::from_secs(10))
        .total_timeout(Duration::from_secs(300))
        .build()
        .unwrap()
}

/// The call ended at the attempt timeout with the 400 and the bytes that had arrived.
fn assert_bounded(err: &Error, started: Instant, server: &Hostile, what: &str) {
    assert_eq!(started.elapsed(), ATTEMPT, "{what}");
    assert!(matches!(err.kind(), ErrorKind::Api(_)), "{what}: {err:?}");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400), "{what}");
    assert_eq!(err.attempts(), 1, "{what}");
    assert_eq!(err.request_id(), Some("req_hostile"), "{what}");
    // Not retried (400), one request.
    assert_eq!(server.requests().len(), 1, "{what}");
    assert!(
        err.to_string()
            .starts_with("openai api error 400 Bad Request: {\"error\":{\"mes"),
        "{what}: {err}"
    );
}

#[tokio::test(start_paused = true)]
async fn dripping_error_body_chat_stream() {
    let _serial = serial().await;
    for mode in MODES {
        let server = dripping_400().await;
        let client = client(mode, &server);
        let started = Instant::now();
        let request = openai_sdk::chat::ChatCompletionRequest::new(
            MODEL,
            [openai_sdk::chat::ChatMessage::user("hi")],
        );
        let err = client.chat().create_stream(&request).await.unwrap_err();
        assert_bounded(&err, started, &server, &format!("{mode:?} chat"));
        assert_eq!(
            server.requests(),
            [format!(
                "POST {}{} HTTP/1.1",
                mode.chat_path(),
                azure_query(mode)
            )]
        );
    }
}

fn azure_query(mode: Mode) -> &'static str {
    match mode {
        Mode::OpenAi => "",
        Mode::Azure => "?api-version=2024-10-21",
    }
}

#[tokio::test(start_paused = true)]
async fn dripping_error_body_completions_stream() {
    let _serial = serial().await;
    for mode in MODES {
        let server = dripping_400().await;
        let client = client(mode, &server);
        let started = Instant::now();
        let err = client
            .completions()
            .create_stream(&CompletionRequest::new(MODEL, "hi"))
            .await
            .unwrap_err();
        assert_bounded(&err, started, &server, &format!("{mode:?} completions"));
    }
}

#[cfg(feature = "assistants")]
#[tokio::test(start_paused = true)]
async fn dripping_error_body_run_stream() {
    let _serial = serial().await;
    for mode in MODES {
        let server = dripping_400().await;
        let client = client(mode, &server);
        let started = Instant::now();
        let err = client
            .runs()
            .create_stream("thread_1", &CreateRunRequest::new("asst_1"))
            .await
            .unwrap_err();
        assert_bounded(&err, started, &server, &format!("{mode:?} run stream"));
    }
}

#[cfg(feature = "assistants")]
#[tokio::test(start_paused = true)]
async fn dripping_error_body_file_content_stream() {
    let _serial = serial().await;
    for mode in MODES {
        let server = dripping_400().await;
        let client = client(mode, &server);
        let started = Instant::now();
        let err = client.files().content("file-1").await.unwrap_err();
        assert_bounded(&err, started, &server, &format!("{mode:?} file content"));
    }
}

/// A retryable status (503) dripping its body: each attempt ends at its timeout, and the
/// total deadline ends the call, naming the last status seen.
#[tokio::test(start_paused = true)]
async fn dripping_retryable_error_body_is_bounded_by_the_total_deadline() {
    let _serial = serial().await;
    let server = Hostile::start(|_, socket| async move {
        let head = head(
            "503 Service Unavailable",
            &[
                ("content-type", "text/plain"),
                ("content-length", "1000000"),
            ],
        );
        drip(socket, head, b"busy ", Duration::from_secs(1)).await;
    })
    .await;
    let client = Mode::OpenAi
        .builder(&server)
        .timeout(Duration::from_secs(10))
        .idle_timeout(Duration::from_secs(5))
        .total_timeout(Duration::from_secs(25))
        .build()
        .unwrap();
    let started = Instant::now();
    let request = openai_sdk::chat::ChatCompletionRequest::new(
        MODEL,
        [openai_sdk::chat::ChatMessage::user("hi")],
    );
    let err = client.chat().create_stream(&request).await.unwrap_err();
    // Attempt 1: 0-10 s, backoff 0.5-1 s, attempt 2: ~10.5-20.5 s, backoff, attempt 3 cut at 25 s.
    assert_eq!(started.elapsed(), Duration::from_secs(25));
    assert_eq!(err.timeout_kind(), Some(openai_sdk::TimeoutKind::Total));
    assert_eq!(err.attempts(), 3);
    assert_eq!(err.last_status().map(|s| s.as_u16()), Some(503));
    assert_eq!(
        err.to_string(),
        "request exceeded its total deadline of 25s (last status 503 Service Unavailable) [after 3 attempts]"
    );
}
