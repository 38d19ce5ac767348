//! Credentials and the auth layer (per attempt, inside the retry layer).
//!
//! [`Credential`] says how a client authenticates: an OpenAI key (`Authorization: Bearer`), an
//! Azure key (`api-key`, never also Bearer), an Entra ID [`TokenCredential`] (Bearer, cached),
//! or nothing. [`KeyCredential`] holds a key that can be rotated while the client runs.
//!
//! The layer adds the credential to each attempt, only when the request goes to the endpoint's
//! origin (scheme + host + port; octocrab's rule), with the header marked sensitive. It runs
//! per attempt because tokens expire between retries and a 401 must force a new token
//!. Redirects are never followed by this client: a 3xx reaches the
//! caller as an API error, so a credential can never be replayed to another origin.

#[cfg(feature = "azure-identity")]
pub(crate) mod azure;
pub(crate) mod token;

use std::fmt;
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll};

use http::{HeaderName, HeaderValue, Request, Response, StatusCode};
use tower::{Service, ServiceExt};

use crate::body::{RequestBody, ResponseBody};
use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::layers::BoxFuture;
use crate::secret::Secret;
use token::{TokenCache, TokenCredential, cae_claims};

const API_KEY: HeaderName = HeaderName::from_static("api-key");
/// The origin of OpenAI's own API, where only OpenAI keys are valid.
const OPENAI_ORIGIN: &str = "https://api.openai.com";
const ORGANIZATION: HeaderName = HeaderName::from_static("openai-organization");
const PROJECT: HeaderName = HeaderName::from_static("openai-project");

/// An API key that can be replaced at runtime without rebuilding the client.
///
/// Clones share the value: keep one clone, hand another to the client, and call
/// [`KeyCredential::update`] when the key rotates. The next attempt uses the new key.
///
/// ```
/// use core_http::{Credential, KeyCredential, Secret};
/// let key = KeyCredential::new(Secret::new("sk-old"));
/// let credential = Credential::openai_key(key.clone());
/// key.update(Secret::new("sk-new"))?;
/// # let _ = credential;
/// # Ok::<(), core_http::Error>(())
/// ```
#[derive(Clone)]
pub struct KeyCredential {
    inner: Arc<RwLock<KeyState>>,
}

struct KeyState {
    /// `Bearer <key>`, sensitive; `None` when the key is not a valid header value.
    bearer: Option<HeaderValue>,
    /// `<key>`, sensitive.
    plain: Option<HeaderValue>,
    empty: bool,
}

impl KeyState {
    fn new(secret: &Secret) -> Self {
        let value = secret.expose();
        let sensitive = |s: &str| {
            HeaderValue::from_str(s).ok().map(|mut v| {
                v.set_sensitive(true);
                v
            })
        };
        KeyState {
            bearer: sensitive(&format!("Bearer {value}")),
            plain: sensitive(value),
            empty: value.trim().is_empty(),
        }
    }

    fn check(&self) -> Result<(), Error> {
        if self.empty {
            return Err(Error::invalid_request("the API key is empty"));
        }
        if self.plain.is_none() {
            return Err(Error::invalid_request(
                "the API key contains characters not allowed in a header (e.g. a newline)",
            ));
        }
        Ok(())
    }
}

impl KeyCredential {
    /// A key credential with this initial value.
    pub fn new(secret: impl Into<Secret>) -> Self {
        KeyCredential {
            inner: Arc::new(RwLock::new(KeyState::new(&secret.into()))),
        }
    }

    /// Replaces the key for every clone. Rejects an empty key or one with a newline, keeping
    /// the old value.
    pub fn update(&self, secret: impl Into<Secret>) -> Result<(), Error> {
        let state = KeyState::new(&secret.into());
        state.check()?;
        *self.inner.write().unwrap_or_else(|p| p.into_inner()) = state;
        Ok(())
    }

    fn check(&self) -> Result<(), Error> {
        self.inner.read().unwrap_or_else(|p| p.into_inner()).check()
    }

    /// Whether the key has the shape of an OpenAI secret key (`sk-…`), which no Azure
    /// resource accepts.
    fn is_openai_secret_key(&self) -> bool {
        self.plain_starts_with(b"sk-")
    }

    /// Whether the "key" is really a JWT (an Entra token, `eyJ…` with two dots), which Azure
    /// takes only as a Bearer token.
    fn is_jwt(&self) -> bool {
        let state = self.inner.read().unwrap_or_else(|p| p.into_inner());
        state.plain.as_ref().is_some_and(|v| {
            v.as_bytes().starts_with(b"eyJ")
                && v.as_bytes().iter().filter(|&&b| b == b'.').count() == 2
        })
    }

    fn plain_starts_with(&self, prefix: &[u8]) -> bool {
        let state = self.inner.read().unwrap_or_else(|p| p.into_inner());
        state
            .plain
            .as_ref()
            .is_some_and(|v| v.as_bytes().starts_with(prefix))
    }

    fn header(&self, bearer: bool) -> Result<HeaderValue, Error> {
        let state = self.inner.read().unwrap_or_else(|p| p.into_inner());
        state.check()?;
        let value = if bearer { &state.bearer } else { &state.plain };
        value
            .clone()
            .ok_or_else(|| Error::credential("the API key is not a valid header value"))
    }
}

impl fmt::Debug for KeyCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("KeyCredential(***)")
    }
}

impl From<Secret> for KeyCredential {
    fn from(s: Secret) -> Self {
        Self::new(s)
    }
}

impl From<String> for KeyCredential {
    fn from(s: String) -> Self {
        Self::new(s)
    }
}

impl From<&str> for KeyCredential {
    fn from(s: &str) -> Self {
        Self::new(s)
    }
}

/// How a client authenticates.
///
/// `organization` and `project` add the `OpenAI-Organization` / `OpenAI-Project` headers
/// to whichever credential they are set on; they are sent, like the
/// credential itself, only to the endpoint's origin.
///
/// ```
/// use std::sync::Arc;
/// use core_http::{Credential, Secret, StaticTokenCredential};
/// let openai = Credential::openai_key(Secret::new("sk-...")).organization("org-1");
/// let azure_key = Credential::azure_key(Secret::new("0123abcd"));
/// let entra = Credential::token(Arc::new(StaticTokenCredential::new("eyJ...")));
/// # let _ = (openai, azure_key, entra);
/// ```
#[derive(Clone, Default)]
pub struct Credential {
    kind: Kind,
    organization: Option<String>,
    project: Option<String>,
    scopes: Option<Vec<String>>,
}

#[derive(Clone, Default)]
enum Kind {
    #[default]
    None,
    OpenAiKey(KeyCredential),
    AzureKey(KeyCredential),
    Token(Arc<dyn TokenCredential>),
}

impl Credential {
    /// No credential (a local server, or auth added by your own tower layer).
    pub fn none() -> Self {
        Self::default()
    }

    /// An OpenAI API key, sent as `Authorization: Bearer <key>`.
    ///
    /// On an Azure endpoint a key given this way is sent the way Azure expects it, as
    /// `api-key` (it is the resource's key: Azure accepts no other), unless it is an Entra
    /// token (a JWT, `eyJ…`), which stays Bearer; an OpenAI secret key (`sk-…`) there is
    /// refused when the client is built, since Azure would answer 401.
    pub fn openai_key(key: impl Into<KeyCredential>) -> Self {
        Credential {
            kind: Kind::OpenAiKey(key.into()),
            ..Self::default()
        }
    }

    /// An Azure OpenAI key, sent as `api-key: <key>` and never as `Authorization`.
    ///
    /// Refused, when the client is built, for `https://api.openai.com`, which takes only
    /// OpenAI keys as Bearer tokens. Other OpenAI-style base URLs (a gateway) accept it.
    pub fn azure_key(key: impl Into<KeyCredential>) -> Self {
        Credential {
            kind: Kind::AzureKey(key.into()),
            ..Self::default()
        }
    }

    /// An Entra ID token credential, sent as `Authorization: Bearer <token>`, cached and
    /// refreshed ahead of expiry. The scope defaults to the endpoint's
    /// ([`Endpoint::default_token_scope`]); see [`Credential::scope`].
    pub fn token(credential: Arc<dyn TokenCredential>) -> Self {
        Credential {
            kind: Kind::Token(credential),
            ..Self::default()
        }
    }

    /// Sets `OpenAI-Organization`.
    pub fn organization(mut self, organization: impl Into<String>) -> Self {
        self.organization = Some(organization.into());
        self
    }

    /// Sets `OpenAI-Project`.
    pub fn project(mut self, project: impl Into<String>) -> Self {
        self.project = Some(project.into());
        self
    }

    /// Replaces the token scopes (token credentials only).
    pub fn scope(mut self, scope: impl Into<String>) -> Self {
        self.scopes = Some(vec![scope.into()]);
        self
    }

    /// A short name of the credential kind, for diagnostics.
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            Kind::None => "none",
            Kind::OpenAiKey(_) => "openai-key",
            Kind::AzureKey(_) => "azure-key",
            Kind::Token(_) => "token",
        }
    }

    /// Checks the credential and binds it to the endpoint (token scope, origin).
    pub(crate) fn resolve(&self, endpoint: &Endpoint) -> Result<Arc<Authenticator>, Error> {
        let kind = match &self.kind {
            Kind::None => Resolved::None,
            Kind::OpenAiKey(k) => {
                k.check()?;
                if endpoint.is_azure() && k.is_openai_secret_key() {
                    return Err(Error::invalid_request(format!(
                        "an OpenAI secret key (sk-…) is configured for the Azure endpoint {}: \
                         Azure OpenAI takes the resource's key (`azure_api_key`, \
                         AZURE_OPENAI_API_KEY) or a Microsoft Entra token",
                        endpoint.origin()
                    )));
                }
                // On Azure the key is the resource's key: send it where Azure reads it. An
                // Entra token passed as a key (as the OpenAI SDKs' v1 samples do) stays Bearer.
                Resolved::Key(k.clone(), !endpoint.is_azure() || k.is_jwt())
            }
            Kind::AzureKey(k) => {
                k.check()?;
                if endpoint.origin() == OPENAI_ORIGIN {
                    return Err(Error::invalid_request(
                        "an Azure API key (`azure_api_key`, AZURE_OPENAI_API_KEY) is configured \
                         for https://api.openai.com, which takes an OpenAI key as a Bearer \
                         token: use `api_key` (OPENAI_API_KEY) there, or point the client at \
                         your Azure resource (`azure_endpoint`, AZURE_OPENAI_ENDPOINT)",
                    ));
                }
                Resolved::Key(k.clone(), false)
            }
            Kind::Token(cred) => {
                let scopes = self
                    .scopes
                    .clone()
                    .unwrap_or_else(|| vec![endpoint.default_token_scope().to_owned()]);
                Resolved::Token(Arc::new(TokenCache::new(cred.clone(), scopes)))
            }
        };
        let header = |name: &str, v: &Option<String>| -> Result<Option<HeaderValue>, Error> {
            v.as_deref()
                .map(|v| {
                    HeaderValue::from_str(v).map_err(|_| {
                        Error::invalid_request(format!("the {name} is not a valid header value"))
                    })
                })
                .transpose()
        };
        Ok(Arc::new(Authenticator {
            kind,
            organization: header("organization", &self.organization)?,
            project: header("project", &self.project)?,
            origin: endpoint.origin().to_owned(),
        }))
    }
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Credential");
        d.field("kind", &self.kind_name());
        if let Kind::Token(c) = &self.kind {
            d.field("credential", c);
        }
        d.field("organization", &self.organization)
            .field("project", &self.project)
            .field("scopes", &self.scopes)
            .finish()
    }
}

enum Resolved {
    None,
    /// The key and whether it is sent as Bearer (OpenAI) or `api-key` (Azure).
    Key(KeyCredential, bool),
    Token(Arc<TokenCache>),
}

/// A credential bound to the endpoint origin; shared by every attempt.
pub(crate) struct Authenticator {
    kind: Resolved,
    organization: Option<HeaderValue>,
    project: Option<HeaderValue>,
    origin: String,
}

impl Authenticator {
    fn same_origin(&self, uri: &http::Uri) -> bool {
        let (Some(scheme), Some(authority)) = (uri.scheme_str(), uri.authority()) else {
            return false;
        };
        let origin = self.origin.as_str();
        let authority = authority.as_str();
        origin.len() == scheme.len() + 3 + authority.len()
            && origin[..scheme.len()].eq_ignore_ascii_case(scheme)
            && &origin[scheme.len()..scheme.len() + 3] == "://"
            && origin[scheme.len() + 3..].eq_ignore_ascii_case(authority)
    }
}

#[derive(Clone)]
pub(crate) struct Auth<S> {
    inner: S,
    auth: Arc<Authenticator>,
}

impl<S> Auth<S> {
    pub(crate) fn new(inner: S, auth: Arc<Authenticator>) -> Self {
        Auth { inner, auth }
    }
}

fn insert_if_absent(req: &mut Request<RequestBody>, name: HeaderName, value: &HeaderValue) {
    if !req.headers().contains_key(&name) {
        req.headers_mut().insert(name, value.clone());
    }
}

impl<S> Service<Request<RequestBody>> for Auth<S>
where
    S: Service<Request<RequestBody>, Response = Response<ResponseBody>, Error = Error>
        + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
{
    type Response = Response<ResponseBody>;
    type Error = Error;
    type Future = BoxFuture<Result<Response<ResponseBody>, Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: Request<RequestBody>) -> Self::Future {
        // Keys (and no credential) need nothing asynchronous: decorate the request and call
        // the ready inner service right away, with no clone of the stack below and no extra
        // async state. Only token credentials, which may fetch a token first, take the
        // clone-and-await path.
        let auth = &self.auth;
        if !auth.same_origin(req.uri()) {
            // Another origin: no credential, no organization, nothing.
            return Box::pin(self.inner.call(req));
        }
        if let Some(org) = &auth.organization {
            insert_if_absent(&mut req, ORGANIZATION, org);
        }
        if let Some(project) = &auth.project {
            insert_if_absent(&mut req, PROJECT, project);
        }
        match &auth.kind {
            Resolved::None => return Box::pin(self.inner.call(req)),
            Resolved::Key(key, bearer) => {
                let name = if *bearer {
                    http::header::AUTHORIZATION
                } else {
                    API_KEY
                };
                if !req.headers().contains_key(&name) {
                    match key.header(*bearer) {
                        Ok(value) => {
                            req.headers_mut().insert(name, value);
                        }
                        Err(err) => return Box::pin(std::future::ready(Err(err))),
                    }
                }
                return Box::pin(self.inner.call(req));
            }
            Resolved::Token(_) => {}
        }
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let auth = self.auth.clone();
        Box::pin(async move {
            match &auth.kind {
                Resolved::None | Resolved::Key(..) => inner.call(req).await,
                Resolved::Token(cache) => {
                    if req.headers().contains_key(http::header::AUTHORIZATION) {
                        return inner.call(req).await; // the caller chose a token for this call
                    }
                    let (value, generation) = cache.get().await?;
                    req.headers_mut().insert(http::header::AUTHORIZATION, value);
                    // Kept only for a CAE re-send; cheap (Bytes bodies are ref-counted).
                    let replay = crate::layers::retry::clone_request(&req);
                    let resp = inner.call(req).await?;
                    if resp.status() != StatusCode::UNAUTHORIZED {
                        return Ok(resp);
                    }
                    // Drop the rejected token; re-send once for a CAE
                    // claims challenge, otherwise return the 401.
                    cache.invalidate(generation);
                    let claims = resp
                        .headers()
                        .get(http::header::WWW_AUTHENTICATE)
                        .and_then(|v| v.to_str().ok())
                        .and_then(cae_claims);
                    let (Some(claims), Some(mut again)) = (claims, replay) else {
                        return Ok(resp);
                    };
                    drop(resp);
                    let (value, _) = cache.get_with_claims(&claims).await?;
                    again
                        .headers_mut()
                        .insert(http::header::AUTHORIZATION, value);
                    tracing::debug!("re-sending once with a token for the CAE claims challenge");
                    ServiceExt::<Request<RequestBody>>::ready(&mut inner)
                        .await?
                        .call(again)
                        .await
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_credential_validation_and_rotation() {
        let key = KeyCredential::new("sk-1");
        assert_eq!(key.header(true).unwrap(), "Bearer sk-1");
        assert!(key.header(false).unwrap().is_sensitive());
        assert!(key.update("").is_err());
        assert!(key.update("sk-2\n").is_err());
        assert_eq!(
            key.header(false).unwrap(),
            "sk-1",
            "bad updates keep the old key"
        );
        key.clone().update("sk-2").unwrap();
        assert_eq!(key.header(false).unwrap(), "sk-2");
        assert_eq!(format!("{key:?}"), "KeyCredential(***)");
        assert!(KeyCredential::new("").check().is_err());
    }

    /// A request to another origin gets no credential and
    /// no organization header, even from the auth layer itself.
    #[tokio::test]
    async fn no_credential_to_another_origin() {
        use crate::test_util::{MockResponse, MockTransport};
        let mock = MockTransport::new();
        mock.fallback(MockResponse::new(200));
        let endpoint = Endpoint::openai("https://api.openai.com/v1").unwrap();
        let auth = Credential::openai_key("sk-1")
            .organization("org-1")
            .resolve(&endpoint)
            .unwrap();
        let mut svc = Auth::new(mock.clone(), auth);
        for uri in [
            "https://api.openai.com/v1/models",
            "https://files.example.com/v1/models",
            "http://api.openai.com/v1/models",
            "https://api.openai.com:8443/v1/models",
        ] {
            let mut req = Request::new(RequestBody::Empty);
            *req.uri_mut() = uri.parse().unwrap();
            ServiceExt::<Request<RequestBody>>::ready(&mut svc)
                .await
                .unwrap()
                .call(req)
                .await
                .unwrap();
        }
        let sent = mock.requests();
        assert_eq!(sent[0].header("authorization"), Some("Bearer sk-1"));
        assert_eq!(sent[0].header("openai-organization"), Some("org-1"));
        for other in &sent[1..] {
            assert!(other.header("authorization").is_none(), "{}", other.uri);
            assert!(other.header("openai-organization").is_none());
        }
    }

    /// A key meant for the other service: an Azure-style key given as an OpenAI key goes out
    /// as `api-key` on Azure; an `sk-` key on Azure and an Azure key on api.openai.com are
    /// refused naming the fix.
    #[tokio::test]
    async fn keys_for_the_other_service() {
        use crate::test_util::{MockResponse, MockTransport};
        let azure = Endpoint::azure_v1("https://r.openai.azure.com").unwrap();
        let mock = MockTransport::new();
        mock.fallback(MockResponse::new(200));
        let auth = Credential::openai_key("0123abcd").resolve(&azure).unwrap();
        let mut svc = Auth::new(mock.clone(), auth);
        let mut req = Request::new(RequestBody::Empty);
        *req.uri_mut() = "https://r.openai.azure.com/openai/v1/models"
            .parse()
            .unwrap();
        ServiceExt::<Request<RequestBody>>::ready(&mut svc)
            .await
            .unwrap()
            .call(req)
            .await
            .unwrap();
        let sent = &mock.requests()[0];
        assert_eq!(sent.header("api-key"), Some("0123abcd"));
        assert_eq!(sent.header("authorization"), None);

        let err = |c: Credential, e: &Endpoint| c.resolve(e).err().unwrap().to_string();
        assert_eq!(
            err(Credential::openai_key("sk-proj-abc"), &azure),
            "invalid request: an OpenAI secret key (sk-…) is configured for the Azure endpoint \
             https://r.openai.azure.com: Azure OpenAI takes the resource's key (`azure_api_key`, \
             AZURE_OPENAI_API_KEY) or a Microsoft Entra token"
        );
        assert_eq!(
            err(Credential::azure_key("0123abcd"), &Endpoint::default()),
            "invalid request: an Azure API key (`azure_api_key`, AZURE_OPENAI_API_KEY) is \
             configured for https://api.openai.com, which takes an OpenAI key as a Bearer \
             token: use `api_key` (OPENAI_API_KEY) there, or point the client at your Azure \
             resource (`azure_endpoint`, AZURE_OPENAI_ENDPOINT)"
        );
        // A gateway with an OpenAI-style base URL may want `api-key`: allowed.
        let gateway = Endpoint::openai("https://gw.example.com/v1").unwrap();
        Credential::azure_key("0123abcd").resolve(&gateway).unwrap();
        // An Entra token given as a key stays Bearer on Azure.
        assert!(matches!(
            Credential::openai_key("eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2ln")
                .resolve(&azure)
                .unwrap()
                .kind,
            Resolved::Key(_, true)
        ));
        // OpenAI keys still go as Bearer to OpenAI-style endpoints.
        assert!(matches!(
            Credential::openai_key("sk-1")
                .resolve(&gateway)
                .unwrap()
                .kind,
            Resolved::Key(_, true)
        ));
    }

    #[test]
    fn origin_matching() {
        let endpoint = Endpoint::openai("https://API.example.com:8443/v1").unwrap();
        let auth = Credential::none().resolve(&endpoint).unwrap();
        let yes: http::Uri = "https://api.example.com:8443/v1/x".parse().unwrap();
        let no_port: http::Uri = "https://api.example.com/v1/x".parse().unwrap();
        let http: http::Uri = "http://api.example.com:8443/v1/x".parse().unwrap();
        let other: http::Uri = "https://evil.example.com:8443/v1/x".parse().unwrap();
        assert!(auth.same_origin(&yes));
        assert!(!auth.same_origin(&no_port));
        assert!(!auth.same_origin(&http));
        assert!(!auth.same_origin(&other));
    }
}
