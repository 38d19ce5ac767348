//! Legacy text completions: `POST /completions` (`gpt-3.5-turbo-instruct`, `davinci-002`, ...).

use std::collections::BTreeMap;

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::chat::{StopSequences, StreamOptions};
use crate::shared::{CompletionUsage, ContentFilterResults, PromptFilterResult};

/// The prompt of a legacy completion: text, several texts, token ids, or several token lists.
///
/// ```
/// use openai_types::completions::Prompt;
///
/// assert_eq!(serde_json::to_string(&Prompt::from("Say hi")).unwrap(), r#""Say hi""#);
/// assert_eq!(serde_json::to_string(&Prompt::from(vec![1u32, 2, 3])).unwrap(), "[1,2,3]");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum Prompt {
    /// One text prompt.
    Text(String),
    /// Several text prompts (one completion each).
    Texts(Vec<String>),
    /// One prompt as token ids.
    Tokens(Vec<u32>),
    /// Several prompts as token ids.
    TokenLists(Vec<Vec<u32>>),
}

impl From<&str> for Prompt {
    fn from(text: &str) -> Self {
        Self::Text(text.to_owned())
    }
}

impl From<String> for Prompt {
    fn from(text: String) -> Self {
        Self::Text(text)
    }
}

impl From<Vec<String>> for Prompt {
    fn from(texts: Vec<String>) -> Self {
        Self::Texts(texts)
    }
}

impl From<Vec<&str>> for Prompt {
    fn from(texts: Vec<&str>) -> Self {
        Self::Texts(texts.into_iter().map(str::to_owned).collect())
    }
}

impl From<Vec<u32>> for Prompt {
    fn from(tokens: Vec<u32>) -> Self {
        Self::Tokens(tokens)
    }
}

impl From<Vec<Vec<u32>>> for Prompt {
    fn from(lists: Vec<Vec<u32>>) -> Self {
        Self::TokenLists(lists)
    }
}

/// Parameters for `POST /completions`. `stream` is decided by the client method.
///
/// ```
/// use openai_types::completions::CompletionRequest;
///
/// let request = CompletionRequest::new("gpt-3.5-turbo-instruct", "Say this is a test")
///     .max_tokens(7u32)
///     .echo(true);
/// let json = serde_json::to_string(&request).unwrap();
/// assert_eq!(json, r#"{"model":"gpt-3.5-turbo-instruct","prompt":"Say this is a test","echo":true,"max_tokens":7}"#);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct CompletionRequest {
    /// Model id.
    pub model: String,
    /// The prompt(s).
    pub prompt: Prompt,
    /// Generate this many candidates server-side and return the best `n`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub best_of: Option<u32>,
    /// Echo the prompt before the completion.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub echo: Option<bool>,
    /// -2.0..=2.0 frequency penalty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub frequency_penalty: Option<f64>,
    /// Token id → bias.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logit_bias: Option<BTreeMap<String, i32>>,
    /// 0..=5: return log probabilities of this many most likely tokens.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logprobs: Option<u8>,
    /// Upper bound on generated tokens (default 16).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_tokens: Option<u32>,
    /// Completions per prompt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n: Option<u32>,
    /// -2.0..=2.0 presence penalty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub presence_penalty: Option<f64>,
    /// Best-effort determinism.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seed: Option<i64>,
    /// Stop sequences.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stop: Option<StopSequences>,
    /// Streaming options.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stream_options: Option<StreamOptions>,
    /// Text after the insertion point (insert mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// 0.0..=2.0 sampling temperature.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub temperature: Option<f64>,
    /// Nucleus sampling mass.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub top_p: Option<f64>,
    /// End-user id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Parameters this release does not model, sent as top-level fields (set with
    /// [`extra`](Self::extra); do not repeat modeled fields).
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl CompletionRequest {
    /// Adds a top-level field this release does not model (sent as is).
    pub fn extra(mut self, key: impl Into<String>, value: serde_json::Value) -> Self {
        self.extra.insert(key.into(), value);
        self
    }

    /// Model and prompt; everything else is optional.
    pub fn new(model: impl Into<String>, prompt: impl Into<Prompt>) -> Self {
        Self {
            model: model.into(),
            prompt: prompt.into(),
            best_of: None,
            echo: None,
            frequency_penalty: None,
            logit_bias: None,
            logprobs: None,
            max_tokens: None,
            n: None,
            presence_penalty: None,
            seed: None,
            stop: None,
            stream_options: None,
            suffix: None,
            temperature: None,
            top_p: None,
            user: None,
            extra: serde_json::Map::new(),
        }
    }
}

setters! { CompletionRequest {
    copy best_of: u32,
    echo: bool,
    frequency_penalty: f64,
    logit_bias: BTreeMap<String, i32>,
    copy logprobs: u8,
    copy max_tokens: u32,
    copy n: u32,
    presence_penalty: f64,
    copy seed: i64,
    stop: StopSequences,
    stream_options: StreamOptions,
    suffix: String,
    temperature: f64,
    top_p: f64,
    user: String,
} }

string_enum! {
    /// Why a legacy completion stopped.
    pub enum CompletionFinishReason {
        /// Natural end or a stop sequence.
        Stop = "stop",
        /// `max_tokens` reached.
        Length = "length",
        /// Output omitted by a content filter.
        ContentFilter = "content_filter",
    }
}

/// A legacy completion (`object: "text_completion"`); stream chunks have the same shape.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Completion {
    /// Completion id.
    #[serde(default)]
    pub id: String,
    /// `text_completion`.
    #[serde(default, deserialize_with = "crate::shared::object_name::deserialize")]
    pub object: Cow<'static, str>,
    /// Unix seconds.
    #[serde(default)]
    pub created: u64,
    /// The model.
    #[serde(default)]
    pub model: String,
    /// The completions.
    #[serde(default)]
    pub choices: Vec<CompletionChoice>,
    /// Token usage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<CompletionUsage>,
    /// Backend configuration fingerprint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system_fingerprint: Option<String>,
    /// Azure: content filter results per prompt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_filter_results: Option<Vec<PromptFilterResult>>,
}

/// A stream chunk of a legacy completion: the same shape as [`Completion`], with text
/// fragments.
pub type CompletionChunk = Completion;

impl Completion {
    /// The text of the choice with index 0.
    pub fn first_text(&self) -> Option<&str> {
        self.choices
            .iter()
            .find(|c| c.index == 0)
            .map(|c| c.text.as_str())
    }
}

/// One legacy completion choice.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CompletionChoice {
    /// Position among the choices (`n` per prompt, prompts in order).
    #[serde(default)]
    pub index: u32,
    /// The generated text (a fragment, in a stream chunk).
    #[serde(default)]
    pub text: String,
    /// Why generation stopped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finish_reason: Option<CompletionFinishReason>,
    /// Log probabilities (with `logprobs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logprobs: Option<Box<CompletionLogprobs>>,
    /// Azure: content filter results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_filter_results: Option<Box<ContentFilterResults>>,
}

/// Legacy log probabilities: parallel arrays, one entry per token.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CompletionLogprobs {
    /// The tokens.
    #[serde(default)]
    pub tokens: Vec<String>,
    /// Their log probabilities (`null` for the first echoed token).
    #[serde(default)]
    pub token_logprobs: Vec<Option<f64>>,
    /// Most likely alternatives per position (`null` for the first echoed token).
    #[serde(default)]
    pub top_logprobs: Vec<Option<BTreeMap<String, f64>>>,
    /// Character offset of each token in the text.
    #[serde(default)]
    pub text_offset: Vec<u32>,
}

/// Folds legacy completion chunks into the final [`Completion`]: text appended per choice
/// index, logprob arrays appended, `finish_reason` and `usage` from the last chunk that has
/// them. Azure's empty-id filter chunks never overwrite the header.
#[derive(Clone, Debug, Default)]
pub struct CompletionAccumulator {
    chunks: usize,
    snapshot: Completion,
}

impl CompletionAccumulator {
    /// An empty accumulator.
    pub fn new() -> Self {
        Self::default()
    }

    /// Folds one chunk in.
    pub fn push(&mut self, chunk: &CompletionChunk) {
        self.chunks += 1;
        let snap = &mut self.snapshot;
        if !chunk.id.is_empty() {
            snap.id.clone_from(&chunk.id);
            snap.created = chunk.created;
            snap.model.clone_from(&chunk.model);
            if chunk.system_fingerprint.is_some() {
                snap.system_fingerprint
                    .clone_from(&chunk.system_fingerprint);
            }
        }
        if chunk.usage.is_some() {
            snap.usage.clone_from(&chunk.usage);
        }
        if let Some(results) = &chunk.prompt_filter_results {
            snap.prompt_filter_results
                .get_or_insert_with(Vec::new)
                .extend(results.iter().cloned());
        }
        for part in &chunk.choices {
            let position = match snap.choices.iter().position(|c| c.index == part.index) {
                Some(position) => position,
                None => {
                    snap.choices.push(CompletionChoice {
                        index: part.index,
                        ..CompletionChoice::default()
                    });
                    snap.choices.sort_by_key(|c| c.index);
                    snap.choices
                        .iter()
                        .position(|c| c.index == part.index)
                        .unwrap_or(0)
                }
            };
            let Some(choice) = snap.choices.get_mut(position) else {
                continue;
            };
            choice.text.push_str(&part.text);
            if part.finish_reason.is_some() {
                choice.finish_reason.clone_from(&part.finish_reason);
            }
            if let Some(logprobs) = &part.logprobs {
                let target = choice.logprobs.get_or_insert_with(Box::default);
                target.tokens.extend(logprobs.tokens.iter().cloned());
                target
                    .token_logprobs
                    .extend(logprobs.token_logprobs.iter().cloned());
                target
                    .top_logprobs
                    .extend(logprobs.top_logprobs.iter().cloned());
                target
                    .text_offset
                    .extend(logprobs.text_offset.iter().cloned());
            }
            if part.content_filter_results.is_some() {
                choice
                    .content_filter_results
                    .clone_from(&part.content_filter_results);
            }
        }
    }

    /// The completion as received so far.
    pub fn snapshot(&self) -> Completion {
        let mut snapshot = self.snapshot.clone();
        snapshot.object = Cow::Borrowed("text_completion");
        snapshot
    }

    /// The final completion, or an error when the stream was empty or a choice has no
    /// `finish_reason` (cut short).
    pub fn finish(self) -> Result<Completion, crate::chat::AccumulateError> {
        use crate::chat::AccumulateError;
        if self.chunks == 0 {
            return Err(AccumulateError::NoChunks);
        }
        if self.snapshot.choices.is_empty() {
            return Err(AccumulateError::NoChoices);
        }
        if let Some(choice) = self
            .snapshot
            .choices
            .iter()
            .find(|c| c.finish_reason.is_none())
        {
            return Err(AccumulateError::MissingFinishReason {
                choice: choice.index,
            });
        }
        Ok(self.snapshot())
    }
}
