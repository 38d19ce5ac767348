//! Incremental decoder for `text/event-stream` response bodies (server-sent events).
//!
//! This module owns the byte-level half of streaming: HTTP body chunks go in
//! ([`SseParser::feed`]), complete [`SseEvent`]s come out ([`SseParser::next_event`]). It knows
//! nothing about OpenAI: the `[DONE]` sentinel, `error` events and "EOF before the terminator"
//! are the stream layer's job, on top of these events.
//!
//! It follows the WHATWG "Parsing an event stream" / "Interpreting an event stream" rules
//! (HTML Standard §9.2.5-9.2.6, as the official SDKs apply them):
//!
//! - lines end at LF, CRLF or a lone CR; a CR that ends one chunk ends its line *at once*, and an
//!   LF starting the next chunk is then swallowed as the second half of that CRLF;
//! - one leading UTF-8 BOM is stripped, once; invalid UTF-8 becomes U+FFFD (no error);
//! - `:` lines are comments; a line splits at its first colon and one leading space is removed
//!   from the value; a line without a colon is a field with an empty value;
//! - `data` lines are joined with `\n`; `event` names the event (`"message"` by default); `id`
//!   sets the last event ID unless it contains NUL, and persists across events; `retry` counts
//!   only when it is all ASCII digits;
//! - a blank line dispatches, but only if at least one `data` line was seen: a block with only
//!   `event:`/`id:`/`retry:` fires nothing (unlike openai-python/openai-node, which then fail JSON
//!   parsing). An event whose data is empty (`data:`) *is* dispatched; callers skip it;
//! - at end of input the caller simply stops feeding: an unterminated line or an event without
//!   its blank line is discarded, as the spec requires. No `finish()` step is needed because a
//!   trailing CR has already ended its line when it was fed.
//!
//! The output is identical for every way the input is split into chunks.
//!
//! # Cost
//!
//! Each byte is scanned once (memchr for line ends; bytes of a line that spans chunks are
//! carried over and never rescanned). An event whose single `data:` line lies within one chunk
//! is a [`Bytes::slice`] of that chunk, not a copy; a single `data:` line assembled from several
//! chunks is frozen from the carry-over buffer without a second copy. Only multi-line data and
//! invalid UTF-8 allocate. One event's size (its incomplete line plus its pending data and
//! event type) is capped ([`SseParser::new`]) so a misbehaving server cannot make us buffer
//! without bound.
//!
//! # Example
//!
//! ```
//! use bytes::Bytes;
//! use core_http::sse::SseParser;
//!
//! let mut parser = SseParser::default();
//! parser.feed(Bytes::from_static(b"event: delta\ndata: {\"a\":1}\n\ndata: [DO"));
//! parser.feed(Bytes::from_static(b"NE]\n\n"));
//!
//! let mut seen = Vec::new();
//! while let Some(event) = parser.next_event() {
//!     let event = event?;
//!     seen.push((event.event().to_owned(), event.data().to_owned()));
//! }
//! assert_eq!(
//!     seen,
//!     [("delta".to_owned(), "{\"a\":1}".to_owned()), ("message".to_owned(), "[DONE]".to_owned())]
//! );
//! # Ok::<(), core_http::sse::SseError>(())
//! ```

use std::collections::VecDeque;
use std::fmt;
use std::ops::Range;

use bytes::{Buf, Bytes, BytesMut};
use bytestring::ByteString;

/// Default cap on one event's size: 16 MiB.
///
/// The largest legitimate events we know of are terminal events that repeat a whole response
/// (e.g. a Responses API `response.completed` carrying all output, or base64 image data from
/// image generation), which reach a few MiB. 16 MiB leaves ample headroom for those while still
/// bounding memory when a server or proxy never sends a line end.
pub const DEFAULT_MAX_EVENT_BYTES: usize = 16 * 1024 * 1024;

/// The UTF-8 byte order mark; stripped once at the start of the stream.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Error from [`SseParser::next_event`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SseError {
    /// One event (its incomplete line plus the data and event type buffered for it) grew past
    /// the parser's cap.
    EventTooLarge {
        /// The cap that was exceeded, in bytes.
        limit: usize,
    },
}

impl fmt::Display for SseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SseError::EventTooLarge { limit } => {
                write!(f, "server-sent event exceeds the limit of {limit} bytes")
            }
        }
    }
}

impl std::error::Error for SseError {}

/// One dispatched server-sent event.
///
/// All text is valid UTF-8 (invalid input bytes were replaced by U+FFFD when the event was
/// dispatched). Cloning is cheap: the fields are reference-counted [`Bytes`].
#[derive(Clone, PartialEq, Eq)]
pub struct SseEvent {
    /// `None` when no (or an empty) `event` field was given.
    event: Option<ByteString>,
    data: ByteString,
    id: Option<ByteString>,
    retry: Option<u64>,
}

impl SseEvent {
    /// The event type: the last `event` field of the block, or `"message"` when there was none
    /// (or it was empty).
    pub fn event(&self) -> &str {
        match &self.event {
            Some(name) => name,
            None => "message",
        }
    }

    /// The data: every `data` line of the block joined with `\n`. May be empty (`data:`);
    /// streaming callers treat an empty payload as a keep-alive.
    ///
    /// Free: the text was checked as UTF-8 once, when the event was dispatched.
    pub fn data(&self) -> &str {
        &self.data
    }

    /// The data as UTF-8 bytes, usually a zero-copy slice of the received body chunk.
    pub fn data_bytes(&self) -> &Bytes {
        self.data.as_bytes()
    }

    /// The last event ID in force when this event was dispatched.
    ///
    /// It persists across events until another valid `id` field changes it; `None` if no
    /// valid `id` was ever seen, `Some("")` after an explicit reset (`id:`).
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The reconnection time (milliseconds) in force when this event was dispatched: the last
    /// valid `retry` field seen so far in the stream (it persists like [`SseEvent::id`]).
    pub fn retry(&self) -> Option<u64> {
        self.retry
    }
}

impl fmt::Debug for SseEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SseEvent")
            .field("event", &self.event())
            .field("data", &self.data())
            .field("id", &self.id())
            .field("retry", &self.retry)
            .finish()
    }
}

/// Returns `bytes` unchanged when it is valid UTF-8, else a lossy copy (U+FFFD replacements).
///
/// Decoding per field gives the same result as decoding the whole stream first (the spec's
/// order) because CR, LF and `:` are ASCII and always end a malformed sequence.
fn into_utf8(bytes: Bytes) -> ByteString {
    // One validation, kept in the type: `SseEvent::data` is then a free `&str` view.
    // (The clone is a reference-count bump; it keeps the bytes for the rare lossy fallback.)
    ByteString::try_from(bytes.clone())
        .unwrap_or_else(|_| ByteString::from(String::from_utf8_lossy(&bytes).into_owned()))
}

/// The data buffer of the event being assembled.
#[derive(Debug, Default)]
enum DataBuf {
    /// No `data` line yet: a blank line dispatches nothing.
    #[default]
    Empty,
    /// Exactly one `data` line: a zero-copy slice.
    Single(Bytes),
    /// Several `data` lines, joined with `\n`.
    Multi(Vec<u8>),
}

impl DataBuf {
    fn len(&self) -> usize {
        match self {
            DataBuf::Empty => 0,
            DataBuf::Single(b) => b.len(),
            DataBuf::Multi(v) => v.len(),
        }
    }
}

/// Where a complete line lives.
enum LineSrc<'a> {
    /// Inside one received chunk.
    Shared(&'a Bytes),
    /// In the carry-over buffer (the line spanned chunks).
    Owned(&'a mut BytesMut),
}

impl LineSrc<'_> {
    fn as_slice(&self) -> &[u8] {
        match self {
            LineSrc::Shared(b) => b,
            LineSrc::Owned(m) => m,
        }
    }

    /// `range` as `Bytes` without copying; an owned line's buffer is frozen and handed over.
    fn take(self, range: Range<usize>) -> Bytes {
        match self {
            LineSrc::Shared(b) => b.slice(range),
            LineSrc::Owned(m) => m.split().freeze().slice(range),
        }
    }
}

/// The spec's per-stream buffers.
#[derive(Debug, Default)]
struct EventState {
    data: DataBuf,
    /// Event type (already valid UTF-8); `None` when unset or set to "".
    event_type: Option<ByteString>,
    /// The raw length of `event_type` as received: the cap counts received bytes, not the
    /// decoded name (invalid UTF-8 grows threefold when replaced), so every split of the
    /// input reaches the same outcome.
    event_type_len: usize,
    /// The last event type seen, reused when the next `event` line repeats it: streams name
    /// most events alike, and this spares a copy and a UTF-8 check per event.
    last_event_type: Option<ByteString>,
    /// Last event ID (already valid UTF-8); persists across events.
    last_id: Option<ByteString>,
    /// Reconnection time in milliseconds.
    retry: Option<u64>,
}

impl EventState {
    /// Bytes held for the event being assembled.
    fn pending_len(&self) -> usize {
        self.data.len() + self.event_type_len
    }

    /// Interprets one complete line, `src[start..end]` (terminator and leading BOM excluded);
    /// returns the event a blank line dispatches.
    fn process_line(&mut self, src: LineSrc<'_>, start: usize, end: usize) -> Option<SseEvent> {
        let line = &src.as_slice()[start..end];
        if line.is_empty() {
            return self.dispatch();
        }
        let (name_end, value_start) = match memchr::memchr(b':', line) {
            // Comment (keep-alive): ignored.
            Some(0) => return None,
            Some(colon) => {
                let value = colon + 1;
                if line.get(value) == Some(&b' ') {
                    (colon, value + 1)
                } else {
                    (colon, value)
                }
            }
            None => (line.len(), line.len()),
        };
        let value = start + value_start..end;
        match &line[..name_end] {
            b"data" => self.push_data(src, value),
            b"event" => {
                let name = &src.as_slice()[value];
                self.event_type_len = name.len();
                self.event_type = match &self.last_event_type {
                    _ if name.is_empty() => None,
                    Some(last) if last.as_bytes() == name => Some(last.clone()),
                    _ => {
                        // Copied: names are short and should not pin a whole received chunk.
                        let name = into_utf8(Bytes::copy_from_slice(name));
                        self.last_event_type = Some(name.clone());
                        Some(name)
                    }
                };
            }
            b"id" => {
                let id = &src.as_slice()[value];
                if memchr::memchr(0, id).is_none() {
                    // Copied: ids are short and should not pin a whole received chunk.
                    self.last_id = Some(into_utf8(Bytes::copy_from_slice(id)));
                }
            }
            b"retry" => {
                if let Some(ms) = parse_retry(&src.as_slice()[value]) {
                    self.retry = Some(ms);
                }
            }
            // Unknown fields are ignored.
            _ => {}
        }
        None
    }

    /// Appends a `data` value (the caller has already checked the size cap).
    fn push_data(&mut self, src: LineSrc<'_>, value: Range<usize>) {
        self.data = match std::mem::take(&mut self.data) {
            DataBuf::Empty => DataBuf::Single(src.take(value)),
            DataBuf::Single(first) => {
                // Room for a few more lines before the first reallocation.
                let mut joined = Vec::with_capacity(2 * (first.len() + value.len() + 1));
                joined.extend_from_slice(&first);
                joined.push(b'\n');
                joined.extend_from_slice(&src.as_slice()[value]);
                DataBuf::Multi(joined)
            }
            DataBuf::Multi(mut joined) => {
                joined.push(b'\n');
                joined.extend_from_slice(&src.as_slice()[value]);
                DataBuf::Multi(joined)
            }
        };
    }

    /// A blank line: fire the event if any data was seen, and reset the per-event buffers.
    fn dispatch(&mut self) -> Option<SseEvent> {
        let event_type = self.event_type.take();
        self.event_type_len = 0;
        let data = match std::mem::take(&mut self.data) {
            DataBuf::Empty => return None,
            DataBuf::Single(data) => into_utf8(data),
            DataBuf::Multi(data) => match String::from_utf8(data) {
                Ok(text) => ByteString::from(text),
                Err(err) => ByteString::from(String::from_utf8_lossy(err.as_bytes()).into_owned()),
            },
        };
        Some(SseEvent {
            event: event_type,
            data,
            id: self.last_id.clone(),
            retry: self.retry,
        })
    }
}

/// A `retry` value counts only if it is non-empty and all ASCII digits. Values that overflow
/// `u64` are ignored, like browsers do.
fn parse_retry(value: &[u8]) -> Option<u64> {
    if value.is_empty() {
        return None;
    }
    value.iter().try_fold(0u64, |acc, &b| {
        if b.is_ascii_digit() {
            acc.checked_mul(10)?.checked_add(u64::from(b - b'0'))
        } else {
            None
        }
    })
}

/// Incremental server-sent events parser: body chunks in, events out.
///
/// Feed chunks as they arrive with [`SseParser::feed`], then call [`SseParser::next_event`]
/// until it returns `None` (it needs more input), and repeat. At end of input just stop: the
/// spec discards an unterminated event. The result does not depend on how the input was split.
///
/// After [`SseError::EventTooLarge`] the parser is unusable: it drops its buffers, ignores
/// further input, and every later `next_event` returns the same error again, so a caller that
/// keeps polling cannot mistake it for "needs more input".
#[derive(Debug)]
pub struct SseParser {
    /// Chunks fed but not fully scanned yet.
    queue: VecDeque<Bytes>,
    /// Offset of the first unscanned byte in `queue.front()`.
    pos: usize,
    /// Unscanned bytes in `queue` (excluding the `pos` prefix of the front chunk).
    queued: usize,
    /// The start of a line that continues in a later chunk. Never contains CR or LF, so it is
    /// never rescanned.
    partial: BytesMut,
    /// The last scanned byte was a CR: an LF right after it belongs to the same line end.
    skip_lf: bool,
    /// No line has been completed yet, so the next one may start with the BOM.
    at_stream_start: bool,
    state: EventState,
    max_event_bytes: usize,
    failed: Option<SseError>,
}

impl Default for SseParser {
    /// A parser with the [`DEFAULT_MAX_EVENT_BYTES`] cap.
    fn default() -> Self {
        Self::new(DEFAULT_MAX_EVENT_BYTES)
    }
}

impl SseParser {
    /// A parser that fails with [`SseError::EventTooLarge`] once one event would hold more than
    /// `max_event_bytes`: the raw bytes of its current line (field name included, counted
    /// while the line is still incomplete too) plus the data and event type already held.
    ///
    /// The cap applies per event (memory is released at each dispatch), not to the stream.
    pub fn new(max_event_bytes: usize) -> Self {
        SseParser {
            queue: VecDeque::new(),
            pos: 0,
            queued: 0,
            partial: BytesMut::new(),
            skip_lf: false,
            at_stream_start: true,
            state: EventState::default(),
            max_event_bytes,
            failed: None,
        }
    }

    /// Queues one body chunk. Cheap: nothing is scanned until [`SseParser::next_event`].
    pub fn feed(&mut self, chunk: Bytes) {
        if chunk.is_empty() || self.failed.is_some() {
            return;
        }
        self.queued += chunk.len();
        self.queue.push_back(chunk);
    }

    /// The next complete event, `None` when more input is needed.
    pub fn next_event(&mut self) -> Option<Result<SseEvent, SseError>> {
        if let Some(err) = &self.failed {
            return Some(Err(err.clone()));
        }
        let max = self.max_event_bytes;
        loop {
            let chunk = self.queue.front()?;
            if self.pos >= chunk.len() {
                self.queue.pop_front();
                self.pos = 0;
                continue;
            }
            if self.skip_lf {
                self.skip_lf = false;
                if chunk[self.pos] == b'\n' {
                    self.pos += 1;
                    self.queued -= 1;
                    continue;
                }
            }
            let start = self.pos;
            let rest = &chunk[start..];
            let Some(found) = memchr::memchr2(b'\n', b'\r', rest) else {
                // No line end in the rest of this chunk: carry it over to the next one.
                if self.partial.len() + rest.len() + self.state.pending_len() > max {
                    return Some(Err(self.fail(SseError::EventTooLarge { limit: max })));
                }
                self.partial.extend_from_slice(rest);
                self.queued -= rest.len();
                self.queue.pop_front();
                self.pos = 0;
                continue;
            };
            let end = start + found;
            let mut next = end + 1;
            if chunk[end] == b'\r' {
                match chunk.get(next) {
                    Some(b'\n') => next += 1,
                    Some(_) => {}
                    // The LF of a CRLF may start the next chunk.
                    None => self.skip_lf = true,
                }
            }
            self.queued -= next - start;
            self.pos = next;
            // The cap counts the whole raw line (field name included) plus what the event
            // already holds, wherever the line came from, so the outcome is the same for
            // every split of the input. It also bounds the data a line can add.
            if self.partial.len() + (end - start) + self.state.pending_len() > max {
                return Some(Err(self.fail(SseError::EventTooLarge { limit: max })));
            }
            let first_line = std::mem::replace(&mut self.at_stream_start, false);

            let event = if self.partial.is_empty() {
                let line_start = if first_line && chunk[start..end].starts_with(BOM) {
                    start + BOM.len()
                } else {
                    start
                };
                self.state
                    .process_line(LineSrc::Shared(chunk), line_start, end)
            } else {
                self.partial.extend_from_slice(&chunk[start..end]);
                if first_line && self.partial.starts_with(BOM) {
                    self.partial.advance(BOM.len());
                }
                let len = self.partial.len();
                let event = self
                    .state
                    .process_line(LineSrc::Owned(&mut self.partial), 0, len);
                self.partial.clear();
                event
            };
            if let Some(event) = event {
                return Some(Ok(event));
            }
        }
    }

    /// Bytes currently held: queued input not yet scanned, an incomplete line, and the data
    /// and event type of the event being assembled. Bounded by the cap plus whatever was fed
    /// but not yet drained with [`SseParser::next_event`].
    pub fn buffered_len(&self) -> usize {
        self.queued + self.partial.len() + self.state.pending_len()
    }

    /// The stream's reconnection time in milliseconds: the last valid `retry` field processed
    /// so far (even one in a block that dispatched nothing), `None` if none.
    pub fn retry(&self) -> Option<u64> {
        self.state.retry
    }

    /// The last event ID processed so far (it may come from a block that dispatched nothing),
    /// `None` if no valid `id` field was seen.
    pub fn last_event_id(&self) -> Option<&str> {
        self.state.last_id.as_deref()
    }

    /// Poisons the parser and releases its buffers.
    fn fail(&mut self, err: SseError) -> SseError {
        self.queue = VecDeque::new();
        self.pos = 0;
        self.queued = 0;
        self.partial = BytesMut::new();
        self.state.data = DataBuf::Empty;
        self.state.event_type = None;
        self.state.event_type_len = 0;
        self.failed = Some(err.clone());
        err
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(event, data, id)` of every event, feeding `chunks` one by one and draining after each.
    fn parse_chunks(chunks: &[&[u8]]) -> Vec<(String, String, Option<String>)> {
        let mut parser = SseParser::default();
        let mut out = Vec::new();
        for chunk in chunks {
            parser.feed(Bytes::copy_from_slice(chunk));
            while let Some(event) = parser.next_event() {
                let event = event.unwrap();
                out.push((
                    event.event().to_owned(),
                    event.data().to_owned(),
                    event.id().map(str::to_owned),
                ));
            }
        }
        out
    }

    /// Parses `input` whole, bytewise and split at every offset; asserts they agree.
    fn parse(input: &[u8]) -> Vec<(String, String, Option<String>)> {
        let whole = parse_chunks(&[input]);
        let bytewise: Vec<&[u8]> = input.chunks(1).collect();
        assert_eq!(parse_chunks(&bytewise), whole, "bytewise");
        for k in 0..=input.len() {
            assert_eq!(
                parse_chunks(&[&input[..k], &input[k..]]),
                whole,
                "split at {k}"
            );
        }
        whole
    }

    fn msg(data: &str) -> (String, String, Option<String>) {
        ("message".to_owned(), data.to_owned(), None)
    }

    /// 1-byte chunks parse like one chunk, including a CRLF split
    /// across two chunks (the LF must not count as a blank line).
    #[test]
    fn bytewise_matches_whole_with_split_crlf() {
        let input = b"data: a\r\n\r\ndata: b\r\ndata: c\r\n\r\n";
        assert_eq!(parse(input), vec![msg("a"), msg("b\nc")]);
        // The CR ends one chunk, the LF starts the next: one line end, no extra dispatch.
        assert_eq!(
            parse_chunks(&[b"data: x\r", b"\ndata: y\r", b"\n\r", b"\n"]),
            vec![msg("x\ny")]
        );
    }

    /// LF, CRLF and a lone CR each end a line.
    #[test]
    fn lone_cr_ends_lines() {
        assert_eq!(parse(b"data: a\r\rdata: b\r\r"), vec![msg("a"), msg("b")]);
        assert_eq!(
            parse(b"data: a\n\ndata: b\r\n\r\ndata: c\r\r"),
            vec![msg("a"), msg("b"), msg("c")]
        );
    }

    /// One leading BOM is stripped, once, even split across chunks; a
    /// second BOM is part of the field name.
    #[test]
    fn leading_bom_stripped_once() {
        assert_eq!(parse(b"\xEF\xBB\xBFdata: a\n\n"), vec![msg("a")]);
        assert_eq!(
            parse_chunks(&[b"\xEF", b"\xBB", b"\xBFdata: a\n\n"]),
            vec![msg("a")]
        );
        // "\u{FEFF}data" is an unknown field: nothing fires.
        assert_eq!(parse(b"\xEF\xBB\xBF\xEF\xBB\xBFdata: a\n\n"), vec![]);
        // A BOM later in the stream is not stripped either.
        assert_eq!(parse(b"data: a\n\n\xEF\xBB\xBFdata: b\n\n"), vec![msg("a")]);
    }

    /// `:` lines are comments (keep-alives).
    #[test]
    fn comments_ignored() {
        assert_eq!(
            parse(b": keep-alive\n:\ndata: a\n: inside\n\n"),
            vec![msg("a")]
        );
    }

    /// One leading space is removed, only one.
    #[test]
    fn one_leading_space_removed() {
        assert_eq!(
            parse(b"data:x\n\ndata: x\n\ndata:  x\n\ndata:\tx\n\n"),
            vec![msg("x"), msg("x"), msg(" x"), msg("\tx")]
        );
    }

    /// Several data lines are joined with "\n".
    #[test]
    fn multiline_data_joined() {
        assert_eq!(
            parse(b"data: {\ndata: \"a\": 1\ndata: }\n\n"),
            vec![msg("{\n\"a\": 1\n}")]
        );
    }

    /// A field without a colon has an empty value.
    #[test]
    fn field_without_colon() {
        assert_eq!(parse(b"data\n\ndata\ndata\n\n"), vec![msg(""), msg("\n")]);
    }

    /// An id with NUL is ignored, non-digit retry is ignored, the id
    /// persists across events.
    #[test]
    fn id_and_retry_rules() {
        let input = b"id: 1\ndata: a\n\ndata: b\n\nid: 2\0\nretry: 10x\ndata: c\n\nretry: 250\nid\ndata: d\n\n";
        let events = parse(input);
        let ids: Vec<Option<&str>> = events.iter().map(|e| e.2.as_deref()).collect();
        assert_eq!(ids, [Some("1"), Some("1"), Some("1"), Some("")]);
        let mut parser = SseParser::default();
        parser.feed(Bytes::from_static(input));
        let retries: Vec<Option<u64>> =
            std::iter::from_fn(|| parser.next_event().map(|e| e.unwrap().retry())).collect();
        assert_eq!(retries, [None, None, None, Some(250)]);
        assert_eq!(parser.retry(), Some(250));
        assert_eq!(parser.last_event_id(), Some(""));
        // Overflowing and signed values are ignored too.
        let mut parser = SseParser::default();
        parser.feed(Bytes::from_static(
            b"retry: 7\nretry: 99999999999999999999999\nretry: +1\nretry: 1.5\n",
        ));
        assert!(parser.next_event().is_none());
        assert_eq!(parser.retry(), Some(7));
    }

    /// A block with no data line fires nothing, and its event type does
    /// not leak into the next event.
    #[test]
    fn event_without_data_fires_nothing() {
        assert_eq!(parse(b"event: ping\n\n"), vec![]);
        assert_eq!(parse(b"id: 5\n\nretry: 3\n\n"), vec![]);
        assert_eq!(
            parse(b"event: ping\n\ndata: a\n\n"),
            vec![("message".to_owned(), "a".to_owned(), None)]
        );
        assert_eq!(
            parse(b"event: thread.run.created\ndata: {}\n\n"),
            vec![("thread.run.created".to_owned(), "{}".to_owned(), None)]
        );
    }

    /// An event with empty data is dispatched (with data "") so the
    /// stream layer can skip it as a keep-alive; it is never confused with "no event".
    #[test]
    fn empty_data_is_dispatched_empty() {
        assert_eq!(parse(b"data:\n\ndata: \n\n"), vec![msg(""), msg("")]);
    }

    /// An event without its blank line is discarded at EOF.
    #[test]
    fn unterminated_event_discarded() {
        assert_eq!(parse(b"data: a\n\ndata: b\n"), vec![msg("a")]);
        assert_eq!(parse(b"data: a\n\ndata: b"), vec![msg("a")]);
        // A trailing CR still ends its line when fed, without any finish step.
        assert_eq!(parse(b"data: a\r\r"), vec![msg("a")]);
    }

    /// Invalid UTF-8 becomes U+FFFD, not an error, also when the bad
    /// sequence is split across chunks or across data lines.
    #[test]
    fn invalid_utf8_replaced() {
        assert_eq!(
            parse(b"data: a\xFFb\ndata: \xE2\x82\n\n"),
            vec![msg("a\u{FFFD}b\n\u{FFFD}")]
        );
        assert_eq!(parse(b"event: \xC3\ndata: \xC3\xA9\n\n")[0].0, "\u{FFFD}");
        assert_eq!(parse(b"data: \xC3\xA9\n\n"), vec![msg("é")]);
    }

    /// The cap counts an event name's received bytes, not its decoded text: invalid UTF-8
    /// triples when replaced, and must not push a name that arrived within the cap over it,
    /// whichever way the input is split (found by the fuzzer).
    #[test]
    fn event_name_counts_received_bytes_against_the_cap() {
        let mut input = b"event: ".to_vec();
        input.extend([0xFF; 40]);
        input.extend_from_slice(
            b"
data: x

",
        );
        for step in [1, 5, input.len()] {
            let mut parser = SseParser::new(64);
            let mut events = Vec::new();
            for piece in input.chunks(step) {
                parser.feed(Bytes::copy_from_slice(piece));
                while let Some(event) = parser.next_event() {
                    events.push(event.unwrap());
                }
                assert!(
                    parser.buffered_len() <= 64,
                    "{} held",
                    parser.buffered_len()
                );
            }
            assert_eq!(events.len(), 1);
            assert_eq!(events[0].event(), "\u{FFFD}".repeat(40));
            assert_eq!(events[0].data(), "x");
        }
    }

    /// The buffer has a configurable cap instead of a fixed line limit.
    #[test]
    fn event_size_cap() {
        // Exactly at the cap (the 16-byte line) is fine, whole or in pieces.
        let at_cap = b"data: 0123456789\n\n";
        for step in [1, 3, at_cap.len()] {
            let mut parser = SseParser::new(16);
            for piece in at_cap.chunks(step) {
                parser.feed(Bytes::copy_from_slice(piece));
            }
            assert_eq!(parser.next_event().unwrap().unwrap().data(), "0123456789");
        }
        // One byte more fails: a single line, multi-line data, and a never-ending line.
        for input in [
            &b"data: 0123456789x\n\n"[..],
            b"data: 0123456\ndata: 6789\n\n",
            b"event: 0\ndata: 0123456789\n\n",
            b": a comment that never ends",
        ] {
            for step in [1, 4, input.len()] {
                let mut parser = SseParser::new(16);
                for piece in input.chunks(step) {
                    parser.feed(Bytes::copy_from_slice(piece));
                }
                let err = std::iter::from_fn(|| parser.next_event())
                    .find_map(Result::err)
                    .unwrap();
                assert_eq!(err, SseError::EventTooLarge { limit: 16 });
                assert_eq!(
                    err.to_string(),
                    "server-sent event exceeds the limit of 16 bytes"
                );
                // Poisoned: input is ignored, memory released, the error repeats.
                parser.feed(Bytes::from_static(b"data: ok\n\n"));
                assert_eq!(parser.buffered_len(), 0);
                assert_eq!(
                    parser.next_event(),
                    Some(Err(SseError::EventTooLarge { limit: 16 }))
                );
            }
        }
        // The cap is per event: many events each under the cap are fine.
        let mut parser = SseParser::new(16);
        for _ in 0..100 {
            parser.feed(Bytes::from_static(b"data: 0123456789\n\n"));
        }
        assert_eq!(std::iter::from_fn(|| parser.next_event()).count(), 100);
    }

    /// A single `data:` line inside one chunk is a slice of that chunk, not a copy.
    #[test]
    fn single_line_data_is_zero_copy() {
        let chunk = Bytes::from(b"event: x\ndata: {\"hello\":1}\n\ndata: two\n\n".to_vec());
        let range = chunk.as_ptr_range();
        let mut parser = SseParser::default();
        parser.feed(chunk.clone());
        for want in ["{\"hello\":1}", "two"] {
            let event = parser.next_event().unwrap().unwrap();
            assert_eq!(event.data(), want);
            let data = event.data_bytes().as_ptr_range();
            assert!(
                range.start <= data.start && data.end <= range.end,
                "{want} was copied"
            );
        }
        assert!(parser.next_event().is_none());
    }

    /// Feeding several chunks before draining gives the same events as draining after each.
    #[test]
    fn feed_many_then_drain() {
        let input = b"data: a\r\n\r\nevent: e\ndata: b\rdata: c\r\r";
        let mut parser = SseParser::default();
        for piece in input.chunks(3) {
            parser.feed(Bytes::copy_from_slice(piece));
        }
        assert_eq!(parser.buffered_len(), input.len());
        let events: Vec<SseEvent> =
            std::iter::from_fn(|| parser.next_event().map(Result::unwrap)).collect();
        assert_eq!(events.len(), 2);
        assert_eq!((events[1].event(), events[1].data()), ("e", "b\nc"));
        assert_eq!(parser.buffered_len(), 0);
        assert_eq!(
            format!("{:?}", events[0]),
            "SseEvent { event: \"message\", data: \"a\", id: None, retry: None }"
        );
    }

    /// Repeating pattern of events of varied sizes, for the bounded-memory tests.
    fn pattern() -> (Bytes, Vec<String>) {
        let mut datas = Vec::new();
        let mut text = String::new();
        for (i, size) in [10usize, 300, 1000, 5000, 40_000, 70_000, 2]
            .iter()
            .enumerate()
        {
            let data = format!("{{\"i\":{i},\"pad\":\"{}\"}}", "x".repeat(*size));
            text.push_str(&format!(
                "event: e{i}\r\nid: {i}\ndata: {data}\n: comment\n\n"
            ));
            datas.push(data);
        }
        (Bytes::from(text), datas)
    }

    /// Streams `total` bytes of the repeating pattern in `chunk`-byte chunks without holding the
    /// stream in memory; checks every event and that buffered memory stays bounded.
    fn stream_bounded(total: usize, chunk: usize) {
        let (period, datas) = pattern();
        // The pattern twice over, so every chunk is a zero-copy slice of it.
        let mut doubled = period.to_vec();
        while doubled.len() < period.len() + chunk {
            doubled.extend_from_slice(&period);
        }
        let doubled = Bytes::from(doubled);
        let largest = datas.iter().map(String::len).max().unwrap();
        let mut parser = SseParser::new(128 * 1024);
        let (mut sent, mut seen, mut peak) = (0usize, 0usize, 0usize);
        while sent < total {
            let offset = sent % period.len();
            let len = chunk.min(total - sent);
            parser.feed(doubled.slice(offset..offset + len));
            sent += len;
            while let Some(event) = parser.next_event() {
                let event = event.unwrap();
                let i = seen % datas.len();
                assert_eq!(event.data(), datas[i], "event {seen}");
                assert_eq!(event.event(), format!("e{i}"));
                assert_eq!(event.id(), Some(i.to_string().as_str()));
                seen += 1;
            }
            peak = peak.max(parser.buffered_len());
        }
        assert_eq!(
            seen,
            total / period.len() * datas.len() + {
                // Complete events in the final partial period.
                let tail = &period[..total % period.len()];
                memchr::memmem::find_iter(tail, b"comment\n\n").count()
            }
        );
        assert!(peak <= largest + 100, "peak buffered {peak} bytes");
    }

    /// 100 MB in 64 KiB chunks, never held in memory; buffered bytes stay bounded by one event.
    #[test]
    fn stream_100_mb_in_bounded_memory() {
        stream_bounded(100_000_000, 64 * 1024);
    }

    /// Events split across small (512-byte) chunks.
    #[test]
    fn stream_small_chunks_in_bounded_memory() {
        stream_bounded(3_000_000, 512);
    }
}
