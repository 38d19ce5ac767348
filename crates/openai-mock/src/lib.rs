//! A loopback mock of the OpenAI and Azure OpenAI HTTP APIs, for tests, offline examples and
//! your own CI.
//!
//! [`MockServer::start`] binds `127.0.0.1` on an ephemeral port *on the caller's Tokio runtime*
//! (so `tokio::time::pause` also governs the server's scripted delays) and stops when dropped.
//! Point an OpenAI client at [`MockServer::base_url`] (`http://127.0.0.1:PORT/v1`) or an Azure
//! client at [`MockServer::azure_endpoint`] (`http://127.0.0.1:PORT`).
//!
//! The crate owns the HTTP server, the default (service-like) behavior, scripting and request
//! recording. It depends on no SDK crate, so it can test any client — including ours — without
//! trusting it.
//!
//! # A user's test: a 429, then a 200
//!
//! The example drives the mock with a raw hyper client standing in for the client under test;
//! the pattern is the same with any client.
//!
//! ```
//! # #![allow(clippy::unwrap_used)]
//! use std::time::Duration;
//!
//! use bytes::Bytes;
//! use http_body_util::{BodyExt, Full};
//! use hyper_util::client::legacy::Client;
//! use hyper_util::rt::TokioExecutor;
//! use openai_mock::{MockServer, Reply};
//! use serde_json::{Value, json};
//!
//! # #[tokio::main(flavor = "current_thread", start_paused = true)]
//! # async fn main() {
//! let server = MockServer::start().await;
//! server.on("POST", "/v1/chat/completions").respond_seq([
//!     Reply::rate_limited(1500),
//!     Reply::json(200, json!({"id": "chatcmpl-1", "object": "chat.completion", "choices": []})),
//! ]);
//!
//! // The "client under test": send, honour `retry-after-ms` once, send again.
//! let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
//! let send = || {
//!     let request = http::Request::post(format!("{}/chat/completions", server.base_url()))
//!         .header("authorization", "Bearer sk-test")
//!         .header("content-type", "application/json")
//!         .body(Full::from(r#"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}"#))
//!         .unwrap();
//!     client.request(request)
//! };
//! let first = send().await.unwrap();
//! assert_eq!(first.status(), 429);
//! let wait: u64 = first.headers()["retry-after-ms"].to_str().unwrap().parse().unwrap();
//! tokio::time::sleep(Duration::from_millis(wait)).await; // virtual time: instant
//! let second = send().await.unwrap();
//! assert_eq!(second.status(), 200);
//! let body: Value = serde_json::from_slice(&second.into_body().collect().await.unwrap().to_bytes()).unwrap();
//! assert_eq!(body["id"], "chatcmpl-1");
//!
//! // Assert on what the client sent: credentials show as present, never their value.
//! let sent = server.requests();
//! assert_eq!(sent.len(), 2);
//! assert_eq!(sent[1].path, "/v1/chat/completions");
//! assert_eq!(sent[1].header("authorization"), Some("<present>"));
//! assert!(sent[1].auth_matches("sk-test")); // compared by fingerprint
//! assert_eq!(sent[1].json.as_ref().unwrap()["model"], "gpt-4o-mini");
//! # }
//! ```
//!
//! # Routes
//!
//! | style | paths | auth | `api-version` |
//! | --- | --- | --- | --- |
//! | OpenAI | `/v1/{chat/completions, completions, embeddings, moderations, images/generations, images/edits, images/variations, audio/transcriptions, audio/translations, audio/speech, models, models/{id}}`, `/v1/{assistants,threads,files,uploads,vector_stores,batches}…`, `/v1/responses…`, `/v1/conversations…` | `Authorization: Bearer <non-empty>` | — |
//! | Azure deployment | `/openai/deployments/{deployment}/{chat/completions, completions, embeddings, images/generations, images/edits, audio/transcriptions, audio/translations, audio/speech}` | `api-key` or Bearer | required |
//! | Azure resource | `/openai/{models, moderations, assistants, threads, files, uploads, vector_stores, batches}…`, `/openai/images/generations:submit`, `/openai/operations/images/{id}` (never under a deployment) | `api-key` or Bearer | required |
//! | Azure resource, Responses | `/openai/responses…` (`model` names the deployment) | `api-key` or Bearer | required: `2025-03-01-preview` or a later preview (others: 404) |
//! | Azure v1 | `/openai/v1/…` (same operations as OpenAI; `model` names the deployment) | `api-key` or Bearer | not needed |
//! | files | `/v1/mock-files/{name}` (image URLs handed out by the mock) | none | — |
//!
//! Checks run in the service's order: authentication (401), `api-version` (Azure answers a
//! missing one with `404 {"error":{"code":"404","message":"Resource not found"}}`, as the real
//! service does), route (404), body parsing (400 for malformed JSON or multipart), then required
//! fields (400 `missing_required_parameter` / `invalid_type` / `invalid_value`, with `param`).
//! OpenAI routes answer errors as `{"error": {message, type, param, code}}`; Azure gateway
//! errors (401, unknown route) as `{"error": {code, message}}`, as recorded from the service.
//! Every reply carries `x-request-id: req_<n>` (`n` counts requests from 1); Azure routes also
//! `apim-request-id` with the same value.
//!
//! # Default behavior
//!
//! Deterministic, derived from the request:
//! - **Chat**: choice 0 answers `Echo: <text of the last user message>` (choice `i` answers
//!   `Echo (choice i): …`); `max_completion_tokens`/`max_tokens` cut the answer at that many
//!   words (`finish_reason: "length"`). With `tools`, `tool_choice: "required"` or a named
//!   function produces tool calls; `"auto"` (or no `tool_choice`) calls the functions whose
//!   names the last user message mentions. Arguments are valid JSON with a placeholder for each
//!   required parameter of the function's schema (`"mock-<name>"`, `1`, `true`, the first `enum`
//!   value…). After a `tool` message the answer is `Tool output received: <outputs>`. Streams
//!   send one delta per word (tool arguments in 8-character fragments), `data: [DONE]` at the
//!   end, and a usage-only chunk (`choices: []`) for `stream_options.include_usage`.
//! - **Completions**: ` Echo: <prompt>` per prompt and choice (`echo` prepends the prompt;
//!   `max_tokens` defaults to 16 as in the service).
//! - **Embeddings**: a unit vector per input seeded by a hash of its text, 1536 dimensions (3072
//!   for `*-3-large`) or `dimensions`; `encoding_format: "base64"` gives little-endian `f32`s.
//! - **Images**: 1×1 PNGs, as `url` (served by the mock) or `b64_json`. Azure's batch
//!   operation answers `202` + `operation-location`, then `running` for
//!   [`MockServerBuilder::image_operation_running_polls`] polls, then `succeeded` — or `failed`
//!   with `error.code = "contentFilter"` when the prompt contains `[fail]`.
//! - **Azure** replies add `prompt_filter_results` and per-choice `content_filter_results`; Azure
//!   streams begin with the filter-only chunk (empty `id`/`object`/`model`, `created: 0`,
//!   `choices: []`). On Azure chat routes, a user message containing `[content_filter]` gets
//!   Azure's `400` `content_filter` error (with `innererror.content_filter_result`), and one
//!   containing `[async_filter]` makes a stream end with asynchronous-filter chunks (no
//!   `delta`, only `content_filter_results`).
//! - **Assistants v2 and files** keep real state in memory (runs advance when polled). Files:
//!   `POST /files` (multipart `file` + `purpose`: `assistants`, `batch`, `fine-tune`, `vision`,
//!   `user_data` or `evals`; optional `expires_after[anchor]=created_at` and
//!   `expires_after[seconds]` from 3600 to 2592000, which sets `expires_at`), `GET /files`
//!   (`purpose`, `order`, `limit`, `after`), `GET`/`DELETE /files/{id}`,
//!   `GET /files/{id}/content` (the stored bytes), with or without an `OpenAI-Beta` header.
//! - **Uploads**: `POST /uploads` (`filename`, `purpose`, `bytes`, `mime_type`),
//!   `POST /uploads/{id}/parts` (multipart `data`), `POST /uploads/{id}/complete` (`part_ids`
//!   in assembly order, optional `md5` checked), `POST /uploads/{id}/cancel`. Completing checks
//!   that the parts add up to `bytes` (else `400`, param `bytes`), creates the file and answers
//!   the upload `completed` with its `file`. Everything is kept in memory: parts stay as the
//!   received bytes and are copied once, on completion, so the mock suits test-sized uploads.
//! - **Vector stores**: stores (create, retrieve, update, list, delete), their files (attach
//!   with `attributes` and `chunking_strategy`, list with `filter`, retrieve, update
//!   `attributes`, detach, `GET …/files/{id}/content` for the parsed text) and file batches
//!   (create, retrieve, cancel, list files). Processing is driven by polls: a file is
//!   `in_progress` for [`MockServerBuilder::processing_polls`] retrieves (of the file, its batch
//!   or its store), then `completed` — or `failed` (`unsupported_file`) when its bytes are not
//!   UTF-8 — and replies about unfinished work carry `openai-poll-after-ms`
//!   ([`MockServerBuilder::processing_poll_after_ms`]). `POST /vector_stores/{id}/search` splits
//!   completed files into chunks (static chunking, words standing in for tokens) and scores each
//!   by term overlap: the fraction of the query's words (minus a few stopwords such as "the",
//!   "what", "is") that the chunk contains, 0 to 1. Results are ordered by score, then by file
//!   and chunk order, zero scores dropped, and honour `max_num_results`,
//!   `ranking_options.score_threshold` and attribute `filters` (`eq`, `ne`, `gt`, `gte`, `lt`,
//!   `lte`, `in`, `nin`, nested `and`/`or`); `rewrite_query: true` reports the query's words,
//!   lower-cased and without stopwords, as `search_query`.
//! - **Batches**: `POST /batches` (`input_file_id` of a `batch` file, `endpoint` among
//!   `/v1/{responses, chat/completions, embeddings, completions, moderations}`,
//!   `completion_window: "24h"`, `metadata`, `output_expires_after`), `GET /batches` (`limit`,
//!   `after`), `GET /batches/{id}`, `POST /batches/{id}/cancel`. Each retrieve is one step:
//!   `validating` → `in_progress` (or `failed` when a line is not JSON, lacks or repeats its
//!   `custom_id`, is not a `POST`, names another endpoint or has no `body`, with
//!   `errors.data[{code, line, message}]`), `in_progress` for
//!   [`MockServerBuilder::processing_polls`] more retrieves, `finalizing`, then `completed`:
//!   every line then runs through the mock's own handler for its URL, `200` answers go to the
//!   output file and the others to the error file, as
//!   `{"id": "batch_req_…", "custom_id", "response": {"status_code", "request_id", "body"},
//!   "error": null}`. Cancelling answers `cancelling`, the next retrieve `cancelled`. On Azure
//!   each line's `body.model` names the deployment.
//! - **Moderations**: a string, a list of strings (one result each) or one multimodal list of
//!   `text` and `image_url` parts (http(s) or `data:` URLs). Whole words flag a category with
//!   score `0.97`: `kill`, `murder`, `stab`, `shoot`, `attack` → `violence`; `gore`, `blood` →
//!   `violence/graphic`; `hate` → `hate`; `idiot`, `stupid` → `harassment`; `threaten` →
//!   `harassment/threatening`; `suicide` → `self-harm`; `sexual` → `sexual`; `steal`, `drugs`
//!   → `illicit`. Other scores are tiny and derived from the text. `text-moderation-*` models
//!   answer without the `illicit` categories and `category_applied_input_types`.
//! - **Audio**: transcripts read `Mock transcription of <file name> (<size> bytes).` (and
//!   `Mock translation of …`); each word lasts 0.5 s and segments hold three words. Formats
//!   `json`, `text`, `srt`, `vtt`, `verbose_json` (`timestamp_granularities[]` `word` and/or
//!   `segment`) and, for transcriptions, `diarized_json` (speakers `A` and `B` alternate);
//!   `include[]=logprobs` adds per-token log-probabilities (`gpt-4o*` models, `json`).
//!   `usage` counts tokens for `gpt-*` models and seconds otherwise. `stream=true` (not for
//!   `whisper-1`) sends `transcript.text.delta` events (or `transcript.text.segment` for
//!   `diarized_json`), `transcript.text.done` with `usage`, then `data: [DONE]`. Speech answers
//!   a valid silent WAV or PCM, placeholder bytes with the right content type for `mp3`,
//!   `opus`, `aac` and `flac`, and with `stream_format: "sse"` (not for `tts-1*`)
//!   `speech.audio.delta` events with base64 chunks, then `speech.audio.done` with `usage`.
//! - **Responses and Conversations** keep real state in memory. Operations: `POST /responses`
//!   (plain, `stream`, `background`), `GET /responses/{id}` (`?stream=true&starting_after=N`
//!   replays a background stream after event `N`), `DELETE /responses/{id}`,
//!   `POST /responses/{id}/cancel` (background responses only; others get a `400`),
//!   `GET /responses/{id}/input_items`, `POST /responses/input_tokens`,
//!   `POST /responses/compact`; `POST /conversations`, `GET`/`POST` (metadata)/`DELETE
//!   /conversations/{id}`, `POST`/`GET /conversations/{id}/items`, `GET`/`DELETE
//!   /conversations/{id}/items/{item}`. Lists page with `limit`, `order` (default `desc`) and
//!   `after`. The answer is `Echo: <last user message>`, plus ` (N earlier items)` when the
//!   response saw items from `previous_response_id` or `conversation` (a response appends its
//!   input and output to its conversation). With `function` tools and a user message last,
//!   the answer is `function_call` items: the functions the message names, else every function
//!   tool (`tool_choice` `"none"` → text, a named function → that one,
//!   `parallel_tool_calls: false` → the first), with placeholder arguments as for chat; after
//!   `function_call_output` items it is `Tool output received: <outputs>`. `text.format`
//!   `json_schema` answers a minimal JSON instance of the schema; `reasoning.effort` adds a
//!   `reasoning` item; `max_output_tokens` cuts the text (`incomplete`). Streams use
//!   `event: <type>` lines, `sequence_number` from 0 and no `[DONE]`. Background responses go
//!   `queued` → `in_progress` → final, one step per `GET`. Magic words in the last user
//!   message: `[refuse]` (a `refusal` part), `[fail]` (status `failed`, `error.code =
//!   "server_error"`), `[stream_error]` (a stream stops mid-message with an `error` event; a
//!   plain request gets a `500`), and on Azure `[content_filter]` (Azure's `400
//!   content_filter`). Azure v1 replies carry `content_filters`, dated ones
//!   `content_filters: null`. Anything else can be scripted with [`MockServer::on`], e.g. a
//!   hand-written Responses stream with [`Reply::sse_raw`].
//!
//! # Scripting and faults
//!
//! [`MockServer::on`] overrides one method + path with [`Reply`]s: any status, headers and
//! body, SSE transcripts with pauses ([`SseEvent`]), delays before the headers or between body
//! frames, and faults — [`Reply::close_before_headers`], [`Reply::close_after_bytes`],
//! [`Reply::sse_close_mid_event`], [`Reply::invalid_json`], [`Reply::invalid_utf8`],
//! [`Reply::sse_truncated`], [`Reply::sse_error_event`], [`Reply::html_502`],
//! [`Reply::rate_limited`].
//!
//! Ready-made success replies carry your content in exactly the shape the default handlers
//! send: [`Reply::chat_text`], [`Reply::tool_calls`], [`Reply::chat_stream_text`],
//! [`Reply::chat_stream_chunks`] ([`ChatReply`]), [`Reply::response_text`],
//! [`Reply::response_stream_text`] ([`ResponseReply`]), [`Reply::transcription_text`]
//! ([`TranscriptionReply`]) and [`Reply::speech_bytes`]. The builders set the model, ids,
//! usage and (chat) the finish reason, and convert into a [`Reply`]:
//!
//! ```
//! use openai_mock::{MockServer, Reply};
//! use serde_json::json;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let server = MockServer::start().await;
//! server.on("POST", "/v1/chat/completions").respond_seq([
//!     Reply::rate_limited(100),
//!     Reply::tool_calls([("call_1", "get_weather", json!({"city": "Paris"}))]).into(),
//!     Reply::chat_stream_text("It is sunny in Paris.").model("gpt-4.1").into(),
//! ]);
//! server.on("POST", "/v1/responses").respond(Reply::response_text("Bonjour").usage(5, 1));
//! # }
//! ```
//!
//! # Recorded requests
//!
//! [`MockServer::requests`] lists what the mock received as [`RecordedRequest`]s. Credential
//! headers are recorded as `"<present>"`; which key or token was sent survives only as a
//! [`Fingerprint`] ([`RecordedRequest::auth`], [`RecordedRequest::auth_matches`]), so records
//! can be printed and snapshotted without leaking a secret.
//!
//! # TLS
//!
//! TLS is always compiled in (rustls with ring — no C toolchain, and one build to test).
//! [`MockServerBuilder::tls`] serves HTTPS with a fresh self-signed certificate for `127.0.0.1`
//! and `localhost`, offering HTTP/2 and HTTP/1.1 via ALPN; trust it explicitly with
//! [`MockServer::tls_certificate_der`] or [`MockServer::tls_certificate_pem`].
//!
//! # Binary
//!
//! `openai-mock serve [--port N] [--tls]` runs the same server for non-Rust tools and
//! benchmarks and prints its URLs.

mod api;
mod assistants;
mod body;
mod canned;
mod data;
mod front;
mod inference;
mod multipart;
mod png;
mod record;
mod responses;
mod script;
mod server;
mod tls;

pub use canned::{ChatReply, ResponseReply, TranscriptionReply};
pub use record::{Fingerprint, PRESENT, RecordedAuth, RecordedPart, RecordedRequest};
pub use script::{Reply, RouteScript, SseEvent};
pub use server::{MockServer, MockServerBuilder};
