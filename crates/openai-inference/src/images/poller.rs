//! [`ImageGenerationPoller`]: Azure's DALL-E 2 batch image operation, a long-running operation
//! polled to completion.

use core_http::http::Method;
use core_http::kit::{Handle, PollOptions, Polling, path_segment};
use core_http::{Error, HttpClient, ResponseMeta, Scope};
use openai_types::images::{AzureImageOperation, AzureOperationStatus, ImagesResponse};

/// Polls an Azure batch image operation until it succeeds, fails or is canceled.
///
/// Waiting follows [`PollOptions`], as every long-running operation of this SDK does: a fixed
/// interval when set, else the service's `retry-after` family of headers, else 1 s; the whole
/// wait is bounded by the options' timeout (30 min by default) with
/// `ErrorKind::Timeout(TimeoutKind::Total)`.
///
/// Polling runs in the caller's task: dropping the future of
/// [`poll_until_done`](Self::poll_until_done) stops it (the operation itself keeps running
/// on the service; [`Images::batch_generation_status`](crate::Images::batch_generation_status)
/// can look it up later by [`id`](Self::id)).
///
/// Polls go to the path of the `operation-location` header on the client's own endpoint
/// (`/openai/operations/images/{id}`) with the client's credentials and `api-version`; a
/// header pointing elsewhere is not followed and the operation id is used instead.
#[derive(Debug)]
#[must_use = "a poller does nothing until polled"]
pub struct ImageGenerationPoller<'c> {
    handle: Handle<'c>,
    route: OperationRoute,
    operation: AzureImageOperation,
    meta: ResponseMeta,
    options: PollOptions,
}

/// Where the status of an operation is read, relative to `{endpoint}/openai`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct OperationRoute {
    path: String,
}

impl OperationRoute {
    pub(crate) fn from_id(id: &str) -> Result<Self, Error> {
        Ok(OperationRoute {
            path: format!("/operations/images/{}", path_segment(id, "operation_id")?),
        })
    }

    /// The route named by an `operation-location` header, when it points at this client's
    /// resource (`{resource}/openai/...`).
    fn from_location(location: &str, http: &HttpClient) -> Option<Self> {
        let endpoint = http.endpoint();
        let uri: core_http::http::Uri = location.parse().ok()?;
        let origin = format!(
            "{}://{}",
            uri.scheme_str()?.to_ascii_lowercase(),
            uri.authority()?.as_str().to_ascii_lowercase()
        );
        if origin != endpoint.origin() {
            return None;
        }
        let resource_path = endpoint
            .base_url()
            .get(endpoint.origin().len()..)
            .unwrap_or_default();
        let prefix = format!("{resource_path}/openai/");
        let rest = uri.path().strip_prefix(&prefix)?;
        if rest.is_empty()
            || rest
                .split('/')
                .any(|s| s.is_empty() || s == "." || s == "..")
        {
            return None;
        }
        Some(OperationRoute {
            path: format!("/{rest}"),
        })
    }
}

/// `GET` the operation once.
pub(crate) async fn fetch_status(
    handle: &Handle<'_>,
    route: &OperationRoute,
) -> Result<(AzureImageOperation, ResponseMeta), Error> {
    let endpoint = handle.http().endpoint();
    if !endpoint.is_azure() || endpoint.is_azure_v1() {
        return Err(Error::invalid_request(
            "batch image generation is an Azure OpenAI (dated API) operation",
        ));
    }
    handle
        .request(
            Method::GET,
            &route.path,
            Scope::Resource,
            "images.batch_generation_status",
        )
        .send_json_with_meta::<AzureImageOperation>()
        .await
}

impl<'c> ImageGenerationPoller<'c> {
    pub(crate) fn from_submit(
        handle: Handle<'c>,
        operation: AzureImageOperation,
        meta: &ResponseMeta,
    ) -> Result<Self, Error> {
        let location = meta.header("operation-location");
        let route = match location.and_then(|l| OperationRoute::from_location(l, handle.http())) {
            Some(route) => route,
            None if !operation.id.is_empty() => OperationRoute::from_id(&operation.id)?,
            None => {
                let err = Error::decode(
                    "the batch image submission returned neither an operation-location nor an id",
                );
                return Err(match &meta.request_id {
                    Some(id) => err.with_request_id(id.clone()),
                    None => err,
                });
            }
        };
        Ok(ImageGenerationPoller {
            handle,
            route,
            operation,
            meta: meta.clone(),
            options: PollOptions::new(),
        })
    }

    /// How to wait between polls and for how long in total.
    pub fn poll_options(mut self, options: PollOptions) -> Self {
        self.options = options;
        self
    }

    /// The operation id (to look it up later with
    /// [`Images::batch_generation_status`](crate::Images::batch_generation_status)).
    pub fn id(&self) -> &str {
        &self.operation.id
    }

    /// The status last seen.
    pub fn status(&self) -> &AzureOperationStatus {
        &self.operation.status
    }

    /// The operation as last seen.
    pub fn operation(&self) -> &AzureImageOperation {
        &self.operation
    }

    /// Status, headers and request id of the last response.
    pub fn meta(&self) -> &ResponseMeta {
        &self.meta
    }

    /// Whether the last status is terminal (`succeeded`, `failed`, `canceled`).
    pub fn is_done(&self) -> bool {
        self.operation.status.is_terminal()
    }

    /// Reads the operation's state once (no waiting).
    pub async fn poll_once(&mut self) -> Result<&AzureImageOperation, Error> {
        let (operation, meta) = fetch_status(&self.handle, &self.route).await?;
        self.meta = meta;
        self.operation = operation;
        Ok(&self.operation)
    }

    /// Polls until the operation is terminal and returns its images.
    ///
    /// Errors: `failed` (e.g. a filtered prompt) and `canceled` become `ErrorKind::Api`
    /// carrying the operation's `error.code` and `error.message` (`contentFilter`, ...);
    /// the time limit becomes `Timeout(TimeoutKind::Total)`; poll failures are returned as is.
    pub async fn poll_until_done(mut self) -> Result<ImagesResponse, Error> {
        let options = self.options.clone();
        let mut polling = Polling::new(&options);
        while !self.is_done() {
            polling
                .wait(&self.meta, self.operation.status.as_str())
                .await?;
            polling.bounded(self.poll_once()).await?;
        }
        self.into_result()
    }

    /// The outcome of a terminal operation: its images, or the error it failed with. A
    /// non-terminal operation is an `InvalidRequest` error (poll first).
    pub fn into_result(self) -> Result<ImagesResponse, Error> {
        let request_id = self.meta.request_id.as_deref();
        match self.operation.status {
            AzureOperationStatus::Succeeded => self.operation.result.ok_or_else(|| {
                let err = Error::decode("the succeeded batch image operation has no result");
                match request_id {
                    Some(id) => err.with_request_id(id),
                    None => err,
                }
            }),
            AzureOperationStatus::Failed => {
                let body = match &self.operation.error {
                    Some(error) => serde_json::json!({ "error": error }),
                    None => serde_json::json!({"error": {
                        "code": "failed",
                        "message": "the batch image operation failed"
                    }}),
                };
                Err(operation_error(&body, request_id))
            }
            AzureOperationStatus::Canceled => Err(operation_error(
                &serde_json::json!({"error": {
                    "code": "canceled",
                    "message": "the batch image operation was canceled"
                }}),
                request_id,
            )),
            _ => Err(Error::invalid_request(
                "the batch image operation is still running; poll it first",
            )),
        }
    }
}

/// An API error (without HTTP status) carrying the operation's `error.code`/`error.message`.
fn operation_error(body: &serde_json::Value, request_id: Option<&str>) -> Error {
    let bytes = serde_json::to_vec(body).unwrap_or_default();
    Error::from_operation_error(&bytes, request_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_ids_are_escaped() {
        assert_eq!(
            OperationRoute::from_id("abc-1/../x").unwrap().path,
            "/operations/images/abc-1%2F..%2Fx"
        );
        assert!(OperationRoute::from_id("..").is_err());
        assert!(OperationRoute::from_id("").is_err());
    }

    #[test]
    fn operation_location_on_the_resource_is_followed() {
        let http = HttpClient::builder()
            .endpoint(
                core_http::Endpoint::azure("https://r.openai.azure.com", "2023-06-01-preview")
                    .unwrap(),
            )
            .build()
            .unwrap();
        let route = OperationRoute::from_location(
            "https://R.openai.azure.com/openai/operations/images/op1?api-version=2023-06-01-preview",
            &http,
        );
        assert_eq!(route.unwrap().path, "/operations/images/op1");
        assert!(
            OperationRoute::from_location(
                "https://evil.example/openai/operations/images/op1",
                &http
            )
            .is_none()
        );
    }
}
