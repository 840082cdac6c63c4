package dev.databricksmcp.server.tools.jobs;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.jobs.GetRunRequest;
import com.databricks.sdk.service.jobs.Run;
import com.databricks.sdk.service.jobs.RunTask;
import dev.databricksmcp.server.core.Counted;
import dev.databricksmcp.server.core.ErrorCode;
import dev.databricksmcp.server.core.ErrorMapper;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.WorkHandle;
import dev.databricksmcp.server.core.wait.Waited;
import dev.databricksmcp.server.core.wait.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading runs as the run tools do: one run, a task's run by its key, and waiting for the end. */
final class RunCalls {
  private RunCalls() {}

  static Run get(WorkspaceClient w, long runId) {
    return w.jobs().getRun(new GetRunRequest().setRunId(runId));
  }

  /**
   * The run, or empty when Databricks does not know it as a job run (a task run's id, which some
   * workspaces answer only through get-output); other failures are thrown.
   */
  static Optional<Run> find(WorkspaceClient w, long runId) {
    try {
      return Optional.of(get(w, runId));
    } catch (RuntimeException e) {
      if (ErrorMapper.map(e).code() == ErrorCode.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** The task run of {@code taskKey} in the run: a VALIDATION_ERROR naming the keys if none. */
  static RunTask task(Run run, String taskKey, String field) {
    List<RunTask> tasks = RunRows.tasks(run);
    return tasks.stream()
        .filter(t -> taskKey.equals(t.getTaskKey()))
        .findFirst()
        .orElseThrow(
            () ->
                ToolException.validation(
                    field,
                    "run "
                        + run.getRunId()
                        + " has no task '"
                        + taskKey
                        + "'; its tasks: "
                        + tasks.stream().map(RunTask::getTaskKey).toList()));
  }

  /**
   * The task run a call means: the one of {@code taskKey} in the run; without a key, the run itself
   * when it is a task run, or its only task. Empty when a job run has several tasks and no key was
   * given (the caller is to choose: {@link #taskChoices}).
   */
  static Optional<Long> taskRunId(WorkspaceClient w, long runId, String taskKey, String field) {
    if (taskKey != null) {
      return Optional.of(task(get(w, runId), taskKey, field).getRunId());
    }
    Optional<Run> run = find(w, runId);
    if (run.isEmpty()) {
      return Optional.of(runId);
    }
    List<RunTask> tasks = RunRows.tasks(run.get());
    if (tasks.size() > 1) {
      return Optional.empty();
    }
    return Optional.of(tasks.isEmpty() ? runId : tasks.get(0).getRunId());
  }

  /** The answer for a multi-task run given without a task: its tasks, to choose one. */
  static ToolResult taskChoices(WorkspaceClient w, long runId, String tool) {
    Run run = get(w, runId);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("run_id", runId);
    data.put("state", RunRows.state(run));
    List<Map<String, Object>> tasks = new ArrayList<>();
    for (RunTask t : RunRows.tasks(run)) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("task_key", t.getTaskKey());
      row.put("run_id", t.getRunId());
      row.put("state", RunRows.state(t));
      tasks.add(row);
    }
    data.put("tasks", tasks);
    return ToolResult.of(
        data,
        "Run "
            + runId
            + " has "
            + Counted.of(tasks.size(), "task")
            + ", each with its own output: call "
            + tool
            + " with run_id="
            + runId
            + " and task_key (one of "
            + tasks.stream().map(t -> String.valueOf(t.get("task_key"))).toList()
            + "), or with a task's run_id.");
  }

  static WorkHandle handle(long runId) {
    return new WorkHandle("run_id", String.valueOf(runId), "get_job_run");
  }

  /**
   * Waits ({@link Waiter}) until the run has ended, the wait is over, or a margin before the call's
   * deadline; the progress says how many tasks are done.
   */
  static Waited<Run> awaitEnd(WorkspaceClient w, long runId, Duration wait, ToolContext ctx)
      throws InterruptedException {
    return Waiter.polling(() -> get(w, runId))
        .until(RunRows::ended)
        .describedAs(r -> "run " + runId + " ended (now " + progress(r) + ")")
        .waitFor(ctx, wait)
        .throwIfInterrupted();
  }

  /** "RUNNING, 1 of 3 tasks ended". */
  static String progress(Run r) {
    List<RunTask> tasks = RunRows.tasks(r);
    long done = tasks.stream().filter(t -> RunRows.ended(t.getState(), t.getStatus())).count();
    return RunRows.state(r)
        + (tasks.size() > 1 ? ", " + done + " of " + tasks.size() + " tasks ended" : "");
  }
}
