//! The tool-calling loop (the semantics of openai-node's `runTools`).

use std::time::Duration;

use openai_inference::{Chat, RunnableTool, ToolError, ToolRunner, run_tools};
use openai_mock::{MockServer, Reply};
use openai_types::chat::{ChatCompletionRequest, ChatMessage};
use serde_json::{Value, json};
use tokio::time::Instant;

use crate::support;

fn tool_call_reply(calls: Value) -> Reply {
    Reply::json(
        200,
        json!({
            "id": "chatcmpl-tools", "object": "chat.completion", "created": 1, "model": "gpt-4o-mini",
            "choices": [{"index": 0, "finish_reason": "tool_calls",
                "message": {"role": "assistant", "content": null, "tool_calls": calls}}]
        }),
    )
}

fn call(id: &str, name: &str, arguments: &str) -> Value {
    json!({"id": id, "type": "function", "function": {"name": name, "arguments": arguments}})
}

/// A tool whose handler takes one (virtual) second and echoes its arguments.
fn slow_tool(name: &'static str) -> RunnableTool {
    RunnableTool::new(
        name,
        format!("The {name} tool"),
        json!({"type": "object", "properties": {}}),
        move |args: Value| async move {
            tokio::time::sleep(Duration::from_secs(1)).await;
            Ok::<_, ToolError>(format!("{name}({args})"))
        },
    )
}

/// Two calls in one turn run concurrently; their answers follow the assistant turn in call
/// order; the loop ends with the model's final answer.
#[tokio::test(start_paused = true)]
async fn parallel_calls_are_answered_in_order() {
    let server = MockServer::start().await;
    server
        .on("POST", "/v1/chat/completions")
        .respond_seq([tool_call_reply(json!([
            call("call_1", "get_weather", r#"{"city":"Paris"}"#),
            call("call_2", "get_time", r#"{"tz":"UTC"}"#),
        ]))]);
    let http = support::openai(&server);
    let request =
        ChatCompletionRequest::new("gpt-4o-mini", [ChatMessage::user("Weather and time?")]);
    let started = Instant::now();

    let run = ToolRunner::new([slow_tool("get_weather"), slow_tool("get_time")])
        .run(&Chat::new(&http), &request)
        .await
        .unwrap();

    assert!(
        started.elapsed() < Duration::from_secs(2),
        "handlers ran one after the other"
    );
    assert!(run.is_final());
    assert_eq!(run.rounds, 2);
    assert_eq!(run.calls.len(), 2);
    assert!(run.calls.iter().all(|c| !c.failed));
    assert!(
        run.content().unwrap().starts_with("Tool output received"),
        "{:?}",
        run.content()
    );
    assert_eq!(
        run.messages.len(),
        5,
        "user, assistant, 2 tools, final assistant"
    );
    let second = &server.requests()[1];
    let body = second.json.as_ref().unwrap();
    assert_eq!(body["tools"].as_array().unwrap().len(), 2);
    insta::assert_json_snapshot!("tools_second_round_messages", body["messages"]);
}

/// Unknown functions and invalid JSON arguments are answered with an error message for the
/// model (node's wording), handler errors with `Error: ...`; the loop goes on.
#[tokio::test(start_paused = true)]
async fn bad_calls_are_reported_to_the_model() {
    let server = MockServer::start().await;
    server
        .on("POST", "/v1/chat/completions")
        .respond_seq([tool_call_reply(json!([
            call("call_1", "nope", "{}"),
            call("call_2", "get_weather", "{not json"),
            call("call_3", "failing", "{}"),
        ]))]);
    let http = support::openai(&server);
    let failing = RunnableTool::new(
        "failing",
        "Always fails",
        json!({"type": "object"}),
        |_args: Value| async { Err::<String, _>("database unavailable") },
    );

    let run = run_tools(
        &Chat::new(&http),
        &ChatCompletionRequest::new("gpt-4o-mini", [ChatMessage::user("go")]),
        [slow_tool("get_weather"), failing],
        10,
    )
    .await
    .unwrap();

    let outputs: Vec<(&str, bool)> = run
        .calls
        .iter()
        .map(|c| (c.output.as_str(), c.failed))
        .collect();
    assert_eq!(
        outputs[0],
        (
            r#"Invalid tool_call: "nope". Available options are: "failing", "get_weather". Please try again"#,
            true
        )
    );
    assert!(
        outputs[1].0.starts_with("Invalid JSON arguments"),
        "{outputs:?}"
    );
    assert_eq!(outputs[2], ("Error: database unavailable", true));
    assert!(run.is_final());
}

/// The round limit stops the loop with the tool calls still pending (not executed).
#[tokio::test(start_paused = true)]
async fn stops_at_the_round_limit() {
    let server = MockServer::start().await;
    server
        .on("POST", "/v1/chat/completions")
        .respond(tool_call_reply(json!([call(
            "call_1",
            "get_weather",
            "{}"
        )])));
    let http = support::openai(&server);

    let run = ToolRunner::new([slow_tool("get_weather")])
        .max_rounds(3)
        .run(
            &Chat::new(&http),
            &ChatCompletionRequest::new("gpt-4o-mini", [ChatMessage::user("loop")]),
        )
        .await;
    let run = run.unwrap();

    assert_eq!(run.rounds, 3);
    assert!(!run.is_final());
    assert_eq!(
        run.calls.len(),
        2,
        "the last round's calls are not executed"
    );
    assert_eq!(server.requests().len(), 3);
    assert_eq!(ToolRunner::DEFAULT_MAX_ROUNDS, 10);
}

/// The streaming variant streams every round (tool-call deltas included) and accumulates.
#[tokio::test]
async fn streaming_loop_accumulates_each_round() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let weather = RunnableTool::new(
        "get_weather",
        "Weather for a city",
        json!({"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}),
        |args: Value| async move {
            Ok::<_, ToolError>(format!("sunny in {}", args["city"].as_str().unwrap_or("?")))
        },
    );
    let mut chunks = 0;

    let run = ToolRunner::new([weather])
        .run_streaming(
            &Chat::new(&http),
            &ChatCompletionRequest::new(
                "gpt-4o-mini",
                [ChatMessage::user("Call get_weather please")],
            ),
            |_chunk| chunks += 1,
        )
        .await
        .unwrap();

    assert!(chunks > 4);
    assert_eq!(run.rounds, 2);
    assert_eq!(run.calls[0].name, "get_weather");
    assert_eq!(run.calls[0].output, "sunny in mock-city");
    assert!(run.content().unwrap().contains("sunny in mock-city"));
    let sent = server.requests();
    assert!(
        sent.iter()
            .all(|r| r.json.as_ref().unwrap()["stream"] == true)
    );
}

/// A typed tool: its schema comes from the argument type (strict, every property required),
/// the handler receives the decoded arguments, and arguments that do not decode go back to the
/// model as an error instead of reaching the handler.
#[cfg(feature = "schemars")]
#[tokio::test]
async fn typed_tools_generate_their_schema_and_decode_arguments() {
    #[derive(serde::Deserialize, schemars::JsonSchema)]
    struct Weather {
        city: String,
        days: Option<u8>,
    }

    let server = MockServer::start().await;
    server
        .on("POST", "/v1/chat/completions")
        .respond_seq([tool_call_reply(json!([
            call("call_1", "get_weather", r#"{"city":"Oslo","days":2}"#),
            call("call_2", "get_weather", r#"{"town":"Oslo"}"#),
        ]))]);
    let http = support::openai(&server);
    let weather = RunnableTool::typed(
        "get_weather",
        "Weather for a city",
        |args: Weather| async move {
            Ok::<_, ToolError>(format!(
                "{} days of snow in {}",
                args.days.unwrap_or(1),
                args.city
            ))
        },
    );
    assert_eq!(weather.is_strict(), Some(true));
    assert_eq!(weather.parameters()["required"], json!(["city", "days"]));
    assert_eq!(weather.parameters()["additionalProperties"], false);

    let run = ToolRunner::new([weather])
        .run(
            &Chat::new(&http),
            &ChatCompletionRequest::new("gpt-4o-mini", [ChatMessage::user("Weather?")]),
        )
        .await
        .unwrap();
    assert_eq!(run.calls[0].output, "2 days of snow in Oslo");
    assert!(!run.calls[0].failed);
    assert!(run.calls[1].failed);
    assert!(
        run.calls[1]
            .output
            .starts_with("invalid arguments: missing field `city`"),
        "{}",
        run.calls[1].output
    );
    let first = server.requests()[0].json.clone().unwrap();
    assert_eq!(first["tools"][0]["function"]["strict"], true);
    assert_eq!(first["tools"][0]["function"]["name"], "get_weather");
}
