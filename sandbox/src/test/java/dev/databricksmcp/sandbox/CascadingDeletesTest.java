package dev.databricksmcp.sandbox;

import static dev.databricksmcp.sandbox.UnityCatalogObjects.functionNames;
import static dev.databricksmcp.sandbox.UnityCatalogObjects.grant;
import static dev.databricksmcp.sandbox.UnityCatalogObjects.grants;
import static dev.databricksmcp.sandbox.UnityCatalogObjects.plusOne;
import static dev.databricksmcp.sandbox.UnityCatalogObjects.run;
import static dev.databricksmcp.sandbox.UnityCatalogObjects.volume;
import static dev.databricksmcp.sandbox.UnityCatalogObjects.volumeNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.InvalidState;
import com.databricks.sdk.service.catalog.CatalogInfo;
import com.databricks.sdk.service.catalog.CreateCatalog;
import com.databricks.sdk.service.catalog.CreateSchema;
import com.databricks.sdk.service.catalog.DeleteCatalogRequest;
import com.databricks.sdk.service.catalog.DeleteSchemaRequest;
import com.databricks.sdk.service.catalog.DeleteTableRequest;
import com.databricks.sdk.service.catalog.ListCatalogsRequest;
import com.databricks.sdk.service.catalog.Privilege;
import com.databricks.sdk.service.sql.StatementState;
import dev.databricksmcp.sandbox.auth.Identities;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Deleting a Unity Catalog object deletes what it holds and the grants on all of it, as Databricks
 * does; an object created again under the same name starts empty and with no grants. Through the
 * real SDK. Databricks' documentation:
 *
 * <ul>
 *   <li>DELETE /api/2.1/unity-catalog/catalogs/{name} and …/schemas/{full_name}: {@code force} —
 *       "Force deletion even if the catalog [schema] is not empty"
 *       (https://docs.databricks.com/api/uc-catalogs/v1/delete-catalog,
 *       https://docs.databricks.com/api/uc-schemas/v1/delete-schema);
 *   <li>DROP CATALOG … CASCADE "drops all of the associated databases (schemas) and the objects
 *       within them, recursively"; RESTRICT (the default) "restricts dropping a non-empty catalog"
 *       (https://docs.databricks.com/sql/language-manual/sql-ref-syntax-ddl-drop-catalog.html);
 *   <li>DROP SCHEMA … CASCADE "drops all the associated tables and functions recursively" and, in
 *       Unity Catalog, deletes "the schema and its child objects", managed tables and volumes
 *       included
 *       (https://docs.databricks.com/sql/language-manual/sql-ref-syntax-ddl-drop-schema.html);
 *   <li>after DROP TABLE "the previously registered table name no longer has an active link to the
 *       data and table history", Unity Catalog tracking tables by an internal table ID, while
 *       CREATE OR REPLACE TABLE keeps the table's identity
 *       (https://docs.databricks.com/aws/en/tables/operations/drop-table); a table's privileges are
 *       its metadata, brought back only with the table itself by UNDROP ("Table metadata – such as
 *       table privileges, column spec, and properties – will be recovered",
 *       https://docs.databricks.com/sql/language-manual/sql-ref-syntax-ddl-undrop-table.html).
 * </ul>
 */
@Timeout(120)
class CascadingDeletesTest {
  private static final String ANALYST = Identities.ANALYST.userName();

  private static Sandbox sandbox;
  private static WorkspaceClient admin;
  private static WorkspaceClient analyst;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(new SandboxOptions(0, null, 300));
    admin = SandboxClients.pat(sandbox, Identities.ADMIN_TOKEN);
    analyst = SandboxClients.pat(sandbox, Identities.USER_TOKEN);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static void sql(String statement) {
    assertThat(run(admin, statement)).as(statement).isEqualTo(StatementState.SUCCEEDED);
  }

  /** A schema with a table, a volume and a function, each granted to the analyst. */
  private static void fillAndGrant(String catalog, String schema) {
    String s = catalog + "." + schema;
    sql("CREATE TABLE " + s + ".orders AS SELECT 1 AS id");
    volume(admin, catalog, schema, "landing");
    plusOne(admin, catalog, schema, "plus_one");
    grant(admin, "catalog", catalog, ANALYST, Privilege.USE_CATALOG);
    grant(admin, "schema", s, ANALYST, Privilege.USE_SCHEMA, Privilege.SELECT);
    grant(admin, "table", s + ".orders", ANALYST, Privilege.SELECT);
    assertThat(run(analyst, "SELECT * FROM " + s + ".orders")).isEqualTo(StatementState.SUCCEEDED);
  }

  /** The same names again: nothing of the old objects, no grants on the new ones. */
  private static void assertNewAndBare(String catalog, String schema) {
    String s = catalog + "." + schema;
    assertThat(volumeNames(admin, catalog, schema)).as("volumes of " + s).isEmpty();
    assertThat(functionNames(admin, catalog, schema)).as("functions of " + s).isEmpty();
    sql("CREATE TABLE " + s + ".orders AS SELECT 2 AS id");
    assertThat(grants(admin, "schema", s)).as("grants on " + s).isEmpty();
    assertThat(grants(admin, "table", s + ".orders")).as("grants on the new table").isEmpty();
    assertThat(run(analyst, "SELECT * FROM " + s + ".orders")).isEqualTo(StatementState.FAILED);
    // the old function's name is free again, for a new function
    assertThat(plusOne(admin, catalog, schema, "plus_one").getFullName())
        .isEqualTo(s + ".plus_one");
  }

  private static boolean analystSeesCatalog(String name) {
    return StreamSupport.stream(
            analyst.catalogs().list(new ListCatalogsRequest()).spliterator(), false)
        .map(CatalogInfo::getName)
        .anyMatch(name::equals);
  }

  @Test
  void aCatalogDeletedWithForceTakesItsSchemasTablesVolumesFunctionsAndGrants() {
    admin.catalogs().create(new CreateCatalog().setName("doomed"));
    admin.schemas().create(new CreateSchema().setCatalogName("doomed").setName("sales"));
    fillAndGrant("doomed", "sales");
    assertThatThrownBy(() -> admin.catalogs().delete(new DeleteCatalogRequest().setName("doomed")))
        .isInstanceOf(InvalidState.class)
        .hasMessageContaining("not empty");

    admin.catalogs().delete(new DeleteCatalogRequest().setName("doomed").setForce(true));

    admin.catalogs().create(new CreateCatalog().setName("doomed"));
    assertThat(grants(admin, "catalog", "doomed")).isEmpty();
    assertThat(analystSeesCatalog("doomed")).isFalse();
    admin.schemas().create(new CreateSchema().setCatalogName("doomed").setName("sales"));
    assertNewAndBare("doomed", "sales");
  }

  @Test
  void aSchemaDeletedWithForceTakesItsTablesVolumesFunctionsAndGrants() {
    admin.schemas().create(new CreateSchema().setCatalogName("main").setName("scratch"));
    fillAndGrant("main", "scratch");
    assertThatThrownBy(
            () -> admin.schemas().delete(new DeleteSchemaRequest().setFullName("main.scratch")))
        .isInstanceOf(InvalidState.class);

    admin.schemas().delete(new DeleteSchemaRequest().setFullName("main.scratch").setForce(true));

    admin.schemas().create(new CreateSchema().setCatalogName("main").setName("scratch"));
    assertNewAndBare("main", "scratch");
  }

  @Test
  void dropCatalogAndDropSchemaCascadeInSqlDoTheSame() {
    sql("CREATE CATALOG doomed_by_sql");
    sql("CREATE SCHEMA doomed_by_sql.sales");
    fillAndGrant("doomed_by_sql", "sales");
    assertThat(run(admin, "DROP CATALOG doomed_by_sql")).isEqualTo(StatementState.FAILED);
    sql("DROP CATALOG doomed_by_sql CASCADE");
    sql("CREATE CATALOG doomed_by_sql");
    assertThat(grants(admin, "catalog", "doomed_by_sql")).isEmpty();
    sql("CREATE SCHEMA doomed_by_sql.sales");
    assertNewAndBare("doomed_by_sql", "sales");

    sql("CREATE SCHEMA main.scratch_sql");
    fillAndGrant("main", "scratch_sql");
    assertThat(run(admin, "DROP SCHEMA main.scratch_sql")).isEqualTo(StatementState.FAILED);
    sql("DROP SCHEMA main.scratch_sql CASCADE");
    sql("CREATE SCHEMA main.scratch_sql");
    assertNewAndBare("main", "scratch_sql");
  }

  @Test
  void aSchemaHoldingOnlyAVolumeOrAFunctionIsNotEmpty() {
    admin.schemas().create(new CreateSchema().setCatalogName("main").setName("only_volume"));
    volume(admin, "main", "only_volume", "v");
    admin.schemas().create(new CreateSchema().setCatalogName("main").setName("only_function"));
    plusOne(admin, "main", "only_function", "f");
    for (String schema : new String[] {"main.only_volume", "main.only_function"}) {
      assertThatThrownBy(
              () -> admin.schemas().delete(new DeleteSchemaRequest().setFullName(schema)))
          .as(schema)
          .isInstanceOf(InvalidState.class)
          .hasMessageContaining("not empty");
    }
    admin.catalogs().create(new CreateCatalog().setName("volume_in_default"));
    volume(admin, "volume_in_default", "default", "v");
    assertThatThrownBy(
            () -> admin.catalogs().delete(new DeleteCatalogRequest().setName("volume_in_default")))
        .isInstanceOf(InvalidState.class);
  }

  @Test
  void aTableDeletedThroughTheApiTakesItsGrants() {
    sql("CREATE TABLE main.default.granted_api AS SELECT 1 AS x");
    grant(admin, "table", "main.default.granted_api", ANALYST, Privilege.SELECT);
    assertThat(run(analyst, "SELECT * FROM main.default.granted_api"))
        .isEqualTo(StatementState.SUCCEEDED);

    admin.tables().delete(new DeleteTableRequest().setFullName("main.default.granted_api"));
    sql("CREATE TABLE main.default.granted_api AS SELECT 2 AS x");

    assertThat(grants(admin, "table", "main.default.granted_api")).isEmpty();
    assertThat(run(analyst, "SELECT * FROM main.default.granted_api"))
        .isEqualTo(StatementState.FAILED);
  }

  @Test
  void aTableDroppedWithSqlTakesItsGrants() {
    sql("CREATE TABLE main.default.granted_sql AS SELECT 1 AS x");
    grant(admin, "table", "main.default.granted_sql", ANALYST, Privilege.SELECT);

    sql("DROP TABLE main.default.granted_sql");
    sql("CREATE TABLE main.default.granted_sql AS SELECT 2 AS x");

    assertThat(grants(admin, "table", "main.default.granted_sql")).isEmpty();
    assertThat(run(analyst, "SELECT * FROM main.default.granted_sql"))
        .isEqualTo(StatementState.FAILED);
  }

  @Test
  void aTableReplacedInPlaceKeepsItsGrants() {
    sql("CREATE TABLE main.default.replaced AS SELECT 1 AS x");
    grant(admin, "table", "main.default.replaced", ANALYST, Privilege.SELECT);

    sql("CREATE OR REPLACE TABLE main.default.replaced AS SELECT 2 AS x");

    assertThat(grants(admin, "table", "main.default.replaced")).hasSize(1);
    assertThat(run(analyst, "SELECT * FROM main.default.replaced"))
        .isEqualTo(StatementState.SUCCEEDED);
  }
}
