//! Responses and Conversations: state, chaining, tools, structured output, background mode,
//! stream framing and resumption, Azure routes, errors.

use openai_mock::MockServer;
use serde_json::{Value, json};

use crate::support::{
    Resp, azure_get, azure_post, client, keys, openai_get, openai_post, recording, send,
};

/// `DELETE {server}/v1{path}` with a bearer token.
async fn openai_delete(server: &MockServer, path: &str) -> Resp {
    let url = format!("{}{path}", server.base_url());
    send(
        &client(),
        "DELETE",
        &url,
        &[("authorization", "Bearer sk-test-key")],
        None,
    )
    .await
    .unwrap()
}

/// Splits a Responses stream into `(event name, data)`, checking the framing: every event is
/// `event: <name>\ndata: <json>\n\n`, the name equals the data's `type`, sequence numbers
/// count up by one, and there is no `[DONE]`.
fn events(resp: &Resp) -> Vec<(String, Value)> {
    assert_eq!(resp.status, 200, "{}", resp.text());
    assert!(
        resp.header("content-type")
            .unwrap()
            .starts_with("text/event-stream")
    );
    let text = resp.text();
    assert!(!text.contains("[DONE]"));
    assert!(text.ends_with("\n\n"));
    let mut out = Vec::new();
    let mut previous: Option<u64> = None;
    for block in text.split_terminator("\n\n") {
        let (name_line, data_line) = block.split_once('\n').unwrap();
        let name = name_line.strip_prefix("event: ").unwrap().to_owned();
        let data: Value = serde_json::from_str(data_line.strip_prefix("data: ").unwrap()).unwrap();
        assert_eq!(data["type"], name.as_str());
        let seq = data["sequence_number"].as_u64().unwrap();
        if let Some(p) = previous {
            assert_eq!(seq, p + 1, "sequence numbers must be contiguous");
        }
        previous = Some(seq);
        out.push((name, data));
    }
    out
}

fn names(events: &[(String, Value)]) -> Vec<&str> {
    events.iter().map(|(n, _)| n.as_str()).collect()
}

fn output_text(response: &Value) -> String {
    response["output"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["type"] == "message")
        .flat_map(|i| i["content"].as_array().unwrap().iter())
        .filter_map(|p| p["text"].as_str())
        .collect()
}

async fn create(server: &MockServer, body: Value) -> Value {
    let resp = openai_post(server, "/responses", body).await;
    assert_eq!(resp.status, 200, "{}", resp.text());
    resp.json()
}

#[tokio::test]
async fn create_retrieve_list_input_and_delete() {
    let server = MockServer::start().await;
    let created = create(
        &server,
        json!({"model": "gpt-4o-mini", "input": "hello there", "metadata": {"k": "v"}}),
    )
    .await;
    assert_eq!(created["object"], "response");
    assert_eq!(created["status"], "completed");
    assert_eq!(created["model"], "gpt-4o-mini");
    assert_eq!(created["metadata"], json!({"k": "v"}));
    let id = created["id"].as_str().unwrap();
    assert!(id.starts_with("resp_"));
    let message = &created["output"][0];
    assert_eq!(message["type"], "message");
    assert_eq!(message["role"], "assistant");
    assert!(message["id"].as_str().unwrap().starts_with("msg_"));
    assert_eq!(message["content"][0]["type"], "output_text");
    assert_eq!(output_text(&created), "Echo: hello there");
    let usage = &created["usage"];
    assert_eq!(usage["input_tokens"], 2);
    assert_eq!(usage["output_tokens"], 3);
    assert_eq!(usage["total_tokens"], 5);
    assert_eq!(usage["input_tokens_details"]["cached_tokens"], 0);
    assert_eq!(usage["output_tokens_details"]["reasoning_tokens"], 0);

    let got = openai_get(&server, &format!("/responses/{id}")).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.json(), created);

    let items = openai_get(&server, &format!("/responses/{id}/input_items")).await;
    assert_eq!(items.status, 200);
    let items = items.json();
    assert_eq!(items["object"], "list");
    assert_eq!(items["data"].as_array().unwrap().len(), 1);
    assert_eq!(items["data"][0]["role"], "user");
    assert_eq!(items["data"][0]["content"][0]["type"], "input_text");
    assert_eq!(items["data"][0]["content"][0]["text"], "hello there");
    assert_eq!(items["first_id"], items["data"][0]["id"]);
    assert_eq!(items["has_more"], false);

    let deleted = openai_delete(&server, &format!("/responses/{id}")).await;
    assert_eq!(
        deleted.json(),
        json!({"id": id, "object": "response.deleted", "deleted": true})
    );
    let gone = openai_get(&server, &format!("/responses/{id}")).await;
    assert_eq!(gone.status, 404);
    assert_eq!(
        gone.json()["error"]["message"],
        format!("Response with id '{id}' not found.")
    );
    assert_eq!(
        openai_delete(&server, &format!("/responses/{id}"))
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn response_fields_match_the_service() {
    let Some(real) = recording("responses/openai-incomplete-max_output_tokens-gpt4omini-2025.json")
    else {
        return;
    };
    let server = MockServer::start().await;
    let mock = create(&server, json!({"model": "gpt-4o-mini", "input": "hi"})).await;
    let mock_keys = keys(&mock);
    for key in keys(&real) {
        assert!(mock_keys.contains(&key), "missing {key}");
    }
    assert_eq!(keys(&mock["usage"]), keys(&real["usage"]));
    assert_eq!(keys(&mock["output"][0]), keys(&real["output"][0]));
    assert_eq!(
        keys(&mock["output"][0]["content"][0]),
        keys(&real["output"][0]["content"][0])
    );
}

#[tokio::test]
async fn store_false_is_not_retrievable() {
    let server = MockServer::start().await;
    let created = create(
        &server,
        json!({"model": "gpt-4o-mini", "input": "x", "store": false}),
    )
    .await;
    assert_eq!(created["store"], false);
    let id = created["id"].as_str().unwrap();
    assert_eq!(
        openai_get(&server, &format!("/responses/{id}"))
            .await
            .status,
        404
    );
    let follow = openai_post(
        &server,
        "/responses",
        json!({"model": "gpt-4o-mini", "input": "y", "previous_response_id": id}),
    )
    .await;
    assert_eq!(follow.status, 400);
    assert_eq!(
        follow.json()["error"]["code"],
        "previous_response_not_found"
    );
}

#[tokio::test]
async fn previous_response_id_chains_the_context() {
    let server = MockServer::start().await;
    let first = create(&server, json!({"model": "gpt-4o-mini", "input": "one two"})).await;
    let second = create(
        &server,
        json!({"model": "gpt-4o-mini", "input": "three", "previous_response_id": first["id"]}),
    )
    .await;
    assert_eq!(second["previous_response_id"], first["id"]);
    // Saw the first input and answer.
    assert_eq!(output_text(&second), "Echo: three (2 earlier items)");
    assert_eq!(second["usage"]["input_tokens"], 2 + 3 + 1);
    assert_eq!(second["usage"]["input_tokens_details"]["cached_tokens"], 5);
    let third = create(
        &server,
        json!({"model": "gpt-4o-mini", "input": [{"role": "user", "content": "four"}], "previous_response_id": second["id"]}),
    )
    .await;
    assert_eq!(output_text(&third), "Echo: four (4 earlier items)");
    // input_items lists only the response's own input.
    let items = openai_get(
        &server,
        &format!("/responses/{}/input_items", third["id"].as_str().unwrap()),
    )
    .await
    .json();
    assert_eq!(items["data"].as_array().unwrap().len(), 1);
    assert_eq!(items["data"][0]["content"][0]["text"], "four");

    let unknown = openai_post(
        &server,
        "/responses",
        json!({"model": "gpt-4o-mini", "input": "x", "previous_response_id": "resp_nope"}),
    )
    .await;
    assert_eq!(unknown.status, 400);
    let error = unknown.json()["error"].clone();
    assert_eq!(error["param"], "previous_response_id");
    assert_eq!(
        error["message"],
        "Previous response with id 'resp_nope' not found."
    );
    // Without input, a previous response is enough.
    let again = create(
        &server,
        json!({"model": "gpt-4o-mini", "previous_response_id": first["id"]}),
    )
    .await;
    assert_eq!(output_text(&again), "Echo: one two (2 earlier items)");
}

#[tokio::test]
async fn conversations_crud_and_items_pagination() {
    let server = MockServer::start().await;
    let conv = openai_post(
        &server,
        "/conversations",
        json!({"metadata": {"topic": "test"}, "items": [
            {"type": "message", "role": "user", "content": "a"},
            {"role": "user", "content": "b"},
            {"role": "assistant", "content": "c"},
        ]}),
    )
    .await;
    assert_eq!(conv.status, 200, "{}", conv.text());
    let conv = conv.json();
    if let Some(real) = recording("conversations/openai-conversation-create-2026.json") {
        assert_eq!(keys(&conv), keys(&real));
    }
    assert_eq!(conv["object"], "conversation");
    let id = conv["id"].as_str().unwrap().to_owned();
    assert!(id.starts_with("conv_"));
    let path = format!("/conversations/{id}");
    assert_eq!(openai_get(&server, &path).await.json(), conv);

    let updated = openai_post(&server, &path, json!({"metadata": {"topic": "new"}})).await;
    assert_eq!(updated.json()["metadata"], json!({"topic": "new"}));
    let no_metadata = openai_post(&server, &path, json!({})).await;
    assert_eq!(no_metadata.status, 400);
    assert_eq!(no_metadata.json()["error"]["param"], "metadata");

    let added = openai_post(
        &server,
        &format!("{path}/items"),
        json!({"items": [{"role": "user", "content": "d"}, {"role": "user", "content": "e"}]}),
    )
    .await;
    assert_eq!(added.status, 200, "{}", added.text());
    let added = added.json();
    assert_eq!(added["object"], "list");
    assert_eq!(added["data"].as_array().unwrap().len(), 2);
    assert_eq!(added["data"][1]["content"][0]["text"], "e");

    // Newest first, two per page.
    let page = openai_get(&server, &format!("{path}/items?limit=2"))
        .await
        .json();
    let texts = |page: &Value| -> Vec<String> {
        page["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["content"][0]["text"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(texts(&page), ["e", "d"]);
    assert_eq!(page["has_more"], true);
    let last = page["last_id"].as_str().unwrap();
    let next = openai_get(&server, &format!("{path}/items?limit=2&after={last}"))
        .await
        .json();
    assert_eq!(texts(&next), ["c", "b"]);
    let asc = openai_get(
        &server,
        &format!("{path}/items?order=asc&include[]=message.input_image.image_url"),
    )
    .await
    .json();
    assert_eq!(texts(&asc), ["a", "b", "c", "d", "e"]);
    assert_eq!(asc["data"][2]["content"][0]["type"], "output_text");
    let bad_include = openai_get(&server, &format!("{path}/items?include=nope")).await;
    assert_eq!(bad_include.status, 400);
    assert_eq!(bad_include.json()["error"]["param"], "include");

    let item_id = asc["data"][0]["id"].as_str().unwrap();
    let item = openai_get(&server, &format!("{path}/items/{item_id}")).await;
    assert_eq!(item.json()["content"][0]["text"], "a");
    let after_delete = openai_delete(&server, &format!("{path}/items/{item_id}")).await;
    assert_eq!(after_delete.json()["id"], id.as_str());
    assert_eq!(
        openai_get(&server, &format!("{path}/items/{item_id}"))
            .await
            .status,
        404
    );
    let all = openai_get(&server, &format!("{path}/items")).await.json();
    assert_eq!(all["data"].as_array().unwrap().len(), 4);

    let deleted = openai_delete(&server, &path).await.json();
    assert_eq!(
        deleted,
        json!({"id": id, "object": "conversation.deleted", "deleted": true})
    );
    let gone = openai_get(&server, &path).await;
    assert_eq!(gone.status, 404);
    assert_eq!(
        gone.json()["error"]["message"],
        format!("Conversation with id '{id}' not found.")
    );
}

#[tokio::test]
async fn responses_append_to_their_conversation() {
    let server = MockServer::start().await;
    let conv = openai_post(
        &server,
        "/conversations",
        json!({"items": [{"role": "system", "content": "You are a helpful assistant."}]}),
    )
    .await
    .json();
    let conv_id = conv["id"].as_str().unwrap();
    let response = create(
        &server,
        json!({"model": "gpt-4o-mini", "input": "Tell me a joke.", "conversation": conv_id}),
    )
    .await;
    assert_eq!(response["conversation"], json!({"id": conv_id}));
    assert_eq!(
        output_text(&response),
        "Echo: Tell me a joke. (1 earlier items)"
    );
    let items = openai_get(&server, &format!("/conversations/{conv_id}/items"))
        .await
        .json();
    let data = items["data"].as_array().unwrap();
    let roles: Vec<&str> = data.iter().map(|i| i["role"].as_str().unwrap()).collect();
    assert_eq!(roles, ["assistant", "user", "system"]);
    assert_eq!(data[0]["id"], response["output"][0]["id"]);
    // The object form works too, and a second turn sees all three items.
    let second = create(
        &server,
        json!({"model": "gpt-4o-mini", "input": "More.", "conversation": {"id": conv_id}}),
    )
    .await;
    assert_eq!(output_text(&second), "Echo: More. (3 earlier items)");

    let both = openai_post(
        &server,
        "/responses",
        json!({"model": "gpt-4o-mini", "input": "x", "conversation": conv_id, "previous_response_id": response["id"]}),
    )
    .await;
    assert_eq!(both.status, 400);
    let unknown = openai_post(
        &server,
        "/responses",
        json!({"model": "gpt-4o-mini", "input": "x", "conversation": "conv_nope"}),
    )
    .await;
    assert_eq!(unknown.status, 404);
}

fn weather_tool() -> Value {
    json!({"type": "function", "name": "get_weather", "parameters": {
        "type": "object",
        "properties": {"location": {"type": "string"}, "unit": {"type": "string", "enum": ["c", "f"]}},
        "required": ["location", "unit"],
        "additionalProperties": false,
    }})
}

fn time_tool() -> Value {
    json!({"type": "function", "name": "get_time", "parameters": {"type": "object", "properties": {}}})
}

#[tokio::test]
async fn function_call_round_trip() {
    let server = MockServer::start().await;
    let first = create(
        &server,
        json!({"model": "gpt-4o", "input": "What's the weather in Paris?", "tools": [weather_tool()]}),
    )
    .await;
    let call = &first["output"][0];
    assert_eq!(call["type"], "function_call");
    assert_eq!(call["name"], "get_weather");
    assert_eq!(call["status"], "completed");
    assert!(call["id"].as_str().unwrap().starts_with("fc_"));
    let args: Value = serde_json::from_str(call["arguments"].as_str().unwrap()).unwrap();
    assert_eq!(args, json!({"location": "mock-location", "unit": "c"}));
    assert_eq!(first["tools"][0]["strict"], true);

    let second = create(
        &server,
        json!({
            "model": "gpt-4o",
            "previous_response_id": first["id"],
            "tools": [weather_tool()],
            "input": [{"type": "function_call_output", "call_id": call["call_id"], "output": "22C and windy"}],
        }),
    )
    .await;
    assert_eq!(output_text(&second), "Tool output received: 22C and windy");
    let items = openai_get(
        &server,
        &format!("/responses/{}/input_items", second["id"].as_str().unwrap()),
    )
    .await
    .json();
    assert_eq!(items["data"][0]["type"], "function_call_output");
    assert_eq!(items["data"][0]["status"], "completed");

    // Both the call and its output in one stateless request.
    let stateless = create(
        &server,
        json!({"model": "gpt-4o", "tools": [weather_tool()], "input": [
            {"role": "user", "content": "weather?"},
            {"type": "function_call", "call_id": "call_1", "name": "get_weather", "arguments": "{}"},
            {"type": "function_call_output", "call_id": "call_1", "output": "sunny"},
        ]}),
    )
    .await;
    assert_eq!(output_text(&stateless), "Tool output received: sunny");

    // Stateless follow-up that references the stored call by id.
    let referenced = create(
        &server,
        json!({"model": "gpt-4o", "input": [
            {"type": "item_reference", "id": call["id"]},
            {"type": "function_call_output", "call_id": call["call_id"], "output": "rain"},
        ]}),
    )
    .await;
    assert_eq!(output_text(&referenced), "Tool output received: rain");
    let items = openai_get(
        &server,
        &format!(
            "/responses/{}/input_items?order=asc",
            referenced["id"].as_str().unwrap()
        ),
    )
    .await
    .json();
    assert_eq!(items["data"][0]["type"], "function_call");
    assert_eq!(items["data"][0]["name"], "get_weather");
    let dangling = openai_post(
        &server,
        "/responses",
        json!({"model": "gpt-4o", "input": [{"type": "item_reference", "id": "msg_nope"}]}),
    )
    .await;
    assert_eq!(dangling.status, 404);
    assert_eq!(dangling.json()["error"]["param"], "input[0].id");
}

#[tokio::test]
async fn tool_choice_and_parallel_calls() {
    let server = MockServer::start().await;
    let calls = |r: &Value| -> Vec<String> {
        r["output"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["type"] == "function_call")
            .map(|i| i["name"].as_str().unwrap().to_owned())
            .collect()
    };
    let tools = json!([weather_tool(), time_tool()]);
    let all = create(
        &server,
        json!({"model": "m", "input": "hi", "tools": tools}),
    )
    .await;
    assert_eq!(calls(&all), ["get_weather", "get_time"]);
    let mentioned = create(
        &server,
        json!({"model": "m", "input": "call get_time please", "tools": tools}),
    )
    .await;
    assert_eq!(calls(&mentioned), ["get_time"]);
    let serial = create(
        &server,
        json!({"model": "m", "input": "hi", "tools": tools, "parallel_tool_calls": false}),
    )
    .await;
    assert_eq!(calls(&serial), ["get_weather"]);
    let named = create(
        &server,
        json!({"model": "m", "input": "hi", "tools": tools, "tool_choice": {"type": "function", "name": "get_time"}}),
    )
    .await;
    assert_eq!(calls(&named), ["get_time"]);
    let none = create(
        &server,
        json!({"model": "m", "input": "hi", "tools": tools, "tool_choice": "none"}),
    )
    .await;
    assert!(calls(&none).is_empty());
    assert_eq!(output_text(&none), "Echo: hi");
    let unknown = openai_post(
        &server,
        "/responses",
        json!({"model": "m", "input": "hi", "tools": tools, "tool_choice": {"type": "function", "name": "nope"}}),
    )
    .await;
    assert_eq!(unknown.status, 400);
    let chat_shaped = openai_post(
        &server,
        "/responses",
        json!({"model": "m", "input": "hi", "tools": [{"type": "function", "function": {"name": "f"}}]}),
    )
    .await;
    assert_eq!(chat_shaped.status, 400);
    assert_eq!(chat_shaped.json()["error"]["param"], "tools[0].name");
}

#[tokio::test]
async fn json_schema_output_validates() {
    let server = MockServer::start().await;
    let schema = json!({
        "type": "object",
        "properties": {
            "animals": {"type": "array", "items": {"type": "string"}, "minItems": 1},
            "count": {"type": "integer"},
            "kind": {"type": "string", "enum": ["mammal", "bird"]},
        },
        "required": ["animals", "count", "kind"],
        "additionalProperties": false,
    });
    let response = create(
        &server,
        json!({"model": "gpt-4o-mini", "input": "list animals", "text": {"format": {
            "type": "json_schema", "name": "animals", "schema": schema, "strict": true}}}),
    )
    .await;
    let parsed: Value = serde_json::from_str(&output_text(&response)).unwrap();
    assert!(parsed["animals"].as_array().is_some_and(|a| !a.is_empty()));
    assert!(parsed["count"].is_i64());
    assert_eq!(parsed["kind"], "mammal");
    assert_eq!(response["text"]["format"]["name"], "animals");
    let missing_schema = openai_post(
        &server,
        "/responses",
        json!({"model": "m", "input": "x", "text": {"format": {"type": "json_schema", "name": "n"}}}),
    )
    .await;
    assert_eq!(missing_schema.status, 400);
    assert_eq!(
        missing_schema.json()["error"]["param"],
        "text.format.schema"
    );
    let object = create(
        &server,
        json!({"model": "m", "input": "x", "text": {"format": {"type": "json_object"}}}),
    )
    .await;
    assert_eq!(
        serde_json::from_str::<Value>(&output_text(&object)).unwrap(),
        json!({"echo": "x"})
    );
}

#[tokio::test]
async fn scripted_outcomes_by_magic_input() {
    let server = MockServer::start().await;
    let refused = create(&server, json!({"model": "m", "input": "[refuse] please"})).await;
    assert_eq!(refused["output"][0]["content"][0]["type"], "refusal");
    assert!(refused["output"][0]["content"][0]["refusal"].is_string());

    let failed = create(&server, json!({"model": "m", "input": "[fail]"})).await;
    assert_eq!(failed["status"], "failed");
    assert_eq!(failed["error"]["code"], "server_error");
    assert_eq!(failed["output"], json!([]));

    let long = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen";
    let cut = create(
        &server,
        json!({"model": "m", "input": long, "max_output_tokens": 16}),
    )
    .await;
    assert_eq!(cut["status"], "incomplete");
    assert_eq!(
        cut["incomplete_details"],
        json!({"reason": "max_output_tokens"})
    );
    assert_eq!(cut["output"][0]["status"], "incomplete");
    assert_eq!(cut["usage"]["output_tokens"], 16);
    let too_small = openai_post(
        &server,
        "/responses",
        json!({"model": "m", "input": "x", "max_output_tokens": 5}),
    )
    .await;
    assert_eq!(too_small.status, 400);
    assert_eq!(too_small.json()["error"]["param"], "max_output_tokens");

    let stream_error_plain = openai_post(
        &server,
        "/responses",
        json!({"model": "m", "input": "[stream_error] x"}),
    )
    .await;
    assert_eq!(stream_error_plain.status, 500);

    let reasoning = create(
        &server,
        json!({"model": "o4-mini", "input": "think", "reasoning": {"effort": "low"}}),
    )
    .await;
    assert_eq!(reasoning["output"][0]["type"], "reasoning");
    assert_eq!(
        reasoning["usage"]["output_tokens_details"]["reasoning_tokens"],
        16
    );
    assert_eq!(reasoning["usage"]["output_tokens"], 16 + 2);
    assert!(reasoning["output"][0].get("encrypted_content").is_none());
    let encrypted = create(
        &server,
        json!({"model": "o4-mini", "input": "think", "reasoning": {"effort": "high"},
               "include": ["reasoning.encrypted_content"], "store": false}),
    )
    .await;
    assert!(encrypted["output"][0]["encrypted_content"].is_string());
    assert_eq!(
        encrypted["usage"]["output_tokens_details"]["reasoning_tokens"],
        64
    );
    let bad_include = openai_post(
        &server,
        "/responses",
        json!({"model": "m", "input": "x", "include": ["nope"]}),
    )
    .await;
    assert_eq!(bad_include.status, 400);
    assert_eq!(bad_include.json()["error"]["param"], "include");
}

#[tokio::test]
async fn background_polls_to_completion() {
    let server = MockServer::start().await;
    let queued = create(
        &server,
        json!({"model": "gpt-4.1-mini", "input": "slow one", "background": true}),
    )
    .await;
    assert_eq!(queued["status"], "queued");
    assert_eq!(queued["background"], true);
    assert_eq!(queued["output"], json!([]));
    assert!(queued["usage"].is_null());
    let path = format!("/responses/{}", queued["id"].as_str().unwrap());
    let polls: Vec<Value> = {
        let mut out = Vec::new();
        for _ in 0..3 {
            out.push(openai_get(&server, &path).await.json());
        }
        out
    };
    assert_eq!(polls[0]["status"], "in_progress");
    assert_eq!(polls[1]["status"], "completed");
    assert_eq!(output_text(&polls[1]), "Echo: slow one");
    assert!(polls[1]["completed_at"].is_u64());
    assert_eq!(polls[2], polls[1]);
    // Cancelling a finished background response returns it unchanged.
    let cancel = openai_post(&server, &format!("{path}/cancel"), json!({})).await;
    assert_eq!(cancel.json()["status"], "completed");
}

#[tokio::test]
async fn background_cancel_and_synchronous_cancel() {
    let server = MockServer::start().await;
    let queued = create(
        &server,
        json!({"model": "m", "input": "x", "background": true}),
    )
    .await;
    let path = format!("/responses/{}", queued["id"].as_str().unwrap());
    let cancelled = openai_post(&server, &format!("{path}/cancel"), json!({})).await;
    assert_eq!(cancelled.status, 200);
    assert_eq!(cancelled.json()["status"], "cancelled");
    assert_eq!(
        openai_get(&server, &path).await.json()["status"],
        "cancelled"
    );
    assert_eq!(
        openai_post(&server, &format!("{path}/cancel"), json!({}))
            .await
            .json()["status"],
        "cancelled"
    );

    let sync = create(&server, json!({"model": "m", "input": "x"})).await;
    let refused = openai_post(
        &server,
        &format!("/responses/{}/cancel", sync["id"].as_str().unwrap()),
        json!({}),
    )
    .await;
    assert_eq!(refused.status, 400);
    assert_eq!(
        refused.json()["error"]["message"],
        "Cannot cancel a synchronous response."
    );
    assert_eq!(
        openai_post(&server, "/responses/resp_nope/cancel", json!({}))
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn text_stream_is_framed_like_the_service() {
    let server = MockServer::start().await;
    let resp = openai_post(
        &server,
        "/responses",
        json!({"model": "gpt-4o-mini", "input": "hello stream world", "stream": true}),
    )
    .await;
    let events = events(&resp);
    assert_eq!(events[0].1["sequence_number"], 0);
    let names = names(&events);
    assert_eq!(
        names[..4],
        [
            "response.created",
            "response.in_progress",
            "response.output_item.added",
            "response.content_part.added"
        ]
    );
    assert_eq!(
        names[names.len() - 4..],
        [
            "response.output_text.done",
            "response.content_part.done",
            "response.output_item.done",
            "response.completed"
        ]
    );
    let deltas: Vec<&Value> = events
        .iter()
        .filter(|(n, _)| n == "response.output_text.delta")
        .map(|(_, d)| d)
        .collect();
    assert_eq!(deltas.len(), 4); // one per word: "Echo:", " hello", " stream", " world"
    let joined: String = deltas
        .iter()
        .map(|d| d["delta"].as_str().unwrap())
        .collect();
    assert_eq!(joined, "Echo: hello stream world");
    assert!(deltas.iter().all(|d| d["obfuscation"].is_string()));
    let done = events
        .iter()
        .find(|(n, _)| n == "response.output_text.done")
        .unwrap();
    assert_eq!(done.1["text"], joined.as_str());
    let (last_name, last) = events.last().unwrap();
    assert_eq!(last_name, "response.completed");
    assert_eq!(last["response"]["status"], "completed");
    assert_eq!(output_text(&last["response"]), joined);
    assert_eq!(events[0].1["response"]["status"], "in_progress");
    // The streamed response is stored like a plain one.
    let id = last["response"]["id"].as_str().unwrap();
    assert_eq!(
        openai_get(&server, &format!("/responses/{id}"))
            .await
            .json(),
        last["response"]
    );
    if let Some(real) = recording_stream_names("responses_stream/openai-text-gpt4omini-2025.sse") {
        let mut real_kinds = real;
        real_kinds.dedup();
        let mut mock_kinds: Vec<String> = names.iter().map(|s| (*s).to_owned()).collect();
        mock_kinds.dedup();
        assert_eq!(mock_kinds, real_kinds);
    }
    let no_obfuscation = openai_post(
        &server,
        "/responses",
        json!({"model": "m", "input": "x", "stream": true, "stream_options": {"include_obfuscation": false}}),
    )
    .await;
    assert!(!no_obfuscation.text().contains("obfuscation"));
}

/// The event names of a recorded stream, in order.
fn recording_stream_names(relative: &str) -> Option<Vec<String>> {
    let path = crate::support::shared(&format!("testdata/real/{relative}"))?;
    let text = std::fs::read_to_string(path).unwrap();
    Some(
        text.lines()
            .filter_map(|l| l.strip_prefix("event: "))
            .map(str::to_owned)
            .collect(),
    )
}

#[tokio::test]
async fn function_call_stream_and_refusal_stream() {
    let server = MockServer::start().await;
    let resp = openai_post(
        &server,
        "/responses",
        json!({"model": "gpt-4o", "input": "weather?", "tools": [weather_tool()], "stream": true}),
    )
    .await;
    let events = events(&resp);
    let args: String = events
        .iter()
        .filter(|(n, _)| n == "response.function_call_arguments.delta")
        .map(|(_, d)| d["delta"].as_str().unwrap().to_owned())
        .collect();
    let done = events
        .iter()
        .find(|(n, _)| n == "response.function_call_arguments.done")
        .unwrap();
    assert_eq!(done.1["arguments"], args.as_str());
    let added = events
        .iter()
        .find(|(n, _)| n == "response.output_item.added")
        .unwrap();
    assert_eq!(added.1["item"]["type"], "function_call");
    assert_eq!(added.1["item"]["arguments"], "");
    assert_eq!(added.1["item"]["status"], "in_progress");
    assert_eq!(events.last().unwrap().0, "response.completed");

    let refusal = openai_post(
        &server,
        "/responses",
        json!({"model": "gpt-4o", "input": "[refuse]", "stream": true}),
    )
    .await;
    let refusal = events_of(&refusal);
    assert!(refusal.contains(&"response.refusal.delta".to_owned()));
    assert!(refusal.contains(&"response.refusal.done".to_owned()));
    assert!(!refusal.contains(&"response.output_text.delta".to_owned()));
}

fn events_of(resp: &Resp) -> Vec<String> {
    events(resp).into_iter().map(|(n, _)| n).collect()
}

#[tokio::test]
async fn stream_outcomes_incomplete_failed_and_error_event() {
    let server = MockServer::start().await;
    let long = "a b c d e f g h i j k l m n o p q r s t";
    let cut = openai_post(
        &server,
        "/responses",
        json!({"model": "m", "input": long, "max_output_tokens": 16, "stream": true}),
    )
    .await;
    let cut = events(&cut);
    assert_eq!(cut.last().unwrap().0, "response.incomplete");
    assert_eq!(
        cut.last().unwrap().1["response"]["incomplete_details"]["reason"],
        "max_output_tokens"
    );

    let failed = openai_post(
        &server,
        "/responses",
        json!({"model": "m", "input": "[fail]", "stream": true}),
    )
    .await;
    let failed = events(&failed);
    assert_eq!(failed.last().unwrap().0, "response.failed");
    assert_eq!(
        failed.last().unwrap().1["response"]["error"]["code"],
        "server_error"
    );

    let broken = openai_post(
        &server,
        "/responses",
        json!({"model": "m", "input": "[stream_error] one two three four", "stream": true}),
    )
    .await;
    let broken = events(&broken);
    let (name, data) = broken.last().unwrap();
    assert_eq!(name, "error");
    assert_eq!(data["code"], "server_error");
    let deltas = broken
        .iter()
        .filter(|(n, _)| n == "response.output_text.delta")
        .count();
    assert_eq!(deltas, 3); // half of the six words, rounded up
    assert!(!broken.iter().any(|(n, _)| n == "response.completed"));
}

#[tokio::test]
async fn background_stream_resumes_after_a_sequence_number() {
    let server = MockServer::start().await;
    let resp = openai_post(
        &server,
        "/responses",
        json!({"model": "gpt-4o", "input": "resume me please", "stream": true, "background": true}),
    )
    .await;
    let all = events(&resp);
    let names = names(&all);
    assert_eq!(
        names[..3],
        [
            "response.created",
            "response.queued",
            "response.in_progress"
        ]
    );
    assert_eq!(all[0].1["response"]["status"], "queued");
    assert_eq!(all[0].1["response"]["background"], true);
    assert_eq!(*names.last().unwrap(), "response.completed");
    let id = all[0].1["response"]["id"].as_str().unwrap();

    let resumed = openai_get(
        &server,
        &format!("/responses/{id}?stream=true&starting_after=4"),
    )
    .await;
    let rest = events(&resumed);
    assert_eq!(rest.len(), all.len() - 5);
    assert_eq!(rest[0].1["sequence_number"], 5);
    for (got, want) in rest.iter().zip(&all[5..]) {
        assert_eq!(got, want);
    }
    let whole = openai_get(&server, &format!("/responses/{id}?stream=true")).await;
    assert_eq!(events(&whole), all);
    let bad = openai_get(
        &server,
        &format!("/responses/{id}?stream=true&starting_after=x"),
    )
    .await;
    assert_eq!(bad.status, 400);
    assert_eq!(
        openai_get(&server, &format!("/responses/{id}"))
            .await
            .json()["status"],
        "completed"
    );

    let plain = create(&server, json!({"model": "m", "input": "x"})).await;
    let not_streamable = openai_get(
        &server,
        &format!("/responses/{}?stream=true", plain["id"].as_str().unwrap()),
    )
    .await;
    assert_eq!(not_streamable.status, 400);
}

#[tokio::test]
async fn azure_v1_and_dated_routes() {
    let server = MockServer::start().await;
    let v1 = azure_post(
        &server,
        "/openai/v1/responses",
        json!({"model": "my-deployment", "input": "hi"}),
    )
    .await;
    assert_eq!(v1.status, 200, "{}", v1.text());
    assert!(v1.header("apim-request-id").is_some());
    let v1 = v1.json();
    assert_eq!(v1["model"], "my-deployment");
    assert_eq!(output_text(&v1), "Echo: hi");
    let filters = v1["content_filters"].as_array().unwrap();
    assert_eq!(filters[0]["source_type"], "prompt");
    assert_eq!(filters[1]["blocked"], false);
    let id = v1["id"].as_str().unwrap();
    let got = azure_get(&server.url(&format!("/openai/v1/responses/{id}"))).await;
    assert_eq!(got.json()["id"], id);
    let conv = azure_post(&server, "/openai/v1/conversations", json!({})).await;
    assert_eq!(conv.status, 200);

    let dated = "/openai/responses?api-version=2025-04-01-preview";
    let created = azure_post(
        &server,
        dated,
        json!({"model": "gpt-4o-mini", "input": "hey"}),
    )
    .await;
    assert_eq!(created.status, 200, "{}", created.text());
    let created = created.json();
    assert!(created["content_filters"].is_null());
    let id = created["id"].as_str().unwrap();
    let got = azure_get(&server.url(&format!(
        "/openai/responses/{id}?api-version=2025-04-01-preview"
    )))
    .await;
    assert_eq!(got.status, 200);
    let items = azure_get(&server.url(&format!(
        "/openai/responses/{id}/input_items?api-version=2025-04-01-preview"
    )))
    .await;
    assert_eq!(items.json()["data"][0]["content"][0]["text"], "hey");

    let no_model = azure_post(&server, dated, json!({"input": "hey"})).await;
    assert_eq!(no_model.status, 400);
    if let Some(real) =
        recording("responses/azure-error-400-missed-model-deployment-2025-04-01-preview.json")
    {
        assert_eq!(no_model.json(), real);
    }
    let no_version = azure_post(
        &server,
        "/openai/responses",
        json!({"model": "m", "input": "x"}),
    )
    .await;
    assert_eq!(no_version.status, 404);
    let old = azure_post(
        &server,
        "/openai/responses?api-version=2024-10-21",
        json!({"model": "m", "input": "x"}),
    )
    .await;
    assert_eq!(old.status, 404);
    assert_eq!(old.json()["error"]["code"], "404");
    let deployment = azure_post(
        &server,
        "/openai/deployments/m/responses?api-version=2025-04-01-preview",
        json!({"input": "x"}),
    )
    .await;
    assert_eq!(deployment.status, 404);
    let dated_conv = azure_post(
        &server,
        "/openai/conversations?api-version=2025-04-01-preview",
        json!({}),
    )
    .await;
    assert_eq!(dated_conv.status, 404);
    let filtered = azure_post(
        &server,
        "/openai/v1/responses",
        json!({"model": "m", "input": "[content_filter]"}),
    )
    .await;
    assert_eq!(filtered.status, 400);
    assert_eq!(filtered.json()["error"]["code"], "content_filter");
}

#[tokio::test]
async fn validation_errors_in_order() {
    let server = MockServer::start().await;
    let url = format!("{}/responses", server.base_url());
    let no_auth = send(
        &client(),
        "POST",
        &url,
        &[("content-type", "application/json")],
        Some("{".into()),
    )
    .await
    .unwrap();
    assert_eq!(no_auth.status, 401);
    let malformed = send(
        &client(),
        "POST",
        &url,
        &[
            ("authorization", "Bearer k"),
            ("content-type", "application/json"),
        ],
        Some("{".into()),
    )
    .await
    .unwrap();
    assert_eq!(malformed.status, 400);
    let no_model = openai_post(&server, "/responses", json!({"input": "x"})).await;
    assert_eq!(no_model.status, 400);
    assert_eq!(
        no_model.json()["error"]["code"],
        "missing_required_parameter"
    );
    assert_eq!(no_model.json()["error"]["param"], "model");
    let no_input = openai_post(&server, "/responses", json!({"model": "m"})).await;
    assert_eq!(no_input.json()["error"]["param"], "input");
    let bad_input = openai_post(&server, "/responses", json!({"model": "m", "input": 3})).await;
    assert_eq!(bad_input.json()["error"]["code"], "invalid_type");
    let bad_role = openai_post(
        &server,
        "/responses",
        json!({"model": "m", "input": [{"role": "robot", "content": "x"}]}),
    )
    .await;
    assert_eq!(bad_role.json()["error"]["param"], "input[0].role");
    let bad_output = openai_post(
        &server,
        "/responses",
        json!({"model": "m", "input": [{"type": "function_call_output", "output": "x"}]}),
    )
    .await;
    assert_eq!(bad_output.json()["error"]["param"], "input[0].call_id");
    let options_without_stream = openai_post(
        &server,
        "/responses",
        json!({"model": "m", "input": "x", "stream_options": {}}),
    )
    .await;
    assert_eq!(options_without_stream.status, 400);
    let wrong_method = openai_get(&server, "/responses").await;
    assert_eq!(wrong_method.status, 405);
    let unknown_route = openai_get(&server, "/responses/r/nope").await;
    assert_eq!(unknown_route.status, 404);
    let bad_limit = openai_post(&server, "/conversations", json!({}))
        .await
        .json();
    let path = format!(
        "/conversations/{}/items?limit=0",
        bad_limit["id"].as_str().unwrap()
    );
    assert_eq!(openai_get(&server, &path).await.status, 400);
    let too_many: Vec<Value> = (0..21)
        .map(|_| json!({"role": "user", "content": "x"}))
        .collect();
    let over = openai_post(&server, "/conversations", json!({"items": too_many})).await;
    assert_eq!(over.status, 400);
}

#[tokio::test]
async fn input_tokens_and_compaction() {
    let server = MockServer::start().await;
    let counted = openai_post(
        &server,
        "/responses/input_tokens",
        json!({"model": "gpt-5", "input": "Tell me a joke.", "instructions": "Be brief"}),
    )
    .await;
    assert_eq!(counted.status, 200);
    assert_eq!(
        counted.json(),
        json!({"object": "response.input_tokens", "input_tokens": 6})
    );
    let with_tools = openai_post(
        &server,
        "/responses/input_tokens",
        json!({"input": "x", "tools": [{"type": "function", "name": "f", "description": "two words"}]}),
    )
    .await;
    assert_eq!(with_tools.json()["input_tokens"], 1 + 8 + 2);

    let first = create(&server, json!({"model": "m", "input": "keep me"})).await;
    let compacted = openai_post(
        &server,
        "/responses/compact",
        json!({"model": "gpt-5", "previous_response_id": first["id"], "input": "and me"}),
    )
    .await;
    assert_eq!(compacted.status, 200, "{}", compacted.text());
    let compacted = compacted.json();
    if let Some(real) = recording("responses/openai-compact-response.compaction-2026.json") {
        assert_eq!(keys(&compacted), keys(&real));
    }
    assert_eq!(compacted["object"], "response.compaction");
    let output = compacted["output"].as_array().unwrap();
    let kinds: Vec<&str> = output.iter().map(|i| i["type"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["message", "message", "compaction"]);
    assert_eq!(output[1]["content"][0]["text"], "and me");
    assert!(output[2]["id"].as_str().unwrap().starts_with("cmp_"));
    let no_model = openai_post(&server, "/responses/compact", json!({"input": "x"})).await;
    assert_eq!(no_model.status, 400);
}

#[tokio::test]
async fn requests_are_recorded() {
    let server = MockServer::start().await;
    create(&server, json!({"model": "m", "input": "x"})).await;
    let sent = server.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].path, "/v1/responses");
    assert_eq!(sent[0].json.as_ref().unwrap()["input"], "x");
}

#[tokio::test]
async fn scripts_override_the_default() {
    let server = MockServer::start().await;
    server
        .on("POST", "/v1/responses")
        .respond_seq([openai_mock::Reply::rate_limited(100)]);
    let limited = openai_post(&server, "/responses", json!({"model": "m", "input": "x"})).await;
    assert_eq!(limited.status, 429);
    let ok = openai_post(&server, "/responses", json!({"model": "m", "input": "x"})).await;
    assert_eq!(ok.status, 200);
}

#[tokio::test]
async fn azure_streams_and_background_resume() {
    let server = MockServer::start().await;
    let dated = azure_post(
        &server,
        "/openai/responses?api-version=2025-04-01-preview",
        json!({"model": "gpt-4o-mini", "input": "hi azure", "stream": true}),
    )
    .await;
    let dated = events(&dated);
    assert_eq!(dated.last().unwrap().0, "response.completed");
    assert!(dated.last().unwrap().1["response"]["content_filters"].is_null());

    let v1 = azure_post(
        &server,
        "/openai/v1/responses",
        json!({"model": "dep", "input": "later", "stream": true, "background": true}),
    )
    .await;
    let all = events(&v1);
    let id = all[0].1["response"]["id"].as_str().unwrap();
    let completed = &all.last().unwrap().1["response"];
    assert!(completed["content_filters"].is_array());
    let resumed = azure_get(&server.url(&format!(
        "/openai/v1/responses/{id}?stream=true&starting_after=2"
    )))
    .await;
    let rest = events(&resumed);
    assert_eq!(rest.len(), all.len() - 3);
    assert_eq!(rest[0].1, all[3].1);
    let cancel = azure_post(
        &server,
        &format!("/openai/v1/responses/{id}/cancel"),
        json!({}),
    )
    .await;
    assert_eq!(cancel.json()["status"], "completed");
}
