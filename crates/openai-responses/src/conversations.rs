//! [`Conversations`] and [`ConversationItems`]: `/conversations` and its items.

use core_http::http::Method;
use core_http::kit::{Call, Handle, path_segment};
use core_http::{Error, RequestBuilder, Scope};
use openai_types::conversations::{
    Conversation, ConversationCreateRequest, ConversationDeleted, ConversationItem,
    ConversationItemList, ConversationItemsCreateRequest, ConversationUpdateRequest, Include,
};
use openai_types::responses::ItemListParams;

use crate::pages::ItemStream;

/// The Conversations API (`/conversations`; on Azure v1 `/openai/v1/conversations`).
///
/// A conversation stores items across responses: pass its id as the `conversation` of a
/// [`ResponseCreateRequest`](openai_types::responses::ResponseCreateRequest) and the response
/// reads the items and appends its input and output to them.
///
/// ```
/// # #![allow(clippy::unwrap_used)]
/// use openai_sdk::conversations::{ConversationCreateRequest, ConversationItem};
/// use openai_sdk::responses::{ItemListParams, ResponseCreateRequest};
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), openai_sdk::Error> {
/// # let server = openai_mock::MockServer::start().await;
/// # let client = openai_sdk::Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
/// let conversations = client.conversations();
/// let conversation = conversations
///     .create(&ConversationCreateRequest::new().items([ConversationItem::user("I like tea.")]))
///     .await?;
/// let request = ResponseCreateRequest::new("gpt-4.1-mini", "What do I like?")
///     .conversation(conversation.id.as_str());
/// client.responses().create(&request).await?;
/// let items = conversations.items().list(&conversation.id, &ItemListParams::new()).await?;
/// assert_eq!(items.data.len(), 3); // the first message, the question and the answer
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Conversations<'c> {
    handle: Handle<'c>,
}

core_http::resource_handle!(Conversations);

fn conversation_path(id: &str, rest: &str) -> Result<String, Error> {
    Ok(format!(
        "/conversations/{}{rest}",
        path_segment(id, "conversation_id")?
    ))
}

fn with_include(mut builder: RequestBuilder, include: &[Include]) -> RequestBuilder {
    for value in include {
        builder = builder.query("include[]", value.as_str());
    }
    builder
}

impl<'c> Conversations<'c> {
    /// The items of conversations, with this handle's options.
    pub fn items(&self) -> ConversationItems<'c> {
        ConversationItems::from_handle(self.handle.clone())
    }

    /// Creates a conversation (optionally with metadata and up to 20 initial items).
    pub fn create(&self, request: &ConversationCreateRequest) -> Call<Conversation> {
        Call::json(
            self.handle
                .request(
                    Method::POST,
                    "/conversations",
                    Scope::Resource,
                    "conversations.create",
                )
                .json(request),
        )
    }

    /// Retrieves a conversation.
    pub fn retrieve(&self, id: &str) -> Call<Conversation> {
        Call::try_build(|| {
            let path = conversation_path(id, "")?;
            Ok(Call::json(self.handle.request(
                Method::GET,
                &path,
                Scope::Resource,
                "conversations.retrieve",
            )))
        })
    }

    /// Replaces a conversation's metadata.
    pub fn update(&self, id: &str, request: &ConversationUpdateRequest) -> Call<Conversation> {
        Call::try_build(|| {
            let path = conversation_path(id, "")?;
            Ok(Call::json(
                self.handle
                    .request(Method::POST, &path, Scope::Resource, "conversations.update")
                    .json(request),
            ))
        })
    }

    /// Deletes a conversation (its items are deleted with it).
    pub fn delete(&self, id: &str) -> Call<ConversationDeleted> {
        Call::try_build(|| {
            let path = conversation_path(id, "")?;
            Ok(Call::json(self.handle.request(
                Method::DELETE,
                &path,
                Scope::Resource,
                "conversations.delete",
            )))
        })
    }
}

/// The items of a conversation (`/conversations/{id}/items`).
///
/// Made with [`Conversations::items`] or `ConversationItems::new(&http)`.
#[derive(Clone, Debug)]
pub struct ConversationItems<'c> {
    handle: Handle<'c>,
}

core_http::resource_handle!(ConversationItems);

impl<'c> ConversationItems<'c> {
    /// Adds items (up to 20) to a conversation; the answer lists the added items.
    /// `include` asks for additional output data (e.g. encrypted reasoning).
    pub fn create(
        &self,
        conversation_id: &str,
        request: &ConversationItemsCreateRequest,
        include: &[Include],
    ) -> Call<ConversationItemList> {
        Call::try_build(|| {
            let path = conversation_path(conversation_id, "/items")?;
            let builder = self.handle.request(
                Method::POST,
                &path,
                Scope::Resource,
                "conversations.items.create",
            );
            Ok(Call::json(with_include(builder, include).json(request)))
        })
    }

    /// One page of a conversation's items (`limit`, `order`, `after`, `include`).
    pub fn list(
        &self,
        conversation_id: &str,
        params: &ItemListParams,
    ) -> Call<ConversationItemList> {
        Call::try_build(|| {
            let path = conversation_path(conversation_id, "/items")?;
            let mut builder = self.handle.request(
                Method::GET,
                &path,
                Scope::Resource,
                "conversations.items.list",
            );
            for (key, value) in params.to_query() {
                builder = builder.query(key, value);
            }
            Ok(Call::json(builder))
        })
    }

    /// Every item of a conversation, page after page (see [`ItemStream`]).
    pub fn list_all(&self, conversation_id: &str, params: &ItemListParams) -> ItemStream<'c> {
        let items = self.clone();
        let id = conversation_id.to_owned();
        ItemStream::new(params.clone(), move |page| items.list(&id, page))
    }

    /// One item of a conversation.
    pub fn retrieve(
        &self,
        conversation_id: &str,
        item_id: &str,
        include: &[Include],
    ) -> Call<ConversationItem> {
        Call::try_build(|| {
            let path = item_path(conversation_id, item_id)?;
            let builder = self.handle.request(
                Method::GET,
                &path,
                Scope::Resource,
                "conversations.items.retrieve",
            );
            Ok(Call::json(with_include(builder, include)))
        })
    }

    /// Deletes an item; the answer is the conversation.
    pub fn delete(&self, conversation_id: &str, item_id: &str) -> Call<Conversation> {
        Call::try_build(|| {
            let path = item_path(conversation_id, item_id)?;
            Ok(Call::json(self.handle.request(
                Method::DELETE,
                &path,
                Scope::Resource,
                "conversations.items.delete",
            )))
        })
    }
}

fn item_path(conversation_id: &str, item_id: &str) -> Result<String, Error> {
    conversation_path(
        conversation_id,
        &format!("/items/{}", path_segment(item_id, "item_id")?),
    )
}
