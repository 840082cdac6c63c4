package dev.databricksmcp.server.tools.catalog;

import com.databricks.sdk.service.catalog.CreateVolumeRequestContent;
import com.databricks.sdk.service.catalog.DeleteVolumeRequest;
import com.databricks.sdk.service.catalog.FunctionInfo;
import com.databricks.sdk.service.catalog.GetFunctionRequest;
import com.databricks.sdk.service.catalog.ListFunctionsRequest;
import com.databricks.sdk.service.catalog.ListFunctionsResponse;
import com.databricks.sdk.service.catalog.ListVolumesRequest;
import com.databricks.sdk.service.catalog.ListVolumesResponseContent;
import com.databricks.sdk.service.catalog.ReadVolumeRequest;
import com.databricks.sdk.service.catalog.VolumeInfo;
import com.databricks.sdk.service.catalog.VolumeType;
import dev.databricksmcp.server.core.ConfirmationTarget;
import dev.databricksmcp.server.core.Names;
import dev.databricksmcp.server.core.Pages;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Volumes (list, get, create, delete) and functions (list, get). */
public final class VolumeFunctionTools {
  private VolumeFunctionTools() {}

  public static List<ToolDef> definitions() {
    return List.of(
        listVolumes(), getVolume(), createVolume(), deleteVolume(), listFunctions(), getFunction());
  }

  private static Schema.ObjectBuilder inSchema() {
    return Schema.object()
        .string("catalog_name", "Catalog", true)
        .string("schema_name", "Schema", true);
  }

  static ToolDef listVolumes() {
    return ToolDef.builder(CatalogToolset.ID, "list_volumes")
        .title("List volumes")
        .description(
            "Volumes of a schema: name, type (managed/external), owner, comment, last update.")
        .input(inSchema().paging(Pages.DEFAULT_MAX_RESULTS, Pages.MAX_RESULTS_LIMIT))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              ListVolumesRequest req =
                  new ListVolumesRequest()
                      .setCatalogName(Names.part("catalog_name", args.string("catalog_name")))
                      .setSchemaName(Names.part("schema_name", args.string("schema_name")))
                      .setMaxResults((long) Pages.maxResults(args));
              args.optionalString("page_token").ifPresent(req::setPageToken);
              ListVolumesResponseContent page = ctx.workspace().volumes().impl().list(req);
              List<Object> rows = new ArrayList<>();
              if (page.getVolumes() != null) {
                page.getVolumes().forEach(v -> rows.add(CatalogRows.volume(v)));
              }
              return Pages.page("volumes", rows, page.getNextPageToken());
            })
        .build();
  }

  static ToolDef getVolume() {
    return ToolDef.builder(CatalogToolset.ID, "get_volume")
        .title("Get volume")
        .description(
            "One volume in full: type, storage location, owner, comment, times. Its files live"
                + " under /Volumes/catalog/schema/volume.")
        .input(Schema.object().string("full_name", "catalog.schema.volume", true))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              VolumeInfo v =
                  ctx.workspace()
                      .volumes()
                      .read(
                          new ReadVolumeRequest()
                              .setName(
                                  Names.path(
                                      Names.fullName("full_name", args.string("full_name"), 3))));
              return ToolResult.of(v, "Volume " + v.getFullName() + ".");
            })
        .build();
  }

  static ToolDef createVolume() {
    return ToolDef.builder(CatalogToolset.ID, "create_volume")
        .title("Create volume")
        .description("Create a managed volume, or an external one at storage_location.")
        .input(
            inSchema()
                .string("name", "Volume name", true)
                .string("comment", "What it holds", false)
                .enumeration(
                    "volume_type",
                    "MANAGED (default) or EXTERNAL",
                    List.of("MANAGED", "EXTERNAL"),
                    false)
                .string("storage_location", "Cloud storage path, for EXTERNAL volumes", false))
        .hints(ToolHints.write(false))
        .checkWith("get_volume")
        .handler(
            (args, ctx) -> {
              VolumeType type =
                  VolumeType.valueOf(
                      args.choice("volume_type", List.of("MANAGED", "EXTERNAL")).orElse("MANAGED"));
              if (type == VolumeType.EXTERNAL && !args.has("storage_location")) {
                throw ToolException.validation(
                    "storage_location", "is required for an EXTERNAL volume");
              }
              CreateVolumeRequestContent req =
                  new CreateVolumeRequestContent()
                      .setCatalogName(Names.part("catalog_name", args.string("catalog_name")))
                      .setSchemaName(Names.part("schema_name", args.string("schema_name")))
                      .setName(Names.part("name", args.string("name")))
                      .setVolumeType(type);
              args.optionalString("comment").ifPresent(req::setComment);
              args.optionalString("storage_location").ifPresent(req::setStorageLocation);
              VolumeInfo v = ctx.workspace().volumes().create(req);
              return ToolResult.of(
                  CatalogRows.volume(v), "Created volume " + v.getFullName() + ".");
            })
        .build();
  }

  static ToolDef deleteVolume() {
    return ToolDef.builder(CatalogToolset.ID, "delete_volume")
        .title("Delete volume")
        .description("Delete a volume. For a managed volume its files are deleted too.")
        .input(Schema.object().string("full_name", "catalog.schema.volume", true))
        .hints(ToolHints.destructive(true))
        .checkWith("get_volume")
        .confirmTarget(
            (args, ctx) -> {
              String name = Names.fullName("full_name", args.string("full_name"), 3);
              VolumeInfo v =
                  ctx.workspace().volumes().read(new ReadVolumeRequest().setName(Names.path(name)));
              return new ConfirmationTarget(
                  "delete "
                      + String.valueOf(v.getVolumeType()).toLowerCase()
                      + " volume '"
                      + name
                      + "' in "
                      + ctx.workspaceHost(),
                  name + "|" + v.getVolumeId());
            })
        .handler(
            (args, ctx) -> {
              String name = Names.fullName("full_name", args.string("full_name"), 3);
              ctx.workspace().volumes().delete(new DeleteVolumeRequest().setName(Names.path(name)));
              return ToolResult.of(
                  Map.of("full_name", name, "deleted", true), "Deleted volume " + name + ".");
            })
        .build();
  }

  static ToolDef listFunctions() {
    return ToolDef.builder(CatalogToolset.ID, "list_functions")
        .title("List functions")
        .description(
            "User-defined functions of a schema: name, language, return type, owner, comment.")
        .input(inSchema().paging(Pages.DEFAULT_MAX_RESULTS, Pages.MAX_RESULTS_LIMIT))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              ListFunctionsRequest req =
                  new ListFunctionsRequest()
                      .setCatalogName(Names.part("catalog_name", args.string("catalog_name")))
                      .setSchemaName(Names.part("schema_name", args.string("schema_name")))
                      .setMaxResults((long) Pages.maxResults(args));
              args.optionalString("page_token").ifPresent(req::setPageToken);
              ListFunctionsResponse page = ctx.workspace().functions().impl().list(req);
              List<Object> rows = new ArrayList<>();
              if (page.getFunctions() != null) {
                page.getFunctions().forEach(f -> rows.add(CatalogRows.function(f)));
              }
              return Pages.page("functions", rows, page.getNextPageToken());
            })
        .build();
  }

  static ToolDef getFunction() {
    return ToolDef.builder(CatalogToolset.ID, "get_function")
        .title("Get function")
        .description(
            "One function in full: parameters, return type, body (routine_definition), language,"
                + " owner.")
        .input(Schema.object().string("full_name", "catalog.schema.function", true))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              FunctionInfo f =
                  ctx.workspace()
                      .functions()
                      .get(
                          new GetFunctionRequest()
                              .setName(
                                  Names.path(
                                      Names.fullName("full_name", args.string("full_name"), 3))));
              return ToolResult.of(f, "Function " + f.getFullName() + ".");
            })
        .build();
  }
}
