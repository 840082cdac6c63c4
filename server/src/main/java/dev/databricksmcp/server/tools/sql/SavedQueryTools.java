package dev.databricksmcp.server.tools.sql;

import com.databricks.sdk.service.sql.GetQueryRequest;
import com.databricks.sdk.service.sql.ListQueriesRequest;
import com.databricks.sdk.service.sql.ListQueryObjectsResponse;
import com.databricks.sdk.service.sql.ListQueryObjectsResponseQuery;
import com.databricks.sdk.service.sql.Query;
import com.databricks.sdk.service.sql.QueryParameter;
import dev.databricksmcp.server.core.Params;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.patterns.Listing;
import dev.databricksmcp.server.core.patterns.Lookup;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
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

  /**
   * A list row: what a model needs to pick a query. get_query answers the same fields (the whole
   * text), then more.
   */
  private static Map<String, Object> row(ListQueryObjectsResponseQuery q) {
    return row(
        q.getId(),
        q.getDisplayName(),
        q.getOwnerUserName(),
        q.getWarehouseId(),
        q.getUpdateTime(),
        cut(q.getQueryText()));
  }

  private static Map<String, Object> row(
      String id, String name, String owner, String warehouse, String updated, String text) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("name", name);
    row.put("owner", owner);
    row.put("warehouse_id", warehouse);
    row.put("updated_at", iso(updated));
    row.put("query_text", text);
    return row;
  }

  /** get_query: the row's fields with the whole text, then description, defaults, parameters. */
  static Map<String, Object> detail(Query q) {
    Map<String, Object> out =
        row(
            q.getId(),
            q.getDisplayName(),
            q.getOwnerUserName(),
            q.getWarehouseId(),
            q.getUpdateTime(),
            q.getQueryText());
    out.put("description", q.getDescription());
    out.put("catalog", q.getCatalog());
    out.put("schema", q.getSchema());
    out.put("created_at", iso(q.getCreateTime()));
    out.put("last_modifier", q.getLastModifierUserName());
    out.put("state", q.getLifecycleState() == null ? null : q.getLifecycleState().toString());
    out.put("run_as_mode", q.getRunAsMode() == null ? null : q.getRunAsMode().toString());
    out.put("apply_auto_limit", q.getApplyAutoLimit());
    if (q.getTags() != null && !q.getTags().isEmpty()) {
      out.put("tags", List.copyOf(q.getTags()));
    }
    List<Map<String, Object>> parameters = new ArrayList<>();
    if (q.getParameters() != null) {
      for (QueryParameter p : q.getParameters()) {
        parameters.add(parameter(p));
      }
    }
    out.put("parameters", parameters);
    return out;
  }

  /** A query parameter: name, title, type and default value, whatever kind of value it has. */
  private static Map<String, Object> parameter(QueryParameter p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", p.getName());
    out.put("title", p.getTitle());
    if (p.getTextValue() != null) {
      out.put("type", "text");
      out.put("value", p.getTextValue().getValue());
    } else if (p.getNumericValue() != null) {
      out.put("type", "number");
      out.put("value", p.getNumericValue().getValue());
    } else if (p.getEnumValue() != null) {
      out.put("type", "enum");
      out.put("value", p.getEnumValue().getValues());
      out.put("options", p.getEnumValue().getEnumOptions());
    } else if (p.getQueryBackedValue() != null) {
      out.put("type", "query");
      out.put("value", p.getQueryBackedValue().getValues());
      out.put("options_query_id", p.getQueryBackedValue().getQueryId());
    } else if (p.getDateValue() != null) {
      out.put("type", "date");
      out.put(
          "value",
          p.getDateValue().getDateValue() != null
              ? p.getDateValue().getDateValue()
              : String.valueOf(p.getDateValue().getDynamicDateValue()));
    } else if (p.getDateRangeValue() != null) {
      out.put("type", "date_range");
      var range = p.getDateRangeValue().getDateRangeValue();
      out.put(
          "value",
          range != null
              ? Map.of(
                  "start", String.valueOf(range.getStart()), "end", String.valueOf(range.getEnd()))
              : String.valueOf(p.getDateRangeValue().getDynamicDateRangeValue()));
    }
    return out;
  }

  private static String cut(String text) {
    return text != null && text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }

  /**
   * The API's timestamp (RFC 3339, e.g. {@code 2019-08-24T14:15:22Z}, perhaps with an offset) in
   * UTC with a Z; as given when it does not parse.
   */
  static String iso(String timestamp) {
    if (timestamp == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(timestamp).toInstant().toString();
    } catch (DateTimeParseException e) {
      return timestamp;
    }
  }

  static ToolDef getQuery() {
    Lookup<Query> lookup =
        Lookup.of(
                Params.id("id", "Saved query id"),
                (id, ctx) -> ctx.workspace().queries().get(new GetQueryRequest().setId(id)),
                q -> "Saved query '" + q.getDisplayName() + "'.")
            .shape(SavedQueryTools::detail);
    return ToolDef.builder(SqlToolset.ID, "get_query")
        .title("Get saved query")
        .description(
            "One saved SQL query: the fields of list_queries with the whole text, then"
                + " description, catalog/schema, parameters (name, type, default value), created_at."
                + " Run it with execute_sql.")
        .input(lookup.input())
        .hints(ToolHints.read())
        .handler(lookup)
        .build();
  }
}
