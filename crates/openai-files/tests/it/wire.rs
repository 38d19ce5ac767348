//! Every operation in OpenAI and Azure mode: the request on the wire and the decoded response,
//! as snapshots, after checking the invariants every call keeps (resource scope, the beta
//! header on vector store calls only, body-less calls' content type and length, api-version on
//! Azure).

use std::time::Duration;

use core_http::kit::{PollOptions, UploadSource};
use openai_files::{Batches, Files, Uploads, VectorStores, batch_input_jsonl};
use openai_mock::{MockServer, RecordedRequest};
use openai_types::batches::{
    BatchEndpoint, BatchInputLine, BatchListParams, BatchStatus, CreateBatchRequest,
};
use openai_types::chat::{ChatCompletion, ChatCompletionRequest, ChatMessage};
use openai_types::files::{FileExpiresAfter, FileListParams, FilePurpose, FileUploadParams};
use openai_types::shared::{ListParams, SortOrder};
use openai_types::uploads::{CompleteUploadRequest, CreateUploadRequest};
use openai_types::vector_stores::{
    ChunkingStrategy, CreateVectorStoreFileBatchRequest, CreateVectorStoreFileRequest,
    CreateVectorStoreRequest, FileAttributes, SearchFilter, UpdateVectorStoreFileAttributesRequest,
    UpdateVectorStoreRequest, VectorStoreFileListParams, VectorStoreFileStatus,
    VectorStoreSearchRequest,
};
use serde::Serialize;
use serde_json::json;

use crate::support::{Mode, client, last_request, normalize};

/// Snapshots the last request with the decoded response, as `<mode>_<op>`.
fn check<T: Serialize>(server: &MockServer, mode: Mode, op: &str, response: &T) {
    let req = last_request(server);
    // As the official SDKs: the Assistants beta header on vector store calls only.
    let beta = op.starts_with("vector_stores").then_some("assistants=v2");
    assert_eq!(req.header("openai-beta"), beta, "{op}");
    if req.method != "GET" && req.body_bytes() == 0 {
        // Body-less POST and DELETE: JSON content type, as openai-python sends them.
        assert_eq!(req.header("content-type"), Some("application/json"), "{op}");
    }
    if req.method == "POST" && req.body_bytes() == 0 {
        // Proxies refuse a POST without a length (411).
        assert_eq!(req.header("content-length"), Some("0"), "{op}");
    }
    if req.method == "DELETE" {
        assert_eq!(req.header("content-length"), None, "{op}");
    }
    assert!(req.path.starts_with(mode.prefix()), "{op}: {}", req.path);
    assert!(!req.path.contains("/deployments/"), "{op}: {}", req.path);
    if mode == Mode::Azure {
        assert_eq!(
            req.query_value("api-version"),
            Some(crate::support::AZURE_API_VERSION),
            "{op}"
        );
    }
    insta::assert_json_snapshot!(
        format!("{}_{op}", mode.name()),
        json!({ "request": normalize(&req), "response": response })
    );
}

/// The recorded headers with the values that vary by machine, version or port replaced.
fn header_set(req: &RecordedRequest) -> serde_json::Value {
    let headers = req.headers.iter().map(|(name, value)| {
        let shown = match name.as_str() {
            "host" => "127.0.0.1:<port>".to_owned(),
            "user-agent" => value.replace(env!("CARGO_PKG_VERSION"), "<version>"),
            "x-stainless-package-version" => "<version>".to_owned(),
            "x-stainless-os" => "<os>".to_owned(),
            "x-stainless-arch" => "<arch>".to_owned(),
            "x-stainless-runtime-version" => "<rustc>".to_owned(),
            _ => value.clone(),
        };
        (name.clone(), serde_json::Value::String(shown))
    });
    json!({
        "method": req.method,
        "path": req.path,
        "headers": serde_json::Map::from_iter(headers),
    })
}

fn poll() -> PollOptions {
    PollOptions::new()
        .default_interval(Duration::from_millis(5))
        .timeout(Duration::from_secs(60))
}

async fn files(server: &MockServer, mode: Mode) {
    let http = client(server, mode);
    let files = Files::new(&http);
    let file = files
        .create(
            UploadSource::bytes(&b"col1,col2\n1,2\n"[..]),
            &FileUploadParams::new(FilePurpose::Assistants)
                .filename("data.csv")
                .expires_after(FileExpiresAfter::after_creation(3600)),
        )
        .await
        .unwrap();
    check(server, mode, "files_create_bytes", &file);

    let dir = std::env::temp_dir().join(format!(
        "openai-files-wire-{}-{}",
        std::process::id(),
        mode.name()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("notes.txt");
    std::fs::write(&path, "notes streamed from disk\n").unwrap();
    let from_disk = files
        .create(&*path, &FileUploadParams::new(FilePurpose::UserData))
        .await
        .unwrap();
    check(server, mode, "files_create_path", &from_disk);

    let page = files
        .list(
            &FileListParams::new()
                .purpose(FilePurpose::Assistants)
                .limit(10u32)
                .order(SortOrder::Asc),
        )
        .await
        .unwrap();
    assert_eq!(page.data.len(), 1);
    check(server, mode, "files_list", &page);
    let all = files
        .list_all(&FileListParams::new().limit(1u32))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 2);

    let got = files.retrieve(&file.id).await.unwrap();
    check(server, mode, "files_retrieve", &got);

    let content = files.content(&file.id).await.unwrap();
    assert!(content.request_id().is_some());
    let bytes = content.bytes().await.unwrap();
    check(
        server,
        mode,
        "files_content",
        &String::from_utf8_lossy(&bytes),
    );

    let out = dir.join("copy.txt");
    let written = files
        .content(&from_disk.id)
        .await
        .unwrap()
        .write_to_file(&out)
        .await
        .unwrap();
    assert_eq!(written, 25);
    assert_eq!(std::fs::read(&out).unwrap(), b"notes streamed from disk\n");
    std::fs::remove_dir_all(&dir).unwrap();

    let deleted = files.delete(&from_disk.id).await.unwrap();
    assert!(deleted.deleted);
    check(server, mode, "files_delete", &deleted);

    let err = files.retrieve("../x").await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404), "{err}");
    let err = files.delete("").await.unwrap_err();
    assert!(
        err.to_string().contains("`file_id` must not be empty"),
        "{err}"
    );
}

async fn uploads(server: &MockServer, mode: Mode) {
    let http = client(server, mode);
    let uploads = Uploads::new(&http);
    let upload = uploads
        .create(&CreateUploadRequest::new(
            "train.jsonl",
            FilePurpose::FineTune,
            10,
            "text/jsonl",
        ))
        .await
        .unwrap();
    check(server, mode, "uploads_create", &upload);
    let first = uploads
        .add_part(&upload.id, UploadSource::bytes(&b"{\"a\":1}\n"[..]))
        .await
        .unwrap();
    check(server, mode, "uploads_add_part", &first);
    let second = uploads
        .add_part(&upload.id, UploadSource::bytes(&b"{}"[..]))
        .await
        .unwrap();
    let done = uploads
        .complete(
            &upload.id,
            &CompleteUploadRequest::new([&first.id, &second.id]),
        )
        .await
        .unwrap();
    assert_eq!(done.file.as_ref().unwrap().bytes, 10);
    check(server, mode, "uploads_complete", &done);
    let content = Files::new(&http)
        .content(&done.file.unwrap().id)
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(&content[..], b"{\"a\":1}\n{}");

    let other = uploads
        .create(&CreateUploadRequest::new(
            "x.txt",
            FilePurpose::Assistants,
            5,
            "text/plain",
        ))
        .await
        .unwrap();
    let cancelled = uploads.cancel(&other.id).await.unwrap();
    check(server, mode, "uploads_cancel", &cancelled);
}

async fn vector_stores(server: &MockServer, mode: Mode) {
    let http = client(server, mode);
    let files = Files::new(&http);
    let stores = VectorStores::new(&http);
    let store = stores
        .create(&CreateVectorStoreRequest::new().name("docs"))
        .await
        .unwrap();
    check(server, mode, "vector_stores_create", &store);
    let got = stores.retrieve(&store.id).await.unwrap();
    check(server, mode, "vector_stores_retrieve", &got);
    let updated = stores
        .update(&store.id, &UpdateVectorStoreRequest::new().name("manuals"))
        .await
        .unwrap();
    assert_eq!(updated.name.as_deref(), Some("manuals"));
    check(server, mode, "vector_stores_update", &updated);
    let page = stores.list(&ListParams::new().limit(5u32)).await.unwrap();
    check(server, mode, "vector_stores_list", &page);
    assert_eq!(
        stores
            .list_all(&ListParams::new())
            .try_collect()
            .await
            .unwrap()
            .len(),
        1
    );

    let upload = |name: &'static str, text: &'static str| {
        files.create(
            UploadSource::bytes(text.as_bytes()).file_name(name),
            &FileUploadParams::new(FilePurpose::Assistants),
        )
    };
    let rust = upload(
        "rust.txt",
        "Rust has ownership and borrowing instead of a garbage collector.",
    )
    .await
    .unwrap();
    let go = upload("go.txt", "Go has a garbage collector and goroutines.")
        .await
        .unwrap();

    let store_files = stores.files(&store.id);
    let added = store_files
        .create(
            &CreateVectorStoreFileRequest::new(&rust.id)
                .attribute("lang", "rust")
                .chunking_strategy(ChunkingStrategy::fixed(100, 20)),
        )
        .await
        .unwrap();
    check(server, mode, "vector_stores_files_create", &added);
    let got = store_files.retrieve(&rust.id).await.unwrap();
    check(server, mode, "vector_stores_files_retrieve", &got);
    let done = store_files.poll(&rust.id, &poll()).await.unwrap();
    assert_eq!(done.status, VectorStoreFileStatus::Completed);
    let go_file = store_files
        .create_and_poll(
            &CreateVectorStoreFileRequest::new(&go.id).attribute("lang", "go"),
            &poll(),
        )
        .await
        .unwrap();
    assert_eq!(go_file.status, VectorStoreFileStatus::Completed);
    let listed = store_files
        .list(&VectorStoreFileListParams::new().filter(VectorStoreFileStatus::Completed))
        .await
        .unwrap();
    assert_eq!(listed.data.len(), 2);
    check(server, mode, "vector_stores_files_list", &listed);
    let every = store_files
        .list_all(&VectorStoreFileListParams::new().limit(1))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(every.len(), 2);
    let attributes: FileAttributes = [("lang", "rust"), ("level", "intro")].into_iter().collect();
    let updated = store_files
        .update(
            &rust.id,
            &UpdateVectorStoreFileAttributesRequest::new(attributes),
        )
        .await
        .unwrap();
    check(server, mode, "vector_stores_files_update", &updated);
    let content = store_files.content(&rust.id).await.unwrap();
    check(server, mode, "vector_stores_files_content", &content);

    let hits = stores
        .search(
            &store.id,
            &VectorStoreSearchRequest::new("garbage collector")
                .filters(SearchFilter::eq("lang", "go"))
                .max_num_results(5)
                .rewrite_query(true),
        )
        .await
        .unwrap();
    assert_eq!(hits.data.len(), 1);
    assert_eq!(hits.data[0].filename, "go.txt");
    check(server, mode, "vector_stores_search", &hits);

    let uploaded = store_files
        .upload_and_poll(
            UploadSource::bytes(&b"Zig has comptime."[..]).file_name("zig.txt"),
            &poll(),
        )
        .await
        .unwrap();
    assert_eq!(uploaded.status, VectorStoreFileStatus::Completed);

    let batches = stores.file_batches(&store.id);
    let third = upload("c.txt", "C has manual memory management.")
        .await
        .unwrap();
    let batch = batches
        .create(&CreateVectorStoreFileBatchRequest::from_file_ids([
            &third.id
        ]))
        .await
        .unwrap();
    check(server, mode, "vector_stores_file_batches_create", &batch);
    let got = batches.retrieve(&batch.id).await.unwrap();
    check(server, mode, "vector_stores_file_batches_retrieve", &got);
    let files_page = batches
        .list_files(&batch.id, &VectorStoreFileListParams::new())
        .await
        .unwrap();
    check(
        server,
        mode,
        "vector_stores_file_batches_list_files",
        &files_page,
    );
    assert_eq!(
        batches
            .list_files_all(&batch.id, &VectorStoreFileListParams::new())
            .try_collect()
            .await
            .unwrap()
            .len(),
        1
    );
    let cancelled = batches.cancel(&batch.id).await.unwrap();
    check(
        server,
        mode,
        "vector_stores_file_batches_cancel",
        &cancelled,
    );
    if mode == Mode::OpenAi {
        // Every header of a body-less POST, as the server received it.
        insta::assert_json_snapshot!(
            "openai_body_less_post_headers",
            header_set(&last_request(server))
        );
    }
    let polled = batches
        .upload_and_poll(
            [
                UploadSource::bytes(&b"Python has a GIL."[..]).file_name("py.txt"),
                UploadSource::bytes(&b"Java has a JIT."[..]).file_name("java.txt"),
            ],
            &poll(),
        )
        .await
        .unwrap();
    assert_eq!(polled.file_counts.completed, 2);

    let removed = store_files.delete(&go.id).await.unwrap();
    check(server, mode, "vector_stores_files_delete", &removed);
    let deleted = stores.delete(&store.id).await.unwrap();
    check(server, mode, "vector_stores_delete", &deleted);
}

async fn batches(server: &MockServer, mode: Mode) {
    let http = client(server, mode);
    let model = "gpt-4o-mini";
    let requests: Vec<ChatCompletionRequest> = ["one", "two"]
        .iter()
        .map(|q| ChatCompletionRequest::new(model, [ChatMessage::user(*q)]))
        .collect();
    let jsonl = batch_input_jsonl(
        requests
            .iter()
            .enumerate()
            .map(|(i, r)| BatchInputLine::new(format!("q{i}"), BatchEndpoint::ChatCompletions, r)),
    )
    .unwrap();
    let input = Files::new(&http)
        .create(
            UploadSource::bytes(jsonl).file_name("input.jsonl"),
            &FileUploadParams::new(FilePurpose::Batch),
        )
        .await
        .unwrap();
    let batches = Batches::new(&http);
    let batch = batches
        .create(&CreateBatchRequest::new(
            &input.id,
            BatchEndpoint::ChatCompletions,
        ))
        .await
        .unwrap();
    check(server, mode, "batches_create", &batch);
    let got = batches.retrieve(&batch.id).await.unwrap();
    check(server, mode, "batches_retrieve", &got);
    let page = batches
        .list(&BatchListParams::new().limit(10))
        .await
        .unwrap();
    check(server, mode, "batches_list", &page);
    let done = batches.wait(&batch.id, &poll()).await.unwrap();
    assert_eq!(done.status, BatchStatus::Completed);
    let lines = batches
        .output_lines(done.output_file_id.as_deref().unwrap())
        .await
        .unwrap()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(lines.len(), 2);
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line.custom_id, format!("q{i}"));
        let reply: ChatCompletion = line.decode_body().unwrap().unwrap();
        assert_eq!(
            reply.first_content().unwrap(),
            format!("Echo: {}", ["one", "two"][i])
        );
    }

    let other = batches
        .create(&CreateBatchRequest::new(
            &input.id,
            BatchEndpoint::ChatCompletions,
        ))
        .await
        .unwrap();
    let cancelling = batches.cancel(&other.id).await.unwrap();
    check(server, mode, "batches_cancel", &cancelling);
    let cancelled = batches.wait(&other.id, &poll()).await.unwrap();
    assert_eq!(cancelled.status, BatchStatus::Cancelled);
    assert_eq!(
        batches
            .list_all(&BatchListParams::new().limit(1))
            .try_collect()
            .await
            .unwrap()
            .len(),
        2
    );
}

async fn every_operation(mode: Mode) {
    let server = MockServer::builder()
        .processing_polls(1)
        .processing_poll_after_ms(5)
        .start()
        .await;
    files(&server, mode).await;
    uploads(&server, mode).await;
    vector_stores(&server, mode).await;
    batches(&server, mode).await;
    // Every request, helpers' uploads included: the beta header goes with the vector store
    // routes and nowhere else (not on the `/files` uploads `upload_and_poll` makes).
    let sent = server.requests();
    assert!(
        sent.iter()
            .any(|r| r.path.ends_with("/files") && r.method == "POST")
    );
    for req in &sent {
        let expected = req
            .path
            .contains("/vector_stores")
            .then_some("assistants=v2");
        assert_eq!(
            req.header("openai-beta"),
            expected,
            "{} {}",
            req.method,
            req.path
        );
    }
}

#[tokio::test]
async fn every_operation_openai() {
    every_operation(Mode::OpenAi).await;
}

#[tokio::test]
async fn every_operation_azure() {
    every_operation(Mode::Azure).await;
}
