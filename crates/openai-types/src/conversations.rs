//! The Conversations API: `POST /conversations`, `GET`/`POST`/`DELETE /conversations/{id}`,
//! `GET`/`POST /conversations/{id}/items`, `GET`/`DELETE /conversations/{id}/items/{item_id}`.
//!
//! A conversation stores items (the same [`Item`] type as the Responses
//! API); pass its id as the `conversation` of a
//! [`ResponseCreateRequest`](crate::responses::ResponseCreateRequest) to read from and add to it.
//!
//! ```
//! use openai_types::conversations::{ConversationCreateRequest, ConversationItem};
//!
//! let request = ConversationCreateRequest::new()
//!     .metadata([("topic", "demo")])
//!     .items([ConversationItem::user("Hello!")]);
//! let json = serde_json::to_value(&request).unwrap();
//! assert_eq!(json["items"][0]["role"], "user");
//! ```

use serde::{Deserialize, Serialize};

use crate::responses::Item;
use crate::shared::{ListPage, Metadata};

pub use crate::responses::Include;

/// An item stored in a conversation (the same type as the Responses API's items).
pub type ConversationItem = Item;

/// `GET /conversations/{id}/items` and `POST /conversations/{id}/items`: one page of items.
pub type ConversationItemList = ListPage<ConversationItem>;

/// A conversation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Conversation {
    /// Conversation id (`conv_...`).
    #[serde(default)]
    pub id: String,
    /// Always `conversation`.
    #[serde(default)]
    pub object: String,
    /// Creation time, Unix seconds.
    #[serde(default)]
    pub created_at: u64,
    /// Key/value pairs attached to the conversation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
}

/// Parameters for `POST /conversations`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConversationCreateRequest {
    /// Key/value pairs to attach.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// Initial items (up to 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<ConversationItem>>,
    /// Parameters this release does not model, sent as top-level fields (set with
    /// [`extra`](Self::extra); a `null` value sends an explicit `null`; do not repeat modeled
    /// fields).
    #[serde(flatten, default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl ConversationCreateRequest {
    /// An empty conversation.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the initial items.
    #[must_use]
    pub fn items(mut self, items: impl IntoIterator<Item = ConversationItem>) -> Self {
        self.items = Some(items.into_iter().collect());
        self
    }
}

setters! { ConversationCreateRequest { metadata: Metadata } }

/// Parameters for `POST /conversations/{id}`: replaces the metadata.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConversationUpdateRequest {
    /// The new metadata (replaces the old map entirely).
    #[serde(default)]
    pub metadata: Metadata,
    /// Parameters this release does not model, sent as top-level fields (set with
    /// [`extra`](Self::extra); a `null` value sends an explicit `null`; do not repeat modeled
    /// fields).
    #[serde(flatten, default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl ConversationUpdateRequest {
    /// Replaces the metadata with `metadata`.
    pub fn new(metadata: impl Into<Metadata>) -> Self {
        Self {
            extra: serde_json::Map::new(),
            metadata: metadata.into(),
        }
    }
}

/// `DELETE /conversations/{id}`: the deletion status.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConversationDeleted {
    /// Id of the deleted conversation.
    #[serde(default)]
    pub id: String,
    /// Always `conversation.deleted`.
    #[serde(default)]
    pub object: String,
    /// Whether it was deleted.
    #[serde(default)]
    pub deleted: bool,
}

/// Parameters for `POST /conversations/{id}/items`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConversationItemsCreateRequest {
    /// The items to add (up to 20).
    pub items: Vec<ConversationItem>,
    /// Parameters this release does not model, sent as top-level fields (set with
    /// [`extra`](Self::extra); a `null` value sends an explicit `null`; do not repeat modeled
    /// fields).
    #[serde(flatten, default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl ConversationItemsCreateRequest {
    /// Adds these items.
    pub fn new(items: impl IntoIterator<Item = ConversationItem>) -> Self {
        Self {
            extra: serde_json::Map::new(),
            items: items.into_iter().collect(),
        }
    }
}

crate::macros::extra_setter! { ConversationCreateRequest, ConversationUpdateRequest, ConversationItemsCreateRequest }
