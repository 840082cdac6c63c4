package dev.databricksmcp.server.tools.ml;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.data;
import static dev.databricksmcp.server.testing.SandboxFixture.errorCode;
import static dev.databricksmcp.server.testing.SandboxFixture.items;
import static dev.databricksmcp.server.testing.SandboxFixture.message;
import static dev.databricksmcp.server.testing.SandboxFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.service.ml.GetExperimentRequest;
import com.databricks.sdk.service.ml.SearchRuns;
import dev.databricksmcp.sandbox.mlflow.SampleExperiment;
import dev.databricksmcp.server.testing.SandboxFixture;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The MLflow tools against the sandbox's sample experiment, through the real SDK: the best run by
 * auc and a comparison with the next two, a filter the API refuses named as {@code filter}, an
 * unknown experiment, and create and delete with the delete confirmed. Which run is best is read
 * from the API (every run's auc), never written here.
 */
@Timeout(120)
@SuppressWarnings("unchecked")
class MlflowToolsTest {
  private static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  /** Every run's final auc, as the API gives them, highest first. */
  private static List<Double> aucsFromTheApi() {
    List<Double> aucs = new ArrayList<>();
    fx.adminClient()
        .experiments()
        .impl()
        .searchRuns(new SearchRuns().setExperimentIds(List.of(SampleExperiment.ID)))
        .getRuns()
        .forEach(
            r ->
                r.getData().getMetrics().stream()
                    .filter(m -> m.getKey().equals("auc"))
                    .forEach(m -> aucs.add(m.getValue())));
    aucs.sort(Comparator.reverseOrder());
    return aucs;
  }

  @Test
  void findsTheBestRunByAucAndComparesItWithTheNextTwo() {
    CallToolResult ranked =
        fx.call(
            "search_runs",
            Map.of(
                "experiments",
                List.of(SampleExperiment.NAME),
                "order_by",
                List.of("metrics.auc DESC"),
                "metrics",
                List.of("auc"),
                "params",
                List.of("alpha", "max_depth", "model_type"),
                "max_results",
                3));
    List<Map<String, Object>> top = items(ranked);
    assertThat(top).hasSize(3);
    List<Double> expected = aucsFromTheApi().subList(0, 3);
    List<Object> got = new ArrayList<>();
    top.forEach(r -> got.add(((Map<Object, Object>) r.get("metrics")).get("auc")));
    assertThat(got).containsExactlyElementsOf(new ArrayList<>(expected));
    assertThat(top.get(0).get("metrics")).isEqualTo(Map.of("auc", expected.get(0)));
    assertThat((Map<Object, Object>) top.get(0).get("params"))
        .containsOnlyKeys("alpha", "max_depth", "model_type");
    assertThat(ok(ranked)).containsKey("next_page_token");
    assertThat(message(ranked)).contains("3 runs").contains("more available");

    List<String> ids = top.stream().map(r -> String.valueOf(r.get("run_id"))).toList();
    CallToolResult compared =
        fx.call(
            "compare_runs",
            Map.of(
                "run_ids",
                ids,
                "higher_is_better",
                List.of("auc", "f1"),
                "lower_is_better",
                List.of("rmse")));
    Map<String, Object> table = ok(compared);
    assertThat(items(compared)).hasSize(3);
    assertThat((List<Object>) table.get("metrics")).contains("auc", "accuracy", "f1", "rmse");
    assertThat((List<Object>) table.get("params")).contains("alpha", "max_depth", "model_type");
    assertThat((Map<Object, Object>) table.get("best")).containsEntry("auc", ids.get(0));
    // no direction asked for accuracy: not marked
    assertThat((Map<Object, Object>) table.get("best")).doesNotContainKey("accuracy");

    Map<String, Object> run = ok(fx.call("get_mlflow_run", Map.of("run_id", ids.get(0))));
    assertThat(run).containsEntry("run_id", ids.get(0)).containsEntry("status", "FINISHED");
    assertThat((Map<Object, Object>) run.get("tags")).doesNotContainKey("mlflow.runName");
    assertThat(
            (Map<Object, Object>)
                ok(fx.call("get_mlflow_run", Map.of("run_id", ids.get(0), "detail", true)))
                    .get("tags"))
        .containsKey("mlflow.runName");
  }

  @Test
  void historyAndArtifactsOfARun() {
    String id =
        String.valueOf(
            items(
                    fx.call(
                        "search_runs",
                        Map.of(
                            "experiments",
                            List.of(SampleExperiment.ID),
                            "filter",
                            "attributes.status = 'FINISHED'",
                            "max_results",
                            1)))
                .get(0)
                .get("run_id"));
    CallToolResult history =
        fx.call("get_metric_history", Map.of("run_id", id, "metric_key", "auc", "max_points", 2));
    assertThat(items(history)).hasSize(2);
    assertThat(data(history)).containsEntry("downsampled", true);
    assertThat(message(history)).contains("evenly spaced");
    List<Map<String, Object>> files =
        items(fx.call("list_run_artifacts", Map.of("run_id", id, "path", "model")));
    assertThat(files).extracting(f -> f.get("path")).contains("model/MLmodel", "model/model.pkl");
  }

  @Test
  void aBadFilterIsAValidationErrorNamingFilter() {
    CallToolResult r =
        fx.call(
            "search_runs",
            Map.of(
                "experiments",
                List.of(SampleExperiment.NAME),
                "filter",
                "metrics.auc > 0.8 or params.alpha = '0.5'"));
    assertThat(errorCode(r)).isEqualTo("VALIDATION_ERROR");
    assertThat(String.valueOf(body(r).get("error"))).startsWith("filter").contains("'or'");
  }

  @Test
  void anUnknownExperimentIsNotFound() {
    assertThat(errorCode(fx.call("get_experiment", Map.of("experiment", "/Shared/none-such"))))
        .isEqualTo("NOT_FOUND");
    assertThat(errorCode(fx.call("get_experiment", Map.of("experiment", "424242"))))
        .isEqualTo("NOT_FOUND");
    assertThat(errorCode(fx.call("get_experiment", Map.of("experiment", "no-slash"))))
        .isEqualTo("VALIDATION_ERROR");
  }

  @Test
  void createThenDeleteConfirmedNamingTheExperimentAndItsRuns() {
    Map<String, Object> created =
        ok(fx.call("create_experiment", Map.of("name", "/Shared/tools-test")));
    String id = String.valueOf(created.get("experiment_id"));
    assertThat(errorCode(fx.call("create_experiment", Map.of("name", "/Shared/tools-test"))))
        .isEqualTo("ALREADY_EXISTS");
    CallToolResult asked =
        fx.callConfirming("delete_experiment", Map.of("experiment", "/Shared/tools-test"));
    assertThat(errorCode(asked)).isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(String.valueOf(body(asked).get("error")))
        .contains("/Shared/tools-test")
        .contains("0 runs");
    assertThat(
            fx.adminClient()
                .experiments()
                .getExperiment(new GetExperimentRequest().setExperimentId(id))
                .getExperiment()
                .getLifecycleStage())
        .isEqualTo("active");
    @SuppressWarnings("unchecked")
    Map<String, Object> details = (Map<String, Object>) body(asked).get("details");
    Map<String, Object> confirmed = new HashMap<>(Map.of("experiment", "/Shared/tools-test"));
    confirmed.put("confirmation_token", details.get("confirmation_token"));
    CallToolResult deleted = fx.callConfirming("delete_experiment", confirmed);
    assertThat(ok(deleted)).containsEntry("deleted", true);
    assertThat(
            fx.adminClient()
                .experiments()
                .getExperiment(new GetExperimentRequest().setExperimentId(id))
                .getExperiment()
                .getLifecycleStage())
        .isEqualTo("deleted");
  }
}
