package dev.databricksmcp.server.tools.compute;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.errorCode;
import static dev.databricksmcp.server.testing.SandboxFixture.items;
import static dev.databricksmcp.server.testing.SandboxFixture.message;
import static dev.databricksmcp.server.testing.SandboxFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.service.compute.ClusterDetails;
import com.databricks.sdk.service.compute.CreatePolicy;
import com.databricks.sdk.service.compute.GetClusterRequest;
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
 * The cluster tools against the sandbox (clusters change state in 200 ms): create with defaults and
 * see RUNNING, terminate with the reason in words, the lifecycle in the events, the answers for a
 * wrong state and an unknown cluster, resize, edit of one field, a confirmed permanent delete, list
 * filters, and the compact node types and runtime versions.
 */
@Timeout(120)
class ClusterToolsTest {
  private static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture(new SandboxOptions(0, null, 200, 200));
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static String create(String name) {
    CallToolResult r = fx.call("create_cluster", Map.of("name", name));
    return String.valueOf(ok(r).get("cluster_id"));
  }

  private static ClusterDetails sdk(String id) {
    return fx.adminClient().clusters().get(new GetClusterRequest().setClusterId(id));
  }

  @Test
  void createWithOnlyANamePicksSaneDefaultsSaysSoAndWaitsForRunning() {
    CallToolResult r = fx.call("create_cluster", Map.of("name", "defaults"));
    Map<String, Object> row = ok(r);
    assertThat(row)
        .containsEntry("name", "defaults")
        .containsEntry("state", "RUNNING")
        .containsEntry("spark_version", "17.3.x-scala2.13")
        .containsEntry("node_type_id", "m5d.large")
        .containsEntry("num_workers", 0)
        .containsEntry("autotermination_minutes", 60)
        .containsEntry("creator", Identities.ADMIN.userName());
    assertThat(String.valueOf(row.get("started_at"))).endsWith("Z");
    assertThat(message(r))
        .contains("17.3 LTS")
        .contains("m5d.large")
        .contains("single node")
        .contains("60 idle minutes")
        .contains("costs money while running")
        .contains("is RUNNING");
    ClusterDetails c = sdk(String.valueOf(row.get("cluster_id")));
    assertThat(c.getSparkConf()).containsEntry("spark.databricks.cluster.profile", "singleNode");
    assertThat(c.getCustomTags()).containsEntry("ResourceClass", "SingleNode");
  }

  @Test
  void createWithoutWaitingSaysHowToKeepWaiting() {
    CallToolResult r = fx.call("create_cluster", Map.of("name", "nowait", "wait_seconds", 0));
    assertThat(ok(r)).containsEntry("state", "PENDING");
    assertThat(message(r)).contains("not yet RUNNING").contains("get_cluster");
  }

  @Test
  void terminateSaysWhoAndWhenAndTheEventsShowTheLifecycle() {
    String id = create("lifecycle");
    Map<String, Object> terminated = ok(fx.call("terminate_cluster", Map.of("cluster_id", id)));
    assertThat(terminated).containsEntry("state", "TERMINATED");
    assertThat(String.valueOf(terminated.get("termination_reason")))
        .startsWith("terminated by " + Identities.ADMIN.userName() + " at ")
        .endsWith("(USER_REQUEST)");

    CallToolResult got = fx.call("get_cluster", Map.of("cluster_id", "lifecycle"));
    assertThat(ok(got))
        .containsEntry("cluster_id", id)
        .containsEntry("termination_code", "USER_REQUEST")
        .containsKey("terminated_at");
    assertThat(message(got)).contains("terminated by").contains("USER_REQUEST");

    List<Map<String, Object>> events =
        items(fx.call("list_cluster_events", Map.of("cluster_id", id)));
    assertThat(events)
        .extracting(e -> e.get("type"))
        .containsSubsequence("TERMINATING", "RUNNING", "CREATING");
    assertThat(events.get(0).get("details")).asString().contains("USER_REQUEST");
    assertThat(String.valueOf(events.get(0).get("occurred_at"))).endsWith("Z");

    List<Map<String, Object>> only =
        items(
            fx.call(
                "list_cluster_events",
                Map.of("cluster_id", id, "event_types", List.of("CREATING"))));
    assertThat(only).extracting(e -> e.get("type")).containsOnly("CREATING");
    assertThat(only.get(0).get("details")).asString().contains("created by");

    CallToolResult paged =
        fx.call("list_cluster_events", Map.of("cluster_id", id, "max_results", 1));
    assertThat(items(paged)).hasSize(1);
    assertThat(ok(paged).get("next_page_token")).isNotNull();

    // and back: start a terminated cluster
    assertThat(ok(fx.call("start_cluster", Map.of("cluster_id", id))))
        .containsEntry("state", "RUNNING");
  }

  @Test
  void startingARunningClusterIsAConflictAndAnUnknownOneIsNotFound() {
    String id = create("running");
    CallToolResult again = fx.call("start_cluster", Map.of("cluster_id", id));
    assertThat(errorCode(again)).isEqualTo("CONFLICT");
    assertThat(String.valueOf(body(again).get("error")))
        .contains("unexpected state Running")
        .contains("start needs TERMINATED");

    for (String tool : List.of("get_cluster", "start_cluster", "terminate_cluster")) {
      CallToolResult unknown = fx.call(tool, Map.of("cluster_id", "0101-010101-nosuchcl"));
      assertThat(errorCode(unknown)).as(tool).isEqualTo("NOT_FOUND");
      assertThat(String.valueOf(body(unknown).get("error")))
          .contains("0101-010101-nosuchcl")
          .contains("list_clusters");
    }
    assertThat(errorCode(fx.call("get_cluster", Map.of("cluster_id", "no such name"))))
        .isEqualTo("NOT_FOUND");
    assertThat(errorCode(fx.call("get_cluster", Map.of()))).isEqualTo("VALIDATION_ERROR");
  }

  @Test
  void resizeWaitsForTheNewSize() {
    String id = create("resizable");
    Map<String, Object> resized =
        ok(fx.call("resize_cluster", Map.of("cluster_id", id, "num_workers", 3)));
    assertThat(resized).containsEntry("state", "RUNNING").containsEntry("num_workers", 3);

    Map<String, Object> autoscaled =
        ok(fx.call("resize_cluster", Map.of("cluster_id", id, "min_workers", 1, "max_workers", 4)));
    assertThat(autoscaled).containsEntry("autoscale", Map.of("min_workers", 1, "max_workers", 4));

    assertThat(errorCode(fx.call("resize_cluster", Map.of("cluster_id", id))))
        .isEqualTo("VALIDATION_ERROR");
    assertThat(
            errorCode(
                fx.call(
                    "resize_cluster",
                    Map.of("cluster_id", id, "num_workers", 2, "min_workers", 1))))
        .isEqualTo("VALIDATION_ERROR");
  }

  @Test
  void editChangesOnlyTheGivenField() {
    String id = create("editable");
    ClusterDetails before = sdk(id);
    CallToolResult r =
        fx.call("edit_cluster", Map.of("cluster_id", id, "autotermination_minutes", 30));
    assertThat(ok(r)).containsEntry("autotermination_minutes", 30);
    assertThat(message(r)).contains("autotermination_minutes").contains("restarts");
    ClusterDetails after = sdk(id);
    assertThat(after.getAutoterminationMinutes()).isEqualTo(30L);
    assertThat(after.getClusterName()).isEqualTo(before.getClusterName());
    assertThat(after.getSparkVersion()).isEqualTo(before.getSparkVersion());
    assertThat(after.getNodeTypeId()).isEqualTo(before.getNodeTypeId());
    assertThat(after.getSparkConf()).isEqualTo(before.getSparkConf());
    assertThat(after.getCustomTags()).isEqualTo(before.getCustomTags());

    assertThat(errorCode(fx.call("edit_cluster", Map.of("cluster_id", id))))
        .isEqualTo("VALIDATION_ERROR");

    // more than one node: the single-node shape goes, the rest of the spec stays
    String single = create("grows");
    Map<String, Object> grown =
        ok(fx.call("edit_cluster", Map.of("cluster_id", single, "num_workers", 2)));
    assertThat(grown).containsEntry("num_workers", 2).containsEntry("single_node", false);
    Map<String, String> tags = sdk(single).getCustomTags();
    assertThat(tags == null ? Map.of() : tags).doesNotContainKey("ResourceClass");
  }

  @Test
  void permanentDeleteIsConfirmedShowingNameAndId() {
    String id = create("doomed");
    CallToolResult asked =
        fx.callConfirming("delete_cluster_permanently", Map.of("cluster_id", id));
    assertThat(errorCode(asked)).isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(String.valueOf(body(asked).get("error"))).contains("doomed").contains(id);
    assertThat(sdk(id).getClusterId()).isEqualTo(id);

    @SuppressWarnings("unchecked")
    Map<String, Object> details = (Map<String, Object>) body(asked).get("details");
    Map<String, Object> confirmed = new HashMap<>(Map.of("cluster_id", id));
    confirmed.put("confirmation_token", details.get("confirmation_token"));
    CallToolResult deleted = fx.callConfirming("delete_cluster_permanently", confirmed);
    assertThat(ok(deleted)).containsEntry("deleted", true).containsEntry("name", "doomed");
    assertThat(errorCode(fx.call("get_cluster", Map.of("cluster_id", id)))).isEqualTo("NOT_FOUND");
  }

  @Test
  void listFiltersByStateNameAndCreatorInCompactRows() {
    String a = create("filter-alpha");
    String b = create("filter-beta");
    ok(fx.call("terminate_cluster", Map.of("cluster_id", b)));

    List<Map<String, Object>> byName =
        items(fx.call("list_clusters", Map.of("name_contains", "FILTER-")));
    assertThat(byName).extracting(c -> c.get("cluster_id")).containsExactlyInAnyOrder(a, b);
    assertThat(byName.get(0))
        .containsKeys(
            "cluster_id",
            "name",
            "state",
            "node_type_id",
            "spark_version",
            "creator",
            "autotermination_minutes",
            "started_at")
        .doesNotContainKey("spark_conf");

    assertThat(
            items(
                fx.call(
                    "list_clusters", Map.of("name_contains", "filter-", "state", "TERMINATED"))))
        .extracting(c -> c.get("cluster_id"))
        .containsExactly(b);
    assertThat(
            items(
                fx.call(
                    "list_clusters",
                    Map.of("name_contains", "filter-", "creator", Identities.ANALYST.userName()))))
        .isEmpty();
    assertThat(
            items(
                fx.call(
                    "list_clusters",
                    Map.of(
                        "name_contains",
                        "filter-",
                        "creator",
                        Identities.ADMIN.userName().toUpperCase()))))
        .hasSize(2);
    assertThat(
            items(fx.call("list_clusters", Map.of("name_contains", "filter-", "detail", true)))
                .get(0))
        .containsKeys("spark_conf", "single_node", "state_message");

    CallToolResult page = fx.call("list_clusters", Map.of("max_results", 1));
    assertThat(items(page)).hasSize(1);
    assertThat(ok(page).get("next_page_token")).isNotNull();
  }

  @Test
  void pinAndUnpin() {
    String id = create("pinned");
    assertThat(ok(fx.call("pin_cluster", Map.of("cluster_id", id)))).containsEntry("pinned", true);
    assertThat(ok(fx.call("unpin_cluster", Map.of("cluster_id", "pinned"))))
        .containsEntry("pinned", false);
    assertThat(
            errorCode(
                fx.call("pin_cluster", Map.of("cluster_id", id), Identities.USER_TOKEN, false)))
        .isIn("PERMISSION_DENIED", "NOT_FOUND");
  }

  /** A policy holding clusters to short idle times, a node type list, small autoscaling, a tag. */
  private static String shortPolicy(String name) {
    return fx.adminClient()
        .clusterPolicies()
        .create(
            new CreatePolicy()
                .setName(name)
                .setDefinition(
                    "{\"autotermination_minutes\": {\"type\": \"range\", \"maxValue\": 120,"
                        + " \"defaultValue\": 45},"
                        + " \"node_type_id\": {\"type\": \"allowlist\", \"values\":"
                        + " [\"m5d.large\", \"m5d.xlarge\"], \"defaultValue\": \"m5d.xlarge\"},"
                        + " \"autoscale.min_workers\": {\"type\": \"fixed\", \"value\": 1},"
                        + " \"autoscale.max_workers\": {\"type\": \"range\", \"maxValue\": 4,"
                        + " \"defaultValue\": 2},"
                        + " \"custom_tags.team\": {\"type\": \"fixed\", \"value\": \"data\"}}"))
        .getPolicyId();
  }

  @Test
  void createWithAPolicyTakesItsFixedValuesAndDefaultsInsteadOfOurs() {
    String policy = shortPolicy("short clusters");
    CallToolResult r =
        fx.call(
            "create_cluster",
            Map.of("name", "governed", "policy_id", "Short Clusters", "wait_seconds", 0));
    Map<String, Object> row = ok(r);
    assertThat(row)
        .containsEntry("node_type_id", "m5d.xlarge")
        .containsEntry("autotermination_minutes", 45)
        .containsEntry("autoscale", Map.of("min_workers", 1, "max_workers", 2));
    assertThat(message(r))
        .contains("policy 'short clusters' (" + policy + ")")
        .contains("autotermination_minutes")
        .contains("node_type_id")
        .doesNotContain("60 idle minutes")
        .doesNotContain("single node");
    ClusterDetails c = sdk(String.valueOf(row.get("cluster_id")));
    assertThat(c.getPolicyId()).isEqualTo(policy);
    assertThat(c.getCustomTags()).containsEntry("team", "data");
    // what the caller gives is kept when the policy allows it
    assertThat(
            ok(
                fx.call(
                    "create_cluster",
                    Map.of(
                        "name",
                        "governed, given",
                        "policy_id",
                        policy,
                        "autotermination_minutes",
                        90,
                        "wait_seconds",
                        0))))
        .containsEntry("autotermination_minutes", 90);
  }

  @Test
  void aValueThePolicyDoesNotAllowIsRefusedNamingTheAttributeAndTheRule() {
    String policy = shortPolicy("strict clusters");
    CallToolResult r =
        fx.call(
            "create_cluster",
            Map.of(
                "name",
                "too idle",
                "policy_id",
                policy,
                "autotermination_minutes",
                500,
                "wait_seconds",
                0));
    assertThat(errorCode(r)).isEqualTo("VALIDATION_ERROR");
    assertThat(String.valueOf(body(r).get("error")))
        .startsWith("autotermination_minutes:")
        .contains("strict clusters")
        .contains("Validation failed for autotermination_minutes")
        .contains("120");
    @SuppressWarnings("unchecked")
    Map<String, Object> details = (Map<String, Object>) body(r).get("details");
    assertThat(details).containsEntry("field", "autotermination_minutes");
    assertThat(String.valueOf(details.get("violations"))).contains("autotermination_minutes");
    assertThat(items(fx.call("list_clusters", Map.of("name_contains", "too idle")))).isEmpty();

    CallToolResult node =
        fx.call(
            "create_cluster",
            Map.of(
                "name",
                "big",
                "policy_id",
                policy,
                "node_type_id",
                "r5d.xlarge",
                "wait_seconds",
                0));
    assertThat(String.valueOf(body(node).get("error"))).startsWith("node_type_id:");

    CallToolResult unknown =
        fx.call("create_cluster", Map.of("name", "orphan", "policy_id", "no such policy"));
    assertThat(errorCode(unknown)).isEqualTo("VALIDATION_ERROR");
    assertThat(String.valueOf(body(unknown).get("error")))
        .startsWith("policy_id:")
        .contains("list_cluster_policies");

    // edit sends the whole spec, so the policy is held again
    String governed =
        String.valueOf(
            ok(fx.call(
                    "create_cluster",
                    Map.of("name", "held", "policy_id", policy, "wait_seconds", 0)))
                .get("cluster_id"));
    CallToolResult edit =
        fx.call("edit_cluster", Map.of("cluster_id", governed, "autotermination_minutes", 999));
    assertThat(errorCode(edit)).isEqualTo("VALIDATION_ERROR");
    assertThat(String.valueOf(body(edit).get("error")))
        .startsWith("autotermination_minutes:")
        .contains("Validation failed for autotermination_minutes");
  }

  @Test
  void nodeTypesAndRuntimeVersionsAreCompactWithTheDefaultsMarked() {
    List<Map<String, Object>> nodes = items(fx.call("list_node_types", Map.of()));
    assertThat(nodes.get(0))
        .containsOnlyKeys(
            "node_type_id", "category", "num_cores", "memory_mb", "num_gpus", "default")
        .containsEntry("node_type_id", "m5d.large")
        .containsEntry("default", true);
    assertThat(items(fx.call("list_node_types", Map.of("filter", "gpu"))))
        .extracting(n -> n.get("node_type_id"))
        .containsExactly("g4dn.xlarge");

    List<Map<String, Object>> versions = items(fx.call("list_spark_versions", Map.of()));
    assertThat(versions.get(0))
        .containsEntry("key", "17.3.x-scala2.13")
        .containsEntry("lts", true)
        .containsEntry("ml", false)
        .containsEntry("default", true);
    assertThat(versions)
        .filteredOn(v -> Boolean.TRUE.equals(v.get("ml")))
        .extracting(v -> v.get("key"))
        .contains("17.3.x-cpu-ml-scala2.13");
    assertThat(items(fx.call("list_spark_versions", Map.of("lts_only", true))))
        .extracting(v -> v.get("key"))
        .doesNotContain("17.0.x-scala2.13", "16.3.x-scala2.12");
    assertThat(items(fx.call("list_spark_versions", Map.of("filter", "15.4", "include_ml", false))))
        .extracting(v -> v.get("key"))
        .containsExactly("15.4.x-scala2.12");
  }
}
