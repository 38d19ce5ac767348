//! Unknown enum values, unknown union members and unknown fields survive a round trip.

use openai_types::chat::{
    ChatCompletion, ChatCompletionChunk, ChatMessage, ContentPart, FinishReason, ToolCall,
    ToolChoice,
};
use openai_types::shared::ErrorResponse;
use serde_json::json;

#[test]
fn unknown_enum_values_round_trip() {
    let chunk: ChatCompletionChunk = serde_json::from_value(json!({
        "id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m",
        "service_tier": "turbo-future",
        "choices": [{"index": 0, "delta": {"role": "critic", "content": "x"}, "finish_reason": "thought_limit"}]
    }))
    .unwrap();
    let reason = chunk.finish_reason().unwrap();
    assert!(matches!(reason, FinishReason::Unknown(_)));
    assert_eq!(reason.as_str(), "thought_limit");
    assert_ne!(*reason, FinishReason::Stop);
    insta::assert_json_snapshot!("unknown_enum_values_chunk", chunk);
}

#[test]
fn unknown_union_members_round_trip() {
    let completion: ChatCompletion = serde_json::from_value(json!({
        "id": "c", "object": "chat.completion", "created": 1, "model": "m",
        "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {
            "role": "assistant", "content": null,
            "tool_calls": [
                {"id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{}"}},
                {"id": "call_2", "type": "browser", "browser": {"url": "https://example.com"}}
            ],
            "annotations": [{"type": "file_citation", "file_citation": {"file_id": "f1"}}]
        }}]
    }))
    .unwrap();
    let calls = completion.first_tool_calls();
    assert!(matches!(calls[1], ToolCall::Unknown(_)));
    assert_eq!(calls[1].kind(), "browser");
    assert_eq!(calls[1].id(), Some("call_2"));
    insta::assert_json_snapshot!("unknown_union_members_completion", completion);

    let message: ChatMessage =
        serde_json::from_value(json!({"role": "critic", "content": "hm"})).unwrap();
    assert!(matches!(message, ChatMessage::Unknown(_)));
    assert_eq!(message.role(), "critic");
    let part: ContentPart =
        serde_json::from_value(json!({"type": "video_url", "video_url": {"url": "u"}})).unwrap();
    assert_eq!(part.kind(), "video_url");
    let choice: ToolChoice = serde_json::from_value(json!({"type": "mcp", "server": "s"})).unwrap();
    insta::assert_json_snapshot!(
        "unknown_union_members_request_side",
        json!({
            "message": message, "part": part, "tool_choice": choice,
        })
    );
}

#[test]
fn unknown_fields_are_ignored() {
    let completion: ChatCompletion = serde_json::from_value(json!({
        "id": "c", "object": "chat.completion", "created": 1, "model": "m",
        "brand_new_top_level": {"x": 1},
        "choices": [{"index": 0, "finish_reason": "stop", "new_choice_field": true,
            "message": {"role": "assistant", "content": "hi", "new_message_field": [1]}}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3,
            "prompt_tokens_details": {"cached_tokens": 0, "future_tokens": 9}}
    }))
    .unwrap();
    insta::assert_json_snapshot!("unknown_fields_dropped", completion);
    let error: ErrorResponse =
        serde_json::from_value(json!({"error": {"message": "m", "type": "t", "request_ref": "x"}}))
            .unwrap();
    assert_eq!(error.error.message, "m");
}
