package dev.databricksmcp.server.tools.sql;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.data;
import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.server.testing.SandboxFixture;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A tool asked to wait as long as its own timeout, or longer, stops a margin before it and answers
 * normally with the handle and state — the backstop TIMEOUT, which has neither, does not answer
 * first.
 */
@Timeout(180)
class WaitsWithinTheCallDeadlineTest {
  private static final int TOOL_TIMEOUT_SECONDS = 2;
  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(TOOL_TIMEOUT_SECONDS);
  private static SandboxFixture fx;

  @BeforeAll
  static void start() {
    // warehouses take 4 s to start or stop: longer than the tool's timeout (its waits end at 1 s,
    // the least margin before the deadline)
    fx = new SandboxFixture(new SandboxOptions(0, null, 4_000));
    for (String t :
        List.of("waited_" + TOOL_TIMEOUT_SECONDS, "waited_10", "script_first", "script_second")) {
      fx.sql("CREATE TABLE main.default." + t + " (n INT)");
    }
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static String id(CallToolResult r) {
    return (String) data(r).get("statement_id");
  }

  @ParameterizedTest(name = "timeout_seconds={0}")
  @ValueSource(ints = {TOOL_TIMEOUT_SECONDS, 10})
  void executeSqlReturnsTheRunningStatementBeforeTheBackstop(int timeoutSeconds) {
    String table = "main.default.waited_" + timeoutSeconds;

    String insert = "INSERT INTO " + table + " SELECT sandbox_sleep(4)";
    CallToolResult r =
        fx.call(
            "execute_sql",
            Map.of("statement", insert, "timeout_seconds", timeoutSeconds),
            TOOL_TIMEOUT);

    assertThat(r.isError()).as(String.valueOf(body(r))).isFalse();
    assertThat(data(r).get("state")).isIn("PENDING", "RUNNING");
    assertThat((String) body(r).get("message"))
        .contains("get_statement with statement_id=" + id(r));

    CallToolResult later =
        fx.call("get_statement", Map.of("statement_id", id(r), "wait_seconds", 20));
    assertThat(data(later).get("state")).isEqualTo("SUCCEEDED");
    assertThat(fx.rowCount(table)).isEqualTo(1);
  }

  @Test
  void getStatementAskedToWaitLongerThanTheCallAnswersWithTheStateBeforeTheBackstop() {
    CallToolResult started =
        fx.call(
            "execute_sql", Map.of("statement", "SELECT sandbox_sleep(4)", "timeout_seconds", 1));

    CallToolResult r =
        fx.call(
            "get_statement", Map.of("statement_id", id(started), "wait_seconds", 50), TOOL_TIMEOUT);

    assertThat(r.isError()).as(String.valueOf(body(r))).isFalse();
    assertThat(data(r).get("state")).isIn("PENDING", "RUNNING");
    assertThat(id(r)).isEqualTo(id(started));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aScriptLongerThanTheCallStopsWithTheRunningStatementAndStartsNoMore() {
    String script =
        "INSERT INTO main.default.script_first SELECT sandbox_sleep(4); "
            + "INSERT INTO main.default.script_second VALUES (1)";
    CallToolResult r =
        fx.call(
            "execute_sql_script",
            Map.of("statements", script, "timeout_seconds", 10),
            TOOL_TIMEOUT);

    assertThat(r.isError()).as(String.valueOf(body(r))).isFalse();
    List<Map<String, Object>> statements = (List<Map<String, Object>>) data(r).get("statements");
    assertThat(statements).hasSize(1);
    assertThat(statements.get(0).get("state")).isIn("PENDING", "RUNNING");
    String first = (String) statements.get(0).get("statement_id");
    assertThat((String) body(r).get("message")).contains(first).contains("1 statement not run");

    CallToolResult later =
        fx.call("get_statement", Map.of("statement_id", first, "wait_seconds", 20));
    assertThat(data(later).get("state")).isEqualTo("SUCCEEDED");
    assertThat(fx.rowCount("main.default.script_first")).isEqualTo(1);
    assertThat(fx.rowCount("main.default.script_second"))
        .as("the call had ended: nothing more was started")
        .isZero();
  }

  @Test
  void aWarehouseStartLongerThanTheCallAnswersWithItsStateBeforeTheBackstop() {
    String id =
        (String) data(fx.call("create_warehouse", Map.of("name", "slow_to_start"))).get("id");
    CallToolResult stopped =
        fx.call("stop_warehouse", Map.of("warehouse_id", id, "wait_seconds", 30));
    assertThat(data(stopped).get("state")).isEqualTo("STOPPED");

    CallToolResult r =
        fx.call("start_warehouse", Map.of("warehouse_id", id, "wait_seconds", 120), TOOL_TIMEOUT);

    assertThat(r.isError()).as(String.valueOf(body(r))).isFalse();
    assertThat(data(r).get("state")).isEqualTo("STARTING");
    assertThat((String) body(r).get("message")).contains("get_warehouse");
  }
}
