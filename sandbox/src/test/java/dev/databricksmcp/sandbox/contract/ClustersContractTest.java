package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.analyst;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.quote;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.InvalidState;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.mixin.NodeTypeSelector;
import com.databricks.sdk.mixin.SparkVersionSelector;
import com.databricks.sdk.service.compute.ClusterDetails;
import com.databricks.sdk.service.compute.CreateCluster;
import com.databricks.sdk.service.compute.EventType;
import com.databricks.sdk.service.compute.GetEvents;
import com.databricks.sdk.service.compute.GetEventsOrder;
import com.databricks.sdk.service.compute.PinCluster;
import com.databricks.sdk.service.compute.State;
import com.databricks.sdk.service.compute.TerminationReasonCode;
import com.databricks.sdk.service.compute.UnpinCluster;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Identities;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Clusters API 2.1 against its reference (index:
 * https://docs.databricks.com/api/clusters/v2/cluster.md). Clusters change state in the background
 * (200 ms a transition in the shared sandbox); the tests poll, bounded, for the state they expect
 * and assert nothing about time. Where a page names no error code, the code the service is seen to
 * answer is cited instead.
 */
@Timeout(180)
@ExtendWith(SharedSandbox.class)
class ClustersContractTest {
  static final String BASE = "/api/2.1/clusters";
  private static final String INVALID = "INVALID_PARAMETER_VALUE";
  private static final JsonShape CLUSTER =
      JsonShape.named("ClusterDetails")
          .required(
              "cluster_id",
              "cluster_name",
              "spark_version",
              "node_type_id",
              "driver_node_type_id",
              "state",
              "state_message",
              "creator_user_name",
              "cluster_source",
              "start_time",
              "autotermination_minutes",
              "default_tags");

  /**
   * List: {@code {clusters: [ClusterDetails], next_page_token, prev_page_token}}, filtered by
   * {@code filter_by.cluster_states} and {@code filter_by.is_pinned}, paged by {@code page_size}
   * and {@code page_token}, sorted by {@code sort_by.field} CLUSTER_NAME.
   * https://docs.databricks.com/api/clusters/v2/list-clusters.md
   */
  @Test
  @Contract(
      value = "GET /api/2.1/clusters/list",
      doc = "https://docs.databricks.com/api/clusters/v2/list-clusters.md")
  void listFiltersPagesAndSorts() {
    String a = awaitState(create(unique("b-list"), 1), "RUNNING");
    String b = create(unique("a-list"), 1);
    JsonNode all = admin().get(BASE + "/list").ok();
    JsonShape.of(
            "{\"clusters\": [\"@ClusterDetails\"], \"next_page_token\": \"string\","
                + " \"prev_page_token\": \"string\"}")
        .required("clusters[].cluster_id", "clusters[].state")
        .check(all);
    assertThat(ids(all)).contains(a, b);

    JsonNode running =
        admin().get(Wire.query(BASE + "/list", "filter_by.cluster_states", "RUNNING")).ok();
    for (JsonNode c : running.get("clusters")) {
      assertThat(c.get("state").asText()).isEqualTo("RUNNING");
    }
    assertThat(ids(running)).contains(a);

    JsonNode first = admin().get(Wire.query(BASE + "/list", "page_size", "1")).ok();
    assertThat(first.get("clusters")).hasSize(1);
    String token = first.get("next_page_token").asText();
    JsonNode second =
        admin().get(Wire.query(BASE + "/list", "page_size", "1", "page_token", token)).ok();
    assertThat(second.get("clusters")).hasSize(1);
    assertThat(second.has("prev_page_token")).isTrue();
    assertThat(ids(second)).doesNotContainAnyElementsOf(ids(first));

    JsonNode byName =
        admin()
            .get(
                Wire.query(
                    BASE + "/list", "sort_by.field", "CLUSTER_NAME", "sort_by.direction", "ASC"))
            .ok();
    List<String> names = new ArrayList<>();
    byName.get("clusters").forEach(c -> names.add(c.get("cluster_name").asText().toLowerCase()));
    assertThat(names).isSorted();

    admin().post(BASE + "/pin", "{\"cluster_id\": \"" + b + "\"}").okEmpty();
    assertThat(ids(admin().get(Wire.query(BASE + "/list", "filter_by.is_pinned", "true")).ok()))
        .contains(b)
        .doesNotContain(a);
    admin()
        .get(Wire.query(BASE + "/list", "filter_by.cluster_states", "SLEEPING"))
        .isError(400, INVALID, InvalidParameterValue.class);
    permanentlyDelete(a, b);
  }

  /**
   * Get: the cluster's documented fields; an unknown id is refused. The page names no code; the
   * service answers 400 INVALID_PARAMETER_VALUE "Cluster … does not exist"
   * (databricks/terraform-provider-databricks#1653 logs "/api/2.0/clusters/get:400 - Cluster … does
   * not exist"). https://docs.databricks.com/api/clusters/v2/get-cluster.md
   */
  @Test
  @Contract(
      value = "GET /api/2.1/clusters/get",
      doc = "https://docs.databricks.com/api/clusters/v2/get-cluster.md")
  void getReturnsTheCluster() {
    String name = unique("get");
    String id = create(name, 2);
    JsonNode c = get(id);
    CLUSTER.check(c);
    assertThat(c.get("cluster_name").asText()).isEqualTo(name);
    assertThat(c.get("num_workers").asInt()).isEqualTo(2);
    assertThat(c.get("cluster_source").asText()).isEqualTo("API");
    assertThat(c.get("creator_user_name").asText()).isEqualTo("admin@sandbox.local");
    assertThat(c.get("driver_node_type_id").asText()).isEqualTo("m5d.large");
    assertThat(c.get("default_tags").get("ClusterId").asText()).isEqualTo(id);
    assertThat(id).matches("\\d{4}-\\d{6}-[a-z0-9]{8}");
    unknownOnGet(admin().get(Wire.query(BASE + "/get", "cluster_id", "0000-000000-nothere0")));
    admin().get(BASE + "/get").isError(400, INVALID, InvalidParameterValue.class);
    permanentlyDelete(id);
  }

  /**
   * Create: answers {@code {cluster_id}}; "When this method returns, the cluster will be in a
   * PENDING state. The cluster will be usable once it enters a RUNNING state"; a cluster without a
   * name gets the empty string; without {@code autotermination_minutes} it is not terminated
   * automatically (0). https://docs.databricks.com/api/clusters/v2/create-cluster.md
   */
  @Test
  @Contract(
      value = "POST /api/2.1/clusters/create",
      doc = "https://docs.databricks.com/api/clusters/v2/create-cluster.md")
  void createAnswersTheIdAndTheClusterComesUp() {
    JsonNode created =
        admin()
            .post(
                BASE + "/create",
                "{\"spark_version\": \"15.4.x-scala2.12\", \"node_type_id\": \"m5d.large\","
                    + " \"num_workers\": 1}")
            .ok();
    JsonShape.of("{\"cluster_id\": \"string\"}").required("cluster_id").check(created);
    String id = created.get("cluster_id").asText();
    JsonNode c = get(id);
    assertThat(Set.of("PENDING", "RUNNING")).contains(c.get("state").asText());
    assertThat(c.get("cluster_name").asText()).isEmpty();
    assertThat(c.get("autotermination_minutes").asInt()).isZero();
    awaitState(id, "RUNNING");
    JsonNode running = get(id);
    CLUSTER.check(running);
    assertThat(running.get("cluster_cores").asDouble()).isEqualTo(4.0);
    assertThat(running.get("cluster_memory_mb").asLong()).isEqualTo(16384);
    permanentlyDelete(id);
  }

  /**
   * What create-cluster.md requires: {@code spark_version} (one of spark-versions), a node type
   * (one of list-node-types; or an instance pool, or a policy — an unknown id of either is
   * refused), {@code num_workers} or {@code autoscale} ({@code max_workers} "must be strictly
   * greater than min_workers") or the single-node shape, and {@code autotermination_minutes}
   * "between 10 and 10000 minutes", or 0. Each is refused with INVALID_PARAMETER_VALUE (the page
   * names no code; it is the code the service gives invalid request values).
   * https://docs.databricks.com/api/clusters/v2/create-cluster.md
   */
  @Test
  @Contract(
      value = "POST /api/2.1/clusters/create",
      doc = "https://docs.databricks.com/api/clusters/v2/create-cluster.md")
  void createRefusesWhatTheReferenceDoesNotAllow() {
    String runtime = "\"spark_version\": \"15.4.x-scala2.12\"";
    String node = "\"node_type_id\": \"m5d.large\"";
    for (String refused :
        List.of(
            node + ", \"num_workers\": 1",
            "\"spark_version\": \"1.0.x-scala2.10\", " + node + ", \"num_workers\": 1",
            runtime + ", \"num_workers\": 1",
            runtime + ", \"node_type_id\": \"z9.huge\", \"num_workers\": 1",
            runtime + ", " + node + ", \"driver_node_type_id\": \"z9.huge\", \"num_workers\": 1",
            runtime + ", " + node,
            runtime + ", " + node + ", \"num_workers\": -1",
            runtime + ", " + node + ", \"autoscale\": {\"min_workers\": 2, \"max_workers\": 2}",
            runtime
                + ", "
                + node
                + ", \"num_workers\": 2, \"autoscale\": {\"min_workers\": 1,"
                + " \"max_workers\": 3}",
            runtime + ", " + node + ", \"num_workers\": 1, \"autotermination_minutes\": 5",
            runtime + ", " + node + ", \"num_workers\": 1, \"autotermination_minutes\": 10001",
            runtime + ", \"instance_pool_id\": \"0101-120000-pool0000\", \"num_workers\": 1",
            runtime + ", " + node + ", \"num_workers\": 1, \"policy_id\": \"ABCDEF0123456789\"")) {
      admin()
          .post(BASE + "/create", "{" + refused + "}")
          .isError(400, INVALID, InvalidParameterValue.class);
    }
    String singleNode =
        admin()
            .post(
                BASE + "/create",
                "{"
                    + runtime
                    + ", "
                    + node
                    + ", \"kind\": \"CLASSIC_PREVIEW\", \"is_single_node\": true,"
                    + " \"autotermination_minutes\": 10}")
            .ok()
            .get("cluster_id")
            .asText();
    assertThat(get(singleNode).get("num_workers").asInt()).isZero();
    String autoscaling =
        admin()
            .post(
                BASE + "/create",
                "{"
                    + runtime
                    + ", "
                    + node
                    + ", \"autoscale\": {\"min_workers\": 1, \"max_workers\": 4}}")
            .ok()
            .get("cluster_id")
            .asText();
    // "It is also the initial number of workers the cluster will have after creation."
    assertThat(get(autoscaling).get("num_workers").asInt()).isEqualTo(1);
    permanentlyDelete(singleNode, autoscaling);
  }

  /**
   * Edit: answers {@code {}}; "Clusters can be updated if it is in a RUNNING or TERMINATED state.
   * If a cluster is updated while in a RUNNING state, it will be restarted"; in any other state it
   * is refused (INVALID_STATE, the code the service gives a cluster in the wrong state); EDITED is
   * recorded. https://docs.databricks.com/api/clusters/v2/edit-cluster.md
   */
  @Test
  @Contract(
      value = "POST /api/2.1/clusters/edit",
      doc = "https://docs.databricks.com/api/clusters/v2/edit-cluster.md")
  void editReplacesTheAttributesAndRestartsARunningCluster() {
    String id = create(unique("edit"), 1);
    String edit =
        "{\"cluster_id\": \""
            + id
            + "\", \"cluster_name\": \"edited\", \"spark_version\": \"16.4.x-scala2.12\","
            + " \"node_type_id\": \"r5d.xlarge\", \"num_workers\": 2, \"autotermination_minutes\":"
            + " 30}";
    if (get(id).get("state").asText().equals("PENDING")) {
      // the cluster may have reached RUNNING between the read and the edit on a busy machine
      Reply early = admin().post(BASE + "/edit", edit);
      if (early.status() != 200) {
        early.isError(400, "INVALID_STATE", InvalidState.class);
      }
    }
    awaitState(id, "RUNNING");
    admin().post(BASE + "/edit", edit).okEmpty();
    JsonNode c = get(id);
    assertThat(Set.of("RESTARTING", "RUNNING")).contains(c.get("state").asText());
    assertThat(c.get("cluster_name").asText()).isEqualTo("edited");
    assertThat(c.get("node_type_id").asText()).isEqualTo("r5d.xlarge");
    assertThat(c.get("autotermination_minutes").asInt()).isEqualTo(30);
    awaitState(id, "RUNNING");
    assertThat(eventTypes(id, "ASC")).containsSubsequence("EDITED", "RESTARTING", "RUNNING");
    admin()
        .post(BASE + "/edit", edit.replace("r5d.xlarge", "z9.huge"))
        .isError(400, INVALID, InvalidParameterValue.class);
    admin()
        .post(BASE + "/edit", edit.replace(id, "0000-000000-nothere0"))
        .isError(400, INVALID, InvalidParameterValue.class);
    permanentlyDelete(id);
  }

  /**
   * Delete (terminate): answers {@code {}}; TERMINATING, then TERMINATED with a {@code
   * termination_reason} (code USER_REQUEST, type SUCCESS, the user in {@code parameters}); "If the
   * cluster is already in a TERMINATING or TERMINATED state, nothing will happen."
   * https://docs.databricks.com/api/clusters/v2/delete-cluster.md
   */
  @Test
  @Contract(
      value = "POST /api/2.1/clusters/delete",
      doc = "https://docs.databricks.com/api/clusters/v2/delete-cluster.md")
  void deleteTerminatesWithAReason() {
    String id = awaitState(create(unique("terminate"), 1), "RUNNING");
    admin().post(BASE + "/delete", "{\"cluster_id\": \"" + id + "\"}").okEmpty();
    assertThat(Set.of("TERMINATING", "TERMINATED")).contains(get(id).get("state").asText());
    awaitState(id, "TERMINATED");
    JsonNode c = get(id);
    CLUSTER.check(c);
    JsonNode reason = c.get("termination_reason");
    assertThat(reason.get("code").asText()).isEqualTo("USER_REQUEST");
    assertThat(reason.get("type").asText()).isEqualTo("SUCCESS");
    assertThat(reason.get("parameters").get("username").asText()).isEqualTo("admin@sandbox.local");
    assertThat(c.get("terminated_time").asLong())
        .isGreaterThanOrEqualTo(c.get("start_time").asLong());
    admin().post(BASE + "/delete", "{\"cluster_id\": \"" + id + "\"}").okEmpty();
    assertThat(get(id).get("state").asText()).isEqualTo("TERMINATED");
    admin()
        .post(BASE + "/delete", "{\"cluster_id\": \"0000-000000-nothere0\"}")
        .isError(400, INVALID, InvalidParameterValue.class);
    permanentlyDelete(id);
  }

  /**
   * Start: answers {@code {}} and a TERMINATED cluster comes back (PENDING, then RUNNING) with its
   * id and attributes. start-cluster.md says a cluster in another state is left alone; the service
   * refuses it with 400 INVALID_STATE "Cluster … is in unexpected state Running." (databricks/cli
   * issue #1372 and its test server), and so does the sandbox.
   * https://docs.databricks.com/api/clusters/v2/start-cluster.md
   */
  @Test
  @Contract(
      value = "POST /api/2.1/clusters/start",
      doc = "https://docs.databricks.com/api/clusters/v2/start-cluster.md")
  void startBringsATerminatedClusterBack() {
    String id = awaitState(create(unique("start"), 1), "RUNNING");
    admin()
        .post(BASE + "/start", "{\"cluster_id\": \"" + id + "\"}")
        .isError(400, "INVALID_STATE", InvalidState.class);
    admin().post(BASE + "/delete", "{\"cluster_id\": \"" + id + "\"}").okEmpty();
    awaitState(id, "TERMINATED");
    admin().post(BASE + "/start", "{\"cluster_id\": \"" + id + "\"}").okEmpty();
    assertThat(Set.of("PENDING", "RUNNING")).contains(get(id).get("state").asText());
    awaitState(id, "RUNNING");
    assertThat(get(id).has("termination_reason")).isFalse();
    assertThat(eventTypes(id, "ASC"))
        .containsSubsequence("CREATING", "RUNNING", "TERMINATING", "STARTING", "RUNNING");
    admin()
        .post(BASE + "/start", "{\"cluster_id\": \"0000-000000-nothere0\"}")
        .isError(400, INVALID, InvalidParameterValue.class);
    permanentlyDelete(id);
  }

  /**
   * Restart: answers {@code {}}; a RUNNING cluster goes through RESTARTING back to RUNNING, with a
   * later {@code last_restarted_time}; "If the cluster is not currently in a RUNNING state, nothing
   * will happen." https://docs.databricks.com/api/clusters/v2/restart-cluster.md
   */
  @Test
  @Contract(
      value = "POST /api/2.1/clusters/restart",
      doc = "https://docs.databricks.com/api/clusters/v2/restart-cluster.md")
  void restartRestartsARunningCluster() {
    String id = awaitState(create(unique("restart"), 1), "RUNNING");
    admin().post(BASE + "/restart", "{\"cluster_id\": \"" + id + "\"}").okEmpty();
    assertThat(Set.of("RESTARTING", "RUNNING")).contains(get(id).get("state").asText());
    awaitState(id, "RUNNING");
    assertThat(get(id).has("last_restarted_time")).isTrue();
    admin().post(BASE + "/delete", "{\"cluster_id\": \"" + id + "\"}").okEmpty();
    awaitState(id, "TERMINATED");
    admin().post(BASE + "/restart", "{\"cluster_id\": \"" + id + "\"}").okEmpty();
    assertThat(get(id).get("state").asText()).isEqualTo("TERMINATED");
    permanentlyDelete(id);
  }

  /**
   * Resize: answers {@code {}}; RESIZING then RUNNING with the new size, a RESIZING event with the
   * current and target sizes; "This will fail unless the cluster is in a RUNNING state"
   * (INVALID_STATE); one of {@code num_workers} and {@code autoscale} is required.
   * https://docs.databricks.com/api/clusters/v2/resize-cluster.md
   */
  @Test
  @Contract(
      value = "POST /api/2.1/clusters/resize",
      doc = "https://docs.databricks.com/api/clusters/v2/resize-cluster.md")
  void resizeChangesTheSizeOfARunningCluster() {
    String id = create(unique("resize"), 1);
    if (get(id).get("state").asText().equals("PENDING")) {
      admin()
          .post(BASE + "/resize", "{\"cluster_id\": \"" + id + "\", \"num_workers\": 3}")
          .isError(400, "INVALID_STATE", InvalidState.class);
    }
    awaitState(id, "RUNNING");
    admin()
        .post(BASE + "/resize", "{\"cluster_id\": \"" + id + "\"}")
        .isError(400, INVALID, InvalidParameterValue.class);
    admin()
        .post(BASE + "/resize", "{\"cluster_id\": \"" + id + "\", \"num_workers\": 3}")
        .okEmpty();
    assertThat(get(id).get("num_workers").asInt()).isEqualTo(3);
    awaitState(id, "RUNNING");
    JsonNode resizing = events(id, "{\"event_types\": [\"RESIZING\"]}").get("events").get(0);
    assertThat(resizing.get("details").get("current_num_workers").asInt()).isEqualTo(1);
    assertThat(resizing.get("details").get("target_num_workers").asInt()).isEqualTo(3);
    admin().post(BASE + "/delete", "{\"cluster_id\": \"" + id + "\"}").okEmpty();
    awaitState(id, "TERMINATED");
    admin()
        .post(BASE + "/resize", "{\"cluster_id\": \"" + id + "\", \"num_workers\": 2}")
        .isError(400, "INVALID_STATE", InvalidState.class);
    permanentlyDelete(id);
  }

  /**
   * Pin and unpin: answer {@code {}}; pinning a pinned cluster has no effect; "This API can only be
   * called by workspace admins" (a user is refused with PERMISSION_DENIED); PINNED and UNPINNED are
   * recorded. https://docs.databricks.com/api/clusters/v2/pin-cluster.md and
   * https://docs.databricks.com/api/clusters/v2/unpin-cluster.md
   */
  @Test
  @Contract(
      value = "POST /api/2.1/clusters/pin",
      doc = "https://docs.databricks.com/api/clusters/v2/pin-cluster.md")
  @Contract(
      value = "POST /api/2.1/clusters/unpin",
      doc = "https://docs.databricks.com/api/clusters/v2/unpin-cluster.md")
  void pinAndUnpinAreForAdmins() {
    String id = create(unique("pin"), 1);
    String body = "{\"cluster_id\": \"" + id + "\"}";
    admin().post(BASE + "/pin", body).okEmpty();
    admin().post(BASE + "/pin", body).okEmpty();
    analyst().post(BASE + "/pin", body).isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    analyst().post(BASE + "/unpin", body).isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    admin().post(BASE + "/unpin", body).okEmpty();
    admin().post(BASE + "/unpin", body).okEmpty();
    assertThat(eventTypes(id, "ASC")).containsSubsequence("PINNED", "UNPINNED");
    assertThat(eventTypes(id, "ASC").stream().filter("PINNED"::equals).count()).isEqualTo(1);
    admin()
        .post(BASE + "/pin", "{\"cluster_id\": \"0000-000000-nothere0\"}")
        .isError(400, INVALID, InvalidParameterValue.class);
    permanentlyDelete(id);
  }

  /**
   * Permanent delete: answers {@code {}}; "users will no longer see permanently deleted clusters in
   * the cluster list, and API users can no longer perform any action on permanently deleted
   * clusters." https://docs.databricks.com/api/clusters/v2/permanent-delete-cluster.md
   */
  @Test
  @Contract(
      value = "POST /api/2.1/clusters/permanent-delete",
      doc = "https://docs.databricks.com/api/clusters/v2/permanent-delete-cluster.md")
  void permanentDeleteRemovesTheCluster() {
    String id = create(unique("gone"), 1);
    admin().post(BASE + "/permanent-delete", "{\"cluster_id\": \"" + id + "\"}").okEmpty();
    assertThat(ids(admin().get(BASE + "/list").ok())).doesNotContain(id);
    unknownOnGet(admin().get(Wire.query(BASE + "/get", "cluster_id", id)));
    admin()
        .post(BASE + "/start", "{\"cluster_id\": \"" + id + "\"}")
        .isError(400, INVALID, InvalidParameterValue.class);
    admin()
        .post(BASE + "/permanent-delete", "{\"cluster_id\": \"" + id + "\"}")
        .isError(400, INVALID, InvalidParameterValue.class);
  }

  /**
   * Events: {@code {events: [ClusterEvent], next_page, total_count}}, newest first unless {@code
   * order} is ASC, filtered by {@code event_types} and times; paged with {@code limit} (at most
   * 500) and {@code offset} ("When an offset is specified and the results are requested in
   * descending order, the end_time field is required"), {@code next_page} being the request for the
   * next page; or with {@code page_size} and {@code page_token}.
   * https://docs.databricks.com/api/clusters/v2/list-events.md
   */
  @Test
  @Contract(
      value = "POST /api/2.1/clusters/events",
      doc = "https://docs.databricks.com/api/clusters/v2/list-events.md")
  void eventsArePagedAndFiltered() {
    String id = awaitState(create(unique("events"), 1), "RUNNING");
    String body = "{\"cluster_id\": \"" + id + "\"}";
    admin().post(BASE + "/pin", body).okEmpty();
    admin().post(BASE + "/unpin", body).okEmpty();
    JsonNode all = events(id, "{}");
    JsonShape.of(
            "{\"events\": [\"@ClusterEvent\"], \"next_page\": {}, \"total_count\": 0,"
                + " \"next_page_token\": \"string\", \"prev_page_token\": \"string\"}")
        .required("events[].cluster_id", "events[].timestamp", "events[].type", "total_count")
        .check(all);
    assertThat(all.get("total_count").asInt()).isEqualTo(4);
    assertThat(eventTypes(id, "DESC")).containsExactly("UNPINNED", "PINNED", "RUNNING", "CREATING");
    assertThat(eventTypes(id, "ASC")).containsExactly("CREATING", "RUNNING", "PINNED", "UNPINNED");

    JsonNode first = events(id, "{\"limit\": 3}");
    assertThat(first.get("events")).hasSize(3);
    JsonNode next = first.get("next_page");
    assertThat(next.get("offset").asInt()).isEqualTo(3);
    assertThat(next.has("end_time")).isTrue();
    JsonNode second = admin().post(BASE + "/events", next.toString()).ok();
    assertThat(second.get("events")).hasSize(1);
    assertThat(second.get("events").get(0).get("type").asText()).isEqualTo("CREATING");
    assertThat(second.has("next_page")).isFalse();

    JsonNode pinned = events(id, "{\"event_types\": [\"PINNED\", \"UNPINNED\"]}");
    assertThat(pinned.get("total_count").asInt()).isEqualTo(2);
    long creating = all.get("events").get(3).get("timestamp").asLong();
    assertThat(events(id, "{\"end_time\": " + creating + "}").get("events")).isNotEmpty();

    JsonNode tokenPage = events(id, "{\"page_size\": 2}");
    assertThat(tokenPage.get("events")).hasSize(2);
    JsonNode tokenNext =
        events(
            id,
            "{\"page_size\": 2, \"page_token\": "
                + quote(tokenPage.get("next_page_token").asText())
                + "}");
    assertThat(tokenNext.get("events")).hasSize(2);
    assertThat(tokenNext.has("prev_page_token")).isTrue();

    admin()
        .post(BASE + "/events", "{\"cluster_id\": \"" + id + "\", \"offset\": 2}")
        .isError(400, INVALID, InvalidParameterValue.class);
    admin()
        .post(BASE + "/events", "{\"cluster_id\": \"" + id + "\", \"limit\": 501}")
        .isError(400, INVALID, InvalidParameterValue.class);
    admin()
        .post(BASE + "/events", "{\"cluster_id\": \"0000-000000-nothere0\"}")
        .isError(400, INVALID, InvalidParameterValue.class);
    permanentlyDelete(id);
  }

  /**
   * Node types: {@code {node_types: [NodeType]}} with the documented required fields (node_type_id,
   * memory_mb, num_cores, description, instance_type_id, category).
   * https://docs.databricks.com/api/clusters/v2/list-node-types.md
   */
  @Test
  @Contract(
      value = "GET /api/2.1/clusters/list-node-types",
      doc = "https://docs.databricks.com/api/clusters/v2/list-node-types.md")
  void listNodeTypes() {
    JsonNode all = admin().get(BASE + "/list-node-types").ok();
    JsonShape.of("{\"node_types\": [\"@NodeType\"]}")
        .required(
            "node_types[].node_type_id",
            "node_types[].memory_mb",
            "node_types[].num_cores",
            "node_types[].description",
            "node_types[].instance_type_id",
            "node_types[].category")
        .check(all);
    assertThat(all.get("node_types").size()).isGreaterThanOrEqualTo(5);
    assertThat(analyst().get(BASE + "/list-node-types").ok().get("node_types")).isNotEmpty();
  }

  /**
   * Runtime versions: {@code {versions: [{key, name}]}} like the page's example ({@code
   * 8.2.x-scala2.12}, {@code 8.2 (includes Apache Spark 3.1.1, Scala 2.12)}); LTS releases say so
   * in their name, ML runtimes carry {@code -ml-} in their key and {@code ML} in their name.
   * https://docs.databricks.com/api/clusters/v2/list-spark-versions.md
   */
  @Test
  @Contract(
      value = "GET /api/2.1/clusters/spark-versions",
      doc = "https://docs.databricks.com/api/clusters/v2/list-spark-versions.md")
  void sparkVersions() {
    JsonNode all = admin().get(BASE + "/spark-versions").ok();
    JsonShape.of("{\"versions\": [{\"key\": \"string\", \"name\": \"string\"}]}")
        .required("versions[].key", "versions[].name")
        .check(all);
    boolean lts = false;
    boolean ml = false;
    for (JsonNode v : all.get("versions")) {
      String key = v.get("key").asText();
      String name = v.get("name").asText();
      assertThat(key).matches("\\d+\\.\\d+\\.x-((cpu|gpu)-ml-)?scala2\\.1[23]");
      assertThat(name)
          .matches(
              "\\d+\\.\\d+( LTS)?( ML)? \\(includes Apache Spark [0-9.]+,( GPU,)? Scala 2\\.1[23]\\)");
      lts |= name.contains(" LTS ");
      if (key.contains("-ml-")) {
        ml = true;
        assertThat(name).contains(" ML ");
      }
    }
    assertThat(lts).isTrue();
    assertThat(ml).isTrue();
    assertThat(ids(admin().get(BASE + "/spark-versions").ok(), "versions", "key"))
        .contains("15.4.x-scala2.12");
  }

  /**
   * A user who is no admin: may create a cluster and manage it (its creator holds CAN_MANAGE);
   * neither sees nor manages another user's cluster (PERMISSION_DENIED), which the admin sees.
   * https://docs.databricks.com/api/clusters/v2/cluster.md (the sandbox has no cluster permissions
   * API yet, so nothing grants more).
   */
  @Test
  @Contract(
      value = "GET /api/2.1/clusters/list",
      doc = "https://docs.databricks.com/api/clusters/v2/list-clusters.md")
  @Contract(
      value = "GET /api/2.1/clusters/get",
      doc = "https://docs.databricks.com/api/clusters/v2/get-cluster.md")
  void aUserManagesWhatTheyCreated() {
    String admins = create(unique("admins"), 1);
    String mine =
        analyst()
            .post(
                BASE + "/create",
                "{\"cluster_name\": \"mine\", \"spark_version\": \"15.4.x-scala2.12\","
                    + " \"node_type_id\": \"m5d.large\", \"num_workers\": 0}")
            .ok()
            .get("cluster_id")
            .asText();
    assertThat(ids(analyst().get(BASE + "/list").ok())).contains(mine).doesNotContain(admins);
    assertThat(ids(admin().get(BASE + "/list").ok())).contains(mine, admins);
    analyst()
        .get(Wire.query(BASE + "/get", "cluster_id", admins))
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    analyst()
        .post(BASE + "/delete", "{\"cluster_id\": \"" + admins + "\"}")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    analyst()
        .post(BASE + "/events", "{\"cluster_id\": \"" + admins + "\"}")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    assertThat(
            analyst()
                .get(Wire.query(BASE + "/get", "cluster_id", mine))
                .ok()
                .get("creator_user_name")
                .asText())
        .isEqualTo("analyst@sandbox.local");
    analyst().post(BASE + "/delete", "{\"cluster_id\": \"" + mine + "\"}").okEmpty();
    analyst().post(BASE + "/permanent-delete", "{\"cluster_id\": \"" + mine + "\"}").okEmpty();
    permanentlyDelete(admins);
  }

  /**
   * 400 INVALID_PARAMETER_VALUE "Cluster … does not exist", the pair the SDK's ErrorOverrides turn
   * into a ResourceDoesNotExist on clusters/get.
   */
  static void unknownOnGet(Reply reply) {
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("error_code").asText()).isEqualTo(INVALID);
    assertThat(reply.json().get("message").asText()).matches("Cluster .* does not exist");
    assertThat(reply.sdkError()).isExactlyInstanceOf(ResourceDoesNotExist.class);
  }

  /**
   * The round trip through the Databricks SDK for Java: create and wait for RUNNING with the SDK's
   * own waiter, read the events (the SDK follows {@code next_page}), terminate and wait for
   * TERMINATED with a termination reason, start again, permanently delete; the SDK's
   * selectSparkVersion and selectNodeType find a runtime and a node type in the sandbox's lists.
   */
  @Test
  @Contract(
      value = "POST /api/2.1/clusters/create",
      doc = "https://docs.databricks.com/api/clusters/v2/create-cluster.md")
  @Contract(
      value = "POST /api/2.1/clusters/events",
      doc = "https://docs.databricks.com/api/clusters/v2/list-events.md")
  @Contract(
      value = "POST /api/2.1/clusters/delete",
      doc = "https://docs.databricks.com/api/clusters/v2/delete-cluster.md")
  @Contract(
      value = "POST /api/2.1/clusters/start",
      doc = "https://docs.databricks.com/api/clusters/v2/start-cluster.md")
  @Contract(
      value = "POST /api/2.1/clusters/permanent-delete",
      doc = "https://docs.databricks.com/api/clusters/v2/permanent-delete-cluster.md")
  void sdkRoundTrip() throws Exception {
    WorkspaceClient w = SharedSandbox.sdk(Identities.ADMIN_TOKEN);
    Duration wait = Duration.ofSeconds(60);
    String runtime =
        w.clusters()
            .selectSparkVersion(new SparkVersionSelector().withLatest().withLongTermSupport());
    String node = w.clusters().selectNodeType(new NodeTypeSelector().withLocalDisk());
    assertThat(runtime).isEqualTo("17.3.x-scala2.13");
    ClusterDetails running =
        w.clusters()
            .create(
                new CreateCluster()
                    .setClusterName(unique("sdk"))
                    .setSparkVersion(runtime)
                    .setNodeTypeId(node)
                    .setNumWorkers(1L)
                    .setAutoterminationMinutes(60L))
            .get(wait);
    assertThat(running.getState()).isEqualTo(State.RUNNING);
    String id = running.getClusterId();
    for (int i = 0; i < 60; i++) {
      w.clusters().pin(new PinCluster().setClusterId(id));
      w.clusters().unpin(new UnpinCluster().setClusterId(id));
    }
    List<EventType> types = new ArrayList<>();
    w.clusters()
        .events(new GetEvents().setClusterId(id).setOrder(GetEventsOrder.ASC))
        .forEach(e -> types.add(e.getType()));
    assertThat(types).hasSize(122).startsWith(EventType.CREATING, EventType.RUNNING);

    ClusterDetails terminated = w.clusters().delete(id).get(wait);
    assertThat(terminated.getState()).isEqualTo(State.TERMINATED);
    assertThat(terminated.getTerminationReason().getCode())
        .isEqualTo(TerminationReasonCode.USER_REQUEST);
    assertThat(w.clusters().start(id).get(wait).getState()).isEqualTo(State.RUNNING);
    w.clusters().permanentDelete(id);
    assertThatThrownBy(() -> w.clusters().get(id)).isInstanceOf(ResourceDoesNotExist.class);
  }

  static String create(String name, int workers) {
    return admin()
        .post(
            BASE + "/create",
            "{\"cluster_name\": "
                + quote(name)
                + ", \"spark_version\": \"15.4.x-scala2.12\", \"node_type_id\": \"m5d.large\","
                + " \"num_workers\": "
                + workers
                + "}")
        .ok()
        .get("cluster_id")
        .asText();
  }

  static JsonNode get(String id) {
    return admin().get(Wire.query(BASE + "/get", "cluster_id", id)).ok();
  }

  static JsonNode events(String id, String more) {
    String extra = more.substring(1, more.length() - 1).trim();
    return admin()
        .post(
            BASE + "/events",
            "{\"cluster_id\": \"" + id + "\"" + (extra.isEmpty() ? "" : ", " + extra) + "}")
        .ok();
  }

  static List<String> eventTypes(String id, String order) {
    List<String> out = new ArrayList<>();
    events(id, "{\"order\": \"" + order + "\"}")
        .get("events")
        .forEach(e -> out.add(e.get("type").asText()));
    return out;
  }

  static String awaitState(String id, String state) {
    String last = null;
    for (int i = 0; i < 2000; i++) {
      last = get(id).get("state").asText();
      if (last.equals(state)) {
        return id;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("cluster " + id + " never reached " + state + ", still " + last);
  }

  static void permanentlyDelete(String... ids) {
    for (String id : ids) {
      admin().post(BASE + "/permanent-delete", "{\"cluster_id\": \"" + id + "\"}").okEmpty();
    }
  }

  private static List<String> ids(JsonNode list) {
    return ids(list, "clusters", "cluster_id");
  }

  private static List<String> ids(JsonNode list, String array, String field) {
    List<String> out = new ArrayList<>();
    list.path(array).forEach(c -> out.add(c.get(field).asText()));
    return out;
  }
}
