package dev.databricksmcp.server.tools.jobs;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.jobs.GetRunOutputRequest;
import com.databricks.sdk.service.jobs.GetRunRequest;
import com.databricks.sdk.service.jobs.JobParameter;
import com.databricks.sdk.service.jobs.Run;
import com.databricks.sdk.service.jobs.RunLifeCycleState;
import com.databricks.sdk.service.jobs.RunOutput;
import com.databricks.sdk.service.jobs.RunResultState;
import com.databricks.sdk.service.jobs.RunState;
import com.databricks.sdk.service.jobs.RunTask;
import dev.databricksmcp.server.core.Counted;
import dev.databricksmcp.server.core.ErrorMapper;
import dev.databricksmcp.server.core.Times;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.WorkHandle;
import dev.databricksmcp.server.core.wait.Waited;
import dev.databricksmcp.server.core.wait.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A job run in a few lines a model can act on: its state in Databricks' words ({@code SUCCESS},
 * {@code FAILED}, {@code RUNNING} …), each task's state, and for a failed run the task that failed
 * first with its error (from get-output) and the tasks skipped because of it. Also the bounded wait
 * ({@link Waiter}) for a run to end, answering with this summary whatever the wait's outcome.
 */
final class JobRunSummary {
  /** The longest error trace handed back; the full one is in get-output. */
  private static final int MAX_TRACE = 2000;

  private static final Set<RunResultState> FAILED =
      Set.of(RunResultState.FAILED, RunResultState.TIMEDOUT);

  private static final Set<RunResultState> SKIPPED =
      Set.of(RunResultState.UPSTREAM_FAILED, RunResultState.UPSTREAM_CANCELED);

  private JobRunSummary() {}

  /** The handle of a run, checked with get_job_run. */
  static WorkHandle handle(long runId) {
    return new WorkHandle("run_id", String.valueOf(runId), "get_job_run");
  }

  /** Whether the run has ended (terminated, skipped or failed internally). */
  static boolean ended(Run run) {
    RunLifeCycleState s = run.getState() == null ? null : run.getState().getLifeCycleState();
    return s == RunLifeCycleState.TERMINATED
        || s == RunLifeCycleState.SKIPPED
        || s == RunLifeCycleState.INTERNAL_ERROR;
  }

  /** The run's state in one word: its result once it has one, else where it is in its life. */
  static String state(RunState s) {
    if (s == null) {
      return "UNKNOWN";
    }
    if (s.getResultState() != null) {
      return s.getResultState().toString();
    }
    return s.getLifeCycleState() == null ? "UNKNOWN" : s.getLifeCycleState().toString();
  }

  /**
   * Waits up to {@code wait} for the run to end, then answers with its summary; a run still going
   * says how to keep waiting, a status that could not be read says the run was started and its
   * state is unknown — never as if nothing happened.
   *
   * @param said what was done, the start of the message: "Started run 12 of job 'x' (3)"
   */
  static ToolResult await(
      WorkspaceClient w, long runId, Duration wait, ToolContext ctx, String said)
      throws InterruptedException {
    Waited<Run> waited =
        Waiter.polling(() -> w.jobs().getRun(new GetRunRequest().setRunId(runId)))
            .until(JobRunSummary::ended)
            .describedAs(r -> "run " + runId + " ended (now " + progress(r) + ")")
            .waitFor(ctx, wait)
            .throwIfInterrupted();
    if (waited.outcome() == Waited.Outcome.POLL_FAILED) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("run_id", runId);
      data.put("state", "UNKNOWN");
      ErrorMapper.MappedError why = ErrorMapper.map(waited.failure());
      data.put("status_error", Map.of("error_code", why.code().name(), "message", why.message()));
      return ToolResult.of(
          data,
          said
              + ", but reading its state failed ("
              + why.code()
              + "). Check with "
              + handle(runId).howToCheck()
              + " before starting it again.");
    }
    return of(w, waited.last(), said);
  }

  /** The summary of a run as read: data and a message that starts with {@code said}. */
  static ToolResult of(WorkspaceClient w, Run run, String said) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("run_id", run.getRunId());
    data.put("job_id", run.getJobId());
    data.put("run_name", run.getRunName());
    data.put("state", state(run.getState()));
    RunState s = run.getState();
    if (s != null && s.getStateMessage() != null && !s.getStateMessage().isBlank()) {
      data.put("state_message", s.getStateMessage());
    }
    data.put("started_at", Times.iso(run.getStartTime()));
    if (run.getEndTime() != null && run.getEndTime() > 0) {
      data.put("ended_at", Times.iso(run.getEndTime()));
    }
    data.put("duration_ms", run.getRunDuration());
    Map<String, String> params = parameters(run.getJobParameters());
    if (!params.isEmpty()) {
      data.put("job_parameters", params);
    }
    List<RunTask> tasks = run.getTasks() == null ? List.of() : new ArrayList<>(run.getTasks());
    data.put("tasks", tasks.stream().map(JobRunSummary::task).toList());
    data.put("run_page_url", run.getRunPageUrl());
    if (!ended(run)) {
      return ToolResult.of(
          data,
          said
              + "; it is "
              + progress(run)
              + ". Call "
              + handle(run.getRunId()).howToCheck()
              + " to keep following it.");
    }
    String outcome = said + "; it ended " + state(s) + countWords(tasks);
    RunTask failed = firstFailed(tasks);
    if (failed == null) {
      return ToolResult.of(data, outcome + ".");
    }
    Map<String, Object> why = failure(w, failed);
    data.put("failed_task", why);
    List<String> skipped =
        tasks.stream()
            .filter(t -> t.getState() != null && SKIPPED.contains(t.getState().getResultState()))
            .map(RunTask::getTaskKey)
            .toList();
    if (!skipped.isEmpty()) {
      data.put("skipped_tasks", skipped);
    }
    return ToolResult.of(
        data,
        outcome
            + ". Task '"
            + failed.getTaskKey()
            + "' failed first"
            + (why.get("error") == null ? "" : ": " + why.get("error"))
            + (skipped.isEmpty() ? "" : ". Not run because of it: " + String.join(", ", skipped))
            + ". Once the cause is fixed, repair_run with run_id="
            + run.getRunId()
            + " runs again only the failed tasks and those after them.");
  }

  /** Where a run is: "RUNNING (task insert running)", "QUEUED (…)". */
  private static String progress(Run run) {
    String state = state(run.getState());
    if (run.getTasks() == null) {
      return state;
    }
    List<String> running =
        run.getTasks().stream()
            .filter(
                t ->
                    t.getState() != null
                        && t.getState().getLifeCycleState() == RunLifeCycleState.RUNNING)
            .map(RunTask::getTaskKey)
            .toList();
    return running.isEmpty() ? state : state + ", task " + String.join(", ", running) + " running";
  }

  private static String countWords(List<RunTask> tasks) {
    if (tasks.isEmpty()) {
      return "";
    }
    long ok =
        tasks.stream()
            .filter(
                t ->
                    t.getState() != null && t.getState().getResultState() == RunResultState.SUCCESS)
            .count();
    return " (" + ok + " of " + Counted.of(tasks.size(), "task") + " succeeded)";
  }

  private static Map<String, Object> task(RunTask t) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("task_key", t.getTaskKey());
    out.put("run_id", t.getRunId());
    out.put("state", state(t.getState()));
    if (t.getAttemptNumber() != null && t.getAttemptNumber() > 0) {
      out.put("attempt", t.getAttemptNumber());
    }
    if (t.getStartTime() != null && t.getStartTime() > 0) {
      out.put("started_at", Times.iso(t.getStartTime()));
    }
    if (t.getEndTime() != null && t.getEndTime() > 0) {
      out.put("ended_at", Times.iso(t.getEndTime()));
    }
    if (t.getState() != null
        && t.getState().getStateMessage() != null
        && !t.getState().getStateMessage().isBlank()) {
      out.put("state_message", t.getState().getStateMessage());
    }
    return out;
  }

  /** The failed task that ended first (a retried task counts once, as its last attempt). */
  private static RunTask firstFailed(Collection<RunTask> tasks) {
    return tasks.stream()
        .filter(t -> t.getState() != null && FAILED.contains(t.getState().getResultState()))
        .min(
            Comparator.comparing(
                (RunTask t) -> t.getEndTime() == null ? Long.MAX_VALUE : t.getEndTime()))
        .orElse(null);
  }

  /** The failed task with its error from get-output; its state message when that cannot be read. */
  private static Map<String, Object> failure(WorkspaceClient w, RunTask t) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("task_key", t.getTaskKey());
    out.put("run_id", t.getRunId());
    out.put("state", state(t.getState()));
    String message = t.getState() == null ? null : t.getState().getStateMessage();
    try {
      RunOutput o = w.jobs().getRunOutput(new GetRunOutputRequest().setRunId(t.getRunId()));
      out.put("error", o.getError() == null ? blankToNull(message) : o.getError());
      if (o.getErrorTrace() != null && !o.getErrorTrace().isBlank()) {
        String trace = o.getErrorTrace();
        out.put(
            "error_trace",
            trace.length() > MAX_TRACE ? trace.substring(0, MAX_TRACE) + "…" : trace);
      }
    } catch (RuntimeException e) {
      out.put("error", blankToNull(message));
      out.put("output_error", ErrorMapper.map(e).message());
    }
    return out;
  }

  private static Map<String, String> parameters(Collection<JobParameter> params) {
    Map<String, String> out = new LinkedHashMap<>();
    if (params != null) {
      for (JobParameter p : params) {
        out.put(p.getName(), p.getValue() != null ? p.getValue() : p.getDefault());
      }
    }
    return out;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
