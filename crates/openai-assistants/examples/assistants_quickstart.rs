//! The whole Assistants flow: upload a file, create an assistant with a function tool, start a
//! thread, run it, answer the tool call, read the reply and the run's steps, clean up.
//!
//! Runs offline against an in-process mock server by default. Set `OPENAI_API_KEY` (and
//! optionally `OPENAI_MODEL`) for api.openai.com, or `AZURE_OPENAI_ENDPOINT`,
//! `AZURE_OPENAI_API_KEY`, `AZURE_OPENAI_DEPLOYMENT` (and optionally `OPENAI_API_VERSION`) for
//! Azure OpenAI.
//!
//! ```text
//! cargo run -p openai-azure-assistants --example assistants_quickstart
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use core_http::Error;
use core_http::kit::UploadSource;
use openai_assistants::{AssistantsClient, RunToolsOptions, RunnableTool, Toolbox};
use openai_types::assistants::{
    AssistantTool, CodeInterpreterResources, CreateAssistantRequest, FunctionDefinition,
    ToolResources,
};
use openai_types::files::{FilePurpose, FileUploadParams};
use openai_types::messages::CreateMessageRequest;
use openai_types::runs::{CreateRunRequest, RunStatus};
use openai_types::shared::{ListParams, SortOrder};
use openai_types::threads::CreateThreadRequest;
use serde_json::json;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    let (http, model, poll, _server) = common::connect().await?;
    let client = AssistantsClient::new(&http);

    // 1. A data file the code interpreter may read.
    let file = client
        .files()
        .create(
            UploadSource::bytes(&b"city,temperature_c\nParis,22\nOslo,4\n"[..]),
            &FileUploadParams::new(FilePurpose::Assistants).filename("temperatures.csv"),
        )
        .await?;
    println!("uploaded {} ({} bytes)", file.id, file.bytes);

    // 2. An assistant with a function tool.
    let get_weather = FunctionDefinition::new("get_weather")
        .description("Current weather for a city")
        .parameters(json!({
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"]
        }));
    let assistant = client
        .assistants()
        .create(
            &CreateAssistantRequest::new(&model)
                .name("Weather helper")
                .instructions("Answer weather questions. Always call get_weather.")
                .tools(vec![
                    AssistantTool::function(get_weather),
                    AssistantTool::code_interpreter(),
                ])
                .tool_resources(
                    ToolResources::new()
                        .code_interpreter(CodeInterpreterResources::new([file.id.clone()])),
                ),
        )
        .await?;
    println!("assistant {}", assistant.id);

    // 3. A thread with the user's question.
    let thread = client.threads().create(&CreateThreadRequest::new()).await?;
    client
        .messages()
        .create(
            &thread.id,
            &CreateMessageRequest::user("What's the weather in Paris?"),
        )
        .await?;

    // 4. Run it; it stops at requires_action when the model calls get_weather.
    let run = client
        .runs()
        .create_and_poll(&thread.id, &CreateRunRequest::new(&assistant.id), &poll)
        .await?;
    println!("run {} is {}", run.id, run.status);

    // 5. Answer tool calls until the run is done.
    let handlers = Toolbox::new().with(RunnableTool::new(
        "get_weather",
        "Current weather for a city",
        json!({"type": "object", "properties": {"city": {"type": "string"}}}),
        |args: serde_json::Value| async move {
            let city = args["city"].as_str().unwrap_or("somewhere").to_owned();
            println!("  tool call: get_weather({city})");
            Ok::<_, String>(json!({"city": city, "temperature_c": 22, "sky": "sunny"}).to_string())
        },
    ));
    let run = client
        .runs()
        .run_tools(
            &thread.id,
            run,
            &handlers,
            &RunToolsOptions::new().poll(poll.clone()),
        )
        .await?;
    println!("run {} ended {}", run.id, run.status);
    if run.status != RunStatus::Completed {
        println!("  last error: {:?}", run.last_error);
    }

    // 6. The conversation, oldest first, and what the run did.
    let mut messages = client
        .messages()
        .list_all(&thread.id, &ListParams::new().order(SortOrder::Asc));
    while let Some(message) = messages.next().await {
        let message = message?;
        println!("{:>9}: {}", message.role.as_str(), message.text());
    }
    let steps = client
        .run_steps()
        .list_all(
            &thread.id,
            &run.id,
            &ListParams::new().order(SortOrder::Asc),
        )
        .try_collect()
        .await?;
    for step in &steps {
        println!(
            "step {} {} {}",
            step.id,
            step.kind.as_str(),
            step.status.as_str()
        );
    }

    // 7. Clean up.
    client.threads().delete(&thread.id).await?;
    client.assistants().delete(&assistant.id).await?;
    client.files().delete(&file.id).await?;
    println!("cleaned up");
    Ok(())
}
