//! Vector stores: CRUD, files and file batches with the poll-driven state machine, parsed
//! content, and search (ranking, threshold, filters, rewrite) — deterministic across servers.

use openai_mock::MockServer;
use serde_json::{Value, json};

use crate::spec::assert_conforms;
use crate::support::{
    azure_post, keys, openai_delete, openai_get, openai_post, recording, upload_file,
};

const DOCS: [(&str, &str, i64); 3] = [
    (
        "paris.txt",
        "Paris is the capital of France. The Eiffel tower stands in Paris.",
        2024,
    ),
    (
        "berlin.txt",
        "Berlin is the capital of Germany. It has a famous wall.",
        2023,
    ),
    (
        "cooking.txt",
        "A recipe for bread needs flour, water and salt.",
        2020,
    ),
];

/// A store with the three documents, each with `year` and `lang` attributes, processed.
async fn populated(server: &MockServer) -> (String, Vec<String>) {
    let vs = openai_post(server, "/vector_stores", json!({"name": "docs"}))
        .await
        .json();
    let vs_id = vs["id"].as_str().unwrap().to_owned();
    let mut ids = Vec::new();
    for (name, text, year) in DOCS {
        let file = upload_file(server, name, "assistants", text.as_bytes()).await;
        let id = file["id"].as_str().unwrap().to_owned();
        let attached = openai_post(
            server,
            &format!("/vector_stores/{vs_id}/files"),
            json!({"file_id": id, "attributes": {"year": year, "lang": "en"}}),
        )
        .await;
        assert_eq!(attached.status, 200, "{}", attached.text());
        ids.push(id);
    }
    (vs_id, ids)
}

#[tokio::test]
async fn files_process_after_polls_with_a_hint() {
    let server = MockServer::builder()
        .processing_polls(2)
        .processing_poll_after_ms(250)
        .start()
        .await;
    let (vs_id, ids) = populated(&server).await;
    let file_path = format!("/vector_stores/{vs_id}/files/{}", ids[0]);
    let first = openai_get(&server, &file_path).await;
    assert_eq!(first.json()["status"], "in_progress");
    assert_eq!(first.header("openai-poll-after-ms"), Some("250"));
    assert_eq!(
        openai_get(&server, &file_path).await.json()["status"],
        "in_progress"
    );
    let done = openai_get(&server, &file_path).await;
    let done_json = done.json();
    assert_eq!(done_json["status"], "completed");
    assert_eq!(done.header("openai-poll-after-ms"), None);
    assert_eq!(done_json["usage_bytes"], DOCS[0].1.len());
    assert_eq!(done_json["attributes"]["year"], 2024);
    assert_conforms(&done_json, "VectorStoreFileObject");
    if let Some(real) = recording("vector_stores/openai-vector_store-files-list-2025.json") {
        assert_eq!(keys(&done_json), keys(&real["data"][0]));
    }
    // Status filter while the two others are still processing.
    let busy = openai_get(
        &server,
        &format!("/vector_stores/{vs_id}/files?filter=in_progress"),
    )
    .await
    .json();
    assert_eq!(busy["data"].as_array().unwrap().len(), 2);
    let vs = openai_get(&server, &format!("/vector_stores/{vs_id}"))
        .await
        .json();
    assert_eq!(vs["status"], "in_progress");
    let vs = openai_get(&server, &format!("/vector_stores/{vs_id}"))
        .await
        .json();
    assert_eq!(vs["status"], "in_progress");
    let vs = openai_get(&server, &format!("/vector_stores/{vs_id}"))
        .await
        .json();
    assert_eq!(vs["status"], "completed");
    assert_eq!(vs["file_counts"]["completed"], 3);
    assert_eq!(vs["file_counts"]["total"], 3);
    assert_conforms(&vs, "VectorStoreObject");
    if let Some(real) = recording("vector_stores/openai-vector_store-create-completed-2025.json") {
        assert_eq!(keys(&vs), keys(&real));
    }
    let content = openai_get(
        &server,
        &format!("/vector_stores/{vs_id}/files/{}/content", ids[1]),
    )
    .await
    .json();
    assert_eq!(content["object"], "vector_store.file_content.page");
    assert_eq!(content["data"][0]["text"], DOCS[1].1);
}

async fn search(server: &MockServer, vs_id: &str, body: Value) -> Value {
    let resp = openai_post(server, &format!("/vector_stores/{vs_id}/search"), body).await;
    assert_eq!(resp.status, 200, "{}", resp.text());
    resp.json()
}

#[tokio::test]
async fn search_ranks_by_term_overlap_and_filters() {
    let server = MockServer::builder().processing_polls(0).start().await;
    let (vs_id, ids) = populated(&server).await;
    let page = search(
        &server,
        &vs_id,
        json!({"query": "What is the capital of France?"}),
    )
    .await;
    assert_conforms(&page, "VectorStoreSearchResultsPage");
    assert_conforms(&page["data"][0], "VectorStoreSearchResultItem");
    assert_eq!(
        page["search_query"],
        json!(["What is the capital of France?"])
    );
    let data = page["data"].as_array().unwrap();
    assert_eq!(data.len(), 2, "{page}");
    assert_eq!(data[0]["file_id"], ids[0]);
    assert_eq!(data[0]["filename"], "paris.txt");
    assert_eq!(data[0]["score"], 1.0);
    assert_eq!(data[1]["file_id"], ids[1]);
    assert_eq!(data[1]["score"], 0.5);
    assert_eq!(data[0]["content"][0]["type"], "text");
    assert_eq!(page["has_more"], false);
    assert_eq!(page["next_page"], Value::Null);

    // Deterministic: a second server gives the same page (ids included).
    let other = MockServer::builder().processing_polls(0).start().await;
    let (other_vs, _) = populated(&other).await;
    assert_eq!(
        search(
            &other,
            &other_vs,
            json!({"query": "What is the capital of France?"})
        )
        .await,
        page
    );

    let thresholded = search(
        &server,
        &vs_id,
        json!({"query": "capital France", "ranking_options": {"score_threshold": 0.75}}),
    )
    .await;
    assert_eq!(thresholded["data"].as_array().unwrap().len(), 1);
    let limited = search(
        &server,
        &vs_id,
        json!({"query": "capital", "max_num_results": 1}),
    )
    .await;
    assert_eq!(limited["data"].as_array().unwrap().len(), 1);

    let filtered = search(
        &server,
        &vs_id,
        json!({"query": "capital", "filters": {"type": "lt", "key": "year", "value": 2024}}),
    )
    .await;
    assert_eq!(filtered["data"][0]["file_id"], ids[1]);
    assert_eq!(filtered["data"].as_array().unwrap().len(), 1);
    let compound = search(
        &server,
        &vs_id,
        json!({"query": "capital bread", "filters": {"type": "or", "filters": [
            {"type": "eq", "key": "year", "value": 2020},
            {"type": "in", "key": "year", "value": [2024]}
        ]}}),
    )
    .await;
    let found: Vec<&str> = compound["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["filename"].as_str().unwrap())
        .collect();
    assert_eq!(found, ["paris.txt", "cooking.txt"]);
    let none = search(
        &server,
        &vs_id,
        json!({"query": "capital", "filters": {"type": "and", "filters": [
            {"type": "eq", "key": "lang", "value": "en"},
            {"type": "nin", "key": "year", "value": [2023, 2024]}
        ]}}),
    )
    .await;
    assert!(none["data"].as_array().unwrap().is_empty());

    let rewritten = search(
        &server,
        &vs_id,
        json!({"query": "What is the capital of Germany?", "rewrite_query": true}),
    )
    .await;
    assert_eq!(rewritten["search_query"], json!(["capital germany"]));
    assert_eq!(rewritten["data"][0]["filename"], "berlin.txt");

    for bad in [
        json!({}),
        json!({"query": "x", "max_num_results": 0}),
        json!({"query": "x", "filters": {"type": "like", "key": "a", "value": 1}}),
        json!({"query": "x", "ranking_options": {"score_threshold": 2}}),
    ] {
        let resp = openai_post(&server, &format!("/vector_stores/{vs_id}/search"), bad).await;
        assert_eq!(resp.status, 400, "{}", resp.text());
    }
}

#[tokio::test]
async fn file_batches_update_delete_and_list() {
    let server = MockServer::start().await;
    let vs = openai_post(
        &server,
        "/vector_stores",
        json!({"name": "b", "metadata": {"k": "v"}, "expires_after": {"anchor": "last_active_at", "days": 2}}),
    )
    .await
    .json();
    let vs_id = vs["id"].as_str().unwrap();
    assert_eq!(
        vs["expires_at"].as_u64().unwrap(),
        vs["last_active_at"].as_u64().unwrap() + 2 * 86_400
    );
    let mut ids = Vec::new();
    for i in 0..3 {
        let f = upload_file(&server, &format!("{i}.txt"), "assistants", b"text").await;
        ids.push(f["id"].as_str().unwrap().to_owned());
    }
    let binary = upload_file(&server, "x.bin", "assistants", &[0xff, 0xfe, 0x00]).await;
    ids.push(binary["id"].as_str().unwrap().to_owned());
    let batch = openai_post(
        &server,
        &format!("/vector_stores/{vs_id}/file_batches"),
        json!({"file_ids": ids, "chunking_strategy": {"type": "static", "static": {"max_chunk_size_tokens": 200, "chunk_overlap_tokens": 50}}}),
    )
    .await;
    assert_eq!(batch.header("openai-poll-after-ms"), Some("1000"));
    let batch = batch.json();
    assert_eq!(batch["status"], "in_progress");
    assert_eq!(batch["file_counts"]["in_progress"], 4);
    assert_conforms(&batch, "VectorStoreFileBatchObject");
    if let Some(real) = recording("vector_stores/openai-vector_store-file_batch-create-2025.json") {
        assert_eq!(keys(&batch), keys(&real));
    }
    let b_id = batch["id"].as_str().unwrap();
    let path = format!("/vector_stores/{vs_id}/file_batches/{b_id}");
    assert_eq!(
        openai_get(&server, &path).await.json()["status"],
        "in_progress"
    );
    let done = openai_get(&server, &path).await.json();
    assert_eq!(done["status"], "completed");
    assert_eq!(done["file_counts"]["completed"], 3);
    assert_eq!(done["file_counts"]["failed"], 1);
    let failed = openai_get(
        &server,
        &format!("/vector_stores/{vs_id}/file_batches/{b_id}/files?filter=failed"),
    )
    .await
    .json();
    assert_eq!(failed["data"][0]["id"], ids[3]);
    assert_eq!(failed["data"][0]["last_error"]["code"], "unsupported_file");
    assert_eq!(
        failed["data"][0]["chunking_strategy"]["static"]["max_chunk_size_tokens"],
        200
    );
    // Cancelling a finished batch is refused.
    let late = openai_post(&server, &format!("{path}/cancel"), json!({})).await;
    assert_eq!(late.status, 400);

    let updated = openai_post(
        &server,
        &format!("/vector_stores/{vs_id}/files/{}", ids[0]),
        json!({"attributes": {"tag": "x"}}),
    )
    .await
    .json();
    assert_eq!(updated["attributes"], json!({"tag": "x"}));
    let removed = openai_delete(&server, &format!("/vector_stores/{vs_id}/files/{}", ids[0]))
        .await
        .json();
    assert_eq!(removed["object"], "vector_store.file.deleted");
    let listed = openai_get(&server, &format!("/vector_stores/{vs_id}/files?limit=2"))
        .await
        .json();
    assert_eq!(listed["data"].as_array().unwrap().len(), 2);
    assert_eq!(listed["has_more"], true);

    let renamed = openai_post(
        &server,
        &format!("/vector_stores/{vs_id}"),
        json!({"name": "renamed"}),
    )
    .await
    .json();
    assert_eq!(renamed["name"], "renamed");
    assert_eq!(renamed["metadata"], json!({"k": "v"}));
    let all = openai_get(&server, "/vector_stores").await.json();
    assert_eq!(all["data"][0]["id"], vs_id);
    let gone = openai_delete(&server, &format!("/vector_stores/{vs_id}"))
        .await
        .json();
    assert_eq!(gone["object"], "vector_store.deleted");
    assert_eq!(
        openai_get(&server, &format!("/vector_stores/{vs_id}"))
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn cancel_and_errors() {
    let server = MockServer::builder().processing_polls(5).start().await;
    let vs = openai_post(&server, "/vector_stores", json!({}))
        .await
        .json();
    let vs_id = vs["id"].as_str().unwrap();
    let f = upload_file(&server, "a.txt", "assistants", b"abc").await;
    let batch = openai_post(
        &server,
        &format!("/vector_stores/{vs_id}/file_batches"),
        json!({"files": [{"file_id": f["id"], "attributes": {"a": 1}}]}),
    )
    .await
    .json();
    let b_id = batch["id"].as_str().unwrap();
    let cancelled = openai_post(
        &server,
        &format!("/vector_stores/{vs_id}/file_batches/{b_id}/cancel"),
        json!({}),
    )
    .await
    .json();
    assert_eq!(cancelled["status"], "cancelled");
    assert_eq!(cancelled["file_counts"]["cancelled"], 1);
    let unknown_file = openai_post(
        &server,
        &format!("/vector_stores/{vs_id}/files"),
        json!({"file_id": "file-nope"}),
    )
    .await;
    assert_eq!(unknown_file.status, 404);
    let bad_chunking = openai_post(
        &server,
        &format!("/vector_stores/{vs_id}/files"),
        json!({"file_id": f["id"], "chunking_strategy": {"type": "static", "static": {"max_chunk_size_tokens": 100, "chunk_overlap_tokens": 80}}}),
    )
    .await;
    assert_eq!(bad_chunking.status, 400);
    let bad_filter = openai_get(&server, &format!("/vector_stores/{vs_id}/files?filter=x")).await;
    assert_eq!(bad_filter.status, 400);
    assert_eq!(
        openai_get(&server, "/vector_stores/vs_nope").await.status,
        404
    );
}

#[tokio::test]
async fn azure_resource_and_v1_routes() {
    let server = MockServer::start().await;
    let dated = azure_post(
        &server,
        "/openai/vector_stores?api-version=2025-04-01-preview",
        json!({"name": "az"}),
    )
    .await;
    assert_eq!(dated.status, 200, "{}", dated.text());
    assert!(dated.header("apim-request-id").is_some());
    let id = dated.json()["id"].as_str().unwrap().to_owned();
    let v1 = azure_post(
        &server,
        &format!("/openai/v1/vector_stores/{id}/search"),
        json!({"query": "anything"}),
    )
    .await;
    assert_eq!(v1.status, 200, "{}", v1.text());
    let no_version = azure_post(&server, "/openai/vector_stores", json!({})).await;
    assert_eq!(no_version.status, 404);
}
