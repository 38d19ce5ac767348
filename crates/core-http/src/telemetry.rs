//! Generative-AI telemetry following the OpenTelemetry semantic conventions.
//!
//! Every call runs inside one `openai.request` span (target `core_http::layers::trace`, level
//! INFO). Besides its HTTP fields, the span carries the GenAI attributes the conventions
//! define, as tracing fields a `tracing-opentelemetry` layer exports as span attributes:
//!
//! | field | when |
//! | --- | --- |
//! | `gen_ai.operation.name`, `otel.name` (`{operation} {model}`) | GenAI operations |
//! | `gen_ai.provider.name` (`openai` or `azure.ai.openai`), `server.address`, `server.port` | every call |
//! | `gen_ai.request.model` and the sampling parameters the request sets (`gen_ai.request.temperature`, `.top_p`, `.max_tokens`, `.frequency_penalty`, `.presence_penalty`, `.seed`, `.stop_sequences`, `.choice.count`) | when the request is sent |
//! | `gen_ai.response.id`, `gen_ai.response.model`, `gen_ai.response.finish_reasons`, `gen_ai.usage.input_tokens`, `gen_ai.usage.output_tokens` | once the response is decoded; for a stream, when it ends |
//! | `error.type`, `otel.status_code` | when the call fails |
//!
//! List-valued attributes (`gen_ai.request.stop_sequences`, `gen_ai.response.finish_reasons`)
//! are recorded as JSON array text, since tracing fields are scalars. Prompts and completions
//! are never recorded.
//!
//! Nothing is computed when no subscriber takes the span and no meter is configured. With the
//! `metrics` feature, the client also records the conventions' `gen_ai.client.token.usage`
//! and `gen_ai.client.operation.duration` histograms (see `HttpClientBuilder::meter`).
//!
//! Service crates describe their operations with [`GenAiRequest`] (on
//! [`RequestBuilder::gen_ai`](crate::RequestBuilder::gen_ai)) and fill a [`GenAiResponse`]
//! from the decoded value ([`Call::observe`](crate::kit::Call::observe),
//! [`StreamSpec::observe`](crate::kit::StreamSpec::observe)).

use std::fmt::Write as _;
use std::sync::Arc;

use tracing::Span;

use crate::error::{Error, ErrorKind, TimeoutKind};

/// The OpenTelemetry API this crate records metrics with (`metrics` feature): name its
/// `Meter` and `global` through this path so the versions match.
#[cfg(feature = "metrics")]
pub use opentelemetry;

/// `gen_ai.operation.name` values used by the service crates.
pub mod operation {
    /// Chat completions, and the Responses API (the conventions name both `chat`).
    pub const CHAT: &str = "chat";
    /// Legacy text completions.
    pub const TEXT_COMPLETION: &str = "text_completion";
    /// Embeddings.
    pub const EMBEDDINGS: &str = "embeddings";
}

/// The span's target: checks of whether anyone listens use it.
const TRACE_TARGET: &str = "core_http::layers::trace";

/// True when a subscriber takes INFO spans of the request span's target: used to skip work
/// (formatting list attributes) nobody would see.
pub fn spans_enabled() -> bool {
    tracing::span_enabled!(target: TRACE_TARGET, tracing::Level::INFO)
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for f32 {}
    impl Sealed for f64 {}
}

/// A sampling parameter value (`f32` or `f64`).
pub trait SamplingValue: sealed::Sealed + Copy {
    /// The value as `f64`; an `f32` keeps its decimal form (`0.2`, not `0.20000000298…`).
    fn to_f64(self) -> f64;
}

impl SamplingValue for f32 {
    fn to_f64(self) -> f64 {
        // Sampling parameters have at most a few decimals: round away the f32 noise.
        (f64::from(self) * 1e6).round() / 1e6
    }
}

impl SamplingValue for f64 {
    fn to_f64(self) -> f64 {
        self
    }
}

/// The GenAI description of a request: the operation and the sampling parameters it sets.
///
/// ```
/// use core_http::telemetry::{GenAiRequest, operation};
///
/// let request = GenAiRequest::new(operation::CHAT)
///     .temperature(Some(0.2f32))
///     .max_tokens(Some(256u32))
///     .stop_sequences(["\n\n"]);
/// assert_eq!(request.operation_name(), "chat");
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GenAiRequest {
    operation_name: &'static str,
    temperature: Option<f64>,
    top_p: Option<f64>,
    frequency_penalty: Option<f64>,
    presence_penalty: Option<f64>,
    max_tokens: Option<u64>,
    seed: Option<i64>,
    choice_count: Option<u64>,
    /// JSON array text, built only when a subscriber listens.
    stop_sequences: Option<Box<str>>,
}

impl GenAiRequest {
    /// A request of `operation_name` (`gen_ai.operation.name`, see [`operation`]).
    pub fn new(operation_name: &'static str) -> Self {
        GenAiRequest {
            operation_name,
            ..Default::default()
        }
    }

    /// The `gen_ai.operation.name`.
    pub fn operation_name(&self) -> &'static str {
        self.operation_name
    }

    /// `gen_ai.request.temperature`.
    pub fn temperature(mut self, value: Option<impl SamplingValue>) -> Self {
        self.temperature = value.map(SamplingValue::to_f64);
        self
    }

    /// `gen_ai.request.top_p`.
    pub fn top_p(mut self, value: Option<impl SamplingValue>) -> Self {
        self.top_p = value.map(SamplingValue::to_f64);
        self
    }

    /// `gen_ai.request.frequency_penalty`.
    pub fn frequency_penalty(mut self, value: Option<impl SamplingValue>) -> Self {
        self.frequency_penalty = value.map(SamplingValue::to_f64);
        self
    }

    /// `gen_ai.request.presence_penalty`.
    pub fn presence_penalty(mut self, value: Option<impl SamplingValue>) -> Self {
        self.presence_penalty = value.map(SamplingValue::to_f64);
        self
    }

    /// `gen_ai.request.max_tokens`.
    pub fn max_tokens(mut self, value: Option<impl Into<u64>>) -> Self {
        self.max_tokens = value.map(Into::into);
        self
    }

    /// `gen_ai.request.seed`.
    pub fn seed(mut self, value: Option<i64>) -> Self {
        self.seed = value;
        self
    }

    /// `gen_ai.request.choice.count` (recorded when it is not 1, as the conventions say).
    pub fn choice_count(mut self, value: Option<impl Into<u64>>) -> Self {
        self.choice_count = value.map(Into::into).filter(|n| *n != 1);
        self
    }

    /// `gen_ai.request.stop_sequences`, recorded as JSON array text. Formatted only when a
    /// subscriber listens to the request span; an empty list records nothing.
    pub fn stop_sequences<'a>(mut self, sequences: impl IntoIterator<Item = &'a str>) -> Self {
        if !spans_enabled() {
            return self;
        }
        let json = json_array(sequences);
        self.stop_sequences = (json != "[]").then(|| json.into_boxed_str());
        self
    }

    /// Records the request attributes on `span`.
    pub(crate) fn record(&self, span: &Span) {
        if !self.operation_name.is_empty() {
            span.record("gen_ai.operation.name", self.operation_name);
        }
        span.record("gen_ai.request.temperature", self.temperature);
        span.record("gen_ai.request.top_p", self.top_p);
        span.record("gen_ai.request.frequency_penalty", self.frequency_penalty);
        span.record("gen_ai.request.presence_penalty", self.presence_penalty);
        span.record("gen_ai.request.max_tokens", self.max_tokens);
        span.record("gen_ai.request.seed", self.seed);
        span.record("gen_ai.request.choice.count", self.choice_count);
        span.record(
            "gen_ai.request.stop_sequences",
            self.stop_sequences.as_deref(),
        );
    }
}

/// The GenAI description of a response, filled by the service crate from the decoded value
/// (or from each event of a stream): id, model, finish reasons and token usage.
///
/// ```
/// use core_http::telemetry::GenAiResponse;
///
/// let mut response = GenAiResponse::default();
/// response.id = Some("chatcmpl-1".into());
/// response.finish_reasons.push("stop".into());
/// response.input_tokens = Some(12);
/// # let _ = response;
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct GenAiResponse {
    /// `gen_ai.response.id`.
    pub id: Option<String>,
    /// `gen_ai.response.model`.
    pub model: Option<String>,
    /// `gen_ai.response.finish_reasons`, one per choice.
    pub finish_reasons: Vec<String>,
    /// `gen_ai.usage.input_tokens`.
    pub input_tokens: Option<u64>,
    /// `gen_ai.usage.output_tokens`.
    pub output_tokens: Option<u64>,
}

/// Fills a [`GenAiResponse`] from a decoded value or a stream event.
pub type Observer<T> = fn(&T, &mut GenAiResponse);

fn json_array<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::from("[");
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        // A JSON string: serde_json escapes exactly what JSON needs.
        match serde_json::to_string(item) {
            Ok(quoted) => out.push_str(&quoted),
            Err(_) => out.push_str("\"\""),
        }
    }
    out.push(']');
    out
}

/// `error.type` for an error: the HTTP status code for API errors with a status, else a
/// short, low-cardinality name of the error kind.
pub(crate) fn error_type(err: &Error) -> std::borrow::Cow<'static, str> {
    if let Some(status) = err.status() {
        return status.as_u16().to_string().into();
    }
    let name = match err.kind() {
        ErrorKind::Api(_) => "api_error",
        ErrorKind::Timeout(TimeoutKind::Connect) => "connect_timeout",
        ErrorKind::Timeout(TimeoutKind::Attempt) => "attempt_timeout",
        ErrorKind::Timeout(TimeoutKind::Total) => "total_timeout",
        ErrorKind::Timeout(TimeoutKind::StreamIdle) => "stream_idle_timeout",
        ErrorKind::Connect => "connect_error",
        ErrorKind::Io => "io_error",
        ErrorKind::Decode => "decode_error",
        ErrorKind::Stream => "stream_error",
        ErrorKind::InvalidRequest => "invalid_request",
        ErrorKind::Credential => "credential_error",
    };
    name.into()
}

/// Client-wide facts the request span and the metrics carry.
#[derive(Debug)]
pub(crate) struct ClientTelemetry {
    pub(crate) provider: &'static str,
    pub(crate) server_address: Arc<str>,
    pub(crate) server_port: u16,
    #[cfg(feature = "metrics")]
    pub(crate) instruments: Option<metrics::Instruments>,
}

impl ClientTelemetry {
    pub(crate) fn new(endpoint: &crate::Endpoint) -> Self {
        let (server_address, server_port) = split_origin(endpoint.origin());
        ClientTelemetry {
            provider: if endpoint.is_azure() {
                "azure.ai.openai"
            } else {
                "openai"
            },
            server_address: Arc::from(server_address),
            server_port,
            #[cfg(feature = "metrics")]
            instruments: None,
        }
    }

    /// Whether calls of a GenAI operation record metrics.
    #[cfg(feature = "metrics")]
    pub(crate) fn metrics_enabled(&self) -> bool {
        self.instruments.is_some()
    }

    /// Records the client-wide attributes on `span`.
    pub(crate) fn record(&self, span: &Span) {
        span.record("gen_ai.provider.name", self.provider);
        span.record("server.address", &*self.server_address);
        span.record("server.port", self.server_port);
    }
}

/// `scheme://host[:port]` → host and port (the scheme's default when absent).
fn split_origin(origin: &str) -> (&str, u16) {
    let (scheme, authority) = origin.split_once("://").unwrap_or(("https", origin));
    let default_port = if scheme.eq_ignore_ascii_case("http") {
        80
    } else {
        443
    };
    // `[::1]:8080`: the port follows the closing bracket.
    let port_sep = match authority.rfind(']') {
        Some(bracket) => authority[bracket..].find(':').map(|i| bracket + i),
        None => authority.rfind(':'),
    };
    match port_sep {
        Some(i) => match authority[i + 1..].parse() {
            Ok(port) => (&authority[..i], port),
            Err(_) => (authority, default_port),
        },
        None => (authority, default_port),
    }
}

/// The part of a call's telemetry that outlives the response headers: the span (kept open
/// until the value is decoded or the stream ends) and the pending metrics.
///
/// It travels from the trace layer to the decoder in the response extensions, which need
/// `Clone`: a clone is inert, so only the value taken out of the extensions records.
#[derive(Default)]
pub(crate) struct CallTelemetry {
    span: Option<Span>,
    #[cfg(feature = "metrics")]
    metrics: Option<Box<metrics::PendingCall>>,
}

impl std::fmt::Debug for CallTelemetry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CallTelemetry")
            .field("active", &self.is_active())
            .finish()
    }
}

impl Clone for CallTelemetry {
    fn clone(&self) -> Self {
        CallTelemetry::default()
    }
}

impl CallTelemetry {
    /// A record for `span` (when enabled) and the metrics of a GenAI call (when configured).
    pub(crate) fn new(
        span: Option<Span>,
        #[cfg(feature = "metrics")] metrics: Option<Box<metrics::PendingCall>>,
    ) -> Self {
        CallTelemetry {
            span,
            #[cfg(feature = "metrics")]
            metrics,
        }
    }

    /// True while something waits for the call's outcome.
    pub(crate) fn is_active(&self) -> bool {
        #[cfg(feature = "metrics")]
        if self.metrics.is_some() {
            return true;
        }
        self.span.is_some()
    }

    /// The call succeeded: records what the response says and ends the record.
    pub(crate) fn succeed(&mut self, response: Option<&GenAiResponse>) {
        if let (Some(span), Some(response)) = (self.span.take(), response) {
            span.record("gen_ai.response.id", response.id.as_deref());
            span.record("gen_ai.response.model", response.model.as_deref());
            if !response.finish_reasons.is_empty() {
                let reasons = json_array(response.finish_reasons.iter().map(String::as_str));
                span.record("gen_ai.response.finish_reasons", reasons);
            }
            span.record("gen_ai.usage.input_tokens", response.input_tokens);
            span.record("gen_ai.usage.output_tokens", response.output_tokens);
        }
        #[cfg(feature = "metrics")]
        if let Some(pending) = self.metrics.take() {
            pending.finish(response, None);
        }
    }

    /// The call failed after its response headers arrived (a body that does not decode, a
    /// broken stream): records `error.type` and ends the record.
    pub(crate) fn fail(&mut self, err: &Error) {
        self.fail_as(error_type(err));
    }

    /// The call failed with `error.type` = `kind`.
    pub(crate) fn fail_as(&mut self, kind: std::borrow::Cow<'static, str>) {
        if let Some(span) = self.span.take() {
            record_error(&span, &kind);
        }
        #[cfg(feature = "metrics")]
        if let Some(pending) = self.metrics.take() {
            pending.finish(None, Some(kind));
        }
    }
}

impl Drop for CallTelemetry {
    fn drop(&mut self) {
        // Dropped before an outcome (a stream dropped early, a cancelled call): the duration
        // still counts; the span closes with what it has.
        #[cfg(feature = "metrics")]
        if let Some(pending) = self.metrics.take() {
            pending.finish(None, None);
        }
    }
}

/// Marks `span` failed with `error.type` = `kind`.
pub(crate) fn record_error(span: &Span, kind: &str) {
    span.record("error.type", kind);
    span.record("otel.status_code", "ERROR");
}

/// `{operation} {model}`: the span name the conventions give a GenAI span.
pub(crate) fn span_name(operation: &str, model: Option<&str>) -> String {
    let mut name = String::with_capacity(operation.len() + model.map_or(0, str::len) + 1);
    name.push_str(operation);
    if let Some(model) = model {
        let _ = write!(name, " {model}");
    }
    name
}

#[cfg(feature = "metrics")]
pub(crate) mod metrics {
    //! The conventions' client histograms, recorded through the `opentelemetry` API.

    use std::borrow::Cow;
    use std::sync::Arc;

    use opentelemetry::KeyValue;
    use opentelemetry::metrics::{Histogram, Meter};

    use super::{ClientTelemetry, GenAiResponse};

    /// Bucket boundaries the conventions advise for `gen_ai.client.token.usage`.
    const TOKEN_BUCKETS: [f64; 14] = [
        1.0, 4.0, 16.0, 64.0, 256.0, 1024.0, 4096.0, 16384.0, 65536.0, 262144.0, 1048576.0,
        4194304.0, 16777216.0, 67108864.0,
    ];

    /// Bucket boundaries the conventions advise for `gen_ai.client.operation.duration`.
    const DURATION_BUCKETS: [f64; 14] = [
        0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
    ];

    /// The two histograms of one client.
    #[derive(Debug, Clone)]
    pub(crate) struct Instruments {
        token_usage: Histogram<u64>,
        duration: Histogram<f64>,
    }

    impl Instruments {
        pub(crate) fn new(meter: &Meter) -> Self {
            Instruments {
                token_usage: meter
                    .u64_histogram("gen_ai.client.token.usage")
                    .with_unit("{token}")
                    .with_description("Number of input and output tokens used")
                    .with_boundaries(TOKEN_BUCKETS.to_vec())
                    .build(),
                duration: meter
                    .f64_histogram("gen_ai.client.operation.duration")
                    .with_unit("s")
                    .with_description("GenAI operation duration")
                    .with_boundaries(DURATION_BUCKETS.to_vec())
                    .build(),
            }
        }
    }

    /// A GenAI call whose metrics wait for its outcome.
    pub(crate) struct PendingCall {
        client: Arc<ClientTelemetry>,
        operation: &'static str,
        request_model: Option<Arc<str>>,
        started: tokio::time::Instant,
    }

    impl PendingCall {
        pub(crate) fn new(
            client: Arc<ClientTelemetry>,
            operation: &'static str,
            request_model: Option<Arc<str>>,
        ) -> Self {
            PendingCall {
                client,
                operation,
                request_model,
                started: tokio::time::Instant::now(),
            }
        }

        /// Records the duration and, when the response reported them, the token counts.
        pub(crate) fn finish(
            self,
            response: Option<&GenAiResponse>,
            error_type: Option<Cow<'static, str>>,
        ) {
            let Some(instruments) = &self.client.instruments else {
                return;
            };
            let mut attributes = Vec::with_capacity(8);
            attributes.push(KeyValue::new("gen_ai.operation.name", self.operation));
            attributes.push(KeyValue::new("gen_ai.provider.name", self.client.provider));
            if let Some(model) = &self.request_model {
                attributes.push(KeyValue::new("gen_ai.request.model", model.clone()));
            }
            if let Some(model) = response.and_then(|r| r.model.clone()) {
                attributes.push(KeyValue::new("gen_ai.response.model", model));
            }
            attributes.push(KeyValue::new(
                "server.address",
                self.client.server_address.clone(),
            ));
            attributes.push(KeyValue::new(
                "server.port",
                i64::from(self.client.server_port),
            ));
            if let Some(kind) = error_type {
                attributes.push(KeyValue::new("error.type", kind));
            }
            instruments
                .duration
                .record(self.started.elapsed().as_secs_f64(), &attributes);
            let Some(response) = response else {
                return;
            };
            for (kind, tokens) in [
                ("input", response.input_tokens),
                ("output", response.output_tokens),
            ] {
                if let Some(tokens) = tokens {
                    attributes.push(KeyValue::new("gen_ai.token.type", kind));
                    instruments.token_usage.record(tokens, &attributes);
                    attributes.pop();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_split_into_address_and_port() {
        assert_eq!(
            split_origin("https://api.openai.com"),
            ("api.openai.com", 443)
        );
        assert_eq!(split_origin("http://127.0.0.1:8080"), ("127.0.0.1", 8080));
        assert_eq!(split_origin("http://localhost"), ("localhost", 80));
        assert_eq!(split_origin("http://[::1]:9000"), ("[::1]", 9000));
        assert_eq!(split_origin("https://[::1]"), ("[::1]", 443));
    }

    #[test]
    fn list_attributes_are_json_arrays() {
        assert_eq!(json_array(["stop", "a\"b"]), r#"["stop","a\"b"]"#);
        assert_eq!(json_array([]), "[]");
    }

    #[test]
    fn f32_sampling_values_keep_their_decimal_form() {
        assert_eq!(0.2f32.to_f64(), 0.2);
        assert_eq!(1.5f32.to_f64(), 1.5);
        let request = GenAiRequest::new(operation::CHAT).choice_count(Some(1u32));
        assert_eq!(
            request.choice_count, None,
            "n = 1 is the default, not recorded"
        );
    }

    #[test]
    fn error_types_are_status_codes_or_kind_names() {
        let err = Error::invalid_request("bad");
        assert_eq!(error_type(&err), "invalid_request");
        assert_eq!(error_type(&Error::stream("broken")), "stream_error");
    }
}
