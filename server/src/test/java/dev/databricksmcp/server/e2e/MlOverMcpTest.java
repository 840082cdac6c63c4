package dev.databricksmcp.server.e2e;

import static dev.databricksmcp.server.testing.SandboxOverMcp.data;
import static dev.databricksmcp.server.testing.SandboxOverMcp.items;
import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.mlflow.SampleExperiment;
import dev.databricksmcp.server.testing.SandboxOverMcp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What issue 19 says a model can do on the sandbox, done the way a model does it: MCP tool calls
 * over Streamable HTTP with the ml toolset on. Find the best run of the sample experiment by a
 * metric and compare it with the next two; see which model version holds @champion and move it;
 * create an endpoint for a version, wait until READY, query it and read its logs.
 */
@Timeout(120)
class MlOverMcpTest {
  private static final String MODEL = "main.default.churn_model";

  // one sandbox for the class: each test works on objects of its own
  private static SandboxOverMcp mcp;

  @BeforeAll
  static void start() {
    mcp = SandboxOverMcp.start(Sandbox.start(new SandboxOptions(0, null, 200, 200)), "ml");
  }

  @AfterAll
  static void stop() {
    mcp.close();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theBestRunIsComparedWithTheNextTwo() {
    List<Map<String, Object>> top =
        items(
            mcp.call(
                "search_runs",
                Map.of(
                    "experiments",
                    List.of(SampleExperiment.NAME),
                    "order_by",
                    List.of("metrics.auc DESC"),
                    "metrics",
                    List.of("auc"),
                    "max_results",
                    3)));
    assertThat(top).hasSize(3);
    List<Double> aucs =
        top.stream()
            .map(r -> ((Number) ((Map<String, Object>) r.get("metrics")).get("auc")).doubleValue())
            .toList();
    assertThat(aucs).isSortedAccordingTo((a, b) -> Double.compare(b, a));

    Map<String, Object> compared =
        data(
            mcp.call(
                "compare_runs",
                Map.of(
                    "run_ids",
                    top.stream().map(r -> r.get("run_id")).toList(),
                    "metrics",
                    List.of("auc"),
                    "higher_is_better",
                    List.of("auc"))));
    assertThat(String.valueOf(compared)).contains(String.valueOf(top.get(0).get("run_id")));
  }

  @Test
  void theChampionAliasIsFoundAndMoved() {
    assertThat(
            data(mcp.call("get_model_version", Map.of("full_name", MODEL, "version", "@champion"))))
        .containsEntry("version", 2);
    assertThat(
            data(
                mcp.call(
                    "set_model_alias",
                    Map.of("full_name", MODEL, "alias", "champion", "version", 3))))
        .containsEntry("previous_version", 2)
        .containsEntry("version", 3);
    assertThat(
            data(mcp.call("get_model_version", Map.of("full_name", MODEL, "version", "@champion"))))
        .containsEntry("version", 3);
  }

  @Test
  void anEndpointForAVersionIsReadyAnsweredAndLogged() {
    Map<String, Object> created =
        data(
            mcp.callWithProgress(
                "create_serving_endpoint",
                Map.of("name", "churn", "entity", MODEL, "version", "2", "wait_seconds", 60),
                "serve-1"));
    assertThat(String.valueOf(created)).contains("READY");

    Map<String, Object> answer =
        data(
            mcp.call(
                "query_serving_endpoint",
                Map.of("name", "churn", "dataframe_records", List.of(Map.of("tenure", 12)))));
    assertThat((List<?>) answer.get("predictions")).hasSize(1);
    assertThat(
            String.valueOf(
                data(mcp.call("get_serving_endpoint_logs", Map.of("name", "churn"))).get("logs")))
        .contains("records scored");
  }
}
