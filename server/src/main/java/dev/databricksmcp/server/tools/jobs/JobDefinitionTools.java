package dev.databricksmcp.server.tools.jobs;

import static dev.databricksmcp.server.tools.jobs.JobParams.JOB_ID;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.jobs.BaseJob;
import com.databricks.sdk.service.jobs.CreateJob;
import com.databricks.sdk.service.jobs.DeleteJob;
import com.databricks.sdk.service.jobs.Job;
import com.databricks.sdk.service.jobs.JobSettings;
import com.databricks.sdk.service.jobs.ListJobsRequest;
import com.databricks.sdk.service.jobs.ListJobsResponse;
import com.databricks.sdk.service.jobs.ResetJob;
import com.databricks.sdk.service.jobs.UpdateJob;
import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.ConfirmationTarget;
import dev.databricksmcp.server.core.Counted;
import dev.databricksmcp.server.core.ErrorMapper;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Params;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.patterns.Deletion;
import dev.databricksmcp.server.core.patterns.Listing;
import dev.databricksmcp.server.core.patterns.Lookup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Job definitions: list, get, create, update, reset, delete. */
final class JobDefinitionTools {
  private static final Param<String> NAME_FILTER =
      Param.string("name", "Only the job with this exact name (any case), as the API filters");

  private static final Param<String> NAME_CONTAINS =
      Param.string("name_contains", "Only jobs whose name contains this text (any case)");

  private static final Param<List<String>> FIELDS_TO_REMOVE =
      Param.stringList(
          "fields_to_remove",
          "Settings to remove: top-level ones (e.g. \"schedule\", \"timeout_seconds\"), or one"
              + " task or job cluster as \"tasks/<task_key>\", \"job_clusters/<key>\"");

  /** Pages of the API read to fill one filtered page before handing back the token. */
  private static final int MAX_FILTERED_PAGES = 20;

  private JobDefinitionTools() {}

  static List<ToolDef> definitions() {
    return List.of(list(), get(), create(), update(), reset(), delete());
  }

  static ToolDef list() {
    Listing<Map<String, Object>> listing =
        Listing.<Map<String, Object>>of("jobs", JobDefinitionTools::page)
            .params(NAME_FILTER, NAME_CONTAINS)
            .maxResults(Params.maxResults(20, 100))
            .rows(row -> row);
    return ToolDef.builder(JobsToolset.ID, "list_jobs")
        .title("List jobs")
        .description(
            "Jobs you can see: job_id, name, creator, created_at, task_count, schedule in words"
                + " (manual, cron …, every …, continuous) and whether it is paused. Filter by"
                + " exact name or name_contains; get_job shows a job's tasks and settings. Other"
                + " tools take a job by id or exact name.")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  /**
   * One page: the exact name goes to the API; name_contains is applied here, so pages are read on
   * until one holds a match (or the API has no more), and the API's token is handed back.
   */
  private static Listing.Page<Map<String, Object>> page(
      Listing.Request page, Args args, ToolContext ctx) {
    String name = NAME_FILTER.optional(args).map(String::strip).orElse(null);
    String contains = NAME_CONTAINS.optional(args).map(JobDefinitionTools::lower).orElse(null);
    List<Map<String, Object>> rows = new ArrayList<>();
    String token = page.pageToken();
    int pages = 0;
    do {
      ListJobsResponse r =
          ctx.workspace()
              .jobs()
              .impl()
              .list(
                  new ListJobsRequest()
                      .setName(name)
                      .setExpandTasks(true)
                      .setLimit((long) page.maxResults())
                      .setPageToken(token));
      if (r.getJobs() != null) {
        for (BaseJob j : r.getJobs()) {
          String jobName = j.getSettings() == null ? null : j.getSettings().getName();
          if (contains == null || lower(jobName).contains(contains)) {
            rows.add(JobRows.row(j));
          }
        }
      }
      token =
          r.getNextPageToken() == null || r.getNextPageToken().isEmpty()
              ? null
              : r.getNextPageToken();
    } while (rows.isEmpty() && token != null && contains != null && ++pages < MAX_FILTERED_PAGES);
    return Listing.Page.of(rows, token);
  }

  static ToolDef get() {
    Lookup<Job> lookup =
        Lookup.of(
                JOB_ID,
                (key, ctx) ->
                    JobCalls.get(
                        ctx.workspace(), JobCalls.resolve(ctx.workspace(), JOB_ID.name(), key)),
                j -> "Job " + JobRows.summary(j) + ".")
            .shape(JobRows::detail);
    return ToolDef.builder(JobsToolset.ID, "get_job")
        .title("Get job")
        .description(
            "One job (by id or exact name): the fields of list_jobs, its tasks as a graph (each"
                + " task's key, type, what it runs, depends_on, run_if and compute: warehouse,"
                + " cluster, job cluster or serverless, in an order where each task follows the"
                + " ones it depends on), parameters with their defaults, max_concurrent_runs,"
                + " timeout_seconds, queue, job clusters and tags.")
        .input(lookup.input())
        .hints(ToolHints.read())
        .handler(lookup)
        .build();
  }

  static ToolDef create() {
    return ToolDef.builder(JobsToolset.ID, "create_job")
        .title("Create job")
        .description(
            "Create a job from its tasks: e.g. [{\"task_key\": \"load\", \"sql_task\":"
                + " {\"warehouse_id\": \"…\", \"file\": {\"path\": \"/Workspace/…/load.sql\"}}},"
                + " {\"task_key\": \"report\", \"depends_on\": [\"load\"], \"notebook_task\":"
                + " {\"notebook_path\": \"/Workspace/…/report\"}}], with parameters as name ->"
                + " default. A task key given twice, a depends_on on a missing task or a cycle"
                + " is refused before anything is created. run_job_now runs it.")
        .input(JobSettingsArgs.input(Schema.object(), true))
        .hints(ToolHints.write(false))
        .checkWith("list_jobs")
        .handler(
            (args, ctx) -> {
              JobSettings settings = JobSettingsArgs.settings(args);
              WorkspaceClient w = ctx.workspace();
              long id =
                  w.jobs()
                      .impl()
                      .create(JobSpecs.convert("settings", settings, CreateJob.class))
                      .getJobId();
              return readBack(w, id, "Created", "; run_job_now runs it");
            })
        .build();
  }

  static ToolDef update() {
    Schema.ObjectBuilder input =
        JobSettingsArgs.input(Schema.of(JOB_ID), false).param(FIELDS_TO_REMOVE);
    return ToolDef.builder(JobsToolset.ID, "update_job")
        .title("Update job")
        .description(
            "Change some of a job's settings; the others stay as they are. tasks adds or replaces"
                + " tasks by task_key; parameters replaces the job's parameters; fields_to_remove"
                + " removes settings or single tasks (\"tasks/<task_key>\"). To replace every"
                + " setting: reset_job.")
        .input(input)
        .hints(ToolHints.write(true))
        .checkWith("get_job")
        .handler(
            (args, ctx) -> {
              List<String> remove = FIELDS_TO_REMOVE.optional(args).orElse(List.of());
              List<String> given = JobSettingsArgs.given(args);
              if (given.isEmpty() && remove.isEmpty()) {
                throw ToolException.validation(
                    JobParams.NAME.name(),
                    "give the settings to change (name, description, parameters,"
                        + " max_concurrent_runs, timeout_seconds, schedule, tasks, job_clusters,"
                        + " environments) and/or fields_to_remove");
              }
              WorkspaceClient w = ctx.workspace();
              long id = JobCalls.resolve(w, JOB_ID.name(), JOB_ID.of(args));
              Job current = JobCalls.get(w, id);
              List<String> removedTasks =
                  remove.stream()
                      .filter(f -> f.startsWith("tasks/"))
                      .map(f -> f.substring("tasks/".length()))
                      .toList();
              JobSettings changes =
                  JobSettingsArgs.settings(
                      args,
                      tasks ->
                          JobSpecs.taskChanges(
                              JobSpecs.TASKS,
                              tasks,
                              current.getSettings() == null
                                  ? null
                                  : current.getSettings().getTasks(),
                              removedTasks));
              w.jobs()
                  .impl()
                  .update(
                      new UpdateJob()
                          .setJobId(id)
                          .setNewSettings(changes)
                          .setFieldsToRemove(remove.isEmpty() ? null : remove));
              List<String> what = new ArrayList<>(given);
              remove.forEach(f -> what.add("removed " + f));
              return readBack(w, id, "Updated", " (changed: " + String.join(", ", what) + ")");
            })
        .build();
  }

  static ToolDef reset() {
    Deletion<Job> replace =
        Deletion.of(
            (args, ctx) ->
                JobCalls.get(
                    ctx.workspace(),
                    JobCalls.resolve(ctx.workspace(), JOB_ID.name(), JOB_ID.of(args))),
            (j, args, ctx) ->
                new ConfirmationTarget(
                    "replace every setting of job "
                        + JobRows.summary(j)
                        + " in "
                        + ctx.workspaceHost()
                        + " with the ones given: any setting not given (schedule, parameters,"
                        + " tasks, notifications …) is removed",
                    j.getJobId()
                        + "|"
                        + (j.getSettings() == null ? "" : j.getSettings().getName())),
            (j, args, ctx) -> {
              JobSettings settings = JobSettingsArgs.settings(args);
              WorkspaceClient w = ctx.workspace();
              w.jobs().impl().reset(new ResetJob().setJobId(j.getJobId()).setNewSettings(settings));
              return readBack(w, j.getJobId(), "Reset", " (every setting replaced)");
            });
    return ToolDef.builder(JobsToolset.ID, "reset_job")
        .title("Reset job")
        .description(
            "Replace all of a job's settings with the ones given (same arguments as create_job);"
                + " settings not given are removed. To change only some settings: update_job.")
        .input(JobSettingsArgs.input(Schema.of(JOB_ID), true))
        .hints(ToolHints.destructive(true))
        .checkWith("get_job")
        .confirmTarget(replace)
        .handler(replace)
        .build();
  }

  static ToolDef delete() {
    Deletion<Job> deletion =
        Deletion.of(
            (args, ctx) ->
                JobCalls.get(
                    ctx.workspace(),
                    JobCalls.resolve(ctx.workspace(), JOB_ID.name(), JOB_ID.of(args))),
            (j, args, ctx) -> {
              int active = JobCalls.activeRuns(ctx.workspace(), j.getJobId()).size();
              return new ConfirmationTarget(
                  "delete job "
                      + JobRows.summary(j)
                      + (active == 0
                          ? "; it has no active run"
                          : "; it has " + Counted.of(active, "active run"))
                      + ", in "
                      + ctx.workspaceHost(),
                  j.getJobId()
                      + "|"
                      + (j.getSettings() == null ? "" : j.getSettings().getName())
                      + "|"
                      + active);
            },
            (j, args, ctx) -> {
              ctx.workspace().jobs().impl().delete(new DeleteJob().setJobId(j.getJobId()));
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("job_id", j.getJobId());
              data.put("name", j.getSettings() == null ? null : j.getSettings().getName());
              data.put("deleted", true);
              return ToolResult.of(
                  data,
                  "Deleted job "
                      + JobRows.name(
                          j.getJobId(), j.getSettings() == null ? null : j.getSettings().getName())
                      + ".");
            });
    return ToolDef.builder(JobsToolset.ID, "delete_job")
        .title("Delete job")
        .description(
            "Delete a job (by id or exact name) with its settings and schedule. The confirmation"
                + " names the job and says whether it has active runs.")
        .input(Schema.of(JOB_ID))
        .hints(ToolHints.destructive(true))
        .checkWith("list_jobs")
        .confirmTarget(deletion)
        .handler(deletion)
        .build();
  }

  /**
   * The job as it is after a write that was done: its detail, or — when reading it back fails — the
   * id and the write said as done.
   */
  private static ToolResult readBack(WorkspaceClient w, long id, String verb, String more) {
    Job job;
    try {
      job = JobCalls.get(w, id);
    } catch (RuntimeException e) {
      ErrorMapper.MappedError why = ErrorMapper.map(e);
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("job_id", id);
      data.put(
          "read_back_error", Map.of("error_code", why.code().name(), "message", why.message()));
      return ToolResult.of(
          data,
          verb
              + " job "
              + id
              + more
              + ", but reading it back failed ("
              + why.code()
              + "); get_job shows it.");
    }
    return ToolResult.of(JobRows.detail(job), verb + " job " + JobRows.summary(job) + more + ".");
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }
}
