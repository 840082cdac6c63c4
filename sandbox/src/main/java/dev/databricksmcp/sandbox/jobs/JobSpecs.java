package dev.databricksmcp.sandbox.jobs;

import com.databricks.sdk.service.jobs.CronSchedule;
import com.databricks.sdk.service.jobs.JobSettings;
import com.databricks.sdk.service.jobs.Task;
import com.databricks.sdk.service.jobs.TaskDependency;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a job's settings must hold before they are kept or run: task keys unique, every {@code
 * depends_on} naming a task of the job, no cycle, exactly one task type per task, a valid Quartz
 * cron schedule. Each problem is a 400 INVALID_PARAMETER_VALUE naming it.
 */
final class JobSpecs {
  private static final Pattern TASK_KEY = Pattern.compile("[A-Za-z0-9_\\-]{1,100}");
  private static final Pattern CRON_FIELD = Pattern.compile("[0-9A-Za-z*?/,\\-#]+");

  private JobSpecs() {}

  static void validate(JobSettings settings) {
    if (settings.getMaxConcurrentRuns() != null
        && (settings.getMaxConcurrentRuns() < 0 || settings.getMaxConcurrentRuns() > 1000)) {
      throw ApiException.invalid("max_concurrent_runs must be between 0 and 1000.");
    }
    if (settings.getTimeoutSeconds() != null && settings.getTimeoutSeconds() < 0) {
      throw ApiException.invalid("timeout_seconds must not be negative.");
    }
    validateSchedule(settings.getSchedule());
    validateTasks(settings.getTasks());
    Set<String> names = new HashSet<>();
    if (settings.getParameters() != null) {
      settings
          .getParameters()
          .forEach(
              p -> {
                if (p.getName() == null || p.getName().isBlank()) {
                  throw ApiException.invalid("Job parameter name is required.");
                }
                if (p.getDefault() == null) {
                  throw ApiException.invalid(
                      "Job parameter '" + p.getName() + "' requires a default value.");
                }
                if (!names.add(p.getName())) {
                  throw ApiException.invalid(
                      "Duplicate job parameter name: '" + p.getName() + "'.");
                }
              });
    }
  }

  static void validateSchedule(CronSchedule schedule) {
    if (schedule == null) {
      return;
    }
    String cron = schedule.getQuartzCronExpression();
    if (cron == null || cron.isBlank()) {
      throw ApiException.invalid("Missing required field: schedule.quartz_cron_expression");
    }
    String[] fields = cron.trim().split("\\s+");
    boolean valid = fields.length == 6 || fields.length == 7;
    for (String f : fields) {
      valid &= CRON_FIELD.matcher(f).matches();
    }
    if (!valid) {
      throw ApiException.invalid("Invalid Quartz cron expression: '" + cron + "'.");
    }
    if (schedule.getTimezoneId() == null || schedule.getTimezoneId().isBlank()) {
      throw ApiException.invalid("Missing required field: schedule.timezone_id");
    }
  }

  /** Tasks of a job (or of a one-time run): keys, types, dependencies, no cycle. */
  static void validateTasks(Collection<Task> tasks) {
    if (tasks == null) {
      return;
    }
    Map<String, Task> byKey = new LinkedHashMap<>();
    for (Task t : tasks) {
      String key = t.getTaskKey();
      if (key == null || key.isBlank()) {
        throw ApiException.invalid("Missing required field: task_key");
      }
      if (!TASK_KEY.matcher(key).matches()) {
        throw ApiException.invalid(
            "Invalid task_key '"
                + key
                + "': use letters, digits, '_' and '-', at most 100 characters.");
      }
      if (byKey.put(key, t) != null) {
        throw ApiException.invalid("Duplicate task_key '" + key + "': task keys must be unique.");
      }
      List<String> types = types(t);
      if (types.size() != 1) {
        throw ApiException.invalid(
            "Task "
                + key
                + (types.isEmpty()
                    ? " has no task type: give exactly one, e.g. notebook_task or sql_task."
                    : " has more than one task type: " + String.join(", ", types) + "."));
      }
      if (t.getSqlTask() != null
          && (t.getSqlTask().getWarehouseId() == null
              || t.getSqlTask().getWarehouseId().isBlank())) {
        throw ApiException.invalid("Task " + key + ": sql_task.warehouse_id is required.");
      }
      if (t.getTimeoutSeconds() != null && t.getTimeoutSeconds() < 0) {
        throw ApiException.invalid("Task " + key + ": timeout_seconds must not be negative.");
      }
    }
    for (Task t : byKey.values()) {
      for (TaskDependency d : deps(t)) {
        if (d.getTaskKey() == null || !byKey.containsKey(d.getTaskKey())) {
          throw ApiException.invalid(
              "Task "
                  + t.getTaskKey()
                  + " depends on task "
                  + d.getTaskKey()
                  + ", which is not a task of this job.");
        }
        if (d.getTaskKey().equals(t.getTaskKey())) {
          throw ApiException.invalid("Task " + t.getTaskKey() + " depends on itself.");
        }
      }
    }
    List<String> cycle = cycle(byKey);
    if (!cycle.isEmpty()) {
      throw ApiException.invalid(
          "The tasks' dependencies form a cycle: " + String.join(" -> ", cycle) + ".");
    }
  }

  /** The task type fields set on a task (notebook_task, sql_task, …). */
  static List<String> types(Task t) {
    JsonNode node = Json.MAPPER.valueToTree(t);
    List<String> out = new ArrayList<>();
    node.fieldNames()
        .forEachRemaining(
            f -> {
              if (f.endsWith("_task") && node.get(f).isObject()) {
                out.add(f);
              }
            });
    return out;
  }

  static Collection<TaskDependency> deps(Task t) {
    return t.getDependsOn() == null ? List.of() : t.getDependsOn();
  }

  /** The tasks in an order where each comes after those it depends on (the job's order kept). */
  static List<Task> ordered(Collection<Task> tasks) {
    Map<String, Task> byKey = new LinkedHashMap<>();
    tasks.forEach(t -> byKey.put(t.getTaskKey(), t));
    List<Task> out = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    while (out.size() < byKey.size()) {
      for (Task t : byKey.values()) {
        if (!placed.contains(t.getTaskKey())
            && deps(t).stream().allMatch(d -> placed.contains(d.getTaskKey()))) {
          out.add(t);
          placed.add(t.getTaskKey());
          break;
        }
      }
    }
    return out;
  }

  private static List<String> cycle(Map<String, Task> byKey) {
    Map<String, Integer> mark = new HashMap<>();
    for (String key : byKey.keySet()) {
      List<String> path = new ArrayList<>();
      if (visit(key, byKey, mark, path)) {
        return path;
      }
    }
    return List.of();
  }

  /** Depth-first; leaves in {@code path} the cycle found, first node repeated at its end. */
  private static boolean visit(
      String key, Map<String, Task> byKey, Map<String, Integer> mark, List<String> path) {
    Integer m = mark.get(key);
    if (m != null && m == 2) {
      return false;
    }
    if (m != null && m == 1) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(key), path.size()));
      cycle.add(key);
      path.clear();
      path.addAll(cycle);
      return true;
    }
    mark.put(key, 1);
    path.add(key);
    for (TaskDependency d : deps(byKey.get(key))) {
      if (visit(d.getTaskKey(), byKey, mark, path)) {
        return true;
      }
    }
    path.remove(path.size() - 1);
    mark.put(key, 2);
    return false;
  }

  /**
   * Applies a partial update: top-level fields of {@code changes} replace the job's; tasks and job
   * clusters are merged by key (a task given replaces the task with its key, a new key is added);
   * {@code fields_to_remove} removes top-level fields, or {@code tasks/<key>} and {@code
   * job_clusters/<key>}.
   */
  static JobSettings merge(JobSettings current, JobSettings changes, Collection<String> remove) {
    ObjectNode base = Json.MAPPER.valueToTree(current);
    ObjectNode update =
        changes == null ? Json.MAPPER.createObjectNode() : Json.MAPPER.valueToTree(changes);
    for (String field : remove == null ? List.<String>of() : remove) {
      int slash = field.indexOf('/');
      if (slash < 0) {
        base.remove(field);
        continue;
      }
      String list = field.substring(0, slash);
      String key = field.substring(slash + 1);
      String keyField = list.equals("tasks") ? "task_key" : "job_cluster_key";
      if (base.get(list) instanceof com.fasterxml.jackson.databind.node.ArrayNode items) {
        boolean removed = false;
        for (int i = items.size() - 1; i >= 0; i--) {
          if (key.equals(items.get(i).path(keyField).asText())) {
            items.remove(i);
            removed = true;
          }
        }
        if (!removed) {
          throw ApiException.invalid("fields_to_remove: no " + list + " entry '" + key + "'.");
        }
      }
    }
    update
        .fields()
        .forEachRemaining(
            e -> {
              String keyField =
                  e.getKey().equals("tasks")
                      ? "task_key"
                      : e.getKey().equals("job_clusters") ? "job_cluster_key" : null;
              if (keyField != null
                  && base.get(e.getKey())
                      instanceof com.fasterxml.jackson.databind.node.ArrayNode items) {
                for (JsonNode given : e.getValue()) {
                  boolean replaced = false;
                  for (int i = 0; i < items.size(); i++) {
                    if (items
                        .get(i)
                        .path(keyField)
                        .asText()
                        .equals(given.path(keyField).asText())) {
                      items.set(i, given);
                      replaced = true;
                    }
                  }
                  if (!replaced) {
                    items.add(given);
                  }
                }
              } else {
                base.set(e.getKey(), e.getValue());
              }
            });
    return Json.MAPPER.convertValue(base, JobSettings.class);
  }
}
