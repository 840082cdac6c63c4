package dev.databricksmcp.sandbox.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.service.ml.Metric;
import com.databricks.sdk.service.ml.RunInfo;
import com.databricks.sdk.service.ml.RunInfoStatus;
import dev.databricksmcp.sandbox.http.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MLflow's search filter grammar (https://mlflow.org/docs/latest/search-runs.html) on one run: what
 * each kind of identifier compares, quoting, LIKE and ILIKE, IN, and the clauses MLflow refuses
 * (OR, an unknown comparator or entity type, a number where a string is meant).
 */
class RunFilterTest {
  private static TrackedRun run() {
    TrackedRun r = new TrackedRun();
    r.info =
        new RunInfo()
            .setRunId("abc")
            .setRunName("xgboost-d7")
            .setStatus(RunInfoStatus.FINISHED)
            .setStartTime(1000L)
            .setUserId("ann@example.com");
    r.params.put("alpha", "0.5");
    r.params.put("model-type", "xgboost");
    r.tags.put("mlflow.runName", "xgboost-d7");
    r.history.add(new Metric().setKey("auc").setValue(0.7).setStep(0L).setTimestamp(1L));
    r.history.add(new Metric().setKey("auc").setValue(0.9).setStep(1L).setTimestamp(2L));
    r.history.add(new Metric().setKey("f1 score").setValue(0.6).setStep(0L).setTimestamp(1L));
    return r;
  }

  private static boolean keeps(String filter) {
    return RunFilter.of(filter).test(run());
  }

  @Test
  void metricsCompareTheLatestValue() {
    assertThat(keeps("metrics.auc > 0.8")).isTrue();
    assertThat(keeps("metrics.auc = 0.9")).isTrue();
    assertThat(keeps("metrics.auc < 0.8")).isFalse();
    assertThat(keeps("metric.auc >= 0.9 AND metrics.`f1 score` <= 0.6")).isTrue();
    // a run without the metric matches nothing, != included
    assertThat(keeps("metrics.rmse != 1")).isFalse();
  }

  @Test
  void paramsTagsAndAttributesCompareStrings() {
    assertThat(keeps("params.alpha = '0.5' and params.\"model-type\" = \"xgboost\"")).isTrue();
    assertThat(keeps("params.alpha != '0.5'")).isFalse();
    assertThat(keeps("tags.mlflow.runName LIKE 'xgb%'")).isTrue();
    assertThat(keeps("tags.`mlflow.runName` LIKE 'XGB%'")).isFalse();
    assertThat(keeps("tags.mlflow.runName ILIKE 'XGB%'")).isTrue();
    assertThat(keeps("attributes.status = 'FINISHED' and attributes.start_time > 0")).isTrue();
    assertThat(keeps("attributes.created > 1000")).isFalse();
    assertThat(keeps("attributes.`Run Name` IN ('a', 'xgboost-d7')")).isTrue();
    assertThat(keeps("attributes.run_id NOT IN ('abc')")).isFalse();
    assertThat(keeps("")).isTrue();
  }

  @Test
  void badFiltersAreInvalidParameterValues() {
    for (String bad :
        List.of(
            "metrics.auc > 0.8 or params.alpha = '0.5'",
            "metrics.auc ~ 0.8",
            "metrics.auc > 'high'",
            "params.alpha = 0.5",
            "params.alpha > '0.5'",
            "foo.bar = 'x'",
            "auc > 0.8",
            "attributes.colour = 'red'",
            "metrics.auc >",
            "params.alpha = 'open",
            "attributes.run_id IN 'abc'")) {
      assertThatThrownBy(() -> RunFilter.of(bad))
          .as(bad)
          .isInstanceOf(ApiException.class)
          .satisfies(
              e ->
                  assertThat(((ApiException) e).code().name())
                      .isEqualTo("INVALID_PARAMETER_VALUE"));
    }
    assertThatThrownBy(() -> RunFilter.of("metrics.auc > 0.8 OR metrics.f1 > 0"))
        .hasMessage("Invalid clause(s) in filter string: 'OR'");
  }

  @Test
  void orderPutsMissingValuesLastAndBreaksTiesByStartTime() {
    TrackedRun a = run();
    TrackedRun b = run();
    b.info.setRunId("abd").setStartTime(2000L);
    TrackedRun none = run();
    none.info.setRunId("zzz");
    none.history.clear();
    List<TrackedRun> sorted =
        java.util.stream.Stream.of(none, a, b)
            .sorted(RunOrder.of(List.of("metrics.auc DESC")))
            .toList();
    assertThat(sorted).containsExactly(b, a, none);
    assertThatThrownBy(() -> RunOrder.of(List.of("metrics.auc UP")))
        .isInstanceOf(ApiException.class);
  }
}
