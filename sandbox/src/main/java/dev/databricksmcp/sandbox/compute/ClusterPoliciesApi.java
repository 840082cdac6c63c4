package dev.databricksmcp.sandbox.compute;

import com.databricks.sdk.service.compute.CreatePolicy;
import com.databricks.sdk.service.compute.CreatePolicyResponse;
import com.databricks.sdk.service.compute.DeletePolicy;
import com.databricks.sdk.service.compute.EditPolicy;
import com.databricks.sdk.service.compute.ListPoliciesResponse;
import com.databricks.sdk.service.compute.ListPolicyFamiliesResponse;
import com.databricks.sdk.service.compute.Policy;
import com.databricks.sdk.service.compute.PolicyFamily;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.http.PageTokens;
import dev.databricksmcp.sandbox.http.Router;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Cluster Policies API 2.0 (https://docs.databricks.com/api/cluster-policies/v2/policy.md:
 * create, edit, delete, get, list) and the Policy Families API
 * (https://docs.databricks.com/api/policy-families/v2/policy-family.md: list, get). "Only admin
 * users can create, edit, and delete policies"; every user may read and use every policy (the
 * sandbox has no permissions API for CAN_USE yet).
 */
public final class ClusterPoliciesApi implements ApiModule {
  private static final String BASE = "/api/2.0/policies/clusters";
  private static final String FAMILIES = "/api/2.0/policy-families";

  private final ClusterPolicies policies;

  public ClusterPoliciesApi(ClusterPolicies policies) {
    this.policies = policies;
  }

  @Override
  public void register(Router router) {
    router.get(BASE + "/get", r -> policies.get(required(r.queryParam("policy_id").orElse(null))));
    router.get(BASE + "/list", this::list);
    router.post(
        BASE + "/create",
        r -> {
          adminOnly(r);
          Policy spec = Json.MAPPER.convertValue(r.bodyAs(CreatePolicy.class), Policy.class);
          return new CreatePolicyResponse()
              .setPolicyId(policies.create(spec, r.principal().userName()));
        });
    router.post(
        BASE + "/edit",
        r -> {
          adminOnly(r);
          EditPolicy req = r.bodyAs(EditPolicy.class);
          policies.edit(required(req.getPolicyId()), Json.MAPPER.convertValue(req, Policy.class));
          return Map.of();
        });
    router.post(
        BASE + "/delete",
        r -> {
          adminOnly(r);
          policies.delete(required(r.bodyAs(DeletePolicy.class).getPolicyId()));
          return Map.of();
        });
    router.get(FAMILIES, this::families);
    router.get(
        FAMILIES + "/{policy_family_id}",
        r ->
            PolicyFamilies.get(r.pathVar("policy_family_id"))
                .orElseThrow(
                    () ->
                        // the page names no code for an unknown family
                        ApiException.notFound(
                            ErrorCode.RESOURCE_DOES_NOT_EXIST,
                            "Policy family "
                                + r.pathVar("policy_family_id")
                                + " does not exist.")));
  }

  /**
   * Sorted by {@code sort_column} (POLICY_CREATION_TIME, POLICY_NAME) in {@code sort_order} (ASC,
   * DESC); the page names no default: creation time, oldest first.
   */
  private ListPoliciesResponse list(ApiRequest r) {
    String column = r.queryParam("sort_column").orElse("POLICY_CREATION_TIME");
    String order = r.queryParam("sort_order").orElse("ASC");
    Comparator<Policy> by =
        switch (column) {
          case "POLICY_CREATION_TIME" -> Comparator.comparing(Policy::getCreatedAtTimestamp);
          case "POLICY_NAME" -> Comparator.comparing(p -> p.getName().toLowerCase(Locale.ROOT));
          default -> throw ApiException.invalid("Invalid value for sort_column: " + column);
        };
    if (!order.equals("ASC") && !order.equals("DESC")) {
      throw ApiException.invalid("Invalid value for sort_order: " + order);
    }
    List<Policy> all = new java.util.ArrayList<>(policies.list());
    all.sort(order.equals("ASC") ? by : by.reversed());
    return new ListPoliciesResponse().setPolicies(all);
  }

  /** Paged by {@code max_results} (1–1000) and {@code page_token}. */
  private ListPolicyFamiliesResponse families(ApiRequest r) {
    List<PolicyFamily> all = PolicyFamilies.all();
    int max = r.intParam("max_results").orElse(all.size());
    if (max < 1 || max > 1000) {
      throw ApiException.invalid("max_results must be between 1 and 1000.");
    }
    int from = Math.min(r.queryParam("page_token").map(PageTokens::offset).orElse(0), all.size());
    int to = Math.min(all.size(), from + max);
    return new ListPolicyFamiliesResponse()
        .setPolicyFamilies(all.subList(from, to))
        .setNextPageToken(to < all.size() ? PageTokens.of(to) : null);
  }

  private static void adminOnly(ApiRequest r) {
    if (!r.principal().admin()) {
      throw ApiException.denied(
          "Only workspace admins can create, edit or delete cluster policies.");
    }
  }

  private static String required(String id) {
    if (id == null || id.isBlank()) {
      throw ApiException.invalid("Missing required field: policy_id");
    }
    return id;
  }
}
