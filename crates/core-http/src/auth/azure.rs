//! [`AzureCredential`]: the Azure SDK for Rust's credentials (`azure_identity`) as this crate's
//! [`TokenCredential`].

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use azure_core::time::OffsetDateTime;

use super::token::{AccessToken, TokenCredential, TokenFuture};
use crate::error::Error;
use crate::secret::Secret;

/// An `azure_core` [`TokenCredential`](azure_core::credentials::TokenCredential) — any of
/// `azure_identity`'s (`DeveloperToolsCredential`, `ManagedIdentityCredential`,
/// `WorkloadIdentityCredential`, `ClientSecretCredential`, …) — as the client's Entra ID
/// credential.
///
/// The client asks it for the endpoint's scope (or the one configured), caches the token
/// until shortly before the `expires_on` it reports, refreshes it ahead of expiry with one
/// caller at a time, and drops it on a 401. Failures become
/// [`ErrorKind::Credential`](crate::ErrorKind::Credential) errors with the Azure error as their
/// source.
///
/// ```
/// use std::sync::Arc;
/// use core_http::{AzureCredential, Credential, Endpoint, HttpClient};
///
/// fn client(
///     entra: Arc<dyn core_http::azure_core::credentials::TokenCredential>,
/// ) -> Result<HttpClient, core_http::Error> {
///     // e.g. `azure_identity::ManagedIdentityCredential::new(None)?`
///     HttpClient::builder()
///         .endpoint(Endpoint::azure_v1("https://my-resource.openai.azure.com")?)
///         .credential(Credential::token(AzureCredential::shared(entra)))
///         .build()
/// }
/// ```
#[derive(Clone)]
pub struct AzureCredential {
    inner: Arc<dyn azure_core::credentials::TokenCredential>,
}

impl AzureCredential {
    /// Wraps an Azure SDK credential.
    pub fn new(credential: Arc<dyn azure_core::credentials::TokenCredential>) -> Self {
        AzureCredential { inner: credential }
    }

    /// The same, ready to hand to a client builder's `token_credential`.
    pub fn shared(
        credential: Arc<dyn azure_core::credentials::TokenCredential>,
    ) -> Arc<dyn TokenCredential> {
        Arc::new(Self::new(credential))
    }
}

impl fmt::Debug for AzureCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The Azure credentials' own Debug prints no secret; show which one it is.
        f.debug_tuple("AzureCredential").field(&self.inner).finish()
    }
}

impl TokenCredential for AzureCredential {
    fn get_token<'a>(&'a self, scopes: &'a [&'a str]) -> TokenFuture<'a> {
        Box::pin(async move {
            let token = self.inner.get_token(scopes, None).await.map_err(|e| {
                Error::credential("the Azure credential could not get a token").with_source(e)
            })?;
            Ok(AccessToken::new(
                Secret::new(token.token.secret()),
                system_time(token.expires_on),
            ))
        })
    }
}

/// `OffsetDateTime` (an instant with an offset) as wall-clock time; an expiry before 1970 is
/// already past, so the epoch serves.
fn system_time(at: OffsetDateTime) -> SystemTime {
    let nanos = at.unix_timestamp_nanos();
    match u64::try_from(nanos) {
        Ok(nanos) => UNIX_EPOCH + Duration::from_nanos(nanos),
        Err(_) if nanos < 0 => UNIX_EPOCH,
        Err(_) => UNIX_EPOCH + Duration::from_secs(u64::MAX / 2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_keeps_the_instant_whatever_the_offset() {
        // 2030-03-17T17:46:40Z, once in UTC and once written at +05:30.
        let at = OffsetDateTime::from_unix_timestamp(1_900_000_000).unwrap();
        let shifted = azure_core::time::parse_rfc3339("2030-03-17T23:16:40+05:30").unwrap();
        let expected = UNIX_EPOCH + Duration::from_secs(1_900_000_000);
        assert_eq!(system_time(at), expected);
        assert_eq!(system_time(shifted), expected);
        let before_1970 = OffsetDateTime::from_unix_timestamp(-10).unwrap();
        assert_eq!(system_time(before_1970), UNIX_EPOCH);
    }
}
