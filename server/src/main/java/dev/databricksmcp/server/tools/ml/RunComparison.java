package dev.databricksmcp.server.tools.ml;

import static dev.databricksmcp.server.tools.ml.MlflowParams.METRICS;
import static dev.databricksmcp.server.tools.ml.MlflowParams.PARAMS;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.ml.GetRunRequest;
import com.databricks.sdk.service.ml.Run;
import dev.databricksmcp.server.core.Names;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * compare_runs: a small table of chosen metrics and params across 2-10 runs. The best run per
 * metric is marked only for the metrics the caller says are better higher or lower: the direction
 * of a metric is not guessed from its name.
 */
final class RunComparison {
  private static final Param<List<String>> RUN_IDS =
      Param.stringList("run_ids", "2 to 10 MLflow run ids (from search_runs)").required();

  private static final Param<List<String>> HIGHER =
      Param.stringList(
          "higher_is_better", "Metrics where the highest value wins, e.g. [\"auc\"]: marked best");

  private static final Param<List<String>> LOWER =
      Param.stringList(
          "lower_is_better", "Metrics where the lowest value wins, e.g. [\"rmse\"]: marked best");

  private RunComparison() {}

  static ToolDef tool() {
    return ToolDef.builder(MlToolset.ID, "compare_runs")
        .title("Compare MLflow runs")
        .description(
            "A table of 2-10 runs side by side: one row per run (run_id, run_name, status, then"
                + " the chosen metrics and params; by default the metrics and params every run"
                + " has). Name metrics in higher_is_better / lower_is_better to get best: the"
                + " winning run per metric.")
        .input(Schema.of(RUN_IDS, METRICS, PARAMS, HIGHER, LOWER))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              List<String> ids = RUN_IDS.of(args);
              if (ids.size() < 2 || ids.size() > 10) {
                throw ToolException.validation(RUN_IDS.name(), "give 2 to 10 run ids");
              }
              WorkspaceClient w = ctx.workspace();
              List<Run> runs = new ArrayList<>();
              for (String id : new LinkedHashSet<>(ids)) {
                Names.id(RUN_IDS.name(), id);
                runs.add(w.experiments().getRun(new GetRunRequest().setRunId(id)).getRun());
              }
              List<String> metrics = METRICS.optional(args).orElseGet(() -> shared(runs, true));
              List<String> params = PARAMS.optional(args).orElseGet(() -> shared(runs, false));
              List<Object> rows = new ArrayList<>();
              for (Run r : runs) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("run_id", r.getInfo().getRunId());
                row.put("run_name", r.getInfo().getRunName());
                row.put("status", r.getInfo().getStatus().name());
                row.put("metrics", MlflowRows.pick(MlflowRows.metrics(r), metrics));
                row.put("params", MlflowRows.pick(MlflowRows.params(r), params));
                rows.add(row);
              }
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("metrics", metrics);
              data.put("params", params);
              data.put("items", rows);
              Map<String, Object> best = new LinkedHashMap<>();
              for (String m : HIGHER.optional(args).orElse(List.of())) {
                best(runs, m, true).ifPresent(id -> best.put(m, id));
              }
              for (String m : LOWER.optional(args).orElse(List.of())) {
                best(runs, m, false).ifPresent(id -> best.put(m, id));
              }
              if (!best.isEmpty()) {
                data.put("best", best);
              }
              return ToolResult.list(
                  data,
                  rows.size(),
                  "Compared "
                      + rows.size()
                      + " runs on "
                      + metrics.size()
                      + " metrics and "
                      + params.size()
                      + " params"
                      + (best.isEmpty() ? "." : "; best (run_id) per metric in data.best."));
            })
        .build();
  }

  /** The keys every run has, in sorted order. */
  private static List<String> shared(List<Run> runs, boolean metrics) {
    Set<String> keys = null;
    for (Run r : runs) {
      Set<String> own = metrics ? MlflowRows.metrics(r).keySet() : MlflowRows.params(r).keySet();
      if (keys == null) {
        keys = new java.util.TreeSet<>(own);
      } else {
        keys.retainAll(own);
      }
    }
    return keys == null ? List.of() : List.copyOf(keys);
  }

  private static java.util.Optional<String> best(List<Run> runs, String metric, boolean higher) {
    String bestId = null;
    Double bestValue = null;
    for (Run r : runs) {
      Double v = MlflowRows.metrics(r).get(metric);
      if (v != null && (bestValue == null || (higher ? v > bestValue : v < bestValue))) {
        bestValue = v;
        bestId = r.getInfo().getRunId();
      }
    }
    return java.util.Optional.ofNullable(bestId);
  }
}
