//! Microsoft Entra ID tokens: the [`TokenCredential`] trait, [`AccessToken`],
//! [`StaticTokenCredential`] and the cache the auth layer puts in front of every credential.
//!
//! The cache follows the Azure core libraries: it refreshes
//! in the background from 5 minutes before expiry while the current token keeps being used,
//! blocks callers only when the token is (almost) expired, lets one refresh run at a time with
//! every concurrent caller sharing it, and drops the token on a 401.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

use http::HeaderValue;
use tokio::time::Instant;

use crate::error::Error;
use crate::secret::Secret;

/// The future returned by [`TokenCredential::get_token`] (boxed so the trait is object safe).
pub type TokenFuture<'a> = Pin<Box<dyn Future<Output = Result<AccessToken, Error>> + Send + 'a>>;

/// A source of OAuth access tokens (Microsoft Entra ID for Azure OpenAI).
///
/// Implement it over your identity library of choice; the client caches the tokens it returns,
/// so `get_token` is called only when a token is missing, about to expire, or was rejected.
/// Return [`Error::credential`] on failure.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use core_http::{AccessToken, Error, Secret, TokenCredential, TokenFuture};
///
/// #[derive(Debug)]
/// struct FromVault;
///
/// impl TokenCredential for FromVault {
///     fn get_token<'a>(&'a self, _scopes: &'a [&'a str]) -> TokenFuture<'a> {
///         Box::pin(async {
///             Ok(AccessToken::new(
///                 Secret::new("eyJ..."),
///                 SystemTime::now() + Duration::from_secs(3600),
///             ))
///         })
///     }
/// }
/// ```
pub trait TokenCredential: Send + Sync + fmt::Debug {
    /// Gets a token for `scopes`.
    fn get_token<'a>(&'a self, scopes: &'a [&'a str]) -> TokenFuture<'a>;

    /// Gets a token that satisfies a Continuous Access Evaluation challenge (`claims` is the
    /// decoded-as-received `claims` parameter of `WWW-Authenticate`). The default ignores the
    /// claims and asks for a fresh token.
    fn get_token_with_claims<'a>(
        &'a self,
        scopes: &'a [&'a str],
        claims: &'a str,
    ) -> TokenFuture<'a> {
        let _ = claims;
        self.get_token(scopes)
    }
}

/// A [`TokenCredential`] made from a closure: `|scopes| async { … }` returning an
/// [`AccessToken`], for identity libraries that hand out tokens through a function.
///
/// ```
/// use std::sync::Arc;
/// use std::time::{Duration, SystemTime};
/// use core_http::{AccessToken, FnTokenCredential, Secret, TokenCredential};
///
/// let credential: Arc<dyn TokenCredential> = FnTokenCredential::shared(|scopes| {
///     let scope = scopes.first().map(|s| s.to_string()).unwrap_or_default();
///     async move {
///         // Ask your identity provider for a token for `scope` here.
///         let _ = scope;
///         Ok(AccessToken::new(Secret::new("eyJ..."), SystemTime::now() + Duration::from_secs(3600)))
///     }
/// });
/// # let _ = credential;
/// ```
pub struct FnTokenCredential<F> {
    get: F,
}

impl<F> fmt::Debug for FnTokenCredential<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("FnTokenCredential")
    }
}

impl<F, Fut> FnTokenCredential<F>
where
    F: Fn(&[&str]) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<AccessToken, Error>> + Send + 'static,
{
    /// A credential that calls `get` with the requested scopes whenever the client needs a
    /// token (the client caches what it returns).
    pub fn new(get: F) -> Self {
        FnTokenCredential { get }
    }

    /// The same, ready to hand to a client builder.
    pub fn shared(get: F) -> Arc<dyn TokenCredential> {
        Arc::new(Self::new(get))
    }
}

impl<F, Fut> TokenCredential for FnTokenCredential<F>
where
    F: Fn(&[&str]) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<AccessToken, Error>> + Send + 'static,
{
    fn get_token<'a>(&'a self, scopes: &'a [&'a str]) -> TokenFuture<'a> {
        Box::pin((self.get)(scopes))
    }
}

/// An access token and its expiry.
///
/// `expires_on` is wall-clock time (`SystemTime`) because identity services report an absolute
/// expiry; the cache converts it once, on receipt, to a monotonic deadline.
#[derive(Clone, Debug)]
pub struct AccessToken {
    /// The bearer token.
    pub token: Secret,
    /// When the token stops being valid.
    pub expires_on: SystemTime,
}

impl AccessToken {
    /// A token valid until `expires_on`.
    pub fn new(token: Secret, expires_on: SystemTime) -> Self {
        AccessToken { token, expires_on }
    }
}

/// A fixed token (e.g. from `AZURE_OPENAI_AD_TOKEN`) that is never refreshed.
#[derive(Clone, Debug)]
pub struct StaticTokenCredential {
    token: Secret,
}

impl StaticTokenCredential {
    /// Wraps a token obtained elsewhere.
    pub fn new(token: impl Into<Secret>) -> Self {
        StaticTokenCredential {
            token: token.into(),
        }
    }
}

impl TokenCredential for StaticTokenCredential {
    fn get_token<'a>(&'a self, _scopes: &'a [&'a str]) -> TokenFuture<'a> {
        let token = self.token.clone();
        Box::pin(async move {
            // Valid "forever": a static token cannot be refreshed anyway.
            Ok(AccessToken::new(
                token,
                SystemTime::now() + Duration::from_secs(100 * 365 * 24 * 3600),
            ))
        })
    }
}

/// Start refreshing this long before expiry (azcore Go).
pub(crate) const REFRESH_WINDOW: Duration = Duration::from_secs(300);
/// Below this much validity, callers wait for a new token (JS token cycler's forced window).
pub(crate) const BLOCKING_WINDOW: Duration = Duration::from_secs(1);
/// At most one background refresh attempt per this interval (azcore Go).
pub(crate) const EAGER_RETRY_INTERVAL: Duration = Duration::from_secs(30);

#[derive(Clone)]
struct Cached {
    header: HeaderValue,
    expires_at: Instant,
    generation: u64,
}

struct State {
    cached: Option<Cached>,
    generation: u64,
    last_eager: Option<Instant>,
}

/// Caches the tokens of one credential for one scope list.
pub(crate) struct TokenCache {
    credential: Arc<dyn TokenCredential>,
    scopes: Vec<String>,
    state: Mutex<State>,
    refresh: tokio::sync::Mutex<()>,
}

impl fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenCache")
            .field("credential", &self.credential)
            .field("scopes", &self.scopes)
            .finish_non_exhaustive()
    }
}

impl TokenCache {
    pub(crate) fn new(credential: Arc<dyn TokenCredential>, scopes: Vec<String>) -> Self {
        TokenCache {
            credential,
            scopes,
            state: Mutex::new(State {
                cached: None,
                generation: 0,
                last_eager: None,
            }),
            refresh: tokio::sync::Mutex::new(()),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The `Authorization` value to use now, and the generation it belongs to (for
    /// [`TokenCache::invalidate`]).
    pub(crate) async fn get(self: &Arc<Self>) -> Result<(HeaderValue, u64), Error> {
        let now = Instant::now();
        {
            let mut state = self.lock();
            if let Some(c) = state.cached.clone() {
                if now + REFRESH_WINDOW < c.expires_at {
                    return Ok((c.header, c.generation));
                }
                if now + BLOCKING_WINDOW < c.expires_at {
                    let due = state
                        .last_eager
                        .is_none_or(|t| now.duration_since(t) >= EAGER_RETRY_INTERVAL);
                    if due {
                        state.last_eager = Some(now);
                        self.spawn_eager_refresh();
                    }
                    return Ok((c.header, c.generation));
                }
            }
        }
        // Blocking path: one refresh at a time; whoever waited re-checks first.
        let _guard = self.refresh.lock().await;
        if let Some(c) = self.usable(Instant::now()) {
            return Ok(c);
        }
        let scopes: Vec<&str> = self.scopes.iter().map(String::as_str).collect();
        let token = self.credential.get_token(&scopes).await?;
        self.store(token)
    }

    /// A token for a CAE claims challenge; replaces the cached one.
    pub(crate) async fn get_with_claims(&self, claims: &str) -> Result<(HeaderValue, u64), Error> {
        let _guard = self.refresh.lock().await;
        let scopes: Vec<&str> = self.scopes.iter().map(String::as_str).collect();
        let token = self
            .credential
            .get_token_with_claims(&scopes, claims)
            .await?;
        self.store(token)
    }

    /// Drops the cached token if it is still the one that was rejected.
    pub(crate) fn invalidate(&self, generation: u64) {
        let mut state = self.lock();
        if state
            .cached
            .as_ref()
            .is_some_and(|c| c.generation == generation)
        {
            state.cached = None;
        }
    }

    fn usable(&self, now: Instant) -> Option<(HeaderValue, u64)> {
        let state = self.lock();
        let c = state.cached.as_ref()?;
        (now + BLOCKING_WINDOW < c.expires_at).then(|| (c.header.clone(), c.generation))
    }

    fn store(&self, token: AccessToken) -> Result<(HeaderValue, u64), Error> {
        if token.token.expose().trim().is_empty() {
            return Err(Error::credential(
                "the token credential returned an empty token",
            ));
        }
        let mut header = HeaderValue::from_str(&format!("Bearer {}", token.token.expose()))
            .map_err(|_| {
                Error::credential(
                    "the token credential returned a token that is not a valid header value",
                )
            })?;
        header.set_sensitive(true);
        let valid_for = token
            .expires_on
            .duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO);
        let expires_at = Instant::now()
            .checked_add(valid_for)
            .unwrap_or_else(|| Instant::now() + Duration::from_secs(100 * 365 * 24 * 3600));
        let mut state = self.lock();
        state.generation += 1;
        let generation = state.generation;
        state.cached = Some(Cached {
            header: header.clone(),
            expires_at,
            generation,
        });
        Ok((header, generation))
    }

    fn spawn_eager_refresh(self: &Arc<Self>) {
        let Ok(handle) = tokio::runtime::Handle::try_current() else {
            return;
        };
        let this = Arc::clone(self);
        handle.spawn(async move {
            // Someone else is refreshing: nothing to do.
            let Ok(_guard) = this.refresh.try_lock() else {
                return;
            };
            let scopes: Vec<&str> = this.scopes.iter().map(String::as_str).collect();
            match this.credential.get_token(&scopes).await {
                Ok(token) => {
                    if let Err(e) = this.store(token) {
                        tracing::debug!(error = %e, "background token refresh returned an unusable token");
                    }
                }
                // The current token is still valid; keep using it and try again later.
                Err(e) => tracing::debug!(error = %e, "background token refresh failed"),
            }
        });
    }
}

/// Extracts the `claims` of a CAE `insufficient_claims` challenge from `WWW-Authenticate`.
pub(crate) fn cae_claims(www_authenticate: &str) -> Option<String> {
    if !www_authenticate.contains("insufficient_claims") {
        return None;
    }
    let start = www_authenticate.find("claims=\"")? + "claims=\"".len();
    let rest = &www_authenticate[start..];
    let end = rest.find('"')?;
    let claims = &rest[..end];
    (!claims.is_empty()).then(|| claims.to_owned())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    /// A credential that counts calls, waits `delay` and issues `tok-N` valid for `lifetime`.
    #[derive(Debug)]
    pub(crate) struct CountingCredential {
        pub(crate) calls: AtomicU32,
        pub(crate) claims_calls: AtomicU32,
        pub(crate) delay: Duration,
        pub(crate) lifetime: Duration,
    }

    impl CountingCredential {
        pub(crate) fn new(delay: Duration, lifetime: Duration) -> Arc<Self> {
            Arc::new(CountingCredential {
                calls: AtomicU32::new(0),
                claims_calls: AtomicU32::new(0),
                delay,
                lifetime,
            })
        }
    }

    impl TokenCredential for CountingCredential {
        fn get_token<'a>(&'a self, scopes: &'a [&'a str]) -> TokenFuture<'a> {
            Box::pin(async move {
                assert!(!scopes.is_empty());
                let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
                tokio::time::sleep(self.delay).await;
                Ok(AccessToken::new(
                    Secret::new(format!("tok-{n}")),
                    SystemTime::now() + self.lifetime,
                ))
            })
        }

        fn get_token_with_claims<'a>(
            &'a self,
            scopes: &'a [&'a str],
            claims: &'a str,
        ) -> TokenFuture<'a> {
            assert_eq!(claims, "eyJhY2Nlc3NfdG9rZW4iOnt9fQ==");
            self.claims_calls.fetch_add(1, Ordering::SeqCst);
            self.get_token(scopes)
        }
    }

    fn cache(cred: &Arc<CountingCredential>) -> Arc<TokenCache> {
        Arc::new(TokenCache::new(
            cred.clone(),
            vec!["https://cognitiveservices.azure.com/.default".into()],
        ))
    }

    /// Cached until the refresh window, then refreshed in the
    /// background while the old token keeps working; blocking only once it is expired.
    #[tokio::test(start_paused = true)]
    async fn refresh_ahead_of_expiry() {
        let cred = CountingCredential::new(Duration::from_millis(10), Duration::from_secs(600));
        let cache = cache(&cred);
        let (h, _) = cache.get().await.unwrap();
        assert_eq!(h, "Bearer tok-1");
        assert!(h.is_sensitive());
        tokio::time::advance(Duration::from_secs(240)).await;
        assert_eq!(cache.get().await.unwrap().0, "Bearer tok-1");
        assert_eq!(cred.calls.load(Ordering::SeqCst), 1);

        // 6 minutes in: inside the 5-minute window. The old token is returned at once...
        tokio::time::advance(Duration::from_secs(120)).await;
        let started = Instant::now();
        assert_eq!(cache.get().await.unwrap().0, "Bearer tok-1");
        assert_eq!(started.elapsed(), Duration::ZERO);
        // ...and the background refresh lands shortly after.
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert_eq!(cred.calls.load(Ordering::SeqCst), 2);
        assert_eq!(cache.get().await.unwrap().0, "Bearer tok-2");

        // Past expiry: the caller waits for a fresh token.
        tokio::time::advance(Duration::from_secs(700)).await;
        assert_eq!(cache.get().await.unwrap().0, "Bearer tok-3");
    }

    /// Concurrent callers share one refresh.
    #[tokio::test(start_paused = true)]
    async fn single_flight() {
        let cred = CountingCredential::new(Duration::from_secs(1), Duration::from_secs(3600));
        let cache = cache(&cred);
        let mut tasks = Vec::new();
        for _ in 0..16 {
            let c = cache.clone();
            tasks.push(tokio::spawn(async move { c.get().await.unwrap().0 }));
        }
        for t in tasks {
            assert_eq!(t.await.unwrap(), "Bearer tok-1");
        }
        assert_eq!(cred.calls.load(Ordering::SeqCst), 1);
    }

    /// Invalidation drops only the rejected generation.
    #[tokio::test(start_paused = true)]
    async fn invalidate_by_generation() {
        let cred = CountingCredential::new(Duration::ZERO, Duration::from_secs(3600));
        let cache = cache(&cred);
        let (_, g1) = cache.get().await.unwrap();
        cache.invalidate(g1);
        let (h2, g2) = cache.get().await.unwrap();
        assert_eq!(h2, "Bearer tok-2");
        cache.invalidate(g1); // stale: keeps tok-2
        assert_eq!(cache.get().await.unwrap(), (h2, g2));
    }

    /// An empty token fails the call.
    #[tokio::test]
    async fn empty_token_is_an_error() {
        let cache = Arc::new(TokenCache::new(
            Arc::new(StaticTokenCredential::new("")),
            vec!["s".into()],
        ));
        let err = cache.get().await.unwrap_err();
        assert!(matches!(err.kind(), crate::ErrorKind::Credential));
    }

    #[test]
    fn cae_challenge_parsing() {
        let h = r#"Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnt9fQ==""#;
        assert_eq!(
            cae_claims(h).as_deref(),
            Some("eyJhY2Nlc3NfdG9rZW4iOnt9fQ==")
        );
        assert_eq!(cae_claims(r#"Bearer error="invalid_token""#), None);
    }
}
