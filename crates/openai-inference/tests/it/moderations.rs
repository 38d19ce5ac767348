//! Moderations: text, text lists and multimodal input, OpenAI and Azure (resource-scoped), and
//! every recorded response of the real service.

use openai_inference::Moderations;
use openai_mock::{MockServer, Reply};
use openai_types::moderations::{ModerationInputPart, ModerationInputType, ModerationRequest};
use serde_json::Value;

use crate::support::{self, wire};

fn requests() -> [ModerationRequest; 3] {
    [
        ModerationRequest::new("I will attack them").model("omni-moderation-latest"),
        ModerationRequest::new(vec!["a calm day", "you idiot"]),
        ModerationRequest::new(vec![
            ModerationInputPart::text("look"),
            ModerationInputPart::image_url("data:image/png;base64,iVBORw0KGgo="),
        ])
        .model("omni-moderation-latest"),
    ]
}

#[tokio::test]
async fn text_lists_and_images_on_openai_and_azure() {
    for (name, azure) in [("openai", false), ("azure", true)] {
        let server = MockServer::start().await;
        let http = if azure {
            support::azure_fixed(&server, "gpt-4o-prod")
        } else {
            support::openai(&server)
        };
        let moderations = Moderations::new(&http);
        let [text, list, image] = requests();

        let one = moderations.create(&text).await.unwrap();
        assert!(one.any_flagged());
        assert_eq!(one.results[0].categories.get("violence"), Some(true));
        let many = moderations.create(&list).await.unwrap();
        assert_eq!(many.results.len(), 2);
        assert!(!many.results[0].flagged);
        assert_eq!(many.results[1].categories.get("harassment"), Some(true));
        let (mixed, meta) = moderations.create(&image).with_response().await.unwrap();
        assert!(meta.request_id.is_some());
        let applied = mixed.results[0]
            .category_applied_input_types
            .as_ref()
            .and_then(|t| t.get("violence").map(<[_]>::to_vec))
            .unwrap_or_default();
        assert!(applied.contains(&ModerationInputType::Image), "{applied:?}");

        let sent: Vec<Value> = server.requests().iter().map(wire).collect();
        for request in server.requests() {
            assert!(!request.path.contains("/deployments/"), "{}", request.path);
            assert_eq!(request.header("openai-beta"), None);
        }
        insta::assert_json_snapshot!(format!("moderations_{name}_requests"), sent);
        insta::assert_json_snapshot!(format!("moderations_{name}_response"), one);
    }
}

/// Every recorded moderation response decodes through the client.
#[tokio::test]
async fn recordings_decode_through_the_client() {
    let dir = std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/testdata/real/moderations"
    ));
    if !dir.is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{} is missing",
            dir.display()
        );
        eprintln!("NOTICE: {} not found; skipping", dir.display());
        return;
    }
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let recording: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let server = MockServer::start().await;
        server.on("POST", "/v1/moderations").respond(Reply::json(
            recording["status"].as_u64().unwrap() as u16,
            recording["body"].clone(),
        ));
        let http = support::openai(&server);
        let response = Moderations::new(&http)
            .create(&ModerationRequest::new("x"))
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(
            response.results.len(),
            recording["body"]["results"].as_array().unwrap().len(),
            "{}",
            path.display()
        );
        checked += 1;
    }
    assert!(checked >= 7, "{checked}");
}
