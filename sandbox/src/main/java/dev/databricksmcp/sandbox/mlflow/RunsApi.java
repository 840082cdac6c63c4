package dev.databricksmcp.sandbox.mlflow;

import com.databricks.sdk.service.ml.CreateRun;
import com.databricks.sdk.service.ml.CreateRunResponse;
import com.databricks.sdk.service.ml.DeleteRun;
import com.databricks.sdk.service.ml.DeleteTag;
import com.databricks.sdk.service.ml.GetMetricHistoryResponse;
import com.databricks.sdk.service.ml.GetRunResponse;
import com.databricks.sdk.service.ml.LogBatch;
import com.databricks.sdk.service.ml.LogMetric;
import com.databricks.sdk.service.ml.LogParam;
import com.databricks.sdk.service.ml.Metric;
import com.databricks.sdk.service.ml.Param;
import com.databricks.sdk.service.ml.RestoreRun;
import com.databricks.sdk.service.ml.Run;
import com.databricks.sdk.service.ml.RunInfoStatus;
import com.databricks.sdk.service.ml.RunTag;
import com.databricks.sdk.service.ml.SearchRuns;
import com.databricks.sdk.service.ml.SearchRunsResponse;
import com.databricks.sdk.service.ml.SetTag;
import com.databricks.sdk.service.ml.UpdateRun;
import com.databricks.sdk.service.ml.UpdateRunResponse;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.PageTokens;
import dev.databricksmcp.sandbox.http.Router;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MLflow runs API 2.0 (https://docs.databricks.com/api/workspace/experiments): create, get,
 * search (filter, order_by, paged), update, delete, restore, log-metric, log-parameter, set-tag,
 * delete-tag, log-batch; metrics/get-history (paged) and artifacts/list (the run's listing).
 */
final class RunsApi {
  private static final String BASE = ExperimentsApi.BASE;

  /** search-runs.md: max_results "Max threshold is 50000", default 1000. */
  static final int MAX_RUNS = 50_000;

  static final int DEFAULT_RUNS = 1000;

  /** get-history: 25,000 metric values a page by default and at most (MLflow's limit). */
  static final int MAX_HISTORY = 25_000;

  /** The artifacts listing answers this many files a page (the reference names no size). */
  static final int ARTIFACT_PAGE = 1000;

  private final MlflowTracking tracking;

  RunsApi(MlflowTracking tracking) {
    this.tracking = tracking;
  }

  void register(Router router) {
    router.post(BASE + "/runs/create", this::create);
    router.get(
        BASE + "/runs/get",
        r -> new GetRunResponse().setRun(tracking.runView(r.queryParam("run_id").orElse(null))));
    router.post(BASE + "/runs/search", this::search);
    router.post(BASE + "/runs/update", this::update);
    router.post(
        BASE + "/runs/delete",
        r -> {
          tracking.setRunLifecycle(
              r.bodyAs(DeleteRun.class).getRunId(), MlflowTracking.DELETED, r.principal());
          return Map.of();
        });
    router.post(
        BASE + "/runs/restore",
        r -> {
          tracking.setRunLifecycle(
              r.bodyAs(RestoreRun.class).getRunId(), MlflowTracking.ACTIVE, r.principal());
          return Map.of();
        });
    router.post(
        BASE + "/runs/log-metric",
        r -> {
          LogMetric m = r.bodyAs(LogMetric.class);
          tracking.log(
              m.getRunId(),
              List.of(
                  new Metric()
                      .setKey(m.getKey())
                      .setValue(m.getValue())
                      .setTimestamp(m.getTimestamp())
                      .setStep(m.getStep())),
              Map.of(),
              Map.of(),
              r.principal());
          return Map.of();
        });
    router.post(
        BASE + "/runs/log-parameter",
        r -> {
          LogParam p = r.bodyAs(LogParam.class);
          tracking.log(
              p.getRunId(), List.of(), one(p.getKey(), p.getValue()), Map.of(), r.principal());
          return Map.of();
        });
    router.post(
        BASE + "/runs/set-tag",
        r -> {
          SetTag t = r.bodyAs(SetTag.class);
          tracking.log(
              t.getRunId(), List.of(), Map.of(), one(t.getKey(), t.getValue()), r.principal());
          return Map.of();
        });
    router.post(
        BASE + "/runs/delete-tag",
        r -> {
          DeleteTag t = r.bodyAs(DeleteTag.class);
          tracking.deleteTag(t.getRunId(), t.getKey(), r.principal());
          return Map.of();
        });
    router.post(BASE + "/runs/log-batch", this::logBatch);
    router.get(BASE + "/metrics/get-history", this::history);
    router.get(BASE + "/artifacts/list", this::artifacts);
  }

  private CreateRunResponse create(ApiRequest r) {
    CreateRun c = r.bodyAs(CreateRun.class);
    Map<String, String> tags = new LinkedHashMap<>();
    if (c.getTags() != null) {
      for (RunTag t : c.getTags()) {
        tags.put(MlflowChecks.key(t.getKey()), t.getValue());
      }
    }
    String id =
        tracking
            .createRun(c.getExperimentId(), c.getRunName(), c.getStartTime(), tags, r.principal())
            .info
            .getRunId();
    return new CreateRunResponse().setRun(tracking.runView(id));
  }

  private SearchRunsResponse search(ApiRequest r) {
    SearchRuns s = r.bodyAs(SearchRuns.class);
    int size = pageSize(s.getMaxResults(), DEFAULT_RUNS, MAX_RUNS);
    Collection<String> ids = s.getExperimentIds() == null ? List.of() : s.getExperimentIds();
    RunFilter filter = RunFilter.of(s.getFilter());
    List<Run> all =
        tracking.search(
            ids,
            filter,
            RunOrder.of(s.getOrderBy() == null ? List.of() : List.copyOf(s.getOrderBy())),
            s.getRunViewType());
    int from = Math.min(offset(s.getPageToken()), all.size());
    int to = Math.min(all.size(), from + size);
    return new SearchRunsResponse()
        .setRuns(all.subList(from, to))
        .setNextPageToken(to < all.size() ? PageTokens.of(to) : null);
  }

  private UpdateRunResponse update(ApiRequest r) {
    UpdateRun u = r.bodyAs(UpdateRun.class);
    String id = u.getRunId() != null ? u.getRunId() : u.getRunUuid();
    RunInfoStatus status =
        u.getStatus() == null ? null : RunInfoStatus.valueOf(u.getStatus().name());
    return new UpdateRunResponse()
        .setRunInfo(tracking.updateRun(id, status, u.getEndTime(), u.getRunName(), r.principal()));
  }

  private Map<String, Object> logBatch(ApiRequest r) {
    LogBatch b = r.bodyAs(LogBatch.class);
    Map<String, String> params = new LinkedHashMap<>();
    if (b.getParams() != null) {
      for (Param p : b.getParams()) {
        String before = params.putIfAbsent(MlflowChecks.key(p.getKey()), p.getValue());
        if (before != null && !before.equals(p.getValue())) {
          throw ApiException.invalid(
              "Duplicate parameter keys have been submitted: " + p.getKey() + ".");
        }
      }
    }
    Map<String, String> tags = new LinkedHashMap<>();
    if (b.getTags() != null) {
      for (RunTag t : b.getTags()) {
        tags.put(MlflowChecks.key(t.getKey()), t.getValue());
      }
    }
    tracking.log(
        b.getRunId(),
        b.getMetrics() == null ? List.of() : List.copyOf(b.getMetrics()),
        params,
        tags,
        r.principal());
    return Map.of();
  }

  private GetMetricHistoryResponse history(ApiRequest r) {
    String runId = r.queryParam("run_id").or(() -> r.queryParam("run_uuid")).orElse(null);
    List<Metric> all = tracking.history(runId, r.queryParam("metric_key").orElse(null));
    Integer max = r.intParam("max_results").orElse(null);
    int size = pageSize(max == null ? null : max.longValue(), MAX_HISTORY, MAX_HISTORY);
    int from = Math.min(offset(r.queryParam("page_token").orElse(null)), all.size());
    int to = Math.min(all.size(), from + size);
    return new GetMetricHistoryResponse()
        .setMetrics(all.subList(from, to))
        .setNextPageToken(to < all.size() ? PageTokens.of(to) : null);
  }

  private Map<String, Object> artifacts(ApiRequest r) {
    String runId = r.queryParam("run_id").or(() -> r.queryParam("run_uuid")).orElse(null);
    String path = r.queryParam("path").orElse("");
    ArtifactListing.Page page =
        ArtifactListing.list(
            tracking, runId, path, offset(r.queryParam("page_token").orElse(null)), ARTIFACT_PAGE);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("root_uri", page.rootUri());
    out.put("files", page.files());
    if (page.nextOffset() != null) {
      out.put("next_page_token", PageTokens.of(page.nextOffset()));
    }
    return out;
  }

  private static Map<String, String> one(String key, String value) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(key, value);
    return m;
  }

  /** The page size of max_results: the default when absent, refused above the limit or below 1. */
  static int pageSize(Long maxResults, int defaultSize, int limit) {
    if (maxResults == null || maxResults == 0) {
      return defaultSize;
    }
    if (maxResults < 0 || maxResults > limit) {
      throw ApiException.invalid(
          "Invalid value "
              + maxResults
              + " for parameter 'max_results' supplied. It must be at most "
              + limit
              + ".");
    }
    return maxResults.intValue();
  }

  static int offset(String token) {
    return token == null || token.isEmpty() ? 0 : PageTokens.offset(token);
  }
}
