//! Types shared by several APIs: token usage, the error object, metadata maps and Azure content
//! filter annotations.

pub mod base64;
pub mod content_filter;
pub mod error;
pub mod list;
pub mod metadata;
pub(crate) mod object_name;
pub mod usage;

pub use content_filter::{
    ContentFilterCitation, ContentFilterDetectedResult, ContentFilterDetectedWithCitationResult,
    ContentFilterError, ContentFilterResults, ContentFilterSeverity, ContentFilterSeverityResult,
    CustomBlocklistDetail, CustomBlocklistResults, PromptFilterResult,
};
pub use error::{ErrorCode, ErrorObject, ErrorResponse, InnerError, InnerErrorCode};
pub use list::{DeletionStatus, ListItem, ListPage, ListParams, SortOrder};
pub use metadata::Metadata;
pub use usage::{CompletionTokensDetails, CompletionUsage, PromptTokensDetails};
