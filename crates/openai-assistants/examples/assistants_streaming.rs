//! A streamed run: print the assistant's text as it arrives, answer its tool call from the
//! stream, and fold the message deltas with `MessageDeltaAccumulator`.
//!
//! Runs offline against an in-process mock server by default. Set `OPENAI_API_KEY` (and
//! optionally `OPENAI_MODEL`) for api.openai.com, or `AZURE_OPENAI_ENDPOINT`,
//! `AZURE_OPENAI_API_KEY`, `AZURE_OPENAI_DEPLOYMENT` (and optionally `OPENAI_API_VERSION`) for
//! Azure OpenAI.
//!
//! ```text
//! cargo run -p openai-azure-assistants --example assistants_streaming
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::io::Write;

use core_http::Error;
use openai_assistants::{
    AssistantEventStream, AssistantsClient, RunnableTool, Toolbox, execute_tool_calls,
};
use openai_types::assistant_stream::AssistantStreamEvent;
use openai_types::assistants::{AssistantTool, CreateAssistantRequest, FunctionDefinition};
use openai_types::messages::{CreateMessageRequest, MessageDeltaAccumulator, MessageDeltaContent};
use openai_types::runs::{Run, RunStatus, SubmitToolOutputsRequest};
use openai_types::threads::{CreateThreadAndRunRequest, CreateThreadRequest};
use serde_json::json;

/// Prints text deltas as they arrive and folds every message; returns the last run snapshot.
async fn follow(
    stream: &mut AssistantEventStream,
    messages: &mut MessageDeltaAccumulator,
) -> Result<Option<Run>, Error> {
    let mut last_run = None;
    while let Some(event) = stream.next().await {
        let event = event?;
        messages.push_event(&event);
        match &event {
            AssistantStreamEvent::ThreadMessageDelta(delta) => {
                for part in delta.delta.content.iter().flatten() {
                    if let MessageDeltaContent::Text(text) = part {
                        if let Some(fragment) = text.text.as_ref().and_then(|t| t.value.as_deref())
                        {
                            print!("{fragment}");
                            let _ = std::io::stdout().flush();
                        }
                    }
                }
            }
            AssistantStreamEvent::ThreadMessageCompleted(message) => {
                messages.start(message);
                println!();
            }
            AssistantStreamEvent::Unknown { event, .. } => println!("[unknown event {event}]"),
            other => {
                if let Some(run) = other.run() {
                    println!("[{}]", other.event_name());
                    let stop = run.status == RunStatus::RequiresAction;
                    last_run = Some(run.clone());
                    if stop {
                        break;
                    }
                }
            }
        }
    }
    Ok(last_run)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    let (http, model, _poll, _server) = common::connect().await?;
    let client = AssistantsClient::new(&http);

    let assistant = client
        .assistants()
        .create(
            &CreateAssistantRequest::new(&model)
                .instructions("Answer weather questions. Always call get_weather.")
                .tools(vec![AssistantTool::function(
                    FunctionDefinition::new("get_weather").parameters(json!({
                        "type": "object",
                        "properties": {"city": {"type": "string"}},
                        "required": ["city"]
                    })),
                )]),
        )
        .await?;

    // Create the thread and the run in one streamed request.
    let mut stream = client
        .runs()
        .create_thread_and_run_stream(&CreateThreadAndRunRequest::new(&assistant.id).thread(
            CreateThreadRequest::new().messages(vec![CreateMessageRequest::user(
                "What's the weather in Oslo?",
            )]),
        ))
        .await?;
    println!("streaming (request id {:?})", stream.request_id());
    let mut messages = MessageDeltaAccumulator::new();
    let mut run = follow(&mut stream, &mut messages).await?;

    let handlers = Toolbox::new().with(RunnableTool::new(
        "get_weather",
        "Current weather for a city",
        serde_json::json!({"type": "object", "properties": {"city": {"type": "string"}}}),
        |args: serde_json::Value| async move {
            println!("[tool call get_weather {args}]");
            Ok::<_, String>(r#"{"temperature_c": 4, "sky": "snow"}"#)
        },
    ));
    while let Some(current) = run.take() {
        if current.status != RunStatus::RequiresAction {
            println!("run {} ended {}", current.id, current.status);
            break;
        }
        let outputs = execute_tool_calls(&handlers, current.required_tool_calls()).await?;
        let mut stream = client
            .runs()
            .submit_tool_outputs_stream(
                &current.thread_id,
                &current.id,
                &SubmitToolOutputsRequest::new(outputs),
            )
            .await?;
        run = follow(&mut stream, &mut messages).await?;
    }

    for message in messages.messages() {
        println!("{} said: {}", message.role.as_str(), message.text());
    }
    client.assistants().delete(&assistant.id).await?;
    Ok(())
}
