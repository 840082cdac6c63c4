package dev.databricksmcp.server.tools.jobs;

import dev.databricksmcp.server.core.ToolException;
import java.util.ArrayList;
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
    List<String> out = placeable();
    // a cycle (only in a job Databricks accepted otherwise): the rest as given
    dependsOn.keySet().stream().filter(k -> !out.contains(k)).toList().forEach(out::add);
    return out;
  }

  /**
   * The keys that can be put in dependency order, in that order: each once every task it depends on
   * is placed (a dependency the job does not have counts as placed). Those of a cycle, or after
   * one, never are.
   */
  private List<String> placeable() {
    List<String> out = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    boolean progressed = true;
    while (progressed) {
      progressed = false;
      for (Map.Entry<String, List<String>> e : dependsOn.entrySet()) {
        if (!placed.contains(e.getKey())
            && e.getValue().stream().allMatch(d -> placed.contains(d) || !has(d))) {
          out.add(e.getKey());
          placed.add(e.getKey());
          progressed = true;
          break;
        }
      }
    }
    return out;
  }

  private boolean has(String key) {
    return dependsOn.containsKey(key);
  }

  /**
   * A cycle, as keys with the first repeated at the end; empty when there is none. A task left
   * unplaced depends on another unplaced one, so following those leads around a cycle.
   */
  private List<String> cycle() {
    List<String> placed = placeable();
    List<String> left = dependsOn.keySet().stream().filter(k -> !placed.contains(k)).toList();
    if (left.isEmpty()) {
      return List.of();
    }
    List<String> walk = new ArrayList<>();
    String at = left.get(0);
    while (!walk.contains(at)) {
      walk.add(at);
      at = dependsOn.get(at).stream().filter(left::contains).findFirst().orElseThrow();
    }
    List<String> cycle = new ArrayList<>(walk.subList(walk.indexOf(at), walk.size()));
    cycle.add(at);
    return cycle;
  }
}
