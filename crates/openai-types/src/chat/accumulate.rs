//! Folding stream chunks into the completion they describe (pure; no I/O).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use super::chunk::{ChatCompletionChunk, ChunkDelta};
use super::request::ServiceTier;
use super::response::{
    Annotation, AzureMessageContext, ChatCompletion, ChatCompletionMessage, ChatRole, Choice,
    ChoiceLogprobs, FinishReason, MessageAudio,
};
use super::tool::{
    CustomCall, CustomToolCall, FunctionCall, FunctionToolCall, ToolCall, ToolCallDelta,
    ToolCallType,
};
use crate::shared::{CompletionUsage, ContentFilterResults, PromptFilterResult};

/// Folds [`ChatCompletionChunk`]s into the [`ChatCompletion`] they describe.
///
/// Rules:
/// - header fields (`id`, `model`, `created`, `system_fingerprint`, `service_tier`) come from
///   chunks with a non-empty `id`, so Azure's empty-id filter chunks never wipe them;
/// - `usage` is the last one received (the usage-only final chunk has `choices: []`);
/// - choices are keyed by `index`; `content` and `refusal` concatenate, `role` and
///   `finish_reason` keep the last value sent;
/// - tool calls are keyed by their `index`: `id`, `type` and the name are set when present,
///   `arguments` (and custom `input`) fragments concatenate in order;
/// - `logprobs.content`/`refusal` entries are appended once each;
/// - Azure `content_filter_results` keep the latest value, and chunks whose choices have no
///   `delta` change nothing else.
///
/// [`snapshot`](Self::snapshot) works at any point, so a stream that fails half way loses
/// nothing already received; [`finish`](Self::finish) additionally checks that the stream was
/// complete.
///
/// ```
/// use openai_types::chat::{ChatCompletionAccumulator, ChatCompletionChunk};
///
/// let mut acc = ChatCompletionAccumulator::new();
/// for data in [
///     r#"{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"}}]}"#,
///     r#"{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":"stop"}]}"#,
/// ] {
///     let chunk: ChatCompletionChunk = serde_json::from_str(data).unwrap();
///     acc.push(&chunk);
/// }
/// let completion = acc.finish().unwrap();
/// assert_eq!(completion.first_content(), Some("Hello"));
/// ```
#[derive(Clone, Debug, Default)]
pub struct ChatCompletionAccumulator {
    chunks: usize,
    id: String,
    created: u64,
    model: String,
    system_fingerprint: Option<String>,
    service_tier: Option<ServiceTier>,
    usage: Option<Box<CompletionUsage>>,
    prompt_filter_results: Option<Vec<PromptFilterResult>>,
    choices: BTreeMap<u32, ChoiceState>,
}

#[derive(Clone, Debug, Default)]
struct ChoiceState {
    role: Option<ChatRole>,
    content: Option<String>,
    refusal: Option<String>,
    tool_calls: BTreeMap<u32, ToolCallState>,
    function_call: Option<(String, String)>,
    audio: Option<Box<MessageAudio>>,
    annotations: Option<Vec<Annotation>>,
    context: Option<Box<AzureMessageContext>>,
    finish_reason: Option<FinishReason>,
    logprobs: Option<Box<ChoiceLogprobs>>,
    content_filter_results: Option<Box<ContentFilterResults>>,
}

#[derive(Clone, Debug, Default)]
struct ToolCallState {
    id: Option<String>,
    kind: Option<ToolCallType>,
    name: Option<String>,
    arguments: Option<String>,
}

/// Why a stream could not be finalized into a complete [`ChatCompletion`].
///
/// The data received so far is still available from
/// [`ChatCompletionAccumulator::snapshot`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AccumulateError {
    /// No chunk was pushed.
    NoChunks,
    /// Chunks arrived, but none carried a choice.
    NoChoices,
    /// The stream ended before this choice's `finish_reason` (it was cut short).
    MissingFinishReason {
        /// The choice index.
        choice: u32,
    },
    /// A tool call never received its `id`. We reject rather than invent one (node v4
    /// behavior): a synthesized id would not match anything the service knows.
    MissingToolCallId {
        /// The choice index.
        choice: u32,
        /// The tool call index.
        tool_call: u32,
    },
    /// A tool call never received its function name.
    MissingToolCallName {
        /// The choice index.
        choice: u32,
        /// The tool call index.
        tool_call: u32,
    },
    /// A tool call never received any `arguments` (or custom `input`) fragment.
    MissingToolCallArguments {
        /// The choice index.
        choice: u32,
        /// The tool call index.
        tool_call: u32,
    },
}

impl fmt::Display for AccumulateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoChunks => f.write_str("stream ended without sending any chunks"),
            Self::NoChoices => f.write_str("stream ended without sending any choice"),
            Self::MissingFinishReason { choice } => write!(
                f,
                "stream ended before choice {choice} finished (missing finish_reason)"
            ),
            Self::MissingToolCallId { choice, tool_call } => {
                write!(f, "missing id for tool call {tool_call} of choice {choice}")
            }
            Self::MissingToolCallName { choice, tool_call } => write!(
                f,
                "missing function name for tool call {tool_call} of choice {choice}"
            ),
            Self::MissingToolCallArguments { choice, tool_call } => write!(
                f,
                "missing arguments for tool call {tool_call} of choice {choice}"
            ),
        }
    }
}

impl std::error::Error for AccumulateError {}

fn append(target: &mut Option<String>, fragment: Option<&str>) {
    if let Some(fragment) = fragment {
        target.get_or_insert_with(String::new).push_str(fragment);
    }
}

impl ChatCompletionAccumulator {
    /// An empty accumulator.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of chunks pushed so far.
    pub fn chunk_count(&self) -> usize {
        self.chunks
    }

    /// The latest usage received.
    pub fn usage(&self) -> Option<&CompletionUsage> {
        self.usage.as_deref()
    }

    /// Folds one chunk in.
    pub fn push(&mut self, chunk: &ChatCompletionChunk) {
        self.chunks += 1;
        // Azure filter chunks have an empty id/model/created: they must not wipe the header.
        if !chunk.id.is_empty() {
            self.id.clone_from(&chunk.id);
            self.created = chunk.created;
            if !chunk.model.is_empty() {
                self.model.clone_from(&chunk.model);
            }
            if chunk.system_fingerprint.is_some() {
                self.system_fingerprint
                    .clone_from(&chunk.system_fingerprint);
            }
            if chunk.service_tier.is_some() {
                self.service_tier.clone_from(&chunk.service_tier);
            }
        }
        if let Some(usage) = &chunk.usage {
            self.usage = Some(usage.clone());
        }
        if let Some(results) = &chunk.prompt_filter_results {
            let all = self.prompt_filter_results.get_or_insert_with(Vec::new);
            for result in results {
                match all
                    .iter_mut()
                    .find(|r| r.prompt_index == result.prompt_index)
                {
                    Some(existing) => *existing = result.clone(),
                    None => all.push(result.clone()),
                }
            }
        }
        for part in &chunk.choices {
            let state = self.choices.entry(part.index).or_default();
            if let Some(delta) = &part.delta {
                state.apply(delta);
            }
            if part.finish_reason.is_some() {
                state.finish_reason.clone_from(&part.finish_reason);
            }
            if let Some(logprobs) = &part.logprobs {
                // Appended exactly once per chunk (the node aliasing quirk doubled the first).
                let target = state.logprobs.get_or_insert_with(Box::default);
                if let Some(content) = &logprobs.content {
                    target
                        .content
                        .get_or_insert_with(Vec::new)
                        .extend(content.iter().cloned());
                }
                if let Some(refusal) = &logprobs.refusal {
                    target
                        .refusal
                        .get_or_insert_with(Vec::new)
                        .extend(refusal.iter().cloned());
                }
            }
            if part.content_filter_results.is_some() {
                state
                    .content_filter_results
                    .clone_from(&part.content_filter_results);
            }
        }
    }

    /// The completion as received so far (usable at any point, including after a failed
    /// stream). Missing parts stay empty: no finish reason, tool calls without ids, ...
    pub fn snapshot(&self) -> ChatCompletion {
        let mut completion = ChatCompletion::default();
        completion.id.clone_from(&self.id);
        completion.object = Cow::Borrowed("chat.completion");
        completion.created = self.created;
        completion.model.clone_from(&self.model);
        completion.usage = self.usage.as_deref().cloned();
        completion
            .system_fingerprint
            .clone_from(&self.system_fingerprint);
        completion.service_tier.clone_from(&self.service_tier);
        completion
            .prompt_filter_results
            .clone_from(&self.prompt_filter_results);
        completion.choices = self
            .choices
            .iter()
            .map(|(&index, state)| state.to_choice(index))
            .collect();
        completion
    }

    /// The first choice's message so far as the assistant message of the next request (see
    /// [`ChatCompletion::assistant_message`]), without copying the other choices.
    ///
    /// ```
    /// use openai_types::chat::{ChatCompletionAccumulator, ChatCompletionChunk};
    ///
    /// let mut acc = ChatCompletionAccumulator::new();
    /// let chunk: ChatCompletionChunk = serde_json::from_str(
    ///     r#"{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"}}]}"#,
    /// ).unwrap();
    /// acc.push(&chunk);
    /// let message = acc.assistant_message().unwrap();
    /// assert_eq!(serde_json::to_value(&message).unwrap(), serde_json::json!({"role": "assistant", "content": "Hi"}));
    /// ```
    pub fn assistant_message(&self) -> Option<super::ChatMessage> {
        let choice = self.choices.get(&0)?.to_choice(0);
        choice.message.map(super::ChatMessage::from)
    }

    /// The final completion, or an error if the stream was incomplete:
    /// every choice needs a `finish_reason`, every tool call an `id`, a name and arguments.
    ///
    /// Unlike openai-node, a missing `role` is not an error and becomes `assistant`.
    /// Recorded Azure streams (content-filter-first deployments) never send a `role` delta at
    /// all, and a response message has no other role.
    pub fn finish(self) -> Result<ChatCompletion, AccumulateError> {
        if self.chunks == 0 {
            return Err(AccumulateError::NoChunks);
        }
        if self.choices.is_empty() {
            return Err(AccumulateError::NoChoices);
        }
        for (&choice, state) in &self.choices {
            if state.finish_reason.is_none() {
                return Err(AccumulateError::MissingFinishReason { choice });
            }
            for (&tool_call, call) in &state.tool_calls {
                if call.id.as_deref().is_none_or(str::is_empty) {
                    return Err(AccumulateError::MissingToolCallId { choice, tool_call });
                }
                if call.name.as_deref().is_none_or(str::is_empty) {
                    return Err(AccumulateError::MissingToolCallName { choice, tool_call });
                }
                if call.arguments.is_none() {
                    return Err(AccumulateError::MissingToolCallArguments { choice, tool_call });
                }
            }
        }
        Ok(self.snapshot())
    }
}

impl ChoiceState {
    fn apply(&mut self, delta: &ChunkDelta) {
        if delta.role.is_some() {
            self.role.clone_from(&delta.role);
        }
        append(&mut self.content, delta.content.as_deref());
        append(&mut self.refusal, delta.refusal.as_deref());
        for call in delta.tool_calls.iter().flatten() {
            self.tool_calls.entry(call.index).or_default().apply(call);
        }
        if let Some(function) = &delta.function_call {
            let (name, arguments) = self.function_call.get_or_insert_with(Default::default);
            if let Some(new_name) = function.name.as_deref().filter(|n| !n.is_empty()) {
                new_name.clone_into(name);
            }
            arguments.push_str(function.arguments.as_deref().unwrap_or(""));
        }
        if let Some(audio) = &delta.audio {
            let target = self.audio.get_or_insert_with(Box::default);
            if let Some(id) = &audio.id {
                target.id.clone_from(id);
            }
            if let Some(expires_at) = audio.expires_at {
                target.expires_at = expires_at;
            }
            target.data.push_str(audio.data.as_deref().unwrap_or(""));
            target
                .transcript
                .push_str(audio.transcript.as_deref().unwrap_or(""));
        }
        if let Some(annotations) = &delta.annotations {
            self.annotations
                .get_or_insert_with(Vec::new)
                .extend(annotations.iter().cloned());
        }
        if let Some(context) = &delta.context {
            let target = self.context.get_or_insert_with(Box::default);
            if let Some(citations) = &context.citations {
                target
                    .citations
                    .get_or_insert_with(Vec::new)
                    .extend(citations.iter().cloned());
            }
            if context.intent.is_some() {
                target.intent.clone_from(&context.intent);
            }
            if let Some(docs) = &context.all_retrieved_documents {
                target
                    .all_retrieved_documents
                    .get_or_insert_with(Vec::new)
                    .extend(docs.iter().cloned());
            }
        }
    }

    fn to_choice(&self, index: u32) -> Choice {
        let has_message = self.role.is_some()
            || self.content.is_some()
            || self.refusal.is_some()
            || !self.tool_calls.is_empty()
            || self.function_call.is_some()
            || self.audio.is_some()
            || self.annotations.is_some()
            || self.context.is_some();
        let message = has_message.then(|| {
            let tool_calls = (!self.tool_calls.is_empty()).then(|| {
                self.tool_calls
                    .values()
                    .map(ToolCallState::to_tool_call)
                    .collect()
            });
            ChatCompletionMessage {
                role: self.role.clone().unwrap_or_default(),
                content: self.content.clone(),
                refusal: self.refusal.clone(),
                tool_calls,
                annotations: self.annotations.clone(),
                function_call: self.function_call.as_ref().map(|(name, arguments)| {
                    Box::new(FunctionCall {
                        name: name.clone(),
                        arguments: arguments.clone(),
                    })
                }),
                audio: self.audio.clone(),
                context: self.context.clone(),
            }
        });
        Choice {
            index,
            message,
            finish_reason: self.finish_reason.clone(),
            logprobs: self.logprobs.clone(),
            content_filter_results: self.content_filter_results.clone(),
        }
    }
}

impl ToolCallState {
    fn apply(&mut self, delta: &ToolCallDelta) {
        if let Some(id) = delta.id.as_deref().filter(|id| !id.is_empty()) {
            self.id = Some(id.to_owned());
        }
        if delta.kind.is_some() {
            self.kind.clone_from(&delta.kind);
        }
        if let Some(function) = &delta.function {
            if let Some(name) = function.name.as_deref().filter(|n| !n.is_empty()) {
                self.name = Some(name.to_owned());
            }
            append(&mut self.arguments, function.arguments.as_deref());
        }
        if let Some(custom) = &delta.custom {
            if self.kind.is_none() {
                self.kind = Some(ToolCallType::Custom);
            }
            if let Some(name) = custom.name.as_deref().filter(|n| !n.is_empty()) {
                self.name = Some(name.to_owned());
            }
            append(&mut self.arguments, custom.input.as_deref());
        }
    }

    fn to_tool_call(&self) -> ToolCall {
        let id = self.id.clone().unwrap_or_default();
        let name = self.name.clone().unwrap_or_default();
        let arguments = self.arguments.clone().unwrap_or_default();
        match self.kind {
            Some(ToolCallType::Custom) => ToolCall::Custom(CustomToolCall {
                id,
                custom: CustomCall {
                    name,
                    input: arguments,
                },
            }),
            _ => ToolCall::Function(FunctionToolCall::new(id, name, arguments)),
        }
    }
}
