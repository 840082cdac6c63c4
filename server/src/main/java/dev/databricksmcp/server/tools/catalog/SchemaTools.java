package dev.databricksmcp.server.tools.catalog;

import com.databricks.sdk.service.catalog.CreateSchema;
import com.databricks.sdk.service.catalog.DeleteSchemaRequest;
import com.databricks.sdk.service.catalog.GetSchemaRequest;
import com.databricks.sdk.service.catalog.ListSchemasRequest;
import com.databricks.sdk.service.catalog.ListSchemasResponse;
import com.databricks.sdk.service.catalog.SchemaInfo;
import com.databricks.sdk.service.catalog.UpdateSchema;
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

/** Schemas of a catalog. */
public final class SchemaTools {
  private SchemaTools() {}

  public static List<ToolDef> definitions(MetadataCache cache) {
    return List.of(list(cache), get(cache), create(), update(), delete());
  }

  static ToolDef list(MetadataCache cache) {
    return ToolDef.builder(CatalogToolset.ID, "list_schemas")
        .title("List schemas")
        .description(
            "Schemas of a catalog: name, owner, comment, last update. detail=true for every field.")
        .input(
            Schema.object()
                .string("catalog_name", "Catalog", true)
                .bool("detail", "Return every field")
                .paging(Pages.DEFAULT_MAX_RESULTS, Pages.MAX_RESULTS_LIMIT))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              ListSchemasRequest req =
                  new ListSchemasRequest()
                      .setCatalogName(Names.part("catalog_name", args.string("catalog_name")))
                      .setMaxResults((long) Pages.maxResults(args));
              args.optionalString("page_token").ifPresent(req::setPageToken);
              ListSchemasResponse page =
                  cache.get(
                      ctx,
                      "schemas\n"
                          + req.getCatalogName()
                          + "\n"
                          + req.getMaxResults()
                          + "\n"
                          + req.getPageToken(),
                      () -> ctx.workspace().schemas().impl().list(req));
              List<Object> rows = new ArrayList<>();
              if (page.getSchemas() != null) {
                page.getSchemas()
                    .forEach(s -> rows.add(args.bool("detail", false) ? s : CatalogRows.schema(s)));
              }
              return Pages.page("schemas", rows, page.getNextPageToken());
            })
        .build();
  }

  static ToolDef get(MetadataCache cache) {
    return ToolDef.builder(CatalogToolset.ID, "get_schema")
        .title("Get schema")
        .description("One schema in full: owner, comment, properties, times.")
        .input(Schema.object().string("full_name", "catalog.schema", true))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              String name = Names.fullName("full_name", args.string("full_name"), 2);
              SchemaInfo s =
                  cache.get(
                      ctx,
                      "schema\n" + name,
                      () ->
                          ctx.workspace()
                              .schemas()
                              .get(new GetSchemaRequest().setFullName(Names.path(name))));
              return ToolResult.of(s, "Schema " + s.getFullName() + ".");
            })
        .build();
  }

  static ToolDef create() {
    return ToolDef.builder(CatalogToolset.ID, "create_schema")
        .title("Create schema")
        .description("Create a schema in a catalog (needs USE CATALOG and CREATE SCHEMA).")
        .input(
            Schema.object()
                .string("catalog_name", "Catalog", true)
                .string("name", "Schema name", true)
                .string("comment", "What it holds", false))
        .hints(ToolHints.write(false))
        .checkWith("get_schema")
        .handler(
            (args, ctx) -> {
              CreateSchema req =
                  new CreateSchema()
                      .setCatalogName(Names.part("catalog_name", args.string("catalog_name")))
                      .setName(Names.part("name", args.string("name")));
              args.optionalString("comment").ifPresent(req::setComment);
              SchemaInfo s = ctx.workspace().schemas().create(req);
              return ToolResult.of(
                  CatalogRows.schema(s), "Created schema " + s.getFullName() + ".");
            })
        .build();
  }

  static ToolDef update() {
    return ToolDef.builder(CatalogToolset.ID, "update_schema")
        .title("Update schema")
        .description("Change a schema's comment or owner; an owner change is confirmed first.")
        .input(
            Schema.object()
                .string("full_name", "catalog.schema", true)
                .string("comment", "New comment", false)
                .string("owner", "New owner", false))
        // a new owner can take control away from the current one: confirmed; a comment alone is not
        .hints(ToolHints.destructive(true))
        .confirmTarget(
            (args, ctx) -> {
              if (!args.has("owner")) {
                return null;
              }
              String name = Names.fullName("full_name", args.string("full_name"), 2);
              SchemaInfo s =
                  ctx.workspace()
                      .schemas()
                      .get(new GetSchemaRequest().setFullName(Names.path(name)));
              return new ConfirmationTarget(
                  "change the owner of schema '"
                      + name
                      + "' from "
                      + s.getOwner()
                      + " to "
                      + args.string("owner")
                      + " in "
                      + ctx.workspaceHost(),
                  name + "|" + s.getSchemaId() + "|" + s.getOwner());
            })
        .checkWith("get_schema")
        .handler(
            (args, ctx) -> {
              if (!args.has("comment") && !args.has("owner")) {
                throw ToolException.validation("comment", "give comment and/or owner to change");
              }
              UpdateSchema req =
                  new UpdateSchema()
                      .setFullName(
                          Names.path(Names.fullName("full_name", args.string("full_name"), 2)));
              args.optionalString("comment").ifPresent(req::setComment);
              args.optionalString("owner").ifPresent(req::setOwner);
              SchemaInfo s = ctx.workspace().schemas().update(req);
              return ToolResult.of(
                  CatalogRows.schema(s), "Updated schema " + s.getFullName() + ".");
            })
        .build();
  }

  static ToolDef delete() {
    return ToolDef.builder(CatalogToolset.ID, "delete_schema")
        .title("Delete schema")
        .description(
            "Delete a schema. A schema that still holds tables or volumes is refused unless"
                + " force=true, which deletes them too.")
        .input(
            Schema.object()
                .string("full_name", "catalog.schema", true)
                .bool("force", "Also delete everything in it"))
        .hints(ToolHints.destructive(true))
        .checkWith("get_schema")
        .confirmTarget(
            (args, ctx) -> {
              String name = Names.fullName("full_name", args.string("full_name"), 2);
              SchemaInfo s =
                  ctx.workspace()
                      .schemas()
                      .get(new GetSchemaRequest().setFullName(Names.path(name)));
              return new ConfirmationTarget(
                  "delete schema '"
                      + name
                      + "'"
                      + (args.bool("force", false) ? " and everything in it" : "")
                      + " in "
                      + ctx.workspaceHost(),
                  name + "|" + s.getSchemaId() + "|" + s.getCreatedAt());
            })
        .handler(
            (args, ctx) -> {
              String name = Names.fullName("full_name", args.string("full_name"), 2);
              ctx.workspace()
                  .schemas()
                  .delete(
                      new DeleteSchemaRequest()
                          .setFullName(Names.path(name))
                          .setForce(args.bool("force", false)));
              return ToolResult.of(
                  Map.of("full_name", name, "deleted", true), "Deleted schema " + name + ".");
            })
        .build();
  }
}
