package dev.databricksmcp.server.tools.jobs;

import static dev.databricksmcp.server.tools.jobs.JobParams.JOB_ID;
import static dev.databricksmcp.server.tools.jobs.JobParams.JOB_PARAMETERS;
import static dev.databricksmcp.server.tools.jobs.JobParams.TIMEOUT_SECONDS;
import static dev.databricksmcp.server.tools.jobs.JobParams.WAIT_SECONDS;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.jobs.JobEnvironment;
import com.databricks.sdk.service.jobs.RunNow;
import com.databricks.sdk.service.jobs.SubmitRun;
import com.databricks.sdk.service.jobs.SubmitTask;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Starting runs: run_job_now and submit_run, each waiting up to wait_seconds (through the one
 * waiter) for the run to end and answering with its {@link JobRunSummary}. Each start carries an
 * idempotency token, so a request the SDK retries never starts a second run.
 */
final class JobRunStartTools {
  private static final Param<String> RUN_NAME =
      Param.string("run_name", "Name of the one-time run (default: submit_run)");

  private JobRunStartTools() {}

  static List<ToolDef> definitions() {
    return List.of(runNow(), submit());
  }

  static ToolDef runNow() {
    return ToolDef.builder(JobsToolset.ID, "run_job_now")
        .title("Run job now")
        .description(
            WAIT_SECONDS.fill(
                "Start a run of a job (by id or exact name), with job_parameters for this run,"
                    + " and wait up to wait_seconds (default {default}) for it to end. Answers the"
                    + " run_id, its state (SUCCESS, FAILED …) and each task's; for a failed run"
                    + " the task that failed first with its error and the tasks skipped because of"
                    + " it. A run still going is followed with get_job_run."))
        .input(Schema.of(JOB_ID, JOB_PARAMETERS, WAIT_SECONDS))
        .hints(ToolHints.write(false))
        .checkWith("get_job_run")
        .handler(
            (args, ctx) -> {
              WorkspaceClient w = ctx.workspace();
              long jobId = JobCalls.resolve(w, JOB_ID.name(), JOB_ID.of(args));
              Map<String, String> params =
                  JOB_PARAMETERS.optional(args).map(JobParams::strings).orElse(null);
              long runId =
                  w.jobs()
                      .impl()
                      .runNow(
                          new RunNow()
                              .setJobId(jobId)
                              .setJobParameters(params)
                              .setIdempotencyToken(UUID.randomUUID().toString()))
                      .getRunId();
              return started(
                  w,
                  runId,
                  Duration.ofSeconds(WAIT_SECONDS.of(args)),
                  ctx,
                  "Started run "
                      + runId
                      + " of job "
                      + jobId
                      + (params == null ? "" : " with " + params));
            })
        .build();
  }

  static ToolDef submit() {
    Schema.ObjectBuilder input =
        Schema.of(RUN_NAME)
            .property(
                JobSpecs.TASKS,
                JobSpecs.tasksSchema(
                    "The tasks of the run, as in create_job (a task key, one task type object"
                        + " as the Jobs API defines it, depends_on, run_if, compute); no job"
                        + " clusters: a task names its cluster or runs serverless"),
                true)
            .property(
                JobSettingsArgs.ENVIRONMENTS,
                JobSpecs.objectsSchema(
                    "Serverless environments the tasks use (environment_key), in the Jobs API's"
                        + " JSON"),
                false)
            .params(TIMEOUT_SECONDS, WAIT_SECONDS);
    return ToolDef.builder(JobsToolset.ID, "submit_run")
        .title("Submit one-time run")
        .description(
            WAIT_SECONDS.fill(
                "Run tasks once without creating a job (same task format as create_job) and wait"
                    + " up to wait_seconds (default {default}) for the run to end; answers as"
                    + " run_job_now does. The run is listed with the workspace's runs, not"
                    + " under a job."))
        .input(input)
        .hints(ToolHints.write(false))
        .checkWith("get_job_run")
        .handler(
            (args, ctx) -> {
              SubmitRun req =
                  new SubmitRun()
                      .setRunName(RUN_NAME.optional(args).orElse("submit_run"))
                      .setTasks(
                          JobSpecs.tasks(
                              JobSpecs.TASKS, args.asMap().get(JobSpecs.TASKS), SubmitTask.class))
                      .setIdempotencyToken(UUID.randomUUID().toString());
              Object environments = args.asMap().get(JobSettingsArgs.ENVIRONMENTS);
              if (environments != null) {
                req.setEnvironments(
                    JobSpecs.objects(
                        JobSettingsArgs.ENVIRONMENTS, environments, JobEnvironment.class));
              }
              TIMEOUT_SECONDS.optional(args).ifPresent(t -> req.setTimeoutSeconds((long) t));
              WorkspaceClient w = ctx.workspace();
              long runId = w.jobs().impl().submit(req).getRunId();
              return started(
                  w,
                  runId,
                  Duration.ofSeconds(WAIT_SECONDS.of(args)),
                  ctx,
                  "Submitted one-time run " + runId);
            })
        .build();
  }

  /** Tracks the run, then waits for its end as the call asks. */
  private static ToolResult started(
      WorkspaceClient w, long runId, Duration wait, ToolContext ctx, String said)
      throws InterruptedException {
    ctx.track(JobRunSummary.handle(runId));
    return JobRunSummary.await(w, runId, wait, ctx, said);
  }
}
