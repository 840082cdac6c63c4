package dev.databricksmcp.server.tools.compute;

import com.databricks.sdk.service.compute.Policy;
import com.databricks.sdk.service.compute.PolicyFamily;
import dev.databricksmcp.server.core.Times;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cluster policies and policy families as the policy tools answer them (docs/OUTPUT.md): a list row
 * and a get share field names, the get adds {@code rules}, the definition one attribute at a time
 * ({@link PolicyDefinitions#rules}) rather than the API's JSON string.
 */
final class PolicyRows {
  private PolicyRows() {}

  static Map<String, Object> policy(Policy p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("policy_id", p.getPolicyId());
    out.put("name", p.getName());
    out.put("description", p.getDescription());
    out.put("policy_family_id", p.getPolicyFamilyId());
    out.put("creator", p.getCreatorUserName());
    out.put("created_at", Times.iso(p.getCreatedAtTimestamp()));
    out.put("is_default", Boolean.TRUE.equals(p.getIsDefault()));
    out.put("max_clusters_per_user", p.getMaxClustersPerUser());
    return out;
  }

  static Map<String, Object> policyDetail(Policy p) {
    Map<String, Object> out = policy(p);
    out.put("rules", PolicyDefinitions.rules(p.getDefinition()));
    if (p.getPolicyFamilyDefinitionOverrides() != null) {
      out.put("overridden", PolicyDefinitions.rules(p.getPolicyFamilyDefinitionOverrides()));
    }
    return out;
  }

  static Map<String, Object> family(PolicyFamily f) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("policy_family_id", f.getPolicyFamilyId());
    out.put("name", f.getName());
    out.put("description", f.getDescription());
    return out;
  }

  static Map<String, Object> familyDetail(PolicyFamily f) {
    Map<String, Object> out = family(f);
    out.put("rules", PolicyDefinitions.rules(f.getDefinition()));
    return out;
  }
}
