//! `POST /embeddings`: one deterministic unit vector per input.
//!
//! The vector of an input is a pseudo-random sequence seeded by a hash of the input text (or of
//! its token ids), cut to `dimensions` (default 1536; 3072 for `*-3-large`) and normalised to
//! length 1 — so shortening with `dimensions` behaves like the service (truncate, renormalise)
//! and equal texts always embed equally. `encoding_format: "base64"` sends the little-endian
//! `f32` bytes, base64-encoded.

use base64::Engine as _;
use serde_json::{Value, json};

use super::{Ctx, count_tokens, fnv1a, int_field, invalid_value};
use crate::api::ApiReply;

pub(super) fn create(ctx: &Ctx<'_>) -> Result<ApiReply, ApiReply> {
    let body = ctx.body()?;
    let model = ctx.model(&body)?;
    let inputs = inputs(body.get("input"))?;
    let default_dims = if model.contains("3-large") {
        3072
    } else {
        1536
    };
    let dims = int_field(&body, "dimensions", default_dims, 1, 8192)? as usize;
    let base64 = match body.get("encoding_format") {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) if s == "float" => false,
        Some(Value::String(s)) if s == "base64" => true,
        Some(other) => {
            return Err(invalid_value(
                "encoding_format",
                format!(
                    "Invalid value for 'encoding_format': {other}. Supported values are: 'float' \
                     and 'base64'."
                ),
            ));
        }
    };
    let mut prompt_tokens = 0;
    let data: Vec<Value> = inputs
        .iter()
        .enumerate()
        .map(|(index, (key, tokens))| {
            prompt_tokens += tokens;
            let vector = vector(key, dims);
            let embedding = if base64 {
                let bytes: Vec<u8> = vector.iter().flat_map(|f| f.to_le_bytes()).collect();
                json!(base64::engine::general_purpose::STANDARD.encode(bytes))
            } else {
                Value::Array(vector.iter().map(|f| f32_json(*f)).collect())
            };
            json!({"object": "embedding", "index": index, "embedding": embedding})
        })
        .collect();
    Ok(ApiReply::ok(json!({
        "object": "list",
        "data": data,
        "model": model,
        "usage": {"prompt_tokens": prompt_tokens, "total_tokens": prompt_tokens},
    })))
}

/// `(seed text, token count)` per input.
fn inputs(input: Option<&Value>) -> Result<Vec<(String, u64)>, ApiReply> {
    let invalid = || {
        ApiReply::error(
            400,
            "'$.input' is invalid. Expected a non-empty string, an array of non-empty strings, \
             an array of token ids, or an array of arrays of token ids.",
            "invalid_request_error",
            Some("input"),
            None,
        )
    };
    let token_ids = |items: &[Value]| -> Option<(String, u64)> {
        (!items.is_empty() && items.iter().all(Value::is_u64))
            .then(|| (Value::Array(items.to_vec()).to_string(), items.len() as u64))
    };
    match input {
        None | Some(Value::Null) => Err(super::missing("input")),
        Some(Value::String(s)) if s.is_empty() => Err(invalid()),
        Some(Value::String(s)) => Ok(vec![(s.clone(), count_tokens(s).max(1))]),
        Some(Value::Array(items)) if items.is_empty() => Err(invalid()),
        Some(Value::Array(items)) => {
            if let Some(one) = token_ids(items) {
                return Ok(vec![one]);
            }
            items
                .iter()
                .map(|item| match item {
                    Value::String(s) if !s.is_empty() => Ok((s.clone(), count_tokens(s).max(1))),
                    Value::Array(ids) => token_ids(ids).ok_or_else(invalid),
                    _ => Err(invalid()),
                })
                .collect()
        }
        Some(_) => Err(invalid()),
    }
}

/// A unit vector of `dims` components seeded by `key`.
pub(crate) fn vector(key: &str, dims: usize) -> Vec<f32> {
    let mut state = fnv1a(key.as_bytes());
    let raw: Vec<f64> = (0..dims)
        .map(|_| {
            // splitmix64: a fixed, portable generator (no dependency, same output everywhere).
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^= z >> 31;
            (z >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
        })
        .collect();
    let norm = raw.iter().map(|x| x * x).sum::<f64>().sqrt();
    if norm == 0.0 {
        let mut unit = vec![0.0; dims];
        if let Some(first) = unit.first_mut() {
            *first = 1.0;
        }
        return unit;
    }
    raw.iter().map(|x| (x / norm) as f32).collect()
}

/// An `f32` as JSON with its shortest decimal form (`0.031546354`, like the service), rather
/// than the longer digits of its `f64` widening.
fn f32_json(value: f32) -> Value {
    let shortest: f64 = value.to_string().parse().unwrap_or(f64::from(value));
    json!(shortest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vectors_are_unit_length_and_deterministic() {
        let a = vector("hello", 1536);
        assert_eq!(a, vector("hello", 1536));
        assert_ne!(a, vector("hellp", 1536));
        let norm: f64 = a.iter().map(|x| f64::from(*x).powi(2)).sum::<f64>().sqrt();
        assert!((norm - 1.0).abs() < 1e-4, "{norm}");
        let one = vector("x", 1);
        assert!((one[0].abs() - 1.0).abs() < 1e-6);
    }

    #[test]
    fn f32_keeps_its_short_form() {
        assert_eq!(f32_json(0.1f32).to_string(), "0.1");
        assert_eq!(f32_json(-0.031546354f32).to_string(), "-0.031546354");
    }
}
