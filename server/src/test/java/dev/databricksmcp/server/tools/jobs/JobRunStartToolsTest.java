package dev.databricksmcp.server.tools.jobs;

import static dev.databricksmcp.server.testing.SandboxFixture.errorCode;
import static dev.databricksmcp.server.tools.jobs.JobTestTasks.list;
import static dev.databricksmcp.server.tools.jobs.JobTestTasks.message;
import static dev.databricksmcp.server.tools.jobs.JobTestTasks.ok;
import static dev.databricksmcp.server.tools.jobs.JobTestTasks.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.service.jobs.CancelRun;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import dev.databricksmcp.sandbox.sql.Warehouses;
import dev.databricksmcp.server.testing.SandboxFixture;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * run_job_now and submit_run against the sandbox, whose runs really run their SQL: a two-task job
 * run with a parameter waited on to SUCCESS with each task's state; a failing task named with its
 * error and the tasks skipped after it; a run not waited on handed back with how to follow it.
 */
@Timeout(180)
class JobRunStartToolsTest {
  private static SandboxFixture fx;
  private static JobTestTasks tasks;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture();
    tasks = new JobTestTasks(fx);
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static Object create(String name, List<Map<String, Object>> given) {
    return ok(fx.call(
            "create_job", Map.of("name", name, "tasks", given, "parameters", Map.of("n", "1"))))
        .get("job_id");
  }

  @Test
  void aTwoTaskJobRunsWithItsParameterToSuccess() {
    String table = "main.default.jobs_run_" + unique();
    String name = "two tasks " + unique();
    create(
        name,
        List.of(
            tasks.sqlTask("create", "CREATE TABLE " + table + " AS SELECT CAST(:n AS INT) AS n"),
            tasks.sqlTask(
                "double", "INSERT INTO " + table + " SELECT CAST(:n AS INT) * 2", "create")));

    CallToolResult r =
        fx.call(
            "run_job_now",
            Map.of("job_id", name, "job_parameters", Map.of("n", 21), "wait_seconds", 120));
    Map<String, Object> run = ok(r);
    assertThat(run).containsEntry("state", "SUCCESS").containsKey("run_id");
    assertThat(run.get("job_parameters")).isEqualTo(Map.of("n", "21"));
    List<Map<String, Object>> each = list(run, "tasks");
    assertThat(each)
        .extracting(t -> t.get("task_key"))
        .containsExactlyInAnyOrder("create", "double");
    assertThat(each).extracting(t -> t.get("state")).containsOnly("SUCCESS");
    assertThat(run).doesNotContainKey("failed_task");
    assertThat(message(r))
        .contains("Started run")
        .contains("ended SUCCESS")
        .contains("2 of 2 tasks");
    assertThat(
            fx.adminClient()
                .statementExecution()
                .executeStatement(
                    new ExecuteStatementRequest()
                        .setWarehouseId(Warehouses.STARTER_ID)
                        .setWaitTimeout("30s")
                        .setStatement("SELECT n FROM " + table + " ORDER BY n"))
                .getResult()
                .getDataArray())
        .containsExactly(List.of("21"), List.of("42"));
  }

  @Test
  void aFailedRunNamesTheTaskThatFailedItsErrorAndWhatWasSkipped() {
    String missing = "main.default.never_there_" + unique();
    Object jobId =
        create(
            "failing " + unique(),
            List.of(
                tasks.sqlTask("first", "SELECT 1"),
                tasks.sqlTask("read", "SELECT count(*) FROM " + missing, "first"),
                tasks.sqlTask("after", "SELECT 1", "read")));

    CallToolResult r =
        fx.call("run_job_now", Map.of("job_id", String.valueOf(jobId), "wait_seconds", 120));
    Map<String, Object> run = ok(r);
    assertThat(run).containsEntry("state", "FAILED");
    @SuppressWarnings("unchecked")
    Map<String, Object> failed = (Map<String, Object>) run.get("failed_task");
    assertThat(failed).containsEntry("task_key", "read").containsEntry("state", "FAILED");
    assertThat(String.valueOf(failed.get("error"))).contains("TABLE_OR_VIEW_NOT_FOUND");
    assertThat(run.get("skipped_tasks")).isEqualTo(List.of("after"));
    assertThat(message(r))
        .contains("Task 'read' failed first")
        .contains("TABLE_OR_VIEW_NOT_FOUND")
        .contains("after")
        .contains("repair_run");
  }

  @Test
  void aRunNotWaitedOnIsHandedBackWithHowToFollowIt() {
    Object jobId =
        create("slow " + unique(), List.of(tasks.sqlTask("slow", "SELECT sandbox_sleep(30)")));
    CallToolResult r =
        fx.call("run_job_now", Map.of("job_id", String.valueOf(jobId), "wait_seconds", 0));
    Map<String, Object> run = ok(r);
    Object runId = run.get("run_id");
    assertThat(String.valueOf(run.get("state"))).isIn("QUEUED", "PENDING", "RUNNING");
    assertThat(message(r)).contains("get_job_run with run_id=" + runId);
    fx.adminClient()
        .jobs()
        .cancelRun(new CancelRun().setRunId(Long.parseLong(String.valueOf(runId))));
  }

  @Test
  void aOneTimeRunRunsItsTasksWithoutAJob() {
    CallToolResult r =
        fx.call(
            "submit_run",
            Map.of(
                "run_name",
                "once",
                "tasks",
                List.of(tasks.sqlTask("a", "SELECT 1"), tasks.sqlTask("b", "SELECT 2", "a")),
                "wait_seconds",
                120));
    Map<String, Object> run = ok(r);
    assertThat(run).containsEntry("state", "SUCCESS").containsEntry("run_name", "once");
    assertThat(list(run, "tasks")).hasSize(2);
    assertThat(message(r)).contains("Submitted one-time run");

    CallToolResult cycle =
        fx.call(
            "submit_run",
            Map.of(
                "tasks",
                List.of(tasks.sqlTask("a", "SELECT 1", "b"), tasks.sqlTask("b", "SELECT 1", "a"))));
    assertThat(errorCode(cycle)).isEqualTo("VALIDATION_ERROR");
  }
}
