//! The whole Assistants flow: upload a file, create an assistant with a function tool, start a
//! thread, run it, answer the tool call, read the reply and the run's steps, clean up.
//!
//! Runs offline against an in-process mock server by default. Set `OPENAI_API_KEY` (and
//! optionally `OPENAI_MODEL`) for api.openai.com, or `AZURE_OPENAI_ENDPOINT`,
//! `AZURE_OPENAI_API_KEY`, `AZURE_OPENAI_DEPLOYMENT` (and optionally `OPENAI_API_VERSION`) for
//! Azure OpenAI.
//!
//! ```text
//! cargo run -p openai-assistants --example assistants_quickstart
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Duration;

use core_http::{Credential, Endpoint, Error, HttpClient};
use openai_assistants::{AssistantsClient, FileInput, PollOptions, RunToolsOptions, ToolHandlers};
use openai_mock::MockServer;
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

/// A client for the real service when the environment names one, else for a mock started here.
/// Also returns the model (or Azure deployment) and how to poll.
async fn connect() -> Result<(HttpClient, String, PollOptions, Option<MockServer>), Error> {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    if let (Some(endpoint), Some(key)) = (env("AZURE_OPENAI_ENDPOINT"), env("AZURE_OPENAI_API_KEY"))
    {
        let version = env("OPENAI_API_VERSION").unwrap_or_else(|| "2024-05-01-preview".to_owned());
        let http = HttpClient::builder()
            .endpoint(Endpoint::azure(endpoint, version)?)
            .credential(Credential::azure_key(key))
            .build()?;
        let deployment = env("AZURE_OPENAI_DEPLOYMENT").unwrap_or_else(|| "gpt-4o-mini".to_owned());
        return Ok((http, deployment, PollOptions::new(), None));
    }
    if let Some(key) = env("OPENAI_API_KEY") {
        let http = HttpClient::builder()
            .endpoint(Endpoint::openai(core_http::OPENAI_BASE_URL)?)
            .credential(Credential::openai_key(key))
            .build()?;
        let model = env("OPENAI_MODEL").unwrap_or_else(|| "gpt-4o-mini".to_owned());
        return Ok((http, model, PollOptions::new(), None));
    }
    println!("(no OPENAI_API_KEY / AZURE_OPENAI_* set: using an in-process mock server)");
    let server = MockServer::start().await;
    let http = HttpClient::builder()
        .endpoint(Endpoint::openai(server.base_url())?)
        .credential(Credential::openai_key("sk-mock"))
        .build()?;
    // The mock advances a run one state per poll; no need to wait its 1 s hint.
    let poll = PollOptions::new().interval(Duration::from_millis(10));
    Ok((http, "gpt-4o-mini".to_owned(), poll, Some(server)))
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    let (http, model, poll, _server) = connect().await?;
    let client = AssistantsClient::new(&http);

    // 1. A data file the code interpreter may read.
    let file = client
        .files()
        .upload(
            FileInput::bytes(&b"city,temperature_c\nParis,22\nOslo,4\n"[..]),
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
    let handlers = ToolHandlers::new().function("get_weather", |call| async move {
        let args: serde_json::Value = serde_json::from_str(&call.function.arguments)
            .map_err(|e| format!("invalid arguments: {e}"))?;
        let city = args["city"].as_str().unwrap_or("somewhere");
        println!("  tool call: get_weather({city})");
        Ok::<_, String>(json!({"city": city, "temperature_c": 22, "sky": "sunny"}).to_string())
    });
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
        .list_all(&thread.id, ListParams::new().order(SortOrder::Asc));
    while let Some(message) = messages.next().await {
        let message = message?;
        println!("{:>9}: {}", message.role.as_str(), message.text());
    }
    let steps = client
        .run_steps()
        .list_all(&thread.id, &run.id, ListParams::new().order(SortOrder::Asc))
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
