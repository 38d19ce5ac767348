//! [`ItemStream`]: every item of a paginated item list, fetched page by page.

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use core_http::kit::Call;
use core_http::{Error, ResponseMeta};
use futures_core::Stream;
use openai_types::responses::{Item, ItemListParams, ResponseItemList};

type PageFuture =
    Pin<Box<dyn Future<Output = Result<(ResponseItemList, ResponseMeta), Error>> + Send>>;
type FetchPage<'c> = Box<dyn Fn(&ItemListParams) -> Call<ResponseItemList> + Send + Sync + 'c>;

/// The items of a paginated list (a response's input items, a conversation's items), fetched
/// one page at a time as they are consumed.
///
/// Each page keeps the caller's `limit`, `order` and `include`; the next page starts after the
/// last item's id and pages stop when the service reports no more (`has_more` false or
/// missing). An error ends the stream; every page request retries like any call.
///
/// ```
/// # #![allow(clippy::unwrap_used)]
/// use openai_sdk::responses::{InputItem, ItemListParams, ResponseCreateRequest};
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), openai_sdk::Error> {
/// # let server = openai_mock::MockServer::start().await;
/// # let client = openai_sdk::Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
/// let responses = client.responses();
/// let request = ResponseCreateRequest::new("gpt-4.1-mini", [InputItem::user("a"), InputItem::user("b"), InputItem::user("c")]);
/// let response = responses.create(&request).await?;
/// let mut items = responses.input_items_all(&response.id, &ItemListParams::new().limit(2));
/// let mut count = 0;
/// while let Some(item) = items.next().await {
///     item?;
///     count += 1;
/// }
/// assert_eq!(count, 3);
/// assert_eq!(items.pages_fetched(), 2);
/// # Ok(()) }
/// ```
#[must_use = "a stream does nothing unless polled"]
pub struct ItemStream<'c> {
    fetch: FetchPage<'c>,
    params: Option<ItemListParams>,
    pending: Option<PageFuture>,
    buffer: VecDeque<Item>,
    pages: u32,
}

impl fmt::Debug for ItemStream<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ItemStream")
            .field("next_page", &self.params)
            .field("buffered", &self.buffer.len())
            .field("pages_fetched", &self.pages)
            .finish_non_exhaustive()
    }
}

impl<'c> ItemStream<'c> {
    pub(crate) fn new(
        params: ItemListParams,
        fetch: impl Fn(&ItemListParams) -> Call<ResponseItemList> + Send + Sync + 'c,
    ) -> Self {
        ItemStream {
            fetch: Box::new(fetch),
            params: Some(params),
            pending: None,
            buffer: VecDeque::new(),
            pages: 0,
        }
    }

    /// Pages requested so far.
    pub fn pages_fetched(&self) -> u32 {
        self.pages
    }

    /// The next item; `None` after the last one (and after an error).
    pub async fn next(&mut self) -> Option<Result<Item, Error>> {
        std::future::poll_fn(|cx| self.poll_item(cx)).await
    }

    /// Reads every remaining item.
    pub async fn collect(mut self) -> Result<Vec<Item>, Error> {
        let mut items = Vec::new();
        while let Some(item) = self.next().await {
            items.push(item?);
        }
        Ok(items)
    }

    fn poll_item(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Item, Error>>> {
        loop {
            if let Some(item) = self.buffer.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            if self.pending.is_none() {
                let Some(params) = self.params.as_ref() else {
                    return Poll::Ready(None);
                };
                self.pending = Some(Box::pin((self.fetch)(params).with_response()));
                self.pages += 1;
            }
            let Some(pending) = self.pending.as_mut() else {
                continue;
            };
            let page = match pending.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(result) => result,
            };
            self.pending = None;
            match page {
                Err(err) => {
                    self.params = None;
                    return Poll::Ready(Some(Err(err)));
                }
                Ok((page, _meta)) => {
                    self.params = match (page.next_cursor(), self.params.take()) {
                        (Some(after), Some(params)) => Some(params.next_page(after)),
                        _ => None,
                    };
                    self.buffer.extend(page.data);
                }
            }
        }
    }
}

impl Stream for ItemStream<'_> {
    type Item = Result<Item, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_item(cx)
    }
}
