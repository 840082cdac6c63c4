package dev.databricksmcp.sandbox.jobs;

import com.databricks.sdk.service.jobs.RepairHistoryItem;
import com.databricks.sdk.service.jobs.Run;
import com.databricks.sdk.service.jobs.RunOutput;
import com.databricks.sdk.service.jobs.RunTask;
import com.databricks.sdk.service.jobs.Task;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.databricksmcp.sandbox.http.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run as the sandbox keeps it: the {@link Run} the API shows (its tasks the latest attempt of
 * each), and what is not shown there: the task specs, the owner whose privileges its SQL runs with,
 * the resolved job parameters, every task run's output and earlier attempts. Changed only under the
 * {@link JobRuns} lock.
 */
final class JobRun {
  final Run run;
  final String owner;
  final List<Task> tasks;
  final Long timeoutSeconds;
  final boolean queueEnabled;
  Map<String, String> jobParameters;
  final Map<Long, RunOutput> outputs = new LinkedHashMap<>();
  final Map<Long, RunTask> earlierAttempts = new LinkedHashMap<>();

  /** Set by cancel; the driver stops at the next step, a running statement is canceled. */
  volatile boolean cancelRequested;

  volatile boolean timedOut;

  /** Cancels what the task now running waits for (a statement, a child run); null between. */
  volatile Runnable cancelCurrent;

  JobRun(
      Run run,
      String owner,
      List<Task> tasks,
      Long timeoutSeconds,
      boolean queueEnabled,
      Map<String, String> jobParameters) {
    this.run = run;
    this.owner = owner;
    this.tasks = tasks;
    this.timeoutSeconds = timeoutSeconds;
    this.queueEnabled = queueEnabled;
    this.jobParameters = jobParameters;
  }

  long id() {
    return run.getRunId();
  }

  /** The shown task run of a task key (its latest attempt). */
  RunTask task(String key) {
    for (RunTask t : run.getTasks()) {
      if (key.equals(t.getTaskKey())) {
        return t;
      }
    }
    throw new IllegalStateException("no task " + key);
  }

  void replaceTask(RunTask next) {
    List<RunTask> out = new ArrayList<>();
    for (RunTask t : run.getTasks()) {
      out.add(t.getTaskKey().equals(next.getTaskKey()) ? next : t);
    }
    run.setTasks(out);
  }

  List<RepairHistoryItem> repairHistory() {
    return run.getRepairHistory() == null
        ? new ArrayList<>()
        : new ArrayList<>(run.getRepairHistory());
  }

  JsonNode save() {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.set("run", Json.MAPPER.valueToTree(run));
    out.put("owner", owner);
    out.set("tasks", Json.MAPPER.valueToTree(tasks));
    if (timeoutSeconds != null) {
      out.put("timeout_seconds", timeoutSeconds);
    }
    out.put("queue_enabled", queueEnabled);
    out.set("job_parameters", Json.MAPPER.valueToTree(jobParameters));
    out.set("outputs", Json.MAPPER.valueToTree(outputs));
    out.set("earlier_attempts", Json.MAPPER.valueToTree(earlierAttempts));
    return out;
  }

  static JobRun restore(JsonNode saved) {
    JobRun r =
        new JobRun(
            Json.MAPPER.convertValue(saved.get("run"), Run.class),
            saved.get("owner").asText(),
            Json.MAPPER.convertValue(saved.get("tasks"), new TypeReference<List<Task>>() {}),
            saved.has("timeout_seconds") ? saved.get("timeout_seconds").asLong() : null,
            saved.path("queue_enabled").asBoolean(true),
            Json.MAPPER.convertValue(
                saved.get("job_parameters"), new TypeReference<Map<String, String>>() {}));
    r.outputs.putAll(
        Json.MAPPER.convertValue(
            saved.get("outputs"), new TypeReference<Map<Long, RunOutput>>() {}));
    r.earlierAttempts.putAll(
        Json.MAPPER.convertValue(
            saved.get("earlier_attempts"), new TypeReference<Map<Long, RunTask>>() {}));
    return r;
  }
}
