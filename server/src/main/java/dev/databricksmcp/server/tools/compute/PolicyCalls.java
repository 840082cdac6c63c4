package dev.databricksmcp.server.tools.compute;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.service.compute.GetClusterPolicyRequest;
import com.databricks.sdk.service.compute.ListClusterPoliciesRequest;
import com.databricks.sdk.service.compute.ListPolicyFamiliesRequest;
import com.databricks.sdk.service.compute.ListSortColumn;
import com.databricks.sdk.service.compute.ListSortOrder;
import com.databricks.sdk.service.compute.Policy;
import com.databricks.sdk.service.compute.PolicyFamily;
import dev.databricksmcp.server.core.ToolException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Calls of the Cluster Policies and Policy Families APIs as the tools make them: a policy or a
 * family named by id or by name is resolved to its id (policy names are unique in a workspace).
 */
final class PolicyCalls {
  /** What policy ids look like: 16 hex digits, upper case ({@code 3063AE1FA3002298}). */
  private static final Pattern POLICY_ID = Pattern.compile("[0-9A-F]{16}");

  /** What policy family ids look like: {@code personal-vm}, {@code job-cluster}. */
  private static final Pattern FAMILY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private PolicyCalls() {}

  /** Every policy, by name. */
  static List<Policy> list(WorkspaceClient w) {
    Collection<Policy> all =
        w.clusterPolicies()
            .impl()
            .list(
                new ListClusterPoliciesRequest()
                    .setSortColumn(ListSortColumn.POLICY_NAME)
                    .setSortOrder(ListSortOrder.ASC))
            .getPolicies();
    return all == null ? List.of() : List.copyOf(all);
  }

  /**
   * The id of the policy the call names: an id as given, else the one policy of that name (exact,
   * any case). A name no policy has is passed on for the API to answer.
   */
  static String resolve(WorkspaceClient w, String idOrName) {
    String value = idOrName.strip();
    return POLICY_ID.matcher(value).matches()
        ? value
        : byName(list(w), value, Policy::getName).map(Policy::getPolicyId).orElse(value);
  }

  static Policy get(WorkspaceClient w, String policyId) {
    return w.clusterPolicies().get(new GetClusterPolicyRequest().setPolicyId(policyId));
  }

  /**
   * The policy a cluster is to be held to, by id or name: one that does not exist is a mistake in
   * the call.
   *
   * @throws ToolException VALIDATION_ERROR naming {@code field}
   */
  static Policy require(WorkspaceClient w, String field, String idOrName) {
    try {
      return get(w, resolve(w, idOrName));
    } catch (NotFound e) {
      throw ToolException.validation(
          field,
          "no cluster policy has the id or name '"
              + idOrName.strip()
              + "'; list_cluster_policies shows the policies you can use");
    }
  }

  /**
   * The id of the policy family the call names: the one of that name (exact, any case), else the
   * value as an id. A family id is a path segment of the API, so one that is not shaped like an id
   * is refused here rather than sent.
   *
   * @throws ToolException VALIDATION_ERROR naming {@code field}
   */
  static String resolveFamily(WorkspaceClient w, String field, String idOrName) {
    String value = idOrName.strip();
    Collection<PolicyFamily> all =
        w.policyFamilies()
            .impl()
            .list(new ListPolicyFamiliesRequest().setMaxResults(1000L))
            .getPolicyFamilies();
    String id =
        byName(all == null ? List.of() : List.copyOf(all), value, PolicyFamily::getName)
            .map(PolicyFamily::getPolicyFamilyId)
            .orElse(value);
    if (!FAMILY_ID.matcher(id).matches()) {
      throw ToolException.validation(
          field,
          "no policy family has the id or name '" + value + "'; list_policy_families shows them");
    }
    return id;
  }

  private static <T> Optional<T> byName(List<T> all, String name, Function<T, String> nameOf) {
    String wanted = name.toLowerCase(Locale.ROOT);
    return all.stream()
        .filter(p -> nameOf.apply(p) != null)
        .filter(p -> nameOf.apply(p).toLowerCase(Locale.ROOT).equals(wanted))
        .findFirst();
  }

  static String name(Policy p) {
    return "'" + p.getName() + "' (" + p.getPolicyId() + ")";
  }
}
