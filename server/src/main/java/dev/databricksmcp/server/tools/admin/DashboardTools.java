package dev.databricksmcp.server.tools.admin;

import static dev.databricksmcp.server.tools.admin.AdminParams.NAME_CONTAINS;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.service.dashboards.Dashboard;
import com.databricks.sdk.service.dashboards.LifecycleState;
import com.databricks.sdk.service.dashboards.ListDashboardsRequest;
import com.databricks.sdk.service.dashboards.ListDashboardsResponse;
import com.databricks.sdk.service.dashboards.PublishRequest;
import com.databricks.sdk.service.dashboards.PublishedDashboard;
import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.ConfirmationTarget;
import dev.databricksmcp.server.core.ErrorCode;
import dev.databricksmcp.server.core.Names;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.patterns.Deletion;
import dev.databricksmcp.server.core.patterns.Listing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * AI/BI (Lakeview) dashboards: list, read one (its pages and datasets in words, never the raw
 * .lvdash.json), publish and unpublish, move to the trash (confirmed). Publishing, unpublishing and
 * trashing need CAN MANAGE on the dashboard; reading needs CAN READ.
 */
final class DashboardTools {
  /** Dashboard ids are 32 hex digits (e.g. 01f0d5a1b2c34e5f8a7b6c5d4e3f2a10). */
  private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

  static final Param<String> DASHBOARD_ID =
      Param.string("dashboard_id", "AI/BI dashboard id, 32 hex digits (list_dashboards)")
          .required()
          .checkedBy(DashboardTools::dashboardId);

  private static final Param<Boolean> INCLUDE_TRASHED =
      Param.bool("include_trashed", "Also list dashboards in the trash (state TRASHED)")
          .withDefault(false);

  private static final Param<String> WAREHOUSE_ID =
      Param.string(
              "warehouse_id",
              "SQL warehouse to run the published dashboard on (list_warehouses); by default the"
                  + " draft's")
          .checkedBy(Names::id);

  /** publish-dashboard.md: embed_credentials "Default: true". */
  private static final Param<Boolean> EMBED_CREDENTIALS =
      Param.bool(
              "embed_credentials",
              "true: viewers see the data with your credentials; false: each viewer's own data"
                  + " permissions apply")
          .withDefault(true);

  /** Pages of the API read to fill one name-filtered page before handing back the token. */
  private static final int MAX_FILTERED_PAGES = 20;

  private DashboardTools() {}

  static List<ToolDef> definitions() {
    return List.of(list(), get(), publish(), unpublish(), trash());
  }

  static ToolDef list() {
    Listing<Dashboard> listing =
        Listing.<Dashboard>of("dashboards", DashboardTools::page)
            .params(NAME_CONTAINS, INCLUDE_TRASHED)
            .rows(DashboardRows::row);
    return ToolDef.builder(AdminToolset.ID, "list_dashboards")
        .title("List AI/BI dashboards")
        .description(
            "AI/BI (Lakeview) dashboards: dashboard_id, name, state, warehouse_id, created_at."
                + " Narrow with name_contains; include_trashed adds those in the trash."
                + " get_dashboard shows one's pages and datasets.")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  /**
   * One page of the API; the name filter is applied here, so pages are read on until one holds a
   * match (or the API has no more), and the API's token is handed back: nothing is skipped.
   */
  private static Listing.Page<Dashboard> page(Listing.Request page, Args args, ToolContext ctx) {
    String name = NAME_CONTAINS.optional(args).map(DashboardTools::lower).orElse(null);
    List<Dashboard> rows = new ArrayList<>();
    String token = page.pageToken();
    int pages = 0;
    do {
      ListDashboardsResponse r =
          ctx.workspace()
              .lakeview()
              .impl()
              .list(
                  new ListDashboardsRequest()
                      .setPageSize((long) page.maxResults())
                      .setPageToken(token)
                      .setShowTrashed(INCLUDE_TRASHED.of(args) ? true : null));
      if (r.getDashboards() != null) {
        for (Dashboard d : r.getDashboards()) {
          if (name == null || lower(d.getDisplayName()).contains(name)) {
            rows.add(d);
          }
        }
      }
      token =
          r.getNextPageToken() == null || r.getNextPageToken().isEmpty()
              ? null
              : r.getNextPageToken();
    } while (rows.isEmpty() && token != null && name != null && ++pages < MAX_FILTERED_PAGES);
    return Listing.Page.of(rows, token);
  }

  static ToolDef get() {
    return ToolDef.builder(AdminToolset.ID, "get_dashboard")
        .title("Get AI/BI dashboard")
        .description(
            "One AI/BI dashboard: name, path, warehouse, state (ACTIVE or TRASHED), whether it"
                + " is published (warehouse, embedded credentials, when), its pages with each"
                + " widget's title, type and datasets, and its datasets with their SQL.")
        .input(Schema.of(DASHBOARD_ID))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              Dashboard d = ctx.workspace().lakeview().get(DASHBOARD_ID.of(args));
              PublishedDashboard p = publishedOrNull(ctx.workspace(), d);
              Map<String, Object> data = DashboardRows.detail(d, p);
              @SuppressWarnings("unchecked")
              int pages = ((List<Object>) data.get("pages")).size();
              @SuppressWarnings("unchecked")
              int datasets = ((List<Object>) data.get("datasets")).size();
              return ToolResult.of(
                  data,
                  "Dashboard '"
                      + d.getDisplayName()
                      + "' ("
                      + d.getLifecycleState()
                      + (p != null ? ", published" : ", not published")
                      + "): "
                      + pages
                      + " page(s), "
                      + DashboardSummary.widgetCount(d.getSerializedDashboard())
                      + " widget(s), "
                      + datasets
                      + " dataset(s).");
            })
        .build();
  }

  static ToolDef publish() {
    return ToolDef.builder(AdminToolset.ID, "publish_dashboard")
        .title("Publish AI/BI dashboard")
        .description(
            "Publish the dashboard's current draft (needs CAN MANAGE), as a new published"
                + " version: on the draft's warehouse or warehouse_id; embed_credentials (default"
                + " true) lets viewers see the data with your credentials.")
        .input(Schema.of(DASHBOARD_ID, WAREHOUSE_ID, EMBED_CREDENTIALS))
        .hints(ToolHints.write(false))
        .checkWith("get_dashboard")
        .handler(
            (args, ctx) -> {
              Dashboard d =
                  active(
                      ctx.workspace(),
                      DASHBOARD_ID.of(args),
                      "is in the trash: restore it in the workspace UI to publish it");
              String warehouse = WAREHOUSE_ID.optional(args).orElse(d.getWarehouseId());
              if (warehouse == null || warehouse.isEmpty()) {
                throw ToolException.validation(
                    WAREHOUSE_ID.name(),
                    "the dashboard has no warehouse of its own: give one (list_warehouses)");
              }
              boolean embed = EMBED_CREDENTIALS.of(args);
              PublishedDashboard p =
                  ctx.workspace()
                      .lakeview()
                      .publish(
                          new PublishRequest()
                              .setDashboardId(d.getDashboardId())
                              .setWarehouseId(warehouse)
                              .setEmbedCredentials(embed));
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("dashboard_id", d.getDashboardId());
              data.put("name", d.getDisplayName());
              data.put("published", DashboardRows.published(p));
              return ToolResult.of(
                  data,
                  "Published dashboard '"
                      + d.getDisplayName()
                      + "' on warehouse "
                      + p.getWarehouseId()
                      + (Boolean.FALSE.equals(p.getEmbedCredentials())
                          ? "; each viewer sees the data their own permissions allow."
                          : "; viewers see the data with your credentials."));
            })
        .build();
  }

  static ToolDef unpublish() {
    return ToolDef.builder(AdminToolset.ID, "unpublish_dashboard")
        .title("Unpublish AI/BI dashboard")
        .description(
            "Take the dashboard's published version down (needs CAN MANAGE); the draft stays."
                + " A dashboard that is not published is left as it is.")
        .input(Schema.of(DASHBOARD_ID))
        .hints(ToolHints.write(true))
        .checkWith("get_dashboard")
        .handler(
            (args, ctx) -> {
              Dashboard d = ctx.workspace().lakeview().get(DASHBOARD_ID.of(args));
              boolean was = true;
              try {
                ctx.workspace().lakeview().unpublish(d.getDashboardId());
              } catch (NotFound e) {
                // the dashboard was just read: what is not found is its published version
                was = false;
              }
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("dashboard_id", d.getDashboardId());
              data.put("name", d.getDisplayName());
              data.put("was_published", was);
              return ToolResult.of(
                  data,
                  was
                      ? "Unpublished dashboard '" + d.getDisplayName() + "'; its draft is kept."
                      : "Dashboard '" + d.getDisplayName() + "' was not published: nothing done.");
            })
        .build();
  }

  /** The dashboard to trash, read once for the confirmation and the trash. */
  private record Doomed(Dashboard dashboard, boolean published) {}

  static ToolDef trash() {
    Deletion<Doomed> deletion =
        Deletion.of(
            (args, ctx) -> {
              Dashboard d =
                  active(ctx.workspace(), DASHBOARD_ID.of(args), "is already in the trash");
              return new Doomed(d, publishedOrNull(ctx.workspace(), d) != null);
            },
            (t, args, ctx) ->
                ConfirmationTarget.reversible(
                    "move dashboard '"
                        + t.dashboard().getDisplayName()
                        + "' ("
                        + t.dashboard().getPath()
                        + ")"
                        + (t.published() ? ", unpublishing it," : "")
                        + " to the trash in "
                        + ctx.workspaceHost()
                        + " (the workspace UI can restore it from the trash)",
                    t.dashboard().getDashboardId() + "|" + t.dashboard().getEtag()),
            (t, args, ctx) -> {
              Dashboard d = t.dashboard();
              ctx.workspace().lakeview().trash(d.getDashboardId());
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("dashboard_id", d.getDashboardId());
              data.put("name", d.getDisplayName());
              data.put("state", LifecycleState.TRASHED.name());
              data.put("was_published", t.published());
              return ToolResult.of(
                  data,
                  "Moved dashboard '"
                      + d.getDisplayName()
                      + "' to the trash"
                      + (t.published() ? "; it is no longer published." : "."));
            });
    return ToolDef.builder(AdminToolset.ID, "trash_dashboard")
        .title("Trash AI/BI dashboard")
        .description(
            "Move a dashboard to the trash (needs CAN MANAGE): it is unpublished, leaves"
                + " list_dashboards and can be restored from the trash in the workspace UI. The"
                + " confirmation names it.")
        .input(Schema.of(DASHBOARD_ID))
        .hints(ToolHints.destructive(false))
        .checkWith("list_dashboards")
        .confirmTarget(deletion)
        .handler(deletion)
        .build();
  }

  /** The dashboard when it is not in the trash; CONFLICT saying so when it is. */
  private static Dashboard active(WorkspaceClient w, String id, String ifTrashed) {
    Dashboard d = w.lakeview().get(id);
    if (d.getLifecycleState() == LifecycleState.TRASHED) {
      throw new ToolException(
          ErrorCode.CONFLICT, "Dashboard '" + d.getDisplayName() + "' " + ifTrashed + ".");
    }
    return d;
  }

  /** Its published version, or null when it has none (the API answers 404). */
  private static PublishedDashboard publishedOrNull(WorkspaceClient w, Dashboard d) {
    if (d.getLifecycleState() == LifecycleState.TRASHED) {
      return null; // trashing a dashboard unpublishes it
    }
    try {
      return w.lakeview().getPublished(d.getDashboardId());
    } catch (NotFound e) {
      return null;
    }
  }

  private static String dashboardId(String field, String value) {
    String id = value.trim().toLowerCase(Locale.ROOT);
    if (!ID.matcher(id).matches()) {
      throw ToolException.validation(
          field,
          "'"
              + (value.length() > 40 ? value.substring(0, 40) + "…" : value)
              + "' is not a dashboard id: 32 hex digits, as list_dashboards shows them");
    }
    return id;
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }
}
