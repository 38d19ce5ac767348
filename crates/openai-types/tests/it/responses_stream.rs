//! Every recorded Responses stream decodes event by event, and the accumulator rebuilds the final
//! response; unknown events and items pass through.

use openai_types::responses::{
    ContentPart, Item, ResponseAccumulateError, ResponseAccumulator, ResponseStatus,
    ResponseStreamEvent,
};
use serde_json::{Value, json};

use crate::responses_real::each;
use crate::support::{assert_round_trip, json_diff, real_sse, sse_events};

/// `obfuscation` is random padding on delta events, skipped on purpose (no allocation per
/// streamed event).
const UNMODELED: &[&str] = &["obfuscation"];

/// Data the service puts only in the final `response.completed` payload, not in the
/// `output_item.done` events: reasoning `encrypted_content`, and the tool list of an
/// `mcp_list_tools` item in some streams. The accumulator returns the final payload, so these
/// are not lost; they only differ in the output rebuilt from the events.
const FINAL_ONLY: &[&str] = &[".encrypted_content:", "].tools: array length"];

/// Decodes every `data:` payload of a recorded stream, checking the SSE `event:` name against
/// the payload's `type`.
fn decode_stream(name: &str, text: &str) -> Vec<ResponseStreamEvent> {
    sse_events(text)
        .into_iter()
        .enumerate()
        .map(|(i, sse)| {
            let value: Value = serde_json::from_str(&sse.data)
                .unwrap_or_else(|e| panic!("{name} event {i}: not JSON: {e}"));
            if let Some(event) = &sse.event {
                assert_eq!(value["type"], event.as_str(), "{name} event {i}");
            }
            let event: ResponseStreamEvent =
                assert_round_trip(&format!("{name} event {i}"), &value, UNMODELED);
            assert!(
                !matches!(event, ResponseStreamEvent::Unknown(_)),
                "{name} event {i}: type {} is not modeled",
                event.kind()
            );
            assert_eq!(
                event.sequence_number(),
                value["sequence_number"].as_u64(),
                "{name} event {i}"
            );
            event
        })
        .collect()
}

#[test]
fn real_streams_decode_and_accumulate_to_the_final_response() {
    let streams = real_sse("responses_stream");
    each(&streams, |name, text| {
        let events = decode_stream(name, text);
        assert!(!events.is_empty(), "{name}");
        // Sequence numbers count up by one.
        for pair in events.windows(2) {
            if pair[0].sequence_number().is_none() {
                continue; // early Azure previews do not number events
            }
            assert_eq!(
                pair[0].sequence_number().map(|n| n + 1),
                pair[1].sequence_number(),
                "{name}"
            );
        }
        let mut acc = ResponseAccumulator::new();
        let mut terminal = None;
        for event in &events {
            if event.is_terminal() {
                // Before the final payload, the output rebuilt from the events already equals
                // the final output.
                terminal = event.response().cloned();
                if let Some(final_response) = &terminal {
                    let rebuilt = serde_json::to_value(acc.snapshot().output).unwrap();
                    let expected = serde_json::to_value(&final_response.output).unwrap();
                    let diffs: Vec<String> = json_diff(&expected, &rebuilt)
                        .into_iter()
                        .filter(|d| !FINAL_ONLY.iter().any(|f| d.contains(f)))
                        .collect();
                    assert!(
                        diffs.is_empty(),
                        "{name}: rebuilt output differs:\n  {}",
                        diffs.join("\n  ")
                    );
                }
            }
            acc.push(event);
        }
        assert_eq!(acc.event_count(), events.len());
        let final_response = terminal.unwrap_or_else(|| panic!("{name}: no terminal event"));
        let snapshot = acc.snapshot();
        assert_eq!(snapshot, final_response, "{name}");
        let finished = acc.finish().unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(finished, final_response, "{name}");
        assert!(finished.is_finished(), "{name}");
        if name.contains("incomplete") {
            assert_eq!(finished.status, Some(ResponseStatus::Incomplete), "{name}");
        }
    });
    if !streams.is_empty() {
        assert!(streams.len() >= 27, "only {} streams", streams.len());
    }
}

#[test]
fn broken_stream_keeps_its_snapshot() {
    for (name, text) in real_sse("responses_stream") {
        if !name.starts_with("openai-text-gpt4o-") {
            continue;
        }
        let events = decode_stream(&name, &text);
        let full = {
            let mut acc = ResponseAccumulator::new();
            events.iter().for_each(|e| acc.push(e));
            acc.finish().unwrap()
        };
        // Cut the stream after the first half of the text deltas.
        let deltas: Vec<usize> = events
            .iter()
            .enumerate()
            .filter(|(_, e)| matches!(e, ResponseStreamEvent::OutputTextDelta(_)))
            .map(|(i, _)| i)
            .collect();
        let cut = deltas[deltas.len() / 2];
        let mut acc = ResponseAccumulator::new();
        events[..cut].iter().for_each(|e| acc.push(e));
        let partial = acc.snapshot();
        assert_eq!(partial.id, full.id);
        assert_eq!(partial.status, Some(ResponseStatus::InProgress));
        let text = partial.output_text();
        assert!(
            !text.is_empty() && full.output_text().starts_with(&text),
            "{text:?}"
        );
        assert!(text.len() < full.output_text().len());
        assert_eq!(acc.finish(), Err(ResponseAccumulateError::Unfinished));
    }
}

#[test]
fn reasoning_and_function_call_deltas_fold() {
    let events = [
        json!({"type":"response.created","sequence_number":0,"response":{"id":"resp_1","object":"response","created_at":1,"status":"in_progress","model":"o4-mini","output":[]}}),
        json!({"type":"response.output_item.added","sequence_number":1,"output_index":0,"item":{"type":"reasoning","id":"rs_1","summary":[]}}),
        json!({"type":"response.reasoning_summary_part.added","sequence_number":2,"item_id":"rs_1","output_index":0,"summary_index":0,"part":{"type":"summary_text","text":""}}),
        json!({"type":"response.reasoning_summary_text.delta","sequence_number":3,"item_id":"rs_1","output_index":0,"summary_index":0,"delta":"Think"}),
        json!({"type":"response.reasoning_summary_text.delta","sequence_number":4,"item_id":"rs_1","output_index":0,"summary_index":0,"delta":"ing"}),
        json!({"type":"response.reasoning_text.delta","sequence_number":5,"item_id":"rs_1","output_index":0,"content_index":0,"delta":"raw"}),
        json!({"type":"response.output_item.added","sequence_number":6,"output_index":1,"item":{"type":"function_call","id":"fc_1","call_id":"call_1","name":"get_weather","arguments":"","status":"in_progress"}}),
        json!({"type":"response.function_call_arguments.delta","sequence_number":7,"item_id":"fc_1","output_index":1,"delta":"{\"city\":"}),
        json!({"type":"response.function_call_arguments.delta","sequence_number":8,"item_id":"fc_1","output_index":1,"delta":"\"Paris\"}"}),
        json!({"type":"response.output_item.added","sequence_number":9,"output_index":2,"item":{"type":"custom_tool_call","id":"ct_1","call_id":"call_2","name":"patch","input":""}}),
        json!({"type":"response.custom_tool_call_input.delta","sequence_number":10,"item_id":"ct_1","output_index":2,"delta":"*** Begin"}),
        json!({"type":"response.output_item.added","sequence_number":11,"output_index":3,"item":{"type":"message","id":"msg_1","status":"in_progress","role":"assistant","content":[]}}),
        json!({"type":"response.refusal.delta","sequence_number":12,"item_id":"msg_1","output_index":3,"content_index":0,"delta":"I can't"}),
        json!({"type":"response.brand_new_event","sequence_number":13,"payload":{"x":1}}),
        json!({"type":"error","sequence_number":14,"code":"server_error","message":"boom","param":null}),
    ];
    let mut acc = ResponseAccumulator::new();
    for value in &events {
        let event: ResponseStreamEvent = assert_round_trip("event", value, &[]);
        acc.push(&event);
    }
    let snapshot = acc.snapshot();
    let Item::Reasoning(reasoning) = &snapshot.output[0] else {
        panic!("not reasoning")
    };
    assert_eq!(reasoning.summary[0].text(), Some("Thinking"));
    assert_eq!(reasoning.content.as_ref().unwrap()[0].text(), Some("raw"));
    let call = snapshot.function_calls().next().unwrap();
    assert_eq!(
        (
            call.call_id.as_str(),
            call.name.as_str(),
            call.arguments.as_str()
        ),
        ("call_1", "get_weather", r#"{"city":"Paris"}"#)
    );
    let Item::CustomToolCall(custom) = &snapshot.output[2] else {
        panic!("not custom")
    };
    assert_eq!(custom.input, "*** Begin");
    assert_eq!(snapshot.refusal(), Some("I can't"));
    assert!(matches!(
        snapshot.output[3].as_message().unwrap().content,
        openai_types::responses::MessageContent::Parts(ref parts) if matches!(parts[0], ContentPart::Refusal(_))
    ));
    assert_eq!(acc.last_sequence_number(), Some(14));
    match acc.finish() {
        Err(ResponseAccumulateError::Stream(error)) => {
            assert_eq!(error.message, "boom");
            assert_eq!(error.code.as_deref(), Some("server_error"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn unknown_events_and_items_pass_through() {
    let raw = json!({"type":"response.hologram.delta","sequence_number":7,"item_id":"h_1","delta":{"x":[1,2]}});
    let event: ResponseStreamEvent = serde_json::from_value(raw.clone()).unwrap();
    assert!(matches!(event, ResponseStreamEvent::Unknown(_)));
    assert_eq!(event.kind(), "response.hologram.delta");
    assert_eq!(event.sequence_number(), Some(7));
    assert_eq!(serde_json::to_value(&event).unwrap(), raw);

    let item = json!({"type":"hologram_call","id":"h_1","status":"completed","frames":[{"n":1}]});
    let added = json!({"type":"response.output_item.added","sequence_number":1,"output_index":0,"item":item});
    let event: ResponseStreamEvent = serde_json::from_value(added.clone()).unwrap();
    assert_eq!(serde_json::to_value(&event).unwrap(), added);
    let mut acc = ResponseAccumulator::new();
    acc.push(&event);
    let output = acc.snapshot().output;
    assert!(matches!(&output[0], Item::Unknown(obj) if obj.raw() == &item));

    // An unknown content part inside a known message is kept too.
    let message = json!({"type":"message","id":"m","status":"completed","role":"assistant",
        "content":[{"type":"output_hologram","data":"..."},{"type":"output_text","text":"hi","annotations":[]}]});
    let decoded: Item = serde_json::from_value(message.clone()).unwrap();
    assert_eq!(serde_json::to_value(&decoded).unwrap(), message);
    assert_eq!(decoded.as_message().unwrap().text(), "hi");
}

#[test]
fn accumulator_without_events_reports_it() {
    assert_eq!(
        ResponseAccumulator::new().finish(),
        Err(ResponseAccumulateError::NoEvents)
    );
}

#[test]
fn shell_and_image_events_fold() {
    let events = [
        json!({"type":"response.output_item.added","sequence_number":0,"output_index":0,"item":{"type":"shell_call","id":"sh_1","call_id":"c1","status":"in_progress"}}),
        json!({"type":"response.shell_call_command.added","sequence_number":1,"output_index":0,"command_index":0,"command":""}),
        json!({"type":"response.shell_call_command.delta","sequence_number":2,"output_index":0,"command_index":0,"delta":"ls "}),
        json!({"type":"response.shell_call_command.delta","sequence_number":3,"output_index":0,"command_index":0,"delta":"-la"}),
        json!({"type":"response.output_item.added","sequence_number":4,"output_index":1,"item":{"type":"shell_call_output","id":"sho_1","call_id":"c1","output":[]}}),
        json!({"type":"response.shell_call_output_content.delta","sequence_number":5,"item_id":"sho_1","output_index":1,"command_index":0,"delta":{"stdout":"a.txt\n","stderr":""}}),
        json!({"type":"response.shell_call_output_content.delta","sequence_number":6,"item_id":"sho_1","output_index":1,"command_index":0,"delta":{"stdout":"b.txt\n"}}),
        json!({"type":"response.output_item.added","sequence_number":7,"output_index":2,"item":{"type":"image_generation_call","id":"ig_1","status":"in_progress"}}),
        json!({"type":"response.image_generation_call.partial_image","sequence_number":8,"item_id":"ig_1","output_index":2,"partial_image_index":0,"partial_image_b64":"iVBOR"}),
        json!({"type":"response.code_interpreter_call_code.delta","sequence_number":9,"item_id":"nope","output_index":9,"delta":"ignored: no such item"}),
    ];
    let mut acc = ResponseAccumulator::new();
    for value in &events {
        let event: ResponseStreamEvent = assert_round_trip("event", value, UNMODELED);
        acc.push(&event);
    }
    let output = acc.snapshot().output;
    let Item::ShellCall(call) = &output[0] else {
        panic!("{:?}", output[0])
    };
    assert_eq!(call.action.as_ref().unwrap().commands, ["ls -la"]);
    let Item::ShellCallOutput(result) = &output[1] else {
        panic!("{:?}", output[1])
    };
    assert_eq!(result.output[0].stdout, "a.txt\nb.txt\n");
    let Item::ImageGenerationCall(image) = &output[2] else {
        panic!("{:?}", output[2])
    };
    assert_eq!(image.result.as_deref(), Some("iVBOR"));
    assert_eq!(output.len(), 3);
}
