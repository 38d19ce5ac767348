//! Structured outputs: a `text.format` from a Rust type (feature `schemars`) and a typed parse
//! of the answer (always available).

use core_http::Error;
use openai_types::responses::{Response, ResponseStatus};
use serde::de::DeserializeOwned;

/// Parses a response's output text as JSON into `T`.
///
/// Clear errors (all `ErrorKind::Decode`) instead of a confusing JSON error when the answer is
/// not a JSON document of the requested shape:
/// - the model refused (a `refusal` part): "the model refused to answer: …";
/// - the response is `incomplete` (e.g. `max_output_tokens` reached, content filter): the
///   JSON would be cut short;
/// - the response `failed` or was `cancelled`;
/// - there is no output text;
/// - the JSON does not match `T`: the message names the JSON path (``at `steps[2].output` ``).
///
/// ```
/// # #![allow(clippy::unwrap_used)]
/// use openai_responses::parse_response;
/// use openai_types::responses::Response;
///
/// #[derive(serde::Deserialize)]
/// struct Answer { city: String, population: u64 }
///
/// let response: Response = serde_json::from_value(serde_json::json!({
///     "id": "resp_1", "object": "response", "created_at": 1, "status": "completed", "model": "m",
///     "output": [{"type": "message", "id": "msg_1", "role": "assistant", "status": "completed",
///       "content": [{"type": "output_text", "annotations": [],
///                    "text": "{\"city\":\"Paris\",\"population\":\"many\"}"}]}]
/// })).unwrap();
/// let err = parse_response::<Answer>(&response).err().unwrap();
/// assert_eq!(err.to_string(), "failed to decode Answer at `population`");
/// ```
pub fn parse_response<T: DeserializeOwned>(response: &Response) -> Result<T, Error> {
    if let Some(refusal) = response.refusal() {
        return Err(Error::decode(format!(
            "the model refused to answer: {refusal}"
        )));
    }
    match &response.status {
        Some(ResponseStatus::Incomplete) => {
            let reason = response
                .incomplete_details
                .as_ref()
                .and_then(|d| d.reason.as_ref())
                .map_or("unknown", |r| r.as_str());
            return Err(Error::decode(format!(
                "the response is incomplete ({reason}) and its JSON cannot be parsed; \
                 raise max_output_tokens if the answer was cut short"
            )));
        }
        Some(ResponseStatus::Failed) => {
            let detail = response
                .error
                .as_ref()
                .map(|e| format!(": {}", e.message))
                .unwrap_or_default();
            return Err(Error::decode(format!(
                "the response failed and has no answer to parse{detail}"
            )));
        }
        Some(ResponseStatus::Cancelled) => {
            return Err(Error::decode(
                "the response was cancelled and has no answer to parse",
            ));
        }
        _ => {}
    }
    let text = response.output_text();
    if text.is_empty() {
        return Err(Error::decode("the response has no output text to parse"));
    }
    core_http::decode_json::<T>(text.as_bytes(), None)
}

/// A strict `json_schema` text format for `T`, named after the type: set it as
/// `text.format` of a request (what [`Responses::parse`](crate::Responses::parse) does).
///
/// The schema fits OpenAI's strict structured outputs: every object gets
/// `additionalProperties: false` and lists all its properties as `required` (optional fields
/// stay nullable).
///
/// ```
/// use openai_responses::text_format_for;
/// use openai_types::responses::TextFormat;
///
/// #[derive(schemars::JsonSchema, serde::Deserialize)]
/// struct Answer { city: String, population: Option<u64> }
///
/// let TextFormat::JsonSchema(format) = text_format_for::<Answer>() else { panic!() };
/// assert_eq!(format.name, "Answer");
/// assert_eq!(format.strict, Some(true));
/// assert_eq!(format.schema["additionalProperties"], false);
/// ```
#[cfg(feature = "schemars")]
pub fn text_format_for<T: schemars::JsonSchema>() -> openai_types::responses::TextFormat {
    openai_types::responses::TextFormat::json_schema(
        openai_types::schema::schema_name_for::<T>(),
        openai_types::schema::strict_schema_for::<T>(),
    )
}
