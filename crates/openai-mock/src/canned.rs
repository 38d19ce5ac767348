//! Ready-made success replies for scripts: a chat completion, tool calls, a chat stream, a
//! response and its event stream, a transcription, speech audio.
//!
//! Each builder renders through the same code the mock's default handlers use, so a scripted
//! answer has exactly the shape of an unscripted one (ids, `created`, usage details, stream
//! framing); only the content is yours. Builders convert into [`Reply`], so they go straight
//! into [`RouteScript::respond`](crate::RouteScript::respond) and
//! [`respond_seq`](crate::RouteScript::respond_seq) (with `.into()` next to other replies).

use bytes::Bytes;
use serde_json::Value;

use crate::front::to_reply;
use crate::inference::{
    CREATED_BASE, Choice, Head, chat_usage, completion, count_tokens, speech_content_type, sse,
    stream_chunks, transcript_duration, transcript_stream, transcription_usage,
};
use crate::responses::{scripted, text_message, usage};
use crate::script::Reply;

/// The model scripted replies name unless told otherwise.
const DEFAULT_MODEL: &str = "gpt-4o-mini";
/// The prompt token count scripted replies report unless told otherwise.
const DEFAULT_PROMPT_TOKENS: u64 = 1;

/// A scripted chat completion: built by [`Reply::chat_text`], [`Reply::tool_calls`],
/// [`Reply::chat_stream_text`] or [`Reply::chat_stream_chunks`], adjusted with the chained
/// methods, sent once converted into a [`Reply`].
///
/// Defaults: id `chatcmpl-mock`, model `gpt-4o-mini`, finish reason `stop` (text) or
/// `tool_calls`, usage of 1 prompt token and one completion token per word (or per 8
/// characters of tool arguments). A stream sends a role chunk, one delta per piece, a chunk
/// with the finish reason and `data: [DONE]`; with [`usage`](Self::usage) it also sends the
/// usage-only chunk the service sends for `stream_options.include_usage`.
///
/// ```
/// use openai_mock::Reply;
///
/// let reply: Reply = Reply::chat_text("It is sunny.")
///     .model("gpt-4.1")
///     .finish_reason("length")
///     .usage(12, 3)
///     .into();
/// let body: serde_json::Value = serde_json::from_slice(&reply.body())?;
/// assert_eq!(body["object"], "chat.completion");
/// assert_eq!(body["model"], "gpt-4.1");
/// assert_eq!(body["choices"][0]["message"]["content"], "It is sunny.");
/// assert_eq!(body["choices"][0]["finish_reason"], "length");
/// assert_eq!(body["usage"]["total_tokens"], 15);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[must_use = "convert it into a Reply (`.into()`) and pass it to respond(..)"]
pub struct ChatReply {
    id: String,
    model: String,
    text: Option<String>,
    pieces: Option<Vec<String>>,
    calls: Vec<(String, String, String)>,
    finish_reason: Option<String>,
    usage: Option<(u64, u64)>,
    stream: bool,
}

impl Reply {
    /// A `chat.completion` whose one choice is an assistant message saying `text`
    /// (`finish_reason: "stop"`, with `usage`).
    ///
    /// ```
    /// use openai_mock::Reply;
    ///
    /// let reply = Reply::from(Reply::chat_text("Hello!"));
    /// let body: serde_json::Value = serde_json::from_slice(&reply.body())?;
    /// assert_eq!(body["choices"][0]["message"]["role"], "assistant");
    /// assert_eq!(body["choices"][0]["message"]["content"], "Hello!");
    /// assert_eq!(body["choices"][0]["finish_reason"], "stop");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn chat_text(text: impl Into<String>) -> ChatReply {
        ChatReply {
            id: "chatcmpl-mock".to_owned(),
            model: DEFAULT_MODEL.to_owned(),
            text: Some(text.into()),
            pieces: None,
            calls: Vec::new(),
            finish_reason: None,
            usage: None,
            stream: false,
        }
    }

    /// A `chat.completion` whose assistant message calls functions: one tool call per
    /// `(id, name, arguments)`, the arguments serialized as the JSON string the service sends
    /// (`finish_reason: "tool_calls"`, `content: null`).
    ///
    /// ```
    /// use openai_mock::Reply;
    /// use serde_json::json;
    ///
    /// let reply = Reply::from(Reply::tool_calls([
    ///     ("call_1", "get_weather", json!({"city": "Paris"})),
    ///     ("call_2", "get_time", json!({"zone": "CET"})),
    /// ]));
    /// let body: serde_json::Value = serde_json::from_slice(&reply.body())?;
    /// let call = &body["choices"][0]["message"]["tool_calls"][0];
    /// assert_eq!(call["id"], "call_1");
    /// assert_eq!(call["type"], "function");
    /// assert_eq!(call["function"]["name"], "get_weather");
    /// assert_eq!(call["function"]["arguments"], r#"{"city":"Paris"}"#);
    /// assert_eq!(body["choices"][0]["finish_reason"], "tool_calls");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn tool_calls<I, N>(calls: impl IntoIterator<Item = (I, N, Value)>) -> ChatReply
    where
        I: Into<String>,
        N: Into<String>,
    {
        ChatReply {
            text: None,
            calls: calls
                .into_iter()
                .map(|(id, name, args)| (id.into(), name.into(), args.to_string()))
                .collect(),
            ..Self::chat_text("")
        }
    }

    /// A chat completion stream (`chat.completion.chunk` events, `text/event-stream`) that
    /// sends `text` one word per delta (each word with the whitespace before it), then the
    /// finish reason and `data: [DONE]`.
    ///
    /// ```
    /// use openai_mock::Reply;
    ///
    /// let reply = Reply::from(Reply::chat_stream_text("Hello there"));
    /// assert_eq!(reply.content_type(), Some("text/event-stream; charset=utf-8"));
    /// let body = String::from_utf8(reply.body().to_vec()).unwrap_or_default();
    /// assert!(body.contains(r#""delta":{"content":" there"}"#));
    /// assert!(body.contains(r#""finish_reason":"stop""#));
    /// assert!(body.ends_with("data: [DONE]\n\n"));
    /// ```
    pub fn chat_stream_text(text: impl Into<String>) -> ChatReply {
        Self::chat_text(text).stream()
    }

    /// A chat completion stream that sends exactly these content deltas, in order (their
    /// concatenation is the message), then the finish reason and `data: [DONE]`.
    ///
    /// ```
    /// use openai_mock::Reply;
    ///
    /// let reply = Reply::from(Reply::chat_stream_chunks(["Hel", "lo", "!"]));
    /// let body = String::from_utf8(reply.body().to_vec()).unwrap_or_default();
    /// assert!(body.contains(r#""delta":{"content":"Hel"}"#));
    /// assert!(body.contains(r#""delta":{"content":"lo"}"#));
    /// ```
    pub fn chat_stream_chunks<S: Into<String>>(deltas: impl IntoIterator<Item = S>) -> ChatReply {
        let pieces: Vec<String> = deltas.into_iter().map(Into::into).collect();
        ChatReply {
            pieces: Some(pieces.clone()),
            ..Self::chat_text(pieces.concat()).stream()
        }
    }
}

impl ChatReply {
    /// Sets the `model` the reply names.
    ///
    /// ```
    /// # use openai_mock::Reply;
    /// let reply = Reply::from(Reply::chat_text("Hi").model("gpt-4o"));
    /// # let _ = reply;
    /// ```
    pub fn model(mut self, model: impl Into<String>) -> Self {
        self.model = model.into();
        self
    }

    /// Sets the completion's `id` (every chunk's, for a stream).
    ///
    /// ```
    /// # use openai_mock::Reply;
    /// let reply = Reply::from(Reply::chat_text("Hi").id("chatcmpl-123"));
    /// # let _ = reply;
    /// ```
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = id.into();
        self
    }

    /// Sets the `finish_reason` (`stop`, `length`, `tool_calls`, `content_filter`, or a value
    /// the service may add later).
    ///
    /// ```
    /// # use openai_mock::Reply;
    /// let cut_short = Reply::from(Reply::chat_text("It was a dark and").finish_reason("length"));
    /// # let _ = cut_short;
    /// ```
    pub fn finish_reason(mut self, reason: impl Into<String>) -> Self {
        self.finish_reason = Some(reason.into());
        self
    }

    /// Sets `usage` (`total_tokens` is the sum). On a stream, adds the final usage-only chunk
    /// (`choices: []`) the service sends for `stream_options.include_usage`.
    ///
    /// ```
    /// # use openai_mock::Reply;
    /// let with_usage = Reply::from(Reply::chat_stream_text("Hi there").usage(9, 2));
    /// # let _ = with_usage;
    /// ```
    pub fn usage(mut self, prompt_tokens: u64, completion_tokens: u64) -> Self {
        self.usage = Some((prompt_tokens, completion_tokens));
        self
    }

    /// Sends the answer as a stream of `chat.completion.chunk` events instead of one object
    /// (tool calls stream their arguments in 8-character fragments, as the service does).
    ///
    /// ```
    /// # use openai_mock::Reply;
    /// # use serde_json::json;
    /// let streamed_call = Reply::from(
    ///     Reply::tool_calls([("call_1", "lookup", json!({"q": "rust"}))]).stream(),
    /// );
    /// # let _ = streamed_call;
    /// ```
    pub fn stream(mut self) -> Self {
        self.stream = true;
        self
    }
}

impl From<ChatReply> for Reply {
    fn from(chat: ChatReply) -> Self {
        let default_finish = if chat.calls.is_empty() {
            "stop"
        } else {
            "tool_calls"
        };
        let choice = Choice {
            text: chat.text,
            pieces: chat.pieces,
            calls: chat.calls,
            finish: chat
                .finish_reason
                .unwrap_or_else(|| default_finish.to_owned()),
        };
        let (prompt, completion_tokens) = chat
            .usage
            .unwrap_or((DEFAULT_PROMPT_TOKENS, choice.tokens()));
        let usage = chat_usage(prompt, completion_tokens);
        let head = Head {
            id: &chat.id,
            created: CREATED_BASE,
            model: &chat.model,
            azure: false,
        };
        let choices = [choice];
        if chat.stream {
            let usage = chat.usage.is_some().then_some(usage);
            to_reply(sse(stream_chunks(&head, &choices, usage, false)))
        } else {
            Reply::json(200, completion(&head, &choices, usage))
        }
    }
}

/// A scripted Responses API answer: built by [`Reply::response_text`] or
/// [`Reply::response_stream_text`], adjusted with the chained methods, sent once converted
/// into a [`Reply`].
///
/// The response is `completed`, with one assistant `message` item holding one `output_text`
/// part. Defaults: id `resp_mock`, message id `msg_mock`, model `gpt-4o-mini`, usage of 1
/// input token and one output token per word. A stream sends the service's event sequence:
/// `response.created`, `response.in_progress`, `response.output_item.added`,
/// `response.content_part.added`, one `response.output_text.delta` per word,
/// `response.output_text.done`, `response.content_part.done`, `response.output_item.done`
/// and `response.completed` with the final response and its usage (`event:` lines,
/// `sequence_number` from 0, no `[DONE]`).
///
/// ```
/// use openai_mock::Reply;
///
/// let reply = Reply::from(Reply::response_text("Bonjour").model("gpt-4.1").usage(7, 1));
/// let body: serde_json::Value = serde_json::from_slice(&reply.body())?;
/// assert_eq!(body["object"], "response");
/// assert_eq!(body["status"], "completed");
/// assert_eq!(body["output"][0]["content"][0]["text"], "Bonjour");
/// assert_eq!(body["usage"]["total_tokens"], 8);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[must_use = "convert it into a Reply (`.into()`) and pass it to respond(..)"]
pub struct ResponseReply {
    id: String,
    message_id: String,
    model: String,
    text: String,
    usage: Option<(u64, u64)>,
    stream: bool,
}

impl Reply {
    /// A completed `response` object whose output is one assistant message saying `text`.
    ///
    /// ```
    /// use openai_mock::Reply;
    ///
    /// let reply = Reply::from(Reply::response_text("Hello!"));
    /// let body: serde_json::Value = serde_json::from_slice(&reply.body())?;
    /// assert_eq!(body["output"][0]["type"], "message");
    /// assert_eq!(body["output"][0]["content"][0]["type"], "output_text");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn response_text(text: impl Into<String>) -> ResponseReply {
        ResponseReply {
            id: "resp_mock".to_owned(),
            message_id: "msg_mock".to_owned(),
            model: DEFAULT_MODEL.to_owned(),
            text: text.into(),
            usage: None,
            stream: false,
        }
    }

    /// The Responses event stream that produces `text` (one `response.output_text.delta`
    /// per word) and ends with `response.completed`.
    ///
    /// ```
    /// use openai_mock::Reply;
    ///
    /// let reply = Reply::from(Reply::response_stream_text("Hello there"));
    /// let body = String::from_utf8(reply.body().to_vec()).unwrap_or_default();
    /// assert!(body.starts_with("event: response.created\n"));
    /// assert!(body.contains("event: response.output_text.delta\n"));
    /// assert!(body.contains("event: response.completed\n"));
    /// ```
    pub fn response_stream_text(text: impl Into<String>) -> ResponseReply {
        Self::response_text(text).stream()
    }
}

impl ResponseReply {
    /// Sets the `model` the response names.
    ///
    /// ```
    /// # use openai_mock::Reply;
    /// let reply = Reply::from(Reply::response_text("Hi").model("gpt-4.1-mini"));
    /// # let _ = reply;
    /// ```
    pub fn model(mut self, model: impl Into<String>) -> Self {
        self.model = model.into();
        self
    }

    /// Sets the response's `id`.
    ///
    /// ```
    /// # use openai_mock::Reply;
    /// let reply = Reply::from(Reply::response_text("Hi").id("resp_123"));
    /// # let _ = reply;
    /// ```
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = id.into();
        self
    }

    /// Sets the output message item's `id`.
    ///
    /// ```
    /// # use openai_mock::Reply;
    /// let reply = Reply::from(Reply::response_text("Hi").message_id("msg_123"));
    /// # let _ = reply;
    /// ```
    pub fn message_id(mut self, id: impl Into<String>) -> Self {
        self.message_id = id.into();
        self
    }

    /// Sets `usage` (`total_tokens` is the sum; no cached or reasoning tokens).
    ///
    /// ```
    /// # use openai_mock::Reply;
    /// let reply = Reply::from(Reply::response_stream_text("Hi").usage(20, 1));
    /// # let _ = reply;
    /// ```
    pub fn usage(mut self, input_tokens: u64, output_tokens: u64) -> Self {
        self.usage = Some((input_tokens, output_tokens));
        self
    }

    /// Sends the response as its event stream instead of one object.
    ///
    /// ```
    /// # use openai_mock::Reply;
    /// let reply = Reply::from(Reply::response_text("Hi").stream());
    /// # let _ = reply;
    /// ```
    pub fn stream(mut self) -> Self {
        self.stream = true;
        self
    }
}

impl From<ResponseReply> for Reply {
    fn from(r: ResponseReply) -> Self {
        let (input, output) = r
            .usage
            .unwrap_or((DEFAULT_PROMPT_TOKENS, count_tokens(&r.text)));
        let message = text_message(&r.message_id, &r.text, "completed");
        to_reply(scripted(
            &r.model,
            &r.id,
            vec![message],
            usage(input, 0, output, 0),
            r.stream,
        ))
    }
}

/// A scripted transcription: built by [`Reply::transcription_text`], sent once converted into
/// a [`Reply`].
///
/// Without [`stream`](Self::stream) it is the `json` response format (what
/// `response_format: "json"`, the default, asks for): `{"text", "usage"}`. Usage counts
/// tokens for `gpt-*` models (the default model is `gpt-4o-transcribe`) and seconds for
/// others such as `whisper-1`, half a second per word.
///
/// ```
/// use openai_mock::Reply;
///
/// let reply = Reply::from(Reply::transcription_text("Hello world."));
/// let body: serde_json::Value = serde_json::from_slice(&reply.body())?;
/// assert_eq!(body["text"], "Hello world.");
/// assert_eq!(body["usage"]["type"], "tokens");
///
/// let whisper = Reply::from(Reply::transcription_text("Hello world.").model("whisper-1"));
/// let body: serde_json::Value = serde_json::from_slice(&whisper.body())?;
/// assert_eq!(body["usage"], serde_json::json!({"type": "duration", "seconds": 1}));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[must_use = "convert it into a Reply (`.into()`) and pass it to respond(..)"]
pub struct TranscriptionReply {
    model: String,
    text: String,
    stream: bool,
}

impl Reply {
    /// A transcription (or translation) of some audio as `text`.
    ///
    /// ```
    /// use openai_mock::Reply;
    ///
    /// let reply = Reply::from(Reply::transcription_text("Bonjour."));
    /// assert_eq!(reply.content_type(), Some("application/json"));
    /// ```
    pub fn transcription_text(text: impl Into<String>) -> TranscriptionReply {
        TranscriptionReply {
            model: "gpt-4o-transcribe".to_owned(),
            text: text.into(),
            stream: false,
        }
    }

    /// Speech audio: `audio` served with the content type of the `response_format` named by
    /// `format` (`mp3` → `audio/mpeg`, `wav`, `pcm`, `opus`, `aac`, `flac`;
    /// `application/octet-stream` for any other name).
    ///
    /// ```
    /// use openai_mock::Reply;
    ///
    /// let reply = Reply::speech_bytes("mp3", &b"ID3\0\0\0"[..]);
    /// assert_eq!(reply.content_type(), Some("audio/mpeg"));
    /// assert_eq!(&reply.body()[..], b"ID3\0\0\0");
    /// ```
    pub fn speech_bytes(format: &str, audio: impl Into<Bytes>) -> Reply {
        let content_type = speech_content_type(format).unwrap_or("application/octet-stream");
        Reply::bytes(200, content_type, audio)
    }
}

impl TranscriptionReply {
    /// Sets the model the usage is computed for (`gpt-*`: tokens; others: seconds).
    ///
    /// ```
    /// # use openai_mock::Reply;
    /// let reply = Reply::from(Reply::transcription_text("Hi").model("whisper-1"));
    /// # let _ = reply;
    /// ```
    pub fn model(mut self, model: impl Into<String>) -> Self {
        self.model = model.into();
        self
    }

    /// Sends the transcript as the service streams it (`stream: true`): one
    /// `transcript.text.delta` event per word, `transcript.text.done` with the text and
    /// usage, then `data: [DONE]`.
    ///
    /// ```
    /// # use openai_mock::Reply;
    /// let reply = Reply::from(Reply::transcription_text("Hi there").stream());
    /// let body = String::from_utf8(reply.body().to_vec()).unwrap_or_default();
    /// assert!(body.contains(r#""type":"transcript.text.done""#));
    /// ```
    pub fn stream(mut self) -> Self {
        self.stream = true;
        self
    }
}

impl From<TranscriptionReply> for Reply {
    fn from(t: TranscriptionReply) -> Self {
        let usage = transcription_usage(&t.model, &t.text, transcript_duration(&t.text));
        if t.stream {
            to_reply(transcript_stream(&t.text, "json", false, usage))
        } else {
            Reply::json(200, serde_json::json!({"text": t.text, "usage": usage}))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn json_body(reply: impl Into<Reply>) -> Value {
        let reply = reply.into();
        assert_eq!(reply.status(), 200);
        assert_eq!(reply.content_type(), Some("application/json"));
        serde_json::from_slice(&reply.body()).unwrap()
    }

    /// The `data:` payloads of an SSE body, with the event name when there is one.
    fn events(reply: impl Into<Reply>) -> Vec<(Option<String>, String)> {
        let reply = reply.into();
        assert_eq!(
            reply.content_type(),
            Some("text/event-stream; charset=utf-8")
        );
        let body = String::from_utf8(reply.body().to_vec()).unwrap();
        body.split("\n\n")
            .filter(|block| !block.is_empty())
            .map(|block| {
                let mut name = None;
                let mut data = String::new();
                for line in block.lines() {
                    if let Some(n) = line.strip_prefix("event: ") {
                        name = Some(n.to_owned());
                    } else if let Some(d) = line.strip_prefix("data: ") {
                        data.push_str(d);
                    }
                }
                (name, data)
            })
            .collect()
    }

    fn chunk_json(events: &[(Option<String>, String)]) -> Vec<Value> {
        events
            .iter()
            .filter(|(_, d)| d != "[DONE]")
            .map(|(_, d)| serde_json::from_str(d).unwrap())
            .collect()
    }

    #[test]
    fn chat_text_is_a_complete_completion_with_usage() {
        let body = json_body(Reply::chat_text("Hello there"));
        assert_eq!(body["id"], "chatcmpl-mock");
        assert_eq!(body["object"], "chat.completion");
        assert_eq!(body["model"], DEFAULT_MODEL);
        assert_eq!(body["created"], CREATED_BASE);
        let choice = &body["choices"][0];
        assert_eq!(choice["index"], 0);
        assert_eq!(choice["message"]["role"], "assistant");
        assert_eq!(choice["message"]["content"], "Hello there");
        assert_eq!(choice["finish_reason"], "stop");
        assert!(choice["message"].get("tool_calls").is_none());
        assert_eq!(body["usage"]["prompt_tokens"], 1);
        assert_eq!(body["usage"]["completion_tokens"], 2);
        assert_eq!(body["usage"]["total_tokens"], 3);
    }

    #[test]
    fn chat_builder_methods_set_model_id_finish_reason_and_usage() {
        let body = json_body(
            Reply::chat_text("x")
                .model("gpt-4.1")
                .id("chatcmpl-7")
                .finish_reason("content_filter")
                .usage(40, 2),
        );
        assert_eq!(body["model"], "gpt-4.1");
        assert_eq!(body["id"], "chatcmpl-7");
        assert_eq!(body["choices"][0]["finish_reason"], "content_filter");
        assert_eq!(
            (
                &body["usage"]["prompt_tokens"],
                &body["usage"]["completion_tokens"],
                &body["usage"]["total_tokens"]
            ),
            (&json!(40), &json!(2), &json!(42))
        );
    }

    #[test]
    fn tool_calls_carry_ids_names_and_json_arguments() {
        let body = json_body(Reply::tool_calls([
            ("call_a", "get_weather", json!({"city": "Paris"})),
            ("call_b", "get_time", json!({})),
        ]));
        let message = &body["choices"][0]["message"];
        assert_eq!(message["content"], Value::Null);
        let calls = message["tool_calls"].as_array().unwrap();
        assert_eq!(calls.len(), 2);
        assert_eq!(calls[0]["id"], "call_a");
        assert_eq!(calls[0]["type"], "function");
        assert_eq!(calls[0]["function"]["name"], "get_weather");
        let args: Value =
            serde_json::from_str(calls[0]["function"]["arguments"].as_str().unwrap()).unwrap();
        assert_eq!(args, json!({"city": "Paris"}));
        assert_eq!(calls[1]["function"]["arguments"], "{}");
        assert_eq!(body["choices"][0]["finish_reason"], "tool_calls");
    }

    #[test]
    fn chat_stream_splits_words_and_ends_with_finish_and_done() {
        let events = events(Reply::chat_stream_text("one two three"));
        assert_eq!(events.last().unwrap().1, "[DONE]");
        let chunks = chunk_json(&events);
        assert!(
            chunks
                .iter()
                .all(|c| c["object"] == "chat.completion.chunk")
        );
        let deltas: Vec<&str> = chunks
            .iter()
            .filter_map(|c| c["choices"][0]["delta"]["content"].as_str())
            .collect();
        assert_eq!(deltas, ["", "one", " two", " three"]);
        let last = chunks.last().unwrap();
        assert_eq!(last["choices"][0]["finish_reason"], "stop");
        assert!(chunks.iter().all(|c| c.get("usage").is_none()));
    }

    #[test]
    fn chat_stream_chunks_are_sent_as_given_and_usage_adds_a_usage_chunk() {
        let events = events(Reply::chat_stream_chunks(["Hel", "lo, ", "world"]).usage(5, 3));
        let chunks = chunk_json(&events);
        let deltas: String = chunks
            .iter()
            .filter_map(|c| c["choices"][0]["delta"]["content"].as_str())
            .collect();
        assert_eq!(deltas, "Hello, world");
        let usage_chunk = chunks.last().unwrap();
        assert_eq!(usage_chunk["choices"], json!([]));
        assert_eq!(usage_chunk["usage"]["total_tokens"], 8);
    }

    #[test]
    fn streamed_tool_calls_send_arguments_in_fragments() {
        let args = json!({"query": "a long enough query"});
        let events = events(Reply::tool_calls([("call_1", "search", args.clone())]).stream());
        let chunks = chunk_json(&events);
        let calls: Vec<&Value> = chunks
            .iter()
            .filter_map(|c| c["choices"][0]["delta"]["tool_calls"].get(0))
            .collect();
        assert_eq!(calls[0]["id"], "call_1");
        assert_eq!(calls[0]["function"]["name"], "search");
        let joined: String = calls
            .iter()
            .filter_map(|c| c["function"]["arguments"].as_str())
            .collect();
        assert_eq!(joined, args.to_string());
        assert!(calls.len() > 2, "arguments arrive in several fragments");
        assert_eq!(
            chunks.last().unwrap()["choices"][0]["finish_reason"],
            "tool_calls"
        );
    }

    #[test]
    fn response_text_is_a_completed_response_with_one_message() {
        let body = json_body(
            Reply::response_text("Hi there")
                .id("resp_1")
                .message_id("msg_1")
                .model("gpt-4.1"),
        );
        assert_eq!(body["id"], "resp_1");
        assert_eq!(body["object"], "response");
        assert_eq!(body["status"], "completed");
        assert_eq!(body["model"], "gpt-4.1");
        assert_eq!(body["completed_at"], body["created_at"]);
        let output = body["output"].as_array().unwrap();
        assert_eq!(output.len(), 1);
        assert_eq!(output[0]["id"], "msg_1");
        assert_eq!(output[0]["role"], "assistant");
        assert_eq!(output[0]["content"][0]["type"], "output_text");
        assert_eq!(output[0]["content"][0]["text"], "Hi there");
        assert_eq!(body["usage"]["input_tokens"], 1);
        assert_eq!(body["usage"]["output_tokens"], 2);
        assert_eq!(body["usage"]["total_tokens"], 3);
        assert_eq!(
            body["usage"]["output_tokens_details"]["reasoning_tokens"],
            0
        );
    }

    #[test]
    fn response_stream_sends_the_event_sequence_with_final_usage() {
        let events = events(Reply::response_stream_text("Hi there").usage(10, 4));
        let names: Vec<&str> = events.iter().filter_map(|(n, _)| n.as_deref()).collect();
        assert_eq!(
            names,
            [
                "response.created",
                "response.in_progress",
                "response.output_item.added",
                "response.content_part.added",
                "response.output_text.delta",
                "response.output_text.delta",
                "response.output_text.done",
                "response.content_part.done",
                "response.output_item.done",
                "response.completed",
            ]
        );
        let data = chunk_json(&events);
        for (i, event) in data.iter().enumerate() {
            assert_eq!(event["sequence_number"], i);
            assert_eq!(Some(event["type"].as_str().unwrap()), names.get(i).copied());
        }
        assert_eq!(data[0]["response"]["status"], "in_progress");
        assert_eq!(data[0]["response"]["usage"], Value::Null);
        let completed = &data.last().unwrap()["response"];
        assert_eq!(completed["status"], "completed");
        assert_eq!(completed["usage"]["input_tokens"], 10);
        assert_eq!(completed["usage"]["output_tokens"], 4);
        assert_eq!(completed["output"][0]["content"][0]["text"], "Hi there");
        assert!(!events.iter().any(|(_, d)| d == "[DONE]"));
    }

    #[test]
    fn transcription_text_counts_tokens_or_seconds_by_model() {
        let body = json_body(Reply::transcription_text("one two three"));
        assert_eq!(body["text"], "one two three");
        assert_eq!(body["usage"]["type"], "tokens");
        assert_eq!(body["usage"]["output_tokens"], 3);
        let whisper = json_body(Reply::transcription_text("one two three").model("whisper-1"));
        assert_eq!(whisper["usage"], json!({"type": "duration", "seconds": 2}));
    }

    #[test]
    fn transcription_stream_sends_deltas_done_and_the_sentinel() {
        let events = events(Reply::transcription_text("one two").stream());
        let data = chunk_json(&events);
        let kinds: Vec<&str> = data.iter().filter_map(|e| e["type"].as_str()).collect();
        assert_eq!(
            kinds,
            [
                "transcript.text.delta",
                "transcript.text.delta",
                "transcript.text.done"
            ]
        );
        assert_eq!(data[2]["text"], "one two");
        assert_eq!(events.last().unwrap().1, "[DONE]");
    }

    #[test]
    fn speech_bytes_maps_formats_to_content_types() {
        for (format, content_type) in [
            ("mp3", "audio/mpeg"),
            ("wav", "audio/wav"),
            ("pcm", "audio/pcm"),
            ("opus", "audio/opus"),
            ("aac", "audio/aac"),
            ("flac", "audio/flac"),
            ("future", "application/octet-stream"),
        ] {
            let reply = Reply::speech_bytes(format, vec![1u8, 2, 3]);
            assert_eq!(reply.content_type(), Some(content_type), "{format}");
            assert_eq!(&reply.body()[..], [1, 2, 3]);
        }
    }
}
