package dev.databricksmcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.catalog.CatalogInfo;
import com.databricks.sdk.service.catalog.ColumnTypeName;
import com.databricks.sdk.service.catalog.CreateCatalog;
import com.databricks.sdk.service.catalog.CreateFunction;
import com.databricks.sdk.service.catalog.CreateFunctionParameterStyle;
import com.databricks.sdk.service.catalog.CreateFunctionRequest;
import com.databricks.sdk.service.catalog.CreateFunctionRoutineBody;
import com.databricks.sdk.service.catalog.CreateFunctionSecurityType;
import com.databricks.sdk.service.catalog.CreateFunctionSqlDataAccess;
import com.databricks.sdk.service.catalog.CreateSchema;
import com.databricks.sdk.service.catalog.CreateVolumeRequestContent;
import com.databricks.sdk.service.catalog.DeleteCatalogRequest;
import com.databricks.sdk.service.catalog.DeleteFunctionRequest;
import com.databricks.sdk.service.catalog.DeleteSchemaRequest;
import com.databricks.sdk.service.catalog.DeleteTableRequest;
import com.databricks.sdk.service.catalog.DeleteVolumeRequest;
import com.databricks.sdk.service.catalog.FunctionInfo;
import com.databricks.sdk.service.catalog.FunctionParameterInfo;
import com.databricks.sdk.service.catalog.FunctionParameterInfos;
import com.databricks.sdk.service.catalog.GetCatalogRequest;
import com.databricks.sdk.service.catalog.GetFunctionRequest;
import com.databricks.sdk.service.catalog.GetSchemaRequest;
import com.databricks.sdk.service.catalog.GetTableRequest;
import com.databricks.sdk.service.catalog.ReadVolumeRequest;
import com.databricks.sdk.service.catalog.SchemaInfo;
import com.databricks.sdk.service.catalog.TableInfo;
import com.databricks.sdk.service.catalog.VolumeInfo;
import com.databricks.sdk.service.catalog.VolumeType;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.StatementResponse;
import com.databricks.sdk.service.sql.StatementState;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.sql.Warehouses;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An object dropped and created again under the same name is a new object, with a new id and a
 * later creation time, so that a safeguard bound to (id, created_at) sees that its target was
 * replaced. An object changed in place (ALTER, INSERT, CREATE OR REPLACE of a table, as Delta keeps
 * the table) keeps both. Through the real SDK.
 */
@Timeout(120)
class ReplacedObjectsAreNewObjectsTest {
  private static Sandbox sandbox;
  private static WorkspaceClient admin;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(new SandboxOptions(0, null, 300));
    admin = SandboxClients.pat(sandbox, Identities.ADMIN_TOKEN);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static void run(String sql) {
    StatementResponse r =
        admin
            .statementExecution()
            .executeStatement(
                new ExecuteStatementRequest()
                    .setWarehouseId(Warehouses.STARTER_ID)
                    .setStatement(sql)
                    .setWaitTimeout("30s"));
    assertThat(r.getStatus().getState())
        .as(sql + ": " + r.getStatus().getError())
        .isEqualTo(StatementState.SUCCEEDED);
  }

  private static TableInfo table(String name) {
    return admin.tables().get(new GetTableRequest().setFullName(name));
  }

  @Test
  void aTableDroppedAndCreatedAgainWithSqlIsANewTable() {
    run("CREATE TABLE main.default.target AS SELECT 1 AS x");
    TableInfo first = table("main.default.target");
    run("DROP TABLE main.default.target");
    run("CREATE TABLE main.default.target AS SELECT 1 AS x");
    TableInfo second = table("main.default.target");
    assertThat(second.getTableId()).isNotEqualTo(first.getTableId());
    assertThat(second.getCreatedAt()).isGreaterThan(first.getCreatedAt());
    assertThat(second.getStorageLocation()).isNotEqualTo(first.getStorageLocation());
  }

  @Test
  void aTableDeletedThroughTheApiAndCreatedAgainIsANewTable() {
    run("CREATE TABLE main.default.by_api AS SELECT 1 AS x");
    TableInfo first = table("main.default.by_api");
    admin.tables().delete(new DeleteTableRequest().setFullName("main.default.by_api"));
    run("CREATE TABLE main.default.by_api AS SELECT 1 AS x");
    TableInfo second = table("main.default.by_api");
    assertThat(second.getTableId()).isNotEqualTo(first.getTableId());
    assertThat(second.getCreatedAt()).isGreaterThan(first.getCreatedAt());
  }

  @Test
  void aTableChangedInPlaceKeepsItsIdentity() {
    run("CREATE TABLE main.default.kept AS SELECT 1 AS x");
    TableInfo first = table("main.default.kept");
    run("INSERT INTO main.default.kept VALUES (2)");
    run("ALTER TABLE main.default.kept ADD COLUMN y INT");
    run("CREATE OR REPLACE TABLE main.default.kept AS SELECT 3 AS x");
    TableInfo after = table("main.default.kept");
    assertThat(after.getTableId()).isEqualTo(first.getTableId());
    assertThat(after.getCreatedAt()).isEqualTo(first.getCreatedAt());
  }

  @Test
  void aSchemaDroppedAndCreatedAgainIsANewSchema() {
    admin.schemas().create(new CreateSchema().setCatalogName("main").setName("again"));
    SchemaInfo first = admin.schemas().get(new GetSchemaRequest().setFullName("main.again"));
    admin.schemas().delete(new DeleteSchemaRequest().setFullName("main.again"));
    admin.schemas().create(new CreateSchema().setCatalogName("main").setName("again"));
    SchemaInfo second = admin.schemas().get(new GetSchemaRequest().setFullName("main.again"));
    run("DROP SCHEMA main.again");
    run("CREATE SCHEMA main.again");
    SchemaInfo third = admin.schemas().get(new GetSchemaRequest().setFullName("main.again"));
    assertThat(List.of(first.getSchemaId(), second.getSchemaId(), third.getSchemaId()))
        .doesNotHaveDuplicates();
    assertThat(second.getCreatedAt()).isGreaterThan(first.getCreatedAt());
    assertThat(third.getCreatedAt()).isGreaterThan(second.getCreatedAt());
  }

  @Test
  void aCatalogDroppedAndCreatedAgainIsANewCatalog() {
    admin.catalogs().create(new CreateCatalog().setName("again"));
    CatalogInfo first = admin.catalogs().get(new GetCatalogRequest().setName("again"));
    admin.catalogs().delete(new DeleteCatalogRequest().setName("again").setForce(true));
    admin.catalogs().create(new CreateCatalog().setName("again"));
    CatalogInfo second = admin.catalogs().get(new GetCatalogRequest().setName("again"));
    assertThat(second.getCreatedAt()).isGreaterThan(first.getCreatedAt());
  }

  @Test
  void aVolumeDroppedAndCreatedAgainIsANewVolume() {
    VolumeInfo first = createVolume();
    admin.volumes().delete(new DeleteVolumeRequest().setName("main.default.landing"));
    VolumeInfo second = createVolume();
    assertThat(second.getVolumeId()).isNotEqualTo(first.getVolumeId());
    assertThat(second.getCreatedAt()).isGreaterThan(first.getCreatedAt());
    assertThat(
            admin
                .volumes()
                .read(new ReadVolumeRequest().setName("main.default.landing"))
                .getVolumeId())
        .isEqualTo(second.getVolumeId());
  }

  private static VolumeInfo createVolume() {
    return admin
        .volumes()
        .create(
            new CreateVolumeRequestContent()
                .setCatalogName("main")
                .setSchemaName("default")
                .setName("landing")
                .setVolumeType(VolumeType.MANAGED));
  }

  @Test
  void aFunctionDroppedAndCreatedAgainIsANewFunction() {
    FunctionInfo first = createFunction();
    admin.functions().delete(new DeleteFunctionRequest().setName("main.default.plus_one"));
    FunctionInfo second = createFunction();
    assertThat(second.getFunctionId()).isNotEqualTo(first.getFunctionId());
    assertThat(second.getCreatedAt()).isGreaterThan(first.getCreatedAt());
    assertThat(
            admin
                .functions()
                .get(new GetFunctionRequest().setName("main.default.plus_one"))
                .getFunctionId())
        .isEqualTo(second.getFunctionId());
    run("SELECT main.default.plus_one(1)");
  }

  private static FunctionInfo createFunction() {
    return admin
        .functions()
        .create(
            new CreateFunctionRequest()
                .setFunctionInfo(
                    new CreateFunction()
                        .setCatalogName("main")
                        .setSchemaName("default")
                        .setName("plus_one")
                        .setInputParams(
                            new FunctionParameterInfos()
                                .setParameters(
                                    List.of(
                                        new FunctionParameterInfo()
                                            .setName("x")
                                            .setTypeName(ColumnTypeName.INT)
                                            .setTypeText("int")
                                            .setPosition(0L))))
                        .setDataType(ColumnTypeName.INT)
                        .setFullDataType("int")
                        .setRoutineBody(CreateFunctionRoutineBody.SQL)
                        .setRoutineDefinition("x + 1")
                        .setParameterStyle(CreateFunctionParameterStyle.S)
                        .setIsDeterministic(true)
                        .setIsNullCall(false)
                        .setSqlDataAccess(CreateFunctionSqlDataAccess.CONTAINS_SQL)
                        .setSecurityType(CreateFunctionSecurityType.DEFINER)
                        .setSpecificName("plus_one")
                        .setSqlPath("")));
  }
}
