package dev.databricksmcp.server.tools.catalog;

import com.databricks.sdk.service.catalog.CatalogInfo;
import com.databricks.sdk.service.catalog.DeleteTableRequest;
import com.databricks.sdk.service.catalog.GetTableRequest;
import com.databricks.sdk.service.catalog.ListCatalogsRequest;
import com.databricks.sdk.service.catalog.ListSummariesRequest;
import com.databricks.sdk.service.catalog.ListTableSummariesResponse;
import com.databricks.sdk.service.catalog.ListTablesRequest;
import com.databricks.sdk.service.catalog.ListTablesResponse;
import com.databricks.sdk.service.catalog.TableInfo;
import com.databricks.sdk.service.catalog.TableSummary;
import dev.databricksmcp.server.core.ConfirmationTarget;
import dev.databricksmcp.server.core.Names;
import dev.databricksmcp.server.core.Pages;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Tables: list, get (everything about one table in one call), search across catalogs, delete. */
public final class TableTools {
  private static final int SEARCH_CATALOG_LIMIT = 50;

  private TableTools() {}

  public static List<ToolDef> definitions(MetadataCache cache) {
    return List.of(list(cache), get(cache), search(), delete());
  }

  static ToolDef list(MetadataCache cache) {
    return ToolDef.builder(CatalogToolset.ID, "list_tables")
        .title("List tables")
        .description(
            "Tables and views of a schema: name, type, owner, comment, last update (detail=true for"
                + " columns and all fields). name_pattern filters by name with SQL LIKE wildcards"
                + " (% and _).")
        .input(
            Schema.object()
                .string("catalog_name", "Catalog", true)
                .string("schema_name", "Schema", true)
                .string("name_pattern", "Only names matching, e.g. 'fact_%'", false)
                .bool("detail", "Return every field, columns included")
                .paging(Pages.DEFAULT_MAX_RESULTS, Pages.MAX_RESULTS_LIMIT))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              String catalog = Names.part("catalog_name", args.string("catalog_name"));
              String schema = Names.part("schema_name", args.string("schema_name"));
              if (args.has("name_pattern")) {
                ListSummariesRequest req =
                    new ListSummariesRequest()
                        .setCatalogName(catalog)
                        .setSchemaNamePattern(schema)
                        .setTableNamePattern(pattern(args.string("name_pattern")))
                        .setMaxResults((long) Pages.maxResults(args));
                args.optionalString("page_token").ifPresent(req::setPageToken);
                ListTableSummariesResponse page =
                    ctx.workspace().tables().impl().listSummaries(req);
                List<Object> rows = new ArrayList<>();
                if (page.getTables() != null) {
                  page.getTables()
                      .forEach(
                          t ->
                              rows.add(
                                  Map.of(
                                      "name",
                                      t.getFullName(),
                                      "type",
                                      String.valueOf(t.getTableType()))));
                }
                return Pages.page("tables", rows, page.getNextPageToken());
              }
              boolean detail = args.bool("detail", false);
              ListTablesRequest req =
                  new ListTablesRequest()
                      .setCatalogName(catalog)
                      .setSchemaName(schema)
                      .setMaxResults((long) Pages.maxResults(args))
                      .setOmitColumns(!detail);
              args.optionalString("page_token").ifPresent(req::setPageToken);
              ListTablesResponse page =
                  cache.get(
                      ctx,
                      "tables\n"
                          + catalog
                          + "."
                          + schema
                          + "\n"
                          + detail
                          + "\n"
                          + req.getMaxResults()
                          + "\n"
                          + req.getPageToken(),
                      () -> ctx.workspace().tables().impl().list(req));
              List<Object> rows = new ArrayList<>();
              if (page.getTables() != null) {
                page.getTables().forEach(t -> rows.add(detail ? t : CatalogRows.table(t)));
              }
              return Pages.page("tables", rows, page.getNextPageToken());
            })
        .build();
  }

  /** A name pattern for the summaries API; only letters, digits, _ and the wildcards. */
  private static String pattern(String raw) {
    String p = raw.trim().replace('*', '%');
    if (!p.matches("[A-Za-z0-9_%.-]{1,255}")) {
      throw ToolException.validation(
          "name_pattern", "use letters, digits, '_', '-' and the wildcards % or *");
    }
    return p;
  }

  static ToolDef get(MetadataCache cache) {
    return ToolDef.builder(CatalogToolset.ID, "get_table")
        .title("Get table")
        .description(
            "Everything about one table: columns (name, type, nullable, comment), table type and"
                + " format, owner, comment, storage location, properties, partitioning,"
                + " created/updated.")
        .input(Schema.object().string("full_name", "catalog.schema.table", true))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              String name = Names.fullName("full_name", args.string("full_name"), 3);
              TableInfo t =
                  cache.get(
                      ctx,
                      "table\n" + name,
                      () ->
                          ctx.workspace()
                              .tables()
                              .get(new GetTableRequest().setFullName(Names.path(name))));
              int columns = t.getColumns() == null ? 0 : t.getColumns().size();
              return ToolResult.of(
                  CatalogRows.tableDetail(t),
                  "Table " + t.getFullName() + ": " + columns + " columns.");
            })
        .build();
  }

  static ToolDef search() {
    return ToolDef.builder(CatalogToolset.ID, "search_tables")
        .title("Search tables")
        .description(
            "Find tables by name across catalogs and schemas (substring or % / _ wildcards), best"
                + " matches first: exact name, then prefix, then contains. Limit to one catalog"
                + " with catalog_name.")
        .input(
            Schema.object()
                .string("query", "Part of a table name, or a pattern like 'sales_%'", true)
                .string("catalog_name", "Only this catalog", false)
                .integer("max_results", "At most this many matches (default 20)", 1, 200, false))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              String query = args.string("query").trim().toLowerCase(Locale.ROOT);
              String likePattern =
                  query.contains("%") || query.contains("_") || query.contains("*")
                      ? pattern(query)
                      : "%" + pattern(query) + "%";
              int max = args.integer("max_results", 20, 1, 200);
              List<String> catalogs = new ArrayList<>();
              if (args.has("catalog_name")) {
                catalogs.add(Names.part("catalog_name", args.string("catalog_name")));
              } else {
                for (CatalogInfo c : ctx.workspace().catalogs().list(new ListCatalogsRequest())) {
                  if (catalogs.size() >= SEARCH_CATALOG_LIMIT) {
                    break;
                  }
                  catalogs.add(c.getName());
                }
              }
              List<TableSummary> found = new ArrayList<>();
              for (String catalog : catalogs) {
                for (TableSummary s :
                    ctx.workspace()
                        .tables()
                        .listSummaries(
                            new ListSummariesRequest()
                                .setCatalogName(catalog)
                                .setTableNamePattern(likePattern)
                                .setMaxResults(1000L))) {
                  found.add(s);
                  if (found.size() >= 5_000) {
                    break;
                  }
                }
              }
              String bare = query.replace("%", "").replace("*", "");
              found.sort(
                  Comparator.comparingInt((TableSummary s) -> rank(s.getFullName(), bare))
                      .thenComparing(TableSummary::getFullName));
              List<Object> rows = new ArrayList<>();
              for (TableSummary s : found.subList(0, Math.min(max, found.size()))) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("full_name", s.getFullName());
                row.put("type", String.valueOf(s.getTableType()));
                rows.add(row);
              }
              String message =
                  found.size()
                      + " match(es) in "
                      + catalogs.size()
                      + " catalog(s)"
                      + (found.size() > max
                          ? "; showing the best " + max + " (narrow the query or raise max_results)"
                          : "")
                      + (catalogs.size() >= SEARCH_CATALOG_LIMIT
                          ? "; searched the first " + SEARCH_CATALOG_LIMIT + " catalogs only"
                          : "");
              return ToolResult.list(
                  Map.of("items", rows, "total_matches", found.size()), rows.size(), message);
            })
        .build();
  }

  private static int rank(String fullName, String query) {
    String name = fullName.substring(fullName.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    if (name.equals(query)) {
      return 0;
    }
    return name.startsWith(query) ? 1 : 2;
  }

  static ToolDef delete() {
    return ToolDef.builder(CatalogToolset.ID, "delete_table")
        .title("Delete table")
        .description("Drop a table or view. For managed tables the data is deleted too.")
        .input(Schema.object().string("full_name", "catalog.schema.table", true))
        .hints(ToolHints.destructive(true))
        .checkWith("get_table")
        .confirmTarget(
            (args, ctx) -> {
              String name = Names.fullName("full_name", args.string("full_name"), 3);
              TableInfo t =
                  ctx.workspace().tables().get(new GetTableRequest().setFullName(Names.path(name)));
              return new ConfirmationTarget(
                  "drop "
                      + String.valueOf(t.getTableType()).toLowerCase(Locale.ROOT)
                      + " table '"
                      + name
                      + "' in "
                      + ctx.workspaceHost(),
                  name + "|" + t.getTableId() + "|" + t.getCreatedAt());
            })
        .handler(
            (args, ctx) -> {
              String name = Names.fullName("full_name", args.string("full_name"), 3);
              ctx.workspace()
                  .tables()
                  .delete(new DeleteTableRequest().setFullName(Names.path(name)));
              return ToolResult.of(
                  Map.of("full_name", name, "deleted", true), "Deleted table " + name + ".");
            })
        .build();
  }
}
