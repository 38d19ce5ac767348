//! Every recorded Responses and Conversations API body decodes, and re-serializes without losing
//! anything the types model.

use openai_types::conversations::{
    Conversation, ConversationDeleted, ConversationItem, ConversationItemList,
};
use openai_types::responses::{
    CompactedResponse, InputTokenCount, Item, Response, ResponseDeleted, ResponseItemList,
    ResponseStatus,
};
use openai_types::shared::ErrorResponse;
use serde_json::Value;

use crate::support::{assert_round_trip, real_files};

/// Runs `check` on every file and reports all failures together.
pub(crate) fn each<T>(files: &[(String, T)], check: impl Fn(&str, &T)) {
    let failures: Vec<String> = files
        .iter()
        .filter_map(|(name, body)| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(name, body)))
                .err()
                .map(|e| {
                    e.downcast_ref::<String>()
                        .cloned()
                        .or_else(|| e.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                        .unwrap_or_default()
                })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every field of these bodies is modeled.
const UNMODELED: &[&str] = &[];

#[test]
fn real_responses_decode_without_loss() {
    let files = real_files("responses");
    let responses = files
        .iter()
        .filter(|(_, body)| body["object"] == "response")
        .count();
    each(&files, |name, body| {
        match body.get("object").and_then(Value::as_str) {
            Some("response") => {
                let response: Response = assert_round_trip(name, body, UNMODELED);
                assert!(!response.id.is_empty(), "{name}");
                assert!(response.status.is_some(), "{name}");
                for item in &response.output {
                    assert!(
                        !matches!(item, Item::Unknown(_)),
                        "{name}: output item {} is not modeled",
                        item.kind()
                    );
                }
            }
            Some("list") => {
                let page: ResponseItemList = assert_round_trip(name, body, UNMODELED);
                for item in &page.data {
                    assert!(!matches!(item, Item::Unknown(_)), "{name}: {}", item.kind());
                }
            }
            Some("response.deleted") => {
                let deleted: ResponseDeleted = assert_round_trip(name, body, UNMODELED);
                assert!(deleted.deleted, "{name}");
            }
            Some("response.input_tokens") => {
                let count: InputTokenCount = assert_round_trip(name, body, UNMODELED);
                assert!(count.input_tokens > 0, "{name}");
            }
            Some("response.compaction") => {
                let compacted: CompactedResponse = assert_round_trip(name, body, UNMODELED);
                assert!(!compacted.output.is_empty(), "{name}");
            }
            _ if body.get("error").is_some() => {
                let error: ErrorResponse = assert_round_trip(name, body, UNMODELED);
                assert!(!error.error.message.is_empty(), "{name}");
            }
            other => panic!("{name}: unexpected object {other:?}"),
        }
    });
    if !files.is_empty() {
        assert!(files.len() >= 60, "only {} recordings", files.len());
        assert!(responses >= 45, "only {responses} responses");
    }
}

#[test]
fn real_response_helpers() {
    each(&real_files("responses"), |name, body| {
        if body.get("object").and_then(Value::as_str) != Some("response") {
            return;
        }
        let response: Response = serde_json::from_value(body.clone()).unwrap();
        // output_text() joins the output_text parts exactly like the official SDKs.
        let mut expected = String::new();
        for item in body["output"].as_array().unwrap() {
            if item["type"] == "message" {
                for part in item["content"].as_array().unwrap() {
                    if part["type"] == "output_text" {
                        expected.push_str(part["text"].as_str().unwrap());
                    }
                }
            }
        }
        assert_eq!(response.output_text(), expected, "{name}");
        let calls: Vec<_> = response.function_calls().collect();
        let expected_calls = body["output"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["type"] == "function_call")
            .count();
        assert_eq!(calls.len(), expected_calls, "{name}");
        for call in calls {
            assert!(!call.call_id.is_empty() && !call.name.is_empty(), "{name}");
        }
        if name.contains("parallel-function_calls") {
            assert!(expected_calls >= 2, "{name}");
        }
        if name.contains("incomplete") {
            assert_eq!(response.status, Some(ResponseStatus::Incomplete), "{name}");
            assert!(response.incomplete_details.is_some(), "{name}");
        }
        if name.contains("refusal") {
            assert!(response.refusal().is_some(), "{name}");
        }
    });
}

#[test]
fn real_conversations_decode_without_loss() {
    let files = real_files("conversations");
    each(&files, |name, body| {
        match body.get("object").and_then(Value::as_str) {
            Some("conversation") => {
                let conversation: Conversation = assert_round_trip(name, body, UNMODELED);
                assert!(conversation.id.starts_with("conv_"), "{name}");
            }
            Some("conversation.deleted") => {
                let deleted: ConversationDeleted = assert_round_trip(name, body, UNMODELED);
                assert!(deleted.deleted, "{name}");
            }
            Some("list") => {
                let page: ConversationItemList = assert_round_trip(name, body, UNMODELED);
                assert!(!page.data.is_empty(), "{name}");
                for item in &page.data {
                    assert!(!matches!(item, Item::Unknown(_)), "{name}: {}", item.kind());
                }
            }
            _ if body.get("type").is_some() => {
                let item: ConversationItem = assert_round_trip(name, body, UNMODELED);
                assert!(!matches!(item, Item::Unknown(_)), "{name}");
            }
            other => panic!("{name}: unexpected object {other:?}"),
        }
    });
    if !files.is_empty() {
        assert_eq!(files.len(), 12);
    }
}

#[test]
fn real_item_pages_give_the_next_cursor() {
    for (name, body) in real_files("responses")
        .into_iter()
        .chain(real_files("conversations"))
    {
        if body["object"] != "list" {
            continue;
        }
        let page: ResponseItemList = serde_json::from_value(body.clone()).unwrap();
        for item in &page.data {
            assert!(
                item.id().is_some(),
                "{name}: stored {} without id",
                item.kind()
            );
        }
        let expected = (body["has_more"] == true).then(|| {
            body["data"].as_array().unwrap().last().unwrap()["id"]
                .as_str()
                .unwrap()
        });
        assert_eq!(page.next_cursor(), expected, "{name}");
    }
}

#[test]
fn item_page_paginates_on_the_last_item_id() {
    let page: ResponseItemList = serde_json::from_value(serde_json::json!({
        "object": "list", "has_more": true, "first_id": "msg_1", "last_id": "sh_2",
        "data": [
            {"type": "message", "id": "msg_1", "role": "user", "content": [{"type": "input_text", "text": "hi"}]},
            {"type": "shell_call", "id": "sh_2", "call_id": "c", "action": {"commands": ["ls"]}, "status": "completed"}
        ]
    }))
    .unwrap();
    assert_eq!(page.next_cursor(), Some("sh_2"));
}
