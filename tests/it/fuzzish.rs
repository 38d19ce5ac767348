//! Property tests over server garbage (bad input, server side): arbitrary bytes in
//! arbitrary chunkings through the SSE parser, and arbitrary or mutated JSON through every
//! response decoder. Properties: no panic; the parser's memory stays under its cap; the SSE
//! outcome does not depend on how the bytes were split.
//!
//! Inputs come from the seeded `support::Rng`, so a failure names its seed and reproduces.
//! Case counts are small enough for a debug build in a few seconds; `cargo fuzz` (see
//! docs/reliability.md) runs the same properties for as long as you like.

use bytes::Bytes;
use openai_sdk::http::decode_json;
use openai_sdk::http::{SseError, SseParser};
use openai_sdk::types::assistant_stream::AssistantStreamEvent;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

use crate::support::Rng;

const CASES: u64 = 400;

/// Pieces that make random bytes look like an event stream often enough to reach every
/// branch of the parser.
const SSE_PIECES: &[&[u8]] = &[
    b"data:",
    b"data: ",
    b"event:",
    b"event: error",
    b"id:",
    b"id: 7",
    b"id: a\0b",
    b"retry:",
    b"retry: 15",
    b"retry: x1",
    b":",
    b": keep-alive",
    b"\n",
    b"\r",
    b"\r\n",
    b"\n\n",
    b"\xEF\xBB\xBF",
    b"[DONE]",
    b"{\"a\":1}",
    b"\xFF\xFE",
    b"\xE2\x82",
    b"data",
    b" ",
];

fn sse_input(rng: &mut Rng) -> Vec<u8> {
    let mut out = Vec::new();
    let pieces = rng.below(60);
    for _ in 0..pieces {
        if rng.chance(70) {
            let piece: &&[u8] = rng.pick(SSE_PIECES);
            out.extend_from_slice(piece);
        } else {
            let n = rng.below(40);
            out.extend(rng.bytes(n));
        }
    }
    if rng.chance(10) {
        // A long line without an end, to hit the cap.
        out.extend(std::iter::repeat_n(b'z', 300 + rng.below(300)));
    }
    out
}

/// Splits `input` at random points (possibly into single bytes, possibly not at all).
fn chunkings(rng: &mut Rng, input: &[u8]) -> Vec<Bytes> {
    let mut chunks = Vec::new();
    let mut rest = input;
    while !rest.is_empty() {
        let take = match rng.below(4) {
            0 => 1,
            1 => rest.len(),
            _ => 1 + rng.below(rest.len().min(16)),
        };
        let (head, tail) = rest.split_at(take.min(rest.len()));
        chunks.push(Bytes::copy_from_slice(head));
        rest = tail;
    }
    chunks
}

type Outcome = Result<(String, String, Option<String>), SseError>;

/// Feeds `chunks`, draining after each one; checks the memory bound as it goes.
fn run_parser(chunks: &[Bytes], cap: usize, seed: u64) -> Vec<Outcome> {
    let mut parser = SseParser::new(cap);
    let mut out = Vec::new();
    for chunk in chunks {
        parser.feed(chunk.clone());
        while let Some(next) = parser.next_event() {
            match next {
                Ok(event) => out.push(Ok((
                    event.event().to_owned(),
                    event.data().to_owned(),
                    event.id().map(str::to_owned),
                ))),
                Err(err) => {
                    out.push(Err(err));
                    return out;
                }
            }
        }
        // Drained: what remains is one incomplete event, never more than the cap.
        assert!(
            parser.buffered_len() <= cap,
            "seed {seed}: buffered {} > cap {cap}",
            parser.buffered_len()
        );
    }
    out
}

/// No panic, memory under the cap, same events for every split.
#[test]
fn sse_parser_survives_garbage_in_any_chunking() {
    for seed in 0..CASES {
        let mut rng = Rng::new(seed);
        let input = sse_input(&mut rng);
        let cap = [64usize, 256, 1 << 20][rng.below(3)];
        let whole = run_parser(&[Bytes::from(input.clone())], cap, seed);
        for _ in 0..3 {
            let chunks = chunkings(&mut rng, &input);
            assert_eq!(
                run_parser(&chunks, cap, seed),
                whole,
                "seed {seed}: outcome depends on the chunking"
            );
        }
    }
}

/// Field names of the wire types, so random objects sometimes match real shapes.
const KEYS: &[&str] = &[
    "id",
    "object",
    "created",
    "created_at",
    "model",
    "choices",
    "index",
    "message",
    "delta",
    "content",
    "role",
    "refusal",
    "tool_calls",
    "function",
    "name",
    "arguments",
    "type",
    "finish_reason",
    "logprobs",
    "usage",
    "prompt_tokens",
    "completion_tokens",
    "total_tokens",
    "data",
    "embedding",
    "b64_json",
    "url",
    "revised_prompt",
    "error",
    "code",
    "param",
    "status",
    "text",
    "value",
    "annotations",
    "thread_id",
    "run_id",
    "assistant_id",
    "required_action",
    "submit_tool_outputs",
    "step_details",
    "tools",
    "file_ids",
    "attachments",
    "has_more",
    "first_id",
    "last_id",
    "bytes",
    "filename",
    "purpose",
    "deleted",
    "owned_by",
    "result",
    "content_filter_results",
    "prompt_filter_results",
    "hate",
    "filtered",
    "severity",
    "incomplete_details",
    "last_error",
    "metadata",
    "instructions",
    "file_search",
    "code_interpreter",
    "image_file",
    "file_id",
    "detail",
    "top_logprobs",
    "token",
    "bytes",
];

fn random_value(rng: &mut Rng, depth: usize) -> Value {
    let pick = if depth == 0 {
        rng.below(6)
    } else {
        rng.below(9)
    };
    match pick {
        0 => Value::Null,
        1 => Value::Bool(rng.chance(50)),
        2 => json!(rng.next_u64() as i64),
        3 => json!((rng.next_u64() % 1000) as f64 / 7.0),
        4 => Value::String((*rng.pick(KEYS)).to_owned()),
        5 => {
            let n = rng.below(6);
            Value::String(String::from_utf8_lossy(&rng.bytes(n)).into_owned())
        }
        6 | 7 => {
            let mut map = Map::new();
            for _ in 0..rng.below(6) {
                let key = (*rng.pick(KEYS)).to_owned();
                map.insert(key, random_value(rng, depth - 1));
            }
            Value::Object(map)
        }
        _ => Value::Array(
            (0..rng.below(4))
                .map(|_| random_value(rng, depth - 1))
                .collect(),
        ),
    }
}

/// Replaces one random node of `value` with a random value.
fn mutate(rng: &mut Rng, value: &mut Value) {
    let go_deeper = rng.chance(75);
    match value {
        Value::Object(map) if go_deeper && !map.is_empty() => {
            let key = map.keys().nth(rng.below(map.len())).cloned().unwrap();
            if rng.chance(15) {
                map.remove(&key);
            } else {
                mutate(rng, map.get_mut(&key).unwrap());
            }
        }
        Value::Array(items) if go_deeper && !items.is_empty() => {
            let i = rng.below(items.len());
            mutate(rng, &mut items[i]);
        }
        _ => *value = random_value(rng, 3),
    }
}

/// Valid examples of each response shape, mutated into near-misses.
fn samples() -> Vec<Value> {
    vec![
        json!({"id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "m",
            "choices": [{"index": 0, "finish_reason": "tool_calls", "logprobs": null,
                "message": {"role": "assistant", "content": "hi", "refusal": null,
                    "tool_calls": [{"id": "call_1", "type": "function",
                        "function": {"name": "f", "arguments": "{}"}}]}}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3}}),
        json!({"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1, "model": "m",
            "choices": [{"index": 0, "finish_reason": null,
                "delta": {"role": "assistant", "content": "h",
                    "tool_calls": [{"index": 0, "id": "call_1", "type": "function",
                        "function": {"name": "f", "arguments": "{\"a\""}}]}}]}),
        json!({"id": "cmpl-1", "object": "text_completion", "created": 1, "model": "m",
            "choices": [{"index": 0, "text": "x", "finish_reason": "stop", "logprobs": null}]}),
        json!({"object": "list", "model": "e", "data": [{"object": "embedding", "index": 0,
            "embedding": "AACAPwAAAEA="}], "usage": {"prompt_tokens": 1, "total_tokens": 1}}),
        json!({"created": 1, "data": [{"url": "http://x/y.png", "revised_prompt": "p"}]}),
        json!({"object": "list", "data": [{"id": "gpt", "object": "model", "created": 1,
            "owned_by": "openai"}]}),
        json!({"id": "run_1", "object": "thread.run", "created_at": 1, "thread_id": "t",
            "assistant_id": "a", "status": "requires_action", "model": "m", "instructions": "",
            "tools": [{"type": "function", "function": {"name": "f"}}],
            "required_action": {"type": "submit_tool_outputs", "submit_tool_outputs":
                {"tool_calls": [{"id": "c", "type": "function",
                    "function": {"name": "f", "arguments": "{}"}}]}}}),
        json!({"id": "msg_1", "object": "thread.message", "created_at": 1, "thread_id": "t",
            "role": "assistant", "status": "completed", "attachments": [],
            "content": [{"type": "text", "text": {"value": "v", "annotations": []}}]}),
        json!({"id": "step_1", "object": "thread.run.step", "created_at": 1, "run_id": "r",
            "assistant_id": "a", "thread_id": "t", "type": "tool_calls", "status": "completed",
            "step_details": {"type": "tool_calls", "tool_calls": [{"id": "c", "type":
                "code_interpreter", "code_interpreter": {"input": "1", "outputs": []}}]}}),
        json!({"id": "file-1", "object": "file", "bytes": 3, "created_at": 1,
            "filename": "a.txt", "purpose": "assistants"}),
        json!({"error": {"message": "m", "type": "t", "param": null, "code": "c"}}),
    ]
}

/// Decodes with every response decoder; each must return, never panic.
fn decode_all(bytes: &[u8]) -> usize {
    use openai_sdk::types::{
        assistants, chat, completions, embeddings, files, images, messages, models, run_steps,
        runs, shared, threads,
    };
    fn one<T: DeserializeOwned>(bytes: &[u8]) -> bool {
        match decode_json::<T>(bytes, Some("req_fuzz")) {
            Ok(_) => true,
            Err(err) => {
                // Display and Debug of the error must not panic either.
                let _ = (err.to_string(), format!("{err:?}"));
                false
            }
        }
    }
    let mut ok = 0;
    ok += usize::from(one::<chat::ChatCompletion>(bytes));
    ok += usize::from(one::<chat::ChatCompletionChunk>(bytes));
    ok += usize::from(one::<completions::Completion>(bytes));
    ok += usize::from(one::<embeddings::EmbeddingResponse>(bytes));
    ok += usize::from(one::<images::ImagesResponse>(bytes));
    ok += usize::from(one::<images::AzureImageOperation>(bytes));
    ok += usize::from(one::<models::Model>(bytes));
    ok += usize::from(one::<models::ModelList>(bytes));
    ok += usize::from(one::<models::ModelDeleted>(bytes));
    ok += usize::from(one::<assistants::Assistant>(bytes));
    ok += usize::from(one::<threads::Thread>(bytes));
    ok += usize::from(one::<messages::Message>(bytes));
    ok += usize::from(one::<messages::MessageDelta>(bytes));
    ok += usize::from(one::<runs::Run>(bytes));
    ok += usize::from(one::<run_steps::RunStep>(bytes));
    ok += usize::from(one::<run_steps::RunStepDelta>(bytes));
    ok += usize::from(one::<files::FileObject>(bytes));
    ok += usize::from(one::<shared::DeletionStatus>(bytes));
    ok += usize::from(one::<shared::ErrorResponse>(bytes));
    ok += usize::from(one::<shared::ListPage<messages::Message>>(bytes));
    ok += usize::from(one::<shared::ListPage<runs::Run>>(bytes));
    if let Ok(text) = std::str::from_utf8(bytes) {
        for name in [
            "thread.run.created",
            "thread.message.delta",
            "thread.run.step.delta",
            "error",
            "done",
            "x.unknown",
        ] {
            ok += usize::from(AssistantStreamEvent::from_sse(name, text).is_ok());
        }
    }
    ok
}

/// Arbitrary JSON, mutated valid samples and raw bytes through every decoder: no panic.
/// Decoded chat chunks also go through the accumulator (snapshot and finish).
#[test]
fn every_response_decoder_survives_garbage() {
    let samples = samples();
    let mut decoded = 0;
    for seed in 0..CASES {
        let mut rng = Rng::new(seed ^ 0xDEC0DE);
        // Unmodified samples decode (so the mutated runs start from real shapes).
        let mut value = rng.pick(&samples).clone();
        for _ in 0..1 + rng.below(3) {
            mutate(&mut rng, &mut value);
        }
        let text = value.to_string();
        decoded += decode_all(text.as_bytes());
        decoded += decode_all(random_value(&mut rng, 4).to_string().as_bytes());
        let mut raw = text.into_bytes();
        let cut = rng.below(raw.len() + 1);
        raw.truncate(cut);
        let n = rng.below(8);
        raw.extend(rng.bytes(n));
        decode_all(&raw);

        if let Ok(chunk) =
            decode_json::<openai_sdk::chat::ChatCompletionChunk>(value.to_string().as_bytes(), None)
        {
            let mut acc = openai_sdk::chat::ChatCompletionAccumulator::new();
            acc.push(&chunk);
            acc.push(&chunk);
            let _ = acc.snapshot();
            let _ = acc.finish();
        }
    }
    assert!(decoded > 0, "some mutated inputs still decode");
    for sample in &samples {
        assert!(decode_all(sample.to_string().as_bytes()) > 0, "{sample}");
    }
}
