package dev.databricksmcp.server.tools.jobs;

import dev.databricksmcp.server.core.Param;
import java.util.Map;

/** The parameters the job tools share, declared once. */
final class JobParams {
  /**
   * The job a tool acts on, by id or by its exact name: resolved by {@link JobCalls#resolve}, so
   * not checked as an id here.
   */
  static final Param<String> JOB_ID =
      Param.string("job_id", "Job id, or the job's exact name").required();

  static final Param<String> NAME = Param.string("name", "Job name");

  static final Param<String> DESCRIPTION = Param.string("description", "What the job is for");

  /** Job parameters with their defaults: each is {{job.parameters.x}} in tasks, :x in SQL. */
  static final Param<Map<String, Object>> PARAMETERS =
      Param.object(
          "parameters",
          "Job parameters as name -> default value, e.g. {\"day\": \"2026-01-31\"}; tasks read"
              + " them as {{job.parameters.day}}, SQL tasks as :day");

  static final Param<Integer> MAX_CONCURRENT_RUNS =
      Param.integer("max_concurrent_runs", "Runs of the job allowed at once ({min}-{max})")
          .range(0, 1000);

  static final Param<Integer> TIMEOUT_SECONDS =
      Param.integer("timeout_seconds", "A run taking longer is stopped (seconds; 0: no limit)")
          .range(0, Integer.MAX_VALUE);

  static final Param<Map<String, Object>> SCHEDULE =
      Param.object(
          "schedule",
          "Databricks' schedule: {\"quartz_cron_expression\": \"0 0 6 * * ?\", \"timezone_id\":"
              + " \"UTC\", \"pause_status\": \"UNPAUSED\"}");

  /** How long a run start waits for the run to end. */
  static final Param<Integer> WAIT_SECONDS =
      Param.integer(
              "wait_seconds",
              "How long to wait for the run to end ({min}-{max}; 0: start it and return)")
          .range(0, 300)
          .withDefault(30);

  /** Values for the job's parameters in one run. */
  static final Param<Map<String, Object>> JOB_PARAMETERS =
      Param.object(
          "job_parameters",
          "Values for the job's parameters in this run (name -> value); the others keep their"
              + " defaults");

  private JobParams() {}

  /** Name → value pairs as the Jobs API takes them: every value as text. */
  static Map<String, String> strings(Map<String, Object> values) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }
}
