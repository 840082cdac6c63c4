package dev.databricksmcp.server.tools.sql;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.sql.CancelExecutionRequest;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.StatementResponse;
import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.ErrorMapper;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.ResultView;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.WorkHandle;
import dev.databricksmcp.server.core.wait.Waited;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** execute_sql, get_statement and cancel_statement. */
public final class StatementTools {
  private StatementTools() {}

  public static List<ToolDef> definitions(SqlSettings settings, boolean readOnlyMode) {
    return List.of(
        executeSql(settings, readOnlyMode),
        executeSqlReadOnly(settings),
        getStatement(settings),
        cancelStatement());
  }

  static final String READ_TOOL = "execute_sql_read_only";

  /**
   * execute_sql for reads only: annotated read-only, so hosts need not prompt for every SELECT. It
   * refuses what read-only mode refuses, with the same guard, in every mode.
   */
  static ToolDef executeSqlReadOnly(SqlSettings settings) {
    return ToolDef.builder(SqlToolset.ID, READ_TOOL)
        .title("Query SQL (read-only)")
        .description(
            "Run one read-only SQL query (SELECT, WITH, VALUES, TABLE, SHOW, DESCRIBE, EXPLAIN)"
                + " and return rows as execute_sql does, with the same options; refuses anything"
                + " that could change data or calls outside. Use this for queries; use execute_sql"
                + " only to change data.")
        .input(executeSchema(settings))
        .hints(ToolHints.read())
        .view(ResultView.URI)
        .handler((args, ctx) -> execute(args, ctx, settings, true))
        .build();
  }

  static ToolDef executeSql(SqlSettings settings, boolean readOnlyMode) {
    return ToolDef.builder(SqlToolset.ID, "execute_sql")
        .title("Execute SQL")
        .description(
            "Run one SQL statement on a SQL warehouse (for queries, prefer execute_sql_read_only,"
                + " which never prompts) and return rows (markdown table by default,"
                + " csv or json), total row count and column types. Waits up to timeout_seconds"
                + " (default "
                + settings.timeout().toSeconds()
                + "), then returns statement_id and state while the query keeps running: resume"
                + " with get_statement. Large results are paged: truncated=true with next_offset"
                + " for get_statement. :name markers take values from parameters ([{name, value, type}]). "
                + (readOnlyMode
                    ? "Read-only mode: only SELECT, WITH, VALUES, TABLE, SHOW, DESCRIBE and EXPLAIN"
                        + " are accepted, without functions that reach outside or cost money"
                        + " (ai_*, read_files, reflect, …). "
                    : "It may change data: statements that can are confirmed first. ")
                + "The Databricks principal's own privileges remain the real boundary.")
        .input(executeSchema(settings))
        // in read-only mode the handler refuses anything but reads, so the tool is honestly
        // read-only there
        .hints(readOnlyMode ? ToolHints.read() : ToolHints.destructive(false))
        // only statements that can change data are confirmed; queries run straight away
        .confirmTarget(
            (args, ctx) ->
                SqlGuard.confirmTarget(
                    STATEMENT.name(),
                    STATEMENT.of(args),
                    "run SQL that can change or delete data",
                    ctx,
                    settings.allowOutboundFunctions()))
        .view(ResultView.URI)
        .handler((args, ctx) -> execute(args, ctx, settings, false))
        .checkWith("list_query_history")
        .build();
  }

  static final Param<String> STATEMENT =
      Param.string("statement", "One SQL statement (Databricks SQL)")
          .maxLength(SqlSettings.MAX_SQL_CHARS)
          .required();

  static final Param<String> ON_TIMEOUT =
      Param.choice(
              "on_timeout",
              "At the deadline: {default} (default, resume with get_statement) or cancel",
              List.of("continue", "cancel"))
          .withDefault("continue");

  static final Param<Integer> ROW_LIMIT =
      Param.integer(
              "row_limit", "Hard limit on rows Databricks computes (applies LIMIT on the server)")
          .range(1, Integer.MAX_VALUE);

  private static final Param<Integer> OFFSET =
      Param.integer("offset", "First row to return (default {default})")
          .range(0, Integer.MAX_VALUE)
          .withDefault(0);

  private static final Param<Integer> STATEMENT_WAIT =
      Param.integer(
              "wait_seconds",
              "Wait up to this long for a running statement ({min}-{max}, default {default})")
          .range(0, 50)
          .withDefault(10);

  static Param<Integer> timeout(SqlSettings settings) {
    return SqlParams.timeoutSeconds(
        "How long to wait before returning the statement id ({min}-{max})",
        (int) settings.timeout().toSeconds());
  }

  static Schema.ObjectBuilder executeSchema(SqlSettings settings) {
    return Schema.of(
            STATEMENT,
            SqlParams.CHOSEN_WAREHOUSE,
            SqlParams.DEFAULT_CATALOG,
            SqlParams.DEFAULT_SCHEMA)
        .property(StatementParameters.NAME, StatementParameters.schema(), false)
        .params(
            timeout(settings),
            ON_TIMEOUT,
            SqlParams.maxRows(settings.maxRows()),
            ROW_LIMIT,
            SqlParams.FORMAT);
  }

  /** A statement run through the guard on its warehouse: how it ended, and where it ran. */
  record Started(String statement, StatementPoller.Polled polled, Map<String, Object> extra) {}

  private static ToolResult execute(
      Args args, ToolContext ctx, SqlSettings settings, boolean readsOnly) throws Exception {
    Started started = start(args, ctx, settings, readsOnly);
    if (!started.polled().known()) {
      return StatementResults.unknown(started.polled(), started.extra());
    }
    return StatementResults.toResult(
        ctx.workspace(),
        started.polled().last(),
        started.statement(),
        0,
        SqlParams.maxRows(settings.maxRows()).of(args),
        settings.maxBytes(),
        SqlParams.FORMAT.of(args),
        started.extra());
  }

  /**
   * Checks {@code statement} with the SQL guard (reads only when {@code readsOnly}, as
   * execute_sql_read_only does), picks the warehouse and runs it within the call's timeout. The one
   * path every tool that runs a caller's SQL goes through (execute_sql, visualize_query).
   */
  static Started start(Args args, ToolContext ctx, SqlSettings settings, boolean readsOnly)
      throws Exception {
    String statement = STATEMENT.of(args);
    if (readsOnly) {
      SqlGuard.checkRead(
          STATEMENT.name(), statement, settings.allowOutboundFunctions(), !ctx.readOnly());
    } else {
      SqlGuard.checkSingle(
          STATEMENT.name(), statement, ctx.readOnly(), settings.allowOutboundFunctions());
    }
    WorkspaceClient w = ctx.workspace();
    WarehouseChooser.Choice warehouse =
        WarehouseChooser.choose(
            w, SqlParams.CHOSEN_WAREHOUSE.of(args), settings.defaultWarehouseId());
    ExecuteStatementRequest request =
        new ExecuteStatementRequest()
            .setStatement(statement)
            .setWarehouseId(warehouse.id())
            .setParameters(StatementParameters.of(args));
    SqlParams.DEFAULT_CATALOG.optional(args).ifPresent(request::setCatalog);
    SqlParams.DEFAULT_SCHEMA.optional(args).ifPresent(request::setSchema);
    ROW_LIMIT.optional(args).ifPresent(l -> request.setRowLimit((long) l));
    Duration timeout =
        timeout(settings).optional(args).map(Duration::ofSeconds).orElse(settings.timeout());
    boolean cancel = "cancel".equals(ON_TIMEOUT.of(args));
    StatementPoller.Polled polled = StatementPoller.run(w, request, timeout, cancel, ctx);
    Map<String, Object> extra = new LinkedHashMap<>();
    Map<String, Object> wh = new LinkedHashMap<>();
    wh.put("id", warehouse.id());
    if (warehouse.name() != null) {
      wh.put("name", warehouse.name());
    }
    wh.put("chosen", warehouse.reason());
    extra.put("warehouse", wh);
    return new Started(statement, polled, extra);
  }

  static ToolDef getStatement(SqlSettings settings) {
    return ToolDef.builder(SqlToolset.ID, "get_statement")
        .title("Get statement")
        .description(
            "State and result of a statement started by execute_sql: waits briefly if it is still"
                + " running, then returns a page of rows from offset (use next_offset from a"
                + " truncated result to page through the rest).")
        .input(
            Schema.of(
                SqlParams.STATEMENT_ID,
                OFFSET,
                SqlParams.maxRows(settings.maxRows()).describedAs("Rows to return ({min}-{max})"),
                STATEMENT_WAIT,
                SqlParams.FORMAT))
        .hints(ToolHints.read())
        .view(ResultView.URI)
        .handler(
            (args, ctx) -> {
              String id = SqlParams.STATEMENT_ID.of(args);
              ctx.track(new WorkHandle("statement_id", id, "get_statement"));
              WorkspaceClient w = ctx.workspace();
              Waited<StatementResponse> waited =
                  StatementPoller.await(
                      w,
                      StatementPoller.status(w, id),
                      ctx,
                      Duration.ofSeconds(STATEMENT_WAIT.of(args)),
                      false);
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
                  null,
                  OFFSET.of(args),
                  SqlParams.maxRows(settings.maxRows()).of(args),
                  settings.maxBytes(),
                  SqlParams.FORMAT.of(args),
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
        .input(Schema.of(SqlParams.STATEMENT_ID.describedAs("The statement to cancel")))
        .hints(ToolHints.write(true))
        .checkWith("get_statement")
        .handler(
            (args, ctx) -> {
              String id = SqlParams.STATEMENT_ID.of(args);
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
