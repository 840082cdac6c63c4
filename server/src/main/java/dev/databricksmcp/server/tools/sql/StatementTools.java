package dev.databricksmcp.server.tools.sql;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.sql.CancelExecutionRequest;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.StatementParameterListItem;
import com.databricks.sdk.service.sql.StatementResponse;
import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.ErrorMapper;
import dev.databricksmcp.server.core.Names;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.WorkHandle;
import dev.databricksmcp.server.core.wait.Waited;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** execute_sql, get_statement and cancel_statement. */
public final class StatementTools {
  private StatementTools() {}

  public static List<ToolDef> definitions(SqlSettings settings, boolean readOnlyMode) {
    return List.of(executeSql(settings, readOnlyMode), getStatement(settings), cancelStatement());
  }

  static ToolDef executeSql(SqlSettings settings, boolean readOnlyMode) {
    return ToolDef.builder(SqlToolset.ID, "execute_sql")
        .title("Execute SQL")
        .description(
            "Run one SQL statement on a SQL warehouse and return rows (markdown table by default,"
                + " csv or json), total row count and column types. Waits up to timeout_seconds"
                + " (default "
                + settings.timeout().toSeconds()
                + "), then returns statement_id and state while the query keeps running: resume"
                + " with get_statement. Large results are paged: truncated=true with next_offset"
                + " for get_statement. Named :parameters are bound, never spliced. "
                + (readOnlyMode
                    ? "Read-only mode: only SELECT, WITH, VALUES, TABLE, SHOW, DESCRIBE and EXPLAIN"
                        + " are accepted, without functions that reach outside or cost money"
                        + " (ai_*, read_files, reflect, …). "
                    : "It may change data: statements that can are confirmed first. ")
                + "The Databricks principal's own privileges remain the real boundary.")
        .input(executeSchema())
        // in read-only mode the handler refuses anything but reads, so the tool is honestly
        // read-only there
        .hints(readOnlyMode ? ToolHints.read() : ToolHints.destructive(false))
        // only statements that can change data are confirmed; queries run straight away
        .confirmTarget(
            (args, ctx) ->
                SqlGuard.confirmTarget(
                    args.string("statement"),
                    "run SQL that can change or delete data",
                    ctx,
                    settings.allowOutboundFunctions()))
        .handler((args, ctx) -> execute(args, ctx, settings))
        .checkWith("list_query_history")
        .build();
  }

  static Schema.ObjectBuilder executeSchema() {
    return Schema.object()
        .longString(
            "statement", "One SQL statement (Databricks SQL)", SqlSettings.MAX_SQL_CHARS, true)
        .string(
            "warehouse_id",
            "SQL warehouse; default: the configured one, else the best available",
            false)
        .string("catalog", "Default catalog for unqualified names", false)
        .string("schema", "Default schema for unqualified names", false)
        .map("parameters", "Named parameters for :name markers, e.g. {\"min_fare\": 10}", false)
        .integer(
            "timeout_seconds",
            "How long to wait before returning the statement id (1-300)",
            1,
            SqlSettings.MAX_TIMEOUT_SECONDS,
            false)
        .enumeration(
            "on_timeout",
            "At the deadline: continue (default, resume with get_statement) or cancel",
            List.of("continue", "cancel"),
            false)
        .integer("max_rows", "Rows to return in this page (1-10000)", 1, 10_000, false)
        .integer(
            "row_limit",
            "Hard limit on rows Databricks computes (applies LIMIT on the server)",
            1,
            Integer.MAX_VALUE,
            false)
        .enumeration("format", "Text rendering of rows", List.of("markdown", "csv", "json"), false);
  }

  private static ToolResult execute(Args args, ToolContext ctx, SqlSettings settings)
      throws Exception {
    String statement = args.string("statement");
    SqlGuard.checkSingle("statement", statement, ctx.readOnly(), settings.allowOutboundFunctions());
    WorkspaceClient w = ctx.workspace();
    WarehouseChooser.Choice warehouse =
        WarehouseChooser.choose(
            w, args.optionalString("warehouse_id").orElse(null), settings.defaultWarehouseId());
    ExecuteStatementRequest request =
        new ExecuteStatementRequest()
            .setStatement(statement)
            .setWarehouseId(warehouse.id())
            .setParameters(parameters(args.object("parameters")));
    args.optionalString("catalog").ifPresent(c -> request.setCatalog(Names.part("catalog", c)));
    args.optionalString("schema").ifPresent(s -> request.setSchema(Names.part("schema", s)));
    args.optionalInt("row_limit", 1, Integer.MAX_VALUE)
        .ifPresent(l -> request.setRowLimit((long) l));
    Duration timeout =
        args.optionalInt("timeout_seconds", 1, SqlSettings.MAX_TIMEOUT_SECONDS)
            .map(Duration::ofSeconds)
            .orElse(settings.timeout());
    boolean cancel =
        args.choice("on_timeout", List.of("CONTINUE", "CANCEL"))
            .map("CANCEL"::equals)
            .orElse(false);
    StatementPoller.Polled polled = StatementPoller.run(w, request, timeout, cancel, ctx);
    Map<String, Object> extra = new LinkedHashMap<>();
    Map<String, Object> wh = new LinkedHashMap<>();
    wh.put("id", warehouse.id());
    if (warehouse.name() != null) {
      wh.put("name", warehouse.name());
    }
    wh.put("chosen", warehouse.reason());
    extra.put("warehouse", wh);
    if (!polled.known()) {
      return StatementResults.unknown(polled, extra);
    }
    return StatementResults.toResult(
        w,
        polled.last(),
        0,
        args.integer("max_rows", settings.maxRows(), 1, 10_000),
        settings.maxBytes(),
        args.string("format", "markdown"),
        extra);
  }

  /** JSON values become typed parameters: numbers, booleans and strings keep their type. */
  static List<StatementParameterListItem> parameters(Map<String, Object> values) {
    List<StatementParameterListItem> out = new ArrayList<>();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw ToolException.validation(
            "parameters", "'" + e.getKey() + "' is not a valid parameter name");
      }
      Object v = e.getValue();
      StatementParameterListItem p = new StatementParameterListItem().setName(e.getKey());
      if (v == null) {
        out.add(p);
        continue;
      }
      if (v instanceof Map<?, ?> || v instanceof List<?>) {
        throw ToolException.validation(
            "parameters." + e.getKey(), "must be a string, number or boolean");
      }
      String type =
          v instanceof Boolean
              ? "BOOLEAN"
              : v instanceof Integer || v instanceof Long
                  ? "BIGINT"
                  : v instanceof Number ? "DOUBLE" : "STRING";
      out.add(p.setValue(String.valueOf(v)).setType(type));
    }
    return out;
  }

  static ToolDef getStatement(SqlSettings settings) {
    return ToolDef.builder(SqlToolset.ID, "get_statement")
        .title("Get statement")
        .description(
            "State and result of a statement started by execute_sql: waits briefly if it is still"
                + " running, then returns a page of rows from offset (use next_offset from a"
                + " truncated result to page through the rest).")
        .input(
            Schema.object()
                .string("statement_id", "From execute_sql", true)
                .integer("offset", "First row to return (default 0)", 0, Integer.MAX_VALUE, false)
                .integer("max_rows", "Rows to return (1-10000)", 1, 10_000, false)
                .integer(
                    "wait_seconds",
                    "Wait up to this long for a running statement (0-50, default 10)",
                    0,
                    50,
                    false)
                .enumeration(
                    "format", "Text rendering of rows", List.of("markdown", "csv", "json"), false))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              String id = Names.id("statement_id", args.string("statement_id"));
              ctx.track(new WorkHandle("statement_id", id, "get_statement"));
              WorkspaceClient w = ctx.workspace();
              Waited<StatementResponse> waited =
                  StatementPoller.await(
                      w,
                      StatementPoller.status(w, id),
                      ctx,
                      Duration.ofSeconds(args.integer("wait_seconds", 10, 0, 50)));
              StatementResponse r = waited.last();
              if (waited.outcome() == Waited.Outcome.POLL_FAILED) {
                StatementPoller.Polled lost =
                    new StatementPoller.Polled(
                        r, "checking its state again failed", waited.failure());
                return StatementResults.unknown(lost, Map.of());
              }
              return StatementResults.toResult(
                  w,
                  r,
                  args.integer("offset", 0, 0, Integer.MAX_VALUE),
                  args.integer("max_rows", settings.maxRows(), 1, 10_000),
                  settings.maxBytes(),
                  args.string("format", "markdown"),
                  Map.of());
            })
        .build();
  }

  static ToolDef cancelStatement() {
    return ToolDef.builder(SqlToolset.ID, "cancel_statement")
        .title("Cancel statement")
        .description(
            "Stop a running statement (from execute_sql). Cancelling one that already finished"
                + " changes nothing.")
        .input(Schema.object().string("statement_id", "The statement to cancel", true))
        .hints(ToolHints.write(true))
        .checkWith("get_statement")
        .handler(
            (args, ctx) -> {
              String id = Names.id("statement_id", args.string("statement_id"));
              WorkspaceClient w = ctx.workspace();
              w.statementExecution()
                  .cancelExecution(new CancelExecutionRequest().setStatementId(id));
              ctx.track(new WorkHandle("statement_id", id, "get_statement"));
              StatementResponse r;
              try {
                r = StatementPoller.status(w, id);
              } catch (RuntimeException e) {
                // the cancel went through; only reading the state back failed
                return ToolResult.of(
                    Map.of("statement_id", id, "state", "UNKNOWN", "cancel_requested", true),
                    "Asked Databricks to cancel statement "
                        + id
                        + ", but reading its state back failed ("
                        + ErrorMapper.map(e).code()
                        + "). Check with get_statement with statement_id="
                        + id
                        + ".");
              }
              return ToolResult.of(
                  Map.of("statement_id", id, "state", String.valueOf(r.getStatus().getState())),
                  "Statement " + id + " is " + r.getStatus().getState() + ".");
            })
        .build();
  }
}
