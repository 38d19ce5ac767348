//! Every recorded response of the real service in `vector_stores`, `batches` and `uploads`,
//! served by the mock on its route and decoded through the matching client operation.

use core_http::Error;
use openai_files::{Batches, Uploads, VectorStores};
use openai_mock::{MockServer, Reply};
use openai_types::batches::{BatchEndpoint, BatchListParams, CreateBatchRequest};
use openai_types::files::FilePurpose;
use openai_types::shared::ListParams;
use openai_types::uploads::{CompleteUploadRequest, CreateUploadRequest};
use openai_types::vector_stores::{
    CreateVectorStoreFileBatchRequest, CreateVectorStoreFileRequest, CreateVectorStoreRequest,
    UpdateVectorStoreRequest, VectorStoreFileListParams,
};
use serde::Serialize;
use serde_json::Value;

use crate::support::{Mode, client, recordings};

fn json<T: Serialize>(result: Result<T, Error>) -> Result<Value, Error> {
    result.map(|value| serde_json::to_value(value).unwrap())
}

/// Calls the operation that owns `method path` (a path without `/v1`).
async fn call(http: &core_http::HttpClient, method: &str, path: &str) -> Result<Value, Error> {
    let seg: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let stores = VectorStores::new(http);
    let batches = Batches::new(http);
    let uploads = Uploads::new(http);
    match (method, seg.as_slice()) {
        ("POST", ["vector_stores"]) => json(stores.create(&CreateVectorStoreRequest::new()).await),
        ("GET", ["vector_stores"]) => json(stores.list(&ListParams::new()).await),
        ("GET", ["vector_stores", id]) => json(stores.retrieve(id).await),
        ("POST", ["vector_stores", id]) => json(
            stores
                .update(id, &UpdateVectorStoreRequest::new().name("n"))
                .await,
        ),
        ("DELETE", ["vector_stores", id]) => json(stores.delete(id).await),
        ("POST", ["vector_stores", id, "files"]) => json(
            stores
                .files(id)
                .create(&CreateVectorStoreFileRequest::new("file-1"))
                .await,
        ),
        ("GET", ["vector_stores", id, "files"]) => json(
            stores
                .files(id)
                .list(&VectorStoreFileListParams::new())
                .await,
        ),
        ("GET", ["vector_stores", id, "files", file]) => {
            json(stores.files(id).retrieve(file).await)
        }
        ("DELETE", ["vector_stores", id, "files", file]) => {
            json(stores.files(id).delete(file).await)
        }
        ("POST", ["vector_stores", id, "file_batches"]) => json(
            stores
                .file_batches(id)
                .create(&CreateVectorStoreFileBatchRequest::from_file_ids([
                    "file-1",
                ]))
                .await,
        ),
        ("GET", ["vector_stores", id, "file_batches", batch]) => {
            json(stores.file_batches(id).retrieve(batch).await)
        }
        ("POST", ["vector_stores", id, "file_batches", batch, "cancel"]) => {
            json(stores.file_batches(id).cancel(batch).await)
        }
        ("GET", ["vector_stores", id, "file_batches", batch, "files"]) => json(
            stores
                .file_batches(id)
                .list_files(batch, &VectorStoreFileListParams::new())
                .await,
        ),
        ("POST", ["batches"]) => json(
            batches
                .create(&CreateBatchRequest::new(
                    "file-1",
                    BatchEndpoint::ChatCompletions,
                ))
                .await,
        ),
        ("GET", ["batches"]) => json(batches.list(&BatchListParams::new()).await),
        ("GET", ["batches", id]) => json(batches.retrieve(id).await),
        ("POST", ["batches", id, "cancel"]) => json(batches.cancel(id).await),
        ("POST", ["uploads"]) => json(
            uploads
                .create(&CreateUploadRequest::new(
                    "f",
                    FilePurpose::Batch,
                    1,
                    "text/plain",
                ))
                .await,
        ),
        ("POST", ["uploads", id, "parts"]) => json(
            uploads
                .add_part(id, openai_files::UploadSource::bytes(vec![1]))
                .await,
        ),
        ("POST", ["uploads", id, "complete"]) => json(
            uploads
                .complete(id, &CompleteUploadRequest::new(["part_1"]))
                .await,
        ),
        ("POST", ["uploads", id, "cancel"]) => json(uploads.cancel(id).await),
        other => panic!("no operation for {other:?}"),
    }
}

#[tokio::test]
async fn every_recording_decodes_through_the_client() {
    let mut checked = 0;
    for folder in ["vector_stores", "batches", "uploads"] {
        let Some(dir) = recordings(folder) else {
            return;
        };
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        paths.sort();
        for path in paths {
            let recording: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let status = recording["status"].as_u64().unwrap() as u16;
            let endpoint = recording["endpoint"].as_str().unwrap();
            let (method, target) = endpoint.split_once(' ').unwrap();
            let route = target.split('?').next().unwrap();
            let server = MockServer::start().await;
            server
                .on(method, route)
                .respond(Reply::json(status, recording["body"].clone()));
            let http = client(&server, Mode::OpenAi);
            let path_without_v1 = route.trim_start_matches("/v1");
            let result = call(&http, method, path_without_v1).await;
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if status < 400 {
                let value = result.unwrap_or_else(|e| panic!("{name}: {e}"));
                if let Some(id) = recording["body"]["id"].as_str() {
                    assert_eq!(value["id"], id, "{name}");
                }
                if let Some(data) = recording["body"]["data"].as_array() {
                    assert_eq!(
                        value["data"].as_array().unwrap().len(),
                        data.len(),
                        "{name}"
                    );
                }
            } else {
                let err = result.expect_err(&name);
                assert_eq!(err.status().map(|s| s.as_u16()), Some(status), "{name}");
            }
            checked += 1;
        }
    }
    assert!(checked >= 25, "only {checked} recordings");
}
