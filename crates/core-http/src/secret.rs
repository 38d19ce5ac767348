//! `Secret`: the one type that holds API keys and tokens.
//!
//! Everything that could print a credential (`Debug`, `Display`, error messages, tracing fields)
//! sees `Secret(***)`. There is no `Serialize` and no `Deref`: the only way to the value is
//! [`Secret::expose`], which the auth layer calls when it writes the header.

use std::fmt;

/// A credential value (API key or access token) that never prints itself.
///
/// Why a newtype and not a `String`: a `String` field ends up in a derived `Debug` sooner or
/// later. This type makes the leak impossible by construction.
///
/// ```
/// use core_http::Secret;
/// let key = Secret::new("sk-live-123");
/// assert_eq!(format!("{key:?} {key}"), "Secret(***) Secret(***)");
/// assert_eq!(key.expose(), "sk-live-123");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Box<str>);

impl Secret {
    /// Wraps a credential value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into().into_boxed_str())
    }

    /// Returns the plain value. Call it only where the value goes on the wire.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// True when the value is empty (rejected by client validation).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self::new(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self::new(value)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Neither formatter shows the value.
    #[test]
    fn debug_and_display_are_redacted() {
        let s = Secret::from("sk-canary-123".to_string());
        assert_eq!(format!("{s:?}"), "Secret(***)");
        assert_eq!(format!("{s}"), "Secret(***)");
        assert_eq!(format!("{s:#?}"), "Secret(***)");
        assert_eq!(s.expose(), "sk-canary-123");
        assert!(!s.is_empty());
        assert!(Secret::new("").is_empty());
    }
}
