//! Every response example of the OpenAI spec for chat, completions, embeddings, images and
//! models decodes and re-serializes to the same JSON, apart from the fields listed as unmodeled.

use openai_types::chat::{ChatCompletion, ChatCompletionAccumulator, ChatCompletionChunk};
use openai_types::completions::Completion;
use openai_types::embeddings::EmbeddingResponse;
use openai_types::images::ImagesResponse;
use openai_types::models::{Model, ModelDeleted, ModelList};
use serde_json::Value;

use crate::support::{assert_round_trip, example_payloads, openai_spec, spec_response_examples};

/// Examples that are not JSON even after repairing trailing commas, or describe something this
/// release does not model. Each is named so nothing is skipped silently.
const NOT_DECODABLE: &[(&str, &str)] = &[
    (
        "createCompletion#1 Streaming",
        "hand-written, missing a comma after \"model\"",
    ),
    (
        "createEmbedding#0 default",
        "elides the vector with `....` inside the array",
    ),
    (
        "createImage#1 Streaming",
        "image streaming events are not modeled in this release",
    ),
    (
        "createImageEdit#1 Streaming",
        "image streaming events are not modeled in this release",
    ),
];

fn check_operation(operation: &str, decode: &dyn Fn(&str, &Value)) -> usize {
    let Some(spec) = openai_spec() else { return 0 };
    let examples = spec_response_examples(spec, operation);
    assert!(!examples.is_empty(), "no examples for {operation}");
    let mut decoded = 0;
    for (label, text) in examples {
        if let Some((_, why)) = NOT_DECODABLE.iter().find(|(l, _)| *l == label) {
            eprintln!("not decoded: {label}: {why}");
            continue;
        }
        if text.trim() == "null" {
            continue;
        }
        for payload in example_payloads(&text) {
            let value = payload.unwrap_or_else(|e| panic!("{label}: not JSON: {e}"));
            decode(&label, &value);
            decoded += 1;
        }
    }
    decoded
}

#[test]
fn chat_completion_examples_round_trip() {
    let mut stream = ChatCompletionAccumulator::new();
    let n = check_operation("createChatCompletion", &|label, value| {
        if value["object"] == "chat.completion.chunk" {
            let _: ChatCompletionChunk = assert_round_trip(label, value, &[]);
        } else {
            let completion: ChatCompletion = assert_round_trip(label, value, &[]);
            assert!(!completion.choices.is_empty(), "{label}");
        }
    });
    if openai_spec().is_some() {
        assert!(n >= 6, "only {n} chat payloads decoded");
    }
    // The streaming example also folds into a completion.
    if let Some(spec) = openai_spec() {
        for (label, text) in spec_response_examples(spec, "createChatCompletion") {
            if !label.contains("Streaming") {
                continue;
            }
            for payload in example_payloads(&text) {
                let chunk: ChatCompletionChunk = serde_json::from_value(payload.unwrap()).unwrap();
                stream.push(&chunk);
            }
        }
        let completion = stream.finish().unwrap();
        assert_eq!(completion.first_content(), Some("Hello"));
    }
}

#[test]
fn legacy_completion_examples_round_trip() {
    check_operation("createCompletion", &|label, value| {
        let _: Completion = assert_round_trip(label, value, &[]);
    });
}

#[test]
fn embedding_examples_round_trip() {
    // The only example elides its vector; the decoder is covered by the real recordings.
    check_operation("createEmbedding", &|label, value| {
        let _: EmbeddingResponse = assert_round_trip(label, value, &[]);
    });
}

#[test]
fn image_examples_round_trip() {
    for operation in ["createImage", "createImageEdit", "createImageVariation"] {
        check_operation(operation, &|label, value| {
            let _: ImagesResponse = assert_round_trip(label, value, &[]);
        });
    }
}

#[test]
fn model_examples_round_trip() {
    let n = check_operation("listModels", &|label, value| {
        let list: ModelList = assert_round_trip(label, value, &[]);
        assert_eq!(list.data.len(), 3);
    }) + check_operation("retrieveModel", &|label, value| {
        let _: Model = assert_round_trip(label, value, &[]);
    }) + check_operation("deleteModel", &|label, value| {
        let deleted: ModelDeleted = assert_round_trip(label, value, &[]);
        assert!(deleted.deleted);
    });
    if openai_spec().is_some() {
        assert_eq!(n, 3);
    }
}
