package dev.databricksmcp.server.tools.jobs;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.jobs.CreateJob;
import com.databricks.sdk.service.jobs.JobSettings;
import com.databricks.sdk.service.jobs.ResetJob;
import com.databricks.sdk.service.jobs.RunNow;
import com.databricks.sdk.service.jobs.SqlTask;
import com.databricks.sdk.service.jobs.SqlTaskQuery;
import com.databricks.sdk.service.jobs.Task;
import com.databricks.sdk.service.jobs.TaskDependency;
import com.databricks.sdk.service.sql.CreateQueryRequest;
import com.databricks.sdk.service.sql.CreateQueryRequestQuery;
import dev.databricksmcp.sandbox.sql.Warehouses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Jobs made in the sandbox through the real SDK (not through the jobs tools): SQL tasks running
 * saved queries on the seeded warehouse, in dependency order.
 */
final class SandboxJobs {
  private final WorkspaceClient w;

  SandboxJobs(WorkspaceClient w) {
    this.w = w;
  }

  static String unique() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  }

  /** A saved query with this text; its id. */
  String query(String sql) {
    return w.queries()
        .create(
            new CreateQueryRequest()
                .setQuery(
                    new CreateQueryRequestQuery()
                        .setDisplayName("runs " + unique())
                        .setWarehouseId(Warehouses.STARTER_ID)
                        .setQueryText(sql)))
        .getId();
  }

  /** A sql_task running this SQL, after the tasks named. */
  Task sql(String key, String sql, String... after) {
    List<TaskDependency> deps = new ArrayList<>();
    for (String a : after) {
      deps.add(new TaskDependency().setTaskKey(a));
    }
    return new Task()
        .setTaskKey(key)
        .setDependsOn(deps.isEmpty() ? null : deps)
        .setSqlTask(
            new SqlTask()
                .setWarehouseId(Warehouses.STARTER_ID)
                .setQuery(new SqlTaskQuery().setQueryId(query(sql))));
  }

  long job(String name, Task... tasks) {
    return w.jobs().create(new CreateJob().setName(name).setTasks(List.of(tasks))).getJobId();
  }

  /** Replaces the job's tasks (a fix before a repair). */
  void reset(long job, String name, Task... tasks) {
    w.jobs()
        .reset(
            new ResetJob()
                .setJobId(job)
                .setNewSettings(new JobSettings().setName(name).setTasks(List.of(tasks))));
  }

  long runNow(long job) {
    return w.jobs().runNow(new RunNow().setJobId(job)).getResponse().getRunId();
  }

  /** A task's parameters, as the SQL task binds them (:name). */
  static Task withParameters(Task t, Map<String, String> params) {
    t.getSqlTask().setParameters(params);
    return t;
  }
}
