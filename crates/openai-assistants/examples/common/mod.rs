//! Shared by the assistants examples: a client for the real service when the environment names
//! one, else for an `openai-mock` server started in this process.

use std::time::Duration;

use core_http::{Credential, Endpoint, Error, HttpClient};
use openai_assistants::PollOptions;
use openai_mock::MockServer;

/// A client for the real service when the environment names one, else for a mock started here.
/// Also returns the model (or Azure deployment) and how to poll.
pub(crate) async fn connect() -> Result<(HttpClient, String, PollOptions, Option<MockServer>), Error>
{
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    if let (Some(endpoint), Some(key)) = (env("AZURE_OPENAI_ENDPOINT"), env("AZURE_OPENAI_API_KEY"))
    {
        let version = env("OPENAI_API_VERSION").unwrap_or_else(|| "2024-05-01-preview".to_owned());
        let http = HttpClient::builder()
            .endpoint(Endpoint::azure(endpoint, version)?)
            .credential(Credential::azure_key(key))
            .build()?;
        let deployment = env("AZURE_OPENAI_DEPLOYMENT").unwrap_or_else(|| "gpt-4o-mini".to_owned());
        return Ok((http, deployment, PollOptions::new(), None));
    }
    if let Some(key) = env("OPENAI_API_KEY") {
        let http = HttpClient::builder()
            .endpoint(Endpoint::openai(core_http::OPENAI_BASE_URL)?)
            .credential(Credential::openai_key(key))
            .build()?;
        let model = env("OPENAI_MODEL").unwrap_or_else(|| "gpt-4o-mini".to_owned());
        return Ok((http, model, PollOptions::new(), None));
    }
    println!("(no OPENAI_API_KEY / AZURE_OPENAI_* set: using an in-process mock server)");
    let server = MockServer::start().await;
    let http = HttpClient::builder()
        .endpoint(Endpoint::openai(server.base_url())?)
        .credential(Credential::openai_key("sk-mock"))
        .build()?;
    // The mock advances a run one state per poll; no need to wait its 1 s hint.
    let poll = PollOptions::new().interval(Duration::from_millis(10));
    Ok((http, "gpt-4o-mini".to_owned(), poll, Some(server)))
}
