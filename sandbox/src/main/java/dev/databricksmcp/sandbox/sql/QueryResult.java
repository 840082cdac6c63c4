package dev.databricksmcp.sandbox.sql;

import java.util.List;

/**
 * A finished statement's rows, values already rendered as Databricks' JSON_ARRAY strings.
 *
 * @param columns name and DuckDB type of each column
 */
public record QueryResult(List<Column> columns, List<List<String>> rows) {
  public record Column(String name, String duckDbType) {}

  public static QueryResult empty() {
    return new QueryResult(List.of(), List.of());
  }
}
