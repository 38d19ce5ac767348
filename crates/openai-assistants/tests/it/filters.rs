//! Typed list filters: messages by `run_id`, run steps with `include[]`, in OpenAI and Azure
//! mode. The filters reach the wire on the first page and on the pages after it.

use std::time::Duration;

use openai_assistants::{AssistantsClient, PollOptions};
use openai_mock::MockServer;
use openai_types::assistants::CreateAssistantRequest;
use openai_types::messages::{CreateMessageRequest, MessageListParams};
use openai_types::run_steps::{RunStepInclude, RunStepListParams};
use openai_types::runs::{CreateRunRequest, Run, SubmitToolOutputsRequest, ToolOutput};
use openai_types::shared::{ListParams, SortOrder};
use openai_types::threads::CreateThreadRequest;
use serde_json::{Value, json};

use crate::support::{Mode, client, normalize, weather_tool};

/// Runs the assistant on the thread to completion, answering its one tool call: two steps
/// (tool calls, then the message).
async fn run_to_completion(client: &AssistantsClient<'_>, thread: &str, assistant: &str) -> Run {
    let fast = PollOptions::new().interval(Duration::from_millis(1));
    let run = client
        .runs()
        .create_and_poll(thread, &CreateRunRequest::new(assistant), &fast)
        .await
        .unwrap();
    let call = run.required_tool_calls()[0].id().unwrap().to_owned();
    client
        .runs()
        .submit_tool_outputs_and_poll(
            thread,
            &run.id,
            &SubmitToolOutputsRequest::new([ToolOutput::new(call, "22C")]),
            &fast,
        )
        .await
        .unwrap()
}

/// The query pairs of the `GET`s whose path ends with `suffix`, in order (api-version dropped).
fn list_queries(server: &MockServer, suffix: &str) -> Vec<Value> {
    server
        .requests()
        .iter()
        .filter(|r| r.method == "GET" && r.path.ends_with(suffix))
        .map(|r| {
            let mut wire = normalize(r);
            if let Some(Value::Array(pairs)) = wire.get_mut("query") {
                pairs.retain(|pair| pair[0] != "api-version");
            }
            match wire["query"].take() {
                Value::Null => json!([]),
                pairs => pairs,
            }
        })
        .collect()
}

async fn filters(mode: Mode) {
    let server = MockServer::start().await;
    let http = client(&server, mode);
    let client = AssistantsClient::new(&http);

    let assistant = client
        .assistants()
        .create(&CreateAssistantRequest::new("gpt-4o-mini").tools(vec![weather_tool()]))
        .await
        .unwrap();
    let thread = client
        .threads()
        .create(&CreateThreadRequest::new().messages(vec![CreateMessageRequest::user("one")]))
        .await
        .unwrap();
    let first = run_to_completion(&client, &thread.id, &assistant.id).await;
    client
        .messages()
        .create(&thread.id, &CreateMessageRequest::user("two"))
        .await
        .unwrap();
    let second = run_to_completion(&client, &thread.id, &assistant.id).await;

    // Every message of the thread: two user messages and two answers.
    let all = client
        .messages()
        .list_all(&thread.id, &ListParams::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 4);

    // Only the second run's answer (the mock filters by `run_id` like the service).
    let params = MessageListParams::new()
        .run_id(&second.id)
        .limit(1)
        .order(SortOrder::Asc);
    let only_second = client
        .messages()
        .list_all(&thread.id, &params)
        .try_collect()
        .await
        .unwrap();
    assert!(!only_second.is_empty());
    assert!(
        only_second
            .iter()
            .all(|m| m.run_id.as_deref() == Some(second.id.as_str()))
    );
    let page = client.messages().list(&thread.id, &params).await.unwrap();
    assert_eq!(page.data[0].run_id.as_deref(), Some(second.id.as_str()));

    let include = RunStepListParams::new()
        .include([RunStepInclude::FileSearchResultContent])
        .limit(1);
    let steps = client
        .run_steps()
        .list_all(&thread.id, &first.id, &include)
        .try_collect()
        .await
        .unwrap();
    // One step per page: the second page was asked with the same `include[]`.
    assert_eq!(steps.len(), 2);

    let queries = json!({
        "messages": list_queries(&server, "/messages"),
        "steps": list_queries(&server, "/steps"),
    });
    let redacted = serde_json::to_string_pretty(&queries)
        .unwrap()
        .replace(&first.id, "<first run>")
        .replace(&second.id, "<second run>");
    let ids: Vec<String> = all.iter().map(|m| m.id.clone()).collect();
    let redacted = ids.iter().enumerate().fold(redacted, |text, (i, id)| {
        text.replace(id, &format!("<message {i}>"))
    });
    insta::assert_snapshot!(format!("{}_list_filters_query", mode.name()), redacted);
}

#[tokio::test]
async fn list_filters_reach_the_wire_openai() {
    filters(Mode::OpenAi).await;
}

#[tokio::test]
async fn list_filters_reach_the_wire_azure() {
    filters(Mode::Azure).await;
}
