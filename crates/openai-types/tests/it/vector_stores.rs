//! Vector stores: every recording decodes without loss; search pages, filters, attributes and
//! requests serialize as the spec describes; unknown values and filters round-trip.

use openai_types::shared::{DeletionStatus, ErrorResponse, ListPage, SortOrder};
use openai_types::vector_stores::{
    AttributeValue, ChunkingStrategy, ComparisonOperator, CreateVectorStoreFileBatchRequest,
    CreateVectorStoreFileRequest, CreateVectorStoreRequest, FileAttributes, SearchFilter,
    SearchQuery, SearchRanker, SearchRankingOptions, UpdateVectorStoreFileAttributesRequest,
    UpdateVectorStoreRequest, VectorStore, VectorStoreExpiresAfter, VectorStoreFile,
    VectorStoreFileBatch, VectorStoreFileBatchStatus, VectorStoreFileContentPage,
    VectorStoreFileListParams, VectorStoreFileStatus, VectorStoreSearchRequest,
    VectorStoreSearchResultsPage, VectorStoreStatus,
};
use serde_json::{Value, json};

use crate::support::{
    assert_round_trip, example_payloads, openai_spec, real_records, spec_response_examples,
    validate_against,
};

#[test]
fn real_vector_store_recordings_decode_without_loss() {
    let records = real_records("vector_stores");
    let mut kinds = std::collections::BTreeMap::<String, usize>::new();
    for (name, record) in &records {
        let body = &record["body"];
        if record["status"].as_u64().unwrap_or(0) >= 400 {
            let _: ErrorResponse = assert_round_trip(name, body, &[]);
            *kinds.entry("error".into()).or_default() += 1;
            continue;
        }
        let object = body["object"].as_str().unwrap_or("");
        let kind = match object {
            "vector_store" => {
                let store: VectorStore = assert_round_trip(name, body, &[]);
                assert!(
                    !matches!(store.status, VectorStoreStatus::Unknown(_)),
                    "{name}"
                );
                assert!(store.file_counts.total >= store.file_counts.in_progress);
                "store"
            }
            "vector_store.file" => {
                let file: VectorStoreFile = assert_round_trip(name, body, &[]);
                assert!(!matches!(file.status, VectorStoreFileStatus::Unknown(_)));
                if let Some(strategy) = &file.chunking_strategy {
                    assert!(matches!(strategy, ChunkingStrategy::Static(_)), "{name}");
                }
                "file"
            }
            "vector_store.file_batch" => {
                let batch: VectorStoreFileBatch = assert_round_trip(name, body, &[]);
                assert!(!matches!(
                    batch.status,
                    VectorStoreFileBatchStatus::Unknown(_)
                ));
                "file_batch"
            }
            "vector_store.deleted" | "vector_store.file.deleted" => {
                let deleted: DeletionStatus = assert_round_trip(name, body, &[]);
                assert!(deleted.deleted, "{name}");
                "deleted"
            }
            "list" => match body["data"][0]["object"].as_str() {
                Some("vector_store") => {
                    let page: ListPage<VectorStore> = assert_round_trip(name, body, &[]);
                    assert!(page.data.len() > 1, "{name}");
                    "store_list"
                }
                Some("vector_store.file") => {
                    let page: ListPage<VectorStoreFile> = assert_round_trip(name, body, &[]);
                    if page.has_more == Some(true) {
                        assert_eq!(page.next_cursor(), page.last_id.as_deref(), "{name}");
                    }
                    "file_list"
                }
                other => panic!("{name}: unexpected list of {other:?}"),
            },
            other => panic!("{name}: unexpected object {other}"),
        };
        *kinds.entry(kind.into()).or_default() += 1;
    }
    if !records.is_empty() {
        assert!(records.len() >= 16, "{}", records.len());
        for kind in [
            "store",
            "file",
            "file_batch",
            "deleted",
            "store_list",
            "file_list",
            "error",
        ] {
            assert!(kinds.contains_key(kind), "no {kind} recording: {kinds:?}");
        }
    }
}

#[test]
fn real_vector_store_expiry_is_typed() {
    let Some((name, record)) = real_records("vector_stores")
        .into_iter()
        .find(|(n, _)| n.contains("create-in_progress"))
    else {
        return;
    };
    let store: VectorStore = serde_json::from_value(record["body"].clone()).unwrap();
    assert_eq!(
        store.expires_after,
        Some(VectorStoreExpiresAfter::days_after_last_active(3)),
        "{name}"
    );
    assert_eq!(store.metadata.unwrap().get("test-key"), Some("test-value"));
    assert_eq!(store.name.as_deref(), Some("test vector store"));
}

#[test]
fn spec_search_example_decodes() {
    let Some(spec) = openai_spec() else {
        return;
    };
    let examples = spec_response_examples(spec, "searchVectorStore");
    assert!(!examples.is_empty());
    for (label, text) in examples {
        for payload in example_payloads(&text) {
            let value = payload.unwrap_or_else(|e| panic!("{label}: {e}"));
            let page: VectorStoreSearchResultsPage = assert_round_trip(&label, &value, &[]);
            assert_eq!(
                page.search_query,
                Some(SearchQuery::from("What is the return policy?"))
            );
            let first = &page.data[0];
            assert!(first.score > 0.9);
            assert_eq!(
                first.attributes.as_ref().unwrap().get("author"),
                Some(&AttributeValue::from("John Doe"))
            );
            assert_eq!(first.content[0].text, "Relevant chunk");
        }
    }
}

#[test]
fn search_results_and_content_pages_round_trip() {
    let page = json!({
        "object": "vector_store.search_results.page",
        "search_query": ["return policy", "refunds"],
        "data": [{
            "file_id": "file-1", "filename": "a.pdf", "score": 0.5,
            "attributes": {"year": 2024, "public": true, "lang": "en"},
            "content": [{"type": "text", "text": "chunk"}, {"type": "image", "text": ""}]
        }],
        "has_more": true,
        "next_page": "cursor"
    });
    let decoded: VectorStoreSearchResultsPage = assert_round_trip("page", &page, &[]);
    assert_eq!(
        decoded.data[0].attributes.as_ref().unwrap().get("public"),
        Some(&AttributeValue::Bool(true))
    );
    assert_eq!(decoded.data[0].content[1].kind.as_str(), "image");
    assert_eq!(decoded.next_page.as_deref(), Some("cursor"));

    let content = json!({
        "object": "vector_store.file_content.page",
        "data": [{"type": "text", "text": "Hello"}],
        "has_more": false,
        "next_page": null
    });
    let content: VectorStoreFileContentPage = assert_round_trip("content", &content, &[]);
    assert_eq!(content.data[0].text.as_deref(), Some("Hello"));
}

#[test]
fn search_request_matches_spec_schema() {
    let request = VectorStoreSearchRequest::new(["a", "b"])
        .filters(SearchFilter::or([
            SearchFilter::and([
                SearchFilter::eq("lang", "en"),
                SearchFilter::gt("year", 2020),
                SearchFilter::ne("draft", true),
            ]),
            SearchFilter::not_in("tag", vec!["x", "y"]),
            SearchFilter::lte("score", 0.5),
        ]))
        .ranking_options(
            SearchRankingOptions::new()
                .ranker(SearchRanker::Default20241115)
                .score_threshold(0.25),
        )
        .rewrite_query(true)
        .max_num_results(20);
    let value = serde_json::to_value(&request).unwrap();
    insta::assert_json_snapshot!("vector_store_search_request", value);
    if let Some(spec) = openai_spec() {
        validate_against(
            spec,
            "#/components/schemas/VectorStoreSearchRequest",
            &value,
        )
        .unwrap_or_else(|e| panic!("{e:#?}"));
    }
    let back: VectorStoreSearchRequest = serde_json::from_value(value).unwrap();
    assert_eq!(back, request);
}

#[test]
fn unknown_filters_and_values_round_trip() {
    let raw = json!({
        "type": "and",
        "filters": [
            {"type": "eq", "key": "a", "value": "x"},
            {"type": "contains", "key": "b", "value": "y"},
            {"type": "not", "filter": {"type": "eq", "key": "c", "value": 1}}
        ]
    });
    let filter: SearchFilter = assert_round_trip("filter", &raw, &[]);
    let SearchFilter::Compound(compound) = &filter else {
        panic!("not compound");
    };
    assert!(matches!(compound.filters[0], SearchFilter::Comparison(_)));
    assert!(matches!(compound.filters[1], SearchFilter::Unknown(_)));
    assert_eq!(compound.filters[1].kind(), "contains");
    assert_eq!(compound.filters[2].kind(), "not");
    // A known operator with a malformed payload is an error, not silently unknown.
    assert!(serde_json::from_value::<SearchFilter>(json!({"type": "eq", "key": "a"})).is_err());
    assert!(serde_json::from_value::<SearchFilter>(json!("eq")).is_err());
    assert!(matches!(
        ComparisonOperator::from("regex"),
        ComparisonOperator::Unknown(_)
    ));

    let file = json!({
        "id": "file-1", "object": "vector_store.file", "usage_bytes": 1, "created_at": 1,
        "vector_store_id": "vs_1", "status": "quarantined",
        "last_error": {"code": "virus_found", "message": "no"},
        "chunking_strategy": {"type": "other"},
        "attributes": null
    });
    let file: VectorStoreFile = assert_round_trip("file", &file, &[]);
    assert_eq!(file.status.as_str(), "quarantined");
    assert_eq!(file.last_error.unwrap().code.as_str(), "virus_found");
    assert!(matches!(
        file.chunking_strategy,
        Some(ChunkingStrategy::Unknown(_))
    ));

    let store = json!({
        "id": "vs_1", "object": "vector_store", "created_at": 1, "usage_bytes": 0,
        "file_counts": {"in_progress": 0, "completed": 0, "failed": 0, "cancelled": 0, "total": 0},
        "status": "archived", "expires_after": {"anchor": "created_at", "days": 2},
        "last_active_at": null, "name": null, "metadata": {}
    });
    let store: VectorStore = assert_round_trip("store", &store, &[]);
    assert_eq!(store.status.as_str(), "archived");
    assert_eq!(store.expires_after.unwrap().anchor.as_str(), "created_at");
}

#[test]
fn requests_serialize() {
    let create = CreateVectorStoreRequest::new()
        .name("docs")
        .description("Product docs")
        .file_ids(["file-1"])
        .chunking_strategy(ChunkingStrategy::auto())
        .metadata([("team", "search")]);
    let value = serde_json::to_value(&create).unwrap();
    assert_eq!(
        value,
        json!({"name": "docs", "description": "Product docs", "file_ids": ["file-1"],
               "chunking_strategy": {"type": "auto"}, "metadata": {"team": "search"}})
    );

    let update = UpdateVectorStoreRequest::new()
        .expires_after(VectorStoreExpiresAfter::days_after_last_active(30))
        .metadata([("k", "v")]);
    let value = serde_json::to_value(&update).unwrap();
    assert_eq!(
        value,
        json!({"expires_after": {"anchor": "last_active_at", "days": 30}, "metadata": {"k": "v"}})
    );
    let cleared: UpdateVectorStoreRequest =
        serde_json::from_value(json!({"expires_after": null})).unwrap();
    assert_eq!(cleared.expires_after, Some(None));
    let unchanged: UpdateVectorStoreRequest = serde_json::from_value(json!({})).unwrap();
    assert_eq!(unchanged.expires_after, None);

    let mut attributes = FileAttributes::new();
    attributes.insert("year", 2024);
    attributes.insert("public", true);
    attributes.insert("ratio", 0.5);
    let file = CreateVectorStoreFileRequest::new("file-1")
        .attributes(attributes.clone())
        .chunking_strategy(ChunkingStrategy::fixed(400, 100));
    let batch = CreateVectorStoreFileBatchRequest::from_files([file])
        .chunking_strategy(ChunkingStrategy::auto());
    insta::assert_json_snapshot!("vector_store_file_batch_request", batch);
    if let Some(spec) = openai_spec() {
        let value = serde_json::to_value(&batch).unwrap();
        validate_against(
            spec,
            "#/components/schemas/CreateVectorStoreFileBatchRequest",
            &value,
        )
        .unwrap_or_else(|e| panic!("{e:#?}"));
    }

    assert_eq!(
        serde_json::to_value(UpdateVectorStoreFileAttributesRequest::clear()).unwrap(),
        json!({"attributes": null})
    );
    assert_eq!(
        serde_json::to_value(UpdateVectorStoreFileAttributesRequest::new(attributes)).unwrap(),
        json!({"attributes": {"public": true, "ratio": 0.5, "year": 2024}})
    );

    let params = VectorStoreFileListParams::new()
        .limit(50)
        .order(SortOrder::Asc)
        .before("file-9")
        .filter(VectorStoreFileStatus::Completed);
    let next = params.next_page("file-3");
    assert_eq!(
        next.to_query(),
        vec![
            ("limit", "50".to_owned()),
            ("order", "asc".to_owned()),
            ("after", "file-3".to_owned()),
            ("filter", "completed".to_owned()),
        ]
    );
    // Whole numbers are written without a fraction; others keep full precision.
    let values: FileAttributes = [("a", 3.0), ("b", -0.125), ("c", 1e300)]
        .into_iter()
        .collect();
    assert_eq!(
        serde_json::to_string(&values).unwrap(),
        r#"{"a":3,"b":-0.125,"c":1e+300}"#
    );
    let back: Value = serde_json::to_value(&values).unwrap();
    assert_eq!(
        serde_json::from_value::<FileAttributes>(back).unwrap(),
        values
    );
}

fn spec_examples(operation: &str) -> Vec<(String, Value)> {
    let Some(spec) = openai_spec() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (label, text) in spec_response_examples(spec, operation) {
        for payload in example_payloads(&text).into_iter().flatten() {
            out.push((label.clone(), payload));
        }
    }
    assert!(!out.is_empty(), "no example for {operation}");
    out
}

#[test]
fn spec_vector_store_examples_decode() {
    if openai_spec().is_none() {
        return;
    }
    // The vector store object and file list examples are hand-written sketches (no `status`, a
    // `bytes` field the service does not send), and the deletion examples are not JSON; the
    // recordings cover those shapes instead.
    for operation in ["createVectorStoreFile", "getVectorStoreFile"] {
        for (label, value) in spec_examples(operation) {
            let _: VectorStoreFile = assert_round_trip(&label, &value, &[]);
        }
    }
    for operation in [
        "createVectorStoreFileBatch",
        "getVectorStoreFileBatch",
        "cancelVectorStoreFileBatch",
    ] {
        for (label, value) in spec_examples(operation) {
            let _: VectorStoreFileBatch = assert_round_trip(&label, &value, &[]);
        }
    }
}

#[test]
fn file_requests_match_spec_schemas() {
    let Some(spec) = openai_spec() else {
        return;
    };
    let file = CreateVectorStoreFileRequest::new("file-1")
        .attribute("lang", "en")
        .attribute("pages", 12)
        .chunking_strategy(ChunkingStrategy::fixed(800, 400));
    // `expires_after: null` is allowed by the spec (`allOf` + `nullable`), which the structural
    // validator does not model, so the schema check uses a policy instead.
    let update = UpdateVectorStoreRequest::new()
        .name("n")
        .expires_after(VectorStoreExpiresAfter::days_after_last_active(2))
        .metadata([("a", "b")]);
    let by_ids = CreateVectorStoreFileBatchRequest::from_file_ids(["file-1"])
        .attributes([("lang", "en")].into_iter().collect::<FileAttributes>());
    for (schema, value) in [
        (
            "CreateVectorStoreFileRequest",
            serde_json::to_value(&file).unwrap(),
        ),
        (
            "UpdateVectorStoreRequest",
            serde_json::to_value(&update).unwrap(),
        ),
        (
            "CreateVectorStoreFileBatchRequest",
            serde_json::to_value(&by_ids).unwrap(),
        ),
        (
            "UpdateVectorStoreFileAttributesRequest",
            serde_json::to_value(UpdateVectorStoreFileAttributesRequest::clear()).unwrap(),
        ),
        (
            "CreateVectorStoreRequest",
            serde_json::to_value(
                CreateVectorStoreRequest::new()
                    .name("docs")
                    .file_ids(["file-1"])
                    .expires_after(VectorStoreExpiresAfter::days_after_last_active(1)),
            )
            .unwrap(),
        ),
    ] {
        validate_against(spec, &format!("#/components/schemas/{schema}"), &value)
            .unwrap_or_else(|e| panic!("{schema} {value}: {e:#?}"));
    }
}
