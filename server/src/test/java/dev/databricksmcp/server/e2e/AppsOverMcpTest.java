package dev.databricksmcp.server.e2e;

import static dev.databricksmcp.server.testing.SandboxOverMcp.body;
import static dev.databricksmcp.server.testing.SandboxOverMcp.data;
import static dev.databricksmcp.server.testing.SandboxOverMcp.items;
import static dev.databricksmcp.server.testing.SandboxOverMcp.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.apps.SampleApps;
import dev.databricksmcp.server.testing.SandboxOverMcp;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What issue 21 says a model can do with Databricks Apps, done the way a model does it: MCP tool
 * calls over Streamable HTTP through the MCP SDK's client, with the admin toolset on. Find the
 * running dashboard in the list, read it, stop it (with progress while it stops) and start it again
 * (ACTIVE, and RUNNING once its last deployment is deployed again); and in read-only mode, see that
 * start_app is neither offered nor run.
 */
@Timeout(120)
class AppsOverMcpTest {
  private static Sandbox sandbox() {
    return Sandbox.start(new SandboxOptions(0, null, 200, 300));
  }

  @Test
  @SuppressWarnings("unchecked")
  void listGetStopAndStartTheDashboard() {
    try (SandboxOverMcp mcp = SandboxOverMcp.start(sandbox(), "admin")) {
      assertThat(items(mcp.call("list_apps", Map.of())))
          .filteredOn(r -> SampleApps.RUNNING.equals(r.get("name")))
          .singleElement()
          .satisfies(r -> assertThat(r).containsEntry("app_state", "RUNNING"));

      Map<String, Object> app = data(mcp.call("get_app", Map.of("name", SampleApps.RUNNING)));
      assertThat(String.valueOf(app.get("url"))).endsWith(".databricksapps.com");
      assertThat((Map<String, Object>) app.get("active_deployment"))
          .containsEntry("source_code_path", SampleApps.sourcePath(SampleApps.RUNNING));

      CallToolResult stopped =
          mcp.callWithProgress(
              "stop_app", Map.of("name", SampleApps.RUNNING, "wait_seconds", 30), "stop-1");
      assertThat(stopped.isError()).as(String.valueOf(body(stopped))).isFalse();
      assertThat(data(stopped)).containsEntry("compute_state", "STOPPED");
      assertThat(mcp.progress())
          .isNotEmpty()
          .allSatisfy(p -> assertThat(p.progressToken()).isEqualTo("stop-1"));

      CallToolResult started =
          mcp.call("start_app", Map.of("name", SampleApps.RUNNING, "wait_seconds", 60));
      assertThat(data(started))
          .containsEntry("compute_state", "ACTIVE")
          .containsEntry("app_state", "RUNNING");
      assertThat(message(started)).contains("ACTIVE").contains("RUNNING");
    }
  }

  @Test
  void readOnlyModeRefusesToStartAnApp() {
    try (SandboxOverMcp mcp = SandboxOverMcp.readOnly(sandbox(), "admin")) {
      assertThat(mcp.client().listTools().tools())
          .extracting(McpSchema.Tool::name)
          .contains("list_apps", "get_app")
          .doesNotContain("start_app", "stop_app");
      // not offered, so not run: the server answers as for any tool it does not have
      assertThatThrownBy(
              () -> mcp.attempt("start_app", Map.of("name", SampleApps.STOPPED, "wait_seconds", 0)))
          .hasMessageContaining("Unknown tool");
      assertThat(data(mcp.call("get_app", Map.of("name", SampleApps.STOPPED))))
          .containsEntry("compute_state", "STOPPED");
    }
  }
}
