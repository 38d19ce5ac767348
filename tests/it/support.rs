//! Shared helpers: clients for both service modes, the standard request, a seeded generator,
//! and process figures (peak memory, open file descriptors) for the load tests.

use std::time::Duration;

use openai_mock::MockServer;
use openai_sdk::Jitter;
use openai_sdk::chat::{ChatCompletionRequest, ChatMessage};
use openai_sdk::{Client, ClientBuilder, RetryConfig};

/// The model (OpenAI) / deployment (Azure) every test uses.
pub(crate) const MODEL: &str = "gpt-4o-mini";
pub(crate) const AZURE_API_VERSION: &str = "2024-10-21";

/// Which service shape the client speaks; the matrix runs each fault in both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    OpenAi,
    Azure,
}

pub(crate) const MODES: [Mode; 2] = [Mode::OpenAi, Mode::Azure];

impl Mode {
    /// The mock path a chat completion goes to (scripts match it exactly, without the query).
    pub(crate) fn chat_path(self) -> String {
        match self {
            Mode::OpenAi => "/v1/chat/completions".to_owned(),
            Mode::Azure => format!("/openai/deployments/{MODEL}/chat/completions"),
        }
    }

    /// A builder for this mode against `server`, with jitter fixed at 1.0 so backoff delays
    /// are exact (first retry 0.5 s, second 1 s).
    pub(crate) fn builder(self, server: &MockServer) -> ClientBuilder {
        let builder = match self {
            Mode::OpenAi => Client::builder()
                .base_url(server.base_url())
                .api_key("sk-test-reliability"),
            Mode::Azure => Client::builder()
                .azure_endpoint(server.azure_endpoint())
                .api_version(AZURE_API_VERSION)
                .azure_api_key("azure-test-reliability"),
        };
        builder.retry_config(RetryConfig::default().jitter(Jitter::fixed(1.0)))
    }

    pub(crate) fn client(self, server: &MockServer) -> Client {
        self.builder(server).build().unwrap()
    }
}

/// `hello` as a one-message chat request.
pub(crate) fn chat(text: &str) -> ChatCompletionRequest {
    ChatCompletionRequest::new(MODEL, [ChatMessage::user(text)])
}

/// The client is healthy: a fresh non-streamed call succeeds with the mock's echo.
pub(crate) async fn assert_healthy(client: &Client, mode: Mode) {
    let completion = client
        .chat()
        .create(&chat("still alive"))
        .await
        .unwrap_or_else(|e| panic!("{mode:?}: the client did not recover: {e}"));
    assert_eq!(
        completion.first_content(),
        Some("Echo: still alive"),
        "{mode:?}"
    );
}

/// A chunk as the service streams it: `{"choices":[{"index":0,"delta":{"content":text}}]}`.
pub(crate) fn content_chunk(text: &str) -> serde_json::Value {
    serde_json::json!({
        "id": "chatcmpl-fault",
        "object": "chat.completion.chunk",
        "created": 1_700_000_000,
        "model": MODEL,
        "choices": [{"index": 0, "delta": {"role": "assistant", "content": text}, "finish_reason": null}],
    })
}

/// Virtual time elapsed since `start`, for assertions under `start_paused`.
pub(crate) fn elapsed(start: tokio::time::Instant) -> Duration {
    start.elapsed()
}

/// A small deterministic generator (splitmix64): property tests need reproducible inputs and
/// a few lines beat a dependency tree (proptest brings rand, rand_chacha, regex-syntax, ...).
#[derive(Clone, Debug)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub(crate) fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub(crate) fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next_u64() as u8).collect()
    }
}

/// Peak resident memory of this process in KiB (`VmHWM`), where /proc exists.
pub(crate) fn peak_rss_kib() -> Option<u64> {
    proc_status_kib("VmHWM:")
}

/// Current resident memory of this process in KiB (`VmRSS`), where /proc exists.
pub(crate) fn rss_kib() -> Option<u64> {
    proc_status_kib("VmRSS:")
}

fn proc_status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Open file descriptors of this process, where /proc exists.
pub(crate) fn open_fds() -> Option<usize> {
    Some(std::fs::read_dir("/proc/self/fd").ok()?.count())
}

/// Inodes of this process's open sockets.
fn own_socket_inodes() -> std::collections::HashSet<u64> {
    let Ok(dir) = std::fs::read_dir("/proc/self/fd") else {
        return std::collections::HashSet::new();
    };
    dir.filter_map(Result::ok)
        .filter_map(|e| std::fs::read_link(e.path()).ok())
        .filter_map(|t| {
            let t = t.to_string_lossy().into_owned();
            t.strip_prefix("socket:[")?.strip_suffix(']')?.parse().ok()
        })
        .collect()
}

/// TCP sockets held open by this process with `port` at either end (client and server
/// sides of connections to the mock, and its listener). `None` without /proc.
pub(crate) fn open_sockets_on_port(port: u16) -> Option<usize> {
    let ours = own_socket_inodes();
    let mut count = 0;
    let mut any_table = false;
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let Ok(text) = std::fs::read_to_string(table) else {
            continue;
        };
        any_table = true;
        for line in text.lines().skip(1) {
            let fields: Vec<&str> = line.split_whitespace().collect();
            if fields.len() < 10 {
                continue;
            }
            let port_of = |addr: &str| {
                addr.rsplit(':')
                    .next()
                    .and_then(|p| u16::from_str_radix(p, 16).ok())
            };
            let matches = port_of(fields[1]) == Some(port) || port_of(fields[2]) == Some(port);
            let inode: u64 = fields[9].parse().unwrap_or(0);
            if matches && inode != 0 && ours.contains(&inode) {
                count += 1;
            }
        }
    }
    any_table.then_some(count)
}
