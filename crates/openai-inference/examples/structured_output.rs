//! Structured outputs: a JSON schema derived from a Rust type, and a typed parse of the reply.
//! Run: `cargo run -p openai-azure-inference --features schemars --example structured_output`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use openai_inference::{Chat, parse_structured};
use openai_types::chat::{ChatCompletionRequest, ChatMessage, ResponseFormat};

#[derive(Debug, serde::Deserialize, schemars::JsonSchema)]
#[allow(dead_code)] // printed with Debug only
struct CalendarEvent {
    name: String,
    date: String,
    participants: Vec<String>,
}

#[tokio::main]
async fn main() -> Result<(), openai_inference::Error> {
    let setup = common::openai("gpt-4o-2024-08-06").await?;

    let request = ChatCompletionRequest::new(
        &setup.model,
        [
            ChatMessage::system("Extract the event information."),
            ChatMessage::user("Alice and Bob are going to a science fair on Friday."),
        ],
    )
    .response_format(response_format());

    if let Some(mock) = &setup.mock {
        // The mock echoes text; script the JSON a model would produce.
        mock.on("POST", "/v1/chat/completions").respond(openai_mock::Reply::json(
            200,
            serde_json::json!({
                "id": "chatcmpl-demo", "object": "chat.completion", "created": 0, "model": setup.model,
                "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant",
                    "content": "{\"name\":\"Science fair\",\"date\":\"Friday\",\"participants\":[\"Alice\",\"Bob\"]}"}}]
            }),
        ));
    }

    let completion = Chat::new(&setup.http).create(&request).await?;
    // Refusals, truncation and schema mismatches come back as clear errors.
    let event: CalendarEvent = parse_structured(&completion)?;
    println!("{event:#?}");
    Ok(())
}

#[cfg(feature = "schemars")]
fn response_format() -> ResponseFormat {
    openai_inference::response_format_for::<CalendarEvent>()
}

/// Without the `schemars` feature, write the schema by hand.
#[cfg(not(feature = "schemars"))]
fn response_format() -> ResponseFormat {
    ResponseFormat::json_schema(
        "CalendarEvent",
        serde_json::json!({
            "type": "object",
            "properties": {
                "name": {"type": "string"},
                "date": {"type": "string"},
                "participants": {"type": "array", "items": {"type": "string"}}
            },
            "required": ["name", "date", "participants"],
            "additionalProperties": false
        }),
    )
}
