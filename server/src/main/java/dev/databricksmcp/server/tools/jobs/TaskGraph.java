package dev.databricksmcp.server.tools.jobs;

import dev.databricksmcp.server.core.ToolException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tasks of a job as a graph of task keys and what each depends on: what can be checked before
 * Databricks sees it (a key given twice, a dependency on a key the job does not have, a cycle),
 * each a VALIDATION_ERROR naming the tasks field, and an order for reading (each task after those
 * it depends on, the given order kept otherwise).
 */
final class TaskGraph {
  private final String field;
  private final Map<String, List<String>> dependsOn;

  private TaskGraph(String field, Map<String, List<String>> dependsOn) {
    this.field = field;
    this.dependsOn = dependsOn;
  }

  /** The graph of tasks in the API's JSON shape; a key given twice is refused here. */
  static TaskGraph of(String field, List<Map<String, Object>> tasks) {
    Map<String, List<String>> deps = new LinkedHashMap<>();
    for (Map<String, Object> t : tasks) {
      String key = String.valueOf(t.get("task_key"));
      if (deps.containsKey(key)) {
        throw ToolException.validation(
            field, "task key '" + key + "' is given twice; task keys must be unique");
      }
      List<String> on = new ArrayList<>();
      if (t.get("depends_on") instanceof List<?> list) {
        for (Object d : list) {
          if (d instanceof Map<?, ?> m) {
            on.add(String.valueOf(m.get("task_key")));
          }
        }
      }
      deps.put(key, on);
    }
    return new TaskGraph(field, deps);
  }

  /**
   * Refuses a dependency on a task the job does not have, on itself, or a cycle.
   *
   * @return this graph
   */
  TaskGraph check() {
    dependsOn.forEach(
        (key, on) -> {
          for (String d : on) {
            if (d.equals(key)) {
              throw ToolException.validation(field, "task '" + key + "' depends on itself");
            }
            if (!dependsOn.containsKey(d)) {
              throw ToolException.validation(
                  field,
                  "task '"
                      + key
                      + "' depends on '"
                      + d
                      + "', which is not a task of the job (tasks: "
                      + String.join(", ", dependsOn.keySet())
                      + ")");
            }
          }
        });
    List<String> cycle = cycle();
    if (!cycle.isEmpty()) {
      throw ToolException.validation(
          field, "the dependencies form a cycle: " + String.join(" -> ", cycle));
    }
    return this;
  }

  /** The task keys, each after the ones it depends on; the given order otherwise. */
  List<String> order() {
    List<String> out = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    while (out.size() < dependsOn.size()) {
      boolean progressed = false;
      for (Map.Entry<String, List<String>> e : dependsOn.entrySet()) {
        if (!placed.contains(e.getKey())
            && e.getValue().stream().allMatch(d -> placed.contains(d) || !has(d))) {
          out.add(e.getKey());
          placed.add(e.getKey());
          progressed = true;
          break;
        }
      }
      if (!progressed) {
        // a cycle (only in a job Databricks accepted otherwise): the rest as given
        dependsOn.keySet().stream().filter(k -> !placed.contains(k)).forEach(out::add);
        break;
      }
    }
    return out;
  }

  private boolean has(String key) {
    return dependsOn.containsKey(key);
  }

  private List<String> cycle() {
    Map<String, Integer> mark = new HashMap<>();
    for (String key : dependsOn.keySet()) {
      List<String> path = new ArrayList<>();
      if (visit(key, mark, path)) {
        return path;
      }
    }
    return List.of();
  }

  /** Depth-first; leaves in {@code path} the cycle found, its first key repeated at the end. */
  private boolean visit(String key, Map<String, Integer> mark, List<String> path) {
    Integer m = mark.get(key);
    if (m != null) {
      if (m == 1) {
        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(key), path.size()));
        cycle.add(key);
        path.clear();
        path.addAll(cycle);
        return true;
      }
      return false;
    }
    mark.put(key, 1);
    path.add(key);
    for (String d : dependsOn.getOrDefault(key, List.of())) {
      if (visit(d, mark, path)) {
        return true;
      }
    }
    path.remove(path.size() - 1);
    mark.put(key, 2);
    return false;
  }
}
