//! Responses and Conversations requests serialize to the expected JSON and validate against the
//! spec schema of their operation; MCP credentials never reach `Debug`.

use openai_types::conversations::{
    ConversationCreateRequest, ConversationItemsCreateRequest, ConversationUpdateRequest,
};
use openai_types::responses::{
    ApplyPatchCallOutputStatus, CodeInterpreterContainer, CompactRequest, ContainerDomainSecret,
    ContentPart, ContextManagementParam, ConversationRef, FileSearchTool, GrammarSyntax,
    HostedToolType, Include, InputAudioFormat, InputItem, InputTokenCountRequest, Item,
    McpConnectorId, McpTool, MessageRole, ModerationParam, Prompt, RankingOptions, Reasoning,
    ReasoningEffort, ReasoningSummary, ResponseCreateRequest, ResponseInput, ServiceTier,
    ShellCallOutputContent, StreamOptions, TextConfig, TextFormat, Tool, ToolChoice,
    ToolChoiceAllowedMode, ToolChoiceMode, Truncation, Verbosity, WebSearchApproximateLocation,
    WebSearchTool,
};
use openai_types::shared::Metadata;
use serde::Serialize;
use serde_json::json;

use crate::support::{openai_spec, validate_against};

fn assert_valid<T: Serialize>(schema: &str, label: &str, request: &T) {
    let Some(spec) = openai_spec() else { return };
    let value = serde_json::to_value(request).unwrap();
    if let Err(errors) = validate_against(spec, schema, &value) {
        panic!("{label}: {value}\n  {}", errors.join("\n  "));
    }
}

fn weather_tool() -> Tool {
    Tool::function(
        "get_weather",
        "Weather for a city",
        json!({"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"], "additionalProperties": false}),
    )
    .strict(true)
}

fn minimal() -> ResponseCreateRequest {
    ResponseCreateRequest::new("gpt-4.1-mini", "Say hi")
}

fn every_input_item() -> ResponseCreateRequest {
    ResponseCreateRequest::new(
        "gpt-4.1",
        [
            InputItem::developer("Be brief."),
            InputItem::system("System text"),
            InputItem::message(
                MessageRole::User,
                [
                    ContentPart::input_text("Look at these"),
                    ContentPart::input_image_url("https://example.com/a.png"),
                    ContentPart::input_image_file("file-img"),
                    ContentPart::input_file_id("file-pdf"),
                    ContentPart::input_file_data("a.pdf", "data:application/pdf;base64,JVBERi0="),
                ],
            ),
            InputItem::assistant("Earlier answer"),
            InputItem::reasoning("rs_1", "gAAAAB-encrypted"),
            InputItem::function_call_output("call_1", r#"{"temp_c":18}"#),
            InputItem::function_call_output(
                "call_2",
                vec![
                    ContentPart::input_text("chart:"),
                    ContentPart::input_image_file("file-chart"),
                ],
            ),
            InputItem::custom_tool_call_output("call_3", "patched"),
            InputItem::item_reference("msg_123"),
            InputItem::computer_call_output("call_4", "data:image/png;base64,iVBOR"),
            InputItem::local_shell_call_output("lsh_1", "ok"),
            InputItem::shell_call_output(
                "call_5",
                [
                    ShellCallOutputContent::exited("a.txt\n", "", 0),
                    ShellCallOutputContent::timed_out("", "slow"),
                ],
            ),
            InputItem::apply_patch_call_output(
                "call_6",
                ApplyPatchCallOutputStatus::Completed,
                None,
            ),
            InputItem::mcp_approval_response("mcpr_1", true),
        ],
    )
}

fn every_option() -> ResponseCreateRequest {
    let metadata: Metadata = [("team", "search")].into();
    ResponseCreateRequest::new("o4-mini", "Plan a trip")
        .instructions("You are a travel agent.")
        .tools([
            weather_tool(),
            Tool::custom("patch", "Applies a patch"),
            Tool::custom_with_grammar("sql", "Runs SQL", GrammarSyntax::Lark, "start: \"SELECT\""),
            Tool::web_search(),
            Tool::file_search(["vs_1", "vs_2"]),
            Tool::code_interpreter(),
            Tool::image_generation(),
            Tool::mcp("deepwiki", "https://mcp.deepwiki.com/mcp"),
        ])
        .tool(
            FileSearchTool::new(["vs_3"])
                .max_num_results(5)
                .ranking_options(RankingOptions::default().score_threshold(0.5))
                .filters(json!({"type": "eq", "key": "lang", "value": "fr"})),
        )
        .tool(
            WebSearchTool::new()
                .allowed_domains(["example.com"])
                .user_location(WebSearchApproximateLocation::new().country("FR").city("Paris")),
        )
        .tool(Tool::Mcp(
            McpTool::server("private", "https://mcp.example.com")
                .header("Authorization", "Bearer sk-secret")
                .require_approval("never")
                .allowed_tools(["search"]),
        ))
        .tool_choice(ToolChoice::from(ToolChoiceMode::Auto))
        .parallel_tool_calls(false)
        .max_output_tokens(1024)
        .max_tool_calls(5)
        .temperature(0.2)
        .top_p(0.9)
        .top_logprobs(3)
        .text(TextConfig::format(TextFormat::json_schema(
            "plan",
            json!({"type": "object", "properties": {"days": {"type": "integer"}}, "required": ["days"], "additionalProperties": false}),
        ))
        .with_verbosity(Verbosity::Low))
        .reasoning(Reasoning::effort(ReasoningEffort::High).with_summary(ReasoningSummary::Auto))
        .truncation(Truncation::Auto)
        .store(false)
        .background(false)
        .previous_response_id("resp_prev")
        .include([Include::ReasoningEncryptedContent, Include::FileSearchCallResults])
        .metadata(metadata)
        .prompt(Prompt::new("pmpt_1").version("2").variable("city", "Paris"))
        .prompt_cache_key("trip-planner")
        .moderation(ModerationParam::new("omni-moderation-latest"))
        .context_management(vec![ContextManagementParam::compaction(100_000)])
        .safety_identifier("user-42")
        .service_tier(ServiceTier::Flex)
        .stream(true)
        .stream_options(StreamOptions::include_obfuscation(false))
        .user("legacy-user")
        .extra("new_param_from_tomorrow", json!({"on": true}))
}

#[test]
fn response_requests_snapshots() {
    insta::assert_json_snapshot!("minimal", minimal());
    insta::assert_json_snapshot!("every_input_item", every_input_item());
    insta::assert_json_snapshot!("every_option", every_option());
}

#[test]
fn response_requests_validate_against_the_spec() {
    assert_valid("#/components/schemas/CreateResponse", "minimal", &minimal());
    // The spec requires properties it never defines on two items (`request_id` on
    // `mcp_approval_response`, `call_id` on `local_shell_call_output`); the service and the
    // official SDKs do not send them, so those items are checked by hand instead.
    let mut request = every_input_item();
    if let Some(ResponseInput::Items(items)) = &mut request.input {
        let (hand_checked, rest): (Vec<Item>, Vec<Item>) = items.drain(..).partition(|i| {
            matches!(
                i.kind(),
                "mcp_approval_response" | "local_shell_call_output"
            )
        });
        *items = rest;
        assert_eq!(
            serde_json::to_value(&hand_checked).unwrap(),
            json!([
                {"type": "local_shell_call_output", "id": "lsh_1", "output": "ok"},
                {"type": "mcp_approval_response", "approval_request_id": "mcpr_1", "approve": true}
            ])
        );
        for (i, item) in items.iter().enumerate() {
            assert_valid(
                "#/components/schemas/InputItem",
                &format!("input item {i}"),
                item,
            );
        }
    }
    assert_valid(
        "#/components/schemas/CreateResponse",
        "every input item",
        &request,
    );
    let mut every = every_option();
    // The spec does not know tomorrow's parameter.
    every.extra.clear();
    assert_valid(
        "#/components/schemas/CreateResponse",
        "every option",
        &every,
    );
    for (label, choice) in [
        ("none", ToolChoice::from(ToolChoiceMode::None)),
        ("required", ToolChoice::from(ToolChoiceMode::Required)),
        ("function", ToolChoice::function("get_weather")),
        ("custom", ToolChoice::custom("patch")),
        ("mcp", ToolChoice::mcp("deepwiki", Some("ask".to_owned()))),
        ("hosted", ToolChoice::Hosted(HostedToolType::FileSearch)),
        (
            "allowed",
            ToolChoice::allowed_tools(
                ToolChoiceAllowedMode::Required,
                [json!({"type": "function", "name": "get_weather"})],
            ),
        ),
    ] {
        let request = minimal().tool(weather_tool()).tool_choice(choice.clone());
        assert_valid("#/components/schemas/CreateResponse", label, &request);
        // Tool choices decode back to what was sent.
        let back: ToolChoice =
            serde_json::from_value(serde_json::to_value(&choice).unwrap()).unwrap();
        assert_eq!(back, choice, "{label}");
    }
    let conversation = minimal().conversation("conv_123");
    assert_eq!(
        serde_json::to_value(&conversation).unwrap()["conversation"],
        "conv_123"
    );
    assert_valid(
        "#/components/schemas/CreateResponse",
        "conversation",
        &conversation,
    );
    let object: ConversationRef = serde_json::from_value(json!({"id": "conv_9"})).unwrap();
    assert_eq!(object.id(), "conv_9");
}

#[test]
fn other_requests_validate_against_the_spec() {
    let count = InputTokenCountRequest::new("gpt-4.1", "How many tokens is this?")
        .tools(vec![weather_tool()])
        .truncation(Truncation::Auto);
    assert_valid(
        "#/components/schemas/TokenCountsBody",
        "input tokens",
        &count,
    );
    insta::assert_json_snapshot!("input_tokens", count);
    let compact = CompactRequest::new("gpt-4.1", [InputItem::user("long chat...")])
        .instructions("Keep decisions.");
    assert_valid(
        "#/components/schemas/CompactResponseMethodPublicBody",
        "compact",
        &compact,
    );
    let create = ConversationCreateRequest::new()
        .metadata([("topic", "demo")])
        .items([InputItem::user("Hello!"), InputItem::assistant("Hi!")]);
    assert_valid(
        "#/components/schemas/CreateConversationBody",
        "create",
        &create,
    );
    insta::assert_json_snapshot!("conversation_create", create);
    let update = ConversationUpdateRequest::new([("topic", "renamed")]);
    assert_valid(
        "#/components/schemas/UpdateConversationBody",
        "update",
        &update,
    );
    let items = ConversationItemsCreateRequest::new([InputItem::user("More")]);
    assert_eq!(
        serde_json::to_value(&items).unwrap(),
        json!({"items": [{"type": "message", "role": "user", "content": "More"}]})
    );
}

#[test]
fn mcp_credentials_are_redacted_in_debug() {
    let tool = McpTool::connector(
        "gmail",
        McpConnectorId::ConnectorGmail,
        "ya29.oauth-token-secret",
    )
    .header("X-Api-Key", "key-secret-value");
    let debug = format!("{tool:?}");
    assert!(!debug.contains("oauth-token-secret"), "{debug}");
    assert!(!debug.contains("key-secret-value"), "{debug}");
    assert!(
        debug.contains("X-Api-Key") && debug.contains("<redacted>"),
        "{debug}"
    );
    // The whole request's Debug goes through the tool's Debug too.
    let request = minimal().tool(Tool::Mcp(tool.clone()));
    let debug = format!("{request:?}");
    assert!(!debug.contains("secret"), "{debug}");
    // Container network secrets too.
    let secret = ContainerDomainSecret::new("api.example.com", "API_KEY", "container-secret");
    assert!(!format!("{secret:?}").contains("container-secret"));
    assert_eq!(
        serde_json::to_value(&secret).unwrap()["value"],
        "container-secret"
    );
    // The wire form still carries them.
    let json = serde_json::to_value(&tool).unwrap();
    assert_eq!(json["authorization"], "ya29.oauth-token-secret");
    assert_eq!(json["headers"]["X-Api-Key"], "key-secret-value");
}

#[test]
fn input_shorthands_decode() {
    // Messages and item references may omit `type`.
    let input: ResponseInput = serde_json::from_value(json!([
        {"role": "user", "content": "Hi"},
        {"id": "msg_1"},
        {"type": "item_reference", "id": "msg_2"},
        {"type": "function_call_output", "call_id": "c", "output": "42"},
    ]))
    .unwrap();
    let ResponseInput::Items(items) = input else {
        panic!("not items")
    };
    assert!(matches!(&items[0], Item::Message(m) if m.text() == "Hi"));
    assert!(matches!(&items[1], Item::ItemReference(r) if r.id == "msg_1"));
    assert!(matches!(&items[2], Item::ItemReference(r) if r.id == "msg_2"));
    assert!(matches!(&items[3], Item::FunctionCallOutput(o) if o.call_id == "c"));
    let text: ResponseInput = serde_json::from_value(json!("Hello")).unwrap();
    assert_eq!(text, ResponseInput::Text("Hello".to_owned()));
    // A string input grows into a list when items are appended.
    let request = minimal().item(InputItem::user("and more"));
    assert_eq!(
        serde_json::to_value(&request).unwrap()["input"],
        json!([
            {"type": "message", "role": "user", "content": "Say hi"},
            {"type": "message", "role": "user", "content": "and more"}
        ])
    );
    let audio = ContentPart::input_audio("UklGRg==", InputAudioFormat::Wav);
    assert_eq!(
        serde_json::to_value(&audio).unwrap(),
        json!({"type": "input_audio", "input_audio": {"data": "UklGRg==", "format": "wav"}})
    );
    let container = CodeInterpreterContainer::auto_with_files(["file-1"]);
    assert_eq!(
        serde_json::to_value(&container).unwrap(),
        json!({"type": "auto", "file_ids": ["file-1"]})
    );
}
