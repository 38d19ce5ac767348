//! Unit tests for the Assistants and Files state, driving [`AssistantsState::handle`] directly.

use std::collections::BTreeSet;
use std::path::PathBuf;

use bytes::Bytes;
use serde_json::{Value, json};

use super::AssistantsState;
use crate::api::{ApiReply, ApiRequest, FormField};

/// The recorded real responses, read in place.
const REAL_DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/testdata/real/assistants"
);

struct Mock {
    state: AssistantsState,
    azure: bool,
}

impl Mock {
    fn new() -> Self {
        Self {
            state: AssistantsState::new(),
            azure: false,
        }
    }

    fn send(
        &self,
        method: &str,
        path: &str,
        query: &[(&str, &str)],
        body: Option<Value>,
        form: &[FormField],
    ) -> Option<ApiReply> {
        let query: Vec<(String, String)> = query
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        let req = ApiRequest {
            method,
            path,
            query: &query,
            json: body.as_ref(),
            form,
            azure: self.azure,
        };
        self.state.handle(&req)
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> ApiReply {
        self.send(method, path, &[], body, &[])
            .unwrap_or_else(|| panic!("{method} {path} not handled"))
    }

    /// A `200` JSON reply's body (fails the test on anything else).
    fn ok(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        json_ok(self.call(method, path, body))
    }

    fn get(&self, path: &str) -> Value {
        self.ok("GET", path, None)
    }

    fn post(&self, path: &str, body: Value) -> Value {
        self.ok("POST", path, Some(body))
    }

    fn list(&self, path: &str, query: &[(&str, &str)]) -> Value {
        json_ok(self.send("GET", path, query, None, &[]).unwrap())
    }

    fn upload(&self, name: &str, data: &[u8], purpose: &str) -> Value {
        let form = [
            FormField {
                name: "purpose".into(),
                filename: None,
                content_type: None,
                data: Bytes::copy_from_slice(purpose.as_bytes()),
            },
            FormField {
                name: "file".into(),
                filename: Some(name.into()),
                content_type: Some("application/octet-stream".into()),
                data: Bytes::copy_from_slice(data),
            },
        ];
        json_ok(self.send("POST", "/files", &[], None, &form).unwrap())
    }

    fn assistant(&self, body: Value) -> String {
        id(&self.post("/assistants", body))
    }

    fn thread_with(&self, text: &str) -> String {
        id(&self.post(
            "/threads",
            json!({ "messages": [{ "role": "user", "content": text }] }),
        ))
    }

    fn sse(&self, path: &str, body: Value) -> Vec<(String, String)> {
        match self.call("POST", path, Some(body)) {
            ApiReply::Sse { events } => events
                .into_iter()
                .map(|(name, data)| (name.unwrap(), data))
                .collect(),
            other => panic!("expected a stream, got {other:?}"),
        }
    }
}

fn json_ok(reply: ApiReply) -> Value {
    match reply {
        ApiReply::Json {
            status: 200, body, ..
        } => body,
        other => panic!("expected 200 JSON, got {other:?}"),
    }
}

/// `(status, error.param, error.code)` of an error reply.
fn error_of(reply: ApiReply) -> (u16, Value, Value) {
    match reply {
        ApiReply::Json { status, body, .. } if status >= 400 => {
            let e = &body["error"];
            assert!(e["message"].is_string(), "{body}");
            assert_eq!(e["type"], "invalid_request_error", "{body}");
            (status, e["param"].clone(), e["code"].clone())
        }
        other => panic!("expected an error, got {other:?}"),
    }
}

fn header(reply: &ApiReply, name: &str) -> Option<String> {
    match reply {
        ApiReply::Json { headers, .. } => headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone()),
        _ => None,
    }
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

fn ids(list: &Value) -> Vec<String> {
    list["data"].as_array().unwrap().iter().map(id).collect()
}

fn names(events: &[(String, String)]) -> Vec<&str> {
    events.iter().map(|(n, _)| n.as_str()).collect()
}

fn data_of(events: &[(String, String)], name: &str) -> Value {
    let (_, data) = events.iter().rev().find(|(n, _)| n == name).unwrap();
    serde_json::from_str(data).unwrap()
}

fn weather_assistant(mock: &Mock) -> String {
    mock.assistant(json!({
        "model": "gpt-4o-mini",
        "name": "Weather bot",
        "instructions": "You report the weather.",
        "tools": [{
            "type": "function",
            "function": {
                "name": "get_weather",
                "description": "Current weather for a city",
                "parameters": {
                    "type": "object",
                    "properties": {
                        "city": { "type": "string" },
                        "unit": { "type": "string", "enum": ["celsius", "fahrenheit"] },
                        "days": { "type": "integer" }
                    },
                    "required": ["city"]
                }
            }
        }]
    }))
}

/// The full Assistants scenario without streaming: upload, assistant with a function tool, thread,
/// message, run -> requires_action -> submit outputs -> completed, then messages and steps.
#[test]
fn full_scenario_polled() {
    let mock = Mock::new();
    let file = mock.upload("notes.txt", b"hello file", "assistants");
    let file_id = id(&file);
    assert!(file_id.starts_with("file-"));
    let asst = weather_assistant(&mock);
    assert!(asst.starts_with("asst_"));
    let thread = id(&mock.post("/threads", json!({ "metadata": { "k": "v" } })));
    assert!(thread.starts_with("thread_"));
    let msg = mock.post(
        &format!("/threads/{thread}/messages"),
        json!({
            "role": "user",
            "content": "Weather in Paris?",
            "attachments": [{ "file_id": file_id, "tools": [{ "type": "file_search" }] }]
        }),
    );
    assert_eq!(msg["content"][0]["text"]["value"], "Weather in Paris?");
    assert_eq!(msg["role"], "user");

    let created = mock.call(
        "POST",
        &format!("/threads/{thread}/runs"),
        Some(json!({ "assistant_id": asst })),
    );
    assert_eq!(
        header(&created, "openai-poll-after-ms").as_deref(),
        Some("1000")
    );
    let run = json_ok(created);
    let run_id = id(&run);
    let run_path = format!("/threads/{thread}/runs/{run_id}");
    assert!(run_id.starts_with("run_"));
    assert_eq!(run["status"], "queued");
    assert_eq!(run["started_at"], Value::Null);
    assert_eq!(run["model"], "gpt-4o-mini");
    assert_eq!(run["instructions"], "You report the weather.");
    assert_eq!(
        run["expires_at"].as_u64().unwrap(),
        run["created_at"].as_u64().unwrap() + 600
    );

    let polled = mock.call("GET", &run_path, None);
    assert!(header(&polled, "openai-poll-after-ms").is_some());
    let run = json_ok(polled);
    assert_eq!(run["status"], "in_progress");
    assert!(run["started_at"].is_u64());

    let run = mock.get(&run_path);
    assert_eq!(run["status"], "requires_action");
    let calls = run["required_action"]["submit_tool_outputs"]["tool_calls"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(run["required_action"]["type"], "submit_tool_outputs");
    assert_eq!(calls.len(), 1);
    let call_id = id(&calls[0]);
    assert!(call_id.starts_with("call_"));
    assert_eq!(calls[0]["type"], "function");
    assert_eq!(calls[0]["function"]["name"], "get_weather");
    let args: Value =
        serde_json::from_str(calls[0]["function"]["arguments"].as_str().unwrap()).unwrap();
    assert_eq!(
        args,
        json!({ "city": "Weather in Paris?", "unit": "celsius", "days": 1 })
    );
    // Polling does not leave requires_action by itself.
    assert_eq!(mock.get(&run_path)["status"], "requires_action");

    let wrong = mock.call(
        "POST",
        &format!("{run_path}/submit_tool_outputs"),
        Some(json!({ "tool_outputs": [{ "tool_call_id": "call_nope", "output": "x" }] })),
    );
    assert_eq!(error_of(wrong).0, 400);
    let run = mock.post(
        &format!("{run_path}/submit_tool_outputs"),
        json!({ "tool_outputs": [{ "tool_call_id": call_id, "output": "22C" }] }),
    );
    assert_eq!(run["status"], "queued");
    assert_eq!(run["required_action"], Value::Null);
    assert_eq!(mock.get(&run_path)["status"], "in_progress");
    let run = mock.get(&run_path);
    assert_eq!(run["status"], "completed");
    assert!(run["completed_at"].is_u64());
    assert_eq!(run["expires_at"], Value::Null);
    let usage = &run["usage"];
    assert_eq!(
        usage["total_tokens"].as_u64().unwrap(),
        usage["prompt_tokens"].as_u64().unwrap() + usage["completion_tokens"].as_u64().unwrap()
    );
    assert!(usage["completion_tokens"].as_u64().unwrap() > 0);
    // Terminal runs stay put.
    assert_eq!(mock.get(&run_path), run);

    let messages = mock.list(&format!("/threads/{thread}/messages"), &[]);
    assert_eq!(messages["data"].as_array().unwrap().len(), 2);
    let reply = &messages["data"][0];
    assert_eq!(reply["role"], "assistant");
    assert_eq!(reply["assistant_id"], asst.as_str());
    assert_eq!(reply["run_id"], run_id.as_str());
    assert_eq!(
        reply["content"][0]["text"]["value"],
        "Echo: Weather in Paris? (tool outputs: get_weather=22C)"
    );
    let by_run = mock.list(
        &format!("/threads/{thread}/messages"),
        &[("run_id", &run_id)],
    );
    assert_eq!(ids(&by_run), vec![id(reply)]);

    let steps = mock.list(&format!("{run_path}/steps"), &[("order", "asc")]);
    let steps = steps["data"].as_array().unwrap();
    assert_eq!(steps.len(), 2);
    assert_eq!(steps[0]["type"], "tool_calls");
    assert_eq!(steps[0]["status"], "completed");
    let step_call = &steps[0]["step_details"]["tool_calls"][0];
    assert_eq!(step_call["id"], call_id.as_str());
    assert_eq!(step_call["function"]["output"], "22C");
    assert_eq!(steps[1]["type"], "message_creation");
    assert_eq!(steps[1]["status"], "completed");
    assert_eq!(
        steps[1]["step_details"]["message_creation"]["message_id"],
        reply["id"]
    );
    let step = mock.get(&format!("{run_path}/steps/{}", id(&steps[1])));
    assert_eq!(&step, &steps[1]);
    // The run's usage is the sum of its steps'.
    let sum: u64 = steps
        .iter()
        .map(|s| s["usage"]["total_tokens"].as_u64().unwrap())
        .sum();
    assert_eq!(run["usage"]["total_tokens"].as_u64().unwrap(), sum);

    let runs = mock.list(&format!("/threads/{thread}/runs"), &[]);
    assert_eq!(ids(&runs), vec![run_id]);
}

/// A run that calls one function, streamed up to `requires_action`.
const RUN_EVENTS_TO_ACTION: [&str; 9] = [
    "thread.run.created",
    "thread.run.queued",
    "thread.run.in_progress",
    "thread.run.step.created",
    "thread.run.step.in_progress",
    "thread.run.step.delta",
    "thread.run.step.delta",
    "thread.run.requires_action",
    "done",
];

/// The same scenario through run streaming; the state seen by `GET` afterwards agrees with the
/// last events of each stream.
#[test]
fn full_scenario_streamed() {
    let mock = Mock::new();
    mock.upload("notes.txt", b"hello", "assistants");
    let asst = weather_assistant(&mock);
    let thread = mock.thread_with("Weather in Oslo?");

    let events = mock.sse(
        &format!("/threads/{thread}/runs"),
        json!({ "assistant_id": asst, "stream": true }),
    );
    assert_eq!(names(&events), RUN_EVENTS_TO_ACTION);
    assert_eq!(events.last().unwrap().1, "[DONE]");
    let last_run = data_of(&events, "thread.run.requires_action");
    let run_id = id(&last_run);
    let run_path = format!("/threads/{thread}/runs/{run_id}");
    assert_eq!(mock.get(&run_path), last_run);
    let created = data_of(&events, "thread.run.created");
    assert_eq!(created["status"], "queued");
    assert_eq!(
        data_of(&events, "thread.run.in_progress")["status"],
        "in_progress"
    );

    // Step deltas carry the call: first id + name with empty arguments, then the arguments.
    let deltas: Vec<Value> = events
        .iter()
        .filter(|(n, _)| n == "thread.run.step.delta")
        .map(|(_, d)| serde_json::from_str(d).unwrap())
        .collect();
    let call = &last_run["required_action"]["submit_tool_outputs"]["tool_calls"][0];
    let first = &deltas[0]["delta"]["step_details"]["tool_calls"][0];
    assert_eq!(deltas[0]["object"], "thread.run.step.delta");
    assert_eq!(first["index"], 0);
    assert_eq!(first["id"], call["id"]);
    assert_eq!(first["function"]["name"], "get_weather");
    assert_eq!(
        deltas[1]["delta"]["step_details"]["tool_calls"][0]["function"]["arguments"],
        call["function"]["arguments"]
    );

    let events = mock.sse(
        &format!("{run_path}/submit_tool_outputs"),
        json!({ "stream": true, "tool_outputs": [{ "tool_call_id": call["id"], "output": "-3C" }] }),
    );
    let mut expected = vec![
        "thread.run.step.completed",
        "thread.run.queued",
        "thread.run.in_progress",
        "thread.run.step.created",
        "thread.run.step.in_progress",
        "thread.message.created",
        "thread.message.in_progress",
    ];
    let text = "Echo: Weather in Oslo? (tool outputs: get_weather=-3C)";
    expected.extend(std::iter::repeat_n(
        "thread.message.delta",
        text.split(' ').count(),
    ));
    expected.extend([
        "thread.message.completed",
        "thread.run.step.completed",
        "thread.run.completed",
        "done",
    ]);
    assert_eq!(names(&events), expected);
    let tool_step: Value = serde_json::from_str(&events[0].1).unwrap();
    assert_eq!(tool_step["type"], "tool_calls");
    assert_eq!(
        tool_step["step_details"]["tool_calls"][0]["function"]["output"],
        "-3C"
    );

    // The deltas add up to the completed message, and only the first carries annotations.
    let mut streamed = String::new();
    for (n, (_, data)) in events
        .iter()
        .filter(|(n, _)| n == "thread.message.delta")
        .enumerate()
    {
        let delta: Value = serde_json::from_str(data).unwrap();
        let part = &delta["delta"]["content"][0];
        assert_eq!(part["index"], 0);
        assert_eq!(part["type"], "text");
        assert_eq!(part["text"].get("annotations").is_some(), n == 0);
        streamed.push_str(part["text"]["value"].as_str().unwrap());
    }
    assert_eq!(streamed, text);
    let created_msg = data_of(&events, "thread.message.created");
    assert_eq!(created_msg["status"], "in_progress");
    assert_eq!(created_msg["content"], json!([]));
    let done_msg = data_of(&events, "thread.message.completed");
    assert_eq!(done_msg["content"][0]["text"]["value"], text);

    let done_run = data_of(&events, "thread.run.completed");
    assert_eq!(mock.get(&run_path), done_run);
    let messages = mock.list(&format!("/threads/{thread}/messages"), &[]);
    assert_eq!(messages["data"][0], done_msg);
    let steps = mock.list(&format!("{run_path}/steps"), &[]);
    assert_eq!(
        steps["data"][0],
        data_of(&events, "thread.run.step.completed")
    );
    assert_eq!(steps["data"].as_array().unwrap().len(), 2);
}

/// Create-thread-and-run streaming without tools: `thread.created` first, then the run to
/// completion.
#[test]
fn thread_and_run_streamed() {
    let mock = Mock::new();
    let asst = mock.assistant(json!({ "model": "gpt-4o" }));
    let events = mock.sse(
        "/threads/runs",
        json!({
            "assistant_id": asst,
            "stream": true,
            "thread": { "messages": [{ "role": "user", "content": "hi there" }] }
        }),
    );
    assert_eq!(
        names(&events),
        [
            "thread.created",
            "thread.run.created",
            "thread.run.queued",
            "thread.run.in_progress",
            "thread.run.step.created",
            "thread.run.step.in_progress",
            "thread.message.created",
            "thread.message.in_progress",
            "thread.message.delta",
            "thread.message.delta",
            "thread.message.delta",
            "thread.message.completed",
            "thread.run.step.completed",
            "thread.run.completed",
            "done",
        ]
    );
    let thread = data_of(&events, "thread.created");
    assert_eq!(mock.get(&format!("/threads/{}", id(&thread))), thread);
    let run = data_of(&events, "thread.run.completed");
    assert_eq!(run["thread_id"], thread["id"]);
    assert_eq!(
        data_of(&events, "thread.message.completed")["content"][0]["text"]["value"],
        "Echo: hi there"
    );

    // Not streamed: the run comes back queued, with the poll header.
    let reply = mock.call(
        "POST",
        "/threads/runs",
        Some(json!({ "assistant_id": asst, "thread": { "messages": [{ "role": "user", "content": "x" }] } })),
    );
    assert_eq!(
        header(&reply, "openai-poll-after-ms").as_deref(),
        Some("1000")
    );
    assert_eq!(json_ok(reply)["status"], "queued");
}

/// Pagination across 3 pages in both orders, with `after` and `before`.
#[test]
fn pagination_three_pages_both_orders() {
    let mock = Mock::new();
    let all: Vec<String> = (0..7)
        .map(|n| mock.assistant(json!({ "model": "m", "name": format!("a{n}") })))
        .collect();

    let walk = |order: &str| {
        let mut pages = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let mut query = vec![("limit", "3"), ("order", order)];
            if let Some(a) = after.as_deref() {
                query.push(("after", a));
            }
            let page = mock.list("/assistants", &query);
            assert_eq!(page["object"], "list");
            let got = ids(&page);
            assert_eq!(page["first_id"], json!(got.first()));
            assert_eq!(page["last_id"], json!(got.last()));
            let more = page["has_more"].as_bool().unwrap();
            after = got.last().cloned();
            pages.push((got, more));
            if !more {
                break;
            }
        }
        pages
    };
    let asc = walk("asc");
    assert_eq!(
        asc,
        vec![
            (all[0..3].to_vec(), true),
            (all[3..6].to_vec(), true),
            (all[6..7].to_vec(), false)
        ]
    );
    let desc = walk("desc");
    let rev: Vec<String> = all.iter().rev().cloned().collect();
    assert_eq!(
        desc,
        vec![
            (rev[0..3].to_vec(), true),
            (rev[3..6].to_vec(), true),
            (rev[6..7].to_vec(), false)
        ]
    );
    // Default order is desc, default limit 20.
    assert_eq!(ids(&mock.list("/assistants", &[])), rev);

    // `before` returns the page nearest to the cursor, in list order.
    let page = mock.list(
        "/assistants",
        &[("limit", "2"), ("order", "asc"), ("before", &all[5])],
    );
    assert_eq!(ids(&page), all[3..5].to_vec());
    assert_eq!(page["has_more"], true);
    let page = mock.list(
        "/assistants",
        &[("limit", "2"), ("order", "desc"), ("before", &all[1])],
    );
    assert_eq!(ids(&page), vec![all[3].clone(), all[2].clone()]);
    assert_eq!(page["has_more"], true);
    let page = mock.list(
        "/assistants",
        &[("limit", "5"), ("order", "desc"), ("before", &all[5])],
    );
    assert_eq!(ids(&page), vec![all[6].clone()]);
    assert_eq!(page["has_more"], false);
    // `after` and `before` together bound the window.
    let page = mock.list(
        "/assistants",
        &[("order", "asc"), ("after", &all[1]), ("before", &all[4])],
    );
    assert_eq!(ids(&page), all[2..4].to_vec());
    // Past the end: an empty page with null ids.
    let page = mock.list("/assistants", &[("order", "asc"), ("after", &all[6])]);
    assert_eq!(
        page,
        json!({ "object": "list", "data": [], "first_id": null, "last_id": null, "has_more": false })
    );

    for (k, v) in [
        ("limit", "0"),
        ("limit", "101"),
        ("limit", "x"),
        ("order", "up"),
        ("after", "asst_missing"),
        ("before", "asst_missing"),
    ] {
        let (status, param, _) = error_of(
            mock.send("GET", "/assistants", &[(k, v)], None, &[])
                .unwrap(),
        );
        assert_eq!((status, param), (400, json!(k)), "{k}={v}");
    }
    // Files allow up to 10 000 per page (spec).
    mock.list("/files", &[("limit", "10000")]);
}

/// Every list endpoint paginates the same way.
#[test]
fn pagination_on_messages_runs_and_steps() {
    let mock = Mock::new();
    let asst = mock.assistant(json!({ "model": "m" }));
    let thread = mock.thread_with("one");
    for text in ["two", "three", "four"] {
        mock.post(
            &format!("/threads/{thread}/messages"),
            json!({ "role": "user", "content": text }),
        );
    }
    let page = mock.list(
        &format!("/threads/{thread}/messages"),
        &[("limit", "2"), ("order", "asc")],
    );
    assert_eq!(page["has_more"], true);
    let texts: Vec<&str> = page["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["content"][0]["text"]["value"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["one", "two"]);

    let mut run_ids = Vec::new();
    for _ in 0..3 {
        let run = mock.post(
            &format!("/threads/{thread}/runs"),
            json!({ "assistant_id": asst }),
        );
        let path = format!("/threads/{thread}/runs/{}", id(&run));
        mock.get(&path);
        assert_eq!(mock.get(&path)["status"], "completed");
        run_ids.push(id(&run));
    }
    let page = mock.list(&format!("/threads/{thread}/runs"), &[("limit", "2")]);
    assert_eq!(ids(&page), vec![run_ids[2].clone(), run_ids[1].clone()]);
    assert_eq!(page["has_more"], true);
    let steps = mock.list(
        &format!("/threads/{thread}/runs/{}/steps", run_ids[0]),
        &[("limit", "1")],
    );
    assert_eq!(steps["has_more"], false);
    assert_eq!(steps["data"].as_array().unwrap().len(), 1);
}

#[test]
fn cancel_moves_through_cancelling_to_cancelled() {
    let mock = Mock::new();
    let asst = mock.assistant(json!({ "model": "m" }));
    let thread = mock.thread_with("hello");
    let run = mock.post(
        &format!("/threads/{thread}/runs"),
        json!({ "assistant_id": asst }),
    );
    let path = format!("/threads/{thread}/runs/{}", id(&run));
    let cancelling = mock.call("POST", &format!("{path}/cancel"), None);
    assert!(header(&cancelling, "openai-poll-after-ms").is_some());
    let cancelling = json_ok(cancelling);
    assert_eq!(cancelling["status"], "cancelling");
    assert_eq!(cancelling["cancelled_at"], Value::Null);
    let run = mock.get(&path);
    assert_eq!(run["status"], "cancelled");
    assert!(run["cancelled_at"].is_u64());
    assert_eq!(run["expires_at"], Value::Null);
    assert_eq!(mock.get(&path)["status"], "cancelled");
    let (status, ..) = error_of(mock.call("POST", &format!("{path}/cancel"), None));
    assert_eq!(status, 400);

    // Cancelling from requires_action also cancels the open tool_calls step.
    let asst = weather_assistant(&mock);
    let run = mock.post(
        &format!("/threads/{thread}/runs"),
        json!({ "assistant_id": asst }),
    );
    let path = format!("/threads/{thread}/runs/{}", id(&run));
    mock.get(&path);
    assert_eq!(mock.get(&path)["status"], "requires_action");
    assert_eq!(
        mock.post(&format!("{path}/cancel"), json!({}))["required_action"],
        Value::Null
    );
    assert_eq!(mock.get(&path)["status"], "cancelled");
    let steps = mock.list(&format!("{path}/steps"), &[]);
    assert_eq!(steps["data"][0]["status"], "cancelled");
    let (status, ..) = error_of(mock.call(
        "POST",
        &format!("{path}/submit_tool_outputs"),
        Some(json!({ "tool_outputs": [] })),
    ));
    assert_eq!(status, 400);
}

#[test]
fn expire_and_fail_markers() {
    let mock = Mock::new();
    let asst = mock.assistant(json!({ "model": "m", "instructions": "Be brief." }));
    let thread = mock.thread_with("hello");
    let run = mock.post(
        &format!("/threads/{thread}/runs"),
        json!({ "assistant_id": asst, "additional_instructions": "[expire]" }),
    );
    assert_eq!(run["instructions"], "Be brief.\n[expire]");
    let path = format!("/threads/{thread}/runs/{}", id(&run));
    assert_eq!(mock.get(&path)["status"], "in_progress");
    let run = mock.get(&path);
    assert_eq!(run["status"], "expired");
    assert!(run["expires_at"].is_u64());
    assert_eq!(run["usage"], Value::Null);

    let run = mock.post(
        &format!("/threads/{thread}/runs"),
        json!({ "assistant_id": asst, "instructions": "[fail] please" }),
    );
    let path = format!("/threads/{thread}/runs/{}", id(&run));
    mock.get(&path);
    let run = mock.get(&path);
    assert_eq!(run["status"], "failed");
    assert!(run["failed_at"].is_u64());
    assert_eq!(run["last_error"]["code"], "server_error");
    assert!(run["last_error"]["message"].is_string());
    // No message was added for either run.
    let messages = mock.list(&format!("/threads/{thread}/messages"), &[]);
    assert_eq!(messages["data"].as_array().unwrap().len(), 1);

    // Streamed, a failing run ends like the recorded Azure stream.
    let events = mock.sse(
        "/threads/runs",
        json!({ "assistant_id": asst, "instructions": "[fail]", "stream": true }),
    );
    assert_eq!(
        names(&events),
        [
            "thread.created",
            "thread.run.created",
            "thread.run.queued",
            "thread.run.in_progress",
            "thread.run.failed",
            "done"
        ]
    );
    let events = mock.sse(
        "/threads/runs",
        json!({ "assistant_id": asst, "instructions": "[expire]", "stream": true }),
    );
    assert_eq!(names(&events)[4], "thread.run.expired");
}

#[test]
fn run_options_shape_the_run() {
    let mock = Mock::new();
    let asst = weather_assistant(&mock);
    let thread = id(&mock.post("/threads", json!({})));
    // additional_messages supply the user message; tool_choice none skips the function.
    let run = mock.post(
        &format!("/threads/{thread}/runs"),
        json!({
            "assistant_id": asst,
            "model": "gpt-4.1",
            "tool_choice": "none",
            "temperature": 0.5,
            "metadata": { "case": "options" },
            "max_completion_tokens": 1000,
            "truncation_strategy": { "type": "last_messages", "last_messages": 3 },
            "response_format": { "type": "json_object" },
            "additional_messages": [{ "role": "user", "content": [{ "type": "text", "text": "extra" }] }]
        }),
    );
    assert_eq!(run["model"], "gpt-4.1");
    assert_eq!(run["temperature"], 0.5);
    assert_eq!(run["metadata"], json!({ "case": "options" }));
    assert_eq!(run["max_completion_tokens"], 1000);
    assert_eq!(run["truncation_strategy"]["last_messages"], 3);
    assert_eq!(run["response_format"]["type"], "json_object");
    assert_eq!(run["tool_choice"], "none");
    let path = format!("/threads/{thread}/runs/{}", id(&run));
    mock.get(&path);
    assert_eq!(mock.get(&path)["status"], "completed");
    let messages = mock.list(&format!("/threads/{thread}/messages"), &[]);
    assert_eq!(
        messages["data"][0]["content"][0]["text"]["value"],
        "Echo: extra"
    );
    // Modify run metadata.
    let run = mock.post(&path, json!({ "metadata": { "x": "y" } }));
    assert_eq!(run["metadata"], json!({ "x": "y" }));

    // Two function tools, forced to one by tool_choice.
    let asst2 = mock.assistant(json!({
        "model": "m",
        "tools": [
            { "type": "function", "function": { "name": "a" } },
            { "type": "function", "function": { "name": "b" } },
            { "type": "code_interpreter" }
        ]
    }));
    let run = mock.post(
        &format!("/threads/{thread}/runs"),
        json!({ "assistant_id": asst2 }),
    );
    let path = format!("/threads/{thread}/runs/{}", id(&run));
    mock.get(&path);
    let calls = &mock.get(&path)["required_action"]["submit_tool_outputs"]["tool_calls"];
    assert_eq!(calls.as_array().unwrap().len(), 2);
    assert_eq!(calls[0]["function"]["arguments"], "{}");
    mock.post(&format!("{path}/cancel"), json!({}));
    mock.get(&path);
    let run = mock.post(
        &format!("/threads/{thread}/runs"),
        json!({ "assistant_id": asst2, "tool_choice": { "type": "function", "function": { "name": "b" } } }),
    );
    let path = format!("/threads/{thread}/runs/{}", id(&run));
    mock.get(&path);
    let calls = &mock.get(&path)["required_action"]["submit_tool_outputs"]["tool_calls"];
    assert_eq!(calls.as_array().unwrap().len(), 1);
    assert_eq!(calls[0]["function"]["name"], "b");
}

#[test]
fn active_run_blocks_new_runs_and_messages() {
    let mock = Mock::new();
    let asst = mock.assistant(json!({ "model": "m" }));
    let thread = mock.thread_with("hello");
    let run = mock.post(
        &format!("/threads/{thread}/runs"),
        json!({ "assistant_id": asst }),
    );
    let (status, ..) = error_of(mock.call(
        "POST",
        &format!("/threads/{thread}/runs"),
        Some(json!({ "assistant_id": asst })),
    ));
    assert_eq!(status, 400);
    let (status, ..) = error_of(mock.call(
        "POST",
        &format!("/threads/{thread}/messages"),
        Some(json!({ "role": "user", "content": "more" })),
    ));
    assert_eq!(status, 400);
    let path = format!("/threads/{thread}/runs/{}", id(&run));
    mock.get(&path);
    mock.get(&path);
    mock.post(
        &format!("/threads/{thread}/messages"),
        json!({ "role": "user", "content": "more" }),
    );
}

#[test]
fn not_found_and_invalid_requests() {
    let mock = Mock::new();
    // Outside our prefixes: not ours.
    assert!(
        mock.send("GET", "/chat/completions", &[], None, &[])
            .is_none()
    );
    assert!(mock.send("GET", "/models", &[], None, &[]).is_none());

    let not_found = |method: &str, path: &str| {
        let reply = mock.call(method, path, None);
        let (status, ..) = error_of(reply.clone());
        assert_eq!(status, 404, "{method} {path}");
        reply
    };
    let reply = not_found("GET", "/assistants/asst_x");
    let ApiReply::Json { body, .. } = reply else {
        unreachable!()
    };
    assert_eq!(
        body["error"]["message"],
        "No assistant found with id 'asst_x'."
    );
    not_found("GET", "/threads/thread_x");
    not_found("GET", "/threads/thread_x/messages");
    not_found("GET", "/files/file-x");
    not_found("GET", "/files/file-x/content");
    not_found("DELETE", "/files/file-x");
    not_found("GET", "/assistants/asst_x/files");
    not_found("GET", "/assistants/unknown/sub/route/deep");
    not_found("GET", "/threads/t/runs/r/steps/s/extra");
    let asst = mock.assistant(json!({ "model": "m" }));
    let thread = mock.thread_with("hello");
    not_found("GET", &format!("/threads/{thread}/messages/msg_x"));
    not_found("GET", &format!("/threads/{thread}/runs/run_x"));
    not_found("GET", &format!("/threads/{thread}/runs/run_x/steps"));
    let run = mock.post(
        &format!("/threads/{thread}/runs"),
        json!({ "assistant_id": asst }),
    );
    let reply = not_found(
        "GET",
        &format!("/threads/{thread}/runs/{}/steps/step_123", id(&run)),
    );
    let ApiReply::Json { body, .. } = reply else {
        unreachable!()
    };
    assert_eq!(
        body["error"]["message"],
        "No run step found with id 'step_123'."
    );
    // A run of another thread is not found under this one.
    let other = mock.thread_with("x");
    not_found("GET", &format!("/threads/{other}/runs/{}", id(&run)));

    // Wrong method: 405 naming the allowed ones.
    let reply = mock.call("DELETE", &format!("/threads/{thread}/runs"), None);
    assert_eq!(header(&reply, "allow").as_deref(), Some("GET, POST"));
    assert_eq!(error_of(reply).0, 405);
    assert_eq!(error_of(mock.call("PUT", "/files", None)).0, 405);

    let invalid = |path: &str, body: Value, param: &str, code: Value| {
        let (status, p, c) = error_of(mock.call("POST", path, Some(body.clone())));
        assert_eq!((status, p, c), (400, json!(param), code), "{path} {body}");
    };
    let missing = json!("missing_required_parameter");
    let invalid_type = json!("invalid_type");
    invalid(
        "/assistants",
        json!({ "name": "x" }),
        "model",
        missing.clone(),
    );
    invalid(
        "/assistants",
        json!({ "model": 4 }),
        "model",
        invalid_type.clone(),
    );
    invalid(
        "/assistants",
        json!({ "model": "m", "temperature": 3 }),
        "temperature",
        json!("invalid_value"),
    );
    invalid(
        "/assistants",
        json!({ "model": "m", "tools": [{ "type": "browser" }] }),
        "tools[0].type",
        json!("invalid_value"),
    );
    invalid(
        "/assistants",
        json!({ "model": "m", "tools": [{ "type": "function", "function": {} }] }),
        "tools[0].function.name",
        missing.clone(),
    );
    invalid(
        &format!("/assistants/{asst}"),
        json!({ "metadata": { "modified": true } }),
        "metadata.modified",
        invalid_type.clone(),
    );
    invalid(
        "/threads",
        json!({ "messages": [{ "role": "system", "content": "x" }] }),
        "messages[0].role",
        json!("invalid_value"),
    );
    invalid(
        "/threads",
        json!({ "messages": [{ "role": "user" }] }),
        "messages[0].content",
        missing.clone(),
    );
    invalid(
        &format!("/threads/{other}/messages"),
        json!({ "role": "user", "content": [] }),
        "content",
        json!("empty_array"),
    );
    invalid(
        &format!("/threads/{other}/messages"),
        json!({ "role": "user", "content": 5 }),
        "content",
        invalid_type.clone(),
    );
    invalid(
        &format!("/threads/{other}/runs"),
        json!({}),
        "assistant_id",
        missing.clone(),
    );
    invalid(
        &format!("/threads/{other}/runs"),
        json!({ "assistant_id": asst, "stream": "yes" }),
        "stream",
        invalid_type.clone(),
    );
    invalid(
        "/threads/runs",
        json!({ "assistant_id": asst, "max_prompt_tokens": 10 }),
        "max_prompt_tokens",
        Value::Null,
    );
    let (status, ..) = error_of(mock.call(
        "POST",
        &format!("/threads/{other}/runs"),
        Some(json!({ "assistant_id": "asst_missing" })),
    ));
    assert_eq!(status, 404);
    // Body that is not an object.
    let (status, _, code) = error_of(mock.call("POST", "/assistants", Some(json!([1]))));
    assert_eq!((status, code), (400, invalid_type.clone()));
    // A thread without a user message and an assistant without instructions: invalid_thread.
    let (status, _, code) = error_of(mock.call(
        "POST",
        "/threads/runs",
        Some(json!({ "assistant_id": asst })),
    ));
    assert_eq!((status, code), (400, json!("invalid_thread")));
    // A rejected thread-and-run stores no thread.
    assert_eq!(mock.state.lock().threads.len(), 2);
    // submit_tool_outputs on a run that does not require action.
    let (status, ..) = error_of(mock.call(
        "POST",
        &format!("/threads/{thread}/runs/{}/submit_tool_outputs", id(&run)),
        Some(json!({ "tool_outputs": [] })),
    ));
    assert_eq!(status, 400);
}

#[test]
fn crud_modify_and_delete() {
    let mock = Mock::new();
    let asst = mock.assistant(json!({ "model": "m", "name": "one" }));
    let modified = mock.post(
        &format!("/assistants/{asst}"),
        json!({ "name": "two", "description": "d", "metadata": { "a": "b" } }),
    );
    assert_eq!(modified["name"], "two");
    assert_eq!(modified["description"], "d");
    assert_eq!(modified["model"], "m");
    assert_eq!(mock.get(&format!("/assistants/{asst}")), modified);
    assert_eq!(
        mock.ok("DELETE", &format!("/assistants/{asst}"), None),
        json!({ "id": asst, "object": "assistant.deleted", "deleted": true })
    );
    assert_eq!(
        error_of(mock.call("GET", &format!("/assistants/{asst}"), None)).0,
        404
    );

    let thread = mock.thread_with("hello");
    let thread_obj = mock.post(
        &format!("/threads/{thread}"),
        json!({ "metadata": { "m": "1" }, "tool_resources": { "code_interpreter": { "file_ids": [] } } }),
    );
    assert_eq!(thread_obj["metadata"], json!({ "m": "1" }));
    assert_eq!(mock.get(&format!("/threads/{thread}")), thread_obj);
    let msgs = mock.list(&format!("/threads/{thread}/messages"), &[]);
    let msg = id(&msgs["data"][0]);
    let updated = mock.post(
        &format!("/threads/{thread}/messages/{msg}"),
        json!({ "metadata": { "seen": "yes" } }),
    );
    assert_eq!(updated["metadata"], json!({ "seen": "yes" }));
    assert_eq!(
        mock.get(&format!("/threads/{thread}/messages/{msg}")),
        updated
    );
    assert_eq!(
        mock.ok("DELETE", &format!("/threads/{thread}/messages/{msg}"), None),
        json!({ "id": msg, "object": "thread.message.deleted", "deleted": true })
    );
    assert_eq!(
        mock.ok("DELETE", &format!("/threads/{thread}"), None),
        json!({ "id": thread, "object": "thread.deleted", "deleted": true })
    );
    assert_eq!(
        error_of(mock.call("GET", &format!("/threads/{thread}/messages"), None)).0,
        404
    );
}

/// Deleting a thread also forgets its messages, runs and steps.
#[test]
fn thread_delete_cascades() {
    let mock = Mock::new();
    let asst = mock.assistant(json!({ "model": "m" }));
    let thread = mock.thread_with("hello");
    let keep = mock.thread_with("keep");
    let run = mock.post(
        &format!("/threads/{thread}/runs"),
        json!({ "assistant_id": asst }),
    );
    let path = format!("/threads/{thread}/runs/{}", id(&run));
    mock.get(&path);
    mock.get(&path);
    mock.ok("DELETE", &format!("/threads/{thread}"), None);
    let store = mock.state.lock();
    assert_eq!(store.messages.len(), 1);
    assert!(store.runs.is_empty());
    assert!(store.steps.is_empty());
    assert_eq!(super::str_field(&store.messages[0].obj, "thread_id"), keep);
}

/// The v1 operations: assistant files and message files.
#[test]
fn v1_assistant_and_message_files() {
    let mock = Mock::new();
    let f1 = id(&mock.upload("a.txt", b"a", "assistants"));
    let f2 = id(&mock.upload("b.txt", b"b", "assistants"));
    let asst = mock.assistant(json!({ "model": "m", "file_ids": [f1] }));
    let attached = mock.post(
        &format!("/assistants/{asst}/files"),
        json!({ "file_id": f2 }),
    );
    assert_eq!(attached["object"], "assistant.file");
    assert_eq!(attached["assistant_id"], asst.as_str());
    assert_eq!(attached["id"], f2.as_str());
    assert!(attached["created_at"].is_u64());
    // Attaching again returns the same object.
    assert_eq!(
        mock.post(
            &format!("/assistants/{asst}/files"),
            json!({ "file_id": f2 })
        ),
        attached
    );
    let list = mock.list(&format!("/assistants/{asst}/files"), &[("order", "asc")]);
    assert_eq!(ids(&list), vec![f1.clone(), f2.clone()]);
    assert_eq!(
        mock.get(&format!("/assistants/{asst}/files/{f2}")),
        attached
    );
    assert_eq!(
        mock.ok("DELETE", &format!("/assistants/{asst}/files/{f2}"), None),
        json!({ "id": f2, "object": "assistant.file.deleted", "deleted": true })
    );
    assert_eq!(
        error_of(mock.call("GET", &format!("/assistants/{asst}/files/{f2}"), None)).0,
        404
    );
    let (status, ..) = error_of(mock.call(
        "POST",
        &format!("/assistants/{asst}/files"),
        Some(json!({ "file_id": "file-missing" })),
    ));
    assert_eq!(status, 404);
    let (status, param, _) = error_of(mock.call(
        "POST",
        &format!("/assistants/{asst}/files"),
        Some(json!({})),
    ));
    assert_eq!((status, param), (400, json!("file_id")));

    let thread = id(&mock.post("/threads", json!({})));
    let msg = mock.post(
        &format!("/threads/{thread}/messages"),
        json!({
            "role": "user",
            "content": "see files",
            "attachments": [{ "file_id": f1, "tools": [{ "type": "code_interpreter" }] }],
            "file_ids": [f2]
        }),
    );
    assert_eq!(msg["attachments"][0]["file_id"], f1.as_str());
    let msg_id = id(&msg);
    let files = mock.list(
        &format!("/threads/{thread}/messages/{msg_id}/files"),
        &[("order", "asc")],
    );
    assert_eq!(ids(&files), vec![f1.clone(), f2.clone()]);
    let one = mock.get(&format!("/threads/{thread}/messages/{msg_id}/files/{f1}"));
    assert_eq!(
        one,
        json!({ "id": f1, "object": "thread.message.file", "created_at": msg["created_at"], "message_id": msg_id })
    );
    assert_eq!(
        error_of(mock.call(
            "GET",
            &format!("/threads/{thread}/messages/{msg_id}/files/file-x"),
            None
        ))
        .0,
        404
    );
}

#[test]
fn file_upload_content_roundtrip() {
    let mock = Mock::new();
    let data: &[u8] = b"\x00\xffbinary\ncontent\x80";
    let file = mock.upload("blob.bin", data, "assistants");
    let fid = id(&file);
    assert_eq!(file["object"], "file");
    assert_eq!(file["filename"], "blob.bin");
    assert_eq!(file["bytes"], data.len());
    assert_eq!(file["purpose"], "assistants");
    assert_eq!(file["status"], "processed");
    assert_eq!(mock.get(&format!("/files/{fid}")), file);
    match mock.call("GET", &format!("/files/{fid}/content"), None) {
        ApiReply::Bytes {
            status,
            content_type,
            body,
        } => {
            assert_eq!(status, 200);
            assert_eq!(content_type, "application/octet-stream");
            assert_eq!(&body[..], data);
        }
        other => panic!("expected bytes, got {other:?}"),
    }
    let tune = id(&mock.upload("t.jsonl", b"{}", "fine-tune"));
    assert_eq!(
        ids(&mock.list("/files", &[("purpose", "fine-tune")])),
        vec![tune.clone()]
    );
    assert_eq!(ids(&mock.list("/files", &[])), vec![tune, fid.clone()]);
    assert_eq!(
        mock.ok("DELETE", &format!("/files/{fid}"), None),
        json!({ "id": fid, "object": "file", "deleted": true })
    );
    assert_eq!(
        error_of(mock.call("GET", &format!("/files/{fid}/content"), None)).0,
        404
    );

    let part = |name: &str, data: &[u8]| FormField {
        name: name.into(),
        filename: (name == "file").then(|| "x.txt".to_owned()),
        content_type: None,
        data: Bytes::copy_from_slice(data),
    };
    let upload =
        |form: &[FormField]| error_of(mock.send("POST", "/files", &[], None, form).unwrap());
    assert_eq!(upload(&[part("file", b"x")]).1, json!("purpose"));
    assert_eq!(upload(&[part("purpose", b"assistants")]).1, json!("file"));
    let (status, param, _) = upload(&[part("purpose", b"nonsense"), part("file", b"x")]);
    assert_eq!((status, param), (400, json!("purpose")));
}

/// Azure requests see the same behavior (its Assistants API is resource-scoped).
#[test]
fn azure_requests_behave_the_same() {
    let openai = Mock::new();
    let mut azure = Mock::new();
    azure.azure = true;
    for mock in [&openai, &azure] {
        let asst = mock.assistant(json!({ "model": "gpt-4o" }));
        let events = mock.sse(
            "/threads/runs",
            json!({ "assistant_id": asst, "stream": true, "thread": { "messages": [{ "role": "user", "content": "hi" }] } }),
        );
        assert_eq!(events.last().unwrap().0, "done");
    }
    let dump = |m: &Mock| format!("{:?}", m.state.lock());
    assert_eq!(dump(&openai), dump(&azure));
    // Only uploaded file ids differ: Azure names them `assistant-…`, as the service does.
    assert!(id(&openai.upload("a.txt", b"a", "assistants")).starts_with("file-"));
    let file = azure.upload("a.txt", b"a", "assistants");
    assert!(id(&file).starts_with("assistant-"));
    assert_eq!(azure.get(&format!("/files/{}", id(&file))), file);
}

/// Ids and timestamps are deterministic, so two fresh mocks give identical replies.
#[test]
fn replies_are_deterministic() {
    let script = |mock: &Mock| {
        let asst = mock.assistant(json!({ "model": "m" }));
        let thread = mock.thread_with("hello");
        let run = mock.post(
            &format!("/threads/{thread}/runs"),
            json!({ "assistant_id": asst }),
        );
        let path = format!("/threads/{thread}/runs/{}", id(&run));
        mock.get(&path);
        (asst, thread, mock.get(&path))
    };
    let (a, b) = (Mock::new(), Mock::new());
    let first = script(&a);
    assert_eq!(first, script(&b));
    assert_eq!(first.0, "asst_000000000000000000000001");
    assert_eq!(first.1, "thread_000000000000000000000001");
    assert_eq!(first.2["created_at"].as_u64().unwrap(), super::EPOCH + 3);
}

#[test]
fn poll_after_header_is_configurable() {
    let mock = Mock::new();
    mock.state.set_poll_after_ms(250);
    let asst = mock.assistant(json!({ "model": "m" }));
    let thread = mock.thread_with("hello");
    let reply = mock.call(
        "POST",
        &format!("/threads/{thread}/runs"),
        Some(json!({ "assistant_id": asst })),
    );
    assert_eq!(
        header(&reply, "openai-poll-after-ms").as_deref(),
        Some("250")
    );
}

/// A poisoned lock is recovered rather than turned into a panic on every later request.
#[test]
fn poisoned_lock_is_recovered() {
    let mock = Mock::new();
    let state = &mock.state;
    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _guard = state.store.lock().unwrap();
        panic!("poison the lock");
    }));
    assert!(state.store.is_poisoned());
    mock.assistant(json!({ "model": "m" }));
}

// ---------------------------------------------------------------------------------------------
// Shapes against the real recordings.

fn real_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(REAL_DIR);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: {REAL_DIR} is absent (the shared test data is not checked out)");
        None
    }
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

fn recorded_body(dir: &std::path::Path, name: &str) -> Value {
    let text = std::fs::read_to_string(dir.join(name)).unwrap();
    serde_json::from_str::<Value>(&text).unwrap()["body"].clone()
}

fn recorded_sse(dir: &std::path::Path, name: &str) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(dir.join(name)).unwrap();
    text.split("\n\n")
        .filter(|block| !block.trim().is_empty())
        .map(|block| {
            let mut name = String::new();
            let mut data = String::new();
            for line in block.lines() {
                if let Some(v) = line.strip_prefix("event: ") {
                    name = v.to_owned();
                } else if let Some(v) = line.strip_prefix("data: ") {
                    data = v.to_owned();
                }
            }
            (name, data)
        })
        .collect()
}

/// Every recording whose body (or list item) has `object == kind`.
fn recorded_of_kind(dir: &std::path::Path, kind: &str) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".json") && !n.ends_with(".meta.json"))
        .collect();
    entries.sort();
    for name in entries {
        let body = recorded_body(dir, &name);
        // A file deletion also says `object: "file"`; it is not a file object.
        if body["object"] == kind && body.get("deleted").is_none() {
            out.push((name.clone(), body.clone()));
        }
        if body["object"] == "list" {
            for item in body["data"].as_array().unwrap() {
                if item["object"] == kind {
                    out.push((name.clone(), item.clone()));
                }
            }
        }
    }
    out
}

/// Each object kind the mock produces has exactly the top-level keys of a recent real recording
/// of that kind, and every key any older recording of the kind has (v1-only keys excepted).
#[test]
fn object_keys_match_real_recordings() {
    let Some(dir) = real_dir() else { return };
    let mock = Mock::new();
    let file = mock.upload("a.txt", b"abc", "assistants");
    let asst = mock.post(
        "/assistants",
        json!({ "model": "m", "tools": [{ "type": "code_interpreter" }] }),
    );
    let thread = mock.post(
        "/threads",
        json!({ "messages": [{ "role": "user", "content": "hi" }] }),
    );
    let tid = id(&thread);
    let events = mock.sse(
        &format!("/threads/{tid}/runs"),
        json!({ "assistant_id": id(&asst), "stream": true }),
    );
    let run = data_of(&events, "thread.run.completed");
    let step = data_of(&events, "thread.run.step.completed");
    let message = data_of(&events, "thread.message.completed");
    let messages = mock.list(&format!("/threads/{tid}/messages"), &[]);
    let msg_id = id(&messages["data"][1]);

    let sse_2026 = recorded_sse(&dir, "openai-run-stream-code_interpreter-2026.sse");
    let sse_data = |name: &str| -> Value {
        let (_, d) = sse_2026.iter().rev().find(|(n, _)| n == name).unwrap();
        serde_json::from_str(d).unwrap()
    };

    // (kind, ours, the recent recording it must equal)
    let cases = [
        (
            "assistant",
            asst.clone(),
            recorded_body(&dir, "openai-assistant-create-code_interpreter-2026.json"),
        ),
        (
            "thread",
            thread.clone(),
            recorded_body(&dir, "openai-thread-create-2026.json"),
        ),
        (
            "thread.run",
            run.clone(),
            recorded_body(&dir, "openai-run-completed-usage-2026.json"),
        ),
        (
            "thread.run.step",
            step.clone(),
            sse_data("thread.run.step.completed"),
        ),
        (
            "thread.message",
            message.clone(),
            sse_data("thread.message.completed"),
        ),
        (
            "file",
            file.clone(),
            recorded_body(&dir, "openai-file-object-upload-2024.json"),
        ),
    ];
    for (kind, ours, real) in &cases {
        assert_eq!(
            keys(ours),
            keys(real),
            "{kind}: keys differ from the 2026 recording"
        );
        // Older recordings (and Azure's) may lack newer keys but have none we miss; the v1
        // stream's `file_ids` was replaced by `attachments` in v2.
        for (name, old) in recorded_of_kind(&dir, kind) {
            let missing: Vec<_> = keys(&old)
                .difference(&keys(ours))
                .filter(|k| *k != "file_ids")
                .cloned()
                .collect();
            assert!(
                missing.is_empty(),
                "{kind}: {name} has keys we lack: {missing:?}"
            );
        }
    }
    // Nested shapes that clients decode.
    assert_eq!(
        keys(&run["usage"]),
        keys(&sse_data("thread.run.completed")["usage"])
    );
    assert_eq!(
        keys(&run["truncation_strategy"]),
        keys(&sse_data("thread.run.completed")["truncation_strategy"])
    );
    assert_eq!(
        keys(&message["content"][0]["text"]),
        keys(&sse_data("thread.message.completed")["content"][0]["text"])
    );
    let first_delta = |events: &[(String, String)]| -> Value {
        let (_, d) = events
            .iter()
            .find(|(n, _)| n == "thread.message.delta")
            .unwrap();
        serde_json::from_str(d).unwrap()
    };
    let ours_delta = first_delta(&events);
    let real_delta = first_delta(&sse_2026);
    assert_eq!(keys(&ours_delta), keys(&real_delta));
    assert_eq!(
        keys(&ours_delta["delta"]["content"][0]),
        keys(&real_delta["delta"]["content"][0])
    );
    assert_eq!(
        keys(&ours_delta["delta"]["content"][0]["text"]),
        keys(&real_delta["delta"]["content"][0]["text"])
    );

    // Lists and deletion acknowledgements.
    let real_list = recorded_body(&dir, "openai-messages-list-2026.json");
    assert_eq!(keys(&messages), keys(&real_list));
    let deletions = [
        (
            format!("/threads/{tid}/messages/{msg_id}"),
            "openai-message-deleted-2024.json",
        ),
        (format!("/threads/{tid}"), "openai-thread-deleted-2024.json"),
        (
            format!("/assistants/{}", id(&asst)),
            "openai-assistant-deleted-2024.json",
        ),
        (
            format!("/files/{}", id(&file)),
            "openai-file-deleted-2023.json",
        ),
    ];
    for (path, name) in deletions {
        let ours = mock.ok("DELETE", &path, None);
        let real = recorded_body(&dir, name);
        assert_eq!(keys(&ours), keys(&real), "{name}");
        assert_eq!(ours["object"], real["object"], "{name}");
    }

    // The stream has the recorded event order: the 2026 transcript minus its code_interpreter
    // tool-call step (created, in_progress, deltas, completed), with repeats collapsed.
    let collapse = |events: &[(String, String)]| {
        let mut out: Vec<String> = events.iter().map(|(n, _)| n.clone()).collect();
        out.dedup();
        out
    };
    let mut real_names = collapse(&sse_2026);
    let tool_step = real_names
        .iter()
        .position(|n| n == "thread.run.step.delta")
        .unwrap();
    real_names.drain(tool_step - 2..=tool_step + 1);
    assert_eq!(collapse(&events), real_names);
    assert_eq!(sse_2026.last().unwrap().1, "[DONE]");

    // The failed Azure thread-and-run stream has exactly our event order for a failing run.
    let azure = recorded_sse(
        &dir,
        "azure-thread-and-run-stream-failed-rate_limit-2025-01-01-preview.sse",
    );
    let ours = Mock::new();
    let a = ours.assistant(json!({ "model": "m", "instructions": "[fail]" }));
    let failed = ours.sse(
        "/threads/runs",
        json!({ "assistant_id": a, "stream": true }),
    );
    assert_eq!(collapse(&failed), collapse(&azure));
    let real_failed: Value = serde_json::from_str(&azure[4].1).unwrap();
    assert_eq!(
        keys(&data_of(&failed, "thread.run.failed")["last_error"]),
        keys(&real_failed["last_error"])
    );
}

/// The run object while it waits for outputs has the recorded `required_action` shape.
#[test]
fn requires_action_shape_matches_recording() {
    let Some(dir) = real_dir() else { return };
    let real = recorded_body(
        &dir,
        "openai-run-requires_action-submit_tool_outputs-2024.json",
    );
    let mock = Mock::new();
    let asst = weather_assistant(&mock);
    let thread = mock.thread_with("hi");
    let run = mock.post(
        &format!("/threads/{thread}/runs"),
        json!({ "assistant_id": asst }),
    );
    let path = format!("/threads/{thread}/runs/{}", id(&run));
    mock.get(&path);
    let ours = mock.get(&path);
    let (ra, real_ra) = (&ours["required_action"], &real["required_action"]);
    assert_eq!(keys(ra), keys(real_ra));
    assert_eq!(
        keys(&ra["submit_tool_outputs"]),
        keys(&real_ra["submit_tool_outputs"])
    );
    let (call, real_call) = (
        &ra["submit_tool_outputs"]["tool_calls"][0],
        &real_ra["submit_tool_outputs"]["tool_calls"][0],
    );
    assert_eq!(keys(call), keys(real_call));
    assert_eq!(keys(&call["function"]), keys(&real_call["function"]));
    // Every key of the 2024 run is present in ours (we add 2026's reasoning_effort).
    assert!(keys(&real).is_subset(&keys(&ours)));
}
