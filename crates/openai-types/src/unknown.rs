//! Carriers for wire values this release does not know yet.
//!
//! The service adds enum values and union members without notice. They decode into these types
//! and serialize back unchanged, so a new value never breaks a user's program.

use serde::{Serialize, Serializer};

/// An enum string value this version of the SDK does not know.
///
/// Opaque on purpose: only the SDK builds one (from a string that matched no known variant), so
/// `FinishReason::from("stop")` is always `FinishReason::Stop` and equality never lies.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(Box<str>);

impl UnknownValue {
    pub(crate) fn new(value: &str) -> Self {
        Self(value.into())
    }

    /// The value exactly as the service sent it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A member of a tagged union (`{"type": ..., ...}`) this version of the SDK does not know.
///
/// The whole JSON object is kept and serialized back verbatim.
#[derive(Clone, Debug, PartialEq)]
pub struct UnknownObject {
    raw: serde_json::Value,
}

impl UnknownObject {
    pub(crate) fn new(raw: serde_json::Value) -> Self {
        Self { raw }
    }

    /// The union tag (the `type` field, or the field the union is keyed by), if present.
    pub fn kind(&self) -> Option<&str> {
        self.raw.get("type").and_then(serde_json::Value::as_str)
    }

    /// The object exactly as received.
    pub fn raw(&self) -> &serde_json::Value {
        &self.raw
    }

    /// Takes the object out.
    pub fn into_raw(self) -> serde_json::Value {
        self.raw
    }
}

impl Serialize for UnknownObject {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.raw.serialize(serializer)
    }
}
