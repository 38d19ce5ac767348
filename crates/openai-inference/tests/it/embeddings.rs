//! Embeddings: the implicit base64 default, explicit formats, batching.

use core_http::ErrorKind;
use openai_inference::Embeddings;
use openai_mock::{MockServer, Reply};
use openai_types::embeddings::{EmbeddingRequest, EmbeddingVector, EncodingFormat};
use serde_json::json;

use crate::support::{self, only_wire};

fn floats(vector: &EmbeddingVector) -> &[f32] {
    match vector {
        EmbeddingVector::Float(values) => values,
        other => panic!("expected floats, got {other:?}"),
    }
}

/// Without `encoding_format` the client asks for base64 and returns
/// floats that are bit-for-bit the ones an explicit `float` request returns.
#[tokio::test]
async fn default_base64_round_trips_exactly_against_float() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let embeddings = Embeddings::new(&http);
    let request = EmbeddingRequest::new("text-embedding-3-small", vec!["alpha", "beta"]);

    let implicit = embeddings.create(&request).await.unwrap();
    let explicit = embeddings
        .create(&request.clone().encoding_format(EncodingFormat::Float))
        .await
        .unwrap();

    let sent = server.requests();
    assert_eq!(sent[0].json.as_ref().unwrap()["encoding_format"], "base64");
    assert_eq!(sent[1].json.as_ref().unwrap()["encoding_format"], "float");
    assert_eq!(implicit.data.len(), 2);
    for (a, b) in implicit.data.iter().zip(&explicit.data) {
        let (a, b) = (floats(&a.embedding), floats(&b.embedding));
        assert_eq!(a.len(), 1536);
        let bits = |v: &[f32]| v.iter().map(|f| f.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(a), bits(b));
    }
    assert_eq!(implicit.usage, explicit.usage);
}

/// The wire request of the implicit default, and a small decoded response.
#[tokio::test]
async fn default_request_snapshot() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let request = EmbeddingRequest::new("text-embedding-3-small", "hello").dimensions(4u32);

    let response = Embeddings::new(&http).create(&request).await.unwrap();

    insta::assert_json_snapshot!("embeddings_default_request", only_wire(&server));
    insta::assert_json_snapshot!("embeddings_default_response", response);
}

/// An explicit `base64` is passed through and returned as strings.
#[tokio::test]
async fn explicit_base64_is_returned_as_sent() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let request = EmbeddingRequest::new("text-embedding-3-small", "hello")
        .encoding_format(EncodingFormat::Base64);

    let response = Embeddings::new(&http).create(&request).await.unwrap();
    assert!(matches!(
        response.data[0].embedding,
        EmbeddingVector::Base64(_)
    ));
}

/// Empty `data` with the implicit base64 format is an error.
#[tokio::test]
async fn empty_data_with_implicit_base64_is_an_error() {
    let server = MockServer::start().await;
    server.on("POST", "/v1/embeddings").respond(Reply::json(
        200,
        json!({"object": "list", "data": [], "model": "text-embedding-3-small"}),
    ));
    let http = support::openai(&server);

    let err = Embeddings::new(&http)
        .create(&EmbeddingRequest::new("text-embedding-3-small", "x"))
        .await
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Decode));
    assert_eq!(err.request_id(), Some("req_1"));
    insta::assert_snapshot!("embeddings_empty_data_display", err.to_string());
}

/// `vectors()` gives floats whatever the format, explicit base64 included, with no second
/// error type: the base64 was checked while the response was parsed.
#[tokio::test]
async fn vectors_are_floats_for_every_encoding_format() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let embeddings = Embeddings::new(&http);
    let request = EmbeddingRequest::new("text-embedding-3-small", vec!["alpha", "beta"]);

    let implicit = embeddings.create(&request).await.unwrap();
    let base64 = embeddings
        .create(&request.clone().encoding_format(EncodingFormat::Base64))
        .await
        .unwrap();
    let float = embeddings
        .create(&request.clone().encoding_format(EncodingFormat::Float))
        .await
        .unwrap();
    assert!(matches!(
        base64.data[0].embedding,
        EmbeddingVector::Base64(_)
    ));
    assert_eq!(implicit.vectors(), float.vectors());
    assert_eq!(base64.vectors(), float.vectors());
    assert_eq!(base64.into_vectors()[1].len(), 1536);
}

/// A format given through `extra` is the caller's choice: no second `encoding_format` key, and
/// the vectors are returned as sent.
#[tokio::test]
async fn encoding_format_in_extra_is_not_doubled() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let request = EmbeddingRequest::new("text-embedding-3-small", "alpha")
        .extra("encoding_format", json!("float"));

    let response = Embeddings::new(&http).create(&request).await.unwrap();
    let sent = server.requests();
    let body = sent[0].json.as_ref().unwrap();
    assert_eq!(body["encoding_format"], "float");
    assert_eq!(body.as_object().unwrap().len(), 3, "{body}");
    assert_eq!(response.vectors()[0].len(), 1536);

    let refused = Embeddings::new(&http)
        .create(&EmbeddingRequest::new("m", "x").extra("model", json!("other")))
        .await
        .unwrap_err();
    assert!(matches!(refused.kind(), ErrorKind::InvalidRequest));
}

/// A malformed base64 vector fails the call with a decode error naming the bad field, for the
/// implicit and the explicit format alike.
#[tokio::test]
async fn malformed_base64_vector_is_a_decode_error() {
    let server = MockServer::start().await;
    server.on("POST", "/v1/embeddings").respond(Reply::json(
        200,
        json!({"object": "list", "model": "m",
               "data": [{"object": "embedding", "index": 0, "embedding": "AAC*Pw=="}]}),
    ));
    let http = support::openai(&server);

    for request in [
        EmbeddingRequest::new("m", "x"),
        EmbeddingRequest::new("m", "x").encoding_format(EncodingFormat::Base64),
    ] {
        let err = Embeddings::new(&http).create(&request).await.unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Decode), "{err}");
        assert!(err.to_string().contains("data[0].embedding"), "{err}");
        let cause = std::error::Error::source(&err).map(ToString::to_string);
        let cause = cause.unwrap_or_default();
        assert!(
            cause.contains("invalid base64 character at offset 3"),
            "{cause}"
        );
    }
}

/// Batching: order kept, indices global, usage summed, at most `batch_size` inputs per call.
#[tokio::test]
async fn batched_embeddings_keep_order_and_sum_usage() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let embeddings = Embeddings::new(&http);
    let texts: Vec<String> = (0..7).map(|i| format!("text number {i}")).collect();
    let template = EmbeddingRequest::new("text-embedding-3-small", "").dimensions(8u32);

    let all = embeddings
        .create_batched(&template, &texts, 3, 2)
        .await
        .unwrap();

    let sent = server.requests();
    assert_eq!(sent.len(), 3);
    let sizes: Vec<usize> = sent
        .iter()
        .map(|r| r.json.as_ref().unwrap()["input"].as_array().unwrap().len())
        .collect();
    let mut sorted = sizes.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, [1, 3, 3]);
    assert_eq!(all.data.len(), 7);
    for (i, item) in all.data.iter().enumerate() {
        assert_eq!(item.index as usize, i);
        let single = embeddings
            .create(
                &EmbeddingRequest::new("text-embedding-3-small", texts[i].as_str())
                    .dimensions(8u32),
            )
            .await
            .unwrap();
        assert_eq!(floats(&item.embedding), floats(&single.data[0].embedding));
    }
    let usage = all.usage.unwrap();
    assert!(usage.prompt_tokens >= 7);
    assert_eq!(usage.prompt_tokens, usage.total_tokens);
    assert!(
        embeddings
            .create_batched(&template, &texts, 0, 1)
            .await
            .is_err()
    );
}

/// Azure: embeddings are deployment-scoped.
#[tokio::test]
async fn azure_embeddings_use_the_deployment_route() {
    let server = MockServer::start().await;
    let http = support::azure(&server);

    Embeddings::new(&http)
        .create(&EmbeddingRequest::new("embed-dep", "hello").dimensions(4u32))
        .await
        .unwrap();

    insta::assert_json_snapshot!("embeddings_azure_request", only_wire(&server));
}
