//! Errors tell the truth: what users read when a server answers something unexpected.

use std::sync::Arc;
use std::time::Duration;

use openai_sdk::UploadSource;
use openai_sdk::chat::{ChatCompletionRequest, ChatMessage};
#[cfg(feature = "assistants")]
use openai_sdk::files::{FilePurpose, FileUploadParams};
use openai_sdk::{ErrorKind, TimeoutKind};
use tokio::io::AsyncReadExt;
use tokio::time::Instant;

use crate::serial;
use crate::server::{Hostile, MODEL, MODES, Mode, drip, head, read_head, write};

fn chat() -> ChatCompletionRequest {
    ChatCompletionRequest::new(MODEL, [ChatMessage::user("hi")])
}

/// A server that answers every request with `status`, `content_type` (if any) and `body`.
async fn answering(
    status: &'static str,
    content_type: Option<&'static str>,
    body: &'static str,
) -> Hostile {
    Hostile::start(move |_, mut socket| async move {
        let length = body.len().to_string();
        let mut headers = vec![("content-length", length.as_str())];
        if let Some(ct) = content_type {
            headers.push(("content-type", ct));
        }
        let mut bytes = head(status, &headers);
        bytes.extend_from_slice(body.as_bytes());
        write(&mut socket, &bytes).await;
    })
    .await
}

const HTML: &str = "<html>\r\n<body>\r\n<h1>502 Bad Gateway</h1>\r\n</body>\r\n</html>\r\n";

/// A 200 with an HTML page, an empty body or a 204 instead of JSON: the decode error names
/// the status, the content type and the start of the body, and counts its one attempt.
#[tokio::test]
async fn decode_errors_name_status_content_type_and_body() {
    let _serial = serial().await;
    let cases: [(&str, Option<&str>, &str, &str); 3] = [
        (
            "200 OK",
            Some("text/html; charset=utf-8"),
            HTML,
            "failed to decode ChatCompletion: status 200 OK, content type text/html; charset=utf-8, body `<html> <body> <h1>502 Bad Gateway</h1> </body> </html>` [request id req_hostile]",
        ),
        (
            "200 OK",
            Some("application/json"),
            "",
            "failed to decode ChatCompletion: status 200 OK, content type application/json, empty body [request id req_hostile]",
        ),
        (
            "204 No Content",
            None,
            "",
            "failed to decode ChatCompletion: status 204 No Content, no content type, empty body [request id req_hostile]",
        ),
    ];
    for mode in MODES {
        for (status, content_type, body, expected) in cases {
            let server = answering(status, content_type, body).await;
            let client = mode.builder(&server).build().unwrap();
            let err = client.chat().create(&chat()).await.unwrap_err();
            assert!(matches!(err.kind(), ErrorKind::Decode), "{err:?}");
            assert_eq!(err.to_string(), expected, "{mode:?} {status}");
            assert_eq!(err.attempts(), 1, "{mode:?} {status}");
            assert_eq!(server.requests().len(), 1);
        }
    }
}

/// A 200 whose body is a JSON error object is the API error it is.
#[tokio::test]
async fn json_error_on_a_success_status_is_the_api_error() {
    let _serial = serial().await;
    for mode in MODES {
        let server = answering(
            "200 OK",
            Some("application/json"),
            r#"{"error":{"message":"The gateway refused the request.","type":"gateway_error","code":"refused"}}"#,
        )
        .await;
        let client = mode.builder(&server).build().unwrap();
        let err = client.chat().create(&chat()).await.unwrap_err();
        assert_eq!(err.code(), Some("refused"));
        assert_eq!(
            err.to_string(),
            "openai api error 200 OK (refused): The gateway refused the request. [request id req_hostile]"
        );
        assert_eq!(err.attempts(), 1);
        // The same body answering a stream request.
        let err = client.chat().create_stream(&chat()).await.unwrap_err();
        assert_eq!(
            err.to_string(),
            "openai api error 200 OK (refused): The gateway refused the request. [request id req_hostile]"
        );
    }
}

/// A stream request answered with JSON or an HTML page: the error says what came instead of
/// the stream (it used to say only that the stream ended before `[DONE]`).
#[tokio::test]
async fn stream_request_answered_without_a_stream() {
    let _serial = serial().await;
    let cases: [(Option<&str>, &str, &str); 2] = [
        (
            Some("application/json"),
            r#"{"id":"chatcmpl-1","object":"chat.completion","choices":[]}"#,
            "expected a server-sent event stream, got status 200 OK, content type application/json, body `{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[]}` [request id req_hostile]",
        ),
        (
            Some("text/html"),
            HTML,
            "expected a server-sent event stream, got status 200 OK, content type text/html, body `<html> <body> <h1>502 Bad Gateway</h1> </body> </html>` [request id req_hostile]",
        ),
    ];
    for mode in MODES {
        for (content_type, body, expected) in cases {
            let server = answering("200 OK", content_type, body).await;
            let client = mode.builder(&server).build().unwrap();
            let err = client.chat().create_stream(&chat()).await.unwrap_err();
            assert!(matches!(err.kind(), ErrorKind::Stream), "{err:?}");
            assert_eq!(err.to_string(), expected, "{mode:?}");
            assert_eq!(err.attempts(), 1);
        }
    }
}

/// A 400 whose body is slow: the call ends at the attempt timeout with the 400 (not an
/// attempt timeout retried into something else), after one attempt.
#[tokio::test(start_paused = true)]
async fn slow_400_body_keeps_the_400() {
    let _serial = serial().await;
    for mode in MODES {
        let server = Hostile::start(|_, socket| async move {
            let head = head(
                "400 Bad Request",
                &[
                    ("content-type", "application/json"),
                    ("content-length", "500"),
                ],
            );
            drip(
                socket,
                head,
                br#"{"error":{"message":"bad"}}"#,
                Duration::from_secs(1),
            )
            .await;
        })
        .await;
        let client = mode
            .builder(&server)
            .timeout(Duration::from_secs(5))
            .build()
            .unwrap();
        let started = Instant::now();
        let err = client.chat().create(&chat()).await.unwrap_err();
        assert_eq!(started.elapsed(), Duration::from_secs(5));
        assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
        assert_eq!(err.attempts(), 1);
        assert_eq!(server.requests().len(), 1);
        assert!(
            err.to_string()
                .starts_with("openai api error 400 Bad Request: {\"er"),
            "{err}"
        );
    }
}

/// A total deadline that cuts an attempt says how far the call got: one request sent, the
/// last status seen.
#[tokio::test(start_paused = true)]
async fn total_deadline_cutting_an_attempt_names_attempts_and_status() {
    let _serial = serial().await;
    for mode in MODES {
        let server = Hostile::start(|_, socket| async move {
            let head = head(
                "400 Bad Request",
                &[
                    ("content-type", "application/json"),
                    ("content-length", "500"),
                ],
            );
            drip(socket, head, b"{", Duration::from_secs(1)).await;
        })
        .await;
        let client = mode
            .builder(&server)
            .timeout(Duration::from_secs(30))
            .total_timeout(Duration::from_secs(4))
            .build()
            .unwrap();
        let err = client.chat().create(&chat()).await.unwrap_err();
        assert_eq!(err.timeout_kind(), Some(TimeoutKind::Total));
        assert_eq!(err.attempts(), 1, "{mode:?}: {err:?}");
        assert_eq!(err.last_status().map(|s| s.as_u16()), Some(400));
        assert_eq!(
            err.to_string(),
            "request exceeded its total deadline of 4s (last status 400 Bad Request)"
        );
    }
}

/// Response headers past what the client accepts: the error says so at the top.
#[tokio::test]
async fn oversized_response_headers_say_so() {
    let _serial = serial().await;
    let server = Hostile::start(|_, mut socket| async move {
        let mut bytes = b"HTTP/1.1 200 OK\r\nx-huge: ".to_vec();
        bytes.extend(std::iter::repeat_n(b'a', 1024 * 1024));
        bytes.extend_from_slice(b"\r\ncontent-length: 2\r\n\r\n{}");
        write(&mut socket, &bytes).await;
    })
    .await;
    let client = Mode::OpenAi
        .builder(&server)
        .max_retries(0)
        .build()
        .unwrap();
    let err = client.chat().create(&chat()).await.unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Io), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!(
            "the response headers from 127.0.0.1:{} are larger than the client accepts",
            server.addr.port()
        )
    );
    assert_eq!(err.attempts(), 1);
}

#[cfg(feature = "assistants")]
/// A file that shrinks while it is being uploaded: the error names the file and the cause
/// at the top of `Display`.
#[tokio::test]
async fn upload_of_a_shrinking_file_names_file_and_cause() {
    let _serial = serial().await;
    const SIZE: usize = 32 * 1024 * 1024;
    let path = std::env::temp_dir().join(format!("hostile-upload-{}.jsonl", std::process::id()));
    std::fs::write(&path, vec![b'x'; SIZE]).unwrap();
    let shrink = Arc::new(path.clone());
    let server = Hostile::start_raw(move |_, mut socket| {
        let shrink = shrink.clone();
        async move {
            if read_head(&mut socket).await.is_none() {
                return;
            }
            // The client is mid-body (the socket buffers hold far less than the file).
            std::fs::OpenOptions::new()
                .write(true)
                .open(&*shrink)
                .unwrap()
                .set_len(1000)
                .unwrap();
            let mut buf = vec![0u8; 64 * 1024];
            while matches!(socket.read(&mut buf).await, Ok(n) if n > 0) {}
        }
    })
    .await;
    let client = Mode::OpenAi.builder(&server).build().unwrap();
    let err = client
        .files()
        .create(
            UploadSource::path(&path),
            &FileUploadParams::new(FilePurpose::Assistants),
        )
        .await
        .unwrap_err();
    let _ = std::fs::remove_file(&path);
    let name = path.file_name().unwrap().to_str().unwrap().to_owned();
    let text = err.to_string();
    let prefix = format!("uploading file `{name}` failed: the file shrank while uploading: ");
    assert!(text.starts_with(&prefix), "{text}");
    assert!(
        text.ends_with(&format!(" of {SIZE} bytes missing")),
        "{text}"
    );
    assert!(matches!(err.kind(), ErrorKind::Io));
    // A one-shot body is never retried.
    assert_eq!(err.attempts(), 1);
}
