//! [`Images`]: generation, edits and variations, plus Azure's DALL-E 2 batch operation.

mod poller;

pub use poller::ImageGenerationPoller;

use core_http::http::Method;
use core_http::kit::{Call, Handle, UploadSource, refuse_owned_fields};

use crate::OWNED_FIELDS;
use core_http::multipart::Form;
use core_http::{Error, Scope};
use openai_types::images::{
    AzureImageOperation, ImageEditParams, ImageGenerationRequest, ImageVariationParams,
    ImagesResponse,
};

/// Image generation (`POST /images/generations`), edits (`/images/edits`, multipart) and
/// variations (`/images/variations`, multipart, DALL-E 2), and on Azure the DALL-E 2 batch
/// long-running operation ([`begin_batch_generation`](Self::begin_batch_generation)).
///
/// On Azure, generations and edits are deployment-scoped: the request's `model` names the
/// deployment unless the endpoint has a fixed one. Variations are resource-scoped (as in
/// openai-python; Azure does not offer them).
///
/// ```
/// # #![allow(clippy::unwrap_used)]
/// use openai_sdk::images::{ImageGenerationRequest, ImageResponseFormat};
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), openai_sdk::Error> {
/// # let server = openai_mock::MockServer::start().await;
/// # let client = openai_sdk::Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
/// let request = ImageGenerationRequest::new("a lighthouse at dawn")
///     .model("dall-e-3")
///     .response_format(ImageResponseFormat::B64Json);
/// let images = client.images().generate(&request).await?;
/// let png = images.data[0].bytes().unwrap(); // decoded `b64_json`
/// assert!(png.starts_with(b"\x89PNG"));
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Images<'c> {
    handle: Handle<'c>,
}

core_http::resource_handle!(Images);

impl<'c> Images<'c> {
    /// Generates images from a prompt (URLs or base64, per `response_format`).
    pub fn generate(&self, request: &ImageGenerationRequest) -> Call<ImagesResponse> {
        if let Err(err) = refuse_owned_fields(&request.extra, OWNED_FIELDS) {
            return Call::fail(err);
        }
        let model = request.model.as_deref().unwrap_or_default();
        Call::json(
            self.handle
                .request(
                    Method::POST,
                    "/images/generations",
                    Scope::Deployment(model),
                    "images.generate",
                )
                .model(model)
                .json(request),
        )
    }

    /// Edits images (`POST /images/edits`, multipart). One image is sent as the `image` part,
    /// several (GPT image models) as `image[]`; `mask` marks where to edit. Images come from
    /// an [`UploadSource`]: a path (streamed from disk; such a request is sent once, never
    /// retried), bytes or an async reader. A missing file is an `InvalidRequest` error before
    /// anything is sent.
    ///
    /// ```
    /// # #![allow(clippy::unwrap_used)]
    /// use openai_sdk::UploadSource;
    /// use openai_sdk::images::ImageEditParams;
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), openai_sdk::Error> {
    /// # let server = openai_mock::MockServer::start().await;
    /// # let client = openai_sdk::Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
    /// # let png: Vec<u8> = b"\x89PNG\r\n\x1a\n".to_vec();
    /// let params = ImageEditParams::new("add a red hat").model("gpt-image-1");
    /// let edited = client.images()
    ///     .edit([UploadSource::bytes(png).file_name("cat.png")], None, &params)
    ///     .await?;
    /// assert_eq!(edited.data.len(), 1);
    /// # Ok(()) }
    /// ```
    pub fn edit(
        &self,
        images: impl IntoIterator<Item = UploadSource>,
        mask: Option<UploadSource>,
        params: &ImageEditParams,
    ) -> Call<ImagesResponse> {
        let images: Vec<UploadSource> = images.into_iter().collect();
        if images.is_empty() {
            return Call::fail(Error::invalid_request(
                "an image edit needs at least one image",
            ));
        }
        let field = if images.len() == 1 {
            "image"
        } else {
            "image[]"
        };
        let mut form = Form::new();
        for (name, value) in params.form_fields() {
            form = form.text(name, value);
        }
        let parts = images
            .into_iter()
            .map(|image| image.into_part(field))
            .chain(mask.map(|mask| mask.into_part("mask")));
        for part in parts {
            match part {
                Ok(part) => form = form.part(part),
                Err(err) => return Call::fail(err),
            }
        }
        let model = params.model.as_deref().unwrap_or_default();
        Call::json(
            self.handle
                .request(
                    Method::POST,
                    "/images/edits",
                    Scope::Deployment(model),
                    "images.edit",
                )
                .model(model)
                .multipart(form),
        )
    }

    /// Creates variations of an image (`POST /images/variations`, multipart, DALL-E 2).
    pub fn create_variation(
        &self,
        image: UploadSource,
        params: &ImageVariationParams,
    ) -> Call<ImagesResponse> {
        let mut form = Form::new();
        for (name, value) in params.form_fields() {
            form = form.text(name, value);
        }
        match image.into_part("image") {
            Ok(part) => form = form.part(part),
            Err(err) => return Call::fail(err),
        }
        let model = params.model.as_deref().unwrap_or_default();
        Call::json(
            self.handle
                .request(
                    Method::POST,
                    "/images/variations",
                    Scope::Resource,
                    "images.create_variation",
                )
                .model(model)
                .multipart(form),
        )
    }

    /// Azure only: submits a DALL-E 2 batch generation
    /// (`POST /openai/images/generations:submit`, resource-scoped) and returns a poller for
    /// the operation the service answered with (`202` + `operation-location`).
    ///
    /// ```
    /// # #![allow(clippy::unwrap_used)]
    /// use std::time::Duration;
    /// use openai_sdk::PollOptions;
    /// use openai_sdk::images::ImageGenerationRequest;
    /// # #[tokio::main(flavor = "current_thread", start_paused = true)]
    /// # async fn main() -> Result<(), openai_sdk::Error> {
    /// # let server = openai_mock::MockServer::start().await;
    /// # let client = openai_sdk::Client::builder().azure_endpoint(server.azure_endpoint()).api_version("2024-10-21").azure_api_key("azure-key").build()?;
    /// let request = ImageGenerationRequest::new("a watercolor fox").n(2u32);
    /// let poller = client.images().begin_batch_generation(&request).await?;
    /// let images = poller
    ///     .poll_options(PollOptions::new().timeout(Duration::from_secs(120)))
    ///     .poll_until_done()
    ///     .await?;
    /// assert!(!images.data.is_empty());
    /// # Ok(()) }
    /// ```
    pub async fn begin_batch_generation(
        &self,
        request: &ImageGenerationRequest,
    ) -> Result<ImageGenerationPoller<'c>, Error> {
        let http = self.handle.http();
        if !http.endpoint().is_azure() || http.endpoint().is_azure_v1() {
            return Err(Error::invalid_request(
                "batch image generation is an Azure OpenAI (dated API) operation",
            ));
        }
        let (operation, meta) = self
            .handle
            .request(
                Method::POST,
                "/images/generations:submit",
                Scope::Resource,
                "images.begin_batch_generation",
            )
            .json(request)
            .send_json_with_meta::<AzureImageOperation>()
            .await?;
        ImageGenerationPoller::from_submit(self.handle.clone(), operation, &meta)
    }

    /// Azure only: the current state of a batch image operation
    /// (`GET /openai/operations/images/{id}`).
    pub async fn batch_generation_status(
        &self,
        operation_id: &str,
    ) -> Result<AzureImageOperation, Error> {
        let route = poller::OperationRoute::from_id(operation_id)?;
        poller::fetch_status(&self.handle, &route)
            .await
            .map(|(operation, _)| operation)
    }
}
