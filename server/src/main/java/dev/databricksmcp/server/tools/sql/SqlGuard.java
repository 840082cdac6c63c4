package dev.databricksmcp.server.tools.sql;

import dev.databricksmcp.server.core.ErrorCode;
import dev.databricksmcp.server.core.ToolException;
import java.util.Map;

/** What execute_sql and explain_sql check before anything reaches Databricks. */
final class SqlGuard {
  private SqlGuard() {}

  /** One statement, read-only when the server is, and no outbound functions unless allowed. */
  static SqlClassifier.Statement checkSingle(String field, String sql, boolean readOnly, boolean allowOutbound) {
    SqlClassifier.Result result = SqlClassifier.classify(sql);
    checkOutbound(result, allowOutbound);
    if (result.unreadable() != null) {
      if (readOnly) {
        throw new ToolException(ErrorCode.READ_ONLY, "Refused in read-only mode: " + result.unreadable() + ".");
      }
      throw ToolException.validation(field, result.unreadable());
    }
    if (result.statements().isEmpty()) {
      throw ToolException.validation(field, "contains no SQL statement");
    }
    if (result.statements().size() > 1) {
      throw new ToolException(ErrorCode.VALIDATION_ERROR,
          field + ": holds " + result.statements().size() + " statements; send one at a time, or use execute_sql_script.",
          Map.of("field", field));
    }
    SqlClassifier.Statement statement = result.statements().get(0);
    if (readOnly && !statement.readOnly()) {
      throw new ToolException(ErrorCode.READ_ONLY, "Refused in read-only mode: " + statement.reason() + ".");
    }
    return statement;
  }

  static void checkOutbound(SqlClassifier.Result result, boolean allowOutbound) {
    if (result.outboundFunction() != null && !allowOutbound) {
      throw new ToolException(ErrorCode.PERMISSION_DENIED,
          "The function " + result.outboundFunction() + "() reaches outside the workspace or reads secrets; it is refused "
              + "unless the server allows it (DATABRICKS_MCP_SQL_ALLOW_OUTBOUND_FUNCTIONS=true).");
    }
  }
}
