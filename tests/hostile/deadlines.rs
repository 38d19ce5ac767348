//! A total deadline bounds the whole call, the stream body included: a stream that keeps
//! sending, slower than useful but faster than the idle limit, ends with `Timeout(Total)`,
//! and what arrived before stays readable.

use std::time::Duration;

use openai_sdk::chat::{ChatCompletionRequest, ChatMessage};
use openai_sdk::{ErrorKind, TimeoutKind};
use tokio::time::Instant;

use crate::serial;
use crate::server::{Hostile, MODEL, MODES, Mode, head, write};

/// `data: {chunk}\n\n` for a chat chunk carrying `text`.
fn chat_event(text: &str) -> Vec<u8> {
    let chunk = serde_json::json!({
        "id": "chatcmpl-drip", "object": "chat.completion.chunk", "created": 1,
        "model": MODEL,
        "choices": [{"index": 0, "delta": {"content": text}, "finish_reason": null}],
    });
    format!("data: {chunk}\n\n").into_bytes()
}

/// A stream that sends one event a second, at 0.5 s, 1.5 s, 2.5 s, ... forever.
async fn dripping_stream(content_type: &'static str) -> Hostile {
    Hostile::start(move |_, mut socket| async move {
        if !write(
            &mut socket,
            &head("200 OK", &[("content-type", content_type)]),
        )
        .await
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        for n in 0u64.. {
            if !write(&mut socket, &chat_event(&format!("w{n} "))).await {
                return;
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    })
    .await
}

#[tokio::test(start_paused = true)]
async fn total_deadline_bounds_a_dripping_chat_stream() {
    let _serial = serial().await;
    for mode in MODES {
        let server = dripping_stream("text/event-stream").await;
        let client = mode
            .builder(&server)
            .idle_timeout(Duration::from_secs(10))
            .total_timeout(Duration::from_secs(3))
            .build()
            .unwrap();
        let started = Instant::now();
        let request = ChatCompletionRequest::new(MODEL, [ChatMessage::user("hi")]);
        let mut stream = client.chat().create_stream(&request).await.unwrap();
        let mut text = String::new();
        let err = loop {
            match stream.next().await {
                Some(Ok(chunk)) => text.push_str(chunk.delta_text().unwrap_or_default()),
                Some(Err(err)) => break err,
                None => panic!("{mode:?}: the stream ended without an error"),
            }
        };
        assert_eq!(started.elapsed(), Duration::from_secs(3), "{mode:?}");
        assert_eq!(err.timeout_kind(), Some(TimeoutKind::Total), "{mode:?}");
        assert_eq!(
            err.to_string(),
            "request exceeded its total deadline of 3s (last status 200 OK) [request id req_hostile]"
        );
        assert_eq!(err.attempts(), 1);
        assert!(stream.next().await.is_none(), "a failed stream ends");
        // The snapshot keeps what arrived before the deadline.
        assert_eq!(text, "w0 w1 w2 ");
        assert_eq!(stream.snapshot().first_content(), Some("w0 w1 w2 "));
    }
}

#[cfg(feature = "assistants")]
/// Streamed file content is not size-capped, but the deadline still bounds it.
#[tokio::test(start_paused = true)]
async fn total_deadline_bounds_a_dripping_file_content_stream() {
    let _serial = serial().await;
    let server = dripping_stream("application/octet-stream").await;
    let client = Mode::OpenAi
        .builder(&server)
        .idle_timeout(Duration::from_secs(10))
        .total_timeout(Duration::from_secs(3))
        .build()
        .unwrap();
    let started = Instant::now();
    let mut stream = client.files().content("file-1").await.unwrap();
    let mut received = 0usize;
    let err = loop {
        match stream.next().await {
            Some(Ok(chunk)) => received += chunk.len(),
            Some(Err(err)) => break err,
            None => panic!("the stream ended without an error"),
        }
    };
    assert_eq!(started.elapsed(), Duration::from_secs(3));
    assert!(matches!(err.kind(), ErrorKind::Timeout(TimeoutKind::Total)));
    assert_eq!(received, 3 * chat_event("w0 ").len());
}
