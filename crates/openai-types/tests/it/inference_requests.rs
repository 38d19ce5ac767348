//! Serialized requests validate against the spec schema of their operation.

use openai_types::chat::{
    AudioFormat, AudioOutput, AzureDataSource, AzureSearchDataSource, ChatCompletionRequest,
    ChatMessage, ContentPart, FunctionCallOption, FunctionDefinition, FunctionToolCall,
    ImageDetail, InputAudioFormat, Modality, OnYourDataAuthentication, Prediction, ReasoningEffort,
    ResponseFormat, SearchContextSize, ServiceTier, StreamOptions, Tool, ToolCall, ToolChoice,
    Verbosity, Voice, WebSearchLocation, WebSearchOptions, WebSearchUserLocation,
};
use openai_types::completions::CompletionRequest;
use openai_types::embeddings::{EmbeddingInput, EmbeddingRequest, EncodingFormat};
use openai_types::images::{
    ImageBackground, ImageEditParams, ImageGenerationRequest, ImageOutputFormat, ImageQuality,
    ImageResponseFormat, ImageSize, ImageStyle, ImageVariationParams, InputFidelity,
};
use openai_types::shared::Metadata;
use serde::Serialize;
use serde_json::json;

use crate::support::{azure_inference_spec, openai_spec, validate_against};

fn assert_valid<T: Serialize>(spec: &serde_json::Value, schema: &str, label: &str, request: &T) {
    let value = serde_json::to_value(request).unwrap();
    if let Err(errors) = validate_against(spec, schema, &value) {
        panic!("{label}: {value}\n  {}", errors.join("\n  "));
    }
}

fn chat_requests() -> Vec<(&'static str, ChatCompletionRequest)> {
    let weather = Tool::function(
        "get_weather",
        "Weather for a city",
        Some(
            json!({"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}),
        ),
    );
    vec![
        (
            "minimal",
            ChatCompletionRequest::new("gpt-4o-mini", [ChatMessage::user("Hi")]),
        ),
        (
            "every role and content part",
            ChatCompletionRequest::new(
                "gpt-4o",
                [
                    ChatMessage::developer("Be brief."),
                    ChatMessage::system(vec![ContentPart::text("System text part")]),
                    ChatMessage::user(vec![
                        ContentPart::text("Look"),
                        ContentPart::image_url_with_detail("https://example.com/a.png", ImageDetail::High),
                        ContentPart::input_audio("UklGRg==", InputAudioFormat::Wav),
                        ContentPart::file_id("file-abc"),
                        ContentPart::file_data("a.pdf", "data:application/pdf;base64,JVBERi0="),
                    ]),
                    ChatMessage::assistant_tool_calls([ToolCall::Function(FunctionToolCall::new(
                        "call_1",
                        "get_weather",
                        "{\"city\":\"Paris\"}",
                    ))]),
                    ChatMessage::tool("call_1", "{\"temp\":21}"),
                    ChatMessage::assistant(vec![ContentPart::text("It is 21C.")]),
                ],
            ),
        ),
        (
            "tools, tool_choice and sampling",
            ChatCompletionRequest::new("gpt-4o", [ChatMessage::user("Weather in Paris?")])
                .tools(vec![weather.clone()])
                .tool_choice(ToolChoice::function("get_weather"))
                .parallel_tool_calls(false)
                .temperature(0.2)
                .top_p(0.9)
                .frequency_penalty(0.5)
                .presence_penalty(-0.5)
                .n(2u32)
                .seed(42i64)
                .stop(["END", "STOP"])
                .logprobs(true)
                .top_logprobs(3u8)
                .logit_bias([("50256".to_owned(), -100)].into_iter().collect::<std::collections::BTreeMap<_, _>>())
                .max_completion_tokens(256u32)
                .user("user-1")
                .safety_identifier("sid-1")
                .prompt_cache_key("cache-1"),
        ),
        (
            "tool_choice modes",
            ChatCompletionRequest::new("gpt-4o", [ChatMessage::user("x")])
                .tools(vec![weather])
                .tool_choice(ToolChoice::required()),
        ),
        (
            "structured output, store, metadata, service tier, reasoning",
            ChatCompletionRequest::new("o3-mini", [ChatMessage::user("List colors")])
                .response_format(ResponseFormat::json_schema(
                    "colors",
                    json!({"type": "object", "properties": {"colors": {"type": "array", "items": {"type": "string"}}}, "required": ["colors"], "additionalProperties": false}),
                ))
                .store(true)
                .metadata(Metadata::from([("team", "search")]))
                .service_tier(ServiceTier::Flex)
                .reasoning_effort(ReasoningEffort::High)
                .verbosity(Verbosity::Low)
                .max_tokens(100u32),
        ),
        (
            "json_object, audio, prediction, streaming options",
            ChatCompletionRequest::new("gpt-4o-audio-preview", [ChatMessage::user("Say hi as JSON")])
                .response_format(ResponseFormat::json_object())
                .modalities(vec![Modality::Text, Modality::Audio])
                .audio(AudioOutput::new(Voice::Alloy, AudioFormat::Wav))
                .prediction(Prediction::content("{\"hi\": true}"))
                .stream_options(StreamOptions::include_usage()),
        ),
        (
            "web search",
            ChatCompletionRequest::new("gpt-4o-search-preview", [ChatMessage::user("News?")]).web_search_options(
                WebSearchOptions::default()
                    .user_location(WebSearchUserLocation::approximate(
                        WebSearchLocation::default().country("FR").city("Paris"),
                    ))
                    .search_context_size(SearchContextSize::Low),
            ),
        ),
        (
            "legacy functions",
            ChatCompletionRequest::new("gpt-3.5-turbo", [ChatMessage::user("x")])
                .functions(vec![FunctionDefinition::new("f").description("does f").parameters(json!({"type": "object", "properties": {}}))])
                .function_call(FunctionCallOption::named("f")),
        ),
    ]
}

#[test]
fn chat_requests_validate_against_the_openai_spec() {
    let Some(spec) = openai_spec() else { return };
    for (label, request) in chat_requests() {
        assert_valid(
            spec,
            "#/components/schemas/CreateChatCompletionRequest",
            label,
            &request,
        );
    }
}

#[test]
fn azure_on_your_data_request_validates_against_the_azure_spec() {
    let Some(spec) = azure_inference_spec() else {
        return;
    };
    let mut source = AzureSearchDataSource::new(
        "https://s.search.windows.net",
        "docs",
        OnYourDataAuthentication::ApiKey("secret-key".into()),
    );
    source.parameters.top_n_documents = Some(5);
    source.parameters.in_scope = Some(true);
    let request = ChatCompletionRequest::new(
        "gpt-4o",
        [
            ChatMessage::system("Use the docs."),
            ChatMessage::user("What is X?"),
        ],
    )
    .data_sources(vec![AzureDataSource::AzureSearch(source)])
    .temperature(0.0);
    // Azure takes the model from the deployment in the path: its schema has no `model`.
    let mut value = serde_json::to_value(&request).unwrap();
    value.as_object_mut().unwrap().remove("model");
    if let Err(errors) = validate_against(
        spec,
        "#/components/schemas/createChatCompletionRequest",
        &value,
    ) {
        panic!("on your data: {value}\n  {}", errors.join("\n  "));
    }
    // The key is sent but never printed.
    assert!(
        serde_json::to_string(&request)
            .unwrap()
            .contains("secret-key")
    );
    assert!(!format!("{request:?}").contains("secret-key"));
}

#[test]
fn legacy_completion_requests_validate() {
    let Some(spec) = openai_spec() else { return };
    let schema = "#/components/schemas/CreateCompletionRequest";
    let requests = [
        CompletionRequest::new("gpt-3.5-turbo-instruct", "Say hi"),
        CompletionRequest::new("davinci-002", vec!["a", "b"])
            .n(2u32)
            .best_of(3u32)
            .echo(true)
            .logprobs(2u8)
            .suffix("end")
            .stop("\n")
            .max_tokens(5u32)
            .seed(1i64)
            .stream_options(StreamOptions::include_usage()),
        CompletionRequest::new("davinci-002", vec![1u32, 2, 3])
            .temperature(0.0)
            .top_p(1.0),
        CompletionRequest::new("davinci-002", vec![vec![1u32, 2], vec![3]])
            .user("u")
            .presence_penalty(0.1)
            .frequency_penalty(0.1),
    ];
    for (i, request) in requests.iter().enumerate() {
        assert_valid(spec, schema, &format!("completion {i}"), request);
    }
}

#[test]
fn embedding_requests_validate() {
    let Some(spec) = openai_spec() else { return };
    let schema = "#/components/schemas/CreateEmbeddingRequest";
    let inputs: [EmbeddingInput; 4] = [
        "one".into(),
        ["a", "b"].into(),
        vec![1u32, 2, 3].into(),
        vec![vec![1u32], vec![2u32, 3]].into(),
    ];
    for (i, input) in inputs.into_iter().enumerate() {
        let request = EmbeddingRequest::new("text-embedding-3-small", input)
            .encoding_format(EncodingFormat::Base64)
            .dimensions(256u32)
            .user("u");
        assert_valid(spec, schema, &format!("embedding {i}"), &request);
    }
}

#[test]
fn image_requests_validate() {
    let Some(spec) = openai_spec() else { return };
    let requests = [
        ImageGenerationRequest::new("a cat")
            .model("dall-e-3")
            .size(ImageSize::S1024x1792)
            .quality(ImageQuality::Hd)
            .style(ImageStyle::Natural)
            .response_format(ImageResponseFormat::B64Json)
            .n(1u32)
            .user("u"),
        ImageGenerationRequest::new("a logo")
            .model("gpt-image-1")
            .background(ImageBackground::Transparent)
            .output_format(ImageOutputFormat::Webp)
            .output_compression(80u8)
            .moderation(openai_types::images::ImageModeration::Low),
    ];
    for (i, request) in requests.iter().enumerate() {
        assert_valid(
            spec,
            "#/components/schemas/CreateImageRequest",
            &format!("image {i}"),
            request,
        );
    }
    // Multipart forms: every text field is a property the schema declares.
    let edit = ImageEditParams::new("add a hat")
        .model("gpt-image-1")
        .n(2u32)
        .size(ImageSize::S1024x1024)
        .quality(ImageQuality::High)
        .response_format(ImageResponseFormat::B64Json)
        .output_format(ImageOutputFormat::Png)
        .output_compression(90u8)
        .background(ImageBackground::Opaque)
        .input_fidelity(InputFidelity::High)
        .user("u");
    let variation = ImageVariationParams::new()
        .model("dall-e-2")
        .n(1u32)
        .response_format(ImageResponseFormat::Url)
        .size(ImageSize::S512x512)
        .user("u");
    for (schema, fields) in [
        ("CreateImageEditRequest", edit.form_fields()),
        ("CreateImageVariationRequest", variation.form_fields()),
    ] {
        let props = spec["components"]["schemas"][schema]["properties"]
            .as_object()
            .unwrap();
        assert!(fields.len() >= 5, "{schema}");
        for (name, _) in fields {
            assert!(props.contains_key(&name), "{schema} has no field {name}");
        }
    }
}
