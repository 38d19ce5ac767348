//! Server lifecycle: URLs, request ids, keep-alive, shutdown on drop, TLS with HTTP/2.

use std::sync::Arc;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use openai_mock::MockServer;

use crate::support::{client, openai_get, send};

#[tokio::test]
async fn urls_name_the_bound_loopback_port() {
    let server = MockServer::start().await;
    let port = server.addr().port();
    assert!(server.addr().ip().is_loopback());
    assert_eq!(server.base_url(), format!("http://127.0.0.1:{port}/v1"));
    assert_eq!(server.azure_endpoint(), format!("http://127.0.0.1:{port}"));
    assert_eq!(
        server.url("/v1/models"),
        format!("http://127.0.0.1:{port}/v1/models")
    );
    assert!(server.tls_certificate_der().is_none());
}

#[tokio::test]
async fn request_ids_are_unique_and_deterministic() {
    let server = MockServer::start().await;
    let mut ids = Vec::new();
    for _ in 0..3 {
        let resp = openai_get(&server, "/models").await;
        assert_eq!(resp.status, 200);
        ids.push(resp.header("x-request-id").unwrap().to_owned());
        assert!(
            resp.header("apim-request-id").is_none(),
            "OpenAI routes have no apim id"
        );
    }
    assert_eq!(ids, ["req_1", "req_2", "req_3"]);
}

#[tokio::test]
async fn a_pooled_client_reuses_one_connection() {
    let server = MockServer::start().await;
    let client = client();
    let url = format!("{}/models", server.base_url());
    for _ in 0..3 {
        let resp = send(&client, "GET", &url, &[("authorization", "Bearer k")], None)
            .await
            .unwrap();
        assert_eq!(resp.status, 200);
    }
    assert_eq!(server.connection_count(), 1);
    // A second client opens its own connection.
    send(
        &crate::support::client(),
        "GET",
        &url,
        &[("authorization", "Bearer k")],
        None,
    )
    .await
    .unwrap();
    assert_eq!(server.connection_count(), 2);
}

#[tokio::test]
async fn dropping_the_server_stops_listening() {
    let server = MockServer::start().await;
    let addr = server.addr();
    drop(server);
    // Let the aborted accept task unwind.
    tokio::task::yield_now().await;
    let result = tokio::net::TcpStream::connect(addr).await;
    assert!(result.is_err(), "still accepting after drop");
}

#[tokio::test]
async fn dropping_the_server_closes_open_connections() {
    let server = MockServer::start().await;
    let client = client();
    let url = format!("{}/models", server.base_url());
    send(&client, "GET", &url, &[("authorization", "Bearer k")], None)
        .await
        .unwrap();
    drop(server);
    tokio::task::yield_now().await;
    // The pooled connection was closed by the server, and nothing listens any more.
    let second = send(&client, "GET", &url, &[("authorization", "Bearer k")], None).await;
    assert!(second.is_err(), "{second:?}");
}

#[tokio::test(start_paused = true)]
async fn runs_on_a_paused_current_thread_runtime() {
    let server = MockServer::start().await;
    server
        .on("GET", "/v1/models")
        .respond(openai_mock::Reply::empty(204).delay(std::time::Duration::from_secs(3600)));
    let started = tokio::time::Instant::now();
    let resp = openai_get(&server, "/models").await;
    assert_eq!(resp.status, 204);
    // An hour of virtual time, no real waiting.
    assert!(started.elapsed() >= std::time::Duration::from_secs(3600));
}

fn tls_client(
    server: &MockServer,
    http2_only: bool,
) -> Client<
    hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>,
    Full<Bytes>,
> {
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(rustls::pki_types::CertificateDer::from(
            server.tls_certificate_der().unwrap().to_vec(),
        ))
        .unwrap();
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_root_certificates(roots)
    .with_no_client_auth();
    let builder = hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config(config)
        .https_only();
    let connector = if http2_only {
        builder.enable_http2().build()
    } else {
        builder.enable_http1().enable_http2().build()
    };
    let mut client = Client::builder(TokioExecutor::new());
    if http2_only {
        client.http2_only(true);
    }
    client.build(connector)
}

#[tokio::test]
async fn tls_serves_http2_and_http1_with_the_exposed_certificate() {
    let server = MockServer::builder().tls(true).start().await;
    assert!(server.base_url().starts_with("https://127.0.0.1:"));
    let pem = server.tls_certificate_pem().unwrap();
    assert!(pem.starts_with("-----BEGIN CERTIFICATE-----"), "{pem}");

    for (http2_only, expected) in [
        (true, http::Version::HTTP_2),
        (false, http::Version::HTTP_2),
    ] {
        let client = tls_client(&server, http2_only);
        let request = http::Request::get(format!("{}/models", server.base_url()))
            .header("authorization", "Bearer k")
            .body(Full::<Bytes>::default())
            .unwrap();
        let response = client.request(request).await.unwrap();
        // ALPN offers h2 first, so both clients negotiate HTTP/2.
        assert_eq!(response.version(), expected);
        assert_eq!(response.status(), 200);
        let id = response.headers()["x-request-id"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(id.starts_with("req_"), "{id}");
        let body = response.into_body().collect().await.unwrap().to_bytes();
        assert!(body.starts_with(b"{"));
    }

    // An HTTP/1.1-only client is served too.
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(rustls::pki_types::CertificateDer::from(
            server.tls_certificate_der().unwrap().to_vec(),
        ))
        .unwrap();
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_root_certificates(roots)
    .with_no_client_auth();
    let connector = hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config(config)
        .https_only()
        .enable_http1()
        .build();
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build(connector);
    let request = http::Request::get(format!("{}/models", server.base_url()))
        .header("authorization", "Bearer k")
        .body(Full::default())
        .unwrap();
    let response = client.request(request).await.unwrap();
    assert_eq!(response.version(), http::Version::HTTP_11);
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn tls_rejects_a_client_that_does_not_trust_the_certificate() {
    let server = MockServer::builder().tls(true).start().await;
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_root_certificates(rustls::RootCertStore::empty())
    .with_no_client_auth();
    let connector = hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config(config)
        .https_only()
        .enable_http1()
        .build();
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build(connector);
    let request = http::Request::get(format!("{}/models", server.base_url()))
        .body(Full::default())
        .unwrap();
    assert!(client.request(request).await.is_err());
}
