package dev.databricksmcp.server.tools.jobs;

import static dev.databricksmcp.server.tools.jobs.RunParams.JOB_ID;
import static dev.databricksmcp.server.tools.jobs.RunParams.RUN_ID;
import static dev.databricksmcp.server.tools.jobs.RunParams.TASK_KEY;
import static dev.databricksmcp.server.tools.jobs.RunParams.WAIT_SECONDS;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.jobs.BaseRun;
import com.databricks.sdk.service.jobs.ExportRunOutput;
import com.databricks.sdk.service.jobs.ExportRunRequest;
import com.databricks.sdk.service.jobs.GetRunOutputRequest;
import com.databricks.sdk.service.jobs.ListRunsRequest;
import com.databricks.sdk.service.jobs.ListRunsResponse;
import com.databricks.sdk.service.jobs.Run;
import com.databricks.sdk.service.jobs.RunOutput;
import com.databricks.sdk.service.jobs.ViewItem;
import com.databricks.sdk.service.jobs.ViewsToExport;
import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.Counted;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Params;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.TextCaps;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.patterns.Listing;
import dev.databricksmcp.server.core.wait.Waited;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading runs: list them, get one (waiting for its end, a failure explained), output, export. */
final class RunReadTools {
  private static final Param<Boolean> ACTIVE_ONLY =
      Param.bool("active_only", "Only runs still queued, pending or running").withDefault(false);

  private static final Param<Boolean> COMPLETED_ONLY =
      Param.bool("completed_only", "Only runs that have ended").withDefault(false);

  private static final Param<Instant> FROM =
      Param.time("start_time_from", "Only runs started at or after this time");

  private static final Param<Instant> TO =
      Param.time("start_time_to", "Only runs started at or before this time");

  private static final Param<String> VIEWS =
      Param.choice(
          "views_to_export",
          "What to export: CODE (the notebook), DASHBOARDS or ALL (default CODE)",
          List.of("CODE", "DASHBOARDS", "ALL"));

  /** The most of one exported view a model gets (views are HTML pages). */
  static final int VIEW_BYTES = 32 * 1024;

  private RunReadTools() {}

  static List<ToolDef> definitions() {
    return List.of(list(), get(), output(), export());
  }

  static ToolDef list() {
    Listing<BaseRun> listing =
        Listing.<BaseRun>of("runs", RunReadTools::page)
            .params(JOB_ID, ACTIVE_ONLY, COMPLETED_ONLY, FROM, TO)
            .maxResults(Params.maxResults(20, 25))
            .rows(RunRows::row);
    return ToolDef.builder(JobsToolset.ID, "list_job_runs")
        .title("List job runs")
        .description(
            "Job runs, newest first: run_id, job_id, run_name, state (one word: QUEUED, RUNNING,"
                + " SUCCESS, FAILED, CANCELED …), started_at, duration_ms, trigger, attempt."
                + " Filter by job_id, active_only or completed_only, and start_time_from/to."
                + " get_job_run shows one run's tasks and why it failed.")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  private static Listing.Page<BaseRun> page(Listing.Request page, Args args, ToolContext ctx) {
    boolean active = ACTIVE_ONLY.of(args);
    boolean completed = COMPLETED_ONLY.of(args);
    if (active && completed) {
      throw ToolException.validation(
          COMPLETED_ONLY.name(), "cannot be true together with active_only");
    }
    Optional<Instant> from = FROM.optional(args);
    Optional<Instant> to = TO.optional(args);
    if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
      throw ToolException.validation(TO.name(), "is before start_time_from");
    }
    ListRunsRequest req =
        new ListRunsRequest().setLimit((long) page.maxResults()).setPageToken(page.pageToken());
    JOB_ID
        .optional(args)
        .ifPresent(job -> req.setJobId(JobCalls.resolve(ctx.workspace(), JOB_ID.name(), job)));
    if (active) {
      req.setActiveOnly(true);
    }
    if (completed) {
      req.setCompletedOnly(true);
    }
    from.ifPresent(i -> req.setStartTimeFrom(i.toEpochMilli()));
    to.ifPresent(i -> req.setStartTimeTo(i.toEpochMilli()));
    ListRunsResponse r = ctx.workspace().jobs().impl().listRuns(req);
    String next =
        r.getNextPageToken() == null || r.getNextPageToken().isEmpty()
            ? null
            : r.getNextPageToken();
    return Listing.Page.of(r.getRuns(), next);
  }

  static ToolDef get() {
    return ToolDef.builder(JobsToolset.ID, "get_job_run")
        .title("Get job run")
        .description(
            WAIT_SECONDS.fill(
                "One job run: state, times and durations, attempt, parameters, repair history and"
                    + " each task (task_key, run_id, state, duration_ms, attempt). A failed run is"
                    + " explained in the same answer: the task that failed first, its error and"
                    + " the last lines of its trace and logs, and the tasks skipped because of it."
                    + " wait_seconds (up to {max}) waits for the run to end."))
        .input(Schema.of(RUN_ID, WAIT_SECONDS))
        .hints(ToolHints.read())
        .handler(RunReadTools::getRun)
        .build();
  }

  private static ToolResult getRun(Args args, ToolContext ctx) throws Exception {
    long id = RUN_ID.of(args);
    int wait = WAIT_SECONDS.of(args);
    WorkspaceClient w = ctx.workspace();
    Run run;
    boolean timeUp = false;
    if (wait == 0) {
      run = RunCalls.get(w, id);
    } else {
      ctx.track(RunCalls.handle(id));
      Waited<Run> waited = RunCalls.awaitEnd(w, id, Duration.ofSeconds(wait), ctx);
      if (waited.outcome() == Waited.Outcome.POLL_FAILED) {
        throw waited.failure();
      }
      run = waited.last();
      timeUp = waited.outcome() == Waited.Outcome.TIME_UP;
    }
    return describe(w, run, timeUp);
  }

  /**
   * A run in an answer: its detail, the explanation of a failure, and a message saying how it went
   * or how to keep waiting.
   */
  static ToolResult describe(WorkspaceClient w, Run run, boolean waitedInVain) {
    Map<String, Object> data = RunRows.detail(run);
    Optional<Map<String, Object>> failure = RunFailure.explain(w, run);
    failure.ifPresent(f -> data.put("failure", f));
    return ToolResult.of(data, message(run, failure, waitedInVain));
  }

  private static String message(
      Run run, Optional<Map<String, Object>> failure, boolean waitedInVain) {
    String name =
        "Run "
            + run.getRunId()
            + (run.getRunName() == null || run.getRunName().isBlank()
                ? ""
                : " ('" + run.getRunName() + "')");
    int tasks = RunRows.tasks(run).size();
    if (!RunRows.ended(run)) {
      return name
          + " is "
          + RunCalls.progress(run)
          + (failure.isPresent() ? "; " + RunFailure.words(failure.get()) : "")
          + (waitedInVain ? " (it did not end within the wait)" : "")
          + ". Call get_job_run with run_id="
          + run.getRunId()
          + " and wait_seconds to wait for it to end.";
    }
    if (failure.isPresent()) {
      return name
          + " ended "
          + RunRows.state(run)
          + ": "
          + RunFailure.words(failure.get())
          + ". Fix the cause, then repair_run with run_id="
          + run.getRunId()
          + " reruns the failed tasks and their dependents; get_run_output shows a task's"
          + " whole output.";
    }
    return name + " ended " + RunRows.state(run) + " (" + Counted.of(tasks, "task") + ").";
  }

  static ToolDef output() {
    return ToolDef.builder(JobsToolset.ID, "get_run_output")
        .title("Get run output")
        .description(
            "The output of one task run: a notebook's exit value, a SQL task's statements with"
                + " their first rows, the error with the last lines of its trace, and the end of"
                + " the logs; capped, with truncated and the total size. Give a task's run_id, or"
                + " the job run's run_id with task_key.")
        .input(Schema.of(RUN_ID, TASK_KEY))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              WorkspaceClient w = ctx.workspace();
              long id = RUN_ID.of(args);
              Optional<Long> task = RunCalls.taskRunId(w, id, TASK_KEY.of(args), TASK_KEY.name());
              if (task.isEmpty()) {
                return RunCalls.taskChoices(w, id, "get_run_output");
              }
              RunOutput o = w.jobs().getRunOutput(new GetRunOutputRequest().setRunId(task.get()));
              Map<String, Object> data = TaskOutput.shape(w, task.get(), o);
              return ToolResult.of(data, outputMessage(data));
            })
        .build();
  }

  private static String outputMessage(Map<String, Object> data) {
    String what =
        "Output of task run "
            + data.get("run_id")
            + (data.get("task_key") == null ? "" : " ('" + data.get("task_key") + "')")
            + (data.get("state") == null ? "" : ", " + data.get("state"));
    if (data.containsKey("error")) {
      return what + ": " + data.get("error");
    }
    return what
        + (Boolean.TRUE.equals(data.get("truncated"))
            ? " (cut to fit; total sizes are given)."
            : ".");
  }

  static ToolDef export() {
    return ToolDef.builder(JobsToolset.ID, "export_run")
        .title("Export run")
        .description(
            "Export a notebook task run as Databricks renders it (HTML views of the notebook and"
                + " its results, or its dashboards); each view capped. Give a task's run_id, or"
                + " the job run's run_id with task_key. Other task types have no views.")
        .input(Schema.of(RUN_ID, TASK_KEY, VIEWS))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              WorkspaceClient w = ctx.workspace();
              long id = RUN_ID.of(args);
              Optional<Long> task = RunCalls.taskRunId(w, id, TASK_KEY.of(args), TASK_KEY.name());
              if (task.isEmpty()) {
                return RunCalls.taskChoices(w, id, "export_run");
              }
              String views = VIEWS.optional(args).orElse("CODE");
              ExportRunOutput out =
                  w.jobs()
                      .exportRun(
                          new ExportRunRequest()
                              .setRunId(task.get())
                              .setViewsToExport(ViewsToExport.valueOf(views)));
              List<Map<String, Object>> rows = new ArrayList<>();
              if (out.getViews() != null) {
                for (ViewItem v : out.getViews()) {
                  rows.add(view(v));
                }
              }
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("run_id", task.get());
              data.put("views", rows);
              return ToolResult.of(
                  data,
                  "Exported "
                      + Counted.of(rows.size(), "view")
                      + " of task run "
                      + task.get()
                      + ".");
            })
        .build();
  }

  private static Map<String, Object> view(ViewItem v) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", v.getName());
    row.put("type", RunRows.name(v.getType()));
    String content = v.getContent() == null ? "" : v.getContent();
    String kept = TextCaps.capped(content, VIEW_BYTES);
    row.put("content", kept);
    row.put("truncated", kept.length() < content.length());
    if (kept.length() < content.length()) {
      row.put("total_bytes", TextCaps.bytes(content));
    }
    return row;
  }
}
