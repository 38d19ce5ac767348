//! Moderations: deterministic verdicts from a small word list.
//!
//! Each input (a string, one entry of a list of strings, or one multimodal array of `text` and
//! `image_url` parts) gets one result. A category is flagged when the input's text contains one
//! of its words ([`WORDS`], whole words, case-insensitive); flagged categories score `0.97`,
//! the others a tiny score derived from a hash of the text, so replies are byte-stable.

use serde_json::{Map, Value, json};

use super::{Ctx, fnv1a, invalid_type, invalid_value, missing};
use crate::api::ApiReply;

/// The categories of `omni-moderation-*` models, in the service's order, with whether images
/// are checked for them.
const OMNI: [(&str, bool); 13] = [
    ("harassment", false),
    ("harassment/threatening", false),
    ("sexual", true),
    ("hate", false),
    ("hate/threatening", false),
    ("illicit", false),
    ("illicit/violent", false),
    ("self-harm/intent", true),
    ("self-harm/instructions", true),
    ("self-harm", true),
    ("sexual/minors", false),
    ("violence", true),
    ("violence/graphic", true),
];

/// `text-moderation-*` models have no `illicit` categories and no applied input types.
const LEGACY_EXCLUDED: [&str; 2] = ["illicit", "illicit/violent"];

/// The magic words: a whole word from the list flags the category (and only that one).
pub(crate) const WORDS: [(&str, &[&str]); 8] = [
    ("violence", &["kill", "murder", "stab", "shoot", "attack"]),
    ("violence/graphic", &["gore", "blood"]),
    ("hate", &["hate"]),
    ("harassment", &["idiot", "stupid"]),
    ("harassment/threatening", &["threaten"]),
    ("self-harm", &["suicide"]),
    ("sexual", &["sexual"]),
    ("illicit", &["steal", "drugs"]),
];

pub(super) fn create(ctx: &Ctx<'_>) -> Result<ApiReply, ApiReply> {
    let body = ctx.body()?;
    let model = match body.get("model") {
        None | Some(Value::Null) => "omni-moderation-latest".to_owned(),
        Some(Value::String(m)) => m.clone(),
        Some(other) => return Err(invalid_type("model", "a string", other)),
    };
    let legacy = model.starts_with("text-moderation");
    // Each entry: (text, has an image).
    let inputs: Vec<(String, bool)> = match body.get("input") {
        None | Some(Value::Null) => return Err(missing("input")),
        Some(Value::String(s)) => vec![(s.clone(), false)],
        Some(Value::Array(items)) if items.iter().all(Value::is_string) => items
            .iter()
            .map(|v| (v.as_str().unwrap_or_default().to_owned(), false))
            .collect(),
        Some(Value::Array(parts)) => vec![multimodal(parts, legacy)?],
        Some(other) => return Err(invalid_type("input", "a string or an array", other)),
    };
    if inputs.is_empty() {
        return Err(invalid_value(
            "input",
            "Invalid 'input': empty array. Expected an array with minimum length 1.".into(),
        ));
    }
    let results: Vec<Value> = inputs
        .iter()
        .map(|(text, image)| verdict(text, *image, legacy))
        .collect();
    Ok(ApiReply::ok(json!({
        "id": format!("modr-mock{}", ctx.n),
        "model": model,
        "results": results,
    })))
}

/// One multimodal input: its text parts joined, and whether it has an image.
fn multimodal(parts: &[Value], legacy: bool) -> Result<(String, bool), ApiReply> {
    let mut text = Vec::new();
    let mut image = false;
    for (i, part) in parts.iter().enumerate() {
        let param = format!("input[{i}]");
        match part.get("type").and_then(Value::as_str) {
            Some("text") => match part.get("text") {
                Some(Value::String(t)) => text.push(t.clone()),
                Some(other) => {
                    return Err(invalid_type(&format!("{param}.text"), "a string", other));
                }
                None => return Err(missing(&format!("{param}.text"))),
            },
            Some("image_url") => {
                let url = part
                    .get("image_url")
                    .and_then(|u| u.get("url"))
                    .and_then(Value::as_str)
                    .ok_or_else(|| missing(&format!("{param}.image_url.url")))?;
                if !(url.starts_with("https://")
                    || url.starts_with("http://")
                    || url.starts_with("data:image/"))
                {
                    return Err(invalid_value(
                        &format!("{param}.image_url.url"),
                        format!("Invalid image URL: '{url}'. Expected an http(s) or data URL."),
                    ));
                }
                if legacy {
                    return Err(invalid_value(
                        "input",
                        "Image inputs are only supported by omni-moderation models.".into(),
                    ));
                }
                image = true;
            }
            Some(other) => {
                return Err(invalid_value(
                    &format!("{param}.type"),
                    format!(
                        "Invalid value: '{other}'. Supported values are: 'text' and 'image_url'."
                    ),
                ));
            }
            None => return Err(invalid_type(&param, "an object with a type", part)),
        }
    }
    Ok((text.join(" "), image))
}

/// The categories `text` triggers.
pub(crate) fn flagged_categories(text: &str) -> Vec<&'static str> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    WORDS
        .iter()
        .filter(|(_, list)| list.iter().any(|w| words.iter().any(|x| x == w)))
        .map(|(category, _)| *category)
        .collect()
}

fn verdict(text: &str, image: bool, legacy: bool) -> Value {
    let hits = flagged_categories(text);
    let seed = fnv1a(text.as_bytes());
    let mut categories = Map::new();
    let mut scores = Map::new();
    let mut applied = Map::new();
    for (i, (name, images)) in OMNI.iter().enumerate() {
        if legacy && LEGACY_EXCLUDED.contains(name) {
            continue;
        }
        let hit = hits.contains(name);
        categories.insert((*name).into(), json!(hit));
        let low = ((seed >> (i * 4)) & 0xff) as f64 / 255.0 * 1e-4 + 1e-7;
        scores.insert((*name).into(), json!(if hit { 0.97 } else { low }));
        let mut types = vec!["text"];
        if image && *images {
            types.push("image");
        }
        applied.insert((*name).into(), json!(types));
    }
    let mut result = json!({
        "flagged": !hits.is_empty(),
        "categories": categories,
        "category_scores": scores,
    });
    if !legacy {
        result["category_applied_input_types"] = Value::Object(applied);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_flag_their_category_only() {
        assert_eq!(flagged_categories("I will KILL it"), ["violence"]);
        assert_eq!(flagged_categories("I hate killing"), ["hate"]);
        assert!(flagged_categories("a kind word").is_empty());
        let v = verdict("I hate you", true, false);
        assert_eq!(v["flagged"], true);
        assert_eq!(v["categories"]["hate"], true);
        assert_eq!(v["category_scores"]["hate"], 0.97);
        assert!(v["category_scores"]["violence"].as_f64().unwrap() < 0.001);
        assert_eq!(
            v["category_applied_input_types"]["violence"],
            json!(["text", "image"])
        );
        let legacy = verdict("x", false, true);
        assert!(legacy.get("category_applied_input_types").is_none());
        assert!(legacy["categories"].get("illicit").is_none());
    }
}
