package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.sql.EndpointInfo;
import com.databricks.sdk.service.sql.GetWarehouseRequest;
import com.databricks.sdk.service.sql.ListWarehousesRequest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.sql.Warehouses;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SQL warehouses against the API reference (index:
 * https://docs.databricks.com/api/warehouses/v1/warehouse.md). Warehouses change state in the
 * background; the tests poll, bounded, for the state they expect, and assert nothing about time.
 */
@Timeout(180)
@ExtendWith(SharedSandbox.class)
class WarehousesContractTest {
  private static final String BASE = "/api/2.0/sql/warehouses";
  private static final JsonShape WAREHOUSE =
      JsonShape.named("EndpointInfo")
          .required(
              "id",
              "name",
              "state",
              "cluster_size",
              "min_num_clusters",
              "max_num_clusters",
              "auto_stop_mins",
              "creator_name");

  /**
   * List: {@code {warehouses: [EndpointInfo]}}.
   * https://docs.databricks.com/api/warehouses/v1/list-warehouses.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/sql/warehouses",
      doc = "https://docs.databricks.com/api/warehouses/v1/list-warehouses.md")
  void listReturnsEndpointInfos() {
    JsonNode all = admin().get(BASE).ok();
    JsonShape.of("{\"warehouses\": [\"@EndpointInfo\"], \"next_page_token\": \"string\"}")
        .required("warehouses[].id", "warehouses[].name", "warehouses[].state")
        .check(all);
    boolean starter = false;
    for (JsonNode w : all.get("warehouses")) {
      starter |= w.get("id").asText().equals(Warehouses.STARTER_ID);
    }
    assertThat(starter).isTrue();
  }

  /**
   * Get: the warehouse's fields as documented (id, name, cluster_size among the supported sizes,
   * cluster counts, state); an unknown id is 404 (the page gives no code: the sandbox sends the
   * generic RESOURCE_DOES_NOT_EXIST).
   * https://docs.databricks.com/api/warehouses/v1/get-warehouse.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/sql/warehouses/{id}",
      doc = "https://docs.databricks.com/api/warehouses/v1/get-warehouse.md")
  void getReturnsTheWarehouse() {
    JsonNode starter = admin().get(BASE + "/" + Warehouses.STARTER_ID).ok();
    WAREHOUSE.check(starter);
    assertThat(
            Set.of(
                "2X-Small",
                "X-Small",
                "Small",
                "Medium",
                "Large",
                "X-Large",
                "2X-Large",
                "3X-Large",
                "4X-Large",
                "5X-Large"))
        .contains(starter.get("cluster_size").asText());
    admin()
        .get(BASE + "/0000000000000000")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  /**
   * Create: answers {@code {id}}; the new warehouse has the documented defaults (min_num_clusters
   * 1); a name is unique within the workspace, so a second warehouse of the same name is refused
   * (the page gives no code). https://docs.databricks.com/api/warehouses/v1/create-warehouse.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/sql/warehouses",
      doc = "https://docs.databricks.com/api/warehouses/v1/create-warehouse.md")
  void createAnswersTheIdAndAppliesDefaults() {
    String name = unique("contract wh");
    JsonNode created =
        admin().post(BASE, "{\"name\": \"" + name + "\", \"cluster_size\": \"2X-Small\"}").ok();
    JsonShape.of("{\"id\": \"string\"}").required("id").check(created);
    String id = created.get("id").asText();
    JsonNode w = admin().get(BASE + "/" + id).ok();
    WAREHOUSE.check(w);
    assertThat(w.get("name").asText()).isEqualTo(name);
    assertThat(w.get("min_num_clusters").asInt()).isEqualTo(1);

    admin().post(BASE, "{\"name\": \"" + name + "\"}").isClientError();
    admin().delete(BASE + "/" + id).okEmpty();
  }

  /**
   * {@code max_num_clusters} "Defaults to min_clusters if unset": a warehouse created with {@code
   * min_num_clusters} 3 and no maximum has a maximum of 3.
   * https://docs.databricks.com/api/warehouses/v1/create-warehouse.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/sql/warehouses",
      doc = "https://docs.databricks.com/api/warehouses/v1/create-warehouse.md")
  void maxNumClustersDefaultsToTheMinimum() {
    String id =
        admin()
            .post(BASE, "{\"name\": \"" + unique("contract wh") + "\", \"min_num_clusters\": 3}")
            .ok()
            .get("id")
            .asText();
    JsonNode w = admin().get(BASE + "/" + id).ok();
    assertThat(w.get("min_num_clusters").asInt()).isEqualTo(3);
    assertThat(w.get("max_num_clusters").asInt()).isEqualTo(3);
    admin().delete(BASE + "/" + id).okEmpty();
  }

  /**
   * Only the supported values create-warehouse.md lists are accepted, on create and on edit: a name
   * under 100 characters, one of the ten cluster sizes, {@code min_num_clusters} above 0 and at
   * most {@code min(max_num_clusters, 30)}, {@code max_num_clusters} at most 40. The page gives no
   * error code; the refusal is a 4xx error object.
   * https://docs.databricks.com/api/warehouses/v1/create-warehouse.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/sql/warehouses",
      doc = "https://docs.databricks.com/api/warehouses/v1/create-warehouse.md")
  @Contract(
      value = "POST /api/2.0/sql/warehouses/{id}/edit",
      doc = "https://docs.databricks.com/api/warehouses/v1/edit-warehouse.md")
  void onlySupportedValuesAreAccepted() {
    String name = "\"name\": \"" + unique("contract wh") + "\"";
    for (String unsupported :
        List.of(
            "\"name\": \"" + "n".repeat(100) + "\"",
            name + ", \"cluster_size\": \"Huge\"",
            name + ", \"min_num_clusters\": 0",
            name + ", \"min_num_clusters\": 31, \"max_num_clusters\": 40",
            name + ", \"min_num_clusters\": 3, \"max_num_clusters\": 2",
            name + ", \"max_num_clusters\": 41")) {
      admin().post(BASE, "{" + unsupported + "}").isClientError();
    }
    String id = create();
    admin().post(BASE + "/" + id + "/edit", "{\"cluster_size\": \"Huge\"}").isClientError();
    admin().post(BASE + "/" + id + "/edit", "{\"max_num_clusters\": 41}").isClientError();
    admin().post(BASE + "/" + id + "/edit", "{\"cluster_size\": \"5X-Large\"}").okEmpty();
    admin().delete(BASE + "/" + id).okEmpty();
  }

  /**
   * Edit: POST {@code /{id}/edit} answers {@code {}} and the warehouse shows the change, cluster
   * counts included (the edit request carries min_num_clusters and max_num_clusters).
   * https://docs.databricks.com/api/warehouses/v1/edit-warehouse.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/sql/warehouses/{id}/edit",
      doc = "https://docs.databricks.com/api/warehouses/v1/edit-warehouse.md")
  void editAnswersEmpty() {
    String id = create();
    admin()
        .post(
            BASE + "/" + id + "/edit",
            "{\"auto_stop_mins\": 45, \"min_num_clusters\": 2, \"max_num_clusters\": 4}")
        .okEmpty();
    JsonNode edited = admin().get(BASE + "/" + id).ok();
    assertThat(edited.get("auto_stop_mins").asInt()).isEqualTo(45);
    assertThat(edited.get("min_num_clusters").asInt()).isEqualTo(2);
    assertThat(edited.get("max_num_clusters").asInt()).isEqualTo(4);
    admin()
        .post(BASE + "/0000000000000000/edit", "{\"auto_stop_mins\": 45}")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    admin().delete(BASE + "/" + id).okEmpty();
  }

  /**
   * Stop and start: each answers {@code {}} (start-warehouse.md shows the empty response) and the
   * warehouse goes through STOPPING to STOPPED, and STARTING to RUNNING.
   * https://docs.databricks.com/api/warehouses/v1/start-warehouse.md and
   * https://docs.databricks.com/api/warehouses/v1/stop-warehouse.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/sql/warehouses/{id}/stop",
      doc = "https://docs.databricks.com/api/warehouses/v1/stop-warehouse.md")
  @Contract(
      value = "POST /api/2.0/sql/warehouses/{id}/start",
      doc = "https://docs.databricks.com/api/warehouses/v1/start-warehouse.md")
  void stopAndStartAnswerEmptyAndChangeTheState() {
    String id = create();
    awaitState(id, "RUNNING");
    admin().post(BASE + "/" + id + "/stop", "").okEmpty();
    assertThat(Set.of("STOPPING", "STOPPED"))
        .contains(admin().get(BASE + "/" + id).ok().get("state").asText());
    awaitState(id, "STOPPED");
    admin().post(BASE + "/" + id + "/start", "").okEmpty();
    assertThat(Set.of("STARTING", "RUNNING"))
        .contains(admin().get(BASE + "/" + id).ok().get("state").asText());
    awaitState(id, "RUNNING");
    admin()
        .post(BASE + "/0000000000000000/start", "")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    admin().delete(BASE + "/" + id).okEmpty();
  }

  /**
   * Delete: answers {@code {}}; the warehouse is gone.
   * https://docs.databricks.com/api/warehouses/v1/delete-warehouse.md
   */
  @Test
  @Contract(
      value = "DELETE /api/2.0/sql/warehouses/{id}",
      doc = "https://docs.databricks.com/api/warehouses/v1/delete-warehouse.md")
  void deleteAnswersEmptyAndTheWarehouseIsGone() {
    String id = create();
    admin().delete(BASE + "/" + id).okEmpty();
    admin()
        .get(BASE + "/" + id)
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  /**
   * Paging: {@code page_size} is "the max number of warehouses to return"; {@code next_page_token}
   * comes back while there are more and, sent as {@code page_token}, gives the next page; without
   * {@code page_size} every warehouse comes back.
   * https://docs.databricks.com/api/warehouses/v1/list-warehouses.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/sql/warehouses",
      doc = "https://docs.databricks.com/api/warehouses/v1/list-warehouses.md")
  void listPagesWithPageSizeAndPageToken() {
    int all = admin().get(BASE).ok().get("warehouses").size();
    assertThat(all).isGreaterThanOrEqualTo(2);
    JsonNode first = admin().get(BASE + "?page_size=1").ok();
    assertThat(first.get("warehouses")).hasSize(1);
    String token = first.get("next_page_token").asText();
    assertThat(token).isNotEmpty();
    JsonNode second = admin().get(BASE + "?page_size=1&page_token=" + token).ok();
    assertThat(second.get("warehouses")).hasSize(1);
    assertThat(second.get("warehouses").get(0).get("id").asText())
        .isNotEqualTo(first.get("warehouses").get(0).get("id").asText());
  }

  /**
   * The sandbox's second warehouse, stopped from the start (so that start_warehouse can be tried at
   * once), is a full EndpointInfo as get-warehouse.md documents it, in state STOPPED with no
   * clusters ("num_clusters: current number of clusters running for the service"). Starting it is
   * covered by {@link #stopAndStartAnswerEmptyAndChangeTheState} on a warehouse of its own.
   * https://docs.databricks.com/api/warehouses/v1/get-warehouse.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/sql/warehouses/{id}",
      doc = "https://docs.databricks.com/api/warehouses/v1/get-warehouse.md")
  void theStoppedWarehouseOfANewSandboxIsAFullEndpointInfo() {
    JsonNode analytics = admin().get(BASE + "/" + Warehouses.ANALYTICS_ID).ok();
    WAREHOUSE.check(analytics);
    assertThat(analytics.get("name").asText()).isEqualTo(Warehouses.ANALYTICS_NAME);
    assertThat(analytics.get("state").asText()).isEqualTo("STOPPED");
    assertThat(analytics.get("num_clusters").asInt()).isZero();
    boolean listed = false;
    for (JsonNode w : admin().get(BASE).ok().get("warehouses")) {
      listed |= w.get("id").asText().equals(Warehouses.ANALYTICS_ID);
    }
    assertThat(listed).isTrue();
  }

  /** List and get through the Databricks SDK for Java. */
  @Test
  @Contract(
      value = "GET /api/2.0/sql/warehouses",
      doc = "https://docs.databricks.com/api/warehouses/v1/list-warehouses.md")
  @Contract(
      value = "GET /api/2.0/sql/warehouses/{id}",
      doc = "https://docs.databricks.com/api/warehouses/v1/get-warehouse.md")
  void sdkRoundTrip() {
    WorkspaceClient sdk = SharedSandbox.sdk(Identities.ADMIN_TOKEN);
    assertThat(
            StreamSupport.stream(
                sdk.warehouses().list(new ListWarehousesRequest()).spliterator(), false))
        .extracting(EndpointInfo::getId)
        .contains(Warehouses.STARTER_ID);
    assertThat(
            sdk.warehouses().get(new GetWarehouseRequest().setId(Warehouses.STARTER_ID)).getName())
        .isEqualTo("Serverless Starter Warehouse");
  }

  private static String create() {
    return admin()
        .post(BASE, "{\"name\": \"" + unique("contract wh") + "\"}")
        .ok()
        .get("id")
        .asText();
  }

  private static void awaitState(String id, String state) {
    String last = null;
    for (int i = 0; i < 2400; i++) {
      last = admin().get(BASE + "/" + id).ok().get("state").asText();
      if (last.equals(state)) {
        return;
      }
      StatementExecutionContractTest.pause();
    }
    throw new AssertionError("warehouse " + id + " never reached " + state + ", still " + last);
  }
}
