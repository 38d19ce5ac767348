//! The Responses tool loop: parallel calls, `previous_response_id` chaining, `store: false`
//! replay, streaming, failures sent back to the model.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use openai_mock::MockServer;
use openai_responses::{Responses, ResponsesToolRunner, RunnableTool, ToolError};
use openai_types::responses::{ResponseCreateRequest, ResponseStreamEvent, Tool};
use serde_json::{Value, json};

use crate::support::{self, Mode, wires};

fn city_schema() -> Value {
    json!({"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]})
}

fn tools(counter: Arc<AtomicUsize>) -> Vec<RunnableTool> {
    let weather_calls = counter.clone();
    vec![
        RunnableTool::new(
            "get_weather",
            "Weather for a city",
            city_schema(),
            move |args: Value| {
                weather_calls.fetch_add(1, Ordering::SeqCst);
                async move {
                    Ok::<_, ToolError>(format!("sunny in {}", args["city"].as_str().unwrap_or("?")))
                }
            },
        )
        .strict(true),
        RunnableTool::new(
            "get_time",
            "Local time in a city",
            city_schema(),
            move |_: Value| {
                counter.fetch_add(1, Ordering::SeqCst);
                async move { Ok::<_, ToolError>("noon".to_owned()) }
            },
        ),
    ]
}

/// Two calls in one round run (in parallel), their outputs go back with
/// `previous_response_id`; the second response is the final answer.
#[tokio::test]
async fn loop_chains_with_previous_response_id() {
    for mode in Mode::ALL {
        let server = MockServer::start().await;
        let http = mode.client(&server);
        let counter = Arc::new(AtomicUsize::new(0));
        let request =
            ResponseCreateRequest::new("gpt-4.1-mini", "Use get_weather and get_time for Paris");
        let run = ResponsesToolRunner::new(tools(counter.clone()))
            .run(&Responses::new(&http), &request)
            .await
            .unwrap();
        assert!(run.is_final());
        assert_eq!(run.rounds, 2);
        assert_eq!(counter.load(Ordering::SeqCst), 2);
        assert_eq!(run.calls.len(), 2);
        assert!(
            run.calls
                .iter()
                .all(|c| c.round == 1 && !c.failed && !c.custom)
        );
        assert!(run.items.is_empty());
        assert_eq!(
            run.output_text(),
            "Tool output received: noon; sunny in mock-city"
        );
        insta::assert_json_snapshot!(format!("tools_{}_wire", mode.name()), wires(&server));
    }
}

/// With `store: false` nothing is chained: the second request replays the input, the
/// function calls and their outputs.
#[tokio::test]
async fn store_false_replays_the_items() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let request =
        ResponseCreateRequest::new("gpt-4.1-mini", "get_weather in Oslo please").store(false);
    let run = ResponsesToolRunner::new(tools(Arc::new(AtomicUsize::new(0))))
        .run(&Responses::new(&http), &request)
        .await
        .unwrap();
    assert_eq!(run.rounds, 2);
    assert_eq!(
        run.output_text(),
        "Tool output received: sunny in mock-city"
    );
    assert_eq!(run.items.len(), 3);
    let sent = server.requests();
    let second = sent[1].json.as_ref().unwrap();
    assert!(second.get("previous_response_id").is_none());
    let kinds: Vec<&str> = second["input"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["type"].as_str().unwrap_or("message"))
        .collect();
    assert_eq!(kinds, ["message", "function_call", "function_call_output"]);
    insta::assert_json_snapshot!("tools_store_false_second_request", second);
}

/// An unknown tool and a failing handler are answered as text and recorded as failed; the
/// round limit stops the loop with calls still pending.
#[tokio::test]
async fn failures_are_sent_back_and_rounds_are_limited() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let failing = RunnableTool::new("get_weather", "Weather", city_schema(), |_: Value| async {
        Err::<String, _>("weather service down")
    });
    // The request declares a tool the runner does not have.
    let request = ResponseCreateRequest::new("gpt-4.1-mini", "get_weather and get_tide please")
        .tools([
            Tool::function("get_weather", "Weather", city_schema()),
            Tool::function("get_tide", "Tide", city_schema()),
        ]);
    let run = ResponsesToolRunner::new([failing.clone()])
        .run(&Responses::new(&http), &request)
        .await
        .unwrap();
    let outputs: Vec<(&str, &str, bool)> = run
        .calls
        .iter()
        .map(|c| (c.name.as_str(), c.output.as_str(), c.failed))
        .collect();
    assert_eq!(
        outputs,
        [
            ("get_weather", "Error: weather service down", true),
            (
                "get_tide",
                r#"Invalid tool_call: "get_tide". Available options are: "get_weather". Please try again"#,
                true
            ),
        ]
    );

    let limited = ResponsesToolRunner::new([failing])
        .max_rounds(1)
        .run(
            &Responses::new(&http),
            &ResponseCreateRequest::new("gpt-4.1-mini", "get_weather"),
        )
        .await
        .unwrap();
    assert_eq!(limited.rounds, 1);
    assert!(!limited.is_final());
    assert!(limited.calls.is_empty());
}

/// The streaming variant hands every event to the callback and ends like the plain loop.
#[tokio::test]
async fn streaming_loop_sees_every_event() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let mut text = String::new();
    let mut argument_deltas = 0;
    let run = ResponsesToolRunner::new(tools(Arc::new(AtomicUsize::new(0))))
        .run_streaming(
            &Responses::new(&http),
            &ResponseCreateRequest::new("gpt-4.1-mini", "get_time in Rome"),
            |event| match event {
                ResponseStreamEvent::OutputTextDelta(delta) => text.push_str(&delta.delta),
                ResponseStreamEvent::FunctionCallArgumentsDelta(_) => argument_deltas += 1,
                _ => {}
            },
        )
        .await
        .unwrap();
    assert_eq!(run.rounds, 2);
    assert!(argument_deltas > 0);
    assert_eq!(text, run.output_text());
    assert!(
        server
            .requests()
            .iter()
            .all(|r| r.json.as_ref().unwrap()["stream"] == true)
    );
}

/// A custom tool call: the handler receives the free-form input as a JSON string and its
/// output goes back as a `custom_tool_call_output`.
#[tokio::test]
async fn custom_tool_calls_are_answered() {
    use openai_mock::Reply;

    let server = MockServer::start().await;
    let http = support::openai(&server);
    let response = |id: &str, output: Value| {
        Reply::json(
            200,
            json!({"id": id, "object": "response", "created_at": 1, "status": "completed",
                   "model": "gpt-4.1-mini", "output": output}),
        )
    };
    server.on("POST", "/v1/responses").respond_seq([
        response(
            "resp_custom",
            json!([{"type": "custom_tool_call", "id": "ctc_1", "call_id": "call_c1",
                    "name": "run_sql", "input": "SELECT 1"}]),
        ),
        response(
            "resp_final",
            json!([{"type": "message", "id": "msg_1", "role": "assistant", "status": "completed",
                    "content": [{"type": "output_text", "text": "One row.", "annotations": []}]}]),
        ),
    ]);
    let sql = RunnableTool::new(
        "run_sql",
        "Runs SQL",
        json!({"type": "string"}),
        |input: Value| async move {
            Ok::<_, ToolError>(format!("rows for {}", input.as_str().unwrap_or("?")))
        },
    );
    let request = ResponseCreateRequest::new("gpt-4.1-mini", "Count")
        .tools([Tool::custom("run_sql", "Runs SQL")]);
    let run = ResponsesToolRunner::new([sql])
        .run(&Responses::new(&http), &request)
        .await
        .unwrap();
    assert_eq!(run.output_text(), "One row.");
    assert_eq!(run.calls.len(), 1);
    assert!(run.calls[0].custom && !run.calls[0].failed);
    let second = server.requests()[1].json.clone().unwrap();
    assert_eq!(second["previous_response_id"], "resp_custom");
    assert_eq!(
        second["input"],
        json!([{"type": "custom_tool_call_output", "call_id": "call_c1", "output": "rows for SELECT 1"}])
    );
}

/// In a conversation the outputs go back in the same conversation, without
/// `previous_response_id` (the service refuses both together).
#[tokio::test]
async fn conversation_requests_keep_the_conversation() {
    use openai_responses::Conversations;
    use openai_types::conversations::ConversationCreateRequest;

    let server = MockServer::start().await;
    let http = support::openai(&server);
    let conversation = Conversations::new(&http)
        .create(&ConversationCreateRequest::new())
        .await
        .unwrap();
    let request = ResponseCreateRequest::new("gpt-4.1-mini", "get_time in Lima")
        .conversation(conversation.id.as_str());
    let run = ResponsesToolRunner::new(tools(Arc::new(AtomicUsize::new(0))))
        .run(&Responses::new(&http), &request)
        .await
        .unwrap();
    assert_eq!(run.rounds, 2);
    assert_eq!(run.output_text(), "Tool output received: noon");
    let second = server.requests()[2].json.clone().unwrap();
    assert_eq!(second["conversation"], conversation.id.as_str());
    assert!(second.get("previous_response_id").is_none());
    assert_eq!(second["input"][0]["type"], "function_call_output");
}
