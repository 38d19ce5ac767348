//! Resuming a background response's stream after a dropped connection: every event exactly
//! once, a bounded number of re-opens, no resume for service errors.

use std::time::Duration;

use core_http::ErrorKind;
use openai_mock::{MockServer, Reply};
use openai_responses::{Responses, ResumableResponseStream};
use openai_types::responses::{ResponseCreateRequest, ResponseStreamEvent};
use serde_json::Value;

use crate::streaming::sse_bytes;
use crate::support::{self, Mode};

fn background(text: &str) -> ResponseCreateRequest {
    ResponseCreateRequest::new("gpt-4.1-mini", text).background(true)
}

/// Runs a background stream to its end and returns its events as JSON and the response id.
async fn reference_run(responses: &Responses<'_>, text: &str) -> (Vec<Value>, String) {
    let mut stream = responses.create_stream(&background(text)).await.unwrap();
    let mut events = Vec::new();
    while let Some(event) = stream.next().await {
        events.push(serde_json::to_value(event.unwrap()).unwrap());
    }
    (events, stream.response_id().unwrap().to_owned())
}

async fn collect(stream: &mut ResumableResponseStream<'_>) -> Vec<ResponseStreamEvent> {
    let mut out = Vec::new();
    while let Some(event) = stream.next().await {
        out.push(event.unwrap());
    }
    out
}

/// The first connection drops mid-event, the first re-open ends early after replaying an
/// event already seen; the second re-open finishes. Every event arrives exactly once, in
/// order, and the accumulated response is the final one.
#[tokio::test]
async fn resume_after_cuts_delivers_each_event_exactly_once() {
    for mode in Mode::ALL {
        let server = MockServer::start().await;
        let http = mode.client(&server);
        let responses = Responses::new(&http);
        let (all, id) = reference_run(&responses, "one two three four five six seven eight").await;
        assert!(all.len() > 12, "{}", all.len());
        let base = match mode {
            Mode::OpenAi => "/v1",
            Mode::AzureV1 => "/openai/v1",
        };
        server.clear_requests();

        // First connection: events 0..=5 in full, then half of event 6, then the cut.
        let first = sse_bytes(&all[..7]);
        let cut_at = sse_bytes(&all[..6]).len() + 20;
        server
            .on("POST", &format!("{base}/responses"))
            .respond(Reply::sse_raw([(Duration::ZERO, first)]).close_after_bytes(cut_at));
        // First re-open: replays event 5 (already delivered), then 6..=8, then the body ends.
        server
            .on("GET", &format!("{base}/responses/{id}"))
            .times(1)
            .respond(Reply::sse_raw([(Duration::ZERO, sse_bytes(&all[5..9]))]));

        let mut stream = responses
            .create_stream_resumable(&background("ignored"), 3)
            .await
            .unwrap();
        let events = collect(&mut stream).await;
        let got: Vec<Value> = events
            .iter()
            .map(|e| serde_json::to_value(e).unwrap())
            .collect();
        assert_eq!(got, all, "{mode:?}");
        assert_eq!(stream.resumes(), 2);
        assert_eq!(stream.response_id(), Some(id.as_str()));
        assert_eq!(stream.last_sequence_number(), Some(all.len() as u64 - 1));
        let response = stream.drain().await.unwrap();
        assert_eq!(
            response.output_text(),
            "Echo: one two three four five six seven eight"
        );

        let sent = server.requests();
        let resumed: Vec<(String, Vec<(String, String)>)> = sent
            .iter()
            .skip(1)
            .map(|r| (r.method.clone(), r.query.clone()))
            .collect();
        let pairs = |after: &str| {
            // The mock records the query sorted by name.
            vec![
                ("starting_after".to_owned(), after.to_owned()),
                ("stream".to_owned(), "true".to_owned()),
            ]
        };
        assert_eq!(
            resumed,
            vec![
                ("GET".to_owned(), pairs("5")),
                ("GET".to_owned(), pairs("8"))
            ],
            "{mode:?}"
        );
    }
}

/// Re-opens are bounded: when every connection breaks, the stream fails after `max_resumes`
/// re-opens in a row with the connection error, keeping what it received.
#[tokio::test]
async fn resumes_are_bounded() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let responses = Responses::new(&http);
    let (all, id) = reference_run(&responses, "a b c d e f").await;
    server
        .on("POST", "/v1/responses")
        .respond(Reply::sse_raw([(Duration::ZERO, sse_bytes(&all[..3]))]));
    server
        .on("GET", &format!("/v1/responses/{id}"))
        .respond_seq([
            Reply::sse_raw([(Duration::ZERO, sse_bytes(&all[3..4]))]),
            Reply::sse_raw([(Duration::ZERO, sse_bytes(&all[4..5]))]),
        ]);
    let mut stream = responses
        .create_stream_resumable(&background("x"), 2)
        .await
        .unwrap();
    let mut delivered = 0;
    let err = loop {
        match stream.next().await {
            Some(Ok(_)) => delivered += 1,
            Some(Err(err)) => break err,
            None => panic!("no error"),
        }
    };
    assert!(matches!(err.kind(), ErrorKind::Stream), "{err:?}");
    assert_eq!(delivered, 5);
    assert_eq!(stream.resumes(), 2);
    assert!(stream.next().await.is_none());
    assert_eq!(stream.snapshot().id, id);
}

/// A resumed stream picks up from a sequence number given by the caller (e.g. after a
/// restart) and delivers only the later events.
#[tokio::test]
async fn retrieve_stream_resumes_after_a_sequence_number() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let responses = Responses::new(&http);
    let (all, id) = reference_run(&responses, "a b c").await;
    let mut stream = responses
        .retrieve_stream_resumable(&id, Some(3), 1)
        .await
        .unwrap();
    let events = collect(&mut stream).await;
    let got: Vec<Value> = events
        .iter()
        .map(|e| serde_json::to_value(e).unwrap())
        .collect();
    assert_eq!(got, all[4..]);
    let mut plain = responses.retrieve_stream(&id, None).await.unwrap();
    assert_eq!(plain.drain().await.unwrap().output_text(), "Echo: a b c");
}

/// Only background responses can be resumed; a service `error` event is not a dropped
/// connection and is not resumed.
#[tokio::test]
async fn no_resume_without_background_or_after_an_error_event() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let responses = Responses::new(&http);
    let err = responses
        .create_stream_resumable(&ResponseCreateRequest::new("gpt-4.1-mini", "hi"), 3)
        .await
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::InvalidRequest), "{err}");
    assert!(server.requests().is_empty());

    let mut stream = responses
        .create_stream_resumable(&background("one two three four [stream_error]"), 3)
        .await
        .unwrap();
    let err = loop {
        match stream.next().await {
            Some(Ok(_)) => {}
            Some(Err(err)) => break err,
            None => panic!("no error"),
        }
    };
    assert!(matches!(err.kind(), ErrorKind::Api(_)), "{err:?}");
    assert_eq!(stream.resumes(), 0);
    assert_eq!(server.requests().len(), 1);
}

/// A stream that goes silent past the idle timeout is treated as a dropped connection and
/// resumed; the late events of the silent connection are never delivered twice.
#[tokio::test(start_paused = true)]
async fn a_silent_stream_is_resumed() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let responses = Responses::new(&http)
        .with_options(core_http::RequestOptions::default().idle_timeout(Duration::from_secs(5)));
    let (all, id) = reference_run(&responses, "quiet words here").await;
    server.on("POST", "/v1/responses").respond(Reply::sse_raw([
        (Duration::ZERO, sse_bytes(&all[..3])),
        (Duration::from_secs(60), sse_bytes(&all[3..])),
    ]));
    let mut stream = responses
        .create_stream_resumable(&background("x"), 1)
        .await
        .unwrap();
    let events = collect(&mut stream).await;
    let got: Vec<Value> = events
        .iter()
        .map(|e| serde_json::to_value(e).unwrap())
        .collect();
    assert_eq!(got, all);
    assert_eq!(stream.resumes(), 1);
    let resumed = server.requests().last().unwrap().clone();
    assert_eq!(resumed.path, format!("/v1/responses/{id}"));
    assert_eq!(resumed.query_value("starting_after"), Some("2"));
}
