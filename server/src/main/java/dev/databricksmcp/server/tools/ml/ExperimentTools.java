package dev.databricksmcp.server.tools.ml;

import static dev.databricksmcp.server.tools.ml.MlflowParams.EXPERIMENT;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.ml.CreateExperiment;
import com.databricks.sdk.service.ml.DeleteExperiment;
import com.databricks.sdk.service.ml.Experiment;
import com.databricks.sdk.service.ml.SearchExperiments;
import com.databricks.sdk.service.ml.SearchExperimentsResponse;
import com.databricks.sdk.service.ml.SearchRuns;
import com.databricks.sdk.service.ml.SearchRunsResponse;
import dev.databricksmcp.server.core.ConfirmationTarget;
import dev.databricksmcp.server.core.Counted;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.patterns.Deletion;
import dev.databricksmcp.server.core.patterns.Listing;
import dev.databricksmcp.server.core.patterns.Lookup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** MLflow experiments: list (search), get, create, delete. */
final class ExperimentTools {
  private static final Param<String> NAME_CONTAINS =
      Param.string("name_contains", "Only experiments whose name contains this text (any case)");

  private static final Param<String> NAME =
      Param.string(
              "name",
              "Experiment name: an absolute workspace path, e.g. /Users/me@example.com/churn")
          .required();

  private static final Param<String> ARTIFACT_LOCATION =
      Param.string(
          "artifact_location",
          "Where the runs' artifacts go (default: Databricks chooses"
              + " dbfs:/databricks/mlflow-tracking/<experiment_id>)");

  private ExperimentTools() {}

  static List<ToolDef> definitions() {
    return List.of(list(), get(), create(), delete());
  }

  static ToolDef list() {
    Listing<Experiment> listing =
        Listing.<Experiment>of(
                "experiments",
                (page, args, ctx) -> {
                  SearchExperiments req =
                      new SearchExperiments()
                          .setMaxResults((long) page.maxResults())
                          .setPageToken(page.pageToken())
                          .setOrderBy(List.of("last_update_time DESC"));
                  NAME_CONTAINS
                      .optional(args)
                      .ifPresent(t -> req.setFilter("name ILIKE '%" + t.replace("'", "''") + "%'"));
                  SearchExperimentsResponse r =
                      ctx.workspace().experiments().impl().searchExperiments(req);
                  return Listing.Page.of(r.getExperiments(), r.getNextPageToken());
                })
            .params(NAME_CONTAINS)
            .compact(MlflowRows::experiment, MlflowRows::experimentDetail);
    return ToolDef.builder(MlToolset.ID, "list_experiments")
        .title("List MLflow experiments")
        .description(
            "MLflow experiments you can see, most recently updated first: experiment_id, name"
                + " (a workspace path), lifecycle_stage, updated_at. name_contains narrows by"
                + " name; detail=true adds creation time, artifact location and tags. The run"
                + " count is in get_experiment.")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  static ToolDef get() {
    Lookup<Map<String, Object>> lookup =
        Lookup.of(
            EXPERIMENT,
            (key, ctx) -> {
              WorkspaceClient w = ctx.workspace();
              Experiment e = MlflowParams.experiment(w, key, EXPERIMENT.name());
              Map<String, Object> row = MlflowRows.experimentDetail(e);
              row.put("run_count", runCount(w, e.getExperimentId()));
              return row;
            },
            row ->
                "Experiment "
                    + row.get("name")
                    + " ("
                    + row.get("experiment_id")
                    + ") is "
                    + row.get("lifecycle_stage")
                    + " with "
                    + Counted.of((Long) row.get("run_count"), "run", "runs")
                    + ". search_runs finds its best runs.");
    return ToolDef.builder(MlToolset.ID, "get_experiment")
        .title("Get MLflow experiment")
        .description(
            "One MLflow experiment by id or name: the fields of list_experiments, creation time,"
                + " artifact location, tags and how many active runs it has.")
        .input(lookup.input())
        .hints(ToolHints.read())
        .handler(lookup)
        .build();
  }

  /** Active runs of an experiment, counted a page of 1000 at a time (ids only are read). */
  static long runCount(WorkspaceClient w, String experimentId) {
    long count = 0;
    String token = null;
    do {
      SearchRunsResponse page =
          w.experiments()
              .impl()
              .searchRuns(
                  new SearchRuns()
                      .setExperimentIds(List.of(experimentId))
                      .setMaxResults(1000L)
                      .setPageToken(token));
      count += page.getRuns() == null ? 0 : page.getRuns().size();
      token = page.getNextPageToken();
    } while (token != null && !token.isEmpty());
    return count;
  }

  static ToolDef create() {
    return ToolDef.builder(MlToolset.ID, "create_experiment")
        .title("Create MLflow experiment")
        .description(
            "Create an MLflow experiment at a workspace path (e.g. /Users/me@example.com/churn);"
                + " runs are then logged to it. A name already taken is ALREADY_EXISTS.")
        .input(Schema.of(NAME, ARTIFACT_LOCATION))
        .hints(ToolHints.write(false))
        .checkWith("get_experiment")
        .handler(
            (args, ctx) -> {
              String name = NAME.of(args).trim();
              if (!name.startsWith("/")) {
                throw ToolException.validation(
                    NAME.name(),
                    "an experiment name is an absolute workspace path, e.g. /Shared/x");
              }
              CreateExperiment req = new CreateExperiment().setName(name);
              ARTIFACT_LOCATION.optional(args).ifPresent(req::setArtifactLocation);
              String id = ctx.workspace().experiments().createExperiment(req).getExperimentId();
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("experiment_id", id);
              data.put("name", name);
              return ToolResult.of(
                  data,
                  "Created experiment " + name + " (" + id + "). Log runs to it with MLflow.");
            })
        .build();
  }

  /** An experiment and how many active runs it holds, resolved once for confirm and act. */
  private record Doomed(Experiment experiment, long runs) {}

  static ToolDef delete() {
    Deletion<Doomed> deletion =
        Deletion.of(
            (args, ctx) -> {
              WorkspaceClient w = ctx.workspace();
              Experiment e = MlflowParams.experiment(w, EXPERIMENT.of(args), EXPERIMENT.name());
              if (!"active".equals(e.getLifecycleStage())) {
                throw ToolException.validation(
                    EXPERIMENT.name(), "experiment " + e.getName() + " is already deleted");
              }
              return new Doomed(e, runCount(w, e.getExperimentId()));
            },
            (d, args, ctx) ->
                ConfirmationTarget.reversible(
                    "delete MLflow experiment "
                        + d.experiment().getName()
                        + " ("
                        + d.experiment().getExperimentId()
                        + ") and its "
                        + Counted.of(d.runs(), "run", "runs")
                        + " in "
                        + ctx.workspaceHost()
                        + "; it can be restored (experiments/restore) until Databricks deletes it"
                        + " permanently",
                    d.experiment().getExperimentId() + "|" + d.experiment().getName()),
            (d, args, ctx) -> {
              String id = d.experiment().getExperimentId();
              ctx.workspace()
                  .experiments()
                  .deleteExperiment(new DeleteExperiment().setExperimentId(id));
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("experiment_id", id);
              data.put("name", d.experiment().getName());
              data.put("deleted", true);
              return ToolResult.of(
                  data,
                  "Deleted experiment "
                      + d.experiment().getName()
                      + " with "
                      + Counted.of(d.runs(), "run", "runs")
                      + "; it can be restored until Databricks deletes it permanently.");
            });
    return ToolDef.builder(MlToolset.ID, "delete_experiment")
        .title("Delete MLflow experiment")
        .description(
            "Delete an MLflow experiment (by id or name) with its runs. The confirmation names it"
                + " and says how many runs it has; Databricks keeps it restorable for a while.")
        .input(Schema.of(EXPERIMENT))
        .hints(ToolHints.destructive(false))
        .checkWith("get_experiment")
        .confirmTarget(deletion)
        .handler(deletion)
        .build();
  }
}
