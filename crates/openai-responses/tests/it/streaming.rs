//! Streamed responses: wire, decoding, accumulation, unknown events, errors.

use std::time::Duration;

use core_http::ErrorKind;
use openai_mock::{MockServer, Reply};
use openai_responses::Responses;
use openai_types::responses::{
    ResponseCreateRequest, ResponseRetrieveParams, ResponseStatus, ResponseStreamEvent,
    ResponseStreamEventRef,
};
use serde_json::{Value, json};

use crate::support::{self, Mode, only_wire};

/// Collects every event of a stream (failing the test on an error).
async fn events(stream: &mut openai_responses::ResponseStream) -> Vec<ResponseStreamEvent> {
    let mut out = Vec::new();
    while let Some(event) = stream.next().await {
        out.push(event.unwrap());
    }
    out
}

/// SSE bytes for `events` as the service frames them: `event: <type>` + `data: <json>`.
pub(crate) fn sse_bytes(events: &[Value]) -> String {
    events
        .iter()
        .map(|e| format!("event: {}\ndata: {e}\n\n", e["type"].as_str().unwrap()))
        .collect()
}

/// The stream request carries `stream: true` and asks for an event stream; its events decode
/// in order with sequence numbers from 0, and their accumulation equals the final
/// `response.completed` payload and the stored response.
#[tokio::test]
async fn stream_decodes_and_accumulates_to_the_final_response() {
    for mode in Mode::ALL {
        let server = MockServer::start().await;
        let http = mode.client(&server);
        let responses = Responses::new(&http);
        let request = ResponseCreateRequest::new("gpt-4.1-mini", "stream these five words please")
            .instructions("Be brief.");

        let mut stream = responses.create_stream(&request).await.unwrap();
        assert!(stream.meta().request_id.is_some());
        let events = events(&mut stream).await;
        assert!(stream.is_finished());
        let wire = only_wire(&server);
        insta::assert_json_snapshot!(format!("stream_{}_wire", mode.name()), wire);

        let numbers: Vec<u64> = events
            .iter()
            .map(|e| e.sequence_number().unwrap())
            .collect();
        assert_eq!(numbers, (0..events.len() as u64).collect::<Vec<_>>());
        let kinds: Vec<String> = events
            .iter()
            .map(|e| {
                serde_json::to_value(e).unwrap()["type"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        insta::assert_json_snapshot!(format!("stream_{}_event_types", mode.name()), kinds);

        let Some(ResponseStreamEvent::Completed(completed)) = events.last() else {
            panic!("last event: {:?}", events.last());
        };
        let accumulated = stream.drain().await.unwrap();
        assert_eq!(accumulated, *completed.response);
        assert_eq!(
            accumulated.output_text(),
            "Echo: stream these five words please"
        );
        assert_eq!(stream.last_sequence_number(), Some(events.len() as u64 - 1));
        assert_eq!(stream.response_id(), Some(accumulated.id.as_str()));

        let stored = responses
            .retrieve(&accumulated.id, &ResponseRetrieveParams::new())
            .await
            .unwrap();
        assert_eq!(stored, accumulated);
    }
}

/// An event type this release does not know is yielded as `Unknown` (kept verbatim) and the
/// stream goes on to its end.
#[tokio::test]
async fn unknown_event_types_pass_through() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let responses = Responses::new(&http);
    let response = json!({"id": "resp_x", "object": "response", "created_at": 1, "status": "in_progress", "model": "m", "output": []});
    let mut done = response.clone();
    done["status"] = json!("completed");
    done["output"] = json!([{"type": "message", "id": "msg_1", "status": "completed", "role": "assistant",
        "content": [{"type": "output_text", "text": "Hi", "annotations": []}]}]);
    let script = [
        json!({"type": "response.created", "sequence_number": 0, "response": response}),
        json!({"type": "response.hologram.delta", "sequence_number": 1, "delta": {"beam": 3}}),
        json!({"type": "response.completed", "sequence_number": 2, "response": done}),
    ];
    server
        .on("POST", "/v1/responses")
        .respond(Reply::sse_raw([(Duration::ZERO, sse_bytes(&script))]));

    let mut stream = responses
        .create_stream(&ResponseCreateRequest::new("m", "hi"))
        .await
        .unwrap();
    let events = events(&mut stream).await;
    assert_eq!(events.len(), 3);
    let ResponseStreamEvent::Unknown(unknown) = &events[1] else {
        panic!("not unknown: {:?}", events[1]);
    };
    assert_eq!(unknown.raw()["delta"]["beam"], 3);
    assert_eq!(events[1].sequence_number(), Some(1));
    assert_eq!(serde_json::to_value(&events[1]).unwrap(), script[1]);
    assert_eq!(stream.drain().await.unwrap().output_text(), "Hi");
}

/// An `error` event ends the stream with an API error carrying the service's code; the
/// snapshot keeps the text received before it.
#[tokio::test]
async fn error_event_ends_the_stream_and_keeps_the_snapshot() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let request =
        ResponseCreateRequest::new("gpt-4.1-mini", "one two three four five six [stream_error]");
    let mut stream = Responses::new(&http).create_stream(&request).await.unwrap();
    let mut deltas = 0;
    let err = loop {
        match stream.next().await {
            Some(Ok(ResponseStreamEvent::OutputTextDelta(_))) => deltas += 1,
            Some(Ok(_)) => {}
            Some(Err(err)) => break err,
            None => panic!("the stream ended without an error"),
        }
    };
    assert!(matches!(err.kind(), ErrorKind::Api(_)), "{err:?}");
    assert_eq!(err.code(), Some("server_error"));
    assert!(err.request_id().is_some());
    assert!(deltas > 0);
    assert!(stream.next().await.is_none());
    let partial = stream.snapshot();
    assert!(
        partial.output_text().starts_with("Echo:"),
        "{}",
        partial.output_text()
    );
    assert_eq!(partial.status, Some(ResponseStatus::InProgress));
    let err = stream.drain().await.unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Stream), "{err:?}");
}

/// Deltas take a fast decoding path that skips the search for an `error` member; an event
/// named `error` never does, and neither does an unnamed error payload.
#[tokio::test]
async fn error_events_still_end_the_stream_next_to_fast_path_deltas() {
    let delta = json!({"type": "response.output_text.delta", "sequence_number": 1, "item_id": "m", "output_index": 0, "content_index": 0, "delta": "a"});
    let bodies = [
        // Named `error`, even with a delta's payload.
        format!(
            "{}event: error\ndata: {delta}\n\n",
            sse_bytes(std::slice::from_ref(&delta))
        ),
        // Unnamed, with the error object the service sends.
        format!(
            "{}data: {}\n\n",
            sse_bytes(std::slice::from_ref(&delta)),
            json!({"type": "error", "sequence_number": 2, "code": "server_error", "message": "boom", "param": null, "error": {"type": "server_error", "code": "server_error", "message": "boom"}})
        ),
    ];
    for body in bodies {
        let server = MockServer::start().await;
        let http = support::openai(&server);
        server
            .on("POST", "/v1/responses")
            .respond(Reply::sse_raw([(Duration::ZERO, body.clone())]));
        let mut stream = Responses::new(&http)
            .create_stream(&ResponseCreateRequest::new("m", "hi"))
            .await
            .unwrap();
        assert!(matches!(
            stream.next().await,
            Some(Ok(ResponseStreamEvent::OutputTextDelta(_)))
        ));
        let err = stream.next().await.unwrap().unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Api(_)), "{body}: {err:?}");
        assert!(stream.next().await.is_none());
    }
}

/// A fixed stream: created, two text deltas (one with escapes), a function-call delta and the
/// completed response.
fn lending_script() -> String {
    let response = json!({"id": "resp_l", "object": "response", "created_at": 1, "status": "in_progress", "model": "m", "output": []});
    let mut done = response.clone();
    done["status"] = json!("completed");
    done["output"] = json!([{"type": "message", "id": "msg_1", "status": "completed", "role": "assistant", "content": [{"type": "output_text", "text": "caf\u{e9} \"q\"\n!", "annotations": []}]}]);
    // Deltas written as the service writes them, `type` first (a `json!` object sorts its keys).
    let delta = |seq: u64, text: &str| {
        format!(
            "event: response.output_text.delta\ndata: {{\"type\":\"response.output_text.delta\",\"sequence_number\":{seq},\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"delta\":{},\"logprobs\":[],\"obfuscation\":\"xyz\"}}\n\n",
            Value::from(text)
        )
    };
    let mut body = sse_bytes(&[
        json!({"type": "response.created", "sequence_number": 0, "response": response}),
        json!({"type": "response.output_item.added", "sequence_number": 1, "output_index": 0, "item": {"type": "message", "id": "msg_1", "status": "in_progress", "role": "assistant", "content": []}}),
        json!({"type": "response.content_part.added", "sequence_number": 2, "item_id": "msg_1", "output_index": 0, "content_index": 0, "part": {"type": "output_text", "text": "", "annotations": []}}),
    ]);
    body.push_str(&delta(3, "caf\u{e9} \"q\"\n"));
    body.push_str(&delta(4, "!"));
    body.push_str(&sse_bytes(&[
        json!({"type": "response.function_call_arguments.delta", "sequence_number": 5, "item_id": "fc_1", "output_index": 1, "delta": "{}"}),
        json!({"type": "response.completed", "sequence_number": 6, "response": done}),
    ]));
    body
}

/// `next_ref` lends text deltas (borrowed id and text) and yields the same events as `next`,
/// into the same accumulator; the two may be mixed.
#[tokio::test]
async fn next_ref_lends_text_deltas_and_matches_next() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    server
        .on("POST", "/v1/responses")
        .respond(Reply::sse_raw([(Duration::ZERO, lending_script())]));
    let responses = Responses::new(&http);
    let request = ResponseCreateRequest::new("m", "hi");

    let mut owned_stream = responses.create_stream(&request).await.unwrap();
    let owned = events(&mut owned_stream).await;

    let mut stream = responses.create_stream(&request).await.unwrap();
    let mut lent = Vec::new();
    let mut text = String::new();
    let mut borrowed_deltas = 0;
    while let Some(event) = stream.next_ref().await {
        let event = event.unwrap();
        if let Some(delta) = event.text_delta() {
            text.push_str(delta);
        }
        if let ResponseStreamEventRef::OutputTextDelta(d) = &event {
            borrowed_deltas += 1;
            assert!(matches!(d.item_id, std::borrow::Cow::Borrowed("msg_1")));
        }
        lent.push(event.into_owned());
    }
    assert_eq!(borrowed_deltas, 2);
    assert_eq!(lent, owned);
    assert_eq!(text, "caf\u{e9} \"q\"\n!");
    assert_eq!(stream.snapshot(), owned_stream.snapshot());
    assert_eq!(stream.last_sequence_number(), Some(6));
    assert_eq!(stream.response_id(), Some("resp_l"));

    // Mixed: half owned, half lent, the same accumulation.
    let mut mixed = responses.create_stream(&request).await.unwrap();
    for _ in 0..4 {
        mixed.next().await.unwrap().unwrap();
    }
    while let Some(event) = mixed.next_ref().await {
        event.unwrap();
    }
    assert_eq!(mixed.snapshot(), owned_stream.snapshot());
}

/// A text delta that does not decode ends the stream with the decode error naming the field,
/// on both methods.
#[tokio::test]
async fn a_malformed_text_delta_fails_on_next_and_next_ref() {
    let body = concat!(
        "event: response.output_text.delta\n",
        r#"data: {"type":"response.output_text.delta","sequence_number":"four","delta":"a"}"#,
        "\n\n"
    );
    for lend in [false, true] {
        let server = MockServer::start().await;
        let http = support::openai(&server);
        server
            .on("POST", "/v1/responses")
            .respond(Reply::sse_raw([(Duration::ZERO, body.to_owned())]));
        let mut stream = Responses::new(&http)
            .create_stream(&ResponseCreateRequest::new("m", "hi"))
            .await
            .unwrap();
        let err = if lend {
            stream.next_ref().await.unwrap().unwrap_err()
        } else {
            stream.next().await.unwrap().unwrap_err()
        };
        assert!(matches!(err.kind(), ErrorKind::Decode), "{err:?}");
        assert!(err.to_string().contains("\"four\""), "{err}");
        assert!(err.request_id().is_some());
        assert!(stream.next_ref().await.is_none());
        assert!(stream.next().await.is_none());
    }
}

/// A body that ends before the terminal event is a `Stream` error naming the expected end.
#[tokio::test]
async fn truncated_stream_is_an_error() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let response = json!({"id": "resp_x", "object": "response", "created_at": 1, "status": "in_progress", "model": "m", "output": []});
    let script = [json!({"type": "response.created", "sequence_number": 0, "response": response})];
    server
        .on("POST", "/v1/responses")
        .respond(Reply::sse_raw([(Duration::ZERO, sse_bytes(&script))]));
    let stream = Responses::new(&http)
        .create_stream(&ResponseCreateRequest::new("m", "hi"))
        .await
        .unwrap();
    let err = stream.into_response().await.unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Stream), "{err:?}");
    assert!(err.to_string().contains("after 1 events"), "{err}");
}

/// The stream type is a `futures_core::Stream` too.
#[tokio::test]
async fn stream_trait_yields_the_same_events() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let mut stream = Responses::new(&http)
        .create_stream(&ResponseCreateRequest::new("gpt-4.1-mini", "a b"))
        .await
        .unwrap();
    let mut count = 0;
    while let Some(event) = std::future::poll_fn(|cx| {
        futures_core::Stream::poll_next(std::pin::Pin::new(&mut stream), cx)
    })
    .await
    {
        event.unwrap();
        count += 1;
    }
    assert_eq!(
        u64::try_from(count).unwrap(),
        stream.last_sequence_number().unwrap() + 1
    );
}
