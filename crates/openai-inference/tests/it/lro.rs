//! Azure's DALL-E 2 batch image operation, polled with the shared poller, on paused time.

use std::time::Duration;

use core_http::{ErrorKind, TimeoutKind};
use openai_inference::{Images, PollOptions};
use openai_mock::{MockServer, Reply};
use openai_types::images::{AzureOperationStatus, ImageGenerationRequest};
use serde_json::json;
use tokio::time::Instant;

use crate::support::{self, wire};

/// Polls follow `operation-location`, wait `retry-after` when the service sends it, and
/// `succeeded` returns the images.
#[tokio::test(start_paused = true)]
async fn succeeded_after_polling_with_retry_after() {
    let server = MockServer::builder()
        .image_operation_running_polls(2)
        .image_operation_retry_after(Some(3))
        .start()
        .await;
    let http = support::azure(&server);
    let request = ImageGenerationRequest::new("a watercolor fox").n(2u32);

    let poller = Images::new(&http)
        .begin_batch_generation(&request)
        .await
        .unwrap();
    assert_eq!(poller.status(), &AzureOperationStatus::NotRunning);
    assert_eq!(poller.meta().header("retry-after"), Some("3"));
    let id = poller.id().to_owned();
    let started = Instant::now();
    let images = poller.poll_until_done().await.unwrap();

    assert_eq!(images.data.len(), 2);
    // Three polls (running, running, succeeded), each after the server's 3 s.
    assert!(
        started.elapsed() >= Duration::from_secs(9),
        "{:?}",
        started.elapsed()
    );
    let sent = server.requests();
    assert_eq!(sent.len(), 4);
    for poll in &sent[1..] {
        assert_eq!(poll.method, "GET");
        assert_eq!(poll.path, format!("/openai/operations/images/{id}"));
    }
    let submit = wire(&sent[0]);
    insta::assert_json_snapshot!("lro_submit_request", submit);
}

/// Without `retry-after`, the configured interval applies; `poll_once` and
/// `batch_generation_status` read the state without waiting.
#[tokio::test(start_paused = true)]
async fn interval_applies_without_retry_after() {
    let server = MockServer::builder()
        .image_operation_running_polls(1)
        .image_operation_retry_after(None)
        .start()
        .await;
    let http = support::azure(&server);
    let images = Images::new(&http);

    let mut poller = images
        .begin_batch_generation(&ImageGenerationRequest::new("a fox"))
        .await
        .unwrap()
        .poll_options(PollOptions::new().interval(Duration::from_millis(500)));
    assert_eq!(poller.meta().header("retry-after"), None);
    let status = images.batch_generation_status(poller.id()).await.unwrap();
    assert_eq!(status.id, poller.id());
    assert!(!poller.is_done());
    poller.poll_once().await.unwrap();
    assert!(poller.is_done(), "{:?}", poller.status());
    let result = poller.into_result().unwrap();
    assert_eq!(result.data.len(), 1);
}

/// `failed` becomes an API error carrying `error.code`/`message`.
#[tokio::test(start_paused = true)]
async fn failed_operation_carries_code_and_message() {
    let server = MockServer::builder()
        .image_operation_running_polls(1)
        .start()
        .await;
    let http = support::azure(&server);

    let err = Images::new(&http)
        .begin_batch_generation(&ImageGenerationRequest::new("something [fail]"))
        .await
        .unwrap()
        .poll_until_done()
        .await
        .unwrap_err();

    assert!(matches!(err.kind(), ErrorKind::Api(_)));
    assert_eq!(err.code(), Some("contentFilter"));
    assert!(err.message().is_some());
    insta::assert_snapshot!("lro_failed_display", err.to_string());
}

/// The total timeout ends polling with `Timeout(Total)` as soon as the next wait would cross
/// it.
#[tokio::test(start_paused = true)]
async fn gives_up_after_the_timeout() {
    let server = MockServer::builder()
        .image_operation_running_polls(10_000)
        .image_operation_retry_after(None)
        .start()
        .await;
    let http = support::azure(&server);
    let started = Instant::now();

    let err = Images::new(&http)
        .begin_batch_generation(&ImageGenerationRequest::new("a fox"))
        .await
        .unwrap()
        .poll_options(
            PollOptions::new()
                .interval(Duration::from_secs(2))
                .timeout(Duration::from_secs(11)),
        )
        .poll_until_done()
        .await
        .unwrap_err();

    assert_eq!(err.timeout_kind(), Some(TimeoutKind::Total));
    // Polls at 2, 4, 6, 8, 10 s; the next wait would pass the limit, so it stops at 10 s.
    assert_eq!(started.elapsed(), Duration::from_secs(10));
    assert_eq!(server.requests().len(), 6);
}

/// A canceled operation is an error too; a scripted status sequence drives it.
#[tokio::test(start_paused = true)]
async fn canceled_operation_is_an_error() {
    let server = MockServer::start().await;
    server
        .on("POST", "/openai/images/generations:submit")
        .respond(
            Reply::json(202, json!({"id": "op-1", "status": "notRunning"})).header(
                "operation-location",
                format!(
                    "{}/openai/operations/images/op-1?api-version=2024-10-21",
                    server.azure_endpoint()
                ),
            ),
        );
    server
        .on("GET", "/openai/operations/images/op-1")
        .respond(Reply::json(
            200,
            json!({"id": "op-1", "created": 1, "status": "canceled"}),
        ));
    let http = support::azure(&server);

    let err = Images::new(&http)
        .begin_batch_generation(&ImageGenerationRequest::new("x"))
        .await
        .unwrap()
        .poll_until_done()
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("canceled"));
}

/// The batch operation exists only on Azure's dated API.
#[tokio::test]
async fn batch_generation_is_azure_only() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let err = Images::new(&http)
        .begin_batch_generation(&ImageGenerationRequest::new("x"))
        .await
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::InvalidRequest));
    assert!(server.requests().is_empty());
}
