//! Layer 7: `HyperTransport`, the default transport (hyper 1 + hyper-rustls).
//!
//! A hyper-util legacy `Client` (connection pool, HTTP/1.1 and HTTP/2 chosen by ALPN) over
//! hyper-rustls with the `ring` provider and webpki roots (or the OS store with the
//! `native-roots` feature), plus any roots the builder adds. The connector chain is
//! `SingleFlight → ConnectTimeout → HttpsConnector → ProxyConnector → HttpConnector` so the
//! connect timeout covers TCP, the proxy tunnel and the TLS handshake together, and concurrent
//! first requests to an `https` origin wait for one handshake instead of each making their own
//! (`single_flight.rs`). Proxies come from an explicit
//! URL or `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY`/`NO_PROXY` (hyper-util's matcher) and are
//! used through HTTP `CONNECT` tunnels; loopback destinations never go through a proxy.
//! The transport returns every status as `Ok`; only transport failures are errors.

use std::error::Error as StdError;
use std::fmt;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use http::{Request, Response, Uri};
use http_body_util::BodyExt;
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::connect::proxy::Tunnel;
use hyper_util::client::proxy::matcher::Matcher;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use rustls::pki_types::CertificateDer;
use tokio::net::TcpStream;
use tower::Service;

use crate::body::{RequestBody, ResponseBody};
use crate::error::{Error, TimeoutKind};
use crate::layers::BoxFuture;
use crate::multipart::UploadError;
use crate::single_flight::SingleFlight;

type BoxError = Box<dyn StdError + Send + Sync>;

/// Where proxy settings come from.
#[derive(Clone, Debug, Default)]
pub(crate) enum ProxySetting {
    /// `HTTPS_PROXY` / `HTTP_PROXY` / `ALL_PROXY` / `NO_PROXY` (read once at build time).
    #[default]
    Env,
    /// Never use a proxy.
    Disabled,
    /// This proxy for every non-loopback destination.
    Url(Uri),
}

/// Settings of the default transport.
#[derive(Clone, Debug)]
pub(crate) struct TransportOptions {
    pub(crate) connect_timeout: Duration,
    pub(crate) pool_idle_timeout: Duration,
    pub(crate) pool_max_idle_per_host: usize,
    pub(crate) http2_prior_knowledge: bool,
    pub(crate) proxy: ProxySetting,
    pub(crate) extra_roots: Vec<CertificateDer<'static>>,
}

/// Parses one DER certificate, or every certificate of a PEM bundle.
pub(crate) fn parse_certificates(bytes: &[u8]) -> Result<Vec<CertificateDer<'static>>, Error> {
    use rustls::pki_types::pem::PemObject;
    if bytes.starts_with(b"-----BEGIN") || bytes.windows(10).any(|w| w == b"-----BEGIN") {
        let certs: Result<Vec<_>, _> = CertificateDer::pem_slice_iter(bytes).collect();
        let certs = certs.map_err(|e| {
            Error::invalid_request("the root certificate is not valid PEM").with_source(e)
        })?;
        if certs.is_empty() {
            return Err(Error::invalid_request(
                "the PEM data contains no certificate",
            ));
        }
        Ok(certs)
    } else if bytes.is_empty() {
        Err(Error::invalid_request("the root certificate is empty"))
    } else {
        Ok(vec![CertificateDer::from(bytes.to_vec())])
    }
}

fn tls_config(extra: &[CertificateDer<'static>]) -> Result<rustls::ClientConfig, Error> {
    let mut roots = rustls::RootCertStore::empty();
    #[cfg(feature = "webpki-roots")]
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    #[cfg(feature = "native-roots")]
    {
        let native = rustls_native_certs::load_native_certs();
        for cert in native.certs {
            // Individual unparsable system certificates are skipped, as browsers do.
            let _ = roots.add(cert);
        }
    }
    for cert in extra {
        roots.add(cert.clone()).map_err(|e| {
            Error::invalid_request("the root certificate could not be parsed").with_source(e)
        })?;
    }
    if roots.is_empty() {
        tracing::warn!(
            "no trusted root certificates: https requests will fail (enable the webpki-roots or native-roots feature, or add a root certificate)"
        );
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::invalid_request("TLS configuration failed").with_source(e))?
        .with_root_certificates(roots)
        .with_no_client_auth())
}

/// The error a connect timeout leaves in the hyper error's source chain.
#[derive(Debug)]
struct ConnectTimedOut(Duration);

impl fmt::Display for ConnectTimedOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "connect timed out after {:?}", self.0)
    }
}

impl StdError for ConnectTimedOut {}

/// Bounds the whole connection setup (TCP + proxy + TLS).
#[derive(Clone)]
struct ConnectTimeout<C> {
    inner: C,
    timeout: Duration,
}

impl<C> Service<Uri> for ConnectTimeout<C>
where
    C: Service<Uri>,
    C::Error: Into<BoxError>,
    C::Future: Send + 'static,
    C::Response: Send + 'static,
{
    type Response = C::Response;
    type Error = BoxError;
    type Future = BoxFuture<Result<C::Response, BoxError>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.inner.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, dst: Uri) -> Self::Future {
        let fut = self.inner.call(dst);
        let limit = self.timeout;
        Box::pin(async move {
            match tokio::time::timeout(limit, fut).await {
                Ok(result) => result.map_err(Into::into),
                Err(_) => Err(Box::new(ConnectTimedOut(limit)) as BoxError),
            }
        })
    }
}

/// Connects directly or through an HTTP `CONNECT` tunnel, per destination.
#[derive(Clone)]
struct ProxyConnector {
    http: HttpConnector,
    matcher: Option<Arc<Matcher>>,
}

/// The same loopback rule as the endpoint's plain-http check: one definition, so a host the
/// client trusts with plain http is exactly a host that never goes through a proxy.
fn is_loopback_uri(uri: &Uri) -> bool {
    uri.host().is_some_and(crate::endpoint::is_loopback)
}

impl Service<Uri> for ProxyConnector {
    type Response = TokioIo<TcpStream>;
    type Error = BoxError;
    type Future = BoxFuture<Result<TokioIo<TcpStream>, BoxError>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, dst: Uri) -> Self::Future {
        let mut http = self.http.clone();
        let intercept = match &self.matcher {
            Some(m) if !is_loopback_uri(&dst) => m.intercept(&dst),
            _ => None,
        };
        let Some(intercept) = intercept else {
            return Box::pin(async move { http.call(dst).await.map_err(Into::into) });
        };
        if intercept.uri().scheme_str() != Some("http") {
            return Box::pin(async move {
                Err(
                    "only http:// proxies are supported (the tunnel to the target is still TLS)"
                        .into(),
                )
            });
        }
        let mut tunnel = Tunnel::new(intercept.uri().clone(), http);
        if let Some(auth) = intercept.basic_auth() {
            tunnel = tunnel.with_auth(auth.clone());
        }
        Box::pin(async move { tunnel.call(dst).await.map_err(Into::into) })
    }
}

type Connector = SingleFlight<ConnectTimeout<HttpsConnector<ProxyConnector>>>;

/// The default transport. Cheap to clone (the pool is shared).
///
/// The client sits behind one `Arc`: the stack clones its transport per call (tower's
/// ready-service rule), and a hyper-util `Client` clone copies a dozen `Arc`s and settings.
#[derive(Clone)]
pub(crate) struct HyperTransport {
    client: Arc<Client<Connector, RequestBody>>,
}

impl HyperTransport {
    pub(crate) fn new(opts: &TransportOptions) -> Result<Self, Error> {
        let mut http = HttpConnector::new();
        http.set_nodelay(true);
        http.enforce_http(false); // https URIs pass through to the TLS layer above
        http.set_connect_timeout(Some(opts.connect_timeout));
        http.set_keepalive(Some(Duration::from_secs(30)));
        let matcher = match &opts.proxy {
            ProxySetting::Env => Some(Arc::new(Matcher::from_env())),
            ProxySetting::Disabled => None,
            ProxySetting::Url(uri) => {
                Some(Arc::new(Matcher::builder().all(uri.to_string()).build()))
            }
        };
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls_config(&opts.extra_roots)?)
            .https_or_http()
            .enable_all_versions()
            .wrap_connector(ProxyConnector { http, matcher });
        let connector = SingleFlight::new(
            ConnectTimeout {
                inner: https,
                timeout: opts.connect_timeout,
            },
            opts.connect_timeout,
        );
        let client = Client::builder(TokioExecutor::new())
            .pool_idle_timeout(opts.pool_idle_timeout)
            .pool_max_idle_per_host(opts.pool_max_idle_per_host)
            .pool_timer(TokioTimer::new())
            .timer(TokioTimer::new())
            .http2_only(opts.http2_prior_knowledge)
            .build(connector);
        Ok(HyperTransport {
            client: Arc::new(client),
        })
    }
}

fn map_client_error(err: hyper_util::client::legacy::Error, uri: &Uri) -> Error {
    let mut source: Option<&(dyn StdError + 'static)> = Some(&err);
    while let Some(e) = source {
        if let Some(ConnectTimedOut(limit)) = e.downcast_ref::<ConnectTimedOut>() {
            return Error::timeout_after(TimeoutKind::Connect, *limit).with_source(err);
        }
        source = e.source();
    }
    let target = uri.authority().map_or("", |a| a.as_str()).to_owned();
    // Causes a caller can act on are said at the top, not three `source()` levels down.
    let mut source: Option<&(dyn StdError + 'static)> = Some(&err);
    while let Some(e) = source {
        if let Some(upload) = e
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
            .and_then(|inner| inner.downcast_ref::<UploadError>())
        {
            return Error::io(upload.to_string()).with_source(err);
        }
        if let Some(upload) = e.downcast_ref::<UploadError>() {
            return Error::io(upload.to_string()).with_source(err);
        }
        // `hyper::Error::is_parse_too_large` exists only with hyper's server feature, which a
        // client does not build: recognise the parse error by its description instead.
        if e.downcast_ref::<hyper::Error>()
            .is_some_and(|h| h.is_parse() && h.to_string().contains("too large"))
        {
            return Error::io(format!(
                "the response headers from {target} are larger than the client accepts"
            ))
            .with_source(err);
        }
        source = e.source();
    }
    if err.is_connect() {
        Error::connect(format!("failed to connect to {target}")).with_source(err)
    } else {
        Error::io(format!(
            "connection to {target} failed before the response arrived"
        ))
        .with_source(err)
    }
}

impl Service<Request<RequestBody>> for HyperTransport {
    type Response = Response<ResponseBody>;
    type Error = Error;
    type Future = BoxFuture<Result<Response<ResponseBody>, Error>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: Request<RequestBody>) -> Self::Future {
        let uri = req.uri().clone();
        let fut = self.client.request(req);
        Box::pin(async move {
            let resp = fut.await.map_err(|e| map_client_error(e, &uri))?;
            Ok(resp.map(|body| {
                ResponseBody::new(body.map_err(|e| {
                    Error::io("the connection broke while reading the response body").with_source(e)
                }))
            }))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn certificate_parsing() {
        assert!(parse_certificates(b"").is_err());
        assert!(
            parse_certificates(
                b"-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n"
            )
            .is_err()
        );
        assert_eq!(parse_certificates(&[0x30, 0x03, 1, 2, 3]).unwrap().len(), 1);
    }

    #[test]
    fn loopback_destinations_skip_the_proxy() {
        assert!(is_loopback_uri(&"http://127.0.0.1:1/".parse().unwrap()));
        assert!(is_loopback_uri(&"http://[::1]:1/".parse().unwrap()));
        assert!(is_loopback_uri(&"https://localhost/".parse().unwrap()));
        assert!(is_loopback_uri(&"http://127.8.9.10:1/".parse().unwrap()));
        assert!(!is_loopback_uri(
            &"https://api.openai.com/".parse().unwrap()
        ));
        // Resolved through DNS like any other name, so it is no loopback (and may be proxied).
        assert!(!is_loopback_uri(&"http://api.localhost/".parse().unwrap()));
    }
}
