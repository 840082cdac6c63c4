package dev.databricksmcp.server.tools.sql;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.data;
import static dev.databricksmcp.server.testing.SandboxFixture.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.server.testing.SandboxFixture;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** execute_sql, get_statement and cancel_statement against the sandbox. */
@Timeout(120)
class ExecuteSqlTest {
  private static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture(new SandboxOptions(0, null, 300));
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static String text(CallToolResult r) {
    return ((TextContent) r.content().get(0)).text();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aQueryWithinTheFirstWaitReturnsTypedRowsAndATable() {
    CallToolResult r =
        fx.call(
            "execute_sql",
            Map.of("statement", "SELECT r_regionkey, r_name FROM samples.tpch.region ORDER BY 1"));
    assertThat(r.isError()).as(String.valueOf(body(r))).isFalse();
    Map<String, Object> d = data(r);
    assertThat(d.get("state")).isEqualTo("SUCCEEDED");
    assertThat(d.get("total_row_count")).isEqualTo(5);
    assertThat(d.get("truncated")).isEqualTo(false);
    assertThat((List<List<Object>>) d.get("rows")).first().isEqualTo(List.of(0, "AFRICA"));
    assertThat((List<Map<String, Object>>) d.get("columns"))
        .extracting(c -> c.get("type"))
        .containsExactly("INT", "STRING");
    assertThat(((Map<String, Object>) d.get("warehouse")).get("chosen"))
        .asString()
        .contains("best available");
    assertThat(text(r)).contains("| r_regionkey | r_name |").contains("| 0 | AFRICA |");
  }

  @Test
  void csvAndJsonRenderingsOnRequest() {
    assertThat(
            text(
                fx.call(
                    "execute_sql",
                    Map.of("statement", "SELECT 'a,b' AS x, 1 AS n", "format", "csv"))))
        .contains("x,n\n\"a,b\",1");
    assertThat(text(fx.call("execute_sql", Map.of("statement", "SELECT 1 AS n", "format", "json"))))
        .contains("{\"n\":1}");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aSlowQueryReturnsItsIdAtTheDeadlineAndIsCompletedLater() {
    fx.progress.clear();
    fx.waitsHandedBack.set(0);
    CallToolResult first =
        fx.call(
            "execute_sql",
            Map.of("statement", "SELECT sandbox_sleep(4) AS slept", "timeout_seconds", 1));
    assertThat(first.isError()).isFalse();
    assertThat(fx.waitsHandedBack).as("the statement's id is handed back").hasValue(1);
    Map<String, Object> d = data(first);
    assertThat(d.get("state")).isIn("PENDING", "RUNNING");
    assertThat((String) body(first).get("message")).contains("get_statement");
    assertThat(fx.progress).isNotEmpty();
    // submitted without a server-side wait: the first progress is at 0 s, not after 10 s
    assertThat(fx.progress.get(0)).startsWith("statement " + d.get("statement_id")).contains("(0s");

    CallToolResult later =
        fx.call("get_statement", Map.of("statement_id", d.get("statement_id"), "wait_seconds", 20));
    assertThat(data(later).get("state")).isEqualTo("SUCCEEDED");
    assertThat((List<List<Object>>) data(later).get("rows")).containsExactly(List.of(4));
  }

  @Test
  void onTimeoutCancelStopsTheStatement() {
    fx.waitsHandedBack.set(0);
    CallToolResult r =
        fx.call(
            "execute_sql",
            Map.of(
                "statement",
                "SELECT sandbox_sleep(30)",
                "timeout_seconds",
                1,
                "on_timeout",
                "cancel"));
    assertThat(data(r).get("state")).isEqualTo("CANCELED");
    assertThat(fx.waitsHandedBack).as("cancelled, not handed back").hasValue(0);
  }

  @Test
  void cancelStatementStopsARunningOne() {
    CallToolResult started =
        fx.call(
            "execute_sql", Map.of("statement", "SELECT sandbox_sleep(30)", "timeout_seconds", 1));
    Object id = data(started).get("statement_id");
    CallToolResult cancelled = fx.call("cancel_statement", Map.of("statement_id", id));
    assertThat(data(cancelled).get("state")).isEqualTo("CANCELED");
  }

  @Test
  @SuppressWarnings("unchecked")
  void largeResultsArePagedToTheEndThroughChunks() {
    CallToolResult first =
        fx.call(
            "execute_sql",
            Map.of(
                "statement",
                "SELECT l_orderkey, l_linenumber FROM samples.tpch.lineitem ORDER BY 1, 2",
                "max_rows",
                10000));
    Map<String, Object> d = data(first);
    assertThat(d.get("total_row_count")).isEqualTo(60000);
    assertThat(d.get("truncated")).isEqualTo(true);
    long seen = ((List<?>) d.get("rows")).size();
    Object next = d.get("next_offset");
    int pages = 1;
    while (next != null) {
      CallToolResult page =
          fx.call(
              "get_statement",
              Map.of("statement_id", d.get("statement_id"), "offset", next, "max_rows", 10000));
      Map<String, Object> pd = data(page);
      List<List<Object>> rows = (List<List<Object>>) pd.get("rows");
      assertThat(pd.get("row_offset")).isEqualTo(((Number) next).intValue());
      seen += rows.size();
      next = pd.get("next_offset");
      pages++;
    }
    assertThat(seen).isEqualTo(60000);
    assertThat(pages).isGreaterThan(2);
  }

  @Test
  void rowAndByteCapsMarkTheResultTruncatedWithHowToGetMore() {
    CallToolResult rows =
        fx.call("execute_sql", Map.of("statement", "SELECT * FROM range(500)", "max_rows", 7));
    assertThat(data(rows).get("row_count")).isEqualTo(7);
    assertThat(data(rows).get("next_offset")).isEqualTo(7);
    assertThat((String) body(rows).get("message")).contains("offset=7");
    CallToolResult limited =
        fx.call("execute_sql", Map.of("statement", "SELECT * FROM range(500)", "row_limit", 3));
    assertThat(data(limited).get("total_row_count")).isEqualTo(3);
    assertThat(data(limited).get("truncated")).isEqualTo(true);
    assertThat((String) body(limited).get("message")).contains("not the whole answer");
  }

  @Test
  @SuppressWarnings("unchecked")
  void parametersAreBoundWithTheirTypes() {
    CallToolResult r =
        fx.call(
            "execute_sql",
            Map.of(
                "statement",
                "SELECT count(*) AS n FROM samples.tpch.nation WHERE n_regionkey = :region AND"
                    + " n_name <> :name",
                "parameters",
                List.of(
                    Map.of("name", "region", "value", "1", "type", "INT"),
                    Map.of("name", "name", "value", "x' OR '1'='1"))));
    assertThat((List<List<Object>>) data(r).get("rows")).containsExactly(List.of(5));
  }

  @Test
  @SuppressWarnings("unchecked")
  void parametersTakeTheApisListShapeWithPlainJsonValuesTyped() {
    // a number or boolean value without a type keeps its type; a missing value is NULL
    CallToolResult r =
        fx.call(
            "execute_sql",
            Map.of(
                "statement",
                "SELECT :n + 1 AS n, :b AS b, :d AS d, :missing IS NULL AS is_null",
                "parameters",
                List.of(
                    Map.of("name", "n", "value", 41),
                    Map.of("name", "b", "value", true),
                    Map.of("name", "d", "value", "2026-01-31", "type", "date"),
                    Map.of("name", "missing"))));
    assertThat(r.isError()).as(String.valueOf(body(r))).isFalse();
    assertThat((List<List<Object>>) data(r).get("rows"))
        .containsExactly(List.of(42, true, "2026-01-31", true));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theParametersSchemaIsAListOfDeclaredObjectsThatStrictClientsAccept() {
    Map<String, Object> p = StatementParameters.schema();
    assertThat(p.get("type")).isEqualTo("array");
    Map<String, Object> item = (Map<String, Object>) p.get("items");
    assertThat(item.get("type")).isEqualTo("object");
    assertThat(item.get("additionalProperties")).isEqualTo(false);
    assertThat(item.get("required")).isEqualTo(List.of("name"));
    assertThat((Map<String, Object>) item.get("properties"))
        .containsOnlyKeys("name", "value", "type");
  }

  @Test
  void badParametersAreValidationErrorsNamingTheItem() {
    java.util.function.Function<Object, String> error =
        params ->
            (String)
                body(fx.call("execute_sql", Map.of("statement", "SELECT :a", "parameters", params)))
                    .get("error");
    // the old free-form object is not a list
    assertThat(error.apply(Map.of("a", 1))).startsWith("parameters:").contains("list");
    assertThat(error.apply(List.of(Map.of("value", "1")))).startsWith("parameters[0].name:");
    assertThat(error.apply(List.of(Map.of("name", "a b")))).startsWith("parameters[0].name:");
    assertThat(error.apply(List.of(Map.of("name", "a"), Map.of("name", "A"))))
        .startsWith("parameters[1].name:")
        .contains("twice");
    assertThat(error.apply(List.of(Map.of("name", "a", "val", "1"))))
        .startsWith("parameters[0].val:");
    assertThat(error.apply(List.of(Map.of("name", "a", "value", List.of(1)))))
        .startsWith("parameters[0].value:");
    assertThat(error.apply(List.of(Map.of("name", "a", "type", "ARRAY<INT>"))))
        .startsWith("parameters[0].type:");
    assertThat(error.apply(List.of(Map.of("name", "a", "type", "INT; DROP"))))
        .startsWith("parameters[0].type:");
  }

  @Test
  void catalogAndSchemaGoInTheRequestFields() {
    CallToolResult r =
        fx.call(
            "execute_sql",
            Map.of(
                "statement",
                "SELECT count(*) FROM region",
                "catalog",
                "samples",
                "schema",
                "tpch"));
    assertThat(data(r).get("state")).isEqualTo("SUCCEEDED");
  }

  @Test
  void sqlErrorsCarryDatabricksErrorClassAndState() {
    CallToolResult missing =
        fx.call("execute_sql", Map.of("statement", "SELECT * FROM main.default.nope"));
    assertThat(errorCode(missing)).isEqualTo("NOT_FOUND");
    assertThat((String) body(missing).get("error")).contains("TABLE_OR_VIEW_NOT_FOUND");
    assertThat((Map<String, Object>) body(missing).get("details"))
        .containsEntry("sql_state", "42P01")
        .containsKey("statement_id");
    CallToolResult syntax = fx.call("execute_sql", Map.of("statement", "SELECT FROM WHERE"));
    assertThat(errorCode(syntax)).isEqualTo("VALIDATION_ERROR");
    assertThat((String) body(syntax).get("error")).contains("PARSE_SYNTAX_ERROR");
    CallToolResult denied =
        fx.call(
            "execute_sql",
            Map.of("statement", "CREATE TABLE main.default.x AS SELECT 1"),
            Identities.SERVICE_PRINCIPAL_TOKEN,
            false);
    assertThat(errorCode(denied)).isEqualTo("PERMISSION_DENIED");
  }

  @Test
  void twoStatementsAndOutboundFunctionsAreRefusedBeforeReachingDatabricks() {
    assertThat(errorCode(fx.call("execute_sql", Map.of("statement", "SELECT 1; SELECT 2"))))
        .isEqualTo("VALIDATION_ERROR");
    assertThat(errorCode(fx.call("execute_sql", Map.of("statement", "SELECT secret('a', 'b')"))))
        .isEqualTo("PERMISSION_DENIED");
  }

  @Test
  void readOnlyModeRunsReadsAndRefusesWrites() {
    CallToolResult read =
        fx.call("execute_sql", Map.of("statement", "SHOW CATALOGS"), Identities.ADMIN_TOKEN, true);
    assertThat(read.isError()).isFalse();
    CallToolResult write =
        fx.call(
            "execute_sql",
            Map.of("statement", "WITH a AS (SELECT 1) INSERT INTO main.default.t SELECT * FROM a"),
            Identities.ADMIN_TOKEN,
            true);
    assertThat(errorCode(write)).isEqualTo("READ_ONLY");
    assertThat((String) body(write).get("error")).contains("INSERT");
  }

  @Test
  void theWarehouseStartsWhenAStatementNeedsIt() {
    String id = (String) data(fx.call("create_warehouse", Map.of("name", "autostart"))).get("id");
    assertThat(
            data(fx.call("stop_warehouse", Map.of("warehouse_id", id, "wait_seconds", 20)))
                .get("state"))
        .isEqualTo("STOPPED");
    CallToolResult r = fx.call("execute_sql", Map.of("statement", "SELECT 1", "warehouse_id", id));
    assertThat(data(r).get("state")).isEqualTo("SUCCEEDED");
    assertThat(data(fx.call("get_warehouse", Map.of("warehouse_id", id))).get("state"))
        .isEqualTo("RUNNING");
  }

  @Test
  void badArgumentsAreValidationErrorsNamingTheField() {
    CallToolResult r =
        fx.call("execute_sql", Map.of("statement", "SELECT 1", "warehouse_id", "../etc"));
    assertThat(errorCode(r)).isEqualTo("VALIDATION_ERROR");
    assertThat((String) body(r).get("error")).startsWith("warehouse_id:");
    assertThat(
            (String)
                body(fx.call("execute_sql", Map.of("statement", "SELECT 1", "timeout_seconds", 0)))
                    .get("error"))
        .startsWith("timeout_seconds:");
  }

  @Test
  void aTypoIsRefusedAsNotRecognisedAndNeverConfirmedAsAChangeOfData() {
    // confirmations on: a typo used to be asked about as SQL "that can change or delete data"
    CallToolResult typo = fx.callConfirming("execute_sql", Map.of("statement", "SELEC 1"));
    assertThat(errorCode(typo)).isEqualTo("VALIDATION_ERROR");
    assertThat((String) body(typo).get("error"))
        .isEqualTo(
            "statement: 'SELEC' does not start a Databricks SQL statement (did you mean SELECT?);"
                + " nothing was run");
  }

  @Test
  void useAndSetRunWithoutAConfirmationAboutDataAndAreRefusedInReadOnlyMode() {
    for (String sql : List.of("USE CATALOG samples", "SET ansi_mode = true")) {
      CallToolResult r = fx.callConfirming("execute_sql", Map.of("statement", sql));
      assertThat(errorCode(r)).as(sql + ": " + body(r)).isNotEqualTo("CONFIRMATION_REQUIRED");
      CallToolResult ro =
          fx.call("execute_sql", Map.of("statement", sql), Identities.ADMIN_TOKEN, true);
      assertThat(errorCode(ro)).as(sql).isEqualTo("READ_ONLY");
      assertThat((String) body(ro).get("error")).contains("changes the session");
    }
    // a write still asks
    assertThat(
            errorCode(
                fx.callConfirming(
                    "execute_sql", Map.of("statement", "DELETE FROM main.default.nothing_here"))))
        .isEqualTo("CONFIRMATION_REQUIRED");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theReadOnlyQueryToolRunsReadsAsExecuteSqlAndRefusesWritesInEveryMode() {
    CallToolResult r =
        fx.callConfirming(
            "execute_sql_read_only",
            Map.of(
                "statement",
                "SELECT r_name FROM samples.tpch.region WHERE r_regionkey = :k",
                "parameters",
                List.of(Map.of("name", "k", "value", "1", "type", "INT")),
                "format",
                "csv"));
    assertThat(r.isError()).as(String.valueOf(body(r))).isFalse();
    assertThat((List<List<Object>>) data(r).get("rows")).containsExactly(List.of("AMERICA"));
    assertThat(data(r)).containsKeys("statement_id", "columns", "total_row_count", "truncated");
    assertThat(text(r)).contains("r_name\nAMERICA");
    for (boolean readOnlyMode : new boolean[] {false, true}) {
      for (String attack :
          List.of(
              "WITH a AS (SELECT 1) INSERT INTO main.default.t SELECT * FROM a",
              "SELECT 1 /* ; */ ; DROP TABLE main.default.t",
              "EXPLAIN DELETE FROM main.default.t",
              "USE CATALOG main")) {
        CallToolResult refused =
            fx.call(
                "execute_sql_read_only",
                Map.of("statement", attack),
                Identities.ADMIN_TOKEN,
                readOnlyMode);
        assertThat(errorCode(refused)).as(attack).isIn("READ_ONLY", "VALIDATION_ERROR");
      }
    }
    assertThat(fx.sql("SHOW TABLES IN main.default").getStatus().getState().toString())
        .isEqualTo("SUCCEEDED");
  }

  @Test
  void theTextBlockIsHeldToTheByteBudgetWithHowToGetTheRest() {
    // the case: 10,000 rows asked, 155,788 bytes of text read
    CallToolResult r =
        fx.call(
            "execute_sql",
            Map.of(
                "statement",
                "SELECT * FROM samples.tpch.lineitem ORDER BY l_orderkey, l_linenumber",
                "max_rows",
                10000));
    assertThat(r.isError()).as(String.valueOf(body(r))).isFalse();
    int budget = SqlSettings.defaults().maxBytes();
    assertThat(text(r).getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(budget);
    Map<String, Object> d = data(r);
    assertThat(d.get("truncated")).isEqualTo(true);
    int rows = (Integer) d.get("row_count");
    assertThat(d.get("next_offset")).isEqualTo(rows);
    // the text shows the same rows as the structured result: header, separator, then each row
    assertThat(text(r).lines().filter(l -> l.startsWith("| ")).count()).isEqualTo(rows + 1L);
    assertThat((String) body(r).get("message"))
        .contains("size budget of " + budget + " bytes")
        .contains("statement_id=" + d.get("statement_id"))
        .contains("offset=" + rows);
  }

  @Test
  @SuppressWarnings("unchecked")
  void sqlErrorsKeepTheirMeaningAndDatabricksSuggestion() {
    CallToolResult typed =
        fx.call(
            "execute_sql",
            Map.of(
                "statement",
                "SELECT :a + 1 AS x",
                "parameters",
                List.of(Map.of("name", "a", "value", "abc"))));
    // a statement failure the model can fix, not INTERNAL_ERROR with the engine's words
    assertThat(errorCode(typed)).isEqualTo("VALIDATION_ERROR");
    assertThat((String) body(typed).get("error"))
        .startsWith("SQL error: [DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES]")
        .doesNotContain("STRING_LITERAL");
    assertThat((Map<String, Object>) body(typed).get("details"))
        .containsEntry("sql_state", "42K09")
        .containsEntry("sql_error_class", "DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES");
    CallToolResult column =
        fx.call("execute_sql", Map.of("statement", "SELECT n_nme FROM samples.tpch.nation"));
    assertThat(errorCode(column)).isEqualTo("VALIDATION_ERROR");
    assertThat((String) body(column).get("error"))
        .contains("Did you mean one of the following? [")
        .contains("`n_name`");
  }
}
