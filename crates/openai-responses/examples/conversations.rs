//! Conversations: items kept on the service across responses.
//! Run: `cargo run -p openai-azure-responses --example conversations`.

mod common;

use openai_responses::{Conversations, Responses};
use openai_types::conversations::{
    ConversationCreateRequest, ConversationItem, ConversationItemsCreateRequest,
};
use openai_types::responses::{ItemListParams, ResponseCreateRequest};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let setup = common::openai("gpt-4.1-mini").await?;
    let conversations = Conversations::new(&setup.http);
    let responses = Responses::new(&setup.http);

    let conversation = conversations
        .create(
            &ConversationCreateRequest::new()
                .metadata([("topic", "tea")])
                .items([ConversationItem::user("I like green tea.")]),
        )
        .await?;
    println!("conversation {}", conversation.id);

    conversations
        .items()
        .create(
            &conversation.id,
            &ConversationItemsCreateRequest::new([ConversationItem::user("And oolong.")]),
            &[],
        )
        .await?;

    // The response reads the conversation and appends its input and output to it.
    let request = ResponseCreateRequest::new(&setup.model, "Which teas do I like?")
        .conversation(conversation.id.as_str());
    let response = responses.create(&request).await?;
    println!("answer: {}", response.output_text());

    let mut items = conversations
        .items()
        .list_all(&conversation.id, &ItemListParams::new().limit(2));
    while let Some(item) = items.next().await {
        let item = item?;
        let text = serde_json::to_value(&item)?;
        println!("  {} {}", text["type"], text["role"]);
    }

    conversations.delete(&conversation.id).await?;
    Ok(())
}
