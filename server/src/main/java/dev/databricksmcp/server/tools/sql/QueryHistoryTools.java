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
  private static final List<String> STATUSES =
      List.of("QUEUED", "RUNNING", "FINISHED", "FAILED", "CANCELED");

  private static final Param<String> USER =
      Param.string("user", "User name (e-mail) or numeric user id");

  private static final Param<String> WAREHOUSE =
      SqlParams.WAREHOUSE_ID.optional().describedAs("Only this warehouse");

  private static final Param<String> STATUS = Param.choice("status", "Only this status", STATUSES);

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
            .params(USER, WAREHOUSE, STATUS, START_TIME, END_TIME)
            .maxResults(Params.maxResults(25, 1000))
            .rows(QueryHistoryTools::row);
    return ToolDef.builder(SqlToolset.ID, "list_query_history")
        .title("List query history")
        .description(
            "Recent statements run on SQL warehouses, newest first: text (cut), user, status,"
                + " duration, rows, error. Filter by user (name or id), warehouse, status and start"
                + " time range.")
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
      filter.setWarehouseIds(List.of(WAREHOUSE.of(args)));
      filtered = true;
    }
    if (STATUS.given(args)) {
      filter.setStatuses(List.of(QueryStatus.valueOf(STATUS.of(args))));
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

  private static Map<String, Object> row(QueryInfo q) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("query_id", q.getQueryId());
    out.put("status", String.valueOf(q.getStatus()));
    out.put("user", q.getUserName());
    out.put("warehouse_id", q.getWarehouseId());
    out.put(
        "start_time",
        q.getQueryStartTimeMs() == null
            ? null
            : Instant.ofEpochMilli(q.getQueryStartTimeMs()).toString());
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
