//! [`RequestBuilder`]: one call, from parameters to a decoded result.
//!
//! Serializes a JSON body once into `Bytes` (merging `extra_body` only when set), applies
//! [`RequestOptions`], sends through the stack, and maps a non-2xx response to
//! [`ErrorKind::Api`](crate::ErrorKind::Api) — the one place where status becomes error
//!. Results come back as a typed value, raw bytes, a raw response, or an
//! SSE stream.

use std::sync::Arc;

use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, Method, Request, Response, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tower::ServiceExt;

use crate::body::Collected;
use crate::body::{RequestBody, ResponseBody};
use crate::client::HttpClient;
use crate::error::{Error, decode_json, request_id_from_headers};
use crate::json_write;
use crate::layers::attempt_timeout::ERROR_BODY_READ_LIMIT;
use crate::layers::{Attempts, CallConfig, RetryVerdict};
use crate::multipart::Form;
use crate::options::RequestOptions;
use crate::sse::DEFAULT_MAX_EVENT_BYTES;
use crate::sse_stream::{SseResponse, SseStream};
use crate::telemetry::{CallTelemetry, GenAiRequest};

/// How much of an unexpected answer to a stream request is read to describe it.
const UNEXPECTED_BODY_READ_LIMIT: usize = 8 * 1024;

/// Longest body snippet an error message quotes.
const SNIPPET_CHARS: usize = 120;

/// Status, headers and request id of a successful response.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ResponseMeta {
    /// The HTTP status (always 2xx here).
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// `x-request-id`, else `apim-request-id`, else `x-ms-request-id`.
    pub request_id: Option<String>,
    /// Attempts it took (1 unless retried).
    pub attempts: u32,
}

impl ResponseMeta {
    /// Takes the headers over from the response (no copy of the header map per call).
    fn from_parts(parts: http::response::Parts) -> Self {
        ResponseMeta {
            status: parts.status,
            request_id: request_id_from_headers(&parts.headers).map(str::to_owned),
            attempts: parts.extensions.get::<Attempts>().map_or(1, |a| a.0),
            headers: parts.headers,
        }
    }
}

enum PendingBody {
    Empty,
    Json(Bytes),
    Raw(RequestBody, HeaderValue),
}

/// A request being built. Errors found while building (a body that fails to serialize, an
/// invalid header) are kept and returned by the terminal method, so calls chain without `?`.
#[must_use = "a request does nothing until it is sent"]
pub struct RequestBuilder {
    client: HttpClient,
    method: Method,
    url: Result<String, Error>,
    query: Vec<(String, String)>,
    headers: HeaderMap,
    body: PendingBody,
    options: Option<RequestOptions>,
    operation: &'static str,
    model: Option<Arc<str>>,
    gen_ai: Option<GenAiRequest>,
    max_event_bytes: usize,
    owned_fields: &'static [&'static str],
    error: Option<Error>,
}

impl std::fmt::Debug for RequestBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RequestBuilder")
            .field("method", &self.method)
            .field("operation", &self.operation)
            .finish_non_exhaustive()
    }
}

impl RequestBuilder {
    pub(crate) fn new(client: HttpClient, method: Method, url: Result<String, Error>) -> Self {
        RequestBuilder {
            headers: HeaderMap::with_capacity(client.header_capacity()),
            client,
            method,
            url,
            query: Vec::new(),
            body: PendingBody::Empty,
            options: None,
            operation: "",
            model: None,
            gen_ai: None,
            max_event_bytes: DEFAULT_MAX_EVENT_BYTES,
            owned_fields: &[],
            error: None,
        }
    }

    fn fail(&mut self, err: Error) {
        if self.error.is_none() {
            self.error = Some(err);
        }
    }

    /// Serializes `body` as the JSON body, once (retries re-send the same bytes).
    pub fn json<T: Serialize + ?Sized>(mut self, body: &T) -> Self {
        // A typical request is 0.5-2 KB: starting at 1 KiB instead of serde_json's 128 bytes
        // saves three or four regrow-and-copy steps per call. The writer gives serde_json's
        // bytes, with a faster string escaper (bodies are mostly text).
        let mut buf = Vec::with_capacity(1024);
        match json_write::to_writer(&mut buf, body) {
            Ok(()) => self.body = PendingBody::Json(buf.into()),
            Err(e) => self.fail(
                Error::invalid_request("the request body could not be serialized to JSON")
                    .with_source(e),
            ),
        }
        self
    }

    /// Uses already-serialized JSON as the body.
    pub fn json_bytes(mut self, json: Bytes) -> Self {
        self.body = PendingBody::Json(json);
        self
    }

    /// Uses any body with the given content type.
    pub fn body(mut self, body: RequestBody, content_type: &str) -> Self {
        match HeaderValue::from_str(content_type) {
            Ok(ct) => self.body = PendingBody::Raw(body, ct),
            Err(e) => self.fail(Error::invalid_request("invalid content type").with_source(e)),
        }
        self
    }

    /// Uses a multipart form as the body (buffered forms are retried; streamed ones are not).
    pub fn multipart(self, form: Form) -> Self {
        let content_type = form.content_type();
        let body = RequestBody::from(form.into_body());
        self.body(body, &content_type)
    }

    /// Adds a query parameter.
    pub fn query(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((key.into(), value.into()));
        self
    }

    /// Sets a header (the per-request options can still override it).
    pub fn header(mut self, name: &str, value: &str) -> Self {
        match (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            (Ok(n), Ok(v)) => {
                self.headers.insert(n, v);
            }
            _ => self.fail(Error::invalid_request(format!(
                "invalid header `{name}` (name or value)"
            ))),
        }
        self
    }

    /// Applies per-request options; several calls merge (later wins).
    pub fn options(mut self, options: &RequestOptions) -> Self {
        // Service handles pass their (usually default) options on every call: an empty set
        // changes nothing, so skip the clone and the drop.
        if is_empty(options) {
            return self;
        }
        self.options = Some(match self.options.take() {
            Some(existing) => existing.merge(options),
            None => options.clone(),
        });
        self
    }

    /// Names the operation for tracing (e.g. `chat.completions.create`).
    pub fn operation(mut self, operation: &'static str) -> Self {
        self.operation = operation;
        self
    }

    /// Records the model / deployment for tracing (it does not change the URL).
    pub fn model(mut self, model: &str) -> Self {
        self.model = Some(Arc::from(model));
        self
    }

    /// Describes a generative-AI operation for telemetry: the span gets the request's GenAI
    /// attributes and, with the `metrics` feature, the call records the GenAI client metrics
    /// (see [`crate::telemetry`]).
    pub fn gen_ai(mut self, request: GenAiRequest) -> Self {
        self.gen_ai = Some(request);
        self
    }

    /// Names JSON body fields the operation sets itself (`stream`, a routing `model`): the
    /// per-call `extra_body` may not override them (refused before sending).
    pub fn owns_fields(mut self, fields: &'static [&'static str]) -> Self {
        self.owned_fields = fields;
        self
    }

    /// Caps the size of one SSE event for [`RequestBuilder::send_sse`].
    pub fn max_event_bytes(mut self, limit: usize) -> Self {
        self.max_event_bytes = limit;
        self
    }

    fn into_request(self, buffer_body: bool) -> Result<(HttpClient, Request<RequestBody>), Error> {
        if let Some(err) = self.error {
            return Err(err);
        }
        let opts = self.options.unwrap_or_default();
        let mut query = self.query;
        query.extend(opts.query.iter().cloned());
        let endpoint = self.client.endpoint();
        let uri = endpoint.finish_uri(self.url?, &query)?;

        let json = || HeaderValue::from_static("application/json");
        let (body, content_type) = match self.body {
            // A body-less call other than GET (a cancel, a delete) still says JSON, as
            // openai-python does: it drops the content type for GET only.
            PendingBody::Empty if self.method == Method::GET || self.method == Method::HEAD => {
                (RequestBody::Empty, None)
            }
            PendingBody::Empty => (RequestBody::Empty, Some(json())),
            PendingBody::Json(bytes) => {
                let bytes = match &opts.extra_body {
                    Some(extra) if !extra.is_empty() => {
                        crate::kit::refuse_owned_fields(extra, self.owned_fields)?;
                        merge_extra_body(&bytes, extra)?
                    }
                    _ => bytes,
                };
                (RequestBody::Bytes(bytes), Some(json()))
            }
            PendingBody::Raw(body, ct) => (body, Some(ct)),
        };

        // hyper writes no length for an empty body, and proxies answer a POST without one
        // with 411 Length Required: say `0`, as httpx does for POST, PUT and PATCH.
        let zero_length = matches!(body, RequestBody::Empty)
            && matches!(self.method, Method::POST | Method::PUT | Method::PATCH);
        let mut req = Request::new(body);
        *req.method_mut() = self.method;
        *req.uri_mut() = uri;
        let mut headers = self.headers;
        if let Some(ct) = content_type {
            headers.entry(http::header::CONTENT_TYPE).or_insert(ct);
        }
        if zero_length {
            headers
                .entry(http::header::CONTENT_LENGTH)
                .or_insert(HeaderValue::from_static("0"));
        }
        for (name, value) in &opts.headers {
            let n = HeaderName::from_bytes(name.as_bytes()).map_err(|e| {
                Error::invalid_request(format!("invalid header name `{name}`")).with_source(e)
            })?;
            let v = HeaderValue::from_str(value).map_err(|e| {
                Error::invalid_request(format!("invalid value for header `{name}`")).with_source(e)
            })?;
            headers.insert(n, v);
        }
        *req.headers_mut() = headers;
        req.extensions_mut().insert(CallConfig {
            operation: self.operation,
            model: self.model,
            gen_ai: self.gen_ai,
            max_retries: opts.max_retries,
            attempt_timeout: opts.timeout,
            idle_timeout: opts.idle_timeout,
            total_timeout: opts.total_timeout,
            buffer_body,
            max_response_bytes: opts.max_response_bytes,
        });
        Ok((self.client, req))
    }

    async fn execute(self, buffer_body: bool) -> Result<Response<ResponseBody>, Error> {
        let (client, req) = self.into_request(buffer_body)?;
        let resp = client.service().oneshot(req).await?;
        if resp.status().is_success() {
            return Ok(resp);
        }
        let attempts = resp.extensions().get::<Attempts>().map_or(1, |a| a.0);
        let verdict = resp.extensions().get::<RetryVerdict>().map(|v| v.0);
        let (parts, mut body) = resp.into_parts();
        // The stack has read (a prefix of) the error body inside the attempt; this takes it.
        // A body that fails mid-read still yields an error for the status we did get.
        let mut kept = Collected::default();
        let _ = body.read_prefix(&mut kept, ERROR_BODY_READ_LIMIT).await;
        drop(body);
        let mut err = Error::from_response(parts.status, parts.headers, kept.finish());
        err.set_attempts(attempts);
        if let Some(retryable) = verdict {
            err.set_retryable(retryable);
        }
        Err(err)
    }

    /// Sends and returns the raw successful response; the body streams (idle timeout
    /// applied). Non-2xx statuses (3xx included: redirects are not followed) are errors.
    pub async fn send(self) -> Result<Response<ResponseBody>, Error> {
        self.execute(false).await
    }

    /// Sends, reads the whole body inside the attempt (so body failures are retried) and
    /// returns it with the response metadata.
    pub async fn send_bytes(self) -> Result<(Bytes, ResponseMeta), Error> {
        let (bytes, meta, mut telemetry) = self.send_bytes_observed().await?;
        telemetry.succeed(None);
        Ok((bytes, meta))
    }

    /// [`send_bytes`](Self::send_bytes), plus the call's telemetry record for the decoder to
    /// finish.
    pub(crate) async fn send_bytes_observed(
        self,
    ) -> Result<(Bytes, ResponseMeta, CallTelemetry), Error> {
        let (mut parts, body) = self.execute(true).await?.into_parts();
        let mut telemetry = take_telemetry(&mut parts);
        let meta = ResponseMeta::from_parts(parts);
        match body.collect_bytes().await {
            Ok(bytes) => Ok((bytes, meta, telemetry)),
            Err(mut e) => {
                e.set_request_id_if_absent(meta.request_id.as_deref());
                telemetry.fail(&e);
                Err(e)
            }
        }
    }

    /// Sends and decodes the JSON body into `T`.
    pub async fn send_json<T: DeserializeOwned>(self) -> Result<T, Error> {
        self.send_json_with_meta().await.map(|(value, _)| value)
    }

    /// Sends and decodes the JSON body into `T`, with the response metadata.
    pub async fn send_json_with_meta<T: DeserializeOwned>(
        self,
    ) -> Result<(T, ResponseMeta), Error> {
        let (bytes, meta) = self.send_bytes().await?;
        decode_success(bytes, meta, |bytes, meta| {
            decode_json(&bytes, meta.request_id.as_deref())
        })
    }

    /// Sends and returns the successful body as a [`Download`](crate::kit::Download): bytes as
    /// they arrive, with the response metadata, and `bytes()` bounded by the call's (else the
    /// client's) `max_response_bytes`.
    pub async fn send_download(self) -> Result<crate::kit::Download, Error> {
        let max_bytes = self
            .options
            .as_ref()
            .and_then(|o| o.max_response_bytes)
            .unwrap_or_else(|| self.client.max_response_bytes());
        let (parts, body) = self.execute(false).await?.into_parts();
        let meta = ResponseMeta::from_parts(parts);
        Ok(crate::kit::Download::new(body, meta, max_bytes))
    }

    /// Sends and returns the body as a server-sent event stream. Only the exchange up to the
    /// headers is retried; the stream itself never is (no duplicated tokens).
    pub async fn send_sse(mut self) -> Result<SseResponse, Error> {
        let max_event_bytes = self.max_event_bytes;
        self.headers
            .entry(http::header::ACCEPT)
            .or_insert(HeaderValue::from_static("text/event-stream"));
        let attempt_limit = self
            .options
            .as_ref()
            .and_then(|o| o.timeout)
            .unwrap_or(self.client.timeouts().attempt);
        let (mut parts, mut body) = self.execute(false).await?.into_parts();
        let mut telemetry = take_telemetry(&mut parts);
        let meta = ResponseMeta::from_parts(parts);
        if !is_event_stream(&meta.headers) {
            // A success that is not a stream (a JSON error, a proxy's HTML page): read a
            // little of it, within the attempt limit, and say what came instead.
            let mut kept = Collected::default();
            let _ = tokio::time::timeout(
                attempt_limit,
                body.read_prefix(&mut kept, UNEXPECTED_BODY_READ_LIMIT),
            )
            .await;
            drop(body);
            let bytes = kept.finish();
            let err = Error::stream(format!(
                "expected a server-sent event stream, got {}",
                describe_response(&meta, &bytes)
            ));
            let err = explain_unexpected_body(err, &meta, bytes);
            telemetry.fail(&err);
            return Err(err);
        }
        let mut events = SseStream::new(body, meta.request_id.clone(), max_event_bytes);
        events.set_attempts(meta.attempts);
        Ok(SseResponse {
            meta,
            events,
            telemetry,
        })
    }
}

/// The telemetry record the trace layer left on a successful response (an inert one when
/// nobody listens).
fn take_telemetry(parts: &mut http::response::Parts) -> CallTelemetry {
    if parts.extensions.is_empty() {
        return CallTelemetry::default();
    }
    parts
        .extensions
        .remove::<CallTelemetry>()
        .unwrap_or_default()
}

/// True unless the response names a content type other than `text/event-stream` (a response
/// without one is read as a stream: some gateways drop the header).
fn is_event_stream(headers: &HeaderMap) -> bool {
    match headers.get(http::header::CONTENT_TYPE) {
        None => true,
        Some(value) => value
            .to_str()
            .ok()
            .and_then(|v| v.split(';').next())
            .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("text/event-stream")),
    }
}

/// `status 200 OK, content type text/html, body `<html>…``: what a response was, for errors
/// about a body that was not what the call expected.
/// Turns a successful body into a value with `decode`; a body that is a JSON error object is
/// the API error it carries, and a body that does not decode is explained (status, content
/// type and a printable snippet).
pub(crate) fn decode_success<T>(
    bytes: Bytes,
    meta: ResponseMeta,
    decode: impl FnOnce(Bytes, &ResponseMeta) -> Result<T, Error>,
) -> Result<(T, ResponseMeta), Error> {
    if is_error_body(&bytes) {
        let err = Error::decode("the response is an error object");
        return Err(explain_unexpected_body(err, &meta, bytes));
    }
    match decode(bytes.clone(), &meta) {
        Ok(value) => Ok((value, meta)),
        Err(err) if err.kind_is_decode() => Err(explain_unexpected_body(err, &meta, bytes)),
        Err(err) => Err(err),
    }
}

fn describe_response(meta: &ResponseMeta, body: &[u8]) -> String {
    let mut out = format!("status {}", meta.status.as_u16());
    if let Some(reason) = meta.status.canonical_reason() {
        out.push(' ');
        out.push_str(reason);
    }
    match meta.headers.get(http::header::CONTENT_TYPE) {
        Some(ct) => {
            out.push_str(", content type ");
            out.push_str(&printable_snippet(ct.as_bytes(), 80));
        }
        None => out.push_str(", no content type"),
    }
    if body.is_empty() {
        out.push_str(", empty body");
    } else {
        out.push_str(", body `");
        out.push_str(&printable_snippet(body, SNIPPET_CHARS));
        out.push('`');
    }
    out
}

/// The first `max` characters of `bytes` on one line: invalid UTF-8 becomes replacement
/// characters, and control characters and runs of whitespace one space, so the text is safe
/// to print.
fn printable_snippet(bytes: &[u8], max: usize) -> String {
    let head = &bytes[..bytes.len().min(max * 4)];
    let text = String::from_utf8_lossy(head);
    let mut out = String::with_capacity(max.min(text.len()) + 3);
    let mut count = 0usize;
    let mut space = false;
    for c in text.trim().chars() {
        if c.is_whitespace() || c.is_control() {
            space = true;
            continue;
        }
        if count + usize::from(space) >= max {
            out.push('…');
            return out;
        }
        if space {
            out.push(' ');
            count += 1;
            space = false;
        }
        out.push(c);
        count += 1;
    }
    if head.len() < bytes.len() {
        out.push('…');
    }
    out
}

/// True when a successful body is an error object (`{"error": {…}}` or `{"error": "…"}`),
/// which a lenient type would otherwise decode as an empty value. Only bodies whose first
/// key is `error` are parsed twice.
fn is_error_body(body: &[u8]) -> bool {
    let start = body.iter().position(|b| !b.is_ascii_whitespace());
    let rest = start.map_or(&body[..0], |i| &body[i..]);
    let Some(rest) = rest.strip_prefix(b"{") else {
        return false;
    };
    let key = rest.iter().position(|b| !b.is_ascii_whitespace());
    if !key.is_some_and(|i| rest[i..].starts_with(b"\"error\"")) {
        return false;
    }
    serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|v| v.get("error").map(|e| e.is_object() || e.is_string()))
        .unwrap_or(false)
}

/// Turns an error about an unexpected successful body into the truest error: an API error
/// when the body is a JSON `{"error": …}` object, else `err` naming the status, the content
/// type and the start of the body. Attempts and request id are kept.
fn explain_unexpected_body(err: Error, meta: &ResponseMeta, body: Bytes) -> Error {
    let mut out = if is_error_body(&body) {
        Error::from_response(meta.status, meta.headers.clone(), body)
    } else if err.kind_is_decode() {
        let description = describe_response(meta, &body);
        err.with_detail(&description)
    } else {
        err
    };
    out.set_attempts(meta.attempts);
    out.set_request_id_if_absent(meta.request_id.as_deref());
    out
}

/// True when `options` would change nothing about a request.
fn is_empty(options: &RequestOptions) -> bool {
    let RequestOptions {
        timeout,
        total_timeout,
        idle_timeout,
        max_retries,
        max_response_bytes,
        headers,
        query,
        extra_body,
    } = options;
    timeout.is_none()
        && total_timeout.is_none()
        && idle_timeout.is_none()
        && max_retries.is_none()
        && max_response_bytes.is_none()
        && headers.is_empty()
        && query.is_empty()
        && extra_body.is_none()
}

/// Merges `extra` into the top-level JSON object in `json` (re-serializing only in this case).
fn merge_extra_body(
    json: &Bytes,
    extra: &serde_json::Map<String, serde_json::Value>,
) -> Result<Bytes, Error> {
    let mut value: serde_json::Value = serde_json::from_slice(json).map_err(|e| {
        Error::invalid_request("the JSON body could not be re-read to merge extra_body")
            .with_source(e)
    })?;
    let Some(object) = value.as_object_mut() else {
        return Err(Error::invalid_request(
            "extra_body needs a JSON object body",
        ));
    };
    for (k, v) in extra {
        object.insert(k.clone(), v.clone());
    }
    // The merged body is about the original plus the extra fields.
    let mut buf = Vec::with_capacity(json.len() + 256);
    match json_write::to_writer(&mut buf, &value) {
        Ok(()) => Ok(Bytes::from(buf)),
        Err(e) => Err(
            Error::invalid_request("the merged JSON body could not be serialized").with_source(e),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_bodies_and_snippets() {
        assert!(is_error_body(br#" { "error": {"message": "x"}}"#));
        assert!(is_error_body(br#"{"error":"text"}"#));
        assert!(!is_error_body(br#"{"error": null, "id": "x"}"#));
        assert!(!is_error_body(br#"{"id": "x", "error": {}}"#));
        assert!(!is_error_body(b"<html>"));
        assert!(!is_error_body(b""));
        assert_eq!(printable_snippet(b" a\r\n\tb\x00c ", 10), "a b c");
        assert_eq!(printable_snippet(b"abcdef", 3), "abc…");
        assert_eq!(printable_snippet(&[0xff, b'a'], 10), "\u{fffd}a");
    }

    #[test]
    fn extra_body_merges_into_objects_only() {
        let mut extra = serde_json::Map::new();
        extra.insert("b".into(), 2.into());
        extra.insert("a".into(), "over".into());
        let merged = merge_extra_body(&Bytes::from_static(br#"{"a":1}"#), &extra).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&merged).unwrap();
        assert_eq!(v, serde_json::json!({"a": "over", "b": 2}));
        assert!(merge_extra_body(&Bytes::from_static(b"[1]"), &extra).is_err());
    }
}
