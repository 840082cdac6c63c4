package dev.databricksmcp.server.tools.ml;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.ml.Experiment;
import com.databricks.sdk.service.ml.GetByNameRequest;
import com.databricks.sdk.service.ml.GetExperimentRequest;
import dev.databricksmcp.server.core.Names;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.ToolException;
import java.util.List;

/** The MLflow tools' own parameters, and how an experiment given by id or name is found. */
final class MlflowParams {
  static final Param<String> EXPERIMENT =
      Param.string(
              "experiment",
              "Experiment id (digits) or name (its workspace path, e.g."
                  + " /Shared/sandbox/churn-model)")
          .required();

  static final Param<String> RUN_ID =
      Param.string("run_id", "MLflow run id (32 hex characters, from search_runs)")
          .checkedBy(Names::id)
          .required();

  static final Param<List<String>> METRICS =
      Param.stringList("metrics", "Metric keys to show, e.g. [\"auc\", \"f1\"]");

  static final Param<List<String>> PARAMS =
      Param.stringList("params", "Param keys to show, e.g. [\"alpha\", \"max_depth\"]");

  private MlflowParams() {}

  /** The experiment named by id (all digits) or by name; NOT_FOUND from the API otherwise. */
  static Experiment experiment(WorkspaceClient w, String key, String field) {
    String k = key.trim();
    if (k.isEmpty()) {
      throw ToolException.validation(field, "give an experiment id or name");
    }
    if (k.chars().allMatch(Character::isDigit)) {
      return w.experiments()
          .getExperiment(new GetExperimentRequest().setExperimentId(k))
          .getExperiment();
    }
    if (!k.startsWith("/")) {
      throw ToolException.validation(
          field,
          "an experiment name is its absolute workspace path (e.g. /Users/me@example.com/churn),"
              + " got '"
              + k
              + "'");
    }
    return w.experiments().getByName(new GetByNameRequest().setExperimentName(k)).getExperiment();
  }
}
