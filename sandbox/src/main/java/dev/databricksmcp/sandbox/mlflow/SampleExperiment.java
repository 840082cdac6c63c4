package dev.databricksmcp.sandbox.mlflow;

import com.databricks.sdk.service.ml.Experiment;
import com.databricks.sdk.service.ml.ExperimentTag;
import com.databricks.sdk.service.ml.FileInfo;
import com.databricks.sdk.service.ml.Metric;
import com.databricks.sdk.service.ml.RunInfo;
import com.databricks.sdk.service.ml.RunInfoStatus;
import dev.databricksmcp.sandbox.auth.Identities;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The experiment a new sandbox holds, so that search and comparison have something real to find:
 * {@value #NAME}, 36 runs over a grid of {@code model_type} × {@code max_depth} × {@code alpha},
 * each with metrics {@code auc}, {@code accuracy}, {@code f1} and {@code rmse} logged over {@value
 * #STEPS} steps, tags {@code mlflow.runName} and {@code mlflow.user}, and a model's artifact
 * listing. Every value is computed from the run's parameters, so every sandbox holds the same runs;
 * no two runs share an auc. One run (the last) FAILED after its first step and logged no model.
 */
public final class SampleExperiment {
  public static final String NAME = "/Shared/sandbox/churn-model";
  public static final String ID = "1460389272315078";
  public static final int RUNS = 36;
  static final int STEPS = 5;
  static final List<String> MODEL_TYPES = List.of("xgboost", "random_forest", "logistic");
  static final List<Integer> DEPTHS = List.of(3, 5, 7, 9);
  static final List<String> ALPHAS = List.of("0.1", "0.5", "1.0");

  private static final long START = Instant.parse("2026-11-02T09:00:00Z").toEpochMilli();
  private static final long MINUTE = 60_000L;

  private SampleExperiment() {}

  static void seed(MlflowTracking tracking) {
    String owner = Identities.ADMIN.userName();
    tracking.addExperiment(
        new Experiment()
            .setExperimentId(ID)
            .setName(NAME)
            .setArtifactLocation("dbfs:/databricks/mlflow-tracking/" + ID)
            .setLifecycleStage(MlflowTracking.ACTIVE)
            .setCreationTime(START - 60 * MINUTE)
            .setLastUpdateTime(START + RUNS * 10 * MINUTE)
            .setTags(
                new ArrayList<>(
                    List.of(
                        new ExperimentTag().setKey(MlflowTracking.OWNER_TAG).setValue(owner),
                        new ExperimentTag().setKey("project").setValue("churn")))));
    int i = 0;
    for (String model : MODEL_TYPES) {
      for (int depth : DEPTHS) {
        for (String alpha : ALPHAS) {
          tracking.addRun(run(i++, model, depth, alpha, owner));
        }
      }
    }
  }

  private static TrackedRun run(int i, String model, int depth, String alpha, String owner) {
    String id =
        UUID.nameUUIDFromBytes(("churn-run-" + i).getBytes(StandardCharsets.UTF_8))
            .toString()
            .replace("-", "");
    boolean failed = i == RUNS - 1;
    long start = START + i * 10L * MINUTE;
    String name = String.format(Locale.ROOT, "%s-d%d-a%s", model, depth, alpha);
    TrackedRun r = new TrackedRun();
    r.info =
        new RunInfo()
            .setRunId(id)
            .setRunName(name)
            .setExperimentId(ID)
            .setUserId(owner)
            .setStatus(failed ? RunInfoStatus.FAILED : RunInfoStatus.FINISHED)
            .setStartTime(start)
            .setEndTime(start + (failed ? 2 : 8) * MINUTE)
            .setArtifactUri("dbfs:/databricks/mlflow-tracking/" + ID + "/" + id + "/artifacts")
            .setLifecycleStage(MlflowTracking.ACTIVE);
    r.params.put("model_type", model);
    r.params.put("max_depth", String.valueOf(depth));
    r.params.put("alpha", alpha);
    r.tags.put(MlflowTracking.RUN_NAME_TAG, name);
    r.tags.put(MlflowTracking.USER_TAG, owner);
    r.tags.put("dataset", "customers_2026_10");

    double auc = auc(i, model, depth, Double.parseDouble(alpha));
    int steps = failed ? 1 : STEPS;
    for (int step = 0; step < steps; step++) {
      // each metric climbs (rmse falls) to its final value over the steps
      double behind = (STEPS - 1 - step) * 0.012;
      long at = start + (step + 1) * MINUTE;
      r.history.add(metric("auc", round(auc - behind), step, at));
      r.history.add(metric("accuracy", round(auc - 0.045 - behind), step, at));
      r.history.add(metric("f1", round(auc - 0.095 - behind * 1.5), step, at));
      r.history.add(metric("rmse", round(1.02 - auc + behind), step, at));
    }
    if (!failed) {
      r.artifacts.add(file("model", true, null));
      r.artifacts.add(file("model/MLmodel", false, 412L));
      r.artifacts.add(file("model/conda.yaml", false, 236L));
      r.artifacts.add(file("model/requirements.txt", false, 118L));
      r.artifacts.add(file("model/model.pkl", false, 20_480L * depth + 1_024L * i));
      r.artifacts.add(file("confusion_matrix.png", false, 18_200L + 37L * i));
    }
    return r;
  }

  /** A final auc from the parameters: the model, a best depth of 7, less with more alpha. */
  static double auc(int i, String model, int depth, double alpha) {
    double base =
        switch (model) {
          case "xgboost" -> 0.86;
          case "random_forest" -> 0.84;
          default -> 0.79;
        };
    double depthEffect = -0.004 * Math.abs(depth - 7);
    // a distinct last digit per run, so that no two runs tie
    return round(base + depthEffect - 0.03 * alpha + 0.00001 * i);
  }

  private static double round(double v) {
    return Math.round(v * 100_000) / 100_000.0;
  }

  private static Metric metric(String key, double value, int step, long at) {
    return new Metric().setKey(key).setValue(value).setStep((long) step).setTimestamp(at);
  }

  private static FileInfo file(String path, boolean dir, Long size) {
    return new FileInfo().setPath(path).setIsDir(dir).setFileSize(size);
  }
}
