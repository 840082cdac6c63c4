package dev.databricksmcp.server.tools.jobs;

import static dev.databricksmcp.server.tools.jobs.PipelineParams.PIPELINE_ID;

import com.databricks.sdk.service.pipelines.GetPipelineRequest;
import com.databricks.sdk.service.pipelines.GetPipelineResponse;
import com.databricks.sdk.service.pipelines.ListPipelinesRequest;
import com.databricks.sdk.service.pipelines.ListPipelinesResponse;
import com.databricks.sdk.service.pipelines.PipelineStateInfo;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Params;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.patterns.Listing;
import dev.databricksmcp.server.core.patterns.Lookup;
import java.util.ArrayList;
import java.util.List;

/** Lakeflow Declarative Pipelines: list and get here; the other tools in their own files. */
final class PipelineTools {
  private static final Param<String> NAME_CONTAINS =
      Param.string("name_contains", "Only pipelines whose name contains this text (any case)");

  private PipelineTools() {}

  static List<ToolDef> definitions() {
    List<ToolDef> all = new ArrayList<>(List.of(list(), get()));
    all.addAll(PipelineDefinitionTools.definitions());
    all.addAll(PipelineUpdateTools.definitions());
    all.add(PipelineEventTools.list());
    return all;
  }

  static ToolDef list() {
    Listing<PipelineStateInfo> listing =
        Listing.<PipelineStateInfo>of(
                "pipelines",
                (page, args, ctx) -> {
                  ListPipelinesRequest req =
                      new ListPipelinesRequest()
                          .setMaxResults((long) page.maxResults())
                          .setPageToken(page.pageToken());
                  NAME_CONTAINS.optional(args).ifPresent(n -> req.setFilter(nameLike(n)));
                  ListPipelinesResponse r = ctx.workspace().pipelines().impl().listPipelines(req);
                  return Listing.Page.of(
                      r.getStatuses() == null ? List.of() : r.getStatuses(), r.getNextPageToken());
                })
            .params(NAME_CONTAINS)
            .maxResults(Params.maxResults(25, 100))
            .rows(PipelineRows::row);
    return ToolDef.builder(JobsToolset.ID, "list_pipelines")
        .title("List pipelines")
        .description(
            "Lakeflow Declarative Pipelines (formerly Delta Live Tables) you can see: pipeline_id,"
                + " name, state, health, creator and the latest update's state. Filter by"
                + " name_contains.")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  static ToolDef get() {
    Lookup<GetPipelineResponse> lookup =
        Lookup.of(
                PIPELINE_ID,
                PipelineTools::fetch,
                p ->
                    "Pipeline '"
                        + p.getName()
                        + "' ("
                        + p.getPipelineId()
                        + ") is "
                        + p.getState()
                        + (p.getLatestUpdates() == null || p.getLatestUpdates().isEmpty()
                            ? "; it has never run."
                            : "; its latest update is "
                                + p.getLatestUpdates().iterator().next().getState()
                                + "."))
            .shape(PipelineRows::detail);
    return ToolDef.builder(JobsToolset.ID, "get_pipeline")
        .title("Get pipeline")
        .description(
            "One pipeline: the fields of list_pipelines, then where it publishes"
                + " (catalog.schema), its source files and notebooks, serverless or classic"
                + " compute, continuous or triggered, development mode, configuration and its"
                + " latest updates.")
        .input(lookup.input())
        .hints(ToolHints.read())
        .handler(lookup)
        .build();
  }

  static GetPipelineResponse fetch(String id, ToolContext ctx) {
    return ctx.workspace().pipelines().get(new GetPipelineRequest().setPipelineId(id));
  }

  /** The documented {@code name LIKE} filter for a contains-match; % and _ are matched as such. */
  private static String nameLike(String text) {
    if (text.contains("'")) {
      throw ToolException.validation(NAME_CONTAINS.name(), "must not contain a single quote (')");
    }
    return "name LIKE '%" + text + "%'";
  }
}
