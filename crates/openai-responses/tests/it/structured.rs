//! Structured outputs: `parse::<T>()` with a strict schema from the type; refusal,
//! incomplete and mismatch errors.

use core_http::ErrorKind;
use openai_mock::MockServer;
use openai_responses::{Responses, parse_response};
use openai_types::responses::{
    Reasoning, ReasoningEffort, ResponseCreateRequest, TextConfig, Verbosity,
};

use crate::support;

#[derive(Debug, PartialEq, serde::Deserialize, schemars::JsonSchema)]
struct City {
    name: String,
    population: u64,
    capital: bool,
    nickname: Option<String>,
}

/// The request carries a strict `json_schema` format generated from the type (other text
/// settings kept); the answer decodes into it.
#[tokio::test]
async fn parse_sends_a_strict_schema_and_decodes() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let request = ResponseCreateRequest::new("gpt-4.1-mini", "Describe Paris")
        .text(TextConfig::verbosity(Verbosity::Low));
    let city: City = Responses::new(&http).parse(&request).await.unwrap();
    assert_eq!(city.population, 1);
    let sent = server.requests();
    let body = sent[0].json.as_ref().unwrap();
    insta::assert_json_snapshot!("structured_request_text", body["text"]);
}

/// A refusal and a cut-short answer are clear decode errors, not JSON errors.
#[tokio::test]
async fn refusal_and_incomplete_are_clear_errors() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let responses = Responses::new(&http);
    let err = responses
        .parse::<City>(&ResponseCreateRequest::new(
            "gpt-4.1-mini",
            "Describe Paris [refuse]",
        ))
        .await
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Decode));
    assert!(err.to_string().contains("refused"), "{err}");

    let err = responses
        .parse::<City>(
            // The reasoning tokens alone exceed the limit.
            &ResponseCreateRequest::new("o4-mini", "Describe Paris")
                .reasoning(Reasoning::effort(ReasoningEffort::High))
                .max_output_tokens(16),
        )
        .await
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Decode));
    assert!(
        err.to_string().contains("incomplete (max_output_tokens)"),
        "{err}"
    );

    let err = responses
        .parse::<City>(&ResponseCreateRequest::new(
            "gpt-4.1-mini",
            "Describe Paris [fail]",
        ))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("failed"), "{err}");
}

/// JSON of another shape names the JSON path of the mismatch.
#[tokio::test]
async fn mismatch_names_the_path() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let response = Responses::new(&http)
        .create(&ResponseCreateRequest::new("gpt-4.1-mini", "hi"))
        .await
        .unwrap();
    let err = parse_response::<City>(&response).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Decode));

    #[derive(Debug, serde::Deserialize, schemars::JsonSchema)]
    #[allow(dead_code)]
    struct Wrong {
        name: u64,
    }
    let request = ResponseCreateRequest::new("gpt-4.1-mini", "x").text(TextConfig::format(
        openai_responses::text_format_for::<City>(),
    ));
    let response = Responses::new(&http).create(&request).await.unwrap();
    let err = parse_response::<Wrong>(&response).unwrap_err();
    assert_eq!(err.to_string(), "failed to decode Wrong at `name`");
}
