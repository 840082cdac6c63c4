package dev.databricksmcp.server.tools.jobs;

import static dev.databricksmcp.server.tools.jobs.RunParams.CHANGE_WAIT_SECONDS;
import static dev.databricksmcp.server.tools.jobs.RunParams.RUN_ID;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.jobs.RepairHistoryItem;
import com.databricks.sdk.service.jobs.RepairHistoryItemType;
import com.databricks.sdk.service.jobs.RepairRun;
import com.databricks.sdk.service.jobs.Run;
import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * repair_run: reruns the failed tasks of an ended run (or the tasks named) and the tasks depending
 * on them, in the same run, as a new repair; the latest repair id the API asks for is read from the
 * run's repair history.
 */
final class RepairTool {
  private static final Param<List<String>> RERUN_TASKS =
      Param.stringList("rerun_tasks", "Task keys to rerun (instead of every failed task)");

  private static final Param<Boolean> RERUN_ALL_FAILED =
      Param.bool(
          "rerun_all_failed_tasks",
          "Rerun every task that did not succeed (the default when rerun_tasks is not given)");

  private static final Param<Boolean> RERUN_DEPENDENTS =
      Param.bool(
              "rerun_dependent_tasks",
              "Also rerun the tasks that depend on those rerun, even ones that succeeded")
          .withDefault(true);

  private static final Param<Map<String, Object>> JOB_PARAMETERS =
      Param.object("job_parameters", "New values of the job's parameters for the rerun");

  private RepairTool() {}

  static ToolDef repair() {
    return ToolDef.builder(JobsToolset.ID, "repair_run")
        .title("Repair run")
        .description(
            CHANGE_WAIT_SECONDS.fill(
                "Rerun the failed tasks of an ended job run and the tasks depending on them, in"
                    + " the same run (tasks that succeeded keep their output); or only the tasks"
                    + " in rerun_tasks. New job_parameters apply to the rerun. Waits up to"
                    + " wait_seconds (default {default}) for the run to end; answers which tasks"
                    + " were rerun and the state reached."))
        .input(
            Schema.of(
                RUN_ID,
                RERUN_TASKS,
                RERUN_ALL_FAILED,
                RERUN_DEPENDENTS,
                JOB_PARAMETERS,
                CHANGE_WAIT_SECONDS))
        .hints(ToolHints.write(false))
        .checkWith("get_job_run")
        .handler(RepairTool::handle)
        .build();
  }

  private static ToolResult handle(Args args, ToolContext ctx) throws Exception {
    WorkspaceClient w = ctx.workspace();
    long id = RUN_ID.of(args);
    List<String> named = RERUN_TASKS.optional(args).orElse(List.of());
    boolean allFailed = RERUN_ALL_FAILED.optional(args).orElse(named.isEmpty());
    if (allFailed == !named.isEmpty()) {
      throw ToolException.validation(
          named.isEmpty() ? RERUN_ALL_FAILED.name() : RERUN_TASKS.name(),
          "give rerun_tasks or rerun_all_failed_tasks=true, not both and not neither");
    }
    Run before = RunCalls.get(w, id);
    for (String key : named) {
      RunCalls.task(before, key, RERUN_TASKS.name());
    }
    RepairRun req =
        new RepairRun()
            .setRunId(id)
            .setLatestRepairId(latestRepair(before))
            .setRerunDependentTasks(RERUN_DEPENDENTS.of(args));
    if (allFailed) {
      req.setRerunAllFailedTasks(true);
    } else {
      req.setRerunTasks(named);
    }
    JOB_PARAMETERS.optional(args).ifPresent(p -> req.setJobParameters(strings(p)));
    long repairId = w.jobs().impl().repairRun(req).getRepairId();
    ctx.track(RunCalls.handle(id));
    ToolResult after =
        RunControlTools.afterChange(
            w,
            id,
            Duration.ofSeconds(CHANGE_WAIT_SECONDS.of(args)),
            ctx,
            "repair run " + id + " (repair " + repairId + ")");
    if (!(after.data() instanceof Map<?, ?> shown) || !shown.containsKey("tasks")) {
      return after;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> data = new LinkedHashMap<>((Map<String, Object>) shown);
    List<String> rerun = rerunKeys(data, repairId);
    data.put("repair_id", repairId);
    data.put("rerun_tasks", rerun);
    return ToolResult.of(data, "Reran " + rerun + ". " + after.message());
  }

  /** The id of the run's latest repair, or null when it was never repaired. */
  private static Long latestRepair(Run run) {
    Long latest = null;
    if (run.getRepairHistory() != null) {
      for (RepairHistoryItem h : run.getRepairHistory()) {
        if (h.getType() == RepairHistoryItemType.REPAIR) {
          latest = h.getId();
        }
      }
    }
    return latest;
  }

  /** The keys of the tasks this repair reran: its task run ids in the run's repair history. */
  @SuppressWarnings("unchecked")
  private static List<String> rerunKeys(Map<String, Object> run, long repairId) {
    List<Long> ids = new ArrayList<>();
    Object history = run.get("repair_history");
    if (history instanceof List<?> items) {
      for (Object item : items) {
        Map<String, Object> h = (Map<String, Object>) item;
        if (Long.valueOf(repairId).equals(h.get("repair_id")) && h.get("task_run_ids") != null) {
          ids.addAll((java.util.Collection<Long>) h.get("task_run_ids"));
        }
      }
    }
    List<String> keys = new ArrayList<>();
    for (Map<String, Object> t : (List<Map<String, Object>>) run.get("tasks")) {
      if (ids.contains((Long) t.get("run_id"))) {
        keys.add(String.valueOf(t.get("task_key")));
      }
    }
    return keys;
  }

  private static Map<String, String> strings(Map<String, Object> values) {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }
}
