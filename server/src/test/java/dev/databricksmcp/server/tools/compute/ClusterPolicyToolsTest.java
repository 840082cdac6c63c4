package dev.databricksmcp.server.tools.compute;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.errorCode;
import static dev.databricksmcp.server.testing.SandboxFixture.items;
import static dev.databricksmcp.server.testing.SandboxFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.service.compute.GetClusterPolicyRequest;
import com.databricks.sdk.service.compute.Policy;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.server.testing.SandboxFixture;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cluster policy tools against the sandbox: a policy from a definition (object or text) and
 * from a family with overrides, shown rule by rule; invalid definitions refused naming {@code
 * definition}; the families listed and read; a confirmed delete naming the clusters it governs.
 */
@Timeout(120)
class ClusterPolicyToolsTest {
  private static final Map<String, Object> LIMITS =
      Map.of(
          "autotermination_minutes",
          Map.of("type", "range", "maxValue", 120, "defaultValue", 45),
          "spark_conf.spark.databricks.io.cache.enabled",
          Map.of("type", "fixed", "value", "true", "hidden", true));

  private static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture(new SandboxOptions(0, null, 200, 200));
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rules(Map<String, Object> policy) {
    return (List<Map<String, Object>>) policy.get("rules");
  }

  private static String error(CallToolResult r) {
    return String.valueOf(body(r).get("error"));
  }

  private static Policy sdk(String id) {
    return fx.adminClient().clusterPolicies().get(new GetClusterPolicyRequest().setPolicyId(id));
  }

  @Test
  void aPolicyFromADefinitionIsShownRuleByRule() {
    CallToolResult r =
        fx.call(
            "create_cluster_policy",
            Map.of("name", "limits", "definition", LIMITS, "description", "short clusters"));
    Map<String, Object> created = ok(r);
    String id = String.valueOf(created.get("policy_id"));
    assertThat(created)
        .containsEntry("name", "limits")
        .containsEntry("creator", Identities.ADMIN.userName());
    assertThat(sdk(id).getDefinition()).contains("autotermination_minutes");

    Map<String, Object> got = ok(fx.call("get_cluster_policy", Map.of("policy_id", "LIMITS")));
    assertThat(got).containsEntry("policy_id", id).containsEntry("description", "short clusters");
    assertThat(String.valueOf(got.get("created_at"))).endsWith("Z");
    assertThat(rules(got))
        .filteredOn(x -> "autotermination_minutes".equals(x.get("attribute")))
        .singleElement()
        .satisfies(
            x ->
                assertThat(x)
                    .containsEntry("type", "range")
                    .containsEntry("rule", "at most 120")
                    .containsEntry("default_value", 45));
    assertThat(rules(got))
        .filteredOn(x -> "spark_conf.spark.databricks.io.cache.enabled".equals(x.get("attribute")))
        .singleElement()
        .satisfies(
            x ->
                assertThat(x)
                    .containsEntry("type", "fixed")
                    .containsEntry("rule", "must be true")
                    .containsEntry("hidden", true));

    // a definition given as text is the same definition
    String text = "{\"node_type_id\": {\"type\": \"allowlist\", \"values\": [\"m5d.large\"]}}";
    String fromText =
        String.valueOf(
            ok(fx.call("create_cluster_policy", Map.of("name", "as text", "definition", text)))
                .get("policy_id"));
    assertThat(sdk(fromText).getDefinition()).contains("allowlist").contains("m5d.large");

    List<Map<String, Object>> listed = items(fx.call("list_cluster_policies", Map.of()));
    assertThat(listed).extracting(p -> p.get("name")).contains("limits", "as text");
    assertThat(listed.get(0)).doesNotContainKey("rules");
    assertThat(items(fx.call("list_cluster_policies", Map.of("detail", true))).get(0))
        .containsKey("rules");
  }

  @Test
  void anInvalidDefinitionIsAValidationErrorNamingDefinition() {
    for (Object bad :
        List.of(
            "{not json",
            "[1, 2]",
            Map.of("spark_version", Map.of("type", "sometimes")),
            Map.of("spark_version", "17.3.x-scala2.13"))) {
      CallToolResult r =
          fx.call(
              "create_cluster_policy", Map.of("name", "bad " + bad.hashCode(), "definition", bad));
      assertThat(errorCode(r)).as(String.valueOf(bad)).isEqualTo("VALIDATION_ERROR");
      assertThat(error(r)).as(String.valueOf(bad)).startsWith("definition:");
    }
    // one the API itself refuses: a fixed rule without a value
    CallToolResult api =
        fx.call(
            "create_cluster_policy",
            Map.of(
                "name",
                "no value",
                "definition",
                Map.of("spark_version", Map.of("type", "fixed"))));
    assertThat(errorCode(api)).isEqualTo("VALIDATION_ERROR");
    assertThat(error(api)).startsWith("definition:").contains("spark_version");

    assertThat(error(fx.call("create_cluster_policy", Map.of("name", "nothing"))))
        .startsWith("definition:");
    assertThat(
            error(
                fx.call(
                    "create_cluster_policy",
                    Map.of(
                        "name", "both", "definition", LIMITS, "policy_family_id", "personal-vm"))))
        .startsWith("definition:");
    assertThat(
            errorCode(
                fx.call(
                    "create_cluster_policy",
                    Map.of("name", "analyst's", "definition", LIMITS),
                    Identities.USER_TOKEN,
                    false)))
        .isEqualTo("PERMISSION_DENIED");
  }

  @Test
  void aPolicyFromAFamilyTakesOverridesAndTheFamiliesAreListedAndRead() {
    List<Map<String, Object>> families = items(fx.call("list_policy_families", Map.of()));
    assertThat(families)
        .extracting(f -> f.get("policy_family_id"))
        .contains("personal-vm", "job-cluster");
    assertThat(families.get(0)).containsOnlyKeys("policy_family_id", "name", "description");
    CallToolResult page = fx.call("list_policy_families", Map.of("max_results", 1));
    assertThat(items(page)).hasSize(1);
    assertThat(ok(page).get("next_page_token")).isNotNull();

    Map<String, Object> personal =
        ok(fx.call("get_policy_family", Map.of("policy_family_id", "Personal Compute")));
    assertThat(personal).containsEntry("policy_family_id", "personal-vm");
    assertThat(rules(personal)).extracting(x -> x.get("attribute")).contains("node_type_id");
    assertThat(errorCode(fx.call("get_policy_family", Map.of("policy_family_id", "no/such"))))
        .isEqualTo("VALIDATION_ERROR");

    Map<String, Object> created =
        ok(
            fx.call(
                "create_cluster_policy",
                Map.of(
                    "name",
                    "personal, shorter",
                    "policy_family_id",
                    "personal-vm",
                    "policy_family_definition_overrides",
                    Map.of("autotermination_minutes", Map.of("type", "fixed", "value", 30)))));
    assertThat(created).containsEntry("policy_family_id", "personal-vm");
    assertThat(rules(created))
        .filteredOn(x -> "autotermination_minutes".equals(x.get("attribute")))
        .singleElement()
        .satisfies(x -> assertThat(x).containsEntry("rule", "must be 30"));
    assertThat(
            error(
                fx.call(
                    "create_cluster_policy",
                    Map.of("name", "orphan", "policy_family_definition_overrides", LIMITS))))
        .startsWith("policy_family_definition_overrides:");
  }

  @Test
  void deleteIsConfirmedNamingTheClustersItGoverns() {
    String id =
        String.valueOf(
            ok(fx.call("create_cluster_policy", Map.of("name", "doomed", "definition", LIMITS)))
                .get("policy_id"));
    ok(
        fx.call(
            "create_cluster",
            Map.of("name", "governed", "policy_id", "doomed", "wait_seconds", 0)));

    CallToolResult asked = fx.callConfirming("delete_cluster_policy", Map.of("policy_id", id));
    assertThat(errorCode(asked)).isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(error(asked)).contains("doomed").contains(id).contains("governed");

    @SuppressWarnings("unchecked")
    Map<String, Object> details = (Map<String, Object>) body(asked).get("details");
    Map<String, Object> confirmed = new HashMap<>(Map.of("policy_id", id));
    confirmed.put("confirmation_token", details.get("confirmation_token"));
    assertThat(ok(fx.callConfirming("delete_cluster_policy", confirmed)))
        .containsEntry("deleted", true);
    assertThat(errorCode(fx.call("get_cluster_policy", Map.of("policy_id", id))))
        .isEqualTo("NOT_FOUND");
  }
}
