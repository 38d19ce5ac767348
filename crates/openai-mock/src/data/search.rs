//! Text helpers for vector stores: chunking, term-overlap scoring, attribute filters, query
//! rewriting, and MD5 for upload checksums.

use serde_json::Value;

use crate::api::ApiReply;
use crate::inference::{invalid_type, invalid_value, missing};

/// Words dropped by `rewrite_query` (and ignored when scoring).
const STOPWORDS: [&str; 24] = [
    "a", "an", "and", "are", "can", "do", "does", "for", "how", "i", "in", "is", "it", "me", "my",
    "of", "on", "or", "the", "to", "what", "which", "who", "with",
];

/// Lower-case alphanumeric words of `text`.
pub(super) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The distinct non-stopword terms of a query, in first-seen order.
pub(super) fn query_terms(query: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in words(query) {
        if !STOPWORDS.contains(&w.as_str()) && !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

/// The deterministic rewrite of a query: its terms, space-separated.
pub(super) fn rewrite(query: &str) -> String {
    query_terms(query).join(" ")
}

/// The fraction of `terms` that occur in `chunk` (0 when there are no terms).
pub(super) fn score(terms: &[String], chunk: &str) -> f64 {
    if terms.is_empty() {
        return 0.0;
    }
    let chunk_words = words(chunk);
    let hits = terms.iter().filter(|t| chunk_words.contains(t)).count();
    hits as f64 / terms.len() as f64
}

/// Splits text into chunks of at most `max` whitespace-separated words, consecutive chunks
/// sharing `overlap` words (the static chunking strategy, with words standing in for tokens).
pub(super) fn chunks(text: &str, max: usize, overlap: usize) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return Vec::new();
    }
    let max = max.max(1);
    let step = max.saturating_sub(overlap).max(1);
    let mut out = Vec::new();
    let mut start = 0;
    loop {
        let end = (start + max).min(words.len());
        out.push(words[start..end].join(" "));
        if end == words.len() {
            return out;
        }
        start += step;
    }
}

/// Validates a `filters` object (comparison or compound) before it is used.
pub(super) fn check_filter(filter: &Value, param: &str) -> Result<(), ApiReply> {
    let Some(obj) = filter.as_object() else {
        return Err(invalid_type(param, "an object", filter));
    };
    let kind = obj
        .get("type")
        .and_then(Value::as_str)
        .ok_or_else(|| missing(&format!("{param}.type")))?;
    match kind {
        "and" | "or" => {
            let filters = obj
                .get("filters")
                .and_then(Value::as_array)
                .ok_or_else(|| missing(&format!("{param}.filters")))?;
            for (i, f) in filters.iter().enumerate() {
                check_filter(f, &format!("{param}.filters[{i}]"))?;
            }
            Ok(())
        }
        "eq" | "ne" | "gt" | "gte" | "lt" | "lte" | "in" | "nin" => {
            if !obj.get("key").is_some_and(Value::is_string) {
                return Err(missing(&format!("{param}.key")));
            }
            match obj.get("value") {
                None | Some(Value::Null) => Err(missing(&format!("{param}.value"))),
                Some(Value::Array(_)) if !matches!(kind, "in" | "nin") => Err(invalid_type(
                    &format!("{param}.value"),
                    "a string, number or boolean",
                    &Value::Array(Vec::new()),
                )),
                Some(_) => Ok(()),
            }
        }
        other => Err(invalid_value(
            &format!("{param}.type"),
            format!(
                "Invalid value: '{other}'. Supported values are: 'eq', 'ne', 'gt', 'gte', 'lt', \
                 'lte', 'in', 'nin', 'and' and 'or'."
            ),
        )),
    }
}

/// Whether `attributes` pass a (checked) filter. A missing attribute fails every comparison
/// except `ne` and `nin`.
pub(super) fn matches(filter: &Value, attributes: &Value) -> bool {
    let kind = filter.get("type").and_then(Value::as_str).unwrap_or("");
    match kind {
        "and" => filters(filter).iter().all(|f| matches(f, attributes)),
        "or" => filters(filter).iter().any(|f| matches(f, attributes)),
        _ => {
            let key = filter.get("key").and_then(Value::as_str).unwrap_or("");
            let want = filter.get("value").unwrap_or(&Value::Null);
            let got = attributes.get(key);
            match (kind, got) {
                ("ne" | "nin", None) => true,
                (_, None) => false,
                ("eq", Some(v)) => same(v, want),
                ("ne", Some(v)) => !same(v, want),
                ("in", Some(v)) => want
                    .as_array()
                    .is_some_and(|a| a.iter().any(|w| same(v, w))),
                ("nin", Some(v)) => !want
                    .as_array()
                    .is_some_and(|a| a.iter().any(|w| same(v, w))),
                (op, Some(v)) => match order(v, want) {
                    Some(o) => match op {
                        "gt" => o.is_gt(),
                        "gte" => o.is_ge(),
                        "lt" => o.is_lt(),
                        "lte" => o.is_le(),
                        _ => false,
                    },
                    None => false,
                },
            }
        }
    }
}

fn filters(filter: &Value) -> &[Value] {
    filter
        .get("filters")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn same(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

fn order(a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64()?.partial_cmp(&y.as_f64()?),
        (Value::String(x), Value::String(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

/// The MD5 digest of `data` as lower-case hex (RFC 1321).
pub(super) fn md5_hex(data: &[u8]) -> String {
    const S: [u32; 64] = [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5,
        9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10,
        15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ];
    let k: Vec<u32> = (0..64)
        .map(|i| ((i as f64 + 1.0).sin().abs() * 4_294_967_296.0) as u32)
        .collect();
    let mut state: [u32; 4] = [0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476];
    // Whole blocks straight from `data`; only the padded tail (one or two blocks) is copied.
    let full = data.len() / 64 * 64;
    let mut tail = data[full..].to_vec();
    tail.push(0x80);
    while tail.len() % 64 != 56 {
        tail.push(0);
    }
    tail.extend_from_slice(&(data.len() as u64).wrapping_mul(8).to_le_bytes());
    for block in data[..full].chunks_exact(64).chain(tail.chunks_exact(64)) {
        let m: Vec<u32> = block
            .chunks_exact(4)
            .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
            .collect();
        let [mut a, mut b, mut c, mut d] = state;
        for i in 0..64 {
            let (f, g) = match i / 16 {
                0 => ((b & c) | (!b & d), i),
                1 => ((d & b) | (!d & c), (5 * i + 1) % 16),
                2 => (b ^ c ^ d, (3 * i + 5) % 16),
                _ => (c ^ (b | !d), (7 * i) % 16),
            };
            let f = f.wrapping_add(a).wrapping_add(k[i]).wrapping_add(m[g]);
            a = d;
            d = c;
            c = b;
            b = b.wrapping_add(f.rotate_left(S[i]));
        }
        state[0] = state[0].wrapping_add(a);
        state[1] = state[1].wrapping_add(b);
        state[2] = state[2].wrapping_add(c);
        state[3] = state[3].wrapping_add(d);
    }
    state
        .iter()
        .flat_map(|w| w.to_le_bytes())
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn md5_matches_rfc_vectors() {
        assert_eq!(md5_hex(b""), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(md5_hex(b"abc"), "900150983cd24fb0d6963f7d28e17f72");
        assert_eq!(
            md5_hex(
                b"12345678901234567890123456789012345678901234567890123456789012345678901234567890"
            ),
            "57edf4a22be3c955ac49da2e2107b67a"
        );
        assert_eq!(
            md5_hex(&vec![b'a'; 1_000_000]),
            "7707d6ae4e027c70eea2a935c2296f21"
        );
    }

    #[test]
    fn scoring_and_chunks() {
        let terms = query_terms("What is the capital of France?");
        assert_eq!(terms, ["capital", "france"]);
        assert_eq!(score(&terms, "Paris is the capital of France."), 1.0);
        assert_eq!(score(&terms, "The capital city."), 0.5);
        assert_eq!(score(&terms, "nothing"), 0.0);
        assert_eq!(chunks("a b c d e", 2, 1), ["a b", "b c", "c d", "d e"]);
        assert_eq!(chunks("a b c", 10, 4), ["a b c"]);
    }

    #[test]
    fn filters_compare_and_combine() {
        let attrs = json!({"year": 2024, "team": "red"});
        let f = |v: Value| matches(&v, &attrs);
        assert!(f(json!({"type": "eq", "key": "team", "value": "red"})));
        assert!(f(json!({"type": "gte", "key": "year", "value": 2024})));
        assert!(!f(json!({"type": "gt", "key": "year", "value": 2024})));
        assert!(f(
            json!({"type": "in", "key": "team", "value": ["blue", "red"]})
        ));
        assert!(f(json!({"type": "nin", "key": "missing", "value": ["x"]})));
        assert!(f(json!({"type": "or", "filters": [
            {"type": "eq", "key": "team", "value": "blue"},
            {"type": "lt", "key": "year", "value": 2025}
        ]})));
        assert!(!f(json!({"type": "and", "filters": [
            {"type": "eq", "key": "team", "value": "red"},
            {"type": "ne", "key": "year", "value": 2024}
        ]})));
        assert!(check_filter(&json!({"type": "xx"}), "filters").is_err());
    }
}
