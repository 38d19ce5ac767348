//! The in-process interface between the HTTP front of the mock (`server`) and the route
//! handlers that hold state (`assistants`, files).
//!
//! The front parses the HTTP request (auth, api-version, JSON or multipart body), strips the
//! service prefix (`/v1` for OpenAI style, `/openai` for Azure style) and hands an [`ApiRequest`]
//! to the handlers; a handler answers with an [`ApiReply`] that the front turns into HTTP.
//! Keeping this boundary free of hyper types lets the stateful handlers be unit-tested directly.

use bytes::Bytes;
use serde_json::{Value, json};

/// One parsed request, as a route handler sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ApiRequest<'a> {
    /// Upper-case HTTP method, e.g. `"POST"`.
    pub(crate) method: &'a str,
    /// Route path without the service prefix: `/assistants/asst_1`, `/threads/t/runs`.
    pub(crate) path: &'a str,
    /// Decoded query pairs in request order (`api-version` already removed).
    pub(crate) query: &'a [(String, String)],
    /// The JSON body, when the request had one.
    pub(crate) json: Option<&'a Value>,
    /// Multipart form fields, when the request was `multipart/form-data`.
    pub(crate) form: &'a [FormField],
    /// True when the request came in on an Azure-style route.
    pub(crate) azure: bool,
}

impl ApiRequest<'_> {
    /// The first query value named `name`.
    pub(crate) fn query_value(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The multipart field named `name`.
    pub(crate) fn form_field(&self, name: &str) -> Option<&FormField> {
        self.form.iter().find(|f| f.name == name)
    }
}

/// One field of a `multipart/form-data` body.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FormField {
    /// The part's `name`.
    pub(crate) name: String,
    /// The part's `filename`, for file parts.
    pub(crate) filename: Option<String>,
    /// The part's own `Content-Type`, if it had one.
    pub(crate) content_type: Option<String>,
    /// The part's bytes.
    pub(crate) data: Bytes,
}

impl FormField {
    /// The part as UTF-8 text (lossy), for text fields.
    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.data).into_owned()
    }
}

/// A handler's answer, before it becomes HTTP.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ApiReply {
    /// A JSON body with a status and extra headers.
    Json {
        status: u16,
        headers: Vec<(String, String)>,
        body: Value,
    },
    /// Raw bytes (file content).
    Bytes {
        status: u16,
        content_type: String,
        body: Bytes,
    },
    /// A `text/event-stream` body: `(event name, data)` pairs written as
    /// `event: <name>\ndata: <data>\n\n` (no `event:` line when the name is `None`).
    Sse {
        events: Vec<(Option<String>, String)>,
    },
}

impl ApiReply {
    /// `200 OK` with a JSON body.
    pub(crate) fn ok(body: Value) -> Self {
        Self::Json {
            status: 200,
            headers: Vec::new(),
            body,
        }
    }

    /// An error in the service's shape: `{"error": {message, type, param, code}}`.
    pub(crate) fn error(
        status: u16,
        message: impl Into<String>,
        kind: &str,
        param: Option<&str>,
        code: Option<&str>,
    ) -> Self {
        Self::Json {
            status,
            headers: Vec::new(),
            body: json!({
                "error": {
                    "message": message.into(),
                    "type": kind,
                    "param": param,
                    "code": code,
                }
            }),
        }
    }

    /// `404` for an unknown object id, worded like the service.
    pub(crate) fn not_found(object: &str, id: &str) -> Self {
        Self::error(
            404,
            format!("No {object} found with id '{id}'."),
            "invalid_request_error",
            None,
            None,
        )
    }

    /// `400` for a missing or invalid parameter.
    pub(crate) fn invalid(param: &str, message: impl Into<String>) -> Self {
        Self::error(400, message, "invalid_request_error", Some(param), None)
    }

    /// Adds a header to a JSON reply (no-op for other kinds).
    pub(crate) fn with_header(mut self, name: &str, value: impl Into<String>) -> Self {
        if let Self::Json { headers, .. } = &mut self {
            headers.push((name.to_owned(), value.into()));
        }
        self
    }
}
