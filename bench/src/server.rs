//! The fixture server: bare hyper, HTTP/1.1, one thread, every body precomputed.
//!
//! Routes are `POST /<scenario>/v1/chat/completions`, `POST /<scenario>/v1/embeddings` and
//! `POST /<scenario>/v1/responses`;
//! the scenario in the path picks the body and its framing, `bench-<v>` in the request body
//! picks the variant. Streams go out as chunked transfer encoding in fixed-size chunks
//! (64 KiB or 512 B), which is also what the client's HTTP decoder hands upward.

use std::convert::Infallible;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::Bytes;
use http::{HeaderValue, Request, Response, StatusCode, header};
use http_body::{Body, Frame, SizeHint};
use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

use crate::fixture::{self, Scenario, VARIANTS};

struct Fixtures {
    chat: Vec<Bytes>,
    embed_float: Vec<Bytes>,
    embed_base64: Vec<Bytes>,
    stream: Bytes,
    responses_stream: Bytes,
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
    req: Request<Incoming>,
) -> Result<Response<Framed>, Infallible> {
    let path = req.uri().path().to_owned();
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
        (Some(Scenario::Seq | Scenario::Conc), "v1/chat/completions") => {
            respond(StatusCode::OK, "application/json", whole(&fixtures.chat[v]))
        }
        (Some(s @ (Scenario::Stream64k | Scenario::Stream512)), "v1/chat/completions") => respond(
            StatusCode::OK,
            "text/event-stream; charset=utf-8",
            Framed {
                body: fixtures.stream.clone(),
                frame: s.frame_size(),
                chunked: true,
            },
        ),
        (Some(s @ Scenario::ResponsesStream), "v1/responses") => respond(
            StatusCode::OK,
            "text/event-stream; charset=utf-8",
            Framed {
                body: fixtures.responses_stream.clone(),
                frame: s.frame_size(),
                chunked: true,
            },
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

/// Precomputes every body, binds `127.0.0.1:port`, prints `listening on <addr>` and serves
/// until killed.
pub(crate) fn run(port: u16, quick: bool) -> Result<(), String> {
    let fixtures = Arc::new(Fixtures {
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
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        println!("listening on {addr}");
        use std::io::Write as _;
        let _ = std::io::stdout().flush();
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
                let service = service_fn(move |req| handle(fixtures.clone(), req));
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(tcp), service)
                    .await;
            });
        }
    })
}
