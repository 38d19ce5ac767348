//! Cursor-paginated list pages, list query parameters and deletion statuses.
//!
//! Every Assistants-era list endpoint (assistants, messages, runs, run steps, files) answers with
//! the same envelope: `{"object": "list", "data": [..], "first_id", "last_id", "has_more"}`. The
//! next page is requested with `after=<id of the last item in data>`, keeping `limit` and `order`
//!.

use serde::{Deserialize, Serialize};

string_enum! {
    /// Sort order of a list by `created_at`.
    ///
    /// ```
    /// use openai_types::shared::SortOrder;
    ///
    /// match SortOrder::from("desc") {
    ///     SortOrder::Asc => println!("oldest first"),
    ///     SortOrder::Desc => println!("newest first"),
    ///     other => println!("order {} is newer than this SDK", other.as_str()),
    /// }
    /// ```
    pub enum SortOrder {
        /// Oldest first.
        Asc = "asc",
        /// Newest first (the service default for most lists).
        Desc = "desc",
    }
}

/// One page of a cursor-paginated list.
///
/// `has_more` is an `Option` because some servers (older Azure versions, proxies, mocks) omit it.
/// This SDK treats a missing `has_more` as "no more pages", like openai-node and unlike
/// openai-python: a server that does not report more pages is never
/// asked for them, so a server that ignores `after` cannot make a caller loop forever.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ListPage<T> {
    /// Always `list`.
    #[serde(default = "list_object")]
    pub object: String,
    /// The items of this page, in the requested order.
    #[serde(default = "Vec::new")]
    pub data: Vec<T>,
    /// Id of the first item, when the page is not empty.
    #[serde(default)]
    pub first_id: Option<String>,
    /// Id of the last item, when the page is not empty.
    #[serde(default)]
    pub last_id: Option<String>,
    /// Whether more items follow this page; see the type docs for a missing value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_more: Option<bool>,
}

fn list_object() -> String {
    "list".to_owned()
}

impl<T> Default for ListPage<T> {
    fn default() -> Self {
        Self {
            object: list_object(),
            data: Vec::new(),
            first_id: None,
            last_id: None,
            has_more: None,
        }
    }
}

/// Items of a list page: everything paginated by the Assistants-era APIs has a string `id`.
///
/// Implemented by every type this crate returns inside a [`ListPage`], so pagination code can
/// find the cursor for the next page without knowing the item type.
pub trait ListItem {
    /// The item's id, used as the `after` cursor for the next page.
    fn list_id(&self) -> &str;
}

impl<T: ListItem> ListPage<T> {
    /// The `after` cursor of the next page, or `None` when this is the last page.
    ///
    /// Paging stops when `has_more` is `false` or missing, when `data` is empty, or when the last
    /// item has an empty id. The cursor is the last item's id, not
    /// `last_id`, as both official SDKs do for cursor pages.
    ///
    /// ```
    /// use openai_types::shared::{ListPage, ListParams};
    /// use openai_types::assistants::Assistant;
    ///
    /// let page: ListPage<Assistant> = serde_json::from_str(r#"{"object":"list","data":[],"has_more":false}"#).unwrap();
    /// let params = ListParams::new().limit(20u32);
    /// if let Some(after) = page.next_cursor() {
    ///     let _next = params.next_page(after);
    /// }
    /// ```
    pub fn next_cursor(&self) -> Option<&str> {
        if self.has_more != Some(true) {
            return None;
        }
        let id = self.data.last()?.list_id();
        (!id.is_empty()).then_some(id)
    }
}

/// The paging pairs every cursor-paginated list sends, in a stable order, skipping unset
/// ones; list parameters with filters append theirs after these.
pub(crate) fn paging_query(
    limit: Option<u32>,
    order: Option<&SortOrder>,
    after: Option<&str>,
    before: Option<&str>,
) -> Vec<(&'static str, String)> {
    let mut query = Vec::with_capacity(5);
    if let Some(limit) = limit {
        query.push(("limit", limit.to_string()));
    }
    if let Some(order) = order {
        query.push(("order", order.as_str().to_owned()));
    }
    if let Some(after) = after {
        query.push(("after", after.to_owned()));
    }
    if let Some(before) = before {
        query.push(("before", before.to_owned()));
    }
    query
}

/// Query parameters shared by the cursor-paginated list endpoints.
///
/// All fields are optional; unset ones are not sent, so the service defaults apply.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ListParams {
    /// Page size (1..=100 for most lists; the service enforces the range).
    pub limit: Option<u32>,
    /// Sort order by `created_at`.
    pub order: Option<SortOrder>,
    /// Return items after this id (forward cursor).
    pub after: Option<String>,
    /// Return items before this id (backward cursor).
    pub before: Option<String>,
}

impl ListParams {
    /// No parameters: the service defaults apply.
    pub fn new() -> Self {
        Self::default()
    }

    /// The query pairs to append to the URL, in a stable order, skipping unset fields.
    ///
    /// ```
    /// use openai_types::shared::{ListParams, SortOrder};
    ///
    /// let q = ListParams::new().limit(10u32).order(SortOrder::Asc).to_query();
    /// assert_eq!(q, vec![("limit", "10".to_owned()), ("order", "asc".to_owned())]);
    /// ```
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        paging_query(
            self.limit,
            self.order.as_ref(),
            self.after.as_deref(),
            self.before.as_deref(),
        )
    }

    /// The parameters of the next page: the same `limit` and `order`, `after` set to the cursor.
    ///
    /// `before` is dropped: combined with `after` it would select an empty or inconsistent window
    ///.
    #[must_use]
    pub fn next_page(&self, after: impl Into<String>) -> Self {
        Self {
            limit: self.limit,
            order: self.order.clone(),
            after: Some(after.into()),
            before: None,
        }
    }
}

setters! {
    ListParams {
        copy limit: u32,
        order: SortOrder,
        after: String,
        before: String,
    }
}

/// The answer to a `DELETE` of an assistant, thread, message, file or vector store.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeletionStatus {
    /// Id of the deleted object.
    pub id: String,
    /// `assistant.deleted`, `thread.deleted`, `thread.message.deleted`, `file`,
    /// `vector_store.deleted`, ... (kept as a string: it names the object kind, not a state).
    #[serde(default)]
    pub object: String,
    /// Whether the object was deleted.
    #[serde(default)]
    pub deleted: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Item {
        id: String,
    }
    impl ListItem for Item {
        fn list_id(&self) -> &str {
            &self.id
        }
    }

    fn page(json: &str) -> ListPage<Item> {
        serde_json::from_str(json).unwrap()
    }

    /// The cursor is the last item's id; pagination stops on `has_more: false`, an empty page or an empty id.
    #[test]
    fn next_cursor_stop_conditions() {
        assert_eq!(
            page(r#"{"data":[{"id":"a"},{"id":"b"}],"has_more":true,"last_id":"x"}"#).next_cursor(),
            Some("b")
        );
        assert_eq!(
            page(r#"{"data":[{"id":"a"}],"has_more":false}"#).next_cursor(),
            None
        );
        assert_eq!(page(r#"{"data":[{"id":"a"}]}"#).next_cursor(), None);
        assert_eq!(page(r#"{"data":[],"has_more":true}"#).next_cursor(), None);
        assert_eq!(
            page(r#"{"data":[{"id":""}],"has_more":true}"#).next_cursor(),
            None
        );
    }

    /// The next page keeps `limit` and `order` and drops `before`.
    #[test]
    fn next_page_keeps_limit_and_order_and_drops_before() {
        let params = ListParams::new()
            .limit(5u32)
            .order(SortOrder::Desc)
            .before("z");
        let next = params.next_page("b");
        assert_eq!(
            next.to_query(),
            vec![
                ("limit", "5".to_owned()),
                ("order", "desc".to_owned()),
                ("after", "b".to_owned())
            ]
        );
        assert!(ListParams::new().to_query().is_empty());
    }

    #[test]
    fn page_defaults_and_round_trip() {
        let p: ListPage<serde_json::Value> = serde_json::from_str("{}").unwrap();
        assert_eq!(p, ListPage::default());
        let json = r#"{"object":"list","data":[1],"first_id":"a","last_id":"a","has_more":false}"#;
        let p: ListPage<serde_json::Value> = serde_json::from_str(json).unwrap();
        assert_eq!(serde_json::to_string(&p).unwrap(), json);
    }
}
