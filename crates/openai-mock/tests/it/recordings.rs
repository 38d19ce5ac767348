//! The mock's replies against real recorded responses (`shared/testdata/real/`, read in place):
//! a mock reply has every key the recording has (top level and one level into choices/data),
//! and no key that no real recording of that kind has.

use std::collections::BTreeSet;
use std::path::Path;

use openai_mock::MockServer;
use serde_json::{Value, json};

use crate::support::{azure_get, azure_post, chat_request, keys, openai_post, recording, shared};

/// Keys of every recording (`.json` bodies) in a category, for "no invented keys" checks.
fn all_keys(category: &str, pick: impl Fn(&Value) -> Vec<Value>) -> Option<BTreeSet<String>> {
    let dir = shared(&format!("testdata/real/{category}"))?;
    let mut out = BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json")
            || path.to_string_lossy().ends_with(".meta.json")
        {
            continue;
        }
        let file: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for value in pick(&file["body"]) {
            if let Some(obj) = value.as_object() {
                out.extend(obj.keys().cloned());
            }
        }
    }
    Some(out)
}

/// The recording's keys ⊆ the mock's keys.
fn assert_has_keys_of(mock: &Value, real: &Value, what: &str) {
    let mock_keys: BTreeSet<String> = keys(mock).into_iter().collect();
    for key in keys(real) {
        assert!(
            mock_keys.contains(&key),
            "{what}: mock lacks `{key}` (mock has {mock_keys:?})"
        );
    }
}

/// The mock's keys ⊆ keys seen in real recordings.
fn assert_no_invented_keys(mock: &Value, known: &BTreeSet<String>, what: &str) {
    for key in keys(mock) {
        assert!(
            known.contains(&key),
            "{what}: `{key}` appears in no real recording"
        );
    }
}

/// The JSON chunks of a recorded `.sse` file.
fn sse_recording(relative: &str) -> Option<Vec<Value>> {
    let path = shared(&format!("testdata/real/{relative}"))?;
    let text = std::fs::read_to_string(Path::new(&path)).unwrap();
    Some(
        text.split("\n\n")
            .filter_map(|e| e.strip_prefix("data: "))
            .filter(|d| *d != "[DONE]")
            .map(|d| serde_json::from_str(d).unwrap())
            .collect(),
    )
}

#[tokio::test]
async fn chat_completion_looks_like_openai_and_azure_recordings() {
    let server = MockServer::start().await;
    let mock = openai_post(&server, "/chat/completions", chat_request("hi"))
        .await
        .json();
    if let Some(real) = recording("chat/openai-tool_calls-2-gpt4o-2025.json") {
        assert_has_keys_of(&mock, &real, "chat");
        assert_has_keys_of(&mock["choices"][0], &real["choices"][0], "chat choice");
        assert_has_keys_of(&mock["usage"], &real["usage"], "chat usage");
    }
    let azure = azure_post(
        &server,
        "/openai/deployments/gpt/chat/completions?api-version=2024-02-01",
        json!({"messages": [{"role": "user", "content": "hi"}]}),
    )
    .await
    .json();
    if let Some(real) = recording("chat/azure-basic-gpt35-2024-02-01.json") {
        assert_has_keys_of(&azure, &real, "azure chat");
        assert_has_keys_of(
            &azure["choices"][0],
            &real["choices"][0],
            "azure chat choice",
        );
        assert_eq!(
            azure["prompt_filter_results"],
            real["prompt_filter_results"]
        );
        assert_eq!(
            azure["choices"][0]["content_filter_results"],
            real["choices"][0]["content_filter_results"]
        );
    }
    if let Some(known) = all_keys("chat", |b| vec![b.clone()]) {
        assert_no_invented_keys(&mock, &known, "chat");
        assert_no_invented_keys(&azure, &known, "azure chat");
    }
}

#[tokio::test]
async fn tool_call_shapes_match_the_recording() {
    let server = MockServer::start().await;
    let mut request = chat_request("x");
    request["tools"] = json!([{"type": "function", "function": {"name": "f"}}]);
    request["tool_choice"] = json!("required");
    let mock = openai_post(&server, "/chat/completions", request)
        .await
        .json();
    let Some(real) = recording("chat/openai-tool_calls-2-gpt4o-2025.json") else {
        return;
    };
    let (m, r) = (
        &mock["choices"][0]["message"],
        &real["choices"][0]["message"],
    );
    assert_has_keys_of(m, r, "tool message");
    assert_has_keys_of(&m["tool_calls"][0], &r["tool_calls"][0], "tool call");
    assert_eq!(
        mock["choices"][0]["finish_reason"],
        real["choices"][0]["finish_reason"]
    );
}

#[tokio::test]
async fn chat_stream_chunks_look_like_the_recordings() {
    let server = MockServer::start().await;
    let mut request = chat_request("hello world");
    request["stream"] = json!(true);
    request["stream_options"] = json!({"include_usage": true});
    let mock = openai_post(&server, "/chat/completions", request)
        .await
        .sse_chunks();
    if let Some(real) = sse_recording("chat_stream/openai-include_usage-gpt4omini-2024.sse") {
        assert_has_keys_of(&mock[0], &real[0], "first chunk");
        assert_has_keys_of(
            &mock[0]["choices"][0],
            &real[0]["choices"][0],
            "first chunk choice",
        );
        assert_has_keys_of(
            &mock[0]["choices"][0]["delta"],
            &real[0]["choices"][0]["delta"],
            "role delta",
        );
        let (m, r) = (mock.last().unwrap(), real.last().unwrap());
        assert_eq!(keys(m), keys(r), "usage chunk");
        assert_has_keys_of(&m["usage"], &r["usage"], "stream usage");
        // Finish chunk: empty delta and a reason, like the service.
        let (m, r) = (&mock[mock.len() - 2], &real[real.len() - 2]);
        assert_eq!(m["choices"][0]["delta"], r["choices"][0]["delta"]);
    }

    let azure = azure_post(
        &server,
        "/openai/deployments/gpt/chat/completions?api-version=2024-02-01",
        json!({"messages": [{"role": "user", "content": "hi there"}], "stream": true}),
    )
    .await
    .sse_chunks();
    if let Some(real) = sse_recording("chat_stream/azure-pfr-first-chunk-gpt35-2024.sse") {
        assert_eq!(azure[0], real[0], "Azure's filter-only first chunk");
        for i in [1, 2] {
            assert_has_keys_of(&azure[i], &real[i], "azure chunk");
            assert_has_keys_of(
                &azure[i]["choices"][0],
                &real[i]["choices"][0],
                "azure chunk choice",
            );
            assert_eq!(
                azure[i]["choices"][0]["content_filter_results"],
                real[i]["choices"][0]["content_filter_results"]
            );
        }
        let (m, r) = (azure.last().unwrap(), real.last().unwrap());
        assert_eq!(
            m["choices"][0]["content_filter_results"],
            r["choices"][0]["content_filter_results"]
        );
    }
}

#[tokio::test]
async fn tool_call_stream_deltas_look_like_the_recording() {
    let server = MockServer::start().await;
    let mut request = chat_request("call get_weather");
    request["tools"] = json!([{"type": "function", "function": {"name": "get_weather",
        "parameters": {"type": "object", "properties": {"location": {"type": "string"}}, "required": ["location"]}}}]);
    request["stream"] = json!(true);
    let mock = openai_post(&server, "/chat/completions", request)
        .await
        .sse_chunks();
    let Some(real) =
        sse_recording("chat_stream/openai-parallel-tool-call-deltas-gpt4omini-2024.sse")
    else {
        return;
    };
    // Role chunk with null content, then a header delta (id, type, name, "" arguments), then
    // argument fragments carrying only index + arguments.
    assert_eq!(
        mock[0]["choices"][0]["delta"]["content"],
        real[0]["choices"][0]["delta"]["content"]
    );
    let header = |c: &Value| c["choices"][0]["delta"]["tool_calls"][0].clone();
    assert_eq!(keys(&header(&mock[1])), keys(&header(&real[1])));
    assert_eq!(
        keys(&header(&mock[1])["function"]),
        keys(&header(&real[1])["function"])
    );
    assert_eq!(header(&mock[1])["function"]["arguments"], "");
    assert_eq!(keys(&header(&mock[2])), keys(&header(&real[2])));
}

#[tokio::test]
async fn completions_embeddings_images_look_like_recordings() {
    let server = MockServer::start().await;
    let completion = openai_post(
        &server,
        "/completions",
        json!({"model": "m", "prompt": "x"}),
    )
    .await
    .json();
    if let Some(real) = recording("completions/openai-instruct-gpt35-2024.json") {
        assert_eq!(keys(&completion), keys(&real));
        assert_eq!(keys(&completion["choices"][0]), keys(&real["choices"][0]));
    }
    let embedding = openai_post(&server, "/embeddings", json!({"model": "m", "input": "x"}))
        .await
        .json();
    if let Some(real) = recording("embeddings/openai-float-3small-2024.json") {
        assert_eq!(keys(&embedding), keys(&real));
        assert_eq!(keys(&embedding["data"][0]), keys(&real["data"][0]));
        assert_eq!(keys(&embedding["usage"]), keys(&real["usage"]));
    }
    let image = openai_post(
        &server,
        "/images/generations",
        json!({"model": "dall-e-3", "prompt": "x"}),
    )
    .await
    .json();
    if let Some(real) = recording("images/openai-dalle3-url-revised_prompt-2024.json") {
        assert_eq!(keys(&image), keys(&real));
        assert_eq!(keys(&image["data"][0]), keys(&real["data"][0]));
    }
}

#[tokio::test]
async fn azure_image_operation_looks_like_the_recordings() {
    let server = MockServer::start().await;
    let submit = azure_post(
        &server,
        "/openai/images/generations:submit?api-version=2023-07-01-preview",
        json!({"prompt": "x"}),
    )
    .await;
    let location = submit.header("operation-location").unwrap().to_owned();
    if let Some(real) =
        recording("images/azure-dalle2-submit-202-notRunning-2023-07-01-preview.json")
    {
        assert_eq!(keys(&submit.json()), keys(&real));
        assert_eq!(submit.json()["status"], real["status"]);
    }
    let running = azure_get(&location).await.json();
    if let Some(real) = recording("images/azure-dalle2-operation-notRunning-retry-after-2023.json")
    {
        assert_eq!(keys(&running), keys(&real));
    }
    let done = azure_get(&location).await.json();
    if let Some(real) = recording("images/azure-dalle2-operation-succeeded-2023.json") {
        assert_eq!(keys(&done), keys(&real));
        assert_eq!(keys(&done["result"]), keys(&real["result"]));
        assert_eq!(
            keys(&done["result"]["data"][0]),
            keys(&real["result"]["data"][0])
        );
    }
}

#[tokio::test]
async fn error_bodies_look_like_the_recordings() {
    let server = MockServer::start().await;
    let openai = crate::support::send(
        &crate::support::client(),
        "POST",
        &format!("{}/chat/completions", server.base_url()),
        &[],
        None,
    )
    .await
    .unwrap()
    .json();
    if let Some(real) = recording("errors/openai-401-invalid_api_key.json") {
        assert_eq!(keys(&openai["error"]), keys(&real["error"]));
    }
    let azure = crate::support::send(
        &crate::support::client(),
        "POST",
        &server.url("/openai/deployments/d/embeddings?api-version=2023-07-01-preview"),
        &[],
        None,
    )
    .await
    .unwrap()
    .json();
    if let Some(real) = recording("errors/azure-401-access-denied-code-string.json") {
        assert_eq!(azure, real, "Azure's 401 body, verbatim");
    }
}

/// Keys of the recorded Responses stream events, by event type.
fn stream_event_keys() -> Option<std::collections::BTreeMap<String, BTreeSet<String>>> {
    let dir = shared("testdata/real/responses_stream")?;
    let mut out = std::collections::BTreeMap::<String, BTreeSet<String>>::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("sse") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for data in text.lines().filter_map(|l| l.strip_prefix("data: ")) {
            let event: Value = serde_json::from_str(data).unwrap();
            let kind = event["type"].as_str().unwrap_or_default().to_owned();
            out.entry(kind)
                .or_default()
                .extend(event.as_object().unwrap().keys().cloned());
        }
    }
    Some(out)
}

#[tokio::test]
async fn responses_look_like_the_recordings() {
    let Some(known) = all_keys("responses", |b| {
        if b["object"] == "response" {
            vec![b.clone()]
        } else {
            Vec::new()
        }
    }) else {
        return;
    };
    let server = MockServer::start().await;
    let plain = openai_post(&server, "/responses", json!({"model": "m", "input": "hi"}))
        .await
        .json();
    assert_no_invented_keys(&plain, &known, "response");
    if let Some(real) =
        recording("responses/openai-incomplete-max_output_tokens-gpt4omini-2025.json")
    {
        assert_has_keys_of(&plain, &real, "response");
        assert_has_keys_of(&plain["output"][0], &real["output"][0], "message item");
    }
    let v1 = azure_post(
        &server,
        "/openai/v1/responses",
        json!({"model": "m", "input": "hi"}),
    )
    .await
    .json();
    assert_no_invented_keys(&v1, &known, "Azure v1 response");
    if let Some(real) = recording("responses/azure-v1-gpt56-2026.json") {
        assert_has_keys_of(
            &v1["content_filters"][0],
            &real["content_filters"][0],
            "content filter",
        );
    }
    let tool = json!({"type": "function", "name": "get_capital", "parameters": {"type": "object", "properties": {"country": {"type": "string"}}, "required": ["country"]}});
    let call = openai_post(
        &server,
        "/responses",
        json!({"model": "m", "input": "capital?", "tools": [tool]}),
    )
    .await
    .json();
    if let Some(real) = recording("responses/openai-parallel-function_calls-gpt4o-2025.json") {
        assert_eq!(keys(&call["output"][0]), keys(&real["output"][0]));
        assert_eq!(keys(&call["tools"][0]), keys(&real["tools"][0]));
    }
    if let Some(real) =
        recording("conversations/openai-conversation-items-list-after-response-2026.json")
    {
        let conv = openai_post(&server, "/conversations", json!({}))
            .await
            .json();
        let id = conv["id"].as_str().unwrap();
        openai_post(
            &server,
            "/responses",
            json!({"model": "m", "input": "joke", "conversation": id}),
        )
        .await;
        let items = azure_get(&format!("{}/conversations/{id}/items", server.base_url())).await;
        // Bearer-less GET on an OpenAI route is refused; use the Azure v1 route instead.
        assert_eq!(items.status, 401);
        let items = azure_get(&server.url(&format!("/openai/v1/conversations/{id}/items")))
            .await
            .json();
        assert_eq!(keys(&items), keys(&real));
        assert_eq!(keys(&items["data"][0]), keys(&real["data"][0]));
        assert_eq!(keys(&items["data"][1]), keys(&real["data"][1]));
    }

    let Some(recorded) = stream_event_keys() else {
        return;
    };
    for request in [
        json!({"model": "m", "input": "hello", "stream": true}),
        json!({"model": "m", "input": "capital?", "tools": [tool], "stream": true}),
        json!({"model": "m", "input": "[refuse]", "stream": true}),
        json!({"model": "m", "input": "x", "stream": true, "background": true}),
    ] {
        let resp = openai_post(&server, "/responses", request).await;
        for block in resp.text().split_terminator("\n\n") {
            let data = block.split_once("\ndata: ").unwrap().1;
            let mut event: Value = serde_json::from_str(data).unwrap();
            let kind = event["type"].as_str().unwrap().to_owned();
            let known = recorded
                .get(&kind)
                .unwrap_or_else(|| panic!("no recorded `{kind}` event"));
            if kind == "response.function_call_arguments.done" {
                // Required by the spec, newer than the recordings.
                event.as_object_mut().unwrap().remove("name");
            }
            assert_no_invented_keys(&event, known, &kind);
        }
    }
}
