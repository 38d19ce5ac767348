//! The `object` discriminator of hot response types, decoded without an allocation.
//!
//! Every streamed chunk repeats `"object": "chat.completion.chunk"`; as a `String` that is an
//! allocation, a copy and a free per chunk for a value that never changes. The known names
//! decode to a borrowed `&'static str`; anything else (a name the service adds later) is kept
//! as an owned string, so unknown values still round-trip.

use std::borrow::Cow;
use std::fmt;

use serde::Deserializer;
use serde::de::{Error, Visitor};

/// Names the service sends today, decoded without allocating.
const KNOWN: &[&str] = &[
    "chat.completion.chunk",
    "chat.completion",
    "text_completion",
    "",
];

pub(crate) fn deserialize<'de, D>(deserializer: D) -> Result<Cow<'static, str>, D::Error>
where
    D: Deserializer<'de>,
{
    struct NameVisitor;

    impl Visitor<'_> for NameVisitor {
        type Value = Cow<'static, str>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object name string")
        }

        fn visit_str<E: Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(match KNOWN.iter().find(|known| **known == v) {
                Some(known) => Cow::Borrowed(known),
                None => Cow::Owned(v.to_owned()),
            })
        }

        fn visit_string<E: Error>(self, v: String) -> Result<Self::Value, E> {
            Ok(match KNOWN.iter().find(|known| **known == v) {
                Some(known) => Cow::Borrowed(known),
                None => Cow::Owned(v),
            })
        }
    }

    deserializer.deserialize_str(NameVisitor)
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Holder {
        #[serde(deserialize_with = "super::deserialize")]
        object: Cow<'static, str>,
    }

    #[test]
    fn known_names_borrow_and_unknown_names_are_kept() {
        let known: Holder = serde_json::from_str(r#"{"object":"chat.completion.chunk"}"#).unwrap();
        assert!(matches!(
            known.object,
            Cow::Borrowed("chat.completion.chunk")
        ));
        let new: Holder = serde_json::from_str(r#"{"object":"chat.completion.v2"}"#).unwrap();
        assert!(matches!(new.object, Cow::Owned(ref s) if s == "chat.completion.v2"));
        let escaped: Holder = serde_json::from_str(r#"{"object":"text\u005fcompletion"}"#).unwrap();
        assert_eq!(escaped.object, "text_completion");
        assert!(serde_json::from_str::<Holder>(r#"{"object":7}"#).is_err());
    }
}
