//! The files family through the facade: `client.files()`, `uploads()`, `vector_stores()`,
//! `batches()` and `moderations()`, with the types from the facade's own modules, in OpenAI
//! and Azure mode (resource-scoped; `OpenAI-Beta: assistants=v2` on vector store calls only).

use openai_mock::MockServer;
use openai_sdk::UploadSource;
use openai_sdk::batches::{BatchEndpoint, BatchInputLine, BatchListParams, batch_input_jsonl};
use openai_sdk::files::{FileListParams, FilePurpose, FileUploadParams};
use openai_sdk::moderations::ModerationRequest;
use openai_sdk::uploads::CreateUploadRequest;
use openai_sdk::vector_stores::{CreateVectorStoreRequest, VectorStoreFileListParams};

use crate::support::{MODES, Mode};

#[tokio::test]
async fn every_accessor_in_both_modes() {
    for mode in MODES {
        let server = MockServer::start().await;
        let client = mode.client(&server);
        let request = crate::support::chat("hi");
        let jsonl = batch_input_jsonl([BatchInputLine::new(
            "a",
            BatchEndpoint::ChatCompletions,
            &request,
        )])
        .unwrap();
        let file = client
            .files()
            .create(
                UploadSource::bytes(jsonl).file_name("in.jsonl"),
                &FileUploadParams::new(FilePurpose::Batch),
            )
            .await
            .unwrap();
        let page = client.files().list(&FileListParams::new()).await.unwrap();
        assert_eq!(page.data[0].id, file.id);
        let content = client.files().content(&file.id).await.unwrap();
        assert!(!content.bytes().await.unwrap().is_empty());
        let upload = client
            .uploads()
            .create(&CreateUploadRequest::new(
                "x.txt",
                FilePurpose::Assistants,
                1,
                "text/plain",
            ))
            .await
            .unwrap();
        client.uploads().cancel(&upload.id).await.unwrap();
        let store = client
            .vector_stores()
            .create(&CreateVectorStoreRequest::new())
            .await
            .unwrap();
        let files = client
            .vector_stores()
            .files(&store.id)
            .list(&VectorStoreFileListParams::new())
            .await
            .unwrap();
        assert!(files.data.is_empty());
        client
            .batches()
            .list(&BatchListParams::new())
            .await
            .unwrap();
        let verdict = client
            .moderations()
            .create(&ModerationRequest::new("a calm day"))
            .await
            .unwrap();
        assert!(!verdict.any_flagged());

        let prefix = match mode {
            Mode::OpenAi => "/v1/",
            Mode::Azure => "/openai/",
        };
        for req in server.requests() {
            assert!(req.path.starts_with(prefix), "{mode:?}: {}", req.path);
            assert!(!req.path.contains("/deployments/"), "{}", req.path);
            // The official SDKs' beta header: on vector store calls, nowhere else.
            let beta = req
                .path
                .contains("/vector_stores")
                .then_some("assistants=v2");
            assert_eq!(req.header("openai-beta"), beta, "{}", req.path);
        }
    }
}
