//! [`Images`]: generation, edits and variations, plus Azure's DALL-E 2 batch operation.

mod poller;

pub use poller::ImageGenerationPoller;

use std::path::{Path, PathBuf};

use bytes::Bytes;
use core_http::multipart::{Form, Part};
use core_http::{Error, HttpClient, RequestOptions, Scope};
use openai_types::images::{
    AzureImageOperation, ImageEditParams, ImageGenerationRequest, ImageVariationParams,
    ImagesResponse,
};

use crate::body::to_json;

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
/// use openai_inference::Images;
/// use openai_types::images::{ImageGenerationRequest, ImageResponseFormat};
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), core_http::Error> {
/// # let server = openai_mock::MockServer::start().await;
/// # let http = core_http::HttpClient::builder().endpoint(core_http::Endpoint::openai(server.base_url())?).credential(core_http::Credential::openai_key("sk-test")).build()?;
/// let request = ImageGenerationRequest::new("a lighthouse at dawn")
///     .model("dall-e-3")
///     .response_format(ImageResponseFormat::B64Json);
/// let images = Images::new(&http).generate(&request).await?;
/// assert!(images.data[0].b64_json.is_some());
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Images<'c> {
    http: &'c HttpClient,
    options: RequestOptions,
}

/// An input image for [`Images::edit`] and [`Images::create_variation`]: bytes in memory (with
/// a file name, from which the content type is guessed) or a file streamed from disk.
#[derive(Clone, Debug)]
pub struct ImageFile {
    source: Source,
    content_type: Option<String>,
}

#[derive(Clone, Debug)]
enum Source {
    Bytes { file_name: String, bytes: Bytes },
    Path(PathBuf),
}

impl ImageFile {
    /// Image bytes with their file name (e.g. `"cat.png"`; the extension sets the content
    /// type). A buffered upload can be retried.
    pub fn from_bytes(file_name: impl Into<String>, bytes: impl Into<Bytes>) -> Self {
        ImageFile {
            source: Source::Bytes {
                file_name: file_name.into(),
                bytes: bytes.into(),
            },
            content_type: None,
        }
    }

    /// A file read from disk while the request is sent (one-shot: not retried).
    pub fn from_path(path: impl AsRef<Path>) -> Self {
        ImageFile {
            source: Source::Path(path.as_ref().to_path_buf()),
            content_type: None,
        }
    }

    /// Overrides the guessed content type (e.g. `image/png`).
    #[must_use]
    pub fn content_type(mut self, mime: impl Into<String>) -> Self {
        self.content_type = Some(mime.into());
        self
    }

    fn into_part(self, field: &str) -> Result<Part, Error> {
        let part = match self.source {
            Source::Bytes { file_name, bytes } => Part::bytes(field, bytes).file_name(file_name),
            Source::Path(path) => Part::file(field, &path).map_err(|e| {
                Error::invalid_request(format!("cannot read image file {}", path.display()))
                    .with_source(e)
            })?,
        };
        Ok(match self.content_type {
            Some(mime) => part.content_type(mime),
            None => part,
        })
    }
}

impl<'c> Images<'c> {
    /// A handle on `http`.
    pub fn new(http: &'c HttpClient) -> Self {
        Images {
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

    /// Generates images from a prompt (URLs or base64, per `response_format`).
    pub async fn generate(
        &self,
        request: &ImageGenerationRequest,
    ) -> Result<ImagesResponse, Error> {
        let model = request.model.as_deref().unwrap_or_default();
        self.http
            .post("/images/generations", Scope::Deployment(model))
            .operation("images.generate")
            .model(model)
            .json_bytes(to_json(request)?)
            .options(&self.options)
            .send_json()
            .await
    }

    /// Edits images (`POST /images/edits`, multipart). One image is sent as the `image` part,
    /// several (GPT image models) as `image[]`; `mask` marks where to edit.
    ///
    /// ```
    /// # #![allow(clippy::unwrap_used)]
    /// use openai_inference::{ImageFile, Images};
    /// use openai_types::images::ImageEditParams;
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), core_http::Error> {
    /// # let server = openai_mock::MockServer::start().await;
    /// # let http = core_http::HttpClient::builder().endpoint(core_http::Endpoint::openai(server.base_url())?).credential(core_http::Credential::openai_key("sk-test")).build()?;
    /// # let png: Vec<u8> = b"\x89PNG\r\n\x1a\n".to_vec();
    /// let params = ImageEditParams::new("add a red hat").model("gpt-image-1");
    /// let edited = Images::new(&http)
    ///     .edit([ImageFile::from_bytes("cat.png", png)], None, &params)
    ///     .await?;
    /// assert_eq!(edited.data.len(), 1);
    /// # Ok(()) }
    /// ```
    pub async fn edit(
        &self,
        images: impl IntoIterator<Item = ImageFile>,
        mask: Option<ImageFile>,
        params: &ImageEditParams,
    ) -> Result<ImagesResponse, Error> {
        let images: Vec<ImageFile> = images.into_iter().collect();
        if images.is_empty() {
            return Err(Error::invalid_request(
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
        for image in images {
            form = form.part(image.into_part(field)?);
        }
        if let Some(mask) = mask {
            form = form.part(mask.into_part("mask")?);
        }
        let model = params.model.as_deref().unwrap_or_default();
        self.http
            .post("/images/edits", Scope::Deployment(model))
            .operation("images.edit")
            .model(model)
            .multipart(form)
            .options(&self.options)
            .send_json()
            .await
    }

    /// Creates variations of an image (`POST /images/variations`, multipart, DALL-E 2).
    pub async fn create_variation(
        &self,
        image: ImageFile,
        params: &ImageVariationParams,
    ) -> Result<ImagesResponse, Error> {
        let mut form = Form::new();
        for (name, value) in params.form_fields() {
            form = form.text(name, value);
        }
        form = form.part(image.into_part("image")?);
        let model = params.model.as_deref().unwrap_or_default();
        self.http
            .post("/images/variations", Scope::Resource)
            .operation("images.create_variation")
            .model(model)
            .multipart(form)
            .options(&self.options)
            .send_json()
            .await
    }

    /// Azure only: submits a DALL-E 2 batch generation
    /// (`POST /openai/images/generations:submit`, resource-scoped) and returns a poller for
    /// the operation the service answered with (`202` + `operation-location`).
    ///
    /// ```
    /// # #![allow(clippy::unwrap_used)]
    /// use std::time::Duration;
    /// use openai_inference::Images;
    /// use openai_types::images::ImageGenerationRequest;
    /// # #[tokio::main(flavor = "current_thread", start_paused = true)]
    /// # async fn main() -> Result<(), core_http::Error> {
    /// # let server = openai_mock::MockServer::start().await;
    /// # let http = core_http::HttpClient::builder().endpoint(core_http::Endpoint::azure(server.azure_endpoint(), "2024-10-21")?).credential(core_http::Credential::azure_key("azure-key")).build()?;
    /// let request = ImageGenerationRequest::new("a watercolor fox").n(2u32);
    /// let poller = Images::new(&http).begin_batch_generation(&request).await?;
    /// let images = poller
    ///     .interval(Duration::from_secs(1))
    ///     .timeout(Duration::from_secs(120))
    ///     .poll_until_done()
    ///     .await?;
    /// assert!(!images.data.is_empty());
    /// # Ok(()) }
    /// ```
    pub async fn begin_batch_generation(
        &self,
        request: &ImageGenerationRequest,
    ) -> Result<ImageGenerationPoller<'c>, Error> {
        if !self.http.endpoint().is_azure() || self.http.endpoint().is_azure_v1() {
            return Err(Error::invalid_request(
                "batch image generation is an Azure OpenAI (dated API) operation",
            ));
        }
        let (operation, meta) = self
            .http
            .post("/images/generations:submit", Scope::Resource)
            .operation("images.begin_batch_generation")
            .json_bytes(to_json(request)?)
            .options(&self.options)
            .send_json_with_meta::<AzureImageOperation>()
            .await?;
        ImageGenerationPoller::from_submit(self.http, self.options.clone(), operation, &meta)
    }

    /// Azure only: the current state of a batch image operation
    /// (`GET /openai/operations/images/{id}`).
    pub async fn batch_generation_status(
        &self,
        operation_id: &str,
    ) -> Result<AzureImageOperation, Error> {
        poller::fetch_status(
            self.http,
            &self.options,
            &poller::OperationRoute::from_id(operation_id),
        )
        .await
        .map(|(operation, _)| operation)
    }
}
