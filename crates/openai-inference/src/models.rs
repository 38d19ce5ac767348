//! [`Models`]: `GET /models` and `GET /models/{model}`.

use core_http::{Error, HttpClient, RequestOptions, Scope};
use openai_types::models::{Model, ModelList};

/// The models the credential can use (resource-scoped on Azure: `/openai/models`).
///
/// Also the cheapest way to check connectivity and credentials.
///
/// ```
/// # #![allow(clippy::unwrap_used)]
/// use openai_inference::Models;
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), core_http::Error> {
/// # let server = openai_mock::MockServer::start().await;
/// # let http = core_http::HttpClient::builder().endpoint(core_http::Endpoint::openai(server.base_url())?).credential(core_http::Credential::openai_key("sk-test")).build()?;
/// let models = Models::new(&http).list().await?;
/// let first = &models.data[0];
/// let same = Models::new(&http).retrieve(&first.id).await?;
/// assert_eq!(same.id, first.id);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Models<'c> {
    http: &'c HttpClient,
    options: RequestOptions,
}

impl<'c> Models<'c> {
    /// A handle on `http`.
    pub fn new(http: &'c HttpClient) -> Self {
        Models {
            http,
            options: RequestOptions::default(),
        }
    }

    /// Per-call options for every call made through this handle.
    #[must_use]
    pub fn with_options(mut self, options: RequestOptions) -> Self {
        self.options = options;
        self
    }

    /// Lists the available models (one page: the endpoint is not paginated).
    pub async fn list(&self) -> Result<ModelList, Error> {
        self.http
            .get("/models", Scope::Resource)
            .operation("models.list")
            .options(&self.options)
            .send_json()
            .await
    }

    /// One model by id (the id is percent-encoded into the path, so fine-tuned ids with `:`
    /// work).
    pub async fn retrieve(&self, model: &str) -> Result<Model, Error> {
        if model.is_empty() {
            return Err(Error::invalid_request("a model id is required"));
        }
        let mut path = String::from("/models/");
        for byte in model.bytes() {
            if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
                path.push(char::from(byte));
            } else {
                path.push_str(&format!("%{byte:02X}"));
            }
        }
        self.http
            .get(&path, Scope::Resource)
            .operation("models.retrieve")
            .model(model)
            .options(&self.options)
            .send_json()
            .await
    }
}
