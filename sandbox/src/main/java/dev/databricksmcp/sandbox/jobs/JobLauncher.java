package dev.databricksmcp.sandbox.jobs;

import com.databricks.sdk.service.jobs.Job;
import com.databricks.sdk.service.jobs.JobParameter;
import com.databricks.sdk.service.jobs.JobParameterDefinition;
import com.databricks.sdk.service.jobs.JobSettings;
import com.databricks.sdk.service.jobs.RunLifeCycleState;
import com.databricks.sdk.service.jobs.RunResultState;
import com.databricks.sdk.service.jobs.RunTask;
import com.databricks.sdk.service.jobs.RunType;
import com.databricks.sdk.service.jobs.SubmitRun;
import com.databricks.sdk.service.jobs.Task;
import com.databricks.sdk.service.jobs.TerminationCodeCode;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Starts runs (run-now, one-time runs, a run_job_task's child) and cancels them. */
final class JobLauncher {
  private final Jobs jobs;
  private final JobRuns runs;

  JobLauncher(Jobs jobs, JobRuns runs) {
    this.jobs = jobs;
    this.runs = runs;
  }

  /**
   * A run of a job: its parameters' defaults overridden by {@code jobParameters} (a name the job
   * does not define is refused), queued or skipped at {@code max_concurrent_runs}.
   */
  JobRun runNow(
      Long jobId,
      Map<String, String> jobParameters,
      String owner,
      String idempotencyToken,
      Boolean queueOverride) {
    Job job = jobs.get(jobId);
    JobSettings s = job.getSettings();
    List<JobParameter> params = parameters(s, jobParameters, jobId);
    List<Task> tasks = s.getTasks() == null ? List.of() : new ArrayList<>(s.getTasks());
    if (tasks.isEmpty()) {
      throw ApiException.invalid("Job " + jobId + " has no tasks to run.");
    }
    boolean queue =
        queueOverride != null
            ? queueOverride
            : s.getQueue() == null || !Boolean.FALSE.equals(s.getQueue().getEnabled());
    long max = s.getMaxConcurrentRuns() == null ? 1 : s.getMaxConcurrentRuns();
    return runs.create(
        jobId,
        s.getName() == null ? "Untitled" : s.getName(),
        tasks,
        params,
        owner,
        RunType.JOB_RUN,
        s.getTimeoutSeconds(),
        queue,
        max,
        idempotencyToken);
  }

  private static List<JobParameter> parameters(
      JobSettings s, Map<String, String> given, Long jobId) {
    Map<String, JobParameter> out = new LinkedHashMap<>();
    if (s.getParameters() != null) {
      for (JobParameterDefinition d : s.getParameters()) {
        out.put(
            d.getName(),
            new JobParameter()
                .setName(d.getName())
                .setDefault(d.getDefault())
                .setValue(d.getDefault()));
      }
    }
    if (given != null) {
      given.forEach(
          (k, v) -> {
            JobParameter p = out.get(k);
            if (p == null) {
              throw ApiException.invalid(
                  "Job parameter '" + k + "' is not defined for job " + jobId + ".");
            }
            p.setValue(v);
          });
    }
    return new ArrayList<>(out.values());
  }

  /** A one-time run (runs/submit): no job, no queue limit. */
  JobRun submit(SubmitRun req, String owner) {
    List<Task> tasks =
        Json.MAPPER.convertValue(
            req.getTasks() == null ? List.of() : req.getTasks(),
            new com.fasterxml.jackson.core.type.TypeReference<List<Task>>() {});
    if (tasks.isEmpty()) {
      throw ApiException.invalid("Missing required field: tasks");
    }
    JobSpecs.validateTasks(tasks);
    return runs.create(
        null,
        req.getRunName() == null ? "Untitled" : req.getRunName(),
        tasks,
        List.of(),
        owner,
        RunType.SUBMIT_RUN,
        req.getTimeoutSeconds(),
        true,
        Long.MAX_VALUE,
        req.getIdempotencyToken());
  }

  /**
   * Cancels a run: a queued one ends CANCELED at once, an active one is TERMINATING until its
   * driver stops; an ended run stays as it is.
   */
  void cancel(JobRun jr) {
    Runnable stop;
    synchronized (runs) {
      if (!RunStates.active(jr.run.getState())) {
        return;
      }
      jr.cancelRequested = true;
      if (jr.run.getState().getLifeCycleState() == RunLifeCycleState.QUEUED) {
        String why = "The run was canceled while queued.";
        runs.set(
            jr,
            RunStates.terminated(RunResultState.CANCELED, why, TerminationCodeCode.USER_CANCELED));
        jr.run.setEndTime(runs.now());
        for (RunTask t : jr.run.getTasks()) {
          RunStates s =
              RunStates.terminated(RunResultState.CANCELED, why, TerminationCodeCode.USER_CANCELED);
          t.setState(s.state()).setStatus(s.status());
        }
        return;
      }
      runs.set(jr, RunStates.terminating("The run is being canceled."));
      stop = jr.cancelCurrent;
    }
    if (stop != null) {
      stop.run();
    }
  }
}
