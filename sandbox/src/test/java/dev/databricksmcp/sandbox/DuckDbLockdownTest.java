package dev.databricksmcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.catalog.CreateCatalog;
import com.databricks.sdk.service.catalog.DeleteCatalogRequest;
import com.databricks.sdk.service.catalog.GetTableRequest;
import com.databricks.sdk.service.catalog.ListTablesRequest;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.StatementState;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.engine.Sql;
import dev.databricksmcp.sandbox.sql.Warehouses;
import dev.databricksmcp.sandbox.uc.Metastore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The second wall on its own: DuckDB as the sandbox leaves it after start-up, asked directly (no
 * translator in front), refuses to reach the host or to unlock itself; the sandbox's own work
 * (sample data, catalogs kept in --sandbox-dir, SQL functions as macros) still runs behind it.
 */
@Timeout(120)
class DuckDbLockdownTest {
  @TempDir static Path dataDir;
  @TempDir static Path outside;
  private static Sandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(new SandboxOptions(0, dataDir, 300));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  /**
   * In the table, {out} stands for a directory outside the sandbox and {data} for the sandbox's
   * own.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "SELECT content FROM read_text('/proc/self/environ')|Permission Error",
        "SELECT * FROM read_csv('/etc/passwd', sep = ':')|Permission Error",
        "SELECT * FROM read_csv('/Volumes/main/default/files/a.csv')|Permission Error",
        "SELECT * FROM read_blob('/etc/hostname')|Permission Error",
        "SELECT * FROM glob('/*')|Permission Error",
        "SELECT * FROM '{out}/x.csv'|Permission Error",
        "COPY (SELECT 1) TO '{out}/copied.csv'|Permission Error",
        "COPY (SELECT 1) TO '{data}/copied.csv'|Permission Error",
        "EXPORT DATABASE '{out}/exported'|Permission Error",
        "ATTACH '{out}/attached.duckdb' AS attached|Permission Error",
        "INSTALL httpfs|Permission Error",
        "LOAD httpfs|Permission Error",
        "SET enable_external_access = true|the configuration has been locked",
        "SET lock_configuration = false|the configuration has been locked",
        "SET allowed_directories = ['/']|the configuration has been locked",
        "SET autoinstall_known_extensions = true|the configuration has been locked",
        "SET threads = 1|the configuration has been locked",
        "RESET memory_limit|the configuration has been locked",
        "PRAGMA enable_profiling|the configuration has been locked",
        "SELECT getenv('HOME')|getenv does not exist",
      })
  void duckDbItselfRefusesTheHost(String sql, String refusal) {
    String text = sql.replace("{out}", outside.toString()).replace("{data}", dataDir.toString());
    assertThatThrownBy(() -> Sql.exec(sandbox.engine(), text)).hasMessageContaining(refusal);
    try (var files = Files.list(outside)) {
      assertThat(files).as("nothing was written outside the sandbox").isEmpty();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    assertThat(dataDir.resolve("copied.csv")).doesNotExist();
  }

  @Test
  void sampleDataAndSqlStillWork() {
    assertThat(
            Sql.query(sandbox.engine(), "SELECT count(*) AS n FROM uc_samples.tpch.region")
                .get(0)
                .get("n"))
        .isEqualTo(5L);
    assertThat(
            Sql.query(sandbox.engine(), "SELECT current_setting('enable_external_access') AS v")
                .get(0)
                .get("v"))
        .isEqualTo(false);
  }

  @Test
  void aCatalogCreatedAfterTheLockIsKeptAcrossARestartAndGoesWhenDeleted(@TempDir Path dir) {
    try (Sandbox first = Sandbox.start(new SandboxOptions(0, dir, 300))) {
      WorkspaceClient admin = SandboxClients.pat(first, Identities.ADMIN_TOKEN);
      admin.catalogs().create(new CreateCatalog().setName("kept"));
      assertThat(run(admin, "CREATE TABLE kept.default.t AS SELECT 42 AS answer"))
          .isEqualTo(StatementState.SUCCEEDED);
    }
    assertThat(Metastore.catalogDirectory(dir).resolve("uc_kept.duckdb")).exists();
    try (Sandbox second = Sandbox.start(new SandboxOptions(0, dir, 300))) {
      WorkspaceClient admin = SandboxClients.pat(second, Identities.ADMIN_TOKEN);
      assertThat(
              admin.tables().get(new GetTableRequest().setFullName("kept.default.t")).getColumns())
          .hasSize(1);
      admin.catalogs().delete(new DeleteCatalogRequest().setName("kept").setForce(true));
      assertThat(Metastore.catalogDirectory(dir).resolve("uc_kept.duckdb")).doesNotExist();
      admin.catalogs().create(new CreateCatalog().setName("kept"));
      assertThat(
              StreamSupport.stream(
                  admin
                      .tables()
                      .list(new ListTablesRequest().setCatalogName("kept").setSchemaName("default"))
                      .spliterator(),
                  false))
          .as("a re-created catalog starts empty")
          .isEmpty();
    }
  }

  private static StatementState run(WorkspaceClient client, String sql) {
    return client
        .statementExecution()
        .executeStatement(
            new ExecuteStatementRequest()
                .setWarehouseId(Warehouses.STARTER_ID)
                .setStatement(sql)
                .setWaitTimeout("30s"))
        .getStatus()
        .getState();
  }
}
