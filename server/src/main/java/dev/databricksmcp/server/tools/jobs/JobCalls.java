package dev.databricksmcp.server.tools.jobs;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.jobs.BaseJob;
import com.databricks.sdk.service.jobs.BaseRun;
import com.databricks.sdk.service.jobs.GetJobRequest;
import com.databricks.sdk.service.jobs.Job;
import com.databricks.sdk.service.jobs.ListJobsRequest;
import com.databricks.sdk.service.jobs.ListJobsResponse;
import com.databricks.sdk.service.jobs.ListRunsRequest;
import com.databricks.sdk.service.jobs.ListRunsResponse;
import dev.databricksmcp.server.core.ErrorCode;
import dev.databricksmcp.server.core.ToolException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Calls of the Jobs API as the job tools make them: a job named by id or by its exact name is
 * resolved to its id (the API's own {@code name} filter: exact, any case).
 */
final class JobCalls {
  private static final Pattern JOB_ID = Pattern.compile("\\d{1,19}");

  /** Pages of jobs read to find every job of one name. */
  private static final int MAX_NAME_PAGES = 20;

  private JobCalls() {}

  /**
   * The id of the job the call names: digits are an id; otherwise the one job of that name. No job
   * of that name is NOT_FOUND, several a VALIDATION_ERROR listing their ids.
   */
  static long resolve(WorkspaceClient w, String field, String idOrName) {
    String value = idOrName.strip();
    if (JOB_ID.matcher(value).matches()) {
      return Long.parseLong(value);
    }
    List<BaseJob> named = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      ListJobsResponse page =
          w.jobs()
              .impl()
              .list(new ListJobsRequest().setName(value).setLimit(100L).setPageToken(token));
      if (page.getJobs() != null) {
        named.addAll(page.getJobs());
      }
      token = page.getNextPageToken();
    } while (token != null && !token.isEmpty() && ++pages < MAX_NAME_PAGES);
    if (named.isEmpty()) {
      throw new ToolException(
          ErrorCode.NOT_FOUND,
          "No job is named '"
              + value
              + "'; list_jobs with name_contains finds jobs by part of"
              + " their name.",
          Map.of("field", field));
    }
    if (named.size() > 1) {
      throw ToolException.validation(
          field,
          "several jobs are named '"
              + value
              + "': "
              + named.stream()
                  .map(j -> String.valueOf(j.getJobId()))
                  .collect(Collectors.joining(", "))
              + "; give the job id");
    }
    return named.get(0).getJobId();
  }

  static Job get(WorkspaceClient w, long jobId) {
    return w.jobs().get(new GetJobRequest().setJobId(jobId));
  }

  /** The job's runs not yet ended (at most one page of them), to say what a change affects. */
  static Collection<BaseRun> activeRuns(WorkspaceClient w, long jobId) {
    ListRunsResponse r =
        w.jobs()
            .impl()
            .listRuns(new ListRunsRequest().setJobId(jobId).setActiveOnly(true).setLimit(25L));
    return r.getRuns() == null ? List.of() : r.getRuns();
  }
}
