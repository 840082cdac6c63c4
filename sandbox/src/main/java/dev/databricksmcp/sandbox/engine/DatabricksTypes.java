package dev.databricksmcp.sandbox.engine;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DuckDB column types as Databricks names them: the type name ({@code LONG}) and the SQL type text
 * ({@code bigint}) that manifests and Unity Catalog columns carry.
 */
public final class DatabricksTypes {
  private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),\\s*(\\d+)\\)");

  /**
   * @param precision and scale set for DECIMAL only
   */
  public record Type(String name, String text, Integer precision, Integer scale) {}

  private DatabricksTypes() {}

  public static Type of(String duckDbType) {
    String t = duckDbType.trim().replace("\"", "").toUpperCase(Locale.ROOT);
    Matcher decimal = DECIMAL.matcher(t);
    if (decimal.matches()) {
      int p = Integer.parseInt(decimal.group(1));
      int s = Integer.parseInt(decimal.group(2));
      return new Type("DECIMAL", "decimal(" + p + "," + s + ")", p, s);
    }
    if (t.endsWith("[]")) {
      return new Type(
          "ARRAY", "array<" + of(t.substring(0, t.length() - 2)).text() + ">", null, null);
    }
    if (t.startsWith("STRUCT")) {
      return new Type("STRUCT", "struct", null, null);
    }
    if (t.startsWith("MAP")) {
      return new Type("MAP", "map", null, null);
    }
    return switch (t) {
      case "VARCHAR", "TEXT", "STRING", "UUID", "JSON" -> new Type("STRING", "string", null, null);
      case "INTEGER", "INT", "INT4", "UINTEGER", "USMALLINT" -> new Type("INT", "int", null, null);
      case "BIGINT", "INT8", "LONG", "UBIGINT" -> new Type("LONG", "bigint", null, null);
      case "SMALLINT", "INT2", "UTINYINT" -> new Type("SHORT", "smallint", null, null);
      case "TINYINT", "INT1" -> new Type("BYTE", "tinyint", null, null);
      case "HUGEINT", "UHUGEINT" -> new Type("DECIMAL", "decimal(38,0)", 38, 0);
      case "DOUBLE", "FLOAT8" -> new Type("DOUBLE", "double", null, null);
      case "FLOAT", "REAL", "FLOAT4" -> new Type("FLOAT", "float", null, null);
      case "BOOLEAN", "BOOL" -> new Type("BOOLEAN", "boolean", null, null);
      case "DATE" -> new Type("DATE", "date", null, null);
      // Databricks' default TIMESTAMP is what sample data and most tables use
      case "TIMESTAMP WITH TIME ZONE",
          "TIMESTAMPTZ",
          "TIMESTAMP",
          "DATETIME",
          "TIMESTAMP_MS",
          "TIMESTAMP_NS",
          "TIMESTAMP_S" ->
          new Type("TIMESTAMP", "timestamp", null, null);
      case "INTERVAL" -> new Type("INTERVAL", "interval", null, null);
      case "BLOB", "BYTEA" -> new Type("BINARY", "binary", null, null);
      case "NULL" -> new Type("NULL", "void", null, null);
      default -> new Type("STRING", "string", null, null);
    };
  }
}
