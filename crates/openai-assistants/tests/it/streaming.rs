//! Run streaming: the full scenario through `create_stream` / `submit_tool_outputs_stream`,
//! `create_thread_and_run_stream`, the streaming tool loop, and the stream's error rules
//! (scripted SSE bodies).

use openai_assistants::{AssistantsClient, RunToolsOptions, RunnableTool, Runs, Toolbox};
use openai_mock::{MockServer, Reply, SseEvent};
use openai_types::assistant_stream::AssistantStreamEvent;
use openai_types::assistants::CreateAssistantRequest;
use openai_types::messages::{CreateMessageRequest, MessageDeltaAccumulator};
use openai_types::runs::{CreateRunRequest, RunStatus, SubmitToolOutputsRequest, ToolOutput};
use openai_types::shared::{ListParams, SortOrder};
use openai_types::threads::{CreateThreadAndRunRequest, CreateThreadRequest};
use serde_json::json;

use crate::support::{Mode, client, weather_tool};

async fn streamed_scenario(mode: Mode) {
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
        .create(
            &CreateThreadRequest::new().messages(vec![CreateMessageRequest::user(
                "What's the weather in Paris?",
            )]),
        )
        .await
        .unwrap();

    let mut stream = client
        .runs()
        .create_stream(&thread.id, &CreateRunRequest::new(&assistant.id))
        .await
        .unwrap();
    assert!(stream.request_id().is_some());
    let outcome = stream.until_requires_action_or_done().await.unwrap();
    let run = outcome.run.unwrap();
    assert_eq!(run.status, RunStatus::RequiresAction);
    let create_req = server
        .requests()
        .into_iter()
        .rev()
        .find(|r| r.method == "POST" && r.path.ends_with("/runs"))
        .unwrap();
    assert_eq!(create_req.json.as_ref().unwrap()["stream"], true);
    assert_eq!(create_req.header("openai-beta"), Some("assistants=v2"));

    let call_id = run.required_tool_calls()[0].id().unwrap().to_owned();
    let mut stream = client
        .runs()
        .submit_tool_outputs_stream(
            &thread.id,
            &run.id,
            &SubmitToolOutputsRequest::new([ToolOutput::new(call_id, "22C")]),
        )
        .await
        .unwrap();

    // Fold the deltas ourselves (the accumulator usage the docs show), and record event names.
    let mut names = Vec::new();
    let mut acc = MessageDeltaAccumulator::new();
    let mut last_run = None;
    while let Some(event) = stream.next().await {
        let event = event.unwrap();
        names.push(event.event_name().to_owned());
        acc.push_event(&event);
        if let Some(run) = event.run() {
            last_run = Some(run.clone());
        }
    }
    assert!(stream.next().await.is_none(), "the stream stays ended");
    assert_eq!(last_run.unwrap().status, RunStatus::Completed);
    assert!(
        names.contains(&"thread.message.delta".to_owned()),
        "{names:?}"
    );
    assert_eq!(
        names.last().map(String::as_str),
        Some("thread.run.completed")
    );
    let streamed_text = acc.messages()[0].text();
    assert_eq!(
        streamed_text,
        "Echo: What's the weather in Paris? (tool outputs: get_weather=22C)"
    );

    // The stream and the stored state agree.
    let messages = client
        .messages()
        .list(&thread.id, &ListParams::new().order(SortOrder::Asc))
        .await
        .unwrap();
    assert_eq!(messages.data.last().unwrap().text(), streamed_text);
    let steps = client
        .run_steps()
        .list(&thread.id, &run.id, &ListParams::new())
        .await
        .unwrap();
    assert_eq!(steps.data.len(), 2);
}

#[tokio::test]
async fn full_scenario_streaming_openai() {
    streamed_scenario(Mode::OpenAi).await;
}

#[tokio::test]
async fn full_scenario_streaming_azure() {
    streamed_scenario(Mode::Azure).await;
}

/// `create_thread_and_run_stream` starts with `thread.created`; the streaming tool loop
/// finishes the run.
#[tokio::test]
async fn create_thread_and_run_stream_then_streaming_tool_loop() {
    let server = MockServer::start().await;
    let http = client(&server, Mode::OpenAi);
    let runs = Runs::new(&http);
    let assistant = openai_assistants::Assistants::new(&http)
        .create(&CreateAssistantRequest::new("gpt-4o-mini").tools(vec![weather_tool()]))
        .await
        .unwrap();
    let mut stream = runs
        .create_thread_and_run_stream(&CreateThreadAndRunRequest::new(&assistant.id).thread(
            CreateThreadRequest::new().messages(vec![CreateMessageRequest::user("Weather?")]),
        ))
        .await
        .unwrap();
    let first = stream.next().await.unwrap().unwrap();
    let AssistantStreamEvent::ThreadCreated(thread) = first else {
        panic!("expected thread.created, got {}", first.event_name());
    };
    let outcome = stream.until_requires_action_or_done().await.unwrap();
    let run = outcome.run.unwrap();
    assert_eq!(run.status, RunStatus::RequiresAction);

    let handlers = Toolbox::new().with(RunnableTool::new(
        "get_weather",
        "Current weather",
        serde_json::json!({"type": "object"}),
        |_: serde_json::Value| async { Ok::<_, String>("cold") },
    ));
    let run = runs
        .run_tools(
            &thread.id,
            run,
            &handlers,
            &RunToolsOptions::new().streaming(true),
        )
        .await
        .unwrap();
    assert_eq!(run.status, RunStatus::Completed);
    let submit = server
        .requests()
        .into_iter()
        .find(|r| r.path.ends_with("/submit_tool_outputs"))
        .unwrap();
    assert_eq!(submit.json.as_ref().unwrap()["stream"], true);
    assert_eq!(
        submit.json.as_ref().unwrap()["tool_outputs"][0]["output"],
        "cold"
    );
}

fn run_json(status: &str) -> serde_json::Value {
    json!({
        "id": "run_1", "object": "thread.run", "created_at": 1, "thread_id": "thread_1",
        "assistant_id": "asst_1", "status": status, "model": "gpt-4o", "tools": []
    })
}

const SCRIPTED_RUNS: &str = "/v1/threads/thread_1/runs";

/// `event: error` ends the stream with an API error carrying the
/// message and the request id.
#[tokio::test]
async fn error_event_is_an_err_and_ends_the_stream() {
    let server = MockServer::start().await;
    server
        .on("POST", SCRIPTED_RUNS)
        .respond(Reply::sse_error_event(
            [SseEvent::json(&run_json("queued")).event("thread.run.created")],
            json!({"error": {"message": "The server had an error", "type": "server_error"}}),
        ));
    let http = client(&server, Mode::OpenAi);
    let mut stream = Runs::new(&http)
        .create_stream("thread_1", &CreateRunRequest::new("asst_1"))
        .await
        .unwrap();
    let first = stream.next().await.unwrap().unwrap();
    assert_eq!(first.event_name(), "thread.run.created");
    let err = stream.next().await.unwrap().unwrap_err();
    assert_eq!(err.message(), Some("The server had an error"));
    assert_eq!(err.request_id(), stream.request_id());
    assert!(stream.next().await.is_none());
}

/// EOF before `event: done` is an error, not a silently short run.
#[tokio::test]
async fn truncated_stream_is_an_error() {
    let server = MockServer::start().await;
    server
        .on("POST", SCRIPTED_RUNS)
        .respond(Reply::sse_truncated([
            SseEvent::json(&run_json("queued")).event("thread.run.created")
        ]));
    let http = client(&server, Mode::OpenAi);
    let mut stream = Runs::new(&http)
        .create_stream("thread_1", &CreateRunRequest::new("asst_1"))
        .await
        .unwrap();
    assert!(stream.next().await.unwrap().is_ok());
    let err = stream.next().await.unwrap().unwrap_err();
    assert!(
        matches!(err.kind(), core_http::ErrorKind::Stream),
        "{err:?}"
    );
    insta::assert_snapshot!("error_stream_truncated", err.to_string());
    assert!(stream.next().await.is_none());
}

/// Unknown event names are kept with their raw JSON; keep-alive comments and empty events are
/// skipped; `event: done` ends the stream without being yielded.
#[tokio::test]
async fn unknown_events_are_kept_raw() {
    let server = MockServer::start().await;
    server.on("POST", SCRIPTED_RUNS).respond(Reply::sse_raw([(
        std::time::Duration::ZERO,
        concat!(
            ": keep-alive\n\n",
            "event: thread.run.created\ndata: {\"id\":\"run_1\",\"object\":\"thread.run\",\"status\":\"queued\"}\n\n",
            "event: thread.run.paused\ndata: {\"id\":\"run_1\",\"reason\":\"new\"}\n\n",
            "event: thread.run.completed\ndata: {\"id\":\"run_1\",\"object\":\"thread.run\",\"status\":\"completed\"}\n\n",
            "event: done\ndata: [DONE]\n\n",
        ),
    )]));
    let http = client(&server, Mode::OpenAi);
    let mut stream = Runs::new(&http)
        .create_stream("thread_1", &CreateRunRequest::new("asst_1"))
        .await
        .unwrap();
    let mut events = Vec::new();
    while let Some(event) = stream.next().await {
        events.push(event.unwrap());
    }
    let names: Vec<&str> = events.iter().map(|e| e.event_name()).collect();
    assert_eq!(
        names,
        [
            "thread.run.created",
            "thread.run.paused",
            "thread.run.completed"
        ]
    );
    match &events[1] {
        AssistantStreamEvent::Unknown { event, data } => {
            assert_eq!(event, "thread.run.paused");
            assert_eq!(data, &json!({"id": "run_1", "reason": "new"}));
        }
        other => panic!("expected Unknown, got {other:?}"),
    }
}

/// A known event whose payload does not match its schema is a decode error (never skipped).
#[tokio::test]
async fn malformed_known_event_is_a_decode_error() {
    let server = MockServer::start().await;
    server
        .on("POST", SCRIPTED_RUNS)
        .respond(Reply::sse([
            SseEvent::data("{\"unexpected\": true}").event("thread.run.created")
        ]));
    let http = client(&server, Mode::OpenAi);
    let mut stream = Runs::new(&http)
        .create_stream("thread_1", &CreateRunRequest::new("asst_1"))
        .await
        .unwrap();
    let err = stream.next().await.unwrap().unwrap_err();
    assert!(
        matches!(err.kind(), core_http::ErrorKind::Decode),
        "{err:?}"
    );
    assert!(err.request_id().is_some());
}

/// HTTP errors come from the `await` that opens the stream, not from the stream.
#[tokio::test]
async fn http_errors_come_before_the_stream() {
    let server = MockServer::start().await;
    let http = client(&server, Mode::OpenAi);
    let err = Runs::new(&http)
        .create_stream("thread_missing", &CreateRunRequest::new("asst_1"))
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
}
