//! Structured outputs: the schema sent, the typed parse, and its clear errors.

use core_http::ErrorKind;
use openai_inference::{Chat, parse_structured, response_format_for};
use openai_mock::{MockServer, Reply};
use openai_types::chat::{ChatCompletion, ChatCompletionRequest, ChatMessage};
use serde_json::{Value, json};

use crate::support;

#[derive(Debug, PartialEq, serde::Deserialize, schemars::JsonSchema)]
struct CalendarEvent {
    name: String,
    date: String,
    participants: Vec<String>,
}

fn reply(message: Value, finish_reason: &str) -> Value {
    json!({
        "id": "chatcmpl-s", "object": "chat.completion", "created": 1, "model": "gpt-4o-mini",
        "choices": [{"index": 0, "finish_reason": finish_reason, "message": message}]
    })
}

#[tokio::test]
async fn schema_is_sent_and_the_answer_parses() {
    let server = MockServer::start().await;
    server.on("POST", "/v1/chat/completions").respond(Reply::json(
        200,
        reply(
            json!({"role": "assistant", "content": r#"{"name":"Science fair","date":"Friday","participants":["Alice","Bob"]}"#}),
            "stop",
        ),
    ));
    let http = support::openai(&server);
    let request = ChatCompletionRequest::new(
        "gpt-4o-2024-08-06",
        [ChatMessage::user(
            "Alice and Bob are going to a science fair on Friday.",
        )],
    )
    .response_format(response_format_for::<CalendarEvent>());

    let completion = Chat::new(&http).create(&request).await.unwrap();
    let event: CalendarEvent = parse_structured(&completion).unwrap();

    assert_eq!(event.participants, ["Alice", "Bob"]);
    let sent = &server.requests()[0];
    insta::assert_json_snapshot!(
        "structured_response_format",
        sent.json.as_ref().unwrap()["response_format"]
    );
}

fn completion(message: Value, finish_reason: &str) -> ChatCompletion {
    serde_json::from_value(reply(message, finish_reason)).unwrap()
}

#[test]
fn refusal_length_filter_and_mismatch_are_clear_errors() {
    let refused = completion(
        json!({"role": "assistant", "content": null, "refusal": "I can't help with that."}),
        "stop",
    );
    let cut = completion(
        json!({"role": "assistant", "content": "{\"name\": \"Sci"}),
        "length",
    );
    let filtered = completion(
        json!({"role": "assistant", "content": ""}),
        "content_filter",
    );
    let mismatch = completion(
        json!({"role": "assistant", "content": r#"{"name":"x","date":"y","participants":[1]}"#}),
        "stop",
    );

    let messages: Vec<String> = [refused, cut, filtered, mismatch]
        .iter()
        .map(|c| {
            let err = parse_structured::<CalendarEvent>(c).unwrap_err();
            assert!(matches!(err.kind(), ErrorKind::Decode));
            err.to_string()
        })
        .collect();
    insta::assert_json_snapshot!("structured_error_displays", messages);
}
