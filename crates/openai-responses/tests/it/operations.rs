//! Every Responses operation, in OpenAI and Azure v1 mode: the wire (method, path, query,
//! credentials, body) and the decoded answers, as snapshots; local refusals.

use core_http::{ErrorKind, RequestOptions};
use openai_mock::MockServer;
use openai_responses::Responses;
use openai_types::responses::{
    CompactRequest, Include, InputItem, InputTokenCountRequest, ItemListParams,
    ResponseCreateRequest, ResponseRetrieveParams, ResponseStatus,
};
use openai_types::shared::SortOrder;
use serde_json::{Value, json};

use crate::support::{self, Mode, only_wire, wires};

/// create, retrieve, input items (one page and all pages), input tokens, compact, cancel of a
/// background response, delete: what is sent and what comes back.
#[tokio::test]
async fn every_operation_on_the_wire_and_decoded() {
    for mode in Mode::ALL {
        let server = MockServer::start().await;
        let http = mode.client(&server);
        let responses = Responses::new(&http);

        let request = ResponseCreateRequest::new(
            "gpt-4.1-mini",
            [
                InputItem::user("First question"),
                InputItem::user("Hello there"),
            ],
        )
        .instructions("Be brief.")
        .temperature(0.5)
        .max_output_tokens(64)
        .metadata([("topic", "tests")])
        .include([Include::MessageOutputTextLogprobs]);
        let (created, meta) = responses.create(&request).with_response().await.unwrap();
        assert_eq!(created.status, Some(ResponseStatus::Completed));
        assert_eq!(created.output_text(), "Echo: Hello there");
        assert!(meta.request_id.is_some());

        let retrieved = responses
            .retrieve(
                &created.id,
                &ResponseRetrieveParams::new().include([Include::MessageOutputTextLogprobs]),
            )
            .await
            .unwrap();
        assert_eq!(retrieved, created);

        let page = responses
            .input_items(
                &created.id,
                &ItemListParams::new().limit(1).order(SortOrder::Asc),
            )
            .await
            .unwrap();
        assert_eq!(page.data.len(), 1);
        assert_eq!(page.has_more, Some(true));
        let all = responses
            .input_items_all(
                &created.id,
                &ItemListParams::new().limit(1).order(SortOrder::Asc),
            )
            .collect()
            .await
            .unwrap();
        assert_eq!(all.len(), 2);

        let count = responses
            .input_tokens(
                &InputTokenCountRequest::new("gpt-4.1-mini", "count these four words")
                    .instructions("Be brief."),
            )
            .await
            .unwrap();
        assert_eq!(count.input_tokens, 6);

        let compacted = responses
            .compact(
                &CompactRequest::new("gpt-4.1-mini", "keep me")
                    .previous_response_id(created.id.clone()),
            )
            .await
            .unwrap();
        assert!(!compacted.output.is_empty());

        let background = responses
            .create(&ResponseCreateRequest::new("gpt-4.1-mini", "Take your time").background(true))
            .await
            .unwrap();
        assert_eq!(background.status, Some(ResponseStatus::Queued));
        let cancelled = responses.cancel(&background.id).await.unwrap();
        assert_eq!(cancelled.status, Some(ResponseStatus::Cancelled));

        let deleted = responses.delete(&created.id).await.unwrap();
        assert!(deleted.deleted);
        let gone = responses
            .retrieve(&created.id, &ResponseRetrieveParams::new())
            .await
            .unwrap_err();
        assert_eq!(gone.status().map(|s| s.as_u16()), Some(404));

        let name = mode.name();
        insta::assert_json_snapshot!(format!("operations_{name}_wire"), wires(&server));
        insta::assert_json_snapshot!(
            format!("operations_{name}_decoded"),
            json!({
                "create": created,
                "input_items_page": page,
                "input_items_all": all,
                "input_tokens": count,
                "compact": compacted,
                "background": background,
                "cancel": cancelled,
                "delete": deleted,
            })
        );
    }
}

/// `stream` belongs to the method: as a field, an extra field or an `extra_body` field it is
/// refused before anything is sent.
#[tokio::test]
async fn stream_is_owned_by_the_operation() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let responses = Responses::new(&http);

    let as_field = ResponseCreateRequest::new("gpt-4.1-mini", "hi").stream(true);
    let err = responses.create(&as_field).await.unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::InvalidRequest), "{err}");
    let err = responses.create_stream(&as_field).await.unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::InvalidRequest), "{err}");

    let as_extra = ResponseCreateRequest::new("gpt-4.1-mini", "hi").extra("stream", json!(true));
    let err = responses.create(&as_extra).await.unwrap_err();
    assert!(err.to_string().contains("`stream`"), "{err}");

    let plain = ResponseCreateRequest::new("gpt-4.1-mini", "hi");
    let err = responses
        .create(&plain)
        .options(&RequestOptions::default().extra_body_field("stream", true))
        .await
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::InvalidRequest), "{err}");

    let err = responses
        .retrieve("resp_1", &ResponseRetrieveParams::new().stream(true))
        .await
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::InvalidRequest), "{err}");
    assert!(server.requests().is_empty());
}

/// Ids are one path segment: empty and dot ids are refused, others are percent-encoded.
#[tokio::test]
async fn ids_are_checked_and_encoded() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let responses = Responses::new(&http);
    for bad in ["", ".", ".."] {
        let err = responses.delete(bad).await.unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::InvalidRequest), "{err}");
        let err = responses
            .input_items(bad, &ItemListParams::new())
            .await
            .unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::InvalidRequest), "{err}");
        let err = responses.retrieve_stream(bad, None).await.unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::InvalidRequest), "{err}");
    }
    assert!(server.requests().is_empty());

    let err = responses.cancel("resp/../x?y").await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    let sent = only_wire(&server);
    assert_eq!(sent["path"], "/v1/responses/resp%2F..%2Fx%3Fy/cancel");
}

/// The mock's `[fail]` and `max_output_tokens` answers come back as responses (not errors),
/// with their status, error and incomplete details decoded.
#[tokio::test]
async fn failed_and_incomplete_responses_are_values() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let responses = Responses::new(&http);
    let failed = responses
        .create(&ResponseCreateRequest::new("gpt-4.1-mini", "please [fail]"))
        .await
        .unwrap();
    assert_eq!(failed.status, Some(ResponseStatus::Failed));
    assert_eq!(
        failed
            .error
            .as_ref()
            .unwrap()
            .code
            .as_ref()
            .unwrap()
            .as_str(),
        "server_error"
    );

    let long = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen";
    let incomplete = responses
        .create(&ResponseCreateRequest::new("gpt-4.1-mini", long).max_output_tokens(16))
        .await
        .unwrap();
    assert_eq!(incomplete.status, Some(ResponseStatus::Incomplete));
    let value: Value = serde_json::to_value(&incomplete.incomplete_details).unwrap();
    assert_eq!(value, json!({"reason": "max_output_tokens"}));
}

/// Handle options apply to every call made through the handle (streams and paged lists
/// included); a call's own options layer over them.
#[tokio::test]
async fn handle_and_call_options_reach_the_wire() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let responses = Responses::new(&http).with_options(
        RequestOptions::default()
            .header("x-trace-id", "trace-1")
            .query("feature", "beta"),
    );
    let created = responses
        .create(&ResponseCreateRequest::new("gpt-4.1-mini", "hi"))
        .options(&RequestOptions::default().extra_body_field("prompt_cache_key", "k1"))
        .await
        .unwrap();
    responses
        .create_stream(&ResponseCreateRequest::new("gpt-4.1-mini", "hi"))
        .await
        .unwrap()
        .into_response()
        .await
        .unwrap();
    responses
        .input_items_all(&created.id, &ItemListParams::new())
        .collect()
        .await
        .unwrap();
    let sent = server.requests();
    assert_eq!(sent.len(), 3);
    for request in &sent {
        assert_eq!(request.header("x-trace-id"), Some("trace-1"));
        assert_eq!(request.query_value("feature"), Some("beta"));
    }
    assert_eq!(sent[0].json.as_ref().unwrap()["prompt_cache_key"], "k1");
    assert!(
        sent[1]
            .json
            .as_ref()
            .unwrap()
            .get("prompt_cache_key")
            .is_none()
    );
}
