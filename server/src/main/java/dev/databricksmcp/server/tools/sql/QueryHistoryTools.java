package dev.databricksmcp.server.tools.sql;

import com.databricks.sdk.service.iam.ListUsersRequest;
import com.databricks.sdk.service.iam.User;
import com.databricks.sdk.service.sql.ListQueriesResponse;
import com.databricks.sdk.service.sql.ListQueryHistoryRequest;
import com.databricks.sdk.service.sql.QueryFilter;
import com.databricks.sdk.service.sql.QueryInfo;
import com.databricks.sdk.service.sql.QueryStatus;
import com.databricks.sdk.service.sql.TimeRange;
import dev.databricksmcp.server.core.Names;
import dev.databricksmcp.server.core.Pages;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * list_query_history: what ran on the SQL warehouses, filtered by user, warehouse, status and time.
 */
public final class QueryHistoryTools {
  private static final List<String> STATUSES =
      List.of("QUEUED", "RUNNING", "FINISHED", "FAILED", "CANCELED");

  private QueryHistoryTools() {}

  public static List<ToolDef> definitions() {
    return List.of(listQueryHistory());
  }

  static ToolDef listQueryHistory() {
    return ToolDef.builder(SqlToolset.ID, "list_query_history")
        .title("List query history")
        .description(
            "Recent statements run on SQL warehouses, newest first: text (cut), user, status,"
                + " duration, rows, error. Filter by user (name or id), warehouse, status and start"
                + " time range.")
        .input(
            Schema.object()
                .string("user", "User name (e-mail) or numeric user id", false)
                .string("warehouse_id", "Only this warehouse", false)
                .enumeration("status", "Only this status", STATUSES, false)
                .string(
                    "start_time", "Queries started at or after (ISO-8601 or epoch millis)", false)
                .string(
                    "end_time", "Queries started at or before (ISO-8601 or epoch millis)", false)
                .paging(25, 1000))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              QueryFilter filter = new QueryFilter();
              boolean filtered = false;
              if (args.has("user")) {
                filter.setUserIds(List.of(userId(ctx, args.string("user"))));
                filtered = true;
              }
              if (args.has("warehouse_id")) {
                filter.setWarehouseIds(
                    List.of(Names.id("warehouse_id", args.string("warehouse_id"))));
                filtered = true;
              }
              if (args.has("status")) {
                filter.setStatuses(
                    List.of(QueryStatus.valueOf(args.choice("status", STATUSES).orElseThrow())));
                filtered = true;
              }
              if (args.has("start_time") || args.has("end_time")) {
                TimeRange range = new TimeRange();
                args.optionalString("start_time")
                    .ifPresent(t -> range.setStartTimeMs(millis("start_time", t)));
                args.optionalString("end_time")
                    .ifPresent(t -> range.setEndTimeMs(millis("end_time", t)));
                filter.setQueryStartTimeRange(range);
                filtered = true;
              }
              ListQueryHistoryRequest req =
                  new ListQueryHistoryRequest()
                      .setMaxResults((long) args.integer("max_results", 25, 1, 1000));
              if (filtered) {
                req.setFilterBy(filter);
              }
              args.optionalString("page_token").ifPresent(req::setPageToken);
              ListQueriesResponse page = ctx.workspace().queryHistory().list(req);
              List<Map<String, Object>> rows = new ArrayList<>();
              if (page.getRes() != null) {
                for (QueryInfo q : page.getRes()) {
                  rows.add(row(q));
                }
              }
              return Pages.page(
                  "queries",
                  rows,
                  Boolean.FALSE.equals(page.getHasNextPage()) ? null : page.getNextPageToken());
            })
        .build();
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

  private static long millis(String field, String value) {
    if (value.matches("\\d{10,}")) {
      return Long.parseLong(value);
    }
    try {
      return Instant.parse(value).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw ToolException.validation(
          field, "must be ISO-8601 (2026-01-31T12:00:00Z) or epoch milliseconds");
    }
  }
}
