package dev.databricksmcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.BadRequest;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceConflict;
import com.databricks.sdk.service.catalog.CatalogInfo;
import com.databricks.sdk.service.catalog.ColumnInfo;
import com.databricks.sdk.service.catalog.ColumnTypeName;
import com.databricks.sdk.service.catalog.CreateCatalog;
import com.databricks.sdk.service.catalog.CreateSchema;
import com.databricks.sdk.service.catalog.DeleteCatalogRequest;
import com.databricks.sdk.service.catalog.DeleteSchemaRequest;
import com.databricks.sdk.service.catalog.DeleteTableRequest;
import com.databricks.sdk.service.catalog.ExistsRequest;
import com.databricks.sdk.service.catalog.GetCatalogRequest;
import com.databricks.sdk.service.catalog.GetSchemaRequest;
import com.databricks.sdk.service.catalog.GetTableRequest;
import com.databricks.sdk.service.catalog.ListCatalogsRequest;
import com.databricks.sdk.service.catalog.ListSchemasRequest;
import com.databricks.sdk.service.catalog.ListSummariesRequest;
import com.databricks.sdk.service.catalog.ListTablesRequest;
import com.databricks.sdk.service.catalog.TableInfo;
import com.databricks.sdk.service.catalog.TableType;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.engine.Sql;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unity Catalog through the real Databricks SDK: shapes, paging, errors, read-only catalogs, SQL ↔
 * API.
 */
@Timeout(120)
class UnityCatalogApiTest {
  private static Sandbox sandbox;
  private static WorkspaceClient admin;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.inMemory());
    admin = SandboxClients.pat(sandbox, Identities.ADMIN_TOKEN);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void aNewWorkspaceHasMainSamplesAndSystem() {
    List<String> names =
        StreamSupport.stream(admin.catalogs().list(new ListCatalogsRequest()).spliterator(), false)
            .map(CatalogInfo::getName)
            .toList();
    assertThat(names).contains("main", "samples", "system");
    assertThat(
            StreamSupport.stream(
                admin
                    .schemas()
                    .list(new ListSchemasRequest().setCatalogName("samples"))
                    .spliterator(),
                false))
        .extracting(s -> s.getName())
        .contains("nyctaxi", "tpch");
    assertThat(
            admin.schemas().get(new GetSchemaRequest().setFullName("system.access")).getFullName())
        .isEqualTo("system.access");
  }

  @Test
  void getTableDescribesColumnsTypesAndComments() {
    TableInfo trips =
        admin.tables().get(new GetTableRequest().setFullName("samples.nyctaxi.trips"));
    assertThat(trips.getTableType()).isEqualTo(TableType.MANAGED);
    assertThat(trips.getComment()).contains("taxi");
    assertThat(trips.getOwner()).isEqualTo("admin@sandbox.local");
    assertThat(trips.getTableId()).isNotBlank();
    assertThat(trips.getColumns())
        .extracting(ColumnInfo::getName)
        .containsExactly(
            "tpep_pickup_datetime",
            "tpep_dropoff_datetime",
            "trip_distance",
            "fare_amount",
            "pickup_zip",
            "dropoff_zip");
    List<ColumnInfo> columns = new ArrayList<>(trips.getColumns());
    ColumnInfo fare = columns.get(3);
    assertThat(fare.getTypeName()).isEqualTo(ColumnTypeName.DOUBLE);
    assertThat(fare.getComment()).contains("fare");
    assertThat(columns.get(0).getTypeName()).isEqualTo(ColumnTypeName.TIMESTAMP);
    assertThat(columns.get(4).getTypeText()).isEqualTo("int");
    TableInfo orders = admin.tables().get(new GetTableRequest().setFullName("samples.tpch.orders"));
    assertThat(orders.getColumns())
        .filteredOn(c -> c.getName().equals("o_totalprice"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getTypeName()).isEqualTo(ColumnTypeName.DECIMAL);
              assertThat(c.getTypePrecision()).isEqualTo(18L);
            });
  }

  @Test
  void tablesPageWithNextPageToken() {
    var first =
        admin
            .tables()
            .impl()
            .list(
                new ListTablesRequest()
                    .setCatalogName("samples")
                    .setSchemaName("tpch")
                    .setMaxResults(3L));
    assertThat(first.getTables()).hasSize(3);
    assertThat(first.getNextPageToken()).isNotBlank();
    List<String> all = new ArrayList<>();
    first.getTables().forEach(t -> all.add(t.getName()));
    String token = first.getNextPageToken();
    while (token != null && !token.isEmpty()) {
      var page =
          admin
              .tables()
              .impl()
              .list(
                  new ListTablesRequest()
                      .setCatalogName("samples")
                      .setSchemaName("tpch")
                      .setMaxResults(3L)
                      .setPageToken(token));
      page.getTables().forEach(t -> all.add(t.getName()));
      token = page.getNextPageToken();
    }
    assertThat(all)
        .containsExactly(
            "customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier");
    assertThat(
            StreamSupport.stream(
                admin
                    .tables()
                    .list(
                        new ListTablesRequest()
                            .setCatalogName("samples")
                            .setSchemaName("tpch")
                            .setMaxResults(3L))
                    .spliterator(),
                false))
        .hasSize(8);
  }

  @Test
  void tableSummariesMatchNamePatterns() {
    var summaries =
        admin
            .tables()
            .listSummaries(
                new ListSummariesRequest().setCatalogName("samples").setTableNamePattern("p%"));
    assertThat(StreamSupport.stream(summaries.spliterator(), false))
        .extracting(s -> s.getFullName())
        .containsExactlyInAnyOrder("samples.tpch.part", "samples.tpch.partsupp");
  }

  @Test
  void errorsHaveDatabricksCodesAndStatuses() {
    assertThatThrownBy(() -> admin.catalogs().get(new GetCatalogRequest().setName("nope")))
        .isInstanceOf(NotFound.class)
        .hasMessageContaining("nope");
    assertThatThrownBy(() -> admin.schemas().get(new GetSchemaRequest().setFullName("main.nope")))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(
            () -> admin.tables().get(new GetTableRequest().setFullName("main.default.nope")))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(
            () ->
                admin
                    .schemas()
                    .create(new CreateSchema().setCatalogName("main").setName("default")))
        .isInstanceOfSatisfying(
            ResourceConflict.class,
            e -> assertThat(e.getErrorCode()).isEqualTo("SCHEMA_ALREADY_EXISTS"));
    assertThatThrownBy(() -> admin.tables().get(new GetTableRequest().setFullName("only.two")))
        .isInstanceOf(BadRequest.class);
    assertThatThrownBy(
            () ->
                admin
                    .schemas()
                    .create(new CreateSchema().setCatalogName("samples").setName("mine")))
        .isInstanceOf(PermissionDenied.class);
    assertThatThrownBy(
            () ->
                admin.tables().delete(new DeleteTableRequest().setFullName("samples.tpch.region")))
        .isInstanceOf(PermissionDenied.class);
    assertThatThrownBy(
            () ->
                SandboxClients.pat(sandbox, Identities.USER_TOKEN)
                    .catalogs()
                    .create(new CreateCatalog().setName("x")))
        .isInstanceOf(PermissionDenied.class);
  }

  @Test
  void sqlAndTheApiSeeTheSameObjects() {
    admin
        .schemas()
        .create(
            new CreateSchema().setCatalogName("main").setName("sales").setComment("Sales data"));
    Sql.exec(sandbox.engine(), "CREATE TABLE uc_main.sales.orders AS SELECT 1 AS id, 'x' AS label");
    assertThat(
            admin
                .tables()
                .exists(new ExistsRequest().setFullName("main.sales.orders"))
                .getTableExists())
        .isTrue();
    assertThat(
            admin.tables().get(new GetTableRequest().setFullName("main.sales.orders")).getColumns())
        .hasSize(2);

    assertThatThrownBy(
            () -> admin.schemas().delete(new DeleteSchemaRequest().setFullName("main.sales")))
        .isInstanceOf(BadRequest.class);
    admin.tables().delete(new DeleteTableRequest().setFullName("main.sales.orders"));
    admin.schemas().delete(new DeleteSchemaRequest().setFullName("main.sales"));
    assertThat(
            Sql.query(
                sandbox.engine(),
                "SELECT * FROM duckdb_schemas() WHERE database_name='uc_main' AND"
                    + " schema_name='sales'"))
        .isEmpty();
  }

  @Test
  void catalogsAreCreatedAndDroppedWithForce() {
    admin.catalogs().create(new CreateCatalog().setName("scratch").setComment("tmp"));
    admin.schemas().create(new CreateSchema().setCatalogName("scratch").setName("s1"));
    assertThat(admin.catalogs().get(new GetCatalogRequest().setName("scratch")).getComment())
        .isEqualTo("tmp");
    assertThatThrownBy(() -> admin.catalogs().delete(new DeleteCatalogRequest().setName("scratch")))
        .isInstanceOf(BadRequest.class);
    admin.catalogs().delete(new DeleteCatalogRequest().setName("scratch").setForce(true));
    assertThatThrownBy(() -> admin.catalogs().get(new GetCatalogRequest().setName("scratch")))
        .isInstanceOf(NotFound.class);
  }

  @Test
  void theMainCatalogSurvivesARestartWithADataDirectory(@TempDir Path dir) {
    try (Sandbox first = Sandbox.start(new SandboxOptions(0, dir))) {
      Sql.exec(first.engine(), "CREATE TABLE uc_main.\"default\".kept AS SELECT 42 AS answer");
    }
    try (Sandbox second = Sandbox.start(new SandboxOptions(0, dir))) {
      TableInfo kept =
          SandboxClients.pat(second, Identities.ADMIN_TOKEN)
              .tables()
              .get(new GetTableRequest().setFullName("main.default.kept"));
      assertThat(kept.getColumns()).extracting(ColumnInfo::getName).containsExactly("answer");
    }
  }

  @Test
  void metastoreSummary() {
    assertThat(admin.metastores().summary().getMetastoreId()).isNotBlank();
  }
}
