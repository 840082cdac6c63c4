package dev.databricksmcp.server.tools.ml;

import static dev.databricksmcp.server.tools.ml.MlflowParams.METRICS;
import static dev.databricksmcp.server.tools.ml.MlflowParams.PARAMS;
import static dev.databricksmcp.server.tools.ml.MlflowParams.RUN_ID;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.service.ml.FileInfo;
import com.databricks.sdk.service.ml.GetHistoryRequest;
import com.databricks.sdk.service.ml.GetMetricHistoryResponse;
import com.databricks.sdk.service.ml.GetRunRequest;
import com.databricks.sdk.service.ml.ListArtifactsRequest;
import com.databricks.sdk.service.ml.ListArtifactsResponse;
import com.databricks.sdk.service.ml.Metric;
import com.databricks.sdk.service.ml.Run;
import com.databricks.sdk.service.ml.SearchRuns;
import com.databricks.sdk.service.ml.SearchRunsResponse;
import dev.databricksmcp.server.core.Counted;
import dev.databricksmcp.server.core.Pages;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Params;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.Times;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** MLflow runs: search, get, a metric's history, the artifacts listing. */
final class MlflowRunTools {
  private static final Param<List<String>> EXPERIMENTS =
      Param.stringList(
              "experiments",
              "Experiments to search, each an id or a name (workspace path), e.g."
                  + " [\"/Shared/sandbox/churn-model\"]")
          .required();

  private static final Param<String> FILTER =
      Param.string(
          "filter",
          "MLflow search filter: clauses joined by 'and' (no 'or'), e.g. \"metrics.auc > 0.8 and"
              + " params.alpha = '0.5'\", \"attributes.status = 'FINISHED'\","
              + " \"tags.mlflow.runName LIKE 'xgb%'\"; params and tags compare quoted strings");

  private static final Param<List<String>> ORDER_BY =
      Param.stringList(
          "order_by",
          "Sort keys, e.g. [\"metrics.auc DESC\"] (ties and the default: newest start first)");

  private static final Param<Integer> MAX_RUNS = Params.maxResults(25, 1000);

  private static final Param<Boolean> DETAIL =
      Param.bool("detail", "Show tags, including MLflow's own mlflow.* ones").withDefault(false);

  private static final Param<String> METRIC_KEY =
      Param.string("metric_key", "Metric key, e.g. auc").required();

  private static final Param<Integer> MAX_POINTS =
      Param.integer(
              "max_points",
              "Most points returned ({min}-{max}, default {default}); a longer history is evenly"
                  + " downsampled, first and last point kept")
          .range(2, 1000)
          .withDefault(100);

  private static final Param<String> PATH =
      Param.string("path", "Directory under the run's artifact root (default: the root)");

  /** How many metric values get_metric_history reads at most. */
  static final int HISTORY_READ_LIMIT = 25_000;

  private MlflowRunTools() {}

  static List<ToolDef> definitions() {
    return List.of(search(), get(), history(), artifacts());
  }

  static ToolDef search() {
    return ToolDef.builder(MlToolset.ID, "search_runs")
        .title("Search MLflow runs")
        .description(
            "Runs of one or more experiments, filtered and ranked as asked (e.g. best first with"
                + " order_by [\"metrics.auc DESC\"]): run_id, run_name, status, started_at,"
                + " duration_ms, metrics (all, or those in `metrics`) and params (only those in"
                + " `params`). Paged: next_page_token when more runs match.")
        .input(
            Schema.of(EXPERIMENTS, FILTER, ORDER_BY, METRICS, PARAMS, MAX_RUNS, Params.PAGE_TOKEN))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              WorkspaceClient w = ctx.workspace();
              List<String> ids = new ArrayList<>();
              for (String e : EXPERIMENTS.of(args)) {
                ids.add(MlflowParams.experiment(w, e, EXPERIMENTS.name()).getExperimentId());
              }
              if (ids.isEmpty()) {
                throw ToolException.validation(EXPERIMENTS.name(), "give at least one experiment");
              }
              SearchRuns req =
                  new SearchRuns()
                      .setExperimentIds(ids)
                      .setMaxResults((long) MAX_RUNS.of(args))
                      .setPageToken(Params.PAGE_TOKEN.of(args));
              FILTER.optional(args).ifPresent(req::setFilter);
              ORDER_BY.optional(args).ifPresent(req::setOrderBy);
              SearchRunsResponse r;
              try {
                r = w.experiments().impl().searchRuns(req);
              } catch (InvalidParameterValue e) {
                // the API's own words on the filter or order_by it could not read
                String field =
                    String.valueOf(e.getMessage()).contains("order_by")
                        ? ORDER_BY.name()
                        : FILTER.name();
                throw ToolException.validation(field, e.getMessage());
              }
              List<String> metrics = METRICS.optional(args).orElse(List.of());
              List<String> params = PARAMS.optional(args).orElse(List.of());
              List<Object> rows = new ArrayList<>();
              for (Run run : r.getRuns() == null ? List.<Run>of() : r.getRuns()) {
                rows.add(MlflowRows.run(run, metrics, params));
              }
              return Pages.page("runs", rows, r.getNextPageToken());
            })
        .build();
  }

  static ToolDef get() {
    return ToolDef.builder(MlToolset.ID, "get_mlflow_run")
        .title("Get MLflow run")
        .description(
            "One MLflow run (named get_mlflow_run: get_job_run is a Jobs run): status, times,"
                + " experiment, params, latest metrics, tags (MLflow's own mlflow.* tags only with"
                + " detail=true), artifact_uri.")
        .input(Schema.of(RUN_ID, DETAIL))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              Run r =
                  ctx.workspace()
                      .experiments()
                      .getRun(new GetRunRequest().setRunId(RUN_ID.of(args)))
                      .getRun();
              Map<String, Object> row = MlflowRows.runHead(r.getInfo());
              row.put("experiment_id", r.getInfo().getExperimentId());
              row.put("ended_at", Times.iso(r.getInfo().getEndTime()));
              row.put("user", r.getInfo().getUserId());
              row.put("lifecycle_stage", r.getInfo().getLifecycleStage());
              row.put("params", MlflowRows.params(r));
              row.put("metrics", MlflowRows.metrics(r));
              row.put("tags", MlflowRows.tags(r, DETAIL.of(args)));
              row.put("artifact_uri", r.getInfo().getArtifactUri());
              return ToolResult.of(
                  row,
                  "Run "
                      + r.getInfo().getRunName()
                      + " ("
                      + r.getInfo().getRunId()
                      + ") "
                      + r.getInfo().getStatus()
                      + " with "
                      + Counted.of(MlflowRows.metrics(r).size(), "metric", "metrics")
                      + " and "
                      + Counted.of(MlflowRows.params(r).size(), "param", "params")
                      + ".");
            })
        .build();
  }

  static ToolDef history() {
    return ToolDef.builder(MlToolset.ID, "get_metric_history")
        .title("Get MLflow metric history")
        .description(
            "Every value a run logged for one metric, by step: step, value, logged_at. Up to"
                + " max_points points; a longer history is evenly downsampled (the message says so"
                + " and how many there were).")
        .input(Schema.of(RUN_ID, METRIC_KEY, MAX_POINTS))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              WorkspaceClient w = ctx.workspace();
              String run = RUN_ID.of(args);
              String key = METRIC_KEY.of(args);
              List<Metric> all = new ArrayList<>();
              String token = null;
              boolean capped = false;
              do {
                GetMetricHistoryResponse page =
                    w.experiments()
                        .impl()
                        .getHistory(
                            new GetHistoryRequest()
                                .setRunId(run)
                                .setMetricKey(key)
                                .setPageToken(token));
                if (page.getMetrics() != null) {
                  all.addAll(page.getMetrics());
                }
                token = page.getNextPageToken();
                capped = all.size() >= HISTORY_READ_LIMIT && token != null && !token.isEmpty();
              } while (token != null && !token.isEmpty() && !capped);
              all.sort(
                  (a, b) ->
                      Long.compare(
                          a.getStep() == null ? 0 : a.getStep(),
                          b.getStep() == null ? 0 : b.getStep()));
              List<Metric> shown = downsample(all, MAX_POINTS.of(args));
              List<Object> points = new ArrayList<>();
              for (Metric m : shown) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("step", m.getStep());
                p.put("value", m.getValue());
                p.put("logged_at", Times.iso(m.getTimestamp()));
                points.add(p);
              }
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("run_id", run);
              data.put("metric_key", key);
              data.put("items", points);
              String said =
                  Counted.of(all.size(), "value", "values") + " of " + key + " in run " + run;
              if (shown.size() < all.size()) {
                data.put("downsampled", true);
                said += "; showing " + shown.size() + " evenly spaced (first and last kept)";
              }
              if (capped) {
                data.put("truncated", true);
                said += "; only the first " + HISTORY_READ_LIMIT + " values were read";
              }
              if (all.isEmpty()) {
                said += ": the run logged no such metric (get_mlflow_run lists its metrics)";
              }
              return ToolResult.list(data, points.size(), said + ".");
            })
        .build();
  }

  /** At most {@code max} points, evenly spaced, the first and the last kept. */
  static List<Metric> downsample(List<Metric> all, int max) {
    if (all.size() <= max) {
      return all;
    }
    List<Metric> out = new ArrayList<>(max);
    for (int i = 0; i < max; i++) {
      out.add(all.get((int) Math.round(i * (all.size() - 1) / (double) (max - 1))));
    }
    return out;
  }

  static ToolDef artifacts() {
    return ToolDef.builder(MlToolset.ID, "list_run_artifacts")
        .title("List MLflow run artifacts")
        .description(
            "Files and directories a run logged, directly under `path` of its artifact root:"
                + " path, is_dir, file_size. Call again with a directory's path to go down.")
        .input(Schema.of(RUN_ID, PATH, Params.PAGE_TOKEN))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              ListArtifactsRequest req =
                  new ListArtifactsRequest()
                      .setRunId(RUN_ID.of(args))
                      .setPageToken(Params.PAGE_TOKEN.of(args));
              PATH.optional(args).ifPresent(req::setPath);
              ListArtifactsResponse r = ctx.workspace().experiments().impl().listArtifacts(req);
              List<Object> rows = new ArrayList<>();
              for (FileInfo f : r.getFiles() == null ? List.<FileInfo>of() : r.getFiles()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("path", f.getPath());
                row.put("is_dir", Boolean.TRUE.equals(f.getIsDir()));
                if (f.getFileSize() != null) {
                  row.put("file_size", f.getFileSize());
                }
                rows.add(row);
              }
              return Pages.page("artifacts", rows, r.getNextPageToken());
            })
        .build();
  }
}
