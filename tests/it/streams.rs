//! Stream faults of the matrix: a stream that fails keeps everything it received
//! (`stream.snapshot()`), is never retried (the mock sees one request), names the request id,
//! and leaves the client healthy.

use std::time::Duration;

use openai_mock::{MockServer, Reply, SseEvent};
use openai_sdk::chat::ChatCompletionStream;
use openai_sdk::{Client, Error, ErrorKind, TimeoutKind};
use serde_json::json;
use tokio::time::Instant;

use crate::support::{MODES, Mode, assert_healthy, chat, content_chunk};

fn chunks(words: &[&str]) -> Vec<SseEvent> {
    words
        .iter()
        .map(|w| SseEvent::json(&content_chunk(w)))
        .collect()
}

/// Reads until the stream fails; returns the text received and the error.
async fn read_until_error(stream: &mut ChatCompletionStream) -> (String, Error) {
    let mut text = String::new();
    loop {
        match stream.next().await {
            Some(Ok(chunk)) => text.push_str(chunk.delta_text().unwrap_or_default()),
            Some(Err(err)) => {
                assert!(stream.next().await.is_none(), "a failed stream ends");
                return (text, err);
            }
            None => panic!("the stream ended without the expected error; got {text:?}"),
        }
    }
}

async fn open(
    server: &MockServer,
    client: &Client,
    mode: Mode,
    reply: Reply,
) -> ChatCompletionStream {
    server.clear_requests();
    server.on("POST", &mode.chat_path()).respond_seq([reply]);
    client.chat().create_stream(&chat("hello")).await.unwrap()
}

fn stream_requests(server: &MockServer, mode: Mode) -> usize {
    let path = mode.chat_path();
    server.requests().iter().filter(|r| r.path == path).count()
}

/// The connection drops in the middle of an SSE event: `Io`, not retried, the complete
/// events before it kept.
#[tokio::test(start_paused = true)]
async fn reset_mid_sse_event_keeps_the_snapshot() {
    for mode in MODES {
        let server = MockServer::start().await;
        let client = mode.client(&server);
        let mut stream = open(
            &server,
            &client,
            mode,
            Reply::sse_close_mid_event(chunks(&["Hel", "lo", " wor"])),
        )
        .await;
        let id = stream.request_id().unwrap().to_owned();
        let (text, err) = read_until_error(&mut stream).await;
        assert_eq!(text, "Hello");
        assert_eq!(stream.snapshot().first_content(), Some("Hello"));
        assert!(matches!(err.kind(), ErrorKind::Io), "{mode:?}: {err:?}");
        assert_eq!(err.request_id(), Some(id.as_str()));
        assert_eq!(
            stream_requests(&server, mode),
            1,
            "streams are never retried"
        );
        assert_healthy(&client, mode).await;
    }
}

/// EOF before `[DONE]` is an error naming the events seen.
#[tokio::test(start_paused = true)]
async fn stream_without_done_is_an_error() {
    for mode in MODES {
        let server = MockServer::start().await;
        let client = mode.client(&server);
        let mut stream = open(
            &server,
            &client,
            mode,
            Reply::sse_truncated(chunks(&["partial", " answer"])),
        )
        .await;
        let id = stream.request_id().unwrap().to_owned();
        let (text, err) = read_until_error(&mut stream).await;
        assert_eq!(text, "partial answer");
        assert_eq!(stream.snapshot().first_content(), Some("partial answer"));
        assert!(matches!(err.kind(), ErrorKind::Stream));
        assert_eq!(
            err.to_string(),
            format!("stream ended before its [DONE] terminator after 2 events [request id {id}]")
        );
        assert_healthy(&client, mode).await;
    }
}

/// `event: error` fails the stream with an API error (no status),
/// built from `data.error`.
#[tokio::test(start_paused = true)]
async fn error_event_mid_stream() {
    for mode in MODES {
        let server = MockServer::start().await;
        let client = mode.client(&server);
        let error = json!({"error": {"message": "The server is overloaded", "type": "server_error", "code": "overloaded"}});
        let mut stream = open(
            &server,
            &client,
            mode,
            Reply::sse_error_event(chunks(&["so", " far"]), error),
        )
        .await;
        let id = stream.request_id().unwrap().to_owned();
        let (text, err) = read_until_error(&mut stream).await;
        assert_eq!(text, "so far");
        assert_eq!(stream.snapshot().first_content(), Some("so far"));
        assert!(matches!(err.kind(), ErrorKind::Api(_)));
        assert_eq!(err.status(), None);
        assert_eq!(err.code(), Some("overloaded"));
        assert_eq!(
            err.to_string(),
            format!(
                "openai api error in stream (overloaded): The server is overloaded [request id {id}]"
            )
        );
        assert_eq!(stream_requests(&server, mode), 1);
        assert_healthy(&client, mode).await;
    }
}

/// An unnamed event whose payload has a top-level `error` object ends
/// the stream with that error; without a message the official wording is used.
#[tokio::test(start_paused = true)]
async fn error_object_mid_stream() {
    for mode in MODES {
        let server = MockServer::start().await;
        let client = mode.client(&server);
        let mut events = chunks(&["one"]);
        events.push(SseEvent::json(&json!({"error": {"type": "server_error"}})));
        events.extend(chunks(&["never seen"]));
        let mut stream = open(&server, &client, mode, Reply::sse(events)).await;
        let (text, err) = read_until_error(&mut stream).await;
        assert_eq!(text, "one");
        assert_eq!(err.status(), None);
        assert_eq!(err.message(), Some("An error occurred during streaming"));
        assert_eq!(stream.snapshot().first_content(), Some("one"));
        assert_healthy(&client, mode).await;
    }
}

/// A stream that stalls mid-way hits the idle timeout; it surfaces
/// (no retry) after exactly the idle limit, keeping what arrived.
#[tokio::test(start_paused = true)]
async fn stalled_stream_idle_timeout() {
    for mode in MODES {
        let server = MockServer::start().await;
        let client = mode
            .builder(&server)
            .idle_timeout(Duration::from_secs(5))
            .build()
            .unwrap();
        let mut events = chunks(&["before", " stall"]);
        events.push(SseEvent::json(&content_chunk("late")).after(Duration::from_secs(3600)));
        let mut stream = open(&server, &client, mode, Reply::sse(events)).await;
        let start = Instant::now();
        let (text, err) = read_until_error(&mut stream).await;
        assert_eq!(start.elapsed(), Duration::from_secs(5));
        assert_eq!(text, "before stall");
        assert_eq!(err.timeout_kind(), Some(TimeoutKind::StreamIdle));
        let id = stream.request_id().unwrap().to_owned();
        assert_eq!(
            err.to_string(),
            format!("stream idle timeout: no data received within 5s [request id {id}]")
        );
        assert_eq!(stream_requests(&server, mode), 1);
        assert_eq!(stream.snapshot().first_content(), Some("before stall"));
        assert_healthy(&client, mode).await;
    }
}

/// An event larger than the cap (16 MiB by default) fails the stream
/// with a cap error instead of buffering without bound; earlier chunks stay available.
#[tokio::test(start_paused = true)]
async fn oversized_event_hits_the_cap() {
    let mode = Mode::OpenAi;
    let server = MockServer::start().await;
    let client = mode.client(&server);
    let huge = "x".repeat(openai_sdk::http::DEFAULT_MAX_EVENT_BYTES + 1);
    let mut events = chunks(&["fits"]);
    events.push(SseEvent::data(huge));
    let mut stream = open(&server, &client, mode, Reply::sse(events)).await;
    let (text, err) = read_until_error(&mut stream).await;
    assert_eq!(text, "fits");
    assert!(matches!(err.kind(), ErrorKind::Stream), "{err:?}");
    assert!(
        err.to_string()
            .contains("server-sent event exceeds the limit of 16777216 bytes"),
        "{err}"
    );
    assert_eq!(stream.snapshot().first_content(), Some("fits"));
    assert_healthy(&client, mode).await;

    // The cap is per request on the raw client: a small one fails fast with the same error.
    use openai_sdk::http::Scope;
    server
        .on("POST", "/v1/raw")
        .respond_seq([Reply::sse([SseEvent::data("y".repeat(2048))])]);
    let mut raw = client
        .http()
        .post("/raw", Scope::Resource)
        .json(&json!({}))
        .max_event_bytes(1024)
        .send_sse()
        .await
        .unwrap();
    let err = raw.events.next_event().await.unwrap().unwrap_err();
    assert!(
        err.to_string().contains("exceeds the limit of 1024 bytes"),
        "{err}"
    );
}

/// `data: [DONE]` ends the stream; anything after it is never parsed
/// (here: garbage that would fail JSON decoding), and the connection is released.
#[tokio::test(start_paused = true)]
async fn done_ends_the_stream() {
    for mode in MODES {
        let server = MockServer::start().await;
        let client = mode.client(&server);
        let reply = Reply::sse_raw([
            (
                Duration::ZERO,
                format!("data: {}\n\n", content_chunk("done")),
            ),
            (Duration::ZERO, "data: [DONE]\n\n".to_owned()),
            (Duration::ZERO, "data: {not json at all\n\n".to_owned()),
        ]);
        let mut stream = open(&server, &client, mode, reply).await;
        let mut text = String::new();
        while let Some(chunk) = stream.next().await {
            text.push_str(chunk.unwrap().delta_text().unwrap_or_default());
        }
        assert_eq!(text, "done");
        assert!(stream.is_finished());
        assert_eq!(
            stream.events_seen(),
            2,
            "the chunk and [DONE]; nothing after"
        );
        drop(stream);
        assert_healthy(&client, mode).await;
        assert_healthy(&client, mode).await;
        // Released: later calls reuse a pooled connection instead of opening one each.
        assert!(
            server.connection_count() <= 2,
            "{}",
            server.connection_count()
        );
    }
}

/// A complete stream through the facade in both modes (Azure's filter-only first chunk
/// included) still assembles the exact text.
#[tokio::test(start_paused = true)]
async fn healthy_stream_in_both_modes() {
    for mode in MODES {
        let server = MockServer::start().await;
        let client = mode.client(&server);
        let mut stream = client.chat().create_stream(&chat("a b c")).await.unwrap();
        let completion = stream.drain().await.unwrap();
        assert_eq!(completion.first_content(), Some("Echo: a b c"), "{mode:?}");
    }
}
