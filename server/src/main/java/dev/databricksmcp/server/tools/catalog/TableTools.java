package dev.databricksmcp.server.tools.catalog;

import static dev.databricksmcp.server.tools.catalog.CatalogParams.CATALOG_NAME;
import static dev.databricksmcp.server.tools.catalog.CatalogParams.SCHEMA_NAME;
import static dev.databricksmcp.server.tools.catalog.CatalogParams.TABLE_FULL_NAME;

import com.databricks.sdk.service.catalog.CatalogInfo;
import com.databricks.sdk.service.catalog.DeleteTableRequest;
import com.databricks.sdk.service.catalog.GetTableRequest;
import com.databricks.sdk.service.catalog.ListCatalogsRequest;
import com.databricks.sdk.service.catalog.ListSchemasRequest;
import com.databricks.sdk.service.catalog.ListSchemasResponse;
import com.databricks.sdk.service.catalog.ListSummariesRequest;
import com.databricks.sdk.service.catalog.ListTableSummariesResponse;
import com.databricks.sdk.service.catalog.ListTablesRequest;
import com.databricks.sdk.service.catalog.ListTablesResponse;
import com.databricks.sdk.service.catalog.SchemaInfo;
import com.databricks.sdk.service.catalog.TableInfo;
import dev.databricksmcp.server.core.ConfirmationTarget;
import dev.databricksmcp.server.core.Counted;
import dev.databricksmcp.server.core.Names;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Params;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
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
      Params.namePattern("name_pattern", "Only names matching, e.g. 'fact_%'");

  private static final Param<String> QUERY =
      Param.string(
              "query",
              "Words to find in table names, column names and comments; several terms separated"
                  + " by spaces or | match any (e.g. 'order customer'); % or * as wildcards in a"
                  + " name ('sales_%')")
          .required();

  private static final Param<Boolean> COLUMNS =
      Param.bool("columns", "Also list every column (name, type) of each match").withDefault(false);

  /** Tables read at most per search; beyond, the message says to narrow it to a catalog. */
  private static final int SEARCH_TABLE_LIMIT = 20_000;

  /** Page size of the schema and table reads a search makes. */
  private static final int SEARCH_PAGE = 1000;

  private static final Param<Integer> MATCHES =
      Params.maxResults(20, 200).describedAs("At most this many matches (default {default})");

  private TableTools() {}

  public static List<ToolDef> definitions(MetadataCache cache) {
    return List.of(list(cache), get(cache), search(cache), delete());
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

  static ToolDef search(MetadataCache cache) {
    return ToolDef.builder(CatalogToolset.ID, "search_tables")
        .title("Search tables")
        .description(
            "Find tables across catalogs and schemas by name, column names and comment. Several"
                + " terms (\"order customer\" or \"order|customer\") match any, best matches"
                + " first: exact name, name prefix, name contains, then columns, then comment; more"
                + " terms matched rank higher. Rows are list_tables' fields with matched_in and"
                + " matched_columns; columns=true adds every column. Limit to one catalog with"
                + " catalog_name.")
        .input(
            Schema.of(
                QUERY, CATALOG_NAME.optional().describedAs("Only this catalog"), COLUMNS, MATCHES))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              List<TableSearch.Term> terms = TableSearch.terms(QUERY.name(), QUERY.of(args));
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
              List<TableSearch.Match> found = new ArrayList<>();
              int scanned = 0;
              scan:
              for (String catalog : catalogs) {
                for (String schema : schemas(cache, ctx, catalog)) {
                  String token = null;
                  do {
                    ListTablesResponse page = tablesPage(cache, ctx, catalog, schema, token);
                    if (page.getTables() != null) {
                      for (TableInfo t : page.getTables()) {
                        TableSearch.Match m = TableSearch.score(t, terms);
                        if (m != null) {
                          found.add(m);
                        }
                        if (++scanned >= SEARCH_TABLE_LIMIT) {
                          break scan;
                        }
                      }
                    }
                    token = page.getNextPageToken();
                  } while (token != null && !token.isEmpty());
                }
              }
              found.sort(
                  Comparator.comparingInt((TableSearch.Match m) -> -m.score())
                      .thenComparing(m -> m.table().getFullName()));
              boolean withColumns = COLUMNS.of(args);
              List<Object> rows = new ArrayList<>();
              for (TableSearch.Match m : found.subList(0, Math.min(max, found.size()))) {
                rows.add(TableSearch.row(m, withColumns));
              }
              String message =
                  Counted.of(found.size(), "match", "matches")
                      + " in "
                      + Counted.of(catalogs.size(), "catalog")
                      + (found.size() > max
                          ? "; showing the best " + max + " (narrow the query or raise max_results)"
                          : "")
                      + (catalogs.size() >= SEARCH_CATALOG_LIMIT
                          ? "; searched the first " + SEARCH_CATALOG_LIMIT + " catalogs only"
                          : "")
                      + (scanned >= SEARCH_TABLE_LIMIT
                          ? "; stopped after "
                              + SEARCH_TABLE_LIMIT
                              + " tables (give catalog_name to search the rest)"
                          : "")
                      + ".";
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("items", rows);
              data.put("total_matches", found.size());
              return ToolResult.list(data, rows.size(), message);
            })
        .build();
  }

  /** A catalog's schemas, information_schema left out (it describes, it holds no data). */
  private static List<String> schemas(MetadataCache cache, ToolContext ctx, String catalog)
      throws Exception {
    List<String> out = new ArrayList<>();
    String token = null;
    do {
      String pageToken = token;
      ListSchemasResponse r =
          cache.get(
              ctx,
              new CacheKey.Schemas(catalog, SEARCH_PAGE, pageToken),
              () ->
                  ctx.workspace()
                      .schemas()
                      .impl()
                      .list(
                          new ListSchemasRequest()
                              .setCatalogName(catalog)
                              .setMaxResults((long) SEARCH_PAGE)
                              .setPageToken(pageToken)));
      if (r.getSchemas() != null) {
        for (SchemaInfo s : r.getSchemas()) {
          if (!"information_schema".equals(s.getName())) {
            out.add(s.getName());
          }
        }
      }
      token = r.getNextPageToken();
    } while (token != null && !token.isEmpty());
    return out;
  }

  /** One page of a schema's tables with their columns, through the list_tables cache. */
  private static ListTablesResponse tablesPage(
      MetadataCache cache, ToolContext ctx, String catalog, String schema, String token)
      throws Exception {
    return cache.get(
        ctx,
        new CacheKey.Tables(catalog, schema, true, SEARCH_PAGE, token),
        () ->
            ctx.workspace()
                .tables()
                .impl()
                .list(
                    new ListTablesRequest()
                        .setCatalogName(catalog)
                        .setSchemaName(schema)
                        .setMaxResults((long) SEARCH_PAGE)
                        .setOmitColumns(false)
                        .setPageToken(token)));
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
