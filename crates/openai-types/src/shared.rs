//! Types shared by several APIs: token usage, the error object, metadata maps and Azure content
//! filter annotations.

pub(crate) mod base64;
mod content_filter;
mod error;
pub(crate) mod list;
mod metadata;
pub(crate) mod object_name;
mod usage;

pub use base64::{Base64Error, decode_base64, encode_base64};
pub use content_filter::{
    ContentFilterCitation, ContentFilterDetectedResult, ContentFilterDetectedWithCitationResult,
    ContentFilterError, ContentFilterResults, ContentFilterSeverity, ContentFilterSeverityResult,
    CustomBlocklistDetail, CustomBlocklistResults, PromptFilterResult,
};
pub use error::{ErrorCode, ErrorObject, ErrorResponse, InnerError, InnerErrorCode};
pub use list::{DeletionStatus, ListItem, ListPage, ListParams, SortOrder};
pub use metadata::Metadata;
pub use usage::{CompletionTokensDetails, CompletionUsage, PromptTokensDetails};
