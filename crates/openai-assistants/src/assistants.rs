//! [`Assistants`]: create, retrieve, update, delete and list assistants (plus the v1 assistant
//! files).

use crate::ctx::handle_methods;
use core_http::Error;
use openai_types::assistants::{
    Assistant, AssistantFile, CreateAssistantFileRequest, CreateAssistantRequest,
    ModifyAssistantRequest,
};
use openai_types::shared::{DeletionStatus, ListPage, ListParams};

use crate::ctx::{Ctx, seg};
use crate::pagination::{ItemStream, paginate};

const V1_FILES_REPLACEMENT: &str = "`tool_resources` on the assistant (code_interpreter.file_ids, \
     file_search.vector_store_ids)";

/// The `/assistants` resource.
///
/// Cheap to build and clone; borrows the client. [`with_options`](Self::with_options) gives a
/// handle whose calls carry extra per-call options (timeout, retries, headers, query, body
/// fields).
///
/// ```no_run
/// # async fn demo(http: &core_http::HttpClient) -> Result<(), core_http::Error> {
/// use openai_assistants::Assistants;
/// use openai_types::assistants::{AssistantTool, CreateAssistantRequest, FunctionDefinition};
///
/// let assistant = Assistants::new(http)
///     .create(
///         &CreateAssistantRequest::new("gpt-4o-mini")
///             .name("Weather bot")
///             .tools(vec![AssistantTool::function(FunctionDefinition::new("get_weather"))]),
///     )
///     .await?;
/// println!("created {}", assistant.id);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Assistants<'c> {
    ctx: Ctx<'c>,
}

handle_methods!(Assistants);

impl<'c> Assistants<'c> {
    /// `POST /assistants` (seed: `createAssistant`).
    pub async fn create(&self, request: &CreateAssistantRequest) -> Result<Assistant, Error> {
        self.ctx
            .post("/assistants", "assistants.create", request)
            .await
    }

    /// `GET /assistants/{assistant_id}` (seed: `getAssistant`).
    pub async fn retrieve(&self, assistant_id: &str) -> Result<Assistant, Error> {
        let path = format!("/assistants/{}", seg(assistant_id, "assistant_id")?);
        self.ctx.get(&path, "assistants.retrieve").await
    }

    /// `POST /assistants/{assistant_id}` (seed: `updateAssistant`).
    pub async fn update(
        &self,
        assistant_id: &str,
        request: &ModifyAssistantRequest,
    ) -> Result<Assistant, Error> {
        let path = format!("/assistants/{}", seg(assistant_id, "assistant_id")?);
        self.ctx.post(&path, "assistants.update", request).await
    }

    /// `DELETE /assistants/{assistant_id}` (seed: `deleteAssistant`).
    pub async fn delete(&self, assistant_id: &str) -> Result<DeletionStatus, Error> {
        let path = format!("/assistants/{}", seg(assistant_id, "assistant_id")?);
        self.ctx.delete(&path, "assistants.delete").await
    }

    /// `GET /assistants`: one page (seed: `listAssistants`).
    pub async fn list(&self, params: &ListParams) -> Result<ListPage<Assistant>, Error> {
        self.ctx
            .get_query("/assistants", "assistants.list", params.to_query())
            .await
    }

    /// Every assistant, following `after` page by page (see [`ItemStream`]).
    pub fn list_all(&self, params: ListParams) -> ItemStream<'c, Assistant> {
        paginate(
            self.ctx.clone(),
            Ok("/assistants".to_owned()),
            "assistants.list",
            params,
        )
    }

    /// v1 only: `POST /assistants/{assistant_id}/files` (seed: `createAssistantFile`).
    ///
    /// In v2 this returns an `InvalidRequest` error without sending anything: attach files
    /// through the assistant's `tool_resources` instead.
    pub async fn create_file(
        &self,
        assistant_id: &str,
        request: &CreateAssistantFileRequest,
    ) -> Result<AssistantFile, Error> {
        self.ctx
            .require_v1("assistants.files.create", V1_FILES_REPLACEMENT)?;
        let path = format!("/assistants/{}/files", seg(assistant_id, "assistant_id")?);
        self.ctx
            .post(&path, "assistants.files.create", request)
            .await
    }

    /// v1 only: `GET /assistants/{assistant_id}/files/{file_id}` (seed: `getAssistantFile`).
    pub async fn retrieve_file(
        &self,
        assistant_id: &str,
        file_id: &str,
    ) -> Result<AssistantFile, Error> {
        self.ctx
            .require_v1("assistants.files.retrieve", V1_FILES_REPLACEMENT)?;
        let path = format!(
            "/assistants/{}/files/{}",
            seg(assistant_id, "assistant_id")?,
            seg(file_id, "file_id")?
        );
        self.ctx.get(&path, "assistants.files.retrieve").await
    }

    /// v1 only: `DELETE /assistants/{assistant_id}/files/{file_id}` (seed:
    /// `deleteAssistantFile`). Detaches the file; the file itself is kept.
    pub async fn delete_file(
        &self,
        assistant_id: &str,
        file_id: &str,
    ) -> Result<DeletionStatus, Error> {
        self.ctx
            .require_v1("assistants.files.delete", V1_FILES_REPLACEMENT)?;
        let path = format!(
            "/assistants/{}/files/{}",
            seg(assistant_id, "assistant_id")?,
            seg(file_id, "file_id")?
        );
        self.ctx.delete(&path, "assistants.files.delete").await
    }

    /// v1 only: `GET /assistants/{assistant_id}/files`, one page (seed: `listAssistantFiles`).
    pub async fn list_files(
        &self,
        assistant_id: &str,
        params: &ListParams,
    ) -> Result<ListPage<AssistantFile>, Error> {
        self.ctx
            .require_v1("assistants.files.list", V1_FILES_REPLACEMENT)?;
        let path = format!("/assistants/{}/files", seg(assistant_id, "assistant_id")?);
        self.ctx
            .get_query(&path, "assistants.files.list", params.to_query())
            .await
    }

    /// v1 only: every file of an assistant, page by page. In v2 the stream's first item is the
    /// `InvalidRequest` error.
    pub fn list_files_all(
        &self,
        assistant_id: &str,
        params: ListParams,
    ) -> ItemStream<'c, AssistantFile> {
        let path = self
            .ctx
            .require_v1("assistants.files.list", V1_FILES_REPLACEMENT)
            .and_then(|()| {
                Ok(format!(
                    "/assistants/{}/files",
                    seg(assistant_id, "assistant_id")?
                ))
            });
        paginate(self.ctx.clone(), path, "assistants.files.list", params)
    }
}
