//! Real sockets on 127.0.0.1: keep-alive, HTTP/2 over TLS with a self-signed certificate,
//! connection failures before and during the body, a stalled body. Real time, short limits.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use bytes::Bytes;
use core_http::http::Version;
use core_http::{Endpoint, ErrorKind, HttpClient, Jitter, RetryConfig, Scope, TimeoutKind};
use http_body_util::Full;
use hyper::service::service_fn;
use serde_json::Value;

use crate::support::{Action, RawServer};

fn client_for(url: &str) -> HttpClient {
    HttpClient::builder()
        .endpoint(Endpoint::openai(url).unwrap())
        .no_proxy()
        .retry_config(
            RetryConfig::default()
                .jitter(Jitter::fixed(1.0))
                .initial_delay(Duration::from_millis(10)),
        )
        .build()
        .unwrap()
}

/// Pooled connections are reused across sequential calls (and across client clones).
#[tokio::test]
async fn keep_alive_reuses_one_connection() {
    let server = RawServer::start(vec![Action::Respond(200, r#"{"n":1}"#)]).await;
    let client = client_for(&server.url());
    for _ in 0..5 {
        let v: Value = client.get("/x", Scope::Resource).send_json().await.unwrap();
        assert_eq!(v["n"], 1);
    }
    let v: Value = client
        .clone()
        .get("/x", Scope::Resource)
        .send_json()
        .await
        .unwrap();
    assert_eq!(v["n"], 1);
    assert_eq!(server.requests.load(Ordering::SeqCst), 6);
    assert_eq!(server.accepted.load(Ordering::SeqCst), 1);
}

/// Body-less calls as a proxy sees them: a POST (a cancel) says `content-length: 0`, since
/// hyper writes no length for an empty body and proxies answer such a POST with 411; POST and
/// DELETE say JSON, as openai-python does; a GET carries neither.
#[tokio::test]
async fn body_less_requests_carry_length_and_content_type() {
    let server = RawServer::start(vec![Action::Respond(200, "{}")]).await;
    let client = client_for(&server.url());
    for request in [
        client.post("/batches/b1/cancel", Scope::Resource),
        client.delete("/files/f1", Scope::Resource),
        client.get("/files", Scope::Resource),
    ] {
        request.send_bytes().await.unwrap();
    }
    let heads = server.heads.lock().unwrap().clone();
    let has = |i: usize, line: &str| heads[i].contains(&format!("\r\n{line}\r\n"));
    assert!(
        heads[0].starts_with("post /batches/b1/cancel "),
        "{}",
        heads[0]
    );
    assert!(has(0, "content-length: 0"), "{}", heads[0]);
    assert!(has(0, "content-type: application/json"), "{}", heads[0]);
    assert!(!heads[0].contains("transfer-encoding"), "{}", heads[0]);
    assert!(heads[1].starts_with("delete /files/f1 "), "{}", heads[1]);
    assert!(has(1, "content-type: application/json"), "{}", heads[1]);
    assert!(!heads[1].contains("content-length"), "{}", heads[1]);
    assert!(heads[2].starts_with("get /files "), "{}", heads[2]);
    assert!(!heads[2].contains("content-type"), "{}", heads[2]);
    assert!(!heads[2].contains("content-length"), "{}", heads[2]);
}

/// The server drops the connection before any response: retried on a
/// new connection, then succeeds.
#[tokio::test]
async fn close_before_headers_is_retried() {
    let server =
        RawServer::start(vec![Action::Close, Action::Respond(200, r#"{"ok":true}"#)]).await;
    let client = client_for(&server.url());
    let (v, meta) = client
        .post("/chat/completions", Scope::Resource)
        .json(&serde_json::json!({"a": 1}))
        .send_json_with_meta::<Value>()
        .await
        .unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(meta.attempts, 2);
    assert_eq!(meta.request_id.as_deref(), Some("req_raw"));
    assert_eq!(server.requests.load(Ordering::SeqCst), 2);
}

/// A connection that breaks mid-body surfaces as `Io` (streaming read; nothing to retry).
#[tokio::test]
async fn connection_broken_mid_body_is_io() {
    let server = RawServer::start(vec![Action::TruncateBody {
        len: 100,
        sent: "{\"partial\":",
    }])
    .await;
    let client = client_for(&server.url());
    let resp = client.get("/x", Scope::Resource).send().await.unwrap();
    let err = resp.into_body().collect_bytes().await.unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Io), "{err:?}");
    assert!(std::error::Error::source(&err).is_some());

    // The buffered path retries it and, with retries off, reports Io too.
    let err = client
        .get("/x", Scope::Resource)
        .options(&core_http::RequestOptions::default().max_retries(0))
        .send_bytes()
        .await
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Io), "{err:?}");
}

/// A body that stalls trips the idle timeout (200 ms, real time) and says `StreamIdle`.
#[tokio::test]
async fn stalled_stream_hits_idle_timeout() {
    let server = RawServer::start(vec![Action::StallBody {
        sent: "data: {\"n\":1}\n\n",
    }])
    .await;
    let client = HttpClient::builder()
        .endpoint(Endpoint::openai(server.url()).unwrap())
        .no_proxy()
        .idle_timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let mut sse = client
        .get("/stream", Scope::Resource)
        .send_sse()
        .await
        .unwrap();
    assert_eq!(
        sse.events.next_event().await.unwrap().unwrap().data(),
        "{\"n\":1}"
    );
    let err = sse.events.next_event().await.unwrap().unwrap_err();
    assert_eq!(err.timeout_kind(), Some(TimeoutKind::StreamIdle));
}

/// A TLS server with an rcgen self-signed certificate, offering `alpn`; counts accepted TCP
/// connections. With `refuse_first`, the first connection is closed before the handshake.
struct TlsServer {
    port: u16,
    cert_pem: String,
    accepted: Arc<AtomicUsize>,
}

async fn tls_server(alpn: &[&[u8]], refuse_first: bool) -> TlsServer {
    let cert =
        rcgen::generate_simple_self_signed(vec!["localhost".into(), "127.0.0.1".into()]).unwrap();
    let cert_der = cert.cert.der().clone();
    let key_der = rustls::pki_types::PrivateKeyDer::Pkcs8(cert.key_pair.serialize_der().into());
    let mut tls = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(vec![cert_der], key_der)
    .unwrap();
    tls.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(tls));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let accepted = Arc::new(AtomicUsize::new(0));
    let acc = accepted.clone();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            if acc.fetch_add(1, Ordering::SeqCst) == 0 && refuse_first {
                drop(tcp);
                continue;
            }
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(stream) = acceptor.accept(tcp).await else {
                    return;
                };
                let svc = service_fn(|req: hyper::Request<hyper::body::Incoming>| async move {
                    let body = format!(r#"{{"version":"{:?}"}}"#, req.version());
                    Ok::<_, std::convert::Infallible>(hyper::Response::new(Full::new(Bytes::from(
                        body,
                    ))))
                });
                let _ = hyper_util::server::conn::auto::Builder::new(
                    hyper_util::rt::TokioExecutor::new(),
                )
                .serve_connection(hyper_util::rt::TokioIo::new(stream), svc)
                .await;
            });
        }
    });
    TlsServer {
        port,
        cert_pem: cert.cert.pem(),
        accepted,
    }
}

impl TlsServer {
    fn client(&self, max_retries: u32) -> HttpClient {
        HttpClient::builder()
            .endpoint(Endpoint::openai(format!("https://127.0.0.1:{}", self.port)).unwrap())
            .no_proxy()
            .add_root_certificate(&self.cert_pem)
            .max_retries(max_retries)
            .build()
            .unwrap()
    }

    fn accepted(&self) -> usize {
        self.accepted.load(Ordering::SeqCst)
    }
}

/// Sends `n` requests at once on `client`; the negotiated version of each, or its error.
async fn burst(client: &HttpClient, n: usize) -> Vec<Result<Version, core_http::Error>> {
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..n {
        let client = client.clone();
        tasks.spawn(async move {
            let resp = client.get("/v", Scope::Resource).send().await?;
            let version = resp.version();
            resp.into_body().collect_bytes().await?;
            Ok(version)
        });
    }
    tasks.join_all().await
}

/// HTTP/2 negotiated by ALPN over TLS, with an rcgen self-signed certificate trusted through
/// the builder; several calls share one connection.
#[tokio::test]
async fn http2_over_tls_with_self_signed_certificate() {
    let server = tls_server(&[b"h2", b"http/1.1"], false).await;

    // Without trusting the certificate the handshake fails: a connect error, not a panic.
    let untrusted = HttpClient::builder()
        .endpoint(Endpoint::openai(format!("https://127.0.0.1:{}", server.port)).unwrap())
        .no_proxy()
        .max_retries(0)
        .build()
        .unwrap();
    let err = untrusted
        .get("/v", Scope::Resource)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Connect), "{err:?}");

    let client = server.client(2);
    for _ in 0..3 {
        let resp = client.get("/v", Scope::Resource).send().await.unwrap();
        assert_eq!(resp.version(), Version::HTTP_2);
        let body = resp.into_body().collect_bytes().await.unwrap();
        assert_eq!(body, r#"{"version":"HTTP/2.0"}"#);
    }
    // One TCP connection for the untrusted attempt, one shared by the three HTTP/2 calls.
    assert_eq!(server.accepted(), 2);
}

/// A cold client sending many requests at once to an HTTP/2 origin makes one TLS handshake
/// and multiplexes them all on it (instead of one handshake per request, all but one thrown
/// away); once the flight is over, later calls reuse the connection too.
async fn cold_start_burst_makes_one_connection() {
    let server = tls_server(&[b"h2", b"http/1.1"], false).await;
    let client = server.client(0);
    let results = burst(&client, 32).await;
    assert!(
        results.iter().all(|r| matches!(r, Ok(Version::HTTP_2))),
        "{results:?}"
    );
    assert_eq!(server.accepted(), 1);
    assert!(burst(&client, 8).await.iter().all(|r| r.is_ok()));
    assert_eq!(server.accepted(), 1);
}

#[tokio::test]
async fn cold_start_burst_over_alpn_h2_makes_one_connection() {
    cold_start_burst_makes_one_connection().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cold_start_burst_over_alpn_h2_makes_one_connection_multi_thread() {
    cold_start_burst_makes_one_connection().await;
}

/// When ALPN picks HTTP/1.1, the held requests dial their own connections (one request per
/// connection at a time) and all succeed.
#[tokio::test]
async fn cold_start_burst_over_alpn_http1_dials_per_request() {
    let server = tls_server(&[b"http/1.1"], false).await;
    let client = server.client(0);
    let results = burst(&client, 8).await;
    assert!(
        results.iter().all(|r| matches!(r, Ok(Version::HTTP_11))),
        "{results:?}"
    );
    assert!(
        server.accepted() >= 1 && server.accepted() <= 8,
        "{}",
        server.accepted()
    );
}

/// When the first connect fails, the requests held behind it are not failed with it: they dial
/// themselves. Without retries exactly the first request fails.
#[tokio::test]
async fn held_requests_dial_when_the_first_connect_fails() {
    let server = tls_server(&[b"h2", b"http/1.1"], true).await;
    let client = server.client(0);
    let results = burst(&client, 16).await;
    let failed = results.iter().filter(|r| r.is_err()).count();
    assert_eq!(failed, 1, "{results:?}");
    let err = results.into_iter().find_map(Result::err).unwrap();
    assert!(matches!(err.kind(), ErrorKind::Connect), "{err:?}");
}

/// An explicit proxy is used through `CONNECT` for non-loopback hosts, with the URL's
/// credentials as `Proxy-Authorization`; a refused tunnel is a connect error.
#[tokio::test]
async fn explicit_proxy_uses_connect_tunnel() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = tokio::sync::oneshot::channel::<String>();
    tokio::spawn(async move {
        let (mut s, _) = listener.accept().await.unwrap();
        let mut buf = vec![0u8; 4096];
        let mut head = Vec::new();
        while !head.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = s.read(&mut buf).await.unwrap();
            if n == 0 {
                break;
            }
            head.extend_from_slice(&buf[..n]);
        }
        let _ = tx.send(String::from_utf8_lossy(&head).into_owned());
        let _ = s
            .write_all(b"HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n")
            .await;
    });
    let client = HttpClient::builder()
        .endpoint(Endpoint::openai("https://api.example.test/v1").unwrap())
        .proxy(format!("http://user:pw@127.0.0.1:{port}"))
        .max_retries(0)
        .build()
        .unwrap();
    let err = client
        .get("/models", Scope::Resource)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Connect), "{err:?}");
    let head = rx.await.unwrap();
    assert!(
        head.starts_with("CONNECT api.example.test:443 HTTP/1.1\r\n"),
        "{head}"
    );
    assert!(
        head.to_ascii_lowercase()
            .contains("proxy-authorization: basic dxnlcjpwdw=="),
        "{head}"
    );
}

/// Tracing: one span per call with the documented fields, and one event per retry with the
/// reason and delay.
#[tokio::test(start_paused = true)]
async fn tracing_span_fields_and_retry_events() {
    use core_http::test_util::{MockResponse, MockTransport};
    use std::sync::Mutex;

    #[derive(Clone, Default)]
    struct Capture(Arc<Mutex<Vec<u8>>>);
    impl std::io::Write for Capture {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Capture {
        type Writer = Capture;
        fn make_writer(&'a self) -> Capture {
            self.clone()
        }
    }
    let capture = Capture::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(capture.clone())
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    // Parallel tests without a subscriber can leave a callsite with a stale "never" interest
    // if they register it while this dispatcher is being installed (tracing-core race).
    tracing::callsite::rebuild_interest_cache();

    let mock = MockTransport::new();
    mock.push(MockResponse::new(429).header("retry-after-ms", "300"))
        .push(MockResponse::json(200, &serde_json::json!({})).header("x-request-id", "req_t"));
    let client = crate::support::builder(&mock).build().unwrap();
    client
        .post("/chat/completions", Scope::Deployment("gpt-4o"))
        .operation("chat.completions.create")
        .model("gpt-4o")
        .json(&serde_json::json!({}))
        .send_bytes()
        .await
        .unwrap();
    let out = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    let retry_line = out
        .lines()
        .find(|l| l.contains("retrying request"))
        .unwrap();
    assert!(retry_line.contains("reason=\"status 429\""), "{retry_line}");
    assert!(retry_line.contains("delay_ms=300"), "{retry_line}");
    assert!(retry_line.contains("server_delay=true"), "{retry_line}");
    let done = out
        .lines()
        .find(|l| l.contains("response received"))
        .unwrap();
    for field in [
        "openai.request{",
        "otel.kind=\"client\"",
        "http.request.method=POST",
        "url.path=\"/v1/chat/completions\"",
        "openai.operation=\"chat.completions.create\"",
        "gen_ai.request.model=\"gpt-4o\"",
        "http.response.status_code=200",
        "openai.request_id=\"req_t\"",
        "openai.attempts=2",
    ] {
        assert!(done.contains(field), "missing {field} in {done}");
    }
    assert!(!out.contains("sk-test-key"));
}
