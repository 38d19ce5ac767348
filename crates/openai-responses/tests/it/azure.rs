//! Azure specifics: Entra ID on v1, the dated preview API (resource-scoped, deployment in the
//! body), and versions that do not serve Responses.

use openai_mock::MockServer;
use openai_responses::{Conversations, Responses};
use openai_types::conversations::ConversationCreateRequest;
use openai_types::responses::{ResponseCreateRequest, ResponseRetrieveParams};

use crate::support::{self, PREVIEW_VERSION, only_wire, wires};

/// Entra ID on v1: a Bearer token, no api-key; the route and body are those of the key case.
#[tokio::test]
async fn v1_with_an_entra_token() {
    let server = MockServer::start().await;
    let http = support::azure_v1_entra(&server);
    let response = Responses::new(&http)
        .create(&ResponseCreateRequest::new("my-gpt-deployment", "Hello"))
        .await
        .unwrap();
    assert_eq!(response.output_text(), "Echo: Hello");
    let wire = only_wire(&server);
    assert_eq!(wire["authorization"], true);
    assert_eq!(wire["api-key"], false);
    assert_eq!(wire["path"], "/openai/v1/responses");
    assert_eq!(wire["body"]["model"], "my-gpt-deployment");
}

/// The dated preview API serves Responses at `/openai/responses?api-version=…` (never under
/// a deployment), with the deployment in `model`: create, stream, retrieve, delete.
#[tokio::test]
async fn dated_preview_api_serves_responses() {
    let server = MockServer::start().await;
    let http = support::azure_dated(&server, PREVIEW_VERSION);
    let responses = Responses::new(&http);
    let request = ResponseCreateRequest::new("my-gpt-deployment", "Hello");
    let created = responses.create(&request).await.unwrap();
    assert_eq!(created.output_text(), "Echo: Hello");
    let streamed = responses
        .create_stream(&request)
        .await
        .unwrap()
        .into_response()
        .await
        .unwrap();
    assert_eq!(streamed.output_text(), "Echo: Hello");
    let retrieved = responses
        .retrieve(&created.id, &ResponseRetrieveParams::new())
        .await
        .unwrap();
    assert_eq!(retrieved.id, created.id);
    assert!(responses.delete(&created.id).await.unwrap().deleted);
    insta::assert_json_snapshot!("azure_dated_preview_wire", wires(&server));
}

/// A dated version older than the Responses preview gets Azure's 404; Conversations are not
/// served on the dated API.
#[tokio::test]
async fn older_dated_versions_and_dated_conversations_are_not_found() {
    let server = MockServer::start().await;
    let http = support::azure_dated(&server, "2024-10-21");
    let err = Responses::new(&http)
        .create(&ResponseCreateRequest::new("dep", "Hello"))
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    let http = support::azure_dated(&server, PREVIEW_VERSION);
    let err = Conversations::new(&http)
        .create(&ConversationCreateRequest::new())
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
}
