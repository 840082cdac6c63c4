package dev.databricksmcp.server.tools.compute;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.service.compute.ClusterDetails;
import com.databricks.sdk.service.compute.CreatePolicy;
import com.databricks.sdk.service.compute.DeletePolicy;
import com.databricks.sdk.service.compute.GetPolicyFamilyRequest;
import com.databricks.sdk.service.compute.ListClustersFilterBy;
import com.databricks.sdk.service.compute.ListClustersRequest;
import com.databricks.sdk.service.compute.ListPolicyFamiliesRequest;
import com.databricks.sdk.service.compute.ListPolicyFamiliesResponse;
import com.databricks.sdk.service.compute.Policy;
import com.databricks.sdk.service.compute.PolicyFamily;
import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.ConfirmationTarget;
import dev.databricksmcp.server.core.Counted;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.patterns.Deletion;
import dev.databricksmcp.server.core.patterns.Listing;
import dev.databricksmcp.server.core.patterns.Lookup;
import dev.databricksmcp.server.core.patterns.WholeListPages;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Cluster policies (list, get, create, delete) and the policy families they start from. */
final class ClusterPolicyTools {
  static final Param<String> POLICY_ID =
      Param.string("policy_id", "Cluster policy id, or its name (exact, any case)").required();

  private static final Param<String> FAMILY_ID =
      Param.string(
          "policy_family_id", "Policy family id or name (list_policy_families), e.g. personal-vm");

  private static final String DEFINITION = "definition";
  private static final String OVERRIDES = "policy_family_definition_overrides";

  private static final Param<String> DESCRIPTION =
      Param.string("description", "What the policy is for");

  private static final Param<Integer> MAX_CLUSTERS =
      Param.integer(
              "max_clusters_per_user",
              "Most clusters one user may have under it (default: no limit)")
          .range(1, 10_000);

  private ClusterPolicyTools() {}

  static List<ToolDef> definitions() {
    return List.of(list(), get(), create(), delete(), listFamilies(), getFamily());
  }

  static ToolDef list() {
    Listing<Policy> listing =
        Listing.<Policy>of(
                "cluster policies",
                (page, args, ctx) -> WholeListPages.of(PolicyCalls.list(ctx.workspace()), page))
            .compact(PolicyRows::policy, PolicyRows::policyDetail);
    return ToolDef.builder(ComputeToolset.ID, "list_cluster_policies")
        .title("List cluster policies")
        .description(
            "Cluster policies, by name: policy_id, name, description, family, creator, created_at,"
                + " default or not. detail=true adds each policy's rules. create_cluster takes a"
                + " policy by id or name.")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  static ToolDef get() {
    Lookup<Policy> lookup =
        Lookup.of(
                POLICY_ID,
                (key, ctx) ->
                    PolicyCalls.get(ctx.workspace(), PolicyCalls.resolve(ctx.workspace(), key)),
                p ->
                    "Cluster policy "
                        + PolicyCalls.name(p)
                        + " has "
                        + Counted.of(PolicyDefinitions.rules(p.getDefinition()).size(), "rule")
                        + "; create_cluster with this policy_id gets its fixed values and defaults.")
            .shape(PolicyRows::policyDetail);
    return ToolDef.builder(ComputeToolset.ID, "get_cluster_policy")
        .title("Get cluster policy")
        .description(
            "One cluster policy (by id or name): the fields of list_cluster_policies and its rules,"
                + " one per attribute: type (fixed, forbidden, allowlist, blocklist, regex, range,"
                + " unlimited), the rule in words, default_value, hidden, optional.")
        .input(lookup.input())
        .hints(ToolHints.read())
        .handler(lookup)
        .build();
  }

  /** A definition argument: a JSON object, or the same as text. */
  private static Map<String, Object> definitionSchema(String description) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", List.of("object", "string"));
    p.put("description", description);
    return p;
  }

  static ToolDef create() {
    Param<String> name = Param.string("name", "Policy name (unique, 1-100 characters)").required();
    return ToolDef.builder(ComputeToolset.ID, "create_cluster_policy")
        .title("Create cluster policy")
        .description(
            "Create a cluster policy (admins only): either a definition, or a policy_family_id"
                + " with optional overrides of the family's rules. A definition maps attribute"
                + " paths to rules, e.g. {\"autotermination_minutes\": {\"type\": \"range\","
                + " \"maxValue\": 120, \"defaultValue\": 60}, \"spark_version\": {\"type\":"
                + " \"fixed\", \"value\": \"auto:latest-lts\"}}.")
        .input(
            Schema.of(name)
                .property(
                    DEFINITION,
                    definitionSchema(
                        "Policy definition: JSON object (or its text), attribute to rule"),
                    false)
                .param(FAMILY_ID)
                .property(
                    OVERRIDES,
                    definitionSchema(
                        "With policy_family_id: rules replacing or adding to the family's"),
                    false)
                .params(DESCRIPTION, MAX_CLUSTERS))
        .hints(ToolHints.write(false))
        .checkWith("list_cluster_policies")
        .handler(
            (args, ctx) -> {
              WorkspaceClient w = ctx.workspace();
              CreatePolicy req = new CreatePolicy().setName(name.of(args));
              String invalid = spec(args, w, req);
              DESCRIPTION.optional(args).ifPresent(req::setDescription);
              MAX_CLUSTERS.optional(args).ifPresent(v -> req.setMaxClustersPerUser((long) v));
              String id;
              try {
                id = w.clusterPolicies().create(req).getPolicyId();
              } catch (DatabricksError e) {
                // the API's word on a definition it cannot take is about that argument
                if (String.valueOf(e.getMessage())
                    .toLowerCase(Locale.ROOT)
                    .contains("definition")) {
                  throw ToolException.validation(invalid, String.valueOf(e.getMessage()));
                }
                throw e;
              }
              String said =
                  "Created cluster policy '"
                      + req.getName()
                      + "' ("
                      + id
                      + "); create_cluster takes it as policy_id.";
              try {
                return ToolResult.of(PolicyRows.policyDetail(PolicyCalls.get(w, id)), said);
              } catch (RuntimeException e) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("policy_id", id);
                data.put("name", req.getName());
                return ToolResult.of(
                    data, said + " Reading it back failed; get_cluster_policy shows it.");
              }
            })
        .build();
  }

  /**
   * The definition or the family (and overrides) of a new policy, checked; returns the argument an
   * API refusal of the definition is about.
   */
  private static String spec(Args args, WorkspaceClient w, CreatePolicy req) {
    Object definition = args.asMap().get(DEFINITION);
    Object overrides = args.asMap().get(OVERRIDES);
    String family = FAMILY_ID.optional(args).orElse(null);
    if (family == null) {
      if (overrides != null) {
        throw ToolException.validation(OVERRIDES, "needs policy_family_id");
      }
      if (definition == null) {
        throw ToolException.validation(
            DEFINITION, "give a definition, or a policy_family_id (list_policy_families)");
      }
      req.setDefinition(PolicyDefinitions.fromArgument(DEFINITION, definition));
      return DEFINITION;
    }
    if (definition != null) {
      throw ToolException.validation(
          DEFINITION,
          "give a definition or a policy_family_id, not both; change a family's rules with "
              + OVERRIDES);
    }
    req.setPolicyFamilyId(PolicyCalls.resolveFamily(w, FAMILY_ID.name(), family));
    if (overrides != null) {
      req.setPolicyFamilyDefinitionOverrides(PolicyDefinitions.fromArgument(OVERRIDES, overrides));
    }
    return OVERRIDES;
  }

  /** A policy and the clusters it governs, resolved once for the confirmation and the act. */
  private record Doomed(Policy policy, List<ClusterDetails> governed) {}

  static ToolDef delete() {
    Deletion<Doomed> deletion =
        Deletion.of(
            (args, ctx) -> {
              WorkspaceClient w = ctx.workspace();
              Policy p = PolicyCalls.get(w, PolicyCalls.resolve(w, POLICY_ID.of(args)));
              Collection<ClusterDetails> governed =
                  w.clusters()
                      .impl()
                      .list(
                          new ListClustersRequest()
                              .setPageSize(100L)
                              .setFilterBy(new ListClustersFilterBy().setPolicyId(p.getPolicyId())))
                      .getClusters();
              return new Doomed(p, governed == null ? List.of() : List.copyOf(governed));
            },
            (d, args, ctx) ->
                ConfirmationTarget.irreversible(
                    "delete cluster policy "
                        + PolicyCalls.name(d.policy())
                        + (d.governed().isEmpty()
                            ? ""
                            : " ("
                                + Counted.of(d.governed().size(), "cluster", "clusters")
                                + " governed by it can still run but cannot be edited: "
                                + d.governed().stream()
                                    .map(ClusterStateTools::name)
                                    .collect(Collectors.joining(", "))
                                + ")")
                        + " in "
                        + ctx.workspaceHost(),
                    d.policy().getPolicyId() + "|" + d.policy().getName()),
            (d, args, ctx) -> {
              String id = d.policy().getPolicyId();
              ctx.workspace().clusterPolicies().delete(new DeletePolicy().setPolicyId(id));
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("policy_id", id);
              data.put("name", d.policy().getName());
              data.put("deleted", true);
              return ToolResult.of(
                  data, "Deleted cluster policy " + PolicyCalls.name(d.policy()) + ".");
            });
    return ToolDef.builder(ComputeToolset.ID, "delete_cluster_policy")
        .title("Delete cluster policy")
        .description(
            "Delete a cluster policy (admins only): clusters governed by it can still run but"
                + " cannot be edited. The confirmation names them.")
        .input(Schema.of(POLICY_ID))
        .hints(ToolHints.destructive(true))
        .checkWith("list_cluster_policies")
        .confirmTarget(deletion)
        .handler(deletion)
        .build();
  }

  static ToolDef listFamilies() {
    Listing<PolicyFamily> listing =
        Listing.<PolicyFamily>of(
                "policy families",
                (page, args, ctx) -> {
                  ListPolicyFamiliesResponse r =
                      ctx.workspace()
                          .policyFamilies()
                          .impl()
                          .list(
                              new ListPolicyFamiliesRequest()
                                  .setMaxResults((long) page.maxResults())
                                  .setPageToken(page.pageToken()));
                  return Listing.Page.of(r.getPolicyFamilies(), r.getNextPageToken());
                })
            .compact(PolicyRows::family, PolicyRows::familyDetail);
    return ToolDef.builder(ComputeToolset.ID, "list_policy_families")
        .title("List policy families")
        .description(
            "Databricks' policy templates (Personal Compute, Job Compute, ...):"
                + " policy_family_id, name, description. detail=true adds their rules;"
                + " create_cluster_policy starts a policy from one.")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  static ToolDef getFamily() {
    Lookup<PolicyFamily> lookup =
        Lookup.of(
                FAMILY_ID.required(),
                (key, ctx) ->
                    ctx.workspace()
                        .policyFamilies()
                        .get(
                            new GetPolicyFamilyRequest()
                                .setPolicyFamilyId(
                                    PolicyCalls.resolveFamily(
                                        ctx.workspace(), FAMILY_ID.name(), key))),
                f ->
                    "Policy family '"
                        + f.getName()
                        + "' ("
                        + f.getPolicyFamilyId()
                        + ") has "
                        + Counted.of(PolicyDefinitions.rules(f.getDefinition()).size(), "rule")
                        + "; create_cluster_policy with this policy_family_id starts from them.")
            .shape(PolicyRows::familyDetail);
    return ToolDef.builder(ComputeToolset.ID, "get_policy_family")
        .title("Get policy family")
        .description(
            "One policy family (by id or name): name, description and its rules, one per"
                + " attribute as get_cluster_policy shows them.")
        .input(lookup.input())
        .hints(ToolHints.read())
        .handler(lookup)
        .build();
  }
}
