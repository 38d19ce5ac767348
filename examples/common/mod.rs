//! Shared by the examples: a client for the real service when the environment names one,
//! otherwise for an `openai-mock` server started in this process, so every example runs
//! offline with no key.
#![allow(dead_code)]

#[cfg(feature = "assistants")]
use std::time::Duration;

use openai_mock::MockServer;
use openai_sdk::Client;

/// Where the example's requests go.
pub(crate) enum Mode {
    /// The embedded mock server (kept alive as long as this value).
    Mock(MockServer),
    /// api.openai.com (or `OPENAI_BASE_URL`).
    OpenAi,
    /// Azure OpenAI.
    Azure,
}

impl Mode {
    pub(crate) fn describe(&self) -> String {
        match self {
            Mode::Mock(server) => format!(
                "mock (no OPENAI_API_KEY or AZURE_OPENAI_ENDPOINT set; embedded openai-mock at {})",
                server.base_url()
            ),
            Mode::OpenAi => "OpenAI (OPENAI_API_KEY is set)".to_owned(),
            Mode::Azure => "Azure OpenAI (AZURE_OPENAI_ENDPOINT is set)".to_owned(),
        }
    }

    pub(crate) fn is_mock(&self) -> bool {
        matches!(self, Mode::Mock(_))
    }
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The client, the model (on Azure: the deployment) and the mode.
pub(crate) async fn client_from_env_or_mock() -> Result<(Client, String, Mode), openai_sdk::Error> {
    if env("AZURE_OPENAI_ENDPOINT").is_some() {
        let deployment = env("AZURE_OPENAI_DEPLOYMENT").unwrap_or_else(|| "gpt-4o-mini".into());
        return Ok((Client::from_env()?, deployment, Mode::Azure));
    }
    if env("OPENAI_API_KEY").is_some() {
        let model = env("OPENAI_MODEL").unwrap_or_else(|| "gpt-4o-mini".into());
        return Ok((Client::from_env()?, model, Mode::OpenAi));
    }
    let server = MockServer::start().await;
    let client = Client::builder()
        .base_url(server.base_url())
        .api_key("sk-mock-key")
        .build()?;
    Ok((client, "gpt-4o-mini".to_owned(), Mode::Mock(server)))
}

/// How often to poll runs: the mock advances a run one state per poll, so it needs no wait.
#[cfg(feature = "assistants")]
pub(crate) fn poll_options(mode: &Mode) -> openai_sdk::assistants::PollOptions {
    let options = openai_sdk::assistants::PollOptions::new();
    if mode.is_mock() {
        options.interval(Duration::from_millis(5))
    } else {
        options
    }
}
