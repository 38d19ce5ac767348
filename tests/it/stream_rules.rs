//! One table of stream rules, run against every streamed operation: every stream type is built
//! on the same decoder, so every rule must hold for each of them in the same way.

use openai_mock::{MockServer, Reply, SseEvent};
use openai_sdk::chat::{ChatCompletionRequest, ChatMessage};
use openai_sdk::completions::CompletionRequest;
use openai_sdk::responses::ResponseCreateRequest;
#[cfg(feature = "assistants")]
use openai_sdk::runs::CreateRunRequest;
use openai_sdk::{Client, Error, ErrorKind};
use serde_json::{Value, json};

use crate::support::Mode;

/// A streamed operation under test.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Chat,
    Completion,
    Response,
    #[cfg(feature = "assistants")]
    AssistantRun,
}

const KINDS: &[Kind] = &[
    Kind::Chat,
    Kind::Completion,
    Kind::Response,
    #[cfg(feature = "assistants")]
    Kind::AssistantRun,
];

fn response_event(kind: &str, sequence_number: u64, extra: Value) -> SseEvent {
    let mut data = json!({"type": kind, "sequence_number": sequence_number});
    if let (Some(data), Value::Object(extra)) = (data.as_object_mut(), extra) {
        data.extend(extra);
    }
    SseEvent::json(&data).event(kind)
}

impl Kind {
    fn path(self) -> &'static str {
        match self {
            Kind::Chat => "/v1/chat/completions",
            Kind::Completion => "/v1/completions",
            Kind::Response => "/v1/responses",
            #[cfg(feature = "assistants")]
            Kind::AssistantRun => "/v1/threads/thread_rules/runs",
        }
    }

    /// An event that decodes into one item.
    fn item(self) -> SseEvent {
        match self {
            Kind::Chat => SseEvent::json(&crate::support::content_chunk("hi")),
            Kind::Completion => SseEvent::json(&json!({
                "id": "cmpl-1", "object": "text_completion", "created": 1, "model": "m",
                "choices": [{"index": 0, "text": "hi", "finish_reason": null}]
            })),
            Kind::Response => response_event(
                "response.output_text.delta",
                1,
                json!({"item_id": "msg_1", "output_index": 0, "content_index": 0, "delta": "hi"}),
            ),
            // A run event this release does not name: kept as `Unknown`, never an error.
            #[cfg(feature = "assistants")]
            Kind::AssistantRun => SseEvent::json(&json!({"id": "x", "object": "thread.future"}))
                .event("thread.future"),
        }
    }

    /// The normal end of the stream.
    fn end(self) -> SseEvent {
        match self {
            Kind::Chat | Kind::Completion => SseEvent::done(),
            // Responses send no `[DONE]`: the final event (yielded) is the end.
            Kind::Response => response_event(
                "response.completed",
                9,
                json!({"response": {"id": "resp_1", "object": "response", "created_at": 1,
                    "status": "completed", "model": "m", "output": []}}),
            ),
            #[cfg(feature = "assistants")]
            Kind::AssistantRun => SseEvent::done().event("done"),
        }
    }

    /// Items the end itself yields (Responses' final event is an item).
    fn end_items(self) -> usize {
        match self {
            Kind::Response => 1,
            _ => 0,
        }
    }

    /// An event whose payload does not match the item's schema.
    fn malformed(self) -> SseEvent {
        match self {
            Kind::Chat => SseEvent::json(&json!({
                "id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m",
                "choices": [{"index": "zero", "delta": {}}]
            })),
            Kind::Completion => SseEvent::json(&json!({
                "id": "c", "object": "text_completion", "created": 1, "model": "m",
                "choices": [{"index": "zero", "text": "x"}]
            })),
            Kind::Response => response_event(
                "response.output_text.delta",
                2,
                json!({"item_id": "msg_1", "output_index": 0, "content_index": 0, "delta": 7}),
            ),
            #[cfg(feature = "assistants")]
            Kind::AssistantRun => SseEvent::json(&json!({"id": 5})).event("thread.run.created"),
        }
    }

    /// The terminator as the truncation error names it.
    fn end_label(self) -> &'static str {
        match self {
            Kind::Chat | Kind::Completion => "[DONE] terminator",
            Kind::Response => "final `response.completed` / `failed` / `incomplete` event",
            #[cfg(feature = "assistants")]
            Kind::AssistantRun => "`done` event",
        }
    }

    /// Opens the stream and reads it to the end: the items received and the error, if any.
    async fn drive(self, client: &Client) -> (usize, Option<Error>) {
        let mut items = 0;
        macro_rules! read {
            ($stream:expr) => {{
                let mut stream = $stream;
                while let Some(next) = stream.next().await {
                    match next {
                        Ok(_) => items += 1,
                        Err(err) => {
                            assert!(
                                stream.next().await.is_none(),
                                "{self:?}: a failed stream ends"
                            );
                            return (items, Some(err));
                        }
                    }
                }
            }};
        }
        match self {
            Kind::Chat => read!(
                client
                    .chat()
                    .create_stream(&ChatCompletionRequest::new("m", [ChatMessage::user("hi")]))
                    .await
                    .unwrap()
            ),
            Kind::Completion => read!(
                client
                    .completions()
                    .create_stream(&CompletionRequest::new("m", "hi"))
                    .await
                    .unwrap()
            ),
            Kind::Response => read!(
                client
                    .responses()
                    .create_stream(&ResponseCreateRequest::new("m", "hi"))
                    .await
                    .unwrap()
            ),
            #[cfg(feature = "assistants")]
            Kind::AssistantRun => read!(
                client
                    .runs()
                    .create_stream("thread_rules", &CreateRunRequest::new("asst_1"))
                    .await
                    .unwrap()
            ),
        }
        (items, None)
    }
}

/// Sends `events` for `kind` (with the mock's normal framing, or exactly the `raw` body) and
/// returns what the stream yielded, checking the request too.
async fn run(
    kind: Kind,
    events: Vec<SseEvent>,
    raw: Option<&'static str>,
) -> (usize, Option<Error>) {
    let server = MockServer::start().await;
    let client = Mode::OpenAi.client(&server);
    let reply = match raw {
        None => Reply::sse(events),
        Some(body) => {
            Reply::bytes(200, "text/event-stream", body).header("x-request-id", "req_rules")
        }
    };
    server
        .on("POST", kind.path())
        .respond(reply.header("x-request-id", "req_rules"));
    let outcome = kind.drive(&client).await;
    let sent = server.requests();
    assert_eq!(sent.len(), 1, "{kind:?}: a stream is sent once");
    assert_eq!(
        sent[0].header("accept"),
        Some("text/event-stream"),
        "{kind:?}"
    );
    let body: &Value = sent[0].json.as_ref().unwrap();
    assert_eq!(body["stream"], true, "{kind:?}");
    outcome
}

fn assert_request_id(kind: Kind, err: &Error) {
    assert_eq!(err.request_id(), Some("req_rules"), "{kind:?}: {err}");
    assert_eq!(err.attempts(), 1, "{kind:?}: the request was sent once");
}

#[tokio::test]
async fn keep_alives_are_skipped() {
    for &kind in KINDS {
        let events = vec![
            kind.item(),
            SseEvent::data(""),
            SseEvent::data("   "),
            kind.item(),
            kind.end(),
        ];
        let (items, err) = run(kind, events, None).await;
        assert_eq!(
            (items, err.map(|e| e.to_string())),
            (2 + kind.end_items(), None),
            "{kind:?}"
        );
    }
}

#[tokio::test]
async fn an_error_event_ends_the_stream_with_the_api_error() {
    for &kind in KINDS {
        let error = json!({"error": {"message": "The server is overloaded", "type": "server_error", "code": "overloaded"}});
        let events = vec![
            kind.item(),
            SseEvent::json(&error).event("error"),
            kind.item(),
        ];
        let (items, err) = run(kind, events, None).await;
        let err = err.unwrap_or_else(|| panic!("{kind:?}: no error"));
        assert_eq!(items, 1, "{kind:?}: nothing after the error");
        assert!(matches!(err.kind(), ErrorKind::Api(_)), "{kind:?}: {err:?}");
        assert_eq!(err.status(), None);
        assert_eq!(err.code(), Some("overloaded"), "{kind:?}");
        assert_eq!(err.message(), Some("The server is overloaded"), "{kind:?}");
        assert_request_id(kind, &err);
    }
}

#[tokio::test]
async fn an_error_object_without_an_event_name_ends_the_stream() {
    for &kind in KINDS {
        let error = json!({"error": {"message": "upstream failed", "code": "bad_gateway"}});
        let events = vec![kind.item(), SseEvent::json(&error), kind.item()];
        let (items, err) = run(kind, events, None).await;
        let err = err.unwrap_or_else(|| panic!("{kind:?}: no error"));
        assert_eq!(items, 1, "{kind:?}");
        assert!(matches!(err.kind(), ErrorKind::Api(_)), "{kind:?}: {err:?}");
        assert_eq!(err.message(), Some("upstream failed"), "{kind:?}");
        assert_request_id(kind, &err);
    }
}

#[tokio::test]
async fn a_payload_that_does_not_decode_is_a_decode_error() {
    for &kind in KINDS {
        let (items, err) = run(kind, vec![kind.item(), kind.malformed()], None).await;
        let err = err.unwrap_or_else(|| panic!("{kind:?}: no error"));
        assert_eq!(items, 1, "{kind:?}");
        assert!(matches!(err.kind(), ErrorKind::Decode), "{kind:?}: {err:?}");
        match kind {
            Kind::Chat | Kind::Completion => assert!(
                err.to_string().contains("at `choices[0].index`"),
                "{kind:?}: the JSON path is named: {err}"
            ),
            // A tagged union is buffered before it is decoded: serde names the problem.
            Kind::Response => assert!(
                err.to_string()
                    .contains("failed to decode ResponseStreamEvent: invalid type: integer `7`"),
                "{kind:?}: the problem is named: {err}"
            ),
            #[cfg(feature = "assistants")]
            Kind::AssistantRun => assert!(
                err.to_string().contains("`thread.run.created` event"),
                "{kind:?}: the event is named: {err}"
            ),
        }
        assert_request_id(kind, &err);
    }
}

#[tokio::test]
async fn a_body_that_ends_before_the_terminator_is_an_error() {
    for &kind in KINDS {
        let mut body = String::new();
        for _ in 0..2 {
            body.push_str(std::str::from_utf8(&kind.item().to_bytes()).unwrap());
        }
        let body: &'static str = Box::leak(body.into_boxed_str());
        let (items, err) = run(kind, Vec::new(), Some(body)).await;
        let err = err.unwrap_or_else(|| panic!("{kind:?}: no error"));
        assert_eq!(items, 2, "{kind:?}: what arrived is delivered");
        assert!(matches!(err.kind(), ErrorKind::Stream), "{kind:?}: {err:?}");
        assert_eq!(
            err.to_string(),
            format!(
                "stream ended before its {} after 2 events [request id req_rules]",
                kind.end_label()
            ),
            "{kind:?}"
        );
        assert_request_id(kind, &err);
    }
}

#[tokio::test]
async fn nothing_after_the_terminator_is_parsed() {
    for &kind in KINDS {
        let mut body = String::from_utf8(kind.item().to_bytes().to_vec()).unwrap();
        body.push_str(std::str::from_utf8(&kind.end().to_bytes()).unwrap());
        body.push_str("data: {not json at all\n\n");
        let body: &'static str = Box::leak(body.into_boxed_str());
        let (items, err) = run(kind, Vec::new(), Some(body)).await;
        assert_eq!(
            (items, err.map(|e| e.to_string())),
            (1 + kind.end_items(), None),
            "{kind:?}"
        );
    }
}
