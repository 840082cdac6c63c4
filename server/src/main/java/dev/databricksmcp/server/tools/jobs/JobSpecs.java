package dev.databricksmcp.server.tools.jobs;

import com.databricks.sdk.core.utils.SerDeUtils;
import com.databricks.sdk.service.jobs.CronSchedule;
import com.databricks.sdk.service.jobs.JobParameterDefinition;
import com.databricks.sdk.service.jobs.Task;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.databricksmcp.server.core.ToolException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A job's tasks and settings from the simple arguments the tools take, in Databricks' own JSON: a
 * task is a {@code task_key}, one task type object ({@code sql_task}, {@code notebook_task}, …) as
 * the Jobs API defines it, {@code depends_on} as task keys or the API's {@code [{task_key}]}, and
 * the API's other task fields. A key the API does not define, or a value of the wrong type, is a
 * VALIDATION_ERROR naming it (the SDK would otherwise drop it without a word); so are the task
 * graph's faults found here (see {@link TaskGraph}). Anything else is the API's to answer.
 */
final class JobSpecs {
  /**
   * The SDK's mapper, strict: an unknown key or enum value is an error, not silently dropped. In a
   * holder made at the first job spec read: made with the class, it cost every start ~45 ms.
   */
  private static final class Strict {
    static final ObjectMapper MAPPER =
        SerDeUtils.createMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);
  }

  static final String TASKS = "tasks";

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private JobSpecs() {}

  /** The JSON Schema of {@code tasks}: task objects with the common fields described. */
  static Map<String, Object> tasksSchema(String description) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("task_key", prop("string", "Unique name of the task in the job"));
    props.put(
        "sql_task",
        prop(
            "object",
            "{\"warehouse_id\": \"…\", \"query\": {\"query_id\": \"…\"}} or {\"warehouse_id\":"
                + " \"…\", \"file\": {\"path\": \"/Workspace/…/q.sql\"}}"));
    props.put(
        "notebook_task",
        prop(
            "object",
            "{\"notebook_path\": \"/Workspace/…\", \"base_parameters\": {…}, \"warehouse_id\":"
                + " \"…\" (SQL notebooks)}"));
    props.put(
        "condition_task",
        prop("object", "{\"left\": \"{{job.parameters.x}}\", \"op\": \"EQUAL_TO\", \"right\": …}"));
    props.put("run_job_task", prop("object", "{\"job_id\": 123, \"job_parameters\": {…}}"));
    Map<String, Object> dependsOn = prop("array", "Task keys this task runs after");
    dependsOn.put(
        "items", Map.of("anyOf", List.of(Map.of("type", "string"), Map.of("type", "object"))));
    props.put("depends_on", dependsOn);
    Map<String, Object> runIf =
        prop("string", "When to run after the tasks depended on (default ALL_SUCCESS)");
    runIf.put(
        "enum",
        List.of(
            "ALL_SUCCESS",
            "AT_LEAST_ONE_SUCCESS",
            "NONE_FAILED",
            "ALL_DONE",
            "AT_LEAST_ONE_FAILED",
            "ALL_FAILED"));
    props.put("run_if", runIf);
    props.put("existing_cluster_id", prop("string", "Run on this all-purpose cluster"));
    props.put("job_cluster_key", prop("string", "Run on this cluster of job_clusters"));
    props.put(
        "environment_key", prop("string", "Serverless: the environment of environments to use"));
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("type", "object");
    item.put("properties", props);
    item.put("required", List.of("task_key"));
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", "array");
    p.put("description", description);
    p.put("items", item);
    return p;
  }

  /** A pass-through list of the API's objects (job_clusters, environments). */
  static Map<String, Object> objectsSchema(String description) {
    Map<String, Object> p = prop("array", description);
    p.put("items", Map.of("type", "object"));
    return p;
  }

  private static Map<String, Object> prop(String type, String description) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", type);
    p.put("description", description);
    return p;
  }

  /**
   * The tasks of {@code field} as the API's {@code type} (Task, SubmitTask), after their graph is
   * checked; at least one.
   */
  static <T> List<T> tasks(String field, Object raw, Class<T> type) {
    List<Map<String, Object>> tasks = taskMaps(field, raw);
    if (tasks.isEmpty()) {
      throw ToolException.validation(field, "give at least one task");
    }
    TaskGraph.of(field, tasks).check();
    return converted(field, tasks, type);
  }

  /**
   * Tasks an update adds or replaces (by task_key) in a job that has {@code current} tasks, less
   * those {@code removed}: the graph checked is the job's as it will be.
   */
  static List<Task> taskChanges(
      String field, Object raw, Collection<Task> current, Collection<String> removed) {
    List<Map<String, Object>> given = taskMaps(field, raw);
    TaskGraph.of(field, given);
    Map<String, Map<String, Object>> after = new LinkedHashMap<>();
    for (Task t : current == null ? List.<Task>of() : current) {
      if (!removed.contains(t.getTaskKey())) {
        after.put(t.getTaskKey(), Strict.MAPPER.convertValue(t, MAP));
      }
    }
    given.forEach(t -> after.put(String.valueOf(t.get("task_key")), t));
    TaskGraph.of(field, new ArrayList<>(after.values())).check();
    return converted(field, given, Task.class);
  }

  private static <T> List<T> converted(
      String field, List<Map<String, Object>> tasks, Class<T> type) {
    List<T> out = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      out.add(convert(field + "[" + i + "]", tasks.get(i), type));
    }
    return out;
  }

  /**
   * The tasks as given, each with {@code task_key} checked and {@code depends_on} in the API's
   * shape ({@code [{task_key, outcome?}]}).
   */
  static List<Map<String, Object>> taskMaps(String field, Object raw) {
    if (!(raw instanceof List<?> list)) {
      throw ToolException.validation(
          field,
          "must be a list of tasks, e.g. [{\"task_key\": \"a\", \"sql_task\": {…}}, {\"task_key\":"
              + " \"b\", \"depends_on\": [\"a\"], …}]");
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String at = field + "[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> given)) {
        throw ToolException.validation(at, "must be an object with task_key and a task type");
      }
      Map<String, Object> task = new LinkedHashMap<>();
      given.forEach((k, v) -> task.put(String.valueOf(k), v));
      if (!(task.get("task_key") instanceof String key) || key.isBlank()) {
        throw ToolException.validation(at + ".task_key", "is required (a unique name)");
      }
      Object deps = task.get("depends_on");
      if (deps != null) {
        task.put("depends_on", dependencies(at + ".depends_on", deps));
      }
      out.add(task);
    }
    return out;
  }

  /** depends_on as task keys (strings) or the API's objects, in the API's shape. */
  private static List<Map<String, Object>> dependencies(String field, Object raw) {
    if (!(raw instanceof List<?> list)) {
      throw ToolException.validation(field, "must be a list of task keys, e.g. [\"a\"]");
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object d : list) {
      if (d instanceof String key && !key.isBlank()) {
        out.add(Map.of("task_key", key));
      } else if (d instanceof Map<?, ?> m && m.get("task_key") instanceof String) {
        Map<String, Object> dep = new LinkedHashMap<>();
        m.forEach((k, v) -> dep.put(String.valueOf(k), v));
        out.add(dep);
      } else {
        throw ToolException.validation(
            field, "must be task keys, e.g. [\"a\"], or [{\"task_key\": \"a\"}]");
      }
    }
    return out;
  }

  /** A pass-through list of the API's objects, each converted to {@code type}. */
  static <T> List<T> objects(String field, Object raw, Class<T> type) {
    if (!(raw instanceof List<?> list)) {
      throw ToolException.validation(field, "must be a list of objects");
    }
    List<T> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(convert(field + "[" + i + "]", list.get(i), type));
    }
    return out;
  }

  /** Job parameter definitions from name → default. */
  static List<JobParameterDefinition> parameters(Map<String, Object> defaults) {
    List<JobParameterDefinition> out = new ArrayList<>();
    JobParams.strings(defaults)
        .forEach((k, v) -> out.add(new JobParameterDefinition().setName(k).setDefault(v)));
    return out;
  }

  static CronSchedule schedule(Map<String, Object> given) {
    return convert(JobParams.SCHEDULE.name(), given, CronSchedule.class);
  }

  /**
   * {@code value} as the API's {@code type}; a key it does not define or a value of the wrong type
   * is a VALIDATION_ERROR naming where, never a Java message.
   */
  static <T> T convert(String field, Object value, Class<T> type) {
    try {
      return Strict.MAPPER.convertValue(value, type);
    } catch (IllegalArgumentException e) {
      if (!(e.getCause() instanceof JsonMappingException m)) {
        throw ToolException.validation(field, "is not valid for the Jobs API");
      }
      String at = field + path(m);
      if (m instanceof UnrecognizedPropertyException u) {
        TreeSet<String> known = new TreeSet<>();
        if (u.getKnownPropertyIds() != null) {
          u.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
        }
        throw ToolException.validation(
            at,
            "is not a field the Jobs API defines here"
                + (known.isEmpty() ? "" : "; the fields are " + String.join(", ", known)));
      }
      if (m instanceof InvalidFormatException f && f.getTargetType().isEnum()) {
        List<String> values = new ArrayList<>();
        for (Object c : f.getTargetType().getEnumConstants()) {
          values.add(c.toString());
        }
        throw ToolException.validation(
            at, "'" + f.getValue() + "' is not one of " + String.join(", ", values));
      }
      throw ToolException.validation(at, "has a value of the wrong type");
    }
  }

  /** The JSON path of a mapping error: ".sql_task.warehouse_id", "[0].task_key". */
  private static String path(JsonMappingException m) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference r : m.getPath()) {
      if (r.getFieldName() != null) {
        out.append('.').append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        out.append('[').append(r.getIndex()).append(']');
      }
    }
    return out.toString();
  }
}
