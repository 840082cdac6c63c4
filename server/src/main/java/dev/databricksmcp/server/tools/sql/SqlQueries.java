package dev.databricksmcp.server.tools.sql;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.StatementResponse;
import com.databricks.sdk.service.sql.StatementState;
import dev.databricksmcp.server.core.ErrorCode;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolResult;
import java.util.Map;

/** The SQL toolset's execution path, for other toolsets that need a quick read (preview_table). */
public final class SqlQueries {
  private SqlQueries() {}

  /**
   * Runs a read the server itself wrote (never user text) and returns one page of it, rendered as
   * the SQL tools render results.
   */
  public static ToolResult read(
      ToolContext ctx,
      SqlSettings settings,
      String warehouseId,
      String sql,
      int maxRows,
      Map<String, Object> extra)
      throws InterruptedException {
    WorkspaceClient w = ctx.workspace();
    WarehouseChooser.Choice warehouse =
        WarehouseChooser.choose(w, warehouseId, settings.defaultWarehouseId());
    StatementPoller.Polled polled =
        StatementPoller.run(
            w,
            new ExecuteStatementRequest()
                .setStatement(sql)
                .setWarehouseId(warehouse.id())
                .setRowLimit((long) maxRows),
            settings.timeout(),
            true,
            ctx);
    if (!polled.known()) {
      throw polled.failure(); // a read: the plain error is the whole story
    }
    StatementResponse r = polled.last();
    if (r.getStatus().getState() == StatementState.FAILED) {
      throw StatementResults.failure(r);
    }
    if (r.getStatus().getState() != StatementState.SUCCEEDED) {
      throw new ToolException(
          ErrorCode.TIMEOUT,
          "The query did not finish within "
              + settings.timeout().toSeconds()
              + "s and was cancelled.");
    }
    java.util.Map<String, Object> all = new java.util.LinkedHashMap<>(extra);
    all.put("warehouse_id", warehouse.id());
    return StatementResults.toResult(w, r, sql, 0, maxRows, settings.maxBytes(), "markdown", all);
  }
}
