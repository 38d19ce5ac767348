//! `upload_file_in_parts` against the mock: ordering, parts retried after a fault, refusals.

use openai_files::{Files, Uploads};
use openai_mock::{MockServer, Reply};
use openai_types::files::FilePurpose;

use crate::support::{MODES, client};

fn temp_file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("openai-files-it-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Parts arrive in any order but complete in file order: the file reads back identical.
#[tokio::test]
async fn parts_are_completed_in_file_order() {
    for mode in MODES {
        let server = MockServer::start().await;
        let http = client(&server, mode);
        let data: Vec<u8> = (0..100_000u32).flat_map(|i| i.to_le_bytes()).collect();
        let path = temp_file(&format!("order-{}.bin", mode.name()), &data);
        let file = Uploads::new(&http)
            .upload_file_in_parts(
                &path,
                FilePurpose::Assistants,
                "application/octet-stream",
                33_333,
                3,
            )
            .await
            .unwrap();
        assert_eq!(file.bytes, 400_000);
        assert_eq!(file.filename, format!("order-{}.bin", mode.name()));
        let back = Files::new(&http)
            .content(&file.id)
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        assert_eq!(&back[..], &data[..]);
        let parts = server
            .requests()
            .iter()
            .filter(|r| r.path.ends_with("/parts"))
            .count();
        assert_eq!(parts, 13);
        std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
    }
}

/// A part that fails (a 500, with the client's own retries off) is sent again from disk; the
/// other parts are sent once.
#[tokio::test]
async fn a_failed_part_is_retried_alone() {
    let server = MockServer::start().await;
    let http = client(&server, crate::support::Mode::OpenAi);
    let path = temp_file("retry.txt", &b"0123456789".repeat(10));
    // The first upload the mock creates is `upload_…1`; script its parts route.
    let uploads = Uploads::new(&http);
    let probe = uploads
        .create(&openai_types::uploads::CreateUploadRequest::new(
            "p",
            FilePurpose::Assistants,
            1,
            "text/plain",
        ))
        .await
        .unwrap();
    let next_id = next_upload_id(&probe.id);
    server
        .on("POST", &format!("/v1/uploads/{next_id}/parts"))
        .respond_seq([Reply::error(500, "server_error", None, "part store hiccup")]);
    let file = uploads
        .upload_file_in_parts(&path, FilePurpose::Assistants, "text/plain", 30, 1)
        .await
        .unwrap();
    assert_eq!(file.bytes, 100);
    let parts: Vec<_> = server
        .requests()
        .into_iter()
        .filter(|r| r.path.ends_with("/parts"))
        .collect();
    // 4 parts, the first sent twice.
    assert_eq!(parts.len(), 5);
    let back = Files::new(&http)
        .content(&file.id)
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(&back[..], &b"0123456789".repeat(10)[..]);

    // A part that keeps failing ends the upload after PART_ATTEMPTS tries, cancelling it.
    let probe = uploads
        .create(&openai_types::uploads::CreateUploadRequest::new(
            "p",
            FilePurpose::Assistants,
            1,
            "text/plain",
        ))
        .await
        .unwrap();
    let next_id = next_upload_id(&probe.id);
    server
        .on("POST", &format!("/v1/uploads/{next_id}/parts"))
        .respond(Reply::error(503, "server_error", None, "down"));
    server.clear_requests();
    let err = uploads
        .upload_file_in_parts(&path, FilePurpose::Assistants, "text/plain", 30, 2)
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503), "{err}");
    let sent = server.requests();
    let parts = sent.iter().filter(|r| r.path.ends_with("/parts")).count();
    assert!(parts >= openai_files::PART_ATTEMPTS as usize, "{parts}");
    assert!(
        sent.iter()
            .any(|r| r.path.ends_with(&format!("{next_id}/cancel")))
    );
    std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
}

/// The id the mock gives the next upload (ids end in a counter).
fn next_upload_id(id: &str) -> String {
    let digits = id.trim_start_matches(|c: char| !c.is_ascii_digit());
    let width = digits.len();
    let n: u64 = digits.parse().unwrap();
    format!("{}{:0width$}", &id[..id.len() - width], n + 1)
}

/// Bad part sizes and missing files are refused before anything is sent.
#[tokio::test]
async fn refusals_before_sending() {
    let server = MockServer::start().await;
    let http = client(&server, crate::support::Mode::OpenAi);
    let uploads = Uploads::new(&http);
    let err = uploads
        .upload_file_in_parts(
            "/definitely/missing.bin",
            FilePurpose::Batch,
            "text/plain",
            1024,
            2,
        )
        .await
        .unwrap_err();
    assert!(err.to_string().contains("/definitely/missing.bin"), "{err}");
    let err = uploads
        .upload_file_in_parts(
            "/definitely/missing.bin",
            FilePurpose::Batch,
            "text/plain",
            0,
            2,
        )
        .await
        .unwrap_err();
    assert!(err.to_string().contains("`part_size`"), "{err}");
    assert!(server.requests().is_empty());
    let err = uploads
        .add_part("..", openai_files::UploadSource::bytes(vec![1]))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("`upload_id`"), "{err}");
}
