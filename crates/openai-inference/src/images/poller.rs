//! [`ImageGenerationPoller`]: Azure's DALL-E 2 batch image operation (behaviors §8, §12 items
//! 68-70).

use std::time::Duration;

use core_http::http::HeaderMap;
use core_http::{Error, HttpClient, RequestOptions, ResponseMeta, Scope, TimeoutKind};
use openai_types::images::{AzureImageOperation, AzureOperationStatus, ImagesResponse};
use tokio::time::Instant;

/// Polls an Azure batch image operation until it succeeds, fails or is canceled.
///
/// Between polls it waits for the service's `retry-after` (or `retry-after-ms`) when the last
/// response had one, else for [`interval`](Self::interval) (default 2 s, the Azure JS
/// core-lro default that `@azure/openai` used; Go azcore uses 30 s, legacy openai-python 10 s).
/// It gives up after [`timeout`](Self::timeout) (default 600 s, legacy openai-python's limit)
/// with `ErrorKind::Timeout(TimeoutKind::Total)`.
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
    http: &'c HttpClient,
    options: RequestOptions,
    route: OperationRoute,
    operation: AzureImageOperation,
    retry_after: Option<Duration>,
    request_id: Option<String>,
    interval: Duration,
    timeout: Duration,
}

/// Where the status of an operation is read, relative to `{endpoint}/openai`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct OperationRoute {
    path: String,
}

impl OperationRoute {
    pub(crate) fn from_id(id: &str) -> Self {
        let mut path = String::from("/operations/images/");
        for byte in id.bytes() {
            if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
                path.push(char::from(byte));
            } else {
                path.push_str(&format!("%{byte:02X}"));
            }
        }
        OperationRoute { path }
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
        if rest.is_empty() {
            return None;
        }
        Some(OperationRoute {
            path: format!("/{rest}"),
        })
    }
}

/// `GET` the operation once.
pub(crate) async fn fetch_status(
    http: &HttpClient,
    options: &RequestOptions,
    route: &OperationRoute,
) -> Result<(AzureImageOperation, ResponseMeta), Error> {
    if !http.endpoint().is_azure() || http.endpoint().is_azure_v1() {
        return Err(Error::invalid_request(
            "batch image generation is an Azure OpenAI (dated API) operation",
        ));
    }
    http.get(&route.path, Scope::Resource)
        .operation("images.batch_generation_status")
        .options(options)
        .send_json_with_meta::<AzureImageOperation>()
        .await
}

/// The delay a response asks for: `retry-after-ms`, else `retry-after` in (possibly
/// fractional) seconds. An HTTP-date `retry-after` is ignored (the interval applies).
fn server_delay(headers: &HeaderMap) -> Option<Duration> {
    let read = |name: &str| headers.get(name)?.to_str().ok()?.trim().parse::<f64>().ok();
    let seconds = read("retry-after-ms")
        .map(|ms| ms / 1000.0)
        .or_else(|| read("retry-after"))?;
    if seconds.is_finite() && seconds > 0.0 {
        Duration::try_from_secs_f64(seconds).ok()
    } else {
        None
    }
}

impl<'c> ImageGenerationPoller<'c> {
    /// Default wait between polls when the service sends no `retry-after`.
    pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(2);
    /// Default limit for [`poll_until_done`](Self::poll_until_done).
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(600);

    pub(crate) fn from_submit(
        http: &'c HttpClient,
        options: RequestOptions,
        operation: AzureImageOperation,
        meta: &ResponseMeta,
    ) -> Result<Self, Error> {
        let location = meta
            .headers
            .get("operation-location")
            .and_then(|v| v.to_str().ok());
        let route = match location.and_then(|l| OperationRoute::from_location(l, http)) {
            Some(route) => route,
            None if !operation.id.is_empty() => OperationRoute::from_id(&operation.id),
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
            http,
            options,
            route,
            operation,
            retry_after: server_delay(&meta.headers),
            request_id: meta.request_id.clone(),
            interval: Self::DEFAULT_INTERVAL,
            timeout: Self::DEFAULT_TIMEOUT,
        })
    }

    /// Sets the wait between polls used when the service sends no `retry-after`.
    pub fn interval(mut self, interval: Duration) -> Self {
        self.interval = interval;
        self
    }

    /// Sets the total time [`poll_until_done`](Self::poll_until_done) may take.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
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

    /// Whether the last status is terminal (`succeeded`, `failed`, `canceled`).
    pub fn is_done(&self) -> bool {
        self.operation.status.is_terminal()
    }

    /// The delay the last response asked for, if any.
    pub fn server_retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// Reads the operation's state once (no waiting).
    pub async fn poll_once(&mut self) -> Result<&AzureImageOperation, Error> {
        let (operation, meta) = fetch_status(self.http, &self.options, &self.route).await?;
        self.retry_after = server_delay(&meta.headers);
        self.request_id = meta.request_id;
        self.operation = operation;
        Ok(&self.operation)
    }

    /// Polls until the operation is terminal and returns its images.
    ///
    /// Errors: `failed` (e.g. a filtered prompt) and `canceled` become `ErrorKind::Api`
    /// carrying the operation's `error.code` and `error.message` (`contentFilter`, ...);
    /// the time limit becomes `Timeout(TimeoutKind::Total)`; poll failures are returned as is.
    pub async fn poll_until_done(mut self) -> Result<ImagesResponse, Error> {
        let deadline = Instant::now() + self.timeout;
        while !self.is_done() {
            let wait = self.retry_after.unwrap_or(self.interval);
            if Instant::now() + wait >= deadline {
                tokio::time::sleep_until(deadline).await;
                return Err(self.timed_out());
            }
            tokio::time::sleep(wait).await;
            match tokio::time::timeout_at(deadline, self.poll_once()).await {
                Ok(polled) => {
                    polled?;
                }
                Err(_) => return Err(self.timed_out()),
            }
        }
        self.into_result()
    }

    fn timed_out(&self) -> Error {
        let err = Error::timeout_after(TimeoutKind::Total, self.timeout);
        match &self.request_id {
            Some(id) => err.with_request_id(id.clone()),
            None => err,
        }
    }

    /// The outcome of a terminal operation: its images, or the error it failed with. A
    /// non-terminal operation is an `InvalidRequest` error (poll first).
    pub fn into_result(self) -> Result<ImagesResponse, Error> {
        let request_id = self.request_id.as_deref();
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
    use core_http::http::HeaderValue;

    #[test]
    fn server_delay_reads_ms_then_seconds() {
        let mut h = HeaderMap::new();
        assert_eq!(server_delay(&h), None);
        h.insert("retry-after", HeaderValue::from_static("3"));
        assert_eq!(server_delay(&h), Some(Duration::from_secs(3)));
        h.insert("retry-after-ms", HeaderValue::from_static("1500"));
        assert_eq!(server_delay(&h), Some(Duration::from_millis(1500)));
        h.insert("retry-after-ms", HeaderValue::from_static("-1"));
        assert_eq!(server_delay(&h), None);
    }

    #[test]
    fn operation_ids_are_escaped() {
        assert_eq!(
            OperationRoute::from_id("abc-1/../x").path,
            "/operations/images/abc-1%2F..%2Fx"
        );
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
