package dev.databricksmcp.server.tools.jobs;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.data;
import static dev.databricksmcp.server.testing.SandboxFixture.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.sandbox.faults.FaultInjector;
import dev.databricksmcp.server.testing.SandboxFixture;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The run tools against the sandbox, whose runs really run SQL on its warehouse: a two-task job
 * (the second with a parameter) watched to SUCCESS, each task's output read with its rows, the list
 * filters, and the answers for an unknown run and bad arguments.
 */
@Timeout(120)
class RunToolsTest {
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

  @AfterEach
  void noFaults() {
    fx.sandbox.faults().clear();
  }

  static Map<String, Object> ok(CallToolResult r) {
    assertThat(r.isError()).as(String.valueOf(body(r))).isFalse();
    return data(r);
  }

  static String message(CallToolResult r) {
    return String.valueOf(body(r).get("message"));
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Map<String, Object> data, String key) {
    return (List<Map<String, Object>>) data.get(key);
  }

  static Map<String, Object> task(Map<String, Object> run, String key) {
    return list(run, "tasks").stream()
        .filter(t -> key.equals(t.get("task_key")))
        .findFirst()
        .orElseThrow();
  }

  static long id(Object n) {
    return ((Number) n).longValue();
  }

  @Test
  void aTwoTaskJobIsWatchedToSuccessAndEachTaskOutputRead() {
    String table = "main.default.runs_" + SandboxJobs.unique();
    long job =
        jobs.job(
            "two tasks",
            jobs.sql("create", "CREATE TABLE " + table + " AS SELECT 21 AS n"),
            SandboxJobs.withParameters(
                jobs.sql(
                    "answer", "SELECT n * CAST(:factor AS INT) AS answer FROM " + table, "create"),
                Map.of("factor", "2")));
    long runId = jobs.runNow(job);

    CallToolResult watched = fx.call("get_job_run", Map.of("run_id", runId, "wait_seconds", 60));
    Map<String, Object> run = ok(watched);
    assertThat(run).containsEntry("state", "SUCCESS").doesNotContainKey("failure");
    assertThat(id(run.get("job_id"))).isEqualTo(job);
    assertThat(String.valueOf(run.get("started_at"))).endsWith("Z");
    assertThat(list(run, "tasks")).extracting(t -> t.get("state")).containsOnly("SUCCESS");
    assertThat(task(run, "answer").get("depends_on")).isEqualTo(List.of("create"));
    assertThat(message(watched)).contains("ended SUCCESS").contains("2 tasks");

    Map<String, Object> answer =
        ok(fx.call("get_run_output", Map.of("run_id", runId, "task_key", "answer")));
    assertThat(answer).containsEntry("task_key", "answer").containsEntry("truncated", false);
    assertThat(id(answer.get("run_id"))).isEqualTo(id(task(run, "answer").get("run_id")));
    @SuppressWarnings("unchecked")
    Map<String, Object> sql = (Map<String, Object>) answer.get("sql_output");
    assertThat(String.valueOf(sql.get("query_text"))).contains(":factor");
    assertRows(list(sql, "statements").get(0), List.of("answer"), List.of(List.of("42")));

    Map<String, Object> create =
        ok(fx.call("get_run_output", Map.of("run_id", task(run, "create").get("run_id"))));
    assertThat(create).containsEntry("task_key", "create").containsEntry("state", "SUCCESS");

    CallToolResult choose = fx.call("get_run_output", Map.of("run_id", runId));
    assertThat(list(ok(choose), "tasks"))
        .extracting(t -> t.get("task_key"))
        .containsExactlyInAnyOrder("create", "answer");
    assertThat(message(choose)).contains("task_key");
  }

  @Test
  void listFiltersByJobStateAndStartTime() {
    long job = jobs.job("listed", jobs.sql("one", "SELECT 1"));
    long runId = jobs.runNow(job);
    ok(fx.call("get_job_run", Map.of("run_id", runId, "wait_seconds", 60)));
    long other = jobs.job("other", jobs.sql("one", "SELECT 1"));
    jobs.runNow(other);

    List<Map<String, Object>> byJob =
        list(ok(fx.call("list_job_runs", Map.of("job_id", job))), "items");
    assertThat(byJob).hasSize(1);
    assertThat(byJob.get(0))
        .containsEntry("state", "SUCCESS")
        .containsEntry("run_name", "listed")
        .containsKeys("started_at", "duration_ms", "trigger", "attempt");
    assertThat(id(byJob.get(0).get("run_id"))).isEqualTo(runId);
    assertThat(
            list(
                ok(fx.call("list_job_runs", Map.of("job_id", job, "completed_only", true))),
                "items"))
        .hasSize(1);
    assertThat(
            list(ok(fx.call("list_job_runs", Map.of("job_id", job, "active_only", true))), "items"))
        .isEmpty();
    assertThat(
            list(
                ok(
                    fx.call(
                        "list_job_runs", Map.of("job_id", job, "start_time_from", "2999-01-01"))),
                "items"))
        .isEmpty();
    assertThat(
            list(
                ok(fx.call("list_job_runs", Map.of("job_id", job, "start_time_to", "2000-01-01"))),
                "items"))
        .isEmpty();
    assertThat(list(ok(fx.call("list_job_runs", Map.of())), "items"))
        .extracting(r -> id(r.get("job_id")))
        .contains(job, other);
  }

  @Test
  void anUnknownRunIsNotFoundEverywhere() {
    long unknown = 123_456_789_012_345L;
    for (String tool : List.of("get_job_run", "get_run_output", "cancel_run", "repair_run")) {
      CallToolResult r = fx.call(tool, Map.of("run_id", unknown));
      assertThat(errorCode(r)).as(tool + " " + body(r)).isEqualTo("NOT_FOUND");
    }
    assertThat(errorCode(fx.call("list_job_runs", Map.of("job_id", unknown))))
        .isEqualTo("NOT_FOUND");
  }

  @Test
  void badArgumentsAreValidationErrorsNamingTheField() {
    assertField(fx.call("get_job_run", Map.of("run_id", "last")), "run_id");
    assertField(fx.call("get_job_run", Map.of("run_id", 0)), "run_id");
    assertField(fx.call("get_job_run", Map.of("run_id", 1, "wait_seconds", 999)), "wait_seconds");
    assertField(
        fx.call("list_job_runs", Map.of("active_only", true, "completed_only", true)),
        "completed_only");
    assertField(
        fx.call("list_job_runs", Map.of("start_time_from", "yesterday")), "start_time_from");
    assertField(
        fx.call(
            "list_job_runs",
            Map.of("start_time_from", "2026-02-01", "start_time_to", "2026-01-01")),
        "start_time_to");
    assertField(fx.call("cancel_all_runs", Map.of()), "job_id");

    long job = jobs.job("args", jobs.sql("one", "SELECT 1"));
    long runId = jobs.runNow(job);
    ok(fx.call("get_job_run", Map.of("run_id", runId, "wait_seconds", 60)));
    CallToolResult noSuchTask =
        fx.call("get_run_output", Map.of("run_id", runId, "task_key", "nope"));
    assertField(noSuchTask, "task_key");
    assertThat(String.valueOf(body(noSuchTask).get("error"))).contains("one");
    assertField(
        fx.call("repair_run", Map.of("run_id", runId, "rerun_tasks", List.of("nope"))),
        "rerun_tasks");
    assertField(
        fx.call(
            "repair_run",
            Map.of("run_id", runId, "rerun_tasks", List.of("one"), "rerun_all_failed_tasks", true)),
        "rerun_tasks");
  }

  @Test
  void aStatementTheWorkspaceDoesNotAnswerForIsANoteAndTheRestOfTheOutputStands() {
    long job = jobs.job("unreadable", jobs.sql("q", "SELECT 7 AS seven"));
    long runId = jobs.runNow(job);
    Map<String, Object> run =
        ok(fx.call("get_job_run", Map.of("run_id", runId, "wait_seconds", 60)));
    fx.sandbox
        .faults()
        .add(
            new FaultInjector.Rule(
                "GET",
                Pattern.compile("^/api/2\\.0/sql/statements/[^/]+$"),
                FaultInjector.Kind.INTERNAL_ERROR,
                -1,
                1.0,
                0));

    Map<String, Object> out =
        ok(fx.call("get_run_output", Map.of("run_id", task(run, "q").get("run_id"))));
    @SuppressWarnings("unchecked")
    Map<String, Object> sql = (Map<String, Object>) out.get("sql_output");
    assertThat(String.valueOf(sql.get("query_text"))).contains("SELECT 7");
    Map<String, Object> statement = list(sql, "statements").get(0);
    assertThat(statement).containsKeys("statement_id", "unreadable").doesNotContainKey("rows");
    assertThat(out).containsEntry("state", "SUCCESS");
  }

  /** A SQL task's statement, read back through the Statement Execution API: its id and rows. */
  static void assertRows(Map<String, Object> statement, List<String> columns, List<?> rows) {
    assertThat(statement)
        .containsKey("statement_id")
        .doesNotContainKey("unreadable")
        .containsEntry("state", "SUCCEEDED")
        .containsEntry("columns", columns)
        .containsEntry("rows", rows);
  }

  private static void assertField(CallToolResult r, String field) {
    assertThat(errorCode(r)).as(String.valueOf(body(r))).isEqualTo("VALIDATION_ERROR");
    @SuppressWarnings("unchecked")
    Map<String, Object> details = (Map<String, Object>) body(r).get("details");
    assertThat(details).containsEntry("field", field);
  }
}
