//! Azure OpenAI: routes, credentials, content filter results and rejections.

use openai_inference::{Chat, api_error_object};
use openai_mock::{MockServer, PRESENT, Reply};
use openai_types::shared::{ContentFilterSeverity, ErrorCode, InnerErrorCode};
use serde_json::json;

use crate::support::{self, hello, only_wire};

/// The model names the deployment; the key goes in `api-key`;
/// content filter results decode typed.
#[tokio::test]
async fn chat_uses_the_model_as_deployment_and_surfaces_filter_results() {
    let server = MockServer::start().await;
    let http = support::azure(&server);

    let completion = Chat::new(&http).create(&hello("gpt4o-dep")).await.unwrap();

    insta::assert_json_snapshot!("azure_chat_request", only_wire(&server));
    insta::assert_json_snapshot!("azure_chat_response", completion);
    let choice = completion.first_choice().unwrap();
    let results = choice.content_filter_results.as_ref().unwrap();
    let hate = results.hate.as_ref().unwrap();
    assert!(!hate.filtered);
    assert_eq!(hate.severity, Some(ContentFilterSeverity::Safe));
    assert!(
        completion
            .prompt_filter_results
            .as_ref()
            .is_some_and(|p| !p.is_empty())
    );
}

/// A fixed deployment wins over the request's model.
#[tokio::test]
async fn a_fixed_deployment_wins_over_the_model() {
    let server = MockServer::start().await;
    let http = support::azure_fixed(&server, "fixed-dep");

    Chat::new(&http)
        .create(&hello("ignored-model"))
        .await
        .unwrap();

    let sent = &server.requests()[0];
    assert_eq!(sent.path, "/openai/deployments/fixed-dep/chat/completions");
    assert_eq!(sent.json.as_ref().unwrap()["model"], "ignored-model");
}

/// An Entra token is sent as Bearer, never as `api-key`.
#[tokio::test]
async fn entra_token_is_a_bearer_header() {
    let server = MockServer::start().await;
    let http = support::azure_entra(&server);

    Chat::new(&http).create(&hello("gpt4o-dep")).await.unwrap();

    let sent = &server.requests()[0];
    assert_eq!(sent.header("authorization"), Some(PRESENT));
    assert_eq!(sent.header("api-key"), None);
}

/// The filter-only first chunk (empty id, no choices) passes through
/// as a chunk and does not disturb accumulation.
#[tokio::test]
async fn stream_passes_filter_chunks_through() {
    let server = MockServer::start().await;
    let http = support::azure(&server);

    let mut stream = Chat::new(&http)
        .create_stream(&hello("gpt4o-dep"))
        .await
        .unwrap();
    let first = stream.next().await.unwrap().unwrap();
    assert!(first.is_azure_filter_chunk(), "{first:?}");
    assert!(first.prompt_filter_results.is_some());
    let completion = stream.into_completion().await.unwrap();

    assert_eq!(completion.first_content(), Some("Echo: Hello there"));
    assert!(completion.id.starts_with("chatcmpl-"), "{}", completion.id);
    assert!(completion.prompt_filter_results.is_some());
}

/// A content-filter 400 is a typed error: `code() ==
/// Some("content_filter")`, and the categories are readable from the inner error.
#[tokio::test]
async fn content_filter_rejection_is_typed() {
    let server = MockServer::start().await;
    server
        .on("POST", "/openai/deployments/gpt4o-dep/chat/completions")
        .respond(Reply::json(400, json!({"error": {
            "message": "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
            "type": null,
            "param": "prompt",
            "code": "content_filter",
            "status": 400,
            "innererror": {
                "code": "ResponsibleAIPolicyViolation",
                "content_filter_result": {
                    "hate": {"filtered": false, "severity": "safe"},
                    "self_harm": {"filtered": false, "severity": "safe"},
                    "sexual": {"filtered": false, "severity": "safe"},
                    "violence": {"filtered": true, "severity": "medium"},
                    "jailbreak": {"filtered": false, "detected": false}
                }
            }
        }})));
    let http = support::azure(&server);

    let err = Chat::new(&http)
        .create(&hello("gpt4o-dep"))
        .await
        .unwrap_err();

    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(err.code(), Some("content_filter"));
    assert_eq!(server.requests().len(), 1, "a 400 is not retried");
    let object = api_error_object(&err).unwrap();
    assert!(object.is_content_filter());
    assert_eq!(object.code, Some(ErrorCode::from("content_filter")));
    let inner = object.innererror.as_ref().unwrap();
    assert_eq!(
        inner.code,
        Some(InnerErrorCode::ResponsibleAiPolicyViolation)
    );
    let categories = object.content_filter_result().unwrap();
    let violence = categories.violence.as_ref().unwrap();
    assert!(violence.filtered);
    assert_eq!(violence.severity, Some(ContentFilterSeverity::Medium));
    assert_eq!(categories.jailbreak.as_ref().unwrap().detected, Some(false));
    insta::assert_snapshot!("azure_content_filter_display", err.to_string());
}

/// The v1 API puts the deployment in `model` under `/openai/v1`.
#[tokio::test]
async fn v1_api_keeps_the_model_in_the_body() {
    let server = MockServer::start().await;
    let http = core_http::HttpClient::builder()
        .endpoint(core_http::Endpoint::azure_v1(server.azure_endpoint()).unwrap())
        .credential(core_http::Credential::azure_key("azure-test-key"))
        .build()
        .unwrap();

    let completion = Chat::new(&http).create(&hello("gpt4o-dep")).await.unwrap();

    assert_eq!(completion.first_content(), Some("Echo: Hello there"));
    let sent = &server.requests()[0];
    assert_eq!(sent.path, "/openai/v1/chat/completions");
    assert_eq!(sent.query_value("api-version"), None);
}
