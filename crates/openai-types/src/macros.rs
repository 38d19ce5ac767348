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
/// Deserialization buffers through `serde_json::Value` (these objects are small) so that an
/// unknown tag keeps its payload and a known tag with a bad payload gets a precise error.
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
                let raw = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let kind = raw.get("type").and_then(::serde_json::Value::as_str);
                match kind {
                    $(
                        Some($value) => <$inner as ::serde::Deserialize>::deserialize(raw)
                            .map(Self::$variant)
                            .map_err(<D::Error as ::serde::de::Error>::custom),
                    )+
                    _ if raw.is_object() => Ok(Self::Unknown($crate::UnknownObject::new(raw))),
                    _ => Err(<D::Error as ::serde::de::Error>::custom(concat!(
                        "expected a JSON object for ", stringify!($name)
                    ))),
                }
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
