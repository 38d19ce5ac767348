//! The optional TLS front: a fresh self-signed certificate for `127.0.0.1` and `localhost`
//! (rcgen, ring) served by rustls with ALPN `h2` and `http/1.1`.
//!
//! A new key pair is generated per server, so nothing secret ships in the crate; clients trust
//! the server by adding [`MockServer::tls_certificate_der`](crate::MockServer::tls_certificate_der)
//! to their root store.

use std::sync::Arc;

use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::crypto::ring;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// A generated certificate and the acceptor that serves it.
#[derive(Clone)]
pub(crate) struct Tls {
    pub(crate) acceptor: TlsAcceptor,
    pub(crate) pem: String,
    pub(crate) der: Vec<u8>,
}

impl std::fmt::Debug for Tls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The private key lives in the acceptor; never print it.
        f.debug_struct("Tls")
            .field("certificate_pem_len", &self.pem.len())
            .finish_non_exhaustive()
    }
}

impl Tls {
    pub(crate) fn self_signed() -> Result<Self, String> {
        let names = vec!["127.0.0.1".to_owned(), "localhost".to_owned()];
        let certified =
            rcgen::generate_simple_self_signed(names).map_err(|e| format!("rcgen: {e}"))?;
        let der = certified.cert.der().to_vec();
        let pem = certified.cert.pem();
        let key =
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(certified.key_pair.serialize_der()));
        let mut config = ServerConfig::builder_with_provider(Arc::new(ring::default_provider()))
            .with_safe_default_protocol_versions()
            .map_err(|e| format!("rustls: {e}"))?
            .with_no_client_auth()
            .with_single_cert(vec![CertificateDer::from(der.clone())], key)
            .map_err(|e| format!("rustls: {e}"))?;
        config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        Ok(Self {
            acceptor: TlsAcceptor::from(Arc::new(config)),
            pem,
            der,
        })
    }
}
