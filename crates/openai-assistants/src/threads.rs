//! [`Threads`]: create, retrieve, update and delete threads; create a thread and run it.

use crate::ctx::handle_methods;
use core_http::Error;
use core_http::kit::Call;
use openai_types::runs::Run;
use openai_types::shared::DeletionStatus;
use openai_types::threads::{
    CreateThreadAndRunRequest, CreateThreadRequest, ModifyThreadRequest, Thread,
};

use crate::ctx::Ctx;
use crate::runs::Runs;
use crate::stream::AssistantEventStream;
use core_http::kit::PollOptions;
use core_http::kit::path_segment;

/// The `/threads` resource.
///
/// ```no_run
/// # async fn demo(http: &core_http::HttpClient) -> Result<(), core_http::Error> {
/// use openai_assistants::Threads;
/// use openai_types::messages::CreateMessageRequest;
/// use openai_types::threads::CreateThreadRequest;
///
/// let thread = Threads::new(http)
///     .create(&CreateThreadRequest::new().messages(vec![CreateMessageRequest::user("Hi!")]))
///     .await?;
/// println!("thread {}", thread.id);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Threads<'c> {
    ctx: Ctx<'c>,
}

handle_methods!(Threads);

impl<'c> Threads<'c> {
    /// `POST /threads`, optionally with initial messages, tool resources and metadata.
    pub fn create(&self, request: &CreateThreadRequest) -> Call<Thread> {
        self.ctx.post("/threads", "threads.create", request)
    }

    /// `GET /threads/{thread_id}`.
    pub fn retrieve(&self, thread_id: &str) -> Call<Thread> {
        Call::try_build(|| {
            let path = format!("/threads/{}", path_segment(thread_id, "thread_id")?);
            Ok(self.ctx.get(&path, "threads.retrieve"))
        })
    }

    /// `POST /threads/{thread_id}`.
    pub fn update(&self, thread_id: &str, request: &ModifyThreadRequest) -> Call<Thread> {
        Call::try_build(|| {
            let path = format!("/threads/{}", path_segment(thread_id, "thread_id")?);
            Ok(self.ctx.post(&path, "threads.update", request))
        })
    }

    /// `DELETE /threads/{thread_id}`.
    pub fn delete(&self, thread_id: &str) -> Call<DeletionStatus> {
        Call::try_build(|| {
            let path = format!("/threads/{}", path_segment(thread_id, "thread_id")?);
            Ok(self.ctx.delete(&path, "threads.delete"))
        })
    }

    /// `POST /threads/runs`; same as
    /// [`Runs::create_thread_and_run`].
    pub async fn create_and_run(&self, request: &CreateThreadAndRunRequest) -> Result<Run, Error> {
        self.runs().create_thread_and_run(request).await
    }

    /// `POST /threads/runs` streamed; same as [`Runs::create_thread_and_run_stream`].
    pub async fn create_and_run_stream(
        &self,
        request: &CreateThreadAndRunRequest,
    ) -> Result<AssistantEventStream, Error> {
        self.runs().create_thread_and_run_stream(request).await
    }

    /// Creates a thread and run, then polls the run; same as
    /// [`Runs::create_thread_and_run_poll`].
    pub async fn create_and_run_poll(
        &self,
        request: &CreateThreadAndRunRequest,
        poll: &PollOptions,
    ) -> Result<Run, Error> {
        self.runs().create_thread_and_run_poll(request, poll).await
    }

    fn runs(&self) -> Runs<'c> {
        Runs::from_ctx(self.ctx.clone())
    }
}
