package dev.databricksmcp.server.tools.admin;

import com.databricks.sdk.service.iam.AccessControlRequest;
import com.databricks.sdk.service.iam.PermissionLevel;
import com.databricks.sdk.service.workspace.ObjectInfo;
import com.databricks.sdk.service.workspace.ObjectType;
import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.Names;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which object a permission tool acts on, and the grants it is given. The kinds and their levels
 * (lowest first) follow the Permissions API's object types
 * (https://docs.databricks.com/api/workspace/permissions, request_object_type) and the levels each
 * object's permissions page lists (e.g.
 * https://docs.databricks.com/api/workspace/jobs/setpermissions), as the Databricks Terraform
 * provider tabulates them (permissions/permission_definitions.go); a level is checked against its
 * kind before any call.
 */
final class PermissionTargets {
  /** One kind: the API's request type, its levels, and its workspace object type if any. */
  record Kind(String requestType, List<String> levels, ObjectType workspaceType) {}

  private static final List<String> WORKSPACE_LEVELS =
      List.of("CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE");

  static final Map<String, Kind> KINDS = new LinkedHashMap<>();

  static {
    kind("cluster", "clusters", null, "CAN_ATTACH_TO", "CAN_RESTART", "CAN_MANAGE");
    kind("instance_pool", "instance-pools", null, "CAN_ATTACH_TO", "CAN_MANAGE");
    kind("cluster_policy", "cluster-policies", null, "CAN_USE");
    kind("job", "jobs", null, "CAN_VIEW", "CAN_MANAGE_RUN", "CAN_MANAGE", "IS_OWNER");
    kind("pipeline", "pipelines", null, "CAN_VIEW", "CAN_RUN", "CAN_MANAGE", "IS_OWNER");
    kind(
        "warehouse",
        "warehouses",
        null,
        "CAN_VIEW",
        "CAN_USE",
        "CAN_MONITOR",
        "CAN_MANAGE",
        "IS_OWNER");
    kind("notebook", "notebooks", ObjectType.NOTEBOOK, WORKSPACE_LEVELS.toArray(String[]::new));
    kind("directory", "directories", ObjectType.DIRECTORY, WORKSPACE_LEVELS.toArray(String[]::new));
    kind("file", "files", ObjectType.FILE, WORKSPACE_LEVELS.toArray(String[]::new));
    kind("repo", "repos", ObjectType.REPO, WORKSPACE_LEVELS.toArray(String[]::new));
    kind("serving_endpoint", "serving-endpoints", null, "CAN_VIEW", "CAN_QUERY", "CAN_MANAGE");
    kind("experiment", "experiments", null, "CAN_READ", "CAN_EDIT", "CAN_MANAGE");
    kind(
        "registered_model",
        "registered-models",
        null,
        "CAN_READ",
        "CAN_EDIT",
        "CAN_MANAGE_STAGING_VERSIONS",
        "CAN_MANAGE_PRODUCTION_VERSIONS",
        "CAN_MANAGE");
    kind("dashboard", "dashboards", null, "CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE");
    kind("app", "apps", null, "CAN_USE", "CAN_MANAGE");
  }

  private static void kind(String name, String requestType, ObjectType ws, String... levels) {
    KINDS.put(name, new Kind(requestType, List.of(levels), ws));
  }

  static final Param<String> OBJECT_TYPE =
      Param.choice(
              "object_type",
              "What kind of object (notebook, directory, file and repo may be named by path)",
              List.copyOf(KINDS.keySet()))
          .required();

  static final Param<String> OBJECT_ID =
      Param.string(
              "object_id",
              "Its id: cluster_id, job_id, pipeline_id, warehouse id, a serving endpoint's id (not"
                  + " its name), an experiment id, an app's name, a workspace object's object_id."
                  + " Or give path")
          .checkedBy(Names::id);

  static final Param<String> PATH =
      Param.string(
              "path",
              "Instead of object_id, for a notebook, directory, file or repo: its workspace path,"
                  + " e.g. /Users/me@x.com/etl")
          .checkedBy(PermissionTargets::workspacePath);

  static final String GRANTS = "grants";

  private static final Set<String> PRINCIPAL_FIELDS =
      Set.of("user_name", "group_name", "service_principal_name");

  /** The {@code grants} property: a list of {principal field, permission_level}. */
  static Map<String, Object> grantsSchema(String description) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("user_name", Map.of("type", "string", "description", "A user's e-mail"));
    props.put("group_name", Map.of("type", "string", "description", "A group's name"));
    props.put(
        "service_principal_name",
        Map.of("type", "string", "description", "A service principal's application id"));
    props.put(
        "permission_level",
        Map.of(
            "type",
            "string",
            "description",
            "A level of the object's kind (get_permission_levels), e.g. CAN_MANAGE_RUN"));
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("type", "object");
    item.put("properties", props);
    item.put("required", List.of("permission_level"));
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", "array");
    p.put("description", description);
    p.put("items", item);
    return p;
  }

  /** The object named: its kind, the API's type and id, and how the result names it. */
  record Target(String kind, String requestType, String id, String label) {}

  private PermissionTargets() {}

  static Kind kind(Args args) {
    return KINDS.get(OBJECT_TYPE.of(args));
  }

  /** The object the call names, by object_id, or by path through the workspace's get-status. */
  static Target resolve(Args args, ToolContext ctx) {
    String kindName = OBJECT_TYPE.of(args);
    Kind kind = KINDS.get(kindName);
    Optional<String> id = OBJECT_ID.optional(args);
    Optional<String> path = PATH.optional(args);
    if (id.isPresent() == path.isPresent()) {
      throw ToolException.validation(
          OBJECT_ID.name(),
          "give either object_id or path (path only for a notebook, directory, file or repo)");
    }
    if (id.isPresent()) {
      return new Target(kindName, kind.requestType(), id.get(), kindName + " " + id.get());
    }
    if (kind.workspaceType() == null) {
      throw ToolException.validation(
          PATH.name(),
          "only a notebook, directory, file or repo is named by path; give the "
              + kindName
              + "'s object_id");
    }
    ObjectInfo info = ctx.workspace().workspace().getStatus(path.get());
    if (info.getObjectType() != kind.workspaceType()) {
      throw ToolException.validation(
          PATH.name(),
          path.get()
              + " is a "
              + String.valueOf(info.getObjectType()).toLowerCase(Locale.ROOT)
              + ", not a "
              + kindName);
    }
    String objectId = String.valueOf(info.getObjectId());
    return new Target(
        kindName,
        kind.requestType(),
        objectId,
        kindName + " " + path.get() + " (" + objectId + ")");
  }

  /**
   * The grants given, each checked: one principal field, a level of the object's kind; named by
   * their place ({@code grants[1].permission_level}) when wrong.
   */
  static List<AccessControlRequest> grants(Args args, Kind kind, boolean mayBeEmpty) {
    Object raw = args.asMap().get(GRANTS);
    if (!(raw instanceof List<?> list) || (list.isEmpty() && !mayBeEmpty)) {
      throw ToolException.validation(
          GRANTS,
          "give a list of grants, each {user_name | group_name | service_principal_name,"
              + " permission_level}");
    }
    List<AccessControlRequest> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String at = GRANTS + "[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> grant)) {
        throw ToolException.validation(at, "must be an object {user_name, permission_level}");
      }
      AccessControlRequest r = new AccessControlRequest();
      int principals = 0;
      for (Map.Entry<?, ?> e : grant.entrySet()) {
        String field = String.valueOf(e.getKey());
        if (field.equals("permission_level")) {
          r.setPermissionLevel(level(at + ".permission_level", e.getValue(), kind));
        } else if (PRINCIPAL_FIELDS.contains(field)) {
          String name = principal(at + "." + field, e.getValue());
          principals++;
          switch (field) {
            case "user_name" -> r.setUserName(name);
            case "group_name" -> r.setGroupName(name);
            default -> r.setServicePrincipalName(name);
          }
        } else {
          throw ToolException.validation(
              at,
              "unknown field '"
                  + field
                  + "': use user_name, group_name or service_principal_name, and"
                  + " permission_level");
        }
      }
      if (principals != 1) {
        throw ToolException.validation(
            at, "name exactly one of user_name, group_name and service_principal_name");
      }
      if (r.getPermissionLevel() == null) {
        throw ToolException.validation(at + ".permission_level", "is required");
      }
      out.add(r);
    }
    return out;
  }

  private static PermissionLevel level(String field, Object value, Kind kind) {
    String level = String.valueOf(value).strip().toUpperCase(Locale.ROOT).replace(' ', '_');
    if (!kind.levels().contains(level)) {
      throw ToolException.validation(
          field,
          "'"
              + value
              + "' is not a level of this kind of object; one of "
              + String.join(", ", kind.levels()));
    }
    return PermissionLevel.valueOf(level);
  }

  private static String principal(String field, Object value) {
    if (!(value instanceof String s) || s.isBlank()) {
      throw ToolException.validation(field, "must be a non-empty name");
    }
    String name = s.strip();
    if (name.length() > 256 || name.chars().anyMatch(Character::isISOControl)) {
      throw ToolException.validation(field, "is not a principal's name");
    }
    return name;
  }

  /** An absolute workspace path without control characters, '.' or '..' segments. */
  private static String workspacePath(String field, String value) {
    String path = value.strip();
    if (!path.startsWith("/") || path.length() > 4096) {
      throw ToolException.validation(field, "must be an absolute workspace path, e.g. /Shared/x");
    }
    if (path.chars().anyMatch(Character::isISOControl)) {
      throw ToolException.validation(field, "contains a control character");
    }
    for (String segment : path.substring(1).split("/")) {
      if (segment.equals(".") || segment.equals("..")) {
        throw ToolException.validation(field, "may not hold '.' or '..' segments");
      }
    }
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
