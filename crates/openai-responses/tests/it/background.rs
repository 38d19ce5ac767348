//! Background responses polled to a final status, under paused time.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use core_http::TimeoutKind;
use openai_mock::{MockServer, Reply};
use openai_responses::{PollOptions, Responses};
use openai_types::responses::{ResponseCreateRequest, ResponseStatus};
use serde_json::json;
use tokio::time::Instant;

use crate::support::{self, Mode, wires};

/// The request is sent with `background: true`; the response is queued, then polled at the
/// fixed interval through `in_progress` to `completed`; progress is reported per poll.
#[tokio::test(start_paused = true)]
async fn create_background_and_poll_reaches_completed() {
    for mode in Mode::ALL {
        let server = MockServer::start().await;
        let http = mode.client(&server);
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        let options = PollOptions::new()
            .interval(Duration::from_secs(2))
            .on_progress(move |p| log.lock().unwrap().push(p.status.to_owned()));
        let request = ResponseCreateRequest::new("gpt-4.1-mini", "Write a long report");
        let started = Instant::now();

        let response = Responses::new(&http)
            .create_background_and_poll(&request, &options)
            .await
            .unwrap();

        assert_eq!(response.status, Some(ResponseStatus::Completed));
        assert_eq!(response.output_text(), "Echo: Write a long report");
        assert_eq!(response.background, Some(true));
        assert_eq!(started.elapsed(), Duration::from_secs(2));
        assert_eq!(*seen.lock().unwrap(), ["in_progress"]);
        assert!(
            request.background.is_none(),
            "the caller's request is not modified"
        );
        insta::assert_json_snapshot!(format!("background_{}_wire", mode.name()), wires(&server));
    }
}

/// Polling follows the server's `openai-poll-after-ms` hint when no interval is fixed, and
/// stops with a total timeout when the response never finishes.
#[tokio::test(start_paused = true)]
async fn poll_follows_hints_and_times_out() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let in_progress = || {
        Reply::json(
            200,
            json!({"id": "resp_bg", "object": "response", "created_at": 1, "status": "in_progress", "model": "m", "output": []}),
        )
        .header("openai-poll-after-ms", "1500")
    };
    server
        .on("GET", "/v1/responses/resp_bg")
        .respond_seq((0..10).map(|_| in_progress()));
    let started = Instant::now();
    let err = Responses::new(&http)
        .poll(
            "resp_bg",
            &PollOptions::new().timeout(Duration::from_secs(5)),
        )
        .await
        .unwrap_err();
    assert_eq!(err.timeout_kind(), Some(TimeoutKind::Total));
    // Polls at 0, 1.5, 3 and 4.5 s; the next wait would cross 5 s.
    assert_eq!(started.elapsed(), Duration::from_millis(4500));
    assert_eq!(server.requests().len(), 4);
}

/// A cancelled background response is final: polling returns it.
#[tokio::test(start_paused = true)]
async fn cancelled_response_ends_polling() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let responses = Responses::new(&http);
    let created = responses
        .create(&ResponseCreateRequest::new("gpt-4.1-mini", "slow").background(true))
        .await
        .unwrap();
    responses.cancel(&created.id).await.unwrap();
    let polled = responses
        .poll(&created.id, &PollOptions::new())
        .await
        .unwrap();
    assert_eq!(polled.status, Some(ResponseStatus::Cancelled));
}
