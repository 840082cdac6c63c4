package dev.databricksmcp.server.tools.sql;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.data;
import static dev.databricksmcp.server.testing.SandboxFixture.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.server.testing.SandboxFixture;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * DDL through execute_sql shows in the catalog tools at once: the invoker clears the shared
 * metadata cache (60 s in the fixture) after the write, where before list_tables and get_table
 * stayed stale until it expired.
 */
@Timeout(120)
class SqlWritesRefreshTheCatalogTest {
  private static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @SuppressWarnings("unchecked")
  private static List<Object> tableNames() {
    CallToolResult r =
        fx.call("list_tables", Map.of("catalog_name", "main", "schema_name", "default"));
    assertThat(r.isError()).as(String.valueOf(body(r))).isFalse();
    return ((List<Map<String, Object>>) data(r).get("items"))
        .stream().map(t -> t.get("full_name")).toList();
  }

  private static void sql(String statement) {
    CallToolResult r = fx.call("execute_sql", Map.of("statement", statement));
    assertThat(r.isError()).as(String.valueOf(body(r))).isFalse();
  }

  @Test
  void createThenListShowsTheTableAndDropThenGetSaysNotFound() {
    assertThat(tableNames()).doesNotContain("main.default.fresh_t");
    long hits = fx.cache.hits();
    assertThat(tableNames()).doesNotContain("main.default.fresh_t");
    assertThat(fx.cache.hits()).as("the listing is cached").isEqualTo(hits + 1);

    sql("CREATE TABLE main.default.fresh_t AS SELECT 1 AS x");
    assertThat(tableNames()).contains("main.default.fresh_t");

    assertThat(fx.call("get_table", Map.of("full_name", "main.default.fresh_t")).isError())
        .isFalse();
    assertThat(fx.call("get_table", Map.of("full_name", "main.default.fresh_t")).isError())
        .isFalse();
    sql("DROP TABLE main.default.fresh_t");
    assertThat(errorCode(fx.call("get_table", Map.of("full_name", "main.default.fresh_t"))))
        .isEqualTo("NOT_FOUND");
    assertThat(tableNames()).doesNotContain("main.default.fresh_t");
  }
}
