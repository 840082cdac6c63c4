package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.analyst;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.quote;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.service.compute.ClusterDetails;
import com.databricks.sdk.service.compute.CreateCluster;
import com.databricks.sdk.service.compute.CreateInstancePool;
import com.databricks.sdk.service.compute.EditInstancePool;
import com.databricks.sdk.service.compute.GetInstancePool;
import com.databricks.sdk.service.compute.InstancePoolState;
import com.databricks.sdk.service.compute.State;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Identities;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Instance Pools API (index:
 * https://docs.databricks.com/api/instance-pools/v2/instance-pool.md) and clusters drawing their
 * nodes from a pool. The pages name no error codes: an unknown or deleted pool is answered 400
 * INVALID_PARAMETER_VALUE as an unknown cluster is (the same service), and the tests assert only a
 * client error there; a caller who is no admin, PERMISSION_DENIED.
 */
@Timeout(180)
@ExtendWith(SharedSandbox.class)
class InstancePoolsContractTest {
  static final String BASE = "/api/2.0/instance-pools";

  /** The InstancePoolAndStats object (instance-pool/object.md), as the sandbox fills it. */
  private static final JsonShape POOL =
      JsonShape.of(
              "{\"instance_pool_id\": \"string\", \"instance_pool_name\": \"string\","
                  + " \"state\": \"ACTIVE|STOPPED|DELETED\", \"node_type_id\": \"string\","
                  + " \"min_idle_instances\": 0, \"max_capacity\": 0,"
                  + " \"idle_instance_autotermination_minutes\": 0, \"custom_tags\": {},"
                  + " \"default_tags\": {}, \"enable_elastic_disk\": true, \"disk_spec\": {},"
                  + " \"aws_attributes\": {}, \"azure_attributes\": {}, \"gcp_attributes\": {},"
                  + " \"preloaded_spark_versions\": [\"string\"], \"preloaded_docker_images\": [],"
                  + " \"node_type_flexibility\": {}, \"remote_disk_throughput\": 0,"
                  + " \"total_initial_remote_disk_size\": 0, \"status\": {},"
                  + " \"stats\": {\"used_count\": 0, \"idle_count\": 0, \"pending_used_count\": 0,"
                  + " \"pending_idle_count\": 0}}")
          .required(
              "instance_pool_id",
              "instance_pool_name",
              "state",
              "node_type_id",
              "default_tags",
              "stats",
              "stats.used_count",
              "stats.idle_count");

  /**
   * Create: answers {@code {instance_pool_id}}; {@code instance_pool_name} and {@code node_type_id}
   * are required ("Pool name … Length must be between 1 and 100 characters"), the node type one of
   * list-node-types; {@code max_capacity} not below {@code min_idle_instances}.
   * https://docs.databricks.com/api/instance-pools/v2/create-instance-pool.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/instance-pools/create",
      doc = "https://docs.databricks.com/api/instance-pools/v2/create-instance-pool.md")
  void createAnswersTheId() {
    JsonNode created = admin().post(BASE + "/create", pool(unique("pool"), "m5d.large", 2)).ok();
    JsonShape.of("{\"instance_pool_id\": \"string\"}").required("instance_pool_id").check(created);
    String id = created.get("instance_pool_id").asText();
    // the reference's example: 1234-567890-fetch12-pool-A3BcdEFg
    assertThat(id).matches("\\d{4}-\\d{6}-[a-z0-9]{7}-pool-[A-Za-z0-9]{8}");
    for (String refused :
        List.of(
            "{\"node_type_id\": \"m5d.large\"}",
            "{\"instance_pool_name\": \"p\"}",
            "{\"instance_pool_name\": \"p\", \"node_type_id\": \"z9.huge\"}",
            "{\"instance_pool_name\": "
                + quote("p".repeat(101))
                + ", \"node_type_id\": \"m5d.large\"}",
            "{\"instance_pool_name\": \"p\", \"node_type_id\": \"m5d.large\","
                + " \"min_idle_instances\": 5, \"max_capacity\": 2}")) {
      admin().post(BASE + "/create", refused).isClientError();
    }
    analyst()
        .post(BASE + "/create", pool(unique("mine"), "m5d.large", 0))
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    delete(id);
  }

  /**
   * Get: the InstancePoolAndStats object; state ACTIVE; {@code default_tags} "Vendor,
   * InstancePoolCreator, InstancePoolName, InstancePoolId"; {@code stats} with the idle instances;
   * an unknown id refused. https://docs.databricks.com/api/instance-pools/v2/get-instance-pool.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/instance-pools/get",
      doc = "https://docs.databricks.com/api/instance-pools/v2/get-instance-pool.md")
  void getReturnsThePoolWithStats() {
    String name = unique("get");
    String id = create(name, "m5d.xlarge", 2);
    JsonNode p = get(id);
    POOL.check(p);
    assertThat(p.get("state").asText()).isEqualTo("ACTIVE");
    assertThat(p.get("node_type_id").asText()).isEqualTo("m5d.xlarge");
    assertThat(p.get("default_tags").get("Vendor").asText()).isEqualTo("Databricks");
    assertThat(p.get("default_tags").get("InstancePoolName").asText()).isEqualTo(name);
    assertThat(p.get("default_tags").get("InstancePoolId").asText()).isEqualTo(id);
    assertThat(p.get("stats").get("idle_count").asInt()).isEqualTo(2);
    assertThat(p.get("stats").get("used_count").asInt()).isZero();
    POOL.check(analyst().get(Wire.query(BASE + "/get", "instance_pool_id", id)).ok());
    admin()
        .get(Wire.query(BASE + "/get", "instance_pool_id", "0000-000000-nothere-pool-00000000"))
        .isClientError();
    delete(id);
  }

  /**
   * List: {@code {instance_pools: [InstancePoolAndStats]}} with their statistics.
   * https://docs.databricks.com/api/instance-pools/v2/list-instance-pools.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/instance-pools/list",
      doc = "https://docs.databricks.com/api/instance-pools/v2/list-instance-pools.md")
  void listShowsThePools() {
    String a = create(unique("list"), "m5d.large", 0);
    JsonNode all = admin().get(BASE + "/list").ok();
    JsonShape.of("{\"instance_pools\": [null]}").required("instance_pools").check(all);
    all.get("instance_pools").forEach(POOL::check);
    assertThat(ids(all)).contains(a);
    delete(a);
    // the page is silent on deleted pools; the sandbox lists only the active ones
    assertThat(ids(admin().get(BASE + "/list").ok())).doesNotContain(a);
  }

  /**
   * Edit: answers {@code {}}; name, node type, min idle, max capacity, idle minutes change; a
   * deleted pool cannot be edited.
   * https://docs.databricks.com/api/instance-pools/v2/edit-instance-pool.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/instance-pools/edit",
      doc = "https://docs.databricks.com/api/instance-pools/v2/edit-instance-pool.md")
  void editChangesThePool() {
    String id = create(unique("edit"), "m5d.large", 0);
    String renamed = unique("edited");
    admin()
        .post(
            BASE + "/edit",
            "{\"instance_pool_id\": \""
                + id
                + "\", \"instance_pool_name\": "
                + quote(renamed)
                + ", \"node_type_id\": \"m5d.large\", \"min_idle_instances\": 1,"
                + " \"max_capacity\": 10, \"idle_instance_autotermination_minutes\": 15}")
        .okEmpty();
    JsonNode p = get(id);
    assertThat(p.get("instance_pool_name").asText()).isEqualTo(renamed);
    assertThat(p.get("max_capacity").asInt()).isEqualTo(10);
    assertThat(p.get("idle_instance_autotermination_minutes").asInt()).isEqualTo(15);
    assertThat(p.get("stats").get("idle_count").asInt()).isEqualTo(1);
    analyst()
        .post(
            BASE + "/edit",
            "{\"instance_pool_id\": \""
                + id
                + "\", \"instance_pool_name\": \"x\", \"node_type_id\": \"m5d.large\"}")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    delete(id);
    admin()
        .post(
            BASE + "/edit",
            "{\"instance_pool_id\": \""
                + id
                + "\", \"instance_pool_name\": \"x\", \"node_type_id\": \"m5d.large\"}")
        .isClientError();
  }

  /**
   * Delete: answers {@code {}}; "Deletes the instance pool permanently": the pool shows DELETED and
   * no cluster can draw from it.
   * https://docs.databricks.com/api/instance-pools/v2/delete-instance-pool.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/instance-pools/delete",
      doc = "https://docs.databricks.com/api/instance-pools/v2/delete-instance-pool.md")
  void deleteMarksThePoolDeleted() {
    String id = create(unique("delete"), "m5d.large", 1);
    analyst()
        .post(BASE + "/delete", "{\"instance_pool_id\": \"" + id + "\"}")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    admin().post(BASE + "/delete", "{\"instance_pool_id\": \"" + id + "\"}").okEmpty();
    JsonNode p = get(id);
    POOL.check(p);
    assertThat(p.get("state").asText()).isEqualTo("DELETED");
    assertThat(p.get("stats").get("idle_count").asInt()).isZero();
    admin()
        .post("/api/2.1/clusters/create", clusterIn(id))
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
  }

  /**
   * A cluster with {@code instance_pool_id} (create-cluster.md: "The optional ID of the instance
   * pool to which the cluster belongs") takes the pool's node type, for its driver too unless
   * {@code driver_instance_pool_id} names another pool; the pool's stats count its nodes as used.
   * https://docs.databricks.com/api/clusters/v2/create-cluster.md
   */
  @Test
  @Contract(
      value = "POST /api/2.1/clusters/create",
      doc = "https://docs.databricks.com/api/clusters/v2/create-cluster.md")
  void aClusterDrawsItsNodesFromThePool() {
    String id = create(unique("nodes"), "r5d.xlarge", 0);
    String cluster =
        admin().post("/api/2.1/clusters/create", clusterIn(id)).ok().get("cluster_id").asText();
    JsonNode c = ClustersContractTest.get(cluster);
    assertThat(c.get("instance_pool_id").asText()).isEqualTo(id);
    assertThat(c.get("driver_instance_pool_id").asText()).isEqualTo(id);
    assertThat(c.get("node_type_id").asText()).isEqualTo("r5d.xlarge");
    assertThat(c.get("driver_node_type_id").asText()).isEqualTo("r5d.xlarge");
    assertThat(get(id).get("stats").get("used_count").asInt()).isEqualTo(3);
    admin()
        .post(
            "/api/2.1/clusters/create",
            clusterIn(id).replace("}", ", \"node_type_id\": \"m5d.large\"}"))
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    ClustersContractTest.permanentlyDelete(cluster);
    assertThat(get(id).get("stats").get("used_count").asInt()).isZero();
    delete(id);
  }

  /** Through the real SDK: create, get, list, edit; a cluster from the pool; delete. */
  @Test
  @Contract(
      value = "POST /api/2.0/instance-pools/create",
      doc = "https://docs.databricks.com/api/instance-pools/v2/create-instance-pool.md")
  @Contract(
      value = "GET /api/2.0/instance-pools/list",
      doc = "https://docs.databricks.com/api/instance-pools/v2/list-instance-pools.md")
  void sdkRoundTrip() throws Exception {
    WorkspaceClient w = SharedSandbox.sdk(Identities.ADMIN_TOKEN);
    String name = unique("sdk");
    String id =
        w.instancePools()
            .create(
                new CreateInstancePool()
                    .setInstancePoolName(name)
                    .setNodeTypeId("m5d.large")
                    .setMinIdleInstances(1L)
                    .setMaxCapacity(8L))
            .getInstancePoolId();
    assertThat(w.instancePools().get(id).getState()).isEqualTo(InstancePoolState.ACTIVE);
    List<String> listed = new ArrayList<>();
    w.instancePools().list().forEach(p -> listed.add(p.getInstancePoolId()));
    assertThat(listed).contains(id);
    w.instancePools()
        .edit(
            new EditInstancePool()
                .setInstancePoolId(id)
                .setInstancePoolName(name)
                .setNodeTypeId("m5d.large")
                .setMaxCapacity(16L));
    assertThat(w.instancePools().get(id).getMaxCapacity()).isEqualTo(16L);
    ClusterDetails running =
        w.clusters()
            .create(
                new CreateCluster()
                    .setSparkVersion("15.4.x-scala2.12")
                    .setInstancePoolId(id)
                    .setNumWorkers(1L))
            .get(Duration.ofSeconds(60));
    assertThat(running.getState()).isEqualTo(State.RUNNING);
    assertThat(running.getNodeTypeId()).isEqualTo("m5d.large");
    GetInstancePool withCluster = w.instancePools().get(id);
    assertThat(withCluster.getStats().getUsedCount()).isEqualTo(2L);
    w.clusters().permanentDelete(running.getClusterId());
    w.instancePools().delete(id);
    assertThat(w.instancePools().get(id).getState()).isEqualTo(InstancePoolState.DELETED);
  }

  static String pool(String name, String node, int minIdle) {
    return "{\"instance_pool_name\": "
        + quote(name)
        + ", \"node_type_id\": \""
        + node
        + "\", \"min_idle_instances\": "
        + minIdle
        + "}";
  }

  static String create(String name, String node, int minIdle) {
    return admin()
        .post(BASE + "/create", pool(name, node, minIdle))
        .ok()
        .get("instance_pool_id")
        .asText();
  }

  static JsonNode get(String id) {
    return admin().get(Wire.query(BASE + "/get", "instance_pool_id", id)).ok();
  }

  static void delete(String id) {
    admin().post(BASE + "/delete", "{\"instance_pool_id\": \"" + id + "\"}").okEmpty();
  }

  private static String clusterIn(String poolId) {
    return "{\"cluster_name\": "
        + quote(unique("pooled"))
        + ", \"spark_version\": \"15.4.x-scala2.12\", \"instance_pool_id\": \""
        + poolId
        + "\", \"num_workers\": 2}";
  }

  private static List<String> ids(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.path("instance_pools").forEach(p -> out.add(p.get("instance_pool_id").asText()));
    return out;
  }
}
