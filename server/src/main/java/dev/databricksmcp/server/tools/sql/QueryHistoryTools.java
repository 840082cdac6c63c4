package dev.databricksmcp.server.tools.sql;

import com.databricks.sdk.service.iam.ListUsersRequest;
import com.databricks.sdk.service.iam.User;
import com.databricks.sdk.service.sql.ListQueriesResponse;
import com.databricks.sdk.service.sql.ListQueryHistoryRequest;
import com.databricks.sdk.service.sql.QueryFilter;
import com.databricks.sdk.service.sql.QueryInfo;
import com.databricks.sdk.service.sql.QueryStatus;
import com.databricks.sdk.service.sql.TimeRange;
import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Params;
import dev.databricksmcp.server.core.Times;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.patterns.Listing;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * list_query_history: what ran on the SQL warehouses, filtered by user, warehouse, status and time.
 */
public final class QueryHistoryTools {
  /**
   * The states a call can filter by: the statement vocabulary of docs/OUTPUT.md, where Databricks'
   * history says FINISHED the tools say SUCCEEDED (either is accepted); QUEUED, RUNNING, FAILED and
   * CANCELED as the history API names them.
   */
  private static final List<String> STATES =
      List.of("QUEUED", "RUNNING", "SUCCEEDED", "FINISHED", "FAILED", "CANCELED");

  private static final Param<String> USER =
      Param.string("user", "User name (e-mail) or numeric user id");

  private static final Param<String> WAREHOUSE =
      SqlParams.WAREHOUSE_ID.optional().describedAs("Only this warehouse");

  private static final Param<String> STATE =
      Param.choice("state", "Only statements in this state (SUCCEEDED = FINISHED)", STATES);

  private static final Param<Instant> START_TIME =
      Param.time(
          "start_time",
          "Queries started at or after: ISO-8601, a date (2026-12-01 = midnight UTC) or epoch ms");

  private static final Param<Instant> END_TIME =
      Param.time(
          "end_time",
          "Queries started at or before: ISO-8601, a date (2026-12-01 = midnight UTC) or epoch ms");

  private QueryHistoryTools() {}

  public static List<ToolDef> definitions() {
    return List.of(listQueryHistory());
  }

  static ToolDef listQueryHistory() {
    Listing<QueryInfo> listing =
        Listing.of(
                "queries",
                (page, args, ctx) -> {
                  ListQueryHistoryRequest req =
                      new ListQueryHistoryRequest()
                          .setMaxResults((long) page.maxResults())
                          .setPageToken(page.pageToken());
                  QueryFilter filter = filter(args, ctx);
                  if (filter != null) {
                    req.setFilterBy(filter);
                  }
                  ListQueriesResponse r = ctx.workspace().queryHistory().list(req);
                  return Listing.Page.of(
                      r.getRes(),
                      Boolean.FALSE.equals(r.getHasNextPage()) ? null : r.getNextPageToken());
                })
            .params(USER, WAREHOUSE, STATE, START_TIME, END_TIME)
            .maxResults(Params.maxResults(25, 1000))
            .rows(QueryHistoryTools::row);
    return ToolDef.builder(SqlToolset.ID, "list_query_history")
        .title("List query history")
        .description(
            "Recent statements run on SQL warehouses, newest first: statement_id, state, text (cut),"
                + " user, start and end, duration, rows, error. Filter by user (name or id),"
                + " warehouse (id or name), state and start time range. States are those of"
                + " execute_sql: the history's FINISHED is said SUCCEEDED; QUEUED, RUNNING, FAILED"
                + " and CANCELED as the history names them.")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  /** The filter the call asks for; null when it gives none. */
  private static QueryFilter filter(Args args, ToolContext ctx) {
    QueryFilter filter = new QueryFilter();
    boolean filtered = false;
    if (USER.given(args)) {
      filter.setUserIds(List.of(userId(ctx, USER.of(args))));
      filtered = true;
    }
    if (WAREHOUSE.given(args)) {
      filter.setWarehouseIds(
          List.of(
              WarehouseResolver.resolve(ctx.workspace(), WAREHOUSE.name(), WAREHOUSE.of(args))));
      filtered = true;
    }
    if (STATE.given(args)) {
      filter.setStatuses(List.of(historyStatus(STATE.of(args))));
      filtered = true;
    }
    if (START_TIME.given(args) || END_TIME.given(args)) {
      TimeRange range = new TimeRange();
      START_TIME.optional(args).ifPresent(t -> range.setStartTimeMs(t.toEpochMilli()));
      END_TIME.optional(args).ifPresent(t -> range.setEndTimeMs(t.toEpochMilli()));
      filter.setQueryStartTimeRange(range);
      filtered = true;
    }
    return filtered ? filter : null;
  }

  /** The history's status for a state filter: SUCCEEDED is the history's FINISHED. */
  static QueryStatus historyStatus(String state) {
    return "SUCCEEDED".equals(state) ? QueryStatus.FINISHED : QueryStatus.valueOf(state);
  }

  /**
   * A history status in the statement vocabulary of execute_sql (docs/OUTPUT.md): FINISHED is
   * SUCCEEDED; the others (QUEUED, RUNNING, FAILED, CANCELED, and the COMPILING, COMPILED and
   * STARTED the API also knows) as the API names them.
   */
  static String state(QueryStatus status) {
    if (status == null) {
      return null;
    }
    return status == QueryStatus.FINISHED ? "SUCCEEDED" : status.toString();
  }

  private static Map<String, Object> row(QueryInfo q) {
    Map<String, Object> out = new LinkedHashMap<>();
    // The history's query_id is the statement's id: the id execute_sql answers for a statement of
    // the Statement Execution API, the one the history API filters by as filter_by.statement_ids,
    // and statement_id in system.query.history ("use this ID to find the statement execution in
    // the Query History UI": https://docs.databricks.com/en/admin/system-tables/query-history.html)
    out.put("statement_id", q.getQueryId());
    out.put("state", state(q.getStatus()));
    out.put("user", q.getUserName());
    out.put("warehouse_id", q.getWarehouseId());
    out.put("started_at", Times.iso(q.getQueryStartTimeMs()));
    out.put("ended_at", Times.iso(q.getQueryEndTimeMs()));
    out.put("duration_ms", q.getDuration());
    out.put("rows_produced", q.getRowsProduced());
    String text = q.getQueryText();
    out.put(
        "query_text", text != null && text.length() > 300 ? text.substring(0, 300) + "…" : text);
    if (q.getErrorMessage() != null) {
      out.put("error", q.getErrorMessage());
    }
    return out;
  }

  /** A numeric id as is; a user name looked up through SCIM. */
  private static long userId(ToolContext ctx, String user) {
    if (user.matches("\\d+")) {
      return Long.parseLong(user);
    }
    if (!user.matches("[^\"\\\\]+")) {
      throw ToolException.validation("user", "is not a valid user name");
    }
    for (User u :
        ctx.workspace()
            .users()
            .list(new ListUsersRequest().setFilter("userName eq \"" + user + "\""))) {
      return Long.parseLong(u.getId());
    }
    throw ToolException.notFound("User '" + user + "'");
  }
}
