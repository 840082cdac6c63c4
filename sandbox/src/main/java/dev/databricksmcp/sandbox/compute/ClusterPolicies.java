package dev.databricksmcp.sandbox.compute;

import com.databricks.sdk.service.compute.Policy;
import com.databricks.sdk.service.compute.PolicyFamily;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.state.PersistentState;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cluster policies (https://docs.databricks.com/api/cluster-policies/v2/policy.md): a name, a
 * definition in the policy definition language ({@link PolicyRules}), or a policy family with
 * overrides, whose merged definition is what {@code definition} shows and what clusters are held
 * to. Kept with {@code --sandbox-dir} ({@code DIR/state/cluster-policies.json}).
 */
public final class ClusterPolicies implements PersistentState {
  private final Map<String, Policy> policies = new LinkedHashMap<>();
  private final SecureRandom random = new SecureRandom();

  /** A new policy; returns its id. */
  public synchronized String create(Policy spec, String user) {
    requireName(spec.getName(), null);
    String id;
    do {
      byte[] bytes = new byte[8];
      random.nextBytes(bytes);
      id = HexFormat.of().withUpperCase().formatHex(bytes);
    } while (policies.containsKey(id));
    Policy p =
        new Policy()
            .setPolicyId(id)
            .setCreatorUserName(user)
            .setCreatedAtTimestamp(System.currentTimeMillis())
            .setIsDefault(false);
    fill(p, spec);
    policies.put(id, p);
    return id;
  }

  /** Replaces the policy's name, definition, description, limits and libraries. */
  public synchronized void edit(String id, Policy spec) {
    Policy p = kept(id);
    requireName(spec.getName(), id);
    fill(p, spec);
  }

  /** Removes the policy; clusters governed by it keep running (delete-policy.md). */
  public synchronized void delete(String id) {
    kept(id);
    policies.remove(id);
  }

  public synchronized Policy get(String id) {
    return copy(kept(id));
  }

  /** Every policy, oldest first. */
  public synchronized List<Policy> list() {
    List<Policy> out = new ArrayList<>();
    policies.values().forEach(p -> out.add(copy(p)));
    return out;
  }

  /** The definition a cluster with this policy is held to. */
  public synchronized ObjectNode definition(String id) {
    return PolicyRules.parse(kept(id).getDefinition());
  }

  private static void fill(Policy p, Policy spec) {
    String definition = spec.getDefinition();
    if (spec.getPolicyFamilyId() != null) {
      if (definition != null && !definition.isBlank()) {
        throw ApiException.invalid(
            "definition cannot be used with policy_family_id: use"
                + " policy_family_definition_overrides to customise the family's definition.");
      }
      PolicyFamily family =
          PolicyFamilies.get(spec.getPolicyFamilyId())
              .orElseThrow(
                  () ->
                      ApiException.invalid(
                          "Policy family " + spec.getPolicyFamilyId() + " does not exist."));
      definition =
          PolicyRules.merged(family.getDefinition(), spec.getPolicyFamilyDefinitionOverrides())
              .toString();
    } else {
      if (spec.getPolicyFamilyDefinitionOverrides() != null) {
        throw ApiException.invalid("policy_family_definition_overrides needs a policy_family_id.");
      }
      definition = definition == null || definition.isBlank() ? "{}" : definition;
      PolicyRules.parse(definition);
    }
    if (spec.getMaxClustersPerUser() != null && spec.getMaxClustersPerUser() < 1) {
      throw ApiException.invalid("max_clusters_per_user must be at least 1.");
    }
    p.setName(spec.getName())
        .setDefinition(definition)
        .setDescription(spec.getDescription())
        .setMaxClustersPerUser(spec.getMaxClustersPerUser())
        .setPolicyFamilyId(spec.getPolicyFamilyId())
        .setPolicyFamilyDefinitionOverrides(
            spec.getPolicyFamilyId() == null ? null : spec.getPolicyFamilyDefinitionOverrides())
        .setLibraries(spec.getLibraries());
  }

  private void requireName(String name, String self) {
    if (name == null || name.isBlank()) {
      throw ApiException.invalid("Missing required field: name");
    }
    // "Length must be between 1 and 100 characters." (create-policy.md)
    if (name.length() > 100) {
      throw ApiException.invalid("name must be between 1 and 100 characters.");
    }
    // "This has to be unique." The page names no code for a duplicate.
    for (Policy p : policies.values()) {
      if (p.getName().equals(name) && !p.getPolicyId().equals(self)) {
        throw ApiException.invalid("Policy with name " + name + " already exists.");
      }
    }
  }

  private Policy kept(String id) {
    Policy p = id == null ? null : policies.get(id);
    if (p == null) {
      // the message the service gives (databrickslabs/ucx#483: "Can't find a cluster policy with
      // id: 3063AE1FA3002298."); the page names no code: RESOURCE_DOES_NOT_EXIST, 404
      throw ApiException.notFound(
          ErrorCode.RESOURCE_DOES_NOT_EXIST, "Can't find a cluster policy with id: " + id + ".");
    }
    return p;
  }

  private static Policy copy(Policy p) {
    return Json.MAPPER.convertValue(p, Policy.class);
  }

  @Override
  public String persistenceName() {
    return "cluster-policies";
  }

  @Override
  public synchronized JsonNode save() {
    return Json.MAPPER.valueToTree(new ArrayList<>(policies.values()));
  }

  @Override
  public synchronized void restore(JsonNode saved) {
    policies.clear();
    for (Policy p : Json.MAPPER.convertValue(saved, new TypeReference<List<Policy>>() {})) {
      policies.put(p.getPolicyId(), p);
    }
  }
}
