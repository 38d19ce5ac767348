//! Peak-memory tests, in their own binary so nothing else runs in the process: a 1 GiB upload
//! in parts and a 100,000-line batch output file, both against a small loopback server that
//! discards what it receives and generates what it sends (the mock keeps bodies in memory,
//! which would hide the client's own use).
//!
//! Peak resident memory is read from `/proc/self/status` (`VmHWM`), reset before each
//! measurement through `/proc/self/clear_refs`. Linux only; elsewhere the tests skip.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use core_http::{Credential, Endpoint, HttpClient};
use openai_files::{Batches, Uploads};
use openai_types::files::FilePurpose;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Mutex;

const MIB: u64 = 1024 * 1024;

/// One measurement at a time (under `cargo test` the tests share the process).
static SERIAL: Mutex<()> = Mutex::const_new(());

fn status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Resets the peak to the current resident size; `None` where that is not possible.
fn reset_peak() -> Option<u64> {
    std::fs::write("/proc/self/clear_refs", "5").ok()?;
    status_kib("VmHWM:").map(|kib| kib * 1024)
}

fn peak() -> u64 {
    status_kib("VmHWM:").unwrap_or(0) * 1024
}

/// What the server saw.
#[derive(Default)]
struct Seen {
    part_bytes: AtomicU64,
    part_requests: AtomicUsize,
    /// Part requests to fail with a 500 before reading them (the scripted fault).
    fail_part: AtomicUsize,
}

async fn start(seen: Arc<Seen>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                return;
            };
            let seen = seen.clone();
            tokio::spawn(async move {
                let _ = serve(socket, seen).await;
            });
        }
    });
    format!("http://{addr}/v1")
}

async fn serve(socket: TcpStream, seen: Arc<Seen>) -> std::io::Result<()> {
    let mut reader = BufReader::new(socket);
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).await? == 0 {
            return Ok(());
        }
        let mut parts = request_line.split_whitespace();
        let method = parts.next().unwrap_or_default().to_owned();
        let path = parts.next().unwrap_or_default().to_owned();
        let mut length = 0u64;
        loop {
            let mut header = String::new();
            reader.read_line(&mut header).await?;
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().unwrap_or(0);
                }
                assert!(
                    !(name.eq_ignore_ascii_case("transfer-encoding")),
                    "the client sent a chunked body"
                );
            }
        }
        let is_part = path.ends_with("/parts");
        if is_part && seen.fail_part.load(Ordering::SeqCst) > 0 {
            seen.fail_part.fetch_sub(1, Ordering::SeqCst);
            seen.part_requests.fetch_add(1, Ordering::SeqCst);
            let body = r#"{"error":{"message":"hiccup","type":"server_error"}}"#;
            let head = format!(
                "HTTP/1.1 500 Internal Server Error\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                body.len()
            );
            reader.get_mut().write_all(head.as_bytes()).await?;
            reader.get_mut().write_all(body.as_bytes()).await?;
            return Ok(());
        }
        // Small JSON bodies are kept; part bodies are counted and dropped.
        let mut small = Vec::new();
        let mut left = length;
        let mut buf = vec![0u8; 64 * 1024];
        while left > 0 {
            let want = buf.len().min(left as usize);
            let n = reader.read(&mut buf[..want]).await?;
            if n == 0 {
                return Ok(());
            }
            if !is_part {
                small.extend_from_slice(&buf[..n]);
            }
            left -= n as u64;
        }
        let route = path.split('?').next().unwrap_or_default();
        let segments: Vec<&str> = route.trim_start_matches("/v1/").split('/').collect();
        match (method.as_str(), segments.as_slice()) {
            ("GET", ["files", _, "content"]) => {
                send_lines(reader.get_mut()).await?;
            }
            ("POST", ["uploads"]) => {
                let body: Value = serde_json::from_slice(&small).unwrap_or_default();
                let reply = json!({"id": "upload_1", "object": "upload", "bytes": body["bytes"],
                    "filename": body["filename"], "purpose": body["purpose"], "status": "pending"});
                send_json(reader.get_mut(), &reply).await?;
            }
            ("POST", ["uploads", _, "parts"]) => {
                seen.part_bytes.fetch_add(length, Ordering::SeqCst);
                let n = seen.part_requests.fetch_add(1, Ordering::SeqCst);
                let reply = json!({"id": format!("part_{n}"), "object": "upload.part", "upload_id": "upload_1"});
                send_json(reader.get_mut(), &reply).await?;
            }
            ("POST", ["uploads", _, "complete"]) => {
                let body: Value = serde_json::from_slice(&small).unwrap_or_default();
                let reply = json!({"id": "upload_1", "object": "upload", "status": "completed",
                    "purpose": "batch", "bytes": 0,
                    "file": {"id": "file-1", "object": "file", "bytes": 1u64 << 30, "created_at": 1,
                        "filename": "big.bin", "purpose": "batch",
                        "status_details": body["part_ids"].to_string()}});
                send_json(reader.get_mut(), &reply).await?;
            }
            _ => {
                send_json(reader.get_mut(), &json!({"error": {"message": "no route"}})).await?;
            }
        }
    }
}

async fn send_json(socket: &mut TcpStream, value: &Value) -> std::io::Result<()> {
    let body = value.to_string();
    let head = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nx-request-id: req_mem\r\ncontent-length: {}\r\n\r\n",
        body.len()
    );
    socket.write_all(head.as_bytes()).await?;
    socket.write_all(body.as_bytes()).await
}

const LINES: usize = 100_000;

/// A batch output line of about 400 bytes.
fn output_line(i: usize) -> String {
    let padding = "x".repeat(300);
    format!(
        "{{\"id\":\"batch_req_{i}\",\"custom_id\":\"c{i}\",\"response\":{{\"status_code\":200,\"request_id\":\"r{i}\",\"body\":{{\"pad\":\"{padding}\"}}}},\"error\":null}}\n"
    )
}

/// 100,000 generated lines, chunked, 1,000 lines per chunk: never whole in memory here.
async fn send_lines(socket: &mut TcpStream) -> std::io::Result<()> {
    socket
        .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\nx-request-id: req_mem\r\ntransfer-encoding: chunked\r\n\r\n")
        .await?;
    for start in (0..LINES).step_by(1000) {
        let chunk: String = (start..start + 1000).map(output_line).collect();
        socket
            .write_all(format!("{:x}\r\n", chunk.len()).as_bytes())
            .await?;
        socket.write_all(chunk.as_bytes()).await?;
        socket.write_all(b"\r\n").await?;
    }
    socket.write_all(b"0\r\n\r\n").await
}

fn client(base: &str) -> HttpClient {
    HttpClient::builder()
        .endpoint(Endpoint::openai(base).unwrap())
        .credential(Credential::openai_key("sk-mem"))
        .max_retries(0)
        .build()
        .unwrap()
}

fn sparse_file(name: &str, len: u64) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("openai-files-mem-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(len).unwrap();
    path
}

/// 1 GiB in 16 parts of 64 MiB, 4 in flight, one part failing once: every byte is sent once
/// (plus the failed attempt's part), and peak memory grows by far less than one part.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_gib_upload_in_parts_with_bounded_memory() {
    let _serial = SERIAL.lock().await;
    let seen = Arc::new(Seen::default());
    seen.fail_part.store(1, Ordering::SeqCst);
    let base = start(seen.clone()).await;
    let http = client(&base);
    let path = sparse_file("big.bin", 1 << 30);
    let Some(before) = reset_peak() else {
        eprintln!("NOTICE: /proc/self/clear_refs unavailable; skipping the memory assertion");
        return;
    };
    let file = Uploads::new(&http)
        .upload_file_in_parts(
            &path,
            FilePurpose::Batch,
            "application/octet-stream",
            64 * MIB,
            4,
        )
        .await
        .unwrap();
    let growth = peak().saturating_sub(before);
    std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
    eprintln!(
        "1 GiB upload: peak resident memory grew by {} KiB",
        growth / 1024
    );
    assert_eq!(file.id, "file-1");
    // 16 parts plus the failed attempt; every part id in order.
    assert_eq!(seen.part_requests.load(Ordering::SeqCst), 17);
    let ids: Vec<String> = serde_json::from_str(file.status_details.as_deref().unwrap()).unwrap();
    assert_eq!(ids.len(), 16);
    // Multipart overhead per part is a few hundred bytes.
    let body_bytes = seen.part_bytes.load(Ordering::SeqCst);
    assert!(
        ((1 << 30)..(1 << 30) + 16 * 1024).contains(&body_bytes),
        "{body_bytes}"
    );
    assert!(growth < 32 * MIB, "peak grew by {growth} bytes");
}

/// 100,000 lines (about 40 MB) read as typed results with peak memory growing by a small
/// fraction of the file.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hundred_thousand_output_lines_with_bounded_memory() {
    let _serial = SERIAL.lock().await;
    let base = start(Arc::new(Seen::default())).await;
    let http = client(&base);
    let Some(before) = reset_peak() else {
        eprintln!("NOTICE: /proc/self/clear_refs unavailable; skipping the memory assertion");
        return;
    };
    let mut lines = Batches::new(&http).output_lines("file-out").await.unwrap();
    let mut count = 0;
    let mut bytes = 0;
    while let Some(line) = lines.next().await {
        let line = line.unwrap();
        assert_eq!(line.custom_id, format!("c{count}"));
        bytes += output_line(count).len();
        count += 1;
    }
    let growth = peak().saturating_sub(before);
    eprintln!(
        "{count} lines ({} KiB): peak resident memory grew by {} KiB",
        bytes / 1024,
        growth / 1024
    );
    assert_eq!(count, LINES);
    assert!(growth < 8 * MIB, "peak grew by {growth} bytes");
}
