//! A tour of the SDK in one run: chat, a streamed answer, a tool call, embeddings, an image
//! and an assistant run.
//!
//! ```text
//! cargo run --example quickstart
//! ```
//!
//! With no API key it starts the bundled mock server in this process (no network needed);
//! with `OPENAI_API_KEY` (or `AZURE_OPENAI_ENDPOINT` + `AZURE_OPENAI_API_KEY` +
//! `OPENAI_API_VERSION` + `AZURE_OPENAI_DEPLOYMENT`) it talks to the real service.

mod common;

use std::io::Write;

#[cfg(feature = "assistants")]
use openai_sdk::assistants::CreateAssistantRequest;
use openai_sdk::chat::{ChatCompletionRequest, ChatMessage};
use openai_sdk::embeddings::EmbeddingRequest;
use openai_sdk::images::ImageGenerationRequest;
#[cfg(feature = "assistants")]
use openai_sdk::messages::CreateMessageRequest;
#[cfg(feature = "assistants")]
use openai_sdk::runs::CreateRunRequest;
#[cfg(feature = "assistants")]
use openai_sdk::shared::ListParams;
#[cfg(feature = "assistants")]
use openai_sdk::threads::CreateThreadRequest;
use openai_sdk::tools::{RunnableTool, ToolError, ToolRunner};
use serde_json::json;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (client, model, mode) = common::client_from_env_or_mock().await?;
    println!("mode: {}", mode.describe());

    // 1. One chat completion.
    let request = ChatCompletionRequest::new(
        model.as_str(),
        [
            ChatMessage::system("You are terse."),
            ChatMessage::user("Say hello to a Rust developer."),
        ],
    );
    let completion = client.chat().create(&request).await?;
    println!(
        "\n[chat] {}",
        completion.first_content().unwrap_or("<no text>")
    );

    // 2. The same question, streamed: print tokens as they arrive.
    print!("\n[stream] ");
    let mut stream = client.chat().create_stream(&request).await?;
    while let Some(chunk) = stream.next().await {
        if let Some(text) = chunk?.delta_text() {
            print!("{text}");
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
            "required": ["city"]
        }),
        |args: serde_json::Value| async move {
            let city = args["city"].as_str().unwrap_or("somewhere").to_owned();
            Ok::<_, ToolError>(format!("22°C and sunny in {city}"))
        },
    );
    let question = ChatCompletionRequest::new(
        model.as_str(),
        [ChatMessage::user(
            "What is the weather in Paris? Use get_weather.",
        )],
    );
    let run = ToolRunner::new([weather])
        .run(&client.chat(), &question)
        .await?;
    for call in &run.calls {
        println!(
            "\n[tool] {}({}) -> {}",
            call.name, call.arguments, call.output
        );
    }
    println!(
        "[tool] answer after {} rounds: {}",
        run.rounds,
        run.content().unwrap_or("<none>")
    );

    // 4. Embeddings (sent as base64 on the wire, decoded to f32 here).
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
    for item in &embeddings.data {
        let vector = item.embedding.to_f32_vec()?;
        println!(
            "\n[embeddings] input {} -> {} dimensions, first {:.4}",
            item.index,
            vector.len(),
            vector.first().copied().unwrap_or_default()
        );
    }

    // 5. An image, returned inline as base64.
    let image = client
        .images()
        .generate(&ImageGenerationRequest::new("A crab made of gears").response_format("b64_json"))
        .await?;
    if let Some(first) = image.data.first() {
        let size = first.b64_json.as_ref().map_or(0, |b64| b64.len() * 3 / 4);
        println!("\n[image] about {size} bytes of PNG (url: {:?})", first.url);
    }

    // 6. An assistant run (the opt-in `assistants` feature).
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
