package dev.databricksmcp.server.tools.sql;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.errorCode;
import static dev.databricksmcp.server.testing.SandboxFixture.items;
import static dev.databricksmcp.server.testing.SandboxFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.faults.FaultInjector;
import dev.databricksmcp.sandbox.sql.Warehouses;
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
 * The SQL admin tools follow docs/OUTPUT.md: a get has the list row's field names (and more), times
 * are ISO-8601 UTC, query history speaks the statement vocabulary, counts agree with their noun,
 * and a warehouse can be named where an id is asked.
 */
@Timeout(120)
class SqlAdminOutputTest {
  private static final Pattern ISO =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
  private static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture(new SandboxOptions(0, null, 200));
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @AfterEach
  void noFaults() {
    fx.sandbox.faults().clear();
  }

  @Test
  void aWarehouseGetHasTheListRowsFieldNamesAndMore() {
    Map<String, Object> row =
        items(fx.call("list_warehouses", Map.of())).stream()
            .filter(w -> Warehouses.STARTER_ID.equals(w.get("id")))
            .findFirst()
            .orElseThrow();
    Map<String, Object> got =
        ok(fx.call("get_warehouse", Map.of("warehouse_id", Warehouses.STARTER_ID)));
    assertThat(got.keySet()).containsAll(row.keySet());
    for (String key : row.keySet()) {
      assertThat(got.get(key)).as(key).isEqualTo(row.get(key));
    }
    assertThat(row)
        .containsEntry("name", Warehouses.STARTER_NAME)
        .containsEntry("enable_serverless_compute", true)
        .containsEntry("type", "PRO")
        .doesNotContainKeys("serverless", "warehouse_type");
    assertThat(got)
        .containsKeys("max_num_clusters", "creator_name", "connection")
        .doesNotContainKeys("odbc_params", "jdbc_url", "enable_serverless_compute_");
    assertThat(String.valueOf(got.get("connection"))).contains("http_path");
  }

  @Test
  void aSavedQueryGetHasTheListRowsFieldNamesAndIsoTimes() {
    Map<String, Object> row = items(fx.call("list_queries", Map.of())).get(0);
    assertThat(row).containsKeys("id", "name", "owner", "updated_at").doesNotContainKey("updated");
    assertThat((String) row.get("updated_at")).matches(ISO);
    Map<String, Object> got = ok(fx.call("get_query", Map.of("id", row.get("id"))));
    assertThat(got.keySet()).containsAll(row.keySet());
    assertThat(got.get("name")).isEqualTo(row.get("name"));
    assertThat(got)
        .containsKeys("description", "created_at", "parameters")
        .doesNotContainKeys("display_name", "owner_user_name", "create_time", "update_time");
    assertThat((String) got.get("created_at")).matches(ISO);
    assertThat(SavedQueryTools.iso("2019-08-24T16:15:22+02:00")).isEqualTo("2019-08-24T14:15:22Z");
  }

  @Test
  void historySaysSucceededAndStatementIdAndTakesEitherSpelling() {
    String marker = "SELECT 'vocabulary-marker' AS m";
    Map<String, Object> ran = ok(fx.call("execute_sql", Map.of("statement", marker)));
    String statementId = (String) ran.get("statement_id");
    assertThat(statementId).isNotBlank();

    for (String spelling : List.of("SUCCEEDED", "finished")) {
      List<Map<String, Object>> rows =
          items(fx.call("list_query_history", Map.of("state", spelling, "max_results", 100)));
      assertThat(rows)
          .as(spelling)
          .isNotEmpty()
          .allSatisfy(q -> assertThat(q.get("state")).isEqualTo("SUCCEEDED"));
      Map<String, Object> mine =
          rows.stream().filter(q -> marker.equals(q.get("query_text"))).findFirst().orElseThrow();
      assertThat(mine.get("statement_id")).isEqualTo(statementId);
      assertThat(mine).doesNotContainKeys("query_id", "status", "start_time");
      assertThat((String) mine.get("started_at")).matches(ISO);
      assertThat((String) mine.get("ended_at")).matches(ISO);
    }
    CallToolResult bad = fx.call("list_query_history", Map.of("state", "DONE"));
    assertThat(errorCode(bad)).isEqualTo("VALIDATION_ERROR");
    assertThat((String) body(bad).get("error")).startsWith("state:");
  }

  @Test
  void countsAgreeWithTheirNoun() {
    fx.call("execute_sql", Map.of("statement", "SELECT 1"));
    assertThat(
            (String) body(fx.call("list_query_history", Map.of("max_results", 1))).get("message"))
        .matches("1 query($|;.*)");
    assertThat((String) body(fx.call("list_warehouses", Map.of("max_results", 1))).get("message"))
        .matches("1 warehouse($|;.*)");
    assertThat((String) body(fx.call("list_queries", Map.of("max_results", 1))).get("message"))
        .matches("1 saved query($|;.*)");
    assertThat((String) body(fx.call("list_warehouses", Map.of())).get("message"))
        .matches("\\d+ warehouses");
  }

  @Test
  void aWarehouseCanBeNamedWhereAnIdIsAsked() {
    Map<String, Object> byName =
        ok(fx.call("get_warehouse", Map.of("warehouse_id", "serverless STARTER warehouse")));
    assertThat(byName.get("id")).isEqualTo(Warehouses.STARTER_ID);

    Map<String, Object> ran =
        ok(
            fx.call(
                "execute_sql",
                Map.of(
                    "statement", "SELECT 'on-analytics'", "warehouse_id", "Analytics Warehouse")));
    assertThat(
            items(fx.call("list_query_history", Map.of("max_results", 100))).stream()
                .filter(q -> ran.get("statement_id").equals(q.get("statement_id")))
                .findFirst()
                .orElseThrow()
                .get("warehouse_id"))
        .isEqualTo(Warehouses.ANALYTICS_ID);
    assertThat(
            items(fx.call("list_query_history", Map.of("warehouse_id", "analytics warehouse")))
                .stream()
                .map(q -> q.get("warehouse_id"))
                .distinct()
                .toList())
        .containsExactly(Warehouses.ANALYTICS_ID);

    CallToolResult none = fx.call("get_warehouse", Map.of("warehouse_id", "No Such Warehouse"));
    assertThat(errorCode(none)).isEqualTo("VALIDATION_ERROR");
    assertThat((String) body(none).get("error"))
        .startsWith("warehouse_id:")
        .contains("No Such Warehouse")
        .contains(Warehouses.STARTER_NAME)
        .contains(Warehouses.STARTER_ID);
  }

  @Test
  void twoWarehousesWithTheNameAreNamedInTheError() {
    String first = (String) ok(fx.call("create_warehouse", Map.of("name", "Twin WH"))).get("id");
    String second = (String) ok(fx.call("create_warehouse", Map.of("name", "twin wh"))).get("id");
    try {
      CallToolResult twins = fx.call("stop_warehouse", Map.of("warehouse_id", "TWIN WH"));
      assertThat(errorCode(twins)).isEqualTo("VALIDATION_ERROR");
      assertThat((String) body(twins).get("error"))
          .startsWith("warehouse_id:")
          .contains(first)
          .contains(second);
    } finally {
      fx.callConfirming("delete_warehouse", Map.of("warehouse_id", first));
      fx.callConfirming("delete_warehouse", Map.of("warehouse_id", second));
    }
  }

  @Test
  void anIdNeedsNoListCall() {
    // listing warehouses fails from now on: an id still works, a name cannot be resolved
    fx.sandbox
        .faults()
        .add(
            new FaultInjector.Rule(
                "GET",
                Pattern.compile("^/api/2\\.0/sql/warehouses$"),
                FaultInjector.Kind.INTERNAL_ERROR,
                -1,
                1.0,
                0));
    assertThat(
            ok(fx.call("get_warehouse", Map.of("warehouse_id", Warehouses.STARTER_ID))).get("id"))
        .isEqualTo(Warehouses.STARTER_ID);
    assertThat(
            ok(fx.call(
                    "execute_sql",
                    Map.of("statement", "SELECT 1", "warehouse_id", Warehouses.STARTER_ID)))
                .get("statement_id"))
        .isNotNull();
    assertThat(fx.call("get_warehouse", Map.of("warehouse_id", Warehouses.STARTER_NAME)).isError())
        .isTrue();
  }

  @Test
  void theStoppedSandboxWarehouseStartsByNameAndIsNotChosenByDefault() {
    Map<String, Object> started =
        ok(
            fx.call(
                "start_warehouse",
                Map.of("warehouse_id", Warehouses.ANALYTICS_NAME, "wait_seconds", 20)));
    assertThat(started)
        .containsEntry("id", Warehouses.ANALYTICS_ID)
        .containsEntry("state", "RUNNING");
    fx.call("stop_warehouse", Map.of("warehouse_id", Warehouses.ANALYTICS_ID, "wait_seconds", 20));
    WarehouseChooser.Choice choice = WarehouseChooser.choose(fx.adminClient(), null, null);
    assertThat(choice.id()).isEqualTo(Warehouses.STARTER_ID);
  }

  @Test
  @SuppressWarnings("unchecked")
  void workspaceInfoInTheSandboxSaysWhatExists() {
    Map<String, Object> info = ok(fx.call("get_workspace_info", Map.of()));
    Map<String, Object> contents = (Map<String, Object>) info.get("sandbox_contents");
    assertThat(contents).isNotNull();
    assertThat((List<Map<String, Object>>) contents.get("sample_data"))
        .extracting(s -> s.get("schema"))
        .contains("samples.tpch", "samples.nyctaxi", "main.default");
    assertThat(String.valueOf(contents.get("sql_helpers"))).contains("sandbox_sleep(seconds)");
    assertThat(String.valueOf(contents.get("warehouses")))
        .contains(Warehouses.ANALYTICS_ID)
        .contains("STOPPED");
    assertThat((String) body(fx.call("get_workspace_info", Map.of())).get("message"))
        .contains("samples.tpch");
  }
}
