package dev.databricksmcp.sandbox.jobs;

import com.databricks.sdk.service.jobs.RepairHistoryItem;
import com.databricks.sdk.service.jobs.RepairHistoryItemType;
import com.databricks.sdk.service.jobs.RunConditionTask;
import com.databricks.sdk.service.jobs.RunIf;
import com.databricks.sdk.service.jobs.RunOutput;
import com.databricks.sdk.service.jobs.RunResultState;
import com.databricks.sdk.service.jobs.RunTask;
import com.databricks.sdk.service.jobs.Task;
import com.databricks.sdk.service.jobs.TaskDependency;
import com.databricks.sdk.service.jobs.TerminationCodeCode;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.auth.Principal;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.state.SandboxState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives a run on a thread of its own: its tasks one at a time, each after those it depends on,
 * each run or skipped by its {@code run_if} (ALL_SUCCESS by default) and its dependencies' results;
 * a failed task retried up to {@code max_retries} (a timed-out one only with {@code
 * retry_on_timeout}), each attempt a task run of its own; {@code timeout_seconds} of the task and
 * of the job ending it TIMEDOUT; a cancel ending what runs and what has not started CANCELED. The
 * run's result follows its leaf tasks, as Databricks reports it: FAILED when one failed,
 * SUCCESS_WITH_FAILURES when only tasks before them did, SUCCESS otherwise.
 */
final class RunDriver implements SandboxState {
  private static final Logger LOG = LoggerFactory.getLogger(RunDriver.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final JobRuns runs;
  private final Jobs jobs;
  private final Identities identities;
  private final TaskKinds kinds;
  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "sandbox-job-run-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
          });

  RunDriver(JobRuns runs, Jobs jobs, Identities identities, TaskKinds kinds) {
    this.runs = runs;
    this.jobs = jobs;
    this.identities = identities;
    this.kinds = kinds;
  }

  /** Starts driving a run admitted to start, every task of it. */
  void start(JobRun jr) {
    executor.submit(() -> drive(jr, null));
  }

  /** Starts driving the tasks of a repair (already reset to run again). */
  void repair(JobRun jr, Set<String> rerun) {
    executor.submit(() -> drive(jr, rerun));
  }

  private void drive(JobRun jr, Set<String> rerun) {
    try {
      synchronized (runs) {
        if (!RunStates.active(jr.run.getState())) {
          return;
        }
        runs.set(jr, RunStates.running());
      }
      long startedAt = runs.now();
      long jobDeadline =
          jr.timeoutSeconds == null || jr.timeoutSeconds == 0
              ? 0
              : startedAt + jr.timeoutSeconds * 1000;
      for (Task t : JobSpecs.ordered(jr.tasks)) {
        if (rerun == null || rerun.contains(t.getTaskKey())) {
          step(jr, t, jobDeadline);
        }
      }
      finish(jr, startedAt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("job run {} failed in the sandbox", jr.id(), e);
      synchronized (runs) {
        runs.set(jr, RunStates.internalError("The sandbox could not run this job run."));
        jr.run.setEndTime(runs.now());
      }
      released(jr);
    }
  }

  private void step(JobRun jr, Task t, long jobDeadline) throws InterruptedException {
    if (jr.cancelRequested) {
      end(jr, t.getTaskKey(), canceledBeforeStart(), null);
      return;
    }
    if (jobDeadline > 0 && runs.now() >= jobDeadline) {
      jr.timedOut = true;
      end(jr, t.getTaskKey(), TaskKind.Outcome.timedOut(null), null);
      return;
    }
    TaskKind.Outcome skip = skipped(jr, t);
    if (skip != null) {
      end(jr, t.getTaskKey(), skip, null);
      return;
    }
    long maxRetries = t.getMaxRetries() == null ? 0 : t.getMaxRetries();
    for (long attempt = 0; ; attempt++) {
      long taskRunId;
      long startedAt = runs.now();
      synchronized (runs) {
        RunTask rt = jr.task(t.getTaskKey());
        taskRunId = rt.getRunId();
        RunStates s = RunStates.running();
        rt.setState(s.state())
            .setStatus(s.status())
            .setStartTime(startedAt)
            .setAttemptNumber(attempt);
      }
      long deadline = deadline(t, startedAt, jobDeadline);
      Principal owner = identities.byUserName().get(jr.owner);
      TaskKind.Context c =
          new TaskKind.Context(
              jr,
              t,
              taskRunId,
              owner,
              TaskKind.references(jr, t, taskRunId),
              deadline,
              stop -> jr.cancelCurrent = stop);
      TaskKind.Outcome o;
      if (jr.cancelRequested) {
        o = TaskKind.Outcome.canceled(null);
      } else if (owner == null) {
        // fail closed: a run never borrows anyone else's privileges
        o =
            TaskKind.Outcome.failed(
                TerminationCodeCode.UNAUTHORIZED_ERROR,
                "The run's owner " + jr.owner + " is not a user of this workspace.");
      } else {
        o = kinds.run(c);
      }
      if (o.result() == RunResultState.TIMEDOUT && jobDeadline > 0 && deadline == jobDeadline) {
        jr.timedOut = true;
      }
      end(jr, t.getTaskKey(), o, taskRunId);
      boolean retry =
          (o.result() == RunResultState.FAILED
                  || o.result() == RunResultState.TIMEDOUT
                      && Boolean.TRUE.equals(t.getRetryOnTimeout()))
              && (maxRetries < 0 || attempt < maxRetries)
              && !jr.cancelRequested
              && !jr.timedOut;
      if (!retry) {
        return;
      }
      nextAttempt(jr, t, attempt + 1);
      long wait = t.getMinRetryIntervalMillis() == null ? 0 : t.getMinRetryIntervalMillis();
      Thread.sleep(Math.max(0, Math.min(wait, 60_000)));
    }
  }

  private static long deadline(Task t, long startedAt, long jobDeadline) {
    long task =
        t.getTimeoutSeconds() == null || t.getTimeoutSeconds() == 0
            ? 0
            : startedAt + t.getTimeoutSeconds() * 1000;
    if (task == 0) {
      return jobDeadline;
    }
    return jobDeadline == 0 ? task : Math.min(task, jobDeadline);
  }

  /** Keeps the ended attempt and shows a new task run, WAITING_FOR_RETRY. */
  private void nextAttempt(JobRun jr, Task t, long attempt) {
    synchronized (runs) {
      RunTask ended = jr.task(t.getTaskKey());
      jr.earlierAttempts.put(ended.getRunId(), Json.MAPPER.convertValue(ended, RunTask.class));
      RunTask next = Json.MAPPER.convertValue(t, RunTask.class);
      RunStates s = RunStates.waitingForRetry("Waiting to retry: attempt " + attempt + ".");
      next.setRunId(runs.newId())
          .setAttemptNumber(attempt)
          .setState(s.state())
          .setStatus(s.status());
      jr.replaceTask(next);
    }
  }

  /** Why a task does not run, from its run_if and its dependencies' results; null to run it. */
  private TaskKind.Outcome skipped(JobRun jr, Task t) {
    List<TaskDependency> deps = new ArrayList<>(JobSpecs.deps(t));
    if (deps.isEmpty()) {
      return null;
    }
    int succeeded = 0;
    int failed = 0;
    int canceled = 0;
    int excluded = 0;
    synchronized (runs) {
      for (TaskDependency d : deps) {
        RunTask up = jr.task(d.getTaskKey());
        RunResultState r = up.getState().getResultState();
        if (d.getOutcome() != null
            && r == RunResultState.SUCCESS
            && up.getConditionTask() != null
            && !d.getOutcome()
                .equalsIgnoreCase(String.valueOf(up.getConditionTask().getOutcome()))) {
          excluded++;
        } else if (r == RunResultState.SUCCESS) {
          succeeded++;
        } else if (RunStates.FAILED.contains(r)) {
          failed++;
        } else if (RunStates.CANCELED.contains(r)) {
          canceled++;
        } else {
          excluded++;
        }
      }
    }
    RunIf runIf = t.getRunIf() == null ? RunIf.ALL_SUCCESS : t.getRunIf();
    boolean run =
        switch (runIf) {
          case ALL_SUCCESS -> succeeded == deps.size();
          case AT_LEAST_ONE_SUCCESS -> succeeded > 0;
          case NONE_FAILED ->
              failed == 0 && canceled == 0 && succeeded + excluded == deps.size() && succeeded > 0;
          case ALL_DONE -> true;
          case ALL_FAILED -> failed == deps.size();
          case AT_LEAST_ONE_FAILED -> failed > 0;
        };
    if (run) {
      return null;
    }
    RunResultState result;
    String why;
    if ((runIf == RunIf.ALL_SUCCESS
            || runIf == RunIf.NONE_FAILED
            || runIf == RunIf.AT_LEAST_ONE_SUCCESS)
        && failed > 0) {
      result = RunResultState.UPSTREAM_FAILED;
      why = "Upstream task(s) failed.";
    } else if (canceled > 0
        && failed == 0
        && runIf != RunIf.ALL_FAILED
        && runIf != RunIf.AT_LEAST_ONE_FAILED) {
      result = RunResultState.UPSTREAM_CANCELED;
      why = "Upstream task(s) were canceled.";
    } else {
      result = RunResultState.EXCLUDED;
      why = "The task's run_if condition " + runIf + " was not met.";
    }
    return new TaskKind.Outcome(result, why, TerminationCodeCode.SKIPPED, new RunOutput(), null);
  }

  private static TaskKind.Outcome canceledBeforeStart() {
    return new TaskKind.Outcome(
        RunResultState.CANCELED,
        "The run was canceled before this task started.",
        TerminationCodeCode.USER_CANCELED,
        new RunOutput(),
        null);
  }

  /** Records a task run's end: its state, times, output, a condition's outcome. */
  private void end(JobRun jr, String key, TaskKind.Outcome o, Long startedTaskRunId) {
    synchronized (runs) {
      RunTask rt = jr.task(key);
      long now = runs.now();
      RunStates s = RunStates.terminated(o.result(), o.message(), o.code());
      rt.setState(s.state()).setStatus(s.status()).setEndTime(now);
      if (rt.getStartTime() == null || startedTaskRunId == null) {
        rt.setStartTime(startedTaskRunId == null ? now : rt.getStartTime());
      }
      long ran = now - rt.getStartTime();
      rt.setSetupDuration(0L).setExecutionDuration(ran).setCleanupDuration(0L).setRunDuration(ran);
      if (o.conditionOutcome() != null && rt.getConditionTask() != null) {
        rt.setConditionTask(
            Json.MAPPER
                .convertValue(rt.getConditionTask(), RunConditionTask.class)
                .setOutcome(o.conditionOutcome()));
      }
      jr.outputs.put(rt.getRunId(), o.output() == null ? new RunOutput() : o.output());
    }
  }

  private void finish(JobRun jr, long startedAt) {
    synchronized (runs) {
      Set<String> upstream = new HashSet<>();
      jr.tasks.forEach(t -> JobSpecs.deps(t).forEach(d -> upstream.add(d.getTaskKey())));
      boolean leafFailed = false;
      boolean anyFailed = false;
      for (RunTask t : jr.run.getTasks()) {
        RunResultState r = t.getState().getResultState();
        boolean bad = RunStates.FAILED.contains(r) || RunStates.CANCELED.contains(r);
        anyFailed |= bad;
        leafFailed |= bad && !upstream.contains(t.getTaskKey());
      }
      RunStates s;
      if (jr.timedOut) {
        s =
            RunStates.terminated(
                RunResultState.TIMEDOUT,
                "The run timed out.",
                TerminationCodeCode.RUN_EXECUTION_ERROR);
      } else if (jr.cancelRequested) {
        s =
            RunStates.terminated(
                RunResultState.CANCELED,
                "The run was canceled.",
                TerminationCodeCode.USER_CANCELED);
      } else if (leafFailed) {
        s =
            RunStates.terminated(
                RunResultState.FAILED, failedMessage(jr), TerminationCodeCode.RUN_EXECUTION_ERROR);
      } else if (anyFailed) {
        s =
            RunStates.terminated(
                RunResultState.SUCCESS_WITH_FAILURES,
                "Some tasks failed; the leaf tasks succeeded.",
                TerminationCodeCode.SUCCESS_WITH_FAILURES);
      } else {
        s = RunStates.terminated(RunResultState.SUCCESS, "", TerminationCodeCode.SUCCESS);
      }
      long now = runs.now();
      runs.set(jr, s);
      jr.run
          .setEndTime(now)
          .setSetupDuration(0L)
          .setExecutionDuration(now - startedAt)
          .setCleanupDuration(0L)
          .setRunDuration(now - jr.run.getStartTime());
      List<RepairHistoryItem> history = jr.repairHistory();
      if (!history.isEmpty()) {
        RepairHistoryItem last = history.get(history.size() - 1);
        last.setEndTime(now).setState(s.state()).setStatus(s.status());
        jr.run.setRepairHistory(history);
      }
    }
    released(jr);
  }

  private static String failedMessage(JobRun jr) {
    List<String> failed = new ArrayList<>();
    for (RunTask t : jr.run.getTasks()) {
      if (t.getState().getResultState() == RunResultState.FAILED
          || t.getState().getResultState() == RunResultState.TIMEDOUT) {
        failed.add(t.getTaskKey());
      }
    }
    return "Task " + String.join(", ", failed) + " failed.";
  }

  private void released(JobRun jr) {
    Long jobId = jr.run.getJobId();
    if (jobId != null && jobs.exists(jobId)) {
      Long max = jobs.get(jobId).getSettings().getMaxConcurrentRuns();
      runs.released(jobId, max == null ? 1 : max);
    }
  }

  /** Marks the start of a repair in the run's history (the original run first, once). */
  void recordRepair(JobRun jr, long repairId, List<Long> taskRunIds, LongSupplier now) {
    List<RepairHistoryItem> history = jr.repairHistory();
    if (history.isEmpty()) {
      history.add(
          new RepairHistoryItem()
              .setType(RepairHistoryItemType.ORIGINAL)
              .setId(jr.id())
              .setStartTime(jr.run.getStartTime())
              .setEndTime(jr.run.getEndTime())
              .setState(jr.run.getState())
              .setStatus(jr.run.getStatus())
              .setTaskRunIds(jr.run.getTasks().stream().map(RunTask::getRunId).toList()));
    }
    history.add(
        new RepairHistoryItem()
            .setType(RepairHistoryItemType.REPAIR)
            .setId(repairId)
            .setStartTime(now.getAsLong())
            .setTaskRunIds(taskRunIds));
    jr.run.setRepairHistory(history);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
