package dev.databricksmcp.server.tools.jobs;

import static dev.databricksmcp.server.tools.jobs.RunParams.CHANGE_WAIT_SECONDS;
import static dev.databricksmcp.server.tools.jobs.RunParams.JOB_ID;
import static dev.databricksmcp.server.tools.jobs.RunParams.RUN_ID;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.jobs.BaseRun;
import com.databricks.sdk.service.jobs.CancelAllRuns;
import com.databricks.sdk.service.jobs.CancelRun;
import com.databricks.sdk.service.jobs.DeleteRun;
import com.databricks.sdk.service.jobs.ListRunsRequest;
import com.databricks.sdk.service.jobs.Run;
import dev.databricksmcp.server.core.ConfirmationTarget;
import dev.databricksmcp.server.core.Counted;
import dev.databricksmcp.server.core.ErrorMapper;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.patterns.Deletion;
import dev.databricksmcp.server.core.wait.Waited;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Acting on runs: cancel one, cancel all of a job's, delete one. Repair: {@link RepairTool}. */
final class RunControlTools {
  /** Active runs of a job read to count them before cancel_all_runs; more are cut off here. */
  private static final int MAX_COUNTED = 1_000;

  private RunControlTools() {}

  static List<ToolDef> definitions() {
    return List.of(cancel(), cancelAll(), RepairTool.repair(), delete());
  }

  static ToolDef cancel() {
    return ToolDef.builder(JobsToolset.ID, "cancel_run")
        .title("Cancel run")
        .description(
            CHANGE_WAIT_SECONDS.fill(
                "Cancel a queued or running job run (its running tasks are stopped, the rest"
                    + " skipped) and wait up to wait_seconds (default {default}) for it to end;"
                    + " answers the state reached. A run that already ended is left as it is."))
        .input(Schema.of(RUN_ID, CHANGE_WAIT_SECONDS))
        .hints(ToolHints.write(true))
        .checkWith("get_job_run")
        .handler(
            (args, ctx) -> {
              WorkspaceClient w = ctx.workspace();
              long id = RUN_ID.of(args);
              Run before = RunCalls.get(w, id);
              if (RunRows.ended(before)) {
                return ToolResult.of(
                    RunRows.detail(before),
                    "Run "
                        + id
                        + " had already ended "
                        + RunRows.state(before)
                        + "; nothing to cancel.");
              }
              w.jobs().impl().cancelRun(new CancelRun().setRunId(id));
              ctx.track(RunCalls.handle(id));
              return afterChange(
                  w, id, Duration.ofSeconds(CHANGE_WAIT_SECONDS.of(args)), ctx, "cancel run " + id);
            })
        .build();
  }

  /**
   * The answer after a change Databricks accepted: the run once it ended or the wait is over, and
   * what to do next; a failed read says the change was asked for and the state is unknown.
   */
  static ToolResult afterChange(
      WorkspaceClient w, long id, Duration wait, ToolContext ctx, String asked)
      throws InterruptedException {
    Waited<Run> waited = RunCalls.awaitEnd(w, id, wait, ctx);
    if (waited.outcome() == Waited.Outcome.POLL_FAILED) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("run_id", id);
      data.put("state", "UNKNOWN");
      ErrorMapper.MappedError why = ErrorMapper.map(waited.failure());
      data.put("status_error", Map.of("error_code", why.code().name(), "message", why.message()));
      return ToolResult.of(
          data,
          "Asked to "
              + asked
              + ", but reading its state failed ("
              + why.code()
              + "). Check with get_job_run with run_id="
              + id
              + " before trying again.");
    }
    Run run = waited.last();
    String now =
        RunRows.ended(run)
            ? "it ended " + RunRows.state(run) + "."
            : "it is "
                + RunCalls.progress(run)
                + "; call get_job_run with run_id="
                + id
                + " and wait_seconds to wait for its end.";
    return ToolResult.of(RunRows.detail(run), "Asked to " + asked + ": " + now);
  }

  static ToolDef cancelAll() {
    return ToolDef.builder(JobsToolset.ID, "cancel_all_runs")
        .title("Cancel all runs of a job")
        .description(
            "Cancel every active (queued, pending or running) run of a job; says how many were"
                + " active, with their run ids. Does not wait: list_job_runs with active_only shows"
                + " what is left.")
        .input(Schema.of(JOB_ID.required()))
        .hints(ToolHints.write(true))
        .checkWith("list_job_runs")
        .handler(
            (args, ctx) -> {
              WorkspaceClient w = ctx.workspace();
              long job = JobCalls.resolve(w, JOB_ID.name(), JOB_ID.required().of(args));
              List<Long> active = new ArrayList<>();
              for (BaseRun r :
                  w.jobs().listRuns(new ListRunsRequest().setJobId(job).setActiveOnly(true))) {
                active.add(r.getRunId());
                if (active.size() >= MAX_COUNTED) {
                  break;
                }
              }
              w.jobs().impl().cancelAllRuns(new CancelAllRuns().setJobId(job));
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("job_id", job);
              data.put("active_runs", active.size());
              data.put("run_ids", active);
              return ToolResult.of(
                  data,
                  "Asked Databricks to cancel every active run of job "
                      + job
                      + ": "
                      + Counted.of(active.size(), "run was", "runs were")
                      + " active"
                      + (active.isEmpty() ? "." : " " + active + ".")
                      + " list_job_runs with active_only=true shows what is left.");
            })
        .build();
  }

  static ToolDef delete() {
    Deletion<Run> deletion =
        Deletion.of(
            (args, ctx) -> RunCalls.get(ctx.workspace(), RUN_ID.of(args)),
            (r, args, ctx) ->
                ConfirmationTarget.irreversible(
                    "delete run "
                        + r.getRunId()
                        + (r.getRunName() == null ? "" : " '" + r.getRunName() + "'")
                        + " of job "
                        + r.getJobId()
                        + " ("
                        + RunRows.state(r)
                        + ", started "
                        + RunRows.time(r.getStartTime())
                        + "; its output and logs go with it) in "
                        + ctx.workspaceHost(),
                    r.getRunId() + "|" + r.getStartTime()),
            (r, args, ctx) -> {
              ctx.workspace().jobs().impl().deleteRun(new DeleteRun().setRunId(r.getRunId()));
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("run_id", r.getRunId());
              data.put("job_id", r.getJobId());
              data.put("deleted", true);
              return ToolResult.of(data, "Deleted run " + r.getRunId() + ".");
            });
    return ToolDef.builder(JobsToolset.ID, "delete_run")
        .title("Delete run")
        .description(
            "Delete a run that has ended, with its output and logs; it leaves list_job_runs. An"
                + " active run is refused: cancel_run first.")
        .input(Schema.of(RUN_ID))
        .hints(ToolHints.destructive(true))
        .checkWith("list_job_runs")
        .confirmTarget(deletion)
        .handler(deletion)
        .build();
  }
}
