package dev.databricksmcp.server.tools.jobs;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.jobs.GetRunOutputRequest;
import com.databricks.sdk.service.jobs.Run;
import com.databricks.sdk.service.jobs.RunLifeCycleState;
import com.databricks.sdk.service.jobs.RunOutput;
import com.databricks.sdk.service.jobs.RunResultState;
import com.databricks.sdk.service.jobs.RunTask;
import dev.databricksmcp.server.core.ErrorMapper;
import dev.databricksmcp.server.core.TextCaps;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A failed run explained in one answer: which task failed first, its error and the last lines of
 * its error trace and logs (from that task run's output), the tasks skipped because of it, and any
 * other task that failed on its own.
 */
final class RunFailure {
  /** Lines of an error trace or log kept: the end, where the error is. */
  static final int LAST_LINES = 20;

  private static final int ERROR_BYTES = 2_000;
  private static final int TRACE_BYTES = 8 * 1024;

  private RunFailure() {}

  /** The explanation, or empty when no task failed on its own account. */
  static Optional<Map<String, Object>> explain(WorkspaceClient w, Run run) {
    List<RunTask> tasks = RunRows.tasks(run);
    List<RunTask> failed = tasks.stream().filter(RunRows::failedItself).toList();
    if (failed.isEmpty()) {
      return Optional.empty();
    }
    RunTask first =
        failed.stream()
            .min(
                Comparator.comparingLong((RunTask t) -> orMax(t.getEndTime()))
                    .thenComparingLong(t -> orMax(t.getStartTime())))
            .orElseThrow();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("task_key", first.getTaskKey());
    out.put("run_id", first.getRunId());
    out.put("state", RunRows.state(first));
    out.put("attempt", first.getAttemptNumber());
    out.put("ended_at", RunRows.time(first.getEndTime()));
    String message = first.getState() == null ? null : first.getState().getStateMessage();
    try {
      RunOutput o = w.jobs().getRunOutput(new GetRunOutputRequest().setRunId(first.getRunId()));
      String error = o.getError() == null || o.getError().isBlank() ? message : o.getError();
      out.put("error", error == null ? null : TextCaps.capped(error, ERROR_BYTES));
      putLastLines(out, "error_trace", o.getErrorTrace());
      putLastLines(out, "logs", o.getLogs());
    } catch (RuntimeException e) {
      out.put("error", message);
      out.put("output_unreadable", ErrorMapper.map(e).message());
    }
    out.put("skipped_tasks", skippedBecauseOf(first.getTaskKey(), tasks));
    List<String> others = failed.stream().filter(t -> t != first).map(RunTask::getTaskKey).toList();
    if (!others.isEmpty()) {
      out.put("other_failed_tasks", others);
    }
    return Optional.of(out);
  }

  /** One sentence for the message: "task 'read' failed first (FAILED): …; skipped: after." */
  static String words(Map<String, Object> failure) {
    @SuppressWarnings("unchecked")
    List<String> skipped = (List<String>) failure.get("skipped_tasks");
    Object error = failure.get("error");
    return "task '"
        + failure.get("task_key")
        + "' failed first ("
        + failure.get("state")
        + ")"
        + (error == null ? "" : ": " + firstLine(String.valueOf(error)))
        + (skipped.isEmpty() ? "" : "; skipped because of it: " + String.join(", ", skipped));
  }

  /**
   * Tasks downstream of {@code key} (directly or not) that did not run because of it: their state
   * is UPSTREAM_FAILED, UPSTREAM_CANCELED or SKIPPED.
   */
  private static List<String> skippedBecauseOf(String key, List<RunTask> tasks) {
    Set<String> downstream = new LinkedHashSet<>(List.of(key));
    boolean grew = true;
    while (grew) {
      grew = false;
      for (RunTask t : tasks) {
        if (!downstream.contains(t.getTaskKey())
            && RunRows.dependsOn(t).stream().anyMatch(downstream::contains)) {
          downstream.add(t.getTaskKey());
          grew = true;
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (RunTask t : tasks) {
      if (!t.getTaskKey().equals(key)
          && downstream.contains(t.getTaskKey())
          && notRunBecauseUpstream(t)) {
        out.add(t.getTaskKey());
      }
    }
    return out;
  }

  private static boolean notRunBecauseUpstream(RunTask t) {
    if (t.getState() == null) {
      return false;
    }
    RunResultState r = t.getState().getResultState();
    return r == RunResultState.UPSTREAM_FAILED
        || r == RunResultState.UPSTREAM_CANCELED
        || t.getState().getLifeCycleState() == RunLifeCycleState.SKIPPED;
  }

  private static void putLastLines(Map<String, Object> out, String key, String text) {
    if (text != null && !text.isBlank()) {
      out.put(key, TextCaps.capped(TextCaps.lastLines(text, LAST_LINES), TRACE_BYTES));
    }
  }

  private static String firstLine(String s) {
    return s.strip().lines().findFirst().orElse("");
  }

  private static long orMax(Long millis) {
    return millis == null || millis <= 0 ? Long.MAX_VALUE : millis;
  }
}
