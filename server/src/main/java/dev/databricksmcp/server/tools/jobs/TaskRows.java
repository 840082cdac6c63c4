package dev.databricksmcp.server.tools.jobs;

import com.databricks.sdk.service.jobs.Task;
import com.databricks.sdk.service.jobs.TaskDependency;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.server.core.Jsons;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job's tasks as a graph a model reads at a glance: each task's key, type ({@code sql_task},
 * {@code notebook_task} …), what it runs (the query, file, notebook or job), what it depends on,
 * when it runs ({@code run_if}) and on what compute — in an order where each task comes after the
 * ones it depends on.
 */
final class TaskRows {
  private TaskRows() {}

  /** The tasks, each after those it depends on. */
  static List<Map<String, Object>> graph(Collection<Task> tasks) {
    if (tasks == null) {
      return List.of();
    }
    Map<String, Task> byKey = new LinkedHashMap<>();
    tasks.forEach(t -> byKey.put(t.getTaskKey(), t));
    List<Map<String, Object>> out = new ArrayList<>();
    for (String key : order(tasks)) {
      out.add(row(byKey.get(key)));
    }
    return out;
  }

  /** The task keys, each after those it depends on. */
  static List<String> order(Collection<Task> tasks) {
    if (tasks == null) {
      return List.of();
    }
    List<Map<String, Object>> maps = new ArrayList<>();
    for (Task t : tasks) {
      List<Map<String, Object>> deps = new ArrayList<>();
      for (TaskDependency d : dependencies(t)) {
        deps.add(Map.of("task_key", String.valueOf(d.getTaskKey())));
      }
      maps.add(Map.of("task_key", String.valueOf(t.getTaskKey()), "depends_on", deps));
    }
    return TaskGraph.of(JobSpecs.TASKS, maps).order();
  }

  static Map<String, Object> row(Task t) {
    JsonNode node = Jsons.MAPPER.valueToTree(t);
    String type = type(node);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("task_key", t.getTaskKey());
    out.put("type", type);
    out.put("runs", type == null ? null : runs(type, node.path(type)));
    List<String> on = new ArrayList<>();
    for (TaskDependency d : dependencies(t)) {
      on.add(d.getTaskKey() + (d.getOutcome() == null ? "" : " (" + d.getOutcome() + ")"));
    }
    out.put("depends_on", on);
    if (t.getRunIf() != null) {
      out.put("run_if", t.getRunIf().toString());
    }
    out.put("compute", compute(type, node));
    if (t.getTimeoutSeconds() != null && t.getTimeoutSeconds() > 0) {
      out.put("timeout_seconds", t.getTimeoutSeconds());
    }
    if (t.getMaxRetries() != null && t.getMaxRetries() != 0) {
      out.put("max_retries", t.getMaxRetries());
    }
    if (Boolean.TRUE.equals(t.getDisabled())) {
      out.put("disabled", true);
    }
    if (t.getDescription() != null && !t.getDescription().isBlank()) {
      out.put("description", t.getDescription());
    }
    return out;
  }

  private static Collection<TaskDependency> dependencies(Task t) {
    return t.getDependsOn() == null ? List.of() : t.getDependsOn();
  }

  /** The task type field a task sets (the API asks for exactly one). */
  private static String type(JsonNode task) {
    Iterator<String> names = task.fieldNames();
    while (names.hasNext()) {
      String f = names.next();
      if (f.endsWith("_task") && task.get(f).isObject()) {
        return f;
      }
    }
    return null;
  }

  /** What a task runs, in words: "saved query 12ab", "notebook /Workspace/x", "job 42" … */
  private static String runs(String type, JsonNode t) {
    return switch (type) {
      case "sql_task" -> sql(t);
      case "notebook_task" -> "notebook " + t.path("notebook_path").asText();
      case "spark_python_task" -> "python file " + t.path("python_file").asText();
      case "python_wheel_task" ->
          "wheel "
              + t.path("package_name").asText()
              + ", entry point "
              + t.path("entry_point").asText();
      case "spark_jar_task" -> "jar, main class " + t.path("main_class_name").asText();
      case "pipeline_task" -> "pipeline " + t.path("pipeline_id").asText();
      case "run_job_task" -> "job " + t.path("job_id").asText();
      case "condition_task" ->
          t.path("left").asText() + " " + t.path("op").asText() + " " + t.path("right").asText();
      case "dbt_task" -> "dbt " + t.path("commands");
      case "for_each_task" ->
          "task "
              + t.path("task").path("task_key").asText()
              + " for each of "
              + t.path("inputs").asText();
      default -> type.replace("_task", "").replace('_', ' ');
    };
  }

  private static String sql(JsonNode t) {
    if (t.has("query")) {
      return "saved query " + t.path("query").path("query_id").asText();
    }
    if (t.has("file")) {
      return "SQL file " + t.path("file").path("path").asText();
    }
    if (t.has("alert")) {
      return "alert " + t.path("alert").path("alert_id").asText();
    }
    if (t.has("dashboard")) {
      return "dashboard " + t.path("dashboard").path("dashboard_id").asText();
    }
    return "SQL";
  }

  /**
   * Where a task runs: a SQL warehouse, an existing cluster, a job cluster, a new cluster, or
   * serverless; null for the tasks that need no compute (condition, run job, pipeline).
   */
  private static String compute(String type, JsonNode t) {
    String warehouse = type == null ? "" : t.path(type).path("warehouse_id").asText("");
    if (!warehouse.isEmpty()) {
      return "warehouse " + warehouse;
    }
    if (t.hasNonNull("existing_cluster_id")) {
      return "cluster " + t.path("existing_cluster_id").asText();
    }
    if (t.hasNonNull("job_cluster_key")) {
      return "job cluster " + t.path("job_cluster_key").asText();
    }
    if (t.hasNonNull("new_cluster")) {
      JsonNode c = t.path("new_cluster");
      return "new cluster "
          + c.path("spark_version").asText("")
          + " "
          + c.path("node_type_id").asText("");
    }
    if (t.hasNonNull("environment_key")) {
      return "serverless (environment " + t.path("environment_key").asText() + ")";
    }
    if (type == null
        || List.of("condition_task", "run_job_task", "pipeline_task", "for_each_task")
            .contains(type)) {
      return null;
    }
    return "serverless";
  }
}
