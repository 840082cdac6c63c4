package dev.databricksmcp.server.tools.catalog;

import static dev.databricksmcp.server.tools.catalog.CatalogParams.CATALOG_NAME;
import static dev.databricksmcp.server.tools.catalog.CatalogParams.COMMENT;
import static dev.databricksmcp.server.tools.catalog.CatalogParams.FORCE;
import static dev.databricksmcp.server.tools.catalog.CatalogParams.NEW_COMMENT;
import static dev.databricksmcp.server.tools.catalog.CatalogParams.NEW_OWNER;
import static dev.databricksmcp.server.tools.catalog.CatalogParams.SCHEMA_FULL_NAME;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.catalog.CreateSchema;
import com.databricks.sdk.service.catalog.DeleteSchemaRequest;
import com.databricks.sdk.service.catalog.GetSchemaRequest;
import com.databricks.sdk.service.catalog.ListSchemasRequest;
import com.databricks.sdk.service.catalog.ListSchemasResponse;
import com.databricks.sdk.service.catalog.SchemaInfo;
import com.databricks.sdk.service.catalog.UpdateSchema;
import dev.databricksmcp.server.core.ConfirmationTarget;
import dev.databricksmcp.server.core.Names;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Params;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.patterns.Deletion;
import dev.databricksmcp.server.core.patterns.GivenFields;
import dev.databricksmcp.server.core.patterns.Listing;
import dev.databricksmcp.server.core.patterns.Lookup;
import java.util.List;
import java.util.Map;

/** Schemas of a catalog. */
public final class SchemaTools {
  private static final Param<String> NAME = Params.namePart("name", "Schema name");

  private SchemaTools() {}

  public static List<ToolDef> definitions(MetadataCache cache) {
    return List.of(list(cache), get(cache), create(), update(), delete());
  }

  static ToolDef list(MetadataCache cache) {
    Listing<SchemaInfo> listing =
        Listing.of(
                "schemas",
                (page, args, ctx) -> {
                  String catalog = CATALOG_NAME.of(args);
                  ListSchemasResponse r =
                      cache.get(
                          ctx,
                          new CacheKey.Schemas(catalog, page.maxResults(), page.pageToken()),
                          () ->
                              ctx.workspace()
                                  .schemas()
                                  .impl()
                                  .list(
                                      new ListSchemasRequest()
                                          .setCatalogName(catalog)
                                          .setMaxResults((long) page.maxResults())
                                          .setPageToken(page.pageToken())));
                  return Listing.Page.of(r.getSchemas(), r.getNextPageToken());
                })
            .params(CATALOG_NAME)
            .compact(CatalogRows::schema, CatalogRows::schemaDetail);
    return ToolDef.builder(CatalogToolset.ID, "list_schemas")
        .title("List schemas")
        .description(
            "Schemas of a catalog: name, full_name, owner, comment, updated_at. detail=true adds"
                + " what get_schema shows (storage, properties, times).")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  /** A schema as the API has it now (not cached: for confirmations and deletes). */
  private static SchemaInfo read(WorkspaceClient w, String fullName) {
    return w.schemas().get(new GetSchemaRequest().setFullName(Names.path(fullName)));
  }

  static ToolDef get(MetadataCache cache) {
    Lookup<SchemaInfo> lookup =
        Lookup.of(
                SCHEMA_FULL_NAME,
                (name, ctx) ->
                    cache.get(ctx, new CacheKey.Schema(name), () -> read(ctx.workspace(), name)),
                (SchemaInfo s) -> "Schema " + s.getFullName() + ".")
            .shape(CatalogRows::schemaDetail);
    return ToolDef.builder(CatalogToolset.ID, "get_schema")
        .title("Get schema")
        .description("One schema in full: owner, comment, properties, times.")
        .input(lookup.input())
        .hints(ToolHints.read())
        .handler(lookup)
        .build();
  }

  static ToolDef create() {
    GivenFields<CreateSchema> fields =
        GivenFields.<CreateSchema>of().field(COMMENT, CreateSchema::setComment);
    return ToolDef.builder(CatalogToolset.ID, "create_schema")
        .title("Create schema")
        .description("Create a schema in a catalog (needs USE CATALOG and CREATE SCHEMA).")
        .input(Schema.of(CATALOG_NAME, NAME).params(fields.params()))
        .hints(ToolHints.write(false))
        .checkWith("get_schema")
        .handler(
            (args, ctx) -> {
              CreateSchema req =
                  fields.apply(
                      args,
                      new CreateSchema()
                          .setCatalogName(CATALOG_NAME.of(args))
                          .setName(NAME.of(args)));
              SchemaInfo s = ctx.workspace().schemas().create(req);
              return ToolResult.of(
                  CatalogRows.schema(s), "Created schema " + s.getFullName() + ".");
            })
        .build();
  }

  static ToolDef update() {
    GivenFields<UpdateSchema> changes =
        GivenFields.<UpdateSchema>of()
            .field(NEW_COMMENT, UpdateSchema::setComment)
            .field(NEW_OWNER, UpdateSchema::setOwner);
    return ToolDef.builder(CatalogToolset.ID, "update_schema")
        .title("Update schema")
        .description("Change a schema's comment or owner; an owner change is confirmed first.")
        .input(Schema.of(SCHEMA_FULL_NAME).params(changes.params()))
        // a new owner can take control away from the current one: confirmed; a comment alone is not
        .hints(ToolHints.destructive(true))
        .confirmTarget(
            (args, ctx) -> {
              if (!NEW_OWNER.given(args)) {
                return null;
              }
              String name = SCHEMA_FULL_NAME.of(args);
              SchemaInfo s = read(ctx.workspace(), name);
              return new ConfirmationTarget(
                  "change the owner of schema '"
                      + name
                      + "' from "
                      + s.getOwner()
                      + " to "
                      + NEW_OWNER.of(args)
                      + " in "
                      + ctx.workspaceHost(),
                  name + "|" + s.getSchemaId() + "|" + s.getOwner());
            })
        .checkWith("get_schema")
        .handler(
            (args, ctx) -> {
              changes.requireAny(args);
              UpdateSchema req =
                  changes.apply(
                      args, new UpdateSchema().setFullName(Names.path(SCHEMA_FULL_NAME.of(args))));
              SchemaInfo s = ctx.workspace().schemas().update(req);
              return ToolResult.of(
                  CatalogRows.schema(s), "Updated schema " + s.getFullName() + ".");
            })
        .build();
  }

  static ToolDef delete() {
    Deletion<SchemaInfo> deletion =
        Deletion.of(
            (args, ctx) -> read(ctx.workspace(), SCHEMA_FULL_NAME.of(args)),
            (s, args, ctx) ->
                ConfirmationTarget.irreversible(
                    "delete schema '"
                        + s.getFullName()
                        + "'"
                        + (FORCE.of(args) ? " and everything in it" : "")
                        + " in "
                        + ctx.workspaceHost(),
                    s.getFullName() + "|" + s.getSchemaId() + "|" + s.getCreatedAt()),
            (s, args, ctx) -> {
              ctx.workspace()
                  .schemas()
                  .delete(
                      new DeleteSchemaRequest()
                          .setFullName(Names.path(s.getFullName()))
                          .setForce(FORCE.of(args)));
              return ToolResult.of(
                  Map.of("full_name", s.getFullName(), "deleted", true),
                  "Deleted schema " + s.getFullName() + ".");
            });
    return ToolDef.builder(CatalogToolset.ID, "delete_schema")
        .title("Delete schema")
        .description(
            "Delete a schema. A schema that still holds tables or volumes is refused unless"
                + " force=true, which deletes them too.")
        .input(Schema.of(SCHEMA_FULL_NAME, FORCE))
        .hints(ToolHints.destructive(true))
        .checkWith("get_schema")
        .confirmTarget(deletion)
        .handler(deletion)
        .build();
  }
}
