//! [`Handle`]: what every resource handle (`client.chat()`, `client.files()`, …) is made of.

use http::Method;

use crate::client::HttpClient;
use crate::endpoint::Scope;
use crate::options::RequestOptions;
use crate::request::RequestBuilder;

/// The client a resource handle sends through and the options of that handle.
///
/// Options compose the same way for every handle: the client's settings, then the handle's
/// options ([`with_options`](Self::with_options), which merges — later settings win, headers,
/// query pairs and extra body fields add up), then a call's own options. Service crates wrap
/// it with [`resource_handle!`](crate::resource_handle) so every handle has the same methods.
#[derive(Clone, Debug)]
pub struct Handle<'c> {
    http: &'c HttpClient,
    options: RequestOptions,
}

impl<'c> Handle<'c> {
    /// A handle on `http` with no options of its own.
    pub fn new(http: &'c HttpClient) -> Self {
        Handle {
            http,
            options: RequestOptions::default(),
        }
    }

    /// Layers `options` over the handle's own (later settings win; lists add up).
    pub fn with_options(mut self, options: &RequestOptions) -> Self {
        self.options = std::mem::take(&mut self.options).merge(options);
        self
    }

    /// The HTTP client.
    pub fn http(&self) -> &'c HttpClient {
        self.http
    }

    /// The handle's options.
    pub fn options(&self) -> &RequestOptions {
        &self.options
    }

    /// Starts a request with the handle's options applied and the operation named for
    /// tracing.
    pub fn request(
        &self,
        method: Method,
        path: &str,
        scope: Scope<'_>,
        operation: &'static str,
    ) -> RequestBuilder {
        self.http
            .request(method, path, scope)
            .operation(operation)
            .options(&self.options)
    }
}

/// Gives a resource handle type (a struct with a `handle: Handle<'c>` field) the methods every
/// handle has: `new(&http)`, `with_options`, `http()` and `options()`.
///
/// `resource_handle!(Chat)` also writes `from_handle` for a struct whose only field is
/// `handle`; `resource_handle!(Runs, custom)` expects the type to define
/// `fn from_handle(handle: Handle<'c>) -> Self` itself.
#[doc(hidden)]
#[macro_export]
macro_rules! resource_handle {
    ($name:ident) => {
        impl<'c> $name<'c> {
            pub(crate) fn from_handle(handle: $crate::kit::Handle<'c>) -> Self {
                $name { handle }
            }
        }
        $crate::resource_handle!($name, custom);
    };
    ($name:ident, custom) => {
        impl<'c> $name<'c> {
            /// A handle on `http` with no options of its own.
            pub fn new(http: &'c $crate::HttpClient) -> Self {
                Self::from_handle($crate::kit::Handle::new(http))
            }

            /// The same handle with `options` layered over its own for every call made
            /// through it (later settings win; headers, query pairs and extra body fields add
            /// up). A call's own options layer over these.
            #[must_use]
            pub fn with_options(mut self, options: $crate::RequestOptions) -> Self {
                self.handle = self.handle.with_options(&options);
                self
            }

            /// The HTTP client this handle sends through.
            pub fn http(&self) -> &'c $crate::HttpClient {
                self.handle.http()
            }

            /// The options of this handle.
            pub fn options(&self) -> &$crate::RequestOptions {
                self.handle.options()
            }
        }
    };
}
