package dev.databricksmcp.server.tools.admin;

import com.databricks.sdk.service.iam.AccessControlResponse;
import com.databricks.sdk.service.iam.ObjectPermissions;
import com.databricks.sdk.service.iam.Permission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Object ACLs as the permission tools show them: one compact row per principal ({@code kind},
 * {@code name}, {@code display_name}, {@code levels}), each level direct or with where it is
 * inherited from in words ("folder 123", "the jobs root"), and the before → after of the principals
 * a change touches.
 */
final class PermissionRows {
  private PermissionRows() {}

  /** A principal as a key: its kind and its name, case aside. */
  record Who(String kind, String name) {
    static Who of(AccessControlResponse e) {
      if (e.getUserName() != null) {
        return new Who("user", e.getUserName());
      }
      if (e.getServicePrincipalName() != null) {
        return new Who("service_principal", e.getServicePrincipalName());
      }
      return new Who("group", String.valueOf(e.getGroupName()));
    }

    String key() {
      return kind + ":" + name.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
      return kind.replace('_', ' ') + " " + name;
    }
  }

  /** Every principal of the ACL with its levels. */
  static List<Map<String, Object>> rows(ObjectPermissions acl) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (AccessControlResponse e : entries(acl)) {
      Who who = Who.of(e);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("kind", who.kind());
      row.put("name", who.name());
      if (e.getDisplayName() != null && !e.getDisplayName().equals(who.name())) {
        row.put("display_name", e.getDisplayName());
      }
      row.put("levels", levels(e));
      out.add(row);
    }
    return out;
  }

  private static List<Map<String, Object>> levels(AccessControlResponse e) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (e.getAllPermissions() == null) {
      return out;
    }
    for (Permission p : e.getAllPermissions()) {
      Map<String, Object> level = new LinkedHashMap<>();
      level.put("level", String.valueOf(p.getPermissionLevel()));
      if (Boolean.TRUE.equals(p.getInherited())) {
        level.put("inherited_from", inheritedFrom(p));
      }
      out.add(level);
    }
    return out;
  }

  /** Where an inherited level comes from, in words: {@code /directories/12} is "folder 12". */
  static String inheritedFrom(Permission p) {
    if (p.getInheritedFromObject() == null || p.getInheritedFromObject().isEmpty()) {
      return "inherited";
    }
    List<String> words = new ArrayList<>();
    for (String from : p.getInheritedFromObject()) {
      words.add(words(from));
    }
    return String.join(", ", words);
  }

  private static String words(String objectId) {
    String[] parts = objectId.split("/");
    // "/jobs/" splits into ["", "jobs"]; "/directories/12" into ["", "directories", "12"]
    if (parts.length < 3) {
      String kind = parts.length == 2 ? parts[1] : objectId;
      return kind.equals("directories") ? "the workspace root" : "the " + kind + " root";
    }
    String id = parts[parts.length - 1];
    String kind = parts[parts.length - 2];
    return switch (kind) {
      case "directories" -> "folder " + id;
      case "repos" -> "Git folder " + id;
      case "notebooks" -> "notebook " + id;
      default -> kind + " " + id;
    };
  }

  /** The levels each principal holds directly (not inherited), by principal. */
  static Map<Who, List<String>> direct(ObjectPermissions acl) {
    Map<Who, List<String>> out = new LinkedHashMap<>();
    for (AccessControlResponse e : entries(acl)) {
      if (e.getAllPermissions() == null) {
        continue;
      }
      for (Permission p : e.getAllPermissions()) {
        if (!Boolean.TRUE.equals(p.getInherited())) {
          out.computeIfAbsent(Who.of(e), w -> new ArrayList<>())
              .add(String.valueOf(p.getPermissionLevel()));
        }
      }
    }
    return out;
  }

  /** Every level a principal holds, direct or inherited, as short text. */
  static Map<String, List<String>> summary(ObjectPermissions acl) {
    Map<String, List<String>> out = new TreeMap<>();
    for (AccessControlResponse e : entries(acl)) {
      List<String> levels = new ArrayList<>();
      if (e.getAllPermissions() != null) {
        for (Permission p : e.getAllPermissions()) {
          levels.add(
              p.getPermissionLevel()
                  + (Boolean.TRUE.equals(p.getInherited())
                      ? " (inherited from " + inheritedFrom(p) + ")"
                      : ""));
        }
      }
      out.put(Who.of(e).key(), levels);
    }
    return out;
  }

  /**
   * The principals {@code keys} touched, each with what they held before and hold after ("none"
   * when nothing): the before → after of a change.
   */
  static List<Map<String, Object>> changes(
      List<Who> touched, ObjectPermissions before, ObjectPermissions after) {
    Map<String, List<String>> was = summary(before);
    Map<String, List<String>> now = summary(after);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Who who : touched) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("kind", who.kind());
      row.put("name", who.name());
      row.put("before", was.getOrDefault(who.key(), List.of()));
      row.put("after", now.getOrDefault(who.key(), List.of()));
      out.add(row);
    }
    return out;
  }

  private static List<AccessControlResponse> entries(ObjectPermissions acl) {
    return acl == null || acl.getAccessControlList() == null
        ? List.of()
        : new ArrayList<>(acl.getAccessControlList());
  }
}
