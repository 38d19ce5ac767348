//! The HTTP front: turns one hyper request into a reply.
//!
//! Order, as the service does it: read and record the request → scripted reply (if any) →
//! route family by prefix (`/v1`, `/openai/v1`, `/openai/deployments/{d}`, `/openai`) →
//! authentication → `api-version` (Azure dated routes) → route → body parsing → handler
//! validation. Every reply gets `x-request-id: req_<n>`; Azure routes also get
//! `apim-request-id`.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, Response};
use http_body_util::BodyExt;
use hyper::body::Incoming;
use serde_json::{Value, json};

use crate::api::{ApiReply, ApiRequest, FormField};
use crate::body::{Dropped, MockBody};
use crate::inference::{self, Ctx};
use crate::multipart;
use crate::record::RecordedRequest;
use crate::script::{Fault, Reply, encode_event};
use crate::server::Shared;

/// Serves one request.
pub(crate) async fn handle(
    shared: Arc<Shared>,
    req: http::Request<Incoming>,
) -> Result<Response<MockBody>, Dropped> {
    let (parts, body) = req.into_parts();
    // A client that hangs up mid-body gets nothing back.
    let body = body.collect().await.map_err(|_| Dropped)?.to_bytes();
    let n = shared.next_request();
    let method = parts.method.as_str().to_owned();
    let path = parts.uri.path().to_owned();
    let query = parse_query(parts.uri.query().unwrap_or(""));
    let parsed = parse_body(&parts.headers, &body);
    shared.record(RecordedRequest::new(
        &method,
        &path,
        &query,
        &parts.headers,
        &body,
        parsed.json.clone(),
        &parsed.form,
    ));
    let azure = path == "/openai" || path.starts_with("/openai/");
    let reply = match shared.scripts.next(&method, &path) {
        Some(reply) => reply,
        None => {
            let incoming = Incoming_ {
                method: &method,
                path: &path,
                query: &query,
                headers: &parts.headers,
                body: &parsed,
                n,
            };
            to_reply(route(&shared, &incoming))
        }
    };
    send(reply, n, azure).await
}

/// What the router needs from a request (named with a trailing underscore to keep hyper's
/// `Incoming` body type unambiguous in this file).
struct Incoming_<'a> {
    method: &'a str,
    path: &'a str,
    query: &'a [(String, String)],
    headers: &'a HeaderMap,
    body: &'a ParsedBody,
    n: u64,
}

impl Incoming_<'_> {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    fn query_value(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Debug, Default)]
struct ParsedBody {
    json: Option<Value>,
    form: Vec<FormField>,
    /// Why the body could not be parsed, worded for a 400.
    error: Option<String>,
}

fn parse_body(headers: &HeaderMap, body: &Bytes) -> ParsedBody {
    let content_type = headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mut parsed = ParsedBody::default();
    if let Some(boundary) = multipart::boundary(content_type) {
        match multipart::parse(body, &boundary) {
            Ok(form) => parsed.form = form,
            Err(e) => parsed.error = Some(format!("Could not parse the multipart form body: {e}.")),
        }
    } else if content_type
        .to_ascii_lowercase()
        .starts_with("multipart/form-data")
    {
        parsed.error = Some("The multipart/form-data content type has no boundary.".into());
    } else if !body.is_empty() {
        match serde_json::from_slice::<Value>(body) {
            Ok(value) => parsed.json = Some(value),
            Err(e) => {
                parsed.error = Some(format!(
                    "We could not parse the JSON body of your request: {e}. The API expects a \
                     JSON payload (content-type: application/json)."
                ))
            }
        }
    }
    parsed
}

/// The route family a path belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// `/v1/...` on api.openai.com.
    OpenAi,
    /// `/openai/v1/...`: Azure's v1 API (OpenAI-shaped, no `api-version`).
    AzureV1,
    /// `/openai/deployments/{deployment}/...` with `api-version`.
    AzureDeployment,
    /// `/openai/{assistants,threads,files,models,...}` with `api-version`.
    AzureResource,
}

impl Style {
    pub(crate) fn is_azure(self) -> bool {
        self != Self::OpenAi
    }

    /// Gateway-level errors on Azure's dated API use `{"error": {"code", "message"}}`.
    fn azure_gateway(self) -> bool {
        matches!(self, Self::AzureDeployment | Self::AzureResource)
    }
}

fn strip_segment<'a>(path: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = path.strip_prefix(prefix)?;
    (rest.is_empty() || rest.starts_with('/')).then_some(rest)
}

fn route(shared: &Shared, req: &Incoming_<'_>) -> ApiReply {
    if let Some(rest) = strip_segment(req.path, "/v1") {
        if let Some(name) = rest.strip_prefix("/mock-files/") {
            // Like a signed blob URL: no credentials needed.
            return shared.inference.file(req.method, name);
        }
        return dispatch(shared, req, Style::OpenAi, rest, None);
    }
    if let Some(rest) = strip_segment(req.path, "/openai/v1") {
        return dispatch(shared, req, Style::AzureV1, rest, None);
    }
    if let Some(rest) = strip_segment(req.path, "/openai") {
        if let Some(after) = rest.strip_prefix("/deployments/") {
            let (deployment, op) = after.split_once('/').unwrap_or((after, ""));
            let deployment = percent_decode(deployment);
            return dispatch(
                shared,
                req,
                Style::AzureDeployment,
                &format!("/{op}"),
                Some(&deployment),
            );
        }
        return dispatch(shared, req, Style::AzureResource, rest, None);
    }
    invalid_url(req.method, req.path)
}

fn dispatch(
    shared: &Shared,
    req: &Incoming_<'_>,
    style: Style,
    rest: &str,
    deployment: Option<&str>,
) -> ApiReply {
    if let Err(reply) = authenticate(shared, req, style) {
        return reply;
    }
    let api_version = req.query_value("api-version");
    if style.azure_gateway() && shared.config.require_api_version && api_version.is_none() {
        // What Azure OpenAI really answers when api-version is missing (not a 400).
        return azure_gateway_error(404, "404", "Resource not found");
    }
    let not_found = || {
        if style.azure_gateway() {
            azure_gateway_error(404, "404", "Resource not found")
        } else {
            invalid_url(req.method, req.path)
        }
    };
    if let Some(message) = &req.body.error {
        if req.method != "GET" && req.method != "HEAD" {
            return ApiReply::error(400, message.clone(), "invalid_request_error", None, None);
        }
    }
    let ctx = Ctx {
        shared,
        style,
        deployment,
        n: req.n,
        api_version,
        json: req.body.json.as_ref(),
        form: &req.body.form,
    };
    let op = rest.trim_end_matches('/');
    let deployment_scoped = matches!(
        op,
        "/chat/completions"
            | "/completions"
            | "/embeddings"
            | "/images/generations"
            | "/images/edits"
            | "/audio/transcriptions"
            | "/audio/translations"
            | "/audio/speech"
    );
    match style {
        Style::AzureDeployment if !deployment_scoped => return not_found(),
        Style::AzureResource if deployment_scoped => return not_found(),
        _ => {}
    }
    if style == Style::AzureResource {
        match (req.method, op) {
            ("POST", "/images/generations:submit") => {
                return inference::submit_image_operation(&ctx);
            }
            ("GET", _) if op.starts_with("/operations/images/") => {
                let id = &op["/operations/images/".len()..];
                return inference::poll_image_operation(&ctx, id);
            }
            _ => {}
        }
    }
    if let Some(reply) = inference::handle(&ctx, req.method, op) {
        return reply;
    }
    let query: Vec<(String, String)> = req
        .query
        .iter()
        .filter(|(k, _)| k != "api-version")
        .cloned()
        .collect();
    if let Some(reply) = shared.responses.handle(&ctx, req.method, op, &query) {
        return reply;
    }
    if let Some(reply) = shared.data.handle(&ctx, req.method, op, &query) {
        return reply;
    }
    let api = ApiRequest {
        method: req.method,
        path: op,
        query: &query,
        json: req.body.json.as_ref(),
        form: &req.body.form,
        azure: style.is_azure(),
    };
    shared.assistants.handle(&api).unwrap_or_else(not_found)
}

fn authenticate(shared: &Shared, req: &Incoming_<'_>, style: Style) -> Result<(), ApiReply> {
    let bearer = req
        .header("authorization")
        .and_then(|v| {
            let (scheme, token) = v.split_once(' ')?;
            scheme
                .eq_ignore_ascii_case("bearer")
                .then_some(token.trim())
        })
        .filter(|t| !t.is_empty());
    if style.is_azure() {
        let key = req
            .header("api-key")
            .map(str::trim)
            .filter(|k| !k.is_empty());
        let ok = match (key, &shared.config.azure_api_key) {
            (Some(key), Some(expected)) => key == expected,
            (Some(_), None) => true,
            (None, _) => bearer.is_some(),
        };
        if ok {
            return Ok(());
        }
        return Err(azure_gateway_error(
            401,
            "401",
            "Access denied due to invalid subscription key or wrong API endpoint. Make sure to \
             provide a valid key for an active subscription and use a correct regional API \
             endpoint for your resource.",
        ));
    }
    match (bearer, &shared.config.openai_api_key) {
        (Some(token), Some(expected)) if token != expected => Err(ApiReply::error(
            401,
            // Never echo the key, not even masked.
            "Incorrect API key provided. You can find your API key at \
             https://platform.openai.com/account/api-keys.",
            "invalid_request_error",
            None,
            Some("invalid_api_key"),
        )),
        (Some(_), _) => Ok(()),
        (None, _) => Err(ApiReply::error(
            401,
            "You didn't provide an API key. You need to provide your API key in an \
             Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
            "invalid_request_error",
            None,
            None,
        )),
    }
}

/// Azure's gateway errors (auth, unknown route): `code` is a string, no `type`/`param`.
pub(crate) fn azure_gateway_error(status: u16, code: &str, message: &str) -> ApiReply {
    ApiReply::Json {
        status,
        headers: Vec::new(),
        body: json!({"error": {"code": code, "message": message}}),
    }
}

fn invalid_url(method: &str, path: &str) -> ApiReply {
    ApiReply::error(
        404,
        format!("Invalid URL ({method} {path})"),
        "invalid_request_error",
        None,
        None,
    )
}

pub(crate) fn to_reply(reply: ApiReply) -> Reply {
    match reply {
        ApiReply::Json {
            status,
            headers,
            body,
        } => headers
            .into_iter()
            .fold(Reply::json(status, body), |r, (k, v)| r.header(k, v)),
        ApiReply::Bytes {
            status,
            content_type,
            body,
        } => Reply::bytes(status, &content_type, body),
        ApiReply::Sse { events } => Reply::sse_raw(events.into_iter().map(|(name, data)| {
            (
                Duration::ZERO,
                Bytes::from(encode_event(name.as_deref(), None, &data)),
            )
        })),
    }
}

async fn send(reply: Reply, n: u64, azure: bool) -> Result<Response<MockBody>, Dropped> {
    if !reply.delay.is_zero() {
        tokio::time::sleep(reply.delay).await;
    }
    let abort_after = match reply.fault {
        Some(Fault::CloseBeforeHeaders) => return Err(Dropped),
        Some(Fault::CloseAfterBytes(n)) => Some(n),
        None => None,
    };
    let mut response = Response::new(MockBody::empty());
    *response.status_mut() =
        http::StatusCode::from_u16(reply.status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    if let Some(ct) = &reply.content_type {
        insert(headers, "content-type", ct);
    }
    for (name, value) in &reply.headers {
        // A script with a header that HTTP cannot carry just loses that header.
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            headers.append(name, value);
        }
    }
    let request_id = format!("req_{n}");
    if !headers.contains_key("x-request-id") {
        insert(headers, "x-request-id", &request_id);
    }
    if azure && !headers.contains_key("apim-request-id") {
        insert(headers, "apim-request-id", &request_id);
    }
    let mut frames = reply.frames;
    if !reply.chunk_delay.is_zero() {
        for frame in frames.iter_mut().skip(1) {
            frame.0 += reply.chunk_delay;
        }
    }
    if abort_after.is_some() && frames.len() == 1 && !headers.contains_key("content-length") {
        // Announce the whole body so the client can tell it was cut short.
        let len = frames[0].1.len().to_string();
        insert(headers, "content-length", &len);
    }
    *response.body_mut() = MockBody::new(frames, abort_after);
    Ok(response)
}

fn insert(headers: &mut HeaderMap, name: &'static str, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        headers.insert(name, value);
    }
}

/// `a=1&b=x%20y+z` → `[("a", "1"), ("b", "x y z")]`.
pub(crate) fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (
                percent_decode(&k.replace('+', " ")),
                percent_decode(&v.replace('+', " ")),
            )
        })
        .collect()
}

pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_is_decoded() {
        assert_eq!(
            parse_query("api-version=2024-02-01&q=a%20b+c&flag&x=%zz&end=%4"),
            vec![
                ("api-version".to_owned(), "2024-02-01".to_owned()),
                ("q".to_owned(), "a b c".to_owned()),
                ("flag".to_owned(), String::new()),
                ("x".to_owned(), "%zz".to_owned()),
                ("end".to_owned(), "%4".to_owned()),
            ]
        );
        assert_eq!(percent_decode("my%2Fdeployment%C3%A9"), "my/deploymenté");
    }

    #[test]
    fn segment_prefixes_need_a_boundary() {
        assert_eq!(strip_segment("/v1/models", "/v1"), Some("/models"));
        assert_eq!(strip_segment("/v1", "/v1"), Some(""));
        assert_eq!(strip_segment("/v10/models", "/v1"), None);
    }
}
