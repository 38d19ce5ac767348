//! Batch output files as typed lines: many lines, blank lines, malformed lines, errors.

use openai_files::Batches;
use openai_mock::{MockServer, Reply};
use serde_json::json;

use crate::support::{MODES, Mode, client};

fn line(i: usize) -> String {
    json!({
        "id": format!("batch_req_{i}"),
        "custom_id": format!("c{i}"),
        "response": {"status_code": 200, "request_id": format!("r{i}"), "body": {"n": i}},
        "error": null
    })
    .to_string()
}

fn content_path(mode: Mode, file_id: &str) -> String {
    format!("{}/files/{file_id}/content", mode.prefix())
}

/// 100,000 lines arrive in order, each typed, keyed by `custom_id`; CRLF and blank lines are
/// tolerated (peak memory is measured in the `memory` test binary).
#[tokio::test]
async fn many_lines_in_order() {
    for mode in MODES {
        let server = MockServer::start().await;
        let mut body = String::new();
        for i in 0..100_000 {
            body.push_str(&line(i));
            body.push_str(if i % 2 == 0 { "\n" } else { "\r\n" });
            if i == 500 {
                body.push('\n');
            }
        }
        server
            .on("GET", &content_path(mode, "file-out"))
            .respond(Reply::bytes(200, "application/octet-stream", body));
        let http = client(&server, mode);
        let mut lines = Batches::new(&http).output_lines("file-out").await.unwrap();
        let mut count = 0;
        while let Some(next) = lines.next().await {
            let next = next.unwrap();
            assert_eq!(next.custom_id, format!("c{count}"));
            assert!(next.is_success());
            count += 1;
        }
        assert_eq!(count, 100_000, "{mode:?}");
    }
}

/// A malformed line is an error naming its line number (blank lines count), then the stream
/// ends; no panic.
#[tokio::test]
async fn malformed_line_names_its_number() {
    for mode in MODES {
        let server = MockServer::start().await;
        let body = format!(
            "{}\n\n{}\n{{\"custom_id\": 7,\n{}\n",
            line(0),
            line(1),
            line(3)
        );
        server
            .on("GET", &content_path(mode, "file-bad"))
            .respond(Reply::bytes(200, "application/jsonl", body));
        let http = client(&server, mode);
        let mut lines = Batches::new(&http).output_lines("file-bad").await.unwrap();
        assert_eq!(lines.next().await.unwrap().unwrap().custom_id, "c0");
        assert_eq!(lines.next().await.unwrap().unwrap().custom_id, "c1");
        let err = lines.next().await.unwrap().unwrap_err();
        assert!(
            err.to_string().contains("batch output line 4:"),
            "{mode:?}: {err}"
        );
        assert!(err.request_id().is_some(), "{err}");
        assert!(lines.next().await.is_none());
    }
}

/// A last line without a newline is still read; invalid UTF-8 is an error with its number.
#[tokio::test]
async fn last_line_without_newline_and_invalid_utf8() {
    let server = MockServer::start().await;
    let mode = Mode::OpenAi;
    server
        .on("GET", &content_path(mode, "file-tail"))
        .respond(Reply::bytes(200, "application/jsonl", line(9)));
    let mut invalid = line(0).into_bytes();
    invalid.extend_from_slice(b"\n\xff\xfe\n");
    server
        .on("GET", &content_path(mode, "file-utf8"))
        .respond(Reply::bytes(200, "application/jsonl", invalid));
    let http = client(&server, mode);
    let batches = Batches::new(&http);
    let all = batches
        .output_lines("file-tail")
        .await
        .unwrap()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].custom_id, "c9");
    let err = batches
        .output_lines("file-utf8")
        .await
        .unwrap()
        .try_collect()
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("batch output line 2: not UTF-8"),
        "{err}"
    );
}

/// HTTP errors come from the call that opens the file.
#[tokio::test]
async fn missing_output_file_is_a_404() {
    let server = MockServer::start().await;
    let http = client(&server, Mode::OpenAi);
    let err = Batches::new(&http)
        .output_lines("file-none")
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404), "{err}");
}
