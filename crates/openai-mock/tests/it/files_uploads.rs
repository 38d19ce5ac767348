//! Files (create, list, retrieve, delete, content, expiry) and Uploads (parts, ordered
//! assembly, byte total and md5 checks, cancel), on OpenAI and Azure routes.

use openai_mock::MockServer;
use serde_json::json;

use crate::spec::assert_conforms;
use crate::support::{
    azure_get, azure_post, client, keys, multipart, openai_delete, openai_get, openai_multipart,
    openai_post, recording, send, upload_file,
};

#[tokio::test]
async fn files_crud_content_and_expiry() {
    let server = MockServer::start().await;
    let a = upload_file(&server, "a.jsonl", "batch", b"{\"x\":1}\n").await;
    assert_eq!(a["object"], "file");
    assert_eq!(a["bytes"], 8);
    assert_eq!(a["purpose"], "batch");
    assert!(a.get("expires_at").is_none());
    assert_conforms(&a, "OpenAIFile");
    let b = openai_multipart(
        &server,
        "/files",
        &[
            ("purpose", "user_data"),
            ("expires_after[anchor]", "created_at"),
            ("expires_after[seconds]", "3600"),
        ],
        Some(("file", "b.txt", b"hello")),
    )
    .await
    .json();
    assert_eq!(
        b["expires_at"].as_u64().unwrap(),
        b["created_at"].as_u64().unwrap() + 3600
    );
    let bad = openai_multipart(
        &server,
        "/files",
        &[
            ("purpose", "user_data"),
            ("expires_after[anchor]", "created_at"),
            ("expires_after[seconds]", "10"),
        ],
        Some(("file", "b.txt", b"hello")),
    )
    .await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["error"]["param"], "expires_after.seconds");
    let bad_purpose = openai_multipart(
        &server,
        "/files",
        &[("purpose", "nope")],
        Some(("file", "b.txt", b"x")),
    )
    .await;
    assert_eq!(bad_purpose.status, 400);

    // List: purpose filter, order, limit + after paging.
    let batch_only = openai_get(&server, "/files?purpose=batch").await.json();
    assert_eq!(batch_only["data"].as_array().unwrap().len(), 1);
    let page1 = openai_get(&server, "/files?order=asc&limit=1").await.json();
    assert_eq!(page1["data"][0]["id"], a["id"]);
    assert_eq!(page1["has_more"], true);
    let after = page1["last_id"].as_str().unwrap();
    let page2 = openai_get(&server, &format!("/files?order=asc&limit=1&after={after}"))
        .await
        .json();
    assert_eq!(page2["data"][0]["id"], b["id"]);
    assert_eq!(page2["has_more"], false);

    let id = a["id"].as_str().unwrap();
    let content = openai_get(&server, &format!("/files/{id}/content")).await;
    assert_eq!(&content.body[..], b"{\"x\":1}\n");
    // With the Assistants beta header too.
    let url = format!("{}/files/{id}", server.base_url());
    let with_beta = send(
        &client(),
        "GET",
        &url,
        &[
            ("authorization", "Bearer k"),
            ("openai-beta", "assistants=v2"),
        ],
        None,
    )
    .await
    .unwrap();
    assert_eq!(with_beta.json()["id"], id);
    let gone = openai_delete(&server, &format!("/files/{id}")).await.json();
    assert_eq!(gone, json!({"id": id, "object": "file", "deleted": true}));
    assert_eq!(
        openai_get(&server, &format!("/files/{id}")).await.status,
        404
    );
}

async fn create_upload(server: &MockServer, bytes: u64) -> String {
    let up = openai_post(
        server,
        "/uploads",
        json!({"filename": "big.jsonl", "purpose": "fine-tune", "bytes": bytes, "mime_type": "text/jsonl"}),
    )
    .await;
    assert_eq!(up.status, 200, "{}", up.text());
    let up = up.json();
    assert_eq!(up["status"], "pending");
    up["id"].as_str().unwrap().to_owned()
}

async fn add_part(server: &MockServer, id: &str, data: &[u8]) -> String {
    let part = openai_multipart(
        server,
        &format!("/uploads/{id}/parts"),
        &[],
        Some(("data", "blob", data)),
    )
    .await;
    assert_eq!(part.status, 200, "{}", part.text());
    let part = part.json();
    assert_eq!(part["object"], "upload.part");
    assert_eq!(part["upload_id"], id);
    part["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn upload_parts_are_assembled_in_the_given_order() {
    let server = MockServer::start().await;
    let id = create_upload(&server, 11).await;
    let p1 = add_part(&server, &id, b"world").await;
    let p2 = add_part(&server, &id, b"hello ").await;
    let done = openai_post(
        &server,
        &format!("/uploads/{id}/complete"),
        // md5("hello world")
        json!({"part_ids": [p2, p1], "md5": "5eb63bbbe01eeed093cb22bb8f5acdc3"}),
    )
    .await;
    assert_eq!(done.status, 200, "{}", done.text());
    let done = done.json();
    assert_eq!(done["status"], "completed");
    assert_eq!(done["file"]["bytes"], 11);
    assert_eq!(done["file"]["purpose"], "fine-tune");
    assert_conforms(&done, "Upload");
    if let Some(real) = recording("uploads/openai-upload-completed-with-file-2025.json") {
        assert_eq!(keys(&done), keys(&real));
    }
    let file_id = done["file"]["id"].as_str().unwrap();
    let content = openai_get(&server, &format!("/files/{file_id}/content")).await;
    assert_eq!(&content.body[..], b"hello world");
    // A completed upload takes no more parts.
    let again = openai_post(&server, &format!("/uploads/{id}/cancel"), json!({})).await;
    assert_eq!(again.status, 400);
}

#[tokio::test]
async fn upload_total_md5_and_cancel_are_checked() {
    let server = MockServer::start().await;
    let id = create_upload(&server, 10).await;
    let p = add_part(&server, &id, b"short").await;
    let wrong = openai_post(
        &server,
        &format!("/uploads/{id}/complete"),
        json!({"part_ids": [p]}),
    )
    .await;
    assert_eq!(wrong.status, 400);
    assert!(
        wrong.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("(5)")
    );
    let p2 = add_part(&server, &id, b"er!!!").await;
    let bad_md5 = openai_post(
        &server,
        &format!("/uploads/{id}/complete"),
        json!({"part_ids": [p, p2], "md5": "00000000000000000000000000000000"}),
    )
    .await;
    assert_eq!(bad_md5.status, 400);
    assert_eq!(bad_md5.json()["error"]["param"], "md5");
    let unknown = openai_post(
        &server,
        &format!("/uploads/{id}/complete"),
        json!({"part_ids": ["part_nope"]}),
    )
    .await;
    assert_eq!(unknown.status, 400);
    let cancelled = openai_post(&server, &format!("/uploads/{id}/cancel"), json!({})).await;
    assert_eq!(cancelled.json()["status"], "cancelled");
    let late = openai_multipart(
        &server,
        &format!("/uploads/{id}/parts"),
        &[],
        Some(("data", "blob", b"x")),
    )
    .await;
    assert_eq!(late.status, 400);
    let missing = openai_post(&server, "/uploads", json!({"filename": "a"})).await;
    assert_eq!(missing.status, 400);
    assert_eq!(
        missing.json()["error"]["code"],
        "missing_required_parameter"
    );
    assert_eq!(
        openai_post(&server, "/uploads/upload_nope/cancel", json!({}))
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn azure_routes_serve_files_and_uploads() {
    let server = MockServer::start().await;
    let url = server.url("/openai/files?api-version=2024-10-21");
    let file = send(
        &client(),
        "POST",
        &url,
        &[
            ("api-key", "k"),
            ("content-type", "multipart/form-data; boundary=zz"),
        ],
        Some(multipart(
            "zz",
            &[("purpose", "batch")],
            Some(("file", "in.jsonl", b"{}")),
        )),
    )
    .await
    .unwrap()
    .json();
    let id = file["id"].as_str().unwrap();
    assert!(id.starts_with("assistant-"), "{id}");
    let got = azure_get(&server.url(&format!("/openai/v1/files/{id}"))).await;
    assert_eq!(got.json()["id"], id);
    let up = azure_post(
        &server,
        "/openai/uploads?api-version=2025-04-01-preview",
        json!({"filename": "f", "purpose": "batch", "bytes": 1, "mime_type": "text/plain"}),
    )
    .await;
    assert_eq!(up.status, 200, "{}", up.text());
    // Resource routes are never under a deployment.
    let under = azure_post(
        &server,
        "/openai/deployments/d/uploads?api-version=2025-04-01-preview",
        json!({}),
    )
    .await;
    assert_eq!(under.status, 404);
}
