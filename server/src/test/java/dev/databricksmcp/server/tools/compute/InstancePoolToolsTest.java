package dev.databricksmcp.server.tools.compute;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.errorCode;
import static dev.databricksmcp.server.testing.SandboxFixture.items;
import static dev.databricksmcp.server.testing.SandboxFixture.message;
import static dev.databricksmcp.server.testing.SandboxFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.service.compute.GetInstancePool;
import com.databricks.sdk.service.compute.GetInstancePoolRequest;
import com.databricks.sdk.service.compute.InstancePoolState;
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
 * The instance pool tools against the sandbox: create with defaults said back, list rows and
 * paging, get by name, an edit of one field that keeps the rest, a confirmed delete that names the
 * clusters drawing from the pool, and the answers for bad input and an unknown pool.
 */
@Timeout(120)
class InstancePoolToolsTest {
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
    return String.valueOf(
        ok(fx.call("create_instance_pool", Map.of("name", name, "node_type_id", "m5d.large")))
            .get("instance_pool_id"));
  }

  private static GetInstancePool sdk(String id) {
    return fx.adminClient().instancePools().get(new GetInstancePoolRequest().setInstancePoolId(id));
  }

  @Test
  void createWithNameAndNodeTypeSaysTheDefaultsItChose() {
    CallToolResult r =
        fx.call("create_instance_pool", Map.of("name", "defaults", "node_type_id", "m5d.large"));
    Map<String, Object> pool = ok(r);
    assertThat(pool)
        .containsEntry("name", "defaults")
        .containsEntry("state", "ACTIVE")
        .containsEntry("node_type_id", "m5d.large")
        .containsEntry("min_idle_instances", 0)
        .containsEntry("idle_instance_autotermination_minutes", 60)
        .containsEntry("creator", Identities.ADMIN.userName());
    assertThat(message(r))
        .contains("no idle instances kept")
        .contains("no capacity limit")
        .contains("60 min");
    String id = String.valueOf(pool.get("instance_pool_id"));
    assertThat(sdk(id).getIdleInstanceAutoterminationMinutes()).isEqualTo(60L);
    assertThat(sdk(id).getMaxCapacity()).isNull();
  }

  @Test
  void badInputIsAValidationErrorNamingTheField() {
    assertThat(errorCode(fx.call("create_instance_pool", Map.of("name", "no node type"))))
        .isEqualTo("VALIDATION_ERROR");
    CallToolResult negative =
        fx.call(
            "create_instance_pool",
            Map.of("name", "neg", "node_type_id", "m5d.large", "min_idle_instances", -1));
    assertThat(errorCode(negative)).isEqualTo("VALIDATION_ERROR");
    assertThat(String.valueOf(body(negative).get("error"))).startsWith("min_idle_instances");
    // the API refuses a node type it does not offer
    assertThat(
            errorCode(
                fx.call("create_instance_pool", Map.of("name", "odd", "node_type_id", "z9.huge"))))
        .isEqualTo("VALIDATION_ERROR");
  }

  @Test
  void listIsCompactPagedAndGetTakesAName() {
    String a = create("list-a");
    create("list-b");
    List<Map<String, Object>> rows = items(fx.call("list_instance_pools", Map.of()));
    assertThat(rows)
        .filteredOn(p -> a.equals(p.get("instance_pool_id")))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .containsKeys(
                        "instance_pool_id",
                        "name",
                        "state",
                        "node_type_id",
                        "min_idle_instances",
                        "idle_count",
                        "used_count")
                    .doesNotContainKeys("pending_idle_count", "custom_tags"));

    CallToolResult first = fx.call("list_instance_pools", Map.of("max_results", 1));
    assertThat(items(first)).hasSize(1);
    Object token = ok(first).get("next_page_token");
    assertThat(token).isNotNull();
    List<Map<String, Object>> second =
        items(fx.call("list_instance_pools", Map.of("max_results", 1, "page_token", token)));
    assertThat(second).hasSize(1);
    assertThat(second.get(0).get("instance_pool_id"))
        .isNotEqualTo(items(first).get(0).get("instance_pool_id"));
    assertThat(errorCode(fx.call("list_instance_pools", Map.of("page_token", "not-one-of-ours"))))
        .isEqualTo("VALIDATION_ERROR");

    CallToolResult got = fx.call("get_instance_pool", Map.of("instance_pool_id", "LIST-A"));
    assertThat(ok(got)).containsEntry("instance_pool_id", a).containsKey("pending_idle_count");
    assertThat(message(got)).contains("list-a").contains("ACTIVE");
  }

  @Test
  void editChangesOnlyTheGivenFieldAndSendsWhatTheApiRequires() {
    String id =
        String.valueOf(
            ok(fx.call(
                    "create_instance_pool",
                    Map.of(
                        "name",
                        "editable",
                        "node_type_id",
                        "m5d.xlarge",
                        "max_capacity",
                        8,
                        "custom_tags",
                        Map.of("team", "data"))))
                .get("instance_pool_id"));
    CallToolResult r =
        fx.call("edit_instance_pool", Map.of("instance_pool_id", id, "min_idle_instances", 2));
    assertThat(ok(r)).containsEntry("min_idle_instances", 2).containsEntry("idle_count", 2);
    assertThat(message(r)).contains("min_idle_instances");
    GetInstancePool after = sdk(id);
    assertThat(after.getInstancePoolName()).isEqualTo("editable");
    assertThat(after.getNodeTypeId()).isEqualTo("m5d.xlarge");
    assertThat(after.getMaxCapacity()).isEqualTo(8L);
    assertThat(after.getCustomTags()).containsEntry("team", "data");

    assertThat(errorCode(fx.call("edit_instance_pool", Map.of("instance_pool_id", id))))
        .isEqualTo("VALIDATION_ERROR");
    CallToolResult unknown =
        fx.call(
            "edit_instance_pool",
            Map.of("instance_pool_id", "0000-000000-nothere-pool-00000000", "max_capacity", 3));
    assertThat(errorCode(unknown)).isEqualTo("NOT_FOUND");
    assertThat(String.valueOf(body(unknown).get("error"))).contains("list_instance_pools");
  }

  @Test
  void deleteIsConfirmedNamingTheClustersThatUseThePool() {
    String id = create("doomed-pool");
    String cluster =
        String.valueOf(
            ok(fx.call("create_cluster", Map.of("name", "from-pool", "node_type_id", "m5d.large")))
                .get("cluster_id"));
    // the cluster tools take no pool yet: put the cluster in the pool through the SDK, once it is
    // RUNNING (create_cluster waited for it): a PENDING cluster cannot be edited
    fx.adminClient()
        .clusters()
        .edit(
            new com.databricks.sdk.service.compute.EditCluster()
                .setClusterId(cluster)
                .setClusterName("from-pool")
                .setSparkVersion("17.3.x-scala2.13")
                .setInstancePoolId(id)
                .setNumWorkers(1L));

    CallToolResult asked =
        fx.callConfirming("delete_instance_pool", Map.of("instance_pool_id", "doomed-pool"));
    assertThat(errorCode(asked)).isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(String.valueOf(body(asked).get("error")))
        .contains("doomed-pool")
        .contains(id)
        .contains("from-pool");
    assertThat(sdk(id).getState()).isEqualTo(InstancePoolState.ACTIVE);

    @SuppressWarnings("unchecked")
    Map<String, Object> details = (Map<String, Object>) body(asked).get("details");
    Map<String, Object> confirmed = new HashMap<>(Map.of("instance_pool_id", "doomed-pool"));
    confirmed.put("confirmation_token", details.get("confirmation_token"));
    CallToolResult deleted = fx.callConfirming("delete_instance_pool", confirmed);
    assertThat(ok(deleted)).containsEntry("deleted", true).containsEntry("instance_pool_id", id);
    assertThat(sdk(id).getState()).isEqualTo(InstancePoolState.DELETED);
    assertThat(items(fx.call("list_instance_pools", Map.of())))
        .extracting(p -> p.get("instance_pool_id"))
        .doesNotContain(id);
  }

  @Test
  void anUnknownPoolIsNotFoundAndAUserMayNotCreateOne() {
    CallToolResult unknown =
        fx.call("get_instance_pool", Map.of("instance_pool_id", "no such pool"));
    assertThat(errorCode(unknown)).isEqualTo("NOT_FOUND");
    assertThat(
            errorCode(
                fx.call(
                    "create_instance_pool",
                    Map.of("name", "mine", "node_type_id", "m5d.large"),
                    Identities.USER_TOKEN,
                    false)))
        .isEqualTo("PERMISSION_DENIED");
  }
}
