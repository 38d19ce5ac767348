//! What every handle shares: the client, the handle's options and the API version, plus the one
//! place that builds a request (resource scope, beta header, options).

use core_http::http::Method;
use core_http::kit::{Call, Handle};
use core_http::{Error, HttpClient, RequestBuilder, RequestOptions, Scope};
use serde::de::DeserializeOwned;

use crate::AssistantsApiVersion;

/// The constructor and the two option setters every resource handle has, written once.
macro_rules! handle_methods {
    ($name:ident) => {
        impl<'c> $name<'c> {
            /// A handle on `http` (Assistants v2, no extra options).
            pub fn new(http: &'c core_http::HttpClient) -> Self {
                Self::from_ctx($crate::ctx::Ctx::new(http))
            }

            pub(crate) fn from_ctx(ctx: $crate::ctx::Ctx<'c>) -> Self {
                $name { ctx }
            }

            /// The same handle with `options` layered over its own, for the calls made through it.
            pub fn with_options(mut self, options: core_http::RequestOptions) -> Self {
                self.ctx.merge_options(&options);
                self
            }

            /// Selects the Assistants API version sent in `OpenAI-Beta`.
            pub fn api_version(mut self, version: $crate::AssistantsApiVersion) -> Self {
                self.ctx.version = version;
                self
            }
        }
    };
}
pub(crate) use handle_methods;

/// The header that selects the Assistants API version.
pub(crate) const OPENAI_BETA: &str = "OpenAI-Beta";

#[derive(Clone, Debug)]
pub(crate) struct Ctx<'c> {
    pub(crate) handle: Handle<'c>,
    pub(crate) version: AssistantsApiVersion,
}

impl<'c> Ctx<'c> {
    pub(crate) fn new(http: &'c HttpClient) -> Self {
        Ctx {
            handle: Handle::new(http),
            version: AssistantsApiVersion::default(),
        }
    }

    pub(crate) fn http(&self) -> &'c HttpClient {
        self.handle.http()
    }

    pub(crate) fn options(&self) -> &RequestOptions {
        self.handle.options()
    }

    /// Layers `options` over the current ones (later settings win, lists append).
    pub(crate) fn merge_options(&mut self, options: &RequestOptions) {
        self.handle = self.handle.clone().with_options(options);
    }

    /// Every Assistants request starts here: resource scope (on Azure
    /// `{endpoint}/openai/<path>?api-version=…`, never under a deployment), the operation name
    /// for tracing, the beta header, then the caller's options — whose headers are applied after
    /// ours, so a caller's own `OpenAI-Beta` wins.
    pub(crate) fn request(
        &self,
        method: Method,
        path: &str,
        operation: &'static str,
    ) -> RequestBuilder {
        self.handle
            .request(method, path, Scope::Resource, operation)
            .header(OPENAI_BETA, self.version.beta_header_value())
    }

    pub(crate) fn get<T: DeserializeOwned>(&self, path: &str, operation: &'static str) -> Call<T> {
        Call::json(self.request(Method::GET, path, operation))
    }

    pub(crate) fn get_query<T: DeserializeOwned>(
        &self,
        path: &str,
        operation: &'static str,
        query: Vec<(&'static str, String)>,
    ) -> Call<T> {
        let mut builder = self.request(Method::GET, path, operation);
        for (key, value) in query {
            builder = builder.query(key, value);
        }
        Call::json(builder)
    }

    pub(crate) fn post<B: serde::Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        path: &str,
        operation: &'static str,
        body: &B,
    ) -> Call<T> {
        Call::json(self.request(Method::POST, path, operation).json(body))
    }

    pub(crate) fn post_empty<T: DeserializeOwned>(
        &self,
        path: &str,
        operation: &'static str,
    ) -> Call<T> {
        Call::json(self.request(Method::POST, path, operation))
    }

    pub(crate) fn delete<T: DeserializeOwned>(
        &self,
        path: &str,
        operation: &'static str,
    ) -> Call<T> {
        Call::json(self.request(Method::DELETE, path, operation))
    }

    /// The version the server will see: the caller's own `OpenAI-Beta` header (in the handle's
    /// options) decides when present, else the handle's setting.
    pub(crate) fn effective_version(&self) -> AssistantsApiVersion {
        let own = self
            .options()
            .headers
            .iter()
            .rev()
            .find(|(name, _)| name.eq_ignore_ascii_case(OPENAI_BETA));
        match own {
            Some((_, value)) if value.contains("assistants=v1") => AssistantsApiVersion::V1,
            Some((_, value)) if value.contains("assistants=v2") => AssistantsApiVersion::V2,
            _ => self.version,
        }
    }

    /// Refuses a v1-only operation when the handle speaks v2, naming what replaced it.
    pub(crate) fn require_v1(
        &self,
        operation: &'static str,
        replacement: &'static str,
    ) -> Result<(), Error> {
        if self.effective_version() == AssistantsApiVersion::V1 {
            return Ok(());
        }
        Err(Error::invalid_request(format!(
            "`{operation}` is an Assistants v1 operation and this handle speaks v2 \
             (OpenAI-Beta: assistants=v2): v2 replaced it with {replacement}. Select \
             AssistantsApiVersion::V1 with `.api_version(..)` to call it against a service \
             that still serves v1."
        )))
    }
}
