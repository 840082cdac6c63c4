package dev.databricksmcp.server.tools.jobs;

import com.databricks.sdk.service.jobs.BaseJob;
import com.databricks.sdk.service.jobs.Continuous;
import com.databricks.sdk.service.jobs.CronSchedule;
import com.databricks.sdk.service.jobs.Job;
import com.databricks.sdk.service.jobs.JobCluster;
import com.databricks.sdk.service.jobs.JobEnvironment;
import com.databricks.sdk.service.jobs.JobParameterDefinition;
import com.databricks.sdk.service.jobs.JobSettings;
import com.databricks.sdk.service.jobs.PauseStatus;
import com.databricks.sdk.service.jobs.PeriodicTriggerConfiguration;
import com.databricks.sdk.service.jobs.Task;
import com.databricks.sdk.service.jobs.TriggerSettings;
import dev.databricksmcp.server.core.Counted;
import dev.databricksmcp.server.core.Times;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A job as every job tool answers it (docs/OUTPUT.md): list_jobs' row, and get_job's detail with
 * the same field names and more of them — its tasks as a readable graph ({@link TaskRows}), its
 * parameters with their defaults, limits and schedule. {@code job_id} as the API keys jobs, {@code
 * name} the job's own name, {@code creator} who made it, times ISO-8601 UTC.
 */
final class JobRows {
  private JobRows() {}

  /** What a model needs to pick a job. */
  static Map<String, Object> row(BaseJob j) {
    return row(j.getJobId(), j.getCreatorUserName(), j.getCreatedTime(), j.getSettings());
  }

  private static Map<String, Object> row(
      Long jobId, String creator, Long createdTime, JobSettings s) {
    JobSettings settings = s == null ? new JobSettings() : s;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("job_id", jobId);
    out.put("name", settings.getName());
    out.put("creator", creator);
    out.put("created_at", Times.iso(createdTime));
    out.put("task_count", settings.getTasks() == null ? 0 : settings.getTasks().size());
    out.put("schedule", scheduleWords(settings));
    out.put("paused", paused(settings));
    return out;
  }

  /** get_job: the row's fields, then the settings in words and the tasks as a graph. */
  static Map<String, Object> detail(Job j) {
    JobSettings s = j.getSettings() == null ? new JobSettings() : j.getSettings();
    Map<String, Object> out = row(j.getJobId(), j.getCreatorUserName(), j.getCreatedTime(), s);
    putIfSet(out, "description", s.getDescription());
    putIfSet(out, "run_as", j.getRunAsUserName());
    out.put("max_concurrent_runs", s.getMaxConcurrentRuns());
    out.put(
        "timeout_seconds",
        s.getTimeoutSeconds() == null || s.getTimeoutSeconds() == 0 ? null : s.getTimeoutSeconds());
    if (s.getQueue() != null) {
      out.put("queue", Boolean.TRUE.equals(s.getQueue().getEnabled()));
    }
    out.put("parameters", parameters(s.getParameters()));
    out.put("tasks", TaskRows.graph(s.getTasks()));
    if (s.getJobClusters() != null && !s.getJobClusters().isEmpty()) {
      out.put("job_clusters", jobClusters(s.getJobClusters()));
    }
    if (s.getEnvironments() != null && !s.getEnvironments().isEmpty()) {
      out.put(
          "environments",
          s.getEnvironments().stream().map(JobEnvironment::getEnvironmentKey).toList());
    }
    if (s.getTags() != null && !s.getTags().isEmpty()) {
      out.put("tags", new TreeMap<>(s.getTags()));
    }
    return out;
  }

  /** "'order' (123)", or the id alone for a job without a name. */
  static String name(Long jobId, String name) {
    return name == null || name.isBlank()
        ? String.valueOf(jobId)
        : "'" + name + "' (" + jobId + ")";
  }

  /**
   * One line on a job, to follow "job": "'order' (123): 2 tasks (create, insert), 1 parameter,
   * manual".
   */
  static String summary(Job j) {
    JobSettings s = j.getSettings() == null ? new JobSettings() : j.getSettings();
    List<String> order = TaskRows.order(s.getTasks());
    int params = s.getParameters() == null ? 0 : s.getParameters().size();
    return name(j.getJobId(), s.getName())
        + ": "
        + Counted.of(order.size(), "task")
        + (order.isEmpty() ? "" : " (" + String.join(", ", order) + ")")
        + ", "
        + Counted.of(params, "parameter")
        + ", "
        + scheduleWords(s)
        + (paused(s) ? " (paused)" : "");
  }

  /** Name → default, as the job defines them; empty when it has none. */
  static Map<String, Object> parameters(Collection<JobParameterDefinition> defs) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (defs != null) {
      defs.forEach(p -> out.put(p.getName(), p.getDefault()));
    }
    return out;
  }

  /** How runs start: "manual", "cron 0 0 6 * * ? (UTC)", "every 1 day", "continuous" … */
  static String scheduleWords(JobSettings s) {
    CronSchedule cron = s.getSchedule();
    if (cron != null) {
      return "cron "
          + cron.getQuartzCronExpression()
          + (cron.getTimezoneId() == null ? "" : " (" + cron.getTimezoneId() + ")");
    }
    TriggerSettings t = s.getTrigger();
    if (t != null) {
      PeriodicTriggerConfiguration p = t.getPeriodic();
      if (p != null) {
        return "every "
            + p.getInterval()
            + " "
            + String.valueOf(p.getUnit()).toLowerCase(Locale.ROOT).replaceAll("s$", "")
            + (p.getInterval() != null && p.getInterval() == 1 ? "" : "s");
      }
      if (t.getFileArrival() != null) {
        return "on file arrival at " + t.getFileArrival().getUrl();
      }
      if (t.getTableUpdate() != null) {
        return "on update of " + t.getTableUpdate().getTableNames();
      }
      return "on a trigger";
    }
    if (s.getContinuous() != null) {
      return "continuous";
    }
    return "manual";
  }

  /** Whether the schedule, trigger or continuous run is paused; a manual job is not. */
  static boolean paused(JobSettings s) {
    PauseStatus status = null;
    if (s.getSchedule() != null) {
      status = s.getSchedule().getPauseStatus();
    } else if (s.getTrigger() != null) {
      status = s.getTrigger().getPauseStatus();
    } else if (s.getContinuous() != null) {
      Continuous c = s.getContinuous();
      status = c.getPauseStatus();
    }
    return status == PauseStatus.PAUSED;
  }

  private static List<Map<String, Object>> jobClusters(Collection<JobCluster> clusters) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (JobCluster c : clusters) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("job_cluster_key", c.getJobClusterKey());
      if (c.getNewCluster() != null) {
        row.put("spark_version", c.getNewCluster().getSparkVersion());
        row.put("node_type_id", c.getNewCluster().getNodeTypeId());
        if (c.getNewCluster().getAutoscale() != null) {
          row.put(
              "autoscale",
              Map.of(
                  "min_workers", c.getNewCluster().getAutoscale().getMinWorkers(),
                  "max_workers", c.getNewCluster().getAutoscale().getMaxWorkers()));
        } else {
          row.put("num_workers", c.getNewCluster().getNumWorkers());
        }
      }
      out.add(row);
    }
    return out;
  }

  private static void putIfSet(Map<String, Object> out, String key, String value) {
    if (value != null && !value.isBlank()) {
      out.put(key, value);
    }
  }

  /** The tasks as their keys, for a message. */
  static List<String> keys(Collection<Task> tasks) {
    return tasks == null ? List.of() : tasks.stream().map(Task::getTaskKey).toList();
  }
}
