//! Every recorded real response of the inference APIs decodes, and re-serializes without
//! losing anything the types model (fields we do not model are listed per test).

use openai_types::chat::{
    ChatCompletion, ChatCompletionAccumulator, ChatCompletionChunk, FinishReason,
};
use openai_types::completions::{Completion, CompletionAccumulator};
use openai_types::embeddings::{
    EmbeddingResponse, EmbeddingVector, decode_base64_embedding, encode_base64_embedding,
};
use openai_types::images::{AzureImageOperation, AzureOperationStatus, ImagesResponse};
use openai_types::shared::{ContentFilterSeverity, ErrorResponse, InnerErrorCode};

use crate::support::{assert_round_trip, real_files, real_sse, sse_data};

/// `finish_details` is the 2023 vision-preview predecessor of `finish_reason`.
const CHAT_UNMODELED: &[&str] = &["choices[].finish_details"];
/// `latency_checkpoint` is Azure timing telemetry on stream chunks.
/// `obfuscation` is random padding, skipped on purpose (no allocation per streamed chunk).
const CHUNK_UNMODELED: &[&str] = &["latency_checkpoint", "obfuscation"];

#[test]
fn real_chat_completions_decode_without_loss() {
    let files = real_files("chat");
    for (name, body) in &files {
        let completion: ChatCompletion = assert_round_trip(name, body, CHAT_UNMODELED);
        assert!(!completion.choices.is_empty(), "{name}");
    }
    if !files.is_empty() {
        assert!(files.len() >= 23);
    }
}

/// Azure filter chunks and usage-only chunks fold correctly.
#[test]
fn real_chat_streams_decode_and_accumulate() {
    let streams = real_sse("chat_stream");
    for (name, text) in &streams {
        let mut acc = ChatCompletionAccumulator::new();
        let mut last_usage = None;
        for (i, data) in sse_data(text).iter().enumerate() {
            let value: serde_json::Value = serde_json::from_str(data).unwrap();
            let chunk: ChatCompletionChunk =
                assert_round_trip(&format!("{name} chunk {i}"), &value, CHUNK_UNMODELED);
            if chunk.usage.is_some() {
                last_usage.clone_from(&chunk.usage);
            }
            acc.push(&chunk);
        }
        let snapshot = acc.snapshot();
        assert!(!snapshot.id.is_empty(), "{name}: header wiped");
        assert_eq!(snapshot.usage, last_usage.map(|u| *u), "{name}");
        let completion = acc.finish().unwrap_or_else(|e| panic!("{name}: {e}"));
        for choice in &completion.choices {
            assert!(choice.finish_reason.is_some(), "{name}");
        }
        // The folded completion is itself a valid completion body.
        let value = serde_json::to_value(&completion).unwrap();
        let _: ChatCompletion = assert_round_trip(name, &value, &[]);
    }
    if !streams.is_empty() {
        assert!(streams.len() >= 15);
    }
}

#[test]
fn real_parallel_tool_call_stream_rebuilds_both_calls() {
    for (name, text) in real_sse("chat_stream") {
        if !name.contains("parallel-tool-call") {
            continue;
        }
        let mut acc = ChatCompletionAccumulator::new();
        for data in sse_data(&text) {
            acc.push(&serde_json::from_str(&data).unwrap());
        }
        let completion = acc.finish().unwrap();
        let calls = completion.first_tool_calls();
        assert!(calls.len() >= 2, "{name}");
        for call in calls {
            let args = call.as_function().unwrap().arguments.as_str();
            serde_json::from_str::<serde_json::Value>(args)
                .unwrap_or_else(|e| panic!("{name}: arguments {args:?} are not JSON: {e}"));
        }
        assert_eq!(
            completion.first_choice().unwrap().finish_reason,
            Some(FinishReason::ToolCalls)
        );
    }
}

#[test]
fn real_legacy_completions_decode_and_accumulate() {
    for (name, body) in real_files("completions") {
        let _: Completion = assert_round_trip(&name, &body, &[]);
    }
    for (name, text) in real_sse("completions") {
        let mut acc = CompletionAccumulator::new();
        for (i, data) in sse_data(&text).iter().enumerate() {
            let value: serde_json::Value = serde_json::from_str(data).unwrap();
            let chunk: Completion = assert_round_trip(&format!("{name} chunk {i}"), &value, &[]);
            acc.push(&chunk);
        }
        let completion = acc.finish().unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!completion.first_text().unwrap_or("").is_empty(), "{name}");
    }
}

/// Base64 embeddings decode to exactly the floats they encode.
#[test]
fn real_embeddings_decode_base64_exactly() {
    for (name, body) in real_files("embeddings") {
        let response: EmbeddingResponse = assert_round_trip(&name, &body, &[]);
        assert!(!response.data.is_empty(), "{name}");
        for (item, raw) in response.data.iter().zip(body["data"].as_array().unwrap()) {
            let floats = item.embedding.as_f32();
            assert!(!floats.is_empty(), "{name}");
            if let EmbeddingVector::Base64(vector) = &item.embedding {
                // Re-encoding reproduces the service's text byte for byte.
                let text = raw["embedding"].as_str().unwrap();
                assert_eq!(encode_base64_embedding(floats), text, "{name}");
                assert_eq!(vector.to_base64(), text, "{name}");
                assert_eq!(decode_base64_embedding(text).unwrap(), floats);
            }
        }
        assert_eq!(response.vectors().len(), response.data.len());
        let mut decoded = response.clone();
        decoded.decode_base64();
        assert!(
            decoded
                .data
                .iter()
                .all(|d| matches!(d.embedding, EmbeddingVector::Float(_)))
        );
    }
}

#[test]
fn real_images_decode() {
    for (name, body) in real_files("images") {
        if name.starts_with("azure-dalle2-") {
            let op: AzureImageOperation = assert_round_trip(&name, &body, &[]);
            if op.status == AzureOperationStatus::Succeeded {
                let urls = op
                    .result
                    .as_ref()
                    .unwrap()
                    .data
                    .iter()
                    .filter(|d| d.url.is_some())
                    .count();
                assert!(urls > 0, "{name}");
            } else {
                assert!(!op.status.is_terminal(), "{name}");
            }
        } else {
            let response: ImagesResponse = assert_round_trip(&name, &body, &[]);
            assert!(
                response
                    .data
                    .iter()
                    .all(|d| d.url.is_some() || d.b64_json.is_some()),
                "{name}"
            );
        }
    }
}

#[test]
fn real_errors_decode() {
    for (name, body) in real_files("errors") {
        let response: ErrorResponse = assert_round_trip(&name, &body, &[]);
        assert!(!response.error.message.is_empty(), "{name}");
    }
}

/// Azure's content-filter rejection exposes typed categories.
#[test]
fn azure_content_filter_error_is_typed() {
    let Some((name, body)) = real_files("errors")
        .into_iter()
        .find(|(n, _)| n.starts_with("azure-400-content_filter"))
    else {
        return;
    };
    let response: ErrorResponse = serde_json::from_value(body).unwrap();
    let error = &response.error;
    assert!(error.is_content_filter(), "{name}");
    assert_eq!(error.status, Some(400));
    assert_eq!(error.kind, None);
    assert_eq!(
        error.innererror.as_ref().unwrap().code,
        Some(InnerErrorCode::ResponsibleAiPolicyViolation)
    );
    let results = error.content_filter_result().unwrap();
    let violence = results.violence.as_ref().unwrap();
    assert!(violence.filtered);
    assert_eq!(violence.severity, Some(ContentFilterSeverity::Medium));
    assert!(results.any_filtered());
    assert!(!results.hate.as_ref().unwrap().filtered);
}

#[test]
fn azure_error_codes_as_strings_and_numbers() {
    let response: ErrorResponse =
        serde_json::from_str(r#"{"error":{"code":429,"message":"slow down"}}"#).unwrap();
    assert!(response.error.code.as_ref().unwrap().is("429"));
    assert_eq!(
        serde_json::to_string(&response).unwrap(),
        r#"{"error":{"message":"slow down","code":429}}"#
    );
    let response: ErrorResponse =
        serde_json::from_str(r#"{"error":{"code":"429","message":"m"}}"#).unwrap();
    assert!(response.error.code.as_ref().unwrap().is("429"));
}

/// Azure chat completion with per-choice and prompt content filter results, incl. protected
/// material detection.
#[test]
fn azure_chat_completion_content_filter_results_are_typed() {
    let files = real_files("chat");
    let Some((_, body)) = files.iter().find(|(n, _)| n.contains("protected-material")) else {
        return;
    };
    let completion: ChatCompletion = serde_json::from_value(body.clone()).unwrap();
    let prompt = completion.prompt_filter_results.as_ref().unwrap();
    let jailbreak = prompt[0]
        .content_filter_results
        .as_ref()
        .unwrap()
        .jailbreak
        .as_ref()
        .unwrap();
    assert_eq!(jailbreak.detected, Some(false));
    let choice = completion.first_choice().unwrap();
    let results = choice.content_filter_results.as_ref().unwrap();
    assert!(results.protected_material_code.is_some());
    assert!(results.protected_material_text.is_some());
    assert_eq!(
        results.hate.as_ref().unwrap().severity,
        Some(ContentFilterSeverity::Safe)
    );

    let (_, blocked) = files
        .iter()
        .find(|(n, _)| n.contains("no-message"))
        .unwrap();
    let blocked: ChatCompletion = serde_json::from_value(blocked.clone()).unwrap();
    let choice = blocked.first_choice().unwrap();
    assert!(choice.message.is_none());
    assert_eq!(choice.finish_reason, Some(FinishReason::ContentFilter));
    assert!(
        choice
            .content_filter_results
            .as_ref()
            .unwrap()
            .any_filtered()
    );
    assert_eq!(blocked.first_content(), None);
}
