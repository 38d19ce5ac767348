//! Uploads and moderations: recordings decode without loss; requests serialize as the spec
//! describes; open category maps keep unknown categories.

use openai_types::files::{
    FileExpiresAfter, FileListParams, FileObject, FilePurpose, FileStatus, FileUploadParams,
};
use openai_types::moderations::{
    ModerationInput, ModerationInputPart, ModerationInputType, ModerationRequest,
    ModerationResponse,
};
use openai_types::shared::SortOrder;
use openai_types::uploads::{
    CompleteUploadRequest, CreateUploadRequest, Upload, UploadPart, UploadStatus,
};
use serde_json::json;

use crate::support::{
    assert_round_trip, example_payloads, openai_spec, real_files, spec_response_examples,
    validate_against,
};

#[test]
fn real_uploads_decode_without_loss() {
    let files = real_files("uploads");
    let mut statuses = Vec::new();
    for (name, body) in &files {
        if body["object"] == "upload.part" {
            let part: UploadPart = assert_round_trip(name, body, &[]);
            assert!(part.id.starts_with("part_") && part.upload_id.starts_with("upload_"));
            continue;
        }
        let upload: Upload = assert_round_trip(name, body, &[]);
        assert_eq!(upload.purpose, FilePurpose::FineTune, "{name}");
        assert!(upload.expires_at > upload.created_at, "{name}");
        if upload.status == UploadStatus::Completed {
            let file = upload.file.as_ref().unwrap();
            assert_eq!(file.bytes, upload.bytes);
            assert_eq!(file.status, Some(FileStatus::Processed));
        } else {
            assert!(upload.file.is_none(), "{name}");
        }
        statuses.push(upload.status.as_str().to_owned());
    }
    if !files.is_empty() {
        assert_eq!(files.len(), 5);
        for status in ["pending", "completed", "cancelled"] {
            assert!(statuses.iter().any(|s| s == status), "no {status}");
        }
    }
}

#[test]
fn upload_requests_match_spec() {
    let create = CreateUploadRequest::new("train.jsonl", FilePurpose::FineTune, 8, "text/jsonl")
        .expires_after(FileExpiresAfter::after_creation(7200));
    let complete = CompleteUploadRequest::new(["part_1", "part_2"]).md5("abc");
    let Some(spec) = openai_spec() else {
        return;
    };
    for (schema, value) in [
        (
            "CreateUploadRequest",
            serde_json::to_value(&create).unwrap(),
        ),
        (
            "CompleteUploadRequest",
            serde_json::to_value(&complete).unwrap(),
        ),
    ] {
        validate_against(spec, &format!("#/components/schemas/{schema}"), &value)
            .unwrap_or_else(|e| panic!("{schema}: {e:#?}"));
    }
    let unknown = json!({"id": "upload_1", "object": "upload", "bytes": 1, "created_at": 1,
        "expires_at": 2, "filename": "a", "purpose": "video_input", "status": "verifying"});
    let upload: Upload = assert_round_trip("unknown upload", &unknown, &[]);
    assert_eq!(upload.status.as_str(), "verifying");
    assert_eq!(upload.purpose.as_str(), "video_input");
}

#[test]
fn real_moderations_decode_without_loss() {
    let files = real_files("moderations");
    for (name, body) in &files {
        let response: ModerationResponse = assert_round_trip(name, body, &[]);
        assert!(!response.results.is_empty(), "{name}");
        for result in &response.results {
            let flagged: Vec<&str> = result.categories.flagged().collect();
            assert_eq!(result.flagged, !flagged.is_empty(), "{name}");
            // Every category has a score, and known accessors agree with the map.
            for (category, _) in result.categories.iter() {
                assert!(
                    result.category_scores.get(category).is_some(),
                    "{name}: {category}"
                );
            }
            assert_eq!(
                result.categories.violence(),
                result.categories.get("violence").unwrap()
            );
            assert_eq!(
                result.category_scores.self_harm_intent(),
                result.category_scores.get("self-harm/intent")
            );
            if response.model.starts_with("omni") {
                let applied = result.category_applied_input_types.as_ref().unwrap();
                assert!(applied.violence().is_some(), "{name}");
                assert!(result.category_scores.illicit().is_some(), "{name}");
            }
        }
    }
    if !files.is_empty() {
        assert_eq!(files.len(), 7);
        let flagged = files
            .iter()
            .filter(|(_, b)| {
                serde_json::from_value::<ModerationResponse>(b.clone())
                    .unwrap()
                    .any_flagged()
            })
            .count();
        assert!(flagged >= 3);
    }
}

#[test]
fn real_image_moderation_reports_image_input_types() {
    let Some((name, body)) = real_files("moderations")
        .into_iter()
        .find(|(n, _)| n.contains("image-input"))
    else {
        return;
    };
    let response: ModerationResponse = serde_json::from_value(body).unwrap();
    let applied = response.results[0]
        .category_applied_input_types
        .as_ref()
        .unwrap();
    assert_eq!(
        applied.sexual(),
        Some(&[ModerationInputType::Image][..]),
        "{name}"
    );
    assert_eq!(applied.hate(), Some(&[][..]));
    let (top, score) = response.results[0].category_scores.max().unwrap();
    assert_eq!(top, "violence");
    assert!(score > 0.0);
}

#[test]
fn spec_moderation_examples_decode() {
    let Some(spec) = openai_spec() else {
        return;
    };
    let examples = spec_response_examples(spec, "createModeration");
    assert!(examples.len() >= 2);
    for (label, text) in examples {
        for payload in example_payloads(&text) {
            let value = payload.unwrap_or_else(|e| panic!("{label}: {e}"));
            let response: ModerationResponse = assert_round_trip(&label, &value, &[]);
            assert!(response.any_flagged(), "{label}");
        }
    }
}

#[test]
fn moderation_requests_match_spec() {
    let requests = [
        ModerationRequest::new("one text"),
        ModerationRequest::new(["a", "b"]).model("omni-moderation-latest"),
        ModerationRequest::new(vec![
            ModerationInputPart::text("caption"),
            ModerationInputPart::image_url("data:image/png;base64,iVBORw0KGgoAAAANSUhEUg=="),
            ModerationInputPart::image_url("https://example.com/cat.png"),
        ]),
    ];
    for request in &requests {
        let value = serde_json::to_value(request).unwrap();
        if let Some(spec) = openai_spec() {
            validate_against(spec, "#/components/schemas/CreateModerationRequest", &value)
                .unwrap_or_else(|e| panic!("{value}: {e:#?}"));
        }
        let back: ModerationRequest = serde_json::from_value(value).unwrap();
        assert_eq!(&back, request);
    }
    assert!(matches!(requests[0].input, ModerationInput::Text(_)));
    assert!(matches!(requests[1].input, ModerationInput::Texts(_)));
    assert!(matches!(requests[2].input, ModerationInput::Parts(_)));
}

#[test]
fn unknown_moderation_values_round_trip() {
    let raw = json!({
        "id": "modr-1", "model": "omni-moderation-2099",
        "results": [{
            "flagged": true,
            "categories": {"violence": false, "illicit": null, "deception": true},
            "category_scores": {"violence": 0.1, "deception": 0.97},
            "category_applied_input_types": {"violence": ["text"], "deception": ["text", "audio"]}
        }]
    });
    let response: ModerationResponse = assert_round_trip("unknown categories", &raw, &[]);
    let result = &response.results[0];
    assert_eq!(
        result.categories.flagged().collect::<Vec<_>>(),
        ["deception"]
    );
    assert_eq!(result.categories.get("illicit"), None);
    assert!(!result.categories.illicit());
    assert_eq!(result.category_scores.get("deception"), Some(0.97));
    let types = result.category_applied_input_types.as_ref().unwrap();
    assert_eq!(types.get("deception").unwrap()[1].as_str(), "audio");

    let part_raw =
        json!([{"type": "text", "text": "a"}, {"type": "audio_url", "audio_url": {"url": "x"}}]);
    let input: ModerationInput = assert_round_trip("unknown part", &part_raw, &[]);
    let ModerationInput::Parts(parts) = input else {
        panic!("not parts");
    };
    assert!(matches!(parts[1], ModerationInputPart::Unknown(_)));
    assert_eq!(parts[1].kind(), "audio_url");
}

#[test]
fn file_purposes_params_and_object_fields() {
    for purpose in [
        "assistants",
        "assistants_output",
        "batch",
        "batch_output",
        "fine-tune",
        "fine-tune-results",
        "vision",
        "user_data",
        "evals",
    ] {
        let parsed = FilePurpose::from(purpose);
        assert!(!matches!(parsed, FilePurpose::Unknown(_)), "{purpose}");
        assert_eq!(parsed.as_str(), purpose);
    }
    let params = FileUploadParams::new(FilePurpose::Batch)
        .expires_after(FileExpiresAfter::after_creation(86_400));
    assert_eq!(
        params.form_fields(),
        vec![
            ("purpose".to_owned(), "batch".to_owned()),
            ("expires_after[anchor]".to_owned(), "created_at".to_owned()),
            ("expires_after[seconds]".to_owned(), "86400".to_owned()),
        ]
    );
    let query = FileListParams::new()
        .purpose(FilePurpose::UserData)
        .order(SortOrder::Asc)
        .limit(100)
        .after("file-1")
        .to_query();
    assert_eq!(
        query,
        vec![
            ("purpose", "user_data".to_owned()),
            ("limit", "100".to_owned()),
            ("order", "asc".to_owned()),
            ("after", "file-1".to_owned()),
        ]
    );
    let raw = json!({"id": "file-1", "object": "file", "bytes": 10, "created_at": 1,
        "expires_at": 3601, "filename": "in.jsonl", "purpose": "batch", "status": "error",
        "status_details": "line 3 is not JSON"});
    let file: FileObject = assert_round_trip("file fields", &raw, &[]);
    assert_eq!(file.expires_at, Some(3601));
    assert_eq!(file.status, Some(FileStatus::Error));
    assert_eq!(file.status_details.as_deref(), Some("line 3 is not JSON"));
}

#[test]
fn spec_upload_examples_decode() {
    let Some(spec) = openai_spec() else {
        return;
    };
    for operation in [
        "createUpload",
        "cancelUpload",
        "completeUpload",
        "addUploadPart",
    ] {
        let examples = spec_response_examples(spec, operation);
        assert!(!examples.is_empty(), "{operation}");
        for (label, text) in examples {
            for payload in example_payloads(&text) {
                let value = payload.unwrap_or_else(|e| panic!("{label}: {e}"));
                if operation == "addUploadPart" {
                    let _: UploadPart = assert_round_trip(&label, &value, &[]);
                } else {
                    let _: Upload = assert_round_trip(&label, &value, &[]);
                }
            }
        }
    }
}

/// The file objects recorded with the Assistants APIs (OpenAI and Azure) decode without loss.
#[test]
fn real_file_objects_decode_without_loss() {
    let files = crate::support::real_files("assistants");
    let mut seen = 0;
    for (name, body) in &files {
        // Azure answers a file deletion with `object: "file"` and `deleted: true`.
        if body["object"] == "file" && body.get("deleted").is_none() {
            let file: FileObject = assert_round_trip(name, body, &[]);
            assert!(file.bytes > 0, "{name}");
            seen += 1;
        }
    }
    if !files.is_empty() {
        assert!(seen >= 2, "{seen}");
    }
}
