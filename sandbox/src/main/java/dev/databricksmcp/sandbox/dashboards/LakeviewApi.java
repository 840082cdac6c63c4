package dev.databricksmcp.sandbox.dashboards;

import com.databricks.sdk.service.dashboards.Dashboard;
import com.databricks.sdk.service.dashboards.DashboardView;
import com.databricks.sdk.service.dashboards.ListDashboardsResponse;
import com.databricks.sdk.service.dashboards.PublishRequest;
import com.databricks.sdk.service.workspace.ObjectType;
import dev.databricksmcp.sandbox.auth.Principal;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.ApiResponse;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.http.PageTokens;
import dev.databricksmcp.sandbox.http.Router;
import dev.databricksmcp.sandbox.sql.Warehouses;
import dev.databricksmcp.sandbox.workspace.WorkspaceObject;
import dev.databricksmcp.sandbox.workspace.WorkspacePaths;
import dev.databricksmcp.sandbox.workspace.WorkspaceTree;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Lakeview API (https://docs.databricks.com/api/lakeview/v1/dashboard.md, publish-dashboard.md)
 * for AI/BI dashboards: create, get, list, update, trash; publish, get the published revision,
 * unpublish. Where the reference is silent the sandbox chooses, and says so here:
 *
 * <ul>
 *   <li>list pages hold 100 dashboards unless {@code page_size} asks for fewer (at most 1000), in
 *       creation order; a negative page_size is INVALID_PARAMETER_VALUE;
 *   <li>an id that is not 32 hex digits is INVALID_PARAMETER_VALUE "invalid resource name
 *       [dashboards/…]" (the service's words for a malformed id; its status is the sandbox's
 *       choice);
 *   <li>a warehouse that does not exist, or a publish with no warehouse at all, is
 *       INVALID_PARAMETER_VALUE;
 *   <li>{@code serialized_dashboard} must be a JSON object; it is stored as the service stores it
 *       (each page given {@code pageType}, a trailing newline), with {@code dataset_catalog} and
 *       {@code dataset_schema} set on every dataset when asked.
 * </ul>
 */
final class LakeviewApi implements ApiModule {
  private static final String BASE = "/api/2.0/lakeview/dashboards";
  private static final String ONE = BASE + "/{dashboard_id}";
  private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
  private static final int PAGE_SIZE = 100;
  private static final int MAX_PAGE_SIZE = 1000;

  private final LakeviewDashboards dashboards;
  private final Warehouses warehouses;
  private final WorkspaceTree tree;

  LakeviewApi(LakeviewDashboards dashboards, Warehouses warehouses, WorkspaceTree tree) {
    this.dashboards = dashboards;
    this.warehouses = warehouses;
    this.tree = tree;
  }

  @Override
  public void register(Router router) {
    router.post(BASE, this::create);
    router.get(BASE, this::list);
    router.get(ONE, r -> dashboards.get(id(r)));
    router.patch(ONE, this::update);
    router.delete(
        ONE,
        r -> {
          dashboards.trash(id(r), r.principal());
          return ApiResponse.empty();
        });
    router.post(ONE + "/published", this::publish);
    router.get(ONE + "/published", r -> dashboards.published(id(r)));
    router.delete(
        ONE + "/published",
        r -> {
          dashboards.unpublish(id(r), r.principal());
          return ApiResponse.empty();
        });
  }

  /**
   * A draft in {@code parent_path} (the caller's home folder when absent, as the service does),
   * named {@code display_name}.lvdash.json there; the folder must exist and the caller may write in
   * it.
   */
  private Dashboard create(ApiRequest r) {
    Dashboard body = r.bodyAs(Dashboard.class);
    String name = displayName(body.getDisplayName());
    if (name == null) {
      throw ApiException.invalid("Missing required field: display_name");
    }
    String parent =
        WorkspacePaths.canonical(
            body.getParentPath() == null || body.getParentPath().isEmpty()
                ? "/Users/" + r.principal().userName()
                : body.getParentPath());
    WorkspaceObject folder =
        tree.find(parent)
            .filter(o -> o.type() == ObjectType.DIRECTORY)
            .orElseThrow(
                () ->
                    new ApiException(
                        ErrorCode.RESOURCE_DOES_NOT_EXIST, "Path (" + parent + ") doesn't exist."));
    requireWritable(r.principal(), folder.path());
    String path = parent + "/" + name + ".lvdash.json";
    if (tree.find(path).isPresent()) {
      throw new ApiException(
          ErrorCode.RESOURCE_ALREADY_EXISTS, 400, "Path (" + path + ") already exists.");
    }
    Dashboard draft =
        new Dashboard()
            .setDisplayName(name)
            .setParentPath(parent)
            .setPath(path)
            .setWarehouseId(warehouse(body.getWarehouseId()))
            .setSerializedDashboard(serialized(r, body.getSerializedDashboard()));
    return dashboards.create(draft, r.principal());
  }

  private ListDashboardsResponse list(ApiRequest r) {
    int size = r.intParam("page_size").orElse(0);
    if (size < 0) {
      throw ApiException.invalid("page_size must be greater than or equal to 0");
    }
    size = size == 0 ? PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE);
    r.queryParam("view")
        .filter(v -> !v.isEmpty())
        .ifPresent(
            v -> {
              if (!v.equals(DashboardView.DASHBOARD_VIEW_BASIC.name())) {
                throw ApiException.invalid("Invalid view " + v + ": DASHBOARD_VIEW_BASIC.");
              }
            });
    List<Dashboard> all = dashboards.list(r.boolParam("show_trashed"));
    int from = Math.min(r.queryParam("page_token").map(PageTokens::offset).orElse(0), all.size());
    int to = Math.min(all.size(), from + size);
    return new ListDashboardsResponse()
        .setDashboards(all.subList(from, to).stream().map(LakeviewApi::listed).toList())
        .setNextPageToken(to < all.size() ? PageTokens.of(to) : null);
  }

  /**
   * A list entry: path, parent_path, etag, update_time and serialized_dashboard "are excluded in
   * List Dashboards responses" (dashboard/object.md).
   */
  private static Dashboard listed(Dashboard d) {
    return new Dashboard()
        .setDashboardId(d.getDashboardId())
        .setDisplayName(d.getDisplayName())
        .setCreateTime(d.getCreateTime())
        .setWarehouseId(d.getWarehouseId())
        .setLifecycleState(d.getLifecycleState());
  }

  private Dashboard update(ApiRequest r) {
    String id = id(r);
    Dashboard body = r.bodyAs(Dashboard.class);
    Dashboard change =
        new Dashboard()
            .setEtag(body.getEtag())
            .setWarehouseId(warehouse(body.getWarehouseId()))
            .setSerializedDashboard(serialized(r, body.getSerializedDashboard()));
    if (body.getDisplayName() != null) {
      String name = displayName(body.getDisplayName());
      if (name == null) {
        throw ApiException.invalid("display_name must not be empty");
      }
      change.setDisplayName(name);
    }
    return dashboards.update(id, change, r.principal());
  }

  /**
   * Publishes the draft: embed_credentials defaults to true (publish-dashboard.md); without a
   * warehouse_id the draft's warehouse runs the published dashboard.
   */
  private Object publish(ApiRequest r) {
    String id = id(r);
    PublishRequest body = r.bodyAs(PublishRequest.class);
    String warehouse = warehouse(body.getWarehouseId());
    if (warehouse == null) {
      warehouse =
          dashboards
              .draftWarehouse(id)
              .orElseThrow(
                  () ->
                      ApiException.invalid(
                          "The dashboard has no warehouse: give warehouse_id to publish it."));
    }
    boolean embed = body.getEmbedCredentials() == null || body.getEmbedCredentials();
    return dashboards.publish(id, warehouse, embed, r.principal());
  }

  private static String id(ApiRequest r) {
    String id = r.pathVar("dashboard_id");
    if (!ID.matcher(id).matches()) {
      throw ApiException.invalid("invalid resource name [dashboards/" + id + "]");
    }
    return id;
  }

  /** A usable display name, or null when none was given. */
  private static String displayName(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    if (name.contains("/") || name.chars().anyMatch(Character::isISOControl)) {
      throw ApiException.invalid("display_name may not contain '/' or control characters.");
    }
    return name;
  }

  /** The warehouse id when it names a warehouse that exists; null when none was given. */
  private String warehouse(String id) {
    if (id == null || id.isEmpty()) {
      return null;
    }
    try {
      warehouses.get(id);
    } catch (ApiException e) {
      throw ApiException.invalid("Warehouse " + id + " does not exist.");
    }
    return id;
  }

  private static String serialized(ApiRequest r, String json) {
    if (json == null) {
      return null;
    }
    return SerializedDashboards.stored(
        json,
        r.queryParam("dataset_catalog").orElse(null),
        r.queryParam("dataset_schema").orElse(null));
  }

  /**
   * Who may create a dashboard in a folder, as a new workspace's folder permissions have it: admins
   * anywhere, a user in their home folder and in /Shared.
   */
  private static void requireWritable(Principal caller, String folder) {
    if (caller.admin()
        || WorkspacePaths.isWithin(folder, "/Shared")
        || WorkspacePaths.isWithin(folder, "/Users/" + caller.userName())) {
      return;
    }
    throw ApiException.denied(
        "User " + caller.userName() + " does not have the permissions required on " + folder + ".");
  }
}
