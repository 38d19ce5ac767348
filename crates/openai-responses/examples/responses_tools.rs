//! The tool loop: the model calls `get_weather`, the runner executes it and sends the output
//! back with `previous_response_id`, until the model answers.
//! Run: `cargo run -p openai-azure-responses --example responses_tools`.

mod common;

use openai_responses::{Responses, ResponsesToolRunner, RunnableTool, ToolError};
use openai_types::responses::ResponseCreateRequest;
use serde_json::json;

#[tokio::main]
async fn main() -> Result<(), openai_responses::Error> {
    let setup = common::openai("gpt-4.1-mini").await?;
    let weather = RunnableTool::new(
        "get_weather",
        "Current weather for a city",
        json!({
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
            "additionalProperties": false
        }),
        |args: serde_json::Value| async move {
            let city = args["city"].as_str().unwrap_or("somewhere").to_owned();
            Ok::<_, ToolError>(format!("22°C and sunny in {city}"))
        },
    )
    .strict(true);
    let request = ResponseCreateRequest::new(
        &setup.model,
        "What is the weather in Paris? Use get_weather.",
    );
    let run = ResponsesToolRunner::new([weather])
        .max_rounds(5)
        .run(&Responses::new(&setup.http), &request)
        .await?;
    for call in &run.calls {
        println!(
            "[round {}] {}({}) -> {}",
            call.round, call.name, call.arguments, call.output
        );
    }
    println!(
        "answer after {} responses: {}",
        run.rounds,
        run.output_text()
    );
    Ok(())
}
