//! Batches: recordings decode without loss; JSONL input lines are stable; output lines decode
//! into typed bodies; malformed output lines name their line number.

use openai_types::batches::{
    Batch, BatchEndpoint, BatchInputLine, BatchListParams, BatchStatus, CreateBatchRequest,
    parse_batch_output, parse_batch_output_line,
};
use openai_types::chat::{ChatCompletion, ChatCompletionRequest, ChatMessage};
use openai_types::embeddings::EmbeddingRequest;
use openai_types::files::FileExpiresAfter;
use openai_types::moderations::ModerationRequest;
use openai_types::shared::{ErrorResponse, ListPage};
use serde_json::json;

use crate::support::{
    assert_round_trip, example_payloads, openai_spec, real_records, spec_response_examples,
    validate_against,
};

#[test]
fn real_batches_decode_without_loss() {
    let records = real_records("batches");
    let mut lists = 0;
    let mut statuses = std::collections::BTreeSet::new();
    for (name, record) in &records {
        let body = &record["body"];
        if body["object"] == "list" {
            let page: ListPage<Batch> = assert_round_trip(name, body, &[]);
            assert!(!page.data.is_empty(), "{name}");
            if page.has_more == Some(true) {
                let next = BatchListParams::new()
                    .limit(2)
                    .next_page(page.next_cursor().unwrap());
                assert_eq!(next.to_query()[0].1, page.data.last().unwrap().id);
            }
            for batch in &page.data {
                statuses.insert(batch.status.as_str().to_owned());
            }
            lists += 1;
        } else {
            let batch: Batch = assert_round_trip(name, body, &[]);
            assert_eq!(batch.endpoint, BatchEndpoint::ChatCompletions, "{name}");
            assert!(!matches!(batch.status, BatchStatus::Unknown(_)), "{name}");
            if let Some(usage) = &batch.usage {
                assert_eq!(
                    usage.input_tokens_details.as_ref().unwrap().cached_tokens,
                    0
                );
            }
            statuses.insert(batch.status.as_str().to_owned());
        }
    }
    if !records.is_empty() {
        assert!(records.len() >= 7);
        assert_eq!(lists, 2);
        for status in [
            "validating",
            "in_progress",
            "completed",
            "cancelling",
            "cancelled",
        ] {
            assert!(statuses.contains(status), "no {status} batch: {statuses:?}");
        }
    }
}

#[test]
fn spec_batch_examples_decode() {
    let Some(spec) = openai_spec() else {
        return;
    };
    for operation in ["createBatch", "retrieveBatch", "cancelBatch"] {
        for (label, text) in spec_response_examples(spec, operation) {
            for payload in example_payloads(&text) {
                let value = payload.unwrap_or_else(|e| panic!("{label}: {e}"));
                let _: Batch = assert_round_trip(&label, &value, &[]);
            }
        }
    }
}

#[test]
fn create_request_matches_spec() {
    let request = CreateBatchRequest::new("file-abc", BatchEndpoint::Responses)
        .metadata([("job", "nightly")])
        .output_expires_after(FileExpiresAfter::after_creation(86_400));
    let value = serde_json::to_value(&request).unwrap();
    assert_eq!(
        value,
        json!({
            "input_file_id": "file-abc", "endpoint": "/v1/responses", "completion_window": "24h",
            "metadata": {"job": "nightly"},
            "output_expires_after": {"anchor": "created_at", "seconds": 86400}
        })
    );
    if let Some(spec) = openai_spec() {
        validate_against(spec, "#/components/schemas/CreateBatchRequest", &value)
            .unwrap_or_else(|e| panic!("{e:#?}"));
    }
}

#[test]
fn batch_input_lines_snapshot() {
    let chat = ChatCompletionRequest::new(
        "gpt-4o-mini",
        [
            ChatMessage::system("You are terse."),
            ChatMessage::user("Capital of France?"),
        ],
    )
    .max_completion_tokens(20u32);
    let embedding = EmbeddingRequest::new("text-embedding-3-small", ["a", "b"]);
    let moderation = ModerationRequest::new("some text");
    let raw = json!({"model": "gpt-4.1", "input": "Hi"});
    let mut jsonl = String::new();
    jsonl.push_str(
        &BatchInputLine::new("chat-1", BatchEndpoint::ChatCompletions, &chat)
            .to_jsonl_line()
            .unwrap(),
    );
    jsonl.push_str(
        &BatchInputLine::new("emb-1", BatchEndpoint::Embeddings, &embedding)
            .to_jsonl_line()
            .unwrap(),
    );
    jsonl.push_str(
        &BatchInputLine::new("mod-1", BatchEndpoint::Moderations, &moderation)
            .to_jsonl_line()
            .unwrap(),
    );
    jsonl.push_str(
        &BatchInputLine::new("resp-1", BatchEndpoint::from("/v1/responses"), &raw)
            .to_jsonl_line()
            .unwrap(),
    );
    // One JSON object per line, each terminated by a newline.
    assert!(jsonl.ends_with('\n'));
    for line in jsonl.lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(value["method"], "POST");
    }
    insta::assert_snapshot!("batch_input_lines", jsonl);
}

const CHAT_LINE: &str = r#"{"id":"batch_req_1","custom_id":"chat-1","response":{"status_code":200,"request_id":"req_1","body":{"id":"chatcmpl-1","object":"chat.completion","created":1711652795,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"message":{"role":"assistant","content":"Paris."},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":22,"completion_tokens":2,"total_tokens":24},"system_fingerprint":"fp_1"}},"error":null}"#;

#[test]
fn output_lines_decode_into_typed_bodies() {
    let line = parse_batch_output_line(1, CHAT_LINE).unwrap();
    assert_eq!(line.custom_id, "chat-1");
    assert!(line.is_success());
    let completion: ChatCompletion = line.decode_body().unwrap().unwrap();
    assert_eq!(completion.first_content(), Some("Paris."));
    // Decoding into the wrong type is an error, not a panic.
    assert!(line.decode_body::<ErrorResponse>().unwrap().is_err());

    let failed = parse_batch_output_line(
        2,
        r#"{"id":"batch_req_2","custom_id":"chat-2","response":{"status_code":400,"request_id":"req_2","body":{"error":{"message":"bad","type":"invalid_request_error","param":null,"code":null}}},"error":null}"#,
    )
    .unwrap();
    assert!(!failed.is_success());
    let error: ErrorResponse = failed.decode_body().unwrap().unwrap();
    assert_eq!(error.error.message, "bad");

    let expired = parse_batch_output_line(
        3,
        r#"{"id":"batch_req_3","custom_id":"chat-3","response":null,"error":{"code":"batch_expired","message":"This request could not be executed before the completion window expired."}}"#,
    )
    .unwrap();
    assert!(!expired.is_success());
    assert!(expired.decode_body::<ChatCompletion>().is_none());
    assert_eq!(
        expired.error.as_ref().unwrap().code.as_deref(),
        Some("batch_expired")
    );
    // Output lines round-trip (for mock servers and re-writing files).
    let value: serde_json::Value = serde_json::from_str(CHAT_LINE).unwrap();
    let _: openai_types::batches::BatchOutputLine = assert_round_trip("chat line", &value, &[]);
}

#[test]
fn malformed_output_lines_name_their_line_number() {
    let text = [
        CHAT_LINE,
        "{\"id\": \"batch_req_2\", \"custom_id\": ",
        "",
        "[1, 2, 3]",
        CHAT_LINE,
        "{\"id\":\"x\",\"custom_id\":\"y\",\"response\":{\"status_code\":\"two hundred\"}}",
        "not json at all",
        "\u{0}\u{1}",
        "{\"custom_id\":5}",
    ]
    .join("\n");
    let results: Vec<_> = parse_batch_output(&text).collect();
    assert_eq!(results.len(), 8, "the blank line is skipped");
    let failed: Vec<usize> = results
        .iter()
        .filter_map(|r| r.as_ref().err().map(|e| e.line_number))
        .collect();
    assert_eq!(failed, [2, 4, 6, 7, 8, 9]);
    for error in results.iter().filter_map(|r| r.as_ref().err()) {
        let message = error.to_string();
        assert!(
            message.starts_with(&format!("batch output line {}: ", error.line_number)),
            "{message}"
        );
        assert!(std::error::Error::source(error).is_some());
    }
    assert_eq!(
        results
            .iter()
            .filter_map(|r| r.as_ref().ok())
            .map(|l| l.custom_id.as_str())
            .collect::<Vec<_>>(),
        ["chat-1", "chat-1"]
    );
    // Windows line endings are accepted.
    assert!(parse_batch_output_line(1, &format!("{CHAT_LINE}\r\n")).is_ok());
    let err = parse_batch_output_line(42, "").unwrap_err();
    assert_eq!(err.line_number, 42);
}

#[test]
fn unknown_batch_values_round_trip() {
    let raw = json!({
        "id": "batch_1", "object": "batch", "endpoint": "/v1/audio/transcriptions",
        "input_file_id": "file-1", "completion_window": "1h", "status": "paused",
        "created_at": 1, "request_counts": {"total": 1, "completed": 0, "failed": 0},
        "errors": {"object": "list", "data": [{"code": "invalid_json_line", "message": "bad", "param": null, "line": 3}]}
    });
    let batch: Batch = assert_round_trip("unknown batch values", &raw, &[]);
    assert_eq!(batch.endpoint.as_str(), "/v1/audio/transcriptions");
    assert_eq!(batch.completion_window.as_str(), "1h");
    assert_eq!(batch.status.as_str(), "paused");
    assert!(!batch.status.is_terminal());
    assert_eq!(batch.errors.unwrap().data[0].line, Some(3));
    assert!(BatchStatus::Expired.is_terminal());
}
