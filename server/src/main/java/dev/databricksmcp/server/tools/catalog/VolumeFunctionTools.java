package dev.databricksmcp.server.tools.catalog;

import static dev.databricksmcp.server.tools.catalog.CatalogParams.CATALOG_NAME;
import static dev.databricksmcp.server.tools.catalog.CatalogParams.COMMENT;
import static dev.databricksmcp.server.tools.catalog.CatalogParams.FUNCTION_FULL_NAME;
import static dev.databricksmcp.server.tools.catalog.CatalogParams.SCHEMA_NAME;
import static dev.databricksmcp.server.tools.catalog.CatalogParams.VOLUME_FULL_NAME;

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
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Params;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.patterns.Deletion;
import dev.databricksmcp.server.core.patterns.GivenFields;
import dev.databricksmcp.server.core.patterns.Listing;
import dev.databricksmcp.server.core.patterns.Lookup;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Volumes (list, get, create, delete) and functions (list, get). */
public final class VolumeFunctionTools {
  private static final Param<String> VOLUME_NAME = Params.namePart("name", "Volume name");

  private static final Param<String> VOLUME_TYPE =
      Param.choice(
              "volume_type",
              "MANAGED or EXTERNAL (default {default})",
              List.of("MANAGED", "EXTERNAL"))
          .withDefault("MANAGED");

  private static final Param<String> STORAGE_LOCATION =
      Param.string("storage_location", "Cloud storage path, for EXTERNAL volumes");

  private VolumeFunctionTools() {}

  public static List<ToolDef> definitions() {
    return List.of(
        listVolumes(), getVolume(), createVolume(), deleteVolume(), listFunctions(), getFunction());
  }

  static ToolDef listVolumes() {
    Listing<VolumeInfo> listing =
        Listing.of(
                "volumes",
                (page, args, ctx) -> {
                  ListVolumesResponseContent r =
                      ctx.workspace()
                          .volumes()
                          .impl()
                          .list(
                              new ListVolumesRequest()
                                  .setCatalogName(CATALOG_NAME.of(args))
                                  .setSchemaName(SCHEMA_NAME.of(args))
                                  .setMaxResults((long) page.maxResults())
                                  .setPageToken(page.pageToken()));
                  return Listing.Page.of(r.getVolumes(), r.getNextPageToken());
                })
            .params(CATALOG_NAME, SCHEMA_NAME)
            .compact(CatalogRows::volume, CatalogRows::volumeDetail);
    return ToolDef.builder(CatalogToolset.ID, "list_volumes")
        .title("List volumes")
        .description(
            "Volumes of a schema: name, full_name, type (MANAGED/EXTERNAL), owner, comment,"
                + " updated_at. detail=true adds storage, path and times.")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  /** A volume as the API has it now. */
  private static VolumeInfo read(ToolContext ctx, String fullName) {
    return ctx.workspace().volumes().read(new ReadVolumeRequest().setName(Names.path(fullName)));
  }

  static ToolDef getVolume() {
    Lookup<VolumeInfo> lookup =
        Lookup.of(
                VOLUME_FULL_NAME,
                (name, ctx) -> read(ctx, name),
                (VolumeInfo v) -> "Volume " + v.getFullName() + ".")
            .shape(CatalogRows::volumeDetail);
    return ToolDef.builder(CatalogToolset.ID, "get_volume")
        .title("Get volume")
        .description(
            "One volume in full: type, storage location, owner, comment, times. Its files live"
                + " under /Volumes/catalog/schema/volume.")
        .input(lookup.input())
        .hints(ToolHints.read())
        .handler(lookup)
        .build();
  }

  static ToolDef createVolume() {
    GivenFields<CreateVolumeRequestContent> fields =
        GivenFields.<CreateVolumeRequestContent>of()
            .field(COMMENT, CreateVolumeRequestContent::setComment)
            .field(STORAGE_LOCATION, CreateVolumeRequestContent::setStorageLocation);
    return ToolDef.builder(CatalogToolset.ID, "create_volume")
        .title("Create volume")
        .description("Create a managed volume, or an external one at storage_location.")
        .input(
            Schema.of(
                CATALOG_NAME, SCHEMA_NAME, VOLUME_NAME, COMMENT, VOLUME_TYPE, STORAGE_LOCATION))
        .hints(ToolHints.write(false))
        .checkWith("get_volume")
        .handler(
            (args, ctx) -> {
              VolumeType type = VolumeType.valueOf(VOLUME_TYPE.of(args));
              if (type == VolumeType.EXTERNAL && !STORAGE_LOCATION.given(args)) {
                throw ToolException.validation(
                    STORAGE_LOCATION.name(), "is required for an EXTERNAL volume");
              }
              CreateVolumeRequestContent req =
                  fields.apply(
                      args,
                      new CreateVolumeRequestContent()
                          .setCatalogName(CATALOG_NAME.of(args))
                          .setSchemaName(SCHEMA_NAME.of(args))
                          .setName(VOLUME_NAME.of(args))
                          .setVolumeType(type));
              VolumeInfo v = ctx.workspace().volumes().create(req);
              return ToolResult.of(
                  CatalogRows.volume(v), "Created volume " + v.getFullName() + ".");
            })
        .build();
  }

  static ToolDef deleteVolume() {
    Deletion<VolumeInfo> deletion =
        Deletion.of(
            (args, ctx) -> read(ctx, VOLUME_FULL_NAME.of(args)),
            (v, args, ctx) ->
                ConfirmationTarget.irreversible(
                    "delete "
                        + String.valueOf(v.getVolumeType()).toLowerCase(Locale.ROOT)
                        + " volume '"
                        + v.getFullName()
                        + "' in "
                        + ctx.workspaceHost(),
                    v.getFullName() + "|" + v.getVolumeId()),
            (v, args, ctx) -> {
              ctx.workspace()
                  .volumes()
                  .delete(new DeleteVolumeRequest().setName(Names.path(v.getFullName())));
              return ToolResult.of(
                  Map.of("full_name", v.getFullName(), "deleted", true),
                  "Deleted volume " + v.getFullName() + ".");
            });
    return ToolDef.builder(CatalogToolset.ID, "delete_volume")
        .title("Delete volume")
        .description("Delete a volume. For a managed volume its files are deleted too.")
        .input(Schema.of(VOLUME_FULL_NAME))
        .hints(ToolHints.destructive(true))
        .checkWith("get_volume")
        .confirmTarget(deletion)
        .handler(deletion)
        .build();
  }

  static ToolDef listFunctions() {
    Listing<FunctionInfo> listing =
        Listing.of(
                "functions",
                (page, args, ctx) -> {
                  ListFunctionsResponse r =
                      ctx.workspace()
                          .functions()
                          .impl()
                          .list(
                              new ListFunctionsRequest()
                                  .setCatalogName(CATALOG_NAME.of(args))
                                  .setSchemaName(SCHEMA_NAME.of(args))
                                  .setMaxResults((long) page.maxResults())
                                  .setPageToken(page.pageToken()));
                  return Listing.Page.of(r.getFunctions(), r.getNextPageToken());
                })
            .params(CATALOG_NAME, SCHEMA_NAME)
            .compact(CatalogRows::function, CatalogRows::functionDetail);
    return ToolDef.builder(CatalogToolset.ID, "list_functions")
        .title("List functions")
        .description(
            "User-defined functions of a schema: name, full_name, language, returns, owner,"
                + " comment. detail=true adds parameters and the body.")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  static ToolDef getFunction() {
    Lookup<FunctionInfo> lookup =
        Lookup.of(
                FUNCTION_FULL_NAME,
                (name, ctx) ->
                    ctx.workspace()
                        .functions()
                        .get(new GetFunctionRequest().setName(Names.path(name))),
                (FunctionInfo f) -> "Function " + f.getFullName() + ".")
            .shape(CatalogRows::functionDetail);
    return ToolDef.builder(CatalogToolset.ID, "get_function")
        .title("Get function")
        .description(
            "One function in full: parameters, returns, body (routine_definition), language,"
                + " owner, times.")
        .input(lookup.input())
        .hints(ToolHints.read())
        .handler(lookup)
        .build();
  }
}
