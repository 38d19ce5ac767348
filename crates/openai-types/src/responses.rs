//! The Responses API: `POST /responses`, `GET /responses/{id}`, `DELETE /responses/{id}`,
//! `POST /responses/{id}/cancel`, `GET /responses/{id}/input_items`,
//! `POST /responses/input_tokens` and `POST /responses/compact`.
//!
//! - [`ResponseCreateRequest`]: what to send; [`Response`]: what comes back.
//! - [`Item`] (also named [`InputItem`] and [`OutputItem`]): one entry of the conversation —
//!   a message, a tool call, a tool call's output, a reasoning item, ... Output items can be sent
//!   back as input unchanged.
//! - [`Tool`] and [`ToolChoice`]: the tools the model may use.
//! - [`ResponseStreamEvent`]: one streamed event; [`ResponseAccumulator`] folds events into the
//!   [`Response`] they describe.
//! - The other operations: [`ResponseRetrieveParams`] (query of `GET /responses/{id}`),
//!   [`ResponseItemList`] with [`ItemListParams`] (input items), [`InputTokenCountRequest`] and
//!   [`InputTokenCount`], [`CompactRequest`] and [`CompactedResponse`], [`ResponseDeleted`].
//!
//! ```
//! use openai_types::responses::{InputItem, ResponseCreateRequest, Tool};
//!
//! let request = ResponseCreateRequest::new("gpt-4.1", "What is the weather in Paris?")
//!     .instructions("Be brief.")
//!     .tools([Tool::function(
//!         "get_weather",
//!         "Current weather for a city",
//!         serde_json::json!({"type": "object", "properties": {"city": {"type": "string"}}}),
//!     )
//!     .strict(true)])
//!     .temperature(0.2)
//!     .max_output_tokens(256);
//! let json = serde_json::to_value(&request).unwrap();
//! assert_eq!(json["input"], "What is the weather in Paris?");
//! assert_eq!(json["tools"][0]["type"], "function");
//!
//! // The next turn: send the tool result back.
//! let next = ResponseCreateRequest::new(
//!     "gpt-4.1",
//!     [InputItem::function_call_output("call_1", r#"{"temp_c": 18}"#)],
//! )
//! .previous_response_id("resp_123");
//! assert_eq!(
//!     serde_json::to_value(&next).unwrap()["input"][0]["type"],
//!     "function_call_output"
//! );
//! ```

pub mod accumulate;
pub mod events;
pub mod input;
pub mod items;
pub mod options;
pub mod request;
pub mod response;
pub mod tools;

pub use accumulate::{ResponseAccumulateError, ResponseAccumulator};
pub use events::*;
pub use input::*;
pub use items::*;
pub use options::*;
pub use request::*;
pub use response::*;
pub use tools::*;

pub use crate::chat::{ImageDetail, PromptCacheRetention, ReasoningEffort, ServiceTier, Verbosity};
pub use crate::shared::Metadata;

use std::collections::BTreeMap;

/// An entry of the model's input (the same type as [`Item`]: output items are valid input).
pub type InputItem = Item;
/// An entry of a response's `output` (the same type as [`Item`]).
pub type OutputItem = Item;
