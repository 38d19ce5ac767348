//! The mock's object shapes against the public OpenAPI spec (`shared/specs/openai-openapi.yaml`,
//! read in place): every `required` field of the response schema is present, with the JSON
//! type the spec declares. A targeted reader of the spec's (regular) indentation stands in for a
//! YAML parser, which the workspace does not carry.

use std::sync::OnceLock;

use openai_mock::MockServer;
use serde_json::{Value, json};

use crate::support::{chat_request, openai_get, openai_post, shared};

fn spec() -> Option<&'static str> {
    static SPEC: OnceLock<Option<String>> = OnceLock::new();
    SPEC.get_or_init(|| {
        let path = shared("specs/openai-openapi.yaml")?;
        Some(std::fs::read_to_string(path).unwrap())
    })
    .as_deref()
}

/// The lines of `components.schemas.<name>` (4-space indented key).
fn schema<'a>(yaml: &'a str, name: &str) -> Vec<&'a str> {
    let header = format!("    {name}:");
    let mut lines = yaml.lines().skip_while(|l| *l != header);
    assert!(lines.next().is_some(), "schema {name} not in the spec");
    lines
        .take_while(|l| l.is_empty() || l.starts_with("     "))
        .collect()
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// The `- item` list under the `required:` key at `at` indentation, searching from line `from`
/// while lines stay indented deeper than `floor`.
fn required_list(block: &[&str], from: usize, at: usize, floor: usize) -> Vec<String> {
    let key = format!("{}required:", " ".repeat(at));
    let start = block[from..]
        .iter()
        .take_while(|l| l.trim().is_empty() || indent(l) > floor)
        .position(|l| **l == key)
        .map(|i| i + from)
        .unwrap_or_else(|| panic!("no required list at indent {at} after line {from}"));
    block[start + 1..]
        .iter()
        .take_while(|l| indent(l) == at + 2 && l.trim_start().starts_with("- "))
        .map(|l| l.trim_start()[2..].trim().to_owned())
        .collect()
}

/// Top-level required fields of a schema.
fn required(name: &str) -> Option<Vec<String>> {
    Some(required_list(&schema(spec()?, name), 0, 6, 4))
}

/// Required fields of the items of array property `property` (inline `items:` object).
fn item_required(name: &str, property: &str) -> Option<Vec<String>> {
    let block = schema(spec()?, name);
    let start = block
        .iter()
        .position(|l| *l == format!("        {property}:"))
        .unwrap();
    Some(required_list(&block, start + 1, 12, 8))
}

/// Declared primitive `type` of each top-level property.
fn property_types(name: &str) -> Vec<(String, String)> {
    let Some(yaml) = spec() else {
        return Vec::new();
    };
    let block = schema(yaml, name);
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in block {
        if indent(line) == 8
            && line.trim_end().ends_with(':')
            && !line.trim_start().starts_with('-')
        {
            current = Some(line.trim().trim_end_matches(':').to_owned());
        } else if indent(line) == 10 {
            if let (Some(prop), Some(ty)) = (&current, line.trim().strip_prefix("type: ")) {
                out.push((prop.clone(), ty.trim_matches('"').to_owned()));
                current = None;
            }
        } else if indent(line) < 8 {
            current = None;
        }
    }
    out
}

fn json_type_matches(value: &Value, ty: &str) -> bool {
    match ty {
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        _ => true,
    }
}

/// Every required field of `schema_name` is in `value`, and every present, non-null top-level
/// property has its declared type.
pub(crate) fn assert_conforms(value: &Value, schema_name: &str) {
    let Some(required) = required(schema_name) else {
        return;
    };
    assert!(!required.is_empty());
    for field in &required {
        assert!(
            value.get(field).is_some(),
            "{schema_name}.{field} missing in {value}"
        );
    }
    for (prop, ty) in property_types(schema_name) {
        if let Some(v) = value.get(&prop).filter(|v| !v.is_null()) {
            assert!(
                json_type_matches(v, &ty),
                "{schema_name}.{prop} should be {ty}: {v}"
            );
        }
    }
}

fn assert_items(value: &Value, schema_name: &str, property: &str) {
    let Some(required) = item_required(schema_name, property) else {
        return;
    };
    let items = value[property].as_array().unwrap();
    assert!(!items.is_empty());
    for item in items {
        for field in &required {
            assert!(
                item.get(field).is_some(),
                "{schema_name}.{property}[].{field} missing: {item}"
            );
        }
    }
}

#[tokio::test]
async fn chat_completion_matches_create_chat_completion_response() {
    let server = MockServer::start().await;
    let body = openai_post(&server, "/chat/completions", chat_request("hi"))
        .await
        .json();
    assert_conforms(&body, "CreateChatCompletionResponse");
    assert_items(&body, "CreateChatCompletionResponse", "choices");
    assert_conforms(&body["usage"], "CompletionUsage");
}

#[tokio::test]
async fn chat_chunks_match_create_chat_completion_stream_response() {
    let server = MockServer::start().await;
    let mut request = chat_request("hi there");
    request["stream"] = json!(true);
    request["stream_options"] = json!({"include_usage": true});
    let chunks = openai_post(&server, "/chat/completions", request)
        .await
        .sse_chunks();
    for chunk in &chunks {
        assert_conforms(chunk, "CreateChatCompletionStreamResponse");
        if !chunk["choices"].as_array().unwrap().is_empty() {
            assert_items(chunk, "CreateChatCompletionStreamResponse", "choices");
        }
    }
    assert_conforms(&chunks.last().unwrap()["usage"], "CompletionUsage");
}

#[tokio::test]
async fn completion_matches_create_completion_response() {
    let server = MockServer::start().await;
    let body = openai_post(
        &server,
        "/completions",
        json!({"model": "m", "prompt": "x"}),
    )
    .await
    .json();
    assert_conforms(&body, "CreateCompletionResponse");
    assert_items(&body, "CreateCompletionResponse", "choices");
}

#[tokio::test]
async fn embeddings_match_create_embedding_response() {
    let server = MockServer::start().await;
    let body = openai_post(
        &server,
        "/embeddings",
        json!({"model": "m", "input": ["a", "b"]}),
    )
    .await
    .json();
    assert_conforms(&body, "CreateEmbeddingResponse");
    for item in body["data"].as_array().unwrap() {
        assert_conforms(item, "Embedding");
    }
}

#[tokio::test]
async fn images_and_models_match_their_schemas() {
    let server = MockServer::start().await;
    let images = openai_post(&server, "/images/generations", json!({"prompt": "x"}))
        .await
        .json();
    assert_conforms(&images, "ImagesResponse");
    let models = openai_get(&server, "/models").await.json();
    assert_conforms(&models, "ListModelsResponse");
    for model in models["data"].as_array().unwrap() {
        assert_conforms(model, "Model");
    }
}

#[tokio::test]
async fn errors_match_error_response() {
    let server = MockServer::start().await;
    let body = openai_post(&server, "/chat/completions", json!({"model": "m"}))
        .await
        .json();
    assert_conforms(&body, "ErrorResponse");
    assert_conforms(&body["error"], "Error");
    // The spec's reader itself must find what it is asked for (guards against a vacuous pass).
    if spec().is_some() {
        assert_eq!(
            required("Error").unwrap(),
            ["type", "message", "param", "code"]
        );
        assert_eq!(
            item_required("CreateChatCompletionResponse", "choices").unwrap(),
            ["finish_reason", "index", "message", "logprobs"]
        );
    }
}

/// The schema of each Responses stream event type the mock sends.
fn response_event_schema(kind: &str) -> &'static str {
    match kind {
        "response.created" => "ResponseCreatedEvent",
        "response.queued" => "ResponseQueuedEvent",
        "response.in_progress" => "ResponseInProgressEvent",
        "response.completed" => "ResponseCompletedEvent",
        "response.incomplete" => "ResponseIncompleteEvent",
        "response.failed" => "ResponseFailedEvent",
        "response.output_item.added" => "ResponseOutputItemAddedEvent",
        "response.output_item.done" => "ResponseOutputItemDoneEvent",
        "response.content_part.added" => "ResponseContentPartAddedEvent",
        "response.content_part.done" => "ResponseContentPartDoneEvent",
        "response.output_text.delta" => "ResponseTextDeltaEvent",
        "response.output_text.done" => "ResponseTextDoneEvent",
        "response.refusal.delta" => "ResponseRefusalDeltaEvent",
        "response.refusal.done" => "ResponseRefusalDoneEvent",
        "response.function_call_arguments.delta" => "ResponseFunctionCallArgumentsDeltaEvent",
        "response.function_call_arguments.done" => "ResponseFunctionCallArgumentsDoneEvent",
        "error" => "ResponseErrorEvent",
        other => panic!("unexpected event type {other}"),
    }
}

#[tokio::test]
async fn responses_and_conversations_match_their_schemas() {
    if spec().is_none() {
        return;
    }
    let server = MockServer::start().await;
    let tool = json!({"type": "function", "name": "f", "parameters": {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]}});
    let requests = [
        json!({"model": "m", "input": "hi there", "stream": true}),
        json!({"model": "m", "input": "hi", "stream": true, "background": true}),
        json!({"model": "m", "input": "call f", "tools": [tool], "stream": true}),
        json!({"model": "m", "input": "[refuse]", "stream": true}),
        json!({"model": "m", "input": "[fail]", "stream": true}),
        json!({"model": "m", "input": "[stream_error] a b c", "stream": true}),
        json!({"model": "m", "input": "a b c d e f g h i j k l m n o p q", "max_output_tokens": 16, "stream": true}),
    ];
    let mut seen = std::collections::BTreeSet::new();
    for request in requests {
        let resp = openai_post(&server, "/responses", request).await;
        for block in resp.text().split_terminator("\n\n") {
            let data = block.split_once("\ndata: ").unwrap().1;
            let event: Value = serde_json::from_str(data).unwrap();
            let kind = event["type"].as_str().unwrap().to_owned();
            assert_conforms(&event, response_event_schema(&kind));
            seen.insert(kind);
        }
    }
    assert_eq!(seen.len(), 17, "{seen:?}");

    let response = openai_post(&server, "/responses", json!({"model": "m", "input": "x"}))
        .await
        .json();
    let id = response["id"].as_str().unwrap();
    let items = openai_get(&server, &format!("/responses/{id}/input_items")).await;
    assert_conforms(&items.json(), "ResponseItemList");
    let conv = openai_post(
        &server,
        "/conversations",
        json!({"items": [{"role": "user", "content": "x"}]}),
    )
    .await
    .json();
    assert_conforms(&conv, "ConversationResource");
    let conv_items = openai_get(
        &server,
        &format!("/conversations/{}/items", conv["id"].as_str().unwrap()),
    )
    .await;
    assert_conforms(&conv_items.json(), "ConversationItemList");
    let count = openai_post(&server, "/responses/input_tokens", json!({"input": "x"})).await;
    assert_conforms(&count.json(), "TokenCountsResource");
    let compact = openai_post(
        &server,
        "/responses/compact",
        json!({"model": "m", "input": "x"}),
    )
    .await;
    assert_conforms(&compact.json(), "CompactResource");
}

/// The `data:` payloads of a scripted SSE reply, `[DONE]` left out.
fn reply_events(reply: openai_mock::Reply) -> Vec<Value> {
    let body = String::from_utf8(reply.body().to_vec()).unwrap();
    body.split_terminator("\n\n")
        .filter_map(|block| block.lines().find_map(|l| l.strip_prefix("data: ")))
        .filter(|data| *data != "[DONE]")
        .map(|data| serde_json::from_str(data).unwrap())
        .collect()
}

fn reply_json(reply: openai_mock::Reply) -> Value {
    serde_json::from_slice(&reply.body()).unwrap()
}

#[test]
fn scripted_replies_match_their_schemas() {
    use openai_mock::Reply;
    if spec().is_none() {
        return;
    }
    for chat in [
        Reply::chat_text("hi there").into(),
        Reply::tool_calls([("call_1", "f", json!({"a": "b"}))]).into(),
    ] {
        let body = reply_json(chat);
        assert_conforms(&body, "CreateChatCompletionResponse");
        assert_items(&body, "CreateChatCompletionResponse", "choices");
        assert_conforms(&body["usage"], "CompletionUsage");
    }
    let chunks = reply_events(
        Reply::tool_calls([("call_1", "f", json!({"a": "b"}))])
            .stream()
            .into(),
    )
    .into_iter()
    .chain(reply_events(
        Reply::chat_stream_text("hi there").usage(2, 2).into(),
    ));
    for chunk in chunks {
        assert_conforms(&chunk, "CreateChatCompletionStreamResponse");
        if !chunk["choices"].as_array().unwrap().is_empty() {
            assert_items(&chunk, "CreateChatCompletionStreamResponse", "choices");
        }
    }
    for event in reply_events(Reply::response_stream_text("hi there").into()) {
        let kind = event["type"].as_str().unwrap();
        assert_conforms(&event, response_event_schema(kind));
    }
    let transcription = reply_json(Reply::transcription_text("hi there").into());
    assert_conforms(&transcription, "CreateTranscriptionResponseJson");
    for event in reply_events(Reply::transcription_text("hi there").stream().into()) {
        let schema = match event["type"].as_str().unwrap() {
            "transcript.text.delta" => "TranscriptTextDeltaEvent",
            _ => "TranscriptTextDoneEvent",
        };
        assert_conforms(&event, schema);
    }
}
