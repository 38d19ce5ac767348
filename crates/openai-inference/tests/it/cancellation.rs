//! Dropping a stream frees its connection; nothing keeps running.

use std::time::Duration;

use openai_inference::Chat;
use openai_mock::{MockServer, Reply};

use crate::support::{self, hello, text_chunk};

fn alive_tasks() -> usize {
    tokio::runtime::Handle::current()
        .metrics()
        .num_alive_tasks()
}

/// Yields (no sleeping) so connection tasks notice closed sockets: the current-thread
/// scheduler polls the I/O driver every few dozen task polls.
async fn settle() {
    for _ in 0..200 {
        tokio::task::yield_now().await;
    }
}

/// Yields until the live task count is `expected`, or gives up after a bounded number of
/// yields (a leaked task never gets there).
async fn settle_to(expected: usize) -> usize {
    for _ in 0..20_000 {
        if alive_tasks() == expected {
            break;
        }
        tokio::task::yield_now().await;
    }
    alive_tasks()
}

/// A stream dropped mid-way closes its connection: the next request on the same client
/// succeeds on a clean new connection (the half-read one cannot be reused).
#[tokio::test]
async fn dropping_a_stream_mid_way_frees_the_connection() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let chat = Chat::new(&http);
    // Warm up: one pooled connection.
    chat.create(&hello("gpt-4o-mini")).await.unwrap();
    assert_eq!(server.connection_count(), 1);
    server
        .on("POST", "/v1/chat/completions")
        .respond_seq([Reply::sse([
            text_chunk("first"),
            text_chunk(" never").after(Duration::from_secs(3600)),
        ])]);

    let mut stream = chat.create_stream(&hello("gpt-4o-mini")).await.unwrap();
    assert_eq!(
        stream.next().await.unwrap().unwrap().delta_text(),
        Some("first")
    );
    drop(stream);
    settle().await;

    let completion = chat.create(&hello("gpt-4o-mini")).await.unwrap();
    assert_eq!(completion.first_content(), Some("Echo: Hello there"));
    assert_eq!(server.connection_count(), 2);
    assert_eq!(server.requests().len(), 3);
}

/// No task is left behind: after a dropped stream and one more call, the runtime runs as
/// many tasks as after a plain call.
#[tokio::test]
async fn no_task_outlives_a_dropped_stream() {
    let server = MockServer::start().await;
    server.on("POST", "/v1/chat/completions").respond_seq([
        Reply::json(200, serde_json::json!({"id": "c", "object": "chat.completion", "created": 1, "model": "m", "choices": []})),
        Reply::sse([text_chunk("a"), text_chunk("b").after(Duration::from_secs(3600))]),
    ]);
    let http = support::openai(&server);
    let chat = Chat::new(&http);
    chat.create(&hello("gpt-4o-mini")).await.unwrap();
    settle().await;
    let baseline = alive_tasks();

    let mut stream = chat.create_stream(&hello("gpt-4o-mini")).await.unwrap();
    stream.next().await.unwrap().unwrap();
    drop(stream);
    settle().await;
    chat.create(&hello("gpt-4o-mini")).await.unwrap();

    assert_eq!(settle_to(baseline).await, baseline);
}

/// A stream read to `[DONE]` gives its connection back to the pool: the next request reuses
/// it (one connection in total).
#[tokio::test]
async fn a_finished_stream_returns_its_connection_to_the_pool() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let chat = Chat::new(&http);

    for _ in 0..3 {
        let completion = chat
            .create_stream(&hello("gpt-4o-mini"))
            .await
            .unwrap()
            .into_completion()
            .await
            .unwrap();
        assert_eq!(completion.first_content(), Some("Echo: Hello there"));
    }
    chat.create(&hello("gpt-4o-mini")).await.unwrap();

    assert_eq!(server.connection_count(), 1);
}
