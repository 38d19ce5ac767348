//! Tests of the test helpers themselves: a validator that accepts everything would make every
//! schema test meaningless.

use serde_json::json;

use crate::support::{example_payloads, json_diff, openai_spec, sse_events, validate_against};

#[test]
fn specs_parse_and_validator_rejects_bad_requests() {
    let Some(spec) = openai_spec() else { return };
    let schema = "#/components/schemas/CreateChatCompletionRequest";
    let good = json!({"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]});
    validate_against(spec, schema, &good).unwrap();
    // Missing required field, wrong type, unknown enum value, misspelled property.
    for bad in [
        json!({"model": "gpt-4o"}),
        json!({"model": 4, "messages": []}),
        json!({"model": "m", "messages": [{"role": "wizard", "content": "hi"}]}),
        json!({"model": "m", "messages": [{"role": "user", "content": "hi"}], "temprature": 1}),
        json!({"model": "m", "messages": [{"role": "user", "content": "hi", "nme": "x"}]}),
    ] {
        assert!(
            validate_against(spec, schema, &bad).is_err(),
            "accepted {bad}"
        );
    }
}

#[test]
fn json_diff_treats_null_as_absent_and_reports_paths() {
    assert!(json_diff(&json!({"a": null, "b": 1}), &json!({"b": 1})).is_empty());
    let diffs = json_diff(&json!({"a": [1, {"b": 2}]}), &json!({"a": [1, {"b": 3}]}));
    assert_eq!(diffs.len(), 1);
    assert!(diffs[0].starts_with("a[1].b:"), "{diffs:?}");
}

#[test]
fn sse_splitter_and_example_repair() {
    let events = sse_events("event: e\ndata: {\"a\":1}\n\n: comment\ndata:x\ndata: y\n\n");
    assert_eq!(events.len(), 2);
    assert_eq!(events[0].event.as_deref(), Some("e"));
    assert_eq!(events[1].data, "x\ny");
    let payloads = example_payloads("{\"a\": [1, 2,],\n}\n");
    assert_eq!(payloads, vec![Ok(json!({"a": [1, 2]}))]);
    let stream = example_payloads("{\"a\":1}\n\n....\n\n{\"a\":2}\n");
    assert_eq!(stream, vec![Ok(json!({"a": 1})), Ok(json!({"a": 2}))]);
}

#[test]
fn validator_follows_discriminator_mappings() {
    let Some(spec) = crate::support::azure_inference_spec() else {
        return;
    };
    let schema = "#/components/schemas/createChatCompletionRequest";
    let source = |params: serde_json::Value| {
        json!({"messages": [{"role": "user", "content": "hi"}],
               "data_sources": [{"type": "azure_search", "parameters": params}]})
    };
    let auth = json!({"type": "api_key", "key": "k"});
    let good = source(json!({"endpoint": "https://e", "index_name": "i", "authentication": auth}));
    validate_against(spec, schema, &good).unwrap();
    // Misspelled parameter, missing required parameter.
    let typo = source(json!({"endpoint": "https://e", "index_nme": "i", "authentication": auth}));
    assert!(validate_against(spec, schema, &typo).is_err());
}
