package dev.databricksmcp.sandbox.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small JDBC helpers for the sandbox's own metadata queries. */
public final class Sql {
  private Sql() {}

  /** Statements that may change the catalog: catalog reads made before them are forgotten. */
  public static void exec(DuckDbEngine engine, String... statements) {
    try (Connection c = engine.connect();
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("sandbox SQL failed: " + e.getMessage(), e);
    } finally {
      engine.catalogReads().mayHaveChanged();
    }
  }

  /** Rows as ordered maps of column label → value. */
  public static List<Map<String, Object>> query(DuckDbEngine engine, String sql, Object... params) {
    try (Connection c = engine.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        int n = r.getMetaData().getColumnCount();
        while (r.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= n; i++) {
            row.put(r.getMetaData().getColumnLabel(i), r.getObject(i));
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("sandbox SQL failed: " + e.getMessage(), e);
    }
  }
}
