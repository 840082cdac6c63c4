package dev.databricksmcp.sandbox.jobs;

import com.databricks.sdk.service.jobs.JobParameter;
import com.databricks.sdk.service.jobs.Run;
import com.databricks.sdk.service.jobs.RunLifeCycleState;
import com.databricks.sdk.service.jobs.RunOutput;
import com.databricks.sdk.service.jobs.RunTask;
import com.databricks.sdk.service.jobs.RunType;
import com.databricks.sdk.service.jobs.Task;
import com.databricks.sdk.service.jobs.TriggerType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.databricksmcp.sandbox.compute.ComputeClock;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.state.PersistentState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Every run, job runs and one-time runs, with each task run's output; the queue of each job ({@code
 * max_concurrent_runs}, {@code queue.enabled}): a run beyond the limit waits QUEUED and starts when
 * an active run of its job ends, or is SKIPPED when its job does not queue. Kept across a restart
 * with {@code --sandbox-dir}; a run still active when the sandbox stopped comes back ended with
 * INTERNAL_ERROR, since nothing ran it meanwhile.
 */
public final class JobRuns implements PersistentState {
  private final ComputeClock clock;
  private final Map<Long, JobRun> runs = new LinkedHashMap<>();
  private final Map<String, Long> byIdempotencyToken = new HashMap<>();

  /** Where an admitted run goes to be driven (the {@link RunDriver}). */
  private Consumer<JobRun> start = r -> {};

  public JobRuns(ComputeClock clock) {
    this.clock = clock;
  }

  void startWith(Consumer<JobRun> start) {
    this.start = start;
  }

  long now() {
    return clock.millis();
  }

  /** A new run of these tasks, admitted at once (started, queued or skipped). */
  JobRun create(
      Long jobId,
      String runName,
      List<Task> tasks,
      List<JobParameter> parameters,
      String owner,
      RunType type,
      Long timeoutSeconds,
      boolean queueEnabled,
      long maxConcurrentRuns,
      String idempotencyToken) {
    JobRun jr;
    synchronized (this) {
      if (idempotencyToken != null && byIdempotencyToken.containsKey(idempotencyToken)) {
        return runs.get(byIdempotencyToken.get(idempotencyToken));
      }
      long id = newId();
      Map<String, String> values = new LinkedHashMap<>();
      parameters.forEach(p -> values.put(p.getName(), p.getValue()));
      Run run =
          new Run()
              .setRunId(id)
              .setJobId(jobId)
              .setNumberInJob(id)
              .setOriginalAttemptRunId(id)
              .setRunName(runName)
              .setCreatorUserName(owner)
              .setRunType(type)
              .setTrigger(TriggerType.ONE_TIME)
              .setAttemptNumber(0L)
              .setStartTime(now())
              .setJobParameters(parameters.isEmpty() ? null : parameters)
              .setTasks(taskRuns(tasks));
      jr = new JobRun(run, owner, tasks, timeoutSeconds, queueEnabled, values);
      runs.put(id, jr);
      if (idempotencyToken != null) {
        byIdempotencyToken.put(idempotencyToken, id);
      }
      long active =
          runs.values().stream()
              .filter(
                  r -> jobId != null && jobId.equals(r.run.getJobId()) && r != this.runs.get(id))
              .filter(r -> RunStates.active(r.run.getState()))
              .filter(r -> r.run.getState().getLifeCycleState() != RunLifeCycleState.QUEUED)
              .count();
      if (jobId == null || active < maxConcurrentRuns) {
        set(jr, RunStates.pending());
      } else if (queueEnabled) {
        set(jr, RunStates.queued());
        return jr;
      } else {
        set(jr, RunStates.skippedAtLimit());
        jr.run.setEndTime(now());
        return jr;
      }
    }
    start.accept(jr);
    return jr;
  }

  private List<RunTask> taskRuns(List<Task> tasks) {
    List<RunTask> out = new ArrayList<>();
    for (Task t : tasks) {
      RunTask rt = Json.MAPPER.convertValue(t, RunTask.class);
      rt.setRunId(newId()).setAttemptNumber(0L);
      RunStates s = JobSpecs.deps(t).isEmpty() ? RunStates.pending() : RunStates.blocked();
      rt.setState(s.state()).setStatus(s.status());
      out.add(rt);
    }
    return out;
  }

  /** A new run or task run id, unused by any run or task run. */
  synchronized long newId() {
    return Jobs.newId(id -> runs.containsKey(id) || findTaskRun(id).isPresent());
  }

  synchronized void set(JobRun jr, RunStates s) {
    jr.run.setState(s.state()).setStatus(s.status());
  }

  /** After a run of {@code jobId} ended: its oldest queued run starts. */
  void released(Long jobId, long maxConcurrentRuns) {
    JobRun next = null;
    synchronized (this) {
      if (jobId == null) {
        return;
      }
      long active =
          runs.values().stream()
              .filter(r -> jobId.equals(r.run.getJobId()))
              .filter(r -> RunStates.active(r.run.getState()))
              .filter(r -> r.run.getState().getLifeCycleState() != RunLifeCycleState.QUEUED)
              .count();
      if (active >= maxConcurrentRuns) {
        return;
      }
      for (JobRun r : runs.values()) {
        if (jobId.equals(r.run.getJobId())
            && r.run.getState().getLifeCycleState() == RunLifeCycleState.QUEUED) {
          next = r;
          set(r, RunStates.pending());
          r.run.setQueueDuration(now() - r.run.getStartTime());
          break;
        }
      }
    }
    if (next != null) {
      start.accept(next);
    }
  }

  /** The run with this id; an unknown id is refused as Databricks refuses it. */
  synchronized JobRun get(Long runId) {
    JobRun jr = runId == null ? null : runs.get(runId);
    if (jr == null) {
      throw ApiException.invalid("Run " + runId + " does not exist.");
    }
    return jr;
  }

  /** The run holding a task run, with that task run (the shown one or an earlier attempt). */
  synchronized Optional<Map.Entry<JobRun, RunTask>> findTaskRun(long taskRunId) {
    for (JobRun jr : runs.values()) {
      for (RunTask t : jr.run.getTasks()) {
        if (t.getRunId() == taskRunId) {
          return Optional.of(Map.entry(jr, t));
        }
      }
      RunTask earlier = jr.earlierAttempts.get(taskRunId);
      if (earlier != null) {
        return Optional.of(Map.entry(jr, earlier));
      }
    }
    return Optional.empty();
  }

  /** A copy of the run as the API shows it. */
  synchronized Run view(JobRun jr) {
    return Json.MAPPER.convertValue(jr.run, Run.class);
  }

  synchronized RunOutput output(JobRun jr, long taskRunId) {
    RunOutput out = jr.outputs.get(taskRunId);
    return out == null ? new RunOutput() : Json.MAPPER.convertValue(out, RunOutput.class);
  }

  /** Every run, newest first. */
  synchronized List<JobRun> all() {
    List<JobRun> out = new ArrayList<>(runs.values());
    out.sort((a, b) -> Long.compare(b.run.getStartTime(), a.run.getStartTime()));
    return out;
  }

  synchronized void delete(JobRun jr) {
    if (RunStates.active(jr.run.getState())) {
      throw ApiException.invalid("Run " + jr.id() + " is active: cancel it before deleting it.");
    }
    runs.remove(jr.id());
  }

  @Override
  public String persistenceName() {
    return "job-runs";
  }

  @Override
  public synchronized JsonNode save() {
    ArrayNode out = Json.MAPPER.createArrayNode();
    runs.values().forEach(r -> out.add(r.save()));
    return out;
  }

  @Override
  public synchronized void restore(JsonNode saved) {
    runs.clear();
    for (JsonNode node : saved) {
      JobRun jr = JobRun.restore(node);
      if (RunStates.active(jr.run.getState())) {
        String why = "The sandbox stopped while this run was active.";
        set(jr, RunStates.internalError(why));
        jr.run.setEndTime(jr.run.getStartTime());
        for (RunTask t : jr.run.getTasks()) {
          if (RunStates.active(t.getState())) {
            RunStates s = RunStates.internalError(why);
            t.setState(s.state()).setStatus(s.status());
          }
        }
      }
      runs.put(jr.id(), jr);
    }
  }
}
