//! The fixture server: bare hyper, one thread, every body precomputed.
//!
//! It listens twice on 127.0.0.1: plain HTTP/1.1, and TLS (a self-signed certificate made
//! at start with rcgen) with HTTP/2 or HTTP/1.1 by ALPN. Besides the scenario routes, the
//! plain port answers `GET /cert.pem` (the certificate, for clients to trust) and
//! `GET /stats` (connections that served a scenario request, TLS handshakes and their total
//! time, HTTP/2 connections: counters since start, read by `cargo xtask bench` around each
//! client run).
//!
//! Routes are `POST /<scenario>/v1/chat/completions`, `POST /<scenario>/v1/embeddings` and
//! `POST /<scenario>/v1/responses`;
//! the scenario in the path picks the body and its framing, `bench-<v>` in the request body
//! picks the variant. Streams go out as chunked transfer encoding in fixed-size chunks
//! (64 KiB or 512 B), which is also what the client's HTTP decoder hands upward.

use std::convert::Infallible;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::Instant;

use bytes::Bytes;
use http::{HeaderValue, Request, Response, StatusCode, header};
use http_body::{Body, Frame, SizeHint};
use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio::net::TcpListener;

use crate::fixture::{self, Scenario, VARIANTS};

struct Fixtures {
    cert_pem: Bytes,
    conversation: Bytes,
    chat: Vec<Bytes>,
    embed_float: Vec<Bytes>,
    embed_base64: Vec<Bytes>,
    stream: Bytes,
    responses_stream: Bytes,
}

/// Connections that served at least one scenario request.
static CONNECTIONS: AtomicU64 = AtomicU64::new(0);
/// Completed TLS handshakes (whether or not a request followed).
static TLS_HANDSHAKES: AtomicU64 = AtomicU64::new(0);
/// Time from accept to the end of the TLS handshake, summed, in microseconds.
static TLS_HANDSHAKE_US: AtomicU64 = AtomicU64::new(0);
/// TLS connections that negotiated HTTP/2.
static H2_CONNECTIONS: AtomicU64 = AtomicU64::new(0);

fn stats_json() -> String {
    format!(
        "{{\"connections\":{},\"tls_handshakes\":{},\"tls_handshake_us\":{},\"h2_connections\":{}}}",
        CONNECTIONS.load(Ordering::Relaxed),
        TLS_HANDSHAKES.load(Ordering::Relaxed),
        TLS_HANDSHAKE_US.load(Ordering::Relaxed),
        H2_CONNECTIONS.load(Ordering::Relaxed),
    )
}

/// Headers the service sends on every response (rate limits, ids, CDN).
const COMMON_HEADERS: &[(&str, &str)] = &[
    ("access-control-expose-headers", "X-Request-ID"),
    ("openai-organization", "user-benchmark0000000000"),
    ("openai-processing-ms", "312"),
    ("openai-project", "proj_Benchmark00000000000000"),
    ("openai-version", "2020-10-01"),
    ("x-ratelimit-limit-requests", "10000"),
    ("x-ratelimit-limit-tokens", "200000"),
    ("x-ratelimit-remaining-requests", "9999"),
    ("x-ratelimit-remaining-tokens", "199975"),
    ("x-ratelimit-reset-requests", "8.64s"),
    ("x-ratelimit-reset-tokens", "7ms"),
    ("x-request-id", "req_0123456789abcdef0123456789abcdef"),
    (
        "strict-transport-security",
        "max-age=31536000; includeSubDomains; preload",
    ),
    ("cf-cache-status", "DYNAMIC"),
    ("x-content-type-options", "nosniff"),
    ("server", "cloudflare"),
    ("cf-ray", "8f1a2b3c4d5e6f70-SJC"),
    ("alt-svc", "h3=\":443\"; ma=86400"),
];

/// A precomputed body sent in fixed-size chunks (zero-copy slices of one buffer).
struct Framed {
    body: Bytes,
    frame: usize,
    /// Streams have no known length (chunked encoding, as the service streams); whole
    /// bodies send `content-length`.
    chunked: bool,
}

impl Body for Framed {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        let this = self.get_mut();
        if this.body.is_empty() {
            return Poll::Ready(None);
        }
        let n = this.frame.min(this.body.len());
        Poll::Ready(Some(Ok(Frame::data(this.body.split_to(n)))))
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_empty()
    }

    fn size_hint(&self) -> SizeHint {
        if self.chunked {
            SizeHint::default()
        } else {
            SizeHint::with_exact(self.body.len() as u64)
        }
    }
}

fn variant_of(body: &[u8]) -> usize {
    memchr::memmem::find(body, b"bench-")
        .and_then(|at| body.get(at + 6))
        .filter(|b| b.is_ascii_digit())
        .map_or(0, |b| usize::from(b - b'0') % VARIANTS)
}

fn respond(status: StatusCode, content_type: &'static str, body: Framed) -> Response<Framed> {
    let mut resp = Response::new(body);
    *resp.status_mut() = status;
    let headers = resp.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    for (name, value) in COMMON_HEADERS {
        headers.insert(*name, HeaderValue::from_static(value));
    }
    resp
}

async fn handle(
    fixtures: Arc<Fixtures>,
    counted: Arc<AtomicBool>,
    req: Request<Incoming>,
) -> Result<Response<Framed>, Infallible> {
    let path = req.uri().path().to_owned();
    if req.method() == http::Method::GET {
        let whole = |b: Bytes| Framed {
            frame: b.len().max(1),
            body: b,
            chunked: false,
        };
        return Ok(match path.as_str() {
            "/cert.pem" => respond(
                StatusCode::OK,
                "application/x-pem-file",
                whole(fixtures.cert_pem.clone()),
            ),
            "/stats" => respond(
                StatusCode::OK,
                "application/json",
                whole(Bytes::from(stats_json())),
            ),
            _ => respond(StatusCode::NOT_FOUND, "text/plain", whole(Bytes::new())),
        });
    }
    if !counted.swap(true, Ordering::Relaxed) {
        CONNECTIONS.fetch_add(1, Ordering::Relaxed);
    }
    let body = match req.into_body().collect().await {
        Ok(b) => b.to_bytes(),
        Err(_) => Bytes::new(),
    };
    let v = variant_of(&body);
    let mut parts = path.trim_start_matches('/').splitn(2, '/');
    let scenario = parts.next().and_then(Scenario::parse);
    let route = parts.next().unwrap_or("");
    let whole = |b: &Bytes| Framed {
        frame: b.len().max(1),
        body: b.clone(),
        chunked: false,
    };
    let resp = match (scenario, route) {
        (Some(Scenario::Seq | Scenario::Conc | Scenario::TlsConc), "v1/chat/completions") => {
            respond(StatusCode::OK, "application/json", whole(&fixtures.chat[v]))
        }
        (
            Some(s @ (Scenario::Stream64k | Scenario::Stream512 | Scenario::TlsStream)),
            "v1/chat/completions",
        ) => respond(
            StatusCode::OK,
            "text/event-stream; charset=utf-8",
            Framed {
                body: fixtures.stream.clone(),
                frame: s.frame_size(),
                chunked: true,
            },
        ),
        (Some(s @ (Scenario::ResponsesStream | Scenario::ResponsesStreamRef)), "v1/responses") => {
            respond(
            StatusCode::OK,
            "text/event-stream; charset=utf-8",
            Framed {
                body: fixtures.responses_stream.clone(),
                frame: s.frame_size(),
                chunked: true,
            },
            )
        }
        // The whole conversation must have arrived: one `"role"` per message.
        (Some(Scenario::Conversation), "v1/responses")
            if memchr::memmem::find_iter(&body, b"\"role\"").count()
                == fixture::CONVERSATION_ITEMS =>
        {
            respond(
                StatusCode::OK,
                "application/json",
                whole(&fixtures.conversation),
            )
        }
        (Some(Scenario::Conversation), _) => respond(
            StatusCode::BAD_REQUEST,
            "application/json",
            whole(&Bytes::from_static(
                br#"{"error":{"message":"the conversation did not arrive whole","type":"invalid_request_error"}}"#,
            )),
        ),
        (Some(Scenario::EmbedFloat), "v1/embeddings") => respond(
            StatusCode::OK,
            "application/json",
            whole(&fixtures.embed_float[v]),
        ),
        (Some(Scenario::EmbedBase64), "v1/embeddings") => respond(
            StatusCode::OK,
            "application/json",
            whole(&fixtures.embed_base64[v]),
        ),
        _ => respond(
            StatusCode::NOT_FOUND,
            "application/json",
            whole(&Bytes::from_static(
                br#"{"error":{"message":"unknown route","type":"invalid_request_error"}}"#,
            )),
        ),
    };
    Ok(resp)
}

/// The TLS side: a fresh self-signed certificate for `127.0.0.1`, ALPN `h2` then `http/1.1`.
fn tls_acceptor() -> Result<(tokio_rustls::TlsAcceptor, String), String> {
    let cert = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()])
        .map_err(|e| format!("certificate: {e}"))?;
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(cert.key_pair.serialize_der().into());
    let mut config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| e.to_string())?
    .with_no_client_auth()
    .with_single_cert(vec![cert.cert.der().clone()], key)
    .map_err(|e| e.to_string())?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok((
        tokio_rustls::TlsAcceptor::from(Arc::new(config)),
        cert.cert.pem(),
    ))
}

async fn serve_plain(listener: TcpListener, fixtures: Arc<Fixtures>) {
    loop {
        let (tcp, _) = match listener.accept().await {
            Ok(conn) => conn,
            Err(e) => {
                eprintln!("accept: {e}");
                continue;
            }
        };
        let _ = tcp.set_nodelay(true);
        let fixtures = fixtures.clone();
        tokio::spawn(async move {
            let counted = Arc::new(AtomicBool::new(false));
            let service = service_fn(move |req| handle(fixtures.clone(), counted.clone(), req));
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(tcp), service)
                .await;
        });
    }
}

async fn serve_tls(
    listener: TcpListener,
    acceptor: tokio_rustls::TlsAcceptor,
    fixtures: Arc<Fixtures>,
) {
    loop {
        let (tcp, _) = match listener.accept().await {
            Ok(conn) => conn,
            Err(e) => {
                eprintln!("accept: {e}");
                continue;
            }
        };
        let started = Instant::now();
        let _ = tcp.set_nodelay(true);
        let (fixtures, acceptor) = (fixtures.clone(), acceptor.clone());
        tokio::spawn(async move {
            let Ok(tls) = acceptor.accept(tcp).await else {
                return;
            };
            TLS_HANDSHAKES.fetch_add(1, Ordering::Relaxed);
            TLS_HANDSHAKE_US.fetch_add(started.elapsed().as_micros() as u64, Ordering::Relaxed);
            let h2 = tls.get_ref().1.alpn_protocol() == Some(b"h2".as_slice());
            let counted = Arc::new(AtomicBool::new(false));
            let service = service_fn(move |req| handle(fixtures.clone(), counted.clone(), req));
            let io = TokioIo::new(tls);
            if h2 {
                H2_CONNECTIONS.fetch_add(1, Ordering::Relaxed);
                let _ = hyper::server::conn::http2::Builder::new(TokioExecutor::new())
                    .serve_connection(io, service)
                    .await;
            } else {
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(io, service)
                    .await;
            }
        });
    }
}

/// Precomputes every body, binds `127.0.0.1:port` (plain) and `127.0.0.1:tls_port` (TLS;
/// 0 picks a free port), prints `listening on <addr> tls <addr>` and serves until killed.
pub(crate) fn run(port: u16, tls_port: u16, quick: bool) -> Result<(), String> {
    let (acceptor, cert_pem) = tls_acceptor()?;
    let fixtures = Arc::new(Fixtures {
        cert_pem: Bytes::from(cert_pem),
        conversation: Bytes::from(fixture::conversation_response_body()),
        chat: (0..VARIANTS)
            .map(|v| Bytes::from(fixture::chat_body(v)))
            .collect(),
        embed_float: (0..VARIANTS)
            .map(|v| Bytes::from(fixture::embed_body(v, false)))
            .collect(),
        embed_base64: (0..VARIANTS)
            .map(|v| Bytes::from(fixture::embed_body(v, true)))
            .collect(),
        stream: Bytes::from(fixture::stream_body(fixture::stream_chunks(quick))),
        responses_stream: Bytes::from(fixture::responses_stream_body(fixture::stream_chunks(
            quick,
        ))),
    });
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("runtime: {e}"))?;
    rt.block_on(async move {
        let listener = TcpListener::bind(("127.0.0.1", port))
            .await
            .map_err(|e| format!("bind 127.0.0.1:{port}: {e}"))?;
        let tls_listener = TcpListener::bind(("127.0.0.1", tls_port))
            .await
            .map_err(|e| format!("bind 127.0.0.1:{tls_port}: {e}"))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let tls_addr = tls_listener.local_addr().map_err(|e| e.to_string())?;
        println!("listening on {addr} tls {tls_addr}");
        use std::io::Write as _;
        let _ = std::io::stdout().flush();
        tokio::spawn(serve_tls(tls_listener, acceptor, fixtures.clone()));
        serve_plain(listener, fixtures).await;
        Ok(())
    })
}
