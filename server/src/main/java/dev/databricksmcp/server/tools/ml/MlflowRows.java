package dev.databricksmcp.server.tools.ml;

import com.databricks.sdk.service.ml.Experiment;
import com.databricks.sdk.service.ml.ExperimentTag;
import com.databricks.sdk.service.ml.Metric;
import com.databricks.sdk.service.ml.Param;
import com.databricks.sdk.service.ml.Run;
import com.databricks.sdk.service.ml.RunInfo;
import com.databricks.sdk.service.ml.RunTag;
import dev.databricksmcp.server.core.Times;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Curated rows of MLflow objects: experiments and runs, the same field names in list and get. */
final class MlflowRows {
  private MlflowRows() {}

  static Map<String, Object> experiment(Experiment e) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("experiment_id", e.getExperimentId());
    row.put("name", e.getName());
    row.put("lifecycle_stage", e.getLifecycleStage());
    row.put("updated_at", Times.iso(e.getLastUpdateTime()));
    return row;
  }

  static Map<String, Object> experimentDetail(Experiment e) {
    Map<String, Object> row = experiment(e);
    row.put("created_at", Times.iso(e.getCreationTime()));
    row.put("artifact_location", e.getArtifactLocation());
    Map<String, String> tags = new TreeMap<>();
    for (ExperimentTag t : e.getTags() == null ? List.<ExperimentTag>of() : e.getTags()) {
      tags.put(t.getKey(), t.getValue());
    }
    row.put("tags", tags);
    return row;
  }

  /** What every run row starts with: id, name, status, times. */
  static Map<String, Object> runHead(RunInfo i) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("run_id", i.getRunId());
    row.put("run_name", i.getRunName());
    row.put("status", i.getStatus() == null ? null : i.getStatus().name());
    row.put("started_at", Times.iso(i.getStartTime()));
    if (i.getEndTime() != null && i.getStartTime() != null) {
      row.put("duration_ms", i.getEndTime() - i.getStartTime());
    }
    return row;
  }

  /** A search row: the head, then the chosen metrics and params (all metrics when none chosen). */
  static Map<String, Object> run(Run r, List<String> metricKeys, List<String> paramKeys) {
    Map<String, Object> row = runHead(r.getInfo());
    row.put("metrics", pick(metrics(r), metricKeys));
    if (paramKeys != null && !paramKeys.isEmpty()) {
      row.put("params", pick(params(r), paramKeys));
    }
    return row;
  }

  static Map<String, Double> metrics(Run r) {
    Map<String, Double> out = new TreeMap<>();
    Collection<Metric> ms = r.getData() == null ? null : r.getData().getMetrics();
    for (Metric m : ms == null ? List.<Metric>of() : ms) {
      out.put(m.getKey(), m.getValue());
    }
    return out;
  }

  static Map<String, String> params(Run r) {
    Map<String, String> out = new TreeMap<>();
    Collection<Param> ps = r.getData() == null ? null : r.getData().getParams();
    for (Param p : ps == null ? List.<Param>of() : ps) {
      out.put(p.getKey(), p.getValue());
    }
    return out;
  }

  static Map<String, String> tags(Run r, boolean all) {
    Map<String, String> out = new TreeMap<>();
    Collection<RunTag> ts = r.getData() == null ? null : r.getData().getTags();
    for (RunTag t : ts == null ? List.<RunTag>of() : ts) {
      // mlflow.* tags are MLflow's own bookkeeping (source, git commit, user, run name)
      if (all || !t.getKey().startsWith("mlflow.")) {
        out.put(t.getKey(), t.getValue());
      }
    }
    return out;
  }

  /** The values of these keys (all when none are given); a key the run lacks is left out. */
  static <V> Map<String, V> pick(Map<String, V> values, List<String> keys) {
    if (keys == null || keys.isEmpty()) {
      return values;
    }
    Map<String, V> out = new LinkedHashMap<>();
    for (String k : keys) {
      if (values.containsKey(k)) {
        out.put(k, values.get(k));
      }
    }
    return out;
  }
}
