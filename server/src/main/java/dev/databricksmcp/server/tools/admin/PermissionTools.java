package dev.databricksmcp.server.tools.admin;

import static dev.databricksmcp.server.tools.admin.PermissionTargets.GRANTS;
import static dev.databricksmcp.server.tools.admin.PermissionTargets.OBJECT_ID;
import static dev.databricksmcp.server.tools.admin.PermissionTargets.OBJECT_TYPE;
import static dev.databricksmcp.server.tools.admin.PermissionTargets.PATH;

import com.databricks.sdk.service.iam.AccessControlRequest;
import com.databricks.sdk.service.iam.GetPermissionLevelsResponse;
import com.databricks.sdk.service.iam.ObjectPermissions;
import com.databricks.sdk.service.iam.SetObjectPermissions;
import com.databricks.sdk.service.iam.UpdateObjectPermissions;
import dev.databricksmcp.server.core.ConfirmationTarget;
import dev.databricksmcp.server.core.Counted;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.patterns.Deletion;
import dev.databricksmcp.server.tools.admin.PermissionRows.Who;
import dev.databricksmcp.server.tools.admin.PermissionTargets.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Object ACLs through the Permissions API (https://docs.databricks.com/api/workspace/permissions):
 * who holds which level on a cluster, pool, policy, job, pipeline, warehouse, notebook, folder,
 * file, repo, serving endpoint, experiment, registered model, dashboard or app; the levels a kind
 * takes; adding grants (update); replacing the direct list (set, confirmed with what it removes).
 * Every change answers the before → after of each principal it touched.
 */
final class PermissionTools {
  private PermissionTools() {}

  static List<ToolDef> definitions() {
    return List.of(get(), levels(), update(), set());
  }

  private static Schema.ObjectBuilder target() {
    return Schema.of(OBJECT_TYPE, OBJECT_ID, PATH);
  }

  static ToolDef get() {
    return ToolDef.builder(AdminToolset.ID, "get_permissions")
        .title("Get permissions")
        .description(
            "Who holds which permission level on an object (e.g. who can run a job): items of"
                + " {kind (user, group, service_principal), name, display_name, levels: [{level,"
                + " inherited_from}]}; inherited_from says where an inherited level comes from"
                + " (a folder, the kind's root). levels_low_to_high orders the kind's levels.")
        .input(target())
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              Target t = PermissionTargets.resolve(args, ctx);
              ObjectPermissions acl = ctx.workspace().permissions().get(t.requestType(), t.id());
              List<Map<String, Object>> rows = PermissionRows.rows(acl);
              List<String> order = PermissionTargets.kind(args).levels();
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("object", t.label());
              data.put("object_id", acl.getObjectId());
              data.put("levels_low_to_high", order);
              data.put("items", rows);
              return ToolResult.list(
                  data,
                  rows.size(),
                  Counted.of(rows.size(), "principal")
                      + " on "
                      + t.label()
                      + "; levels low to high: "
                      + String.join(" < ", order)
                      + ".");
            })
        .build();
  }

  static ToolDef levels() {
    return ToolDef.builder(AdminToolset.ID, "get_permission_levels")
        .title("Get permission levels")
        .description(
            "The permission levels an object takes, each with what it allows: items of {level,"
                + " description}.")
        .input(target())
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              Target t = PermissionTargets.resolve(args, ctx);
              GetPermissionLevelsResponse r =
                  ctx.workspace().permissions().getPermissionLevels(t.requestType(), t.id());
              List<Map<String, Object>> rows = new ArrayList<>();
              if (r.getPermissionLevels() != null) {
                r.getPermissionLevels()
                    .forEach(
                        d -> {
                          Map<String, Object> row = new LinkedHashMap<>();
                          row.put("level", String.valueOf(d.getPermissionLevel()));
                          row.put("description", d.getDescription());
                          rows.add(row);
                        });
              }
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("object", t.label());
              data.put("items", rows);
              return ToolResult.list(
                  data, rows.size(), Counted.of(rows.size(), "level") + " for " + t.label() + ".");
            })
        .build();
  }

  static ToolDef update() {
    return ToolDef.builder(AdminToolset.ID, "update_permissions")
        .title("Update permissions")
        .description(
            "Grant permission levels on an object (needs CAN_MANAGE), e.g. grants"
                + " [{\"group_name\": \"analysts\", \"permission_level\": \"CAN_MANAGE_RUN\"}];"
                + " a principal's direct level is replaced by the one given, the others keep"
                + " theirs. Answers each touched principal's levels before and after.")
        .input(
            target()
                .property(
                    GRANTS,
                    PermissionTargets.grantsSchema(
                        "Grants to add: {user_name | group_name | service_principal_name,"
                            + " permission_level}"),
                    true))
        .hints(ToolHints.write(true))
        .checkWith("get_permissions")
        .handler(
            (args, ctx) -> {
              Target t = PermissionTargets.resolve(args, ctx);
              List<AccessControlRequest> grants =
                  PermissionTargets.grants(args, PermissionTargets.kind(args), false);
              ObjectPermissions before = ctx.workspace().permissions().get(t.requestType(), t.id());
              ObjectPermissions after =
                  ctx.workspace()
                      .permissions()
                      .update(
                          new UpdateObjectPermissions()
                              .setRequestObjectType(t.requestType())
                              .setRequestObjectId(t.id())
                              .setAccessControlList(grants));
              return changed(t, grants, before, after, "Updated", Map.of());
            })
        .build();
  }

  /** A set resolved once: the object, its ACL now, the list asked for, what goes and comes. */
  private record Replacement(
      Target target,
      ObjectPermissions before,
      List<AccessControlRequest> grants,
      List<String> removed,
      List<String> added) {}

  static ToolDef set() {
    Deletion<Replacement> replacement =
        Deletion.of(
            (args, ctx) -> {
              Target t = PermissionTargets.resolve(args, ctx);
              List<AccessControlRequest> grants =
                  PermissionTargets.grants(args, PermissionTargets.kind(args), true);
              ObjectPermissions before = ctx.workspace().permissions().get(t.requestType(), t.id());
              return diff(t, before, grants);
            },
            (r, args, ctx) ->
                ConfirmationTarget.irreversible(
                    "replace the direct permissions of "
                        + r.target().label()
                        + " in "
                        + ctx.workspaceHost()
                        + ": remove "
                        + (r.removed().isEmpty() ? "nothing" : String.join("; ", r.removed()))
                        + ", add "
                        + (r.added().isEmpty() ? "nothing" : String.join("; ", r.added()))
                        + " (inherited permissions are not removed by this)",
                    r.target().requestType()
                        + "|"
                        + r.target().id()
                        + "|"
                        + r.removed()
                        + "|"
                        + r.added()),
            (r, args, ctx) -> {
              Target t = r.target();
              ObjectPermissions after =
                  ctx.workspace()
                      .permissions()
                      .set(
                          new SetObjectPermissions()
                              .setRequestObjectType(t.requestType())
                              .setRequestObjectId(t.id())
                              .setAccessControlList(r.grants()));
              Map<String, Object> diff = new LinkedHashMap<>();
              diff.put("removed", r.removed());
              diff.put("added", r.added());
              return changed(t, r.grants(), r.before(), after, "Replaced", diff);
            });
    return ToolDef.builder(AdminToolset.ID, "set_permissions")
        .title("Set permissions")
        .description(
            "Replace the whole list of direct permissions on an object with grants (needs"
                + " CAN_MANAGE; [] removes every direct grant). Permissions inherited from a"
                + " folder or the kind's root stay. Confirmed first with exactly what is removed"
                + " and added; jobs, pipelines and warehouses must keep one IS_OWNER. Answers each"
                + " touched principal's levels before and after.")
        .input(
            target()
                .property(
                    GRANTS,
                    PermissionTargets.grantsSchema(
                        "The complete direct list: {user_name | group_name |"
                            + " service_principal_name, permission_level}"),
                    true))
        .hints(ToolHints.destructive(true))
        .checkWith("get_permissions")
        .confirmTarget(replacement)
        .handler(replacement)
        .build();
  }

  /** What a set removes and adds, principal by principal, against the direct list now. */
  private static Replacement diff(
      Target t, ObjectPermissions before, List<AccessControlRequest> grants) {
    Map<Who, List<String>> held = PermissionRows.direct(before);
    Map<String, String> asked = new LinkedHashMap<>();
    Map<String, Who> names = new LinkedHashMap<>();
    for (AccessControlRequest g : grants) {
      Who who = who(g);
      asked.put(who.key(), String.valueOf(g.getPermissionLevel()));
      names.put(who.key(), who);
    }
    List<String> removed = new ArrayList<>();
    held.forEach(
        (who, levels) -> {
          for (String level : levels) {
            if (!level.equals(asked.get(who.key()))) {
              removed.add(who + ": " + level);
            }
          }
        });
    List<String> added = new ArrayList<>();
    asked.forEach(
        (key, level) -> {
          boolean had =
              held.entrySet().stream()
                  .anyMatch(e -> e.getKey().key().equals(key) && e.getValue().contains(level));
          if (!had) {
            added.add(names.get(key) + ": " + level);
          }
        });
    return new Replacement(t, before, grants, removed, added);
  }

  private static Who who(AccessControlRequest g) {
    if (g.getUserName() != null) {
      return new Who("user", g.getUserName());
    }
    if (g.getServicePrincipalName() != null) {
      return new Who("service_principal", g.getServicePrincipalName());
    }
    return new Who("group", g.getGroupName());
  }

  /**
   * The result of a change: the principals named and any whose direct levels moved (a new owner's
   * predecessor, those a set removed), each with what they held before and hold after.
   */
  private static ToolResult changed(
      Target t,
      List<AccessControlRequest> grants,
      ObjectPermissions before,
      ObjectPermissions after,
      String verb,
      Map<String, Object> extra) {
    Set<String> seen = new LinkedHashSet<>();
    List<Who> touched = new ArrayList<>();
    for (AccessControlRequest g : grants) {
      Who who = who(g);
      if (seen.add(who.key())) {
        touched.add(who);
      }
    }
    Map<Who, List<String>> was = PermissionRows.direct(before);
    Map<Who, List<String>> now = PermissionRows.direct(after);
    for (Map.Entry<Who, List<String>> e : was.entrySet()) {
      if (!e.getValue().equals(now.get(e.getKey())) && seen.add(e.getKey().key())) {
        touched.add(e.getKey());
      }
    }
    List<Map<String, Object>> changes = PermissionRows.changes(touched, before, after);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("object", t.label());
    data.put("changes", changes);
    data.putAll(extra);
    StringBuilder text = new StringBuilder(verb + " permissions on " + t.label() + ":");
    for (Map<String, Object> c : changes) {
      text.append(' ')
          .append(c.get("kind"))
          .append(' ')
          .append(c.get("name"))
          .append(' ')
          .append(words(c.get("before")))
          .append(" -> ")
          .append(words(c.get("after")))
          .append(';');
    }
    text.setCharAt(text.length() - 1, '.');
    return ToolResult.of(data, text.toString());
  }

  private static String words(Object levels) {
    return levels instanceof List<?> l && !l.isEmpty() ? l.toString() : "[none]";
  }
}
