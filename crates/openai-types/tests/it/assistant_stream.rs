//! Assistants stream events (keyed by the SSE `event:` name) and the message delta accumulator,
//! against the real recorded Assistants streams and the spec's streaming examples.

use serde_json::{Value, json};

use openai_types::assistant_stream::AssistantStreamEvent;
use openai_types::messages::{
    Annotation, Message, MessageContent, MessageDelta, MessageDeltaAccumulator, MessageDeltaContent,
};
use openai_types::run_steps::{StepDetailsDelta, StepToolCallDelta};
use openai_types::runs::RunStatus;

use crate::support::{json_diff, openai_spec, real_sse, spec_response_examples, sse_events};

/// Decodes one event and checks that re-encoding its payload loses nothing (`null` ≡ absent).
fn decode_checked(label: &str, event: &str, data: &str) -> AssistantStreamEvent {
    let decoded = AssistantStreamEvent::from_sse(event, data)
        .unwrap_or_else(|e| panic!("{label}: event {event} does not decode: {e}\n{data}"));
    assert_eq!(decoded.event_name(), event, "{label}");
    assert!(
        !matches!(decoded, AssistantStreamEvent::Unknown { .. }),
        "{label}: {event} decoded as Unknown"
    );
    if event != "done" {
        let input: Value = serde_json::from_str(data).unwrap();
        let output: Value = serde_json::from_str(&decoded.to_sse_data().unwrap()).unwrap();
        let diffs = json_diff(&input, &output);
        assert!(
            diffs.is_empty(),
            "{label}: {event} lost data:\n  {}",
            diffs.join("\n  ")
        );
    }
    decoded
}

/// Every event of every recorded Assistants stream decodes via `from_sse` into a known variant,
/// with nothing modelled dropped; each stream ends with `done`.
#[test]
fn real_streams_decode_every_event() {
    let streams = real_sse("assistants");
    if streams.is_empty() {
        return;
    }
    assert_eq!(streams.len(), 3, "corpus changed");
    let mut total = 0;
    for (name, text) in &streams {
        let events = sse_events(text);
        let mut decoded = Vec::new();
        for event in &events {
            let event_name = event
                .event
                .as_deref()
                .unwrap_or_else(|| panic!("{name}: no event name"));
            decoded.push(decode_checked(name, event_name, &event.data));
        }
        assert_eq!(decoded.last(), Some(&AssistantStreamEvent::Done), "{name}");
        total += decoded.len();
    }
    // 95 + 26 + 6 events in the three transcripts.
    assert_eq!(total, 127);
}

/// The recorded Azure stream that fails on a rate limit surfaces as a `thread.run.failed` event
/// with a typed `last_error`.
#[test]
fn real_failed_stream_exposes_run_error() {
    let streams = real_sse("assistants");
    let Some((_, text)) = streams
        .iter()
        .find(|(n, _)| n.contains("failed-rate_limit"))
    else {
        return;
    };
    let failed = sse_events(text)
        .into_iter()
        .map(|e| AssistantStreamEvent::from_sse(e.event.as_deref().unwrap_or(""), &e.data).unwrap())
        .find_map(|e| match e {
            AssistantStreamEvent::ThreadRunFailed(run) => Some(run),
            _ => None,
        })
        .unwrap();
    assert_eq!(failed.status, RunStatus::Failed);
    assert_eq!(
        failed.last_error.unwrap().code.as_str(),
        "rate_limit_exceeded"
    );
}

/// Folds a stream's message deltas (plus created/in_progress) and returns, per final message
/// (`thread.message.completed`/`incomplete`), the accumulated snapshot taken just before the
/// final event and the final message itself.
fn accumulate_until_final(label: &str, events: &[(String, String)]) -> Vec<(Message, Message)> {
    let mut accumulator = MessageDeltaAccumulator::new();
    let mut pairs = Vec::new();
    for (event, data) in events {
        let decoded = AssistantStreamEvent::from_sse(event, data)
            .unwrap_or_else(|e| panic!("{label}: {event}: {e}"));
        match &decoded {
            AssistantStreamEvent::ThreadMessageCompleted(final_message)
            | AssistantStreamEvent::ThreadMessageIncomplete(final_message) => {
                let snapshot = accumulator
                    .snapshot(&final_message.id)
                    .unwrap_or_else(|| panic!("{label}: no snapshot for {}", final_message.id))
                    .clone();
                pairs.push((snapshot, final_message.clone()));
            }
            other => accumulator.push_event(other),
        }
    }
    pairs
}

/// The accumulator over a recorded stream rebuilds exactly the content of the final
/// `thread.message.completed` (or `incomplete`) message, from the deltas alone.
#[test]
fn accumulator_over_real_streams_equals_final_message() {
    let streams = real_sse("assistants");
    if streams.is_empty() {
        return;
    }
    let mut compared = 0;
    for (name, text) in &streams {
        let events: Vec<(String, String)> = sse_events(text)
            .into_iter()
            .map(|e| (e.event.unwrap_or_default(), e.data))
            .collect();
        for (snapshot, final_message) in accumulate_until_final(name, &events) {
            assert!(
                !final_message.text().is_empty(),
                "{name}: empty final message"
            );
            assert_eq!(snapshot.content, final_message.content, "{name}");
            assert_eq!(snapshot.id, final_message.id);
            assert_eq!(snapshot.role, final_message.role);
            assert_eq!(snapshot.run_id, final_message.run_id);
            compared += 1;
        }
    }
    // The code interpreter stream and the v1 incomplete stream each end one message.
    assert_eq!(compared, 2);
}

/// Streaming examples of the spec: SSE text as published, with two of its typos repaired (see
/// `spec_sse_events`).
fn spec_streams() -> Vec<(String, Vec<(String, String)>)> {
    let Some(spec) = openai_spec() else {
        return Vec::new();
    };
    ["createThreadAndRun", "createRun", "submitToolOuputsToRun"]
        .into_iter()
        .flat_map(|op| spec_response_examples(spec, op))
        .filter(|(_, text)| text.trim_start().starts_with("event:"))
        .map(|(label, text)| {
            let events = spec_sse_events(&text);
            (label, events)
        })
        .collect()
}

/// Splits a spec SSE example into `(event, data)`, repairing its two known typos: a payload line
/// that lacks the `data: ` prefix (one `thread.run.completed`), and a stray extra `}` closing
/// the run objects. A repair is applied only when the text does not parse as is, and the result
/// must then parse; `...` elision lines are skipped.
fn spec_sse_events(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for block in text.replace("\r\n", "\n").split("\n\n") {
        let mut event = None;
        let mut data = Vec::new();
        for line in block.lines() {
            if let Some(name) = line.strip_prefix("event:") {
                event = Some(name.trim().to_owned());
            } else if let Some(value) = line.strip_prefix("data:") {
                data.push(value.strip_prefix(' ').unwrap_or(value).to_owned());
            } else if line.starts_with('{') {
                data.push(line.to_owned());
            }
        }
        let Some(event) = event else { continue };
        let mut data = data.join("\n");
        if event != "done" && serde_json::from_str::<Value>(&data).is_err() {
            if let Some(trimmed) = data.strip_suffix('}') {
                data = trimmed.to_owned();
            }
        }
        out.push((event, data));
    }
    out
}

/// Every event of the spec's streaming examples decodes into its known variant with nothing
/// dropped.
#[test]
fn spec_streaming_examples_decode_every_event() {
    let streams = spec_streams();
    if streams.is_empty() {
        return;
    }
    assert_eq!(streams.len(), 5);
    let mut seen = std::collections::BTreeSet::new();
    for (label, events) in &streams {
        for (event, data) in events {
            decode_checked(label, event, data);
            seen.insert(event.clone());
        }
    }
    for event in [
        "thread.created",
        "thread.run.requires_action",
        "thread.run.step.delta",
        "thread.message.delta",
        "thread.message.completed",
        "done",
    ] {
        assert!(seen.contains(event), "no spec example of {event}: {seen:?}");
    }
}

fn delta(value: Value) -> MessageDelta {
    serde_json::from_value(value).unwrap()
}

/// Text is appended per content index, annotations by their own index (new index appended,
/// known index filled in), refusals and images land in their own parts, parts of different
/// messages stay apart, and the snapshot is usable mid-stream.
#[test]
fn accumulator_folds_parts_annotations_and_messages() {
    let mut acc = MessageDeltaAccumulator::new();
    acc.push_delta(&delta(
        json!({"id": "msg_a", "delta": {"role": "assistant", "content": [
            {"index": 0, "type": "text", "text": {"value": "See "}},
            {"index": 1, "type": "image_file", "image_file": {"file_id": "file-img"}}
        ]}}),
    ));
    acc.push_delta(&delta(json!({"id": "msg_b", "delta": {"content": [
        {"index": 0, "type": "refusal", "refusal": "I can't"}
    ]}})));
    // Mid-stream snapshot.
    assert_eq!(acc.snapshot("msg_a").unwrap().text(), "See ");
    acc.push_delta(&delta(json!({"id": "msg_a", "delta": {"content": [
        {"index": 0, "type": "text", "text": {"value": "【0†a】", "annotations": [
            {"index": 0, "type": "file_citation", "text": "【0†a】", "start_index": 4, "end_index": 9,
             "file_citation": {"file_id": "file-c"}}
        ]}}
    ]}})));
    acc.push_delta(&delta(json!({"id": "msg_a", "delta": {"content": [
        {"index": 0, "type": "text", "text": {"value": " and sandbox:/x.png", "annotations": [
            {"index": 1, "type": "file_path", "text": "sandbox:/x.png", "start_index": 14, "end_index": 28},
            {"index": 1, "type": "file_path", "file_path": {"file_id": "file-x"}},
            {"index": 2, "type": "url_citation", "url": "https://example.com"}
        ]}}
    ]}})));
    acc.push_delta(&delta(json!({"id": "msg_b", "delta": {"content": [
        {"index": 0, "type": "refusal", "refusal": " help."},
        {"index": 1, "type": "hologram", "hologram": {"id": "h"}}
    ]}})));

    let messages = acc.messages();
    assert_eq!(messages.len(), 2);
    let a = &messages[0];
    assert_eq!(a.id, "msg_a");
    assert_eq!(a.text(), "See 【0†a】 and sandbox:/x.png");
    let MessageContent::Text(text) = &a.content[0] else {
        panic!("expected text")
    };
    assert_eq!(text.text.annotations.len(), 3);
    let Annotation::FilePath(path) = &text.text.annotations[1] else {
        panic!("expected file path")
    };
    assert_eq!(
        (
            path.file_path.file_id.as_str(),
            path.start_index,
            path.end_index
        ),
        ("file-x", 14, 28)
    );
    assert_eq!(text.text.annotations[2].kind(), "url_citation");
    assert!(
        matches!(&a.content[1], MessageContent::ImageFile(img) if img.image_file.file_id == "file-img")
    );

    insta::assert_json_snapshot!(
        "assistant_stream_accumulated_messages",
        serde_json::to_value(acc.clone().into_messages()).unwrap()
    );
}

/// `thread.message.created` after some deltas keeps the content accumulated so far; a gap in
/// content indexes is padded instead of misplacing later parts.
#[test]
fn accumulator_start_keeps_content_and_pads_gaps() {
    let mut acc = MessageDeltaAccumulator::new();
    acc.push_delta(&delta(json!({"id": "m", "delta": {"content": [
        {"index": 2, "type": "text", "text": {"value": "late"}}
    ]}})));
    let created: Message = serde_json::from_value(json!({
        "id": "m", "object": "thread.message", "created_at": 7, "thread_id": "t", "status": "in_progress",
        "role": "assistant", "content": [], "assistant_id": "asst", "run_id": "run", "metadata": {}
    }))
    .unwrap();
    acc.push_event(&AssistantStreamEvent::ThreadMessageCreated(created));
    let m = acc.snapshot("m").unwrap();
    assert_eq!(m.created_at, 7);
    assert_eq!(m.thread_id, "t");
    assert_eq!(m.content.len(), 3);
    assert_eq!(m.text(), "\n\nlate");
}

/// Unknown event names keep their data and round-trip; `error` and `done` have their own
/// variants.
#[test]
fn unknown_and_special_events_round_trip() {
    let unknown = AssistantStreamEvent::from_sse(
        "thread.run.step.paused",
        r#"{"id":"step_1","object":"thread.run.step","reason":"review"}"#,
    )
    .unwrap();
    let AssistantStreamEvent::Unknown { event, data } = &unknown else {
        panic!("expected Unknown")
    };
    assert_eq!(event, "thread.run.step.paused");
    assert_eq!(data["reason"], "review");

    let error = AssistantStreamEvent::from_sse(
        "error",
        r#"{"error":{"message":"Server overloaded","type":"server_error","param":null,"code":"overloaded"}}"#,
    )
    .unwrap();
    let AssistantStreamEvent::Error(object) = &error else {
        panic!("expected Error")
    };
    assert_eq!(object.message, "Server overloaded");

    let step_delta = AssistantStreamEvent::from_sse(
        "thread.run.step.delta",
        r#"{"id":"step_1","object":"thread.run.step.delta","delta":{"step_details":{"type":"tool_calls","tool_calls":[{"index":0,"type":"mcp","mcp":{"server":"x"}},{"index":1,"type":"function","id":"call_1","function":{"name":"f","arguments":"{\"a\""}}]}}}"#,
    )
    .unwrap();
    let AssistantStreamEvent::ThreadRunStepDelta(step) = &step_delta else {
        panic!("expected a step delta")
    };
    let Some(StepDetailsDelta::ToolCalls(calls)) = &step.delta.step_details else {
        panic!("expected tool call deltas")
    };
    let calls = calls.tool_calls.as_ref().unwrap();
    assert_eq!(calls[0].kind(), "mcp");
    assert!(matches!(&calls[1], StepToolCallDelta::Function(f) if f.index == 1));

    let message_delta = AssistantStreamEvent::from_sse(
        "thread.message.delta",
        r#"{"id":"msg_1","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"sticker","sticker":{"id":"s"}}]}}"#,
    )
    .unwrap();
    let AssistantStreamEvent::ThreadMessageDelta(md) = &message_delta else {
        panic!("expected a message delta")
    };
    let parts = md.delta.content.as_ref().unwrap();
    assert!(matches!(&parts[0], MessageDeltaContent::Unknown(_)));
    assert_eq!(parts[0].index(), Some(0));

    let snapshot: Vec<Value> = [
        &unknown,
        &error,
        &step_delta,
        &message_delta,
        &AssistantStreamEvent::Done,
    ]
    .into_iter()
    .map(|e| json!({"event": e.event_name(), "data": e.to_sse_data().unwrap()}))
    .collect();
    insta::assert_json_snapshot!("assistant_stream_unknown_and_special_events", snapshot);
}
