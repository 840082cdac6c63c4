package dev.databricksmcp.sandbox.permissions;

import com.databricks.sdk.service.iam.AccessControlRequest;
import com.databricks.sdk.service.iam.AccessControlResponse;
import com.databricks.sdk.service.iam.ObjectPermissions;
import com.databricks.sdk.service.iam.Permission;
import com.databricks.sdk.service.iam.PermissionLevel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.auth.Principal;
import dev.databricksmcp.sandbox.auth.WorkspaceGroups;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.state.PersistentState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The object ACLs of the workspace (https://docs.databricks.com/api/workspace/permissions): who
 * holds which level on a cluster, a pool, a policy, a job, a pipeline, a warehouse, a notebook, a
 * folder, a file, a Git folder, a serving endpoint or an experiment, and the check every area makes
 * before it lets a caller act on one of its objects.
 *
 * <p>An area does not report each object it creates or deletes: it tells this state once, when it
 * is built, how to find its objects ({@link #track}): whether one exists, who created it, which
 * folder holds it. So the ACLs cannot drift from the objects (a restored, seeded or cascaded-away
 * object is seen as it is), an unknown id is 404 however it came to be unknown, and nothing here
 * knows another area. What is kept here is only what the Permissions API changed: an object whose
 * ACL was never set has its creator's level (IS_OWNER where the kind has owners, else CAN_MANAGE).
 * Admins hold CAN_MANAGE on everything, shown as inherited from the root of the kind ({@code
 * /jobs/}, or {@code /directories/} for the workspace tree), as Databricks shows it. Kept with
 * {@code --sandbox-dir} ({@code DIR/state/object-acls.json}).
 */
public final class ObjectAcls implements PersistentState {
  /** One grant: a principal (by kind and name) and its level. */
  public record Grant(Kind kind, String name, PermissionLevel level) {
    String key() {
      return kind + ":" + name.toLowerCase(Locale.ROOT);
    }
  }

  /** The three kinds of principal an ACL entry names. */
  public enum Kind {
    USER,
    GROUP,
    SERVICE_PRINCIPAL
  }

  /**
   * What an area knows of one of its objects: its creator (null when no principal created it), the
   * {@code object_id} of what it inherits from (a folder, {@code /directories/<id>}; null for
   * none), and a group that manages it by default (the workspace's {@code users} on {@code
   * /Shared}).
   */
  public record Tracked(String creator, String parent, String managingGroup) {
    public static Tracked createdBy(String creator) {
      return new Tracked(creator, null, null);
    }
  }

  /** How an area finds one of its objects by the id the Permissions API is given. */
  @FunctionalInterface
  public interface Lookup {
    Optional<Tracked> find(String id);
  }

  private final Identities identities;
  private final Map<AclObjectType, Lookup> lookups = new EnumMap<>(AclObjectType.class);

  /** The ACLs the Permissions API set, by object id ({@code /jobs/123}), each principal once. */
  private final Map<String, Map<String, Grant>> stored = new LinkedHashMap<>();

  public ObjectAcls(Identities identities) {
    this.identities = identities;
  }

  /** An area's objects of one kind, found with {@code lookup}; called once, when it is built. */
  public synchronized void track(AclObjectType type, Lookup lookup) {
    if (lookups.putIfAbsent(type, lookup) != null) {
      throw new IllegalStateException(type.requestType() + " are already tracked");
    }
  }

  /**
   * A lookup over an area's own getter, which throws its own not-found error for an unknown id: the
   * object exists when the getter answers, created by the name it gives (null for none).
   */
  public static Optional<Tracked> createdBy(Supplier<String> creatorOfExisting) {
    try {
      return Optional.of(Tracked.createdBy(creatorOfExisting.get()));
    } catch (ApiException e) {
      return Optional.empty();
    }
  }

  // ---- checks for the areas

  /** Whether the caller holds {@code needed} or more on the object; admins hold everything. */
  public boolean has(Principal caller, AclObjectType type, String id, PermissionLevel needed) {
    if (caller.admin()) {
      return true;
    }
    int wanted = type.rank(needed);
    Optional<Tracked> tracked = find(type, id);
    return wanted >= 0 && tracked.isPresent() && rank(caller, type, id, tracked.get()) >= wanted;
  }

  /** The caller's highest level on the object, from any grant that reaches them. */
  public Optional<PermissionLevel> effective(Principal caller, AclObjectType type, String id) {
    Optional<Tracked> tracked = find(type, id);
    if (tracked.isEmpty()) {
      return Optional.empty();
    }
    if (caller.admin()) {
      return Optional.of(type.levels().get(type.levels().size() - 1));
    }
    int rank = rank(caller, type, id, tracked.get());
    return rank < 0 ? Optional.empty() : Optional.of(type.levels().get(rank));
  }

  private int rank(Principal caller, AclObjectType type, String id, Tracked tracked) {
    int best = -1;
    for (Grant g : direct(type, id, tracked)) {
      if (reaches(g, caller)) {
        best = Math.max(best, type.rank(g.level()));
      }
    }
    for (Map.Entry<String, List<Grant>> ancestor : ancestors(tracked).entrySet()) {
      for (Grant g : ancestor.getValue()) {
        if (reaches(g, caller)) {
          best = Math.max(best, type.rank(g.level()));
        }
      }
    }
    return best;
  }

  private static boolean reaches(Grant g, Principal p) {
    return switch (g.kind()) {
      case USER, SERVICE_PRINCIPAL -> g.name().equalsIgnoreCase(p.userName());
      case GROUP -> WorkspaceGroups.byName(g.name()).map(group -> group.has(p)).orElse(false);
    };
  }

  // ---- the Permissions API

  /** The object, or 404 RESOURCE_DOES_NOT_EXIST. */
  Tracked require(AclObjectType type, String id) {
    return find(type, id)
        .orElseThrow(
            () ->
                new ApiException(
                    ErrorCode.RESOURCE_DOES_NOT_EXIST, type.noun(id) + " does not exist."));
  }

  private Optional<Tracked> find(AclObjectType type, String id) {
    Lookup lookup;
    synchronized (this) {
      lookup = lookups.get(type);
    }
    return lookup == null || id == null || id.isBlank() ? Optional.empty() : lookup.find(id);
  }

  /** The object's ACL as GET answers it: direct grants, inherited ones with where from. */
  ObjectPermissions view(AclObjectType type, String id) {
    Tracked tracked = require(type, id);
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (Grant g : direct(type, id, tracked)) {
      entry(entries, g.kind(), g.name()).direct.add(g.level());
    }
    ancestors(tracked)
        .forEach(
            (from, grants) -> {
              for (Grant g : grants) {
                entry(entries, g.kind(), g.name()).inherit(g.level(), from);
              }
            });
    entry(entries, Kind.GROUP, WorkspaceGroups.ADMINS.displayName())
        .inherit(PermissionLevel.CAN_MANAGE, type.root());
    List<AccessControlResponse> acl = new ArrayList<>();
    entries.values().forEach(e -> acl.add(e.response()));
    return new ObjectPermissions()
        .setObjectId(type.objectId(id))
        .setObjectType(type.objectType())
        .setAccessControlList(acl);
  }

  /** PUT: the direct ACL replaced by {@code requested}; inherited grants stay. */
  ObjectPermissions set(
      Principal caller, AclObjectType type, String id, Collection<AccessControlRequest> requested) {
    Tracked tracked = requireManager(caller, type, id);
    Map<String, Grant> next = new LinkedHashMap<>();
    for (Grant g : grants(type, requested)) {
      next.put(g.key(), g);
    }
    store(type, id, tracked, next);
    return view(type, id);
  }

  /** PATCH: each principal named gets the level given; the others keep theirs. */
  ObjectPermissions update(
      Principal caller, AclObjectType type, String id, Collection<AccessControlRequest> requested) {
    Tracked tracked = requireManager(caller, type, id);
    Map<String, Grant> next = new LinkedHashMap<>();
    for (Grant g : direct(type, id, tracked)) {
      next.put(g.key(), g);
    }
    for (Grant g : grants(type, requested)) {
      if (g.level() == PermissionLevel.IS_OWNER) {
        // a new owner takes the ownership over: a kind with owners has exactly one
        next.values().removeIf(old -> old.level() == PermissionLevel.IS_OWNER);
      }
      next.put(g.key(), g);
    }
    store(type, id, tracked, next);
    return view(type, id);
  }

  /** The object, when the caller may read its ACL (any level on it); else 403. */
  Tracked requireReader(Principal caller, AclObjectType type, String id) {
    Tracked tracked = require(type, id);
    if (!caller.admin() && rank(caller, type, id, tracked) < 0) {
      throw denied(caller, type, id, "view the permissions of");
    }
    return tracked;
  }

  private Tracked requireManager(Principal caller, AclObjectType type, String id) {
    Tracked tracked = require(type, id);
    int manage = type.rank(PermissionLevel.CAN_MANAGE);
    if (!caller.admin() && (manage < 0 || rank(caller, type, id, tracked) < manage)) {
      throw denied(caller, type, id, "change the permissions of");
    }
    return tracked;
  }

  private static ApiException denied(Principal p, AclObjectType type, String id, String what) {
    return ApiException.denied(
        "User "
            + p.userName()
            + " does not have permission to "
            + what
            + " "
            + type.noun(id).toLowerCase(Locale.ROOT)
            + ": it takes CAN_MANAGE.");
  }

  private void store(AclObjectType type, String id, Tracked tracked, Map<String, Grant> next) {
    if (type.hasOwner()) {
      List<Grant> owners =
          next.values().stream().filter(g -> g.level() == PermissionLevel.IS_OWNER).toList();
      String kind = type.noun("").strip();
      String noun = type == AclObjectType.WAREHOUSES ? kind : kind.toLowerCase(Locale.ROOT);
      if (owners.size() != 1) {
        // the service's words (the Databricks CLI's test server, libs/testserver/permissions.go)
        throw ApiException.invalid("The " + noun + " must have exactly one owner.");
      }
      if (owners.get(0).kind() == Kind.GROUP) {
        throw ApiException.invalid(
            "Group "
                + owners.get(0).name()
                + " cannot own a "
                + noun
                + ": the owner is a user or a service principal.");
      }
    }
    synchronized (this) {
      stored.put(type.objectId(id), next);
    }
  }

  /** The grants a request asks for, each checked: one principal, a level of the kind. */
  private List<Grant> grants(AclObjectType type, Collection<AccessControlRequest> requested) {
    List<Grant> out = new ArrayList<>();
    for (AccessControlRequest r : requested == null ? List.<AccessControlRequest>of() : requested) {
      int named =
          (r.getUserName() != null ? 1 : 0)
              + (r.getGroupName() != null ? 1 : 0)
              + (r.getServicePrincipalName() != null ? 1 : 0);
      if (named != 1) {
        throw ApiException.invalid(
            "Each access control entry names exactly one of user_name, group_name and"
                + " service_principal_name.");
      }
      PermissionLevel level = r.getPermissionLevel();
      if (level == null || type.rank(level) < 0) {
        throw ApiException.invalid(
            "Permission level "
                + level
                + " is not valid for a "
                + type.objectType()
                + "; valid levels: "
                + type.levels()
                + ".");
      }
      out.add(principal(r, level));
    }
    return out;
  }

  /** The principal an entry names, as the workspace spells it; an unknown one is refused. */
  private Grant principal(AccessControlRequest r, PermissionLevel level) {
    if (r.getGroupName() != null) {
      return WorkspaceGroups.byName(r.getGroupName())
          .map(g -> new Grant(Kind.GROUP, g.displayName(), level))
          .orElseThrow(() -> unknown("GroupName", r.getGroupName()));
    }
    boolean sp = r.getServicePrincipalName() != null;
    String name = sp ? r.getServicePrincipalName() : r.getUserName();
    return identities.all().stream()
        .filter(p -> p.isServicePrincipal() == sp && p.userName().equalsIgnoreCase(name))
        .findFirst()
        .map(p -> new Grant(sp ? Kind.SERVICE_PRINCIPAL : Kind.USER, p.userName(), level))
        .orElseThrow(() -> unknown(sp ? "ServicePrincipalName" : "UserName", name));
  }

  /** Databricks' words for a principal it cannot find: {@code Principal: UserName(x) ...}. */
  private static ApiException unknown(String field, String name) {
    return ApiException.invalid("Principal: " + field + "(" + name + ") does not exist");
  }

  // ---- direct and inherited grants

  /** The object's direct grants: as set through the API, else its creator's and group's. */
  private List<Grant> direct(AclObjectType type, String id, Tracked tracked) {
    synchronized (this) {
      Map<String, Grant> set = stored.get(type.objectId(id));
      if (set != null) {
        return List.copyOf(set.values());
      }
    }
    List<Grant> out = new ArrayList<>();
    if (tracked.creator() != null && type.creatorLevel() != null) {
      identities.all().stream()
          .filter(p -> p.userName().equalsIgnoreCase(tracked.creator()))
          .findFirst()
          .ifPresent(
              p ->
                  out.add(
                      new Grant(
                          p.isServicePrincipal() ? Kind.SERVICE_PRINCIPAL : Kind.USER,
                          p.userName(),
                          type.creatorLevel())));
    }
    if (tracked.managingGroup() != null) {
      out.add(new Grant(Kind.GROUP, tracked.managingGroup(), PermissionLevel.CAN_MANAGE));
    }
    return out;
  }

  /** The direct grants of every folder above the object, the nearest first, by object id. */
  private Map<String, List<Grant>> ancestors(Tracked tracked) {
    Map<String, List<Grant>> out = new LinkedHashMap<>();
    String parent = tracked.parent();
    while (parent != null && !out.containsKey(parent)) {
      Optional<AclObjectType> type = AclObjectType.byPrefix(parent);
      if (type.isEmpty()) {
        break;
      }
      String id = parent.substring(type.get().objectId("").length());
      Optional<Tracked> above = find(type.get(), id);
      if (above.isEmpty()) {
        break;
      }
      out.put(parent, direct(type.get(), id, above.get()));
      parent = above.get().parent();
    }
    return out;
  }

  private Entry entry(Map<String, Entry> entries, Kind kind, String name) {
    return entries.computeIfAbsent(
        kind + ":" + name.toLowerCase(Locale.ROOT), k -> new Entry(kind, name));
  }

  /** One principal of an answer, with its direct levels and what it inherits from where. */
  private final class Entry {
    final Kind kind;
    final String name;
    final List<PermissionLevel> direct = new ArrayList<>();
    final Map<PermissionLevel, List<String>> inherited = new LinkedHashMap<>();

    Entry(Kind kind, String name) {
      this.kind = kind;
      this.name = name;
    }

    void inherit(PermissionLevel level, String from) {
      List<String> sources = inherited.computeIfAbsent(level, l -> new ArrayList<>());
      if (!sources.contains(from)) {
        sources.add(from);
      }
    }

    AccessControlResponse response() {
      AccessControlResponse r = new AccessControlResponse();
      switch (kind) {
        case USER -> r.setUserName(name);
        case GROUP -> r.setGroupName(name);
        case SERVICE_PRINCIPAL -> r.setServicePrincipalName(name);
      }
      if (kind != Kind.GROUP) {
        identities.all().stream()
            .filter(p -> p.userName().equalsIgnoreCase(name))
            .findFirst()
            .ifPresent(p -> r.setDisplayName(p.displayName()));
      }
      List<Permission> all = new ArrayList<>();
      direct.forEach(l -> all.add(new Permission().setPermissionLevel(l).setInherited(false)));
      inherited.forEach(
          (l, from) ->
              all.add(
                  new Permission()
                      .setPermissionLevel(l)
                      .setInherited(true)
                      .setInheritedFromObject(List.copyOf(from))));
      return r.setAllPermissions(all);
    }
  }

  // ---- persistence

  @Override
  public String persistenceName() {
    return "object-acls";
  }

  @Override
  public synchronized JsonNode save() {
    ObjectNode out = Json.MAPPER.createObjectNode();
    stored.forEach(
        (objectId, grants) -> {
          ArrayNode list = out.putArray(objectId);
          grants
              .values()
              .forEach(
                  g ->
                      list.addObject()
                          .put("kind", g.kind().name())
                          .put("name", g.name())
                          .put("level", g.level().name()));
        });
    return out;
  }

  @Override
  public synchronized void restore(JsonNode saved) {
    stored.clear();
    saved
        .fields()
        .forEachRemaining(
            e -> {
              Map<String, Grant> grants = new LinkedHashMap<>();
              for (JsonNode g : e.getValue()) {
                Grant grant =
                    new Grant(
                        Kind.valueOf(g.get("kind").asText()),
                        g.get("name").asText(),
                        PermissionLevel.valueOf(g.get("level").asText()));
                grants.put(grant.key(), grant);
              }
              stored.put(e.getKey(), grants);
            });
  }
}
