package dev.databricksmcp.sandbox.jobs;

import com.databricks.sdk.service.jobs.RunOutput;
import com.databricks.sdk.service.jobs.RunResultState;
import com.databricks.sdk.service.jobs.Task;
import com.databricks.sdk.service.jobs.TerminationCodeCode;
import dev.databricksmcp.sandbox.auth.Principal;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How one type of task runs (sql_task, notebook_task, spark_python_task, condition_task,
 * run_job_task, …). {@link TaskKinds} picks the kind by the task's type field; a type no kind runs
 * ends FAILED saying the sandbox does not run it, so another kind is one more entry there.
 */
interface TaskKind {
  /** The task's own type field, e.g. {@code sql_task}. */
  String type();

  Outcome run(Context context) throws InterruptedException;

  /**
   * What a task run has to go on.
   *
   * @param references the dynamic value references it may use ({@code job.parameters.x}, …)
   * @param deadlineMillis when it times out, on the jobs' clock; 0 for never
   * @param onCancel registers what to cancel when the run is canceled (a statement, a child run)
   */
  record Context(
      JobRun run,
      Task task,
      long taskRunId,
      Principal owner,
      Map<String, String> references,
      long deadlineMillis,
      Consumer<Runnable> onCancel) {

    String resolve(String text) {
      return DynamicValues.resolve(text, references);
    }

    /** Milliseconds left before the deadline (at least 1), or 0 when there is none. */
    long remainingMillis(long now) {
      return deadlineMillis == 0 ? 0 : Math.max(1, deadlineMillis - now);
    }
  }

  /**
   * How a task run ended.
   *
   * @param output what get-output shows for it (error included)
   * @param conditionOutcome a condition task's "true" or "false"
   */
  record Outcome(
      RunResultState result,
      String message,
      TerminationCodeCode code,
      RunOutput output,
      String conditionOutcome) {

    static Outcome success(RunOutput output) {
      return new Outcome(RunResultState.SUCCESS, "", TerminationCodeCode.SUCCESS, output, null);
    }

    static Outcome failed(TerminationCodeCode code, String error) {
      return new Outcome(RunResultState.FAILED, error, code, new RunOutput().setError(error), null);
    }

    static Outcome timedOut(RunOutput output) {
      String why = "The task timed out.";
      return new Outcome(
          RunResultState.TIMEDOUT,
          why,
          TerminationCodeCode.RUN_EXECUTION_ERROR,
          (output == null ? new RunOutput() : output).setError(why),
          null);
    }

    static Outcome canceled(RunOutput output) {
      String why = "The run was canceled.";
      return new Outcome(
          RunResultState.CANCELED,
          why,
          TerminationCodeCode.USER_CANCELED,
          output == null ? new RunOutput() : output,
          null);
    }
  }

  /** Every dynamic value reference a run defines for a task. */
  static Map<String, String> references(JobRun jr, Task task, long taskRunId) {
    Map<String, String> refs = new java.util.HashMap<>();
    jr.jobParameters.forEach((k, v) -> refs.put("job.parameters." + k, v));
    if (jr.run.getJobId() != null) {
      refs.put("job.id", String.valueOf(jr.run.getJobId()));
    }
    refs.put("job.run_id", String.valueOf(jr.id()));
    refs.put("job.name", jr.run.getRunName());
    refs.put("task.name", task.getTaskKey());
    refs.put("task.run_id", String.valueOf(taskRunId));
    jr.run
        .getTasks()
        .forEach(
            t -> {
              refs.put("tasks." + t.getTaskKey() + ".run_id", String.valueOf(t.getRunId()));
              if (t.getState().getResultState() != null) {
                refs.put(
                    "tasks." + t.getTaskKey() + ".result_state",
                    t.getState().getResultState().toString());
              }
            });
    return refs;
  }
}
