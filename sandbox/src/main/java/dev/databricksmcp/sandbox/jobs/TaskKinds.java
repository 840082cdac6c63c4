package dev.databricksmcp.sandbox.jobs;

import com.databricks.sdk.service.jobs.TerminationCodeCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The task kinds the sandbox runs, by type field; any other type ends FAILED, saying so. */
final class TaskKinds {
  private final Map<String, TaskKind> kinds = new LinkedHashMap<>();

  TaskKinds(List<TaskKind> kinds) {
    kinds.forEach(k -> this.kinds.put(k.type(), k));
  }

  TaskKind.Outcome run(TaskKind.Context c) throws InterruptedException {
    String type = JobSpecs.types(c.task()).get(0);
    TaskKind kind = kinds.get(type);
    if (kind == null) {
      return TaskKind.Outcome.failed(
          TerminationCodeCode.INVALID_RUN_CONFIGURATION,
          "The sandbox does not run "
              + type
              + " tasks: it runs "
              + String.join(", ", kinds.keySet())
              + ".");
    }
    return kind.run(c);
  }
}
