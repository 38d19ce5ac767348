//! Assistants stream events, keyed by the SSE `event:` name.
//!
//! Unlike chat completion chunks, an Assistants stream names each payload with the SSE `event:`
//! field (`thread.run.created`, `thread.message.delta`, ...); the JSON itself carries no event
//! name. [`AssistantStreamEvent::from_sse`] takes both and picks the variant from the name.
//! Names this release does not know become [`AssistantStreamEvent::Unknown`] with the raw JSON, so
//! a new event never breaks a stream. `done` (data `[DONE]`) ends the stream; `error` carries an
//! [`ErrorObject`].

use crate::messages::{Message, MessageDelta};
use crate::run_steps::{RunStep, RunStepDelta};
use crate::runs::Run;
use crate::shared::ErrorObject;
use crate::threads::Thread;

/// Defines the event enum, its name table and the decoder from one list, so a name can never be
/// decoded into one variant and reported as another.
macro_rules! assistant_events {
    ($( $(#[$doc:meta])* $variant:ident($payload:ty) = $name:literal, )+) => {
        /// One event of an Assistants stream (`POST /threads/runs`, `/threads/{id}/runs`,
        /// `submit_tool_outputs` with streaming).
        ///
        /// Open: an event name this release does not know becomes `Unknown` with the raw data.
        ///
        /// ```
        /// use openai_types::assistant_stream::AssistantStreamEvent;
        ///
        /// let event = AssistantStreamEvent::from_sse(
        ///     "thread.message.delta",
        ///     r#"{"id":"msg_1","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"value":"Hi"}}]}}"#,
        /// ).unwrap();
        /// match &event {
        ///     AssistantStreamEvent::ThreadMessageDelta(delta) => assert_eq!(delta.id, "msg_1"),
        ///     AssistantStreamEvent::Done => println!("stream finished"),
        ///     other => println!("event {}", other.event_name()),
        /// }
        /// ```
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum AssistantStreamEvent {
            $(
                $(#[$doc])*
                $variant($payload),
            )+
            /// `error`: the service reports a failure; the stream ends.
            Error(ErrorObject),
            /// `done` (data `[DONE]`): the stream ended normally.
            Done,
            /// An event name this release does not know, with its data as raw JSON (or as a JSON
            /// string when the data is not JSON).
            Unknown {
                /// The SSE `event:` name.
                event: String,
                /// The SSE data.
                data: serde_json::Value,
            },
        }

        impl AssistantStreamEvent {
            /// Decodes one SSE event from its `event:` name and its `data`.
            ///
            /// Known names must carry their JSON payload (a malformed payload is an error, never
            /// silently skipped). `done` ignores its data. `error` accepts the spec's bare error
            /// object and the `{"error": {...}}` envelope. An unknown name keeps the data as JSON,
            /// or as a JSON string if it does not parse.
            pub fn from_sse(event_name: &str, data: &str) -> Result<Self, serde_json::Error> {
                match event_name {
                    $( $name => serde_json::from_str(data).map(Self::$variant), )+
                    "done" => Ok(Self::Done),
                    "error" => {
                        let mut raw: serde_json::Value = serde_json::from_str(data)?;
                        if let Some(inner) = raw.get_mut("error").filter(|e| e.is_object()) {
                            raw = inner.take();
                        }
                        serde_json::from_value(raw).map(Self::Error)
                    }
                    other => Ok(Self::Unknown {
                        event: other.to_owned(),
                        data: serde_json::from_str(data)
                            .unwrap_or_else(|_| serde_json::Value::String(data.to_owned())),
                    }),
                }
            }

            /// The SSE `event:` name of this event.
            pub fn event_name(&self) -> &str {
                match self {
                    $( Self::$variant(_) => $name, )+
                    Self::Error(_) => "error",
                    Self::Done => "done",
                    Self::Unknown { event, .. } => event,
                }
            }

            /// The SSE `data` for this event (the inverse of [`from_sse`](Self::from_sse)):
            /// the payload as JSON, `[DONE]` for `done`, the bare error object for `error`, and
            /// for an unknown event its raw data (a string datum is written back unquoted).
            pub fn to_sse_data(&self) -> Result<String, serde_json::Error> {
                match self {
                    $( Self::$variant(payload) => serde_json::to_string(payload), )+
                    Self::Error(error) => serde_json::to_string(error),
                    Self::Done => Ok("[DONE]".to_owned()),
                    Self::Unknown { data: serde_json::Value::String(text), .. } => Ok(text.clone()),
                    Self::Unknown { data, .. } => serde_json::to_string(data),
                }
            }
        }
    };
}

assistant_events! {
    /// `thread.created`: a thread was created (create-thread-and-run).
    ThreadCreated(Thread) = "thread.created",
    /// `thread.run.created`.
    ThreadRunCreated(Run) = "thread.run.created",
    /// `thread.run.queued`.
    ThreadRunQueued(Run) = "thread.run.queued",
    /// `thread.run.in_progress`.
    ThreadRunInProgress(Run) = "thread.run.in_progress",
    /// `thread.run.requires_action`: submit tool outputs to continue; the stream ends.
    ThreadRunRequiresAction(Run) = "thread.run.requires_action",
    /// `thread.run.completed`.
    ThreadRunCompleted(Run) = "thread.run.completed",
    /// `thread.run.incomplete`.
    ThreadRunIncomplete(Run) = "thread.run.incomplete",
    /// `thread.run.failed`.
    ThreadRunFailed(Run) = "thread.run.failed",
    /// `thread.run.cancelling`.
    ThreadRunCancelling(Run) = "thread.run.cancelling",
    /// `thread.run.cancelled`.
    ThreadRunCancelled(Run) = "thread.run.cancelled",
    /// `thread.run.expired`.
    ThreadRunExpired(Run) = "thread.run.expired",
    /// `thread.run.step.created`.
    ThreadRunStepCreated(RunStep) = "thread.run.step.created",
    /// `thread.run.step.in_progress`.
    ThreadRunStepInProgress(RunStep) = "thread.run.step.in_progress",
    /// `thread.run.step.delta`: a fragment of a step's tool calls.
    ThreadRunStepDelta(RunStepDelta) = "thread.run.step.delta",
    /// `thread.run.step.completed`.
    ThreadRunStepCompleted(RunStep) = "thread.run.step.completed",
    /// `thread.run.step.failed`.
    ThreadRunStepFailed(RunStep) = "thread.run.step.failed",
    /// `thread.run.step.cancelled`.
    ThreadRunStepCancelled(RunStep) = "thread.run.step.cancelled",
    /// `thread.run.step.expired`.
    ThreadRunStepExpired(RunStep) = "thread.run.step.expired",
    /// `thread.message.created`.
    ThreadMessageCreated(Message) = "thread.message.created",
    /// `thread.message.in_progress`.
    ThreadMessageInProgress(Message) = "thread.message.in_progress",
    /// `thread.message.delta`: a fragment of a message's content.
    ThreadMessageDelta(MessageDelta) = "thread.message.delta",
    /// `thread.message.completed`.
    ThreadMessageCompleted(Message) = "thread.message.completed",
    /// `thread.message.incomplete`.
    ThreadMessageIncomplete(Message) = "thread.message.incomplete",
}

impl AssistantStreamEvent {
    /// The run, for `thread.run.*` events.
    pub fn run(&self) -> Option<&Run> {
        match self {
            Self::ThreadRunCreated(run)
            | Self::ThreadRunQueued(run)
            | Self::ThreadRunInProgress(run)
            | Self::ThreadRunRequiresAction(run)
            | Self::ThreadRunCompleted(run)
            | Self::ThreadRunIncomplete(run)
            | Self::ThreadRunFailed(run)
            | Self::ThreadRunCancelling(run)
            | Self::ThreadRunCancelled(run)
            | Self::ThreadRunExpired(run) => Some(run),
            _ => None,
        }
    }

    /// The message, for `thread.message.*` events other than `delta`.
    pub fn message(&self) -> Option<&Message> {
        match self {
            Self::ThreadMessageCreated(message)
            | Self::ThreadMessageInProgress(message)
            | Self::ThreadMessageCompleted(message)
            | Self::ThreadMessageIncomplete(message) => Some(message),
            _ => None,
        }
    }

    /// The step, for `thread.run.step.*` events other than `delta`.
    pub fn run_step(&self) -> Option<&RunStep> {
        match self {
            Self::ThreadRunStepCreated(step)
            | Self::ThreadRunStepInProgress(step)
            | Self::ThreadRunStepCompleted(step)
            | Self::ThreadRunStepFailed(step)
            | Self::ThreadRunStepCancelled(step)
            | Self::ThreadRunStepExpired(step) => Some(step),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn done_ignores_data_and_error_unwraps_envelope() {
        assert_eq!(
            AssistantStreamEvent::from_sse("done", "[DONE]").unwrap(),
            AssistantStreamEvent::Done
        );
        let bare =
            AssistantStreamEvent::from_sse("error", r#"{"message":"boom","type":"server_error"}"#)
                .unwrap();
        let wrapped = AssistantStreamEvent::from_sse(
            "error",
            r#"{"error":{"message":"boom","type":"server_error"}}"#,
        )
        .unwrap();
        assert_eq!(bare, wrapped);
        assert_eq!(bare.event_name(), "error");
        assert!(AssistantStreamEvent::from_sse("error", "not json").is_err());
    }

    #[test]
    fn known_event_with_bad_payload_is_an_error() {
        assert!(AssistantStreamEvent::from_sse("thread.run.created", "{}").is_err());
        assert!(AssistantStreamEvent::from_sse("thread.message.delta", "[1]").is_err());
    }

    #[test]
    fn unknown_event_keeps_data() {
        let event =
            AssistantStreamEvent::from_sse("thread.run.paused", r#"{"id":"run_1"}"#).unwrap();
        assert_eq!(event.event_name(), "thread.run.paused");
        assert_eq!(event.to_sse_data().unwrap(), r#"{"id":"run_1"}"#);
        let text = AssistantStreamEvent::from_sse("ping", "not json").unwrap();
        assert_eq!(text.to_sse_data().unwrap(), "not json");
    }
}
