//! The full Assistants scenario, by polling: upload a file, create an assistant with a function
//! tool, a thread and a message, run → requires_action → submit outputs → completed, then list
//! the messages and the run steps. In OpenAI and Azure mode.

use std::time::Duration;

use core_http::kit::UploadSource;
use openai_assistants::{AssistantsClient, PollOptions, RunToolsOptions, RunnableTool, Toolbox};
use openai_mock::MockServer;
use openai_types::assistants::{CodeInterpreterResources, CreateAssistantRequest, ToolResources};
use openai_types::files::{FilePurpose, FileUploadParams};
use openai_types::messages::{CreateMessageRequest, MessageRole};
use openai_types::runs::{CreateRunRequest, RunStatus, SubmitToolOutputsRequest, ToolOutput};
use openai_types::shared::{ListParams, SortOrder};
use openai_types::threads::CreateThreadRequest;

use crate::support::{Mode, client, weather_tool};

async fn scenario(mode: Mode) {
    let server = MockServer::start().await;
    let http = client(&server, mode);
    let client = AssistantsClient::new(&http);
    let fast = PollOptions::new().interval(Duration::from_millis(1));

    let file = client
        .files()
        .create(
            UploadSource::bytes(&b"city,temp\nParis,22\n"[..]),
            &FileUploadParams::new(FilePurpose::Assistants).filename("weather.csv"),
        )
        .await
        .unwrap();
    let assistant = client
        .assistants()
        .create(
            &CreateAssistantRequest::new("gpt-4o-mini")
                .instructions("Answer with the weather tool.")
                .tools(vec![weather_tool()])
                .tool_resources(
                    ToolResources::new()
                        .code_interpreter(CodeInterpreterResources::new([file.id.clone()])),
                ),
        )
        .await
        .unwrap();
    let thread = client
        .threads()
        .create(&CreateThreadRequest::new())
        .await
        .unwrap();
    client
        .messages()
        .create(
            &thread.id,
            &CreateMessageRequest::user("What's the weather in Paris?"),
        )
        .await
        .unwrap();

    let run = client
        .runs()
        .create_and_poll(&thread.id, &CreateRunRequest::new(&assistant.id), &fast)
        .await
        .unwrap();
    assert_eq!(run.status, RunStatus::RequiresAction);
    let calls = run.required_tool_calls();
    assert_eq!(calls.len(), 1);
    let call_id = calls[0].id().unwrap().to_owned();

    let run = client
        .runs()
        .submit_tool_outputs_and_poll(
            &thread.id,
            &run.id,
            &SubmitToolOutputsRequest::new([ToolOutput::new(call_id, "22C and sunny")]),
            &fast,
        )
        .await
        .unwrap();
    assert_eq!(run.status, RunStatus::Completed);
    assert!(run.usage.is_some());

    let messages = client
        .messages()
        .list_all(&thread.id, &ListParams::new().order(SortOrder::Asc))
        .try_collect()
        .await
        .unwrap();
    let transcript: Vec<(String, String)> = messages
        .iter()
        .map(|m| (m.role.as_str().to_owned(), m.text()))
        .collect();
    assert_eq!(
        transcript,
        [
            ("user".to_owned(), "What's the weather in Paris?".to_owned()),
            (
                "assistant".to_owned(),
                "Echo: What's the weather in Paris? (tool outputs: get_weather=22C and sunny)"
                    .to_owned()
            ),
        ]
    );
    assert_eq!(messages[1].role, MessageRole::Assistant);

    let steps = client
        .run_steps()
        .list_all(
            &thread.id,
            &run.id,
            &ListParams::new().order(SortOrder::Asc),
        )
        .try_collect()
        .await
        .unwrap();
    let kinds: Vec<(String, String)> = steps
        .iter()
        .map(|s| (s.kind.as_str().to_owned(), s.status.as_str().to_owned()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("tool_calls".to_owned(), "completed".to_owned()),
            ("message_creation".to_owned(), "completed".to_owned()),
        ]
    );

    // Every Assistants request of the scenario carried the v2 header (`/files` calls carry
    // none), on resource-scoped routes.
    for req in server.requests() {
        let beta = (!req.path.contains("/files")).then_some("assistants=v2");
        assert_eq!(req.header("openai-beta"), beta, "{}", req.path);
        assert!(req.path.starts_with(mode.prefix()), "{}", req.path);
    }
}

#[tokio::test]
async fn full_scenario_openai() {
    scenario(Mode::OpenAi).await;
}

#[tokio::test]
async fn full_scenario_azure() {
    scenario(Mode::Azure).await;
}

/// The tool loop answers `requires_action` with the registered handler and polls to the end.
#[tokio::test]
async fn run_tools_polling_answers_with_the_handler() {
    let server = MockServer::start().await;
    let http = client(&server, Mode::OpenAi);
    let client = AssistantsClient::new(&http);
    let assistant = client
        .assistants()
        .create(&CreateAssistantRequest::new("gpt-4o-mini").tools(vec![weather_tool()]))
        .await
        .unwrap();
    let thread = client
        .threads()
        .create(&CreateThreadRequest::new().messages(vec![CreateMessageRequest::user("Weather?")]))
        .await
        .unwrap();
    let run = client
        .runs()
        .create(&thread.id, &CreateRunRequest::new(&assistant.id))
        .await
        .unwrap();
    let handlers = Toolbox::new().with(RunnableTool::new(
        "get_weather",
        "Current weather for a city",
        serde_json::json!({"type": "object", "properties": {"city": {"type": "string"}}}),
        |args: serde_json::Value| async move {
            Ok::<_, String>(format!("sunny in {}", args["city"].as_str().unwrap_or("?")))
        },
    ));
    let options =
        RunToolsOptions::new().poll(PollOptions::new().interval(Duration::from_millis(1)));
    let run = client
        .runs()
        .run_tools(&thread.id, run, &handlers, &options)
        .await
        .unwrap();
    assert_eq!(run.status, RunStatus::Completed);

    let submit = server
        .requests()
        .into_iter()
        .find(|r| r.path.ends_with("/submit_tool_outputs"))
        .unwrap();
    let outputs = &submit.json.as_ref().unwrap()["tool_outputs"];
    assert_eq!(outputs[0]["output"], "sunny in Weather?");
    let last = client
        .messages()
        .list(&thread.id, &ListParams::new().limit(1u32))
        .await
        .unwrap();
    assert_eq!(
        last.data[0].text(),
        "Echo: Weather? (tool outputs: get_weather=sunny in Weather?)"
    );
}
