package dev.databricksmcp.server.tools.jobs;

import dev.databricksmcp.server.core.Param;

/** The parameters the run tools share, declared once. */
final class RunParams {
  /** A job run, or one task's run (the ids get_job_run lists under tasks). */
  static final Param<Long> RUN_ID =
      Param.numericId("run_id", "Run id (from list_job_runs, run_job or get_job_run)").required();

  /** The job whose runs a tool lists or cancels: by id or exact name, as the job tools take it. */
  static final Param<String> JOB_ID =
      Param.string("job_id", "Job id, or the job's exact name (list_jobs)");

  /** One task of a multi-task job run, by its key. */
  static final Param<String> TASK_KEY =
      Param.string("task_key", "A task of the run, by its task_key (listed by get_job_run)");

  /** How long get_job_run waits for the run to end; a read answers at once unless asked. */
  static final Param<Integer> WAIT_SECONDS =
      Param.integer(
              "wait_seconds",
              "Wait up to this many seconds for the run to end ({min}-{max}; default {default}:"
                  + " answer at once)")
          .range(0, 120)
          .withDefault(0);

  /** How long cancel and repair wait for the run to end. */
  static final Param<Integer> CHANGE_WAIT_SECONDS =
      WAIT_SECONDS
          .describedAs(
              "Wait up to this many seconds for the run to end ({min}-{max}; 0: do not wait;"
                  + " default {default})")
          .withDefault(30);

  private RunParams() {}
}
