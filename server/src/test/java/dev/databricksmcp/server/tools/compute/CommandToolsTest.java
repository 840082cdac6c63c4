package dev.databricksmcp.server.tools.compute;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.errorCode;
import static dev.databricksmcp.server.testing.SandboxFixture.message;
import static dev.databricksmcp.server.testing.SandboxFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.server.testing.Python3;
import dev.databricksmcp.server.testing.SandboxFixture;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The command tools against the sandbox (started with Python commands on; the Python tests skip
 * where there is no python3): SQL and Python output as data, a failing command as data with its
 * error and traceback, the context reused per cluster and made again after a restart, the handle
 * when the wait runs out, cancel, and the answers for a cluster that is not running, an unknown
 * cluster or command, and bad arguments.
 */
@Timeout(180)
class CommandToolsTest {
  private static SandboxFixture fx;
  private static String cluster;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture(new SandboxOptions(0, null, 200, 200).withPythonCommands(true));
    cluster =
        String.valueOf(ok(fx.call("create_cluster", Map.of("name", "commands"))).get("cluster_id"));
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static CallToolResult execute(String language, String command, Object... more) {
    Map<String, Object> args = new java.util.HashMap<>();
    args.put("cluster_id", cluster);
    args.put("language", language);
    args.put("command", command);
    for (int i = 0; i < more.length; i += 2) {
      args.put((String) more[i], more[i + 1]);
    }
    return fx.call("execute_command", args);
  }

  @Test
  void aSqlCommandAnswersItsRows() {
    CallToolResult r = execute("sql", "SELECT 6*7 AS answer");
    Map<String, Object> d = ok(r);
    assertThat(d).containsEntry("status", "Finished").containsEntry("result_type", "table");
    assertThat(d.get("columns")).isEqualTo(List.of(Map.of("name", "answer", "type", "integer")));
    assertThat(d.get("rows")).isEqualTo(List.of(List.of(42)));
    assertThat(d).containsEntry("truncated", false);
    assertThat(message(r)).contains("Command finished");
  }

  @Test
  void theClusterCanBeNamedAndTheContextIsReused() {
    Map<String, Object> first = ok(execute("sql", "SELECT 1"));
    Map<String, Object> second =
        ok(
            fx.call(
                "execute_command",
                Map.of("cluster_id", "commands", "language", "sql", "command", "SELECT 2")));
    assertThat(second.get("cluster_id")).isEqualTo(cluster);
    assertThat(second.get("context_id")).isEqualTo(first.get("context_id"));
  }

  @Test
  void aRestartedClusterGetsANewContext() {
    String other =
        String.valueOf(
            ok(fx.call("create_cluster", Map.of("name", "restarted"))).get("cluster_id"));
    Map<String, Object> before =
        ok(
            fx.call(
                "execute_command",
                Map.of("cluster_id", other, "language", "sql", "command", "SELECT 1")));
    ok(fx.call("restart_cluster", Map.of("cluster_id", other)));
    Map<String, Object> after =
        ok(
            fx.call(
                "execute_command",
                Map.of("cluster_id", other, "language", "sql", "command", "SELECT 2")));
    assertThat(after).containsEntry("status", "Finished");
    assertThat(after.get("context_id")).isNotEqualTo(before.get("context_id"));
  }

  @Test
  void aFailingCommandIsDataNotAToolError() {
    CallToolResult r = execute("sql", "SELECT * FROM main.default.nothere");
    Map<String, Object> d = ok(r);
    assertThat(d).containsEntry("status", "Error").containsEntry("result_type", "error");
    assertThat(String.valueOf(d.get("error"))).contains("TABLE_OR_VIEW_NOT_FOUND");
    assertThat(message(r)).startsWith("Command ended with an error");

    Map<String, Object> scala = ok(execute("scala", "println(1)"));
    assertThat(scala).containsEntry("status", "Error");
    assertThat(String.valueOf(scala.get("traceback"))).contains("does not run");
  }

  @Test
  void aLongResultIsCutWithItsTotal() {
    Map<String, Object> d = ok(execute("sql", "SELECT * FROM range(500)"));
    assertThat((List<?>) d.get("rows")).hasSize(100);
    assertThat(d).containsEntry("row_count", 100).containsEntry("total_rows", 500);
    assertThat(d).containsEntry("truncated", true);
  }

  @Test
  void pythonOutputAndATracebackAsData() {
    assumeTrue(Python3.available(), "no python3 on this machine");
    Map<String, Object> printed =
        ok(execute("python", "x = spark.sql('SELECT 6*7 AS a').collect()[0].a\nprint(x)"));
    assertThat(printed).containsEntry("status", "Finished").containsEntry("output", "42\n");

    Map<String, Object> failed = ok(execute("python", "def f():\n    return 1 / 0\nf()"));
    assertThat(failed).containsEntry("status", "Error");
    assertThat(failed).containsEntry("error", "ZeroDivisionError: division by zero");
    assertThat(String.valueOf(failed.get("traceback"))).contains("Traceback").contains("in f");
  }

  @Test
  void aLongCommandHandsBackItsIdsAndCanBeReadOrCancelled() {
    CallToolResult started = execute("sql", "SELECT sandbox_sleep(2) AS slept", "wait_seconds", 0);
    Map<String, Object> d = ok(started);
    assertThat(List.of("Queued", "Running")).contains(String.valueOf(d.get("status")));
    assertThat(message(started)).contains("get_command_status").contains("cancel_command");
    Map<String, Object> ids =
        Map.of(
            "cluster_id", cluster,
            "context_id", d.get("context_id"),
            "command_id", d.get("command_id"));
    Map<String, Object> later = new java.util.HashMap<>(ids);
    later.put("wait_seconds", 60);
    assertThat(ok(fx.call("get_command_status", later))).containsEntry("status", "Finished");

    Map<String, Object> slow = ok(execute("sql", "SELECT sandbox_sleep(60)", "wait_seconds", 0));
    Map<String, Object> cancelled =
        ok(
            fx.call(
                "cancel_command",
                Map.of(
                    "cluster_id", cluster,
                    "context_id", slow.get("context_id"),
                    "command_id", slow.get("command_id"))));
    assertThat(cancelled).containsEntry("status", "Cancelled");
  }

  @Test
  void aClusterThatIsNotRunningIsAConflictThatSaysToStartIt() {
    String other =
        String.valueOf(ok(fx.call("create_cluster", Map.of("name", "stopped"))).get("cluster_id"));
    ok(fx.call("terminate_cluster", Map.of("cluster_id", other)));
    CallToolResult r =
        fx.call(
            "execute_command",
            Map.of("cluster_id", other, "language", "sql", "command", "SELECT 1"));
    assertThat(errorCode(r)).isEqualTo("CONFLICT");
    assertThat(String.valueOf(body(r).get("error")))
        .contains("TERMINATED")
        .contains("start_cluster");
  }

  @Test
  void unknownClustersAndCommandsAreNotFound() {
    CallToolResult r =
        fx.call(
            "execute_command",
            Map.of("cluster_id", "0000-000000-nothere0", "language", "sql", "command", "SELECT 1"));
    assertThat(errorCode(r)).isEqualTo("NOT_FOUND");
    String context = String.valueOf(ok(execute("sql", "SELECT 1")).get("context_id"));
    CallToolResult missing =
        fx.call(
            "get_command_status",
            Map.of("cluster_id", cluster, "context_id", context, "command_id", "nothere"));
    assertThat(errorCode(missing)).isEqualTo("NOT_FOUND");
  }

  @Test
  void badArgumentsNameTheirField() {
    CallToolResult language = execute("ruby", "puts 1");
    assertThat(errorCode(language)).isEqualTo("VALIDATION_ERROR");
    assertThat(String.valueOf(body(language).get("error"))).startsWith("language");
    CallToolResult command =
        fx.call("execute_command", Map.of("cluster_id", cluster, "language", "sql"));
    assertThat(errorCode(command)).isEqualTo("VALIDATION_ERROR");
    assertThat(String.valueOf(body(command).get("error"))).startsWith("command");
    CallToolResult id =
        fx.call(
            "get_command_status",
            Map.of("cluster_id", cluster, "context_id", "a/b", "command_id", "c"));
    assertThat(errorCode(id)).isEqualTo("VALIDATION_ERROR");
    assertThat(String.valueOf(body(id).get("error"))).startsWith("context_id");
  }
}
