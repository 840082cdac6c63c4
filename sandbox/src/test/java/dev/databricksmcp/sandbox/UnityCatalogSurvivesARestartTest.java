package dev.databricksmcp.sandbox;

import static dev.databricksmcp.sandbox.UnityCatalogObjects.grant;
import static dev.databricksmcp.sandbox.UnityCatalogObjects.grants;
import static dev.databricksmcp.sandbox.UnityCatalogObjects.plusOne;
import static dev.databricksmcp.sandbox.UnityCatalogObjects.run;
import static dev.databricksmcp.sandbox.UnityCatalogObjects.volume;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.catalog.CatalogInfo;
import com.databricks.sdk.service.catalog.CreateCatalog;
import com.databricks.sdk.service.catalog.CreateSchema;
import com.databricks.sdk.service.catalog.FunctionInfo;
import com.databricks.sdk.service.catalog.GetCatalogRequest;
import com.databricks.sdk.service.catalog.GetFunctionRequest;
import com.databricks.sdk.service.catalog.GetSchemaRequest;
import com.databricks.sdk.service.catalog.GetTableRequest;
import com.databricks.sdk.service.catalog.Privilege;
import com.databricks.sdk.service.catalog.ReadVolumeRequest;
import com.databricks.sdk.service.catalog.SchemaInfo;
import com.databricks.sdk.service.catalog.TableInfo;
import com.databricks.sdk.service.catalog.UpdateSchema;
import com.databricks.sdk.service.catalog.VolumeInfo;
import com.databricks.sdk.service.sql.StatementState;
import dev.databricksmcp.sandbox.auth.Identities;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * With --sandbox-dir, a restart keeps Unity Catalog as it was, not only the tables' data in
 * DuckDB's files: who owns what, ids and creation times, comments, grants, volumes and functions.
 */
@Timeout(120)
class UnityCatalogSurvivesARestartTest {
  private static final String ANALYST = Identities.ANALYST.userName();

  @TempDir Path dir;

  private Sandbox start() {
    return Sandbox.start(new SandboxOptions(0, dir, 300));
  }

  @Test
  void ownersIdsCommentsGrantsVolumesAndFunctionsAreKept() {
    CatalogInfo catalog;
    SchemaInfo schema;
    TableInfo table;
    VolumeInfo landing;
    FunctionInfo function;
    try (Sandbox first = start()) {
      WorkspaceClient admin = SandboxClients.pat(first, Identities.ADMIN_TOKEN);
      WorkspaceClient analyst = SandboxClients.pat(first, Identities.USER_TOKEN);
      assertThat(run(analyst, "CREATE TABLE main.default.mine AS SELECT 1 AS x"))
          .isEqualTo(StatementState.SUCCEEDED);
      catalog = admin.catalogs().create(new CreateCatalog().setName("kept"));
      admin.schemas().create(new CreateSchema().setCatalogName("kept").setName("sales"));
      schema =
          admin
              .schemas()
              .update(new UpdateSchema().setFullName("kept.sales").setComment("what we sold"));
      assertThat(run(admin, "CREATE TABLE kept.sales.orders AS SELECT 1 AS id"))
          .isEqualTo(StatementState.SUCCEEDED);
      table = admin.tables().get(new GetTableRequest().setFullName("kept.sales.orders"));
      grant(admin, "catalog", "kept", ANALYST, Privilege.USE_CATALOG);
      grant(admin, "schema", "kept.sales", ANALYST, Privilege.USE_SCHEMA);
      grant(admin, "table", "kept.sales.orders", ANALYST, Privilege.SELECT);
      landing = volume(admin, "kept", "sales", "landing");
      function = plusOne(admin, "kept", "sales", "plus_one");
    }

    try (Sandbox second = start()) {
      WorkspaceClient admin = SandboxClients.pat(second, Identities.ADMIN_TOKEN);
      WorkspaceClient analyst = SandboxClients.pat(second, Identities.USER_TOKEN);
      assertThat(
              analyst
                  .tables()
                  .get(new GetTableRequest().setFullName("main.default.mine"))
                  .getOwner())
          .isEqualTo(ANALYST);
      assertThat(admin.catalogs().get(new GetCatalogRequest().setName("kept")).getCreatedAt())
          .isEqualTo(catalog.getCreatedAt());
      SchemaInfo schemaAgain =
          admin.schemas().get(new GetSchemaRequest().setFullName("kept.sales"));
      assertThat(schemaAgain.getSchemaId()).isEqualTo(schema.getSchemaId());
      assertThat(schemaAgain.getComment()).isEqualTo("what we sold");
      assertThat(
              admin
                  .tables()
                  .get(new GetTableRequest().setFullName("kept.sales.orders"))
                  .getTableId())
          .isEqualTo(table.getTableId());
      assertThat(grants(admin, "table", "kept.sales.orders"))
          .singleElement()
          .satisfies(g -> assertThat(g.getPrincipal()).isEqualTo(ANALYST));
      assertThat(run(analyst, "SELECT * FROM kept.sales.orders"))
          .isEqualTo(StatementState.SUCCEEDED);
      assertThat(
              admin
                  .volumes()
                  .read(new ReadVolumeRequest().setName("kept.sales.landing"))
                  .getVolumeId())
          .isEqualTo(landing.getVolumeId());
      assertThat(
              admin
                  .functions()
                  .get(new GetFunctionRequest().setName("kept.sales.plus_one"))
                  .getFunctionId())
          .isEqualTo(function.getFunctionId());
      assertThat(run(admin, "SELECT kept.sales.plus_one(1)")).isEqualTo(StatementState.SUCCEEDED);
    }
  }

  @Test
  void aCommentSetOnADefaultSchemaIsNotResetByTheNextStart() {
    try (Sandbox first = start()) {
      SandboxClients.pat(first, Identities.ADMIN_TOKEN)
          .schemas()
          .update(new UpdateSchema().setFullName("main.default").setComment("ours now"));
    }
    try (Sandbox second = start()) {
      assertThat(
              SandboxClients.pat(second, Identities.ADMIN_TOKEN)
                  .schemas()
                  .get(new GetSchemaRequest().setFullName("main.default"))
                  .getComment())
          .isEqualTo("ours now");
    }
  }
}
