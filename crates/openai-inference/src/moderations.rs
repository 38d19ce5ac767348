//! [`Moderations`]: `POST /moderations`.

use core_http::Scope;
use core_http::http::Method;
use core_http::kit::{Call, Handle};
use openai_types::moderations::{ModerationRequest, ModerationResponse};

/// Classifies text and images against the usage policies (`POST /moderations`;
/// resource-scoped on Azure: `/openai/moderations`).
///
/// Input is a string, a list of strings (one result each) or a list of text and image parts
/// (image URLs or `data:` URLs, for `omni-moderation-*` models). Categories, scores and the
/// input types each category was applied to are open maps, so new categories arrive as keys.
///
/// ```
/// # #![allow(clippy::unwrap_used)]
/// use openai_sdk::moderations::ModerationRequest;
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), openai_sdk::Error> {
/// # let server = openai_mock::MockServer::start().await;
/// # let client = openai_sdk::Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
/// let verdict = client.moderations()
///     .create(&ModerationRequest::new("I will attack them"))
///     .await?;
/// assert!(verdict.any_flagged());
/// assert_eq!(verdict.results[0].categories.get("violence"), Some(true));
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Moderations<'c> {
    handle: Handle<'c>,
}

core_http::resource_handle!(Moderations);

impl<'c> Moderations<'c> {
    /// Classifies the request's input.
    pub fn create(&self, request: &ModerationRequest) -> Call<ModerationResponse> {
        Call::json(
            self.handle
                .request(
                    Method::POST,
                    "/moderations",
                    Scope::Resource,
                    "moderations.create",
                )
                .json(request),
        )
    }
}
