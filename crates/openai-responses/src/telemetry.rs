//! The GenAI telemetry of the Responses API (`gen_ai.operation.name` = `chat`, as the
//! conventions name it for OpenAI Responses; see `core_http::telemetry`).

use core_http::telemetry::{GenAiRequest, GenAiResponse, operation};
use openai_types::responses::{
    Response, ResponseCreateRequest, ResponseStatus, ResponseStreamEvent,
};

pub(crate) fn request(request: &ResponseCreateRequest) -> GenAiRequest {
    GenAiRequest::new(operation::CHAT)
        .temperature(request.temperature)
        .top_p(request.top_p)
        .max_tokens(request.max_output_tokens)
}

/// A response: its id, model and usage; as finish reason the reason it is incomplete, else
/// its status (`completed`, `failed`, …).
pub(crate) fn response(response: &Response, out: &mut GenAiResponse) {
    if !response.id.is_empty() {
        out.id = Some(response.id.clone());
    }
    if !response.model.is_empty() {
        out.model = Some(response.model.clone());
    }
    let incomplete = response
        .incomplete_details
        .as_ref()
        .and_then(|d| d.reason.as_ref())
        .filter(|_| response.status == Some(ResponseStatus::Incomplete));
    out.finish_reasons.clear();
    match (incomplete, &response.status) {
        (Some(reason), _) => out.finish_reasons.push(reason.as_str().to_owned()),
        (None, Some(status)) => out.finish_reasons.push(status.as_str().to_owned()),
        (None, None) => {}
    }
    if let Some(usage) = &response.usage {
        out.input_tokens = Some(usage.input_tokens);
        out.output_tokens = Some(usage.output_tokens);
    }
}

/// An event of a response stream: the events that carry the response (created, in progress,
/// completed, …) update the record; the last one wins.
pub(crate) fn event(event: &ResponseStreamEvent, out: &mut GenAiResponse) {
    if let Some(r) = event.response() {
        response(r, out);
    }
}
