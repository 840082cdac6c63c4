package dev.databricksmcp.server.tools.ml;

import static dev.databricksmcp.server.tools.ml.ModelParams.FULL_NAME;
import static dev.databricksmcp.server.tools.ml.ModelParams.VERSION;
import static dev.databricksmcp.server.tools.ml.ModelParams.VERSION_OR_ALIAS;

import com.databricks.sdk.service.catalog.DeleteModelVersionRequest;
import com.databricks.sdk.service.catalog.ListModelVersionsRequest;
import com.databricks.sdk.service.catalog.ListModelVersionsResponse;
import com.databricks.sdk.service.catalog.ModelVersionInfo;
import com.databricks.sdk.service.catalog.RegisteredModelInfo;
import dev.databricksmcp.server.core.ConfirmationTarget;
import dev.databricksmcp.server.core.Names;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.patterns.Deletion;
import dev.databricksmcp.server.core.patterns.Listing;
import java.util.List;
import java.util.Map;

/** Versions of a registered model: list, get (by number or alias), delete. */
final class ModelVersionTools {
  private ModelVersionTools() {}

  static List<ToolDef> definitions() {
    return List.of(list(), get(), delete());
  }

  static ToolDef list() {
    Listing<ModelVersionInfo> listing =
        Listing.of(
                "model versions",
                (page, args, ctx) -> {
                  // the model's aliases, so every row says which aliases it holds
                  RegisteredModelInfo m = ModelCalls.model(ctx.workspace(), FULL_NAME.of(args));
                  ListModelVersionsResponse r =
                      ctx.workspace()
                          .modelVersions()
                          .impl()
                          .list(
                              new ListModelVersionsRequest()
                                  .setFullName(Names.path(m.getFullName()))
                                  .setMaxResults((long) page.maxResults())
                                  .setPageToken(page.pageToken()));
                  List<ModelVersionInfo> versions =
                      r.getModelVersions() == null
                          ? List.of()
                          : r.getModelVersions().stream()
                              .map(v -> ModelCalls.withAliases(v, m.getAliases()))
                              .toList();
                  return Listing.Page.of(versions, r.getNextPageToken());
                })
            .params(FULL_NAME)
            .compact(ModelRows::version, ModelRows::versionDetail);
    return ToolDef.builder(MlToolset.ID, "list_model_versions")
        .title("List model versions")
        .description(
            "Versions of a registered model: version, status (READY, PENDING_REGISTRATION,"
                + " FAILED_REGISTRATION), aliases, run_id, created_at, comment.")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  static ToolDef get() {
    return ToolDef.builder(MlToolset.ID, "get_model_version")
        .title("Get model version")
        .description(
            "One version of a model, by number (2) or by alias (@champion): status, aliases,"
                + " source, run_id, comment, times.")
        .input(Schema.of(FULL_NAME, VERSION_OR_ALIAS))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              String ref = VERSION_OR_ALIAS.of(args);
              ModelVersionInfo v = ModelCalls.version(ctx.workspace(), FULL_NAME.of(args), ref);
              return ToolResult.of(
                  ModelRows.versionDetail(v),
                  (ModelParams.isAlias(ref) ? ref + " of " : "Version " + v.getVersion() + " of ")
                      + FULL_NAME.of(args)
                      + (ModelParams.isAlias(ref) ? " is version " + v.getVersion() : "")
                      + ", "
                      + v.getStatus()
                      + ".");
            })
        .build();
  }

  static ToolDef delete() {
    Deletion<ModelVersionInfo> deletion =
        Deletion.of(
            (args, ctx) ->
                ModelCalls.version(
                    ctx.workspace(), FULL_NAME.of(args), String.valueOf(VERSION.of(args))),
            (v, args, ctx) ->
                ConfirmationTarget.irreversible(
                    "delete version "
                        + v.getVersion()
                        + " of registered model '"
                        + FULL_NAME.of(args)
                        + "'"
                        + aliasWarning(v)
                        + " in "
                        + ctx.workspaceHost(),
                    FULL_NAME.of(args) + "|" + v.getVersion() + "|" + v.getId()),
            (v, args, ctx) -> {
              ctx.workspace()
                  .modelVersions()
                  .delete(
                      new DeleteModelVersionRequest()
                          .setFullName(Names.path(FULL_NAME.of(args)))
                          .setVersion(v.getVersion()));
              List<String> aliases = aliasNames(v);
              return ToolResult.of(
                  Map.of(
                      "full_name",
                      FULL_NAME.of(args),
                      "version",
                      v.getVersion(),
                      "deleted",
                      true,
                      "deleted_aliases",
                      aliases),
                  "Deleted version "
                      + v.getVersion()
                      + " of "
                      + FULL_NAME.of(args)
                      + (aliases.isEmpty()
                          ? "."
                          : "; its aliases went with it: @" + String.join(", @", aliases) + "."));
            });
    return ToolDef.builder(MlToolset.ID, "delete_model_version")
        .title("Delete model version")
        .description(
            "Delete one version of a model. Databricks deletes the aliases pointing to it too"
                + " (the confirmation names them): move them first with set_model_alias.")
        .input(Schema.of(FULL_NAME, VERSION))
        .hints(ToolHints.destructive(true))
        .checkWith("list_model_versions")
        .confirmTarget(deletion)
        .handler(deletion)
        .build();
  }

  /** What the confirmation says of aliases that would go with the version. */
  private static String aliasWarning(ModelVersionInfo v) {
    List<String> aliases = aliasNames(v);
    return aliases.isEmpty()
        ? ""
        : ", which holds @"
            + String.join(", @", aliases)
            + " (deleted with it: nothing will answer to "
            + (aliases.size() == 1 ? "that alias" : "those aliases")
            + ")";
  }

  private static List<String> aliasNames(ModelVersionInfo v) {
    return v.getAliases() == null
        ? List.of()
        : v.getAliases().stream().map(a -> a.getAliasName()).sorted().toList();
  }
}
