package dev.databricksmcp.sandbox.vectorsearch;

import com.databricks.sdk.service.catalog.ColumnInfo;
import com.databricks.sdk.service.catalog.TableInfo;
import dev.databricksmcp.sandbox.auth.Principal;
import dev.databricksmcp.sandbox.engine.CatalogNames;
import dev.databricksmcp.sandbox.engine.DuckDbEngine;
import dev.databricksmcp.sandbox.engine.Sql;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.uc.Grants;
import dev.databricksmcp.sandbox.uc.Metastore;
import java.util.List;
import java.util.Map;

/**
 * A Delta Sync index's source table, read as the caller: the table must exist and the caller needs
 * SELECT on it (USE CATALOG and USE SCHEMA on the way), as Unity Catalog asks of anyone reading it.
 */
final class SourceTables {
  private final DuckDbEngine engine;
  private final Metastore metastore;
  private final Grants grants;

  SourceTables(DuckDbEngine engine, Metastore metastore, Grants grants) {
    this.engine = engine;
    this.metastore = metastore;
    this.grants = grants;
  }

  /** The table's column names, in order, once the caller may read it. */
  List<String> columns(Principal caller, String fullName) {
    String[] parts = parts(fullName);
    TableInfo table = metastore.requireTable(parts[0], parts[1], parts[2]);
    grants.requireSelect(caller, table.getFullName());
    return table.getColumns().stream().map(ColumnInfo::getName).toList();
  }

  /** Every row of the table, read as the caller. */
  List<Map<String, Object>> rows(Principal caller, String fullName) {
    String[] parts = parts(fullName);
    TableInfo table = metastore.requireTable(parts[0], parts[1], parts[2]);
    grants.requireSelect(caller, table.getFullName());
    return Sql.query(
        engine,
        "SELECT * FROM "
            + CatalogNames.qualified(
                table.getCatalogName(), table.getSchemaName(), table.getName()));
  }

  static String[] parts(String fullName) {
    String[] parts = fullName == null ? new String[0] : fullName.split("\\.");
    if (parts.length != 3 || List.of(parts).stream().anyMatch(String::isBlank)) {
      throw ApiException.invalid(
          "Invalid table name '" + fullName + "': expected catalog.schema.table");
    }
    return parts;
  }
}
