package dev.databricksmcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.service.catalog.CatalogInfo;
import com.databricks.sdk.service.catalog.GetEffectiveRequest;
import com.databricks.sdk.service.catalog.GetGrantRequest;
import com.databricks.sdk.service.catalog.GetTableRequest;
import com.databricks.sdk.service.catalog.ListCatalogsRequest;
import com.databricks.sdk.service.catalog.PermissionsChange;
import com.databricks.sdk.service.catalog.Privilege;
import com.databricks.sdk.service.catalog.UpdatePermissions;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.StatementResponse;
import com.databricks.sdk.service.sql.StatementState;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.sql.Warehouses;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Unity Catalog grants enforced on the API and on SQL, for the analyst and the service principal.
 */
@Timeout(120)
class GrantsTest {
  private static Sandbox sandbox;
  private static WorkspaceClient admin;
  private static WorkspaceClient analyst;
  private static WorkspaceClient sp;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.inMemory());
    admin = SandboxClients.pat(sandbox, Identities.ADMIN_TOKEN);
    analyst = SandboxClients.pat(sandbox, Identities.USER_TOKEN);
    sp = SandboxClients.pat(sandbox, Identities.SERVICE_PRINCIPAL_TOKEN);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static StatementResponse run(WorkspaceClient w, String sql) {
    return w.statementExecution()
        .executeStatement(
            new ExecuteStatementRequest()
                .setWarehouseId(Warehouses.STARTER_ID)
                .setStatement(sql)
                .setWaitTimeout("30s"));
  }

  @Test
  void theServicePrincipalSeesOnlySamples() {
    assertThat(
            StreamSupport.stream(
                sp.catalogs().list(new ListCatalogsRequest()).spliterator(), false))
        .extracting(CatalogInfo::getName)
        .containsExactly("samples");
    assertThat(run(sp, "SELECT count(*) FROM samples.tpch.region").getStatus().getState())
        .isEqualTo(StatementState.SUCCEEDED);
    StatementResponse denied = run(sp, "CREATE TABLE main.default.sp_table AS SELECT 1 AS x");
    assertThat(denied.getStatus().getState()).isEqualTo(StatementState.FAILED);
    assertThat(denied.getStatus().getError().getMessage())
        .startsWith("[INSUFFICIENT_PERMISSIONS]")
        .contains("USE CATALOG");
  }

  @Test
  void theAnalystCreatesTablesItOwnsButCannotReadOthers() {
    assertThat(
            run(admin, "CREATE TABLE main.default.admin_only AS SELECT 1 AS secret")
                .getStatus()
                .getState())
        .isEqualTo(StatementState.SUCCEEDED);
    StatementResponse read = run(analyst, "SELECT * FROM main.default.admin_only");
    assertThat(read.getStatus().getState()).isEqualTo(StatementState.FAILED);
    assertThat(read.getStatus().getError().getMessage())
        .contains("SELECT")
        .contains("main.default.admin_only");
    assertThatThrownBy(
            () ->
                analyst.tables().get(new GetTableRequest().setFullName("main.default.admin_only")))
        .isInstanceOf(PermissionDenied.class);

    assertThat(
            run(analyst, "CREATE TABLE main.default.mine AS SELECT 2 AS x").getStatus().getState())
        .isEqualTo(StatementState.SUCCEEDED);
    assertThat(
            analyst.tables().get(new GetTableRequest().setFullName("main.default.mine")).getOwner())
        .isEqualTo("analyst@sandbox.local");
    assertThat(run(analyst, "INSERT INTO main.default.mine SELECT 3").getStatus().getState())
        .isEqualTo(StatementState.SUCCEEDED);
  }

  @Test
  void grantingSelectOpensATableAndEffectiveGrantsShowInheritance() {
    run(admin, "CREATE TABLE main.default.shared AS SELECT 1 AS x");
    assertThat(run(analyst, "SELECT * FROM main.default.shared").getStatus().getState())
        .isEqualTo(StatementState.FAILED);

    admin
        .grants()
        .update(
            new UpdatePermissions()
                .setSecurableType("table")
                .setFullName("main.default.shared")
                .setChanges(
                    List.of(
                        new PermissionsChange()
                            .setPrincipal("analyst@sandbox.local")
                            .setAdd(List.of(Privilege.SELECT)))));

    assertThat(run(analyst, "SELECT * FROM main.default.shared").getStatus().getState())
        .isEqualTo(StatementState.SUCCEEDED);
    var direct =
        admin
            .grants()
            .get(
                new GetGrantRequest().setSecurableType("table").setFullName("main.default.shared"));
    assertThat(direct.getPrivilegeAssignments())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.getPrincipal()).isEqualTo("analyst@sandbox.local");
              assertThat(a.getPrivileges()).containsExactly(Privilege.SELECT);
            });
    var effective =
        admin
            .grants()
            .getEffective(
                new GetEffectiveRequest()
                    .setSecurableType("table")
                    .setFullName("main.default.shared")
                    .setPrincipal("analyst@sandbox.local"));
    assertThat(effective.getPrivilegeAssignments())
        .singleElement()
        .satisfies(
            a ->
                assertThat(a.getPrivileges())
                    .anySatisfy(
                        p -> {
                          assertThat(p.getPrivilege()).isEqualTo(Privilege.USE_CATALOG);
                          assertThat(p.getInheritedFromName()).isEqualTo("main");
                        }));

    admin
        .grants()
        .update(
            new UpdatePermissions()
                .setSecurableType("table")
                .setFullName("main.default.shared")
                .setChanges(
                    List.of(
                        new PermissionsChange()
                            .setPrincipal("analyst@sandbox.local")
                            .setRemove(List.of(Privilege.SELECT)))));
    assertThat(run(analyst, "SELECT * FROM main.default.shared").getStatus().getState())
        .isEqualTo(StatementState.FAILED);
  }

  @Test
  void onlyOwnersChangeGrants() {
    assertThatThrownBy(
            () ->
                analyst
                    .grants()
                    .update(
                        new UpdatePermissions()
                            .setSecurableType("catalog")
                            .setFullName("samples")
                            .setChanges(
                                List.of(
                                    new PermissionsChange()
                                        .setPrincipal("analyst@sandbox.local")
                                        .setAdd(List.of(Privilege.MODIFY))))))
        .isInstanceOf(PermissionDenied.class);
  }
}
