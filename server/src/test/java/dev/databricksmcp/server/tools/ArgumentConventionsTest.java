package dev.databricksmcp.server.tools;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.data;
import static dev.databricksmcp.server.testing.SandboxFixture.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.server.testing.SandboxFixture;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The argument conventions of docs/OUTPUT.md, through the invoker with the real tools against the
 * sandbox: unknown arguments first with the closest name, plain strings coerced, date-only times,
 * identifiers normalised as Unity Catalog has them, and errors naming only declared fields.
 */
@Timeout(120)
class ArgumentConventionsTest {
  private static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static void assertValidation(CallToolResult r, String field) {
    assertThat(r.isError()).isTrue();
    assertThat(errorCode(r)).isEqualTo("VALIDATION_ERROR");
    assertThat(((Map<?, ?>) body(r).get("details")).get("field")).isEqualTo(field);
  }

  @Test
  void executeSqlWithSqlSaysItIsUnknownAndNamesStatement() {
    CallToolResult r = fx.call("execute_sql", Map.of("sql", "SELECT 1"));

    assertValidation(r, "sql");
    assertThat(body(r))
        .containsEntry("error", "sql: unknown argument 'sql'; did you mean 'statement'?");
    assertThat(((Map<?, ?>) body(r).get("details")).get("did_you_mean")).isEqualTo("statement");
  }

  @Test
  void numericAndBooleanStringsAreTakenAsTheCliTakesThem() {
    CallToolResult r = fx.call("list_catalogs", Map.of("max_results", "1", "detail", "true"));

    assertThat(r.isError()).as(String.valueOf(body(r))).isFalse();
    assertThat(body(r)).containsEntry("count", 1);
    assertValidation(fx.call("list_catalogs", Map.of("max_results", "1.5")), "max_results");
    assertValidation(fx.call("list_catalogs", Map.of("detail", "yes")), "detail");
  }

  @Test
  void aDateAloneIsATime() {
    CallToolResult r =
        fx.call(
            "list_query_history",
            Map.of("start_time", "2026-12-01", "end_time", "2026-12-02T00:00:00+01:00"));

    assertThat(r.isError()).as(String.valueOf(body(r))).isFalse();
    CallToolResult bad = fx.call("list_query_history", Map.of("start_time", "yesterday"));
    assertValidation(bad, "start_time");
    assertThat((String) body(bad).get("error")).contains("2026-12-01, midnight UTC");
  }

  @Test
  void unityCatalogNamesAreCanonicalLowerCase() throws Exception {
    CallToolResult upper = fx.call("get_table", Map.of("full_name", "SAMPLES.TPCH.Orders"));

    assertThat(upper.isError()).as(String.valueOf(body(upper))).isFalse();
    assertThat(data(upper)).containsEntry("full_name", "samples.tpch.orders");
    // one cache entry for both spellings: the second call is answered from it
    long hits = fx.cache.hits();
    fx.call("get_table", Map.of("full_name", "samples.tpch.orders"));
    assertThat(fx.cache.hits()).isEqualTo(hits + 1);

    CallToolResult sql =
        fx.call(
            "execute_sql",
            Map.of(
                "statement",
                "SELECT count(*) AS n FROM orders",
                "catalog",
                "SAMPLES",
                "schema",
                "TPCH"));
    assertThat(sql.isError()).as(String.valueOf(body(sql))).isFalse();
  }

  @Test
  void aBadSearchNamesTheSearchField() {
    CallToolResult r = fx.call("search_tables", Map.of("query", "%"));

    assertValidation(r, "query");
    assertThat((String) body(r).get("error")).doesNotContain("name_pattern");
  }
}
