//! `ChatCompletionAccumulator` and `CompletionAccumulator`.

use openai_types::chat::{
    AccumulateError, ChatCompletionAccumulator, ChatCompletionChunk, FinishReason, ToolCall,
};
use openai_types::completions::{Completion, CompletionAccumulator};
use serde_json::{Value, json};

fn chunk(choices: Value) -> ChatCompletionChunk {
    serde_json::from_value(json!({
        "id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 7, "model": "gpt-4o",
        "system_fingerprint": "fp_1", "choices": choices
    }))
    .unwrap()
}

fn fold(chunks: &[ChatCompletionChunk]) -> ChatCompletionAccumulator {
    let mut acc = ChatCompletionAccumulator::new();
    for c in chunks {
        acc.push(c);
    }
    acc
}

/// Two interleaved tool calls rebuild by index.
#[test]
fn interleaved_tool_calls_rebuild_by_index() {
    let chunks = [
        chunk(
            json!([{"index": 0, "delta": {"role": "assistant", "content": null, "tool_calls": [
            {"index": 0, "id": "call_a", "type": "function", "function": {"name": "weather", "arguments": ""}}]}}]),
        ),
        chunk(json!([{"index": 0, "delta": {"tool_calls": [
            {"index": 1, "id": "call_b", "type": "function", "function": {"name": "time", "arguments": "{\"tz\":"}}]}}])),
        chunk(
            json!([{"index": 0, "delta": {"tool_calls": [{"index": 0, "function": {"arguments": "{\"city\":"}}]}}]),
        ),
        chunk(
            json!([{"index": 0, "delta": {"tool_calls": [{"index": 1, "function": {"arguments": "\"UTC\"}"}}]}}]),
        ),
        chunk(
            json!([{"index": 0, "delta": {"tool_calls": [{"index": 0, "function": {"arguments": "\"Paris\"}"}}]}}]),
        ),
        chunk(json!([{"index": 0, "delta": {}, "finish_reason": "tool_calls"}])),
    ];
    let completion = fold(&chunks).finish().unwrap();
    let calls = completion.first_tool_calls();
    assert_eq!(calls.len(), 2);
    let ToolCall::Function(a) = &calls[0] else {
        panic!("{calls:?}")
    };
    let ToolCall::Function(b) = &calls[1] else {
        panic!("{calls:?}")
    };
    assert_eq!(
        (
            a.id.as_str(),
            a.function.name.as_str(),
            a.function.arguments.as_str()
        ),
        ("call_a", "weather", "{\"city\":\"Paris\"}")
    );
    assert_eq!(
        (
            b.id.as_str(),
            b.function.name.as_str(),
            b.function.arguments.as_str()
        ),
        ("call_b", "time", "{\"tz\":\"UTC\"}")
    );
    assert_eq!(
        completion.first_choice().unwrap().finish_reason,
        Some(FinishReason::ToolCalls)
    );
}

/// Content and refusal concatenate per choice; role overwritten.
#[test]
fn refusal_concatenates() {
    let chunks = [
        chunk(json!([{"index": 0, "delta": {"role": "assistant", "refusal": "I can't"}}])),
        chunk(json!([{"index": 0, "delta": {"refusal": " help with that."}}])),
        chunk(json!([{"index": 0, "delta": {}, "finish_reason": "stop"}])),
    ];
    let completion = fold(&chunks).finish().unwrap();
    assert_eq!(completion.first_refusal(), Some("I can't help with that."));
    assert_eq!(completion.first_content(), None);
}

/// Usage comes from the last (choice-less) chunk.
#[test]
fn usage_from_the_usage_only_last_chunk() {
    let mut usage_chunk = chunk(json!([]));
    usage_chunk.usage = Some(
        serde_json::from_value(
            json!({"prompt_tokens": 5, "completion_tokens": 2, "total_tokens": 7}),
        )
        .unwrap(),
    );
    let chunks = [
        chunk(json!([{"index": 0, "delta": {"role": "assistant", "content": "Hi"}}])),
        chunk(json!([{"index": 0, "delta": {}, "finish_reason": "stop"}])),
        usage_chunk,
    ];
    let completion = fold(&chunks).finish().unwrap();
    assert_eq!(completion.usage.as_ref().unwrap().total_tokens, 7);
    assert_eq!(completion.first_content(), Some("Hi"));
}

/// Azure's empty-id prompt-filter chunk first and no-delta async filter
/// chunks after the finish neither break accumulation nor wipe the header.
#[test]
fn azure_filter_chunks_are_tolerated() {
    let first: ChatCompletionChunk = serde_json::from_value(json!({
        "id": "", "object": "", "created": 0, "model": "", "choices": [],
        "prompt_filter_results": [{"prompt_index": 0, "content_filter_results": {"jailbreak": {"filtered": false, "detected": false}}}]
    })).unwrap();
    let trailing: ChatCompletionChunk = serde_json::from_value(json!({
        "id": "", "object": "", "created": 0, "model": "",
        "choices": [{"index": 0, "finish_reason": null, "content_filter_results": {
            "hate": {"filtered": false, "severity": "safe"},
            "protected_material_text": {"filtered": false, "detected": false}}}]
    }))
    .unwrap();
    assert!(first.is_azure_filter_chunk() && trailing.is_azure_filter_chunk());
    let chunks = [
        first,
        chunk(json!([{"index": 0, "delta": {"role": "assistant", "content": "Hello"}}])),
        chunk(json!([{"index": 0, "delta": {}, "finish_reason": "stop"}])),
        trailing,
    ];
    let completion = fold(&chunks).finish().unwrap();
    assert_eq!(completion.id, "chatcmpl-1");
    assert_eq!(completion.model, "gpt-4o");
    assert_eq!(completion.created, 7);
    assert_eq!(completion.first_content(), Some("Hello"));
    let choice = completion.first_choice().unwrap();
    assert_eq!(choice.finish_reason, Some(FinishReason::Stop));
    assert!(
        choice
            .content_filter_results
            .as_ref()
            .unwrap()
            .protected_material_text
            .is_some()
    );
    assert!(completion.prompt_filter_results.is_some());
}

#[test]
fn n_greater_than_one_keys_choices_by_index() {
    let chunks = [
        chunk(json!([{"index": 1, "delta": {"role": "assistant", "content": "B"}}])),
        chunk(json!([{"index": 0, "delta": {"role": "assistant", "content": "A"}}])),
        chunk(json!([{"index": 1, "delta": {"content": "b"}, "finish_reason": "length"}])),
        chunk(json!([{"index": 0, "delta": {"content": "a"}, "finish_reason": "stop"}])),
    ];
    let completion = fold(&chunks).finish().unwrap();
    let texts: Vec<_> = completion
        .choices
        .iter()
        .map(|c| {
            (
                c.index,
                c.message.as_ref().unwrap().content.clone().unwrap(),
            )
        })
        .collect();
    assert_eq!(texts, [(0, "Aa".to_owned()), (1, "Bb".to_owned())]);
    assert_eq!(
        completion.choices[1].finish_reason,
        Some(FinishReason::Length)
    );
}

/// A stream cut before `finish_reason` keeps its snapshot, and
/// `finish` says what is missing.
#[test]
fn stream_cut_before_finish_reason() {
    let chunks = [
        chunk(json!([{"index": 0, "delta": {"role": "assistant", "content": "Partial ans"}}])),
        chunk(json!([{"index": 0, "delta": {"content": "wer"}}])),
    ];
    let acc = fold(&chunks);
    let snapshot = acc.snapshot();
    assert_eq!(snapshot.first_content(), Some("Partial answer"));
    assert_eq!(snapshot.first_choice().unwrap().finish_reason, None);
    let err = acc.finish().unwrap_err();
    assert_eq!(err, AccumulateError::MissingFinishReason { choice: 0 });
    assert!(err.to_string().contains("choice 0"), "{err}");

    assert_eq!(
        ChatCompletionAccumulator::new().finish().unwrap_err(),
        AccumulateError::NoChunks
    );
}

/// A tool call without an id is an error (we do not synthesize one).
#[test]
fn tool_call_missing_id_name_or_arguments_is_an_error() {
    let no_id = [
        chunk(
            json!([{"index": 0, "delta": {"role": "assistant", "tool_calls": [{"index": 0, "type": "function", "function": {"name": "f", "arguments": "{}"}}]}}]),
        ),
        chunk(json!([{"index": 0, "delta": {}, "finish_reason": "tool_calls"}])),
    ];
    assert_eq!(
        fold(&no_id).finish().unwrap_err(),
        AccumulateError::MissingToolCallId {
            choice: 0,
            tool_call: 0
        }
    );
    let no_name = [
        chunk(
            json!([{"index": 0, "delta": {"role": "assistant", "tool_calls": [{"index": 0, "id": "c", "function": {"arguments": "{}"}}]}}]),
        ),
        chunk(json!([{"index": 0, "delta": {}, "finish_reason": "tool_calls"}])),
    ];
    assert_eq!(
        fold(&no_name).finish().unwrap_err(),
        AccumulateError::MissingToolCallName {
            choice: 0,
            tool_call: 0
        }
    );
    let no_args = [
        chunk(
            json!([{"index": 0, "delta": {"role": "assistant", "tool_calls": [{"index": 0, "id": "c", "function": {"name": "f"}}]}}]),
        ),
        chunk(json!([{"index": 0, "delta": {}, "finish_reason": "tool_calls"}])),
    ];
    assert_eq!(
        fold(&no_args).finish().unwrap_err(),
        AccumulateError::MissingToolCallArguments {
            choice: 0,
            tool_call: 0
        }
    );
}

/// Logprobs entries are appended once each, the first chunk's too.
#[test]
fn logprobs_appended_once() {
    let entry =
        |token: &str| json!({"token": token, "logprob": -0.5, "bytes": [104], "top_logprobs": []});
    let chunks = [
        chunk(
            json!([{"index": 0, "delta": {"role": "assistant", "content": "h"}, "logprobs": {"content": [entry("h")], "refusal": null}}]),
        ),
        chunk(
            json!([{"index": 0, "delta": {"content": "i"}, "logprobs": {"content": [entry("i")], "refusal": null}}]),
        ),
        chunk(json!([{"index": 0, "delta": {}, "logprobs": null, "finish_reason": "stop"}])),
    ];
    let completion = fold(&chunks).finish().unwrap();
    let logprobs = completion
        .first_choice()
        .unwrap()
        .logprobs
        .as_ref()
        .unwrap();
    let tokens: Vec<_> = logprobs
        .content
        .as_ref()
        .unwrap()
        .iter()
        .map(|t| t.token.as_str())
        .collect();
    assert_eq!(tokens, ["h", "i"]);
    assert!(logprobs.refusal.is_none());
}

#[test]
fn legacy_completion_accumulator() {
    let parts = [
        json!({"id": "cmpl-1", "object": "text_completion", "created": 1, "model": "davinci-002", "choices": [{"index": 0, "text": "Hel", "finish_reason": null, "logprobs": null}]}),
        json!({"id": "cmpl-1", "object": "text_completion", "created": 1, "model": "davinci-002", "choices": [{"index": 1, "text": "Bye", "finish_reason": "stop", "logprobs": null}]}),
        json!({"id": "cmpl-1", "object": "text_completion", "created": 1, "model": "davinci-002", "choices": [{"index": 0, "text": "lo", "finish_reason": "length", "logprobs": null}]}),
    ];
    let mut acc = CompletionAccumulator::new();
    for (i, part) in parts.iter().enumerate() {
        acc.push(&serde_json::from_value::<Completion>(part.clone()).unwrap());
        if i == 0 {
            assert_eq!(acc.snapshot().first_text(), Some("Hel"));
            assert!(acc.clone().finish().is_err());
        }
    }
    let completion = acc.finish().unwrap();
    assert_eq!(completion.first_text(), Some("Hello"));
    assert_eq!(completion.choices[1].text, "Bye");
    assert_eq!(completion.object, "text_completion");
}
