//! Test support shared by every module of the `it` binary: locating `../shared`, loading the
//! specs once, reading recorded responses and SSE transcripts, a structural JSON-schema check and
//! a JSON comparison that names the paths that differ.
//!
//! Everything reads `../shared` in place (never copied into the repository); when it is absent
//! the helpers return `None`/empty and print a notice, so the tests skip instead of failing.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::OnceLock;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// `/work/shared` (the directory beside the repository), if present.
pub(crate) fn shared_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"));
    if dir.is_dir() {
        Some(dir)
    } else {
        // On CI the shared data must be present: a silent skip there would hide regressions.
        assert!(
            std::env::var_os("CI").is_none(),
            "{} not found and CI is set",
            dir.display()
        );
        eprintln!(
            "NOTICE: {} not found; skipping tests that need ../shared",
            dir.display()
        );
        None
    }
}

fn load_spec(cell: &'static OnceLock<Option<Value>>, file: &str) -> Option<&'static Value> {
    cell.get_or_init(|| {
        let path = shared_dir()?.join("specs").join(file);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) => {
                eprintln!("NOTICE: cannot read {}: {err}; skipping", path.display());
                return None;
            }
        };
        let parsed = if file.ends_with(".yaml") {
            serde_yaml_ng::from_str::<Value>(&widen_huge_integers(&text)).map_err(|e| e.to_string())
        } else {
            serde_json::from_str::<Value>(&text).map_err(|e| e.to_string())
        };
        // A spec that exists but does not parse is a real failure, not a skip.
        Some(parsed.unwrap_or_else(|e| panic!("{file} does not parse: {e}")))
    })
    .as_ref()
}

/// Rewrites integer scalars too large for i64 (the spec's `seed` bounds are ±9223372036854776000)
/// as floats, which both YAML and `serde_json::Value` accept.
fn widen_huge_integers(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.lines() {
        out.push_str(line);
        let value = line.rsplit_once(": ").map(|(_, v)| v.trim()).unwrap_or("");
        let digits = value.strip_prefix('-').unwrap_or(value);
        if digits.len() >= 19
            && digits.bytes().all(|b| b.is_ascii_digit())
            && value.parse::<i64>().is_err()
        {
            out.push_str(".0");
        }
        out.push('\n');
    }
    out
}

/// The OpenAI OpenAPI 3.1 spec (`specs/openai-openapi.yaml`), parsed once per test binary.
pub(crate) fn openai_spec() -> Option<&'static Value> {
    static CELL: OnceLock<Option<Value>> = OnceLock::new();
    load_spec(&CELL, "openai-openapi.yaml")
}

/// The Azure OpenAI inference spec (OpenAPI 3.0, 2024-10-21).
pub(crate) fn azure_inference_spec() -> Option<&'static Value> {
    static CELL: OnceLock<Option<Value>> = OnceLock::new();
    load_spec(&CELL, "azure-inference-2024-10-21.json")
}

/// The Azure OpenAI Assistants spec (Swagger 2.0, 2024-05-01-preview).
pub(crate) fn azure_assistants_spec() -> Option<&'static Value> {
    static CELL: OnceLock<Option<Value>> = OnceLock::new();
    load_spec(&CELL, "azure-assistants-2024-05-01-preview.json")
}

fn real_dir(category: &str) -> Option<PathBuf> {
    let dir = shared_dir()?.join("testdata").join("real").join(category);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("NOTICE: {} not found; skipping", dir.display());
        None
    }
}

fn sorted_entries(dir: &PathBuf, suffix: &str) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(suffix) && !name.ends_with(".meta.json")
        })
        .collect();
    paths.sort();
    paths
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_owned()
}

/// Every recorded JSON response of `testdata/real/<category>` as `(file name, whole record)`:
/// the record is `{"source", "service", "status", "endpoint", "headers", "body", ...}`.
pub(crate) fn real_records(category: &str) -> Vec<(String, Value)> {
    let Some(dir) = real_dir(category) else {
        return Vec::new();
    };
    sorted_entries(&dir, ".json")
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let value: Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (file_name(&path), value)
        })
        .collect()
}

/// Every recorded JSON response body of `testdata/real/<category>` as `(file name, body)`.
pub(crate) fn real_files(category: &str) -> Vec<(String, Value)> {
    real_records(category)
        .into_iter()
        .map(|(name, mut record)| {
            let body = record
                .get_mut("body")
                .map(Value::take)
                .unwrap_or_else(|| panic!("{name}: no body"));
            (name, body)
        })
        .collect()
}

/// Every recorded SSE transcript of `testdata/real/<category>` as `(file name, raw text)`.
pub(crate) fn real_sse(category: &str) -> Vec<(String, String)> {
    let Some(dir) = real_dir(category) else {
        return Vec::new();
    };
    sorted_entries(&dir, ".sse")
        .into_iter()
        .map(|path| (file_name(&path), std::fs::read_to_string(&path).unwrap()))
        .collect()
}

/// One server-sent event as split by [`sse_events`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SseEvent {
    /// The `event:` name, if any.
    pub(crate) event: Option<String>,
    /// The `data:` lines joined with `\n`.
    pub(crate) data: String,
}

/// A deliberately simple SSE splitter for recorded transcripts (the real parser lives in
/// `core-http` and has its own byte-split tests): events end at a blank line, `data:` lines are
/// joined with `\n`, one leading space is removed, comments and events without data are skipped.
pub(crate) fn sse_events(text: &str) -> Vec<SseEvent> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut events = Vec::new();
    let mut event: Option<String> = None;
    let mut data: Vec<&str> = Vec::new();
    let mut flush = |event: &mut Option<String>, data: &mut Vec<&str>| {
        if !data.is_empty() {
            events.push(SseEvent {
                event: event.take(),
                data: data.join("\n"),
            });
        }
        *event = None;
        data.clear();
    };
    for line in text.split('\n') {
        if line.is_empty() {
            flush(&mut event, &mut data);
            continue;
        }
        if line.starts_with(':') {
            continue;
        }
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line, ""),
        };
        match field {
            "data" => data.push(value),
            "event" => event = Some(value.to_owned()),
            _ => {}
        }
    }
    flush(&mut event, &mut data);
    events
}

/// The `data:` payloads of a chat/completions stream up to (not including) `[DONE]`.
pub(crate) fn sse_data(text: &str) -> Vec<String> {
    sse_events(text)
        .into_iter()
        .map(|e| e.data)
        .take_while(|d| d != "[DONE]")
        .collect()
}

// ---------------------------------------------------------------------------------------------
// JSON comparison
// ---------------------------------------------------------------------------------------------

/// Normalizes a concrete path (`choices[3].message`) to its pattern (`choices[].message`).
fn pattern(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push('[');
            }
            ']' => {
                in_index = false;
                out.push(']');
            }
            _ if in_index => {}
            _ => out.push(c),
        }
    }
    out
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn numbers_equal(a: &serde_json::Number, b: &serde_json::Number) -> bool {
    if a == b {
        return true;
    }
    match (a.as_f64(), b.as_f64()) {
        // f32 fields re-serialize with f32 precision; compare at that precision.
        (Some(x), Some(y)) => x == y || (x as f32) == (y as f32),
        _ => false,
    }
}

fn diff_into(expected: &Value, actual: &Value, path: &str, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            let keys: BTreeSet<&String> = e.keys().chain(a.keys()).collect();
            for key in keys {
                let ev = e.get(key.as_str()).unwrap_or(&Value::Null);
                let av = a.get(key.as_str()).unwrap_or(&Value::Null);
                diff_into(ev, av, &join(path, key), out);
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                out.push(format!("{path}: array length {} != {}", e.len(), a.len()));
            }
            for (i, (ev, av)) in e.iter().zip(a.iter()).enumerate() {
                diff_into(ev, av, &format!("{path}[{i}]"), out);
            }
        }
        (Value::Number(e), Value::Number(a)) if numbers_equal(e, a) => {}
        _ if expected == actual => {}
        _ => out.push(format!("{path}: expected {expected} got {actual}")),
    }
}

/// Paths where `actual` differs from `expected`. `null` and an absent key count as equal (we
/// omit unset optionals), numbers compare at f32 precision when they differ as f64.
pub(crate) fn json_diff(expected: &Value, actual: &Value) -> Vec<String> {
    let mut out = Vec::new();
    diff_into(expected, actual, "", &mut out);
    out
}

/// Decodes `value` as `T`, re-serializes it and asserts that nothing differs except below the
/// `unmodeled` path patterns (like `choices[].message.audio`; indices written as `[]`). Returns
/// the decoded value.
pub(crate) fn assert_round_trip<T: DeserializeOwned + Serialize>(
    name: &str,
    value: &Value,
    unmodeled: &[&str],
) -> T {
    let decoded: T = match serde_json::from_value(value.clone()) {
        Ok(decoded) => decoded,
        Err(err) => panic!(
            "{name}: does not decode as {}: {err}",
            std::any::type_name::<T>()
        ),
    };
    let again = serde_json::to_value(&decoded).unwrap();
    let diffs: Vec<String> = json_diff(value, &again)
        .into_iter()
        .filter(|d| {
            let path = pattern(d.split(':').next().unwrap_or(""));
            !unmodeled
                .iter()
                .any(|u| path == *u || path.starts_with(&format!("{u}.")))
        })
        .collect();
    assert!(
        diffs.is_empty(),
        "{name}: re-serialized {} differs from input:\n  {}",
        std::any::type_name::<T>(),
        diffs.join("\n  ")
    );
    decoded
}

// ---------------------------------------------------------------------------------------------
// Structural schema validation
// ---------------------------------------------------------------------------------------------

/// Validates `value` against the schema at `pointer` (`#/components/schemas/X` or
/// `#/definitions/X`) of `spec`.
///
/// A focused structural validator rather than a full JSON Schema engine, because the three specs
/// speak three dialects (OpenAPI 3.1 = JSON Schema 2020-12, OpenAPI 3.0 with `nullable`,
/// Swagger 2.0 with `x-nullable`). It checks `$ref`, `type` (string or list, `null`), `nullable`,
/// `enum`, `const`, `required`, `properties`, `additionalProperties`, `items`, `minItems`,
/// `maxItems`, `minimum`, `maximum`, `discriminator.mapping`, `allOf`, `anyOf` and `oneOf` (as
/// "at least one branch":
/// the OpenAI spec has overlapping branches). It is stricter than JSON Schema in one useful way:
/// a property that no branch of the object's schema declares is reported, unless the schema is
/// open (`additionalProperties` true or a schema, or no `properties` at all), so a misspelled
/// field name fails the test.
pub(crate) fn validate_against(
    spec: &Value,
    pointer: &str,
    value: &Value,
) -> Result<(), Vec<String>> {
    let schema = resolve(spec, pointer).unwrap_or_else(|| panic!("no schema at {pointer}"));
    let mut errors = Vec::new();
    check(spec, schema, value, "$", true, &mut errors, 0);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn resolve<'a>(spec: &'a Value, reference: &str) -> Option<&'a Value> {
    let pointer = reference.strip_prefix('#')?;
    spec.pointer(pointer)
}

fn type_matches(ty: &str, value: &Value) -> bool {
    match ty {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "string" => value.is_string(),
        "object" => value.is_object(),
        "array" => value.is_array(),
        "number" => value.is_number(),
        "integer" => {
            value.is_i64() || value.is_u64() || value.as_f64().is_some_and(|f| f.fract() == 0.0)
        }
        _ => true,
    }
}

fn is_nullable(schema: &Value) -> bool {
    schema.get("nullable").and_then(Value::as_bool) == Some(true)
        || schema.get("x-nullable").and_then(Value::as_bool) == Some(true)
}

/// Collects the property names an object schema declares across `$ref`/`allOf`/`anyOf`/`oneOf`;
/// returns false if the schema is open to any property.
fn declared(
    spec: &Value,
    schema: &Value,
    value: &Value,
    names: &mut BTreeSet<String>,
    depth: usize,
) -> bool {
    if depth > 64 {
        return false;
    }
    if let Some(mapped) = discriminated(spec, schema, value) {
        let mut mapped_names = BTreeSet::new();
        let closed = declared(spec, &mapped, value, &mut mapped_names, depth + 1);
        names.extend(mapped_names);
        if !closed {
            return false;
        }
    }
    let mut closed = true;
    let mut any_props = false;
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        match resolve(spec, reference) {
            Some(target) => {
                if !declared(spec, target, value, names, depth + 1) {
                    return false;
                }
                any_props = true;
            }
            None => return false,
        }
    }
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        names.extend(props.keys().cloned());
        any_props = true;
    }
    match schema.get("additionalProperties") {
        Some(Value::Bool(false)) | None => {}
        Some(_) => closed = false,
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        for sub in schema
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if !declared(spec, sub, value, names, depth + 1) {
                closed = false;
            }
            any_props = true;
        }
    }
    closed && any_props
}

/// OpenAPI `discriminator.mapping`: the subtype schema `value` selects, with the allOf references
/// back to discriminated base schemas removed (they would select the subtype again, forever).
fn discriminated(spec: &Value, schema: &Value, value: &Value) -> Option<Value> {
    let discriminator = schema.get("discriminator")?;
    let property = discriminator.get("propertyName")?.as_str()?;
    let tag = value.get(property)?.as_str()?;
    let target = discriminator.get("mapping")?.get(tag)?.as_str()?;
    let mut mapped = resolve(spec, target)?.clone();
    if let Some(all_of) = mapped.get_mut("allOf").and_then(Value::as_array_mut) {
        all_of.retain(|sub| {
            let base = sub
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| resolve(spec, r));
            base.is_none_or(|b| b.get("discriminator").is_none())
        });
    }
    Some(mapped)
}

fn check(
    spec: &Value,
    schema: &Value,
    value: &Value,
    path: &str,
    strict: bool,
    errors: &mut Vec<String>,
    depth: usize,
) {
    if depth > 128 {
        errors.push(format!("{path}: schema recursion too deep"));
        return;
    }
    let schema = match schema {
        Value::Bool(true) => return,
        Value::Bool(false) => {
            errors.push(format!("{path}: no value allowed"));
            return;
        }
        Value::Object(_) => schema,
        _ => return,
    };
    if value.is_null() && is_nullable(schema) {
        return;
    }
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        match resolve(spec, reference) {
            Some(target) => check(spec, target, value, path, strict, errors, depth + 1),
            None => errors.push(format!("{path}: unresolvable $ref {reference}")),
        }
    }
    match schema.get("type") {
        Some(Value::String(ty)) if !type_matches(ty, value) => {
            errors.push(format!("{path}: expected type {ty}, got {value}"));
            return;
        }
        Some(Value::Array(types))
            if !types
                .iter()
                .filter_map(Value::as_str)
                .any(|t| type_matches(t, value)) =>
        {
            errors.push(format!(
                "{path}: expected one of types {types:?}, got {value}"
            ));
            return;
        }
        _ => {}
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array) {
        if !options.contains(value) {
            errors.push(format!("{path}: {value} not in enum {options:?}"));
        }
    }
    if let Some(expected) = schema.get("const") {
        if expected != value {
            errors.push(format!("{path}: expected const {expected}, got {value}"));
        }
    }
    if let (Some(min), Some(n)) = (
        schema.get("minimum").and_then(Value::as_f64),
        value.as_f64(),
    ) {
        if n < min {
            errors.push(format!("{path}: {n} < minimum {min}"));
        }
    }
    if let (Some(max), Some(n)) = (
        schema.get("maximum").and_then(Value::as_f64),
        value.as_f64(),
    ) {
        if n > max {
            errors.push(format!("{path}: {n} > maximum {max}"));
        }
    }
    for sub in schema
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        check(spec, sub, value, path, false, errors, depth + 1);
    }
    if let Some(mapped) = discriminated(spec, schema, value) {
        check(spec, &mapped, value, path, false, errors, depth + 1);
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(branches) = schema.get(key).and_then(Value::as_array) {
            let mut branch_errors = Vec::new();
            let ok = branches.iter().any(|branch| {
                let mut errs = Vec::new();
                check(spec, branch, value, path, strict, &mut errs, depth + 1);
                let ok = errs.is_empty();
                branch_errors.push(errs);
                ok
            });
            if !ok {
                let best = branch_errors
                    .into_iter()
                    .min_by_key(Vec::len)
                    .unwrap_or_default();
                errors.push(format!(
                    "{path}: matches no {key} branch; closest: {best:?}"
                ));
            }
        }
    }
    if let Value::Object(map) = value {
        if let Some(required) = schema.get("required").and_then(Value::as_array) {
            for name in required.iter().filter_map(Value::as_str) {
                if !map.contains_key(name) {
                    errors.push(format!("{path}: missing required property `{name}`"));
                }
            }
        }
        let props = schema.get("properties").and_then(Value::as_object);
        for (key, item) in map {
            let child = format!("{path}.{key}");
            match props.and_then(|p| p.get(key)) {
                Some(prop) => check(spec, prop, item, &child, true, errors, depth + 1),
                None => {
                    if let Some(extra) = schema.get("additionalProperties") {
                        if extra.is_object() {
                            check(spec, extra, item, &child, true, errors, depth + 1);
                        } else if extra == &Value::Bool(false) {
                            errors.push(format!("{child}: additional property not allowed"));
                        }
                    }
                }
            }
        }
        // Only the outermost schema of a value judges undeclared properties (its allOf/anyOf
        // members each see only part of the declarations).
        if strict && (props.is_some() || schema.get("$ref").is_none()) {
            let mut names = BTreeSet::new();
            if declared(spec, schema, value, &mut names, 0) {
                for key in map.keys() {
                    if !names.contains(key) {
                        errors.push(format!("{path}.{key}: property not declared by the schema"));
                    }
                }
            }
        }
    }
    if let Value::Array(items) = value {
        if let Some(min) = schema.get("minItems").and_then(Value::as_u64) {
            if (items.len() as u64) < min {
                errors.push(format!("{path}: fewer than {min} items"));
            }
        }
        if let Some(max) = schema.get("maxItems").and_then(Value::as_u64) {
            if (items.len() as u64) > max {
                errors.push(format!("{path}: more than {max} items"));
            }
        }
        if let Some(item_schema) = schema.get("items") {
            for (i, item) in items.iter().enumerate() {
                check(
                    spec,
                    item_schema,
                    item,
                    &format!("{path}[{i}]"),
                    true,
                    errors,
                    depth + 1,
                );
            }
        }
    }
}

/// Response examples of the spec operation `operation_id` (from `x-oaiMeta.examples`), as
/// `(label, raw example text)`; the label is `<operationId>#<n> <title>`.
pub(crate) fn spec_response_examples(spec: &Value, operation_id: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Some(paths) = spec.get("paths").and_then(Value::as_object) else {
        return out;
    };
    for item in paths.values() {
        let Some(item) = item.as_object() else {
            continue;
        };
        for op in item.values() {
            if op.get("operationId").and_then(Value::as_str) != Some(operation_id) {
                continue;
            }
            let list: Vec<&Value> = match op.pointer("/x-oaiMeta/examples") {
                Some(Value::Array(list)) => list.iter().collect(),
                Some(other) => vec![other],
                None => Vec::new(),
            };
            for (i, example) in list.into_iter().enumerate() {
                let title = example
                    .get("title")
                    .and_then(Value::as_str)
                    .unwrap_or("default");
                if let Some(Value::String(text)) = example.get("response") {
                    out.push((format!("{operation_id}#{i} {title}"), text.clone()));
                }
            }
        }
    }
    out
}

/// Removes commas that directly precede `}` or `]` (outside strings): the spec's hand-written
/// examples have a few.
fn strip_trailing_commas(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        if c == '"' {
            in_string = true;
        }
        if c == ',' {
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            if matches!(next, Some('}') | Some(']')) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Splits one example text into JSON payloads: a single document, or several separated by blank
/// lines (stream examples, bare or as `event:`/`data:` SSE). Lines of only dots (`....`, the
/// spec's "more chunks here") are dropped; trailing commas are repaired. Each payload is `Ok` or
/// `Err(description)` when it still is not JSON (e.g. an elided `....` inside an array).
pub(crate) fn example_payloads(text: &str) -> Vec<Result<Value, String>> {
    let repaired = strip_trailing_commas(text);
    if let Ok(value) = serde_json::from_str::<Value>(&repaired) {
        return vec![Ok(value)];
    }
    let normalized = repaired.replace("\r\n", "\n");
    normalized
        .split("\n\n")
        .map(str::trim)
        .filter(|block| !block.is_empty() && !block.chars().all(|c| c == '.'))
        .map(|block| {
            let json = if block.starts_with("event:") || block.starts_with("data:") {
                sse_events(block)
                    .into_iter()
                    .map(|e| e.data)
                    .collect::<Vec<_>>()
                    .join("\n")
            } else {
                block.to_owned()
            };
            serde_json::from_str::<Value>(&json).map_err(|e| format!("{e}: {json}"))
        })
        .collect()
}
