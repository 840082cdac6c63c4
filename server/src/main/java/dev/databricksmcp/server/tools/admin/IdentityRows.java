package dev.databricksmcp.server.tools.admin;

import com.databricks.sdk.service.iam.ComplexValue;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.databricks.sdk.service.iam.User;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Users, groups and service principals as rows: SCIM's camelCase made snake_case. */
final class IdentityRows {
  private IdentityRows() {}

  static Map<String, Object> user(User u) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", u.getId());
    row.put("user_name", u.getUserName());
    row.put("display_name", u.getDisplayName());
    row.put("active", u.getActive());
    return row;
  }

  static Map<String, Object> userDetail(User u) {
    Map<String, Object> row = user(u);
    row.put("groups", names(u.getGroups()));
    row.put("admin", names(u.getGroups()).contains("admins"));
    return row;
  }

  static Map<String, Object> group(Group g) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", g.getId());
    row.put("name", g.getDisplayName());
    row.put("member_count", g.getMembers() == null ? 0 : g.getMembers().size());
    return row;
  }

  /** A group with its members: id, name and whether each is a user, service principal or group. */
  static Map<String, Object> groupDetail(Group g) {
    Map<String, Object> row = group(g);
    row.put(
        "members",
        g.getMembers() == null
            ? List.of()
            : g.getMembers().stream().map(IdentityRows::member).toList());
    return row;
  }

  static Map<String, Object> servicePrincipal(ServicePrincipal sp) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", sp.getId());
    row.put("application_id", sp.getApplicationId());
    row.put("display_name", sp.getDisplayName());
    row.put("active", sp.getActive());
    return row;
  }

  private static Map<String, Object> member(ComplexValue m) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", m.getValue());
    row.put("name", m.getDisplay());
    row.put("type", memberType(m.getRef()));
    return row;
  }

  /**
   * From the member's {@code $ref} ({@code Users/…}, {@code ServicePrincipals/…}, {@code
   * Groups/…}).
   */
  private static String memberType(String ref) {
    if (ref == null) {
      return null;
    }
    if (ref.startsWith("ServicePrincipals/")) {
      return "SERVICE_PRINCIPAL";
    }
    return ref.startsWith("Groups/") ? "GROUP" : "USER";
  }

  static List<String> names(Collection<ComplexValue> values) {
    return values == null ? List.of() : values.stream().map(ComplexValue::getDisplay).toList();
  }
}
