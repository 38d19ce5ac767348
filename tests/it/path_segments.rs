//! Every id that enters a path, in every API family: an empty id and the dot segments `.` and
//! `..` (which a normalizing proxy would resolve into another route) are refused before
//! anything is sent, with an error naming the parameter.

use std::future::Future;
use std::pin::Pin;

use openai_mock::MockServer;
use openai_sdk::conversations::ConversationUpdateRequest;
use openai_sdk::responses::{ItemListParams, ResponseRetrieveParams};
use openai_sdk::shared::ListParams;
use openai_sdk::uploads::CompleteUploadRequest;
use openai_sdk::vector_stores::{
    UpdateVectorStoreRequest, VectorStoreFileListParams, VectorStoreSearchRequest,
};
use openai_sdk::{Client, Error, ErrorKind, UploadSource};

use crate::support::{MODES, Mode};

type Op<'a> = Pin<Box<dyn Future<Output = Result<(), Error>> + Send + 'a>>;

/// One call per id-taking operation, with `id` in the position under test.
fn operations<'a>(client: &'a Client, id: &'a str) -> Vec<(&'static str, Op<'a>)> {
    macro_rules! op {
        ($name:literal, $call:expr) => {
            (
                $name,
                Box::pin(async move { $call.await.map(|_| ()) }) as Op<'a>,
            )
        };
    }
    #[allow(unused_mut)] // extended below with the assistants feature
    let mut ops: Vec<(&'static str, Op<'a>)> = vec![
        op!("models.retrieve", client.models().retrieve(id)),
        op!("files.retrieve", client.files().retrieve(id)),
        op!("files.delete", client.files().delete(id)),
        op!("files.content", client.files().content(id)),
        op!("files.content_bytes", client.files().content_bytes(id)),
        op!(
            "uploads.add_part",
            client
                .uploads()
                .add_part(id, UploadSource::bytes(vec![1u8]))
        ),
        op!(
            "uploads.complete",
            client
                .uploads()
                .complete(id, &CompleteUploadRequest::new(["part_1"]))
        ),
        op!("uploads.cancel", client.uploads().cancel(id)),
        op!(
            "vector_stores.retrieve",
            client.vector_stores().retrieve(id)
        ),
        op!(
            "vector_stores.update",
            client
                .vector_stores()
                .update(id, &UpdateVectorStoreRequest::new())
        ),
        op!("vector_stores.delete", client.vector_stores().delete(id)),
        op!(
            "vector_stores.search",
            client
                .vector_stores()
                .search(id, &VectorStoreSearchRequest::new("q"))
        ),
        op!(
            "vector_stores.files.list (store id)",
            client
                .vector_stores()
                .files(id)
                .list(&VectorStoreFileListParams::new())
        ),
        op!(
            "vector_stores.files.retrieve",
            client.vector_stores().files("vs_1").retrieve(id)
        ),
        op!(
            "vector_stores.files.delete",
            client.vector_stores().files("vs_1").delete(id)
        ),
        op!(
            "vector_stores.files.content",
            client.vector_stores().files("vs_1").content(id)
        ),
        op!(
            "vector_stores.file_batches.retrieve (store id)",
            client.vector_stores().file_batches(id).retrieve("vsfb_1")
        ),
        op!(
            "vector_stores.file_batches.cancel",
            client.vector_stores().file_batches("vs_1").cancel(id)
        ),
        op!("batches.retrieve", client.batches().retrieve(id)),
        op!("batches.cancel", client.batches().cancel(id)),
        op!(
            "responses.retrieve",
            client
                .responses()
                .retrieve(id, &ResponseRetrieveParams::default())
        ),
        op!("responses.delete", client.responses().delete(id)),
        op!("responses.cancel", client.responses().cancel(id)),
        op!(
            "responses.input_items",
            client
                .responses()
                .input_items(id, &ItemListParams::default())
        ),
        op!(
            "conversations.retrieve",
            client.conversations().retrieve(id)
        ),
        op!(
            "conversations.update",
            client
                .conversations()
                .update(id, &ConversationUpdateRequest::default())
        ),
        op!("conversations.delete", client.conversations().delete(id)),
        op!(
            "conversations.items.list",
            client
                .conversations()
                .items()
                .list(id, &ItemListParams::default())
        ),
        op!(
            "conversations.items.retrieve",
            client.conversations().items().retrieve("conv_1", id, &[])
        ),
        op!(
            "conversations.items.delete",
            client.conversations().items().delete("conv_1", id)
        ),
    ];
    #[cfg(feature = "assistants")]
    ops.extend([
        op!("assistants.retrieve", client.assistants().retrieve(id)),
        op!("assistants.delete", client.assistants().delete(id)),
        op!("threads.retrieve", client.threads().retrieve(id)),
        op!(
            "messages.list",
            client.messages().list(id, &ListParams::new())
        ),
        op!("runs.retrieve", client.runs().retrieve("thread_1", id)),
        op!(
            "run_steps.retrieve",
            client.run_steps().retrieve("thread_1", "run_1", id)
        ),
    ]);
    #[cfg(not(feature = "assistants"))]
    let _ = ListParams::new();
    ops
}

#[tokio::test]
async fn empty_and_dot_ids_are_refused_before_sending_in_every_api() {
    for mode in MODES {
        let server = MockServer::start().await;
        let client = mode.client(&server);
        for bad in ["", ".", ".."] {
            for (name, call) in operations(&client, bad) {
                let err = call.await.expect_err(name);
                assert!(
                    matches!(err.kind(), ErrorKind::InvalidRequest),
                    "{mode:?} {name} {bad:?}: {err:?}"
                );
                let text = err.to_string();
                assert!(
                    text.contains("must not be empty") || text.contains("must not be `.` or `..`"),
                    "{mode:?} {name} {bad:?}: {text}"
                );
                assert_eq!(err.attempts(), 0, "{name}: nothing was sent");
            }
        }
        assert!(
            server.requests().is_empty(),
            "{mode:?}: {:?}",
            server.requests()
        );
    }
}

#[tokio::test]
async fn ids_with_reserved_characters_stay_one_segment() {
    let server = MockServer::start().await;
    let client = Mode::OpenAi.client(&server);
    let _ = client.files().retrieve("../batches?x=1#y").await;
    let _ = client.responses().delete("a/b").await;
    let paths: Vec<String> = server.requests().iter().map(|r| r.path.clone()).collect();
    assert_eq!(
        paths,
        ["/v1/files/..%2Fbatches%3Fx%3D1%23y", "/v1/responses/a%2Fb"]
    );
}
