//! The raw server: reads each request's head (and its announced body), records the request
//! line, then hands the socket to the case's script, which writes whatever bytes it wants.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use openai_sdk::{Client, ClientBuilder};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

pub(crate) const MODEL: &str = "gpt-4o-mini";
pub(crate) const REQUEST_ID: &str = "req_hostile";

/// The two service shapes; routes differ, so cases run in both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    OpenAi,
    Azure,
}

pub(crate) const MODES: [Mode; 2] = [Mode::OpenAi, Mode::Azure];

impl Mode {
    pub(crate) fn builder(self, server: &Hostile) -> ClientBuilder {
        let port = server.addr.port();
        let builder = match self {
            Mode::OpenAi => Client::builder()
                .base_url(format!("http://127.0.0.1:{port}/v1"))
                .api_key("sk-hostile"),
            Mode::Azure => Client::builder()
                .azure_endpoint(format!("http://127.0.0.1:{port}"))
                .api_version("2024-10-21")
                .azure_api_key("azure-hostile"),
        };
        builder.no_proxy()
    }

    /// The path a chat completion goes to.
    pub(crate) fn chat_path(self) -> String {
        match self {
            Mode::OpenAi => "/v1/chat/completions".to_owned(),
            Mode::Azure => format!("/openai/deployments/{MODEL}/chat/completions"),
        }
    }
}

/// A running raw server.
pub(crate) struct Hostile {
    pub(crate) addr: SocketAddr,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Hostile {
    /// Starts a server that runs `script` on every connection, after the request was read.
    /// The script gets the connection's index (0 for the first).
    pub(crate) async fn start<F, Fut>(script: F) -> Hostile
    where
        F: Fn(usize, TcpStream) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        Self::start_inner(true, script).await
    }

    /// Starts a server whose script gets each connection before anything was read.
    pub(crate) async fn start_raw<F, Fut>(script: F) -> Hostile
    where
        F: Fn(usize, TcpStream) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        Self::start_inner(false, script).await
    }

    async fn start_inner<F, Fut>(read_first: bool, script: F) -> Hostile
    where
        F: Fn(usize, TcpStream) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = requests.clone();
        let script = Arc::new(script);
        tokio::spawn(async move {
            let mut n = 0;
            while let Ok((mut socket, _)) = listener.accept().await {
                let script = script.clone();
                let seen = seen.clone();
                let index = n;
                n += 1;
                tokio::spawn(async move {
                    if read_first {
                        match read_request(&mut socket).await {
                            Some(line) => seen.lock().unwrap().push(line),
                            None => return,
                        }
                    }
                    script(index, socket).await;
                });
            }
        });
        Hostile { addr, requests }
    }

    /// The request lines received (`POST /v1/chat/completions HTTP/1.1`).
    pub(crate) fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

/// Reads one request head (not its body); returns it.
pub(crate) async fn read_head(socket: &mut TcpStream) -> Option<String> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if socket.read(&mut byte).await.ok()? == 0 {
            return None;
        }
        head.push(byte[0]);
    }
    Some(String::from_utf8_lossy(&head).into_owned())
}

/// Reads one request head and its `content-length` body; returns the request line.
async fn read_request(socket: &mut TcpStream) -> Option<String> {
    let text = read_head(socket).await?;
    let length = text
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.trim()
                .eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<u64>().ok())?
        })
        .unwrap_or(0);
    let mut left = length;
    let mut buf = vec![0u8; 16 * 1024];
    while left > 0 {
        let want = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        match socket.read(&mut buf[..want]).await {
            Ok(0) | Err(_) => break, // the client gave up mid-body: the script still runs
            Ok(read) => left -= read as u64,
        }
    }
    text.lines().next().map(str::to_owned)
}

/// A response head: the status line, `headers`, and the request id.
pub(crate) fn head(status: &str, headers: &[(&str, &str)]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\nx-request-id: {REQUEST_ID}\r\n");
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    out.into_bytes()
}

/// Writes `bytes`; a client that hung up is not an error for the server.
pub(crate) async fn write(socket: &mut TcpStream, bytes: &[u8]) -> bool {
    socket.write_all(bytes).await.is_ok() && socket.flush().await.is_ok()
}

/// Writes `head` then `body` one byte per `every`, forever (until the client hangs up).
pub(crate) async fn drip(
    mut socket: TcpStream,
    head: Vec<u8>,
    body: &'static [u8],
    every: Duration,
) {
    if !write(&mut socket, &head).await {
        return;
    }
    for byte in body.iter().cycle() {
        tokio::time::sleep(every).await;
        if !write(&mut socket, &[*byte]).await {
            return;
        }
    }
}
