//! Scripted replies: what a test tells the mock to answer instead of its default behavior.
//!
//! A [`Reply`] is a complete HTTP answer (status, headers, body) plus timing (a delay before the
//! headers, pauses between body frames) and an optional fault (drop the connection before the
//! headers or after N body bytes). [`MockServer::on`](crate::MockServer::on) attaches replies to
//! one method + path; the server serves them in order and falls back to its default behavior
//! when they run out.
//!
//! Delays use `tokio::time`, so tests under `tokio::time::pause` see them as virtual time.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use serde_json::{Value, json};

/// One scripted HTTP answer.
///
/// Build one with a constructor ([`Reply::json`], [`Reply::sse`], a fault such as
/// [`Reply::close_before_headers`]) and adjust it with the chained methods.
///
/// ```
/// use std::time::Duration;
/// use openai_mock::{Reply, SseEvent};
/// use serde_json::json;
///
/// let limited = Reply::rate_limited(1500);
/// let slow_ok = Reply::json(200, json!({"ok": true})).delay(Duration::from_secs(2));
/// let stream = Reply::sse([
///     SseEvent::json(&json!({"choices": []})),
///     SseEvent::json(&json!({"choices": []})).after(Duration::from_millis(500)),
/// ]);
/// let cut = Reply::json(200, json!({"id": "x"})).close_after_bytes(5);
/// # let _ = (limited, slow_ok, stream, cut);
/// ```
#[derive(Debug, Clone)]
pub struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) content_type: Option<String>,
    /// Body frames, each sent after its own pause.
    pub(crate) frames: Vec<(Duration, Bytes)>,
    pub(crate) delay: Duration,
    pub(crate) chunk_delay: Duration,
    pub(crate) fault: Option<Fault>,
}

/// How a reply breaks the connection on purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fault {
    /// Drop the connection without sending a status line.
    CloseBeforeHeaders,
    /// Send the headers (announcing the full length when known) and this many body bytes, then
    /// drop the connection.
    CloseAfterBytes(usize),
}

impl Reply {
    fn new(status: u16, content_type: Option<&str>, frames: Vec<(Duration, Bytes)>) -> Self {
        Self {
            status,
            headers: Vec::new(),
            content_type: content_type.map(str::to_owned),
            frames,
            delay: Duration::ZERO,
            chunk_delay: Duration::ZERO,
            fault: None,
        }
    }

    /// A JSON body with `status` (`content-type: application/json`).
    pub fn json(status: u16, body: Value) -> Self {
        let bytes = Bytes::from(body.to_string());
        Self::new(
            status,
            Some("application/json"),
            vec![(Duration::ZERO, bytes)],
        )
    }

    /// A text body with an explicit content type.
    pub fn text(status: u16, content_type: &str, body: impl Into<String>) -> Self {
        Self::bytes(status, content_type, body.into())
    }

    /// Raw body bytes with an explicit content type (for bodies that are not valid text).
    pub fn bytes(status: u16, content_type: &str, body: impl Into<Bytes>) -> Self {
        Self::new(
            status,
            Some(content_type),
            vec![(Duration::ZERO, body.into())],
        )
    }

    /// An empty body (e.g. `204`).
    pub fn empty(status: u16) -> Self {
        Self::new(status, None, Vec::new())
    }

    /// An error in the OpenAI shape: `{"error": {"message", "type", "param": null, "code"}}`.
    ///
    /// `kind` is the error `type` (`invalid_request_error`, `server_error`, …).
    pub fn error(status: u16, kind: &str, code: Option<&str>, message: &str) -> Self {
        Self::json(
            status,
            json!({"error": {"message": message, "type": kind, "param": null, "code": code}}),
        )
    }

    /// A `text/event-stream` of `events` followed by `data: [DONE]`, the way the service ends
    /// chat and completion streams. Each event is one body frame; [`SseEvent::after`] pauses
    /// before an event.
    pub fn sse(events: impl IntoIterator<Item = SseEvent>) -> Self {
        let mut frames: Vec<(Duration, Bytes)> = events.into_iter().map(SseEvent::frame).collect();
        frames.push((Duration::ZERO, Bytes::from_static(b"data: [DONE]\n\n")));
        Self::sse_frames(frames)
    }

    /// A stream that ends cleanly after `events` without the `[DONE]` sentinel (a truncated
    /// stream the client must notice on its own).
    pub fn sse_truncated(events: impl IntoIterator<Item = SseEvent>) -> Self {
        Self::sse_frames(events.into_iter().map(SseEvent::frame).collect())
    }

    /// A stream of `events` followed by `event: error` with `error` as its data (and no
    /// `[DONE]`), the way the service reports a failure mid-stream.
    ///
    /// `error` is usually `{"error": {"message", "type", ...}}`.
    pub fn sse_error_event(events: impl IntoIterator<Item = SseEvent>, error: Value) -> Self {
        let mut frames: Vec<(Duration, Bytes)> = events.into_iter().map(SseEvent::frame).collect();
        frames.push(SseEvent::json(&error).event("error").frame());
        Self::sse_frames(frames)
    }

    /// A stream that sends all `events` but the last in full, then half of the last one's bytes,
    /// then drops the connection: a cut in the middle of an SSE event.
    pub fn sse_close_mid_event(events: impl IntoIterator<Item = SseEvent>) -> Self {
        let frames: Vec<(Duration, Bytes)> = events.into_iter().map(SseEvent::frame).collect();
        let before: usize = frames
            .iter()
            .take(frames.len().saturating_sub(1))
            .map(|f| f.1.len())
            .sum();
        let last = frames.last().map_or(0, |f| f.1.len());
        Self::sse_frames(frames).close_after_bytes(before + last / 2)
    }

    /// Exact `text/event-stream` bytes, each chunk sent after its pause: for framing edge cases
    /// (CRLF, comments, a chunk boundary inside a line).
    pub fn sse_raw<B: Into<Bytes>>(chunks: impl IntoIterator<Item = (Duration, B)>) -> Self {
        Self::sse_frames(chunks.into_iter().map(|(d, b)| (d, b.into())).collect())
    }

    fn sse_frames(frames: Vec<(Duration, Bytes)>) -> Self {
        Self::new(200, Some("text/event-stream; charset=utf-8"), frames)
            .header("cache-control", "no-cache")
    }

    /// Drop the connection before sending a status line (the client sees a connection error).
    pub fn close_before_headers() -> Self {
        let mut reply = Self::empty(200);
        reply.fault = Some(Fault::CloseBeforeHeaders);
        reply
    }

    /// A `200` whose body claims to be JSON but is cut off mid-object.
    pub fn invalid_json() -> Self {
        Self::bytes(
            200,
            "application/json",
            Bytes::from_static(b"{\"id\": \"chatcmpl-broken\", \"object\": \"chat.comp"),
        )
    }

    /// A `200` JSON body containing bytes that are not UTF-8 (`0xFF 0xFE` inside a string).
    pub fn invalid_utf8() -> Self {
        Self::bytes(
            200,
            "application/json",
            Bytes::from_static(b"{\"id\": \"chatcmpl-\xff\xfe\", \"object\": \"chat.completion\"}"),
        )
    }

    /// A `502` HTML page like a proxy in front of the service sends.
    pub fn html_502() -> Self {
        Self::text(
            502,
            "text/html",
            "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n\
             <center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n\
             </body>\r\n</html>\r\n",
        )
    }

    /// A `429` in the service's shape with `retry-after-ms: <ms>` and `retry-after: <seconds,
    /// rounded up>`.
    pub fn rate_limited(retry_after_ms: u64) -> Self {
        let secs = retry_after_ms.div_ceil(1000);
        Self::json(
            429,
            json!({"error": {
                "message": format!(
                    "Rate limit reached for requests. Please try again in {retry_after_ms}ms."
                ),
                "type": "requests",
                "param": null,
                "code": "rate_limit_exceeded",
            }}),
        )
        .header("retry-after-ms", retry_after_ms.to_string())
        .header("retry-after", secs.to_string())
        .header("x-ratelimit-remaining-requests", "0")
    }

    /// Adds a response header (kept in order; repeated names are sent repeatedly).
    ///
    /// A scripted `x-request-id` replaces the one the mock would generate.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Waits this long before sending the status line and headers.
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    /// Waits this long before every body frame after the first.
    pub fn chunk_delay(mut self, delay: Duration) -> Self {
        self.chunk_delay = delay;
        self
    }

    /// Sends the headers and the first `n` body bytes, then drops the connection.
    ///
    /// For a body of known length, `content-length` still announces the full length, so the
    /// client sees a short body rather than a clean end.
    pub fn close_after_bytes(mut self, n: usize) -> Self {
        self.fault = Some(Fault::CloseAfterBytes(n));
        self
    }

    /// The status code this reply sends.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The `content-type` this reply sends, if any.
    ///
    /// ```
    /// use openai_mock::Reply;
    ///
    /// assert_eq!(Reply::rate_limited(100).content_type(), Some("application/json"));
    /// assert_eq!(Reply::empty(204).content_type(), None);
    /// ```
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// The whole body this reply sends (every frame, in order; a fault may cut it short on
    /// the wire): for checking a built reply before scripting it.
    ///
    /// ```
    /// use openai_mock::Reply;
    /// use serde_json::json;
    ///
    /// let reply = Reply::json(200, json!({"ok": true}));
    /// assert_eq!(&reply.body()[..], br#"{"ok":true}"#);
    /// ```
    pub fn body(&self) -> Bytes {
        match self.frames.as_slice() {
            [] => Bytes::new(),
            [(_, only)] => only.clone(),
            frames => frames.iter().flat_map(|(_, b)| b.iter().copied()).collect(),
        }
    }
}

/// One server-sent event for [`Reply::sse`] and friends.
///
/// Written as `event: <name>\n` (when named), `id: <id>\n` (when set), one `data:` line per line
/// of data, then a blank line.
#[derive(Debug, Clone, PartialEq)]
pub struct SseEvent {
    event: Option<String>,
    id: Option<String>,
    data: String,
    pause: Duration,
}

impl SseEvent {
    /// An unnamed event with `data` as its payload.
    pub fn data(data: impl Into<String>) -> Self {
        Self {
            event: None,
            id: None,
            data: data.into(),
            pause: Duration::ZERO,
        }
    }

    /// An unnamed event whose payload is `value` serialized on one line.
    pub fn json(value: &Value) -> Self {
        Self::data(value.to_string())
    }

    /// The `data: [DONE]` sentinel (for scripts built with [`Reply::sse_truncated`] or
    /// [`Reply::sse_raw`] that need it somewhere specific).
    pub fn done() -> Self {
        Self::data("[DONE]")
    }

    /// Sets the `event:` name (Assistants streams, `error`).
    pub fn event(mut self, name: impl Into<String>) -> Self {
        self.event = Some(name.into());
        self
    }

    /// Sets the `id:` field.
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// Pauses this long before sending the event.
    pub fn after(mut self, pause: Duration) -> Self {
        self.pause = pause;
        self
    }

    /// The event's wire bytes.
    pub fn to_bytes(&self) -> Bytes {
        Bytes::from(encode_event(
            self.event.as_deref(),
            self.id.as_deref(),
            &self.data,
        ))
    }

    fn frame(self) -> (Duration, Bytes) {
        (self.pause, self.to_bytes())
    }
}

/// `event:`/`id:`/`data:` lines plus the blank line that dispatches the event.
pub(crate) fn encode_event(event: Option<&str>, id: Option<&str>, data: &str) -> String {
    let mut out = String::with_capacity(data.len() + 16);
    if let Some(event) = event {
        out.push_str("event: ");
        out.push_str(event);
        out.push('\n');
    }
    if let Some(id) = id {
        out.push_str("id: ");
        out.push_str(id);
        out.push('\n');
    }
    for line in data.split('\n') {
        out.push_str("data: ");
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    out
}

/// Replies queued for one method + path.
#[derive(Debug)]
pub(crate) struct Script {
    method: String,
    path: String,
    queue: VecDeque<Reply>,
    always: Option<Reply>,
    remaining: Option<usize>,
}

impl Script {
    /// The next reply for this request, if this script matches and is not used up.
    fn take(&mut self, method: &str, path: &str) -> Option<Reply> {
        if !self.method.eq_ignore_ascii_case(method) || self.path != path {
            return None;
        }
        if self.remaining == Some(0) {
            return None;
        }
        let reply = match self.queue.pop_front() {
            Some(reply) => reply,
            None => self.always.clone()?,
        };
        if let Some(n) = &mut self.remaining {
            *n -= 1;
        }
        Some(reply)
    }
}

/// All scripts of one server; the most recently registered matching script answers first.
#[derive(Debug, Default)]
pub(crate) struct Scripts(Mutex<Vec<Script>>);

impl Scripts {
    pub(crate) fn next(&self, method: &str, path: &str) -> Option<Reply> {
        let mut scripts = self.0.lock().unwrap_or_else(|e| e.into_inner());
        scripts.iter_mut().rev().find_map(|s| s.take(method, path))
    }

    fn push(&self, script: Script) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(script);
    }

    pub(crate) fn clear(&self) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

/// Attaches scripted replies to one method and path; returned by
/// [`MockServer::on`](crate::MockServer::on).
///
/// Nothing is registered until [`respond`](Self::respond) or
/// [`respond_seq`](Self::respond_seq) is called.
#[derive(Debug)]
#[must_use = "call .respond(..) or .respond_seq(..) to register the script"]
pub struct RouteScript {
    scripts: Arc<Scripts>,
    method: String,
    path: String,
    times: Option<usize>,
}

impl RouteScript {
    pub(crate) fn new(scripts: Arc<Scripts>, method: &str, path: &str) -> Self {
        Self {
            scripts,
            method: method.to_ascii_uppercase(),
            path: path.to_owned(),
            times: None,
        }
    }

    /// Limits this script to `n` requests in total; later requests fall back to the default
    /// behavior (or an older script for the same route).
    pub fn times(mut self, n: usize) -> Self {
        self.times = Some(n);
        self
    }

    /// Answers every matching request with `reply` (or the first `n`, with [`times`](Self::times)).
    ///
    /// `reply` is a [`Reply`] or a builder that converts into one, such as
    /// [`Reply::chat_text`].
    pub fn respond(self, reply: impl Into<Reply>) {
        self.scripts.push(Script {
            method: self.method,
            path: self.path,
            queue: VecDeque::new(),
            always: Some(reply.into()),
            remaining: self.times,
        });
    }

    /// Answers the next matching requests with `replies`, one each, in order; after the last,
    /// requests get the default behavior again.
    ///
    /// Replies of different builders need `.into()` to share one list:
    /// `[Reply::rate_limited(100), Reply::chat_text("hi").into()]`.
    pub fn respond_seq<R: Into<Reply>>(self, replies: impl IntoIterator<Item = R>) {
        self.scripts.push(Script {
            method: self.method,
            path: self.path,
            queue: replies.into_iter().map(Into::into).collect(),
            always: None,
            remaining: self.times,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_encoding_splits_data_lines() {
        assert_eq!(
            encode_event(Some("error"), Some("7"), "a\nb"),
            "event: error\nid: 7\ndata: a\ndata: b\n\n"
        );
        assert_eq!(&SseEvent::done().to_bytes()[..], b"data: [DONE]\n\n");
    }

    #[test]
    fn sequences_then_fall_back_and_newest_wins() {
        let scripts = Arc::new(Scripts::default());
        RouteScript::new(scripts.clone(), "post", "/v1/x").respond(Reply::empty(500));
        RouteScript::new(scripts.clone(), "POST", "/v1/x")
            .respond_seq([Reply::empty(429), Reply::empty(200)]);
        let statuses: Vec<Option<u16>> = (0..4)
            .map(|_| scripts.next("POST", "/v1/x").map(|r| r.status))
            .collect();
        assert_eq!(statuses, [Some(429), Some(200), Some(500), Some(500)]);
        assert!(scripts.next("GET", "/v1/x").is_none());
        assert!(scripts.next("POST", "/v1/y").is_none());
    }

    #[test]
    fn times_limits_an_always_reply() {
        let scripts = Arc::new(Scripts::default());
        RouteScript::new(scripts.clone(), "GET", "/v1/models")
            .times(2)
            .respond(Reply::empty(503));
        let hits = (0..5)
            .filter(|_| scripts.next("GET", "/v1/models").is_some())
            .count();
        assert_eq!(hits, 2);
    }

    #[test]
    fn close_mid_event_cuts_inside_the_last_event() {
        let reply = Reply::sse_close_mid_event([SseEvent::data("aaaa"), SseEvent::data("bbbbbb")]);
        let first = "data: aaaa\n\n".len();
        let second = "data: bbbbbb\n\n".len();
        assert_eq!(
            reply.fault,
            Some(Fault::CloseAfterBytes(first + second / 2))
        );
    }
}
