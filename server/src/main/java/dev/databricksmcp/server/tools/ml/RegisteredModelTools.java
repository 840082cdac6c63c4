package dev.databricksmcp.server.tools.ml;

import static dev.databricksmcp.server.tools.ml.ModelParams.CATALOG_FILTER;
import static dev.databricksmcp.server.tools.ml.ModelParams.FULL_NAME;
import static dev.databricksmcp.server.tools.ml.ModelParams.SCHEMA_FILTER;

import com.databricks.sdk.service.catalog.DeleteRegisteredModelRequest;
import com.databricks.sdk.service.catalog.ListRegisteredModelsRequest;
import com.databricks.sdk.service.catalog.ListRegisteredModelsResponse;
import com.databricks.sdk.service.catalog.ModelVersionInfo;
import com.databricks.sdk.service.catalog.RegisteredModelInfo;
import com.databricks.sdk.service.catalog.UpdateRegisteredModelRequest;
import dev.databricksmcp.server.core.ConfirmationTarget;
import dev.databricksmcp.server.core.Counted;
import dev.databricksmcp.server.core.Names;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Params;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.patterns.Deletion;
import dev.databricksmcp.server.core.patterns.GivenFields;
import dev.databricksmcp.server.core.patterns.Listing;
import dev.databricksmcp.server.tools.catalog.CatalogParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Registered models in Unity Catalog: list, get (aliases and latest versions), update, delete. */
final class RegisteredModelTools {
  /** How many of the newest versions a get shows. */
  private static final int LATEST_SHOWN = 3;

  private static final Param<String> NEW_NAME =
      Params.namePart("new_name", "New name, in the same schema").optional();

  private RegisteredModelTools() {}

  static List<ToolDef> definitions() {
    return List.of(list(), get(), update(), delete());
  }

  static ToolDef list() {
    Listing<RegisteredModelInfo> listing =
        Listing.of(
                "registered models",
                (page, args, ctx) -> {
                  if (CATALOG_FILTER.given(args) != SCHEMA_FILTER.given(args)) {
                    String missing = CATALOG_FILTER.given(args) ? "schema_name" : "catalog_name";
                    throw ToolException.validation(
                        missing, "give catalog_name and schema_name together, or neither");
                  }
                  ListRegisteredModelsResponse r =
                      ctx.workspace()
                          .registeredModels()
                          .impl()
                          .list(
                              new ListRegisteredModelsRequest()
                                  .setCatalogName(CATALOG_FILTER.of(args))
                                  .setSchemaName(SCHEMA_FILTER.of(args))
                                  .setMaxResults((long) page.maxResults())
                                  .setPageToken(page.pageToken()));
                  return Listing.Page.of(r.getRegisteredModels(), r.getNextPageToken());
                })
            .params(CATALOG_FILTER, SCHEMA_FILTER)
            .compact(ModelRows::model, ModelRows::modelDetail);
    return ToolDef.builder(MlToolset.ID, "list_registered_models")
        .title("List registered models")
        .description(
            "Unity Catalog models you may use (EXECUTE or owner), in one schema or everywhere:"
                + " full_name, owner, comment, aliases (\"champion → v2\"), updated_at.")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  static ToolDef get() {
    return ToolDef.builder(MlToolset.ID, "get_registered_model")
        .title("Get registered model")
        .description(
            "One model: owner, comment, aliases (which version is @champion), its version count"
                + " and latest versions.")
        .input(Schema.of(FULL_NAME))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              RegisteredModelInfo m = ModelCalls.model(ctx.workspace(), FULL_NAME.of(args));
              List<ModelVersionInfo> versions = ModelCalls.versions(ctx.workspace(), m);
              Map<String, Object> out = ModelRows.modelDetail(m);
              out.put("version_count", versions.size());
              out.put(
                  "latest_versions",
                  versions.stream().limit(LATEST_SHOWN).map(ModelRows::version).toList());
              return ToolResult.of(out, describe(m, versions.size()));
            })
        .build();
  }

  static ToolDef update() {
    GivenFields<UpdateRegisteredModelRequest> changes =
        GivenFields.<UpdateRegisteredModelRequest>of()
            .field(CatalogParams.NEW_COMMENT, UpdateRegisteredModelRequest::setComment)
            .field(CatalogParams.NEW_OWNER, UpdateRegisteredModelRequest::setOwner)
            .field(NEW_NAME, UpdateRegisteredModelRequest::setNewName);
    return ToolDef.builder(MlToolset.ID, "update_registered_model")
        .title("Update registered model")
        .description(
            "Change a model's comment, owner or name (new_name, same schema). An owner change or a"
                + " rename is confirmed first.")
        .input(Schema.of(FULL_NAME).params(changes.params()))
        // a new owner takes control away; a rename breaks whatever names the model (serving
        // endpoints, models:/ URIs): both confirmed; a comment alone is not
        .hints(ToolHints.destructive(true))
        .confirmTarget(
            (args, ctx) -> {
              if (!CatalogParams.NEW_OWNER.given(args) && !NEW_NAME.given(args)) {
                return null;
              }
              String name = FULL_NAME.of(args);
              RegisteredModelInfo m = ModelCalls.model(ctx.workspace(), name);
              List<String> what = new ArrayList<>();
              if (CatalogParams.NEW_OWNER.given(args)) {
                what.add(
                    "change the owner from "
                        + m.getOwner()
                        + " to "
                        + CatalogParams.NEW_OWNER.of(args));
              }
              if (NEW_NAME.given(args)) {
                what.add("rename it to " + NEW_NAME.of(args));
              }
              return new ConfirmationTarget(
                  String.join(" and ", what)
                      + " for registered model '"
                      + name
                      + "' in "
                      + ctx.workspaceHost(),
                  name + "|" + m.getCreatedAt() + "|" + m.getOwner());
            })
        .checkWith("get_registered_model")
        .handler(
            (args, ctx) -> {
              changes.requireAny(args);
              UpdateRegisteredModelRequest req =
                  changes.apply(
                      args,
                      new UpdateRegisteredModelRequest()
                          .setFullName(Names.path(FULL_NAME.of(args))));
              RegisteredModelInfo m = ctx.workspace().registeredModels().update(req);
              return ToolResult.of(
                  ModelRows.model(m),
                  "Updated registered model "
                      + m.getFullName()
                      + " ("
                      + String.join(", ", changes.given(args))
                      + ").");
            })
        .build();
  }

  /** A model to delete: what the confirmation names. */
  private record Target(RegisteredModelInfo model, int versions) {}

  static ToolDef delete() {
    Deletion<Target> deletion =
        Deletion.of(
            (args, ctx) -> {
              RegisteredModelInfo m = ModelCalls.model(ctx.workspace(), FULL_NAME.of(args));
              return new Target(m, ModelCalls.versions(ctx.workspace(), m).size());
            },
            (t, args, ctx) ->
                ConfirmationTarget.irreversible(
                    "delete registered model '"
                        + t.model().getFullName()
                        + "' with its "
                        + Counted.of(t.versions(), "version")
                        + aliasesClause(t.model())
                        + " in "
                        + ctx.workspaceHost(),
                    t.model().getFullName() + "|" + t.model().getCreatedAt() + "|" + t.versions()),
            (t, args, ctx) -> {
              ctx.workspace()
                  .registeredModels()
                  .delete(
                      new DeleteRegisteredModelRequest()
                          .setFullName(Names.path(t.model().getFullName())));
              return ToolResult.of(
                  Map.of(
                      "full_name",
                      t.model().getFullName(),
                      "deleted",
                      true,
                      "deleted_versions",
                      t.versions()),
                  "Deleted registered model "
                      + t.model().getFullName()
                      + " and its "
                      + Counted.of(t.versions(), "version")
                      + ".");
            });
    return ToolDef.builder(MlToolset.ID, "delete_registered_model")
        .title("Delete registered model")
        .description(
            "Delete a model with all its versions and aliases. Serving endpoints that serve it"
                + " stop finding it.")
        .input(Schema.of(FULL_NAME))
        .hints(ToolHints.destructive(true))
        .checkWith("get_registered_model")
        .confirmTarget(deletion)
        .handler(deletion)
        .build();
  }

  /** "Registered model m: 3 versions; aliases champion → v2, challenger → v3." */
  private static String describe(RegisteredModelInfo m, int versions) {
    List<String> aliases = ModelRows.aliasesInWords(m.getAliases());
    return "Registered model "
        + m.getFullName()
        + ": "
        + Counted.of(versions, "version")
        + (versions >= ModelCalls.VERSIONS_READ ? " or more" : "")
        + (aliases.isEmpty() ? "; no aliases." : "; aliases " + String.join(", ", aliases) + ".");
  }

  private static String aliasesClause(RegisteredModelInfo m) {
    List<String> aliases = ModelRows.aliasesInWords(m.getAliases());
    return aliases.isEmpty() ? "" : " and aliases " + String.join(", ", aliases);
  }
}
