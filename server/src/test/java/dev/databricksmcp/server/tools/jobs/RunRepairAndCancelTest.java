package dev.databricksmcp.server.tools.jobs;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.errorCode;
import static dev.databricksmcp.server.tools.jobs.RunToolsTest.id;
import static dev.databricksmcp.server.tools.jobs.RunToolsTest.list;
import static dev.databricksmcp.server.tools.jobs.RunToolsTest.message;
import static dev.databricksmcp.server.tools.jobs.RunToolsTest.ok;
import static dev.databricksmcp.server.tools.jobs.RunToolsTest.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.service.jobs.GetRunRequest;
import com.databricks.sdk.service.jobs.RunLifeCycleState;
import dev.databricksmcp.server.testing.SandboxFixture;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A run that fails explained in one call, fixed and repaired (only the failed task and its
 * dependents run again); cancel of a running run, cancel of all a job's runs, and a confirmed
 * delete.
 */
@Timeout(120)
class RunRepairAndCancelTest {
  private static SandboxFixture fx;
  private static SandboxJobs jobs;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture();
    jobs = new SandboxJobs(fx.adminClient());
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void aFailureIsExplainedInOneCallAndRepairRerunsOnlyTheFailedTaskAndItsDependents() {
    String missing = "main.default.runs_missing_" + SandboxJobs.unique();
    long job =
        jobs.job(
            "fails",
            jobs.sql("first", "SELECT 1"),
            jobs.sql("read", "SELECT count(*) AS n FROM " + missing, "first"),
            jobs.sql("after", "SELECT 2", "read"));
    long runId = jobs.runNow(job);

    CallToolResult failed = fx.call("get_job_run", Map.of("run_id", runId, "wait_seconds", 60));
    Map<String, Object> run = ok(failed);
    assertThat(run).containsEntry("state", "FAILED");
    @SuppressWarnings("unchecked")
    Map<String, Object> failure = (Map<String, Object>) run.get("failure");
    assertThat(failure).containsEntry("task_key", "read").containsEntry("state", "FAILED");
    assertThat(String.valueOf(failure.get("error"))).contains("TABLE_OR_VIEW_NOT_FOUND");
    assertThat(failure.get("skipped_tasks")).isEqualTo(List.of("after"));
    assertThat(id(failure.get("run_id"))).isEqualTo(id(task(run, "read").get("run_id")));
    assertThat(message(failed))
        .contains("'read' failed first")
        .contains("TABLE_OR_VIEW_NOT_FOUND")
        .contains("after")
        .contains("repair_run");
    CallToolResult output = fx.call("get_run_output", Map.of("run_id", runId, "task_key", "read"));
    assertThat(String.valueOf(ok(output).get("error"))).contains("TABLE_OR_VIEW_NOT_FOUND");

    jobs.reset(
        job,
        "fixed",
        jobs.sql("first", "SELECT 1"),
        jobs.sql("read", "SELECT 41 + 1 AS n", "first"),
        jobs.sql("after", "SELECT 2", "read"));
    CallToolResult repaired = fx.call("repair_run", Map.of("run_id", runId, "wait_seconds", 60));
    Map<String, Object> after = ok(repaired);
    assertThat(after).containsEntry("state", "SUCCESS");
    assertThat(after.get("rerun_tasks")).isEqualTo(List.of("read", "after"));
    assertThat(id(task(after, "first").get("run_id")))
        .isEqualTo(id(task(run, "first").get("run_id")));
    assertThat(id(task(after, "read").get("run_id")))
        .isNotEqualTo(id(task(run, "read").get("run_id")));
    assertThat(list(after, "repair_history"))
        .extracting(h -> h.get("type"))
        .containsExactly("ORIGINAL", "REPAIR");
    assertThat(message(repaired)).contains("read").contains("SUCCESS");
    Map<String, Object> read =
        ok(fx.call("get_run_output", Map.of("run_id", runId, "task_key", "read")));
    @SuppressWarnings("unchecked")
    Map<String, Object> sql = (Map<String, Object>) read.get("sql_output");
    RunToolsTest.assertRows(list(sql, "statements").get(0), List.of("n"), List.of(List.of("42")));
    assertThat(read).containsEntry("state", "SUCCESS");

    // a second repair needs the latest repair id, which the tool reads from the run itself
    Map<String, Object> again =
        ok(
            fx.call(
                "repair_run",
                Map.of("run_id", runId, "rerun_tasks", List.of("after"), "wait_seconds", 60)));
    assertThat(again.get("rerun_tasks")).isEqualTo(List.of("after"));
    assertThat(list(again, "repair_history")).hasSize(3);
  }

  @Test
  void cancelRunStopsARunningRunAndWaitsForItsEnd() throws Exception {
    long job = jobs.job("slow", jobs.sql("sleep", "SELECT sandbox_sleep(30)"));
    long runId = jobs.runNow(job);
    awaitRunning(runId);
    CallToolResult canceled = fx.call("cancel_run", Map.of("run_id", runId, "wait_seconds", 60));
    assertThat(ok(canceled)).containsEntry("state", "CANCELED");
    assertThat(message(canceled)).contains("ended CANCELED");
    CallToolResult again = fx.call("cancel_run", Map.of("run_id", runId));
    assertThat(message(again)).contains("already ended CANCELED");
  }

  @Test
  void cancelAllRunsSaysHowManyWereActive() throws Exception {
    long job = jobs.job("many", jobs.sql("sleep", "SELECT sandbox_sleep(30)"));
    long first = jobs.runNow(job);
    long second = jobs.runNow(job);
    awaitRunning(first);
    CallToolResult r = fx.call("cancel_all_runs", Map.of("job_id", job));
    Map<String, Object> data = ok(r);
    assertThat(data).containsEntry("active_runs", 2);
    assertThat(((List<?>) data.get("run_ids")).stream().map(RunToolsTest::id))
        .containsExactlyInAnyOrder(first, second);
    assertThat(message(r)).contains("2 runs were active");
    for (long runId : List.of(first, second)) {
      assertThat(ok(fx.call("get_job_run", Map.of("run_id", runId, "wait_seconds", 60))))
          .containsEntry("state", "CANCELED");
    }
    assertThat(message(fx.call("cancel_all_runs", Map.of("job_id", job))))
        .contains("0 runs were active");
  }

  @Test
  void deleteRunIsConfirmedAndAnActiveRunIsRefusedByTheApi() throws Exception {
    long job = jobs.job("doomed", jobs.sql("one", "SELECT 1"));
    long runId = jobs.runNow(job);
    ok(fx.call("get_job_run", Map.of("run_id", runId, "wait_seconds", 60)));
    CallToolResult asked = fx.callConfirming("delete_run", Map.of("run_id", runId));
    assertThat(errorCode(asked)).isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(String.valueOf(body(asked).get("error")))
        .contains(String.valueOf(runId))
        .contains("doomed");
    @SuppressWarnings("unchecked")
    Map<String, Object> details = (Map<String, Object>) body(asked).get("details");
    Map<String, Object> confirmed = new HashMap<>(Map.of("run_id", runId));
    confirmed.put("confirmation_token", details.get("confirmation_token"));
    assertThat(ok(fx.callConfirming("delete_run", confirmed))).containsEntry("deleted", true);
    assertThat(errorCode(fx.call("get_job_run", Map.of("run_id", runId)))).isEqualTo("NOT_FOUND");

    long slow = jobs.runNow(jobs.job("busy", jobs.sql("sleep", "SELECT sandbox_sleep(30)")));
    awaitRunning(slow);
    CallToolResult refused = fx.call("delete_run", Map.of("run_id", slow));
    assertThat(errorCode(refused)).isEqualTo("VALIDATION_ERROR");
    assertThat(String.valueOf(body(refused).get("error"))).contains("active");
    ok(fx.call("cancel_run", Map.of("run_id", slow)));
  }

  /** Until the run is RUNNING: polled, bounded by the test's timeout, no fixed sleep asserted. */
  private static void awaitRunning(long runId) throws InterruptedException {
    while (fx.adminClient()
            .jobs()
            .getRun(new GetRunRequest().setRunId(runId))
            .getState()
            .getLifeCycleState()
        != RunLifeCycleState.RUNNING) {
      Thread.sleep(50);
    }
  }
}
