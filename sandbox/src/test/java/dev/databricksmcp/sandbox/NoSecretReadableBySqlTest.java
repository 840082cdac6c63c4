package dev.databricksmcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.StatementState;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.engine.CatalogNames;
import dev.databricksmcp.sandbox.engine.Sql;
import dev.databricksmcp.sandbox.sql.Warehouses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * No token or secret of the sandbox (PATs, the OAuth client secret, OAuth access tokens handed out)
 * is anywhere SQL can read: not in any table or view of any catalog, not in a macro, a setting, a
 * variable or DuckDB's secrets. They live in Java memory only ({@code Identities}).
 */
@Timeout(120)
class NoSecretReadableBySqlTest {
  private static Sandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(new SandboxOptions(0, null, 300));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static void run(WorkspaceClient client, String sql) {
    assertThat(
            client
                .statementExecution()
                .executeStatement(
                    new ExecuteStatementRequest()
                        .setWarehouseId(Warehouses.STARTER_ID)
                        .setStatement(sql)
                        .setWaitTimeout("30s"))
                .getStatus()
                .getState())
        .isEqualTo(StatementState.SUCCEEDED);
  }

  @Test
  void noTokenIsInAnythingSqlCanRead() {
    WorkspaceClient sp =
        new WorkspaceClient(
            new DatabricksConfig()
                .setHost(sandbox.host())
                .setClientId(Identities.SERVICE_PRINCIPAL.userName())
                .setClientSecret(Identities.SERVICE_PRINCIPAL_SECRET)
                .setAuthType("oauth-m2m"));
    String accessToken =
        sp.config().authenticate().get("Authorization").substring("Bearer ".length());
    run(sp, "SELECT count(*) FROM samples.tpch.region");
    WorkspaceClient admin = SandboxClients.pat(sandbox, Identities.ADMIN_TOKEN);
    run(
        admin,
        "CREATE TABLE main.default.orders_copy AS SELECT * FROM samples.tpch.orders LIMIT 5");
    run(SandboxClients.pat(sandbox, Identities.USER_TOKEN), "SELECT current_user()");

    List<String> secrets =
        List.of(
            Identities.ADMIN_TOKEN,
            Identities.USER_TOKEN,
            Identities.SERVICE_PRINCIPAL_TOKEN,
            Identities.SERVICE_PRINCIPAL_SECRET,
            accessToken);
    List<String> readable = new ArrayList<>();
    for (Map<String, Object> t :
        Sql.query(
            sandbox.engine(),
            "SELECT database_name AS d, schema_name AS s, table_name AS t FROM duckdb_tables()"
                + " UNION ALL SELECT database_name, schema_name, view_name FROM duckdb_views()"
                + " WHERE NOT internal")) {
      readable.add(
          "SELECT CAST(x AS VARCHAR) AS v FROM "
              + CatalogNames.quote((String) t.get("d"))
              + "."
              + CatalogNames.quote((String) t.get("s"))
              + "."
              + CatalogNames.quote((String) t.get("t"))
              + " AS x");
    }
    for (String metadata :
        List.of(
            "duckdb_settings()",
            "duckdb_variables()",
            "duckdb_secrets()",
            "duckdb_databases()",
            "duckdb_schemas()",
            "duckdb_views()",
            "duckdb_columns()",
            "duckdb_functions() WHERE macro_definition IS NOT NULL")) {
      readable.add(
          "SELECT CAST(x AS VARCHAR) AS v FROM " + metadata.replaceFirst("\\(\\)", "() AS x"));
    }
    assertThat(readable)
        .as("the statement log and user tables are among what is read")
        .anyMatch(sql -> sql.contains("\"uc_system\".\"query\".\"history\""))
        .anyMatch(sql -> sql.contains("\"orders_copy\""));
    for (String sql : readable) {
      String text =
          String.join(
              "\n",
              Sql.query(sandbox.engine(), sql).stream().map(r -> (String) r.get("v")).toList());
      for (String secret : secrets) {
        assertThat(text).as(sql).doesNotContain(secret);
      }
    }
  }
}
