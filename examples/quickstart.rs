//! A tour of the SDK in one run: the Responses API first (text, a stream, a tool call,
//! structured output, a background response), then chat completions, embeddings and an image
//! (and an assistant run with the opt-in `assistants` feature).
//!
//! ```text
//! cargo run --example quickstart
//! ```
//!
//! With no API key it starts the bundled mock server in this process (no network needed);
//! with `OPENAI_API_KEY` (or `AZURE_OPENAI_ENDPOINT` + `AZURE_OPENAI_API_KEY` +
//! `AZURE_OPENAI_DEPLOYMENT`) it talks to the real service.

mod common;

use std::io::Write;
use std::time::Duration;

use openai_sdk::PollOptions;
#[cfg(feature = "assistants")]
use openai_sdk::assistants::CreateAssistantRequest;
use openai_sdk::chat::{ChatCompletionRequest, ChatMessage};
use openai_sdk::embeddings::EmbeddingRequest;
use openai_sdk::images::{ImageGenerationRequest, ImageResponseFormat};
#[cfg(feature = "assistants")]
use openai_sdk::messages::CreateMessageRequest;
use openai_sdk::responses::{
    ResponseCreateRequest, ResponseStreamEvent, ResponsesToolRunner, TextConfig, TextFormat,
    parse_response,
};
#[cfg(feature = "assistants")]
use openai_sdk::runs::CreateRunRequest;
#[cfg(feature = "assistants")]
use openai_sdk::shared::ListParams;
#[cfg(feature = "assistants")]
use openai_sdk::threads::CreateThreadRequest;
use openai_sdk::tools::{RunnableTool, ToolError};
use serde_json::json;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (client, model, mode) = common::client_from_env_or_mock().await?;
    println!("mode: {}", mode.describe());

    // 1. One response, with its metadata (request id, rate limits) alongside.
    let request = ResponseCreateRequest::new(model.as_str(), "Say hello to a Rust developer.")
        .instructions("You are terse.");
    let (response, meta) = client.responses().create(&request).with_response().await?;
    println!("\n[responses] {}", response.output_text());
    println!(
        "[responses] status {}, request id {:?}, rate limits {:?}",
        meta.status,
        meta.request_id,
        meta.rate_limits()
    );

    // 2. The same question, streamed: print text as it arrives.
    print!("\n[stream] ");
    let mut stream = client.responses().create_stream(&request).await?;
    while let Some(event) = stream.next().await {
        if let ResponseStreamEvent::OutputTextDelta(delta) = event? {
            print!("{}", delta.delta);
            std::io::stdout().flush()?;
        }
    }
    println!();

    // 3. A tool call: the runner executes get_weather and sends the result back.
    let weather = RunnableTool::new(
        "get_weather",
        "Current weather for a city",
        json!({
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
            "additionalProperties": false
        }),
        |args: serde_json::Value| async move {
            let city = args["city"].as_str().unwrap_or("somewhere").to_owned();
            Ok::<_, ToolError>(format!("22°C and sunny in {city}"))
        },
    )
    .strict(true);
    let question = ResponseCreateRequest::new(
        model.as_str(),
        "What is the weather in Paris? Use get_weather.",
    );
    let run = ResponsesToolRunner::new([weather])
        .run(&client.responses(), &question)
        .await?;
    for call in &run.calls {
        println!(
            "\n[tool] {}({}) -> {}",
            call.name, call.arguments, call.output
        );
    }
    println!(
        "[tool] answer after {} responses: {}",
        run.rounds,
        run.output_text()
    );

    // 4. Structured output: the answer follows a JSON Schema and decodes into a Rust type
    //    (with the `schemars` feature, `client.responses().parse::<City>(..)` derives it).
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)] // fields are read through Debug
    struct City {
        name: String,
        country: String,
    }
    let schema = json!({
        "type": "object",
        "properties": {"name": {"type": "string"}, "country": {"type": "string"}},
        "required": ["name", "country"],
        "additionalProperties": false
    });
    let request = ResponseCreateRequest::new(model.as_str(), "Name the capital of France.")
        .text(TextConfig::format(TextFormat::json_schema("city", schema)));
    let city: City = parse_response(&client.responses().create(&request).await?)?;
    println!("\n[structured] {city:?}");

    // 5. A background response: created, then polled until it is finished.
    let interval = if mode.is_mock() { 10 } else { 1000 };
    let options = PollOptions::new()
        .interval(Duration::from_millis(interval))
        .on_progress(|p| println!("[background] poll {}: {}", p.polls, p.status));
    let request = ResponseCreateRequest::new(model.as_str(), "Summarize Rust in one line.");
    let done = client
        .responses()
        .create_background_and_poll(&request, &options)
        .await?;
    println!("[background] {}", done.output_text());

    // 6. Chat completions are still here, for code that uses them.
    let chat = ChatCompletionRequest::new(
        model.as_str(),
        [ChatMessage::user("Say hello to a Rust developer.")],
    );
    let completion = client.chat().create(&chat).await?;
    println!(
        "\n[chat] {}",
        completion.first_content().unwrap_or("<no text>")
    );

    // 7. Embeddings (sent as base64 on the wire, decoded to f32 here).
    let embedding_model = if mode.is_mock() {
        "text-embedding-3-small".to_owned()
    } else {
        model.clone()
    };
    let embeddings = client
        .embeddings()
        .create(&EmbeddingRequest::new(
            embedding_model,
            vec!["Rust", "Ferris"],
        ))
        .await?;
    for (index, vector) in embeddings.vectors().into_iter().enumerate() {
        println!(
            "\n[embeddings] input {} -> {} dimensions, first {:.4}",
            index,
            vector.len(),
            vector.first().copied().unwrap_or_default()
        );
    }

    // 8. An image, returned inline as base64.
    let image = client
        .images()
        .generate(
            &ImageGenerationRequest::new("A crab made of gears")
                .response_format(ImageResponseFormat::B64Json),
        )
        .await?;
    if let Some(first) = image.data.first() {
        let png = first.bytes()?;
        println!("\n[image] {} bytes of PNG", png.len());
    }

    // 9. An assistant run (the opt-in `assistants` feature).
    #[cfg(feature = "assistants")]
    assistant_run(&client, &model, &mode).await?;

    println!(
        "\ndone ({}).",
        if mode.is_mock() {
            "mock"
        } else {
            "live service"
        }
    );
    Ok(())
}

/// An assistant run: create, ask, poll until done, read the reply.
#[cfg(feature = "assistants")]
async fn assistant_run(
    client: &openai_sdk::Client,
    model: &str,
    mode: &common::Mode,
) -> Result<(), Box<dyn std::error::Error>> {
    let assistant = client
        .assistants()
        .create(
            &CreateAssistantRequest::new(model)
                .name("Quickstart")
                .instructions("Answer briefly."),
        )
        .await?;
    let thread = client.threads().create(&CreateThreadRequest::new()).await?;
    client
        .messages()
        .create(
            &thread.id,
            &CreateMessageRequest::user("Name one Rust feature."),
        )
        .await?;
    let run = client
        .runs()
        .create_and_poll(
            &thread.id,
            &CreateRunRequest::new(assistant.id.as_str()),
            &common::poll_options(mode),
        )
        .await?;
    println!("\n[assistant] run {} finished as {}", run.id, run.status);
    let messages = client
        .messages()
        .list(&thread.id, &ListParams::new().limit(1))
        .await?;
    if let Some(reply) = messages.data.first() {
        println!("[assistant] {}", reply.text());
    }
    client.assistants().delete(&assistant.id).await?;

    Ok(())
}
