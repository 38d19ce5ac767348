//! The tool-calling loop: the model asks for tools, the runner executes them (in parallel when
//! several), sends the results back, and repeats until a final answer.
//! Run: `cargo run -p openai-azure-inference --example tool_calls`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use openai_inference::{Chat, RunnableTool, ToolError, ToolRunner};
use openai_types::chat::{ChatCompletionRequest, ChatMessage};
use serde_json::{Value, json};

#[tokio::main]
async fn main() -> Result<(), openai_inference::Error> {
    let setup = common::openai("gpt-4o-mini").await?;

    // A tool = definition (name, description, JSON Schema) + an async handler.
    let weather = RunnableTool::new(
        "get_weather",
        "Current weather for a city",
        json!({
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"]
        }),
        |args: Value| async move {
            let city = args["city"].as_str().unwrap_or("somewhere");
            // A real handler would call a weather API here.
            Ok::<_, ToolError>(format!(
                "{{\"city\": \"{city}\", \"sky\": \"clear\", \"celsius\": 21}}"
            ))
        },
    );

    let request = ChatCompletionRequest::new(
        &setup.model,
        [ChatMessage::user(
            "Use get_weather: what's the weather in Paris?",
        )],
    );
    let chat = Chat::new(&setup.http);

    // Streamed variant: print the final answer as it arrives.
    let run = ToolRunner::new([weather])
        .max_rounds(5)
        .run_streaming(&chat, &request, |chunk| {
            print!("{}", chunk.delta_text().unwrap_or_default());
        })
        .await?;
    println!();

    for call in &run.calls {
        println!(
            "called {}({}) -> {}",
            call.name, call.arguments, call.output
        );
    }
    println!("rounds: {}, final: {}", run.rounds, run.is_final());
    Ok(())
}
