//! The mock's ready-made replies, decoded by this SDK: every builder produces something the
//! client reads back as the scripted content; recorded requests name the credential by
//! fingerprint and never show it.

use openai_mock::{Fingerprint, MockServer, RecordedAuth, Reply};
use openai_sdk::Client;
use openai_sdk::audio::{SpeechRequest, TranscriptionRequest, TranscriptionUsage};
use openai_sdk::chat::{ChatCompletionRequest, ChatMessage, FinishReason, ToolCall};
use openai_sdk::responses::{ResponseCreateRequest, ResponseStreamEvent};
use serde_json::{Value, json};

const KEY: &str = "sk-mock-replies-canary";

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.base_url())
        .api_key(KEY)
        .build()
        .unwrap()
}

fn hello() -> ChatCompletionRequest {
    ChatCompletionRequest::new("gpt-4o-mini", [ChatMessage::user("hello")])
}

#[tokio::test]
async fn chat_text_decodes_as_the_scripted_completion() {
    let server = MockServer::start().await;
    server.on("POST", "/v1/chat/completions").respond(
        Reply::chat_text("Scripted answer.")
            .model("gpt-4.1")
            .finish_reason("length")
            .usage(11, 2),
    );
    let completion = client(&server).chat().create(&hello()).await.unwrap();
    assert_eq!(completion.first_content(), Some("Scripted answer."));
    assert_eq!(completion.model, "gpt-4.1");
    let choice = completion.first_choice().unwrap();
    assert_eq!(choice.finish_reason, Some(FinishReason::Length));
    let usage = completion.usage.unwrap();
    assert_eq!(
        (
            usage.prompt_tokens,
            usage.completion_tokens,
            usage.total_tokens
        ),
        (11, 2, 13)
    );
}

#[tokio::test]
async fn tool_calls_decode_with_their_ids_names_and_arguments() {
    let server = MockServer::start().await;
    server
        .on("POST", "/v1/chat/completions")
        .respond(Reply::tool_calls([
            ("call_weather", "get_weather", json!({"city": "Paris"})),
            ("call_time", "get_time", json!({"zone": "CET", "24h": true})),
        ]));
    let completion = client(&server).chat().create(&hello()).await.unwrap();
    let calls: Vec<(String, String, Value)> = completion
        .first_tool_calls()
        .iter()
        .map(|call| match call {
            ToolCall::Function(f) => (
                f.id.clone(),
                f.function.name.clone(),
                serde_json::from_str(&f.function.arguments).unwrap(),
            ),
            other => panic!("not a function call: {other:?}"),
        })
        .collect();
    assert_eq!(
        calls,
        [
            (
                "call_weather".to_owned(),
                "get_weather".to_owned(),
                json!({"city": "Paris"})
            ),
            (
                "call_time".to_owned(),
                "get_time".to_owned(),
                json!({"zone": "CET", "24h": true})
            ),
        ]
    );
    assert_eq!(
        completion.first_choice().unwrap().finish_reason,
        Some(FinishReason::ToolCalls)
    );
}

#[tokio::test]
async fn chat_stream_text_accumulates_to_the_scripted_text() {
    let text = "A streamed answer,  with  odd spacing\nand a second line.";
    let server = MockServer::start().await;
    server
        .on("POST", "/v1/chat/completions")
        .respond(Reply::chat_stream_text(text).usage(4, 9));
    let mut stream = client(&server)
        .chat()
        .create_stream(&hello())
        .await
        .unwrap();
    let mut received = String::new();
    let mut deltas = 0;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.unwrap();
        if let Some(piece) = chunk.delta_text().filter(|p| !p.is_empty()) {
            received.push_str(piece);
            deltas += 1;
        }
    }
    assert_eq!(received, text);
    assert!(deltas > 1, "the text arrives in several deltas");
    let completion = stream.snapshot();
    assert_eq!(completion.first_content(), Some(text));
    assert_eq!(
        completion.first_choice().unwrap().finish_reason,
        Some(FinishReason::Stop)
    );
    assert_eq!(completion.usage.unwrap().total_tokens, 13);
}

#[tokio::test]
async fn chat_stream_chunks_and_streamed_tool_calls_accumulate() {
    let server = MockServer::start().await;
    server.on("POST", "/v1/chat/completions").respond_seq([
        Reply::chat_stream_chunks(["Hel", "lo", ", wor", "ld"]).into(),
        Reply::from(
            Reply::tool_calls([("call_1", "lookup", json!({"query": "rust sdk"}))]).stream(),
        ),
    ]);
    let client = client(&server);
    let text = client
        .chat()
        .create_stream(&hello())
        .await
        .unwrap()
        .into_completion()
        .await
        .unwrap();
    assert_eq!(text.first_content(), Some("Hello, world"));

    let call = client
        .chat()
        .create_stream(&hello())
        .await
        .unwrap()
        .into_completion()
        .await
        .unwrap();
    let [ToolCall::Function(f)] = call.first_tool_calls() else {
        panic!("one function call expected: {call:?}");
    };
    assert_eq!(
        (f.id.as_str(), f.function.name.as_str()),
        ("call_1", "lookup")
    );
    assert_eq!(f.function.arguments, r#"{"query":"rust sdk"}"#);
}

#[tokio::test]
async fn response_text_decodes_as_a_completed_response() {
    let server = MockServer::start().await;
    server.on("POST", "/v1/responses").respond(
        Reply::response_text("Scripted response.")
            .id("resp_42")
            .usage(8, 2),
    );
    let request = ResponseCreateRequest::new("gpt-4.1-mini", "hello");
    let response = client(&server).responses().create(&request).await.unwrap();
    assert_eq!(response.id, "resp_42");
    assert_eq!(response.output_text(), "Scripted response.");
    let usage = response.usage.unwrap();
    assert_eq!((usage.input_tokens, usage.output_tokens), (8, 2));
}

#[tokio::test]
async fn response_stream_text_yields_the_text_and_the_final_usage() {
    let text = "Streamed through the Responses API.";
    let server = MockServer::start().await;
    server.on("POST", "/v1/responses").respond(
        Reply::response_stream_text(text)
            .model("gpt-4.1")
            .usage(12, 5),
    );
    let request = ResponseCreateRequest::new("gpt-4.1", "hello");
    let mut stream = client(&server)
        .responses()
        .create_stream(&request)
        .await
        .unwrap();
    let mut deltas = String::new();
    let mut completed = None;
    while let Some(event) = stream.next().await {
        match event.unwrap() {
            ResponseStreamEvent::OutputTextDelta(delta) => deltas.push_str(&delta.delta),
            ResponseStreamEvent::Completed(done) => completed = Some(done.response),
            _ => {}
        }
    }
    assert_eq!(deltas, text);
    let completed = completed.expect("a response.completed event");
    assert_eq!(completed.output_text(), text);
    assert_eq!(completed.model, "gpt-4.1");
    let usage = completed.usage.unwrap();
    assert_eq!((usage.input_tokens, usage.output_tokens), (12, 5));
    assert_eq!(stream.snapshot().output_text(), text);
}

#[tokio::test]
async fn transcription_text_decodes_with_its_usage() {
    let server = MockServer::start().await;
    server.on("POST", "/v1/audio/transcriptions").respond_seq([
        Reply::transcription_text("Bonjour tout le monde."),
        Reply::transcription_text("Hello.").model("whisper-1"),
    ]);
    let client = client(&server);
    let request = TranscriptionRequest::new("gpt-4o-transcribe");
    let audio = || openai_sdk::UploadSource::bytes(vec![0u8; 16]).file_name("a.mp3");
    let first = client
        .audio()
        .transcriptions()
        .create(audio(), &request)
        .await
        .unwrap();
    assert_eq!(first.text, "Bonjour tout le monde.");
    let Some(TranscriptionUsage::Tokens(tokens)) = first.usage else {
        panic!("token usage expected: {:?}", first.usage);
    };
    assert_eq!(tokens.output_tokens, 4);
    let second = client
        .audio()
        .transcriptions()
        .create(audio(), &request)
        .await
        .unwrap();
    assert_eq!(second.text, "Hello.");
    assert!(matches!(
        second.usage,
        Some(TranscriptionUsage::Duration(_))
    ));
}

#[tokio::test]
async fn speech_bytes_arrive_unchanged() {
    let audio: Vec<u8> = (0..=255u8).cycle().take(10_000).collect();
    let server = MockServer::start().await;
    server
        .on("POST", "/v1/audio/speech")
        .respond(Reply::speech_bytes("mp3", audio.clone()));
    let request = SpeechRequest::new("gpt-4o-mini-tts", "Hello", "coral");
    let speech = client(&server)
        .audio()
        .speech()
        .create(&request)
        .await
        .unwrap();
    assert_eq!(speech.bytes().await.unwrap(), audio);
}

#[tokio::test]
async fn recorded_auth_names_the_key_by_fingerprint_only() {
    let server = MockServer::start().await;
    server
        .on("POST", "/v1/chat/completions")
        .respond(Reply::chat_text("ok"));
    server
        .on("POST", "/openai/v1/chat/completions")
        .respond(Reply::chat_text("ok"));
    client(&server).chat().create(&hello()).await.unwrap();
    let azure_key = "azure-mock-replies-canary";
    Client::builder()
        .azure_endpoint(server.azure_endpoint())
        .azure_api_key(azure_key)
        .build()
        .unwrap()
        .chat()
        .create(&hello())
        .await
        .unwrap();

    let [openai, azure] = server.requests().try_into().unwrap();
    assert_eq!(openai.auth(), RecordedAuth::Bearer(Fingerprint::of(KEY)));
    assert!(openai.auth_matches(KEY));
    assert!(!openai.auth_matches(azure_key));
    assert_eq!(azure.path, "/openai/v1/chat/completions");
    assert_eq!(
        azure.auth(),
        RecordedAuth::ApiKey(Fingerprint::of(azure_key))
    );
    assert!(azure.auth_matches(azure_key));

    for record in [&openai, &azure] {
        let shown = format!(
            "{record:?} {record:#?} {} {:?}",
            serde_json::to_string(record).unwrap(),
            record.auth()
        );
        assert!(!shown.contains("canary"), "{shown}");
        assert!(
            record.headers.iter().all(|(_, v)| !v.contains("canary")),
            "{record:?}"
        );
    }
}

#[test]
fn chat_text_body_snapshot() {
    let reply = Reply::from(Reply::chat_text("Hello from the mock.").usage(9, 4));
    let body: Value = serde_json::from_slice(&reply.body()).unwrap();
    insta::assert_json_snapshot!("mock_reply_chat_text", body);
}

#[test]
fn response_stream_events_snapshot() {
    let reply = Reply::from(Reply::response_stream_text("Hi there").usage(3, 2));
    let body = String::from_utf8(reply.body().to_vec()).unwrap();
    let events: Vec<Value> = body
        .split_terminator("\n\n")
        .map(|block| {
            let data = block.split_once("\ndata: ").unwrap().1;
            serde_json::from_str(data).unwrap()
        })
        .collect();
    insta::assert_json_snapshot!("mock_reply_response_stream", events);
}
