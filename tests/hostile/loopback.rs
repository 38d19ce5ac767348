//! Loopback is `localhost` exactly, 127.0.0.0/8 and `::1`: only those get plain http, and
//! they never go through a proxy. `*.localhost` is resolved like any name, so it is neither.

use std::sync::{Arc, Mutex};

use openai_sdk::Client;
use tokio::io::AsyncReadExt;
use tokio::net::TcpListener;

use crate::serial;
use crate::server::{Hostile, head, write};

/// A "proxy" that records the first line of each connection and closes it.
async fn recording_proxy() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut buf = vec![0u8; 1024];
            let n = socket.read(&mut buf).await.unwrap_or(0);
            let text = String::from_utf8_lossy(&buf[..n]).into_owned();
            record
                .lock()
                .unwrap()
                .push(text.lines().next().unwrap_or_default().to_owned());
        }
    });
    (port, seen)
}

#[tokio::test]
async fn subdomain_of_localhost_is_not_loopback() {
    let _serial = serial().await;
    for url in ["http://api.localhost:8080/v1", "http://a.b.LOCALHOST/v1"] {
        let err = Client::builder()
            .base_url(url)
            .api_key("sk-hostile")
            .build()
            .unwrap_err();
        let host = url
            .trim_start_matches("http://")
            .split([':', '/'])
            .next()
            .unwrap()
            .to_ascii_lowercase();
        assert_eq!(
            err.to_string(),
            format!(
                "invalid request: refusing plain http:// to the non-loopback host {host}: the \
                 credential would travel unencrypted; use https://, or opt in with \
                 `.allow_insecure_connection(true)` on the client builder \
                 (`Endpoint::allow_insecure(true)` on a core-http endpoint)"
            )
        );
    }
    let err = Client::builder()
        .azure_endpoint("http://my-resource.localhost")
        .api_version("2024-10-21")
        .azure_api_key("azure-hostile")
        .build()
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("non-loopback host my-resource.localhost"),
        "{err}"
    );
}

/// `localhost` and 127.0.0.0/8 go straight to the server even with a proxy configured.
#[tokio::test]
async fn loopback_never_goes_through_the_proxy() {
    let _serial = serial().await;
    let server = Hostile::start(|_, mut socket| async move {
        let body = r#"{"object":"list","data":[]}"#;
        let mut bytes = head(
            "200 OK",
            &[
                ("content-type", "application/json"),
                ("content-length", &body.len().to_string()),
            ],
        );
        bytes.extend_from_slice(body.as_bytes());
        write(&mut socket, &bytes).await;
    })
    .await;
    let (proxy_port, proxied) = recording_proxy().await;
    let port = server.addr.port();
    for host in ["localhost", "127.0.0.1"] {
        let client = Client::builder()
            .base_url(format!("http://{host}:{port}/v1"))
            .api_key("sk-hostile")
            .proxy(format!("http://127.0.0.1:{proxy_port}"))
            .build()
            .unwrap();
        let list = client.models().list().await.unwrap();
        assert!(list.data.is_empty(), "{host}");
    }
    assert_eq!(server.requests().len(), 2);
    assert!(proxied.lock().unwrap().is_empty());
}

/// A `*.localhost` name allowed over plain http is treated as remote: it goes to the proxy
/// (which here is a loopback listener), it is not resolved and dialled as if it were local.
#[tokio::test]
async fn subdomain_of_localhost_goes_through_the_proxy() {
    let _serial = serial().await;
    let (proxy_port, proxied) = recording_proxy().await;
    let client = Client::builder()
        .base_url("http://api.localhost:9/v1")
        .allow_insecure_connection(true)
        .api_key("sk-hostile")
        .proxy(format!("http://127.0.0.1:{proxy_port}"))
        .max_retries(0)
        .build()
        .unwrap();
    let err = client.models().list().await.unwrap_err();
    assert!(err.attempts() <= 1, "{err:?}");
    assert_eq!(
        proxied.lock().unwrap().clone(),
        ["CONNECT api.localhost:9 HTTP/1.1"]
    );
}
