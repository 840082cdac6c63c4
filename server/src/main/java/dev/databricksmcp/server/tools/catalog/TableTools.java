package dev.databricksmcp.server.tools.catalog;

import static dev.databricksmcp.server.tools.catalog.CatalogParams.CATALOG_NAME;
import static dev.databricksmcp.server.tools.catalog.CatalogParams.SCHEMA_NAME;
import static dev.databricksmcp.server.tools.catalog.CatalogParams.TABLE_FULL_NAME;

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
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Params;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.patterns.Deletion;
import dev.databricksmcp.server.core.patterns.Listing;
import dev.databricksmcp.server.core.patterns.Lookup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Tables: list, get (everything about one table in one call), search across catalogs, delete. */
public final class TableTools {
  private static final int SEARCH_CATALOG_LIMIT = 50;

  private static final Param<String> NAME_PATTERN =
      Param.string("name_pattern", "Only names matching, e.g. 'fact_%'")
          .checkedBy((field, value) -> pattern(value));

  private static final Param<String> QUERY =
      Param.string("query", "Part of a table name, or a pattern like 'sales_%'").required();

  private static final Param<Integer> MATCHES =
      Params.maxResults(20, 200).describedAs("At most this many matches (default {default})");

  private TableTools() {}

  public static List<ToolDef> definitions(MetadataCache cache) {
    return List.of(list(cache), get(cache), search(), delete());
  }

  static ToolDef list(MetadataCache cache) {
    Listing<TableInfo> listing =
        Listing.of(
                "tables",
                (page, args, ctx) -> {
                  String catalog = CATALOG_NAME.of(args);
                  String schema = SCHEMA_NAME.of(args);
                  if (NAME_PATTERN.given(args)) {
                    return matching(ctx, catalog, schema, NAME_PATTERN.of(args), page);
                  }
                  ListTablesResponse r =
                      cache.get(
                          ctx,
                          new CacheKey.Tables(
                              catalog, schema, page.detail(), page.maxResults(), page.pageToken()),
                          () ->
                              ctx.workspace()
                                  .tables()
                                  .impl()
                                  .list(
                                      new ListTablesRequest()
                                          .setCatalogName(catalog)
                                          .setSchemaName(schema)
                                          .setMaxResults((long) page.maxResults())
                                          .setOmitColumns(!page.detail())
                                          .setPageToken(page.pageToken())));
                  return Listing.Page.of(r.getTables(), r.getNextPageToken());
                })
            .params(CATALOG_NAME, SCHEMA_NAME, NAME_PATTERN)
            .compact(
                CatalogRows::table,
                CatalogRows::tableDetail,
                Params.DETAIL.describedAs(
                    "Add what get_table shows: columns, format, storage, properties, times"));
    return ToolDef.builder(CatalogToolset.ID, "list_tables")
        .title("List tables")
        .description(
            "Tables and views of a schema: name, full_name, type, owner, comment, updated_at"
                + " (detail=true adds columns and what get_table shows). name_pattern filters by"
                + " name with SQL LIKE wildcards (% and _) and returns the same fields.")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  /**
   * The tables whose names match {@code pattern}, as full rows like the unfiltered list: the
   * summaries API pages the matching names, and the schema's tables (one listing, with columns only
   * for detail) give their fields.
   */
  private static Listing.Page<TableInfo> matching(
      ToolContext ctx, String catalog, String schema, String pattern, Listing.Request page) {
    ListTableSummariesResponse r =
        ctx.workspace()
            .tables()
            .impl()
            .listSummaries(
                new ListSummariesRequest()
                    .setCatalogName(catalog)
                    .setSchemaNamePattern(schema)
                    .setTableNamePattern(pattern)
                    .setMaxResults((long) page.maxResults())
                    .setPageToken(page.pageToken()));
    List<String> names = new ArrayList<>();
    if (r.getTables() != null) {
      r.getTables().forEach(t -> names.add(t.getFullName()));
    }
    Map<String, TableInfo> found = new HashMap<>();
    if (!names.isEmpty()) {
      Set<String> wanted = new HashSet<>(names);
      for (TableInfo t :
          ctx.workspace()
              .tables()
              .list(
                  new ListTablesRequest()
                      .setCatalogName(catalog)
                      .setSchemaName(schema)
                      .setOmitColumns(!page.detail()))) {
        if (wanted.remove(t.getFullName())) {
          found.put(t.getFullName(), t);
        }
        if (wanted.isEmpty()) {
          break;
        }
      }
    }
    List<TableInfo> tables = new ArrayList<>();
    for (String name : names) {
      TableInfo t = found.get(name);
      if (t != null) {
        tables.add(t); // a table dropped between the two reads is left out
      }
    }
    return Listing.Page.of(tables, r.getNextPageToken());
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
    Lookup<TableInfo> lookup =
        Lookup.of(
                TABLE_FULL_NAME,
                (name, ctx) -> cache.get(ctx, new CacheKey.Table(name), () -> read(ctx, name)),
                (TableInfo t) ->
                    "Table "
                        + t.getFullName()
                        + ": "
                        + (t.getColumns() == null ? 0 : t.getColumns().size())
                        + " columns.")
            .shape(CatalogRows::tableDetail);
    return ToolDef.builder(CatalogToolset.ID, "get_table")
        .title("Get table")
        .description(
            "Everything about one table: the fields list_tables shows (name, full_name, type,"
                + " owner, comment, updated_at), columns (name, type, nullable, comment, position),"
                + " format, storage location, properties, partitioning, created_at.")
        .input(lookup.input())
        .hints(ToolHints.read())
        .handler(lookup)
        .build();
  }

  /** A table as the API has it now. */
  static TableInfo read(ToolContext ctx, String fullName) {
    return ctx.workspace().tables().get(new GetTableRequest().setFullName(Names.path(fullName)));
  }

  static ToolDef search() {
    return ToolDef.builder(CatalogToolset.ID, "search_tables")
        .title("Search tables")
        .description(
            "Find tables by name across catalogs and schemas (substring or % / _ wildcards), best"
                + " matches first: exact name, then prefix, then contains. Limit to one catalog"
                + " with catalog_name.")
        .input(Schema.of(QUERY, CATALOG_NAME.optional().describedAs("Only this catalog"), MATCHES))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              String query = QUERY.of(args).trim().toLowerCase(Locale.ROOT);
              String likePattern =
                  query.contains("%") || query.contains("_") || query.contains("*")
                      ? pattern(query)
                      : "%" + pattern(query) + "%";
              int max = MATCHES.of(args);
              List<String> catalogs = new ArrayList<>();
              if (CATALOG_NAME.given(args)) {
                catalogs.add(CATALOG_NAME.of(args));
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
    Deletion<TableInfo> deletion =
        Deletion.of(
            (args, ctx) -> read(ctx, TABLE_FULL_NAME.of(args)),
            (t, args, ctx) ->
                ConfirmationTarget.irreversible(
                    "drop "
                        + String.valueOf(t.getTableType()).toLowerCase(Locale.ROOT)
                        + " table '"
                        + t.getFullName()
                        + "' in "
                        + ctx.workspaceHost(),
                    t.getFullName() + "|" + t.getTableId() + "|" + t.getCreatedAt()),
            (t, args, ctx) -> {
              ctx.workspace()
                  .tables()
                  .delete(new DeleteTableRequest().setFullName(Names.path(t.getFullName())));
              return ToolResult.of(
                  Map.of("full_name", t.getFullName(), "deleted", true),
                  "Deleted table " + t.getFullName() + ".");
            });
    return ToolDef.builder(CatalogToolset.ID, "delete_table")
        .title("Delete table")
        .description("Drop a table or view. For managed tables the data is deleted too.")
        .input(Schema.of(TABLE_FULL_NAME))
        .hints(ToolHints.destructive(true))
        .checkWith("get_table")
        .confirmTarget(deletion)
        .handler(deletion)
        .build();
  }
}
