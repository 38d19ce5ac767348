//! Every response example of the OpenAI spec for the Responses and Conversations operations
//! decodes and re-serializes to the same JSON.

use openai_types::conversations::{
    Conversation, ConversationDeleted, ConversationItem, ConversationItemList,
};
use openai_types::responses::{
    CompactedResponse, InputTokenCount, Item, Response, ResponseAccumulator, ResponseDeleted,
    ResponseItemList, ResponseStreamEvent,
};
use serde_json::Value;

use crate::support::{assert_round_trip, example_payloads, openai_spec, spec_response_examples};

fn check_operation(operation: &str, decode: &dyn Fn(&str, &Value)) -> usize {
    let Some(spec) = openai_spec() else { return 0 };
    let examples = spec_response_examples(spec, operation);
    assert!(!examples.is_empty(), "no examples for {operation}");
    let mut decoded = 0;
    for (label, text) in examples {
        for payload in example_payloads(&text) {
            let value = payload.unwrap_or_else(|e| panic!("{label}: not JSON: {e}"));
            decode(&label, &value);
            decoded += 1;
        }
    }
    decoded
}

/// The hand-written web search example echoes a `domains` list that no schema of the spec
/// defines.
const UNMODELED: &[&str] = &["tools[].domains"];

fn response(label: &str, value: &Value) {
    let response: Response = assert_round_trip(label, value, UNMODELED);
    assert!(!response.id.is_empty(), "{label}");
    for item in &response.output {
        assert!(
            !matches!(item, Item::Unknown(_)),
            "{label}: {}",
            item.kind()
        );
    }
}

#[test]
fn create_response_examples_round_trip() {
    let n = check_operation("createResponse", &|label, value| {
        if value.get("object").is_some() {
            response(label, value);
        } else {
            let event: ResponseStreamEvent = assert_round_trip(label, value, &[]);
            assert!(!matches!(event, ResponseStreamEvent::Unknown(_)), "{label}");
        }
    });
    if openai_spec().is_some() {
        assert!(n >= 15, "only {n} payloads");
    }
    // The streaming example folds into its final response.
    if let Some(spec) = openai_spec() {
        for (label, text) in spec_response_examples(spec, "createResponse") {
            if !label.contains("Streaming") {
                continue;
            }
            let mut acc = ResponseAccumulator::new();
            let mut last = None;
            for payload in example_payloads(&text) {
                let event: ResponseStreamEvent = serde_json::from_value(payload.unwrap()).unwrap();
                if event.is_terminal() {
                    last = event.response().cloned();
                }
                acc.push(&event);
            }
            let finished = acc.finish().unwrap();
            assert_eq!(Some(&finished), last.as_ref(), "{label}");
            assert!(!finished.output_text().is_empty(), "{label}");
        }
    }
}

#[test]
fn other_response_examples_round_trip() {
    let n = check_operation("getResponse", &response)
        + check_operation("cancelResponse", &response)
        + check_operation("deleteResponse", &|label, value| {
            let deleted: ResponseDeleted = assert_round_trip(label, value, &[]);
            assert!(deleted.deleted, "{label}");
        })
        + check_operation("listInputItems", &|label, value| {
            let page: ResponseItemList = assert_round_trip(label, value, &[]);
            assert!(!page.data.is_empty(), "{label}");
        })
        + check_operation("Getinputtokencounts", &|label, value| {
            let count: InputTokenCount = assert_round_trip(label, value, &[]);
            assert!(count.input_tokens > 0, "{label}");
        })
        + check_operation("Compactconversation", &|label, value| {
            let compacted: CompactedResponse = assert_round_trip(label, value, &[]);
            assert!(!compacted.output.is_empty(), "{label}");
        });
    if openai_spec().is_some() {
        assert_eq!(n, 6);
    }
}

#[test]
fn conversation_examples_round_trip() {
    let conversation = |label: &str, value: &Value| {
        let conversation: Conversation = assert_round_trip(label, value, &[]);
        assert!(!conversation.id.is_empty(), "{label}");
    };
    let list = |label: &str, value: &Value| {
        let page: ConversationItemList = assert_round_trip(label, value, &[]);
        for item in &page.data {
            assert!(
                !matches!(item, Item::Unknown(_)),
                "{label}: {}",
                item.kind()
            );
        }
    };
    let n = check_operation("createConversation", &conversation)
        + check_operation("getConversation", &conversation)
        + check_operation("updateConversation", &conversation)
        + check_operation("deleteConversationItem", &conversation)
        + check_operation("deleteConversation", &|label, value| {
            let deleted: ConversationDeleted = assert_round_trip(label, value, &[]);
            assert!(deleted.deleted, "{label}");
        })
        + check_operation("createConversationItems", &list)
        + check_operation("listConversationItems", &list)
        + check_operation("getConversationItem", &|label, value| {
            let item: ConversationItem = assert_round_trip(label, value, &[]);
            assert!(!matches!(item, Item::Unknown(_)), "{label}");
        });
    if openai_spec().is_some() {
        assert_eq!(n, 8);
    }
}
