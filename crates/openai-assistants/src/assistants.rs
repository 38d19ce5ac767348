//! [`Assistants`]: create, retrieve, update, delete and list assistants (plus the v1 assistant
//! files).

use crate::ctx::handle_methods;

use core_http::kit::Call;
use openai_types::assistants::{
    Assistant, AssistantFile, CreateAssistantFileRequest, CreateAssistantRequest,
    ModifyAssistantRequest,
};
use openai_types::shared::{DeletionStatus, ListPage, ListParams};

use crate::ctx::Ctx;
use crate::pagination::{ItemStream, paginate};
use core_http::kit::path_segment;

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
    /// `POST /assistants`.
    pub fn create(&self, request: &CreateAssistantRequest) -> Call<Assistant> {
        self.ctx.post("/assistants", "assistants.create", request)
    }

    /// `GET /assistants/{assistant_id}`.
    pub fn retrieve(&self, assistant_id: &str) -> Call<Assistant> {
        Call::try_build(|| {
            let path = format!(
                "/assistants/{}",
                path_segment(assistant_id, "assistant_id")?
            );
            Ok(self.ctx.get(&path, "assistants.retrieve"))
        })
    }

    /// `POST /assistants/{assistant_id}`.
    pub fn update(&self, assistant_id: &str, request: &ModifyAssistantRequest) -> Call<Assistant> {
        Call::try_build(|| {
            let path = format!(
                "/assistants/{}",
                path_segment(assistant_id, "assistant_id")?
            );
            Ok(self.ctx.post(&path, "assistants.update", request))
        })
    }

    /// `DELETE /assistants/{assistant_id}`.
    pub fn delete(&self, assistant_id: &str) -> Call<DeletionStatus> {
        Call::try_build(|| {
            let path = format!(
                "/assistants/{}",
                path_segment(assistant_id, "assistant_id")?
            );
            Ok(self.ctx.delete(&path, "assistants.delete"))
        })
    }

    /// `GET /assistants`: one page.
    pub fn list(&self, params: &ListParams) -> Call<ListPage<Assistant>> {
        self.ctx
            .get_query("/assistants", "assistants.list", params.to_query())
    }

    /// Every assistant, following `after` page by page (see [`ItemStream`]).
    pub fn list_all(&self, params: &ListParams) -> ItemStream<'c, Assistant> {
        paginate(
            self.ctx.clone(),
            Ok("/assistants".to_owned()),
            "assistants.list",
            params.clone(),
        )
    }

    /// v1 only: `POST /assistants/{assistant_id}/files`.
    ///
    /// In v2 this returns an `InvalidRequest` error without sending anything: attach files
    /// through the assistant's `tool_resources` instead.
    pub fn create_file(
        &self,
        assistant_id: &str,
        request: &CreateAssistantFileRequest,
    ) -> Call<AssistantFile> {
        Call::try_build(|| {
            self.ctx
                .require_v1("assistants.files.create", V1_FILES_REPLACEMENT)?;
            let path = format!(
                "/assistants/{}/files",
                path_segment(assistant_id, "assistant_id")?
            );
            Ok(self.ctx.post(&path, "assistants.files.create", request))
        })
    }

    /// v1 only: `GET /assistants/{assistant_id}/files/{file_id}`.
    pub fn retrieve_file(&self, assistant_id: &str, file_id: &str) -> Call<AssistantFile> {
        Call::try_build(|| {
            self.ctx
                .require_v1("assistants.files.retrieve", V1_FILES_REPLACEMENT)?;
            let path = format!(
                "/assistants/{}/files/{}",
                path_segment(assistant_id, "assistant_id")?,
                path_segment(file_id, "file_id")?
            );
            Ok(self.ctx.get(&path, "assistants.files.retrieve"))
        })
    }

    /// v1 only: `DELETE /assistants/{assistant_id}/files/{file_id}`. Detaches the file; the file itself is kept.
    pub fn delete_file(&self, assistant_id: &str, file_id: &str) -> Call<DeletionStatus> {
        Call::try_build(|| {
            self.ctx
                .require_v1("assistants.files.delete", V1_FILES_REPLACEMENT)?;
            let path = format!(
                "/assistants/{}/files/{}",
                path_segment(assistant_id, "assistant_id")?,
                path_segment(file_id, "file_id")?
            );
            Ok(self.ctx.delete(&path, "assistants.files.delete"))
        })
    }

    /// v1 only: `GET /assistants/{assistant_id}/files`, one page.
    pub fn list_files(
        &self,
        assistant_id: &str,
        params: &ListParams,
    ) -> Call<ListPage<AssistantFile>> {
        Call::try_build(|| {
            self.ctx
                .require_v1("assistants.files.list", V1_FILES_REPLACEMENT)?;
            let path = format!(
                "/assistants/{}/files",
                path_segment(assistant_id, "assistant_id")?
            );
            Ok(self
                .ctx
                .get_query(&path, "assistants.files.list", params.to_query()))
        })
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
                    path_segment(assistant_id, "assistant_id")?
                ))
            });
        paginate(self.ctx.clone(), path, "assistants.files.list", params)
    }
}
