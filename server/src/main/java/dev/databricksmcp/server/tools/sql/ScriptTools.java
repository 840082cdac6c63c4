package dev.databricksmcp.server.tools.sql;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.StatementResponse;
import com.databricks.sdk.service.sql.StatementState;
import dev.databricksmcp.server.core.Counted;
import dev.databricksmcp.server.core.ErrorCode;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.StepContext;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** execute_sql_script and explain_sql. */
public final class ScriptTools {
  private static final int MAX_STATEMENTS = 50;
  private static final int PREVIEW_ROWS = 5;

  private static final Param<String> STATEMENTS =
      Param.string("statements", "SQL statements separated by ';' (at most " + MAX_STATEMENTS + ")")
          .maxLength(SqlSettings.MAX_SQL_CHARS)
          .required();

  private static final Param<String> EXPLAINED =
      Param.string("statement", "One SQL statement to explain")
          .maxLength(SqlSettings.MAX_SQL_CHARS)
          .required();

  private static final Param<String> CATALOG =
      SqlParams.DEFAULT_CATALOG.describedAs("Default catalog");

  private static final Param<String> SCHEMA =
      SqlParams.DEFAULT_SCHEMA.describedAs("Default schema");

  private ScriptTools() {}

  public static List<ToolDef> definitions(SqlSettings settings, boolean readOnlyMode) {
    return List.of(script(settings, readOnlyMode), explain(settings));
  }

  static ToolDef script(SqlSettings settings, boolean readOnlyMode) {
    return ToolDef.builder(SqlToolset.ID, "execute_sql_script")
        .title("Execute SQL script")
        .description(
            "Run several SQL statements separated by ';' in order on one warehouse, stopping at the"
                + " first failure. Each statement is classified (read or write) and reported with"
                + " its state and a summary: a read's row count and first rows, a write's rows"
                + " inserted, updated or deleted. "
                + (readOnlyMode
                    ? "Read-only mode: every statement must be a read, or nothing runs."
                    : "Scripts that can change data are confirmed first."))
        .input(
            Schema.of(
                STATEMENTS,
                SqlParams.CHOSEN_WAREHOUSE,
                CATALOG,
                SCHEMA,
                SqlParams.timeoutSeconds(
                    "Total time to wait for the whole script ({min}-{max})",
                    (int) settings.timeout().toSeconds())))
        .hints(readOnlyMode ? ToolHints.read() : ToolHints.destructive(false))
        .confirmTarget(
            (args, ctx) ->
                SqlGuard.confirmTarget(
                    STATEMENTS.name(),
                    STATEMENTS.of(args),
                    "run a SQL script that can change or delete data",
                    ctx,
                    settings.allowOutboundFunctions()))
        .handler(
            (args, ctx) -> {
              SqlClassifier.Result c = SqlClassifier.classify(STATEMENTS.of(args));
              SqlGuard.checkOutbound(c, settings.allowOutboundFunctions());
              if (c.unreadable() != null) {
                if (ctx.readOnly()) {
                  throw new ToolException(
                      ErrorCode.READ_ONLY,
                      "Refused in read-only mode: " + c.unreadable() + ". Nothing was run.");
                }
                throw ToolException.validation("statements", c.unreadable());
              }
              SqlClassifier.Statement unrecognised = c.unrecognised();
              if (unrecognised != null) {
                throw ToolException.validation(
                    "statements",
                    "statement "
                        + (c.statements().indexOf(unrecognised) + 1)
                        + ": "
                        + unrecognised.reason());
              }
              for (SqlClassifier.Statement s : c.statements()) {
                // a compound block's inner ';' would cut it into pieces that each mean something
                // else
                if (s.keyword().equals("BEGIN")) {
                  throw ToolException.validation(
                      "statements",
                      "holds a compound block (BEGIN … END), which cannot be split at ';'; nothing"
                          + " was run");
                }
              }
              if (c.statements().isEmpty() || c.statements().size() > MAX_STATEMENTS) {
                throw ToolException.validation(
                    "statements",
                    "must hold 1 to "
                        + MAX_STATEMENTS
                        + " statements (got "
                        + c.statements().size()
                        + ")");
              }
              if (ctx.readOnly()) {
                for (int i = 0; i < c.statements().size(); i++) {
                  if (!c.statements().get(i).readOnly()) {
                    throw new ToolException(
                        ErrorCode.READ_ONLY,
                        "Refused in read-only mode: statement "
                            + (i + 1)
                            + ": "
                            + c.statements().get(i).reason()
                            + ". Nothing was run.");
                  }
                }
              }
              WorkspaceClient w = ctx.workspace();
              WarehouseChooser.Choice warehouse =
                  WarehouseChooser.choose(
                      w, SqlParams.CHOSEN_WAREHOUSE.of(args), settings.defaultWarehouseId());
              // the whole script's wait, capped by the call's deadline so its state always comes
              // back
              int timeoutSeconds =
                  SqlParams.timeoutSeconds("", (int) settings.timeout().toSeconds()).of(args);
              long end = ctx.deadline().waitEnd(Duration.ofSeconds(timeoutSeconds));
              List<Map<String, Object>> results = new ArrayList<>();
              String stoppedBecause = null;
              for (int i = 0; i < c.statements().size(); i++) {
                SqlClassifier.Statement s = c.statements().get(i);
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("index", i + 1);
                one.put(
                    "kind",
                    s.readOnly()
                        ? "read"
                        : s.kind() == SqlClassifier.StatementKind.SESSION ? "session" : "write");
                one.put(
                    "statement",
                    s.text().length() > 200 ? s.text().substring(0, 200) + "…" : s.text());
                long left = end - System.nanoTime();
                if (left <= 0 && i > 0) {
                  stoppedBecause = "no time left to start statement " + (i + 1);
                  break;
                }
                ExecuteStatementRequest req =
                    new ExecuteStatementRequest()
                        .setStatement(s.text())
                        .setWarehouseId(warehouse.id());
                CATALOG.optional(args).ifPresent(req::setCatalog);
                SCHEMA.optional(args).ifPresent(req::setSchema);
                // the statement's wait reports from its first second, placed within the script's
                ToolContext step =
                    new StepContext(
                        ctx,
                        i,
                        c.statements().size(),
                        "statement " + (i + 1) + " of " + c.statements().size());
                StatementPoller.Polled polled =
                    StatementPoller.run(w, req, Duration.ofNanos(Math.max(0, left)), false, step);
                StatementResponse r = polled.last();
                one.put("statement_id", r.getStatementId());
                one.put(
                    "state", polled.known() ? String.valueOf(r.getStatus().getState()) : "UNKNOWN");
                results.add(one);
                if (!polled.known()) {
                  one.put("last_known_state", String.valueOf(r.getStatus().getState()));
                  stoppedBecause =
                      "statement "
                          + (i + 1)
                          + " was submitted, but "
                          + polled.lostTrack()
                          + "; it may still be running, or have committed: check with get_statement"
                          + " with statement_id="
                          + r.getStatementId()
                          + " before running it again";
                  break;
                }
                if (r.getStatus().getState() == StatementState.SUCCEEDED) {
                  WriteSummary written = WriteSummary.of(s.text(), r);
                  if (written != null) {
                    // what the write did, as execute_sql says it
                    one.put("summary", written.message());
                    one.putAll(written.fields());
                    continue;
                  }
                  if (r.getManifest() != null
                      && r.getManifest().getSchema() != null
                      && r.getManifest().getSchema().getColumns() != null) {
                    ResultPage page =
                        ResultPage.read(w, r, 0, PREVIEW_ROWS, settings.maxBytes() / 4);
                    one.put(
                        "summary",
                        Counted.of(page.totalRows(), "row")
                            + (page.rows().size() < page.totalRows()
                                ? ", the first " + page.rows().size() + " shown"
                                : "")
                            + ".");
                    one.put("total_row_count", page.totalRows());
                    one.put("columns", page.columns());
                    one.put("first_rows", page.rows());
                  }
                  continue;
                }
                if (r.getStatus().getState() == StatementState.FAILED) {
                  ToolException e = StatementResults.failure(r);
                  one.put("error", e.getMessage());
                  stoppedBecause = "statement " + (i + 1) + " failed";
                } else {
                  stoppedBecause =
                      "statement "
                          + (i + 1)
                          + " is "
                          + r.getStatus().getState()
                          + " at the deadline (statement_id "
                          + r.getStatementId()
                          + "; resume with get_statement)";
                }
                break;
              }
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("warehouse_id", warehouse.id());
              data.put("statements", results);
              int ran = results.size();
              String message =
                  stoppedBecause == null
                      ? ran == 1
                          ? "The statement succeeded."
                          : "All " + ran + " statements succeeded."
                      : "Stopped: "
                          + stoppedBecause
                          + ". "
                          + Counted.of(c.statements().size() - ran, "statement")
                          + " not run.";
              return ToolResult.list(data, ran, message);
            })
        .checkWith("list_query_history")
        .build();
  }

  static ToolDef explain(SqlSettings settings) {
    return ToolDef.builder(SqlToolset.ID, "explain_sql")
        .title("Explain SQL")
        .description(
            "The query plan of one SQL statement, without running it (EXPLAIN). Reads only"
                + " (SELECT, WITH, VALUES, TABLE, SHOW, DESCRIBE).")
        .input(Schema.of(EXPLAINED, SqlParams.CHOSEN_WAREHOUSE, CATALOG, SCHEMA))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              String sql = EXPLAINED.of(args).strip();
              if (sql.toUpperCase(java.util.Locale.ROOT).startsWith("EXPLAIN")) {
                throw ToolException.validation(
                    "statement", "give the statement itself; explain_sql adds EXPLAIN");
              }
              // EXPLAIN runs nothing, but the plan of a write is not ours to ask for in a read-only
              // tool
              SqlGuard.checkExplainable("statement", sql, settings.allowOutboundFunctions());
              WorkspaceClient w = ctx.workspace();
              WarehouseChooser.Choice warehouse =
                  WarehouseChooser.choose(
                      w, SqlParams.CHOSEN_WAREHOUSE.of(args), settings.defaultWarehouseId());
              ExecuteStatementRequest req =
                  new ExecuteStatementRequest()
                      .setStatement("EXPLAIN " + sql)
                      .setWarehouseId(warehouse.id());
              CATALOG.optional(args).ifPresent(req::setCatalog);
              SCHEMA.optional(args).ifPresent(req::setSchema);
              StatementPoller.Polled polled =
                  StatementPoller.run(w, req, settings.timeout(), true, ctx);
              if (!polled.known()) {
                throw polled
                    .failure(); // EXPLAIN changes nothing: the plain error is the whole story
              }
              StatementResponse r = polled.last();
              if (r.getStatus().getState() == StatementState.FAILED) {
                throw StatementResults.failure(r);
              }
              if (r.getStatus().getState() != StatementState.SUCCEEDED) {
                throw new ToolException(
                    ErrorCode.TIMEOUT, "EXPLAIN did not finish in time; it was cancelled.");
              }
              ResultPage page = ResultPage.read(w, r, 0, 1000, settings.maxBytes());
              StringBuilder plan = new StringBuilder();
              for (List<Object> row : page.rows()) {
                for (Object v : row) {
                  if (v != null) {
                    plan.append(v).append('\n');
                  }
                }
              }
              return new ToolResult(
                  Map.of("plan", plan.toString().strip(), "warehouse_id", warehouse.id()),
                  null,
                  "Query plan",
                  plan.toString().strip());
            })
        .build();
  }
}
