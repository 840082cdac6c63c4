package dev.databricksmcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.service.sql.CreateWarehouseRequest;
import com.databricks.sdk.service.sql.DeleteWarehouseRequest;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.GetWarehouseRequest;
import com.databricks.sdk.service.sql.ListQueryHistoryRequest;
import com.databricks.sdk.service.sql.ListWarehousesRequest;
import com.databricks.sdk.service.sql.QueryFilter;
import com.databricks.sdk.service.sql.QueryInfo;
import com.databricks.sdk.service.sql.QueryStatus;
import com.databricks.sdk.service.sql.StartRequest;
import com.databricks.sdk.service.sql.State;
import com.databricks.sdk.service.sql.StatementResponse;
import com.databricks.sdk.service.sql.StatementState;
import com.databricks.sdk.service.sql.StopRequest;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.engine.Sql;
import dev.databricksmcp.sandbox.sql.Warehouses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Warehouse state machines and auto-start, query history with filters, lineage from statements. */
@Timeout(120)
class WarehousesHistoryLineageTest {
  private static Sandbox sandbox;
  private static WorkspaceClient admin;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(new SandboxOptions(0, null, 400));
    admin = SandboxClients.pat(sandbox, Identities.ADMIN_TOKEN);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static State waitFor(String id, State wanted) throws InterruptedException {
    State state = null;
    for (int i = 0; i < 200 && state != wanted; i++) {
      state = admin.warehouses().get(new GetWarehouseRequest().setId(id)).getState();
      Thread.sleep(25);
    }
    return state;
  }

  private static StatementResponse run(String warehouse, String sql) {
    return admin
        .statementExecution()
        .executeStatement(
            new ExecuteStatementRequest()
                .setWarehouseId(warehouse)
                .setStatement(sql)
                .setWaitTimeout("30s"));
  }

  @Test
  void warehousesMoveThroughTheirStates() throws Exception {
    assertThat(
            StreamSupport.stream(
                admin.warehouses().list(new ListWarehousesRequest()).spliterator(), false))
        .anySatisfy(
            w -> {
              assertThat(w.getId()).isEqualTo(Warehouses.STARTER_ID);
              assertThat(w.getState()).isEqualTo(State.RUNNING);
              assertThat(w.getEnableServerlessCompute()).isTrue();
            });
    String id =
        admin
            .warehouses()
            .create(
                new CreateWarehouseRequest()
                    .setName("adhoc")
                    .setClusterSize("2X-Small")
                    .setAutoStopMins(5L))
            .getResponse()
            .getId();
    assertThat(admin.warehouses().get(new GetWarehouseRequest().setId(id)).getState())
        .isEqualTo(State.STARTING);
    assertThat(waitFor(id, State.RUNNING)).isEqualTo(State.RUNNING);
    admin.warehouses().stop(new StopRequest().setId(id));
    assertThat(admin.warehouses().get(new GetWarehouseRequest().setId(id)).getState())
        .isEqualTo(State.STOPPING);
    assertThat(waitFor(id, State.STOPPED)).isEqualTo(State.STOPPED);

    // a statement on a stopped warehouse starts it, as serverless warehouses do
    StatementResponse r = run(id, "SELECT 42");
    assertThat(r.getStatus().getState()).isEqualTo(StatementState.SUCCEEDED);
    assertThat(admin.warehouses().get(new GetWarehouseRequest().setId(id)).getState())
        .isEqualTo(State.RUNNING);

    admin.warehouses().delete(new DeleteWarehouseRequest().setId(id));
    assertThatThrownBy(() -> admin.warehouses().get(new GetWarehouseRequest().setId(id)))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(
            () ->
                SandboxClients.pat(sandbox, Identities.USER_TOKEN)
                    .warehouses()
                    .create(new CreateWarehouseRequest().setName("x")))
        .isInstanceOf(PermissionDenied.class);
    admin.warehouses().start(new StartRequest().setId(Warehouses.STARTER_ID));
  }

  /**
   * A new sandbox has, besides the running starter warehouse (listed first, so "the first
   * warehouse" stays the starter), a small stopped one that starting brings to RUNNING.
   */
  @Test
  void aNewSandboxHasAStoppedWarehouseToStart() throws Exception {
    try (Sandbox fresh = Sandbox.start(new SandboxOptions(0, null, 200))) {
      WorkspaceClient w = SandboxClients.pat(fresh, Identities.ADMIN_TOKEN);
      List<com.databricks.sdk.service.sql.EndpointInfo> all =
          StreamSupport.stream(
                  w.warehouses().list(new ListWarehousesRequest()).spliterator(), false)
              .toList();
      assertThat(all).extracting(e -> e.getId()).startsWith(Warehouses.STARTER_ID);
      assertThat(all)
          .filteredOn(e -> e.getId().equals(Warehouses.ANALYTICS_ID))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.getName()).isEqualTo(Warehouses.ANALYTICS_NAME);
                assertThat(e.getState()).isEqualTo(State.STOPPED);
                assertThat(e.getNumClusters()).isZero();
                assertThat(e.getClusterSize()).isEqualTo("2X-Small");
              });
      w.warehouses().start(new StartRequest().setId(Warehouses.ANALYTICS_ID));
      State reached = State.STARTING;
      for (int i = 0; i < 200 && reached != State.RUNNING; i++) {
        Thread.sleep(25);
        reached =
            w.warehouses().get(new GetWarehouseRequest().setId(Warehouses.ANALYTICS_ID)).getState();
      }
      assertThat(reached).isEqualTo(State.RUNNING);
    }
  }

  @Test
  void queryHistoryListsWhatRanWithFilters() {
    StatementResponse ok = run(Warehouses.STARTER_ID, "SELECT 'history-marker'");
    run(Warehouses.STARTER_ID, "SELECT * FROM main.default.missing_for_history");
    SandboxClients.pat(sandbox, Identities.USER_TOKEN)
        .statementExecution()
        .executeStatement(
            new ExecuteStatementRequest()
                .setWarehouseId(Warehouses.STARTER_ID)
                .setStatement("SELECT 1")
                .setWaitTimeout("30s"));

    List<QueryInfo> failed = list(new QueryFilter().setStatuses(List.of(QueryStatus.FAILED)));
    assertThat(failed)
        .isNotEmpty()
        .allSatisfy(q -> assertThat(q.getStatus()).isEqualTo(QueryStatus.FAILED));
    assertThat(failed)
        .anySatisfy(q -> assertThat(q.getErrorMessage()).contains("TABLE_OR_VIEW_NOT_FOUND"));

    List<QueryInfo> analyst =
        list(new QueryFilter().setUserIds(List.of(Long.parseLong(Identities.ANALYST.id()))));
    assertThat(analyst)
        .isNotEmpty()
        .allSatisfy(q -> assertThat(q.getUserName()).isEqualTo("analyst@sandbox.local"));

    List<QueryInfo> byId = list(new QueryFilter().setStatementIds(List.of(ok.getStatementId())));
    assertThat(byId)
        .singleElement()
        .satisfies(q -> assertThat(q.getQueryText()).contains("history-marker"));

    var firstPage = admin.queryHistory().list(new ListQueryHistoryRequest().setMaxResults(1L));
    assertThat(firstPage.getRes()).hasSize(1);
    assertThat(firstPage.getHasNextPage()).isTrue();
    assertThat(firstPage.getNextPageToken()).isNotBlank();
  }

  private static List<QueryInfo> list(QueryFilter filter) {
    return new ArrayList<>(
        admin
            .queryHistory()
            .list(new ListQueryHistoryRequest().setFilterBy(filter).setMaxResults(100L))
            .getRes());
  }

  @Test
  @SuppressWarnings("unchecked")
  void lineageIsRecordedFromStatementsAndServed() throws Exception {
    assertThat(
            run(
                    Warehouses.STARTER_ID,
                    "CREATE TABLE main.default.expensive AS SELECT * FROM samples.nyctaxi.trips"
                        + " WHERE fare_amount > 50")
                .getStatus()
                .getState())
        .isEqualTo(StatementState.SUCCEEDED);
    assertThat(
            run(
                    Warehouses.STARTER_ID,
                    "CREATE TABLE main.default.expensive_zips AS SELECT pickup_zip, count(*) AS n"
                        + " FROM main.default.expensive GROUP BY 1")
                .getStatus()
                .getState())
        .isEqualTo(StatementState.SUCCEEDED);

    assertThat(
            Sql.query(
                sandbox.engine(),
                "SELECT source_table_full_name, target_table_full_name FROM"
                    + " uc_system.access.table_lineage"))
        .contains(
            Map.of(
                "source_table_full_name",
                "samples.nyctaxi.trips",
                "target_table_full_name",
                "main.default.expensive"));

    Map<String, Object> lineage =
        admin
            .apiClient()
            .execute(
                new com.databricks.sdk.core.http.Request(
                        "GET", "/api/2.0/lineage-tracking/table-lineage")
                    .withQueryParam("table_name", "main.default.expensive")
                    .withQueryParam("include_entity_lineage", "true"),
                java.util.HashMap.class);
    List<Map<String, Object>> up = (List<Map<String, Object>>) lineage.get("upstreams");
    List<Map<String, Object>> down = (List<Map<String, Object>>) lineage.get("downstreams");
    assertThat(up)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(((Map<String, Object>) e.get("tableInfo")).get("name")).isEqualTo("trips");
              assertThat((List<?>) e.get("queryInfos")).hasSize(1);
            });
    assertThat(down)
        .singleElement()
        .satisfies(
            e ->
                assertThat(((Map<String, Object>) e.get("tableInfo")).get("name"))
                    .isEqualTo("expensive_zips"));

    assertThat(
            Sql.query(sandbox.engine(), "SELECT count(*) AS n FROM uc_system.query.history")
                .get(0)
                .get("n"))
        .isNotEqualTo(0L);
  }
}
