package dev.databricksmcp.server.e2e;

import static dev.databricksmcp.server.testing.SandboxOverMcp.data;
import static dev.databricksmcp.server.testing.SandboxOverMcp.errorCode;
import static dev.databricksmcp.server.testing.SandboxOverMcp.items;
import static dev.databricksmcp.server.testing.SandboxOverMcp.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.service.dashboards.LifecycleState;
import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.dashboards.SampleDashboards;
import dev.databricksmcp.sandbox.sql.Warehouses;
import dev.databricksmcp.server.testing.SandboxOverMcp;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What issue 21 says a model can do with AI/BI dashboards on the sandbox, done the way a model does
 * it: MCP tool calls over Streamable HTTP with the admin toolset on and the server's confirmations
 * in force. Find the taxi dashboard, read its pages and datasets, publish it (the Databricks SDK
 * sees it published), unpublish it, then trash it: asked first, naming the dashboard; afterwards it
 * is no longer listed and reads as TRASHED.
 */
@Timeout(120)
class DashboardsOverMcpTest {
  private SandboxOverMcp mcp;

  @BeforeEach
  void start() {
    mcp = SandboxOverMcp.confirming(Sandbox.start(new SandboxOptions(0, null, 200, 500)), "admin");
  }

  @AfterEach
  void stop() {
    mcp.close();
  }

  @Test
  @SuppressWarnings("unchecked")
  void findReadPublishUnpublishAndTrashADashboard() {
    List<Map<String, Object>> found =
        items(mcp.call("list_dashboards", Map.of("name_contains", "taxi")));
    assertThat(found).hasSize(1);
    String id = (String) found.get(0).get("dashboard_id");
    assertThat(id).isEqualTo(SampleDashboards.TAXI_ID);

    Map<String, Object> dashboard = data(mcp.call("get_dashboard", Map.of("dashboard_id", id)));
    assertThat(dashboard.get("published")).isEqualTo(Map.of("is_published", false));
    List<Map<String, Object>> pages = (List<Map<String, Object>>) dashboard.get("pages");
    assertThat(pages).extracting(p -> p.get("title")).containsExactly("Trips");
    assertThat((List<Map<String, Object>>) pages.get(0).get("widgets"))
        .extracting(w -> w.get("title"))
        .containsExactly("New York taxi trips", "Busiest pickup zip codes", "Average fare per zip");
    List<Map<String, Object>> datasets = (List<Map<String, Object>>) dashboard.get("datasets");
    assertThat(datasets).hasSize(1);
    assertThat(datasets.get(0).get("sql").toString()).contains("FROM samples.nyctaxi.trips");

    CallToolResult published = mcp.call("publish_dashboard", Map.of("dashboard_id", id));
    assertThat(message(published)).contains("Published dashboard 'Taxi trips'");
    WorkspaceClient sdk = mcp.admin();
    assertThat(sdk.lakeview().getPublished(id).getWarehouseId()).isEqualTo(Warehouses.STARTER_ID);
    assertThat(
            ((Map<String, Object>)
                    data(mcp.call("get_dashboard", Map.of("dashboard_id", id))).get("published"))
                .get("is_published"))
        .isEqualTo(true);

    assertThat(data(mcp.call("unpublish_dashboard", Map.of("dashboard_id", id))))
        .containsEntry("was_published", true);
    assertThatThrownBy(() -> sdk.lakeview().getPublished(id)).isInstanceOf(NotFound.class);

    CallToolResult asked = mcp.attempt("trash_dashboard", Map.of("dashboard_id", id));
    assertThat(errorCode(asked)).isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(SandboxOverMcp.body(asked).get("error").toString())
        .contains("move dashboard 'Taxi trips'");
    assertThat(sdk.lakeview().get(id).getLifecycleState()).isEqualTo(LifecycleState.ACTIVE);
    assertThat(data(mcp.confirmed("trash_dashboard", Map.of("dashboard_id", id))))
        .containsEntry("state", "TRASHED");

    assertThat(items(mcp.call("list_dashboards", Map.of())))
        .extracting(r -> r.get("dashboard_id"))
        .doesNotContain(id)
        .contains(SampleDashboards.SALES_ID);
    assertThat(data(mcp.call("get_dashboard", Map.of("dashboard_id", id))))
        .containsEntry("state", "TRASHED");
    assertThat(sdk.lakeview().get(id).getLifecycleState()).isEqualTo(LifecycleState.TRASHED);
  }
}
