//! The stateful Assistants/Files handlers are reachable through every route style (their own
//! behavior is unit-tested next to them).

use openai_mock::MockServer;
use serde_json::json;

use crate::support::{azure_get, azure_post, client, multipart, openai_get, openai_post, send};

#[tokio::test]
async fn assistants_over_openai_and_azure_routes_share_state() {
    let server = MockServer::start().await;
    let created = openai_post(
        &server,
        "/assistants",
        json!({"model": "gpt-4o-mini", "name": "a"}),
    )
    .await;
    assert_eq!(created.status, 200, "{}", created.text());
    let assistant = created.json();
    assert_eq!(assistant["object"], "assistant");
    let id = assistant["id"].as_str().unwrap();

    let fetched = openai_get(&server, &format!("/assistants/{id}"))
        .await
        .json();
    assert_eq!(fetched["id"], id);

    let azure = azure_get(&server.url(&format!(
        "/openai/assistants/{id}?api-version=2024-05-01-preview"
    )))
    .await;
    assert_eq!(azure.status, 200, "{}", azure.text());
    assert_eq!(
        azure.header("apim-request-id"),
        azure.header("x-request-id")
    );
    let v1 = azure_get(&server.url(&format!("/openai/v1/assistants/{id}"))).await;
    assert_eq!(v1.status, 200);

    let missing = openai_get(&server, "/assistants/asst_nope").await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json()["error"]["type"], "invalid_request_error");
}

#[tokio::test]
async fn threads_and_a_run_via_http() {
    let server = MockServer::start().await;
    let assistant = openai_post(&server, "/assistants", json!({"model": "m"}))
        .await
        .json();
    let run = azure_post(
        &server,
        "/openai/threads/runs?api-version=2024-05-01-preview",
        json!({"assistant_id": assistant["id"], "thread": {"messages": [{"role": "user", "content": "hi"}]}}),
    )
    .await;
    assert_eq!(run.status, 200, "{}", run.text());
    assert_eq!(run.json()["object"], "thread.run");
}

#[tokio::test]
async fn file_upload_is_multipart() {
    let server = MockServer::start().await;
    let resp = send(
        &client(),
        "POST",
        &format!("{}/files", server.base_url()),
        &[
            ("authorization", "Bearer k"),
            ("content-type", "multipart/form-data; boundary=fb"),
        ],
        Some(multipart(
            "fb",
            &[("purpose", "assistants")],
            Some(("file", "notes.txt", b"hello")),
        )),
    )
    .await
    .unwrap();
    assert_eq!(resp.status, 200, "{}", resp.text());
    let file = resp.json();
    assert_eq!(file["object"], "file");
    assert_eq!(file["filename"], "notes.txt");
    assert_eq!(file["bytes"], 5);
    let content = send(
        &client(),
        "GET",
        &format!(
            "{}/files/{}/content",
            server.base_url(),
            file["id"].as_str().unwrap()
        ),
        &[("authorization", "Bearer k")],
        None,
    )
    .await
    .unwrap();
    assert_eq!(&content.body[..], b"hello");
}

#[tokio::test]
async fn run_poll_hint_is_configurable() {
    let server = MockServer::builder().run_poll_after_ms(250).start().await;
    let assistant = openai_post(&server, "/assistants", json!({"model": "m"}))
        .await
        .json();
    let run = openai_post(
        &server,
        "/threads/runs",
        json!({"assistant_id": assistant["id"], "thread": {"messages": [{"role": "user", "content": "hi"}]}}),
    )
    .await;
    assert_eq!(run.header("openai-poll-after-ms"), Some("250"));
    let default = MockServer::start().await;
    let assistant = openai_post(&default, "/assistants", json!({"model": "m"}))
        .await
        .json();
    let run = openai_post(
        &default,
        "/threads/runs",
        json!({"assistant_id": assistant["id"], "thread": {"messages": [{"role": "user", "content": "hi"}]}}),
    )
    .await;
    assert_eq!(run.header("openai-poll-after-ms"), Some("1000"));
}
