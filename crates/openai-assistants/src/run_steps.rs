//! [`RunSteps`]: retrieve and list the steps of a run.

use crate::ctx::handle_methods;
use core_http::Error;
use core_http::kit::Call;
use openai_types::run_steps::{RunStep, RunStepListParams};
use openai_types::shared::ListPage;
#[cfg(doc)]
use openai_types::shared::ListParams;

use crate::ctx::Ctx;
use crate::pagination::{ItemStream, paginate};
use core_http::kit::path_segment;

/// The `/threads/{thread_id}/runs/{run_id}/steps` resource.
///
/// `list` and `list_all` take [`ListParams`] or [`RunStepListParams`]; with
/// `RunStepListParams::new().include([RunStepInclude::FileSearchResultContent])` file search
/// results carry their content.
///
/// [`RunStepInclude::FileSearchResultContent`]: openai_types::run_steps::RunStepInclude::FileSearchResultContent
///
/// ```no_run
/// # async fn demo(http: &core_http::HttpClient) -> Result<(), core_http::Error> {
/// use openai_assistants::RunSteps;
/// use openai_types::shared::ListParams;
///
/// let steps = RunSteps::new(http).list_all("thread_abc", "run_abc", &ListParams::new()).try_collect().await?;
/// for step in steps {
///     println!("{} {}", step.id, step.status);
/// }
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct RunSteps<'c> {
    ctx: Ctx<'c>,
}

handle_methods!(RunSteps);

impl<'c> RunSteps<'c> {
    /// `GET /threads/{thread_id}/runs/{run_id}/steps/{step_id}`.
    pub fn retrieve(&self, thread_id: &str, run_id: &str, step_id: &str) -> Call<RunStep> {
        Call::try_build(|| {
            let path = format!(
                "{}/{}",
                steps_path(thread_id, run_id)?,
                path_segment(step_id, "step_id")?
            );
            Ok(self.ctx.get(&path, "threads.runs.steps.retrieve"))
        })
    }

    /// `GET /threads/{thread_id}/runs/{run_id}/steps`: one page. `params` is a [`ListParams`]
    /// or a [`RunStepListParams`] (with `include[]`), by reference.
    pub fn list<P: Clone + Into<RunStepListParams>>(
        &self,
        thread_id: &str,
        run_id: &str,
        params: &P,
    ) -> Call<ListPage<RunStep>> {
        let params: RunStepListParams = params.clone().into();
        Call::try_build(|| {
            let path = steps_path(thread_id, run_id)?;
            Ok(self
                .ctx
                .get_query(&path, "threads.runs.steps.list", params.to_query()))
        })
    }

    /// Every step of a run, page by page (see [`ItemStream`]).
    pub fn list_all<P: Clone + Into<RunStepListParams>>(
        &self,
        thread_id: &str,
        run_id: &str,
        params: &P,
    ) -> ItemStream<'c, RunStep> {
        paginate(
            self.ctx.clone(),
            steps_path(thread_id, run_id),
            "threads.runs.steps.list",
            params.clone().into(),
        )
    }
}

fn steps_path(thread_id: &str, run_id: &str) -> Result<String, Error> {
    Ok(format!(
        "/threads/{}/runs/{}/steps",
        path_segment(thread_id, "thread_id")?,
        path_segment(run_id, "run_id")?
    ))
}
