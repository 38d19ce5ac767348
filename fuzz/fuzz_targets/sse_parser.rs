//! SSE parser under arbitrary bytes and arbitrary split points.
//!
//! Input layout: byte 0 picks the event-size cap, bytes 1..=8 seed the split points, the rest
//! is the stream. Properties: no panic; after draining, the parser holds at most the cap; the
//! outcome (events, then possibly the cap error) is the same for the whole input fed at once
//! and for the split input.
#![no_main]

use bytes::Bytes;
use core_http::sse::{SseError, SseParser};
use libfuzzer_sys::fuzz_target;

type Outcome = Result<(String, String, Option<String>), SseError>;

fn run(chunks: &[&[u8]], cap: usize) -> Vec<Outcome> {
    let mut parser = SseParser::new(cap);
    let mut out = Vec::new();
    for chunk in chunks {
        parser.feed(Bytes::copy_from_slice(chunk));
        while let Some(next) = parser.next_event() {
            match next {
                Ok(e) => out.push(Ok((
                    e.event().to_owned(),
                    e.data().to_owned(),
                    e.id().map(str::to_owned),
                ))),
                Err(err) => {
                    out.push(Err(err));
                    return out;
                }
            }
        }
        assert!(parser.buffered_len() <= cap);
    }
    out
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 9 {
        return;
    }
    let cap = [16usize, 64, 256, 4096, 1 << 20][usize::from(data[0]) % 5];
    let mut seed = u64::from_le_bytes(data[1..9].try_into().unwrap_or([0; 8]));
    let input = &data[9..];
    let whole = run(&[input], cap);
    let mut chunks = Vec::new();
    let mut rest = input;
    while !rest.is_empty() {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let take = 1 + (seed >> 33) as usize % rest.len().clamp(1, 32);
        let (head, tail) = rest.split_at(take.min(rest.len()));
        chunks.push(head);
        rest = tail;
    }
    assert_eq!(run(&chunks, cap), whole);
});
