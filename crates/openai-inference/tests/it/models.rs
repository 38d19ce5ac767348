//! Models: list and retrieve, OpenAI and Azure (resource-scoped).

use openai_inference::Models;
use openai_mock::MockServer;

use crate::support::{self, wire};

#[tokio::test]
async fn list_and_retrieve_on_openai() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let models = Models::new(&http);

    let list = models.list().await.unwrap();
    let first = list.data.first().unwrap().clone();
    let one = models.retrieve(&first.id).await.unwrap();

    assert_eq!(one, first);
    let sent: Vec<_> = server.requests().iter().map(wire).collect();
    insta::assert_json_snapshot!("models_openai_requests", sent);
    insta::assert_json_snapshot!("models_openai_list_response", list);
}

/// Models are resource-scoped, also with a fixed deployment.
#[tokio::test]
async fn list_on_azure_is_resource_scoped() {
    let server = MockServer::start().await;
    let http = support::azure_fixed(&server, "gpt-4o-prod");

    Models::new(&http).list().await.unwrap();

    let sent = &server.requests()[0];
    assert_eq!(sent.path, "/openai/models");
    assert_eq!(sent.query_value("api-version"), Some(support::API_VERSION));
    assert_eq!(sent.header("api-key"), Some(openai_mock::PRESENT));
}

#[tokio::test]
async fn retrieve_needs_an_id() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    assert!(Models::new(&http).retrieve("").await.is_err());
    assert!(server.requests().is_empty());
}
