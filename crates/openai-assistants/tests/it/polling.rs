//! Polling with paused time: `openai-poll-after-ms` paces the polls, an explicit interval
//! overrides it, the timeout bounds the wait; cancel.

use std::time::Duration;

use openai_assistants::{PollOptions, Runs};
use openai_mock::{MockServer, Reply};
use openai_types::assistants::CreateAssistantRequest;
use openai_types::messages::CreateMessageRequest;
use openai_types::runs::{CreateRunRequest, RunStatus};
use openai_types::threads::CreateThreadRequest;
use serde_json::json;
use tokio::time::Instant;

use crate::support::{Mode, client, weather_tool};

const RUN_PATH: &str = "/v1/threads/thread_1/runs/run_1";

fn run(status: &str) -> serde_json::Value {
    json!({
        "id": "run_1", "object": "thread.run", "created_at": 1, "thread_id": "thread_1",
        "assistant_id": "asst_1", "status": status, "model": "gpt-4o", "tools": []
    })
}

fn run_reply(status: &str, poll_after_ms: &str) -> Reply {
    Reply::json(200, run(status)).header("openai-poll-after-ms", poll_after_ms)
}

fn poll_requests(server: &MockServer) -> usize {
    server
        .requests()
        .iter()
        .filter(|r| r.method == "GET" && r.path == RUN_PATH)
        .count()
}

/// The sleeps between polls are exactly the server's `openai-poll-after-ms` values (virtual
/// time: 250 ms + 750 ms), and every poll says it comes from the poll helper.
#[tokio::test(start_paused = true)]
async fn poll_honours_poll_after_header() {
    let server = MockServer::start().await;
    server.on("GET", RUN_PATH).respond_seq([
        run_reply("queued", "250"),
        run_reply("in_progress", "750"),
        run_reply("completed", "5000"),
    ]);
    let http = client(&server, Mode::OpenAi);
    let started = Instant::now();
    let done = Runs::new(&http)
        .poll("thread_1", "run_1", &PollOptions::new())
        .await
        .unwrap();
    assert_eq!(done.status, RunStatus::Completed);
    assert_eq!(started.elapsed(), Duration::from_millis(1000));
    assert_eq!(poll_requests(&server), 3);
    let requests = server.requests();
    assert!(
        requests
            .iter()
            .all(|r| r.header("x-stainless-poll-helper") == Some("true")
                && r.header("openai-beta") == Some("assistants=v2"))
    );
}

/// An explicit interval wins over the server's hint (openai-python's rule) and is announced in
/// `X-Stainless-Custom-Poll-Interval`.
#[tokio::test(start_paused = true)]
async fn explicit_interval_overrides_header() {
    let server = MockServer::start().await;
    server.on("GET", RUN_PATH).respond_seq([
        run_reply("in_progress", "5000"),
        run_reply("in_progress", "5000"),
        run_reply("requires_action", "5000"),
    ]);
    let http = client(&server, Mode::OpenAi);
    let started = Instant::now();
    let run = Runs::new(&http)
        .poll(
            "thread_1",
            "run_1",
            &PollOptions::new().interval(Duration::from_millis(100)),
        )
        .await
        .unwrap();
    assert_eq!(run.status, RunStatus::RequiresAction);
    assert_eq!(started.elapsed(), Duration::from_millis(200));
    assert_eq!(
        server.requests()[0].header("x-stainless-custom-poll-interval"),
        Some("100")
    );
}

/// Without a header the default interval (1 s) applies; when the next sleep would cross the
/// timeout, polling stops with a total-timeout error instead of sleeping past it.
#[tokio::test(start_paused = true)]
async fn timeout_bounds_polling() {
    let server = MockServer::start().await;
    server
        .on("GET", RUN_PATH)
        .respond(Reply::json(200, run("in_progress")));
    let http = client(&server, Mode::OpenAi);
    let started = Instant::now();
    let err = Runs::new(&http)
        .poll(
            "thread_1",
            "run_1",
            &PollOptions::new().timeout(Duration::from_millis(2500)),
        )
        .await
        .unwrap_err();
    assert_eq!(err.timeout_kind(), Some(core_http::TimeoutKind::Total));
    assert_eq!(started.elapsed(), Duration::from_millis(2000));
    assert_eq!(poll_requests(&server), 3);
    insta::assert_snapshot!("error_poll_timeout", err.to_string());
}

/// Against the stateful mock: `create_and_poll` reaches `requires_action` after the server's
/// default 1000 ms hint per transition (queued → in_progress → requires_action).
#[tokio::test(start_paused = true)]
async fn create_and_poll_against_the_stateful_mock() {
    let server = MockServer::start().await;
    let http = client(&server, Mode::Azure);
    let assistant = openai_assistants::Assistants::new(&http)
        .create(&CreateAssistantRequest::new("gpt-4o-mini").tools(vec![weather_tool()]))
        .await
        .unwrap();
    let thread = openai_assistants::Threads::new(&http)
        .create(&CreateThreadRequest::new().messages(vec![CreateMessageRequest::user("Hi")]))
        .await
        .unwrap();
    let started = Instant::now();
    let run = Runs::new(&http)
        .create_and_poll(
            &thread.id,
            &CreateRunRequest::new(&assistant.id),
            &PollOptions::new(),
        )
        .await
        .unwrap();
    assert_eq!(run.status, RunStatus::RequiresAction);
    // First poll (immediate) sees in_progress, the next — 1000 ms later — requires_action.
    assert_eq!(started.elapsed(), Duration::from_millis(1000));
}

/// Cancel: the run comes back `cancelling`, and polling it ends at `cancelled`.
#[tokio::test(start_paused = true)]
async fn cancel_then_poll_to_cancelled() {
    let server = MockServer::start().await;
    let http = client(&server, Mode::OpenAi);
    let assistant = openai_assistants::Assistants::new(&http)
        .create(&CreateAssistantRequest::new("gpt-4o-mini").instructions("Be brief."))
        .await
        .unwrap();
    let thread = openai_assistants::Threads::new(&http)
        .create(&CreateThreadRequest::new())
        .await
        .unwrap();
    let runs = Runs::new(&http);
    let run = runs
        .create(&thread.id, &CreateRunRequest::new(&assistant.id))
        .await
        .unwrap();
    let cancelling = runs.cancel(&thread.id, &run.id).await.unwrap();
    assert_eq!(cancelling.status, RunStatus::Cancelling);
    let cancelled = runs
        .poll(&thread.id, &run.id, &PollOptions::new())
        .await
        .unwrap();
    assert_eq!(cancelled.status, RunStatus::Cancelled);
    assert!(cancelled.cancelled_at.is_some());
}
