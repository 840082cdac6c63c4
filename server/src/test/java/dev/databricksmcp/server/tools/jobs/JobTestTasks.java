package dev.databricksmcp.server.tools.jobs;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.data;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.service.sql.CreateQueryRequest;
import com.databricks.sdk.service.sql.CreateQueryRequestQuery;
import dev.databricksmcp.sandbox.sql.Warehouses;
import dev.databricksmcp.server.testing.SandboxFixture;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Tasks for the job tool tests: SQL tasks on the sandbox's starter warehouse that run saved queries
 * (the sandbox runs a sql_task's saved query with the job's parameters bound as :name).
 */
final class JobTestTasks {
  private final SandboxFixture fx;

  JobTestTasks(SandboxFixture fx) {
    this.fx = fx;
  }

  /** A saved query with this text; its id. */
  String savedQuery(String sql) {
    return fx.adminClient()
        .queries()
        .create(
            new CreateQueryRequest()
                .setQuery(
                    new CreateQueryRequestQuery()
                        .setDisplayName("jobs test " + unique())
                        .setWarehouseId(Warehouses.STARTER_ID)
                        .setQueryText(sql)))
        .getId();
  }

  /** A task running {@code sql} as a saved query, after {@code dependsOn}. */
  Map<String, Object> sqlTask(String key, String sql, String... dependsOn) {
    Map<String, Object> task = new LinkedHashMap<>();
    task.put("task_key", key);
    task.put(
        "sql_task",
        Map.of(
            "warehouse_id", Warehouses.STARTER_ID, "query", Map.of("query_id", savedQuery(sql))));
    if (dependsOn.length > 0) {
      task.put("depends_on", List.of(dependsOn));
    }
    return task;
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

  static String unique() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  }
}
