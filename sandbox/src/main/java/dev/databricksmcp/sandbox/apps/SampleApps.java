package dev.databricksmcp.sandbox.apps;

import com.databricks.sdk.service.apps.App;
import com.databricks.sdk.service.apps.AppResource;
import com.databricks.sdk.service.apps.AppResourceSqlWarehouse;
import com.databricks.sdk.service.apps.AppResourceSqlWarehouseSqlWarehousePermission;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.sql.Warehouses;
import java.util.List;

/**
 * The apps a new sandbox has, owned by the workspace admin: a running Streamlit-style dashboard
 * deployed from the admin's workspace folder, using the starter warehouse, and a stopped app that
 * was deployed before (so starting it deploys it again).
 */
public final class SampleApps {
  public static final String RUNNING = "sales-dashboard";
  public static final String STOPPED = "churn-explorer";

  private SampleApps() {}

  /** The workspace folder an app's code is deployed from, in the admin's home. */
  public static String sourcePath(String app) {
    return "/Workspace/Users/" + Identities.ADMIN.userName() + "/apps/" + app;
  }

  static void addTo(Apps apps) {
    String admin = Identities.ADMIN.userName();
    apps.addRunning(
        new App()
            .setName(RUNNING)
            .setDescription("Streamlit dashboard of sales by region and year (samples.tpch).")
            .setResources(
                List.of(
                    new AppResource()
                        .setName("sql-warehouse")
                        .setDescription("Warehouse the dashboard queries")
                        .setSqlWarehouse(
                            new AppResourceSqlWarehouse()
                                .setId(Warehouses.STARTER_ID)
                                .setPermission(
                                    AppResourceSqlWarehouseSqlWarehousePermission.CAN_USE)))),
        admin,
        sourcePath(RUNNING));
    apps.addStopped(
        new App()
            .setName(STOPPED)
            .setDescription("Gradio app to explore customer churn; stopped to save cost."),
        admin,
        sourcePath(STOPPED));
  }
}
