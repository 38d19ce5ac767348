//! Embeddings: deterministic unit vectors, `dimensions`, float and base64.

use base64::Engine as _;
use openai_mock::MockServer;
use serde_json::json;

use crate::support::openai_post;

fn floats(value: &serde_json::Value) -> Vec<f32> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap() as f32)
        .collect()
}

#[tokio::test]
async fn vectors_are_unit_length_deterministic_and_per_input() {
    let server = MockServer::start().await;
    let body = openai_post(
        &server,
        "/embeddings",
        json!({"model": "text-embedding-3-small", "input": ["alpha", "beta", "alpha"], "encoding_format": "float"}),
    )
    .await
    .json();
    assert_eq!(body["object"], "list");
    assert_eq!(body["model"], "text-embedding-3-small");
    let data = body["data"].as_array().unwrap();
    assert_eq!(data.len(), 3);
    let vectors: Vec<Vec<f32>> = data.iter().map(|d| floats(&d["embedding"])).collect();
    assert_eq!(vectors[0].len(), 1536);
    assert_eq!(vectors[0], vectors[2]);
    assert_ne!(vectors[0], vectors[1]);
    let norm: f32 = vectors[1].iter().map(|x| x * x).sum::<f32>().sqrt();
    assert!((norm - 1.0).abs() < 1e-3, "{norm}");
    assert_eq!(data[1]["index"], 1);
    assert_eq!(data[1]["object"], "embedding");
    assert_eq!(
        body["usage"],
        json!({"prompt_tokens": 3, "total_tokens": 3})
    );

    // Same text, later request: same vector.
    let again = openai_post(
        &server,
        "/embeddings",
        json!({"model": "text-embedding-3-small", "input": "beta"}),
    )
    .await
    .json();
    assert_eq!(floats(&again["data"][0]["embedding"]), vectors[1]);
}

#[tokio::test]
async fn base64_is_little_endian_f32_of_the_float_vector() {
    let server = MockServer::start().await;
    let float = openai_post(
        &server,
        "/embeddings",
        json!({"model": "m", "input": "x", "dimensions": 8}),
    )
    .await
    .json();
    let b64 = openai_post(
        &server,
        "/embeddings",
        json!({"model": "m", "input": "x", "dimensions": 8, "encoding_format": "base64"}),
    )
    .await
    .json();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64["data"][0]["embedding"].as_str().unwrap())
        .unwrap();
    let decoded: Vec<f32> = bytes
        .chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    assert_eq!(decoded, floats(&float["data"][0]["embedding"]));
    assert_eq!(decoded.len(), 8);
}

#[tokio::test]
async fn dimensions_one_is_a_unit_scalar_like_the_recording() {
    let server = MockServer::start().await;
    let body = openai_post(
        &server,
        "/embeddings",
        json!({"model": "m", "input": "x", "dimensions": 1}),
    )
    .await
    .json();
    let v = floats(&body["data"][0]["embedding"]);
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].abs(), 1.0);
    let large = openai_post(
        &server,
        "/embeddings",
        json!({"model": "text-embedding-3-large", "input": [[1, 2], [3]]}),
    )
    .await
    .json();
    assert_eq!(
        large["data"][0]["embedding"].as_array().unwrap().len(),
        3072
    );
    assert_eq!(large["usage"]["prompt_tokens"], 3);
}
