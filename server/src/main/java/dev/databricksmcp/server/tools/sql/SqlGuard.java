package dev.databricksmcp.server.tools.sql;

import dev.databricksmcp.server.core.ConfirmationTarget;
import dev.databricksmcp.server.core.ErrorCode;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What execute_sql, execute_sql_script and explain_sql check before anything reaches Databricks.
 */
final class SqlGuard {
  static final String ALLOW_VARIABLE = "DATABRICKS_MCP_SQL_ALLOW_OUTBOUND_FUNCTIONS";

  private SqlGuard() {}

  /** One statement, read-only when the server is, and no outbound functions unless allowed. */
  static SqlClassifier.Statement checkSingle(
      String field, String sql, boolean readOnly, boolean allowOutbound) {
    SqlClassifier.Result result = SqlClassifier.classify(sql);
    checkOutbound(result, allowOutbound);
    if (result.unreadable() != null) {
      if (readOnly) {
        throw new ToolException(
            ErrorCode.READ_ONLY, "Refused in read-only mode: " + result.unreadable() + ".");
      }
      throw ToolException.validation(field, result.unreadable());
    }
    if (result.statements().isEmpty()) {
      throw ToolException.validation(field, "contains no SQL statement");
    }
    if (result.statements().size() > 1) {
      throw new ToolException(
          ErrorCode.VALIDATION_ERROR,
          field
              + ": holds "
              + result.statements().size()
              + " statements; send one at a time, or use execute_sql_script.",
          Map.of("field", field));
    }
    SqlClassifier.Statement statement = result.statements().get(0);
    if (statement.kind() == SqlClassifier.StatementKind.UNRECOGNISED) {
      throw ToolException.validation(field, statement.reason());
    }
    if (readOnly && !statement.readOnly()) {
      throw new ToolException(
          ErrorCode.READ_ONLY, "Refused in read-only mode: " + statement.reason() + ".");
    }
    return statement;
  }

  /**
   * What execute_sql_read_only accepts: exactly what read-only mode accepts, one statement that
   * reads and calls no restricted function; anything else is refused (READ_ONLY) before it reaches
   * Databricks, whatever the server's mode.
   *
   * @param writeToolAvailable whether execute_sql can run writes here (not in read-only mode), to
   *     say so in the refusal
   */
  static SqlClassifier.Statement checkRead(
      String field, String sql, boolean allowOutbound, boolean writeToolAvailable) {
    SqlClassifier.Result result = SqlClassifier.classify(sql);
    if (result.unreadable() != null) {
      throw new ToolException(
          ErrorCode.READ_ONLY,
          "execute_sql_read_only runs reads only, and "
              + result.unreadable()
              + ". Nothing was run.");
    }
    SqlClassifier.Statement statement = checkSingle(field, sql, false, allowOutbound);
    if (!statement.readOnly()) {
      throw new ToolException(
          ErrorCode.READ_ONLY,
          "execute_sql_read_only runs reads only (SELECT, WITH, VALUES, TABLE, FROM, SHOW,"
              + " DESCRIBE, EXPLAIN): "
              + statement.reason()
              + ". Nothing was run"
              + (writeToolAvailable ? "; use execute_sql for this statement." : "."));
    }
    return statement;
  }

  /**
   * What explain_sql accepts: one statement that reads. EXPLAIN never runs the statement, but
   * explain_sql is a read-only tool and explains reads only, in every mode; a write is refused as a
   * VALIDATION_ERROR that says so, not as read-only mode (which may be off).
   */
  static SqlClassifier.Statement checkExplainable(String field, String sql, boolean allowOutbound) {
    SqlClassifier.Statement statement = checkSingle(field, sql, false, allowOutbound);
    if (!statement.readOnly()) {
      throw ToolException.validation(
          field,
          "explain_sql shows the plan of reads only (SELECT, WITH, VALUES, TABLE, SHOW,"
              + " DESCRIBE) and never runs the statement; this one is not explained: "
              + statement.reason());
    }
    return statement;
  }

  /**
   * Outbound/secret functions, and calls whose function is named only at run time, are refused in
   * every mode unless the server allows them.
   */
  static void checkOutbound(SqlClassifier.Result result, boolean allowOutbound) {
    FunctionPolicy.Hit hit = result.strictFunction();
    if (hit != null && !allowOutbound) {
      throw new ToolException(
          ErrorCode.PERMISSION_DENIED,
          "The function "
              + hit.describe()
              + " is refused unless the server allows outbound and secret functions ("
              + ALLOW_VARIABLE
              + "=true).",
          Map.of("function", hit.function(), "category", hit.category().label()));
    }
  }

  /**
   * What execute_sql and execute_sql_script ask the user to confirm: null for plain reads and
   * changes of the session (USE, SET), which run straight away; otherwise the SQL (shortened) and
   * the restricted functions it calls. Refuses first what no confirmation may allow.
   */
  static ConfirmationTarget confirmTarget(
      String field, String sql, String what, ToolContext ctx, boolean allowOutbound) {
    SqlClassifier.Result result = SqlClassifier.classify(sql);
    checkOutbound(result, allowOutbound);
    SqlClassifier.Statement unrecognised = result.unrecognised();
    if (unrecognised != null) {
      // refused before anything runs: a typo is not a change of data to confirm
      throw ToolException.validation(field, unrecognised.reason());
    }
    if (result.noDataChange()) {
      return null;
    }
    String calls =
        result.functions().isEmpty()
            ? ""
            : " (it calls "
                + result.functions().stream()
                    .map(FunctionPolicy.Hit::describe)
                    .collect(Collectors.joining(", "))
                + ")";
    String shown = sql.length() > 300 ? sql.substring(0, 300) + "…" : sql;
    return new ConfirmationTarget(what + " in " + ctx.workspaceHost() + calls + ": " + shown, "");
  }
}
