package dev.databricksmcp.server.tools.jobs;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.errorCode;
import static dev.databricksmcp.server.tools.jobs.JobTestTasks.list;
import static dev.databricksmcp.server.tools.jobs.JobTestTasks.message;
import static dev.databricksmcp.server.tools.jobs.JobTestTasks.ok;
import static dev.databricksmcp.server.tools.jobs.JobTestTasks.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.service.jobs.GetJobRequest;
import com.databricks.sdk.service.jobs.Job;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.sql.Warehouses;
import dev.databricksmcp.server.testing.SandboxFixture;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The job definition tools against the sandbox through the real SDK: a two-task job with a
 * parameter created and read back as a graph, found by name; a partial update that changes one
 * setting only; a confirmed reset and delete; the task graph's faults refused before anything is
 * created, naming tasks; an unknown job NOT_FOUND on every route.
 */
@Timeout(120)
class JobToolsTest {
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

  private Map<String, Object> twoTaskJob(String name) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("name", name);
    args.put(
        "tasks",
        List.of(
            // listed before the task it depends on: the graph comes back in dependency order
            tasks.sqlTask("report", "SELECT CAST(:n AS INT) * 2", "load"),
            tasks.sqlTask("load", "SELECT CAST(:n AS INT)")));
    args.put("parameters", Map.of("n", 1));
    args.put("max_concurrent_runs", 2);
    return ok(fx.call("create_job", args));
  }

  private static Job sdk(Object jobId) {
    return fx.adminClient()
        .jobs()
        .get(new GetJobRequest().setJobId(Long.parseLong(String.valueOf(jobId))));
  }

  @Test
  void aTwoTaskJobIsCreatedAndReadBackAsAGraph() {
    String name = "graph " + unique();
    Map<String, Object> created = twoTaskJob(name);
    Object id = created.get("job_id");
    assertThat(created)
        .containsEntry("name", name)
        .containsEntry("task_count", 2)
        .containsEntry("schedule", "manual")
        .containsEntry("paused", false)
        .containsEntry("max_concurrent_runs", 2)
        .containsEntry("parameters", Map.of("n", "1"))
        .containsEntry("creator", Identities.ADMIN.userName());

    CallToolResult got = fx.call("get_job", Map.of("job_id", name.toUpperCase()));
    Map<String, Object> job = ok(got);
    assertThat(job.get("job_id")).isEqualTo(id);
    List<Map<String, Object>> graph = list(job, "tasks");
    assertThat(graph).extracting(t -> t.get("task_key")).containsExactly("load", "report");
    Map<String, Object> report = graph.get(1);
    assertThat(report)
        .containsEntry("type", "sql_task")
        .containsEntry("depends_on", List.of("load"))
        .containsEntry("compute", "warehouse " + Warehouses.STARTER_ID);
    assertThat(String.valueOf(report.get("runs"))).startsWith("saved query ");
    assertThat(graph.get(0)).containsEntry("depends_on", List.of());
    assertThat(message(got)).contains(name).contains("2 tasks (load, report)").contains("manual");
    assertThat(String.valueOf(job.get("created_at"))).endsWith("Z");
  }

  @Test
  void listFindsJobsByExactNameOrPartOfItInCompactRows() {
    String tag = unique();
    Object a = twoTaskJob("alpha " + tag).get("job_id");
    Object b = twoTaskJob("beta " + tag).get("job_id");

    List<Map<String, Object>> byPart =
        list(ok(fx.call("list_jobs", Map.of("name_contains", tag.toUpperCase()))), "items");
    assertThat(byPart).extracting(j -> j.get("job_id")).containsExactlyInAnyOrder(a, b);
    assertThat(byPart.get(0))
        .containsOnlyKeys(
            "job_id", "name", "creator", "created_at", "task_count", "schedule", "paused")
        .containsEntry("task_count", 2);

    List<Map<String, Object>> exact =
        list(ok(fx.call("list_jobs", Map.of("name", "BETA " + tag))), "items");
    assertThat(exact).extracting(j -> j.get("job_id")).containsExactly(b);

    CallToolResult paged = fx.call("list_jobs", Map.of("max_results", 1));
    assertThat(list(ok(paged), "items")).hasSize(1);
    assertThat(ok(paged).get("next_page_token")).isNotNull();
  }

  @Test
  void anUpdateChangesOnlyWhatItGives() {
    Map<String, Object> before = twoTaskJob("before " + unique());
    Object id = before.get("job_id");
    Map<String, Object> after =
        ok(fx.call("update_job", Map.of("job_id", String.valueOf(id), "max_concurrent_runs", 5)));
    assertThat(after).containsEntry("max_concurrent_runs", 5);
    Map<String, Object> rest = new HashMap<>(after);
    rest.remove("max_concurrent_runs");
    Map<String, Object> was = new HashMap<>(before);
    was.remove("max_concurrent_runs");
    assertThat(rest).isEqualTo(was);

    // a task added after an existing one, then that one removed with its dependent
    Map<String, Object> added =
        ok(
            fx.call(
                "update_job",
                Map.of(
                    "job_id",
                    String.valueOf(id),
                    "tasks",
                    List.of(tasks.sqlTask("audit", "SELECT 1", "report")))));
    assertThat(list(added, "tasks"))
        .extracting(t -> t.get("task_key"))
        .containsExactly("load", "report", "audit");
    Map<String, Object> removed =
        ok(
            fx.call(
                "update_job",
                Map.of(
                    "job_id",
                    String.valueOf(id),
                    "fields_to_remove",
                    List.of("tasks/audit"),
                    "parameters",
                    Map.of("n", "2", "m", "x"))));
    assertThat(list(removed, "tasks"))
        .extracting(t -> t.get("task_key"))
        .containsExactly("load", "report");
    assertThat(removed).containsEntry("parameters", Map.of("n", "2", "m", "x"));

    CallToolResult nothing = fx.call("update_job", Map.of("job_id", String.valueOf(id)));
    assertThat(errorCode(nothing)).isEqualTo("VALIDATION_ERROR");
  }

  @Test
  void anUpdateIsCheckedAgainstTheJobsOwnTasks() {
    Object id = twoTaskJob("checked " + unique()).get("job_id");
    CallToolResult cycle =
        fx.call(
            "update_job",
            Map.of(
                "job_id",
                String.valueOf(id),
                "tasks",
                List.of(tasks.sqlTask("load", "SELECT 1", "report"))));
    assertThat(errorCode(cycle)).isEqualTo("VALIDATION_ERROR");
    assertThat(field(cycle)).isEqualTo("tasks");
    assertThat(String.valueOf(body(cycle).get("error"))).contains("cycle");
    CallToolResult orphan =
        fx.call(
            "update_job",
            Map.of("job_id", String.valueOf(id), "fields_to_remove", List.of("tasks/load")));
    // removing a task others depend on is the API's to refuse
    assertThat(errorCode(orphan)).isEqualTo("VALIDATION_ERROR");
    assertThat(sdk(id).getSettings().getTasks()).hasSize(2);
  }

  @Test
  void theTaskGraphsFaultsAreRefusedBeforeAnythingIsCreated() {
    String name = "refused " + unique();
    Map<String, List<Map<String, Object>>> faults =
        Map.of(
            "cycle",
            List.of(tasks.sqlTask("a", "SELECT 1", "b"), tasks.sqlTask("b", "SELECT 1", "a")),
            "which is not a task of the job",
            List.of(tasks.sqlTask("a", "SELECT 1", "nowhere")),
            "given twice",
            List.of(tasks.sqlTask("a", "SELECT 1"), tasks.sqlTask("a", "SELECT 2")));
    faults.forEach(
        (why, given) -> {
          CallToolResult r = fx.call("create_job", Map.of("name", name, "tasks", given));
          assertThat(errorCode(r)).as(why).isEqualTo("VALIDATION_ERROR");
          assertThat(field(r)).as(why).isEqualTo("tasks");
          assertThat(String.valueOf(body(r).get("error"))).as(why).contains(why);
        });
    Map<String, Object> typo = new LinkedHashMap<>(tasks.sqlTask("a", "SELECT 1"));
    typo.put("sql_taks", typo.remove("sql_task"));
    CallToolResult misspelt = fx.call("create_job", Map.of("name", name, "tasks", List.of(typo)));
    assertThat(errorCode(misspelt)).isEqualTo("VALIDATION_ERROR");
    assertThat(field(misspelt)).isEqualTo("tasks[0].sql_taks");
    assertThat(String.valueOf(body(misspelt).get("error"))).contains("sql_task");

    CallToolResult badRunIf =
        fx.call(
            "create_job",
            Map.of(
                "name",
                name,
                "tasks",
                List.of(
                    Map.of("task_key", "a", "run_if", "WHENEVER", "condition_task", Map.of()))));
    assertThat(field(badRunIf)).isEqualTo("tasks[0].run_if");
    assertThat(list(ok(fx.call("list_jobs", Map.of("name", name))), "items")).isEmpty();
  }

  @Test
  void aTaskWithoutATypeIsTheApisToRefuse() {
    CallToolResult r =
        fx.call(
            "create_job",
            Map.of("name", "typeless " + unique(), "tasks", List.of(Map.of("task_key", "a"))));
    assertThat(errorCode(r)).isEqualTo("VALIDATION_ERROR");
    assertThat(String.valueOf(body(r).get("error"))).contains("task type");
  }

  @Test
  void anUnknownJobIsNotFoundOnEveryRoute() {
    for (String tool : List.of("get_job", "update_job", "run_job_now", "delete_job")) {
      Map<String, Object> args = new HashMap<>(Map.of("job_id", "987654321"));
      if (tool.equals("update_job")) {
        args.put("name", "x");
      }
      assertThat(errorCode(fx.call(tool, args))).as(tool).isEqualTo("NOT_FOUND");
    }
    CallToolResult byName = fx.call("get_job", Map.of("job_id", "no such job " + unique()));
    assertThat(errorCode(byName)).isEqualTo("NOT_FOUND");
    assertThat(String.valueOf(body(byName).get("error"))).contains("list_jobs");
  }

  @Test
  void deleteIsConfirmedNamingTheJobAndItsActiveRuns() {
    String name = "doomed " + unique();
    Object id = twoTaskJob(name).get("job_id");
    CallToolResult asked = fx.callConfirming("delete_job", Map.of("job_id", name));
    assertThat(errorCode(asked)).isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(String.valueOf(body(asked).get("error")))
        .contains(name)
        .contains(String.valueOf(id))
        .contains("no active run");
    assertThat(sdk(id).getJobId()).isEqualTo(id);

    CallToolResult deleted = fx.callConfirming("delete_job", confirmed(asked, "job_id", name));
    assertThat(ok(deleted)).containsEntry("deleted", true).containsEntry("name", name);
    assertThat(errorCode(fx.call("get_job", Map.of("job_id", String.valueOf(id)))))
        .isEqualTo("NOT_FOUND");
  }

  @Test
  void resetIsConfirmedAndRemovesWhatItDoesNotGive() {
    String name = "reset " + unique();
    Object id = twoTaskJob(name).get("job_id");
    Map<String, Object> args =
        Map.of(
            "job_id",
            String.valueOf(id),
            "name",
            name,
            "tasks",
            List.of(tasks.sqlTask("only", "SELECT 1")));
    CallToolResult asked = fx.callConfirming("reset_job", args);
    assertThat(errorCode(asked)).isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(String.valueOf(body(asked).get("error")))
        .contains(name)
        .contains("not given")
        .contains("removed");
    Map<String, Object> reset = ok(fx.callConfirming("reset_job", confirmed(asked, args)));
    assertThat(list(reset, "tasks")).extracting(t -> t.get("task_key")).containsExactly("only");
    assertThat(reset).containsEntry("parameters", Map.of());
  }

  private static Map<String, Object> confirmed(CallToolResult asked, String key, Object value) {
    return confirmed(asked, Map.of(key, value));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> confirmed(CallToolResult asked, Map<String, Object> args) {
    Map<String, Object> details = (Map<String, Object>) body(asked).get("details");
    Map<String, Object> out = new HashMap<>(args);
    out.put("confirmation_token", details.get("confirmation_token"));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object field(CallToolResult r) {
    return ((Map<String, Object>) body(r).get("details")).get("field");
  }
}
