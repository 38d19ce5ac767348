//! Images (generate, edit, variation; url and b64_json), audio and models.

use base64::Engine as _;
use openai_mock::MockServer;
use serde_json::json;

use crate::support::{client, multipart, openai_get, openai_post, send};

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

#[tokio::test]
async fn url_images_are_served_by_the_mock_as_png() {
    let server = MockServer::start().await;
    let body = openai_post(
        &server,
        "/images/generations",
        json!({"model": "dall-e-2", "prompt": "a red fox", "n": 2}),
    )
    .await
    .json();
    assert!(body["created"].is_u64());
    let data = body["data"].as_array().unwrap();
    assert_eq!(data.len(), 2);
    for item in data {
        let url = item["url"].as_str().unwrap();
        assert!(url.starts_with(&server.url("/v1/mock-files/")), "{url}");
        // Like a signed blob URL: no credentials needed.
        let image = send(&client(), "GET", url, &[], None).await.unwrap();
        assert_eq!(image.status, 200);
        assert_eq!(image.header("content-type"), Some("image/png"));
        assert!(image.body.starts_with(PNG_SIGNATURE));
        assert!(image.body.ends_with(b"IEND\xae\x42\x60\x82"));
    }
    let missing = send(
        &client(),
        "GET",
        &server.url("/v1/mock-files/nope.png"),
        &[],
        None,
    )
    .await
    .unwrap();
    assert_eq!(missing.status, 404);
}

#[tokio::test]
async fn b64_json_images_and_dalle3_revised_prompt() {
    let server = MockServer::start().await;
    let body = openai_post(
        &server,
        "/images/generations",
        json!({"model": "dall-e-3", "prompt": "a lighthouse", "response_format": "b64_json"}),
    )
    .await
    .json();
    let item = &body["data"][0];
    assert_eq!(item["revised_prompt"], "a lighthouse");
    let png = base64::engine::general_purpose::STANDARD
        .decode(item["b64_json"].as_str().unwrap())
        .unwrap();
    assert!(png.starts_with(PNG_SIGNATURE));
    let bad = openai_post(
        &server,
        "/images/generations",
        json!({"prompt": "x", "response_format": "jpeg"}),
    )
    .await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["error"]["param"], "response_format");
}

#[tokio::test]
async fn edits_and_variations_take_multipart_uploads() {
    let server = MockServer::start().await;
    let body = multipart(
        "b0undary",
        &[
            ("prompt", "add a hat"),
            ("n", "2"),
            ("response_format", "b64_json"),
        ],
        Some(("image", "cat.png", PNG_SIGNATURE)),
    );
    let resp = send(
        &client(),
        "POST",
        &format!("{}/images/edits", server.base_url()),
        &[
            ("authorization", "Bearer k"),
            ("content-type", "multipart/form-data; boundary=b0undary"),
        ],
        Some(body),
    )
    .await
    .unwrap();
    assert_eq!(resp.status, 200, "{}", resp.text());
    assert_eq!(resp.json()["data"].as_array().unwrap().len(), 2);
    assert!(resp.json()["data"][0]["b64_json"].is_string());

    let recorded = server.requests().pop().unwrap();
    assert_eq!(
        recorded.part("prompt").unwrap().text.as_deref(),
        Some("add a hat")
    );
    let image = recorded.part("image").unwrap();
    assert_eq!(image.filename.as_deref(), Some("cat.png"));
    assert_eq!(image.size, PNG_SIGNATURE.len());
    assert_eq!(image.text, None);

    let no_image = send(
        &client(),
        "POST",
        &format!("{}/images/variations", server.base_url()),
        &[
            ("authorization", "Bearer k"),
            ("content-type", "multipart/form-data; boundary=xx"),
        ],
        Some(multipart("xx", &[("n", "1")], None)),
    )
    .await
    .unwrap();
    assert_eq!(no_image.status, 400);
    assert_eq!(no_image.json()["error"]["param"], "image");
}

#[tokio::test]
async fn audio_transcription_and_speech() {
    let server = MockServer::start().await;
    let resp = send(
        &client(),
        "POST",
        &format!("{}/audio/transcriptions", server.base_url()),
        &[
            ("authorization", "Bearer k"),
            ("content-type", "multipart/form-data; boundary=zz"),
        ],
        Some(multipart(
            "zz",
            &[("model", "whisper-1")],
            Some(("file", "a.wav", b"RIFF1234")),
        )),
    )
    .await
    .unwrap();
    assert_eq!(resp.status, 200, "{}", resp.text());
    assert_eq!(
        resp.json(),
        json!({
            "text": "Mock transcription of a.wav (8 bytes).",
            "usage": {"type": "duration", "seconds": 3}
        })
    );

    let speech = openai_post(
        &server,
        "/audio/speech",
        json!({"model": "tts-1", "input": "hello", "voice": "alloy", "response_format": "wav"}),
    )
    .await;
    assert_eq!(speech.status, 200);
    assert_eq!(speech.header("content-type"), Some("audio/wav"));
    assert!(speech.body.starts_with(b"RIFF") && &speech.body[8..12] == b"WAVE");
    let declared = u32::from_le_bytes(speech.body[40..44].try_into().unwrap()) as usize;
    assert_eq!(declared + 44, speech.body.len());
}

#[tokio::test]
async fn models_list_and_retrieve() {
    let server = MockServer::start().await;
    let list = openai_get(&server, "/models").await.json();
    assert_eq!(list["object"], "list");
    let ids: Vec<&str> = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"gpt-4o-mini"));
    let one = openai_get(&server, "/models/gpt-4o-mini").await.json();
    assert_eq!(one["object"], "model");
    assert_eq!(one["id"], "gpt-4o-mini");
    let missing = openai_get(&server, "/models/nope").await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json()["error"]["code"], "model_not_found");
}
