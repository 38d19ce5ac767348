//! Batches: the poll-driven state machine, lines run through the mock's own handlers, failing
//! lines in the error file, malformed input, cancel, list paging, Azure.

use openai_mock::MockServer;
use serde_json::{Value, json};

use crate::spec::assert_conforms;
use crate::support::{
    azure_get, azure_post, client, keys, multipart, openai_get, openai_post, recording, send,
    upload_file,
};

fn line(custom_id: &str, url: &str, body: Value) -> String {
    json!({"custom_id": custom_id, "method": "POST", "url": url, "body": body}).to_string()
}

async fn create_batch(server: &MockServer, jsonl: &str, endpoint: &str) -> Value {
    let file = upload_file(server, "in.jsonl", "batch", jsonl.as_bytes()).await;
    let batch = openai_post(
        server,
        "/batches",
        json!({
            "input_file_id": file["id"],
            "endpoint": endpoint,
            "completion_window": "24h",
            "metadata": {"run": "1"},
        }),
    )
    .await;
    assert_eq!(batch.status, 200, "{}", batch.text());
    batch.json()
}

fn jsonl_lines(body: &[u8]) -> Vec<Value> {
    String::from_utf8(body.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[tokio::test]
async fn chat_lines_become_real_completions() {
    let server = MockServer::start().await;
    let input = [
        line(
            "one",
            "/v1/chat/completions",
            json!({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "first"}]}),
        ),
        line(
            "two",
            "/v1/chat/completions",
            json!({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "second"}]}),
        ),
        // Fails in the chat handler (no messages): goes to the error file.
        line(
            "bad",
            "/v1/chat/completions",
            json!({"model": "gpt-4o-mini"}),
        ),
    ]
    .join("\n");
    let batch = create_batch(&server, &input, "/v1/chat/completions").await;
    assert_eq!(batch["status"], "validating");
    assert_conforms(&batch, "Batch");
    if let Some(real) = recording("batches/openai-batch-create-validating-2025.json") {
        assert_eq!(keys(&batch), keys(&real));
    }
    let id = batch["id"].as_str().unwrap();
    let path = format!("/batches/{id}");
    let steps: Vec<Value> = {
        let mut out = Vec::new();
        for _ in 0..4 {
            out.push(openai_get(&server, &path).await.json());
        }
        out
    };
    let statuses: Vec<&str> = steps
        .iter()
        .map(|b| b["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        ["in_progress", "in_progress", "finalizing", "completed"]
    );
    assert_eq!(steps[0]["request_counts"]["total"], 3);
    assert_eq!(steps[0]["model"], "gpt-4o-mini");
    let done = &steps[3];
    assert_eq!(
        done["request_counts"],
        json!({"total": 3, "completed": 2, "failed": 1})
    );
    assert!(done["completed_at"].is_u64());
    assert_conforms(done, "Batch");
    assert!(done["usage"]["total_tokens"].as_u64().unwrap() > 0);
    let out_id = done["output_file_id"].as_str().unwrap();
    let out = openai_get(&server, &format!("/files/{out_id}"))
        .await
        .json();
    assert_eq!(out["purpose"], "batch_output");
    let content = openai_get(&server, &format!("/files/{out_id}/content")).await;
    let lines = jsonl_lines(&content.body);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["custom_id"], "one");
    assert!(lines[0]["id"].as_str().unwrap().starts_with("batch_req_"));
    assert_eq!(lines[0]["error"], Value::Null);
    assert_eq!(lines[0]["response"]["status_code"], 200);
    let body = &lines[0]["response"]["body"];
    assert_eq!(body["object"], "chat.completion");
    assert_eq!(body["choices"][0]["message"]["content"], "Echo: first");
    assert_eq!(
        lines[1]["response"]["body"]["choices"][0]["message"]["content"],
        "Echo: second"
    );
    assert_ne!(body["id"], lines[1]["response"]["body"]["id"]);
    let err_id = done["error_file_id"].as_str().unwrap();
    let errors = jsonl_lines(
        &openai_get(&server, &format!("/files/{err_id}/content"))
            .await
            .body,
    );
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["custom_id"], "bad");
    assert_eq!(errors[0]["response"]["status_code"], 400);
    assert_eq!(errors[0]["response"]["body"]["error"]["param"], "messages");
    // Finished: further retrieves change nothing and carry no poll hint.
    let again = openai_get(&server, &path).await;
    assert_eq!(again.json(), *done);
    assert_eq!(again.header("openai-poll-after-ms"), None);
}

#[tokio::test]
async fn embeddings_moderations_and_responses_lines_run() {
    let server = MockServer::builder().processing_polls(0).start().await;
    for (endpoint, body, check) in [
        (
            "/v1/embeddings",
            json!({"model": "text-embedding-3-small", "input": "hi"}),
            "list",
        ),
        (
            "/v1/moderations",
            json!({"input": "I will kill it"}),
            "omni-moderation-latest",
        ),
        (
            "/v1/responses",
            json!({"model": "gpt-4o-mini", "input": "hello"}),
            "response",
        ),
        (
            "/v1/completions",
            json!({"model": "gpt-3.5-turbo-instruct", "prompt": "x"}),
            "text_completion",
        ),
    ] {
        let batch = create_batch(&server, &line("c", endpoint, body), endpoint).await;
        let path = format!("/batches/{}", batch["id"].as_str().unwrap());
        let mut last = Value::Null;
        for _ in 0..3 {
            last = openai_get(&server, &path).await.json();
        }
        assert_eq!(last["status"], "completed", "{endpoint}: {last}");
        let out_id = last["output_file_id"].as_str().unwrap();
        let lines = jsonl_lines(
            &openai_get(&server, &format!("/files/{out_id}/content"))
                .await
                .body,
        );
        let answer = &lines[0]["response"]["body"];
        let tag = answer
            .get("object")
            .or_else(|| answer.get("model"))
            .unwrap();
        assert_eq!(tag, check, "{endpoint}: {answer}");
    }
}

#[tokio::test]
async fn malformed_input_fails_with_line_errors() {
    let server = MockServer::start().await;
    let input = format!(
        "{}\nnot json\n{}\n",
        line("a", "/v1/chat/completions", json!({})),
        line("b", "/v1/embeddings", json!({}))
    );
    let batch = create_batch(&server, &input, "/v1/chat/completions").await;
    let failed = openai_get(
        &server,
        &format!("/batches/{}", batch["id"].as_str().unwrap()),
    )
    .await
    .json();
    assert_eq!(failed["status"], "failed");
    assert!(failed["failed_at"].is_u64());
    let errors = failed["errors"]["data"].as_array().unwrap();
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0]["code"], "invalid_json_line");
    assert_eq!(errors[0]["line"], 2);
    assert_eq!(errors[1]["code"], "mismatched_endpoint");
    assert_eq!(errors[1]["line"], 3);
    assert!(errors[0]["message"].is_string());
}

#[tokio::test]
async fn cancel_list_and_validation() {
    let server = MockServer::start().await;
    let input = line(
        "a",
        "/v1/embeddings",
        json!({"model": "text-embedding-3-small", "input": "x"}),
    );
    let first = create_batch(&server, &input, "/v1/embeddings").await;
    let second = create_batch(&server, &input, "/v1/embeddings").await;
    let id = second["id"].as_str().unwrap();
    let cancelling = openai_post(&server, &format!("/batches/{id}/cancel"), json!({})).await;
    assert_eq!(cancelling.json()["status"], "cancelling");
    let cancelled = openai_get(&server, &format!("/batches/{id}")).await.json();
    assert_eq!(cancelled["status"], "cancelled");
    assert!(cancelled["cancelled_at"].is_u64());
    let again = openai_post(&server, &format!("/batches/{id}/cancel"), json!({})).await;
    assert_eq!(again.status, 409);

    let page = openai_get(&server, "/batches?limit=1").await.json();
    if let Some(real) = recording("batches/openai-batches-list-2025-03.json") {
        assert_eq!(keys(&page), keys(&real));
        // An older recording: its batches lack the newer `model` and `usage`.
        let mine = keys(&page["data"][0]);
        for key in keys(&real["data"][0]) {
            assert!(mine.contains(&key), "missing {key}");
        }
    }
    assert_eq!(page["data"][0]["id"], second["id"]);
    assert_eq!(page["has_more"], true);
    let next = openai_get(&server, &format!("/batches?limit=1&after={id}"))
        .await
        .json();
    assert_eq!(next["data"][0]["id"], first["id"]);
    assert_eq!(next["has_more"], false);

    let not_batch = upload_file(&server, "x.txt", "assistants", b"{}").await;
    for (body, status) in [
        (
            json!({"endpoint": "/v1/embeddings", "completion_window": "24h"}),
            400,
        ),
        (
            json!({"input_file_id": "file-nope", "endpoint": "/v1/embeddings", "completion_window": "24h"}),
            404,
        ),
        (
            json!({"input_file_id": not_batch["id"], "endpoint": "/v1/embeddings", "completion_window": "24h"}),
            400,
        ),
        (
            json!({"input_file_id": first["input_file_id"], "endpoint": "/v1/images", "completion_window": "24h"}),
            400,
        ),
        (
            json!({"input_file_id": first["input_file_id"], "endpoint": "/v1/embeddings", "completion_window": "1h"}),
            400,
        ),
    ] {
        let resp = openai_post(&server, "/batches", body.clone()).await;
        assert_eq!(resp.status, status, "{body}: {}", resp.text());
    }
    assert_eq!(openai_get(&server, "/batches/batch_nope").await.status, 404);
    let wrong_method = crate::support::openai_delete(&server, "/batches").await;
    assert_eq!(wrong_method.status, 405);
    assert_eq!(wrong_method.header("allow"), Some("GET, POST"));
    assert_eq!(openai_get(&server, "/batches/a/b/c").await.status, 404);
}

#[tokio::test]
async fn azure_batch_lines_name_the_deployment() {
    let server = MockServer::builder().processing_polls(0).start().await;
    let input = line(
        "az",
        "/chat/completions",
        json!({"model": "my-deployment", "messages": [{"role": "user", "content": "hi"}]}),
    );
    let file = send(
        &client(),
        "POST",
        &server.url("/openai/files?api-version=2024-10-21"),
        &[
            ("api-key", "k"),
            ("content-type", "multipart/form-data; boundary=zz"),
        ],
        Some(multipart(
            "zz",
            &[("purpose", "batch")],
            Some(("file", "in.jsonl", input.as_bytes())),
        )),
    )
    .await
    .unwrap()
    .json();
    let batch = azure_post(
        &server,
        "/openai/batches?api-version=2024-10-21",
        json!({"input_file_id": file["id"], "endpoint": "/chat/completions", "completion_window": "24h"}),
    )
    .await;
    assert_eq!(batch.status, 200, "{}", batch.text());
    let id = batch.json()["id"].as_str().unwrap().to_owned();
    let mut last = Value::Null;
    for _ in 0..3 {
        last = azure_get(&server.url(&format!("/openai/batches/{id}?api-version=2024-10-21")))
            .await
            .json();
    }
    assert_eq!(last["status"], "completed", "{last}");
    let out_id = last["output_file_id"].as_str().unwrap();
    let content = azure_get(&server.url(&format!("/openai/v1/files/{out_id}/content"))).await;
    let lines = jsonl_lines(&content.body);
    let body = &lines[0]["response"]["body"];
    assert_eq!(body["model"], "my-deployment");
    assert!(body.get("prompt_filter_results").is_some());
}

#[tokio::test(start_paused = true)]
async fn processing_ignores_wall_time_and_output_expiry_applies() {
    let server = MockServer::builder().processing_polls(0).start().await;
    let input = line(
        "a",
        "/v1/embeddings",
        json!({"model": "text-embedding-3-small", "input": "x"}),
    );
    let file = upload_file(&server, "in.jsonl", "batch", input.as_bytes()).await;
    let batch = openai_post(
        &server,
        "/batches",
        json!({
            "input_file_id": file["id"],
            "endpoint": "/v1/embeddings",
            "completion_window": "24h",
            "output_expires_after": {"anchor": "created_at", "seconds": 7200},
        }),
    )
    .await
    .json();
    // A day of (virtual) waiting moves nothing: only retrieves do.
    tokio::time::advance(std::time::Duration::from_secs(86_400)).await;
    let path = format!("/batches/{}", batch["id"].as_str().unwrap());
    let first = openai_get(&server, &path).await.json();
    assert_eq!(first["status"], "in_progress");
    openai_get(&server, &path).await;
    let done = openai_get(&server, &path).await.json();
    assert_eq!(done["status"], "completed");
    let out = openai_get(
        &server,
        &format!("/files/{}", done["output_file_id"].as_str().unwrap()),
    )
    .await
    .json();
    assert_eq!(
        out["expires_at"].as_u64().unwrap(),
        out["created_at"].as_u64().unwrap() + 7200
    );
    let bad = openai_post(
        &server,
        "/batches",
        json!({
            "input_file_id": file["id"],
            "endpoint": "/v1/embeddings",
            "completion_window": "24h",
            "output_expires_after": {"anchor": "created_at", "seconds": 5},
        }),
    )
    .await;
    assert_eq!(bad.status, 400);
}
