//! Models: `GET /models`, `GET /models/{model}`, `DELETE /models/{model}`.

use serde::{Deserialize, Serialize};

/// A model the caller can use.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Model {
    /// Model id, as passed in requests.
    #[serde(default)]
    pub id: String,
    /// `model`.
    #[serde(default)]
    pub object: String,
    /// Unix seconds.
    #[serde(default)]
    pub created: u64,
    /// Owning organization.
    #[serde(default)]
    pub owned_by: String,
    /// Date (`YYYY-MM-DD`) after which the model stops working, if scheduled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shutdown_date: Option<String>,
}

/// The response of `GET /models` (not paginated).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ModelList {
    /// `list`.
    #[serde(default)]
    pub object: String,
    /// The models.
    #[serde(default)]
    pub data: Vec<Model>,
}

/// The response of `DELETE /models/{model}` (fine-tuned models).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ModelDeleted {
    /// The deleted model.
    #[serde(default)]
    pub id: String,
    /// `model`.
    #[serde(default)]
    pub object: String,
    /// Whether it was deleted.
    #[serde(default)]
    pub deleted: bool,
}
