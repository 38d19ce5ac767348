//! Assistants API v2 types (assistants, threads, messages, runs, run steps, files, list pages,
//! deletion statuses) against real recordings, the OpenAI spec's examples and request schemas,
//! and the Azure Assistants spec where it agrees with the wire format.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use openai_types::assistants::{
    Assistant, AssistantResponseFormat, AssistantTool, AssistantToolChoice, ChunkingStrategy,
    CodeInterpreterResources, CreateAssistantRequest, FileSearchRanker, FileSearchRankingOptions,
    FileSearchResources, FileSearchToolOptions, FunctionDefinition, ModifyAssistantRequest,
    NamedToolChoice, NewVectorStore, ReasoningEffort, ToolChoiceMode, ToolResources,
};
use openai_types::files::{FileObject, FilePurpose, FileStatus};
use openai_types::messages::{
    Annotation, Attachment, AttachmentTool, CreateMessageRequest, ImageDetail, Message,
    MessageContent, MessageInputPart, MessageRole, MessageStatus, ModifyMessageRequest,
};
use openai_types::run_steps::{CodeInterpreterOutput, RunStep, StepDetails, StepToolCall};
use openai_types::runs::{
    CreateRunRequest, ModifyRunRequest, RequiredToolCall, Run, RunStatus, SubmitToolOutputsRequest,
    ToolOutput, TruncationStrategy,
};
use openai_types::shared::{DeletionStatus, ListPage, Metadata};
use openai_types::threads::{
    CreateThreadAndRunRequest, CreateThreadRequest, ModifyThreadRequest, Thread,
};

use crate::support::{
    assert_round_trip, azure_assistants_spec, example_payloads, openai_spec, real_files,
    spec_response_examples, validate_against,
};

/// Fields of the recordings and spec examples these types deliberately do not model. Empty: every
/// field seen on the wire is modelled (v1 `file_ids`, `expires_at` on steps, Azure's
/// `prompt_token_details` spelling included).
const UNMODELED: &[&str] = &[];

/// Decodes `value` as the type its `object` field names and checks the round trip. Returns the
/// object kind for coverage accounting.
fn round_trip_by_object(name: &str, value: &Value) -> String {
    fn rt<T: DeserializeOwned + Serialize>(name: &str, value: &Value) {
        assert_round_trip::<T>(name, value, UNMODELED);
    }
    let object = value["object"].as_str().unwrap_or_default().to_owned();
    match object.as_str() {
        "assistant" => rt::<Assistant>(name, value),
        "thread" => rt::<Thread>(name, value),
        "thread.message" => rt::<Message>(name, value),
        "thread.run" => rt::<Run>(name, value),
        "thread.run.step" => rt::<RunStep>(name, value),
        "file" if value.get("deleted").is_some() => rt::<DeletionStatus>(name, value),
        "file" => rt::<FileObject>(name, value),
        kind if kind.ends_with(".deleted") => rt::<DeletionStatus>(name, value),
        "list" => {
            let item = value["data"][0]["object"].as_str().unwrap_or_default();
            match item {
                "assistant" => rt::<ListPage<Assistant>>(name, value),
                "thread.message" => rt::<ListPage<Message>>(name, value),
                "thread.run" => rt::<ListPage<Run>>(name, value),
                "thread.run.step" => rt::<ListPage<RunStep>>(name, value),
                "file" => rt::<ListPage<FileObject>>(name, value),
                other => panic!("{name}: list of unexpected objects {other:?}"),
            }
            return format!("list<{item}>");
        }
        other => panic!("{name}: unexpected object {other:?}"),
    }
    object
}

/// Every real recorded JSON body of `testdata/real/assistants` decodes, and re-serializes with
/// nothing modelled dropped or changed (`null` and absent count as equal).
#[test]
fn real_recorded_bodies_round_trip() {
    let files = real_files("assistants");
    if files.is_empty() {
        return;
    }
    let mut kinds = std::collections::BTreeSet::new();
    for (name, body) in &files {
        kinds.insert(round_trip_by_object(name, body));
    }
    // 41 JSON bodies in the corpus (44 files minus 3 SSE transcripts).
    assert_eq!(files.len(), 41, "corpus changed: {kinds:?}");
    for kind in [
        "assistant",
        "thread",
        "thread.message",
        "thread.run",
        "file",
        "list<assistant>",
        "list<thread.message>",
        "list<thread.run>",
        "list<thread.run.step>",
        "assistant.deleted",
        "thread.deleted",
        "thread.message.deleted",
        "vector_store.deleted",
    ] {
        assert!(kinds.contains(kind), "no recording of {kind}: {kinds:?}");
    }
}

/// Typed access to what the recordings carry (beyond the round trip): unions land in the right
/// variants and enums in known values.
#[test]
fn real_recordings_decode_into_the_expected_variants() {
    let files = real_files("assistants");
    if files.is_empty() {
        return;
    }
    let get = |name: &str| {
        files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, body)| body.clone())
            .unwrap_or_else(|| panic!("{name} missing from the corpus"))
    };

    let run: Run = serde_json::from_value(get(
        "openai-run-requires_action-submit_tool_outputs-2024.json",
    ))
    .unwrap();
    assert_eq!(run.status, RunStatus::RequiresAction);
    assert!(!run.status.is_terminal());
    let calls = run.required_tool_calls();
    assert!(!calls.is_empty());
    assert!(matches!(&calls[0], RequiredToolCall::Function(f) if !f.function.name.is_empty()));
    assert!(calls[0].id().is_some_and(|id| id.starts_with("call_")));

    let run: Run = serde_json::from_value(get("openai-run-completed-usage-2026.json")).unwrap();
    assert!(run.status.is_terminal());
    let usage = run.usage.unwrap();
    assert_eq!(usage.total_tokens, 470);
    assert_eq!(usage.prompt_token_details.unwrap().cached_tokens, Some(0));
    assert_eq!(run.tool_choice, Some(AssistantToolChoice::auto()));
    assert_eq!(run.response_format, Some(AssistantResponseFormat::auto()));
    assert_eq!(run.truncation_strategy, Some(TruncationStrategy::auto()));

    let page: ListPage<Message> = serde_json::from_value(get(
        "azure-messages-list-file_citation-2025-03-01-preview.json",
    ))
    .unwrap();
    assert_eq!(page.has_more, Some(false));
    assert_eq!(page.next_cursor(), None);
    let MessageContent::Text(text) = &page.data[0].content[0] else {
        panic!("expected text")
    };
    let Annotation::FileCitation(citation) = &text.text.annotations[0] else {
        panic!("expected a file citation")
    };
    assert_eq!(
        citation.file_citation.file_id,
        "assistant-Upx9SCX6hThR6KH4aaCPnh"
    );
    assert_eq!((citation.start_index, citation.end_index), (29, 41));

    let steps: ListPage<RunStep> = serde_json::from_value(get(
        "azure-run-steps-list-code_interpreter-image-output-2024-05-01-preview.json",
    ))
    .unwrap();
    let StepDetails::ToolCalls(details) = &steps.data[1].step_details else {
        panic!("expected tool calls")
    };
    let StepToolCall::CodeInterpreter(call) = &details.tool_calls[0] else {
        panic!("expected code interpreter")
    };
    assert!(matches!(
        &call.code_interpreter.outputs[0],
        CodeInterpreterOutput::Image(image) if image.image.file_id.starts_with("assistant-")
    ));

    let file: FileObject =
        serde_json::from_value(get("azure-file-object-processed-2025-03-01-preview.json")).unwrap();
    assert_eq!(file.purpose, FilePurpose::Assistants);
    assert_eq!(file.status, Some(FileStatus::Processed));

    let assistant: Assistant = serde_json::from_value(get(
        "azure-assistant-create-file_search-2025-03-01-preview.json",
    ))
    .unwrap();
    assert!(
        assistant
            .tools
            .iter()
            .any(|t| matches!(t, AssistantTool::FileSearch(_)))
    );
}

/// (operationId, expected Rust type) for every JSON response example of the covered operations.
const SPEC_OPERATIONS: &[(&str, &str)] = &[
    ("listAssistants", "list<assistant>"),
    ("createAssistant", "assistant"),
    ("getAssistant", "assistant"),
    ("modifyAssistant", "assistant"),
    ("deleteAssistant", "assistant.deleted"),
    ("listFiles", "list<file>"),
    ("createFile", "file"),
    ("retrieveFile", "file"),
    ("deleteFile", "file.deleted"),
    ("createThread", "thread"),
    ("getThread", "thread"),
    ("modifyThread", "thread"),
    ("deleteThread", "thread.deleted"),
    ("createThreadAndRun", "thread.run"),
    ("listMessages", "list<thread.message>"),
    ("createMessage", "thread.message"),
    ("getMessage", "thread.message"),
    ("modifyMessage", "thread.message"),
    ("deleteMessage", "thread.message.deleted"),
    ("listRuns", "list<thread.run>"),
    ("createRun", "thread.run"),
    ("getRun", "thread.run"),
    ("modifyRun", "thread.run"),
    ("cancelRun", "thread.run"),
    ("submitToolOuputsToRun", "thread.run"),
    ("listRunSteps", "list<thread.run.step>"),
    ("getRunStep", "thread.run.step"),
];

/// Every JSON response example of the spec's assistants/threads/messages/runs/run steps/files
/// operations decodes as the operation's type and round-trips. (Streaming examples are covered in
/// `assistant_stream`.)
#[test]
fn spec_response_examples_decode_and_round_trip() {
    let Some(spec) = openai_spec() else { return };
    let mut checked = 0;
    for (operation, expected) in SPEC_OPERATIONS {
        let examples = spec_response_examples(spec, operation);
        assert!(!examples.is_empty(), "{operation}: no response example");
        for (label, text) in examples {
            if text.trim_start().starts_with("event:") {
                continue;
            }
            let payloads = example_payloads(&text);
            assert_eq!(payloads.len(), 1, "{label}: expected one JSON document");
            let value = payloads[0]
                .clone()
                .unwrap_or_else(|e| panic!("{label}: {e}"));
            let kind = round_trip_by_object(&label, &value);
            let kind = if kind == "file" && value.get("deleted").is_some() {
                "file.deleted".to_owned()
            } else {
                kind
            };
            assert_eq!(&kind, expected, "{label}");
            checked += 1;
        }
    }
    // 29 JSON examples (createAssistant and createThread have two each; streaming ones excluded).
    assert_eq!(checked, 29);
}

fn validate(schema: &str, value: &impl Serialize) {
    let Some(spec) = openai_spec() else { return };
    let json = serde_json::to_value(value).unwrap();
    if let Err(errors) = validate_against(spec, &format!("#/components/schemas/{schema}"), &json) {
        panic!("{schema} rejects {json}:\n  {}", errors.join("\n  "));
    }
}

fn function_tool() -> AssistantTool {
    AssistantTool::function(
        FunctionDefinition::new("get_weather")
            .description("Current weather in a city.")
            .parameters(json!({
                "type": "object",
                "properties": {"city": {"type": "string"}},
                "required": ["city"]
            }))
            .strict(true),
    )
}

fn all_tools() -> Vec<AssistantTool> {
    vec![
        AssistantTool::code_interpreter(),
        AssistantTool::FileSearch(openai_types::assistants::FileSearchTool::with_options(
            FileSearchToolOptions::new()
                .max_num_results(10u32)
                .ranking_options(FileSearchRankingOptions::new(0.5).ranker(FileSearchRanker::Auto)),
        )),
        function_tool(),
    ]
}

fn json_schema_format() -> AssistantResponseFormat {
    AssistantResponseFormat::json_schema(
        "answer",
        json!({"type": "object", "properties": {"x": {"type": "number"}}}),
    )
}

fn metadata() -> Metadata {
    [("team", "search")].into()
}

fn user_message_with_parts() -> CreateMessageRequest {
    CreateMessageRequest::user(vec![
        MessageInputPart::text("What is in these images?"),
        MessageInputPart::image_file("file-img"),
        MessageInputPart::ImageUrl({
            let mut part =
                openai_types::messages::ImageUrlContent::new("https://example.com/a.png");
            part.image_url.detail = Some(ImageDetail::High);
            part
        }),
    ])
    .attachments(vec![Attachment::new(
        "file-doc",
        [
            AttachmentTool::code_interpreter(),
            AttachmentTool::file_search(),
        ],
    )])
    .metadata(metadata())
}

/// Representative requests of each assistants operation validate against the OpenAI spec schema.
#[test]
fn requests_validate_against_openai_spec() {
    // CreateAssistantRequest: minimal, everything, inline vector store with static chunking.
    validate(
        "CreateAssistantRequest",
        &CreateAssistantRequest::new("gpt-4o"),
    );
    validate(
        "CreateAssistantRequest",
        &CreateAssistantRequest::new("gpt-4o")
            .name("Tutor")
            .description("Math tutor")
            .instructions("Answer with code.")
            .reasoning_effort(ReasoningEffort::Low)
            .tools(all_tools())
            .tool_resources(
                ToolResources::new()
                    .code_interpreter(CodeInterpreterResources::new(["file-1"]))
                    .file_search(FileSearchResources::vector_store_ids(["vs_1"])),
            )
            .metadata(metadata())
            .temperature(0.2)
            .top_p(0.9)
            .response_format(json_schema_format()),
    );
    for format in [
        AssistantResponseFormat::auto(),
        AssistantResponseFormat::text(),
        AssistantResponseFormat::json_object(),
    ] {
        validate(
            "CreateAssistantRequest",
            &CreateAssistantRequest::new("gpt-4o").response_format(format),
        );
    }
    validate(
        "CreateAssistantRequest",
        &CreateAssistantRequest::new("gpt-4o").tool_resources(
            ToolResources::new().file_search(FileSearchResources::new_vector_stores([
                NewVectorStore::from_files(["file-1"])
                    .chunking_strategy(ChunkingStrategy::fixed(800, 400))
                    .metadata(metadata()),
            ])),
        ),
    );
    validate(
        "CreateAssistantRequest",
        &CreateAssistantRequest::new("gpt-4o").tool_resources(ToolResources::new().file_search(
            FileSearchResources::new_vector_stores([
                NewVectorStore::from_files(["file-1"]).chunking_strategy(ChunkingStrategy::auto()),
            ]),
        )),
    );

    // ModifyAssistantRequest: empty and typical.
    validate("ModifyAssistantRequest", &ModifyAssistantRequest::new());
    validate(
        "ModifyAssistantRequest",
        &ModifyAssistantRequest::new()
            .model("gpt-4o-mini")
            .instructions("Be brief.")
            .tools(vec![AssistantTool::file_search()])
            .tool_resources(
                ToolResources::new().file_search(FileSearchResources::vector_store_ids(["vs_2"])),
            )
            .response_format(AssistantResponseFormat::auto())
            .metadata(metadata()),
    );

    // Messages: string content, parts with attachments.
    validate("CreateMessageRequest", &CreateMessageRequest::user("Hello"));
    validate(
        "CreateMessageRequest",
        &CreateMessageRequest::assistant("Hi, how can I help?"),
    );
    validate("CreateMessageRequest", &user_message_with_parts());
    validate(
        "ModifyMessageRequest",
        &ModifyMessageRequest::new().metadata(metadata()),
    );

    // Threads.
    validate("CreateThreadRequest", &CreateThreadRequest::new());
    let thread = CreateThreadRequest::new()
        .messages(vec![
            CreateMessageRequest::user("Hi"),
            user_message_with_parts(),
        ])
        .tool_resources(
            ToolResources::new()
                .code_interpreter(CodeInterpreterResources::new(["file-1", "file-2"]))
                .file_search(FileSearchResources::vector_store_ids(["vs_1"])),
        )
        .metadata(metadata());
    validate("CreateThreadRequest", &thread);
    validate(
        "ModifyThreadRequest",
        &ModifyThreadRequest::new()
            .tool_resources(
                ToolResources::new().code_interpreter(CodeInterpreterResources::new(["file-3"])),
            )
            .metadata(metadata()),
    );

    // Runs: minimal, everything, each tool_choice form.
    validate("CreateRunRequest", &CreateRunRequest::new("asst_1"));
    validate(
        "CreateRunRequest",
        &CreateRunRequest::new("asst_1")
            .model("gpt-4o")
            .reasoning_effort(ReasoningEffort::Medium)
            .instructions("Override.")
            .additional_instructions("Address the user as Jane.")
            .additional_messages(vec![
                CreateMessageRequest::user("More context."),
                user_message_with_parts(),
            ])
            .tools(all_tools())
            .metadata(metadata())
            .temperature(0.5)
            .top_p(1.0)
            .max_prompt_tokens(2000u64)
            .max_completion_tokens(500u64)
            .truncation_strategy(TruncationStrategy::last_messages(5))
            .tool_choice(AssistantToolChoice::function("get_weather"))
            .parallel_tool_calls(false)
            .response_format(AssistantResponseFormat::json_object()),
    );
    for choice in [
        AssistantToolChoice::none(),
        AssistantToolChoice::auto(),
        AssistantToolChoice::required(),
        AssistantToolChoice::code_interpreter(),
        AssistantToolChoice::file_search(),
    ] {
        validate(
            "CreateRunRequest",
            &CreateRunRequest::new("asst_1").tool_choice(choice),
        );
    }
    validate(
        "CreateRunRequest",
        &CreateRunRequest::new("asst_1").truncation_strategy(TruncationStrategy::auto()),
    );
    validate(
        "ModifyRunRequest",
        &ModifyRunRequest::new().metadata(metadata()),
    );
    validate(
        "SubmitToolOutputsRunRequest",
        &SubmitToolOutputsRequest::new([
            ToolOutput::new("call_1", "{\"temp\": 22}"),
            ToolOutput::new("call_2", "ok"),
        ]),
    );

    // Create thread and run.
    validate(
        "CreateThreadAndRunRequest",
        &CreateThreadAndRunRequest::new("asst_1"),
    );
    validate(
        "CreateThreadAndRunRequest",
        &CreateThreadAndRunRequest::new("asst_1")
            .thread(thread)
            .model("gpt-4o")
            .instructions("Be brief.")
            .tools(all_tools())
            .tool_resources(
                ToolResources::new().file_search(FileSearchResources::vector_store_ids(["vs_1"])),
            )
            .metadata(metadata())
            .temperature(1.0)
            .top_p(1.0)
            .max_prompt_tokens(1000u64)
            .max_completion_tokens(1000u64)
            .truncation_strategy(TruncationStrategy::auto())
            .tool_choice(AssistantToolChoice::required())
            .parallel_tool_calls(true)
            .response_format(json_schema_format()),
    );
}

/// The validator is not vacuous for these schemas: mistakes a hand-written request could make
/// are rejected.
#[test]
fn openai_spec_rejects_malformed_assistant_requests() {
    let Some(spec) = openai_spec() else { return };
    for (schema, bad) in [
        ("CreateAssistantRequest", json!({"name": "no model"})),
        (
            "CreateAssistantRequest",
            json!({"model": "m", "tools": [{"type": "function"}]}),
        ),
        (
            "CreateMessageRequest",
            json!({"role": "system", "content": "x"}),
        ),
        (
            "CreateRunRequest",
            json!({"assistant_id": "a", "truncation_strategy": {"type": "first"}}),
        ),
        ("SubmitToolOutputsRunRequest", json!({"outputs": []})),
    ] {
        let pointer = format!("#/components/schemas/{schema}");
        assert!(
            validate_against(spec, &pointer, &bad).is_err(),
            "{schema} accepted {bad}"
        );
    }
}

/// The Azure Assistants spec (2024-05-01-preview) accepts our requests where it agrees with the
/// wire format. Its known deviations (SOURCES.md) are avoided on purpose: `temperature`/`top_p`
/// are set because it marks them required, and message content stays a string without
/// attachments because it allows nothing else. Function tools are left out: Swagger 2.0 declares
/// them by discriminator inheritance (`x-ms-discriminator-value`), which the structural validator
/// does not follow from the base `ToolDefinition`, so a function tool is checked against
/// `FunctionToolDefinition` directly (without `strict`, which this 2024 spec predates).
#[test]
fn requests_validate_against_azure_assistants_spec() {
    let Some(spec) = azure_assistants_spec() else {
        return;
    };
    let check = |schema: &str, value: Value| {
        let pointer = format!("#/definitions/{schema}");
        if let Err(errors) = validate_against(spec, &pointer, &value) {
            panic!("{schema} rejects {value}:\n  {}", errors.join("\n  "));
        }
    };
    check(
        "AssistantCreationOptions",
        serde_json::to_value(
            CreateAssistantRequest::new("gpt-4-turbo")
                .name("Tutor")
                .instructions("Answer with code.")
                .tools(vec![
                    AssistantTool::code_interpreter(),
                    AssistantTool::file_search(),
                ])
                .tool_resources(
                    ToolResources::new()
                        .code_interpreter(CodeInterpreterResources::new(["assistant-1"]))
                        .file_search(FileSearchResources::vector_store_ids(["vs_1"])),
                )
                .metadata(metadata())
                .temperature(1.0)
                .top_p(1.0)
                .response_format(AssistantResponseFormat::auto()),
        )
        .unwrap(),
    );
    check(
        "AssistantThreadCreationOptions",
        serde_json::to_value(
            CreateThreadRequest::new()
                .messages(vec![CreateMessageRequest::user("Hi")])
                .metadata(metadata()),
        )
        .unwrap(),
    );
    check(
        "CreateRunOptions",
        serde_json::to_value(
            CreateRunRequest::new("asst_1")
                .additional_instructions("Be brief.")
                .max_completion_tokens(100u64)
                .truncation_strategy(TruncationStrategy::last_messages(3))
                .tool_choice(AssistantToolChoice::auto())
                .response_format(AssistantResponseFormat::json_object()),
        )
        .unwrap(),
    );
    check(
        "FunctionToolDefinition",
        serde_json::to_value(AssistantTool::function(
            FunctionDefinition::new("get_weather")
                .description("Current weather in a city.")
                .parameters(json!({"type": "object", "properties": {}})),
        ))
        .unwrap(),
    );
    check(
        "SubmitToolOutputsOptions",
        serde_json::to_value(SubmitToolOutputsRequest::new([ToolOutput::new(
            "call_1", "42",
        )]))
        .unwrap(),
    );
}

/// Unknown enum values and union members anywhere in a run survive decode → encode unchanged.
#[test]
fn unknown_values_and_members_round_trip_in_run() {
    let raw = json!({
        "id": "run_1", "object": "thread.run", "created_at": 1, "thread_id": "thread_1",
        "assistant_id": "asst_1", "status": "paused_for_review",
        "required_action": {"type": "approve_plan", "plan": {"steps": 3}},
        "last_error": {"code": "quota_exhausted", "message": "no quota"},
        "incomplete_details": {"reason": "max_tool_calls"},
        "model": "gpt-9", "instructions": null,
        "tools": [{"type": "web_browser", "browser": {"max_pages": 4}}, {"type": "code_interpreter"}],
        "metadata": {}, "usage": null,
        "truncation_strategy": {"type": "summarize", "last_messages": null},
        "tool_choice": {"type": "web_browser"},
        "response_format": {"type": "grammar", "grammar": "root ::= x"},
        "reasoning_effort": "ultra",
        "parallel_tool_calls": true
    });
    let run: Run = assert_round_trip("unknown run", &raw, UNMODELED);
    assert_eq!(run.status.as_str(), "paused_for_review");
    assert!(
        !run.status.is_terminal(),
        "unknown status must keep polling"
    );
    assert!(run.required_tool_calls().is_empty());
    assert_eq!(run.tools[0].kind(), "web_browser");
    assert!(matches!(
        &run.tool_choice,
        Some(AssistantToolChoice::Tool(NamedToolChoice::Unknown(obj))) if obj.kind() == Some("web_browser")
    ));
    assert_eq!(
        run.reasoning_effort.as_ref().map(|r| r.as_str()),
        Some("ultra")
    );
    insta::assert_json_snapshot!(
        "assistants_unknown_run",
        serde_json::to_value(&run).unwrap()
    );

    let modes = json!({
        "id": "run_2", "object": "thread.run", "created_at": 1, "thread_id": "thread_1",
        "assistant_id": "asst_1", "model": "gpt-4o", "status": "queued", "tools": [],
        "tool_choice": "any", "response_format": "strict_json"
    });
    let run: Run = assert_round_trip("unknown modes", &modes, UNMODELED);
    assert!(
        matches!(&run.tool_choice, Some(AssistantToolChoice::Mode(m)) if m.as_str() == "any" && *m != ToolChoiceMode::Auto)
    );
    assert_eq!(
        run.response_format.unwrap().clone(),
        AssistantResponseFormat::Mode("strict_json".into())
    );
}

/// Unknown content parts, annotations, step details, tool calls, outputs, roles and purposes.
#[test]
fn unknown_members_round_trip_in_messages_steps_and_files() {
    let message = json!({
        "id": "msg_1", "object": "thread.message", "created_at": 1, "thread_id": "thread_1",
        "status": "redacted", "role": "system", "assistant_id": null, "run_id": null,
        "incomplete_details": {"reason": "safety"},
        "content": [
            {"type": "audio", "audio": {"file_id": "file-a", "seconds": 3}},
            {"type": "text", "text": {"value": "see [1]", "annotations": [
                {"type": "url_citation", "url": "https://example.com", "start_index": 4, "end_index": 7},
                {"type": "file_path", "text": "sandbox:/a.png", "file_path": {"file_id": "file-p"}, "start_index": 0, "end_index": 3}
            ]}},
            {"type": "image_file", "image_file": {"file_id": "file-i", "detail": "ultra"}}
        ],
        "attachments": [{"file_id": "file-x", "tools": [{"type": "web_browser"}, {"type": "file_search"}]}],
        "metadata": {"k": "v"}
    });
    let decoded: Message = assert_round_trip("unknown message", &message, UNMODELED);
    assert_eq!(decoded.role.as_str(), "system");
    assert!(!matches!(decoded.status, Some(MessageStatus::Completed)));
    assert_eq!(decoded.content[0].kind(), "audio");
    assert_eq!(decoded.text(), "see [1]");

    let step = json!({
        "id": "step_1", "object": "thread.run.step", "created_at": 1, "run_id": "run_1",
        "assistant_id": "asst_1", "thread_id": "thread_1", "type": "retrieval", "status": "paused",
        "step_details": {"type": "tool_calls", "tool_calls": [
            {"id": "call_r", "type": "retrieval", "retrieval": {}},
            {"id": "call_c", "type": "code_interpreter", "code_interpreter": {"input": "1+1", "outputs": [
                {"type": "logs", "logs": "2"}, {"type": "chart", "chart": {"kind": "bar"}}
            ]}},
            {"id": "call_f", "type": "file_search", "file_search": {
                "ranking_options": {"ranker": "semantic_v9", "score_threshold": 0.25},
                "results": [{"file_id": "file-1", "file_name": "a.txt", "score": 0.75,
                             "content": [{"type": "html", "text": "<p>hi</p>"}]}]
            }},
            {"id": "call_fn", "type": "function", "function": {"name": "f", "arguments": "{}", "output": null}}
        ]},
        "last_error": {"code": "tool_timeout", "message": "slow"},
        "cancelled_at": null, "completed_at": null, "expires_at": 5, "failed_at": null,
        "usage": null
    });
    let decoded: RunStep = assert_round_trip("unknown step", &step, UNMODELED);
    let StepDetails::ToolCalls(details) = &decoded.step_details else {
        panic!("expected tool calls")
    };
    assert_eq!(details.tool_calls[0].kind(), "retrieval");
    let other_details = json!({
        "id": "step_2", "object": "thread.run.step", "created_at": 2, "run_id": "run_1",
        "assistant_id": "asst_1", "thread_id": "thread_1", "type": "planning", "status": "completed",
        "step_details": {"type": "planning", "planning": {"thoughts": 3}}
    });
    let decoded: RunStep = assert_round_trip("unknown step details", &other_details, UNMODELED);
    assert_eq!(decoded.step_details.kind(), "planning");

    let file = json!({"id": "file-1", "object": "file", "bytes": 1, "created_at": 1,
                      "filename": "a", "purpose": "realtime_audio", "status": "quarantined"});
    let decoded: FileObject = assert_round_trip("unknown purpose", &file, UNMODELED);
    assert_eq!(decoded.purpose.as_str(), "realtime_audio");

    insta::assert_json_snapshot!(
        "assistants_unknown_message_and_step",
        json!({
            "message": serde_json::to_value(serde_json::from_value::<Message>(message).unwrap()).unwrap(),
            "step": serde_json::to_value(serde_json::from_value::<RunStep>(step).unwrap()).unwrap(),
        })
    );
}

/// Requests built with `new` + setters send only what was set, with the wire names.
#[test]
fn requests_omit_unset_fields_and_serialize_union_forms() {
    assert_eq!(
        serde_json::to_value(CreateAssistantRequest::new("gpt-4o")).unwrap(),
        json!({"model": "gpt-4o"})
    );
    assert_eq!(
        serde_json::to_value(ModifyAssistantRequest::new()).unwrap(),
        json!({})
    );
    assert_eq!(
        serde_json::to_value(CreateRunRequest::new("asst_1")).unwrap(),
        json!({"assistant_id": "asst_1"})
    );
    assert_eq!(
        serde_json::to_value(CreateMessageRequest::new(MessageRole::User, "hi")).unwrap(),
        json!({"role": "user", "content": "hi"})
    );
    assert_eq!(
        serde_json::to_value(user_message_with_parts()).unwrap(),
        json!({
            "role": "user",
            "content": [
                {"type": "text", "text": "What is in these images?"},
                {"type": "image_file", "image_file": {"file_id": "file-img"}},
                {"type": "image_url", "image_url": {"url": "https://example.com/a.png", "detail": "high"}}
            ],
            "attachments": [{"file_id": "file-doc", "tools": [{"type": "code_interpreter"}, {"type": "file_search"}]}],
            "metadata": {"team": "search"}
        })
    );
    assert_eq!(
        serde_json::to_value(ChunkingStrategy::fixed(800, 400)).unwrap(),
        json!({"type": "static", "static": {"max_chunk_size_tokens": 800, "chunk_overlap_tokens": 400}})
    );
    assert_eq!(
        serde_json::to_value(json_schema_format()).unwrap(),
        json!({"type": "json_schema", "json_schema": {
            "name": "answer", "strict": true,
            "schema": {"type": "object", "properties": {"x": {"type": "number"}}}
        }})
    );
    assert_eq!(
        serde_json::to_value(TruncationStrategy::last_messages(3)).unwrap(),
        json!({"type": "last_messages", "last_messages": 3})
    );
    // Request types decode too (mock servers read them).
    let back: CreateRunRequest = serde_json::from_value(
        serde_json::to_value(CreateRunRequest::new("a").top_p(0.5)).unwrap(),
    )
    .unwrap();
    assert_eq!(back, CreateRunRequest::new("a").top_p(0.5));
}

/// Run statuses: exactly the five end states are terminal.
#[test]
fn run_status_terminal_states() {
    let terminal: Vec<&str> = [
        "queued",
        "in_progress",
        "requires_action",
        "cancelling",
        "cancelled",
        "failed",
        "completed",
        "incomplete",
        "expired",
        "something_new",
    ]
    .into_iter()
    .filter(|s| RunStatus::from(*s).is_terminal())
    .collect();
    assert_eq!(
        terminal,
        ["cancelled", "failed", "completed", "incomplete", "expired"]
    );
}
