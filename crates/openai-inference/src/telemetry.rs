//! The GenAI telemetry of chat, completions and embeddings: what the request sets and what
//! the response reports (see `core_http::telemetry`).

use core_http::telemetry::{GenAiRequest, GenAiResponse, operation};
use openai_types::chat::{
    ChatCompletion, ChatCompletionChunk, ChatCompletionRequest, StopSequences,
};
use openai_types::completions::{Completion, CompletionRequest};
use openai_types::embeddings::EmbeddingResponse;
use openai_types::shared::CompletionUsage;

fn stop_sequences(request: GenAiRequest, stop: Option<&StopSequences>) -> GenAiRequest {
    match stop {
        None => request,
        Some(StopSequences::One(one)) => request.stop_sequences([one.as_str()]),
        Some(StopSequences::Many(many)) => request.stop_sequences(many.iter().map(String::as_str)),
        Some(_) => request,
    }
}

pub(crate) fn chat_request(request: &ChatCompletionRequest) -> GenAiRequest {
    let described = GenAiRequest::new(operation::CHAT)
        .temperature(request.temperature)
        .top_p(request.top_p)
        .frequency_penalty(request.frequency_penalty)
        .presence_penalty(request.presence_penalty)
        .max_tokens(request.max_completion_tokens.or(request.max_tokens))
        .seed(request.seed)
        .choice_count(request.n);
    stop_sequences(described, request.stop.as_ref())
}

/// What every chat and completion answer (or stream chunk) reports: id and model from the
/// first one that has them, the finish reasons that arrived, usage where present.
fn answer<'a>(
    out: &mut GenAiResponse,
    id: &str,
    model: &str,
    finish_reasons: impl Iterator<Item = &'a str>,
    usage: Option<&CompletionUsage>,
) {
    if out.id.is_none() && !id.is_empty() {
        out.id = Some(id.to_owned());
    }
    if out.model.is_none() && !model.is_empty() {
        out.model = Some(model.to_owned());
    }
    out.finish_reasons.extend(finish_reasons.map(str::to_owned));
    if let Some(usage) = usage {
        out.input_tokens = Some(usage.prompt_tokens);
        out.output_tokens = Some(usage.completion_tokens);
    }
}

pub(crate) fn chat_response(completion: &ChatCompletion, out: &mut GenAiResponse) {
    answer(
        out,
        &completion.id,
        &completion.model,
        completion
            .choices
            .iter()
            .filter_map(|c| c.finish_reason.as_ref())
            .map(|r| r.as_str()),
        completion.usage.as_ref(),
    );
}

/// One chunk of a chat stream: id and model from the first chunk that has them, a finish
/// reason per choice as it arrives, usage from the final chunk.
pub(crate) fn chat_chunk(chunk: &ChatCompletionChunk, out: &mut GenAiResponse) {
    answer(
        out,
        &chunk.id,
        &chunk.model,
        chunk
            .choices
            .iter()
            .filter_map(|c| c.finish_reason.as_ref())
            .map(|r| r.as_str()),
        chunk.usage.as_deref(),
    );
}

pub(crate) fn completion_request(request: &CompletionRequest) -> GenAiRequest {
    let described = GenAiRequest::new(operation::TEXT_COMPLETION)
        .temperature(request.temperature)
        .top_p(request.top_p)
        .frequency_penalty(request.frequency_penalty)
        .presence_penalty(request.presence_penalty)
        .max_tokens(request.max_tokens)
        .seed(request.seed)
        .choice_count(request.n);
    stop_sequences(described, request.stop.as_ref())
}

/// A completion, or one chunk of a completion stream (the same type).
pub(crate) fn completion_response(completion: &Completion, out: &mut GenAiResponse) {
    answer(
        out,
        &completion.id,
        &completion.model,
        completion
            .choices
            .iter()
            .filter_map(|c| c.finish_reason.as_ref())
            .map(|r| r.as_str()),
        completion.usage.as_ref(),
    );
}

pub(crate) fn embeddings_response(response: &EmbeddingResponse, out: &mut GenAiResponse) {
    if !response.model.is_empty() {
        out.model = Some(response.model.clone());
    }
    out.input_tokens = response.usage.as_ref().map(|u| u.prompt_tokens);
}
