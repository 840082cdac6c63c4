package dev.databricksmcp.sandbox.data;

import dev.databricksmcp.sandbox.engine.DuckDbEngine;
import dev.databricksmcp.sandbox.engine.Sql;
import dev.databricksmcp.sandbox.uc.Metastore;
import java.nio.file.Path;

/**
 * The catalogs a new workspace has: {@code main} (writable, kept in the data directory when there
 * is one), {@code samples} and {@code system} (read-only, rebuilt at every start).
 */
public final class WorkspaceSetup {
  private WorkspaceSetup() {}

  public static void create(DuckDbEngine engine, Metastore metastore, Path dataDir) {
    metastore.attach(
        "main", dataDir == null ? ":memory:" : dataDir.resolve("uc_main.duckdb").toString());
    reattachCreatedCatalogs(metastore, dataDir);
    metastore.attach("samples", ":memory:");
    metastore.attach("system", ":memory:");
    Sql.exec(
        engine,
        "CREATE SCHEMA IF NOT EXISTS uc_main.\"default\"",
        "CREATE SCHEMA IF NOT EXISTS uc_system.access",
        "CREATE SCHEMA IF NOT EXISTS uc_system.query",
        // columns as documented for system.access.table_lineage (a subset)
        "CREATE TABLE IF NOT EXISTS uc_system.access.table_lineage (account_id VARCHAR,"
            + " metastore_id VARCHAR, workspace_id VARCHAR, entity_type VARCHAR, entity_id VARCHAR,"
            + " entity_run_id VARCHAR, source_table_full_name VARCHAR, source_table_catalog"
            + " VARCHAR, source_table_schema VARCHAR, source_table_name VARCHAR, source_type"
            + " VARCHAR, target_table_full_name VARCHAR, target_table_catalog VARCHAR,"
            + " target_table_schema VARCHAR, target_table_name VARCHAR, target_type VARCHAR,"
            + " created_by VARCHAR, event_time TIMESTAMP, event_date DATE, statement_id VARCHAR)",
        "COMMENT ON TABLE uc_system.access.table_lineage IS 'Table lineage recorded from the"
            + " statements the sandbox runs'",
        // columns as documented for system.query.history (a subset)
        "CREATE TABLE IF NOT EXISTS uc_system.query.history (account_id VARCHAR, workspace_id"
            + " VARCHAR, statement_id VARCHAR, executed_by VARCHAR, session_id VARCHAR,"
            + " execution_status VARCHAR, compute STRUCT(type VARCHAR, warehouse_id VARCHAR),"
            + " statement_text VARCHAR, statement_type VARCHAR, error_message VARCHAR, start_time"
            + " TIMESTAMP, end_time TIMESTAMP, total_duration_ms BIGINT, produced_rows BIGINT)",
        "COMMENT ON TABLE uc_system.query.history IS 'Statements run on the sandbox''s SQL"
            + " warehouses'");
    SampleData.load(engine);
    metastore.setInitialComment("main.default", "Default schema (auto-created)");
    metastore.setInitialComment("samples.nyctaxi", "New York City taxi trips");
    metastore.setInitialComment("samples.tpch", "TPC-H benchmark data at a tiny scale");
    metastore.setInitialComment("samples.bakehouse", "A bakery chain's sales and reviews");
  }

  /**
   * Catalogs created through the API in an earlier run live in {@code catalogs/uc_<name>.duckdb}
   * (or, if made by an older sandbox, {@code uc_<name>.duckdb} beside the main file).
   */
  private static void reattachCreatedCatalogs(Metastore metastore, Path dataDir) {
    if (dataDir == null) {
      return;
    }
    Path catalogs = Metastore.catalogDirectory(dataDir);
    try {
      java.nio.file.Files.createDirectories(catalogs);
      for (Path dir : java.util.List.of(dataDir, catalogs)) {
        try (var files = java.nio.file.Files.list(dir)) {
          files
              .map(f -> f.getFileName().toString())
              .filter(
                  n -> n.startsWith("uc_") && n.endsWith(".duckdb") && !n.equals("uc_main.duckdb"))
              .forEach(
                  n -> metastore.attach(n.substring(3, n.length() - 7), dir.resolve(n).toString()));
        }
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException(
          "cannot read the sandbox directory " + dataDir + ": " + e.getMessage(), e);
    }
  }
}
