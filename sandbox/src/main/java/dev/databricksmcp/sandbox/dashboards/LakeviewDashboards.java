package dev.databricksmcp.sandbox.dashboards;

import com.databricks.sdk.service.dashboards.Dashboard;
import com.databricks.sdk.service.dashboards.LifecycleState;
import com.databricks.sdk.service.dashboards.PublishedDashboard;
import com.databricks.sdk.service.iam.PermissionLevel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.auth.Principal;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.permissions.AclObjectType;
import dev.databricksmcp.sandbox.permissions.ObjectAcls;
import dev.databricksmcp.sandbox.state.PersistentState;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workspace's AI/BI (Lakeview) dashboards (https://docs.databricks.com/api/lakeview/v1/
 * dashboard.md): each a draft, perhaps a published revision, its owner (who created it) and its
 * lifecycle state. A trashed dashboard stays readable (lifecycle_state TRASHED) and loses its
 * published revision, as the Databricks CLI's test server, built against the service, has it. Kept
 * with {@code --sandbox-dir} ({@code DIR/state/lakeview-dashboards.json}).
 *
 * <p>Databricks also lists a dashboard in the workspace tree (object_type DASHBOARD); the sandbox
 * does not: the Workspace API would then have to export, delete and move dashboards through this
 * state, and the two saved documents would have to agree. A dashboard's folder is checked against
 * the tree when it is created, and its path is kept apart from the tree's.
 *
 * <p>Who may do what is decided in one place, {@link #mayManage}: every user reads every dashboard;
 * those with CAN_MANAGE on it (its creator, workspace admins, and whoever the Permissions API
 * grants it to) change, publish, unpublish and trash it.
 */
public final class LakeviewDashboards implements PersistentState {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** One dashboard as kept: the draft as the API shows it, who owns it, its published revision. */
  private static final class Stored {
    Dashboard draft;
    String owner;
    PublishedDashboard published;
  }

  private final Map<String, Stored> dashboards = new LinkedHashMap<>();

  private final ObjectAcls acls;

  public LakeviewDashboards(ObjectAcls acls) {
    this.acls = acls;
    String at = Instant.ofEpochMilli(SampleDashboards.SEEDED_AT).toString();
    for (SampleDashboards.Seed seed : SampleDashboards.ALL) {
      Stored s = new Stored();
      s.owner = Identities.ADMIN.userName();
      s.draft =
          new Dashboard()
              .setDashboardId(seed.id())
              .setDisplayName(seed.name())
              .setParentPath(SampleDashboards.parentPath())
              .setPath(SampleDashboards.parentPath() + "/" + seed.name() + ".lvdash.json")
              .setSerializedDashboard(seed.serialized())
              .setWarehouseId(SampleDashboards.warehouseId())
              .setEtag("1")
              .setCreateTime(at)
              .setUpdateTime(at)
              .setLifecycleState(LifecycleState.ACTIVE);
      if (seed.published()) {
        s.published =
            new PublishedDashboard()
                .setDisplayName(seed.name())
                .setWarehouseId(SampleDashboards.warehouseId())
                .setEmbedCredentials(true)
                .setRevisionCreateTime(at);
      }
      dashboards.put(seed.id(), s);
    }
  }

  /** A new dashboard from a checked draft (path, name, warehouse set); the caller owns it. */
  synchronized Dashboard create(Dashboard draft, Principal caller) {
    for (Stored s : dashboards.values()) {
      if (s.draft.getLifecycleState() == LifecycleState.ACTIVE
          && s.draft.getPath().equals(draft.getPath())) {
        // the Workspace API's answer for a path taken (400, not 409): a dashboard is a node there
        throw new ApiException(
            ErrorCode.RESOURCE_ALREADY_EXISTS,
            400,
            "Path (" + draft.getPath() + ") already exists.");
      }
    }
    String now = now();
    Stored s = new Stored();
    s.owner = caller.userName();
    s.draft =
        draft
            .setDashboardId(newId())
            .setEtag("1")
            .setCreateTime(now)
            .setUpdateTime(now)
            .setLifecycleState(LifecycleState.ACTIVE);
    dashboards.put(s.draft.getDashboardId(), s);
    return copy(s.draft);
  }

  /** The draft, trashed or not: every user may read it. */
  synchronized Dashboard get(String id) {
    return copy(find(id).draft);
  }

  /** Every dashboard in creation order, the trashed ones only when asked. */
  synchronized List<Dashboard> list(boolean withTrashed) {
    List<Dashboard> out = new ArrayList<>();
    for (Stored s : dashboards.values()) {
      if (withTrashed || s.draft.getLifecycleState() == LifecycleState.ACTIVE) {
        out.add(copy(s.draft));
      }
    }
    return out;
  }

  /** What the change gives (name, contents, warehouse) replaces the draft's; the etag moves. */
  synchronized Dashboard update(String id, Dashboard change, Principal caller) {
    Stored s = active(id, caller);
    if (change.getEtag() != null && !change.getEtag().equals(s.draft.getEtag())) {
      // the reference names no error for a stale etag; ABORTED is Databricks' concurrency code
      throw new ApiException(
          ErrorCode.ABORTED,
          "The dashboard was changed since etag "
              + change.getEtag()
              + " (now "
              + s.draft.getEtag()
              + "): read it again and retry.");
    }
    if (change.getDisplayName() != null) {
      s.draft
          .setDisplayName(change.getDisplayName())
          .setPath(s.draft.getParentPath() + "/" + change.getDisplayName() + ".lvdash.json");
      if (s.published != null) {
        // a rename shows on the published revision too; other edits wait for a new publish
        s.published.setDisplayName(change.getDisplayName());
      }
    }
    if (change.getSerializedDashboard() != null) {
      s.draft.setSerializedDashboard(change.getSerializedDashboard());
    }
    if (change.getWarehouseId() != null) {
      s.draft.setWarehouseId(change.getWarehouseId());
    }
    s.draft.setEtag(Long.toString(Long.parseLong(s.draft.getEtag()) + 1)).setUpdateTime(now());
    return copy(s.draft);
  }

  /** Moves it to the trash; its published revision is gone with it. */
  synchronized void trash(String id, Principal caller) {
    Stored s = active(id, caller);
    s.draft.setLifecycleState(LifecycleState.TRASHED).setUpdateTime(now());
    s.published = null;
  }

  /** A new published revision of the current draft (every publish makes one). */
  synchronized PublishedDashboard publish(
      String id, String warehouseId, boolean embedCredentials, Principal caller) {
    Stored s = active(id, caller);
    s.published =
        new PublishedDashboard()
            .setDisplayName(s.draft.getDisplayName())
            .setWarehouseId(warehouseId)
            .setEmbedCredentials(embedCredentials)
            .setRevisionCreateTime(now());
    return copy(s.published);
  }

  /** The published revision; every user who reads the dashboard may read it. */
  synchronized PublishedDashboard published(String id) {
    Stored s = find(id);
    if (s.published == null) {
      throw notPublished(id);
    }
    return copy(s.published);
  }

  synchronized void unpublish(String id, Principal caller) {
    Stored s = find(id);
    requireManage(s, caller);
    if (s.published == null) {
      // the service's words for a dashboard without a published revision (see notPublished)
      throw notPublished(id);
    }
    s.published = null;
  }

  /** The draft's warehouse, if it has one (what a publish without warehouse_id uses). */
  synchronized Optional<String> draftWarehouse(String id) {
    return Optional.ofNullable(find(id).draft.getWarehouseId());
  }

  /** Who created the dashboard (the Permissions API gives them CAN_MANAGE); NOT_FOUND if none. */
  public synchronized String ownerOf(String id) {
    return find(id).owner;
  }

  /**
   * Whether {@code caller} may change, publish, unpublish and trash the dashboard: CAN_MANAGE on
   * it, which its creator and workspace admins hold and the Permissions API grants. The one place
   * this is decided.
   */
  private boolean mayManage(Stored s, Principal caller) {
    return acls.has(
        caller, AclObjectType.DASHBOARDS, s.draft.getDashboardId(), PermissionLevel.CAN_MANAGE);
  }

  private void requireManage(Stored s, Principal caller) {
    if (!mayManage(s, caller)) {
      throw ApiException.denied(
          "User "
              + caller.userName()
              + " does not have Can Manage permission on dashboard ["
              + s.draft.getDashboardId()
              + "].");
    }
  }

  /**
   * An ACTIVE dashboard the caller manages. A trashed one is refused as the service refuses a
   * second trash: 403 "lifecycle state [TRASHED] is not among the accepted states [Set(ACTIVE)]"
   * (databricks/terraform-provider-databricks#4235); the sandbox answers an update or a publish of
   * a trashed dashboard the same way.
   */
  private Stored active(String id, Principal caller) {
    Stored s = find(id);
    requireManage(s, caller);
    if (s.draft.getLifecycleState() != LifecycleState.ACTIVE) {
      throw ApiException.denied(
          "dashboard ["
              + id
              + "] lifecycle state ["
              + s.draft.getLifecycleState()
              + "] is not among the accepted states [Set(ACTIVE)]");
    }
    return s;
  }

  /**
   * The dashboard; else 404 NOT_FOUND "Unable to find dashboard [id]", the service's message for a
   * well-formed id it does not know (as clients quoting it record it).
   */
  private Stored find(String id) {
    Stored s = dashboards.get(id);
    if (s == null) {
      throw new ApiException(ErrorCode.NOT_FOUND, "Unable to find dashboard [" + id + "]");
    }
    return s;
  }

  /** 404 NOT_FOUND "Unable to find published dashboard [dashboardId=…]", seen on the service. */
  private static ApiException notPublished(String id) {
    return new ApiException(
        ErrorCode.NOT_FOUND, "Unable to find published dashboard [dashboardId=" + id + "]");
  }

  /** 32 hex digits, as Databricks' dashboard ids are. */
  private static String newId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static String now() {
    return Instant.ofEpochMilli(System.currentTimeMillis()).toString();
  }

  private static <T> T copy(T value) {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) value.getClass();
    return Json.MAPPER.convertValue(value, type);
  }

  @Override
  public String persistenceName() {
    return "lakeview-dashboards";
  }

  @Override
  public synchronized JsonNode save() {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (Stored s : dashboards.values()) {
      ObjectNode n = out.addObject().put("owner", s.owner);
      n.set("draft", Json.MAPPER.valueToTree(s.draft));
      n.set("published", s.published == null ? null : Json.MAPPER.valueToTree(s.published));
    }
    return out;
  }

  @Override
  public synchronized void restore(JsonNode saved) {
    dashboards.clear();
    for (JsonNode n : saved) {
      Stored s = new Stored();
      s.owner = n.get("owner").asText();
      s.draft = Json.MAPPER.convertValue(n.get("draft"), Dashboard.class);
      JsonNode published = n.get("published");
      s.published =
          published == null || published.isNull()
              ? null
              : Json.MAPPER.convertValue(published, PublishedDashboard.class);
      dashboards.put(s.draft.getDashboardId(), s);
    }
  }
}
