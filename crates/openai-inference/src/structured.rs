//! Structured outputs: a `response_format` from a Rust type (feature `schemars`) and a typed
//! parse of the answer (always available).

use core_http::Error;
use openai_types::chat::{ChatCompletion, FinishReason};
use serde::de::DeserializeOwned;

/// Parses the text of choice 0 as JSON into `T`.
///
/// Clear errors (all `ErrorKind::Decode`) instead of a confusing JSON error when the answer is
/// not a JSON document of the requested shape:
/// - the model refused (`message.refusal`): "the model refused to answer: ...";
/// - the answer was cut short (`finish_reason: length`) or stopped by the content filter
///   (`finish_reason: content_filter`), like openai-python's `LengthFinishReasonError` and
///   `ContentFilterFinishReasonError`;
/// - the JSON does not match `T`: the message names the JSON path (``at `steps[2].output` ``).
///
/// ```
/// # #![allow(clippy::unwrap_used)]
/// use openai_inference::parse_structured;
/// use openai_types::chat::ChatCompletion;
///
/// #[derive(serde::Deserialize)]
/// struct Answer { city: String, population: u64 }
///
/// let completion: ChatCompletion = serde_json::from_value(serde_json::json!({
///     "id": "c", "object": "chat.completion", "created": 1, "model": "m",
///     "choices": [{"index": 0, "finish_reason": "stop",
///                  "message": {"role": "assistant", "content": "{\"city\":\"Paris\",\"population\":\"many\"}"}}]
/// })).unwrap();
/// let err = parse_structured::<Answer>(&completion).err().unwrap();
/// assert_eq!(err.to_string(), "failed to decode Answer at `population`");
/// ```
pub fn parse_structured<T: DeserializeOwned>(completion: &ChatCompletion) -> Result<T, Error> {
    let Some(choice) = completion.choices.iter().find(|c| c.index == 0) else {
        return Err(Error::decode("the completion has no choice to parse"));
    };
    let message = choice.message.as_ref();
    if let Some(refusal) = message.and_then(|m| m.refusal.as_deref()) {
        return Err(Error::decode(format!(
            "the model refused to answer: {refusal}"
        )));
    }
    match &choice.finish_reason {
        Some(FinishReason::Length) => {
            return Err(Error::decode(
                "the answer was cut short (finish_reason: length) and cannot be parsed; raise max_completion_tokens",
            ));
        }
        Some(FinishReason::ContentFilter) => {
            return Err(Error::decode(
                "the answer was stopped by the content filter (finish_reason: content_filter)",
            ));
        }
        _ => {}
    }
    let Some(content) = message.and_then(|m| m.content.as_deref()) else {
        return Err(Error::decode("the answer has no content to parse"));
    };
    core_http::decode_json::<T>(content.as_bytes(), None)
}

/// A strict `json_schema` response format for `T`, named after the type.
///
/// The schema is made to fit OpenAI's strict structured outputs: every object gets
/// `additionalProperties: false` and lists all its properties as `required` (optional fields
/// stay nullable), `oneOf` becomes `anyOf`, and `format`s the service does not support
/// (`uint32`, `double`, ...) are dropped.
///
/// Property order: the model writes fields in schema order, which matters for
/// "reasoning first, answer last" types. `serde_json` keeps object keys sorted unless its
/// `preserve_order` feature is on; enable it in your application (`serde_json = { version =
/// "1", features = ["preserve_order"] }`) to keep the struct's declaration order.
///
/// ```
/// use openai_inference::response_format_for;
/// use openai_types::chat::ResponseFormat;
///
/// #[derive(schemars::JsonSchema, serde::Deserialize)]
/// struct Answer { city: String, population: Option<u64> }
///
/// let ResponseFormat::JsonSchema(format) = response_format_for::<Answer>() else { panic!() };
/// let schema = format.json_schema.schema.unwrap();
/// assert_eq!(format.json_schema.name, "Answer");
/// assert_eq!(schema["additionalProperties"], false);
/// assert_eq!(schema["required"], serde_json::json!(["city", "population"]));
/// ```
#[cfg(feature = "schemars")]
pub fn response_format_for<T: schemars::JsonSchema>() -> openai_types::chat::ResponseFormat {
    openai_types::chat::ResponseFormat::json_schema(
        openai_types::schema::schema_name_for::<T>(),
        openai_types::schema::strict_schema_for::<T>(),
    )
}

#[cfg(all(test, feature = "schemars"))]
mod tests {
    use super::*;
    use openai_types::chat::ResponseFormat;
    use serde_json::json;

    #[allow(dead_code)]
    #[derive(schemars::JsonSchema)]
    struct Step {
        explanation: String,
        output: String,
    }

    #[allow(dead_code)]
    #[derive(schemars::JsonSchema)]
    enum Mood {
        Happy,
        Sad { reason: String },
    }

    #[allow(dead_code)]
    #[derive(schemars::JsonSchema)]
    struct MathReasoning {
        steps: Vec<Step>,
        final_answer: String,
        confidence: Option<u32>,
        mood: Mood,
        /// A struct field literally named `properties` must stay a property.
        properties: Vec<String>,
    }

    #[test]
    fn schema_is_strict_everywhere() {
        let ResponseFormat::JsonSchema(format) = response_format_for::<MathReasoning>() else {
            panic!("not a json_schema format");
        };
        assert_eq!(format.json_schema.strict, Some(true));
        let schema = format.json_schema.schema.unwrap();
        assert!(schema.get("$schema").is_none());
        // Sorted: serde_json::Map keeps keys in order only with its `preserve_order` feature.
        assert_eq!(
            schema["required"],
            json!(["confidence", "final_answer", "mood", "properties", "steps"])
        );
        assert_eq!(schema["additionalProperties"], false);
        assert!(schema["properties"]["confidence"].get("format").is_none());
        assert_eq!(schema["properties"]["properties"]["type"], "array");
        assert!(schema["properties"]["properties"].get("required").is_none());
        let step = &schema["$defs"]["Step"];
        assert_eq!(step["additionalProperties"], false);
        assert_eq!(step["required"], json!(["explanation", "output"]));
        let text = schema.to_string();
        assert!(!text.contains("oneOf"), "{text}");
    }
}
