package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.JobsContractTest.BASE;
import static dev.databricksmcp.sandbox.contract.JobsContractTest.createJob;
import static dev.databricksmcp.sandbox.contract.JobsContractTest.sqlTask;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.analyst;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.sdk;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.service.jobs.GetRunRequest;
import com.databricks.sdk.service.jobs.Run;
import com.databricks.sdk.service.jobs.RunResultState;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.sql.Warehouses;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Jobs API 2.2 runs against its reference (https://docs.databricks.com/api/workspace/jobs). An
 * unknown run is 400 INVALID_PARAMETER_VALUE "Run … does not exist.", which the SDK turns into
 * ResourceDoesNotExist on runs/get (its ErrorOverrides, "Job Runs InvalidParameterValue=>
 * ResourceDoesNotExist"), as an unknown job is (JobsContractTest). The get-output of a job run with
 * tasks is 400 INVALID_PARAMETER_VALUE "Retrieving the output of runs with multiple tasks is not
 * supported. …" as the service answers it (databricks/databricks-sdk-go#375,
 * PrefectHQ/prefect#13127). The pages are silent on repairing a run still active and on deleting
 * one: the sandbox refuses both with INVALID_PARAMETER_VALUE.
 */
@Timeout(120)
@ExtendWith(SharedSandbox.class)
class JobRunsContractTest {
  private static final String RUNS = BASE + "/runs";
  private static final String INVALID = "INVALID_PARAMETER_VALUE";

  /**
   * Get: the run with its tasks, each with its own run_id, state and status, times and
   * attempt_number; state moves to TERMINATED with result_state SUCCESS.
   * https://docs.databricks.com/api/workspace/jobs/getrun
   */
  @Test
  @Contract(
      value = "GET /api/2.2/jobs/runs/get",
      doc = "https://docs.databricks.com/api/workspace/jobs/getrun")
  void getShowsTheRunAndItsTasks() throws Exception {
    long job = createJob(unique("get"), sqlTask("a", null), sqlTask("b", "a"));
    long runId = runNow(job);
    JsonNode run = awaitEnd(runId);
    assertThat(run.get("job_id").asLong()).isEqualTo(job);
    assertThat(run.get("run_type").asText()).isEqualTo("JOB_RUN");
    assertThat(run.get("state").get("life_cycle_state").asText()).isEqualTo("TERMINATED");
    assertThat(run.get("state").get("result_state").asText()).isEqualTo("SUCCESS");
    assertThat(run.get("status").get("state").asText()).isEqualTo("TERMINATED");
    assertThat(run.get("status").get("termination_details").get("code").asText())
        .isEqualTo("SUCCESS");
    assertThat(run.get("tasks")).hasSize(2);
    for (JsonNode t : run.get("tasks")) {
      assertThat(t.get("run_id").asLong()).isNotEqualTo(runId);
      assertThat(t.get("attempt_number").asInt()).isZero();
      assertThat(t.get("start_time").asLong()).isPositive();
      assertThat(t.get("end_time").asLong()).isGreaterThanOrEqualTo(t.get("start_time").asLong());
    }
    Run viaSdk = sdk(Identities.ADMIN_TOKEN).jobs().getRun(new GetRunRequest().setRunId(runId));
    assertThat(viaSdk.getState().getResultState()).isEqualTo(RunResultState.SUCCESS);
    JobsContractTest.doesNotExist(admin().get(RUNS + "/get?run_id=123"));
    analyst()
        .get(RUNS + "/get?run_id=" + runId)
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
  }

  /**
   * Get output: of a task run, {@code sql_output} (query_output: query_text, warehouse_id,
   * sql_statements) and {@code metadata}; of a job run with tasks, the documented refusal.
   * https://docs.databricks.com/api/workspace/jobs/getrunoutput
   */
  @Test
  @Contract(
      value = "GET /api/2.2/jobs/runs/get-output",
      doc = "https://docs.databricks.com/api/workspace/jobs/getrunoutput")
  void getOutputIsPerTaskRun() throws Exception {
    long runId = runNow(createJob(unique("output"), sqlTask("a", null)));
    JsonNode run = awaitEnd(runId);
    long task = run.get("tasks").get(0).get("run_id").asLong();
    JsonNode out = admin().get(RUNS + "/get-output?run_id=" + task).ok();
    JsonNode q = out.get("sql_output").get("query_output");
    assertThat(q.get("query_text").asText()).contains("samples.nyctaxi.trips");
    assertThat(q.get("warehouse_id").asText()).isEqualTo(Warehouses.STARTER_ID);
    assertThat(q.get("sql_statements").get(0).get("lookup_key").asText()).isNotBlank();
    assertThat(out.get("metadata").get("run_id").asLong()).isEqualTo(task);
    assertThat(out.get("metadata").get("state").get("result_state").asText()).isEqualTo("SUCCESS");
    Reply multi = admin().get(RUNS + "/get-output?run_id=" + runId);
    multi.isError(400, INVALID, InvalidParameterValue.class);
    assertThat(multi.json().get("message").asText())
        .startsWith("Retrieving the output of runs with multiple tasks is not supported.");
    admin().get(RUNS + "/get-output?run_id=123").isError(400, INVALID, InvalidParameterValue.class);
  }

  /**
   * Submit: a one-time run, {@code {run_id}}; its run_type is SUBMIT_RUN and it belongs to no job.
   * https://docs.databricks.com/api/workspace/jobs/submit
   */
  @Test
  @Contract(
      value = "POST /api/2.2/jobs/runs/submit",
      doc = "https://docs.databricks.com/api/workspace/jobs/submit")
  void submitRunsOnce() throws Exception {
    JsonNode submitted =
        admin()
            .post(
                RUNS + "/submit",
                "{\"run_name\": \"once\", \"tasks\": [" + sqlTask("a", null) + "]}")
            .ok();
    JsonNode run = awaitEnd(submitted.get("run_id").asLong());
    assertThat(run.get("run_type").asText()).isEqualTo("SUBMIT_RUN");
    assertThat(run.has("job_id")).isFalse();
    assertThat(run.get("state").get("result_state").asText()).isEqualTo("SUCCESS");
    admin()
        .post(RUNS + "/submit", "{\"run_name\": \"none\"}")
        .isError(400, INVALID, InvalidParameterValue.class);
  }

  /**
   * List: {@code {runs: [BaseRun], has_more, next_page_token, prev_page_token}}, newest first,
   * filtered by job_id, active_only / completed_only (not both), start_time_from / start_time_to,
   * paged by limit (at most 25) and page_token.
   * https://docs.databricks.com/api/workspace/jobs/listruns
   */
  @Test
  @Contract(
      value = "GET /api/2.2/jobs/runs/list",
      doc = "https://docs.databricks.com/api/workspace/jobs/listruns")
  void listFiltersAndPages() throws Exception {
    long job = createJob(unique("list"), sqlTask("a", null));
    long first = runNow(job);
    awaitEnd(first);
    long second = runNow(job);
    awaitEnd(second);
    JsonNode all = admin().get(RUNS + "/list?job_id=" + job).ok();
    assertThat(runIds(all)).containsExactly(second, first);
    assertThat(all.get("runs").get(0).has("tasks")).isFalse();
    assertThat(
            admin()
                .get(RUNS + "/list?expand_tasks=true&job_id=" + job)
                .ok()
                .get("runs")
                .get(0)
                .get("tasks"))
        .hasSize(1);
    assertThat(runIds(admin().get(RUNS + "/list?active_only=true&job_id=" + job).ok())).isEmpty();
    assertThat(runIds(admin().get(RUNS + "/list?completed_only=true&job_id=" + job).ok()))
        .hasSize(2);
    JsonNode page = admin().get(RUNS + "/list?limit=1&job_id=" + job).ok();
    assertThat(runIds(page)).containsExactly(second);
    assertThat(page.get("has_more").asBoolean()).isTrue();
    JsonNode next =
        admin()
            .get(
                Wire.query(
                    RUNS + "/list",
                    "job_id",
                    String.valueOf(job),
                    "limit",
                    "1",
                    "page_token",
                    page.get("next_page_token").asText()))
            .ok();
    assertThat(runIds(next)).containsExactly(first);
    long startOfSecond =
        admin().get(RUNS + "/get?run_id=" + second).ok().get("start_time").asLong();
    assertThat(
            runIds(
                admin()
                    .get(RUNS + "/list?job_id=" + job + "&start_time_from=" + startOfSecond)
                    .ok()))
        .contains(second);
    admin()
        .get(RUNS + "/list?active_only=true&completed_only=true")
        .isError(400, INVALID, InvalidParameterValue.class);
    admin().get(RUNS + "/list?limit=26").isError(400, INVALID, InvalidParameterValue.class);
  }

  /**
   * Cancel: {@code {}}; the run ends with result_state CANCELED. Cancel all: every active run of a
   * job. https://docs.databricks.com/api/workspace/jobs/cancelrun,
   * https://docs.databricks.com/api/workspace/jobs/cancelallruns
   */
  @Test
  @Contract(
      value = "POST /api/2.2/jobs/runs/cancel",
      doc = "https://docs.databricks.com/api/workspace/jobs/cancelrun")
  @Contract(
      value = "POST /api/2.2/jobs/runs/cancel-all",
      doc = "https://docs.databricks.com/api/workspace/jobs/cancelallruns")
  void cancelEndsRuns() throws Exception {
    String slow =
        admin()
            .post(
                "/api/2.0/sql/queries",
                "{\"query\": {\"display_name\": \""
                    + unique("slow")
                    + "\", \"query_text\": \"SELECT sandbox_sleep(30)\"}}")
            .ok()
            .get("id")
            .asText();
    String task =
        "{\"task_key\": \"slow\", \"sql_task\": {\"warehouse_id\": \""
            + Warehouses.STARTER_ID
            + "\", \"query\": {\"query_id\": \""
            + slow
            + "\"}}}";
    long job = createJob(unique("cancel"), task);
    long first = runNow(job);
    admin().post(RUNS + "/cancel", "{\"run_id\": " + first + "}").okEmpty();
    JsonNode canceled = awaitEnd(first);
    assertThat(canceled.get("state").get("result_state").asText()).isEqualTo("CANCELED");
    assertThat(canceled.get("status").get("termination_details").get("code").asText())
        .isEqualTo("USER_CANCELED");

    long second = runNow(job);
    long third = runNow(job);
    admin().post(RUNS + "/cancel-all", "{\"job_id\": " + job + "}").okEmpty();
    assertThat(awaitEnd(second).get("state").get("result_state").asText()).isEqualTo("CANCELED");
    assertThat(awaitEnd(third).get("state").get("result_state").asText()).isEqualTo("CANCELED");
    admin()
        .post(RUNS + "/cancel", "{\"run_id\": 123}")
        .isError(400, INVALID, InvalidParameterValue.class);
    admin().post(RUNS + "/cancel-all", "{}").isError(400, INVALID, InvalidParameterValue.class);
  }

  /**
   * Repair: {@code {repair_id}}; only the tasks named (with their dependents) run again as new task
   * runs; {@code repair_history} lists the original run and the repair.
   * https://docs.databricks.com/api/workspace/jobs/repairrun
   */
  @Test
  @Contract(
      value = "POST /api/2.2/jobs/runs/repair",
      doc = "https://docs.databricks.com/api/workspace/jobs/repairrun")
  void repairRerunsTheTasksNamed() throws Exception {
    long runId = runNow(createJob(unique("repair"), sqlTask("a", null), sqlTask("b", "a")));
    JsonNode before = awaitEnd(runId);
    JsonNode repair =
        admin()
            .post(RUNS + "/repair", "{\"run_id\": " + runId + ", \"rerun_tasks\": [\"b\"]}")
            .ok();
    assertThat(repair.get("repair_id").asLong()).isPositive();
    JsonNode after = awaitEnd(runId);
    assertThat(after.get("state").get("result_state").asText()).isEqualTo("SUCCESS");
    assertThat(after.get("tasks").get(0).get("run_id"))
        .isEqualTo(before.get("tasks").get(0).get("run_id"));
    assertThat(after.get("tasks").get(1).get("run_id"))
        .isNotEqualTo(before.get("tasks").get(1).get("run_id"));
    assertThat(after.get("repair_history")).hasSize(2);
    assertThat(after.get("repair_history").get(0).get("type").asText()).isEqualTo("ORIGINAL");
    assertThat(after.get("repair_history").get(1).get("type").asText()).isEqualTo("REPAIR");
    admin()
        .post(RUNS + "/repair", "{\"run_id\": " + runId + "}")
        .isError(400, INVALID, InvalidParameterValue.class);
    admin()
        .post(RUNS + "/repair", "{\"run_id\": " + runId + ", \"rerun_tasks\": [\"zz\"]}")
        .isError(400, INVALID, InvalidParameterValue.class);
  }

  /**
   * Repair reruns tasks with the job's current settings ("They use the current job and task
   * settings"): a failing task fixed with reset since the run succeeds when repaired.
   * https://docs.databricks.com/api/workspace/jobs/repairrun
   */
  @Test
  @Contract(
      value = "POST /api/2.2/jobs/runs/repair",
      doc = "https://docs.databricks.com/api/workspace/jobs/repairrun")
  void repairUsesTheJobsCurrentTaskSettings() throws Exception {
    String broken = savedQuery("SELECT * FROM main.default.never_" + unique("t").replace('-', '_'));
    String fixed = savedQuery("SELECT 1");
    long job = createJob(unique("fix"), queryTask("a", broken));
    long runId = runNow(job);
    assertThat(awaitEnd(runId).get("state").get("result_state").asText()).isEqualTo("FAILED");
    admin()
        .post(
            BASE + "/reset",
            "{\"job_id\": "
                + job
                + ", \"new_settings\": {\"name\": \"fixed\", \"tasks\": ["
                + queryTask("a", fixed)
                + "]}}")
        .okEmpty();
    admin()
        .post(RUNS + "/repair", "{\"run_id\": " + runId + ", \"rerun_all_failed_tasks\": true}")
        .ok();
    assertThat(awaitEnd(runId).get("state").get("result_state").asText()).isEqualTo("SUCCESS");
  }

  private static String savedQuery(String sql) {
    return admin()
        .post(
            "/api/2.0/sql/queries",
            "{\"query\": {\"display_name\": \""
                + unique("q")
                + "\", \"query_text\": \""
                + sql
                + "\"}}")
        .ok()
        .get("id")
        .asText();
  }

  private static String queryTask(String key, String queryId) {
    return "{\"task_key\": \""
        + key
        + "\", \"sql_task\": {\"warehouse_id\": \""
        + Warehouses.STARTER_ID
        + "\", \"query\": {\"query_id\": \""
        + queryId
        + "\"}}}";
  }

  /**
   * Export: of a notebook task run, {@code {views: [{content, name, type}]}}; of another task run,
   * refused. https://docs.databricks.com/api/workspace/jobs/exportrun
   */
  @Test
  @Contract(
      value = "GET /api/2.2/jobs/runs/export",
      doc = "https://docs.databricks.com/api/workspace/jobs/exportrun")
  void exportIsForNotebookRuns() throws Exception {
    String nb =
        "{\"task_key\": \"nb\", \"notebook_task\": {\"notebook_path\": \"/Users/x/missing\"}}";
    JsonNode run = awaitEnd(runNow(createJob(unique("export"), nb)));
    assertThat(run.get("state").get("result_state").asText()).isEqualTo("FAILED");
    long task = run.get("tasks").get(0).get("run_id").asLong();
    JsonNode out = admin().get(RUNS + "/get-output?run_id=" + task).ok();
    assertThat(out.get("error").asText()).isEqualTo("notebook not found at /Users/x/missing");
    JsonNode exported = admin().get(RUNS + "/export?run_id=" + task).ok();
    assertThat(exported.get("views").get(0).get("type").asText()).isEqualTo("NOTEBOOK");
    assertThat(exported.get("views").get(0).get("name").asText()).isEqualTo("/Users/x/missing");
    long sqlRun =
        awaitEnd(runNow(createJob(unique("export-sql"), sqlTask("a", null))))
            .get("tasks")
            .get(0)
            .get("run_id")
            .asLong();
    admin()
        .get(RUNS + "/export?run_id=" + sqlRun)
        .isError(400, INVALID, InvalidParameterValue.class);
  }

  /**
   * Delete: {@code {}}; the run is gone. https://docs.databricks.com/api/workspace/jobs/deleterun
   */
  @Test
  @Contract(
      value = "POST /api/2.2/jobs/runs/delete",
      doc = "https://docs.databricks.com/api/workspace/jobs/deleterun")
  void deleteRemovesAnEndedRun() throws Exception {
    long runId = runNow(createJob(unique("delete"), sqlTask("a", null)));
    awaitEnd(runId);
    admin().post(RUNS + "/delete", "{\"run_id\": " + runId + "}").okEmpty();
    JobsContractTest.doesNotExist(admin().get(RUNS + "/get?run_id=" + runId));
    admin()
        .post(RUNS + "/delete", "{\"run_id\": " + runId + "}")
        .isError(400, INVALID, InvalidParameterValue.class);
  }

  private static long runNow(long job) {
    return admin().post(BASE + "/run-now", "{\"job_id\": " + job + "}").ok().get("run_id").asLong();
  }

  static JsonNode awaitEnd(long runId) throws InterruptedException {
    for (int i = 0; i < 1200; i++) {
      JsonNode run = admin().get(RUNS + "/get?run_id=" + runId).ok();
      String s = run.get("state").get("life_cycle_state").asText();
      if (s.equals("TERMINATED") || s.equals("SKIPPED") || s.equals("INTERNAL_ERROR")) {
        return run;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("run " + runId + " did not end");
  }

  private static List<Long> runIds(JsonNode list) {
    List<Long> out = new ArrayList<>();
    if (list.has("runs")) {
      list.get("runs").forEach(r -> out.add(r.get("run_id").asLong()));
    }
    return out;
  }
}
