//! Chat chunk decoding and accumulation under arbitrary bytes.
//!
//! The input is split on `\n` into SSE data payloads, each decoded as a `ChatCompletionChunk`
//! (the decoder the stream uses) and pushed into a `ChatCompletionAccumulator`. Properties:
//! no panic in decoding, accumulation, `snapshot` or `finish`, and error `Display` never
//! panics either.
#![no_main]

use libfuzzer_sys::fuzz_target;
use openai_types::chat::{ChatCompletionAccumulator, ChatCompletionChunk};

fuzz_target!(|data: &[u8]| {
    let mut acc = ChatCompletionAccumulator::new();
    for payload in data.split(|b| *b == b'\n') {
        match core_http::decode_json::<ChatCompletionChunk>(payload, Some("req_fuzz")) {
            Ok(chunk) => {
                acc.push(&chunk);
                let _ = acc.snapshot();
            }
            Err(err) => {
                let _ = err.to_string();
            }
        }
    }
    if let Err(err) = acc.finish() {
        let _ = err.to_string();
    }
});
