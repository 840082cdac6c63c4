package dev.databricksmcp.server.tools.ml;

import static dev.databricksmcp.server.tools.ml.ModelParams.ALIAS;
import static dev.databricksmcp.server.tools.ml.ModelParams.FULL_NAME;
import static dev.databricksmcp.server.tools.ml.ModelParams.VERSION;

import com.databricks.sdk.service.catalog.DeleteAliasRequest;
import com.databricks.sdk.service.catalog.RegisteredModelAlias;
import com.databricks.sdk.service.catalog.SetRegisteredModelAliasRequest;
import dev.databricksmcp.server.core.Names;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Aliases of a registered model (@champion, @challenger): set or move one, delete one. */
final class ModelAliasTools {
  private ModelAliasTools() {}

  static List<ToolDef> definitions() {
    return List.of(set(), delete());
  }

  static ToolDef set() {
    return ToolDef.builder(MlToolset.ID, "set_model_alias")
        .title("Set model alias")
        .description(
            "Point an alias at a version (\"move champion to v3\"); an alias is on one version at"
                + " a time, so it moves. Says where it was before.")
        .input(Schema.of(FULL_NAME, ALIAS, VERSION))
        .hints(ToolHints.write(true))
        .checkWith("get_registered_model")
        .handler(
            (args, ctx) -> {
              String name = FULL_NAME.of(args);
              String alias = ALIAS.of(args);
              Long before =
                  ModelRows.versionOf(ModelCalls.model(ctx.workspace(), name).getAliases(), alias);
              RegisteredModelAlias now =
                  ctx.workspace()
                      .registeredModels()
                      .setAlias(
                          new SetRegisteredModelAliasRequest()
                              .setFullName(Names.path(name))
                              .setAlias(alias)
                              .setVersionNum((long) VERSION.of(args)));
              Map<String, Object> out = new LinkedHashMap<>();
              out.put("full_name", name);
              out.put("alias", alias);
              out.put("version", now.getVersionNum());
              if (before != null) {
                out.put("previous_version", before);
              }
              return ToolResult.of(out, moved(name, alias, before, now.getVersionNum()));
            })
        .build();
  }

  static ToolDef delete() {
    return ToolDef.builder(MlToolset.ID, "delete_model_alias")
        .title("Delete model alias")
        .description("Remove an alias from a model; the version it pointed to stays.")
        .input(Schema.of(FULL_NAME, ALIAS))
        .hints(ToolHints.write(true))
        .checkWith("get_registered_model")
        .handler(
            (args, ctx) -> {
              String name = FULL_NAME.of(args);
              String alias = ALIAS.of(args);
              Long before =
                  ModelRows.versionOf(ModelCalls.model(ctx.workspace(), name).getAliases(), alias);
              if (before == null) {
                throw ToolException.notFound("alias @" + alias + " of registered model " + name);
              }
              ctx.workspace()
                  .registeredModels()
                  .deleteAlias(
                      new DeleteAliasRequest().setFullName(Names.path(name)).setAlias(alias));
              return ToolResult.of(
                  Map.of(
                      "full_name",
                      name,
                      "alias",
                      alias,
                      "deleted",
                      true,
                      "previous_version",
                      before),
                  "Removed @"
                      + alias
                      + " from "
                      + name
                      + "; it pointed to version "
                      + before
                      + ", which stays.");
            })
        .build();
  }

  private static String moved(String name, String alias, Long before, Long now) {
    if (before == null) {
      return "Set @" + alias + " of " + name + " on version " + now + " (a new alias).";
    }
    if (before.equals(now)) {
      return "@" + alias + " of " + name + " was already on version " + now + ".";
    }
    return "Moved @"
        + alias
        + " of "
        + name
        + " from version "
        + before
        + " to version "
        + now
        + ".";
  }
}
