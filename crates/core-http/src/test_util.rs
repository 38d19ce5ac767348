//! Test helpers (feature `test-util`): an in-memory transport with scripted responses that
//! records every request it receives.
//!
//! It plugs in through [`crate::HttpClientBuilder::transport`], under the whole stack, so layer
//! tests see exactly what would go on the wire. Delays use tokio time, so tests run with
//! `#[tokio::test(start_paused = true)]` and assert exact virtual durations.

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, Method, Request, Response, StatusCode, Uri};
use http_body::{Body, Frame};
use tokio::time::Sleep;

use crate::body::{RequestBody, ResponseBody};
use crate::error::Error;

/// One step of a scripted response body.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Chunk {
    /// Yield these bytes.
    Data(Bytes),
    /// Wait this long (virtual time in paused tests) before the next step.
    Delay(Duration),
    /// Fail the body read with an [`crate::ErrorKind::Io`] error carrying this message.
    Io(String),
    /// Never produce anything again (a stalled connection).
    Stall,
}

/// A scripted response: status, headers, a delay before the headers, and body chunks.
#[derive(Clone, Debug)]
pub struct MockResponse {
    status: StatusCode,
    headers: HeaderMap,
    delay: Duration,
    chunks: Vec<Chunk>,
}

impl MockResponse {
    /// A response with this status and no body.
    pub fn new(status: u16) -> Self {
        MockResponse {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            headers: HeaderMap::new(),
            delay: Duration::ZERO,
            chunks: Vec::new(),
        }
    }

    /// A response with a JSON body and `content-type: application/json`.
    pub fn json(status: u16, body: &serde_json::Value) -> Self {
        Self::new(status)
            .header("content-type", "application/json")
            .chunk(body.to_string())
    }

    /// Adds a header (ignored when the name or value is invalid).
    pub fn header(mut self, name: &str, value: &str) -> Self {
        if let (Ok(n), Ok(v)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            self.headers.append(n, v);
        }
        self
    }

    /// Waits this long before answering with headers.
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    /// Appends a body chunk.
    pub fn chunk(mut self, data: impl Into<Bytes>) -> Self {
        self.chunks.push(Chunk::Data(data.into()));
        self
    }

    /// Appends a pause between body chunks.
    pub fn chunk_delay(mut self, delay: Duration) -> Self {
        self.chunks.push(Chunk::Delay(delay));
        self
    }

    /// Appends a body read failure.
    pub fn io_error(mut self, message: &str) -> Self {
        self.chunks.push(Chunk::Io(message.to_owned()));
        self
    }

    /// Makes the body stall forever after the chunks so far.
    pub fn stall(mut self) -> Self {
        self.chunks.push(Chunk::Stall);
        self
    }

    fn into_response(self) -> Response<ResponseBody> {
        let mut resp = Response::new(ResponseBody::new(ChunkBody::new(self.chunks)));
        *resp.status_mut() = self.status;
        *resp.headers_mut() = self.headers;
        resp
    }
}

/// A request as the transport received it.
#[derive(Clone, Debug)]
pub struct RecordedRequest {
    /// The method.
    pub method: Method,
    /// The full URI.
    pub uri: Uri,
    /// All headers, including sensitive ones (tests assert on them; never print them).
    pub headers: HeaderMap,
    /// The body bytes (a one-shot stream is read to record it).
    pub body: Bytes,
    /// True when the body was a one-shot stream.
    pub one_shot: bool,
}

impl RecordedRequest {
    /// A header value as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body as JSON.
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

type ErrorFactory = Arc<dyn Fn() -> Error + Send + Sync>;

enum Step {
    Respond(MockResponse),
    Fail(ErrorFactory),
}

#[derive(Default)]
struct State {
    steps: VecDeque<Step>,
    fallback: Option<MockResponse>,
    requests: Vec<RecordedRequest>,
}

/// An in-memory transport: answers from a script and records requests. Clones share state.
#[derive(Clone, Default)]
pub struct MockTransport {
    state: Arc<Mutex<State>>,
}

impl fmt::Debug for MockTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.lock();
        f.debug_struct("MockTransport")
            .field("scripted", &state.steps.len())
            .field("requests", &state.requests.len())
            .finish()
    }
}

impl MockTransport {
    /// An empty script.
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A test that panicked while holding the lock already failed; keep going.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Queues a response.
    pub fn push(&self, response: MockResponse) -> &Self {
        self.lock().steps.push_back(Step::Respond(response));
        self
    }

    /// Queues a transport failure (produced by `make` when its turn comes).
    pub fn push_error(&self, make: impl Fn() -> Error + Send + Sync + 'static) -> &Self {
        self.lock().steps.push_back(Step::Fail(Arc::new(make)));
        self
    }

    /// The response used once the script is exhausted.
    pub fn fallback(&self, response: MockResponse) -> &Self {
        self.lock().fallback = Some(response);
        self
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.lock().requests.clone()
    }

    /// Number of requests received so far.
    pub fn request_count(&self) -> usize {
        self.lock().requests.len()
    }
}

impl tower::Service<Request<RequestBody>> for MockTransport {
    type Response = Response<ResponseBody>;
    type Error = Error;
    type Future = Pin<Box<dyn Future<Output = Result<Response<ResponseBody>, Error>> + Send>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: Request<RequestBody>) -> Self::Future {
        let this = self.clone();
        Box::pin(async move {
            let (parts, body) = req.into_parts();
            let one_shot = matches!(body, RequestBody::Stream { .. });
            let body = match body {
                RequestBody::Empty => Bytes::new(),
                RequestBody::Bytes(b) => b,
                stream => http_body_util::BodyExt::collect(stream)
                    .await
                    .map_err(|e| Error::io("mock transport: request body failed").with_source(e))?
                    .to_bytes(),
            };
            let step = {
                let mut state = this.lock();
                state.requests.push(RecordedRequest {
                    method: parts.method,
                    uri: parts.uri,
                    headers: parts.headers,
                    body,
                    one_shot,
                });
                match state.steps.pop_front() {
                    Some(step) => Some(step),
                    None => state.fallback.clone().map(Step::Respond),
                }
            };
            match step {
                Some(Step::Respond(r)) => {
                    if !r.delay.is_zero() {
                        tokio::time::sleep(r.delay).await;
                    }
                    Ok(r.into_response())
                }
                Some(Step::Fail(make)) => Err(make()),
                None => Err(Error::io("mock transport: no scripted response left")),
            }
        })
    }
}

/// A response body that plays a list of [`Chunk`]s.
#[derive(Debug)]
pub struct ChunkBody {
    chunks: VecDeque<Chunk>,
    sleep: Option<Pin<Box<Sleep>>>,
}

impl ChunkBody {
    /// A body playing these chunks in order.
    pub fn new(chunks: Vec<Chunk>) -> Self {
        ChunkBody {
            chunks: chunks.into(),
            sleep: None,
        }
    }
}

impl Body for ChunkBody {
    type Data = Bytes;
    type Error = Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Error>>> {
        let this = self.get_mut();
        loop {
            match this.chunks.front() {
                None => return Poll::Ready(None),
                Some(Chunk::Stall) => return Poll::Pending,
                Some(Chunk::Delay(d)) => {
                    let d = *d;
                    let sleep = this
                        .sleep
                        .get_or_insert_with(|| Box::pin(tokio::time::sleep(d)));
                    match sleep.as_mut().poll(cx) {
                        Poll::Ready(()) => {
                            this.sleep = None;
                            this.chunks.pop_front();
                        }
                        Poll::Pending => return Poll::Pending,
                    }
                }
                Some(Chunk::Data(_) | Chunk::Io(_)) => {
                    return match this.chunks.pop_front() {
                        Some(Chunk::Data(b)) => Poll::Ready(Some(Ok(Frame::data(b)))),
                        Some(Chunk::Io(m)) => Poll::Ready(Some(Err(Error::io(m)))),
                        _ => Poll::Ready(None),
                    };
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.chunks.is_empty()
    }
}
