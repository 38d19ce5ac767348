//! `macro_rules!` helpers that give every wire enum and union the same forward-compatible
//! behavior (no proc macros: they cost build time on small machines).

/// Defines an open string enum: known variants plus `Unknown(UnknownValue)`.
///
/// Generated: `as_str()`, `From<&str>`, `From<String>`, `Display`, `Serialize` (the string) and
/// `Deserialize` (known values never allocate; unknown ones round-trip byte for byte).
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $value:literal
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        ///
        /// This enum is open: values added by the service after this release decode into
        /// `Unknown` and serialize back unchanged. Match known variants, then fall back on
        /// `as_str()` for values this release does not name.
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        $vis enum $name {
            $(
                $(#[$vmeta])*
                $variant,
            )+
            /// A value this version of the SDK does not know; `as_str()` returns it verbatim.
            Unknown($crate::UnknownValue),
        }

        impl $name {
            /// The wire string of this value.
            $vis fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)+
                    Self::Unknown(value) => value.as_str(),
                }
            }
        }

        impl ::core::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($value => Self::$variant,)+
                    other => Self::Unknown($crate::UnknownValue::new(other)),
                }
            }
        }

        impl ::core::convert::From<::std::string::String> for $name {
            fn from(value: ::std::string::String) -> Self {
                Self::from(value.as_str())
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                struct Visitor;
                impl ::serde::de::Visitor<'_> for Visitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(concat!("a string (", stringify!($name), ")"))
                    }
                    fn visit_str<E: ::serde::de::Error>(self, value: &str) -> ::core::result::Result<$name, E> {
                        Ok($name::from(value))
                    }
                }
                deserializer.deserialize_str(Visitor)
            }
        }
    };
}

/// Defines an open tagged union keyed by its `"type"` field: known variants, each
/// wrapping a struct that holds the other fields, plus `Unknown(UnknownObject)` which keeps the
/// whole object.
///
/// Deserialization reads the object's entries in order until it meets `"type"`; a known tag
/// then decodes its member straight from the rest of the object (the service writes `type`
/// first, so usually nothing is buffered and the text is parsed once). Entries before the tag
/// are buffered as JSON values and handed to the member first, so it sees the whole object;
/// an unknown or missing tag keeps the whole object in `Unknown`.
/// Serialization writes the tag first, then the variant's fields, without buffering.
macro_rules! tagged_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident($inner:ty) = $value:literal
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        ///
        /// This union is open: members added by the service after this release decode into
        /// `Unknown`, which keeps the whole JSON object and serializes it back unchanged.
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        $vis enum $name {
            $(
                $(#[$vmeta])*
                $variant($inner),
            )+
            /// A member this version of the SDK does not know, kept verbatim.
            Unknown($crate::UnknownObject),
        }

        impl $name {
            /// The tag of this member, as on the wire.
            $vis fn kind(&self) -> &str {
                match self {
                    $(Self::$variant(_) => $value,)+
                    Self::Unknown(obj) => obj.raw()
                        .get("type")
                        .and_then(::serde_json::Value::as_str)
                        .unwrap_or(""),
                }
            }
        }

        $(
            impl ::core::convert::From<$inner> for $name {
                fn from(value: $inner) -> Self {
                    Self::$variant(value)
                }
            }
        )+

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                match self {
                    $(
                        Self::$variant(inner) => $crate::macros::Tagged {
                            kind: $value,
                            inner,
                        }
                        .serialize(serializer),
                    )+
                    Self::Unknown(obj) => obj.serialize(serializer),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                deserializer.deserialize_map($crate::macros::TaggedVisitor::<Self>::new())
            }
        }

        impl $crate::macros::TaggedUnion for $name {
            const NAME: &'static str = stringify!($name);

            fn knows(kind: &str) -> bool {
                matches!(kind, $($value)|+)
            }

            fn member<'de, D: ::serde::Deserializer<'de>>(kind: &str, deserializer: D) -> ::core::result::Result<Self, D::Error> {
                match kind {
                    $(
                        $value => <$inner as ::serde::Deserialize>::deserialize(deserializer)
                            .map(Self::$variant),
                    )+
                    _ => Err(<D::Error as ::serde::de::Error>::custom(concat!(
                        "not a member of ", stringify!($name)
                    ))),
                }
            }

            fn unknown(raw: ::serde_json::Value) -> Self {
                Self::Unknown($crate::UnknownObject::new(raw))
            }
        }
    };
}

/// Generates documented builder-style setters for optional request fields:
/// `fn field(self, value: impl Into<T>) -> Self` sets `Some(value.into())`; fields written
/// `copy field: T` take exactly `T` (integers, so that `.n(2)` type-checks).
macro_rules! setters {
    (
        $ty:ty { $($fields:tt)* }
    ) => {
        setters!(@munch $ty; $($fields)*);
    };
    (@munch $ty:ty;) => {};
    // Integer fields take the exact type (`copy limit: u32`): `impl Into<u32>` would make a
    // bare literal like `.limit(20)` ambiguous and fail to compile.
    (@munch $ty:ty; $(#[$m:meta])* copy $field:ident : $fty:ty $(, $($rest:tt)*)?) => {
        impl $ty {
            $(#[$m])*
            #[doc = concat!("Sets `", stringify!($field), "` (omitted from the request when never set).")]
            #[must_use]
            pub fn $field(mut self, value: $fty) -> Self {
                self.$field = ::core::option::Option::Some(value);
                self
            }
        }
        setters!(@munch $ty; $($($rest)*)?);
    };
    (@munch $ty:ty; $(#[$m:meta])* $field:ident : $fty:ty $(, $($rest:tt)*)?) => {
        impl $ty {
            $(#[$m])*
            #[doc = concat!("Sets `", stringify!($field), "` (omitted from the request when never set).")]
            #[must_use]
            pub fn $field(mut self, value: impl ::core::convert::Into<$fty>) -> Self {
                self.$field = ::core::option::Option::Some(value.into());
                self
            }
        }
        setters!(@munch $ty; $($($rest)*)?);
    };
}

/// Generates the `extra(key, value)` setter of request types with an `extra` map.
macro_rules! extra_setter {
    ($($ty:ty),+ $(,)?) => {$(
        impl $ty {
            /// Sets a top-level field this release does not model, sent verbatim.
            /// `serde_json::Value::Null` sends an explicit `null` on purpose (for a field left
            /// unset here, so the key is not repeated).
            #[must_use]
            pub fn extra(mut self, key: impl ::core::convert::Into<::std::string::String>, value: ::serde_json::Value) -> Self {
                self.extra.insert(key.into(), value);
                self
            }
        }
    )+};
}

pub(crate) use {extra_setter, setters, string_enum, tagged_enum};

/// Serializes `{"type": "<kind>", ...inner fields}` without buffering.
#[derive(serde::Serialize)]
pub(crate) struct Tagged<'a, T: serde::Serialize> {
    #[serde(rename = "type")]
    pub(crate) kind: &'static str,
    #[serde(flatten)]
    pub(crate) inner: &'a T,
}

/// What `tagged_enum!` generates for [`TaggedVisitor`].
pub(crate) trait TaggedUnion: Sized {
    /// The type's name, for "expected a JSON object for …".
    const NAME: &'static str;
    /// Whether `kind` is the tag of a known member.
    fn knows(kind: &str) -> bool;
    /// Decodes the known member tagged `kind` from `deserializer` (the whole object).
    fn member<'de, D: serde::Deserializer<'de>>(
        kind: &str,
        deserializer: D,
    ) -> Result<Self, D::Error>;
    /// The `Unknown` member holding `raw`.
    fn unknown(raw: serde_json::Value) -> Self;
}

/// Decodes an open tagged union from a JSON object in one pass (see `tagged_enum!`).
pub(crate) struct TaggedVisitor<T>(std::marker::PhantomData<T>);

impl<T> TaggedVisitor<T> {
    pub(crate) fn new() -> Self {
        TaggedVisitor(std::marker::PhantomData)
    }
}

/// An object key: `type`, or any other (kept for buffering).
enum Key {
    Type,
    Other(String),
}

impl<'de> serde::Deserialize<'de> for Key {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Key;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object key")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Key, E> {
                Ok(if v == "type" {
                    Key::Type
                } else {
                    Key::Other(v.to_owned())
                })
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Key, E> {
                Ok(if v == "type" {
                    Key::Type
                } else {
                    Key::Other(v)
                })
            }
        }
        deserializer.deserialize_str(V)
    }
}

/// The value of `type`: text (borrowed from the input where it can be), or anything else.
enum Tag<'de> {
    Borrowed(&'de str),
    Owned(String),
    Other(serde_json::Value),
}

impl Tag<'_> {
    fn as_str(&self) -> Option<&str> {
        match self {
            Tag::Borrowed(s) => Some(s),
            Tag::Owned(s) => Some(s),
            Tag::Other(_) => None,
        }
    }

    fn into_value(self) -> serde_json::Value {
        match self {
            Tag::Borrowed(s) => serde_json::Value::String(s.to_owned()),
            Tag::Owned(s) => serde_json::Value::String(s),
            Tag::Other(v) => v,
        }
    }
}

impl<'de> serde::Deserialize<'de> for Tag<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::Deserialize as _;
        use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
        use serde_json::Value;
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Tag<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Tag<'de>, E> {
                Ok(Tag::Borrowed(v))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Tag<'de>, E> {
                Ok(Tag::Owned(v.to_owned()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Tag<'de>, E> {
                Ok(Tag::Owned(v))
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Tag<'de>, E> {
                Ok(Tag::Other(Value::Bool(v)))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Tag<'de>, E> {
                Ok(Tag::Other(Value::from(v)))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Tag<'de>, E> {
                Ok(Tag::Other(Value::from(v)))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Tag<'de>, E> {
                Ok(Tag::Other(Value::from(v)))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Tag<'de>, E> {
                Ok(Tag::Other(Value::Null))
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<Tag<'de>, E> {
                Ok(Tag::Other(Value::Null))
            }
            fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Tag<'de>, D::Error> {
                Tag::deserialize(d)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Tag<'de>, A::Error> {
                Value::deserialize(SeqAccessDeserializer::new(seq)).map(Tag::Other)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Tag<'de>, A::Error> {
                Value::deserialize(MapAccessDeserializer::new(map)).map(Tag::Other)
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// The object's entries for its member: those buffered before `type`, then `type`, then the
/// rest straight from the input.
struct Replay<'de, A> {
    before: std::vec::IntoIter<(String, serde_json::Value)>,
    tag: Option<Tag<'de>>,
    /// The value of the key just handed out from the buffer.
    value: Option<Pending<'de>>,
    rest: A,
}

enum Pending<'de> {
    Value(serde_json::Value),
    Tag(Tag<'de>),
}

impl<'de, A: serde::de::MapAccess<'de>> serde::de::MapAccess<'de> for Replay<'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        use serde::de::IntoDeserializer;
        if let Some((key, value)) = self.before.next() {
            self.value = Some(Pending::Value(value));
            return seed.deserialize(key.into_deserializer()).map(Some);
        }
        if let Some(tag) = self.tag.take() {
            self.value = Some(Pending::Tag(tag));
            return seed
                .deserialize(serde::de::value::BorrowedStrDeserializer::new("type"))
                .map(Some);
        }
        self.rest.next_key_seed(seed)
    }

    fn next_value_seed<V: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, A::Error> {
        use serde::de::Error as _;
        use serde::de::IntoDeserializer;
        match self.value.take() {
            None => self.rest.next_value_seed(seed),
            Some(Pending::Value(v)) => seed.deserialize(v).map_err(A::Error::custom),
            Some(Pending::Tag(Tag::Borrowed(s))) => {
                seed.deserialize(serde::de::value::BorrowedStrDeserializer::new(s))
            }
            Some(Pending::Tag(Tag::Owned(s))) => seed.deserialize(s.into_deserializer()),
            Some(Pending::Tag(Tag::Other(v))) => seed.deserialize(v).map_err(A::Error::custom),
        }
    }
}

impl<'de, T: TaggedUnion> serde::de::Visitor<'de> for TaggedVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "a JSON object for {}", T::NAME)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut before = Vec::new();
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Other(key) => {
                    let value: serde_json::Value = map.next_value()?;
                    before.push((key, value));
                }
                Key::Type => {
                    let tag: Tag<'de> = map.next_value()?;
                    if tag.as_str().is_some_and(T::knows) {
                        let kind = match &tag {
                            Tag::Borrowed(s) => KindRef::Borrowed(s),
                            Tag::Owned(s) => KindRef::Owned(s.clone()),
                            Tag::Other(_) => KindRef::Borrowed(""),
                        };
                        let replay = Replay {
                            before: before.into_iter(),
                            tag: Some(tag),
                            value: None,
                            rest: map,
                        };
                        return T::member(
                            kind.as_str(),
                            serde::de::value::MapAccessDeserializer::new(replay),
                        );
                    }
                    // Unknown or not text: keep the whole object.
                    let mut raw = serde_json::Map::new();
                    raw.extend(before);
                    raw.insert("type".to_owned(), tag.into_value());
                    while let Some((k, v)) = map.next_entry::<String, serde_json::Value>()? {
                        raw.insert(k, v);
                    }
                    return Ok(T::unknown(serde_json::Value::Object(raw)));
                }
            }
        }
        // No `type` at all.
        Ok(T::unknown(serde_json::Value::Object(
            before.into_iter().collect(),
        )))
    }
}

/// The tag, kept apart from the `Tag` that moves into the replay.
enum KindRef<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl KindRef<'_> {
    fn as_str(&self) -> &str {
        match self {
            KindRef::Borrowed(s) => s,
            KindRef::Owned(s) => s,
        }
    }
}

#[cfg(test)]
// The test types are private, so the `pub fn`s that `setters!` generates are unreachable here.
#[allow(unreachable_pub)]
mod tests {
    use serde::{Deserialize, Serialize};
    use serde_json::json;

    string_enum! {
        /// Test enum.
        enum Color {
            /// Red.
            Red = "red",
            /// Light blue.
            LightBlue = "light_blue",
        }
    }

    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    struct Circle {
        radius: f64,
    }

    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    struct Empty {}

    tagged_enum! {
        /// Test union.
        enum Shape {
            /// A circle.
            Circle(Circle) = "circle",
            /// No payload.
            Dot(Empty) = "dot",
        }
    }

    #[derive(Debug, Default, Serialize)]
    struct Req {
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        count: Option<u32>,
    }
    setters! { Req { name: String, copy count: u32 } }

    #[test]
    fn string_enum_known_and_unknown_round_trip() {
        let known: Color = serde_json::from_str("\"light_blue\"").unwrap();
        assert_eq!(known, Color::LightBlue);
        assert_eq!(serde_json::to_string(&known).unwrap(), "\"light_blue\"");
        let unknown: Color = serde_json::from_str("\"ultra_violet\"").unwrap();
        assert_eq!(unknown.as_str(), "ultra_violet");
        assert_eq!(serde_json::to_string(&unknown).unwrap(), "\"ultra_violet\"");
        assert_eq!(Color::from("red"), Color::Red);
        assert_eq!(Color::from("red".to_string()).to_string(), "red");
        assert!(serde_json::from_str::<Color>("3").is_err());
    }

    #[test]
    fn tagged_enum_known_unknown_and_errors() {
        let c: Shape = serde_json::from_value(json!({"type": "circle", "radius": 2.0})).unwrap();
        assert_eq!(c, Shape::Circle(Circle { radius: 2.0 }));
        assert_eq!(c.kind(), "circle");
        assert_eq!(
            serde_json::to_value(&c).unwrap(),
            json!({"type": "circle", "radius": 2.0})
        );
        let d: Shape = serde_json::from_value(json!({"type": "dot"})).unwrap();
        assert_eq!(serde_json::to_value(&d).unwrap(), json!({"type": "dot"}));
        let raw = json!({"type": "hexagon", "sides": 6, "nested": {"a": [1, 2]}});
        let u: Shape = serde_json::from_value(raw.clone()).unwrap();
        assert_eq!(u.kind(), "hexagon");
        assert_eq!(serde_json::to_value(&u).unwrap(), raw);
        let err = serde_json::from_value::<Shape>(json!({"type": "circle", "radius": "x"}));
        assert!(err.unwrap_err().to_string().contains("invalid type"));
        assert!(serde_json::from_value::<Shape>(json!("circle")).is_err());
    }

    /// The text path: `type` first or after other members, unknown tags, odd tag values and
    /// errors all decode as they would through a JSON tree.
    #[test]
    fn tagged_enum_decodes_text_in_one_pass_wherever_the_tag_is() {
        let first: Shape = serde_json::from_str(r#"{"type":"circle","radius":2.0}"#).unwrap();
        assert_eq!(first, Shape::Circle(Circle { radius: 2.0 }));
        // Members before the tag are buffered and still reach the member.
        let later: Shape =
            serde_json::from_str(r#"{"radius":3.5,"id":"x","type":"circle","z":[1]}"#).unwrap();
        assert_eq!(later, Shape::Circle(Circle { radius: 3.5 }));
        // An escaped tag is still recognized.
        let escaped: Shape = serde_json::from_str(r#"{"type":"d\u006ft"}"#).unwrap();
        assert_eq!(escaped.kind(), "dot");
        // Unknown and non-text tags keep the whole object, members in order of arrival.
        let text = r#"{"a":1,"type":"hexagon","sides":6,"nested":{"b":[1,2]}}"#;
        let unknown: Shape = serde_json::from_str(text).unwrap();
        assert_eq!(unknown.kind(), "hexagon");
        assert_eq!(
            serde_json::to_value(&unknown).unwrap(),
            serde_json::from_str::<serde_json::Value>(text).unwrap()
        );
        for odd in [
            r#"{"type":7,"x":1}"#,
            r#"{"type":null}"#,
            r#"{"x":{"type":"dot"}}"#,
        ] {
            let u: Shape = serde_json::from_str(odd).unwrap();
            assert!(matches!(u, Shape::Unknown(_)), "{odd}");
            assert_eq!(
                serde_json::to_value(&u).unwrap(),
                serde_json::from_str::<serde_json::Value>(odd).unwrap()
            );
        }
        // A known tag with a bad member names the problem and where it is.
        let err = serde_json::from_str::<Shape>(r#"{"type":"circle","radius":"x"}"#)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("invalid type") && err.contains("column"),
            "{err}"
        );
        let err = serde_json::from_str::<Shape>(r#"{"type":"circle"}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("missing field `radius`"), "{err}");
        let err = serde_json::from_str::<Shape>(r#""circle""#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("a JSON object for Shape"), "{err}");
        // Inside a list, from bytes, and through a JSON tree alike.
        let list: Vec<Shape> =
            serde_json::from_slice(br#"[{"type":"dot"},{"id":1,"type":"circle","radius":1}]"#)
                .unwrap();
        assert_eq!(list[1], Shape::Circle(Circle { radius: 1.0 }));
    }

    #[test]
    fn setters_set_and_omit() {
        assert_eq!(serde_json::to_string(&Req::default()).unwrap(), "{}");
        let r = Req::default().name("x").count(3);
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            r#"{"name":"x","count":3}"#
        );
    }
}
