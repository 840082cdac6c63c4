package dev.databricksmcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.service.dashboards.CreateDashboardRequest;
import com.databricks.sdk.service.dashboards.Dashboard;
import com.databricks.sdk.service.dashboards.LifecycleState;
import com.databricks.sdk.service.dashboards.PublishRequest;
import com.databricks.sdk.service.dashboards.PublishedDashboard;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.dashboards.SampleDashboards;
import dev.databricksmcp.sandbox.sql.Warehouses;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code --sandbox-dir}, dashboards outlive a restart as they were: the analyst's published
 * one with its published revision and its owner (the analyst still manages it, another user still
 * does not), a trashed seed still trashed and without its published revision.
 */
@Timeout(120)
class DashboardsSurviveARestartTest {
  @TempDir Path dir;

  @Test
  void dashboardsTheirOwnersAndTheirPublishedRevisionsAreKept() {
    Dashboard before;
    PublishedDashboard published;
    try (Sandbox first = Sandbox.start(new SandboxOptions(0, dir, 200))) {
      WorkspaceClient analyst = SandboxClients.pat(first, Identities.USER_TOKEN);
      before =
          analyst
              .lakeview()
              .create(
                  new CreateDashboardRequest()
                      .setDashboard(
                          new Dashboard()
                              .setDisplayName("Kept")
                              .setWarehouseId(Warehouses.STARTER_ID)
                              .setSerializedDashboard("{\"pages\": []}")));
      published =
          analyst.lakeview().publish(new PublishRequest().setDashboardId(before.getDashboardId()));
      SandboxClients.pat(first, Identities.ADMIN_TOKEN).lakeview().trash(SampleDashboards.SALES_ID);
    }
    try (Sandbox second = Sandbox.start(new SandboxOptions(0, dir, 200))) {
      WorkspaceClient analyst = SandboxClients.pat(second, Identities.USER_TOKEN);
      WorkspaceClient sp = SandboxClients.pat(second, Identities.SERVICE_PRINCIPAL_TOKEN);
      assertThat(analyst.lakeview().get(before.getDashboardId())).isEqualTo(before);
      assertThat(analyst.lakeview().getPublished(before.getDashboardId())).isEqualTo(published);
      assertThatThrownBy(() -> sp.lakeview().trash(before.getDashboardId()))
          .isInstanceOf(PermissionDenied.class);
      analyst.lakeview().unpublish(before.getDashboardId());
      assertThat(analyst.lakeview().get(SampleDashboards.SALES_ID).getLifecycleState())
          .isEqualTo(LifecycleState.TRASHED);
      assertThatThrownBy(() -> analyst.lakeview().getPublished(SampleDashboards.SALES_ID))
          .isInstanceOf(NotFound.class);
    }
  }
}
