//! Shared helpers: client builders over the mock transport, wire-request normalization for
//! snapshots, and a tiny scripted HTTP/1.1 server on 127.0.0.1 that counts connections.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use core_http::test_util::{MockTransport, RecordedRequest};
use core_http::{Credential, HttpClientBuilder, Jitter, RetryConfig, Secret};
use serde_json::{Map, Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

pub(crate) const KEY: &str = "sk-test-key";

/// A builder over `mock` with an OpenAI key and jitter fixed at 1.0 (exact delays).
pub(crate) fn builder(mock: &MockTransport) -> HttpClientBuilder {
    core_http::HttpClient::builder()
        .transport(mock.clone())
        .credential(Credential::openai_key(Secret::new(KEY)))
        .retry_config(RetryConfig::default().jitter(Jitter::fixed(1.0)))
}

/// The wire request as a stable JSON value: method, path+query, sorted headers (credentials as
/// presence only, version-dependent values replaced), and the body.
pub(crate) fn normalize(req: &RecordedRequest) -> Value {
    let mut headers = Map::new();
    let mut names: Vec<&str> = req.headers.keys().map(|k| k.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    for name in names {
        let value = req.headers.get(name).unwrap();
        let shown = match name {
            "authorization" | "api-key" => {
                assert!(value.is_sensitive(), "{name} must be marked sensitive");
                "<present>".to_owned()
            }
            "user-agent" => value
                .to_str()
                .unwrap()
                .replace(env!("CARGO_PKG_VERSION"), "<version>"),
            "x-stainless-package-version" => "<version>".to_owned(),
            "x-stainless-os" => "<os>".to_owned(),
            "x-stainless-arch" => "<arch>".to_owned(),
            "content-type" if value.to_str().unwrap().starts_with("multipart/form-data") => {
                "multipart/form-data; boundary=<boundary>".to_owned()
            }
            _ => value.to_str().unwrap().to_owned(),
        };
        headers.insert(name.to_owned(), Value::String(shown));
    }
    let body = if req.body.is_empty() {
        Value::Null
    } else {
        req.json()
            .unwrap_or_else(|| Value::String(format!("<{} bytes>", req.body.len())))
    };
    json!({
        "method": req.method.as_str(),
        "uri": req.uri.to_string(),
        "headers": headers,
        "body": body,
    })
}

/// What the raw server does with one request.
#[derive(Clone, Debug)]
pub(crate) enum Action {
    /// Answer with this status and body (keep-alive).
    Respond(u16, &'static str),
    /// Close the connection before sending anything.
    Close,
    /// Send headers announcing `len` bytes, send `sent` of them, then close.
    TruncateBody { len: usize, sent: &'static str },
    /// Send headers and `sent`, then hold the connection open without sending more.
    StallBody { sent: &'static str },
}

/// A scripted HTTP/1.1 server. Each request takes the next action; the last one repeats.
pub(crate) struct RawServer {
    pub(crate) addr: std::net::SocketAddr,
    pub(crate) accepted: Arc<AtomicUsize>,
    pub(crate) requests: Arc<AtomicUsize>,
    /// The request line and headers of every request, lower-cased, as received.
    pub(crate) heads: Arc<Mutex<Vec<String>>>,
}

impl RawServer {
    pub(crate) async fn start(actions: Vec<Action>) -> RawServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let accepted = Arc::new(AtomicUsize::new(0));
        let requests = Arc::new(AtomicUsize::new(0));
        let script = Arc::new(Mutex::new((actions, 0usize)));
        let heads = Arc::new(Mutex::new(Vec::new()));
        let (acc, reqs, seen) = (accepted.clone(), requests.clone(), heads.clone());
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                acc.fetch_add(1, Ordering::SeqCst);
                let (script, reqs, seen) = (script.clone(), reqs.clone(), seen.clone());
                tokio::spawn(serve_connection(stream, script, reqs, seen));
            }
        });
        RawServer {
            addr,
            accepted,
            requests,
            heads,
        }
    }

    pub(crate) fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

type Script = Arc<Mutex<(Vec<Action>, usize)>>;

async fn serve_connection(
    mut stream: TcpStream,
    script: Script,
    reqs: Arc<AtomicUsize>,
    heads: Arc<Mutex<Vec<String>>>,
) {
    let mut buf = Vec::new();
    loop {
        // Read one request: headers, then a content-length body.
        let header_end = loop {
            if let Some(i) = find(&buf, b"\r\n\r\n") {
                break i + 4;
            }
            let mut chunk = [0u8; 4096];
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        };
        let head = String::from_utf8_lossy(&buf[..header_end]).to_ascii_lowercase();
        let len = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse::<usize>().ok())
            .unwrap_or(0);
        while buf.len() < header_end + len {
            let mut chunk = [0u8; 4096];
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
        buf.drain(..header_end + len);
        heads.lock().unwrap().push(head);
        reqs.fetch_add(1, Ordering::SeqCst);
        let action = {
            let mut s = script.lock().unwrap();
            let i = s.1.min(s.0.len() - 1);
            s.1 += 1;
            s.0[i].clone()
        };
        match action {
            Action::Respond(status, body) => {
                let resp = format!(
                    "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\nx-request-id: req_raw\r\ncontent-length: {}\r\n\r\n{body}",
                    body.len()
                );
                if stream.write_all(resp.as_bytes()).await.is_err() {
                    return;
                }
            }
            Action::Close => return,
            Action::TruncateBody { len, sent } => {
                let resp = format!("HTTP/1.1 200 OK\r\ncontent-length: {len}\r\n\r\n{sent}");
                let _ = stream.write_all(resp.as_bytes()).await;
                let _ = stream.flush().await;
                return;
            }
            Action::StallBody { sent } => {
                let resp = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n{:x}\r\n{sent}\r\n",
                    sent.len()
                );
                let _ = stream.write_all(resp.as_bytes()).await;
                let _ = stream.flush().await;
                tokio::time::sleep(Duration::from_secs(60)).await;
                return;
            }
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
