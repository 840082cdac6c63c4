package dev.databricksmcp.sandbox.events;

import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.engine.DuckDbEngine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds {@code system.query.history} and {@code system.access.table_lineage} from the statements
 * the sandbox runs, as Databricks' system tables are fed from the workspace's activity.
 */
public final class SystemTablesFeed {
  private static final Logger LOG = LoggerFactory.getLogger(SystemTablesFeed.class);

  private SystemTablesFeed() {}

  public static void attach(StatementLog log, DuckDbEngine engine, String metastoreId) {
    log.addListener(s -> write(engine, metastoreId, s));
  }

  private static void write(DuckDbEngine engine, String metastoreId, ExecutedStatement s) {
    try (Connection c = engine.connect()) {
      try (PreparedStatement p =
          c.prepareStatement(
              "INSERT INTO uc_system.query.history (workspace_id, statement_id, executed_by,"
                  + " execution_status, compute, statement_text, error_message, start_time,"
                  + " end_time, total_duration_ms, produced_rows) VALUES (?, ?, ?, ?, {'type':"
                  + " 'WAREHOUSE', 'warehouse_id': ?}, ?, ?, ?, ?, ?, ?)")) {
        p.setString(1, Identities.WORKSPACE_ID);
        p.setString(2, s.statementId());
        p.setString(3, s.principal().userName());
        p.setString(4, s.status());
        p.setString(5, s.warehouseId());
        p.setString(6, s.statementText());
        p.setString(7, s.errorMessage());
        p.setTimestamp(8, new Timestamp(s.startTimeMillis()));
        p.setTimestamp(9, new Timestamp(s.endTimeMillis()));
        p.setLong(10, s.endTimeMillis() - s.startTimeMillis());
        p.setLong(11, s.rowsProduced());
        p.executeUpdate();
      }
      if (!"FINISHED".equals(s.status())) {
        return;
      }
      // one edge per (source, target); a write with no source (… VALUES) makes none
      for (String target : s.writtenTables()) {
        for (String source : s.readTables()) {
          insertLineage(c, metastoreId, s, source, target);
        }
      }
    } catch (SQLException e) {
      LOG.warn(
          "could not record statement {} in the system tables: {}",
          s.statementId(),
          e.getMessage());
    }
  }

  private static void insertLineage(
      Connection c, String metastoreId, ExecutedStatement s, String source, String target)
      throws SQLException {
    String[] src = source.split("\\.");
    String[] dst = target.split("\\.");
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO uc_system.access.table_lineage (metastore_id, workspace_id, entity_type,"
                + " entity_id, source_table_full_name, source_table_catalog, source_table_schema,"
                + " source_table_name, source_type, target_table_full_name, target_table_catalog,"
                + " target_table_schema, target_table_name, target_type, created_by, event_time,"
                + " event_date, statement_id) VALUES (?, ?, 'DBSQL_QUERY', ?, ?, ?, ?, ?, 'TABLE',"
                + " ?, ?, ?, ?, 'TABLE', ?, ?, ?, ?)")) {
      p.setString(1, metastoreId);
      p.setString(2, Identities.WORKSPACE_ID);
      p.setString(3, s.statementId());
      p.setString(4, source);
      p.setString(5, src[0]);
      p.setString(6, src[1]);
      p.setString(7, src[2]);
      p.setString(8, target);
      p.setString(9, dst[0]);
      p.setString(10, dst[1]);
      p.setString(11, dst[2]);
      p.setString(12, s.principal().userName());
      p.setTimestamp(13, new Timestamp(s.endTimeMillis()));
      p.setObject(14, new java.sql.Date(s.endTimeMillis()).toLocalDate());
      p.setString(15, s.statementId());
      p.executeUpdate();
    }
  }
}
