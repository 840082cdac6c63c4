package dev.databricksmcp.sandbox.jobs;

import com.databricks.sdk.service.jobs.RunJobOutput;
import com.databricks.sdk.service.jobs.RunJobTask;
import com.databricks.sdk.service.jobs.RunOutput;
import com.databricks.sdk.service.jobs.RunResultState;
import com.databricks.sdk.service.jobs.RunState;
import com.databricks.sdk.service.jobs.TerminationCodeCode;
import dev.databricksmcp.sandbox.compute.ComputeClock;
import dev.databricksmcp.sandbox.http.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code run_job_task}: runs another job with the given {@code job_parameters} (dynamic values
 * resolved) and waits for it; succeeds when that run succeeds. The output names the child run
 * ({@code run_job_output.run_id}); canceling this run cancels the child.
 */
final class RunJobTaskKind implements TaskKind {
  private static final long POLL_MILLIS = 20;

  private final JobLauncher launcher;
  private final JobRuns runs;
  private final ComputeClock clock;

  RunJobTaskKind(JobLauncher launcher, JobRuns runs, ComputeClock clock) {
    this.launcher = launcher;
    this.runs = runs;
    this.clock = clock;
  }

  @Override
  public String type() {
    return "run_job_task";
  }

  @Override
  public Outcome run(Context c) throws InterruptedException {
    RunJobTask rj = c.task().getRunJobTask();
    Map<String, String> params = new LinkedHashMap<>();
    if (rj.getJobParameters() != null) {
      rj.getJobParameters().forEach((k, v) -> params.put(k, c.resolve(v)));
    }
    JobRun child;
    try {
      child = launcher.runNow(rj.getJobId(), params, c.run().owner, null, null);
    } catch (ApiException e) {
      return Outcome.failed(TerminationCodeCode.RESOURCE_NOT_FOUND, e.getMessage());
    }
    RunOutput out = new RunOutput().setRunJobOutput(new RunJobOutput().setRunId(child.id()));
    c.onCancel().accept(() -> launcher.cancel(child));
    try {
      while (true) {
        RunState s = runs.view(child).getState();
        if (!RunStates.active(s)) {
          if (s.getResultState() == RunResultState.SUCCESS) {
            return Outcome.success(out);
          }
          if (c.run().cancelRequested) {
            return Outcome.canceled(out);
          }
          String why = "The run of job " + rj.getJobId() + " ended " + s.getResultState() + ".";
          return new Outcome(
              RunResultState.FAILED,
              why,
              TerminationCodeCode.RUN_EXECUTION_ERROR,
              out.setError(why),
              null);
        }
        if (c.deadlineMillis() > 0 && clock.millis() >= c.deadlineMillis()) {
          launcher.cancel(child);
          return Outcome.timedOut(out);
        }
        Thread.sleep(POLL_MILLIS);
      }
    } finally {
      c.onCancel().accept(null);
    }
  }
}
