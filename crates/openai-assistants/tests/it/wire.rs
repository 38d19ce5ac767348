//! Every operation once, in OpenAI and Azure mode: the wire request (method, path, query, auth
//! presence, `OpenAI-Beta`, body) and the decoded response, snapshotted together per operation.
//!
//! Azure routes are resource-scoped, never under `/deployments/`; every call carries
//! `OpenAI-Beta: assistants=v2`; uploads are multipart; body-less POSTs (cancel) send
//! `content-length: 0`, and they and DELETEs send a JSON content type.

use core_http::kit::UploadSource;
use openai_assistants::AssistantsClient;
use openai_mock::MockServer;
use openai_types::assistants::{
    CodeInterpreterResources, CreateAssistantRequest, ModifyAssistantRequest, ToolResources,
};
use openai_types::files::{FileExpiresAfter, FileListParams, FilePurpose, FileUploadParams};
use openai_types::messages::{
    Attachment, AttachmentTool, CreateMessageRequest, ModifyMessageRequest,
};
use openai_types::runs::{
    CreateRunRequest, ModifyRunRequest, SubmitToolOutputsRequest, ToolOutput,
};
use openai_types::shared::{ListParams, Metadata, SortOrder};
use openai_types::threads::{CreateThreadAndRunRequest, CreateThreadRequest, ModifyThreadRequest};
use serde::Serialize;
use serde_json::json;

use crate::support::{Mode, client, last_request, normalize, weather_tool};

/// Snapshots the last request with the decoded response, as `<mode>_<op>`, after checking the
/// two invariants every call keeps.
fn check<T: Serialize>(server: &MockServer, mode: Mode, op: &str, response: &T) {
    let req = last_request(server);
    // `/files` calls (from openai-files) carry no beta header.
    let beta = (!op.starts_with("files_")).then_some("assistants=v2");
    assert_eq!(req.header("openai-beta"), beta, "{op}");
    if req.method != "GET" && req.body_bytes() == 0 {
        // Body-less POST (runs.cancel) and DELETE: JSON content type, as openai-python.
        assert_eq!(req.header("content-type"), Some("application/json"), "{op}");
    }
    if req.method == "POST" && req.body_bytes() == 0 {
        // Proxies refuse a POST without a length (411).
        assert_eq!(req.header("content-length"), Some("0"), "{op}");
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

async fn every_operation(mode: Mode) {
    let server = MockServer::start().await;
    let http = client(&server, mode);
    let client = AssistantsClient::new(&http);
    let (files, assistants, threads, messages, runs, steps) = (
        client.files(),
        client.assistants(),
        client.threads(),
        client.messages(),
        client.runs(),
        client.run_steps(),
    );

    // Files.
    let uploaded = files
        .create(
            UploadSource::bytes(&b"col1,col2\n1,2\n"[..]),
            &FileUploadParams::new(FilePurpose::Assistants)
                .filename("data.csv")
                .expires_after(FileExpiresAfter::after_creation(3600)),
        )
        .await
        .unwrap();
    check(&server, mode, "files_upload_bytes", &uploaded);

    let dir = std::env::temp_dir().join(format!(
        "openai-assistants-wire-{}-{}",
        mode.name(),
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("notes.txt");
    std::fs::write(&path, "notes streamed from disk\n").unwrap();
    let from_disk = files
        .create(
            UploadSource::path(&path),
            &FileUploadParams::new(FilePurpose::Assistants),
        )
        .await
        .unwrap();
    check(&server, mode, "files_upload_path", &from_disk);

    let page = files
        .list(
            &FileListParams::new()
                .purpose(FilePurpose::Assistants)
                .limit(10u32),
        )
        .await
        .unwrap();
    check(&server, mode, "files_list", &page);
    let file = files.retrieve(&uploaded.id).await.unwrap();
    check(&server, mode, "files_retrieve", &file);
    let content = files
        .content(&uploaded.id)
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(&content[..], b"col1,col2\n1,2\n");
    check(
        &server,
        mode,
        "files_content",
        &String::from_utf8_lossy(&content),
    );
    let mut stream = files.content(&from_disk.id).await.unwrap();
    let mut streamed = Vec::new();
    while let Some(chunk) = stream.next().await {
        streamed.extend_from_slice(&chunk.unwrap());
    }
    assert_eq!(streamed, b"notes streamed from disk\n");
    assert!(stream.request_id().is_some());
    check(
        &server,
        mode,
        "files_content_stream",
        &String::from_utf8_lossy(&streamed),
    );

    // Assistants.
    let assistant = assistants
        .create(
            &CreateAssistantRequest::new("gpt-4o-mini")
                .name("Weather bot")
                .instructions("Use the tool.")
                .tools(vec![weather_tool()])
                .tool_resources(
                    ToolResources::new()
                        .code_interpreter(CodeInterpreterResources::new([uploaded.id.clone()])),
                )
                .metadata(Metadata::from([("team", "sdk")])),
        )
        .await
        .unwrap();
    check(&server, mode, "assistants_create", &assistant);
    let got = assistants.retrieve(&assistant.id).await.unwrap();
    check(&server, mode, "assistants_retrieve", &got);
    let updated = assistants
        .update(
            &assistant.id,
            &ModifyAssistantRequest::new().name("Weather bot 2"),
        )
        .await
        .unwrap();
    check(&server, mode, "assistants_update", &updated);
    let page = assistants
        .list(&ListParams::new().limit(5u32).order(SortOrder::Asc))
        .await
        .unwrap();
    check(&server, mode, "assistants_list", &page);

    // Threads.
    let thread = threads
        .create(
            &CreateThreadRequest::new()
                .messages(vec![CreateMessageRequest::user("Hello there")])
                .metadata(Metadata::from([("topic", "weather")])),
        )
        .await
        .unwrap();
    check(&server, mode, "threads_create", &thread);
    let got = threads.retrieve(&thread.id).await.unwrap();
    check(&server, mode, "threads_retrieve", &got);
    let updated = threads
        .update(
            &thread.id,
            &ModifyThreadRequest::new().metadata(Metadata::from([("topic", "paris")])),
        )
        .await
        .unwrap();
    check(&server, mode, "threads_update", &updated);

    // Messages.
    let message = messages
        .create(
            &thread.id,
            &CreateMessageRequest::user("What's the weather in Paris?").attachments(vec![
                Attachment::new(uploaded.id.clone(), [AttachmentTool::code_interpreter()]),
            ]),
        )
        .await
        .unwrap();
    check(&server, mode, "messages_create", &message);
    let got = messages.retrieve(&thread.id, &message.id).await.unwrap();
    check(&server, mode, "messages_retrieve", &got);
    let updated = messages
        .update(
            &thread.id,
            &message.id,
            &ModifyMessageRequest::new().metadata(Metadata::from([("seen", "yes")])),
        )
        .await
        .unwrap();
    check(&server, mode, "messages_update", &updated);
    let page = messages
        .list(&thread.id, &ListParams::new().order(SortOrder::Asc))
        .await
        .unwrap();
    check(&server, mode, "messages_list", &page);

    // Runs.
    let run = runs
        .create(
            &thread.id,
            &CreateRunRequest::new(&assistant.id)
                .additional_instructions("Be brief.")
                .temperature(0.5),
        )
        .await
        .unwrap();
    check(&server, mode, "runs_create", &run);
    let got = runs.retrieve(&thread.id, &run.id).await.unwrap();
    check(&server, mode, "runs_retrieve", &got);
    let updated = runs
        .update(
            &thread.id,
            &run.id,
            &ModifyRunRequest::new().metadata(Metadata::from([("attempt", "1")])),
        )
        .await
        .unwrap();
    check(&server, mode, "runs_update", &updated);
    let page = runs.list(&thread.id, &ListParams::new()).await.unwrap();
    check(&server, mode, "runs_list", &page);
    let waiting = runs.retrieve(&thread.id, &run.id).await.unwrap();
    assert_eq!(waiting.status.as_str(), "requires_action");
    let call_id = waiting.required_tool_calls()[0].id().unwrap().to_owned();
    let submitted = runs
        .submit_tool_outputs(
            &thread.id,
            &run.id,
            &SubmitToolOutputsRequest::new([ToolOutput::new(call_id, "22C")]),
        )
        .await
        .unwrap();
    check(&server, mode, "runs_submit_tool_outputs", &submitted);
    let done = runs
        .poll(
            &thread.id,
            &run.id,
            &openai_assistants::PollOptions::new().interval(std::time::Duration::from_millis(1)),
        )
        .await
        .unwrap();
    assert_eq!(done.status.as_str(), "completed");

    // Run steps.
    let page = steps
        .list(
            &thread.id,
            &run.id,
            &ListParams::new().order(SortOrder::Asc),
        )
        .await
        .unwrap();
    check(&server, mode, "run_steps_list", &page);
    let step = steps
        .retrieve(&thread.id, &run.id, &page.data[0].id)
        .await
        .unwrap();
    check(&server, mode, "run_steps_retrieve", &step);

    // Cancel a second run; create a thread and run in one call.
    let second = runs
        .create(&thread.id, &CreateRunRequest::new(&assistant.id))
        .await
        .unwrap();
    let cancelled = runs.cancel(&thread.id, &second.id).await.unwrap();
    check(&server, mode, "runs_cancel", &cancelled);
    let both =
        threads
            .create_and_run(&CreateThreadAndRunRequest::new(&assistant.id).thread(
                CreateThreadRequest::new().messages(vec![CreateMessageRequest::user("Hi")]),
            ))
            .await
            .unwrap();
    check(&server, mode, "threads_create_and_run", &both);

    // Deletes.
    let deleted = messages.delete(&thread.id, &message.id).await.unwrap();
    check(&server, mode, "messages_delete", &deleted);
    let deleted = threads.delete(&thread.id).await.unwrap();
    check(&server, mode, "threads_delete", &deleted);
    let deleted = assistants.delete(&assistant.id).await.unwrap();
    check(&server, mode, "assistants_delete", &deleted);
    let deleted = files.delete(&uploaded.id).await.unwrap();
    check(&server, mode, "files_delete", &deleted);

    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn every_operation_openai() {
    every_operation(Mode::OpenAi).await;
}

/// Azure routes are resource-scoped, also with a fixed deployment.
#[tokio::test]
async fn every_operation_azure() {
    every_operation(Mode::Azure).await;
}

/// A deployment configured on the endpoint does not move Assistants
/// routes under it.
#[tokio::test]
async fn azure_deployment_does_not_scope_assistants_routes() {
    let server = MockServer::start().await;
    let http = core_http::HttpClient::builder()
        .endpoint(
            core_http::Endpoint::azure(server.azure_endpoint(), crate::support::AZURE_API_VERSION)
                .unwrap()
                .with_deployment("gpt-4o-prod"),
        )
        .credential(core_http::Credential::azure_key("k"))
        .build()
        .unwrap();
    let thread = openai_assistants::Threads::new(&http)
        .create(&CreateThreadRequest::new())
        .await
        .unwrap();
    let req = last_request(&server);
    assert_eq!(req.path, "/openai/threads");
    assert_eq!(
        req.query_value("api-version"),
        Some(crate::support::AZURE_API_VERSION)
    );
    assert!(thread.id.starts_with("thread_"));
}

/// Ids are percent-encoded into one path segment, and an empty id is refused before sending.
#[tokio::test]
async fn ids_are_escaped_and_empty_ids_refused() {
    let server = MockServer::start().await;
    let http = client(&server, Mode::OpenAi);
    let threads = openai_assistants::Threads::new(&http);
    let err = threads.retrieve("").await.unwrap_err();
    assert!(matches!(err.kind(), core_http::ErrorKind::InvalidRequest));
    insta::assert_snapshot!("error_empty_thread_id", err.to_string());
    assert!(server.requests().is_empty());

    let err = threads.retrieve("a/b?c").await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(last_request(&server).path, "/v1/threads/a%2Fb%3Fc");
}
