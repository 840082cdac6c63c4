package dev.databricksmcp.sandbox.mlflow;

import com.databricks.sdk.service.ml.Experiment;
import com.databricks.sdk.service.ml.ExperimentTag;
import com.databricks.sdk.service.ml.Metric;
import com.databricks.sdk.service.ml.RunInfo;
import com.databricks.sdk.service.ml.RunInfoStatus;
import com.databricks.sdk.service.ml.ViewType;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Principal;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.state.PersistentState;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * MLflow experiments and their runs (https://docs.databricks.com/api/workspace/experiments). A new
 * sandbox holds {@link SampleExperiment}. Everyone reads every experiment; the experiment's creator
 * (tag {@code mlflow.ownerEmail}) and workspace admins change it and its runs. Deleting marks an
 * experiment (or a run) {@code deleted}: still readable by id, restorable. Kept with {@code
 * --sandbox-dir} ({@code DIR/state/mlflow.json}).
 */
public final class MlflowTracking implements PersistentState {
  static final String OWNER_TAG = "mlflow.ownerEmail";
  static final String RUN_NAME_TAG = "mlflow.runName";
  static final String USER_TAG = "mlflow.user";
  static final String ACTIVE = "active";
  static final String DELETED = "deleted";

  private final Map<String, Experiment> experiments = new LinkedHashMap<>();
  private final Map<String, TrackedRun> runs = new LinkedHashMap<>();
  private final SecureRandom random = new SecureRandom();

  public MlflowTracking() {
    SampleExperiment.seed(this);
  }

  // ---- experiments

  public synchronized String createExperiment(
      String name, String artifactLocation, List<ExperimentTag> tags, String user, long now) {
    if (name == null || name.isBlank()) {
      throw ApiException.invalid("Missing value for required parameter 'name'.");
    }
    // Databricks keeps experiments in the workspace tree: a name is an absolute workspace path
    if (!name.startsWith("/")) {
      throw ApiException.invalid(
          "Got an invalid experiment name '"
              + name
              + "'. An experiment name must be an absolute path within the Databricks workspace,"
              + " e.g. /Users/<some-username>/my-experiment.");
    }
    for (Experiment e : experiments.values()) {
      if (e.getName().equals(name)) {
        throw new ApiException(
            ErrorCode.RESOURCE_ALREADY_EXISTS, "Experiment '" + name + "' already exists.");
      }
    }
    String id = newExperimentId();
    List<ExperimentTag> all = new ArrayList<>(tags == null ? List.of() : tags);
    all.add(new ExperimentTag().setKey(OWNER_TAG).setValue(user));
    experiments.put(
        id,
        new Experiment()
            .setExperimentId(id)
            .setName(name)
            .setArtifactLocation(
                artifactLocation == null || artifactLocation.isBlank()
                    ? "dbfs:/databricks/mlflow-tracking/" + id
                    : artifactLocation)
            .setLifecycleStage(ACTIVE)
            .setCreationTime(now)
            .setLastUpdateTime(now)
            .setTags(all));
    return id;
  }

  /** An experiment, deleted ones included (get works on deleted experiments). */
  public synchronized Experiment experiment(String id) {
    Experiment e = id == null ? null : experiments.get(id);
    if (e == null) {
      throw missingId(id);
    }
    return copy(e);
  }

  public synchronized Experiment experimentByName(String name) {
    if (name == null || name.isEmpty()) {
      throw ApiException.invalid("Missing value for required parameter 'experiment_name'.");
    }
    for (Experiment e : experiments.values()) {
      if (e.getName().equals(name) && ACTIVE.equals(e.getLifecycleStage())) {
        return copy(e);
      }
    }
    throw new ApiException(
        ErrorCode.RESOURCE_DOES_NOT_EXIST, "Could not find experiment with name '" + name + "'");
  }

  public synchronized List<Experiment> experiments(ViewType view) {
    List<Experiment> out = new ArrayList<>();
    for (Experiment e : experiments.values()) {
      if (inView(e.getLifecycleStage(), view)) {
        out.add(copy(e));
      }
    }
    return out;
  }

  public synchronized void deleteExperiment(String id, Principal who, long now) {
    Experiment e = writable(id, who);
    if (DELETED.equals(e.getLifecycleStage())) {
      throw missingId(id);
    }
    e.setLifecycleStage(DELETED).setLastUpdateTime(now);
  }

  public synchronized void restoreExperiment(String id, Principal who, long now) {
    Experiment e = writable(id, who);
    if (ACTIVE.equals(e.getLifecycleStage())) {
      throw ApiException.invalid(
          "Cannot restore an experiment that is not deleted: experiment " + id + " is active.");
    }
    e.setLifecycleStage(ACTIVE).setLastUpdateTime(now);
  }

  public synchronized void renameExperiment(String id, String newName, Principal who, long now) {
    Experiment e = writable(id, who);
    if (newName == null || newName.isBlank()) {
      throw ApiException.invalid("Missing value for required parameter 'new_name'.");
    }
    for (Experiment other : experiments.values()) {
      if (other != e && other.getName().equals(newName)) {
        throw new ApiException(
            ErrorCode.RESOURCE_ALREADY_EXISTS, "Experiment '" + newName + "' already exists.");
      }
    }
    e.setName(newName).setLastUpdateTime(now);
  }

  public synchronized void setExperimentTag(String id, String key, String value, Principal who) {
    Experiment e = active(writable(id, who));
    List<ExperimentTag> tags = new ArrayList<>();
    for (ExperimentTag t : e.getTags()) {
      if (!t.getKey().equals(key)) {
        tags.add(t);
      }
    }
    tags.add(new ExperimentTag().setKey(MlflowChecks.key(key)).setValue(value));
    e.setTags(tags);
  }

  /** How many runs an experiment has that are not deleted. */
  public synchronized long activeRunCount(String experimentId) {
    return runs.values().stream()
        .filter(r -> r.info.getExperimentId().equals(experimentId))
        .filter(r -> ACTIVE.equals(r.info.getLifecycleStage()))
        .count();
  }

  // ---- runs

  synchronized TrackedRun createRun(
      String experimentId,
      String runName,
      Long startTime,
      Map<String, String> tags,
      Principal who) {
    Experiment e = active(writable(experimentId, who));
    String id = UUID.randomUUID().toString().replace("-", "");
    TrackedRun run = new TrackedRun();
    String name = runName != null ? runName : tags.get(RUN_NAME_TAG);
    if (name == null) {
      name = "run-" + id.substring(0, 8);
    }
    run.info =
        new RunInfo()
            .setRunId(id)
            .setRunName(name)
            .setExperimentId(e.getExperimentId())
            .setUserId(who.userName())
            .setStatus(RunInfoStatus.RUNNING)
            .setStartTime(startTime != null ? startTime : System.currentTimeMillis())
            .setArtifactUri(e.getArtifactLocation() + "/" + id + "/artifacts")
            .setLifecycleStage(ACTIVE);
    run.tags.putAll(tags);
    run.tags.put(RUN_NAME_TAG, name);
    run.tags.putIfAbsent(USER_TAG, who.userName());
    runs.put(id, run);
    return run;
  }

  /** Adds a run as it is (the sample experiment's). */
  synchronized void addRun(TrackedRun run) {
    runs.put(run.info.getRunId(), run);
  }

  /** Adds an experiment as it is (the sample experiment). */
  synchronized void addExperiment(Experiment e) {
    experiments.put(e.getExperimentId(), e);
  }

  synchronized TrackedRun run(String runId) {
    if (runId == null || runId.isEmpty()) {
      throw ApiException.invalid("Missing value for required parameter 'run_id'.");
    }
    TrackedRun r = runs.get(runId);
    if (r == null) {
      throw new ApiException(ErrorCode.RESOURCE_DOES_NOT_EXIST, "Run '" + runId + "' not found.");
    }
    return r;
  }

  /** A run the caller may change: active, in an experiment the caller may change. */
  synchronized TrackedRun writableRun(String runId, Principal who) {
    TrackedRun r = run(runId);
    writable(r.info.getExperimentId(), who);
    if (!ACTIVE.equals(r.info.getLifecycleStage())) {
      throw ApiException.invalid(
          "The run " + runId + " must be in the 'active' state. Current state is deleted.");
    }
    return r;
  }

  public synchronized void setRunLifecycle(String runId, String stage, Principal who) {
    TrackedRun r = run(runId);
    writable(r.info.getExperimentId(), who);
    r.info.setLifecycleStage(stage);
  }

  synchronized List<TrackedRun> runsOf(Collection<String> experimentIds, ViewType view) {
    Set<String> ids = Set.copyOf(experimentIds);
    List<TrackedRun> out = new ArrayList<>();
    for (TrackedRun r : runs.values()) {
      if (ids.contains(r.info.getExperimentId()) && inView(r.info.getLifecycleStage(), view)) {
        out.add(r);
      }
    }
    return out;
  }

  /** Logs metrics, params and tags in one go, checked first so nothing is half done. */
  public synchronized void log(
      String runId,
      List<Metric> metrics,
      Map<String, String> params,
      Map<String, String> tags,
      Principal who) {
    TrackedRun r = writableRun(runId, who);
    MlflowChecks.atMost(metrics.size(), 1000, "metrics");
    MlflowChecks.atMost(params.size(), 100, "params");
    MlflowChecks.atMost(tags.size(), 100, "tags");
    for (Metric m : metrics) {
      MlflowChecks.key(m.getKey());
      if (m.getValue() == null || m.getTimestamp() == null) {
        throw ApiException.invalid(
            "Missing value for required parameter '"
                + (m.getValue() == null ? "value" : "timestamp")
                + "'.");
      }
    }
    params.forEach(
        (k, v) -> {
          MlflowChecks.key(k);
          MlflowChecks.value(v, MlflowChecks.MAX_PARAM_VALUE, "param");
          String old = r.params.get(k);
          // a param is logged once: MLflow refuses to change it
          if (old != null && !old.equals(v)) {
            throw ApiException.invalid(
                "Changing param values is not allowed. Param with key='"
                    + k
                    + "' was already logged with value='"
                    + old
                    + "' for run ID='"
                    + runId
                    + "'. Attempted logging new value '"
                    + v
                    + "'.");
          }
        });
    tags.forEach(
        (k, v) -> {
          MlflowChecks.key(k);
          MlflowChecks.value(v, MlflowChecks.MAX_TAG_VALUE, "tag");
        });
    for (Metric m : metrics) {
      r.history.add(
          new Metric()
              .setKey(m.getKey())
              .setValue(m.getValue())
              .setTimestamp(m.getTimestamp())
              .setStep(m.getStep() == null ? 0L : m.getStep()));
    }
    r.params.putAll(params);
    r.tags.putAll(tags);
    if (tags.containsKey(RUN_NAME_TAG)) {
      r.info.setRunName(tags.get(RUN_NAME_TAG));
    }
  }

  public synchronized void deleteTag(String runId, String key, Principal who) {
    TrackedRun r = writableRun(runId, who);
    if (r.tags.remove(MlflowChecks.key(key)) == null) {
      throw new ApiException(
          ErrorCode.RESOURCE_DOES_NOT_EXIST,
          "No tag with name: " + key + " in run with id " + runId);
    }
  }

  /** Changes a run's status, end time or name (runs/update). */
  public synchronized RunInfo updateRun(
      String runId, RunInfoStatus status, Long endTime, String runName, Principal who) {
    TrackedRun r = writableRun(runId, who);
    if (status != null) {
      r.info.setStatus(status);
    }
    if (endTime != null) {
      r.info.setEndTime(endTime);
    }
    if (runName != null) {
      r.info.setRunName(runName);
      r.tags.put(RUN_NAME_TAG, runName);
    }
    return r.copyInfo();
  }

  /** One run as the API shows it. */
  public synchronized com.databricks.sdk.service.ml.Run runView(String runId) {
    return run(runId).toRun();
  }

  /** The runs of these experiments that the filter keeps, in this order, as the API shows them. */
  public synchronized List<com.databricks.sdk.service.ml.Run> search(
      Collection<String> experimentIds,
      java.util.function.Predicate<TrackedRun> filter,
      java.util.Comparator<TrackedRun> order,
      ViewType view) {
    return runsOf(experimentIds, view).stream()
        .filter(filter)
        .sorted(order)
        .map(TrackedRun::toRun)
        .toList();
  }

  /** A run's artifact root and the listing the sandbox keeps. */
  synchronized TrackedRun.Artifacts artifacts(String runId) {
    TrackedRun r = run(runId);
    return new TrackedRun.Artifacts(r.info.getArtifactUri(), List.copyOf(r.artifacts));
  }

  /** Every value logged for one metric of a run, in the order logged. */
  public synchronized List<Metric> history(String runId, String key) {
    if (key == null || key.isEmpty()) {
      throw ApiException.invalid("Missing value for required parameter 'metric_key'.");
    }
    List<Metric> out = new ArrayList<>();
    for (Metric m : run(runId).history) {
      if (m.getKey().equals(key)) {
        out.add(m);
      }
    }
    return out;
  }

  // ---- helpers

  private Experiment writable(String id, Principal who) {
    Experiment e = id == null ? null : experiments.get(id);
    if (e == null) {
      throw missingId(id);
    }
    if (!who.admin() && !who.userName().equals(owner(e))) {
      throw ApiException.denied(
          "User "
              + who.userName()
              + " does not have permission to modify experiment "
              + id
              + ". Ask its owner ("
              + owner(e)
              + ") or a workspace admin.");
    }
    return e;
  }

  private static Experiment active(Experiment e) {
    if (!ACTIVE.equals(e.getLifecycleStage())) {
      throw ApiException.invalid(
          "The experiment " + e.getExperimentId() + " must be in the 'active' state.");
    }
    return e;
  }

  static String owner(Experiment e) {
    for (ExperimentTag t : e.getTags() == null ? List.<ExperimentTag>of() : e.getTags()) {
      if (OWNER_TAG.equals(t.getKey())) {
        return t.getValue();
      }
    }
    return null;
  }

  private static ApiException missingId(String id) {
    if (id == null || id.isEmpty()) {
      return ApiException.invalid("Missing value for required parameter 'experiment_id'.");
    }
    return new ApiException(
        ErrorCode.RESOURCE_DOES_NOT_EXIST, "No Experiment with id=" + id + " exists");
  }

  static boolean inView(String stage, ViewType view) {
    ViewType v = view == null ? ViewType.ACTIVE_ONLY : view;
    return v == ViewType.ALL || (v == ViewType.ACTIVE_ONLY) == ACTIVE.equals(stage);
  }

  private static Experiment copy(Experiment e) {
    return Json.MAPPER.convertValue(e, Experiment.class);
  }

  /** Experiment ids are long numbers, as Databricks' are (workspace object ids). */
  private String newExperimentId() {
    String id;
    do {
      id =
          String.valueOf(
              1_000_000_000_000_000L
                  + (random.nextLong() & Long.MAX_VALUE) % 9_000_000_000_000_000L);
    } while (experiments.containsKey(id));
    return id;
  }

  // ---- persistence

  /** What is saved: experiments and runs. */
  private record Saved(
      @JsonProperty("experiments") List<Experiment> experiments,
      @JsonProperty("runs") List<TrackedRun> runs) {}

  @Override
  public String persistenceName() {
    return "mlflow";
  }

  @Override
  public synchronized JsonNode save() {
    return Json.MAPPER.valueToTree(
        new Saved(new ArrayList<>(experiments.values()), new ArrayList<>(runs.values())));
  }

  @Override
  public synchronized void restore(JsonNode saved) {
    Saved s = Json.MAPPER.convertValue(saved, Saved.class);
    experiments.clear();
    runs.clear();
    s.experiments().forEach(e -> experiments.put(e.getExperimentId(), e));
    s.runs().forEach(r -> runs.put(r.info.getRunId(), r));
  }
}
