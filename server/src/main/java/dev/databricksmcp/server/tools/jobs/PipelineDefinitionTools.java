package dev.databricksmcp.server.tools.jobs;

import static dev.databricksmcp.server.tools.jobs.PipelineParams.CATALOG;
import static dev.databricksmcp.server.tools.jobs.PipelineParams.CONFIGURATION;
import static dev.databricksmcp.server.tools.jobs.PipelineParams.CONTINUOUS;
import static dev.databricksmcp.server.tools.jobs.PipelineParams.DEVELOPMENT;
import static dev.databricksmcp.server.tools.jobs.PipelineParams.NAME;
import static dev.databricksmcp.server.tools.jobs.PipelineParams.PIPELINE_ID;
import static dev.databricksmcp.server.tools.jobs.PipelineParams.SCHEMA;
import static dev.databricksmcp.server.tools.jobs.PipelineParams.SERVERLESS;
import static dev.databricksmcp.server.tools.jobs.PipelineParams.SOURCE_PATHS;

import com.databricks.sdk.core.utils.SerDeUtils;
import com.databricks.sdk.service.pipelines.CreatePipeline;
import com.databricks.sdk.service.pipelines.DeletePipelineRequest;
import com.databricks.sdk.service.pipelines.EditPipeline;
import com.databricks.sdk.service.pipelines.GetPipelineResponse;
import com.databricks.sdk.service.pipelines.PipelineSpec;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.databricksmcp.server.core.ConfirmationTarget;
import dev.databricksmcp.server.core.Params;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.WorkHandle;
import dev.databricksmcp.server.core.patterns.Deletion;
import dev.databricksmcp.server.core.patterns.GivenFields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pipeline definitions: create, update (a partial change over the whole spec), delete. */
final class PipelineDefinitionTools {
  /** Made at the first pipeline spec read, not with the tools: a mapper slowed every start. */
  private static final class Lenient {
    static final ObjectMapper MAPPER =
        SerDeUtils.createMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  /** What update_pipeline changes: only what the caller gave, over the pipeline's spec. */
  private static final GivenFields<EditPipeline> CHANGES =
      GivenFields.<EditPipeline>of()
          .field(NAME.describedAs("New pipeline name"), EditPipeline::setName)
          .field(CATALOG.optional(), EditPipeline::setCatalog)
          .field(SCHEMA.optional(), (r, v) -> r.setSchema(v).setTarget(null))
          .field(
              SOURCE_PATHS.describedAs(
                  "New source code paths (replace the current ones): files and notebooks"),
              (r, v) -> {}) // libraries are looked up in the workspace, with the call's client
          .field(
              CONFIGURATION.describedAs("New configuration (replaces the current one)"),
              (r, v) -> r.setConfiguration(Params.textValues(v)))
          .field(
              SERVERLESS.optional().describedAs("Serverless compute"), EditPipeline::setServerless)
          .field(
              DEVELOPMENT.optional().describedAs("Development mode"), EditPipeline::setDevelopment)
          .field(
              CONTINUOUS.optional().describedAs("Continuous instead of triggered"),
              EditPipeline::setContinuous);

  private PipelineDefinitionTools() {}

  static List<ToolDef> definitions() {
    return List.of(create(), update(), delete());
  }

  static ToolDef create() {
    return ToolDef.builder(JobsToolset.ID, "create_pipeline")
        .title("Create pipeline")
        .description(
            SERVERLESS.fill(
                "Create a Lakeflow Declarative Pipeline (SQL or Python source code in workspace"
                    + " files or notebooks) that publishes its tables to catalog.schema in Unity"
                    + " Catalog. Serverless (default true) and development mode (default true:"
                    + " quicker iteration, no retries) unless told otherwise; triggered unless"
                    + " continuous. Nothing runs until start_pipeline_update."))
        .input(
            Schema.of(
                NAME.required(),
                CATALOG,
                SCHEMA,
                SOURCE_PATHS.required(),
                CONFIGURATION,
                SERVERLESS,
                DEVELOPMENT,
                CONTINUOUS))
        .hints(ToolHints.write(false))
        .checkWith("list_pipelines")
        .handler(
            (args, ctx) -> {
              CreatePipeline req =
                  new CreatePipeline()
                      .setName(NAME.of(args))
                      .setCatalog(CATALOG.of(args))
                      .setSchema(SCHEMA.of(args))
                      .setLibraries(
                          PipelineSources.libraries(
                              SOURCE_PATHS.name(), SOURCE_PATHS.of(args), ctx))
                      .setServerless(SERVERLESS.of(args))
                      .setDevelopment(DEVELOPMENT.of(args))
                      .setContinuous(CONTINUOUS.of(args));
              CONFIGURATION
                  .optional(args)
                  .ifPresent(c -> req.setConfiguration(Params.textValues(c)));
              String id = ctx.workspace().pipelines().create(req).getPipelineId();
              ctx.track(new WorkHandle("pipeline_id", id, "get_pipeline"));
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("pipeline_id", id);
              data.put("name", req.getName());
              data.put("publishes_to", req.getCatalog() + "." + req.getSchema());
              data.put("sources", req.getLibraries().size());
              return ToolResult.of(
                  data,
                  "Created pipeline '"
                      + req.getName()
                      + "' ("
                      + id
                      + "). Run it with start_pipeline_update.");
            })
        .build();
  }

  static ToolDef update() {
    return ToolDef.builder(JobsToolset.ID, "update_pipeline")
        .title("Update pipeline")
        .description(
            "Change a pipeline's name, catalog, schema, source paths, configuration, serverless,"
                + " development or continuous setting; the settings not given stay as they are."
                + " The next update runs with the new settings.")
        .input(Schema.of(PIPELINE_ID).params(CHANGES.params()))
        .hints(ToolHints.write(true))
        .checkWith("get_pipeline")
        .handler(
            (args, ctx) -> {
              CHANGES.requireAny(args);
              GetPipelineResponse current = PipelineTools.fetch(PIPELINE_ID.of(args), ctx);
              // the edit API replaces the whole spec: today's values, then the ones given
              EditPipeline req = currentSpec(current);
              CHANGES.apply(args, req);
              if (SOURCE_PATHS.given(args)) {
                req.setLibraries(
                    PipelineSources.libraries(SOURCE_PATHS.name(), SOURCE_PATHS.of(args), ctx));
              }
              ctx.workspace().pipelines().update(req);
              GetPipelineResponse updated = PipelineTools.fetch(current.getPipelineId(), ctx);
              return ToolResult.of(
                  PipelineRows.detail(updated),
                  "Updated pipeline '"
                      + updated.getName()
                      + "' ("
                      + String.join(", ", CHANGES.given(args))
                      + ").");
            })
        .build();
  }

  static ToolDef delete() {
    Deletion<GetPipelineResponse> deletion =
        Deletion.of(
            (args, ctx) -> PipelineTools.fetch(PIPELINE_ID.of(args), ctx),
            (p, args, ctx) ->
                new ConfirmationTarget(
                    "delete pipeline '"
                        + p.getName()
                        + "' ("
                        + p.getPipelineId()
                        + ") and drop the tables it published"
                        + publishesTo(p)
                        + " (Databricks cascades a pipeline's deletion to its tables; an active"
                        + " update is stopped) in "
                        + ctx.workspaceHost(),
                    p.getPipelineId() + "|" + p.getName() + "|" + p.getCreatorUserName()),
            (p, args, ctx) -> {
              ctx.workspace()
                  .pipelines()
                  .delete(new DeletePipelineRequest().setPipelineId(p.getPipelineId()));
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("pipeline_id", p.getPipelineId());
              data.put("name", p.getName());
              data.put("deleted", true);
              return ToolResult.of(
                  data,
                  "Deleted pipeline '"
                      + p.getName()
                      + "' ("
                      + p.getPipelineId()
                      + ") and the tables it published.");
            });
    return ToolDef.builder(JobsToolset.ID, "delete_pipeline")
        .title("Delete pipeline")
        .description(
            "Delete a pipeline for good: an active update is stopped and the tables it published"
                + " are dropped with it (Databricks cascades the deletion to the pipeline's"
                + " datasets).")
        .input(Schema.of(PIPELINE_ID))
        .hints(ToolHints.destructive(true))
        .checkWith("list_pipelines")
        .confirmTarget(deletion)
        .handler(deletion)
        .build();
  }

  private static String publishesTo(GetPipelineResponse p) {
    PipelineSpec s = p.getSpec();
    if (s == null || s.getCatalog() == null) {
      return "";
    }
    return " in " + s.getCatalog() + "." + (s.getSchema() != null ? s.getSchema() : s.getTarget());
  }

  /** The pipeline's spec as an edit request: every setting the edit would otherwise drop. */
  private static EditPipeline currentSpec(GetPipelineResponse p) {
    EditPipeline req =
        Lenient.MAPPER.convertValue(
            p.getSpec() == null ? new PipelineSpec() : p.getSpec(), EditPipeline.class);
    return req.setPipelineId(p.getPipelineId())
        .setId(p.getPipelineId())
        .setAllowDuplicateNames(true);
  }
}
