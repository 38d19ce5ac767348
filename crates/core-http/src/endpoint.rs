//! [`Endpoint`]: where requests go, and the one place that knows the Azure URL conventions.
//!
//! Three shapes:
//! - OpenAI style: `{base}{path}` with the model in the body (`https://api.openai.com/v1`).
//! - Azure dated API: `{endpoint}/openai/deployments/{deployment}{path}` for deployment-scoped
//!   routes ([`Scope::Deployment`]), `{endpoint}/openai{path}` for everything else
//!   ([`Scope::Resource`]), and `api-version` on every request.
//! - Azure v1 API: `{endpoint}/openai/v1{path}`, model in the body, `api-version` only when set.
//!
//! Service crates pass paths like `/chat/completions` and say which scope the route has; the
//! endpoint decides the final URI. Which paths are deployment-scoped is the service crates'
//! knowledge, not this crate's.

use std::net::IpAddr;

use http::Uri;

use crate::error::Error;

/// The default OpenAI base URL.
pub const OPENAI_BASE_URL: &str = "https://api.openai.com/v1";
/// Entra ID scope for Azure OpenAI resources (`*.openai.azure.com`), for both the dated API and
/// the `/openai/v1/` API: the scope Microsoft's v1 samples pass to `get_bearer_token_provider`
/// and `BearerTokenPolicy`.
pub const AZURE_COGNITIVE_SERVICES_SCOPE: &str = "https://cognitiveservices.azure.com/.default";
/// Entra ID scope of Azure AI Foundry project endpoints (`*.services.ai.azure.com`): pass it to
/// the client's token scope setting when you call the v1 API through a Foundry project.
pub const AZURE_AI_SCOPE: &str = "https://ai.azure.com/.default";

/// How a route is addressed on Azure's dated API.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope<'a> {
    /// Resource-scoped route (`/files`, `/assistants/{id}`, `/batches`, ...).
    Resource,
    /// Deployment-scoped route; the argument is the request's `model`, which is the deployment
    /// name on Azure unless the endpoint has a fixed deployment. Ignored on OpenAI and Azure v1.
    Deployment(&'a str),
}

/// The service address and URL convention of a client.
///
/// ```
/// use core_http::{Endpoint, Scope};
/// let azure = Endpoint::azure("https://r.openai.azure.com/", "2024-10-21")?;
/// let uri = azure.url_for("/chat/completions", Scope::Deployment("gpt4o-dep"))?;
/// assert_eq!(
///     uri.to_string(),
///     "https://r.openai.azure.com/openai/deployments/gpt4o-dep/chat/completions?api-version=2024-10-21"
/// );
/// let files = azure.url_for("/files", Scope::Resource)?;
/// assert_eq!(files.to_string(), "https://r.openai.azure.com/openai/files?api-version=2024-10-21");
/// # Ok::<(), core_http::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    kind: Kind,
    /// `scheme://authority`, lowercased, for host-scoping credentials.
    origin: String,
    allow_insecure: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Kind {
    OpenAi {
        base: String,
    },
    Azure {
        resource: String,
        api_version: String,
        deployment: Option<String>,
    },
    AzureV1 {
        base: String,
        api_version: Option<String>,
    },
}

impl Default for Endpoint {
    /// `https://api.openai.com/v1`.
    fn default() -> Self {
        Endpoint {
            kind: Kind::OpenAi {
                base: OPENAI_BASE_URL.to_owned(),
            },
            origin: "https://api.openai.com".to_owned(),
            allow_insecure: false,
        }
    }
}

impl Endpoint {
    /// OpenAI style with the given base URL (e.g. `https://api.openai.com/v1` or a proxy).
    ///
    /// `https://api.openai.com` without `/v1` is refused with the fix: every route would 404.
    pub fn openai(base_url: impl AsRef<str>) -> Result<Self, Error> {
        let (base, origin) = parse_base(base_url.as_ref())?;
        if base == "https://api.openai.com" || base == "http://api.openai.com" {
            return Err(Error::invalid_request(
                "the base URL https://api.openai.com lacks the API version path: use \
                 https://api.openai.com/v1",
            ));
        }
        Ok(Endpoint {
            kind: Kind::OpenAi { base },
            origin,
            allow_insecure: false,
        })
    }

    /// Azure OpenAI dated API (`{endpoint}/openai/...?api-version=...`). `api_version` is
    /// required.
    ///
    /// The endpoint is the resource URL (`https://<resource>.openai.azure.com`), optionally
    /// behind a gateway path prefix; a trailing `/openai` is dropped, and a URL that already
    /// names a route (`.../openai/deployments/...`) or the v1 API (`.../openai/v1`) is refused
    /// with the fix.
    pub fn azure(endpoint: impl AsRef<str>, api_version: impl Into<String>) -> Result<Self, Error> {
        let (resource, origin, v1) = azure_resource(endpoint.as_ref())?;
        if v1 {
            return Err(Error::invalid_request(
                "the Azure endpoint ends in /openai/v1, the v1 API: use Endpoint::azure_v1 (or \
                 pass the resource URL without /openai/v1 for the dated API)",
            ));
        }
        let api_version = api_version.into();
        if api_version.trim().is_empty() {
            return Err(Error::invalid_request(
                "an Azure api-version is required (e.g. 2024-10-21); set it or OPENAI_API_VERSION",
            ));
        }
        Ok(Endpoint {
            kind: Kind::Azure {
                resource,
                api_version,
                deployment: None,
            },
            origin,
            allow_insecure: false,
        })
    }

    /// Azure OpenAI v1 API (`{endpoint}/openai/v1/...`, model in the body, no api-version
    /// unless [`Endpoint::with_api_version`] sets one).
    ///
    /// The endpoint is the resource URL; a trailing `/openai/v1` or `/openai` is accepted and
    /// dropped (so the URL from Azure's v1 samples works as is).
    pub fn azure_v1(endpoint: impl AsRef<str>) -> Result<Self, Error> {
        let (resource, origin, _) = azure_resource(endpoint.as_ref())?;
        Ok(Endpoint {
            kind: Kind::AzureV1 {
                base: format!("{resource}/openai/v1"),
                api_version: None,
            },
            origin,
            allow_insecure: false,
        })
    }

    /// Fixes the deployment for deployment-scoped routes (dated Azure only; no effect
    /// elsewhere). Without it, the request's `model` names the deployment.
    pub fn with_deployment(mut self, deployment: impl Into<String>) -> Self {
        if let Kind::Azure { deployment: d, .. } = &mut self.kind {
            *d = Some(deployment.into());
        }
        self
    }

    /// Sets the api-version (Azure dated: replaces it; Azure v1: adds it, e.g. `preview`).
    pub fn with_api_version(mut self, version: impl Into<String>) -> Self {
        match &mut self.kind {
            Kind::Azure { api_version, .. } => *api_version = version.into(),
            Kind::AzureV1 { api_version, .. } => *api_version = Some(version.into()),
            Kind::OpenAi { .. } => {}
        }
        self
    }

    /// Allows plain `http://` to a non-loopback host. Off by default: credentials would travel
    /// in clear text.
    pub fn allow_insecure(mut self, allow: bool) -> Self {
        self.allow_insecure = allow;
        self
    }

    /// True for both Azure shapes.
    pub fn is_azure(&self) -> bool {
        !matches!(self.kind, Kind::OpenAi { .. })
    }

    /// True for the Azure `/openai/v1/` shape.
    pub fn is_azure_v1(&self) -> bool {
        matches!(self.kind, Kind::AzureV1 { .. })
    }

    /// The base URL as configured (trailing slashes removed).
    pub fn base_url(&self) -> &str {
        match &self.kind {
            Kind::OpenAi { base } | Kind::AzureV1 { base, .. } => base,
            Kind::Azure { resource, .. } => resource,
        }
    }

    /// The api-version sent with every request, if any.
    pub fn api_version(&self) -> Option<&str> {
        match &self.kind {
            Kind::Azure { api_version, .. } => Some(api_version),
            Kind::AzureV1 { api_version, .. } => api_version.as_deref(),
            Kind::OpenAi { .. } => None,
        }
    }

    /// The fixed deployment, if any.
    pub fn deployment(&self) -> Option<&str> {
        match &self.kind {
            Kind::Azure { deployment, .. } => deployment.as_deref(),
            _ => None,
        }
    }

    /// The Entra ID scope requested for this endpoint unless configured otherwise: Cognitive
    /// Services for Azure OpenAI resources, dated and v1 API alike (as Microsoft's v1 samples
    /// do); [`AZURE_AI_SCOPE`] for a v1 endpoint on an Azure AI Foundry host
    /// (`*.services.ai.azure.com`).
    pub fn default_token_scope(&self) -> &'static str {
        let foundry = self
            .origin
            .to_ascii_lowercase()
            .ends_with(".services.ai.azure.com");
        match self.kind {
            Kind::AzureV1 { .. } if foundry => AZURE_AI_SCOPE,
            _ => AZURE_COGNITIVE_SERVICES_SCOPE,
        }
    }

    /// `scheme://host[:port]`, lowercased: credentials are only sent to this origin.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The full URI for a route, with the api-version query where it applies.
    pub fn url_for(&self, path: &str, scope: Scope<'_>) -> Result<Uri, Error> {
        self.finish_uri(self.route(path, scope)?, &[])
    }

    /// Checks the scheme rule: https, or http to a loopback host, or http when allowed.
    pub(crate) fn validate(&self) -> Result<(), Error> {
        if self.origin.starts_with("https://") || self.allow_insecure {
            return Ok(());
        }
        let host = self
            .origin
            .trim_start_matches("http://")
            .rsplit_once(':')
            .map_or(self.origin.trim_start_matches("http://"), |(h, port)| {
                if port.chars().all(|c| c.is_ascii_digit()) {
                    h
                } else {
                    self.origin.trim_start_matches("http://")
                }
            });
        if is_loopback(host) {
            Ok(())
        } else {
            Err(Error::invalid_request(format!(
                "refusing plain http:// to the non-loopback host {host}: the credential would \
                 travel unencrypted; use https://, or opt in with \
                 `.allow_insecure_connection(true)` on the client builder \
                 (`Endpoint::allow_insecure(true)` on a core-http endpoint)"
            )))
        }
    }

    /// The absolute URL (without the final query) for `path` under `scope`.
    pub(crate) fn route(&self, path: &str, scope: Scope<'_>) -> Result<String, Error> {
        let slash = if path.starts_with('/') { "" } else { "/" };
        // Plain pushes into one right-sized buffer (room for the query finish_uri appends):
        // `format!` cost ~1k instructions per call on the hot path.
        let join = |parts: &[&str]| {
            let len: usize = parts.iter().map(|p| p.len()).sum();
            let mut url = String::with_capacity(len + 48);
            for part in parts {
                url.push_str(part);
            }
            url
        };
        Ok(match (&self.kind, scope) {
            (Kind::OpenAi { base } | Kind::AzureV1 { base, .. }, _) => join(&[base, slash, path]),
            (Kind::Azure { resource, .. }, Scope::Resource) => {
                join(&[resource, "/openai", slash, path])
            }
            (
                Kind::Azure {
                    resource,
                    deployment,
                    ..
                },
                Scope::Deployment(model),
            ) => {
                let name = deployment.as_deref().unwrap_or(model);
                if name.is_empty() {
                    return Err(Error::invalid_request(
                        "a deployment name is required on Azure: set `model` to the deployment or configure a fixed deployment",
                    ));
                }
                let segment = crate::kit::path_segment(name, "deployment")?;
                let mut url = join(&[resource, "/openai/deployments/", &segment]);
                url.push_str(slash);
                url.push_str(path);
                url
            }
        })
    }

    /// Appends the query (caller pairs, then api-version, which wins on dated Azure) and
    /// parses the result.
    pub(crate) fn finish_uri(
        &self,
        mut url: String,
        query: &[(String, String)],
    ) -> Result<Uri, Error> {
        let dated_azure = matches!(self.kind, Kind::Azure { .. });
        let mut sep = if url.contains('?') { '&' } else { '?' };
        for (k, v) in query {
            if dated_azure && k == "api-version" {
                continue;
            }
            url.push(sep);
            sep = '&';
            crate::kit::segment::push_encoded(&mut url, k);
            url.push('=');
            crate::kit::segment::push_encoded(&mut url, v);
        }
        if let Some(version) = self.api_version() {
            url.push(sep);
            url.push_str("api-version=");
            crate::kit::segment::push_encoded(&mut url, version);
        }
        Uri::try_from(url).map_err(|e| {
            Error::invalid_request("the request path does not form a valid URI").with_source(e)
        })
    }
}

/// Whether an Azure endpoint URL ends in the v1 API path (`/openai/v1`).
pub fn is_azure_v1_url(endpoint: &str) -> bool {
    azure_resource(endpoint).is_ok_and(|(_, _, v1)| v1)
}

/// Validates an Azure endpoint and returns (resource URL, origin, whether it named the v1
/// API): a trailing `/openai/v1` or `/openai` is dropped; any other `/openai/...` path is a
/// route pasted by mistake and is refused; other paths are a gateway prefix and are kept.
fn azure_resource(input: &str) -> Result<(String, String, bool), Error> {
    if input.contains('?') {
        // Usually a whole request URL pasted from the portal, `?api-version=…` included.
        return Err(Error::invalid_request(
            "the Azure endpoint must not contain a query (`?api-version=…`): pass the resource \
             URL (e.g. https://<resource>.openai.azure.com) and set the api-version on its own \
             (api_version, or OPENAI_API_VERSION)",
        ));
    }
    let (base, origin) = parse_base(input)?;
    let path = &base[origin.len()..];
    let lower = path.to_ascii_lowercase();
    if let Some(prefix) = lower.strip_suffix("/openai/v1") {
        return Ok((format!("{origin}{}", &path[..prefix.len()]), origin, true));
    }
    if let Some(prefix) = lower.strip_suffix("/openai") {
        return Ok((format!("{origin}{}", &path[..prefix.len()]), origin, false));
    }
    if let Some(at) = lower.find("/openai/") {
        return Err(Error::invalid_request(format!(
            "the Azure endpoint must be the resource URL (e.g. https://<resource>.openai.azure.com), \
             not a route: remove `{}` from it",
            &path[at..]
        )));
    }
    Ok((base, origin, false))
}

/// Validates a base URL and returns (base without trailing slashes, origin).
fn parse_base(input: &str) -> Result<(String, String), Error> {
    let trimmed = input.trim().trim_end_matches('/');
    let uri: Uri = trimmed
        .parse()
        .map_err(|e| Error::invalid_request("the base URL is not a valid URL").with_source(e))?;
    let scheme = match uri.scheme_str() {
        Some(s) if s.eq_ignore_ascii_case("https") => "https",
        Some(s) if s.eq_ignore_ascii_case("http") => "http",
        _ => {
            return Err(Error::invalid_request(
                "the base URL must start with https:// (or http:// for loopback)",
            ));
        }
    };
    let authority = uri
        .authority()
        .ok_or_else(|| Error::invalid_request("the base URL has no host"))?;
    if authority.as_str().contains('@') {
        return Err(Error::invalid_request(
            "the base URL must not contain credentials (user:password@)",
        ));
    }
    if authority.host().is_empty() {
        return Err(Error::invalid_request("the base URL has no host"));
    }
    if uri.query().is_some() || trimmed.contains('#') {
        return Err(Error::invalid_request(
            "the base URL must not contain a query or fragment",
        ));
    }
    let origin = format!("{scheme}://{}", authority.as_str().to_ascii_lowercase());
    let path = uri.path().trim_end_matches('/');
    Ok((format!("{origin}{path}"), origin))
}

/// Loopback hosts: `localhost` exactly, 127.0.0.0/8 and `::1`. Names under `.localhost` are
/// not: the transport would resolve them through DNS (and could send them through a proxy),
/// so they get no plain-http exemption.
pub(crate) fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(e: &Endpoint, path: &str, scope: Scope<'_>) -> String {
        e.url_for(path, scope).unwrap().to_string()
    }

    #[test]
    fn openai_routes_keep_model_in_body() {
        let e = Endpoint::default();
        assert_eq!(
            url(&e, "/chat/completions", Scope::Deployment("gpt-4o")),
            "https://api.openai.com/v1/chat/completions"
        );
        assert_eq!(
            url(&e, "/files", Scope::Resource),
            "https://api.openai.com/v1/files"
        );
        let proxy = Endpoint::openai("https://proxy.example.com/openai/v1/").unwrap();
        assert_eq!(
            url(&proxy, "/models", Scope::Resource),
            "https://proxy.example.com/openai/v1/models"
        );
        assert!(!proxy.is_azure());
    }

    /// Deployment from the model, trailing slash stripped,
    /// api-version always added and winning over a caller's entry.
    #[test]
    fn azure_deployment_routes() {
        let e = Endpoint::azure("https://r.openai.azure.com/", "2024-10-21").unwrap();
        assert_eq!(
            url(&e, "/chat/completions", Scope::Deployment("gpt4o-dep")),
            "https://r.openai.azure.com/openai/deployments/gpt4o-dep/chat/completions?api-version=2024-10-21"
        );
        let with_query = e
            .finish_uri(
                e.route("/files", Scope::Resource).unwrap(),
                &[
                    ("purpose".into(), "fine-tune".into()),
                    ("api-version".into(), "1999-01-01".into()),
                ],
            )
            .unwrap();
        assert_eq!(
            with_query.to_string(),
            "https://r.openai.azure.com/openai/files?purpose=fine-tune&api-version=2024-10-21"
        );
        assert!(Endpoint::azure("https://r.openai.azure.com", " ").is_err());
        assert!(e.is_azure());
        assert_eq!(e.default_token_scope(), AZURE_COGNITIVE_SERVICES_SCOPE);
    }

    /// Resource-scoped paths ignore a fixed deployment.
    #[test]
    fn resource_routes_with_fixed_deployment() {
        let e = Endpoint::azure("https://r.openai.azure.com", "2024-10-21")
            .unwrap()
            .with_deployment("fixed");
        assert_eq!(
            url(&e, "/embeddings", Scope::Deployment("ignored-model")),
            "https://r.openai.azure.com/openai/deployments/fixed/embeddings?api-version=2024-10-21"
        );
        for path in [
            "/files",
            "/batches",
            "/assistants/asst_1",
            "/threads",
            "/vector_stores",
            "/models",
            "/fine_tuning/jobs",
            "/responses",
        ] {
            assert_eq!(
                url(&e, path, Scope::Resource),
                format!("https://r.openai.azure.com/openai{path}?api-version=2024-10-21")
            );
        }
        assert_eq!(e.deployment(), Some("fixed"));
    }

    /// The deployment segment is percent-encoded.
    #[test]
    fn deployment_is_percent_encoded() {
        let e = Endpoint::azure("https://r.openai.azure.com", "v").unwrap();
        assert_eq!(
            url(&e, "/chat/completions", Scope::Deployment("my dep/ü?x")),
            "https://r.openai.azure.com/openai/deployments/my%20dep%2F%C3%BC%3Fx/chat/completions?api-version=v"
        );
        assert!(
            e.url_for("/chat/completions", Scope::Deployment(""))
                .is_err()
        );
    }

    /// V1 mode, model in the body, api-version only when configured.
    #[test]
    fn azure_v1_routes_and_scope() {
        let e = Endpoint::azure_v1("https://r.openai.azure.com/").unwrap();
        assert_eq!(
            url(&e, "/chat/completions", Scope::Deployment("dep")),
            "https://r.openai.azure.com/openai/v1/chat/completions"
        );
        assert_eq!(e.default_token_scope(), AZURE_COGNITIVE_SERVICES_SCOPE);
        let foundry = Endpoint::azure_v1("https://p.services.ai.azure.com").unwrap();
        assert_eq!(foundry.default_token_scope(), AZURE_AI_SCOPE);
        let preview = e.with_api_version("preview");
        assert_eq!(
            url(&preview, "/responses", Scope::Resource),
            "https://r.openai.azure.com/openai/v1/responses?api-version=preview"
        );
        assert!(preview.is_azure_v1());
    }

    #[test]
    fn scheme_rules() {
        for ok in [
            "http://127.0.0.1:8080",
            "http://localhost:1/v1",
            "http://[::1]:9",
            "https://example.com",
        ] {
            Endpoint::openai(ok).unwrap().validate().unwrap();
        }
        let remote = Endpoint::openai("http://example.com/v1").unwrap();
        assert!(remote.validate().is_err());
        // `*.localhost` is resolved through DNS: no plain-http exemption.
        let sub = Endpoint::openai("http://api.localhost:8080/v1").unwrap();
        assert_eq!(
            sub.validate().unwrap_err().to_string(),
            "invalid request: refusing plain http:// to the non-loopback host api.localhost: the \
             credential would travel unencrypted; use https://, or opt in with \
             `.allow_insecure_connection(true)` on the client builder \
             (`Endpoint::allow_insecure(true)` on a core-http endpoint)"
        );
        remote.allow_insecure(true).validate().unwrap();
        for bad in [
            "ftp://x",
            "not a url",
            "https://user:pw@host",
            "https://h/v1?x=1",
            "/v1",
        ] {
            assert!(Endpoint::openai(bad).is_err(), "{bad}");
        }
        assert_eq!(
            Endpoint::openai("HTTPS://API.Example.COM:8443/v1")
                .unwrap()
                .origin(),
            "https://api.example.com:8443"
        );
    }
    /// `https://api.openai.com` without `/v1` would 404 on every route: refused with the fix.
    #[test]
    fn openai_host_without_v1_is_refused_with_the_fix() {
        for bare in [
            "https://api.openai.com",
            "https://api.openai.com/",
            "HTTPS://API.OpenAI.com",
        ] {
            assert_eq!(
                Endpoint::openai(bare).unwrap_err().to_string(),
                "invalid request: the base URL https://api.openai.com lacks the API version \
                 path: use https://api.openai.com/v1",
                "{bare}"
            );
        }
        Endpoint::openai("https://api.openai.com/v1/").unwrap();
        // Other hosts keep whatever path they serve under.
        Endpoint::openai("https://proxy.example.com").unwrap();
    }

    /// What an Azure endpoint URL may contain: the resource URL, a trailing `/openai` or
    /// `/openai/v1`, a gateway prefix; a pasted route or query is refused naming the fix.
    #[test]
    fn azure_endpoint_paths() {
        let err = |r: Result<Endpoint, Error>| r.unwrap_err().to_string();
        assert_eq!(
            err(Endpoint::azure(
                "https://r.openai.azure.com/openai/deployments/gpt-4o/chat/completions",
                "2024-10-21"
            )),
            "invalid request: the Azure endpoint must be the resource URL (e.g. \
             https://<resource>.openai.azure.com), not a route: remove \
             `/openai/deployments/gpt-4o/chat/completions` from it"
        );
        assert!(
            err(Endpoint::azure_v1(
                "https://r.openai.azure.com/openai/v1/chat/completions"
            ))
            .contains("not a route: remove `/openai/v1/chat/completions`")
        );
        assert_eq!(
            err(Endpoint::azure(
                "https://r.openai.azure.com/openai/deployments/d/chat/completions?api-version=2024-10-21",
                "2024-10-21"
            )),
            "invalid request: the Azure endpoint must not contain a query (`?api-version=…`): \
             pass the resource URL (e.g. https://<resource>.openai.azure.com) and set the \
             api-version on its own (api_version, or OPENAI_API_VERSION)"
        );
        assert!(
            err(Endpoint::azure(
                "https://r.openai.azure.com/openai/v1",
                "2024-10-21"
            ))
            .contains("ends in /openai/v1, the v1 API: use Endpoint::azure_v1")
        );
        for v1 in [
            "https://r.openai.azure.com/openai/v1",
            "https://r.openai.azure.com/OpenAI/V1/",
            "https://r.openai.azure.com/openai",
        ] {
            let e = Endpoint::azure_v1(v1).unwrap();
            assert_eq!(
                url(&e, "/responses", Scope::Resource),
                "https://r.openai.azure.com/openai/v1/responses",
                "{v1}"
            );
        }
        assert!(is_azure_v1_url("https://r.openai.azure.com/openai/v1/"));
        assert!(!is_azure_v1_url("https://r.openai.azure.com/openai"));
        // A gateway prefix is kept in front of `/openai`.
        let gateway = Endpoint::azure("https://gw.example.com/team-a/", "2024-10-21").unwrap();
        assert_eq!(
            url(&gateway, "/files", Scope::Resource),
            "https://gw.example.com/team-a/openai/files?api-version=2024-10-21"
        );
    }
}
