//! The conveniences users otherwise write by hand: sampling setters that take plain float
//! literals, explicit `null`, `extra` on every JSON request type, schema and tool strictness,
//! replaying a model turn, typed list filters, image bytes. Wire JSON is snapshotted.

use openai_types::assistants::{
    CreateAssistantFileRequest, CreateAssistantRequest, ModifyAssistantRequest,
};
use openai_types::batches::{BatchEndpoint, CreateBatchRequest};
use openai_types::chat::{
    ChatCompletion, ChatCompletionRequest, ChatMessage, FunctionToolCall, ResponseFormat, Tool,
    ToolCall,
};
use openai_types::completions::CompletionRequest;
use openai_types::conversations::{
    ConversationCreateRequest, ConversationItemsCreateRequest, ConversationUpdateRequest,
};
use openai_types::embeddings::EmbeddingRequest;
use openai_types::files::FilePurpose;
use openai_types::images::{ImageBytesError, ImageGenerationRequest, ImagesResponse};
use openai_types::messages::{CreateMessageRequest, MessageListParams, ModifyMessageRequest};
use openai_types::moderations::ModerationRequest;
use openai_types::responses::{ResponseCreateRequest, TextConfig, TextFormat};
use openai_types::run_steps::{RunStepInclude, RunStepListParams};
use openai_types::runs::{
    CreateRunRequest, ModifyRunRequest, SubmitToolOutputsRequest, ToolOutput,
};
use openai_types::shared::{Base64Error, ListParams, Metadata, SortOrder};
use openai_types::threads::{CreateThreadAndRunRequest, CreateThreadRequest, ModifyThreadRequest};
use openai_types::uploads::{CompleteUploadRequest, CreateUploadRequest};
use openai_types::vector_stores::{
    CreateVectorStoreFileBatchRequest, CreateVectorStoreFileRequest, CreateVectorStoreRequest,
    UpdateVectorStoreFileAttributesRequest, UpdateVectorStoreRequest, VectorStoreSearchRequest,
};
use serde::Serialize;
use serde_json::{Value, json};

fn wire<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

/// `.temperature(0.2)` and friends compile with bare literals and with `f32` or `f64`
/// variables on every request type that has them, and reach the wire as written (`0.2`, not the
/// `f32` widening `0.20000000298023224`).
#[test]
fn sampling_setters_take_plain_float_literals_on_every_request_type() {
    let from_f32: f32 = 0.5;
    let from_f64: f64 = 0.25;
    let requests = json!({
        "chat": wire(
            &ChatCompletionRequest::new("gpt-4o-mini", [ChatMessage::user("hi")])
                .temperature(0.2)
                .top_p(0.9)
                .presence_penalty(0.5)
                .frequency_penalty(-0.5),
        ),
        "chat_variables": wire(
            &ChatCompletionRequest::new("gpt-4o-mini", [ChatMessage::user("hi")])
                .temperature(from_f32)
                .top_p(from_f64),
        ),
        "completions": wire(
            &CompletionRequest::new("gpt-3.5-turbo-instruct", "Say hi")
                .temperature(0.2)
                .top_p(0.9)
                .presence_penalty(0.1)
                .frequency_penalty(1.5),
        ),
        "responses": wire(&ResponseCreateRequest::new("gpt-4.1-mini", "hi").temperature(0.2).top_p(0.9)),
        "assistant_create": wire(&CreateAssistantRequest::new("gpt-4o").temperature(0.2).top_p(0.9)),
        "assistant_modify": wire(&ModifyAssistantRequest::new().temperature(0.2).top_p(0.9)),
        "run_create": wire(&CreateRunRequest::new("asst_1").temperature(0.2).top_p(0.9)),
        "thread_and_run": wire(&CreateThreadAndRunRequest::new("asst_1").temperature(0.2).top_p(0.9)),
    });
    assert_eq!(requests["chat"]["temperature"], json!(0.2));
    assert_eq!(requests["chat_variables"]["top_p"], json!(0.25));
    insta::assert_json_snapshot!("sampling_setters_wire", requests);
}

/// `null` sent on purpose: a legacy completion's `suffix` through `extra`, and the `content` of
/// an assistant message that only called tools (what openai-python sends when it replays a
/// model turn).
#[test]
fn explicit_null_reaches_the_wire() {
    let completion = CompletionRequest::new("gpt-3.5-turbo-instruct", "def add(a, b):")
        .extra("suffix", Value::Null);
    let replay = ChatMessage::assistant_tool_calls([ToolCall::from(FunctionToolCall::new(
        "call_1",
        "add",
        r#"{"a":1,"b":2}"#,
    ))]);
    let body = json!({
        "completion_suffix_null": wire(&completion),
        "assistant_tool_calls_only": wire(&replay),
        "assistant_text": wire(&ChatMessage::assistant("Hi")),
    });
    assert_eq!(body["completion_suffix_null"]["suffix"], Value::Null);
    assert!(
        body["completion_suffix_null"]
            .as_object()
            .unwrap()
            .contains_key("suffix")
    );
    assert!(
        body["assistant_tool_calls_only"]
            .as_object()
            .unwrap()
            .contains_key("content")
    );
    insta::assert_json_snapshot!("explicit_null_wire", body);

    // An explicit `null` content decodes back to `None`, as does a missing one.
    let back: ChatMessage =
        serde_json::from_value(body["assistant_tool_calls_only"].clone()).unwrap();
    assert_eq!(back, replay);
    let missing: ChatMessage =
        serde_json::from_value(json!({"role": "assistant", "tool_calls": []})).unwrap();
    assert!(matches!(missing, ChatMessage::Assistant(m) if m.content.is_none()));
}

/// Every JSON request type carries an `extra` map: a field this release does not model is sent
/// at the top level, and an empty map sends nothing.
#[test]
fn every_json_request_type_sends_extra_fields() {
    let bodies: Vec<(&str, Value)> = vec![
        (
            "embedding",
            wire(&EmbeddingRequest::new("m", "hi").extra("x_new", json!(1))),
        ),
        (
            "image_generation",
            wire(&ImageGenerationRequest::new("a fox").extra("x_new", json!(1))),
        ),
        (
            "moderation",
            wire(&ModerationRequest::new("hi").extra("x_new", json!(1))),
        ),
        (
            "conversation_create",
            wire(&ConversationCreateRequest::new().extra("x_new", json!(1))),
        ),
        (
            "conversation_update",
            wire(
                &ConversationUpdateRequest::new(Metadata::from([("k", "v")]))
                    .extra("x_new", json!(1)),
            ),
        ),
        (
            "conversation_items_create",
            wire(&ConversationItemsCreateRequest::new([]).extra("x_new", json!(1))),
        ),
        (
            "vector_store_create",
            wire(&CreateVectorStoreRequest::new().extra("x_new", json!(1))),
        ),
        (
            "vector_store_update",
            wire(&UpdateVectorStoreRequest::new().extra("x_new", json!(1))),
        ),
        (
            "vector_store_file_create",
            wire(&CreateVectorStoreFileRequest::new("file_1").extra("x_new", json!(1))),
        ),
        (
            "vector_store_file_attributes",
            wire(&UpdateVectorStoreFileAttributesRequest::clear().extra("x_new", json!(1))),
        ),
        (
            "vector_store_file_batch",
            wire(
                &CreateVectorStoreFileBatchRequest::from_file_ids(["file_1"])
                    .extra("x_new", json!(1)),
            ),
        ),
        (
            "vector_store_search",
            wire(&VectorStoreSearchRequest::new("q").extra("x_new", json!(1))),
        ),
        (
            "message_create",
            wire(&CreateMessageRequest::user("hi").extra("x_new", json!(1))),
        ),
        (
            "message_modify",
            wire(&ModifyMessageRequest::new().extra("x_new", json!(1))),
        ),
        (
            "batch_create",
            wire(
                &CreateBatchRequest::new("file_1", BatchEndpoint::ChatCompletions)
                    .extra("x_new", json!(1)),
            ),
        ),
        (
            "assistant_create",
            wire(&CreateAssistantRequest::new("gpt-4o").extra("x_new", json!(1))),
        ),
        (
            "assistant_modify",
            wire(&ModifyAssistantRequest::new().extra("x_new", json!(1))),
        ),
        (
            "assistant_file_create",
            wire(&CreateAssistantFileRequest::new("file_1").extra("x_new", json!(1))),
        ),
        (
            "upload_create",
            wire(
                &CreateUploadRequest::new("a.txt", FilePurpose::Assistants, 3, "text/plain")
                    .extra("x_new", json!(1)),
            ),
        ),
        (
            "upload_complete",
            wire(&CompleteUploadRequest::new(["part_1"]).extra("x_new", json!(1))),
        ),
        (
            "run_create",
            wire(&CreateRunRequest::new("asst_1").extra("x_new", json!(1))),
        ),
        (
            "run_modify",
            wire(&ModifyRunRequest::new().extra("x_new", json!(1))),
        ),
        (
            "run_submit_tool_outputs",
            wire(
                &SubmitToolOutputsRequest::new([ToolOutput::new("call_1", "ok")])
                    .extra("x_new", json!(1)),
            ),
        ),
        (
            "thread_create",
            wire(&CreateThreadRequest::new().extra("x_new", json!(1))),
        ),
        (
            "thread_modify",
            wire(&ModifyThreadRequest::new().extra("x_new", json!(1))),
        ),
        (
            "thread_and_run",
            wire(&CreateThreadAndRunRequest::new("asst_1").extra("x_new", json!(1))),
        ),
    ];
    for (name, body) in &bodies {
        assert_eq!(body["x_new"], json!(1), "{name}");
        assert!(body.get("extra").is_none(), "{name}: the map is flattened");
    }
    assert!(wire(&CreateThreadRequest::new()).get("x_new").is_none());
    assert_eq!(wire(&ModifyThreadRequest::new()), json!({}));
}

/// A request that went through JSON keeps its unmodeled fields in `extra` (round trip).
#[test]
fn extra_fields_round_trip_through_deserialization() {
    let body = json!({"assistant_id": "asst_1", "x_new": {"nested": [1, 2]}});
    let run: CreateRunRequest = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(run.extra["x_new"], json!({"nested": [1, 2]}));
    assert_eq!(wire(&run), body);
}

/// `description` and `strict` on a JSON schema format (chat and Responses), and `strict` on
/// function tools.
#[test]
fn schema_and_tool_strictness_setters() {
    let schema = json!({"type": "object", "properties": {"city": {"type": "string"}},
        "required": ["city"], "additionalProperties": false});
    let body = json!({
        "chat_format": wire(
            &ResponseFormat::json_schema("city", schema.clone())
                .description("Where the user is")
                .strict(true),
        ),
        "chat_json_object_unchanged": wire(&ResponseFormat::json_object().strict(true).description("x")),
        "chat_tool": wire(&Tool::function("lookup", "Looks a city up", Some(schema.clone())).strict(true)),
        "responses_format": wire(&TextConfig::format(
            TextFormat::json_schema("city", schema.clone()).description("Where the user is").strict(false),
        )),
        "responses_tool": wire(
            &openai_types::responses::Tool::function("lookup", "Looks a city up", schema).strict(true),
        ),
    });
    assert_eq!(
        body["chat_json_object_unchanged"],
        json!({"type": "json_object"})
    );
    insta::assert_json_snapshot!("schema_and_tool_strictness_wire", body);
}

/// The model's turn goes back into the history as the request-side assistant message, and each
/// function call splits into what running it takes.
#[test]
fn model_turn_replays_into_the_next_request() {
    let completion: ChatCompletion = serde_json::from_value(json!({
        "id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "gpt-4o",
        "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {
            "role": "assistant", "content": null, "refusal": null,
            "tool_calls": [
                {"id": "call_1", "type": "function", "function": {"name": "add", "arguments": "{\"a\":1}"}},
                {"id": "call_2", "type": "custom", "custom": {"name": "sql", "input": "SELECT 1"}}
            ]}}]
    }))
    .unwrap();
    assert_eq!(
        completion
            .first_message()
            .unwrap()
            .tool_calls
            .as_ref()
            .unwrap()
            .len(),
        2
    );
    let parts: Vec<_> = completion
        .first_tool_calls()
        .iter()
        .map(ToolCall::function_parts)
        .collect();
    assert_eq!(parts, [Some(("call_1", "add", "{\"a\":1}")), None]);

    let mut request = ChatCompletionRequest::new("gpt-4o", [ChatMessage::user("1 + ?")]);
    request.messages.extend(completion.assistant_message());
    request.messages.push(ChatMessage::tool("call_1", "2"));
    request.messages.push(ChatMessage::tool("call_2", "1"));
    insta::assert_json_snapshot!("model_turn_replay_wire", wire(&request));

    assert!(ChatCompletion::default().assistant_message().is_none());
}

/// The typed list filters keep their filter on the next page and accept plain `ListParams`.
#[test]
fn list_filters_survive_paging() {
    let messages = MessageListParams::new()
        .run_id("run_1")
        .limit(1)
        .before("msg_9");
    let next = messages.next_page("msg_2");
    assert_eq!(
        next.to_query(),
        [
            ("limit", "1".to_owned()),
            ("after", "msg_2".to_owned()),
            ("run_id", "run_1".to_owned())
        ]
    );
    let plain = MessageListParams::from(ListParams::new().order(SortOrder::Desc));
    assert_eq!(plain.to_query(), [("order", "desc".to_owned())]);

    let steps = RunStepListParams::new()
        .include([
            RunStepInclude::FileSearchResultContent,
            RunStepInclude::from("x.y"),
        ])
        .next_page("step_1");
    assert_eq!(
        steps.to_query(),
        [
            ("after", "step_1".to_owned()),
            (
                "include[]",
                "step_details.tool_calls[*].file_search.results[*].content".to_owned()
            ),
            ("include[]", "x.y".to_owned()),
        ]
    );
    assert!(
        RunStepListParams::from(ListParams::new())
            .include
            .is_empty()
    );
}

/// `Image::bytes` decodes inline images and explains every other case without panicking.
#[test]
fn image_bytes_decode_or_explain() {
    let images: ImagesResponse = serde_json::from_value(json!({"created": 1, "data": [
        {"b64_json": "aGk="}, {"url": "https://example.com/x.png?sig=secret"}, {}, {"b64_json": "aGk"}
    ]}))
    .unwrap();
    assert_eq!(images.data[0].bytes().unwrap(), b"hi");
    let url = images.data[1].bytes().unwrap_err();
    assert!(matches!(&url, ImageBytesError::Url(u) if u.starts_with("https://")));
    assert!(url.to_string().contains("returned as a URL"));
    assert!(
        !url.to_string().contains("secret"),
        "signed URLs stay out of messages"
    );
    assert_eq!(images.data[2].bytes(), Err(ImageBytesError::Missing));
    let bad = images.data[3].bytes().unwrap_err();
    assert_eq!(
        bad,
        ImageBytesError::InvalidBase64(Base64Error::InvalidLength(3))
    );
    assert!(std::error::Error::source(&bad).is_some());
}
