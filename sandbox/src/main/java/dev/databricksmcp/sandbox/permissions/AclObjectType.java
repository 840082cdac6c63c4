package dev.databricksmcp.sandbox.permissions;

import com.databricks.sdk.service.iam.PermissionLevel;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kinds of object the Permissions API (https://docs.databricks.com/api/workspace/permissions)
 * holds ACLs for, as its path names them ({@code request_object_type}), with the {@code
 * object_type} and {@code object_id} prefix its answers carry and the levels each kind takes, from
 * the lowest to the highest. Names, prefixes and levels follow the Databricks Terraform provider's
 * table of them (terraform-provider-databricks permissions/permission_definitions.go) and the
 * Databricks CLI's test server (libs/testserver/permissions.go); the levels also follow each
 * object's own permissions page (e.g.
 * https://docs.databricks.com/api/workspace/jobs/setpermissions).
 */
public enum AclObjectType {
  CLUSTERS(
      "clusters",
      "cluster",
      "/clusters/",
      false,
      Level.CAN_ATTACH_TO,
      Level.CAN_RESTART,
      Level.CAN_MANAGE),
  INSTANCE_POOLS(
      "instance-pools",
      "instance-pool",
      "/instance-pools/",
      false,
      Level.CAN_ATTACH_TO,
      Level.CAN_MANAGE),
  CLUSTER_POLICIES(
      "cluster-policies", "cluster-policy", "/cluster-policies/", false, Level.CAN_USE),
  JOBS(
      "jobs",
      "job",
      "/jobs/",
      false,
      Level.CAN_VIEW,
      Level.CAN_MANAGE_RUN,
      Level.CAN_MANAGE,
      Level.IS_OWNER),
  PIPELINES(
      "pipelines",
      "pipelines",
      "/pipelines/",
      false,
      Level.CAN_VIEW,
      Level.CAN_RUN,
      Level.CAN_MANAGE,
      Level.IS_OWNER),
  /**
   * The SDK asks {@code warehouses/<id>}; the answer's object id is {@code /sql/warehouses/<id>}.
   */
  WAREHOUSES(
      "warehouses",
      "warehouses",
      "/sql/warehouses/",
      false,
      Level.CAN_VIEW,
      Level.CAN_USE,
      Level.CAN_MONITOR,
      Level.CAN_MANAGE,
      Level.IS_OWNER),
  NOTEBOOKS("notebooks", "notebook", "/notebooks/", true, Level.WORKSPACE),
  DIRECTORIES("directories", "directory", "/directories/", true, Level.WORKSPACE),
  FILES("files", "file", "/files/", true, Level.WORKSPACE),
  REPOS("repos", "repo", "/repos/", true, Level.WORKSPACE),
  SERVING_ENDPOINTS(
      "serving-endpoints",
      "serving-endpoint",
      "/serving-endpoints/",
      false,
      Level.CAN_VIEW,
      Level.CAN_QUERY,
      Level.CAN_MANAGE),
  EXPERIMENTS(
      "experiments",
      "mlflowExperiment",
      "/experiments/",
      false,
      Level.CAN_READ,
      Level.CAN_EDIT,
      Level.CAN_MANAGE),
  REGISTERED_MODELS(
      "registered-models",
      "registered-model",
      "/registered-models/",
      false,
      Level.CAN_READ,
      Level.CAN_EDIT,
      Level.CAN_MANAGE_STAGING_VERSIONS,
      Level.CAN_MANAGE_PRODUCTION_VERSIONS,
      Level.CAN_MANAGE),
  DASHBOARDS(
      "dashboards",
      "dashboard",
      "/dashboards/",
      false,
      Level.CAN_READ,
      Level.CAN_RUN,
      Level.CAN_EDIT,
      Level.CAN_MANAGE),
  APPS("apps", "apps", "/apps/", false, Level.CAN_USE, Level.CAN_MANAGE);

  private final String requestType;
  private final String objectType;
  private final String prefix;
  private final boolean workspaceObject;
  private final List<Level> levels;

  AclObjectType(
      String requestType,
      String objectType,
      String prefix,
      boolean workspaceObject,
      Level... levels) {
    this.requestType = requestType;
    this.objectType = objectType;
    this.prefix = prefix;
    this.workspaceObject = workspaceObject;
    this.levels =
        levels.length == 1 && levels[0] == Level.WORKSPACE
            ? List.of(Level.CAN_READ, Level.CAN_RUN, Level.CAN_EDIT, Level.CAN_MANAGE)
            : List.of(levels);
  }

  /** The type a request path names, e.g. {@code jobs}. */
  public static Optional<AclObjectType> byRequestType(String requestType) {
    return Arrays.stream(values()).filter(t -> t.requestType.equals(requestType)).findFirst();
  }

  /** The type whose answers' object ids start with this prefix ({@code /directories/}). */
  static Optional<AclObjectType> byPrefix(String objectId) {
    return Arrays.stream(values()).filter(t -> objectId.startsWith(t.prefix)).findFirst();
  }

  public String requestType() {
    return requestType;
  }

  /** The {@code object_type} of an answer: it can differ from the request type. */
  public String objectType() {
    return objectType;
  }

  /** The {@code object_id} of an answer for this object: {@code /jobs/123}. */
  public String objectId(String id) {
    return prefix + id;
  }

  /**
   * What admins inherit CAN_MANAGE from: the root of the kind ({@code /jobs/}), or of the workspace
   * tree ({@code /directories/}) for notebooks, folders, files and Git folders.
   */
  String root() {
    return workspaceObject ? DIRECTORIES.prefix : prefix;
  }

  /** Notebooks, folders, files, Git folders: they inherit from their folder. */
  boolean inWorkspaceTree() {
    return workspaceObject;
  }

  /** How an error names one object of this kind: {@code Job 123}. */
  String noun(String id) {
    String noun =
        switch (this) {
          case CLUSTERS -> "Cluster";
          case INSTANCE_POOLS -> "Instance pool";
          case CLUSTER_POLICIES -> "Cluster policy";
          case JOBS -> "Job";
          case PIPELINES -> "Pipeline";
          case WAREHOUSES -> "SQL warehouse";
          case NOTEBOOKS -> "Notebook";
          case DIRECTORIES -> "Directory";
          case FILES -> "File";
          case REPOS -> "Repo";
          case SERVING_ENDPOINTS -> "Serving endpoint";
          case EXPERIMENTS -> "Experiment";
          case REGISTERED_MODELS -> "Registered model";
          case DASHBOARDS -> "Dashboard";
          case APPS -> "App";
        };
    return noun + " " + id;
  }

  /** The levels of this kind, the lowest first. */
  public List<PermissionLevel> levels() {
    return levels.stream().map(l -> l.sdk).toList();
  }

  /** Whether this kind has an owner (jobs, pipelines, warehouses): exactly one IS_OWNER. */
  boolean hasOwner() {
    return levels.contains(Level.IS_OWNER);
  }

  /** The level a creator holds: IS_OWNER where the kind has owners, else CAN_MANAGE. */
  PermissionLevel creatorLevel() {
    if (hasOwner()) {
      return PermissionLevel.IS_OWNER;
    }
    return levels.contains(Level.CAN_MANAGE) ? PermissionLevel.CAN_MANAGE : null;
  }

  /** Its rank in this kind (0 the lowest); -1 when the kind has no such level. */
  int rank(PermissionLevel level) {
    for (int i = 0; i < levels.size(); i++) {
      if (levels.get(i).sdk == level) {
        return i;
      }
    }
    return -1;
  }

  /** What each level lets a principal do, for getPermissionLevels. */
  String describe(PermissionLevel level) {
    return DESCRIPTIONS.getOrDefault(name() + "." + level, DESCRIPTIONS.get(level.name()));
  }

  private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

  static {
    DESCRIPTIONS.put("CAN_ATTACH_TO", "Can attach to");
    DESCRIPTIONS.put("CAN_RESTART", "Can attach to and restart");
    DESCRIPTIONS.put("CAN_MANAGE", "Can manage, and change the permissions");
    DESCRIPTIONS.put("CAN_USE", "Can use");
    DESCRIPTIONS.put("CAN_VIEW", "Can view");
    DESCRIPTIONS.put("CAN_MANAGE_RUN", "Can view, run and cancel runs");
    DESCRIPTIONS.put("IS_OWNER", "Is the owner: everything CAN_MANAGE allows");
    DESCRIPTIONS.put("CAN_RUN", "Can view and run");
    DESCRIPTIONS.put("CAN_MONITOR", "Can use, and view every query");
    DESCRIPTIONS.put("CAN_READ", "Can read");
    DESCRIPTIONS.put("CAN_EDIT", "Can read, run and edit");
    DESCRIPTIONS.put("CAN_QUERY", "Can view and query");
    DESCRIPTIONS.put("CAN_MANAGE_STAGING_VERSIONS", "Can edit, and move versions to Staging");
    DESCRIPTIONS.put(
        "CAN_MANAGE_PRODUCTION_VERSIONS", "Can edit, and move versions to Staging and Production");
    DESCRIPTIONS.put("DASHBOARDS.CAN_READ", "Can view the Lakeview dashboard");
    DESCRIPTIONS.put(
        "DASHBOARDS.CAN_RUN", "Can view, attach/detach, and run the Lakeview dashboard");
    DESCRIPTIONS.put(
        "DASHBOARDS.CAN_EDIT", "Can view, attach/detach, run, and edit the Lakeview dashboard");
    DESCRIPTIONS.put(
        "DASHBOARDS.CAN_MANAGE",
        "Can view, attach/detach, run, edit, and change permissions of the Lakeview dashboard");
  }

  /** The SDK's levels, and a marker for the four levels every workspace object takes. */
  private enum Level {
    CAN_ATTACH_TO(PermissionLevel.CAN_ATTACH_TO),
    CAN_RESTART(PermissionLevel.CAN_RESTART),
    CAN_MANAGE(PermissionLevel.CAN_MANAGE),
    CAN_USE(PermissionLevel.CAN_USE),
    CAN_VIEW(PermissionLevel.CAN_VIEW),
    CAN_MANAGE_RUN(PermissionLevel.CAN_MANAGE_RUN),
    IS_OWNER(PermissionLevel.IS_OWNER),
    CAN_RUN(PermissionLevel.CAN_RUN),
    CAN_MONITOR(PermissionLevel.CAN_MONITOR),
    CAN_READ(PermissionLevel.CAN_READ),
    CAN_EDIT(PermissionLevel.CAN_EDIT),
    CAN_QUERY(PermissionLevel.CAN_QUERY),
    CAN_MANAGE_STAGING_VERSIONS(PermissionLevel.CAN_MANAGE_STAGING_VERSIONS),
    CAN_MANAGE_PRODUCTION_VERSIONS(PermissionLevel.CAN_MANAGE_PRODUCTION_VERSIONS),
    WORKSPACE(null);

    final PermissionLevel sdk;

    Level(PermissionLevel sdk) {
      this.sdk = sdk;
    }
  }
}
