//! Faults: each scripted breakage reaches a plain hyper client the way a broken server would.

use openai_mock::{MockServer, Reply, SseEvent};
use serde_json::json;

use crate::support::{chat_request, client, openai_post, send};

async fn post(server: &MockServer) -> Result<crate::support::Resp, String> {
    send(
        &client(),
        "POST",
        &format!("{}/chat/completions", server.base_url()),
        &[
            ("authorization", "Bearer k"),
            ("content-type", "application/json"),
        ],
        Some(chat_request("x").to_string().into()),
    )
    .await
}

fn script(server: &MockServer, reply: Reply) {
    server
        .on("POST", "/v1/chat/completions")
        .respond_seq([reply]);
}

#[tokio::test]
async fn close_before_headers_is_a_connection_error() {
    let server = MockServer::start().await;
    script(&server, Reply::close_before_headers());
    let err = post(&server).await.unwrap_err();
    assert!(err.starts_with("request:"), "{err}");
    // The request was still recorded, and the next one is served normally.
    assert_eq!(server.requests().len(), 1);
    assert_eq!(post(&server).await.unwrap().status, 200);
}

#[tokio::test]
async fn close_after_bytes_cuts_a_json_body() {
    let server = MockServer::start().await;
    script(
        &server,
        Reply::json(
            200,
            json!({"id": "chatcmpl-123", "object": "chat.completion"}),
        )
        .close_after_bytes(10),
    );
    let err = post(&server).await.unwrap_err();
    assert!(
        err.starts_with("body:"),
        "headers arrive, the body breaks: {err}"
    );
}

#[tokio::test]
async fn close_mid_sse_event_breaks_the_stream() {
    let server = MockServer::start().await;
    script(
        &server,
        Reply::sse_close_mid_event([
            SseEvent::json(&json!({"choices": []})),
            SseEvent::json(&json!({"choices": [{"delta": {"content": "hello"}}]})),
        ]),
    );
    let err = post(&server).await.unwrap_err();
    assert!(err.starts_with("body:"), "{err}");
}

#[tokio::test]
async fn streamed_cut_delivers_the_first_bytes_then_fails() {
    let server = MockServer::start().await;
    script(
        &server,
        Reply::sse([SseEvent::data("first"), SseEvent::data("second")]).close_after_bytes(13),
    );
    let response = client()
        .request(
            http::Request::post(format!("{}/chat/completions", server.base_url()))
                .header("authorization", "Bearer k")
                .body(http_body_util::Full::<bytes::Bytes>::default())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let mut body = response.into_body();
    let mut got = Vec::new();
    let mut failed = false;
    while let Some(frame) = http_body_util::BodyExt::frame(&mut body).await {
        match frame {
            Ok(frame) => got.extend_from_slice(&frame.into_data().unwrap()),
            Err(_) => {
                failed = true;
                break;
            }
        }
    }
    assert_eq!(got, b"data: first\n\n");
    assert!(failed);
}

#[tokio::test]
async fn invalid_json_and_invalid_utf8_bodies() {
    let server = MockServer::start().await;
    script(&server, Reply::invalid_json());
    let resp = post(&server).await.unwrap();
    assert_eq!(resp.status, 200);
    assert_eq!(resp.header("content-type"), Some("application/json"));
    assert!(serde_json::from_slice::<serde_json::Value>(&resp.body).is_err());

    script(&server, Reply::invalid_utf8());
    let resp = post(&server).await.unwrap();
    assert!(std::str::from_utf8(&resp.body).is_err());
}

/// `event: error`, and EOF before `[DONE]`.
#[tokio::test]
async fn truncated_streams_and_error_events() {
    let server = MockServer::start().await;
    script(
        &server,
        Reply::sse_truncated([SseEvent::json(&json!({"a": 1}))]),
    );
    let resp = post(&server).await.unwrap();
    assert_eq!(resp.sse_data(), ["{\"a\":1}"]);

    script(
        &server,
        Reply::sse_error_event(
            [SseEvent::json(&json!({"a": 1}))],
            json!({"error": {"message": "boom", "type": "server_error", "param": null, "code": null}}),
        ),
    );
    let text = post(&server).await.unwrap().text();
    assert!(
        text.ends_with("event: error\ndata: {\"error\":{\"code\":null,\"message\":\"boom\",\"param\":null,\"type\":\"server_error\"}}\n\n"),
        "{text}"
    );
    assert!(!text.contains("[DONE]"));
}

#[tokio::test]
async fn html_502_from_a_proxy() {
    let server = MockServer::start().await;
    script(&server, Reply::html_502());
    let resp = post(&server).await.unwrap();
    assert_eq!(resp.status, 502);
    assert_eq!(resp.header("content-type"), Some("text/html"));
    assert!(resp.text().contains("502 Bad Gateway"));
    assert_eq!(resp.header("x-request-id"), Some("req_1"));
}

#[tokio::test]
async fn defaults_work_after_faults_on_other_connections() {
    let server = MockServer::start().await;
    server
        .on("POST", "/v1/chat/completions")
        .times(3)
        .respond(Reply::close_before_headers());
    for _ in 0..3 {
        assert!(post(&server).await.is_err());
    }
    let ok = openai_post(&server, "/chat/completions", chat_request("fine")).await;
    assert_eq!(ok.json()["choices"][0]["message"]["content"], "Echo: fine");
}
