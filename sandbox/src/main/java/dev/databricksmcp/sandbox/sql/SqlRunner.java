package dev.databricksmcp.sandbox.sql;

import com.databricks.sdk.service.sql.StatementParameterListItem;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.databricksmcp.sandbox.engine.CatalogNames;
import dev.databricksmcp.sandbox.engine.DuckDbEngine;
import dev.databricksmcp.sandbox.http.Json;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Struct;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one translated statement on DuckDB in its catalog/schema context, binds named parameters as
 * typed values, renders every value as Databricks' JSON_ARRAY format does, and turns DuckDB errors
 * into Databricks error classes.
 */
final class SqlRunner {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
  private static final int MAX_ROWS = 5_000_000;

  private SqlRunner() {}

  /**
   * @param files the volume files the statement reads, loaded first on its own connection
   * @param cancelled polled between rows, so a cancel stops reading
   */
  static QueryResult run(
      DuckDbEngine engine,
      Translation t,
      List<VolumeFileTables.Loaded> files,
      String catalog,
      String schema,
      List<StatementParameterListItem> params,
      long rowLimit,
      BooleanSupplier cancelled,
      java.util.function.Consumer<Statement> onStart) {
    // a read answering rows leaves the catalog as it was; anything else may have changed it
    boolean answeredRows = false;
    try (Connection c = engine.connect()) {
      try (Statement use = c.createStatement()) {
        use.execute(
            "USE "
                + CatalogNames.quote(CatalogNames.toDuckDb(catalog))
                + "."
                + CatalogNames.quote(schema));
      } catch (SQLException e) {
        throw new SqlError(
            "SCHEMA_NOT_FOUND",
            "42704",
            "The schema `" + catalog + "." + schema + "` cannot be found.");
      }
      // the files it reads, as temporary tables of this connection only: gone when it closes
      VolumeFileTables.create(c, files);
      // DuckDB counts a MERGE's rows as one number; the action of each row splits it
      String sql = t.write() == WriteKind.MERGE ? t.sql() + " RETURNING merge_action" : t.sql();
      try (PreparedStatement s = c.prepareStatement(sql)) {
        bind(s, t.parameters(), params);
        onStart.accept(s);
        boolean hasRows = s.execute();
        if (t.write() == WriteKind.MERGE && hasRows) {
          try (ResultSet r = s.getResultSet()) {
            return merged(r, cancelled);
          }
        }
        if (!hasRows) {
          return t.write() == WriteKind.NONE
              ? QueryResult.empty()
              : written(t.write(), Math.max(0, s.getUpdateCount()));
        }
        answeredRows = t.write() == WriteKind.NONE;
        try (ResultSet r = s.getResultSet()) {
          return read(r, rowLimit, cancelled);
        }
      }
    } catch (SQLException e) {
      throw translate(e);
    } finally {
      if (!answeredRows) {
        engine.catalogReads().mayHaveChanged();
      }
    }
  }

  private static void bind(
      PreparedStatement s, List<String> names, List<StatementParameterListItem> params)
      throws SQLException {
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      StatementParameterListItem p =
          params.stream()
              .filter(x -> name.equalsIgnoreCase(x.getName()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new SqlError(
                          "UNBOUND_SQL_PARAMETER",
                          "42P02",
                          "Found the unbound parameter: " + name + "."));
      String type = p.getType() == null ? "STRING" : p.getType().toUpperCase(Locale.ROOT);
      String value = p.getValue();
      if (value == null) {
        s.setObject(i + 1, null);
        continue;
      }
      try {
        switch (type.replaceAll("\\(.*", "")) {
          case "INT", "INTEGER", "SMALLINT", "TINYINT", "SHORT", "BYTE" ->
              s.setInt(i + 1, Integer.parseInt(value.trim()));
          case "BIGINT", "LONG" -> s.setLong(i + 1, Long.parseLong(value.trim()));
          case "DOUBLE", "FLOAT" -> s.setDouble(i + 1, Double.parseDouble(value.trim()));
          case "DECIMAL" -> s.setBigDecimal(i + 1, new BigDecimal(value.trim()));
          case "BOOLEAN" -> s.setBoolean(i + 1, Boolean.parseBoolean(value.trim()));
          case "DATE" -> s.setObject(i + 1, java.time.LocalDate.parse(value.trim()));
          case "TIMESTAMP" ->
              s.setObject(
                  i + 1, LocalDateTime.parse(value.trim().replace(' ', 'T').replace("Z", "")));
          default -> s.setString(i + 1, value);
        }
      } catch (RuntimeException e) {
        throw new SqlError(
            "INVALID_PARAMETER_VALUE",
            "22023",
            "The value of parameter " + name + " is not a valid " + type + ": '" + value + "'.");
      }
    }
  }

  /**
   * The one row Databricks answers a data write with (see {@link WriteKind}): every column the
   * number of rows the statement affected, inserted, updated or deleted, as a LONG.
   */
  static QueryResult written(WriteKind kind, long affected) {
    return writeRow(kind.columns(), java.util.Collections.nCopies(kind.columns().size(), affected));
  }

  /** MERGE's row from the action of each row it touched (DuckDB's RETURNING merge_action). */
  private static QueryResult merged(ResultSet r, BooleanSupplier cancelled) throws SQLException {
    long updated = 0;
    long deleted = 0;
    long inserted = 0;
    long seen = 0;
    while (r.next()) {
      if ((++seen & 1023) == 0 && cancelled.getAsBoolean()) {
        break;
      }
      switch (String.valueOf(r.getString(1)).toUpperCase(Locale.ROOT)) {
        case "UPDATE" -> updated++;
        case "DELETE" -> deleted++;
        case "INSERT" -> inserted++;
        default -> {}
      }
    }
    return writeRow(
        WriteKind.MERGE.columns(),
        List.of(updated + deleted + inserted, updated, deleted, inserted));
  }

  private static QueryResult writeRow(List<String> names, List<Long> values) {
    List<QueryResult.Column> columns = new ArrayList<>();
    List<String> row = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      columns.add(new QueryResult.Column(names.get(i), "BIGINT"));
      row.add(String.valueOf(values.get(i)));
    }
    return new QueryResult(columns, List.of(row));
  }

  private static QueryResult read(ResultSet r, long rowLimit, BooleanSupplier cancelled)
      throws SQLException {
    ResultSetMetaData meta = r.getMetaData();
    int n = meta.getColumnCount();
    List<QueryResult.Column> columns = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      columns.add(new QueryResult.Column(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
    }
    List<List<String>> rows = new ArrayList<>();
    long limit = rowLimit > 0 ? Math.min(rowLimit, MAX_ROWS) : MAX_ROWS;
    while (rows.size() < limit && r.next()) {
      if ((rows.size() & 1023) == 0 && cancelled.getAsBoolean()) {
        break;
      }
      String[] row = new String[n];
      for (int i = 1; i <= n; i++) {
        row[i - 1] = render(r.getObject(i));
      }
      rows.add(Arrays.asList(row));
    }
    return new QueryResult(columns, rows);
  }

  /** A value as the JSON_ARRAY format carries it: a string, or null. */
  static String render(Object v) throws SQLException {
    if (v == null) {
      return null;
    }
    if (v instanceof Timestamp ts) {
      return ts.toLocalDateTime().format(TIMESTAMP);
    }
    if (v instanceof LocalDateTime ldt) {
      return ldt.format(TIMESTAMP);
    }
    if (v instanceof OffsetDateTime odt) {
      return odt.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime().format(TIMESTAMP);
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (v instanceof Array || v instanceof Struct || v instanceof Map<?, ?>) {
      return json(plain(v));
    }
    return v.toString();
  }

  /** Nested values as plain Java values for JSON. */
  private static Object plain(Object v) throws SQLException {
    if (v instanceof Array a) {
      List<Object> out = new ArrayList<>();
      for (Object item : (Object[]) a.getArray()) {
        out.add(plain(item));
      }
      return out;
    }
    if (v instanceof Struct s) {
      Object[] values = s.getAttributes();
      if (v instanceof org.duckdb.DuckDBStruct ds) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Object> e : ds.getMap().entrySet()) {
          map.put(e.getKey(), plain(e.getValue()));
        }
        return map;
      }
      return Arrays.asList(values);
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> map = new java.util.LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        map.put(String.valueOf(e.getKey()), plain(e.getValue()));
      }
      return map;
    }
    if (v instanceof BigDecimal
        || v instanceof Number
        || v instanceof Boolean
        || v instanceof String) {
      return v;
    }
    return render(v);
  }

  private static String json(Object v) {
    try {
      return Json.MAPPER.writeValueAsString(v);
    } catch (JsonProcessingException e) {
      return String.valueOf(v);
    }
  }

  private static final Pattern TABLE_MISSING =
      Pattern.compile("Table with name (\\S+) does not exist");
  private static final Pattern COLUMN_MISSING =
      Pattern.compile("Referenced column \"?([^\" ]+)\"? not found");
  private static final Pattern FUNCTION_MISSING =
      Pattern.compile("(?:Scalar|Aggregate|Table) Function with name (\\S+) does not exist");
  private static final Pattern SYNTAX = Pattern.compile("syntax error at or near \"?([^\"]*)\"?");
  private static final Pattern SCHEMA_MISSING =
      Pattern.compile("Schema with name (\\S+) does not exist");
  private static final Pattern CANDIDATES = Pattern.compile("Candidate bindings: ([^\n]*)");
  private static final Pattern OPERATOR_TYPES =
      Pattern.compile(
          "(?:Could not choose a best candidate function for the function call|No function"
              + " matches the given name and argument types) \"?'?([-+*/%]|//)\\(([^,()]+),"
              + " ([^,()]+)\\)");
  private static final Pattern ALREADY =
      Pattern.compile("Table with name \"?(\\S+?)\"? already exists");

  /** DuckDB's message becomes the Databricks error class a user of Databricks would see. */
  static SqlError translate(SQLException e) {
    String raw = String.valueOf(e.getMessage());
    String msg = raw.replaceFirst("^[A-Za-z ]+ Error: ", "").split("\n")[0].trim();
    Matcher m;
    if ((m = TABLE_MISSING.matcher(raw)).find()) {
      return new SqlError(
          "TABLE_OR_VIEW_NOT_FOUND",
          "42P01",
          "The table or view `"
              + unprefix(m.group(1))
              + "` cannot be found. Verify the spelling and correctness of the schema and"
              + " catalog.");
    }
    if ((m = SCHEMA_MISSING.matcher(raw)).find()) {
      return new SqlError(
          "SCHEMA_NOT_FOUND",
          "42704",
          "The schema `" + unprefix(m.group(1)) + "` cannot be found.");
    }
    if ((m = COLUMN_MISSING.matcher(raw)).find()) {
      String column = m.group(1);
      List<String> candidates = new ArrayList<>();
      Matcher c = CANDIDATES.matcher(raw);
      if (c.find()) {
        for (String candidate : c.group(1).split(",")) {
          String name = candidate.trim().replace("\"", "");
          name = name.substring(name.lastIndexOf('.') + 1); // nation.n_name → n_name
          if (!name.isEmpty() && !candidates.contains("`" + name + "`")) {
            candidates.add("`" + name + "`");
          }
        }
      }
      // Databricks names the closest columns: UNRESOLVED_COLUMN.WITH_SUGGESTION carries
      // "Did you mean one of the following? [...]"; without candidates it is WITHOUT_SUGGESTION
      String base =
          "A column, variable, or function parameter with name `"
              + column
              + "` cannot be resolved.";
      return candidates.isEmpty()
          ? new SqlError(
              "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION",
              "42703",
              base + " Verify the spelling and correctness of the column name or path.")
          : new SqlError(
              "UNRESOLVED_COLUMN.WITH_SUGGESTION",
              "42703",
              base
                  + " Did you mean one of the following? ["
                  + String.join(", ", candidates.subList(0, Math.min(5, candidates.size())))
                  + "].");
    }
    if ((m = OPERATOR_TYPES.matcher(raw)).find()) {
      // an operator over types it does not take (a STRING parameter in arithmetic): a type error
      // of the statement, as Databricks' DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES, not an internal
      // one
      return new SqlError(
          "DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES",
          "42K09",
          "Cannot resolve \"("
              + typeName(m.group(2))
              + " "
              + m.group(1)
              + " "
              + typeName(m.group(3))
              + ")\" due to data type mismatch: the left and right operands of the binary"
              + " operator have incompatible types (\""
              + typeName(m.group(2))
              + "\" and \""
              + typeName(m.group(3))
              + "\"). Cast the operands, or bind the parameter with a numeric type.");
    }
    if ((m = FUNCTION_MISSING.matcher(raw)).find()) {
      return new SqlError(
          "UNRESOLVED_ROUTINE",
          "42883",
          "Cannot resolve routine `"
              + m.group(1)
              + "` on search path: the sandbox does not provide this function.");
    }
    if ((m = ALREADY.matcher(raw)).find()) {
      return new SqlError(
          "TABLE_OR_VIEW_ALREADY_EXISTS",
          "42P07",
          "Cannot create table or view `" + unprefix(m.group(1)) + "` because it already exists.");
    }
    if ((m = SYNTAX.matcher(raw)).find()) {
      return new SqlError(
          "PARSE_SYNTAX_ERROR", "42601", "Syntax error at or near '" + m.group(1) + "'.");
    }
    if (raw.startsWith("Conversion Error")) {
      return new SqlError("CAST_INVALID_INPUT", "22018", msg);
    }
    if (raw.contains("Division by zero") || raw.contains("division by zero")) {
      return new SqlError("DIVIDE_BY_ZERO", "22012", "Division by zero.");
    }
    if (raw.startsWith("Not implemented Error") || raw.startsWith("Parser Error")) {
      return new SqlError(
          "UNSUPPORTED_FEATURE", "0A000", "The sandbox does not support this statement: " + msg);
    }
    if (raw.startsWith("Permission Error") || raw.contains("the configuration has been locked")) {
      // DuckDB's message names host paths: say what was refused, not where
      return new SqlError(
          "UNSUPPORTED_FEATURE",
          "0A000",
          "The sandbox does not reach files, extensions or settings of the host: it is a workspace,"
              + " not a shell.");
    }
    if (raw.contains("INTERRUPT") || raw.contains("Interrupted")) {
      return new SqlError("OPERATION_CANCELED", "HY008", "The statement was canceled.");
    }
    return new SqlError(
        "INTERNAL_ERROR", "XX000", "The sandbox could not run this statement: " + msg);
  }

  /** DuckDB's type as Databricks names it: VARCHAR and STRING_LITERAL are STRING. */
  static String typeName(String duck) {
    String t = duck.trim().replace("\"", "").replace("_LITERAL", "").toUpperCase(Locale.ROOT);
    return switch (t.replaceAll("\\(.*", "")) {
      case "VARCHAR", "STRING", "TEXT" -> "STRING";
      case "INTEGER", "INT", "INT4" -> "INT";
      case "BIGINT", "INT8", "HUGEINT" -> "BIGINT";
      case "SMALLINT" -> "SMALLINT";
      case "TINYINT" -> "TINYINT";
      case "DOUBLE", "FLOAT8" -> "DOUBLE";
      case "FLOAT", "REAL" -> "FLOAT";
      case "BOOLEAN", "BOOL" -> "BOOLEAN";
      case "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ" -> "TIMESTAMP";
      case "TIMESTAMP" -> "TIMESTAMP_NTZ";
      case "BLOB" -> "BINARY";
      default -> t;
    };
  }

  /** uc_main.default.t → main.default.t: never show DuckDB's names. */
  private static String unprefix(String name) {
    return name.replace("\"", "").replaceAll("(^|\\.)uc_", "$1");
  }
}
