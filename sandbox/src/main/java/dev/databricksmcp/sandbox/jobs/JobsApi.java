package dev.databricksmcp.sandbox.jobs;

import com.databricks.sdk.service.iam.PermissionLevel;
import com.databricks.sdk.service.jobs.BaseJob;
import com.databricks.sdk.service.jobs.CreateJob;
import com.databricks.sdk.service.jobs.CreateResponse;
import com.databricks.sdk.service.jobs.DeleteJob;
import com.databricks.sdk.service.jobs.Job;
import com.databricks.sdk.service.jobs.JobSettings;
import com.databricks.sdk.service.jobs.ListJobsResponse;
import com.databricks.sdk.service.jobs.QueueSettings;
import com.databricks.sdk.service.jobs.ResetJob;
import com.databricks.sdk.service.jobs.RunNow;
import com.databricks.sdk.service.jobs.RunNowResponse;
import com.databricks.sdk.service.jobs.UpdateJob;
import dev.databricksmcp.sandbox.auth.Principal;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.http.PageTokens;
import dev.databricksmcp.sandbox.http.Router;
import dev.databricksmcp.sandbox.permissions.AclObjectType;
import dev.databricksmcp.sandbox.permissions.ObjectAcls;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Jobs API 2.2 jobs (https://docs.databricks.com/api/workspace/jobs): create, list, get,
 * update, reset, delete and run-now; the runs routes are {@link RunsApi}'s. Who may do what follows
 * the job's ACL ({@link ObjectAcls}, set through the Permissions API; its creator is IS_OWNER,
 * workspace admins hold everything), as the job ACLs page has it
 * (https://docs.databricks.com/en/security/auth/access-control/index.html): CAN_VIEW to see it and
 * its runs, CAN_MANAGE_RUN to run it and cancel or repair its runs, CAN_MANAGE (or IS_OWNER) to
 * change or delete it.
 */
public final class JobsApi implements ApiModule {
  static final String BASE = "/api/2.2/jobs";
  private static final int MAX_JOBS_PAGE = 100;

  private final Jobs jobs;
  private final JobRuns runs;
  private final JobLauncher launcher;
  private final RunsApi runsApi;
  private final ObjectAcls acls;

  JobsApi(
      Jobs jobs,
      JobRuns runs,
      JobLauncher launcher,
      RunDriver driver,
      NotebookSource notebooks,
      ObjectAcls acls) {
    this.jobs = jobs;
    this.runs = runs;
    this.launcher = launcher;
    this.acls = acls;
    this.runsApi = new RunsApi(jobs, runs, launcher, driver, notebooks, this);
  }

  @Override
  public void register(Router router) {
    router.post(BASE + "/create", this::create);
    router.get(BASE + "/list", this::list);
    router.get(BASE + "/get", r -> visible(r, longParam(r, "job_id")));
    router.post(BASE + "/update", this::update);
    router.post(BASE + "/reset", this::reset);
    router.post(BASE + "/delete", this::delete);
    router.post(BASE + "/run-now", this::runNow);
    runsApi.register(router);
  }

  private CreateResponse create(ApiRequest r) {
    JobSettings settings = Json.MAPPER.convertValue(r.bodyAs(CreateJob.class), JobSettings.class);
    if (settings.getQueue() == null) {
      // Jobs API 2.2: queueing is on unless the request turns it off (jobs-api-2-2-updates)
      settings.setQueue(new QueueSettings().setEnabled(true));
    }
    if (settings.getMaxConcurrentRuns() == null) {
      settings.setMaxConcurrentRuns(1L);
    }
    if (settings.getName() == null) {
      settings.setName("Untitled");
    }
    JobSpecs.validate(settings);
    return new CreateResponse().setJobId(jobs.create(settings, user(r), runs.now()));
  }

  private ListJobsResponse list(ApiRequest r) {
    String name = r.queryParam("name").orElse(null);
    boolean expand = r.boolParam("expand_tasks");
    List<Job> visible =
        jobs.list().stream()
            .filter(j -> holds(r.principal(), j.getJobId(), PermissionLevel.CAN_VIEW))
            .filter(
                j ->
                    name == null
                        || name.toLowerCase(Locale.ROOT)
                            .equals(
                                String.valueOf(j.getSettings().getName()).toLowerCase(Locale.ROOT)))
            .toList();
    int limit = limit(r, 20, MAX_JOBS_PAGE);
    int offset =
        r.queryParam("page_token").map(PageTokens::offset).orElse(r.intParam("offset").orElse(0));
    int to = Math.min(visible.size(), offset + limit);
    List<BaseJob> page =
        visible.subList(Math.min(offset, visible.size()), to).stream()
            .map(
                j -> {
                  BaseJob b = Json.MAPPER.convertValue(j, BaseJob.class);
                  if (!expand) {
                    b.getSettings().setTasks(null).setJobClusters(null);
                  }
                  return b;
                })
            .toList();
    return new ListJobsResponse()
        .setJobs(page.isEmpty() ? null : page)
        .setHasMore(to < visible.size())
        .setNextPageToken(to < visible.size() ? PageTokens.of(to) : null)
        .setPrevPageToken(offset > 0 ? PageTokens.of(Math.max(0, offset - limit)) : null);
  }

  static int limit(ApiRequest r, int byDefault, int max) {
    int limit = r.intParam("limit").orElse(byDefault);
    if (limit < 0 || limit > max) {
      throw ApiException.invalid("limit must be between 1 and " + max + ", got " + limit + ".");
    }
    return limit == 0 ? max : limit;
  }

  private Map<String, Object> update(ApiRequest r) {
    UpdateJob req = r.bodyAs(UpdateJob.class);
    Job job = managed(r, req.getJobId());
    JobSettings merged =
        JobSpecs.merge(job.getSettings(), req.getNewSettings(), req.getFieldsToRemove());
    JobSpecs.validate(merged);
    jobs.replaceSettings(job.getJobId(), merged);
    return Map.of();
  }

  private Map<String, Object> reset(ApiRequest r) {
    ResetJob req = r.bodyAs(ResetJob.class);
    Job job = managed(r, req.getJobId());
    if (req.getNewSettings() == null) {
      throw ApiException.invalid("Missing required field: new_settings");
    }
    JobSettings settings = req.getNewSettings();
    if (settings.getQueue() == null) {
      settings.setQueue(new QueueSettings().setEnabled(true));
    }
    JobSpecs.validate(settings);
    jobs.replaceSettings(job.getJobId(), settings);
    return Map.of();
  }

  private Map<String, Object> delete(ApiRequest r) {
    Job job = managed(r, r.bodyAs(DeleteJob.class).getJobId());
    for (JobRun jr : runs.all()) {
      if (job.getJobId().equals(jr.run.getJobId())) {
        launcher.cancel(jr);
      }
    }
    jobs.delete(job.getJobId());
    return Map.of();
  }

  private RunNowResponse runNow(ApiRequest r) {
    RunNow req = r.bodyAs(RunNow.class);
    Job job = allowed(r, req.getJobId(), PermissionLevel.CAN_MANAGE_RUN);
    JobRun jr =
        launcher.runNow(
            job.getJobId(),
            req.getJobParameters(),
            user(r),
            req.getIdempotencyToken(),
            req.getQueue() == null ? null : req.getQueue().getEnabled());
    return new RunNowResponse().setRunId(jr.id()).setNumberInJob(jr.id());
  }

  private Job visible(ApiRequest r, Long id) {
    return allowed(r, id, PermissionLevel.CAN_VIEW);
  }

  /** The job, when the caller holds CAN_MANAGE (or IS_OWNER) on it; refused otherwise. */
  Job managed(ApiRequest r, Long id) {
    return allowed(r, id, PermissionLevel.CAN_MANAGE);
  }

  /** The job, when the caller holds {@code needed} or more on it; refused otherwise. */
  private Job allowed(ApiRequest r, Long id, PermissionLevel needed) {
    if (id == null) {
      throw ApiException.invalid("Missing required field: job_id");
    }
    Job job = jobs.get(id);
    if (!holds(r.principal(), id, needed)) {
      String what =
          switch (needed) {
            case CAN_VIEW -> "view";
            case CAN_MANAGE_RUN -> "run";
            default -> "manage";
          };
      throw ApiException.denied(
          "User " + user(r) + " does not have permission to " + what + " job " + id + ".");
    }
    return job;
  }

  /** Whether the principal holds {@code needed} or more on the job. */
  boolean holds(Principal p, long jobId, PermissionLevel needed) {
    return acls.has(p, AclObjectType.JOBS, Long.toString(jobId), needed);
  }

  static String user(ApiRequest r) {
    return r.principal().userName();
  }

  static Long longParam(ApiRequest r, String name) {
    return r.queryParam(name)
        .map(
            v -> {
              try {
                return Long.parseLong(v);
              } catch (NumberFormatException e) {
                throw ApiException.invalid("Invalid value for " + name + ": " + v);
              }
            })
        .orElse(null);
  }
}
