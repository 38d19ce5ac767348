//! Every union member the spec lists is modeled, and values this release does not know survive
//! a round trip.

use openai_types::responses::{
    Annotation, ContentPart, Include, Item, Response, ResponseStatus, ResponseStreamEvent, Tool,
    ToolChoice,
};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::support::openai_spec;

/// The `type` tags of the members of the union schema `name` (through `$ref`s, `oneOf`/`anyOf`
/// and nested unions).
fn union_tags(spec: &Value, name: &str) -> Vec<String> {
    fn walk(spec: &Value, schema: &Value, out: &mut Vec<String>) {
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            let target = spec.pointer(reference.trim_start_matches('#')).unwrap();
            return walk(spec, target, out);
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(members) = schema.get(key).and_then(Value::as_array) {
                for member in members {
                    walk(spec, member, out);
                }
            }
        }
        let tag = schema.pointer("/properties/type");
        if let Some(tag) = tag {
            let values = tag
                .get("enum")
                .and_then(Value::as_array)
                .cloned()
                .or_else(|| tag.get("const").map(|c| vec![c.clone()]))
                .unwrap_or_default();
            for value in values.iter().filter_map(Value::as_str) {
                if !out.iter().any(|t| t == value) {
                    out.push(value.to_owned());
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(spec, &spec["components"]["schemas"][name], &mut out);
    out
}

fn assert_all_known<T: DeserializeOwned + std::fmt::Debug>(
    spec: &Value,
    schemas: &[&str],
    extra: Value,
    is_unknown: fn(&T) -> bool,
) -> usize {
    let mut count = 0;
    for schema in schemas {
        let tags = union_tags(spec, schema);
        assert!(!tags.is_empty(), "{schema}");
        for tag in tags {
            let mut value = extra.clone();
            value["type"] = json!(tag);
            let decoded: T = serde_json::from_value(value)
                .unwrap_or_else(|e| panic!("{schema} member {tag}: {e}"));
            assert!(
                !is_unknown(&decoded),
                "{schema} member {tag} is not modeled"
            );
            count += 1;
        }
    }
    count
}

#[test]
fn every_spec_union_member_is_modeled() {
    let Some(spec) = openai_spec() else { return };
    let items = assert_all_known::<Item>(
        spec,
        &[
            "OutputItem",
            "Item",
            "ItemResource",
            "ConversationItem",
            "ItemField",
            "InputItem",
        ],
        json!({}),
        |i| matches!(i, Item::Unknown(_)),
    );
    assert!(items >= 100, "{items}");
    let events = assert_all_known::<ResponseStreamEvent>(
        spec,
        &["ResponseStreamEvent"],
        json!({"sequence_number": 1}),
        |e| matches!(e, ResponseStreamEvent::Unknown(_)),
    );
    assert!(events >= 58, "{events}");
    assert_all_known::<Tool>(spec, &["Tool"], json!({}), |t| {
        matches!(t, Tool::Unknown(_))
    });
    assert_all_known::<Annotation>(spec, &["Annotation"], json!({}), |a| {
        matches!(a, Annotation::Unknown(_))
    });
    assert_all_known::<ContentPart>(
        spec,
        &["OutputMessageContent", "InputContent"],
        json!({}),
        |p| matches!(p, ContentPart::Unknown(_)),
    );
    // Every tool choice form decodes to a known choice.
    for tag in union_tags(spec, "ToolChoiceParam") {
        let choice: ToolChoice = serde_json::from_value(
            json!({"type": tag, "name": "n", "server_label": "s", "mode": "auto", "tools": []}),
        )
        .unwrap();
        let known = !matches!(&choice, ToolChoice::Specific(s) if s.kind().is_empty() || matches!(s, openai_types::responses::SpecificToolChoice::Unknown(_)));
        assert!(known, "tool choice {tag}: {choice:?}");
    }
}

#[test]
fn unknown_values_round_trip() {
    let body = json!({
        "id": "resp_1", "object": "response", "created_at": 1, "status": "paused",
        "model": "gpt-9", "parallel_tool_calls": true,
        "output": [
            {"type": "message", "id": "m", "status": "completed", "role": "narrator",
             "content": [{"type": "output_text", "text": "hi",
                          "annotations": [{"type": "sticker_citation", "index": 1}]}]},
            {"type": "teleport_call", "id": "t", "destination": "mars"}
        ],
        "tools": [{"type": "teleporter", "range_km": 5}],
        "tool_choice": {"type": "teleporter"},
        "service_tier": "ultrafast",
        "truncation": "smart",
        "reasoning": {"effort": "extreme", "summary": "verbose"}
    });
    let response: Response = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(
        response.status.as_ref().map(ResponseStatus::as_str),
        Some("paused")
    );
    assert_eq!(response.output_text(), "hi");
    assert!(matches!(response.output[1], Item::Unknown(_)));
    assert_eq!(response.output[1].id(), Some("t"));
    assert!(matches!(
        response.tools.as_ref().unwrap()[0],
        Tool::Unknown(_)
    ));
    assert!(!response.is_finished());
    assert_eq!(serde_json::to_value(&response).unwrap(), body);
    assert_eq!(Include::from("future.include").as_str(), "future.include");
}
