//! What the mock remembers about each request it received: [`RecordedRequest`].
//!
//! Invariant: a secret never reaches a record. `authorization`, `proxy-authorization` and
//! `api-key` values are replaced by [`PRESENT`] before the record is stored, so a record can be
//! printed, snapshotted or logged freely. Which credential was sent survives only as a
//! [`Fingerprint`]: a 64-bit hash a test can compare with the key it expects.

use std::fmt;

use serde::Serialize;
use serde_json::Value;

use crate::api::FormField;
use crate::inference::fnv1a;

/// The value recorded in place of a credential header: the test can see that it was sent, never
/// what it was.
pub const PRESENT: &str = "<present>";

/// Headers whose values are credentials and are never stored.
const SECRET_HEADERS: [&str; 3] = ["authorization", "proxy-authorization", "api-key"];

/// One request as the mock received it, for assertions and snapshots.
///
/// Fields are public so tests can match on them; the struct is `#[non_exhaustive]` so new fields
/// can be added without breaking callers. Serializing it (e.g. with `insta`) gives a stable shape:
/// `query` and `headers` are sorted, and empty body views are omitted.
///
/// ```
/// # async fn demo(server: &openai_mock::MockServer) {
/// let sent = server.requests();
/// let last = sent.last().expect("one request");
/// assert_eq!(last.method, "POST");
/// assert_eq!(last.header("authorization"), Some("<present>"));
/// let model = last.json.as_ref().and_then(|body| body["model"].as_str());
/// # let _ = model;
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// Upper-case method, e.g. `"POST"`.
    pub method: String,
    /// The request path exactly as sent, without the query (`/v1/chat/completions`).
    pub path: String,
    /// Percent-decoded query pairs, sorted by name then value (`api-version` included).
    pub query: Vec<(String, String)>,
    /// Header names lower-cased, sorted by name; credential values replaced by `"<present>"`.
    pub headers: Vec<(String, String)>,
    /// The body parsed as JSON, when it was valid JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub json: Option<Value>,
    /// The parts of a `multipart/form-data` body, in the order they were sent.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<RecordedPart>,
    /// The body as (lossy UTF-8) text when it was neither JSON nor multipart and not empty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(skip)]
    body_len: usize,
    /// Left out of the serialized form so snapshots of records stay as they were.
    #[serde(skip)]
    auth: RecordedAuth,
}

/// A non-reversible stand-in for a credential: what a recorded request keeps of its key or
/// token.
///
/// It is a 64-bit FNV-1a hash of the credential; `Display` and `Debug` show its first 8 hex
/// digits. Compare it with [`Fingerprint::of`] the key you expect, or use
/// [`RecordedRequest::auth_matches`]. It tells test keys apart; it is not a password hash.
///
/// ```
/// use openai_mock::Fingerprint;
///
/// let fp = Fingerprint::of("sk-test");
/// assert!(fp.matches("sk-test"));
/// assert!(!fp.matches("sk-other"));
/// assert_eq!(fp.to_string().len(), 8);
/// assert!(!format!("{fp:?}").contains("sk-test"));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint(u64);

impl Fingerprint {
    /// The fingerprint of `secret` (the key or token itself, without `Bearer `).
    pub fn of(secret: &str) -> Self {
        Self(fnv1a(secret.as_bytes()))
    }

    /// Whether this is the fingerprint of `secret`.
    pub fn matches(&self, secret: &str) -> bool {
        *self == Self::of(secret)
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:08x}", self.0 >> 32)
    }
}

impl fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Fingerprint({self})")
    }
}

/// The credential a recorded request carried, as a [`Fingerprint`]: returned by
/// [`RecordedRequest::auth`].
///
/// An `api-key` header wins over `Authorization` when a request sent both, as on Azure.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> std::io::Result<()> {
/// # use tokio::io::{AsyncReadExt, AsyncWriteExt};
/// let server = openai_mock::MockServer::start().await;
/// // … the code under test calls the server with `Authorization: Bearer sk-test` …
/// # let mut tcp = tokio::net::TcpStream::connect(server.addr()).await?;
/// # tcp.write_all(b"GET /v1/models HTTP/1.1\r\nhost: x\r\nauthorization: Bearer sk-test\r\nconnection: close\r\n\r\n").await?;
/// # tcp.read_to_end(&mut Vec::new()).await?;
/// use openai_mock::RecordedAuth;
///
/// let last = server.requests().pop().expect("one request");
/// match last.auth() {
///     RecordedAuth::Bearer(fp) => assert!(fp.matches("sk-test")),
///     RecordedAuth::ApiKey(fp) => println!("Azure key {fp}"),
///     other => assert_eq!(other, RecordedAuth::None),
/// }
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RecordedAuth {
    /// No credential header.
    #[default]
    None,
    /// `Authorization: Bearer <token>` (an OpenAI key or an Entra token): the token's
    /// fingerprint.
    Bearer(Fingerprint),
    /// `api-key: <key>` (Azure): the key's fingerprint.
    ApiKey(Fingerprint),
    /// An `Authorization` header with another scheme: the whole value's fingerprint.
    Other(Fingerprint),
}

impl RecordedAuth {
    /// Reads the credential headers of a request.
    fn from_headers(headers: &http::HeaderMap) -> Self {
        let text = |name: &str| {
            headers
                .get(name)
                .map(|v| String::from_utf8_lossy(v.as_bytes()).trim().to_owned())
        };
        if let Some(key) = text("api-key") {
            return Self::ApiKey(Fingerprint::of(&key));
        }
        let Some(value) = text("authorization") else {
            return Self::None;
        };
        match value.split_once(' ') {
            Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") => {
                Self::Bearer(Fingerprint::of(token.trim()))
            }
            _ => Self::Other(Fingerprint::of(&value)),
        }
    }

    /// The credential's fingerprint; `None` when there was none.
    pub fn fingerprint(&self) -> Option<Fingerprint> {
        match self {
            Self::None => None,
            Self::Bearer(fp) | Self::ApiKey(fp) | Self::Other(fp) => Some(*fp),
        }
    }
}

/// One part of a recorded `multipart/form-data` body.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct RecordedPart {
    /// The part's form field name.
    pub name: String,
    /// The file name, for file parts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    /// The part's own `Content-Type`, when it had one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// The part's length in bytes.
    pub size: usize,
    /// The part's value as text, for text (non-file) parts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl RecordedRequest {
    pub(crate) fn new(
        method: &str,
        path: &str,
        query: &[(String, String)],
        headers: &http::HeaderMap,
        body: &[u8],
        json: Option<Value>,
        form: &[FormField],
    ) -> Self {
        let mut query = query.to_vec();
        query.sort();
        let mut recorded_headers: Vec<(String, String)> = headers
            .iter()
            .map(|(name, value)| {
                let name = name.as_str().to_ascii_lowercase();
                let value = if SECRET_HEADERS.contains(&name.as_str()) {
                    PRESENT.to_owned()
                } else {
                    String::from_utf8_lossy(value.as_bytes()).into_owned()
                };
                (name, value)
            })
            .collect();
        // Stable by name only: repeated headers keep the order they were sent in.
        recorded_headers.sort_by(|a, b| a.0.cmp(&b.0));
        let parts: Vec<RecordedPart> = form
            .iter()
            .map(|field| RecordedPart {
                name: field.name.clone(),
                filename: field.filename.clone(),
                content_type: field.content_type.clone(),
                size: field.data.len(),
                text: field.filename.is_none().then(|| field.text()),
            })
            .collect();
        let text = (json.is_none() && parts.is_empty() && !body.is_empty())
            .then(|| String::from_utf8_lossy(body).into_owned());
        Self {
            method: method.to_owned(),
            path: path.to_owned(),
            query,
            headers: recorded_headers,
            json,
            parts,
            text,
            body_len: body.len(),
            auth: RecordedAuth::from_headers(headers),
        }
    }

    /// The credential the request carried, as a fingerprint (never the secret).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// # use tokio::io::{AsyncReadExt, AsyncWriteExt};
    /// let server = openai_mock::MockServer::start().await;
    /// // … the code under test calls the server with `Authorization: Bearer sk-test` …
    /// # let mut tcp = tokio::net::TcpStream::connect(server.addr()).await?;
    /// # tcp.write_all(b"GET /v1/models HTTP/1.1\r\nhost: x\r\nauthorization: Bearer sk-test\r\nconnection: close\r\n\r\n").await?;
    /// # tcp.read_to_end(&mut Vec::new()).await?;
    /// use openai_mock::{Fingerprint, RecordedAuth};
    ///
    /// let last = server.requests().pop().expect("one request");
    /// assert_eq!(last.auth(), RecordedAuth::Bearer(Fingerprint::of("sk-test")));
    /// # Ok(()) }
    /// ```
    pub fn auth(&self) -> RecordedAuth {
        self.auth
    }

    /// Whether the request's credential (the bearer token, the `api-key` value, or another
    /// `Authorization` value whole) was `secret`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// # use tokio::io::{AsyncReadExt, AsyncWriteExt};
    /// let server = openai_mock::MockServer::start().await;
    /// // … the code under test calls the server with `Authorization: Bearer sk-test` …
    /// # let mut tcp = tokio::net::TcpStream::connect(server.addr()).await?;
    /// # tcp.write_all(b"GET /v1/models HTTP/1.1\r\nhost: x\r\nauthorization: Bearer sk-test\r\nconnection: close\r\n\r\n").await?;
    /// # tcp.read_to_end(&mut Vec::new()).await?;
    /// let last = server.requests().pop().expect("one request");
    /// assert!(last.auth_matches("sk-test"));
    /// assert!(!last.auth_matches("sk-someone-else"));
    /// # Ok(()) }
    /// ```
    pub fn auth_matches(&self, secret: &str) -> bool {
        self.auth.fingerprint().is_some_and(|fp| fp.matches(secret))
    }

    /// The body's length in bytes as received.
    pub fn body_bytes(&self) -> usize {
        self.body_len
    }

    /// The first value of header `name` (case-insensitive). Credentials read as `"<present>"`.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The first value of query parameter `name`.
    pub fn query_value(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The multipart part named `name`.
    pub fn part(&self, name: &str) -> Option<&RecordedPart> {
        self.parts.iter().find(|p| p.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;

    #[test]
    fn secrets_are_replaced_and_headers_sorted() {
        let mut headers = http::HeaderMap::new();
        headers.insert("x-b", "2".parse().unwrap());
        headers.insert("Authorization", "Bearer sk-canary-123".parse().unwrap());
        headers.insert("api-key", "azure-canary".parse().unwrap());
        headers.insert("a-first", "1".parse().unwrap());
        let rec = RecordedRequest::new(
            "POST",
            "/v1/x",
            &[("b".into(), "2".into()), ("a".into(), "1".into())],
            &headers,
            b"{}",
            Some(serde_json::json!({})),
            &[],
        );
        let printed = format!(
            "{rec:?} {rec:#?} {} {:?} {}",
            serde_json::to_string(&rec).unwrap(),
            rec.auth(),
            rec.auth().fingerprint().unwrap()
        );
        assert!(!printed.contains("canary"), "{printed}");
        assert_eq!(rec.header("AUTHORIZATION"), Some(PRESENT));
        assert_eq!(rec.header("api-key"), Some(PRESENT));
        let names: Vec<&str> = rec.headers.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, ["a-first", "api-key", "authorization", "x-b"]);
        assert_eq!(rec.query[0].0, "a");
        assert_eq!(rec.body_bytes(), 2);
    }

    fn record_with(headers: &[(&str, &str)]) -> RecordedRequest {
        let mut map = http::HeaderMap::new();
        for (name, value) in headers {
            map.append(
                http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                value.parse().unwrap(),
            );
        }
        RecordedRequest::new("GET", "/v1/models", &[], &map, b"", None, &[])
    }

    #[test]
    fn auth_fingerprints_name_the_credential_without_keeping_it() {
        let bearer = record_with(&[("authorization", "Bearer sk-canary-1")]);
        assert_eq!(
            bearer.auth(),
            RecordedAuth::Bearer(Fingerprint::of("sk-canary-1"))
        );
        assert!(bearer.auth_matches("sk-canary-1"));
        assert!(!bearer.auth_matches("sk-canary-2"));
        assert!(!bearer.auth_matches("Bearer sk-canary-1"));

        let lower = record_with(&[("authorization", "bearer  sk-canary-1 ")]);
        assert!(lower.auth_matches("sk-canary-1"));

        let azure = record_with(&[("api-key", "azure-canary"), ("authorization", "Bearer t")]);
        assert_eq!(
            azure.auth(),
            RecordedAuth::ApiKey(Fingerprint::of("azure-canary"))
        );
        assert!(azure.auth_matches("azure-canary"));

        let basic = record_with(&[("authorization", "Basic dXNlcg==")]);
        assert_eq!(
            basic.auth(),
            RecordedAuth::Other(Fingerprint::of("Basic dXNlcg=="))
        );

        let none = record_with(&[]);
        assert_eq!(none.auth(), RecordedAuth::None);
        assert_eq!(none.auth().fingerprint(), None);
        assert!(!none.auth_matches(""));
    }

    #[test]
    fn fingerprints_print_eight_hex_digits_of_the_hash() {
        let fp = Fingerprint::of("sk-canary-1");
        let shown = fp.to_string();
        assert_eq!(shown.len(), 8);
        assert!(shown.chars().all(|c| c.is_ascii_hexdigit()), "{shown}");
        assert_eq!(format!("{fp:?}"), format!("Fingerprint({shown})"));
        assert_ne!(Fingerprint::of("sk-canary-2"), fp);
    }

    #[test]
    fn multipart_parts_are_summarised() {
        let form = [
            FormField {
                name: "purpose".into(),
                filename: None,
                content_type: None,
                data: Bytes::from_static(b"assistants"),
            },
            FormField {
                name: "file".into(),
                filename: Some("a.jsonl".into()),
                content_type: Some("application/jsonl".into()),
                data: Bytes::from_static(b"{}\n{}\n"),
            },
        ];
        let rec = RecordedRequest::new(
            "POST",
            "/v1/files",
            &[],
            &http::HeaderMap::new(),
            b"--x--",
            None,
            &form,
        );
        assert_eq!(rec.text, None);
        assert_eq!(
            rec.part("purpose").unwrap().text.as_deref(),
            Some("assistants")
        );
        let file = rec.part("file").unwrap();
        assert_eq!((file.size, file.text.as_deref()), (6, None));
    }
}
