package dev.databricksmcp.server.tools.jobs;

import com.databricks.sdk.service.jobs.BaseRun;
import com.databricks.sdk.service.jobs.JobParameter;
import com.databricks.sdk.service.jobs.RepairHistoryItem;
import com.databricks.sdk.service.jobs.Run;
import com.databricks.sdk.service.jobs.RunLifeCycleState;
import com.databricks.sdk.service.jobs.RunLifecycleStateV2State;
import com.databricks.sdk.service.jobs.RunResultState;
import com.databricks.sdk.service.jobs.RunState;
import com.databricks.sdk.service.jobs.RunStatus;
import com.databricks.sdk.service.jobs.RunTask;
import com.databricks.sdk.service.jobs.TaskDependency;
import com.databricks.sdk.service.jobs.TerminationDetails;
import dev.databricksmcp.server.core.Times;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Job runs and task runs as the tools show them: one word for the state (the result once there is
 * one, else the life cycle: RUNNING, SUCCESS, FAILED, UPSTREAM_FAILED …), ISO times, durations in
 * milliseconds. The same names in list_job_runs, get_job_run and the answers of cancel and repair.
 */
final class RunRows {
  private RunRows() {}

  /** A run's or a task run's state in one word: its result once it has one, else its stage. */
  static String state(RunState s, RunStatus status) {
    if (s != null && s.getResultState() != null) {
      return s.getResultState().toString();
    }
    if (s != null && s.getLifeCycleState() != null) {
      return s.getLifeCycleState().toString();
    }
    if (status != null && status.getState() != null) {
      return status.getState().toString();
    }
    return "UNKNOWN";
  }

  static String state(Run r) {
    return state(r.getState(), r.getStatus());
  }

  static String state(RunTask t) {
    return state(t.getState(), t.getStatus());
  }

  /** Whether the run has ended (terminated, skipped or ended by an internal error). */
  static boolean ended(RunState s, RunStatus status) {
    if (s != null && s.getLifeCycleState() != null) {
      RunLifeCycleState l = s.getLifeCycleState();
      return l == RunLifeCycleState.TERMINATED
          || l == RunLifeCycleState.SKIPPED
          || l == RunLifeCycleState.INTERNAL_ERROR;
    }
    return status != null && status.getState() == RunLifecycleStateV2State.TERMINATED;
  }

  static boolean ended(Run r) {
    return ended(r.getState(), r.getStatus());
  }

  /** A task run that failed on its own account (not because a task upstream did). */
  static boolean failedItself(RunTask t) {
    RunState s = t.getState();
    if (s == null) {
      return false;
    }
    return s.getResultState() == RunResultState.FAILED
        || s.getResultState() == RunResultState.TIMEDOUT
        || s.getLifeCycleState() == RunLifeCycleState.INTERNAL_ERROR;
  }

  /** list_job_runs: what a model needs to pick a run. */
  static Map<String, Object> row(BaseRun r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("run_id", r.getRunId());
    out.put("job_id", r.getJobId());
    out.put("run_name", r.getRunName());
    out.put("state", state(r.getState(), r.getStatus()));
    out.put("started_at", time(r.getStartTime()));
    out.put(
        "duration_ms",
        duration(
            r.getRunDuration(),
            r.getSetupDuration(),
            r.getExecutionDuration(),
            r.getCleanupDuration(),
            r.getStartTime(),
            r.getEndTime()));
    out.put("trigger", name(r.getTrigger()));
    out.put("attempt", r.getAttemptNumber());
    return out;
  }

  /** get_job_run (and cancel, repair): the row's fields, then how it went and each task. */
  static Map<String, Object> detail(Run r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("run_id", r.getRunId());
    out.put("job_id", r.getJobId());
    out.put("run_name", r.getRunName());
    out.put("state", state(r));
    out.put("started_at", time(r.getStartTime()));
    out.put(
        "duration_ms",
        duration(
            r.getRunDuration(),
            r.getSetupDuration(),
            r.getExecutionDuration(),
            r.getCleanupDuration(),
            r.getStartTime(),
            r.getEndTime()));
    out.put("trigger", name(r.getTrigger()));
    out.put("attempt", r.getAttemptNumber());
    states(out, r.getState(), r.getStatus());
    out.put("ended_at", time(r.getEndTime()));
    putPositive(out, "queue_ms", r.getQueueDuration());
    out.put("run_type", name(r.getRunType()));
    out.put("creator", r.getCreatorUserName());
    out.put("run_page_url", r.getRunPageUrl());
    if (r.getJobParameters() != null && !r.getJobParameters().isEmpty()) {
      Map<String, Object> params = new LinkedHashMap<>();
      for (JobParameter p : r.getJobParameters()) {
        params.put(p.getName(), p.getValue() != null ? p.getValue() : p.getDefault());
      }
      out.put("job_parameters", params);
    }
    if (r.getRepairHistory() != null && !r.getRepairHistory().isEmpty()) {
      List<Map<String, Object>> history = new ArrayList<>();
      for (RepairHistoryItem h : r.getRepairHistory()) {
        history.add(repair(h));
      }
      out.put("repair_history", history);
    }
    List<Map<String, Object>> tasks = new ArrayList<>();
    for (RunTask t : tasks(r)) {
      tasks.add(task(t));
    }
    out.put("tasks", tasks);
    return out;
  }

  /** One task run: its key, run id, state, times, attempt and what it waits for. */
  static Map<String, Object> task(RunTask t) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("task_key", t.getTaskKey());
    out.put("run_id", t.getRunId());
    out.put("state", state(t));
    String message = t.getState() == null ? null : t.getState().getStateMessage();
    if (message != null && !message.isBlank()) {
      out.put("state_message", message);
    }
    out.put("started_at", time(t.getStartTime()));
    out.put(
        "duration_ms",
        duration(
            t.getRunDuration(),
            t.getSetupDuration(),
            t.getExecutionDuration(),
            t.getCleanupDuration(),
            t.getStartTime(),
            t.getEndTime()));
    out.put("attempt", t.getAttemptNumber());
    List<String> deps = dependsOn(t);
    if (!deps.isEmpty()) {
      out.put("depends_on", deps);
    }
    return out;
  }

  private static Map<String, Object> repair(RepairHistoryItem h) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", name(h.getType()));
    out.put("repair_id", h.getId());
    out.put("state", state(h.getState(), h.getStatus()));
    out.put("started_at", time(h.getStartTime()));
    out.put("ended_at", time(h.getEndTime()));
    out.put("task_run_ids", h.getTaskRunIds());
    return out;
  }

  /** The life cycle, result, message and termination, each only when the API gave it. */
  private static void states(Map<String, Object> out, RunState s, RunStatus status) {
    if (s != null) {
      out.put("life_cycle_state", name(s.getLifeCycleState()));
      out.put("result_state", name(s.getResultState()));
      if (s.getStateMessage() != null && !s.getStateMessage().isBlank()) {
        out.put("state_message", s.getStateMessage());
      }
    }
    TerminationDetails t = status == null ? null : status.getTerminationDetails();
    if (t != null) {
      Map<String, Object> why = new LinkedHashMap<>();
      why.put("code", name(t.getCode()));
      why.put("type", name(t.getType()));
      why.put("message", t.getMessage());
      out.put("termination", why);
    }
    if (status != null && status.getQueueDetails() != null) {
      out.put("queue_reason", status.getQueueDetails().getMessage());
    }
  }

  static List<RunTask> tasks(Run r) {
    return r.getTasks() == null ? List.of() : new ArrayList<>(r.getTasks());
  }

  static List<String> dependsOn(RunTask t) {
    Collection<TaskDependency> deps = t.getDependsOn();
    List<String> out = new ArrayList<>();
    if (deps != null) {
      deps.forEach(d -> out.add(d.getTaskKey()));
    }
    return out;
  }

  /**
   * How long the run took or has taken so far: the run's own duration (multi-task runs), else its
   * setup, execution and cleanup (single-task runs), else end minus start; null before it started.
   */
  static Long duration(Long run, Long setup, Long execution, Long cleanup, Long start, Long end) {
    if (run != null && run > 0) {
      return run;
    }
    long parts = positive(setup) + positive(execution) + positive(cleanup);
    if (parts > 0) {
      return parts;
    }
    if (start != null && start > 0 && end != null && end >= start) {
      return end - start;
    }
    return null;
  }

  /** A time the API gives as epoch milliseconds, 0 meaning "not yet". */
  static String time(Long epochMillis) {
    return epochMillis == null || epochMillis <= 0 ? null : Times.iso(epochMillis);
  }

  private static long positive(Long n) {
    return n == null || n < 0 ? 0 : n;
  }

  private static void putPositive(Map<String, Object> out, String key, Long n) {
    if (n != null && n > 0) {
      out.put(key, n);
    }
  }

  static String name(Object enumValue) {
    return enumValue == null ? null : enumValue.toString();
  }
}
