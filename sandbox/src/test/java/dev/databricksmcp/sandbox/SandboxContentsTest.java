package dev.databricksmcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.catalog.GetRegisteredModelRequest;
import com.databricks.sdk.service.catalog.GetSchemaRequest;
import com.databricks.sdk.service.catalog.ListModelVersionsRequest;
import com.databricks.sdk.service.catalog.ListTablesRequest;
import com.databricks.sdk.service.catalog.RegisteredModelAlias;
import com.databricks.sdk.service.catalog.RegisteredModelInfo;
import com.databricks.sdk.service.catalog.TableInfo;
import com.databricks.sdk.service.sql.EndpointInfo;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.ListWarehousesRequest;
import com.databricks.sdk.service.sql.StatementState;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.data.SandboxContents;
import dev.databricksmcp.sandbox.sql.Warehouses;
import dev.databricksmcp.sandbox.uc.SampleModels;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What {@link SandboxContents} says a new sandbox holds is what a new sandbox holds. */
@Timeout(60)
class SandboxContentsTest {
  @Test
  void theDescribedSchemasTablesWarehousesAndHelpersExist() {
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.inMemory())) {
      WorkspaceClient w = SandboxClients.pat(sandbox, Identities.ADMIN_TOKEN);
      for (SandboxContents.SampleSchema s : SandboxContents.SCHEMAS) {
        String[] parts = s.fullName().split("\\.");
        assertThat(w.schemas().get(new GetSchemaRequest().setFullName(s.fullName())).getName())
            .isEqualTo(parts[1]);
        List<String> tables =
            StreamSupport.stream(
                    w.tables()
                        .list(
                            new ListTablesRequest()
                                .setCatalogName(parts[0])
                                .setSchemaName(parts[1]))
                        .spliterator(),
                    false)
                .map(TableInfo::getName)
                .sorted()
                .toList();
        assertThat(tables).as(s.fullName()).containsExactlyElementsOf(s.tables());
      }

      Map<String, String> states =
          StreamSupport.stream(
                  w.warehouses().list(new ListWarehousesRequest()).spliterator(), false)
              .collect(Collectors.toMap(EndpointInfo::getId, e -> String.valueOf(e.getState())));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> described =
          (List<Map<String, Object>>) SandboxContents.describe().get("warehouses");
      assertThat(described)
          .allSatisfy(
              d -> assertThat(states.get((String) d.get("id"))).isEqualTo(d.get("initial_state")));
      assertThat(described).hasSize(states.size());

      for (SampleModels.SampleModel m : SampleModels.ALL) {
        RegisteredModelInfo model =
            w.registeredModels()
                .get(
                    new GetRegisteredModelRequest()
                        .setFullName(m.fullName())
                        .setIncludeAliases(true));
        assertThat(model.getComment()).isEqualTo(m.comment());
        assertThat(
                model.getAliases().stream()
                    .collect(
                        Collectors.toMap(
                            RegisteredModelAlias::getAliasName,
                            RegisteredModelAlias::getVersionNum)))
            .isEqualTo(m.aliases());
        assertThat(w.modelVersions().list(new ListModelVersionsRequest().setFullName(m.fullName())))
            .hasSize(m.versionComments().size());
      }

      assertThat(SandboxContents.HELPERS)
          .extracting(h -> h.call())
          .contains("sandbox_sleep(seconds)");
      assertThat(
              w.statementExecution()
                  .executeStatement(
                      new ExecuteStatementRequest()
                          .setWarehouseId(Warehouses.STARTER_ID)
                          .setStatement("SELECT sandbox_sleep(0) AS slept")
                          .setWaitTimeout("30s"))
                  .getStatus()
                  .getState())
          .isEqualTo(StatementState.SUCCEEDED);
    }
  }
}
