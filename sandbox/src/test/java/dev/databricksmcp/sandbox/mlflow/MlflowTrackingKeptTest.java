package dev.databricksmcp.sandbox.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.service.ml.Metric;
import com.databricks.sdk.service.ml.ViewType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Identities;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What {@code --sandbox-dir} keeps of MLflow: the state saved and read back into a new one holds
 * the same experiments, runs, metric histories and artifact listings, a run logged after the start
 * included.
 */
class MlflowTrackingKeptTest {
  @Test
  void savedStateReadsBackTheSame() {
    MlflowTracking before = new MlflowTracking();
    String exp = before.createExperiment("/Shared/kept", null, List.of(), "ann", 1L);
    String run = before.createRun(exp, "r", 5L, Map.of(), Identities.ADMIN).info.getRunId();
    before.log(
        run,
        List.of(new Metric().setKey("loss").setValue(0.5).setTimestamp(6L).setStep(1L)),
        Map.of("lr", "0.1"),
        Map.of("note", "x"),
        Identities.ADMIN);
    JsonNode saved = before.save();

    MlflowTracking after = new MlflowTracking();
    after.restore(saved);
    assertThat(after.experiments(ViewType.ALL))
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactlyInAnyOrderElementsOf(before.experiments(ViewType.ALL));
    assertThat(after.runView(run)).isEqualTo(before.runView(run));
    assertThat(after.history(run, "loss")).isEqualTo(before.history(run, "loss"));
    String sampleRun =
        after.runsOf(List.of(SampleExperiment.ID), ViewType.ALL).get(0).info.getRunId();
    assertThat(after.artifacts(sampleRun)).isEqualTo(before.artifacts(sampleRun));
    assertThat(after.activeRunCount(SampleExperiment.ID)).isEqualTo(SampleExperiment.RUNS);
  }
}
