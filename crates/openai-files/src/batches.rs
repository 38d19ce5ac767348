//! [`Batches`]: `/batches` — create, retrieve, list, cancel, wait; JSONL input from typed
//! requests ([`batch_input_jsonl`]) and typed output lines ([`Batches::output_lines`]).

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use core_http::http::Method;
use core_http::kit::{Call, Handle, PollOptions, path_segment, poll_until};
use core_http::{Error, Scope};
use futures_core::Stream;
use openai_types::batches::{
    Batch, BatchInputLine, BatchListParams, BatchOutputLine, CreateBatchRequest,
    parse_batch_output_line,
};
use openai_types::shared::ListPage;
use serde::Serialize;

use crate::content::{JsonlLines, with_request_id};
use crate::files::Files;
use crate::pages::{ItemStream, page_call};

/// The `/batches` resource (resource-scoped on Azure: `/openai/batches`).
///
/// A batch runs the requests of a JSONL file (purpose `batch`) against one endpoint within
/// the completion window, at a lower price. On Azure the `model` of each line names a
/// global-batch deployment.
///
/// ```
/// # #![allow(clippy::unwrap_used)]
/// use openai_sdk::{PollOptions, UploadSource};
/// use openai_sdk::batches::batch_input_jsonl;
/// use openai_sdk::batches::{BatchEndpoint, BatchInputLine, CreateBatchRequest};
/// use openai_sdk::chat::{ChatCompletion, ChatCompletionRequest, ChatMessage};
/// use openai_sdk::files::{FilePurpose, FileUploadParams};
/// # #[tokio::main(flavor = "current_thread", start_paused = true)]
/// # async fn main() -> Result<(), openai_sdk::Error> {
/// # let server = openai_mock::MockServer::start().await;
/// # let client = openai_sdk::Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
/// let request = ChatCompletionRequest::new("gpt-4o-mini", [ChatMessage::user("Hi")]);
/// let jsonl = batch_input_jsonl([BatchInputLine::new("q1", BatchEndpoint::ChatCompletions, &request)])?;
/// let input = client.files()
///     .create(UploadSource::bytes(jsonl).file_name("input.jsonl"), &FileUploadParams::new(FilePurpose::Batch))
///     .await?;
/// let batches = client.batches();
/// let batch = batches.create(&CreateBatchRequest::new(input.id, BatchEndpoint::ChatCompletions)).await?;
/// let batch = batches.wait(&batch.id, &PollOptions::new()).await?;
/// let mut lines = batches.output_lines(batch.output_file_id.as_deref().unwrap()).await?;
/// while let Some(line) = lines.next().await {
///     let line = line?;
///     let reply: ChatCompletion = line.decode_body().unwrap().unwrap();
///     assert_eq!(line.custom_id, "q1");
///     assert_eq!(reply.first_content(), Some("Echo: Hi"));
/// }
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Batches<'c> {
    handle: Handle<'c>,
}

core_http::resource_handle!(Batches);

fn batch_path(batch_id: &str, rest: &str) -> Result<String, Error> {
    Ok(format!(
        "/batches/{}{rest}",
        path_segment(batch_id, "batch_id")?
    ))
}

impl<'c> Batches<'c> {
    /// Creates a batch (`POST /batches`) from an uploaded input file.
    pub fn create(&self, request: &CreateBatchRequest) -> Call<Batch> {
        Call::json(
            self.handle
                .request(Method::POST, "/batches", Scope::Resource, "batches.create")
                .json(request),
        )
    }

    /// One batch (`GET /batches/{batch_id}`).
    pub fn retrieve(&self, batch_id: &str) -> Call<Batch> {
        Call::try_build(|| {
            Ok(Call::json(self.handle.request(
                Method::GET,
                &batch_path(batch_id, "")?,
                Scope::Resource,
                "batches.retrieve",
            )))
        })
    }

    /// One page of batches (`GET /batches`).
    pub fn list(&self, params: &BatchListParams) -> Call<ListPage<Batch>> {
        page_call(&self.handle, "/batches", "batches.list", params)
    }

    /// Every batch, page by page.
    pub fn list_all(&self, params: &BatchListParams) -> ItemStream<'c, Batch> {
        ItemStream::new(
            self.handle.clone(),
            Ok("/batches".to_owned()),
            "batches.list",
            params.clone(),
        )
    }

    /// Cancels a batch (`POST /batches/{batch_id}/cancel`): it is `cancelling`, then
    /// `cancelled` with the results finished so far.
    pub fn cancel(&self, batch_id: &str) -> Call<Batch> {
        Call::try_build(|| {
            Ok(Call::json(self.handle.request(
                Method::POST,
                &batch_path(batch_id, "/cancel")?,
                Scope::Resource,
                "batches.cancel",
            )))
        })
    }

    /// Waits until the batch is `completed`, `failed`, `expired` or `cancelled`, retrieving
    /// it as `options` says (server hints pace the polls unless a fixed interval is set; a
    /// batch can take up to its completion window, so set a timeout that fits).
    pub async fn wait(&self, batch_id: &str, options: &PollOptions) -> Result<Batch, Error> {
        let (batch, _) = poll_until(
            options,
            || self.retrieve(batch_id).with_response(),
            |batch: &Batch| batch.status.is_terminal(),
            |batch| batch.status.as_str(),
        )
        .await?;
        Ok(batch)
    }

    /// Streams a batch output or error file (`GET /files/{file_id}/content`) as typed lines,
    /// keyed by `custom_id`, with one line in memory at a time. Blank lines are skipped; a
    /// line that is not a valid result is an error naming its line number, after which the
    /// stream ends.
    pub async fn output_lines(&self, file_id: &str) -> Result<BatchOutputLines, Error> {
        let content = Files::from_handle(self.handle.clone())
            .content(file_id)
            .await?;
        Ok(BatchOutputLines {
            lines: JsonlLines::new(content),
            failed: false,
        })
    }
}

/// Builds a batch input file: one compact JSON line per request, each ending in `\n`.
///
/// On Azure, the `model` of each request names the (global-batch) deployment.
///
/// ```
/// # #![allow(clippy::unwrap_used)]
/// use openai_files::batch_input_jsonl;
/// use openai_types::batches::{BatchEndpoint, BatchInputLine};
/// use openai_types::embeddings::EmbeddingRequest;
///
/// let requests = [EmbeddingRequest::new("text-embedding-3-small", "a"), EmbeddingRequest::new("text-embedding-3-small", "b")];
/// let lines = requests
///     .iter()
///     .enumerate()
///     .map(|(i, r)| BatchInputLine::new(format!("e{i}"), BatchEndpoint::Embeddings, r));
/// let jsonl = batch_input_jsonl(lines).unwrap();
/// assert_eq!(jsonl.iter().filter(|b| **b == b'\n').count(), 2);
/// ```
pub fn batch_input_jsonl<'a, B>(
    lines: impl IntoIterator<Item = BatchInputLine<'a, B>>,
) -> Result<Vec<u8>, Error>
where
    B: Serialize + ?Sized + 'a,
{
    let mut out = Vec::new();
    for (index, line) in lines.into_iter().enumerate() {
        serde_json::to_writer(&mut out, &line).map_err(|e| {
            Error::invalid_request(format!(
                "batch input line {} (`{}`) cannot be serialized: {e}",
                index + 1,
                line.custom_id
            ))
            .with_source(e)
        })?;
        out.push(b'\n');
    }
    Ok(out)
}

/// The results of a batch output or error file, one typed [`BatchOutputLine`] at a time;
/// returned by [`Batches::output_lines`]. Implements [`Stream`].
#[must_use = "streams do nothing unless polled"]
pub struct BatchOutputLines {
    lines: JsonlLines,
    failed: bool,
}

impl fmt::Debug for BatchOutputLines {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BatchOutputLines")
            .field("lines", &self.lines)
            .finish_non_exhaustive()
    }
}

impl BatchOutputLines {
    /// The next result; `None` at the end of the file.
    pub async fn next(&mut self) -> Option<Result<BatchOutputLine, Error>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// Reads every remaining result, or the first error.
    pub async fn try_collect(mut self) -> Result<Vec<BatchOutputLine>, Error> {
        let mut out = Vec::new();
        while let Some(line) = self.next().await {
            out.push(line?);
        }
        Ok(out)
    }
}

impl Stream for BatchOutputLines {
    type Item = Result<BatchOutputLine, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if this.failed {
                return Poll::Ready(None);
            }
            let (number, line) = match Pin::new(&mut this.lines).poll_next(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(err))) => {
                    this.failed = true;
                    return Poll::Ready(Some(Err(err)));
                }
                Poll::Ready(Some(Ok(line))) => line,
            };
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let parsed = std::str::from_utf8(&line)
                .map_err(|e| {
                    Error::decode(format!("batch output line {number}: not UTF-8: {e}"))
                        .with_source(e)
                })
                .and_then(|text| {
                    parse_batch_output_line(number, text)
                        .map_err(|e| Error::decode(e.to_string()).with_source(e))
                });
            return Poll::Ready(Some(match parsed {
                Ok(line) => Ok(line),
                Err(err) => {
                    this.failed = true;
                    Err(with_request_id(err, this.lines.request_id()))
                }
            }));
        }
    }
}
