package dev.databricksmcp.server.tools.sql;

import com.databricks.sdk.service.sql.GetQueryRequest;
import com.databricks.sdk.service.sql.ListQueriesRequest;
import com.databricks.sdk.service.sql.ListQueryObjectsResponse;
import com.databricks.sdk.service.sql.ListQueryObjectsResponseQuery;
import com.databricks.sdk.service.sql.Query;
import dev.databricksmcp.server.core.Names;
import dev.databricksmcp.server.core.Pages;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** list_queries and get_query: the workspace's saved SQL queries. */
public final class SavedQueryTools {
  private SavedQueryTools() {}

  public static List<ToolDef> definitions() {
    return List.of(listQueries(), getQuery());
  }

  static ToolDef listQueries() {
    return ToolDef.builder(SqlToolset.ID, "list_queries")
        .title("List saved queries")
        .description(
            "Saved SQL queries: id, name, owner, warehouse, last update, and the first part of the"
                + " text.")
        .input(Schema.object().paging(Pages.DEFAULT_MAX_RESULTS, 100))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              ListQueriesRequest req =
                  new ListQueriesRequest()
                      .setPageSize(
                          (long) args.integer("max_results", Pages.DEFAULT_MAX_RESULTS, 1, 100));
              args.optionalString("page_token").ifPresent(req::setPageToken);
              ListQueryObjectsResponse page = ctx.workspace().queries().impl().list(req);
              List<Map<String, Object>> rows = new ArrayList<>();
              if (page.getResults() != null) {
                for (ListQueryObjectsResponseQuery q : page.getResults()) {
                  Map<String, Object> row = new LinkedHashMap<>();
                  row.put("id", q.getId());
                  row.put("name", q.getDisplayName());
                  row.put("owner", q.getOwnerUserName());
                  row.put("warehouse_id", q.getWarehouseId());
                  row.put("updated", q.getUpdateTime());
                  String text = q.getQueryText();
                  row.put(
                      "query_text",
                      text != null && text.length() > 200 ? text.substring(0, 200) + "…" : text);
                  rows.add(row);
                }
              }
              return Pages.page("saved queries", rows, page.getNextPageToken());
            })
        .build();
  }

  static ToolDef getQuery() {
    return ToolDef.builder(SqlToolset.ID, "get_query")
        .title("Get saved query")
        .description(
            "One saved SQL query in full: text, description, parameters, warehouse, catalog/schema,"
                + " owner. Run it with execute_sql.")
        .input(Schema.object().string("id", "Saved query id", true))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              Query q =
                  ctx.workspace()
                      .queries()
                      .get(new GetQueryRequest().setId(Names.id("id", args.string("id"))));
              return ToolResult.of(q, "Saved query '" + q.getDisplayName() + "'.");
            })
        .build();
  }
}
