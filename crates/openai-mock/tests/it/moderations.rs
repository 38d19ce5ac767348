//! Moderations: text, lists and multimodal inputs, deterministic flags, recording shapes.

use openai_mock::MockServer;
use serde_json::json;

use crate::spec::assert_conforms;
use crate::support::{azure_post, keys, openai_post, recording};

#[tokio::test]
async fn words_flag_categories_deterministically() {
    let server = MockServer::start().await;
    let resp = openai_post(
        &server,
        "/moderations",
        json!({"input": ["I will kill you", "a lovely day", "I hate this"]}),
    )
    .await;
    assert_eq!(resp.status, 200, "{}", resp.text());
    let body = resp.json();
    assert_conforms(&body, "CreateModerationResponse");
    assert_eq!(body["model"], "omni-moderation-latest");
    let results = body["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    assert_eq!(results[0]["flagged"], true);
    assert_eq!(results[0]["categories"]["violence"], true);
    assert_eq!(results[0]["category_scores"]["violence"], 0.97);
    assert_eq!(results[0]["categories"]["hate"], false);
    assert_eq!(results[1]["flagged"], false);
    assert!(results[1]["category_scores"]["violence"].as_f64().unwrap() < 0.01);
    assert_eq!(results[2]["categories"]["hate"], true);
    if let Some(real) = recording("moderations/openai-omni-multiple-texts.json") {
        assert_eq!(keys(&body), keys(&real));
        let r = &real["results"][0];
        assert_eq!(keys(&results[0]), keys(r));
        assert_eq!(keys(&results[0]["categories"]), keys(&r["categories"]));
        assert_eq!(
            keys(&results[0]["category_applied_input_types"]),
            keys(&r["category_applied_input_types"])
        );
    }
    // Same input, same scores on another server.
    let again = openai_post(
        &MockServer::start().await,
        "/moderations",
        json!({"input": ["I will kill you", "a lovely day", "I hate this"]}),
    )
    .await
    .json();
    assert_eq!(again["results"], body["results"]);
}

#[tokio::test]
async fn multimodal_and_legacy_models() {
    let server = MockServer::start().await;
    let body = openai_post(
        &server,
        "/moderations",
        json!({"model": "omni-moderation-latest", "input": [
            {"type": "text", "text": "look at the blood"},
            {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}}
        ]}),
    )
    .await
    .json();
    let result = &body["results"][0];
    assert_eq!(body["results"].as_array().unwrap().len(), 1);
    assert_eq!(result["categories"]["violence/graphic"], true);
    assert_eq!(
        result["category_applied_input_types"]["violence"],
        json!(["text", "image"])
    );
    assert_eq!(
        result["category_applied_input_types"]["hate"],
        json!(["text"])
    );
    if let Some(real) = recording("moderations/openai-omni-text-and-image.json") {
        assert_eq!(
            result["category_applied_input_types"],
            real["results"][0]["category_applied_input_types"]
        );
    }
    let legacy = openai_post(
        &server,
        "/moderations",
        json!({"model": "text-moderation-007", "input": "fine"}),
    )
    .await
    .json();
    if let Some(real) = recording("moderations/openai-text-moderation-007.json") {
        assert_eq!(keys(&legacy["results"][0]), keys(&real["results"][0]));
        assert_eq!(
            keys(&legacy["results"][0]["categories"]),
            keys(&real["results"][0]["categories"])
        );
    }
    for bad in [
        json!({}),
        json!({"input": 3}),
        json!({"input": [{"type": "audio"}]}),
        json!({"input": [{"type": "image_url", "image_url": {"url": "ftp://x"}}]}),
        json!({"model": "text-moderation-007", "input": [{"type": "image_url", "image_url": {"url": "https://x/y.png"}}]}),
    ] {
        let resp = openai_post(&server, "/moderations", bad.clone()).await;
        assert_eq!(resp.status, 400, "{bad}");
    }
    let azure = azure_post(
        &server,
        "/openai/moderations?api-version=2024-10-21",
        json!({"input": "hi"}),
    )
    .await;
    assert_eq!(azure.status, 200, "{}", azure.text());
    let v1 = azure_post(&server, "/openai/v1/moderations", json!({"input": "hi"})).await;
    assert_eq!(v1.status, 200);
}
