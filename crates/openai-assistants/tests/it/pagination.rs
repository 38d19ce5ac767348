//! Auto-pagination.

use openai_assistants::{Assistants, Files, Messages};
use openai_mock::{MockServer, Reply};
use openai_types::assistants::CreateAssistantRequest;
use openai_types::files::{FileListParams, FilePurpose, FileUploadParams};
use openai_types::messages::CreateMessageRequest;
use openai_types::shared::{ListParams, SortOrder};
use openai_types::threads::CreateThreadRequest;
use serde_json::json;

use crate::support::{Mode, client};

fn list_queries(server: &MockServer, path: &str) -> Vec<Vec<(String, String)>> {
    server
        .requests()
        .into_iter()
        .filter(|r| r.method == "GET" && r.path == path)
        .map(|r| r.query)
        .collect()
}

fn q(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    v.sort();
    v
}

/// Seven assistants with `limit=3` come back over three pages; each next
/// page asks `after=<last id>` and keeps `limit` and `order`.
async fn three_pages(mode: Mode) {
    let server = MockServer::start().await;
    let http = client(&server, mode);
    let assistants = Assistants::new(&http);
    let mut created = Vec::new();
    for i in 0..7 {
        let a = assistants
            .create(&CreateAssistantRequest::new("gpt-4o-mini").name(format!("a{i}")))
            .await
            .unwrap();
        created.push(a.id);
    }
    server.clear_requests();

    let all = assistants
        .list_all(&ListParams::new().limit(3u32).order(SortOrder::Asc))
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<String> = all.into_iter().map(|a| a.id).collect();
    assert_eq!(ids, created);

    let path = format!("{}/assistants", mode.prefix());
    let mut queries = list_queries(&server, &path);
    if mode == Mode::Azure {
        for query in &mut queries {
            query.retain(|(k, _)| k != "api-version");
        }
    }
    assert_eq!(
        queries,
        [
            q(&[("limit", "3"), ("order", "asc")]),
            q(&[("limit", "3"), ("order", "asc"), ("after", &created[2])]),
            q(&[("limit", "3"), ("order", "asc"), ("after", &created[5])]),
        ]
    );
}

#[tokio::test]
async fn list_all_follows_after_across_three_pages_openai() {
    three_pages(Mode::OpenAi).await;
}

#[tokio::test]
async fn list_all_follows_after_across_three_pages_azure() {
    three_pages(Mode::Azure).await;
}

/// Thread-scoped lists page the same way, and options query parameters (here `run_id`-style
/// filters) stay on every page.
#[tokio::test]
async fn thread_messages_page_and_keep_option_query() {
    let server = MockServer::start().await;
    let http = client(&server, Mode::OpenAi);
    let thread = openai_assistants::Threads::new(&http)
        .create(&CreateThreadRequest::new())
        .await
        .unwrap();
    let messages = Messages::new(&http);
    for i in 0..5 {
        messages
            .create(&thread.id, &CreateMessageRequest::user(format!("m{i}")))
            .await
            .unwrap();
    }
    server.clear_requests();
    let texts: Vec<String> = messages
        .clone()
        .with_options(core_http::RequestOptions::default().query("x-filter", "kept"))
        .list_all(
            &thread.id,
            &ListParams::new().limit(2u32).order(SortOrder::Desc),
        )
        .try_collect()
        .await
        .unwrap()
        .iter()
        .map(|m| m.text())
        .collect();
    assert_eq!(texts, ["m4", "m3", "m2", "m1", "m0"]);
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    assert!(
        requests
            .iter()
            .all(|r| r.query_value("x-filter") == Some("kept"))
    );
}

/// Files paginate with their purpose filter kept.
#[tokio::test]
async fn files_list_all_keeps_purpose() {
    let server = MockServer::start().await;
    let http = client(&server, Mode::OpenAi);
    let files = Files::new(&http);
    for i in 0..3 {
        files
            .create(
                format!("file {i}").into_bytes(),
                &FileUploadParams::new(FilePurpose::Assistants).filename(format!("f{i}.txt")),
            )
            .await
            .unwrap();
    }
    server.clear_requests();
    let all = files
        .list_all(
            &FileListParams::new()
                .purpose(FilePurpose::Assistants)
                .limit(2u32),
        )
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 3);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert!(
        requests
            .iter()
            .all(|r| r.query_value("purpose") == Some("assistants"))
    );
    assert_eq!(requests[1].query_value("after"), Some(all[1].id.as_str()));
}

fn page(ids: &[&str], has_more: Option<bool>) -> serde_json::Value {
    let data: Vec<_> = ids
        .iter()
        .map(|id| json!({"id": id, "object": "assistant", "created_at": 1, "model": "m", "tools": []}))
        .collect();
    let mut page = json!({"object": "list", "data": data});
    if let Some(has_more) = has_more {
        page["has_more"] = json!(has_more);
    }
    page
}

/// A caller's `before` goes on the first page only; the next page
/// carries `after` without it.
#[tokio::test]
async fn before_is_never_sent_with_after() {
    let server = MockServer::start().await;
    server.on("GET", "/v1/assistants").respond_seq([
        Reply::json(200, page(&["a1", "a2"], Some(true))),
        Reply::json(200, page(&["a3"], Some(false))),
    ]);
    let http = client(&server, Mode::OpenAi);
    let all = Assistants::new(&http)
        .list_all(&ListParams::new().limit(2u32).before("a9"))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 3);
    let queries = list_queries(&server, "/v1/assistants");
    assert_eq!(
        queries,
        [
            q(&[("limit", "2"), ("before", "a9")]),
            q(&[("limit", "2"), ("after", "a2")]),
        ]
    );
}

/// A page without `has_more` ends paging (openai-node's rule; documented
/// on `ItemStream`'s module), as does an empty page that claims more.
#[tokio::test]
async fn missing_has_more_and_empty_pages_stop() {
    let server = MockServer::start().await;
    server.on("GET", "/v1/assistants").respond_seq([
        Reply::json(200, page(&["a1", "a2"], None)),
        Reply::json(200, page(&[], Some(true))),
    ]);
    let http = client(&server, Mode::OpenAi);
    let assistants = Assistants::new(&http);
    let first = assistants
        .list_all(&ListParams::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(first.len(), 2);
    assert_eq!(
        server.requests().len(),
        1,
        "missing has_more: no second request"
    );

    let second = assistants
        .list_all(&ListParams::new())
        .try_collect()
        .await
        .unwrap();
    assert!(second.is_empty());
    assert_eq!(server.requests().len(), 2, "empty page: no further request");
}

/// A server that ignores `after` (same last id again) cannot make the stream loop forever.
#[tokio::test]
async fn repeated_cursor_stops() {
    let server = MockServer::start().await;
    server
        .on("GET", "/v1/assistants")
        .respond(Reply::json(200, page(&["a1", "a2"], Some(true))));
    let http = client(&server, Mode::OpenAi);
    let all = Assistants::new(&http)
        .list_all(&ListParams::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 4);
    assert_eq!(server.requests().len(), 2);
}

/// An error on a later page is yielded after the earlier items, then the stream ends.
#[tokio::test]
async fn error_on_second_page_is_yielded() {
    let server = MockServer::start().await;
    server.on("GET", "/v1/assistants").respond_seq([
        Reply::json(200, page(&["a1"], Some(true))),
        Reply::error(500, "server_error", None, "boom"),
    ]);
    let http = client(&server, Mode::OpenAi);
    let mut stream = Assistants::new(&http).list_all(&ListParams::new());
    assert_eq!(stream.next().await.unwrap().unwrap().id, "a1");
    let err = stream.next().await.unwrap().unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500));
    assert!(stream.next().await.is_none());
}
