//! The service kit: the parts every operation of every service crate is built from.
//!
//! | part | what it does |
//! | --- | --- |
//! | [`Handle`] + `resource_handle!` | a resource handle (`client.chat()`, `client.files()`): the client, the handle's options, merge semantics |
//! | [`Call`] | one request/response operation: `.await` for the value, [`Call::with_response`] for value + [`ResponseMeta`](crate::ResponseMeta) |
//! | [`EventStream`] + [`StreamSpec`] | every streamed operation: keep-alives, terminators, error events, decode errors with the JSON path, draining |
//! | [`PollOptions`] + [`poll_until`] / [`Polling`] | every long-running operation: server hints, interval, timeout, progress |
//! | [`UploadSource`] | every file upload: a path streamed from disk, bytes, or an async reader |
//! | [`Download`] (from [`RequestBuilder::send_download`](crate::RequestBuilder::send_download)) | every binary body read as it arrives: file content, speech |
//! | [`path_segment`] | every id, deployment and model that enters a path |
//! | [`RateLimits`] | the `x-ratelimit-*` headers of a response |
//! | [`join_all`], [`try_join_bounded`] | concurrent tool calls, batched requests, upload parts |
//!
//! Service crates use these instead of writing their own, so every operation retries, times
//! out, streams, polls and reports errors the same way.

mod call;
mod download;
mod events;
mod handle;
mod join;
mod meta;
mod poll;
pub(crate) mod segment;
mod upload;

pub use call::{Call, Decoder};
pub use download::Download;
pub use events::{DRAIN_GRACE, EventStream, StreamSpec, decode_event_json};
pub use handle::Handle;
pub use join::{join_all, try_join_bounded};
pub use meta::RateLimits;
pub use poll::{
    DEFAULT_POLL_INTERVAL, DEFAULT_POLL_TIMEOUT, PollOptions, PollProgress, Polling, poll_hint,
    poll_until,
};
pub use segment::path_segment;
pub use upload::UploadSource;

/// Fields an operation sets itself, refused in a request's free-form extra fields.
///
/// `stream` is decided by the method (`create` or `create_stream`) and `model` may pick the
/// route; a duplicate key in the JSON body would make the two disagree, so it is refused
/// before sending, naming the field.
pub fn refuse_owned_fields(
    extra: &serde_json::Map<String, serde_json::Value>,
    owned: &[&str],
) -> Result<(), crate::Error> {
    match owned.iter().find(|field| extra.contains_key(**field)) {
        None => Ok(()),
        Some(field) => Err(crate::Error::invalid_request(format!(
            "`{field}` is set by the operation itself; remove it from the extra fields"
        ))),
    }
}

/// A request body plus `"stream": true`, serialized in one pass without cloning or changing
/// the caller's value.
#[derive(serde::Serialize)]
pub struct Streaming<'a, T: serde::Serialize + ?Sized> {
    #[serde(flatten)]
    request: &'a T,
    stream: bool,
}

impl<'a, T: serde::Serialize + ?Sized> Streaming<'a, T> {
    /// `request` with `"stream": true`.
    pub fn new(request: &'a T) -> Self {
        Streaming {
            request,
            stream: true,
        }
    }
}
