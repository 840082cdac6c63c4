package dev.databricksmcp.server.tools.sql;

import dev.databricksmcp.server.core.Names;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Params;
import java.util.List;

/** The parameters the SQL tools share, declared once. */
public final class SqlParams {
  /**
   * A warehouse the tool acts on, by id or by name (exact, any case): resolved with {@link
   * WarehouseResolver}, so not checked as an id here.
   */
  public static final Param<String> WAREHOUSE_ID =
      Param.string("warehouse_id", "Warehouse id, or its name (exact, any case)").required();

  /** The warehouse to run on (id or name); when not given, the server picks one. */
  public static final Param<String> CHOSEN_WAREHOUSE =
      Param.string(
          "warehouse_id",
          "SQL warehouse id or name; default: the configured one, else the best available");

  /** The default catalog for unqualified names. */
  public static final Param<String> DEFAULT_CATALOG =
      Param.string("catalog", "Default catalog for unqualified names").checkedBy(Names::part);

  /** The default schema for unqualified names. */
  public static final Param<String> DEFAULT_SCHEMA =
      Param.string("schema", "Default schema for unqualified names").checkedBy(Names::part);

  /** A statement started by execute_sql. */
  public static final Param<String> STATEMENT_ID = Params.id("statement_id", "From execute_sql");

  /** How rows are rendered as text. */
  public static final Param<String> FORMAT =
      Param.choice("format", "Text rendering of rows", List.of("markdown", "csv", "json"))
          .withDefault("markdown");

  /** How long a start or stop waits for the new state. */
  public static final Param<Integer> WAIT_SECONDS =
      Param.integer("wait_seconds", "How long to wait for the new state ({min}-{max})")
          .range(0, 120)
          .withDefault(30);

  private SqlParams() {}

  /** Rows in one page of a result, the server's setting by default. */
  public static Param<Integer> maxRows(int defaultRows) {
    return Param.integer("max_rows", "Rows to return in this page ({min}-{max})")
        .range(1, 10_000)
        .withDefault(defaultRows);
  }

  /** How long to wait for a statement, the server's setting by default. */
  public static Param<Integer> timeoutSeconds(String description, int defaultSeconds) {
    return Param.integer("timeout_seconds", description)
        .range(1, SqlSettings.MAX_TIMEOUT_SECONDS)
        .withDefault(defaultSeconds);
  }
}
