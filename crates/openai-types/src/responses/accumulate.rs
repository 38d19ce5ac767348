//! Folding stream events into the response they describe (pure; no I/O).

use std::collections::BTreeMap;
use std::fmt;

use super::*;

/// Folds [`ResponseStreamEvent`]s into the [`Response`] they describe.
///
/// - lifecycle events (`response.created`, `in_progress`, `queued`) set the response header;
/// - `response.output_item.added` / `done` insert or replace the item at `output_index`;
/// - `content_part.added` / `done` and `reasoning_summary_part.added` / `done` set parts;
/// - text, refusal, function call argument, custom tool input, MCP argument, reasoning and code
///   interpreter code deltas append to the item they name, their `done` events set the full
///   value;
/// - annotations are appended to their text part;
/// - the final `response.completed`, `response.failed` or `response.incomplete` payload is the
///   result (its `output` is kept when present; when the service sends it empty, the output
///   rebuilt from the events is used);
/// - image generation partial images replace the call's `result` until the final image;
/// - shell call commands and their output are rebuilt from the command and output deltas;
/// - an `error` event is kept (see [`error`](Self::error)); unknown events are ignored.
///
/// [`snapshot`](Self::snapshot) works at any point, so a stream that breaks half way loses
/// nothing already received; [`finish`](Self::finish) also checks that the stream ended.
///
/// ```
/// use openai_types::responses::{ResponseAccumulator, ResponseStreamEvent};
///
/// let mut acc = ResponseAccumulator::new();
/// for data in [
///     r#"{"type":"response.created","sequence_number":0,"response":{"id":"resp_1","object":"response","created_at":1,"status":"in_progress","model":"gpt-4o","output":[]}}"#,
///     r#"{"type":"response.output_item.added","sequence_number":1,"output_index":0,"item":{"type":"message","id":"msg_1","status":"in_progress","role":"assistant","content":[]}}"#,
///     r#"{"type":"response.content_part.added","sequence_number":2,"item_id":"msg_1","output_index":0,"content_index":0,"part":{"type":"output_text","text":"","annotations":[]}}"#,
///     r#"{"type":"response.output_text.delta","sequence_number":3,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hel","logprobs":[]}"#,
///     r#"{"type":"response.output_text.delta","sequence_number":4,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"lo","logprobs":[]}"#,
/// ] {
///     let event: ResponseStreamEvent = serde_json::from_str(data).unwrap();
///     acc.push(&event);
/// }
/// assert_eq!(acc.snapshot().output_text(), "Hello");
/// assert!(acc.finish().is_err()); // no response.completed yet
/// ```
#[derive(Clone, Debug, Default)]
pub struct ResponseAccumulator {
    events: usize,
    header: Option<Response>,
    finished: Option<Response>,
    output: BTreeMap<u64, Item>,
    error: Option<ResponseErrorEvent>,
    last_sequence_number: Option<u64>,
}

/// Why a stream could not be finalized into a complete [`Response`].
///
/// The data received so far is still available from [`ResponseAccumulator::snapshot`].
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum ResponseAccumulateError {
    /// No event was pushed.
    NoEvents,
    /// The stream sent an `error` event.
    Stream(ResponseErrorEvent),
    /// The stream ended before `response.completed`, `response.failed` or
    /// `response.incomplete`.
    Unfinished,
}

impl fmt::Display for ResponseAccumulateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoEvents => f.write_str("stream ended without sending any event"),
            Self::Stream(error) => {
                write!(f, "stream error")?;
                if let Some(code) = &error.code {
                    write!(f, " ({code})")?;
                }
                write!(f, ": {}", error.message)
            }
            Self::Unfinished => f.write_str("stream ended before the response finished"),
        }
    }
}

impl std::error::Error for ResponseAccumulateError {}

impl ResponseAccumulator {
    /// An empty accumulator.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of events pushed so far.
    pub fn event_count(&self) -> usize {
        self.events
    }

    /// The `sequence_number` of the last event pushed (to resume a background stream with
    /// `starting_after`).
    pub fn last_sequence_number(&self) -> Option<u64> {
        self.last_sequence_number
    }

    /// The `error` event, if the stream sent one.
    pub fn error(&self) -> Option<&ResponseErrorEvent> {
        self.error.as_ref()
    }

    /// Whether a final `response.completed`, `response.failed` or `response.incomplete` event
    /// was received.
    pub fn is_finished(&self) -> bool {
        self.finished.is_some()
    }

    /// Folds in a borrowed event (see [`ResponseStreamEventRef`]); the same as
    /// [`push`](Self::push) with the owned event.
    pub fn push_ref(&mut self, event: &ResponseStreamEventRef<'_>) {
        match event {
            ResponseStreamEventRef::OutputTextDelta(e) => {
                self.events += 1;
                if let Some(sequence_number) = e.sequence_number {
                    self.last_sequence_number = Some(sequence_number);
                }
                self.text_delta(
                    e.output_index,
                    e.content_index,
                    &e.delta,
                    e.logprobs.as_deref(),
                );
            }
            ResponseStreamEventRef::Event(e) => self.push(e),
        }
    }

    fn text_delta(
        &mut self,
        output_index: u64,
        content_index: u64,
        delta: &str,
        logprobs: Option<&[ResponseLogProb]>,
    ) {
        if let Some(ContentPart::OutputText(part)) =
            self.part_mut(output_index, content_index, new_output_text)
        {
            part.text.push_str(delta);
            if let Some(logprobs) = logprobs.filter(|l| !l.is_empty()) {
                part.logprobs
                    .get_or_insert_with(Vec::new)
                    .extend(logprobs.iter().map(log_prob));
            }
        }
    }

    /// Folds one event in.
    pub fn push(&mut self, event: &ResponseStreamEvent) {
        self.events += 1;
        if let Some(sequence_number) = event.sequence_number() {
            self.last_sequence_number = Some(sequence_number);
        }
        match event {
            ResponseStreamEvent::Created(e) => self.set_header(&e.response),
            ResponseStreamEvent::InProgress(e) => self.set_header(&e.response),
            ResponseStreamEvent::Queued(e) => self.set_header(&e.response),
            ResponseStreamEvent::Completed(e) => self.finished = Some((*e.response).clone()),
            ResponseStreamEvent::Failed(e) => self.finished = Some((*e.response).clone()),
            ResponseStreamEvent::Incomplete(e) => self.finished = Some((*e.response).clone()),
            ResponseStreamEvent::Error(e) => self.error = Some(e.clone()),
            ResponseStreamEvent::OutputItemAdded(e) => {
                self.set_item(e.output_index, e.item.as_ref())
            }
            ResponseStreamEvent::OutputItemDone(e) => {
                self.set_item(e.output_index, e.item.as_ref())
            }
            ResponseStreamEvent::ContentPartAdded(e) => {
                self.set_part(e.output_index, e.content_index, &e.part);
            }
            ResponseStreamEvent::ContentPartDone(e) => {
                self.set_part(e.output_index, e.content_index, &e.part);
            }
            ResponseStreamEvent::OutputTextDelta(e) => self.text_delta(
                e.output_index,
                e.content_index,
                &e.delta,
                e.logprobs.as_deref(),
            ),
            ResponseStreamEvent::OutputTextDone(e) => {
                if let Some(ContentPart::OutputText(part)) =
                    self.part_mut(e.output_index, e.content_index, new_output_text)
                {
                    part.text.clone_from(&e.text);
                }
            }
            ResponseStreamEvent::OutputTextAnnotationAdded(e) => {
                if let (Some(ContentPart::OutputText(part)), Some(annotation)) = (
                    self.part_mut(e.output_index, e.content_index, new_output_text),
                    &e.annotation,
                ) {
                    part.annotations.push(annotation.clone());
                }
            }
            ResponseStreamEvent::RefusalDelta(e) => {
                if let Some(ContentPart::Refusal(part)) =
                    self.part_mut(e.output_index, e.content_index, new_refusal)
                {
                    part.refusal.push_str(&e.delta);
                }
            }
            ResponseStreamEvent::RefusalDone(e) => {
                if let Some(ContentPart::Refusal(part)) =
                    self.part_mut(e.output_index, e.content_index, new_refusal)
                {
                    part.refusal.clone_from(&e.refusal);
                }
            }
            ResponseStreamEvent::FunctionCallArgumentsDelta(e) => {
                if let Some(Item::FunctionCall(call)) = self.output.get_mut(&e.output_index) {
                    call.arguments.push_str(&e.delta);
                }
            }
            ResponseStreamEvent::FunctionCallArgumentsDone(e) => {
                if let Some(Item::FunctionCall(call)) = self.output.get_mut(&e.output_index) {
                    call.arguments.clone_from(&e.arguments);
                    if let Some(name) = e.name.as_ref().filter(|n| !n.is_empty()) {
                        call.name.clone_from(name);
                    }
                }
            }
            ResponseStreamEvent::CustomToolCallInputDelta(e) => {
                if let Some(Item::CustomToolCall(call)) = self.output.get_mut(&e.output_index) {
                    call.input.push_str(&e.delta);
                }
            }
            ResponseStreamEvent::CustomToolCallInputDone(e) => {
                if let Some(Item::CustomToolCall(call)) = self.output.get_mut(&e.output_index) {
                    call.input.clone_from(&e.input);
                }
            }
            ResponseStreamEvent::McpCallArgumentsDelta(e) => {
                if let Some(Item::McpCall(call)) = self.output.get_mut(&e.output_index) {
                    call.arguments.push_str(&e.delta);
                }
            }
            ResponseStreamEvent::McpCallArgumentsDone(e) => {
                if let Some(Item::McpCall(call)) = self.output.get_mut(&e.output_index) {
                    call.arguments.clone_from(&e.arguments);
                }
            }
            ResponseStreamEvent::CodeInterpreterCallCodeDelta(e) => {
                if let Some(Item::CodeInterpreterCall(call)) = self.output.get_mut(&e.output_index)
                {
                    call.code.get_or_insert_with(String::new).push_str(&e.delta);
                }
            }
            ResponseStreamEvent::CodeInterpreterCallCodeDone(e) => {
                if let Some(Item::CodeInterpreterCall(call)) = self.output.get_mut(&e.output_index)
                {
                    call.code = Some(e.code.clone());
                }
            }
            ResponseStreamEvent::ReasoningSummaryPartAdded(e) => {
                self.set_summary(e.output_index, e.summary_index, &e.part);
            }
            ResponseStreamEvent::ReasoningSummaryPartDone(e) => {
                self.set_summary(e.output_index, e.summary_index, &e.part);
            }
            ResponseStreamEvent::ReasoningSummaryTextDelta(e) => {
                if let Some(text) = self.summary_text_mut(e.output_index, e.summary_index) {
                    text.push_str(&e.delta);
                }
            }
            ResponseStreamEvent::ReasoningSummaryTextDone(e) => {
                if let Some(text) = self.summary_text_mut(e.output_index, e.summary_index) {
                    text.clone_from(&e.text);
                }
            }
            ResponseStreamEvent::ReasoningTextDelta(e) => {
                if let Some(text) = self.reasoning_text_mut(e.output_index, e.content_index) {
                    text.push_str(&e.delta);
                }
            }
            ResponseStreamEvent::ReasoningTextDone(e) => {
                if let Some(text) = self.reasoning_text_mut(e.output_index, e.content_index) {
                    text.clone_from(&e.text);
                }
            }
            ResponseStreamEvent::ImageGenerationCallPartialImage(e) => {
                if let Some(Item::ImageGenerationCall(call)) = self.output.get_mut(&e.output_index)
                {
                    call.result = Some(e.partial_image_b64.clone());
                }
            }
            ResponseStreamEvent::ShellCallCommandAdded(e) => {
                if let Some(command) = self.shell_command_mut(e.output_index, e.command_index) {
                    command.clone_from(&e.command);
                }
            }
            ResponseStreamEvent::ShellCallCommandDelta(e) => {
                if let Some(command) = self.shell_command_mut(e.output_index, e.command_index) {
                    command.push_str(&e.delta);
                }
            }
            ResponseStreamEvent::ShellCallCommandDone(e) => {
                if let Some(command) = self.shell_command_mut(e.output_index, e.command_index) {
                    command.clone_from(&e.command);
                }
            }
            ResponseStreamEvent::ShellCallOutputContentDelta(e) => {
                if let (Some(Item::ShellCallOutput(output)), Some(delta)) =
                    (self.output.get_mut(&e.output_index), &e.delta)
                {
                    let Ok(index) = usize::try_from(e.command_index) else {
                        return;
                    };
                    if index == output.output.len() {
                        output.output.push(ShellCallOutputContent::default());
                    }
                    if let Some(content) = output.output.get_mut(index) {
                        content
                            .stdout
                            .push_str(delta.stdout.as_deref().unwrap_or(""));
                        content
                            .stderr
                            .push_str(delta.stderr.as_deref().unwrap_or(""));
                    }
                }
            }
            ResponseStreamEvent::ShellCallOutputContentDone(e) => {
                if let Some(Item::ShellCallOutput(output)) = self.output.get_mut(&e.output_index) {
                    output.output.clone_from(&e.output);
                }
            }
            _ => {}
        }
    }

    fn shell_command_mut(&mut self, output_index: u64, command_index: u64) -> Option<&mut String> {
        let Some(Item::ShellCall(call)) = self.output.get_mut(&output_index) else {
            return None;
        };
        let commands = &mut call
            .action
            .get_or_insert_with(ShellAction::default)
            .commands;
        let index = usize::try_from(command_index).ok()?;
        if index == commands.len() {
            commands.push(String::new());
        }
        commands.get_mut(index)
    }

    fn set_header(&mut self, response: &Response) {
        self.header = Some(response.clone());
    }

    fn set_item(&mut self, output_index: u64, item: Option<&Item>) {
        if let Some(item) = item {
            self.output.insert(output_index, item.clone());
        }
    }

    fn set_part(&mut self, output_index: u64, content_index: u64, part: &Option<ContentPart>) {
        let Some(part) = part else { return };
        match self.output.get_mut(&output_index) {
            Some(Item::Message(message)) => {
                if let MessageContent::Text(text) = &message.content {
                    message.content =
                        MessageContent::Parts(vec![ContentPart::input_text(text.clone())]);
                }
                if let MessageContent::Parts(parts) = &mut message.content {
                    set_at(parts, content_index, part.clone());
                }
            }
            Some(Item::Reasoning(reasoning)) => {
                set_at(
                    reasoning.content.get_or_insert_with(Vec::new),
                    content_index,
                    part.clone(),
                );
            }
            _ => {}
        }
    }

    fn part_mut(
        &mut self,
        output_index: u64,
        content_index: u64,
        new: fn() -> ContentPart,
    ) -> Option<&mut ContentPart> {
        let Some(Item::Message(message)) = self.output.get_mut(&output_index) else {
            return None;
        };
        let MessageContent::Parts(parts) = &mut message.content else {
            return None;
        };
        let index = usize::try_from(content_index).ok()?;
        // A delta may arrive without its content_part.added (seen with some proxies).
        if index == parts.len() {
            parts.push(new());
        }
        parts.get_mut(index)
    }

    fn set_summary(&mut self, output_index: u64, summary_index: u64, part: &Option<ContentPart>) {
        let Some(part) = part else { return };
        if let Some(Item::Reasoning(reasoning)) = self.output.get_mut(&output_index) {
            set_at(&mut reasoning.summary, summary_index, part.clone());
        }
    }

    fn summary_text_mut(&mut self, output_index: u64, summary_index: u64) -> Option<&mut String> {
        let Some(Item::Reasoning(reasoning)) = self.output.get_mut(&output_index) else {
            return None;
        };
        text_at(&mut reasoning.summary, summary_index, || {
            ContentPart::SummaryText(SummaryText::default())
        })
    }

    fn reasoning_text_mut(&mut self, output_index: u64, content_index: u64) -> Option<&mut String> {
        let Some(Item::Reasoning(reasoning)) = self.output.get_mut(&output_index) else {
            return None;
        };
        text_at(
            reasoning.content.get_or_insert_with(Vec::new),
            content_index,
            || ContentPart::ReasoningText(ReasoningText::default()),
        )
    }

    /// The output items rebuilt from the events so far, in `output_index` order.
    pub fn output(&self) -> Vec<Item> {
        self.output.values().cloned().collect()
    }

    /// The response as received so far (usable at any point, including after a broken
    /// stream): the final payload when it arrived, otherwise the latest header with the output
    /// rebuilt from the events.
    pub fn snapshot(&self) -> Response {
        if let Some(finished) = &self.finished {
            let mut response = finished.clone();
            if response.output.is_empty() && !self.output.is_empty() {
                response.output = self.output();
            }
            return response;
        }
        let mut response = self.header.clone().unwrap_or_default();
        response.output = self.output();
        response
    }

    /// The final response, or an error if the stream sent an `error` event or ended before the
    /// response finished.
    pub fn finish(self) -> Result<Response, ResponseAccumulateError> {
        if self.events == 0 {
            return Err(ResponseAccumulateError::NoEvents);
        }
        if let Some(error) = &self.error {
            return Err(ResponseAccumulateError::Stream(error.clone()));
        }
        if self.finished.is_none() {
            return Err(ResponseAccumulateError::Unfinished);
        }
        Ok(self.snapshot())
    }
}

fn new_output_text() -> ContentPart {
    ContentPart::OutputText(OutputText::default())
}

fn new_refusal() -> ContentPart {
    ContentPart::Refusal(Refusal::default())
}

/// Sets `parts[index]`, appending when `index` is the next position; any other gap is ignored
/// rather than padded with invented parts.
fn set_at(parts: &mut Vec<ContentPart>, index: u64, part: ContentPart) {
    let Ok(index) = usize::try_from(index) else {
        return;
    };
    if let Some(slot) = parts.get_mut(index) {
        *slot = part;
    } else if index == parts.len() {
        parts.push(part);
    }
}

fn text_at(
    parts: &mut Vec<ContentPart>,
    index: u64,
    new: fn() -> ContentPart,
) -> Option<&mut String> {
    let index = usize::try_from(index).ok()?;
    if index == parts.len() {
        parts.push(new());
    }
    match parts.get_mut(index)? {
        ContentPart::SummaryText(part) => Some(&mut part.text),
        ContentPart::ReasoningText(part) => Some(&mut part.text),
        ContentPart::OutputText(part) => Some(&mut part.text),
        ContentPart::Text(part) => Some(&mut part.text),
        _ => None,
    }
}

fn log_prob(source: &ResponseLogProb) -> LogProb {
    LogProb {
        token: source.token.clone(),
        logprob: source.logprob,
        bytes: source.bytes.clone().unwrap_or_default(),
        top_logprobs: source
            .top_logprobs
            .iter()
            .flatten()
            .map(|top| TopLogProb {
                token: top.token.clone().unwrap_or_default(),
                logprob: top.logprob.unwrap_or_default(),
                bytes: top.bytes.clone().unwrap_or_default(),
            })
            .collect(),
    }
}
