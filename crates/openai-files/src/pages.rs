//! Auto-pagination: [`ItemStream`], every item of a cursor-paginated list, page after page.
//!
//! The next page is requested with `after = <id of the last item>` and the same page size,
//! order and filters (a `before` cursor is sent on the first page only). Paging stops when
//! `has_more` is `false` or missing, when a page is empty, when its last item has no id, or
//! when the server answers the same cursor twice (so a server that ignores `after` cannot make
//! a caller loop forever). Pages are fetched lazily, one [`Call`] per page, each with the full
//! retry logic.

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use core_http::kit::{Call, Handle};
use core_http::{Error, RequestBuilder, ResponseMeta, Scope};
use futures_core::Stream;
use openai_types::batches::BatchListParams;
use openai_types::files::FileListParams;
use openai_types::shared::{ListItem, ListPage, ListParams};
use openai_types::vector_stores::VectorStoreFileListParams;
use serde::de::DeserializeOwned;

/// List query parameters that know how to ask for the next page.
pub(crate) trait PageParams: Clone + Send + 'static {
    /// The query pairs of this page.
    fn query(&self) -> Vec<(&'static str, String)>;
    /// The same filters for the page after `after`.
    fn after(&self, after: String) -> Self;
}

macro_rules! page_params {
    ($($ty:ty),*) => {$(
        impl PageParams for $ty {
            fn query(&self) -> Vec<(&'static str, String)> {
                self.to_query()
            }
            fn after(&self, after: String) -> Self {
                self.next_page(after)
            }
        }
    )*};
}

page_params!(
    ListParams,
    FileListParams,
    VectorStoreFileListParams,
    BatchListParams
);

/// One page of a list as a [`Call`]: `GET path?query`.
/// The header the official SDKs send on every vector store call (a leftover of the
/// Assistants beta the vector stores came from); files, uploads and batches carry none.
const OPENAI_BETA: (&str, &str) = ("OpenAI-Beta", "assistants=v2");

/// Starts a request from `handle`, with `OpenAI-Beta: assistants=v2` on `/vector_stores…`
/// routes. A caller's own `OpenAI-Beta` (in the options) is applied later and wins.
pub(crate) fn start_request(
    handle: &Handle<'_>,
    method: core_http::http::Method,
    path: &str,
    scope: Scope<'_>,
    operation: &'static str,
) -> RequestBuilder {
    let builder = handle.request(method, path, scope, operation);
    if path.starts_with("/vector_stores") {
        builder.header(OPENAI_BETA.0, OPENAI_BETA.1)
    } else {
        builder
    }
}

pub(crate) fn page_call<T: DeserializeOwned, P: PageParams>(
    handle: &Handle<'_>,
    path: &str,
    operation: &'static str,
    params: &P,
) -> Call<ListPage<T>> {
    let mut builder = start_request(
        handle,
        core_http::http::Method::GET,
        path,
        Scope::Resource,
        operation,
    );
    for (key, value) in params.query() {
        builder = builder.query(key, value);
    }
    Call::json(builder)
}

type PageFuture<'c, T> =
    Pin<Box<dyn Future<Output = Result<(ListPage<T>, ResponseMeta), Error>> + Send + 'c>>;

/// Every item of a list, fetched page by page as the stream is polled.
///
/// Returned by the `list_all` methods. Implements [`Stream`]; [`ItemStream::next`] and
/// [`ItemStream::try_collect`] work without any stream extension trait. After an error the
/// stream ends.
///
/// ```no_run
/// # async fn demo(http: &core_http::HttpClient) -> Result<(), core_http::Error> {
/// use openai_files::Files;
/// use openai_types::files::{FileListParams, FilePurpose};
///
/// let mut all = Files::new(http).list_all(&FileListParams::new().purpose(FilePurpose::Batch));
/// while let Some(file) = all.next().await {
///     println!("{}", file?.id);
/// }
/// # Ok(()) }
/// ```
#[must_use = "streams do nothing unless polled"]
pub struct ItemStream<'c, T> {
    fetch: Box<dyn FnMut(Option<String>) -> PageFuture<'c, T> + Send + 'c>,
    pending: Option<PageFuture<'c, T>>,
    buffered: VecDeque<T>,
    last_cursor: Option<String>,
    started: bool,
    done: bool,
}

impl<T> fmt::Debug for ItemStream<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ItemStream")
            .field("buffered", &self.buffered.len())
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl<'c, T: ListItem + DeserializeOwned + Send + 'c> ItemStream<'c, T> {
    /// Pages of `GET path` starting with `params`.
    pub(crate) fn new<P: PageParams>(
        handle: Handle<'c>,
        path: Result<String, Error>,
        operation: &'static str,
        params: P,
    ) -> Self {
        let mut path = path.map_err(Some);
        let fetch = move |after: Option<String>| -> PageFuture<'c, T> {
            let call = match &mut path {
                // Only ever fetched once: a failed first page ends the stream.
                Err(err) => Call::fail(
                    err.take()
                        .unwrap_or_else(|| Error::invalid_request("the list path was refused")),
                ),
                Ok(path) => match after {
                    None => page_call(&handle, path, operation, &params),
                    Some(after) => page_call(&handle, path, operation, &params.after(after)),
                },
            };
            Box::pin(call.with_response())
        };
        ItemStream {
            fetch: Box::new(fetch),
            pending: None,
            buffered: VecDeque::new(),
            last_cursor: None,
            started: false,
            done: false,
        }
    }
}

impl<T> ItemStream<'_, T> {
    /// The next item; `None` after the last page.
    pub async fn next(&mut self) -> Option<Result<T, Error>>
    where
        T: ListItem,
    {
        std::future::poll_fn(|cx| self.poll_item(cx)).await
    }

    /// Fetches every remaining page and returns all items, or the first error.
    pub async fn try_collect(mut self) -> Result<Vec<T>, Error>
    where
        T: ListItem,
    {
        let mut items = Vec::new();
        while let Some(item) = self.next().await {
            items.push(item?);
        }
        Ok(items)
    }

    fn poll_item(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<T, Error>>>
    where
        T: ListItem,
    {
        loop {
            if let Some(item) = self.buffered.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            if self.done {
                return Poll::Ready(None);
            }
            if self.pending.is_none() {
                let cursor = if self.started {
                    self.last_cursor.clone()
                } else {
                    None
                };
                self.started = true;
                self.pending = Some((self.fetch)(cursor));
            }
            let Some(pending) = self.pending.as_mut() else {
                continue;
            };
            let result = match pending.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(result) => result,
            };
            self.pending = None;
            match result {
                Err(err) => {
                    self.done = true;
                    return Poll::Ready(Some(Err(err)));
                }
                Ok((page, _meta)) => {
                    let next = page.next_cursor().map(str::to_owned);
                    match next {
                        // The same cursor twice: the server ignores `after`.
                        Some(cursor) if self.last_cursor.as_deref() != Some(cursor.as_str()) => {
                            self.last_cursor = Some(cursor);
                        }
                        _ => self.done = true,
                    }
                    self.buffered.extend(page.data);
                }
            }
        }
    }
}

// Items are only moved in and out of the queue, never pinned.
impl<T> Unpin for ItemStream<'_, T> {}

impl<T: ListItem> Stream for ItemStream<'_, T> {
    type Item = Result<T, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_item(cx)
    }
}
