package dev.databricksmcp.sandbox.mlflow;

import com.databricks.sdk.service.ml.CreateExperiment;
import com.databricks.sdk.service.ml.CreateExperimentResponse;
import com.databricks.sdk.service.ml.DeleteExperiment;
import com.databricks.sdk.service.ml.Experiment;
import com.databricks.sdk.service.ml.GetExperimentByNameResponse;
import com.databricks.sdk.service.ml.GetExperimentResponse;
import com.databricks.sdk.service.ml.RestoreExperiment;
import com.databricks.sdk.service.ml.SearchExperiments;
import com.databricks.sdk.service.ml.SearchExperimentsResponse;
import com.databricks.sdk.service.ml.SetExperimentTag;
import com.databricks.sdk.service.ml.UpdateExperiment;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.PageTokens;
import dev.databricksmcp.sandbox.http.Router;
import java.util.List;
import java.util.Map;

/**
 * The MLflow experiments API 2.0 as Databricks serves it
 * (https://docs.databricks.com/api/workspace/experiments): create, get, get-by-name, search,
 * delete, restore, update (rename), set-experiment-tag; the run routes are {@link RunsApi}'s.
 */
final class ExperimentsApi implements ApiModule {
  static final String BASE = "/api/2.0/mlflow";

  /** search-experiments.md: "Max threshold is 3000"; MLflow's default page is 1000. */
  static final int MAX_EXPERIMENTS = 3000;

  static final int DEFAULT_EXPERIMENTS = 1000;

  private final MlflowTracking tracking;
  private final RunsApi runs;

  ExperimentsApi(MlflowTracking tracking) {
    this.tracking = tracking;
    this.runs = new RunsApi(tracking);
  }

  @Override
  public void register(Router router) {
    router.post(BASE + "/experiments/create", this::create);
    router.get(
        BASE + "/experiments/get",
        r ->
            new GetExperimentResponse()
                .setExperiment(tracking.experiment(r.queryParam("experiment_id").orElse(null))));
    router.get(
        BASE + "/experiments/get-by-name",
        r ->
            new GetExperimentByNameResponse()
                .setExperiment(
                    tracking.experimentByName(r.queryParam("experiment_name").orElse(null))));
    router.post(BASE + "/experiments/search", this::search);
    router.post(
        BASE + "/experiments/delete",
        r -> {
          tracking.deleteExperiment(
              r.bodyAs(DeleteExperiment.class).getExperimentId(), r.principal(), now());
          return Map.of();
        });
    router.post(
        BASE + "/experiments/restore",
        r -> {
          tracking.restoreExperiment(
              r.bodyAs(RestoreExperiment.class).getExperimentId(), r.principal(), now());
          return Map.of();
        });
    router.post(
        BASE + "/experiments/update",
        r -> {
          UpdateExperiment u = r.bodyAs(UpdateExperiment.class);
          tracking.renameExperiment(u.getExperimentId(), u.getNewName(), r.principal(), now());
          return Map.of();
        });
    router.post(
        BASE + "/experiments/set-experiment-tag",
        r -> {
          SetExperimentTag t = r.bodyAs(SetExperimentTag.class);
          tracking.setExperimentTag(t.getExperimentId(), t.getKey(), t.getValue(), r.principal());
          return Map.of();
        });
    runs.register(router);
  }

  private CreateExperimentResponse create(ApiRequest r) {
    CreateExperiment c = r.bodyAs(CreateExperiment.class);
    return new CreateExperimentResponse()
        .setExperimentId(
            tracking.createExperiment(
                c.getName(),
                c.getArtifactLocation(),
                c.getTags() == null ? List.of() : List.copyOf(c.getTags()),
                r.principal().userName(),
                now()));
  }

  private SearchExperimentsResponse search(ApiRequest r) {
    SearchExperiments s = r.bodyAs(SearchExperiments.class);
    int size = RunsApi.pageSize(s.getMaxResults(), DEFAULT_EXPERIMENTS, MAX_EXPERIMENTS);
    List<Experiment> all =
        tracking.experiments(s.getViewType()).stream()
            .filter(ExperimentSearch.filter(s.getFilter()))
            .sorted(
                ExperimentSearch.order(
                    s.getOrderBy() == null ? List.of() : List.copyOf(s.getOrderBy())))
            .toList();
    int from = Math.min(RunsApi.offset(s.getPageToken()), all.size());
    int to = Math.min(all.size(), from + size);
    return new SearchExperimentsResponse()
        .setExperiments(all.subList(from, to))
        .setNextPageToken(to < all.size() ? PageTokens.of(to) : null);
  }

  static long now() {
    return System.currentTimeMillis();
  }
}
