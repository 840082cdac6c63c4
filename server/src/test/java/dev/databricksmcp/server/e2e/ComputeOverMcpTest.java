package dev.databricksmcp.server.e2e;

import static dev.databricksmcp.server.testing.SandboxOverMcp.body;
import static dev.databricksmcp.server.testing.SandboxOverMcp.data;
import static dev.databricksmcp.server.testing.SandboxOverMcp.items;
import static dev.databricksmcp.server.testing.SandboxOverMcp.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.ApiAreas;
import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.compute.ClustersArea;
import dev.databricksmcp.sandbox.compute.ComputeClock;
import dev.databricksmcp.server.testing.Python3;
import dev.databricksmcp.server.testing.SandboxOverMcp;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What issue 16 says a model can do on the sandbox, done the way a model does it: MCP tool calls
 * over Streamable HTTP through the MCP SDK's client, with the compute toolset switched on. Create a
 * cluster with only a name and see it RUNNING (with progress while it starts), find out from its
 * events why it terminated, install a library and see it INSTALLED, and have a policy refuse a
 * value it does not allow.
 */
@Timeout(120)
class ComputeOverMcpTest {
  /** Moved forward instead of waited for: auto-termination after idle minutes. */
  private final ComputeClock clock = new ComputeClock();

  private SandboxOverMcp mcp;

  @BeforeEach
  void start() {
    List<ApiArea> areas = new ArrayList<>(ApiAreas.discovered());
    areas.replaceAll(a -> a instanceof ClustersArea ? new ClustersArea(clock) : a);
    mcp =
        SandboxOverMcp.start(
            Sandbox.start(new SandboxOptions(0, null, 200, 500).withPythonCommands(true), areas),
            "compute");
  }

  @AfterEach
  void stop() {
    mcp.close();
  }

  @Test
  void aClusterWithDefaultsRunsAndItsEventsSayWhyItTerminated() throws InterruptedException {
    CallToolResult created =
        mcp.callWithProgress("create_cluster", Map.of("name", "team cluster"), "c-1");
    Map<String, Object> cluster = data(created);
    assertThat(cluster).containsEntry("state", "RUNNING");
    assertThat(message(created)).contains("LTS").contains("costs money");
    assertThat(mcp.progress())
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p.progressToken()).isEqualTo("c-1"));
    String id = String.valueOf(cluster.get("cluster_id"));

    // nobody uses it: after its idle minutes the sandbox terminates it, as Databricks does
    clock.advance(Duration.ofMinutes(61));
    Map<String, Object> got = untilTerminated("team cluster");
    assertThat(got).containsEntry("termination_code", "INACTIVITY");

    List<Map<String, Object>> events =
        items(
            mcp.call(
                "list_cluster_events",
                Map.of("cluster_id", id, "event_types", List.of("TERMINATING"))));
    assertThat(events).hasSize(1);
    assertThat(String.valueOf(events.get(0).get("details"))).contains("INACTIVITY");
  }

  @Test
  void aLibraryInstallsOnARunningCluster() {
    mcp.call("create_cluster", Map.of("name", "libs"));
    CallToolResult installed =
        mcp.call(
            "install_libraries",
            Map.of("cluster_id", "libs", "pypi", List.of("pandas==2.2.0"), "wait_seconds", 60));
    assertThat(items(installed))
        .singleElement()
        .satisfies(
            row ->
                assertThat(row)
                    .containsEntry("library", "pypi: pandas==2.2.0")
                    .containsEntry("status", "INSTALLED"));
    assertThat(items(mcp.call("get_cluster_libraries", Map.of("cluster_id", "libs"))))
        .extracting(row -> row.get("status"))
        .containsExactly("INSTALLED");
  }

  @Test
  @SuppressWarnings("unchecked")
  void sqlAndPythonRunOnTheClusterAndTheirOutputIsRead() {
    mcp.call("create_cluster", Map.of("name", "notebook"));
    Map<String, Object> sql =
        data(
            mcp.call(
                "execute_command",
                Map.of("cluster_id", "notebook", "language", "sql", "command", "SELECT 6*7 AS a")));
    assertThat(sql).containsEntry("status", "Finished");
    assertThat((List<List<Object>>) sql.get("rows")).containsExactly(List.of(42));

    assumeTrue(Python3.available(), "no python3 on this machine");
    Map<String, Object> python =
        data(
            mcp.call(
                "execute_command",
                Map.of(
                    "cluster_id",
                    "notebook",
                    "language",
                    "python",
                    "command",
                    "print(spark.sql('SELECT 6*7 AS a').collect()[0].a)")));
    assertThat(python).containsEntry("status", "Finished").containsEntry("output", "42\n");
  }

  @Test
  void aPolicyRefusesAValueItDoesNotAllow() {
    mcp.call(
        "create_cluster_policy",
        Map.of(
            "name",
            "short idle",
            "definition",
            Map.of(
                "autotermination_minutes",
                Map.of("type", "range", "maxValue", 120, "defaultValue", 30))));
    CallToolResult governed =
        mcp.call(
            "create_cluster",
            Map.of("name", "governed", "policy_id", "short idle", "wait_seconds", 0));
    assertThat(data(governed)).containsEntry("autotermination_minutes", 30);

    CallToolResult refused =
        mcp.attempt(
            "create_cluster",
            Map.of(
                "name",
                "too idle",
                "policy_id",
                "short idle",
                "autotermination_minutes",
                600,
                "wait_seconds",
                0));
    assertThat(refused.isError()).isTrue();
    assertThat(body(refused))
        .containsEntry("success", false)
        .containsEntry("error_code", "VALIDATION_ERROR");
    assertThat(String.valueOf(body(refused).get("error")))
        .contains("autotermination_minutes")
        .contains("120");
    assertThat(items(mcp.call("list_clusters", Map.of("name_contains", "too idle")))).isEmpty();
  }

  /** get_cluster until the cluster the idle sweep (every 500 ms here) ended is TERMINATED. */
  private Map<String, Object> untilTerminated(String cluster) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      Map<String, Object> got = data(mcp.call("get_cluster", Map.of("cluster_id", cluster)));
      if ("TERMINATED".equals(got.get("state"))) {
        return got;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(cluster + " not TERMINATED after its idle time");
  }
}
