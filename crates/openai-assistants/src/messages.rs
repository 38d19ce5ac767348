//! [`Messages`]: the messages of a thread (plus the v1 message files).

use crate::ctx::handle_methods;
use core_http::Error;
use core_http::kit::Call;
use openai_types::messages::{
    CreateMessageRequest, Message, MessageFile, MessageListParams, ModifyMessageRequest,
};
use openai_types::shared::{DeletionStatus, ListPage, ListParams};

use crate::ctx::Ctx;
use crate::pagination::{ItemStream, paginate};
use core_http::kit::path_segment;

const V1_FILES_REPLACEMENT: &str =
    "`attachments` on the message (file id plus the tools that may read it)";

/// The `/threads/{thread_id}/messages` resource. Every method takes the thread id first.
///
/// `list` and `list_all` take [`ListParams`] or, to filter, [`MessageListParams`]
/// (`MessageListParams::new().run_id(run_id)`: only the messages of one run, on every page).
///
/// ```no_run
/// # async fn demo(http: &core_http::HttpClient) -> Result<(), core_http::Error> {
/// use openai_assistants::Messages;
/// use openai_types::messages::CreateMessageRequest;
/// use openai_types::shared::{ListParams, SortOrder};
///
/// let messages = Messages::new(http);
/// messages.create("thread_abc", &CreateMessageRequest::user("What's the weather in Paris?")).await?;
/// let page = messages.list("thread_abc", &ListParams::new().order(SortOrder::Asc)).await?;
/// for message in &page.data {
///     println!("{}: {}", message.role, message.text());
/// }
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Messages<'c> {
    ctx: Ctx<'c>,
}

handle_methods!(Messages);

impl<'c> Messages<'c> {
    /// `POST /threads/{thread_id}/messages`: content as a string or parts, with attachments
    ///.
    pub fn create(&self, thread_id: &str, request: &CreateMessageRequest) -> Call<Message> {
        Call::try_build(|| {
            let path = messages_path(thread_id)?;
            Ok(self.ctx.post(&path, "threads.messages.create", request))
        })
    }

    /// `GET /threads/{thread_id}/messages/{message_id}`.
    pub fn retrieve(&self, thread_id: &str, message_id: &str) -> Call<Message> {
        Call::try_build(|| {
            let path = message_path(thread_id, message_id)?;
            Ok(self.ctx.get(&path, "threads.messages.retrieve"))
        })
    }

    /// `POST /threads/{thread_id}/messages/{message_id}`.
    pub fn update(
        &self,
        thread_id: &str,
        message_id: &str,
        request: &ModifyMessageRequest,
    ) -> Call<Message> {
        Call::try_build(|| {
            let path = message_path(thread_id, message_id)?;
            Ok(self.ctx.post(&path, "threads.messages.update", request))
        })
    }

    /// `DELETE /threads/{thread_id}/messages/{message_id}` (v2 only).
    pub fn delete(&self, thread_id: &str, message_id: &str) -> Call<DeletionStatus> {
        Call::try_build(|| {
            let path = message_path(thread_id, message_id)?;
            Ok(self.ctx.delete(&path, "threads.messages.delete"))
        })
    }

    /// `GET /threads/{thread_id}/messages`: one page. `params` is a [`ListParams`] or a
    /// [`MessageListParams`] (with the `run_id` filter), by reference.
    pub fn list<P: Clone + Into<MessageListParams>>(
        &self,
        thread_id: &str,
        params: &P,
    ) -> Call<ListPage<Message>> {
        let params: MessageListParams = params.clone().into();
        Call::try_build(|| {
            let path = messages_path(thread_id)?;
            Ok(self
                .ctx
                .get_query(&path, "threads.messages.list", params.to_query()))
        })
    }

    /// Every message of a thread, page by page (see [`ItemStream`]).
    pub fn list_all<P: Clone + Into<MessageListParams>>(
        &self,
        thread_id: &str,
        params: &P,
    ) -> ItemStream<'c, Message> {
        paginate(
            self.ctx.clone(),
            messages_path(thread_id),
            "threads.messages.list",
            params.clone().into(),
        )
    }

    /// v1 only: `GET /threads/{thread_id}/messages/{message_id}/files`, one page. In v2 this returns an `InvalidRequest` error without sending
    /// anything: v2 messages carry `attachments` instead.
    pub fn list_files(
        &self,
        thread_id: &str,
        message_id: &str,
        params: &ListParams,
    ) -> Call<ListPage<MessageFile>> {
        Call::try_build(|| {
            self.ctx
                .require_v1("threads.messages.files.list", V1_FILES_REPLACEMENT)?;
            let path = format!("{}/files", message_path(thread_id, message_id)?);
            Ok(self
                .ctx
                .get_query(&path, "threads.messages.files.list", params.to_query()))
        })
    }

    /// v1 only: every file of a message, page by page.
    pub fn list_files_all(
        &self,
        thread_id: &str,
        message_id: &str,
        params: ListParams,
    ) -> ItemStream<'c, MessageFile> {
        let path = self
            .ctx
            .require_v1("threads.messages.files.list", V1_FILES_REPLACEMENT)
            .and_then(|()| Ok(format!("{}/files", message_path(thread_id, message_id)?)));
        paginate(
            self.ctx.clone(),
            path,
            "threads.messages.files.list",
            params,
        )
    }

    /// v1 only: `GET /threads/{thread_id}/messages/{message_id}/files/{file_id}`.
    pub fn retrieve_file(
        &self,
        thread_id: &str,
        message_id: &str,
        file_id: &str,
    ) -> Call<MessageFile> {
        Call::try_build(|| {
            self.ctx
                .require_v1("threads.messages.files.retrieve", V1_FILES_REPLACEMENT)?;
            let path = format!(
                "{}/files/{}",
                message_path(thread_id, message_id)?,
                path_segment(file_id, "file_id")?
            );
            Ok(self.ctx.get(&path, "threads.messages.files.retrieve"))
        })
    }
}

fn messages_path(thread_id: &str) -> Result<String, Error> {
    Ok(format!(
        "/threads/{}/messages",
        path_segment(thread_id, "thread_id")?
    ))
}

fn message_path(thread_id: &str, message_id: &str) -> Result<String, Error> {
    Ok(format!(
        "{}/{}",
        messages_path(thread_id)?,
        path_segment(message_id, "message_id")?
    ))
}
