package dev.databricksmcp.sandbox.mlflow;

import com.databricks.sdk.service.ml.FileInfo;
import com.databricks.sdk.service.ml.Metric;
import com.databricks.sdk.service.ml.Param;
import com.databricks.sdk.service.ml.Run;
import com.databricks.sdk.service.ml.RunData;
import com.databricks.sdk.service.ml.RunInfo;
import com.databricks.sdk.service.ml.RunTag;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One MLflow run as the sandbox keeps it: its info, params, tags, every metric value logged (the
 * history; the run shows the latest of each key) and the listing of its artifacts (paths and sizes,
 * no bytes). Saved as JSON with the state.
 */
final class TrackedRun {
  @JsonProperty("info")
  RunInfo info;

  @JsonProperty("params")
  Map<String, String> params = new LinkedHashMap<>();

  @JsonProperty("tags")
  Map<String, String> tags = new LinkedHashMap<>();

  @JsonProperty("history")
  List<Metric> history = new ArrayList<>();

  @JsonProperty("artifacts")
  List<FileInfo> artifacts = new ArrayList<>();

  /**
   * The latest value of each metric: MLflow's "latest" is the one of the highest step, then the
   * latest timestamp, then the highest value.
   */
  Map<String, Metric> latestMetrics() {
    Comparator<Metric> order =
        Comparator.comparing((Metric m) -> m.getStep() == null ? 0L : m.getStep())
            .thenComparing(m -> m.getTimestamp() == null ? 0L : m.getTimestamp())
            .thenComparing(m -> m.getValue() == null ? Double.NaN : m.getValue());
    Map<String, Metric> latest = new LinkedHashMap<>();
    for (Metric m : history) {
      latest.merge(m.getKey(), m, (a, b) -> order.compare(a, b) >= 0 ? a : b);
    }
    return latest;
  }

  Optional<Double> metric(String key) {
    return Optional.ofNullable(latestMetrics().get(key)).map(Metric::getValue);
  }

  /** A run's artifact root and listing, copied. */
  record Artifacts(String rootUri, List<FileInfo> files) {}

  /** The run as the API shows it. */
  Run toRun() {
    List<Metric> metrics = new ArrayList<>();
    for (Metric m : latestMetrics().values()) {
      metrics.add(
          new Metric()
              .setKey(m.getKey())
              .setValue(m.getValue())
              .setStep(m.getStep())
              .setTimestamp(m.getTimestamp()));
    }
    List<Param> ps = new ArrayList<>();
    params.forEach((k, v) -> ps.add(new Param().setKey(k).setValue(v)));
    List<RunTag> ts = new ArrayList<>();
    tags.forEach((k, v) -> ts.add(new RunTag().setKey(k).setValue(v)));
    return new Run()
        .setInfo(copyInfo())
        .setData(new RunData().setMetrics(metrics).setParams(ps).setTags(ts));
  }

  RunInfo copyInfo() {
    return new RunInfo()
        .setRunId(info.getRunId())
        .setRunUuid(info.getRunId())
        .setRunName(info.getRunName())
        .setExperimentId(info.getExperimentId())
        .setUserId(info.getUserId())
        .setStatus(info.getStatus())
        .setStartTime(info.getStartTime())
        .setEndTime(info.getEndTime())
        .setArtifactUri(info.getArtifactUri())
        .setLifecycleStage(info.getLifecycleStage());
  }
}
