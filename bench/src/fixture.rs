//! The benchmark's data: scenario sizes, deterministic response content, the bodies the
//! fixture server sends, and the expected content hash every client run is checked against.
//!
//! Everything is derived from small pure generators (token `i` of the stream, float `j` of
//! embedding `i` of variant `v`), so a client can compute the expected hash without holding
//! the bodies in memory, and the server can precompute the exact bytes once at start.
//! Expected hashes come from the *source* strings and floats, never from the encoded bodies:
//! a client that mis-decodes an escape or rounds a float fails.

use std::fmt::Write as _;

use serde_json::json;

/// Distinct response bodies per scenario; request `i` asks for variant `i % VARIANTS`.
pub(crate) const VARIANTS: usize = 8;
/// Inputs per embeddings request.
pub(crate) const EMBED_INPUTS: usize = 16;
/// Floats per embedding (text-embedding-3-small).
pub(crate) const EMBED_DIMS: usize = 1536;
/// Requests in flight in `conc`.
pub(crate) const CONC_IN_FLIGHT: usize = 64;
/// The model name the fixtures report.
pub(crate) const CHAT_MODEL: &str = "gpt-4o-mini-2024-07-18";
/// The embeddings model name the fixtures report.
pub(crate) const EMBED_MODEL: &str = "text-embedding-3-small";
/// The API key every client sends (the server does not check it).
pub(crate) const API_KEY: &str = "sk-bench-0123456789abcdef0123456789abcdef";

/// One benchmark scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scenario {
    /// Sequential non-streaming chat completions on one keep-alive connection.
    Seq,
    /// Non-streaming chat completions, [`CONC_IN_FLIGHT`] in flight.
    Conc,
    /// One streamed chat completion, the server writing 64 KiB chunks.
    Stream64k,
    /// The same stream in 512-byte chunks.
    Stream512,
    /// Embeddings as JSON float arrays.
    EmbedFloat,
    /// Embeddings as base64 (the SDK's default transport).
    EmbedBase64,
    /// One streamed Responses API response (`event:` + `data:` framing), 64 KiB chunks.
    ResponsesStream,
    /// The same stream read with the borrowing `next_ref` (text deltas lent, not copied);
    /// the floor is the same.
    ResponsesStreamRef,
    /// Non-streaming chat completions, [`CONC_IN_FLIGHT`] in flight, over TLS with HTTP/2
    /// negotiated by ALPN: every request multiplexed on one connection.
    TlsConc,
    /// The chat stream of [`Scenario::Stream64k`] over TLS + HTTP/2.
    TlsStream,
    /// A long conversation: a Responses request whose `input` holds [`CONVERSATION_ITEMS`]
    /// messages (~1 MB of JSON), sent again and again on one keep-alive connection.
    Conversation,
}

impl Scenario {
    pub(crate) const ALL: [Scenario; 11] = [
        Scenario::Seq,
        Scenario::Conc,
        Scenario::Stream64k,
        Scenario::Stream512,
        Scenario::EmbedFloat,
        Scenario::EmbedBase64,
        Scenario::ResponsesStream,
        Scenario::ResponsesStreamRef,
        Scenario::TlsConc,
        Scenario::TlsStream,
        Scenario::Conversation,
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Scenario::Seq => "seq",
            Scenario::Conc => "conc",
            Scenario::Stream64k => "stream-64k",
            Scenario::Stream512 => "stream-512",
            Scenario::EmbedFloat => "embed-float",
            Scenario::EmbedBase64 => "embed-base64",
            Scenario::ResponsesStream => "responses-stream",
            Scenario::ResponsesStreamRef => "responses-stream-ref",
            Scenario::TlsConc => "tls-conc",
            Scenario::TlsStream => "tls-stream",
            Scenario::Conversation => "conversation",
        }
    }

    pub(crate) fn parse(name: &str) -> Option<Scenario> {
        Scenario::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Requests of the scenario (`stream`: one).
    pub(crate) fn requests(self, quick: bool) -> usize {
        let full: usize = match self {
            Scenario::Seq => 20_000,
            Scenario::Conc | Scenario::TlsConc => 50_000,
            Scenario::Stream64k
            | Scenario::Stream512
            | Scenario::ResponsesStream
            | Scenario::ResponsesStreamRef
            | Scenario::TlsStream => 1,
            Scenario::Conversation => 2_000,
            Scenario::EmbedFloat => 400,
            Scenario::EmbedBase64 => 1_000,
        };
        if quick { full.div_ceil(10) } else { full }
    }

    /// Whether the scenario talks TLS (HTTP/2 by ALPN) to the server's TLS port.
    pub(crate) fn tls(self) -> bool {
        matches!(self, Scenario::TlsConc | Scenario::TlsStream)
    }

    /// The server's chunk size for streamed bodies.
    pub(crate) fn frame_size(self) -> usize {
        match self {
            Scenario::Stream512 => 512,
            _ => 64 * 1024,
        }
    }
}

/// Content chunks in the streamed completion.
pub(crate) fn stream_chunks(quick: bool) -> usize {
    if quick { 20_000 } else { 200_000 }
}

/// A 64-bit FNV-1a-style hash that folds 8 bytes per step (the clients hash megabytes; a
/// byte-at-a-time hash would dominate the smaller scenarios).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Hash(u64);

const PRIME: u64 = 0x0000_0100_0000_01b3;

impl Default for Hash {
    fn default() -> Self {
        Hash(0xcbf2_9ce4_8422_2325)
    }
}

impl Hash {
    pub(crate) fn u64(&mut self, v: u64) {
        self.0 = (self.0 ^ v).wrapping_mul(PRIME);
    }

    pub(crate) fn bytes(&mut self, b: &[u8]) {
        self.u64(b.len() as u64);
        let mut words = b.chunks_exact(8);
        for w in &mut words {
            let mut a = [0u8; 8];
            a.copy_from_slice(w);
            self.u64(u64::from_le_bytes(a));
        }
        for &byte in words.remainder() {
            self.u64(u64::from(byte));
        }
    }

    pub(crate) fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }

    pub(crate) fn f32s(&mut self, values: &[f32]) {
        self.u64(values.len() as u64);
        for v in values {
            self.u64(u64::from(v.to_bits()));
        }
    }

    pub(crate) fn finish(self) -> u64 {
        self.0
    }
}

/// What a client run produced: responses (or stream content chunks) and the combined hash
/// (a wrapping sum of per-response hashes, so completion order does not matter).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Outcome {
    pub(crate) count: u64,
    pub(crate) hash: u64,
}

impl Outcome {
    pub(crate) fn add(&mut self, response_hash: u64) {
        self.count += 1;
        self.hash = self.hash.wrapping_add(response_hash);
    }

    pub(crate) fn merge(&mut self, other: Outcome) {
        self.count += other.count;
        self.hash = self.hash.wrapping_add(other.hash);
    }
}

/// The outcome a correct client must report for `scenario`, computed from the sources.
pub(crate) fn expected(scenario: Scenario, quick: bool) -> Outcome {
    let n = scenario.requests(quick);
    let per_variant: Vec<u64> = match scenario {
        Scenario::Seq | Scenario::Conc | Scenario::TlsConc => {
            (0..VARIANTS).map(chat_expected).collect()
        }
        Scenario::Conversation => vec![conversation_expected(); VARIANTS],
        Scenario::EmbedFloat | Scenario::EmbedBase64 => (0..VARIANTS).map(embed_expected).collect(),
        Scenario::Stream64k | Scenario::Stream512 | Scenario::TlsStream => {
            let chunks = stream_chunks(quick);
            return Outcome {
                count: chunks as u64,
                hash: stream_expected(chunks),
            };
        }
        Scenario::ResponsesStream | Scenario::ResponsesStreamRef => {
            let chunks = stream_chunks(quick);
            return Outcome {
                count: chunks as u64,
                hash: responses_stream_expected(chunks),
            };
        }
    };
    let mut out = Outcome::default();
    for i in 0..n {
        out.add(per_variant[i % VARIANTS]);
    }
    out
}

/// splitmix64: a tiny, good-enough PRNG step.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Tokens of generated text: ASCII words, JSON escapes (quotes, backslashes, newlines, tabs)
/// and non-ASCII (Latin accents, CJK, emoji), like real model output.
const TOKENS: &[&str] = &[
    " the",
    " model",
    " returns",
    " a",
    " café",
    " naïve",
    " \"quoted\"",
    "\n\n",
    " 東京",
    " 🚀",
    " C:\\path\\to",
    "\tindent",
    " résumé",
    " über",
    ",",
    ".",
    " données",
    " Straße",
    " 1.5×",
    " —",
    " it's",
    " <b>bold</b>",
    " and",
    " of",
    " to",
    " in",
    " is",
    " for",
    " that",
    " with",
    " on",
    " as",
];

/// Token `i` of the streamed completion.
pub(crate) fn stream_token(i: usize) -> &'static str {
    TOKENS[(mix(i as u64) % TOKENS.len() as u64) as usize]
}

/// JSON text of `s` as the service writes it: escapes for quotes, backslashes and control
/// characters, raw UTF-8 for most non-ASCII, but `é` as a `\u00e9` escape (some services
/// and proxies escape non-ASCII), so both decoding paths are exercised.
fn json_string(s: &str) -> String {
    let plain = serde_json::to_string(s).unwrap_or_default();
    plain.replace('é', "\\u00e9")
}

/// The assistant text of chat variant `v` (about 60 tokens).
pub(crate) fn chat_content(v: usize) -> String {
    let mut text = String::new();
    for t in 0..60 {
        text.push_str(TOKENS[(mix((v as u64) << 32 | t) % TOKENS.len() as u64) as usize]);
    }
    text
}

pub(crate) fn chat_id(v: usize) -> String {
    format!("chatcmpl-BENCH{v:02}x7Qm3kLzR2pVt9Yh5Wc1Na")
}

pub(crate) fn chat_total_tokens(v: usize) -> u64 {
    80 + v as u64
}

/// The hash a client must compute for one non-streaming response of variant `v`.
pub(crate) fn chat_expected(v: usize) -> u64 {
    let mut h = Hash::default();
    h.str(&chat_id(v));
    h.str(&chat_content(v));
    h.str("stop");
    h.u64(chat_total_tokens(v));
    h.finish()
}

/// A non-streaming chat completion as the service sends it: pretty-printed JSON.
pub(crate) fn chat_body(v: usize) -> Vec<u8> {
    let total = chat_total_tokens(v);
    let value = json!({
        "id": chat_id(v),
        "object": "chat.completion",
        "created": 1_741_569_952u64 + v as u64,
        "model": CHAT_MODEL,
        "choices": [{
            "index": 0,
            "message": {
                "role": "assistant",
                "content": "@CONTENT@",
                "refusal": null,
                "annotations": []
            },
            "logprobs": null,
            "finish_reason": "stop"
        }],
        "usage": {
            "prompt_tokens": 20,
            "completion_tokens": total - 20,
            "total_tokens": total,
            "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
            "completion_tokens_details": {
                "reasoning_tokens": 0,
                "audio_tokens": 0,
                "accepted_prediction_tokens": 0,
                "rejected_prediction_tokens": 0
            }
        },
        "service_tier": "default",
        "system_fingerprint": "fp_06737a9306"
    });
    let text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.replace("\"@CONTENT@\"", &json_string(&chat_content(v)))
        .into_bytes()
}

/// The id of the streamed completion.
pub(crate) const STREAM_ID: &str = "chatcmpl-BENCHstreamAq8Zk2LmN5pRt7Vw";
const STREAM_USAGE_TOTAL: u64 = 12_345;

/// The hash a client must compute for the stream: every content delta in order, then the
/// finish reason and the usage total.
pub(crate) fn stream_expected(chunks: usize) -> u64 {
    let mut h = Hash::default();
    h.str(STREAM_ID);
    for i in 0..chunks {
        h.str(stream_token(i));
    }
    h.str("stop");
    h.u64(STREAM_USAGE_TOTAL);
    h.u64(chunks as u64);
    h.finish()
}

/// The whole `text/event-stream` body of the streamed completion (about 300 bytes per
/// chunk, shaped like the service's: `obfuscation` padding, `usage: null`, a role chunk
/// first, a finish chunk, a usage chunk, then `[DONE]`).
pub(crate) fn stream_body(chunks: usize) -> Vec<u8> {
    let mut out = String::with_capacity(chunks * 310 + 1024);
    let head = format!(
        "{{\"id\":\"{STREAM_ID}\",\"object\":\"chat.completion.chunk\",\"created\":1741569952,\
         \"model\":\"{CHAT_MODEL}\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_06737a9306\","
    );
    let _ = write!(
        out,
        "data: {head}\"choices\":[{{\"index\":0,\"delta\":{{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}},\
         \"logprobs\":null,\"finish_reason\":null}}],\"usage\":null,\"obfuscation\":\"Xq3\"}}\n\n"
    );
    const PAD: &str = "a8Kd2LmQ0vZxW7rT";
    for i in 0..chunks {
        let pad = &PAD[..2 + (mix(!(i as u64)) % 14) as usize];
        let _ = write!(
            out,
            "data: {head}\"choices\":[{{\"index\":0,\"delta\":{{\"content\":{}}},\"logprobs\":null,\
             \"finish_reason\":null}}],\"usage\":null,\"obfuscation\":\"{pad}\"}}\n\n",
            json_string(stream_token(i))
        );
    }
    let _ = write!(
        out,
        "data: {head}\"choices\":[{{\"index\":0,\"delta\":{{}},\"logprobs\":null,\"finish_reason\":\"stop\"}}],\
         \"usage\":null,\"obfuscation\":\"k2\"}}\n\n"
    );
    let _ = write!(
        out,
        "data: {head}\"choices\":[],\"usage\":{{\"prompt_tokens\":45,\"completion_tokens\":{},\
         \"total_tokens\":{STREAM_USAGE_TOTAL},\"prompt_tokens_details\":{{\"cached_tokens\":0,\"audio_tokens\":0}},\
         \"completion_tokens_details\":{{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\
         \"rejected_prediction_tokens\":0}}}},\"obfuscation\":\"Zp\"}}\n\n",
        STREAM_USAGE_TOTAL - 45
    );
    out.push_str("data: [DONE]\n\n");
    out.into_bytes()
}

/// The id of the streamed Responses API response.
pub(crate) const RESPONSES_ID: &str = "resp_0bench5e1c2d3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b";
/// The id of its one output message.
pub(crate) const RESPONSES_ITEM_ID: &str =
    "msg_0bench5e1c2d3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3c";
/// The model the Responses fixture reports.
pub(crate) const RESPONSES_MODEL: &str = "gpt-4.1-mini-2025-04-14";
const RESPONSES_USAGE_TOTAL: u64 = 12_345;

/// The hash a client must compute for the Responses stream: the response id, every text
/// delta in order, then the final status and the usage total (the chat stream's recipe).
pub(crate) fn responses_stream_expected(chunks: usize) -> u64 {
    let mut h = Hash::default();
    h.str(RESPONSES_ID);
    for i in 0..chunks {
        h.str(stream_token(i));
    }
    h.str("completed");
    h.u64(RESPONSES_USAGE_TOTAL);
    h.u64(chunks as u64);
    h.finish()
}

/// The `response` object of the lifecycle events, as the service sends it (`output` and
/// `usage` given as JSON text).
fn responses_object(status: &str, output: &str, usage: &str) -> String {
    format!(
        "{{\"id\":\"{RESPONSES_ID}\",\"object\":\"response\",\"created_at\":1762781676,\"status\":\"{status}\",\
         \"background\":false,\"error\":null,\"incomplete_details\":null,\"instructions\":null,\
         \"max_output_tokens\":null,\"max_tool_calls\":null,\"model\":\"{RESPONSES_MODEL}\",\"output\":{output},\
         \"parallel_tool_calls\":true,\"previous_response_id\":null,\"prompt_cache_key\":null,\
         \"prompt_cache_retention\":null,\"reasoning\":{{\"effort\":null,\"summary\":null}},\
         \"safety_identifier\":null,\"service_tier\":\"default\",\"store\":true,\"temperature\":1.0,\
         \"text\":{{\"format\":{{\"type\":\"text\"}},\"verbosity\":\"medium\"}},\"tool_choice\":\"auto\",\
         \"tools\":[],\"top_logprobs\":0,\"top_p\":1.0,\"truncation\":\"disabled\",\"usage\":{usage},\
         \"user\":null,\"metadata\":{{}}}}"
    )
}

/// The whole `text/event-stream` body of the streamed Responses API response, framed like
/// the service's: `event:` + `data:` per event, `response.created`, `response.in_progress`,
/// the output item and content part opening, one `response.output_text.delta` per token
/// (about 260 bytes each, with `obfuscation` padding), the text, part and item closing
/// events (each carrying the whole text), and `response.completed` with usage; no `[DONE]`.
pub(crate) fn responses_stream_body(chunks: usize) -> Vec<u8> {
    let mut out = String::with_capacity(chunks * 270 + 8 * 1024);
    let mut seq = 0u64;
    let mut event = |out: &mut String, name: &str, rest: &str| {
        let _ = write!(
            out,
            "event: {name}\ndata: {{\"type\":\"{name}\",\"sequence_number\":{seq},{rest}}}\n\n"
        );
        seq += 1;
    };
    let item =
        format!("\"item_id\":\"{RESPONSES_ITEM_ID}\",\"output_index\":0,\"content_index\":0");
    let text: String = (0..chunks).map(stream_token).collect();
    let text = json_string(&text);
    let part =
        format!("{{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],\"text\":{text}}}");
    let message = |status: &str, content: &str| {
        format!(
            "{{\"id\":\"{RESPONSES_ITEM_ID}\",\"type\":\"message\",\"status\":\"{status}\",\
             \"content\":[{content}],\"role\":\"assistant\"}}"
        )
    };
    let in_progress = responses_object("in_progress", "[]", "null");
    event(
        &mut out,
        "response.created",
        &format!("\"response\":{in_progress}"),
    );
    event(
        &mut out,
        "response.in_progress",
        &format!("\"response\":{in_progress}"),
    );
    event(
        &mut out,
        "response.output_item.added",
        &format!("\"output_index\":0,\"item\":{}", message("in_progress", "")),
    );
    event(
        &mut out,
        "response.content_part.added",
        &format!(
            "{item},\"part\":{{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],\"text\":\"\"}}"
        ),
    );
    // The service pads each delta to about 16 characters with random `obfuscation`.
    const PAD: &str = "lOokrPj8RO6ZTv7ebWtX";
    for i in 0..chunks {
        let token = stream_token(i);
        let pad_len = 16usize.saturating_sub(token.chars().count()).max(2);
        let shift = (mix(!(i as u64)) % 4) as usize;
        let pad = &PAD[shift..shift + pad_len];
        event(
            &mut out,
            "response.output_text.delta",
            &format!(
                "{item},\"delta\":{},\"logprobs\":[],\"obfuscation\":\"{pad}\"",
                json_string(token)
            ),
        );
    }
    event(
        &mut out,
        "response.output_text.done",
        &format!("{item},\"text\":{text},\"logprobs\":[]"),
    );
    event(
        &mut out,
        "response.content_part.done",
        &format!("{item},\"part\":{part}"),
    );
    let done_item = message("completed", &part);
    event(
        &mut out,
        "response.output_item.done",
        &format!("\"output_index\":0,\"item\":{done_item}"),
    );
    let usage = format!(
        "{{\"input_tokens\":45,\"input_tokens_details\":{{\"cached_tokens\":0}},\"output_tokens\":{},\
         \"output_tokens_details\":{{\"reasoning_tokens\":0}},\"total_tokens\":{RESPONSES_USAGE_TOTAL}}}",
        RESPONSES_USAGE_TOTAL - 45
    );
    let completed = responses_object("completed", &format!("[{done_item}]"), &usage);
    event(
        &mut out,
        "response.completed",
        &format!("\"response\":{completed}"),
    );
    out.into_bytes()
}

/// Float `j` of input `i` of embeddings variant `v`: a value in (-0.1, 0.1) whose shortest
/// decimal form serde_json reads back to the same `f32` (so a float-JSON client can be
/// checked bit for bit).
pub(crate) fn embed_value(v: usize, i: usize, j: usize) -> f32 {
    let mut seed = ((v as u64) << 48) ^ ((i as u64) << 32) ^ j as u64;
    loop {
        let r = mix(seed);
        let x = ((r >> 40) as f32 / (1u64 << 24) as f32 - 0.5) * 0.2;
        let text = serde_json::to_string(&x).unwrap_or_default();
        if serde_json::from_str::<f32>(&text).ok() == Some(x) {
            return x;
        }
        seed = r;
    }
}

/// The vectors of embeddings variant `v`.
pub(crate) fn embed_vectors(v: usize) -> Vec<Vec<f32>> {
    (0..EMBED_INPUTS)
        .map(|i| (0..EMBED_DIMS).map(|j| embed_value(v, i, j)).collect())
        .collect()
}

/// The hash a client must compute for one embeddings response of variant `v`: each
/// embedding's index and the bits of every float.
pub(crate) fn embed_expected(v: usize) -> u64 {
    let mut h = Hash::default();
    for (i, vector) in embed_vectors(v).iter().enumerate() {
        h.u64(i as u64);
        h.f32s(vector);
    }
    h.finish()
}

/// An embeddings response as the service sends it (pretty-printed; floats one per line, or
/// one base64 string per embedding).
pub(crate) fn embed_body(v: usize, base64: bool) -> Vec<u8> {
    let data: Vec<serde_json::Value> = embed_vectors(v)
        .iter()
        .enumerate()
        .map(|(i, vector)| {
            let embedding = if base64 {
                json!(openai_sdk::embeddings::encode_base64_embedding(vector))
            } else {
                json!(vector)
            };
            json!({"object": "embedding", "index": i, "embedding": embedding})
        })
        .collect();
    let value = json!({
        "object": "list",
        "data": data,
        "model": EMBED_MODEL,
        "usage": {"prompt_tokens": 400 + v, "total_tokens": 400 + v}
    });
    serde_json::to_vec_pretty(&value).unwrap_or_default()
}

/// Messages in the long conversation's `input`.
pub(crate) const CONVERSATION_ITEMS: usize = 500;
/// The id of the conversation scenario's response.
pub(crate) const CONVERSATION_RESPONSE_ID: &str =
    "resp_0benchconv5e1c2d3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f";
const CONVERSATION_USAGE_TOTAL: u64 = 262_144;

/// The text of message `i` of the long conversation: ~2 KB of model-like text (quotes,
/// backslashes, newlines, tabs, CJK, emoji, accents), so the request needs real escaping.
pub(crate) fn conversation_text(i: usize) -> String {
    let mut text = String::with_capacity(2100);
    let mut t = 0u64;
    while text.len() < 2000 {
        text.push_str(TOKENS[(mix((i as u64) << 32 | t) % TOKENS.len() as u64) as usize]);
        t += 1;
    }
    text
}

/// Whether message `i` of the conversation is the user's (else the assistant's).
pub(crate) fn conversation_is_user(i: usize) -> bool {
    i % 2 == 0
}

/// The hash of one conversation call: the response id, its status and the usage total.
pub(crate) fn conversation_expected() -> u64 {
    let mut h = Hash::default();
    h.str(CONVERSATION_RESPONSE_ID);
    h.str("completed");
    h.u64(CONVERSATION_USAGE_TOTAL);
    h.finish()
}

/// The (small) response to the conversation request, as the service sends it.
pub(crate) fn conversation_response_body() -> Vec<u8> {
    let output = format!(
        "[{{\"id\":\"{RESPONSES_ITEM_ID}\",\"type\":\"message\",\"status\":\"completed\",\
         \"content\":[{{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],\"text\":{}}}],\
         \"role\":\"assistant\"}}]",
        json_string(&chat_content(0))
    );
    let usage = format!(
        "{{\"input_tokens\":{},\"input_tokens_details\":{{\"cached_tokens\":0}},\"output_tokens\":60,\
         \"output_tokens_details\":{{\"reasoning_tokens\":0}},\"total_tokens\":{CONVERSATION_USAGE_TOTAL}}}",
        CONVERSATION_USAGE_TOTAL - 60
    );
    responses_object("completed", &output, &usage)
        .replace(RESPONSES_ID, CONVERSATION_RESPONSE_ID)
        .into_bytes()
}

/// The user message of request variant `v`; the server reads the variant back from
/// `bench-<v>` in the body.
pub(crate) fn user_tag(v: usize) -> String {
    format!("bench-{v}")
}

/// The 16 input texts of an embeddings request.
pub(crate) fn embed_inputs(v: usize) -> Vec<String> {
    (0..EMBED_INPUTS)
        .map(|i| {
            format!(
                "Document {i} of batch {v}: the quick brown fox jumps over the lazy dog, \
                 café naïve résumé, 東京 🚀 — a realistic sentence to embed."
            )
        })
        .collect()
}

/// The chat prompt of request variant `v`.
pub(crate) fn chat_prompt(v: usize) -> String {
    format!("Question {v}: summarize the plot of \"Hamlet\" in three sentences, in English.")
}

pub(crate) const SYSTEM_PROMPT: &str = "You are a helpful assistant. Answer concisely.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_decode_to_the_source_values() {
        let body: serde_json::Value = serde_json::from_slice(&chat_body(3)).unwrap();
        assert_eq!(
            body["choices"][0]["message"]["content"].as_str().unwrap(),
            chat_content(3)
        );
        let stream = String::from_utf8(stream_body(50)).unwrap();
        assert!(stream.contains("\\u00e9"));
        let events: Vec<&str> = stream.split("\n\n").filter(|e| !e.is_empty()).collect();
        assert_eq!(events.len(), 50 + 4);
        let mut text = String::new();
        for e in &events[1..51] {
            let v: serde_json::Value =
                serde_json::from_str(e.strip_prefix("data: ").unwrap()).unwrap();
            text.push_str(v["choices"][0]["delta"]["content"].as_str().unwrap());
        }
        let expected: String = (0..50).map(stream_token).collect();
        assert_eq!(text, expected);
        let floats: serde_json::Value = serde_json::from_slice(&embed_body(1, false)).unwrap();
        assert_eq!(
            floats["data"][2]["embedding"][7].as_f64().unwrap() as f32,
            embed_value(1, 2, 7)
        );
    }

    #[test]
    fn responses_stream_is_shaped_like_the_service() {
        use openai_sdk::responses::{ResponseAccumulator, ResponseStreamEvent};
        let body = String::from_utf8(responses_stream_body(50)).unwrap();
        assert!(body.contains("\\u00e9"));
        assert!(!body.contains("[DONE]"));
        let events: Vec<&str> = body.split("\n\n").filter(|e| !e.is_empty()).collect();
        assert_eq!(events.len(), 50 + 8);
        let mut acc = ResponseAccumulator::new();
        let mut deltas = String::new();
        for (seq, e) in events.iter().enumerate() {
            let (name_line, data_line) = e.split_once('\n').unwrap();
            let name = name_line.strip_prefix("event: ").unwrap();
            let data = data_line.strip_prefix("data: ").unwrap();
            let v: serde_json::Value = serde_json::from_str(data).unwrap();
            assert_eq!(v["type"], name);
            assert_eq!(v["sequence_number"], seq);
            if name == "response.output_text.delta" {
                deltas.push_str(v["delta"].as_str().unwrap());
            }
            let event: ResponseStreamEvent = serde_json::from_str(data).unwrap();
            assert!(!matches!(event, ResponseStreamEvent::Unknown(_)), "{name}");
            acc.push(&event);
        }
        let expected: String = (0..50).map(stream_token).collect();
        assert_eq!(deltas, expected);
        let response = acc.finish().unwrap();
        assert_eq!(response.id, RESPONSES_ID);
        assert_eq!(response.output_text(), expected);
        assert_eq!(
            response.usage.map(|u| u.total_tokens),
            Some(RESPONSES_USAGE_TOTAL)
        );
    }

    #[test]
    fn conversation_fixture_is_long_escaped_text_and_its_response_decodes() {
        let text = conversation_text(3);
        assert!(text.len() >= 2000 && text.contains('"') && text.contains('\\'));
        assert!(!text.is_ascii());
        let r: openai_sdk::responses::Response =
            serde_json::from_slice(&conversation_response_body()).unwrap();
        assert_eq!(r.id, CONVERSATION_RESPONSE_ID);
        assert_eq!(r.status.as_ref().map(|s| s.as_str()), Some("completed"));
        assert_eq!(
            r.usage.as_ref().map(|u| u.total_tokens),
            Some(CONVERSATION_USAGE_TOTAL)
        );
        assert_eq!(r.output_text(), chat_content(0));
    }
}
