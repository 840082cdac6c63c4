package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.analyst;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.quote;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.sdk;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.ml.CreateExperiment;
import com.databricks.sdk.service.ml.Experiment;
import com.databricks.sdk.service.ml.GetByNameRequest;
import com.databricks.sdk.service.ml.SearchExperiments;
import com.databricks.sdk.service.ml.SearchExperimentsResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.mlflow.SampleExperiment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The MLflow experiments API 2.0 as Databricks documents it (index:
 * https://docs.databricks.com/api/workspace/experiments; pages under
 * https://docs.databricks.com/api/experiments/v1/). The pages name RESOURCE_ALREADY_EXISTS for a
 * duplicate name and RESOURCE_DOES_NOT_EXIST for an experiment never created; the statuses are not
 * documented there: the sandbox answers them as open-source MLflow's server does
 * (RESOURCE_ALREADY_EXISTS and INVALID_PARAMETER_VALUE 400, RESOURCE_DOES_NOT_EXIST 404). Who may
 * change an experiment is the sandbox's choice (its creator and admins; the permissions API is not
 * served), and the absolute-path rule for names is Databricks' workspace experiments' (a name is a
 * workspace path).
 */
@Timeout(120)
@ExtendWith(SharedSandbox.class)
class MlflowContractTest {
  static final String BASE = "/api/2.0/mlflow/experiments";

  /** The Experiment object of get-experiment.md. */
  static final JsonShape EXPERIMENT =
      JsonShape.of(
              "{\"experiment_id\": \"string\", \"name\": \"string\", \"artifact_location\":"
                  + " \"string\", \"lifecycle_stage\": \"string\", \"last_update_time\": 0,"
                  + " \"creation_time\": 0, \"tags\": [{\"key\": \"string\", \"value\":"
                  + " \"string\"}]}")
          .required("experiment_id", "name", "lifecycle_stage", "artifact_location");

  static String create(String name) {
    return admin()
        .post(BASE + "/create", "{\"name\": " + quote(name) + "}")
        .ok()
        .get("experiment_id")
        .asText();
  }

  /**
   * Create: {@code {experiment_id}}; a second experiment of the same name is
   * RESOURCE_ALREADY_EXISTS; the name is required. Default artifact location
   * dbfs:/databricks/mlflow-tracking/&lt;experiment-id&gt;
   * (docs.databricks.com/mlflow/experiments).
   * https://docs.databricks.com/api/experiments/v1/create-experiment.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/mlflow/experiments/create",
      doc = "https://docs.databricks.com/api/experiments/v1/create-experiment.md")
  void createAnswersTheIdAndRefusesADuplicate() {
    String name = "/Shared/" + unique("exp");
    JsonNode created = admin().post(BASE + "/create", "{\"name\": " + quote(name) + "}").ok();
    JsonShape.of("{\"experiment_id\": \"string\"}").required("experiment_id").check(created);
    String id = created.get("experiment_id").asText();
    assertThat(id).matches("\\d+");
    JsonNode e = admin().get(Wire.query(BASE + "/get", "experiment_id", id)).ok();
    assertThat(e.get("experiment").get("artifact_location").asText())
        .isEqualTo("dbfs:/databricks/mlflow-tracking/" + id);
    admin()
        .post(BASE + "/create", "{\"name\": " + quote(name) + "}")
        .isError(409, "RESOURCE_ALREADY_EXISTS", ResourceAlreadyExists.class);
    admin()
        .post(BASE + "/create", "{}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin()
        .post(BASE + "/create", "{\"name\": \"relative\"}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
  }

  /**
   * Get: {@code {experiment}}; "This method works on deleted experiments"; an unknown id is
   * RESOURCE_DOES_NOT_EXIST. https://docs.databricks.com/api/experiments/v1/get-experiment.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/mlflow/experiments/get",
      doc = "https://docs.databricks.com/api/experiments/v1/get-experiment.md")
  void getWorksOnDeletedExperiments() {
    JsonNode sample =
        analyst().get(Wire.query(BASE + "/get", "experiment_id", SampleExperiment.ID)).ok();
    EXPERIMENT.check(sample.get("experiment"));
    assertThat(sample.get("experiment").get("name").asText()).isEqualTo(SampleExperiment.NAME);
    assertThat(sample.get("experiment").get("lifecycle_stage").asText()).isEqualTo("active");
    String id = create("/Shared/" + unique("gone"));
    admin().post(BASE + "/delete", "{\"experiment_id\": " + quote(id) + "}").okEmpty();
    assertThat(
            admin()
                .get(Wire.query(BASE + "/get", "experiment_id", id))
                .ok()
                .get("experiment")
                .get("lifecycle_stage")
                .asText())
        .isEqualTo("deleted");
    admin()
        .get(Wire.query(BASE + "/get", "experiment_id", "123"))
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  /**
   * Get by name: {@code {experiment}}; "Throws RESOURCE_DOES_NOT_EXIST if no experiment with the
   * specified name exists". https://docs.databricks.com/api/experiments/v1/get-by-name.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/mlflow/experiments/get-by-name",
      doc = "https://docs.databricks.com/api/experiments/v1/get-by-name.md")
  void getByName() {
    JsonNode e =
        analyst()
            .get(Wire.query(BASE + "/get-by-name", "experiment_name", SampleExperiment.NAME))
            .ok();
    EXPERIMENT.check(e.get("experiment"));
    assertThat(e.get("experiment").get("experiment_id").asText()).isEqualTo(SampleExperiment.ID);
    admin()
        .get(Wire.query(BASE + "/get-by-name", "experiment_name", "/Shared/none-such"))
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    Experiment viaSdk =
        sdk(Identities.ADMIN_TOKEN)
            .experiments()
            .getByName(new GetByNameRequest().setExperimentName(SampleExperiment.NAME))
            .getExperiment();
    assertThat(viaSdk.getExperimentId()).isEqualTo(SampleExperiment.ID);
  }

  /**
   * Search: {@code {experiments, next_page_token}}; filter such as {@code name ILIKE
   * 'my-experiment%'}; order_by name or last update, "Tiebreaks are done by experiment id DESC";
   * max_results "Max threshold is 3000"; view_type ACTIVE_ONLY by default.
   * https://docs.databricks.com/api/experiments/v1/search-experiments.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/mlflow/experiments/search",
      doc = "https://docs.databricks.com/api/experiments/v1/search-experiments.md")
  void searchFiltersOrdersAndPages() {
    String prefix = "/Shared/" + unique("search");
    String a = create(prefix + "-a");
    String b = create(prefix + "-b");
    String c = create(prefix + "-c");
    admin().post(BASE + "/delete", "{\"experiment_id\": " + quote(c) + "}").okEmpty();
    JsonNode found =
        admin()
            .post(BASE + "/search", "{\"filter\": \"name ILIKE '" + prefix.toUpperCase() + "%'\"}")
            .ok();
    found.get("experiments").forEach(EXPERIMENT::check);
    assertThat(ids(found)).containsExactlyInAnyOrder(a, b);
    JsonNode desc =
        admin()
            .post(
                BASE + "/search",
                "{\"filter\": \"name LIKE '" + prefix + "%'\", \"order_by\": [\"name DESC\"]}")
            .ok();
    assertThat(ids(desc)).containsExactly(b, a);
    JsonNode deleted =
        admin()
            .post(
                BASE + "/search",
                "{\"filter\": \"name LIKE '" + prefix + "%'\", \"view_type\": \"DELETED_ONLY\"}")
            .ok();
    assertThat(ids(deleted)).containsExactly(c);
    // pages of one, through the SDK
    WorkspaceClient w = sdk(Identities.ADMIN_TOKEN);
    List<String> paged = new ArrayList<>();
    String token = null;
    do {
      SearchExperimentsResponse page =
          w.experiments()
              .impl()
              .searchExperiments(
                  new SearchExperiments()
                      .setFilter("name LIKE '" + prefix + "%'")
                      .setOrderBy(List.of("name"))
                      .setMaxResults(1L)
                      .setPageToken(token));
      page.getExperiments().forEach(e -> paged.add(e.getExperimentId()));
      token = page.getNextPageToken();
    } while (token != null);
    assertThat(paged).containsExactly(a, b);
    admin()
        .post(BASE + "/search", "{\"max_results\": 3001}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin()
        .post(BASE + "/search", "{\"filter\": \"name = 'x' OR name = 'y'\"}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
  }

  /**
   * Delete marks the experiment and its runs for deletion; restore brings it back ("Throws
   * RESOURCE_DOES_NOT_EXIST if experiment was never created or was permanently deleted"); only its
   * creator or an admin may. https://docs.databricks.com/api/experiments/v1/delete-experiment.md
   * https://docs.databricks.com/api/experiments/v1/restore-experiment.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/mlflow/experiments/delete",
      doc = "https://docs.databricks.com/api/experiments/v1/delete-experiment.md")
  @Contract(
      value = "POST /api/2.0/mlflow/experiments/restore",
      doc = "https://docs.databricks.com/api/experiments/v1/restore-experiment.md")
  void deleteAndRestore() {
    String id = create("/Shared/" + unique("del"));
    analyst()
        .post(BASE + "/delete", "{\"experiment_id\": " + quote(id) + "}")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    admin().post(BASE + "/delete", "{\"experiment_id\": " + quote(id) + "}").okEmpty();
    admin().post(BASE + "/restore", "{\"experiment_id\": " + quote(id) + "}").okEmpty();
    assertThat(
            admin()
                .get(Wire.query(BASE + "/get", "experiment_id", id))
                .ok()
                .get("experiment")
                .get("lifecycle_stage")
                .asText())
        .isEqualTo("active");
    admin()
        .post(BASE + "/restore", "{\"experiment_id\": \"999\"}")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    admin()
        .post(BASE + "/delete", "{\"experiment_id\": \"999\"}")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  /**
   * Update renames ({@code new_name}; "The new name must be unique"); set-experiment-tag sets a
   * tag. https://docs.databricks.com/api/experiments/v1/update-experiment.md
   * https://docs.databricks.com/api/experiments/v1/set-experiment-tag.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/mlflow/experiments/update",
      doc = "https://docs.databricks.com/api/experiments/v1/update-experiment.md")
  @Contract(
      value = "POST /api/2.0/mlflow/experiments/set-experiment-tag",
      doc = "https://docs.databricks.com/api/experiments/v1/set-experiment-tag.md")
  void renameAndTag() {
    String id = create("/Shared/" + unique("old"));
    String renamed = "/Shared/" + unique("new");
    admin()
        .post(
            BASE + "/update",
            "{\"experiment_id\": " + quote(id) + ", \"new_name\": " + quote(renamed) + "}")
        .okEmpty();
    admin()
        .post(
            BASE + "/set-experiment-tag",
            "{\"experiment_id\": " + quote(id) + ", \"key\": \"team\", \"value\": \"ml\"}")
        .okEmpty();
    Experiment e =
        sdk(Identities.ADMIN_TOKEN)
            .experiments()
            .getByName(new GetByNameRequest().setExperimentName(renamed))
            .getExperiment();
    assertThat(e.getExperimentId()).isEqualTo(id);
    assertThat(e.getTags()).anyMatch(t -> t.getKey().equals("team") && t.getValue().equals("ml"));
    admin()
        .post(
            BASE + "/update",
            "{\"experiment_id\": "
                + quote(id)
                + ", \"new_name\": "
                + quote(SampleExperiment.NAME)
                + "}")
        .isError(409, "RESOURCE_ALREADY_EXISTS", ResourceAlreadyExists.class);
    assertThatThrownBy(
            () ->
                sdk(Identities.USER_TOKEN)
                    .experiments()
                    .createExperiment(new CreateExperiment().setName(renamed)))
        .isInstanceOf(ResourceAlreadyExists.class);
  }

  static List<String> ids(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.path("experiments").forEach(e -> out.add(e.get("experiment_id").asText()));
    return out;
  }
}
