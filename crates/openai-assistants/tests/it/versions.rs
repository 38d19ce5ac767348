//! Assistants v1 and v2: the header each sends, the six v1 file operations (reachable in
//! v1, refused in v2 without a request), and the caller's own `OpenAI-Beta` winning.

use core_http::{ErrorKind, RequestOptions};
use openai_assistants::{AssistantsApiVersion, AssistantsClient};
use openai_mock::MockServer;
use openai_types::assistants::{CreateAssistantFileRequest, CreateAssistantRequest};
use openai_types::files::{FilePurpose, FileUploadParams};
use openai_types::messages::CreateMessageRequest;
use openai_types::shared::ListParams;
use openai_types::threads::CreateThreadRequest;
use serde::Serialize;
use serde_json::json;

use crate::support::{Mode, client, last_request, normalize};

fn check<T: Serialize>(server: &MockServer, op: &str, response: &T) {
    let req = last_request(server);
    assert_eq!(req.header("openai-beta"), Some("assistants=v1"), "{op}");
    insta::assert_json_snapshot!(
        format!("v1_{op}"),
        json!({ "request": normalize(&req), "response": response })
    );
}

/// The v1 file operations against a v1 client; every call says `assistants=v1`.
#[tokio::test]
async fn v1_file_operations() {
    let server = MockServer::start().await;
    let http = client(&server, Mode::OpenAi);
    let client = AssistantsClient::new(&http).api_version(AssistantsApiVersion::V1);
    assert_eq!(client.version(), AssistantsApiVersion::V1);

    let file = client
        .files()
        .create(
            b"v1 file".to_vec(),
            &FileUploadParams::new(FilePurpose::Assistants).filename("v1.txt"),
        )
        .await
        .unwrap();
    let assistant = client
        .assistants()
        .create(&CreateAssistantRequest::new("gpt-4"))
        .await
        .unwrap();
    let assistants = client.assistants();

    let attached = assistants
        .create_file(&assistant.id, &CreateAssistantFileRequest::new(&file.id))
        .await
        .unwrap();
    check(&server, "assistants_files_create", &attached);
    let got = assistants
        .retrieve_file(&assistant.id, &file.id)
        .await
        .unwrap();
    check(&server, "assistants_files_retrieve", &got);
    let page = assistants
        .list_files(&assistant.id, &ListParams::new())
        .await
        .unwrap();
    check(&server, "assistants_files_list", &page);
    let all = assistants
        .list_files_all(&assistant.id, ListParams::new().limit(1u32))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 1);
    let deleted = assistants
        .delete_file(&assistant.id, &file.id)
        .await
        .unwrap();
    check(&server, "assistants_files_delete", &deleted);

    // v1 messages name their files in `file_ids` (not modelled in the v2 request type: sent
    // through the options' extra body fields).
    let thread = client
        .threads()
        .create(&CreateThreadRequest::new())
        .await
        .unwrap();
    let message = client
        .messages()
        .with_options(RequestOptions::default().extra_body_field("file_ids", json!([file.id])))
        .create(&thread.id, &CreateMessageRequest::user("see file"))
        .await
        .unwrap();
    let messages = client.messages();
    let page = messages
        .list_files(&thread.id, &message.id, &ListParams::new())
        .await
        .unwrap();
    check(&server, "messages_files_list", &page);
    assert_eq!(page.data.len(), 1);
    let got = messages
        .retrieve_file(&thread.id, &message.id, &file.id)
        .await
        .unwrap();
    check(&server, "messages_files_retrieve", &got);

    assert!(server.requests().iter().all(|r| {
        r.header("openai-beta")
            == (!r.path.contains("/files")
                || r.path.contains("/messages/")
                || r.path.contains("/assistants/"))
            .then_some("assistants=v1")
    }));
}

/// In v2 the six v1 operations fail before sending, naming their v2 replacement.
#[tokio::test]
async fn v1_operations_are_refused_in_v2() {
    let server = MockServer::start().await;
    let http = client(&server, Mode::OpenAi);
    let client = AssistantsClient::new(&http);
    let assistants = client.assistants();
    let messages = client.messages();
    let errors = [
        assistants
            .create_file("asst_1", &CreateAssistantFileRequest::new("file_1"))
            .await
            .unwrap_err(),
        assistants
            .retrieve_file("asst_1", "file_1")
            .await
            .unwrap_err(),
        assistants
            .delete_file("asst_1", "file_1")
            .await
            .unwrap_err(),
        assistants
            .list_files("asst_1", &ListParams::new())
            .await
            .unwrap_err(),
        assistants
            .list_files_all("asst_1", ListParams::new())
            .try_collect()
            .await
            .unwrap_err(),
        messages
            .list_files("thread_1", "msg_1", &ListParams::new())
            .await
            .unwrap_err(),
        messages
            .list_files_all("thread_1", "msg_1", ListParams::new())
            .try_collect()
            .await
            .unwrap_err(),
        messages
            .retrieve_file("thread_1", "msg_1", "file_1")
            .await
            .unwrap_err(),
    ];
    for err in &errors {
        assert!(matches!(err.kind(), ErrorKind::InvalidRequest), "{err:?}");
    }
    assert!(server.requests().is_empty(), "nothing was sent");
    insta::assert_snapshot!("error_v1_assistant_file_in_v2", errors[0].to_string());
    insta::assert_snapshot!("error_v1_message_file_in_v2", errors[5].to_string());
}

/// A caller's own `OpenAI-Beta` header wins over the handle's, and a v1
/// header in the options also unlocks the v1 operations.
#[tokio::test]
async fn callers_beta_header_wins() {
    let server = MockServer::start().await;
    let http = client(&server, Mode::OpenAi);
    let assistants = AssistantsClient::new(&http)
        .assistants()
        .with_options(RequestOptions::default().header("OpenAI-Beta", "assistants=v1"));
    let assistant = assistants
        .create(&CreateAssistantRequest::new("gpt-4"))
        .await
        .unwrap();
    assert_eq!(
        last_request(&server).header("openai-beta"),
        Some("assistants=v1")
    );
    let page = assistants
        .list_files(&assistant.id, &ListParams::new())
        .await
        .unwrap();
    assert!(page.data.is_empty());

    // And a v1 client can be pointed back at v2 per call.
    let v2 = AssistantsClient::new(&http)
        .api_version(AssistantsApiVersion::V1)
        .threads()
        .api_version(AssistantsApiVersion::V2);
    v2.create(&CreateThreadRequest::new()).await.unwrap();
    assert_eq!(
        last_request(&server).header("openai-beta"),
        Some("assistants=v2")
    );
}
