//! Auto-pagination: [`ItemStream`], every item of a cursor-paginated list, page after page.
//!
//! Rules:
//! - the next page is requested with `after = <id of the last item>` and the same `limit`,
//!   `order` and filters; a caller's `before` is sent on the first page only, never together
//!   with `after` (combined they select an inconsistent window);
//! - paging stops when `has_more` is `false`, when a page is empty, or when its last item has
//!   no id;
//! - **a missing `has_more` stops paging** (openai-node's choice; openai-python keeps going):
//!   a server or proxy that does not say more pages exist is never asked for them, so one that
//!   also ignores `after` cannot make a caller loop forever;
//! - as a last guard, a server that answers the same cursor twice ends the stream instead of
//!   repeating pages.
//!
//! Pages are fetched lazily, one request per page, each with the full retry logic.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use core_http::Error;
use futures_core::Stream;
use openai_types::shared::{ListItem, ListPage, ListParams};
use serde::de::DeserializeOwned;

use crate::ctx::Ctx;

/// Every item of a list, fetched page by page as the stream is polled.
///
/// Returned by the `list_all` methods. Implements [`Stream`]; [`ItemStream::next`] and
/// [`ItemStream::try_collect`] work without any stream extension trait.
///
/// ```no_run
/// # async fn demo(http: &core_http::HttpClient) -> Result<(), core_http::Error> {
/// use openai_assistants::Assistants;
/// use openai_types::shared::{ListParams, SortOrder};
///
/// let mut all = Assistants::new(http).list_all(&ListParams::new().limit(100u32).order(SortOrder::Asc));
/// while let Some(assistant) = all.next().await {
///     println!("{}", assistant?.id);
/// }
/// # Ok(()) }
/// ```
#[must_use = "streams do nothing unless polled"]
pub struct ItemStream<'c, T> {
    inner: Pin<Box<dyn Stream<Item = Result<T, Error>> + Send + 'c>>,
}

impl<T> fmt::Debug for ItemStream<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ItemStream").finish_non_exhaustive()
    }
}

impl<T> ItemStream<'_, T> {
    /// The next item; `None` after the last page. After an error the stream ends.
    pub async fn next(&mut self) -> Option<Result<T, Error>> {
        std::future::poll_fn(|cx| self.inner.as_mut().poll_next(cx)).await
    }

    /// Fetches every remaining page and returns all items, or the first error.
    pub async fn try_collect(mut self) -> Result<Vec<T>, Error> {
        let mut items = Vec::new();
        while let Some(item) = self.next().await {
            items.push(item?);
        }
        Ok(items)
    }
}

impl<T> Stream for ItemStream<'_, T> {
    type Item = Result<T, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

/// List query parameters that know how to ask for the next page.
pub(crate) trait PageQuery: Send + 'static {
    fn query(&self) -> Vec<(&'static str, String)>;
    /// Same filters, `limit` and `order`; `after` set; `before` dropped.
    fn after(&self, cursor: &str) -> Self;
}

impl PageQuery for ListParams {
    fn query(&self) -> Vec<(&'static str, String)> {
        self.to_query()
    }
    fn after(&self, cursor: &str) -> Self {
        self.next_page(cursor)
    }
}

impl PageQuery for openai_types::messages::MessageListParams {
    fn query(&self) -> Vec<(&'static str, String)> {
        self.to_query()
    }
    fn after(&self, cursor: &str) -> Self {
        self.next_page(cursor)
    }
}

impl PageQuery for openai_types::run_steps::RunStepListParams {
    fn query(&self) -> Vec<(&'static str, String)> {
        self.to_query()
    }
    fn after(&self, cursor: &str) -> Self {
        self.next_page(cursor)
    }
}

/// Streams every item of `GET path` starting from `params`.
pub(crate) fn paginate<'c, T, P>(
    ctx: Ctx<'c>,
    path: Result<String, Error>,
    operation: &'static str,
    params: P,
) -> ItemStream<'c, T>
where
    T: DeserializeOwned + ListItem + Send + 'c,
    P: PageQuery,
{
    let inner = async_stream::try_stream! {
        let path = path?;
        let mut params = params;
        let mut previous: Option<String> = None;
        loop {
            let page: ListPage<T> = ctx.get_query(&path, operation, params.query()).with_response().await?.0;
            let next = page.next_cursor().map(str::to_owned);
            for item in page.data {
                yield item;
            }
            match next {
                Some(cursor) if previous.as_deref() != Some(cursor.as_str()) => {
                    params = params.after(&cursor);
                    previous = Some(cursor);
                }
                _ => break,
            }
        }
    };
    ItemStream {
        inner: Box::pin(inner),
    }
}
