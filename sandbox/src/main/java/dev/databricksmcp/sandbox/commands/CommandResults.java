package dev.databricksmcp.sandbox.commands;

import com.databricks.sdk.service.compute.ResultType;
import com.databricks.sdk.service.compute.Results;
import dev.databricksmcp.sandbox.engine.DatabricksTypes;
import dev.databricksmcp.sandbox.sql.QueryResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A command's {@code results} as the Command Execution API answers them: {@code text} with {@code
 * data} a string; {@code table} with {@code data} rows of JSON values, {@code schema} one {@code
 * {name, type, metadata}} per column (type a Spark JSON schema type, {@code isJsonSchema: true})
 * and {@code truncated}; {@code error} with {@code summary} (one line) and {@code cause} (the
 * detail, a traceback for Python).
 */
final class CommandResults {
  /**
   * Rows a table result keeps, as a notebook's display() does (10,000 rows); the rest are dropped
   * and {@code truncated} is true. The API reference documents the flag, not the number.
   */
  static final int MAX_TABLE_ROWS = 10_000;

  /** Characters a text result keeps; the rest is dropped (the reference gives no number). */
  static final int MAX_TEXT_CHARS = 1_000_000;

  private CommandResults() {}

  static Results text(String text) {
    Results r = new Results().setResultType(ResultType.TEXT).setData(capped(text));
    return text.length() > MAX_TEXT_CHARS ? r.setTruncated(true) : r;
  }

  static Results error(String summary, String cause) {
    return new Results()
        .setResultType(ResultType.ERROR)
        .setSummary(capped(summary))
        .setCause(capped(cause));
  }

  /** A table from SQL rows (values as JSON_ARRAY strings, typed here by their column). */
  static Results table(QueryResult result) {
    List<Map<String, Object>> schema = new ArrayList<>();
    List<DatabricksTypes.Type> types = new ArrayList<>();
    for (QueryResult.Column c : result.columns()) {
      DatabricksTypes.Type type = DatabricksTypes.of(c.duckDbType());
      types.add(type);
      schema.add(column(c.name(), sparkType(type)));
    }
    List<List<Object>> rows = new ArrayList<>();
    for (List<String> row :
        result.rows().subList(0, Math.min(MAX_TABLE_ROWS, result.rows().size()))) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < row.size(); i++) {
        out.add(value(row.get(i), types.get(i)));
      }
      rows.add(out);
    }
    return table(schema, rows, result.rows().size() > MAX_TABLE_ROWS);
  }

  static Results table(List<Map<String, Object>> schema, List<List<Object>> rows, boolean cut) {
    boolean truncated = cut || rows.size() > MAX_TABLE_ROWS;
    return new Results()
        .setResultType(ResultType.TABLE)
        .setSchema(new ArrayList<>(schema))
        .setData(
            truncated
                ? new ArrayList<>(rows.subList(0, Math.min(rows.size(), MAX_TABLE_ROWS)))
                : rows)
        .setIsJsonSchema(true)
        .setTruncated(truncated);
  }

  static Map<String, Object> column(String name, String sparkType) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", name);
    c.put("type", "\"" + sparkType + "\"");
    c.put("metadata", "{}");
    return c;
  }

  /** Spark's JSON name of a type: integer, long, string, decimal(10,2), … */
  private static String sparkType(DatabricksTypes.Type type) {
    return switch (type.name()) {
      case "INT" -> "integer";
      case "LONG" -> "long";
      case "DECIMAL", "ARRAY" -> type.text();
      case "NULL" -> "void";
      default -> type.name().toLowerCase(Locale.ROOT);
    };
  }

  private static Object value(String v, DatabricksTypes.Type type) {
    if (v == null) {
      return null;
    }
    try {
      return switch (type.name()) {
        case "INT", "SHORT", "BYTE", "LONG" -> Long.parseLong(v);
        case "DOUBLE", "FLOAT" -> Double.parseDouble(v);
        case "DECIMAL" -> new BigDecimal(v);
        case "BOOLEAN" -> Boolean.parseBoolean(v);
        default -> v;
      };
    } catch (NumberFormatException e) {
      return v; // NaN, Infinity: kept as Spark prints them
    }
  }

  private static String capped(String s) {
    return s == null || s.length() <= MAX_TEXT_CHARS ? s : s.substring(0, MAX_TEXT_CHARS);
  }
}
