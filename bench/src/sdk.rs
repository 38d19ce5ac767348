//! Our client, used the way an application uses it: `openai_sdk::Client::builder()`, typed
//! requests built once and sent by reference, typed responses, the default stack (tracing
//! span, retries, timeouts, auth, default headers) with no tracing subscriber installed.
//! Over TLS the server's self-signed certificate is trusted through the public
//! `ClientBuilder::add_root_certificate`; HTTP/2 is negotiated by ALPN as with the service.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use openai_sdk::Client;
use openai_sdk::chat::{ChatCompletion, ChatCompletionRequest, ChatMessage, StreamOptions};
use openai_sdk::embeddings::{
    EmbeddingRequest, EmbeddingResponse, EmbeddingVector, EncodingFormat,
};
use openai_sdk::responses::{
    InputItem, Response, ResponseCreateRequest, ResponseStreamEvent, ResponseStreamEventRef,
};

use crate::ServerAddr;
use crate::fixture::{self, CONC_IN_FLIGHT, Hash, Outcome, Scenario, VARIANTS};

fn client(addr: &ServerAddr, scenario: Scenario) -> Result<Client, String> {
    let builder = Client::builder().api_key(fixture::API_KEY);
    let builder = if scenario.tls() {
        builder
            .base_url(format!(
                "https://127.0.0.1:{}/{}/v1",
                addr.tls_port,
                scenario.name()
            ))
            .add_root_certificate(&addr.cert_pem)
    } else {
        builder.base_url(format!(
            "http://127.0.0.1:{}/{}/v1",
            addr.port,
            scenario.name()
        ))
    };
    builder.build().map_err(|e| e.to_string())
}

/// The long conversation: [`fixture::CONVERSATION_ITEMS`] messages, built once.
fn conversation_request() -> ResponseCreateRequest {
    let input: Vec<InputItem> = (0..fixture::CONVERSATION_ITEMS)
        .map(|i| {
            let text = fixture::conversation_text(i);
            if fixture::conversation_is_user(i) {
                InputItem::user(text)
            } else {
                InputItem::assistant(text)
            }
        })
        .collect();
    ResponseCreateRequest::new("gpt-4.1-mini", input)
        .instructions(fixture::SYSTEM_PROMPT)
        .user(fixture::user_tag(0))
}

fn conversation_hash(r: &Response) -> u64 {
    let mut h = Hash::default();
    h.str(&r.id);
    h.str(r.status.as_ref().map_or("", |s| s.as_str()));
    h.u64(r.usage.as_ref().map_or(0, |u| u.total_tokens));
    h.finish()
}

fn chat_request(v: usize) -> ChatCompletionRequest {
    ChatCompletionRequest::new(
        "gpt-4o-mini",
        [
            ChatMessage::system(fixture::SYSTEM_PROMPT),
            ChatMessage::user(fixture::chat_prompt(v)),
        ],
    )
    .user(fixture::user_tag(v))
}

fn chat_hash(c: &ChatCompletion) -> u64 {
    let mut h = Hash::default();
    h.str(&c.id);
    let choice = c.choices.first();
    h.str(c.first_content().unwrap_or(""));
    h.str(
        choice
            .and_then(|ch| ch.finish_reason.as_ref())
            .map_or("", |r| r.as_str()),
    );
    h.u64(c.usage.as_ref().map_or(0, |u| u.total_tokens));
    h.finish()
}

fn embed_hash(r: &EmbeddingResponse) -> Result<u64, String> {
    let mut h = Hash::default();
    for item in &r.data {
        h.u64(u64::from(item.index));
        match &item.embedding {
            EmbeddingVector::Float(v) => h.f32s(v),
            _ => return Err("embedding not decoded to floats".into()),
        }
    }
    Ok(h.finish())
}

async fn stream(client: &Client) -> Result<Outcome, String> {
    let request = chat_request(0).stream_options(StreamOptions::include_usage());
    let mut stream = client
        .chat()
        .create_stream(&request)
        .await
        .map_err(|e| e.to_string())?;
    let mut h = Hash::default();
    let mut started = false;
    let mut content_chunks = 0u64;
    let mut finish = String::new();
    let mut usage = 0;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| e.to_string())?;
        if !started {
            started = true;
            h.str(&chunk.id);
        }
        if let Some(text) = chunk.delta_text() {
            if !text.is_empty() {
                h.str(text);
                content_chunks += 1;
            }
        }
        if let Some(reason) = chunk.finish_reason() {
            finish = reason.as_str().to_owned();
        }
        if let Some(u) = &chunk.usage {
            usage = u.total_tokens;
        }
    }
    h.str(&finish);
    h.u64(usage);
    h.u64(content_chunks);
    Ok(Outcome {
        count: content_chunks,
        hash: h.finish(),
    })
}

/// Hashes a Responses stream the way the floor does: the response id, every non-empty text
/// delta in order, the final status and usage.
#[derive(Default)]
struct ResponsesTally {
    h: Hash,
    started: bool,
    deltas: u64,
    status: String,
    usage: u64,
    completed: bool,
}

impl ResponsesTally {
    fn delta(&mut self, text: &str) {
        if !text.is_empty() {
            self.h.str(text);
            self.deltas += 1;
        }
    }

    fn event(&mut self, event: &ResponseStreamEvent) {
        match event {
            ResponseStreamEvent::OutputTextDelta(d) => self.delta(&d.delta),
            ResponseStreamEvent::Created(e) if !self.started => {
                self.started = true;
                self.h.str(&e.response.id);
            }
            ResponseStreamEvent::Completed(e) => {
                self.status = e
                    .response
                    .status
                    .as_ref()
                    .map_or("", |s| s.as_str())
                    .to_owned();
                self.usage = e.response.usage.as_ref().map_or(0, |u| u.total_tokens);
                self.completed = true;
            }
            _ => {}
        }
    }

    fn finish(mut self) -> Result<Outcome, String> {
        if !self.completed {
            return Err("stream ended before response.completed".into());
        }
        self.h.str(&self.status);
        self.h.u64(self.usage);
        self.h.u64(self.deltas);
        Ok(Outcome {
            count: self.deltas,
            hash: self.h.finish(),
        })
    }
}

/// One streamed Responses answer, read with `next()` (owned events) or, with `lend`,
/// `next_ref()` (text deltas borrowed from the received bytes).
async fn responses_stream(client: &Client, lend: bool) -> Result<Outcome, String> {
    let request = ResponseCreateRequest::new("gpt-4.1-mini", fixture::chat_prompt(0))
        .instructions(fixture::SYSTEM_PROMPT)
        .user(fixture::user_tag(0));
    let mut stream = client
        .responses()
        .create_stream(&request)
        .await
        .map_err(|e| e.to_string())?;
    let mut tally = ResponsesTally::default();
    if lend {
        while let Some(event) = stream.next_ref().await {
            match event.map_err(|e| e.to_string())? {
                ResponseStreamEventRef::OutputTextDelta(d) => tally.delta(&d.delta),
                ResponseStreamEventRef::Event(e) => tally.event(&e),
                _ => {}
            }
        }
    } else {
        while let Some(event) = stream.next().await {
            tally.event(&event.map_err(|e| e.to_string())?);
        }
    }
    tally.finish()
}

/// Runs `scenario` with `openai_sdk::Client`.
pub(crate) async fn run(
    scenario: Scenario,
    addr: &ServerAddr,
    quick: bool,
) -> Result<Outcome, String> {
    let n = scenario.requests(quick);
    let client = client(addr, scenario)?;
    let mut out = Outcome::default();
    match scenario {
        Scenario::Seq => {
            let requests: Vec<_> = (0..VARIANTS).map(chat_request).collect();
            for i in 0..n {
                let c = client
                    .chat()
                    .create(&requests[i % VARIANTS])
                    .await
                    .map_err(|e| e.to_string())?;
                out.add(chat_hash(&c));
            }
        }
        Scenario::Conversation => {
            let request = conversation_request();
            for _ in 0..n {
                let r = client
                    .responses()
                    .create(&request)
                    .await
                    .map_err(|e| e.to_string())?;
                out.add(conversation_hash(&r));
            }
        }
        Scenario::Conc | Scenario::TlsConc => {
            let requests: Arc<Vec<_>> = Arc::new((0..VARIANTS).map(chat_request).collect());
            let next = Arc::new(AtomicUsize::new(0));
            let mut tasks = Vec::with_capacity(CONC_IN_FLIGHT);
            for _ in 0..CONC_IN_FLIGHT {
                let (client, requests, next) = (client.clone(), requests.clone(), next.clone());
                tasks.push(tokio::spawn(async move {
                    let mut out = Outcome::default();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= n {
                            return Ok::<_, String>(out);
                        }
                        let c = client
                            .chat()
                            .create(&requests[i % VARIANTS])
                            .await
                            .map_err(|e| e.to_string())?;
                        out.add(chat_hash(&c));
                    }
                }));
            }
            for task in tasks {
                out.merge(task.await.map_err(|e| e.to_string())??);
            }
        }
        Scenario::Stream64k | Scenario::Stream512 | Scenario::TlsStream => {
            out = stream(&client).await?
        }
        Scenario::ResponsesStream => out = responses_stream(&client, false).await?,
        Scenario::ResponsesStreamRef => out = responses_stream(&client, true).await?,
        Scenario::EmbedFloat | Scenario::EmbedBase64 => {
            let requests: Vec<_> = (0..VARIANTS)
                .map(|v| {
                    let r = EmbeddingRequest::new(fixture::EMBED_MODEL, fixture::embed_inputs(v))
                        .user(fixture::user_tag(v));
                    if scenario == Scenario::EmbedFloat {
                        r.encoding_format(EncodingFormat::Float)
                    } else {
                        r // the SDK's default: base64 on the wire, decoded to f32
                    }
                })
                .collect();
            for i in 0..n {
                let r = client
                    .embeddings()
                    .create(&requests[i % VARIANTS])
                    .await
                    .map_err(|e| e.to_string())?;
                out.add(embed_hash(&r)?);
            }
        }
    }
    Ok(out)
}
