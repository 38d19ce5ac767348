//! Chat completions: echo content, `n`, limits, tool calls, streams and their framing.

use openai_mock::MockServer;
use serde_json::{Value, json};

use crate::support::{chat_request, keys, openai_post};

fn weather_tools() -> Value {
    json!([
        {"type": "function", "function": {
            "name": "get_weather",
            "parameters": {
                "type": "object",
                "properties": {
                    "location": {"type": "string"},
                    "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}
                },
                "required": ["location", "unit"]
            }
        }},
        {"type": "function", "function": {"name": "get_time", "parameters": {"type": "object", "properties": {}}}}
    ])
}

#[tokio::test]
async fn echoes_the_last_user_message() {
    let server = MockServer::start().await;
    let resp = openai_post(
        &server,
        "/chat/completions",
        json!({
            "model": "gpt-4o-mini",
            "messages": [
                {"role": "system", "content": "Be brief."},
                {"role": "user", "content": [{"type": "text", "text": "Hello"}, {"type": "text", "text": "there"}]}
            ]
        }),
    )
    .await;
    assert_eq!(resp.status, 200);
    let body = resp.json();
    assert_eq!(body["object"], "chat.completion");
    assert_eq!(body["id"], "chatcmpl-mock1");
    assert_eq!(body["model"], "gpt-4o-mini");
    assert!(body["created"].is_u64());
    let choice = &body["choices"][0];
    assert_eq!(choice["message"]["role"], "assistant");
    assert_eq!(choice["message"]["content"], "Echo: Hello there");
    assert_eq!(choice["finish_reason"], "stop");
    assert_eq!(body["usage"]["completion_tokens"], 3);
    assert_eq!(body["usage"]["prompt_tokens"], 4);
    assert_eq!(body["usage"]["total_tokens"], 7);
    assert!(
        body.get("prompt_filter_results").is_none(),
        "no Azure fields on OpenAI routes"
    );
}

#[tokio::test]
async fn n_choices_and_token_limits() {
    let server = MockServer::start().await;
    let mut request = chat_request("one two three four");
    request["n"] = json!(3);
    request["max_completion_tokens"] = json!(3);
    let body = openai_post(&server, "/chat/completions", request)
        .await
        .json();
    let choices = body["choices"].as_array().unwrap();
    assert_eq!(choices.len(), 3);
    for (i, choice) in choices.iter().enumerate() {
        assert_eq!(choice["index"], i);
        assert_eq!(choice["finish_reason"], "length");
    }
    assert_eq!(choices[0]["message"]["content"], "Echo: one two");
    assert_eq!(choices[1]["message"]["content"], "Echo (choice 1):");
}

#[tokio::test]
async fn required_tool_choice_calls_the_first_tool_with_schema_arguments() {
    let server = MockServer::start().await;
    let mut request = chat_request("What is up?");
    request["tools"] = weather_tools();
    request["tool_choice"] = json!("required");
    let body = openai_post(&server, "/chat/completions", request)
        .await
        .json();
    let choice = &body["choices"][0];
    assert_eq!(choice["finish_reason"], "tool_calls");
    assert_eq!(choice["message"]["content"], Value::Null);
    let calls = choice["message"]["tool_calls"].as_array().unwrap();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0]["type"], "function");
    assert_eq!(calls[0]["function"]["name"], "get_weather");
    assert!(calls[0]["id"].as_str().unwrap().starts_with("call_"));
    let args: Value =
        serde_json::from_str(calls[0]["function"]["arguments"].as_str().unwrap()).unwrap();
    assert_eq!(
        args,
        json!({"location": "mock-location", "unit": "celsius"})
    );
}

#[tokio::test]
async fn named_tool_choice_and_auto_mentions() {
    let server = MockServer::start().await;
    let mut named = chat_request("anything");
    named["tools"] = weather_tools();
    named["tool_choice"] = json!({"type": "function", "function": {"name": "get_time"}});
    let body = openai_post(&server, "/chat/completions", named)
        .await
        .json();
    let calls = &body["choices"][0]["message"]["tool_calls"];
    assert_eq!(calls[0]["function"]["name"], "get_time");
    assert_eq!(calls[0]["function"]["arguments"], "{}");

    // auto: every mentioned function, in tools order (parallel calls).
    let mut auto = chat_request("call get_time and get_weather please");
    auto["tools"] = weather_tools();
    let body = openai_post(&server, "/chat/completions", auto.clone())
        .await
        .json();
    let names: Vec<&str> = body["choices"][0]["message"]["tool_calls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["function"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["get_weather", "get_time"]);
    auto["parallel_tool_calls"] = json!(false);
    let body = openai_post(&server, "/chat/completions", auto).await.json();
    assert_eq!(
        body["choices"][0]["message"]["tool_calls"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // auto with no mention answers in text.
    let mut plain = chat_request("hello");
    plain["tools"] = weather_tools();
    let body = openai_post(&server, "/chat/completions", plain)
        .await
        .json();
    assert_eq!(body["choices"][0]["message"]["content"], "Echo: hello");

    // Naming an unknown function is rejected like the service does.
    let mut unknown = chat_request("x");
    unknown["tools"] = weather_tools();
    unknown["tool_choice"] = json!({"type": "function", "function": {"name": "nope"}});
    let resp = openai_post(&server, "/chat/completions", unknown).await;
    assert_eq!(resp.status, 400);
    assert_eq!(resp.json()["error"]["param"], "tool_choice");
}

#[tokio::test]
async fn after_a_tool_message_the_answer_mentions_the_output() {
    let server = MockServer::start().await;
    let body = openai_post(
        &server,
        "/chat/completions",
        json!({
            "model": "m",
            "tools": weather_tools(),
            "tool_choice": "required",
            "messages": [
                {"role": "user", "content": "weather?"},
                {"role": "assistant", "content": null, "tool_calls": [
                    {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{}"}}
                ]},
                {"role": "tool", "tool_call_id": "call_1", "content": "22C and sunny"}
            ]
        }),
    )
    .await
    .json();
    assert_eq!(
        body["choices"][0]["message"]["content"],
        "Tool output received: 22C and sunny"
    );
    assert_eq!(body["choices"][0]["finish_reason"], "stop");
}

#[tokio::test]
async fn stream_is_framed_like_the_service_and_reassembles() {
    let server = MockServer::start().await;
    let mut request = chat_request("stream me please");
    request["stream"] = json!(true);
    request["stream_options"] = json!({"include_usage": true});
    let resp = openai_post(&server, "/chat/completions", request).await;
    assert_eq!(resp.status, 200);
    assert!(resp.text().starts_with("data: {"));
    assert!(resp.text().ends_with("data: [DONE]\n\n"));
    let chunks = resp.sse_chunks();
    assert!(chunks.len() >= 5, "content split into several deltas");
    let mut text = String::new();
    for chunk in &chunks[..chunks.len() - 1] {
        assert_eq!(chunk["object"], "chat.completion.chunk");
        assert_eq!(chunk["id"], chunks[0]["id"]);
        assert_eq!(chunk["usage"], Value::Null);
        let choice = &chunk["choices"][0];
        if let Some(piece) = choice["delta"]["content"].as_str() {
            text.push_str(piece);
        }
    }
    assert_eq!(chunks[0]["choices"][0]["delta"]["role"], "assistant");
    assert_eq!(text, "Echo: stream me please");
    let finish = &chunks[chunks.len() - 2]["choices"][0];
    assert_eq!(finish["finish_reason"], "stop");
    assert_eq!(finish["delta"], json!({}));
    let usage = chunks.last().unwrap();
    assert_eq!(usage["choices"], json!([]));
    assert_eq!(usage["usage"]["completion_tokens"], 4);
}

#[tokio::test]
async fn streamed_tool_calls_arrive_in_indexed_fragments() {
    let server = MockServer::start().await;
    let mut request = chat_request("get_weather and get_time");
    request["tools"] = weather_tools();
    request["stream"] = json!(true);
    let chunks = openai_post(&server, "/chat/completions", request)
        .await
        .sse_chunks();
    assert!(
        chunks.iter().all(|c| c.get("usage").is_none()),
        "no usage without include_usage"
    );
    // Reassemble like a client accumulator: slot by index, concatenate arguments.
    let mut calls: Vec<(String, String, String)> = Vec::new();
    let mut fragments = 0;
    for chunk in &chunks {
        let delta = &chunk["choices"][0]["delta"];
        for call in delta["tool_calls"].as_array().into_iter().flatten() {
            let index = call["index"].as_u64().unwrap() as usize;
            if calls.len() <= index {
                calls.resize(index + 1, Default::default());
            }
            if let Some(id) = call["id"].as_str() {
                calls[index].0 = id.to_owned();
                calls[index].1 = call["function"]["name"].as_str().unwrap().to_owned();
            }
            let piece = call["function"]["arguments"].as_str().unwrap();
            if !piece.is_empty() {
                fragments += 1;
            }
            calls[index].2.push_str(piece);
        }
    }
    assert_eq!(calls.len(), 2);
    assert_eq!(calls[0].1, "get_weather");
    assert!(fragments > 2, "arguments split across chunks");
    let args: Value = serde_json::from_str(&calls[0].2).unwrap();
    assert_eq!(keys(&args), ["location", "unit"]);
    assert_eq!(calls[1].2, "{}");
    assert_eq!(
        chunks.last().unwrap()["choices"][0]["finish_reason"],
        "tool_calls"
    );
}

#[tokio::test]
async fn streams_with_n_choices_finish_every_choice() {
    let server = MockServer::start().await;
    let mut request = chat_request("hi");
    request["n"] = json!(2);
    request["stream"] = json!(true);
    let chunks = openai_post(&server, "/chat/completions", request)
        .await
        .sse_chunks();
    let finished: Vec<u64> = chunks
        .iter()
        .filter(|c| !c["choices"][0]["finish_reason"].is_null())
        .map(|c| c["choices"][0]["index"].as_u64().unwrap())
        .collect();
    assert_eq!(finished, [0, 1]);
}
