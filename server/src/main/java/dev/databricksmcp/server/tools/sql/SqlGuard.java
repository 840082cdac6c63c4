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
    if (readOnly && !statement.readOnly()) {
      throw new ToolException(
          ErrorCode.READ_ONLY, "Refused in read-only mode: " + statement.reason() + ".");
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
   * What execute_sql and execute_sql_script ask the user to confirm: null for plain reads, which
   * run straight away; otherwise the SQL (shortened) and the restricted functions it calls. Refuses
   * first what no confirmation may allow.
   */
  static ConfirmationTarget confirmTarget(
      String sql, String what, ToolContext ctx, boolean allowOutbound) {
    SqlClassifier.Result result = SqlClassifier.classify(sql);
    checkOutbound(result, allowOutbound);
    if (result.allReadOnly()) {
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
