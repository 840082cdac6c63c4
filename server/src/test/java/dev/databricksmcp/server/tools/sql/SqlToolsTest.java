package dev.databricksmcp.server.tools.sql;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.data;
import static dev.databricksmcp.server.testing.SandboxFixture.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.server.testing.SandboxFixture;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Scripts, explain, warehouses and query history against the sandbox. */
@Timeout(120)
class SqlToolsTest {
  private static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture(new SandboxOptions(0, null, 300));
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void aScriptsProgressOnlyGoesUpAcrossItsStatements() {
    fx.progress.clear();
    fx.progressValues.clear();
    CallToolResult ok =
        fx.call(
            "execute_sql_script",
            Map.of("statements", "SELECT sandbox_sleep(1); SELECT sandbox_sleep(1); SELECT 3"));
    assertThat(ok.isError()).as(String.valueOf(body(ok))).isFalse();

    // MCP: progress increases with every notification, though each statement's wait counts from 0
    List<Double> values = List.copyOf(fx.progressValues);
    assertThat(values).isNotEmpty().allSatisfy(v -> assertThat(v).isBetween(0.0, 3.0));
    for (int i = 1; i < values.size(); i++) {
      assertThat(values.get(i))
          .as("notification %d of %s", i, values)
          .isGreaterThan(values.get(i - 1));
    }
    assertThat(fx.progress).anyMatch(m -> m.startsWith("statement 1 of 3: statement "));
    // statements 1 and 2 sleep, so each reports while it waits; SELECT 3 may be done at its first
    // poll, and a wait done at once reports nothing
    assertThat(fx.progress).anyMatch(m -> m.startsWith("statement 2 of 3: statement "));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aScriptRunsInOrderAndStopsAtTheFirstFailure() {
    CallToolResult ok =
        fx.call(
            "execute_sql_script",
            Map.of(
                "statements",
                "CREATE TABLE main.default.s1 AS SELECT 1 AS x; INSERT INTO main.default.s1 SELECT"
                    + " 2; SELECT count(*) AS n FROM main.default.s1"));
    assertThat(ok.isError()).as(String.valueOf(body(ok))).isFalse();
    List<Map<String, Object>> results = (List<Map<String, Object>>) data(ok).get("statements");
    assertThat(results).extracting(r -> r.get("kind")).containsExactly("write", "write", "read");
    assertThat(results).extracting(r -> r.get("state")).containsOnly("SUCCEEDED");
    assertThat(results.get(2).get("first_rows")).isEqualTo(List.of(List.of(2)));

    CallToolResult failed =
        fx.call(
            "execute_sql_script", Map.of("statements", "SELECT 1; SELECT * FROM nope; SELECT 3"));
    List<Map<String, Object>> partial = (List<Map<String, Object>>) data(failed).get("statements");
    assertThat(partial).hasSize(2);
    assertThat(partial.get(1).get("state")).isEqualTo("FAILED");
    assertThat((String) partial.get(1).get("error")).contains("TABLE_OR_VIEW_NOT_FOUND");
    assertThat((String) body(failed).get("message"))
        .contains("Stopped")
        .contains("1 statement not run");
  }

  @Test
  void aCompoundBlockIsNotCutIntoPiecesAndUnreadableSqlIsReadOnlyRefused() {
    fx.call("execute_sql", Map.of("statement", "CREATE TABLE main.default.kept AS SELECT 1 AS x"));
    CallToolResult block =
        fx.call(
            "execute_sql_script", Map.of("statements", "BEGIN DELETE FROM main.default.kept; END"));
    assertThat(errorCode(block)).isEqualTo("VALIDATION_ERROR");
    assertThat(body(block).get("error")).asString().contains("BEGIN");
    assertThat(fx.rowCount("main.default.kept")).isEqualTo(1);

    CallToolResult unreadable =
        fx.call(
            "execute_sql_script",
            Map.of("statements", "SELECT 1; SELECT 'unclosed"),
            Identities.ADMIN_TOKEN,
            true);
    assertThat(errorCode(unreadable)).isEqualTo("READ_ONLY");
  }

  @Test
  void readOnlyScriptsRunNothingWhenOneStatementWrites() {
    CallToolResult r =
        fx.call(
            "execute_sql_script",
            Map.of("statements", "SELECT 1; DROP TABLE main.default.s1"),
            Identities.ADMIN_TOKEN,
            true);
    assertThat(errorCode(r)).isEqualTo("READ_ONLY");
    assertThat((String) body(r).get("error")).contains("statement 2").contains("Nothing was run");
  }

  @Test
  void explainReturnsAPlanWithoutRunning() {
    CallToolResult r =
        fx.call("explain_sql", Map.of("statement", "SELECT count(*) FROM samples.tpch.orders"));
    assertThat(r.isError()).as(String.valueOf(body(r))).isFalse();
    assertThat((String) data(r).get("plan")).isNotBlank();
    // read-only mode is off here: the refusal says what explain_sql does, not "read-only mode"
    CallToolResult write =
        fx.call("explain_sql", Map.of("statement", "DELETE FROM main.default.s1"));
    assertThat(errorCode(write)).isEqualTo("VALIDATION_ERROR");
    assertThat((String) body(write).get("error"))
        .startsWith("statement: explain_sql shows the plan of reads only")
        .contains("never runs the statement")
        .doesNotContain("read-only mode");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aScriptWithATypoRunsNothingAndReportsSessionStatementsAsSuch() {
    CallToolResult typo =
        fx.callConfirming("execute_sql_script", Map.of("statements", "SELECT 1; SELEC 2"));
    assertThat(errorCode(typo)).isEqualTo("VALIDATION_ERROR");
    assertThat((String) body(typo).get("error"))
        .isEqualTo(
            "statements: 'SELEC' does not start a Databricks SQL statement (did you mean"
                + " SELECT?); nothing was run");
    // USE changes the session, not data: no confirmation asked, reported as a session statement
    CallToolResult session =
        fx.callConfirming(
            "execute_sql_script", Map.of("statements", "USE CATALOG samples; SELECT 1"));
    assertThat(session.isError()).as(String.valueOf(body(session))).isFalse();
    assertThat((List<Map<String, Object>>) data(session).get("statements"))
        .extracting(m -> m.get("kind"))
        .containsExactly("session", "read");
  }

  @Test
  @SuppressWarnings("unchecked")
  void warehousesAreListedCreatedStartedStoppedAndDeleted() {
    List<Map<String, Object>> items =
        (List<Map<String, Object>>) data(fx.call("list_warehouses", Map.of())).get("items");
    assertThat(items)
        .anySatisfy(w -> assertThat(w.get("enable_serverless_compute")).isEqualTo(true));

    Map<String, Object> created =
        data(fx.call("create_warehouse", Map.of("name", "tools-test", "cluster_size", "X-Small")));
    String id = (String) created.get("id");
    assertThat(
            data(fx.call("start_warehouse", Map.of("warehouse_id", id, "wait_seconds", 20)))
                .get("state"))
        .isEqualTo("RUNNING");
    assertThat(
            data(fx.call("update_warehouse", Map.of("warehouse_id", id, "auto_stop_mins", 42)))
                .get("auto_stop_mins"))
        .isEqualTo(42);
    assertThat(
            data(fx.call("stop_warehouse", Map.of("warehouse_id", id, "wait_seconds", 20)))
                .get("state"))
        .isEqualTo("STOPPED");
    assertThat(fx.call("delete_warehouse", Map.of("warehouse_id", id)).isError()).isFalse();
    assertThat(errorCode(fx.call("get_warehouse", Map.of("warehouse_id", id))))
        .isEqualTo("NOT_FOUND");
    assertThat(
            errorCode(
                fx.call("create_warehouse", Map.of("name", "nope"), Identities.USER_TOKEN, false)))
        .isEqualTo("PERMISSION_DENIED");
  }

  @Test
  void readOnlyModeHidesWarehouseWrites() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                fx.call(
                    "delete_warehouse", Map.of("warehouse_id", "x"), Identities.ADMIN_TOKEN, true))
        .hasMessageContaining("not available in read-only mode");
  }

  @Test
  @SuppressWarnings("unchecked")
  void queryHistoryFiltersByUserStatusAndWarehouse() {
    fx.call("execute_sql", Map.of("statement", "SELECT 'hist-ok'"));
    fx.call("execute_sql", Map.of("statement", "SELECT * FROM main.default.history_missing"));
    fx.call("execute_sql", Map.of("statement", "SELECT 1"), Identities.USER_TOKEN, false);

    List<Map<String, Object>> failed =
        (List<Map<String, Object>>)
            data(fx.call("list_query_history", Map.of("state", "failed"))).get("items");
    assertThat(failed).isNotEmpty().allSatisfy(q -> assertThat(q.get("state")).isEqualTo("FAILED"));
    List<Map<String, Object>> analyst =
        (List<Map<String, Object>>)
            data(fx.call("list_query_history", Map.of("user", "analyst@sandbox.local")))
                .get("items");
    assertThat(analyst)
        .isNotEmpty()
        .allSatisfy(q -> assertThat(q.get("user")).isEqualTo("analyst@sandbox.local"));
    Map<String, Object> page = data(fx.call("list_query_history", Map.of("max_results", 1)));
    assertThat((List<?>) page.get("items")).hasSize(1);
    assertThat(page.get("next_page_token")).isNotNull();
    assertThat(errorCode(fx.call("list_query_history", Map.of("start_time", "yesterday"))))
        .isEqualTo("VALIDATION_ERROR");
    assertThat(errorCode(fx.call("list_query_history", Map.of("user", "nobody@sandbox.local"))))
        .isEqualTo("NOT_FOUND");
  }

  @Test
  @SuppressWarnings("unchecked")
  void savedQueriesAreListedAndRead() {
    Map<String, Object> page = data(fx.call("list_queries", Map.of("max_results", 1)));
    List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
    assertThat(items).hasSize(1);
    assertThat(page.get("next_page_token")).isNotNull();
    Map<String, Object> q = data(fx.call("get_query", Map.of("id", items.get(0).get("id"))));
    assertThat((String) q.get("query_text")).startsWith("SELECT");
    assertThat(errorCode(fx.call("get_query", Map.of("id", "no-such-query"))))
        .isEqualTo("NOT_FOUND");
  }
}
