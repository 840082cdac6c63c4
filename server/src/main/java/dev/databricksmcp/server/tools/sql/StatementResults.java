package dev.databricksmcp.server.tools.sql;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.sql.StatementResponse;
import com.databricks.sdk.service.sql.StatementState;
import dev.databricksmcp.server.core.Counted;
import dev.databricksmcp.server.core.ErrorCode;
import dev.databricksmcp.server.core.ErrorMapper;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A statement's state as a tool result: a page of typed rows, a handle to resume, or the SQL error.
 * Other toolsets whose answers are statements (Genie's query results) show them through {@link
 * #rows} with the same row and byte caps as execute_sql.
 */
public final class StatementResults {
  private StatementResults() {}

  /**
   * @param statement the statement's text when the caller has it (execute_sql), else null: it names
   *     the kind of write and its table
   */
  static ToolResult toResult(
      WorkspaceClient w,
      StatementResponse r,
      String statement,
      long offset,
      int maxRows,
      int maxBytes,
      String format,
      Map<String, Object> extra) {
    return toResult(
        w,
        r,
        statement,
        offset,
        maxRows,
        maxBytes,
        format,
        extra,
        "get_statement with statement_id=" + r.getStatementId());
  }

  /**
   * A statement's rows for another toolset, capped as execute_sql caps them (the server's
   * DATABRICKS_MCP_SQL_MAX_ROWS and _MAX_BYTES through {@link SqlSettings}).
   *
   * @param nextPageCall the call that reads the next page, without its offset
   *     ("get_genie_query_result with …")
   */
  public static ToolResult rows(
      WorkspaceClient w,
      StatementResponse r,
      long offset,
      int maxRows,
      int maxBytes,
      String format,
      Map<String, Object> extra,
      String nextPageCall) {
    return toResult(w, r, null, offset, maxRows, maxBytes, format, extra, nextPageCall);
  }

  private static ToolResult toResult(
      WorkspaceClient w,
      StatementResponse r,
      String statement,
      long offset,
      int maxRows,
      int maxBytes,
      String format,
      Map<String, Object> extra,
      String nextPageCall) {
    StatementState state = r.getStatus().getState();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("statement_id", r.getStatementId());
    data.put("state", String.valueOf(state));
    data.putAll(extra);
    switch (state) {
      case SUCCEEDED -> {
        WriteSummary written = offset == 0 ? WriteSummary.of(statement, r) : null;
        if (written != null) {
          // a write says what it did, not "0 rows" or a table of counts
          data.putAll(written.fields());
          return ToolResult.of(data, written.message());
        }
        ResultText.Fitted fitted =
            ResultText.fit(ResultPage.read(w, r, offset, maxRows, maxBytes), format, maxBytes);
        ResultPage page = fitted.page();
        data.put("columns", page.columns());
        data.put("rows", page.rows());
        data.put("row_offset", page.offset());
        data.put("row_count", page.rows().size());
        data.put("total_row_count", page.totalRows());
        boolean more = page.nextOffset() != null;
        data.put("truncated", more || page.truncatedByDatabricks() || fitted.textCut());
        String message;
        if (more) {
          data.put("next_offset", page.nextOffset());
          message =
              "Rows "
                  + page.offset()
                  + "–"
                  + (page.offset() + page.rows().size() - 1)
                  + " of "
                  + page.totalRows()
                  + (page.cutBy().equals("max_rows")
                      ? " (cut by max_rows=" + maxRows + ")"
                      : " (cut by the size budget of " + maxBytes + " bytes)")
                  + ". More: "
                  + nextPageCall
                  + " and offset="
                  + page.nextOffset()
                  + (page.cutBy().equals("max_rows")
                      ? ", or a larger max_rows"
                      : ", or select fewer columns or rows")
                  + ".";
        } else {
          message =
              page.columns().isEmpty() && page.totalRows() == 0
                  ? "The statement succeeded; it returns no rows."
                  : page.offset() == 0 && page.rows().size() == page.totalRows()
                      ? Counted.of(page.totalRows(), "row") + "."
                      : Counted.of(page.rows().size(), "row")
                          + (page.offset() > 0 ? " from offset " + page.offset() : "")
                          + " of "
                          + page.totalRows()
                          + ".";
        }
        if (fitted.textCut()) {
          message +=
              " The row's text was cut at the size budget of "
                  + maxBytes
                  + " bytes; select fewer or shorter columns to see it whole.";
        }
        if (page.truncatedByDatabricks()) {
          message +=
              " The result was limited by row_limit/byte_limit on Databricks: it is not the whole"
                  + " answer.";
        }
        return new ToolResult(data, page.rows().size(), message, fitted.text());
      }
      case PENDING, RUNNING -> {
        return ToolResult.of(
            data,
            "Statement "
                + r.getStatementId()
                + " is still "
                + state
                + "; it keeps running. Call get_statement with statement_id="
                + r.getStatementId()
                + " to get the result, or cancel_statement to stop it.");
      }
      case FAILED -> throw failure(r);
      default -> {
        return ToolResult.of(
            data, "Statement " + r.getStatementId() + " is " + state + "; it has no result.");
      }
    }
  }

  /**
   * A statement whose state is not known now: submitted, then a status (or cancel) request failed.
   * Reported as submitted, with its id, never as not run — it may still be running, or have
   * committed.
   */
  static ToolResult unknown(StatementPoller.Polled p, Map<String, Object> extra) {
    String id = p.statementId();
    ErrorMapper.MappedError why = ErrorMapper.map(p.failure());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("statement_id", id);
    data.put("state", "UNKNOWN");
    data.put("last_known_state", String.valueOf(p.last().getStatus().getState()));
    data.put("status_error", Map.of("error_code", why.code().name(), "message", why.message()));
    data.putAll(extra);
    return ToolResult.of(
        data,
        "Statement "
            + id
            + " was submitted, but "
            + p.lostTrack()
            + " ("
            + why.code()
            + "). It may still be running, or may have finished, and committed if it writes. Check"
            + " with get_statement with statement_id="
            + id
            + " before running it again.");
  }

  /**
   * A SQL error as Databricks reported it: its error class picks our code; the message is
   * Databricks'.
   */
  static ToolException failure(StatementResponse r) {
    String message =
        r.getStatus().getError() == null
            ? "The statement failed."
            : r.getStatus().getError().getMessage();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("statement_id", r.getStatementId());
    String errorClass =
        message.startsWith("[") && message.indexOf(']') > 0
            ? message.substring(1, message.indexOf(']'))
            : null;
    if (errorClass != null) {
      details.put("sql_error_class", errorClass);
    }
    if (r.getStatus().getSqlState() != null) {
      details.put("sql_state", r.getStatus().getSqlState());
    }
    if (r.getStatus().getError() != null && r.getStatus().getError().getErrorCode() != null) {
      details.put("databricks_error_code", String.valueOf(r.getStatus().getError().getErrorCode()));
    }
    ErrorCode code = ErrorCode.VALIDATION_ERROR;
    if (errorClass != null) {
      if (errorClass.startsWith("INSUFFICIENT_PERMISSIONS")
          || errorClass.startsWith("PERMISSION_DENIED")) {
        code = ErrorCode.PERMISSION_DENIED;
      } else if (errorClass.endsWith("NOT_FOUND")) {
        code = ErrorCode.NOT_FOUND;
      } else if (errorClass.endsWith("ALREADY_EXISTS")) {
        code = ErrorCode.ALREADY_EXISTS;
      } else if (errorClass.startsWith("INTERNAL")) {
        code = ErrorCode.INTERNAL_ERROR;
      }
    }
    return new ToolException(code, "SQL error: " + message, details);
  }
}
