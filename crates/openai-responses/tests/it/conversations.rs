//! Conversations and their items, in OpenAI and Azure v1 mode: wire and decoded answers.

use core_http::ErrorKind;
use openai_mock::MockServer;
use openai_responses::{Conversations, Responses};
use openai_types::conversations::{
    ConversationCreateRequest, ConversationItem, ConversationItemsCreateRequest,
    ConversationUpdateRequest, Include,
};
use openai_types::responses::{ItemListParams, ResponseCreateRequest};
use openai_types::shared::SortOrder;
use serde_json::json;

use crate::support::{self, Mode, wires};

/// create, retrieve, update, items create/list/list_all/retrieve/delete, a response in the
/// conversation, delete: what is sent and what comes back.
#[tokio::test]
async fn every_operation_on_the_wire_and_decoded() {
    for mode in Mode::ALL {
        let server = MockServer::start().await;
        let http = mode.client(&server);
        let conversations = Conversations::new(&http);
        let items = conversations.items();

        let created = conversations
            .create(
                &ConversationCreateRequest::new()
                    .metadata([("topic", "tea")])
                    .items([ConversationItem::user("I like green tea.")]),
            )
            .await
            .unwrap();
        let retrieved = conversations.retrieve(&created.id).await.unwrap();
        assert_eq!(retrieved, created);
        let updated = conversations
            .update(
                &created.id,
                &ConversationUpdateRequest::new([("topic", "coffee")]),
            )
            .await
            .unwrap();
        assert_eq!(
            serde_json::to_value(&updated.metadata).unwrap(),
            json!({"topic": "coffee"})
        );

        let added = items
            .create(
                &created.id,
                &ConversationItemsCreateRequest::new([
                    ConversationItem::user("And black tea."),
                    ConversationItem::assistant("Noted."),
                ]),
                &[Include::ReasoningEncryptedContent],
            )
            .await
            .unwrap();
        assert_eq!(added.data.len(), 2);

        let response = Responses::new(&http)
            .create(
                &ResponseCreateRequest::new("gpt-4.1-mini", "What do I like?")
                    .conversation(created.id.as_str()),
            )
            .await
            .unwrap();
        assert_eq!(
            response.output_text(),
            "Echo: What do I like? (3 earlier items)"
        );

        let page = items
            .list(
                &created.id,
                &ItemListParams::new()
                    .limit(2)
                    .order(SortOrder::Asc)
                    .include([Include::ReasoningEncryptedContent]),
            )
            .await
            .unwrap();
        assert_eq!(page.data.len(), 2);
        let all = items
            .list_all(
                &created.id,
                &ItemListParams::new().limit(2).order(SortOrder::Asc),
            )
            .collect()
            .await
            .unwrap();
        assert_eq!(all.len(), 5);

        let first_id = openai_types::shared::ListItem::list_id(&all[0]).to_owned();
        let item = items
            .retrieve(
                &created.id,
                &first_id,
                &[Include::ReasoningEncryptedContent],
            )
            .await
            .unwrap();
        assert_eq!(item, all[0]);
        let after_delete = items.delete(&created.id, &first_id).await.unwrap();
        assert_eq!(after_delete.id, created.id);
        let err = items
            .retrieve(&created.id, &first_id, &[])
            .await
            .unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(404));

        let deleted = conversations.delete(&created.id).await.unwrap();
        assert!(deleted.deleted);

        let name = mode.name();
        insta::assert_json_snapshot!(format!("conversations_{name}_wire"), wires(&server));
        insta::assert_json_snapshot!(
            format!("conversations_{name}_decoded"),
            json!({
                "create": created,
                "update": updated,
                "items_create": added,
                "items_page": page,
                "items_all": all,
                "items_retrieve": item,
                "items_delete": after_delete,
                "delete": deleted,
            })
        );
    }
}

/// Conversation and item ids are checked before sending.
#[tokio::test]
async fn ids_are_checked() {
    let server = MockServer::start().await;
    let http = support::openai(&server);
    let conversations = Conversations::new(&http);
    for bad in ["", ".."] {
        let err = conversations.retrieve(bad).await.unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::InvalidRequest), "{err}");
        let err = conversations
            .items()
            .delete("conv_1", bad)
            .await
            .unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::InvalidRequest), "{err}");
    }
    assert!(server.requests().is_empty());
}
