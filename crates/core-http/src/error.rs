//! The one error type of the SDK: [`Error`], its [`ErrorKind`], [`ApiError`] and [`TimeoutKind`].
//!
//! Every crate of the workspace returns this type. It is an opaque boxed struct so a
//! `Result<T, Error>` stays one pointer wide, with a `#[non_exhaustive]` kind for matching and the
//! common context (request id, attempts, response headers, cause) stored once. `Display` is one
//! complete line that never contains a secret, a header dump or a whole body; lower-level causes
//! are reachable through `source()` only, so `{:#}` chains print each cause once.

use std::borrow::Cow;
use std::error::Error as StdError;
use std::fmt;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use serde_json::Value;

use crate::layers::classify;

/// Largest error body kept on an [`ApiError`]; the rest is dropped (a proxy's HTML page can be big).
pub const MAX_ERROR_BODY_BYTES: usize = 8 * 1024;

/// Longest API message shown by `Display` before it is cut (the full text stays in the body).
const MAX_DISPLAY_MESSAGE_CHARS: usize = 300;

type BoxError = Box<dyn StdError + Send + Sync + 'static>;

/// Any failure of an SDK call.
///
/// `Display` is a complete one-line description (what happened, the service's message, the
/// request id and the number of attempts); `source()` has the lower-level cause. Match on
/// [`Error::kind`] to branch, or use the accessors for the common questions.
///
/// ```
/// use core_http::{Error, ErrorKind};
/// let err = Error::invalid_request("`n` must be at least 1");
/// assert!(matches!(err.kind(), ErrorKind::InvalidRequest));
/// assert_eq!(err.to_string(), "invalid request: `n` must be at least 1");
/// ```
pub struct Error {
    inner: Box<Inner>,
}

struct Inner {
    kind: ErrorKind,
    /// What happened, for the kinds whose description is not derived from the kind itself.
    context: Option<Cow<'static, str>>,
    /// For timeouts: the limit that was exceeded.
    limit: Option<Duration>,
    request_id: Option<String>,
    headers: Option<HeaderMap>,
    attempts: u32,
    /// The retry layer's verdict on this outcome, when the error passed through it.
    retryable: Option<bool>,
    /// For errors that end a call without an API error (the total deadline): the status of
    /// the last response whose headers arrived.
    last_status: Option<StatusCode>,
    source: Option<BoxError>,
}

/// What went wrong, at the level a caller branches on.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The service answered with a non-success status, or a stream carried an error event.
    Api(ApiError),
    /// No answer in time; the payload says which limit fired.
    Timeout(TimeoutKind),
    /// DNS, TCP, TLS or the proxy failed; nothing reached the server.
    Connect,
    /// The connection broke mid-exchange; the request may have been processed.
    Io,
    /// The body was not the JSON we expected; the message names the JSON path.
    Decode,
    /// A streaming response was malformed or ended before its terminator.
    Stream,
    /// Bad request or client configuration detected locally; nothing was sent.
    InvalidRequest,
    /// A token credential failed to produce a token, or a key was unusable.
    Credential,
}

/// Which timeout fired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TimeoutKind {
    /// Establishing the connection (TCP + TLS + proxy) took longer than the connect timeout.
    Connect,
    /// One attempt got no response headers (or, for buffered calls, no full body) in time.
    Attempt,
    /// The optional total deadline of the call ran out: across all attempts and backoff
    /// sleeps, and for streaming calls while the stream was being read.
    Total,
    /// A response body (typically a stream) produced no data for the idle timeout.
    StreamIdle,
}

/// HTTP status classes of the official SDKs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StatusClass {
    /// 400.
    BadRequest,
    /// 401.
    Authentication,
    /// 403.
    PermissionDenied,
    /// 404.
    NotFound,
    /// 409.
    Conflict,
    /// 422.
    UnprocessableEntity,
    /// 429.
    RateLimit,
    /// Any status ≥ 500.
    InternalServer,
    /// Any other status (402, 405, 413, a 3xx that was not followed, ...).
    Other,
}

impl StatusClass {
    /// Classifies a status code the way openai-python and openai-node do.
    pub fn of(status: StatusCode) -> Self {
        match status.as_u16() {
            400 => Self::BadRequest,
            401 => Self::Authentication,
            403 => Self::PermissionDenied,
            404 => Self::NotFound,
            409 => Self::Conflict,
            422 => Self::UnprocessableEntity,
            429 => Self::RateLimit,
            s if s >= 500 => Self::InternalServer,
            _ => Self::Other,
        }
    }
}

/// The fields of an error response (or of an error event inside a stream).
///
/// Parsed leniently: `{"error": {...}}`, `{"error": "text"}`, a bare JSON object, or plain text
/// from a proxy. The raw body is kept, capped at [`MAX_ERROR_BODY_BYTES`], so service crates can
/// read service-specific details such as Azure's `innererror` through [`ApiError::body_json`].
#[derive(Debug, Clone)]
pub struct ApiError {
    status: Option<StatusCode>,
    code: Option<String>,
    message: Option<String>,
    kind: Option<String>,
    param: Option<String>,
    retry_after: Option<Duration>,
    body: Bytes,
    body_truncated: bool,
    /// Where a status-less error came from, for `Display`.
    origin: ApiErrorOrigin,
}

/// Where an [`ApiError`] was reported: an HTTP error response, an event inside a stream, or
/// the final status of a long-running operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ApiErrorOrigin {
    Response,
    Stream,
    Operation,
}

impl ApiError {
    /// Parses an error response. `body` may be longer than the cap; only the cap is kept.
    pub fn from_response(status: StatusCode, headers: &HeaderMap, body: Bytes) -> Self {
        let mut err = Self::parse_body(Some(status), body);
        if err.code.is_none() {
            // Azure core services put the code in a header when the body has none.
            err.code = headers
                .get("x-ms-error-code")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
        }
        err.retry_after = classify::server_delay(headers, SystemTime::now())
            .filter(|d| d.is_finite() && *d > 0.0)
            .and_then(|d| Duration::try_from_secs_f64(d).ok());
        err
    }

    /// Parses the JSON of an error event inside a stream (no HTTP status).
    fn from_stream_event(body: Bytes) -> Self {
        let mut err = Self::parse_body(None, body);
        if err.message.is_none() {
            // openai-python's wording for an error event without a message.
            err.message = Some("An error occurred during streaming".to_owned());
        }
        err
    }

    fn parse_body(status: Option<StatusCode>, body: Bytes) -> Self {
        let mut err = ApiError {
            status,
            code: None,
            message: None,
            kind: None,
            param: None,
            retry_after: None,
            body_truncated: body.len() > MAX_ERROR_BODY_BYTES,
            body: body.slice(..body.len().min(MAX_ERROR_BODY_BYTES)),
            origin: if status.is_some() {
                ApiErrorOrigin::Response
            } else {
                ApiErrorOrigin::Stream
            },
        };
        // Parse the whole body we were given, not the capped copy, so a long but valid JSON
        // error still yields its fields.
        match serde_json::from_slice::<Value>(&body) {
            Ok(Value::Object(obj)) => {
                let fields = match obj.get("error") {
                    Some(Value::Object(inner)) => Some(inner),
                    Some(Value::String(text)) => {
                        err.message = Some(text.clone());
                        None
                    }
                    _ => Some(&obj),
                };
                if let Some(fields) = fields {
                    err.message = string_field(fields.get("message"));
                    err.code = string_field(fields.get("code"));
                    err.kind = string_field(fields.get("type"));
                    err.param = string_field(fields.get("param"));
                }
            }
            Ok(Value::String(text)) if !text.trim().is_empty() => err.message = Some(text),
            Ok(_) => {}
            Err(_) => {
                let text = String::from_utf8_lossy(&err.body);
                let text = text.trim();
                if !text.is_empty() {
                    err.message = Some(text.to_owned());
                }
            }
        }
        err
    }

    /// The HTTP status; `None` for an error event inside a stream.
    pub fn status(&self) -> Option<StatusCode> {
        self.status
    }

    /// The status class (BadRequest, RateLimit, ...); `None` for stream error events.
    pub fn status_class(&self) -> Option<StatusClass> {
        self.status.map(StatusClass::of)
    }

    /// `error.code`, e.g. `rate_limit_exceeded` or Azure's `content_filter`.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// `error.message`, or the text of a non-JSON body.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// `error.type`, e.g. `invalid_request_error`.
    pub fn kind(&self) -> Option<&str> {
        self.kind.as_deref()
    }

    /// `error.param`, the request field the service complained about.
    pub fn param(&self) -> Option<&str> {
        self.param.as_deref()
    }

    /// The delay the server asked for (`retry-after-ms`, `x-ms-retry-after-ms`, `retry-after`).
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// The raw body, at most [`MAX_ERROR_BODY_BYTES`] long.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// True when the body was longer than the cap and was cut.
    pub fn body_truncated(&self) -> bool {
        self.body_truncated
    }

    /// The body as JSON, when it is JSON (e.g. to read Azure's `error.innererror`).
    pub fn body_json(&self) -> Option<Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

fn string_field(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

impl Error {
    fn new(kind: ErrorKind) -> Self {
        Error {
            inner: Box::new(Inner {
                kind,
                context: None,
                limit: None,
                request_id: None,
                headers: None,
                attempts: 0,
                retryable: None,
                last_status: None,
                source: None,
            }),
        }
    }

    fn with_context(kind: ErrorKind, context: impl Into<Cow<'static, str>>) -> Self {
        let mut err = Self::new(kind);
        err.inner.context = Some(context.into());
        err
    }

    /// A request rejected locally (bad parameter, bad configuration); nothing was sent.
    pub fn invalid_request(message: impl Into<Cow<'static, str>>) -> Self {
        Self::with_context(ErrorKind::InvalidRequest, message)
    }

    /// A malformed stream; `message` says what was wrong.
    pub fn stream(message: impl Into<Cow<'static, str>>) -> Self {
        Self::with_context(ErrorKind::Stream, message)
    }

    /// A stream that ended before its terminator.
    #[doc(hidden)]
    pub fn stream_truncated(events_seen: u64) -> Self {
        Self::stream(format!(
            "stream ended before its [DONE] terminator after {events_seen} events"
        ))
    }

    /// An error event inside a stream: `{"error": {...}}` or a bare error object
    ///. The result is [`ErrorKind::Api`] without a status.
    #[doc(hidden)]
    pub fn from_stream_error_event(json: &[u8], request_id: Option<&str>) -> Self {
        let api = ApiError::from_stream_event(Bytes::copy_from_slice(json));
        let mut err = Self::new(ErrorKind::Api(api));
        err.inner.request_id = request_id.map(str::to_owned);
        err
    }

    /// A long-running operation (e.g. Azure's batch image generation) that ended `failed` or
    /// `canceled`: `json` is its `{"error": {...}}` or bare error object. The result is
    /// [`ErrorKind::Api`] without a status; `Display` names the operation as the source.
    #[doc(hidden)]
    pub fn from_operation_error(json: &[u8], request_id: Option<&str>) -> Self {
        let mut api = ApiError::parse_body(None, Bytes::copy_from_slice(json));
        api.origin = ApiErrorOrigin::Operation;
        if api.message.is_none() {
            api.message = Some("the operation failed without an error message".to_owned());
        }
        let mut err = Self::new(ErrorKind::Api(api));
        err.inner.request_id = request_id.map(str::to_owned);
        err
    }

    /// A non-success response. `body` may be longer than the kept cap.
    pub fn from_response(status: StatusCode, headers: HeaderMap, body: Bytes) -> Self {
        let api = ApiError::from_response(status, &headers, body);
        let mut err = Self::new(ErrorKind::Api(api));
        err.inner.request_id = request_id_from_headers(&headers).map(str::to_owned);
        err.inner.headers = Some(headers);
        err
    }

    /// A timeout of the given kind, without the limit (layers use the variant that has it).
    pub fn timeout(kind: TimeoutKind) -> Self {
        Self::new(ErrorKind::Timeout(kind))
    }

    /// A timeout of the given kind that names the limit that was exceeded.
    pub fn timeout_after(kind: TimeoutKind, limit: Duration) -> Self {
        let mut err = Self::timeout(kind);
        err.inner.limit = Some(limit);
        err
    }

    /// The body was not the JSON we expected. Prefer [`crate::decode_json`], which names the path.
    pub fn decode(message: impl Into<Cow<'static, str>>) -> Self {
        Self::with_context(ErrorKind::Decode, message)
    }

    /// Connecting failed (DNS, TCP, TLS, proxy). For custom transports.
    pub fn connect(message: impl Into<Cow<'static, str>>) -> Self {
        Self::with_context(ErrorKind::Connect, message)
    }

    /// The connection broke mid-exchange. For custom transports.
    pub fn io(message: impl Into<Cow<'static, str>>) -> Self {
        Self::with_context(ErrorKind::Io, message)
    }

    /// A credential could not produce a usable key or token. For [`crate::TokenCredential`]
    /// implementations.
    pub fn credential(message: impl Into<Cow<'static, str>>) -> Self {
        Self::with_context(ErrorKind::Credential, message)
    }

    /// Attaches the lower-level cause, reachable through `source()`.
    pub fn with_source(mut self, source: impl Into<BoxError>) -> Self {
        self.inner.source = Some(source.into());
        self
    }

    /// Attaches the request id of the response this error belongs to.
    pub fn with_request_id(mut self, request_id: impl Into<String>) -> Self {
        self.inner.request_id = Some(request_id.into());
        self
    }

    pub(crate) fn set_attempts(&mut self, attempts: u32) {
        self.inner.attempts = attempts;
    }

    pub(crate) fn set_retryable(&mut self, retryable: bool) {
        self.inner.retryable = Some(retryable);
    }

    pub(crate) fn kind_is_decode(&self) -> bool {
        matches!(self.inner.kind, ErrorKind::Decode)
    }

    /// Appends `: detail` to the description (e.g. what the undecodable response was).
    pub(crate) fn with_detail(mut self, detail: &str) -> Self {
        let base = self.inner.context.take().unwrap_or_default();
        self.inner.context = Some(Cow::Owned(format!("{base}: {detail}")));
        self
    }

    pub(crate) fn set_last_status(&mut self, status: Option<StatusCode>) {
        self.inner.last_status = status;
    }

    pub(crate) fn set_request_id_if_absent(&mut self, request_id: Option<&str>) {
        if self.inner.request_id.is_none() {
            self.inner.request_id = request_id.map(str::to_owned);
        }
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.inner.kind
    }

    /// The HTTP status of an API error response.
    pub fn status(&self) -> Option<StatusCode> {
        self.api_error().and_then(ApiError::status)
    }

    /// The request id: `x-request-id`, else `apim-request-id`, else `x-ms-request-id`
    ///. Quote it when contacting support.
    pub fn request_id(&self) -> Option<&str> {
        self.inner.request_id.as_deref()
    }

    /// The service's error code (`error.code`).
    pub fn code(&self) -> Option<&str> {
        self.api_error().and_then(ApiError::code)
    }

    /// The service's error message (`error.message`, or the body text).
    pub fn message(&self) -> Option<&str> {
        self.api_error().and_then(ApiError::message)
    }

    /// The delay the server asked for before trying again.
    pub fn retry_after(&self) -> Option<Duration> {
        self.api_error().and_then(ApiError::retry_after)
    }

    /// The status of the last response received before the call ended, for errors that are
    /// not themselves a response: e.g. a total deadline that ran out while a `400` body was
    /// still arriving, or during a stream. API errors report theirs through
    /// [`Error::status`].
    pub fn last_status(&self) -> Option<StatusCode> {
        self.inner.last_status
    }

    /// How many requests were sent (0 when the call was refused locally and nothing was sent).
    pub fn attempts(&self) -> u32 {
        self.inner.attempts
    }

    /// The API error details, for [`ErrorKind::Api`].
    pub fn api_error(&self) -> Option<&ApiError> {
        match &self.inner.kind {
            ErrorKind::Api(api) => Some(api),
            _ => None,
        }
    }

    /// The headers of the error response, when there was one.
    pub fn headers(&self) -> Option<&HeaderMap> {
        self.inner.headers.as_ref()
    }

    /// Whether the client's retry policy classified this outcome as retryable.
    ///
    /// For an error that came back through a client, this is the decision its retry layer
    /// applied, under that client's [`RetryConfig`](crate::RetryConfig) (profile and
    /// server-delay cap); it stays `true` when the attempts or the retry budget ran out. For an
    /// error built by hand, the default policy classifies it: connection failures,
    /// connect/attempt/idle timeouts and retryable statuses say yes; a total-deadline timeout,
    /// decode, stream and local errors say no.
    pub fn is_retryable(&self) -> bool {
        if let Some(verdict) = self.inner.retryable {
            return verdict;
        }
        match &self.inner.kind {
            ErrorKind::Api(api) => match (api.status, &self.inner.headers) {
                (Some(status), Some(headers)) => matches!(
                    classify::classify_status(
                        status,
                        headers,
                        classify::DEFAULT_MAX_SERVER_DELAY,
                        SystemTime::now()
                    ),
                    classify::Decision::Retry { .. }
                ),
                (Some(status), None) => classify::retryable_status(status),
                (None, _) => false,
            },
            _ => matches!(
                classify::classify_error(self),
                classify::Decision::Retry { .. }
            ),
        }
    }

    /// True for every [`ErrorKind::Timeout`].
    pub fn is_timeout(&self) -> bool {
        matches!(self.inner.kind, ErrorKind::Timeout(_))
    }

    /// The timeout kind, for [`ErrorKind::Timeout`].
    pub fn timeout_kind(&self) -> Option<TimeoutKind> {
        match self.inner.kind {
            ErrorKind::Timeout(kind) => Some(kind),
            _ => None,
        }
    }
}

/// The request id of a response: `x-request-id`, else Azure's `apim-request-id`, else
/// `x-ms-request-id`. Service crates use it for raw-body responses.
pub fn request_id_from_headers(headers: &HeaderMap) -> Option<&str> {
    ["x-request-id", "apim-request-id", "x-ms-request-id"]
        .iter()
        .find_map(|name| headers.get(*name).and_then(|v| v.to_str().ok()))
        .filter(|v| !v.is_empty())
}

/// Formats a duration compactly for messages: `600s`, `1.5s`, `200ms`.
pub(crate) fn fmt_duration(d: Duration) -> String {
    if d.subsec_nanos() == 0 {
        format!("{}s", d.as_secs())
    } else if d < Duration::from_secs(1) {
        format!("{}ms", d.as_millis())
    } else {
        let s = format!("{:.3}", d.as_secs_f64());
        format!("{}s", s.trim_end_matches('0').trim_end_matches('.'))
    }
}

/// Writes `text` on one line: control characters become spaces, runs of whitespace collapse,
/// and the result is cut at `max` characters.
fn write_one_line(f: &mut fmt::Formatter<'_>, text: &str, max: usize) -> fmt::Result {
    let mut written = 0usize;
    let mut pending_space = false;
    for c in text.trim().chars() {
        if c.is_whitespace() || c.is_control() {
            pending_space = true;
            continue;
        }
        if written >= max {
            return f.write_str("…");
        }
        if pending_space {
            f.write_str(" ")?;
            pending_space = false;
        }
        fmt::Write::write_char(f, c)?;
        written += 1;
    }
    Ok(())
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.inner;
        let limit = inner.limit.map(fmt_duration);
        match &inner.kind {
            ErrorKind::Api(api) => {
                match api.status {
                    Some(status) => {
                        write!(f, "openai api error {}", status.as_u16())?;
                        if let Some(reason) = status.canonical_reason() {
                            write!(f, " {reason}")?;
                        }
                    }
                    None if api.origin == ApiErrorOrigin::Operation => {
                        f.write_str("openai api error in long-running operation")?
                    }
                    None => f.write_str("openai api error in stream")?,
                }
                if let Some(code) = &api.code {
                    f.write_str(" (")?;
                    write_one_line(f, code, 80)?;
                    f.write_str(")")?;
                }
                if let Some(message) = &api.message {
                    f.write_str(": ")?;
                    write_one_line(f, message, MAX_DISPLAY_MESSAGE_CHARS)?;
                }
            }
            ErrorKind::Timeout(kind) => {
                let what = match kind {
                    TimeoutKind::Connect => "connect timeout: no connection established",
                    TimeoutKind::Attempt => "request timed out waiting for the response",
                    TimeoutKind::Total => "request exceeded its total deadline",
                    TimeoutKind::StreamIdle => "stream idle timeout: no data received",
                };
                f.write_str(what)?;
                if let Some(limit) = &limit {
                    let prep = match kind {
                        TimeoutKind::Total => " of ",
                        _ => " within ",
                    };
                    write!(f, "{prep}{limit}")?;
                }
                if let Some(status) = inner.last_status {
                    write!(f, " (last status {}", status.as_u16())?;
                    if let Some(reason) = status.canonical_reason() {
                        write!(f, " {reason}")?;
                    }
                    f.write_str(")")?;
                }
            }
            ErrorKind::Connect => write_context(f, "failed to connect", inner)?,
            ErrorKind::Io => write_context(f, "connection failed mid-exchange", inner)?,
            ErrorKind::Decode => write_context(f, "failed to decode the response", inner)?,
            ErrorKind::Stream => write_context(f, "malformed stream", inner)?,
            ErrorKind::InvalidRequest => {
                f.write_str("invalid request")?;
                if let Some(c) = &inner.context {
                    f.write_str(": ")?;
                    write_one_line(f, c, MAX_DISPLAY_MESSAGE_CHARS)?;
                }
            }
            ErrorKind::Credential => {
                f.write_str("credential error")?;
                if let Some(c) = &inner.context {
                    f.write_str(": ")?;
                    write_one_line(f, c, MAX_DISPLAY_MESSAGE_CHARS)?;
                }
            }
        }
        let attempts = (inner.attempts > 1).then_some(inner.attempts);
        match (&inner.request_id, attempts) {
            (Some(id), Some(n)) => {
                f.write_str(" [request id ")?;
                write_one_line(f, id, 100)?;
                write!(f, ", after {n} attempts]")
            }
            (Some(id), None) => {
                f.write_str(" [request id ")?;
                write_one_line(f, id, 100)?;
                f.write_str("]")
            }
            (None, Some(n)) => write!(f, " [after {n} attempts]"),
            (None, None) => Ok(()),
        }
    }
}

fn write_context(f: &mut fmt::Formatter<'_>, default: &str, inner: &Inner) -> fmt::Result {
    match &inner.context {
        Some(c) => write_one_line(f, c, MAX_DISPLAY_MESSAGE_CHARS),
        None => f.write_str(default),
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Headers are left out on purpose: even response headers are not ours to print.
        let inner = &*self.inner;
        let mut d = f.debug_struct("Error");
        d.field("kind", &inner.kind);
        if let Some(c) = &inner.context {
            d.field("context", c);
        }
        if let Some(l) = &inner.limit {
            d.field("limit", l);
        }
        if let Some(id) = &inner.request_id {
            d.field("request_id", id);
        }
        d.field("attempts", &inner.attempts);
        if let Some(status) = &inner.last_status {
            d.field("last_status", status);
        }
        if let Some(s) = &inner.source {
            d.field("source", s);
        }
        d.finish()
    }
}

impl StdError for Error {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.inner
            .source
            .as_deref()
            .map(|s| s as &(dyn StdError + 'static))
    }
}

/// Decodes a JSON body into `T`, naming the JSON path on failure.
///
/// The error is [`ErrorKind::Decode`] with `Display` like
/// ``failed to decode ChatCompletion at `choices[0].message` [request id req_1]`` and serde's
/// message as `source()`. Service crates call this for every typed response.
///
/// ```
/// #[derive(serde::Deserialize, Debug)]
/// struct Thing { id: String }
/// let err = core_http::decode_json::<Thing>(br#"{"id": 5}"#, Some("req_1")).unwrap_err();
/// assert_eq!(err.to_string(), "failed to decode Thing at `id` [request id req_1]");
/// ```
pub fn decode_json<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    request_id: Option<&str>,
) -> Result<T, Error> {
    // Fast path: plain serde_json (which also rejects trailing garbage). Tracking the JSON
    // path costs ~10% of a chat completion's decode, so it only runs again on failure, to
    // name the failing field; the error is the same either way. The body is checked as UTF-8
    // once up front so serde_json's `str` reader can skip re-validating every key and string
    // (~35 short `from_utf8` calls per chat completion on the byte reader).
    if let Ok(text) = std::str::from_utf8(bytes) {
        if let Ok(value) = serde_json::from_str(text) {
            return Ok(value);
        }
    }
    let type_name = short_type_name(std::any::type_name::<T>());
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let decoded = serde_path_to_error::deserialize::<_, T>(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let message = if !matches!(path.as_str(), "" | "." | "?") {
            format!("failed to decode {type_name} at `{path}`")
        } else if e.inner().classify() == serde_json::error::Category::Data {
            // Valid JSON of the wrong shape without a path (e.g. inside a tagged union, which
            // is buffered before it is decoded): serde's own description is the pointer left.
            format!("failed to decode {type_name}: {}", e.inner())
        } else {
            format!("failed to decode {type_name}")
        };
        (message, e.into_inner())
    });
    // Trailing garbage after the value is an error too.
    let result = decoded.and_then(|v| {
        de.end()
            .map(|()| v)
            .map_err(|e| (format!("failed to decode {type_name}"), e))
    });
    result.map_err(|(message, source)| {
        let mut err = Error::decode(message).with_source(source);
        err.set_request_id_if_absent(request_id);
        err
    })
}

/// `openai_types::chat::ChatCompletion<alloc::string::String>` → `ChatCompletion<String>`.
fn short_type_name(full: &str) -> String {
    let mut out = String::with_capacity(full.len());
    let mut segment = String::new();
    for c in full.chars() {
        if c.is_alphanumeric() || matches!(c, '_' | ':' | '{' | '}') {
            segment.push(c);
        } else {
            out.push_str(segment.rsplit("::").next().unwrap_or(&segment));
            segment.clear();
            out.push(c);
        }
    }
    out.push_str(segment.rsplit("::").next().unwrap_or(&segment));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    /// Status → class map.
    #[test]
    fn status_class_map() {
        let cases = [
            (400, StatusClass::BadRequest),
            (401, StatusClass::Authentication),
            (403, StatusClass::PermissionDenied),
            (404, StatusClass::NotFound),
            (409, StatusClass::Conflict),
            (422, StatusClass::UnprocessableEntity),
            (429, StatusClass::RateLimit),
            (500, StatusClass::InternalServer),
            (503, StatusClass::InternalServer),
            (599, StatusClass::InternalServer),
            (402, StatusClass::Other),
            (413, StatusClass::Other),
            (302, StatusClass::Other),
        ];
        for (code, class) in cases {
            assert_eq!(
                StatusClass::of(StatusCode::from_u16(code).unwrap()),
                class,
                "{code}"
            );
        }
    }

    /// Fields of `{"error": {...}}` and the request id fallbacks.
    #[test]
    fn error_object_and_request_id_fallbacks() {
        let body = br#"{"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}}"#;
        let err = Error::from_response(
            StatusCode::TOO_MANY_REQUESTS,
            headers(&[("x-request-id", "req_1"), ("apim-request-id", "apim_1")]),
            Bytes::from_static(body),
        );
        assert_eq!(err.status(), Some(StatusCode::TOO_MANY_REQUESTS));
        assert_eq!(err.code(), Some("rate_limit_exceeded"));
        assert_eq!(err.message(), Some("Rate limit reached"));
        assert_eq!(err.api_error().unwrap().kind(), Some("requests"));
        assert_eq!(err.api_error().unwrap().param(), None);
        assert_eq!(err.request_id(), Some("req_1"));
        assert_eq!(err.api_error().unwrap().body(), body);

        let apim = Error::from_response(
            StatusCode::BAD_REQUEST,
            headers(&[("apim-request-id", "apim_1"), ("x-ms-request-id", "ms_1")]),
            Bytes::new(),
        );
        assert_eq!(apim.request_id(), Some("apim_1"));
        let ms = Error::from_response(
            StatusCode::BAD_REQUEST,
            headers(&[("x-ms-request-id", "ms_1")]),
            Bytes::new(),
        );
        assert_eq!(ms.request_id(), Some("ms_1"));
        assert!(ms.headers().unwrap().contains_key("x-ms-request-id"));
    }

    /// A body without `error` is exposed whole; text becomes the message.
    #[test]
    fn lenient_error_bodies() {
        let bare = Error::from_response(
            StatusCode::NOT_FOUND,
            HeaderMap::new(),
            Bytes::from_static(br#"{"code":"DeploymentNotFound","message":"no such deployment"}"#),
        );
        assert_eq!(bare.code(), Some("DeploymentNotFound"));
        assert_eq!(bare.message(), Some("no such deployment"));
        assert_eq!(
            bare.api_error().unwrap().body_json().unwrap()["code"],
            "DeploymentNotFound"
        );

        let text = Error::from_response(
            StatusCode::BAD_GATEWAY,
            HeaderMap::new(),
            Bytes::from_static(b"<html>\n<body>502 Bad Gateway</body>\n</html>\n"),
        );
        assert_eq!(
            text.message(),
            Some("<html>\n<body>502 Bad Gateway</body>\n</html>")
        );
        assert_eq!(
            text.to_string(),
            "openai api error 502 Bad Gateway: <html> <body>502 Bad Gateway</body> </html>"
        );

        let string_error = Error::from_response(
            StatusCode::UNAUTHORIZED,
            HeaderMap::new(),
            Bytes::from_static(br#"{"error":"invalid key"}"#),
        );
        assert_eq!(string_error.message(), Some("invalid key"));
        assert_eq!(string_error.code(), None);

        let empty = Error::from_response(StatusCode::FORBIDDEN, HeaderMap::new(), Bytes::new());
        assert_eq!(empty.message(), None);
        assert_eq!(empty.to_string(), "openai api error 403 Forbidden");
    }

    /// The raw body is capped at 8 KiB but a long JSON body still yields its fields.
    #[test]
    fn error_body_is_capped() {
        let long_message = "x".repeat(20_000);
        let body = format!(r#"{{"error":{{"message":"{long_message}","code":"too_long"}}}}"#);
        let err = Error::from_response(StatusCode::BAD_REQUEST, HeaderMap::new(), body.into());
        let api = err.api_error().unwrap();
        assert_eq!(api.body().len(), MAX_ERROR_BODY_BYTES);
        assert!(api.body_truncated());
        assert_eq!(api.code(), Some("too_long"));
        // Display cuts the message and stays one line.
        let line = err.to_string();
        assert!(line.len() < 400, "{}", line.len());
        assert!(line.ends_with('…'));
    }

    /// A failed long-running operation carries error.code/message and
    /// says where it came from.
    #[test]
    fn operation_errors_name_the_operation() {
        let err = Error::from_operation_error(
            br#"{"code":"contentFilter","message":"Your task failed."}"#,
            Some("req_3"),
        );
        assert_eq!(err.status(), None);
        assert_eq!(err.code(), Some("contentFilter"));
        assert_eq!(
            err.to_string(),
            "openai api error in long-running operation (contentFilter): Your task failed. \
             [request id req_3]"
        );
        let bare = Error::from_operation_error(b"{}", None);
        assert_eq!(
            bare.to_string(),
            "openai api error in long-running operation: the operation failed without an error message"
        );
    }

    /// Stream error events, wrapped or bare, default message.
    #[test]
    fn stream_error_events() {
        let wrapped = Error::from_stream_error_event(
            br#"{"error":{"message":"overloaded","type":"server_error","code":null}}"#,
            Some("req_9"),
        );
        assert_eq!(wrapped.status(), None);
        assert_eq!(wrapped.message(), Some("overloaded"));
        assert_eq!(wrapped.request_id(), Some("req_9"));
        assert!(!wrapped.is_retryable());
        assert_eq!(
            wrapped.to_string(),
            "openai api error in stream: overloaded [request id req_9]"
        );
        let bare = Error::from_stream_error_event(br#"{"code":"boom"}"#, None);
        assert_eq!(bare.code(), Some("boom"));
        assert_eq!(bare.message(), Some("An error occurred during streaming"));
    }

    #[test]
    fn retry_after_and_retryable() {
        let err = Error::from_response(
            StatusCode::TOO_MANY_REQUESTS,
            headers(&[("retry-after-ms", "1500")]),
            Bytes::new(),
        );
        assert_eq!(err.retry_after(), Some(Duration::from_millis(1500)));
        assert!(err.is_retryable());
        let not = Error::from_response(
            StatusCode::SERVICE_UNAVAILABLE,
            headers(&[("x-should-retry", "false")]),
            Bytes::new(),
        );
        assert!(!not.is_retryable());
        assert!(Error::timeout(TimeoutKind::Attempt).is_retryable());
        assert!(Error::timeout(TimeoutKind::StreamIdle).is_retryable());
        assert!(!Error::timeout(TimeoutKind::Total).is_retryable());
        assert!(!Error::decode("x").is_retryable());
        assert!(Error::timeout(TimeoutKind::Total).is_timeout());
    }

    /// Decode errors name the JSON path; serde's message is the source, not in Display.
    #[test]
    fn decode_json_names_the_path() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Msg {
            tool_calls: Vec<Call>,
        }
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Call {
            id: String,
        }
        let err = decode_json::<Vec<Msg>>(
            br#"[{"tool_calls":[{"id":"a"},{"id":7}]}]"#,
            Some("req_8f2c"),
        )
        .unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Decode));
        assert_eq!(
            err.to_string(),
            "failed to decode Vec<Msg> at `[0].tool_calls[1].id` [request id req_8f2c]"
        );
        assert!(
            err.source()
                .unwrap()
                .to_string()
                .contains("expected a string")
        );

        let eof = decode_json::<Msg>(b"{", None).unwrap_err();
        assert_eq!(eof.to_string(), "failed to decode Msg");
        let trailing = decode_json::<Vec<u8>>(b"[1] x", None).unwrap_err();
        assert!(matches!(trailing.kind(), ErrorKind::Decode));
    }

    #[test]
    fn duration_formatting() {
        assert_eq!(fmt_duration(Duration::from_secs(600)), "600s");
        assert_eq!(fmt_duration(Duration::from_millis(200)), "200ms");
        assert_eq!(fmt_duration(Duration::from_millis(1500)), "1.5s");
    }

    #[test]
    fn short_type_names() {
        assert_eq!(
            short_type_name("openai_types::chat::ChatCompletion<alloc::string::String>"),
            "ChatCompletion<String>"
        );
        assert_eq!(short_type_name("u8"), "u8");
        assert_eq!(short_type_name("it::tests::f::{{closure}}::Local"), "Local");
    }
}
