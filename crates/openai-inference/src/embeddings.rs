//! [`Embeddings`]: `POST /embeddings`, with base64 on the wire by default.

use std::future::IntoFuture;

use bytes::Bytes;
use core_http::http::Method;
use core_http::kit::{Call, Handle, refuse_owned_fields, try_join_bounded};
use core_http::telemetry::{GenAiRequest, operation};
use core_http::{Error, ResponseMeta, Scope, decode_json};
use openai_types::embeddings::{
    EmbeddingInput, EmbeddingRequest, EmbeddingResponse, EmbeddingUsage,
};
use serde::Serialize;

use crate::OWNED_FIELDS;

/// Embeddings (`POST /embeddings`; on Azure `/openai/deployments/{model}/embeddings`).
///
/// When the request leaves `encoding_format` unset, the client asks for `base64` (about 4×
/// fewer bytes than JSON floats) and decodes every vector to `f32` exactly, so the result
/// holds [`EmbeddingVector::Float`](openai_types::embeddings::EmbeddingVector::Float) vectors
/// as if floats had been requested (what openai-python and openai-node do)
///. An explicit `encoding_format` is sent and returned as is.
///
/// ```
/// # #![allow(clippy::unwrap_used)]
/// use openai_sdk::embeddings::{EmbeddingRequest, EmbeddingVector};
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), openai_sdk::Error> {
/// # let server = openai_mock::MockServer::start().await;
/// # let client = openai_sdk::Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
/// let request = EmbeddingRequest::new("text-embedding-3-small", "hello").dimensions(8u32);
/// let response = client.embeddings().create(&request).await?;
/// assert!(matches!(&response.data[0].embedding, EmbeddingVector::Float(v) if v.len() == 8));
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Embeddings<'c> {
    handle: Handle<'c>,
}

core_http::resource_handle!(Embeddings);

/// `request`'s fields plus the default `"encoding_format": "base64"`.
#[derive(Serialize)]
struct DefaultBase64<'a> {
    #[serde(flatten)]
    request: &'a EmbeddingRequest,
    encoding_format: &'static str,
}

/// Decodes a response to an implicit-base64 request into float vectors.
fn decode_implicit_base64(bytes: Bytes, meta: &ResponseMeta) -> Result<EmbeddingResponse, Error> {
    let with_id = |err: Error| match &meta.request_id {
        Some(id) => err.with_request_id(id.clone()),
        None => err,
    };
    let mut response: EmbeddingResponse = decode_json(&bytes, meta.request_id.as_deref())?;
    if response.data.is_empty() {
        return Err(with_id(Error::decode("no embedding data received")));
    }
    // Malformed base64 already failed `decode_json`; this only relabels the vectors as floats.
    response.decode_base64();
    Ok(response)
}

impl<'c> Embeddings<'c> {
    /// Embeds `request.input` (`.with_response()` on the returned [`Call`] adds the response
    /// metadata).
    ///
    /// With the implicit base64 format, an answer without any embedding is an error (as in
    /// openai-python: "No embedding data received"), and so is a vector that is not valid
    /// base64 of little-endian `f32`s.
    pub fn create(&self, request: &EmbeddingRequest) -> Call<EmbeddingResponse> {
        if let Err(err) = refuse_owned_fields(&request.extra, OWNED_FIELDS) {
            return Call::fail(err);
        }
        let builder = self
            .handle
            .request(
                Method::POST,
                "/embeddings",
                Scope::Deployment(&request.model),
                "embeddings.create",
            )
            .model(&request.model)
            .gen_ai(GenAiRequest::new(operation::EMBEDDINGS))
            .owns_fields(OWNED_FIELDS);
        // A format given through `extra` is the caller's explicit choice too.
        let call = if request.encoding_format.is_none()
            && !request.extra.contains_key("encoding_format")
        {
            let body = DefaultBase64 {
                request,
                encoding_format: "base64",
            };
            Call::new(builder.json(&body), decode_implicit_base64)
        } else {
            Call::json(builder.json(request))
        };
        call.observe(crate::telemetry::embeddings_response)
    }

    /// Embeds a long list of texts in requests of `batch_size` inputs, at most `concurrency`
    /// of them in flight, and returns one response: embeddings in input order (`index` is the
    /// position in `inputs`), usage summed, `model` from the first batch.
    ///
    /// `template` supplies the model, dimensions, user and encoding format; its `input` is
    /// ignored. The first failing batch fails the call and cancels the others (each batch
    /// is retried by the client as usual first). Batches run in the caller's task — no
    /// spawned task outlives a dropped call.
    ///
    /// ```
    /// # #![allow(clippy::unwrap_used)]
    /// use openai_sdk::embeddings::EmbeddingRequest;
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), openai_sdk::Error> {
    /// # let server = openai_mock::MockServer::start().await;
    /// # let client = openai_sdk::Client::builder().base_url(server.base_url()).api_key("sk-test").build()?;
    /// let texts: Vec<String> = (0..10).map(|i| format!("document {i}")).collect();
    /// let template = EmbeddingRequest::new("text-embedding-3-small", "").dimensions(4u32);
    /// let all = client.embeddings().create_batched(&template, &texts, 3, 2).await?;
    /// assert_eq!(all.data.len(), 10);
    /// assert_eq!(all.data[9].index, 9);
    /// # Ok(()) }
    /// ```
    pub async fn create_batched<S: AsRef<str>>(
        &self,
        template: &EmbeddingRequest,
        inputs: &[S],
        batch_size: usize,
        concurrency: usize,
    ) -> Result<EmbeddingResponse, Error> {
        if batch_size == 0 || concurrency == 0 {
            return Err(Error::invalid_request(
                "batch_size and concurrency must be at least 1",
            ));
        }
        let requests: Vec<EmbeddingRequest> = inputs
            .chunks(batch_size)
            .map(|batch| {
                let mut request = template.clone();
                request.input = EmbeddingInput::from(
                    batch
                        .iter()
                        .map(|s| s.as_ref().to_owned())
                        .collect::<Vec<String>>(),
                );
                request
            })
            .collect();
        let responses = try_join_bounded(
            requests.iter().map(|r| self.create(r).into_future()),
            concurrency,
        )
        .await?;

        let mut merged = EmbeddingResponse::default();
        let mut usage: Option<EmbeddingUsage> = None;
        let mut offset = 0u32;
        for (batch, mut response) in responses.into_iter().enumerate() {
            if batch == 0 {
                merged.object = std::mem::take(&mut response.object);
                merged.model = std::mem::take(&mut response.model);
            }
            if let Some(u) = response.usage.take() {
                let total = usage.get_or_insert_with(EmbeddingUsage::default);
                total.prompt_tokens += u.prompt_tokens;
                total.total_tokens += u.total_tokens;
            }
            let count = batch_len(inputs.len(), batch_size, batch);
            response.data.sort_by_key(|e| e.index);
            for mut item in response.data {
                item.index += offset;
                merged.data.push(item);
            }
            offset += count;
        }
        merged.usage = usage;
        Ok(merged)
    }
}

/// The number of inputs in batch `batch` (the last one may be short).
fn batch_len(total: usize, batch_size: usize, batch: usize) -> u32 {
    let start = batch * batch_size;
    let len = total.saturating_sub(start).min(batch_size);
    u32::try_from(len).unwrap_or(u32::MAX)
}
