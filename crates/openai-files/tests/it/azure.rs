//! Azure specifics: Entra ID tokens, the v1 API, a fixed deployment that never moves these
//! resource-scoped routes, and batch lines naming the deployment as `model`.

use std::sync::Arc;
use std::time::Duration;

use core_http::kit::{PollOptions, UploadSource};
use core_http::{Credential, Endpoint, HttpClient, StaticTokenCredential};
use openai_files::{Batches, Files, VectorStores, batch_input_jsonl};
use openai_mock::MockServer;
use openai_types::batches::{BatchEndpoint, BatchInputLine, BatchStatus, CreateBatchRequest};
use openai_types::embeddings::{EmbeddingRequest, EmbeddingResponse};
use openai_types::files::{FileListParams, FilePurpose, FileUploadParams};
use openai_types::vector_stores::CreateVectorStoreRequest;

use crate::support::AZURE_API_VERSION;

fn entra(endpoint: Endpoint) -> HttpClient {
    HttpClient::builder()
        .endpoint(endpoint)
        .credential(Credential::token(Arc::new(StaticTokenCredential::new(
            "entra-test-token",
        ))))
        .max_retries(0)
        .build()
        .unwrap()
}

async fn round_trip(http: &HttpClient) -> String {
    let files = Files::new(http);
    let file = files
        .create(
            UploadSource::bytes(&b"hi"[..]).file_name("a.txt"),
            &FileUploadParams::new(FilePurpose::Assistants),
        )
        .await
        .unwrap();
    files.list(&FileListParams::new()).await.unwrap();
    let store = VectorStores::new(http)
        .create(&CreateVectorStoreRequest::new())
        .await
        .unwrap();
    VectorStores::new(http).delete(&store.id).await.unwrap();
    file.id
}

#[tokio::test]
async fn entra_token_on_the_dated_api_with_a_fixed_deployment() {
    let server = MockServer::start().await;
    let endpoint = Endpoint::azure(server.azure_endpoint(), AZURE_API_VERSION)
        .unwrap()
        .with_deployment("gpt-4o-prod");
    round_trip(&entra(endpoint)).await;
    for req in server.requests() {
        assert!(req.path.starts_with("/openai/"), "{}", req.path);
        assert!(!req.path.contains("/deployments/"), "{}", req.path);
        assert_eq!(req.header("authorization"), Some(openai_mock::PRESENT));
        assert_eq!(req.header("api-key"), None);
        assert_eq!(req.query_value("api-version"), Some(AZURE_API_VERSION));
    }
}

#[tokio::test]
async fn the_v1_api_needs_no_api_version() {
    let server = MockServer::start().await;
    round_trip(&entra(Endpoint::azure_v1(server.azure_endpoint()).unwrap())).await;
    for req in server.requests() {
        assert!(req.path.starts_with("/openai/v1/"), "{}", req.path);
        assert_eq!(req.query_value("api-version"), None);
    }
}

/// Each line's `model` names the deployment; the batch runs it on Azure.
#[tokio::test]
async fn a_batch_names_the_deployment_in_each_line() {
    let server = MockServer::builder()
        .processing_polls(1)
        .processing_poll_after_ms(5)
        .start()
        .await;
    let http = crate::support::client(&server, crate::support::Mode::Azure);
    let request = EmbeddingRequest::new("embeddings-global-batch", "hello");
    let jsonl = batch_input_jsonl([BatchInputLine::new(
        "e1",
        BatchEndpoint::Embeddings,
        &request,
    )])
    .unwrap();
    let input = Files::new(&http)
        .create(
            UploadSource::bytes(jsonl).file_name("in.jsonl"),
            &FileUploadParams::new(FilePurpose::Batch),
        )
        .await
        .unwrap();
    let batches = Batches::new(&http);
    let batch = batches
        .create(&CreateBatchRequest::new(
            &input.id,
            BatchEndpoint::Embeddings,
        ))
        .await
        .unwrap();
    let batch = batches
        .wait(
            &batch.id,
            &PollOptions::new().timeout(Duration::from_secs(30)),
        )
        .await
        .unwrap();
    assert_eq!(batch.status, BatchStatus::Completed);
    let lines = batches
        .output_lines(batch.output_file_id.as_deref().unwrap())
        .await
        .unwrap()
        .try_collect()
        .await
        .unwrap();
    let body: EmbeddingResponse = lines[0].decode_body().unwrap().unwrap();
    assert_eq!(body.data.len(), 1);
}
