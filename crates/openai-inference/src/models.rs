//! [`Models`]: `GET /models` and `GET /models/{model}`.

use core_http::Scope;
use core_http::http::Method;
use core_http::kit::{Call, Handle, path_segment};
use openai_types::models::{Model, ModelList};

/// The models the credential can use (resource-scoped on Azure: `/openai/models`).
///
/// Also the cheapest way to check connectivity and credentials.
///
/// ```
/// # #![allow(clippy::unwrap_used)]
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), openai_sdk::Error> {
/// # let server = openai_mock::MockServer::start().await;
/// # let client = openai_sdk::Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
/// let models = client.models().list().await?;
/// let first = &models.data[0];
/// let same = client.models().retrieve(&first.id).await?;
/// assert_eq!(same.id, first.id);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Models<'c> {
    handle: Handle<'c>,
}

core_http::resource_handle!(Models);

impl<'c> Models<'c> {
    /// Lists the available models (one page: the endpoint is not paginated).
    pub fn list(&self) -> Call<ModelList> {
        Call::json(
            self.handle
                .request(Method::GET, "/models", Scope::Resource, "models.list"),
        )
    }

    /// One model by id (the id is percent-encoded into the path, so fine-tuned ids with `:`
    /// work; an empty id, `.` or `..` is refused before sending).
    pub fn retrieve(&self, model: &str) -> Call<Model> {
        let segment = match path_segment(model, "model") {
            Ok(segment) => segment,
            Err(err) => return Call::fail(err),
        };
        Call::json(
            self.handle
                .request(
                    Method::GET,
                    &format!("/models/{segment}"),
                    Scope::Resource,
                    "models.retrieve",
                )
                .model(model),
        )
    }
}
