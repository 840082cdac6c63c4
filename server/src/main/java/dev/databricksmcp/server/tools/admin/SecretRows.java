package dev.databricksmcp.server.tools.admin;

import com.databricks.sdk.service.workspace.AclItem;
import com.databricks.sdk.service.workspace.SecretMetadata;
import com.databricks.sdk.service.workspace.SecretScope;
import dev.databricksmcp.server.core.Times;
import java.util.LinkedHashMap;
import java.util.Map;

/** Secret scopes, secrets and ACLs as rows. A secret's row has no value: none is ever fetched. */
final class SecretRows {
  private SecretRows() {}

  static Map<String, Object> scope(SecretScope s) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", s.getName());
    row.put("backend_type", s.getBackendType() == null ? null : s.getBackendType().name());
    return row;
  }

  static Map<String, Object> secret(SecretMetadata s) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("key", s.getKey());
    row.put("updated_at", Times.iso(s.getLastUpdatedTimestamp()));
    return row;
  }

  static Map<String, Object> acl(AclItem a) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("principal", a.getPrincipal());
    row.put("permission", a.getPermission() == null ? null : a.getPermission().name());
    return row;
  }
}
