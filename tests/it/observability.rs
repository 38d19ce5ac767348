//! The OpenTelemetry GenAI conventions: the `openai.request` span's GenAI fields for chat
//! (whole and streamed), embeddings and Responses, no prompt or completion text in any field,
//! and (with the `metrics` feature) the client histograms read back through an SDK reader.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use openai_mock::{MockServer, Reply};
use openai_sdk::chat::{ChatCompletionRequest, ChatMessage, StreamOptions};
use openai_sdk::embeddings::EmbeddingRequest;
use openai_sdk::responses::ResponseCreateRequest;
use tracing::Subscriber;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;

use crate::support::{MODEL, Mode};

const PROMPT: &str = "confidential prompt words";

/// The fields of one span, as text.
type Fields = BTreeMap<String, String>;

struct FieldText<'a>(&'a mut Fields);

impl Visit for FieldText<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

/// Collects the fields of every closed `openai.request` span.
#[derive(Clone, Default)]
struct SpanCapture(Arc<Mutex<Vec<Fields>>>);

impl SpanCapture {
    fn closed(&self) -> Vec<Fields> {
        self.0.lock().unwrap().clone()
    }

    /// The one closed request span, checked to carry no prompt or completion text.
    fn only(&self, forbidden: &[&str]) -> Fields {
        let closed = self.closed();
        assert_eq!(closed.len(), 1, "one request span: {closed:#?}");
        let fields = closed.into_iter().next().unwrap();
        for (name, value) in &fields {
            for text in forbidden.iter().chain([&PROMPT]) {
                assert!(!value.contains(text), "{name} = {value} holds `{text}`");
            }
        }
        fields
    }
}

impl<S> tracing_subscriber::Layer<S> for SpanCapture
where
    S: Subscriber + for<'a> LookupSpan<'a>,
{
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        if attrs.metadata().name() != "openai.request" {
            return;
        }
        let mut fields = Fields::new();
        attrs.record(&mut FieldText(&mut fields));
        if let Some(span) = ctx.span(id) {
            span.extensions_mut().insert(fields);
        }
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, ctx: Context<'_, S>) {
        if let Some(span) = ctx.span(id) {
            if let Some(fields) = span.extensions_mut().get_mut::<Fields>() {
                values.record(&mut FieldText(fields));
            }
        }
    }

    fn on_close(&self, id: Id, ctx: Context<'_, S>) {
        if let Some(span) = ctx.span(&id) {
            if let Some(fields) = span.extensions_mut().remove::<Fields>() {
                self.0.lock().unwrap().push(fields);
            }
        }
    }
}

/// Installs a capturing subscriber for this thread (the tests run on a current-thread
/// runtime, mock included).
fn capture() -> (SpanCapture, tracing::subscriber::DefaultGuard) {
    let capture = SpanCapture::default();
    let subscriber = tracing_subscriber::registry().with(capture.clone());
    let guard = tracing::subscriber::set_default(subscriber);
    // Other tests of this binary run in parallel without a subscriber: a callsite they
    // register while ours is being installed can keep a stale "never" interest.
    tracing::callsite::rebuild_interest_cache();
    (capture, guard)
}

fn field<'a>(fields: &'a Fields, name: &str) -> &'a str {
    fields
        .get(name)
        .unwrap_or_else(|| panic!("no `{name}` in {fields:#?}"))
}

fn port_of(server: &MockServer) -> String {
    let url = server.base_url();
    let after_host = url.rsplit(':').next().unwrap();
    after_host.split('/').next().unwrap().to_owned()
}

fn sampled_chat() -> ChatCompletionRequest {
    ChatCompletionRequest::new(MODEL, [ChatMessage::user(PROMPT)])
        .temperature(0.2)
        .top_p(0.9)
        .frequency_penalty(0.25)
        .presence_penalty(0.5)
        .max_completion_tokens(50u32)
        .seed(7)
        .stop(["END", "STOP"])
}

#[tokio::test(flavor = "current_thread")]
async fn chat_span_carries_the_gen_ai_request_and_response_attributes() {
    let (spans, _guard) = capture();
    let server = MockServer::start().await;
    let client = Mode::OpenAi.client(&server);
    let completion = client.chat().create(&sampled_chat()).await.unwrap();
    let usage = completion.usage.clone().unwrap();
    let answer = completion.first_content().unwrap();

    let fields = spans.only(&[answer]);
    assert_eq!(field(&fields, "gen_ai.operation.name"), "chat");
    assert_eq!(field(&fields, "gen_ai.provider.name"), "openai");
    assert_eq!(field(&fields, "otel.name"), format!("chat {MODEL}"));
    assert_eq!(field(&fields, "gen_ai.request.model"), MODEL);
    assert_eq!(field(&fields, "gen_ai.request.temperature"), "0.2");
    assert_eq!(field(&fields, "gen_ai.request.top_p"), "0.9");
    assert_eq!(field(&fields, "gen_ai.request.frequency_penalty"), "0.25");
    assert_eq!(field(&fields, "gen_ai.request.presence_penalty"), "0.5");
    assert_eq!(field(&fields, "gen_ai.request.max_tokens"), "50");
    assert_eq!(field(&fields, "gen_ai.request.seed"), "7");
    assert_eq!(
        field(&fields, "gen_ai.request.stop_sequences"),
        r#"["END","STOP"]"#
    );
    assert!(
        !fields.contains_key("gen_ai.request.choice.count"),
        "n not set"
    );
    assert_eq!(field(&fields, "gen_ai.response.id"), completion.id);
    assert_eq!(field(&fields, "gen_ai.response.model"), completion.model);
    assert_eq!(
        field(&fields, "gen_ai.response.finish_reasons"),
        r#"["stop"]"#
    );
    assert_eq!(
        field(&fields, "gen_ai.usage.input_tokens"),
        usage.prompt_tokens.to_string()
    );
    assert_eq!(
        field(&fields, "gen_ai.usage.output_tokens"),
        usage.completion_tokens.to_string()
    );
    assert_eq!(field(&fields, "server.address"), "127.0.0.1");
    assert_eq!(field(&fields, "server.port"), port_of(&server));
    assert!(!fields.contains_key("error.type"));
}

#[tokio::test(flavor = "current_thread")]
async fn azure_chat_span_names_the_azure_provider() {
    let (spans, _guard) = capture();
    let server = MockServer::start().await;
    let client = Mode::Azure.client(&server);
    let request = ChatCompletionRequest::new(MODEL, [ChatMessage::user(PROMPT)]).n(2u32);
    let completion = client.chat().create(&request).await.unwrap();

    let fields = spans.only(&[completion.first_content().unwrap()]);
    assert_eq!(field(&fields, "gen_ai.provider.name"), "azure.ai.openai");
    assert_eq!(field(&fields, "gen_ai.request.choice.count"), "2");
    assert!(
        !fields.contains_key("gen_ai.request.temperature"),
        "not set"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn chat_stream_span_gets_the_response_attributes_when_the_stream_ends() {
    let (spans, _guard) = capture();
    let server = MockServer::start().await;
    let client = Mode::OpenAi.client(&server);
    let request = sampled_chat().stream_options(StreamOptions::include_usage());
    let mut stream = client.chat().create_stream(&request).await.unwrap();
    assert!(
        spans.closed().is_empty(),
        "the span stays open while the stream runs"
    );
    let first = stream.next().await.unwrap().unwrap();
    assert!(spans.closed().is_empty());
    while let Some(chunk) = stream.next().await {
        chunk.unwrap();
    }
    let snapshot = stream.snapshot();
    let usage = snapshot.usage.clone().unwrap();
    drop(stream);

    let fields = spans.only(&[snapshot.first_content().unwrap()]);
    assert_eq!(field(&fields, "gen_ai.operation.name"), "chat");
    assert_eq!(field(&fields, "gen_ai.request.temperature"), "0.2");
    assert_eq!(field(&fields, "gen_ai.response.id"), first.id);
    assert_eq!(field(&fields, "gen_ai.response.model"), first.model);
    assert_eq!(
        field(&fields, "gen_ai.response.finish_reasons"),
        r#"["stop"]"#
    );
    assert_eq!(
        field(&fields, "gen_ai.usage.input_tokens"),
        usage.prompt_tokens.to_string()
    );
    assert_eq!(
        field(&fields, "gen_ai.usage.output_tokens"),
        usage.completion_tokens.to_string()
    );
}

#[tokio::test(flavor = "current_thread")]
async fn embeddings_span_carries_operation_model_and_input_tokens() {
    let (spans, _guard) = capture();
    let server = MockServer::start().await;
    let client = Mode::OpenAi.client(&server);
    let response = client
        .embeddings()
        .create(&EmbeddingRequest::new(MODEL, PROMPT))
        .await
        .unwrap();

    let fields = spans.only(&[]);
    assert_eq!(field(&fields, "gen_ai.operation.name"), "embeddings");
    assert_eq!(field(&fields, "otel.name"), format!("embeddings {MODEL}"));
    assert_eq!(field(&fields, "gen_ai.response.model"), response.model);
    assert_eq!(
        field(&fields, "gen_ai.usage.input_tokens"),
        response.usage.unwrap().prompt_tokens.to_string()
    );
    assert!(!fields.contains_key("gen_ai.usage.output_tokens"));
}

#[tokio::test(flavor = "current_thread")]
async fn responses_span_is_a_chat_operation_with_usage_and_status() {
    let (spans, _guard) = capture();
    let server = MockServer::start().await;
    let client = Mode::OpenAi.client(&server);
    let request = ResponseCreateRequest::new(MODEL, PROMPT)
        .temperature(0.5)
        .max_output_tokens(64u64);
    let response = client.responses().create(&request).await.unwrap();
    let usage = response.usage.clone().unwrap();

    let fields = spans.only(&[&response.output_text()]);
    assert_eq!(field(&fields, "gen_ai.operation.name"), "chat");
    assert_eq!(field(&fields, "gen_ai.request.temperature"), "0.5");
    assert_eq!(field(&fields, "gen_ai.request.max_tokens"), "64");
    assert_eq!(field(&fields, "gen_ai.response.id"), response.id);
    assert_eq!(field(&fields, "gen_ai.response.model"), response.model);
    assert_eq!(
        field(&fields, "gen_ai.response.finish_reasons"),
        r#"["completed"]"#
    );
    assert_eq!(
        field(&fields, "gen_ai.usage.input_tokens"),
        usage.input_tokens.to_string()
    );
    assert_eq!(
        field(&fields, "gen_ai.usage.output_tokens"),
        usage.output_tokens.to_string()
    );
}

#[tokio::test(flavor = "current_thread")]
async fn failed_call_span_records_the_error_type() {
    let (spans, _guard) = capture();
    let server = MockServer::start().await;
    server
        .on("POST", &Mode::OpenAi.chat_path())
        .respond_seq([Reply::error(400, "invalid_request_error", None, "bad")]);
    let client = Mode::OpenAi.client(&server);
    let err = client.chat().create(&sampled_chat()).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));

    let fields = spans.only(&[]);
    assert_eq!(field(&fields, "error.type"), "400");
    assert_eq!(field(&fields, "otel.status_code"), "ERROR");
    assert_eq!(field(&fields, "gen_ai.operation.name"), "chat");
    assert!(!fields.contains_key("gen_ai.response.id"));
}

#[cfg(feature = "metrics")]
mod metrics {
    //! The GenAI client histograms, read back through an OpenTelemetry SDK manual reader.

    use std::sync::{Arc, Weak};
    use std::time::Duration;

    use openai_mock::MockServer;
    use openai_sdk::opentelemetry::metrics::MeterProvider as _;
    use openai_sdk::opentelemetry::{Key, Value};
    use opentelemetry_sdk::error::OTelSdkResult;
    use opentelemetry_sdk::metrics::data::{
        AggregatedMetrics, HistogramDataPoint, MetricData, ResourceMetrics,
    };
    use opentelemetry_sdk::metrics::reader::MetricReader;
    use opentelemetry_sdk::metrics::{
        InstrumentKind, ManualReader, Pipeline, SdkMeterProvider, Temporality,
    };

    use super::{PROMPT, sampled_chat};
    use crate::support::{MODEL, Mode};
    use openai_sdk::chat::StreamOptions;

    /// A reader the test keeps a handle on after giving it to the provider.
    #[derive(Debug, Clone)]
    struct SharedReader(Arc<ManualReader>);

    impl MetricReader for SharedReader {
        fn register_pipeline(&self, pipeline: Weak<Pipeline>) {
            self.0.register_pipeline(pipeline);
        }
        fn collect(&self, rm: &mut ResourceMetrics) -> OTelSdkResult {
            self.0.collect(rm)
        }
        fn force_flush(&self) -> OTelSdkResult {
            self.0.force_flush()
        }
        fn shutdown_with_timeout(&self, timeout: Duration) -> OTelSdkResult {
            self.0.shutdown_with_timeout(timeout)
        }
        fn temporality(&self, kind: InstrumentKind) -> Temporality {
            self.0.temporality(kind)
        }
    }

    fn attribute<T>(point: &HistogramDataPoint<T>, key: &str) -> Option<Value> {
        point
            .attributes()
            .find(|kv| kv.key == Key::from(key.to_owned()))
            .map(|kv| kv.value.clone())
    }

    fn assert_conventional_attributes<T>(point: &HistogramDataPoint<T>, server: &MockServer) {
        let port: i64 = super::port_of(server).parse().unwrap();
        assert_eq!(
            attribute(point, "gen_ai.operation.name"),
            Some(Value::from("chat"))
        );
        assert_eq!(
            attribute(point, "gen_ai.provider.name"),
            Some(Value::from("openai"))
        );
        assert_eq!(
            attribute(point, "gen_ai.request.model"),
            Some(Value::from(MODEL))
        );
        assert!(attribute(point, "gen_ai.response.model").is_some());
        assert_eq!(
            attribute(point, "server.address"),
            Some(Value::from("127.0.0.1"))
        );
        assert_eq!(attribute(point, "server.port"), Some(Value::I64(port)));
        assert_eq!(attribute(point, "error.type"), None);
        for kv in point.attributes() {
            assert!(!kv.value.as_str().contains(PROMPT), "no prompt text");
        }
    }

    #[tokio::test(flavor = "current_thread")]
    async fn chat_call_and_stream_record_token_usage_and_duration_histograms() {
        let reader = SharedReader(Arc::new(ManualReader::builder().build()));
        let provider = SdkMeterProvider::builder()
            .with_reader(reader.clone())
            .build();
        let server = MockServer::start().await;
        let client = Mode::OpenAi
            .builder(&server)
            .meter(provider.meter("observability-test"))
            .build()
            .unwrap();

        let completion = client.chat().create(&sampled_chat()).await.unwrap();
        let request = sampled_chat().stream_options(StreamOptions::include_usage());
        let mut stream = client.chat().create_stream(&request).await.unwrap();
        while let Some(chunk) = stream.next().await {
            chunk.unwrap();
        }
        let streamed = stream.snapshot();
        let (call_usage, stream_usage) = (completion.usage.unwrap(), streamed.usage.unwrap());

        let mut collected = ResourceMetrics::default();
        reader.collect(&mut collected).unwrap();
        let metrics: Vec<_> = collected
            .scope_metrics()
            .flat_map(|scope| scope.metrics())
            .collect();

        let duration = metrics
            .iter()
            .find(|m| m.name() == "gen_ai.client.operation.duration")
            .expect("duration histogram");
        assert_eq!(duration.unit(), "s");
        let AggregatedMetrics::F64(MetricData::Histogram(histogram)) = duration.data() else {
            panic!("duration is an f64 histogram: {:?}", duration.data());
        };
        let points: Vec<_> = histogram.data_points().collect();
        assert_eq!(points.len(), 1, "both calls share their attributes");
        assert_eq!(points[0].count(), 2, "one duration per call");
        assert_conventional_attributes(points[0], &server);

        let tokens = metrics
            .iter()
            .find(|m| m.name() == "gen_ai.client.token.usage")
            .expect("token usage histogram");
        assert_eq!(tokens.unit(), "{token}");
        let AggregatedMetrics::U64(MetricData::Histogram(histogram)) = tokens.data() else {
            panic!("token usage is a u64 histogram: {:?}", tokens.data());
        };
        let points: Vec<_> = histogram.data_points().collect();
        assert_eq!(points.len(), 2, "input and output");
        for point in points {
            assert_conventional_attributes(point, &server);
            assert_eq!(point.count(), 2, "one value per call");
            let expected = match attribute(point, "gen_ai.token.type") {
                Some(v) if v == Value::from("input") => {
                    call_usage.prompt_tokens + stream_usage.prompt_tokens
                }
                Some(v) if v == Value::from("output") => {
                    call_usage.completion_tokens + stream_usage.completion_tokens
                }
                other => panic!("unexpected gen_ai.token.type {other:?}"),
            };
            assert_eq!(point.sum(), expected);
        }
    }

    #[tokio::test(flavor = "current_thread")]
    async fn failed_call_records_its_duration_with_the_error_type() {
        let reader = SharedReader(Arc::new(ManualReader::builder().build()));
        let provider = SdkMeterProvider::builder()
            .with_reader(reader.clone())
            .build();
        let server = MockServer::start().await;
        server
            .on("POST", &Mode::OpenAi.chat_path())
            .respond_seq([openai_mock::Reply::error(
                400,
                "invalid_request_error",
                None,
                "bad",
            )]);
        let client = Mode::OpenAi
            .builder(&server)
            .meter(provider.meter("observability-test"))
            .build()
            .unwrap();
        client.chat().create(&sampled_chat()).await.unwrap_err();

        let mut collected = ResourceMetrics::default();
        reader.collect(&mut collected).unwrap();
        let metrics: Vec<_> = collected
            .scope_metrics()
            .flat_map(|scope| scope.metrics())
            .collect();
        let duration = metrics
            .iter()
            .find(|m| m.name() == "gen_ai.client.operation.duration")
            .expect("duration histogram");
        let AggregatedMetrics::F64(MetricData::Histogram(histogram)) = duration.data() else {
            panic!("duration is an f64 histogram");
        };
        let point = histogram.data_points().next().unwrap();
        assert_eq!(point.count(), 1);
        assert_eq!(attribute(point, "error.type"), Some(Value::from("400")));
        assert!(
            !metrics
                .iter()
                .any(|m| m.name() == "gen_ai.client.token.usage"),
            "no tokens without a response"
        );
    }
}
