package dev.databricksmcp.server.tools.jobs;

import static dev.databricksmcp.server.tools.jobs.JobParams.DESCRIPTION;
import static dev.databricksmcp.server.tools.jobs.JobParams.MAX_CONCURRENT_RUNS;
import static dev.databricksmcp.server.tools.jobs.JobParams.NAME;
import static dev.databricksmcp.server.tools.jobs.JobParams.PARAMETERS;
import static dev.databricksmcp.server.tools.jobs.JobParams.SCHEDULE;
import static dev.databricksmcp.server.tools.jobs.JobParams.TIMEOUT_SECONDS;

import com.databricks.sdk.service.jobs.JobCluster;
import com.databricks.sdk.service.jobs.JobEnvironment;
import com.databricks.sdk.service.jobs.JobSettings;
import com.databricks.sdk.service.jobs.Task;
import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.patterns.GivenFields;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A job's settings from the arguments of create_job, reset_job and update_job: the simple fields
 * declared once ({@link GivenFields}), and the lists in Databricks' JSON — tasks ({@link
 * JobSpecs}), job clusters and serverless environments.
 */
final class JobSettingsArgs {
  static final String JOB_CLUSTERS = "job_clusters";
  static final String ENVIRONMENTS = "environments";

  /** The lists the caller gives as Databricks' JSON, after the simple fields. */
  static final List<String> LISTS = List.of(JobSpecs.TASKS, JOB_CLUSTERS, ENVIRONMENTS);

  /** The simple fields; only those given are set. */
  static final GivenFields<JobSettings> FIELDS =
      GivenFields.<JobSettings>of()
          .field(DESCRIPTION, JobSettings::setDescription)
          .field(PARAMETERS, (s, v) -> s.setParameters(JobSpecs.parameters(v)))
          .field(MAX_CONCURRENT_RUNS, (s, v) -> s.setMaxConcurrentRuns((long) v))
          .field(TIMEOUT_SECONDS, (s, v) -> s.setTimeoutSeconds((long) v))
          .field(SCHEDULE, (s, v) -> s.setSchedule(JobSpecs.schedule(v)));

  private JobSettingsArgs() {}

  /**
   * The input schema of a job's settings: name, the simple fields, tasks, job clusters and
   * environments.
   *
   * @param whole true for create and reset (name and tasks required), false for update
   */
  static Schema.ObjectBuilder input(Schema.ObjectBuilder schema, boolean whole) {
    schema.param(whole ? NAME.required() : NAME.describedAs("New job name"));
    schema.params(FIELDS.params());
    schema.property(
        JobSpecs.TASKS,
        JobSpecs.tasksSchema(
            whole
                ? "The tasks: each a task_key, one task type object as the Jobs API defines it"
                    + " (sql_task, notebook_task, condition_task, run_job_task, pipeline_task,"
                    + " spark_python_task …), depends_on (task keys), run_if, and its compute:"
                    + " a sql_task's warehouse_id, existing_cluster_id, job_cluster_key, or"
                    + " environment_key (serverless; none given: serverless where the task"
                    + " allows it)"
                : "Tasks to add or replace, by task_key (the others stay); same shape as in"
                    + " create_job"),
        whole);
    schema.property(
        JOB_CLUSTERS,
        JobSpecs.objectsSchema(
            "Clusters the job's tasks share (job_cluster_key), in the Jobs API's JSON:"
                + " [{\"job_cluster_key\": \"main\", \"new_cluster\": {\"spark_version\": …,"
                + " \"node_type_id\": …, \"num_workers\": 1}}]"),
        false);
    schema.property(
        ENVIRONMENTS,
        JobSpecs.objectsSchema(
            "Serverless environments the tasks use (environment_key), in the Jobs API's JSON:"
                + " [{\"environment_key\": \"default\", \"spec\": {\"environment_version\":"
                + " \"2\", \"dependencies\": [\"pandas\"]}}]"),
        false);
    return schema;
  }

  /** Every setting the call gives, as the API takes them; checked before anything is sent. */
  static JobSettings settings(Args args) {
    return settings(args, given -> JobSpecs.tasks(JobSpecs.TASKS, given, Task.class));
  }

  /**
   * As {@link #settings(Args)}, the tasks made by {@code tasks} (an update checks them against the
   * job's own).
   */
  static JobSettings settings(Args args, Function<Object, List<Task>> tasks) {
    JobSettings s = FIELDS.apply(args, new JobSettings());
    NAME.optional(args).ifPresent(s::setName);
    Object given = args.asMap().get(JobSpecs.TASKS);
    if (given != null) {
      s.setTasks(tasks.apply(given));
    }
    Object clusters = args.asMap().get(JOB_CLUSTERS);
    if (clusters != null) {
      s.setJobClusters(JobSpecs.objects(JOB_CLUSTERS, clusters, JobCluster.class));
    }
    Object environments = args.asMap().get(ENVIRONMENTS);
    if (environments != null) {
      s.setEnvironments(JobSpecs.objects(ENVIRONMENTS, environments, JobEnvironment.class));
    }
    return s;
  }

  /** The names of the settings the call gives, for a message. */
  static List<String> given(Args args) {
    List<String> out = new ArrayList<>();
    if (NAME.given(args)) {
      out.add(NAME.name());
    }
    out.addAll(FIELDS.given(args));
    LISTS.stream().filter(args::has).forEach(out::add);
    return out;
  }
}
