package dev.databricksmcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.service.catalog.CatalogInfo;
import com.databricks.sdk.service.catalog.GetTableRequest;
import com.databricks.sdk.service.catalog.ListCatalogsRequest;
import com.databricks.sdk.service.sql.ColumnInfo;
import com.databricks.sdk.service.sql.ColumnInfoTypeName;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.StatementResponse;
import com.databricks.sdk.service.sql.StatementState;
import dev.databricksmcp.sandbox.sql.Warehouses;
import java.util.ArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The "done when", as a newcomer would do it: point the SDK at the sandbox using what its
 * banner prints, list catalogs, create a schema and a table with SQL, see it through Unity Catalog,
 * and read samples.nyctaxi.trips with correct types.
 */
@Timeout(60)
class NewcomerScenarioTest {
  @Test
  void fromTheBannerToResults() {
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.inMemory())) {
      String banner = SandboxBanner.text(sandbox);
      assertThat(banner)
          .contains("DATABRICKS_HOST=" + sandbox.host())
          .contains(sandbox.adminToken())
          .contains(Warehouses.STARTER_ID)
          .contains(SandboxBanner.THINGS_TO_TRY.toArray(String[]::new));
      WorkspaceClient w =
          new WorkspaceClient(
              new DatabricksConfig().setHost(sandbox.host()).setToken(sandbox.adminToken()));

      assertThat(
              StreamSupport.stream(
                  w.catalogs().list(new ListCatalogsRequest()).spliterator(), false))
          .extracting(CatalogInfo::getName)
          .contains("main", "samples", "system");

      assertThat(sql(w, "CREATE SCHEMA main.demo").getStatus().getState())
          .isEqualTo(StatementState.SUCCEEDED);
      assertThat(
              sql(w, "CREATE TABLE main.demo.greetings (id INT, text STRING)")
                  .getStatus()
                  .getState())
          .isEqualTo(StatementState.SUCCEEDED);
      assertThat(
              sql(w, "INSERT INTO main.demo.greetings VALUES (1, 'hello')").getStatus().getState())
          .isEqualTo(StatementState.SUCCEEDED);
      assertThat(
              w.tables().get(new GetTableRequest().setFullName("main.demo.greetings")).getColumns())
          .hasSize(2);

      StatementResponse trips =
          sql(
              w,
              "SELECT tpep_pickup_datetime, trip_distance, fare_amount, pickup_zip FROM"
                  + " samples.nyctaxi.trips LIMIT 5");
      assertThat(new ArrayList<>(trips.getManifest().getSchema().getColumns()))
          .extracting(ColumnInfo::getTypeName)
          .containsExactly(
              ColumnInfoTypeName.TIMESTAMP,
              ColumnInfoTypeName.DOUBLE,
              ColumnInfoTypeName.DOUBLE,
              ColumnInfoTypeName.INT);
      assertThat(trips.getResult().getDataArray()).hasSize(5);
    }
  }

  private static StatementResponse sql(WorkspaceClient w, String statement) {
    return w.statementExecution()
        .executeStatement(
            new ExecuteStatementRequest()
                .setWarehouseId(Warehouses.STARTER_ID)
                .setStatement(statement)
                .setWaitTimeout("30s"));
  }
}
