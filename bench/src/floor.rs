//! THE FLOOR CLIENT — a reference point, NOT the SDK.
//!
//! The cheapest honest way to get the same results from the same server: bare
//! `hyper::client::conn::http1` connections (no pool, no middleware, no retries, no
//! timeouts, no tracing), request bodies serialized once before the clock starts, and
//! minimal serde structs that borrow strings and skip every field the hash does not need.
//! Streams are split into lines with a hand-written loop that only understands
//! `data: <json>` lines (and, for Responses streams, the `event: <name>` line, so only the
//! events the hash needs are parsed). Our client is measured as a ratio to this.
//!
//! Over TLS it is `hyper::client::conn::http2` on one `tokio-rustls` connection (ALPN `h2`,
//! the same rustls + ring as ours), every request a clone of the one sender.

use std::borrow::Cow;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use base64::Engine as _;
use bytes::Bytes;
use http::{HeaderValue, Request, header};
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::SendRequest;
use hyper_util::rt::TokioIo;
use serde::Deserialize;
use serde_json::json;
use tokio::net::TcpStream;

use crate::ServerAddr;
use crate::fixture::{self, CONC_IN_FLIGHT, Hash, Outcome, Scenario, VARIANTS};

type H2Sender = hyper::client::conn::http2::SendRequest<Full<Bytes>>;

/// One TLS connection speaking HTTP/2 (ALPN `h2`), trusting the server's certificate.
async fn connect_h2(addr: &ServerAddr) -> Result<H2Sender, String> {
    use rustls::pki_types::pem::PemObject as _;
    let mut roots = rustls::RootCertStore::empty();
    for cert in rustls::pki_types::CertificateDer::pem_slice_iter(addr.cert_pem.as_bytes()) {
        roots
            .add(cert.map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())?;
    }
    let mut config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| e.to_string())?
    .with_root_certificates(roots)
    .with_no_client_auth();
    config.alpn_protocols = vec![b"h2".to_vec()];
    let tcp = TcpStream::connect(("127.0.0.1", addr.tls_port))
        .await
        .map_err(|e| format!("connect: {e}"))?;
    tcp.set_nodelay(true).map_err(|e| e.to_string())?;
    let name = rustls::pki_types::ServerName::IpAddress(std::net::Ipv4Addr::LOCALHOST.into());
    let tls = tokio_rustls::TlsConnector::from(Arc::new(config))
        .connect(name, tcp)
        .await
        .map_err(|e| format!("TLS handshake: {e}"))?;
    let (sender, conn) = hyper::client::conn::http2::handshake(
        hyper_util::rt::TokioExecutor::new(),
        TokioIo::new(tls),
    )
    .await
    .map_err(|e| format!("h2 handshake: {e}"))?;
    tokio::spawn(async move {
        let _ = conn.await;
    });
    Ok(sender)
}

/// A POST for HTTP/2: absolute URI (`:scheme`/`:authority`), no `Host` header.
fn post_h2(
    uri: &http::Uri,
    auth: &HeaderValue,
    body: &Bytes,
) -> Result<Request<Full<Bytes>>, String> {
    let mut req = Request::post(uri.clone())
        .body(Full::new(body.clone()))
        .map_err(|e| e.to_string())?;
    let h = req.headers_mut();
    h.insert(header::AUTHORIZATION, auth.clone());
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Ok(req)
}

fn h2_uri(addr: &ServerAddr, scenario: Scenario, route: &str) -> Result<http::Uri, String> {
    format!(
        "https://127.0.0.1:{}/{}/v1/{route}",
        addr.tls_port,
        scenario.name()
    )
    .parse()
    .map_err(|e: http::uri::InvalidUri| e.to_string())
}

fn bearer() -> Result<HeaderValue, String> {
    HeaderValue::from_str(&format!("Bearer {}", fixture::API_KEY)).map_err(|e| e.to_string())
}

/// [`CONC_IN_FLIGHT`] tasks sharing one HTTP/2 connection.
async fn tls_concurrent(addr: &ServerAddr, n: usize) -> Result<Outcome, String> {
    let sender = connect_h2(addr).await?;
    let uri = h2_uri(addr, Scenario::TlsConc, "chat/completions")?;
    let auth = bearer()?;
    let bodies = Arc::new(chat_bodies(false));
    let next = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::with_capacity(CONC_IN_FLIGHT);
    for _ in 0..CONC_IN_FLIGHT {
        let (mut sender, uri, auth, bodies, next) = (
            sender.clone(),
            uri.clone(),
            auth.clone(),
            bodies.clone(),
            next.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut out = Outcome::default();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    return Ok::<_, String>(out);
                }
                sender.ready().await.map_err(|e| e.to_string())?;
                let resp = sender
                    .send_request(post_h2(&uri, &auth, &bodies[i % VARIANTS])?)
                    .await
                    .map_err(|e| e.to_string())?;
                out.add(chat_hash(&ok_body(resp).await?)?);
            }
        }));
    }
    let mut total = Outcome::default();
    for task in tasks {
        total.merge(task.await.map_err(|e| e.to_string())??);
    }
    Ok(total)
}

async fn tls_stream(addr: &ServerAddr) -> Result<Outcome, String> {
    let body = chat_bodies(true).swap_remove(0);
    let mut sender = connect_h2(addr).await?;
    let uri = h2_uri(addr, Scenario::TlsStream, "chat/completions")?;
    sender.ready().await.map_err(|e| e.to_string())?;
    let resp = sender
        .send_request(post_h2(&uri, &bearer()?, &body)?)
        .await
        .map_err(|e| e.to_string())?;
    if resp.status() != http::StatusCode::OK {
        return Err(format!("status {}", resp.status()));
    }
    chat_stream_outcome(resp.into_body()).await
}

#[derive(Deserialize)]
struct ConversationReply<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(borrow)]
    status: Cow<'a, str>,
    usage: Usage,
}

fn conversation_hash(body: &[u8]) -> Result<u64, String> {
    let r: ConversationReply<'_> = serde_json::from_slice(body).map_err(|e| e.to_string())?;
    let mut h = Hash::default();
    h.str(&r.id);
    h.str(&r.status);
    h.u64(r.usage.total_tokens);
    Ok(h.finish())
}

/// The long conversation's request body, serialized once before the clock starts.
fn conversation_body() -> Bytes {
    let input: Vec<serde_json::Value> = (0..fixture::CONVERSATION_ITEMS)
        .map(|i| {
            let role = if fixture::conversation_is_user(i) {
                "user"
            } else {
                "assistant"
            };
            json!({"type": "message", "role": role, "content": fixture::conversation_text(i)})
        })
        .collect();
    let body = json!({
        "model": "gpt-4.1-mini",
        "input": input,
        "instructions": fixture::SYSTEM_PROMPT,
        "user": fixture::user_tag(0)
    });
    Bytes::from(serde_json::to_vec(&body).unwrap_or_default())
}

/// Headers of every floor request, built once.
#[derive(Clone)]
struct Target {
    host: HeaderValue,
    auth: HeaderValue,
    path: Arc<str>,
}

impl Target {
    fn new(port: u16, scenario: Scenario, route: &str) -> Result<Self, String> {
        Ok(Target {
            host: HeaderValue::from_str(&format!("127.0.0.1:{port}")).map_err(|e| e.to_string())?,
            auth: HeaderValue::from_str(&format!("Bearer {}", fixture::API_KEY))
                .map_err(|e| e.to_string())?,
            path: Arc::from(format!("/{}/v1/{route}", scenario.name())),
        })
    }

    fn post(&self, body: &Bytes) -> Result<Request<Full<Bytes>>, String> {
        let mut req = Request::post(&*self.path)
            .body(Full::new(body.clone()))
            .map_err(|e| e.to_string())?;
        let h = req.headers_mut();
        h.insert(header::HOST, self.host.clone());
        h.insert(header::AUTHORIZATION, self.auth.clone());
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        Ok(req)
    }
}

async fn connect(port: u16) -> Result<SendRequest<Full<Bytes>>, String> {
    let tcp = TcpStream::connect(("127.0.0.1", port))
        .await
        .map_err(|e| format!("connect: {e}"))?;
    tcp.set_nodelay(true).map_err(|e| e.to_string())?;
    let (sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(tcp))
        .await
        .map_err(|e| format!("handshake: {e}"))?;
    tokio::spawn(async move {
        let _ = conn.await;
    });
    Ok(sender)
}

/// Sends one request and returns the whole body.
async fn exchange(
    sender: &mut SendRequest<Full<Bytes>>,
    req: Request<Full<Bytes>>,
) -> Result<Bytes, String> {
    sender.ready().await.map_err(|e| e.to_string())?;
    let resp = sender.send_request(req).await.map_err(|e| e.to_string())?;
    ok_body(resp).await
}

/// The whole body of a `200 OK` response (any other status is an error).
async fn ok_body<B>(resp: http::Response<B>) -> Result<Bytes, String>
where
    B: hyper::body::Body<Data = Bytes>,
    B::Error: std::fmt::Display,
{
    if resp.status() != http::StatusCode::OK {
        return Err(format!("status {}", resp.status()));
    }
    let body = resp
        .into_body()
        .collect()
        .await
        .map_err(|e| e.to_string())?;
    Ok(body.to_bytes())
}

#[derive(Deserialize)]
struct Completion<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(borrow)]
    choices: Vec<Choice<'a>>,
    usage: Usage,
}

#[derive(Deserialize)]
struct Choice<'a> {
    #[serde(borrow)]
    message: Message<'a>,
    #[serde(borrow)]
    finish_reason: Cow<'a, str>,
}

#[derive(Deserialize)]
struct Message<'a> {
    #[serde(borrow)]
    content: Cow<'a, str>,
}

#[derive(Deserialize)]
struct Usage {
    total_tokens: u64,
}

fn chat_hash(body: &[u8]) -> Result<u64, String> {
    let c: Completion<'_> = serde_json::from_slice(body).map_err(|e| e.to_string())?;
    let choice = c.choices.first().ok_or("no choice")?;
    let mut h = Hash::default();
    h.str(&c.id);
    h.str(&choice.message.content);
    h.str(&choice.finish_reason);
    h.u64(c.usage.total_tokens);
    Ok(h.finish())
}

fn chat_bodies(stream: bool) -> Vec<Bytes> {
    (0..VARIANTS)
        .map(|v| {
            let mut body = json!({
                "model": "gpt-4o-mini",
                "messages": [
                    {"role": "system", "content": fixture::SYSTEM_PROMPT},
                    {"role": "user", "content": fixture::chat_prompt(v)}
                ],
                "user": fixture::user_tag(v)
            });
            if stream {
                body["stream"] = json!(true);
                body["stream_options"] = json!({"include_usage": true});
            }
            Bytes::from(serde_json::to_vec(&body).unwrap_or_default())
        })
        .collect()
}

fn embed_bodies(base64: bool) -> Vec<Bytes> {
    (0..VARIANTS)
        .map(|v| {
            let body = json!({
                "model": fixture::EMBED_MODEL,
                "input": fixture::embed_inputs(v),
                "encoding_format": if base64 { "base64" } else { "float" },
                "user": fixture::user_tag(v)
            });
            Bytes::from(serde_json::to_vec(&body).unwrap_or_default())
        })
        .collect()
}

#[derive(Deserialize)]
struct Embeddings {
    data: Vec<EmbeddingF32>,
}

#[derive(Deserialize)]
struct EmbeddingF32 {
    index: u32,
    embedding: Vec<f32>,
}

#[derive(Deserialize)]
struct EmbeddingsB64<'a> {
    #[serde(borrow)]
    data: Vec<EmbeddingB64<'a>>,
}

#[derive(Deserialize)]
struct EmbeddingB64<'a> {
    index: u32,
    embedding: &'a str,
}

fn embed_hash(body: &[u8], base64: bool) -> Result<u64, String> {
    let mut h = Hash::default();
    if base64 {
        let r: EmbeddingsB64<'_> = serde_json::from_slice(body).map_err(|e| e.to_string())?;
        for item in r.data {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(item.embedding)
                .map_err(|e| e.to_string())?;
            let floats: Vec<f32> = bytes
                .chunks_exact(4)
                .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect();
            h.u64(u64::from(item.index));
            h.f32s(&floats);
        }
    } else {
        let r: Embeddings = serde_json::from_slice(body).map_err(|e| e.to_string())?;
        for item in r.data {
            h.u64(u64::from(item.index));
            h.f32s(&item.embedding);
        }
    }
    Ok(h.finish())
}

/// Sequential requests on one connection: request `i` uses variant `i % VARIANTS`.
async fn sequential(
    port: u16,
    target: &Target,
    bodies: &[Bytes],
    n: usize,
    decode: impl Fn(&[u8]) -> Result<u64, String>,
) -> Result<Outcome, String> {
    let mut sender = connect(port).await?;
    let mut out = Outcome::default();
    for i in 0..n {
        let req = target.post(&bodies[i % VARIANTS])?;
        let body = exchange(&mut sender, req).await?;
        out.add(decode(&body)?);
    }
    Ok(out)
}

async fn concurrent(
    port: u16,
    target: Target,
    bodies: Arc<Vec<Bytes>>,
    n: usize,
) -> Result<Outcome, String> {
    let next = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::with_capacity(CONC_IN_FLIGHT);
    for _ in 0..CONC_IN_FLIGHT {
        let (target, bodies, next) = (target.clone(), bodies.clone(), next.clone());
        tasks.push(tokio::spawn(async move {
            // One connection per in-flight request: what a bare client must manage itself.
            let mut sender = connect(port).await?;
            let mut out = Outcome::default();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    return Ok::<_, String>(out);
                }
                let body = exchange(&mut sender, target.post(&bodies[i % VARIANTS])?).await?;
                out.add(chat_hash(&body)?);
            }
        }));
    }
    let mut total = Outcome::default();
    for task in tasks {
        total.merge(task.await.map_err(|e| e.to_string())??);
    }
    Ok(total)
}

#[derive(Deserialize)]
struct Chunk<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(borrow, default)]
    choices: Vec<ChunkChoice<'a>>,
    #[serde(default)]
    usage: Option<Usage>,
}

#[derive(Deserialize)]
struct ChunkChoice<'a> {
    #[serde(borrow, default)]
    delta: Option<Delta<'a>>,
    #[serde(borrow, default)]
    finish_reason: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct Delta<'a> {
    #[serde(borrow, default)]
    content: Option<Cow<'a, str>>,
}

#[derive(Default)]
struct StreamState {
    hash: Hash,
    started: bool,
    content_chunks: u64,
    finish: Option<String>,
    usage: u64,
    done: bool,
}

impl StreamState {
    fn line(&mut self, line: &[u8]) -> Result<(), String> {
        let Some(payload) = line.strip_prefix(b"data: ") else {
            return Ok(()); // blank separators (and anything else) carry nothing here
        };
        if payload == b"[DONE]" {
            self.done = true;
            return Ok(());
        }
        let chunk: Chunk<'_> = serde_json::from_slice(payload).map_err(|e| e.to_string())?;
        if !self.started {
            self.started = true;
            self.hash.str(&chunk.id);
        }
        for choice in &chunk.choices {
            if let Some(text) = choice.delta.as_ref().and_then(|d| d.content.as_deref()) {
                if !text.is_empty() {
                    self.hash.str(text);
                    self.content_chunks += 1;
                }
            }
            if let Some(reason) = &choice.finish_reason {
                self.finish = Some(reason.to_string());
            }
        }
        if let Some(u) = chunk.usage {
            self.usage = u.total_tokens;
        }
        Ok(())
    }
}

/// Splits a streamed body into lines (without the `\n`) and hands each to `line`.
async fn for_each_line(
    mut body: hyper::body::Incoming,
    mut line: impl FnMut(&[u8]) -> Result<(), String>,
) -> Result<(), String> {
    let mut carry: Vec<u8> = Vec::new();
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| e.to_string())?;
        let Ok(data) = frame.into_data() else {
            continue;
        };
        let mut rest: &[u8] = &data;
        if !carry.is_empty() {
            // The line that started in an earlier frame ends in this one (or later).
            let Some(end) = memchr::memchr(b'\n', rest) else {
                carry.extend_from_slice(rest);
                continue;
            };
            carry.extend_from_slice(&rest[..end]);
            line(&carry)?;
            carry.clear();
            rest = &rest[end + 1..];
        }
        while let Some(end) = memchr::memchr(b'\n', rest) {
            line(&rest[..end])?;
            rest = &rest[end + 1..];
        }
        carry.extend_from_slice(rest);
    }
    Ok(())
}

async fn stream(port: u16, target: &Target) -> Result<Outcome, String> {
    let bodies = chat_bodies(true);
    let mut sender = connect(port).await?;
    sender.ready().await.map_err(|e| e.to_string())?;
    let resp = sender
        .send_request(target.post(&bodies[0])?)
        .await
        .map_err(|e| e.to_string())?;
    if resp.status() != http::StatusCode::OK {
        return Err(format!("status {}", resp.status()));
    }
    chat_stream_outcome(resp.into_body()).await
}

async fn chat_stream_outcome(body: hyper::body::Incoming) -> Result<Outcome, String> {
    let mut state = StreamState::default();
    for_each_line(body, |line| state.line(line)).await?;
    if !state.done {
        return Err("stream ended before [DONE]".into());
    }
    let mut h = state.hash;
    h.str(state.finish.as_deref().unwrap_or(""));
    h.u64(state.usage);
    h.u64(state.content_chunks);
    Ok(Outcome {
        count: state.content_chunks,
        hash: h.finish(),
    })
}

/// The Responses events the hash needs; everything else is skipped unparsed (by its
/// `event:` line) or with `IgnoredAny`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ResponsesEvent {
    TextDelta,
    Created,
    Completed,
    Other,
}

#[derive(Deserialize)]
struct TextDelta<'a> {
    #[serde(borrow)]
    delta: Cow<'a, str>,
}

#[derive(Deserialize)]
struct Lifecycle<'a> {
    #[serde(borrow)]
    response: LifecycleResponse<'a>,
}

#[derive(Deserialize)]
struct LifecycleResponse<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(borrow)]
    status: Cow<'a, str>,
    #[serde(default)]
    usage: Option<Usage>,
}

#[derive(Default)]
struct ResponsesState {
    hash: Hash,
    event: Option<ResponsesEvent>,
    started: bool,
    deltas: u64,
    status: String,
    usage: u64,
    done: bool,
}

impl ResponsesState {
    fn line(&mut self, line: &[u8]) -> Result<(), String> {
        if let Some(name) = line.strip_prefix(b"event: ") {
            self.event = Some(match name {
                b"response.output_text.delta" => ResponsesEvent::TextDelta,
                b"response.created" => ResponsesEvent::Created,
                b"response.completed" => ResponsesEvent::Completed,
                _ => ResponsesEvent::Other,
            });
            return Ok(());
        }
        let Some(payload) = line.strip_prefix(b"data: ") else {
            return Ok(()); // the blank line ending an event
        };
        match self.event.take() {
            Some(ResponsesEvent::TextDelta) => {
                let d: TextDelta<'_> =
                    serde_json::from_slice(payload).map_err(|e| e.to_string())?;
                if !d.delta.is_empty() {
                    self.hash.str(&d.delta);
                    self.deltas += 1;
                }
            }
            Some(ResponsesEvent::Created) if !self.started => {
                let l: Lifecycle<'_> =
                    serde_json::from_slice(payload).map_err(|e| e.to_string())?;
                self.started = true;
                self.hash.str(&l.response.id);
            }
            Some(ResponsesEvent::Completed) => {
                let l: Lifecycle<'_> =
                    serde_json::from_slice(payload).map_err(|e| e.to_string())?;
                self.status = l.response.status.into_owned();
                self.usage = l.response.usage.map_or(0, |u| u.total_tokens);
                self.done = true;
            }
            _ => {}
        }
        Ok(())
    }
}

fn responses_body() -> Bytes {
    let body = json!({
        "model": "gpt-4.1-mini",
        "input": fixture::chat_prompt(0),
        "instructions": fixture::SYSTEM_PROMPT,
        "user": fixture::user_tag(0),
        "stream": true
    });
    Bytes::from(serde_json::to_vec(&body).unwrap_or_default())
}

async fn responses_stream(port: u16, target: &Target) -> Result<Outcome, String> {
    let body = responses_body();
    let mut sender = connect(port).await?;
    sender.ready().await.map_err(|e| e.to_string())?;
    let resp = sender
        .send_request(target.post(&body)?)
        .await
        .map_err(|e| e.to_string())?;
    if resp.status() != http::StatusCode::OK {
        return Err(format!("status {}", resp.status()));
    }
    let mut state = ResponsesState::default();
    for_each_line(resp.into_body(), |line| state.line(line)).await?;
    if !state.done {
        return Err("stream ended before response.completed".into());
    }
    let mut h = state.hash;
    h.str(&state.status);
    h.u64(state.usage);
    h.u64(state.deltas);
    Ok(Outcome {
        count: state.deltas,
        hash: h.finish(),
    })
}

/// A diagnostic reference, not the floor: the same pre-serialized requests and minimal
/// parsing, but sent through hyper-util's pooled legacy `Client` (the one our transport
/// uses), to separate the pool's cost from the SDK's own. Chat scenarios only.
pub(crate) async fn run_pooled(
    scenario: Scenario,
    port: u16,
    quick: bool,
) -> Result<Outcome, String> {
    use hyper_util::client::legacy::Client;
    use hyper_util::client::legacy::connect::HttpConnector;
    use hyper_util::rt::TokioExecutor;

    let n = scenario.requests(quick);
    let mut http = HttpConnector::new();
    http.set_nodelay(true);
    let client: Client<HttpConnector, Full<Bytes>> =
        Client::builder(TokioExecutor::new()).build(http);
    let uri: http::Uri = format!(
        "http://127.0.0.1:{port}/{}/v1/chat/completions",
        scenario.name()
    )
    .parse()
    .map_err(|e: http::uri::InvalidUri| e.to_string())?;
    let target = Target::new(port, scenario, "chat/completions")?;
    let bodies = Arc::new(chat_bodies(false));
    let in_flight = match scenario {
        Scenario::Seq => 1,
        Scenario::Conc => CONC_IN_FLIGHT,
        _ => return Err("floor-pool runs seq and conc only".into()),
    };
    let next = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::with_capacity(in_flight);
    for _ in 0..in_flight {
        let (client, uri, target, bodies, next) = (
            client.clone(),
            uri.clone(),
            target.clone(),
            bodies.clone(),
            next.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut out = Outcome::default();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    return Ok::<_, String>(out);
                }
                let mut req = target.post(&bodies[i % VARIANTS])?;
                *req.uri_mut() = uri.clone();
                let resp = client.request(req).await.map_err(|e| e.to_string())?;
                out.add(chat_hash(&ok_body(resp).await?)?);
            }
        }));
    }
    let mut total = Outcome::default();
    for task in tasks {
        total.merge(task.await.map_err(|e| e.to_string())??);
    }
    Ok(total)
}

/// Runs `scenario` with the floor client.
pub(crate) async fn run(
    scenario: Scenario,
    addr: &ServerAddr,
    quick: bool,
) -> Result<Outcome, String> {
    let n = scenario.requests(quick);
    let port = addr.port;
    match scenario {
        Scenario::TlsConc => tls_concurrent(addr, n).await,
        Scenario::TlsStream => tls_stream(addr).await,
        Scenario::Conversation => {
            let target = Target::new(port, scenario, "responses")?;
            let body = conversation_body();
            let bodies = vec![body; VARIANTS];
            sequential(port, &target, &bodies, n, conversation_hash).await
        }
        Scenario::Seq => {
            let target = Target::new(port, scenario, "chat/completions")?;
            sequential(port, &target, &chat_bodies(false), n, chat_hash).await
        }
        Scenario::Conc => {
            let target = Target::new(port, scenario, "chat/completions")?;
            concurrent(port, target, Arc::new(chat_bodies(false)), n).await
        }
        Scenario::Stream64k | Scenario::Stream512 => {
            let target = Target::new(port, scenario, "chat/completions")?;
            stream(port, &target).await
        }
        Scenario::ResponsesStream | Scenario::ResponsesStreamRef => {
            let target = Target::new(port, scenario, "responses")?;
            responses_stream(port, &target).await
        }
        Scenario::EmbedFloat | Scenario::EmbedBase64 => {
            let base64 = scenario == Scenario::EmbedBase64;
            let target = Target::new(port, scenario, "embeddings")?;
            sequential(port, &target, &embed_bodies(base64), n, |b| {
                embed_hash(b, base64)
            })
            .await
        }
    }
}
