//! Images: generation (url and b64_json), edits and variations (multipart), Azure routes.

use openai_inference::{Images, UploadSource};
use openai_mock::MockServer;
use openai_types::images::{
    ImageEditParams, ImageGenerationRequest, ImageResponseFormat, ImageSize, ImageVariationParams,
};

use crate::support::{self, only_wire, wire};

/// Eight bytes that start every PNG; the mock only needs a named file part.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";

#[tokio::test]
async fn generate_url_and_b64_json() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let images = Images::new(&http);
    let request = ImageGenerationRequest::new("a lighthouse at dawn")
        .model("dall-e-3")
        .size(ImageSize::S1024x1024);

    let by_url = images.generate(&request).await.unwrap();
    let inline = images
        .generate(
            &request
                .clone()
                .response_format(ImageResponseFormat::B64Json),
        )
        .await
        .unwrap();

    assert!(by_url.data[0].url.is_some());
    assert!(inline.data[0].b64_json.is_some());
    let sent: Vec<_> = server.requests().iter().map(wire).collect();
    insta::assert_json_snapshot!("images_generate_requests", sent);
    // The URL points at the mock's ephemeral port.
    let text = serde_json::to_string(&by_url)
        .unwrap()
        .replace(&server.base_url(), "http://MOCK/v1");
    let by_url: serde_json::Value = serde_json::from_str(&text).unwrap();
    insta::assert_json_snapshot!("images_generate_url_response", by_url);
}

/// Edits send a multipart form: text fields, then the image (and mask) file parts.
#[tokio::test]
async fn edit_sends_multipart_parts() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let params = ImageEditParams::new("add a red hat")
        .model("gpt-image-1")
        .n(1u32);

    let edited = Images::new(&http)
        .edit(
            [UploadSource::bytes(PNG).file_name("cat.png")],
            Some(UploadSource::bytes(PNG).file_name("mask.png")),
            &params,
        )
        .await
        .unwrap();

    assert_eq!(edited.data.len(), 1);
    insta::assert_json_snapshot!("images_edit_request", only_wire(&server));
}

/// Several images go out as `image[]`; a file on disk is streamed.
#[tokio::test]
async fn edit_with_several_images_from_disk() {
    let dir = std::env::temp_dir().join(format!("openai-inference-it-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("room.png");
    std::fs::write(&path, PNG).unwrap();
    let server = MockServer::start().await;
    let http = support::openai(&server);

    Images::new(&http)
        .edit(
            [
                UploadSource::path(&path),
                UploadSource::bytes(PNG).file_name("lamp.png"),
            ],
            None,
            &ImageEditParams::new("combine").model("gpt-image-1"),
        )
        .await
        .unwrap();

    let sent = &server.requests()[0];
    let names: Vec<&str> = sent.parts.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names.iter().filter(|n| **n == "image[]").count(),
        2,
        "{names:?}"
    );
    assert_eq!(
        sent.parts
            .iter()
            .find(|p| p.name == "image[]")
            .unwrap()
            .filename
            .as_deref(),
        Some("room.png")
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test]
async fn edit_needs_an_image_and_a_readable_file() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let images = Images::new(&http);
    let params = ImageEditParams::new("x");
    assert!(images.edit([], None, &params).await.is_err());
    let missing = UploadSource::path("/nonexistent/openai-inference/missing.png");
    assert!(images.edit([missing], None, &params).await.is_err());
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn create_variation_sends_the_image() {
    let server = MockServer::start().await;
    let http = support::openai(&server);

    let varied = Images::new(&http)
        .create_variation(
            UploadSource::bytes(PNG).file_name("cat.png"),
            &ImageVariationParams::new()
                .n(2u32)
                .size(ImageSize::S256x256),
        )
        .await
        .unwrap();

    assert_eq!(varied.data.len(), 2);
    insta::assert_json_snapshot!("images_variation_request", only_wire(&server));
}

/// Azure: generations are deployment-scoped and carry content filter results.
#[tokio::test]
async fn azure_generate_uses_the_deployment_route() {
    let server = MockServer::start().await;
    let http = support::azure(&server);

    let images = Images::new(&http)
        .generate(&ImageGenerationRequest::new("a cat").model("dalle3-dep"))
        .await
        .unwrap();

    let sent = &server.requests()[0];
    assert_eq!(
        sent.path,
        "/openai/deployments/dalle3-dep/images/generations"
    );
    assert_eq!(sent.query_value("api-version"), Some(support::API_VERSION));
    assert!(!images.data.is_empty());
}
