package dev.databricksmcp.sandbox.jobs;

import com.databricks.sdk.service.iam.PermissionLevel;
import com.databricks.sdk.service.jobs.BaseRun;
import com.databricks.sdk.service.jobs.CancelAllRuns;
import com.databricks.sdk.service.jobs.CancelRun;
import com.databricks.sdk.service.jobs.DeleteRun;
import com.databricks.sdk.service.jobs.ExportRunOutput;
import com.databricks.sdk.service.jobs.JobParameter;
import com.databricks.sdk.service.jobs.ListRunsResponse;
import com.databricks.sdk.service.jobs.RepairRun;
import com.databricks.sdk.service.jobs.RepairRunResponse;
import com.databricks.sdk.service.jobs.Run;
import com.databricks.sdk.service.jobs.RunLifeCycleState;
import com.databricks.sdk.service.jobs.RunOutput;
import com.databricks.sdk.service.jobs.RunResultState;
import com.databricks.sdk.service.jobs.RunTask;
import com.databricks.sdk.service.jobs.RunType;
import com.databricks.sdk.service.jobs.SubmitRun;
import com.databricks.sdk.service.jobs.SubmitRunResponse;
import com.databricks.sdk.service.jobs.Task;
import com.databricks.sdk.service.jobs.ViewItem;
import com.databricks.sdk.service.jobs.ViewType;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.http.PageTokens;
import dev.databricksmcp.sandbox.http.Router;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Jobs API 2.2 runs (https://docs.databricks.com/api/workspace/jobs): submit, list, get,
 * get-output (of a task run), cancel, cancel-all, repair, export and delete. A run is seen by the
 * one who started it, by workspace admins and by whoever holds CAN_VIEW on its job; it is
 * cancelled, repaired or deleted by its starter, admins and whoever holds CAN_MANAGE_RUN on its
 * job.
 */
final class RunsApi implements ApiModule {
  private static final String BASE = JobsApi.BASE + "/runs";
  private static final int MAX_RUNS_PAGE = 25;

  private final Jobs jobs;
  private final JobRuns runs;
  private final JobLauncher launcher;
  private final RunDriver driver;
  private final NotebookSource notebooks;
  private final JobsApi jobsApi;

  RunsApi(
      Jobs jobs,
      JobRuns runs,
      JobLauncher launcher,
      RunDriver driver,
      NotebookSource notebooks,
      JobsApi jobsApi) {
    this.jobs = jobs;
    this.runs = runs;
    this.launcher = launcher;
    this.driver = driver;
    this.notebooks = notebooks;
    this.jobsApi = jobsApi;
  }

  @Override
  public void register(Router router) {
    router.post(BASE + "/submit", this::submit);
    router.get(BASE + "/list", this::list);
    router.get(BASE + "/get", r -> runs.view(visible(r, JobsApi.longParam(r, "run_id"))));
    router.get(BASE + "/get-output", this::output);
    router.post(
        BASE + "/cancel",
        r -> {
          launcher.cancel(runnable(r, r.bodyAs(CancelRun.class).getRunId()));
          return Map.of();
        });
    router.post(BASE + "/cancel-all", this::cancelAll);
    router.post(BASE + "/repair", this::repair);
    router.get(BASE + "/export", this::export);
    router.post(
        BASE + "/delete",
        r -> {
          runs.delete(runnable(r, r.bodyAs(DeleteRun.class).getRunId()));
          return Map.of();
        });
  }

  private SubmitRunResponse submit(ApiRequest r) {
    return new SubmitRunResponse()
        .setRunId(launcher.submit(r.bodyAs(SubmitRun.class), JobsApi.user(r)).id());
  }

  private ListRunsResponse list(ApiRequest r) {
    boolean activeOnly = r.boolParam("active_only");
    boolean completedOnly = r.boolParam("completed_only");
    if (activeOnly && completedOnly) {
      throw ApiException.invalid("active_only and completed_only cannot both be true.");
    }
    Long jobId = JobsApi.longParam(r, "job_id");
    if (jobId != null) {
      jobs.get(jobId);
    }
    Long from = JobsApi.longParam(r, "start_time_from");
    Long to = JobsApi.longParam(r, "start_time_to");
    String type = r.queryParam("run_type").orElse(null);
    boolean expand = r.boolParam("expand_tasks");
    List<Run> matching = new ArrayList<>();
    for (JobRun jr : runs.all()) {
      Run run = runs.view(jr);
      boolean active = RunStates.active(run.getState());
      if (!canSee(r, jr)
          || jobId != null && !jobId.equals(run.getJobId())
          || activeOnly && !active
          || completedOnly && active
          || from != null && run.getStartTime() < from
          || to != null && run.getStartTime() > to
          || type != null && !type.equals(String.valueOf(run.getRunType()))) {
        continue;
      }
      matching.add(run);
    }
    int limit = JobsApi.limit(r, 20, MAX_RUNS_PAGE);
    int offset =
        r.queryParam("page_token").map(PageTokens::offset).orElse(r.intParam("offset").orElse(0));
    int end = Math.min(matching.size(), offset + limit);
    List<BaseRun> page = new ArrayList<>();
    for (Run run : matching.subList(Math.min(offset, matching.size()), end)) {
      BaseRun b = Json.MAPPER.convertValue(run, BaseRun.class);
      if (!expand) {
        b.setTasks(null);
      }
      page.add(b);
    }
    return new ListRunsResponse()
        .setRuns(page.isEmpty() ? null : page)
        .setHasMore(end < matching.size())
        .setNextPageToken(end < matching.size() ? PageTokens.of(end) : null)
        .setPrevPageToken(offset > 0 ? PageTokens.of(Math.max(0, offset - limit)) : null);
  }

  /**
   * The output of one task run. A job run's id is refused with Databricks' message: its tasks'
   * outputs are read one task run at a time.
   */
  private RunOutput output(ApiRequest r) {
    Long id = JobsApi.longParam(r, "run_id");
    if (id == null) {
      throw ApiException.invalid("Missing required field: run_id");
    }
    Optional<Map.Entry<JobRun, RunTask>> task = runs.findTaskRun(id);
    if (task.isEmpty()) {
      visible(r, id);
      throw ApiException.invalid(
          "Retrieving the output of runs with multiple tasks is not supported. Please retrieve"
              + " the output of each individual task run instead.");
    }
    JobRun jr = task.get().getKey();
    if (!canSee(r, jr)) {
      throw ApiException.denied("User " + JobsApi.user(r) + " cannot view run " + id + ".");
    }
    RunOutput out = runs.output(jr, id);
    return out.setMetadata(metadata(jr, id));
  }

  /** A task run shown as a run of its own, as get-output's metadata. */
  private Run metadata(JobRun jr, long taskRunId) {
    Run parent = runs.view(jr);
    RunTask t = runs.findTaskRun(taskRunId).map(Map.Entry::getValue).orElseThrow();
    RunTask copy = Json.MAPPER.convertValue(t, RunTask.class);
    return new Run()
        .setJobId(parent.getJobId())
        .setJobRunId(parent.getRunId())
        .setRunId(taskRunId)
        .setNumberInJob(taskRunId)
        .setOriginalAttemptRunId(taskRunId)
        .setRunName(t.getTaskKey())
        .setCreatorUserName(parent.getCreatorUserName())
        .setRunType(
            parent.getRunType() == RunType.SUBMIT_RUN ? RunType.SUBMIT_RUN : RunType.JOB_RUN)
        .setTrigger(parent.getTrigger())
        .setJobParameters(parent.getJobParameters())
        .setState(copy.getState())
        .setStatus(copy.getStatus())
        .setStartTime(copy.getStartTime())
        .setEndTime(copy.getEndTime())
        .setSetupDuration(copy.getSetupDuration())
        .setExecutionDuration(copy.getExecutionDuration())
        .setCleanupDuration(copy.getCleanupDuration())
        .setRunDuration(copy.getRunDuration())
        .setAttemptNumber(copy.getAttemptNumber())
        .setTasks(List.of(copy));
  }

  private Map<String, Object> cancelAll(ApiRequest r) {
    CancelAllRuns req = r.bodyAs(CancelAllRuns.class);
    boolean queuedOnly = Boolean.TRUE.equals(req.getAllQueuedRuns());
    if (req.getJobId() == null && !queuedOnly) {
      throw ApiException.invalid("Either job_id or all_queued_runs must be given.");
    }
    if (req.getJobId() != null) {
      jobs.get(req.getJobId());
    }
    for (JobRun jr : runs.all()) {
      boolean queued = jr.run.getState().getLifeCycleState() == RunLifeCycleState.QUEUED;
      if (canRun(r, jr)
          && (req.getJobId() == null || req.getJobId().equals(jr.run.getJobId()))
          && (!queuedOnly || queued)) {
        launcher.cancel(jr);
      }
    }
    return Map.of();
  }

  /**
   * Repair: reruns the tasks named (and, with {@code rerun_dependent_tasks}, those depending on
   * them), or every task that did not succeed; each rerun is a new task run. The run must have
   * ended; new {@code job_parameters} replace the run's values.
   */
  private RepairRunResponse repair(ApiRequest r) {
    RepairRun req = r.bodyAs(RepairRun.class);
    JobRun jr = runnable(r, req.getRunId());
    boolean all = Boolean.TRUE.equals(req.getRerunAllFailedTasks());
    boolean named = req.getRerunTasks() != null && !req.getRerunTasks().isEmpty();
    if (all == named) {
      throw ApiException.invalid(
          "Exactly one of rerun_tasks or rerun_all_failed_tasks must be set.");
    }
    Set<String> rerun = new LinkedHashSet<>();
    long repairId;
    synchronized (runs) {
      if (RunStates.active(jr.run.getState())) {
        throw ApiException.invalid(
            "Run " + jr.id() + " is still active: only a run that has ended can be repaired.");
      }
      List<com.databricks.sdk.service.jobs.RepairHistoryItem> history = jr.repairHistory();
      Long latest = history.isEmpty() ? null : history.get(history.size() - 1).getId();
      if (req.getLatestRepairId() != null && !req.getLatestRepairId().equals(latest)) {
        throw ApiException.invalid(
            "latest_repair_id " + req.getLatestRepairId() + " is not the run's latest repair.");
      }
      if (named) {
        for (String key : req.getRerunTasks()) {
          if (jr.tasks.stream().noneMatch(t -> t.getTaskKey().equals(key))) {
            throw ApiException.invalid("Task " + key + " is not a task of run " + jr.id() + ".");
          }
          rerun.add(key);
        }
      } else {
        for (RunTask t : jr.run.getTasks()) {
          RunResultState s = t.getState().getResultState();
          if (s != RunResultState.SUCCESS && s != RunResultState.EXCLUDED) {
            rerun.add(t.getTaskKey());
          }
        }
      }
      if (Boolean.TRUE.equals(req.getRerunDependentTasks())) {
        addDependents(jr.tasks, rerun);
      }
      if (req.getJobParameters() != null) {
        reparameterize(jr, req.getJobParameters());
      }
      useCurrentSettings(jr, rerun);
      repairId = runs.newId();
      List<Long> taskRunIds = new ArrayList<>();
      for (Task t : jr.tasks) {
        if (!rerun.contains(t.getTaskKey())) {
          continue;
        }
        RunTask old = jr.task(t.getTaskKey());
        jr.earlierAttempts.put(old.getRunId(), Json.MAPPER.convertValue(old, RunTask.class));
        RunTask next = Json.MAPPER.convertValue(t, RunTask.class);
        RunStates s = JobSpecs.deps(t).isEmpty() ? RunStates.pending() : RunStates.blocked();
        next.setRunId(runs.newId()).setAttemptNumber(0L).setState(s.state()).setStatus(s.status());
        jr.replaceTask(next);
        taskRunIds.add(next.getRunId());
      }
      driver.recordRepair(jr, repairId, taskRunIds, runs::now);
      jr.cancelRequested = false;
      jr.timedOut = false;
      runs.set(jr, RunStates.pending());
      jr.run.setEndTime(null);
    }
    driver.repair(jr, rerun);
    return new RepairRunResponse().setRepairId(repairId);
  }

  /**
   * The tasks rerun take the job's current settings ("They use the current job and task settings",
   * https://docs.databricks.com/api/workspace/jobs/repairrun): a task fixed with reset or update
   * since the run is rerun as fixed. A one-time run, or a task the job no longer has, keeps the
   * run's own spec.
   */
  private void useCurrentSettings(JobRun jr, Set<String> rerun) {
    Long jobId = jr.run.getJobId();
    if (jobId == null || !jobs.exists(jobId) || jobs.get(jobId).getSettings().getTasks() == null) {
      return;
    }
    for (Task current : jobs.get(jobId).getSettings().getTasks()) {
      for (int i = 0; i < jr.tasks.size(); i++) {
        if (rerun.contains(current.getTaskKey())
            && current.getTaskKey().equals(jr.tasks.get(i).getTaskKey())) {
          jr.tasks.set(i, Json.MAPPER.convertValue(current, Task.class));
        }
      }
    }
  }

  private static void addDependents(List<Task> tasks, Set<String> rerun) {
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Task t : tasks) {
        if (!rerun.contains(t.getTaskKey())
            && JobSpecs.deps(t).stream().anyMatch(d -> rerun.contains(d.getTaskKey()))) {
          rerun.add(t.getTaskKey());
          grew = true;
        }
      }
    }
  }

  private static void reparameterize(JobRun jr, Map<String, String> given) {
    List<JobParameter> params =
        jr.run.getJobParameters() == null ? List.of() : new ArrayList<>(jr.run.getJobParameters());
    given.forEach(
        (k, v) -> {
          JobParameter p =
              params.stream()
                  .filter(x -> k.equals(x.getName()))
                  .findFirst()
                  .orElseThrow(
                      () ->
                          ApiException.invalid(
                              "Job parameter '" + k + "' is not defined for this run's job."));
          p.setValue(v);
        });
    jr.run.setJobParameters(params);
    Map<String, String> values = new java.util.LinkedHashMap<>();
    params.forEach(p -> values.put(p.getName(), p.getValue()));
    jr.jobParameters = values;
  }

  /** Export of a notebook task run: the notebook's source as one NOTEBOOK view. */
  private ExportRunOutput export(ApiRequest r) {
    Long id = JobsApi.longParam(r, "run_id");
    if (id == null) {
      throw ApiException.invalid("Missing required field: run_id");
    }
    Optional<Map.Entry<JobRun, RunTask>> task = runs.findTaskRun(id);
    if (task.isEmpty()) {
      visible(r, id);
      throw ApiException.invalid(
          "Run " + id + " has several tasks: export each notebook task run by its own run_id.");
    }
    if (!canSee(r, task.get().getKey())) {
      throw ApiException.denied("User " + JobsApi.user(r) + " cannot view run " + id + ".");
    }
    RunTask t = task.get().getValue();
    if (t.getNotebookTask() == null) {
      throw ApiException.invalid("Run " + id + " is not a notebook task run: only those export.");
    }
    String path = t.getNotebookTask().getNotebookPath();
    String source = notebooks.find(path).map(NotebookSource.Source::text).orElse("");
    String html =
        "<html><body><pre>"
            + source.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            + "</pre></body></html>";
    return new ExportRunOutput()
        .setViews(
            List.of(new ViewItem().setName(path).setType(ViewType.NOTEBOOK).setContent(html)));
  }

  private JobRun visible(ApiRequest r, Long runId) {
    if (runId == null) {
      throw ApiException.invalid("Missing required field: run_id");
    }
    JobRun jr = runs.get(runId);
    if (!canSee(r, jr)) {
      throw ApiException.denied("User " + JobsApi.user(r) + " cannot view run " + runId + ".");
    }
    return jr;
  }

  /** The run, when the caller may cancel, repair or delete it; refused otherwise. */
  private JobRun runnable(ApiRequest r, Long runId) {
    JobRun jr = visible(r, runId);
    if (!canRun(r, jr)) {
      throw ApiException.denied(
          "User " + JobsApi.user(r) + " does not have permission to manage run " + runId + ".");
    }
    return jr;
  }

  private boolean canSee(ApiRequest r, JobRun jr) {
    return holds(r, jr, PermissionLevel.CAN_VIEW);
  }

  private boolean canRun(ApiRequest r, JobRun jr) {
    return holds(r, jr, PermissionLevel.CAN_MANAGE_RUN);
  }

  /** The run's starter and admins may; others by their level on the run's job. */
  private boolean holds(ApiRequest r, JobRun jr, PermissionLevel needed) {
    if (r.principal().admin() || r.principal().userName().equals(jr.owner)) {
      return true;
    }
    Long jobId = jr.run.getJobId();
    return jobId != null && jobs.exists(jobId) && jobsApi.holds(r.principal(), jobId, needed);
  }
}
