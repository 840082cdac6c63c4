package dev.databricksmcp.server.tools.sql;

import com.databricks.sdk.service.sql.GetQueryRequest;
import com.databricks.sdk.service.sql.ListQueriesRequest;
import com.databricks.sdk.service.sql.ListQueryObjectsResponse;
import com.databricks.sdk.service.sql.ListQueryObjectsResponseQuery;
import com.databricks.sdk.service.sql.Query;
import dev.databricksmcp.server.core.Params;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.patterns.Listing;
import dev.databricksmcp.server.core.patterns.Lookup;
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
    Listing<ListQueryObjectsResponseQuery> listing =
        Listing.of(
                "saved queries",
                (page, args, ctx) -> {
                  ListQueryObjectsResponse r =
                      ctx.workspace()
                          .queries()
                          .impl()
                          .list(
                              new ListQueriesRequest()
                                  .setPageSize((long) page.maxResults())
                                  .setPageToken(page.pageToken()));
                  return Listing.Page.of(r.getResults(), r.getNextPageToken());
                })
            .maxResults(Params.maxResults(Params.DEFAULT_MAX_RESULTS, 100))
            .rows(SavedQueryTools::row);
    return ToolDef.builder(SqlToolset.ID, "list_queries")
        .title("List saved queries")
        .description(
            "Saved SQL queries: id, name, owner, warehouse, last update, and the first part of the"
                + " text.")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  private static Map<String, Object> row(ListQueryObjectsResponseQuery q) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", q.getId());
    row.put("name", q.getDisplayName());
    row.put("owner", q.getOwnerUserName());
    row.put("warehouse_id", q.getWarehouseId());
    row.put("updated", q.getUpdateTime());
    String text = q.getQueryText();
    row.put(
        "query_text", text != null && text.length() > 200 ? text.substring(0, 200) + "…" : text);
    return row;
  }

  static ToolDef getQuery() {
    Lookup<Query> lookup =
        Lookup.of(
            Params.id("id", "Saved query id"),
            (id, ctx) -> ctx.workspace().queries().get(new GetQueryRequest().setId(id)),
            q -> "Saved query '" + q.getDisplayName() + "'.");
    return ToolDef.builder(SqlToolset.ID, "get_query")
        .title("Get saved query")
        .description(
            "One saved SQL query in full: text, description, parameters, warehouse, catalog/schema,"
                + " owner. Run it with execute_sql.")
        .input(lookup.input())
        .hints(ToolHints.read())
        .handler(lookup)
        .build();
  }
}
