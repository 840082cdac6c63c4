package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.analyst;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.quote;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.compute.ClusterDetails;
import com.databricks.sdk.service.compute.CreateCluster;
import com.databricks.sdk.service.compute.CreatePolicy;
import com.databricks.sdk.service.compute.EditPolicy;
import com.databricks.sdk.service.compute.GetPolicyFamilyRequest;
import com.databricks.sdk.service.compute.ListClusterPoliciesRequest;
import com.databricks.sdk.service.compute.ListPolicyFamiliesRequest;
import com.databricks.sdk.service.compute.ListSortColumn;
import com.databricks.sdk.service.compute.ListSortOrder;
import com.databricks.sdk.service.compute.Policy;
import com.databricks.sdk.service.compute.PolicyFamily;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Identities;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Cluster Policies API (index: https://docs.databricks.com/api/cluster-policies/v2/policy.md),
 * the Policy Families API (https://docs.databricks.com/api/policy-families/v2/policy-family.md) and
 * policies enforced on cluster create and edit, as the compute policy reference describes them
 * (https://docs.databricks.com/aws/en/admin/clusters/policy-definition). Where a page names no
 * error code, the test says so and asserts only a client error, or cites where the service's answer
 * is seen.
 */
@Timeout(180)
@ExtendWith(SharedSandbox.class)
class ClusterPoliciesContractTest {
  static final String BASE = "/api/2.0/policies/clusters";
  private static final String FAMILIES = "/api/2.0/policy-families";
  private static final String INVALID = "INVALID_PARAMETER_VALUE";

  /** The Policy object (https://docs.databricks.com/api/cluster-policies/v2/policy/object.md). */
  static final JsonShape POLICY =
      JsonShape.of(
              "{\"policy_id\": \"string\", \"name\": \"string\", \"definition\": \"string\","
                  + " \"description\": \"string\", \"creator_user_name\": \"string\","
                  + " \"created_at_timestamp\": 0, \"is_default\": true,"
                  + " \"max_clusters_per_user\": 0, \"policy_family_id\": \"string\","
                  + " \"policy_family_definition_overrides\": \"string\", \"libraries\": []}")
          .required("policy_id", "name", "definition", "creator_user_name", "created_at_timestamp");

  /** The PolicyFamily object: every field a string, the definition a JSON document as a string. */
  private static final JsonShape FAMILY =
      JsonShape.of(
              "{\"policy_family_id\": \"string\", \"name\": \"string\", \"description\":"
                  + " \"string\", \"definition\": \"string\"}")
          .required("policy_family_id", "name", "description", "definition");

  private static final String SIMPLE =
      "\"spark_version\": \"15.4.x-scala2.12\", \"node_type_id\": \"m5d.large\","
          + " \"num_workers\": 1";

  private static final String RULES =
      "{\"spark_version\": {\"type\": \"regex\", \"pattern\": \"1[5-7]\\\\.[0-9]+\\\\.x-scala.*\"},"
          + " \"node_type_id\": {\"type\": \"allowlist\", \"values\": [\"m5d.large\","
          + " \"m5d.xlarge\"], \"defaultValue\": \"m5d.large\"},"
          + " \"num_workers\": {\"type\": \"range\", \"minValue\": 1, \"maxValue\": 4,"
          + " \"defaultValue\": 2},"
          + " \"runtime_engine\": {\"type\": \"blocklist\", \"values\": [\"PHOTON\"],"
          + " \"isOptional\": true},"
          + " \"autotermination_minutes\": {\"type\": \"fixed\", \"value\": 30, \"hidden\": true},"
          + " \"custom_tags.team\": {\"type\": \"fixed\", \"value\": \"data\"},"
          + " \"spark_env_vars.STAGE\": {\"type\": \"unlimited\", \"defaultValue\": \"dev\","
          + " \"isOptional\": true},"
          + " \"instance_pool_id\": {\"type\": \"forbidden\", \"hidden\": true}}";

  /**
   * Create: answers {@code {policy_id}}; {@code name} is required ("This has to be unique. Length
   * must be between 1 and 100 characters"); "Only admin users can create, edit, and delete
   * policies" (the page names no code for the others: PERMISSION_DENIED, 403, the code of every
   * refusal of a caller's rights); a definition that is not a policy document is refused (the page
   * names no code: a client error).
   * https://docs.databricks.com/api/cluster-policies/v2/create-policy.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/policies/clusters/create",
      doc = "https://docs.databricks.com/api/cluster-policies/v2/create-policy.md")
  void createAnswersTheIdAndRefusesWhatThePageDoesNotAllow() {
    String name = unique("policy");
    JsonNode created = admin().post(BASE + "/create", policy(name, RULES)).ok();
    JsonShape.of("{\"policy_id\": \"string\"}").required("policy_id").check(created);
    String id = created.get("policy_id").asText();
    assertThat(id).matches("[0-9A-F]{16}");

    admin()
        .post(BASE + "/create", "{\"definition\": \"{}\"}")
        .isError(400, INVALID, InvalidParameterValue.class);
    admin()
        .post(BASE + "/create", policy("x".repeat(101), "{}"))
        .isError(400, INVALID, InvalidParameterValue.class);
    analyst()
        .post(BASE + "/create", policy(unique("mine"), "{}"))
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    admin().post(BASE + "/create", policy(name, "{}")).isClientError();
    for (String bad :
        List.of(
            "not json",
            "[]",
            "{\"num_workers\": {\"type\": \"sometimes\"}}",
            "{\"num_workers\": {\"type\": \"fixed\"}}",
            "{\"num_workers\": {\"type\": \"range\"}}",
            "{\"node_type_id\": {\"type\": \"allowlist\", \"values\": []}}")) {
      admin().post(BASE + "/create", policy(unique("bad"), bad)).isClientError();
    }
    delete(id);
  }

  /**
   * Get: the Policy object; an unknown id is refused. The page names no code; the service's message
   * is "Can't find a cluster policy with id: …" (databrickslabs/ucx#483), answered here as
   * RESOURCE_DOES_NOT_EXIST, 404. https://docs.databricks.com/api/cluster-policies/v2/get-policy.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/policies/clusters/get",
      doc = "https://docs.databricks.com/api/cluster-policies/v2/get-policy.md")
  void getReturnsThePolicy() {
    String name = unique("get");
    String id = create(name, RULES);
    JsonNode p = get(id);
    POLICY.check(p);
    assertThat(p.get("name").asText()).isEqualTo(name);
    assertThat(p.get("creator_user_name").asText()).isEqualTo("admin@sandbox.local");
    assertThat(p.get("is_default").asBoolean()).isFalse();
    assertThat(p.get("definition").asText()).contains("custom_tags.team");
    admin()
        .get(Wire.query(BASE + "/get", "policy_id", "0123456789ABCDEF"))
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    admin().get(BASE + "/get").isError(400, INVALID, InvalidParameterValue.class);
    // every user reads the policies (the sandbox has no CAN_USE permissions yet)
    POLICY.check(analyst().get(Wire.query(BASE + "/get", "policy_id", id)).ok());
    delete(id);
  }

  /**
   * List: {@code {policies: [Policy]}}, sorted by {@code sort_column} (POLICY_CREATION_TIME,
   * POLICY_NAME) in {@code sort_order} (ASC, DESC); the page names no default order.
   * https://docs.databricks.com/api/cluster-policies/v2/list-policies.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/policies/clusters/list",
      doc = "https://docs.databricks.com/api/cluster-policies/v2/list-policies.md")
  void listSortsByNameOrCreationTime() {
    String b = create(unique("b-list"), "{}");
    String a = create(unique("a-list"), "{}");
    JsonNode all = admin().get(BASE + "/list").ok();
    JsonShape.of("{\"policies\": [null]}").required("policies").check(all);
    all.get("policies").forEach(POLICY::check);
    assertThat(ids(all)).contains(a, b);
    List<String> names = new ArrayList<>();
    admin()
        .get(Wire.query(BASE + "/list", "sort_column", "POLICY_NAME", "sort_order", "ASC"))
        .ok()
        .get("policies")
        .forEach(p -> names.add(p.get("name").asText().toLowerCase()));
    assertThat(names).isSorted();
    List<String> newestFirst =
        ids(
            admin()
                .get(
                    Wire.query(
                        BASE + "/list",
                        "sort_column",
                        "POLICY_CREATION_TIME",
                        "sort_order",
                        "DESC"))
                .ok());
    assertThat(newestFirst.indexOf(a)).isLessThan(newestFirst.indexOf(b));
    admin()
        .get(Wire.query(BASE + "/list", "sort_column", "POLICY_COLOUR"))
        .isError(400, INVALID, InvalidParameterValue.class);
    delete(a, b);
  }

  /**
   * Edit: answers {@code {}} and replaces the policy; the same rights and checks as create; an
   * unknown id as in get. https://docs.databricks.com/api/cluster-policies/v2/edit-policy.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/policies/clusters/edit",
      doc = "https://docs.databricks.com/api/cluster-policies/v2/edit-policy.md")
  void editReplacesThePolicy() {
    String id = create(unique("edit"), RULES);
    String renamed = unique("edited");
    admin()
        .post(
            BASE + "/edit",
            "{\"policy_id\": \""
                + id
                + "\", \"name\": "
                + quote(renamed)
                + ", \"definition\": \"{}\", \"description\": \"no rules\","
                + " \"max_clusters_per_user\": 2}")
        .okEmpty();
    JsonNode p = get(id);
    assertThat(p.get("name").asText()).isEqualTo(renamed);
    assertThat(p.get("definition").asText()).isEqualTo("{}");
    assertThat(p.get("description").asText()).isEqualTo("no rules");
    assertThat(p.get("max_clusters_per_user").asInt()).isEqualTo(2);
    analyst()
        .post(BASE + "/edit", "{\"policy_id\": \"" + id + "\", \"name\": \"mine\"}")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    admin()
        .post(BASE + "/edit", "{\"policy_id\": \"0123456789ABCDEF\", \"name\": \"x\"}")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    admin()
        .post(
            BASE + "/edit",
            "{\"policy_id\": \"" + id + "\", \"name\": \"x\", \"definition\": \"[]\"}")
        .isClientError();
    delete(id);
  }

  /**
   * Delete: answers {@code {}}; the policy is gone; "Clusters governed by this policy can still
   * run, but cannot be edited" — a cluster naming it is refused.
   * https://docs.databricks.com/api/cluster-policies/v2/delete-policy.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/policies/clusters/delete",
      doc = "https://docs.databricks.com/api/cluster-policies/v2/delete-policy.md")
  void deleteRemovesThePolicy() {
    String id = create(unique("delete"), "{}");
    String cluster = createCluster(clusterUnder(id, SIMPLE));
    analyst()
        .post(BASE + "/delete", "{\"policy_id\": \"" + id + "\"}")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    admin().post(BASE + "/delete", "{\"policy_id\": \"" + id + "\"}").okEmpty();
    admin()
        .get(Wire.query(BASE + "/get", "policy_id", id))
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    admin()
        .post(BASE + "/delete", "{\"policy_id\": \"" + id + "\"}")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    assertThat(ClustersContractTest.get(cluster).get("policy_id").asText()).isEqualTo(id);
    admin()
        .post("/api/2.1/clusters/create", clusterUnder(id, SIMPLE))
        .isError(400, INVALID, InvalidParameterValue.class);
    ClustersContractTest.permanentlyDelete(cluster);
  }

  /**
   * List families: {@code {policy_families: [PolicyFamily], next_page_token}}, paged by {@code
   * max_results} ("[ 1 .. 1000 ]") and {@code page_token}; the families of a workspace: Personal
   * Compute, Shared Compute, Power User Compute, Job Compute.
   * https://docs.databricks.com/api/policy-families/v2/list-policy-families.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/policy-families",
      doc = "https://docs.databricks.com/api/policy-families/v2/list-policy-families.md")
  void listFamiliesPages() {
    JsonNode all = analyst().get(FAMILIES).ok();
    JsonShape.of("{\"policy_families\": [null], \"next_page_token\": \"string\"}")
        .required("policy_families")
        .check(all);
    all.get("policy_families").forEach(FAMILY::check);
    List<String> names = new ArrayList<>();
    all.get("policy_families").forEach(f -> names.add(f.get("name").asText()));
    assertThat(names)
        .contains("Personal Compute", "Shared Compute", "Power User Compute", "Job Compute");
    JsonNode first = admin().get(Wire.query(FAMILIES, "max_results", "1")).ok();
    assertThat(first.get("policy_families")).hasSize(1);
    JsonNode second =
        admin()
            .get(
                Wire.query(
                    FAMILIES,
                    "max_results",
                    "1",
                    "page_token",
                    first.get("next_page_token").asText()))
            .ok();
    assertThat(second.get("policy_families").get(0).get("policy_family_id").asText())
        .isNotEqualTo(first.get("policy_families").get(0).get("policy_family_id").asText());
    admin()
        .get(Wire.query(FAMILIES, "max_results", "0"))
        .isError(400, INVALID, InvalidParameterValue.class);
  }

  /**
   * Get a family: the PolicyFamily object, its definition a policy document as a string; an unknown
   * id is refused (the page names no code: 404 here).
   * https://docs.databricks.com/api/policy-families/v2/get-policy-family.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/policy-families/{policy_family_id}",
      doc = "https://docs.databricks.com/api/policy-families/v2/get-policy-family.md")
  void getFamilyReturnsIt() {
    JsonNode f = analyst().get(FAMILIES + "/personal-vm").ok();
    FAMILY.check(f);
    assertThat(f.get("name").asText()).isEqualTo("Personal Compute");
    assertThat(f.get("definition").asText())
        .contains("spark_conf.spark.databricks.cluster.profile");
    FAMILY.check(admin().get(Wire.query(FAMILIES + "/job-cluster", "version", "1")).ok());
    admin().get(FAMILIES + "/no-such-family").isNotFound();
  }

  /**
   * Create a policy from a family: the policy's definition is the family's with the overrides
   * merged in ("Policy rules specified here are merged into the inherited policy definition");
   * {@code definition} cannot be sent with {@code policy_family_id}.
   * https://docs.databricks.com/api/cluster-policies/v2/create-policy.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/policies/clusters/create",
      doc = "https://docs.databricks.com/api/cluster-policies/v2/create-policy.md")
  void aPolicyFromAFamilyInheritsItsDefinition() {
    String id =
        admin()
            .post(
                BASE + "/create",
                "{\"name\": "
                    + quote(unique("personal"))
                    + ", \"policy_family_id\": \"personal-vm\","
                    + " \"policy_family_definition_overrides\": "
                    + quote("{\"autotermination_minutes\": {\"type\": \"fixed\", \"value\": 60}}")
                    + "}")
            .ok()
            .get("policy_id")
            .asText();
    JsonNode p = get(id);
    assertThat(p.get("policy_family_id").asText()).isEqualTo("personal-vm");
    assertThat(p.get("definition").asText())
        .contains("spark.databricks.cluster.profile")
        .contains("\"autotermination_minutes\":{\"type\":\"fixed\",\"value\":60}");
    admin()
        .post(
            BASE + "/create",
            "{\"name\": "
                + quote(unique("both"))
                + ", \"policy_family_id\": \"personal-vm\", \"definition\": \"{}\"}")
        .isClientError();
    admin()
        .post(
            BASE + "/create",
            "{\"name\": " + quote(unique("nofamily")) + ", \"policy_family_id\": \"nope\"}")
        .isClientError();

    // a cluster with only a name and the policy's defaults: single node, as the family fixes it
    String cluster =
        createCluster(
            "{\"cluster_name\": \"personal\", \"policy_id\": \""
                + id
                + "\", \"apply_policy_default_values\": true}");
    JsonNode c = ClustersContractTest.get(cluster);
    assertThat(c.get("num_workers").asInt()).isZero();
    assertThat(c.get("spark_conf").get("spark.databricks.cluster.profile").asText())
        .isEqualTo("singleNode");
    assertThat(c.get("node_type_id").asText()).isEqualTo("m5d.large");
    assertThat(c.get("spark_version").asText()).isEqualTo("17.3.x-scala2.13");
    assertThat(c.get("autotermination_minutes").asInt()).isEqualTo(60);
    assertThat(c.get("data_security_mode").asText()).isEqualTo("SINGLE_USER");
    ClustersContractTest.permanentlyDelete(cluster);
    delete(id);
  }

  /**
   * A policy on cluster create, as the compute policy reference defines its rules: fixed values are
   * written into the cluster (hidden or not); defaults only with {@code
   * apply_policy_default_values} (create-cluster.md: "When set to false, only fixed values from the
   * policy will be applied"); an attribute a rule limits must be present unless {@code isOptional};
   * every violation is refused with 400 INVALID_PARAMETER_VALUE, "Validation failed for PATH, …"
   * joined by "; " — the shape the service answers (databricks/terraform-provider-databricks#403:
   * "Validation failed for driver_node_type_id, the value must be i3.2xlarge (is "i3.xlarge")",
   * "Validation failed for custom_tags, environment must be present"). The wording of allowlist,
   * blocklist, regex, range and forbidden violations is not documented; only the field named is
   * asserted for them. https://docs.databricks.com/api/clusters/v2/create-cluster.md
   */
  @Test
  @Contract(
      value = "POST /api/2.1/clusters/create",
      doc = "https://docs.databricks.com/api/clusters/v2/create-cluster.md")
  void clusterCreateIsHeldToThePolicy() {
    String id = create(unique("enforced"), RULES);
    String ok =
        "\"spark_version\": \"15.4.x-scala2.12\", \"node_type_id\": \"m5d.large\", \"num_workers\": 2";
    String cluster = createCluster(clusterUnder(id, ok));
    JsonNode c = ClustersContractTest.get(cluster);
    assertThat(c.get("policy_id").asText()).isEqualTo(id);
    assertThat(c.get("autotermination_minutes").asInt()).isEqualTo(30);
    assertThat(c.get("custom_tags").get("team").asText()).isEqualTo("data");
    assertThat(c.has("spark_env_vars")).isFalse();

    refused(
        clusterUnder(id, ok + ", \"autotermination_minutes\": 60"),
        "Validation failed for autotermination_minutes, the value must be 30 (is \"60\")");
    refused(
        clusterUnder(id, ok + ", \"custom_tags\": {\"team\": \"web\"}"),
        "Validation failed for custom_tags.team, the value must be data (is \"web\")");
    refused(
        clusterUnder(id, ok.replace("m5d.large", "r5d.xlarge")),
        "Validation failed for node_type_id");
    refused(
        clusterUnder(id, ok + ", \"runtime_engine\": \"PHOTON\""),
        "Validation failed for runtime_engine");
    refused(
        clusterUnder(id, ok.replace("15.4.x", "14.3.x")), "Validation failed for spark_version");
    refused(
        clusterUnder(id, ok.replace("\"num_workers\": 2", "\"num_workers\": 5")),
        "Validation failed for num_workers");
    refused(
        clusterUnder(id, ok.replace("\"num_workers\": 2", "\"num_workers\": 0")),
        "Validation failed for num_workers");
    refused(
        clusterUnder(id, ok + ", \"instance_pool_id\": \"0101-000000-pool0000\""),
        "Validation failed for instance_pool_id");
    refused(
        clusterUnder(id, "\"spark_version\": \"15.4.x-scala2.12\""),
        "Validation failed for node_type_id, the value must be present; Validation failed for num_workers, the value must be present");

    String defaults =
        createCluster(
            clusterUnder(
                id,
                "\"spark_version\": \"15.4.x-scala2.12\", \"apply_policy_default_values\": true"));
    JsonNode d = ClustersContractTest.get(defaults);
    assertThat(d.get("node_type_id").asText()).isEqualTo("m5d.large");
    assertThat(d.get("num_workers").asInt()).isEqualTo(2);
    assertThat(d.get("spark_env_vars").get("STAGE").asText()).isEqualTo("dev");

    // edit: the same rules (edit-cluster.md takes policy_id and apply_policy_default_values too)
    ClustersContractTest.awaitState(cluster, "RUNNING");
    String edit = "{\"cluster_id\": \"" + cluster + "\", \"policy_id\": \"" + id + "\", " + ok;
    admin()
        .post(
            "/api/2.1/clusters/edit",
            edit + ", \"num_workers\": 9}".replace(", \"num_workers\": 2", ""))
        .isError(400, INVALID, InvalidParameterValue.class);
    admin().post("/api/2.1/clusters/edit", edit + ", \"cluster_name\": \"kept\"}").okEmpty();
    assertThat(ClustersContractTest.get(cluster).get("autotermination_minutes").asInt())
        .isEqualTo(30);
    ClustersContractTest.permanentlyDelete(cluster, defaults);
    delete(id);
  }

  /**
   * Through the real SDK: create, get, list, edit and delete a policy; list and get families; a
   * cluster refused by its policy raises InvalidParameterValue with the violation.
   */
  @Test
  @Contract(
      value = "POST /api/2.0/policies/clusters/create",
      doc = "https://docs.databricks.com/api/cluster-policies/v2/create-policy.md")
  @Contract(
      value = "GET /api/2.0/policies/clusters/list",
      doc = "https://docs.databricks.com/api/cluster-policies/v2/list-policies.md")
  @Contract(
      value = "GET /api/2.0/policy-families",
      doc = "https://docs.databricks.com/api/policy-families/v2/list-policy-families.md")
  void sdkRoundTrip() {
    WorkspaceClient w = SharedSandbox.sdk(Identities.ADMIN_TOKEN);
    String name = unique("sdk");
    String id =
        w.clusterPolicies()
            .create(
                new CreatePolicy()
                    .setName(name)
                    .setDefinition(
                        "{\"num_workers\": {\"type\": \"range\", \"maxValue\": 2},"
                            + " \"autotermination_minutes\": {\"type\": \"fixed\", \"value\": 20}}"))
            .getPolicyId();
    Policy got = w.clusterPolicies().get(id);
    assertThat(got.getName()).isEqualTo(name);
    List<String> listed = new ArrayList<>();
    w.clusterPolicies()
        .list(
            new ListClusterPoliciesRequest()
                .setSortColumn(ListSortColumn.POLICY_NAME)
                .setSortOrder(ListSortOrder.ASC))
        .forEach(p -> listed.add(p.getPolicyId()));
    assertThat(listed).contains(id);
    assertThatThrownBy(
            () ->
                w.clusters()
                    .create(
                        new CreateCluster()
                            .setPolicyId(id)
                            .setSparkVersion("15.4.x-scala2.12")
                            .setNodeTypeId("m5d.large")
                            .setNumWorkers(3L)))
        .isInstanceOf(InvalidParameterValue.class)
        .hasMessageContaining("Validation failed for num_workers");
    ClusterDetails c =
        w.clusters()
            .get(
                w.clusters()
                    .create(
                        new CreateCluster()
                            .setPolicyId(id)
                            .setSparkVersion("15.4.x-scala2.12")
                            .setNodeTypeId("m5d.large")
                            .setNumWorkers(1L))
                    .getResponse()
                    .getClusterId());
    assertThat(c.getAutoterminationMinutes()).isEqualTo(20L);
    w.clusters().permanentDelete(c.getClusterId());
    w.clusterPolicies().edit(new EditPolicy().setPolicyId(id).setName(name).setDefinition("{}"));
    assertThat(w.clusterPolicies().get(id).getDefinition()).isEqualTo("{}");

    List<PolicyFamily> families = new ArrayList<>();
    w.policyFamilies()
        .list(new ListPolicyFamiliesRequest().setMaxResults(1L))
        .forEach(families::add);
    assertThat(families)
        .extracting(PolicyFamily::getPolicyFamilyId)
        .contains("personal-vm", "shared-compute", "power-user", "job-cluster");
    assertThat(
            w.policyFamilies()
                .get(new GetPolicyFamilyRequest().setPolicyFamilyId("power-user"))
                .getName())
        .isEqualTo("Power User Compute");

    w.clusterPolicies().delete(id);
    assertThatThrownBy(() -> w.clusterPolicies().get(id)).isInstanceOf(ResourceDoesNotExist.class);
  }

  private static void refused(String request, String message) {
    Reply reply = admin().post("/api/2.1/clusters/create", request);
    reply.isError(400, INVALID, InvalidParameterValue.class);
    assertThat(reply.json().get("message").asText()).contains(message);
  }

  static String policy(String name, String definition) {
    return "{\"name\": " + quote(name) + ", \"definition\": " + quote(definition) + "}";
  }

  static String create(String name, String definition) {
    return admin().post(BASE + "/create", policy(name, definition)).ok().get("policy_id").asText();
  }

  static JsonNode get(String id) {
    return admin().get(Wire.query(BASE + "/get", "policy_id", id)).ok();
  }

  static void delete(String... ids) {
    for (String id : ids) {
      admin().post(BASE + "/delete", "{\"policy_id\": \"" + id + "\"}").okEmpty();
    }
  }

  private static String clusterUnder(String policyId, String more) {
    return "{\"cluster_name\": "
        + quote(unique("governed"))
        + ", \"policy_id\": \""
        + policyId
        + "\", "
        + more
        + "}";
  }

  private static String createCluster(String body) {
    return admin().post("/api/2.1/clusters/create", body).ok().get("cluster_id").asText();
  }

  private static List<String> ids(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.path("policies").forEach(p -> out.add(p.get("policy_id").asText()));
    return out;
  }
}
