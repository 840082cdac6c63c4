package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.analyst;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.quote;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.sdk;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.ml.CreateExperiment;
import com.databricks.sdk.service.ml.CreateRun;
import com.databricks.sdk.service.ml.FileInfo;
import com.databricks.sdk.service.ml.GetHistoryRequest;
import com.databricks.sdk.service.ml.GetMetricHistoryResponse;
import com.databricks.sdk.service.ml.GetRunRequest;
import com.databricks.sdk.service.ml.ListArtifactsRequest;
import com.databricks.sdk.service.ml.ListArtifactsResponse;
import com.databricks.sdk.service.ml.LogBatch;
import com.databricks.sdk.service.ml.Metric;
import com.databricks.sdk.service.ml.Param;
import com.databricks.sdk.service.ml.Run;
import com.databricks.sdk.service.ml.RunTag;
import com.databricks.sdk.service.ml.SearchRuns;
import com.databricks.sdk.service.ml.SearchRunsResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.mlflow.SampleExperiment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The MLflow runs, metrics and artifacts routes as Databricks documents them (pages under
 * https://docs.databricks.com/api/experiments/v1/), on the sample experiment and on runs a test
 * creates. Error statuses are not on the pages: as open-source MLflow answers them (400
 * INVALID_PARAMETER_VALUE for a bad filter or value, 404 RESOURCE_DOES_NOT_EXIST for an unknown
 * run). The artifact listing has no bytes behind it (the sandbox keeps paths and sizes).
 */
@Timeout(120)
@ExtendWith(SharedSandbox.class)
class MlflowRunsContractTest {
  static final String BASE = "/api/2.0/mlflow";

  /** The Run object of get-run.md. */
  static final JsonShape RUN =
      JsonShape.of(
              "{\"info\": {\"run_id\": \"string\", \"run_uuid\": \"string\", \"run_name\":"
                  + " \"string\", \"experiment_id\": \"string\", \"user_id\": \"string\","
                  + " \"status\": \"RUNNING|SCHEDULED|FINISHED|FAILED|KILLED\", \"start_time\":"
                  + " 0, \"end_time\": 0, \"artifact_uri\": \"string\", \"lifecycle_stage\":"
                  + " \"string\"}, \"data\": {\"metrics\": [{\"key\": \"string\", \"value\": 0.1,"
                  + " \"timestamp\": 0, \"step\": 0}], \"params\": [{\"key\": \"string\","
                  + " \"value\": \"string\"}], \"tags\": [{\"key\": \"string\", \"value\":"
                  + " \"string\"}]}, \"inputs\": {}}")
          .required("info", "info.run_id", "info.experiment_id", "info.status", "data");

  private static WorkspaceClient w() {
    return sdk(Identities.ADMIN_TOKEN);
  }

  private static String experiment() {
    return w().experiments()
        .createExperiment(new CreateExperiment().setName("/Shared/" + unique("runs")))
        .getExperimentId();
  }

  private static JsonNode search(String body) {
    return analyst().post(BASE + "/runs/search", body).ok();
  }

  private static List<String> names(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.path("runs").forEach(r -> out.add(r.get("info").get("run_name").asText()));
    return out;
  }

  /**
   * Search: {@code {runs, next_page_token}}; filter "ANDing together binary operations between a
   * param, metric, or tag and a constant" ({@code metrics.rmse < 1 and params.model_class =
   * 'LogisticRegression'}); order_by with DESC/ASC, "Tiebreaks are done by start_time DESC followed
   * by run_id"; max_results "Max threshold is 50000"; run_view_type ACTIVE_ONLY by default.
   * https://docs.databricks.com/api/experiments/v1/search-runs.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/mlflow/runs/search",
      doc = "https://docs.databricks.com/api/experiments/v1/search-runs.md")
  void searchFiltersOrdersAndPages() {
    String exp = "[" + quote(SampleExperiment.ID) + "]";
    JsonNode all = search("{\"experiment_ids\": " + exp + "}");
    assertThat(all.get("runs")).hasSize(SampleExperiment.RUNS);
    all.get("runs").forEach(RUN::check);
    // no order_by: start_time DESC
    List<Long> starts = new ArrayList<>();
    all.get("runs").forEach(r -> starts.add(r.get("info").get("start_time").asLong()));
    assertThat(starts).isSortedAccordingTo((a, b) -> Long.compare(b, a));

    JsonNode best =
        search(
            "{\"experiment_ids\": "
                + exp
                + ", \"filter\": \"metrics.auc > 0.8 and params.alpha = '0.5'\","
                + " \"order_by\": [\"metrics.auc DESC\"], \"max_results\": 3}");
    assertThat(best.get("runs")).hasSize(3);
    double previous = Double.MAX_VALUE;
    for (JsonNode r : best.get("runs")) {
      double auc = metric(r, "auc");
      assertThat(auc).isGreaterThan(0.8).isLessThanOrEqualTo(previous);
      previous = auc;
      assertThat(param(r, "alpha")).isEqualTo("0.5");
    }
    assertThat(best.get("next_page_token").asText()).isNotEmpty();

    JsonNode failed =
        search("{\"experiment_ids\": " + exp + ", \"filter\": \"attributes.status = 'FAILED'\"}");
    assertThat(failed.get("runs")).hasSize(1);
    JsonNode named =
        search(
            "{\"experiment_ids\": "
                + exp
                + ", \"filter\": \"tags.mlflow.runName LIKE 'xgboost-d7%'\","
                + " \"order_by\": [\"params.alpha ASC\"]}");
    assertThat(names(named))
        .containsExactly("xgboost-d7-a0.1", "xgboost-d7-a0.5", "xgboost-d7-a1.0");

    // pages of 10 through the SDK cover every run once
    List<String> ids = new ArrayList<>();
    String token = null;
    do {
      SearchRunsResponse page =
          w().experiments()
              .impl()
              .searchRuns(
                  new SearchRuns()
                      .setExperimentIds(List.of(SampleExperiment.ID))
                      .setOrderBy(List.of("metrics.auc DESC"))
                      .setMaxResults(10L)
                      .setPageToken(token));
      page.getRuns().forEach(r -> ids.add(r.getInfo().getRunId()));
      token = page.getNextPageToken();
    } while (token != null);
    assertThat(ids).hasSize(SampleExperiment.RUNS).doesNotHaveDuplicates();

    for (String bad :
        List.of(
            "metrics.auc > 0.8 or params.alpha = '0.5'",
            "metrics.auc ~ 0.8",
            "metrics.auc > 'high'",
            "params.alpha = 0.5",
            "foo.bar = 'x'",
            "metrics.auc >")) {
      admin()
          .post(
              BASE + "/runs/search",
              "{\"experiment_ids\": " + exp + ", \"filter\": " + quote(bad) + "}")
          .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    }
    admin()
        .post(BASE + "/runs/search", "{\"experiment_ids\": " + exp + ", \"max_results\": 50001}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin()
        .post(
            BASE + "/runs/search",
            "{\"experiment_ids\": " + exp + ", \"order_by\": [\"metrics.auc SIDEWAYS\"]}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
  }

  /**
   * Create: {@code {run}} RUNNING with {@code mlflow.runName}; get: {@code {run}} with the latest
   * metric values; an unknown run is RESOURCE_DOES_NOT_EXIST; only who may change the experiment
   * logs to it. https://docs.databricks.com/api/experiments/v1/create-run.md
   * https://docs.databricks.com/api/experiments/v1/get-run.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/mlflow/runs/create",
      doc = "https://docs.databricks.com/api/experiments/v1/create-run.md")
  @Contract(
      value = "GET /api/2.0/mlflow/runs/get",
      doc = "https://docs.databricks.com/api/experiments/v1/get-run.md")
  void createAndGet() {
    String exp = experiment();
    JsonNode created =
        admin()
            .post(
                BASE + "/runs/create",
                "{\"experiment_id\": "
                    + quote(exp)
                    + ", \"run_name\": \"first\", \"start_time\": 1700000000000,"
                    + " \"tags\": [{\"key\": \"team\", \"value\": \"ml\"}]}")
            .ok();
    RUN.check(created.get("run"));
    JsonNode info = created.get("run").get("info");
    assertThat(info.get("status").asText()).isEqualTo("RUNNING");
    assertThat(info.get("run_name").asText()).isEqualTo("first");
    assertThat(info.get("lifecycle_stage").asText()).isEqualTo("active");
    String id = info.get("run_id").asText();
    JsonNode got = analyst().get(Wire.query(BASE + "/runs/get", "run_id", id)).ok();
    RUN.check(got.get("run"));
    assertThat(tag(got.get("run"), "mlflow.runName")).isEqualTo("first");
    assertThat(tag(got.get("run"), "team")).isEqualTo("ml");
    admin()
        .get(Wire.query(BASE + "/runs/get", "run_id", "0123456789abcdef0123456789abcdef"))
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    analyst()
        .post(BASE + "/runs/create", "{\"experiment_id\": " + quote(exp) + "}")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    Run viaSdk =
        w().experiments()
            .createRun(new CreateRun().setExperimentId(exp).setRunName("sdk"))
            .getRun();
    assertThat(
            w().experiments()
                .getRun(new GetRunRequest().setRunId(viaSdk.getInfo().getRunId()))
                .getRun()
                .getInfo()
                .getRunName())
        .isEqualTo("sdk");
  }

  /**
   * Log metric, param and tag, delete a tag, log a batch: each answers {@code {}}; a param is
   * logged once (a new value is refused); log-batch holds "up to 1000 metrics, 100 params, and 100
   * tags"; get-history answers every value of a metric, paged.
   * https://docs.databricks.com/api/experiments/v1/log-batch.md
   * https://docs.databricks.com/api/experiments/v1/get-history.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/mlflow/runs/log-metric",
      doc = "https://docs.databricks.com/api/experiments/v1/log-metric.md")
  @Contract(
      value = "POST /api/2.0/mlflow/runs/log-parameter",
      doc = "https://docs.databricks.com/api/experiments/v1/log-param.md")
  @Contract(
      value = "POST /api/2.0/mlflow/runs/set-tag",
      doc = "https://docs.databricks.com/api/experiments/v1/set-tag.md")
  @Contract(
      value = "POST /api/2.0/mlflow/runs/delete-tag",
      doc = "https://docs.databricks.com/api/experiments/v1/delete-tag.md")
  @Contract(
      value = "POST /api/2.0/mlflow/runs/log-batch",
      doc = "https://docs.databricks.com/api/experiments/v1/log-batch.md")
  @Contract(
      value = "GET /api/2.0/mlflow/metrics/get-history",
      doc = "https://docs.databricks.com/api/experiments/v1/get-history.md")
  void logAndReadHistory() {
    String exp = experiment();
    String run =
        w().experiments()
            .createRun(new CreateRun().setExperimentId(exp))
            .getRun()
            .getInfo()
            .getRunId();
    String r = quote(run);
    admin()
        .post(
            BASE + "/runs/log-metric",
            "{\"run_id\": "
                + r
                + ", \"key\": \"loss\", \"value\": 0.9, \"timestamp\": 1, \"step\": 0}")
        .okEmpty();
    admin()
        .post(
            BASE + "/runs/log-parameter",
            "{\"run_id\": " + r + ", \"key\": \"lr\", \"value\": \"0.1\"}")
        .okEmpty();
    admin()
        .post(
            BASE + "/runs/log-parameter",
            "{\"run_id\": " + r + ", \"key\": \"lr\", \"value\": \"0.2\"}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin()
        .post(
            BASE + "/runs/set-tag", "{\"run_id\": " + r + ", \"key\": \"note\", \"value\": \"x\"}")
        .okEmpty();
    admin().post(BASE + "/runs/delete-tag", "{\"run_id\": " + r + ", \"key\": \"note\"}").okEmpty();
    admin()
        .post(BASE + "/runs/log-metric", "{\"run_id\": " + r + ", \"key\": \"loss\"}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    List<Metric> steps = new ArrayList<>();
    for (long s = 1; s <= 4; s++) {
      steps.add(new Metric().setKey("loss").setValue(0.9 - s * 0.1).setTimestamp(s + 1).setStep(s));
    }
    w().experiments()
        .logBatch(
            new LogBatch()
                .setRunId(run)
                .setMetrics(steps)
                .setParams(List.of(new Param().setKey("depth").setValue("4")))
                .setTags(List.of(new RunTag().setKey("stage").setValue("dev"))));
    JsonNode got = admin().get(Wire.query(BASE + "/runs/get", "run_id", run)).ok().get("run");
    assertThat(metric(got, "loss")).isEqualTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(param(got, "depth")).isEqualTo("4");
    assertThat(tag(got, "stage")).isEqualTo("dev");
    assertThat(tag(got, "note")).isNull();

    JsonNode history =
        admin()
            .get(Wire.query(BASE + "/metrics/get-history", "run_id", run, "metric_key", "loss"))
            .ok();
    JsonShape.of(
            "{\"metrics\": [{\"key\": \"string\", \"value\": 0.1, \"timestamp\": 0,"
                + " \"step\": 0}], \"next_page_token\": \"string\"}")
        .required("metrics")
        .check(history);
    assertThat(history.get("metrics")).hasSize(5);
    GetMetricHistoryResponse first =
        w().experiments()
            .impl()
            .getHistory(
                new GetHistoryRequest().setRunId(run).setMetricKey("loss").setMaxResults(2L));
    assertThat(first.getMetrics()).hasSize(2);
    assertThat(first.getNextPageToken()).isNotEmpty();
    admin()
        .get(Wire.query(BASE + "/metrics/get-history", "run_id", "nope", "metric_key", "loss"))
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  /**
   * Update: {@code {run_info}} with the new status, end time and name; delete and restore change
   * the run's lifecycle stage (a deleted run leaves ACTIVE_ONLY searches).
   * https://docs.databricks.com/api/experiments/v1/update-run.md
   * https://docs.databricks.com/api/experiments/v1/delete-run.md
   * https://docs.databricks.com/api/experiments/v1/restore-run.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/mlflow/runs/update",
      doc = "https://docs.databricks.com/api/experiments/v1/update-run.md")
  @Contract(
      value = "POST /api/2.0/mlflow/runs/delete",
      doc = "https://docs.databricks.com/api/experiments/v1/delete-run.md")
  @Contract(
      value = "POST /api/2.0/mlflow/runs/restore",
      doc = "https://docs.databricks.com/api/experiments/v1/restore-run.md")
  void updateDeleteRestore() {
    String exp = experiment();
    String run =
        w().experiments()
            .createRun(new CreateRun().setExperimentId(exp))
            .getRun()
            .getInfo()
            .getRunId();
    JsonNode updated =
        admin()
            .post(
                BASE + "/runs/update",
                "{\"run_id\": "
                    + quote(run)
                    + ", \"status\": \"FINISHED\", \"end_time\": 1700000001000,"
                    + " \"run_name\": \"done\"}")
            .ok();
    assertThat(updated.get("run_info").get("status").asText()).isEqualTo("FINISHED");
    assertThat(updated.get("run_info").get("run_name").asText()).isEqualTo("done");
    assertThat(updated.get("run_info").get("end_time").asLong()).isEqualTo(1700000001000L);
    admin().post(BASE + "/runs/delete", "{\"run_id\": " + quote(run) + "}").okEmpty();
    String ids = "[" + quote(exp) + "]";
    assertThat(search("{\"experiment_ids\": " + ids + "}").path("runs")).isEmpty();
    assertThat(
            search("{\"experiment_ids\": " + ids + ", \"run_view_type\": \"DELETED_ONLY\"}")
                .get("runs"))
        .hasSize(1);
    admin().post(BASE + "/runs/restore", "{\"run_id\": " + quote(run) + "}").okEmpty();
    assertThat(search("{\"experiment_ids\": " + ids + "}").get("runs")).hasSize(1);
  }

  /**
   * List artifacts: {@code {root_uri, files: [{path, is_dir, file_size}], next_page_token}} of the
   * files directly under {@code path}.
   * https://docs.databricks.com/api/experiments/v1/list-artifacts.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/mlflow/artifacts/list",
      doc = "https://docs.databricks.com/api/experiments/v1/list-artifacts.md")
  void listArtifacts() {
    String run =
        search(
                "{\"experiment_ids\": ["
                    + quote(SampleExperiment.ID)
                    + "], \"filter\": \"attributes.status = 'FINISHED'\", \"max_results\": 1}")
            .get("runs")
            .get(0)
            .get("info")
            .get("run_id")
            .asText();
    JsonNode root = analyst().get(Wire.query(BASE + "/artifacts/list", "run_id", run)).ok();
    JsonShape.of(
            "{\"root_uri\": \"string\", \"files\": [{\"path\": \"string\", \"is_dir\": true,"
                + " \"file_size\": 0}], \"next_page_token\": \"string\"}")
        .required("root_uri", "files")
        .check(root);
    assertThat(root.get("root_uri").asText()).endsWith(run + "/artifacts");
    ListArtifactsResponse model =
        w().experiments()
            .impl()
            .listArtifacts(new ListArtifactsRequest().setRunId(run).setPath("model"));
    assertThat(model.getFiles())
        .extracting(FileInfo::getPath)
        .contains("model/MLmodel", "model/model.pkl");
    assertThat(model.getFiles()).allMatch(f -> !f.getIsDir() && f.getFileSize() > 0);
    admin()
        .get(Wire.query(BASE + "/artifacts/list", "run_id", "nope"))
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  static double metric(JsonNode run, String key) {
    for (JsonNode m : run.get("data").path("metrics")) {
      if (m.get("key").asText().equals(key)) {
        return m.get("value").asDouble();
      }
    }
    throw new AssertionError("no metric " + key);
  }

  static String param(JsonNode run, String key) {
    for (JsonNode p : run.get("data").path("params")) {
      if (p.get("key").asText().equals(key)) {
        return p.get("value").asText();
      }
    }
    return null;
  }

  static String tag(JsonNode run, String key) {
    for (JsonNode t : run.get("data").path("tags")) {
      if (t.get("key").asText().equals(key)) {
        return t.get("value").asText();
      }
    }
    return null;
  }
}
