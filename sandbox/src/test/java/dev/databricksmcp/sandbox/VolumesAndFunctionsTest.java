package dev.databricksmcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.service.catalog.ColumnTypeName;
import com.databricks.sdk.service.catalog.CreateFunction;
import com.databricks.sdk.service.catalog.CreateFunctionParameterStyle;
import com.databricks.sdk.service.catalog.CreateFunctionRequest;
import com.databricks.sdk.service.catalog.CreateFunctionRoutineBody;
import com.databricks.sdk.service.catalog.CreateFunctionSecurityType;
import com.databricks.sdk.service.catalog.CreateFunctionSqlDataAccess;
import com.databricks.sdk.service.catalog.CreateVolumeRequestContent;
import com.databricks.sdk.service.catalog.DeleteFunctionRequest;
import com.databricks.sdk.service.catalog.DeleteVolumeRequest;
import com.databricks.sdk.service.catalog.FunctionParameterInfo;
import com.databricks.sdk.service.catalog.FunctionParameterInfos;
import com.databricks.sdk.service.catalog.GetFunctionRequest;
import com.databricks.sdk.service.catalog.ListFunctionsRequest;
import com.databricks.sdk.service.catalog.ListVolumesRequest;
import com.databricks.sdk.service.catalog.ReadVolumeRequest;
import com.databricks.sdk.service.catalog.VolumeType;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.sql.Warehouses;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Volumes and functions through the real SDK; a SQL function is callable from SQL. */
@Timeout(60)
class VolumesAndFunctionsTest {
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
  void volumesAreCreatedListedReadAndDeleted() {
    var v =
        admin
            .volumes()
            .create(
                new CreateVolumeRequestContent()
                    .setCatalogName("main")
                    .setSchemaName("default")
                    .setName("landing")
                    .setVolumeType(VolumeType.MANAGED)
                    .setComment("raw files"));
    assertThat(v.getFullName()).isEqualTo("main.default.landing");
    assertThat(v.getStorageLocation()).startsWith("s3://");
    assertThat(
            StreamSupport.stream(
                admin
                    .volumes()
                    .list(new ListVolumesRequest().setCatalogName("main").setSchemaName("default"))
                    .spliterator(),
                false))
        .extracting(x -> x.getName())
        .containsExactly("landing");
    assertThat(
            admin
                .volumes()
                .read(new ReadVolumeRequest().setName("main.default.landing"))
                .getComment())
        .isEqualTo("raw files");
    assertThatThrownBy(
            () ->
                admin
                    .volumes()
                    .create(
                        new CreateVolumeRequestContent()
                            .setCatalogName("main")
                            .setSchemaName("default")
                            .setName("landing")
                            .setVolumeType(VolumeType.MANAGED)))
        .isInstanceOf(ResourceAlreadyExists.class);
    assertThatThrownBy(
            () ->
                SandboxClients.pat(sandbox, Identities.USER_TOKEN)
                    .volumes()
                    .create(
                        new CreateVolumeRequestContent()
                            .setCatalogName("main")
                            .setSchemaName("default")
                            .setName("mine")
                            .setVolumeType(VolumeType.MANAGED)))
        .isInstanceOf(PermissionDenied.class);
    admin.volumes().delete(new DeleteVolumeRequest().setName("main.default.landing"));
    assertThatThrownBy(
            () -> admin.volumes().read(new ReadVolumeRequest().setName("main.default.landing")))
        .isInstanceOf(NotFound.class);
  }

  @Test
  void aSqlFunctionIsRegisteredAndCallable() {
    admin
        .functions()
        .create(
            new CreateFunctionRequest()
                .setFunctionInfo(
                    new CreateFunction()
                        .setCatalogName("main")
                        .setSchemaName("default")
                        .setName("with_tip")
                        .setComment("fare plus tip")
                        .setInputParams(
                            new FunctionParameterInfos()
                                .setParameters(
                                    List.of(
                                        new FunctionParameterInfo()
                                            .setName("fare")
                                            .setTypeName(ColumnTypeName.DOUBLE)
                                            .setTypeText("double")
                                            .setPosition(0L),
                                        new FunctionParameterInfo()
                                            .setName("pct")
                                            .setTypeName(ColumnTypeName.DOUBLE)
                                            .setTypeText("double")
                                            .setPosition(1L))))
                        .setDataType(ColumnTypeName.DOUBLE)
                        .setFullDataType("double")
                        .setRoutineBody(CreateFunctionRoutineBody.SQL)
                        .setRoutineDefinition("fare * (1 + pct / 100)")
                        .setParameterStyle(CreateFunctionParameterStyle.S)
                        .setIsDeterministic(true)
                        .setIsNullCall(false)
                        .setSqlDataAccess(CreateFunctionSqlDataAccess.CONTAINS_SQL)
                        .setSecurityType(CreateFunctionSecurityType.DEFINER)
                        .setSpecificName("with_tip")
                        .setSqlPath("")));

    assertThat(
            admin
                .functions()
                .get(new GetFunctionRequest().setName("main.default.with_tip"))
                .getRoutineDefinition())
        .contains("pct");
    assertThat(
            StreamSupport.stream(
                admin
                    .functions()
                    .list(
                        new ListFunctionsRequest().setCatalogName("main").setSchemaName("default"))
                    .spliterator(),
                false))
        .extracting(f -> f.getFullName())
        .containsExactly("main.default.with_tip");
    var r =
        admin
            .statementExecution()
            .executeStatement(
                new ExecuteStatementRequest()
                    .setWarehouseId(Warehouses.STARTER_ID)
                    .setWaitTimeout("30s")
                    .setStatement("SELECT main.default.with_tip(10, 20) AS total"));
    assertThat(r.getResult().getDataArray().iterator().next()).containsExactly("12.0");

    admin.functions().delete(new DeleteFunctionRequest().setName("main.default.with_tip"));
    assertThatThrownBy(
            () -> admin.functions().get(new GetFunctionRequest().setName("main.default.with_tip")))
        .isInstanceOf(NotFound.class);
  }
}
