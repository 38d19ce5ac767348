//! JSON Schemas from Rust types for structured outputs and typed tools, in the subset strict
//! mode accepts (every property required, no additional properties, supported formats only).

use serde_json::Value;

/// The name a schema for `T` is sent under: the type's schema name with characters outside
/// `[A-Za-z0-9_-]` replaced, at most 64 characters.
pub fn schema_name_for<T: schemars::JsonSchema>() -> String {
    T::schema_name()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(64)
        .collect()
}

/// The strict-mode JSON Schema of `T`.
///
/// ```
/// #[derive(schemars::JsonSchema)]
/// struct City { name: String, population: Option<u64> }
///
/// let schema = openai_types::schema::strict_schema_for::<City>();
/// assert_eq!(schema["additionalProperties"], false);
/// assert_eq!(schema["required"], serde_json::json!(["name", "population"]));
/// ```
pub fn strict_schema_for<T: schemars::JsonSchema>() -> Value {
    let mut schema = schemars::SchemaGenerator::default()
        .into_root_schema_for::<T>()
        .to_value();
    if let Some(root) = schema.as_object_mut() {
        root.remove("$schema");
    }
    make_strict(&mut schema);
    schema
}

/// `format` values strict mode accepts.
const SUPPORTED_FORMATS: [&str; 9] = [
    "date-time",
    "time",
    "date",
    "duration",
    "email",
    "hostname",
    "ipv4",
    "ipv6",
    "uuid",
];

/// Rewrites a schema (walking only schema positions, never property names) for strict
/// mode.
pub fn make_strict(schema: &mut Value) {
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    if let Some(Value::String(format)) = object.get("format") {
        if !SUPPORTED_FORMATS.contains(&format.as_str()) {
            object.remove("format");
        }
    }
    if let Some(one_of) = object.remove("oneOf") {
        object.insert("anyOf".to_owned(), one_of);
    }
    if let Some(Value::Object(properties)) = object.get_mut("properties") {
        let names: Vec<Value> = properties.keys().cloned().map(Value::String).collect();
        properties.values_mut().for_each(make_strict);
        object.insert("required".to_owned(), Value::Array(names));
        object.insert("additionalProperties".to_owned(), Value::Bool(false));
    }
    for key in ["$defs", "definitions"] {
        if let Some(Value::Object(defs)) = object.get_mut(key) {
            defs.values_mut().for_each(make_strict);
        }
    }
    for key in ["anyOf", "allOf", "prefixItems"] {
        if let Some(Value::Array(items)) = object.get_mut(key) {
            items.iter_mut().for_each(make_strict);
        }
    }
    for key in ["items", "additionalProperties", "not"] {
        match object.get_mut(key) {
            Some(Value::Array(items)) => items.iter_mut().for_each(make_strict),
            Some(value @ Value::Object(_)) => make_strict(value),
            _ => {}
        }
    }
}
